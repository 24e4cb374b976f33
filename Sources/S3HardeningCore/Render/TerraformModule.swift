import FoundationEssentials

// The Terraform root module, split by concern. Policies are written as `jsonencode(...)` of the same
// tree the JSON files print (not aws_iam_policy_document): one model, two printers, no drift; and
// checkov then judges a key policy by the key checks instead of misreading it as an identity policy.

public struct TerraformModule: Sendable {
    public let plan: Plan
    let hcl: HCLRenderer
    let policies: PolicySet

    public init(_ plan: Plan, policies: PolicySet? = nil) {
        self.plan = plan
        self.hcl = HCLRenderer(References(plan))
        self.policies = policies ?? plan.policies
    }

    /// File name → contents, in a fixed order.
    public var files: [(name: String, contents: String)] {
        renderers.map { ($0.name, $0.render()) }
    }

    /// File name → the function that renders it, in the order of `files`: one file without the others.
    var renderers: [(name: String, render: @Sendable () -> String)] {
        let module = self
        var files: [(String, @Sendable () -> String)] = [("versions.tf", { module.versions }), ("variables.tf", { module.variables }),
                                                         ("kms.tf", { module.kms }), ("s3.tf", { module.s3 })]
        if plan.createsLogBucket { files.append(("logging.tf", { module.logging })) }
        if plan.auditTrailEnabled { files.append(("audit.tf", { module.audit })) }
        files.append(("network.tf", { module.network }))
        if plan.usesAccessPoints { files.append(("access_points.tf", { AccessPointsModule(plan: plan, module: module).text })) }
        if plan.dataAccess.roles.contains(where: { $0.source == .create }) || plan.protections.replication { files.append(("iam.tf", { module.iam })) }
        if plan.workload.enabled {
            files.append(("lambda.tf", { module.lambda }))
            files.append(("lambda/handler.py", { Self.handlerSource }))
        }
        files.append(("outputs.tf", { module.outputs }))
        if !plan.imports.isEmpty {
            let imports = ImportsFile(plan: plan)
            files.append(("imports.tf", { imports.text }))
        }
        files.append(("terraform.tfvars.example", { module.tfvarsExample }))
        if let rcp = policies.resourceControlPolicy { files += OrganizationModule(plan: plan, policy: rcp).renderers }
        return files
    }

    func jsonencode(_ document: PolicyDocument) -> String {
        "jsonencode(" + hcl.expression(document.tree, indent: 1) + ")"
    }

    static func skip(_ body: inout HCLBody, _ id: String, _ reason: String) {
        body.comment("#checkov:skip=\(id):\(reason)")
    }

    static func list(_ items: [String]) -> String {
        "[" + items.map { "\"\(HCLRenderer.escape($0))\"" }.joined(separator: ", ") + "]"
    }

    private var tags: String { "{ Name = \"\(plan.namePrefix)\" }" }

    // MARK: versions.tf

    var versions: String {
        var file = HCLFile()
        file.block("terraform") { t in
            t.string("required_version", ">= 1.5.0")
            t.block("required_providers") { p in
                // 6.37.0 added bucket_namespace to aws_s3_bucket (terraform-provider-aws#46917, CHANGELOG 6.37.0);
                // rule.blocked_encryption_types exists from 6.22 but is Optional and Computed only from 6.40: before
                // that it shows a perpetual diff once S3 blocks SSE-C on its own (provider issue #47320, fixed by PR #47359).
                p.attr("aws", "{\n      source  = \"hashicorp/aws\"\n      version = \"~> 6.40\"\n    }")
                if plan.workload.enabled {
                    p.attr("archive", "{\n      source  = \"hashicorp/archive\"\n      version = \"~> 2.7\"\n    }")
                }
            }
        }
        file.block("provider \"aws\"") { p in
            p.attr("region", "var.region")
            p.block("default_tags") { d in d.attr("tags", "var.tags") }
        }
        file.block("data \"aws_partition\" \"current\"") { _ in }
        file.block("data \"aws_caller_identity\" \"current\"") { _ in }
        return file.text
    }

    // MARK: variables.tf

    /// A variable's default, printable at any indent (variables.tf nests it, tfvars does not).
    enum DefaultValue {
        case string(String)
        case strings([String])
        case map([(String, String)])

