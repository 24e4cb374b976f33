import CFileSystem
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an export did not happen. The output directory holds the set it held before in every case.
/// What to do with one hand-edited file: replace it with s3wizard's version, or keep it and write the rest.
public enum HandEditChoice: Equatable, Sendable {
    case replace, keep
}

/// A hand-edited file as it is on disk and as s3wizard would write it (nil: no longer generated).
public struct HandEdit: Equatable, Sendable {
    public let path: String
    public let onDisk: String
    public let generated: String?
    public init(path: String, onDisk: String, generated: String?) {
        self.path = path
        self.onDisk = onDisk
        self.generated = generated
    }
}

public enum ExportError: Error, Equatable, CustomStringConvertible {
    /// Files the user changed (or that s3wizard did not write) that the export would overwrite or delete.
    case conflicts([String])
    /// Paths s3wizard never writes through, over or removes, even with --force: links, folders, special files.
    case unsafe([String])
    /// Another s3wizard holds the output directory's lock.
    case busy(directory: String)
    case io(path: String, message: String)

    public var description: String {
        switch self {
        case let .conflicts(paths):
            return "these files were changed by hand or not written by s3wizard; nothing was written (use --force to overwrite):\n"
                + paths.map { "  \($0)" }.joined(separator: "\n")
        case let .unsafe(paths):
            return "s3wizard does not write through, over or remove these (not even with --force); nothing was written:\n"
                + paths.map { "  \($0)" }.joined(separator: "\n")
        case let .busy(directory):
            return "another s3wizard is writing to \(directory) (it holds \(directory)/\(Exporter.lockName)); nothing was written: try again when it has finished"
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
    /// Hand-edited files overwritten because of --force or a per-file choice.
    public var overwritten: [String] = []
    /// Hand-edited files left as they are by a per-file choice (the manifest keeps them marked as hand edits).
    public var kept: [String] = []
    /// What this run did first to finish an earlier, interrupted one (one sentence each).
    public var recovered: [String] = []
    /// Manifest entries that are not plain paths inside the output directory: never read, written or removed.
    public var ignored: [String] = []

    /// Files whose bytes were written: new, updated, and hand-edited ones replaced with --force.
    public var writtenCount: Int {
        created.count + updated.count + overwritten.filter { !$0.hasSuffix(Exporter.noLongerGenerated) }.count
    }

    /// What to tell the user besides the counts: recoveries, and manifest entries ignored (quoted, escaped).
    public var notes: [String] {
        recovered + ignored.map {
            "\(Exporter.manifestName): ignored the entry \(quoted($0)): not a plain path inside the output directory (never read, written or removed)"
        }
    }

    /// "3 new, 2 updated, 18 unchanged, 1 removed", as generate prints it.
    public var counts: String {
        "\(created.count) new, \(updated.count) updated\(overwritten.isEmpty ? "" : ", \(overwritten.count) overwritten"), \(unchanged.count) unchanged\(removed.isEmpty ? "" : ", \(removed.count) removed")"
    }
}

/// The file operations the exporter needs; tests replace them to fail midway.
public struct FileOperations: Sendable {
    /// Creates a new file `name` in `directory`; `mode` is the mode of the file it will replace (nil: a new file).
    var write: @Sendable (_ bytes: [UInt8], _ directory: DirectoryHandle, _ name: String, _ mode: mode_t?) throws(TreeError) -> Void
    var rename: @Sendable (_ from: DirectoryHandle, _ fromName: String, _ to: DirectoryHandle, _ toName: String) throws(TreeError) -> Void
    /// Makes everything written under the output directory durable (before the journal, and before the commit).
    var flush: @Sendable (_ directory: DirectoryHandle) throws(TreeError) -> Void

    public static let real = FileOperations(
        write: { bytes, directory, name, mode throws(TreeError) in try createFile(in: directory, name, bytes, mode: mode) },
        rename: { from, fromName, to, toName throws(TreeError) in
            guard renameat(from.fd, fromName, to.fd, toName) == 0 else {
                throw TreeError(path: to.path.isEmpty ? toName : to.path + "/" + toName, code: errno)
            }
        },
        flush: { directory throws(TreeError) in
            // One syncfs for the whole staged set instead of an fsync per file (a third of generate's time).
            guard s3w_syncfs(directory.fd) == 0 else { throw TreeError(path: directory.path, code: errno) }
        })
}

/// Writes an artifact set into a directory: the complete new set or the complete old one, whatever happens
/// (see `Journal`), never over a hand edit unless forced, never outside the directory or through a link in it.
/// A manifest of SHA-256 hashes records what s3wizard wrote, so a rerun knows which files are its own.
public struct Exporter {
    public static let manifestName = ".s3wizard-manifest.json"
    public static let lockName = ".s3wizard.lock"
    static let journalName = ".s3wizard-journal"
    /// The journal, renamed once every step is done: the commit. The next run finishes its tidying up.
    static let committedName = ".s3wizard-journal-committed"
    static let stagingName = ".s3wizard-staging"
    static let backupName = ".s3wizard-backup"
    static let noLongerGenerated = " (no longer generated)"
    let directory: String
    let operations: FileOperations
    /// How long a second run waits for the lock before giving up.
    var lockWait: Duration = .seconds(3)

    public init(directory: String, operations: FileOperations = .real) {
        self.directory = directory
        self.operations = operations
    }

    /// The manifest of files already hashed (each file is hashed once per export: manifest, comparison, journal).
    static func manifest(for hashed: [(path: String, hash: String)]) -> String {
        let entries = hashed.map { "    \(JSONRenderer.quote($0.path)): \(JSONRenderer.quote($0.hash))" }
        return "{\n  \"generator\": \"s3wizard\",\n  \"files\": {\n" + entries.joined(separator: ",\n") + "\n  }\n}\n"
    }

    /// What the export would do, after finishing any interrupted earlier run; throws what `export` would refuse.
    public func check(_ artifacts: ArtifactSet, force: Bool = false, choices: [String: HandEditChoice] = [:]) throws(ExportError) -> ExportReport {
        try run(artifacts, force: force, choices: choices, write: false)
    }

    /// Writes every file, or leaves the directory as it was and throws. `choices` settles hand-edited files one
    /// by one (by path as `ExportError.conflicts` names them): replaced, or kept as they are and not written.
    @discardableResult
    public func export(_ artifacts: ArtifactSet, force: Bool = false, choices: [String: HandEditChoice] = [:]) throws(ExportError) -> ExportReport {
        try run(artifacts, force: force, choices: choices, write: true)
    }

    /// The bytes on disk of files `export` named as hand-edited, and what s3wizard would write instead (nil for a
    /// file no longer generated), so a user can see each difference before choosing. Read through the same
    /// no-link, inside-the-directory walk as everything else.
    public func handEdits(_ paths: [String], of artifacts: ArtifactSet) throws(ExportError) -> [HandEdit] {
        let out: DirectoryHandle
        do { out = try DirectoryHandle.open(directory) } catch { throw ExportError.io(path: directory, message: error.reason) }
        var edits: [HandEdit] = []
        for name in paths {
            let plain = name.hasSuffix(Self.noLongerGenerated) ? String(name.dropLast(Self.noLongerGenerated.count)) : name
            guard let path = RelativePath(plain), case let .file(current, _) = try find(path, in: out) else { continue }
            edits.append(HandEdit(path: name, onDisk: String(decoding: current, as: UTF8.self),
                                  generated: artifacts.files.first { $0.path == plain }?.contents))
        }
        return edits
    }

    private func run(_ artifacts: ArtifactSet, force: Bool, choices: [String: HandEditChoice], write: Bool) throws(ExportError) -> ExportReport {
        guard !directory.isEmpty else { throw .io(path: "\"\"", message: "the output directory is empty; name one, e.g. --out ./hardened") }
        var made: [String] = []
        var info = stat()
        if stat(directory, &info) != 0 {
            guard errno == ENOENT else { throw .io(path: directory, message: String(cString: strerror(errno))) }
            guard write else { return inspectMissing(artifacts) }
            do { made = try Self.makeDirectory(directory) } catch { throw .io(path: error.path, message: error.reason) }
        }
        do throws(ExportError) {
            let out: DirectoryHandle
            do { out = try DirectoryHandle.open(directory) } catch { throw ExportError.io(path: directory, message: error.reason) }
            let lock = try Self.lock(out, directory: directory, wait: lockWait)
            defer { withExtendedLifetime(lock) {} }
            var report = ExportReport()
            report.recovered = try wrap { () throws(TreeError) in try Recovery(out: out).run() }
            let plan = try inspect(out, artifacts, force: force, choices: choices, report: &report)
            if write { try swap(out, plan) }
            return plan.report
        } catch {
            // A directory this run made holds nothing of the user's: leave no trace of a failed first export.
            if !made.isEmpty, let out = try? DirectoryHandle.open(directory) {
                try? out.remove(Self.lockName)
                for dir in made.reversed() { rmdir(dir) }
            }
            throw error
        }
    }

    /// A check of a directory that does not exist yet: everything would be created.
    private func inspectMissing(_ artifacts: ArtifactSet) -> ExportReport {
        var report = ExportReport()
        report.created = artifacts.files.map(\.path)
        return report
    }

    /// mkdir -p: the directories it made, outermost first, so a failed first export can remove them.
    static func makeDirectory(_ path: String) throws(TreeError) -> [String] {
        var made: [String] = []
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        let parent = trimmed.lastIndex(of: "/").map { trimmed[..<$0] }.map { $0.isEmpty ? "/" : String($0) }
        var info = stat()
        if let parent, parent != path, stat(parent, &info) != 0 { made = try makeDirectory(parent) }
        guard mkdir(path, 0o755) == 0 else { throw TreeError(path: path, code: errno) }
        return made + [path]
    }

    /// An exclusive flock on the lock file, released when the returned handle closes (or the process dies).
    static func lock(_ out: DirectoryHandle, directory: String, wait: Duration) throws(ExportError) -> DirectoryHandle {
        let fd = openat(out.fd, lockName, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            if errno == ELOOP { throw .unsafe([lockName + " (is a symbolic link)"]) }
            throw .io(path: directory + "/" + lockName, message: String(cString: strerror(errno)))
        }
        let handle = DirectoryHandle(fd: fd, path: lockName)
        let deadline = ContinuousClock.now + wait
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw .io(path: directory + "/" + lockName, message: String(cString: strerror(errno)))
            }
            guard ContinuousClock.now < deadline else { throw .busy(directory: directory) }
            usleep(50_000)
        }
        return handle
    }

