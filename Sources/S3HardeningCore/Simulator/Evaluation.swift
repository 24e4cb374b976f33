// An offline evaluator of AWS policies for the requests this tool produces and audits: S3 requests
// (identity + bucket + gateway endpoint policies) and the KMS calls S3 makes on the caller's behalf
// (identity + key policy). It reads policies as JSON, exactly as AWS receives them. What it does not
// model (SCPs, permission boundaries, session policies, ACLs, other services) is listed in docs/simulator.md.

public struct SimulationError: Error, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// One policy document, parsed.
public struct SimPolicy: Sendable {
    public let name: String
    let statements: [SimStatement]

    public init(name: String, json: String) throws(SimulationError) {
        try self.init(name: name, document: JSONValue.parse(json))
    }

    /// A policy document already parsed (or built from a policy tree: `JSONRenderer.value`).
    public init(name: String, document: JSONValue?) throws(SimulationError) {
        self.name = name
        guard let object = document?.object else {
            throw SimulationError("\(name): not a JSON policy document")
        }
        let raw: [JSONValue]
        switch object["Statement"] {
        case let .array(list)?: raw = list
        case let single? where single.object != nil: raw = [single]
        default: throw SimulationError("\(name): no Statement")
        }
        var parsed: [SimStatement] = []
        for (i, item) in raw.enumerated() {
            guard let dict = item.object else { throw SimulationError("\(name): statement \(i + 1) is not an object") }
            parsed.append(try SimStatement(dict, index: i, file: name))
        }
        statements = parsed
    }

    /// Everything, for every principal: an identity policy with `*:*`.
    public static let administratorAccess = try! SimPolicy(name: "AdministratorAccess",
        json: #"{"Version":"2012-10-17","Statement":[{"Sid":"AdministratorAccess","Effect":"Allow","Action":"*","Resource":"*"}]}"#)
}

/// A statement, parsed once: a class, so the evaluator walks statements without copying their arrays.
final class SimStatement: Sendable {
    enum PrincipalSpec: Sendable {
        case anyone
        /// AWS principals (ARNs, account ids, `:root`) and service principals (`cloudtrail.amazonaws.com`);
        /// federated principals never match the principals the simulator models, so they are not kept.
        /// Each AWS entry with the account it names (an account id, or a `:root` ARN's), found once when parsed, not
        /// on every request the matrix evaluates.
        case listed(aws: [(entry: String, account: String?)], services: [String])

        static func listed(_ aws: [String], services: [String]) -> PrincipalSpec {
            .listed(aws: aws.map { entry in
                (entry, entry.hasSuffix(":root") ? entry.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first.map(String.init) : entry)
            }, services: services)
        }
    }
    struct ConditionTest: Sendable {
        let op: ConditionOperator
        /// Lowercased: condition keys are case-insensitive.
        let key: String
        let values: [String]
    }

    let sid: String
    /// `file › Sid`, as decisions cite it.
    let label: String
    let allow: Bool
    let principal: PrincipalSpec?
    let notPrincipal: PrincipalSpec?
    let actions: [Pattern]?
    let notActions: [Pattern]?
    let resources: [Pattern]?
    let notResources: [Pattern]?
    let conditions: [ConditionTest]

