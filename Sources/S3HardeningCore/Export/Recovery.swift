import CFileSystem
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finishing an interrupted export, at the start of the next one (under the lock): with a journal, roll back
/// to the previous set; with a committed journal, finish tidying up the new one (drop the replaced files and
/// the folders its removals emptied); with neither, a staging folder is the leftover of a run killed before
/// its journal, and is removed. Only what is provably s3wizard's is touched: its own fixed names, holding
/// nothing but regular files named by slot numbers.
struct Recovery {
    let out: DirectoryHandle

    /// What it did, one sentence each; empty when the last run finished.
    func run() throws(TreeError) -> [String] {
        var notes: [String] = []
        switch try out.entry(Exporter.journalName) {
        case .missing: break
        case .file:
            if let journal = Journal(parsing: try out.read(Exporter.journalName) ?? []) {
                let (restored, removed) = try rollBack(journal)
                notes.append("recovered an interrupted export: put back \(restored) file(s) it had replaced or removed, removed \(removed) file(s) it had added; the previous complete set is back")
            } else {
                // An incomplete journal was being written: nothing had moved yet (the backup folder comes after it).
                guard try out.entry(Exporter.backupName) == .missing else {
                    throw TreeError(path: Exporter.journalName, code: EINVAL, detail: "is unreadable while \(Exporter.backupName) holds replaced files; restore them by hand, then delete both")
                }
                try removeScratch(Exporter.stagingName)
                try out.remove(Exporter.journalName)
                try out.fsync()
                notes.append("discarded an export that was interrupted before it changed anything")
            }
        default:
            throw TreeError(path: Exporter.journalName, code: EINVAL, detail: "is not a file s3wizard made; remove it")
        }
        switch try out.entry(Exporter.committedName) {
        case .missing: break
        case .file:
            // Unreadable, it can only have been planted (it is renamed whole): then only the scratch folders go.
            try rollForward(Journal(parsing: try out.read(Exporter.committedName) ?? []) ?? Journal(directories: [], steps: []))
            notes.append("finished tidying up after an export that was interrupted once it had written the complete new set")
        default:
            throw TreeError(path: Exporter.committedName, code: EINVAL, detail: "is not a file s3wizard made; remove it")
        }
        // Without a journal, a staging folder holds only copies staged by a run killed before its journal.
        if try out.entry(Exporter.stagingName) != .missing {
            try removeScratch(Exporter.stagingName)
            notes.append("removed the staged copies of an export interrupted before it changed anything")
        }
        // A backup folder always has a journal beside it; without one nothing says what it holds.
        if try out.entry(Exporter.backupName) != .missing {
            throw TreeError(path: Exporter.backupName, code: EEXIST, detail: "is there without the journal that says what it holds; compare its files with yours, then delete it")
        }
        for name in try out.names() where Self.isLegacy(name, "staging") {
            try removeScratch(name)
            notes.append("removed \(name): copies staged by an older s3wizard that was interrupted")
        }
        for name in try out.names() where Self.isLegacy(name, "backup") {
            notes.append("left \(name) as is: an older s3wizard was interrupted while replacing files and kept the old ones there; compare, then delete it")
        }
        return notes
    }

    /// `.s3wizard-staging-PID-MILLISECONDS`, the scratch folders of s3wizard before the journal.
    static func isLegacy(_ name: String, _ kind: String) -> Bool {
        let prefix = ".s3wizard-\(kind)-"
        guard name.hasPrefix(prefix) else { return false }
        let parts = name.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { isNumber(String($0)) }
    }

    static func isNumber(_ text: String) -> Bool { !text.isEmpty && text.utf8.allSatisfy { (0x30...0x39).contains($0) } }

    /// Undoes a journal's steps, last first; safe to run again if interrupted. Returns (put back, removed).
    @discardableResult
    func rollBack(_ journal: Journal) throws(TreeError) -> (Int, Int) {
        let backup = try out.directory(Exporter.backupName)
        var restored = 0
        var removed = 0
        for step in journal.steps.reversed() {
            guard let parent = try out.directory(at: step.path.parent) else { continue }
            let slot = String(step.slot)
            if step.backup, let backup, case .file = try backup.entry(slot) {
                guard renameat(backup.fd, slot, parent.fd, step.path.name) == 0 else { throw TreeError(path: step.path.description, code: errno) }
                restored += 1
            } else if !step.backup, let written = step.written, case .file = try parent.entry(step.path.name),
                      let bytes = try parent.read(step.path.name), SHA256.hex(bytes) == written {
                // Only the very bytes this export wrote: anything else at that path is not ours to delete.
                try parent.remove(step.path.name)
                removed += 1
            }
        }
        for dir in journal.directories.reversed() {
            // Only empty ones go (rmdir refuses the others).
            if let parent = try out.directory(at: dir.parent) { unlinkat(parent.fd, dir.name, AT_REMOVEDIR) }
        }
        guard s3w_syncfs(out.fd) == 0 else { throw TreeError(path: "", code: errno) }
        try removeScratch(Exporter.stagingName)
        try removeScratch(Exporter.backupName)
        try out.remove(Exporter.journalName)
        try out.fsync()
        return (restored, removed)
    }

    /// After the commit: the replaced files go, and so do the folders the removals left empty.
    func rollForward(_ journal: Journal) throws(TreeError) {
        try removeScratch(Exporter.backupName)
        try removeScratch(Exporter.stagingName)
        for step in journal.steps where step.written == nil { removeEmptyFolders(above: step.path) }
        try out.remove(Exporter.committedName)
        try out.fsync()
    }

    /// Removes one of s3wizard's scratch folders, refusing anything in it that s3wizard did not put there.
    func removeScratch(_ name: String) throws(TreeError) {
        switch try out.entry(name) {
        case .missing: return
        case .directory: break
        default: throw TreeError(path: name, code: EINVAL, detail: "is not a folder s3wizard made; remove it")
        }
        guard let folder = try out.directory(name) else { return }
        for entry in try folder.names() {
            guard Self.isNumber(entry), case .file = try folder.entry(entry) else {
                throw TreeError(path: name + "/" + entry, code: EINVAL, detail: "was not put there by s3wizard; left as is (remove it)")
            }
            try folder.remove(entry)
        }
        try out.remove(name, directory: true)
    }

    /// After a removal: the folders that held it, deepest first, while they are empty.
    func removeEmptyFolders(above path: RelativePath) {
        var components = path.parent
        while !components.isEmpty {
            guard let parent = try? out.directory(at: Array(components.dropLast())),
                  unlinkat(parent.fd, components[components.count - 1], AT_REMOVEDIR) == 0 else { return }
            components.removeLast()
        }
    }
}
