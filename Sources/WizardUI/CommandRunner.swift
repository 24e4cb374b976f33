import Glibc
import S3HardeningCore

// The one file in WizardUI that touches the disk: it carries out the model's commands and reports back
// as events. Export goes through the same core calls as `s3wizard generate`, so the bytes are the same.

public struct CommandRunner {
    public private(set) var drafts: DraftStore

    public init(drafts: DraftStore) { self.drafts = drafts }

    /// Runs a file command; returns the event that reports its result (nil for commands with nothing to report
    /// and for those the runtime handles itself: redraw, quit).
    public mutating func run(_ command: Command) -> Event? {
        switch command {
        case let .saveAnswers(path, text, replacing):
            do {
                switch try AnswersFile.save(text, to: path, replacing: replacing) {
                case let .saved(fingerprint): return .answersSaved(path: path, error: nil, fingerprint: fingerprint)
                case .differs: return .saveWouldReplace(path: path)
                }
            } catch {
                return .answersSaved(path: path, error: error.description)
            }
        case let .loadAnswers(path):
            do {
                let (plan, fingerprint) = try AnswersFile.loadWithFingerprint(path)
                return .answersLoaded(path: path, result: .success(plan), fingerprint: fingerprint)
            } catch {
                return .answersLoaded(path: path, result: .failure(LoadFailure(error.description)))
            }
        case let .export(plan, directory, formats, force, choices):
            return .exported(Self.export(plan, to: directory, formats: formats, force: force, choices: choices))
        case let .saveDraft(text, answersPath):
            return .draftSaved(drafts.save(text, for: answersPath))
        case .discardDraft:
            drafts.discardOffered()
            return nil
        case let .listFiles(prefix):
            return .completions(prefix: prefix, names: Self.names(startingLike: prefix))
        case let .audit(bucket, options):
            return .audited(bucket: bucket, result: Self.audit(bucket, options))
        case .redraw, .quit:
            return nil
        }
    }

