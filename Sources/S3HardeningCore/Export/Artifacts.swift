// From a plan to the files s3wizard writes, in memory. Pure and fast: the wizard builds a `PlanOutput` on
// every keystroke and renders the file it shows, `generate` renders every file for the exporter.

public enum OutputFormat: String, CaseIterable, Sendable {
    case terraform, json
}

public struct Artifact: Equatable, Sendable {
    /// Relative to the output directory, with `/` separators.
    public let path: String
    public let contents: String
}

public struct ArtifactSet: Sendable {
    public let files: [Artifact]
    /// Placeholders that appear in the JSON, with how to fill them in.
    public let placeholders: [Placeholder]

    public subscript(path: String) -> Artifact? { files.first { $0.path == path } }
}

extension Plan {
    public static let answersFileName = "answers.yaml"

    public static let simulationFileName = "simulation.txt"

    /// Every file for this plan, as exported. Call only on a plan without errors (see `diagnostics`).
    public func artifacts(formats: Set<OutputFormat> = Set(OutputFormat.allCases)) -> ArtifactSet {
        generate(formats: formats, proof: true).artifacts
    }

    /// Checks the plan and builds every file in one pass, sharing the policies and their JSON. The
    /// artifacts are meaningful only without errors. `proof` runs the offline access matrix (a few
    /// milliseconds: every output does it, a keystroke preview need not): a broken intent the answers do not
    /// accept is an error, and the matrix is written as simulation.txt.
    public func generate(formats: Set<OutputFormat> = Set(OutputFormat.allCases), proof: Bool = false)
        -> (diagnostics: [Diagnostic], artifacts: ArtifactSet) {
        let output = self.output(formats: formats, proof: proof)
        return (output.diagnostics, output.artifacts)
    }

    /// The diagnostics and the list of files now, each file's contents when it is first asked for (`generate`
    /// asks for all). The wizard's keystroke renders only the file its preview shows: the policies are built here
    /// once, and every file is a renderer over those shared values.
    ///
    /// `limits: false` (the wizard's keystroke) leaves out the AWS size limits, which need every policy printed:
    /// each JSON file is then printed when it is asked for, and the caller checks the limits later
    /// (`limitDiagnostics`). The files are the same either way (`PlanOutputTests`).
    public func output(formats: Set<OutputFormat> = Set(OutputFormat.allCases), proof: Bool = false, limits: Bool = true) -> PlanOutput {
        // Whatever prints every policy reads each document more than once: built once here. The keystroke builds
        // only the documents of the file it shows.
        let policies = limits || proof ? self.policies.built() : self.policies
        // Printed once for the limits and shared by the JSON files; without the limits, printed per file on demand.
        let rendered = limits || proof ? policies.rendered(References(self)) : nil
        var diagnostics = rendered.map { diagnosticsWithoutProof(policies: policies, rendered: $0) } ?? fieldDiagnostics
        var matrix: AccessMatrix? = nil
        if proof, diagnostics.errors.isEmpty {
            let proven = prove(policies: policies)
            matrix = proven.matrix
            diagnostics += proven.diagnostics
        }
        let warnings = diagnostics.warnings
        var files: [PlanOutput.File] = []
        if formats.contains(.terraform) {
            for (name, render) in TerraformModule(self, policies: policies).renderers {
                files.append(.init(path: "terraform/\(name)", render: render))
            }
        }
        // Placeholders come from printing every policy: only the files that list them ask, when they are rendered.
        let allPlaceholders: @Sendable () -> [Placeholder] = { [self] in
            guard formats.contains(.json) else { return [] }
            return (rendered ?? policies.rendered(References(self))).placeholders
        }
        if formats.contains(.json) {
            if let rendered {
                files += rendered.files.map { file in .init(path: "policies/\(file.file)", render: { file.text }) }
            } else {
                let references = References(self)
                files += policies.entries.map { file, document in
                    .init(path: "policies/\(file)", render: { var renderer = JSONRenderer(references); return renderer.render(document.value.tree) })
                }
            }
            let policyFiles = policies.entries.map(\.file)
            let adopted = adopt.bucket && adopt.settings.contains(.policy) ? basics.bucketName : nil
            files.append(.init(path: AnalyzerChecks.path, render: { [self] in
                AnalyzerChecks.script(policyFiles: policyFiles, placeholders: allPlaceholders().map { ($0.name, $0.sample(self)) }, adoptedBucket: adopted)
            }))
        }
        files.append(.init(path: Plan.answersFileName, render: {
            AnswersFile.render(self, header: [
                "s3wizard answers file: `s3wizard generate --answers \(Plan.answersFileName) --out DIR` repeats this run.",
                "Reference: docs/answers.md in the s3wizard repository.",
            ])
        }))
        if let matrix { files.append(.init(path: Plan.simulationFileName, render: { matrix.text() })) }
        let listed = files.map(\.path)
        files.append(.init(path: "README.md", render: { [matrix] in
            OutputReadme(plan: self, paths: listed, placeholders: allPlaceholders(), warnings: warnings,
                         controls: self.controlReports(policies: policies), intents: matrix?.intents ?? [],
                         accepted: matrix.map(self.acceptedBrokenIntents) ?? []).text
        }))
        return PlanOutput(plan: self, diagnostics: diagnostics, files: files, placeholders: allPlaceholders)
    }
}

