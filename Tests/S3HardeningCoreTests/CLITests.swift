import Foundation
import Testing
@testable import S3HardeningCore

/// The real `s3wizard` binary, as a user runs it: exit codes, messages, and nothing written on errors.
@Suite(.serialized) struct CLITests {
    /// The binary sits beside the test bundle (the test target depends on it, so it is built first).
    static let binary: URL = {
        var dir = Bundle.main.bundleURL
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("s3wizard")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: "/nonexistent/s3wizard")
    }()

    struct Result { let status: Int32; let stdout: String; let stderr: String }

    func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func generateWritesTheSameBytesAsTheCore() throws {
        let dir = temporaryDirectory().appendingPathComponent("out")
        let answers = temporaryDirectory().appendingPathComponent("answers.yaml")
        try ExamplesDocument.yaml(Preset.readerWriter).write(to: answers, atomically: true, encoding: .utf8)
        let result = try run(["generate", "--answers", answers.path, "--out", dir.path])
        #expect(result.status == 0, "\(result.stderr)")
        for file in Preset.readerWriter.plan.artifacts().files {
            #expect(try String(contentsOf: dir.appendingPathComponent(file.path), encoding: .utf8) == file.contents, "\(file.path)")
        }
        // Rerun from the answers file it wrote: nothing changes.
        let again = try run(["generate", "--answers", dir.appendingPathComponent(Plan.answersFileName).path, "--out", dir.path])
        #expect(again.status == 0)
        #expect(again.stdout.contains("Wrote 0 file(s)"))
    }

    @Test func badAnswersNameTheLineAndWriteNothing() throws {
        let dir = temporaryDirectory()
        let answers = dir.appendingPathComponent("bad.yaml")
        try "version: 1\nbasics:\n  service: pii\nkey_administration:\n  deployer_arns:\n    - arn:aws:iam::12:role/x\n".write(to: answers, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try run(["generate", "--answers", answers.path, "--out", out.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.yaml:6: error: key_administration.deployer_arns[0]: 'arn:aws:iam::12:role/x' is not an IAM role or user ARN"))
        #expect(result.stderr.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: out.path))

        try "version: 1\nbasics:\n  servise: pii\n".write(to: answers, atomically: true, encoding: .utf8)
        let typo = try run(["validate", "--answers", answers.path])
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("bad.yaml:3: basics.servise: unknown key 'servise'"))

        let missing = try run(["validate", "--answers", dir.appendingPathComponent("nope.yaml").path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nope.yaml: cannot read"))
    }

    /// Issue 8's reproduction: only the account id changes. validate and generate refuse it, naming the
    /// deployer field and its line; nothing is written.
    @Test func anAccountChangeIsRefusedNamingTheDeployerLine() throws {
        let dir = temporaryDirectory()
        let answers = dir.appendingPathComponent("a.yaml")
        let text = ExamplesDocument.yaml(Preset.lambdaReports).replacingOccurrences(of: "account_id: \"111122223333\"", with: "account_id: \"444455556666\"")
        try text.write(to: answers, atomically: true, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("role/terraform-deployer") }! + 1
        let validate = try run(["validate", "--answers", answers.path])
        #expect(validate.status == 1)
        #expect(validate.stderr.contains("a.yaml:\(line): error: key_administration.deployer_arns[0]: is in account 111122223333, not basics.account_id 444455556666"), "\(validate.stderr)")
        let out = dir.appendingPathComponent("out")
        let generate = try run(["generate", "--answers", answers.path, "--out", out.path])
        #expect(generate.status == 1)
        #expect(generate.stderr.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        // simulate stops at the same field errors.
        let simulate = try run(["simulate", "--answers", answers.path])
        #expect(simulate.status == 1 && simulate.stderr.contains("key_administration.deployer_arns[0]"))
    }

    @Test func aCarriageReturnInAnIdentifierStopsGenerateBeforeAnythingIsWritten() throws {
        let dir = temporaryDirectory()
        let answers = dir.appendingPathComponent("cr.yaml")
        var plan = Plan.example
        plan.network.vpcId = "vpc-0a1b2c3d4e5f60789\r"
        try AnswersFile.render(plan).write(to: answers, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try run(["generate", "--answers", answers.path, "--out", out.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("network.vpc_id: 'vpc-0a1b2c3d4e5f60789\\r' contains the invisible character U+000D"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func validateReportsWarningsWithoutFailing() throws {
        let answers = temporaryDirectory().appendingPathComponent("max.yaml")
        try ExamplesDocument.yaml(Preset.maximumProtection).write(to: answers, atomically: true, encoding: .utf8)
        let result = try run(["validate", "--answers", answers.path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning: protections.object_lock"))
        #expect(result.stdout.contains("valid (6 warning(s))"))
    }

    @Test func handEditsAreRefusedThenForced() throws {
        let dir = temporaryDirectory()
        #expect(try run(["generate", "--example", "--out", dir.path]).status == 0)
        try "edited\n".write(to: dir.appendingPathComponent("policies/bucket-policy.json"), atomically: true, encoding: .utf8)
        let refused = try run(["generate", "--example", "--out", dir.path, "--format", "json"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("policies/bucket-policy.json"))
        let forced = try run(["generate", "--example", "--out", dir.path, "--format", "json", "--force"])
        #expect(forced.status == 0)
        #expect(forced.stdout.contains("overwritten (--force): policies/bucket-policy.json"))
        #expect(forced.stdout.contains("1 overwritten") && !forced.stdout.contains("Wrote 0 file(s)"), "a replaced hand edit counts as written")
    }

    /// A mistyped subcommand is named as such, with the nearest one, instead of "Unexpected argument" (issue 10).
    @Test func aMistypedSubcommandSuggestsTheNearest() throws {
        let typo = try run(["generat", "--example", "--out", "/tmp/never"])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("'generat' is not a subcommand. Did you mean 'generate'?"))
        #expect(try run(["simulat"]).stderr.contains("Did you mean 'simulate'?"))
        let unknown = try run(["frobnicate"])
        #expect(unknown.status == 64 && !unknown.stderr.contains("Did you mean") && unknown.stderr.contains("Subcommands: wizard, new, generate"))
        #expect(try run(["help"]).status == 0, "help stays a subcommand")
    }

    /// `s3wizard new` starts from the defaults with every name empty: the required fields say so.
    @Test func newStartsFromABlankPlan() throws {
        let screen = try run(["new", "--screen", "120x40"])
        #expect(screen.status == 0)
        #expect(screen.stdout.contains("required"))
        #expect(screen.stdout.contains("new, not saved"))
        #expect(!screen.stdout.contains("pii-reports"), "nothing of the example")
    }

    @Test func explainAndExampleWork() throws {
        let all = try run(["explain"])
        #expect(all.status == 0)
        for id in ControlID.allCases { #expect(all.stdout.contains(id.rawValue)) }
        let one = try run(["explain", "vpc-only", "--example"])
        #expect(one.stdout.contains("Implemented by:"))
        #expect(one.stdout.contains("policies/bucket-policy.json › DenyOutsideVpce"))
        let unknown = try run(["explain", "no-such-control"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("unknown control 'no-such-control'"))
        let example = try run(["example", "--preset", "govcloud-existing"])
        #expect(try AnswersFile.parse(example.stdout) == Preset.govCloudExisting.plan)
        #expect(try run(["example", "--preset", "nope"]).status == 1)
        #expect(try run(["generate", "--out", "/tmp/x"]).stderr.contains("missing --answers FILE"))
        #expect(try run(["generate", "--example", "--out", "/tmp/x", "--format", "pdf"]).stderr.contains("unknown format 'pdf'"))
    }

    @Test func simulateProvesAPlanAndCatchesTheArticlesLeak() throws {
        let plan = try run(["simulate", "--example"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("holds  only-listed-roles"))
        let json = try run(["simulate", "--example", "--format", "json"])
        #expect(parsedJSON(json.stdout) != nil)
        let dir = Repo.docs.appendingPathComponent("examples/source-article").path
        let article = try run(["simulate", "--bucket-policy", "\(dir)/bucket-policy.json", "--endpoint-policy", "\(dir)/endpoint-policy.json",
                               "--role", "arn:aws:iam::111122223333:role/pii-reports-lambda-role=\(dir)/lambda-role-policy.json"])
        #expect(article.status == 1)
        #expect(article.stdout.contains("BROKEN only-listed-roles"))
        #expect(article.stdout.contains("another role in the account (*:*) is allowed read from the internet"))
        #expect(article.stderr.contains("intent(s) broken"))
        let bad = try run(["simulate", "--bucket-policy", "/nonexistent.json"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("/nonexistent.json: cannot read"))
    }
}
