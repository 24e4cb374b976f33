
// What a live bucket looks like today, read through the AWS CLI. Every value is checked whole before it is
// kept or passed to the next call: the CLI's output is untrusted input like an answers file.

/// One fact as read: its value, not configured, or unknown because the call was denied or failed.
public enum Reading<T: Sendable>: Sendable {
    case value(T)
    case absent
    case unknown(ReadCall, String)

    public var value: T? { if case let .value(v) = self { v } else { nil } }
}

public struct LiveEncryption: Sendable, Equatable {
    public let algorithm: String
    public let keyId: String?
    public let bucketKey: Bool
    /// blocked_encryption_types contains SSE-C.
    public let blocksCustomerKeys: Bool
}

public struct LiveKey: Sendable {
    public let arn: String
    /// CUSTOMER or AWS (the aws/s3 key).
    public let manager: String
    public let state: String
    public let policy: Reading<String>
    public let rotation: Reading<Bool>
    public let aliases: Reading<[String]>
}

public struct LiveEndpoint: Sendable, Equatable {
    public let id: String
    public let vpcId: String
    public let serviceName: String
    public let policy: String?
    public let routeTableIds: [String]
}

public struct LiveBucket: Sendable {
    public let bucket: String
    public let account: String
    /// The caller as STS returned it, and as the IAM ARN a policy would name (assumed-role sessions become the role).
    public let callerArn: String
    public let callerPrincipalArn: String
    public let region: String
    public let partition: String
    public let policy: Reading<String>
    public let encryption: Reading<LiveEncryption>
    /// The four Block Public Access flags (BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets).
    public let publicAccessBlock: Reading<[String: Bool]>
    public let ownership: Reading<String>
    /// "Enabled", "Suspended", or absent (never enabled).
    public let versioning: Reading<String>
    public let lifecycle: Reading<(abortsUploads: Bool, expiresNoncurrent: Bool)>
    public let loggingTarget: Reading<String>
    public let objectLock: Reading<String>
    public let eventBridge: Reading<Bool>
    public let replicationRules: Reading<Int>
    public let key: Reading<LiveKey>
    public let endpoints: Reading<[LiveEndpoint]>
    /// Route tables of the endpoints (ids that exist).
    public let routeTables: Reading<[String]>
    /// Role ARNs the policies name, and whether IAM knows each.
    public let roles: [(arn: String, exists: Reading<Bool>)]

    public var bucketArn: String { "arn:\(partition):s3:::\(bucket)" }

    /// The settings that are configured today (each its own resource in the AWS provider).
    public var configuredSettings: [BucketSetting] {
        BucketSetting.allCases.filter { configured($0) == true }
    }

    /// The settings whose call was denied or failed.
    public var unknownSettings: [BucketSetting] { BucketSetting.allCases.filter { configured($0) == nil } }

    /// Whether a setting is configured; nil when it could not be read.
    func configured(_ setting: BucketSetting) -> Bool? {
        func known<T>(_ r: Reading<T>, _ test: (T) -> Bool) -> Bool? {
            switch r {
            case let .value(v): test(v)
            case .absent: false
            case .unknown: nil
            }
        }
        switch setting {
        case .policy: return known(policy) { _ in true }
        case .encryption: return known(encryption) { _ in true }
        case .publicAccessBlock: return known(publicAccessBlock) { _ in true }
        case .ownershipControls: return known(ownership) { _ in true }
        case .versioning: return known(versioning) { $0 == "Enabled" || $0 == "Suspended" }
        case .lifecycle: return known(lifecycle) { _ in true }
        case .logging: return known(loggingTarget) { !$0.isEmpty }
        // Only EventBridge delivery is read; a bucket that notifies SNS or SQS alone is not imported, and the
        // plan's notification resource replaces that configuration either way (PutBucketNotificationConfiguration).
        case .notification: return known(eventBridge) { $0 }
        case .objectLock: return known(objectLock) { !$0.isEmpty }
        case .replication: return known(replicationRules) { $0 > 0 }
        }
    }

