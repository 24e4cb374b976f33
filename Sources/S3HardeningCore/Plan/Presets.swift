// Realistic starting points. docs/examples/*.yaml are generated from these (a test fails when stale),
// and `s3wizard example --preset NAME` prints them.

public struct Preset: Sendable {
    public let name: String
    public let summary: String
    public let plan: Plan
}

extension Preset {
    public static let all: [Preset] = [lambdaReports, readerWriter, govCloudExisting, maximumProtection, dataLake]

    public static func named(_ name: String) -> Preset? { all.first { $0.name == name } }

    private static func role(_ name: String, _ access: AccessLevel, arn: String? = nil, prefixes: [String] = [],
                             via: Bool = false) -> DataRole {
        var role = DataRole()
        role.name = name
        role.access = access
        if let arn { role.source = .existing; role.arn = arn }
        role.prefixes = prefixes
        role.viaAwsServices = via
        return role
    }

    /// The source article's use case, done right: one Lambda function reads PII inside the VPC.
    public static let lambdaReports: Preset = {
        var p = Plan()
        p.basics.service = "pii-reports"
        p.basics.environment = "prod"
        p.basics.region = "us-east-1"
        p.basics.accountId = "111122223333"
        p.basics.bucketName = "pii-reports-prod"
        p.basics.bucketNamespace = .accountRegional
        p.basics.tags = ["owner": "data-platform", "data-classification": "pii"]
        p.keyAdministration.adminRoleArns = ["arn:aws:iam::111122223333:role/security-kms-admin"]
        p.keyAdministration.deployerArns = ["arn:aws:iam::111122223333:role/terraform-deployer"]
        p.dataAccess.roles = [role("reports", .read)]
        p.network.vpcId = "vpc-0a1b2c3d4e5f60789"
        p.network.routeTableIds = ["rtb-0a1b2c3d4e5f60781", "rtb-0a1b2c3d4e5f60782"]
        p.network.organizationId = "o-a1b2c3d4e5"
        p.workload.enabled = true
        p.workload.role = "reports"
        p.workload.subnetIds = ["subnet-0a1b2c3d4e5f60791", "subnet-0a1b2c3d4e5f60792"]
        return Preset(name: "lambda-reports", summary: "The article's use case done right: one Lambda function reads PII, only inside the VPC.", plan: p)
    }()

    /// The article's wrap-up: an uploader writes, a processor reads and writes, an analyst reads via Athena.
    public static let readerWriter: Preset = {
        var p = Plan()
        p.basics.service = "claims"
        p.basics.environment = "staging"
        p.basics.region = "eu-west-1"
        p.basics.bucketPrefix = "claims-staging-"
        p.keyAdministration.adminRoleArns = ["arn:aws:iam::444455556666:role/security-kms-admin",
                                            "arn:aws:iam::444455556666:role/security-break-glass"]
        p.keyAdministration.deployerArns = ["arn:aws:iam::444455556666:role/github-actions-deployer"]
        var processor = role("processor", .readWriteDelete, prefixes: ["incoming/", "processed/"])
        processor.roleName = "claims-staging-processor"
        p.dataAccess.roles = [
            role("uploader", .write, arn: "arn:aws:iam::444455556666:role/claims-uploader", prefixes: ["incoming/"]),
            processor,
            role("analyst", .read, arn: "arn:aws:iam::444455556666:role/analytics/claims-athena", prefixes: ["processed/"], via: true),
        ]
        p.network.vpcId = "vpc-0123456789abcdef0"
        p.network.routeTableIds = ["rtb-0123456789abcdef1"]
        p.network.condition = .sourceVpc
        p.network.organizationId = "o-exampleorg1"
        p.protections.noncurrentVersionExpiryDays = 30
        return Preset(name: "reader-writer", summary: "An uploader writes incoming/, a processor reads and writes, an analyst reads processed/ through Athena.", plan: p)
    }()

    /// GovCloud with a key and an endpoint that already exist: statements to merge, nothing replaced.
    public static let govCloudExisting: Preset = {
        var p = Plan()
        p.basics.service = "benefits"
        p.basics.environment = "prod"
        p.basics.region = "us-gov-west-1"
        p.basics.accountId = "123456789012"
        p.basics.bucketName = "benefits-prod-records"
        p.encryption.key = .existing
        p.encryption.existingKeyArn = "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        p.encryption.uploadEnforcement = .strict
        p.keyAdministration.deployerArns = ["arn:aws-us-gov:iam::123456789012:role/terraform"]
        p.dataAccess.roles = [
            role("intake", .readWrite, arn: "arn:aws-us-gov:iam::123456789012:role/benefits-intake"),
            role("audit", .read, arn: "arn:aws-us-gov:iam::123456789012:role/benefits-audit"),
        ]
        p.network.vpcId = "vpc-0fedcba9876543210"
        p.network.endpoint = .existing
        p.network.endpointId = "vpce-0fedcba9876543211"
        p.transport.minimumTls = .v1_3
        p.protections.accessLogging = .existing
        p.protections.logBucketName = "benefits-prod-access-logs"
        p.protections.auditTrail = .existingBucket
        p.protections.trailBucketName = "benefits-org-cloudtrail-logs"
        return Preset(name: "govcloud-existing", summary: "aws-us-gov with an existing key, endpoint, log bucket and trail bucket: statements to merge, TLS 1.3, strict uploads.", plan: p)
    }()

