// Documents generated from the single sources (the control catalogue, the field tables, the presets).
// Tests compare the checked-in copies in docs/ with these and fail when they are stale;
// `S3WIZARD_RECORD=1 swift test` rewrites them.

public enum ControlText {
    /// One control in full, as `s3wizard explain ID` prints it; with a report, its state and trace in a plan.
    public static func full(_ control: Control, report: ControlReport? = nil) -> String {
        var lines = ["\(control.title)  [\(control.id.rawValue)]", ""]
        func wrap(_ label: String, _ text: String) {
            lines.append(label)
            lines += TextWrap.lines(text, width: 96).map { "  " + $0 }
        }
        wrap("What it does:", control.what)
        wrap("Threat it stops:", control.threat)
        wrap("What it costs:", control.cost)
        wrap("What it can break:", control.breaks)
        if !control.standards.isEmpty { wrap("Standards:", control.standards.joined(separator: "; ")) }
        if !control.sources.isEmpty {
            lines.append("Sources:")
            lines += control.sources.map { "  \($0)" }
        }
        if let report {
            wrap("State in this plan:", report.state.kind.rawValue + (report.state.note.map { ": \($0)" } ?? ""))
            if !report.implementedBy.isEmpty {
                lines.append("Implemented by:")
                lines += report.implementedBy.map { "  \($0)" }
            }
        }
        return lines.joined(separator: "\n")
    }
}

