import Testing
@testable import S3HardeningCore

@Suite struct ValidationTests {
    private func errors(_ change: (inout Plan) -> Void) -> [Diagnostic] {
        var plan = Plan.example
        change(&plan)
        return plan.diagnostics.errors
    }

    private func hasError(_ path: String, containing text: String, _ change: (inout Plan) -> Void) -> Bool {
        errors(change).contains { $0.path == FieldPath(path) && $0.message.contains(text) }
    }

    /// AWS's tag APIs take letters and digits of any script but no emoji or quotes (issue 10, defect 7).
    @Test func tagsTakeWhatAWSAccepts() {
        #expect(hasError("basics.tags.team", containing: "'😀', which AWS refuses in tags") { $0.basics.tags["team"] = "data😀" })
        #expect(hasError("basics.tags.note", containing: "'\"', which AWS refuses") { $0.basics.tags["note"] = "say \"hi\"" })
        #expect(errors { $0.basics.tags["チーム"] = "データ基盤 2 (east)".filter { $0 != "(" && $0 != ")" } }.isEmpty)
        #expect(errors { $0.basics.tags["cost-center"] = "a_b.c:d/e=f+g-h@i" }.isEmpty)
    }

    @Test(arguments: Preset.all.map(\.name))
    func shippedPresetsHaveNoErrors(_ name: String) {
        #expect(Preset.named(name)!.plan.diagnostics.errors == [])
    }

    @Test(arguments: [
        ("ab", "3 to 63"), (String(repeating: "a", count: 64), "3 to 63"), ("My-Bucket", "lowercase"),
        ("-bucket", "begin and end"), ("bucket-", "begin and end"), ("my..bucket", "adjacent dots"),
        ("192.168.5.4", "IP address"), ("xn--bucket", "xn--"), ("sthree-data", "sthree-"), ("amzn-s3-demo-x", "amzn-s3-demo-"),
        ("data-s3alias", "-s3alias"), ("data--ol-s3", "--ol-s3"), ("data.mrap", ".mrap"), ("data--x-s3", "--x-s3"),
        ("data--table-s3", "--table-s3"), ("under_score", "lowercase"),
    ])
    func bucketNamingRules(_ name: String, _ problem: String) {
        #expect(bucketNameProblem(name)?.contains(problem) == true, "\(name)")
    }

    @Test(arguments: ["abc", "my.bucket.name", "a-b-c-1", String(repeating: "a", count: 63)])
    func validBucketNames(_ name: String) {
        #expect(bucketNameProblem(name) == nil)
    }

    @Test func noDeployerIsALockoutError() {
        #expect(hasError("key_administration.deployer_arns", containing: "lock") { $0.keyAdministration.deployerArns = [] })
    }

