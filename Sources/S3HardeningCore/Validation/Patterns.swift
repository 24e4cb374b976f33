import Foundation

/// Shapes of identifiers, written once and used both here and in the Terraform variable validations
/// (so they stay within what both ICU and RE2 accept: no look-arounds, no back-references).
public enum Patterns {
    public static let region = "^[a-z]{2}(-gov)?-[a-z]+-[0-9]+$"
    public static let accountId = "^[0-9]{12}$"
    public static let bucketNameShape = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"
    /// Terraform appends 26 characters to a bucket_prefix.
    public static let bucketPrefix = "^[a-z0-9][a-z0-9.-]{0,36}$"
    public static let vpcId = "^vpc-([0-9a-f]{8}|[0-9a-f]{17})$"
    public static let routeTableId = "^rtb-([0-9a-f]{8}|[0-9a-f]{17})$"
    public static let endpointId = "^vpce-([0-9a-f]{8}|[0-9a-f]{17})$"
    public static let subnetId = "^subnet-([0-9a-f]{8}|[0-9a-f]{17})$"
    public static let bucketArn = "^arn:aws(-cn|-us-gov)?:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"
    public static let keyArn = "^arn:aws(-cn|-us-gov)?:kms:[a-z]{2}(-gov)?-[a-z]+-[0-9]+:[0-9]{12}:key/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$"
    public static let roleArn = "^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:role/([A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,64}$"
    public static let principalArn = "^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:(role|user)/([A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,64}$"
    public static let organizationId = "^o-[a-z0-9]{10,32}$"
    public static let logicalName = "^[a-z][a-z0-9-]{0,30}$"
    public static let service = "^[a-z][a-z0-9-]{0,23}$"
    public static let environment = "^[a-z][a-z0-9-]{0,15}$"
    public static let roleName = "^[A-Za-z0-9_+=,.@-]{1,64}$"
    public static let keyAlias = "^alias/[A-Za-z0-9:/_-]{1,250}$"
    public static let servicePrincipal = "^[a-z0-9.-]+\\.amazonaws\\.com(\\.cn)?$"
    /// Key prefixes: no wildcards (`*`, `?` would widen ARNs and StringLike values), no leading slash.
    public static let keyPrefix = "^[A-Za-z0-9!_.'()=-]+(/[A-Za-z0-9!_.'()=-]+)*/?$"
    public static let functionName = "^[A-Za-z0-9_-]{1,64}$"
    public static let supportedRuntimes = ["python3.11", "python3.12", "python3.13"]

    public static func matches(_ value: String, _ pattern: String) -> Bool {
        let regex = compiled[pattern] ?? (try? NSRegularExpression(pattern: pattern))
        guard let regex else { return false }
        let range = NSRange(value.startIndex..<value.endIndex, in: value)
        return regex.firstMatch(in: value, options: [], range: range) != nil
    }

    /// Compiled once: validation runs on every keystroke in the wizard. NSRegularExpression is
    /// immutable and documented thread-safe, so sharing these constants is safe.
    private static let compiled: [String: NSRegularExpression] = {
        let all = [region, accountId, bucketArn, bucketNameShape, bucketPrefix, vpcId, routeTableId, endpointId, subnetId, keyArn, roleArn,
                   principalArn, organizationId, logicalName, service, environment, roleName, keyAlias, servicePrincipal,
                   keyPrefix, functionName, bucketNameCharacters, bucketNameEnds, ipAddress]
        return Dictionary(uniqueKeysWithValues: all.map { ($0, try! NSRegularExpression(pattern: $0)) })
    }()

    static let bucketNameCharacters = "^[a-z0-9.-]+$"
    static let bucketNameEnds = "^[a-z0-9].*[a-z0-9]$"
    static let ipAddress = "^[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}$"
}
