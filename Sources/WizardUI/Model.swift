import S3HardeningCore

// The wizard as a value: `update(event) -> [Command]` changes it, `view(size)` (View.swift) draws it.
// Nothing here touches the terminal or the disk; file work is asked for through commands.

/// Work the runtime does for the model; results come back as events.
public enum Command: Sendable {
    /// `expecting`: what the file held when this wizard read or last wrote it; if it changed since, nothing is
    /// saved and `.answersChangedOnDisk` comes back (nil: no check, the user chose to overwrite).
    case saveAnswers(path: String, text: String, expecting: DiskState?)
    case loadAnswers(path: String)
    /// Exports exactly as `s3wizard generate` does: `plan.generate(formats:proof: true)` through the core's exporter.
    case export(plan: Plan, directory: String, formats: Set<OutputFormat>, force: Bool)
    /// Keyed by the answers file the draft belongs to (nil: the built-in example); `.draftSaved` reports where.
    case saveDraft(text: String, answersPath: String?)
    case discardDraft
    case redraw
    case quit(status: Int32)
}

/// The core's output for one plan, indexed for the screens.
public struct Generated: Sendable {
    public let plan: Plan
    /// The field rules and limits; once proved, the proof's too (a broken intent is an error like any other).
    public private(set) var diagnostics: [Diagnostic]
    public let paths: [String]
    public let files: [String: String]
    /// Diagnostics by answers path (`data_access.roles[0].arn`).
    private(set) var byPath: [String: [Diagnostic]] = [:]
    /// Whether the offline proof has run for this plan; the matrix when it could (no other errors).
    public private(set) var proved = false
    public private(set) var matrix: AccessMatrix? = nil
    public private(set) var matrixProblem: String? = nil

    init(_ plan: Plan) {
        self.plan = plan
        // The keystroke path: no proof here (a few milliseconds); `prove()` runs it when typing pauses.
        let (diagnostics, artifacts) = plan.generate()
        self.diagnostics = diagnostics
        paths = artifacts.files.map(\.path)
        var files: [String: String] = [:]
        for file in artifacts.files { files[file.path] = file.contents }
        self.files = files
        index(diagnostics)
    }

    private mutating func index(_ added: [Diagnostic]) {
        for d in added { byPath[d.path.description, default: []].append(d) }
    }

    /// Runs the plan's intents, exactly as `validate` and `generate` do, and adds their diagnostics.
    mutating func prove() {
        guard !proved else { return }
        let errors = diagnostics.errors.count
        guard errors == 0 else {
            proved = true
            matrixProblem = "Fix the \(errors) error(s) first: the simulator proves a plan that can be generated."
            return
        }
        let proven = plan.prove()
        record(matrix: proven.matrix, diagnostics: proven.diagnostics)
    }

    /// Takes a matrix of this plan as its proof.
    mutating func accept(_ proven: AccessMatrix) {
        record(matrix: proven, diagnostics: plan.proofDiagnostics(proven))
    }

    private mutating func record(matrix proven: AccessMatrix?, diagnostics added: [Diagnostic]) {
        proved = true
        matrix = proven
        if proven == nil { matrixProblem = added.first?.message }
        diagnostics += added
        index(added)
    }
}

public struct Glyphs: Sendable, Equatable {
    public let done, current, untouched, error, warning, pointer, ellipsis, vertical, horizontal: Character
    public let topLeft, topRight, bottomLeft, bottomRight, teeDown, teeUp, teeRight, teeLeft: Character
    public let left, right, check: Character

    public static let unicode = Glyphs(done: "✓", current: "●", untouched: "○", error: "✗", warning: "⚠", pointer: "▸",
                                       ellipsis: "…", vertical: "│", horizontal: "─", topLeft: "┌", topRight: "┐",
                                       bottomLeft: "└", bottomRight: "┘", teeDown: "┬", teeUp: "┴", teeRight: "├", teeLeft: "┤",
                                       left: "◂", right: "▸", check: "✓")
    public static let ascii = Glyphs(done: "+", current: "*", untouched: "o", error: "x", warning: "!", pointer: ">",
                                     ellipsis: "~", vertical: "|", horizontal: "-", topLeft: "+", topRight: "+",
                                     bottomLeft: "+", bottomRight: "+", teeDown: "+", teeUp: "+", teeRight: "+", teeLeft: "+",
                                     left: "<", right: ">", check: "y")
}

