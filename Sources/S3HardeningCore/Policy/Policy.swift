// One policy model, two renderers. A value is literal text, a symbolic reference, or a mix; the
// Terraform renderer prints references as expressions, the JSON renderer as known literals or
// clearly marked placeholders. Both print the same tree, so the two outputs cannot disagree.

/// Something Terraform knows (perhaps only after apply) that the JSON may not.
public enum Ref: Hashable, Sendable {
    case partition, region, accountId
    /// amazonaws.com, or amazonaws.com.cn in China, for regional service endpoints.
    case dnsSuffix
    case bucketName, bucketArn
    case keyArn
    /// The key id part of a new key's ARN (unknown before apply).
    case keyId, supportKeyId
    case endpointId, vpcId
    case roleArn(String)
    /// The access point of a data role (by its logical name), access-points mode.
    case accessPointArn(String)
    /// List-valued: the key administrators and the deployers as answered.
    case keyAdminArns, deployerArns
    case logBucketName, logBucketArn
    case supportKeyArn
    case organizationId
    case functionLogGroupArn, deadLetterQueueArn
    case replicationRoleArn, replicationBucketArn, replicationKeyArn, replicationRegion
    case macieRoleArn
    /// The audit trail, the bucket its logs go to, and the alarm rule and topic.
    case trailArn, trailBucketName, trailBucketArn, alarmRuleArn, alarmTopicArn

    public var isList: Bool { self == .keyAdminArns || self == .deployerArns }
}

/// Text made of literal pieces and references, e.g. `${bucket ARN}/*`.
public struct Text: Hashable, Sendable, ExpressibleByStringInterpolation {
    public enum Part: Hashable, Sendable {
        case literal(String)
        case ref(Ref)
    }
    public var parts: [Part]

    public init(parts: [Part]) { self.parts = parts }
    public init(stringLiteral value: String) { parts = [.literal(value)] }
    public init(_ ref: Ref) { parts = [.ref(ref)] }

    public struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []
        public init(literalCapacity: Int, interpolationCount: Int) {}
        /// Adjacent literals are merged, so equal texts have equal parts.
        public mutating func appendLiteral(_ literal: String) {
            guard !literal.isEmpty else { return }
            if case let .literal(previous)? = parts.last { parts[parts.count - 1] = .literal(previous + literal) }
            else { parts.append(.literal(literal)) }
        }
        public mutating func appendInterpolation(_ ref: Ref) { parts.append(.ref(ref)) }
        public mutating func appendInterpolation(_ text: String) { appendLiteral(text) }
    }
    public init(stringInterpolation: StringInterpolation) { parts = stringInterpolation.parts }

    /// This text followed by a literal (merged into a trailing literal, so equal texts keep equal parts).
    public func appending(_ literal: String) -> Text {
        var copy = self
        if case let .literal(previous)? = copy.parts.last { copy.parts[copy.parts.count - 1] = .literal(previous + literal) }
        else { copy.parts.append(.literal(literal)) }
        return copy
    }

    /// The literal value when the text has no reference.
    public var literal: String? {
        var out = ""
        for part in parts {
            guard case let .literal(s) = part else { return nil }
            out += s
        }
        return out
    }
}

/// An element of a list in a policy: one text, or every item of a list-valued reference.
public enum Element: Hashable, Sendable {
    case text(Text)
    case all(Ref)
}

extension Element: ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { self = .text(Text(stringLiteral: value)) }
    public init(stringInterpolation: Text.StringInterpolation) { self = .text(Text(stringInterpolation: stringInterpolation)) }
    public static func ref(_ ref: Ref) -> Element { ref.isList ? .all(ref) : .text(Text(ref)) }
}

public enum Effect: String, Sendable { case allow = "Allow", deny = "Deny" }

public enum Principal: Hashable, Sendable {
    /// `"*"`: anyone, narrowed by conditions.
    case anyone
    case aws([Element])
    case service([String])
}

public struct Condition: Hashable, Sendable {
    public var op: String
    public var key: String
    public var values: [Element]

