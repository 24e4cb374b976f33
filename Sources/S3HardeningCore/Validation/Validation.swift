// Field rules and whole-plan checks. Nothing throws: every problem is a diagnostic that names the
// field, so a form can show it under the field and the CLI can print it with the answers-file line.

public struct Diagnostic: Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public let severity: Severity
    public let path: FieldPath
    public let message: String
    /// The intent of the offline proof this reports on, for a broken or accepted intent.
    public var intent: IntentID? = nil

    public static func error(_ path: FieldPath, _ message: String) -> Diagnostic { Diagnostic(severity: .error, path: path, message: message) }
    public static func warning(_ path: FieldPath, _ message: String) -> Diagnostic { Diagnostic(severity: .warning, path: path, message: message) }
    /// The proof could not run: an output that cannot be proved is not written.
    public static func proofFailed(_ error: Error) -> Diagnostic {
        .error(FieldPath(), "the offline proof could not run (\(error)); nothing can be written until it does")
    }
    func about(_ intent: IntentID) -> Diagnostic { var copy = self; copy.intent = intent; return copy }

    public var description: String { "\(severity.rawValue): \(path): \(message)" }
}

extension Array where Element == Diagnostic {
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }
}

/// A value as messages show it: quoted, unsafe characters escaped (a message must not carry a line
/// break or a terminal control), and a long value cut to its start and its length, never echoed whole.
public func quoted(_ value: String) -> String {
    let shownLimit = 64  // an ARN fits; a pasted blob does not
    var shown = ""
    for scalar in value.unicodeScalars.prefix(shownLimit) {
        switch scalar {
        case "\n": shown += "\\n"
        case "\r": shown += "\\r"
        case "\t": shown += "\\t"
        case _ where Patterns.isUnsafe(scalar): shown += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        default: shown.unicodeScalars.append(scalar)
        }
    }
    let length = value.unicodeScalars.count
    return length > shownLimit ? "'\(shown)…' (\(length) characters)" : "'\(shown)'"
}

/// S3's bucket naming rules in full; nil when the name is valid.
public func bucketNameProblem(_ name: String) -> String? {
    if name.count < 3 || name.count > 63 { return "must be 3 to 63 characters long (is \(name.count))" }
    if let bad = Patterns.firstUnsafeCharacter(in: name) { return unsafeCharacterProblem(bad) }
    if !Patterns.matches(name, Patterns.bucketNameCharacters) { return "may hold only lowercase letters, digits, dots and hyphens" }
    if !Patterns.matches(name, Patterns.bucketNameEnds) { return "must begin and end with a letter or digit" }
    if name.contains("..") { return "must not contain two adjacent dots" }
    if Patterns.matches(name, Patterns.ipAddress) { return "must not look like an IP address" }
    for prefix in ["xn--", "sthree-", "amzn-s3-demo-"] where name.hasPrefix(prefix) { return "must not begin with the reserved prefix '\(prefix)'" }
    for suffix in ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"] where name.hasSuffix(suffix) {
        return "must not end with the reserved suffix '\(suffix)'"
    }
    return nil
}

func unsafeCharacterProblem(_ scalar: Unicode.Scalar) -> String {
    let code = String(scalar.value, radix: 16, uppercase: true)
    let name = ["A": " (line feed)", "D": " (carriage return)", "9": " (tab)", "FEFF": " (byte order mark)", "2028": " (line separator)"][code] ?? ""
    return "contains the invisible character U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code)\(name); remove it"
}

/// What a field must look like: its pattern, how a message names it, its length limit, and, for
/// values made of parts (ARNs, key prefixes), which part is wrong.
struct Shape: Sendable {
    let pattern: String
    let expected: String
    var maxLength: Int? = nil
    var explain: (@Sendable (String) -> String?)? = nil
    /// The pattern's scanner, found once (finding it hashes the pattern).
    private let accepts: @Sendable (Bytes) -> Bool

    init(pattern: String, expected: String, maxLength: Int? = nil, explain: (@Sendable (String) -> String?)? = nil) {
        self.pattern = pattern
        self.expected = expected
        self.maxLength = maxLength
        self.explain = explain
        accepts = Patterns.scanner(pattern)
    }

    /// Why `value` does not have this shape, worded for the user; nil when it does.
    func problem(_ value: String) -> String? {
        if Patterns.matches(value, accepts) { return nil }
        let shown = quoted(value)
        if let bad = Patterns.firstUnsafeCharacter(in: value) { return "\(shown) \(unsafeCharacterProblem(bad))" }
        if let maxLength, value.count > maxLength {
            return "\(shown) is too long: at most \(maxLength) characters are allowed"
        }
        if let detail = explain?(value) { return "\(shown) is not \(expected): \(detail)" }
        return "\(shown) is not \(expected)"
    }
}

