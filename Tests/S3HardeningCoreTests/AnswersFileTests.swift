import Testing
@testable import S3HardeningCore

@Suite struct AnswersFileTests {
    @Test(arguments: Preset.all.map(\.name))
    func renderedAnswersParseBackToTheSamePlan(_ name: String) throws {
        let plan = Preset.named(name)!.plan
        let text = AnswersFile.render(plan)
        #expect(try AnswersFile.parse(text) == plan)
        #expect(try AnswersFile.parse(AnswersFile.render(plan, commented: false)) == plan)
    }

    @Test func missingKeysTakeTheRecommendedDefaults() throws {
        let plan = try AnswersFile.parse("version: 1\nbasics:\n  service: pii\n")
        var expected = Plan()
        expected.basics.service = "pii"
        #expect(plan == expected)
        #expect(plan.encryption.uploadEnforcement == .lenient)
        #expect(plan.encryption.bucketKey)
        #expect(plan.protections.versioning)
    }

    @Test func unknownKeysAreErrorsWithTheirLine() {
        let text = "version: 1\nbasics:\n  service: pii\n  bukcet_name: x\n"
        #expect(throws: AnswersError(path: FieldPath("basics.bukcet_name"), line: 4,
                                     message: "unknown key 'bukcet_name' (expected one of: service, environment, region, account_id, bucket_name, bucket_prefix, bucket_namespace, tags)")) {
            try AnswersFile.parse(text)
        }
    }

    @Test func wrongTypesNameTheFieldAndLine() {
        func error(_ text: String) -> AnswersError? {
            do { _ = try AnswersFile.parse(text); return nil } catch { return error }
        }
        let flag = error("version: 1\nencryption:\n  rotation: sometimes\n")
        #expect(flag?.path == FieldPath("encryption.rotation"))
        #expect(flag?.line == 3)
        #expect(flag?.message.contains("true or false") == true)

        let range = error("version: 1\nencryption:\n  deletion_window_days: 3\n")
        #expect(range?.message == "3 is out of range 7–30")

        let choice = error("version: 1\ndata_access:\n  roles:\n    - name: a\n      access: everything\n")
        #expect(choice?.path == FieldPath("data_access.roles[0].access"))
        #expect(choice?.line == 5)
        #expect(choice?.message.contains("read, write, read-write, read-write-delete") == true)

        let list = error("version: 1\nnetwork:\n  route_table_ids: rtb-1\n")
        #expect(list?.message == "expected a list")
    }

    @Test func versionIsRequiredAndChecked() {
        #expect(throws: AnswersError.self) { try AnswersFile.parse("basics:\n  service: x\n") }
        #expect(throws: AnswersError.self) { try AnswersFile.parse("version: 2\n") }
    }

    @Test func syntaxErrorsAndEmptyFilesAreReported() {
        do {
            _ = try AnswersFile.parse("version: 1\nbasics: [unclosed\n")
            Issue.record("expected a YAML error")
        } catch {
            #expect(error.message.hasPrefix("not valid YAML"))
            #expect(error.line != nil)
        }
        #expect(throws: AnswersError(path: FieldPath(), line: nil, message: "the answers file is empty")) { try AnswersFile.parse("") }
    }

    @Test func duplicateKeysAreErrors() {
        do {
            _ = try AnswersFile.parse("version: 1\nbasics:\n  service: a\n  service: b\n")
            Issue.record("expected a duplicate-key error")
        } catch {
            #expect(error.message == "duplicate key 'service'")
            #expect(error.line == 4)
        }
    }

    @Test func nullAndEmptyClearOptionalValues() throws {
        let plan = try AnswersFile.parse("version: 1\nbasics:\n  account_id: null\n  bucket_name: \"\"\n")
        #expect(plan.basics.accountId == nil)
        #expect(plan.basics.bucketName == nil)
    }

    @Test func stringsThatLookLikeNumbersKeepTheirDigits() throws {
        let plan = try AnswersFile.parse("version: 1\nbasics:\n  account_id: 012345678901\n")
        #expect(plan.basics.accountId == "012345678901")
    }

    @Test func awkwardStringsSurviveTheRoundTrip() throws {
        var plan = Plan.example
        plan.basics.tags = ["quote\"d": "back\\slash", "colon: key": "line\nbreak", "ünï": "#not a comment"]
        #expect(try AnswersFile.parse(AnswersFile.render(plan)) == plan)
    }

    @Test func diagnosticsFindTheirLines() {
        let text = AnswersFile.render(Preset.readerWriter.plan)
        let index = AnswersFile.lineIndex(text)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = AnswersFile.line(for: FieldPath("data_access.roles[1].access"), in: index)!
        #expect(lines[line - 1].contains("access: \"read-write-delete\""))
        // A field that is not written falls back to its section.
        let sectionLine = AnswersFile.line(for: FieldPath("workload.nonexistent"), in: index)!
        #expect(lines[sectionLine - 1].hasPrefix("workload:"))
    }
}
