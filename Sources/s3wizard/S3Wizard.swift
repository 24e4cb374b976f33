import ArgumentParser
import Glibc
import S3HardeningCore
import TerminalBackend
import WizardUI

@main
struct S3Wizard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "s3wizard",
        abstract: "Harden an S3 bucket that holds sensitive data: correct bucket, key, endpoint and role policies, explained.",
        discussion: """
            Quick start (the built-in example, then your own answers):
              s3wizard                        # the interactive wizard on the example
              s3wizard --answers answers.yaml # the wizard on your answers
              s3wizard new                    # the wizard from the defaults, every name empty
              s3wizard generate --example --out ./hardened
              s3wizard example > answers.yaml
              s3wizard validate --answers answers.yaml
              s3wizard generate --answers answers.yaml --out ./hardened
              s3wizard simulate --answers answers.yaml
              s3wizard explain vpc-only
            """,
        subcommands: [Wizard.self, New.self, Generate.self, Validate.self, Explain.self, Simulate.self, AuditCommand.self, Example.self],
        defaultSubcommand: Wizard.self
    )

    /// A first word that is neither an option nor a subcommand would reach the wizard as "Unexpected argument":
    /// say it is not a subcommand and name the nearest one instead.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let word = arguments.first, !word.hasPrefix("-"), word != "help" {
            let names = configuration.subcommands.map { $0._commandName }
            if !names.contains(word) {
                let nearest = Suggestion.nearest(to: word, among: names)
                Console.error("s3wizard: '\(word)' is not a subcommand.\(nearest.map { " Did you mean '\($0)'?" } ?? "") Subcommands: \(names.joined(separator: ", ")).")
                Glibc.exit(64)
            }
        }
        do {
            if arguments.isEmpty {
                // `s3wizard` alone: the wizard on the example, without building the argument parser's
                // command tree (a quarter of the start-up's instructions, issue 11).
                try Wizard.guarded { try WizardOptions.Values().run(plan: Plan.example, answersPath: nil) }
                return
            }
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

/// The wizard's own options, shared by `s3wizard` (the example or a file) and `s3wizard new` (a blank plan).
struct WizardOptions: ParsableArguments {
    @Option(help: "Colour theme: dark, light, high-contrast, monochrome, or a theme file (also S3WIZARD_THEME).")
    var theme: String?

    @Option(help: ArgumentHelp("Print the screen as text at this size (e.g. 120x40) instead of opening the terminal.", valueName: "WxH"))
    var screen: String?

    @Option(help: ArgumentHelp("With --screen: keys to press first, e.g. \"jj<enter>abc<esc>\" (<down> <tab> <c-c> …).", valueName: "KEYS"))
    var keys: String = ""

    @Flag(help: "With --screen: draw with ASCII instead of Unicode box characters.")
    var ascii = false

    /// The options as plain values: `s3wizard` alone runs the defaults without parsing.
    struct Values {
        var theme: String? = nil
        var screen: String? = nil
        var keys = ""
        var ascii = false
    }

    func run(plan: Plan, answersPath: String?, fingerprint: FileFingerprint? = nil) throws {
        try Values(theme: theme, screen: screen, keys: keys, ascii: ascii).run(plan: plan, answersPath: answersPath, fingerprint: fingerprint)
    }
}

extension WizardOptions.Values {
    /// Runs the wizard (or prints one screen) on `plan`.
    /// `fingerprint`: the answers file as read (a save over it asks if someone else wrote it since).
    func run(plan: Plan, answersPath: String?, fingerprint: FileFingerprint? = nil) throws {
        let environment = ProcessEnvironment.current()
        if let screen {
            guard let size = ScreenDump.parseSize(screen) else { throw Failure("--screen \(screen): expected WIDTHxHEIGHT, e.g. 120x40") }
            let script: [Key]
            do throws(KeyScript.Problem) { script = try KeyScript.parse(keys) } catch { throw Failure("--keys: \(error.description)") }
            print(ScreenDump.run(plan: plan, answersPath: answersPath, size: size, keys: script, ascii: ascii), terminator: "")
            return
        }
        let chosen: Theme
        if let name = theme ?? environment["S3WIZARD_THEME"].flatMap({ $0.isEmpty ? nil : $0 }) {
            do { chosen = try Theme.load(nameOrPath: name, environment: environment) } catch { throw Failure("\(error)") }
        } else {
            // Ask the terminal only when nothing else says which background it has.
            let asked = environment["COLORFGBG"] == nil && environment["TERM"].map { $0 != "dumb" } == true ? Terminal.queryBackground() : nil
            chosen = Theme.defaultTheme(environment: environment, background: asked)
        }
        let status = Interactive(plan: plan, answersPath: answersPath, fingerprint: fingerprint, theme: chosen, environment: environment).run()
        if status != 0 { throw ExitCode(status) }
    }
}

/// `s3wizard new`: the wizard from the recommended defaults with every name empty, for your own bucket.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "The wizard from a blank plan: the recommended defaults, every name, account and ARN empty.",
        discussion: "Save (s) asks for a file name. To start from your own key and endpoint, choose \"existing\" on the Encryption and VPC-only steps and paste their ARN and id.")

    @OptionGroup var options: WizardOptions

    func run() throws {
        try guarded { try options.run(plan: Plan.blank, answersPath: nil) }
    }
}

