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
