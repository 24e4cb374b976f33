// Who can do what to the data, from where: every principal × action × network path, each cell decided
// by the evaluator and traced to its statements, and the plan's intents checked against the cells.

public enum AccessAction: String, CaseIterable, Sendable {
    case read, write
    /// s3:PutObject sending a customer-provided key (SSE-C) instead of the KMS headers.
    case writeCustomerKey = "write-sse-c"
    case delete, list
    case changeBucketPolicy = "change-bucket-policy"
    case deleteBucketPolicy = "delete-bucket-policy"
    case decryptDirectly = "decrypt-directly"
    case changeKeyPolicy = "change-key-policy"
    case scheduleKeyDeletion = "schedule-key-deletion"

    /// Column heading for text tables.
    public var short: String {
        switch self {
        case .read: "read"
        case .write: "write"
        case .writeCustomerKey: "sse-c"
        case .delete: "delete"
        case .list: "list"
        case .changeBucketPolicy: "put-pol"
        case .deleteBucketPolicy: "del-pol"
        case .decryptDirectly: "decrypt"
        case .changeKeyPolicy: "key-pol"
        case .scheduleKeyDeletion: "key-del"
        }
    }

    /// A code of at most three letters for narrow tables, explained by `legend`.
    public var code: String {
        switch self {
        case .read: "R"
        case .write: "W"
        case .writeCustomerKey: "C"
        case .delete: "D"
        case .list: "L"
        case .changeBucketPolicy: "BP"
        case .deleteBucketPolicy: "BD"
        case .decryptDirectly: "K"
        case .changeKeyPolicy: "KP"
        case .scheduleKeyDeletion: "KD"
        }
    }

    /// What each code means, in column order.
    public static var legend: String {
        "R read · W write · C SSE-C write · D delete · L list · BP/BD put/delete bucket policy · K decrypt · "
            + "KP put the key policy · KD schedule key deletion"
    }

    var isObjectData: Bool { self == .read || self == .write || self == .writeCustomerKey || self == .delete }
    var isS3: Bool { ![.decryptDirectly, .changeKeyPolicy, .scheduleKeyDeletion].contains(self) }
}

public enum NetworkPath: String, CaseIterable, Sendable {
    case endpoint = "via-endpoint"
    case internet
    case otherVpc = "other-vpc"
    case plainHttp = "plain-http"
    /// TLS 1.2: S3 refuses anything older itself (since February 2024), so this is the path a 1.3 minimum denies.
    case tls12 = "tls-1.2"
    /// An AWS service (Athena, Glue) calling S3 for the principal, from the AWS network.
    case viaAwsService = "via-aws-service"
    /// access-points mode: through the principal's own access point (a data role's; the first one for anyone
    /// else), from the VPC through the endpoint; through another team's access point; and through its own from the internet.
    case ownAccessPoint = "own-access-point"
    case otherAccessPoint = "other-access-point"
    case accessPointFromInternet = "access-point-internet"

    /// The paths every plan is simulated on (requests addressed to the bucket itself).
    public static let bucketPaths: [NetworkPath] = [.endpoint, .internet, .otherVpc, .plainHttp, .tls12, .viaAwsService]
    /// The paths of a plan in access-points mode: the bucket's, then the access points'.
    public static let withAccessPoints: [NetworkPath] = bucketPaths + [.ownAccessPoint, .otherAccessPoint, .accessPointFromInternet]

    var throughAccessPoint: Bool { self == .ownAccessPoint || self == .otherAccessPoint || self == .accessPointFromInternet }

    /// A tab label for narrow terminals.
    public var short: String {
        switch self {
        case .endpoint: "endpoint"
        case .internet: "internet"
        case .otherVpc: "other-vpc"
        case .plainHttp: "http"
        case .tls12: "tls1.2"
        case .viaAwsService: "aws-svc"
        case .ownAccessPoint: "own-ap"
        case .otherAccessPoint: "other-ap"
        case .accessPointFromInternet: "ap-inet"
        }
    }

    public var title: String {
        switch self {
        case .endpoint: "through the VPC endpoint, TLS 1.3"
        case .internet: "from the internet, TLS 1.3"
        case .otherVpc: "from another VPC's endpoint, TLS 1.3"
        case .plainHttp: "through the VPC endpoint, plain HTTP"
        case .tls12: "through the VPC endpoint, TLS 1.2"
        case .viaAwsService: "through an AWS service (Athena, Glue) for the caller"
        case .ownAccessPoint: "through its own access point, from the VPC endpoint, TLS 1.3"
        case .otherAccessPoint: "through another team's access point, from the VPC endpoint, TLS 1.3"
        case .accessPointFromInternet: "through its own access point, from the internet, TLS 1.3"
        }
    }
}

