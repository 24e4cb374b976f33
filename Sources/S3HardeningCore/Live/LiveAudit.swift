
// A live bucket judged three ways: today's access matrix (the simulator's audit of the live policies), each
// control of the catalogue today against the hardened plan, and that plan prefilled as an answers file.

/// A control as it stands on the live bucket.
public struct LiveState: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case on, off, partial
        /// A call it depends on was denied or failed.
        case unknown
        /// Outside what the audit reads (the workload, Macie).
        case notRead = "not read"
    }
    public let kind: Kind
    public let note: String?
    static func on(_ note: String? = nil) -> LiveState { LiveState(kind: .on, note: note) }
    static func off(_ note: String) -> LiveState { LiveState(kind: .off, note: note) }
    static func partial(_ note: String) -> LiveState { LiveState(kind: .partial, note: note) }
    static func unknown(_ note: String) -> LiveState { LiveState(kind: .unknown, note: note) }
    static func notRead(_ note: String) -> LiveState { LiveState(kind: .notRead, note: note) }
}

public struct LiveControl: Sendable {
    public let control: Control
    public let today: LiveState
    public let planned: ControlState
}

public struct LiveAudit: Sendable {
    public let bucket: LiveBucket
    /// Broken intents first.
    public let matrix: AccessMatrix
    public let controls: [LiveControl]
    /// The hardened plan, prefilled from what was read.
    public let plan: Plan
    /// Answers that were guessed, with why, by field.
    public let guesses: [(field: FieldPath, why: String)]

    static let administratorAccess = #"{"Version":"2012-10-17","Statement":[{"Sid":"AdministratorAccess","Effect":"Allow","Action":"*","Resource":"*"}]}"#

    public init(_ bucket: LiveBucket) throws(SimulationError) {
        self.bucket = bucket
        let endpoint = Self.endpointInPolicy(bucket)
        let keyPolicy = bucket.key.value.flatMap { $0.manager == "CUSTOMER" ? $0.policy.value : nil }
        let named = bucket.roles.filter { if case .value(false) = $0.exists { false } else { true } }.map(\.arn)
        func audit(roles: [String], deployers: [String]) throws(SimulationError) -> AccessMatrix {
            try Audit(bucketPolicy: bucket.policy.value ?? #"{"Version":"2012-10-17","Statement":[]}"#, endpointPolicy: endpoint?.policy,
                      keyPolicy: keyPolicy, roles: roles.map { ($0, Self.administratorAccess, "AdministratorAccess (assumed)") },
                      region: bucket.region, deployers: deployers, bucketArn: bucket.bucketArn, account: bucket.account,
                      keyArn: bucket.key.value?.arn).accessMatrix()
        }
        // First pass: every named role as a data role. Those that reach no object manage the bucket (deployers)
        // or are left out; the caller is a deployer unless the policies grant it the data.
        let first = try audit(roles: named, deployers: [])
        let dataRoles = named.filter { arn in Self.objectAccess(first, Self.label(arn)).any }
        let managers = named.filter { !dataRoles.contains($0) && first.cell(Self.label($0), .changeBucketPolicy, .internet)?.decision.allowed == true }
        let deployers = (dataRoles.contains(bucket.callerPrincipalArn) || managers.contains(bucket.callerPrincipalArn) ? [] : [bucket.callerPrincipalArn]) + managers
        let found = try audit(roles: dataRoles, deployers: deployers)
        var notes = found.notes
        notes.append("Roles the policies name are given AdministratorAccess: their own IAM policies were not read (iam get-role only), so the resource policies alone must hold them.")
        if bucket.policy.value == nil { notes.append("The bucket has no bucket policy\(bucket.policy.unknownNote).") }
        if let endpoint {
            let tables = bucket.routeTables.value.map { $0.isEmpty ? "none" : $0.joined(separator: ", ") } ?? "not read"
            notes.append("The endpoint is \(endpoint.id) in \(endpoint.vpcId), as read; its route tables: \(tables).")
        }
        if let key = bucket.key.value {
            let aliases = key.aliases.value.map { $0.isEmpty ? "no alias" : $0.joined(separator: ", ") } ?? "aliases not read"
            notes.append("The bucket's default key is \(key.arn) (\(key.manager == "AWS" ? "AWS-managed" : "customer-managed"), \(key.state), \(aliases)).")
        }
        for role in bucket.roles { if case .value(false) = role.exists {
            notes.append("\(role.arn) is named in the policies but does not exist (iam get-role: NoSuchEntity): it is left out of the matrix and of the answers.")
        } }
        for (call, why) in bucket.unreadable { notes.append("Not read: \(call.rawValue) (\(why)).") }
        self.matrix = AccessMatrix(principals: found.principals, cells: found.cells,
                                   intents: found.intents.filter { !$0.holds } + found.intents.filter(\.holds), notes: notes)
        let (plan, guesses) = Self.prefill(bucket, matrix: matrix, dataRoles: dataRoles, endpoint: endpoint)
        self.plan = plan
        self.guesses = guesses
        let planned = Dictionary(uniqueKeysWithValues: plan.controlReports.map { ($0.control.id, $0.state) })
        let facts = LiveFacts(bucket: bucket, matrix: matrix, endpoint: endpoint)
        self.controls = Control.catalogue.map { LiveControl(control: $0, today: facts.state($0.id), planned: planned[$0.id]!) }
    }

