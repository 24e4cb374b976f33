import S3HardeningCore

// The wizard's form: steps made of rows, each row bound to one answer. Rows are rebuilt from the plan on
// every update, so list items and roles appear and disappear with the answers; labels are the wizard's,
// help texts come from the core's field tables (the same words as docs/answers.md).

public enum StepID: String, CaseIterable, Sendable {
    case basics, encryption, keySettings, keyAdmins, dataAccess, network, protections, workload, review, export

    public var title: String {
        switch self {
        case .basics: "Basics"
        case .encryption: "Encryption"
        case .keySettings: "Key settings"
        case .keyAdmins: "Key admins"
        case .dataAccess: "Data access"
        case .network: "VPC-only"
        case .protections: "Protections"
        case .workload: "Workload"
        case .review: "Review"
        case .export: "Export"
        }
    }

    /// The question the step answers, shown as its heading.
    public var question: String {
        switch self {
        case .basics: "Which bucket, where, and in which account?"
        case .encryption: "Which KMS key encrypts the data, and how strictly are uploads held to it?"
        case .keySettings: "How is the new key kept?"
        case .keyAdmins: "Who manages the key (but cannot use it), and who runs Terraform?"
        case .dataAccess: "Which roles may touch the data, and how much?"
        case .network: "From which VPC, through which endpoint, over which TLS?"
        case .protections: "What protects the data from mistakes and loss?"
        case .workload: "Scaffold the Lambda function that uses the data?"
        case .review: "Every control, its state, and who can do what"
        case .export: "Write the Terraform module, the JSON policies and the answers"
        }
    }

    /// Why the step matters, in two or three sentences.
    public var why: String {
        switch self {
        case .basics: "Names and the account end up in every ARN of every policy. The account id lets the JSON policies carry real ARNs instead of placeholders."
        case .encryption: "A customer-managed key puts a second lock on the data: reading an object needs both S3 and KMS to say yes, and the key policy is the security team's."
        case .keySettings: "Rotation limits how much data one key version protects; the deletion window is the last chance to undo a scheduled deletion, after which the data is gone."
        case .keyAdmins: "Separating who manages the key from who reads the data means no single role can both change the rules and read the PII. Deployers keep the bucket and key manageable so nobody is locked out."
        case .dataAccess: "Only these roles are allowed to touch objects: the bucket policy denies everyone else, even administrators with s3:* in their IAM policies."
        case .network: "Requests for the data must arrive through the gateway endpoint: stolen credentials used from the internet or another VPC get Access Denied."
        case .protections: "Versioning, logs and object lock turn an accident or an attack into something you can see and undo."
        case .workload: "An optional Lambda in the private subnets, running as a data role: a working example of the only path that can read the data."
        case .review: "Risks first, then each control: why it is there, what it costs, what it can break, and the statements that implement it."
        case .export: "Files are written all or nothing, with a manifest so hand edits are never overwritten silently."
        }
    }

    /// The digit that jumps to the step: fixed, so a hidden step keeps its number (9 is always Review, 0 Export).
    public var number: Character {
        let index = StepID.allCases.firstIndex(of: self)!
        return index == 9 ? "0" : Character(String(index + 1))
    }

    /// Why a step that does not apply is hidden.
    var whyHidden: String {
        switch self {
        case .keySettings: "key settings are for a key created here, and this plan uses an existing key."
        default: "it is not part of this plan."
        }
    }

    /// Whether the step applies to this plan (key settings only for a key created here).
    func applies(to plan: Plan) -> Bool {
        self != .keySettings || plan.createsKey
    }

    /// The answers the key-settings step shows (its rows do not depend on the plan).
    private static let keySettingsIDs = Set(StepID.keySettings.rows(for: Plan()).map(\.id))

    /// The step that owns a diagnostic whose path is not on any visible row.
    static func owner(of path: FieldPath) -> StepID {
        switch path.components.first ?? "" {
        case "basics": .basics
        case "encryption": keySettingsIDs.contains(path.description) ? .keySettings : .encryption
        case "key_administration": .keyAdmins
        case "data_access": .dataAccess
        case "network", "transport": .network
        case "protections": .protections
        case "workload": .workload
        default: .review
        }
    }
}

