import Foundation
import Testing
@testable import S3HardeningCore
@testable import TerminalBackend
@testable import WizardUI

/// Pastes arrive whole, as text, and cost one step (issue 9, "Paste").
@Suite struct PasteTests {
    /// Edits the focused first field (Service name), emptied, and pastes `text` into it.
    private func pasteIntoServiceName(_ text: String) -> Wizard {
        var w = Wizard()
        w.press("<enter><c-u>")
        #expect(w.model.isEditing && w.model.takesText)
        w.commands += w.model.update(.paste(text))
        return w
    }

    @Test func aLongPasteIsKeptWholeAndTheFieldsOwnLimitSaysSo() {
        let text = String(repeating: "a", count: 4_097)
        var w = pasteIntoServiceName(text)
        #expect(w.model.plan.basics.service == text, "4,097 characters pasted, \(w.model.plan.basics.service.count) kept")
        w.press("<enter>")
        // The service name's own limit is a validation error on the field, not a silent cut.
        _ = w.screen
        #expect(w.model.generated.diagnostics.contains { $0.severity == .error && $0.path == FieldPath(\.basics.service) })
        #expect(w.model.plan.basics.service.count == 4_097)
    }

    @Test func pastedLineBreaksAreTextNotCommands() {
        var w = pasteIntoServiceName("abc\nrdq")
        #expect(w.model.plan.basics.service == "abc rdq")
        #expect(w.model.step == .basics && w.model.overlay == nil && w.model.isEditing, "r, d or q ran as a command")
        #expect(w.commands.isEmpty)
        // Line breaks at the ends go, a run of them (CR LF) inside is one space, tabs are spaces.
        var line = LineEditor("x")
        line.insert("\n\r\nab\r\n\r\ncd\te\n")
        #expect(line.text == "xab cd e")
    }

    @Test func aPasteOutsideAFieldRunsNothing() {
        var w = Wizard()
        let before = w.model.plan
        w.commands += w.model.update(.paste("rdq\nyn"))
        #expect(w.model.plan == before && w.model.step == .basics && w.model.overlay == nil && w.commands.isEmpty)
        #expect(w.screen.contains("Pasted text is not taken as keys"))
        // The file prompt takes a paste whole too.
        w.press("o<c-u>")
        _ = w.model.update(.paste("/tmp/a\nb.yaml"))
        guard case let .prompt(_, line)? = w.model.overlay else { Issue.record("no prompt"); return }
        #expect(line.text == "/tmp/a b.yaml")
    }

    /// 100 KB is inserted in one linear step (it froze the wizard for 218 s when each key copied the text).
    @Test func aHundredKilobytePasteIsLinear() {
        let text = String(repeating: "0123456789", count: 10_000)
        let clock = ContinuousClock()
        var w = Wizard()
        let elapsed = clock.measure {
            w.press("<enter><c-u>")
            _ = w.model.update(.paste(text))
            w.model.refresh()
        }
        #expect(w.model.plan.basics.service == text)
        #expect(elapsed < .seconds(5), "100 KB paste took \(elapsed)")
    }

    /// Typed characters without bracketed paste: all of them, joined into one insertion while a field is edited.
    @Test func theQueueDropsNothingAndJoinsTypingIntoAField() {
        var queue = EventQueue()
        for _ in 0..<5_000 { queue.append(.key(.character("x"))) }
        queue.append(.key(.enter))
        queue.append(.key(.character("q")))
        guard case let .paste(joined)? = queue.next(joiningText: true) else { Issue.record("not joined"); return }
        #expect(joined.count == 5_000)
        guard case .key(.enter)? = queue.next(joiningText: true) else { Issue.record("Enter lost"); return }
        guard case .key(.character("q"))? = queue.next(joiningText: true) else { Issue.record("q lost"); return }
        #expect(queue.isEmpty && queue.next(joiningText: true) == nil)
        // Outside a field every key stays a key (they are commands there).
        for c in "rdq" { queue.append(.key(.character(c))) }
        var keys = 0
        while case .key? = queue.next(joiningText: false) { keys += 1 }
        #expect(keys == 3)
    }
}

/// With the other ncurses tests: one screen at a time.
extension BackendTests {
    /// Everything the terminal reads from `input`, without the resize a headless terminal starts with.
    private func events(reading input: String) throws -> [Event] {
        let terminal = try Terminal.headless(size: Size(width: 80, height: 24), theme: .defaultTheme, input: Array(input.utf8))
        defer { terminal.close() }
        var events: [Event] = []
        while let event = terminal.nextEvent(timeoutMilliseconds: 100) {
            if case .resize = event { continue }
            events.append(event)
        }
        return events
    }

    /// The backend reads a bracketed paste (ESC [200~ … ESC [201~) as one event, with every character.
    @Test func theBackendReadsABracketedPasteWhole() throws {
        let body = String(repeating: "p", count: 4_097) + "\r\nrdq\u{1b}x"
        let events = try events(reading: "\u{1b}[200~\(body)\u{1b}[201~z")
        guard events.count == 2, case let .paste(text) = events[0], case .key(.character("z")) = events[1] else {
            Issue.record("expected a paste and z, read \(events.count) events: \(events.prefix(3))")
            return
        }
        #expect(text == String(repeating: "p", count: 4_097) + "\n\nrdqx", "an ESC inside the text is dropped, CR is a line break")
    }

    /// A terminal that loses the end marker: the paste ends when input stops, with what came.
    @Test func aPasteWithoutItsEndKeepsWhatCame() throws {
        let events = try events(reading: "\u{1b}[200~abc")
        guard events.count == 1, case let .paste(text) = events[0] else { Issue.record("read \(events)"); return }
        #expect(text == "abc")
    }
}