extension Shape {
    static let service = Shape(pattern: Patterns.service, expected: "a short name of lowercase letters, digits and hyphens (at most 24)", maxLength: 24)
    static let environment = Shape(pattern: Patterns.environment, expected: "a short name of lowercase letters, digits and hyphens (at most 16)", maxLength: 16)
    static let region = Shape(pattern: Patterns.region, expected: "a region such as us-east-1", maxLength: 32)
    static let accountId = Shape(pattern: Patterns.accountId, expected: "a 12-digit account id", maxLength: 12)
    static let logicalName = Shape(pattern: Patterns.logicalName, expected: "a short name of lowercase letters, digits and hyphens", maxLength: 31)
    static let roleName = Shape(pattern: Patterns.roleName, expected: "an IAM role name (1-64 of letters, digits and +=,.@_-)", maxLength: 64)
    static let functionName = Shape(pattern: Patterns.functionName, expected: "a function name (1-64 letters, digits, - or _)", maxLength: 64)
    static let keyAlias = Shape(pattern: Patterns.keyAlias, expected: "alias/ followed by letters, digits, / _ - or : (at most 256 characters)", maxLength: 256)
    static let servicePrincipal = Shape(pattern: Patterns.servicePrincipal, expected: "a service principal such as lambda.amazonaws.com", maxLength: 128)
    static let bucketPrefix = Shape(pattern: Patterns.bucketPrefix, expected: "a bucket prefix: 1 to 37 lowercase letters, digits, dots or hyphens, starting with a letter or digit", maxLength: 37)
    static let keyPrefix = Shape(pattern: Patterns.keyPrefix, expected: "a key prefix without wildcards, such as incoming/", maxLength: 1024,
                                 explain: keyPrefixProblem)
    static let vpcId = Shape(pattern: Patterns.vpcId, expected: "a VPC id such as vpc-0123456789abcdef0", maxLength: 21)
    static let routeTableId = Shape(pattern: Patterns.routeTableId, expected: "a route table id such as rtb-0123456789abcdef0", maxLength: 21)
    static let keyId = Shape(pattern: Patterns.bareKeyId, expected: "a key id such as 1234abcd-12ab-34cd-56ef-1234567890ab", maxLength: 36)
    static let endpointId = Shape(pattern: Patterns.endpointId, expected: "an endpoint id such as vpce-0123456789abcdef0", maxLength: 22)
    static let subnetId = Shape(pattern: Patterns.subnetId, expected: "a subnet id such as subnet-0123456789abcdef0", maxLength: 24)
    static let email = Shape(pattern: Patterns.email, expected: "an e-mail address such as security@example.com", maxLength: 254)
    static let rcpTarget = Shape(pattern: Patterns.rcpTarget, expected: "a 12-digit account id or an OU id such as ou-ab12-cd34ef56", maxLength: 68)
    static let organizationId = Shape(pattern: Patterns.organizationId, expected: "an organization id such as o-abc123def4", maxLength: 34)
    static let keyArn = Shape(pattern: Patterns.keyArn, expected: "a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)", maxLength: 2048,
                              explain: { arnProblem($0, service: "kms", hasRegion: true, hasAccount: true, resource: Patterns.keyId, resourceExpected: "key/ followed by a key id") })
    static let replicationKeyArn = Shape(pattern: Patterns.keyArn, expected: "a KMS key ARN in the destination's region", maxLength: 2048, explain: keyArn.explain)
    static let bucketArn = Shape(pattern: Patterns.bucketArn, expected: "an S3 bucket ARN such as arn:aws:s3:::backup-bucket", maxLength: 2048,
                                 explain: { arnProblem($0, service: "s3", hasRegion: false, hasAccount: false, resource: Patterns.bucketNameShape, resourceExpected: "a bucket name") })
    static let roleArn = Shape(pattern: Patterns.roleArn, expected: "an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)", maxLength: 2048,
                               explain: { arnProblem($0, service: "iam", hasRegion: false, hasAccount: true, resource: Patterns.rolePathAndName, resourceExpected: "role/ followed by an optional path and a role name") })
    static let principalArn = Shape(pattern: Patterns.principalArn, expected: "an IAM role or user ARN", maxLength: 2048,
                                    explain: { arnProblem($0, service: "iam", hasRegion: false, hasAccount: true, resource: Patterns.principalPathAndName, resourceExpected: "role/ or user/ followed by an optional path and a name") })
}

/// Which part of an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE) is wrong; nil when none is.
func arnProblem(_ arn: String, service: String, hasRegion: Bool, hasAccount: Bool, resource: String, resourceExpected: String) -> String? {
    let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 6 else {
        return "an ARN has six parts separated by ':' (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE), this has \(parts.count)"
    }
    if parts[0] != "arn" { return "it must begin with 'arn:'" }
    if !Patterns.matches(parts[1], Patterns.partition) { return "the partition \(quoted(parts[1])) is not aws, aws-cn or aws-us-gov" }
    if parts[2] != service { return "the service \(quoted(parts[2])) should be '\(service)'" }
    if hasRegion, !Patterns.matches(parts[3], Patterns.region) { return "the region \(quoted(parts[3])) is not a region such as us-east-1" }
    if !hasRegion, !parts[3].isEmpty { return "\(service) ARNs have no region, found \(quoted(parts[3]))" }
    if hasAccount, !Patterns.matches(parts[4], Patterns.accountId) { return "the account \(quoted(parts[4])) is not a 12-digit account id" }
    if !hasAccount, !parts[4].isEmpty { return "\(service) ARNs have no account, found \(quoted(parts[4]))" }
    if !Patterns.matches(parts[5], resource) { return "the resource \(quoted(parts[5])) is not \(resourceExpected)" }
    return nil
}

