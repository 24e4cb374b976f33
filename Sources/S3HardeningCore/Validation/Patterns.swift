
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

    /// Whether the whole value has the pattern's shape: the pattern's scanner (below) decides, so no
    /// regular expression is compiled or run (they cost ICU at start-up and on every keystroke), and
    /// no unsafe character may be in the value at all. Every pattern here has a scanner; a test runs
    /// each scanner against the pattern itself (NSRegularExpression) on a table of cases and on
    /// random values, so the two agree.
    public static func matches(_ value: String, _ pattern: String) -> Bool {
        matches(value, scanner(pattern))
    }

    /// The scanner of a pattern, looked up once by whoever checks many values against it (`Shape`).
    static func scanner(_ pattern: String) -> @Sendable (Bytes) -> Bool {
        guard let accepts = scanners[pattern] else { preconditionFailure("no scanner for the pattern \(pattern)") }
        return accepts
    }

    static func matches(_ value: String, _ accepts: (Bytes) -> Bool) -> Bool {
        guard firstUnsafeCharacter(in: value) == nil else { return false }
        return accepts(Array(value.utf8)[...])
    }

    /// The one rule for "identifier characters are safe": no control character (C0, DEL, C1 with
    /// U+0085), no format character (BOM, zero-width, bidi overrides), no line or paragraph separator.
    /// Such characters break Terraform and YAML, or hide what a value really is.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII: only C0 and DEL are unsafe; the Unicode property look-up is for the rest (a table walk per scalar).
        if scalar.isASCII { return scalar.value < 0x20 || scalar.value == 0x7F }
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
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return nil }
        return value.unicodeScalars.first(where: isUnsafe)
    }

    static let bucketNameCharacters = "^[a-z0-9.-]+$"
    static let bucketNameEnds = "^[a-z0-9].*[a-z0-9]$"
    static let ipAddress = "^[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}$"
    // Whole-value forms of the ARN parts, for the messages.
    static let partition = whole(partitionPart)
    static let rolePathAndName = whole(rolePart)
    static let principalPathAndName = whole(principalPart)
    static let keyId = whole(keyIdPart)
    static let keyPrefixCharacters = "^[A-Za-z0-9!_.'()=/-]+$"
    // What the audit accepts from the AWS CLI: the caller (sts get-caller-identity), a key's id and state.
    static let callerArn = #"^arn:aws(-cn|-us-gov)?:(iam|sts)::[0-9]{12}:[A-Za-z0-9_+=,.@/-]{1,512}$"#
    static let bareKeyId = #"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$"#
    static let keyState = "^[A-Za-z]{1,32}$"
    static let keyAliasArn = #"^arn:aws(-cn|-us-gov)?:kms:[a-z]{2}(-gov)?-[a-z]+-[0-9]+:[0-9]{12}:alias/[A-Za-z0-9:/_-]{1,250}$"#
    // The audit's own options, checked before they reach the aws command line.
    static let profileName = #"^[A-Za-z0-9][A-Za-z0-9_.@+=,/-]{0,127}$"#
    static let endpointURL = #"^https?://[A-Za-z0-9.:\[\]_-]+(/[A-Za-z0-9._~/-]*)?$"#

    /// Every pattern and its scanner: plain ASCII checks on the value's UTF-8 bytes that accept
    /// exactly what the pattern matches (each pattern is quoted beside its scanner).
    static let scanners: [String: @Sendable (Bytes) -> Bool] = [
        region: Scan.region,
        accountId: { Scan.count($0, of: .digits, 12...12) },
        bucketNameShape: Scan.bucketName,
        bucketPrefix: { Scan.first($0, in: .lowerDigits) && Scan.count($0.dropFirst(), of: .bucketName, 0...36) },
        vpcId: { Scan.hexId($0, prefix: "vpc-") },
        routeTableId: { Scan.hexId($0, prefix: "rtb-") },
        endpointId: { Scan.hexId($0, prefix: "vpce-") },
        subnetId: { Scan.hexId($0, prefix: "subnet-") },
        bucketArn: { Scan.arn($0, service: "s3", region: { $0.isEmpty }, account: { $0.isEmpty }, resource: Scan.bucketName) },
        keyArn: { Scan.arn($0, service: "kms", region: Scan.region, account: Scan.accountId, resource: Scan.keyId) },
        roleArn: { Scan.arn($0, service: "iam", region: { $0.isEmpty }, account: Scan.accountId, resource: { Scan.iamResource($0, kinds: ["role/"]) }) },
        principalArn: { Scan.arn($0, service: "iam", region: { $0.isEmpty }, account: Scan.accountId,
                                 resource: { Scan.iamResource($0, kinds: ["role/", "user/"]) }) },
        organizationId: { Scan.prefix($0, "o-").map { Scan.count($0, of: .lowerDigits, 10...32) } ?? false },
        logicalName: { Scan.first($0, in: .lower) && Scan.count($0.dropFirst(), of: .name, 0...30) },
        service: { Scan.first($0, in: .lower) && Scan.count($0.dropFirst(), of: .name, 0...23) },
        environment: { Scan.first($0, in: .lower) && Scan.count($0.dropFirst(), of: .name, 0...15) },
        roleName: { Scan.count($0, of: .iamName, 1...64) },
        keyAlias: { Scan.prefix($0, "alias/").map { Scan.count($0, of: .aliasName, 1...250) } ?? false },
        servicePrincipal: Scan.servicePrincipal,
        keyPrefix: Scan.keyPrefix,
        functionName: { Scan.count($0, of: .functionName, 1...64) },
        bucketNameCharacters: { Scan.count($0, of: .bucketName, 1...Int.max) },
        bucketNameEnds: { $0.count >= 2 && Scan.first($0, in: .lowerDigits) && ASCIISet.lowerDigits.contains($0.last!) },
        ipAddress: Scan.ipAddress,
        partition: Scan.partition,
        rolePathAndName: { Scan.iamResource($0, kinds: ["role/"]) },
        principalPathAndName: { Scan.iamResource($0, kinds: ["role/", "user/"]) },
        keyId: Scan.keyId,
        keyPrefixCharacters: { Scan.count($0, of: .keyPrefix + "/", 1...Int.max) },
        email: Scan.email,
        rcpTarget: { Scan.accountId($0) || Scan.organizationalUnit($0) },
        callerArn: { p in
            ["iam", "sts"].contains { Scan.arn(p, service: $0, region: { $0.isEmpty }, account: Scan.accountId,
                                               resource: { Scan.count($0, of: .iamName + "/", 1...512) }) }
        },
        bareKeyId: Scan.bareKeyId,
        keyState: { Scan.count($0, of: .letters, 1...32) },
        keyAliasArn: { Scan.arn($0, service: "kms", region: Scan.region, account: Scan.accountId,
                                resource: { Scan.prefix($0, "alias/").map { Scan.count($0, of: .aliasName, 1...250) } ?? false }) },
        profileName: { Scan.first($0, in: .alphanumerics) && Scan.count($0.dropFirst(), of: .alphanumerics + "_.@+=,/-", 0...127) },
        endpointURL: Scan.endpointURL,
    ]
}

