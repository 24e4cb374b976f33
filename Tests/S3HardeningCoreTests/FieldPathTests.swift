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

    /// `FieldPath(keyPath)` finds a field by its offset and type, not by a table of every key path: for every field
    /// of every table (sections, their fields, lists), the walk names the same answers path as the table does.
    @Test func theOffsetWalkNamesEveryFieldAsTheTableDoes() {
        var checked = 0
        for (keyPath, components) in Plan.fieldPaths {
            guard let field = keyPath as? PartialKeyPath<Plan> else { Issue.record("\(keyPath) is not a plan key path"); continue }
            guard let offset = MemoryLayout<Plan>.offset(of: field) else { continue }  // not stored: counted below
            #expect(Plan.keys(toFieldAt: offset, of: type(of: field).valueType) == components, "\(components)")
            #expect(FieldPath(field).components == components)
            checked += 1
        }
        #expect(checked == Plan.fieldPaths.count, "every field is stored, so every one takes the walk")
        #expect(checked > 70)
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
