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
    /// A UTF-8 text file, or a problem that says why not (missing, a directory, a pipe or device,
    /// unreadable, not text). The file's type is checked before it is opened: opening a FIFO would
    /// block until someone writes to it, and reading a device can have effects or never end.
    public static func readText(_ file: String) throws(FileProblem) -> String {
        var info = stat()
        guard stat(file, &info) == 0 else {
            throw FileProblem("\(file): cannot read: \(errno == ENOENT ? "no such file" : String(cString: strerror(errno)))")
        }
        if let kind = notRegularFile(info.st_mode) { throw FileProblem("\(file): cannot read: it is \(kind), not an answers file") }
        // O_NONBLOCK: if the path was swapped for a FIFO since stat, open still returns at once.
        let descriptor = open(file, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileProblem("\(file): cannot read: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        guard fstat(descriptor, &info) == 0, notRegularFile(info.st_mode) == nil else {
            throw FileProblem("\(file): cannot read: it is no longer a regular file")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw FileProblem("\(file): cannot read: \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            bytes += chunk[..<n]
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw FileProblem("\(file): not UTF-8 text") }
        return text
    }

    /// What a file that is not a regular file is, in words; nil for a regular file.
    static func notRegularFile(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a named pipe (FIFO); it was not opened"
        case S_IFSOCK: return "a socket; it was not opened"
        case S_IFCHR: return "a character device; it was not opened"
        case S_IFBLK: return "a block device; it was not opened"
        default: return "not a regular file"
        }
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
