// Field rules and whole-plan checks. Nothing throws: every problem is a diagnostic that names the
// field, so a form can show it under the field and the CLI can print it with the answers-file line.

public struct Diagnostic: Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public let severity: Severity
    public let path: FieldPath
    public let message: String

    public static func error(_ path: String, _ message: String) -> Diagnostic { Diagnostic(severity: .error, path: FieldPath(path), message: message) }
    public static func warning(_ path: String, _ message: String) -> Diagnostic { Diagnostic(severity: .warning, path: FieldPath(path), message: message) }

    public var description: String { "\(severity.rawValue): \(path): \(message)" }
}

extension Array where Element == Diagnostic {
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }
}

/// S3's bucket naming rules in full; nil when the name is valid.
public func bucketNameProblem(_ name: String) -> String? {
    if name.count < 3 || name.count > 63 { return "must be 3 to 63 characters long (is \(name.count))" }
    if !Patterns.matches(name, Patterns.bucketNameCharacters) { return "may hold only lowercase letters, digits, dots and hyphens" }
    if !Patterns.matches(name, Patterns.bucketNameEnds) { return "must begin and end with a letter or digit" }
    if name.contains("..") { return "must not contain two adjacent dots" }
    if Patterns.matches(name, Patterns.ipAddress) { return "must not look like an IP address" }
    for prefix in ["xn--", "sthree-", "amzn-s3-demo-"] where name.hasPrefix(prefix) { return "must not begin with the reserved prefix '\(prefix)'" }
    for suffix in ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"] where name.hasSuffix(suffix) {
        return "must not end with the reserved suffix '\(suffix)'"
    }
    return nil
}

private struct Checker {
    var diagnostics: [Diagnostic] = []
    let plan: Plan

    mutating func error(_ path: String, _ message: String) { diagnostics.append(.error(path, message)) }
    mutating func warning(_ path: String, _ message: String) { diagnostics.append(.warning(path, message)) }

    /// Checks a required or optional value against a pattern; returns whether it is well-formed.
    @discardableResult
    mutating func shape(_ path: String, _ value: String?, _ pattern: String, _ expected: String, required: Bool = true) -> Bool {
        guard let value, !value.isEmpty else {
            if required { error(path, "required: \(expected)") }
            return false
        }
        guard Patterns.matches(value, pattern) else {
            error(path, "'\(value)' is not \(expected)")
            return false
        }
        return true
    }

    /// An ARN must be in the plan's partition, and in its account when the account is known.
    mutating func arnBelongs(_ path: String, _ arn: String, account: Bool = true) {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 5 else { return }
        if parts[1] != plan.partition.rawValue {
            error(path, "is in partition '\(parts[1])' but region \(plan.basics.region) is in '\(plan.partition.rawValue)'")
        }
        if account, let id = plan.accountId, parts[4] != id {
            let source = plan.basics.accountId != nil ? "basics.account_id" : "the bucket's account (from the other role ARNs and the deployers; set basics.account_id to choose)"
            error(path, "is in account \(parts[4]), not \(source) \(id): cross-account data access is not generated")
        }
    }

    mutating func list(_ path: String, _ values: [String], _ pattern: String, _ expected: String, arn: Bool = false, account: Bool = true) {
        var seen = Set<String>()
        for (i, value) in values.enumerated() {
            let itemPath = "\(path)[\(i)]"
            if shape(itemPath, value, pattern, expected), arn { arnBelongs(itemPath, value, account: account) }
            if !seen.insert(value).inserted { error(itemPath, "'\(value)' is listed twice") }
        }
    }
}

extension Plan {
    /// Every problem with the answers: errors block generation, warnings are risks to read.
    public var diagnostics: [Diagnostic] { diagnostics(policies: nil) }

