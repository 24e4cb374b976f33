import Foundation
import Testing
@testable import S3HardeningCore

/// The evaluator against AWS's documented rules (IAM User Guide: condition operators, policy evaluation logic).
@Suite struct ConditionRuleTests {
    private func holds(_ op: String, _ values: [String], _ request: [String]?) -> Bool {
        ConditionOperator(op)!.evaluate(policyValues: values, requestValues: request)
    }

    @Test(arguments: [
        // operator, request value (nil = key absent), expected
        ("StringEquals", nil, false),
        ("StringNotEquals", nil, true),            // negated operators are true when the key is absent
        ("StringEqualsIfExists", nil, true),       // …IfExists is true when the key is absent
        ("StringNotEqualsIfExists", nil, true),    // so IfExists changes nothing for negated operators
        ("ArnNotLike", nil, true),
        ("ArnLike", nil, false),
        ("Bool", nil, false),
        ("BoolIfExists", nil, true),
        ("NumericLessThan", nil, false),
        ("StringEquals", "vpce-1", true),
        ("StringNotEquals", "vpce-1", false),
        ("StringNotEqualsIfExists", "vpce-2", true),
        ("StringEquals", "VPCE-1", false),         // string comparison is case-sensitive
        ("StringEqualsIgnoreCase", "VPCE-1", true),
    ] as [(String, String?, Bool)])
    func absentKeysAndIfExists(_ op: String, _ request: String?, _ expected: Bool) {
        #expect(holds(op, ["vpce-1"], request.map { [$0] }) == expected, "\(op) with \(request ?? "absent")")
    }

    @Test func nullTestsPresence() {
        #expect(holds("Null", ["true"], nil))
        #expect(!holds("Null", ["true"], ["aws:kms"]))
        #expect(holds("Null", ["false"], ["aws:kms"]))
        #expect(!holds("Null", ["false"], nil))
        #expect(ConditionOperator("NullIfExists") == nil)
    }

    @Test func severalPolicyValuesAreOredAndNegationNeedsNoMatch() {
        #expect(holds("StringEquals", ["a", "b"], ["b"]))
        #expect(!holds("StringNotEquals", ["a", "b"], ["b"]))
        #expect(holds("StringNotEquals", ["a", "b"], ["c"]))
        #expect(holds("ArnNotLike", ["arn:aws:iam::1:role/a", "arn:aws:iam::1:role/b*"], ["arn:aws:iam::1:role/c"]))
        #expect(!holds("ArnNotLike", ["arn:aws:iam::1:role/a", "arn:aws:iam::1:role/b*"], ["arn:aws:iam::1:role/bob"]))
    }

    @Test func setQualifiers() {
        #expect(holds("ForAnyValue:StringEquals", ["a"], ["x", "a"]))
        #expect(!holds("ForAllValues:StringEquals", ["a"], ["x", "a"]))
        #expect(holds("ForAllValues:StringEquals", ["a", "x"], ["x", "a"]))
        #expect(holds("ForAllValues:StringEquals", ["a"], nil), "ForAllValues is true for an absent key")
        #expect(!holds("ForAnyValue:StringEquals", ["a"], nil))
    }

    @Test func numbersBooleansAndAddresses() {
        #expect(holds("NumericLessThan", ["1.2"], ["1.0"]))
        #expect(!holds("NumericLessThan", ["1.2"], ["1.3"]))
        #expect(holds("NumericGreaterThanEquals", ["1.2"], ["1.2"]))
        #expect(holds("Bool", ["false"], ["FALSE"]))
        #expect(holds("IpAddress", ["203.0.113.0/24"], ["203.0.113.10"]))
        #expect(!holds("IpAddress", ["203.0.113.0/24"], ["198.51.100.1"]))
        #expect(holds("NotIpAddress", ["203.0.113.0/24"], ["198.51.100.1"]))
    }

