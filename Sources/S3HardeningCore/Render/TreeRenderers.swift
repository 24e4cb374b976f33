import Foundation

// The two printers of a policy tree. Foundation's JSONEncoder is not used: it escapes `/` (mangling
// ARNs) and cannot keep the key order a reviewer expects.

/// Prints a tree as JSON, references resolved to literals or `<PLACEHOLDER>` markers.
public struct JSONRenderer {
    let references: References
    /// Every placeholder the printed text contains.
    public private(set) var placeholders: Set<Placeholder> = []

    /// Compact: no whitespace, as Terraform's jsonencode sends it (for AWS size limits).
    let compact: Bool

    public init(_ references: References, compact: Bool = false) {
        self.references = references
        self.compact = compact
    }

    public mutating func render(_ tree: Tree) -> String {
        var out = ""
        write(tree, indent: 0, into: &out)
        return compact ? out : out + "\n"
    }

    /// Extra characters the placeholders in `text` may grow by once replaced with real values.
    public func placeholderAllowance(in text: String) -> Int {
        placeholders.reduce(0) { sum, p in
            sum + (text.components(separatedBy: p.marker).count - 1) * max(0, p.longestValue - p.marker.count)
        }
    }

    mutating func resolve(_ text: Text) -> String {
        var out = ""
        for part in text.parts {
            switch part {
            case let .literal(s): out += s
            case let .ref(ref):
                switch references.json(ref) {
                case let .text(inner):
                    let resolved = resolve(inner)
                    for p in Placeholder.embedded where resolved.contains(p.marker) { placeholders.insert(p) }
                    out += resolved
                case let .placeholder(p): placeholders.insert(p); out += p.marker
                case let .items(items): out += items.joined(separator: ",")
                case let .expression(e): out += e
                }
            }
        }
        return out
    }

    private mutating func items(_ trees: [Tree]) -> [Tree] {
        trees.flatMap { tree -> [Tree] in
            guard case let .splice(ref) = tree else { return [tree] }
            if case let .items(values) = references.json(ref) {
                return values.map { .string(Text(stringLiteral: $0)) }
            }
            return [.string(Text(ref))]
        }
    }

    private mutating func write(_ tree: Tree, indent: Int, into out: inout String) {
        let pad = compact ? "" : String(repeating: "  ", count: indent + 1)
        let closePad = compact ? "" : String(repeating: "  ", count: indent)
        let newline = compact ? "" : "\n"
        let colon = compact ? ":" : ": "
        switch tree {
        case let .string(text): out += Self.quote(resolve(text))
        case let .bool(value): out += value ? "true" : "false"
        case let .number(value): out += String(value)
        case .splice: write(.array([tree]), indent: indent, into: &out)
        case let .array(raw):
            let elements = items(raw)
            if elements.isEmpty { out += "[]"; return }
            out += "[" + newline
            for (i, element) in elements.enumerated() {
                out += pad
                write(element, indent: indent + 1, into: &out)
                out += (i < elements.count - 1 ? "," : "") + newline
            }
            out += closePad + "]"
        case let .object(pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{" + newline
            for (i, pair) in pairs.enumerated() {
                out += pad + Self.quote(pair.key) + colon
                write(pair.value, indent: indent + 1, into: &out)
                out += (i < pairs.count - 1 ? "," : "") + newline
            }
            out += closePad + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// Prints a tree as an HCL expression (the argument of `jsonencode`), references as Terraform expressions.
public struct HCLRenderer {
    let references: References

    public init(_ references: References) { self.references = references }

    /// A multi-line HCL value; `indent` is the level of the line the value starts on.
    public func expression(_ tree: Tree, indent: Int) -> String {
        switch tree {
        case let .string(text): return template(text)
        case let .bool(value): return value ? "true" : "false"
        case let .number(value): return String(value)
        case let .splice(ref): return template(Text(ref))
        case let .array(elements): return array(elements, indent: indent)
        case let .object(pairs): return object(pairs, indent: indent)
        }
    }

    /// A text as an HCL string or bare expression: `"arn:${data.aws_partition.current.partition}:s3:::x"`.
    public func template(_ text: Text) -> String {
        let pieces = flatten(text)
        if pieces.count == 1, case let .expression(e) = pieces[0] { return e }
        var out = "\""
        for piece in pieces {
            switch piece {
            case let .literal(s): out += Self.escape(s)
            case let .expression(e): out += "${\(e)}"
            }
        }
        return out + "\""
    }

    private enum Piece { case literal(String), expression(String) }

    private func flatten(_ text: Text) -> [Piece] {
        text.parts.flatMap { part -> [Piece] in
            switch part {
            case let .literal(s): return [.literal(s)]
            case let .ref(ref):
                switch references.terraform(ref) {
                case let .expression(e): return [.expression(e)]
                case let .text(inner): return flatten(inner)
                case let .placeholder(p): return [.literal(p.marker)]
                case let .items(items): return [.literal(items.joined(separator: ","))]
                }
            }
        }
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "${", with: "$${")
            .replacingOccurrences(of: "%{", with: "%%{")
    }

    private func array(_ elements: [Tree], indent: Int) -> String {
        if elements.isEmpty { return "[]" }
        // HCL has no splat into a list literal: lists with list-valued references become concat(...).
        if elements.contains(where: { if case .splice = $0 { return true } else { return false } }) {
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
            return groups.count == 1 ? groups[0] : "concat(" + groups.joined(separator: ", ") + ")"
        }
        let pad = String(repeating: "  ", count: indent + 1)
        var out = "[\n"
        for element in elements { out += pad + expression(element, indent: indent + 1) + ",\n" }
        return out + String(repeating: "  ", count: indent) + "]"
    }

    private func object(_ pairs: [Tree.Pair], indent: Int) -> String {
        if pairs.isEmpty { return "{}" }
        let pad = String(repeating: "  ", count: indent + 1)
        let lines: [(key: String, value: String)] = pairs.map { (Self.key($0.key), expression($0.value, indent: indent + 1)) }
        // terraform fmt aligns `=` across consecutive single-line attributes; a multi-line one stands alone.
        var out = "{\n"
        var start = 0
        while start < lines.count {
            var end = start + 1
            if !lines[start].value.contains("\n") {
                while end < lines.count, !lines[end].value.contains("\n") { end += 1 }
            }
            let width = lines[start..<end].map(\.key.count).max() ?? 0
            for i in start..<end {
                let key = lines[i].key
                out += pad + key + String(repeating: " ", count: width - key.count) + " = " + lines[i].value + "\n"
            }
            start = end
        }
        return out + String(repeating: "  ", count: indent) + "}"
    }

    static func key(_ key: String) -> String {
        let isIdentifier = key.first.map { $0.isLetter || $0 == "_" } == true
            && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        return isIdentifier ? key : "\"\(escape(key))\""
    }
}
