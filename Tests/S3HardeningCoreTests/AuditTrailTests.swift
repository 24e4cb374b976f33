import Foundation
import Testing
@testable import S3HardeningCore

/// The audit trail's bucket, the alarms and the organisation guardrail (RCP), against the AWS rules they rely on.
@Suite struct AuditTrailTests {
    private func json(_ plan: Plan, _ set: PolicySet? = nil) -> [String: String] {
        let sample: @Sendable (Placeholder) -> String = { $0.sample(plan) }
        return Dictionary(uniqueKeysWithValues: (set ?? plan.policies).rendered(References(plan), sample: sample).files.map { ($0.file, $0.text) })
    }

    @Test(arguments: Preset.all.map(\.name))
    func theTrailIsOnByDefaultAndItsIntentsHold(_ name: String) throws {
        let plan = Preset.named(name)!.plan
        #expect(plan.auditTrailEnabled, "the audit trail is a default-on protection")
        let matrix = try plan.accessMatrix()
        for intent in matrix.intents { #expect(intent.holds, "\(name): \(intent.id): \(intent.violations.first?.text ?? "")") }
        #expect(matrix.intents.contains { $0.id == .trailBucketWriters } == plan.createsTrailBucket)
        #expect(matrix.intents.contains { $0.id == .guardrailWithoutBucketPolicy } == plan.organization.resourceControlPolicy)
    }

    @Test func onlyCloudTrailForThisTrailAndTheDeployersWriteTheTrailBucket() throws {
        let plan = Plan.example
        let files = json(plan)
        let evaluator = PolicyEvaluator(bucketPolicy: try SimPolicy(name: "trail", json: files["trail-bucket-policy.json"]!),
                                        endpointPolicy: nil, keyPolicy: nil, resourceAccount: "111122223333")
        let object = "arn:aws:s3:::pii-reports-prod-trail-20261129000000000000000001/AWSLogs/111122223333/CloudTrail/us-east-1/x.json.gz"
        func put(_ who: SimPrincipal, _ context: [String: [String]]) -> Bool {
            evaluator.s3(SimRequest(principal: who, action: "s3:PutObject", resource: object,
                                    context: ["aws:SecureTransport": ["true"], "s3:TlsVersion": ["1.3"]].merging(context) { $1 }), viaEndpoint: false).allowed
        }
        let cloudTrail = SimPrincipal.service("cloudtrail.amazonaws.com", label: "CloudTrail")
        let delivery = ["aws:PrincipalIsAWSService": ["true"], "s3:x-amz-acl": ["bucket-owner-full-control"]]
        let thisTrail = "arn:aws:cloudtrail:us-east-1:111122223333:trail/pii-reports-prod-data-access"
        #expect(put(cloudTrail, delivery.merging(["aws:SourceArn": [thisTrail]]) { $1 }))
        #expect(!put(cloudTrail, delivery.merging(["aws:SourceArn": ["arn:aws:cloudtrail:us-east-1:999999999999:trail/t"]]) { $1 }), "another account's trail (confused deputy)")
        #expect(!put(cloudTrail, ["aws:PrincipalIsAWSService": ["true"], "aws:SourceArn": [thisTrail]]), "without bucket-owner-full-control")
        let admin = [SimPolicy.administratorAccess]
        #expect(put(SimPrincipal(label: "deployer", arn: "arn:aws:iam::111122223333:role/terraform-deployer", identityPolicies: admin), ["aws:PrincipalIsAWSService": ["false"]]))
        #expect(!put(SimPrincipal(label: "other", arn: "arn:aws:iam::111122223333:role/admin", identityPolicies: admin), ["aws:PrincipalIsAWSService": ["false"]]),
                "AdministratorAccess does not let anyone else write the trail's logs")
        #expect(!put(cloudTrail, delivery.merging(["aws:SourceArn": [thisTrail], "aws:SecureTransport": ["false"]]) { $1 }), "TLS only, for CloudTrail too")
    }