    /// Everything on: object lock in compliance mode, dedicated route tables, the Lambda scaffold.
    public static let maximumProtection: Preset = {
        var p = lambdaReports.plan
        p.basics.service = "medical-records"
        p.basics.bucketName = "medical-records-prod"
        p.basics.bucketNamespace = .accountRegional
        p.basics.tags = ["owner": "records-team", "data-classification": "phi"]
        p.encryption.rotationPeriodDays = 180
        p.dataAccess.roles = [role("ingest", .write, prefixes: ["inbox/"]), role("reports", .read)]
        p.network.otherS3Traffic = .none
        p.network.organizationId = nil
        p.transport.minimumTls = .v1_3
        p.protections.objectLock = .compliance
        p.protections.objectLockDays = 365
        p.protections.noncurrentVersionExpiryDays = 400
        p.protections.logRetentionDays = 2555
        p.protections.macie = true
        p.protections.replication = true
        p.protections.replicationBucketArn = "arn:aws:s3:::medical-records-dr-111122223333"
        p.protections.replicationKeyArn = "arn:aws:kms:us-west-2:111122223333:key/5678abcd-12ab-34cd-56ef-1234567890ab"
        p.workload.role = "reports"
        p.workload.reservedConcurrency = 2
        p.protections.alarmEmails = ["security-alerts@example.com"]
        p.protections.trailRetentionDays = 2555
        p.organization.resourceControlPolicy = true
        return Preset(name: "maximum-protection", summary: "Every protection on: compliance-mode object lock, replication to a recovery bucket in us-west-2, Macie discovery, dedicated route tables, TLS 1.3, the Lambda scaffold, alarm e-mails, and the organisation guardrail (RCP).", plan: p)
    }()

    /// A data lake shared by many teams: one VPC-only access point per team, the bucket policy delegating to them.
    public static let dataLake: Preset = {
        Preset(name: "data-lake", summary: "A data lake shared by 12 teams, each with its own datasets: access-points mode, one VPC-only access point per team, the bucket policy delegating to them.",
               plan: dataLakePlan(teams: 12, datasets: 3))
    }()

    /// The data-lake layout at any size (the benchmark and the scale tests use 50 teams × 20 datasets): team `t`
    /// owns `team-t/dataset-d/` prefixes; every fourth team writes, every fifth also deletes, the rest read, and
    /// every third team is an existing role another account team owns.
    public static func dataLakePlan(teams: Int, datasets: Int) -> Plan {
        var p = Plan()
        p.basics.service = "datalake"
        p.basics.environment = "prod"
        p.basics.region = "eu-central-1"
        p.basics.accountId = "210987654321"
        p.basics.bucketName = "datalake-prod"
        p.basics.bucketNamespace = .accountRegional
        p.basics.tags = ["owner": "data-platform", "data-classification": "pii"]
        p.keyAdministration.adminRoleArns = ["arn:aws:iam::210987654321:role/security-kms-admin"]
        p.keyAdministration.deployerArns = ["arn:aws:iam::210987654321:role/terraform-deployer"]
        p.dataAccess.mode = .accessPoints
        p.dataAccess.roles = (1...teams).map { t in
            let name = "team-\(t < 10 ? "0" : "")\(t)"
            let access: AccessLevel = t % 5 == 0 ? .readWriteDelete : t % 4 == 0 ? .readWrite : .read
            let prefixes = (1...datasets).map { d in "\(name)/dataset-\(d < 10 ? "0" : "")\(d)/" }
            return role(name, access, arn: t % 3 == 0 ? "arn:aws:iam::210987654321:role/analytics/\(name)-etl" : nil, prefixes: prefixes)
        }
        p.network.vpcId = "vpc-0da7a1a4e0000beef"
        p.network.routeTableIds = ["rtb-0da7a1a4e0000bee1", "rtb-0da7a1a4e0000bee2"]
        p.network.organizationId = "o-d4t4l4k3x1"
        p.protections.noncurrentVersionExpiryDays = 30
        return p
    }
}

extension Plan {
    /// The built-in example the wizard and `generate --example` start from.
    public static var example: Plan { Preset.lambdaReports.plan }
    /// `s3wizard new`: every default (the recommended setup) and no names, account, ARNs or roles yet.
    public static var blank: Plan { Plan() }
}