    /// Every call that was denied or failed, once each: the controls it feeds are "unknown".
    public var unreadable: [(call: ReadCall, why: String)] {
        var out: [(ReadCall, String)] = []
        func add<T>(_ r: Reading<T>) { if case let .unknown(call, why) = r, !out.contains(where: { $0.0 == call }) { out.append((call, why)) } }
        add(policy); add(encryption); add(publicAccessBlock); add(ownership); add(versioning); add(lifecycle); add(loggingTarget)
        add(objectLock); add(eventBridge); add(replicationRules); add(key); add(endpoints); add(routeTables)
        if let key = key.value { add(key.policy); add(key.rotation); add(key.aliases) }
        for role in roles { add(role.exists) }
        return out
    }
}

/// Reads one bucket and what its policies name, in a fixed order of read-only calls.
public struct BucketReader: Sendable {
    let cli: AWSCLI
    public init(cli: AWSCLI) { self.cli = cli }

    public func read(bucket: String) throws(AWSFault) -> LiveBucket {
        guard Patterns.matches(bucket, Patterns.bucketNameShape), !bucket.contains("..") else {
            throw .failed(.bucketLocation, "\(bucket.debugDescription) is not an S3 bucket name")
        }
        let identity = try cli.call(.callerIdentity) ?? [:]
        guard let account = identity["Account"]?.string, Patterns.matches(account, Patterns.accountId),
              let callerArn = identity["Arn"]?.string, Patterns.matches(callerArn, Patterns.callerArn) else {
            throw .failed(.callerIdentity, "the output has no valid Account and Arn")
        }
        let partition = String(callerArn.split(separator: ":")[1])
        // The bucket must be the caller's account's: S3 answers 403 to a request whose expected owner differs.
        let location: [String: JSONValue]
        do {
            location = try cli.call(.bucketLocation, ["--bucket", bucket, "--expected-bucket-owner", account]) ?? [:]
        } catch {
            switch error {
            case .bucketMissing: throw .bucketMissing(bucket)
            case .accessDenied: throw .failed(.bucketLocation, "bucket \(bucket) is not in account \(account) (the credentials' account), or the caller lacks s3:GetBucketLocation: audit with credentials of the bucket's own account")
            default: throw error
            }
        }
        let region = try Self.region(location["LocationConstraint"])
        // The bucket's ten settings are independent: read them at once (each call is a CLI process of its own).
        let bucketArgs = ["--bucket", bucket, "--expected-bucket-owner", account]
        let settings: [ReadCall] = [.bucketPolicy, .bucketEncryption, .publicAccessBlock, .ownershipControls, .versioning,
                                    .lifecycle, .logging, .objectLock, .notifications, .replication]
        let fetched = Dictionary(uniqueKeysWithValues: zip(settings, cli.callAll(settings.map { ($0, bucketArgs) }, region: region)))
        func s3<T>(_ call: ReadCall, _ parse: ([String: JSONValue]) throws(AWSFault) -> T) throws(AWSFault) -> Reading<T> {
            try reading(call, bucketArgs, fetched[call]!, parse)
        }
        let policy: Reading<String> = try s3(.bucketPolicy) { json throws(AWSFault) in
            guard let text = json["Policy"]?.string else { throw .failed(.bucketPolicy, "no Policy string in the output") }
            return text
        }
        let encryption: Reading<LiveEncryption> = try s3(.bucketEncryption) { json throws(AWSFault) in
            let rules = json["ServerSideEncryptionConfiguration"]?["Rules"]?.objects ?? []
            guard let rule = rules.first, let by = rule["ApplyServerSideEncryptionByDefault"]?.object,
                  let algorithm = by["SSEAlgorithm"]?.string, ["AES256", "aws:kms", "aws:kms:dsse"].contains(algorithm) else {
                throw .failed(.bucketEncryption, "no default encryption rule with a known SSEAlgorithm")
            }
            let keyId = by["KMSMasterKeyID"]?.string
            if let keyId, !Self.isKeyReference(keyId) { throw .failed(.bucketEncryption, "KMSMasterKeyID \(keyId.debugDescription) is not a key id, key ARN or alias") }
            let blocked = rule["BlockedEncryptionTypes"]?["EncryptionType"]?.strings ?? []
            return LiveEncryption(algorithm: algorithm, keyId: keyId, bucketKey: rule["BucketKeyEnabled"]?.bool ?? false,
                                  blocksCustomerKeys: blocked.contains("SSE-C"))
        }
        let publicAccessBlock: Reading<[String: Bool]> = try s3(.publicAccessBlock) { json in
            let flags = json["PublicAccessBlockConfiguration"]?.object ?? [:]
            var out: [String: Bool] = [:]
            for name in ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"] { out[name] = flags[name]?.bool ?? false }
            return out
        }
        let ownership: Reading<String> = try s3(.ownershipControls) { json throws(AWSFault) in
            let rules = json["OwnershipControls"]?["Rules"]?.objects ?? []
            guard let value = rules.first?["ObjectOwnership"]?.string,
                  ["BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter"].contains(value) else {
                throw .failed(.ownershipControls, "no known ObjectOwnership rule")
            }
            return value
        }
        let versioning: Reading<String> = try s3(.versioning) { json in
            json["Status"]?.string.flatMap { ["Enabled", "Suspended"].contains($0) ? $0 : nil } ?? "never enabled"
        }
        let lifecycle: Reading<(abortsUploads: Bool, expiresNoncurrent: Bool)> = try s3(.lifecycle) { json in
            let rules = (json["Rules"]?.objects ?? []).filter { $0["Status"]?.string == "Enabled" }
            return (rules.contains { $0["AbortIncompleteMultipartUpload"] != nil }, rules.contains { $0["NoncurrentVersionExpiration"] != nil })
        }
        let logging: Reading<String> = try s3(.logging) { json in
            json["LoggingEnabled"]?["TargetBucket"]?.string.flatMap { Patterns.matches($0, Patterns.bucketNameShape) ? $0 : nil } ?? ""
        }
        let objectLock: Reading<String> = try s3(.objectLock) { json in
            let config = json["ObjectLockConfiguration"]?.object ?? [:]
            guard config["ObjectLockEnabled"]?.string == "Enabled" else { return "" }
            let retention = config["Rule"]?["DefaultRetention"]?.object ?? [:]
            let mode = retention["Mode"]?.string.flatMap { ["GOVERNANCE", "COMPLIANCE"].contains($0) ? $0 : nil } ?? "no default retention"
            return mode
        }
        let eventBridge: Reading<Bool> = try s3(.notifications) { json in json["EventBridgeConfiguration"] != nil }
        let replication: Reading<Int> = try s3(.replication) { json in
            json["ReplicationConfiguration"]?["Rules"]?.array?.count ?? 0
        }
        let policyText = policy.value
        let keyReading = try readKey(encryption.value?.keyId, region: region)
        let (endpoints, routeTables) = try readEndpoints(policies: [policyText, keyReading.value?.policy.value].compactMap { $0 }, region: region)
        var named: [String] = []
        for text in [policyText, keyReading.value?.policy.value].compactMap({ $0 }) + (endpoints.value ?? []).compactMap(\.policy) {
            for arn in Self.roleArns(in: text, account: account) where !named.contains(arn) { named.append(arn) }
        }
        var roles: [(arn: String, exists: Reading<Bool>)] = []
        for arn in named {
            let name = String(arn.split(separator: "/").last!)
            let exists: Reading<Bool> = try attempt(.role, ["--role-name", name], region: region) { _ in true }
            if case .absent = exists { roles.append((arn, .value(false))) } else { roles.append((arn, exists)) }
        }
        return LiveBucket(bucket: bucket, account: account, callerArn: callerArn, callerPrincipalArn: Self.principalArn(callerArn),
                          region: region, partition: partition, policy: policy, encryption: encryption,
                          publicAccessBlock: publicAccessBlock, ownership: ownership, versioning: versioning, lifecycle: lifecycle,
                          loggingTarget: logging, objectLock: objectLock, eventBridge: eventBridge, replicationRules: replication,
                          key: keyReading, endpoints: endpoints, routeTables: routeTables, roles: roles)
    }

