import S3HardeningCore

// One key map: every binding with its keys, its help, where it applies and what it does. `update` dispatches
// from it, and the help bar, the `?` screen, docs/keys.md and the CLI's help are all printed from it, so they
// cannot disagree (KeyMapTests checks docs/keys.md against `KeyMap.markdown`).

/// What the wizard is doing when a key arrives; it decides which bindings apply.
enum KeyMode: CaseIterable, Sendable {
    case form, zoomed, editing, reviewControls, reviewMatrix
    case help, search, prompt, confirmQuit, confirmOverwrite, resumeDraft, followUp, handEdits
    case tooSmall

    /// A key on a screen (not in a window or a field) replaces the last status message.
    var clearsStatus: Bool { [.form, .zoomed, .reviewControls, .reviewMatrix].contains(self) }
}

/// A group of bindings that apply in the same modes, with the title the help gives it.
enum KeySection: CaseIterable, Sendable {
    case everywhere, tooSmall, help, search, prompt, confirmQuit, confirmOverwrite, resumeDraft, followUp, handEdits
    case editing, zoomed, reviewMatrix, reviewControls, form, steps

    var title: String {
        switch self {
        case .everywhere: "Everywhere (also while editing)"
        case .tooSmall: "While the terminal is too small"
        case .help: "Help and statement windows"
        case .search: "Search (/)"
        case .prompt: "File name prompts (save as, open)"
        case .confirmQuit: "Quit with unsaved changes"
        case .confirmOverwrite: "Save over a file that changed"
        case .resumeDraft: "Resume a draft"
        case .followUp: "Update the values built from a changed one (account, service, environment)"
        case .handEdits: "Files changed by hand (export)"
        case .editing: "Editing a text field"
        case .zoomed: "Zoomed preview (v)"
        case .reviewMatrix: "Review: access matrix (m)"
        case .reviewControls: "Review: controls"
        case .form: "Form (steps 1–8 and Export)"
        case .steps: "Steps, preview and files (form, zoomed preview and review)"
        }
    }

    var modes: CaseSet<KeyMode> {
        switch self {
        case .everywhere: .all
        case .tooSmall: [.tooSmall]
        case .help: [.help]
        case .search: [.search]
        case .prompt: [.prompt]
        case .confirmQuit: [.confirmQuit]
        case .confirmOverwrite: [.confirmOverwrite]
        case .resumeDraft: [.resumeDraft]
        case .followUp: [.followUp]
        case .handEdits: [.handEdits]
        case .editing: [.editing]
        case .zoomed: [.zoomed]
        case .reviewMatrix: [.reviewMatrix]
        case .reviewControls: [.reviewControls]
        case .form: [.form]
        case .steps: [.form, .zoomed, .reviewControls, .reviewMatrix]
        }
    }

    /// The order sections are listed in the help and docs (the table's order is the lookup order).
    static let helpOrder: [KeySection] = [.form, .steps, .editing, .zoomed, .reviewControls, .reviewMatrix, .search,
                                          .prompt, .help, .confirmQuit, .confirmOverwrite, .resumeDraft, .followUp, .handEdits, .tooSmall, .everywhere]
}

struct KeyBinding: Sendable {
    enum Trigger: Sendable {
        case keys([Key])
        /// A character the line editor inserts.
        case typing
        /// Any key no earlier binding of the mode took.
        case anyOtherKey
    }

    typealias Action = @Sendable (inout WizardModel, Key) -> [Command]

    let trigger: Trigger
    let section: KeySection
    /// The section's modes, kept with the binding: every key and every frame's help bar looks them up.
    let modes: CaseSet<KeyMode>
    /// How the keys are written when listing each is too long ("1–9 0").
    let keysText: String?
    /// The help bar's label; nil keeps the binding off the bar.
    let bar: String?
    /// How many of the keys the help bar names.
    let barKeys: Int
    /// The bar shows it only in these modes (default: all of the section's).
    let barModes: CaseSet<KeyMode>?
    let help: String
    let action: Action

