import CYAML

// The answers file's YAML, read with Debian's libyaml event by event into the small tree `AnswersNode` walks:
// scalars (and whether they were plain: `null`, `~` and an empty value mean "unset" only when unquoted),
// sequences and mappings, each node with its line. No Foundation, unlike Yams (docs/architecture.md).

/// One YAML node and the line (1-based) where it starts.
struct YAMLNode {
    enum Content {
        case scalar(String, isPlain: Bool)
        case sequence([YAMLNode])
        case mapping([(key: YAMLNode, value: YAMLNode)])
    }
    let content: Content
    let line: Int
}

enum YAMLDocument {
    /// Deeper than any answers file (five levels) by far, shallow enough that the recursive composer cannot
    /// exhaust the stack on a hostile file of `[[[[…`.
    static let maximumDepth = 64

    /// The single document in `text`, or nil for an empty stream. Tags are ignored (every value is read as text
    /// by its field); anchors are allowed but aliases are refused: an answers file has no use for them, and a
    /// few lines of aliases can expand to billions of nodes. Duplicate keys are refused at the second one.
    static func parse(_ text: String) throws(AnswersError) -> YAMLNode? {
        var text = text
        return try text.withUTF8 { bytes in Result { () throws(AnswersError) -> YAMLNode? in
            let events = EventReader(bytes)
            defer { events.close() }
            _ = try events.next()  // STREAM-START
            let first = try events.next()
            if first.type == YAML_STREAM_END_EVENT { return nil }
            let root = try compose(try events.next(), events, depth: 0)
            _ = try events.next()  // DOCUMENT-END
            let after = try events.next()
            if after.type != YAML_STREAM_END_EVENT {
                throw invalid("but found another document", line: after.line)
            }
            return root
        } }.get()
    }

    private static func invalid(_ problem: String, line: Int?) -> AnswersError {
        AnswersError(path: FieldPath(), line: line, message: "not valid YAML: \(problem)")
    }

    private static func compose(_ event: Event, _ events: EventReader, depth: Int) throws(AnswersError) -> YAMLNode {
        guard depth < maximumDepth else { throw invalid("nested more than \(maximumDepth) levels deep", line: event.line) }
        switch event.type {
        case YAML_SCALAR_EVENT:
            return YAMLNode(content: .scalar(event.scalarValue, isPlain: event.isPlainScalar), line: event.line)
        case YAML_SEQUENCE_START_EVENT:
            var items: [YAMLNode] = []
            while true {
                let next = try events.next()
                if next.type == YAML_SEQUENCE_END_EVENT { break }
                items.append(try compose(next, events, depth: depth + 1))
            }
            return YAMLNode(content: .sequence(items), line: event.line)
        case YAML_MAPPING_START_EVENT:
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            var keys = Set<String>()
            while true {
                let next = try events.next()
                if next.type == YAML_MAPPING_END_EVENT { break }
                let key = try compose(next, events, depth: depth + 1)
                if case let .scalar(name, _) = key.content, !keys.insert(name).inserted {
                    throw AnswersError(path: FieldPath(), line: key.line, message: "duplicate key \(quoted(name))")
                }
                pairs.append((key, try compose(try events.next(), events, depth: depth + 1)))
            }
            return YAMLNode(content: .mapping(pairs), line: event.line)
        case YAML_ALIAS_EVENT:
            throw AnswersError(path: FieldPath(), line: event.line,
                               message: "an alias (*\(event.aliasName)) is not read in an answers file; write the value itself")
        default:
            throw invalid("unexpected event \(event.type.rawValue)", line: event.line)
        }
    }

    /// What the composer needs of one libyaml event, copied out so the event can be freed at once.
    struct Event {
        let type: yaml_event_type_t
        let line: Int
        var scalarValue = ""
        var isPlainScalar = false
        var aliasName = ""
    }

    /// libyaml's parser over UTF-8 bytes that outlive it.
    struct EventReader {
        /// On the heap, never moved: libyaml keeps a pointer to the parser inside it (its string reader's data).
        private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            parser.initialize(to: yaml_parser_t())
            yaml_parser_initialize(parser)
            // As Yams did: UTF-8 always (a BOM at the start is skipped by the scanner, not taken as an encoding).
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
        }

        func close() {
            yaml_parser_delete(parser)
            parser.deallocate()
        }

        func next() throws(AnswersError) -> Event {
            var event = yaml_event_t()
            guard yaml_parser_parse(parser, &event) == 1 else { throw error() }
            defer { yaml_event_delete(&event) }
            var copied = Event(type: event.type, line: Int(event.start_mark.line) + 1)
            switch event.type {
            case YAML_SCALAR_EVENT:
                // A scalar may hold NUL (`"\0"`): read by length, not as a C string.
                copied.scalarValue = String(decoding: UnsafeBufferPointer(start: event.data.scalar.value, count: event.data.scalar.length),
                                            as: UTF8.self)
                copied.isPlainScalar = event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE
            case YAML_ALIAS_EVENT:
                copied.aliasName = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            default: break
            }
            return copied
        }

        /// libyaml's own problem text and line; reader errors (bad UTF-8, control characters) have no line.
        private func error() -> AnswersError {
            let problem = parser.pointee.problem.map { String(cString: $0) } ?? "out of memory"
            let error = parser.pointee.error
            let line: Int? = error == YAML_READER_ERROR || error == YAML_MEMORY_ERROR ? nil : Int(parser.pointee.problem_mark.line) + 1
            return invalid(problem, line: line)
        }
    }
}