struct FieldEditor {
    let rowID: String
    var line: LineEditor
    /// The plan before editing began: Esc goes back to it.
    let original: Plan
    /// Why the text cannot be stored yet (a number out of range).
    var problem: String? = nil
}

enum Overlay {
    case help(title: String, lines: [String], scroll: Int)
    case search(SearchState)
    case confirmQuit
    case prompt(Prompt, LineEditor)
    case resumeDraft(DraftOffer)
    /// The answers file changed on disk since it was read or saved: overwrite it?
    case changedOnDisk(path: String, thenQuit: Bool)
}

enum Prompt: Equatable {
    case saveAs(thenQuit: Bool)
    case load
}

struct Status {
    enum Kind { case info, success, error }
    let text: String
    let kind: Kind
}

struct PreviewState {
    /// An artifact chosen with Tab; nil follows the focused row.
    var pinned: String? = nil
    var scroll = 0
    var zoomed = false
    /// Line numbers (0-based) the last change added or changed, per artifact.
    var changed: [String: Set<Int>] = [:]
    /// When the focused row's own artifact did not change, the artifact that did, while that row keeps focus.
    var followed: (rowID: String, path: String)? = nil
}

struct ExportState {
    var directory = "hardened"
    var terraform = true
    var json = true
    var force = false
    var outcome: ExportOutcome? = nil

    var formats: Set<OutputFormat> {
        var set = Set<OutputFormat>()
        if terraform { set.insert(.terraform) }
        if json { set.insert(.json) }
        return set
    }
}

public struct WizardModel {
    public internal(set) var plan: Plan
    /// The plan as last saved or loaded; unsaved changes are the difference.
    var savedPlan: Plan
    public internal(set) var answersPath: String?
    public internal(set) var step: StepID = .basics
    var focus = 0
    var editor: FieldEditor? = nil
    var visited: Set<StepID> = [.basics]
    public internal(set) var generated: Generated
    var preview = PreviewState()
    var overlay: Overlay? = nil
    var status: Status? = nil
    var review = ReviewState()
    var export = ExportState()
    var undo: [Plan] = []
    var pendingQuit = false
    /// The answers file as this wizard last read or wrote it (nil: not read from a file): a save checks it.
    var onDisk: DiskState?
    /// A draft could not be written anywhere: the next Ctrl-C quits without one.
    var draftUnwritable = false
    /// What the runtime prints once the terminal is restored (where the draft went).
    public internal(set) var exitNote: String? = nil
    public internal(set) var size: Size
    public let glyphs: Glyphs

    /// Starts on `plan` (loaded from `answersPath`, or the built-in example when nil). A draft left by a
    /// session that ended early is offered first.
    public init(plan: Plan, answersPath: String?, size: Size, unicode: Bool = true, draft: DraftOffer? = nil,
                note: String? = nil, onDisk: DiskState? = nil) {
        self.plan = plan
        self.onDisk = onDisk
        savedPlan = plan
        self.answersPath = answersPath
        self.size = size
        glyphs = unicode ? .unicode : .ascii
        generated = Generated(plan)
        if let draft, draft.plan != plan { overlay = .resumeDraft(draft) }
        focus = firstFocusable(from: 0, step: .basics)
        if let note { status = Status(text: note, kind: .error) }
    }

    public var isDirty: Bool { plan != savedPlan }
    public var isEditing: Bool { editor != nil }

    /// The steps that apply to this plan, in order.
    public var steps: [StepID] { StepID.allCases.filter { $0.applies(to: plan) } }

