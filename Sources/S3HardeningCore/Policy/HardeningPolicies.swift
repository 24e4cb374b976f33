import FoundationEssentials

// Every policy s3wizard produces, built from the plan. Each statement names the control it implements;
// the reasons for each choice are in docs/controls.md (generated from the catalogue).
//
// Two AWS facts shape almost every Deny below:
// - A negated operator (StringNotEquals, ArnNotLike, …) is TRUE when the key is absent from the request,
//   so "deny unless via the endpoint" also denies internet requests, which carry no aws:SourceVpce.
//   `…IfExists` does not change that for negated operators (absent → true either way), so it is not used.
// - Conditions in one statement are ANDed; an exception ("except the deployer") is one more condition.

public struct RenderedPolicies: Sendable {
    /// File name (under policies/), pretty JSON, and the size of its compact form with placeholders at their longest.
    public let files: [(file: String, text: String, compactSize: Int)]
    public let placeholders: [Placeholder]

    public func compactSize(_ file: String) -> Int? { files.first { $0.file == file }?.compactSize }
}

public struct PolicySet: Sendable {
    public var bucket: PolicyDocument
    /// The whole key policy, when Terraform manages it (new key, or an existing key the user owns).
    public var key: PolicyDocument?
    /// For an existing key whose policy belongs to someone else: the statements to merge by hand.
    public var keyStatementsToAdd: PolicyDocument?
    /// The whole endpoint policy for a new endpoint, or the statements to merge into an existing one. Built when
    /// read: with its AWS-owned buckets it is the costliest document, and a keystroke that previews another file
    /// does not need it (0.44 M of the example's 3.7 M instructions per key).
    public var endpointDocument: Deferred<PolicyDocument>
    public var endpoint: PolicyDocument {
        get { endpointDocument.value }
        set { endpointDocument = Deferred(value: newValue) }
    }
    public var trust: [(role: String, policy: PolicyDocument)]
    public var identity: [(role: String, policy: PolicyDocument)]
    public var logBucket: PolicyDocument?
    public var supportKey: PolicyDocument?
    /// Statements to merge into the replication destination's bucket and key policies (not managed here).
    public var replicationBucket: PolicyDocument? = nil
    public var replicationKey: PolicyDocument? = nil
    /// The trail bucket's policy (created here), or the statements to merge into an existing trail bucket's.
    public var trailBucket: PolicyDocument? = nil
    public var alarmTopic: PolicyDocument? = nil
    /// The organisation guardrail, attached from the management account (terraform/organization/).
    public var resourceControlPolicy: PolicyDocument? = nil
    /// access-points mode: each data role's access point policy, by the role's logical name. Built when read: a
    /// keystroke at 50 teams that shows one file need not build 50 policies (`built()` builds them once for a
    /// caller that reads them all: the size limits, the proof, `generate`).
    public var accessPoints: [(role: String, policy: Deferred<PolicyDocument>)] = []

    /// Every document with its file name (under policies/), in export order; each built when read.
    public var entries: [(file: String, document: Deferred<PolicyDocument>)] {
        var out: [(String, Deferred<PolicyDocument>)] = []
        func add(_ file: String, _ document: PolicyDocument?) { if let document { out.append((file, Deferred(value: document))) } }
        add("bucket-policy.json", bucket)
        add("key-policy.json", key)
        add("key-policy-statements-to-add.json", keyStatementsToAdd)
        out.append((endpointFileName, endpointDocument))
        for (role, policy) in trust { add("roles/\(role)/trust-policy.json", policy) }
        for (role, policy) in identity { add("roles/\(role)/identity-policy.json", policy) }
        for (role, policy) in accessPoints { out.append((Self.accessPointFileName(role), policy)) }
        add(logBucketFileName, logBucket)
        add("support-key-policy.json", supportKey)
        add("replication-bucket-policy-statements-to-add.json", replicationBucket)
        add("replication-key-policy-statements-to-add.json", replicationKey)
        add(trailBucketFileName, trailBucket)
        add(Self.alarmTopicFileName, alarmTopic)
        add(Self.resourceControlPolicyFileName, resourceControlPolicy)
        return out
    }

    /// Every document, built: for tracing controls to statements, printing every policy.
    public var all: [(file: String, document: PolicyDocument)] { entries.map { ($0.file, $0.document.value) } }

    /// The same set with every deferred document built now, once.
    public func built() -> PolicySet {
        var set = self
        set.endpointDocument = Deferred(value: endpoint)
        set.accessPoints = accessPoints.map { ($0.role, Deferred(value: $0.policy.value)) }
        return set
    }

    /// Every document printed as JSON once, with its compact size for the AWS limits.
    public func rendered(_ references: References, sample: (@Sendable (Placeholder) -> String)? = nil) -> RenderedPolicies {
        var renderer = JSONRenderer(references, sample: sample)
        var files: [(file: String, text: String, compactSize: Int)] = []
        for (file, document) in all {
            let growth = renderer.placeholderGrowth
            let text = renderer.render(document.tree)
            let size = text.utf8.count - renderer.layoutWhitespace + (renderer.placeholderGrowth - growth)
            files.append((file, text, size))
        }
        return RenderedPolicies(files: files, placeholders: renderer.placeholders.sorted())
    }

    var endpointFileName = "endpoint-policy.json"
    var logBucketFileName = "log-bucket-policy.json"
    var trailBucketFileName = "trail-bucket-policy.json"
    public static let alarmTopicFileName = "alarm-topic-policy.json"
    public static let resourceControlPolicyFileName = "rcp.json"
    public static func accessPointFileName(_ role: String) -> String { "access-points/\(role).json" }
}

/// Actions, by what a role may do. Permanent version deletion (s3:DeleteObjectVersion) is never granted:
/// with versioning, "delete" leaves a delete marker that can be undone.
enum S3Actions {
    static let read = ["s3:GetObject", "s3:GetObjectVersion"]
    static let write = ["s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"]
    static let delete = ["s3:DeleteObject"]
    static let list = "s3:ListBucket"
    static let location = "s3:GetBucketLocation"
    /// Everything that reads, writes or deletes object data or metadata, for the deny on everyone else.
    static let allObjectData = ["s3:GetObject*", "s3:PutObject*", "s3:DeleteObject*", "s3:RestoreObject",
                                "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:ReplicateObject",
                                "s3:ReplicateDelete", "s3:ReplicateTags"]
    /// Listings that reveal object names or versions; the deployer keeps s3:ListBucket (Terraform's HeadBucket).
    static let listingBeyondListBucket = ["s3:ListBucketVersions", "s3:ListBucketMultipartUploads"]
    /// Bucket-level writes that weaken the protections, open the bucket, or configure an export of the data or
    /// of its object names to a destination: only the deployers may call them (DenyProtectionChangesExceptDeployer).
    /// Derived from the Service Authorization Reference for Amazon S3
    /// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html). Every name is
    /// spelled out: `s3:PutBucket*` would also deny settings that open nothing (request payment) and any
    /// PutBucket action AWS adds later, and would still miss PutInventoryConfiguration and the metadata tables.
    /// Most Delete APIs authorise as their Put action (DeleteBucketEncryption as s3:PutEncryptionConfiguration,
    /// DeletePublicAccessBlock as s3:PutBucketPublicAccessBlock, …), so the Put names cover them too.
    static let governance = protectionWrites + accessWidening + exportConfiguration + [deleteBucket]

