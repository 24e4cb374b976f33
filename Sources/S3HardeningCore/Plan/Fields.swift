// One table of field descriptors per plan section: the single source for reading and writing the
// answers file, its JSON Schema, docs/answers.md and (later) the wizard's form fields and help.

/// What kind of value a field holds, as the schema, the docs and the UI see it.
public indirect enum FieldType: Sendable {
    case text(optional: Bool)
    case flag
    case number(ClosedRange<Int>)
    case choice([String])
    case textList
    case textMap
    /// A section's fields, listed when read: a start that names one field need not build every table.
    case section(Deferred<[FieldInfo]>)
    case sectionList(Deferred<[FieldInfo]>)
}

public struct FieldInfo: Sendable {
    public let key: String
    public let help: String
    public let type: FieldType
    /// The default as it is written in the answers file (nil for sections).
    public let defaultValue: String?
}

/// A field of a plan section `Root`: how to read it from, and write it to, the answers file.
public struct Field<Root> {
    public let info: FieldInfo
    /// Where the value lives in `Root`: the typed name of the field (see `FieldPath.init(_:)`).
    public let keyPath: PartialKeyPath<Root>
    /// A section's own fields (key paths relative to it, answers keys below it); empty for other fields.
    let nested: () -> [(keyPath: AnyKeyPath, components: [String])]
    /// A section's: the keys down to its field at a byte offset (relative to the section) with a value type.
    let keysBelow: ((_ offset: Int, _ valueType: Any.Type) -> [String]?)?
    let read: (inout Root, AnswersNode) throws(AnswersError) -> Void
    let write: (Root, inout AnswersWriter) -> Void
}

/// A plan section: a value with defaults and a field table.
public protocol AnswerSection {
    init()
    /// The section's field table: a constant (`static let`), built once, because the field checks and the
    /// answers writer read it for every role on every keystroke.
    static var fields: [Field<Self>] { get }
}

extension AnswerSection {
    public static var fieldInfos: [FieldInfo] { fields.map(\.info) }

    /// Reads a section from a mapping node; keys not in the table are errors (typos must not pass silently).
    static func read(from node: AnswersNode) throws(AnswersError) -> Self {
        var value = Self()
        let pairs = try node.mappingPairs()
        let known = Set(fields.map(\.info.key))
        for (key, child) in pairs where !known.contains(key) {
            let expected = fields.map(\.info.key).joined(separator: ", ")
            throw AnswersError(path: node.path.appending(key), line: child.line,
                               message: "unknown key \(quoted(key)) (expected one of: \(expected))")
        }
        for field in fields {
            if let child = pairs.first(where: { $0.key == field.info.key }) {
                try field.read(&value, child.value)
            }
        }
        return value
    }

    func write(to writer: inout AnswersWriter) {
        for field in Self.fields { field.write(self, &writer) }
    }

    /// Every field of this section and of the sections in it (list items are indexed, see FieldPath), by key path:
    /// the enumeration `FieldPathTests` checks the offset walk (`keys(toFieldAt:of:)`) against.
    static var fieldPaths: [(keyPath: AnyKeyPath, components: [String])] {
        fields.flatMap { field in
            let own = field.keyPath as AnyKeyPath
            return [(own, [field.info.key])] + field.nested().compactMap { child in
                own.appending(path: child.keyPath).map { ($0, [field.info.key] + child.components) }
            }
        }
    }

    /// The answers keys from this section down to the stored field that lies `offset` bytes into it and holds a
    /// `valueType` (`MemoryLayout.offset(of:)` of the field's key path). Walks only the sections on the way and
    /// builds no key path: building one for every field, to look a key path up in a table, was a fifth of the
    /// wizard's first frame. Two stored fields share an offset only when one is a section and the other its first
    /// field, and their types differ. `FieldPathTests` holds it to the table for every field.
    static func keys(toFieldAt offset: Int, of valueType: Any.Type) -> [String]? {
        for field in fields {
            guard let start = MemoryLayout<Self>.offset(of: field.keyPath), start <= offset else { continue }
            if start == offset, type(of: field.keyPath).valueType == valueType { return [field.info.key] }
            if let below = field.keysBelow, let rest = below(offset - start, valueType) { return [field.info.key] + rest }
        }
        return nil
    }

