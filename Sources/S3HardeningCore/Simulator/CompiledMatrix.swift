// The access matrix's evaluator: the same decisions as `SimulationSetup.decide` (the reference, which builds a
// `SimRequest` with its own context dictionary for every request and walks every statement of every policy), from
// the policies compiled once per matrix. What a compiled statement keeps is what the reference would find on every
// request: which of the matrix's actions it names, which principals it names (decided once per principal, so a
// row sees only its own statements), and its conditions keyed by a number into a context array, not a string.
// The decision rules themselves are `PolicyEvaluator`'s (`s3Decision`, `kmsDecision`), shared with the reference.
// A cell's KMS calls do not depend on the network path: they are decided once per principal, not once per path.
// `CompiledMatrixTests` holds the two evaluations to the same cells on every preset and on mutated plans.

/// The requests the matrix sends, numbered: a compiled statement knows, for each, whether its actions name it.
enum MatrixRequestAction: Int, CaseIterable {
    case getObject, putObject, deleteObject, listBucket, putBucketPolicy, deleteBucketPolicy
    case decrypt, generateDataKey, putKeyPolicy, scheduleKeyDeletion

    var name: String {
        switch self {
        case .getObject: "s3:GetObject"
        case .putObject: "s3:PutObject"
        case .deleteObject: "s3:DeleteObject"
        case .listBucket: "s3:ListBucket"
        case .putBucketPolicy: "s3:PutBucketPolicy"
        case .deleteBucketPolicy: "s3:DeleteBucketPolicy"
        case .decrypt: "kms:Decrypt"
        case .generateDataKey: "kms:GenerateDataKey"
        case .putKeyPolicy: "kms:PutKeyPolicy"
        case .scheduleKeyDeletion: "kms:ScheduleKeyDeletion"
        }
    }

    private static let lowercasedNames = allCases.map { $0.name.lowercased() }
    /// Actions are case-insensitive: statements keep theirs lowercased, and compare lowercased requests.
    var lowercasedName: String { Self.lowercasedNames[rawValue] }
}

struct CompiledMatrix {
    /// A request context: each condition key the policies test, by its number (nil: not in the request).
    typealias Context = [[String]?]

    /// A statement with what the reference finds on every request worked out once.
    struct Statement {
        /// Its number among every statement the matrix compiled (the resource memo's row).
        let id: Int
        let source: SimStatement
        let file: String
        /// By `MatrixRequestAction`: whether Action/NotAction let the request through.
        let actions: [Bool]
        let conditions: [Condition]
    }
    typealias Condition = (op: ConditionOperator, key: Int, values: [String])

    /// A statement as one row (principal) sees it: only if its principal element names the row's principal (and
    /// how); its resources decided on each resource the row's requests name (by `Row.resources` slot); its
    /// conditions on keys whose value is the same in every request of the row decided once (a false one drops the
    /// statement from the row, a true one drops the condition).
    struct Named {
        let source: SimStatement
        let file: String
        let match: SimStatement.PrincipalMatch
        let actions: [Bool]
        let resources: [Bool]
        let conditions: [Condition]

        /// `SimStatement.appliesTo`, for one of the matrix's actions, a resource slot and a numbered context.
        func applies(_ action: MatrixRequestAction, _ resource: Int, _ context: Context) -> Bool {
            guard actions[action.rawValue], resources[resource] else { return false }
            for test in conditions where !test.op.evaluate(policyValues: test.values, requestValues: context[test.key]) { return false }
            return true
        }
    }

    /// The resources a row's requests name, by slot: the object, the bucket, the key, then per access point its
    /// object and itself.
    static let objectSlot = 0, bucketSlot = 1, keySlot = 2

    /// One principal's statements, layer by layer, in policy order, and its contexts by path.
    struct Row {
        let who: MatrixPrincipal
        let identity: [Named]
        let bucket: [Named]
        let endpoint: [Named]
        let key: [Named]
        /// The RCP's Deny statements (none for a service-linked role, which RCPs do not reach).
        let guardrail: [Named]
        /// By path index: the access point the path goes through, with its policy's statements and the slots of
        /// the object and the bucket seen through it.
        let accessPoints: [(point: SimAccessPoint, statements: [Named], object: Int, bucket: Int)?]
        /// By path index: the path's context with the principal's keys (and the access point's).
        let contexts: [Context]
        let kmsThroughS3: Context
        let kmsDirect: Context
    }

