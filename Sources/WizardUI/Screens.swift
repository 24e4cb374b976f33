import S3HardeningCore

// The state behind the review, export, search and help screens.

// MARK: - Review

struct ReviewState {
    enum Tab { case controls, matrix }
    var tab = Tab.controls
    var selected = 0
    /// Risks first: weakened controls, then those off by choice, then the rest in catalogue order.
    var reports: [ControlReport] = []
    var forPlan: Plan? = nil
    var path = NetworkPath.endpoint
    var row = 0
    var column = 0
    /// Lines of the selected control's explanation scrolled past (PgDn).
    var detailScroll = 0
    /// The matrix tab shows today's live policies (after "Start from an existing bucket") instead of the plan's.
    var showsToday = false

    /// The matrix is the proof the model ran (`WizardModel.prove`), so the review shows what export checks.
    mutating func refresh(for model: WizardModel) {
        guard forPlan != model.plan else { return }
        forPlan = model.plan
        refreshReports(model.plan)
        selected = min(selected, max(0, reports.count - 1))
        row = min(row, max(0, (model.generated.matrix?.principals.count ?? 1) - 1))
    }
}

extension WizardModel {
    var selectedCell: AccessCell? {
        let (matrix, row, column, path) = (shownMatrix, review.row, review.column, review.path)
        guard let matrix, matrix.principals.indices.contains(row) else { return nil }
        return matrix.cell(matrix.principals[row], AccessAction.allCases[column], path)
    }
}

extension WizardModel {
    mutating func moveControl(_ delta: Int) {
        let selected = min(max(0, review.reports.count - 1), max(0, review.selected + delta))
        if selected != review.selected { review.detailScroll = 0 }
        review.selected = selected
    }

    mutating func scrollReviewDetail(by delta: Int) { review.detailScroll = max(0, review.detailScroll + delta * 3) }

    mutating func moveMatrixRow(_ delta: Int) {
        review.row = min(max(0, (shownMatrix?.principals.count ?? 1) - 1), max(0, review.row + delta))
    }

    mutating func moveMatrixColumn(_ delta: Int) {
        review.column = min(AccessAction.allCases.count - 1, max(0, review.column + delta))
    }

    mutating func showSelectedImplementation() {
        if review.reports.indices.contains(review.selected) { showImplementation(review.reports[review.selected]) }
    }

    mutating func cyclePath(_ delta: Int) {
        let paths = generated.matrix?.paths ?? NetworkPath.bucketPaths
        let index = paths.firstIndex(of: review.path) ?? 0
        review.path = paths[(index + delta + paths.count) % paths.count]
    }

    /// The exact statements and resources behind a control, cut from the generated files.
    mutating func showImplementation(_ report: ControlReport) {
        var lines = [report.control.title, "State: \(report.state.kind.rawValue)\(report.state.note.map { " (\($0))" } ?? "")", ""]
        if report.implementedBy.isEmpty { lines.append("Nothing in the generated files: this control is off.") }
        for reference in report.implementedBy {
            lines.append("── \(reference)")
            lines += reference.excerpt(of: generated.file(reference.file)) ?? ["(not generated with these formats)"]
            lines.append("")
        }
        overlay = .help(title: "Implemented by", lines: lines, scroll: 0)
    }
}

// MARK: - Export

extension WizardModel {
    var exportRows: [FormRow] {
        func flag(_ id: String, _ label: String, _ help: String, _ path: WritableKeyPath<ExportState, Bool>) -> FormRow {
            FormRow(id: id, label: label, help: help, kind: .flag(get: { $0.export[keyPath: path] }, set: { $0.export[keyPath: path] = $1 }))
        }
        return [
            FormRow(id: "export.directory", label: "Output directory", help: "Created if missing. Rerunning updates s3wizard's own files and refuses to overwrite files changed by hand.",
                    kind: .text(TextBinding(get: { $0.export.directory }, set: { model, text in model.export.directory = text; return nil }, placeholder: "hardened"))),
            flag("export.terraform", "Terraform module", "terraform/: versions, variables, kms, s3, logging, network, iam, lambda, outputs.", \.terraform),
            flag("export.json", "JSON policies", "policies/: bucket, key, endpoint and role policies, for review or for merging into existing resources.", \.json),
            flag("export.force", "Overwrite hand edits", "Replace files that were changed by hand since the last export (they are listed first).", \.force),
            FormRow(id: "export.write", label: "", help: "Writes every file or none: README.md, answers.yaml, simulation.txt and the formats above.",
                    kind: .action(label: "Write files", perform: { model in model.requestExport() })),
            FormRow(id: "export.save", label: "", help: "Saves the answers file on its own (also s or F2 anywhere).",
                    kind: .action(label: "Save answers", perform: { model in model.save(thenQuit: false) })),
        ]
    }