    /// The focused step's rows. They depend only on the step and the plan, and are asked for several times
    /// per key, so they are kept until either changes.
    var rows: [FormRow] {
        if step == .export { return exportRows }
        if rowCache.step == step, rowCache.plan == plan { return rowCache.rows }
        let rows = step.rows(for: plan)
        rowCache.step = step
        rowCache.plan = plan
        rowCache.rows = rows
        return rows
    }

    /// A memo, not state: shared by copies of the model, which is harmless because it is keyed by step and plan.
    let rowCache = RowCache()

    var focusedRow: FormRow? {
        let rows = self.rows
        return rows.indices.contains(focus) ? rows[focus] : nil
    }

    // MARK: - Update

    public mutating func update(_ event: Event) -> [Command] {
        switch event {
        case let .resize(newSize):
            size = newSize
            return [.redraw]
        case let .answersSaved(path, error, state):
            return saved(path: path, error: error, onDisk: state)
        case let .answersChangedOnDisk(path):
            overlay = .changedOnDisk(path: path, thenQuit: pendingQuit)
            pendingQuit = false
            return []
        case let .answersLoaded(path, result, state):
            return loaded(path: path, result: result, onDisk: state)
        case let .draftSaved(outcome):
            return draftSaved(outcome)
        case let .exported(outcome):
            exported(outcome)
            return []
        case let .paste(text):
            return paste(text)
        case let .key(key):
            // Typing only edits the plan; everything else may read diagnostics or files, so they must be current.
            if !(editor != nil && overlay == nil && key.isTyping) { refresh() }
            if key == .control("c") { return interrupt() }
            if key == .control("l") { return [.redraw] }
            // Nothing is drawn but the notice: keys must not act on what the user cannot see.
            if isTooSmall { return key == .character("q") || key == .function(10) ? quit() : [] }
            if overlay != nil { return overlayKey(key) }
            if editor != nil { return editKey(key) }
            status = nil
            if step == .review { return reviewKey(key) }
            return preview.zoomed ? zoomedKey(key) : navigationKey(key)
        }
    }

    /// Ctrl-C: the answers so far become a draft the next start offers; the wizard quits once it is written
    /// (`draftSaved`). The terminal is restored by the runtime.
    mutating func interrupt() -> [Command] {
        if let editor { commitOrRevert(editor) }
        guard isDirty else { return [.quit(status: 130)] }
        guard !draftUnwritable else {
            exitNote = "s3wizard: interrupted; the unsaved answers were NOT kept (no draft could be written)"
            return [.quit(status: 130)]
        }
        return [.saveDraft(text: AnswersFile.render(plan), answersPath: answersPath)]
    }

    /// Where the Ctrl-C draft went. Nowhere: the wizard stays open and says so, rather than lose the answers.
    private mutating func draftSaved(_ outcome: DraftOutcome) -> [Command] {
        switch outcome {
        case .saved:
            exitNote = "s3wizard: interrupted; \(outcome.summary) (offered at the next start)"
            return [.quit(status: 130)]
        case let .failed(problems):
            draftUnwritable = true
            // The actions first: a narrow status line clips the end.
            status = Status(text: "Draft not written: s saves, Ctrl-C quits anyway. Tried \(problems.joined(separator: "; ")).", kind: .error)
            return []
        }
    }

    // MARK: Navigation

    private mutating func navigationKey(_ key: Key) -> [Command] {
        switch key {
        case .up, .character("k"): moveFocus(-1)
        case .down, .character("j"): moveFocus(1)
        case .home: focus = firstFocusable(from: 0, step: step)
        case .end: focus = lastFocusable()
        case .enter: return activate()
        case .character(" "): toggle(forward: true)
        case .right, .character("l"): toggle(forward: true)
        case .left, .character("h"): toggle(forward: false)
        case .character("d"), .delete: removeFocused()
        case .character("u"): undoLast()
        default: return commonKey(key)
        }
        return []
    }