/// A value's UTF-8 bytes, sliced without copying as the scanners take it apart.
typealias Bytes = ArraySlice<UInt8>

/// A set of ASCII characters as a 128-bit mask: a non-ASCII byte is in no set.
struct ASCIISet: Sendable {
    private var low: UInt64 = 0, high: UInt64 = 0

    init(_ characters: String) {
        for byte in characters.utf8 where byte < 128 {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
    }

    func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte - 64)) != 0
    }

    static func + (set: ASCIISet, characters: String) -> ASCIISet {
        var union = set
        union.low |= ASCIISet(characters).low
        union.high |= ASCIISet(characters).high
        return union
    }

    static let lower = ASCIISet("abcdefghijklmnopqrstuvwxyz")
    static let digits = ASCIISet("0123456789")
    static let lowerDigits = lower + "0123456789"
    static let letters = lower + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    static let alphanumerics = letters + "0123456789"
    static let hex = ASCIISet("0123456789abcdef")
    static let bucketName = lowerDigits + ".-"          // [a-z0-9.-]
    static let name = lowerDigits + "-"                 // [a-z0-9-]
    static let iamName = alphanumerics + "_+=,.@-"      // [A-Za-z0-9_+=,.@-]
    static let aliasName = alphanumerics + ":/_-"       // [A-Za-z0-9:/_-]
    static let functionName = alphanumerics + "_-"      // [A-Za-z0-9_-]
    static let keyPrefix = alphanumerics + "!_.'()=-"   // [A-Za-z0-9!_.'()=-]
}