/// One line of a step: an answer, a list item, an action, or a heading.
public struct FormRow {
    public enum Kind {
        case text(TextBinding)
        case flag(get: (WizardModel) -> Bool, set: (inout WizardModel, Bool) -> Void)
        case choice(options: [String], get: (WizardModel) -> String, set: (inout WizardModel, String) -> Void)
        case action(label: String, perform: (inout WizardModel) -> [Command])
        case heading
    }

    /// The answers-file path (diagnostics attach by it), or a unique id for rows that are not answers.
    public let id: String
    public let label: String
    public let help: String
    public let kind: Kind
    /// The artifact this row changes, shown in the preview while it has focus.
    public var preview: String? = nil
    /// List items and roles: how `d` removes it.
    public var remove: ((inout WizardModel) -> Void)? = nil
    public var indent = 0

    /// Headings take the focus only when they can be removed (a role: `d` on its heading).
    var isFocusable: Bool {
        if case .heading = kind { return remove != nil }
        return true
    }

    var isText: Bool {
        if case .text = kind { return true }
        return false
    }
}

public struct TextBinding {
    public let get: (WizardModel) -> String
    /// Stores the text; returns why it cannot be stored (a number out of range), keeping the model unchanged.
    public let set: (inout WizardModel, String) -> String?
    /// Shown dimmed when the field is empty: the default that applies.
    public var placeholder = ""
    /// List items: an item left empty is removed when editing ends.
    public var removeWhenEmpty: ((inout WizardModel) -> Void)? = nil
}

/// Help texts from the core's field tables, by answers path (`data_access.roles[2].arn` → the `arn` field of a role).
enum FieldHelp {
    static func text(for path: String) -> String { info(for: path)?.help ?? "" }

    /// The allowed range of a number field, as the answers file enforces it.
    static func range(for path: String) -> ClosedRange<Int> {
        if case let .number(range)? = info(for: path)?.type { return range }
        preconditionFailure("\(path) is not a number field")
    }

    /// The field at a dotted path, found by walking down the core's tables: only the sections on the way are
    /// listed (a table of every field, built on the first frame, built every section's table: a tenth of it).
    static func info(for path: String) -> FieldInfo? {
        // `data_access.roles[2].arn` → `data_access.roles.arn`: an index does not change which field it is.
        var infos = Plan.fieldInfos
        var found: FieldInfo? = nil
        for key in stripIndices(path).split(separator: ".") {
            guard let info = infos.first(where: { $0.key == key }) else { return nil }
            found = info
            switch info.type {
            case let .section(children), let .sectionList(children): infos = children.value
            default: infos = []
            }
        }
        return found
    }

    private static func stripIndices(_ path: String) -> String {
        guard path.utf8.contains(UInt8(ascii: "[")) else { return path }
        var result = ""
        var inIndex = false
        for c in path {
            if c == "[" { inIndex = true } else if c == "]" { inIndex = false } else if !inIndex { result.append(c) }
        }
        return result
    }
}

// MARK: - Row builders bound to plan key paths

/// Which answers field a row edits and where its value lives, both from one typed key path, so a row's id is
/// always the field's name in the answers file (and the path its diagnostics carry).
struct RowField<Value> {
    let id: String
    let path: WritableKeyPath<Plan, Value>

    static func plan(_ path: WritableKeyPath<Plan, Value>) -> RowField { RowField(id: FieldPath(path).description, path: path) }

    /// A field of a data role: `data_access.roles[2].arn`.
    static func role(_ index: Int, _ field: WritableKeyPath<DataRole, Value>) -> RowField {
        let role: WritableKeyPath<Plan, DataRole> = \Plan.dataAccess.roles[index]
        return RowField(id: FieldPath(\.dataAccess.roles, index, field).description, path: role.appending(path: field))
    }
}

/// Builds rows whose values live in the plan; `base` is the answers path of the section.
struct PlanRows {
    var rows: [FormRow] = []
    var preview: String
    var indent = 0

    init(preview: String) { self.preview = preview }

    private mutating func add(_ id: String, _ label: String, _ kind: FormRow.Kind, preview: String? = nil,
                              remove: ((inout WizardModel) -> Void)? = nil, indent extra: Int = 0) {
        rows.append(FormRow(id: id, label: label, help: FieldHelp.text(for: id), kind: kind,
                            preview: preview ?? self.preview, remove: remove, indent: indent + extra))
    }

