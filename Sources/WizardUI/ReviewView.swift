import S3HardeningCore

// The review screen: risks, controls, the access matrix.

extension WizardModel {
    func drawReview(_ screen: inout ScreenBuffer, _ r: Rect) {
        screen.put(Wrap.clip(step.question, width: r.width - 2, ellipsis: glyphs.ellipsis), x: r.x + 1, y: r.y, style: .heading)
        var y = r.y + 1
        let width = r.width - 2
        // Risks first: broken intents, errors, then warnings.
        var risks: [(String, Style)] = []
        let accepted = generated.matrix.map(plan.acceptedBrokenIntents) ?? []
        for intent in generated.matrix?.brokenIntents ?? [] {
            if let reason = accepted.first(where: { $0.intent.id == intent.id })?.reason {
                risks.append(("\(glyphs.warning) BROKEN intent \(intent.id), ACCEPTED (\(reason)): \(intent.statement) (\(intent.violations[0]))", .warning))
            } else {
                risks.append(("\(glyphs.error) BROKEN intent \(intent.id): \(intent.statement) \(intent.violations.first.map { "(\($0))" } ?? "")", .error))
            }
        }
        // The proof's own diagnostics say the same as the lines above, under the fields.
        for d in generated.diagnostics.errors where d.intent == nil { risks.append(("\(glyphs.error) \(d.path): \(d.message)", .error)) }
        for d in generated.diagnostics.warnings where d.intent == nil { risks.append(("\(glyphs.warning) \(d.path): \(d.message)", .warning)) }
        if let problem = generated.matrixProblem { risks.append(("\(glyphs.warning) \(problem)", .warning)) }
        for risk in plan.applyRisks { risks.append(("\(glyphs.warning) " + risk.filter { $0 != "`" }, .normal)) }
        for guess in auditGuesses { risks.append(("\(glyphs.warning) \(guess)", .warning)) }
        // The matrix needs its rows on a small terminal: there the risks get one line and a count.
        let riskBudget = review.tab == .matrix && r.height < 30 ? 1 : max(2, r.height / 5)
        let riskRows = risks.count <= riskBudget ? risks.count : max(1, riskBudget - 1)
        for (text, style) in risks.prefix(riskRows) {
            screen.put(Wrap.clip(text, width: width, ellipsis: glyphs.ellipsis), x: r.x + 1, y: y, style: style)
            y += 1
        }
        if risks.count > riskRows {
            screen.put("… \(risks.count - riskRows) more: ? shows them all (README.md repeats them)".replacingGlyphs(glyphs), x: r.x + 1, y: y, style: .dim)
            y += 1
        }
        if let matrix = generated.matrix, matrix.brokenIntents.count == accepted.count {
            let text = accepted.isEmpty ? "All \(matrix.intents.count) intents hold in the offline simulation (m shows who can do what)."
                : "\(matrix.intents.count - accepted.count) of \(matrix.intents.count) intents hold; \(accepted.count) broken, accepted in the answers (m shows who can do what)."
            screen.put("\(accepted.isEmpty ? glyphs.check : glyphs.warning) \(text)", x: r.x + 1, y: y, style: accepted.isEmpty ? .ok : .warning)
            y += 1
        }
        y += 1
        let tabs = [("Controls", ReviewState.Tab.controls), (showsToday ? "Access matrix: TODAY (live)" : "Access matrix", .matrix)]
        var x = r.x + 1
        for (title, tab) in tabs {
            x += screen.put(" \(title) ", x: x, y: y, style: review.tab == tab ? .focus : .dim)
            x += 1
        }
        screen.put(liveAudit == nil ? "m switches" : "m switches · t today / hardened", x: x + 1, y: y, style: .dim)
        y += 1
        let area = Rect(x: r.x, y: y, width: r.width, height: r.y + r.height - y)
        if review.tab == .controls { drawControls(&screen, area) } else { drawMatrix(&screen, area) }
    }

