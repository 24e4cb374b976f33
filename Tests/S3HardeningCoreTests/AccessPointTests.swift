import Testing
@testable import S3HardeningCore

/// data_access.mode access-points: the policies, the proof through access points, the limits, the way there.
@Suite struct AccessPointTests {
    let plan = Preset.dataLake.plan

    private func matrix(_ set: PolicySet? = nil) throws -> AccessMatrix { try plan.accessMatrix(policies: set) }

    private func allowed(_ m: AccessMatrix, _ who: String, _ action: AccessAction, _ path: NetworkPath) -> Bool? {
        m.cell(who, action, path)?.decision.allowed
    }

    @Test func presetIsValidAndEveryIntentHolds() throws {
        #expect(plan.diagnostics.errors.isEmpty, "\(plan.diagnostics.errors)")
        let m = try matrix()
        #expect(m.brokenIntents.isEmpty, "\(m.brokenIntents.map(\.violations))")
        #expect(m.intents.contains { $0.id == .dataOnlyThroughOwnAccessPoint })
        #expect(m.paths == NetworkPath.withAccessPoints)
    }

    /// The four requests the issue names, each decided by the policy layer AWS documents for it.
    @Test func ownAccessPointAllowedOtherTeamsBucketAndOutsideDenied() throws {
        let m = try matrix()
        #expect(allowed(m, "role team-01", .read, .ownAccessPoint) == true)
        #expect(allowed(m, "role team-04", .write, .ownAccessPoint) == true)
        #expect(allowed(m, "role team-05", .delete, .ownAccessPoint) == true)
        #expect(allowed(m, "role team-01", .write, .ownAccessPoint) == false)   // its level: read
        let other = try #require(m.cell("role team-01", .read, .otherAccessPoint))
        #expect(!other.decision.allowed)
        #expect(other.decision.reasons.contains("access-points/team-02.json › DenyOtherPrincipalsThroughThisAccessPoint"))
        let direct = try #require(m.cell("role team-01 + AdministratorAccess", .read, .endpoint))
        #expect(!direct.decision.allowed)
        #expect(direct.decision.reasons.contains("bucket-policy.json › DenyObjectAccessToOtherPrincipals"))
        let outside = try #require(m.cell("role team-01", .read, .accessPointFromInternet))
        #expect(!outside.decision.allowed)
        #expect(outside.decision.reasons.joined().contains("VPC network origin"))
        // Anyone else, whatever their IAM policies, is turned away by the access point's own policy.
        #expect(allowed(m, "another role in the account (*:*)", .read, .ownAccessPoint) == false)
        #expect(allowed(m, "deployer terraform-deployer", .read, .ownAccessPoint) == false)
        #expect(allowed(m, "role team-01 + AdministratorAccess", .read, .otherAccessPoint) == false)
    }

    /// A request through an access point needs the access point policy AND the bucket policy AND the endpoint policy
    /// on both resources AND the key policy: removing any one of the allows denies it.
    @Test func everyLayerIsNeeded() throws {
        let full = plan.policies
        func without(_ sid: String, _ edit: (inout PolicySet, (PolicyDocument) -> PolicyDocument) -> Void) throws -> Bool? {
            var set = full
            edit(&set) { PolicyDocument($0.statements.filter { $0.sid != sid }) }
            return allowed(try matrix(set), "role team-01", .read, .ownAccessPoint)
        }
        #expect(try without("DelegateDataAccessToAccessPoints") { set, drop in set.bucket = drop(set.bucket) } == false)
        #expect(try without("AllowDataAccessPoints") { set, drop in set.endpoint = drop(set.endpoint) } == false)
        #expect(try without("AllowDataBucketThroughAccessPoints") { set, drop in set.endpoint = drop(set.endpoint) } == false)
        #expect(try without("AllowTeam01Objects") { set, drop in set.accessPoints[0].policy = Deferred(value: drop(set.accessPoints[0].policy.value)) } == false)
        #expect(try without("DataRolesDecryptThroughS3") { set, drop in set.key = drop(set.key!) } == false)
        #expect(try without("nothing") { _, _ in } == true)
    }

    @Test func bucketPolicyKeepsTheRoleIndependentDeniesAndNoRoleStatements() {
        let sids = plan.bucketPolicy.statements.map(\.sid)
        for sid in ["DenyInsecureTransport", "DenyOutsideVpce", "DenyObjectAccessToOtherPrincipals", "DenyProtectionChangesExceptDeployer",
                    "DenyUploadsWithCustomerKeys", "DelegateDataAccessToAccessPoints"] {
            #expect(sids.contains(sid), "\(sid)")
        }
        #expect(!sids.contains { $0.hasPrefix("AllowTeam") || $0.hasPrefix("DenyTeam") })
        let delegation = plan.bucketPolicy.statements.first { $0.sid == "DelegateDataAccessToAccessPoints" }!
        #expect(delegation.conditions == [Condition("StringEquals", "s3:DataAccessPointAccount", [.ref(.accountId)])])
        #expect(plan.policies.accessPoints.map(\.role) == plan.dataAccess.roles.map(\.name))
    }