    /// The same, reusing the policies already built and printed for this plan (for the AWS size limits).
    public func diagnostics(policies: PolicySet?, rendered: RenderedPolicies? = nil) -> [Diagnostic] {
        var c = Checker(plan: self)
        checkBasics(&c)
        checkEncryption(&c)
        checkAdministration(&c)
        checkDataAccess(&c)
        checkNetwork(&c)
        checkProtections(&c)
        checkWorkload(&c)
        if c.diagnostics.errors.isEmpty {
            let set = policies ?? self.policies
            checkSizes(&c, set, rendered ?? set.rendered(References(self)))
        }
        return c.diagnostics
    }

    /// Account-regional names are BASE-ACCOUNTID-REGION-an, at most 63 characters in all (S3 User Guide,
    /// "Account regional namespace naming rules"); a global name built from the account id can be claimed first.
    private func checkBucketNamespace(_ c: inout Checker) {
        let field = basics.bucketName != nil ? "basics.bucket_name" : "basics.bucket_prefix"
        guard accountRegionalNamespace else {
            if let name = basics.bucketName, let account = accountId, name.contains(account) {
                c.warning("basics.bucket_namespace", "'\(name)' is a predictable global name: anyone can create it first in another account. bucket_namespace: account-regional reserves it for this account")
            }
            return
        }
        let base = accountRegionalBase
        let length = base.count + Plan.accountRegionalSuffix(account: "000000000000", region: basics.region).count
        if base.isEmpty { c.error(field, "account-regional names need a name before the suffix -ACCOUNTID-REGION-an") }
        else if length > 63 {
            c.error(field, "'\(base)' is too long for the account-regional namespace: with -ACCOUNTID-\(basics.region)-an the name would have \(length) characters, AWS allows 63")
        }
    }

    private func checkBasics(_ c: inout Checker) {
        let b = basics
        c.shape("basics.service", b.service, Patterns.service, "a short name of lowercase letters, digits and hyphens (at most 24)")
        c.shape("basics.environment", b.environment, Patterns.environment, "a short name of lowercase letters, digits and hyphens (at most 16)")
        c.shape("basics.region", b.region, Patterns.region, "a region such as us-east-1")
        c.shape("basics.account_id", b.accountId, Patterns.accountId, "a 12-digit account id", required: false)
        if let name = b.bucketName {
            if let problem = bucketNameProblem(name) { c.error("basics.bucket_name", "'\(name)' \(problem)") }
            if b.bucketPrefix != nil { c.error("basics.bucket_prefix", "set either bucket_name or bucket_prefix, not both") }
        } else {
            let prefix = effectiveBucketPrefix
            if !Patterns.matches(prefix, Patterns.bucketPrefix) {
                c.error("basics.bucket_prefix", "'\(prefix)' must be 1 to 37 lowercase letters, digits, dots or hyphens, starting with a letter or digit")
            } else if let p = ["xn--", "sthree-", "amzn-s3-demo-"].first(where: prefix.hasPrefix) {
                c.error("basics.bucket_prefix", "must not begin with the reserved prefix '\(p)'")
            }
        }
        checkBucketNamespace(&c)
        for (key, value) in b.tags.sorted(by: { $0.key < $1.key }) {
            if key.isEmpty || key.count > 128 { c.error("basics.tags.\(key)", "tag keys must be 1 to 128 characters") }
            if key.lowercased().hasPrefix("aws:") { c.error("basics.tags.\(key)", "the 'aws:' tag prefix is reserved by AWS") }
            if value.count > 256 { c.error("basics.tags.\(key)", "tag values must be at most 256 characters") }
        }
        if b.accountId == nil, let derived = accountId {
            c.warning("basics.account_id", "not set: taken as \(derived) from the role and deployer ARNs; Terraform looks it up itself")
        }
    }

