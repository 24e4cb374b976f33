import Glibc  // memcmp: comparing lines' bytes
import S3HardeningCore

// The wizard as a value: `update(event) -> [Command]` changes it, `view(size)` (View.swift) draws it.
// Nothing here touches the terminal or the disk; file work is asked for through commands.

/// Work the runtime does for the model; results come back as events.
public enum Command: Sendable {
    /// `replacing` says whether an existing file may be replaced without asking (see `AnswersFile.save`).
    case saveAnswers(path: String, text: String, replacing: AnswersFile.Replacing = .always)
    case loadAnswers(path: String)
    /// Exports exactly as `s3wizard generate` does: `plan.generate(formats:proof: true)` through the core's exporter.
    case export(plan: Plan, directory: String, formats: Set<OutputFormat>, force: Bool, choices: [String: HandEditChoice] = [:])
    /// Keyed by the answers file the draft belongs to (nil: the built-in example); `.draftSaved` reports where.
    case saveDraft(text: String, answersPath: String?)
    case discardDraft
    /// The names in a folder that start like `prefix` (Tab in a file prompt); `.completions` reports them.
    case listFiles(prefix: String)
    /// `s3wizard audit` of a live bucket through the AWS CLI (read-only); `.audited` reports it.
    case audit(bucket: String, options: AWSOptions)
    case redraw
    case quit(status: Int32)
}

/// The core's output for one plan, indexed for the screens. Its files are rendered when first read: per key
/// only the previewed one (`WizardModel.refresh`), the others on Tab, in the review's excerpts, or never.
public struct Generated: Sendable {
    public let plan: Plan
    /// The field rules and limits; once proved, the proof's too (a broken intent is an error like any other).
    public private(set) var diagnostics: [Diagnostic]
    private var output: PlanOutput
    /// Every file's path, in export order.
    public var paths: [String] { output.paths }
    /// Diagnostics by answers path (`data_access.roles[0].arn`).
    private(set) var byPath: [String: [Diagnostic]] = [:]
    /// Whether the offline proof has run for this plan; the matrix when it could (no other errors).
    public private(set) var proved = false
    public private(set) var matrix: AccessMatrix? = nil
    public private(set) var matrixProblem: String? = nil

    init(_ plan: Plan) {
        self.plan = plan
        // The keystroke path: neither the proof nor the size limits (each prints every policy: milliseconds with
        // many roles); `prove()` checks both when typing pauses.
        output = plan.output(limits: false)
        diagnostics = output.diagnostics
        index(diagnostics)
    }

    /// Whether this plan's output has a file at `path`.
    public func contains(_ path: String) -> Bool { output.contains(path) }

    /// The file at `path` (nil: none): as rendered before, else rendered now (and not kept: see `render`).
    public func file(_ path: String) -> String? { output.contents(path) }

    /// The file at `path`, rendered once and kept for the next frames.
    @discardableResult
    mutating func render(_ path: String) -> String? { output.render(path) }

    /// The files rendered and kept so far.
    var renderedPaths: Set<String> { Set(output.rendered.keys) }

    /// The lines of the kept files that were split (the previewed ones), kept with them.
    private var splitFiles: [String: TextLines] = [:]

    /// The lines of the file at `path` (nil: none): as split before, else split now (and not kept).
    func lines(_ path: String) -> TextLines? { splitFiles[path] ?? file(path).map(TextLines.init) }

    /// The file at `path`, rendered and split once and kept: the preview's diff and every frame's drawing read it.
    @discardableResult
    mutating func renderLines(_ path: String) -> TextLines? {
        if let lines = splitFiles[path] { return lines }
        guard let text = render(path) else { return nil }
        let lines = TextLines(text)
        splitFiles[path] = lines
        return lines
    }

    private mutating func index(_ added: [Diagnostic]) {
        for d in added { byPath[d.path.description, default: []].append(d) }
    }

