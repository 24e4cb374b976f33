// Windows drawn over a screen: help, search, the quit question, file prompts, the draft offer.

import S3HardeningCore

extension WizardModel {
    func drawOverlay(_ screen: inout ScreenBuffer, _ overlay: Overlay) {
        switch overlay {
        case let .help(title, lines, scroll):
            let box = box(&screen, title: title, width: min(size.width - 4, 100), height: size.height - 4)
            let visible = box.height
            for (i, line) in lines.dropFirst(scroll).prefix(visible).enumerated() {
                let style: Style = line.hasPrefix(" ") || line.isEmpty ? .normal : .heading
                screen.put(Wrap.clip(line, width: box.width, ellipsis: glyphs.ellipsis), x: box.x, y: box.y + i, style: style)
            }
            if lines.count > visible {
                screen.put(" ↑↓ PgUp PgDn scroll · any other key closes ".replacingGlyphs(glyphs), x: box.x, y: box.y + box.height, style: .dim)
            }
        case let .search(search):
            let box = box(&screen, title: "Search fields and controls", width: min(size.width - 4, 96), height: min(size.height - 4, 22))
            screen.put("/ ", x: box.x, y: box.y, style: .accent)
            let (visible, column) = search.query.window(width: box.width - 3)
            screen.fill(x: box.x + 2, y: box.y, width: box.width - 2, height: 1, Cell(" ", .editing))
            screen.put(visible, x: box.x + 2, y: box.y, style: .editing)
            screen.cursor = (box.x + 2 + column, box.y)
            screen.put("\(search.hits.count) match\(search.hits.count == 1 ? "" : "es") · ↑↓ choose · Enter jumps · Esc closes".replacingGlyphs(glyphs),
                       x: box.x, y: box.y + 1, style: .dim, width: box.width)
            let listHeight = (box.height - 2) / 2
            let scroll = max(0, search.selection - listHeight + 1)
            for (offset, hit) in search.hits.dropFirst(scroll).prefix(listHeight).enumerated() {
                let y = box.y + 2 + offset * 2
                let selected = scroll + offset == search.selection
                if selected { screen.fill(x: box.x, y: y, width: box.width, height: 2, Cell(" ", .focus)) }
                screen.put(Wrap.clip(hit.title, width: box.width - 1, ellipsis: glyphs.ellipsis), x: box.x + 1, y: y, style: selected ? .focus : .heading)
                screen.put(Wrap.clip(hit.detail, width: box.width - 3, ellipsis: glyphs.ellipsis), x: box.x + 3, y: y + 1, style: selected ? .focus : .dim)
            }
        case .confirmQuit:
            let box = box(&screen, title: "Unsaved changes", width: 60, height: 5)
            screen.put("Save the answers before quitting?", x: box.x, y: box.y, style: .normal)
            screen.put(answersPath.map { "to \($0)" } ?? "(you will be asked for a file name)", x: box.x, y: box.y + 1, style: .dim, width: box.width)
            screen.put("y", x: box.x, y: box.y + 3, style: .helpKey)
            screen.put(" save and quit   ", x: box.x + 1, y: box.y + 3)
            screen.put("n", x: box.x + 17, y: box.y + 3, style: .helpKey)
            screen.put(" quit, discard   ", x: box.x + 18, y: box.y + 3)
            screen.put("Esc", x: box.x + 35, y: box.y + 3, style: .helpKey)
            screen.put(" stay", x: box.x + 38, y: box.y + 3)
        case let .confirmOverwrite(path):
            let box = box(&screen, title: "Replace a different file?", width: min(size.width - 4, 72), height: 6)
            screen.put(Wrap.clip(path, width: box.width, ellipsis: glyphs.ellipsis), x: box.x, y: box.y, style: .heading)
            screen.put("is not the file this wizard last read or saved there (another wizard, an editor?).", x: box.x, y: box.y + 1, style: .dim, width: box.width)
            screen.put("y", x: box.x, y: box.y + 3, style: .helpKey)
            screen.put(" replace it   ", x: box.x + 1, y: box.y + 3)
            screen.put("n", x: box.x + 14, y: box.y + 3, style: .helpKey)
            screen.put(" keep it, do not save", x: box.x + 15, y: box.y + 3, width: box.width - 15)
            screen.put("a", x: box.x, y: box.y + 4, style: .helpKey)
            screen.put(" save under another name (keeps both)", x: box.x + 1, y: box.y + 4, width: box.width - 1)
        case let .prompt(prompt, line):
            let title = switch prompt {
            case .saveAs: "Save answers as"
            case .load: "Open an answers file"
            case .auditBucket, .auditProfile: "Start from an existing bucket"
            }
            // Tab's candidates, in columns under the name, when there are several.
            let columnWidth = min(30, (promptCandidates.map(\.count).max() ?? 0) + 2)
            let perRow = max(1, (min(size.width - 4, 72) - 4) / max(1, columnWidth))
            let candidateRows = min(6, (promptCandidates.count + perRow - 1) / perRow)
            let box = box(&screen, title: title, width: min(size.width - 4, 72), height: 4 + (candidateRows > 0 ? candidateRows + 1 : 0))
            let label = switch prompt {
            case .auditBucket: "Bucket to audit (read-only AWS CLI calls), e.g. my-pii-bucket"
            case let .auditProfile(bucket): "AWS CLI profile for s3://\(bucket) (empty: the default or AWS_PROFILE)"
            default: "File (YAML), relative to ."
            }
            screen.put(label, x: box.x, y: box.y, style: .dim, width: box.width)
            let (visible, column) = line.window(width: box.width)
            screen.fill(x: box.x, y: box.y + 1, width: box.width, height: 1, Cell(" ", .editing))
            screen.put(visible, x: box.x, y: box.y + 1, style: .editing)
            screen.cursor = (box.x + column, box.y + 1)
            let enter = switch prompt {
            case .load: "Enter opens (unsaved changes can be undone with u) · Tab completes"
            case .saveAs: "Enter saves · Tab completes"
            case .auditBucket: "Enter: next, the profile"
            case .auditProfile: "Enter audits (unsaved changes can be undone with u)"
            }
            screen.put("\(enter) · Esc cancels", x: box.x, y: box.y + 3, style: .dim, width: box.width)
            for (i, name) in promptCandidates.prefix(candidateRows * perRow).enumerated() {
                screen.put(Wrap.clip(name, width: columnWidth - 1, ellipsis: glyphs.ellipsis), x: box.x + (i % perRow) * columnWidth, y: box.y + 5 + i / perRow,
                           style: name.hasSuffix("/") ? .accent : .normal)
            }
            if promptCandidates.count > candidateRows * perRow {
                screen.put("… \(promptCandidates.count - candidateRows * perRow) more: type more of the name", x: box.x, y: box.y + 4, style: .dim, width: box.width)
            }
        case let .handEdits(review):
            let box = box(&screen, title: "Changed by hand since the last export", width: size.width - 4, height: size.height - 6)
            let listWidth = min(40, box.width / 3)
            for (i, edit) in review.edits.enumerated() where i < box.height - 2 {
                let choice = review.choices[edit.path].map { $0 == .keep ? "keep   " : "replace" } ?? "?      "
                let selected = i == review.selected
                if selected { screen.fill(x: box.x, y: box.y + i, width: listWidth, height: 1, Cell(" ", .focus)) }
                screen.put(Wrap.elideMiddle("\(choice) \(edit.path)", width: listWidth - 1, ellipsis: glyphs.ellipsis), x: box.x, y: box.y + i,
                           style: selected ? .focus : review.choices[edit.path] == nil ? .warning : .normal)
            }
            screen.put(Wrap.clip("For lasting local changes, add a *_override.tf file beside the module: s3wizard never writes those.",
                                 width: box.width, ellipsis: glyphs.ellipsis), x: box.x, y: box.y + box.height - 1, style: .dim)
            let diffX = box.x + listWidth + 1, diffWidth = box.width - listWidth - 1
            if let edit = review.current {
                screen.put(Wrap.clip("- on disk (yours)   + s3wizard's version\(edit.generated == nil ? " (no longer generated: replace removes it)" : "")",
                                     width: diffWidth, ellipsis: glyphs.ellipsis), x: diffX, y: box.y, style: .heading)
                for (offset, line) in review.diff.dropFirst(review.scroll).prefix(box.height - 2).enumerated() {
                    let style: Style = line.marker == "-" ? .error : line.marker == "+" ? .added : .dim
                    screen.put(Wrap.clip("\(line.marker) \(line.text)", width: diffWidth, ellipsis: glyphs.ellipsis), x: diffX, y: box.y + 1 + offset, style: style)
                }
            }
        case let .followUp(followUp):
            let shown = min(followUp.changes.count, max(1, size.height - 12))
            let box = box(&screen, title: "Update them too?", width: min(size.width - 4, 110), height: shown * 2 + 3)
            screen.put(Wrap.clip("\(followUp.summary) — update \(followUp.changes.count == 1 ? "it" : "them")?", width: box.width, ellipsis: glyphs.ellipsis),
                       x: box.x, y: box.y, style: .heading)
            for (i, change) in followUp.changes.prefix(shown).enumerated() {
                let y = box.y + 1 + i * 2
                screen.put(change.path.description, x: box.x, y: y, style: .dim, width: box.width)
                let half = (box.width - 5) / 2
                let old = Wrap.elideMiddle(change.old, width: half, ellipsis: glyphs.ellipsis)
                screen.put("\(old) \(glyphs.right) \(Wrap.elideMiddle(change.new, width: box.width - 5 - old.count, ellipsis: glyphs.ellipsis))", x: box.x + 2, y: y + 1)
            }
            if followUp.changes.count > shown { screen.put("… and \(followUp.changes.count - shown) more", x: box.x, y: box.y + 1 + shown * 2, style: .dim) }
            screen.put("y", x: box.x, y: box.y + box.height - 1, style: .helpKey)
            screen.put(" update them   ", x: box.x + 1, y: box.y + box.height - 1)
            screen.put("n", x: box.x + 16, y: box.y + box.height - 1, style: .helpKey)
            screen.put(" keep them as they are", x: box.x + 17, y: box.y + box.height - 1)
        case let .resumeDraft(draft):
            let box = box(&screen, title: "Resume your draft?", width: 72, height: 7)
            // The draft belongs to this file (drafts are keyed by it): say which, and where the draft is.
            screen.put("A session on \(answersPath ?? "the built-in example") ended with unsaved answers.", x: box.x, y: box.y, width: box.width)
            screen.put("Draft saved \(draft.savedAt):", x: box.x, y: box.y + 1, style: .dim, width: box.width)
            // The end of a long path is the part that names the file: clip the start.
            let path = draft.path.count <= box.width ? draft.path : String(glyphs.ellipsis) + String(draft.path.suffix(max(0, box.width - 1)))
            screen.put(path, x: box.x, y: box.y + 2, style: .dim, width: box.width)
            screen.put("y", x: box.x, y: box.y + 4, style: .helpKey)
            screen.put(" resume the draft", x: box.x + 1, y: box.y + 4)
            screen.put("n", x: box.x, y: box.y + 5, style: .helpKey)
            screen.put(" discard it and start from \(answersPath ?? "the example")", x: box.x + 1, y: box.y + 5, width: box.width - 1)
        }
    }

