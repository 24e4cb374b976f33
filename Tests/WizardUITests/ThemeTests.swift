import Foundation
import Testing
import TestSupport
@testable import WizardUI

@Suite struct ThemeTests {
    /// Light terminals get the light theme without --theme: COLORFGBG first, else the OSC 11 answer (issue 10).
    @Test func theDefaultFollowsTheTerminalBackground() {
        #expect(Theme.defaultTheme(environment: ["COLORFGBG": "0;15"]).name == "light")
        #expect(Theme.defaultTheme(environment: ["COLORFGBG": "0;default;7"]).name == "light")
        #expect(Theme.defaultTheme(environment: ["COLORFGBG": "15;0"]).name == "dark")
        #expect(Theme.defaultTheme(environment: ["COLORFGBG": "15;0"], background: Theme.RGB(osc11: "\u{1B}]11;rgb:ffff/ffff/ffff\u{7}")).name == "dark",
                "COLORFGBG wins")
        #expect(Theme.defaultTheme(environment: [:], background: Theme.RGB(osc11: "\u{1B}]11;rgb:ffff/fafa/f0f0\u{1B}\\\u{1B}[?62;c")).name == "light")
        #expect(Theme.defaultTheme(environment: [:], background: Theme.RGB(osc11: "\u{1B}]11;rgb:1e/1e/2e\u{7}")).name == "dark")
        #expect(Theme.defaultTheme(environment: [:]).name == "dark")
        #expect(Theme.RGB(osc11: "\u{1B}[?62;c") == nil, "a terminal that answers only DA1")
        #expect(Theme.RGB(osc11: "rgb:zz/00/00") == nil)
    }

    @Test(arguments: Theme.builtInNames)
    func builtInThemesParseAndDefineEveryRole(_ name: String) throws {
        let theme = try #require(Theme.named(name))
        #expect(theme.name == name)
        for role in Style.allCases { #expect(theme.styles[role] != nil, "\(name) lacks \(role)") }
        // The writer and the parser agree, and the file (with its header) reads back as the value.
        #expect(try Theme.parse(theme.fileText, name: name) == theme)
        #expect(try Theme.parse(try #require(theme.builtInFileText), name: name) == theme)
    }

    @Test func builtInsAreInOrderWithDarkAsTheDefault() {
        #expect(Theme.builtIn.map(\.name) == ["dark", "light", "high-contrast", "monochrome"])
        #expect(Theme.defaultTheme.name == "dark")
        #expect(Theme.named("solarized") == nil)
    }

    @Test func monochromeUsesOnlyAttributesAndIsTheColourlessFallback() {
        let mono = Theme.monochrome
        #expect(!mono.usesColor)
        #expect(mono[.focus].reverse)
        #expect(Theme.defaultTheme.usesColor)
        #expect(Theme.defaultTheme.colorless == mono)
        let attributesOnly = Theme(name: "mine", styles: Dictionary(uniqueKeysWithValues: Style.allCases.map { ($0, StyleSpec(bold: true)) }))
        #expect(attributesOnly.colorless == attributesOnly)
    }

    @Test func theFormatAcceptsNamesNumbersDefaultsCommentsAndAttributes() throws {
        var text = Theme.monochrome.fileText
        text = text.replacingOccurrences(of: "focus         = reverse",
                                         with: "  focus=fg:bright-white  bg:24\tbold underline reverse dim   # the focused row")
        text = "# a comment\n\n" + text.replacingOccurrences(of: "normal        =", with: "normal = fg:default bg:0")
        let theme = try Theme.parse(text, name: "t")
        #expect(theme[.focus] == StyleSpec(foreground: .indexed(15), background: .indexed(24), bold: true, underline: true, reverse: true, dim: true))
        #expect(theme[.normal] == StyleSpec(foreground: .terminalDefault, background: .indexed(0)))
    }

    /// The error for a valid theme whose line 3 is `line3` (two comment lines, then it in place of `normal`).
    private func error(line3: String) -> ThemeError? {
        let lines = Theme.monochrome.fileText.split(separator: "\n").map(String.init)
        let text = (["# header", "# header"] + [line3] + lines.dropFirst()).joined(separator: "\n")
        do { _ = try Theme.parse(text, name: "x"); return nil } catch { return error }
    }

    @Test func badLinesAreErrorsNamingTheThemeAndLine() {
        #expect(error(line3: "normal =") == nil)
        let role = error(line3: "foo = bold")
        #expect(role?.line == 3)
        #expect(role?.description.hasPrefix("theme 'x' line 3: unknown style role 'foo' (expected one of: normal, dim, border,") == true)
        #expect(error(line3: "normal = blink")?.description == "theme 'x' line 3: unknown attribute 'blink' (expected fg:COLOUR, bg:COLOUR or one of: bold, underline, reverse, dim)")
        #expect(error(line3: "normal = fg:purple")?.message.hasPrefix("unknown colour 'purple'") == true)
        #expect(error(line3: "normal = fg:256")?.message.hasPrefix("unknown colour '256'") == true)
        #expect(error(line3: "normal = bg:")?.line == 3)
        #expect(error(line3: "normal = bold:yes")?.line == 3)
        #expect(error(line3: "normal = fg:1 fg:2")?.message == "'fg' is given twice for 'normal'")
        #expect(error(line3: "normal bold")?.line == 3)
        #expect(error(line3: "dim = dim")?.description == "theme 'x' line 4: style role 'dim' is defined twice")  // the second one
    }

    @Test func missingRolesAreNamed() {
        #expect(throws: ThemeError(theme: "x", line: 0, message: "missing style roles: helpKey, stateOn, stateOff, stateWeakened (every role must be defined)")) {
            let kept = Theme.monochrome.fileText.split(separator: "\n").filter {
                !["helpKey", "stateOn", "stateOff", "stateWeakened"].contains($0.split(separator: " ").first.map(String.init) ?? "")
            }
            _ = try Theme.parse(kept.joined(separator: "\n"), name: "x")
        }
    }

    /// themes/NAME.theme must be the built-in value as file text (rewritten with S3WIZARD_RECORD=1).
    @Test(arguments: Theme.builtInNames)
    func themeFilesMatchTheEmbeddedThemes(_ name: String) throws {
        let text = try #require(Theme.named(name)?.builtInFileText)
        let url = themesDirectory.appendingPathComponent("\(name).theme")
        if let failure = compareWithFile(text, at: url) { Issue.record(Comment(rawValue: failure)) }
    }

    @Test func loadResolvesBuiltInsThenFilesThenTheConfigDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("s3wizard-theme-\(UUID().uuidString)")
        let config = directory.appendingPathComponent("s3wizard/themes")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let custom = Theme.monochrome.fileText.replacingOccurrences(of: "focus         = reverse", with: "focus = fg:red")
        try custom.write(to: config.appendingPathComponent("mine.theme"), atomically: true, encoding: .utf8)

        #expect(try Theme.load(nameOrPath: "light", environment: [:]) == Theme.named("light"))
        let byPath = try Theme.load(nameOrPath: config.appendingPathComponent("mine.theme").path, environment: [:])
        #expect(byPath.name == "mine")
        #expect(byPath[.focus].foreground == .indexed(1))
        #expect(try Theme.load(nameOrPath: "mine", environment: ["XDG_CONFIG_HOME": directory.path]) == byPath)
        // Without XDG_CONFIG_HOME the directory is ~/.config, which has no mine.theme here.
        #expect(throws: ThemeError.self) { try Theme.load(nameOrPath: "mine", environment: ["HOME": directory.path]) }
    }

    @Test func loadErrorsNameTheFileAndTheBuiltIns() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("s3wizard-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func message(_ nameOrPath: String, _ environment: [String: String] = [:]) -> String {
            do { _ = try Theme.load(nameOrPath: nameOrPath, environment: environment); return "" } catch { return "\(error)" }
        }
        let missing = message("solarized", ["HOME": directory.path])
        #expect(missing.contains("solarized"))
        #expect(missing.contains("\(directory.path)/.config/s3wizard/themes/solarized.theme"))
        #expect(missing.contains("built-in themes: dark, light, high-contrast, monochrome"))

        let bad = directory.appendingPathComponent("bad.theme")
        try "normal = bold\nfocus = sparkly\n".write(to: bad, atomically: true, encoding: .utf8)
        #expect(message(bad.path) == "theme '\(bad.path)' line 2: unknown attribute 'sparkly' (expected fg:COLOUR, bg:COLOUR or one of: bold, underline, reverse, dim)")
        #expect(message(directory.appendingPathComponent("nope.theme").path).contains("built-in themes:"))
    }
}

private let themesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("themes")
