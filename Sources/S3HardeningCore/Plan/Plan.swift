// The answers a user gives: a plain value whose defaults are the recommended hardened setup.
// Everything else (policies, Terraform, the control states) is derived from it.

public struct Plan: Equatable, Sendable {
    /// Version of the answers-file format; bumped when a field changes meaning.
    public static let formatVersion = 1

    public var version = Plan.formatVersion
    public var basics = Basics()
    public var encryption = Encryption()
    public var keyAdministration = KeyAdministration()
    public var dataAccess = DataAccess()
    public var network = Network()
    public var transport = Transport()
    public var protections = Protections()
    public var workload = Workload()
    public var organization = Organization()
    public var proof = Proof()
    public var adopt = Adoption()

    public init() {}
}

public struct Basics: Equatable, Sendable {
    public var service = ""
    public var environment = "prod"
    public var region = "us-east-1"
    public var accountId: String? = nil
    public var bucketName: String? = nil
    public var bucketPrefix: String? = nil
    /// Where the data bucket's name lives: the shared global namespace, or the account's own regional one.
    public var bucketNamespace: BucketNamespace = .global
    public var tags: [String: String] = [:]
    public init() {}
}

/// S3 general purpose bucket namespaces (Amazon S3 User Guide, "Namespaces for general purpose buckets").
/// `account-regional` names end in `-ACCOUNTID-REGION-an`, and only this account can create them, so nobody can
/// claim the name first (bucket squatting) or reuse it after a deletion. Terraform: `bucket_namespace` on
/// `aws_s3_bucket`, AWS provider v6.37.0 and later.
public enum BucketNamespace: String, CaseIterable, Sendable {
    case global
    case accountRegional = "account-regional"
}

public enum ResourceSource: String, CaseIterable, Sendable {
    case create, existing
}

public enum UploadEnforcement: String, CaseIterable, Sendable {
    case off, lenient, strict
}

public struct Encryption: Equatable, Sendable {
    public var key = ResourceSource.create
    public var existingKeyArn: String? = nil
    public var manageExistingKeyPolicy = false
    public var alias: String? = nil
    public var bucketKey = true
    public var rotation = true
    public var rotationPeriodDays = 365
    public var deletionWindowDays = 30
    public var uploadEnforcement = UploadEnforcement.lenient
    public init() {}
}

public struct KeyAdministration: Equatable, Sendable {
    /// Security-team roles that manage the key but never use it.
    public var adminRoleArns: [String] = []
    /// true: the account root may manage the key through IAM policies; false: named admins only.
    public var iamDelegation = false
    /// Principals that run Terraform / break glass: key admins, exempt from VPC-only for management, never data readers.
    public var deployerArns: [String] = []
    public init() {}
}

public enum AccessLevel: String, CaseIterable, Sendable {
    case read, write
    case readWrite = "read-write"
    case readWriteDelete = "read-write-delete"

    public var reads: Bool { self != .write }
    public var writes: Bool { self != .read }
    public var deletes: Bool { self == .readWriteDelete }
}

public struct DataRole: Equatable, Sendable {
    /// Short logical name, used in Terraform names, Sids and file names.
    public var name = ""
    public var source = ResourceSource.create
    public var arn: String? = nil
    public var roleName: String? = nil
    public var trustedService = "lambda.amazonaws.com"
    public var access = AccessLevel.read
    public var prefixes: [String] = []
    /// Allow this role's requests made through another AWS service (Athena, Glue) from outside the VPC.
    public var viaAwsServices = false
    public init() {}
}

/// Where the data roles' grants live. `bucket-policy`: in the bucket policy, a few statements per role (the
/// bucket policy's 20,480 characters hold about eight roles). `access-points`: one S3 access point per role,
/// VPC-only, whose own policy holds the role to its level and prefixes; the bucket policy delegates to the
/// access points of its account and keeps only the denies that do not depend on the role.
public enum DataAccessMode: String, CaseIterable, Sendable {
    case bucketPolicy = "bucket-policy"
    case accessPoints = "access-points"
}

public struct DataAccess: Equatable, Sendable {
    public var mode = DataAccessMode.bucketPolicy
    public var roles: [DataRole] = []
    public init() {}
}

public enum VpcConditionKey: String, CaseIterable, Sendable {
    case sourceVpce = "source-vpce"
    case sourceVpc = "source-vpc"
}