    /// The form is hidden while the preview is zoomed: keys that would edit a field scroll the preview instead.
    private mutating func zoomedKey(_ key: Key) -> [Command] {
        switch key {
        case .up, .character("k"): preview.scroll = max(0, preview.scroll - 1)
        case .down, .character("j"): preview.scroll += 1
        case .home: preview.scroll = 0
        case .enter, .character(" "), .left, .right, .character("h"), .character("l"), .character("d"), .delete, .character("u"):
            status = Status(text: "The preview is zoomed: keys scroll it (↑↓ PgUp PgDn); v shows the form again.", kind: .info)
        default: return commonKey(key)
        }
        return []
    }

    /// Whether the terminal is below the smallest layout (the view shows only a notice then).
    public var isTooSmall: Bool { !Layout(size: size, zoomed: false).fits }

    /// Keys that work on every screen when nothing is being edited.
    mutating func commonKey(_ key: Key) -> [Command] {
        switch key {
        case .character("n"), .control("n"): nextStep()
        case .character("b"), .control("p"): previousStep()
        case let .character(c) where c.isNumber:
            let index = (c.wholeNumberValue ?? 0) == 0 ? 9 : c.wholeNumberValue! - 1
            if steps.indices.contains(index) { go(to: steps[index]) }
        case .tab: cyclePreview(1)
        case .backTab: cyclePreview(-1)
        case .pageDown: preview.scroll += max(1, previewHeight - 2)
        case .pageUp: preview.scroll = max(0, preview.scroll - max(1, previewHeight - 2))
        case .character("v"): preview.zoomed.toggle()
        case .character("f"):
            preview.pinned = nil
            preview.scroll = 0
        case .character("?"), .function(1): showHelp()
        case .character("/"), .control("f"): overlay = .search(SearchState(model: self))
        case .character("s"), .function(2): return save(thenQuit: false)
        case .character("o"), .function(3): overlay = .prompt(.load, LineEditor(answersPath ?? "answers.yaml"))
        case .character("r"), .function(5): go(to: .review)
        case .character("e"): go(to: .export)
        case .character("q"), .function(10): return quit()
        case .escape: status = Status(text: "Nothing to close. q quits (it asks before losing unsaved answers).", kind: .info)
        case .character:
            // Typing straight into a field is the likeliest reason for a letter with no command.
            let hint = focusedRow?.isText == true ? "Press Enter to edit this field; " : ""
            status = Status(text: hint + "letters are commands here (? lists them).", kind: .info)
        default: break
        }
        return []
    }

    mutating func moveFocus(_ delta: Int) {
        let rows = self.rows
        var index = focus + delta
        while rows.indices.contains(index) {
            if rows[index].isFocusable { focus = index; return }
            index += delta
        }
    }

    func firstFocusable(from start: Int, step: StepID) -> Int {
        let rows = step == .export ? exportRows : step.rows(for: plan)
        return rows.indices.first { $0 >= start && rows[$0].isFocusable } ?? 0
    }

    private func lastFocusable() -> Int {
        let rows = self.rows
        return rows.indices.last { rows[$0].isFocusable } ?? 0
    }

    /// Moves the focus to a row by id (after the rows changed), optionally starting to edit it.
    mutating func focusRow(id: String, edit: Bool) {
        guard let index = rows.firstIndex(where: { $0.id == id }) else { return }
        focus = index
        if edit { beginEditing() }
    }

    private mutating func activate() -> [Command] {
        guard let row = focusedRow else { return [] }
        switch row.kind {
        case .text: beginEditing()
        case .flag, .choice: toggle(forward: true)
        case let .action(_, perform):
            let before = plan
            let commands = perform(&self)
            if plan != before { recordUndo(before) }
            return commands
        case .heading: break
        }
        return []
    }

    private mutating func toggle(forward: Bool) {
        guard let row = focusedRow else { return }
        let before = plan
        switch row.kind {
        case let .flag(get, set): set(&self, !get(self))
        case let .choice(options, get, set):
            guard !options.isEmpty else { return }
            let current = options.firstIndex(of: get(self)) ?? 0
            set(&self, options[(current + (forward ? 1 : options.count - 1)) % options.count])
        default: return
        }
        if plan != before { recordUndo(before) }
        clampFocus()
    }

