import Foundation
import Testing
@testable import S3HardeningCore

/// The offline proof is a gate: no output is written for a plan that breaks its own intents, unless the
/// answers accept the intent knowingly; and every principal s3wizard names lives in the bucket's account.
@Suite struct ProofGateTests {
    /// The reproduction of issue 8: only the account id changes, so the example's deployer and admin are now
    /// in another account.
    static func movedAccount() -> Plan {
        var plan = Plan.example
        plan.basics.accountId = "444455556666"
        plan.basics.bucketName = nil
        return plan
    }

    @Test func aDeployerInAnotherAccountIsRefusedWithTheReason() {
        let plan = Self.movedAccount()
        let errors = plan.diagnostics.errors
        let deployer = errors.first { $0.path.description == "key_administration.deployer_arns[0]" }
        #expect(deployer?.message.contains("is in account 111122223333, not basics.account_id 444455556666") == true, "\(errors)")
        #expect(deployer?.message.contains("PutBucketPolicy") == true)
        #expect(deployer?.message.contains("assume_role") == true, "says what to do")
        let admin = errors.first { $0.path.description == "key_administration.admin_role_arns[0]" }
        #expect(admin?.message.contains("KMS refuses key management") == true, "\(errors)")
        let (diagnostics, _) = plan.generate(proof: true)
        #expect(!diagnostics.errors.isEmpty, "generate refuses it too")
    }

    @Test func theProofAloneCatchesTheSamePlan() throws {
        // Without the field rule, the simulator still finds it: the bucket policy does not let another account
        // manage the bucket, and KMS refuses key management across accounts.
        let matrix = try Self.movedAccount().accessMatrix()
        let broken = Set(matrix.brokenIntents.map(\.id))
        #expect(broken.contains(.deployersCanManage))
        let proof = Self.movedAccount().proofDiagnostics(matrix)
        let onDeployer = proof.errors.first { $0.path.description == "key_administration.deployer_arns[0]" }
        #expect(onDeployer?.message.contains("breaks intent deployers-can-manage") == true, "\(proof)")
        #expect(onDeployer?.message.contains("deployer terraform-deployer is denied") == true, "names the first violating request")
        #expect(onDeployer?.message.contains("proof.accepted_broken_intents") == true, "says how to accept it")
    }

    @Test func kmsRefusesKeyManagementFromAnotherAccount() throws {
        let matrix = try Self.movedAccount().accessMatrix()
        let cell = matrix.cell("key admin security-kms-admin", .changeKeyPolicy, .internet)
        #expect(cell?.decision.allowed == false)
        #expect(cell?.decision.reasons.first?.contains("from another account") == true, "\(String(describing: cell?.decision.reasons))")
        let policy = matrix.cell("deployer terraform-deployer", .changeBucketPolicy, .internet)
        #expect(policy?.decision.reasons.first?.contains("405") == true, "S3 refuses bucket-policy changes from another account: \(String(describing: policy?.decision.reasons))")
        let home = try Plan.example.accessMatrix().cell("key admin security-kms-admin", .changeKeyPolicy, .internet)
        #expect(home?.decision.allowed == true, "in the key's own account the same admin manages it")
    }

    @Test func dataRolesKeyAdminsAndExistingKeysInAnotherAccountAreExplained() {
        var plan = Plan.example
        plan.dataAccess.roles[0].source = .existing
        plan.dataAccess.roles[0].arn = "arn:aws:iam::999999999999:role/reader"
        #expect(plan.diagnostics.errors.contains { $0.path.description == "data_access.roles[0].arn" && $0.message.contains("use a role in account 111122223333") })
        plan = Plan.example
        plan.encryption.key = .existing
        plan.encryption.existingKeyArn = "arn:aws:kms:us-east-1:999999999999:key/0a1b2c3d-0000-4000-8000-000000000009"
        plan.encryption.manageExistingKeyPolicy = true
        let errors = plan.diagnostics.errors
        #expect(errors.contains { $0.path.description == "encryption.manage_existing_key_policy" && $0.message.contains("refuses PutKeyPolicy from another account") }, "\(errors)")
        #expect(errors.contains { $0.path.description == "key_administration.admin_role_arns[0]" && $0.message.contains("not the key's account 999999999999") }, "\(errors)")
    }

    /// A matrix whose first intent is broken by a stand-in request (shipped plans break none).
    static func brokenMatrix(_ plan: Plan) throws -> AccessMatrix {
        let proven = try plan.accessMatrix()
        let first = proven.intents[0]
        let broken = IntentResult(id: first.id, statement: first.statement,
                                  violations: [IntentViolation("another role in the account (*:*) is allowed read from the internet — stand-in", field: first.id.field)])
        return AccessMatrix(principals: proven.principals, cells: proven.cells, intents: [broken] + proven.intents.dropFirst(), notes: proven.notes)
    }

