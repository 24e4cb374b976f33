#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

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
        // Refused before a byte is read: a huge file would cost seconds and gigabytes in the YAML parser.
        if info.st_size > maximumSize { throw tooLarge(file, size: Int(info.st_size)) }
        let bytes = try readAll(descriptor, file: file, limit: maximumSize)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw FileProblem("\(file): not UTF-8 text") }
        return text
    }

    /// The largest answers file s3wizard reads: 1 MiB, a hundred times the largest preset with every comment.
    public static let maximumSize = 1 << 20

    /// The longest value any answers field takes: 2048 characters, the longest ARN IAM and KMS accept.
    /// Each field's own, tighter limit is checked by validation, with the field's name in the message.
    public static let maximumValueLength = 2048

    static func tooLarge(_ file: String, size: Int) -> FileProblem {
        FileProblem("\(file): cannot read: it is \(size > maximumSize ? "\(size) bytes" : "over 1 MiB"), larger than any answers file (at most \(maximumSize) bytes, 1 MiB); nothing was parsed")
    }

    /// Every byte from `descriptor`, stopping with a problem once there are more than `limit`.
    static func readAll(_ descriptor: Int32, file: String, limit: Int = maximumSize) throws(FileProblem) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw FileProblem("\(file): cannot read: \(String(cString: strerror(errno)))") }
            if n == 0 { return bytes }
            bytes += chunk[..<n]
            // The file grew after fstat: still never more than the limit in memory.
            if bytes.count > limit { throw tooLarge(file, size: bytes.count) }
        }
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

    /// `load`, and the file's fingerprint for a later `save(replacing: .ifUnchanged(since:))`: taken before
    /// the read, so any write after it, even one racing the read, makes that save ask.
    public static func loadWithFingerprint(_ file: String) throws(FileProblem) -> (plan: Plan, fingerprint: FileFingerprint?) {
        let fingerprint = try? FileFingerprint.of(file)
        return (try load(file), fingerprint)
    }

    /// Reads and parses an answers file; the problem names the file, the line and the field.
    public static func load(_ file: String, valueLimit: Int? = maximumValueLength) throws(FileProblem) -> Plan {
        let text = try readText(file)
        do {
            return try parse(text, valueLimit: valueLimit)
        } catch {
            throw FileProblem(error.located(in: file))
        }
    }

    /// Writes `text` to `file` whole or not at all, replacing whatever is there (but never a link).
    public static func save(_ text: String, to file: String) throws(FileProblem) {
        _ = try save(text, to: file, replacing: .always)
    }

    /// Writes `text` to `file` whole or not at all: a temporary file beside it (created exclusively, never
    /// through a link), flushed, renamed over it, and the folder flushed. A file it replaces keeps its mode.
    /// A symbolic link at `file` is refused rather than replaced or followed: replacing it would silently
    /// break whatever the link was for, and writing its target would write somewhere the user did not name.
    /// With `.ifUnchanged`, a file that differs from what the caller last saw is left alone and reported.
    public static func save(_ text: String, to file: String, replacing: Replacing) throws(FileProblem) -> SaveResult {
        let bytes = Array(text.utf8)
        var info = stat()
        var mode: mode_t? = nil
        if lstat(file, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG: mode = info.st_mode & 0o777
            case S_IFLNK:
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: file)).map { " to \(quoted($0))" } ?? ""
                throw FileProblem("\(file): cannot save: it is a symbolic link\(target); s3wizard does not replace or write through links (save to the file it points to, or remove the link)")
            case S_IFDIR: throw FileProblem("\(file): cannot save: it is a directory")
            default: throw FileProblem("\(file): cannot save: it is \(notRegularFile(info.st_mode) ?? "not a regular file")")
            }
            // Content decides: a rewrite with the same bytes (a touch, an editor's save) loses nothing when replaced.
            if case let .ifUnchanged(since) = replacing, let current = try FileFingerprint.of(file), current.sha256 != since?.sha256,
               current.sha256 != SHA256.hex(bytes) {
                return .differs(current: current)
            }
        } else if errno != ENOENT {
            throw FileProblem("\(file): cannot save: \(String(cString: strerror(errno)))")
        }
        let (directory, name) = PathName.split(file)
        var temporary = ""
        var descriptor: Int32 = -1
        for attempt in 0..<100 where descriptor < 0 {
            temporary = directory + "/.\(name).\(getpid()).\(attempt).tmp"
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if descriptor < 0 && errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw FileProblem("\(file): cannot save: \(String(cString: strerror(errno)))") }
        var written = 0
        var failure: Int32 = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; failure = errno; break }
            written += n
        }
        if failure == 0, let mode, fchmod(descriptor, mode) != 0 { failure = errno }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        var after = stat()
        if failure == 0, fstat(descriptor, &after) != 0 { failure = errno }
        close(descriptor)
        if failure == 0, rename(temporary, file) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw FileProblem("\(file): cannot save: \(String(cString: strerror(failure))); the previous file is unchanged")
        }
        // The rename itself is durable once the folder is flushed.
        let folder = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 { fsync(folder); close(folder) }
        return .saved(FileFingerprint(after, sha256: SHA256.hex(bytes)))
    }

    /// How a save may replace an existing file.
    public enum Replacing: Equatable, Sendable {
        /// Whatever is there (the user was asked, or nothing is known about the file).
        case always
        /// Only the file as the caller last saw it (nil: the caller has seen none), or one that already holds these bytes.
        case ifUnchanged(since: FileFingerprint?)
    }

    public enum SaveResult: Equatable, Sendable {
        case saved(FileFingerprint)
        /// Nothing was written: the file on disk is not the one the caller last saw. Ask, then save with `.always`.
        case differs(current: FileFingerprint)
    }
}

/// A file as it was when seen: its modification time and the SHA-256 of its bytes. Equal fingerprints mean
/// nobody wrote the file in between (an editor that rewrites the same bytes changes the time; a copy with the
/// old time keeps a different hash).
public struct FileFingerprint: Equatable, Sendable {
    public let modifiedSeconds: Int
    public let modifiedNanoseconds: Int
    public let size: Int
    public let sha256: String

    init(_ info: stat, sha256: String) {
        modifiedSeconds = Int(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
        size = Int(info.st_size)
        self.sha256 = sha256
    }

    /// The fingerprint of a regular file; nil when there is none. A link is not followed (it is a problem).
    public static func of(_ file: String) throws(FileProblem) -> FileFingerprint? {
        let descriptor = open(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw FileProblem("\(file): cannot read: \(errno == ELOOP ? "it is a symbolic link" : String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, AnswersFile.notRegularFile(info.st_mode) == nil else {
            throw FileProblem("\(file): cannot read: it is not a regular file")
        }
        let bytes = try AnswersFile.readAll(descriptor, file: file)
        return FileFingerprint(info, sha256: SHA256.hex(bytes))
    }
}
