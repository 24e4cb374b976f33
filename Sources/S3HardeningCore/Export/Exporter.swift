import CFileSystem
import Foundation

/// Why an export did not happen. Nothing was written in any of these cases.
public enum ExportError: Error, Equatable, CustomStringConvertible {
    /// Files the user changed (or that s3wizard did not write) that the export would overwrite or delete.
    case conflicts([String])
    case io(path: String, message: String)

    public var description: String {
        switch self {
        case let .conflicts(paths):
            return "these files were changed by hand or not written by s3wizard; nothing was written (use --force to overwrite):\n"
                + paths.map { "  \($0)" }.joined(separator: "\n")
        case let .io(path, message):
            return "cannot write \(path): \(message); the output directory was left as it was"
        }
    }
}

public struct ExportReport: Equatable, Sendable {
    public var created: [String] = []
    public var updated: [String] = []
    public var unchanged: [String] = []
    public var removed: [String] = []
    /// Hand-edited files overwritten because of --force.
    public var overwritten: [String] = []

    /// Files whose bytes were written: new, updated, and hand-edited ones replaced with --force.
    public var writtenCount: Int {
        created.count + updated.count + overwritten.filter { !$0.hasSuffix(" (no longer generated)") }.count
    }
}

/// The file operations the exporter needs; tests replace them to fail midway.
public struct FileOperations: Sendable {
    public var write: @Sendable (_ data: Data, _ path: String) throws -> Void
    public var rename: @Sendable (_ from: String, _ to: String) throws -> Void
    /// Makes everything written under a folder durable before it is swapped in.
    public var flush: @Sendable (_ folder: String, _ files: [String]) throws -> Void

    public static let real = FileOperations(
        write: { data, path in
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            defer { close(fd) }
            try data.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    guard n > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                    offset += n
                }
            }
        },
        rename: { from, to in
            guard Foundation.rename(from, to) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        },
        flush: { folder, files in
            #if os(Linux)
            // One syncfs for the whole staged set instead of an fsync per file (a third of generate's time).
            let fd = open(folder, O_RDONLY | O_DIRECTORY)
            guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            defer { close(fd) }
            guard s3w_syncfs(fd) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            #else
            for file in files {
                let fd = open(file, O_RDONLY)
                guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                defer { close(fd) }
                guard fsync(fd) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            }
            #endif
        })
}

/// Writes an artifact set into a directory: all files or none, never over a hand edit unless forced.
/// A manifest of SHA-256 hashes records what s3wizard wrote, so a rerun knows which files are its own.
public struct Exporter {
    public static let manifestName = ".s3wizard-manifest.json"
    let directory: URL
    let operations: FileOperations
    private let fm = FileManager.default

    public init(directory: String, operations: FileOperations = .real) {
        self.directory = URL(fileURLWithPath: directory)
        self.operations = operations
    }