public enum OtherS3Traffic: String, CaseIterable, Sendable {
    /// Route tables shared: keep AWS-owned buckets (ECR layers, OS repos, SSM) and the organisation's buckets.
    case awsOwnedAndOrg = "aws-owned-and-org"
    /// Route tables shared, any other bucket allowed through the endpoint (widest).
    case anyBucket = "any-bucket"
    /// Dedicated route tables: the endpoint reaches only this bucket.
    case none
}

public struct Network: Equatable, Sendable {
    public var vpcId = ""
    public var routeTableIds: [String] = []
    public var endpoint = ResourceSource.create
    public var endpointId: String? = nil
    public var condition = VpcConditionKey.sourceVpce
    public var otherS3Traffic = OtherS3Traffic.awsOwnedAndOrg
    public var organizationId: String? = nil
    public init() {}
}

public enum TLSVersion: String, CaseIterable, Sendable {
    case v1_2 = "1.2"
    case v1_3 = "1.3"
}

public struct Transport: Equatable, Sendable {
    public var minimumTls = TLSVersion.v1_2
    public init() {}
}

public enum LoggingMode: String, CaseIterable, Sendable {
    case create, existing, off
}

/// The audit trail: a trail created here into its own bucket, a trail created here into an existing trail bucket
/// (an organisation trail's, a log-archive account's), or none.
public enum AuditTrailMode: String, CaseIterable, Sendable {
    case create
    case existingBucket = "existing-bucket"
    case off
}

public enum ObjectLockMode: String, CaseIterable, Sendable {
    case off, governance, compliance
}

public struct Protections: Equatable, Sendable {
    public var versioning = true
    public var abortIncompleteMultipartDays = 7
    /// 0 keeps noncurrent versions forever.
    public var noncurrentVersionExpiryDays = 90
    public var accessLogging = LoggingMode.create
    public var logBucketName: String? = nil
    public var logRetentionDays = 365
    public var objectLock = ObjectLockMode.off
    public var objectLockDays = 30
    public var eventNotifications = true
    /// Let Amazon Macie inventory the bucket and classify its objects (its service-linked role reads from the AWS network).
    public var macie = false
    public var replication = false
    /// The existing bucket that receives the replicas (often in another region or a backup account).
    public var replicationBucketArn: String? = nil
    /// The customer-managed key, in the destination's region, that encrypts the replicas.
    public var replicationKeyArn: String? = nil
    /// CloudTrail data events (reads and writes) for this bucket only, and the alarms on policy changes.
    public var auditTrail = AuditTrailMode.create
    /// existing-bucket: the bucket that receives the trail's logs; create: the new bucket's name (default: generated).
    public var trailBucketName: String? = nil
    public var trailRetentionDays = 365
    /// E-mail addresses subscribed to the alarm topic (each must confirm the subscription).
    public var alarmEmails: [String] = []
    public init() {}
}

/// The organisation guardrail: a resource control policy for this bucket and key, applied from the management account.
public struct Organization: Equatable, Sendable {
    public var resourceControlPolicy = false
    /// Where the RCP is attached: this account (default), another account id, or an OU (ou-…).
    public var rcpTargetId: String? = nil
    public init() {}
}

public struct Workload: Equatable, Sendable {
    public var enabled = false
    /// The data role (source: create) the function runs as.
    public var role = ""
    public var functionName: String? = nil
    public var runtime = "python3.13"
    public var subnetIds: [String] = []
    public var memoryMb = 256
    public var timeoutSeconds = 60
    public var reservedConcurrency = 5
    public var logRetentionDays = 365
    public init() {}
}

/// A broken intent the user accepts knowingly. Never silent: it is printed in the output README, by
/// `validate` and `generate`, and first on the wizard's review screen.
public struct AcceptedBrokenIntent: Equatable, Sendable {
    public var intent = IntentID.onlyListedRoles
    public var reason = ""
    public init() {}
    public init(_ intent: IntentID, reason: String) { self.intent = intent; self.reason = reason }
}

public struct Proof: Equatable, Sendable {
    /// Broken intents that do not block the output (each with why); any other broken intent is an error.
    public var acceptedBrokenIntents: [AcceptedBrokenIntent] = []
    public init() {}
}

// MARK: - Derived facts used by every renderer

public enum Partition: String, Sendable {
    case aws, awsCn = "aws-cn", awsUsGov = "aws-us-gov"

