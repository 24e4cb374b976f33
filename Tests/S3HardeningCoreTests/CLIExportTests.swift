import Foundation
import Testing
@testable import S3HardeningCore

/// `generate`'s output-directory handling, through the real binary: --out "", --dry-run, recovery notes.
@Suite(.serialized) struct CLIExportTests {
    let cli = CLITests()

    @Test func anEmptyOutIsRefused() throws {
        let result = try cli.run(["generate", "--example", "--out", ""])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--out is empty: name the output directory"))
    }

    @Test func aDryRunWritesNothingAndSaysWhatItWould() throws {
        let dir = temporaryDirectory().appendingPathComponent("out")
        let fresh = try cli.run(["generate", "--example", "--out", dir.path, "--dry-run"])
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(fresh.stdout.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: dir.path))
        #expect(try cli.run(["generate", "--example", "--out", dir.path]).status == 0)
        let again = try cli.run(["generate", "--answers", dir.appendingPathComponent(Plan.answersFileName).path, "--out", dir.path, "--dry-run"])
        #expect(again.stdout.contains("Would write 0 file(s)"))
    }

    @Test func theNextRunSaysWhatItRecovered() throws {
        let dir = temporaryDirectory().appendingPathComponent("out")
        #expect(try cli.run(["generate", "--example", "--out", dir.path]).status == 0)
        // What a run killed while writing its journal leaves: a staging folder and an incomplete journal.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".s3wizard-staging"), withIntermediateDirectories: true)
        try "staged".write(to: dir.appendingPathComponent(".s3wizard-staging/0"), atomically: true, encoding: .utf8)
        try "{\"format\": \"s3wizard-jour".write(to: dir.appendingPathComponent(".s3wizard-journal"), atomically: true, encoding: .utf8)
        let result = try cli.run(["generate", "--example", "--out", dir.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("s3wizard: \(dir.path): discarded an export that was interrupted before it changed anything"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(".s3wizard-staging").path))
    }
}
