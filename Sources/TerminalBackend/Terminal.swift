// The only code that talks to ncurses: checks that the wizard can run here, sets the terminal up and
// restores it, decodes keys, and draws a `ScreenBuffer` by rewriting only the rows that changed.
import CNcursesw
import Glibc
import S3HardeningCore
import WizardUI

public struct TerminalCapabilities: Equatable, Sendable {
    /// The model may draw box-drawing and other non-ASCII glyphs (a UTF-8 locale, S3WIZARD_ASCII not set).
    public let unicode: Bool
    /// Colours the terminal has (8, 16, 256, or more for direct colour); 0 when NO_COLOR is set or it has none.
    public let colors: Int

    public init(unicode: Bool, colors: Int) {
        self.unicode = unicode
        self.colors = colors
    }
}

public final class Terminal {
    public let capabilities: TerminalCapabilities

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let output: UnsafeMutablePointer<FILE>
    private let input: UnsafeMutablePointer<FILE>
    /// Signal handlers were installed by `open` (not for headless terminals) and are restored by `close`.
    private let ownsSignals: Bool
    /// ncurses writes UTF-8; otherwise non-ASCII characters are drawn as '?'.
    private let localeIsUTF8: Bool
    /// Attributes and colour pair for each style role, computed once from the theme.
    private var looks: [Style: (attributes: attr_t, pair: Int32)] = [:]

    private var lastDrawn: ScreenBuffer?
    private var lastDrawnSize: Size?
    private var needsFullRedraw = true
    private var cursorVisible: Bool?
    private var closed = false
    /// Rows written by the last `draw` (tests check that an unchanged row is not redrawn).
    private(set) var rowsDrawnLastFrame = 0

    // MARK: Opening

    /// Checks that need no terminal: stdin and stdout are terminals, TERM is set and not `dumb`.
    public static func preflight(isTerminal: Bool, term: String?) -> TerminalError? {
        guard isTerminal else { return .notATerminal }
        guard let term, !term.isEmpty else { return .unknownTerminal("") }
        if term == "dumb" { return .cannotAddressCursor(term) }
        return nil
    }

    /// Takes over the terminal on stdin/stdout. Nothing is written to the terminal when this throws.
    public static func open(theme: Theme, environment: [String: String] = ProcessEnvironment.current()) throws(TerminalError) -> Terminal {
        let term = environment["TERM"]
        // Before anything touches the terminal: a pipe or a missing TERM fails with a clear message.
        if let error = preflight(isTerminal: isatty(0) == 1 && isatty(1) == 1, term: term) { throw error }
        let term2 = term ?? ""
        let utf8 = setUpLocale()
        // Duplicates, so closing the screen's streams later leaves stdin and stdout open for the app.
        guard let output = s3w_fdopen_dup(1, "w") else { throw .setupFailed("cannot open standard output") }
        guard let input = s3w_fdopen_dup(0, "r") else {
            fclose(output)
            throw .setupFailed("cannot open standard input")
        }
        installSignalHandlers()
        do {
            let terminal = try Terminal(term: term2, output: output, input: input, theme: theme, environment: environment,
                                        localeIsUTF8: utf8, ownsSignals: true)
            // Bracketed paste: a paste arrives as one event, so its line breaks and letters are text, not keys.
            // Terminals without it ignore the request and send a paste as keys (which still all arrive).
            setBracketedPaste(true)
            return terminal
        } catch {
            restoreSignalHandlers()
            throw error
        }
    }

