import Dispatch
import Glibc

// The AWS CLI as the one way s3wizard reads a live account: the user's own `aws` (v1 or v2) with their
// profiles and SSO, run without a shell, read-only calls only (a closed list below), its output untrusted.

/// Every call an audit may make: each is a Get, Describe or List (a test keeps it so). The IAM permission
/// each needs is named, so an AccessDenied can say which one is missing.
public enum ReadCall: String, CaseIterable, Sendable {
    case callerIdentity = "sts get-caller-identity"
    case bucketLocation = "s3api get-bucket-location"
    case bucketPolicy = "s3api get-bucket-policy"
    case bucketEncryption = "s3api get-bucket-encryption"
    case publicAccessBlock = "s3api get-public-access-block"
    case ownershipControls = "s3api get-bucket-ownership-controls"
    case versioning = "s3api get-bucket-versioning"
    case lifecycle = "s3api get-bucket-lifecycle-configuration"
    case logging = "s3api get-bucket-logging"
    case objectLock = "s3api get-object-lock-configuration"
    case notifications = "s3api get-bucket-notification-configuration"
    case replication = "s3api get-bucket-replication"
    case describeKey = "kms describe-key"
    case keyPolicy = "kms get-key-policy"
    case keyRotation = "kms get-key-rotation-status"
    case aliases = "kms list-aliases"
    case vpcEndpoints = "ec2 describe-vpc-endpoints"
    case routeTables = "ec2 describe-route-tables"
    case role = "iam get-role"

    /// The service and the operation, as the CLI's first two arguments.
    public var words: [String] { rawValue.split(separator: " ").map(String.init) }

    /// The IAM action the call needs (Service Authorization Reference).
    public var permission: String {
        switch self {
        case .callerIdentity: "sts:GetCallerIdentity (never denied by IAM)"
        case .bucketLocation: "s3:GetBucketLocation"
        case .bucketPolicy: "s3:GetBucketPolicy"
        case .bucketEncryption: "s3:GetEncryptionConfiguration"
        case .publicAccessBlock: "s3:GetBucketPublicAccessBlock"
        case .ownershipControls: "s3:GetBucketOwnershipControls"
        case .versioning: "s3:GetBucketVersioning"
        case .lifecycle: "s3:GetLifecycleConfiguration"
        case .logging: "s3:GetBucketLogging"
        case .objectLock: "s3:GetBucketObjectLockConfiguration"
        case .notifications: "s3:GetBucketNotification"
        case .replication: "s3:GetReplicationConfiguration"
        case .describeKey: "kms:DescribeKey"
        case .keyPolicy: "kms:GetKeyPolicy"
        case .keyRotation: "kms:GetKeyRotationStatus"
        case .aliases: "kms:ListAliases"
        case .vpcEndpoints: "ec2:DescribeVpcEndpoints"
        case .routeTables: "ec2:DescribeRouteTables"
        case .role: "iam:GetRole"
        }
    }

    /// Error codes meaning "this is not configured", a state like any other (S3 API Reference, each Get's errors).
    var absentCodes: Set<String> {
        switch self {
        case .bucketPolicy: ["NoSuchBucketPolicy"]
        case .bucketEncryption: ["ServerSideEncryptionConfigurationNotFoundError"]
        case .publicAccessBlock: ["NoSuchPublicAccessBlockConfiguration"]
        case .ownershipControls: ["OwnershipControlsNotFoundError"]
        case .lifecycle: ["NoSuchLifecycleConfiguration"]
        case .objectLock: ["ObjectLockConfigurationNotFoundError"]
        case .replication: ["ReplicationConfigurationNotFoundError"]
        case .role: ["NoSuchEntity"]
        case .describeKey, .keyPolicy, .keyRotation: ["NotFoundException"]
        default: []
        }
    }
}

/// Why a call gave no answer. Each has a message that says what to do.
public enum AWSFault: Error, Equatable, Sendable, CustomStringConvertible {
    case notInstalled
    case noCredentials(String)
    case expiredCredentials(String)
    case profileNotFound(String)
    case accessDenied(ReadCall, code: String)
    case bucketMissing(String)
    case throttled(ReadCall)
    case connection(String)
    case failed(ReadCall, String)

