import S3HardeningCore

// The screen as data: a grid of cells, each a character with a style role. The model's `view` fills one;
// the terminal backend is the only code that turns it into ncurses calls, and tests read it as text.

/// What a cell means, not what colour it is: a theme maps each role to colours and attributes.
public enum Style: String, CaseIterable, Sendable {
    case normal, dim, border, title, heading
    case focus          // the focused row
    case editing        // a text field being edited
    case error, warning, ok, accent
    case added          // preview lines the last change added or changed
    case helpBar, helpKey
    case stateOn, stateOff, stateWeakened
}

public struct Cell: Equatable, Sendable {
    public var character: Character
    public var style: Style
    /// The right half of a two-column character in the cell to its left: drawn by that cell, skipped itself.
    public var isWideTail = false
    public init(_ character: Character = " ", _ style: Style = .normal) {
        self.character = character
        self.style = style
    }

    /// The cheap parts first: most unequal cells differ in style or are equal (the backend's row comparison).
    public static func == (a: Cell, b: Cell) -> Bool {
        a.style == b.style && a.isWideTail == b.isWideTail && a.character == b.character
    }

    /// Whether two cells are equal by their stored bits: the same style, tail flag and character representation
    /// (the same bits are the same character; different bits may still be equal, so false means "compare them").
    /// Read in place, without retaining the characters: the backend compares every cell of every frame.
    static func sameBits(_ a: UnsafePointer<Cell>, _ b: UnsafePointer<Cell>, characterOffset: Int) -> Bool {
        guard a.pointee.style == b.pointee.style, a.pointee.isWideTail == b.pointee.isWideTail else { return false }
        let x = UnsafeRawPointer(a) + characterOffset, y = UnsafeRawPointer(b) + characterOffset
        let size = MemoryLayout<Character>.size
        var offset = 0
        while offset + 8 <= size {
            guard x.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == y.loadUnaligned(fromByteOffset: offset, as: UInt64.self) else { return false }
            offset += 8
        }
        while offset < size {
            guard x.load(fromByteOffset: offset, as: UInt8.self) == y.load(fromByteOffset: offset, as: UInt8.self) else { return false }
            offset += 1
        }
        return true
    }

    static let characterOffset = MemoryLayout<Cell>.offset(of: \Cell.character)!

    static func wideTail(_ style: Style) -> Cell {
        var cell = Cell(" ", style)
        cell.isWideTail = true
        return cell
    }
}