    private func checkEncryption(_ c: inout Checker) {
        let e = encryption
        switch e.key {
        case .existing:
            if c.shape("encryption.existing_key_arn", e.existingKeyArn, Patterns.keyArn, "a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)"),
               let arn = e.existingKeyArn {
                c.arnBelongs("encryption.existing_key_arn", arn, account: false)
                let region = arn.split(separator: ":", omittingEmptySubsequences: false)[3]
                if region != basics.region {
                    c.error("encryption.existing_key_arn", "the key is in \(region) but the bucket is in \(basics.region): S3 needs a key in the bucket's region")
                }
            }
            if e.manageExistingKeyPolicy {
                c.warning("encryption.manage_existing_key_policy", "Terraform will REPLACE the whole policy of the existing key; statements others added are lost and their access stops")
            } else {
                c.warning("encryption.existing_key_arn", "the key policy is not managed here: merge policies/key-policy-statements-to-add.json into it, or the roles cannot read or write")
            }
        case .create:
            if let alias = e.alias {
                if !Patterns.matches(alias, Patterns.keyAlias) {
                    c.error("encryption.alias", "'\(alias)' must be alias/ followed by letters, digits, / _ - or : (at most 256 characters)")
                } else if alias.hasPrefix("alias/aws/") {
                    c.error("encryption.alias", "alias/aws/ is reserved for AWS-managed keys")
                }
            } else if !Patterns.matches(keyAlias, Patterns.keyAlias) {
                c.error("encryption.alias", "the default alias '\(keyAlias)' is not valid; set one")
            }
            if !e.rotation { c.warning("encryption.rotation", "automatic key rotation is off (Security Hub CSPM KMS.4)") }
        }
        if !e.bucketKey { c.warning("encryption.bucket_key", "without an S3 Bucket Key every object request calls KMS: cost and request quotas rise") }
        switch e.uploadEnforcement {
        case .off: c.warning("encryption.upload_enforcement", "uploads may ask for another key or SSE-S3; default encryption applies only when they ask for nothing")
        case .strict: c.warning("encryption.upload_enforcement", "strict: every upload must send both encryption headers naming this key's ARN; clients relying on default encryption, and UploadPart requests, are rejected")
        case .lenient: break
        }
    }

    private func checkAdministration(_ c: inout Checker) {
        let k = keyAdministration
        // Admins and deployers may sit in another account (a security or tooling account); data roles may not.
        c.list("key_administration.admin_role_arns", k.adminRoleArns, Patterns.principalArn, "an IAM role or user ARN", arn: true, account: false)
        c.list("key_administration.deployer_arns", k.deployerArns, Patterns.principalArn, "an IAM role or user ARN", arn: true, account: false)
        if k.deployerArns.isEmpty {
            c.error("key_administration.deployer_arns", "at least one deployer is required: without one, the VPC-only and protection denies lock Terraform (and the console) out of the bucket, and nobody is left to manage the key")
        }
        if k.adminRoleArns.isEmpty && managesKeyPolicy {
            c.warning("key_administration.admin_role_arns", "no security-team admins: only the deployers can manage the key")
        }
        if k.iamDelegation {
            c.warning("key_administration.iam_delegation", "any IAM policy in the account can now grant management of the key (never its use)")
        }
        for (i, arn) in k.deployerArns.enumerated() where k.adminRoleArns.contains(arn) {
            c.warning("key_administration.deployer_arns[\(i)]", "is also listed as an admin; deployers are key admins already")
        }
    }

    private func checkDataAccess(_ c: inout Checker) {
        let roles = dataAccess.roles
        if roles.isEmpty { c.error("data_access.roles", "at least one role must be allowed to touch the data") }
        var names = Set<String>()
        let admins = Set(keyAdministration.adminRoleArns + keyAdministration.deployerArns)
        for (i, role) in roles.enumerated() {
            let path = "data_access.roles[\(i)]"
            if c.shape("\(path).name", role.name, Patterns.logicalName, "a short name of lowercase letters, digits and hyphens"),
               !names.insert(role.name).inserted {
                c.error("\(path).name", "'\(role.name)' is used by another role")
            }
            switch role.source {
            case .existing:
                if c.shape("\(path).arn", role.arn, Patterns.roleArn, "an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)"), let arn = role.arn {
                    c.arnBelongs("\(path).arn", arn)
                    if admins.contains(arn) {
                        c.error("\(path).arn", "is also a key administrator or deployer: whoever manages the key must not read the data")
                    }
                }
            case .create:
                c.shape("\(path).role_name", roleName(role), Patterns.roleName, "an IAM role name (1-64 of letters, digits and +=,.@_-)")
                c.shape("\(path).trusted_service", role.trustedService, Patterns.servicePrincipal, "a service principal such as lambda.amazonaws.com")
            }
            c.list("\(path).prefixes", role.prefixes, Patterns.keyPrefix, "a key prefix without wildcards, such as incoming/")
            if role.viaAwsServices {
                c.warning("\(path).via_aws_services", "requests this role makes through other AWS services (Athena, Glue) are allowed from outside the VPC")
            }
        }
    }