        func render(indent: Int) -> String {
            switch self {
            case let .string(s): return "\"\(HCLRenderer.escape(s))\""
            case let .strings(items): return TerraformModule.list(items)
            case let .map(entries):
                if entries.isEmpty { return "{}" }
                let keys = entries.map { HCLRenderer.key($0.0) }
                let width = keys.map(\.count).max()!
                let pad = String(repeating: "  ", count: indent + 1)
                let lines = zip(keys, entries).map { key, entry in
                    pad + key + String(repeating: " ", count: width - key.count) + " = \"\(HCLRenderer.escape(entry.1))\""
                }
                return "{\n" + lines.joined(separator: "\n") + "\n" + String(repeating: "  ", count: indent) + "}"
            }
        }
    }

    struct Variable {
        let name: String
        let type: String
        let description: String
        let value: DefaultValue
        var validation: (condition: String, message: String)? = nil
    }

    private static func matches(_ variable: String, _ pattern: String) -> String {
        "can(regex(\"\(HCLRenderer.escape(pattern))\", var.\(variable)))"
    }

    private static func allMatch(_ variable: String, _ pattern: String) -> String {
        "alltrue([for v in var.\(variable) : can(regex(\"\(HCLRenderer.escape(pattern))\", v))])"
    }

    /// Environment-specific inputs, defaulting to the answered values so `terraform apply` works as is.
    var variableDefinitions: [Variable] {
        let b = plan.basics
        var vars = [
            Variable(name: "region", type: "string", description: "AWS region of the bucket and the endpoint.",
                     value: .string(b.region), validation: (Self.matches("region", Patterns.region), "region must look like us-east-1.")),
            Variable(name: "tags", type: "map(string)", description: "Tags applied to every resource.",
                     value: .map(b.tags.keys.sorted().map { ($0, b.tags[$0]!) })),
        ]
        if plan.accountRegionalNamespace {
            vars.append(Variable(name: "bucket_name", type: "string",
                                 description: "Name of the data bucket before the account-regional suffix -ACCOUNTID-REGION-an.",
                                 value: .string(plan.accountRegionalBase),
                                 validation: (Self.matches("bucket_name", Patterns.bucketPrefix),
                                              "bucket_name must be at most 37 lowercase letters, digits, dots or hyphens.")))
        } else if let name = b.bucketName {
            vars.append(Variable(name: "bucket_name", type: "string", description: "Name of the data bucket.", value: .string(name),
                                 validation: (Self.matches("bucket_name", Patterns.bucketNameShape),
                                              "bucket_name must be 3-63 lowercase letters, digits, dots or hyphens.")))
        } else {
            vars.append(Variable(name: "bucket_prefix", type: "string", description: "Prefix of the generated data bucket name.",
                                 value: .string(plan.effectiveBucketPrefix),
                                 validation: (Self.matches("bucket_prefix", Patterns.bucketPrefix),
                                              "bucket_prefix must be at most 37 lowercase letters, digits, dots or hyphens.")))
        }
        vars.append(Variable(name: "vpc_id", type: "string", description: "VPC whose workloads reach the bucket.",
                             value: .string(plan.network.vpcId),
                             validation: (Self.matches("vpc_id", Patterns.vpcId), "vpc_id must look like vpc-0123456789abcdef0.")))
        if plan.createsEndpoint {
            vars.append(Variable(name: "route_table_ids", type: "list(string)", description: "Route tables the S3 gateway endpoint is attached to.",
                                 value: .strings(plan.network.routeTableIds),
                                 validation: ("length(var.route_table_ids) > 0 && " + Self.allMatch("route_table_ids", Patterns.routeTableId),
                                              "route_table_ids must be one or more rtb- ids.")))
        } else {
            vars.append(Variable(name: "vpc_endpoint_id", type: "string", description: "Existing S3 gateway endpoint.",
                                 value: .string(plan.network.endpointId ?? ""),
                                 validation: (Self.matches("vpc_endpoint_id", Patterns.endpointId), "vpc_endpoint_id must look like vpce-0123456789abcdef0.")))
        }
        if !plan.createsKey {
            vars.append(Variable(name: "kms_key_arn", type: "string", description: "Existing customer-managed KMS key that encrypts the data.",
                                 value: .string(plan.encryption.existingKeyArn ?? ""),
                                 validation: (Self.matches("kms_key_arn", Patterns.keyArn), "kms_key_arn must be a KMS key ARN.")))
        }
        vars.append(Variable(name: "key_admin_arns", type: "list(string)", description: "Security-team roles that manage the KMS key but cannot use it.",
                             value: .strings(plan.keyAdministration.adminRoleArns),
                             validation: (Self.allMatch("key_admin_arns", Patterns.principalArn), "key_admin_arns must be IAM role or user ARNs.")))
        vars.append(Variable(name: "deployer_arns", type: "list(string)",
                             description: "Principals that run Terraform: key admins, exempt from VPC-only for management, never data readers.",
                             value: .strings(plan.keyAdministration.deployerArns),
                             validation: ("length(var.deployer_arns) > 0 && " + Self.allMatch("deployer_arns", Patterns.principalArn),
                                          "deployer_arns must hold at least one IAM role or user ARN, or the next terraform run is locked out.")))
        let existing = plan.dataAccess.roles.filter { $0.source == .existing }
        if !existing.isEmpty {
            vars.append(Variable(name: "existing_role_arns", type: "map(string)", description: "Existing roles that may touch the data, by logical name.",
                                 value: .map(existing.map { ($0.name, $0.arn ?? "") }),
                                 validation: ("alltrue([for v in values(var.existing_role_arns) : can(regex(\"\(HCLRenderer.escape(Patterns.roleArn))\", v))])",
                                              "existing_role_arns values must be IAM role ARNs.")))
        }
        if let org = plan.network.organizationId, plan.createsEndpoint, plan.network.otherS3Traffic == .awsOwnedAndOrg {
            vars.append(Variable(name: "organization_id", type: "string", description: "AWS Organizations id whose buckets stay reachable through the endpoint.",
                                 value: .string(org),
                                 validation: (Self.matches("organization_id", Patterns.organizationId), "organization_id must look like o-abc123def4.")))
        }
        if plan.protections.accessLogging == .existing {
            vars.append(Variable(name: "log_bucket_name", type: "string", description: "Existing bucket that receives the server access logs.",
                                 value: .string(plan.protections.logBucketName ?? ""),
                                 validation: (Self.matches("log_bucket_name", Patterns.bucketNameShape), "log_bucket_name must be a bucket name.")))
        }
        if plan.protections.replication {
            vars.append(Variable(name: "replication_bucket_arn", type: "string", description: "Existing bucket that receives the replicas.",
                                 value: .string(plan.protections.replicationBucketArn ?? ""),
                                 validation: (Self.matches("replication_bucket_arn", Patterns.bucketArn), "replication_bucket_arn must be an S3 bucket ARN.")))
            vars.append(Variable(name: "replication_key_arn", type: "string", description: "Customer-managed key in the destination's region that encrypts the replicas.",
                                 value: .string(plan.protections.replicationKeyArn ?? ""),
                                 validation: (Self.matches("replication_key_arn", Patterns.keyArn), "replication_key_arn must be a KMS key ARN.")))
        }
        if plan.protections.auditTrail == .existingBucket {
            vars.append(Variable(name: "trail_bucket_name", type: "string", description: "Existing bucket that receives the audit trail's logs.",
                                 value: .string(plan.protections.trailBucketName ?? ""),
                                 validation: (Self.matches("trail_bucket_name", Patterns.bucketNameShape), "trail_bucket_name must be a bucket name.")))
        }
        if plan.auditTrailEnabled {
            vars.append(Variable(name: "alarm_emails", type: "list(string)", description: "E-mail addresses subscribed to the policy-change alarms.",
                                 value: .strings(plan.protections.alarmEmails),
                                 validation: (Self.allMatch("alarm_emails", Patterns.email), "alarm_emails must be e-mail addresses.")))
        }
        if plan.workload.enabled {
            vars.append(Variable(name: "subnet_ids", type: "list(string)", description: "Private subnets (two or more availability zones) for the function.",
                                 value: .strings(plan.workload.subnetIds),
                                 validation: ("length(var.subnet_ids) >= 2 && " + Self.allMatch("subnet_ids", Patterns.subnetId),
                                              "subnet_ids must be two or more subnet- ids.")))
        }
        return vars
    }