    @Test func aBrokenIntentIsAnErrorUnlessAcceptedWithAReason() throws {
        var plan = Plan.example
        let matrix = try Self.brokenMatrix(plan)
        let id = matrix.intents[0].id
        let errors = plan.proofDiagnostics(matrix).errors
        #expect(errors.count == 1)
        #expect(errors.first?.path == id.field)
        plan.proof.acceptedBrokenIntents = [AcceptedBrokenIntent(id, reason: "migration week; security approved (TICKET-42)")]
        let accepted = plan.proofDiagnostics(matrix)
        #expect(accepted.errors.isEmpty)
        #expect(accepted.warnings.contains { $0.path.description == "proof.accepted_broken_intents[0].intent" && $0.message.contains("BROKEN and accepted (migration week") })
        // Accepting an intent that holds is stale, and says so.
        let stale = plan.proofDiagnostics(try plan.accessMatrix())
        #expect(stale.warnings.contains { $0.message.contains("is accepted as broken but holds") })
        // The README leads with it.
        let readme = OutputReadme(plan: plan, paths: [], placeholders: [], warnings: [], controls: [], intents: matrix.intents,
                                  accepted: plan.acceptedBrokenIntents(in: matrix)).text
        #expect(readme.contains("## Accepted broken intents"))
        #expect(readme.contains("Reason given: migration week; security approved (TICKET-42)"))
        #expect(readme.contains("**BROKEN (accepted)**"))
    }

