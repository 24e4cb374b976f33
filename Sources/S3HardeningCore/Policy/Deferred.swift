/// A value worked out when it is read, again on every read: for values a caller may never need (one access point
/// policy per data role, when a keystroke shows one file). A caller that reads one many times builds it first
/// (`Deferred(value:)`, `PolicySet.built()`).
public struct Deferred<Value: Sendable>: Sendable {
    private let make: @Sendable () -> Value

    public init(_ make: @escaping @Sendable () -> Value) { self.make = make }
    public init(value: Value) { make = { value } }

    public var value: Value { make() }
}