    var variables: String {
        var file = HCLFile()
        for v in variableDefinitions {
            file.block("variable \"\(v.name)\"") { body in
                body.string("description", v.description)
                body.attr("type", v.type)
                body.attr("default", v.value.render(indent: 1))
                if let validation = v.validation {
                    body.block("validation") { c in
                        c.attr("condition", validation.condition)
                        c.string("error_message", validation.message)
                    }
                }
            }
        }
        return file.text
    }

    // MARK: kms.tf

    var kms: String {
        var file = HCLFile()
        let e = plan.encryption
        if plan.createsKey {
            file.resource(.dataKey) { k in
                if !e.rotation { Self.skip(&k, "CKV_AWS_7", "key rotation turned off in the answers (encryption.rotation: false)") }
                k.string("description", "Encrypts the \(plan.namePrefix) data bucket. Managed by the security team, used only through S3.")
                k.attr("enable_key_rotation", e.rotation ? "true" : "false")
                if e.rotation { k.attr("rotation_period_in_days", String(e.rotationPeriodDays)) }
                k.attr("deletion_window_in_days", String(e.deletionWindowDays))
                if let key = policies.key { k.attr("policy", jsonencode(key)) }
            }
            file.resource(.dataKeyAlias) { a in
                a.string("name", plan.keyAlias)
                a.attr("target_key_id", ResourceAddress.dataKey.attribute("key_id"))
            }
        } else if let key = policies.key {
            file.resource(.dataKeyPolicy, comment: [
                "Replaces the WHOLE policy of the existing key (encryption.manage_existing_key_policy: true).",
            ]) { k in
                k.attr("key_id", "var.kms_key_arn")
                k.attr("policy", jsonencode(key))
            }
        }
        if let support = policies.supportKey {
            file.resource(.supportKey) { k in
                k.string("description", "Encrypts access logs and workload support resources of \(plan.namePrefix); never the data.")
                k.attr("enable_key_rotation", "true")
                k.attr("rotation_period_in_days", "365")
                k.attr("deletion_window_in_days", "30")
                k.attr("policy", jsonencode(support))
            }
            file.resource(.supportKeyAlias) { a in
                a.string("name", "alias/\(plan.namePrefix)-support")
                a.attr("target_key_id", ResourceAddress.supportKey.attribute("key_id"))
            }
        }
        if file.blocks.isEmpty {
            // An existing key whose policy belongs to someone else: nothing to manage here.
            return "# The data key is the existing key var.kms_key_arn; its policy is not managed here.\n"
                + "# Merge ../policies/key-policy-statements-to-add.json into it (see README.md).\n"
        }
        return file.text
    }