    /// A call whose denial or failure leaves one fact unknown; fatal faults (credentials, throttling) end the audit.
    func attempt<T>(_ call: ReadCall, _ extra: [String], region: String, _ parse: ([String: JSONValue]) throws(AWSFault) -> T) throws(AWSFault) -> Reading<T> {
        let result: Result<[String: JSONValue]?, AWSFault>
        do { result = .success(try cli.call(call, extra, region: region)) } catch { result = .failure(error) }
        return try reading(call, extra, result, parse)
    }

    func reading<T>(_ call: ReadCall, _ extra: [String], _ result: Result<[String: JSONValue]?, AWSFault>,
                    _ parse: ([String: JSONValue]) throws(AWSFault) -> T) throws(AWSFault) -> Reading<T> {
        do {
            guard let json = try result.get() else { return .absent }
            return .value(try parse(json))
        } catch {
            switch error {
            case .bucketMissing: throw .bucketMissing(extra.count > 1 ? extra[1] : "")
            case .accessDenied: return .unknown(call, "denied: needs \(call.permission)")
            case let .failed(_, why): return .unknown(call, "failed: \(why)")
            default: throw error
            }
        }
    }

    private func readKey(_ keyId: String?, region: String) throws(AWSFault) -> Reading<LiveKey> {
        guard let keyId else { return .absent }
        // A key named by its alias or id lives in the bucket's region; an ARN says where it is.
        let keyRegion = keyId.hasPrefix("arn:") ? String(keyId.split(separator: ":")[3]) : region
        let described: Reading<(arn: String, id: String, manager: String, state: String)> = try attempt(.describeKey, ["--key-id", keyId], region: keyRegion) { json throws(AWSFault) in
            let meta = json["KeyMetadata"]?.object ?? [:]
            guard let arn = meta["Arn"]?.string, Patterns.matches(arn, Patterns.keyArn), let id = meta["KeyId"]?.string,
                  Patterns.matches(id, Patterns.bareKeyId) else {
                throw .failed(.describeKey, "no valid key Arn and KeyId in the output")
            }
            let manager = meta["KeyManager"]?.string.flatMap { ["CUSTOMER", "AWS"].contains($0) ? $0 : nil } ?? "unknown"
            let state = meta["KeyState"]?.string.flatMap { Patterns.matches($0, Patterns.keyState) ? $0 : nil } ?? "unknown"
            return (arn, id, manager, state)
        }
        switch described {
        case .absent: return .absent
        case let .unknown(call, why): return .unknown(call, why)
        case let .value(key):
            let policy: Reading<String> = try attempt(.keyPolicy, ["--key-id", key.arn, "--policy-name", "default"], region: keyRegion) { json throws(AWSFault) in
                guard let text = json["Policy"]?.string else { throw .failed(.keyPolicy, "no Policy string in the output") }
                return text
            }
            let rotation: Reading<Bool> = try attempt(.keyRotation, ["--key-id", key.arn], region: keyRegion) { json in json["KeyRotationEnabled"]?.bool ?? false }
            let aliases: Reading<[String]> = try attempt(.aliases, ["--key-id", key.id], region: keyRegion) { json in
                (json["Aliases"]?.objects ?? []).compactMap { $0["AliasName"]?.string }.filter { Patterns.matches($0, Patterns.keyAlias) }
            }
            return .value(LiveKey(arn: key.arn, manager: key.manager, state: key.state, policy: policy, rotation: rotation, aliases: aliases))
        }
    }