/// Why a key prefix is not one, in the user's terms; nil when no finer reason is known.
func keyPrefixProblem(_ prefix: String) -> String? {
    if prefix.hasPrefix("/") { return "it must not begin with '/': S3 keys have no leading slash (write \(quoted(String(prefix.drop { $0 == "/" }))))" }
    if prefix.contains("*") || prefix.contains("?") { return "wildcards (* and ?) would widen the role's ARNs and conditions" }
    if prefix.contains("//") { return "it has an empty part between two slashes" }
    if !Patterns.matches(prefix, Patterns.keyPrefixCharacters) { return "only letters, digits, ! _ . ' ( ) = - and / are allowed" }
    return nil
}

struct Checker {
    var diagnostics: [Diagnostic] = []
    let plan: Plan

    // Why a principal in another account is refused (ACCOUNT: the account it must be in).
    static let crossAccountDataRole = "a role in another account needs a grant in its own account's IAM as well as here, which s3wizard does not generate; use a role in account ACCOUNT (a workload elsewhere assumes it)"
    static let crossAccountDeployer = "Terraform creates the bucket and the key in the account of the credentials it runs with, and only a principal in the bucket's account may change its bucket policy (S3 PutBucketPolicy); name a role in account ACCOUNT (a pipeline in a tooling account assumes it with the provider's assume_role)"
    static let crossAccountKeyAdmin = "KMS refuses key management (PutKeyPolicy, ScheduleKeyDeletion, EnableKeyRotation) from another account whatever the key policy says, so this admin could never manage the key; name a role in account ACCOUNT that the security team assumes"

    mutating func error(_ path: FieldPath, _ message: String) { diagnostics.append(.error(path, message)) }
    mutating func warning(_ path: FieldPath, _ message: String) { diagnostics.append(.warning(path, message)) }

    // The checks below take the field's path as an autoclosure: it is built only for a problem (building a list
    // item's path for every role and prefix on every keystroke cost more than the checks themselves).

    /// Checks a required or optional value against a pattern; returns whether it is well-formed.
    @discardableResult
    mutating func shape(_ path: @autoclosure () -> FieldPath, _ value: String?, _ shape: Shape, required: Bool = true) -> Bool {
        guard let value, !value.isEmpty else {
            if required { error(path(), "required: \(shape.expected)") }
            return false
        }
        if let problem = shape.problem(value) {
            error(path(), problem)
            return false
        }
        return true
    }

    /// An ARN must be in the plan's partition, and in its account when the account is known.
    mutating func arnBelongs(_ path: @autoclosure () -> FieldPath, _ arn: String, account: Bool = true, why: String = Checker.crossAccountDataRole) {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 5 else { return }
        if parts[1] != plan.partition.rawValue {
            error(path(), "is in partition \(quoted(String(parts[1]))) but region \(plan.basics.region) is in '\(plan.partition.rawValue)'")
        }
        // A malformed account id has its own error; comparing with it would blame every ARN.
        if account, let id = plan.accountId, Patterns.matches(id, Patterns.accountId), parts[4] != id {
            let source = plan.basics.accountId != nil ? "basics.account_id" : "the bucket's account (from the other role ARNs and the deployers; set basics.account_id to choose)"
            error(path(), "is in account \(parts[4]), not \(source) \(id): \(why.replacingAll("ACCOUNT", with: id))")
        }
    }

    mutating func list(_ path: @autoclosure () -> FieldPath, _ values: [String], _ itemShape: Shape, arn: Bool = false, account: Bool = true,
                       why: String = Checker.crossAccountDataRole) {
        var seen = Set<String>()
        for (i, value) in values.enumerated() {
            if shape(path().index(i), value, itemShape), arn { arnBelongs(path().index(i), value, account: account, why: why) }
            if !seen.insert(value).inserted { error(path().index(i), "\(quoted(value)) is listed twice") }
        }
    }
}

extension Plan {
    /// Every problem with the answers, the offline proof included: errors block every output, warnings are
    /// risks to read.
    public var diagnostics: [Diagnostic] {
        let set = policies.built()  // printed for the limits, then read by the proof
        let checked = diagnosticsWithoutProof(policies: set)
        return checked.errors.isEmpty ? checked + prove(policies: set).diagnostics : checked
    }

    /// The field rules, contradictions and AWS size limits, reusing the policies already built and printed for
    /// this plan; not the proof (a few milliseconds: a keystroke preview proves later, see `proofDiagnostics`).
    public func diagnosticsWithoutProof(policies: PolicySet?, rendered: RenderedPolicies? = nil) -> [Diagnostic] {
        let fields = fieldDiagnostics
        guard fields.errors.isEmpty else { return fields }
        let set = policies ?? self.policies
        return fields + limitDiagnostics(set, rendered ?? set.rendered(References(self)))
    }

    /// The field rules and contradictions: what a keystroke must show at once. Cheap: no policy is built.
    public var fieldDiagnostics: [Diagnostic] {
        var c = Checker(plan: self)
        checkBasics(&c)
        checkEncryption(&c)
        checkAdministration(&c)
        checkDataAccess(&c)
        checkNetwork(&c)
        checkProtections(&c)
        checkOrganization(&c)
        checkWorkload(&c)
        checkProof(&c)
        checkAdoption(&c)
        checkUnusedIdentifiers(&c)
        return c.diagnostics
    }

    /// The AWS size limits, on every policy printed: checked only on a plan whose fields are sound. The wizard
    /// checks them when typing pauses, with the proof (printing every policy costs more than a keystroke may).
    public func limitDiagnostics(_ policies: PolicySet, _ rendered: RenderedPolicies) -> [Diagnostic] {
        var c = Checker(plan: self)
        checkSizes(&c, policies, rendered)
        return c.diagnostics
    }