    init(_ dict: [String: JSONValue], index: Int, file: String) throws(SimulationError) {
        sid = dict["Sid"]?.string ?? "statement \(index + 1)"
        label = "\(file) › \(sid)"
        switch dict["Effect"]?.string {
        case "Allow": allow = true
        case "Deny": allow = false
        default: throw SimulationError("\(file) › \(sid): Effect must be Allow or Deny")
        }
        // A value or a list of values, as text (numbers and booleans as JSON writes them); anything nested matches nothing.
        func strings(_ value: JSONValue?) -> [String]? {
            switch value {
            case nil: return nil
            case let .array(list)?: return list.map { $0.scalarText ?? "\($0)" }
            case let scalar?: return [scalar.scalarText ?? "\(scalar)"]
            }
        }
        func principalSpec(_ value: JSONValue?) -> PrincipalSpec? {
            switch value {
            case nil: return nil
            case let .string(s)?: return s == "*" ? .anyone : .listed([s], services: [])
            case let .object(d)?:
                let aws = strings(d["AWS"]) ?? []
                if aws.contains("*") { return .anyone }
                return .listed(aws, services: strings(d["Service"]) ?? [])
            default: return nil
            }
        }
        principal = principalSpec(dict["Principal"])
        notPrincipal = principalSpec(dict["NotPrincipal"])
        // Actions are case-insensitive: kept lowercased, and requests are lowercased once.
        actions = strings(dict["Action"])?.map { Pattern($0.lowercased()) }
        notActions = strings(dict["NotAction"])?.map { Pattern($0.lowercased()) }
        resources = strings(dict["Resource"])?.map(Pattern.init)
        notResources = strings(dict["NotResource"])?.map(Pattern.init)
        var tests: [ConditionTest] = []
        if let condition = dict["Condition"]?.object {
            for (op, block) in condition.sorted(by: { $0.key < $1.key }) {
                guard let keys = block.object else { throw SimulationError("\(file) › \(sid): condition \(op) is not an object") }
                guard let parsed = ConditionOperator(op) else {
                    throw SimulationError("\(file) › \(sid): condition operator \(op) is not modelled (see docs/simulator.md)")
                }
                for (key, value) in keys.sorted(by: { $0.key < $1.key }) {
                    tests.append(ConditionTest(op: parsed, key: key.lowercased(), values: strings(value) ?? []))
                }
            }
        }
        conditions = tests
    }
}

/// A principal making requests: an IAM role or user (with its identity policies), an AWS service principal
/// (`cloudtrail.amazonaws.com`, acting with its own credentials), or anonymous.
public struct SimPrincipal: Sendable {
    public let label: String
    public let arn: String?
    public let account: String?
    public let identityPolicies: [SimPolicy]
    public let service: String?
    /// Organizations: RCPs do not apply to service-linked roles (AWS Organizations User Guide, "Resource control
    /// policies"). Decided once: every request of the matrix asks.
    let isServiceLinkedRole: Bool

    public init(label: String, arn: String?, identityPolicies: [SimPolicy] = []) {
        self.init(label: label, arn: arn, identityPolicies: identityPolicies, service: nil)
    }

    public static func service(_ name: String, label: String) -> SimPrincipal {
        SimPrincipal(label: label, arn: nil, identityPolicies: [], service: name)
    }

    private init(label: String, arn: String?, identityPolicies: [SimPolicy], service: String?) {
        self.label = label
        self.arn = arn
        self.identityPolicies = identityPolicies
        self.service = service
        if let arn {
            let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
            account = parts.count > 4 ? String(parts[4]) : nil
            isServiceLinkedRole = arn.firstRange(of: ":role/aws-service-role/") != nil
        } else {
            account = nil
            isServiceLinkedRole = false
        }
    }

    public static let anonymous = SimPrincipal(label: "anonymous", arn: nil)
    public var isAnonymous: Bool { arn == nil && service == nil }
}

public struct SimRequest: Sendable {
    public let principal: SimPrincipal
    public let action: String
    let lowercasedAction: String
    public let resource: String
    /// Condition keys, lowercased, with their values in the request.
    public let context: [String: [String]]

    public init(principal: SimPrincipal, action: String, resource: String, context: [String: [String]]) {
        var keyed: [String: [String]] = [:]
        for (key, value) in context { keyed[key.lowercased()] = value }
        self.init(principal: principal, action: action, resource: resource, lowercasedContext: keyed)
    }

