// When a value other values were built from changes — the account id in every ARN, the service or environment in
// every name — the values built from the old one go stale without a word, and the plan quietly breaks (a deployer
// in the old account is refused). A follow-up lists them with their updated values, for the user to accept.

/// Values that still name what an edit replaced, with what they would become.
public struct FollowUp: Equatable, Sendable {
    public struct Change: Equatable, Sendable {
        public let path: FieldPath
        public let old: String
        public let new: String
    }

    /// "3 values still name account 111122223333"
    public let summary: String
    public let changes: [Change]
    /// The plan with every change made.
    public let updated: Plan
}

extension Plan {
    /// What still names the account, service or environment that `old` had and this plan changed, or nil.
    public func followUp(since old: Plan) -> FollowUp? {
        var updated = self
        var changes: [FollowUp.Change] = []
        var subjects: [String] = []

        func rewrite(_ path: FieldPath, _ value: inout String, _ replace: (String) -> String) {
            let new = replace(value)
            guard new != value else { return }
            changes.append(FollowUp.Change(path: path, old: value, new: new))
            value = new
        }
        func rewriteAll(_ replace: (String) -> String) {
            // ARNs and names a user (or the example) wrote out in full; defaults derived from the names follow on their own.
            for i in updated.keyAdministration.adminRoleArns.indices {
                rewrite(FieldPath(\.keyAdministration.adminRoleArns, i), &updated.keyAdministration.adminRoleArns[i], replace)
            }
            for i in updated.keyAdministration.deployerArns.indices {
                rewrite(FieldPath(\.keyAdministration.deployerArns, i), &updated.keyAdministration.deployerArns[i], replace)
            }
            for i in updated.dataAccess.roles.indices {
                if var arn = updated.dataAccess.roles[i].arn {
                    rewrite(FieldPath(\.dataAccess.roles, i, \DataRole.arn), &arn, replace)
                    updated.dataAccess.roles[i].arn = arn
                }
                if var name = updated.dataAccess.roles[i].roleName {
                    rewrite(FieldPath(\.dataAccess.roles, i, \DataRole.roleName), &name, replace)
                    updated.dataAccess.roles[i].roleName = name
                }
            }
            func optional(_ keyPath: WritableKeyPath<Plan, String?>) {
                guard var value = updated[keyPath: keyPath] else { return }
                rewrite(FieldPath(keyPath), &value, replace)
                updated[keyPath: keyPath] = value
            }
            optional(\.encryption.existingKeyArn)
            optional(\.protections.replicationKeyArn)
            optional(\.basics.bucketName)
            optional(\.encryption.alias)
            optional(\.protections.logBucketName)
            optional(\.workload.functionName)
        }

        if let from = old.basics.accountId, let to = basics.accountId, from != to,
           Patterns.matches(from, Patterns.accountId), Patterns.matches(to, Patterns.accountId) {
            // The account field of an ARN sits between the fourth and fifth colon.
            rewriteAll { $0.replacingAll(":\(from):", with: ":\(to):") }
            if !changes.isEmpty { subjects.append("account \(from)") }
        }
        for (from, to, what) in [(old.basics.service, basics.service, "service"), (old.basics.environment, basics.environment, "environment")]
        where from != to && !from.isEmpty && !to.isEmpty {
            let before = changes.count
            rewriteAll { $0.replacingToken(from, with: to) }
            if changes.count > before { subjects.append("\(what) \(from)") }
        }
        if changes.isEmpty, let offer = accessPointsOffer(since: old) { return offer }
        guard !changes.isEmpty else { return nil }
        let count = changes.count == 1 ? "1 value still names" : "\(changes.count) values still name"
        return FollowUp(summary: "\(count) \(subjects.joined(separator: " and "))", changes: changes, updated: updated)
    }
}

extension Plan {
    /// The bucket policy's compact size as AWS counts it (placeholders at their longest), as `validate` checks it.
    public var bucketPolicySize: Int {
        var renderer = JSONRenderer(References(self))
        let text = renderer.render(bucketPolicy.tree)
        return text.utf8.count - renderer.layoutWhitespace + renderer.placeholderGrowth
    }

    /// An edit that pushes a bucket-policy-mode plan over the bucket policy's 20,480 characters: offer the mode whose
    /// bucket policy does not grow with the roles (access points), once, when the edit crosses the limit.
    func accessPointsOffer(since old: Plan) -> FollowUp? {
        guard dataAccess.mode == .bucketPolicy, old.dataAccess != dataAccess || old.basics != basics else { return nil }
        let size = bucketPolicySize
        guard size > 20_480, old.bucketPolicySize <= 20_480 else { return nil }
        var updated = self
        updated.dataAccess.mode = .accessPoints
        for i in updated.dataAccess.roles.indices { updated.dataAccess.roles[i].viaAwsServices = false }
        var changes = [FollowUp.Change(path: FieldPath(\.dataAccess.mode), old: DataAccessMode.bucketPolicy.rawValue, new: DataAccessMode.accessPoints.rawValue)]
        for (i, role) in dataAccess.roles.enumerated() where role.viaAwsServices {
            // A VPC-only access point cannot serve AWS services calling from the AWS network.
            changes.append(FollowUp.Change(path: FieldPath(\.dataAccess.roles, i, \.viaAwsServices), old: "true", new: "false"))
        }
        return FollowUp(summary: "the bucket policy would be \(size) characters (AWS allows 20480): one access point per role instead", changes: changes, updated: updated)
    }
}

extension String {
    /// Every occurrence replaced (standard library only: the core's hot paths avoid Foundation's string bridging).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    /// Occurrences of `token` that are whole words of a name (bounded by `-`, `_`, `/`, `:`, `.` or the ends),
    /// so renaming the environment `prod` leaves `production-archive` alone.
    func replacingToken(_ token: String, with replacement: String) -> String {
        guard !token.isEmpty, contains(token) else { return self }
        let separators: Set<Character> = ["-", "_", "/", ":", "."]
        var result = ""
        var rest = self[...]
        var previous: Character? = nil
        while let range = rest.firstRange(of: token) {
            let before = range.lowerBound == rest.startIndex ? previous : rest[rest.index(before: range.lowerBound)]
            let after = range.upperBound == rest.endIndex ? nil : rest[range.upperBound]
            let bounded = (before.map(separators.contains) ?? true) && (after.map(separators.contains) ?? true)
            result += rest[..<range.lowerBound]
            result += bounded ? replacement : String(rest[range])
            previous = rest[rest.index(before: range.upperBound)]
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
