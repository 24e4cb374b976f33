import Foundation
import Testing
@testable import S3HardeningCore

// The live audit's pure parts: the CLI's error output classified, the retry schedule, whole-value checks before
// any call, the audit of a bucket read into memory, and the access-analyzer script. The runs through the real
// `aws` against a moto server are in scripts/moto-audit.sh.

/// Records the calls a runner gets and answers from a script of outputs.
private final class Script: @unchecked Sendable {
    private let lock = NSLock()
    private var outputs: [ProcessOutput]
    private(set) var calls: [[String]] = []
    private(set) var sleeps: [Double] = []
    init(_ outputs: [ProcessOutput]) { self.outputs = outputs }
    func next(_ args: [String]) -> ProcessOutput {
        lock.lock(); defer { lock.unlock() }
        calls.append(args)
        return outputs.count > 1 ? outputs.removeFirst() : outputs[0]
    }
    func slept(_ s: Double) { lock.lock(); sleeps.append(s); lock.unlock() }
}

@Suite struct AWSCLITests {
    /// A directory holding an executable named `aws`, so the PATH search succeeds; the runner never runs it.
    static let fakePath: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("s3wizard-awscli-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("aws").path
        FileManager.default.createFile(atPath: file, contents: Data("#!/bin/sh\nexit 99\n".utf8), attributes: [.posixPermissions: 0o755])
        return dir.path
    }()

    private func cli(_ script: Script, options: AWSOptions = AWSOptions()) -> AWSCLI {
        AWSCLI(options: options, environment: ["PATH": Self.fakePath], run: { _, args, _ in script.next(args) },
               sleep: { script.slept($0) })
    }

    private static func error(_ code: String, _ op: String) -> ProcessOutput {
        ProcessOutput(status: 254, stdout: "", stderr: "\nAn error occurred (\(code)) when calling the \(op) operation: message\n")
    }

    @Test func everyCallIsReadOnly() {
        for call in ReadCall.allCases {
            let operation = call.words[1]
            #expect(["get-", "describe-", "list-"].contains { operation.hasPrefix($0) }, "\(call.rawValue) is not a read")
            #expect(call.permission.contains(":"), "\(call.rawValue) names no permission")
        }
    }

    @Test(arguments: [
        ("Unable to locate credentials. You can configure credentials by running \"aws configure\".", "noCredentials"),
        ("\nAn error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired", "expired"),
        ("\nAn error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.", "expired"),
        ("Error when retrieving token from sso: Token has expired and refresh failed", "expired"),
        ("The config profile (prod) could not be found", "profile"),
        ("\nAn error occurred (SlowDown) when calling the GetBucketPolicy operation (reached max retries: 4): Please reduce your request rate.", "throttled"),
        ("\nAn error occurred (ThrottlingException) when calling the DescribeKey operation: Rate exceeded", "throttled"),
        ("\nAn error occurred (AccessDenied) when calling the GetBucketPolicy operation: Access Denied", "denied"),
        ("\nAn error occurred (NoSuchBucket) when calling the GetBucketPolicy operation: The specified bucket does not exist", "missing"),
        ("Could not connect to the endpoint URL: \"http://127.0.0.1:9/\"", "connection"),
    ])
    func classifiesTheCLIsErrors(_ stderr: String, _ kind: String) {
        let fault = AWSCLI.classify(stderr, call: .bucketPolicy)
        let got: String = switch fault {
        case .noCredentials: "noCredentials"
        case .expiredCredentials: "expired"
        case .profileNotFound: "profile"
        case .throttled: "throttled"
        case .accessDenied: "denied"
        case .bucketMissing: "missing"
        case .connection: "connection"
        default: "\(fault)"
        }
        #expect(got == kind)
        #expect(!fault.description.isEmpty)
    }

