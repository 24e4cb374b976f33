// How each reference is spelled: as a Terraform expression, and in the JSON as a literal or a
// clearly marked placeholder (a value nobody knows before `terraform apply`).

public struct Placeholder: Hashable, Sendable, Comparable {
    public let name: String
    public let meaning: String
    public let howToFind: String
    /// The longest real value it can stand for (for policy size limits).
    public let longestValue: Int

    /// The marker written into JSON: `<NAME>` cannot occur in a real ARN, id or bucket name.
    public var marker: String { "<\(name)>" }
    public static func < (a: Placeholder, b: Placeholder) -> Bool { a.name < b.name }

    static let accountId = Placeholder(name: "ACCOUNT_ID", meaning: "the 12-digit AWS account id",
                                       howToFind: "set basics.account_id, or `aws sts get-caller-identity`", longestValue: 12)
    static let bucketName = Placeholder(name: "BUCKET_NAME", meaning: "the generated data bucket name",
                                        howToFind: "`terraform output bucket_name` after apply, or set basics.bucket_name", longestValue: 63)
    static let keyId = Placeholder(name: "KMS_KEY_ID", meaning: "the id of the new data key (the end of its ARN)",
                                   howToFind: "`terraform output kms_key_arn` after apply", longestValue: 36)
    static let endpointId = Placeholder(name: "VPC_ENDPOINT_ID", meaning: "the id of the new S3 gateway endpoint",
                                        howToFind: "`terraform output vpc_endpoint_id` after apply", longestValue: 22)
    static let logBucketName = Placeholder(name: "LOG_BUCKET_NAME", meaning: "the generated access-log bucket name",
                                           howToFind: "`terraform output log_bucket_name` after apply, or set protections.log_bucket_name", longestValue: 63)
    static let trailBucketName = Placeholder(name: "TRAIL_BUCKET_NAME", meaning: "the generated bucket that receives the audit trail",
                                             howToFind: "`terraform output trail_bucket_name` after apply, or set protections.trail_bucket_name", longestValue: 63)
    static let supportKeyId = Placeholder(name: "SUPPORT_KEY_ID", meaning: "the id of the new key for logs and the dead-letter queue",
                                          howToFind: "`terraform output support_kms_key_arn` after apply", longestValue: 36)
}

/// What a reference stands for in one of the two outputs.
enum Resolution {
    /// A Terraform expression such as `aws_s3_bucket.data.arn`.
    case expression(String)
    /// More text, itself made of literals and references.
    case text(Text)
    case placeholder(Placeholder)
    /// The items of a list-valued reference, known from the answers.
    case items([String])
}

/// Names the Terraform objects this plan creates, and resolves references for both renderers.
public struct References: Sendable {
    /// The Terraform root a reference is printed for: the bucket's own, or terraform/organization/ (run in the
    /// management account, where none of the bucket's resources exist: every value is a variable there).
    public enum Root: Sendable { case workload, organization }

    public let plan: Plan
    public let root: Root

    public init(_ plan: Plan, root: Root = .workload) { self.plan = plan; self.root = root }

    /// The organisation root's variable for a reference (the RCP names only these).
    static func organizationVariable(_ ref: Ref) -> String? {
        switch ref {
        case .accountId: "account_id"
        case .region: "region"
        case .bucketArn: "bucket_arn"
        case .keyArn: "kms_key_arn"
        case .endpointId: "vpc_endpoint_id"
        case .vpcId: "vpc_id"
        case .keyAdminArns: "key_admin_arns"
        case .deployerArns: "deployer_arns"
        default: nil
        }
    }

    /// Terraform resource name of a data role: `reports-v2` becomes `reports_v2`.
    public static func terraformName(_ logicalName: String) -> String {
        String(logicalName.map { $0 == "-" ? "_" : $0 })
    }

