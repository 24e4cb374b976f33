import Foundation
import Testing
@testable import S3HardeningCore

@Suite struct ExporterTests {
    let artifacts = Plan.example.artifacts()

    private func read(_ dir: URL, _ path: String) -> String? {
        try? String(contentsOf: dir.appendingPathComponent(path), encoding: .utf8)
    }

    private func snapshot(_ dir: URL) -> [String: String] {
        var result: [String: String] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: dir.path) ?? NSEnumerator() {
            if let text = read(dir, path) { result[path] = text }
        }
        return result
    }

    @Test func writesEveryFileAndAManifestOfTheirHashes() throws {
        let dir = temporaryDirectory().appendingPathComponent("new/nested")
        let report = try Exporter(directory: dir.path).export(artifacts)
        #expect(report.created.count == artifacts.files.count)
        for file in artifacts.files { #expect(read(dir, file.path) == file.contents) }
        let manifest = try #require(parsedJSON(read(dir, Exporter.manifestName) ?? "") as? [String: Any])
        let hashes = try #require(manifest["files"] as? [String: String])
        #expect(hashes["terraform/s3.tf"] == SHA256.hex(Array(artifacts["terraform/s3.tf"]!.contents.utf8)))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/.s3wizard-staging"), "no scratch folders left")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.hasPrefix(".s3wizard-staging") && !$0.hasPrefix(".s3wizard-backup") })
    }

    @Test func rerunningOverwritesItsOwnFilesAndRemovesStaleOnes() throws {
        let dir = temporaryDirectory()
        let exporter = Exporter(directory: dir.path)
        try exporter.export(Preset.maximumProtection.plan.artifacts())
        let again = try exporter.export(Preset.maximumProtection.plan.artifacts())
        #expect(again.created.isEmpty && again.updated.isEmpty)
        // A different plan: changed files are updated, files no longer generated are removed.
        var plan = Preset.maximumProtection.plan
        plan.workload.enabled = false
        let report = try exporter.export(plan.artifacts())
        #expect(report.removed.contains("terraform/lambda.tf"))
        #expect(report.updated.contains("terraform/s3.tf") || report.updated.contains("terraform/variables.tf"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("terraform/lambda.tf").path))
    }

    @Test func handEditedFilesAreNeverOverwrittenWithoutForce() throws {
        let dir = temporaryDirectory()
        let exporter = Exporter(directory: dir.path)
        try exporter.export(artifacts)
        let edited = dir.appendingPathComponent("terraform/s3.tf")
        try "# my change\n".write(to: edited, atomically: true, encoding: .utf8)
        var plan = Plan.example
        plan.protections.noncurrentVersionExpiryDays = 30
        let before = snapshot(dir)
        #expect(throws: ExportError.conflicts(["terraform/s3.tf"])) { try exporter.export(plan.artifacts()) }
        #expect(snapshot(dir) == before, "nothing was written")
        let forced = try exporter.export(plan.artifacts(), force: true)
        #expect(forced.overwritten == ["terraform/s3.tf"])
        #expect(read(dir, "terraform/s3.tf") == plan.artifacts()["terraform/s3.tf"]!.contents)
    }

    @Test func filesNotWrittenByS3wizardAreConflicts() throws {
        let dir = temporaryDirectory()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("terraform"), withIntermediateDirectories: true)
        try "someone else's\n".write(to: dir.appendingPathComponent("terraform/versions.tf"), atomically: true, encoding: .utf8)
        try "keep me\n".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        #expect(throws: ExportError.conflicts(["terraform/versions.tf"])) { try Exporter(directory: dir.path).export(artifacts) }
        #expect(read(dir, "README.md") == nil)
        try Exporter(directory: dir.path).export(artifacts, force: true)
        #expect(read(dir, "notes.txt") == "keep me\n", "unrelated files are left alone")
    }

    @Test func aFailureMidwayLeavesTheDirectoryAsItWas() throws {
        let dir = temporaryDirectory()
        try Exporter(directory: dir.path).export(artifacts)
        var plan = Plan.example
        plan.transport.minimumTls = .v1_3
        let before = snapshot(dir)
        // Fail the fifth rename: some files are already swapped in when it happens.
        final class Counter: @unchecked Sendable { var renames = 0 }
        let counter = Counter()
        var operations = FileOperations.real
        let realRename = operations.rename
        operations.rename = { from, fromName, to, toName throws(TreeError) in
            counter.renames += 1
            if counter.renames == 5 { throw TreeError(path: toName, code: ENOSPC) }
            try realRename(from, fromName, to, toName)
        }
        #expect(throws: ExportError.self) { try Exporter(directory: dir.path, operations: operations).export(plan.artifacts()) }
        #expect(snapshot(dir) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.hasPrefix(".s3wizard-staging") && !$0.hasPrefix(".s3wizard-backup") && $0 != ".s3wizard-journal" })
    }

    @Test func aFailedWriteOfAFreshDirectoryLeavesNothingBehind() throws {
        let base = temporaryDirectory()
        let dir = base.appendingPathComponent("new/parents/out")
        var operations = FileOperations.real
        operations.write = { _, _, name, _ throws(TreeError) in throw TreeError(path: name, code: EIO) }
        do {
            try Exporter(directory: dir.path, operations: operations).export(artifacts)
            Issue.record("expected a failure")
        } catch {
            #expect("\(error)".contains("Input/output error"))
        }
        #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("new").path), "parents it made are removed too")
    }

    @Test func aFailedFlushLeavesTheDirectoryAsItWas() throws {
        let dir = temporaryDirectory()
        try Exporter(directory: dir.path).export(artifacts)
        let before = snapshot(dir)
        var operations = FileOperations.real
        operations.flush = { _ throws(TreeError) in throw TreeError(path: "", code: EIO) }
        var plan = Plan.example
        plan.protections.logRetentionDays = 400
        #expect(throws: ExportError.self) { try Exporter(directory: dir.path, operations: operations).export(plan.artifacts()) }
        #expect(snapshot(dir) == before)
    }

    @Test func aFileWhereADirectoryMustGoIsReported() throws {
        let dir = temporaryDirectory()
        try "x".write(to: dir.appendingPathComponent("terraform"), atomically: true, encoding: .utf8)
        #expect(throws: ExportError.self) { try Exporter(directory: dir.path).export(artifacts, force: true) }
        #expect(read(dir, "terraform") == "x")
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256MatchesTheStandardVectors(_ input: String, _ digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
    }

    /// Exactly one block, a tail that pads into a second block, and many blocks (values from Python's hashlib).
    @Test func sha256AcrossBlockBoundaries() {
        #expect(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 64)) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
        #expect(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 119)) == "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb")
        #expect(SHA256.hex((0..<1000).map { UInt8(($0 * 7 + 3) % 256) }) == "1e9bc38cbf860b9ec31918b065f9b52476c549a782e0e7990bed8ce3868d2371")
        #expect(SHA256.hex("abc".utf8) == SHA256.hex(Array("abc".utf8)), "any collection of bytes")
    }

    @Test func sha256HandlesMultipleBlocks() {
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Every length from empty to past four blocks (each padding case: 55, 56, 63, 64, 119, 120, ...), checked
    /// against coreutils' `sha256sum`, run once in the test on the same bytes written to files.
    @Test func sha256MatchesSha256sumForEveryLengthUpTo300() throws {
        let pattern = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = try (0...300).map { length in
            let path = dir.appendingPathComponent("length-\(length)").path
            try Data(pattern.prefix(length)).write(to: URL(fileURLWithPath: path))
            return path
        }
        let output = try #require(ChildProcess.run("/usr/bin/sha256sum", paths, environment: [:]))
        #expect(output.status == 0, "\(output.stderr)")
        // One line per file: "<64 hex digits>  <path>".
        let expected = output.stdout.split(separator: "\n").map { String($0.prefix(64)) }
        try #require(expected.count == 301)
        for length in 0...300 {
            #expect(SHA256.hex(pattern.prefix(length)) == expected[length], "length \(length), an ArraySlice")
            #expect(SHA256.hex(Array(pattern.prefix(length))) == expected[length], "length \(length), an Array")
        }
    }

    /// Collections without contiguous storage are hashed from a copy, to the same digest.
    @Test func sha256OfANonContiguousCollection() {
        let lazyBytes = (0..<200).lazy.map { UInt8($0) }
        #expect(lazyBytes.withContiguousStorageIfAvailable { _ in true } == nil, "takes the copying path")
        #expect(SHA256.hex(lazyBytes) == SHA256.hex(Array(lazyBytes)))
        #expect(SHA256.hex(EmptyCollection<UInt8>()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
