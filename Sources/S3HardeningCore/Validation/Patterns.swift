import Foundation

/// Shapes of identifiers, written once and used both here and in the Terraform variable validations
/// (so they stay within what both ICU and RE2 accept: no look-arounds, no back-references).
public enum Patterns {
    // Parts of the ARN patterns, shared with the messages that say which part of an ARN is wrong.
    static let partitionPart = "aws(-cn|-us-gov)?"
    static let regionPart = "[a-z]{2}(-gov)?-[a-z]+-[0-9]+"
    static let accountPart = "[0-9]{12}"
    static let bucketNamePart = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"
    static let keyIdPart = "key/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})"
    static let iamPathAndNamePart = "([A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,64}"
    static let rolePart = "role/" + iamPathAndNamePart
    static let principalPart = "(role|user)/" + iamPathAndNamePart

    public static let region = whole(regionPart)
    public static let accountId = whole(accountPart)
    public static let bucketNameShape = whole(bucketNamePart)
    /// Terraform appends 26 characters to a bucket_prefix.
    public static let bucketPrefix = "^[a-z0-9][a-z0-9.-]{0,36}$"
    public static let vpcId = "^vpc-([0-9a-f]{8}|[0-9a-f]{17})$"
    public static let routeTableId = "^rtb-([0-9a-f]{8}|[0-9a-f]{17})$"
    public static let endpointId = "^vpce-([0-9a-f]{8}|[0-9a-f]{17})$"
    public static let subnetId = "^subnet-([0-9a-f]{8}|[0-9a-f]{17})$"
    public static let bucketArn = whole("arn:\(partitionPart):s3:::\(bucketNamePart)")
    public static let keyArn = whole("arn:\(partitionPart):kms:\(regionPart):\(accountPart):\(keyIdPart)")
    public static let roleArn = whole("arn:\(partitionPart):iam::\(accountPart):\(rolePart)")
    public static let principalArn = whole("arn:\(partitionPart):iam::\(accountPart):\(principalPart)")
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
    /// An e-mail address for an SNS subscription: deliberately plain (no quoted local parts, no IP literals).
    public static let email = "^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,63}$"
    /// Where an RCP can be attached: an account id or an OU id (AWS Organizations API Reference, AttachPolicy TargetId).
    public static let rcpTarget = "^([0-9]{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$"
    public static let supportedRuntimes = ["python3.11", "python3.12", "python3.13"]

    private static func whole(_ part: String) -> String { "^" + part + "$" }

    /// Whether the whole value has the pattern's shape. ICU's `$` also matches before a final line
    /// break, so the match must cover the value, and no unsafe character may be in it at all.
    public static func matches(_ value: String, _ pattern: String) -> Bool {
        guard firstUnsafeCharacter(in: value) == nil else { return false }
        let regex = compiled[pattern] ?? (try? NSRegularExpression(pattern: pattern))
        guard let regex else { return false }
        let range = NSRange(value.startIndex..<value.endIndex, in: value)
        return regex.firstMatch(in: value, options: [], range: range)?.range == range
    }

    /// The one rule for "identifier characters are safe": no control character (C0, DEL, C1 with
    /// U+0085), no format character (BOM, zero-width, bidi overrides), no line or paragraph separator.
    /// Such characters break Terraform and YAML, or hide what a value really is.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: return true
        default: return false
        }
    }

    /// The first character AWS refuses in a tag key or value: its tag APIs (S3's S3Tag, IAM, KMS) take
    /// `^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$` — letters and digits of any script, spaces, and `_ . : / = + - @`.
    public static func firstCharacterRefusedInTags(_ value: String) -> Character? {
        value.first { character in
            !character.unicodeScalars.allSatisfy { scalar in
                switch scalar.properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                     .spaceSeparator, .decimalNumber, .letterNumber, .otherNumber: true
                default: "_.:/=+-@".unicodeScalars.contains(scalar)
                }
            }
        }
    }

    public static func firstUnsafeCharacter(in value: String) -> Unicode.Scalar? {
        value.unicodeScalars.first(where: isUnsafe)
    }

    /// Compiled once: validation runs on every keystroke in the wizard. NSRegularExpression is
    /// immutable and documented thread-safe, so sharing these constants is safe.
    private static let compiled: [String: NSRegularExpression] = {
        let all = [region, accountId, bucketArn, bucketNameShape, bucketPrefix, vpcId, routeTableId, endpointId, subnetId, keyArn, roleArn,
                   principalArn, organizationId, logicalName, service, environment, roleName, keyAlias, servicePrincipal,
                   keyPrefix, functionName, bucketNameCharacters, bucketNameEnds, ipAddress, partition, rolePathAndName,
                   principalPathAndName, keyId, keyPrefixCharacters, email, rcpTarget]
        return Dictionary(uniqueKeysWithValues: all.map { ($0, try! NSRegularExpression(pattern: $0)) })
    }()

    static let bucketNameCharacters = "^[a-z0-9.-]+$"
    static let bucketNameEnds = "^[a-z0-9].*[a-z0-9]$"
    static let ipAddress = "^[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}$"
    // Whole-value forms of the ARN parts, for the messages.
    static let partition = whole(partitionPart)
    static let rolePathAndName = whole(rolePart)
    static let principalPathAndName = whole(principalPart)
    static let keyId = whole(keyIdPart)
    static let keyPrefixCharacters = "^[A-Za-z0-9!_.'()=/-]+$"
}