    private func wrap<T>(_ body: () throws(TreeError) -> T) throws(ExportError) -> T {
        do { return try body() } catch {
            throw .io(path: error.path.isEmpty ? directory : directory + "/" + error.path, message: error.reason)
        }
    }

    // MARK: - Inspecting the tree

    /// One file to swap in: its bytes and the mode it keeps.
    struct Write {
        let path: RelativePath
        let bytes: [UInt8]
        /// `SHA256.hex(bytes)`, as the manifest and the journal record it.
        let hash: String
        let mode: mode_t?
        let replaces: Bool
    }

    struct SwapPlan {
        var report: ExportReport
        var writes: [Write] = []
        var removals: [RelativePath] = []
        /// Folders to create, parents first.
        var directories: [RelativePath] = []
    }

    /// What is at a path, reached without following a link; a link or file on the way is an `.unsafe` reason.
    private enum Found {
        case missing(firstMissingFolder: Int?)
        case file(bytes: [UInt8], mode: mode_t)
        case refused(String)
    }

    private func find(_ path: RelativePath, in out: DirectoryHandle) throws(ExportError) -> Found {
        try wrap { () throws(TreeError) -> Found in
            var current = out
            for (depth, name) in path.parent.enumerated() {
                let shown = path.components[...depth].joined(separator: "/")
                switch try current.entry(name) {
                case .missing: return .missing(firstMissingFolder: depth)
                case .directory: break
                case .symbolicLink: return .refused("\(shown) (is a symbolic link)")
                case .file, .special: return .refused("\(shown) (is a file where a folder must be)")
                }
                // O_NOFOLLOW again: a link swapped in since the look above fails here instead of being followed.
                guard let next = try current.directory(name) else { return .missing(firstMissingFolder: depth) }
                current = next
            }
            switch try current.entry(path.name) {
            case .missing: return .missing(firstMissingFolder: nil)
            case let .file(mode): return try current.read(path.name).map { .file(bytes: $0, mode: mode) } ?? .missing(firstMissingFolder: nil)
            case .directory: return .refused("\(path) (is a directory)")
            case .symbolicLink: return .refused("\(path) (is a symbolic link)")
            case .special: return .refused("\(path) (is not a regular file)")
            }
        }
    }

