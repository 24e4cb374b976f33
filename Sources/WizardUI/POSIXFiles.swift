import Glibc
import S3HardeningCore

// The draft store's and the file prompt's calls on the file system, with POSIX alone: Foundation's FileManager,
// NSString and DateFormatter would link Foundation into the wizard (docs/architecture.md, "Foundation"). Where
// Foundation's answer keys existing drafts (the standardized path, the local time shown), it is reproduced
// exactly, and DraftStoreTests compare both.
enum POSIXFiles {
    /// The names in a directory, without `.` and `..`; nil when it cannot be read.
    static func names(in directory: String) -> [String]? {
        guard let stream = opendir(directory) else { return nil }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// stat(2), following symbolic links.
    private static func status(_ path: String) -> stat? {
        var info = stat()
        return stat(path, &info) == 0 ? info : nil
    }

    static func exists(_ path: String) -> Bool { status(path) != nil }

    static func isDirectory(_ path: String) -> Bool { status(path).map { $0.st_mode & S_IFMT == S_IFDIR } ?? false }

    /// The modification time in nanoseconds since 1970; nil when the file cannot be read.
    static func modified(_ path: String) -> Int? {
        status(path).map { Int($0.st_mtim.tv_sec) * 1_000_000_000 + Int($0.st_mtim.tv_nsec) }
    }

    static func remove(_ path: String) { unlink(path) }

    /// `$HOME`, else the user database's home directory (Foundation's `NSHomeDirectory()`).
    static func homeDirectory() -> String {
        if let home = getenv("HOME").map({ String(cString: $0) }), !home.isEmpty { return home }
        if let entry = getpwuid(geteuid()), let directory = entry.pointee.pw_dir { return String(cString: directory) }
        return "/"
    }

    /// `yyyy-MM-dd HH:mm` in the local time zone, as the DateFormatter that showed a draft's time did. The time
    /// goes through a Double as Foundation's `Date` took it, so 12:00:59.9999999 shows as 12:01 there too.
    static func localMinute(nanoseconds: Int) -> String {
        let date = Double(nanoseconds / 1_000_000_000) + Double(nanoseconds % 1_000_000_000) / 1e9
        var seconds = time_t(date.rounded(.down))
        var parts = tm()
        localtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%d %H:%M", &parts)
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// An absolute path as swift-corelibs-foundation's `NSString.standardizingPath` gives it on Linux, because
    /// that string keys the drafts already on disk: `.` and empty components dropped, `..` removes the
    /// component before it, and each component that is a symbolic link is replaced by `realpath(3)` of its
    /// target — a relative target resolved from the working directory, as Foundation does — when that
    /// exists; then a leading `/private` or `/var/automount` is dropped if the rest exists.
    static func standardized(_ absolute: String) -> String {
        var resolved = "/"
        for component in absolute.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": resolved = PathName.split(resolved).directory
            default:
                resolved = resolved == "/" ? "/" + component : resolved + "/" + component
                if let target = symbolicLinkTarget(resolved), let real = realpath(target, nil) {
                    resolved = String(cString: real)
                    free(real)
                }
            }
        }
        for prefix in ["/private", "/var/automount"] where resolved.hasPrefix(prefix) && resolved != prefix {
            let rest = String(resolved.dropFirst(prefix.count))
            if exists(rest) { resolved = rest }
        }
        return resolved
    }

    private static func symbolicLinkTarget(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
