import Foundation
import Testing
@testable import S3HardeningCore
@testable import WizardUI

/// Drafts on disk: keyed by the answers file, per session, truthful about where they went (issue 9).
@Suite struct DraftStoreTests {
    private let base: String

    init() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("s3w-drafts-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: base + "/work", withIntermediateDirectories: true)
    }

    private func store(session: String, environment: [String: String]? = nil) -> DraftStore {
        DraftStore(environment: environment ?? ["XDG_STATE_HOME": base + "/state"], workingDirectory: base + "/work", session: session)
    }

    private func text(service: String) -> String {
        var plan = Plan.example
        plan.basics.service = service
        return AnswersFile.render(plan)
    }

    @Test func aDraftIsOfferedOnlyForItsOwnFile() throws {
        var a = store(session: "1-1")
        guard case let .saved(path, problems) = a.save(text(service: "from-a"), for: "a.yaml") else { Issue.record("not saved"); return }
        #expect(problems.isEmpty && path.hasPrefix(base + "/state/s3wizard/drafts/a.yaml-") && path.hasSuffix(".1-1.yaml"))
        var b = store(session: "2-2")
        guard case .none = b.load(for: "b.yaml") else { Issue.record("a.yaml's draft offered for b.yaml"); return }
        guard case .none = b.load(for: nil) else { Issue.record("a.yaml's draft offered for the example"); return }
        // The same name in another directory is another file.
        guard case .none = b.load(for: "elsewhere/a.yaml") else { Issue.record("offered for elsewhere/a.yaml"); return }
        guard case let .draft(offer) = b.load(for: base + "/work/a.yaml") else { Issue.record("not offered for a.yaml by its absolute path"); return }
        #expect(offer.plan.basics.service == "from-a" && offer.path == path)
    }

    /// One wizard quitting cleanly deletes only the draft it offered, never a draft another session wrote.
    @Test func discardingDeletesOnlyTheOfferedDraft() throws {
        var first = store(session: "1-1")
        _ = first.save(text(service: "first"), for: "a.yaml")
        var second = store(session: "2-2")
        guard case .draft = second.load(for: "a.yaml") else { Issue.record("not offered"); return }
        var third = store(session: "3-3")  // started before the second wizard quit: offered the same draft
        _ = third.load(for: "a.yaml")
        // A fourth session is interrupted meanwhile and keeps its own draft.
        var fourth = store(session: "4-4")
        guard case let .saved(fourthDraft, _) = fourth.save(text(service: "fourth"), for: "a.yaml") else { Issue.record("not saved"); return }
        second.discardOffered()
        third.discardOffered()
        #expect(FileManager.default.fileExists(atPath: fourthDraft), "another session's draft was deleted")
        var next = store(session: "5-5")
        guard case let .draft(offer) = next.load(for: "a.yaml") else { Issue.record("the fourth draft is not offered"); return }
        #expect(offer.plan.basics.service == "fourth")
        // Resumed and kept again on Ctrl-C: the newer draft replaces the one it grew from.
        guard case let .saved(newer, _) = next.save(text(service: "fourth-more"), for: "a.yaml") else { Issue.record("not saved"); return }
        #expect(!FileManager.default.fileExists(atPath: fourthDraft) && FileManager.default.fileExists(atPath: newer))
    }

    /// HOME is a file: the state directory cannot be made; the draft goes to the working directory, and says why.
    @Test func anUnwritableStateDirectoryFallsBackToTheWorkingDirectory() throws {
        FileManager.default.createFile(atPath: base + "/home-file", contents: Data("x".utf8))
        var drafts = store(session: "1-1", environment: ["HOME": base + "/home-file"])
        let outcome = drafts.save(text(service: "kept"), for: nil)
        guard case let .saved(path, problems) = outcome else { Issue.record("not saved: \(outcome)"); return }
        #expect(path == base + "/work/.s3wizard-drafts/example.1-1.yaml")
        #expect(problems.count == 1 && problems[0].contains(base + "/home-file/.local") && problems[0].contains("Not a directory"))
        #expect(outcome.summary.hasPrefix("unsaved answers kept in \(path) (\(base)/home-file/.local"))
        #expect(try AnswersFile.load(path).basics.service == "kept")
    }

    @Test func nowhereToWriteSaysSoWithEveryPathTried() throws {
        FileManager.default.createFile(atPath: base + "/home-file", contents: Data("x".utf8))
        // The working directory is a file too (as good as read-only for this test, and root-proof).
        let drafts0 = DraftStore(environment: ["HOME": base + "/home-file"], workingDirectory: base + "/home-file", session: "1-1")
        var drafts = drafts0
        let outcome = drafts.save(text(service: "lost"), for: nil)
        guard case let .failed(problems) = outcome else { Issue.record("claims saved: \(outcome)"); return }
        #expect(problems.count == 2 && problems.allSatisfy { $0.contains("Not a directory") })
        #expect(outcome.summary.contains("could NOT be kept") && outcome.summary.contains(base + "/home-file/.s3wizard-drafts"))
    }

    /// Edits the environment through the UI and saves; the save goes through the real runner.
    private func editAndSave(_ w: inout Wizard, environment: String, _ runner: inout CommandRunner) -> Event? {
        w.press("<down><enter><c-u>")
        w.type(environment)
        w.press("<enter>")
        if case .followUp? = w.model.overlay { w.press("n") }
        w.commands = []
        w.press("s")
        guard let command = w.commands.last else { return nil }
        return runner.run(command)
    }

