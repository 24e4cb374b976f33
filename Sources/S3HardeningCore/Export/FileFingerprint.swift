import Foundation

// What a file was when it was read or written, so a later save can tell that someone else (a second
// wizard, an editor) changed it in between, and ask before overwriting their work.

/// A file's size, modification time and SHA-256.
public struct FileFingerprint: Equatable, Sendable {
    public let size: Int
    /// Nanoseconds since 1970 (shown in the question; the content decides whether it changed).
    public let modified: Int64
    public let sha256: String

    public init(bytes: some Collection<UInt8>, modified: Int64) {
        size = bytes.count
        self.modified = modified
        sha256 = SHA256.hex(bytes)
    }

    public var modifiedDate: Date { Date(timeIntervalSince1970: Double(modified) / 1e9) }
}

/// A path on disk as last seen.
public enum DiskState: Equatable, Sendable {
    case absent
    case file(FileFingerprint)
    /// There, but not readable as a regular file (the save will say why).
    case unreadable

    /// Reads `path` now. A FIFO or device is not opened (it could block or have effects).
    public static func of(_ path: String) -> DiskState {
        var info = stat()
        guard stat(path, &info) == 0 else { return errno == ENOENT ? .absent : .unreadable }
        guard info.st_mode & S_IFMT == S_IFREG, let data = FileManager.default.contents(atPath: path) else { return .unreadable }
        return .file(FileFingerprint(bytes: data, modified: modified(info)))
    }

    /// The state of a file whose bytes were just read as `text` (the fingerprint of exactly what was parsed).
    public static func read(_ path: String, text: String) -> DiskState {
        var info = stat()
        let modified = stat(path, &info) == 0 ? modified(info) : 0
        return .file(FileFingerprint(bytes: Array(text.utf8), modified: modified))
    }

    private static func modified(_ info: stat) -> Int64 {
        Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }

    /// Whether the file still holds what `earlier` saw: the same bytes (a rewrite with equal content, or a
    /// touch, loses nothing by being overwritten), or still absent.
    public func isUnchanged(since earlier: DiskState) -> Bool {
        switch (earlier, self) {
        case (.absent, .absent): true
        case let (.file(a), .file(b)): a.size == b.size && a.sha256 == b.sha256
        default: false
        }
    }
}

extension AnswersFile {
    /// `load`, and the file's state as read: a later save checks it was not changed in between.
    public static func loadWithState(_ file: String) throws(FileProblem) -> (plan: Plan, onDisk: DiskState) {
        let text = try readText(file)
        do {
            return (try parse(text), DiskState.read(file, text: text))
        } catch {
            throw FileProblem(error.located(in: file))
        }
    }
}