    /// What the previous run wrote, path → SHA-256; entries that are not plain inside paths go to `ignored`.
    private func previousManifest(_ out: DirectoryHandle, ignored: inout [String]) throws(ExportError) -> [RelativePath: String] {
        guard case let .file(bytes, _) = try find(RelativePath(Self.manifestName)!, in: out),
              let files = JSONValue.parse(bytes)?["files"]?.object else { return [:] }
        var result: [RelativePath: String] = [:]
        for (key, value) in files.sorted(by: { $0.key < $1.key }) {
            guard let path = RelativePath(key), path.description != Self.manifestName, let hash = value.string else {
                ignored.append(key); continue
            }
            result[path] = hash
        }
        return result
    }

    private func inspect(_ out: DirectoryHandle, _ artifacts: ArtifactSet, force: Bool, choices: [String: HandEditChoice],
                         report: inout ExportReport) throws(ExportError) -> SwapPlan {
        var previous = try previousManifest(out, ignored: &report.ignored)
        let contents = artifacts.files.map { Array($0.contents.utf8) }
        let hashes = contents.map { SHA256.hex($0) }
        let manifest = Array(Self.manifest(for: Array(zip(artifacts.files.map(\.path), hashes))).utf8)
        var conflicts: [String] = []
        var refused: [String] = []
        var plan = SwapPlan(report: report)
        var newFolders = Set<RelativePath>()
        let files = artifacts.files.map(\.path) + [Self.manifestName]
        for (index, name) in files.enumerated() {
            let isManifest = index == artifacts.files.count
            guard let path = RelativePath(name) else {
                throw .io(path: name, message: "not a plain relative path (a bug in s3wizard)")
            }
            let bytes = isManifest ? manifest : contents[index]
            let hash = isManifest ? SHA256.hex(manifest) : hashes[index]
            switch try find(path, in: out) {
            case let .refused(reason): refused.append(reason)
            case let .missing(firstMissing):
                if !isManifest { plan.report.created.append(name) }
                if let firstMissing {
                    for depth in firstMissing..<path.parent.count { newFolders.insert(RelativePath(components: Array(path.components[...depth]))) }
                }
                plan.writes.append(Write(path: path, bytes: bytes, hash: hash, mode: nil, replaces: false))
            case let .file(current, mode):
                let currentHash = SHA256.hex(current)
                if currentHash == hash {
                    if !isManifest { plan.report.unchanged.append(name) }
                    continue
                }
                if isManifest || currentHash == previous[path] { if !isManifest { plan.report.updated.append(name) } }
                else { conflicts.append(name) }
                plan.writes.append(Write(path: path, bytes: bytes, hash: hash, mode: mode, replaces: true))
            }
        }
        let newPaths = Set(artifacts.files.map(\.path))
        previous = previous.filter { !newPaths.contains($0.key.description) }
        for (stale, hash) in previous.sorted(by: { $0.key < $1.key }) {
            switch try find(stale, in: out) {
            case .missing: continue
            case let .refused(reason): refused.append(reason)
            case let .file(current, _):
                if SHA256.hex(current) == hash { plan.report.removed.append(stale.description) }
                else { conflicts.append(stale.description + Self.noLongerGenerated) }
                plan.removals.append(stale)
            }
        }
        if !refused.isEmpty { throw .unsafe(refused.reduce(into: []) { list, reason in if !list.contains(reason) { list.append(reason) } }) }
        // Hand edits the user chose to keep are neither written nor removed; the rest need a choice or --force.
        let kept = conflicts.filter { choices[$0] == .keep }
        for name in kept {
            let plain = name.hasSuffix(Self.noLongerGenerated) ? String(name.dropLast(Self.noLongerGenerated.count)) : name
            plan.writes.removeAll { $0.path.description == plain }
            plan.removals.removeAll { $0.description == plain }
        }
        plan.report.kept = kept
        let open = conflicts.filter { choices[$0] == nil }
        if !open.isEmpty, !force { throw .conflicts(open) }
        plan.report.overwritten = conflicts.filter { choices[$0] != .keep }
        plan.directories = newFolders.sorted { $0.components.count != $1.components.count ? $0.components.count < $1.components.count : $0 < $1 }
        return plan
    }