/// One plan's files, in export order, each rendered by its own function over the plan's shared values (built
/// once in `Plan.output`). Rendering one file never renders another, and gives the same text as rendering all
/// (`PlanOutputTests`): the wizard renders per key only the file it previews, the others when they are needed.
public struct PlanOutput: Sendable {
    struct File: Sendable {
        let path: String
        let render: @Sendable () -> String
    }

    public let plan: Plan
    public let diagnostics: [Diagnostic]
    /// Placeholders that appear in the JSON, with how to fill them in (found by printing every policy).
    public var placeholders: [Placeholder] { placeholdersOf() }
    private let placeholdersOf: @Sendable () -> [Placeholder]
    /// Every file's path (relative to the output directory), in the order `generate` lists them.
    public let paths: [String]
    private let renderers: [String: @Sendable () -> String]
    /// The files rendered so far (`render`), so a file asked for again is not rendered twice.
    public private(set) var rendered: [String: String] = [:]

    init(plan: Plan, diagnostics: [Diagnostic], files: [File], placeholders: @escaping @Sendable () -> [Placeholder]) {
        self.plan = plan
        self.diagnostics = diagnostics
        placeholdersOf = placeholders
        paths = files.map(\.path)
        var renderers: [String: @Sendable () -> String] = [:]
        for file in files { renderers[file.path] = file.render }
        self.renderers = renderers
    }

    /// Whether this output has a file at `path`.
    public func contains(_ path: String) -> Bool { renderers[path] != nil }

    /// The file at `path` (nil: not part of this output): as rendered before, else rendered now and not kept.
    public func contents(_ path: String) -> String? {
        rendered[path] ?? renderers[path]?()
    }

    /// Renders the file at `path` unless it was already, and keeps it.
    @discardableResult
    public mutating func render(_ path: String) -> String? {
        if let text = rendered[path] { return text }
        guard let text = renderers[path]?() else { return nil }
        rendered[path] = text
        return text
    }

    /// Every file, rendered (those not rendered yet are rendered now).
    public var artifacts: ArtifactSet {
        ArtifactSet(files: paths.map { Artifact(path: $0, contents: contents($0)!) }, placeholders: placeholders)
    }
}

/// The README.md written beside the output: what is there, how to apply it, and what to watch for.
struct OutputReadme {
    let plan: Plan
    /// The other files of the output (README.md lists them).
    let paths: [String]
    let placeholders: [Placeholder]
    let warnings: [Diagnostic]
    let controls: [ControlReport]
    let intents: [IntentResult]
    let accepted: [(intent: IntentResult, reason: String)]