    mutating func heading(_ id: String, _ label: String, remove: ((inout WizardModel) -> Void)? = nil) {
        rows.append(FormRow(id: id, label: label, help: FieldHelp.text(for: id), kind: .heading, preview: preview,
                            remove: remove, indent: indent))
    }

    mutating func text(_ label: String, _ field: RowField<String>, placeholder: String = "", preview: String? = nil) {
        let path = field.path
        add(field.id, label, .text(TextBinding(get: { $0.plan[keyPath: path] },
                                         set: { model, text in model.plan[keyPath: path] = text; return nil },
                                         placeholder: placeholder)), preview: preview)
    }

    /// An optional answer: empty text means "not set" (the default applies).
    mutating func optionalText(_ label: String, _ field: RowField<String?>, placeholder: String = "", preview: String? = nil) {
        let path = field.path
        add(field.id, label, .text(TextBinding(get: { $0.plan[keyPath: path] ?? "" },
                                         set: { model, text in model.plan[keyPath: path] = text.isEmpty ? nil : text; return nil },
                                         placeholder: placeholder)), preview: preview)
    }

    mutating func number(_ label: String, _ field: RowField<Int>, preview: String? = nil) {
        let (id, path) = (field.id, field.path)
        let range = FieldHelp.range(for: id)
        add(id, label, .text(TextBinding(get: { String($0.plan[keyPath: path]) }, set: { model, text in
            guard let value = Int(text), range.contains(value) else {
                return "a whole number from \(range.lowerBound) to \(range.upperBound)"
            }
            model.plan[keyPath: path] = value
            return nil
        })), preview: preview)
    }

    mutating func flag(_ label: String, _ field: RowField<Bool>, preview: String? = nil) {
        let path = field.path
        add(field.id, label, .flag(get: { $0.plan[keyPath: path] }, set: { model, value in model.plan[keyPath: path] = value }), preview: preview)
    }

    mutating func choice<E>(_ label: String, _ field: RowField<E>, preview: String? = nil)
    where E: RawRepresentable & CaseIterable, E.RawValue == String {
        let path = field.path
        add(field.id, label, .choice(options: E.allCases.map(\.rawValue), get: { $0.plan[keyPath: path].rawValue }, set: { model, raw in
            if let value = E(rawValue: raw) { model.plan[keyPath: path] = value }
        }), preview: preview)
    }

    /// One row per item plus an "add" row; an item edited to empty goes away.
    mutating func list(_ label: String, _ field: RowField<[String]>, in plan: Plan,
                       itemLabel: String, placeholder: String = "", preview: String? = nil) {
        let (id, path) = (field.id, field.path)
        heading(id, label)
        let items = plan[keyPath: path]
        for index in items.indices {
            let remove: (inout WizardModel) -> Void = { model in
                if index < model.plan[keyPath: path].count { model.plan[keyPath: path].remove(at: index) }
            }
            add("\(id)[\(index)]", "\(itemLabel) \(index + 1)", .text(TextBinding(
                get: { model in index < model.plan[keyPath: path].count ? model.plan[keyPath: path][index] : "" },
                set: { model, text in
                    if index < model.plan[keyPath: path].count { model.plan[keyPath: path][index] = text }
                    return nil
                },
                placeholder: placeholder, removeWhenEmpty: remove)), preview: preview, remove: remove, indent: 1)
        }
        add("\(id).add", "", .action(label: "+ add \(itemLabel.lowercased())", perform: { model in
            model.plan[keyPath: path].append("")
            model.focusRow(id: "\(id)[\(items.count)]", edit: true)
            return []
        }), preview: preview, indent: 1)
    }
}

// MARK: - The steps

/// Artifact paths the rows preview.
enum Artifacts {
    static let bucketPolicy = "policies/bucket-policy.json"
    static let keyPolicy = "policies/key-policy.json"
    static let endpointPolicy = "policies/endpoint-policy.json"
    static let s3 = "terraform/s3.tf"
    static let kms = "terraform/kms.tf"
    static let network = "terraform/network.tf"
    static let logging = "terraform/logging.tf"
    static let audit = "terraform/audit.tf"
    static let resourceControlPolicy = "policies/rcp.json"
    static let lambda = "terraform/lambda.tf"
    static let versions = "terraform/versions.tf"
    static func trustPolicy(_ role: String) -> String { "policies/roles/\(role)/trust-policy.json" }
    static func accessPointPolicy(_ role: String) -> String { "policies/" + PolicySet.accessPointFileName(role) }
}