    /// 0 every intent holds and everything was read; 1 an intent is broken; 3 nothing broken but some reads were denied.
    public var exitStatus: Int32 {
        if !matrix.brokenIntents.isEmpty { return 1 }
        return bucket.unreadable.isEmpty ? 0 : 3
    }

    static func label(_ arn: String) -> String { "role " + String(arn.split(separator: "/").last ?? Substring(arn)) }

    static func objectAccess(_ m: AccessMatrix, _ label: String) -> (read: Bool, write: Bool, delete: Bool, any: Bool) {
        func allowed(_ a: AccessAction) -> Bool { [NetworkPath.endpoint, .internet].contains { m.cell(label, a, $0)?.decision.allowed == true } }
        let (r, w, d) = (allowed(.read), allowed(.write), allowed(.delete))
        return (r, w, d, r || w || d)
    }

    /// The endpoint whose id the bucket policy names (the one the simulator puts requests through).
    static func endpointInPolicy(_ bucket: LiveBucket) -> LiveEndpoint? {
        guard let endpoints = bucket.endpoints.value, !endpoints.isEmpty else { return nil }
        let named = bucket.policy.value.map { Audit.values($0).filter { $0.key == "aws:sourcevpce" }.map(\.value) } ?? []
        return endpoints.first { named.contains($0.id) } ?? endpoints[0]
    }

    // MARK: - The answers file