    let setup: SimulationSetup
    let paths: [NetworkPath]
    private let rows: [Row]
    /// By path index: `aws:SourceVpc` in the path's context (the access point's network origin compares it).
    private let sourceVpcs: [[String]?]
    private let keyAccount: String?
    /// The numbers of the keys the cells add per action (nil: no policy tests it, so it need not be set).
    private let encryptionKey, encryptionKeyId, customerAlgorithm, prefixKey: Int?

    init(_ setup: SimulationSetup) {
        self.setup = setup
        let paths = setup.paths
        self.paths = paths
        let evaluator = setup.evaluator
        var keys: [String: Int] = [:]
        var statementCount = 0
        func compile(_ policy: SimPolicy?) -> [Statement] {
            guard let policy else { return [] }
            return policy.statements.map { s in
                statementCount += 1
                return Statement(id: statementCount - 1, source: s, file: policy.name,
                          actions: MatrixRequestAction.allCases.map { action in
                              let name = action.lowercasedName
                              if let actions = s.actions, !actions.contains(where: { $0.matches(name) }) { return false }
                              if let notActions = s.notActions, notActions.contains(where: { $0.matches(name) }) { return false }
                              return true
                          },
                          conditions: s.conditions.map { test in
                              let key: Int
                              if let known = keys[test.key] { key = known } else { key = keys.count; keys[test.key] = key }
                              return (test.op, key, test.values)
                          })
            }
        }
        let bucket = compile(evaluator.bucketPolicy), endpoint = compile(evaluator.endpointPolicy)
        let keyPolicy = compile(evaluator.keyPolicy), rcp = compile(evaluator.resourceControlPolicy).filter { !$0.source.allow }
        let accessPoints: [(point: SimAccessPoint, statements: [Statement])] = setup.accessPoints.map { ($0, compile($0.policy)) }
        let identities = setup.principals.map { $0.principal.identityPolicies.flatMap(compile) }
        let encryptionKey = keys["s3:x-amz-server-side-encryption"], encryptionKeyId = keys["s3:x-amz-server-side-encryption-aws-kms-key-id"]
        let customerAlgorithm = keys["s3:x-amz-server-side-encryption-customer-algorithm"], prefixKey = keys["s3:prefix"]
        (self.encryptionKey, self.encryptionKeyId, self.customerAlgorithm, self.prefixKey) = (encryptionKey, encryptionKeyId, customerAlgorithm, prefixKey)

        func numbered(_ context: [String: [String]], _ principal: SimPrincipal) -> Context {
            var numbered = Context(repeating: nil, count: keys.count)
            for (key, value) in context { if let i = keys[key.lowercased()] { numbered[i] = value } }
            // As `SimRequest` adds them: unless the context has them already.
            if let arn = principal.arn {
                if let i = keys["aws:principalarn"], numbered[i] == nil { numbered[i] = [arn] }
                if let account = principal.account, let i = keys["aws:principalaccount"], numbered[i] == nil { numbered[i] = [account] }
            }
            return numbered
        }
        let pathContexts = paths.map(setup.context)
        sourceVpcs = pathContexts.map { $0["aws:sourcevpc"] }
        let perAction = Set([encryptionKey, encryptionKeyId, customerAlgorithm, prefixKey].compactMap { $0 })
        // Whether a statement's Resource/NotResource admits a resource depends on neither the row nor the path:
        // decided once per statement and resource (at 50 teams every row names the same bucket, key and access
        // points, and matching them against each access point policy's patterns row by row was 84 M instructions).
        var resourceIDs: [String: Int] = [:]
        var admitted: [[UInt8]] = Array(repeating: [], count: statementCount)  // by statement, resource: 0 unknown, 1 no, 2 yes
        func admits(_ s: Statement, _ resource: Int, _ text: String) -> Bool {
            if admitted[s.id].count <= resource { admitted[s.id] += repeatElement(0, count: resourceIDs.count - admitted[s.id].count) }
            if admitted[s.id][resource] != 0 { return admitted[s.id][resource] == 2 }
            var result = true
            if let list = s.source.resources, !list.contains(where: { $0.matches(text) }) { result = false }
            if result, let list = s.source.notResources, list.contains(where: { $0.matches(text) }) { result = false }
            admitted[s.id][resource] = result ? 2 : 1
            return result
        }
        rows = zip(setup.principals, identities).map { who, identity in
            let principal = who.principal
            let own = accessPoints.firstIndex { $0.point.role == who.accessPointRole }
            let chosen: [(point: SimAccessPoint, statements: [Statement])?] = paths.map { path in
                guard path.throughAccessPoint, !accessPoints.isEmpty else { return nil }
                return path == .otherAccessPoint ? accessPoints[own.map { ($0 + 1) % accessPoints.count } ?? accessPoints.count - 1]
                                                 : accessPoints[own ?? 0]
            }
            let objectArn = "\(setup.bucketArn)/\(who.objectKey)"
            var resources = [objectArn, setup.bucketArn, setup.keyArn]
            let slots: [(object: Int, bucket: Int)?] = chosen.map { through in
                guard let through else { return nil }
                resources += [setup.accessPointResource(objectArn, through: through.point), setup.accessPointResource(setup.bucketArn, through: through.point)]
                return (resources.count - 2, resources.count - 1)
            }
            let resourceID = resources.map { text in
                if let id = resourceIDs[text] { return id }
                resourceIDs[text] = resourceIDs.count
                return resourceIDs.count - 1
            }
            let contexts: [Context] = zip(pathContexts, chosen).map { context, through in
                var context = context
                if let through { setup.addAccessPointKeys(through.point, to: &context) }
                return numbered(context, principal)
            }
            let kmsThroughS3 = numbered(setup.kmsThroughS3Context(who, objectArn: objectArn), principal)
            let kmsDirect = numbered(setup.kmsDirectContext(who), principal)
            let every = contexts + [kmsThroughS3, kmsDirect]
            // By key: whether every request of the row has the same value there (the per-action keys never do).
            let constant = (0..<every[0].count).map { key in !perAction.contains(key) && every.allSatisfy { $0[key] == every[0][key] } }
            func named(_ statements: [Statement], resourcePolicy: Bool) -> [Named] {
                statements.compactMap { s in
                    let match = s.source.principalMatch(principal, resourcePolicy: resourcePolicy)
                    guard match != .none else { return nil }
                    var conditions: [Condition] = []
                    for test in s.conditions {
                        guard constant[test.key] else { conditions.append(test); continue }
                        if !test.op.evaluate(policyValues: test.values, requestValues: every[0][test.key]) { return nil }
                    }
                    let matches = zip(resourceID, resources).map { id, text in admits(s, id, text) }
                    guard matches.contains(true) else { return nil }
                    return Named(source: s.source, file: s.file, match: match, actions: s.actions, resources: matches, conditions: conditions)
                }
            }
            return Row(who: who, identity: named(identity, resourcePolicy: false),
                       bucket: named(bucket, resourcePolicy: true), endpoint: named(endpoint, resourcePolicy: true),
                       key: named(keyPolicy, resourcePolicy: true),
                       guardrail: principal.isServiceLinkedRole ? [] : named(rcp, resourcePolicy: true),
                       accessPoints: zip(chosen, slots).map { through, slot in
                           guard let through, let slot else { return nil }
                           return (through.point, named(through.statements, resourcePolicy: true), slot.object, slot.bucket)
                       },
                       contexts: contexts, kmsThroughS3: kmsThroughS3, kmsDirect: kmsDirect)
        }
        keyAccount = PolicyEvaluator.keyAccount(setup.keyArn) ?? evaluator.resourceAccount
    }

