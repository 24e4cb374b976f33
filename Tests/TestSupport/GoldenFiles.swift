import Foundation

// Golden files for the test targets: compared, or rewritten when S3WIZARD_RECORD=1.

/// Golden files are rewritten instead of compared when this is set.
public var recordingGoldenFiles: Bool { ProcessInfo.processInfo.environment["S3WIZARD_RECORD"] == "1" }

/// Compares `actual` with a checked-in file, or records it. Returns a failure message, or nil. A recording that
/// changes a file fails too, so that a run with S3WIZARD_RECORD=1 can never pass silently: rerun without it.
public func compareWithFile(_ actual: String, at url: URL, recording: Bool = recordingGoldenFiles) -> String? {
    let expected = try? String(contentsOf: url, encoding: .utf8)
    if recording {
        guard expected != actual else { return nil }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
        } catch {
            return "\(url.path) could not be recorded: \(error)"
        }
        return "\(url.path) was recorded (S3WIZARD_RECORD=1): review the diff, then run the tests without it"
    }
    guard let expected else {
        return "\(url.path) is missing; run `S3WIZARD_RECORD=1 swift test` to record it"
    }
    guard expected != actual else { return nil }
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
    let got = line < a.count ? String(a[line]) : "<end of text>"
    let want = line < e.count ? String(e[line]) : "<end of file>"
    return "\(url.path) is stale at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)\n(rerun with S3WIZARD_RECORD=1 if the change is intended)"
}