    @Test func credentialFaultsSayHowToSignIn() {
        #expect(AWSFault.noCredentials("x").description.contains("aws configure"))
        #expect(AWSFault.expiredCredentials("x").description.contains("aws sso login"))
        #expect(AWSFault.notInstalled.description.contains("getting-started-install"))
        #expect(AWSFault.accessDenied(.keyPolicy, code: "AccessDeniedException").description.contains("kms:GetKeyPolicy"))
    }

    @Test func throttlingIsRetriedWithBackoffThenSucceeds() throws {
        let script = Script([Self.error("SlowDown", "GetBucketPolicy"), Self.error("SlowDown", "GetBucketPolicy"),
                             ProcessOutput(status: 0, stdout: #"{"Policy": "{}"}"#, stderr: "")])
        let json = try cli(script).call(.bucketPolicy, ["--bucket", "b"])
        #expect(json?["Policy"]?.string == "{}")
        #expect(script.sleeps == [1, 2])
        #expect(script.calls.count == 3)
    }

    @Test func throttlingThatPersistsEndsTheAudit() {
        let script = Script([Self.error("Throttling", "GetBucketPolicy")])
        #expect(throws: AWSFault.throttled(.bucketPolicy)) { try cli(script).call(.bucketPolicy) }
        #expect(script.sleeps == [1, 2, 4, 8])
    }

    @Test func absentConfigurationIsAStateNotAnError() throws {
        let script = Script([Self.error("NoSuchBucketPolicy", "GetBucketPolicy")])
        #expect(try cli(script).call(.bucketPolicy) == nil)
    }

    @Test func optionsGoAfterTheCallAndOutputIsJSON() throws {
        let script = Script([ProcessOutput(status: 0, stdout: "", stderr: "")])
        _ = try cli(script, options: AWSOptions(profile: "prod", region: "eu-west-1", endpointURL: "http://127.0.0.1:5000")).call(.versioning, ["--bucket", "b"])
        #expect(script.calls == [["s3api", "get-bucket-versioning", "--bucket", "b", "--output", "json", "--profile", "prod",
                                  "--region", "eu-west-1", "--endpoint-url", "http://127.0.0.1:5000"]])
    }

    @Test func awsMissingFromPath() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("s3wizard-nopath-\(getpid())")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let cli = AWSCLI(options: AWSOptions(), environment: ["PATH": empty.path])
        #expect(throws: AWSFault.notInstalled) { try cli.call(.callerIdentity) }
    }

    @Test func valuesAreCheckedWholeBeforeAnyCall() {
        #expect(!AWSOptions(profile: "--debug").problems().isEmpty)
        #expect(!AWSOptions(region: "eu-west-1\n").problems().isEmpty)
        #expect(!AWSOptions(endpointURL: "http://x y").problems().isEmpty)
        #expect(AWSOptions(profile: "prod-admin", region: "eu-west-1", endpointURL: "https://s3.example.com:443").problems().isEmpty)
        let script = Script([ProcessOutput(status: 0, stdout: "{}", stderr: "")])
        for name in ["--recursive", "a", "Bucket", "bucket..name", "b\u{1B}[2J"] {
            #expect(throws: AWSFault.self) { try BucketReader(cli: cli(script)).read(bucket: name) }
        }
        #expect(script.calls.isEmpty, "a bad bucket name must not reach the CLI")
    }

    @Test func callerSessionsBecomeTheirRoles() {
        #expect(BucketReader.principalArn("arn:aws:sts::111122223333:assumed-role/deployer/ci-42") == "arn:aws:iam::111122223333:role/deployer")
        #expect(BucketReader.principalArn("arn:aws:iam::111122223333:user/alice") == "arn:aws:iam::111122223333:user/alice")
        #expect(BucketReader.roleArns(in: #"{"Statement":[{"Principal":{"AWS":["arn:aws:iam::111122223333:role/a","arn:aws:iam::999999999999:role/b"]}}]}"#,
                                      account: "111122223333") == ["arn:aws:iam::111122223333:role/a"])
    }
}