    /// Settings that hold the data's protections in place.
    static let protectionWrites = ["s3:PutEncryptionConfiguration", "s3:PutBucketVersioning", "s3:PutBucketObjectLockConfiguration",
                                   "s3:PutLifecycleConfiguration", "s3:PutIntelligentTieringConfiguration"]
    /// Settings that decide who reaches the bucket: policy, ACL, ownership (ACLs back on), public access block,
    /// CORS and website (browsers and the website endpoint), tags and ABAC (tag-based access once ABAC is on).
    static let accessWidening = ["s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutBucketAcl", "s3:PutBucketOwnershipControls",
                                 "s3:PutBucketPublicAccessBlock", "s3:PutBucketCORS", "s3:PutBucketWebsite", "s3:DeleteBucketWebsite",
                                 "s3:PutBucketTagging", "s3:TagResource", "s3:UntagResource", "s3:PutBucketABAC"]
    /// Settings that send the data, its object names or its events to a destination the caller chooses:
    /// inventory, analytics export, metadata tables (V1 and V2 share CreateBucketMetadataTableConfiguration),
    /// access logs, notifications, replication, CloudWatch request metrics.
    static let exportConfiguration = ["s3:PutInventoryConfiguration", "s3:PutAnalyticsConfiguration",
                                      "s3:CreateBucketMetadataTableConfiguration",
                                      "s3:UpdateBucketMetadataInventoryTableConfiguration",
                                      "s3:UpdateBucketMetadataJournalTableConfiguration", "s3:PutBucketLogging",
                                      "s3:PutBucketNotification", "s3:PutReplicationConfiguration", "s3:PutMetricsConfiguration"]
    static let deleteBucket = "s3:DeleteBucket"

    /// What S3 replication reads from the source, and writes to the destination (AWS's replication role policy).
    static let replicationSource = ["s3:GetReplicationConfiguration", "s3:ListBucket", "s3:GetObjectVersionForReplication",
                                    "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"]
    static let replicationDestination = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"]

    /// What other workloads on shared route tables typically do with other buckets through the endpoint.
    static let otherBucketObjects = ["s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging", "s3:PutObject",
                                     "s3:PutObjectTagging", "s3:DeleteObject", "s3:DeleteObjectVersion",
                                     "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:RestoreObject"]
    static let otherBucketReads = ["s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads", "s3:GetBucketLocation"]

    static func objectActions(_ access: AccessLevel) -> [String] {
        (access.reads ? read : []) + (access.writes ? write : []) + (access.deletes ? delete : [])
    }
}

enum KMSActions {
    /// Management only: never Decrypt, Encrypt, GenerateDataKey*, ReEncrypt*.
    static let management = ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
                             "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource",
                             "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
                             "kms:RotateKeyOnDemand"]
    static let use = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"]
}

/// The S3 buckets AWS itself serves software from; a shared route table's endpoint must keep them reachable
/// (s3:GetObject only). Source: AWS's data-perimeter examples, statement AllowRequestsToAWSOwnedResources of
/// vpc_endpoint_policies/s3_endpoint_policy.json, and the service owning each bucket in service_owned_resources.md
/// (`AWSOwnedBuckets.source`). docs/controls.md prints this table.
///
/// Per partition: a bucket name is unique only within its partition. The source lists `arn:aws` names, so every
/// group applies in `aws`. In `aws-cn` and `aws-us-gov` only the region-scoped groups are kept whose services
/// document the same `<region>` pattern for every Region they run in (ECR, Amazon Linux, Systems Manager agent and
/// patching, CloudWatch agent, CodeDeploy, Elastic Beanstalk); a region-less name (`aws-cli`,
/// `amazoncloudwatch-agent`, …) or a DNS-style name (`repo.REGION.amazonaws.com`) could belong to anyone there.
/// Left out of the source's list: bucket ARNs without `/*` (they match no s3:GetObject request), CodeArtifact's
/// `assets-<account>-<region>` and Cloud9's `static-<region>-prod-static-<string>` (parts we cannot know, and a
/// wildcard would match buckets anyone can create).
public struct AWSOwnedBucketGroup: Sendable {
    /// The service that reads from the buckets, and why.
    public let service: String
    public let why: String
    /// Object patterns (`bucket/*` or `bucket/prefix/*`); `{region}`, `{regionNoDashes}`, `{beanstalkRegion}` are filled in.
    public let patterns: [String]
    public let partitions: [Partition]

    static let all: [Partition] = [.aws, .awsCn, .awsUsGov]
    static let commercial: [Partition] = [.aws]
}

public enum AWSOwnedBuckets {
    public static let source = "https://github.com/aws-samples/data-perimeter-policy-examples/blob/main/vpc_endpoint_policies/s3_endpoint_policy.json"
    public static let serviceTable = "https://github.com/aws-samples/data-perimeter-policy-examples/blob/main/service_owned_resources.md"