    /// 50 teams × 20 datasets: refused in bucket-policy mode (the error names access points), valid with them,
    /// and the bucket policy no larger than with 12 teams.
    @Test func fiftyTeamsTimesTwentyDatasets() throws {
        var big = Preset.dataLakePlan(teams: 50, datasets: 20)
        #expect(big.bucketPolicySize == plan.bucketPolicySize)
        let generated = big.generate(proof: true)   // the field rules, the sizes, and the proof
        #expect(generated.diagnostics.errors.isEmpty, "\(generated.diagnostics.errors.prefix(3))")
        #expect(generated.artifacts["terraform/access_points.tf"]?.contents.contains("resource \"aws_s3_access_point\" \"team_50\"") == true)
        big.dataAccess.mode = .bucketPolicy
        let refused = big.diagnosticsWithoutProof(policies: nil).errors
        let bucket = try #require(refused.first { $0.path == FieldPath(\.dataAccess.roles) })
        #expect(bucket.message.contains("data_access.mode: access-points"))
    }

    @Test func tenRolesTimesThreePrefixesNeedAccessPoints() {
        var p = Preset.dataLakePlan(teams: 10, datasets: 3)
        p.dataAccess.mode = .bucketPolicy
        #expect(p.diagnosticsWithoutProof(policies: nil).errors.map(\.path) == [FieldPath(\.dataAccess.roles)])
        p.dataAccess.mode = .accessPoints
        #expect(p.diagnostics.errors.isEmpty)
    }

    @Test func accessPointNamesFollowAWSRules() {
        #expect(Plan.accessPointNameProblem("datalake-prod-team-01") == nil)
        #expect(Plan.accessPointNameProblem("ab") != nil)
        #expect(Plan.accessPointNameProblem(String(repeating: "a", count: 51)) != nil)
        #expect(Plan.accessPointNameProblem(String(repeating: "a", count: 50)) == nil)
        #expect(Plan.accessPointNameProblem("team-") != nil)
        #expect(Plan.accessPointNameProblem("team-s3alias") != nil)
        #expect(Plan.accessPointNameProblem("team_01") != nil)
        var p = plan
        p.basics.service = "a-very-long-service-name"   // 24 characters: service-prod-team-01 has 37
        p.dataAccess.roles[0].name = "a-role-name-that-is-too-long"
        let errors = p.diagnosticsWithoutProof(policies: nil).errors
        #expect(errors.map(\.path) == [FieldPath(\.dataAccess.roles, 0, \.name)])
        #expect(errors.first?.message.contains("3 to 50") == true)
    }

    @Test func awsServicesCannotUseAVpcAccessPoint() {
        var p = plan
        p.dataAccess.roles[1].viaAwsServices = true
        #expect(p.diagnosticsWithoutProof(policies: nil).errors.map(\.path) == [FieldPath(\.dataAccess.roles, 1, \.viaAwsServices)])
    }

    @Test func quotaOfAccessPointsPerRegion() {
        var p = plan
        p.dataAccess.roles = (0...Plan.accessPointQuota).map { i in
            var role = DataRole()
            role.name = "t\(i)"
            return role
        }
        let errors = p.diagnosticsWithoutProof(policies: nil).errors
        #expect(errors.map(\.path) == [FieldPath(\.dataAccess.roles)])
        #expect(errors.first?.message.contains("10000 per account and region") == true)
    }

    /// The wizard's way there: an edit that pushes the bucket policy over the limit offers the switch (a follow-up),
    /// and the plan it offers is valid.
    @Test func crossingTheLimitOffersAccessPoints() throws {
        var before = Preset.dataLakePlan(teams: 6, datasets: 3)
        before.dataAccess.mode = .bucketPolicy
        #expect(before.diagnostics.errors.isEmpty)
        #expect(before.followUp(since: before) == nil)
        var after = before
        after.dataAccess.roles = Preset.dataLakePlan(teams: 12, datasets: 3).dataAccess.roles
        let offer = try #require(after.followUp(since: before))
        #expect(offer.changes.map(\.path) == [FieldPath(\.dataAccess.mode)])
        #expect(offer.updated.dataAccess.mode == .accessPoints)
        #expect(offer.updated.diagnostics.errors.isEmpty)
        #expect(after.followUp(since: after) == nil)   // asked once, when the edit crosses the limit
    }
}
