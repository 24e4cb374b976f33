import Testing
@testable import S3HardeningCore

/// AWS-owned buckets through the endpoint (per partition, within the endpoint policy size limit) and the
/// account-regional bucket namespace.
@Suite struct EndpointAndNamespaceTests {
    /// Characters per VPC endpoint policy, white space included, not adjustable (AWS PrivateLink quotas).
    static let endpointPolicyLimit = 20_480

    private func endpointSize(_ plan: Plan) -> Int {
        let policies = plan.policies
        return policies.rendered(References(plan)).compactSize(policies.endpointFileName)!
    }

    @Test func theLargestPresetEndpointPolicyStaysUnderTheLimit() {
        let sizes = Preset.all.map { endpointSize($0.plan) }
        #expect(sizes.max()! < Self.endpointPolicyLimit)
        // The widest case: every AWS-owned bucket, the organisation's buckets, the longest commercial region name.
        var plan = Preset.readerWriter.plan
        plan.basics.region = "ap-southeast-5"
        plan.network.otherS3Traffic = .awsOwnedAndOrg
        plan.network.organizationId = "o-abcdefghij"
        #expect(endpointSize(plan) < Self.endpointPolicyLimit)
    }

    @Test func patternsSplitIntoLiteralsAndTokens() {
        #expect(AWSOwnedBuckets.pieces(of: "a-{region}/*") == ["a-", "{region}", "/*"])
        #expect(AWSOwnedBuckets.pieces(of: "{region}-x-{regionNoDashes}") == ["", "{region}", "-x-", "{regionNoDashes}", ""])
        #expect(AWSOwnedBuckets.pieces(of: "aws-cli/*") == ["aws-cli/*"])
        #expect(AWSOwnedBuckets.pieces(of: "open-{region") == ["open-{region"], "an unclosed brace stays literal")
    }

    @Test func commercialRegionsGetEveryGroupOfTheSource() {
        let names = AWSOwnedBuckets.objectArns(region: "eu-west-1")
        for name in ["prod-eu-west-1-starport-layer-bucket/*", "al2023-repos-eu-west-1-de612dc2/*", "aws-ssm-eu-west-1/*",
                     "patch-baseline-snapshot-eu-west-1/*", "amazoncloudwatch-agent-eu-west-1/*", "aws-codedeploy-eu-west-1/*",
                     "elasticbeanstalk-eu-west-1/*", "aws-cli/*", "cloudformation-custom-resource-response-euwest1/*",
                     "ec2imagebuilder-managed-resources-eu-west-1-prod/components/*"] {
            #expect(names.contains(name), "\(name)")
        }
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0.hasSuffix("/*") && !$0.contains("{") })
    }

    @Test(arguments: ["cn-north-1", "cn-northwest-1", "us-gov-west-1"])
    func otherPartitionsKeepOnlyRegionScopedNames(region: String) {
        let names = AWSOwnedBuckets.objectArns(region: region)
        #expect(names.contains("prod-\(region)-starport-layer-bucket/*"))
        #expect(names.contains("aws-ssm-\(region)/*"))
        // A region-less or DNS-style name could belong to anyone in this partition.
        for name in names {
            let bucket = String(name.split(separator: "/")[0])
            #expect(bucket.contains(region) || bucket.contains("public-beta-cn-north-1"), "\(name)")
            #expect(!bucket.contains("amazonaws.com"), "\(name)")
        }
    }

    @Test func beijingElasticBeanstalkBucketsUseTheirOwnName() {
        let names = AWSOwnedBuckets.objectArns(region: "cn-north-1")
        #expect(names.contains("elasticbeanstalk-platform-assets-public-beta-cn-north-1/*"))
        #expect(!names.contains("elasticbeanstalk-platform-assets-cn-north-1/*"))
        #expect(names.contains("amazonlinux-2-repos-cn-north-1/*"))
    }

    @Test func endpointStatementUsesThePartitionOfTheRegion() throws {
        var plan = Preset.readerWriter.plan
        plan.network.otherS3Traffic = .awsOwnedAndOrg
        let statement = try #require(plan.endpointPolicy.statements.first { $0.sid == "AllowAwsOwnedBuckets" })
        #expect(statement.actions == ["s3:GetObject"])
        #expect(statement.resources.count == AWSOwnedBuckets.objectArns(region: plan.basics.region).count)
    }

    // MARK: account-regional namespace

    @Test func accountRegionalBucketNameCarriesTheAccountSuffix() {
        let plan = Preset.lambdaReports.plan
        #expect(plan.accountRegionalNamespace)
        let s3 = TerraformModule(plan).s3
        #expect(s3.contains("bucket_namespace = \"account-regional\""))
        #expect(s3.contains("\"${var.bucket_name}-${data.aws_caller_identity.current.account_id}-${var.region}-an\""))
        let json = plan.policies.rendered(References(plan)).files.first { $0.file == "bucket-policy.json" }!.text
        #expect(json.contains("arn:aws:s3:::pii-reports-prod-111122223333-us-east-1-an/*"))
    }

    @Test func globalNamesStayAsTheyWere() {
        let plan = Preset.readerWriter.plan
        #expect(!plan.accountRegionalNamespace)
        let s3 = TerraformModule(plan).s3
        #expect(!s3.contains("bucket_namespace"))
        #expect(s3.contains("bucket_prefix = var.bucket_prefix"))
    }

    @Test func expectedBucketOwnerOnEveryResourceThatOffersIt() {
        let s3 = TerraformModule(Preset.maximumProtection.plan).s3
        for resource in ["aws_s3_bucket_versioning", "aws_s3_bucket_server_side_encryption_configuration",
                         "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_logging", "aws_s3_bucket_object_lock_configuration"] {
            let block = s3.components(separatedBy: "resource \"\(resource)\" \"data\"")
            #expect(block.count == 2, "\(resource)")
            let body = block.last!.components(separatedBy: "\nresource ").first!
            #expect(body.contains("expected_bucket_owner"), "\(resource)")
        }
    }

    @Test func tooLongAccountRegionalNamesAreRejected() {
        var plan = Preset.lambdaReports.plan
        // us-east-1: "-111122223333-us-east-1-an" is 26 characters, so 37 remain for the name before it.
        plan.basics.bucketName = String(repeating: "a", count: 38)
        #expect(plan.diagnostics.contains { $0.severity == .error && $0.path == FieldPath("basics.bucket_name") && $0.message.contains("63") })
        plan.basics.bucketName = String(repeating: "a", count: 37)
        #expect(!plan.diagnostics.contains { $0.severity == .error && $0.path == FieldPath("basics.bucket_name") })
    }

    @Test func predictableGlobalNamesAreWarnedAbout() {
        var plan = Preset.lambdaReports.plan
        plan.basics.bucketNamespace = .global
        plan.basics.bucketName = "pii-reports-prod-111122223333"
        #expect(plan.diagnostics.contains { $0.severity == .warning && $0.path == FieldPath("basics.bucket_namespace") })
    }
}

