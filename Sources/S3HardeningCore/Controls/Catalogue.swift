// The control catalogue: the single source for `s3wizard explain`, the review screen and
// docs/controls.md. Texts are facts about AWS; states and traces are computed from the plan.

public struct Control: Sendable {
    public let id: ControlID
    public let title: String
    public let what: String
    public let threat: String
    public let cost: String
    public let breaks: String
    public let standards: [String]
    /// AWS and Terraform pages that back the texts and the standards ids (printed in docs/controls.md).
    public var sources: [String] = []
    /// Terraform resources that implement it, beyond policy statements (which are traced automatically).
    let resources: @Sendable (Plan) -> [ResourceAddress]
    let state: @Sendable (Plan) -> ControlState
}

public struct ControlState: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case on
        case offByChoice = "off (your choice)"
        case weakened
    }
    public let kind: Kind
    public let note: String?

    public static let on = ControlState(kind: .on, note: nil)
    public static func on(_ note: String) -> ControlState { ControlState(kind: .on, note: note) }
    public static func off(_ note: String) -> ControlState { ControlState(kind: .offByChoice, note: note) }
    public static func weakened(_ note: String) -> ControlState { ControlState(kind: .weakened, note: note) }
}

/// A control as it stands in one plan.
public struct ControlReport: Sendable {
    public let control: Control
    public let state: ControlState
    /// `policies/bucket-policy.json › DenyInsecureTransport`, `terraform/s3.tf › aws_s3_bucket_versioning.data`.
    public let implementedBy: [Trace]
}

/// What implements a control: one statement of a generated policy, or one block of the generated Terraform.
public struct Trace: Equatable, Sendable, CustomStringConvertible {
    public enum Target: Equatable, Sendable {
        case statement(sid: String)
        /// `aws_s3_bucket_versioning.data`.
        case block(address: ResourceAddress)
    }
    /// The artifact path: `policies/bucket-policy.json`, `terraform/s3.tf`.
    public let file: String
    public let target: Target

    public var description: String {
        switch target {
        case let .statement(sid): "\(file) › \(sid)"
        case let .block(address): "\(file) › \(address)"
        }
    }

    /// The exact lines of the statement or block in the generated files; nil when it is not there (a test
    /// proves every trace of every preset is found).
    public func excerpt(in files: [String: String]) -> [String]? { excerpt(of: files[file]) }

    /// The same, given the text of `file` (nil: not generated).
    public func excerpt(of text: String?) -> [String]? {
        guard let text else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func trimmed(_ line: String) -> Substring { line.drop { $0 == " " } }
        switch target {
        case let .statement(sid):
            guard let sidLine = lines.firstIndex(where: { trimmed($0) == "\"Sid\": \"\(sid)\"," }), sidLine > 0 else { return nil }
            let open = sidLine - 1
            let indent = lines[open].prefix { $0 == " " }.count
            let close = lines[open...].firstIndex { $0.prefix { $0 == " " }.count == indent && trimmed($0).hasPrefix("}") } ?? lines.count - 1
            return Array(lines[open...close])
        case let .block(address):
            guard let start = lines.firstIndex(of: address.header + " {") else { return nil }
            let end = lines[start...].firstIndex(of: "}") ?? lines.count - 1
            return Array(lines[start...end])
        }
    }
}

extension Control {
    public static func find(_ id: String) -> Control? {
        ControlID(rawValue: id).map { id in catalogue.first { $0.id == id }! }
    }

    public func report(for plan: Plan, policies: PolicySet) -> ControlReport {
        report(for: plan, statements: Control.statementsByControl(policies)[id] ?? [])
    }

    func report(for plan: Plan, statements: [Trace]) -> ControlReport {
        let blocks = resources(plan).map { Trace(file: $0.file, target: .block(address: $0)) }
        return ControlReport(control: self, state: state(plan), implementedBy: statements + blocks)
    }

    /// Every statement, grouped by the control it implements.
    static func statementsByControl(_ policies: PolicySet) -> [ControlID: [Trace]] {
        var result: [ControlID: [Trace]] = [:]
        for (file, document) in policies.all {
            for statement in document.statements {
                result[statement.control, default: []].append(Trace(file: "policies/\(file)", target: .statement(sid: statement.sid)))
            }
        }
        return result
    }

