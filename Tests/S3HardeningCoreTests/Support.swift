import Foundation
@testable import S3HardeningCore

/// Paths of the repository, found from this file (tests must not depend on the working directory).
enum Repo {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let root = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let golden = testsDirectory.appendingPathComponent("Golden")
    static let docs = root.appendingPathComponent("docs")

    /// Golden files are rewritten instead of compared when this is set.
    static var recording: Bool { ProcessInfo.processInfo.environment["S3WIZARD_RECORD"] == "1" }
}

/// Compares `actual` with a checked-in file, or records it. Returns a failure message, or nil.
func compareWithFile(_ actual: String, at url: URL) -> String? {
    if Repo.recording {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        return nil
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
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

/// A plan that validates, for tests that change one thing.
func validPlan() -> Plan { Plan.example }

func statement(_ document: PolicyDocument, _ sid: String) -> Statement? {
    document.statements.first { $0.sid == sid }
}

/// The JSON text of a document, parsed back by Foundation (an independent reader).
func parsedJSON(_ text: String) -> Any? {
    try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
}

func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("s3wizard-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