    init(_ trigger: Trigger, _ section: KeySection, keysText: String? = nil, bar: String? = nil, barKeys: Int = 1,
         barModes: CaseSet<KeyMode>? = nil, help: String, action: @escaping Action) {
        self.trigger = trigger
        self.section = section
        modes = section.modes
        self.keysText = keysText
        self.bar = bar
        self.barKeys = barKeys
        self.barModes = barModes
        self.help = help
        self.action = action
    }

    init(_ keys: [Key], _ section: KeySection, keysText: String? = nil, bar: String? = nil, barKeys: Int = 1,
         barModes: CaseSet<KeyMode>? = nil, help: String, action: @escaping Action) {
        self.init(.keys(keys), section, keysText: keysText, bar: bar, barKeys: barKeys, barModes: barModes, help: help, action: action)
    }

    func matches(_ key: Key) -> Bool {
        switch trigger {
        case let .keys(keys): keys.contains(key)
        case .typing: if case let .character(c) = key { !c.isNewline } else { false }
        case .anyOtherKey: true
        }
    }

    /// The keys as the help lists them.
    var keysLabel: String {
        if let keysText { return keysText }
        switch trigger {
        case let .keys(keys): return keys.map(\.label).joined(separator: " ")
        case .typing: return "type"
        case .anyOtherKey: return "any other key"
        }
    }

    /// The keys as the help bar shows them: the first `barKeys`, arrows run together ("↑↓").
    var barKeysLabel: String {
        guard case let .keys(keys) = trigger else { return keysLabel }
        let shown = keys.prefix(barKeys).map(\.label)
        return shown.allSatisfy({ $0.count == 1 }) ? shown.joined() : shown.joined(separator: " ")
    }
}

extension Key {
    /// How help texts write the key.
    var label: String {
        switch self {
        case .character(" "): "Space"
        case let .character(c): String(c)
        case let .control(c): "Ctrl-" + c.uppercased()
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .escape: "Esc"
        case let .function(n): "F\(n)"
        }
    }
}

enum KeyMap {
    /// In lookup order: the first binding of the mode that matches the key acts.
    static let bindings: [KeyBinding] = everywhere + tooSmall + overlays + editing + zoomed + review + form + steps

    static func binding(for key: Key, in mode: KeyMode) -> KeyBinding? {
        bindings.first { $0.modes.contains(mode) && $0.matches(key) }
    }

    /// The help bar of a mode: its bindings with a bar label, in table order.
    static func bar(in mode: KeyMode) -> [(keys: String, label: String)] {
        bindings.compactMap { b in
            guard let label = b.bar, b.modes.contains(mode), b.barModes?.contains(mode) ?? true else { return nil }
            return (b.barKeysLabel, label)
        }
    }

    /// Every binding of a section, in table order.
    static func bindings(in section: KeySection) -> [KeyBinding] { bindings.filter { $0.section == section } }

    private static let everywhere: [KeyBinding] = [
        KeyBinding([.control("c")], .everywhere, help: "quit now; unsaved answers are kept as a draft offered at the next start") { m, _ in m.interrupt() },
        KeyBinding([.control("l")], .everywhere, help: "redraw the screen") { _, _ in [.redraw] },
    ]

    private static let tooSmall: [KeyBinding] = [
        KeyBinding([.character("q"), .function(10)], .tooSmall, help: "quit (asks to save unsaved changes once the terminal is large enough)") { m, _ in m.quit() },
        // Nothing is drawn but the notice: keys must not act on what the user cannot see.
        KeyBinding(.anyOtherKey, .tooSmall, help: "ignored until the terminal is at least 80x24") { _, _ in [] },
    ]