    mutating func requestExport() -> [Command] {
        prove()
        let errors = generated.diagnostics.errors.count
        if errors > 0 {
            status = Status(text: "\(errors) error(s) in the answers: nothing can be written yet (the step list shows where).", kind: .error)
            return []
        }
        let directory = export.directory.trimmed
        guard !directory.isEmpty else {
            status = Status(text: "Type an output directory first.", kind: .error)
            return []
        }
        guard !export.formats.isEmpty else {
            status = Status(text: "Choose at least one format (Terraform or JSON).", kind: .error)
            return []
        }
        status = Status(text: "Writing \(directory)…", kind: .info)
        return [.export(plan: plan, directory: directory, formats: export.formats, force: export.force)]
    }
}

// MARK: - Search

struct SearchHit {
    enum Target {
        case field(StepID, String)
        case control(Int)
    }
    let title: String
    let detail: String
    let target: Target
}

struct SearchState {
    var query = LineEditor()
    private(set) var hits: [SearchHit] = []
    private(set) var selection = 0
    private let all: [SearchHit]

    init(model: WizardModel) {
        var all: [SearchHit] = []
        for step in model.steps where step != .review {
            let rows = step == .export ? model.exportRows : step.rows(for: model.plan)
            for row in rows where row.isFocusable {
                let label: String
                if case let .action(text, _) = row.kind, row.label.isEmpty { label = text } else { label = row.label }
                all.append(SearchHit(title: "\(step.title) › \(label)", detail: "\(row.id)  \(row.help)", target: .field(step, row.id)))
            }
        }
        for (index, report) in ReviewState.ordered(model).enumerated() {
            all.append(SearchHit(title: "Review › \(report.control.title)", detail: "\(report.control.id.rawValue)  \(report.control.standards.joined(separator: ", "))  \(report.control.what)", target: .control(index)))
        }
        self.all = all
        hits = all
    }

    mutating func refresh() {
        let words = query.text.lowercased().split(separator: " ")
        guard !words.isEmpty else { hits = all; selection = 0; return }
        // Every word must match somewhere; hits whose title matches more words come first.
        hits = all.compactMap { hit -> (SearchHit, Int)? in
            let title = hit.title.lowercased()
            let haystack = title + " " + hit.detail.lowercased()
            guard words.allSatisfy({ haystack.contains($0) }) else { return nil }
            let phrase = title.contains(words.joined(separator: " ")) ? words.count + 1 : 0
            return (hit, words.filter { title.contains($0) }.count + phrase)
        }.enumerated().sorted { ($0.element.1, -$0.offset) > ($1.element.1, -$1.offset) }.map(\.element.0)
        selection = 0
    }

    mutating func move(_ delta: Int) {
        guard !hits.isEmpty else { return }
        selection = (selection + delta + hits.count) % hits.count
    }

    var selectedHit: SearchHit? { hits.indices.contains(selection) ? hits[selection] : nil }
}

// MARK: - Help

enum HelpText {
    static func lines(for model: WizardModel) -> [String] {
        var lines: [String] = []
        if model.step != .review, let row = model.focusedRow {
            var label = row.label
            if case let .action(text, _) = row.kind, label.isEmpty { label = text }
            lines += ["\(label)", "  answers: \(row.id)"]
            if let info = FieldHelp.info(for: row.id) {
                switch info.type {
                case let .choice(options): lines.append("  one of: \(options.joined(separator: ", "))")
                case let .number(range): lines.append("  a number from \(range.lowerBound) to \(range.upperBound)")
                default: break
                }
                if let value = info.defaultValue { lines.append("  default: \(value)") }
            }
            lines += Wrap.lines(row.help, width: 70).map { "  " + $0 }
            for d in model.generated.byPath[row.id] ?? [] { lines.append("  \(d.severity.rawValue): \(d.message)") }
            lines.append("")
        }
        lines += ["\(model.step.title): \(model.step.question)"] + Wrap.lines(model.step.why, width: 72).map { "  " + $0 } + [""]
        if model.step == .review {
            lines += ["Before you apply"]
            for d in model.generated.diagnostics { lines += Wrap.lines("\(d.severity.rawValue): \(d.path): \(d.message)", width: 76).map { "  " + $0 } }
            for risk in model.plan.applyRisks { lines += Wrap.lines("- " + risk.filter { $0 != "`" }, width: 76).map { "  " + $0 } }
            if !model.auditGuesses.isEmpty {
                lines += ["", "Guessed by the audit of s3://\(model.liveAudit!.bucket.bucket) (check each):"]
                for guess in model.auditGuesses { lines += Wrap.lines("- " + guess, width: 76).map { "  " + $0 } }
            }
            lines.append("")
            if let matrix = model.generated.matrix {
                let accepted = Set(model.plan.acceptedBrokenIntents(in: matrix).map(\.intent.id))
                lines += ["Intents (offline simulation)"] + matrix.intents.map { intent in
                    let state = intent.holds ? "holds " : accepted.contains(intent.id) ? "BROKEN, accepted in the answers:" : "BROKEN"
                    return "  \(state) \(intent.id): \(intent.statement)"
                } + [""]
            }
        }
        return lines + KeyMap.helpLines(for: model.keyMode)
    }
}

