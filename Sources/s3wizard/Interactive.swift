import Glibc
import S3HardeningCore
import TerminalBackend
import WizardUI

/// `s3wizard` with no subcommand: the interactive wizard. The loop is all this file does: read an event,
/// update the model, run its commands, draw its view.
struct Interactive {
    let plan: Plan
    let answersPath: String?
    /// The answers file as read (saving over it checks that nobody changed it since).
    let fingerprint: FileFingerprint?
    let theme: Theme
    let environment: [String: String]

    func run() -> Int32 {
        let started = time(nil)
        var drafts = DraftStore(environment: environment, workingDirectory: ProcessEnvironment.workingDirectory(),
                                session: "\(getpid())-\(started)",
                                unnamed: answersPath == nil && plan == Plan.blank ? "new" : "example")
        var draft: DraftOffer? = nil
        var startupNote: String? = nil
        switch drafts.load(for: answersPath) {
        case .none: break
        case let .draft(offer): draft = offer
        case let .unreadable(path, problem): startupNote = "A draft at \(path) could not be read (\(problem)); it was left in place."
        }
        let terminal: Terminal
        do { terminal = try Terminal.open(theme: theme, environment: environment) } catch {
            Console.error(error.description)
            return 2
        }
        defer { terminal.close() }
        var model = WizardModel(plan: plan, answersPath: answersPath, size: terminal.size,
                                unicode: terminal.capabilities.unicode, draft: draft, note: startupNote, fingerprint: fingerprint)
        var runner = CommandRunner(drafts: drafts)
        var crashDraft: (plan: Plan, answersPath: String?)? = nil
        while true {
            model.refresh()
            terminal.draw(model.view())
            var event = terminal.nextEvent(timeoutMilliseconds: 0)
            // Input stopped (the frame is drawn, nothing is waiting): before sleeping, a crash's draft catches up
            // with the latest unsaved answers, written where Ctrl-C would (see Terminal.setCrashDraft). Rendering
            // the answers file here keeps it off the keystroke → frame path; a crash in the middle of a paste
            // keeps the answers as they were before the paste.
            if event == nil, crashDraft?.plan != model.plan || crashDraft?.answersPath != model.answersPath {
                crashDraft = (model.plan, model.answersPath)
                // The generated answers file (with its header), rendered once per changed plan.
                let answers = model.generated.file(Plan.answersFileName) ?? AnswersFile.render(model.plan)
                Terminal.setCrashDraft(paths: model.isDirty ? runner.drafts.files(for: model.answersPath) : [], contents: Array(answers.utf8))
            }
            // The offline proof and the size limits (milliseconds) run once typing pauses for 60 ms, so a key
            // never waits for them.
            if event == nil { event = terminal.nextEvent(timeoutMilliseconds: model.needsProof ? 60 : 500) }
            if let signal = Terminal.pendingSignal() {
                if signal == SIGTSTP {
                    terminal.suspend()
                    continue
                }
                // SIGTERM, SIGHUP (terminal closed), SIGINT from outside: keep the answers, then leave.
                var outcome: DraftOutcome? = nil
                if model.isDirty {
                    if case let .draftSaved(saved)? = runner.run(.saveDraft(text: AnswersFile.render(model.plan), answersPath: model.answersPath)) {
                        outcome = saved
                    }
                }
                terminal.close()
                if let outcome { Console.error("s3wizard: stopped by signal \(signal); \(outcome.summary)") }
                return 128 + signal
            }
            guard let event else {
                if model.needsProof { model.prove() }
                continue
            }
            var pending = EventQueue()
            pending.append(event)
            // Everything already typed or pasted is applied before the next frame is drawn: one regeneration
            // per batch. The batch ends when input stops, so nothing read is ever left out.
            while let more = terminal.nextEvent(timeoutMilliseconds: 0) { pending.append(more) }
            while let next = pending.next(joiningText: model.takesText) {
                for command in model.update(next) {
                    switch command {
                    case let .quit(status):
                        terminal.close()
                        Terminal.setCrashDraft(paths: [], contents: [])
                        if let note = model.exitNote { Console.error(note) }
                        return status
                    case .redraw:
                        terminal.invalidate()
                    case .audit:
                        // A few seconds of AWS CLI calls: the frame saying so is drawn first.
                        terminal.draw(model.view())
                        if let result = runner.run(command) { pending.append(result) }
                    default:
                        if let result = runner.run(command) { pending.append(result) }
                    }
                }
            }
        }
    }
}

/// Draws screens without a terminal: `s3wizard --screen 120x40 --keys "jj<enter>"` (tests, docs, bug reports).
enum ScreenDump {
    static func parseSize(_ text: String) -> Size? {
        let parts = text.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0, w <= 1000, h <= 1000 else { return nil }
        return Size(width: w, height: h)
    }

    static func run(plan: Plan, answersPath: String?, size: Size, keys: [Key], ascii: Bool) -> String {
        // Commands are not run: the dump shows what the screens look like, it writes nothing.
        var model = WizardModel(plan: plan, answersPath: answersPath, size: size, unicode: !ascii)
        for key in keys { _ = model.update(.key(key)) }
        model.prove()
        return model.view().text + "\n"
    }
}
