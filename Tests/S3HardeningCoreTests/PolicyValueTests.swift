import Testing
@testable import S3HardeningCore

/// The simulator reads each policy as `JSONRenderer.value(tree)` instead of printing it and parsing the text back:
/// for every policy of every preset (and of a 12-team data lake in both modes), the value must be exactly what the
/// printed JSON parses to, with and without sample values for the placeholders.
@Suite struct PolicyValueTests {
    static var plans: [(String, Plan)] {
        var bucketPolicyLake = Preset.dataLakePlan(teams: 4, datasets: 3)
        bucketPolicyLake.dataAccess.mode = .bucketPolicy
        return Preset.all.map { ($0.name, $0.plan) } + [("data-lake 4x3 bucket-policy", bucketPolicyLake)]
    }

    @Test func treeValueIsWhatThePrintedPolicyParsesTo() {
        for (name, plan) in Self.plans {
            let references = References(plan)
            let samples: [(@Sendable (Placeholder) -> String)?] = [nil, { $0.sample(plan) }]
            for sample in samples {
                var printer = JSONRenderer(references, sample: sample), builder = JSONRenderer(references, sample: sample)
                for (file, document) in plan.policies.all {
                    let parsed = JSONValue.parse(Array(printer.render(document.tree).utf8))
                    #expect(parsed != nil, "\(name) \(file): the printed policy does not parse")
                    #expect(builder.value(document.tree) == parsed, "\(name) \(file)")
                }
            }
        }
    }
}
