import Foundation
import Testing
@testable import S3HardeningCore

/// The exporter against an untrusted tree and manifest, a second run, and a kill at every step.
@Suite struct ExporterSafetyTests {
    let fm = FileManager.default
    let old = Preset.maximumProtection.plan.artifacts()
    let new = Preset.readerWriter.plan.artifacts()

    /// Every regular file below `dir` by relative path (links are recorded as links, never followed).
    private func snapshot(_ dir: URL) -> [String: String] {
        var result: [String: String] = [:]
        for case let path as String in fm.enumerator(atPath: dir.path) ?? NSEnumerator() {
            let full = dir.appendingPathComponent(path).path
            if let target = try? fm.destinationOfSymbolicLink(atPath: full) { result[path] = "-> " + target; continue }
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: full, isDirectory: &isDirectory), isDirectory.boolValue { result[path + "/"] = ""; continue }
            result[path] = (try? String(contentsOfFile: full, encoding: .utf8)) ?? "<unreadable>"
        }
        return result
    }

    private func cleanExport(_ artifacts: ArtifactSet) throws -> [String: String] {
        let dir = temporaryDirectory()
        try Exporter(directory: dir.path).export(artifacts)
        return snapshot(dir)
    }

    private func writeManifest(_ dir: URL, _ entries: [String: String]) throws {
        let body = entries.map { "\(JSONRenderer.quote($0.key)): \(JSONRenderer.quote($0.value))" }.joined(separator: ", ")
        try "{\"generator\": \"s3wizard\", \"files\": {\(body)}}".write(to: dir.appendingPathComponent(Exporter.manifestName), atomically: true, encoding: .utf8)
    }

    @Test func manifestEntriesOutsideTheDirectoryAreNeverRemovedEvenWithForce() throws {
        let base = temporaryDirectory()
        let dir = base.appendingPathComponent("out")
        try Exporter(directory: dir.path).export(old)
        let precious = base.appendingPathComponent("precious.txt")
        try "mine\n".write(to: precious, atomically: true, encoding: .utf8)
        let hash = SHA256.hex(Array("mine\n".utf8))
        let hostile = ["../precious.txt", precious.path, "terraform/../../precious.txt", "./x", "a//b", "", ".s3wizard-backup/0", "bad\u{1B}[2Jname"]
        try writeManifest(dir, Dictionary(uniqueKeysWithValues: hostile.map { ($0, hash) }))
        let report = try Exporter(directory: dir.path).export(new, force: true)
        #expect(try String(contentsOf: precious, encoding: .utf8) == "mine\n")
        #expect(Set(report.ignored) == Set(hostile))
        #expect(report.removed.isEmpty)
        #expect(report.notes.allSatisfy { !$0.contains("\u{1B}") }, "escape sequences from the manifest are never printed raw")
    }

    @Test func aFolderLinkPlantedInsideIsRefusedNotFollowed() throws {
        let base = temporaryDirectory()
        let dir = base.appendingPathComponent("out")
        try Exporter(directory: dir.path).export(old)
        let elsewhere = base.appendingPathComponent("elsewhere")
        try fm.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try fm.removeItem(at: dir.appendingPathComponent("policies"))
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("policies").path, withDestinationPath: "../elsewhere")
        let before = snapshot(dir)
        #expect(throws: ExportError.unsafe(["policies (is a symbolic link)"])) { try Exporter(directory: dir.path).export(new, force: true) }
        #expect(try fm.contentsOfDirectory(atPath: elsewhere.path).isEmpty, "nothing written through the link")
        #expect(snapshot(dir) == before)
    }

    @Test func aFileLinkIsNeitherFollowedNorReplaced() throws {
        let base = temporaryDirectory()
        let dir = base.appendingPathComponent("out")
        try Exporter(directory: dir.path).export(old)
        let outside = base.appendingPathComponent("outside.txt")
        try "outside\n".write(to: outside, atomically: true, encoding: .utf8)
        try fm.removeItem(at: dir.appendingPathComponent("README.md"))
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("README.md").path, withDestinationPath: outside.path)
        #expect(throws: ExportError.unsafe(["README.md (is a symbolic link)"])) { try Exporter(directory: dir.path).export(old, force: true) }
        #expect(try String(contentsOf: outside, encoding: .utf8) == "outside\n")
    }

    @Test func replacedFilesKeepTheirMode() throws {
        let dir = temporaryDirectory()
        try Exporter(directory: dir.path).export(old)
        for name in ["README.md", "answers.yaml"] { chmod(dir.appendingPathComponent(name).path, 0o600) }
        try Exporter(directory: dir.path).export(new)
        for name in ["README.md", "answers.yaml"] {
            let mode = try #require(try fm.attributesOfItem(atPath: dir.appendingPathComponent(name).path)[.posixPermissions] as? Int)
            #expect(mode == 0o600, "\(name)")
        }
    }

    @Test func anEmptyDirectoryNameIsRefused() {
        #expect(throws: ExportError.self) { try Exporter(directory: "").export(old) }
    }

    @Test func aSecondRunWaitsForTheLockThenFailsClearly() throws {
        let dir = temporaryDirectory()
        try Exporter(directory: dir.path).export(old)
        let before = snapshot(dir)
        let fd = open(dir.appendingPathComponent(Exporter.lockName).path, O_RDWR)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        var exporter = Exporter(directory: dir.path)
        exporter.lockWait = .milliseconds(200)
        do {
            try exporter.export(new)
            Issue.record("expected the lock to be refused")
        } catch {
            #expect(error == .busy(directory: dir.path))
            #expect(error.description.contains("another s3wizard is writing to"))
        }
        #expect(snapshot(dir) == before)
    }

    /// A kill at any rename leaves a tree the next run turns into the complete old set (or the new set, once the
    /// journal is gone). The "kill" is a copy of the tree taken at that instant, which is all a kill leaves.
    @Test func aKillAtEveryRenameLeavesOneCompleteSetAfterRecovery() throws {
        let oldSet = try cleanExport(old)
        let newSet = try cleanExport(new)
        final class Box: @unchecked Sendable { var count = 0; var frozen: URL?; var stopAt = 0; var dir: URL? }
        var kills = 0
        for stopAt in 1...200 {
            let dir = temporaryDirectory()
            try Exporter(directory: dir.path).export(old)
            let box = Box()
            box.stopAt = stopAt
            box.dir = dir
            var operations = FileOperations.real
            let realRename = operations.rename
            operations.rename = { from, fromName, to, toName throws(TreeError) in
                box.count += 1
                if box.count == box.stopAt {
                    let copy = temporaryDirectory().appendingPathComponent("killed")
                    try? FileManager.default.copyItem(at: box.dir!, to: copy)
                    box.frozen = copy
                }
                try realRename(from, fromName, to, toName)
            }
            try Exporter(directory: dir.path, operations: operations).export(new)
            guard let frozen = box.frozen else { break }
            kills += 1
            let report = try Exporter(directory: frozen.path).check(new)
            #expect(report.recovered.count == 1, "the next run says what it recovered")
            #expect(snapshot(frozen) == oldSet, "kill at rename \(stopAt)")
            try Exporter(directory: frozen.path).export(new)
            #expect(snapshot(frozen) == newSet, "the run after the recovery completes the new set")
        }
        #expect(kills > 20)
    }

    /// Killed right after the commit: the next run keeps the new set and finishes tidying up (no empty folders left).
    @Test func aKillAfterTheCommitLeavesTheNewSet() throws {
        let newSet = try cleanExport(new)
        let dir = temporaryDirectory()
        try Exporter(directory: dir.path).export(old)
        final class Box: @unchecked Sendable { var frozen: URL?; var dir: URL? }
        let box = Box()
        box.dir = dir
        var operations = FileOperations.real
        let realRename = operations.rename
        operations.rename = { from, fromName, to, toName throws(TreeError) in
            try realRename(from, fromName, to, toName)
            if toName == Exporter.committedName {
                let copy = temporaryDirectory().appendingPathComponent("killed")
                try? FileManager.default.copyItem(at: box.dir!, to: copy)
                box.frozen = copy
            }
        }
        try Exporter(directory: dir.path, operations: operations).export(new)
        let frozen = try #require(box.frozen)
        #expect(fm.fileExists(atPath: frozen.appendingPathComponent(".s3wizard-backup").path), "killed before the tidying up")
        let report = try Exporter(directory: frozen.path).check(new)
        #expect(report.recovered == ["finished tidying up after an export that was interrupted once it had written the complete new set"])
        #expect(snapshot(frozen) == newSet)
    }

    @Test func aBackupFolderWithoutItsJournalIsNeverDeleted() throws {
        let dir = temporaryDirectory()
        try Exporter(directory: dir.path).export(old)
        try fm.createDirectory(at: dir.appendingPathComponent(".s3wizard-backup"), withIntermediateDirectories: true)
        try "only copy\n".write(to: dir.appendingPathComponent(".s3wizard-backup/0"), atomically: true, encoding: .utf8)
        #expect(throws: ExportError.self) { try Exporter(directory: dir.path).export(new) }
        #expect(fm.fileExists(atPath: dir.appendingPathComponent(".s3wizard-backup/0").path))
    }

    @Test func aPlantedJournalCannotReachOutside() throws {
        let base = temporaryDirectory()
        let dir = base.appendingPathComponent("out")
        try Exporter(directory: dir.path).export(old)
        try "{\"format\": \"s3wizard-journal 1\", \"directories\": [], \"steps\": [{\"path\": \"../precious.txt\", \"slot\": 0, \"backup\": false, \"written\": \"\(SHA256.hex(Array("mine\n".utf8)))\"}]}"
            .write(to: dir.appendingPathComponent(".s3wizard-journal"), atomically: true, encoding: .utf8)
        try "mine\n".write(to: base.appendingPathComponent("precious.txt"), atomically: true, encoding: .utf8)
        let report = try Exporter(directory: dir.path).export(old)
        #expect(report.recovered == ["discarded an export that was interrupted before it changed anything"])
        #expect(fm.fileExists(atPath: base.appendingPathComponent("precious.txt").path))
    }

    @Test func scratchFoldersOfOlderVersionsAreRemovedOrReported() throws {
        let dir = temporaryDirectory()
        try Exporter(directory: dir.path).export(old)
        let staging = dir.appendingPathComponent(".s3wizard-staging-123-456")
        let backup = dir.appendingPathComponent(".s3wizard-backup-123-456")
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        try fm.createDirectory(at: backup.appendingPathComponent("terraform"), withIntermediateDirectories: true)
        try "staged".write(to: staging.appendingPathComponent("0"), atomically: true, encoding: .utf8)
        try "old".write(to: backup.appendingPathComponent("terraform/s3.tf"), atomically: true, encoding: .utf8)
        let report = try Exporter(directory: dir.path).export(old)
        #expect(!fm.fileExists(atPath: staging.path))
        #expect(fm.fileExists(atPath: backup.appendingPathComponent("terraform/s3.tf").path), "the only copy of old files is kept")
        #expect(report.recovered.count == 2)
    }

    @Test func somethingNotOursInAScratchFolderIsLeftAndReported() throws {
        let dir = temporaryDirectory()
        try Exporter(directory: dir.path).export(old)
        try fm.createDirectory(at: dir.appendingPathComponent(".s3wizard-staging/notes"), withIntermediateDirectories: true)
        do {
            try Exporter(directory: dir.path).export(new)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.description.contains(".s3wizard-staging/notes: was not put there by s3wizard"))
        }
        #expect(fm.fileExists(atPath: dir.appendingPathComponent(".s3wizard-staging/notes").path))
    }

    @Test(arguments: ["../x", "/etc/passwd", "a//b", "./a", "a/..", "", "a/", ".s3wizard-journal", ".s3wizard.lock", "a\u{0}b", "a\nb"])
    func relativePathsRejectAnythingButPlainInsidePaths(_ text: String) {
        #expect(RelativePath(text) == nil)
    }

    @Test func relativePathsAcceptPlainOnes() {
        #expect(RelativePath("policies/roles/reader/trust-policy.json")?.components.count == 4)
        #expect(RelativePath(".terraform.lock.hcl") != nil)
    }
}
