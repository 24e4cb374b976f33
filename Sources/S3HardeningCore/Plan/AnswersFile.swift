import FoundationEssentials

/// Where a value lives in the plan, as the answers file spells it: `data_access.roles[1].arn`.
public struct FieldPath: Hashable, Sendable, CustomStringConvertible, Comparable {
    public var components: [String]

    public init(_ components: [String] = []) { self.components = components }
    public init(_ dotted: String) {
        components = dotted.isEmpty ? [] : dotted.split(separator: ".").map(String.init)
    }

    /// The answers path of a plan field, named by its key path: `FieldPath(\.basics.accountId)` is
    /// `basics.account_id`. The field tables are the one source: a key path that is not an answers field traps.
    public init(_ field: PartialKeyPath<Plan>) {
        guard let offset = MemoryLayout<Plan>.offset(of: field),
              let keys = Plan.keys(toFieldAt: offset, of: type(of: field).valueType) else {
            preconditionFailure("\(field) is not an answers field")
        }
        self.components = keys
    }

    /// A list item, or one field of it: `FieldPath(\.dataAccess.roles, 2, \.arn)` is `data_access.roles[2].arn`.
    public init<Item: AnswerSection>(_ list: WritableKeyPath<Plan, [Item]>, _ index: Int, _ field: PartialKeyPath<Item>? = nil) {
        // One array built in place: the field checks make a path like this for every role on every keystroke.
        var components = FieldPath(list).components
        components[components.count - 1] += "[\(index)]"
        if let field { components.append(Item.key(of: field)) }
        self.components = components
    }

    /// An item of a text list: `FieldPath(\.keyAdministration.deployerArns, 0)` is `key_administration.deployer_arns[0]`.
    public init(_ list: WritableKeyPath<Plan, [String]>, _ index: Int) {
        self = FieldPath(list).index(index)
    }

    /// Whether a path names a field of the answers file (or the file itself): indices on lists, one key below a map.
    public static func isField(_ path: FieldPath) -> Bool {
        var fields = Plan.fieldInfos
        var components = path.components[...]
        while let first = components.popFirst() {
            let key = first.split(separator: "[", maxSplits: 1).first.map(String.init) ?? ""
            guard let info = fields.first(where: { $0.key == key }) else { return false }
            switch info.type {
            case let .section(children), let .sectionList(children): fields = children.value
            case .textMap: return components.count <= 1
            default: return components.isEmpty
            }
        }
        return true
    }

    public func appending(_ key: String) -> FieldPath { FieldPath(components + [key]) }
    public func index(_ i: Int) -> FieldPath {
        var copy = components
        copy[copy.count - 1] += "[\(i)]"
        return FieldPath(copy)
    }
    public var description: String { components.isEmpty ? "(file)" : components.joined(separator: ".") }
    public static func < (a: FieldPath, b: FieldPath) -> Bool { a.description < b.description }
}

/// A problem in an answers file: the field, the line when known, and what is wrong.
public struct AnswersError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: FieldPath
    public let line: Int?
    public let message: String

    public init(path: FieldPath, line: Int?, message: String) {
        self.path = path; self.line = line; self.message = message
    }

    public var description: String {
        let location = line.map { "line \($0): " } ?? ""
        return path.components.isEmpty ? "\(location)\(message)" : "\(location)\(path): \(message)"
    }
}

/// A YAML node with the field path that leads to it, so every error can name the field and line.
public struct AnswersNode {
    let node: YAMLNode
    let path: FieldPath
    /// The longest value accepted (see `AnswersFile.maximumValueLength`); nil for drafts, which keep anything typed.
    var valueLimit: Int? = AnswersFile.maximumValueLength

    var line: Int? { node.line }

    func error(_ message: String) -> AnswersError { AnswersError(path: path, line: line, message: message) }

    private var scalar: String? {
        if case let .scalar(s, _) = node.content { return s }
        return nil
    }
    private var isNull: Bool {
        guard case let .scalar(s, isPlain) = node.content else { return false }
        return isPlain && ["null", "~", ""].contains(s)
    }

