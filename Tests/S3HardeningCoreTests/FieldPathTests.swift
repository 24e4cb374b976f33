import Testing
@testable import S3HardeningCore

/// Field paths come from the field tables by key path: the answers file, the diagnostics and the wizard's rows
/// cannot disagree about a field's name.
@Suite struct FieldPathTests {
    @Test func keyPathsNameTheirAnswersFields() {
        #expect(FieldPath(\.basics.accountId).description == "basics.account_id")
        #expect(FieldPath(\.keyAdministration.deployerArns, 1).description == "key_administration.deployer_arns[1]")
        #expect(FieldPath(\.dataAccess.roles, 2, \.arn).description == "data_access.roles[2].arn")
        #expect(FieldPath(\.dataAccess.roles, 0).description == "data_access.roles[0]")
        #expect(FieldPath(\.proof.acceptedBrokenIntents, 0, \.reason).description == "proof.accepted_broken_intents[0].reason")
        #expect(FieldPath(\.encryption).description == "encryption")
    }

    /// Every path any diagnostic names is a field of the tables (or the file as a whole), over every preset and
    /// the plans the proof-gate test builds from them.
    @Test(arguments: Preset.all.map(\.name))
    func everyDiagnosticNamesARealField(_ name: String) {
        for plan in ProofGateTests.mutatedPlans(name, valid: false) {
            for d in plan.diagnostics {
                #expect(FieldPath.isField(d.path), "\(name): a diagnostic names \(d.path), which is not an answers field: \(d.message)")
            }
        }
        #expect(!FieldPath.isField(FieldPath("basics.acount_id")))
        #expect(!FieldPath.isField(FieldPath("data_access.roles[0].nam")))
    }
}
