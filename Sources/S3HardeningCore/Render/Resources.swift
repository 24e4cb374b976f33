// The typed resource model between the plan and the HCL printer: every Terraform resource s3wizard
// writes has one ResourceAddress (type + name). The printer declares resources by address, references
// their attributes through it, the catalogue traces controls to it, and adoption derives each import id
// from it, so no two places spell `aws_s3_bucket.data` and have to agree.

/// A resource type of the AWS provider that s3wizard writes.
public enum ResourceType: String, CaseIterable, Sendable {
    case s3Bucket = "aws_s3_bucket"
    case s3BucketPolicy = "aws_s3_bucket_policy"
    case s3PublicAccessBlock = "aws_s3_bucket_public_access_block"
    case s3OwnershipControls = "aws_s3_bucket_ownership_controls"
    case s3Encryption = "aws_s3_bucket_server_side_encryption_configuration"
    case s3Versioning = "aws_s3_bucket_versioning"
    case s3Lifecycle = "aws_s3_bucket_lifecycle_configuration"
    case s3Notification = "aws_s3_bucket_notification"
    case s3Logging = "aws_s3_bucket_logging"
    case s3ObjectLock = "aws_s3_bucket_object_lock_configuration"
    case s3Replication = "aws_s3_bucket_replication_configuration"
    case s3AccessPoint = "aws_s3_access_point"
    case s3AccessPointPolicy = "aws_s3control_access_point_policy"
    case kmsKey = "aws_kms_key"
    case kmsAlias = "aws_kms_alias"
    case kmsKeyPolicy = "aws_kms_key_policy"
    case vpcEndpoint = "aws_vpc_endpoint"
    case iamRole = "aws_iam_role"
    case iamRolePolicy = "aws_iam_role_policy"
    case iamRolePolicyAttachment = "aws_iam_role_policy_attachment"
    case logGroup = "aws_cloudwatch_log_group"
    case sqsQueue = "aws_sqs_queue"
    case securityGroup = "aws_security_group"
    case signingProfile = "aws_signer_signing_profile"
    case codeSigningConfig = "aws_lambda_code_signing_config"
    case lambdaFunction = "aws_lambda_function"
    case cloudTrail = "aws_cloudtrail"
    case eventRule = "aws_cloudwatch_event_rule"
    case eventTarget = "aws_cloudwatch_event_target"
    case snsTopic = "aws_sns_topic"
    case snsTopicPolicy = "aws_sns_topic_policy"
    case snsSubscription = "aws_sns_topic_subscription"
    case organizationsPolicy = "aws_organizations_policy"
    case organizationsPolicyAttachment = "aws_organizations_policy_attachment"

    /// What `terraform import` expects as the id of an existing object of this type (the provider's "Import"
    /// section of each resource page); nil for types s3wizard never adopts.
    public var importID: ImportIDFormat? {
        switch self {
        case .s3Bucket, .s3BucketPolicy, .s3PublicAccessBlock, .s3OwnershipControls, .s3Notification, .s3Replication: .bucketName
        // These carry expected_bucket_owner in our configuration: imported by the bucket name alone, the state
        // would hold no owner and the next plan would replace the resource (expected_bucket_owner forces
        // replacement; terraform-provider-aws#23420, and #26627 for the id fixed by PR #32989 in 5.x).
        case .s3Encryption, .s3Versioning, .s3Lifecycle, .s3Logging, .s3ObjectLock: .bucketCommaOwner
        case .kmsKey, .kmsKeyPolicy: .keyID
        case .kmsAlias: .aliasName
        case .vpcEndpoint: .endpointID
        case .iamRole: .roleName
        default: nil
        }
    }
}

/// The shape of an import id; `accepts` is the offline check of what the provider will be given.
public enum ImportIDFormat: String, Sendable {
    case bucketName = "BUCKET"
    case bucketCommaOwner = "BUCKET,ACCOUNT_ID"
    case keyID = "KEY_ID"
    case aliasName = "alias/NAME"
    case endpointID = "vpce-ID"
    case roleName = "ROLE_NAME"

    public func accepts(_ id: String) -> Bool {
        switch self {
        case .bucketName: return Patterns.matches(id, Patterns.bucketNameShape)
        case .bucketCommaOwner:
            let parts = id.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return parts.count == 2 && Patterns.matches(parts[0], Patterns.bucketNameShape) && Patterns.matches(parts[1], Patterns.accountId)
        case .keyID: return Patterns.matches(id, Patterns.bareKeyId)
        case .aliasName: return Patterns.matches(id, Patterns.keyAlias)
        case .endpointID: return Patterns.matches(id, Patterns.endpointId)
        case .roleName: return Patterns.matches(id, Patterns.roleName)
        }
    }
}

/// `aws_s3_bucket.data`: one resource of the generated configuration.
public struct ResourceAddress: Hashable, Sendable, CustomStringConvertible {
    public let type: ResourceType
    public let name: String

    public init(_ type: ResourceType, _ name: String) {
        self.type = type
        self.name = name
    }

