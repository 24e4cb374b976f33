import Foundation
import Testing
@testable import S3HardeningCore

/// The answers-file save primitive and the size limits applied before parsing.
@Suite struct AnswersFileSaveTests {
    let text = AnswersFile.render(Plan.example)

    @Test func saveIsAtomicKeepsTheModeAndReturnsTheFingerprint() throws {
        let file = temporaryDirectory().appendingPathComponent("a.yaml").path
        guard case let .saved(first) = try AnswersFile.save(text, to: file, replacing: .always) else { Issue.record("not saved"); return }
        #expect(first == (try FileFingerprint.of(file)))
        #expect(first.sha256 == SHA256.hex(Array(text.utf8)))
        chmod(file, 0o600)
        _ = try AnswersFile.save(text + "# more\n", to: file, replacing: .always)
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o600)
        let folder = (file as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["a.yaml"], "no temporary file left")
    }

    @Test func aFileThatChangedSinceLastSeenIsReportedNotReplaced() throws {
        let file = temporaryDirectory().appendingPathComponent("a.yaml").path
        guard case let .saved(seen) = try AnswersFile.save(text, to: file, replacing: .always) else { Issue.record("not saved"); return }
        try "edited elsewhere\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try AnswersFile.save(text, to: file, replacing: .ifUnchanged(since: seen))
        guard case let .differs(current) = result else { Issue.record("expected differs, got \(result)"); return }
        #expect(current.sha256 == SHA256.hex(Array("edited elsewhere\n".utf8)))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "edited elsewhere\n")
        // Unseen but already holding these bytes: nothing to ask.
        #expect(try AnswersFile.save("edited elsewhere\n", to: file, replacing: .ifUnchanged(since: nil)) != .differs(current: current))
        // Unchanged since seen: replaced.
        guard case .saved = try AnswersFile.save(text, to: file, replacing: .ifUnchanged(since: try FileFingerprint.of(file))) else { Issue.record("not saved"); return }
    }

    @Test func aSymbolicLinkIsRefusedAndLeftAsItIs() throws {
        let dir = temporaryDirectory()
        let target = dir.appendingPathComponent("real.yaml").path
        try "real\n".write(toFile: target, atomically: true, encoding: .utf8)
        let link = dir.appendingPathComponent("link.yaml").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(throws: FileProblem.self) { try AnswersFile.save(text, to: link) }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "real\n")
    }

    @Test func aFileOverOneMebibyteIsRefusedBeforeReading() throws {
        let file = temporaryDirectory().appendingPathComponent("big.yaml").path
        try Data(count: AnswersFile.maximumSize + 1).write(to: URL(fileURLWithPath: file))
        let started = ContinuousClock.now
        #expect(throws: FileProblem("\(file): cannot read: it is 1048577 bytes, larger than any answers file (at most 1048576 bytes, 1 MiB); nothing was parsed")) {
            try AnswersFile.readText(file)
        }
        #expect(ContinuousClock.now - started < .seconds(1))
    }

    @Test func textOverOneMebibyteIsRefusedBeforeTheParser() {
        let huge = "version: 1\n# " + String(repeating: "x", count: AnswersFile.maximumSize) + "\n"
        #expect(throws: AnswersError.self) { try AnswersFile.parse(huge) }
    }

    @Test func aValueOverTheLongestFieldIsRefusedWithItsField() throws {
        let long = String(repeating: "a", count: AnswersFile.maximumValueLength + 1)
        let yaml = text.replacingOccurrences(of: "service: \"\(Plan.example.basics.service)\"", with: "service: \"\(long)\"")
        #expect(yaml != text)
        do {
            _ = try AnswersFile.parse(yaml)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.path == FieldPath(\.basics.service))
            #expect(error.message.contains("characters long; no answers field takes more than 2048"))
        }
        let fits = text.replacingOccurrences(of: "service: \"\(Plan.example.basics.service)\"", with: "service: \"\(String(repeating: "a", count: 2048))\"")
        #expect(throws: Never.self) { try AnswersFile.parse(fits) }
        // A key is held to the same limit (a 5,000-character tag key once went through).
        var tagged = Plan.example
        tagged.basics.tags[String(repeating: "é", count: 5_000)] = "x"
        do {
            _ = try AnswersFile.parse(AnswersFile.render(tagged))
            Issue.record("a 5,000-character key was read")
        } catch {
            #expect(error.message.contains("a key is 5000 characters long"))
        }
        #expect(try AnswersFile.parse(AnswersFile.render(tagged), valueLimit: nil) == tagged, "drafts keep it")
        // A draft gives back what was typed, however long; validation then names the field's own limit.
        #expect(try AnswersFile.parse(yaml, valueLimit: nil).basics.service == long)
    }
}
