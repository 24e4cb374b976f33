import FoundationEssentials

// audit.tf: the data-access trail, its bucket, and the alarms on the changes that open the data.

extension TerraformModule {
    /// The data events CloudTrail records: every object-level call on this bucket only (advanced event selectors,
    /// resources.ARN StartsWith the bucket's ARN and "/"), reads and writes; and the write management events, which
    /// EventBridge receives only when a trail records them (EventBridge User Guide, "AWS service events delivered via
    /// AWS CloudTrail": "a CloudTrail trail with logging enabled is required").
    var audit: String {
        var file = HCLFile()
        let p = plan.protections
        if plan.createsTrailBucket {
            logStore(&file, bucket: .trailBucket, bucketName: p.trailBucketName, retentionDays: p.trailRetentionDays, ruleID: "expire-trail-logs",
                     policy: policies.trailBucket) { b in
                Self.skip(&b, "CKV_AWS_144", "trail logs stay in their region; CloudTrail delivers every region's events into this one bucket")
                if p.accessLogging == .off { Self.skip(&b, "CKV_AWS_18", "access logging turned off in the answers (protections.access_logging: off)") }
                Self.skip(&b, "CKV_AWS_143", "trail logs expire after protections.trail_retention_days, which a default object-lock retention would block; log file validation proves their integrity")
            }
            if p.accessLogging != .off {
                file.resource(ResourceAddress.trailBucket.setting(.s3Logging)) { b in
                    b.attr("bucket", ResourceAddress.trailBucket.id)
                    b.attr("expected_bucket_owner", Self.bucketOwner)
                    b.attr("target_bucket", hcl.template(Text(.logBucketName)))
                    b.string("target_prefix", "trail-access/")
                }
            }
        }
        let comment = plan.createsTrailBucket ? [] : [
            "Delivers into the existing var.trail_bucket_name: merge ../policies/trail-bucket-policy-statements-to-add.json into its policy first.",
        ]
        file.resource(.trail, comment: comment) { t in
            Self.skip(&t, "CKV2_AWS_10", "the alarms are EventBridge rules on the trail's events, not CloudWatch Logs metric filters; a log group would store every data event a second time")
            Self.skip(&t, "CKV_AWS_252", "an SNS message per delivered log file is noise; the alarm topic receives the policy changes themselves")
            t.string("name", plan.trailName)
            t.attr("s3_bucket_name", hcl.template(Text(.trailBucketName)))
            t.attr("kms_key_id", ResourceAddress.supportKey.arn)
            t.attr("enable_log_file_validation", "true")
            t.attr("is_multi_region_trail", "true")
            t.attr("include_global_service_events", "true")
            t.block("advanced_event_selector") { a in
                a.string("name", "Every read and write of objects in the data bucket")
                a.block("field_selector") { f in f.string("field", "eventCategory"); f.attr("equals", "[\"Data\"]") }
                a.block("field_selector") { f in f.string("field", "resources.type"); f.attr("equals", "[\"AWS::S3::Object\"]") }
                a.block("field_selector") { f in f.string("field", "resources.ARN"); f.attr("starts_with", "[\"${\(ResourceAddress.dataBucket.arn)}/\"]") }
            }
            t.block("advanced_event_selector") { a in
                a.string("name", "Write management events, for the policy-change alarms")
                a.block("field_selector") { f in f.string("field", "eventCategory"); f.attr("equals", "[\"Management\"]") }
                a.block("field_selector") { f in f.string("field", "readOnly"); f.attr("equals", "[\"false\"]") }
            }
            if plan.createsTrailBucket { t.attr("depends_on", "[aws_s3_bucket_policy.trail]") }
        }
        file.resource(.policyChangeRule) { r in
            r.string("name", plan.alarmRuleName)
            r.string("description", "Changes that could open the \(plan.namePrefix) data: bucket policy, public access block, ACL, encryption, key, audit trail.")
            r.attr("event_pattern", alarmPattern)
        }
        file.resource(.alarmTopic) { t in
            t.string("name", plan.alarmTopicName)
            t.attr("kms_master_key_id", ResourceAddress.supportKey.arn)
        }
        if let policy = policies.alarmTopic {
            file.resource(.alarmTopicPolicy) { t in
                t.attr("arn", ResourceAddress.alarmTopic.arn)
                t.attr("policy", jsonencode(policy))
            }
        }
        file.resource(.policyChangeTarget) { t in
            t.attr("rule", ResourceAddress.policyChangeRule.attribute("name"))
            t.string("target_id", "alarm-topic")
            t.attr("arn", ResourceAddress.alarmTopic.arn)
        }
        file.resource(.alarmSubscriptions) { s in
            s.attr("for_each", "toset(var.alarm_emails)")
            s.attr("topic_arn", ResourceAddress.alarmTopic.arn)
            s.string("protocol", "email")
            s.attr("endpoint", "each.value")
        }
        return file.text
    }