@Suite struct LiveAuditTests {
    static func article(policy: String? = nil) throws -> LiveBucket {
        let dir = Repo.docs.appendingPathComponent("examples/source-article")
        func read(_ name: String) throws -> String { try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) }
        let account = "111122223333"
        let uploader = "arn:aws:iam::\(account):role/pii-reports-uploader-role"
        // The article's wrap-up: a second service's role added to the key and endpoint policies only.
        let key = try read("key-policy.json").replacingOccurrences(of: #""AWS": "arn:aws:iam::111122223333:role/pii-reports-lambda-role""#,
                                                                   with: #""AWS": ["arn:aws:iam::111122223333:role/pii-reports-lambda-role", "\#(uploader)"]"#)
        let endpoint = try read("endpoint-policy.json").replacingOccurrences(of: #""aws:PrincipalArn": "arn:aws:iam::111122223333:role/pii-reports-lambda-role""#,
                                                                             with: #""aws:PrincipalArn": ["arn:aws:iam::111122223333:role/pii-reports-lambda-role", "\#(uploader)"]"#)
        let keyArn = "arn:aws:kms:us-east-1:\(account):key/0a1b2c3d-0000-4000-8000-00000000000a"
        return LiveBucket(
            bucket: "pii-reports-sturdy-otter", account: account, callerArn: "arn:aws:sts::\(account):assumed-role/admin/alice",
            callerPrincipalArn: "arn:aws:iam::\(account):role/admin", region: "us-east-1", partition: "aws",
            policy: .value(try policy ?? read("bucket-policy.json")),
            encryption: .value(LiveEncryption(algorithm: "aws:kms", keyId: keyArn, bucketKey: false, blocksCustomerKeys: false)),
            publicAccessBlock: .absent, ownership: .value("ObjectWriter"), versioning: .value("never enabled"), lifecycle: .absent,
            loggingTarget: .unknown(.logging, "denied: needs s3:GetBucketLogging"), objectLock: .absent, eventBridge: .value(false),
            replicationRules: .absent,
            key: .value(LiveKey(arn: keyArn, manager: "CUSTOMER", state: "Enabled", policy: .value(key), rotation: .value(false), aliases: .value([]))),
            endpoints: .value([LiveEndpoint(id: "vpce-1a2b3c4d5e6f70809", vpcId: "vpc-0a1b2c3d4e5f60789", serviceName: "com.amazonaws.us-east-1.s3",
                                            policy: endpoint, routeTableIds: ["rtb-0a1b2c3d4e5f60781"])]),
            routeTables: .value(["rtb-0a1b2c3d4e5f60781"]),
            roles: [("arn:aws:iam::\(account):role/pii-reports-lambda-role", .value(true)), (uploader, .value(true))])
    }

    @Test func theArticlesSecondRoleReadsFromTheInternet() throws {
        let audit = try LiveAudit(Self.article())
        #expect(audit.matrix.cell("role pii-reports-uploader-role", .read, .internet)?.decision.allowed == true)
        #expect(audit.matrix.cell("role pii-reports-lambda-role", .read, .internet)?.decision.allowed == false)
        #expect(audit.matrix.intents.first?.holds == false, "broken intents come first")
        #expect(audit.matrix.brokenIntents.contains { $0.id == .nothingOutsideTheVpc })
        #expect(audit.exitStatus == 1)
        #expect(audit.text.contains("Reach the data from the internet today: role pii-reports-uploader-role (read, write, delete)"))
    }

    @Test func everyControlHasAStateTodayAndUnreadOnesAreUnknown() throws {
        let audit = try LiveAudit(Self.article())
        #expect(audit.controls.map(\.control.id) == ControlID.allCases)
        func today(_ id: ControlID) -> LiveState.Kind? { audit.controls.first { $0.control.id == id }?.today.kind }
        #expect(today(.accessLogging) == .unknown)
        #expect(today(.publicAccessBlock) == .off)
        #expect(today(.vpcOnly) == .off)
        #expect(today(.keyRotation) == .off)
        #expect(today(.keyAdminSeparation) == .partial)
        #expect(today(.objectOwnership) == .off)
        #expect(audit.text.contains("turning it on can break:"))
        #expect(audit.json.contains(#""today": "unknown""#))
    }

    @Test func thePrefilledAnswersValidateAndMarkTheirGuesses() throws {
        let audit = try LiveAudit(Self.article())
        #expect(audit.plan.diagnostics.errors.isEmpty, "\(audit.plan.diagnostics.errors)")
        #expect(try AnswersFile.parse(audit.answersFile) == audit.plan)
        #expect(audit.plan.network.endpointId == "vpce-1a2b3c4d5e6f70809")
        #expect(audit.plan.encryption.existingKeyArn?.hasSuffix("00000000000a") == true)
        #expect(audit.plan.dataAccess.roles.map(\.arn) == ["arn:aws:iam::111122223333:role/pii-reports-lambda-role",
                                                           "arn:aws:iam::111122223333:role/pii-reports-uploader-role"])
        #expect(audit.plan.keyAdministration.deployerArns == ["arn:aws:iam::111122223333:role/admin"])
        let lines = audit.answersFile.split(separator: "\n").map(String.init)
        // Each guess sits right above (or among the comments above) the line of its field.
        let deployer = try #require(lines.firstIndex { $0.hasPrefix("  deployer_arns:") })
        #expect(lines[deployer - 1].contains("# GUESSED key_administration.deployer_arns"))
    }

    @Test func aMalformedLivePolicyIsAnError() throws {
        #expect(throws: SimulationError.self) { try LiveAudit(Self.article(policy: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny""#)) }
    }

    @Test func textFromAWSCannotDriveTheTerminal() {
        #expect(LiveAudit.terminalSafe("Sid\u{1B}[2J\u{9B}x\nnext") == "Sid?[2J?x\nnext")
    }

    @Test func aHostileSidIsEscapedInJSONAndDefusedInText() throws {
        let policy = try String(contentsOf: Repo.docs.appendingPathComponent("examples/source-article/bucket-policy.json"), encoding: .utf8)
            .replacingOccurrences(of: "DenyAllUnlessFromSpecificVPCe", with: #"Deny\u001b[2J\"},\n{"#)
        let audit = try LiveAudit(Self.article(policy: policy))
        #expect(!audit.text.unicodeScalars.contains("\u{1B}"))
        let parsed = try JSONSerialization.jsonObject(with: Data(audit.json.utf8)) as? [String: Any]
        let because = (parsed?["cells"] as? [[String: Any]])?.flatMap { $0["because"] as? [String] ?? [] } ?? []
        #expect(because.contains { $0.contains("Deny\u{1B}[2J\"},\n{") }, "the Sid survives the JSON round trip unchanged")
    }
}

