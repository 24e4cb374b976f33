import Testing
@testable import S3HardeningCore

/// `Plan.output` renders each file on its own (the wizard renders per key only the file it previews); a file
/// rendered alone must be the file `generate` writes, whatever else was or was not rendered before it.
@Suite struct PlanOutputTests {
    static let formatSets: [Set<OutputFormat>] = [Set(OutputFormat.allCases), [.terraform], [.json]]

    @Test(arguments: Preset.all.map(\.name), [false, true])
    func eachFileAloneIsTheFileGenerateWrites(_ name: String, proof: Bool) {
        let plan = Preset.named(name)!.plan
        for formats in Self.formatSets {
            let (diagnostics, whole) = plan.generate(formats: formats, proof: proof)
            let output = plan.output(formats: formats, proof: proof)
            #expect(output.diagnostics == diagnostics)
            #expect(output.paths == whole.files.map(\.path))
            #expect(output.placeholders == whole.placeholders)
            for file in whole.files {
                // A fresh output each time: nothing else of this plan has been rendered.
                let alone = plan.output(formats: formats, proof: proof).contents(file.path)
                #expect(alone == file.contents, "\(name) \(formats) proof \(proof): \(file.path) rendered alone differs")
            }
            // In reverse order, rendered and kept: the same again.
            var kept = output
            for file in whole.files.reversed() { #expect(kept.render(file.path) == file.contents) }
            #expect(kept.artifacts.files == whole.files)
        }
    }

    /// The wizard's keystroke leaves the size limits out and prints each JSON file on its own: the same files and
    /// placeholders, and the diagnostics it leaves out are exactly the limits it checks later.
    @Test(arguments: Preset.all.map(\.name) + ["big-data-lake"])
    func withoutLimitsTheFilesAreTheSame(_ name: String) {
        var plan = Preset.named(name)?.plan ?? Preset.dataLakePlan(teams: 12, datasets: 3)
        if name == "big-data-lake" { plan.dataAccess.mode = .bucketPolicy } // over the bucket policy's limit
        for formats in Self.formatSets {
            let (diagnostics, whole) = plan.generate(formats: formats)
            let keystroke = plan.output(formats: formats, limits: false)
            #expect(keystroke.diagnostics == plan.fieldDiagnostics)
            let policies = plan.policies
            let limits = plan.limitDiagnostics(policies, policies.rendered(References(plan)))
            #expect(keystroke.diagnostics + (keystroke.diagnostics.errors.isEmpty ? limits : []) == diagnostics)
            #expect(keystroke.paths == whole.files.map(\.path))
            #expect(keystroke.placeholders == whole.placeholders)
            for file in whole.files {
                #expect(plan.output(formats: formats, limits: false).contents(file.path) == file.contents, "\(name) \(formats): \(file.path)")
            }
        }
    }

    @Test func renderKeepsWhatItRendered() {
        var output = Plan.example.output()
        #expect(output.rendered.isEmpty, "nothing is rendered until asked for")
        let path = "terraform/s3.tf"
        #expect(output.contents(path) != nil)
        #expect(output.rendered.isEmpty, "contents(_:) does not keep")
        let text = output.render(path)
        #expect(output.rendered == [path: text!])
        #expect(output.contents("terraform/nope.tf") == nil && !output.contains("terraform/nope.tf"))
        #expect(output.render("terraform/nope.tf") == nil && output.rendered.count == 1)
    }
}