    /// `context` keys already lowercased (the matrix builds each path's context once).
    init(principal: SimPrincipal, action: String, resource: String, lowercasedContext: [String: [String]]) {
        self.principal = principal
        self.action = action
        self.lowercasedAction = action.lowercased()
        self.resource = resource
        var keyed = lowercasedContext
        if let arn = principal.arn {
            keyed["aws:principalarn"] = keyed["aws:principalarn"] ?? [arn]
            if let account = principal.account { keyed["aws:principalaccount"] = keyed["aws:principalaccount"] ?? [account] }
        }
        self.context = keyed
    }
}

/// Allowed or not, and the statements (`file › Sid`) that decided it.
public struct Decision: Equatable, Sendable {
    public let allowed: Bool
    public let reasons: [String]

    static func deny(_ reasons: [String]) -> Decision { Decision(allowed: false, reasons: reasons) }
    static func allow(_ reasons: [String]) -> Decision { Decision(allowed: true, reasons: reasons) }
}

// MARK: - Matching

/// An action or resource pattern, classified once.
struct Pattern: Sendable {
    enum Kind: Sendable { case anything, exact, glob }
    let text: String
    let kind: Kind

    init(_ text: String) {
        self.text = text
        if text == "*" { kind = .anything }
        else if text.utf8.contains(where: { $0 == 0x2A || $0 == 0x3F }) { kind = .glob }
        else { kind = .exact }
    }

    func matches(_ value: String) -> Bool {
        switch kind {
        case .anything: return true
        case .exact: return text == value
        case .glob: return Glob.matches(text, value)
        }
    }
}

enum Glob {
    /// AWS wildcard matching: `*` any run, `?` one character.
    static func matches(_ pattern: String, _ value: String, caseInsensitive: Bool = false) -> Bool {
        if pattern == "*" { return true }
        if caseInsensitive { return matches(pattern.lowercased(), value.lowercased()) }
        var pattern = pattern, value = value
        return pattern.withUTF8 { p in value.withUTF8 { v in matches(p, v) } }
    }

    private static func matches(_ p: UnsafeBufferPointer<UInt8>, _ v: UnsafeBufferPointer<UInt8>) -> Bool {
        var pi = 0, vi = 0, star = -1, mark = 0
        while vi < v.count {
            if pi < p.count, p[pi] == UInt8(ascii: "?") || p[pi] == v[vi] { pi += 1; vi += 1 }
            else if pi < p.count, p[pi] == UInt8(ascii: "*") { star = pi; mark = vi; pi += 1 }
            else if star >= 0 { pi = star + 1; mark += 1; vi = mark }
            else { return false }
        }
        while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }
}

/// A condition operator with its qualifiers, e.g. `ForAnyValue:StringNotEqualsIfExists`.
struct ConditionOperator: Sendable {
    enum Base: String, Sendable {
        case stringEquals = "StringEquals", stringNotEquals = "StringNotEquals"
        case stringEqualsIgnoreCase = "StringEqualsIgnoreCase", stringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase"
        case stringLike = "StringLike", stringNotLike = "StringNotLike"
        case arnEquals = "ArnEquals", arnNotEquals = "ArnNotEquals", arnLike = "ArnLike", arnNotLike = "ArnNotLike"
        case bool = "Bool", null = "Null"
        case numericEquals = "NumericEquals", numericNotEquals = "NumericNotEquals"
        case numericLessThan = "NumericLessThan", numericLessThanEquals = "NumericLessThanEquals"
        case numericGreaterThan = "NumericGreaterThan", numericGreaterThanEquals = "NumericGreaterThanEquals"
        case ipAddress = "IpAddress", notIpAddress = "NotIpAddress"
    }
    enum Qualifier: Sendable { case none, forAnyValue, forAllValues }

    let base: Base
    let ifExists: Bool
    let qualifier: Qualifier

    init?(_ text: String) {
        var name = text
        if name.hasPrefix("ForAnyValue:") { qualifier = .forAnyValue; name.removeFirst("ForAnyValue:".count) }
        else if name.hasPrefix("ForAllValues:") { qualifier = .forAllValues; name.removeFirst("ForAllValues:".count) }
        else { qualifier = .none }
        ifExists = name.hasSuffix("IfExists") && name != "IfExists"
        if ifExists { name.removeLast("IfExists".count) }
        guard let base = Base(rawValue: name), !(ifExists && base == .null) else { return nil }
        self.base = base
    }

