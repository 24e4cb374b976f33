import Foundation
import Testing
@testable import S3HardeningCore

/// The standard-library JSON reader that replaced JSONSerialization in the simulator, the audit, the journal and
/// the manifest: the same values for every policy this tool writes, and nothing for what is not JSON.
@Suite struct JSONValueTests {
    /// JSONSerialization's result in the same shape (its numbers by `stringValue`).
    static func foundation(_ any: Any) -> JSONValue {
        switch any {
        case let s as String: return .string(s)
        case let list as [Any]: return .array(list.map(foundation))
        case let dict as [String: Any]: return .object(dict.mapValues(foundation))
        case is NSNull: return .null
        case let n as NSNumber: return .number(n.stringValue)
        default: return .string("\(any)")
        }
    }

    @Test(arguments: Preset.all.map(\.name))
    func everyWrittenPolicyReadsAsJSONSerializationReadsIt(_ name: String) throws {
        let plan = Preset.named(name)!.plan
        for file in plan.artifacts().files where file.path.hasSuffix(".json") {
            let expected = Self.foundation(try JSONSerialization.jsonObject(with: Data(file.contents.utf8)))
            #expect(JSONValue.parse(file.contents) == expected, "\(file.path)")
        }
    }

    @Test func scalarsEscapesAndNumbers() {
        let text = #"  {"a": [1, 1.5, -0, 1e3, 2.5E-1, true, false, null], "s": "x\u00e9\ud83d\ude00\n\"\\\/\t", "o": {}, "l": []} "#
        #expect(JSONValue.parse(text) == .object([
            "a": .array([.number("1"), .number("1.5"), .number("0"), .number("1000"), .number("0.25"), .bool(true), .bool(false), .null]),
            "s": .string("xé😀\n\"\\/\t"), "o": .object([:]), "l": .array([]),
        ]))
        #expect(JSONValue.parse(#"{"slot": 3}"#)?["slot"]?.int == 3)
        #expect(JSONValue.parse(#"{"slot": 3.5}"#)?["slot"]?.int == nil)
        #expect(JSONValue.parse(#"{"a": 1, "a": 2}"#)?["a"] == .number("2"), "the last of duplicate keys, like most readers")
    }

    @Test(arguments: ["", " ", "{", "[1,]", #"{"a":1,}"#, "01", "1.", "-", "1e", ".5", #""\x""#, "\"\u{01}\"", "[1] x",
                      #""\ud800""#, #""\udc00""#, "tru", "nul", "[\"a\" \"b\"]", #"{"a" 1}"#, #"{1: 2}"#, "\"abc"])
    func notJSONIsNil(_ text: String) {
        #expect(JSONValue.parse(text) == nil)
    }

    @Test func invalidUTF8AndDeepNestingAreNil() {
        #expect(JSONValue.parse([0x22, 0xFF, 0x22]) == nil)
        #expect(JSONValue.parse(String(repeating: "[", count: 600) + String(repeating: "]", count: 600)) == nil)
        #expect(JSONValue.parse(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)) != nil)
    }
}