    private func checkProof(_ c: inout Checker) {
        var seen = Set<IntentID>()
        for (i, accepted) in proof.acceptedBrokenIntents.enumerated() {
            if !seen.insert(accepted.intent).inserted { c.error(FieldPath(\.proof.acceptedBrokenIntents, i, \.intent), "'\(accepted.intent)' is accepted twice") }
            if accepted.reason.trimmingSpaces().isEmpty {
                c.error(FieldPath(\.proof.acceptedBrokenIntents, i, \.reason), "required: why breaking '\(accepted.intent)' is acceptable, and who decided")
            }
        }
    }

    /// Account-regional names are BASE-ACCOUNTID-REGION-an, at most 63 characters in all (S3 User Guide,
    /// "Account regional namespace naming rules"); a global name built from the account id can be claimed first.
    private func checkBucketNamespace(_ c: inout Checker) {
        let field = FieldPath(basics.bucketName != nil ? \Plan.basics.bucketName : \Plan.basics.bucketPrefix)
        guard accountRegionalNamespace else {
            if let name = basics.bucketName, let account = accountId, name.contains(account) {
                c.warning(FieldPath(\.basics.bucketNamespace), "'\(name)' is a predictable global name: anyone can create it first in another account. bucket_namespace: account-regional reserves it for this account")
            }
            return
        }
        let base = accountRegionalBase
        let length = base.count + Plan.accountRegionalSuffix(account: "000000000000", region: basics.region).count
        if base.isEmpty { c.error(field, "account-regional names need a name before the suffix -ACCOUNTID-REGION-an") }
        else if length > 63 {
            c.error(field, "'\(base)' is too long for the account-regional namespace: with -ACCOUNTID-\(basics.region)-an the name would have \(length) characters, AWS allows 63")
        }
    }

    private func checkBasics(_ c: inout Checker) {
        let b = basics
        c.shape(FieldPath(\.basics.service), b.service, .service)
        c.shape(FieldPath(\.basics.environment), b.environment, .environment)
        c.shape(FieldPath(\.basics.region), b.region, .region)
        c.shape(FieldPath(\.basics.accountId), b.accountId, .accountId, required: false)
        if let name = b.bucketName {
            if let problem = bucketNameProblem(name) { c.error(FieldPath(\.basics.bucketName), "\(quoted(name)) \(problem)") }
            if b.bucketPrefix != nil { c.error(FieldPath(\.basics.bucketPrefix), "set either bucket_name or bucket_prefix, not both") }
        } else {
            let prefix = effectiveBucketPrefix
            if let problem = Shape.bucketPrefix.problem(prefix) {
                c.error(FieldPath(\.basics.bucketPrefix), problem)
            } else if let p = ["xn--", "sthree-", "amzn-s3-demo-"].first(where: prefix.hasPrefix) {
                c.error(FieldPath(\.basics.bucketPrefix), "must not begin with the reserved prefix '\(p)'")
            }
        }
        checkBucketNamespace(&c)
        for (key, value) in b.tags.sorted(by: { $0.key < $1.key }) {
            // AWS counts Unicode characters (scalars); a path never carries an unprintable or huge key.
            let keyLength = key.unicodeScalars.count
            let unsafeKey = Patterns.firstUnsafeCharacter(in: key)
            let path = unsafeKey == nil && keyLength <= 128 ? FieldPath(\.basics.tags).appending(key) : FieldPath(\.basics.tags)
            if key.isEmpty || keyLength > 128 { c.error(path, "tag key \(quoted(key)) is \(keyLength) characters long: tag keys must be 1 to 128 characters") }
            if key.lowercased().hasPrefix("aws:") { c.error(path, "the 'aws:' tag prefix is reserved by AWS") }
            if value.unicodeScalars.count > 256 { c.error(path, "tag value \(quoted(value)) is too long: tag values must be at most 256 characters") }
            // AWS refuses them (and Yams, the YAML reader before libyaml, dropped a BOM that began a value).
            if let bad = unsafeKey ?? Patterns.firstUnsafeCharacter(in: value) {
                c.error(path, "tag \(quoted(key)) \(unsafeCharacterProblem(bad)) (AWS accepts letters, digits, spaces and _ . : / = + - @ in tags)")
            } else if let refused = Patterns.firstCharacterRefusedInTags(key) ?? Patterns.firstCharacterRefusedInTags(value) {
                c.error(path, "tag \(quoted(key)) contains '\(refused)', which AWS refuses in tags: letters and digits of any script, spaces and _ . : / = + - @ only")
            }
        }
        if b.accountId == nil, let derived = accountId {
            c.warning(FieldPath(\.basics.accountId), "not set: taken as \(derived) from the role and deployer ARNs; Terraform looks it up itself")
        }
    }