    private static let overlays: [KeyBinding] = [
        KeyBinding([.up, .down, .character("k"), .character("j")], .help, keysText: "↑ ↓  k j", bar: "scroll", barKeys: 2, help: "scroll one line") { m, key in
            m.scrollHelp(by: key == .up || key == .character("k") ? -1 : 1); return []
        },
        KeyBinding([.pageUp, .pageDown], .help, bar: "page", barKeys: 2, help: "scroll one page") { m, key in
            m.scrollHelp(by: key == .pageUp ? -10 : 10); return []
        },
        KeyBinding(.anyOtherKey, .help, bar: "close", help: "close the window") { m, _ in m.overlay = nil; return [] },

        KeyBinding(.typing, .search, bar: "filter", help: "filter fields and controls (every word must match)") { m, key in m.editSearch(key); return [] },
        KeyBinding([.up, .down, .tab], .search, keysText: "↑ ↓ Tab", bar: "choose", barKeys: 2, help: "choose a hit") { m, key in
            m.moveSearch(key == .up ? -1 : 1); return []
        },
        KeyBinding([.enter], .search, bar: "jump there", help: "jump to the field or control") { m, _ in m.jumpToSearchHit(); return [] },
        KeyBinding([.escape], .search, bar: "close", help: "close the search") { m, _ in m.overlay = nil; return [] },
        KeyBinding(.anyOtherKey, .search, keysText: "← → Ctrl-U …", help: "edit the query as in a field") { m, key in m.editSearch(key); return [] },

        KeyBinding([.enter], .prompt, bar: "confirm", help: "use this file name") { m, _ in m.confirmPrompt() },
        KeyBinding([.tab], .prompt, bar: "complete", help: "complete the file or folder name; lists the candidates when there are several") { m, _ in
            m.requestCompletion()
        },
        KeyBinding([.escape], .prompt, bar: "cancel", help: "cancel") { m, _ in m.overlay = nil; return [] },
        KeyBinding(.anyOtherKey, .prompt, keysText: "type ← → Ctrl-U …", bar: "edit", help: "edit the file name as in a field") { m, key in
            m.editPrompt(key); return []
        },

        KeyBinding([.character("y"), .character("Y"), .enter], .confirmQuit, keysText: "y Enter", bar: "save and quit", help: "save the answers, then quit") { m, _ in
            m.overlay = nil; return m.save(thenQuit: true)
        },
        KeyBinding([.character("n"), .character("N")], .confirmQuit, keysText: "n", bar: "quit without saving", help: "quit and drop the unsaved changes") { m, _ in
            m.overlay = nil; return [.discardDraft, .quit(status: 0)]
        },
        KeyBinding([.escape, .character("c"), .character("C")], .confirmQuit, keysText: "Esc c", bar: "stay", help: "stay in the wizard") { m, _ in
            m.overlay = nil; return []
        },
        KeyBinding(.anyOtherKey, .confirmQuit, help: "ignored: answer y, n or Esc") { _, _ in [] },

        KeyBinding([.character("y"), .character("Y")], .confirmOverwrite, keysText: "y", bar: "replace the file", help: "replace the file with these answers") { m, _ in
            m.answerOverwrite(replace: true)
        },
        KeyBinding([.character("n"), .character("N"), .escape], .confirmOverwrite, keysText: "n Esc", bar: "keep it, do not save", help: "leave the file as it is (nothing is saved)") { m, _ in
            m.answerOverwrite(replace: false)
        },
        KeyBinding([.character("a"), .character("A")], .confirmOverwrite, keysText: "a", bar: "save as", help: "save under another name, keeping both files") { m, _ in
            m.saveElsewhereInstead(); return []
        },
        KeyBinding(.anyOtherKey, .confirmOverwrite, help: "ignored: answer y, n or a") { _, _ in [] },

        KeyBinding([.character("y"), .character("Y"), .enter], .resumeDraft, keysText: "y Enter", bar: "resume the draft", help: "continue from the draft") { m, _ in
            m.resumeDraft(); return []
        },
        KeyBinding([.character("n"), .character("N"), .escape], .resumeDraft, keysText: "n Esc", bar: "discard it", help: "discard the draft and start from the file") { m, _ in
            m.overlay = nil; return [.discardDraft]
        },
        KeyBinding(.anyOtherKey, .resumeDraft, help: "ignored: answer y or n") { _, _ in [] },

        KeyBinding([.character("y"), .character("Y"), .enter], .followUp, keysText: "y Enter", bar: "update them", help: "update every listed value") { m, _ in
            m.acceptFollowUp(); return []
        },
        KeyBinding([.character("n"), .character("N"), .escape], .followUp, keysText: "n Esc", bar: "keep them", help: "keep the values as they are") { m, _ in
            m.overlay = nil; return []
        },
        KeyBinding(.anyOtherKey, .followUp, help: "ignored: answer y or n") { _, _ in [] },

        KeyBinding([.up, .down], .handEdits, keysText: "↑ ↓", bar: "file", barKeys: 2, help: "the previous / next hand-edited file") { m, key in
            m.moveHandEdit(key == .up ? -1 : 1); return []
        },
        KeyBinding([.pageUp, .pageDown], .handEdits, bar: "scroll", barKeys: 2, help: "scroll the file's difference") { m, key in
            m.scrollHandEdit(by: key == .pageUp ? -10 : 10); return []
        },
        KeyBinding([.character("r")], .handEdits, bar: "replace", help: "replace this file with s3wizard's version") { m, _ in m.choose(.replace); return [] },
        KeyBinding([.character("k")], .handEdits, bar: "keep", help: "keep this file as edited (it is not written; the rest are)") { m, _ in
            m.choose(.keep); return []
        },
        KeyBinding([.character("w"), .enter], .handEdits, keysText: "w Enter", bar: "write", help: "write with these choices (every file needs one)") { m, _ in
            m.writeWithChoices()
        },
        KeyBinding([.escape], .handEdits, bar: "cancel", help: "close; nothing is written") { m, _ in m.overlay = nil; return [] },
        KeyBinding(.anyOtherKey, .handEdits, help: "ignored") { _, _ in [] },
    ]