    // MARK: s3.tf

    private func bucketSkips(_ body: inout HCLBody, isLogBucket: Bool) {
        let p = plan.protections
        if isLogBucket {
            Self.skip(&body, "CKV_AWS_144", p.replication
                      ? "access logs stay in their region; the data bucket is replicated (protections.replication)"
                      : "cross-region replication declined in the answers (protections.replication: false)")
            Self.skip(&body, "CKV_AWS_18", "this is the access-log bucket; a log bucket cannot log into itself")
            Self.skip(&body, "CKV_AWS_143", "access logs expire after protections.log_retention_days; a default object-lock retention would block that expiry")
            return
        }
        if !p.replication { Self.skip(&body, "CKV_AWS_144", "cross-region replication declined in the answers (protections.replication: false)") }
        if p.accessLogging == .off { Self.skip(&body, "CKV_AWS_18", "access logging turned off in the answers (protections.access_logging: off)") }
        if !plan.versioningEnabled { Self.skip(&body, "CKV_AWS_21", "versioning turned off in the answers (protections.versioning: false)") }
        if !plan.objectLockEnabled { Self.skip(&body, "CKV_AWS_143", "object lock declined in the answers (protections.object_lock: off)") }
        if !p.eventNotifications { Self.skip(&body, "CKV2_AWS_62", "event notifications turned off in the answers (protections.event_notifications: false)") }
    }

    /// `expected_bucket_owner`, on every bucket resource whose provider schema has it (versioning, encryption,
    /// lifecycle, logging, object lock): a bucket of the same name in another account fails the call with 403
    /// instead of receiving the configuration. The public-access block, ownership controls, policy, notification
    /// and replication resources have no such argument.
    static let bucketOwner = "data.aws_caller_identity.current.account_id"