extension StepID {
    /// The rows of a form step for this plan; review and export have their own screens.
    func rows(for plan: Plan) -> [FormRow] {
        switch self {
        case .basics: return basicsRows(plan)
        case .encryption: return encryptionRows(plan)
        case .keySettings: return keySettingsRows(plan)
        case .keyAdmins: return keyAdminRows(plan)
        case .dataAccess: return dataAccessRows(plan)
        case .network: return networkRows(plan)
        case .protections: return protectionRows(plan)
        case .workload: return workloadRows(plan)
        case .review, .export: return []
        }
    }

    private func basicsRows(_ plan: Plan) -> [FormRow] {
        var r = PlanRows(preview: Artifacts.s3)
        r.text("Service name", .plan(\.basics.service))
        r.text("Environment", .plan(\.basics.environment))
        r.text("Region", .plan(\.basics.region), preview: Artifacts.versions)
        r.optionalText("Account id", .plan(\.basics.accountId), placeholder: plan.accountId.map { "\($0) (from the role ARNs)" } ?? "12 digits", preview: Artifacts.bucketPolicy)
        r.optionalText("Bucket name", .plan(\.basics.bucketName), placeholder: "generated from the prefix")
        if plan.basics.bucketName == nil {
            r.optionalText("Bucket prefix", .plan(\.basics.bucketPrefix), placeholder: plan.effectiveBucketPrefix)
        }
        r.choice("Bucket namespace", .plan(\.basics.bucketNamespace))
        r.rows.append(FormRow(id: FieldPath(\.basics.tags).description, label: "Tags", help: FieldHelp.text(for: FieldPath(\.basics.tags).description), kind: .text(TextBinding(
            get: { model in model.plan.basics.tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") },
            set: { model, text in
                var tags: [String: String] = [:]
                for pair in text.split(separator: ",") {
                    let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmed }
                    guard parts.count == 2, !parts[0].isEmpty else { return "write tags as key=value, separated by commas" }
                    tags[parts[0]] = parts[1]
                }
                model.plan.basics.tags = tags
                return nil
            }, placeholder: "key=value, key=value")), preview: Artifacts.versions))
        return r.rows
    }

    private func encryptionRows(_ plan: Plan) -> [FormRow] {
        var r = PlanRows(preview: Artifacts.keyPolicy)
        r.choice("Key", .plan(\.encryption.key), preview: Artifacts.kms)
        if plan.encryption.key == .existing {
            r.optionalText("Existing key ARN", .plan(\.encryption.existingKeyArn), placeholder: "arn:aws:kms:REGION:ACCOUNT:key/…", preview: Artifacts.s3)
            r.flag("Replace its key policy", .plan(\.encryption.manageExistingKeyPolicy))
        }
        r.flag("S3 Bucket Key", .plan(\.encryption.bucketKey))
        r.choice("Upload enforcement", .plan(\.encryption.uploadEnforcement), preview: Artifacts.bucketPolicy)
        return r.rows
    }

    private func keySettingsRows(_ plan: Plan) -> [FormRow] {
        var r = PlanRows(preview: Artifacts.kms)
        r.optionalText("Alias", .plan(\.encryption.alias), placeholder: "\(plan.keyAlias) (from the service and environment)")
        r.flag("Automatic rotation", .plan(\.encryption.rotation))
        r.number("Rotation period (days)", .plan(\.encryption.rotationPeriodDays))
        r.number("Deletion window (days)", .plan(\.encryption.deletionWindowDays))
        return r.rows
    }