/// The interactive wizard, also what `s3wizard` alone runs.
struct Wizard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wizard",
        abstract: "The interactive wizard (the default): steps, live policy previews, review, export.",
        discussion: WizardKeys.summary)

    @Option(name: .shortAndLong, help: "Start the wizard from this answers file (default: the built-in example).")
    var answers: String?

    @OptionGroup var options: WizardOptions

    func run() throws {
        try guarded {
            let loaded = try answers.map { file in
                do throws(FileProblem) { return try AnswersFile.loadWithFingerprint(file) } catch { throw Failure(error.description) }
            }
            try options.run(plan: loaded?.plan ?? Plan.example, answersPath: answers, fingerprint: loaded?.fingerprint)
        }
    }
}

/// Where the answers come from: a file, or the built-in example.
struct AnswersSource: ParsableArguments {
    @Option(name: .shortAndLong, help: "The answers file (YAML). See `s3wizard example` and docs/answers.md.")
    var answers: String?

    @Flag(help: "Use the built-in example answers (the article's single Lambda, done right).")
    var example = false

    func validate() throws {
        if answers != nil && example { throw ValidationError("give either --answers FILE or --example, not both") }
        if answers == nil && !example { throw ValidationError("missing --answers FILE (or --example for the built-in example)") }
    }

    /// The plan and, for a file, its text (to put line numbers on diagnostics).
    func load() throws -> (plan: Plan, text: String?, name: String) {
        guard let file = answers else { return (Plan.example, nil, "example") }
        let text = try Self.readText(file)
        do {
            return (try AnswersFile.parse(text), text, file)
        } catch {
            throw Failure(error.located(in: file))
        }
    }

    static func readText(_ file: String) throws -> String {
        do { return try AnswersFile.readText(file) } catch { throw Failure(error.description) }
    }
}

