import Foundation
import Testing
@testable import S3HardeningCore
@testable import WizardUI

/// The wizard's Save through the core's save primitive: it asks before replacing a file it did not write.
@Suite struct SaveTests {
    static let drafts = DraftStore(environment: ["XDG_STATE_HOME": "/nonexistent"], workingDirectory: "/nonexistent", session: "save-tests")

    private func directory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("s3wizard-save-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs the model's last command through the real runner and feeds the result back.
    private func runLast(_ w: inout Wizard) {
        var runner = CommandRunner(drafts: Self.drafts)
        guard let command = w.commands.last, let event = runner.run(command) else { Issue.record("no command to run"); return }
        w.commands = []
        w.commands += w.model.update(event)
    }

    @Test func savingOverADifferentFileAsksFirst() throws {
        let file = directory().appendingPathComponent("answers.yaml")
        try "someone else's answers\n".write(to: file, atomically: true, encoding: .utf8)
        var w = Wizard()
        w.press("<enter>x<enter>ns")
        #expect(w.screen.contains("Save answers as"))
        w.press("<c-u>")
        w.type(file.path)
        w.press("<enter>")
        runLast(&w)
        #expect(w.screen.contains("Replace a different file?"), "asks before replacing")
        #expect(try String(contentsOf: file, encoding: .utf8) == "someone else's answers\n", "nothing written yet")
        w.press("n")
        #expect(w.screen.contains("Not saved: \(file.path) was left as it is"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "someone else's answers\n")
        #expect(w.model.isDirty)
        // Asked again, and confirmed: replaced.
        w.press("s<c-u>")
        w.type(file.path)
        w.press("<enter>")
        runLast(&w)
        w.press("y")
        guard case .saveAnswers(_, _, .always)? = w.commands.last else { Issue.record("expected a confirmed save, got \(w.commands)"); return }
        runLast(&w)
        #expect(!w.model.isDirty)
        #expect(try AnswersFile.load(file.path) == w.model.plan)
    }

    @Test func savingAgainOverItsOwnFileDoesNotAskButNoticesAnotherWriter() throws {
        let file = directory().appendingPathComponent("mine.yaml")
        var w = Wizard(answersPath: file.path)
        w.press("<enter>x<enter>ns")
        runLast(&w)
        #expect(w.screen.contains("Saved \(file.path)."))
        w.press("<enter>y<enter>ns")
        runLast(&w)
        #expect(w.screen.contains("Saved \(file.path)."), "its own file: no question")
        // Someone else writes the file: the next save asks.
        try "another wizard's save\n".write(to: file, atomically: true, encoding: .utf8)
        w.press("<enter>z<enter>s")
        runLast(&w)
        #expect(w.screen.contains("Replace a different file?"))
    }

    /// Two wizards, one file: the file as opened is the baseline, so a change by another wizard between opening
    /// and the first save is caught too (issue 9).
    @Test func aFileChangedSinceItWasOpenedAsksBeforeTheFirstSave() throws {
        let file = directory().appendingPathComponent("shared.yaml")
        try AnswersFile.save(AnswersFile.render(Plan.example), to: file.path)
        var w = Wizard(answersPath: file.path, fingerprint: try FileFingerprint.of(file.path))
        var other = Plan.example
        other.basics.environment = "staging"
        try AnswersFile.save(AnswersFile.render(other), to: file.path)
        w.press("jj<enter><c-u>")
        w.type("eu-west-1")
        w.press("<enter>s")
        runLast(&w)
        #expect(w.screen.contains("Replace a different file?"), "the other wizard's save is not lost silently")
        w.press("a")
        #expect(w.screen.contains("Save answers as"), "a keeps both")
        w.press("<esc>")
        #expect(try AnswersFile.load(file.path).basics.environment == "staging")
    }

    @Test func aLinkIsNeverReplaced() throws {
        let dir = directory()
        let target = dir.appendingPathComponent("real.yaml")
        try "real\n".write(to: target, atomically: true, encoding: .utf8)
        let link = dir.appendingPathComponent("link.yaml")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target.path)
        var w = Wizard(answersPath: link.path)
        w.press("<enter>x<enter>ns")
        runLast(&w)
        #expect(w.screen.contains("symbolic link"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try String(contentsOf: target, encoding: .utf8) == "real\n")
    }
}