    private func drawControls(_ screen: inout ScreenBuffer, _ r: Rect) {
        let reports = review.reports
        let on = reports.filter { $0.state.kind == .on }.count
        let off = reports.filter { $0.state.kind == .offByChoice }.count
        let weakened = reports.count - on - off
        let detailHeight = min(12, r.height / 2)
        // The count line, the column header and the detail's heading line take three rows.
        let listHeight = r.height - detailHeight - 3
        let titleWidth = min(34, r.width / 3), stateWidth = 12, threatWidth = max(10, (r.width - titleWidth - stateWidth - 6) / 2)
        screen.put("\(on) on · \(off) off by your choice · \(weakened) weakened", x: r.x + 1, y: r.y, style: .dim)
        let headerY = r.y + 1
        screen.put(Wrap.pad("  Control", titleWidth + 2) + Wrap.pad("State", stateWidth) + Wrap.pad("Stops", threatWidth + 1) + "Standards",
                   x: r.x + 1, y: headerY, style: .heading, width: r.width - 2)
        let scroll = max(0, min(review.selected - listHeight + 1, reports.count - listHeight))
        for (offset, report) in reports.dropFirst(scroll).prefix(max(0, listHeight)).enumerated() {
            let index = scroll + offset
            let y = headerY + 1 + offset
            let selected = index == review.selected
            if selected { screen.fill(x: r.x + 1, y: y, width: r.width - 2, height: 1, Cell(" ", .focus)) }
            var x = r.x + 1
            x += screen.put(selected ? "\(glyphs.pointer) " : "  ", x: x, y: y, style: selected ? .focus : .normal)
            screen.put(Wrap.clip(report.control.title, width: titleWidth - 1, ellipsis: glyphs.ellipsis), x: x, y: y, style: selected ? .focus : .normal)
            x += titleWidth
            let (stateText, stateStyle): (String, Style) = switch report.state.kind {
            case .on: ("on", .stateOn)
            case .offByChoice: ("off·you", .stateOff)
            case .weakened: ("weakened", .stateWeakened)
            }
            screen.put(stateText, x: x, y: y, style: selected ? .focus : stateStyle)
            x += stateWidth
            screen.put(Wrap.clip(report.control.threat, width: threatWidth, ellipsis: glyphs.ellipsis), x: x, y: y, style: selected ? .focus : .dim)
            x += threatWidth + 1
            screen.put(Wrap.clip(report.control.standards.joined(separator: ", "), width: r.x + r.width - 1 - x, ellipsis: glyphs.ellipsis),
                       x: x, y: y, style: selected ? .focus : .dim)
        }
        // The selected control, explained.
        guard reports.indices.contains(review.selected) else { return }
        let report = reports[review.selected]
        let top = r.y + r.height - detailHeight
        screen.fill(x: r.x + 1, y: top - 1, width: r.width - 2, height: 1, Cell(glyphs.horizontal, .border))
        screen.put(Wrap.clip(" \(report.control.title) ", width: r.width - 5, ellipsis: glyphs.ellipsis), x: r.x + 3, y: top - 1, style: .heading)
        var lines: [(String, String, Style)] = []
        if let note = report.state.note { lines.append(("State", "\(report.state.kind.rawValue): \(note)", report.state.kind == .on ? .normal : .warning)) }
        lines.append(("What", report.control.what, .normal))
        lines.append(("Stops", report.control.threat, .normal))
        lines.append(("Costs", report.control.cost, .normal))
        lines.append(("Breaks", report.control.breaks, .normal))
        lines.append(("Standards", report.control.standards.joined(separator: ", "), .dim))
        let implemented = report.implementedBy.isEmpty ? "nothing (off)" : report.implementedBy.map(\.description).joined(separator: "; ") + "   Enter shows them"
        lines.append(("Built by", implemented, .accent))
        let textWidth = r.width - 14
        var display: [(label: String, text: String, style: Style)] = []
        for (label, text, style) in lines {
            for (i, part) in Wrap.lines(text, width: textWidth).enumerated() { display.append((i == 0 ? label : "", part, style)) }
        }
        // Longer than its pane: PgDn/PgUp scroll it, and the heading says where the pane is.
        let detailScroll = min(review.detailScroll, max(0, display.count - detailHeight))
        if display.count > detailHeight {
            let last = min(display.count, detailScroll + detailHeight)
            let position = " \(detailScroll + 1)–\(last) of \(display.count) · PgUp PgDn ".replacingGlyphs(glyphs)
            screen.put(position, x: r.x + r.width - 2 - position.count, y: top - 1, style: .dim)
        }
        for (offset, line) in display.dropFirst(detailScroll).prefix(detailHeight).enumerated() {
            let y = top + offset
            if !line.label.isEmpty { screen.put(line.label, x: r.x + 2, y: y, style: .heading) }
            screen.put(line.text, x: r.x + 12, y: y, style: line.style, width: r.width - 13)
        }
    }

