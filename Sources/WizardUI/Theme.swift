// Themes: how each semantic `Style` role looks. Pure data and a small parser; the terminal backend maps
// the colours to what the terminal supports. The file format is documented in themes/README.md.
import FoundationEssentials
import S3HardeningCore

/// A colour as a theme names it: the terminal's own default, or an index in the xterm 256-colour palette
/// (0–15 are the 16 basic colours, whose names the file format also accepts).
public enum ThemeColor: Equatable, Sendable {
    case terminalDefault
    case indexed(UInt8)

    /// The 16 basic colour names, in palette order.
    public static let basicNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow",
        "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// Parses `default`, a number 0–255 or a basic colour name; nil otherwise.
    public init?(parsing text: some StringProtocol) {
        if text == "default" {
            self = .terminalDefault
        } else if let index = ThemeColor.basicNames.firstIndex(of: String(text)) {
            self = .indexed(UInt8(index))
        } else if text.allSatisfy(\.isASCII), let number = UInt8(text) {
            self = .indexed(number)
        } else {
            return nil
        }
    }

    public static let black: ThemeColor = 0, white: ThemeColor = 7, cyan: ThemeColor = 6
    public static let brightRed: ThemeColor = 9, brightGreen: ThemeColor = 10, brightYellow: ThemeColor = 11
    public static let brightCyan: ThemeColor = 14, brightWhite: ThemeColor = 15

    /// The spelling a theme file uses.
    public var themeText: String {
        switch self {
        case .terminalDefault: return "default"
        case .indexed(let index): return index < 16 ? ThemeColor.basicNames[Int(index)] : String(index)
        }
    }
}

/// `244` in a built-in theme is palette colour 244.
extension ThemeColor: ExpressibleByIntegerLiteral {
    public init(integerLiteral index: UInt8) { self = .indexed(index) }
}

/// Colours and attributes of one style role.
public struct StyleSpec: Equatable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
                bold: Bool = false, underline: Bool = false, reverse: Bool = false, dim: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }

    public var usesColor: Bool { foreground != .terminalDefault || background != .terminalDefault }
}

/// A theme file that cannot be used: which theme (name or file), which line (0: the file as a whole), why.
public struct ThemeError: Error, Equatable, CustomStringConvertible {
    public let theme: String
    public let line: Int
    public let message: String

    public init(theme: String, line: Int, message: String) {
        self.theme = theme
        self.line = line
        self.message = message
    }

    public var description: String {
        line > 0 ? "theme '\(theme)' line \(line): \(message)" : "theme '\(theme)': \(message)"
    }
}

public struct Theme: Equatable, Sendable {
    public let name: String
    /// Every role in `Style.allCases` (the parser guarantees it).
    public let styles: [Style: StyleSpec]

    public init(name: String, styles: [Style: StyleSpec]) {
        self.name = name
        self.styles = styles
    }

    public subscript(style: Style) -> StyleSpec { styles[style] ?? StyleSpec() }

    /// True when any role names a colour (false for monochrome themes).
    public var usesColor: Bool { styles.values.contains(where: \.usesColor) }

    /// What to draw with when colours are off (NO_COLOR, or a terminal without colours): a theme that
    /// relies on colours would lose its highlights, so it falls back to the monochrome theme's attributes.
    public var colorless: Theme { usesColor ? Theme.monochrome : self }

    // MARK: Parsing

    private static let attributeNames = ["bold", "underline", "reverse", "dim"]