    @Test func theTrailIntentCatchesAMissingDeny() throws {
        let plan = Plan.example
        var set = plan.policies
        set.trailBucket = PolicyDocument(set.trailBucket!.statements.filter { $0.sid != "DenyTrailLogWritesByOthers" })
        let intent = try #require(try plan.accessMatrix(policies: set).intents.first { $0.id == .trailBucketWriters })
        #expect(!intent.holds)
        #expect(intent.violations.contains { $0.text.hasPrefix("another role in the account (*:*) s3:PutObject") })
    }

    @Test func theRcpIsDenyOnlyWithPrincipalStarAndFitsItsLimit() throws {
        var plan = Preset.named("maximum-protection")!.plan
        let rcp = try #require(plan.policies.resourceControlPolicy)
        for statement in rcp.statements {
            #expect(statement.effect == .deny, "RCPs support Deny only: \(statement.sid)")
            #expect(statement.principal == .anyone, "RCPs take Principal \"*\": \(statement.sid)")
            #expect(statement.conditions.contains { $0.key == "aws:PrincipalIsAWSService" }, "AWS service principals exempt: \(statement.sid)")
        }
        for i in 0..<40 {
            var role = DataRole()
            role.name = "role-\(i)"; role.source = .existing
            role.arn = "arn:aws:iam::111122223333:role/a-rather-long-path/for-many-roles/workload-number-\(i)"
            plan.dataAccess.roles.append(role)
        }
        let errors = plan.diagnosticsWithoutProof(policies: nil).errors
        #expect(errors.contains { $0.path == FieldPath(\.organization.resourceControlPolicy) && $0.message.contains("AWS allows 5120") })
    }

