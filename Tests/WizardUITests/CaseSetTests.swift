import Testing
@testable import WizardUI

@Suite struct CaseSetTests {
    /// CaseSet answers as a Set of the same cases would, for every subset of a small enum's cases.
    @Test func agreesWithSetOnEverySubsetOfTheSteps() {
        let cases = StepID.allCases
        for mask in 0..<(1 << cases.count) {
            let chosen = cases.indices.filter { mask & (1 << $0) != 0 }.map { cases[$0] }
            let bits = CaseSet(chosen)
            let set = Set(chosen)
            for step in cases { #expect(bits.contains(step) == set.contains(step)) }
            #expect(bits.members == cases.filter(set.contains), "members in allCases order")
        }
    }

    @Test func insertAllAndLiterals() {
        var visited: CaseSet<StepID> = [.basics]
        visited.insert(.review)
        visited.insert(.review)
        #expect(visited.members == [.basics, .review])
        #expect(CaseSet<KeyMode>.all.members == KeyMode.allCases)
        #expect(CaseSet<KeyMode>() == [])
        #expect(KeySection.steps.modes.members == [.form, .zoomed, .reviewControls, .reviewMatrix])
    }
}