    /// A centred bordered box; returns its inner area.
    private func box(_ screen: inout ScreenBuffer, title: String, width: Int, height: Int) -> Rect {
        // Inside the frame: the status line and the help bar below it stay visible.
        let w = min(width, size.width - 2), h = min(height + 2, size.height - 4)
        let x = (size.width - w) / 2, y = 1 + (size.height - 4 - h) / 2
        screen.fill(x: x, y: y, width: w, height: h, Cell(" ", .normal))
        let g = glyphs
        screen.fill(x: x, y: y, width: w, height: 1, Cell(g.horizontal, .border))
        screen.fill(x: x, y: y + h - 1, width: w, height: 1, Cell(g.horizontal, .border))
        screen.fill(x: x, y: y, width: 1, height: h, Cell(g.vertical, .border))
        screen.fill(x: x + w - 1, y: y, width: 1, height: h, Cell(g.vertical, .border))
        screen[x, y] = Cell(g.topLeft, .border)
        screen[x + w - 1, y] = Cell(g.topRight, .border)
        screen[x, y + h - 1] = Cell(g.bottomLeft, .border)
        screen[x + w - 1, y + h - 1] = Cell(g.bottomRight, .border)
        screen.put(" \(title) ", x: x + 2, y: y, style: .title, width: w - 4)
        return Rect(x: x + 2, y: y + 1, width: w - 4, height: h - 2)
    }
}