    public var description: String { "\(type.rawValue).\(name)" }
    /// The block header the HCL printer writes.
    var header: String { "resource \"\(type.rawValue)\" \"\(name)\"" }
    /// A reference to one of its attributes: `aws_s3_bucket.data.arn`.
    public func attribute(_ attribute: String) -> String { "\(self).\(attribute)" }
    public var id: String { attribute("id") }
    public var arn: String { attribute("arn") }

    /// One of this bucket's settings, a resource of its own in the provider (`aws_s3_bucket_versioning.logs`).
    func setting(_ type: ResourceType) -> ResourceAddress { ResourceAddress(type, name) }

    /// The generated file that declares it (its trace in the catalogue points there).
    public var file: String {
        switch type {
        case .s3Bucket, .s3BucketPolicy, .s3PublicAccessBlock, .s3OwnershipControls, .s3Encryption, .s3Versioning,
             .s3Lifecycle, .s3Notification, .s3Logging, .s3ObjectLock, .s3Replication:
            switch name {
            case Self.logBucket.name: return "terraform/logging.tf"
            case Self.trailBucket.name: return "terraform/audit.tf"
            default: return "terraform/s3.tf"
            }
        case .s3AccessPoint, .s3AccessPointPolicy: return "terraform/access_points.tf"
        case .kmsKey, .kmsAlias, .kmsKeyPolicy: return "terraform/kms.tf"
        case .vpcEndpoint: return "terraform/network.tf"
        case .iamRole, .iamRolePolicy, .iamRolePolicyAttachment: return "terraform/iam.tf"
        case .logGroup, .sqsQueue, .securityGroup, .signingProfile, .codeSigningConfig, .lambdaFunction: return "terraform/lambda.tf"
        case .cloudTrail, .eventRule, .eventTarget, .snsTopic, .snsTopicPolicy, .snsSubscription: return "terraform/audit.tf"
        case .organizationsPolicy, .organizationsPolicyAttachment: return "terraform/organization/main.tf"
        }
    }
}

extension ResourceAddress {
    public static let dataBucket = ResourceAddress(.s3Bucket, "data")
    public static let logBucket = ResourceAddress(.s3Bucket, "logs")
    public static let trailBucket = ResourceAddress(.s3Bucket, "trail")
    public static let dataKey = ResourceAddress(.kmsKey, "data")
    public static let dataKeyAlias = ResourceAddress(.kmsAlias, "data")
    public static let dataKeyPolicy = ResourceAddress(.kmsKeyPolicy, "data")
    public static let supportKey = ResourceAddress(.kmsKey, "support")
    public static let supportKeyAlias = ResourceAddress(.kmsAlias, "support")
    public static let endpoint = ResourceAddress(.vpcEndpoint, "s3")
    public static let replicationRole = ResourceAddress(.iamRole, "replication")
    public static let replicationRolePolicy = ResourceAddress(.iamRolePolicy, "replication")
    public static let functionLogGroup = ResourceAddress(.logGroup, "function")
    public static let deadLetterQueue = ResourceAddress(.sqsQueue, "dead_letter")
    public static let functionSecurityGroup = ResourceAddress(.securityGroup, "function")
    public static let signingProfile = ResourceAddress(.signingProfile, "function")
    public static let codeSigningConfig = ResourceAddress(.codeSigningConfig, "function")
    public static let function = ResourceAddress(.lambdaFunction, "function")
    public static let trail = ResourceAddress(.cloudTrail, "data_access")
    public static let policyChangeRule = ResourceAddress(.eventRule, "policy_changes")
    public static let policyChangeTarget = ResourceAddress(.eventTarget, "policy_changes")
    public static let alarmTopic = ResourceAddress(.snsTopic, "alarms")
    public static let alarmTopicPolicy = ResourceAddress(.snsTopicPolicy, "alarms")
    public static let alarmSubscriptions = ResourceAddress(.snsSubscription, "alarm_emails")
    public static let perimeterPolicy = ResourceAddress(.organizationsPolicy, "data_perimeter")
    public static let perimeterAttachment = ResourceAddress(.organizationsPolicyAttachment, "data_perimeter")

    /// A data role's resources, named after its logical name (`reports-v2` → `aws_iam_role.reports_v2`).
    public static func role(_ logicalName: String) -> ResourceAddress { ResourceAddress(.iamRole, References.terraformName(logicalName)) }
    /// A data role's access point (data_access.mode: access-points) and its policy.
    public static func accessPoint(_ logicalName: String) -> ResourceAddress { ResourceAddress(.s3AccessPoint, References.terraformName(logicalName)) }
    static func accessPointPolicy(_ logicalName: String) -> ResourceAddress { ResourceAddress(.s3AccessPointPolicy, References.terraformName(logicalName)) }
    static func rolePolicy(_ logicalName: String) -> ResourceAddress { ResourceAddress(.iamRolePolicy, References.terraformName(logicalName)) }
    static func rolePolicyAttachment(_ logicalName: String, _ suffix: String) -> ResourceAddress {
        ResourceAddress(.iamRolePolicyAttachment, References.terraformName(logicalName) + "_" + suffix)
    }
}
