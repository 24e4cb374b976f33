import Testing
@testable import TerminalBackend
import WizardUI

/// ncurses keeps global state (one current screen), so these run one at a time.
@Suite(.serialized) struct BackendTests {
    private static let size = Size(width: 80, height: 24)

    private func buffer(_ lines: [Int: String]) -> ScreenBuffer {
        var screen = ScreenBuffer(Self.size)
        for (y, text) in lines { screen.put(text, x: 0, y: y, style: y == 0 ? .title : .normal) }
        return screen
    }

    @Test func drawsTextAndRedrawsOnlyChangedRows() throws {
        let terminal = try Terminal.headless(size: Self.size, theme: .defaultTheme)
        defer { terminal.close() }
        #expect(terminal.size == Self.size)
        #expect(terminal.capabilities.colors == 256)

        var first = buffer([0: "┌─ s3wizard ─┐", 1: "│ Bucket name: reports-prod │", 5: "café e\u{301}"])
        first.put("X", x: 79, y: 23, style: .focus)  // the bottom-right cell (addch returns ERR there)
        terminal.draw(first)
        #expect(terminal.rowsDrawnLastFrame == 24)
        #expect(terminal.readRow(0).trimmingTrailingSpaces == "┌─ s3wizard ─┐")
        #expect(terminal.readRow(1).trimmingTrailingSpaces == "│ Bucket name: reports-prod │")
        #expect(terminal.readRow(5).trimmingTrailingSpaces == "café e\u{301}")
        #expect(terminal.readRow(23).trimmingTrailingSpaces == String(repeating: " ", count: 79) + "X")

        var second = first
        second.put("│ Bucket name: reports-dev  │", x: 0, y: 1)
        second.cursor = (x: 15, y: 1)
        terminal.draw(second)
        #expect(terminal.rowsDrawnLastFrame == 1)
        #expect(terminal.readRow(1).trimmingTrailingSpaces == "│ Bucket name: reports-dev  │")
        #expect(terminal.readRow(0).trimmingTrailingSpaces == "┌─ s3wizard ─┐")

        terminal.draw(second)
        #expect(terminal.rowsDrawnLastFrame == 0)
        terminal.invalidate()
        terminal.draw(second)
        #expect(terminal.rowsDrawnLastFrame == 24)
    }

    /// Wide characters take two cells in the buffer and are drawn whole by ncurses, and the row keeps its
    /// columns: the text after them lands where the buffer put it (issue 10, defect 7).
    @Test func wideCharactersAreDrawnInTwoColumns() throws {
        let terminal = try Terminal.headless(size: Self.size, theme: .defaultTheme)
        defer { terminal.close() }
        var screen = ScreenBuffer(Self.size)
        #expect(screen.put("データ😀|", x: 0, y: 2) == 9)
        screen.put("end", x: 20, y: 2)
        screen.put("ab", x: 0, y: 3)
        screen.put("界", x: 79, y: 3)  // no room for both halves at the last column: a space, never a shift
        terminal.draw(screen)
        let row = terminal.readRow(2)
        #expect(row.contains("データ😀"), "\(row)")
        #expect(!row.contains("?"))
        #expect(Array(screen.row(2))[8].character == "|" && Array(screen.row(2))[1].isWideTail)
        #expect(!terminal.readRow(3).contains("界"))
        #expect(screen.text.split(separator: "\n", omittingEmptySubsequences: false)[2].hasPrefix("データ😀|"))
    }

    @Test func aSizeChangeRedrawsEverything() throws {
        let terminal = try Terminal.headless(size: Self.size, theme: .defaultTheme)
        defer { terminal.close() }
        terminal.draw(buffer([0: "hello"]))
        var smaller = ScreenBuffer(Size(width: 40, height: 10))
        smaller.put("small", x: 0, y: 0)
        terminal.draw(smaller)
        #expect(terminal.rowsDrawnLastFrame == 10)
        #expect(terminal.readRow(0).trimmingTrailingSpaces == "small")
    }

    @Test func closeIsIdempotent() throws {
        let terminal = try Terminal.headless(size: Self.size, theme: .defaultTheme)
        terminal.close()
        terminal.close()
        terminal.draw(buffer([0: "after close"]))  // ignored, not a crash
        #expect(terminal.nextEvent(timeoutMilliseconds: 0) == nil)
        #expect(terminal.size == Size(width: 0, height: 0))
    }

    @Test func noColorAndAsciiAreHonoured() throws {
        let plain = try Terminal.headless(size: Self.size, theme: .defaultTheme, environment: ["NO_COLOR": "1", "S3WIZARD_ASCII": "1"])
        #expect(plain.capabilities == TerminalCapabilities(unicode: false, colors: 0))
        plain.draw(buffer([0: "monochrome"]))
        #expect(plain.readRow(0).trimmingTrailingSpaces == "monochrome")
        plain.close()

        let eight = try Terminal.headless(size: Self.size, theme: .defaultTheme, term: "xterm")
        #expect(eight.capabilities.colors == 8)
        #expect(eight.capabilities.unicode)
        eight.close()
    }