    /// The S3 gateway endpoints the policies name (aws:SourceVpce), or those of the VPCs they name (aws:SourceVpc).
    private func readEndpoints(policies: [String], region: String) throws(AWSFault) -> (Reading<[LiveEndpoint]>, Reading<[String]>) {
        var endpointIds: [String] = [], vpcIds: [String] = []
        for text in policies {
            for (key, value) in Audit.values(text) {
                if key == "aws:sourcevpce", Patterns.matches(value, Patterns.endpointId), !endpointIds.contains(value) { endpointIds.append(value) }
                if key == "aws:sourcevpc", Patterns.matches(value, Patterns.vpcId), !vpcIds.contains(value) { vpcIds.append(value) }
            }
        }
        guard !endpointIds.isEmpty || !vpcIds.isEmpty else { return (.absent, .absent) }
        let args = !endpointIds.isEmpty ? ["--vpc-endpoint-ids"] + endpointIds
            : ["--filters", "Name=vpc-id,Values=\(vpcIds.joined(separator: ","))", "Name=vpc-endpoint-type,Values=Gateway"]
        let endpoints: Reading<[LiveEndpoint]> = try attempt(.vpcEndpoints, args, region: region) { json in
            (json["VpcEndpoints"]?.objects ?? []).compactMap { e -> LiveEndpoint? in
                guard let id = e["VpcEndpointId"]?.string, Patterns.matches(id, Patterns.endpointId),
                      let vpc = e["VpcId"]?.string, Patterns.matches(vpc, Patterns.vpcId),
                      let service = e["ServiceName"]?.string, service.hasSuffix(".s3"),
                      // An interface endpoint is not the gateway the plan names (adopting one would replace it).
                      (e["VpcEndpointType"]?.string ?? "Gateway") == "Gateway" else { return nil }
                let tables = (e["RouteTableIds"]?.strings ?? []).filter { Patterns.matches($0, Patterns.routeTableId) }
                return LiveEndpoint(id: id, vpcId: vpc, serviceName: service, policy: e["PolicyDocument"]?.string, routeTableIds: tables)
            }
        }
        let tableIds = (endpoints.value ?? []).flatMap(\.routeTableIds)
        guard !tableIds.isEmpty else { return (endpoints, .absent) }
        let tables: Reading<[String]> = try attempt(.routeTables, ["--route-table-ids"] + tableIds, region: region) { json in
            (json["RouteTables"]?.objects ?? []).compactMap { $0["RouteTableId"]?.string }.filter { Patterns.matches($0, Patterns.routeTableId) }
        }
        return (endpoints, tables)
    }