    var negated: Bool {
        switch base {
        case .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .arnNotEquals, .arnNotLike, .numericNotEquals, .notIpAddress: return true
        default: return false
        }
    }

    /// Whether one request value matches one policy value under the positive form of the operator.
    private func positiveMatch(_ policy: String, _ request: String) -> Bool {
        switch base {
        case .stringEquals, .stringNotEquals: return policy == request
        case .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase: return policy.lowercased() == request.lowercased()
        case .stringLike, .stringNotLike, .arnEquals, .arnNotEquals, .arnLike, .arnNotLike: return Glob.matches(policy, request)
        case .bool: return policy.lowercased() == request.lowercased()
        case .numericEquals, .numericNotEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan, .numericGreaterThanEquals:
            guard let p = Double(policy), let r = Double(request) else { return false }
            switch base {
            case .numericEquals, .numericNotEquals: return r == p
            case .numericLessThan: return r < p
            case .numericLessThanEquals: return r <= p
            case .numericGreaterThan: return r > p
            default: return r >= p
            }
        case .ipAddress, .notIpAddress: return IPv4.contains(cidr: policy, address: request)
        case .null: return false
        }
    }

    /// AWS's rules: an absent key makes a condition false, except for negated operators and `…IfExists`
    /// (true), and `Null` (which tests presence). Several policy values are ORed; a negated operator is
    /// true when no policy value matches.
    func evaluate(policyValues: [String], requestValues: [String]?) -> Bool {
        if base == .null {
            let wantsAbsent = policyValues.contains { $0.lowercased() == "true" }
            return (requestValues == nil || requestValues!.isEmpty) == wantsAbsent
        }
        guard let requestValues, !requestValues.isEmpty else {
            if qualifier == .forAllValues { return true }
            return ifExists || negated
        }
        func anyMatch(_ value: String) -> Bool { policyValues.contains { positiveMatch($0, value) } }
        switch qualifier {
        case .forAllValues: return requestValues.allSatisfy { negated ? !anyMatch($0) : anyMatch($0) }
        case .forAnyValue: return requestValues.contains { negated ? !anyMatch($0) : anyMatch($0) }
        case .none:
            let matched = requestValues.contains(where: anyMatch)
            return negated ? !matched : matched
        }
    }
}

enum IPv4 {
    static func parse(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".")
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard let byte = UInt8(part) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        return value
    }

    static func contains(cidr: String, address: String) -> Bool {
        let pieces = cidr.split(separator: "/")
        guard let base = parse(String(pieces[0])), let ip = parse(address) else { return false }
        let bits = pieces.count > 1 ? (Int(pieces[1]) ?? 32) : 32
        let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << UInt32(32 - bits)
        return base & mask == ip & mask
    }
}

extension SimStatement {
    enum PrincipalMatch { case none, direct, account }

    static func match(_ spec: PrincipalSpec, _ principal: SimPrincipal) -> PrincipalMatch {
        switch spec {
        case .anyone: return .direct
        case let .listed(aws, services):
            if let service = principal.service { return services.contains(service) ? .direct : .none }
            guard let arn = principal.arn else { return .none }
            for (entry, account) in aws {
                if entry == arn { return .direct }
                if let account, account == principal.account { return .account }
            }
            return .none
        }
    }

    /// How this statement's principal element applies to the request's principal (identity statements always apply).
    func principalMatch(_ who: SimPrincipal, resourcePolicy: Bool) -> PrincipalMatch {
        guard resourcePolicy else { return .direct }
        if let spec = principal { return Self.match(spec, who) }
        if let spec = notPrincipal { return Self.match(spec, who) == .none ? .direct : .none }
        return .none
    }

