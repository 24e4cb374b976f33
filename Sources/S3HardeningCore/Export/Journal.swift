/// What one export is about to do to the output directory, written and flushed before its first rename, so a
/// run killed at any point can be undone by the next: `.s3wizard-journal` in the output directory.
///
/// Every change is a rename, and every replaced or removed file is moved, not deleted, into `.s3wizard-backup`
/// under its slot number until the journal is deleted (the commit). So rolling back is: move each backup slot
/// back over its path, delete the new files that nothing replaced (only when their bytes are the ones this
/// export wrote), remove the folders it made. Each step checks the tree first, so a rollback interrupted in
/// turn is simply run again.
struct Journal: Equatable {
    struct Step: Equatable {
        let path: RelativePath
        /// `.s3wizard-staging/SLOT` holds the new file (writes), `.s3wizard-backup/SLOT` the old one (when `backup`).
        let slot: Int
        /// Whether a file was there before and is moved aside (always, for a removal).
        let backup: Bool
        /// SHA-256 of the new file; nil when the step removes the path.
        let written: String?
    }

    /// Folders the export creates, parents first.
    var directories: [RelativePath]
    var steps: [Step]

    static let format = "s3wizard-journal 1"

    var bytes: [UInt8] {
        let dirs = directories.map { JSONRenderer.quote($0.description) }.joined(separator: ", ")
        let lines = steps.map { step in
            "    {\"path\": \(JSONRenderer.quote(step.path.description)), \"slot\": \(step.slot), \"backup\": \(step.backup), "
                + "\"written\": \(step.written.map(JSONRenderer.quote) ?? "null")}"
        }
        return Array(("{\n  \"format\": \"\(Self.format)\",\n  \"directories\": [\(dirs)],\n  \"steps\": [\n"
            + lines.joined(separator: ",\n") + "\n  ]\n}\n").utf8)
    }

    /// The journal, or nil when it is not a complete one (a run killed while writing it had not renamed anything yet).
    /// Its paths are checked like the manifest's: a planted journal can only move files between slots and paths inside.
    init?(parsing bytes: [UInt8]) {
        guard let object = JSONValue.parse(bytes)?.object, object["format"]?.string == Self.format,
              let dirs = object["directories"]?.array, let rawSteps = object["steps"]?.array else { return nil }
        var directories: [RelativePath] = []
        for dir in dirs {
            guard let path = dir.string.flatMap(RelativePath.init) else { return nil }
            directories.append(path)
        }
        var steps: [Step] = []
        for raw in rawSteps {
            guard let text = raw["path"]?.string, let path = RelativePath(text),
                  let slot = raw["slot"]?.int, slot >= 0, let backup = raw["backup"]?.bool else { return nil }
            let written = raw["written"]?.string
            guard written != nil || backup else { return nil }
            steps.append(Step(path: path, slot: slot, backup: backup, written: written))
        }
        guard Set(steps.map(\.slot)).count == steps.count else { return nil }
        self.init(directories: directories, steps: steps)
    }

    init(directories: [RelativePath], steps: [Step]) {
        self.directories = directories
        self.steps = steps
    }
}
