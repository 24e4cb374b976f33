import Foundation
import S3HardeningCore
import TerminalBackend
import WizardUI

/// `s3wizard` with no subcommand: the interactive wizard. The loop is all this file does: read an event,
/// update the model, run its commands, draw its view.
struct Interactive {
    let plan: Plan
    let answersPath: String?
    let theme: Theme
    let environment: [String: String]

    func run() -> Int32 {
        let drafts = DraftStore(environment: environment)
        var draft: (plan: Plan, savedAt: String)? = nil
        var startupNote: String? = nil
        switch drafts.load() {
        case .none: break
        case let .draft(plan, savedAt): draft = (plan, savedAt)
        case let .unreadable(problem): startupNote = "A draft at \(drafts.path) could not be read (\(problem)); it was left in place."
        }
        let terminal: Terminal
        do { terminal = try Terminal.open(theme: theme, environment: environment) } catch {
            Console.error(error.description)
            return 2
        }
        defer { terminal.close() }
        var model = WizardModel(plan: plan, answersPath: answersPath, size: terminal.size,
                                unicode: terminal.capabilities.unicode, draft: draft, note: startupNote)
        let runner = CommandRunner(drafts: drafts)
        var crashDraftPlan: Plan? = nil
        while true {
            model.refresh()
            // A crash writes the latest unsaved answers where Ctrl-C would (see Terminal.setCrashDraft).
            if model.plan != crashDraftPlan {
                crashDraftPlan = model.plan
                // The answers file is among the generated files already: no second rendering per key.
                let answers = model.generated.files[Plan.answersFileName] ?? AnswersFile.render(model.plan)
                Terminal.setCrashDraft(path: model.isDirty ? drafts.path : nil, contents: Array(answers.utf8))
            }
            terminal.draw(model.view())
            // The offline proof (a few ms) runs once typing pauses for 60 ms, so a key never waits for it.
            let event = terminal.nextEvent(timeoutMilliseconds: model.needsProof ? 60 : 500)
            if let signal = Terminal.pendingSignal() {
                // SIGTERM, SIGHUP (terminal closed), SIGINT from outside: keep the answers, then leave.
                if model.isDirty { _ = runner.run(.saveDraft(text: AnswersFile.render(model.plan))) }
                terminal.close()
                if model.isDirty { Console.error("s3wizard: stopped by signal \(signal); unsaved answers kept in \(drafts.path)") }
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
                        Terminal.setCrashDraft(path: nil, contents: [])
                        if status == 130, model.isDirty { Console.error("s3wizard: interrupted; unsaved answers kept in \(drafts.path) (offered at the next start)") }
                        return status
                    case .redraw:
                        terminal.invalidate()
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