    public static let catalogue: [Control] = [
        Control(id: .onlyListedRoles, title: "Only the listed roles touch the data",
                what: "Denies every object read, write and delete, and every listing of versions or uploads, to any principal whose aws:PrincipalArn is not one of the data roles. The deployers keep s3:ListBucket only.",
                threat: "Any other role or user in the account whose IAM policy allows s3:* reading or deleting the data; the source article's Deny named only the Lambda role, so everyone else kept access.",
                cost: "Nothing.",
                breaks: "Every tool and person not listed, including admins and the console, cannot read objects. The deployers can list object key names (Terraform's refresh needs s3:ListBucket): key names can themselves be sensitive. Services that read data as their own role (Macie, AWS Backup) are blocked unless their role is listed as a data role; s3wizard's own replication role is exempt for what it replicates.",
                standards: ["AWS data perimeter (identity)", "Security Hub CSPM S3.6 (related)"],
                sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html"],
                resources: { _ in [] },
                state: { plan in
                    let services = (plan.protections.replication ? ["S3 replication"] : []) + (plan.protections.macie ? ["Macie"] : [])
                    return services.isEmpty ? .on : .on("service exceptions, each held to its reads: \(services.joined(separator: ", "))")
                }),
        Control(id: .leastPrivilegeGrants, title: "Each role gets exactly its access level",
                what: "Grants each data role only its level (read, write, read-write, read-write-delete) in the bucket policy, optionally under key prefixes, and denies it everything else on the bucket whatever its own IAM policies say. Permanent version deletion is never granted.",
                threat: "A workload with broad IAM permissions (s3:*) writing or deleting where it should only read, or leaving its prefix.",
                cost: "Nothing.",
                breaks: "Calls outside the granted set fail with AccessDenied, e.g. GetObjectTagging or PutObjectAcl; add them deliberately if a workload needs them.",
                standards: ["CKV_AWS_288 / CKV_AWS_108 satisfied by keeping data grants out of identity policies"],
                resources: { _ in [] }, state: { plan in
                    plan.dataAccess.roles.contains { $0.access == .readWriteDelete } ? .on("a role may delete objects (delete markers; versions remain)") : .on
                }),
        Control(id: .accessPoints, title: "Many teams: one VPC-only access point per role",
                what: "With data_access.mode access-points, each data role gets its own S3 access point with a VPC network origin (vpc_configuration) and every public-access block on. The access point's policy holds the role to its level and prefixes (resources arn:PARTITION:s3:REGION:ACCOUNT:accesspoint/NAME/object/PREFIX*) and denies everyone else's data requests through it. The bucket policy delegates the granted actions to the access points of its account (s3:DataAccessPointAccount) and keeps every deny that does not depend on the role: TLS, encryption, everyone else (anything not through an access point), VPC-only with the deployer exception. The bucket policy's size no longer grows with the roles; each access point policy holds one role (20 KB each, 10,000 access points per account and region by default).",
                threat: "The bucket policy's 20,480 characters stopping at about eight roles, so teams end up sharing one over-broad role; a data role reaching the bucket directly, or through another team's access point.",
                cost: "Nothing for the access points themselves; requests through them are billed as usual.",
                breaks: "Applications must address their access point (its ARN or its alias, `terraform output access_points`) instead of the bucket name: a data role's direct requests to the bucket are denied. A VPC access point refuses every request that does not come from its VPC, so AWS services calling from the AWS network (Athena, Glue: via_aws_services) cannot use it. The bucket trusts every access point of its account: creating one (s3:CreateAccessPoint) and setting its policy (s3:PutAccessPointPolicy) is as powerful as changing the bucket policy, so only the deployers should hold them. The network origin cannot be changed after creation (Terraform replaces the access point).",
                standards: ["AWS data perimeter (resource, network)"],
                sources: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html",
                          "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-vpc.html",
                          "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-restrictions-limitations-naming-rules.html",
                          "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-bpa-settings.html",
                          "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_access_point"],
                resources: { plan in plan.usesAccessPoints ? plan.dataAccess.roles.map { .accessPoint($0.name) } : [] },
                state: { plan in
                    plan.usesAccessPoints ? .on("\(plan.dataAccess.roles.count) access point\(plan.dataAccess.roles.count == 1 ? "" : "s")")
                                          : .off("bucket-policy mode: the grants live in the bucket policy (fine for a few roles)")
                }),
        Control(id: .vpcOnly, title: "Data reachable only from inside the VPC",
                what: "Denies every S3 request to the bucket that does not arrive through the VPC's S3 gateway endpoint (aws:SourceVpce, or aws:SourceVpc pinned to the region), except for the deployers.",
                threat: "Stolen credentials of a data role used from the internet or another network.",
                cost: "Nothing (gateway endpoints are free).",
                breaks: "The S3 console and every tool outside the VPC, for everyone but the deployers. Gateway endpoints do not serve on-premises networks or peered VPCs. The account root user can still delete the bucket policy, unless the organisation guardrail (resource-control-policy) restates it.",
                standards: ["AWS data perimeter (network)"],
                resources: { plan in plan.createsEndpoint ? [.endpoint] : [] },
                state: { plan in
                    let via = plan.dataAccess.roles.filter(\.viaAwsServices).map(\.name)
                    if !via.isEmpty { return .weakened("requests through AWS services allowed from outside for: \(via.joined(separator: ", "))") }
                    return plan.network.condition == .sourceVpc ? .on("any endpoint in the VPC, this region only") : .on
                }),
        Control(id: .endpointPolicy, title: "Endpoint policy: only the data roles reach the bucket through the endpoint",
                what: "The gateway endpoint's own policy lets only the data roles reach this bucket, with their granted actions, and decides what other S3 traffic the route tables keep: with aws-owned-and-org, s3:GetObject on the AWS-owned buckets that AWS's data-perimeter examples list for the partition (the table below), and the organisation's buckets.",
                threat: "Another workload in the VPC using the endpoint to reach the data, or to copy it out to a bucket it controls.",
                cost: "Nothing.",
                breaks: "A narrow endpoint policy stops other S3 traffic on the same route tables: ECR image layers, Amazon Linux and SSM buckets, your other buckets. Keep AWS-owned and organisation buckets reachable unless the route tables are dedicated. Terraform must run from outside the subnets routed through this endpoint: inside, it cannot reach the bucket.",
                standards: ["AWS data perimeter (resource)"],
                sources: [AWSOwnedBuckets.source, AWSOwnedBuckets.serviceTable,
                          "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html"],
                resources: { _ in [] },
                state: { plan in
                    guard plan.createsEndpoint else { return .weakened("existing endpoint: statements must be merged by hand") }
                    switch plan.network.otherS3Traffic {
                    case .none: return .on("dedicated route tables: only this bucket")
                    case .anyBucket: return .weakened("any other bucket reachable through the endpoint")
                    case .awsOwnedAndOrg: return plan.network.organizationId == nil ? .on("AWS-owned buckets only") : .on("AWS-owned and organisation buckets")
                    }
                }),
        Control(id: .tlsOnly, title: "TLS only",
                what: "Denies every request made over plain HTTP (aws:SecureTransport false).",
                threat: "Data and credentials read or changed in transit.",
                cost: "Nothing.", breaks: "Only clients that use http:// endpoints.",
                standards: ["Security Hub CSPM S3.5", "CIS AWS v5.0.0 2.1.1", "(checkov has no check: s3wizard tests it)"],
                sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html",
                          "https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingEncryptionInTransit.html"],
                resources: { _ in [] }, state: { _ in .on }),
        Control(id: .minimumTls, title: "Minimum TLS version",
                what: "Denies requests negotiated with a TLS version below the chosen minimum (s3:TlsVersion). S3 endpoints have refused TLS 1.0 and 1.1 themselves since February 2024, so with a 1.2 minimum the statement restates what AWS enforces; it matters when TLS 1.3 is required, and keeps the bucket's rule in its own policy.",
                threat: "A client falling back to TLS 1.2 when the policy requires TLS 1.3.",
                cost: "Nothing.",
                breaks: "With TLS 1.3 required: clients and runtimes that cannot negotiate TLS 1.3 (older OpenSSL, Java before 11, .NET Framework), and requests through AWS PrivateLink interface endpoints for S3 or Multi-Region Access Points, which do not support TLS 1.3. Gateway endpoints and the regional endpoints do.",
                standards: ["AWS S3 security best practices"],
                sources: ["https://aws.amazon.com/blogs/storage/enforcing-encryption-in-transit-with-tls1-2-or-higher-with-amazon-s3/",
                          "https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingEncryptionInTransit.html"],
                resources: { _ in [] }, state: { plan in .on("TLS \(plan.transport.minimumTls.rawValue) or newer") }),
        Control(id: .sseKms, title: "Encryption at rest with a customer-managed key",
                what: "Default encryption SSE-KMS with the customer-managed key administered by the security team. Uploads with a customer-provided key (SSE-C) are blocked on the bucket (blocked_encryption_types = [\"SSE-C\"], AWS provider 6.40 or newer) and denied in the bucket policy whatever the upload enforcement (DenyUploadsWithCustomerKeys: s3:PutObject, which also authorises CopyObject, POST and multipart uploads, when s3:x-amz-server-side-encryption-customer-algorithm is present).",
                threat: "Data readable by anyone who can use the AWS-managed aws/s3 key; no separate control over who may decrypt. Data encrypted with a key the caller holds (SSE-C), which the security team cannot revoke and S3 cannot decrypt without it: the ransomware pattern.",
                cost: "$1 a month per key plus KMS requests (see bucket key).",
                breaks: "Anyone without kms:Decrypt on the key through S3 cannot read objects, even with S3 permissions. Clients that upload with SSE-C.",
                standards: ["Security Hub CSPM S3.17", "CKV_AWS_145"],
                sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html",
                          "https://docs.aws.amazon.com/AmazonS3/latest/API/API_BlockedEncryptionTypes.html",
                          "https://docs.aws.amazon.com/AmazonS3/latest/userguide/blocking-unblocking-s3-c-encryption-gpb.html",
                          "https://aws.amazon.com/blogs/storage/advanced-notice-amazon-s3-to-disable-the-use-of-sse-c-encryption-by-default-for-all-new-buckets-and-select-existing-buckets-in-april-2026/",
                          "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html",
                          "https://github.com/hashicorp/terraform-provider-aws/issues/45157",
                          "https://github.com/hashicorp/terraform-provider-aws/issues/47320",
                          "https://github.com/hashicorp/terraform-provider-aws/pull/47359"],
                resources: { plan in [ResourceAddress.dataBucket.setting(.s3Encryption)] + (plan.createsKey ? [.dataKey] : []) },
                state: { plan in plan.createsKey ? .on : .on("existing key") }),
        Control(id: .bucketKey, title: "S3 Bucket Key",
                what: "S3 derives object keys from a bucket-level key, so most requests do not call KMS. The encryption context becomes the bucket ARN, and the key policy's condition follows.",
                threat: "Not a threat control: it keeps KMS cost and request quotas low.",
                cost: "Saves up to 99% of KMS request cost.",
                breaks: "CloudTrail shows KMS events per bucket key, not per object.",
                standards: [],
                resources: { _ in [ResourceAddress.dataBucket.setting(.s3Encryption)] },
                state: { plan in plan.encryption.bucketKey ? .on : .off("every object request calls KMS") }),
        Control(id: .uploadEnforcement, title: "Uploads cannot choose another key",
                what: "Denies PutObject requests that ask for a cipher other than aws:kms, for another key, or for aws:kms without a key id (which would use the AWS-managed aws/s3 key). Strict mode also rejects uploads that send no encryption headers.",
                threat: "Objects encrypted with a key the security team does not control.",
                cost: "Nothing.",
                breaks: "Lenient: nothing for clients that rely on default encryption. Strict: every upload must send both headers with this key's ARN; SDK clients relying on default encryption, and multipart UploadPart requests (authorised as s3:PutObject, without the headers), are rejected. SSE-C uploads send neither header; they are denied in every mode by the sse-kms control.",
                standards: ["AWS S3 security best practices"],
                sources: ["https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html"],
                resources: { _ in [] },
                state: { plan in
                    switch plan.encryption.uploadEnforcement {
                    case .off: return .off("uploads may ask for another key")
                    case .lenient: return .on("lenient")
                    case .strict: return .on("strict")
                    }
                }),
        Control(id: .keyAdminSeparation, title: "Key administrators manage but never use the key",
                what: "The security team and the deployers get management actions only, and an explicit Deny of Decrypt, Encrypt, GenerateDataKey and ReEncrypt. The account root gets management through IAM only if chosen; never kms:*.",
                threat: "One person able both to change the rules and to read the data; an IAM policy somewhere in the account granting decrypt.",
                cost: "Nothing.",
                breaks: "Admins cannot read the data, by design. They hold kms:PutKeyPolicy and could rewrite the policy: alarm on PutKeyPolicy and CreateGrant in CloudTrail. The deployer must stay an admin or KMS rejects the policy (lockout safety check). Admins and deployers must be in the key's and bucket's account: KMS refuses key management, and S3 bucket-policy changes (405), from any other account whatever the policies say; people elsewhere assume a role here.",
                standards: ["CKV_AWS_33", "Security Hub CSPM KMS.1/KMS.2 (related)"],
                sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html",
                          // Why admins and deployers must be in the key's account: management fails across accounts.
                          "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html",
                          "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html"],
                resources: { _ in [] },
                state: { plan in
                    if !plan.managesKeyPolicy { return .weakened("existing key: its administrators are not managed here") }
                    return plan.keyAdministration.iamDelegation ? .on("the account may manage the key through IAM") : .on("named admins only")
                }),
        Control(id: .keyUseThroughS3, title: "Data roles use the key only through S3, for this bucket",
                what: "Data roles may Decrypt (writers also GenerateDataKey) only when S3 calls KMS on their behalf (kms:ViaService), from this account, with this bucket's encryption context. No CreateGrant, Encrypt or ReEncrypt. No VPC condition here: S3 calls KMS from the AWS network.",
                threat: "A data role's credentials used to decrypt other data with the key, directly from anywhere.",
                cost: "Nothing.",
                breaks: "Direct KMS calls by the roles (client-side encryption) fail.",
                standards: ["CKV_AWS_109/111/356 avoided by construction"],
                resources: { _ in [] },
                state: { plan in plan.managesKeyPolicy ? .on : .weakened("existing key: merge the statements by hand") }),
        Control(id: .keyRotation, title: "Automatic key rotation",
                what: "KMS rotates the key material on a schedule; old material stays available to decrypt.",
                threat: "Long-lived key material.",
                cost: "Each rotation adds $1 a month for the first two rotations of a key.",
                breaks: "Nothing: rotation is transparent.",
                standards: ["Security Hub CSPM KMS.4", "CIS AWS v5.0.0 3.6", "CKV_AWS_7"],
                sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html"],
                resources: { plan in plan.createsKey ? [.dataKey] : [] },
                state: { plan in
                    guard plan.createsKey else { return .weakened("existing key: rotation is not managed here; check that it is on") }
                    return plan.encryption.rotation ? .on("every \(plan.encryption.rotationPeriodDays) days") : .off("no rotation")
                }),
        Control(id: .keyDeletionWindow, title: "Key deletion waiting period",
                what: "A scheduled key deletion waits this many days and can be cancelled meanwhile.",
                threat: "A deleted key makes every object unreadable, forever.",
                cost: "Nothing.", breaks: "Nothing.",
                standards: ["Security Hub CSPM KMS.3 (related)"],
                sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html"],
                resources: { plan in plan.createsKey ? [.dataKey] : [] },
                state: { plan in
                    guard plan.createsKey else { return .weakened("existing key: its deletion window is not managed here") }
                    return plan.encryption.deletionWindowDays < 30 ? .weakened("\(plan.encryption.deletionWindowDays) days") : .on("30 days")
                }),
        Control(id: .governanceChanges, title: "Only the deployers change the protections",
                what: "Denies, to everyone but the deployers, every bucket-level write that weakens a protection (encryption, versioning, object lock, lifecycle, intelligent-tiering archive), widens access (bucket policy, ACL, ownership, public-access block, CORS, website, tags and ABAC) or configures an export to a destination of the caller's choosing (inventory, analytics export, S3 Metadata tables, access logging, notifications, replication, request metrics), and DeleteBucket. The list is S3Actions.governance, spelled out action by action from the Service Authorization Reference.",
                threat: "A compromised role removing the bucket policy or turning off encryption, then reading the data. Any principal holding *:* publishing a daily inventory of every object key, or a metadata table, replication or access logs, to a bucket it controls, without ever reading an object.",
                cost: "Nothing.",
                breaks: "Admins other than the deployers cannot change these settings, nor add inventory, analytics or metadata configurations (ask the deployers). The account root user can still delete the bucket policy. Access points, Storage Lens and account-level settings are other resources: a bucket policy cannot cover them.",
                standards: ["AWS data perimeter"],
                sources: ["https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html",
                          "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketInventoryConfiguration.html",
                          "https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucketMetadataConfiguration.html",
                          "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketAbac.html"],
                resources: { _ in [] }, state: { _ in .on }),
        Control(id: .publicAccessBlock, title: "Block Public Access",
                what: "All four public-access-block flags on the bucket.",
                threat: "A policy or ACL that makes the data public.",
                cost: "Nothing.", breaks: "Nothing this design needs.",
                standards: ["Security Hub CSPM S3.8", "CIS AWS v5.0.0 2.1.4", "CKV_AWS_53-56", "CKV2_AWS_6"],
                sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html"],
                resources: { _ in [ResourceAddress.dataBucket.setting(.s3PublicAccessBlock)] }, state: { _ in .on }),
        Control(id: .objectOwnership, title: "Bucket owner owns every object (ACLs off)",
                what: "Object ownership BucketOwnerEnforced: ACLs are disabled, the bucket owner owns every object.",
                threat: "Objects owned by another account that the bucket owner cannot control.",
                cost: "Nothing.", breaks: "Clients that send ACLs other than bucket-owner-full-control.",
                standards: ["Security Hub CSPM S3.12", "CKV2_AWS_65"],
                sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html"],
                resources: { _ in [ResourceAddress.dataBucket.setting(.s3OwnershipControls)] }, state: { _ in .on }),
        Control(id: .bucketNamespace, title: "Bucket name nobody else can claim",
                what: "Creates the data bucket in the account-regional namespace (bucket_namespace = \"account-regional\"): its name ends in -ACCOUNTID-REGION-an, and only this account can create names with that suffix. Every bucket resource that offers expected_bucket_owner (versioning, encryption, lifecycle, logging, object lock) names this account, so a bucket of the same name elsewhere fails with 403 instead of receiving the configuration.",
                threat: "Bucket squatting: someone creates a predictable global name (often built from the account id) first, or re-creates it after a deletion, and receives data, logs or uploads meant for you.",
                cost: "Nothing.",
                breaks: "The name changes, so moving an existing bucket to the account-regional namespace replaces it (copy the data first). Needs the AWS provider 6.37.0 or later and a Region that offers the namespace; not for directory buckets. expected_bucket_owner forces new resources: on an existing deployment the first apply replaces the versioning, encryption, lifecycle, logging and object-lock configurations once (each is deleted, then written again).",
                standards: [],
                sources: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/gpbucketnamespaces.html",
                          "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html#account-regional-naming-rules",
                          "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket",
                          "https://github.com/hashicorp/terraform-provider-aws/pull/46917"],
                resources: { _ in [.dataBucket] },
                state: { plan in
                    plan.accountRegionalNamespace
                        ? .on("\(plan.accountRegionalBase)-\(plan.accountId ?? "ACCOUNTID")-\(plan.basics.region)-an")
                        : .off("global namespace: the name can be claimed first in another account")
                }),
        Control(id: .versioning, title: "Versioning",
                what: "Keeps every version of every object.",
                threat: "Overwrite or delete, by mistake or ransomware.",
                cost: "Storage for old versions (limited by the noncurrent-version expiry).",
                breaks: "Nothing.",
                standards: ["Security Hub CSPM S3.14", "CKV_AWS_21"],
                sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html"],
                resources: { plan in plan.versioningEnabled ? [ResourceAddress.dataBucket.setting(.s3Versioning)] : [] },
                state: { plan in plan.versioningEnabled ? .on : .off("overwrites and deletes are final") }),
        Control(id: .lifecycle, title: "Lifecycle: abort unfinished uploads, expire old versions",
                what: "Deletes parts of unfinished multipart uploads, and noncurrent versions after the chosen number of days.",
                threat: "Hidden storage cost; old versions of personal data kept longer than needed.",
                cost: "Nothing.", breaks: "Old versions cannot be restored after they expire.",
                standards: ["Security Hub CSPM S3.10", "Security Hub CSPM S3.13", "CKV_AWS_300", "CKV2_AWS_61"],
                sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html"],
                resources: { _ in [ResourceAddress.dataBucket.setting(.s3Lifecycle)] },
                state: { plan in
                    plan.versioningEnabled && plan.protections.noncurrentVersionExpiryDays == 0 ? .on("old versions kept forever") : .on
                }),
        Control(id: .accessLogging, title: "Server access logging",
                what: "S3 writes a record of every request to a separate log bucket, encrypted with a support key (never the data key), that only the S3 logging service may write to.",
                threat: "No record of who read or changed the data.",
                cost: "Log storage; requests are free.",
                breaks: "Nothing. The log bucket's own logging is skipped: a log bucket cannot log into itself.",
                standards: ["Security Hub CSPM S3.9", "CKV_AWS_18"],
                sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html"],
                resources: { plan in
                    switch plan.protections.accessLogging {
                    case .off: return []
                    case .existing: return [ResourceAddress.dataBucket.setting(.s3Logging)]
                    case .create: return [ResourceAddress.dataBucket.setting(.s3Logging), .logBucket, .supportKey]
                    }
                },
                state: { plan in
                    switch plan.protections.accessLogging {
                    case .off: return .off("no access logs")
                    case .existing: return .on("existing log bucket: merge its policy statements")
                    case .create: return .on
                    }
                }),
        Control(id: .auditTrail, title: "Audit trail: CloudTrail data events for this bucket",
                what: "A multi-region CloudTrail trail records every object-level read and write on this bucket only (advanced event selectors: eventCategory Data, resources.type AWS::S3::Object, resources.ARN starting with the bucket's ARN), plus the write management events the alarms need. Logs are encrypted with the support key, log file validation is on, and they go to a dedicated trail bucket hardened like the log bucket (TLS only, public access blocked, bucket-owner ownership, lifecycle), where only CloudTrail, for this trail (aws:SourceArn), and the deployers may write; or to an existing trail bucket whose policy you merge.",
                threat: "Not knowing who read or changed the personal data: server access logs are best-effort and unauthenticated-looking; data events name the principal, its session and its source, with a digest that proves no log file was altered.",
                cost: "Data events: USD 0.10 per 100,000 events (AWS CloudTrail pricing), every object request counted; the write management events are free for the first trail in the account that records them, USD 2.00 per 100,000 for another copy; S3 storage and KMS requests for the log files.",
                breaks: "Nothing in the data path. Requests to delete or overwrite trail logs are refused to everyone but the deployers. An existing trail bucket must hold the statements to merge, or CloudTrail cannot deliver.",
                standards: ["Security Hub CSPM S3.22 (write data events), S3.23 (read data events)", "CIS AWS v5.0.0 3.8, 3.9", "Security Hub CSPM CloudTrail.2 (encryption), CloudTrail.4 (log file validation)", "CKV_AWS_35/36/67"],
                sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html",
                          "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html",
                          "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html",
                          "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html",
                          "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html",
                          "https://aws.amazon.com/cloudtrail/pricing/"],
                resources: { plan in
                    switch plan.protections.auditTrail {
                    case .off: return []
                    case .existingBucket: return [.trail]
                    case .create: return [.trail, .trailBucket]
                    }
                },
                state: { plan in
                    switch plan.protections.auditTrail {
                    case .off: return .off("no data events: who read the data stays unknown")
                    case .existingBucket: return .on("into the existing bucket \(plan.protections.trailBucketName ?? ""): merge its policy statements")
                    case .create: return .on
                    }
                }),
        Control(id: .changeAlarms, title: "Alarms on changes that open the data",
                what: "An EventBridge rule on the trail's events sends to an SNS topic, encrypted with the support key, every PutBucketPolicy, DeleteBucketPolicy, Put/DeleteBucketPublicAccessBlock, PutBucketAcl, Put/DeleteBucketEncryption on this bucket, every PutKeyPolicy, CreateGrant, ScheduleKeyDeletion and DisableKey on its keys, and every StopLogging, DeleteTrail, UpdateTrail and PutEventSelectors on its trail. Only this rule may publish to the topic (aws:SourceArn), over TLS; the e-mail addresses in the answers are subscribed.",
                threat: "A policy change or a key deletion that opens or destroys the data going unnoticed until it is used; a trail silenced first.",
                cost: "EventBridge rules on AWS service events are free; SNS e-mail notifications after the free tier, and KMS requests to encrypt them.",
                breaks: "Nothing. Each e-mail address must confirm its subscription; the deployers' own changes alarm too (that is the point).",
                standards: ["Security Hub CSPM CloudWatch.5, CloudWatch.7, CloudWatch.8 (related: they expect CloudWatch Logs metric filters)", "CKV_AWS_26"],
                sources: ["https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail.html",
                          "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html",
                          "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html",
                          "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html"],
                resources: { plan in plan.auditTrailEnabled ? [.policyChangeRule, .alarmTopic] : [] },
                state: { plan in
                    guard plan.auditTrailEnabled else { return .off("needs the audit trail") }
                    let emails = plan.protections.alarmEmails
                    return emails.isEmpty ? .weakened("nobody subscribed: add protections.alarm_emails or subscribe to the topic") : .on("to \(emails.joined(separator: ", "))")
                }),
        Control(id: .objectLock, title: "Object lock (write once, read many)",
                what: "Every new object version is retained for the chosen days: governance mode can be bypassed with a special permission, compliance mode by nobody.",
                threat: "Deletion or encryption by ransomware or an insider, within the retention.",
                cost: "Storage kept until retention ends.",
                breaks: "Deleting or overwriting a version before retention ends; the bucket cannot be deleted meanwhile. Cannot be turned off later.",
                standards: ["Security Hub CSPM S3.15", "CKV_AWS_143"],
                sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html"],
                resources: { plan in plan.objectLockEnabled ? [ResourceAddress.dataBucket.setting(.s3ObjectLock)] : [] },
                state: { plan in
                    plan.objectLockEnabled ? .on("\(plan.protections.objectLock.rawValue), \(plan.protections.objectLockDays) days") : .off("declined")
                }),
        Control(id: .eventNotifications, title: "Event notifications to EventBridge",
                what: "Object events go to Amazon EventBridge, for processing or alerting.",
                threat: "Changes to the data going unnoticed.",
                cost: "EventBridge charges only for rules you add.",
                breaks: "Nothing.",
                standards: ["Security Hub CSPM S3.11", "CKV2_AWS_62"],
                sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html"],
                resources: { plan in plan.protections.eventNotifications ? [ResourceAddress.dataBucket.setting(.s3Notification)] : [] },
                state: { plan in plan.protections.eventNotifications ? .on : .off("no notifications") }),
        Control(id: .replication, title: "Replication to a second bucket",
                what: "S3 copies every new object version (and delete markers) to an existing bucket, usually in another region or a backup account, encrypted with that bucket's own customer-managed key. A replication role reads what it replicates and nothing else; it is exempt from VPC-only (S3 replicates from the AWS network) and from the data-access deny for those reads only.",
                threat: "Loss of a region or of the bucket; deletion by mistake (with versioning on the destination).",
                cost: "The destination's storage, inter-region transfer, and KMS requests in both regions.",
                breaks: "Nothing here; replication fails until the destination's bucket and key policies hold the statements to merge. Objects written before replication was turned on are not copied (use S3 Batch Replication).",
                standards: ["Security Hub CSPM S3.7", "CKV_AWS_144"],
                sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html"],
                resources: { plan in plan.protections.replication ? [ResourceAddress.dataBucket.setting(.s3Replication), .replicationRole] : [] },
                state: { plan in
                    guard plan.protections.replication, let destination = plan.replicationDestination else {
                        return .off("declined: recorded as a checkov skip naming your choice")
                    }
                    return .on("to \(plan.protections.replicationBucketArn ?? "") in \(destination.region)")
                }),
        Control(id: .workloadIsolation, title: "Workload scaffold: isolated function",
                what: "The function runs in private subnets of two or more zones, as a role trusted by Lambda only, with egress limited to HTTPS to the S3 endpoint's prefix list, encrypted logs kept a year, X-Ray, a concurrency cap, a dead-letter queue and code signing.",
                threat: "A compromised function reaching the internet or other services; lost failure events; unsigned code.",
                cost: "Lambda, SQS and CloudWatch Logs usage; a signing profile is free.",
                breaks: "The function can reach nothing but S3: add endpoints for other services it needs.",
                standards: ["Security Hub CSPM Lambda.5", "CKV_AWS_117/50/115/116/272/363/382", "CKV_AWS_66/158/338"],
                resources: { plan in plan.workload.enabled ? [.function, .functionSecurityGroup] : [] },
                state: { plan in plan.workload.enabled ? .on : .off("no scaffold generated") }),
        Control(id: .sensitiveDataDiscovery, title: "Sensitive-data discovery with Amazon Macie",
                what: "Macie's service-linked role may inventory the bucket and read objects to find personal data. It works from the AWS network, so it is exempt from VPC-only and from the data-access deny; DenyMacieBeyondReading holds it to s3:Get* and s3:List*, and it may decrypt only through S3. Macie itself must be enabled in the account, with automated discovery or a classification job.",
                threat: "Personal data that nobody knows is in the bucket, or that was never classified.",
                cost: "Macie's charges per bucket monitored and per gigabyte classified.",
                breaks: "Nothing; it widens who reads the data to Macie's service-linked role, from outside the VPC. Macie findings can reveal samples of the data to whoever reads them: restrict access to Macie.",
                standards: ["CIS AWS v5.0.0 2.1.3 (manual)", "Security Hub CSPM Macie.1"],
                sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/macie-controls.html"],
                resources: { _ in [] },
                state: { plan in plan.protections.macie ? .on("Macie may read objects from the AWS network") : .off("Macie not allowed to read this bucket") }),
        Control(id: .resourceControlPolicy, title: "Organisation guardrail: a resource control policy",
                what: "policies/rcp.json restates, for this bucket and key only, the perimeter of the bucket and key policies: only the data roles touch objects, only through the endpoint (the deployers and the chosen services excepted), only over TLS, only the deployers change the bucket policy, only the data roles use the key and only its administrators manage it. terraform/organization/ creates it (type RESOURCE_CONTROL_POLICY) in the management account and attaches it to the account or an OU. RCPs hold Deny statements with Principal \"*\" only; each statement exempts AWS service principals (aws:PrincipalIsAWSService), which act for callers the bucket policy already judged.",
                threat: "The account root user, or anyone with enough IAM, deleting the bucket policy and the key policy's limits: nobody in the account can detach an RCP, so the data stays closed even with the bucket policy gone.",
                cost: "Nothing (AWS Organizations policies are free); a management-account change process.",
                breaks: "Requests the RCP denies cannot be allowed from inside the account: change the answers and reapply both roots. RCPs do not apply to resources of the management account, to service-linked roles (Macie) or to AWS-managed keys; the organisation must have all features and the RCP policy type enabled. At most 5,120 characters (validated).",
                standards: ["AWS data perimeter (resource perimeter)"],
                sources: ["https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html",
                          "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html",
                          "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html",
                          "https://docs.aws.amazon.com/kms/latest/developerguide/resource-control-policies.html"],
                resources: { plan in plan.organization.resourceControlPolicy ? [.perimeterPolicy] : [] },
                state: { plan in
                    plan.organization.resourceControlPolicy
                        ? .on("attach to \(plan.organization.rcpTargetId ?? plan.accountId ?? "the account") from the management account")
                        : .off("root can still delete the bucket policy")
                }),
    ]
}

extension Plan {
    /// Every control with its state and the statements and resources that implement it.
    public var controlReports: [ControlReport] { controlReports(policies: policies) }

    public func controlReports(policies: PolicySet) -> [ControlReport] {
        let traces = Control.statementsByControl(policies)
        return Control.catalogue.map { $0.report(for: self, statements: traces[$0.id] ?? []) }
    }
}