/// The simulator's evaluator on the endpoint policy as written: AWS-owned buckets are readable through the
/// endpoint (as their own public bucket policies allow), nothing else is, and nobody writes to them.
@Suite struct AWSOwnedBucketSimulationTests {
    private func evaluator(region: String) throws -> PolicyEvaluator {
        var edited = Preset.readerWriter.plan
        edited.basics.region = region
        edited.network.otherS3Traffic = .awsOwnedAndOrg
        let plan = edited
        let rendered = plan.policies.rendered(References(plan), sample: { $0.sample(plan) })
        let endpoint = try SimPolicy(name: "endpoint-policy.json", json: rendered.files.first { $0.file == "endpoint-policy.json" }!.text)
        // The AWS-owned buckets are public for reads: model that with a public-read bucket policy.
        let publicRead = try SimPolicy(name: "aws-owned-bucket-policy.json", json: """
            {"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}
            """)
        return PolicyEvaluator(bucketPolicy: publicRead, endpointPolicy: endpoint, keyPolicy: nil, resourceAccount: nil)
    }

    private func get(_ evaluator: PolicyEvaluator, _ arn: String, action: String = "s3:GetObject") -> Bool {
        evaluator.s3(SimRequest(principal: .anonymous, action: action, resource: arn, context: ["aws:SecureTransport": ["true"]]),
                     viaEndpoint: true).allowed
    }

    @Test func commercialSoftwareBucketsAreReadableAndNothingElse() throws {
        let e = try evaluator(region: "us-west-2")
        #expect(get(e, "arn:aws:s3:::prod-us-west-2-starport-layer-bucket/sha256/layer"))
        #expect(get(e, "arn:aws:s3:::al2023-repos-us-west-2-de612dc2/core/mirror.list"))
        #expect(get(e, "arn:aws:s3:::aws-ssm-us-west-2/manifest.json"))
        #expect(get(e, "arn:aws:s3:::amazoncloudwatch-agent/linux/amd64/latest/amazon-cloudwatch-agent.rpm"))
        #expect(!get(e, "arn:aws:s3:::prod-us-west-2-starport-layer-bucket/x", action: "s3:PutObject"))
        #expect(!get(e, "arn:aws:s3:::someone-elses-bucket/exfiltrated"))
        #expect(!get(e, "arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/layer"), "another region's bucket")
    }

    @Test func govCloudKeepsRegionScopedBucketsOnly() throws {
        let e = try evaluator(region: "us-gov-west-1")
        #expect(get(e, "arn:aws-us-gov:s3:::prod-us-gov-west-1-starport-layer-bucket/layer"))
        #expect(get(e, "arn:aws-us-gov:s3:::amazon-ssm-us-gov-west-1/latest/linux_amd64/amazon-ssm-agent.rpm"))
        #expect(!get(e, "arn:aws-us-gov:s3:::aws-cli/awscli-exe-linux-x86_64.zip"), "a region-less name may belong to anyone here")
    }
}