/// A row of the matrix: who, and what the intents expect of them.
public struct MatrixPrincipal: Sendable {
    public enum Kind: Sendable, Equatable {
        /// A data role as generated (only its own identity policy).
        case dataRole(AccessLevel)
        /// The same role with AdministratorAccess attached: resource policies alone must keep it to its level.
        case dataRoleWithAdministratorAccess(AccessLevel)
        case keyAdministrator, deployer, otherInAccount, otherAccount, anonymous
        /// A service role that works from the AWS network: S3 replication (reads only what it replicates, never
        /// GetObject) or Macie (reads objects to classify them). Neither writes, deletes or changes policies.
        case serviceRole(readsObjects: Bool)
    }
    public let principal: SimPrincipal
    public let kind: Kind
    /// The object key it reads and writes, and the listing prefix (inside its prefixes, for a data role).
    let objectKey: String
    let listPrefix: String?
    /// The role may reach the data through AWS services from outside the VPC (via_aws_services).
    var viaAwsServices = false
    /// The answers field that names this principal (`key_administration.deployer_arns[0]`), if any.
    var field: FieldPath? = nil
    /// access-points mode: the data role whose access point is this principal's own (nil: not a data role).
    var accessPointRole: String? = nil

    var isDataRole: Bool {
        switch kind { case .dataRole, .dataRoleWithAdministratorAccess: true; default: false }
    }
    var access: AccessLevel? {
        switch kind { case let .dataRole(a), let .dataRoleWithAdministratorAccess(a): a; default: nil }
    }
}

public struct AccessCell: Sendable {
    public let principal: String
    public let action: AccessAction
    public let path: NetworkPath
    public let decision: Decision
}

/// What a plan promises about access, each checked on every cell of the matrix.
public enum IntentID: String, CaseIterable, Sendable, CustomStringConvertible {
    case onlyListedRoles = "only-listed-roles"
    case rolesHaveTheirAccess = "roles-have-their-access"
    case noRoleExceedsItsAccess = "no-role-exceeds-its-access"
    case nothingOutsideTheVpc = "nothing-outside-the-vpc"
    case awsServicesOnlyForChosenRoles = "aws-services-only-for-chosen-roles"
    case tlsOnly = "tls-only"
    case noCustomerKeys = "no-customer-keys"
    case deployersCanManage = "deployers-can-manage"
    case keyAdminsCannotDecrypt = "key-admins-cannot-decrypt"
    case keyStaysWithItsAdmins = "key-stays-with-its-admins"
    case trailBucketWriters = "trail-bucket-writers"
    case guardrailWithoutBucketPolicy = "guardrail-without-bucket-policy"
    case dataOnlyThroughOwnAccessPoint = "data-only-through-own-access-point"

    public var description: String { rawValue }

    /// The answers field a violation is blamed on when the request's principal is not one the answers name
    /// (another role in the account, anonymous): the answer that decides the intent.
    public var field: FieldPath {
        switch self {
        case .onlyListedRoles, .rolesHaveTheirAccess, .noRoleExceedsItsAccess, .awsServicesOnlyForChosenRoles: FieldPath(\.dataAccess.roles)
        case .nothingOutsideTheVpc: FieldPath(\.network.condition)
        case .tlsOnly: FieldPath(\.transport.minimumTls)
        case .noCustomerKeys: FieldPath(\.encryption.uploadEnforcement)
        case .deployersCanManage: FieldPath(\.keyAdministration.deployerArns)
        case .keyAdminsCannotDecrypt: FieldPath(\.keyAdministration.adminRoleArns)
        case .keyStaysWithItsAdmins: FieldPath(\.keyAdministration.iamDelegation)
        case .trailBucketWriters: FieldPath(\.protections.auditTrail)
        case .guardrailWithoutBucketPolicy: FieldPath(\.organization.resourceControlPolicy)
        case .dataOnlyThroughOwnAccessPoint: FieldPath(\.dataAccess.mode)
        }
    }
}

