/// Policies a user already has (e.g. the source article's), checked against the same intents as a plan:
/// only the listed roles touch the data, nothing from outside the VPC, TLS only.
public struct Audit {
    let bucketPolicy: String
    let endpointPolicy: String?
    let keyPolicy: String?
    /// Roles allowed to touch the data: ARN, identity policy JSON, and the file it came from.
    let roles: [(arn: String, identity: String, name: String)]
    let region: String
    /// Principals that manage the bucket but never touch the data (the caller of a live audit): given
    /// AdministratorAccess, allowed to list and to manage from outside the VPC, as a plan's deployers are.
    let deployers: [String]
    /// Known from a live bucket; otherwise read from the policy's resources and the role ARNs.
    let knownBucketArn: String?
    let knownAccount: String?
    let knownKeyArn: String?

    public init(bucketPolicy: String, endpointPolicy: String?, keyPolicy: String?,
                roles: [(arn: String, identity: String, name: String)], region: String,
                deployers: [String] = [], bucketArn: String? = nil, account: String? = nil, keyArn: String? = nil) {
        self.bucketPolicy = bucketPolicy
        self.endpointPolicy = endpointPolicy
        self.keyPolicy = keyPolicy
        self.roles = roles
        self.region = region
        self.deployers = deployers
        self.knownBucketArn = bucketArn
        self.knownAccount = account
        self.knownKeyArn = keyArn
    }

    /// Every string value in a JSON document, with the key it sits under (case-folded), depth first.
    static func values(_ json: String) -> [(key: String, value: String)] {
        guard let object = JSONValue.parse(json) else { return [] }
        var out: [(String, String)] = []
        func walk(_ node: JSONValue, _ key: String) {
            switch node {
            case let .string(s): out.append((key, s))
            case let .array(list): list.forEach { walk($0, key) }
            case let .object(dict): for k in dict.keys.sorted() { walk(dict[k]!, k.lowercased()) }
            case .null, .bool, .number: break
            }
        }
        walk(object, "")
        return out
    }

    public func accessMatrix() throws(SimulationError) -> AccessMatrix {
        let bucket = try SimPolicy(name: "bucket-policy", json: bucketPolicy)
        let found = Self.values(bucketPolicy)
        guard let resource = knownBucketArn ?? found.first(where: { ($0.key == "resource" || $0.key == "notresource") && $0.value.contains(":s3:::") })?.value else {
            throw SimulationError("bucket-policy: no arn:…:s3:::BUCKET resource to tell which bucket it protects")
        }
        let bucketArn = String(resource.split(separator: "/", maxSplits: 1)[0])
        let partition = String(bucketArn.split(separator: ":")[1])
        let account = knownAccount ?? roles.compactMap { SimPrincipal(label: "", arn: $0.arn).account }.first ?? "123456789012"
        let endpointId = found.first { $0.key == "aws:sourcevpce" }?.value
        let vpcId = found.first { $0.key == "aws:sourcevpc" }?.value ?? "vpc-0a0a0a0a0a0a0a0a0"
        let evaluator = PolicyEvaluator(bucketPolicy: bucket,
                                        endpointPolicy: try endpointPolicy.map { json throws(SimulationError) in try SimPolicy(name: "endpoint-policy", json: json) },
                                        keyPolicy: try keyPolicy.map { json throws(SimulationError) in try SimPolicy(name: "key-policy", json: json) },
                                        resourceAccount: account)
        var principals: [MatrixPrincipal] = []
        for role in roles {
            let identity = try SimPolicy(name: role.name, json: role.identity)
            let label = "role " + String(role.arn.split(separator: "/").last ?? Substring(role.arn))
            principals.append(MatrixPrincipal(principal: SimPrincipal(label: label, arn: role.arn, identityPolicies: [identity]),
                                              kind: .dataRole(.readWriteDelete), objectKey: "sample.csv", listPrefix: nil))
        }
        for arn in deployers {
            let label = "deployer " + String(arn.split(separator: "/").last ?? Substring(arn))
            principals.append(MatrixPrincipal(principal: SimPrincipal(label: label, arn: arn, identityPolicies: [.administratorAccess]),
                                              kind: .deployer, objectKey: "sample.csv", listPrefix: nil))
        }
        principals += Plan.outsiders(partition: partition, account: account)
        let setup = SimulationSetup(evaluator: evaluator, bucketArn: bucketArn,
                                    keyArn: knownKeyArn ?? "arn:\(partition):kms:\(region):\(account):key/0a1b2c3d-0000-4000-8000-000000000001",
                                    region: region, dnsSuffix: Partition(region: region).dnsSuffix,
                                    endpointId: endpointId ?? "vpce-0a0a0a0a0a0a0a0a0", vpcId: vpcId, bucketKey: true, principals: principals)
        let cells = setup.cells()
        let check = IntentChecker(cells: cells, principals: principals)
        var intents = [
            check.intent(.onlyListedRoles, "Only the listed roles touch the data: nobody else reads, writes, deletes or lists objects") { who, action, _ in
                guard !who.isDataRole else { return nil }
                if action == .list, who.kind == .deployer { return nil }
                return action.isObjectData || action == .list ? false : nil
            },
            // S3 refuses TLS below 1.2 itself; whether TLS 1.2 is refused depends on the policy's own minimum.
            check.intent(.tlsOnly, "Plain HTTP is refused to everyone") { _, action, path in
                path == .plainHttp && action.isS3 ? false : nil
            },
        ]
        if endpointId != nil {
            intents.insert(check.intent(.nothingOutsideTheVpc, "Nothing reaches the data or the bucket policy from outside the VPC (the deployers manage the bucket from outside)") { who, action, path in
                guard path == .internet || path == .otherVpc, action.isS3 else { return nil }
                return who.kind == .deployer && !action.isObjectData ? nil : false
            }, at: 1)
        }
        let source = knownAccount == nil ? "from the role ARNs" : "as read"
        var notes = ["Principals other than the listed roles are given AdministratorAccess (*:*): the resource policies alone must stop them.",
                     "The bucket is \(bucketArn) in account \(account) (\(source)), region \(region)."]
        if endpointId == nil { notes.append("The bucket policy names no aws:SourceVpce, so the VPC intent is not checked.") }
        if keyPolicy == nil { notes.append("No key policy given: reads and writes are judged by S3 alone (KMS not evaluated).") }
        if endpointPolicy == nil { notes.append("No endpoint policy given: requests through the endpoint are judged by the bucket and identity policies.") }
        return AccessMatrix(principals: principals.map(\.principal.label), cells: cells, intents: intents, notes: notes)
    }
}