    public init(region: String) {
        if region.hasPrefix("cn-") { self = .awsCn }
        else if region.hasPrefix("us-gov-") { self = .awsUsGov }
        else { self = .aws }
    }

    public var dnsSuffix: String { self == .awsCn ? "amazonaws.com.cn" : "amazonaws.com" }
}

extension Plan {
    public var partition: Partition { Partition(region: basics.region) }

    /// Prefix used for names the tool creates: `service-environment`.
    public var namePrefix: String {
        [basics.service, basics.environment].filter { !$0.isEmpty }.joined(separator: "-")
    }

    public var keyAlias: String { encryption.alias ?? "alias/\(namePrefix)-data" }

    public var effectiveBucketPrefix: String { basics.bucketPrefix ?? "\(namePrefix)-" }

    public var accountRegionalNamespace: Bool { basics.bucketNamespace == .accountRegional }

    /// In the account-regional namespace: the part of the name before `-ACCOUNTID-REGION-an` (bucket_name, or
    /// bucket_prefix without its trailing separators; no random part is needed where nobody else can create names).
    public var accountRegionalBase: String {
        var base = basics.bucketName ?? effectiveBucketPrefix
        while base.hasSuffix("-") || base.hasSuffix(".") { base.removeLast() }
        return base
    }

    /// The suffix AWS requires in the account-regional namespace: `-ACCOUNTID-REGION-an`.
    public static func accountRegionalSuffix(account: String, region: String) -> String { "-\(account)-\(region)-an" }

    public var createsKey: Bool { encryption.key == .create }
    public var managesKeyPolicy: Bool { createsKey || encryption.manageExistingKeyPolicy }
    public var createsEndpoint: Bool { network.endpoint == .create }
    public var createsLogBucket: Bool { protections.accessLogging == .create }
    public var objectLockEnabled: Bool { protections.objectLock != .off }
    public var versioningEnabled: Bool { protections.versioning || objectLockEnabled || protections.replication }
    /// A second customer-managed key for logs and workload support resources, never for the data.
    public var createsSupportKey: Bool { createsLogBucket || workload.enabled || auditTrailEnabled }
    public var auditTrailEnabled: Bool { protections.auditTrail != .off }
    public var createsTrailBucket: Bool { protections.auditTrail == .create }
    public var trailName: String { "\(namePrefix)-data-access" }
    public var alarmTopicName: String { "\(namePrefix)-policy-change-alarms" }
    public var alarmRuleName: String { "\(namePrefix)-policy-changes" }

    public func roleName(_ role: DataRole) -> String {
        role.roleName ?? "\(namePrefix)-\(role.name)"
    }

    public var usesAccessPoints: Bool { dataAccess.mode == .accessPoints }

    /// The access point of a data role (access-points mode): `service-environment-name`.
    public func accessPointName(_ role: DataRole) -> String { "\(namePrefix)-\(role.name)" }

    public var workloadRole: DataRole? {
        guard workload.enabled else { return nil }
        return dataAccess.roles.first { $0.name == workload.role }
    }

    /// The bucket's account: as answered, or else read from the existing data roles or the deployers,
    /// which must all be in it.
    public var accountId: String? {
        if let id = basics.accountId { return id }
        let arns = dataAccess.roles.filter { $0.source == .existing }.compactMap(\.arn) + keyAdministration.deployerArns
        for arn in arns {
            let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
            if parts.count > 4, parts[4].count == 12, parts[4].allSatisfy(\.isNumber) { return String(parts[4]) }
        }
        return nil
    }

    /// The account and region of the replication destination, read from its key's ARN.
    public var replicationDestination: (account: String, region: String)? {
        guard protections.replication, let arn = protections.replicationKeyArn else { return nil }
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count > 4 else { return nil }
        return (String(parts[4]), String(parts[3]))
    }
    /// Macie's service-linked role, which the AWS-managed policy limits to s3:Get* and s3:List*.
    public static let macieRolePath = "role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie"

    public var replicationRoleName: String { "\(namePrefix)-replication" }
    /// Replication into another account needs the replicas handed to the destination's owner.
    public var replicatesAcrossAccounts: Bool { replicationDestination.map { $0.account != accountId } ?? false }

    public var functionName: String { workload.functionName ?? "\(namePrefix)-\(workload.role)" }
}