/// One request that an intent expected the other way: what happened, and the answers field that causes it.
public struct IntentViolation: Sendable, Equatable, CustomStringConvertible {
    public let text: String
    public let field: FieldPath
    public init(_ text: String, field: FieldPath) { self.text = text; self.field = field }
    public var description: String { text }
}

public struct IntentResult: Sendable {
    public let id: IntentID
    public let statement: String
    public let violations: [IntentViolation]
    public var holds: Bool { violations.isEmpty }
    public init(id: IntentID, statement: String, violations: [IntentViolation]) {
        self.id = id; self.statement = statement; self.violations = violations
    }
}

public struct AccessMatrix: Sendable {
    public let principals: [String]
    public let cells: [AccessCell]
    public let intents: [IntentResult]
    /// Facts the reader must know to trust the matrix (assumptions, what was not evaluated).
    public let notes: [String]
    /// The network paths simulated, in order (the access points' only in access-points mode).
    public let paths: [NetworkPath]

    /// Cell positions by principal, path and action, in one flat table (−1: no such cell): the text report looks
    /// up every cell (a linear search each was quadratic, a third of `simulate` with twelve roles; a dictionary keyed
    /// by the principal's label hashed the label twice per cell, 27 M instructions at 50 teams).
    private let positions: [Int]
    let principalNumbers: [String: Int]

    public init(principals: [String], cells: [AccessCell], intents: [IntentResult], notes: [String], paths: [NetworkPath] = NetworkPath.bucketPaths) {
        self.principals = principals; self.cells = cells; self.intents = intents; self.notes = notes; self.paths = paths
        var numbers: [String: Int] = [:]
        for (i, principal) in principals.enumerated() where numbers[principal] == nil { numbers[principal] = i }
        principalNumbers = numbers
        var positions = [Int](repeating: -1, count: principals.count * paths.count * AccessAction.allCases.count)
        // The cells come principal by principal: look the label up when it changes, not per cell.
        var last: (label: String, number: Int?)? = nil
        for (i, cell) in cells.enumerated() {
            if last?.label != cell.principal { last = (cell.principal, numbers[cell.principal]) }
            guard let principal = last?.number, let slot = Self.slot(principal, cell.action, cell.path, paths) else { continue }
            if positions[slot] < 0 { positions[slot] = i }
        }
        self.positions = positions
    }

    private static func slot(_ principal: Int, _ action: AccessAction, _ path: NetworkPath, _ paths: [NetworkPath]) -> Int? {
        guard let pathNumber = paths.firstIndex(of: path), let actionNumber = AccessAction.allCases.firstIndex(of: action) else { return nil }
        return (principal * paths.count + pathNumber) * AccessAction.allCases.count + actionNumber
    }

    public func cell(_ principal: String, _ action: AccessAction, _ path: NetworkPath) -> AccessCell? {
        principalNumbers[principal].flatMap { cell($0, action, path) }
    }

    /// The cell of `principals[principal]`.
    func cell(_ principal: Int, _ action: AccessAction, _ path: NetworkPath) -> AccessCell? {
        guard let slot = Self.slot(principal, action, path, paths), positions[slot] >= 0 else { return nil }
        return cells[positions[slot]]
    }
    public var brokenIntents: [IntentResult] { intents.filter { !$0.holds } }
}

/// An access point in front of the bucket (access-points mode): its ARN, its VPC network origin and its policy.
public struct SimAccessPoint: Sendable {
    public let role: String
    public let arn: String
    public let vpcId: String
    public let policy: SimPolicy
    public init(role: String, arn: String, vpcId: String, policy: SimPolicy) {
        self.role = role; self.arn = arn; self.vpcId = vpcId; self.policy = policy
    }
}

/// Everything needed to decide the cells: the policies and the concrete values of the setup.
public struct SimulationSetup: Sendable {
    public var evaluator: PolicyEvaluator
    public let bucketArn: String
    public let keyArn: String
    public let region: String
    public let dnsSuffix: String
    public let endpointId: String
    public let vpcId: String
    public let bucketKey: Bool
    public let principals: [MatrixPrincipal]
    /// access-points mode: one per data role, in the roles' order.
    public var accessPoints: [SimAccessPoint] = []
    public var account = ""

    var paths: [NetworkPath] { accessPoints.isEmpty ? NetworkPath.bucketPaths : NetworkPath.withAccessPoints }

    static let otherEndpoint = "vpce-0ffffffffffffffff"
    static let otherVpc = "vpc-0ffffffffffffffff"

