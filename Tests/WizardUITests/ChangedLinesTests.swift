import Testing
import TestSupport
@testable import S3HardeningCore
@testable import WizardUI

// The keystroke's fast paths (issue 11) against the slow code they stand for: each must give exactly what the
// reference gives, on many seeded random inputs and on the real generated files.

/// The reference for the preview's marks: the standard library's Myers over the whole files, lines compared by
/// their UTF-8 bytes; the lines it inserts are the marked ones.
private func referenceMarks(_ old: String, _ new: String) -> Set<Int> {
    let a = old.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Array($0) }
    let b = new.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Array($0) }
    var marked = Set<Int>()
    for change in b.difference(from: a) {
        if case let .insert(offset, _, _) = change { marked.insert(offset) }
    }
    return marked
}

/// Lines that repeat (braces, blank lines, the same attribute twice), so edits often produce a line the file
/// already has: the case where changing a line in place is not the only minimal diff.
private let commonLines = ["}", "{", "", "  }", "  name = \"svc\"", "  name = \"svcx\"", "resource \"aws_kms_key\" \"this\" {",
                           "é", "e\u{301}", "  # — a comment", "\t", " "]

private func randomLine(_ random: inout SplitMix64) -> String {
    if Int.random(in: 0..<3, using: &random) > 0 { return commonLines.randomElement(using: &random)! }
    let letters = Array("abcxyz =\"{}-_./é…")
    return String((0..<Int.random(in: 0...12, using: &random)).map { _ in letters.randomElement(using: &random)! })
}

/// One random edit, most of them like a keystroke's (lines changed where they stand), some moving lines.
private func edit(_ lines: inout [String], _ random: inout SplitMix64) {
    let position = Int.random(in: 0...lines.count, using: &random)
    switch Int.random(in: 0..<10, using: &random) {
    case 0..<5 where position < lines.count:
        // In place: a new text, or a character added to or removed from the old one.
        switch Int.random(in: 0..<3, using: &random) {
        case 0: lines[position] = randomLine(&random)
        case 1: lines[position] += "x"
        default: if !lines[position].isEmpty { lines[position].removeLast() }
        }
    case 5, 6: lines.insert(randomLine(&random), at: position)
    case 7 where position < lines.count: lines.remove(at: position)
    case 8 where position + 1 < lines.count: lines.swapAt(position, position + 1)
    case 9 where position < lines.count: lines.insert(lines[position], at: position)
    default: lines.append(randomLine(&random))
    }
}

@Suite struct ChangedLinesTests {
    /// Random files and edits: in-place changes (the linear path), insertions, removals, swaps, repeated lines
    /// (Myers), all giving the reference's marks.
    @Test func randomEditsMarkWhatTheStandardLibraryDiffInserts() {
        var random = SplitMix64(seed: 20_261_211)
        for round in 0..<3_000 {
            var lines = (0..<Int.random(in: 0...40, using: &random)).map { _ in randomLine(&random) }
            let old = lines.joined(separator: "\n") + (round % 3 == 0 ? "\n" : "")
            for _ in 0..<Int.random(in: 1...(round % 4 == 0 ? 12 : 3), using: &random) { edit(&lines, &random) }
            let new = lines.joined(separator: "\n") + (round % 5 == 0 ? "\n" : "")
            #expect(ChangedLines.between(old, new) == referenceMarks(old, new), "round \(round):\n\(old)\n---\n\(new)")
        }
    }

    /// Equal line counts where a changed line's new text is another old line: in place would mark it, Myers
    /// may keep it; the marks must be Myers's.
    @Test func aChangedLineThatRepeatsAnOldLineIsLeftToMyers() {
        for (old, new) in [("a\nb\nc", "b\nc\nd"), ("a\nb", "b\na"), ("x\ny\nz\n}", "x\n}\nz\n}"), ("}\na\n}", "}\n}\n}")] {
            #expect(ChangedLines.between(old, new) == referenceMarks(old, new), "\(old) -> \(new)")
        }
    }

    /// The real files: each generated file of every preset, before and after typing in the service name (the
    /// keystroke the benchmark measures), renaming the environment, and adding a data role.
    @Test func generatedFilesAfterEditsMarkWhatTheStandardLibraryDiffInserts() {
        for preset in Preset.all {
            let plan = preset.plan
            var typed = plan, renamed = plan, grown = plan
            typed.basics.service += "x"
            renamed.basics.environment = "staging"
            if let role = grown.dataAccess.roles.first {
                var extra = role
                extra.name = "extra"
                grown.dataAccess.roles.append(extra)
            }
            let before = Dictionary(uniqueKeysWithValues: plan.artifacts().files.map { ($0.path, $0.contents) })
            for changed in [typed, renamed, grown] {
                for file in changed.artifacts().files {
                    let old = before[file.path] ?? ""
                    #expect(ChangedLines.between(old, file.contents) == referenceMarks(old, file.contents), "\(preset.name): \(file.path)")
                }
            }
        }
    }