    public static let groups: [AWSOwnedBucketGroup] = [
        // ECR: after the manifest, image layers come from S3 through a presigned URL signed by ECR.
        AWSOwnedBucketGroup(service: "Amazon ECR", why: "image layers of every private image pull",
                            patterns: ["prod-{region}-starport-layer-bucket/*"], partitions: AWSOwnedBucketGroup.all),
        // Amazon Linux 2 / 2023 package repositories (dnf/yum, kernel live patching), fetched unauthenticated.
        AWSOwnedBucketGroup(service: "Amazon Linux (EC2, EMR)", why: "AL2 and AL2023 package repositories and kernel live patches",
                            patterns: ["amazonlinux-2-repos-{region}/*", "al2023-repos-{region}-de612dc2/*", "al2023-{region}/*"],
                            partitions: AWSOwnedBucketGroup.all),
        AWSOwnedBucketGroup(service: "Amazon Linux (EC2, EMR)", why: "older Amazon Linux and EMR repositories named after DNS names",
                            patterns: ["packages.{region}.amazonaws.com/*", "repo.{region}.amazonaws.com/*", "amazonlinux.{region}.amazonaws.com/*"],
                            partitions: AWSOwnedBucketGroup.commercial),
        AWSOwnedBucketGroup(service: "Amazon EMR", why: "EMR repositories and the Spark history system bucket",
                            patterns: ["repo.{region}.emr.amazonaws.com/*", "prod.{region}.appinfo.src/*"], partitions: AWSOwnedBucketGroup.commercial),
        // SSM Agent: documents, plugins, packages, Distributor files, patch baselines (Patch Manager).
        AWSOwnedBucketGroup(service: "AWS Systems Manager (SSM Agent, Patch Manager)", why: "SSM documents and plugins, agent updates, Distributor packages, document attachments, patch baseline snapshots",
                            patterns: ["aws-ssm-{region}/*", "aws-windows-downloads-{region}/*", "amazon-ssm-{region}/*", "amazon-ssm-packages-{region}/*",
                                       "{region}-birdwatcher-prod/*", "aws-ssm-distributor-file-{region}/*", "aws-ssm-document-attachments-{region}/*",
                                       "patch-baseline-snapshot-{region}/*"],
                            partitions: AWSOwnedBucketGroup.all),
        AWSOwnedBucketGroup(service: "AWS Systems Manager", why: "macOS patching, the Session Manager plugin, document categories",
                            patterns: ["aws-patchmanager-macos-{region}/*", "session-manager-downloads/*", "ssm-document-categories/*"],
                            partitions: AWSOwnedBucketGroup.commercial),
        AWSOwnedBucketGroup(service: "Amazon CloudWatch agent", why: "the agent package, regional bucket",
                            patterns: ["amazoncloudwatch-agent-{region}/*"], partitions: AWSOwnedBucketGroup.all),
        AWSOwnedBucketGroup(service: "Amazon CloudWatch agent", why: "the agent package, global bucket",
                            patterns: ["amazoncloudwatch-agent/*"], partitions: AWSOwnedBucketGroup.commercial),
        AWSOwnedBucketGroup(service: "AWS CodeDeploy", why: "the CodeDeploy agent installer",
                            patterns: ["aws-codedeploy-{region}/*"], partitions: AWSOwnedBucketGroup.all),
        // Elastic Beanstalk: in cn-north-1 the names use public-beta-cn-north-1 instead of the region (service_owned_resources.md).
        AWSOwnedBucketGroup(service: "AWS Elastic Beanstalk", why: "platform assets, environment resources, sample applications",
                            patterns: ["elasticbeanstalk-samples-{beanstalkRegion}/*", "elasticbeanstalk-platform-assets-{beanstalkRegion}/*",
                                       "elasticbeanstalk-env-resources-{beanstalkRegion}/*", "elasticbeanstalk-{beanstalkRegion}/*"],
                            partitions: AWSOwnedBucketGroup.all),
        AWSOwnedBucketGroup(service: "EC2 Image Builder", why: "the AWSTOE application and managed components",
                            patterns: ["ec2imagebuilder-toe-{region}-prod/*", "ec2imagebuilder-managed-resources-{region}-prod/components/*"],
                            partitions: AWSOwnedBucketGroup.commercial),
        AWSOwnedBucketGroup(service: "AWS Application Migration Service", why: "replication agent installer and components",
                            patterns: ["aws-mgn-clients-{region}/*", "aws-mgn-clients-hashes-{region}/*", "aws-mgn-internal-{region}/*",
                                       "aws-mgn-internal-hashes-{region}/*", "aws-application-migration-service-{region}/*",
                                       "aws-application-migration-service-hashes-{region}/*"],
                            partitions: AWSOwnedBucketGroup.commercial),
        AWSOwnedBucketGroup(service: "AWS Elastic Disaster Recovery", why: "replication agent installer and components",
                            patterns: ["aws-drs-clients-{region}/*", "aws-drs-clients-hashes-{region}/*", "aws-drs-internal-{region}/*",
                                       "aws-drs-internal-hashes-{region}/*", "aws-elastic-disaster-recovery-{region}/*",
                                       "aws-elastic-disaster-recovery-hashes-{region}/*"],
                            partitions: AWSOwnedBucketGroup.commercial),
        AWSOwnedBucketGroup(service: "AWS CloudFormation", why: "wait conditions, custom-resource responses, helper scripts (as in the source, s3:GetObject only: a response written with PUT to the presigned URL is not allowed)",
                            patterns: ["cloudformation-waitcondition-{region}/*", "cloudformation-custom-resource-response-{regionNoDashes}/*",
                                       "cloudformation-examples/*"],
                            partitions: AWSOwnedBucketGroup.commercial),
        AWSOwnedBucketGroup(service: "ACM for Nitro Enclaves", why: "certificates distributed to enclave web servers",
                            patterns: ["aws-ec2-enclave-certificate-{region}-prod/*"], partitions: AWSOwnedBucketGroup.commercial),
        AWSOwnedBucketGroup(service: "SageMaker JumpStart, Neptune, Athena", why: "pretrained models, notebook setup scripts, sample data",
                            patterns: ["jumpstart-cache-prod-{region}/*", "aws-neptune-notebook/*", "aws-neptune-notebook-{region}/*",
                                       "athena-examples-{region}/*"],
                            partitions: AWSOwnedBucketGroup.commercial),
        AWSOwnedBucketGroup(service: "Schema Conversion Tool, SAP tools, AWS CLI", why: "JDBC drivers, SAP data provider and Backint agent, AWS CLI installers",
                            patterns: ["awssupportdatasvcs.com/*", "redshift-downloads/*", "aws-sap-data-provider/*", "aws-sap-dataprovider-{region}/*",
                                       "awssap-backint-agent/*", "aws-cli/*"],
                            partitions: AWSOwnedBucketGroup.commercial),
    ]

    /// `bucket/*` patterns for one region, in the order above, without repeats. On the keystroke path (the
    /// endpoint policy is rebuilt on every edit): the patterns are split into pieces once, then only joined.
    public static func objectArns(region: String) -> [String] {
        let partition = Partition(region: region)
        // Elastic Beanstalk's Beijing buckets are named after public-beta-cn-north-1 (service_owned_resources.md).
        let values = ["{region}": region, "{regionNoDashes}": String(region.filter { $0 != "-" }),
                      "{beanstalkRegion}": region == "cn-north-1" ? "public-beta-cn-north-1" : region]
        var seen = Set<String>()
        var out: [String] = []
        for (partitions, pieces) in pieceTable where partitions.contains(partition) {
            let filled = pieces.map { values[$0] ?? $0 }.joined()
            if seen.insert(filled).inserted { out.append(filled) }
        }
        return out
    }

    /// Every pattern as literal pieces and `{token}` pieces, with its group's partitions.
    private static let pieceTable: [(partitions: [Partition], pieces: [String])] = groups.flatMap { group in
        group.patterns.map { (group.partitions, pieces(of: $0)) }
    }

    /// `a-{region}/*` → `a-`, `{region}`, `/*`. By bytes, not Characters: the table is built at the first frame
    /// (the endpoint policy is in it), and splitting 80 patterns Character by Character cost 0.8 M instructions.
    static func pieces(of pattern: String) -> [String] {
        let bytes = Array(pattern.utf8)
        var pieces: [String] = []
        var start = 0
        while let open = bytes[start...].firstIndex(of: UInt8(ascii: "{")),
              let close = bytes[open...].firstIndex(of: UInt8(ascii: "}")) {
            pieces.append(String(decoding: bytes[start..<open], as: UTF8.self))
            pieces.append(String(decoding: bytes[open...close], as: UTF8.self))
            start = close + 1
        }
        pieces.append(String(decoding: bytes[start...], as: UTF8.self))
        return pieces
    }
}