    /// The request context of a path, keys lowercased (condition keys are case-insensitive).
    func context(_ path: NetworkPath) -> [String: [String]] {
        var lowered: [String: [String]] = [:]
        for (key, value) in rawContext(path) { lowered[key.lowercased()] = value }
        return lowered
    }

    private func rawContext(_ path: NetworkPath) -> [String: [String]] {
        var c: [String: [String]] = ["aws:RequestedRegion": [region], "aws:ViaAWSService": ["false"], "aws:PrincipalIsAWSService": ["false"]]
        switch path {
        case .endpoint, .plainHttp, .tls12, .ownAccessPoint, .otherAccessPoint:
            c["aws:SourceVpce"] = [endpointId]
            c["aws:SourceVpc"] = [vpcId]
        case .otherVpc:
            c["aws:SourceVpce"] = [Self.otherEndpoint]
            c["aws:SourceVpc"] = [Self.otherVpc]
        case .internet, .accessPointFromInternet:
            c["aws:SourceIp"] = ["203.0.113.10"]
        case .viaAwsService:
            c["aws:ViaAWSService"] = ["true"]
            c["aws:CalledVia"] = ["athena.amazonaws.com"]
        }
        switch path {
        case .plainHttp: c["aws:SecureTransport"] = ["false"]
        case .tls12: c["aws:SecureTransport"] = ["true"]; c["s3:TlsVersion"] = ["1.2"]
        default: c["aws:SecureTransport"] = ["true"]; c["s3:TlsVersion"] = ["1.3"]
        }
        return c
    }

    /// The KMS call S3 makes for the caller when it reads or writes an SSE-KMS object.
    private func kmsThroughS3(_ who: MatrixPrincipal, action: String, objectArn: String) -> Decision {
        guard !who.principal.isAnonymous else { return Self.anonymousThroughS3 }
        return evaluator.kms(SimRequest(principal: who.principal, action: action, resource: keyArn, context: kmsThroughS3Context(who, objectArn: objectArn)))
    }

    static let anonymousThroughS3 = Decision.deny(["anonymous requests cannot use a customer-managed KMS key"])
    static let anonymousKMS = Decision.deny(["anonymous requests cannot call KMS"])

    /// The context of the KMS call S3 makes for the caller (the same on every network path).
    func kmsThroughS3Context(_ who: MatrixPrincipal, objectArn: String) -> [String: [String]] {
        var context: [String: [String]] = [
            "kms:ViaService": ["s3.\(region).\(dnsSuffix)"], "aws:ViaAWSService": ["true"], "aws:SecureTransport": ["true"],
            // Always in the request context: false for an IAM principal, even when a service calls for it.
            "aws:PrincipalIsAWSService": ["false"],
            "kms:EncryptionContext:aws:s3:arn": [bucketKey ? bucketArn : objectArn],
        ]
        if let account = who.principal.account { context["kms:CallerAccount"] = [account] }
        return context
    }

    private func kmsDirect(_ who: MatrixPrincipal, action: String) -> Decision {
        guard !who.principal.isAnonymous else { return Self.anonymousKMS }
        return evaluator.kms(SimRequest(principal: who.principal, action: action, resource: keyArn, context: kmsDirectContext(who)))
    }

    /// The context of a call to KMS itself (the same on every network path).
    func kmsDirectContext(_ who: MatrixPrincipal) -> [String: [String]] {
        var context: [String: [String]] = ["aws:SecureTransport": ["true"], "aws:ViaAWSService": ["false"], "aws:PrincipalIsAWSService": ["false"],
                                           "kms:EncryptionContext:aws:s3:arn": [bucketArn]]
        if let account = who.principal.account { context["kms:CallerAccount"] = [account] }
        return context
    }

    /// Both steps of a read or write: S3 must allow it, then KMS (when a key policy is known).
    func combine(_ s3: Decision, _ kms: Decision?) -> Decision {
        guard s3.allowed, let kms else { return s3 }
        if evaluator.keyPolicy == nil { return .allow(s3.reasons + ["KMS not evaluated: no key policy given"]) }
        return kms.allowed ? .allow(s3.reasons + kms.reasons) : .deny(kms.reasons)
    }

