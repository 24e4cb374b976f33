// String helpers on the standard library alone, where Foundation's would need `import Foundation` (the core and
// the UI model import FoundationEssentials at most: see docs/architecture.md, "Foundation").

extension StringProtocol {
    /// Without leading and trailing spaces and tabs; newlines are kept. Foundation's
    /// `trimmingCharacters(in: .whitespaces)`: `.whitespaces` is Unicode's Zs and U+0009, which are exactly the
    /// white-space characters that are not newlines.
    public func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace, !c.isNewline { s.removeFirst() }
        while let c = s.last, c.isWhitespace, !c.isNewline { s.removeLast() }
        return String(s)
    }

    /// Without `character` at either end (Foundation's `trimmingCharacters(in: CharacterSet(charactersIn:))` with
    /// one character).
    public func trimming(_ character: Character) -> String {
        var s = Substring(self)
        while s.first == character { s.removeFirst() }
        while s.last == character { s.removeLast() }
        return String(s)
    }

    /// Padded with spaces to `width` characters, or cut to it (Foundation's `padding(toLength:withPad: " ",
    /// startingAt: 0)` for the ASCII names it is used on).
    public func padded(to width: Int) -> String {
        count >= width ? String(prefix(width)) : String(self) + String(repeating: " ", count: width - count)
    }
}

/// A file path's folder and last name, as NSString's `deletingLastPathComponent` and `lastPathComponent` give
/// them (repeated and trailing slashes ignored), with "." for a bare name's folder.
public enum PathName {
    public static func split(_ path: String) -> (directory: String, name: String) {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.last == "/" { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return (".", String(trimmed)) }
        let name = String(trimmed[trimmed.index(after: slash)...])
        var directory = trimmed[..<slash]
        while directory.last == "/" { directory.removeLast() }
        return (directory.isEmpty ? "/" : String(directory), name.isEmpty ? "/" : name)
    }
}
