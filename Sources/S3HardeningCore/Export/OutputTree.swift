import CFileSystem
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The output directory as untrusted ground: every path below it is a validated `RelativePath`, resolved one
// component at a time from a descriptor of the directory with O_NOFOLLOW, so a symbolic link planted inside
// (`policies -> ../elsewhere`) is reported, never followed, and nothing is read, written or deleted elsewhere.

/// A plain path inside the output directory: `/`-separated, no empty, `.` or `..` components, no leading `/`,
/// no control characters, and not one of s3wizard's own bookkeeping names.
public struct RelativePath: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let components: [String]

    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !text.isEmpty, parts.count <= 32, parts.allSatisfy(Self.isPlainComponent) else { return nil }
        // The scratch folders, journal and lock belong to the exporter: a manifest must not name them.
        guard parts[0] == Exporter.manifestName || !(parts[0].hasPrefix(".s3wizard-") || parts[0] == Exporter.lockName) else { return nil }
        components = parts
    }

    static func isPlainComponent(_ part: String) -> Bool {
        !part.isEmpty && part != "." && part != ".." && part.utf8.count <= 255
            && !part.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || Patterns.isUnsafe($0) }
    }

    public var name: String { components[components.count - 1] }
    public var parent: [String] { Array(components.dropLast()) }
    public var description: String { components.joined(separator: "/") }
    public static func < (a: RelativePath, b: RelativePath) -> Bool { a.description < b.description }
}

/// A failed system call, with the path it was about (relative to the output directory, or the directory itself).
// The C calls under names that DirectoryHandle's own methods (open, read, fsync) do not hide.
private func cOpen(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
private func cRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }
private func cFsync(_ fd: Int32) -> Int32 { fsync(fd) }

struct TreeError: Error {
    let path: String
    let code: Int32
    /// Said instead of the errno's text when the problem is not a failed call.
    var detail: String? = nil
    var reason: String { detail ?? String(cString: strerror(code)) }
}

/// What is at a path, looked at without following a link.
enum Entry: Equatable {
    case missing
    case file(mode: mode_t)
    case directory
    case symbolicLink
    case special
}

/// An open directory descriptor, closed when the value goes away.
final class DirectoryHandle {
    let fd: Int32
    /// For messages: the path relative to the output directory ("" for the directory itself).
    let path: String

    init(fd: Int32, path: String) { self.fd = fd; self.path = path }
    deinit { close(fd) }

    static func open(_ path: String) throws(TreeError) -> DirectoryHandle {
        // The output directory itself is the user's choice: a link to it is followed, the links inside it are not.
        let fd = cOpen(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw TreeError(path: path, code: errno) }
        return DirectoryHandle(fd: fd, path: "")
    }

    private func child(_ name: String) -> String { path.isEmpty ? name : path + "/" + name }

    /// The subdirectory `name`, never through a link; ELOOP / ENOTDIR name the offending path.
    func directory(_ name: String) throws(TreeError) -> DirectoryHandle? {
        let fd = openat(self.fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if fd >= 0 { return DirectoryHandle(fd: fd, path: child(name)) }
        if errno == ENOENT { return nil }
        throw TreeError(path: child(name), code: errno)
    }

    /// Walks `components` down from here; nil when one is missing.
    func directory(at components: [String]) throws(TreeError) -> DirectoryHandle? {
        var current = self
        for name in components {
            guard let next = try current.directory(name) else { return nil }
            current = next
        }
        return current
    }

    func entry(_ name: String) throws(TreeError) -> Entry {
        var info = stat()
        guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            if errno == ENOENT { return .missing }
            throw TreeError(path: child(name), code: errno)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file(mode: info.st_mode & 0o777)
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .special
        }
    }

    /// The bytes of a regular file; nil when it is missing. Never follows a link, never blocks on a FIFO.
    func read(_ name: String) throws(TreeError) -> [UInt8]? {
        let fd = openat(self.fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw TreeError(path: child(name), code: errno)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { throw TreeError(path: child(name), code: EINVAL) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { cRead(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw TreeError(path: child(name), code: errno) }
            if n == 0 { return bytes }
            bytes += chunk[..<n]
        }
    }

    func makeDirectory(_ name: String, mode: mode_t = 0o755) throws(TreeError) {
        guard mkdirat(fd, name, mode) == 0 else { throw TreeError(path: child(name), code: errno) }
    }

    /// Removes a file (or, with `directory`, an empty folder); a missing one is not an error.
    func remove(_ name: String, directory: Bool = false) throws(TreeError) {
        guard unlinkat(fd, name, directory ? AT_REMOVEDIR : 0) == 0 || errno == ENOENT else { throw TreeError(path: child(name), code: errno) }
    }

    /// The names in this directory, without `.` and `..`.
    func names() throws(TreeError) -> [String] {
        let copy = dup(fd)
        guard copy >= 0, let stream = fdopendir(copy) else { throw TreeError(path: path, code: errno) }
        defer { closedir(stream) }
        rewinddir(stream)
        var names: [String] = []
        while let item = readdir(stream) {
            let name = withUnsafePointer(to: item.pointee.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    func fsync() throws(TreeError) {
        guard cFsync(fd) == 0 else { throw TreeError(path: path, code: errno) }
    }
}

/// Creates a new file (never through a link, never over an existing one) and writes it whole. `mode` is the
/// mode of the file it will replace, kept exactly; a new file gets 0644 less the umask.
func createFile(in directory: DirectoryHandle, _ name: String, _ bytes: [UInt8], mode: mode_t?, sync: Bool = false) throws(TreeError) {
    let path = directory.path.isEmpty ? name : directory.path + "/" + name
    let fd = openat(directory.fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode ?? 0o644)
    guard fd >= 0 else { throw TreeError(path: path, code: errno) }
    defer { close(fd) }
    var written = 0
    while written < bytes.count {
        let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if n < 0 { if errno == EINTR { continue }; throw TreeError(path: path, code: errno) }
        written += n
    }
    // open() applies the umask: a replaced file must keep exactly the mode it had (0600 stays 0600).
    if let mode, fchmod(fd, mode) != 0 { throw TreeError(path: path, code: errno) }
    if sync, cFsync(fd) != 0 { throw TreeError(path: path, code: errno) }
}
