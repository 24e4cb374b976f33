import Testing
import TestSupport
@testable import S3HardeningCore

/// Damaged answers files must give an error naming what is wrong, never a crash; whatever parses must
/// validate and generate without crashing. Deterministic: a fixed-seed generator mutates each preset.
@Suite struct RobustnessTests {
    static let fragments = ["", " ", "\n", ":", "- ", "[", "]", "{", "}", "\"", "'", "#", "null", "~", "true", "-1", "99999999999999999999",
                            "&a", "*a", "!!binary", "\t", "é", "\u{0}", "version: 1", "roles:", "  - name: x", "region: 🙂"]

    @Test(arguments: Preset.all.map(\.name))
    func mutatedAnswersNeverCrash(_ name: String) {
        let original = Array(ExamplesDocument.yaml(Preset.named(name)!))
        var random = SplitMix64(seed: UInt64(name.utf8.count) &* 7919)
        var parsed = 0, rejected = 0
        for _ in 0..<150 {
            var text = original
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let at = Int.random(in: 0..<text.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: text.remove(at: at)
                case 1: text.insert(contentsOf: Self.fragments.randomElement(using: &random)!, at: at)
                default:
                    let end = min(text.count, at + Int.random(in: 1...40, using: &random))
                    text.removeSubrange(at..<end)
                }
            }
            do {
                let plan = try AnswersFile.parse(String(text))
                parsed += 1
                // The gate: whatever generates carries its proof, and no intent in it is broken.
                let (diagnostics, artifacts) = plan.generate(proof: true)
                if diagnostics.errors.isEmpty {
                    let proof = artifacts.files.first { $0.path == Plan.simulationFileName }?.contents
                    #expect(proof != nil && proof?.contains("BROKEN") == false, "a mutated \(name) was generated with a broken intent")
                }
            } catch {
                rejected += 1
                #expect(!error.message.isEmpty)
            }
        }
        #expect(parsed + rejected == 150)
        #expect(rejected > 0, "the mutations must exercise the error paths")
    }

    @Test func topLevelShapesOtherThanAMappingAreRejected() {
        for text in ["- a\n- b\n", "just text\n", "42\n", "[]\n", "---\n...\n"] {
            #expect(throws: AnswersError.self) { try AnswersFile.parse(text) }
        }
    }
}
