import S3HardeningCore

// view: the model drawn into a ScreenBuffer. Pure: the same model and size always give the same cells.

public struct Rect: Equatable, Sendable {
    public var x, y, width, height: Int
}

/// Where each part of the screen goes for a terminal size.
struct Layout {
    static let minimum = Size(width: 80, height: 24)
    let size: Size
    /// The step list: a sidebar when wide, a one-line strip when narrow.
    let steps: Rect
    let form: Rect
    let preview: Rect
    let wide: Bool

    init(size: Size, zoomed: Bool) {
        self.size = size
        wide = size.width >= 110
        let top = 1, bottom = size.height - 3 // frame rows: title at 0, border at height-3
        let bodyHeight = max(0, bottom - top)
        if wide {
            let sidebar = 18
            steps = Rect(x: 1, y: top, width: sidebar - 1, height: bodyHeight)
            let rest = size.width - sidebar - 1
            let formWidth = zoomed ? 0 : rest * 52 / 100
            form = Rect(x: sidebar + 1, y: top, width: formWidth, height: bodyHeight)
            let previewX = zoomed ? sidebar + 1 : sidebar + formWidth + 2
            preview = Rect(x: previewX, y: top, width: size.width - previewX - 1, height: bodyHeight)
        } else {
            steps = Rect(x: 1, y: top, width: size.width - 2, height: 1)
            let formWidth = zoomed ? 0 : (size.width - 3) * 56 / 100
            form = Rect(x: 1, y: top + 2, width: formWidth, height: max(0, bodyHeight - 2))
            let previewX = zoomed ? 1 : formWidth + 2
            preview = Rect(x: previewX, y: top + 2, width: size.width - previewX - 1, height: max(0, bodyHeight - 2))
        }
    }

    var fits: Bool { size.width >= Layout.minimum.width && size.height >= Layout.minimum.height }
}

extension WizardModel {
    public func view() -> ScreenBuffer {
        var screen = ScreenBuffer(size)
        let layout = Layout(size: size, zoomed: preview.zoomed && step != .review)
        guard layout.fits else {
            drawTooSmall(&screen)
            if glyphs == .ascii { screen.transliterateToASCII() }
            return screen
        }
        drawFrame(&screen, layout)
        drawSteps(&screen, layout)
        if step == .review {
            drawReview(&screen, Rect(x: layout.form.x, y: layout.form.y, width: size.width - layout.form.x - 1, height: layout.form.height))
        } else {
            if layout.form.width > 0 { drawForm(&screen, layout.form) }
            if step == .export { drawExportFiles(&screen, layout.preview) } else { drawPreview(&screen, layout.preview) }
        }
        drawStatus(&screen)
        drawHelpBar(&screen)
        if let overlay { drawOverlay(&screen, overlay) }
        if glyphs == .ascii { screen.transliterateToASCII() }
        return screen
    }

    // MARK: Frame, steps, status

    private func drawTooSmall(_ screen: inout ScreenBuffer) {
        let lines = ["Terminal too small: \(size.width)×\(size.height).",
                     "s3wizard needs at least \(Layout.minimum.width)×\(Layout.minimum.height).",
                     "Enlarge the window: nothing is lost, keys wait.", "q quits; Ctrl-C quits and keeps a draft."]
        for (i, line) in lines.enumerated() {
            let y = max(0, size.height / 2 - 2) + i
            let text = Wrap.clip(line, width: size.width, ellipsis: glyphs.ellipsis)
            screen.put(text, x: max(0, (size.width - text.count) / 2), y: y, style: i == 0 ? .warning : .normal)
        }
    }

