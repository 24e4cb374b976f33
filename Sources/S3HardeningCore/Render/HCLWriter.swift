// A tiny HCL document model printed in `terraform fmt` style: two-space indent, `=` aligned across
// consecutive single-line attributes, one blank line between top-level blocks, trailing newline.

public struct HCLBody {
    enum Item {
        case attribute(String, String)
        case block(String, HCLBody)
        case comment(String)
    }
    var items: [Item] = []

    public init() {}

    public mutating func attr(_ name: String, _ expression: String) { items.append(.attribute(name, expression)) }
    public mutating func string(_ name: String, _ value: String) { attr(name, "\"\(HCLRenderer.escape(value))\"") }
    public mutating func comment(_ text: String) { items.append(.comment(text)) }
    public mutating func block(_ header: String, _ build: (inout HCLBody) -> Void) {
        var body = HCLBody()
        build(&body)
        items.append(.block(header, body))
    }

    func render(indent: Int) -> String {
        var out = TextBuffer()
        write(indent: indent, into: &out)
        return out.string
    }

    func write(indent: Int, into out: inout TextBuffer) {
        var i = 0
        while i < items.count {
            switch items[i] {
            case let .comment(text):
                out.spaces(2 * indent)
                out += text
                out.append(byte: 0x0A)
                i += 1
            case let .block(header, body):
                out.spaces(2 * indent)
                out += header
                if body.items.isEmpty { out += " {}\n" } else {
                    out += " {\n"
                    body.write(indent: indent + 1, into: &out)
                    out.spaces(2 * indent)
                    out += "}\n"
                }
                i += 1
            case .attribute:
                // A run of single-line attributes; a multi-line one stands alone (as terraform fmt does).
                var run: [(String, String)] = []
                while i < items.count, case let .attribute(name, value) = items[i] {
                    let multiLine = value.utf8.contains(0x0A)
                    if multiLine && !run.isEmpty { break }
                    run.append((name, value))
                    i += 1
                    if multiLine { break }
                }
                let width = run.map(\.0.utf8.count).max() ?? 0
                for (name, value) in run {
                    out.spaces(2 * indent)
                    out += name
                    out.spaces(width - name.utf8.count)
                    out += " = "
                    out += value
                    out.append(byte: 0x0A)
                }
            }
        }
    }
}

/// A Terraform file: top-level blocks separated by one blank line.
public struct HCLFile {
    var blocks: [(header: String, body: HCLBody, comment: [String])] = []

    public init() {}

    public mutating func block(_ header: String, comment: [String] = [], _ build: (inout HCLBody) -> Void) {
        var body = HCLBody()
        build(&body)
        blocks.append((header, body, comment))
    }

    /// The resources declared in this file, in order (adoption and the tests read them).
    public private(set) var resources: [ResourceAddress] = []

    public mutating func resource(_ address: ResourceAddress, comment: [String] = [], _ build: (inout HCLBody) -> Void) {
        resources.append(address)
        block(address.header, comment: comment, build)
    }

    public var text: String {
        var out = TextBuffer(capacity: 8_192)
        for (i, block) in blocks.enumerated() {
            if i > 0 { out.append(byte: 0x0A) }
            for line in block.comment { out += "# "; out += line; out.append(byte: 0x0A) }
            out += block.header
            if block.body.items.isEmpty { out += " {}\n" } else {
                out += " {\n"
                block.body.write(indent: 1, into: &out)
                out += "}\n"
            }
        }
        return out.string
    }
}
