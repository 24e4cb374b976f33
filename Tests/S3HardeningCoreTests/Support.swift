import Foundation
@_exported import TestSupport
@testable import S3HardeningCore

/// Paths of the repository, found from this file (tests must not depend on the working directory).
enum Repo {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let root = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let golden = testsDirectory.appendingPathComponent("Golden")
    static let docs = root.appendingPathComponent("docs")

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