    private func hits(_ layer: [Named], _ action: MatrixRequestAction, _ resource: Int, _ context: Context) -> [PolicyEvaluator.Hit] {
        var hits: [PolicyEvaluator.Hit] = []
        // By index: iterating by value copies each statement (five references retained and released).
        for i in layer.indices where layer[i].applies(action, resource, context) {
            hits.append((layer[i].source, layer[i].file, layer[i].match))
        }
        return hits
    }

    private func s3(_ row: Row, _ layer: [Named], _ action: MatrixRequestAction, _ resource: Int, _ context: Context,
                    viaEndpoint: Bool) -> Decision {
        setup.evaluator.s3Decision(row.who.principal, action: action.name, lowercasedAction: action.lowercasedName,
                                   identity: hits(row.identity, action, resource, context), bucket: hits(layer, action, resource, context),
                                   endpoint: viaEndpoint ? hits(row.endpoint, action, resource, context) : [],
                                   guardrail: hits(row.guardrail, action, resource, context), viaEndpoint: viaEndpoint)
    }

    private func kms(_ row: Row, _ action: MatrixRequestAction, _ context: Context) -> Decision {
        guard let keyPolicy = setup.evaluator.keyPolicy else { return .deny(["no key policy given: KMS not evaluated"]) }
        let key = Self.keySlot
        return setup.evaluator.kmsDecision(row.who.principal, action: action.name, lowercasedAction: action.lowercasedName,
                                           keyAccount: keyAccount, keyPolicyName: keyPolicy.name,
                                           identity: hits(row.identity, action, key, context), key: hits(row.key, action, key, context),
                                           guardrail: hits(row.guardrail, action, key, context))
    }

