import Foundation
import PropertyBased
import Testing
@testable import S3HardeningCore

/// Bad values never reach Terraform: presets mutated with nasty values (controls, line breaks,
/// U+2028, BOM, quotes, backslashes, `${`, emoji, very long strings) must read back from their
/// answers file unchanged, render Terraform that parses, and never pass validation with an unsafe
/// character in an identifier. PropertyBased picks fresh seeds each run and prints the
/// `.fixedSeed(…)` that reproduces a failure; `NastyValues.regressions` are checked on every run.
@Suite struct ValuePropertyTests {
    static let cases = 150

    @Test func exportedAnswersReadBackToTheSamePlan() async {
        await propertyCheck(count: Self.cases, input: Mutation.generator) { mutation in
            let plan = mutation.applied()
            // Yams dropped a BOM that began a value (libyaml keeps it: YAMLReadingTests); such a value never validates.
            // (Found with seed uzJOmpg43NaON//WF7FatGGJSaWfp2/LPR2il3d/JSs=: a tag key is a value too.)
            let values = [mutation.target.value(plan)].compactMap { $0 } + Array(plan.basics.tags.keys)
            if values.contains(where: { $0.unicodeScalars.first == "\u{FEFF}" }),
               !plan.diagnosticsWithoutProof(policies: nil).errors.isEmpty { return }
            // A value longer than any field takes is refused before parsing, with the limit named.
            if values.contains(where: { $0.unicodeScalars.count > AnswersFile.maximumValueLength }) {
                #expect(throws: (any Error).self, "\(mutation)") { try AnswersFile.parse(AnswersFile.render(plan)) }
                return
            }
            for commented in [true, false] {
                let text = AnswersFile.render(plan, commented: commented)
                // As a draft reads it: every value, however long (answers files stop at 2048 characters).
                do { #expect(try AnswersFile.parse(text, valueLimit: nil) == plan, "\(mutation)") } catch {
                    Issue.record("\(error) (\(mutation))")
                }
            }
        }
    }

    @Test func validPlansRenderTerraformThatParsesAndKeepsEveryValue() async {
        var validated = 0
        await propertyCheck(count: Self.cases, input: Mutation.generator) { mutation in
            if Self.checkRendered(mutation) { validated += 1 }
        }
        // Free text that AWS accepts (tags with quotes, `${`, emoji, …): most of these validate.
        await propertyCheck(count: Self.cases, input: Mutation.printableTags) { mutation in
            if Self.checkRendered(mutation) { validated += 1 }
        }
        #expect(validated >= Self.cases / 2, "only \(validated) of \(2 * Self.cases) mutated plans validated")
        print("ValuePropertyTests: \(validated) of \(2 * Self.cases) mutated plans validated and were rendered")
    }

