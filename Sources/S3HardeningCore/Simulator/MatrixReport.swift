// The matrix as text (intents first, then one table per network path) and as JSON (every cell with
// the statements that decided it). Used by `s3wizard simulate` and the golden files.

extension AccessMatrix {
    public func text(trace: Bool = false) -> String {
        var lines = ["Intents"]
        for intent in intents {
            lines.append("  \(intent.holds ? "holds " : "BROKEN") \(intent.id): \(intent.statement)")
            for violation in intent.violations.prefix(trace ? .max : 5) { lines.append("         - \(violation)") }
            if !trace, intent.violations.count > 5 { lines.append("         … and \(intent.violations.count - 5) more (use --trace)") }
        }
        let width = max(12, principals.map(\.count).max() ?? 0)
        for path in paths {
            lines += ["", "Access \(path.title)  (yes = allowed, - = denied)"]
            lines.append(("  " + "principal".padded(to: width)
                          + AccessAction.allCases.map { " " + $0.short.padded(to: 8) }.joined()).trimmingTrailingSpaces())
            // 9,450 cells at 50 teams: each row is appended to in place, the columns padded once.
            let yes = " " + "yes".padded(to: 8), no = " " + "-".padded(to: 8)
            for principal in principals {
                var row = "  " + principal.padded(to: width)
                let number = principalNumbers[principal]
                for action in AccessAction.allCases { row += number.flatMap { cell($0, action, path) }?.decision.allowed == true ? yes : no }
                lines.append(row.trimmingTrailingSpaces())
            }
        }
        if trace {
            lines += ["", "Traces"]
            for cell in cells {
                lines.append("  \(cell.principal) | \(cell.action.rawValue) | \(cell.path.rawValue): \(cell.decision.allowed ? "allowed" : "denied") by \(cell.decision.reasons.joined(separator: "; "))")
            }
        }
        if !notes.isEmpty { lines += [""] + notes.map { "Note: \($0)" } }
        return lines.joined(separator: "\n") + "\n"
    }

    public var json: String {
        func string(_ s: String) -> Tree { .string(Text(stringLiteral: s)) }
        let tree = Tree.object([
            .init("intents", .array(intents.map { intent in
                .object([.init("id", string(intent.id.rawValue)), .init("statement", string(intent.statement)),
                         .init("holds", .bool(intent.holds)), .init("violations", .array(intent.violations.map { string($0.text) }))])
            })),
            .init("principals", .array(principals.map(string))),
            .init("cells", .array(cells.map { cell in
                .object([.init("principal", string(cell.principal)), .init("action", string(cell.action.rawValue)),
                         .init("path", string(cell.path.rawValue)), .init("allowed", .bool(cell.decision.allowed)),
                         .init("because", .array(cell.decision.reasons.map(string)))])
            })),
            .init("notes", .array(notes.map(string))),
        ])
        var renderer = JSONRenderer(References(Plan()))
        return renderer.render(tree)
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == UInt8(ascii: " ") { end = utf8.index(before: end) }
        return String(self[..<end])
    }
}
