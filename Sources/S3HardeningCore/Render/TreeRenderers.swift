// The two printers of a policy tree. Foundation's JSONEncoder is not used: it escapes `/` (mangling
// ARNs) and cannot keep the key order a reviewer expects. Both print into a byte buffer: the wizard prints
// the previewed file on each keystroke and every policy when typing pauses, and String's per-append bookkeeping dominated.

/// UTF-8 output built by appending; turned into a String once at the end.
struct TextBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4_096) { bytes.reserveCapacity(capacity) }

    static func += (buffer: inout TextBuffer, text: String) {
        var text = text
        text.withUTF8 { buffer.bytes.append(contentsOf: $0) }
    }

    mutating func append(byte: UInt8) { bytes.append(byte) }
    mutating func append(contentsOf utf8: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: utf8) }
    mutating func spaces(_ count: Int) { if count > 0 { bytes.append(contentsOf: repeatElement(0x20, count: count)) } }
    var count: Int { bytes.count }
    var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// Prints a tree as JSON, references resolved to literals or `<PLACEHOLDER>` markers.
public struct JSONRenderer {
    let references: References
    /// Every placeholder the printed text contains.
    public private(set) var placeholders: Set<Placeholder> = []
    /// How many characters the printed placeholders may grow by once replaced with real values.
    public private(set) var placeholderGrowth = 0
    /// Indentation, newlines and the space after colons written by the last `render`: the compact
    /// form Terraform sends is the pretty text without them (used for the AWS size limits).
    public private(set) var layoutWhitespace = 0
    /// Resolved references, reused across the many statements that name the same ARN.
    private var resolved: [Ref: String] = [:]

    /// When set, placeholders print as these stand-in values instead of `<NAME>` (for the simulator).
    let sample: (@Sendable (Placeholder) -> String)?

    public init(_ references: References, sample: (@Sendable (Placeholder) -> String)? = nil) {
        self.references = references
        self.sample = sample
    }

    public mutating func render(_ tree: Tree) -> String {
        var out = TextBuffer()
        layoutWhitespace = 1
        write(tree, indent: 0, into: &out)
        out.append(byte: 0x0A)
        return out.string
    }

    mutating func resolve(_ text: Text) -> String {
        if text.parts.count == 1, case let .literal(s) = text.parts[0] { return s }
        var out = ""
        for part in text.parts {
            switch part {
            case let .literal(s): out += s
            case let .ref(ref):
                if let known = resolved[ref] { out += known; continue }
                let before = placeholderGrowth
                let value: String
                switch references.json(ref) {
                case let .text(inner): value = resolve(inner)
                case let .placeholder(p):
                    placeholders.insert(p)
                    placeholderGrowth += max(0, p.longestValue - p.marker.count)
                    value = sample?(p) ?? p.marker
                case let .items(items): value = items.joined(separator: ",")
                case let .expression(e): value = e
                }
                // Cache only values without placeholders, so each placeholder occurrence is counted.
                if placeholderGrowth == before { resolved[ref] = value }
                out += value
            }
        }
        return out
    }

    /// An array's elements with list-valued references expanded to their items.
    private func items(_ trees: [Tree]) -> [Tree] {
        guard trees.contains(where: { if case .splice = $0 { true } else { false } }) else { return trees }
        return trees.flatMap { tree -> [Tree] in
            guard case let .splice(ref) = tree else { return [tree] }
            if case let .items(values) = references.json(ref) { return values.map { .string(Text(stringLiteral: $0)) } }
            return [.string(Text(ref))]
        }
    }

    /// The tree as the JSON value its printed text parses to (`JSONValue.parse(render(tree))`, which
    /// `PolicyValueTests` checks), without printing and parsing: the simulator reads every policy this way.
    public mutating func value(_ tree: Tree) -> JSONValue {
        switch tree {
        case let .string(text): return .string(resolve(text))
        case let .bool(value): return .bool(value)
        case let .number(value): return .number(String(value))
        case .splice: return value(.array([tree]))
        case let .array(raw): return .array(items(raw).map { value($0) })
        case let .object(pairs):
            var members: [String: JSONValue] = [:]
            for pair in pairs { members[pair.key] = value(pair.value) } // a later key wins, as in the parser
            return .object(members)
        }
    }

