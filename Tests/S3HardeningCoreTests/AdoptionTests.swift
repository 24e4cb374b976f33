import Testing
@testable import S3HardeningCore

/// The typed resource model and adoption (import blocks).
@Suite struct AdoptionTests {
    /// The lambda-reports preset, adopting everything it could: a bucket with every setting, the key and its
    /// alias, the endpoint and the data role.
    static func adoptingPlan() -> Plan {
        var p = Plan.example
        p.basics.bucketNamespace = .global
        p.encryption.alias = "alias/pii-reports"
        p.adopt.bucket = true
        p.adopt.bucketSettings = BucketSetting.allCases.map(\.rawValue)
        p.adopt.kmsKeyId = "1234abcd-12ab-34cd-56ef-1234567890ab"
        p.adopt.kmsAlias = "alias/pii-reports"
        p.adopt.vpcEndpointId = "vpce-0a1b2c3d4e5f60789"
        p.adopt.roles = ["reports"]
        return p
    }

    static func files(_ plan: Plan) -> [String: String] {
        Dictionary(uniqueKeysWithValues: plan.artifacts().files.map { ($0.path, $0.contents) })
    }

    /// `resource "T" "N" {` headers of a Terraform file.
    static func declared(_ text: String) -> [(type: String, name: String)] {
        text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("resource \""), line.hasSuffix(" {") else { return nil }
            let parts = line.split(separator: "\"")
            return parts.count >= 4 ? (String(parts[1]), String(parts[3])) : nil
        }
    }

    /// One source of truth: every resource the printers write is a case of the model, declared in the file the
    /// model says (the catalogue's traces point there), once.
    @Test(arguments: Preset.all.map(\.name))
    func everyPrintedResourceIsInTheModelAndInItsFile(_ name: String) {
        for plan in [Preset.named(name)!.plan] + ProofGateTests.mutatedPlans(name, valid: true) {
            var seen = Set<ResourceAddress>()
            for (path, text) in Self.files(plan) where path.hasSuffix(".tf") {
                for (type, resourceName) in Self.declared(text) {
                    guard let known = ResourceType(rawValue: type) else { Issue.record("\(path): \(type) is not a ResourceType"); continue }
                    let address = ResourceAddress(known, resourceName)
                    #expect(address.file == path, "\(address) is printed in \(path), the model says \(address.file)")
                    #expect(seen.insert(address).inserted, "\(address) is declared twice")
                }
            }
        }
    }

    @Test func everyImportTargetsADeclaredResourceWithAnIdOfItsProviderFormat() throws {
        let plan = Self.adoptingPlan()
        #expect(plan.diagnostics.errors.isEmpty, "\(plan.diagnostics.errors)")
        let files = Self.files(plan)
        let imports = plan.imports
        // Everything adopted that the plan manages: bucket + 10 settings (object lock, replication are not managed
        // by this preset), key, alias, endpoint, role.
        let managed = BucketSetting.allCases.filter { plan.manages($0) }
        #expect(imports.count == 1 + managed.count + 4)
        for item in imports {
            let text = try #require(files[item.address.file], "\(item.address.file)")
            #expect(text.contains(item.address.header + " {"), "\(item.address) is imported but not declared")
            let format = try #require(item.address.type.importID)
            #expect(format.accepts(item.id), "\(item.address): \(item.id) is not \(format.rawValue)")
        }
        let byAddress = Dictionary(uniqueKeysWithValues: imports.map { ($0.address, $0.id) })
        #expect(byAddress[.dataBucket] == "pii-reports-prod")
        #expect(byAddress[ResourceAddress.dataBucket.setting(.s3Versioning)] == "pii-reports-prod,111122223333")
        #expect(byAddress[ResourceAddress.dataBucket.setting(.s3BucketPolicy)] == "pii-reports-prod")
        #expect(byAddress[.dataKeyAlias] == "alias/pii-reports")
        #expect(byAddress[.role("reports")] == "pii-reports-prod-reports")
        #expect(plan.unmanagedLiveSettings == [.objectLock, .replication])

        let importsFile = try #require(files["terraform/imports.tf"])
        #expect(importsFile.contains("import {\n  to = aws_s3_bucket.data\n  id = \"pii-reports-prod\"\n}\n"))
        let readme = try #require(files["README.md"])
        #expect(readme.contains("## Adopting what exists"))
        #expect(readme.contains("left as they are: `object-lock`, `replication`"))
        // The ids are known now, so the JSON needs no placeholder for them.
        #expect(!files.values.contains { $0.contains("<KMS_KEY_ID>") || $0.contains("<VPC_ENDPOINT_ID>") })
        #expect(files["checks/access-analyzer.sh"]!.contains("no_new_access 'policies/bucket-policy.json' 'pii-reports-prod'"))
    }

    @Test func withoutAnAdoptSectionNothingIsImported() {
        let files = Self.files(Plan.example)
        #expect(Plan.example.imports.isEmpty)
        #expect(files["terraform/imports.tf"] == nil)
        #expect(!files["README.md"]!.contains("Adopting"))
        #expect(!files["checks/access-analyzer.sh"]!.contains("\nno_new_access '"))
    }

    @Test func theAdoptSectionRoundTripsThroughTheAnswersFile() throws {
        let plan = Self.adoptingPlan()
        let text = AnswersFile.render(plan, header: [])
        #expect(try AnswersFile.parse(text) == plan)
    }

    /// Each contradiction that would make the first plan replace or duplicate something is an error on its field.
    @Test func contradictionsAreErrorsOnTheirFields() {
        func errors(_ change: (inout Plan) -> Void) -> [String] {
            var p = Self.adoptingPlan()
            change(&p)
            return p.diagnostics.errors.map { "\($0.path): \($0.message)" }
        }
        func expectError(_ field: String, _ words: String, _ change: (inout Plan) -> Void) {
            let found = errors(change)
            #expect(found.contains { $0.hasPrefix(field + ":") && $0.contains(words) }, "\(field) / \(words): \(found)")
        }
        expectError("basics.bucket_name", "exact name") { $0.basics.bucketName = nil }
        expectError("basics.bucket_namespace", "global") { $0.basics.bucketNamespace = .accountRegional }
        expectError("adopt.bucket_settings", "not a bucket setting") { $0.adopt.bucketSettings.append("acl") }
        expectError("adopt.bucket", "bucket: true") { $0.adopt.bucket = false }
        expectError("protections.object_lock", "replace the bucket") { p in
            p.protections.objectLock = .governance
            p.adopt.bucketSettings.removeAll { $0 == BucketSetting.objectLock.rawValue }
        }
        expectError("adopt.kms_key_id", "key id") { $0.adopt.kmsKeyId = "alias/nope" }
        expectError("adopt.kms_key_id", "multi-Region") { $0.adopt.kmsKeyId = "mrk-" + String(repeating: "a", count: 32) }
        expectError("encryption.key", "key: create") { p in
            p.encryption.key = .existing
            p.encryption.existingKeyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        }
        expectError("encryption.alias", "set alias") { $0.encryption.alias = nil }
        expectError("network.endpoint", "endpoint: create") { p in
            p.network.endpoint = .existing
            p.network.endpointId = "vpce-0a1b2c3d4e5f60789"
        }
        expectError("adopt.roles", "not a data role") { $0.adopt.roles.append("ghost") }
        expectError("adopt.roles", "listed twice") { $0.adopt.roles.append("reports") }
        expectError("basics.account_id", "account id") { p in
            p.basics.accountId = nil
            p.keyAdministration.deployerArns = []
            p.keyAdministration.adminRoleArns = []
        }
    }

    @Test func importIdFormatsRejectWhatTheProviderWouldNot() {
        #expect(ImportIDFormat.bucketCommaOwner.accepts("bucket-a,111122223333"))
        #expect(!ImportIDFormat.bucketCommaOwner.accepts("bucket-a"))
        #expect(!ImportIDFormat.bucketCommaOwner.accepts("bucket-a,1111"))
        #expect(!ImportIDFormat.bucketName.accepts("Bucket_A"))
        #expect(ImportIDFormat.keyID.accepts("1234abcd-12ab-34cd-56ef-1234567890ab"))
        #expect(!ImportIDFormat.keyID.accepts("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"))
        #expect(ImportIDFormat.aliasName.accepts("alias/x") && !ImportIDFormat.aliasName.accepts("x"))
        #expect(ImportIDFormat.endpointID.accepts("vpce-0a1b2c3d4e5f60789") && !ImportIDFormat.endpointID.accepts("vpc-0a1b2c3d"))
        #expect(ImportIDFormat.roleName.accepts("my-role") && !ImportIDFormat.roleName.accepts("role/my-role"))
    }
}
