import Foundation

// Reading and saving answers files on disk, shared by the CLI and the wizard so both give the same messages.

/// A file problem, worded for the user: `answers.yaml: cannot read: no such file`.
public struct FileProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension AnswersError {
    /// `answers.yaml:12: network.vpc_id: expected text`.
    public func located(in file: String) -> String {
        "\(file):\(line.map { "\($0):" } ?? "") \(path.components.isEmpty ? "" : "\(path): ")\(message)"
    }
}

extension AnswersFile {
    /// A UTF-8 text file, or a problem that says why not (missing, a directory, unreadable, not text).
    public static func readText(_ file: String) throws(FileProblem) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else { throw FileProblem("\(file): cannot read: no such file") }
        if isDirectory.boolValue { throw FileProblem("\(file): cannot read: it is a directory, not an answers file") }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw FileProblem("\(file): cannot read: \(String(cString: strerror(access(file, R_OK) == 0 ? EIO : errno)))")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw FileProblem("\(file): not UTF-8 text") }
        return text
    }

    /// Reads and parses an answers file; the problem names the file, the line and the field.
    public static func load(_ file: String) throws(FileProblem) -> Plan {
        let text = try readText(file)
        do {
            return try parse(text)
        } catch {
            throw FileProblem(error.located(in: file))
        }
    }

    /// Writes `text` to `file` whole or not at all: a temporary file beside it, flushed, then renamed over it.
    public static func save(_ text: String, to file: String) throws(FileProblem) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            throw FileProblem("\(file): cannot save: it is a directory")
        }
        let directory = (file as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\((file as NSString).lastPathComponent).\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileProblem("\(file): cannot save: \(String(cString: strerror(errno)))") }
        let bytes = Array(text.utf8)
        var written = 0
        var failure: Int32 = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; failure = errno; break }
            written += n
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0, rename(temporary, file) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw FileProblem("\(file): cannot save: \(String(cString: strerror(failure))); the previous file is unchanged")
        }
    }
}