    var text: String {
        var lines: [String] = []
        let name = plan.basics.bucketName ?? "\(plan.effectiveBucketPrefix)… (generated)"
        lines += ["# Hardened S3 bucket for \(plan.namePrefix)", "",
                  "Generated by s3wizard from `\(Plan.answersFileName)`. Bucket `\(name)` in \(plan.basics.region) (partition `\(plan.partition.rawValue)`).",
                  "Regenerate with `s3wizard generate --answers \(Plan.answersFileName) --out .` (files you edited by hand are never overwritten without `--force`).", ""]
        lines += ["## Before you apply: lockout warnings", ""]
        lines += plan.applyRisks.map { "- " + $0 }
        if !accepted.isEmpty {
            lines += ["", "## Accepted broken intents", "",
                      "These promises do NOT hold for this output. They were accepted knowingly in `\(Plan.answersFileName)` (`proof.accepted_broken_intents`):", ""]
            lines += accepted.map { "- **\($0.intent.id)**: \($0.intent.statement). Reason given: \($0.reason). First request that goes the other way: \($0.intent.violations[0].text)" }
        }
        if !warnings.isEmpty {
            lines += ["", "## Warnings from the answers", ""]
            lines += warnings.map { "- `\($0.path)`: \($0.message)" }
        }
        lines += ["", "## Apply", "", "```sh", "cd terraform", "cp terraform.tfvars.example terraform.tfvars   # optional: edit values", "terraform init", "terraform plan", "terraform apply", "```", "",
                  "If the first apply stops with \"invalid principal\" on the bucket or key policy, IAM had not yet spread the new roles: run `terraform apply` again.",
                  "Check the result offline at any time with `s3wizard simulate --answers \(Plan.answersFileName)`."]
        if paths.contains(AnalyzerChecks.path) {
            lines.append("Before the first apply, let IAM Access Analyzer judge the JSON policies with AWS's own reasoning: `bash \(AnalyzerChecks.path) --profile NAME` (one PASS or FAIL line per check; exit 1 on a failure).")
        }
        lines.append("")
        if !plan.imports.isEmpty { lines += ImportsFile(plan: plan).readme }
        var merges: [String] = []
        if !plan.managesKeyPolicy {
            merges.append("- `policies/key-policy-statements-to-add.json` into the policy of the existing key `\(plan.encryption.existingKeyArn ?? "")`: without them the data roles cannot read or write. Add, do not replace.")
        }
        if !plan.createsEndpoint {
            merges.append("- `policies/endpoint-policy-statements-to-add.json` into the policy of endpoint `\(plan.network.endpointId ?? "")`, if that policy is narrower than full access. Replacing it would cut other workloads off S3.")
        }
        if plan.protections.accessLogging == .existing {
            merges.append("- `policies/log-bucket-policy-statements-to-add.json` into the policy of log bucket `\(plan.protections.logBucketName ?? "")`, so S3 can deliver the access logs.")
        }
        if plan.protections.replication {
            merges.append("- `policies/replication-bucket-policy-statements-to-add.json` into the policy of the destination bucket `\(plan.protections.replicationBucketArn ?? "")`, and `policies/replication-key-policy-statements-to-add.json` into the policy of its key `\(plan.protections.replicationKeyArn ?? "")`: without them replication fails. Versioning must be on at the destination.")
        }
        if plan.protections.auditTrail == .existingBucket {
            merges.append("- `policies/trail-bucket-policy-statements-to-add.json` into the policy of trail bucket `\(plan.protections.trailBucketName ?? "")` (for an organisation trail's bucket, in the log-archive account), before the first apply: CloudTrail checks it when the trail is created. The log files are encrypted with this root's support key: whoever reads them there needs `kms:Decrypt` on it (the key administrators have it).")
        }
        if !merges.isEmpty { lines += ["## Merge by hand (resources you did not create here)", ""] + merges + [""] }
        if plan.organization.resourceControlPolicy {
            lines += ["## The organisation guardrail", "",
                      "`terraform/organization/` is a separate root for the organisation's management account: it creates `policies/rcp.json` as a resource control policy and attaches it to `\(plan.organization.rcpTargetId ?? plan.accountId ?? "the account")`. Apply it after this root (its variables default to the values known now; fill the others from `terraform output`). With it attached, deleting the bucket policy, even as the account root user, opens no data access: the RCP denies the same requests (`s3wizard simulate` proves it as the intent `\(IntentID.guardrailWithoutBucketPolicy)`). It does not apply if the bucket's account is the management account.", ""]
        }
        lines += ["## The data roles", "",
                  "Their access lives in the bucket policy and the key policy, in one reviewed place: the roles need no identity policy for this bucket, and roles another team owns work unchanged. Each role also gets Denies that hold it to its access level (and prefixes) whatever its own IAM policies grant.", ""]
        for role in plan.dataAccess.roles {
            let prefixes = role.prefixes.isEmpty ? "the whole bucket" : role.prefixes.map { "`\(Plan.normalisedPrefix($0))`" }.joined(separator: ", ")
            let origin = role.source == .create ? "created here (`\(plan.roleName(role))`, trusted by `\(role.trustedService)`)" : "existing `\(role.arn ?? "")`"
            lines.append("- `\(role.name)`: \(role.access.rawValue) on \(prefixes); \(origin)\(role.viaAwsServices ? "; also through AWS services from outside the VPC" : "").")
        }
        if let workload = plan.workloadRole {
            lines.append("- The function's own needs (its log group, its dead-letter queue) are in `policies/roles/\(workload.name)/identity-policy.json`.")
        }
        lines.append("")
        if !placeholders.isEmpty {
            lines += ["## Placeholders in the JSON policies", "",
                      "Values unknown before `terraform apply` are written as `<NAME>`. Terraform fills them itself; replace them only if you apply the JSON by other means.", "",
                      "| placeholder | stands for | how to find it |", "|---|---|---|"]
            lines += placeholders.map { "| `\($0.marker)` | \($0.meaning) | \($0.howToFind) |" }
            lines.append("")
        }
        if !intents.isEmpty {
            lines += ["## Proven offline", "",
                      "`\(Plan.simulationFileName)` is the access matrix of these policies: every principal that matters × read, write, delete, list, policy and key changes × through the endpoint, from the internet, from another VPC, plain HTTP, old TLS, through AWS services (`s3wizard simulate --answers \(Plan.answersFileName) --trace` shows the statements behind each cell).", ""]
            lines += intents.map { intent in
                let state = intent.holds ? "holds" : accepted.contains { $0.intent.id == intent.id } ? "**BROKEN (accepted)**" : "**BROKEN**"
                return "- \(state): \(intent.statement)"
            }
            lines.append("")
        }
        lines += ["## Files", ""]
        lines += paths.map { "- `\($0)`" } + ["- `README.md` (this file)", "- `.s3wizard-manifest.json`: hashes of the generated files, to detect hand edits", ""]
        lines += ["## Controls", "", "| control | state |", "|---|---|"]
        for report in controls {
            let note = report.state.note.map { ": \($0)" } ?? ""
            lines.append("| \(report.control.title) | \(report.state.kind.rawValue)\(note) |")
        }
        lines += ["", "`s3wizard explain CONTROL-ID` tells why each control is there, what it costs and what it can break.", ""]
        return lines.joined(separator: "\n")
    }
}