    @Test func whoeverManagesTheKeyMustNotReadTheData() {
        #expect(hasError("data_access.roles[1].arn", containing: "must not read the data") { plan in
            var role = DataRole()
            role.name = "admin-reader"
            role.source = .existing
            role.arn = plan.keyAdministration.adminRoleArns[0]
            plan.dataAccess.roles.append(role)
        })
    }

    @Test func arnsAreCheckedForShapePartitionAndAccount() {
        #expect(hasError("key_administration.admin_role_arns[0]", containing: "is not an IAM role or user ARN") {
            $0.keyAdministration.adminRoleArns = ["arn:aws:iam::1111:role/x"]
        })
        #expect(hasError("key_administration.deployer_arns[0]", containing: "partition 'aws-us-gov'") {
            $0.keyAdministration.deployerArns = ["arn:aws-us-gov:iam::111122223333:role/terraform"]
        })
        #expect(hasError("data_access.roles[0].arn", containing: "needs a grant in its own account's IAM") { plan in
            plan.dataAccess.roles[0].source = .existing
            plan.dataAccess.roles[0].arn = "arn:aws:iam::999999999999:role/elsewhere"
            plan.workload.enabled = false
        })
        #expect(hasError("encryption.existing_key_arn", containing: "bucket's region") { plan in
            plan.encryption.key = .existing
            plan.encryption.existingKeyArn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        })
        #expect(hasError("encryption.existing_key_arn", containing: "required") { $0.encryption.key = .existing })
    }

    @Test func identifiersAreChecked() {
        #expect(hasError("network.vpc_id", containing: "is not a VPC id") { $0.network.vpcId = "vpc-xyz" })
        #expect(hasError("network.route_table_ids[1]", containing: "listed twice") { $0.network.routeTableIds = ["rtb-0a1b2c3d4e5f60781", "rtb-0a1b2c3d4e5f60781"] })
        #expect(hasError("network.route_table_ids", containing: "required") { $0.network.routeTableIds = [] })
        #expect(hasError("network.endpoint_id", containing: "required") { $0.network.endpoint = .existing })
        #expect(hasError("basics.account_id", containing: "12-digit") { $0.basics.accountId = "12345" })
        #expect(hasError("basics.region", containing: "region") { $0.basics.region = "mars-1" })
        #expect(hasError("encryption.alias", containing: "reserved") { $0.encryption.alias = "alias/aws/s3" })
        #expect(hasError("data_access.roles[0].prefixes[0]", containing: "without wildcards") { $0.dataAccess.roles[0].prefixes = ["in*"] })
        #expect(hasError("basics.tags.aws:owner", containing: "reserved") { $0.basics.tags["aws:owner"] = "x" })
        #expect(hasError("basics.bucket_prefix", containing: "not both") { $0.basics.bucketPrefix = "x-" })
    }

    @Test func workloadNeedsACreatedLambdaRoleAndTwoSubnets() {
        #expect(hasError("workload.subnet_ids", containing: "two private subnets") { $0.workload.subnetIds = ["subnet-0a1b2c3d4e5f60791"] })
        #expect(hasError("workload.role", containing: "not the name of a data role") { $0.workload.role = "ghost" })
        #expect(hasError("workload.role", containing: "not lambda.amazonaws.com") { $0.dataAccess.roles[0].trustedService = "ec2.amazonaws.com" })
        #expect(hasError("workload.runtime", containing: "python3.9") { $0.workload.runtime = "python3.9" })
    }

    @Test func namesAndRolesMustBeUniqueAndPresent() {
        #expect(hasError("data_access.roles", containing: "at least one") { $0.dataAccess.roles = []; $0.workload.enabled = false })
        #expect(hasError("data_access.roles[1].name", containing: "used by another role") { $0.dataAccess.roles.append($0.dataAccess.roles[0]) })
    }

    @Test func replicationNeedsAnExistingDestinationBucketAndKey() {
        #expect(hasError("protections.replication_bucket_arn", containing: "required") { $0.protections.replication = true })
        #expect(hasError("protections.replication_key_arn", containing: "required") { $0.protections.replication = true })
        #expect(hasError("protections.replication_bucket_arn", containing: "data bucket itself") { plan in
            plan.protections.replication = true
            plan.protections.replicationBucketArn = "arn:aws:s3:::\(plan.basics.bucketName!)"
        })
        #expect(hasError("data_access.roles", containing: "replication role") { plan in
            plan.protections.replication = true
            plan.dataAccess.roles[0].name = "replication"
            plan.workload.role = "replication"
        })
        var plan = Preset.maximumProtection.plan
        #expect(plan.replicationDestination?.region == "us-west-2")
        #expect(plan.diagnostics.warnings.contains { $0.message.contains("destination bucket must have object lock") })
        plan.protections.replicationKeyArn = "arn:aws:kms:us-east-1:111122223333:key/5678abcd-12ab-34cd-56ef-1234567890ab"
        #expect(plan.diagnostics.warnings.contains { $0.message.contains("same-region replication") })
    }

    @Test func risksAreWarningsThatDoNotBlock() {
        var plan = Plan.example
        plan.network.otherS3Traffic = .none
        plan.encryption.uploadEnforcement = .strict
        plan.protections.accessLogging = .off
        let diagnostics = plan.diagnostics
        #expect(diagnostics.errors.isEmpty)
        #expect(diagnostics.warnings.contains { $0.path == FieldPath("network.other_s3_traffic") && $0.message.contains("ECR") })
        #expect(diagnostics.warnings.contains { $0.path == FieldPath("encryption.upload_enforcement") })
        #expect(diagnostics.warnings.contains { $0.path == FieldPath("protections.access_logging") })
    }

    @Test func policiesOverAwsSizeLimitsAreErrors() {
        var plan = Plan.example
        plan.workload.enabled = false
        plan.dataAccess.roles = (0..<40).map { i in
            var role = DataRole()
            role.name = "role-\(i)"
            role.access = .readWriteDelete
            role.prefixes = ["area-\(i)/incoming/", "area-\(i)/processed/", "area-\(i)/archive/"]
            return role
        }
        let errors = plan.diagnostics.errors
        #expect(errors.contains { $0.message.contains("bucket policy would be") && $0.message.contains("AWS allows 20480") })
    }

    @Test func theAccountIsDerivedFromTheDeployerWhenNotGiven() {
        var plan = Plan.example
        plan.basics.accountId = nil
        #expect(plan.accountId == "111122223333")
        #expect(plan.diagnostics.warnings.contains { $0.path == FieldPath("basics.account_id") && $0.message.contains("111122223333") })
    }
}