    /// The pairs of a mapping (duplicate keys were refused when the file was read, at the second one).
    func mappingPairs() throws(AnswersError) -> [(key: String, value: AnswersNode)] {
        if isNull { return [] }
        guard case let .mapping(mapping) = node.content else { throw error("expected a mapping of keys to values") }
        var pairs: [(key: String, value: AnswersNode)] = []
        for (keyNode, valueNode) in mapping {
            guard case let .scalar(key, _) = keyNode.content else {
                throw AnswersError(path: path, line: keyNode.line, message: "keys must be plain words")
            }
            // A key is text too (a tag key): held to the same limit before anything else reads it.
            if let valueLimit, key.unicodeScalars.count > valueLimit {
                throw AnswersError(path: path, line: keyNode.line,
                                   message: "a key is \(key.unicodeScalars.count) characters long; no answers key takes more than \(valueLimit)")
            }
            pairs.append((key, AnswersNode(node: valueNode, path: path.appending(key), valueLimit: valueLimit)))
        }
        return pairs
    }

    func sequenceItems() throws(AnswersError) -> [AnswersNode] {
        if isNull { return [] }
        guard case let .sequence(seq) = node.content else { throw error("expected a list") }
        return seq.enumerated().map { AnswersNode(node: $1, path: path.index($0), valueLimit: valueLimit) }
    }

    func text() throws(AnswersError) -> String {
        guard let s = scalar else { throw error("expected a text value") }
        // Before any pattern or rule sees it: a long value must cost nothing more than this count.
        if let valueLimit {
            let length = s.unicodeScalars.count
            if length > valueLimit { throw error("this value is \(length) characters long; no answers field takes more than \(valueLimit)") }
        }
        return s
    }

    func optionalText() throws(AnswersError) -> String? {
        if isNull { return nil }
        let value = try text()
        return value.isEmpty ? nil : value
    }

    func flag() throws(AnswersError) -> Bool {
        switch try text() {
        case "true": return true
        case "false": return false
        case let other: throw error("expected true or false, found \(quoted(other))")
        }
    }

    func number(in range: ClosedRange<Int>) throws(AnswersError) -> Int {
        let raw = try text()
        guard let value = Int(raw) else { throw error("expected a whole number, found \(quoted(raw))") }
        guard range.contains(value) else {
            throw error("\(value) is out of range \(range.lowerBound)–\(range.upperBound)")
        }
        return value
    }

    func textList() throws(AnswersError) -> [String] {
        try sequenceItems().map { item throws(AnswersError) in try item.text() }
    }

    func textMap() throws(AnswersError) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in try mappingPairs() { result[key] = try value.text() }
        return result
    }
}

// MARK: - Reading and writing whole files

public enum AnswersFile {
    /// Parses an answers file. Errors name the field and the line. `valueLimit` nil reads values of any length:
    /// for drafts, which must give back whatever was typed (the field's rules then flag it).
    public static func parse(_ text: String, valueLimit: Int? = maximumValueLength) throws(AnswersError) -> Plan {
        // The same limit as for files, for text that comes from elsewhere (a paste, a draft), before the parser.
        let size = text.utf8.count
        if size > maximumSize {
            throw AnswersError(path: FieldPath(), line: nil, message: "the answers are \(size) bytes, larger than any answers file (at most \(maximumSize) bytes, 1 MiB); nothing was parsed")
        }
        let root = try YAMLDocument.parse(text)
        guard let root else { throw AnswersError(path: FieldPath(), line: nil, message: "the answers file is empty") }
        let node = AnswersNode(node: root, path: FieldPath(), valueLimit: valueLimit)
        let pairs = try node.mappingPairs()
        guard let versionNode = pairs.first(where: { $0.key == "version" })?.value else {
            throw AnswersError(path: FieldPath("version"), line: root.line,
                               message: "missing; write `version: \(Plan.formatVersion)` at the top")
        }
        let version = try versionNode.text()
        guard let number = Int(version), (1...Plan.formatVersion).contains(number) else {
            let readable = Plan.formatVersion == 1 ? "version 1" : "versions 1 to \(Plan.formatVersion)"
            throw versionNode.error("\(quoted(version)) is not a version this build of s3wizard reads: it reads \(readable)")
        }
        return try Plan.read(from: node)
    }

    /// The answers file for a plan: deterministic, with each field's help as a comment when `commented`.
    public static func render(_ plan: Plan, commented: Bool = true, header: [String] = []) -> String {
        var writer = AnswersWriter(commented: commented)
        for line in header { writer.comment(line) }
        if !header.isEmpty { writer.blankLine() }
        plan.write(to: &writer)
        return writer.text
    }
}

/// Writes YAML by hand: stable order, every string double-quoted, comments from the field table.
public struct AnswersWriter {
    let commented: Bool
    private var out = TextBuffer()
    private var indent = 0
    var text: String { out.string }
    /// Set just after "- ": the next key goes on the dash line.
    private var pendingDash = false

