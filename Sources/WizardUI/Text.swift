// Small text helpers for the screens (WizardUI does without Foundation: it starts faster).

extension StringProtocol {
    var trimmed: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}

enum Wrap {
    /// Breaks text into lines of at most `width` columns at spaces (long words are cut).
    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                var word = Substring(word)
                while word.count > width {
                    if !line.isEmpty { result.append(line); line = "" }
                    result.append(String(word.prefix(width)))
                    word = word.dropFirst(width)
                }
                if line.isEmpty { line = String(word) }
                else if line.count + 1 + word.count <= width { line += " " + word }
                else { result.append(line); line = String(word) }
            }
            result.append(line)
        }
        return result
    }

    /// `text` cut to `width` columns, ending in an ellipsis when cut (wide characters count two).
    static func clip(_ text: String, width: Int, ellipsis: Character) -> String {
        guard width > 0 else { return "" }
        guard Cell.displayWidth(text) > width else { return text }
        return String(prefix(text, columns: width - 1)) + String(ellipsis)
    }

    /// Cuts the middle out instead of the end, so the part that tells values apart survives: three admins'
    /// ARNs read `arn:aws:iam::1111…:role/security-admin`, not `arn:aws:iam::111122223333…` three times.
    static func elideMiddle(_ text: String, width: Int, ellipsis: Character) -> String {
        guard width > 0 else { return "" }
        guard Cell.displayWidth(text) > width else { return text }
        guard width >= 8 else { return clip(text, width: width, ellipsis: ellipsis) }
        // Keep the last path segment (a role or key name) whole when it leaves room for a few leading characters.
        let lastSegment = text.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map { Cell.displayWidth($0) + 1 } ?? 0
        let tail = lastSegment <= width - 5 ? max(lastSegment, (width - 1) * 2 / 3) : (width - 1) * 2 / 3
        let end = suffix(text, columns: tail)
        return String(prefix(text, columns: width - 1 - Cell.displayWidth(end))) + String(ellipsis) + String(end)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        let used = Cell.displayWidth(text)
        return used >= width ? String(prefix(text, columns: width)) : text + String(repeating: " ", count: width - used)
    }

    /// The longest start of `text` that fits `columns`.
    static func prefix(_ text: String, columns: Int) -> Substring {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let width = Cell.displayWidth(String(text[index]))
            guard used + width <= columns else { break }
            used += width
            end = text.index(after: index)
        }
        return text[..<end]
    }

    /// The longest end of `text` that fits `columns`.
    static func suffix(_ text: String, columns: Int) -> Substring {
        var used = 0
        var start = text.endIndex
        while start > text.startIndex {
            let previous = text.index(before: start)
            let width = Cell.displayWidth(String(text[previous]))
            guard used + width <= columns else { break }
            used += width
            start = previous
        }
        return text[start...]
    }
}

enum TextLines {
    /// The lines of a file, split on its UTF-8 bytes (no grapheme breaking: previews are split on every frame).
    static func split(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "\n") {
                lines.append(text[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        lines.append(text[start..<utf8.endIndex])
        return lines
    }
}