    private func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }

    /// What the previous run wrote: relative path → SHA-256.
    func previousManifest() -> [String: String] {
        guard let data = fm.contents(atPath: path(Self.manifestName)),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let files = object["files"] as? [String: String] else { return [:] }
        return files
    }

    static func manifest(for files: [Artifact]) -> String {
        let entries = files.map { "    \(JSONRenderer.quote($0.path)): \(JSONRenderer.quote(SHA256.hex(Array($0.contents.utf8))))" }
        return "{\n  \"generator\": \"s3wizard\",\n  \"files\": {\n" + entries.joined(separator: ",\n") + "\n  }\n}\n"
    }

    private func currentHash(_ relative: String) -> String? {
        fm.contents(atPath: path(relative)).map { SHA256.hex([UInt8]($0)) }
    }

    /// Plans the export without writing: what would change, and the conflicts.
    public func check(_ artifacts: ArtifactSet) -> (report: ExportReport, conflicts: [String]) {
        let previous = previousManifest()
        var report = ExportReport()
        var conflicts: [String] = []
        for file in artifacts.files {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path(file.path), isDirectory: &isDirectory) else { report.created.append(file.path); continue }
            if isDirectory.boolValue { conflicts.append(file.path + " (is a directory)"); continue }
            let current = currentHash(file.path)
            if current == SHA256.hex(Array(file.contents.utf8)) { report.unchanged.append(file.path) }
            else if current == previous[file.path] { report.updated.append(file.path) }
            else { conflicts.append(file.path) }
        }
        let newPaths = Set(artifacts.files.map(\.path))
        for (stale, hash) in previous.sorted(by: { $0.key < $1.key }) where !newPaths.contains(stale) {
            guard let current = currentHash(stale) else { continue }
            if current == hash { report.removed.append(stale) } else { conflicts.append(stale + " (no longer generated)") }
        }
        return (report, conflicts)
    }

    /// mkdir(2), so a failure carries its errno ("Read-only file system", "Permission denied", …).
    /// Returns the directories it made, outermost first, so a rollback can remove them.
    static func makeDirectory(_ path: String, parents: Bool) throws -> [String] {
        var made: [String] = []
        if parents {
            let parent = (path as NSString).deletingLastPathComponent
            if !parent.isEmpty, parent != path, !FileManager.default.fileExists(atPath: parent) { made = try makeDirectory(parent, parents: true) }
        }
        guard mkdir(path, 0o755) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return made + [path]
    }

    /// A short reason such as "No such file or directory", whatever layer the error came from.
    static func describe(_ error: Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }

    /// Writes every file, or leaves the directory as it was and throws.
    @discardableResult
    public func export(_ artifacts: ArtifactSet, force: Bool = false) throws(ExportError) -> ExportReport {
        var (report, conflicts) = check(artifacts)
        if !conflicts.isEmpty {
            guard force, !conflicts.contains(where: { $0.hasSuffix("(is a directory)") }) else { throw .conflicts(conflicts) }
            report.overwritten = conflicts
        }
        // Files already holding the right bytes are left alone (their timestamps too).
        let unchanged = Set(report.unchanged)
        let manifest = Artifact(path: Self.manifestName, contents: Self.manifest(for: artifacts.files))
        let files = artifacts.files.filter { !unchanged.contains($0.path) }
            + (currentHash(Self.manifestName) == SHA256.hex(Array(manifest.contents.utf8)) ? [] : [manifest])
        if files.isEmpty && report.removed.isEmpty { return report }
        let stamp = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt64(Date().timeIntervalSince1970 * 1000))"
        let staging = path(".s3wizard-staging-\(stamp)")
        let backup = path(".s3wizard-backup-\(stamp)")
        var createdDirectories: [String] = []
        var committed: [(target: String, backedUp: Bool)] = []

        func fail(_ relative: String, _ error: Error) -> ExportError {
            // Roll back: restore what was replaced, remove what was added, drop the scratch folders.
            for (target, backedUp) in committed.reversed() {
                let relativeTarget = String(target.dropFirst(directory.path.count + 1))
                if backedUp { try? operations.rename(backup + "/" + relativeTarget, target) } else { try? fm.removeItem(atPath: target) }
            }
            try? fm.removeItem(atPath: staging)
            try? fm.removeItem(atPath: backup)
            for dir in createdDirectories.reversed() { try? fm.removeItem(atPath: dir) }
            return .io(path: relative.isEmpty ? directory.path : path(relative), message: Self.describe(error))
        }

        // 1. Directories the files need.
        var needed = Set<String>()
        for file in files { var dir = (file.path as NSString).deletingLastPathComponent; while !dir.isEmpty { needed.insert(dir); dir = (dir as NSString).deletingLastPathComponent } }
        for dir in [""] + needed.sorted() {
            let full = dir.isEmpty ? directory.path : path(dir)
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: full, isDirectory: &isDirectory) {
                if !isDirectory.boolValue { throw fail(dir, POSIXError(.ENOTDIR)) }
                continue
            }
            // The output directory may need its parents; the folders inside it are made one by one.
            do { createdDirectories += try Self.makeDirectory(full, parents: dir.isEmpty) } catch { throw fail(dir, error) }
        }
        // 2. Stage every file; a failure here leaves the targets untouched.
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
            try fm.createDirectory(atPath: backup, withIntermediateDirectories: false)
        } catch { throw fail(".s3wizard-staging", error) }
        for (i, file) in files.enumerated() {
            do { try operations.write(Data(file.contents.utf8), staging + "/\(i)") } catch { throw fail(file.path, error) }
        }
        do { try operations.flush(staging, files.indices.map { staging + "/\($0)" }) } catch { throw fail(".s3wizard-staging", error) }
        // 3. Swap into place, keeping each replaced file until all succeeded.
        for (i, file) in files.enumerated() {
            let target = path(file.path)
            let exists = fm.fileExists(atPath: target)
            do {
                if exists {
                    try fm.createDirectory(atPath: backup + "/" + (file.path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    try operations.rename(target, backup + "/" + file.path)
                }
                committed.append((target, exists))
                try operations.rename(staging + "/\(i)", target)
            } catch { throw fail(file.path, error) }
        }
        for stale in report.removed + report.overwritten.filter({ $0.hasSuffix("(no longer generated)") }).map({ String($0.dropLast(" (no longer generated)".count)) }) {
            try? fm.removeItem(atPath: path(stale))
        }
        try? fm.removeItem(atPath: staging)
        try? fm.removeItem(atPath: backup)
        return report
    }
}
