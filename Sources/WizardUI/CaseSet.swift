/// A set of an enum's cases as bits of one word, in `allCases` order. For the small sets the model keeps (a key
/// binding's modes, the steps visited): a `Set` of them needed its generic metadata and the enum's `Hashable`
/// conformance looked up at the first frame (0.2 M instructions each), and hashed on every key.
struct CaseSet<Element: CaseIterable & Equatable>: Equatable, Sendable, ExpressibleByArrayLiteral {
    private var bits: UInt64 = 0

    init() {}

    init(_ elements: some Sequence<Element>) {
        for element in elements { insert(element) }
    }

    init(arrayLiteral elements: Element...) { self.init(elements) }

    static var all: CaseSet { CaseSet(Element.allCases) }

    private static func bit(_ element: Element) -> UInt64 {
        let index = Element.allCases.firstIndex(of: element)!
        let offset = Element.allCases.distance(from: Element.allCases.startIndex, to: index)
        precondition(offset < 64, "CaseSet holds at most 64 cases")
        return 1 << UInt64(offset)
    }

    func contains(_ element: Element) -> Bool { bits & Self.bit(element) != 0 }

    mutating func insert(_ element: Element) { bits |= Self.bit(element) }

    /// The members in `allCases` order.
    var members: [Element] { Element.allCases.filter(contains) }
}