    /// Checks the AWS size limits and runs the plan's intents, exactly as `validate` and `generate` do, and adds
    /// their diagnostics.
    mutating func prove() {
        guard !proved else { return }
        let policies = plan.policies.built()  // printed for the limits, read again by the proof
        if diagnostics.errors.isEmpty {
            let limits = plan.limitDiagnostics(policies, policies.rendered(References(plan)))
            diagnostics += limits
            index(limits)
        }
        let errors = diagnostics.errors.count
        guard errors == 0 else {
            proved = true
            matrixProblem = "Fix the \(errors) error(s) first: the simulator proves a plan that can be generated."
            return
        }
        let proven = plan.prove(policies: policies)
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
    /// A save found a different file at `path` than this wizard last saw there: replace it?
    case confirmOverwrite(path: String)
    case prompt(Prompt, LineEditor)
    case resumeDraft(DraftOffer)
    /// Values built from one the user just changed (the account in ARNs, the service in names), offered for update.
    case followUp(FollowUp)
    /// An export found files changed by hand: each one's difference, and a keep/replace choice per file.
    case handEdits(HandEditReview)
}

enum Prompt: Equatable {
    case saveAs(thenQuit: Bool)
    case load
    /// "Start from an existing bucket": its name, then the AWS CLI profile.
    case auditBucket
    case auditProfile(bucket: String)

    /// Tab completes file names only where a file is asked for.
    var takesFileName: Bool {
        switch self {
        case .saveAs, .load: true
        case .auditBucket, .auditProfile: false
        }
    }
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
    var visited: CaseSet<StepID> = [.basics]
    public internal(set) var generated: Generated
    var preview = PreviewState()
    var overlay: Overlay? = nil
    var status: Status? = nil
    var review = ReviewState()
    var export = ExportState()
    var undo: [Plan] = []
    var pendingQuit = false
    /// The names Tab found in a file prompt when they share no longer start (shown under it).
    var promptCandidates: [String] = []
    /// `answersPath` as this wizard last read or wrote it: a save asks before replacing anything else there
    /// (two wizards, one file; an editor that changed it meanwhile).
    var savedFingerprint: FileFingerprint? = nil
    /// A draft could not be written anywhere: the next Ctrl-C quits without one.
    var draftUnwritable = false
    /// What the runtime prints once the terminal is restored (where the draft went).
    public internal(set) var exitNote: String? = nil
    /// The live bucket the plan was prefilled from ("Start from an existing bucket"), for today's matrix.
    public internal(set) var liveAudit: LiveAudit? = nil
    public internal(set) var size: Size
    public let glyphs: Glyphs

    /// Starts on `plan` (loaded from `answersPath`, or the built-in example when nil). A draft left by a
    /// session that ended early is offered first.
    public init(plan: Plan, answersPath: String?, size: Size, unicode: Bool = true, draft: DraftOffer? = nil,
                note: String? = nil, fingerprint: FileFingerprint? = nil) {
        self.plan = plan
        savedFingerprint = fingerprint
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
        case let .answersSaved(path, error, fingerprint):
            return saved(path: path, error: error, fingerprint: fingerprint)
        case let .saveWouldReplace(path):
            overlay = .confirmOverwrite(path: path)
            return []
        case let .answersLoaded(path, result, fingerprint):
            return loaded(path: path, result: result, fingerprint: fingerprint)
        case let .draftSaved(outcome):
            return draftSaved(outcome)
        case let .exported(outcome):
            exported(outcome)
            return []
        case let .paste(text):
            return paste(text)
        case let .audited(bucket, result):
            audited(bucket: bucket, result: result)
            return []
        case let .completions(prefix, names):
            complete(prefix, with: names)
            return []
        case let .key(key):
            // Typing only edits the plan; everything else may read diagnostics or files, so they must be current.
            if !(editor != nil && overlay == nil && LineEditor.edits(with: key)) { refresh() }
            let mode = keyMode
            if mode.clearsStatus { status = nil }
            return KeyMap.binding(for: key, in: mode)?.action(&self, key) ?? []
        }
    }