    @Test func wildcards() {
        #expect(Glob.matches("s3:Get*", "s3:getobject", caseInsensitive: true), "actions are case-insensitive")
        #expect(!Glob.matches("arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/x"), "resources are case-sensitive")
        #expect(Glob.matches("arn:aws:s3:::b/in?oming/*", "arn:aws:s3:::b/incoming/x/y"))
        #expect(Glob.matches("*", ""))
        #expect(!Glob.matches("arn:aws:s3:::b/incoming/*", "arn:aws:s3:::b/processed/x"))
    }
}

@Suite struct EvaluationTests {
    let account = "111122223333"
    let bucket = "arn:aws:s3:::data"
    let role = SimPrincipal(label: "role", arn: "arn:aws:iam::111122223333:role/app")
    let adminRole = SimPrincipal(label: "admin", arn: "arn:aws:iam::111122223333:role/admin", identityPolicies: [.administratorAccess])
    let outsider = SimPrincipal(label: "outsider", arn: "arn:aws:iam::999999999999:role/x", identityPolicies: [.administratorAccess])

    private func policy(_ json: String) -> SimPolicy { try! SimPolicy(name: "p.json", json: json) }

    private func request(_ who: SimPrincipal, _ action: String = "s3:GetObject", _ resource: String = "arn:aws:s3:::data/a",
                         _ context: [String: [String]] = [:]) -> SimRequest {
        SimRequest(principal: who, action: action, resource: resource, context: context)
    }