    private func drawMatrix(_ screen: inout ScreenBuffer, _ r: Rect) {
        guard let matrix = shownMatrix else {
            screen.put(generated.matrixProblem ?? "", x: r.x + 1, y: r.y, style: .warning, width: r.width - 2)
            return
        }
        // Full tab labels when they all fit, else short ones; when even those do not (access points add three
        // paths), the tabs start late enough for the selected one to show, and `<` says some are to the left.
        let fullWidth = matrix.paths.reduce(0) { $0 + $1.rawValue.count + 3 }
        let labels = matrix.paths.map { " \(fullWidth <= r.width - 2 ? $0.rawValue : $0.short) " }
        let selected = matrix.paths.firstIndex(of: review.path) ?? 0
        var first = 0
        while first < selected, labels[first...selected].reduce(2) { $0 + $1.count + 1 } >= r.width - 1 { first += 1 }
        var x = r.x + 1
        if first > 0 { x += screen.put("<", x: x, y: r.y, style: .dim) }
        for (path, label) in zip(matrix.paths, labels).dropFirst(first) {
            guard x + label.count < r.x + r.width - 1 else { break }
            x += screen.put(label, x: x, y: r.y, style: path == review.path ? .focus : .dim) + 1
        }
        let actions = AccessAction.allCases
        let longest = matrix.principals.map(\.count).max() ?? 12
        // Spelled-out headings when they fit beside the names; on narrow terminals codes and a legend line.
        let compact = r.width - 3 - actions.count * 8 < min(longest + 2, 30)
        let cellWidth = compact ? 4 : 8
        var y = r.y + 1
        if compact {
            for line in Wrap.lines(AccessAction.legend, width: r.width - 2).prefix(2) {
                screen.put(line, x: r.x + 1, y: y, style: .dim)
                y += 1
            }
        } else {
            screen.put(Wrap.clip("\(matrixSource)Requests \(review.path.title). yes = allowed.", width: r.width - 2, ellipsis: glyphs.ellipsis), x: r.x + 1, y: y,
                       style: showsToday ? .warning : .dim)
            y += 1
        }
        // The principal column grows to the longest name the terminal has room for.
        let nameWidth = max(12, min(longest + 2, r.width - 3 - actions.count * cellWidth))
        screen.put(Wrap.pad("principal", nameWidth), x: r.x + 1, y: y, style: .heading)
        for (i, action) in actions.enumerated() {
            let heading = compact ? action.code : action.short
            screen.put(heading, x: r.x + 1 + nameWidth + i * cellWidth, y: y, style: i == review.column ? .accent : .heading)
        }
        y += 1
        let traceHeight = r.height < 16 ? 4 : 5
        let visible = max(1, r.y + r.height - y - traceHeight)
        let scroll = max(0, min(review.row - visible + 1, matrix.principals.count - visible))
        for (offset, principal) in matrix.principals.dropFirst(scroll).prefix(visible).enumerated() {
            let row = scroll + offset
            screen.put(Wrap.elideMiddle(principal, width: nameWidth - 1, ellipsis: glyphs.ellipsis), x: r.x + 1, y: y, style: row == review.row ? .accent : .normal)
            for (i, action) in actions.enumerated() {
                let allowed = matrix.cell(principal, action, review.path)?.decision.allowed == true
                let selected = row == review.row && i == review.column
                // Today's matrix beside the hardened one: a cell the hardened plan decides otherwise says so.
                let hardened = hardenedDecision(principal, action, review.path)
                let changes = hardened.map { $0 != allowed } ?? false
                // Compact cells are 3 wide: `y▸-` there, `yes▸-` when the headings are spelled out.
                let yes = changes && compact ? "y" : "yes"
                let text = changes ? (allowed ? yes : "-") + String(glyphs.right) + (allowed ? "-" : yes) : allowed ? "yes" : "-"
                screen.put(Wrap.pad(text, cellWidth - 1), x: r.x + 1 + nameWidth + i * cellWidth, y: y,
                           style: selected ? .focus : changes ? .warning : allowed ? .stateOn : .dim)
            }
            y += 1
        }
        // The selected cell, traced to the statements that decided it.
        let top = r.y + r.height - traceHeight
        screen.fill(x: r.x + 1, y: top, width: r.width - 2, height: 1, Cell(glyphs.horizontal, .border))
        if matrix.principals.count > scroll + visible {
            let more = " \(matrix.principals.count - scroll - visible) more principals below (j) "
            screen.put(more, x: r.x + r.width - 3 - more.count, y: top, style: .dim)
        }
        guard let cell = selectedCell else { return }
        let verdict = "\(cell.principal) · \(cell.action.rawValue) · \(cell.path.rawValue): \(cell.decision.allowed ? "ALLOWED" : "denied")"
        screen.put(Wrap.clip(verdict, width: r.width - 2, ellipsis: glyphs.ellipsis), x: r.x + 1, y: top + 1, style: cell.decision.allowed ? .stateOn : .normal)
        var because = "by " + cell.decision.reasons.joined(separator: "; ")
        if let hardened = hardenedDecision(cell.principal, cell.action, cell.path) {
            because = "hardened plan: \(hardened ? "allowed" : "denied"). Today " + because
        }
        let reasons = Wrap.lines(because, width: r.width - 4)
        for (i, line) in reasons.prefix(traceHeight - 2).enumerated() {
            screen.put(line, x: r.x + 3, y: top + 2 + i, style: .dim)
        }
    }
}