/// The scanners of `Patterns.scanners`, each for the whole value (or the whole part it is given).
enum Scan {
    /// Whether the count of bytes is in `counts` and every byte is in `set`.
    static func count(_ bytes: Bytes, of set: ASCIISet, _ counts: ClosedRange<Int>) -> Bool {
        counts.contains(bytes.count) && bytes.allSatisfy(set.contains)
    }

    static func first(_ bytes: Bytes, in set: ASCIISet) -> Bool {
        bytes.first.map(set.contains) ?? false
    }

    /// The bytes after `prefix`, or nil when the value does not begin with it.
    static func prefix(_ bytes: Bytes, _ prefix: String) -> Bytes? {
        bytes.starts(with: prefix.utf8) ? bytes.dropFirst(prefix.utf8.count) : nil
    }

    /// The parts between `separator`s, empty ones included.
    static func parts(_ bytes: Bytes, _ separator: Character) -> [Bytes] {
        bytes.split(separator: separator.asciiValue!, omittingEmptySubsequences: false)
    }

    /// `[a-z]{2}(-gov)?-[a-z]+-[0-9]+`: the parts after the two letters are `gov`, letters, digits
    /// or letters, digits (`us-gov-1` is the second: letters `gov`, digits `1`).
    static func region(_ bytes: Bytes) -> Bool {
        guard bytes.count > 3, count(bytes.prefix(2), of: .lower, 2...2),
              let rest = prefix(bytes.dropFirst(2), "-") else { return false }
        var segments = parts(rest, "-")
        if segments.count == 3, segments[0].elementsEqual("gov".utf8) { segments.removeFirst() }
        return segments.count == 2 && count(segments[0], of: .lower, 1...Int.max) && count(segments[1], of: .digits, 1...Int.max)
    }

    static func accountId(_ bytes: Bytes) -> Bool { count(bytes, of: .digits, 12...12) }

    /// `[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]`
    static func bucketName(_ bytes: Bytes) -> Bool {
        count(bytes, of: .bucketName, 3...63) && ASCIISet.lowerDigits.contains(bytes.first!) && ASCIISet.lowerDigits.contains(bytes.last!)
    }

    /// `PREFIX([0-9a-f]{8}|[0-9a-f]{17})`
    static func hexId(_ bytes: Bytes, prefix: String) -> Bool {
        guard let id = Scan.prefix(bytes, prefix) else { return false }
        return (id.count == 8 || id.count == 17) && id.allSatisfy(ASCIISet.hex.contains)
    }

    /// `aws(-cn|-us-gov)?`
    static func partition(_ bytes: Bytes) -> Bool {
        ["aws", "aws-cn", "aws-us-gov"].contains { bytes.elementsEqual($0.utf8) }
    }

    /// `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`: no part before the resource may hold a colon, so the
    /// resource is all after the fifth (only an alias name may hold colons).
    static func arn(_ bytes: Bytes, service: String, region: (Bytes) -> Bool, account: (Bytes) -> Bool,
                    resource: (Bytes) -> Bool) -> Bool {
        let p = bytes.split(separator: UInt8(ascii: ":"), maxSplits: 5, omittingEmptySubsequences: false)
        return p.count == 6 && p[0].elementsEqual("arn".utf8) && partition(p[1]) && p[2].elementsEqual(service.utf8)
            && region(p[3]) && account(p[4]) && resource(p[5])
    }

