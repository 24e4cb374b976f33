// The events one read of the terminal produced, taken in order. Constant time per event (a paste of
// 100,000 keys must not cost 100,000² moves), and nothing is dropped however long the batch is.

public struct EventQueue {
    private var events: [Event] = []
    private var head = 0

    public init() {}

    public var isEmpty: Bool { head == events.count }

    public mutating func append(_ event: Event) {
        if head == events.count {
            events.removeAll(keepingCapacity: true)
            head = 0
        }
        events.append(event)
    }

    /// The next event. When the model takes text (`joiningText`), a run of typed characters comes out as
    /// one `.paste`: what a terminal without bracketed paste sends for a paste is then inserted in one
    /// step, as typing each character would (characters never leave a field; line breaks arrive as Enter).
    public mutating func next(joiningText: Bool) -> Event? {
        guard head < events.count else { return nil }
        let first = events[head]
        head += 1
        guard joiningText, case let .key(.character(c)) = first, head < events.count,
              case .key(.character) = events[head] else { return first }
        var text = String(c)
        while head < events.count, case let .key(.character(more)) = events[head] {
            text.append(more)
            head += 1
        }
        return .paste(text)
    }
}