    /// `action` lowercased.
    func appliesTo(action: String, resource: String, context: [String: [String]]) -> Bool {
        if let actions, !actions.contains(where: { $0.matches(action) }) { return false }
        if let notActions, notActions.contains(where: { $0.matches(action) }) { return false }
        if let resources, !resources.contains(where: { $0.matches(resource) }) { return false }
        if let notResources, notResources.contains(where: { $0.matches(resource) }) { return false }
        for test in conditions where !test.op.evaluate(policyValues: test.values, requestValues: context[test.key]) { return false }
        return true
    }
}

// MARK: - Decisions

/// The resource-side policies of one bucket, its key and the endpoint in front of it.
public struct PolicyEvaluator: Sendable {
    public let bucketPolicy: SimPolicy?
    public let endpointPolicy: SimPolicy?
    public let keyPolicy: SimPolicy?
    /// The account that owns the bucket and the key.
    public let resourceAccount: String?
    /// A resource control policy over the bucket's account (Deny statements only): a further layer that no
    /// policy in the account can lift. Assumed to be attached to a member account (RCPs skip the management account's).
    public let resourceControlPolicy: SimPolicy?

    public init(bucketPolicy: SimPolicy?, endpointPolicy: SimPolicy?, keyPolicy: SimPolicy?, resourceAccount: String?,
                resourceControlPolicy: SimPolicy? = nil) {
        self.bucketPolicy = bucketPolicy
        self.endpointPolicy = endpointPolicy
        self.keyPolicy = keyPolicy
        self.resourceAccount = resourceAccount
        self.resourceControlPolicy = resourceControlPolicy
    }

    /// The same evaluator with another bucket policy (none: the bucket policy was deleted).
    public func replacingBucketPolicy(_ policy: SimPolicy?) -> PolicyEvaluator {
        PolicyEvaluator(bucketPolicy: policy, endpointPolicy: endpointPolicy, keyPolicy: keyPolicy, resourceAccount: resourceAccount,
                        resourceControlPolicy: resourceControlPolicy)
    }

    /// The RCP's matching Deny statements (an RCP cannot allow; service-linked roles are out of its reach).
    private func guardrailDenies(_ request: SimRequest) -> [Hit] {
        guard !request.principal.isServiceLinkedRole else { return [] }
        return hits(resourceControlPolicy, request, resourcePolicy: true).filter { !$0.statement.allow }
    }

    /// A statement that applies to a request, and how its principal element named the caller.
    typealias Hit = (statement: SimStatement, file: String, match: SimStatement.PrincipalMatch)

    private func hits(_ policy: SimPolicy?, _ request: SimRequest, resourcePolicy: Bool) -> [Hit] {
        guard let policy else { return [] }
        return policy.statements.compactMap { s in
            let match = s.principalMatch(request.principal, resourcePolicy: resourcePolicy)
            guard match != .none, s.appliesTo(action: request.lowercasedAction, resource: request.resource, context: request.context) else { return nil }
            return (s, policy.name, match)
        }
    }

    private func identityHits(_ request: SimRequest) -> [Hit] {
        request.principal.identityPolicies.flatMap { hits($0, request, resourcePolicy: false) }
    }

    private static func label(_ hit: Hit) -> String { hit.statement.label }

    /// An S3 request through an access point: two authorisations that must both allow it (Amazon S3 User Guide,
    /// "Configuring IAM policies for using access points"): the access point's (its policy, on `AP/object/KEY`) and
    /// the bucket's (the bucket policy, on `bucket/KEY`); the endpoint policy must allow both resources ("Creating
    /// access points restricted to a virtual private cloud"). A Deny in either decides.
    public func s3(through accessPoint: SimPolicy, _ apRequest: SimRequest, _ bucketRequest: SimRequest, viaEndpoint: Bool) -> Decision {
        Self.throughAccessPoint(s3(apRequest, viaEndpoint: viaEndpoint, resourcePolicy: accessPoint), s3(bucketRequest, viaEndpoint: viaEndpoint))
    }

