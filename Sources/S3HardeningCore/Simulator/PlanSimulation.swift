// The access matrix of a plan: its generated JSON policies (placeholders filled with sample values),
// the principals that matter, and the intents the answers state.

extension Placeholder {
    /// A stand-in value of the right shape, for simulating before apply.
    func sample(_ plan: Plan) -> String {
        switch name {
        case "ACCOUNT_ID": return "123456789012"
        case "BUCKET_NAME": return plan.effectiveBucketPrefix + "20261129000000000000000001"
        case "KMS_KEY_ID": return "0a1b2c3d-0000-4000-8000-000000000001"
        case "SUPPORT_KEY_ID": return "0a1b2c3d-0000-4000-8000-000000000002"
        case "VPC_ENDPOINT_ID": return "vpce-0a0a0a0a0a0a0a0a0"
        case "LOG_BUCKET_NAME": return "\(plan.namePrefix)-logs-20261129000000000000000001"
        case "TRAIL_BUCKET_NAME": return "\(plan.namePrefix)-trail-20261129000000000000000001"
        default: return name.lowercased()
        }
    }
}

extension Plan {
    /// Every principal × action × path for this plan, with its intents checked.
    public func accessMatrix(policies built: PolicySet? = nil) throws(SimulationError) -> AccessMatrix {
        try accessMatrix(policies: built, evaluation: .compiled)
    }

