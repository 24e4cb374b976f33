import Foundation
import Testing
@testable import S3HardeningCore
@testable import WizardUI

/// The wizard's Save through the core's save primitive: it asks before replacing a file it did not write.
@Suite struct SaveTests {
    let runner = CommandRunner(drafts: DraftStore(environment: ["S3WIZARD_DRAFT_DIR": "/nonexistent/drafts"], workingDirectory: "/nonexistent", session: "1-1"))

    private func directory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("s3wizard-save-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs the model's last command through the real runner and feeds the result back.
    private func runLast(_ w: inout Wizard) {
        var runner = self.runner
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
        #expect(w.screen.contains("Not saved: \(file.path) was left as it is."))
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