    /// The answers key of one of this section's fields: `\DataRole.arn` → `arn`.
    public static func key(of field: PartialKeyPath<Self>) -> String {
        guard let found = fields.first(where: { $0.keyPath == field }) else { preconditionFailure("\(field) is not a field of \(Self.self)") }
        return found.info.key
    }
}

extension Field {
    private static func make(_ key: String, _ path: PartialKeyPath<Root>, _ help: String, _ type: FieldType, default defaultValue: String?,
                             nested: @escaping () -> [(keyPath: AnyKeyPath, components: [String])] = { [] },
                             keysBelow: ((Int, Any.Type) -> [String]?)? = nil,
                             read: @escaping (inout Root, AnswersNode) throws(AnswersError) -> Void,
                             write: @escaping (Root, inout AnswersWriter) -> Void) -> Field {
        Field(info: FieldInfo(key: key, help: help, type: type, defaultValue: defaultValue), keyPath: path, nested: nested, keysBelow: keysBelow,
              read: read, write: write)
    }

    public static func text(_ key: String, _ path: WritableKeyPath<Root, String>, _ help: String) -> Field where Root: AnswerSection {
        make(key, path, help, .text(optional: false), default: AnswersWriter.quote(Root()[keyPath: path]),
             read: { (root: inout Root, node: AnswersNode) throws(AnswersError) in root[keyPath: path] = try node.text() },
             write: { root, writer in writer.scalar(key, AnswersWriter.quote(root[keyPath: path]), help: help) })
    }

    public static func optionalText(_ key: String, _ path: WritableKeyPath<Root, String?>, _ help: String) -> Field where Root: AnswerSection {
        make(key, path, help, .text(optional: true), default: Root()[keyPath: path].map(AnswersWriter.quote) ?? "null",
             read: { (root: inout Root, node: AnswersNode) throws(AnswersError) in root[keyPath: path] = try node.optionalText() },
             write: { root, writer in writer.scalar(key, root[keyPath: path].map(AnswersWriter.quote) ?? "null", help: help) })
    }

    public static func flag(_ key: String, _ path: WritableKeyPath<Root, Bool>, _ help: String) -> Field where Root: AnswerSection {
        make(key, path, help, .flag, default: String(Root()[keyPath: path]),
             read: { (root: inout Root, node: AnswersNode) throws(AnswersError) in root[keyPath: path] = try node.flag() },
             write: { root, writer in writer.scalar(key, String(root[keyPath: path]), help: help) })
    }

    public static func number(_ key: String, _ path: WritableKeyPath<Root, Int>, _ range: ClosedRange<Int>, _ help: String) -> Field where Root: AnswerSection {
        make(key, path, help, .number(range), default: String(Root()[keyPath: path]),
             read: { (root: inout Root, node: AnswersNode) throws(AnswersError) in root[keyPath: path] = try node.number(in: range) },
             write: { root, writer in writer.scalar(key, String(root[keyPath: path]), help: help) })
    }

    public static func choice<E>(_ key: String, _ path: WritableKeyPath<Root, E>, _ help: String) -> Field
    where Root: AnswerSection, E: RawRepresentable & CaseIterable, E.RawValue == String {
        let options = E.allCases.map(\.rawValue)
        return make(key, path, help, .choice(options), default: AnswersWriter.quote(Root()[keyPath: path].rawValue),
             read: { (root: inout Root, node: AnswersNode) throws(AnswersError) in
                 let raw = try node.text()
                 guard let value = E(rawValue: raw) else {
                     throw node.error("\(quoted(raw)) is not one of: \(options.joined(separator: ", "))")
                 }
                 root[keyPath: path] = value
             },
             write: { root, writer in writer.scalar(key, AnswersWriter.quote(root[keyPath: path].rawValue), help: help) })
    }

    public static func textList(_ key: String, _ path: WritableKeyPath<Root, [String]>, _ help: String) -> Field where Root: AnswerSection {
        make(key, path, help, .textList, default: "[]",
             read: { (root: inout Root, node: AnswersNode) throws(AnswersError) in root[keyPath: path] = try node.textList() },
             write: { root, writer in writer.list(key, root[keyPath: path], help: help) })
    }

    public static func textMap(_ key: String, _ path: WritableKeyPath<Root, [String: String]>, _ help: String) -> Field where Root: AnswerSection {
        make(key, path, help, .textMap, default: "{}",
             read: { (root: inout Root, node: AnswersNode) throws(AnswersError) in root[keyPath: path] = try node.textMap() },
             write: { root, writer in writer.map(key, root[keyPath: path], help: help) })
    }