    /// Parses a theme file (format: themes/README.md). `name` is used in error messages and as the theme's name.
    public static func parse(_ text: String, name: String) throws(ThemeError) -> Theme {
        func fail(_ line: Int, _ message: String) -> ThemeError { ThemeError(theme: name, line: line, message: message) }
        var styles: [Style: StyleSpec] = [:]
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty { continue }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw fail(lineNumber, "expected 'role = fg:COLOUR bg:COLOUR attributes', found '\(trimmed)'")
            }
            let roleName = trimmed[..<equals].trimmingSpaces()
            guard let role = Style(rawValue: roleName) else {
                throw fail(lineNumber, "unknown style role '\(roleName)' (expected one of: \(Style.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard styles[role] == nil else { throw fail(lineNumber, "style role '\(roleName)' is defined twice") }
            var spec = StyleSpec()
            var seen: Set<String> = []
            for word in trimmed[trimmed.index(after: equals)...].split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                let (key, value): (String, Substring?) = word.firstIndex(of: ":").map {
                    (String(word[..<$0]), word[word.index(after: $0)...])
                } ?? (String(word), nil)
                guard seen.insert(key).inserted else { throw fail(lineNumber, "'\(key)' is given twice for '\(roleName)'") }
                switch (key, value) {
                case ("fg", let value?), ("bg", let value?):
                    guard let color = ThemeColor(parsing: value) else {
                        throw fail(lineNumber, "unknown colour '\(value)' (expected default, a number 0–255, or one of: \(ThemeColor.basicNames.joined(separator: ", ")))")
                    }
                    if key == "fg" { spec.foreground = color } else { spec.background = color }
                case ("bold", nil): spec.bold = true
                case ("underline", nil): spec.underline = true
                case ("reverse", nil): spec.reverse = true
                case ("dim", nil): spec.dim = true
                default:
                    throw fail(lineNumber, "unknown attribute '\(word)' (expected fg:COLOUR, bg:COLOUR or one of: \(attributeNames.joined(separator: ", ")))")
                }
            }
            styles[role] = spec
        }
        let missing = Style.allCases.filter { styles[$0] == nil }.map(\.rawValue)
        guard missing.isEmpty else {
            throw fail(0, "missing style role\(missing.count == 1 ? "" : "s"): \(missing.joined(separator: ", ")) (every role must be defined)")
        }
        return Theme(name: name, styles: styles)
    }

    /// The theme as file text (roles in `Style.allCases` order).
    public var fileText: String {
        let width = Style.allCases.map(\.rawValue.count).max() ?? 0
        return Style.allCases.map { role in
            let spec = self[role]
            var words: [String] = []
            if spec.foreground != .terminalDefault { words.append("fg:\(spec.foreground.themeText)") }
            if spec.background != .terminalDefault { words.append("bg:\(spec.background.themeText)") }
            for (on, word) in [(spec.bold, "bold"), (spec.underline, "underline"), (spec.reverse, "reverse"), (spec.dim, "dim")] where on {
                words.append(word)
            }
            let name = role.rawValue.padded(to: width)
            return words.isEmpty ? "\(name) =" : "\(name) = \(words.joined(separator: " "))"
        }.joined(separator: "\n") + "\n"
    }

    // MARK: Built-in themes

    /// dark (the default), light, high-contrast, monochrome.
    public static var builtIn: [Theme] { builtInFiles.map(\.theme) }

    public static var builtInNames: [String] { builtIn.map(\.name) }

    /// A built-in theme by name. The built-ins are values, not text parsed at start: parsing the default theme
    /// was 1.4 M instructions of the first frame (issue 11).
    public static func named(_ name: String) -> Theme? { builtIn.first { $0.name == name } }

    public static var defaultTheme: Theme { dark }

    /// A built-in theme as themes/NAME.theme holds it (a test checks; `S3WIZARD_RECORD=1 swift test` rewrites
    /// the files): its header comment, then `fileText`. Nil for a theme that is not built in.
    public var builtInFileText: String? {
        guard let file = Theme.builtInFiles.first(where: { $0.theme == self }) else { return nil }
        return file.header.map { "# \($0)\n" }.joined() + fileText
    }

    /// Each built-in theme with the header comment of its file, in the order of `builtIn`.
    private static let builtInFiles: [(theme: Theme, header: [String])] = [
        (dark, ["s3wizard theme: dark (the default), for terminals with a dark background.",
                "Format: themes/README.md. Colours are xterm-256 indices or basic names; on 8/16-colour",
                "terminals each colour is drawn as the nearest basic colour."]),
        (light, ["s3wizard theme: light, for terminals with a white or light background."]),
        (highContrast, ["s3wizard theme: high-contrast. Bright colours and bold on black, highlights in black on bright."]),
        (monochrome, ["s3wizard theme: monochrome. Attributes only, no colours (also used whenever NO_COLOR is set)."]),
    ]

    public static let dark = Theme(name: "dark", styles: [
        .normal: StyleSpec(),
        .dim: StyleSpec(foreground: 244),
        .border: StyleSpec(foreground: 240),
        .title: StyleSpec(foreground: .brightWhite, background: 24, bold: true),
        .heading: StyleSpec(foreground: 75, bold: true),
        .focus: StyleSpec(foreground: .brightWhite, background: 25, bold: true),
        .editing: StyleSpec(foreground: .brightWhite, background: 238, underline: true),
        .error: StyleSpec(foreground: 203, bold: true),
        .warning: StyleSpec(foreground: 220),
        .ok: StyleSpec(foreground: 78),
        .accent: StyleSpec(foreground: 75),
        .added: StyleSpec(foreground: 114),
        .helpBar: StyleSpec(foreground: 252, background: 236),
        .helpKey: StyleSpec(foreground: .cyan, background: 236, bold: true),
        .stateOn: StyleSpec(foreground: 78, bold: true),
        .stateOff: StyleSpec(foreground: 244),
        .stateWeakened: StyleSpec(foreground: 214, bold: true),
    ])

    public static let light = Theme(name: "light", styles: [
        .normal: StyleSpec(),
        .dim: StyleSpec(foreground: 242),
        .border: StyleSpec(foreground: 246),
        .title: StyleSpec(foreground: .brightWhite, background: 25, bold: true),
        .heading: StyleSpec(foreground: 25, bold: true),
        .focus: StyleSpec(foreground: .brightWhite, background: 24, bold: true),
        .editing: StyleSpec(foreground: .black, background: 254, underline: true),
        .error: StyleSpec(foreground: 124, bold: true),
        .warning: StyleSpec(foreground: 130, bold: true),
        .ok: StyleSpec(foreground: 28),
        .accent: StyleSpec(foreground: 25),
        .added: StyleSpec(foreground: 28, bold: true),
        .helpBar: StyleSpec(foreground: 236, background: 254),
        .helpKey: StyleSpec(foreground: 25, background: 254, bold: true),
        .stateOn: StyleSpec(foreground: 28, bold: true),
        .stateOff: StyleSpec(foreground: 242),
        .stateWeakened: StyleSpec(foreground: 130, bold: true),
    ])

    public static let highContrast = Theme(name: "high-contrast", styles: [
        .normal: StyleSpec(foreground: .brightWhite, background: .black),
        .dim: StyleSpec(foreground: .white, background: .black),
        .border: StyleSpec(foreground: .brightWhite, background: .black),
        .title: StyleSpec(foreground: .black, background: .brightWhite, bold: true),
        .heading: StyleSpec(foreground: .brightYellow, background: .black, bold: true, underline: true),
        .focus: StyleSpec(foreground: .black, background: .brightYellow, bold: true),
        .editing: StyleSpec(foreground: .black, background: .brightCyan, bold: true, underline: true),
        .error: StyleSpec(foreground: .brightRed, background: .black, bold: true),
        .warning: StyleSpec(foreground: .brightYellow, background: .black, bold: true),
        .ok: StyleSpec(foreground: .brightGreen, background: .black, bold: true),
        .accent: StyleSpec(foreground: .brightCyan, background: .black, bold: true),
        .added: StyleSpec(foreground: .brightGreen, background: .black, bold: true),
        .helpBar: StyleSpec(foreground: .black, background: .brightWhite),
        .helpKey: StyleSpec(foreground: .black, background: .brightWhite, bold: true, underline: true),
        .stateOn: StyleSpec(foreground: .brightGreen, background: .black, bold: true),
        .stateOff: StyleSpec(foreground: .white, background: .black),
        .stateWeakened: StyleSpec(foreground: .brightYellow, background: .black, bold: true, underline: true),
    ])

    public static let monochrome = Theme(name: "monochrome", styles: [
        .normal: StyleSpec(),
        .dim: StyleSpec(dim: true),
        .border: StyleSpec(),
        .title: StyleSpec(bold: true, reverse: true),
        .heading: StyleSpec(bold: true, underline: true),
        .focus: StyleSpec(reverse: true),
        .editing: StyleSpec(underline: true),
        .error: StyleSpec(bold: true),
        .warning: StyleSpec(bold: true),
        .ok: StyleSpec(),
        .accent: StyleSpec(bold: true),
        .added: StyleSpec(bold: true),
        .helpBar: StyleSpec(reverse: true),
        .helpKey: StyleSpec(bold: true, reverse: true),
        .stateOn: StyleSpec(bold: true),
        .stateOff: StyleSpec(dim: true),
        .stateWeakened: StyleSpec(bold: true, underline: true),
    ])

    /// The theme to use without `--theme`: light on a light background, as the terminal tells it through
    /// `COLORFGBG` ("fg;bg" or "fg;default;bg", set by rxvt, Konsole, iTerm2 and others; background colours 7
    /// and 9–15 are the light ones), else `background` (an OSC 11 answer, when the runtime got one), else dark.
    public static func defaultTheme(environment: [String: String], background: RGB? = nil) -> Theme {
        if let value = environment["COLORFGBG"], let last = value.split(separator: ";").last, let colour = Int(last) {
            return colour == 7 || (9...15).contains(colour) ? light : defaultTheme
        }
        if let background { return background.isLight ? light : defaultTheme }
        return defaultTheme
    }

    /// A terminal's colour as OSC 11 reports it (`rgb:RRRR/GGGG/BBBB`, 1–4 hex digits per channel).
    public struct RGB: Equatable, Sendable {
        public let red, green, blue: Double

        public init?(osc11 reply: String) {
            guard let start = reply.firstRange(of: "rgb:") else { return nil }
            let channels = reply[start.upperBound...].prefix { $0.isHexDigit || $0 == "/" }.split(separator: "/")
            guard channels.count == 3 else { return nil }
            let values = channels.compactMap { part -> Double? in
                guard (1...4).contains(part.count), let value = Int(part, radix: 16) else { return nil }
                return Double(value) / Double((1 << (4 * part.count)) - 1)
            }
            guard values.count == 3 else { return nil }
            (red, green, blue) = (values[0], values[1], values[2])
        }

        /// Relative luminance (ITU-R BT.709) above the middle grey.
        public var isLight: Bool { 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.5 }
    }

    // MARK: Loading

    /// Resolves `--theme`: a built-in name; else a file path; else NAME.theme in
    /// `$XDG_CONFIG_HOME/s3wizard/themes/` (or `~/.config/s3wizard/themes/`).
    public static func load(nameOrPath: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Theme {
        if let theme = named(nameOrPath) { return theme }
        let builtIns = "built-in themes: \(builtInNames.joined(separator: ", "))"
        let fileManager = FileManager.default
        var candidates = [nameOrPath]
        let looksLikePath = nameOrPath.contains("/") || nameOrPath.hasSuffix(".theme")
        if !looksLikePath, !nameOrPath.isEmpty {
            if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
                candidates.append("\(xdg)/s3wizard/themes/\(nameOrPath).theme")
            } else if let home = environment["HOME"], !home.isEmpty {
                candidates.append("\(home)/.config/s3wizard/themes/\(nameOrPath).theme")
            }
        }
        for path in candidates {
            var isDirectory = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory else { continue }
            guard let data = fileManager.contents(atPath: path) else {
                throw ThemeError(theme: path, line: 0, message: "cannot read the file (\(builtIns))")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw ThemeError(theme: path, line: 0, message: "the file is not UTF-8 text")
            }
            do {
                let parsed = try parse(text, name: path)
                let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
                return Theme(name: name, styles: parsed.styles)
            }
        }
        let searched = candidates.dropFirst().first.map { " nor \($0)" } ?? ""
        throw ThemeError(theme: nameOrPath, line: 0,
                         message: "no such built-in theme and no file \(nameOrPath)\(searched) (\(builtIns))")
    }
}