    @Test func unknownAndCursorlessTerminalsAreRejected() {
        #expect(throws: TerminalError.unknownTerminal("no-such-terminal-s3w")) {
            _ = try Terminal.headless(size: Self.size, theme: .defaultTheme, term: "no-such-terminal-s3w")
        }
        #expect(throws: TerminalError.cannotAddressCursor("dumb")) {
            _ = try Terminal.headless(size: Self.size, theme: .defaultTheme, term: "dumb")
        }
    }

    @Test func preflightNeedsATerminalAndATerminalType() {
        #expect(Terminal.preflight(isTerminal: false, term: "xterm") == .notATerminal)
        #expect(Terminal.preflight(isTerminal: true, term: nil) == .unknownTerminal(""))
        #expect(Terminal.preflight(isTerminal: true, term: "") == .unknownTerminal(""))
        #expect(Terminal.preflight(isTerminal: true, term: "dumb") == .cannotAddressCursor("dumb"))
        #expect(Terminal.preflight(isTerminal: true, term: "xterm-256color") == nil)
        #expect(TerminalError.notATerminal.description ==
            "s3wizard: standard input and output must be a terminal for the interactive wizard; use `s3wizard generate --answers FILE --out DIR` in scripts and pipes.")
        for error in [TerminalError.unknownTerminal(""), .unknownTerminal("xyz"), .cannotAddressCursor("dumb"), .setupFailed("x")] {
            #expect(error.description.hasPrefix("s3wizard: "))
            #expect(error.description.contains("s3wizard generate --answers FILE --out DIR"))
        }
        #expect(TerminalError.unknownTerminal("xyz").description.contains("'xyz' is unknown"))
    }

    @Test func keysDecode() {
        #expect(KeyDecoder.decode(character: 13) == .enter)
        #expect(KeyDecoder.decode(character: 10) == .enter)
        #expect(KeyDecoder.decode(character: 9) == .tab)
        #expect(KeyDecoder.decode(character: 127) == .backspace)
        #expect(KeyDecoder.decode(character: 8) == .backspace)
        #expect(KeyDecoder.decode(character: 27) == .escape)
        #expect(KeyDecoder.decode(character: 3) == .control("c"))
        #expect(KeyDecoder.decode(character: 26) == .control("z"))
        #expect(KeyDecoder.decode(character: 0) == nil)
        #expect(KeyDecoder.decode(character: 0x9B) == nil)
        #expect(KeyDecoder.decode(character: 0x61) == .character("a"))
        #expect(KeyDecoder.decode(character: 0xE9) == .character("é"))
        // ncurses key codes (octal in curses.h): KEY_UP 0403, KEY_BTAB 0541, KEY_F0 0410, KEY_RESIZE is not a key.
        #expect(KeyDecoder.decode(keyCode: 0o403) == .up)
        #expect(KeyDecoder.decode(keyCode: 0o541) == .backTab)
        #expect(KeyDecoder.decode(keyCode: 0o410 + 5) == .function(5))
        #expect(KeyDecoder.decode(keyCode: 0o632) == nil)
    }

    @Test func coloursMapToTheNearestAvailable() {
        // 256 colours: as is. 16: nearest basic. 8: nearest of the first 8.
        #expect(Palette.terminalColor(.indexed(24), colors: 256) == 24)
        #expect(Palette.terminalColor(.terminalDefault, colors: 16) == -1)
        #expect(Palette.terminalColor(.indexed(196), colors: 16) == 9)   // pure red → bright red
        #expect(Palette.terminalColor(.indexed(196), colors: 8) == 1)
        #expect(Palette.terminalColor(.indexed(231), colors: 16) == 15)  // cube white
        #expect(Palette.terminalColor(.indexed(232), colors: 16) == 0)   // darkest grey
        #expect(Palette.terminalColor(.indexed(244), colors: 16) == 8)   // mid grey
        #expect(Palette.terminalColor(.indexed(242), colors: 8) == 0)    // a grey stays grey (not yellow)
        #expect(Palette.terminalColor(.indexed(250), colors: 8) == 7)
        #expect(Palette.terminalColor(.indexed(25), colors: 16) == 4)    // a blue stays blue
        #expect(Palette.terminalColor(.indexed(11), colors: 8) == 3)     // bright yellow → yellow
        // A grey on the terminal's own background never becomes black or white (invisible on dark or light).
        #expect(Palette.pair(foreground: .indexed(240), background: .terminalDefault, colors: 8) == (-1, -1))
        #expect(Palette.pair(foreground: .indexed(250), background: .terminalDefault, colors: 8) == (-1, -1))
        #expect(Palette.pair(foreground: .indexed(240), background: .terminalDefault, colors: 256) == (240, -1))
        #expect(Palette.terminalColor(.indexed(196), colors: 1 << 24) == 0xFF0000)
        #expect(Palette.rgb(16) == (0, 0, 0) && Palette.rgb(21) == (0, 0, 255) && Palette.rgb(255) == (238, 238, 238))
        // Two different colours that collapse into one keep the text readable.
        let (fg, bg) = Palette.pair(foreground: .indexed(255), background: .indexed(231), colors: 8)
        #expect(bg == 7 && fg == 0)
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