    private static let editing: [KeyBinding] = [
        KeyBinding(.typing, .editing, help: "type: the preview follows every keystroke") { m, key in m.editField(key) },
        KeyBinding([.enter, .tab, .down], .editing, bar: "done", help: "done, move to the next field") { m, _ in m.endEditing(move: 1); return [] },
        KeyBinding([.up, .backTab], .editing, bar: "done & back", help: "done, move to the previous field") { m, _ in m.endEditing(move: -1); return [] },
        KeyBinding([.escape], .editing, bar: "undo edit", help: "undo this edit") { m, _ in m.cancelEditing(); return [] },
    ] + LineEditor.bindings.map { edit in
        let bar: String? = switch edit.keys.first { case .left: "cursor"; case .control("u"): "clear"; default: nil }
        return KeyBinding(edit.keys, .editing, bar: bar, help: edit.help) { m, key in m.editField(key) }
    } + [
        KeyBinding(.anyOtherKey, .editing, help: "ignored while editing (Enter ends the edit)") { _, _ in [] },
    ]

    private static let zoomed: [KeyBinding] = [
        KeyBinding([.up, .down, .character("k"), .character("j")], .zoomed, keysText: "↑ ↓  k j", bar: "scroll", barKeys: 2, help: "scroll the preview") { m, key in
            m.scrollPreview(by: key == .up || key == .character("k") ? -1 : 1); return []
        },
        KeyBinding([.home], .zoomed, help: "back to the top of the file") { m, _ in m.preview.scroll = 0; return [] },
        // The form is hidden while zoomed: keys that would edit a field say so instead of acting unseen.
        KeyBinding([.enter, .character(" "), .left, .right, .character("h"), .character("l"), .character("d"), .delete, .character("u")], .zoomed,
                   keysText: "Enter Space ← → d u …", help: "nothing: the form is hidden (v shows it again)") { m, _ in
            m.status = Status(text: "The preview is zoomed: keys scroll it (↑↓ PgUp PgDn); v shows the form again.", kind: .info)
            return []
        },
    ]