    /// Both authorisations of a request through an access point, combined.
    static func throughAccessPoint(_ atAccessPoint: Decision, _ atBucket: Decision) -> Decision {
        switch (atAccessPoint.allowed, atBucket.allowed) {
        case (true, true): return .allow(atAccessPoint.reasons + atBucket.reasons)
        case (false, true): return .deny(atAccessPoint.reasons)
        case (true, false): return .deny(atBucket.reasons)
        case (false, false): return .deny(atAccessPoint.reasons + atBucket.reasons)
        }
    }

    /// An S3 request. `viaEndpoint`: it arrives through the gateway endpoint, whose policy must allow it.
    /// `resourcePolicy`: the bucket policy, or an access point's for the access point's half of a request through it.
    public func s3(_ request: SimRequest, viaEndpoint: Bool) -> Decision { s3(request, viaEndpoint: viaEndpoint, resourcePolicy: bucketPolicy) }

    func s3(_ request: SimRequest, viaEndpoint: Bool, resourcePolicy bucketPolicy: SimPolicy?) -> Decision {
        s3Decision(request.principal, action: request.action, lowercasedAction: request.lowercasedAction,
                   identity: identityHits(request), bucket: hits(bucketPolicy, request, resourcePolicy: true),
                   endpoint: viaEndpoint ? hits(endpointPolicy, request, resourcePolicy: true) : [],
                   guardrail: guardrailDenies(request), viaEndpoint: viaEndpoint)
    }

    /// AWS's decision on an S3 request from the statements that apply to it, in policy order: the identity
    /// policies', the bucket's (or access point's), the endpoint's and the RCP's Denies. The one place it is
    /// decided, whichever way the statements were found (`hits` here, `CompiledMatrix` for the matrix).
    func s3Decision(_ principal: SimPrincipal, action: String, lowercasedAction: String, identity: [Hit], bucket: [Hit],
                    endpoint: [Hit], guardrail: [Hit], viaEndpoint: Bool) -> Decision {
        // Every matrix cell comes here: the hits are scanned in place, and labels collected only for the answer.
        if identity.contains(where: { !$0.statement.allow }) || bucket.contains(where: { !$0.statement.allow })
            || endpoint.contains(where: { !$0.statement.allow }) || !guardrail.isEmpty {
            var denies: [String] = []
            for layer in [identity, bucket, endpoint] { for hit in layer where !hit.statement.allow { denies.append(hit.statement.label) } }
            return .deny(denies + guardrail.map(Self.label))
        }
        if viaEndpoint, endpointPolicy != nil, !endpoint.contains(where: { $0.statement.allow }) {
            return .deny(["\(endpointPolicy!.name): no statement allows it (an endpoint policy has no implicit allow)"])
        }
        // No Deny applies, so every hit left is an Allow.
        func labels(_ hits: [Hit], _ match: SimStatement.PrincipalMatch? = nil) -> [String] {
            hits.compactMap { match == nil || $0.match == match ? $0.statement.label : nil }
        }
        let bucketDirect = bucket.contains { $0.match == .direct }, bucketAccount = bucket.contains { $0.match == .account }
        if principal.service != nil {
            // A service principal has no identity policy: only a resource policy naming it can allow it.
            return bucketDirect ? .allow(labels(bucket, .direct)) : .deny(["no statement allows \(principal.service!) (implicit deny)"])
        }
        let sameAccount = principal.account != nil && principal.account == resourceAccount
        if !sameAccount, Self.ownerAccountOnlyS3Actions.contains(lowercasedAction) {
            return .deny(["S3 answers 405 to \(action) from outside the bucket owner's account, whatever the policies say"])
        }
        let identityAllows = !identity.isEmpty
        let allowed: Bool
        if principal.isAnonymous { allowed = bucketDirect }
        else if sameAccount { allowed = identityAllows || bucketDirect }
        else { allowed = identityAllows && (bucketDirect || bucketAccount) }
        if allowed { return .allow(labels(identity) + labels(bucket, .direct) + labels(bucket, .account)) }
        if sameAccount || principal.isAnonymous { return .deny(["no statement allows it (implicit deny)"]) }
        return .deny([identityAllows ? "the bucket policy does not allow another account"
                                     : "no identity policy allows it (another account needs both sides)"])
    }