    private func checkNetwork(_ c: inout Checker) {
        let n = network
        c.shape("network.vpc_id", n.vpcId, Patterns.vpcId, "a VPC id such as vpc-0123456789abcdef0")
        switch n.endpoint {
        case .create:
            if n.routeTableIds.isEmpty { c.error("network.route_table_ids", "required: the route tables the new endpoint is attached to") }
            c.list("network.route_table_ids", n.routeTableIds, Patterns.routeTableId, "a route table id such as rtb-0123456789abcdef0")
            switch n.otherS3Traffic {
            case .none:
                c.warning("network.other_s3_traffic", "the endpoint reaches only this bucket: all other S3 traffic from these route tables stops (ECR image layers, OS package repos, SSM, other buckets). Use only with dedicated route tables.")
            case .anyBucket:
                c.warning("network.other_s3_traffic", "any other bucket is reachable through the endpoint, so data can be copied out to a bucket someone else owns")
            case .awsOwnedAndOrg:
                if n.organizationId == nil {
                    c.warning("network.organization_id", "not set: only AWS-owned buckets (ECR layers, OS repos, SSM) stay reachable; your other buckets on these route tables are cut off")
                }
            }
        case .existing:
            c.shape("network.endpoint_id", n.endpointId, Patterns.endpointId, "an endpoint id such as vpce-0123456789abcdef0")
            c.warning("network.endpoint", "the existing endpoint's policy is not managed here: merge policies/endpoint-policy-statements-to-add.json into it")
        }
        c.shape("network.organization_id", n.organizationId, Patterns.organizationId, "an organization id such as o-abc123def4", required: false)
        if n.condition == .sourceVpc {
            c.warning("network.condition", "source-vpc accepts any endpoint in the VPC (and the bucket is pinned to its region); source-vpce is narrower")
        }
    }