    func terraform(_ ref: Ref) -> Resolution {
        if root == .organization {
            if let variable = Self.organizationVariable(ref) { return .expression("var.\(variable)") }
            if case let .roleArn(name) = ref { return .expression("var.data_role_arns[\"\(name)\"]") }
            if ref == .replicationRoleArn { return .text("arn:\(.partition):iam::\(.accountId):role/\(plan.replicationRoleName)") }
        }
        switch ref {
        case .partition: return .expression("data.aws_partition.current.partition")
        case .region: return .expression("var.region")
        case .dnsSuffix: return .expression("data.aws_partition.current.dns_suffix")
        case .accountId: return .expression("data.aws_caller_identity.current.account_id")
        case .bucketName: return .expression(ResourceAddress.dataBucket.id)
        case .bucketArn: return .expression(ResourceAddress.dataBucket.arn)
        case .keyArn: return .expression(plan.createsKey ? ResourceAddress.dataKey.arn : "var.kms_key_arn")
        case .keyId: return .expression(ResourceAddress.dataKey.attribute("key_id"))
        case .supportKeyId: return .expression(ResourceAddress.supportKey.attribute("key_id"))
        case .endpointId: return .expression(plan.createsEndpoint ? ResourceAddress.endpoint.id : "var.vpc_endpoint_id")
        case .vpcId: return .expression("var.vpc_id")
        case let .roleArn(name):
            let role = plan.dataAccess.roles.first { $0.name == name }
            if role?.source == .existing { return .expression("var.existing_role_arns[\"\(name)\"]") }
            return .expression(ResourceAddress.role(name).arn)
        case let .accessPointArn(name): return .expression(ResourceAddress.accessPoint(name).arn)
        case .keyAdminArns: return .expression("var.key_admin_arns")
        case .deployerArns: return .expression("var.deployer_arns")
        case .logBucketName: return .expression(plan.createsLogBucket ? ResourceAddress.logBucket.id : "var.log_bucket_name")
        case .logBucketArn:
            return plan.createsLogBucket ? .expression(ResourceAddress.logBucket.arn) : .text("arn:\(.partition):s3:::\(.logBucketName)")
        case .supportKeyArn: return .expression(ResourceAddress.supportKey.arn)
        case .organizationId: return .expression("var.organization_id")
        case .functionLogGroupArn: return .expression(ResourceAddress.functionLogGroup.arn)
        case .deadLetterQueueArn: return .expression(ResourceAddress.deadLetterQueue.arn)
        case .replicationRoleArn: return .expression(ResourceAddress.replicationRole.arn)
        case .replicationBucketArn: return .expression("var.replication_bucket_arn")
        case .replicationKeyArn: return .expression("var.replication_key_arn")
        case .replicationRegion: return .text(Text(stringLiteral: plan.replicationDestination?.region ?? ""))
        case .macieRoleArn: return .text("arn:\(.partition):iam::\(.accountId):\(Plan.macieRolePath)")
        case .trailArn: return .text("arn:\(.partition):cloudtrail:\(.region):\(.accountId):trail/\(plan.trailName)")
        case .trailBucketName: return .expression(plan.createsTrailBucket ? ResourceAddress.trailBucket.id : "var.trail_bucket_name")
        case .trailBucketArn:
            return plan.createsTrailBucket ? .expression(ResourceAddress.trailBucket.arn) : .text("arn:\(.partition):s3:::\(.trailBucketName)")
        case .alarmRuleArn: return .expression(ResourceAddress.policyChangeRule.arn)
        case .alarmTopicArn: return .expression(ResourceAddress.alarmTopic.arn)
        }
    }