    /// GetBucketLocation: null for us-east-1, "EU" for the oldest eu-west-1 buckets, otherwise the region.
    static func region(_ constraint: JSONValue?) throws(AWSFault) -> String {
        guard let text = constraint?.string, !text.isEmpty else { return "us-east-1" }
        if text == "EU" { return "eu-west-1" }
        guard Patterns.matches(text, Patterns.region) else { throw .failed(.bucketLocation, "LocationConstraint \(text.debugDescription) is not a region") }
        return text
    }

    static func isKeyReference(_ s: String) -> Bool {
        Patterns.matches(s, Patterns.keyArn) || Patterns.matches(s, Patterns.keyAlias)
            || Patterns.matches(s, Patterns.keyAliasArn)
            || Patterns.matches(s, Patterns.bareKeyId)
    }

    /// Role ARNs of the caller's account named anywhere in a policy (principals and aws:PrincipalArn values), in order.
    static func roleArns(in policy: String, account: String) -> [String] {
        var out: [String] = []
        for (_, value) in Audit.values(policy) where Patterns.matches(value, Patterns.roleArn) && value.split(separator: ":", omittingEmptySubsequences: false)[4] == account {
            if !out.contains(value) { out.append(value) }
        }
        return out
    }

    /// An assumed-role session `arn:aws:sts::A:assumed-role/NAME/SESSION` is the role `arn:aws:iam::A:role/NAME`
    /// (the path is not in the session ARN: a role under a path must be corrected by hand).
    static func principalArn(_ caller: String) -> String {
        let parts = caller.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[2] == "sts" else { return caller }
        // moto answers an IAM user's GetCallerIdentity with an sts ARN; AWS itself with the iam one.
        if parts[5].hasPrefix("user/") { return "arn:\(parts[1]):iam::\(parts[4]):\(parts[5])" }
        guard parts[5].hasPrefix("assumed-role/") else { return caller }
        let name = parts[5].split(separator: "/")[1]
        return "arn:\(parts[1]):iam::\(parts[4]):role/\(name)"
    }
}