    /// Which bindings of the key map apply now.
    var keyMode: KeyMode {
        // Nothing is drawn but the notice: keys must not act on what the user cannot see.
        if isTooSmall { return .tooSmall }
        switch overlay {
        case .help?: return .help
        case .search?: return .search
        case .prompt?: return .prompt
        case .confirmQuit?: return .confirmQuit
        case .confirmOverwrite?: return .confirmOverwrite
        case .resumeDraft?: return .resumeDraft
        case .followUp?: return .followUp
        case .handEdits?: return .handEdits
        case nil: break
        }
        if editor != nil { return .editing }
        if step == .review { return review.tab == .controls ? .reviewControls : .reviewMatrix }
        return preview.zoomed ? .zoomed : .form
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

    /// Whether the terminal is below the smallest layout (the view shows only a notice then).
    public var isTooSmall: Bool { !Layout(size: size, zoomed: false).fits }

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

    func lastFocusable() -> Int {
        let rows = self.rows
        return rows.indices.last { rows[$0].isFocusable } ?? 0
    }

    /// Moves the focus to a row by id (after the rows changed), optionally starting to edit it.
    mutating func focusRow(id: String, edit: Bool) {
        guard let index = rows.firstIndex(where: { $0.id == id }) else { return }
        focus = index
        if edit { beginEditing() }
    }

    mutating func activate() -> [Command] {
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

    mutating func toggle(forward: Bool) {
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

    mutating func removeFocused() {
        guard let row = focusedRow, let remove = row.remove else { return }
        let before = plan
        remove(&self)
        recordUndo(before)
        clampFocus()
        status = Status(text: "Removed \(row.label.isEmpty ? row.id : row.label). Press u to undo.", kind: .info)
    }

    mutating func undoLast() {
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

    /// A key the line editor takes: the field's value follows every keystroke.
    mutating func editField(_ key: Key) -> [Command] {
        guard var current = editor, current.line.handle(key) else { return [] }
        store(&current)
        return []
    }

    /// Stores the edited text in the plan through the field's binding (its problem, if any, is shown).
    private mutating func store(_ current: inout FieldEditor) {
        guard let row = rows.first(where: { $0.id == current.rowID }), case let .text(binding) = row.kind else {
            editor = nil
            return
        }
        current.problem = binding.set(&self, current.line.text)
        editor = current
    }

    /// Whether text goes into a field or prompt now (a paste, or typed characters, are text, not commands).
    public var takesText: Bool {
        switch keyMode {
        case .editing, .search, .prompt: true
        default: false
        }
    }

    /// A paste goes whole into the field or prompt being edited (see `LineEditor.insert` for line breaks);
    /// anywhere else it is ignored, so pasted letters never run as commands.
    mutating func paste(_ text: String) -> [Command] {
        switch keyMode {
        case .search:
            guard case var .search(search) = overlay else { return [] }
            search.query.insert(text)
            search.refresh()
            overlay = .search(search)
        case .prompt:
            guard case .prompt(let prompt, var line) = overlay else { return [] }
            line.insert(text)
            overlay = .prompt(prompt, line)
        case .editing:
            guard var current = editor else { return [] }
            current.line.insert(text)
            store(&current)
        case .form, .zoomed, .reviewControls, .reviewMatrix:
            status = Status(text: "Pasted text is not taken as keys: press Enter on a field to edit it, then paste.", kind: .info)
        default:
            break  // an overlay that asks a question, or too small to show anything: a paste answers nothing
        }
        return []
    }

    mutating func endEditing(move delta: Int) {
        guard let current = editor else { return }
        commitOrRevert(current)
        moveFocus(delta)
    }

    mutating func cancelEditing() {
        guard let current = editor else { return }
        plan = current.original
        editor = nil
        clampFocus()
        status = Status(text: "Edit undone.", kind: .info)
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
        if current.original != plan {
            recordUndo(current.original)
            if let followUp = plan.followUp(since: current.original) { overlay = .followUp(followUp) }
        }
        clampFocus()
    }

    /// Takes the follow-up's values (one undo step with the edit before it).
    mutating func acceptFollowUp() {
        guard case let .followUp(followUp) = overlay else { return }
        overlay = nil
        recordUndo(plan)
        plan = followUp.updated
        status = Status(text: "Updated \(followUp.changes.count) value\(followUp.changes.count == 1 ? "" : "s"). u undoes it.", kind: .success)
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
        if generated.plan != plan { regenerate() }
        // Navigation changes the previewed file without changing the plan: render and split it once, not every frame.
        generated.renderLines(previewPath)
    }

    private mutating func regenerate() {
        var old = generated
        generated = Generated(plan)
        preview.changed = [:]
        var path = previewPath
        // When the focused row's file did not change, the preview follows the first file that did (rendering
        // files in order until one differs: the focused row's file changes for almost every field).
        if preview.pinned == nil, let rowID = focusedRow?.id, old.render(path) == generated.render(path) {
            for candidate in generated.paths where candidate != Plan.answersFileName && old.render(candidate) != generated.render(candidate) {
                preview.followed = (rowID, candidate)
                path = candidate
                break
            }
        }
        if let new = generated.renderLines(path) {
            let lines = ChangedLines.between(old.renderLines(path) ?? TextLines(""), new)
            preview.changed[path] = lines
            if let first = lines.min(), first < preview.scroll || first >= preview.scroll + previewHeight - 1 {
                preview.scroll = max(0, first - 2)
            }
        }
        previous = old
    }

    /// The output before the last change, to mark changes in an artifact the user cycles to.
    var previous: Generated? = nil

    /// The artifact the preview shows: the pinned one, else the focused row's, else the first.
    public var previewPath: String {
        if let pinned = preview.pinned, generated.contains(pinned) { return pinned }
        if step == .review || step == .export { return generated.paths.first { $0.hasSuffix("bucket-policy.json") } ?? generated.paths.first ?? "" }
        if let followed = preview.followed, followed.rowID == focusedRow?.id, generated.contains(followed.path) { return followed.path }
        if let wanted = focusedRow?.preview, generated.contains(wanted) { return wanted }
        return generated.paths.first { $0 == Artifacts.bucketPolicy } ?? generated.paths.first ?? ""
    }

    mutating func cyclePreview(_ delta: Int) {
        let paths = generated.paths
        guard !paths.isEmpty else { return }
        let index = paths.firstIndex(of: previewPath) ?? 0
        let next = paths[(index + delta + paths.count) % paths.count]
        preview.pinned = next
        preview.scroll = 0
        if preview.changed[next] == nil, let old = previous?.renderLines(next), let new = generated.renderLines(next) {
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

    /// Over the file it opened or last saved, the wizard replaces it unless someone else wrote it since (when that
    /// is known); over any other existing file with different contents, it asks first.
    func saveCommand(_ path: String, confirmed: Bool = false) -> Command {
        let replacing: AnswersFile.Replacing = confirmed ? .always
            : path == answersPath ? savedFingerprint.map { .ifUnchanged(since: $0) } ?? .always
            : .ifUnchanged(since: nil)
        return .saveAnswers(path: path, text: AnswersFile.render(plan), replacing: replacing)
    }

    private mutating func saved(path: String, error: String?, fingerprint: FileFingerprint?) -> [Command] {
        if let error {
            pendingQuit = false
            status = Status(text: "Not saved: \(error)", kind: .error)
            return []
        }
        answersPath = path
        savedPlan = plan
        savedFingerprint = fingerprint
        status = Status(text: "Saved \(path).", kind: .success)
        if pendingQuit { return [.discardDraft, .quit(status: 0)] }
        return [.discardDraft]
    }

    private mutating func loaded(path: String, result: Result<Plan, LoadFailure>, fingerprint: FileFingerprint?) -> [Command] {
        switch result {
        case let .failure(failure):
            status = Status(text: "Not loaded: \(failure.message)", kind: .error)
        case let .success(newPlan):
            let before = plan
            recordUndo(before)
            plan = newPlan
            savedPlan = newPlan
            answersPath = path
            savedFingerprint = fingerprint
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
            status = Status(text: "Nothing was written: \(outcome.conflicts.count) file(s) changed by hand: keep or replace each (r/k), then w writes.", kind: .error)
            overlay = .handEdits(HandEditReview(edits: outcome.handEdits.isEmpty ? outcome.conflicts.map { HandEdit(path: $0, onDisk: "", generated: nil) } : outcome.handEdits))
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

    mutating func scrollHelp(by delta: Int) {
        guard case let .help(title, lines, scroll) = overlay else { return }
        overlay = .help(title: title, lines: lines, scroll: min(max(0, lines.count - 1), max(0, scroll + delta)))
    }

    mutating func editSearch(_ key: Key) {
        guard case var .search(search) = overlay else { return }
        if search.query.handle(key) { search.refresh() }
        overlay = .search(search)
    }

    mutating func moveSearch(_ delta: Int) {
        guard case var .search(search) = overlay else { return }
        search.move(delta)
        overlay = .search(search)
    }

    mutating func jumpToSearchHit() {
        guard case let .search(search) = overlay else { return }
        overlay = nil
        if let hit = search.selectedHit { jump(to: hit) }
    }

    mutating func editPrompt(_ key: Key) {
        guard case .prompt(let prompt, var line) = overlay else { return }
        if line.handle(key) { promptCandidates = [] }
        overlay = .prompt(prompt, line)
    }

    mutating func confirmPrompt() -> [Command] {
        guard case let .prompt(prompt, line) = overlay else { return [] }
        let path = line.text.trimmed
        guard !path.isEmpty else {
            status = Status(text: "Type a file name first (or Esc).", kind: .error)
            return []
        }
        overlay = nil
        switch prompt {
        case .auditBucket, .auditProfile:
            return confirmAuditPrompt(prompt, path)
        case let .saveAs(thenQuit):
            pendingQuit = thenQuit
            return [saveCommand(path)]
        case .load:
            return [.loadAnswers(path: path)]
        }
    }

    /// The save the user confirmed over a file that changed, or declined.
    mutating func answerOverwrite(replace: Bool) -> [Command] {
        guard case let .confirmOverwrite(path) = overlay else { return [] }
        overlay = nil
        if replace { return [saveCommand(path, confirmed: true)] }
        pendingQuit = false
        status = Status(text: "Not saved: \(path) was left as it is; o opens that version, S saves under another name.", kind: .info)
        return []
    }

    /// Save As: the answers to a file named now (prefilled with the current one), which becomes the file.
    mutating func saveAs() {
        overlay = .prompt(.saveAs(thenQuit: false), LineEditor(answersPath ?? "answers.yaml"))
        promptCandidates = []
    }

    /// Tab in a file prompt: the runtime lists the folder; `complete` takes the longest common start.
    func requestCompletion() -> [Command] {
        guard case let .prompt(prompt, line) = overlay, prompt.takesFileName else { return [] }
        return [.listFiles(prefix: line.text)]
    }

    /// Extends the prompt's text by what every candidate shares, and lists them when there are several.
    mutating func complete(_ prefix: String, with names: [String]) {
        guard case .prompt(let prompt, let line) = overlay, line.text == prefix else { return }
        let folder = prefix.lastIndex(of: "/").map { String(prefix[...$0]) } ?? ""
        var shared = names.first ?? ""
        for name in names.dropFirst() {
            shared = String(zip(shared, name).prefix { $0 == $1 }.map(\.0))
        }
        if folder.count + shared.count > prefix.count { overlay = .prompt(prompt, LineEditor(folder + shared)) }
        promptCandidates = names.count > 1 ? names : []
        if names.isEmpty { status = Status(text: "No file or folder starts with \(prefix.isEmpty ? "that" : prefix).", kind: .info) }
    }

    /// Keeps both: the answers go to another file, the changed one stays as it is.
    mutating func saveElsewhereInstead() {
        guard case let .confirmOverwrite(path) = overlay else { return }
        overlay = .prompt(.saveAs(thenQuit: pendingQuit), LineEditor(path))
    }

    mutating func resumeDraft() {
        guard case let .resumeDraft(draft) = overlay else { return }
        overlay = nil
        plan = draft.plan
        status = Status(text: "Resumed the draft. It stays until you save or quit.", kind: .success)
    }

    mutating func scrollPreview(by delta: Int) { preview.scroll = max(0, preview.scroll + delta) }

    /// Digits name steps by their fixed number, so hiding a step never renumbers the others.
    mutating func jump(toNumber digit: Character) {
        guard let target = StepID.allCases.first(where: { $0.number == digit }) else { return }
        guard steps.contains(target) else {
            status = Status(text: "\(target.title) (\(digit)) does not apply to this plan: \(target.whyHidden)", kind: .info)
            return
        }
        go(to: target)
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

final class RowCache {
    var step: StepID? = nil
    var plan: Plan? = nil
    var rows: [FormRow] = []
}

/// Which lines of `new` differ from `old`: the lines a minimal line diff (the standard library's Myers,
/// `difference(from:)`) inserts, lines compared by their UTF-8 bytes. `ChangedLinesTests` pins both paths below
/// to that reference.
enum ChangedLines {
    static func between(_ old: String, _ new: String) -> Set<Int> { between(TextLines(old), TextLines(new)) }

    static func between(_ old: TextLines, _ new: TextLines) -> Set<Int> {
        old.withBytes { oldBytes in
            new.withBytes { newBytes in
                guard !Line.same(oldBytes, newBytes) else { return [] }
                let a = (0..<old.count).map { Line(oldBytes, old.byteRange($0)) }
                let b = (0..<new.count).map { Line(newBytes, new.byteRange($0)) }
                return marked(a, b)
            }
        }
    }

    /// The lines of `b` that a minimal edit script from `a` inserts.
    private static func marked(_ a: [Line], _ b: [Line]) -> Set<Int> {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let oldMiddle = a[prefix..<(a.count - suffix)], newMiddle = b[prefix..<(b.count - suffix)]
        if let inPlace = changedInPlace(oldMiddle, newMiddle) { return inPlace }
        // Between the common ends, a real line diff: only inserted or changed lines are marked, not the whole
        // range from the first change to the last.
        var marked = Set<Int>()
        for change in newMiddle.difference(from: oldMiddle) {
            if case let .insert(offset, _, _) = change { marked.insert(prefix + offset) }
        }
        return marked
    }

    /// The usual keystroke: as many lines as before, a few of them changed where they stand (a renamed service
    /// in kms.tf: 6 of 238). When no changed line's new text is anywhere among the old lines, no edit script
    /// can keep any of them, and keeping all the others (the lines that match where they stand) is already
    /// minimal, so every minimal script, Myers's included, inserts exactly the changed lines: linear, where
    /// Myers compares each line with every line within the edit distance of it. Nil: ask Myers.
    private static func changedInPlace(_ old: ArraySlice<Line>, _ new: ArraySlice<Line>) -> Set<Int>? {
        guard old.count == new.count else { return nil }
        var changed: [Int] = []
        for index in new.indices where old[index] != new[index] { changed.append(index) }
        for index in changed where old.contains(new[index]) { return nil }
        return Set(changed)
    }

    /// A line as its UTF-8 bytes in its text's buffer (valid inside `between` only): compared by length, then
    /// bytes; exact, and cheaper than String's Unicode-equivalence comparison.
    private struct Line: Equatable {
        let bytes: UnsafeBufferPointer<UInt8>
        init(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) { bytes = UnsafeBufferPointer(rebasing: text[range]) }
        static func == (a: Line, b: Line) -> Bool { same(a.bytes, b.bytes) }

        static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
            guard a.count == b.count else { return false }
            guard let x = a.baseAddress, let y = b.baseAddress, x != y else { return true }
            return memcmp(x, y, a.count) == 0
        }
    }
}