@Suite struct AnalyzerChecksTests {
    @Test(arguments: Preset.all.map(\.name))
    func everyPolicyIsChecked(_ name: String) throws {
        let artifacts = Preset.named(name)!.plan.artifacts()
        let script = try #require(artifacts[AnalyzerChecks.path]?.contents)
        let policies = artifacts.files.map(\.path).filter { $0.hasPrefix("policies/") }
        #expect(!policies.isEmpty)
        for path in policies {
            #expect(script.contains("validate '\(path)' "), "\(path) is not validated")
            let file = path.split(separator: "/").last!
            if file.contains("bucket-policy") { #expect(script.contains("no_public_access '\(path)' 'AWS::S3::Bucket'")) }
            if file.contains("key-policy") { #expect(script.contains("no_public_access '\(path)' 'AWS::KMS::Key'")) }
            if path.hasPrefix("policies/access-points/") { #expect(script.contains("no_public_access '\(path)' 'AWS::S3::AccessPoint'")) }
            if file == "identity-policy.json" { #expect(script.contains("access_not_granted '\(path)'")) }
        }
        for placeholder in artifacts.placeholders {
            #expect(placeholder.name.allSatisfy { $0.isUppercase || $0 == "_" }, "a placeholder name becomes a shell variable")
            #expect(script.contains("<\(placeholder.name)>|${\(placeholder.name):-"))
        }
    }

    @Test func theScriptIsValidBash() throws {
        let script = try #require(Plan.example.artifacts()[AnalyzerChecks.path]?.contents)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("access-analyzer-\(getpid()).sh")
        try script.write(to: file, atomically: true, encoding: .utf8)
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = ["-n", file.path]
        try bash.run()
        bash.waitUntilExit()
        #expect(bash.terminationStatus == 0)
    }

    @Test func onlyJSONOutputsCarryIt() {
        #expect(Plan.example.artifacts(formats: [.terraform])[AnalyzerChecks.path] == nil)
    }
}

@Suite struct BucketReaderFaultTests {
    @Test func aBucketOfAnotherAccountIsRefusedWithTheReason() {
        // S3 answers 403 when --expected-bucket-owner is not the bucket's owner (S3 User Guide, "Verifying bucket ownership").
        let script = Script([ProcessOutput(status: 0, stdout: #"{"Account": "111122223333", "Arn": "arn:aws:iam::111122223333:user/alice"}"#, stderr: ""),
                             ProcessOutput(status: 254, stdout: "", stderr: "An error occurred (AccessDenied) when calling the GetBucketLocation operation: Access Denied")])
        let cli = AWSCLI(options: AWSOptions(), environment: ["PATH": AWSCLITests.fakePath], run: { _, args, _ in script.next(args) }, sleep: { _ in })
        #expect {
            try BucketReader(cli: cli).read(bucket: "someone-elses-bucket")
        } throws: { error in
            (error as? AWSFault)?.description.contains("is not in account 111122223333") == true
        }
        #expect(script.calls.last?.contains("--expected-bucket-owner") == true)
    }
}

@Suite struct BucketReaderConcurrencyTests {
    /// Every setting denied: the ten concurrent reads each come back unknown, with the permission they need.
    @Test func deniedSettingsAreAllReadAndMarkedUnknown() throws {
        let seen = Script([ProcessOutput(status: 0, stdout: "", stderr: "")])
        let cli = AWSCLI(options: AWSOptions(), environment: ["PATH": AWSCLITests.fakePath], run: { _, args, _ in
            _ = seen.next(args)
            switch args[1] {
            case "get-caller-identity": return ProcessOutput(status: 0, stdout: #"{"Account": "111122223333", "Arn": "arn:aws:iam::111122223333:user/alice"}"#, stderr: "")
            case "get-bucket-location": return ProcessOutput(status: 0, stdout: #"{"LocationConstraint": "eu-west-1"}"#, stderr: "")
            default: return ProcessOutput(status: 254, stdout: "", stderr: "An error occurred (AccessDenied) when calling the X operation: Access Denied")
            }
        }, sleep: { _ in })
        let live = try BucketReader(cli: cli).read(bucket: "pii-data")
        #expect(live.region == "eu-west-1")
        #expect(Set(live.unreadable.map(\.call)) == [.bucketPolicy, .bucketEncryption, .publicAccessBlock, .ownershipControls, .versioning,
                                                     .lifecycle, .logging, .objectLock, .notifications, .replication])
        #expect(live.unreadable.first { $0.call == .bucketPolicy }?.why == "denied: needs s3:GetBucketPolicy")
        #expect(seen.calls.filter { $0.contains("--expected-bucket-owner") }.count == 11)
        let audit = try LiveAudit(live)
        #expect(audit.controls.first { $0.control.id == .versioning }?.today.kind == .unknown)
        #expect(audit.exitStatus != 0)
    }
}