    /// The access point a path goes through: the principal's own (the first for a principal without one), or
    /// another team's (the next role's; the last for a principal without one).
    func accessPoint(_ who: MatrixPrincipal, _ path: NetworkPath) -> SimAccessPoint? {
        guard path.throughAccessPoint, !accessPoints.isEmpty else { return nil }
        let own = accessPoints.firstIndex { $0.role == who.accessPointRole }
        if path == .otherAccessPoint { return accessPoints[own.map { ($0 + 1) % accessPoints.count } ?? accessPoints.count - 1] }
        return accessPoints[own ?? 0]
    }

    static func outsideNetworkOrigin(_ through: SimAccessPoint) -> Decision {
        .deny(["access point \(through.arn) has a VPC network origin (\(through.vpcId)): S3 rejects requests from anywhere else"])
    }
    static let noBucketPolicyThroughAccessPoint = Decision.deny(["an access point serves object operations and listings, not the bucket's policy"])

    /// The object key a principal's requests name, and its path inside an access point (`AP/object/KEY`; the
    /// bucket itself is the access point itself).
    func accessPointResource(_ resource: String, through: SimAccessPoint) -> String {
        let key = resource == bucketArn ? "" : String(resource.dropFirst(bucketArn.count + 1))
        return key.isEmpty && resource == bucketArn ? through.arn : "\(through.arn)/object/\(key)"
    }

    /// A request through an access point carries these keys, to the access point's policy and to the bucket's
    /// (Amazon S3 User Guide, "Configuring IAM policies for using access points").
    func addAccessPointKeys(_ through: SimAccessPoint, to context: inout [String: [String]]) {
        context["s3:dataaccesspointarn"] = [through.arn]
        context["s3:dataaccesspointaccount"] = [account]
        context["s3:accesspointnetworkorigin"] = ["VPC"]
    }

    /// Whether a path arrives through the gateway endpoint (whose policy must then allow the request).
    static func arrivesViaEndpoint(_ path: NetworkPath) -> Bool {
        path == .endpoint || path == .plainHttp || path == .tls12 || path == .ownAccessPoint || path == .otherAccessPoint
    }

    /// The reference evaluation of one cell: every request built as a `SimRequest` and decided by `PolicyEvaluator`
    /// over the JSON policies. `cells` decides the same with `CompiledMatrix` (`CompiledMatrixTests` compares them).
    func decide(_ who: MatrixPrincipal, _ action: AccessAction, _ path: NetworkPath, context base: [String: [String]]? = nil) -> Decision {
        let objectArn = "\(bucketArn)/\(who.objectKey)"
        var context = base ?? self.context(path)
        let viaEndpoint = Self.arrivesViaEndpoint(path)
        let through = accessPoint(who, path)
        if let through { addAccessPointKeys(through, to: &context) }
        func s3(_ name: String, _ resource: String) -> Decision {
            let bucketRequest = SimRequest(principal: who.principal, action: name, resource: resource, lowercasedContext: context)
            guard let through else { return evaluator.s3(bucketRequest, viaEndpoint: viaEndpoint) }
            let apResource = accessPointResource(resource, through: through)
            if context["aws:sourcevpc"] != [through.vpcId] { return Self.outsideNetworkOrigin(through) }
            let apRequest = SimRequest(principal: who.principal, action: name, resource: apResource, lowercasedContext: context)
            return evaluator.s3(through: through.policy, apRequest, bucketRequest, viaEndpoint: viaEndpoint)
        }
        switch action {
        case .read:
            return combine(s3("s3:GetObject", objectArn), kmsThroughS3(who, action: "kms:Decrypt", objectArn: objectArn))
        case .write:
            // A well-behaved client: it names aws:kms and this key, so every upload-enforcement mode accepts it.
            context["s3:x-amz-server-side-encryption"] = ["aws:kms"]
            context["s3:x-amz-server-side-encryption-aws-kms-key-id"] = [keyArn]
            return combine(s3("s3:PutObject", objectArn), kmsThroughS3(who, action: "kms:GenerateDataKey", objectArn: objectArn))
        case .writeCustomerKey:
            // SSE-C sends the algorithm, the key and its MD5, and no x-amz-server-side-encryption header; S3 calls no KMS.
            context["s3:x-amz-server-side-encryption-customer-algorithm"] = ["AES256"]
            return s3("s3:PutObject", objectArn)
        case .delete: return s3("s3:DeleteObject", objectArn)
        case .list:
            if let prefix = who.listPrefix { context["s3:prefix"] = [prefix] }
            return s3("s3:ListBucket", bucketArn)
        case .changeBucketPolicy, .deleteBucketPolicy:
            if through != nil { return Self.noBucketPolicyThroughAccessPoint }
            return s3(action == .changeBucketPolicy ? "s3:PutBucketPolicy" : "s3:DeleteBucketPolicy", bucketArn)
        case .decryptDirectly: return kmsDirect(who, action: "kms:Decrypt")
        case .changeKeyPolicy: return kmsDirect(who, action: "kms:PutKeyPolicy")
        case .scheduleKeyDeletion: return kmsDirect(who, action: "kms:ScheduleKeyDeletion")
        }
    }