    private func checkEncryption(_ c: inout Checker) {
        let e = encryption
        switch e.key {
        case .existing:
            if c.shape(FieldPath(\.encryption.existingKeyArn), e.existingKeyArn, .keyArn),
               let arn = e.existingKeyArn {
                c.arnBelongs(FieldPath(\.encryption.existingKeyArn), arn, account: false)
                let region = arn.split(separator: ":", omittingEmptySubsequences: false)[3]
                if region != basics.region {
                    c.error(FieldPath(\.encryption.existingKeyArn), "the key is in \(region) but the bucket is in \(basics.region): S3 needs a key in the bucket's region")
                }
            }
            if e.manageExistingKeyPolicy, let arn = e.existingKeyArn, let id = accountId,
               let keyAccount = arn.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first, keyAccount != id {
                c.error(FieldPath(\.encryption.manageExistingKeyPolicy), "the key is in account \(keyAccount), not the bucket's account \(id): KMS refuses PutKeyPolicy from another account, so Terraform cannot manage its policy; set false and merge key-policy-statements-to-add.json there")
            }
            if e.manageExistingKeyPolicy {
                c.warning(FieldPath(\.encryption.manageExistingKeyPolicy), "Terraform will REPLACE the whole policy of the existing key; statements others added are lost and their access stops")
            } else {
                c.warning(FieldPath(\.encryption.existingKeyArn), "the key policy is not managed here: merge policies/key-policy-statements-to-add.json into it, or the roles cannot read or write")
            }
        case .create:
            if let alias = e.alias {
                if let problem = Shape.keyAlias.problem(alias) {
                    c.error(FieldPath(\.encryption.alias), problem)
                } else if alias.hasPrefix("alias/aws/") {
                    c.error(FieldPath(\.encryption.alias), "alias/aws/ is reserved for AWS-managed keys")
                }
            } else if !Patterns.matches(keyAlias, Patterns.keyAlias) {
                c.error(FieldPath(\.encryption.alias), "the default alias \(quoted(keyAlias)) is not valid; set one")
            }
            if !e.rotation { c.warning(FieldPath(\.encryption.rotation), "automatic key rotation is off (Security Hub CSPM KMS.4)") }
        }
        if !e.bucketKey { c.warning(FieldPath(\.encryption.bucketKey), "without an S3 Bucket Key every object request calls KMS: cost and request quotas rise") }
        switch e.uploadEnforcement {
        case .off: c.warning(FieldPath(\.encryption.uploadEnforcement), "uploads may ask for another key or SSE-S3; default encryption applies only when they ask for nothing")
        case .strict: c.warning(FieldPath(\.encryption.uploadEnforcement), "strict: every upload must send both encryption headers naming this key's ARN; clients relying on default encryption, and UploadPart requests, are rejected")
        case .lenient: break
        }
    }

    private func checkAdministration(_ c: inout Checker) {
        let k = keyAdministration
        // Every principal s3wizard names lives in the bucket's account: AWS does not let one in another account
        // manage the bucket policy or the key, and data access across accounts is not generated.
        c.list(FieldPath(\.keyAdministration.adminRoleArns), k.adminRoleArns, .principalArn, arn: true, account: createsKey, why: Checker.crossAccountKeyAdmin)
        c.list(FieldPath(\.keyAdministration.deployerArns), k.deployerArns, .principalArn, arn: true, why: Checker.crossAccountDeployer)
        if !createsKey, let keyArn = encryption.existingKeyArn, Patterns.matches(keyArn, Patterns.keyArn) {
            let keyAccount = keyArn.split(separator: ":", omittingEmptySubsequences: false)[4]
            for (i, arn) in k.adminRoleArns.enumerated() where Patterns.matches(arn, Patterns.principalArn) {
                let account = arn.split(separator: ":", omittingEmptySubsequences: false)[4]
                if account != keyAccount {
                    c.error(FieldPath(\.keyAdministration.adminRoleArns, i), "is in account \(account), not the key's account \(keyAccount): "
                            + Checker.crossAccountKeyAdmin.replacingAll("ACCOUNT", with: String(keyAccount)))
                }
            }
        }
        if k.deployerArns.isEmpty {
            c.error(FieldPath(\.keyAdministration.deployerArns), "at least one deployer is required: without one, the VPC-only and protection denies lock Terraform (and the console) out of the bucket, and nobody is left to manage the key")
        }
        if k.adminRoleArns.isEmpty && managesKeyPolicy {
            c.warning(FieldPath(\.keyAdministration.adminRoleArns), "no security-team admins: only the deployers can manage the key")
        }
        if k.iamDelegation {
            c.warning(FieldPath(\.keyAdministration.iamDelegation), "any IAM policy in the account can now grant management of the key (never its use)")
        }
        for (i, arn) in k.deployerArns.enumerated() where k.adminRoleArns.contains(arn) {
            c.warning(FieldPath(\.keyAdministration.deployerArns, i), "is also listed as an admin; deployers are key admins already")
        }
    }