/// A user-facing failure: printed as is, exit status 1.
struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum Console {
    static func error(_ text: String) {
        // Unbuffered, straight to descriptor 2, as FileHandle.standardError wrote it.
        let bytes = Array((text.hasSuffix("\n") ? text : text + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// Prints diagnostics as `file:line: severity: field: message`; returns whether any is an error.
    @discardableResult
    static func report(_ diagnostics: [Diagnostic], source: (plan: Plan, text: String?, name: String)) -> Bool {
        let index = source.text.map(AnswersFile.lineIndex) ?? [:]
        for d in diagnostics {
            let line = AnswersFile.line(for: d.path, in: index).map { ":\($0)" } ?? ""
            error("\(source.name)\(line): \(d.severity.rawValue): \(d.path): \(d.message)")
        }
        return !diagnostics.errors.isEmpty
    }
}

extension ParsableCommand {
    /// Runs a body, turning `Failure` into a message on stderr and exit status 1.
    func guarded(_ body: () throws -> Void) throws { try Self.guarded(body) }

    static func guarded(_ body: () throws -> Void) throws {
        do { try body() } catch let failure as Failure {
            Console.error("s3wizard: \(failure.description)")
            throw ExitCode(1)
        }
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write the Terraform module, the JSON policies, a README and the answers file.",
        discussion: "Writes all files or none. Rerunning overwrites its own files but refuses to overwrite files changed by hand (listed) unless --force.")

    @OptionGroup var source: AnswersSource

    @Option(name: .shortAndLong, help: "Output directory (created if missing).")
    var out: String

    @Option(help: "Comma-separated formats: terraform, json.", transform: { raw in
        let names = raw.split(separator: ",").map { $0.trimmingSpaces() }
        return try Set(names.map { name in
            guard let format = OutputFormat(rawValue: name) else { throw ValidationError("unknown format '\(name)' (use terraform, json)") }
            return format
        })
    })
    var format: Set<OutputFormat> = Set(OutputFormat.allCases)

    @Flag(help: "Overwrite files that were changed by hand.")
    var force = false

    @Flag(help: "Show what would be written, updated and removed (or refused), and write nothing. An interrupted earlier run is still recovered first.")
    var dryRun = false

    @Flag(help: "Require an adopt section (see `s3wizard audit --write-answers`): fail unless terraform/imports.tf takes over existing resources.")
    var adopt = false

    func validate() throws {
        // An empty --out would mean the current directory by accident; say ./ if that is meant.
        if out.isEmpty { throw ValidationError("--out is empty: name the output directory, e.g. --out ./hardened (or --out . for this one)") }
    }

    func run() throws {
        try guarded {
            let loaded = try source.load()
            if adopt, loaded.plan.imports.isEmpty {
                throw Failure("--adopt: the answers adopt nothing (no adopt section, or nothing in it that this plan manages); `s3wizard audit --bucket NAME --write-answers FILE` writes one from the live bucket")
            }
            let (diagnostics, artifacts) = loaded.plan.generate(formats: format, proof: true)
            if Console.report(diagnostics, source: loaded) {
                throw Failure("\(diagnostics.errors.count) error(s) in the answers; nothing was written")
            }
            let exporter = Exporter(directory: out)
            let report: ExportReport
            do { report = try dryRun ? exporter.check(artifacts, force: force) : exporter.export(artifacts, force: force) } catch { throw Failure("\(error)") }
            for note in report.notes { Console.error("s3wizard: \(out): \(note)") }
            if dryRun {
                print("Would write \(report.writtenCount) file(s) to \(out) (\(report.counts)); nothing was written.")
                for (label, paths) in [("new", report.created), ("updated", report.updated), ("removed", report.removed), ("overwritten (--force)", report.overwritten)] {
                    for path in paths { print("  \(label): \(path)") }
                }
                return
            }
            print("Wrote \(report.writtenCount) file(s) to \(out) (\(report.counts)).")
            for path in report.overwritten { print("  overwritten (--force): \(path)") }
            if !artifacts.placeholders.isEmpty {
                print("Placeholders in the JSON (known after terraform apply): \(artifacts.placeholders.map(\.marker).joined(separator: ", ")); see README.md.")
            }
            if !loaded.plan.imports.isEmpty {
                print("Adopts \(loaded.plan.imports.count) existing resource(s) through terraform/imports.tf: read the first `terraform plan` before applying (README.md, \"Adopting what exists\").")
            }
            print("Next: read \(out)/README.md, then run terraform in \(out)/terraform as a deployer.")
        }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check an answers file: field rules, contradictions, lockout risks and AWS size limits.",
        discussion: "Exit status 0 when there are no errors (warnings are printed), 1 otherwise.")

    @OptionGroup var source: AnswersSource

    func run() throws {
        try guarded {
            let loaded = try source.load()
            let diagnostics = loaded.plan.diagnostics
            if Console.report(diagnostics, source: loaded) {
                throw Failure("\(diagnostics.errors.count) error(s), \(diagnostics.warnings.count) warning(s)")
            }
            print("\(loaded.name): valid (\(diagnostics.warnings.count) warning(s))")
        }
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain the controls: why each is there, what it costs, what it can break.",
        discussion: "Without an id, lists every control. With --answers (or --example), shows each control's state in that plan and the statements and resources that implement it.")

    @Argument(help: "A control id, e.g. vpc-only. Omit to list all.")
    var control: String?

    @Option(name: .shortAndLong, help: "An answers file, to show states and traces for that plan.")
    var answers: String?

    @Flag(help: "Show states and traces for the built-in example.")
    var example = false

    func run() throws {
        try guarded {
            var plan: Plan? = example ? Plan.example : nil
            if let answers { plan = try AnswersSource(answers: answers, example: false).load().plan }
            guard let id = control else {
                let reports = plan.map { p in Dictionary(uniqueKeysWithValues: p.controlReports.map { ($0.control.id, $0.state) }) }
                let width = ControlID.allCases.map(\.rawValue.count).max()!
                for control in Control.catalogue {
                    let state = reports?[control.id].map { "  [\($0.kind.rawValue)\($0.note.map { ": \($0)" } ?? "")]" } ?? ""
                    print(control.id.rawValue.padded(to: width + 2) + control.title + state)
                }
                if let reports {
                    let states = reports.values.map(\.kind)
                    print("\n\(states.filter { $0 == .on }.count) on · \(states.filter { $0 == .offByChoice }.count) off by your choice · \(states.filter { $0 == .weakened }.count) weakened")
                }
                print("\n`s3wizard explain ID` shows one control in full.")
                return
            }
            guard let found = Control.find(id) else {
                throw Failure("unknown control '\(id)'; known: \(ControlID.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            print(ControlText.full(found, report: plan.map { found.report(for: $0, policies: $0.policies) }))
        }
    }
}

extension AnswersSource {
    init(answers: String?, example: Bool) {
        self.init()
        self.answers = answers
        self.example = example
    }
}

struct Example: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "example",
        abstract: "Print a commented example answers file.",
        discussion: "Presets: \(Preset.all.map { "\($0.name) (\($0.summary))" }.joined(separator: "; "))")

    @Option(help: "Which preset: \(Preset.all.map(\.name).joined(separator: ", ")).")
    var preset: String = Preset.lambdaReports.name

    func run() throws {
        try guarded {
            guard let found = Preset.named(preset) else {
                throw Failure("unknown preset '\(preset)'; known: \(Preset.all.map(\.name).joined(separator: ", "))")
            }
            print(AnswersFile.render(found.plan, header: ExamplesDocument.header(found)), terminator: "")
        }
    }
}

struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Prove the policies offline: who can read, write, delete, list, or change the policies, from where.",
        discussion: """
            With --answers (or --example): the plan's own policies, every principal that matters, and the plan's intents.
            With --bucket-policy: audit policies you already have (e.g. the source article's) against the same intents.
            Exit status 1 when an intent is broken. What the simulator models, and what it does not: docs/simulator.md.
            """)

    @Option(name: .shortAndLong, help: "An answers file.")
    var answers: String?

    @Flag(help: "Simulate the built-in example.")
    var example = false

    @Option(help: "Audit: a bucket policy (JSON) you already have.")
    var bucketPolicy: String?

    @Option(help: "Audit: the gateway endpoint's policy (JSON).")
    var endpointPolicy: String?

    @Option(help: "Audit: the KMS key policy (JSON).")
    var keyPolicy: String?

    @Option(name: .customLong("role"), help: "Audit: a role allowed to touch the data and its identity policy, as ARN=FILE (repeatable).")
    var roles: [String] = []

    @Option(help: "Audit: region of the bucket (default us-east-1).")
    var region: String = "us-east-1"

    @Option(help: "Output format: text or json.")
    var format: String = "text"

    @Flag(help: "Text format: list every cell with the statements that decided it.")
    var trace = false

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("unknown format '\(format)' (use text, json)") }
        let modes = [answers != nil, example, bucketPolicy != nil].filter { $0 }.count
        guard modes == 1 else { throw ValidationError("give one of --answers FILE, --example, or --bucket-policy FILE") }
        if bucketPolicy == nil, endpointPolicy != nil || keyPolicy != nil || !roles.isEmpty {
            throw ValidationError("--endpoint-policy, --key-policy and --role go with --bucket-policy")
        }
    }

    func run() throws {
        try guarded {
            let matrix: AccessMatrix
            if let bucketPolicy {
                func read(_ path: String) throws -> String { try AnswersSource.readText(path) }
                var parsedRoles: [(arn: String, identity: String, name: String)] = []
                for spec in roles {
                    guard let eq = spec.firstIndex(of: "=") else { throw Failure("--role \(spec): expected ARN=FILE") }
                    let file = String(spec[spec.index(after: eq)...])
                    parsedRoles.append((String(spec[..<eq]), try read(file), file))
                }
                do {
                    matrix = try Audit(bucketPolicy: try read(bucketPolicy), endpointPolicy: try endpointPolicy.map(read),
                                       keyPolicy: try keyPolicy.map(read), roles: parsedRoles, region: region).accessMatrix()
                } catch let error as SimulationError { throw Failure(error.description) }
            } else {
                let loaded = try AnswersSource(answers: answers, example: example).load()
                // The simulator shows broken intents itself: only the other errors stop it.
                let diagnostics = loaded.plan.diagnosticsWithoutProof(policies: nil)
                if Console.report(diagnostics.errors, source: loaded) {
                    throw Failure("\(diagnostics.errors.count) error(s) in the answers; nothing to simulate")
                }
                do { matrix = try loaded.plan.accessMatrix() } catch { throw Failure("\(error)") }
            }
            print(format == "json" ? matrix.json : matrix.text(trace: trace), terminator: "")
            if !matrix.brokenIntents.isEmpty {
                Console.error("s3wizard: \(matrix.brokenIntents.count) intent(s) broken: \(matrix.brokenIntents.map(\.id.rawValue).joined(separator: ", "))")
                throw ExitCode(1)
            }
        }
    }
}

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit a live bucket through the AWS CLI (read-only): who can reach the data today, each control today vs hardened.",
        discussion: """
            Runs `aws` (v1 or v2, your profiles and SSO) with Get/Describe/List calls only. A call that is denied is
            named with the permission it needs, and the controls it feeds are marked unknown.
            Exit status: 0 every intent holds, 1 an intent is broken, 2 an error (no aws, no credentials, no bucket),
            3 nothing broken but some reads were denied.
            """)

    @Option(help: "The bucket to audit.")
    var bucket: String

    @Option(help: "The AWS CLI profile (default: the CLI's own default or AWS_PROFILE).")
    var profile: String?

    @Option(help: "Region for the first calls (the bucket's own region is then read from S3).")
    var region: String?

    @Option(help: "Send every call to this endpoint (e.g. a local test server).")
    var endpointUrl: String?

    @Option(help: "Output format: text or json.")
    var format: String = "text"

    @Option(help: "Write the hardened plan prefilled from the audit to this answers file (guesses are marked).")
    var writeAnswers: String?

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("unknown format '\(format)' (use text, json)") }
    }

    func run() throws {
        let options = AWSOptions(profile: profile, region: region, endpointURL: endpointUrl)
        if let problem = options.problems().first { Console.error("s3wizard: \(problem)"); throw ExitCode(2) }
        let audit: LiveAudit
        do {
            let live = try BucketReader(cli: AWSCLI(options: options)).read(bucket: bucket)
            audit = try LiveAudit(live)
        } catch let fault as AWSFault {
            Console.error("s3wizard: \(fault.description)")
            throw ExitCode(2)
        } catch let error as SimulationError {
            Console.error("s3wizard: a live policy could not be read: \(error.description)")
            throw ExitCode(2)
        }
        if let file = writeAnswers {
            do { try AnswersFile.save(audit.answersFile, to: file) } catch {
                Console.error("s3wizard: \(error)")
                throw ExitCode(2)
            }
            let errors = audit.plan.diagnostics.errors
            Console.error("s3wizard: wrote \(file) (\(audit.guesses.count) guessed answer(s) marked GUESSED\(errors.isEmpty ? "" : "; \(errors.count) error(s) to fix: run `s3wizard validate --answers \(file)`"))")
        }
        print(format == "json" ? audit.json : audit.text, terminator: "")
        for (call, why) in audit.bucket.unreadable { Console.error("s3wizard: \(call.rawValue): \(why)") }
        if !audit.matrix.brokenIntents.isEmpty {
            Console.error("s3wizard: \(audit.matrix.brokenIntents.count) intent(s) broken today: \(audit.matrix.brokenIntents.map(\.id.rawValue).joined(separator: ", "))")
        }
        if audit.exitStatus != 0 { throw ExitCode(audit.exitStatus) }
    }
}

/// The nearest word by edit distance, when it is near enough to be a likely typo.
enum Suggestion {
    static func nearest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(Array(word.lowercased()), Array($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, best.0.count / 3) else {
            return candidates.first { $0.hasPrefix(word.lowercased()) }
        }
        return best.0
    }

    /// Levenshtein distance, one row at a time.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1]
            for (j, cb) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