    /// The resources every hardened bucket gets; `name` is the Terraform name (data, logs).
    private func bucketBasics(_ file: inout HCLFile, bucket: ResourceAddress, keyArn: String, versioning: Bool, notifications: Bool,
                              lifecycle: (HCLBody) -> HCLBody) {
        file.resource(bucket.setting(.s3PublicAccessBlock)) { b in
            b.attr("bucket", bucket.id)
            b.attr("block_public_acls", "true")
            b.attr("block_public_policy", "true")
            b.attr("ignore_public_acls", "true")
            b.attr("restrict_public_buckets", "true")
        }
        file.resource(bucket.setting(.s3OwnershipControls)) { b in
            b.attr("bucket", bucket.id)
            b.block("rule") { r in r.string("object_ownership", "BucketOwnerEnforced") }
        }
        file.resource(bucket.setting(.s3Encryption)) { b in
            b.attr("bucket", bucket.id)
            b.attr("expected_bucket_owner", Self.bucketOwner)
            b.block("rule") { r in
                r.block("apply_server_side_encryption_by_default") { d in
                    d.string("sse_algorithm", "aws:kms")
                    d.attr("kms_master_key_id", keyArn)
                }
                r.attr("bucket_key_enabled", bucket == .dataBucket ? (plan.encryption.bucketKey ? "true" : "false") : "true")
                // Uploads with a customer-provided key (SSE-C) would bypass the KMS key: S3 rejects them.
                r.attr("blocked_encryption_types", "[\"SSE-C\"]")
            }
        }
        if versioning {
            file.resource(bucket.setting(.s3Versioning)) { b in
                b.attr("bucket", bucket.id)
                b.attr("expected_bucket_owner", Self.bucketOwner)
                b.block("versioning_configuration") { v in v.string("status", "Enabled") }
            }
        }
        file.resource(bucket.setting(.s3Lifecycle)) { b in
            b.attr("bucket", bucket.id)
            b.attr("expected_bucket_owner", Self.bucketOwner)
            b = lifecycle(b)
            if versioning { b.attr("depends_on", "[\(bucket.setting(.s3Versioning))]") }
        }
        if notifications {
            file.resource(bucket.setting(.s3Notification)) { b in
                b.attr("bucket", bucket.id)
                b.attr("eventbridge", "true")
            }
        }
    }

    var s3: String {
        var file = HCLFile()
        let p = plan.protections
        file.resource(.dataBucket) { b in
            bucketSkips(&b, isLogBucket: false)
            if plan.accountRegionalNamespace {
                // Only this account can create names ending in -ACCOUNTID-REGION-an (Amazon S3 User Guide, gpbucketnamespaces).
                b.attr("bucket", "\"${var.bucket_name}-${data.aws_caller_identity.current.account_id}-${var.region}-an\"")
                b.string("bucket_namespace", BucketNamespace.accountRegional.rawValue)
            } else if plan.basics.bucketName != nil { b.attr("bucket", "var.bucket_name") } else { b.attr("bucket_prefix", "var.bucket_prefix") }
            if plan.objectLockEnabled { b.attr("object_lock_enabled", "true") }
            b.attr("force_destroy", "false")
        }
        let keyArn = hcl.template(Text(.keyArn))
        bucketBasics(&file, bucket: .dataBucket, keyArn: keyArn, versioning: plan.versioningEnabled, notifications: p.eventNotifications) { body in
            var b = body
            b.block("rule") { r in
                r.string("id", "abort-incomplete-multipart-uploads")
                r.string("status", "Enabled")
                r.block("filter") { _ in }
                r.block("abort_incomplete_multipart_upload") { a in a.attr("days_after_initiation", String(p.abortIncompleteMultipartDays)) }
            }
            if plan.versioningEnabled, p.noncurrentVersionExpiryDays > 0 {
                b.block("rule") { r in
                    r.string("id", "expire-noncurrent-versions")
                    r.string("status", "Enabled")
                    r.block("filter") { _ in }
                    r.block("noncurrent_version_expiration") { n in n.attr("noncurrent_days", String(p.noncurrentVersionExpiryDays)) }
                }
            }
            return b
        }
        if p.accessLogging != .off {
            file.resource(ResourceAddress.dataBucket.setting(.s3Logging)) { b in
                b.attr("bucket", ResourceAddress.dataBucket.id)
                b.attr("expected_bucket_owner", Self.bucketOwner)
                b.attr("target_bucket", hcl.template(Text(.logBucketName)))
                b.string("target_prefix", "s3-access/")
            }
        }
        if plan.objectLockEnabled {
            file.resource(ResourceAddress.dataBucket.setting(.s3ObjectLock)) { b in
                b.attr("bucket", ResourceAddress.dataBucket.id)
                b.attr("expected_bucket_owner", Self.bucketOwner)
                b.block("rule") { r in
                    r.block("default_retention") { d in
                        d.string("mode", p.objectLock.rawValue.uppercased())
                        d.attr("days", String(p.objectLockDays))
                    }
                }
                b.attr("depends_on", "[\(ResourceAddress.dataBucket.setting(.s3Versioning))]")
            }
        }
        if p.replication {
            file.resource(ResourceAddress.dataBucket.setting(.s3Replication), comment: [
                "The destination bucket and key are not managed here: merge ../policies/replication-*-statements-to-add.json into them.",
            ]) { r in
                r.attr("role", ResourceAddress.replicationRole.arn)
                r.attr("bucket", ResourceAddress.dataBucket.id)
                r.block("rule") { rule in
                    rule.string("id", "replicate-everything")
                    rule.string("status", "Enabled")
                    rule.block("filter") { _ in }
                    rule.block("delete_marker_replication") { d in d.string("status", "Enabled") }
                    rule.block("source_selection_criteria") { c in
                        c.block("sse_kms_encrypted_objects") { k in k.string("status", "Enabled") }
                    }
                    rule.block("destination") { d in
                        d.attr("bucket", "var.replication_bucket_arn")
                        d.string("storage_class", "STANDARD")
                        if plan.replicatesAcrossAccounts, let account = plan.replicationDestination?.account {
                            d.string("account", account)
                            d.block("access_control_translation") { a in a.string("owner", "Destination") }
                        }
                        d.block("encryption_configuration") { e in e.attr("replica_kms_key_id", "var.replication_key_arn") }
                    }
                }
                r.attr("depends_on", "[\(ResourceAddress.dataBucket.setting(.s3Versioning))]")
            }
        }
        file.resource(ResourceAddress.dataBucket.setting(.s3BucketPolicy), comment: [
            "Applied after the public-access block: applying both at once can fail with 409 (terraform-provider-aws#7628).",
        ]) { b in
            b.attr("bucket", ResourceAddress.dataBucket.id)
            b.attr("policy", jsonencode(policies.bucket))
            b.attr("depends_on", "[\(ResourceAddress.dataBucket.setting(.s3PublicAccessBlock))]")
        }
        return file.text
    }