public struct Size: Equatable, Hashable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// A width × height grid of cells plus where the cursor goes (nil: hidden).
public struct ScreenBuffer: Equatable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]
    public var cursor: (x: Int, y: Int)? = nil

    public init(_ size: Size) {
        self.size = Size(width: max(0, size.width), height: max(0, size.height))
        cells = Array(repeating: Cell(), count: self.size.width * self.size.height)
    }

    public static func == (a: ScreenBuffer, b: ScreenBuffer) -> Bool {
        a.size == b.size && a.cells == b.cells && a.cursor?.x == b.cursor?.x && a.cursor?.y == b.cursor?.y
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set {
            guard x >= 0, y >= 0, x < size.width, y < size.height else { return }
            cells[y * size.width + x] = newValue
        }
    }

    /// The cells of row `y`.
    public func row(_ y: Int) -> ArraySlice<Cell> { cells[(y * size.width)..<((y + 1) * size.width)] }

    /// Whether row `y` of both buffers holds the same cells (`row(y) == other.row(y)`, without copying each
    /// cell out): the backend redraws only the rows where it does not.
    public func sameRow(_ y: Int, as other: ScreenBuffer) -> Bool {
        guard size.width == other.size.width else { return false }
        precondition(y >= 0 && y < size.height && y < other.size.height, "row \(y) is outside the buffer")
        let start = y * size.width, end = start + size.width
        return cells.withUnsafeBufferPointer { a in
            other.cells.withUnsafeBufferPointer { b in
                guard let first = a.baseAddress, let second = b.baseAddress else { return true }
                let characterOffset = Cell.characterOffset
                for index in start..<end where !Cell.sameBits(first + index, second + index, characterOffset: characterOffset) {
                    if a[index] != b[index] { return false }
                }
                return true
            }
        }
    }

    /// Every ASCII byte as the character `put` shows for it: control characters become `?`.
    private static let asciiCharacters: [Character] = (0..<128).map { byte in
        byte < 0x20 || byte == 0x7F ? "?" : Character(Unicode.Scalar(UInt8(byte)))
    }

    /// Writes `text` from (x, y), clipped to `width` columns (default: to the right edge); returns the columns used.
    /// Control characters become `?` so nothing a user typed or pasted can move the terminal's cursor.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: Style = .normal, width: Int? = nil) -> Int {
        guard y >= 0, y < size.height, x < size.width else { return 0 }
        let limit = min(size.width, x + (width ?? size.width))
        var column = x
        // ASCII (nearly every cell): one byte per column, no grapheme breaking, the bytes read in place.
        let ascii = text.utf8.withContiguousStorageIfAvailable { putASCII($0, x: x, y: y, limit: limit, style: style) }
            ?? Array(text.utf8).withUnsafeBufferPointer { putASCII($0, x: x, y: y, limit: limit, style: style) }
        if let ascii { return ascii }
        for character in text {
            guard column < limit else { break }
            let printable = Cell.printable(character)
            // East Asian wide characters and emoji take two columns: the cell and a tail the backend skips.
            if Cell.isWide(printable) {
                guard column + 1 < limit else {
                    if column >= 0 { cells[y * size.width + column] = Cell(" ", style) }
                    column += 1
                    break
                }
                if column >= 0 {
                    cells[y * size.width + column] = Cell(printable, style)
                    cells[y * size.width + column + 1] = .wideTail(style)
                }
                column += 2
                continue
            }
            if column >= 0 { cells[y * size.width + column] = Cell(printable, style) }
            column += 1
        }
        return max(0, column - x)
    }

    /// `put` of ASCII bytes; nil (nothing written) when any byte is not ASCII.
    private mutating func putASCII(_ bytes: UnsafeBufferPointer<UInt8>, x: Int, y: Int, limit: Int, style: Style) -> Int? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        let characters = ScreenBuffer.asciiCharacters, rowStart = y * size.width
        var column = x
        cells.withUnsafeMutableBufferPointer { cells in
            for byte in bytes {
                guard column < limit else { break }
                if column >= 0 { cells[rowStart + column] = Cell(characters[Int(byte)], style) }
                column += 1
            }
        }
        return max(0, column - x)
    }

    /// Fills a rectangle with one character and style.
    public mutating func fill(x: Int, y: Int, width: Int, height: Int, _ cell: Cell = Cell()) {
        for row in max(0, y)..<max(max(0, y), min(size.height, y + height)) {
            for column in max(0, x)..<max(max(0, x), min(size.width, x + width)) {
                cells[row * size.width + column] = cell
            }
        }
    }

    /// Sets the style of a run of cells, keeping their characters.
    public mutating func restyle(x: Int, y: Int, width: Int, _ style: Style) {
        guard y >= 0, y < size.height else { return }
        for column in max(0, x)..<max(max(0, x), min(size.width, x + width)) { cells[y * size.width + column].style = style }
    }

    /// For terminals without UTF-8: typography from the core's texts becomes its ASCII look-alike, anything else `?`.
    public mutating func transliterateToASCII() {
        for i in cells.indices where cells[i].isWideTail {
            cells[i].isWideTail = false
            cells[i].character = "?"
        }
        for i in cells.indices where !cells[i].character.isASCII {
            cells[i].character = switch cells[i].character {
            case "…": "~"
            case "›", "▸", "→": ">"
            case "‹", "◂", "←": "<"
            case "–", "—", "─": "-"
            case "·", "•", "●": "*"
            case "×": "x"
            case "‘", "’": "'"
            case "“", "”": "\""
            case "≤": "<"
            case "≥": ">"
            default: "?"
            }
        }
    }

    /// The screen as plain text, one line per row, trailing spaces trimmed (snapshots, `--dump`).
    public var text: String {
        (0..<size.height).map { y in
            var line = String(row(y).filter { !$0.isWideTail }.map(\.character))
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}

extension Cell {
    /// What a cell can show: control and format characters become `?`, so nothing typed or pasted can move the
    /// terminal's cursor; a base character with combining marks, or an emoji sequence, is kept whole.
    static func printable(_ character: Character) -> Character {
        // One byte: ASCII, which has no format characters.
        if character.utf8.count == 1, let byte = character.utf8.first { return byte < 0x20 || byte == 0x7F ? "?" : character }
        let scalars = character.unicodeScalars
        guard let first = scalars.first, !isControl(first) else { return "?" }
        if scalars.count == 1 { return character }
        let extendsAsOne = scalars.dropFirst().allSatisfy { scalar in
            let category = scalar.properties.generalCategory
            return category == .nonspacingMark || category == .enclosingMark || scalar.value == 0x200D
                || (0xFE00...0xFE0F).contains(scalar.value) || (0x1F3FB...0x1F3FF).contains(scalar.value)
                || (isWide(first) && scalar.properties.isEmoji)
        }
        return extendsAsOne ? character : "?"
    }

    /// Whether the character takes two terminal columns (wcwidth 2: East Asian wide and fullwidth, emoji).
    public static func isWide(_ character: Character) -> Bool {
        guard let first = character.unicodeScalars.first, !first.isASCII else { return false }
        return isWide(first)
    }

    /// Columns `text` takes on a terminal.
    public static func displayWidth(_ text: some StringProtocol) -> Int {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.count }
        return text.reduce(0) { $0 + (isWide(printable($1)) ? 2 : 1) }
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) || scalar.properties.generalCategory == .format
    }

    /// East Asian wide and emoji ranges: two columns in a terminal (as glibc's wcwidth says for them).
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

