import Foundation
import Testing
@testable import S3HardeningCore

/// Golden files for every shipped preset (every Terraform file, every JSON policy, the README and the
/// answers file), determinism, and the checked-in documents generated from the single sources.
@Suite struct OutputTests {
    @Test(arguments: Preset.all.map(\.name))
    func everyArtifactMatchesItsGoldenFile(_ name: String) throws {
        let artifacts = Preset.named(name)!.plan.artifacts()
        let directory = Repo.golden.appendingPathComponent(name)
        for file in artifacts.files {
            if let failure = compareWithFile(file.contents, at: directory.appendingPathComponent(file.path)) { Issue.record(Comment(rawValue: failure)) }
        }
        // No golden file may outlive the artifact it recorded.
        let recorded = FileManager.default.enumerator(atPath: directory.path)?.compactMap { $0 as? String }
            .filter { !$0.hasSuffix("/") && !isDirectory(directory.appendingPathComponent($0)) } ?? []
        #expect(Set(recorded) == Set(artifacts.files.map(\.path)))
    }

    private func isDirectory(_ url: URL) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
    }

    @Test(arguments: Preset.all.map(\.name))
    func outputIsByteIdenticalOnRepeatedRuns(_ name: String) {
        let plan = Preset.named(name)!.plan
        #expect(plan.artifacts().files == plan.artifacts().files)
        // A plan read back from its own answers file produces the same bytes.
        let reread = try? AnswersFile.parse(AnswersFile.render(plan))
        #expect(reread?.artifacts().files == plan.artifacts().files)
    }

    @Test(arguments: Preset.all.map(\.name))
    func everyJsonFileIsValidJsonInAStableShape(_ name: String) throws {
        for file in Preset.named(name)!.plan.artifacts().files where file.path.hasSuffix(".json") {
            let object = try #require(parsedJSON(file.contents) as? [String: Any], "\(file.path) is not a JSON object")
            #expect(file.contents.hasSuffix("}\n"))
            #expect(!file.contents.contains("\\/"), "ARNs must not be escaped")
            if file.path.hasPrefix("policies/") {
                #expect(object["Version"] as? String == "2012-10-17")
                #expect(file.contents.hasPrefix("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": ["))
            }
        }
    }

    @Test func placeholdersAreListedAndOnlyWhereValuesAreUnknown() {
        let lambda = Preset.lambdaReports.plan.artifacts()
        #expect(lambda.placeholders.map(\.name) == ["KMS_KEY_ID", "LOG_BUCKET_NAME", "SUPPORT_KEY_ID", "TRAIL_BUCKET_NAME", "VPC_ENDPOINT_ID"])
        let readme = lambda["README.md"]!.contents
        for p in lambda.placeholders { #expect(readme.contains(p.marker)) }
        let gov = Preset.govCloudExisting.plan.artifacts()
        #expect(gov.placeholders.isEmpty, "existing key and endpoint are known values")
        for file in gov.files where file.path.hasPrefix("policies/") { #expect(!file.contents.contains("<")) }
    }

    @Test func outputReadmeWarnsAboutLockoutAndListsMerges() {
        let readme = Preset.govCloudExisting.plan.artifacts()["README.md"]!.contents
        #expect(readme.contains("Run Terraform as one of the deployers"))
        #expect(readme.contains("`policies/trail-bucket-policy-statements-to-add.json` into the policy of trail bucket `benefits-org-cloudtrail-logs`"))
        let guarded = Preset.maximumProtection.plan.artifacts()["README.md"]!.contents
        #expect(guarded.contains("## The organisation guardrail"))
        #expect(guarded.contains("deleting the bucket policy no longer opens the data"))
        #expect(readme.contains("policies/key-policy-statements-to-add.json"))
        #expect(readme.contains("policies/endpoint-policy-statements-to-add.json"))
        #expect(readme.contains("root user can still delete the bucket policy"))
    }

    @Test func formatsSelectWhatIsWritten() {
        let plan = Plan.example
        let terraformOnly = plan.artifacts(formats: [.terraform]).files.map(\.path)
        #expect(terraformOnly.allSatisfy { !$0.hasPrefix("policies/") })
        #expect(terraformOnly.contains("terraform/s3.tf"))
        let jsonOnly = plan.artifacts(formats: [.json]).files.map(\.path)
        #expect(jsonOnly.allSatisfy { !$0.hasPrefix("terraform/") })
        #expect(jsonOnly.contains(Plan.answersFileName) && jsonOnly.contains("README.md"))
    }

    @Test func terraformDeclaresAndPinsEveryProviderItUses() {
        for preset in Preset.all {
            let files = preset.plan.artifacts(formats: [.terraform]).files
            let all = files.map(\.contents).joined()
            let versions = files.first { $0.path == "terraform/versions.tf" }!.contents
            #expect(versions.contains("required_version = \">= 1.5.0\""))
            for (provider, prefix) in [("hashicorp/aws", "aws_"), ("hashicorp/archive", "archive_")] where all.contains("\"\(prefix)") {
                #expect(versions.contains("source  = \"\(provider)\""), "\(preset.name) uses \(provider)")
            }
            // The bucket policy waits for the public-access block (terraform-provider-aws#7628).
            #expect(all.contains("depends_on = [aws_s3_bucket_public_access_block.data]"))
            // Defaults in variables.tf and the tfvars example are the answered ARNs; resources build theirs from the partition.
            let resources = files.filter { $0.path.hasSuffix(".tf") && !$0.path.hasSuffix("variables.tf") }.map(\.contents).joined()
            #expect(!resources.contains("arn:aws"), "\(preset.name): ARNs in Terraform resources must use data.aws_partition")
        }
    }

    // MARK: Generated documents

    @Test func docsControlsIsFresh() {
        if let failure = compareWithFile(ControlsDocument.markdown, at: Repo.docs.appendingPathComponent("controls.md")) { Issue.record(Comment(rawValue: failure)) }
    }

    @Test func docsAnswersAndSchemaAreFresh() {
        if let failure = compareWithFile(AnswersReference.markdown, at: Repo.docs.appendingPathComponent("answers.md")) { Issue.record(Comment(rawValue: failure)) }
        if let failure = compareWithFile(AnswersSchema.json, at: Repo.docs.appendingPathComponent("answers.schema.json")) { Issue.record(Comment(rawValue: failure)) }
        #expect(parsedJSON(AnswersSchema.json) != nil)
    }

    @Test(arguments: Preset.all.map(\.name))
    func docsExamplesAreFresh(_ name: String) {
        let preset = Preset.named(name)!
        let url = Repo.docs.appendingPathComponent("examples/\(name).yaml")
        if let failure = compareWithFile(ExamplesDocument.yaml(preset), at: url) { Issue.record(Comment(rawValue: failure)) }
    }

    @Test func schemaCoversEveryFieldAndForbidsUnknownKeys() throws {
        let schema = try #require(parsedJSON(AnswersSchema.json) as? [String: Any])
        #expect(schema["additionalProperties"] as? Bool == false)
        let properties = try #require(schema["properties"] as? [String: Any])
        #expect(Set(properties.keys) == Set(Plan.fieldInfos.map(\.key)))
    }
}

@Suite struct GoldenFileTests {
    @Test func aRecordingThatChangesAFileFailsTheRun() throws {
        let file = temporaryDirectory().appendingPathComponent("golden.txt")
        #expect(compareWithFile("one\n", at: file, recording: true)?.contains("was recorded") == true, "a new file fails the recording run")
        #expect(try String(contentsOf: file, encoding: .utf8) == "one\n", "and is written")
        #expect(compareWithFile("one\n", at: file, recording: true) == nil, "an unchanged file records nothing and passes")
        #expect(compareWithFile("two\n", at: file, recording: false)?.contains("stale at line 1") == true)
        #expect(compareWithFile("one\n", at: file, recording: false) == nil)
    }
}