    func json(_ ref: Ref) -> Resolution {
        let b = plan.basics
        switch ref {
        case .partition: return .text(Text(stringLiteral: plan.partition.rawValue))
        case .region: return .text(Text(stringLiteral: b.region))
        case .dnsSuffix: return .text(Text(stringLiteral: plan.partition.dnsSuffix))
        case .accountId: return plan.accountId.map { .text(Text(stringLiteral: $0)) } ?? .placeholder(.accountId)
        case .bucketName:
            if plan.accountRegionalNamespace {
                return .text("\(plan.accountRegionalBase)-\(.accountId)-\(.region)-an")
            }
            return b.bucketName.map { .text(Text(stringLiteral: $0)) } ?? .placeholder(.bucketName)
        case .bucketArn: return .text("arn:\(.partition):s3:::\(.bucketName)")
        case .keyArn:
            if !plan.createsKey, let arn = plan.encryption.existingKeyArn { return .text(Text(stringLiteral: arn)) }
            return .text("arn:\(.partition):kms:\(.region):\(.accountId):key/\(.keyId)")
        case .keyId: return plan.adopt.kmsKeyId.map { .text(Text(stringLiteral: $0)) } ?? .placeholder(.keyId)
        case .supportKeyId: return .placeholder(.supportKeyId)
        case .endpointId:
            if !plan.createsEndpoint, let id = plan.network.endpointId { return .text(Text(stringLiteral: id)) }
            if plan.createsEndpoint, let id = plan.adopt.vpcEndpointId { return .text(Text(stringLiteral: id)) }
            return .placeholder(.endpointId)
        case .vpcId: return .text(Text(stringLiteral: plan.network.vpcId))
        case let .roleArn(name):
            guard let role = plan.dataAccess.roles.first(where: { $0.name == name }) else { return .text("") }
            if role.source == .existing { return .text(Text(stringLiteral: role.arn ?? "")) }
            return .text("arn:\(.partition):iam::\(.accountId):role/\(plan.roleName(role))")
        case let .accessPointArn(name):
            // Amazon S3 User Guide, "Referencing access points": arn:PARTITION:s3:REGION:ACCOUNT:accesspoint/NAME.
            guard let role = plan.dataAccess.roles.first(where: { $0.name == name }) else { return .text("") }
            return .text("arn:\(.partition):s3:\(.region):\(.accountId):accesspoint/\(plan.accessPointName(role))")
        case .keyAdminArns: return .items(plan.keyAdministration.adminRoleArns)
        case .deployerArns: return .items(plan.keyAdministration.deployerArns)
        case .logBucketName:
            if let name = plan.protections.logBucketName { return .text(Text(stringLiteral: name)) }
            return .placeholder(.logBucketName)
        case .logBucketArn: return .text("arn:\(.partition):s3:::\(.logBucketName)")
        case .supportKeyArn: return .text("arn:\(.partition):kms:\(.region):\(.accountId):key/\(.supportKeyId)")
        case .organizationId: return .text(Text(stringLiteral: plan.network.organizationId ?? ""))
        case .functionLogGroupArn:
            return .text("arn:\(.partition):logs:\(.region):\(.accountId):log-group:/aws/lambda/\(plan.functionName)")
        case .deadLetterQueueArn:
            return .text("arn:\(.partition):sqs:\(.region):\(.accountId):\(plan.functionName)-dlq")
        case .replicationRoleArn: return .text("arn:\(.partition):iam::\(.accountId):role/\(plan.replicationRoleName)")
        case .replicationBucketArn: return .text(Text(stringLiteral: plan.protections.replicationBucketArn ?? ""))
        case .replicationKeyArn: return .text(Text(stringLiteral: plan.protections.replicationKeyArn ?? ""))
        case .replicationRegion: return .text(Text(stringLiteral: plan.replicationDestination?.region ?? ""))
        case .macieRoleArn: return .text("arn:\(.partition):iam::\(.accountId):\(Plan.macieRolePath)")
        case .trailArn: return .text("arn:\(.partition):cloudtrail:\(.region):\(.accountId):trail/\(plan.trailName)")
        case .trailBucketName:
            if let name = plan.protections.trailBucketName { return .text(Text(stringLiteral: name)) }
            return .placeholder(.trailBucketName)
        case .trailBucketArn: return .text("arn:\(.partition):s3:::\(.trailBucketName)")
        case .alarmRuleArn: return .text("arn:\(.partition):events:\(.region):\(.accountId):rule/\(plan.alarmRuleName)")
        case .alarmTopicArn: return .text("arn:\(.partition):sns:\(.region):\(.accountId):\(plan.alarmTopicName)")
        }
    }
}