    /// `key/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})`
    static func keyId(_ bytes: Bytes) -> Bool {
        prefix(bytes, "key/").map(bareKeyId) ?? false
    }

    /// `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}`
    static func bareKeyId(_ id: Bytes) -> Bool {
        if let multiRegion = prefix(id, "mrk-") { return count(multiRegion, of: .hex, 32...32) }
        return parts(id, "-").map(\.count) == [8, 4, 4, 4, 12] && id.allSatisfy { $0 == UInt8(ascii: "-") || ASCIISet.hex.contains($0) }
    }

    /// `(KIND)([A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,64}` with KIND `role/` (or `user/`): a
    /// path of non-empty segments and a name of at most 64 characters, no slash at the end.
    static func iamResource(_ bytes: Bytes, kinds: [String]) -> Bool {
        guard let pathAndName = kinds.lazy.compactMap({ prefix(bytes, $0) }).first else { return false }
        let segments = parts(pathAndName, "/")
        return segments.allSatisfy { count($0, of: .iamName, 1...Int.max) } && segments.last!.count <= 64
    }

    /// `[a-z0-9.-]+\.amazonaws\.com(\.cn)?`
    static func servicePrincipal(_ bytes: Bytes) -> Bool {
        for suffix in [".amazonaws.com", ".amazonaws.com.cn"] where bytes.reversed().starts(with: suffix.utf8.reversed()) {
            return count(bytes.dropLast(suffix.utf8.count), of: .bucketName, 1...Int.max)
        }
        return false
    }

    /// `[A-Za-z0-9!_.'()=-]+(/[A-Za-z0-9!_.'()=-]+)*/?`: non-empty segments between slashes, one
    /// slash allowed at the end (not alone).
    static func keyPrefix(_ bytes: Bytes) -> Bool {
        // One pass (a thousand prefixes are checked on every keystroke): segments of the set between single
        // slashes, the first not empty, one trailing slash allowed.
        var segmentLength = 0, segments = 0
        for byte in bytes {
            if byte == UInt8(ascii: "/") {
                guard segmentLength > 0 else { return false }
                segments += 1
                segmentLength = 0
            } else {
                guard ASCIISet.keyPrefix.contains(byte) else { return false }
                segmentLength += 1
            }
        }
        return segmentLength > 0 || segments > 0
    }

    /// `[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,63}`: neither part holds an `@`;
    /// the domain is labels between dots, the last one 2 to 63 letters.
    static func email(_ bytes: Bytes) -> Bool {
        let halves = parts(bytes, "@")
        guard halves.count == 2, count(halves[0], of: .alphanumerics + "._%+-", 1...64) else { return false }
        let labels = parts(halves[1], ".")
        return labels.count >= 2 && labels.dropLast().allSatisfy { count($0, of: .alphanumerics + "-", 1...Int.max) }
            && count(labels.last!, of: .letters, 2...63)
    }

    /// `ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}`
    static func organizationalUnit(_ bytes: Bytes) -> Bool {
        guard let id = prefix(bytes, "ou-") else { return false }
        let p = parts(id, "-")
        return p.count == 2 && count(p[0], of: .lowerDigits, 4...32) && count(p[1], of: .lowerDigits, 8...32)
    }

    /// `https?://[A-Za-z0-9.:\[\]_-]+(/[A-Za-z0-9._~/-]*)?`: a host (no slash in it), then a path from the first slash.
    static func endpointURL(_ bytes: Bytes) -> Bool {
        guard let rest = prefix(bytes, "https://") ?? prefix(bytes, "http://") else { return false }
        let host = rest.prefix { $0 != UInt8(ascii: "/") }
        return count(host, of: .alphanumerics + ".:[]_-", 1...Int.max) && rest.dropFirst(host.count).allSatisfy((ASCIISet.alphanumerics + "._~/-").contains)
    }

    /// `[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}`
    static func ipAddress(_ bytes: Bytes) -> Bool {
        let octets = parts(bytes, ".")
        return octets.count == 4 && octets.allSatisfy { count($0, of: .digits, 1...3) }
    }
}