    /// Whether the plan validated; if it did, its Terraform, JSON and every other file are checked.
    static func checkRendered(_ mutation: Mutation) -> Bool {
        let plan = mutation.applied()
        let (diagnostics, artifacts) = plan.generate(proof: false)
        guard diagnostics.errors.isEmpty else { return false }
        var literals: [String] = []
        for file in artifacts.files where file.path.hasPrefix("terraform/") && !file.path.hasSuffix(".py") {
            do { literals += try HCLStringReader.literals(in: file.contents) } catch {
                Issue.record("\(file.path) does not parse: \(error) (\(mutation))")
            }
        }
        for (key, value) in plan.basics.tags {
            #expect(literals.contains(value), "tag value \(quoted(value)) is not in the Terraform (\(mutation))")
            if HCLRenderer.key(key).hasPrefix("\"") { #expect(literals.contains(key), "tag key \(quoted(key)) (\(mutation))") }
        }
        for file in artifacts.files where file.path.hasSuffix(".json") {
            #expect(parsedJSON(file.contents) != nil, "\(file.path) is not JSON (\(mutation))")
        }
        // Escaped or refused: no output but the answers file's own escapes carries an unsafe character.
        for file in artifacts.files {
            let unsafe = file.contents.unicodeScalars.first { Patterns.isUnsafe($0) && $0 != "\n" }
            #expect(unsafe == nil, "\(file.path) holds a raw U+\(String(unsafe?.value ?? 0, radix: 16)) (\(mutation))")
        }
        return true
    }

    /// `terraform fmt -` parses what s3wizard writes (offline); skipped, saying so, without terraform.
    @Test func terraformFormatAcceptsTheGeneratedFiles() async throws {
        guard let terraform = Self.terraformOnPath else {
            print("ValuePropertyTests: terraform is not on PATH; skipping the `terraform fmt -` check")
            return
        }
        // The control characters validation refuses in tags are still escaped when rendered.
        var escaped = Plan.example
        for (i, value) in NastyValues.regressions.enumerated() { escaped.basics.tags["k\(i)\(value)"] = "v\(value)${x}%{y}\\\"" }
        let files = escaped.artifacts().files.filter { $0.path.hasSuffix(".tf") }.map(\.contents).joined(separator: "\n")
        let result = Self.run(terraform, ["fmt", "-no-color", "-"], input: files)
        #expect(result.status == 0 && result.stdout == files, "\(result.stderr)")
        var checked = 0
        await propertyCheck(count: 20, input: Mutation.printableTags) { mutation in
            let plan = mutation.applied()
            guard plan.diagnostics.errors.isEmpty else { return }
            checked += 1
            let tf = plan.artifacts().files.filter { $0.path.hasSuffix(".tf") || $0.path.hasSuffix(".tfvars.example") }
            let input = tf.map(\.contents).joined(separator: "\n")
            let result = Self.run(terraform, ["fmt", "-no-color", "-"], input: input)
            #expect(result.status == 0, "terraform fmt refused the Terraform: \(result.stderr) (\(mutation))")
            #expect(result.stdout == input, "terraform fmt would reformat the Terraform (\(mutation))")
        }
        print("ValuePropertyTests: terraform fmt accepted the Terraform of \(checked) mutated plans")
    }

    static let terraformOnPath: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .map { "\($0)/terraform" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    static func run(_ executable: String, _ arguments: [String], input: String) -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TF_CLI_CONFIG_FILE"] = "/dev/null"  // offline: no credentials helpers, no plugin cache
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do { try process.run() } catch { return (-1, "", "\(error)") }
        // Drain stdout while writing, so a large input cannot fill both pipes.
        let formatted = Formatted()
        let drain = Thread { formatted.data = stdout.fileHandleForReading.readDataToEndOfFile(); formatted.done.signal() }
        drain.start()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        formatted.done.wait()
        return (process.terminationStatus, String(decoding: formatted.data, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }

    /// What the drain thread read; the semaphore orders its write before the read.
    final class Formatted: @unchecked Sendable {
        var data = Data()
        let done = DispatchSemaphore(value: 0)
    }

    @Test func identifiersWithUnsafeCharactersNeverValidate() async {
        await propertyCheck(count: Self.cases, input: Mutation.generator) { mutation in
            guard mutation.target.isIdentifier else { return }
            let plan = mutation.applied()
            guard let value = mutation.target.value(plan), Patterns.firstUnsafeCharacter(in: value) != nil else { return }
            #expect(!plan.diagnostics.errors.isEmpty, "\(quoted(value)) in \(mutation.target.name) validated")
        }
    }

    @Test(arguments: NastyValues.regressions)
    func knownBadIdentifiersAreErrors(_ value: String) {
        for target in Mutation.targets where target.isIdentifier {
            var plan = Plan.example
            target.set(&plan, "\(target.value(plan) ?? "x")\(value)")
            #expect(!plan.diagnostics.errors.isEmpty, "\(target.name) + \(quoted(value))")
        }
    }

    @Test(arguments: NastyValues.regressions)
    func knownBadTagsAreEscapedEverywhere(_ value: String) throws {
        var plan = Plan.example
        plan.basics.tags = ["nasty": "a\(value)b", "k\(value)": "v"]
        #expect(try AnswersFile.parse(AnswersFile.render(plan)) == plan)
        let variables = plan.artifacts().files.first { $0.path == "terraform/variables.tf" }!.contents
        let literals = try HCLStringReader.literals(in: variables)
        #expect(literals.contains("a\(value)b") && literals.contains("k\(value)"))
    }
}

/// The values the generators draw from, and a fixed list checked on every run.
enum NastyValues {
    static let pieces: [String] = [
        "\r", "\n", "\r\n", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{85}", "\u{7F}", "\u{9B}", "\u{0}", "\u{1}", "\u{1B}[31m",
        "\t", "\"", "\\", "\\n", "${", "%{", "$${", "}", "#", ": ", "- ", "'", "🙂", "👩‍👩‍👧", "é", "e\u{301}", "\u{202E}", "\u{200B}",
        "\u{FFFE}", "\u{10FFFF}", "\u{F0000}", "a", "Z", "0", " ", "null", "~", "&a", "*a", "!!str", "---", "vpc-0a1b2c3d4e5f60789",
        "us-east-1", "arn:aws:iam::111122223333:role/x", String(repeating: "x", count: 300), String(repeating: "é", count: 5_000),
    ]
    /// What AWS accepts in a tag (letters of any script, digits, spaces, `_ . : / = + - @`): such tags validate.
    static let printable = pieces.filter { Patterns.firstCharacterRefusedInTags($0) == nil && $0.unicodeScalars.count < 100 }
        + [String(repeating: "データ", count: 20), "a b", "k=v+w@x.y/z:1"]
    static let regressions = ["\r", "\n", "\r\n", "\u{2028}", "\u{2029}", "\u{85}", "\u{FEFF}", "\u{7F}", "\u{9B}", "\u{0}", "\u{202E}"]
}

/// One preset with one value changed: a field set to, or extended with, a nasty value, or a tag added.
struct Mutation: CustomStringConvertible {
    let preset: Int
    let target: Target
    let kind: Int
    let nasty: String
    let position: Int

    var description: String { "\(Preset.all[preset].name): \(target.name) \(["=", "+=", "insert", "prefix"][kind]) \(quoted(nasty))" }

    func applied() -> Plan {
        var plan = Preset.all[preset].plan
        let old = target.value(plan) ?? ""
        let at = old.unicodeScalars.index(old.unicodeScalars.startIndex, offsetBy: position % (old.unicodeScalars.count + 1))
        let new: String
        switch kind {
        case 0: new = nasty
        case 1: new = old + nasty
        case 2: new = String(old.unicodeScalars[..<at]) + nasty + String(old.unicodeScalars[at...])
        default: new = nasty + old
        }
        target.set(&plan, new)
        return plan
    }

    /// Shrinkable parts: preset, target, how and where to change it (one number), which nasty pieces.
    static let generator = zip(
        Gen.int(in: 0...(Preset.all.count - 1)), Gen.int(in: 0...(targets.count - 1)), Gen.int(in: 0...255),
        Gen.int(in: 0...(NastyValues.pieces.count - 1)).array(of: 1...4)
    ).map { (parts: (Int, Int, Int, [Int])) in
        Mutation(preset: parts.0, target: targets[parts.1], kind: parts.2 % 4,
                 nasty: parts.3.map { NastyValues.pieces[$0] }.joined(), position: parts.2 / 4)
    }

    /// Tags changed with pieces that hold no unsafe character: values that can validate.
    static let printableTags = zip(
        Gen.int(in: 0...(Preset.all.count - 1)), Gen.int(in: 0...1), Gen.int(in: 0...255),
        Gen.int(in: 0...(NastyValues.printable.count - 1)).array(of: 1...4)
    ).map { (parts: (Int, Int, Int, [Int])) in
        Mutation(preset: parts.0, target: targets[targets.count - 1 - parts.1], kind: parts.2 % 4,
                 nasty: parts.3.map { NastyValues.printable[$0] }.joined(), position: parts.2 / 4)
    }

    struct Target: Sendable {
        let name: String
        let value: @Sendable (Plan) -> String?
        let set: @Sendable (inout Plan, String) -> Void
        var isIdentifier = true
    }

    static func text(_ name: String, _ path: WritableKeyPath<Plan, String> & Sendable) -> Target {
        Target(name: name, value: { $0[keyPath: path] }, set: { $0[keyPath: path] = $1 })
    }

    static func optional(_ name: String, _ path: WritableKeyPath<Plan, String?> & Sendable) -> Target {
        Target(name: name, value: { $0[keyPath: path] }, set: { $0[keyPath: path] = $1 })
    }

    /// The first item of a list (added when the list is empty).
    static func item(_ name: String, _ path: WritableKeyPath<Plan, [String]> & Sendable) -> Target {
        Target(name: name, value: { $0[keyPath: path].first },
               set: { plan, value in if plan[keyPath: path].isEmpty { plan[keyPath: path] = [value] } else { plan[keyPath: path][0] = value } })
    }

    static func role(_ name: String, _ path: WritableKeyPath<DataRole, String> & Sendable) -> Target {
        Target(name: "data_access.roles[0].\(name)", value: { $0.dataAccess.roles.first?[keyPath: path] },
               set: { plan, value in if !plan.dataAccess.roles.isEmpty { plan.dataAccess.roles[0][keyPath: path] = value } })
    }

    static func optionalRole(_ name: String, _ path: WritableKeyPath<DataRole, String?> & Sendable) -> Target {
        Target(name: "data_access.roles[0].\(name)", value: { $0.dataAccess.roles.first?[keyPath: path] ?? nil },
               set: { plan, value in if !plan.dataAccess.roles.isEmpty { plan.dataAccess.roles[0][keyPath: path] = value } })
    }

    static let targets: [Target] = [
        text("basics.service", \.basics.service),
        text("basics.environment", \.basics.environment),
        text("basics.region", \.basics.region),
        optional("basics.account_id", \.basics.accountId),
        optional("basics.bucket_name", \.basics.bucketName),
        optional("basics.bucket_prefix", \.basics.bucketPrefix),
        optional("encryption.existing_key_arn", \.encryption.existingKeyArn),
        optional("encryption.alias", \.encryption.alias),
        item("key_administration.admin_role_arns", \.keyAdministration.adminRoleArns),
        item("key_administration.deployer_arns", \.keyAdministration.deployerArns),
        role("name", \.name),
        optionalRole("arn", \.arn),
        optionalRole("role_name", \.roleName),
        role("trusted_service", \.trustedService),
        Target(name: "data_access.roles[0].prefixes", value: { $0.dataAccess.roles.first?.prefixes.first },
               set: { plan, value in if !plan.dataAccess.roles.isEmpty { plan.dataAccess.roles[0].prefixes.insert(value, at: 0) } }),
        text("network.vpc_id", \.network.vpcId),
        item("network.route_table_ids", \.network.routeTableIds),
        optional("network.endpoint_id", \.network.endpointId),
        optional("network.organization_id", \.network.organizationId),
        optional("protections.log_bucket_name", \.protections.logBucketName),
        optional("protections.replication_bucket_arn", \.protections.replicationBucketArn),
        optional("protections.replication_key_arn", \.protections.replicationKeyArn),
        text("workload.role", \.workload.role),
        optional("workload.function_name", \.workload.functionName),
        text("workload.runtime", \.workload.runtime),
        item("workload.subnet_ids", \.workload.subnetIds),
        // Tags are free text: any value is written, escaped.
        Target(name: "basics.tags[value]", value: { $0.basics.tags["owner"] }, set: { $0.basics.tags["owner"] = $1 }, isIdentifier: false),
        Target(name: "basics.tags[key]", value: { _ in "k" }, set: { $0.basics.tags[$1] = "v" }, isIdentifier: false),
    ]
}