    public var description: String {
        switch self {
        case .notInstalled:
            return "the AWS CLI (`aws`) is not installed or not on PATH. Install it: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html (or `pip install awscli`), then `aws configure` or `aws configure sso`."
        case let .noCredentials(message):
            return "no AWS credentials (\(message)). Sign in with `aws sso login --profile NAME` or set them with `aws configure`, then pass --profile NAME."
        case let .expiredCredentials(message):
            return "the AWS credentials are expired or invalid (\(message)). Renew them: `aws sso login --profile NAME`, or `aws configure` for access keys."
        case let .profileNotFound(message):
            return "\(message). List your profiles with `aws configure list-profiles`; create one with `aws configure --profile NAME` or `aws configure sso`."
        case let .accessDenied(call, code):
            return "\(call.rawValue) was denied (\(code)): the caller lacks \(call.permission)"
        case let .bucketMissing(bucket):
            return "bucket \(bucket) does not exist (NoSuchBucket): check the name and --region"
        case let .throttled(call):
            return "\(call.rawValue) was throttled by AWS even after retrying with backoff; run the audit again in a minute"
        case let .connection(message):
            return "could not reach AWS: \(message)"
        case let .failed(call, message):
            return "\(call.rawValue) failed: \(message)"
        }
    }
}

/// What one run of the CLI returned.
public struct ProcessOutput: Sendable, Equatable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
    public init(status: Int32, stdout: String, stderr: String) { self.status = status; self.stdout = stdout; self.stderr = stderr }
}

/// How to reach the account: the user's profile, region and endpoint, passed to every call.
public struct AWSOptions: Sendable, Equatable {
    public var profile: String?
    public var region: String?
    public var endpointURL: String?
    public init(profile: String? = nil, region: String? = nil, endpointURL: String? = nil) {
        self.profile = profile; self.region = region; self.endpointURL = endpointURL
    }

    /// Whole-value checks before anything reaches the command line (no value may pass for an option).
    public func problems() -> [String] {
        var out: [String] = []
        if let profile, !Patterns.matches(profile, Patterns.profileName) { out.append("--profile \(profile.debugDescription): not a profile name") }
        if let region, !Patterns.matches(region, Patterns.region) { out.append("--region \(region.debugDescription): not a region such as eu-west-1") }
        if let endpointURL, !Patterns.matches(endpointURL, Patterns.endpointURL) {
            out.append("--endpoint-url \(endpointURL.debugDescription): expected http(s)://HOST[:PORT]")
        }
        return out
    }
}

/// Runs read-only calls through the `aws` executable. The process runner is a value so the retry and fault
/// handling are testable; `AWSCLI.system` runs the real binary.
public struct AWSCLI: Sendable {
    public typealias Runner = @Sendable (_ executable: String, _ arguments: [String], _ environment: [String: String]) -> ProcessOutput?
    public let options: AWSOptions
    let environment: [String: String]
    let run: Runner
    let sleep: @Sendable (Double) -> Void
    /// Waits between attempts when AWS throttles (after the CLI's own retries): 1, 2, 4, 8 seconds.
    let backoff: [Double]

    public init(options: AWSOptions, environment: [String: String] = ProcessEnvironment.current(),
                run: @escaping Runner = AWSCLI.system, sleep: @escaping @Sendable (Double) -> Void = AWSCLI.pause,
                backoff: [Double] = [1, 2, 4, 8]) {
        self.options = options; self.environment = environment; self.run = run; self.sleep = sleep; self.backoff = backoff
    }

    /// The arguments of one call: the call's words, its own arguments, then the connection options.
    func arguments(_ call: ReadCall, _ extra: [String], region: String?) -> [String] {
        var args = call.words + extra + ["--output", "json"]
        if let profile = options.profile { args += ["--profile", profile] }
        if let region = region ?? options.region { args += ["--region", region] }
        if let url = options.endpointURL { args += ["--endpoint-url", url] }
        return args
    }

    /// One call's JSON object; `nil` when the thing is not configured (NoSuchBucketPolicy and the like).
    public func call(_ call: ReadCall, _ extra: [String] = [], region: String? = nil) throws(AWSFault) -> [String: JSONValue]? {
        guard let executable = Self.find("aws", path: environment["PATH"] ?? "") else { throw .notInstalled }
        var env = environment
        env["AWS_PAGER"] = ""            // v2 would page the output through `less`
        env["AWS_CLI_AUTO_PROMPT"] = "off"
        let args = arguments(call, extra, region: region)
        var attempt = 0
        while true {
            guard let output = run(executable, args, env) else { throw .notInstalled }
            if output.status == 0 {
                // e.g. get-bucket-versioning on a bucket never versioned
                if output.stdout.allSatisfy(\.isWhitespace) { return [:] }
                guard let object = JSONValue.parse(output.stdout)?.object else {
                    throw .failed(call, "the output is not a JSON object")
                }
                return object
            }
            let fault = Self.classify(output.stderr, call: call)
            if case let .failed(_, code) = fault, call.absentCodes.contains(code) { return nil }
            if case .throttled = fault, attempt < backoff.count {
                sleep(backoff[attempt])
                attempt += 1
                continue
            }
            throw fault
        }
    }