    /// Bucket-policy operations S3 allows only to identities of the bucket owner's account (Amazon S3 API
    /// Reference, PutBucketPolicy / GetBucketPolicy / DeleteBucketPolicy: "405 Method Not Allowed").
    static let ownerAccountOnlyS3Actions: Set<String> = ["s3:putbucketpolicy", "s3:getbucketpolicy", "s3:deletebucketpolicy"]

    /// A KMS request on the key: the key policy must allow it, directly or by delegating to the account (then IAM must too).
    public func kms(_ request: SimRequest) -> Decision {
        guard let keyPolicy else { return .deny(["no key policy given: KMS not evaluated"]) }
        return kmsDecision(request.principal, action: request.action, lowercasedAction: request.lowercasedAction,
                           keyAccount: Self.keyAccount(request.resource) ?? resourceAccount, keyPolicyName: keyPolicy.name,
                           identity: identityHits(request), key: hits(keyPolicy, request, resourcePolicy: true),
                           guardrail: guardrailDenies(request))
    }

    /// The account in a key's ARN (`arn:aws:kms:REGION:ACCOUNT:key/ID`).
    static func keyAccount(_ keyArn: String) -> String? {
        keyArn.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first.map(String.init)
    }

    /// AWS's decision on a KMS request from the statements that apply to it (identity, key policy, the RCP's Denies).
    func kmsDecision(_ principal: SimPrincipal, action: String, lowercasedAction: String, keyAccount: String?, keyPolicyName: String,
                     identity: [Hit], key: [Hit], guardrail: [Hit]) -> Decision {
        let denies = (identity + key).filter { !$0.statement.allow } + guardrail
        if !denies.isEmpty { return .deny(denies.map(Self.label)) }
        let direct = key.filter { $0.statement.allow && $0.match == .direct }
        let delegated = key.filter { $0.statement.allow && $0.match == .account }
        let identityAllows = identity.filter(\.statement.allow)
        guard let account = principal.account, account != keyAccount else {
            if !direct.isEmpty { return .allow(direct.map(Self.label)) }
            if !delegated.isEmpty && !identityAllows.isEmpty { return .allow((delegated + identityAllows).map(Self.label)) }
            return .deny(["\(keyPolicyName): no statement allows it"])
        }
        // Another account: only some operations work at all, and then the key policy must name the principal
        // (or its account) and the principal's own IAM policies must allow it too.
        guard Self.crossAccountKMSActions.contains(lowercasedAction) else {
            return .deny(["KMS does not allow \(action) from another account (\(account)), whatever the policies say"])
        }
        if !(direct + delegated).isEmpty && !identityAllows.isEmpty { return .allow((direct + delegated + identityAllows).map(Self.label)) }
        return .deny(["\(keyPolicyName) and the caller's own IAM policies must both allow a request from another account"])
    }

    /// The only KMS operations a principal in another account can call on a key; any other (PutKeyPolicy,
    /// ScheduleKeyDeletion, …) fails whatever the policies grant. AWS KMS Developer Guide, "Allowing users in
    /// other accounts to use a KMS key".
    static let crossAccountKMSActions: Set<String> = Set([
        "CreateGrant", "Decrypt", "DescribeKey", "DeriveSharedSecret", "Encrypt", "GenerateDataKey", "GenerateDataKeyPair",
        "GenerateDataKeyPairWithoutPlaintext", "GenerateDataKeyWithoutPlaintext", "GenerateMac", "GetKeyRotationStatus",
        "GetPublicKey", "ListGrants", "ReEncryptFrom", "ReEncryptTo", "RetireGrant", "RevokeGrant", "Sign", "Verify", "VerifyMac",
    ].map { "kms:\($0)".lowercased() })
}