    /// A row's KMS decisions, each made when a cell first needs it.
    private struct KMSDecisions {
        /// By action and whether S3 calls for the principal (`kmsThroughS3`) or the principal calls KMS itself.
        var known: [Int: Decision] = [:]
    }

    /// `SimulationSetup.decide`, step for step.
    private func decide(_ row: Row, _ action: AccessAction, _ pathIndex: Int, _ memo: inout KMSDecisions) -> Decision {
        let path = paths[pathIndex]
        let who = row.who
        var context = row.contexts[pathIndex]
        let viaEndpoint = SimulationSetup.arrivesViaEndpoint(path)
        let through = row.accessPoints[pathIndex]
        func s3(_ name: MatrixRequestAction, _ resource: Int) -> Decision {
            guard let through else { return self.s3(row, row.bucket, name, resource, context, viaEndpoint: viaEndpoint) }
            if sourceVpcs[pathIndex] != [through.point.vpcId] { return SimulationSetup.outsideNetworkOrigin(through.point) }
            let apResource = resource == Self.objectSlot ? through.object : through.bucket
            return PolicyEvaluator.throughAccessPoint(self.s3(row, through.statements, name, apResource, context, viaEndpoint: viaEndpoint),
                                                      self.s3(row, row.bucket, name, resource, context, viaEndpoint: viaEndpoint))
        }
        func kmsOnce(_ name: MatrixRequestAction, direct: Bool) -> Decision {
            guard !who.principal.isAnonymous else { return direct ? SimulationSetup.anonymousKMS : SimulationSetup.anonymousThroughS3 }
            let slot = name.rawValue * 2 + (direct ? 1 : 0)
            if let known = memo.known[slot] { return known }
            let decision = kms(row, name, direct ? row.kmsDirect : row.kmsThroughS3)
            memo.known[slot] = decision
            return decision
        }
        func throughS3(_ name: MatrixRequestAction) -> Decision { kmsOnce(name, direct: false) }
        func direct(_ name: MatrixRequestAction) -> Decision { kmsOnce(name, direct: true) }
        func set(_ key: Int?, _ value: String) { if let key { context[key] = [value] } }
        switch action {
        case .read:
            let atS3 = s3(.getObject, Self.objectSlot)
            return setup.combine(atS3, atS3.allowed ? throughS3(.decrypt) : nil)
        case .write:
            set(encryptionKey, "aws:kms")
            set(encryptionKeyId, setup.keyArn)
            let atS3 = s3(.putObject, Self.objectSlot)
            return setup.combine(atS3, atS3.allowed ? throughS3(.generateDataKey) : nil)
        case .writeCustomerKey:
            set(customerAlgorithm, "AES256")
            return s3(.putObject, Self.objectSlot)
        case .delete: return s3(.deleteObject, Self.objectSlot)
        case .list:
            if let prefix = who.listPrefix { set(prefixKey, prefix) }
            return s3(.listBucket, Self.bucketSlot)
        case .changeBucketPolicy, .deleteBucketPolicy:
            if through != nil { return SimulationSetup.noBucketPolicyThroughAccessPoint }
            return s3(action == .changeBucketPolicy ? .putBucketPolicy : .deleteBucketPolicy, Self.bucketSlot)
        case .decryptDirectly: return direct(.decrypt)
        case .changeKeyPolicy: return direct(.putKeyPolicy)
        case .scheduleKeyDeletion: return direct(.scheduleKeyDeletion)
        }
    }

    /// Every cell `include` asks for, in the reference's order: principal, path, action.
    func cells(where include: (MatrixPrincipal, AccessAction) -> Bool) -> [AccessCell] {
        var cells: [AccessCell] = []
        cells.reserveCapacity(rows.count * AccessAction.allCases.count * paths.count)
        for row in rows {
            var memo = KMSDecisions()
            for (pathIndex, path) in paths.enumerated() {
                for action in AccessAction.allCases where include(row.who, action) {
                    cells.append(AccessCell(principal: row.who.principal.label, action: action, path: path,
                                            decision: decide(row, action, pathIndex, &memo)))
                }
            }
        }
        return cells
    }
}