    private func keyAdminRows(_ plan: Plan) -> [FormRow] {
        var r = PlanRows(preview: Artifacts.keyPolicy)
        r.list("Admin roles", .plan(\.keyAdministration.adminRoleArns), in: plan,
               itemLabel: "Admin", placeholder: "arn:aws:iam::ACCOUNT:role/NAME")
        r.flag("IAM policies may manage the key", .plan(\.keyAdministration.iamDelegation))
        r.list("Deployers (run Terraform, break glass)", .plan(\.keyAdministration.deployerArns), in: plan,
               itemLabel: "Deployer", placeholder: "arn:aws:iam::ACCOUNT:role/NAME", preview: Artifacts.bucketPolicy)
        return r.rows
    }

    private func dataAccessRows(_ plan: Plan) -> [FormRow] {
        var r = PlanRows(preview: Artifacts.bucketPolicy)
        // bucket-policy for a few roles; access-points when the bucket policy would outgrow its 20,480 characters.
        r.choice("Grants live in", .plan(\.dataAccess.mode), preview: Artifacts.bucketPolicy)
        for (index, role) in plan.dataAccess.roles.enumerated() {
            let base = FieldPath(\.dataAccess.roles, index).description
            r.preview = plan.usesAccessPoints ? Artifacts.accessPointPolicy(role.name) : Artifacts.bucketPolicy
            r.indent = 0
            r.heading(base, "Role \(index + 1): \(role.name.isEmpty ? "(unnamed)" : role.name) · \(role.access.rawValue)", remove: { model in
                if index < model.plan.dataAccess.roles.count { model.plan.dataAccess.roles.remove(at: index) }
            })
            r.indent = 1
            r.text("Name", .role(index, \.name))
            r.choice("Access", .role(index, \.access))
            r.choice("Role", .role(index, \.source), preview: Artifacts.bucketPolicy)
            if role.source == .existing {
                r.optionalText("Role ARN", .role(index, \.arn), placeholder: "arn:aws:iam::ACCOUNT:role/NAME", preview: Artifacts.bucketPolicy)
            } else {
                r.optionalText("IAM role name", .role(index, \.roleName), placeholder: plan.roleName(role), preview: Artifacts.bucketPolicy)
                r.text("Trusted service", .role(index, \.trustedService), preview: Artifacts.trustPolicy(role.name))
            }
            r.list("Key prefixes (empty: whole bucket)", .role(index, \.prefixes), in: plan, itemLabel: "Prefix", placeholder: "incoming/")
            r.flag("Via AWS services (Athena, Glue)", .role(index, \.viaAwsServices), preview: Artifacts.bucketPolicy)
        }
        r.indent = 0
        r.preview = Artifacts.bucketPolicy
        let count = plan.dataAccess.roles.count
        r.rows.append(FormRow(id: "data_access.roles.add", label: "", help: FieldHelp.text(for: "data_access.roles"),
                              kind: .action(label: "+ add role", perform: { model in
            var role = DataRole()
            role.name = "role\(count + 1)"
            model.plan.dataAccess.roles.append(role)
            model.focusRow(id: FieldPath(\.dataAccess.roles, count, \.name).description, edit: true)
            return []
        }), preview: Artifacts.bucketPolicy))
        return r.rows
    }

    private func networkRows(_ plan: Plan) -> [FormRow] {
        var r = PlanRows(preview: Artifacts.endpointPolicy)
        r.text("VPC id", .plan(\.network.vpcId), placeholder: "vpc-…", preview: Artifacts.bucketPolicy)
        r.choice("Gateway endpoint", .plan(\.network.endpoint), preview: Artifacts.network)
        if plan.network.endpoint == .existing {
            r.optionalText("Endpoint id", .plan(\.network.endpointId), placeholder: "vpce-…", preview: Artifacts.bucketPolicy)
        } else {
            r.list("Route tables", .plan(\.network.routeTableIds), in: plan, itemLabel: "Route table", placeholder: "rtb-…", preview: Artifacts.network)
        }
        r.choice("Bucket policy checks", .plan(\.network.condition), preview: Artifacts.bucketPolicy)
        r.choice("Other S3 traffic", .plan(\.network.otherS3Traffic))
        if plan.network.otherS3Traffic == .awsOwnedAndOrg {
            r.optionalText("Organization id", .plan(\.network.organizationId), placeholder: "o-…")
        }
        r.choice("Minimum TLS", .plan(\.transport.minimumTls), preview: Artifacts.bucketPolicy)
        return r.rows
    }