    private mutating func removeFocused() {
        guard let row = focusedRow, let remove = row.remove else { return }
        let before = plan
        remove(&self)
        recordUndo(before)
        clampFocus()
        status = Status(text: "Removed \(row.label.isEmpty ? row.id : row.label). Press u to undo.", kind: .info)
    }

    private mutating func undoLast() {
        guard let previous = undo.popLast() else {
            status = Status(text: "Nothing to undo.", kind: .info)
            return
        }
        plan = previous
        clampFocus()
        status = Status(text: "Undone.", kind: .info)
    }

    mutating func recordUndo(_ plan: Plan) {
        undo.append(plan)
        if undo.count > 200 { undo.removeFirst() }
    }

    mutating func clampFocus() {
        let rows = self.rows
        if focus >= rows.count { focus = lastFocusable() }
        if rows.indices.contains(focus), !rows[focus].isFocusable { moveFocus(-1) }
    }

    // MARK: Steps

    func problems(in step: StepID) -> (errors: Int, warnings: Int) {
        var errors = 0, warnings = 0
        for d in generated.diagnostics where StepID.owner(of: d.path) == step {
            if d.severity == .error { errors += 1 } else { warnings += 1 }
        }
        return (errors, warnings)
    }

    mutating func go(to target: StepID) {
        prove()
        guard target != step, steps.contains(target) else { return }
        step = target
        visited.insert(target)
        focus = firstFocusable(from: 0, step: target)
        preview.pinned = nil
        preview.scroll = 0
        if target == .review { review.refresh(for: self) }
    }

    /// Forward is blocked while the step has errors; backward and jumps never are.
    mutating func nextStep() {
        let steps = self.steps
        guard let index = steps.firstIndex(of: step), index + 1 < steps.count else { return }
        prove()
        let errors = problems(in: step).errors
        if errors > 0, step != .review {
            status = Status(text: "\(errors) error\(errors == 1 ? "" : "s") on this step: fix \(errors == 1 ? "it" : "them") to go on (or jump with 1–9, errors are kept).", kind: .error)
            return
        }
        go(to: steps[index + 1])
    }

    mutating func previousStep() {
        let steps = self.steps
        guard let index = steps.firstIndex(of: step), index > 0 else { return }
        go(to: steps[index - 1])
    }

    // MARK: Editing

    mutating func beginEditing() {
        guard let row = focusedRow, case let .text(binding) = row.kind else { return }
        editor = FieldEditor(rowID: row.id, line: LineEditor(binding.get(self)), original: plan)
    }

    private mutating func editKey(_ key: Key) -> [Command] {
        guard var current = editor else { return [] }
        switch key {
        case .escape:
            plan = current.original
            editor = nil
            clampFocus()
            status = Status(text: "Edit undone.", kind: .info)
        case .enter, .tab, .down:
            commitOrRevert(current)
            moveFocus(1)
        case .backTab, .up:
            commitOrRevert(current)
            moveFocus(-1)
        default:
            guard current.line.handle(key) else { return [] }
            store(current)
        }
        return []
    }

    /// Stores the edited text in the plan through the field's binding (its problem, if any, is shown).
    private mutating func store(_ edited: FieldEditor) {
        var current = edited
        guard let row = rows.first(where: { $0.id == current.rowID }), case let .text(binding) = row.kind else {
            editor = nil
            return
        }
        current.problem = binding.set(&self, current.line.text)
        editor = current
    }

    /// Whether text goes into a field or prompt now (a paste, or typed characters, are text, not commands).
    public var takesText: Bool {
        guard !isTooSmall else { return false }
        switch overlay {
        case .search, .prompt: return true
        case nil: return editor != nil
        default: return false
        }
    }