    public static func section<S: AnswerSection>(_ key: String, _ path: WritableKeyPath<Root, S>, _ help: String) -> Field {
        make(key, path, help, .section(Deferred { S.fieldInfos }), default: nil, nested: { S.fieldPaths },
             keysBelow: { offset, type in offset < MemoryLayout<S>.size ? S.keys(toFieldAt: offset, of: type) : nil },
             read: { (root: inout Root, node: AnswersNode) throws(AnswersError) in root[keyPath: path] = try S.read(from: node) },
             write: { root, writer in
                 writer.beginSection(key, help: help)
                 root[keyPath: path].write(to: &writer)
                 writer.endSection()
             })
    }

    public static func sectionList<S: AnswerSection>(_ key: String, _ path: WritableKeyPath<Root, [S]>, _ help: String) -> Field {
        make(key, path, help, .sectionList(Deferred { S.fieldInfos }), default: "[]",
             read: { (root: inout Root, node: AnswersNode) throws(AnswersError) in
                 root[keyPath: path] = try node.sequenceItems().map { item throws(AnswersError) in try S.read(from: item) }
             },
             write: { root, writer in
                 let items = root[keyPath: path]
                 writer.beginList(key, isEmpty: items.isEmpty, help: help)
                 for item in items {
                     writer.beginListItem()
                     item.write(to: &writer)
                     writer.endListItem()
                 }
                 writer.endList(isEmpty: items.isEmpty)
             })
    }
}

// MARK: - The field tables

extension Plan: AnswerSection {
    nonisolated(unsafe) public static let fields: [Field<Plan>] = [
        .number("version", \.version, 1...Plan.formatVersion, "Answers-file format version."),
        .section("basics", \.basics, "Names, region, account and tags."),
        .section("encryption", \.encryption, "The customer-managed KMS key that encrypts the data."),
        .section("key_administration", \.keyAdministration, "Who manages the key (and runs Terraform), never uses it."),
        .section("data_access", \.dataAccess, "The only roles that may touch the data."),
        .section("network", \.network, "VPC-only access through an S3 gateway endpoint."),
        .section("transport", \.transport, "TLS requirements."),
        .section("protections", \.protections, "Versioning, lifecycle, logging, object lock, notifications."),
        .section("workload", \.workload, "Optional Lambda scaffold in private subnets."),
        .section("organization", \.organization, "The organisation guardrail (a resource control policy), applied from the management account."),
        .section("proof", \.proof, "The offline proof: a broken intent is an error unless accepted here, knowingly."),
        .section("adopt", \.adopt, "What exists already: imported into the Terraform (import blocks) instead of created. Written by `s3wizard audit --write-answers`."),
    ]
}

extension Basics: AnswerSection {
    nonisolated(unsafe) public static let fields: [Field<Basics>] = [
        .text("service", \.service, "Short service name used in resource names (lowercase letters, digits, hyphens)."),
        .text("environment", \.environment, "Environment name used in resource names and tags (e.g. prod, staging)."),
        .text("region", \.region, "AWS region of the bucket; the partition (aws, aws-cn, aws-us-gov) follows from it."),
        .optionalText("account_id", \.accountId, "12-digit account id. Optional: otherwise taken from the existing data roles or the deployers."),
        .optionalText("bucket_name", \.bucketName, "Exact bucket name (account-regional: the part before -ACCOUNTID-REGION-an). Leave null to let Terraform generate one from bucket_prefix."),
        .optionalText("bucket_prefix", \.bucketPrefix, "Prefix for a generated bucket name (default: service-environment-)."),
        .choice("bucket_namespace", \.bucketNamespace, "global (shared by every account: a name can be claimed first), or account-regional: the name gets -ACCOUNTID-REGION-an and only this account can create it (recommended; AWS provider 6.37+)."),
        .textMap("tags", \.tags, "Tags applied to every resource (provider default_tags)."),
    ]
}