    private func protectionRows(_ plan: Plan) -> [FormRow] {
        var r = PlanRows(preview: Artifacts.s3)
        r.flag("Versioning", .plan(\.protections.versioning))
        r.number("Abort unfinished uploads (days)", .plan(\.protections.abortIncompleteMultipartDays))
        r.number("Expire old versions (days, 0 keep)", .plan(\.protections.noncurrentVersionExpiryDays))
        r.choice("Access logging", .plan(\.protections.accessLogging), preview: Artifacts.logging)
        if plan.protections.accessLogging != .off {
            r.optionalText("Log bucket", .plan(\.protections.logBucketName),
                           placeholder: plan.protections.accessLogging == .create ? "generated" : "name of the existing bucket", preview: Artifacts.logging)
        }
        if plan.protections.accessLogging == .create {
            r.number("Keep logs (days)", .plan(\.protections.logRetentionDays), preview: Artifacts.logging)
        }
        r.choice("Object lock", .plan(\.protections.objectLock))
        if plan.protections.objectLock != .off {
            r.number("Retention (days)", .plan(\.protections.objectLockDays))
        }
        r.flag("EventBridge notifications", .plan(\.protections.eventNotifications))
        r.flag("Amazon Macie discovery", .plan(\.protections.macie), preview: Artifacts.bucketPolicy)
        r.flag("Replication", .plan(\.protections.replication))
        if plan.protections.replication {
            r.optionalText("Destination bucket ARN", .plan(\.protections.replicationBucketArn), placeholder: "arn:aws:s3:::BUCKET")
            r.optionalText("Destination key ARN", .plan(\.protections.replicationKeyArn), placeholder: "arn:aws:kms:REGION:ACCOUNT:key/…")
        }
        r.choice("Audit trail (data events, alarms)", .plan(\.protections.auditTrail), preview: Artifacts.audit)
        if plan.auditTrailEnabled {
            r.optionalText("Trail bucket", .plan(\.protections.trailBucketName),
                           placeholder: plan.createsTrailBucket ? "generated" : "name of the existing bucket", preview: Artifacts.audit)
            if plan.createsTrailBucket { r.number("Keep trail logs (days)", .plan(\.protections.trailRetentionDays), preview: Artifacts.audit) }
            r.list("Alarm e-mails", .plan(\.protections.alarmEmails), in: plan, itemLabel: "E-mail", placeholder: "security@example.com", preview: Artifacts.audit)
        }
        r.flag("Organisation guardrail (RCP)", .plan(\.organization.resourceControlPolicy), preview: Artifacts.resourceControlPolicy)
        if plan.organization.resourceControlPolicy {
            r.optionalText("Attach RCP to", .plan(\.organization.rcpTargetId), placeholder: plan.accountId ?? "account id or ou-…",
                           preview: Artifacts.resourceControlPolicy)
        }
        return r.rows
    }

    private func workloadRows(_ plan: Plan) -> [FormRow] {
        var r = PlanRows(preview: Artifacts.lambda)
        r.flag("Scaffold a Lambda function", .plan(\.workload.enabled))
        guard plan.workload.enabled else { return r.rows }
        let created = plan.dataAccess.roles.filter { $0.source == .create }.map(\.name)
        r.rows.append(FormRow(id: FieldPath(\.workload.role).description, label: "Runs as data role", help: FieldHelp.text(for: FieldPath(\.workload.role).description),
                              kind: .choice(options: created.isEmpty ? [plan.workload.role] : created,
                                            get: { $0.plan.workload.role }, set: { $0.plan.workload.role = $1 }),
                              preview: Artifacts.lambda))
        r.optionalText("Function name", .plan(\.workload.functionName), placeholder: plan.functionName)
        r.text("Runtime", .plan(\.workload.runtime))
        r.list("Private subnets", .plan(\.workload.subnetIds), in: plan, itemLabel: "Subnet", placeholder: "subnet-…")
        r.number("Memory (MB)", .plan(\.workload.memoryMb))
        r.number("Timeout (seconds)", .plan(\.workload.timeoutSeconds))
        r.number("Reserved concurrency", .plan(\.workload.reservedConcurrency))
        r.number("Keep logs (days)", .plan(\.workload.logRetentionDays))
        return r.rows
    }
}
