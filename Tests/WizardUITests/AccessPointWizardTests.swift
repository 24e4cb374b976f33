import Testing
@testable import S3HardeningCore
@testable import WizardUI

/// access-points mode in the wizard: the field on the data-access step, and the matrix's access-point paths.
@Suite struct AccessPointWizardTests {
    @Test func dataAccessStepHasTheMode() {
        var w = Wizard(Preset.dataLake.plan, size: Size(width: 120, height: 40))
        w.press("5")
        let screen = w.screen
        #expect(screen.contains("Grants live in") && screen.contains("access-points"), "\(screen)")
    }

    /// Nine paths do not fit 80 columns as tabs: the row starts late enough for the selected one, marked `<`.
    @Test func everyAccessPointPathIsReachableAt80Columns() {
        var w = Wizard(Preset.dataLake.plan, size: Size(width: 80, height: 24))
        w.press("9m")
        #expect(w.screen.contains("endpoint"))
        w.press("[")
        let last = w.screen
        #expect(last.contains("ap-inet") && last.contains("<"), "\(last)")
        for _ in 0..<7 { w.press("]") }   // wraps to the endpoint, then on to own-access-point
        #expect(w.screen.contains("own-ap"))
    }

    /// The size limits are not checked on the keystroke (they print every policy) but when typing pauses, with
    /// the proof: the error is missing after `refresh()`, there after `prove()`, and the review and export (which
    /// prove first) see it.
    @Test func sizeLimitsAreCheckedWhenTypingPauses() {
        var plan = Preset.dataLakePlan(teams: 12, datasets: 3)
        plan.dataAccess.mode = .bucketPolicy   // 12 teams: over the bucket policy's 20,480 characters
        var w = Wizard(plan, size: Size(width: 120, height: 40))
        w.model.refresh()
        let sizeError = { (d: Diagnostic) in d.severity == .error && d.message.contains("the bucket policy would be") }
        #expect(!w.model.generated.diagnostics.contains(where: sizeError), "the keystroke path leaves the limits out")
        #expect(w.model.needsProof)
        w.model.prove()
        #expect(w.model.generated.diagnostics.contains(where: sizeError))
        #expect(w.model.generated.matrix == nil, "no proof of a plan with errors")
        #expect(w.model.generated.diagnostics == plan.diagnosticsWithoutProof(policies: nil), "the same diagnostics as validate")
    }
}
