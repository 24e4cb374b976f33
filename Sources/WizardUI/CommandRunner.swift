import Foundation
import S3HardeningCore

// The one file in WizardUI that touches the disk: it carries out the model's commands and reports back
// as events. Export goes through the same core calls as `s3wizard generate`, so the bytes are the same.

public struct CommandRunner {
    public let drafts: DraftStore

    public init(drafts: DraftStore) { self.drafts = drafts }

    /// Runs a file command; returns the event that reports its result (nil for commands with nothing to report
    /// and for those the runtime handles itself: redraw, quit).
    public func run(_ command: Command) -> Event? {
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
            do { return .answersLoaded(path: path, result: .success(try AnswersFile.load(path))) } catch {
                return .answersLoaded(path: path, result: .failure(LoadFailure(error.description)))
            }
        case let .export(plan, directory, formats, force):
            return .exported(Self.export(plan, to: directory, formats: formats, force: force))
        case let .saveDraft(text):
            try? drafts.save(text)
            return nil
        case .discardDraft:
            drafts.discard()
            return nil
        case .redraw, .quit:
            return nil
        }
    }

    /// Exactly `s3wizard generate`: the same plan gives the same files.
    public static func export(_ plan: Plan, to directory: String, formats: Set<OutputFormat>, force: Bool) -> ExportOutcome {
        let (diagnostics, artifacts) = plan.generate(formats: formats, proof: true)
        if !diagnostics.errors.isEmpty {
            return ExportOutcome(directory: directory, error: "\(diagnostics.errors.count) error(s) in the answers")
        }
        do {
            return ExportOutcome(directory: directory, report: try Exporter(directory: directory).export(artifacts, force: force))
        } catch let .conflicts(paths) {
            return ExportOutcome(directory: directory, conflicts: paths)
        } catch {
            return ExportOutcome(directory: directory, error: error.description)
        }
    }
}

/// Where unsaved answers wait after Ctrl-C or a crash: `$XDG_STATE_HOME/s3wizard/draft.yaml`
/// (default `~/.local/state/s3wizard/draft.yaml`), or `S3WIZARD_DRAFT` when set.
public struct DraftStore: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public init(environment: [String: String]) {
        if let explicit = environment["S3WIZARD_DRAFT"], !explicit.isEmpty {
            path = explicit
        } else {
            let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
                ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
            path = state + "/s3wizard/draft.yaml"
        }
    }

    public func save(_ text: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try AnswersFile.save(text, to: path)
    }

    public func discard() { try? FileManager.default.removeItem(atPath: path) }

    public enum Found {
        case none
        case draft(Plan, savedAt: String)
        /// A draft that no longer parses: reported, never silently deleted.
        case unreadable(String)
    }

    public func load() -> Found {
        guard FileManager.default.fileExists(atPath: path) else { return .none }
        do {
            // A draft gives back whatever was typed, however long (the file itself is still at most 1 MiB).
            let plan = try AnswersFile.load(path, valueLimit: nil)
            let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd HH:mm"
            return .draft(plan, savedAt: date.map(formatter.string) ?? "earlier")
        } catch {
            return .unreadable(error.description)
        }
    }
}