/// Save As and the file prompts' Tab completion (issue 10: files).
@Suite struct FilePromptTests {
    private func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("s3wizard-complete-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/presets", withIntermediateDirectories: true)
        for name in ["reader-writer.yaml", "reader-only.yaml", "other.yaml", ".hidden.yaml"] {
            try "x".write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
        }
        return path
    }

    private func runLast(_ w: inout Wizard) {
        var runner = CommandRunner(drafts: SaveTests.drafts)
        guard let command = w.commands.last, let event = runner.run(command) else { Issue.record("no command"); return }
        w.commands = []
        w.commands += w.model.update(event)
    }

    @Test func tabCompletesToTheSharedStartAndListsTheCandidates() throws {
        let dir = try directory()
        var w = Wizard(answersPath: "a.yaml")
        w.press("o<c-u>")
        w.type(dir + "/re")
        w.press("<tab>")
        runLast(&w)
        guard case let .prompt(_, line)? = w.model.overlay else { Issue.record("prompt closed"); return }
        #expect(line.text == dir + "/reader-", "the longest start both share")
        #expect(w.model.promptCandidates == ["reader-only.yaml", "reader-writer.yaml"])
        let screen = w.screen
        #expect(screen.contains("reader-only.yaml") && screen.contains("reader-writer.yaml"))
        w.type("w")
        #expect(w.model.promptCandidates.isEmpty, "typing hides the stale list")
        w.press("<tab>")
        runLast(&w)
        guard case let .prompt(_, one)? = w.model.overlay else { Issue.record("prompt closed"); return }
        #expect(one.text == dir + "/reader-writer.yaml", "one candidate completes whole")
        w.press("<c-u>")
        w.type(dir + "/pre")
        w.press("<tab>")
        runLast(&w)
        guard case let .prompt(_, folder)? = w.model.overlay else { Issue.record("prompt closed"); return }
        #expect(folder.text == dir + "/presets/", "a folder completes with its slash")
        #expect(!CommandRunner.names(startingLike: dir + "/").contains(".hidden.yaml"), "hidden files only when asked for")
        #expect(CommandRunner.names(startingLike: dir + "/.h") == [".hidden.yaml"])
    }

    @Test func saveAsWritesANewFileThatBecomesTheFile() throws {
        let dir = try directory()
        var w = Wizard(answersPath: dir + "/other.yaml")
        w.press("S")
        guard case let .prompt(.saveAs, line)? = w.model.overlay else { Issue.record("no Save As prompt"); return }
        #expect(line.text == dir + "/other.yaml", "prefilled with the current file")
        w.press("<c-u>")
        w.type(dir + "/copy.yaml")
        w.press("<enter>")
        runLast(&w)
        #expect(w.model.answersPath == dir + "/copy.yaml")
        #expect(try AnswersFile.load(dir + "/copy.yaml") == w.model.plan)
        #expect(try String(contentsOfFile: dir + "/other.yaml", encoding: .utf8) == "x", "the old file is untouched")
    }
}

/// Hand edits on export: each conflicting file's difference, a keep/replace choice per file (issue 10).
@Suite struct HandEditTests {
    @Test func eachHandEditIsShownAndKeptOrReplacedOnItsOwn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("s3wizard-handedit-\(UUID().uuidString)").path
        #expect(CommandRunner.export(Plan.example, to: dir, formats: [.terraform, .json], force: false).report != nil)
        let policy = dir + "/policies/bucket-policy.json", s3 = dir + "/terraform/s3.tf"
        try (try String(contentsOfFile: policy, encoding: .utf8) + "  \n").write(toFile: policy, atomically: true, encoding: .utf8)
        try ("# my local change\n" + (try String(contentsOfFile: s3, encoding: .utf8))).write(toFile: s3, atomically: true, encoding: .utf8)
        var w = Wizard()
        w.press("0")
        w.model.export.directory = dir
        w.commands = []
        w.commands += w.model.requestExport()
        var runner = CommandRunner(drafts: SaveTests.drafts)
        guard let command = w.commands.last, let event = runner.run(command) else { Issue.record("no export"); return }
        w.commands = []
        w.commands += w.model.update(event)
        guard case let .handEdits(review)? = w.model.overlay else { Issue.record("no hand-edit review"); return }
        #expect(Set(review.edits.map(\.path)) == ["policies/bucket-policy.json", "terraform/s3.tf"])
        let screen = w.screen
        #expect(screen.contains("Changed by hand since the last export") && screen.contains("_override.tf"))
        // The selected file's difference: the hand edit as a removal.
        let first = review.current!
        let marked = review.diff.filter { $0.marker != " " }.map { "\($0.marker)\($0.text)" }
        if first.path == "terraform/s3.tf" { #expect(marked == ["-# my local change"]) } else { #expect(marked == ["-  "]) }
        w.press("w")
        #expect(w.model.status?.text.contains("still need a choice") == true, "nothing is written without a choice per file")
        // Keep s3.tf, replace the bucket policy (the review moves to the next open file after each choice).
        for _ in review.edits {
            guard case let .handEdits(now)? = w.model.overlay, let edit = now.current else { break }
            w.press(edit.path == "terraform/s3.tf" ? "k" : "r")
        }
        w.press("w")
        guard let again = w.commands.last, case let .export(_, _, _, _, choices) = again else { Issue.record("no export with choices"); return }
        #expect(choices == ["terraform/s3.tf": .keep, "policies/bucket-policy.json": .replace])
        guard case let .exported(outcome)? = runner.run(again) else { Issue.record("not exported"); return }
        #expect(outcome.report?.kept == ["terraform/s3.tf"] && outcome.report?.overwritten == ["policies/bucket-policy.json"])
        #expect(try String(contentsOfFile: s3, encoding: .utf8).hasPrefix("# my local change"), "kept as edited")
        let expected = Plan.example.artifacts(formats: [.terraform, .json]).files.first { $0.path == "policies/bucket-policy.json" }!.contents
        #expect(try String(contentsOfFile: policy, encoding: .utf8) == expected, "replaced")
        // The kept file stays a hand edit: the next plain export names it again.
        #expect(CommandRunner.export(Plan.example, to: dir, formats: [.terraform, .json], force: false).conflicts == ["terraform/s3.tf"])
    }
}