extension Plan {
    /// `reports-v2` → `ReportsV2`, for Sids (alphanumeric only, as IAM requires).
    static func sidName(_ name: String) -> String {
        name.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// Prefixes as written in resources: always ending in "/".
    static func normalisedPrefix(_ prefix: String) -> String {
        var p = prefix
        while p.hasPrefix("/") { p.removeFirst() }
        return p.hasSuffix("/") ? p : p + "/"
    }

    /// Where a role's requests are judged: the bucket itself, or the role's access point, whose ARN names the
    /// bucket (`…:accesspoint/NAME`, for ListBucket) and its objects (`…:accesspoint/NAME/object/KEY`).
    enum DataPath {
        case bucket
        case accessPoint(String)

        var container: Element {
            switch self {
            case .bucket: .ref(.bucketArn)
            case let .accessPoint(role): .ref(.accessPointArn(role))
            }
        }
        /// The ARN objects are named under, without the trailing `/`.
        var objects: Text {
            switch self {
            case .bucket: Text(.bucketArn)
            case let .accessPoint(role): "\(.accessPointArn(role))/object"
            }
        }
    }

    func objectResources(_ role: DataRole, _ path: DataPath = .bucket) -> [Element] {
        let base = path.objects
        func under(_ tail: String) -> Element { .text(base.appending(tail)) }
        return role.prefixes.isEmpty ? [under("/*")] : role.prefixes.map { under("/" + Plan.normalisedPrefix($0) + "*") }
    }

    /// The key-policy encryption context: the bucket ARN with a bucket key, the object ARN without.
    private var encryptionContext: Condition {
        encryption.bucketKey
            ? Condition("StringEquals", "kms:EncryptionContext:aws:s3:arn", [.ref(.bucketArn)])
            : Condition("StringLike", "kms:EncryptionContext:aws:s3:arn", ["\(.bucketArn)/*"])
    }

    public var policies: PolicySet {
        var set = PolicySet(bucket: bucketPolicy, key: nil, keyStatementsToAdd: nil, endpointDocument: Deferred { [self] in endpointPolicy },
                            trust: [], identity: [], logBucket: nil, supportKey: nil)
        if managesKeyPolicy { set.key = keyPolicy } else { set.keyStatementsToAdd = PolicyDocument(keyUseStatements) }
        if !createsEndpoint { set.endpointFileName = "endpoint-policy-statements-to-add.json" }
        set.trust = dataAccess.roles.filter { $0.source == .create }.map { ($0.name, trustPolicy($0)) }
        if let role = workloadRole { set.identity = [(role.name, workloadIdentityPolicy)] }
        if protections.replication {
            set.trust.append((Plan.replicationRoleKey, replicationTrustPolicy))
            set.identity.append((Plan.replicationRoleKey, replicationIdentityPolicy))
            set.replicationBucket = replicationDestinationBucketStatements
            set.replicationKey = replicationDestinationKeyStatements
        }
        switch protections.accessLogging {
        case .create: set.logBucket = logBucketPolicy
        case .existing:
            set.logBucket = PolicyDocument([logDeliveryStatement])
            set.logBucketFileName = "log-bucket-policy-statements-to-add.json"
        case .off: break
        }
        if createsSupportKey { set.supportKey = supportKeyPolicy }
        switch protections.auditTrail {
        case .create: set.trailBucket = trailBucketPolicy
        case .existingBucket:
            set.trailBucket = PolicyDocument(trailDeliveryStatements)
            set.trailBucketFileName = "trail-bucket-policy-statements-to-add.json"
        case .off: break
        }
        if auditTrailEnabled { set.alarmTopic = alarmTopicPolicy }
        if organization.resourceControlPolicy { set.resourceControlPolicy = resourceControlPolicy }
        if usesAccessPoints { set.accessPoints = dataAccess.roles.map { role in (role.name, Deferred { [self] in accessPointPolicy(role) }) } }
        return set
    }

    // MARK: Bucket policy

    func transportStatements(bucket: Ref) -> [Statement] {
        let resources: [Element] = [.ref(bucket), "\(bucket)/*"]
        return [
            Statement(.tlsOnly, sid: "DenyInsecureTransport", effect: .deny, principal: .anyone, actions: ["s3:*"],
                      resources: resources, conditions: [Condition("Bool", "aws:SecureTransport", ["false"])]),
            Statement(.minimumTls, sid: "DenyTlsBelow\(transport.minimumTls.rawValue.replacingAll(".", with: ""))",
                      effect: .deny, principal: .anyone, actions: ["s3:*"], resources: resources,
                      conditions: [Condition("NumericLessThan", "s3:TlsVersion", [.text(Text(stringLiteral: transport.minimumTls.rawValue))])]),
        ]
    }

    var dataRoleArns: [Element] { dataAccess.roles.map { .ref(.roleArn($0.name)) } }
    private var bucketResources: [Element] { [.ref(.bucketArn), "\(.bucketArn)/*"] }

    private var vpcCondition: Condition {
        switch network.condition {
        case .sourceVpce: return Condition("StringNotEquals", "aws:SourceVpce", [.ref(.endpointId)])
        case .sourceVpc: return Condition("StringNotEquals", "aws:SourceVpc", [.ref(.vpcId)])
        }
    }

    var vpcOnlyStatements: [Statement] {
        let viaServiceRoles = dataAccess.roles.filter(\.viaAwsServices).map { Element.ref(.roleArn($0.name)) }
        let suffix = network.condition == .sourceVpce ? "Vpce" : "Vpc"
        var statements = [
            Statement(.vpcOnly, sid: "DenyOutside\(suffix)", effect: .deny, principal: .anyone, actions: ["s3:*"],
                      resources: bucketResources,
                      conditions: [vpcCondition, Condition("ArnNotLike", "aws:PrincipalArn", [.all(.deployerArns)] + viaServiceRoles + serviceReaders)]),
        ]
        if !viaServiceRoles.isEmpty {
            statements.append(Statement(.vpcOnly, sid: "DenyOutside\(suffix)UnlessViaAwsService", effect: .deny,
                                        principal: .anyone, actions: ["s3:*"], resources: bucketResources,
                                        conditions: [vpcCondition, Condition("ArnLike", "aws:PrincipalArn", viaServiceRoles),
                                                     Condition("Bool", "aws:ViaAWSService", ["false"])]))
        }
        if network.condition == .sourceVpc {
            // VPC ids are unique per region only: pin the region too.
            statements.append(Statement(.vpcOnly, sid: "DenyOtherRegions", effect: .deny, principal: .anyone,
                                        actions: ["s3:*"], resources: bucketResources,
                                        conditions: [Condition("StringNotEquals", "aws:RequestedRegion", [.ref(.region)]),
                                                     Condition("ArnNotLike", "aws:PrincipalArn", [.all(.deployerArns)])]))
        }
        return statements
    }

    var onlyListedRolesStatements: [Statement] {
        // Who may, besides `others`: the data roles by ARN, or (access-points mode) whoever comes through an access
        // point of this account, whose own policy admits only its role. A request made through an access point
        // carries s3:DataAccessPointAccount; any other request does not, and a negated operator is true then.
        func exceptDataRoles(_ others: [Element]) -> [Condition] {
            guard usesAccessPoints else { return [Condition("ArnNotLike", "aws:PrincipalArn", dataRoleArns + others)] }
            return [Condition("StringNotEquals", "s3:DataAccessPointAccount", [.ref(.accountId)])]
                + (others.isEmpty ? [] : [Condition("ArnNotLike", "aws:PrincipalArn", others)])
        }
        return [
            Statement(.onlyListedRoles, sid: "DenyObjectAccessToOtherPrincipals", effect: .deny, principal: .anyone,
                      actions: S3Actions.allObjectData, resources: ["\(.bucketArn)/*"], conditions: exceptDataRoles(serviceReaders)),
            Statement(.onlyListedRoles, sid: "DenyVersionListingToOtherPrincipals", effect: .deny, principal: .anyone,
                      actions: S3Actions.listingBeyondListBucket, resources: [.ref(.bucketArn)], conditions: exceptDataRoles([])),
            Statement(.onlyListedRoles, sid: "DenyListBucketToOtherPrincipals", effect: .deny, principal: .anyone,
                      actions: [S3Actions.list], resources: [.ref(.bucketArn)],
                      conditions: exceptDataRoles([.all(.deployerArns)] + serviceReaders)),
        ]
    }

    /// Service roles that read the data from the AWS network, each held to its own actions below: S3's
    /// replication role, and Macie's service-linked role.
    var serviceReaders: [Element] {
        (protections.replication ? [.ref(.replicationRoleArn)] : []) + (protections.macie ? [.ref(.macieRoleArn)] : [])
    }

    /// Macie reads objects and bucket settings to find personal data; never anything else.
    var macieLimitStatement: [Statement] {
        guard protections.macie else { return [] }
        return [Statement(.sensitiveDataDiscovery, sid: "DenyMacieBeyondReading", effect: .deny, principal: .aws([.ref(.macieRoleArn)]),
                          notActions: ["s3:Get*", "s3:List*"], resources: bucketResources)]
    }

    /// Holds the replication role to reading what it replicates, whatever else it may be given.
    var replicationLimitStatement: [Statement] {
        guard protections.replication else { return [] }
        return [Statement(.replication, sid: "DenyReplicationRoleBeyondReplicating", effect: .deny,
                          principal: .aws([.ref(.replicationRoleArn)]), notActions: replicationSourceActions + [S3Actions.location],
                          resources: bucketResources)]
    }

    var governanceStatement: Statement {
        Statement(.governanceChanges, sid: "DenyProtectionChangesExceptDeployer", effect: .deny, principal: .anyone,
                  actions: S3Actions.governance, resources: [.ref(.bucketArn)],
                  conditions: [Condition("ArnNotLike", "aws:PrincipalArn", [.all(.deployerArns)])])
    }

    var uploadEnforcementStatements: [Statement] {
        let sse = "s3:x-amz-server-side-encryption"
        let keyId = "s3:x-amz-server-side-encryption-aws-kms-key-id"
        let objects: [Element] = ["\(.bucketArn)/*"]
        func deny(_ sid: String, _ conditions: [Condition]) -> Statement {
            Statement(.uploadEnforcement, sid: sid, effect: .deny, principal: .anyone, actions: ["s3:PutObject"],
                      resources: objects, conditions: conditions)
        }
        switch encryption.uploadEnforcement {
        case .off: return []
        case .lenient:
            // Headers optional (default encryption applies); a header that is sent must name this key.
            return [
                deny("DenyUploadsWithOtherEncryption", [Condition("Null", sse, ["false"]), Condition("StringNotEquals", sse, ["aws:kms"])]),
                // The key-id condition key is ARN-typed: compare with an Arn operator.
                deny("DenyUploadsWithOtherKey", [Condition("Null", keyId, ["false"]), Condition("ArnNotEquals", keyId, [.ref(.keyArn)])]),
                // aws:kms without a key id would use the AWS-managed aws/s3 key.
                deny("DenyUploadsWithAwsManagedKey", [Condition("StringEquals", sse, ["aws:kms"]), Condition("Null", keyId, ["true"])]),
            ]
        case .strict:
            return [
                deny("DenyUploadsWithoutKms", [Condition("StringNotEquals", sse, ["aws:kms"])]),
                deny("DenyUploadsWithoutThisKey", [Condition("ArnNotEquals", keyId, [.ref(.keyArn)])]),
            ]
        }
    }

    /// SSE-C (a key the caller sends with each request) bypasses the customer-managed key whatever the
    /// enforcement mode: the upload carries neither header the modes above test. PutObject authorises
    /// PutObject, CopyObject, POST uploads and CreateMultipartUpload; the bucket also blocks SSE-C itself
    /// (blocked_encryption_types).
    var customerKeyDenyStatement: Statement {
        Statement(.sseKms, sid: "DenyUploadsWithCustomerKeys", effect: .deny, principal: .anyone, actions: ["s3:PutObject"],
                  resources: ["\(.bucketArn)/*"],
                  conditions: [Condition("Null", "s3:x-amz-server-side-encryption-customer-algorithm", ["false"])])
    }

    /// A role's grant and the denies that hold it to its level and prefixes, on the bucket (bucket-policy mode) or
    /// on its access point (in that access point's policy).
    func roleGrantStatements(_ role: DataRole, _ path: DataPath = .bucket) -> [Statement] {
        let n = Plan.sidName(role.name)
        let principal = Principal.aws([.ref(.roleArn(role.name))])
        let objectActions = S3Actions.objectActions(role.access)
        let prefixValues: [Element] = role.prefixes.map { .text(Text(stringLiteral: Plan.normalisedPrefix($0) + "*")) }
        let objects = objectResources(role, path)
        var statements = [
            Statement(.leastPrivilegeGrants, sid: "Allow\(n)Objects", effect: .allow, principal: principal,
                      actions: objectActions, resources: objects),
        ]
        if role.access.reads {
            statements.append(Statement(.leastPrivilegeGrants, sid: "Allow\(n)List", effect: .allow, principal: principal,
                                        actions: [S3Actions.list], resources: [path.container],
                                        conditions: prefixValues.isEmpty ? [] : [Condition("StringLike", "s3:prefix", prefixValues)]))
        }
        // The allows above do not limit what the role's own IAM policies grant; these denies do.
        let granted = objectActions + (role.access.reads ? [S3Actions.list] : []) + [S3Actions.location]
        statements.append(Statement(.leastPrivilegeGrants, sid: "Deny\(n)BeyondItsAccess", effect: .deny, principal: principal,
                                    notActions: granted, resources: [path.container, .text(path.objects.appending("/*"))]))
        if !role.prefixes.isEmpty {
            statements.append(Statement(.leastPrivilegeGrants, sid: "Deny\(n)OutsideItsPrefixes", effect: .deny,
                                        principal: principal, actions: objectActions, notResources: objects))
            if role.access.reads {
                statements.append(Statement(.leastPrivilegeGrants, sid: "Deny\(n)ListingOutsideItsPrefixes", effect: .deny,
                                            principal: principal, actions: [S3Actions.list], resources: [path.container],
                                            conditions: [Condition("StringNotLike", "s3:prefix", prefixValues)]))
            }
        }
        return statements
    }

    public var bucketPolicy: PolicyDocument {
        let grants = usesAccessPoints ? [accessPointDelegationStatement] : dataAccess.roles.flatMap { roleGrantStatements($0) }
        return PolicyDocument(transportStatements(bucket: .bucketArn) + vpcOnlyStatements + onlyListedRolesStatements
                              + [governanceStatement, customerKeyDenyStatement] + uploadEnforcementStatements
                              + grants + replicationLimitStatement + macieLimitStatement)
    }

    // MARK: Access points (data_access.mode: access-points)

    /// Every action some data role is granted, in a fixed order: what the bucket delegates and the endpoint lets through.
    var delegatedActions: [String] {
        let levels = dataAccess.roles.map(\.access)
        var actions: [String] = []
        if levels.contains(where: \.reads) { actions += S3Actions.read }
        if levels.contains(where: \.writes) { actions += S3Actions.write }
        if levels.contains(where: \.deletes) { actions += S3Actions.delete }
        if levels.contains(where: \.reads) { actions.append(S3Actions.list) }
        // Not s3:GetBucketLocation: the Service Authorization Reference lists no s3:DataAccessPointAccount for it.
        return actions
    }

    /// The bucket lets the access points of its own account decide (Amazon S3 User Guide, "Delegating access control
    /// to access points"): a request through one carries s3:DataAccessPointAccount, and that access point's policy
    /// must allow it too. Only the granted actions are delegated; the role-independent denies above still apply.
    var accessPointDelegationStatement: Statement {
        Statement(.accessPoints, sid: "DelegateDataAccessToAccessPoints", effect: .allow, principal: .anyone,
                  actions: delegatedActions, resources: bucketResources,
                  conditions: [Condition("StringEquals", "s3:DataAccessPointAccount", [.ref(.accountId)])])
    }

    /// A role's access point policy: its grant and limits (the statements bucket-policy mode puts in the bucket
    /// policy), and nobody else's data requests through this access point, whatever their IAM policies allow.
    func accessPointPolicy(_ role: DataRole) -> PolicyDocument {
        let path = DataPath.accessPoint(role.name)
        let others = Statement(.accessPoints, sid: "DenyOtherPrincipalsThroughThisAccessPoint", effect: .deny, principal: .anyone,
                               actions: S3Actions.allObjectData + [S3Actions.list] + S3Actions.listingBeyondListBucket,
                               resources: [path.container, .text(path.objects.appending("/*"))],
                               conditions: [Condition("ArnNotLike", "aws:PrincipalArn", [.ref(.roleArn(role.name))])])
        return PolicyDocument(roleGrantStatements(role, path) + [others])
    }

    /// `arn:…:accesspoint/service-environment-*`: every access point this plan names, and no other of the account.
    var accessPointsOfThisPlan: Element { "arn:\(.partition):s3:\(.region):\(.accountId):accesspoint/\(namePrefix)-*" }

    // MARK: Key policy

    var keyAdministrators: [Element] { [.all(.keyAdminArns), .all(.deployerArns)] }

    var keyUseStatements: [Statement] {
        let viaS3 = Condition("StringEquals", "kms:ViaService", ["s3.\(.region).\(.dnsSuffix)"])
        let callerAccount = Condition("StringEquals", "kms:CallerAccount", [.ref(.accountId)])
        // Multipart uploads need Decrypt too, so every data role may decrypt; only writers generate data keys.
        let users = dataRoleArns
        let writers = dataAccess.roles.filter(\.access.writes).map { Element.ref(.roleArn($0.name)) }
        var statements = [
            Statement(.keyUseThroughS3, sid: "DataRolesDecryptThroughS3", effect: .allow, principal: .aws(users),
                      actions: ["kms:Decrypt"], resources: ["*"], conditions: [viaS3, callerAccount, encryptionContext]),
        ]
        if !writers.isEmpty {
            statements.append(Statement(.keyUseThroughS3, sid: "WriterRolesGenerateDataKeysThroughS3", effect: .allow,
                                        principal: .aws(writers), actions: ["kms:GenerateDataKey"], resources: ["*"],
                                        conditions: [viaS3, callerAccount, encryptionContext]))
        }
        if protections.macie {
            statements.append(Statement(.sensitiveDataDiscovery, sid: "MacieDecryptsThroughS3", effect: .allow,
                                        principal: .aws([.ref(.macieRoleArn)]), actions: ["kms:Decrypt"], resources: ["*"],
                                        conditions: [viaS3, callerAccount, encryptionContext]))
        }
        if protections.replication {
            statements.append(Statement(.replication, sid: "ReplicationRoleDecryptsThroughS3", effect: .allow,
                                        principal: .aws([.ref(.replicationRoleArn)]), actions: ["kms:Decrypt"], resources: ["*"],
                                        conditions: [viaS3, callerAccount, encryptionContext]))
        }
        return statements
    }

    func administrationStatements() -> [Statement] {
        var statements = [
            Statement(.keyAdminSeparation, sid: "KeyAdministration", effect: .allow, principal: .aws(keyAdministrators),
                      actions: KMSActions.management, resources: ["*"]),
        ]
        if keyAdministration.iamDelegation {
            statements.append(Statement(.keyAdminSeparation, sid: "AccountManagesKeyThroughIam", effect: .allow,
                                        principal: .aws(["arn:\(.partition):iam::\(.accountId):root"]),
                                        actions: KMSActions.management, resources: ["*"]))
        }
        return statements
    }

    public var keyPolicy: PolicyDocument {
        PolicyDocument(administrationStatements() + [
            Statement(.keyAdminSeparation, sid: "DenyKeyUseByAdministrators", effect: .deny, principal: .aws(keyAdministrators),
                      actions: KMSActions.use, resources: ["*"]),
        ] + keyUseStatements)
    }

    // MARK: Endpoint policy

    public var endpointPolicy: PolicyDocument {
        var statements = usesAccessPoints ? accessPointEndpointStatements : dataAccess.roles.map { role in
            let actions = S3Actions.objectActions(role.access) + (role.access.reads ? [S3Actions.list] : []) + [S3Actions.location]
            return Statement(.endpointPolicy, sid: "Allow\(Plan.sidName(role.name))ToDataBucket", effect: .allow,
                             principal: .anyone, actions: actions, resources: [.ref(.bucketArn)] + objectResources(role),
                             conditions: [Condition("ArnEquals", "aws:PrincipalArn", [.ref(.roleArn(role.name))])])
        }
        guard createsEndpoint else { return PolicyDocument(statements) }
        // Whatever else is allowed below, nobody but the data roles reaches this bucket through the endpoint.
        statements.append(Statement(.endpointPolicy, sid: "DenyDataBucketToOtherPrincipals", effect: .deny, principal: .anyone,
                                    actions: ["s3:*"], resources: bucketResources,
                                    conditions: [Condition("ArnNotLike", "aws:PrincipalArn", dataRoleArns)]))
        let anyBucket: Element = "arn:\(.partition):s3:::*"
        let anyObject: Element = "arn:\(.partition):s3:::*/*"
        func otherBuckets(_ sid: String, _ conditions: [Condition]) -> [Statement] {
            [
                Statement(.endpointPolicy, sid: "\(sid)Objects", effect: .allow, principal: .anyone,
                          actions: S3Actions.otherBucketObjects, resources: [anyObject], conditions: conditions),
                Statement(.endpointPolicy, sid: "\(sid)Buckets", effect: .allow, principal: .anyone,
                          actions: S3Actions.otherBucketReads, resources: [anyBucket], conditions: conditions),
            ]
        }
        switch network.otherS3Traffic {
        case .none: break
        case .anyBucket:
            statements += otherBuckets("AllowOtherBuckets", [])
        case .awsOwnedAndOrg:
            statements.append(Statement(.endpointPolicy, sid: "AllowAwsOwnedBuckets", effect: .allow, principal: .anyone,
                                        actions: ["s3:GetObject"],
                                        resources: AWSOwnedBuckets.objectArns(region: basics.region).map { "arn:\(.partition):s3:::\($0)" }))
            if network.organizationId != nil {
                statements += otherBuckets("AllowOrganizationBuckets", [Condition("StringEquals", "aws:ResourceOrgID", [.ref(.organizationId)])])
            }
        }
        return PolicyDocument(statements)
    }

    /// A request through an access point must be allowed by the endpoint twice: on the access point and on the
    /// underlying bucket (Amazon S3 User Guide, "Creating access points restricted to a virtual private cloud").
    var accessPointEndpointStatements: [Statement] {
        [
            Statement(.endpointPolicy, sid: "AllowDataAccessPoints", effect: .allow, principal: .anyone,
                      actions: delegatedActions, resources: [accessPointsOfThisPlan]),
            Statement(.endpointPolicy, sid: "AllowDataBucketThroughAccessPoints", effect: .allow, principal: .anyone,
                      actions: delegatedActions, resources: bucketResources,
                      conditions: [Condition("StringEquals", "s3:DataAccessPointAccount", [.ref(.accountId)])]),
        ]
    }

    // MARK: Roles

    func trustPolicy(_ role: DataRole) -> PolicyDocument {
        PolicyDocument([
            Statement(.workloadIsolation, sid: "TrustedServiceAssumesRole", effect: .allow,
                      principal: .service([role.trustedService]), actions: ["sts:AssumeRole"]),
        ])
    }

    /// The function's own needs; its data access lives in the bucket and key policies.
    var workloadIdentityPolicy: PolicyDocument {
        PolicyDocument([
            Statement(.workloadIsolation, sid: "WriteOwnLogs", effect: .allow,
                      actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: ["\(.functionLogGroupArn):*"]),
            Statement(.workloadIsolation, sid: "SendFailedEventsToDeadLetterQueue", effect: .allow,
                      actions: ["sqs:SendMessage"], resources: [.ref(.deadLetterQueueArn)]),
            Statement(.workloadIsolation, sid: "EncryptDeadLetterMessages", effect: .allow,
                      actions: ["kms:GenerateDataKey", "kms:Decrypt"], resources: [.ref(.supportKeyArn)],
                      conditions: [Condition("StringEquals", "kms:ViaService", ["sqs.\(.region).\(.dnsSuffix)"])]),
        ])
    }

    // MARK: Replication

    /// The name replication's role files go under (roles/replication/…); data role names cannot clash with it
    /// in Terraform because the role resource is aws_iam_role.replication.
    static let replicationRoleKey = "replication"

    var replicationTrustPolicy: PolicyDocument {
        PolicyDocument([
            Statement(.replication, sid: "S3AssumesReplicationRole", effect: .allow, principal: .service(["s3.amazonaws.com"]),
                      actions: ["sts:AssumeRole"]),
        ])
    }

    private var replicaObjects: [Element] { ["\(.replicationBucketArn)/*"] }

    /// What replication reads from the source; with object lock, the retention and legal hold travel too.
    var replicationSourceActions: [String] {
        S3Actions.replicationSource + (objectLockEnabled ? ["s3:GetObjectRetention", "s3:GetObjectLegalHold"] : [])
    }

    var replicationIdentityPolicy: PolicyDocument {
        let viaS3 = Condition("StringEquals", "kms:ViaService", ["s3.\(.region).\(.dnsSuffix)"])
        let viaDestination = Condition("StringEquals", "kms:ViaService", ["s3.\(.replicationRegion).\(.dnsSuffix)"])
        return PolicyDocument([
            Statement(.replication, sid: "ReadReplicationConfiguration", effect: .allow,
                      actions: ["s3:GetReplicationConfiguration", "s3:ListBucket"], resources: [.ref(.bucketArn)]),
            Statement(.replication, sid: "ReadObjectVersionsToReplicate", effect: .allow,
                      actions: Array(replicationSourceActions.dropFirst(2)), resources: ["\(.bucketArn)/*"]),
            Statement(.replication, sid: "WriteReplicas", effect: .allow,
                      actions: S3Actions.replicationDestination + (replicatesAcrossAccounts ? ["s3:ObjectOwnerOverrideToBucketOwner"] : []),
                      resources: replicaObjects),
            Statement(.replication, sid: "DecryptSourceObjects", effect: .allow, actions: ["kms:Decrypt"], resources: [.ref(.keyArn)],
                      conditions: [viaS3, encryptionContext]),
            Statement(.replication, sid: "EncryptReplicas", effect: .allow, actions: ["kms:Encrypt", "kms:GenerateDataKey"],
                      resources: [.ref(.replicationKeyArn)],
                      conditions: [viaDestination, Condition("StringLike", "kms:EncryptionContext:aws:s3:arn",
                                                            [.ref(.replicationBucketArn), "\(.replicationBucketArn)/*"])]),
        ])
    }

    var replicationDestinationBucketStatements: PolicyDocument {
        PolicyDocument([
            Statement(.replication, sid: "ReplicationRoleWritesReplicas", effect: .allow, principal: .aws([.ref(.replicationRoleArn)]),
                      actions: S3Actions.replicationDestination + (replicatesAcrossAccounts ? ["s3:ObjectOwnerOverrideToBucketOwner"] : []),
                      resources: replicaObjects),
            Statement(.replication, sid: "ReplicationRoleReadsVersioning", effect: .allow, principal: .aws([.ref(.replicationRoleArn)]),
                      actions: ["s3:GetBucketVersioning", "s3:PutBucketVersioning"], resources: [.ref(.replicationBucketArn)]),
        ])
    }

    var replicationDestinationKeyStatements: PolicyDocument {
        PolicyDocument([
            Statement(.replication, sid: "ReplicationRoleEncryptsReplicas", effect: .allow, principal: .aws([.ref(.replicationRoleArn)]),
                      actions: ["kms:Encrypt", "kms:GenerateDataKey"], resources: ["*"],
                      conditions: [Condition("StringEquals", "kms:ViaService", ["s3.\(.replicationRegion).\(.dnsSuffix)"])]),
        ])
    }

    // MARK: Access logs and the support key

    /// The buckets whose access logs go to the log bucket: the data bucket, and a trail bucket created here.
    var loggedBuckets: [Element] { [.ref(.bucketArn)] + (createsTrailBucket && protections.accessLogging != .off ? [.ref(.trailBucketArn)] : []) }

    var logDeliveryStatement: Statement {
        Statement(.accessLogging, sid: "AllowServerAccessLogDelivery", effect: .allow,
                  principal: .service(["logging.s3.amazonaws.com"]), actions: ["s3:PutObject"],
                  resources: ["\(.logBucketArn)/*"],
                  conditions: [Condition("ArnLike", "aws:SourceArn", loggedBuckets),
                               Condition("StringEquals", "aws:SourceAccount", [.ref(.accountId)])])
    }

    var logBucketPolicy: PolicyDocument {
        PolicyDocument([logDeliveryStatement] + transportStatements(bucket: .logBucketArn).map { statement in
            var s = statement
            s.control = .accessLogging
            return s
        })
    }

    /// A second key for logs and the dead-letter queue, so the data key is used by S3 for the data only.
    var supportKeyPolicy: PolicyDocument {
        var statements = administrationStatements()
        statements.append(Statement(.accessLogging, sid: "SecurityTeamReadsLogs", effect: .allow, principal: .aws([.all(.keyAdminArns)]),
                                    actions: ["kms:Decrypt"], resources: ["*"],
                                    conditions: [Condition("StringEquals", "kms:CallerAccount", [.ref(.accountId)])]))
        if createsLogBucket {
            statements.append(Statement(.accessLogging, sid: "S3ServerAccessLogDelivery", effect: .allow,
                                        principal: .service(["logging.s3.amazonaws.com"]), actions: ["kms:GenerateDataKey"],
                                        resources: ["*"],
                                        conditions: [Condition("StringEquals", "aws:SourceAccount", [.ref(.accountId)]),
                                                     Condition("ArnLike", "aws:SourceArn", loggedBuckets)]))
        }
        if auditTrailEnabled {
            // CloudTrail encrypts log and digest files itself (CloudTrail User Guide, "Configure AWS KMS key policies
            // for CloudTrail"): GenerateDataKey* under its encryption context, pinned to this trail by aws:SourceArn.
            let trail = Condition("StringEquals", "aws:SourceArn", [.ref(.trailArn)])
            statements.append(Statement(.auditTrail, sid: "CloudTrailEncryptsTrailLogs", effect: .allow,
                                        principal: .service(["cloudtrail.amazonaws.com"]), actions: ["kms:GenerateDataKey*"],
                                        resources: ["*"],
                                        conditions: [trail, Condition("StringLike", "kms:EncryptionContext:aws:cloudtrail:arn",
                                                                      ["arn:\(.partition):cloudtrail:*:\(.accountId):trail/*"])]))
            statements.append(Statement(.auditTrail, sid: "CloudTrailDescribesKey", effect: .allow,
                                        principal: .service(["cloudtrail.amazonaws.com"]), actions: ["kms:DescribeKey"],
                                        resources: ["*"], conditions: [trail]))
            // A publisher to an encrypted topic needs GenerateDataKey* and Decrypt on its key (SNS Developer Guide,
            // "Enable compatibility between event sources from AWS services and encrypted topics"); SNS binds each
            // message key to the topic with the encryption context aws:sns:topicArn.
            statements.append(Statement(.changeAlarms, sid: "EventBridgePublishesEncryptedAlarms", effect: .allow,
                                        principal: .service(["events.amazonaws.com"]), actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
                                        resources: ["*"],
                                        conditions: [Condition("StringEquals", "aws:SourceAccount", [.ref(.accountId)]),
                                                     Condition("StringEquals", "kms:EncryptionContext:aws:sns:topicArn", [.ref(.alarmTopicArn)])]))
        }
        if workload.enabled {
            let logsService = Principal.service(["logs.\(basics.region).\(partition.dnsSuffix)"])
            statements.append(Statement(.workloadIsolation, sid: "CloudWatchLogsEncryptsFunctionLogs", effect: .allow,
                                        principal: logsService,
                                        actions: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
                                        resources: ["*"],
                                        conditions: [Condition("StringEquals", "kms:EncryptionContext:aws:logs:arn", [.ref(.functionLogGroupArn)])]))
            // DescribeKey carries no encryption context, so it cannot share the condition above; it reveals metadata only.
            statements.append(Statement(.workloadIsolation, sid: "CloudWatchLogsDescribesKey", effect: .allow,
                                        principal: logsService, actions: ["kms:DescribeKey"], resources: ["*"]))
            if let role = workloadRole {
                statements.append(Statement(.workloadIsolation, sid: "FunctionUsesDeadLetterQueue", effect: .allow,
                                            principal: .aws([.ref(.roleArn(role.name))]),
                                            actions: ["kms:GenerateDataKey", "kms:Decrypt"], resources: ["*"],
                                            conditions: [Condition("StringEquals", "kms:ViaService", ["sqs.\(.region).\(.dnsSuffix)"])]))
            }
        }
        return PolicyDocument(statements)
    }

    // MARK: Audit trail and alarms

    /// What CloudTrail needs on the bucket it delivers to (CloudTrail User Guide, "Amazon S3 bucket policy for
    /// CloudTrail"): the ACL check on the bucket and the write under AWSLogs/ACCOUNT/, each pinned to this trail with
    /// aws:SourceArn (no other trail, in any account, can use the bucket through CloudTrail: the confused deputy).
    var trailDeliveryStatements: [Statement] {
        let trail = Condition("StringEquals", "aws:SourceArn", [.ref(.trailArn)])
        let cloudTrail = Principal.service(["cloudtrail.amazonaws.com"])
        return [
            Statement(.auditTrail, sid: "CloudTrailChecksBucketAcl", effect: .allow, principal: cloudTrail,
                      actions: ["s3:GetBucketAcl"], resources: [.ref(.trailBucketArn)], conditions: [trail]),
            Statement(.auditTrail, sid: "CloudTrailWritesTrailLogs", effect: .allow, principal: cloudTrail,
                      actions: ["s3:PutObject"], resources: ["\(.trailBucketArn)/AWSLogs/\(.accountId)/*"],
                      conditions: [trail, Condition("StringEquals", "s3:x-amz-acl", ["bucket-owner-full-control"])]),
        ]
    }

    /// The trail bucket: CloudTrail delivers, the deployers manage; nobody else writes or deletes a log file
    /// (AWS service principals carry aws:PrincipalIsAWSService true and are held by the allows above instead).
    var trailBucketPolicy: PolicyDocument {
        let writes = ["s3:PutObject*", "s3:DeleteObject*", "s3:RestoreObject", "s3:ReplicateObject", "s3:ReplicateDelete"]
        let others = Statement(.auditTrail, sid: "DenyTrailLogWritesByOthers", effect: .deny, principal: .anyone,
                               actions: writes, resources: ["\(.trailBucketArn)/*"],
                               conditions: [Condition("ArnNotLike", "aws:PrincipalArn", [.all(.deployerArns)]),
                                            Condition("Bool", "aws:PrincipalIsAWSService", ["false"])])
        return PolicyDocument(trailDeliveryStatements + [others] + transportStatements(bucket: .trailBucketArn).map { statement in
            var s = statement
            s.control = .auditTrail
            return s
        })
    }

    /// Only the alarm rule publishes to the topic (SNS Developer Guide, "Amazon SNS topic policies for EventBridge"),
    /// and only over TLS.
    var alarmTopicPolicy: PolicyDocument {
        PolicyDocument([
            Statement(.changeAlarms, sid: "EventBridgePublishesAlarms", effect: .allow, principal: .service(["events.amazonaws.com"]),
                      actions: ["sns:Publish"], resources: [.ref(.alarmTopicArn)],
                      conditions: [Condition("ArnEquals", "aws:SourceArn", [.ref(.alarmRuleArn)])]),
            Statement(.changeAlarms, sid: "DenyAlarmTopicWithoutTls", effect: .deny, principal: .anyone,
                      actions: ["sns:Publish", "sns:Subscribe"], resources: [.ref(.alarmTopicArn)],
                      conditions: [Condition("Bool", "aws:SecureTransport", ["false"])]),
        ])
    }

    /// The API calls that open or weaken the data, as CloudTrail names them (eventName): the bucket's policy,
    /// public access block, ACL and encryption; the data key's policy, grants, deletion and disabling; and the
    /// trail itself (stopping or narrowing it would silence everything else).
    static let alarmedS3Events = ["PutBucketPolicy", "DeleteBucketPolicy", "PutBucketPublicAccessBlock", "DeleteBucketPublicAccessBlock",
                                  "PutBucketAcl", "PutBucketEncryption", "DeleteBucketEncryption"]
    static let alarmedKMSEvents = ["PutKeyPolicy", "CreateGrant", "ScheduleKeyDeletion", "DisableKey"]
    static let alarmedTrailEvents = ["StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors"]

    // MARK: Organisation guardrail

    /// The RCP: for this bucket and key only, the bucket policy's perimeter restated where nobody in the account,
    /// not even the root user, can remove it. RCPs take Deny statements with Principal "*" only (AWS Organizations
    /// User Guide, "RCP syntax"); each statement exempts AWS service principals (aws:PrincipalIsAWSService), which
    /// act for a caller the bucket policy already judged. RCPs do not apply to service-linked roles (Macie's) nor to
    /// resources of the management account.
    var resourceControlPolicy: PolicyDocument {
        let notService = Condition("Bool", "aws:PrincipalIsAWSService", ["false"])
        func restated(_ statement: Statement) -> Statement {
            var s = statement
            s.control = .resourceControlPolicy
            s.sid = "Rcp" + s.sid
            s.conditions.append(notService)
            return s
        }
        var statements = [restated(transportStatements(bucket: .bucketArn)[0])]
        statements += vpcOnlyStatements.map(restated)
        statements.append(restated(onlyListedRolesStatements[0]))
        statements.append(Statement(.resourceControlPolicy, sid: "RcpDenyBucketPolicyChangesExceptDeployers", effect: .deny, principal: .anyone,
                                    actions: ["s3:PutBucketPolicy", "s3:DeleteBucketPolicy"], resources: [.ref(.bucketArn)],
                                    conditions: [Condition("ArnNotLike", "aws:PrincipalArn", [.all(.deployerArns)]), notService]))
        // The key: only the data roles (and the service readers) use it; only its administrators manage it,
        // unless the answers delegate its management to IAM (then IAM decides who manages it).
        statements.append(Statement(.resourceControlPolicy, sid: "RcpDenyKeyUseToOtherPrincipals", effect: .deny, principal: .anyone,
                                    actions: KMSActions.use, resources: [.ref(.keyArn)],
                                    conditions: [Condition("ArnNotLike", "aws:PrincipalArn", dataRoleArns + serviceReaders), notService]))
        if !keyAdministration.iamDelegation {
            statements.append(Statement(.resourceControlPolicy, sid: "RcpDenyKeyManagementToOthers", effect: .deny, principal: .anyone,
                                        actions: ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:CreateGrant"],
                                        resources: [.ref(.keyArn)],
                                        conditions: [Condition("ArnNotLike", "aws:PrincipalArn", keyAdministrators), notService]))
        }
        return PolicyDocument(statements)
    }
}