    public init(_ op: String, _ key: String, _ values: [Element]) {
        self.op = op; self.key = key; self.values = values
    }
}

public struct Statement: Hashable, Sendable {
    public var sid: String
    public var effect: Effect
    public var principal: Principal?
    public var actions: [String] = []
    public var notActions: [String] = []
    public var resources: [Element] = []
    public var notResources: [Element] = []
    public var conditions: [Condition] = []
    /// The control (catalogue id) this statement implements; not rendered.
    public var control: ControlID

    public init(_ control: ControlID, sid: String, effect: Effect, principal: Principal? = nil, actions: [String] = [],
                notActions: [String] = [], resources: [Element] = [], notResources: [Element] = [],
                conditions: [Condition] = []) {
        self.control = control; self.sid = sid; self.effect = effect; self.principal = principal; self.actions = actions
        self.notActions = notActions; self.resources = resources; self.notResources = notResources
        self.conditions = conditions
    }
}

public struct PolicyDocument: Hashable, Sendable {
    public let statements: [Statement]
    /// The tree both printers read, built when printed: a keystroke builds every policy but prints one.
    public var tree: Tree { Self.tree(statements) }

    public init(_ statements: [Statement]) {
        self.statements = statements
    }
}

// MARK: - The shared tree both renderers print

/// A JSON-shaped value whose strings may hold references. Key order is the order given.
public indirect enum Tree: Hashable, Sendable {
    case string(Text)
    case bool(Bool)
    case number(Int)
    case array([Tree])
    /// Inside an array: every item of a list-valued reference.
    case splice(Ref)
    case object([Pair])

    public struct Pair: Hashable, Sendable {
        public let key: String
        public let value: Tree
        public init(_ key: String, _ value: Tree) { self.key = key; self.value = value }
    }
}

extension PolicyDocument {
    /// Normalised: fixed key order (Version, Statement; Sid, Effect, Principal, Action, Resource, Condition),
    /// conditions grouped by operator in first-seen order, single items as scalars.
    static func tree(_ statements: [Statement]) -> Tree {
        .object([
            .init("Version", .string("2012-10-17")),
            .init("Statement", .array(statements.map(\.tree))),
        ])
    }
}

extension Statement {
    var tree: Tree {
        var pairs: [Tree.Pair] = [.init("Sid", .string(Text(stringLiteral: sid))), .init("Effect", .string(Text(stringLiteral: effect.rawValue)))]
        switch principal {
        case .none: break
        case .anyone?: pairs.append(.init("Principal", .string("*")))
        case let .aws(elements)?: pairs.append(.init("Principal", .object([.init("AWS", Self.list(elements))])))
        case let .service(names)?: pairs.append(.init("Principal", .object([.init("Service", Self.list(names.map { .text(Text(stringLiteral: $0)) }))])))
        }
        if !actions.isEmpty { pairs.append(.init("Action", Self.list(actions.map { .text(Text(stringLiteral: $0)) }))) }
        if !notActions.isEmpty { pairs.append(.init("NotAction", Self.list(notActions.map { .text(Text(stringLiteral: $0)) }))) }
        if !resources.isEmpty { pairs.append(.init("Resource", Self.list(resources))) }
        if !notResources.isEmpty { pairs.append(.init("NotResource", Self.list(notResources))) }
        if !conditions.isEmpty {
            var operators: [String] = []
            var byOperator: [String: [Tree.Pair]] = [:]
            for condition in conditions {
                if byOperator[condition.op] == nil { operators.append(condition.op) }
                byOperator[condition.op, default: []].append(.init(condition.key, Self.list(condition.values)))
            }
            pairs.append(.init("Condition", .object(operators.map { .init($0, .object(byOperator[$0]!)) })))
        }
        return .object(pairs)
    }

    /// One plain item is written as a scalar (as AWS and CDK do); anything else as a list.
    static func list(_ elements: [Element]) -> Tree {
        if elements.count == 1, case let .text(text) = elements[0] { return .string(text) }
        return .array(elements.map {
            switch $0 {
            case let .text(text): return .string(text)
            case let .all(ref): return .splice(ref)
            }
        })
    }
}