    // MARK: logging.tf

    var logging: String {
        var file = HCLFile()
        logStore(&file, bucket: .logBucket, bucketName: plan.protections.logBucketName, retentionDays: plan.protections.logRetentionDays,
                 ruleID: "expire-access-logs", policy: policies.logBucket) { b in bucketSkips(&b, isLogBucket: true) }
        return file.text
    }

    /// A bucket that only receives logs (access logs, the audit trail): hardened like every bucket here, encrypted
    /// with the support key, its logs expiring after `retentionDays` (old versions after 30 days).
    func logStore(_ file: inout HCLFile, bucket: ResourceAddress, bucketName: String?, retentionDays: Int, ruleID: String,
                  policy: PolicyDocument?, skips: (inout HCLBody) -> Void) {
        file.resource(bucket) { b in
            skips(&b)
            if let bucketName { b.string("bucket", bucketName) } else { b.string("bucket_prefix", "\(plan.namePrefix)-\(bucket.name)-") }
            b.attr("force_destroy", "false")
        }
        bucketBasics(&file, bucket: bucket, keyArn: ResourceAddress.supportKey.arn, versioning: true, notifications: true) { body in
            var b = body
            b.block("rule") { r in
                r.string("id", ruleID)
                r.string("status", "Enabled")
                r.block("filter") { _ in }
                r.block("expiration") { e in e.attr("days", String(retentionDays)) }
                r.block("noncurrent_version_expiration") { n in n.attr("noncurrent_days", "30") }
                r.block("abort_incomplete_multipart_upload") { a in a.attr("days_after_initiation", "7") }
            }
            return b
        }
        if let policy {
            file.resource(bucket.setting(.s3BucketPolicy)) { b in
                b.attr("bucket", bucket.id)
                b.attr("policy", jsonencode(policy))
                b.attr("depends_on", "[\(bucket.setting(.s3PublicAccessBlock))]")
            }
        }
    }

    // MARK: network.tf

    var network: String {
        var file = HCLFile()
        if plan.createsEndpoint {
            file.block("data \"aws_vpc_endpoint_service\" \"s3\"") { d in
                d.string("service", "s3")
                d.string("service_type", "Gateway")
            }
            file.resource(.endpoint) { e in
                e.attr("vpc_id", "var.vpc_id")
                e.attr("service_name", "data.aws_vpc_endpoint_service.s3.service_name")
                e.string("vpc_endpoint_type", "Gateway")
                e.attr("route_table_ids", "var.route_table_ids")
                e.attr("policy", jsonencode(policies.endpoint))
                e.attr("tags", "{ Name = \"\(plan.namePrefix)-s3\" }")
            }
        } else if plan.workload.enabled {
            file.block("data \"aws_vpc_endpoint\" \"s3\"") { d in d.attr("id", "var.vpc_endpoint_id") }
        }
        if file.blocks.isEmpty {
            return "# The S3 gateway endpoint is the existing var.vpc_endpoint_id; its policy is not managed here.\n"
                + "# Merge ../policies/endpoint-policy-statements-to-add.json into it (see README.md).\n"
        }
        return file.text
    }

    // MARK: iam.tf