    /// `evaluation`: the compiled evaluator (what every caller gets), or the reference one it is tested against.
    func accessMatrix(policies built: PolicySet?, evaluation: SimulationSetup.Evaluation) throws(SimulationError) -> AccessMatrix {
        let set = built ?? policies
        let references = References(self)
        let plan = self
        let sample: @Sendable (Placeholder) -> String = { $0.sample(plan) }
        // Each policy as the value its JSON (with sample values for the placeholders) parses to, built from its tree:
        // printing and parsing back every policy was a quarter of `generate` with 50 teams.
        let documents = Dictionary(set.all.map { ($0.file, $0.document) }, uniquingKeysWith: { first, _ in first })
        var resolver = JSONRenderer(references, sample: sample)
        func resolve(_ ref: Ref) -> String { resolver.resolve(Text(ref)) }
        func policy(_ file: String) throws(SimulationError) -> SimPolicy? {
            guard let document = documents[file] else { return nil }
            return try SimPolicy(name: file, document: resolver.value(document.tree))
        }
        let keyFile = managesKeyPolicy ? "key-policy.json" : "key-policy-statements-to-add.json"
        let account = resolve(.accountId)
        let evaluator = PolicyEvaluator(bucketPolicy: try policy("bucket-policy.json"), endpointPolicy: try policy(set.endpointFileName),
                                        keyPolicy: try policy(keyFile), resourceAccount: account,
                                        resourceControlPolicy: try policy(PolicySet.resourceControlPolicyFileName))
        let admin = [SimPolicy.administratorAccess]
        var principals: [MatrixPrincipal] = []
        for (index, role) in dataAccess.roles.enumerated() {
            let field = FieldPath(\.dataAccess.roles, index)
            let arn = resolve(.roleArn(role.name))
            let key = role.prefixes.first.map(Plan.normalisedPrefix) ?? ""
            var identity: [SimPolicy] = []
            if let own = set.identity.first(where: { $0.role == role.name }), let found = try policy("roles/\(own.role)/identity-policy.json") {
                identity.append(found)
            }
            principals.append(MatrixPrincipal(principal: SimPrincipal(label: "role \(role.name)", arn: arn, identityPolicies: identity),
                                              kind: .dataRole(role.access), objectKey: key + "sample.csv", listPrefix: key.isEmpty ? nil : key,
                                              viaAwsServices: role.viaAwsServices, field: field, accessPointRole: role.name))
            principals.append(MatrixPrincipal(principal: SimPrincipal(label: "role \(role.name) + AdministratorAccess", arn: arn, identityPolicies: admin),
                                              kind: .dataRoleWithAdministratorAccess(role.access), objectKey: key + "sample.csv",
                                              listPrefix: key.isEmpty ? nil : key, viaAwsServices: role.viaAwsServices, field: field,
                                              accessPointRole: role.name))
        }
        func shortName(_ arn: String) -> String { String(arn.split(separator: "/").last ?? Substring(arn)) }
        for (index, arn) in keyAdministration.adminRoleArns.enumerated() {
            principals.append(MatrixPrincipal(principal: SimPrincipal(label: "key admin \(shortName(arn))", arn: arn, identityPolicies: admin),
                                              kind: .keyAdministrator, objectKey: "sample.csv", listPrefix: nil,
                                              field: FieldPath(\.keyAdministration.adminRoleArns, index)))
        }
        for (index, arn) in keyAdministration.deployerArns.enumerated() {
            principals.append(MatrixPrincipal(principal: SimPrincipal(label: "deployer \(shortName(arn))", arn: arn, identityPolicies: admin),
                                              kind: .deployer, objectKey: "sample.csv", listPrefix: nil,
                                              field: FieldPath(\.keyAdministration.deployerArns, index)))
        }
        if protections.replication, let identity = try policy("roles/\(Plan.replicationRoleKey)/identity-policy.json") {
            principals.append(MatrixPrincipal(principal: SimPrincipal(label: "replication role", arn: resolve(.replicationRoleArn), identityPolicies: [identity]),
                                              kind: .serviceRole(readsObjects: false), objectKey: "sample.csv", listPrefix: nil,
                                              field: FieldPath(\.protections.replication)))
        }
        if protections.macie {
            // Macie's service-linked role carries the AWS-managed AmazonMacieServiceRole policy: s3:Get* and s3:List*.
            let managed = try SimPolicy(name: "AmazonMacieServiceRole",
                                        json: #"{"Version":"2012-10-17","Statement":[{"Sid":"AmazonMacieServiceRole","Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*"}]}"#)
            principals.append(MatrixPrincipal(principal: SimPrincipal(label: "Macie service-linked role", arn: resolve(.macieRoleArn), identityPolicies: [managed]),
                                              kind: .serviceRole(readsObjects: true), objectKey: "sample.csv", listPrefix: nil,
                                              field: FieldPath(\.protections.macie)))
        }
        principals += Self.outsiders(partition: partition.rawValue, account: account)
        var setup = SimulationSetup(evaluator: evaluator, bucketArn: resolve(.bucketArn), keyArn: resolve(.keyArn), region: basics.region,
                                    dnsSuffix: partition.dnsSuffix, endpointId: resolve(.endpointId), vpcId: network.vpcId,
                                    bucketKey: encryption.bucketKey, principals: principals)
        setup.account = account
        for (role, _) in set.accessPoints {
            guard let file = try policy(PolicySet.accessPointFileName(role)) else { continue }
            setup.accessPoints.append(SimAccessPoint(role: role, arn: resolve(.accessPointArn(role)), vpcId: network.vpcId, policy: file))
        }
        let cells = setup.cells(evaluation)
        var extra: [IntentResult] = []
        if createsTrailBucket, let trail = try policy(set.trailBucketFileName) {
            extra.append(trailBucketIntent(PolicyEvaluator(bucketPolicy: trail, endpointPolicy: nil, keyPolicy: nil, resourceAccount: account),
                                           principals: principals, resolve: resolve))
        }
        if evaluator.resourceControlPolicy != nil {
            // The door the RCP closes: the bucket policy deleted (by the root user, say), every cell decided again.
            var open = setup
            open.evaluator = evaluator.replacingBucketPolicy(nil)
            let cells = open.cells(evaluation) { who, action in Plan.guardrailLooksAt(who, action) }
            extra.append(guardrailIntent(IntentChecker(cells: cells, principals: principals)))
        }
        var notes = [
            "Principals other than the data roles as generated are given AdministratorAccess (*:*): the resource policies alone must stop them.",
            "Writes send aws:kms and this key's ARN, as a well-behaved client does.",
        ]
        if !managesKeyPolicy { notes.append("The existing key's policy is assumed to contain key-policy-statements-to-add.json; its other statements are unknown, so key intents are not checked.") }
        if !createsEndpoint { notes.append("The existing endpoint's policy is assumed to be endpoint-policy-statements-to-add.json alone.") }
        if protections.auditTrail == .existingBucket {
            notes.append("The existing trail bucket's policy is unknown beyond trail-bucket-policy-statements-to-add.json, so who else writes to it is not checked.")
        }
        if usesAccessPoints {
            notes.append("Each data role's access point has a VPC network origin (\(network.vpcId)); a request through it is decided by its policy and the bucket policy, and the endpoint policy on both.")
        }
        if evaluator.resourceControlPolicy != nil {
            notes.append("rcp.json is evaluated as a further layer, attached to the bucket's account (a member account: RCPs skip the management account's resources) and skipping service-linked roles.")
        }
        return AccessMatrix(principals: principals.map(\.principal.label), cells: cells,
                            intents: intents(IntentChecker(cells: cells, principals: principals)) + extra, notes: notes, paths: setup.paths)
    }

    static func outsiders(partition: String, account: String) -> [MatrixPrincipal] {
        let admin = [SimPolicy.administratorAccess]
        return [
            MatrixPrincipal(principal: SimPrincipal(label: "another role in the account (*:*)", arn: "arn:\(partition):iam::\(account):role/any-other-role",
                                                    identityPolicies: admin), kind: .otherInAccount, objectKey: "sample.csv", listPrefix: nil),
            MatrixPrincipal(principal: SimPrincipal(label: "a role in another account (*:*)", arn: "arn:\(partition):iam::999999999999:role/outsider",
                                                    identityPolicies: admin), kind: .otherAccount, objectKey: "sample.csv", listPrefix: nil),
            MatrixPrincipal(principal: .anonymous, kind: .anonymous, objectKey: "sample.csv", listPrefix: nil),
        ]
    }

    /// Plain HTTP is refused to everyone; TLS 1.2 is refused when the minimum is 1.3 and otherwise decided exactly as
    /// TLS 1.3 is (S3 itself refuses TLS below 1.2).
    func tlsIntent(_ check: IntentChecker) -> IntentResult {
        let requires13 = transport.minimumTls == .v1_3
        let statement = requires13 ? "Plain HTTP and TLS 1.2 are refused to everyone (TLS 1.3 required)"
                                   : "Plain HTTP is refused to everyone; TLS 1.2 is treated as TLS 1.3"
        return check.intent(.tlsOnly, statement) { who, action, path in
            guard action.isS3 else { return nil }
            switch path {
            case .plainHttp: return false
            case .tls12: return requires13 ? false : check.allowed(who, action, .endpoint)
            default: return nil
            }
        }
    }

    /// What the answers promise, as expectations on cells (nil: no expectation for that cell).
    /// Where a data role reaches its data: through the endpoint, or (access-points mode) through its own access point.
    var dataPath: NetworkPath { usesAccessPoints ? .ownAccessPoint : .endpoint }

    func intents(_ check: IntentChecker) -> [IntentResult] {
        let outsidePaths: Set<NetworkPath> = [.internet, .otherVpc, .accessPointFromInternet]
        let dataPath = self.dataPath
        func granted(_ access: AccessLevel, _ action: AccessAction) -> Bool? {
            switch action {
            case .read, .list: return access.reads
            case .write: return access.writes
            case .writeCustomerKey: return false
            case .delete: return access.deletes
            default: return nil
            }
        }
        var results = [
            check.intent(.onlyListedRoles, "Only the data roles touch the data: nobody else reads, writes, deletes or lists objects (deployers may list)") { who, action, _ in
                guard !who.isDataRole else { return nil }
                if case let .serviceRole(reads) = who.kind { return action == .list || (action == .read && reads) ? nil : (action.isObjectData ? false : nil) }
                if action == .list { return who.kind == .deployer ? nil : false }
                return action.isObjectData ? false : nil
            },
            check.intent(.rolesHaveTheirAccess, usesAccessPoints ? "Each data role can do exactly its access level through its own access point"
                                                                : "Each data role can do exactly its access level through the endpoint") { who, action, path in
                guard path == dataPath, case let .dataRole(access) = who.kind else { return nil }
                return granted(access, action)
            },
            check.intent(.noRoleExceedsItsAccess, "No data role exceeds its level, even with AdministratorAccess, and none changes the bucket policy") { who, action, path in
                guard case let .dataRoleWithAdministratorAccess(access) = who.kind else { return nil }
                if action == .changeBucketPolicy || action == .deleteBucketPolicy { return false }
                guard path == dataPath, let expected = granted(access, action) else { return nil }
                return expected ? nil : false
            },
            check.intent(.nothingOutsideTheVpc, "Nothing reaches the data from outside the VPC; only the deployers manage the bucket from outside") { who, action, path in
                guard outsidePaths.contains(path), action.isS3 else { return nil }
                if who.kind == .deployer { return action.isObjectData ? false : nil }
                if case let .serviceRole(reads) = who.kind { return action == .list || (action == .read && reads) ? nil : false }
                return false
            },
            check.intent(.awsServicesOnlyForChosenRoles, "Through AWS services from outside the VPC, only roles with via_aws_services reach the data, within their level") { who, action, path in
                guard path == .viaAwsService, action.isS3 else { return nil }
                if who.viaAwsServices, let access = who.access {
                    if action == .changeBucketPolicy || action == .deleteBucketPolicy { return false }
                    let expected = granted(access, action)
                    if case .dataRole = who.kind { return expected }
                    return expected == false ? false : nil
                }
                if who.kind == .deployer { return action.isObjectData ? false : nil }
                if case let .serviceRole(reads) = who.kind { return action == .list || (action == .read && reads) ? nil : false }
                return false
            },
            tlsIntent(check),
            check.intent(.noCustomerKeys, "Nobody uploads with a customer-provided key (SSE-C), on any path") { _, action, _ in
                action == .writeCustomerKey ? false : nil
            },
            check.intent(.deployersCanManage, "The deployers can still manage the bucket (and the key) from outside the VPC") { who, action, path in
                guard who.kind == .deployer, path == .internet else { return nil }
                switch action {
                case .list, .changeBucketPolicy: return true
                case .changeKeyPolicy, .scheduleKeyDeletion: return managesKeyPolicy ? true : nil
                default: return nil
                }
            },
        ]
        if usesAccessPoints {
            results.append(check.intent(.dataOnlyThroughOwnAccessPoint, "Data roles reach the data only through their own access point: not the bucket directly, not another team's access point, not from outside the VPC") { who, action, path in
                guard who.isDataRole, action.isObjectData || action == .list, path != .ownAccessPoint, path != .viaAwsService else { return nil }
                return false
            })
        }
        if managesKeyPolicy {
            results.append(check.intent(.keyAdminsCannotDecrypt, "Key administrators and deployers manage the key but cannot decrypt") { who, action, _ in
                guard who.kind == .keyAdministrator || who.kind == .deployer else { return nil }
                return action == .decryptDirectly || action == .read ? false : nil
            })
            if !keyAdministration.iamDelegation {
                results.append(check.intent(.keyStaysWithItsAdmins, "Nobody else can use the key directly, change its policy or delete it") { who, action, _ in
                    guard who.kind != .keyAdministrator, who.kind != .deployer else { return nil }
                    return [.decryptDirectly, .changeKeyPolicy, .scheduleKeyDeletion].contains(action) ? false : nil
                })
            }
        }
        return results
    }

    /// The trail bucket: CloudTrail, for this trail only, and the deployers write and delete log files; nobody else,
    /// whatever their IAM policies (every other principal has AdministratorAccess here).
    func trailBucketIntent(_ evaluator: PolicyEvaluator, principals: [MatrixPrincipal], resolve: (Ref) -> String) -> IntentResult {
        let account = resolve(.accountId)
        let object = "\(resolve(.trailBucketArn))/AWSLogs/\(account)/CloudTrail/\(basics.region)/2026/11/29/trail.json.gz"
        let tls: [String: [String]] = ["aws:SecureTransport": ["true"], "s3:TlsVersion": ["1.3"], "aws:ViaAWSService": ["false"]]
        func request(_ who: SimPrincipal, _ action: String, _ extra: [String: [String]]) -> SimRequest {
            SimRequest(principal: who, action: action, resource: object, context: tls.merging(extra) { $1 })
        }
        let delivery = ["s3:x-amz-acl": ["bucket-owner-full-control"], "aws:PrincipalIsAWSService": ["true"], "aws:SourceAccount": [account]]
        let cloudTrail = SimPrincipal.service("cloudtrail.amazonaws.com", label: "CloudTrail")
        var cases: [(label: String, request: SimRequest, expected: Bool, field: FieldPath?)] = [
            ("CloudTrail delivering for this trail", request(cloudTrail, "s3:PutObject", delivery.merging(["aws:SourceArn": [resolve(.trailArn)]]) { $1 }), true, nil),
            ("CloudTrail delivering for another trail", request(cloudTrail, "s3:PutObject",
                delivery.merging(["aws:SourceArn": ["arn:\(partition.rawValue):cloudtrail:\(basics.region):999999999999:trail/another"]]) { $1 }), false, nil),
        ]
        for who in principals where !who.principal.isAnonymous {
            let deployer = who.kind == .deployer
            if case .dataRole = who.kind { continue }
            for action in ["s3:PutObject", "s3:DeleteObject"] {
                cases.append(("\(who.principal.label) \(action)", request(who.principal, action, ["aws:PrincipalIsAWSService": ["false"]]), deployer, who.field))
            }
        }
        cases.append(("anonymous s3:PutObject", request(.anonymous, "s3:PutObject", ["aws:PrincipalIsAWSService": ["false"]]), false, nil))
        var violations: [IntentViolation] = []
        for c in cases {
            let decision = evaluator.s3(c.request, viaEndpoint: false)
            guard decision.allowed != c.expected else { continue }
            violations.append(IntentViolation("\(c.label) on the trail bucket \(decision.allowed ? "is allowed" : "is denied") — \(decision.reasons.joined(separator: "; "))",
                                              field: c.field ?? IntentID.trailBucketWriters.field))
        }
        return IntentResult(id: .trailBucketWriters, statement: "Only CloudTrail (for this trail) and the deployers write or delete the trail's log files", violations: violations)
    }

    /// With the bucket policy deleted, the RCP alone still keeps everyone but the data roles off the objects and
    /// off the bucket policy, and the data roles inside the VPC, over TLS.
    /// The cells the guardrail intent has expectations on (the others are not evaluated a second time).
    static func guardrailLooksAt(_ who: MatrixPrincipal, _ action: AccessAction) -> Bool {
        if case .serviceRole = who.kind { return false }
        return action.isObjectData || action == .changeBucketPolicy || action == .deleteBucketPolicy
    }

    func guardrailIntent(_ check: IntentChecker) -> IntentResult {
        check.intent(.guardrailWithoutBucketPolicy, "With the bucket policy deleted, the RCP alone keeps the data closed: only the data roles, only through the VPC, only over TLS; only the deployers set the bucket policy") { who, action, path in
            guard Plan.guardrailLooksAt(who, action) else { return nil }
            if action == .changeBucketPolicy || action == .deleteBucketPolicy { return who.kind == .deployer ? nil : false }
            guard action.isObjectData else { return nil }
            guard who.isDataRole else { return false }
            switch path {
            case .internet, .otherVpc, .plainHttp, .accessPointFromInternet: return false
            case .viaAwsService: return who.viaAwsServices ? nil : false
            case .endpoint, .tls12, .ownAccessPoint, .otherAccessPoint: return nil
            }
        }
    }
}