    private func drawFrame(_ screen: inout ScreenBuffer, _ layout: Layout) {
        let g = glyphs, w = size.width, bottom = size.height - 3
        let h = Cell(g.horizontal, .border), v = Cell(g.vertical, .border)
        screen.fill(x: 0, y: 0, width: w, height: 1, h)
        screen.fill(x: 0, y: bottom, width: w, height: 1, h)
        screen.fill(x: 0, y: 1, width: 1, height: bottom - 1, v)
        screen.fill(x: w - 1, y: 1, width: 1, height: bottom - 1, v)
        screen[0, 0] = Cell(g.topLeft, .border)
        screen[w - 1, 0] = Cell(g.topRight, .border)
        screen[0, bottom] = Cell(g.bottomLeft, .border)
        screen[w - 1, bottom] = Cell(g.bottomRight, .border)
        var dividers: [Int] = []
        if layout.wide { dividers.append(layout.steps.x + layout.steps.width) }
        if step != .review, layout.form.width > 0 { dividers.append(layout.form.x + layout.form.width) }
        for x in dividers {
            let top = layout.wide || x != layout.form.x + layout.form.width ? 0 : layout.form.y - 1
            screen.fill(x: x, y: top + 1, width: 1, height: bottom - top - 1, v)
            screen[x, top] = Cell(g.teeDown, .border)
            screen[x, bottom] = Cell(g.teeUp, .border)
        }
        if !layout.wide {
            let y = layout.steps.y + 1
            screen.fill(x: 1, y: y, width: w - 2, height: 1, h)
            screen[0, y] = Cell(g.teeRight, .border)
            screen[w - 1, y] = Cell(g.teeLeft, .border)
        }
        // Title, left; answers state, right.
        let name = plan.namePrefix.isEmpty ? "new bucket" : plan.namePrefix
        let title = " s3wizard \(g.horizontal) \(name) (\(plan.basics.region)) "
        let errors = generated.diagnostics.errors.count, warnings = generated.diagnostics.warnings.count
        var right: [(String, Style)] = []
        if errors > 0 { right.append(("\(errors) error\(errors == 1 ? "" : "s")", .error)) }
        if warnings > 0 { right.append(("\(warnings) warning\(warnings == 1 ? "" : "s")", .warning)) }
        right.append((isDirty ? "unsaved" : (answersPath.map { "saved \(Wrap.clip($0, width: 30, ellipsis: g.ellipsis))" } ?? (savedPlan == Plan.example ? "example" : "new, not saved")), isDirty ? .accent : .dim))
        let rightText = " " + right.map(\.0).joined(separator: " · ") + " "
        let titleWidth = screen.put(Wrap.clip(title, width: w - rightText.count - 4, ellipsis: g.ellipsis), x: 2, y: 0, style: .title)
        var x = w - 2 - rightText.count
        if x > 2 + titleWidth {
            x += screen.put(" ", x: x, y: 0, style: .normal)
            for (i, part) in right.enumerated() {
                x += screen.put(part.0, x: x, y: 0, style: part.1)
                if i < right.count - 1 { x += screen.put(" · ", x: x, y: 0, style: .dim) }
            }
            screen.put(" ", x: x, y: 0, style: .normal)
        }
    }

    /// The glyph and style of a step in the list: errors, warnings, done, current, untouched.
    func stepMarker(_ s: StepID) -> (Character, Style) {
        let (errors, warnings) = problems(in: s)
        if errors > 0 { return (glyphs.error, .error) }
        if warnings > 0, visited.contains(s) { return (glyphs.warning, .warning) }
        if s == step { return (glyphs.current, .accent) }
        if visited.contains(s) { return (glyphs.done, .ok) }
        return (glyphs.untouched, .dim)
    }

    private func drawSteps(_ screen: inout ScreenBuffer, _ layout: Layout) {
        let r = layout.steps
        if layout.wide {
            screen.put("Steps", x: r.x + 1, y: r.y, style: .heading)
            for (i, s) in steps.enumerated() {
                let y = r.y + 2 + i + (s == .review ? 1 : 0) + (s == .export ? 1 : 0)
                guard y < r.y + r.height else { break }
                if s == .review { screen.put(String(repeating: glyphs.horizontal, count: r.width - 4), x: r.x + 2, y: y - 1, style: .dim) }
                let (marker, markerStyle) = stepMarker(s)
                let current = s == step
                let style: Style = current ? .focus : .normal
                if current { screen.fill(x: r.x, y: y, width: r.width, height: 1, Cell(" ", .focus)) }
                screen.put(current ? String(glyphs.pointer) : " ", x: r.x, y: y, style: style)
                screen.put(String(s.number), x: r.x + 1, y: y, style: current ? .focus : .dim)
                screen.put(String(marker), x: r.x + 3, y: y, style: current ? .focus : markerStyle)
                screen.put(s.title, x: r.x + 5, y: y, style: style, width: r.width - 5)
            }
            let legend = "\(glyphs.done) done \(glyphs.error) errors"
            screen.put(legend, x: r.x + 1, y: r.y + r.height - 1, style: .dim, width: r.width - 1)
        } else {
            var x = r.x + 1
            for s in steps {
                let (marker, markerStyle) = stepMarker(s)
                let current = s == step
                let label = current ? "\(s.number) \(s.title)" : "\(s.number)"
                guard x + label.count + 3 < r.x + r.width else { break }
                x += screen.put(String(marker), x: x, y: r.y, style: current ? .focus : markerStyle)
                x += screen.put(label, x: x, y: r.y, style: current ? .focus : .dim)
                x += 2
            }
        }
    }