    private func checkProtections(_ c: inout Checker) {
        let p = protections
        switch p.accessLogging {
        case .existing:
            if let name = p.logBucketName {
                if let problem = bucketNameProblem(name) { c.error("protections.log_bucket_name", "'\(name)' \(problem)") }
            } else {
                c.error("protections.log_bucket_name", "required when access_logging is existing")
            }
            c.warning("protections.log_bucket_name", "the log bucket's policy is not managed here: merge policies/log-bucket-policy-statements-to-add.json into it")
        case .create:
            if let name = p.logBucketName, let problem = bucketNameProblem(name) { c.error("protections.log_bucket_name", "'\(name)' \(problem)") }
        case .off:
            c.warning("protections.access_logging", "no server access logs: requests to the data leave no S3-side record (Security Hub CSPM S3.9)")
        }
        if p.replication {
            if c.shape("protections.replication_bucket_arn", p.replicationBucketArn, Patterns.bucketArn, "an S3 bucket ARN such as arn:aws:s3:::backup-bucket"),
               let arn = p.replicationBucketArn {
                if arn.split(separator: ":", omittingEmptySubsequences: false)[1] != partition.rawValue {
                    c.error("protections.replication_bucket_arn", "is in another partition than region \(basics.region)")
                }
                if let name = basics.bucketName, arn.hasSuffix(":::\(name)") {
                    c.error("protections.replication_bucket_arn", "is the data bucket itself; replicate to another bucket")
                }
            }
            if c.shape("protections.replication_key_arn", p.replicationKeyArn, Patterns.keyArn, "a KMS key ARN in the destination's region"),
               let destination = replicationDestination {
                c.arnBelongs("protections.replication_key_arn", p.replicationKeyArn!, account: false)
                if destination.region == basics.region {
                    c.warning("protections.replication", "same-region replication: a second copy against deletion and mistakes, not against the loss of \(basics.region)")
                }
            }
            if objectLockEnabled {
                c.warning("protections.replication", "object lock is on: the destination bucket must have object lock enabled too, or locked versions are not replicated")
            }
            c.warning("protections.replication", "the destination bucket and key are not managed here: merge policies/replication-bucket-policy-statements-to-add.json and policies/replication-key-policy-statements-to-add.json into their policies, or replication fails")
            if dataAccess.roles.contains(where: { $0.name == Plan.replicationRoleKey }) {
                c.error("data_access.roles", "'\(Plan.replicationRoleKey)' is the name of the replication role; name the data role differently")
            }
        }
        if !p.versioning {
            if objectLockEnabled { c.warning("protections.versioning", "object lock needs versioning: it stays on") }
            else { c.warning("protections.versioning", "versioning is off: an overwrite or delete cannot be undone (Security Hub CSPM S3.14)") }
        }
        if p.macie {
            c.warning("protections.macie", "Macie's service-linked role may read every object, from outside the VPC; enable Macie in the account for it to do so")
        }
        switch p.objectLock {
        case .compliance:
            c.warning("protections.object_lock", "compliance mode: nobody, not even the root user, can delete a locked version or shorten its retention, and the bucket cannot be deleted until every retention ends; object lock cannot be turned off later")
        case .governance:
            c.warning("protections.object_lock", "object lock cannot be turned off once the bucket has it")
        case .off: break
        }
    }

    private func checkWorkload(_ c: inout Checker) {
        let w = workload
        guard w.enabled else { return }
        if let role = dataAccess.roles.first(where: { $0.name == w.role }) {
            if role.source != .create {
                c.error("workload.role", "'\(w.role)' is an existing role; the function needs a role created here")
            } else if role.trustedService != "lambda.amazonaws.com" {
                c.error("workload.role", "'\(w.role)' trusts \(role.trustedService), not lambda.amazonaws.com")
            }
        } else {
            c.error("workload.role", "'\(w.role)' is not the name of a data role")
        }
        if w.subnetIds.count < 2 { c.error("workload.subnet_ids", "at least two private subnets in different availability zones (Security Hub CSPM Lambda.5)") }
        c.list("workload.subnet_ids", w.subnetIds, Patterns.subnetId, "a subnet id such as subnet-0123456789abcdef0")
        if !Patterns.supportedRuntimes.contains(w.runtime) {
            c.error("workload.runtime", "'\(w.runtime)' is not one of: \(Patterns.supportedRuntimes.joined(separator: ", "))")
        }
        c.shape("workload.function_name", functionName, Patterns.functionName, "a function name (1-64 letters, digits, - or _)")
    }

    /// AWS rejects policies over these sizes; measured on the compact JSON Terraform sends, with each
    /// placeholder counted at the longest value it can stand for.
    private func checkSizes(_ c: inout Checker, _ set: PolicySet, _ rendered: RenderedPolicies) {
        func check(_ file: String, _ limit: Int, _ path: String, _ what: String) {
            guard let size = rendered.compactSize(file), size > limit else { return }
            c.error(path, "the \(what) would be \(size) characters; AWS allows \(limit). Use fewer roles or prefixes.")
        }
        check("bucket-policy.json", 20_480, "data_access.roles", "bucket policy")
        check(set.key != nil ? "key-policy.json" : "key-policy-statements-to-add.json", 32_768, "key_administration", "key policy")
        check(set.endpointFileName, 20_480, "network", "endpoint policy")
        for (role, _) in set.identity { check("roles/\(role)/identity-policy.json", 10_240, "workload.role", "inline policy of role \(role)") }
        for (role, _) in set.trust { check("roles/\(role)/trust-policy.json", 2_048, "data_access.roles", "trust policy of role \(role)") }
    }
}