    static func prefill(_ b: LiveBucket, matrix: AccessMatrix, dataRoles: [String], endpoint: LiveEndpoint?) -> (Plan, [(FieldPath, String)]) {
        var p = Plan()
        var guesses: [(FieldPath, String)] = []
        let words = b.bucket.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { String($0).lowercased() }
        var service = words.prefix(2).joined(separator: "-")
        if !(service.first?.isLetter ?? false) { service = "data" }
        p.basics.service = service.prefix(24).trimming("-")
        guesses.append((FieldPath(\.basics.service), "guessed from the bucket name; used in the names of what s3wizard creates"))
        guesses.append((FieldPath(\.basics.environment), "guessed"))
        p.basics.region = b.region
        p.basics.accountId = b.account
        p.basics.bucketName = b.bucket
        if let key = b.key.value, key.manager == "CUSTOMER" {
            p.encryption.key = .existing
            p.encryption.existingKeyArn = key.arn
            guesses.append((FieldPath(\.encryption.manageExistingKeyPolicy), "kept false: s3wizard writes the statements to merge into the existing key's policy; set true if this key is yours to manage"))
        } else {
            guesses.append((FieldPath(\.encryption.key), "today the bucket has no customer-managed key (\(b.encryption.value?.algorithm ?? "no default encryption")): a new key is planned; existing objects keep their old encryption until rewritten"))
        }
        let adminActions = ["kms:*", "kms:Put*", "kms:PutKeyPolicy"]
        if let text = b.key.value?.policy.value {
            let admins = LiveFacts.statements(text).filter { $0.effect == "Allow" && $0.actions.contains(where: adminActions.contains) }
                .flatMap(\.principals).filter { Patterns.matches($0, Patterns.principalArn) && !dataRoles.contains($0) && $0 != b.callerPrincipalArn }
            p.keyAdministration.adminRoleArns = admins.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
            if !admins.isEmpty { guesses.append((FieldPath(\.keyAdministration.adminRoleArns), "the principals the key policy lets manage the key today")) }
        }
        p.keyAdministration.deployerArns = [b.callerPrincipalArn]
        guesses.append((FieldPath(\.keyAdministration.deployerArns), "the identity that ran the audit (\(b.callerArn)); replace with the role Terraform runs as\(b.callerArn.contains(":assumed-role/") ? ", and add its path if it has one" : "")"))
        var names: Set<String> = []
        for arn in dataRoles {
            let access = objectAccess(matrix, label(arn))
            var role = DataRole()
            var name = String(arn.split(separator: "/").last!.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
            if !(name.first?.isLetter ?? false) { name = "role-" + name }
            name = String(name.prefix(31))
            while name.hasSuffix("-") { name.removeLast() }
            while names.contains(name) { name = String(name.prefix(28)) + "-\(names.count)" }
            names.insert(name)
            role.name = name
            role.source = .existing
            role.arn = arn
            role.access = access.read && access.write && access.delete ? .readWriteDelete : access.read && access.write ? .readWrite : access.read ? .read : .write
            p.dataAccess.roles.append(role)
            guesses.append((FieldPath(\.dataAccess.roles, p.dataAccess.roles.count - 1, \.access),
                            "what this role can do today (its IAM policies assumed to allow everything); lower it to what it needs"))
        }
        if !p.dataAccess.roles.isEmpty { guesses.append((FieldPath(\.dataAccess.roles), "the roles with access to the data today: keep only those that need it")) }
        if let endpoint {
            p.network.vpcId = endpoint.vpcId
            p.network.endpoint = .existing
            p.network.endpointId = endpoint.id
            p.network.routeTableIds = endpoint.routeTableIds
        } else {
            guesses.append((FieldPath(\.network.vpcId), "no S3 gateway endpoint is named by the policies: fill in the VPC the workloads run in"))
        }
        if let target = b.loggingTarget.value, !target.isEmpty {
            p.protections.accessLogging = .existing
            p.protections.logBucketName = target
            guesses.append((FieldPath(\.protections.logBucketName), "the log bucket access logs go to today"))
        }
        if let mode = b.objectLock.value, mode == "GOVERNANCE" || mode == "COMPLIANCE" {
            p.protections.objectLock = mode == "GOVERNANCE" ? .governance : .compliance
            guesses.append((FieldPath(\.protections.objectLockDays), "the default retention today was not read: check the days"))
        }
        p.adopt.bucket = true
        p.adopt.bucketSettings = b.configuredSettings.map(\.rawValue)
        guesses.append((FieldPath(\.adopt.bucketSettings), "configured on the bucket today: `generate` imports each into the resource that manages it (terraform/imports.tf), so the first plan shows the changes in place"))
        let unknown = b.unknownSettings
        if !unknown.isEmpty {
            guesses.append((FieldPath(\.adopt.bucket), "not read, so not imported: \(unknown.map(\.rawValue).joined(separator: ", ")); add those that are configured today to bucket_settings"))
        }
        if let key = b.key.value, key.manager == "CUSTOMER", let id = key.arn.split(separator: "/").last {
            let alias = key.aliases.value?.first.map { ", encryption.alias: \($0), adopt.kms_alias: \($0)" } ?? ""
            guesses.append((FieldPath(\.encryption.key), "the existing key is left to its owners; to manage it here instead (import it, replace its policy) set key: create, adopt.kms_key_id: \(id)\(alias)"))
        }
        if let endpoint {
            guesses.append((FieldPath(\.network.endpoint), "the existing endpoint is left as it is; to manage it here (import it, replace its policy, which other workloads may rely on) set endpoint: create, adopt.vpc_endpoint_id: \(endpoint.id)"))
        }
        if let rules = b.replicationRules.value, rules > 0 {
            guesses.append((FieldPath(\.protections.replication), "the bucket replicates today (\(rules) rule(s)): set replication and its destination to keep it, or the first apply removes it"))
        }
        return (p, guesses)
    }

    /// The answers file, with a comment above every guessed answer.
    public var answersFile: String {
        let text = AnswersFile.render(plan, header: [
            "Prefilled by `s3wizard audit --bucket \(bucket.bucket)` from the live configuration in account \(bucket.account), \(bucket.region).",
            "Lines marked GUESSED were inferred: read them before `s3wizard generate`.",
        ])
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = AnswersFile.lineIndex(text)
        var inserts: [Int: [String]] = [:]
        for (field, why) in guesses {
            guard let line = AnswersFile.line(for: field, in: index) else { continue }
            let indent = String(lines[line - 1].prefix { $0 == " " || $0 == "-" }.map { _ in " " })
            inserts[line - 1, default: []].append("\(indent)# GUESSED \(field): \(why)")
        }
        for line in inserts.keys.sorted(by: >) { lines.insert(contentsOf: inserts[line]!, at: line) }
        return lines.joined(separator: "\n")
    }

    // MARK: - Reports

    public var text: String {
        var lines = ["Audit of s3://\(bucket.bucket) in account \(bucket.account), \(bucket.region), as \(bucket.callerArn)", "",
                     "1. Access today (the live policies through the offline simulator)", ""]
        var outside: [String] = []
        for principal in matrix.principals {
            let actions = [AccessAction.read, .write, .delete].filter { matrix.cell(principal, $0, .internet)?.decision.allowed == true }
            if !actions.isEmpty { outside.append("\(principal) (\(actions.map(\.rawValue).joined(separator: ", ")))") }
        }
        lines.append(outside.isEmpty ? "  Nobody reaches the data from the internet today."
                                     : "  Reach the data from the internet today: " + outside.joined(separator: "; "))
        lines.append("")
        lines += matrix.text().split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        lines += ["2. Controls today and in the hardened plan", ""]
        let width = max(12, controls.map(\.control.id.rawValue.count).max() ?? 0)
        for c in controls {
            lines.append("  " + c.control.id.rawValue.padded(to: width + 1)
                         + "today: \(c.today.kind.rawValue)\(c.today.note.map { " (\($0))" } ?? "")")
            lines.append("  " + String(repeating: " ", count: width + 1) + "plan:  \(c.planned.kind.rawValue)\(c.planned.note.map { " (\($0))" } ?? "")")
            if c.today.kind != .on, c.planned.kind == .on { lines.append("  " + String(repeating: " ", count: width + 1) + "turning it on can break: \(c.control.breaks)") }
        }
        let unread = bucket.unreadable
        if !unread.isEmpty {
            lines += ["", "Not read (those controls are unknown):"] + unread.map { "  - \($0.call.rawValue): \($0.why)" }
        }
        lines += ["", "3. `--write-answers FILE` writes the hardened plan prefilled from this audit (\(guesses.count) guessed answer(s) marked)."]
        return Self.terminalSafe(lines.joined(separator: "\n")) + "\n"
    }

    public var json: String {
        func string(_ s: String) -> Tree { .string(Text(stringLiteral: s)) }
        func optional(_ s: String?) -> Tree { s.map(string) ?? .string("") }
        let tree = Tree.object([
            .init("bucket", string(bucket.bucket)), .init("account", string(bucket.account)), .init("region", string(bucket.region)),
            .init("caller", string(bucket.callerArn)),
            .init("intents", .array(matrix.intents.map { intent in
                .object([.init("id", string(intent.id.rawValue)), .init("statement", string(intent.statement)),
                         .init("holds", .bool(intent.holds)), .init("violations", .array(intent.violations.map { string($0.text) }))])
            })),
            .init("cells", .array(matrix.cells.map { cell in
                .object([.init("principal", string(cell.principal)), .init("action", string(cell.action.rawValue)),
                         .init("path", string(cell.path.rawValue)), .init("allowed", .bool(cell.decision.allowed)),
                         .init("because", .array(cell.decision.reasons.map(string)))])
            })),
            .init("controls", .array(controls.map { c in
                .object([.init("id", string(c.control.id.rawValue)), .init("today", string(c.today.kind.rawValue)),
                         .init("today_note", optional(c.today.note)), .init("plan", string(c.planned.kind.rawValue)),
                         .init("plan_note", optional(c.planned.note)), .init("breaks", string(c.control.breaks))])
            })),
            .init("unread", .array(bucket.unreadable.map { .object([.init("call", string($0.call.rawValue)), .init("why", string($0.why))]) })),
            .init("notes", .array(matrix.notes.map(string))),
        ])
        var renderer = JSONRenderer(References(Plan()))
        return renderer.render(tree)
    }

    /// Text from AWS (statement ids, messages) printed to a terminal: no control or format characters.
    static func terminalSafe(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { $0 == "\n" || !Patterns.isUnsafe($0) ? $0 : "?" }))
    }
}