    /// The split the preview keeps: the same lines as splitting the bytes on newlines (CR LF, non-ASCII and
    /// empty lines included).
    @Test func textLinesAreTheTextSplitOnNewlineBytes() {
        var random = SplitMix64(seed: 7)
        let pieces = ["a", "\n", "\r\n", "é", "e\u{301}", "👨‍👩‍👧", "", " ", "\n\n"]
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let lines = TextLines(text)
            let expected = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Array($0) }
            #expect((0..<lines.count).map { Array(lines[$0].utf8) } == expected, "\(text.debugDescription)")
            #expect(TextLines.split(text).map { Array($0.utf8) } == expected)
        }
    }
}

@Suite struct TextFastPathTests {
    private static func randomText(_ random: inout SplitMix64, _ alphabet: [String]) -> String {
        (0..<Int.random(in: 0...40, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined()
    }

    /// Wrapping, cutting and eliding ASCII text by bytes gives what grapheme breaking gives.
    @Test func oneColumnPerByteTextIsCutAsByCharacter() {
        var random = SplitMix64(seed: 11)
        let alphabet = ["a", "b", "longword", " ", " ", "  ", "\n", "-", "/", ":", "\t", "\u{7}"]
        for _ in 0..<2_000 {
            let text = Self.randomText(&random, alphabet)
            #expect(Wrap.isOneColumnPerByte(text))
            let width = Int.random(in: 1...24, using: &random), columns = Int.random(in: -2...45, using: &random)
            #expect(Wrap.linesOfOneColumnPerByte(text, width: width) == Wrap.linesByCharacter(text, width: width), "\(text.debugDescription) at \(width)")
            #expect(Wrap.prefix(text, columns: columns) == Wrap.prefixByCharacter(text, columns: columns))
            #expect(Wrap.suffix(text, columns: columns) == Wrap.suffixByCharacter(text, columns: columns))
        }
    }

    /// Text with a carriage return or anything beyond ASCII is not cut by bytes (CR LF is one character).
    @Test func carriageReturnsAndNonASCIITakeTheCharacterPath() {
        for text in ["a\r\nb", "\r", "é", "e\u{301}", "a…b", "漢字"] { #expect(!Wrap.isOneColumnPerByte(text)) }
        #expect(Wrap.lines("ab\r\ncd ef", width: 3) == Wrap.linesByCharacter("ab\r\ncd ef", width: 3))
        #expect(Wrap.prefix("ab\r\ncd", columns: 3) == "ab", "CR LF is one character of two columns: it does not fit")
    }

    /// Every ASCII byte is drawn as itself, control bytes as `?`, one column each (the table `put` reads).
    @Test func asciiIsDrawnByteForByte() {
        let text = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        var screen = ScreenBuffer(Size(width: 130, height: 1))
        #expect(screen.put(text, x: 0, y: 0, style: .accent) == 128)
        for byte in 0..<128 {
            let expected: Character = byte < 0x20 || byte == 0x7F ? "?" : Character(Unicode.Scalar(UInt8(byte)))
            #expect(screen[byte, 0] == Cell(expected, .accent), "byte \(byte)")
            #expect(Cell.printable(Character(Unicode.Scalar(UInt8(byte)))) == expected)
        }
        var substring = ScreenBuffer(Size(width: 10, height: 1))
        substring.put("xxabc\u{1}"[...].dropFirst(2), x: 1, y: 0)
        #expect(substring.text == " abc?")
    }

    /// The backend's row comparison reads cells in place: it must agree with comparing the rows' cells, also for
    /// equal characters held in different storage (a cluster longer than a small string).
    @Test func sameRowAgreesWithComparingTheCells() {
        func family() -> Character {
            var text = ""
            text.unicodeScalars.append(contentsOf: "👨‍👩‍👧‍👦".unicodeScalars)  // fresh storage each time
            return Character(text)
        }
        var random = SplitMix64(seed: 3)
        let characters: [() -> Character] = [{ " " }, { "a" }, { "─" }, { "漢" }, family]
        for _ in 0..<300 {
            let size = Size(width: Int.random(in: 1...9, using: &random), height: 3)
            var a = ScreenBuffer(size), b = ScreenBuffer(size)
            for y in 0..<size.height {
                for x in 0..<size.width {
                    let cell = Cell(characters.randomElement(using: &random)!(), Bool.random(using: &random) ? .normal : .focus)
                    a[x, y] = cell
                    b[x, y] = Int.random(in: 0..<8, using: &random) == 0
                        ? Cell(characters.randomElement(using: &random)!(), .normal)
                        : Cell(cell.character == family() ? family() : cell.character, cell.style)
                }
            }
            for y in 0..<size.height { #expect(a.sameRow(y, as: b) == (a.row(y) == b.row(y))) }
        }
        var a = ScreenBuffer(Size(width: 2, height: 1)), b = a
        a[0, 0] = Cell(family())
        b[0, 0] = Cell(family())
        #expect(a.sameRow(0, as: b), "equal clusters in different storage are the same cell")
        b[1, 0] = .wideTail(.normal)
        #expect(!a.sameRow(0, as: b))
        #expect(!a.sameRow(0, as: ScreenBuffer(Size(width: 3, height: 1))), "rows of different widths differ")
    }
}