    /// The terminal's background colour, asked with OSC 11 before the screen is set up, or nil. A DA1 request
    /// follows it: every terminal answers DA1, so one that ignores OSC 11 costs a round trip, not the timeout.
    public static func queryBackground(timeoutMilliseconds: Int32 = 150) -> Theme.RGB? {
        guard isatty(0) == 1, isatty(1) == 1 else { return nil }
        var saved = termios()
        guard tcgetattr(0, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(0, TCSANOW, &raw) == 0 else { return nil }
        defer { _ = tcsetattr(0, TCSANOW, &saved) }
        let query = Array("\u{1B}]11;?\u{1B}\\\u{1B}[c".utf8)
        guard query.withUnsafeBytes({ write(1, $0.baseAddress, $0.count) }) == query.count else { return nil }
        var reply: [UInt8] = []
        var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        // Until the DA1 answer (ESC [ ? … c) arrives, or the time is up.
        while reply.count < 256, poll(&descriptor, 1, timeoutMilliseconds) > 0 {
            var byte: UInt8 = 0
            guard read(0, &byte, 1) == 1 else { break }
            reply.append(byte)
            if byte == UInt8(ascii: "c"), let start = reply.lastIndex(of: 0x1B), reply[start...].starts(with: [0x1B, 0x5B, 0x3F]) { break }
        }
        return Theme.RGB(osc11: String(decoding: reply, as: UTF8.self))
    }

    /// A terminal that draws into /dev/null, for tests: no tty check, no signal handlers, `size` cells;
    /// it reads `input` as if typed.
    static func headless(size: Size, theme: Theme, term: String = "xterm-256color",
                         environment: [String: String] = [:], input bytes: [UInt8] = []) throws(TerminalError) -> Terminal {
        let utf8 = setUpLocale()
        guard let output = fopen("/dev/null", "w") else { throw .setupFailed("cannot open /dev/null") }
        guard let input = bytes.isEmpty ? fopen("/dev/null", "r") : Self.stream(of: bytes) else {
            fclose(output)
            throw .setupFailed("cannot open /dev/null")
        }
        let terminal = try Terminal(term: term, output: output, input: input, theme: theme, environment: environment,
                                    localeIsUTF8: utf8, ownsSignals: false)
        resizeterm(Int32(size.height), Int32(size.width))
        return terminal
    }

    /// A stream that reads `bytes` (an unlinked temporary file).
    private static func stream(of bytes: [UInt8]) -> UnsafeMutablePointer<FILE>? {
        guard let file = tmpfile() else { return nil }
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        rewind(file)
        return file
    }

    /// setlocale from the environment; whether it is UTF-8 (if not, C.UTF-8 for ncursesw's encoding only).
    private static func setUpLocale() -> Bool {
        setlocale(LC_ALL, "")
        if s3w_codeset_is_utf8() != 0 { return true }
        // The user's locale is not UTF-8 (LANG=C): the terminal may not show UTF-8, so the model draws ASCII
        // (as the README says). C.UTF-8 only lets ncursesw encode what it is given.
        _ = setlocale(LC_CTYPE, "C.UTF-8")
        return false
    }

    private init(term: String, output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>, theme: Theme,
                 environment: [String: String], localeIsUTF8: Bool, ownsSignals: Bool) throws(TerminalError) {
        // newterm, not initscr: initscr exits the process on an unknown TERM, newterm returns NULL.
        guard let screen = newterm(term, output, input), let window = s3w_stdscr() else {
            fclose(output)
            fclose(input)
            throw .unknownTerminal(term)
        }
        guard s3w_has_string_capability("cup") != 0 else {
            endwin()
            delscreen(screen)
            fclose(output)
            fclose(input)
            throw .cannotAddressCursor(term)
        }
        self.screen = screen
        self.window = window
        self.output = output
        self.input = input
        self.ownsSignals = ownsSignals
        self.localeIsUTF8 = localeIsUTF8

        raw()       // Ctrl-C and Ctrl-Z arrive as keys: the app decides (it saves a draft first)
        noecho()
        nonl()      // Enter arrives as 13 and output newlines are not translated
        keypad(window, true)
        set_escdelay(25)  // Escape is a key here; 25 ms is enough to tell it from an escape sequence

        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        var colors = 0
        var defaultColors = false
        if !noColor, has_colors() {
            start_color()
            colors = Int(s3w_colors())
            defaultColors = use_default_colors() == OK
        }
        capabilities = TerminalCapabilities(unicode: localeIsUTF8 && environment["S3WIZARD_ASCII"] != "1", colors: colors)
        setUpStyles(theme: theme, colors: colors, defaultColors: defaultColors)
    }

    /// One colour pair per style role (or attributes only, from the theme's colourless fallback).
    private func setUpStyles(theme: Theme, colors: Int, defaultColors: Bool) {
        let effective = colors == 0 ? theme.colorless : theme
        let pairs = Int(s3w_color_pairs())
        for (offset, role) in Style.allCases.enumerated() {
            let spec = effective[role]
            var attributes = s3w_a_normal()
            if spec.bold { attributes |= s3w_a_bold() }
            if spec.underline { attributes |= s3w_a_underline() }
            if spec.reverse { attributes |= s3w_a_reverse() }
            if spec.dim { attributes |= s3w_a_dim() }
            var pair: Int32 = 0
            if colors > 0, offset + 1 < pairs {
                var (fg, bg) = Palette.pair(foreground: spec.foreground, background: spec.background, colors: colors)
                // Without default-colour support, -1 is not allowed: assume white on black.
                if !defaultColors {
                    if fg < 0 { fg = 7 }
                    if bg < 0 { bg = 0 }
                }
                pair = Int32(offset + 1)
                if init_extended_pair(pair, Int32(fg), Int32(bg)) == ERR { pair = 0 }
            }
            looks[role] = (attributes, pair)
        }
    }

    deinit { close() }

    /// Restores the terminal (cursor, modes, signal handlers). Idempotent.
    public func close() {
        guard !closed else { return }
        closed = true
        if cursorVisible == false { curs_set(1) }
        endwin()
        delscreen(screen)
        fclose(output)
        fclose(input)
        if ownsSignals {
            Terminal.setBracketedPaste(false)
            Terminal.restoreSignalHandlers()
        }
    }

    /// SIGTSTP from outside: gives the terminal back (bracketed paste off, cooked modes), stops the process,
    /// and when it is continued takes the terminal again; the next `draw` repaints everything.
    public func suspend() {
        guard !closed, ownsSignals else { return }
        Terminal.setBracketedPaste(false)
        endwin()
        kill(getpid(), SIGSTOP)  // returns once continued (fg, SIGCONT)
        flushinp()  // what was typed while stopped was typed to the shell, not to the wizard
        Terminal.setBracketedPaste(true)
        needsFullRedraw = true
    }

    // MARK: Size and input

    public var size: Size {
        closed ? Size(width: 0, height: 0) : Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
    }

    /// The next key, paste or resize; nil after `timeoutMilliseconds` (negative: wait), on a signal (see
    /// `pendingSignal`) or for a key the wizard does not use.
    public func nextEvent(timeoutMilliseconds: Int32) -> Event? {
        guard !closed else { return nil }
        wtimeout(window, timeoutMilliseconds)
        var value: wint_t = 0
        switch wget_wch(window, &value) {
        case KEY_CODE_YES:
            if Int32(value) == KEY_RESIZE { return .resize(size) }  // ncurses has already resized stdscr
            return KeyDecoder.decode(keyCode: Int32(value)).map(Event.key)
        case OK:
            if value == 27 {
                switch readEscapeSequence() {
                case .alone: break
                case .unknown: return nil
                case .pasteStart: return .paste(readPaste())
                }
            }
            return KeyDecoder.decode(character: UInt32(value)).map(Event.key)
        default:
            return nil
        }
    }

    private enum EscapeSequence { case alone, unknown, pasteStart }

    /// ESC followed at once by `[` or `O` is either the start of a bracketed paste (`ESC [200~`) or a key the
    /// terminfo entry does not know (a TERM that does not match the terminal): that whole sequence is
    /// swallowed, so its bytes never act as Esc, `[`, digits or letters. `.alone` (the byte put back) when
    /// the ESC stands alone or starts an Alt-key.
    private func readEscapeSequence() -> EscapeSequence {
        wtimeout(window, 0)
        var next: wint_t = 0
        guard wget_wch(window, &next) == OK else { return .alone }
        guard next == 0x5B || next == 0x4F else {   // "[" CSI, "O" SS3
            unget_wch(wchar_t(next))
            return .alone
        }
        // CSI: parameter and intermediate bytes (0x20–0x3F), then one final byte (0x40–0x7E); SS3: one byte.
        var parameters: [wint_t] = []
        var byte: wint_t = 0
        for _ in 0..<32 {
            guard wget_wch(window, &byte) == OK else { break }
            if next == 0x4F || (0x40...0x7E).contains(byte) {
                return next == 0x5B && byte == 0x7E && parameters == Self.pasteStart ? .pasteStart : .unknown
            }
            parameters.append(byte)
        }
        return .unknown
    }

    private static let pasteStart: [wint_t] = [0x32, 0x30, 0x30]  // "200": ESC [200~ starts a paste

    /// The text of a bracketed paste, up to `ESC [201~`: every character, line breaks as "\n" (the model
    /// decides what a line break means in a field), an ESC inside the text dropped. Read straight from the
    /// descriptor in large chunks: through ncurses, one `read` and one `poll` per byte made 100 KB take a
    /// second. ncurses holds nothing read ahead here (the start marker was consumed up to its last byte), and
    /// what follows the end marker in the same chunk is given back to it. If the end marker never comes (a
    /// terminal that lost it), the paste ends after 200 ms of silence, keeping what came.
    private func readPaste() -> String {
        let descriptor = fileno(input)
        let end = Array("\u{1b}[201~".utf8)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var leftover: ArraySlice<UInt8> = []
        reading: while true {
            var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let polled = poll(&ready, 1, 200)
            if polled < 0, errno == EINTR { continue }
            guard polled > 0 else { break }
            let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            let searchFrom = max(0, bytes.count - end.count + 1)
            bytes += chunk[..<n]
            var index = searchFrom
            while index + end.count <= bytes.count {
                if bytes[index] == 0x1B, bytes[index..<(index + end.count)].elementsEqual(end) {
                    leftover = bytes[(index + end.count)...]
                    bytes.removeSubrange(index...)
                    break reading
                }
                index += 1
            }
        }
        // Keys typed right after the paste: back to ncurses, in order (unget is last in, first out).
        for scalar in String(decoding: leftover, as: UTF8.self).unicodeScalars.reversed() { unget_wch(wchar_t(scalar.value)) }
        var text = String.UnicodeScalarView()
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars where scalar != "\u{1b}" {
            text.append(scalar == "\r" ? "\n" : scalar)
        }
        return String(text)
    }

    // MARK: Drawing

    /// The next `draw` rewrites every row and clears the physical screen (e.g. after output from elsewhere).
    public func invalidate() { needsFullRedraw = true }

    /// Draws the rows that differ from the last drawn buffer (all rows after a size change or `invalidate`).
    public func draw(_ buffer: ScreenBuffer) {
        guard !closed else { return }
        let terminalSize = size
        let full = needsFullRedraw || lastDrawn?.size != buffer.size || lastDrawnSize != terminalSize
        if full { wclear(window) }  // only here: clearing every frame would flicker
        let rows = min(buffer.size.height, terminalSize.height)
        let columns = min(buffer.size.width, terminalSize.width)
        var drawn = 0
        for y in 0..<max(0, rows) {
            if !full, let lastDrawn, lastDrawn.sameRow(y, as: buffer) { continue }
            drawRow(y, of: buffer, columns: columns)
            drawn += 1
        }
        if let cursor = buffer.cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < columns, cursor.y < rows {
            setCursorVisible(true)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            setCursorVisible(false)
        }
        wnoutrefresh(window)
        doupdate()
        lastDrawn = buffer
        lastDrawnSize = terminalSize
        needsFullRedraw = false
        rowsDrawnLastFrame = drawn
    }

    private func setCursorVisible(_ visible: Bool) {
        guard cursorVisible != visible else { return }
        cursorVisible = visible
        curs_set(visible ? 1 : 0)  // ERR on terminals that cannot hide it: harmless
    }

    private func drawRow(_ y: Int, of buffer: ScreenBuffer, columns: Int) {
        // 4,800 cells on a first frame at 120x40: the class's properties are read once (each access is checked for
        // exclusivity) and a style's look is looked up when the style changes, not per cell. The bottom-right cell
        // returns ERR (the cursor cannot advance past it); the cell is written.
        let looks = looks, utf8 = localeIsUTF8
        var style: Style? = nil, look: (attributes: attr_t, pair: Int32) = (s3w_a_normal(), 0)
        var chars = [wchar_t](repeating: 0, count: 8)
        chars.withUnsafeMutableBufferPointer { chars in
            for x in 0..<max(0, columns) {
                var cell = buffer[x, y]
                if cell.style != style {
                    style = cell.style
                    look = looks[cell.style] ?? (s3w_a_normal(), 0)
                }
                // Most cells hold one ASCII character: neither wide nor combined, the same in every locale.
                if !cell.isWideTail, cell.character.utf8.count == 1, let byte = cell.character.utf8.first, byte < 0x80 {
                    chars[0] = wchar_t(byte)
                    _ = s3w_put_cell(window, Int32(y), Int32(x), chars.baseAddress, 1, look.attributes, look.pair)
                    continue
                }
                // A wide character's tail is drawn by ncurses with the character itself; a half left by an overwrite,
                // or a wide character at the last column, becomes a space so the row never shifts.
                if cell.isWideTail {
                    if x > 0, Cell.isWide(buffer[x - 1, y].character), !buffer[x - 1, y].isWideTail { continue }
                    cell = Cell(" ", cell.style)
                } else if Cell.isWide(cell.character), x + 1 >= columns || !buffer[x + 1, y].isWideTail {
                    cell = Cell(" ", cell.style)
                }
                var count = 0
                for scalar in cell.character.unicodeScalars where count < chars.count {
                    // Guard for non-UTF-8 locales: the model draws ASCII there, anything else becomes '?'.
                    let value = utf8 || scalar.isASCII ? scalar.value : (count == 0 ? 0x3F : 0)
                    if value == 0 { break }
                    chars[count] = wchar_t(truncatingIfNeeded: value)
                    count += 1
                }
                _ = s3w_put_cell(window, Int32(y), Int32(x), chars.baseAddress, Int32(count), look.attributes, look.pair)
            }
        }
    }

    /// The text of row `y` as ncurses holds it (tests).
    func readRow(_ y: Int) -> String {
        var text = ""
        var chars = [wchar_t](repeating: 0, count: 8)
        var x = 0
        while x < size.width {
            let count = chars.withUnsafeMutableBufferPointer {
                s3w_read_cell(window, Int32(y), Int32(x), $0.baseAddress, Int32($0.count))
            }
            var cell = ""
            for value in chars.prefix(Int(count)) {
                if let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: value)) { cell.unicodeScalars.append(scalar) }
            }
            text += cell
            // ncurses reports a wide character in both of its columns.
            x += cell.first.map { Cell.isWide($0) } == true ? 2 : 1
        }
        return text
    }
}
