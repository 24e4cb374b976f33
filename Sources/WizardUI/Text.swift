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
        return isOneColumnPerByte(text) ? linesOfOneColumnPerByte(text, width: width) : linesByCharacter(text, width: width)
    }

    /// `lines` by grapheme breaking: any text (`width` > 0).
    static func linesByCharacter(_ text: String, width: Int) -> [String] {
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

    /// `lines` for text of one column per byte (nearly all of it): the same breaks, with lengths counted in bytes
    /// rather than by grapheme breaking (the form wraps its question, messages and "Why" on every frame).
    static func linesOfOneColumnPerByte(_ text: String, width: Int) -> [String] {
        var result: [String] = []
        for paragraph in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            var line = ""
            for var word in paragraph.split(separator: UInt8(ascii: " ")) {
                while word.count > width {
                    if !line.isEmpty { result.append(line); line = "" }
                    result.append(String(Substring(word.prefix(width))))
                    word = word.dropFirst(width)
                }
                if line.isEmpty { line = String(Substring(word)) }
                else if line.utf8.count + 1 + word.count <= width {
                    line += " "
                    line += Substring(word)
                } else { result.append(line); line = String(Substring(word)) }
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
        guard isOneColumnPerByte(text) else { return prefixByCharacter(text, columns: columns) }
        let utf8 = text.utf8
        return text[..<utf8.index(utf8.startIndex, offsetBy: max(0, min(columns, utf8.count)))]
    }

    /// `prefix` by grapheme breaking: any text.
    static func prefixByCharacter(_ text: String, columns: Int) -> Substring {
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
        guard isOneColumnPerByte(text) else { return suffixByCharacter(text, columns: columns) }
        let utf8 = text.utf8
        return text[utf8.index(utf8.endIndex, offsetBy: -max(0, min(columns, utf8.count)))...]
    }

    /// `suffix` by grapheme breaking: any text.
    static func suffixByCharacter(_ text: String, columns: Int) -> Substring {
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

    /// ASCII without carriage returns: every byte is a character of its own (only CR LF joins two ASCII bytes
    /// into one) and takes one column, so cutting by columns is cutting by bytes.
    static func isOneColumnPerByte(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "\r") }
    }
}

/// The lines of a text, split once on its UTF-8 bytes (no grapheme breaking) and kept with it: the previewed file
/// is split when it is rendered, and both the changed-line diff and every frame's drawing read the split.
struct TextLines: Sendable {
    let text: String
    /// Where each line starts in `text.utf8`, plus one entry past the end (`utf8.count + 1`, as if the text ended
    /// in a newline), so line `i` is the bytes `starts[i] ..< starts[i + 1] - 1`.
    private let starts: [Int]

    init(_ text: String) {
        var text = text
        text.makeContiguousUTF8()  // a no-op for native strings: the bytes are read in place below
        self.text = text
        starts = text.utf8.withContiguousStorageIfAvailable { bytes in
            var starts = [0]
            for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
            starts.append(bytes.count + 1)
            return starts
        } ?? [0, text.utf8.count + 1]
    }

    var count: Int { starts.count - 1 }

    /// Line `index`'s bytes in `text.utf8`, without its newline.
    func byteRange(_ index: Int) -> Range<Int> { starts[index]..<(starts[index + 1] - 1) }

    /// Line `index`, without its newline.
    subscript(index: Int) -> Substring {
        let range = byteRange(index), utf8 = text.utf8
        return Substring(utf8[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)])
    }

    /// The text's UTF-8 bytes, in place (contiguous since `init`).
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        text.utf8.withContiguousStorageIfAvailable(body) ?? Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// The lines of a file as substrings.
    static func split(_ text: String) -> [Substring] {
        let lines = TextLines(text)
        return (0..<lines.count).map { lines[$0] }
    }
}