    /// How cells are decided: `CompiledMatrix` (every caller), or the reference `decide` it is tested against.
    enum Evaluation { case compiled, reference }

    /// Every cell, or only those `include` asks for (an intent that looks at a few columns need not pay for the rest).
    public func cells(where include: (MatrixPrincipal, AccessAction) -> Bool = { _, _ in true }) -> [AccessCell] {
        cells(.compiled, where: include)
    }

    func cells(_ evaluation: Evaluation, where include: (MatrixPrincipal, AccessAction) -> Bool = { _, _ in true }) -> [AccessCell] {
        if evaluation == .compiled { return CompiledMatrix(self).cells(where: include) }
        var cells: [AccessCell] = []
        let paths = self.paths
        cells.reserveCapacity(principals.count * AccessAction.allCases.count * paths.count)
        let contexts = paths.map(context)
        for who in principals {
            for (path, context) in zip(paths, contexts) {
                for action in AccessAction.allCases where include(who, action) {
                    cells.append(AccessCell(principal: who.principal.label, action: action, path: path,
                                            decision: decide(who, action, path, context: context)))
                }
            }
        }
        return cells
    }
}

/// Builds intent results: each expectation that does not hold becomes a violation naming the cell and why.
struct IntentChecker {
    let principals: [MatrixPrincipal]
    /// The cells by principal label, path and action, in one flat array: every intent looks at every cell, and
    /// building a string key for each look-up was most of the checking at 50 roles.
    private let decisions: [Decision?]
    private let labels: [String: Int]
    private static let paths = NetworkPath.allCases
    private static let actions = AccessAction.allCases

    init(cells: [AccessCell], principals: [MatrixPrincipal]) {
        var labels: [String: Int] = [:]
        for cell in cells where labels[cell.principal] == nil { labels[cell.principal] = labels.count }
        var decisions = [Decision?](repeating: nil, count: labels.count * Self.paths.count * Self.actions.count)
        for cell in cells { decisions[Self.slot(labels[cell.principal]!, cell.action, cell.path)] = cell.decision }
        self.decisions = decisions
        self.labels = labels
        self.principals = principals
    }

    private static func slot(_ principal: Int, _ action: AccessAction, _ path: NetworkPath) -> Int {
        (principal * paths.count + paths.firstIndex(of: path)!) * actions.count + actions.firstIndex(of: action)!
    }

    private func decision(_ who: MatrixPrincipal, _ action: AccessAction, _ path: NetworkPath) -> Decision? {
        labels[who.principal.label].flatMap { decisions[Self.slot($0, action, path)] }
    }

    /// Whether a cell was allowed, for expectations that follow another cell.
    func allowed(_ who: MatrixPrincipal, _ action: AccessAction, _ path: NetworkPath) -> Bool? {
        decision(who, action, path)?.allowed
    }

    func intent(_ id: IntentID, _ statement: String, _ expectations: (MatrixPrincipal, AccessAction, NetworkPath) -> Bool?) -> IntentResult {
        var violations: [IntentViolation] = []
        for who in principals {
            guard let row = labels[who.principal.label] else { continue }
            for (p, path) in Self.paths.enumerated() {
                for (a, action) in Self.actions.enumerated() {
                    guard let expected = expectations(who, action, path),
                          let decision = decisions[(row * Self.paths.count + p) * Self.actions.count + a],
                          decision.allowed != expected else { continue }
                    let verb = decision.allowed ? "is allowed" : "is denied"
                    violations.append(IntentViolation("\(who.principal.label) \(verb) \(action.rawValue) \(path.title) — \(decision.reasons.joined(separator: "; "))",
                                                      field: who.field ?? id.field))
                }
            }
        }
        return IntentResult(id: id, statement: statement, violations: violations)
    }
}