    private func drawStatus(_ screen: inout ScreenBuffer) {
        let y = size.height - 2
        let text: String
        let style: Style
        if let status {
            text = status.text
            style = switch status.kind { case .info: .normal; case .success: .ok; case .error: .error }
        } else if let problem = editor?.problem {
            text = "\(glyphs.error) \(problem)"
            style = .error
        } else if step != .review, let row = focusedRow {
            text = row.help
            style = .dim
        } else {
            text = step.why
            style = .dim
        }
        screen.put(Wrap.clip(" " + text, width: size.width, ellipsis: glyphs.ellipsis), x: 0, y: y, style: style)
    }

    private func drawHelpBar(_ screen: inout ScreenBuffer) {
        let y = size.height - 1
        screen.fill(x: 0, y: y, width: size.width, height: 1, Cell(" ", .helpBar))
        let pairs = KeyMap.bar(in: keyMode)
        var x = 1
        for (key, label) in pairs {
            let keyText = key.replacingGlyphs(glyphs)
            guard x + keyText.count + label.count + 2 < size.width else { break }
            x += screen.put(keyText, x: x, y: y, style: .helpKey)
            x += screen.put(" " + label + "  ", x: x, y: y, style: .helpBar)
        }
    }

    // MARK: The form

    /// One screen line of the form: a row, or a message under it.
    private enum FormLine {
        case row(Int)
        case message(Int, String, Style)
    }

    private func drawForm(_ screen: inout ScreenBuffer, _ r: Rect) {
        let rows = self.rows
        let width = r.width - 1
        var y = r.y
        for line in Wrap.lines(step.question, width: width - 1).prefix(2) {
            screen.put(line, x: r.x + 1, y: y, style: .heading)
            y += 1
        }
        y += 1
        // Lines: each row, then its problems (inline validation, as you type).
        var lines: [FormLine] = []
        var focusLines = 0..<0
        for (index, row) in rows.enumerated() {
            let start = lines.count
            lines.append(.row(index))
            var messages: [(String, Style)] = []
            if let editor, editor.rowID == row.id, let problem = editor.problem { messages.append(("\(glyphs.error) \(problem)", .error)) }
            for d in generated.byPath[row.id] ?? [] {
                messages.append(("\(d.severity == .error ? glyphs.error : glyphs.warning) \(d.message)", d.severity == .error ? .error : .warning))
            }
            let indent = 3 + row.indent * 2
            for (text, style) in messages {
                for part in Wrap.lines(text, width: width - indent - 1).prefix(4) { lines.append(.message(index, part, style)) }
            }
            if index == focus { focusLines = start..<lines.count }
        }
        // Problems of this step that no visible row carries (e.g. a whole-plan rule).
        let ids = Set(rows.map(\.id))
        let orphans = generated.diagnostics.filter { StepID.owner(of: $0.path) == step && !ids.contains($0.path.description) }
        for d in orphans {
            for part in Wrap.lines("\(d.severity == .error ? glyphs.error : glyphs.warning) \(d.path): \(d.message)", width: width - 2).prefix(3) {
                lines.append(.message(-1, part, d.severity == .error ? .error : .warning))
            }
        }
        let why = Wrap.lines("Why: " + step.why, width: width - 1)
        let available = r.y + r.height - y
        let listHeight = max(1, available - (available > lines.count + why.count + 1 ? why.count + 1 : 0))
        let scroll = max(0, min(focusLines.upperBound - listHeight, max(0, lines.count - listHeight)))
        // As wide as the step's longest label needs, up to about half the form.
        let longest = rows.map { $0.label.count + 2 + $0.indent * 2 }.max() ?? 12
        let labelWidth = min(longest + 1, max(12, width * 48 / 100))
        for (offset, line) in lines.dropFirst(scroll).prefix(listHeight).enumerated() {
            let lineY = y + offset
            switch line {
            case let .row(index):
                drawRow(&screen, rows[index], focused: index == focus, x: r.x, y: lineY, width: width, labelWidth: labelWidth)
            case let .message(index, text, style):
                let indent = index >= 0 ? 3 + rows[index].indent * 2 : 1
                screen.put(text, x: r.x + indent, y: lineY, style: style, width: width - indent)
            }
        }
        if scroll > 0 { screen.put("↑ more".replacingGlyphs(glyphs), x: r.x + width - 6, y: y - 1, style: .dim) }
        if lines.count - scroll > listHeight { screen.put("↓ more".replacingGlyphs(glyphs), x: r.x + width - 6, y: y + listHeight - 1, style: .dim) }
        if available > lines.count + why.count + 1 {
            for (i, line) in why.enumerated() { screen.put(line, x: r.x + 1, y: r.y + r.height - why.count + i, style: .dim) }
        }
    }