    init(commented: Bool) { self.commented = commented }

    /// The one YAML quoting: a double-quoted scalar with `\\`, `"`, line breaks and tabs escaped, and
    /// every unsafe character (C0, DEL, C1 with U+0085, U+2028/2029, BOM, non-characters) as `\\xNN`,
    /// `\\uNNNN` or `\\UNNNNNNNN`, so the file reads back to the same text.
    static func quote(_ s: String) -> String {
        // Printable ASCII without `"` or `\\` (names, ARNs, prefixes): nothing to escape.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) { return "\"" + s + "\"" }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where Patterns.isUnsafe(scalar):
                let hex = String(scalar.value, radix: 16, uppercase: true)
                let (prefix, width) = scalar.value <= 0xFF ? ("\\x", 2) : scalar.value <= 0xFFFF ? ("\\u", 4) : ("\\U", 8)
                out += prefix + String(repeating: "0", count: width - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    mutating func blankLine() { out.append(byte: 0x0A) }

    mutating func comment(_ line: String) {
        out.spaces(indent)
        out += line.isEmpty ? "#\n" : "# \(line)\n"
    }

    private mutating func help(_ help: String) {
        guard commented, !pendingDash else { return }
        comment(help)
    }

    private mutating func keyLine(_ key: String, _ rest: String) {
        if pendingDash { pendingDash = false } else { out.spaces(indent) }
        out += key
        out += ":"
        out += rest
        out.append(byte: 0x0A)
    }

    mutating func scalar(_ key: String, _ value: String, help: String) {
        self.help(help)
        keyLine(key, " " + value)
    }

    mutating func list(_ key: String, _ items: [String], help: String) {
        self.help(help)
        if items.isEmpty { keyLine(key, " []"); return }
        keyLine(key, "")
        for item in items {
            out.spaces(indent + 2)
            out += "- " + Self.quote(item) + "\n"
        }
    }

    mutating func map(_ key: String, _ entries: [String: String], help: String) {
        self.help(help)
        if entries.isEmpty { keyLine(key, " {}"); return }
        keyLine(key, "")
        for k in entries.keys.sorted() {
            let key = Self.quote(k)
            out.spaces(indent + 2)
            // YAML allows an implicit key of at most 1024 characters; a longer one is written explicitly.
            if key.unicodeScalars.count > 1000 {
                out += "? " + key + "\n"
                out.spaces(indent + 2)
                out += ": " + Self.quote(entries[k]!) + "\n"
            } else {
                out += key + ": " + Self.quote(entries[k]!) + "\n"
            }
        }
    }

    mutating func beginSection(_ key: String, help: String) {
        if indent == 0, commented, out.count > 0 { out.append(byte: 0x0A) }
        self.help(help)
        keyLine(key, "")
        indent += 2
    }

    mutating func endSection() { indent -= 2 }

    mutating func beginList(_ key: String, isEmpty: Bool, help: String) {
        self.help(help)
        keyLine(key, isEmpty ? " []" : "")
        indent += 2
    }

    mutating func beginListItem() {
        out.spaces(indent)
        out += "- "
        pendingDash = true
        indent += 2
    }

    mutating func endListItem() { indent -= 2 }
    mutating func endList(isEmpty: Bool) { indent -= 2 }
}

extension AnswersFile {
    /// The line of every key and list item in an answers file, by field path, for diagnostics.
    public static func lineIndex(_ text: String) -> [FieldPath: Int] {
        guard let root = try? YAMLDocument.parse(text) else { return [:] }
        var index: [FieldPath: Int] = [:]
        func walk(_ node: YAMLNode, _ path: FieldPath) {
            switch node.content {
            case let .mapping(mapping):
                for (key, value) in mapping {
                    guard case let .scalar(name, _) = key.content else { continue }
                    let child = path.appending(name)
                    index[child] = key.line
                    walk(value, child)
                }
            case let .sequence(sequence):
                for (i, item) in sequence.enumerated() {
                    let child = path.index(i)
                    index[child] = item.line
                    walk(item, child)
                }
            case .scalar: break
            }
        }
        walk(root, FieldPath())
        return index
    }

    /// The line for a diagnostic's path: the field itself, or the nearest enclosing field that is written.
    public static func line(for path: FieldPath, in index: [FieldPath: Int]) -> Int? {
        var components = path.components
        while !components.isEmpty {
            if let line = index[FieldPath(components)] { return line }
            components.removeLast()
        }
        return nil
    }
}
