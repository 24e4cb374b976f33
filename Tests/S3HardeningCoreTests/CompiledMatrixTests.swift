import Testing
@testable import S3HardeningCore

/// The matrix is decided by `CompiledMatrix` (policies compiled once per plan); the reference evaluation builds a
/// `SimRequest` for every request and walks the JSON policies' statements. The compiled form must not drift from it:
/// every cell (decision and reasons), every intent and the report agree, on every preset, on each preset with each
/// single answer change (valid or not: plans that break intents have the most varied cells) and on random
/// combinations of them.
@Suite struct CompiledMatrixTests {
    static func plans(_ name: String) -> [(label: String, plan: Plan)] {
        let preset = Preset.named(name)!.plan
        var plans = [(name, preset)] + ProofGateTests.mutations.map { label, mutate in
            var plan = preset
            mutate(&plan)
            return ("\(name) + \(label)", plan)
        }
        var random = SplitMix64(seed: UInt64(name.utf8.count) &* 7_368_787)
        for _ in 0..<20 {
            var plan = preset
            var labels: [String] = []
            for _ in 0..<Int.random(in: 2...5, using: &random) {
                let (label, mutate) = ProofGateTests.mutations.randomElement(using: &random)!
                mutate(&plan)
                labels.append(label)
            }
            plans.append(("\(name) + " + labels.joined(separator: " + "), plan))
        }
        return plans
    }

    static func expectSame(_ compiled: AccessMatrix, _ reference: AccessMatrix, _ label: String) {
        #expect(compiled.cells.count == reference.cells.count, "\(label): cell count")
        for (c, r) in zip(compiled.cells, reference.cells) {
            guard c.principal == r.principal, c.action == r.action, c.path == r.path, c.decision == r.decision else {
                Issue.record("\(label): \(r.principal) \(r.action) \(r.path): compiled \(c.principal) \(c.action) \(c.path) \(c.decision), reference \(r.decision)")
                return
            }
        }
        #expect(compiled.intents.map(\.id) == reference.intents.map(\.id), "\(label): intents")
        for (c, r) in zip(compiled.intents, reference.intents) {
            #expect(c.violations == r.violations, "\(label): violations of \(r.id)")
        }
        #expect(compiled.text() == reference.text(), "\(label): the report")
    }

    @Test(arguments: Preset.all.map(\.name))
    func compiledCellsAreTheReferenceCells(_ name: String) throws {
        var compared = 0
        for (label, plan) in Self.plans(name) {
            guard let reference = try? plan.accessMatrix(policies: nil, evaluation: .reference) else { continue }
            Self.expectSame(try plan.accessMatrix(policies: nil, evaluation: .compiled), reference, label)
            compared += 1
        }
        #expect(compared > 40, "\(name): \(compared) plans compared")
    }

    @Test func manyTeamsInAccessPointsMode() throws {
        let plan = Preset.dataLakePlan(teams: 4, datasets: 2)
        let reference = try plan.accessMatrix(policies: nil, evaluation: .reference)
        #expect(reference.paths.contains(.otherAccessPoint))
        Self.expectSame(try plan.accessMatrix(policies: nil, evaluation: .compiled), reference, "data lake 4x2")
    }
}
