import Foundation
import Testing
@testable import S3HardeningCore

/// The standard-library helpers that replaced Foundation's in the core give Foundation's results.
@Suite struct TextTests {
    @Test(arguments: ["answers.yaml", "dir/answers.yaml", "/answers.yaml", "/a/b/c.yaml", "a//b", "a/b/", "./a", "../a", "/"])
    func pathNamesAreNSStrings(_ path: String) {
        let ns = path as NSString
        let expected = (ns.deletingLastPathComponent.isEmpty ? "." : ns.deletingLastPathComponent, ns.lastPathComponent)
        #expect(PathName.split(path) == expected)
    }

    /// Foundation on Linux traps on `("a/" as NSString).deletingLastPathComponent`; PathName does not.
    @Test func aTrailingSlashAfterABareName() {
        #expect(PathName.split("a/") == (".", "a"))
    }

    @Test(arguments: ["", "  x  ", "\tx y\t", " \u{00A0}x\u{3000}", "\nx\n", " \r\n x", "x", "   "])
    func trimmingSpacesIsFoundationsWhitespaces(_ text: String) {
        #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces))
    }

    @Test(arguments: ["", "ab", "principal", "a-much-longer-principal-name"])
    func paddedIsFoundationsPadding(_ text: String) {
        for width in [0, 3, 9, 12] {
            #expect(text.padded(to: width) == text.padding(toLength: width, withPad: " ", startingAt: 0))
        }
    }

    @Test(arguments: ["", "-", "---", "-a-", "a--b", "--ab", "ab--", "a"])
    func trimmingACharacterIsFoundations(_ text: String) {
        #expect(text.trimming("-") == text.trimmingCharacters(in: CharacterSet(charactersIn: "-")))
    }

    /// The environment and working directory read with POSIX are what Foundation reported.
    @Test func processEnvironmentIsProcessInfos() {
        #expect(ProcessEnvironment.current() == ProcessInfo.processInfo.environment)
        #expect(ProcessEnvironment.workingDirectory() == FileManager.default.currentDirectoryPath)
    }
}