    var iam: String {
        var file = HCLFile()
        for (roleName, trust) in policies.trust {
            guard let role = plan.dataAccess.roles.first(where: { $0.name == roleName }) else { continue }
            file.resource(.role(role.name)) { r in
                r.string("name", plan.roleName(role))
                r.string("description", "\(role.access.rawValue) access to the \(plan.namePrefix) data bucket, granted in the bucket and key policies.")
                r.attr("assume_role_policy", jsonencode(trust))
            }
        }
        if plan.protections.replication,
           let trust = policies.trust.first(where: { $0.role == Plan.replicationRoleKey })?.policy,
           let identity = policies.identity.first(where: { $0.role == Plan.replicationRoleKey })?.policy {
            file.resource(.replicationRole) { r in
                r.string("name", plan.replicationRoleName)
                r.string("description", "S3 replication of the \(plan.namePrefix) data bucket; reads what it replicates, nothing else.")
                r.attr("assume_role_policy", jsonencode(trust))
            }
            file.resource(.replicationRolePolicy) { p in
                p.string("name", "replicate-data-bucket")
                p.attr("role", ResourceAddress.replicationRole.id)
                p.attr("policy", jsonencode(identity))
            }
        }
        for (roleName, identity) in policies.identity where roleName != Plan.replicationRoleKey {
            file.resource(.rolePolicy(roleName)) { p in
                p.string("name", "function-support")
                p.attr("role", ResourceAddress.role(roleName).id)
                p.attr("policy", jsonencode(identity))
            }
            for (id, policy) in [("eni", "service-role/AWSLambdaENIManagementAccess"), ("xray", "AWSXRayDaemonWriteAccess")] {
                file.resource(.rolePolicyAttachment(roleName, id)) { a in
                    a.attr("role", ResourceAddress.role(roleName).attribute("name"))
                    a.attr("policy_arn", "\"arn:${data.aws_partition.current.partition}:iam::aws:policy/\(policy)\"")
                }
            }
        }
        return file.text
    }

    // MARK: lambda.tf

    var lambda: String {
        var file = HCLFile()
        guard let role = plan.workloadRole else { return "" }
        let w = plan.workload
        let fn = plan.functionName
        let prefixList = plan.createsEndpoint ? ResourceAddress.endpoint.attribute("prefix_list_id") : "data.aws_vpc_endpoint.s3.prefix_list_id"
        file.block("data \"archive_file\" \"function\"") { a in
            a.string("type", "zip")
            a.attr("source_file", "\"${path.module}/lambda/handler.py\"")
            a.attr("output_path", "\"${path.module}/.build/function.zip\"")
        }
        file.resource(.functionLogGroup) { l in
            l.string("name", "/aws/lambda/\(fn)")
            l.attr("retention_in_days", String(w.logRetentionDays))
            l.attr("kms_key_id", ResourceAddress.supportKey.arn)
        }
        file.resource(.deadLetterQueue) { q in
            q.string("name", "\(fn)-dlq")
            q.attr("kms_master_key_id", ResourceAddress.supportKey.arn)
            q.attr("kms_data_key_reuse_period_seconds", "300")
            q.attr("message_retention_seconds", "1209600")
        }
        file.resource(.functionSecurityGroup) { s in
            s.string("name", fn)
            s.string("description", "\(fn): HTTPS to S3 through the gateway endpoint, nothing else")
            s.attr("vpc_id", "var.vpc_id")
            s.block("egress") { e in
                e.string("description", "HTTPS to S3 through the gateway endpoint only")
                e.attr("from_port", "443")
                e.attr("to_port", "443")
                e.string("protocol", "tcp")
                e.attr("prefix_list_ids", "[\(prefixList)]")
            }
        }
        file.resource(.signingProfile) { s in
            s.string("platform_id", "AWSLambda-SHA384-ECDSA")
            s.string("name_prefix", String(fn.replacingAll("-", with: "_").prefix(38)) + "_")
        }
        file.resource(.codeSigningConfig, comment: [
            "Warn lets this unsigned scaffold deploy; switch to Enforce once your pipeline signs the code.",
        ]) { c in
            c.string("description", "Code signing for \(fn)")
            c.block("allowed_publishers") { p in p.attr("signing_profile_version_arns", "[\(ResourceAddress.signingProfile.attribute("version_arn"))]") }
            c.block("policies") { p in p.string("untrusted_artifact_on_deployment", "Warn") }
        }
        file.resource(.function) { f in
            f.string("function_name", fn)
            f.attr("role", ResourceAddress.role(role.name).arn)
            f.string("runtime", w.runtime)
            f.string("handler", "handler.handler")
            f.attr("filename", "data.archive_file.function.output_path")
            f.attr("source_code_hash", "data.archive_file.function.output_base64sha256")
            f.attr("memory_size", String(w.memoryMb))
            f.attr("timeout", String(w.timeoutSeconds))
            f.attr("reserved_concurrent_executions", String(w.reservedConcurrency))
            f.attr("code_signing_config_arn", ResourceAddress.codeSigningConfig.arn)
            f.block("vpc_config") { v in
                v.attr("subnet_ids", "var.subnet_ids")
                v.attr("security_group_ids", "[\(ResourceAddress.functionSecurityGroup.id)]")
            }
            f.block("tracing_config") { t in t.string("mode", "Active") }
            f.block("dead_letter_config") { d in d.attr("target_arn", ResourceAddress.deadLetterQueue.arn) }
            f.attr("depends_on", "[\n    \(ResourceAddress.functionLogGroup),\n    \(ResourceAddress.rolePolicy(role.name)),\n    \(ResourceAddress.rolePolicyAttachment(role.name, "eni")),\n  ]")
        }
        return file.text
    }

