// Keys written as text, for tests, screen dumps and bug reports: characters stand for themselves,
// `<name>` for a special key: <up> <down> <left> <right> <home> <end> <pgup> <pgdn> <enter> <tab>
// <btab> <bs> <del> <esc> <space> <lt> (a literal `<`), <f1>…<f12>, <c-a>…<c-z>.

public enum KeyScript {
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    private static let named: [String: Key] = [
        "up": .up, "down": .down, "left": .left, "right": .right, "home": .home, "end": .end,
        "pgup": .pageUp, "pgdn": .pageDown, "enter": .enter, "tab": .tab, "btab": .backTab,
        "bs": .backspace, "del": .delete, "esc": .escape, "space": .character(" "), "lt": .character("<"),
    ]

    public static func parse(_ script: String) throws(Problem) -> [Key] {
        var keys: [Key] = []
        var rest = Substring(script)
        while let c = rest.first {
            rest = rest.dropFirst()
            guard c == "<" else { keys.append(.character(c)); continue }
            guard let close = rest.firstIndex(of: ">") else { throw Problem(description: "unclosed '<' in keys: write <lt> for a literal '<'") }
            let name = rest[..<close].lowercased()
            rest = rest[rest.index(after: close)...]
            if let key = named[name] { keys.append(key) }
            else if name.hasPrefix("f"), let n = Int(name.dropFirst()), (1...12).contains(n) { keys.append(.function(n)) }
            else if name.hasPrefix("c-"), name.count == 3, let letter = name.last, letter.isLetter { keys.append(.control(letter)) }
            else { throw Problem(description: "unknown key <\(name)> (known: \(named.keys.sorted().joined(separator: " ")), f1–f12, c-a–c-z)") }
        }
        return keys
    }
}