extension Reading {
    var unknownNote: String { if case let .unknown(_, why) = self { " (unknown: \(why))" } else { "" } }
}

/// The facts a control's state today is read from.
struct LiveFacts {
    let bucket: LiveBucket
    let matrix: AccessMatrix
    let endpoint: LiveEndpoint?

    struct Statement {
        let effect: String
        let actions: [String]
        let principals: [String]
        let conditionKeys: [String]
    }

    static func statements(_ json: String) -> [Statement] {
        guard let object = JSONValue.parse(json)?.object else { return [] }
        let raw: [[String: JSONValue]] = object["Statement"]?.objects ?? (object["Statement"]?.object.map { [$0] } ?? [])
        func list(_ v: JSONValue?) -> [String] { v?.string.map { [$0] } ?? v?.array?.compactMap(\.string) ?? [] }
        return raw.map { s in
            let principal = s["Principal"]
            let principals = principal?.string.map { [$0] } ?? list(principal?["AWS"])
            let conditions = (s["Condition"]?.object ?? [:]).values.compactMap(\.object).flatMap { $0.keys.map { $0.lowercased() } }
            return Statement(effect: s["Effect"]?.string ?? "", actions: (list(s["Action"]) + list(s["NotAction"])).map { $0.lowercased() },
                             principals: principals, conditionKeys: conditions)
        }
    }