    private static let review: [KeyBinding] = [
        KeyBinding([.up, .down, .character("k"), .character("j")], .reviewMatrix, keysText: "↑ ↓  k j", bar: "cell", barKeys: 2, help: "select a principal") { m, key in
            m.moveMatrixRow(key == .up || key == .character("k") ? -1 : 1); return []
        },
        KeyBinding([.left, .right, .character("h"), .character("l")], .reviewMatrix, keysText: "← →  h l", help: "select an action") { m, key in
            m.moveMatrixColumn(key == .left || key == .character("h") ? -1 : 1); return []
        },
        KeyBinding([.character("["), .character("]"), .backTab, .tab], .reviewMatrix, keysText: "[ ]  Shift-Tab Tab", bar: "path", barKeys: 2,
                   help: "the previous / next network path (endpoint, internet, another VPC, via an AWS service, the access points)") { m, key in
            m.cyclePath(key == .character("[") || key == .backTab ? -1 : 1); return []
        },
        KeyBinding([.character("m")], .reviewMatrix, bar: "controls", help: "back to the controls") { m, _ in m.review.tab = .controls; return [] },
        KeyBinding([.character("t")], .reviewMatrix, help: "today's live policies / the hardened plan (after A, start from an existing bucket)") { m, _ in
            m.toggleTodayMatrix(); return []
        },
        KeyBinding([.up, .down, .character("k"), .character("j")], .reviewControls, keysText: "↑ ↓  k j", bar: "control", barKeys: 2, help: "select a control") { m, key in
            m.moveControl(key == .up || key == .character("k") ? -1 : 1); return []
        },
        KeyBinding([.home, .end], .reviewControls, help: "the first / last control") { m, key in
            m.review.selected = key == .home ? 0 : max(0, m.review.reports.count - 1); return []
        },
        KeyBinding([.pageUp, .pageDown], .reviewControls, help: "scroll the control's explanation") { m, key in
            m.scrollReviewDetail(by: key == .pageUp ? -1 : 1); return []
        },
        KeyBinding([.enter], .reviewControls, bar: "statements", help: "show the exact statements and resources behind the control") { m, _ in
            m.showSelectedImplementation(); return []
        },
        KeyBinding([.character("m")], .reviewControls, bar: "access matrix", help: "the access matrix: who can do what, from where, each cell traced") { m, _ in
            m.review.tab = .matrix; return []
        },
    ]

    private static let form: [KeyBinding] = [
        KeyBinding([.up, .down, .character("k"), .character("j")], .form, keysText: "↑ ↓  k j", bar: "move", barKeys: 2, help: "move between fields") { m, key in
            m.moveFocus(key == .up || key == .character("k") ? -1 : 1); return []
        },
        KeyBinding([.home, .end], .form, help: "the first / last field") { m, key in
            m.focus = key == .home ? m.firstFocusable(from: 0, step: m.step) : m.lastFocusable(); return []
        },
        KeyBinding([.enter], .form, bar: "edit", help: "edit a text field · toggle a switch · next choice · run an action") { m, _ in m.activate() },
        KeyBinding([.character(" "), .right, .character("l")], .form, keysText: "Space → l", help: "toggle a switch, next choice") { m, _ in m.toggle(forward: true); return [] },
        KeyBinding([.left, .character("h")], .form, keysText: "← h", help: "previous choice") { m, _ in m.toggle(forward: false); return [] },
        KeyBinding([.character("d"), .delete], .form, help: "remove the list item or role under the cursor") { m, _ in m.removeFocused(); return [] },
    ]

