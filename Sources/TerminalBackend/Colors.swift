// Mapping theme colours (xterm-256 indices) to what a terminal has: 256 as is, 8 or 16 by nearest RGB,
// direct colour (COLORS > 256) as RGB values. Pure, so tests can check it.
import WizardUI

enum Palette {
    /// xterm's default RGB for the 16 basic colours.
    static let basic: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// RGB of an xterm-256 index: 16 basic, a 6×6×6 cube (16–231), 24 greys (232–255).
    static func rgb(_ index: UInt8) -> (Int, Int, Int) {
        let i = Int(index)
        switch i {
        case 0..<16:
            return basic[i]
        case 16..<232:
            let levels = [0, 95, 135, 175, 215, 255]
            let c = i - 16
            return (levels[c / 36], levels[(c / 6) % 6], levels[c % 6])
        default:
            let grey = 8 + 10 * (i - 232)
            return (grey, grey, grey)
        }
    }

    /// The nearest of the first `count` basic colours (8 or 16) by squared RGB distance. Greys only map to
    /// black, white and the two greys: plain distance would turn a mid grey into yellow on 8 colours.
    static func nearestBasic(_ index: UInt8, count: Int) -> Int {
        if Int(index) < count { return Int(index) }
        let (r, g, b) = rgb(index)
        let greys: Set = [0, 7, 8, 15]
        var best = 0
        var bestDistance = Int.max
        for (candidate, (cr, cg, cb)) in basic.prefix(count).enumerated() where r != g || g != b || greys.contains(candidate) {
            let distance = (r - cr) * (r - cr) + (g - cg) * (g - cg) + (b - cb) * (b - cb)
            if distance < bestDistance { (best, bestDistance) = (candidate, distance) }
        }
        return best
    }

    /// The ncurses colour number for a theme colour on a terminal with `colors` colours; -1 is the default.
    static func terminalColor(_ color: ThemeColor, colors: Int) -> Int {
        guard case .indexed(let index) = color else { return -1 }
        if colors > 256 {
            // Direct colour (e.g. xterm-direct): 0–7 stay palette colours, the rest are 0xRRGGBB.
            if index < 8 { return Int(index) }
            let (r, g, b) = rgb(index)
            return (r << 16) | (g << 8) | b
        }
        if Int(index) < colors { return Int(index) }
        return nearestBasic(index, count: colors >= 16 ? 16 : 8)
    }

    /// A foreground and background that stay readable: when mapping merged two different colours into one,
    /// the foreground becomes black or white, whichever is farther from the background.
    static func pair(foreground: ThemeColor, background: ThemeColor, colors: Int) -> (Int, Int) {
        var fg = terminalColor(foreground, colors: colors)
        let bg = terminalColor(background, colors: colors)
        // On the terminal's own background (unknown: dark or light), a palette grey that became black or white
        // could vanish (a dark-grey border drawn black on black): keep the terminal's default text colour instead.
        if bg == -1, colors < 256, [0, 7, 15].contains(fg), case .indexed(let index) = foreground, index >= 16 {
            let (r, g, b) = rgb(index)
            if r == g, g == b { fg = -1 }
        }
        guard fg == bg, fg >= 0, foreground != background, case .indexed(let index) = background else { return (fg, bg) }
        let (r, g, b) = rgb(index)
        let white = colors > 256 ? 0xFFFFFF : 7
        return (r + g + b > 3 * 128 ? 0 : white, bg)
    }
}