extension Encryption: AnswerSection {
    nonisolated(unsafe) public static let fields: [Field<Encryption>] = [
        .choice("key", \.key, "create a customer-managed key here, or use an existing key."),
        .optionalText("existing_key_arn", \.existingKeyArn, "ARN of the existing key (key: existing)."),
        .flag("manage_existing_key_policy", \.manageExistingKeyPolicy, "The existing key is yours: let Terraform replace its whole key policy."),
        .optionalText("alias", \.alias, "Alias of the new key (default: alias/service-environment-data)."),
        .flag("bucket_key", \.bucketKey, "S3 Bucket Key: far fewer KMS requests (cost); the encryption context becomes the bucket ARN."),
        .flag("rotation", \.rotation, "Automatic key rotation."),
        .number("rotation_period_days", \.rotationPeriodDays, 90...2560, "Days between automatic rotations."),
        .number("deletion_window_days", \.deletionWindowDays, 7...30, "Waiting period before a scheduled key deletion (a deleted key means lost data)."),
        .choice("upload_enforcement", \.uploadEnforcement, "Reject uploads that ask for another key or cipher: off, lenient (headers optional), strict (headers required)."),
    ]
}

extension KeyAdministration: AnswerSection {
    nonisolated(unsafe) public static let fields: [Field<KeyAdministration>] = [
        .textList("admin_role_arns", \.adminRoleArns, "Security-team role ARNs that manage the key but cannot use it."),
        .flag("iam_delegation", \.iamDelegation, "Also let IAM policies in the account manage (never use) the key through the account root."),
        .textList("deployer_arns", \.deployerArns, "Who runs Terraform / breaks glass: stays key admin, exempt from VPC-only for management, never reads data."),
    ]
}

extension DataRole: AnswerSection {
    nonisolated(unsafe) public static let fields: [Field<DataRole>] = [
        .text("name", \.name, "Short logical name (lowercase letters, digits, hyphens), used in Sids and file names."),
        .choice("source", \.source, "create the role here, or use an existing role."),
        .optionalText("arn", \.arn, "ARN of the existing role (source: existing)."),
        .optionalText("role_name", \.roleName, "IAM name of a created role (default: service-environment-name)."),
        .text("trusted_service", \.trustedService, "Service principal that may assume a created role."),
        .choice("access", \.access, "What the role may do with objects."),
        .textList("prefixes", \.prefixes, "Limit the role to these key prefixes (e.g. incoming/). Empty: the whole bucket."),
        .flag("via_aws_services", \.viaAwsServices, "Allow this role's requests made through other AWS services (Athena, Glue) from outside the VPC."),
    ]
}

extension DataAccess: AnswerSection {
    nonisolated(unsafe) public static let fields: [Field<DataAccess>] = [
        .choice("mode", \.mode, "Where the roles' grants live: bucket-policy (a few statements per role in the bucket policy; about eight roles fit its 20,480 characters), or access-points (one VPC-only S3 access point per role with its own policy; the bucket policy delegates to them: for many teams)."),
        .sectionList("roles", \.roles, "Each role that may touch the data, with its access level."),
    ]
}

extension Proof: AnswerSection {
    nonisolated(unsafe) public static let fields: [Field<Proof>] = [.sectionList("accepted_broken_intents", \.acceptedBrokenIntents,
                  "Intents (ids from `s3wizard simulate`) you accept as broken, each with the reason; listed in the output README and the review.")]
}

extension AcceptedBrokenIntent: AnswerSection {
    nonisolated(unsafe) public static let fields: [Field<AcceptedBrokenIntent>] = [
        .choice("intent", \.intent, "The intent id, e.g. deployers-can-manage."),
        .text("reason", \.reason, "Why it is acceptable, and who decided (kept in the output README)."),
    ]
}

extension Network: AnswerSection {
    nonisolated(unsafe) public static let fields: [Field<Network>] = [
        .text("vpc_id", \.vpcId, "The VPC whose workloads reach the bucket (vpc-…)."),
        .textList("route_table_ids", \.routeTableIds, "Route tables of the workload subnets (rtb-…); a new endpoint is attached to them."),
        .choice("endpoint", \.endpoint, "create an S3 gateway endpoint, or use an existing one (a route table takes only one)."),
        .optionalText("endpoint_id", \.endpointId, "Existing gateway endpoint id (vpce-…)."),
        .choice("condition", \.condition, "Bucket policy condition: source-vpce (this endpoint) or source-vpc (any endpoint in the VPC)."),
        .choice("other_s3_traffic", \.otherS3Traffic, "What else the endpoint lets through: aws-owned-and-org, any-bucket, or none (dedicated route tables)."),
        .optionalText("organization_id", \.organizationId, "AWS Organizations id (o-…) whose buckets stay reachable through the endpoint."),
    ]
}