/// A key press, decoded by the backend (or written by a test).
public enum Key: Equatable, Hashable, Sendable {
    case character(Character)
    /// Ctrl plus a letter, lowercase: `.control("c")` is Ctrl-C.
    case control(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, tab, backTab, backspace, delete, escape
    case function(Int)
}

/// Everything the model reacts to. Commands' results come back as events too (see `Command`).
public enum Event: Sendable {
    case key(Key)
    /// Text that arrives at once: a bracketed paste, or a run of typed characters the runtime joined
    /// (`EventQueue`). Never a command: only a text field or prompt takes it.
    case paste(String)
    case resize(Size)
    /// Results of commands, reported back by the runtime.
    case answersSaved(path: String, error: String?, fingerprint: FileFingerprint? = nil)
    /// Nothing was saved: `path` holds a different file than the wizard last saw there (see `Command.saveAnswers`).
    case saveWouldReplace(path: String)
    /// `fingerprint`: the file as read, for the next save's check (two wizards, one file).
    case answersLoaded(path: String, result: Result<Plan, LoadFailure>, fingerprint: FileFingerprint? = nil)
    case draftSaved(DraftOutcome)
    /// The names that start like `prefix` in its folder (folders end in `/`), sorted; at most 200.
    case completions(prefix: String, names: [String])
    case exported(ExportOutcome)
    case audited(bucket: String, result: Result<LiveAudit, LoadFailure>)
}

public struct LoadFailure: Error, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

public struct ExportOutcome: Sendable, Equatable {
    public let directory: String
    public var report: ExportReport? = nil
    /// Hand-edited files the export refused to overwrite (nothing was written).
    public var conflicts: [String] = []
    /// Each of them as it is on disk and as s3wizard would write it, for the user to compare and choose.
    public var handEdits: [HandEdit] = []
    public var error: String? = nil
    public init(directory: String, report: ExportReport? = nil, conflicts: [String] = [], handEdits: [HandEdit] = [], error: String? = nil) {
        self.directory = directory
        self.report = report
        self.conflicts = conflicts
        self.handEdits = handEdits
        self.error = error
    }
}