    // MARK: - Swapping

    private func swap(_ out: DirectoryHandle, _ plan: SwapPlan) throws(ExportError) {
        guard !plan.writes.isEmpty || !plan.removals.isEmpty else { return }
        let steps = plan.writes.enumerated().map { slot, write in
            Journal.Step(path: write.path, slot: slot, backup: write.replaces, written: write.hash)
        } + plan.removals.enumerated().map { offset, path in
            Journal.Step(path: path, slot: plan.writes.count + offset, backup: true, written: nil)
        }
        let journal = Journal(directories: plan.directories, steps: steps)
        var journalWritten = false
        do throws(TreeError) {
            // 1. Stage every file and flush: a kill here leaves the targets untouched and a scratch folder the next run removes.
            try out.makeDirectory(Self.stagingName, mode: 0o700)
            guard let staging = try out.directory(Self.stagingName) else { throw TreeError(path: Self.stagingName, code: ENOENT) }
            for (slot, write) in plan.writes.enumerated() { try operations.write(write.bytes, staging, String(slot), write.mode) }
            try operations.flush(out)
            // 2. The journal, durable before anything moves: from here on the next run can undo every step.
            journalWritten = true
            try createFile(in: out, Self.journalName, journal.bytes, mode: 0o600, sync: true)
            try out.fsync()
            // 3. Folders, then every step as renames; nothing is deleted before the commit.
            try out.makeDirectory(Self.backupName, mode: 0o700)
            guard let backup = try out.directory(Self.backupName) else { throw TreeError(path: Self.backupName, code: ENOENT) }
            var folders: [[String]: DirectoryHandle] = [[]: out]
            func folder(_ components: [String]) throws(TreeError) -> DirectoryHandle {
                if let open = folders[components] { return open }
                guard let found = try out.directory(at: components) else { throw TreeError(path: components.joined(separator: "/"), code: ENOENT) }
                folders[components] = found
                return found
            }
            for dir in plan.directories { try folder(dir.parent).makeDirectory(dir.name) }
            for step in steps {
                let parent = try folder(step.path.parent)
                if step.backup { try operations.rename(parent, step.path.name, backup, String(step.slot)) }
                if step.written != nil { try operations.rename(staging, String(step.slot), parent, step.path.name) }
            }
            try operations.flush(out)
            // 4. Commit, by one rename: from here on the next run keeps this set, and finishes the tidying up.
            try operations.rename(out, Self.journalName, out, Self.committedName)
            try out.fsync()
        } catch {
            let recovery = Recovery(out: out)
            let undone = journalWritten ? (try? recovery.rollBack(journal)) != nil : (try? recovery.removeScratch(Self.stagingName)) != nil
            let undo = undone ? "" : "; undoing it failed too, the next run finishes the undo"
            throw .io(path: error.path.isEmpty ? directory : directory + "/" + error.path, message: error.reason + undo)
        }
        // 5. Tidy up (the replaced files, the folders emptied by removals); after a kill here the next run does it.
        try? Recovery(out: out).rollForward(journal)
    }
}

extension RelativePath {
    /// For paths built from ones already checked (and the manifest, whose name is otherwise reserved).
    init(components: [String]) { self.components = components }
}