    /// Two wizards, one file: both open it, the first saves, the second's save asks first (issue 9).
    @Test func twoWizardsOnOneFileAskBeforeOverwriting() throws {
        let path = base + "/work/shared.yaml"
        try AnswersFile.save(AnswersFile.render(Plan.example), to: path)
        var runner = CommandRunner(drafts: store(session: "1-1"))
        let (plan1, seen1) = try AnswersFile.loadWithFingerprint(path)
        let (plan2, seen2) = try AnswersFile.loadWithFingerprint(path)
        var first = Wizard(plan1, answersPath: path, fingerprint: seen1)
        var second = Wizard(plan2, answersPath: path, fingerprint: seen2)
        guard let saved = editAndSave(&first, environment: "first", &runner) else { Issue.record("no save"); return }
        _ = first.model.update(saved)
        #expect(try AnswersFile.load(path).basics.environment == "first")
        guard let event = editAndSave(&second, environment: "second", &runner), case .saveWouldReplace = event else {
            Issue.record("the second wizard overwrote the first's save without asking"); return
        }
        _ = second.model.update(event)
        #expect(second.screen.contains("Replace a different file?"))
        #expect(try AnswersFile.load(path).basics.environment == "first", "nothing written before the answer")
        second.commands = []
        second.press("y")
        guard let command = second.commands.last, let replaced = runner.run(command) else { Issue.record("no save after y"); return }
        _ = second.model.update(replaced)
        #expect(try AnswersFile.load(path).basics.environment == "second")
        // The first wizard now finds the second's file: it asks too.
        guard let again = editAndSave(&first, environment: "again", &runner), case .saveWouldReplace = again else {
            Issue.record("the first wizard overwrote the second's save without asking"); return
        }
        #expect(try AnswersFile.load(path).basics.environment == "second")
    }

    @Test func aFileChangedOnDiskIsDetectedAndAnEqualRewriteIsNot() throws {
        let path = base + "/work/answers.yaml"
        #expect(try FileFingerprint.of(path) == nil)
        try AnswersFile.save(text(service: "one"), to: path)
        let opened = try FileFingerprint.of(path)
        try AnswersFile.save(text(service: "one"), to: path)  // same bytes, new mtime: nothing to lose
        guard case .saved = try AnswersFile.save(text(service: "mine"), to: path, replacing: .ifUnchanged(since: opened)) else {
            Issue.record("an equal rewrite was taken for a change"); return
        }
        let mine = try FileFingerprint.of(path)
        try AnswersFile.save(text(service: "two"), to: path)  // someone else
        // A save over the file checks it; the runner refuses and reports it.
        var runner = CommandRunner(drafts: store(session: "1-1"))
        guard case .saveWouldReplace(path)? = runner.run(.saveAnswers(path: path, text: "x", replacing: .ifUnchanged(since: mine))) else {
            Issue.record("saved over a changed file"); return
        }
    }

    /// Draft keys hash the standardized path, so POSIXFiles must give what NSString.standardizingPath gave, or
    /// drafts already on disk would no longer be found: `.`, `..`, `//`, a trailing slash, symbolic links to
    /// absolute and relative targets, chains of links, links to nothing, paths that do not exist.
    @Test func standardizedPathsAreFoundations() throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: base + "/real/sub", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: base + "/absolute", withDestinationPath: base + "/real")
        try fm.createSymbolicLink(atPath: base + "/relative", withDestinationPath: "real/sub")
        try fm.createSymbolicLink(atPath: base + "/chain", withDestinationPath: base + "/absolute")
        try fm.createSymbolicLink(atPath: base + "/dangling", withDestinationPath: base + "/nothing")
        try fm.createSymbolicLink(atPath: base + "/real/up", withDestinationPath: "..")
        let paths = ["/", base + "/work/answers.yaml", base + "/work/./a//b.yaml", base + "/work/../work/c.yaml", base + "/work/",
                     base + "/absolute/answers.yaml", base + "/relative/answers.yaml", base + "/chain/sub/x.yaml",
                     base + "/dangling/answers.yaml", base + "/real/up/real/answers.yaml", base + "/absolute/../answers.yaml",
                     "/nonexistent/../x/./y.yaml", "/private/x", "/tmp/../etc/passwd"]
        for path in paths {
            #expect(POSIXFiles.standardized(path) == (path as NSString).standardizingPath, "\(path)")
        }
    }

    /// The time shown with an offered draft, as DateFormatter showed it (local time).
    @Test func draftTimesAreDateFormatters() {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        for seconds in [0, 1_764_650_000, 1_800_000_059, 951_782_400, 1_800_000_000] {
            for nanoseconds in [0, 500_000_000, 999_999_999] {
                #expect(POSIXFiles.localMinute(nanoseconds: seconds * 1_000_000_000 + nanoseconds)
                        == formatter.string(from: Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9)))
            }
        }
    }

    @Test func directoryListingsAreFileManagers() throws {
        for name in ["a.yaml", ".hidden", "é.yaml"] { FileManager.default.createFile(atPath: base + "/work/" + name, contents: nil) }
        try FileManager.default.createDirectory(atPath: base + "/work/dir", withIntermediateDirectories: true)
        #expect(POSIXFiles.names(in: base + "/work")?.sorted() == (try FileManager.default.contentsOfDirectory(atPath: base + "/work")).sorted())
        #expect(POSIXFiles.names(in: base + "/nothing") == nil)
        #expect(POSIXFiles.isDirectory(base + "/work/dir") && !POSIXFiles.isDirectory(base + "/work/a.yaml"))
        #expect(CommandRunner.names(startingLike: base + "/work/d") == ["dir/"])
    }
}