    /// Independent calls at once, in the order given: the audit waits for the slowest, not for the sum.
    public func callAll(_ calls: [(ReadCall, [String])], region: String?) -> [Result<[String: JSONValue]?, AWSFault>] {
        // Each call writes only its own slot, and concurrentPerform returns once every call has: no lock needed.
        nonisolated(unsafe) let results = UnsafeMutableBufferPointer<Result<[String: JSONValue]?, AWSFault>>.allocate(capacity: calls.count)
        results.initialize(repeating: .failure(.notInstalled))
        defer { results.deinitialize(); results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: calls.count) { i in
            do throws(AWSFault) { results[i] = .success(try call(calls[i].0, calls[i].1, region: region)) }
            catch { results[i] = .failure(error) }
        }
        return Array(results)
    }

    /// Sleeps for `seconds` (the throttling backoff).
    public static let pause: @Sendable (Double) -> Void = { seconds in
        var remaining = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        var interval = remaining
        while nanosleep(&interval, &remaining) == -1, errno == EINTR { interval = remaining }
    }

    /// The error code in "An error occurred (CODE) when calling the OP operation: …".
    static func errorCode(_ stderr: String) -> String? {
        guard let open = stderr.firstRange(of: "An error occurred ("),
              let close = stderr[open.upperBound...].firstIndex(of: ")") else { return nil }
        return String(stderr[open.upperBound..<close])
    }

    /// What the CLI's error output means (botocore's messages, and the error codes of the AWS APIs).
    static func classify(_ stderr: String, call: ReadCall) -> AWSFault {
        let message = Self.firstLine(stderr)
        if stderr.contains("Unable to locate credentials") || stderr.contains("Partial credentials found") {
            return .noCredentials(message)
        }
        if stderr.contains("could not be found") && stderr.contains("profile") { return .profileNotFound(message) }
        if stderr.contains("Could not connect to the endpoint URL") || stderr.contains("Connect timeout") { return .connection(message) }
        let ssoExpired = ["Token has expired", "SSO session", "sso session", "The SSO session associated with this profile has expired"]
        if ssoExpired.contains(where: stderr.contains) { return .expiredCredentials(message) }
        guard let code = errorCode(stderr) else { return .failed(call, message) }
        switch code {
        case "ExpiredToken", "ExpiredTokenException", "RequestExpired", "InvalidClientTokenId", "InvalidAccessKeyId",
             "SignatureDoesNotMatch", "UnrecognizedClientException", "InvalidToken", "AuthFailure":
            return .expiredCredentials(message)
        case "Throttling", "ThrottlingException", "ThrottledException", "SlowDown", "RequestLimitExceeded",
             "TooManyRequestsException", "RequestThrottled", "RequestThrottledException":
            return .throttled(call)
        case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AllAccessDisabled":
            return .accessDenied(call, code: code)
        case "NoSuchBucket": return .bucketMissing("")
        default: return .failed(call, code)
        }
    }

    /// The CLI's message, one line, without terminal control characters (it is printed to the user).
    static func firstLine(_ stderr: String) -> String {
        let line = stderr.split(whereSeparator: \.isNewline).first { !$0.trimmingSpaces().isEmpty } ?? ""
        return String(line.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) }
            .map(Character.init)).trimmingSpaces()
    }

    /// The executable on PATH, as a shell would find it.
    static func find(_ name: String, path: String) -> String? {
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/\(name)"
            var info = stat()
            if stat(candidate, &info) == 0, info.st_mode & S_IFMT != S_IFDIR, access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// The real `aws`, through `ChildProcess` (stdin closed, stdout and stderr drained together).
    public static let system: Runner = { executable, arguments, environment in
        ChildProcess.run(executable, arguments, environment: environment)
    }
}

extension JSONValue {
    /// An array of objects only, or nil (a list of anything else is as wrong as no list).
    var objects: [[String: JSONValue]]? {
        guard let items = array else { return nil }
        let objects = items.compactMap(\.object)
        return objects.count == items.count ? objects : nil
    }

    /// An array of strings only, or nil.
    var strings: [String]? {
        guard let items = array else { return nil }
        let strings = items.compactMap(\.string)
        return strings.count == items.count ? strings : nil
    }
}