    /// Entries of the prompt's folder that start with its last component; hidden ones only when asked for.
    static func names(startingLike prefix: String) -> [String] {
        let slash = prefix.lastIndex(of: "/")
        let folder = slash.map { String(prefix[...$0]) } ?? ""
        let start = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        let expanded = folder.hasPrefix("~/") ? POSIXFiles.homeDirectory() + folder.dropFirst() : folder
        guard let entries = POSIXFiles.names(in: expanded.isEmpty ? "." : expanded) else { return [] }
        return entries.filter { $0.hasPrefix(start) && (start.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().prefix(200).map { name in
            POSIXFiles.isDirectory((expanded.isEmpty ? "" : expanded) + name) ? name + "/" : name
        }
    }

    /// Exactly `s3wizard audit`: the same read-only calls, the same prefilled plan.
    static func audit(_ bucket: String, _ options: AWSOptions) -> Result<LiveAudit, LoadFailure> {
        do {
            let live = try BucketReader(cli: AWSCLI(options: options)).read(bucket: bucket)
            return .success(try LiveAudit(live))
        } catch let fault as AWSFault {
            return .failure(LoadFailure(fault.description))
        } catch {
            return .failure(LoadFailure("a live policy could not be read: \(error)"))
        }
    }

    /// Exactly `s3wizard generate`: the same plan gives the same files.
    public static func export(_ plan: Plan, to directory: String, formats: Set<OutputFormat>, force: Bool,
                              choices: [String: HandEditChoice] = [:]) -> ExportOutcome {
        let (diagnostics, artifacts) = plan.generate(formats: formats, proof: true)
        if !diagnostics.errors.isEmpty {
            return ExportOutcome(directory: directory, error: "\(diagnostics.errors.count) error(s) in the answers")
        }
        let exporter = Exporter(directory: directory)
        do {
            return ExportOutcome(directory: directory, report: try exporter.export(artifacts, force: force, choices: choices))
        } catch let .conflicts(paths) {
            return ExportOutcome(directory: directory, conflicts: paths, handEdits: (try? exporter.handEdits(paths, of: artifacts)) ?? [])
        } catch {
            return ExportOutcome(directory: directory, error: error.description)
        }
    }
}

/// Where unsaved answers wait after Ctrl-C, a signal or a crash. One file per session and answers file:
/// `<directory>/<key>.<session>.yaml`, where the key names the answers file (`answers.yaml-<12 hex of the
/// SHA-256 of its absolute path>`, or `example` for the built-in example), so a draft is only offered for
/// the file it belongs to, and a session never overwrites or deletes another session's draft.
/// Directories: `$S3WIZARD_DRAFT_DIR`, else `$XDG_STATE_HOME/s3wizard/drafts` (default
/// `~/.local/state/s3wizard/drafts`); when that cannot be written, `.s3wizard-drafts` in the working directory.
public struct DraftStore: Sendable {
    /// Where drafts are written, in order of preference; a draft is looked for in all of them.
    public let directories: [String]
    /// This session's part of the file name (process id and start time: unique among sessions).
    public let session: String
    let workingDirectory: String
    let unnamed: String
    /// The draft this session offered at start: deleted once its answers are saved, discarded or kept
    /// in a newer draft. Only this one: other drafts belong to other sessions.
    public private(set) var offered: String? = nil

    /// `unnamed`: the key while there is no answers file (`example`, or `new` for a blank start).
    public init(environment: [String: String], workingDirectory: String, session: String, unnamed: String = "example") {
        self.unnamed = unnamed
        let primary: String
        if let explicit = environment["S3WIZARD_DRAFT_DIR"], !explicit.isEmpty {
            primary = explicit
        } else {
            let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
                ?? (environment["HOME"] ?? POSIXFiles.homeDirectory()) + "/.local/state"
            primary = state + "/s3wizard/drafts"
        }
        directories = [primary, workingDirectory + "/.s3wizard-drafts"]
        self.workingDirectory = workingDirectory
        self.session = session
    }

    /// The key of an answers file (nil: the built-in example or a blank start): the file's name, for people, and a hash
    /// of its absolute path, so `a/answers.yaml` and `b/answers.yaml` never share drafts.
    public func key(for answersPath: String?) -> String {
        guard let answersPath else { return unnamed }
        let absolute = answersPath.hasPrefix("/") ? answersPath : workingDirectory + "/" + answersPath
        let standard = POSIXFiles.standardized(absolute)
        let name = String(PathName.split(standard).name.map { c in
            c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "-" || c == "_") ? c : "_"
        }.prefix(40))
        return name + "-" + SHA256.hex(Array(standard.utf8)).prefix(12)
    }

    /// This session's draft file for an answers file, in each directory.
    public func files(for answersPath: String?) -> [String] {
        let name = "\(key(for: answersPath)).\(session).yaml"
        return directories.map { $0 + "/" + name }
    }

    /// Writes the draft to the first location that takes it; on success, the draft it grew from is deleted.
    public mutating func save(_ text: String, for answersPath: String?) -> DraftOutcome {
        var problems: [String] = []
        for file in files(for: answersPath) {
            do {
                try Self.makeDirectories(PathName.split(file).directory)
                try AnswersFile.save(text, to: file)
                if let offered, offered != file { discardOffered() }
                return .saved(path: file, problems: problems)
            } catch {
                problems.append(error.description)
            }
        }
        return .failed(problems: problems)
    }

    /// mkdir -p, with the reason when it fails (HOME is a file, a read-only mount, no permission).
    static func makeDirectories(_ directory: String) throws(FileProblem) {
        var path = directory.hasPrefix("/") ? "" : "."
        for part in directory.split(separator: "/") {
            path += "/" + part
            if mkdir(path, 0o700) != 0, errno != EEXIST {
                throw FileProblem("\(path): cannot create the directory: \(String(cString: strerror(errno)))")
            }
        }
        guard POSIXFiles.isDirectory(directory) else {
            throw FileProblem("\(directory): not a directory")
        }
    }

    public mutating func discardOffered() {
        if let offered { POSIXFiles.remove(offered) }
        offered = nil
    }

    public enum Found {
        case none
        case draft(DraftOffer)
        /// A draft that no longer parses: reported, never silently deleted.
        case unreadable(path: String, problem: String)
    }

    /// The newest draft left for this answers file (by any earlier session), which becomes the offered one.
    public mutating func load(for answersPath: String?) -> Found {
        let prefix = key(for: answersPath) + "."
        var newest: (path: String, modified: Int)? = nil
        for directory in directories {
            for name in POSIXFiles.names(in: directory) ?? []
            where name.hasPrefix(prefix) && name.hasSuffix(".yaml") {
                let path = directory + "/" + name
                let modified = POSIXFiles.modified(path) ?? .min
                if newest == nil || modified > newest!.modified { newest = (path, modified) }
            }
        }
        guard let newest else { return .none }
        do {
            // A draft gives back whatever was typed, however long (the file itself is still at most 1 MiB).
            let plan = try AnswersFile.load(newest.path, valueLimit: nil)
            offered = newest.path
            return .draft(DraftOffer(plan: plan, savedAt: POSIXFiles.localMinute(nanoseconds: newest.modified), path: newest.path))
        } catch {
            return .unreadable(path: newest.path, problem: error.description)
        }
    }
}

/// A draft offered at start.
public struct DraftOffer: Sendable {
    public let plan: Plan
    public let savedAt: String
    /// The draft's file (shown, so the user can find it).
    public let path: String

    public init(plan: Plan, savedAt: String, path: String) {
        self.plan = plan
        self.savedAt = savedAt
        self.path = path
    }
}

/// Where a draft went: the file, and why the locations before it failed; or why every location failed.
public enum DraftOutcome: Sendable, Equatable {
    case saved(path: String, problems: [String])
    case failed(problems: [String])

    /// The truth, for the user: where the answers are, or that they are not kept anywhere.
    public var summary: String {
        switch self {
        case let .saved(path, problems) where problems.isEmpty: "unsaved answers kept in \(path)"
        case let .saved(path, problems): "unsaved answers kept in \(path) (\(problems.joined(separator: "; ")))"
        case let .failed(problems): "unsaved answers could NOT be kept as a draft: \(problems.joined(separator: "; "))"
        }
    }
}