public enum TextWrap {
    public static func lines(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty { current = String(word) }
            else if current.count + 1 + word.count <= width { current += " " + word }
            else { lines.append(current); current = String(word) }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

public enum ControlsDocument {
    public static var markdown: String {
        var lines = ["# Controls", "",
                     "<!-- Generated from the control catalogue (Sources/S3HardeningCore/Controls/Catalogue.swift). Do not edit: run `S3WIZARD_RECORD=1 swift test`. -->", "",
                     "Every control s3wizard puts in place. `s3wizard explain ID` prints one; `s3wizard explain --answers FILE` shows each control's state in your plan and the exact statements and resources that implement it.", "",
                     "| id | control | standards |", "|---|---|---|"]
        for c in Control.catalogue {
            lines.append("| [`\(c.id.rawValue)`](#\(c.id.rawValue)) | \(c.title) | \(c.standards.isEmpty ? "—" : c.standards.joined(separator: "; ")) |")
        }
        for c in Control.catalogue {
            lines += ["", "## \(c.id.rawValue)", "", "**\(c.title)**", "",
                      "- **What it does:** \(c.what)", "- **Threat it stops:** \(c.threat)", "- **What it costs:** \(c.cost)",
                      "- **What it can break:** \(c.breaks)"]
            if !c.standards.isEmpty { lines.append("- **Standards:** \(c.standards.joined(separator: "; "))") }
            if !c.sources.isEmpty { lines.append("- **Sources:** " + c.sources.map { "<\($0)>" }.joined(separator: ", ")) }
            let trace = c.report(for: Plan.example, policies: Plan.example.policies)
            lines.append("- **In the built-in example:** \(trace.state.kind.rawValue)\(trace.state.note.map { ": \($0)" } ?? "")"
                         + (trace.implementedBy.isEmpty ? "" : "; implemented by " + trace.implementedBy.map { "`\($0)`" }.joined(separator: ", ")))
        }
        lines += awsOwnedBuckets + notCovered
        return lines.joined(separator: "\n") + "\n"
    }

    /// The AWS-owned buckets the endpoint policy keeps reachable (s3:GetObject), by service and partition.
    static var awsOwnedBuckets: [String] {
        var lines = ["", "## AWS-owned buckets kept reachable through the endpoint", "",
                     "With `network.other_s3_traffic: aws-owned-and-org` the endpoint policy's `AllowAwsOwnedBuckets` lets every principal read (`s3:GetObject`) these AWS-owned buckets, so software on the shared route tables keeps working. Source: [s3_endpoint_policy.json](\(AWSOwnedBuckets.source)) (statement `AllowRequestsToAWSOwnedResources`) and [service_owned_resources.md](\(AWSOwnedBuckets.serviceTable)) in AWS's data-perimeter examples. A bucket name is unique only within its partition: `aws` gets the whole list; `aws-cn` and `aws-us-gov` only the region-scoped groups their services document for every Region, since a region-less or DNS-style name there could belong to anyone. In `cn-north-1` the Elastic Beanstalk names use `public-beta-cn-north-1`. Left out: bucket ARNs without `/*` (no `s3:GetObject` request matches them), CodeArtifact's `assets-<account>-<region>` and Cloud9's `static-<region>-prod-static-<string>` (parts that cannot be known here; a wildcard would match buckets anyone can create). The whole endpoint policy must stay under 20,480 characters ([PrivateLink quotas](https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html)); `s3wizard validate` checks it.", "",
                     "| service | needs it for | buckets (`{region}` filled in) | partitions |", "|---|---|---|---|"]
        for g in AWSOwnedBuckets.groups {
            lines.append("| \(g.service) | \(g.why) | \(g.patterns.map { "`\($0)`" }.joined(separator: " ")) | \(g.partitions.map(\.rawValue).joined(separator: ", ")) |")
        }
        return lines
    }

    /// Standards controls for S3 that s3wizard does not implement, and why.
    static var notCovered: [String] {
        ["", "## Not covered", "",
         "Security Hub CSPM controls for S3 ([S3 controls](https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html), CIS AWS Foundations Benchmark v5.0.0 ids as mapped there) that s3wizard does not put in place:", "",
         "- **S3.1 (CIS v5.0.0 2.1.4), account-level Block Public Access**: an account setting, not the bucket's; s3wizard sets all four flags on its buckets (S3.8). Turn it on once per account.",
         "- **S3.20 (CIS v5.0.0 2.1.2), MFA delete**: only the root user can enable it, and every version deletion or versioning change then needs the root user's MFA code (no role, no pipeline); and S3 refuses MFA delete on a bucket with a lifecycle configuration, which s3wizard always writes (S3.10/S3.13). Versioning, the governance deny and object lock cover the same threat.",
         "- **S3.22 (CIS v5.0.0 3.8) and S3.23 (CIS v5.0.0 3.9), object-level write and read events in CloudTrail**: checked per account (a multi-Region trail logging S3 data events), and data events cost per event; s3wizard writes server access logs for the bucket instead (S3.9). Add a trail with S3 data-event selectors in the account's logging baseline.",
         "- **S3.2 / S3.3, public read and write**: met by Block Public Access and the bucket policy, not a separate control.",
         "- **S3.19 (access points block public access)**: in access-points mode every access point s3wizard creates has all four settings on (see access-points); in bucket-policy mode it creates none.",
         "- **S3.24 / S3.25, Multi-Region Access Points, directory buckets**: s3wizard creates none.",
         "- **Security Hub CSPM itself** (\"Security Hub\" became \"Security Hub CSPM\"): enabling it and its standards is an account decision; the ids above let you match its findings to these controls."]
    }
}

public enum ExamplesDocument {
    public static func header(_ preset: Preset) -> [String] {
        ["s3wizard answers file — preset \"\(preset.name)\": \(preset.summary)",
         "Every key is optional: a missing key takes the recommended default. Reference: docs/answers.md.",
         "Check it with `s3wizard validate --answers FILE`, write files with `s3wizard generate --answers FILE --out DIR`."]
    }

    public static func yaml(_ preset: Preset) -> String {
        AnswersFile.render(preset.plan, header: header(preset))
    }
}

public enum AnswersReference {
    /// docs/answers.md: every field with its type, default and meaning.
    public static var markdown: String {
        var lines = ["# The answers file", "",
                     "<!-- Generated from the field tables (Sources/S3HardeningCore/Plan/Fields.swift). Do not edit: run `S3WIZARD_RECORD=1 swift test`. -->", "",
                     "A YAML file that records every answer, so a run can be repeated, reviewed and kept in git. `s3wizard example` prints a commented one; `docs/examples/` holds presets; `docs/answers.schema.json` is a JSON Schema for editors (e.g. `# yaml-language-server: $schema=…`).", "",
                     "Rules: `version: \(Plan.formatVersion)` is required; every other key is optional and takes the default shown; unknown keys are errors (so typos cannot pass silently); `null` or `\"\"` clears an optional value. Errors name the field and the line.", "",
                     "Values: names, ids, ARNs and prefixes must match their shape as a whole and may hold no control, invisible or line-separator character (CR, LF, U+2028, BOM, …), even in a field the plan does not use; tags are free text within AWS's limits and the same rule. s3wizard writes every string double-quoted, escaping such characters (`\\r`, `\\x85`, `\\u2028`), so a saved file always reads back to the same answers.", ""]
        func describe(_ infos: [FieldInfo], prefix: String) {
            for info in infos {
                let path = prefix.isEmpty ? info.key : "\(prefix).\(info.key)"
                switch info.type {
                case let .section(deferred):
                    let children = deferred.value
                    lines += ["## `\(path)`", "", info.help, "", "| key | type | default | meaning |", "|---|---|---|---|"]
                    for child in children where !child.isSection {
                        lines.append("| `\(child.key)` | \(typeName(child.type)) | `\(child.defaultValue ?? "")` | \(child.help) |")
                    }
                    lines.append("")
                    describe(children.filter(\.isSection), prefix: path)
                case let .sectionList(deferred):
                    let children = deferred.value
                    lines += ["## `\(path)[]`", "", info.help + " Each item:", "", "| key | type | default | meaning |", "|---|---|---|---|"]
                    for child in children {
                        lines.append("| `\(child.key)` | \(typeName(child.type)) | `\(child.defaultValue ?? "")` | \(child.help) |")
                    }
                    lines.append("")
                default:
                    if prefix.isEmpty { lines += ["## `\(path)`", "", "\(info.help) Type: \(typeName(info.type)).", ""] }
                }
            }
        }
        describe(Plan.fieldInfos, prefix: "")
        return lines.joined(separator: "\n")
    }

    static func typeName(_ type: FieldType) -> String {
        switch type {
        case let .text(optional): return optional ? "text or null" : "text"
        case .flag: return "true/false"
        case let .number(range): return "number \(range.lowerBound)–\(range.upperBound)"
        case let .choice(options): return "one of " + options.map { "`\($0)`" }.joined(separator: ", ")
        case .textList: return "list of text"
        case .textMap: return "map of text"
        case .section: return "section"
        case .sectionList: return "list of sections"
        }
    }
}

extension FieldInfo {
    var isSection: Bool {
        switch type {
        case .section, .sectionList: return true
        default: return false
        }
    }
}

public enum AnswersSchema {
    /// A JSON Schema (draft 2020-12) of the answers file, for editors.
    public static var json: String {
        func schema(_ type: FieldType, help: String) -> Tree {
            var pairs: [Tree.Pair] = [.init("description", .string(Text(stringLiteral: help)))]
            switch type {
            case let .text(optional):
                pairs.append(.init("type", optional ? .array([.string("string"), .string("null")]) : .string("string")))
            case .flag: pairs.append(.init("type", .string("boolean")))
            case let .number(range):
                pairs += [.init("type", .string("integer")), .init("minimum", .number(range.lowerBound)),
                          .init("maximum", .number(range.upperBound))]
            case let .choice(options):
                pairs += [.init("type", .string("string")), .init("enum", .array(options.map { .string(Text(stringLiteral: $0)) }))]
            case .textList: pairs += [.init("type", .string("array")), .init("items", .object([.init("type", .string("string"))]))]
            case .textMap: pairs += [.init("type", .string("object")), .init("additionalProperties", .object([.init("type", .string("string"))]))]
            case let .section(children): pairs += object(children.value)
            case let .sectionList(children):
                pairs += [.init("type", .string("array")), .init("items", .object(object(children.value)))]
            }
            return .object(pairs)
        }
        func object(_ children: [FieldInfo]) -> [Tree.Pair] {
            [.init("type", .string("object")), .init("additionalProperties", .bool(false)),
             .init("properties", .object(children.map { .init($0.key, schema($0.type, help: $0.help)) }))]
        }
        var pairs: [Tree.Pair] = [
            .init("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            .init("title", .string("s3wizard answers file")),
        ]
        pairs += object(Plan.fieldInfos)
        pairs.append(.init("required", .array([.string("version")])))
        var renderer = JSONRenderer(References(Plan()))
        return renderer.render(.object(pairs))
    }
}