    private static let steps: [KeyBinding] = [
        KeyBinding([.character("u")], .steps, help: "undo the last change (again for the one before)") { m, _ in m.undoLast(); return [] },
        KeyBinding([.character("n"), .control("n")], .steps, bar: "next", help: "next step (blocked while the step has errors)") { m, _ in m.nextStep(); return [] },
        KeyBinding([.character("b"), .control("p")], .steps, bar: "back", help: "previous step") { m, _ in m.previousStep(); return [] },
        KeyBinding((1...9).map { Key.character(Character("\($0)")) } + [.character("0")], .steps, keysText: "1–9 0",
                   help: "jump to a step by its number (9 Review, 0 Export; a step that does not apply says so)") { m, key in
            if case let .character(c) = key { m.jump(toNumber: c) }
            return []
        },
        KeyBinding([.tab, .backTab], .steps, bar: "preview", barModes: [.form, .zoomed], help: "cycle the preview through every generated file") { m, key in
            m.cyclePreview(key == .tab ? 1 : -1); return []
        },
        KeyBinding([.pageUp, .pageDown], .steps, help: "scroll the preview") { m, key in
            m.scrollPreview(by: (key == .pageUp ? -1 : 1) * max(1, m.previewHeight - 2)); return []
        },
        KeyBinding([.character("v")], .steps, bar: "zoom", barModes: [.zoomed], help: "zoom the preview to the whole window, or back") { m, _ in
            m.preview.zoomed.toggle(); return []
        },
        KeyBinding([.character("f")], .steps, help: "let the preview follow the focused field again") { m, _ in
            m.preview.pinned = nil
            m.preview.scroll = 0
            return []
        },
        KeyBinding([.character("?"), .function(1)], .steps, bar: "help", help: "help on the focused field, the step and every key") { m, _ in m.showHelp(); return [] },
        KeyBinding([.character("/"), .control("f")], .steps, bar: "search", help: "search fields and controls") { m, _ in
            m.overlay = .search(SearchState(model: m)); return []
        },
        KeyBinding([.character("s"), .function(2)], .steps, bar: "save", barModes: [.form], help: "save the answers (asks for a file name the first time)") { m, _ in
            m.save(thenQuit: false)
        },
        KeyBinding([.character("S")], .steps, help: "save the answers under another name (Save As)") { m, _ in m.saveAs(); return [] },
        KeyBinding([.character("o"), .function(3)], .steps, help: "open an answers file") { m, _ in
            m.overlay = .prompt(.load, LineEditor(m.answersPath ?? "answers.yaml"))
            m.promptCandidates = []
            return []
        },
        KeyBinding([.character("A")], .steps, help: "start from an existing bucket: audit it through the AWS CLI (read-only) and open the prefilled plan") { m, _ in
            m.startFromExistingBucket(); return []
        },
        KeyBinding([.character("r"), .function(5)], .steps, help: "go to the review") { m, _ in m.go(to: .review); return [] },
        KeyBinding([.character("e")], .steps, help: "go to the export") { m, _ in m.go(to: .export); return [] },
        KeyBinding([.character("q"), .function(10)], .steps, bar: "quit", help: "quit (asks to save unsaved changes)") { m, _ in m.quit() },
        KeyBinding([.escape], .steps, help: "nothing to close here (Esc closes windows and undoes an edit)") { m, _ in
            m.status = Status(text: "Nothing to close. q quits (it asks before losing unsaved answers).", kind: .info)
            return []
        },
        KeyBinding(.typing, .steps, keysText: "other letters", help: "not commands: the status line says how to edit") { m, _ in
            // Typing straight into a field is the likeliest reason for a letter with no command.
            let hint = m.focusedRow?.isText == true ? "Press Enter to edit this field; " : ""
            m.status = Status(text: hint + "letters are commands here (? lists them).", kind: .info)
            return []
        },
    ]

    // MARK: Printed help

    /// The `?` screen's key lines: the sections that apply now first, then the rest.
    static func helpLines(for mode: KeyMode) -> [String] {
        let now = KeySection.helpOrder.filter { $0.modes.contains(mode) && $0 != .everywhere }
        let rest = KeySection.helpOrder.filter { !now.contains($0) }
        var lines: [String] = []
        for section in now + rest {
            lines.append(section.title)
            for b in bindings(in: section) { lines.append("  " + Wrap.pad(b.keysLabel, 22) + b.help) }
            lines.append("")
        }
        return lines
    }

    /// docs/keys.md.
    static var markdown: String {
        var text = "# Keys\n\n<!-- Generated from the wizard's key map (Sources/WizardUI/KeyMap.swift) by KeyMapTests; do not edit. -->\n\n"
        text += "Every key the wizard knows, by where it applies. The help bar and the `?` screen are printed from the same map.\n"
        for section in KeySection.helpOrder {
            text += "\n## \(section.title)\n\n| Keys | What it does |\n|---|---|\n"
            for b in bindings(in: section) {
                text += "| \(markdownKeys(b)) | \(b.help.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")) |\n"
            }
        }
        return text
    }

    private static func markdownKeys(_ binding: KeyBinding) -> String {
        guard case .keys = binding.trigger else { return "*\(binding.keysLabel)*" }
        return binding.keysLabel.split(separator: " ").map { part in part == "…" ? "…" : "`\(part)`" }.joined(separator: " ")
    }

    /// One line for the CLI's help: the form's help bar.
    static var summary: String {
        "Keys: " + bar(in: .form).map { "\($0.keys) \($0.label)" }.joined(separator: ", ")
            + ". Ctrl-C keeps unsaved answers as a draft. Every key: docs/keys.md, or ? in the wizard."
    }
}

public enum WizardKeys {
    /// The CLI's one-line summary of the keys (from the key map).
    public static var summary: String { KeyMap.summary }
}