    func intent(_ id: IntentID) -> IntentResult? { matrix.intents.first { $0.id == id } }

    func fromIntent(_ id: IntentID, missing: String) -> LiveState {
        guard let result = intent(id) else { return .off(missing) }
        return result.holds ? .on() : .off(result.violations[0].text)
    }

    func state(_ id: ControlID) -> LiveState {
        let bucketStatements = bucket.policy.value.map(Self.statements) ?? []
        let keyStatements = bucket.key.value?.policy.value.map(Self.statements) ?? []
        func unknown<T>(_ r: Reading<T>) -> LiveState? { if case let .unknown(_, why) = r { .unknown(why) } else { nil } }
        let policyUnknown = unknown(bucket.policy)
        switch id {
        case .onlyListedRoles: return policyUnknown ?? fromIntent(.onlyListedRoles, missing: "")
        case .leastPrivilegeGrants:
            if let policyUnknown { return policyUnknown }
            let unlimited = matrix.principals.filter { $0.hasPrefix("role ") }.filter { LiveAudit.objectAccess(matrix, $0) == (true, true, true, true) }
            return unlimited.isEmpty ? .on("no role reads, writes and deletes") : .off("only the roles' own IAM policies limit \(unlimited.joined(separator: ", "))")
        case .accessPoints:
            // The audit reads the bucket policy, not the access points: it can say whether the bucket delegates.
            if let policyUnknown { return policyUnknown }
            return bucketStatements.contains { $0.conditionKeys.contains("s3:dataaccesspointaccount") }
                ? .on("the bucket policy delegates to the account's access points (their policies are not read)")
                : .off("the grants are in the bucket policy (no delegation to access points)")
        case .vpcOnly: return policyUnknown ?? fromIntent(.nothingOutsideTheVpc, missing: "the bucket policy names no aws:SourceVpce")
        case .endpointPolicy:
            if let u = unknown(bucket.endpoints) { return u }
            guard let endpoint else { return .off("no S3 gateway endpoint is named by the policies") }
            guard let policy = endpoint.policy else { return .off("\(endpoint.id) has no policy: full access") }
            let full = Self.statements(policy).contains { $0.effect == "Allow" && $0.actions.contains("*") && ($0.principals.contains("*") || $0.principals.isEmpty) }
            return full ? .off("\(endpoint.id) allows full access") : .on("\(endpoint.id) has a narrowed policy")
        case .tlsOnly: return policyUnknown ?? fromIntent(.tlsOnly, missing: "")
        case .minimumTls:
            if let policyUnknown { return policyUnknown }
            return bucketStatements.contains { $0.conditionKeys.contains("s3:tlsversion") } ? .on() : .off("no s3:TlsVersion condition (S3 itself refuses TLS below 1.2)")
        case .sseKms:
            if let u = unknown(bucket.encryption) { return u }
            guard let e = bucket.encryption.value else { return .off("no default encryption rule: S3 applies SSE-S3") }
            if e.algorithm == "AES256" { return .off("SSE-S3 (AES256): anyone with s3:GetObject reads the data") }
            if let u = unknown(bucket.key) { return u }
            guard let key = bucket.key.value, key.manager == "CUSTOMER" else { return .partial("the AWS-managed aws/s3 key") }
            let denySSEC = bucketStatements.contains { $0.effect == "Deny" && $0.conditionKeys.contains("s3:x-amz-server-side-encryption-customer-algorithm") }
            return e.blocksCustomerKeys || denySSEC ? .on(key.arn) : .partial("\(key.arn); SSE-C uploads are not blocked")
        case .bucketKey:
            if let u = unknown(bucket.encryption) { return u }
            return bucket.encryption.value?.bucketKey == true ? .on() : .off("every object request calls KMS")
        case .uploadEnforcement:
            if let policyUnknown { return policyUnknown }
            let denies = bucketStatements.contains { $0.effect == "Deny" && $0.conditionKeys.contains { $0.hasPrefix("s3:x-amz-server-side-encryption") && !$0.contains("customer") } }
            return denies ? .on() : .off("uploads may ask for another key or cipher")
        case .keyAdminSeparation, .keyUseThroughS3, .keyRotation, .keyDeletionWindow:
            if let u = unknown(bucket.key) { return u }
            guard let key = bucket.key.value, key.manager == "CUSTOMER" else { return .off("no customer-managed key") }
            switch id {
            case .keyRotation:
                if let u = unknown(key.rotation) { return u }
                return key.rotation.value == true ? .on() : .off("automatic rotation is off")
            case .keyDeletionWindow:
                return key.state == "PendingDeletion" ? .off("the key is scheduled for deletion") : .notRead("the window is chosen when deletion is scheduled; the key is \(key.state)")
            case .keyUseThroughS3:
                if let u = unknown(key.policy) { return u }
                let grants = keyStatements.filter { $0.effect == "Allow" && $0.actions.contains { $0 == "kms:decrypt" || $0 == "kms:*" } }
                return !grants.isEmpty && grants.allSatisfy({ $0.conditionKeys.contains("kms:viaservice") }) ? .on() : .off("a key policy grant of kms:Decrypt has no kms:ViaService condition: the key can be used outside S3")
            default:
                if let u = unknown(key.policy) { return u }
                if keyStatements.contains(where: { $0.effect == "Allow" && $0.actions.contains("kms:*") }) { return .off("a principal has kms:* (for the account root: any IAM policy in the account can grant decrypt)") }
                return keyStatements.contains { $0.effect == "Deny" && $0.actions.contains("kms:decrypt") } ? .on() : .partial("no explicit Deny of key use for the administrators")
            }
        case .governanceChanges:
            if let policyUnknown { return policyUnknown }
            let other = matrix.cell("another role in the account (*:*)", .deleteBucketPolicy, .internet)?.decision.allowed == true
            return other ? .off("another role in the account can delete the bucket policy") : .on()
        case .publicAccessBlock:
            if let u = unknown(bucket.publicAccessBlock) { return u }
            guard let flags = bucket.publicAccessBlock.value else { return .off("no public access block on the bucket (the account's may apply)") }
            let off = flags.filter { !$0.value }.keys.sorted()
            return off.isEmpty ? .on() : .partial("off: \(off.joined(separator: ", "))")
        case .objectOwnership:
            if let u = unknown(bucket.ownership) { return u }
            guard let value = bucket.ownership.value else { return .off("no ownership controls: ACLs decide object ownership") }
            return value == "BucketOwnerEnforced" ? .on() : .off("\(value): ACLs are enabled")
        case .bucketNamespace:
            return bucket.bucket.hasSuffix(Plan.accountRegionalSuffix(account: bucket.account, region: bucket.region)) ? .on() : .off("global namespace")
        case .versioning:
            if let u = unknown(bucket.versioning) { return u }
            return bucket.versioning.value == "Enabled" ? .on() : .off(bucket.versioning.value ?? "never enabled")
        case .lifecycle:
            if let u = unknown(bucket.lifecycle) { return u }
            guard let l = bucket.lifecycle.value else { return .off("no lifecycle rules") }
            if l.abortsUploads && l.expiresNoncurrent { return .on() }
            return .partial(l.abortsUploads ? "noncurrent versions never expire" : l.expiresNoncurrent ? "unfinished uploads are kept" : "no abort or expiry rule")
        case .accessLogging:
            if let u = unknown(bucket.loggingTarget) { return u }
            let target = bucket.loggingTarget.value ?? ""
            return target.isEmpty ? .off("no server access logs") : .on("to \(target)")
        case .objectLock:
            if let u = unknown(bucket.objectLock) { return u }
            let mode = bucket.objectLock.value ?? ""
            return mode.isEmpty ? .off("not enabled") : .on(mode)
        case .eventNotifications:
            if let u = unknown(bucket.eventBridge) { return u }
            return bucket.eventBridge.value == true ? .on() : .off("no EventBridge notifications")
        case .replication:
            if let u = unknown(bucket.replicationRules) { return u }
            let rules = bucket.replicationRules.value ?? 0
            return rules > 0 ? .on("\(rules) rule(s)") : .off("no replication")
        case .workloadIsolation: return .notRead("the workload is not part of the bucket")
        case .sensitiveDataDiscovery: return .notRead("Macie is not read")
        case .auditTrail: return .notRead("CloudTrail trails are not read")
        case .changeAlarms: return .notRead("EventBridge rules are not read")
        case .resourceControlPolicy: return .notRead("the organisation's resource control policies are not read")
        }
    }
}
