// Adoption: the answers say which of the plan's resources already exist, and the Terraform gains an
// `import` block for each (Terraform >= 1.5), so the first plan changes them in place instead of creating
// them a second time. `s3wizard audit --write-answers` fills this section from what it read.

/// One of a bucket's settings that the AWS provider manages as a resource of its own.
public enum BucketSetting: String, CaseIterable, Sendable {
    case policy
    case publicAccessBlock = "public-access-block"
    case ownershipControls = "ownership-controls"
    case encryption
    case versioning
    case lifecycle
    case logging
    case notification
    case objectLock = "object-lock"
    case replication

    public var resourceType: ResourceType {
        switch self {
        case .policy: .s3BucketPolicy
        case .publicAccessBlock: .s3PublicAccessBlock
        case .ownershipControls: .s3OwnershipControls
        case .encryption: .s3Encryption
        case .versioning: .s3Versioning
        case .lifecycle: .s3Lifecycle
        case .logging: .s3Logging
        case .notification: .s3Notification
        case .objectLock: .s3ObjectLock
        case .replication: .s3Replication
        }
    }
}

public struct Adoption: Equatable, Sendable {
    public var bucket = false
    /// Raw values of `BucketSetting` (a list of text in the answers file; validation names a wrong one).
    public var bucketSettings: [String] = []
    public var kmsKeyId: String? = nil
    public var kmsAlias: String? = nil
    public var vpcEndpointId: String? = nil
    public var roles: [String] = []

    public init() {}

    public var isEmpty: Bool { self == Adoption() }
    var settings: [BucketSetting] { bucketSettings.compactMap(BucketSetting.init(rawValue:)) }
}

extension Adoption: AnswerSection {
    nonisolated(unsafe) public static let fields: [Field<Adoption>] = [
        .flag("bucket", \.bucket, "The bucket basics.bucket_name exists: Terraform imports it instead of creating it."),
        .textList("bucket_settings", \.bucketSettings, "Its settings that are configured today, each imported into the resource that manages it: " + BucketSetting.allCases.map(\.rawValue).joined(separator: ", ") + "."),
        .optionalText("kms_key_id", \.kmsKeyId, "Id of an existing key that becomes the plan's key (encryption.key: create): imported, its policy replaced by the hardened one."),
        .optionalText("kms_alias", \.kmsAlias, "That key's existing alias (the same as encryption.alias), imported with it."),
        .optionalText("vpc_endpoint_id", \.vpcEndpointId, "An existing S3 gateway endpoint that becomes the plan's endpoint (network.endpoint: create): imported, its policy replaced."),
        .textList("roles", \.roles, "Data roles (source: create) whose IAM role exists under role_name: imported, their trust policy replaced."),
    ]
}

/// One `import` block: an existing object and the resource that takes it over.
public struct ResourceImport: Equatable, Sendable {
    public let address: ResourceAddress
    public let id: String
}

extension Plan {
    public var adopts: Bool { !adopt.isEmpty }

    /// The bucket settings the plan manages: each is a resource in s3.tf.
    func manages(_ setting: BucketSetting) -> Bool {
        switch setting {
        case .policy, .publicAccessBlock, .ownershipControls, .encryption, .lifecycle: true
        case .versioning: versioningEnabled
        case .logging: protections.accessLogging != .off
        case .notification: protections.eventNotifications
        case .objectLock: objectLockEnabled
        case .replication: protections.replication
        }
    }

    /// Settings configured on the bucket today that the plan does not manage: Terraform leaves them as they are.
    public var unmanagedLiveSettings: [BucketSetting] { adopt.bucket ? adopt.settings.filter { !manages($0) } : [] }

    /// Every import block, in the order of the files that declare the resources.
    public var imports: [ResourceImport] {
        var result: [ResourceImport] = []
        func add(_ address: ResourceAddress, _ id: String?) {
            guard let id, let format = address.type.importID else { return }
            let whole = format == .bucketCommaOwner ? accountId.map { "\(id),\($0)" } : id
            if let whole { result.append(ResourceImport(address: address, id: whole)) }
        }
        if let key = adopt.kmsKeyId, createsKey {
            add(.dataKey, key)
            if let alias = adopt.kmsAlias, alias == keyAlias { add(.dataKeyAlias, alias) }
        }
        if adopt.bucket, let name = basics.bucketName {
            add(.dataBucket, name)
            for setting in BucketSetting.allCases where adopt.settings.contains(setting) && manages(setting) {
                add(ResourceAddress.dataBucket.setting(setting.resourceType), name)
            }
        }
        if let endpoint = adopt.vpcEndpointId, createsEndpoint { add(.endpoint, endpoint) }
        for role in dataAccess.roles where role.source == .create && adopt.roles.contains(role.name) {
            add(.role(role.name), roleName(role))
        }
        return result
    }
}

/// terraform/imports.tf and what the output README says about it.
struct ImportsFile {
    let plan: Plan

    var text: String {
        var file = HCLFile()
        for (i, item) in plan.imports.enumerated() {
            let comment = i == 0 ? ["Existing objects that this configuration takes over (Terraform >= 1.5). Run `terraform plan` and",
                                    "read it before `terraform apply`: it must show imports and in-place changes only."] : []
            file.block("import", comment: comment) { b in
                b.attr("to", item.address.description)
                b.string("id", item.id)
            }
        }
        return file.text
    }