    private mutating func write(_ tree: Tree, indent: Int, into out: inout TextBuffer) {
        switch tree {
        case let .string(text): Self.quote(resolve(text), into: &out)
        case let .bool(value): out += value ? "true" : "false"
        case let .number(value): out += String(value)
        case .splice: write(.array([tree]), indent: indent, into: &out)
        case let .array(raw):
            let elements = items(raw)
            if elements.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, element) in elements.enumerated() {
                out.spaces(2 * indent + 2)
                write(element, indent: indent + 1, into: &out)
                out += i < elements.count - 1 ? ",\n" : "\n"
            }
            out.spaces(2 * indent)
            out += "]"
            layoutWhitespace += elements.count * (2 * indent + 3) + 1 + 2 * indent
        case let .object(pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, pair) in pairs.enumerated() {
                out.spaces(2 * indent + 2)
                Self.quote(pair.key, into: &out)
                out += ": "
                write(pair.value, indent: indent + 1, into: &out)
                out += i < pairs.count - 1 ? ",\n" : "\n"
            }
            out.spaces(2 * indent)
            out += "}"
            layoutWhitespace += pairs.count * (2 * indent + 4) + 1 + 2 * indent
        }
    }

    static func quote(_ s: String) -> String {
        var out = TextBuffer(capacity: s.utf8.count + 2)
        quote(s, into: &out)
        return out.string
    }

    static func quote(_ s: String, into out: inout TextBuffer) {
        out.append(byte: 0x22)
        // Fast path: nothing to escape (the common case for ARNs, actions and keys), scanned as a byte buffer
        // (the generic `utf8.contains` was a seventh of a keystroke with many roles).
        var s = s
        let plain = s.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if !plain {
            for byte in s.utf8 {
                switch byte {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                case 0..<0x20:
                    let hex = String(byte, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.append(byte: byte)
                }
            }
        }
        out.append(byte: 0x22)
    }
}

/// Prints a tree as an HCL expression (the argument of `jsonencode`), references as Terraform expressions.
public struct HCLRenderer: Sendable {
    let references: References

    public init(_ references: References) { self.references = references }

    /// A multi-line HCL value; `indent` is the level of the line the value starts on.
    public func expression(_ tree: Tree, indent: Int) -> String {
        var out = TextBuffer()
        write(tree, indent: indent, into: &out)
        return out.string
    }

    /// Whether a value prints on more than one line (decided from its shape, before printing it,
    /// so `=` can be aligned while streaming).
    static func isMultiLine(_ tree: Tree) -> Bool {
        switch tree {
        case let .array(elements): return !elements.isEmpty && !elements.contains { if case .splice = $0 { true } else { false } }
        case let .object(pairs): return !pairs.isEmpty
        default: return false
        }
    }

    private func write(_ tree: Tree, indent: Int, into out: inout TextBuffer) {
        switch tree {
        case let .string(text): writeTemplate(text, into: &out)
        case let .bool(value): out += value ? "true" : "false"
        case let .number(value): out += String(value)
        case let .splice(ref): writeTemplate(Text(ref), into: &out)
        case let .array(elements): writeArray(elements, indent: indent, into: &out)
        case let .object(pairs): writeObject(pairs, indent: indent, into: &out)
        }
    }

