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
        let pad = String(repeating: "  ", count: indent)
        var out = ""
        var i = 0
        while i < items.count {
            switch items[i] {
            case let .comment(text):
                out += pad + text + "\n"
                i += 1
            case let .block(header, body):
                out += pad + header + (body.items.isEmpty ? " {}\n" : " {\n" + body.render(indent: indent + 1) + pad + "}\n")
                i += 1
            case .attribute:
                // A run of single-line attributes; a multi-line one stands alone (as terraform fmt does).
                var run: [(String, String)] = []
                while i < items.count, case let .attribute(name, value) = items[i] {
                    if value.contains("\n") && !run.isEmpty { break }
                    run.append((name, value))
                    i += 1
                    if value.contains("\n") { break }
                }
                let width = run.map(\.0.count).max() ?? 0
                for (name, value) in run {
                    out += pad + name + String(repeating: " ", count: width - name.count) + " = " + value + "\n"
                }
            }
        }
        return out
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

    public var text: String {
        blocks.map { block in
            block.comment.map { "# \($0)\n" }.joined() + block.header
                + (block.body.items.isEmpty ? " {}\n" : " {\n" + block.body.render(indent: 1) + "}\n")
        }.joined(separator: "\n")
    }
}