    static let handlerSource = """
        \"\"\"Scaffold generated by s3wizard: replace with your processing.

        Invoke it with an S3 event from EventBridge ("Object Created"); it reads the object through the
        VPC endpoint, which the bucket policy requires.
        \"\"\"
        import boto3

        s3 = boto3.client("s3")


        def handler(event, context):
            detail = event.get("detail", {})
            bucket = detail.get("bucket", {}).get("name")
            key = detail.get("object", {}).get("key")
            if not bucket or not key:
                return {"status": "ignored", "reason": "not an S3 object event"}
            head = s3.head_object(Bucket=bucket, Key=key)
            return {"status": "ok", "bytes": head["ContentLength"]}

        """

    // MARK: outputs.tf

    var outputs: String {
        var file = HCLFile()
        func output(_ name: String, _ value: String, _ description: String) {
            file.block("output \"\(name)\"") { o in
                o.string("description", description)
                o.attr("value", value)
            }
        }
        output("bucket_name", ResourceAddress.dataBucket.id, "Name of the data bucket.")
        output("bucket_arn", ResourceAddress.dataBucket.arn, "ARN of the data bucket.")
        output("kms_key_arn", hcl.template(Text(.keyArn)), "ARN of the KMS key that encrypts the data.")
        output("vpc_endpoint_id", hcl.template(Text(.endpointId)), "S3 gateway endpoint that the bucket policy requires.")
        if !plan.dataAccess.roles.isEmpty {
            let width = plan.dataAccess.roles.map { $0.name.count + 2 }.max()!
            let entries = plan.dataAccess.roles.map { role -> String in
                let key = "\"\(role.name)\""
                return "    " + key + String(repeating: " ", count: width - key.count) + " = " + hcl.template(Text(.roleArn(role.name)))
            }
            output("data_role_arns", "{\n" + entries.joined(separator: "\n") + "\n  }", "The roles that may touch the data.")
        }
        if plan.usesAccessPoints {
            output("access_points", AccessPointsModule(plan: plan, module: self).outputValue,
                   "Each data role's access point: its applications address the data through its ARN or alias, never the bucket name.")
        }
        if plan.createsLogBucket { output("log_bucket_name", ResourceAddress.logBucket.id, "Bucket that receives the access logs.") }
        if plan.createsSupportKey { output("support_kms_key_arn", ResourceAddress.supportKey.arn, "Key for logs and workload support resources.") }
        if plan.createsTrailBucket { output("trail_bucket_name", ResourceAddress.trailBucket.id, "Bucket that receives the audit trail.") }
        if plan.auditTrailEnabled {
            output("trail_arn", ResourceAddress.trail.arn, "The audit trail of the data bucket.")
            output("alarm_topic_arn", ResourceAddress.alarmTopic.arn, "SNS topic of the policy-change alarms.")
        }
        if plan.workload.enabled { output("function_name", ResourceAddress.function.attribute("function_name"), "The scaffold Lambda function.") }
        return file.text
    }

    // MARK: terraform.tfvars.example

    /// The variables with the answered values, for copying to terraform.tfvars.
    var tfvarsExample: String {
        let header = ["# Copy to terraform.tfvars to override the defaults written from the answers file.",
                      "# Keep it in step with the answers file: the JSON policies are generated from the answers."]
        var body = HCLBody()
        for v in variableDefinitions { body.attr(v.name, v.value.render(indent: 0)) }
        return header.joined(separator: "\n") + "\n" + body.render(indent: 0)
    }
}