extension Transport: AnswerSection {
    nonisolated(unsafe) public static let fields: [Field<Transport>] = [.choice("minimum_tls", \.minimumTls, "Lowest TLS version accepted (TLS-only is always on).")]
}

extension Protections: AnswerSection {
    nonisolated(unsafe) public static let fields: [Field<Protections>] = [
        .flag("versioning", \.versioning, "Keep every version of every object (recover from overwrite and delete)."),
        .number("abort_incomplete_multipart_days", \.abortIncompleteMultipartDays, 1...365, "Delete parts of unfinished multipart uploads after this many days."),
        .number("noncurrent_version_expiry_days", \.noncurrentVersionExpiryDays, 0...36500, "Delete old versions after this many days (0: keep forever)."),
        .choice("access_logging", \.accessLogging, "Server access logs: create a log bucket, use an existing one, or off."),
        .optionalText("log_bucket_name", \.logBucketName, "Existing log bucket (access_logging: existing), or the name of the new one (default: generated)."),
        .number("log_retention_days", \.logRetentionDays, 1...36500, "Days to keep access logs in a created log bucket."),
        .choice("object_lock", \.objectLock, "Write-once retention: off, governance (privileged bypass), compliance (nobody, not even root)."),
        .number("object_lock_days", \.objectLockDays, 1...36500, "Default retention in days when object lock is on."),
        .flag("event_notifications", \.eventNotifications, "Send object events to Amazon EventBridge."),
        .flag("macie", \.macie, "Let Amazon Macie (its service-linked role) inventory the bucket and classify the objects for personal data."),
        .flag("replication", \.replication, "Replicate every object to an existing bucket (another region or a backup account)."),
        .optionalText("replication_bucket_arn", \.replicationBucketArn, "ARN of the existing destination bucket (versioning on), e.g. arn:aws:s3:::backup-bucket."),
        .optionalText("replication_key_arn", \.replicationKeyArn, "ARN of the customer-managed key in the destination's region that encrypts the replicas."),
        .choice("audit_trail", \.auditTrail, "CloudTrail data events (every read and write) for this bucket and alarms on policy changes: create a trail bucket, use an existing trail bucket (an organisation trail's), or off."),
        .optionalText("trail_bucket_name", \.trailBucketName, "existing-bucket: the bucket that receives the trail's logs; create: the new bucket's name (default: generated)."),
        .number("trail_retention_days", \.trailRetentionDays, 1...36500, "Days to keep the trail's logs in a created trail bucket."),
        .textList("alarm_emails", \.alarmEmails, "E-mail addresses subscribed to the policy-change alarms (each confirms by mail)."),
    ]
}

extension Organization: AnswerSection {
    nonisolated(unsafe) public static let fields: [Field<Organization>] = [
        .flag("resource_control_policy", \.resourceControlPolicy, "Write policies/rcp.json and terraform/organization/: a resource control policy that restates, for this bucket and key, only these principals, only through the endpoint, TLS only; nobody in the account (not even root) can remove it."),
        .optionalText("rcp_target_id", \.rcpTargetId, "Account id (12 digits) or OU id (ou-…) the RCP is attached to (default: the bucket's account)."),
    ]
}

extension Workload: AnswerSection {
    nonisolated(unsafe) public static let fields: [Field<Workload>] = [
        .flag("enabled", \.enabled, "Generate a Lambda function scaffold in private subnets."),
        .text("role", \.role, "Name of the data role (source: create) the function runs as."),
        .optionalText("function_name", \.functionName, "Function name (default: service-environment-role)."),
        .text("runtime", \.runtime, "Lambda runtime (a supported Python runtime)."),
        .textList("subnet_ids", \.subnetIds, "Private subnets in at least two availability zones (subnet-…)."),
        .number("memory_mb", \.memoryMb, 128...10240, "Function memory in MB."),
        .number("timeout_seconds", \.timeoutSeconds, 1...900, "Function timeout in seconds."),
        .number("reserved_concurrency", \.reservedConcurrency, 1...1000, "Reserved concurrency (caps parallel runs and cost)."),
        .number("log_retention_days", \.logRetentionDays, 365...3653, "Days to keep the function's logs (at least a year)."),
    ]
}