    var readme: [String] {
        var lines = ["## Adopting what exists", "",
                     "`terraform/imports.tf` imports \(plan.imports.count) existing object(s) into this configuration instead of creating them:", ""]
        lines += plan.imports.map { "- `\($0.address)` ← `\($0.id)`" }
        lines += ["", "In this order:", "",
                  "1. `terraform init`, then `terraform plan`. Every adopted resource shows as `will be imported`, most with `~ update in-place`.",
                  "2. Read the diff. Stop if any adopted resource says `must be replaced` or `will be destroyed`: the live object differs in an argument that forces a new one (for example the bucket's object lock, a key's multi-Region setting, a role's path). Fix the answers and generate again.",
                  "3. The in-place changes are the hardening itself: the bucket, key and endpoint policies are replaced whole, so any statement of today's policies that is not in the hardened ones goes away. `checks/access-analyzer.sh` compares the hardened bucket policy with today's (`check-no-new-access`).",
                  "4. `terraform apply`. Afterwards `imports.tf` can stay (an import of an object already in the state does nothing) or be deleted.", ""]
        let unmanaged = plan.unmanagedLiveSettings
        if !unmanaged.isEmpty {
            lines += ["Configured today but not managed by this plan, so left as they are: " + unmanaged.map { "`\($0.rawValue)`" }.joined(separator: ", ") + ".", ""]
        }
        return lines
    }
}

extension Plan {
    /// The rules of the adopt section; `c` collects the diagnostics of the whole plan.
    func checkAdoption(_ c: inout Checker) {
        let a = adopt
        guard !a.isEmpty else { return }
        if accountId == nil {
            c.error(FieldPath(\.basics.accountId), "required when adopting: the import ids of the bucket's settings carry the account id")
        }
        for raw in a.bucketSettings where BucketSetting(rawValue: raw) == nil {
            c.error(FieldPath(\.adopt.bucketSettings), "\(quoted(raw)) is not a bucket setting (expected: \(BucketSetting.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if !a.bucket, !a.bucketSettings.isEmpty {
            c.error(FieldPath(\.adopt.bucket), "bucket_settings are listed but the bucket is not adopted: set bucket: true")
        }
        if a.bucket {
            if basics.bucketName == nil {
                c.error(FieldPath(\.basics.bucketName), "required when adopting the bucket: its exact name (a bucket_prefix would create a new bucket)")
            }
            if accountRegionalNamespace {
                c.error(FieldPath(\.basics.bucketNamespace), "an adopted bucket keeps the namespace it was created in: set global (a bucket cannot move into the account-regional namespace)")
            }
            // aws_s3_bucket.object_lock_enabled forces a new bucket (AWS provider docs, aws_s3_bucket).
            if objectLockEnabled, !a.settings.contains(.objectLock) {
                c.error(FieldPath(\.protections.objectLock), "the adopted bucket has no object lock today, and turning it on through aws_s3_bucket.object_lock_enabled would replace the bucket: set object_lock: off, or enable object lock on the bucket first (S3 PutObjectLockConfiguration) and audit again")
            }
        }
        if let key = a.kmsKeyId {
            if c.shape(FieldPath(\.adopt.kmsKeyId), key, .keyId) {
                if key.hasPrefix("mrk-") {
                    c.error(FieldPath(\.adopt.kmsKeyId), "a multi-Region key cannot be adopted here (aws_kms_key.multi_region would force a new key): keep it as encryption.key: existing")
                }
            }
            if !createsKey {
                c.error(FieldPath(\.encryption.key), "adopt.kms_key_id makes Terraform manage that key: set key: create (existing leaves the key and its policy alone)")
            }
        }
        if let alias = a.kmsAlias {
            if c.shape(FieldPath(\.adopt.kmsAlias), alias, .keyAlias), alias != keyAlias {
                c.error(FieldPath(\.encryption.alias), "the adopted key's alias is \(quoted(alias)): set alias to it, or the plan creates \(quoted(keyAlias)) beside it")
            }
            if a.kmsKeyId == nil { c.error(FieldPath(\.adopt.kmsAlias), "an alias is adopted with its key: set kms_key_id") }
        }
        if let endpoint = a.vpcEndpointId {
            c.shape(FieldPath(\.adopt.vpcEndpointId), endpoint, .endpointId)
            if !createsEndpoint {
                c.error(FieldPath(\.network.endpoint), "adopt.vpc_endpoint_id makes Terraform manage that endpoint: set endpoint: create (existing leaves it and its policy alone)")
            }
        }
        var seen = Set<String>()
        for name in a.roles {
            if !seen.insert(name).inserted { c.error(FieldPath(\.adopt.roles), "\(quoted(name)) is listed twice") }
            guard let role = dataAccess.roles.first(where: { $0.name == name }) else {
                c.error(FieldPath(\.adopt.roles), "\(quoted(name)) is not a data role"); continue
            }
            if role.source != .create {
                c.error(FieldPath(\.adopt.roles), "\(quoted(name)) has source: existing, which leaves the role alone; set source: create to adopt it")
            }
        }
    }
}