    private func checkDataAccess(_ c: inout Checker) {
        let roles = dataAccess.roles
        if roles.isEmpty { c.error(FieldPath(\.dataAccess.roles), "at least one role must be allowed to touch the data") }
        var names = Set<String>()
        let admins = Set(keyAdministration.adminRoleArns + keyAdministration.deployerArns)
        for (i, role) in roles.enumerated() {
            if c.shape(FieldPath(\.dataAccess.roles, i, \.name), role.name, .logicalName),
               !names.insert(role.name).inserted {
                c.error(FieldPath(\.dataAccess.roles, i, \.name), "\(quoted(role.name)) is used by another role")
            }
            switch role.source {
            case .existing:
                if c.shape(FieldPath(\.dataAccess.roles, i, \.arn), role.arn, .roleArn), let arn = role.arn {
                    c.arnBelongs(FieldPath(\.dataAccess.roles, i, \.arn), arn)
                    if admins.contains(arn) {
                        c.error(FieldPath(\.dataAccess.roles, i, \.arn), "is also a key administrator or deployer: whoever manages the key must not read the data")
                    }
                }
            case .create:
                c.shape(FieldPath(\.dataAccess.roles, i, \.roleName), roleName(role), .roleName)
                c.shape(FieldPath(\.dataAccess.roles, i, \.trustedService), role.trustedService, .servicePrincipal)
            }
            c.list(FieldPath(\.dataAccess.roles, i, \.prefixes), role.prefixes, .keyPrefix)
            if role.viaAwsServices {
                if usesAccessPoints {
                    c.error(FieldPath(\.dataAccess.roles, i, \.viaAwsServices), "in access-points mode each role's access point accepts requests from the VPC only, so AWS services (Athena, Glue) calling from the AWS network cannot use it: turn this off, or use data_access.mode bucket-policy")
                } else {
                    c.warning(FieldPath(\.dataAccess.roles, i, \.viaAwsServices), "requests this role makes through other AWS services (Athena, Glue) are allowed from outside the VPC")
                }
            }
            if usesAccessPoints, c.diagnostics.errors.allSatisfy({ $0.path != FieldPath(\.dataAccess.roles, i, \.name) }),
               let problem = Plan.accessPointNameProblem(accessPointName(role)) {
                c.error(FieldPath(\.dataAccess.roles, i, \.name), "its access point would be named '\(accessPointName(role))', which \(problem): shorten the role name or basics.service / basics.environment")
            }
        }
        if usesAccessPoints, roles.count > Plan.accessPointQuota {
            c.error(FieldPath(\.dataAccess.roles), "\(roles.count) roles need \(roles.count) access points; AWS allows \(Plan.accessPointQuota) per account and region by default (a Service Quotas increase can raise it)")
        }
    }

    /// Access points per account and region, by default (Amazon S3 User Guide, "Access points naming rules,
    /// restrictions, and limitations"); the account's other access points count too, so this is an upper bound.
    static let accessPointQuota = 10_000