    private func writeArray(_ elements: [Tree], indent: Int, into out: inout TextBuffer) {
        if elements.isEmpty { out += "[]"; return }
        // HCL has no splat into a list literal: lists with list-valued references become concat(...).
        if elements.contains(where: { if case .splice = $0 { true } else { false } }) {
            var groups: [String] = []
            var literal: [Tree] = []
            func flush() {
                if !literal.isEmpty { groups.append("[" + literal.map { expression($0, indent: indent) }.joined(separator: ", ") + "]") }
                literal = []
            }
            for element in elements {
                if case let .splice(ref) = element { flush(); groups.append(template(Text(ref))) } else { literal.append(element) }
            }
            flush()
            out += groups.count == 1 ? groups[0] : "concat(" + groups.joined(separator: ", ") + ")"
            return
        }
        out += "[\n"
        for element in elements {
            out.spaces(2 * indent + 2)
            write(element, indent: indent + 1, into: &out)
            out += ",\n"
        }
        out.spaces(2 * indent)
        out += "]"
    }

    private func writeObject(_ pairs: [Tree.Pair], indent: Int, into out: inout TextBuffer) {
        if pairs.isEmpty { out += "{}"; return }
        let keys = pairs.map { Self.key($0.key) }
        let multiLine = pairs.map { Self.isMultiLine($0.value) }
        out += "{\n"
        // terraform fmt aligns `=` across consecutive single-line attributes; a multi-line one stands alone.
        var start = 0
        while start < pairs.count {
            var end = start + 1
            if !multiLine[start] { while end < pairs.count, !multiLine[end] { end += 1 } }
            let width = keys[start..<end].map(\.utf8.count).max() ?? 0
            for i in start..<end {
                out.spaces(2 * indent + 2)
                out += keys[i]
                out.spaces(width - keys[i].utf8.count)
                out += " = "
                write(pairs[i].value, indent: indent + 1, into: &out)
                out.append(byte: 0x0A)
            }
            start = end
        }
        out.spaces(2 * indent)
        out += "}"
    }

    /// A text as an HCL string or bare expression: `"arn:${data.aws_partition.current.partition}:s3:::x"`.
    public func template(_ text: Text) -> String {
        var out = TextBuffer(capacity: 64)
        writeTemplate(text, into: &out)
        return out.string
    }

    private func writeTemplate(_ text: Text, into out: inout TextBuffer) {
        if text.parts.count == 1, case let .ref(ref) = text.parts[0], case let .expression(e) = references.terraform(ref) {
            out += e
            return
        }
        out.append(byte: 0x22)
        writePieces(text, into: &out)
        out.append(byte: 0x22)
    }

    private func writePieces(_ text: Text, into out: inout TextBuffer) {
        for part in text.parts {
            switch part {
            case let .literal(s): out += Self.escape(s)
            case let .ref(ref):
                switch references.terraform(ref) {
                case let .expression(e): out += "${"; out += e; out += "}"
                case let .text(inner): writePieces(inner, into: &out)
                case let .placeholder(p): out += p.marker
                case let .items(items): out += Self.escape(items.joined(separator: ","))
                }
            }
        }
    }

    /// The one HCL string escaping: `\\`, `"`, line breaks, tabs and every unsafe character (controls,
    /// DEL, C1, U+2028/2029, BOM) as `\\uNNNN`, and `${` / `%{` as `$${` / `%%{` (they would open a
    /// template sequence). Anything else is written as is.
    static func escape(_ s: String) -> String {
        // Fast path: most values (ARNs, names) are printable ASCII without `\\`, `"` or `{`.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x5C && $0 != 0x22 && $0 != 0x7B }) { return s }
        var out = ""
        var previous: Unicode.Scalar? = nil
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "{" where previous == "$" || previous == "%": out.unicodeScalars.append(previous!); out += "{"
            case _ where Patterns.isUnsafe(scalar): out += unicodeEscape(scalar)
            default: out.unicodeScalars.append(scalar)
            }
            previous = scalar
        }
        return out
    }

    private static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return hex.count <= 4 ? "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                              : "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// An object key: bare when it is an HCL identifier (ASCII letters, digits, _ and -), quoted otherwise.
    static func key(_ key: String) -> String {
        func letter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F }
        let bytes = key.utf8
        let isIdentifier = bytes.first.map(letter) == true && bytes.allSatisfy { letter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
        return isIdentifier ? key : "\"\(escape(key))\""
    }
}