    /// A paste goes whole into the field or prompt being edited (see `LineEditor.insert` for line breaks);
    /// anywhere else it is ignored, so pasted letters never run as commands.
    mutating func paste(_ text: String) -> [Command] {
        guard takesText else {
            if overlay == nil, !isTooSmall {
                status = Status(text: "Pasted text is not taken as keys: press Enter on a field to edit it, then paste.", kind: .info)
            }
            return []
        }
        switch overlay {
        case var .search(search):
            search.query.insert(text)
            search.refresh()
            overlay = .search(search)
        case .prompt(let prompt, var line):
            line.insert(text)
            overlay = .prompt(prompt, line)
        default:
            guard var current = editor else { return [] }
            current.line.insert(text)
            store(current)
        }
        return []
    }

    /// Ends editing: a value the field cannot hold goes back to what it was (and says so); an emptied list item goes away.
    mutating func commitOrRevert(_ current: FieldEditor) {
        editor = nil
        let row = rows.first { $0.id == current.rowID }
        if let problem = current.problem {
            plan = current.original
            status = Status(text: "\(row?.label ?? current.rowID): kept the previous value; \(problem).", kind: .error)
        } else if current.line.text.isEmpty, case let .text(binding)? = row?.kind, let remove = binding.removeWhenEmpty {
            remove(&self)
        }
        if current.original != plan { recordUndo(current.original) }
        clampFocus()
    }

    // MARK: Regeneration and the preview

    /// Regenerates through the core if the plan changed since the last time, and marks the preview lines the
    /// change touched. Edits only change the plan, so many keys (a paste) cost one regeneration: the runtime
    /// calls this before drawing, and `update` before any key that reads diagnostics or files.
    /// Whether the offline proof is due: the runtime calls `prove()` when no key is waiting.
    public var needsProof: Bool { !generated.proved || generated.plan != plan }

    /// Regenerates if needed and runs the offline proof, so step marks, field errors and the review include
    /// broken intents. Anything that reads whether the plan is sound (leaving a step, review, export) calls it.
    public mutating func prove() {
        refresh()
        generated.prove()
    }

    public mutating func refresh() {
        guard generated.plan != plan else { return }
        let old = generated
        generated = Generated(plan)
        preview.changed = [:]
        var path = previewPath
        if preview.pinned == nil, let rowID = focusedRow?.id, old.files[path] == generated.files[path],
           let moved = generated.paths.first(where: { old.files[$0] != generated.files[$0] && $0 != Plan.answersFileName }) {
            preview.followed = (rowID, moved)
            path = moved
        }
        if let new = generated.files[path] {
            let lines = ChangedLines.between(old.files[path] ?? "", new)
            preview.changed[path] = lines
            if let first = lines.min(), first < preview.scroll || first >= preview.scroll + previewHeight - 1 {
                preview.scroll = max(0, first - 2)
            }
        }
        previousFiles = old.files
    }

    /// The artifacts before the last change, to mark changes in an artifact the user cycles to.
    var previousFiles: [String: String] = [:]

    /// The artifact the preview shows: the pinned one, else the focused row's, else the first.
    public var previewPath: String {
        if let pinned = preview.pinned, generated.files[pinned] != nil { return pinned }
        if step == .review || step == .export { return generated.paths.first { $0.hasSuffix("bucket-policy.json") } ?? generated.paths.first ?? "" }
        if let followed = preview.followed, followed.rowID == focusedRow?.id, generated.files[followed.path] != nil { return followed.path }
        if let wanted = focusedRow?.preview, generated.files[wanted] != nil { return wanted }
        return generated.paths.first { $0 == Artifacts.bucketPolicy } ?? generated.paths.first ?? ""
    }

    mutating func cyclePreview(_ delta: Int) {
        let paths = generated.paths
        guard !paths.isEmpty else { return }
        let index = paths.firstIndex(of: previewPath) ?? 0
        let next = paths[(index + delta + paths.count) % paths.count]
        preview.pinned = next
        preview.scroll = 0
        if preview.changed[next] == nil, let old = previousFiles[next], let new = generated.files[next] {
            preview.changed[next] = ChangedLines.between(old, new)
        }
    }