    /// The door the RCP closes: with the bucket policy deleted (by the root user, say), another principal of the
    /// account with AdministratorAccess deletes objects from the internet; with the RCP, it cannot.
    @Test func aRequestTheRcpAloneDenies() throws {
        let plan = Preset.named("maximum-protection")!.plan
        let files = json(plan)
        let key = try SimPolicy(name: "key", json: files["key-policy.json"]!)
        let rcp = try SimPolicy(name: "rcp", json: files["rcp.json"]!)
        let request = SimRequest(principal: SimPrincipal(label: "root-made admin", arn: "arn:aws:iam::111122223333:role/any-other-role",
                                                         identityPolicies: [SimPolicy.administratorAccess]),
                                 action: "s3:DeleteObject", resource: "arn:aws:s3:::medical-records-prod-111122223333-us-east-1-an/inbox/a.csv",
                                 context: ["aws:SecureTransport": ["true"], "aws:PrincipalIsAWSService": ["false"], "aws:ViaAWSService": ["false"]])
        let withoutGuardrail = PolicyEvaluator(bucketPolicy: nil, endpointPolicy: nil, keyPolicy: key, resourceAccount: "111122223333")
        #expect(withoutGuardrail.s3(request, viaEndpoint: false).allowed, "no bucket policy: IAM alone decides within the account")
        let decision = PolicyEvaluator(bucketPolicy: nil, endpointPolicy: nil, keyPolicy: key, resourceAccount: "111122223333",
                                       resourceControlPolicy: rcp).s3(request, viaEndpoint: false)
        #expect(!decision.allowed)
        #expect(decision.reasons.contains("rcp › RcpDenyObjectAccessToOtherPrincipals"))
        // Service-linked roles are out of an RCP's reach (AWS Organizations User Guide).
        let macie = SimRequest(principal: SimPrincipal(label: "macie", arn: "arn:aws:iam::111122223333:\(Plan.macieRolePath)", identityPolicies: [SimPolicy.administratorAccess]),
                               action: "s3:DeleteObject", resource: request.resource, context: request.context)
        #expect(PolicyEvaluator(bucketPolicy: nil, endpointPolicy: nil, keyPolicy: key, resourceAccount: "111122223333",
                                resourceControlPolicy: rcp).s3(macie, viaEndpoint: false).allowed)
    }

    @Test func theGuardrailIntentFailsWithoutTheRcpsDeny() throws {
        let plan = Preset.named("maximum-protection")!.plan
        var set = plan.policies
        set.resourceControlPolicy = PolicyDocument(set.resourceControlPolicy!.statements.filter {
            $0.sid != "RcpDenyObjectAccessToOtherPrincipals" && !$0.sid.hasPrefix("RcpDenyOutside")
        })
        let intent = try #require(try plan.accessMatrix(policies: set).intents.first { $0.id == .guardrailWithoutBucketPolicy })
        #expect(!intent.holds, "without those statements, a deleted bucket policy opens the objects")
    }

    @Test func alarmsCoverTheIssuesCallsAndOnlyTheRulePublishes() throws {
        let plan = Plan.example
        let tf = try #require(plan.artifacts()["terraform/audit.tf"]?.contents)
        for call in ["PutBucketPolicy", "DeleteBucketPolicy", "PutBucketPublicAccessBlock", "PutBucketAcl", "PutBucketEncryption",
                     "PutKeyPolicy", "CreateGrant", "ScheduleKeyDeletion", "DisableKey"] {
            #expect(tf.contains("\"\(call)\""), "\(call) is alarmed")
        }
        #expect(tf.contains("kms_master_key_id = aws_kms_key.support.arn"), "the topic is encrypted with a customer-managed key")
        let topic = try #require(plan.policies.alarmTopic)
        let publish = try #require(topic.statements.first { $0.effect == .allow })
        #expect(publish.principal == .service(["events.amazonaws.com"]))
        #expect(publish.conditions.contains { $0.key == "aws:SourceArn" })
        let support = try #require(plan.policies.supportKey)
        #expect(support.statements.contains { $0.sid == "EventBridgePublishesEncryptedAlarms" })
        #expect(support.statements.contains { $0.sid == "CloudTrailEncryptsTrailLogs" && $0.conditions.contains { $0.key == "aws:SourceArn" } })
    }

    @Test func fieldRulesForTheTrailAndTheGuardrail() {
        var plan = Plan.example
        plan.protections.auditTrail = .existingBucket
        plan.protections.alarmEmails = ["not-an-address", "sec@example.com"]
        plan.organization.rcpTargetId = "ou-bad"
        let errors = plan.diagnosticsWithoutProof(policies: nil).errors.map(\.path)
        #expect(errors.contains(FieldPath(\.protections.trailBucketName)), "an existing trail bucket must be named")
        #expect(errors.contains(FieldPath(\.protections.alarmEmails, 0)))
        #expect(!errors.contains(FieldPath(\.protections.alarmEmails, 1)))
        #expect(errors.contains(FieldPath(\.organization.rcpTargetId)))
    }

    @Test func theOrganisationRootIsSeparateAndDefaultsOnlyWhatIsKnown() throws {
        let artifacts = Preset.maximumProtection.plan.artifacts()
        let variables = try #require(artifacts["terraform/organization/variables.tf"]?.contents)
        func block(_ name: String) -> String {
            let start = variables.range(of: "variable \"\(name)\" {")!.lowerBound
            return String(variables[start...].prefix { $0 != "}" })
        }
        #expect(block("bucket_arn").contains("default     = \"arn:aws:s3:::medical-records-prod-111122223333-us-east-1-an\""), "an account-regional name is known now")
        #expect(!block("kms_key_arn").contains("default"), "a new key's ARN is known only after the bucket's apply")
        #expect(!block("vpc_endpoint_id").contains("default"))
        #expect(block("rcp_target_id").contains("\"111122223333\""), "attached to the bucket's account by default")
        let main = try #require(artifacts["terraform/organization/main.tf"]?.contents)
        #expect(main.contains("type        = \"RESOURCE_CONTROL_POLICY\""))
        #expect(!main.contains("aws_s3_bucket.") && !main.contains("aws_kms_key."), "no reference to the bucket's root")
        #expect(!Preset.lambdaReports.plan.artifacts().files.contains { $0.path.hasPrefix("terraform/organization/") || $0.path == "policies/rcp.json" },
                "the guardrail is opt-in")
    }
}