    /// The slice of a line being edited that fits `columns` terminal columns with the cursor in view, and the
    /// cursor's column in it (wide characters take two).
    static func window(of line: LineEditor, columns: Int) -> (text: String, cursorColumn: Int) {
        guard columns > 1 else { return ("", 0) }
        let characters = line.characters
        var start = line.cursor, used = 1  // one column for the cursor itself
        while start > 0, used + Cell.displayWidth(String(characters[start - 1])) <= columns {
            start -= 1
            used += Cell.displayWidth(String(characters[start]))
        }
        var end = line.cursor, width = used - 1
        while end < characters.count, width + Cell.displayWidth(String(characters[end])) <= columns {
            width += Cell.displayWidth(String(characters[end]))
            end += 1
        }
        let visible = String(characters[start..<end])
        return (visible, Cell.displayWidth(String(characters[start..<line.cursor])))
    }

    private func drawRow(_ screen: inout ScreenBuffer, _ row: FormRow, focused: Bool, x: Int, y: Int, width: Int, labelWidth: Int) {
        let editing = focused && editor?.rowID == row.id
        let base: Style = focused ? .focus : .normal
        if focused { screen.fill(x: x, y: y, width: width, height: 1, Cell(" ", .focus)) }
        screen.put(focused ? String(glyphs.pointer) : " ", x: x, y: y, style: base)
        let indent = 2 + row.indent * 2
        let labelX = x + indent
        let valueX = x + max(indent + 2, labelWidth + 1)
        let valueWidth = max(1, x + width - valueX)
        let problems = generated.byPath[row.id] ?? []
        let marker: (Character, Style)? = problems.contains { $0.severity == .error } ? (glyphs.error, .error)
            : problems.isEmpty ? nil : (glyphs.warning, .warning)
        if let marker { screen.put(String(marker.0), x: x + 1, y: y, style: focused ? base : marker.1) }
        switch row.kind {
        case .heading:
            let suffix = focused && row.remove != nil ? "  (d removes)" : ""
            screen.put(row.label + suffix, x: labelX, y: y, style: focused ? base : .heading, width: x + width - labelX)
            return
        case let .action(label, _):
            screen.put("[\(label)]", x: labelX, y: y, style: focused ? base : .accent, width: x + width - labelX)
            return
        default:
            screen.put(Wrap.clip(row.label, width: valueX - labelX - 1, ellipsis: glyphs.ellipsis), x: labelX, y: y, style: base)
        }
        switch row.kind {
        case let .text(binding):
            if editing, let editor {
                let (visible, column) = Self.window(of: editor.line, columns: valueWidth)
                screen.fill(x: valueX, y: y, width: valueWidth, height: 1, Cell(" ", .editing))
                screen.put(visible, x: valueX, y: y, style: .editing)
                screen.cursor = (valueX + column, y)
            } else {
                let value = binding.get(self)
                if value.isEmpty {
                    screen.put(Wrap.clip(binding.placeholder, width: valueWidth, ellipsis: glyphs.ellipsis), x: valueX, y: y, style: focused ? base : .dim)
                } else {
                    screen.put(Wrap.elideMiddle(value, width: valueWidth, ellipsis: glyphs.ellipsis), x: valueX, y: y, style: base)
                }
            }
        case let .flag(get, _):
            screen.put(get(self) ? "[x] yes" : "[ ] no", x: valueX, y: y, style: base)
        case let .choice(options, get, _):
            let value = get(self)
            let position = (options.firstIndex(of: value) ?? 0) + 1
            let text = focused ? "\(glyphs.left) \(value) \(glyphs.right)  \(position)/\(options.count)" : value
            screen.put(Wrap.clip(text, width: valueWidth, ellipsis: glyphs.ellipsis), x: valueX, y: y, style: base)
        default: break
        }
    }

    // MARK: The preview