    // MARK: Files

    mutating func save(thenQuit: Bool) -> [Command] {
        guard let path = answersPath else {
            overlay = .prompt(.saveAs(thenQuit: thenQuit), LineEditor("answers.yaml"))
            return []
        }
        pendingQuit = thenQuit
        return [saveCommand(path)]
    }

    /// Saving over the file this wizard read checks that nobody changed it since (two wizards, one file).
    private func saveCommand(_ path: String, overwrite: Bool = false) -> Command {
        .saveAnswers(path: path, text: AnswersFile.render(plan), expecting: path == answersPath && !overwrite ? onDisk : nil)
    }

    private mutating func saved(path: String, error: String?, onDisk state: DiskState?) -> [Command] {
        if let error {
            pendingQuit = false
            status = Status(text: "Not saved: \(error)", kind: .error)
            return []
        }
        answersPath = path
        savedPlan = plan
        onDisk = state
        status = Status(text: "Saved \(path).", kind: .success)
        if pendingQuit { return [.discardDraft, .quit(status: 0)] }
        return [.discardDraft]
    }

    private mutating func loaded(path: String, result: Result<Plan, LoadFailure>, onDisk state: DiskState?) -> [Command] {
        switch result {
        case let .failure(failure):
            status = Status(text: "Not loaded: \(failure.message)", kind: .error)
        case let .success(newPlan):
            let before = plan
            recordUndo(before)
            plan = newPlan
            savedPlan = newPlan
            answersPath = path
            onDisk = state
            go(to: .basics)
            focus = firstFocusable(from: 0, step: .basics)
            status = Status(text: "Loaded \(path).", kind: .success)
        }
        return []
    }

    private mutating func exported(_ outcome: ExportOutcome) {
        export.outcome = outcome
        if let error = outcome.error {
            status = Status(text: "Nothing was written: \(error)", kind: .error)
        } else if !outcome.conflicts.isEmpty {
            status = Status(text: "Nothing was written: \(outcome.conflicts.count) file(s) changed by hand. Turn on \"Overwrite hand edits\" to replace them.", kind: .error)
        } else if let report = outcome.report {
            status = Status(text: "Wrote \(report.writtenCount) file(s) to \(outcome.directory).", kind: .success)
            if answersPath == nil {
                answersPath = outcome.directory + "/" + Plan.answersFileName
                savedPlan = plan
            }
        }
    }

    mutating func quit() -> [Command] {
        guard isDirty else { return [.discardDraft, .quit(status: 0)] }
        overlay = .confirmQuit
        return []
    }

    // MARK: Overlays