    @Test func sameAccountNeedsIdentityOrBucketPolicyAnotherAccountNeedsBoth() {
        let grant = policy(#"{"Statement":[{"Sid":"Grant","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/app"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::data/*"}]}"#)
        let evaluator = PolicyEvaluator(bucketPolicy: grant, endpointPolicy: nil, keyPolicy: nil, resourceAccount: account)
        #expect(evaluator.s3(request(role), viaEndpoint: false) == .allow(["p.json › Grant"]))
        #expect(evaluator.s3(request(adminRole), viaEndpoint: false).allowed, "same account: the identity policy alone is enough")
        #expect(!evaluator.s3(request(outsider), viaEndpoint: false).allowed, "another account: the bucket policy must allow it too")
        #expect(!evaluator.s3(request(.anonymous), viaEndpoint: false).allowed)
    }

    @Test func anExplicitDenyWinsAndNamesItsStatement() {
        let deny = policy(#"{"Statement":[{"Sid":"NoHttp","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::data/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"#)
        let evaluator = PolicyEvaluator(bucketPolicy: deny, endpointPolicy: nil, keyPolicy: nil, resourceAccount: account)
        let decision = evaluator.s3(request(adminRole, "s3:GetObject", "arn:aws:s3:::data/a", ["aws:SecureTransport": ["false"]]), viaEndpoint: false)
        #expect(decision == .deny(["p.json › NoHttp"]))
        #expect(evaluator.s3(request(adminRole, "s3:GetObject", "arn:aws:s3:::data/a", ["aws:SecureTransport": ["true"]]), viaEndpoint: false).allowed)
    }

    @Test func anEndpointPolicyHasNoImplicitAllow() {
        let endpoint = policy(#"{"Statement":[{"Sid":"OnlyThis","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::other/*"}]}"#)
        let evaluator = PolicyEvaluator(bucketPolicy: nil, endpointPolicy: endpoint, keyPolicy: nil, resourceAccount: account)
        let decision = evaluator.s3(request(adminRole), viaEndpoint: true)
        #expect(!decision.allowed)
        #expect(decision.reasons.first?.contains("no implicit allow") == true)
        #expect(evaluator.s3(request(adminRole), viaEndpoint: false).allowed, "the endpoint policy applies only through the endpoint")
    }

    @Test func notActionNotResourceAndNotPrincipal() {
        let p = policy(#"""
        {"Statement":[
          {"Sid":"OnlyReads","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:role/admin"},"NotAction":"s3:GetObject","Resource":"*"},
          {"Sid":"OnlyIncoming","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:role/admin"},"Action":"s3:GetObject","NotResource":"arn:aws:s3:::data/incoming/*"},
          {"Sid":"EveryoneButAdmin","Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:role/admin"},"Action":"s3:*","Resource":"*"}
        ]}
        """#)
        let evaluator = PolicyEvaluator(bucketPolicy: p, endpointPolicy: nil, keyPolicy: nil, resourceAccount: account)
        #expect(evaluator.s3(request(adminRole, "s3:GetObject", "arn:aws:s3:::data/incoming/x"), viaEndpoint: false).allowed)
        #expect(evaluator.s3(request(adminRole, "s3:PutObject", "arn:aws:s3:::data/incoming/x"), viaEndpoint: false) == .deny(["p.json › OnlyReads"]))
        #expect(evaluator.s3(request(adminRole, "s3:GetObject", "arn:aws:s3:::data/other/x"), viaEndpoint: false) == .deny(["p.json › OnlyIncoming"]))
        let other = SimPrincipal(label: "o", arn: "arn:aws:iam::111122223333:role/o", identityPolicies: [.administratorAccess])
        #expect(evaluator.s3(request(other), viaEndpoint: false) == .deny(["p.json › EveryoneButAdmin"]))
    }

    @Test func kmsNeedsTheKeyPolicyDirectlyOrThroughTheAccountAndIam() {
        let key = policy(#"""
        {"Statement":[
          {"Sid":"Account","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:Describe*","Resource":"*"},
          {"Sid":"App","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/app"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}}
        ]}
        """#)
        let evaluator = PolicyEvaluator(bucketPolicy: nil, endpointPolicy: nil, keyPolicy: key, resourceAccount: account)
        let keyArn = "arn:aws:kms:us-east-1:111122223333:key/k"
        #expect(evaluator.kms(request(role, "kms:Decrypt", keyArn, ["kms:ViaService": ["s3.us-east-1.amazonaws.com"]])).allowed)
        #expect(!evaluator.kms(request(role, "kms:Decrypt", keyArn)).allowed, "direct use, not through S3")
        #expect(!evaluator.kms(request(adminRole, "kms:Decrypt", keyArn)).allowed, "IAM alone never grants key use")
        #expect(evaluator.kms(request(adminRole, "kms:DescribeKey", keyArn)).allowed, "delegated to the account: IAM decides")
        #expect(!evaluator.kms(request(role, "kms:DescribeKey", keyArn)).allowed, "delegated, but this role's IAM does not allow it")
    }

    @Test func unmodelledOperatorsAreRefusedNotIgnored() {
        #expect(throws: SimulationError.self) {
            try SimPolicy(name: "p.json", json: #"{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}}]}"#)
        }
        #expect(throws: SimulationError.self) { try SimPolicy(name: "p.json", json: "not json") }
    }
}

@Suite struct AccessMatrixTests {
    @Test(arguments: Preset.all.map(\.name))
    func everyPresetKeepsEveryIntent(_ name: String) throws {
        let matrix = try Preset.named(name)!.plan.accessMatrix()
        for intent in matrix.intents { #expect(intent.holds, "\(name): \(intent.id): \(intent.violations.prefix(3))") }
        #expect(matrix.intents.count >= 7)
        // The matrix is exported as simulation.txt, so the artifact golden files record it.
        #expect(Preset.named(name)!.plan.artifacts()[Plan.simulationFileName]?.contents == matrix.text())
    }

    @Test func cellsAreTracedToStatements() throws {
        let matrix = try Plan.example.accessMatrix()
        let read = try #require(matrix.cell("role reports", .read, .endpoint))
        #expect(read.decision.allowed)
        #expect(read.decision.reasons.contains("bucket-policy.json › AllowReportsObjects"))
        #expect(read.decision.reasons.contains("key-policy.json › DataRolesDecryptThroughS3"))
        let leak = try #require(matrix.cell("another role in the account (*:*)", .read, .internet))
        #expect(!leak.decision.allowed)
        #expect(leak.decision.reasons.contains("bucket-policy.json › DenyOutsideVpce"))
        #expect(leak.decision.reasons.contains("bucket-policy.json › DenyObjectAccessToOtherPrincipals"))
        let admin = try #require(matrix.cell("key admin security-kms-admin", .decryptDirectly, .endpoint))
        #expect(admin.decision.reasons == ["key-policy.json › DenyKeyUseByAdministrators"])
    }

    @Test func prefixesHoldEvenWithAdministratorAccess() throws {
        // The uploader may write incoming/ only; with *:* attached it still cannot write processed/.
        let plan = Preset.readerWriter.plan
        let rendered = plan.policies.rendered(References(plan))
        let bucket = try SimPolicy(name: "bucket-policy.json", json: rendered.files[0].text.replacingOccurrences(of: "<BUCKET_NAME>", with: "b"))
        let evaluator = PolicyEvaluator(bucketPolicy: bucket, endpointPolicy: nil, keyPolicy: nil, resourceAccount: "444455556666")
        let uploader = SimPrincipal(label: "u", arn: "arn:aws:iam::444455556666:role/claims-uploader", identityPolicies: [.administratorAccess])
        func put(_ key: String) -> Decision {
            evaluator.s3(SimRequest(principal: uploader, action: "s3:PutObject", resource: "arn:aws:s3:::b/\(key)",
                                    context: ["aws:SourceVpc": ["vpc-0123456789abcdef0"], "aws:SecureTransport": ["true"], "s3:TlsVersion": ["1.3"],
                                              "aws:RequestedRegion": ["eu-west-1"]]), viaEndpoint: false)
        }
        #expect(put("incoming/x.csv").allowed)
        #expect(put("processed/x.csv") == .deny(["bucket-policy.json › DenyUploaderOutsideItsPrefixes"]))
    }

    @Test func theDenialsAreLayered() throws {
        // Removing the data-access deny alone does not open the data: the VPC deny and the endpoint still hold it.
        let plan = Plan.example
        let rendered = plan.policies.rendered(References(plan))
        func without(_ sids: Set<String>) -> String {
            var object = try! JSONSerialization.jsonObject(with: Data(rendered.files[0].text.utf8)) as! [String: Any]
            object["Statement"] = (object["Statement"] as! [[String: Any]]).filter { !sids.contains($0["Sid"] as! String) }
            return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }
        let endpoint = rendered.files.first { $0.file == "endpoint-policy.json" }!.text.replacingOccurrences(of: "<VPC_ENDPOINT_ID>", with: "vpce-0a0a0a0a0a0a0a0a0")
        func audit(_ bucketPolicy: String) throws -> AccessMatrix {
            try Audit(bucketPolicy: bucketPolicy.replacingOccurrences(of: "<VPC_ENDPOINT_ID>", with: "vpce-0a0a0a0a0a0a0a0a0"),
                      endpointPolicy: endpoint, keyPolicy: nil,
                      roles: [("arn:aws:iam::111122223333:role/pii-reports-prod-reports", #"{"Statement":[]}"#, "none")], region: "us-east-1").accessMatrix()
        }
        let layered = try audit(without(["DenyObjectAccessToOtherPrincipals"]))
        #expect(layered.intents.first { $0.id == .onlyListedRoles }?.holds == true, "the VPC deny and the endpoint policy still stop everyone else")
        #expect(layered.cell("another role in the account (*:*)", .read, .internet)?.decision.allowed == false)
        #expect(layered.cell("another role in the account (*:*)", .read, .endpoint)?.decision.allowed == false)
        let open = try audit(without(["DenyObjectAccessToOtherPrincipals", "DenyOutsideVpce"]))
        #expect(open.cell("another role in the account (*:*)", .read, .internet)?.decision.allowed == true)
    }

    @Test func theSourceArticlesPoliciesLeakToEveryOtherRole() throws {
        let dir = Repo.docs.appendingPathComponent("examples/source-article")
        func read(_ name: String) throws -> String { try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) }
        let lambda = "arn:aws:iam::111122223333:role/pii-reports-lambda-role"
        let audit = Audit(bucketPolicy: try read("bucket-policy.json"), endpointPolicy: try read("endpoint-policy.json"), keyPolicy: nil,
                          roles: [(lambda, try read("lambda-role-policy.json"), "lambda-role-policy.json")], region: "us-east-1")
        let matrix = try audit.accessMatrix()
        // A second role in the account reads the data from the internet, and can delete the bucket policy.
        let other = "another role in the account (*:*)"
        #expect(matrix.cell(other, .read, .internet)?.decision.allowed == true)
        #expect(matrix.cell(other, .deleteBucketPolicy, .internet)?.decision.allowed == true)
        #expect(matrix.cell("role pii-reports-lambda-role", .read, .internet)?.decision.allowed == false, "only the Lambda role is kept in")
        #expect(matrix.intents.first { $0.id == .onlyListedRoles }?.holds == false)
        #expect(matrix.intents.first { $0.id == .nothingOutsideTheVpc }?.holds == false)
        // With its key policy, reads stop at KMS — but the account may rewrite the key policy, so the leak is one call away.
        let withKey = Audit(bucketPolicy: try read("bucket-policy.json"), endpointPolicy: try read("endpoint-policy.json"),
                            keyPolicy: try read("key-policy.json"),
                            roles: [(lambda, try read("lambda-role-policy.json"), "lambda-role-policy.json")], region: "us-east-1")
        let keyed = try withKey.accessMatrix()
        #expect(keyed.cell(other, .read, .internet)?.decision.allowed == false)
        #expect(keyed.cell(other, .changeKeyPolicy, .internet)?.decision.allowed == true)
        #expect(keyed.cell(other, .delete, .internet)?.decision.allowed == true)
    }

    @Test func jsonOutputIsValidAndComplete() throws {
        let matrix = try Plan.example.accessMatrix()
        let object = try #require(parsedJSON(matrix.json) as? [String: Any])
        let cells = try #require(object["cells"] as? [[String: Any]])
        #expect(cells.count == matrix.principals.count * AccessAction.allCases.count * matrix.paths.count)
        #expect((object["intents"] as? [[String: Any]])?.allSatisfy { $0["holds"] as? Bool == true } == true)
    }

    @Test func uploadEnforcementModesBehaveAsDocumented() throws {
        // Lenient lets SDK clients that send no headers use default encryption; strict refuses them. Both refuse
        // another key, and aws:kms without a key id (which would use the AWS-managed aws/s3 key).
        func upload(_ mode: UploadEnforcement, _ headers: [String: [String]]) throws -> Bool {
            var edited = Preset.maximumProtection.plan
            edited.encryption.uploadEnforcement = mode
            let plan = edited
            let rendered = plan.policies.rendered(References(plan), sample: { $0.sample(plan) })
            let bucket = try SimPolicy(name: "bucket-policy.json", json: rendered.files[0].text)
            let evaluator = PolicyEvaluator(bucketPolicy: bucket, endpointPolicy: nil, keyPolicy: nil, resourceAccount: "111122223333")
            let ingest = SimPrincipal(label: "ingest", arn: "arn:aws:iam::111122223333:role/medical-records-prod-ingest")
            var context: [String: [String]] = ["aws:SourceVpce": ["vpce-0a0a0a0a0a0a0a0a0"], "aws:SecureTransport": ["true"], "s3:TlsVersion": ["1.3"]]
            context.merge(headers) { $1 }
            return evaluator.s3(SimRequest(principal: ingest, action: "s3:PutObject", resource: "arn:aws:s3:::medical-records-prod-111122223333-us-east-1-an/inbox/a",
                                           context: context), viaEndpoint: false).allowed
        }
        let key = "arn:aws:kms:us-east-1:111122223333:key/0a1b2c3d-0000-4000-8000-000000000001"
        let sse = "s3:x-amz-server-side-encryption", keyId = "s3:x-amz-server-side-encryption-aws-kms-key-id"
        #expect(try upload(.lenient, [:]))
        #expect(try !upload(.strict, [:]))
        #expect(try upload(.strict, [sse: ["aws:kms"], keyId: [key]]))
        for mode in [UploadEnforcement.lenient, .strict] {
            #expect(try !upload(mode, [sse: ["aws:kms"], keyId: ["arn:aws:kms:us-east-1:111122223333:key/another"]]), "\(mode)")
            #expect(try !upload(mode, [sse: ["aws:kms"]]), "\(mode): aws:kms without a key id")
            #expect(try !upload(mode, [sse: ["AES256"]]), "\(mode): SSE-S3")
        }
        #expect(try upload(.off, [sse: ["AES256"]]))
    }

    @Test(arguments: [UploadEnforcement.off, .lenient, .strict])
    func customerKeyUploadsAreDeniedInEveryMode(_ mode: UploadEnforcement) throws {
        // A data role with write access, through the endpoint: an SSE-C upload is denied, an aws:kms upload with
        // this key goes through (S3 and KMS), whatever the upload enforcement.
        var edited = Plan.example
        edited.dataAccess.roles[0].access = .readWrite
        edited.encryption.uploadEnforcement = mode
        let matrix = try edited.accessMatrix()
        let role = "role \(edited.dataAccess.roles[0].name)"
        let sseC = try #require(matrix.cell(role, .writeCustomerKey, .endpoint))
        #expect(!sseC.decision.allowed, "\(mode)")
        #expect(sseC.decision.reasons.contains("bucket-policy.json › DenyUploadsWithCustomerKeys"), "\(mode): \(sseC.decision.reasons)")
        #expect(matrix.cell(role, .write, .endpoint)?.decision.allowed == true, "\(mode): aws:kms with this key")
        #expect(matrix.cell(role + " + AdministratorAccess", .writeCustomerKey, .endpoint)?.decision.allowed == false)
        #expect(matrix.intents.first { $0.id == .noCustomerKeys }?.holds == true)
        #expect(matrix.brokenIntents.isEmpty, "\(mode): \(matrix.brokenIntents.map { $0.id })")
    }

    @Test func theBucketBlocksCustomerKeysWithAProviderThatKeepsTheSetting() throws {
        let files = Plan.example.artifacts()
        let s3 = try #require(files["terraform/s3.tf"]?.contents)
        #expect(s3.contains(#"blocked_encryption_types = ["SSE-C"]"#))
        #expect(try #require(files["terraform/versions.tf"]?.contents).contains(#"version = "~> 6.40""#))
    }

    @Test(arguments: [TLSVersion.v1_2, .v1_3])
    func tls12IsRefusedOnlyWhenTls13IsRequired(_ minimum: TLSVersion) throws {
        var plan = Plan.example
        plan.transport.minimumTls = minimum
        let matrix = try plan.accessMatrix()
        let tls12 = try #require(matrix.cell("role reports", .read, .tls12))
        #expect(tls12.decision.allowed == (minimum == .v1_2), "\(minimum)")
        if minimum == .v1_3 { #expect(tls12.decision.reasons.contains("bucket-policy.json › DenyTlsBelow13")) }
        #expect(matrix.cell("role reports", .read, .plainHttp)?.decision.allowed == false)
        #expect(matrix.intents.first { $0.id == .tlsOnly }?.holds == true, "\(minimum)")
    }

    /// Every bucket-configuration write in S3Actions.governance, from inside the VPC through the endpoint:
    /// a non-deployer with *:* is denied by DenyProtectionChangesExceptDeployer itself (the bucket policy
    /// alone, so the endpoint policy's own deny does not hide it); a deployer is allowed (from outside, where
    /// the deployers manage the bucket, and by the bucket policy alone through the endpoint too).
    @Test(arguments: S3Actions.governance)
    func bucketConfigurationWritesAreForTheDeployersOnly(_ action: String) throws {
        let plan = Plan.example
        let sample: @Sendable (Placeholder) -> String = { $0.sample(plan) }
        let rendered = plan.policies.rendered(References(plan), sample: sample)
        var resolver = JSONRenderer(References(plan), sample: sample)
        let bucketArn = resolver.resolve(Text(.bucketArn))
        let bucket = try SimPolicy(name: "bucket-policy.json", json: rendered.files[0].text)
        let endpoint = try SimPolicy(name: "endpoint-policy.json", json: rendered.files.first { $0.file == "endpoint-policy.json" }!.text)
        let account = resolver.resolve(Text(.accountId))
        let other = SimPrincipal(label: "other", arn: "arn:aws:iam::\(account):role/any-other-role", identityPolicies: [.administratorAccess])
        let deployer = SimPrincipal(label: "deployer", arn: plan.keyAdministration.deployerArns[0], identityPolicies: [.administratorAccess])
        let inside: [String: [String]] = ["aws:SourceVpce": ["vpce-0a0a0a0a0a0a0a0a0"], "aws:SourceVpc": [plan.network.vpcId],
                                          "aws:SecureTransport": ["true"], "s3:TlsVersion": ["1.3"], "aws:RequestedRegion": [plan.basics.region]]
        let outside: [String: [String]] = ["aws:SourceIp": ["203.0.113.10"], "aws:SecureTransport": ["true"], "s3:TlsVersion": ["1.3"],
                                           "aws:RequestedRegion": [plan.basics.region]]
        func decide(_ who: SimPrincipal, _ context: [String: [String]], endpointPolicy: SimPolicy?, viaEndpoint: Bool) -> Decision {
            PolicyEvaluator(bucketPolicy: bucket, endpointPolicy: endpointPolicy, keyPolicy: nil, resourceAccount: account)
                .s3(SimRequest(principal: who, action: action, resource: bucketArn, context: context), viaEndpoint: viaEndpoint)
        }
        let denied = decide(other, inside, endpointPolicy: nil, viaEndpoint: false)
        #expect(!denied.allowed, "\(action)")
        #expect(denied.reasons.contains("bucket-policy.json › DenyProtectionChangesExceptDeployer"), "\(action): \(denied.reasons)")
        #expect(!decide(other, inside, endpointPolicy: endpoint, viaEndpoint: true).allowed, "\(action) with the endpoint policy")
        #expect(decide(deployer, inside, endpointPolicy: nil, viaEndpoint: false).allowed, "\(action): deployer, bucket policy alone")
        #expect(decide(deployer, outside, endpointPolicy: nil, viaEndpoint: false).allowed, "\(action): deployer from outside")
    }

    @Test func theGovernanceListIsExactAndFitsThePolicyLimit() throws {
        let actions = S3Actions.governance
        #expect(Set(actions.map { $0.lowercased() }).count == actions.count, "no action twice")
        #expect(actions.allSatisfy { !$0.contains("*") && !$0.contains("?") }, "no wildcards: every action is named")
        for required in ["s3:PutInventoryConfiguration", "s3:CreateBucketMetadataTableConfiguration", "s3:PutBucketPolicy",
                         "s3:PutAnalyticsConfiguration", "s3:PutReplicationConfiguration", "s3:PutBucketLogging"] {
            #expect(actions.contains(required), "\(required)")
        }
        for preset in Preset.all {
            let plan = preset.plan
            let size = try #require(plan.policies.rendered(References(plan)).compactSize("bucket-policy.json"))
            #expect(size < 20_480, "\(preset.name): \(size) characters")
        }
    }
}
