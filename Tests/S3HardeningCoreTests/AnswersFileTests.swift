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

/// The YAML reader over libyaml (Plan/YAMLDocument.swift): what it refuses, and the lines it names.
@Suite struct YAMLReadingTests {
    private func error(_ text: String) -> AnswersError? {
        do { _ = try AnswersFile.parse(text); return nil } catch { return error }
    }

    @Test func syntaxErrorsCarryLibyamlsProblemAndLine() {
        #expect(error("version: 1\nbasics:\n\tservice: x\n") == AnswersError(path: FieldPath(), line: 3,
                                                                           message: "not valid YAML: found character that cannot start any token"))
        #expect(error("version: 1\nbasics: [unclosed\n")?.message.hasPrefix("not valid YAML: ") == true)
    }

    /// Bytes that are not UTF-8 are refused by libyaml's reader, which has no line to give.
    @Test func controlCharactersAreRefusedWithoutALine() {
        let refused = error("version: 1\nbasics:\n  service: a\u{1}b\n")
        #expect(refused?.line == nil)
        #expect(refused?.message == "not valid YAML: control characters are not allowed")
    }

    @Test func duplicateKeysPointAtTheSecondOne() {
        #expect(error("version: 1\nbasics:\n  service: a\n  region: eu-west-1\n  service: b\n")
            == AnswersError(path: FieldPath(), line: 5, message: "duplicate key 'service'"))
        // Quoted or plain, the same key.
        #expect(error("version: 1\n\"version\": 1\n")?.line == 2)
        // Keys in different mappings are not duplicates.
        #expect(error("version: 1\ndata_access:\n  roles:\n    - name: a\n    - name: b\n") == nil)
    }

    @Test func aSecondDocumentIsRefused() {
        #expect(error("version: 1\n---\nversion: 1\n") == AnswersError(path: FieldPath(), line: 2, message: "not valid YAML: but found another document"))
    }

    /// An alias could make a few lines stand for billions of nodes; no answers file needs one. Anchors alone are harmless.
    @Test func aliasesAreRefusedAnchorsAreNot() throws {
        #expect(error("version: 1\nbasics:\n  service: &s data\n  environment: *s\n")
            == AnswersError(path: FieldPath(), line: 4, message: "an alias (*s) is not read in an answers file; write the value itself"))
        #expect(try AnswersFile.parse("version: 1\nbasics:\n  service: &s data\n").basics.service == "data")
    }

    /// Tags are ignored: every value is read as text by its field, as with Yams.
    @Test func tagsAreIgnored() throws {
        let plan = try AnswersFile.parse("version: !!str 1\nbasics:\n  service: !!int data\n  account_id: !!str null\n")
        #expect(plan.basics.service == "data")
        #expect(plan.basics.accountId == nil, "a plain null is unset, tag or not")
        #expect(try AnswersFile.parse("version: 1\nbasics:\n  account_id: \"null\"\n").basics.accountId == "null")
    }

    @Test func nestingIsLimited() {
        let deep = "version: 1\nbasics: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        #expect(error(deep) == AnswersError(path: FieldPath(), line: 2, message: "not valid YAML: nested more than 64 levels deep"))
    }

    /// A scalar is read by its length: a NUL inside a quoted value stays (the writer escapes it as \x00), and so
    /// does a BOM that begins a value (Yams dropped it).
    @Test func valuesKeepNulAndALeadingBOM() throws {
        var plan = Plan.example
        plan.basics.tags = ["a\u{0}b": "\u{FEFF}value"]
        #expect(try AnswersFile.parse(AnswersFile.render(plan), valueLimit: nil).basics.tags == ["a\u{0}b": "\u{FEFF}value"])
    }

    @Test func linesOfCollectionsAreWhereTheyStart() {
        let index = AnswersFile.lineIndex("version: 1\ndata_access:\n  roles:\n    - name: a\n    - name: b\n      access: read\n")
        #expect(index[FieldPath("data_access")] == 2)
        #expect(index[FieldPath("data_access.roles")] == 3)
        #expect(index[FieldPath("data_access.roles[1]")] == 5)
        #expect(index[FieldPath("data_access.roles[1].access")] == 6)
        #expect(AnswersFile.lineIndex("version: [") == [:])
    }
}