    /// Access point names: 3 to 50 characters, lowercase letters, digits and hyphens, beginning with a letter or
    /// digit, not ending with a hyphen, and not with the suffix -s3alias (reserved for aliases); same source.
    static func accessPointNameProblem(_ name: String) -> String? {
        if name.count < 3 || name.count > 50 { return "has \(name.count) characters (AWS allows 3 to 50)" }
        if !name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) {
            return "may hold only lowercase letters, digits and hyphens"
        }
        if name.hasPrefix("-") || name.hasSuffix("-") { return "must not begin or end with a hyphen" }
        if name.hasSuffix("-s3alias") { return "must not end with -s3alias (reserved for access point aliases)" }
        return nil
    }

    private func checkNetwork(_ c: inout Checker) {
        let n = network
        c.shape(FieldPath(\.network.vpcId), n.vpcId, .vpcId)
        switch n.endpoint {
        case .create:
            if n.routeTableIds.isEmpty { c.error(FieldPath(\.network.routeTableIds), "required: the route tables the new endpoint is attached to") }
            c.list(FieldPath(\.network.routeTableIds), n.routeTableIds, .routeTableId)
            switch n.otherS3Traffic {
            case .none:
                c.warning(FieldPath(\.network.otherS3Traffic), "the endpoint reaches only this bucket: all other S3 traffic from these route tables stops (ECR image layers, OS package repos, SSM, other buckets). Use only with dedicated route tables.")
            case .anyBucket:
                c.warning(FieldPath(\.network.otherS3Traffic), "any other bucket is reachable through the endpoint, so data can be copied out to a bucket someone else owns")
            case .awsOwnedAndOrg:
                if n.organizationId == nil {
                    c.warning(FieldPath(\.network.organizationId), "not set: only AWS-owned buckets (ECR layers, OS repos, SSM) stay reachable; your other buckets on these route tables are cut off")
                }
            }
        case .existing:
            c.shape(FieldPath(\.network.endpointId), n.endpointId, .endpointId)
            c.warning(FieldPath(\.network.endpoint), "the existing endpoint's policy is not managed here: merge policies/endpoint-policy-statements-to-add.json into it")
        }
        c.shape(FieldPath(\.network.organizationId), n.organizationId, .organizationId, required: false)
        if n.condition == .sourceVpc {
            c.warning(FieldPath(\.network.condition), "source-vpc accepts any endpoint in the VPC (and the bucket is pinned to its region); source-vpce is narrower")
        }
    }

    private func checkProtections(_ c: inout Checker) {
        let p = protections
        /// A log destination's bucket name: its shape, and for an existing bucket that it is named and what to merge.
        func logBucketName(_ field: WritableKeyPath<Plan, String?>, used: Bool, existing: Bool, mode: String, what: String, merge: String) {
            guard used else { return }
            let path = FieldPath(field)
            if let name = self[keyPath: field] {
                if let problem = bucketNameProblem(name) { c.error(path, "\(quoted(name)) \(problem)") }
            } else if existing {
                c.error(path, "required when \(mode)")
            }
            if existing { c.warning(path, "the \(what)'s policy is not managed here: merge policies/\(merge) into it") }
        }
        logBucketName(\.protections.logBucketName, used: p.accessLogging != .off, existing: p.accessLogging == .existing, mode: "access_logging is existing",
                      what: "log bucket", merge: "log-bucket-policy-statements-to-add.json")
        logBucketName(\.protections.trailBucketName, used: p.auditTrail != .off, existing: p.auditTrail == .existingBucket, mode: "audit_trail is existing-bucket",
                      what: "trail bucket", merge: "trail-bucket-policy-statements-to-add.json, or CloudTrail cannot deliver")
        if p.accessLogging == .off {
            c.warning(FieldPath(\.protections.accessLogging), "no server access logs: requests to the data leave no S3-side record (Security Hub CSPM S3.9)")
        }
        if p.replication {
            if c.shape(FieldPath(\.protections.replicationBucketArn), p.replicationBucketArn, .bucketArn),
               let arn = p.replicationBucketArn {
                if arn.split(separator: ":", omittingEmptySubsequences: false)[1] != partition.rawValue {
                    c.error(FieldPath(\.protections.replicationBucketArn), "is in another partition than region \(basics.region)")
                }
                if let name = basics.bucketName, arn.hasSuffix(":::\(name)") {
                    c.error(FieldPath(\.protections.replicationBucketArn), "is the data bucket itself; replicate to another bucket")
                }
            }
            if c.shape(FieldPath(\.protections.replicationKeyArn), p.replicationKeyArn, .replicationKeyArn),
               let destination = replicationDestination {
                c.arnBelongs(FieldPath(\.protections.replicationKeyArn), p.replicationKeyArn!, account: false)
                if destination.region == basics.region {
                    c.warning(FieldPath(\.protections.replication), "same-region replication: a second copy against deletion and mistakes, not against the loss of \(basics.region)")
                }
            }
            if objectLockEnabled {
                c.warning(FieldPath(\.protections.replication), "object lock is on: the destination bucket must have object lock enabled too, or locked versions are not replicated")
            }
            c.warning(FieldPath(\.protections.replication), "the destination bucket and key are not managed here: merge policies/replication-bucket-policy-statements-to-add.json and policies/replication-key-policy-statements-to-add.json into their policies, or replication fails")
            if dataAccess.roles.contains(where: { $0.name == Plan.replicationRoleKey }) {
                c.error(FieldPath(\.dataAccess.roles), "'\(Plan.replicationRoleKey)' is the name of the replication role; name the data role differently")
            }
        }
        if !p.versioning {
            if objectLockEnabled { c.warning(FieldPath(\.protections.versioning), "object lock needs versioning: it stays on") }
            else { c.warning(FieldPath(\.protections.versioning), "versioning is off: an overwrite or delete cannot be undone (Security Hub CSPM S3.14)") }
        }
        if p.macie {
            c.warning(FieldPath(\.protections.macie), "Macie's service-linked role may read every object, from outside the VPC; enable Macie in the account for it to do so")
        }
        if p.auditTrail == .off {
            c.warning(FieldPath(\.protections.auditTrail), "no audit trail: nobody can tell who read the data, and no alarm fires when its policies change (Security Hub CSPM S3.22, S3.23)")
        }
        if p.auditTrail == .off, !p.alarmEmails.isEmpty {
            c.warning(FieldPath(\.protections.alarmEmails), "unused: the alarms need the audit trail")
        }
        c.list(FieldPath(\.protections.alarmEmails), p.alarmEmails, .email)
        if let name = p.trailBucketName, name == basics.bucketName || name == p.logBucketName {
            c.error(FieldPath(\.protections.trailBucketName), "\(quoted(name)) is already another bucket of this plan; the trail needs its own")
        }
        switch p.objectLock {
        case .compliance:
            c.warning(FieldPath(\.protections.objectLock), "compliance mode: nobody, not even the root user, can delete a locked version or shorten its retention, and the bucket cannot be deleted until every retention ends; object lock cannot be turned off later")
        case .governance:
            c.warning(FieldPath(\.protections.objectLock), "object lock cannot be turned off once the bucket has it")
        case .off: break
        }
    }

    private func checkOrganization(_ c: inout Checker) {
        let o = organization
        c.shape(FieldPath(\.organization.rcpTargetId), o.rcpTargetId, .rcpTarget, required: false)
        guard o.resourceControlPolicy else { return }
        if o.rcpTargetId == nil, accountId == nil {
            c.error(FieldPath(\.organization.rcpTargetId), "required: the bucket's account is unknown (set basics.account_id, or name the account or OU here)")
        }
        c.warning(FieldPath(\.organization.resourceControlPolicy), "apply terraform/organization/ from the management account; an RCP does not apply to resources of the management account itself, nor to service-linked roles")
    }

    private func checkWorkload(_ c: inout Checker) {
        let w = workload
        guard w.enabled else { return }
        if let role = dataAccess.roles.first(where: { $0.name == w.role }) {
            if role.source != .create {
                c.error(FieldPath(\.workload.role), "\(quoted(w.role)) is an existing role; the function needs a role created here")
            } else if role.trustedService != "lambda.amazonaws.com" {
                c.error(FieldPath(\.workload.role), "\(quoted(w.role)) trusts \(role.trustedService), not lambda.amazonaws.com")
            }
        } else {
            c.error(FieldPath(\.workload.role), "\(quoted(w.role)) is not the name of a data role")
        }
        if w.subnetIds.count < 2 { c.error(FieldPath(\.workload.subnetIds), "at least two private subnets in different availability zones (Security Hub CSPM Lambda.5)") }
        c.list(FieldPath(\.workload.subnetIds), w.subnetIds, .subnetId)
        if !Patterns.supportedRuntimes.contains(w.runtime) {
            c.error(FieldPath(\.workload.runtime), "\(quoted(w.runtime)) is not one of: \(Patterns.supportedRuntimes.joined(separator: ", "))")
        }
        c.shape(FieldPath(\.workload.functionName), functionName, .functionName)
    }

    /// Every identifier field with its path, used by this plan or not (an existing key's ARN while the
    /// key is created here): a saved value must not carry an unsafe character even where it is unused.
    /// The path is built only when asked for (see `Checker`).
    func forEachIdentifier(_ body: (_ value: String?, _ path: () -> FieldPath) -> Void) {
        let required: [WritableKeyPath<Plan, String>] = [\.basics.service, \.basics.environment, \.basics.region, \.network.vpcId,
                                                          \.workload.role, \.workload.runtime]
        let optional: [WritableKeyPath<Plan, String?>] = [
            \.basics.accountId, \.basics.bucketName, \.basics.bucketPrefix, \.encryption.existingKeyArn, \.encryption.alias,
            \.network.endpointId, \.network.organizationId, \.protections.logBucketName, \.protections.replicationBucketArn,
            \.protections.replicationKeyArn, \.workload.functionName, \.protections.trailBucketName, \.organization.rcpTargetId,
        ]
        let lists: [WritableKeyPath<Plan, [String]>] = [\.keyAdministration.adminRoleArns, \.keyAdministration.deployerArns,
                                                         \.network.routeTableIds, \.workload.subnetIds, \.protections.alarmEmails]
        for field in required { body(self[keyPath: field], { FieldPath(field) }) }
        for field in optional { body(self[keyPath: field], { FieldPath(field) }) }
        for list in lists {
            for (i, value) in self[keyPath: list].enumerated() { body(value, { FieldPath(list, i) }) }
        }
        for (i, role) in dataAccess.roles.enumerated() {
            body(role.name, { FieldPath(\.dataAccess.roles, i, \.name) })
            body(role.arn, { FieldPath(\.dataAccess.roles, i, \.arn) })
            body(role.roleName, { FieldPath(\.dataAccess.roles, i, \.roleName) })
            body(role.trustedService, { FieldPath(\.dataAccess.roles, i, \.trustedService) })
            for (j, prefix) in role.prefixes.enumerated() { body(prefix, { FieldPath(\.dataAccess.roles, i, \.prefixes).index(j) }) }
        }
    }

    /// Unsafe characters in the identifiers the other checks skipped (unused, or already wrong otherwise).
    private func checkUnusedIdentifiers(_ c: inout Checker) {
        let reported = Set(c.diagnostics.errors.map(\.path))
        forEachIdentifier { value, path in
            guard let value, let bad = Patterns.firstUnsafeCharacter(in: value) else { return }
            let field = path()
            if !reported.contains(field) { c.error(field, "\(quoted(value)) \(unsafeCharacterProblem(bad))") }
        }
    }

    /// AWS rejects policies over these sizes; measured on the compact JSON Terraform sends, with each
    /// placeholder counted at the longest value it can stand for.
    private func checkSizes(_ c: inout Checker, _ set: PolicySet, _ rendered: RenderedPolicies) {
        func check(_ file: String, _ limit: Int, _ path: FieldPath, _ what: String, advice: String = "Use fewer roles or prefixes.") {
            guard let size = rendered.compactSize(file), size > limit else { return }
            c.error(path, "the \(what) would be \(size) characters; AWS allows \(limit). \(advice)")
        }
        // The bucket policy's refusal names the way forward: with access points its size no longer grows with the roles.
        check("bucket-policy.json", 20_480, FieldPath(\.dataAccess.roles), "bucket policy",
              advice: usesAccessPoints ? "Use fewer roles or prefixes."
                                       : "Use data_access.mode: access-points (one access point per role, each with its own policy), or fewer roles or prefixes.")
        // Access point policies are limited to 20 KB each (Amazon S3 User Guide, "Access points naming rules, restrictions, and limitations").
        for (role, _) in set.accessPoints {
            let index = dataAccess.roles.firstIndex { $0.name == role } ?? 0
            check(PolicySet.accessPointFileName(role), 20_480, FieldPath(\.dataAccess.roles, index, \.prefixes), "policy of access point \(role)",
                  advice: "Use fewer or shorter prefixes for this role.")
        }
        check(set.key != nil ? "key-policy.json" : "key-policy-statements-to-add.json", 32_768, FieldPath(\.keyAdministration), "key policy")
        check(set.endpointFileName, 20_480, FieldPath(\.network), "endpoint policy")
        // AWS Organizations quotas: an RCP holds at most 5,120 characters, whitespace included (so: the compact form).
        check(PolicySet.resourceControlPolicyFileName, 5_120, FieldPath(\.organization.resourceControlPolicy), "resource control policy")
        for (role, _) in set.identity { check("roles/\(role)/identity-policy.json", 10_240, FieldPath(\.workload.role), "inline policy of role \(role)") }
        for (role, _) in set.trust { check("roles/\(role)/trust-policy.json", 2_048, FieldPath(\.dataAccess.roles), "trust policy of role \(role)") }
    }
}
