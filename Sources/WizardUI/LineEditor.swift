// A one-line text editor: the characters and the cursor. Shared by fields, search and file prompts.

public struct LineEditor: Equatable, Sendable {
    public private(set) var characters: [Character]
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }

    /// Inserts pasted text at the cursor in one step (linear, however long). A line holds one line: line
    /// breaks at the ends are dropped, a run of them inside becomes one space (`abc⏎rdq` → `abc rdq`), a tab
    /// becomes a space, and other control characters are dropped.
    public mutating func insert(_ pasted: String) {
        var added: [Character] = []
        added.reserveCapacity(pasted.utf8.count)
        var breakPending = false
        for c in pasted {
            if c.isNewline {
                breakPending = true
                continue
            }
            if c.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }), c != "\t" { continue }
            if breakPending, !added.isEmpty { added.append(" ") }
            breakPending = false
            added.append(c == "\t" ? " " : c)
        }
        characters.insert(contentsOf: added, at: cursor)
        cursor += added.count
    }

    /// Applies an editing key; returns false for keys that are not editing keys (the caller handles them).
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case let .character(c):
            // Pasted line breaks and tabs end up here only as characters of a paste: keep text on one line.
            guard !c.isNewline else { return false }
            characters.insert(c == "\t" ? " " : c, at: cursor)
            cursor += 1
        case .backspace:
            if cursor > 0 { characters.remove(at: cursor - 1); cursor -= 1 }
        case .delete, .control("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left, .control("b"): cursor = max(0, cursor - 1)
        case .right, .control("f"): cursor = min(characters.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = characters.count
        case .control("u"):
            characters.removeFirst(cursor)
            cursor = 0
        case .control("k"): characters.removeLast(characters.count - cursor)
        case .control("w"):
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        default:
            return false
        }
        return true
    }

    /// The visible slice for a field `width` columns wide, scrolled so the cursor shows, and the cursor's column in it.
    public func window(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 1 else { return ("", 0) }
        let start = max(0, cursor - (width - 1))
        let end = min(characters.count, start + width)
        return (String(characters[start..<end]), cursor - start)
    }
}
