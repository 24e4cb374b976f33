import Testing
@testable import S3HardeningCore

/// Each test states an AWS rule from docs/controls.md and checks the statements that implement it.
@Suite struct PolicySemanticsTests {
    let plan = Preset.readerWriter.plan
    var bucket: PolicyDocument { plan.bucketPolicy }

    private func condition(_ s: Statement?, _ op: String, _ key: String) -> [Element]? {
        s?.conditions.first { $0.op == op && $0.key == key }?.values
    }

    private var dataRoles: [Element] { plan.dataAccess.roles.map { .ref(.roleArn($0.name)) } }

    @Test func everyOtherPrincipalIsDeniedTheDataNotJustOneRole() {
        // The source article denied only its Lambda role, so every other principal kept access.
        let deny = statement(bucket, "DenyObjectAccessToOtherPrincipals")
        #expect(deny?.effect == .deny)
        #expect(deny?.principal == .anyone)
        #expect(deny?.resources == ["\(.bucketArn)/*"])
        #expect(condition(deny, "ArnNotLike", "aws:PrincipalArn") == dataRoles)
        for action in ["s3:GetObject*", "s3:PutObject*", "s3:DeleteObject*"] { #expect(deny?.actions.contains(action) == true) }
    }

    @Test func deployersKeepListBucketButNeverObjects() {
        let list = statement(bucket, "DenyListBucketToOtherPrincipals")
        #expect(list?.actions == ["s3:ListBucket"])
        #expect(condition(list, "ArnNotLike", "aws:PrincipalArn") == dataRoles + [.all(.deployerArns)])
        let versions = statement(bucket, "DenyVersionListingToOtherPrincipals")
        #expect(condition(versions, "ArnNotLike", "aws:PrincipalArn") == dataRoles)
    }

    @Test func vpcOnlyDeniesEverythingOutsideTheEndpointExceptTheDeployers() {
        let deny = statement(Plan.example.bucketPolicy, "DenyOutsideVpce")
        #expect(deny?.principal == .anyone)
        #expect(deny?.actions == ["s3:*"])
        #expect(deny?.resources == [.ref(.bucketArn), "\(.bucketArn)/*"])
        // A negated operator is true when the key is absent, so internet requests (no aws:SourceVpce) are denied.
        #expect(condition(deny, "StringNotEquals", "aws:SourceVpce") == [.ref(.endpointId)])
        #expect(condition(deny, "ArnNotLike", "aws:PrincipalArn") == [.all(.deployerArns)])
    }

    @Test func sourceVpcModePinsTheRegionAndViaServiceRolesNeedAnAwsService() {
        let deny = statement(bucket, "DenyOutsideVpc")
        #expect(condition(deny, "StringNotEquals", "aws:SourceVpc") == [.ref(.vpcId)])
        let analyst = Element.ref(.roleArn("analyst"))
        #expect(condition(deny, "ArnNotLike", "aws:PrincipalArn") == [.all(.deployerArns), analyst])
        let viaService = statement(bucket, "DenyOutsideVpcUnlessViaAwsService")
        #expect(condition(viaService, "ArnLike", "aws:PrincipalArn") == [analyst])
        #expect(condition(viaService, "Bool", "aws:ViaAWSService") == ["false"])
        let region = statement(bucket, "DenyOtherRegions")
        #expect(condition(region, "StringNotEquals", "aws:RequestedRegion") == [.ref(.region)])
    }

    @Test func transportIsTlsOnlyWithAMinimumVersion() {
        let tls = statement(bucket, "DenyInsecureTransport")
        #expect(condition(tls, "Bool", "aws:SecureTransport") == ["false"])
        #expect(tls?.actions == ["s3:*"])
        var strict = plan
        strict.transport.minimumTls = .v1_3
        let minimum = statement(strict.bucketPolicy, "DenyTlsBelow13")
        #expect(condition(minimum, "NumericLessThan", "s3:TlsVersion") == ["1.3"])
    }

    @Test func rolesGetExactlyTheirAccessLevelWithinTheirPrefixes() {
        let uploader = statement(bucket, "AllowUploaderObjects")
        #expect(uploader?.actions == ["s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"])
        #expect(uploader?.resources == ["\(.bucketArn)/incoming/*"])
        #expect(statement(bucket, "AllowUploaderList") == nil)
        let beyond = statement(bucket, "DenyUploaderBeyondItsAccess")
        #expect(beyond?.notActions == ["s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:GetBucketLocation"])
        let outside = statement(bucket, "DenyUploaderOutsideItsPrefixes")
        #expect(outside?.notResources == ["\(.bucketArn)/incoming/*"])
        let processorList = statement(bucket, "DenyProcessorListingOutsideItsPrefixes")
        #expect(condition(processorList, "StringNotLike", "s3:prefix") == ["incoming/*", "processed/*"])
        // Delete means delete markers: permanent version deletion is never granted.
        let processor = statement(bucket, "AllowProcessorObjects")
        #expect(processor?.actions.contains("s3:DeleteObject") == true)
        #expect(processor?.actions.contains("s3:DeleteObjectVersion") == false)
    }

    @Test func noWorkloadIsGrantedAWildcardAction() {
        var documents = [plan.bucketPolicy, plan.endpointPolicy, Plan.example.workloadIdentityPolicy]
        documents.append(PolicyDocument(plan.keyUseStatements))
        for document in documents {
            for s in document.statements where s.effect == .allow {
                #expect(!s.actions.contains { $0.contains("*") }, "\(s.sid) grants \(s.actions)")
                #expect(s.notActions.isEmpty, "\(s.sid) allows with NotAction")
            }
        }
    }

    @Test func keyAdministratorsManageButNeverUseTheKey() {
        let key = plan.keyPolicy
        let admin = statement(key, "KeyAdministration")!
        #expect(admin.actions.allSatisfy { !["kms:Decrypt", "kms:Encrypt", "kms:*", "kms:GenerateDataKey*", "kms:ReEncrypt*"].contains($0) })
        let deny = statement(key, "DenyKeyUseByAdministrators")
        #expect(deny?.effect == .deny)
        #expect(deny?.principal == .aws([.all(.keyAdminArns), .all(.deployerArns)]))
        #expect(deny?.actions == ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"])
        #expect(statement(key, "AccountManagesKeyThroughIam") == nil)
        var delegated = plan
        delegated.keyAdministration.iamDelegation = true
        let root = statement(delegated.keyPolicy, "AccountManagesKeyThroughIam")
        #expect(root?.actions == admin.actions, "the account root gets management only, never kms:*")
    }

    @Test func dataRolesUseTheKeyOnlyThroughS3ForThisBucket() {
        let decrypt = statement(plan.keyPolicy, "DataRolesDecryptThroughS3")
        #expect(decrypt?.actions == ["kms:Decrypt"])
        #expect(condition(decrypt, "StringEquals", "kms:ViaService") == ["s3.\(.region).\(.dnsSuffix)"])
        #expect(condition(decrypt, "StringEquals", "kms:CallerAccount") == [.ref(.accountId)])
        // With a bucket key the context is the bucket ARN; without, the object ARN.
        #expect(condition(decrypt, "StringEquals", "kms:EncryptionContext:aws:s3:arn") == [.ref(.bucketArn)])
        var noBucketKey = plan
        noBucketKey.encryption.bucketKey = false
        let perObject = statement(noBucketKey.keyPolicy, "DataRolesDecryptThroughS3")
        #expect(condition(perObject, "StringLike", "kms:EncryptionContext:aws:s3:arn") == ["\(.bucketArn)/*"])
        let writers = statement(plan.keyPolicy, "WriterRolesGenerateDataKeysThroughS3")
        #expect(writers?.principal == .aws([.ref(.roleArn("uploader")), .ref(.roleArn("processor"))]))
        #expect(writers?.actions == ["kms:GenerateDataKey"])
    }

    @Test func keyPoliciesNeverCarryNetworkConditions() {
        // S3 calls KMS from the AWS network on the caller's behalf: a VPC condition would never match.
        for p in Preset.all.map(\.plan) {
            for document in [p.keyPolicy, p.supportKeyPolicy] {
                for s in document.statements {
                    #expect(!s.conditions.contains { ["aws:SourceVpce", "aws:SourceVpc", "aws:SourceIp"].contains($0.key) })
                }
            }
        }
    }

    @Test func uploadEnforcementLenientAllowsHeaderlessUploadsStrictDoesNot() {
        let lenient = plan.uploadEnforcementStatements
        // Lenient: each deny also requires the header to be present (Null false), so SDK defaults still work.
        let otherKey = lenient.first { $0.sid == "DenyUploadsWithOtherKey" }
        #expect(condition(otherKey, "Null", "s3:x-amz-server-side-encryption-aws-kms-key-id") == ["false"])
        #expect(condition(otherKey, "ArnNotEquals", "s3:x-amz-server-side-encryption-aws-kms-key-id") == [.ref(.keyArn)])
        let awsManaged = lenient.first { $0.sid == "DenyUploadsWithAwsManagedKey" }
        #expect(condition(awsManaged, "Null", "s3:x-amz-server-side-encryption-aws-kms-key-id") == ["true"])
        var strict = plan
        strict.encryption.uploadEnforcement = .strict
        for s in strict.uploadEnforcementStatements { #expect(!s.conditions.contains { $0.op == "Null" }) }
        var off = plan
        off.encryption.uploadEnforcement = .off
        #expect(off.uploadEnforcementStatements.isEmpty)
    }

    @Test func onlyDeployersChangeTheProtections() {
        let deny = statement(bucket, "DenyProtectionChangesExceptDeployer")
        #expect(deny?.actions.contains("s3:PutBucketPolicy") == true)
        #expect(deny?.actions.contains("s3:DeleteBucketPolicy") == true)
        #expect(condition(deny, "ArnNotLike", "aws:PrincipalArn") == [.all(.deployerArns)])
    }

    @Test func endpointLetsOnlyDataRolesReachTheBucket() {
        let endpoint = Plan.example.endpointPolicy
        let deny = statement(endpoint, "DenyDataBucketToOtherPrincipals")
        #expect(deny?.resources == [.ref(.bucketArn), "\(.bucketArn)/*"])
        #expect(condition(deny, "ArnNotLike", "aws:PrincipalArn") == [.ref(.roleArn("reports"))])
        let allow = statement(endpoint, "AllowReportsToDataBucket")
        #expect(condition(allow, "ArnEquals", "aws:PrincipalArn") == [.ref(.roleArn("reports"))])
        #expect(statement(endpoint, "AllowAwsOwnedBucketsObjects") == nil)
        #expect(statement(endpoint, "AllowAwsOwnedBuckets")?.actions == ["s3:GetObject"])
        #expect(condition(statement(endpoint, "AllowOrganizationBucketsObjects"), "StringEquals", "aws:ResourceOrgID") == [.ref(.organizationId)])
        // Dedicated route tables: nothing but the bucket.
        #expect(Preset.maximumProtection.plan.endpointPolicy.statements.map(\.sid)
                == ["AllowIngestToDataBucket", "AllowReportsToDataBucket", "DenyDataBucketToOtherPrincipals"])
    }

    @Test func existingResourcesAreNeverReplacedSilently() {
        let gov = Preset.govCloudExisting.plan
        let set = gov.policies
        #expect(set.key == nil)
        #expect(set.keyStatementsToAdd?.statements.map(\.sid) == ["DataRolesDecryptThroughS3", "WriterRolesGenerateDataKeysThroughS3"])
        let files = gov.artifacts().files.map(\.path)
        #expect(files.contains("policies/key-policy-statements-to-add.json"))
        #expect(files.contains("policies/endpoint-policy-statements-to-add.json"))
        let terraform = gov.artifacts().files.filter { $0.path.hasSuffix(".tf") }.map(\.contents).joined()
        #expect(!terraform.contains("aws_kms_key_policy"))
        #expect(!terraform.contains("resource \"aws_vpc_endpoint\""))
        var owned = gov
        owned.encryption.manageExistingKeyPolicy = true
        #expect(owned.policies.key != nil)
        #expect(TerraformModule(owned).kms.contains("resource \"aws_kms_key_policy\" \"data\""))
    }

    @Test func replicationReadsOnlyWhatItReplicatesFromOutsideTheVpc() {
        let plan = Preset.maximumProtection.plan
        let bucket = plan.bucketPolicy
        let replication = Element.ref(.replicationRoleArn)
        // S3 replicates from the AWS network, as the replication role: exempt from VPC-only and the data deny ...
        #expect(condition(statement(bucket, "DenyOutsideVpce"), "ArnNotLike", "aws:PrincipalArn")?.contains(replication) == true)
        #expect(condition(statement(bucket, "DenyObjectAccessToOtherPrincipals"), "ArnNotLike", "aws:PrincipalArn")?.contains(replication) == true)
        // ... but held to the replication reads, with object lock's retention and legal hold.
        let limit = statement(bucket, "DenyReplicationRoleBeyondReplicating")
        #expect(limit?.principal == .aws([replication]))
        #expect(limit?.notActions.contains("s3:GetObjectVersionForReplication") == true)
        #expect(limit?.notActions.contains("s3:GetObjectRetention") == true)
        #expect(limit?.notActions.contains("s3:GetObject") == false)
        let decrypt = statement(plan.keyPolicy, "ReplicationRoleDecryptsThroughS3")
        #expect(condition(decrypt, "StringEquals", "kms:ViaService") == ["s3.\(.region).\(.dnsSuffix)"])
        let encrypt = statement(plan.replicationIdentityPolicy, "EncryptReplicas")
        #expect(condition(encrypt, "StringEquals", "kms:ViaService") == ["s3.\(.replicationRegion).\(.dnsSuffix)"])
        #expect(plan.policies.replicationBucket != nil && plan.policies.replicationKey != nil)
        // Without replication none of this exists.
        #expect(statement(Plan.example.bucketPolicy, "DenyReplicationRoleBeyondReplicating") == nil)
    }

    @Test func macieReadsAndListsButNeverWrites() {
        let plan = Preset.maximumProtection.plan
        let macie = Element.ref(.macieRoleArn)
        #expect(condition(statement(plan.bucketPolicy, "DenyOutsideVpce"), "ArnNotLike", "aws:PrincipalArn")?.contains(macie) == true)
        let limit = statement(plan.bucketPolicy, "DenyMacieBeyondReading")
        #expect(limit?.notActions == ["s3:Get*", "s3:List*"])
        #expect(statement(plan.keyPolicy, "MacieDecryptsThroughS3")?.actions == ["kms:Decrypt"])
        var references = JSONRenderer(References(plan))
        #expect(references.resolve(Text(.macieRoleArn)) == "arn:aws:iam::111122223333:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie")
        #expect(statement(Plan.example.bucketPolicy, "DenyMacieBeyondReading") == nil)
    }

    @Test func partitionsShapeArnsAndServiceNames() {
        var china = Plan.example
        china.basics.region = "cn-north-1"
        china.keyAdministration.deployerArns = ["arn:aws-cn:iam::111122223333:role/terraform-deployer"]
        china.keyAdministration.adminRoleArns = []
        #expect(china.partition == .awsCn)
        var renderer = JSONRenderer(References(china))
        let key = renderer.render(china.keyPolicy.tree)
        #expect(key.contains("\"s3.cn-north-1.amazonaws.com.cn\""))
        #expect(key.contains("arn:aws-cn:s3:::pii-reports-prod-111122223333"))
        let gov = Preset.govCloudExisting.plan
        var govRenderer = JSONRenderer(References(gov))
        #expect(govRenderer.render(gov.bucketPolicy.tree).contains("arn:aws-us-gov:s3:::benefits-prod-records/*"))
    }

    @Test func everyStatementNamesAControlAndSidsAreUniqueAndAlphanumeric() {
        for preset in Preset.all {
            for (file, document) in preset.plan.policies.all {
                let sids = document.statements.map(\.sid)
                #expect(Set(sids).count == sids.count, "duplicate Sid in \(preset.name) \(file)")
                for sid in sids { #expect(sid.allSatisfy { $0.isLetter || $0.isNumber }, "\(sid) in \(file)") }
            }
        }
    }
}
