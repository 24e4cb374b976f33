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

    /// The spelling a theme file uses.
    public var themeText: String {
        switch self {
        case .terminalDefault: return "default"
        case .indexed(let index): return index < 16 ? ThemeColor.basicNames[Int(index)] : String(index)
        }
    }
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

    /// The built-in themes' file text, in the order of `builtIn`; themes/NAME.theme holds the same text (a test checks).
    public static let builtInSources: [(name: String, text: String)] = [
        ("dark", darkSource), ("light", lightSource), ("high-contrast", highContrastSource), ("monochrome", monochromeSource),
    ]

    /// dark (the default), light, high-contrast, monochrome.
    public static let builtIn: [Theme] = builtInSources.map(parsed)

    public static var builtInNames: [String] { builtInSources.map(\.name) }

    /// Parses only the built-in theme asked for: a start needs one theme, not all four (issue 11).
    public static func named(_ name: String) -> Theme? { builtInSources.first { $0.name == name }.map(parsed) }

    public static let defaultTheme = parsed(builtInSources[0])

    private static func parsed(_ source: (name: String, text: String)) -> Theme {
        do { return try Theme.parse(source.text, name: source.name) } catch { preconditionFailure("built-in \(error)") }
    }

    public static var monochrome: Theme { named("monochrome")! }

    /// The theme to use without `--theme`: light on a light background, as the terminal tells it through
    /// `COLORFGBG` ("fg;bg" or "fg;default;bg", set by rxvt, Konsole, iTerm2 and others; background colours 7
    /// and 9–15 are the light ones), else `background` (an OSC 11 answer, when the runtime got one), else dark.
    public static func defaultTheme(environment: [String: String], background: RGB? = nil) -> Theme {
        if let value = environment["COLORFGBG"], let last = value.split(separator: ";").last, let colour = Int(last) {
            return colour == 7 || (9...15).contains(colour) ? named("light")! : defaultTheme
        }
        if let background { return background.isLight ? named("light")! : defaultTheme }
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

// The built-in themes, exactly as in themes/*.theme (rewrite those with S3WIZARD_RECORD=1 swift test).

private let darkSource = """
# s3wizard theme: dark (the default), for terminals with a dark background.
# Format: themes/README.md. Colours are xterm-256 indices or basic names; on 8/16-colour
# terminals each colour is drawn as the nearest basic colour.
normal        =
dim           = fg:244
border        = fg:240
title         = fg:bright-white bg:24 bold
heading       = fg:75 bold
focus         = fg:bright-white bg:25 bold
editing       = fg:bright-white bg:238 underline
error         = fg:203 bold
warning       = fg:220
ok            = fg:78
accent        = fg:75
added         = fg:114
helpBar       = fg:252 bg:236
helpKey       = fg:cyan bg:236 bold
stateOn       = fg:78 bold
stateOff      = fg:244
stateWeakened = fg:214 bold

"""

private let lightSource = """
# s3wizard theme: light, for terminals with a white or light background.
normal        =
dim           = fg:242
border        = fg:246
title         = fg:bright-white bg:25 bold
heading       = fg:25 bold
focus         = fg:bright-white bg:24 bold
editing       = fg:black bg:254 underline
error         = fg:124 bold
warning       = fg:130 bold
ok            = fg:28
accent        = fg:25
added         = fg:28 bold
helpBar       = fg:236 bg:254
helpKey       = fg:25 bg:254 bold
stateOn       = fg:28 bold
stateOff      = fg:242
stateWeakened = fg:130 bold

"""

private let highContrastSource = """
# s3wizard theme: high-contrast. Bright colours and bold on black, highlights in black on bright.
normal        = fg:bright-white bg:black
dim           = fg:white bg:black
border        = fg:bright-white bg:black
title         = fg:black bg:bright-white bold
heading       = fg:bright-yellow bg:black bold underline
focus         = fg:black bg:bright-yellow bold
editing       = fg:black bg:bright-cyan bold underline
error         = fg:bright-red bg:black bold
warning       = fg:bright-yellow bg:black bold
ok            = fg:bright-green bg:black bold
accent        = fg:bright-cyan bg:black bold
added         = fg:bright-green bg:black bold
helpBar       = fg:black bg:bright-white
helpKey       = fg:black bg:bright-white bold underline
stateOn       = fg:bright-green bg:black bold
stateOff      = fg:white bg:black
stateWeakened = fg:bright-yellow bg:black bold underline

"""

private let monochromeSource = """
# s3wizard theme: monochrome. Attributes only, no colours (also used whenever NO_COLOR is set).
normal        =
dim           = dim
border        =
title         = bold reverse
heading       = bold underline
focus         = reverse
editing       = underline
error         = bold
warning       = bold
ok            =
accent        = bold
added         = bold
helpBar       = reverse
helpKey       = bold reverse
stateOn       = bold
stateOff      = dim
stateWeakened = bold underline

"""