    /// The EventBridge pattern (`$or` of three event sources): the alarmed calls on this bucket, on its keys
    /// (resources[].ARN of the KMS event) and on its trail.
    var alarmPattern: String {
        let keys = "[" + ([hcl.template(Text(.keyArn))] + (plan.createsSupportKey ? [ResourceAddress.supportKey.arn] : [])).joined(separator: ", ") + "]"
        return """
            jsonencode({
                "detail-type" = ["AWS API Call via CloudTrail"]
                "$or" = [
                  {
                    source = ["aws.s3"]
                    detail = {
                      eventSource       = ["s3.amazonaws.com"]
                      eventName         = \(Self.list(Plan.alarmedS3Events))
                      requestParameters = { bucketName = [\(ResourceAddress.dataBucket.id)] }
                    }
                  },
                  {
                    source = ["aws.kms"]
                    detail = {
                      eventSource = ["kms.amazonaws.com"]
                      eventName   = \(Self.list(Plan.alarmedKMSEvents))
                      resources   = { ARN = \(keys) }
                    }
                  },
                  {
                    source = ["aws.cloudtrail"]
                    detail = {
                      eventSource       = ["cloudtrail.amazonaws.com"]
                      eventName         = \(Self.list(Plan.alarmedTrailEvents))
                      requestParameters = { name = ["\(HCLRenderer.escape(plan.trailName))", \(hcl.template(Text(.trailArn)))] }
                    }
                  },
                ]
              })
            """
    }
}

/// terraform/organization/: a separate root for the management account. It creates the RCP and attaches it;
/// every value of the bucket's root is a variable here (none of those resources exist in that account).
struct OrganizationModule {
    let plan: Plan
    let policy: PolicyDocument

    var renderers: [(name: String, render: @Sendable () -> String)] {
        let module = self
        return [("organization/main.tf", { module.main }), ("organization/variables.tf", { module.variables })]
    }

    private var references: References { References(plan, root: .organization) }

    var main: String {
        var file = HCLFile()
        file.block("terraform") { t in
            t.string("required_version", ">= 1.5.0")
            t.block("required_providers") { p in
                p.attr("aws", "{\n      source  = \"hashicorp/aws\"\n      version = \"~> 6.40\"\n    }")
            }
        }
        file.block("provider \"aws\"", comment: ["Credentials of the organisation's management account (or a delegated administrator for policies)."]) { p in
            p.attr("region", "var.region")
        }
        file.block("data \"aws_partition\" \"current\"") { _ in }
        file.resource(.perimeterPolicy) { r in
            r.string("name", "\(plan.namePrefix)-data-perimeter")
            r.string("description", "Only the listed principals, only through the VPC endpoint, only over TLS: the \(plan.namePrefix) data bucket and key.")
            r.string("type", "RESOURCE_CONTROL_POLICY")
            r.attr("content", "jsonencode(" + HCLRenderer(references).expression(policy.tree, indent: 1) + ")")
        }
        file.resource(.perimeterAttachment) { a in
            a.attr("policy_id", ResourceAddress.perimeterPolicy.id)
            a.attr("target_id", "var.rcp_target_id")
        }
        return file.text
    }

    /// The values the RCP names, defaulting to the answered ones where they are known before the bucket's apply.
    var variables: String {
        var json = JSONRenderer(References(plan))
        func known(_ ref: Ref) -> String? {
            let value = json.resolve(Text(ref))
            return value.contains("<") ? nil : value
        }
        var file = HCLFile()
        func variable(_ name: String, _ type: String, _ description: String, _ value: String?) {
            file.block("variable \"\(name)\"") { v in
                v.string("description", description)
                v.attr("type", type)
                if let value { v.attr("default", value) }
            }
        }
        func string(_ value: String?) -> String? { value.map { "\"\(HCLRenderer.escape($0))\"" } }
        variable("region", "string", "Region of the provider (Organizations is global).", string(plan.basics.region))
        variable("rcp_target_id", "string", "Account id or OU id the RCP is attached to.", string(plan.organization.rcpTargetId ?? plan.accountId))
        variable("account_id", "string", "Account of the data bucket.", string(known(.accountId)))
        variable("bucket_arn", "string", "ARN of the data bucket (terraform output bucket_arn of the bucket's root).", string(known(.bucketArn)))
        variable("kms_key_arn", "string", "ARN of the data key (terraform output kms_key_arn).", string(known(.keyArn)))
        switch plan.network.condition {
        case .sourceVpce: variable("vpc_endpoint_id", "string", "The S3 gateway endpoint (terraform output vpc_endpoint_id).", string(known(.endpointId)))
        case .sourceVpc: variable("vpc_id", "string", "The VPC of the workloads.", string(plan.network.vpcId))
        }
        let roles = plan.dataAccess.roles.map { ($0.name, known(.roleArn($0.name)) ?? "") }
        variable("data_role_arns", "map(string)", "The data roles, by logical name (terraform output data_role_arns).",
                 TerraformModule.DefaultValue.map(roles).render(indent: 1))
        variable("deployer_arns", "list(string)", "The deployers.", TerraformModule.list(plan.keyAdministration.deployerArns))
        variable("key_admin_arns", "list(string)", "The key administrators.", TerraformModule.list(plan.keyAdministration.adminRoleArns))
        return file.text
    }
}