    @Test func acceptancesAreValidatedAndRoundTrip() throws {
        var plan = Plan.example
        plan.proof.acceptedBrokenIntents = [AcceptedBrokenIntent(.tlsOnly, reason: " "), AcceptedBrokenIntent(.tlsOnly, reason: "x")]
        let errors = plan.diagnostics.errors.map(\.path.description)
        #expect(errors.contains("proof.accepted_broken_intents[0].reason"))
        #expect(errors.contains("proof.accepted_broken_intents[1].intent"))
        plan.proof.acceptedBrokenIntents = [AcceptedBrokenIntent(.deployersCanManage, reason: "break-glass review \"Q3\"")]
        #expect(try AnswersFile.parse(AnswersFile.render(plan)) == plan)
        let text = AnswersFile.render(Plan.example).replacingOccurrences(of: "accepted_broken_intents: []",
                                                                         with: "accepted_broken_intents:\n    - intent: no-such-intent\n      reason: x")
        #expect(throws: AnswersError.self) { try AnswersFile.parse(text) }
        do { _ = try AnswersFile.parse(text) } catch { #expect(error.message.contains("deployers-can-manage"), "lists the intent ids") }
    }

    /// Answer changes a user makes, applied in random combinations to every preset: whatever the field rules
    /// let through must hold every intent, and `generate` never hands back files for a broken one.
    static let mutations: [(String, @Sendable (inout Plan) -> Void)] = [
        ("account moves", { $0.basics.accountId = "444455556666" }),
        ("account unset", { $0.basics.accountId = nil }),
        ("deployer elsewhere", { $0.keyAdministration.deployerArns.append("arn:aws:iam::999999999999:role/ci") }),
        ("second deployer", { $0.keyAdministration.deployerArns.append("arn:\($0.partition.rawValue):iam::\($0.accountId ?? "111122223333"):role/break-glass") }),
        ("admin elsewhere", { $0.keyAdministration.adminRoleArns.append("arn:aws:iam::999999999999:role/sec") }),
        ("no admins", { $0.keyAdministration.adminRoleArns = [] }),
        ("iam delegation", { $0.keyAdministration.iamDelegation.toggle() }),
        ("access up", { p in for i in p.dataAccess.roles.indices { p.dataAccess.roles[i].access = .readWriteDelete } }),
        ("access write-only", { p in if !p.dataAccess.roles.isEmpty { p.dataAccess.roles[0].access = .write } }),
        ("prefixes", { p in if !p.dataAccess.roles.isEmpty { p.dataAccess.roles[0].prefixes = ["incoming/", "shared/2026/"] } }),
        ("no prefixes", { p in for i in p.dataAccess.roles.indices { p.dataAccess.roles[i].prefixes = [] } }),
        ("via aws services", { p in for i in p.dataAccess.roles.indices { p.dataAccess.roles[i].viaAwsServices.toggle() } }),
        ("existing role", { p in
            var role = DataRole(); role.name = "legacy"; role.source = .existing
            role.arn = "arn:\(p.partition.rawValue):iam::\(p.accountId ?? "111122223333"):role/legacy-etl"; role.access = .readWrite
            p.dataAccess.roles.append(role) }),
        ("existing role elsewhere", { p in
            var role = DataRole(); role.name = "partner"; role.source = .existing; role.arn = "arn:aws:iam::999999999999:role/partner"
            p.dataAccess.roles.append(role) }),
        ("existing key", { p in
            p.encryption.key = .existing
            p.encryption.existingKeyArn = "arn:\(p.partition.rawValue):kms:\(p.basics.region):\(p.accountId ?? "111122223333"):key/0a1b2c3d-0000-4000-8000-00000000000a" }),
        ("manage key policy", { $0.encryption.manageExistingKeyPolicy.toggle() }),
        ("existing endpoint", { $0.network.endpoint = .existing; $0.network.endpointId = "vpce-0123456789abcdef0" }),
        ("source-vpc", { $0.network.condition = $0.network.condition == .sourceVpc ? .sourceVpce : .sourceVpc }),
        ("any bucket", { $0.network.otherS3Traffic = .anyBucket }),
        ("dedicated", { $0.network.otherS3Traffic = .none }),
        ("tls 1.3", { $0.transport.minimumTls = $0.transport.minimumTls == .v1_3 ? .v1_2 : .v1_3 }),
        ("uploads off", { $0.encryption.uploadEnforcement = .off }),
        ("uploads strict", { $0.encryption.uploadEnforcement = .strict }),
        ("bucket key", { $0.encryption.bucketKey.toggle() }),
        ("object lock", { $0.protections.objectLock = .governance }),
        ("no versioning", { $0.protections.versioning = false; $0.protections.objectLock = .off; $0.protections.replication = false }),
        ("macie", { $0.protections.macie.toggle() }),
        ("logging off", { $0.protections.accessLogging = .off }),
        ("workload off", { $0.workload.enabled = false }),
        ("second role", { p in var role = DataRole(); role.name = "auditor"; role.access = .read; role.prefixes = ["audit/"]; p.dataAccess.roles.append(role) }),
        ("audit trail off", { $0.protections.auditTrail = .off }),
        ("existing trail bucket", { $0.protections.auditTrail = .existingBucket; $0.protections.trailBucketName = "org-cloudtrail-archive" }),
        ("guardrail", { $0.organization.resourceControlPolicy.toggle() }),
    ]

    /// A preset and each single mutation of it (only those the field rules accept, with `valid`).
    static func mutatedPlans(_ name: String, valid: Bool) -> [Plan] {
        let preset = Preset.named(name)!.plan
        return [preset] + mutations.compactMap { _, mutate in
            var plan = preset
            mutate(&plan)
            return !valid || plan.diagnosticsWithoutProof(policies: nil).errors.isEmpty ? plan : nil
        }
    }

    @Test(arguments: Preset.all.map(\.name))
    func whatTheFieldRulesLetThroughHoldsEveryIntent(_ name: String) throws {
        let preset = Preset.named(name)!.plan
        var random = SplitMix64(seed: UInt64(name.utf8.count) &* 104729)
        var combinations = Self.mutations.map { [$0] }
        for _ in 0..<40 {
            combinations.append((0..<Int.random(in: 2...4, using: &random)).map { _ in Self.mutations.randomElement(using: &random)! })
        }
        var proved = 0
        for combination in combinations {
            var plan = preset
            for (_, mutate) in combination { mutate(&plan) }
            let label = "\(name) + " + combination.map(\.0).joined(separator: " + ")
            let (diagnostics, artifacts) = plan.generate(proof: true)
            guard plan.diagnosticsWithoutProof(policies: nil).errors.isEmpty else {
                #expect(!diagnostics.errors.isEmpty, "\(label): the gate must not lose the field errors")
                continue
            }
            proved += 1
            let matrix = try plan.accessMatrix()
            for intent in matrix.intents where !intent.holds {
                Issue.record("\(label): the field rules let through a plan that breaks \(intent.id): \(intent.violations[0].text)")
            }
            #expect(diagnostics.errors.isEmpty == matrix.brokenIntents.isEmpty, "\(label): broken intents are errors")
            if diagnostics.errors.isEmpty { #expect(artifacts.files.contains { $0.path == Plan.simulationFileName }, "\(label): the proof is exported") }
        }
        #expect(proved >= 15, "\(name): \(proved) of \(combinations.count) plans reached the proof; the mutations must exercise it")
    }
}