extension ReviewState {
    static func ordered(_ model: WizardModel) -> [ControlReport] {
        var review = ReviewState()
        review.refreshReports(model.plan)
        return review.reports
    }

    mutating func refreshReports(_ plan: Plan) {
        let rank: (ControlReport) -> Int = { report in
            switch report.state.kind { case .weakened: 0; case .offByChoice: 1; case .on: 2 }
        }
        reports = plan.controlReports.enumerated()
            .sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }
}

// MARK: - Hand edits

/// The files an export found changed by hand: one at a time, its difference, and the user's choice for each.
struct HandEditReview {
    let edits: [HandEdit]
    var selected = 0
    var scroll = 0
    var choices: [String: HandEditChoice] = [:]

    var current: HandEdit? { edits.indices.contains(selected) ? edits[selected] : nil }

    /// The selected file's difference, line by line: `-` only on disk (the hand edit), `+` only in s3wizard's version.
    var diff: [(marker: Character, text: Substring)] {
        guard let edit = current else { return [] }
        let old = TextLines.split(edit.onDisk), new = edit.generated.map(TextLines.split) ?? []
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in new.difference(from: old) {
            switch change {
            case let .remove(offset, _, _): removed.insert(offset)
            case let .insert(offset, _, _): inserted.insert(offset)
            }
        }
        // Walk both files in step: unchanged lines once, removals before the insertions that replace them.
        var lines: [(Character, Substring)] = []
        var i = 0, j = 0
        while i < old.count || j < new.count {
            if i < old.count, removed.contains(i) { lines.append(("-", old[i])); i += 1 }
            else if j < new.count, inserted.contains(j) { lines.append(("+", new[j])); j += 1 }
            else {
                if i < old.count { lines.append((" ", old[i])) }
                i += 1
                j += 1
            }
        }
        return lines
    }
}

extension WizardModel {
    mutating func moveHandEdit(_ delta: Int) {
        guard case var .handEdits(review) = overlay else { return }
        review.selected = min(max(0, review.edits.count - 1), max(0, review.selected + delta))
        review.scroll = 0
        overlay = .handEdits(review)
    }

    mutating func scrollHandEdit(by delta: Int) {
        guard case var .handEdits(review) = overlay else { return }
        review.scroll = max(0, min(review.scroll + delta, review.diff.count - 1))
        overlay = .handEdits(review)
    }

    /// Records keep or replace for the selected file, then moves to the next one still open.
    mutating func choose(_ choice: HandEditChoice) {
        guard case var .handEdits(review) = overlay, let edit = review.current else { return }
        review.choices[edit.path] = choice
        if let next = review.edits.indices.first(where: { review.choices[review.edits[$0].path] == nil }) {
            review.selected = next
            review.scroll = 0
        }
        overlay = .handEdits(review)
    }

    /// Exports again with the choices made; every file needs one first.
    mutating func writeWithChoices() -> [Command] {
        guard case let .handEdits(review) = overlay else { return [] }
        let open = review.edits.filter { review.choices[$0.path] == nil }
        guard open.isEmpty else {
            status = Status(text: "\(open.count) file(s) still need a choice: r replaces, k keeps.", kind: .error)
            return []
        }
        overlay = nil
        status = Status(text: "Writing \(export.directory)…", kind: .info)
        return [.export(plan: plan, directory: export.directory.trimmed, formats: export.formats, force: false, choices: review.choices)]
    }
}
