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

    /// An editing key: its keys, what it does (the key map documents it), and the edit.
    struct Binding: Sendable {
        let keys: [Key]
        let help: String
        let apply: @Sendable (inout LineEditor) -> Void
    }

    /// Every editing key but typing itself; `handle` dispatches from this table and the help is printed from it.
    static let bindings: [Binding] = [
        Binding(keys: [.left, .control("b")], help: "cursor left") { $0.cursor = max(0, $0.cursor - 1) },
        Binding(keys: [.right, .control("f")], help: "cursor right") { $0.cursor = min($0.characters.count, $0.cursor + 1) },
        Binding(keys: [.home, .control("a")], help: "cursor to the start") { $0.cursor = 0 },
        Binding(keys: [.end, .control("e")], help: "cursor to the end") { $0.cursor = $0.characters.count },
        Binding(keys: [.backspace], help: "delete the character before the cursor") { editor in
            guard editor.cursor > 0 else { return }
            editor.characters.remove(at: editor.cursor - 1)
            editor.cursor -= 1
        },
        Binding(keys: [.delete, .control("d")], help: "delete the character under the cursor") { editor in
            if editor.cursor < editor.characters.count { editor.characters.remove(at: editor.cursor) }
        },
        Binding(keys: [.control("u")], help: "delete to the start") { editor in
            editor.characters.removeFirst(editor.cursor)
            editor.cursor = 0
        },
        Binding(keys: [.control("k")], help: "delete to the end") { $0.characters.removeLast($0.characters.count - $0.cursor) },
        Binding(keys: [.control("w")], help: "delete the word before the cursor") { editor in
            var start = editor.cursor
            while start > 0, editor.characters[start - 1] == " " { start -= 1 }
            while start > 0, editor.characters[start - 1] != " " { start -= 1 }
            editor.characters.removeSubrange(start..<editor.cursor)
            editor.cursor = start
        },
    ]

    /// Applies an editing key; returns false for keys that are not editing keys (the caller handles them).
    public mutating func handle(_ key: Key) -> Bool {
        if case let .character(c) = key {
            // Pasted line breaks and tabs end up here only as characters of a paste: keep text on one line.
            guard !c.isNewline else { return false }
            characters.insert(c == "\t" ? " " : c, at: cursor)
            cursor += 1
            return true
        }
        guard let binding = Self.bindings.first(where: { $0.keys.contains(key) }) else { return false }
        binding.apply(&self)
        return true
    }

    /// Whether `handle` edits with this key (typing included).
    static func edits(with key: Key) -> Bool {
        if case let .character(c) = key { return !c.isNewline }
        return bindings.contains { $0.keys.contains(key) }
    }

    /// The visible slice for a field `width` columns wide, scrolled so the cursor shows, and the cursor's column in it.
    public func window(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 1 else { return ("", 0) }
        let start = max(0, cursor - (width - 1))
        let end = min(characters.count, start + width)
        return (String(characters[start..<end]), cursor - start)
    }
}
