@testable import S3HardeningCore

/// An independent reader of the parts of HCL that carry values: it walks a `.tf` file, skips
/// comments, and reads every quoted string by the HCL spec (escapes `\n \r \t \" \\ \uNNNN
/// \UNNNNNNNN`, `$${` and `%%{` for literal `${` and `%{`, `${…}` and `%{…}` template sequences).
/// A raw line break or unsafe character inside a string, or anywhere outside one, is an error.
struct HCLStringReader {
    struct Malformed: Error, CustomStringConvertible {
        let offset: Int
        let problem: String
        var description: String { "at scalar \(offset): \(problem)" }
    }

    /// The decoded text of every string without template sequences, in file order.
    private(set) var literals: [String] = []
    private let scalars: [Unicode.Scalar]
    private var i = 0

    static func literals(in text: String) throws(Malformed) -> [String] {
        var reader = HCLStringReader(scalars: Array(text.unicodeScalars))
        try reader.readBody(until: nil)
        return reader.literals
    }

    private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    private func fail(_ problem: String) -> Malformed { Malformed(offset: i, problem: problem) }
    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? { i + ahead < scalars.count ? scalars[i + ahead] : nil }

    /// Expressions and bodies: strings, comments and brackets, until `closing` (or the end of the file).
    private mutating func readBody(until closing: Unicode.Scalar?) throws(Malformed) {
        var depth = 0
        while let c = peek() {
            switch c {
            case "\"": try readString()
            case "#": skipLine()
            case "/" where peek(1) == "/": skipLine()
            case "{": depth += 1; i += 1
            case "}" where closing == "}" && depth == 0: i += 1; return
            case "}": depth -= 1; i += 1
            case "<" where peek(1) == "<": throw fail("heredocs are not expected in generated files")
            case "\n", "\t": i += 1
            case _ where Patterns.isUnsafe(c): throw fail("raw U+\(String(c.value, radix: 16)) outside a string")
            default: i += 1
            }
        }
        if closing != nil { throw fail("unterminated template sequence") }
    }

    private mutating func skipLine() {
        while let c = peek(), c != "\n" { i += 1 }
    }

    private mutating func readString() throws(Malformed) {
        i += 1
        var text = ""
        var isTemplate = false
        while true {
            guard let c = peek() else { throw fail("unterminated string") }
            switch c {
            case "\"":
                i += 1
                if !isTemplate { literals.append(text) }
                return
            case "\\":
                text.unicodeScalars.append(try readEscape())
            case "$" where peek(1) == "$" && peek(2) == "{", "%" where peek(1) == "%" && peek(2) == "{":
                text.unicodeScalars.append(c); text += "{"; i += 3
            case "$" where peek(1) == "{", "%" where peek(1) == "{":
                isTemplate = true
                i += 2
                try readBody(until: "}")
            case "\n", "\r": throw fail("raw line break inside a string")
            case _ where Patterns.isUnsafe(c): throw fail("raw U+\(String(c.value, radix: 16)) inside a string")
            default:
                text.unicodeScalars.append(c); i += 1
            }
        }
    }

    private mutating func readEscape() throws(Malformed) -> Unicode.Scalar {
        i += 1
        guard let c = peek() else { throw fail("escape at the end of the file") }
        i += 1
        switch c {
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "\"": return "\""
        case "\\": return "\\"
        case "u", "U":
            let width = c == "u" ? 4 : 8
            guard i + width <= scalars.count else { throw fail("short \\\(c) escape") }
            let hex = String(String.UnicodeScalarView(scalars[i..<i + width]))
            i += width
            guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else { throw fail("bad \\\(c)\(hex)") }
            return scalar
        default: throw fail("unknown escape \\\(c)")
        }
    }
}