    private mutating func overlayKey(_ key: Key) -> [Command] {
        guard let current = overlay else { return [] }
        switch current {
        case let .help(title, lines, scroll):
            switch key {
            case .up, .character("k"): overlay = .help(title: title, lines: lines, scroll: max(0, scroll - 1))
            case .down, .character("j"): overlay = .help(title: title, lines: lines, scroll: min(max(0, lines.count - 1), scroll + 1))
            case .pageDown: overlay = .help(title: title, lines: lines, scroll: min(max(0, lines.count - 1), scroll + 10))
            case .pageUp: overlay = .help(title: title, lines: lines, scroll: max(0, scroll - 10))
            default: overlay = nil
            }
        case var .search(search):
            switch key {
            case .escape: overlay = nil
            case .up: search.move(-1); overlay = .search(search)
            case .down, .tab: search.move(1); overlay = .search(search)
            case .enter:
                overlay = nil
                if let hit = search.selectedHit { jump(to: hit) }
            default:
                if search.query.handle(key) { search.refresh() }
                overlay = .search(search)
            }
        case .confirmQuit:
            switch key {
            case .character("y"), .character("Y"), .enter:
                overlay = nil
                return save(thenQuit: true)
            case .character("n"), .character("N"):
                overlay = nil
                return [.discardDraft, .quit(status: 0)]
            case .escape, .character("c"), .character("C"):
                overlay = nil
            default: break
            }
        case .prompt(let prompt, var line):
            switch key {
            case .escape:
                overlay = nil
            case .enter:
                let path = line.text.trimmed
                guard !path.isEmpty else {
                    status = Status(text: "Type a file name first (or Esc).", kind: .error)
                    return []
                }
                overlay = nil
                switch prompt {
                case let .saveAs(thenQuit):
                    pendingQuit = thenQuit
                    return [saveCommand(path)]
                case .load:
                    return [.loadAnswers(path: path)]
                }
            default:
                _ = line.handle(key)
                overlay = .prompt(prompt, line)
            }
        case let .changedOnDisk(path, thenQuit):
            switch key {
            case .character("y"), .character("Y"):
                overlay = nil
                pendingQuit = thenQuit
                return [saveCommand(path, overwrite: true)]
            case .character("a"), .character("A"):
                overlay = .prompt(.saveAs(thenQuit: thenQuit), LineEditor(path))
            case .character("n"), .character("N"), .escape:
                overlay = nil
                status = Status(text: "Not saved: \(path) was changed by someone else; o opens their version, a file name keeps both.", kind: .error)
            default: break
            }
        case let .resumeDraft(draft):
            switch key {
            case .character("y"), .character("Y"), .enter:
                overlay = nil
                plan = draft.plan
                status = Status(text: "Resumed the draft. It stays until you save or quit.", kind: .success)
            case .character("n"), .character("N"), .escape:
                overlay = nil
                return [.discardDraft]
            default: break
            }
        }
        return []
    }

    mutating func showHelp() {
        overlay = .help(title: "Help", lines: HelpText.lines(for: self), scroll: 0)
    }

    mutating func jump(to hit: SearchHit) {
        switch hit.target {
        case let .field(step, id):
            go(to: step)
            if let index = rows.firstIndex(where: { $0.id == id }) { focus = index }
        case let .control(index):
            go(to: .review)
            review.tab = .controls
            review.selected = index
        }
    }

    /// Height of the preview's text area at the current size (see Layout).
    var previewHeight: Int { Layout(size: size, zoomed: preview.zoomed).preview.height - 1 }
}

extension Key {
    /// Keys that edit text without leaving the field.
    var isTyping: Bool {
        switch self {
        case .character, .backspace, .delete, .left, .right, .home, .end, .control("u"), .control("k"), .control("w"),
             .control("a"), .control("e"), .control("b"), .control("f"), .control("d"): true
        default: false
        }
    }
}

final class RowCache {
    var step: StepID? = nil
    var plan: Plan? = nil
    var rows: [FormRow] = []
}

/// Which lines of `new` differ from `old`: everything between the common first and last lines.
/// One edit changes one region, so this is exact for a keystroke and cheap (linear).
enum ChangedLines {
    static func between(_ old: String, _ new: String) -> Set<Int> {
        guard old != new else { return [] }
        let a = TextLines.split(old), b = TextLines.split(new)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix].utf8.elementsEqual(b[prefix].utf8) { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix,
              a[a.count - 1 - suffix].utf8.elementsEqual(b[b.count - 1 - suffix].utf8) { suffix += 1 }
        // Between the common ends, a real line diff (Myers, from the standard library): only inserted or changed
        // lines are marked, not the whole range from the first change to the last.
        let oldMiddle = a[prefix..<(a.count - suffix)].map { Line($0) }, newMiddle = b[prefix..<(b.count - suffix)].map { Line($0) }
        var marked = Set<Int>()
        for change in newMiddle.difference(from: oldMiddle) {
            if case let .insert(offset, _, _) = change { marked.insert(prefix + offset) }
        }
        return marked
    }

    /// A line compared by its UTF-8 bytes: cheaper than String's Unicode-equivalence comparison, and exact.
    private struct Line: Equatable {
        let text: Substring
        init(_ text: Substring) { self.text = text }
        static func == (a: Line, b: Line) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
    }
}