    private func drawPreview(_ screen: inout ScreenBuffer, _ r: Rect) {
        let path = previewPath
        let index = (generated.paths.firstIndex(of: path) ?? 0) + 1
        let pin = preview.pinned == nil ? "follows field" : "pinned, f follows"
        let header = r.width >= 60 ? "Preview: \(path)" : path
        let right = " \(index)/\(generated.paths.count) \(pin) "
        screen.put(Wrap.clip(header, width: r.width - 2, ellipsis: glyphs.ellipsis), x: r.x + 1, y: r.y, style: .heading)
        if r.width > header.count + right.count + 2 { screen.put(right, x: r.x + r.width - right.count, y: r.y, style: .dim) }
        guard let lines = generated.lines(path) else { return }
        let height = r.height - 1
        let scroll = min(preview.scroll, max(0, lines.count - height))
        let changed = preview.changed[path] ?? []
        let textWidth = r.width - 3
        for number in scroll..<min(lines.count, scroll + max(0, height)) {
            let y = r.y + 1 + number - scroll
            let line = lines[number], style: Style = changed.contains(number) ? .added : .normal
            if style == .added { screen.put("+", x: r.x, y: y, style: .added) }
            // Most lines fit: drawn from the split, without a String of their own.
            if Cell.displayWidth(line) <= textWidth { screen.put(line, x: r.x + 2, y: y, style: style) }
            else { screen.put(Wrap.clip(String(line), width: textWidth, ellipsis: glyphs.ellipsis), x: r.x + 2, y: y, style: style) }
        }
        if lines.count > height {
            let position = "\(scroll + 1)–\(min(lines.count, scroll + height))/\(lines.count)"
            screen.put(" \(position) ", x: r.x + r.width - position.count - 3, y: r.y + r.height - 1, style: .dim)
        }
    }

    /// The export screen's right pane: what the export wrote, or what it will write.
    private func drawExportFiles(_ screen: inout ScreenBuffer, _ r: Rect) {
        var lines: [(String, Style)] = []
        if let outcome = export.outcome {
            if let error = outcome.error { lines += Wrap.lines("Nothing was written: \(error)", width: r.width - 2).map { ($0, .error) } }
            if !outcome.conflicts.isEmpty {
                lines.append(("Changed by hand, not overwritten:", .error))
                lines += outcome.conflicts.map { ("  \($0)", .warning) }
                lines.append(("Nothing was written. Write files again to compare each and keep or replace it; for lasting local changes use *_override.tf files.", .normal))
            }
            if let report = outcome.report {
                lines.append(("Wrote \(outcome.directory):", .ok))
                for (title, paths) in [("new", report.created), ("updated", report.updated), ("overwritten", report.overwritten), ("kept as edited", report.kept), ("removed", report.removed)] {
                    lines += paths.map { ("  \(title): \($0)", title == "overwritten" ? .warning : .normal) }
                }
                if !report.unchanged.isEmpty { lines.append(("  \(report.unchanged.count) file(s) unchanged", .dim)) }
                lines.append(("", .normal))
                lines.append(("Next: read README.md there, then run terraform in terraform/ as a deployer.", .normal))
            }
        } else {
            let formats = export.formats
            let files = generated.paths.filter { path in
                (formats.contains(.terraform) || !path.hasPrefix("terraform/")) && (formats.contains(.json) || !path.hasPrefix("policies/"))
            }
            lines.append(("Will write to \(export.directory.isEmpty ? "?" : export.directory)/:", .heading))
            lines += files.map { ("  \($0)", .normal) }
            lines.append(("  \(Plan.simulationFileName) (access matrix)", .normal))
            lines.append(("  \(Exporter.manifestName)", .dim))
            let errors = generated.diagnostics.errors.count
            if errors > 0 { lines.append(("\(errors) error(s): fix them before writing.", .error)) }
        }
        screen.put("Files", x: r.x + 1, y: r.y, style: .heading)
        // Sentences wrap; file paths (indented) are clipped, one per line.
        let wrapped = lines.flatMap { line in
            line.0.hasPrefix("  ") ? [(Wrap.clip(line.0, width: r.width - 2, ellipsis: glyphs.ellipsis), line.1)]
                : Wrap.lines(line.0, width: r.width - 2).map { ($0, line.1) }
        }
        for (i, line) in wrapped.prefix(r.height - 1).enumerated() {
            screen.put(line.0, x: r.x + 1, y: r.y + 1 + i, style: line.1)
        }
    }
}

extension String {
    /// Arrow glyphs in key names become ASCII on terminals without UTF-8.
    func replacingGlyphs(_ glyphs: Glyphs) -> String {
        guard glyphs == .ascii else { return self }
        var s = ""
        for c in self {
            switch c {
            case "↑": s += "Up"
            case "↓": s += "Dn"
            case "←": s += "Lt"
            case "→": s += "Rt"
            case "–": s += "-"
            default: s.append(c)
            }
        }
        return s
    }
}
