import Foundation
import Testing
import TestSupport
@testable import S3HardeningCore

/// Field validation runs plain ASCII scanners instead of regular expressions (issue 11). The patterns
/// themselves still go into the Terraform variable validations, so each scanner must accept exactly
/// what its pattern matches: this suite runs both, the pattern through NSRegularExpression (only here,
/// in the tests), on a table of cases for every pattern, their mutations, and random values.
@Suite struct PatternScannerTests {
    /// What `Patterns.matches` did with regular expressions: the match covers the whole value and no
    /// unsafe character is in it.
    private static func regexAccepts(_ value: String, _ pattern: String) -> Bool {
        guard Patterns.firstUnsafeCharacter(in: value) == nil else { return false }
        let regex = compiled[pattern]!
        let range = NSRange(value.startIndex..<value.endIndex, in: value)
        return regex.firstMatch(in: value, options: [], range: range)?.range == range
    }

    private static let compiled = Dictionary(uniqueKeysWithValues: Patterns.scanners.keys.map { ($0, try! NSRegularExpression(pattern: $0)) })

    /// Values each pattern accepts, and the near misses around them (boundaries of every count).
    static let seeds: [String] = [
        "us-east-1", "us-gov-west-1", "us-gov-1", "eu-central-12", "cn-north-1", "u-east-1", "use-east-1", "us-east-", "us--1",
        "us-gov--1", "us-gov-west-", "usgov-west-1", "US-east-1", "us-east-1a", "us-gov-gov-1",
        "123456789012", "12345678901", "1234567890123", "12345678901a",
        "abc", "ab", "a.b", "my-bucket.logs", "-abc", "abc-", "a..b", ".ab", String(repeating: "a", count: 63), String(repeating: "a", count: 64),
        String(repeating: "b", count: 37), String(repeating: "b", count: 38), "a", "1", "a.", "a-",
        "vpc-0123abcd", "vpc-0123456789abcdef0", "vpc-0123abc", "vpc-0123456789abcdef", "vpc-0123ABCD", "rtb-0123abcd", "rtb-0123456789abcdef0",
        "vpce-0123abcd", "vpce-0123456789abcdef0", "subnet-0123abcd", "subnet-0123456789abcdef0", "subnet-0123456789abcdefg",
        "arn:aws:s3:::my-bucket", "arn:aws-cn:s3:::my.bucket", "arn:aws-us-gov:s3:::abc", "arn:aws:s3:::ab", "arn:aws:s3:us-east-1::abc",
        "arn:aws:s3:::abc/key", "arn:aws-us:s3:::abc", "arn:aws:s3::::abc", "arn:aws:s3:::-abc",
        "arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012",
        "arn:aws:kms:us-east-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef",
        "arn:aws:kms:us-gov-west-1:123456789012:key/abcdef01-2345-6789-abcd-ef0123456789",
        "arn:aws:kms:us-east-1:123456789012:key/mrk-0123456789abcdef0123456789abcde",
        "arn:aws:kms:us-east-1:123456789012:key/1234567-1234-1234-1234-123456789012",
        "arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-12345678901A",
        "arn:aws:kms:us-east-1:123456789012:alias/my-key", "arn:aws:kms::123456789012:key/mrk-0123456789abcdef0123456789abcdef",
        "arn:aws:kms:us-east-1:12345678901:key/mrk-0123456789abcdef0123456789abcdef",
        "key/12345678-1234-1234-1234-123456789012", "key/mrk-0123456789abcdef0123456789abcdef", "key/12345678123412341234123456789012",
        "key/12345678-1234-1234-1234-123456789012-", "key/-12345678-1234-1234-1234-123456789012",
        "arn:aws:iam::123456789012:role/app", "arn:aws:iam::123456789012:role/path/to/app", "arn:aws:iam::123456789012:user/alice",
        "arn:aws:iam::123456789012:role/", "arn:aws:iam::123456789012:role/path/", "arn:aws:iam::123456789012:role//app",
        "arn:aws:iam::123456789012:role/" + String(repeating: "r", count: 64), "arn:aws:iam::123456789012:role/" + String(repeating: "r", count: 65),
        "arn:aws:iam::123456789012:role/" + String(repeating: "p", count: 70) + "/app", "arn:aws:iam::123456789012:group/ops",
        "arn:aws:iam:us-east-1:123456789012:role/app", "arn:aws:iam::123456789012:role/a+b=c,d.e@f_g-h", "arn:aws:iam::123456789012:role/a b",
        "arn:aws-cn:iam::123456789012:role/app", "arn:aws:sts::123456789012:assumed-role/app/s", "role/app", "user/app", "role/a/b", "role/",
        "o-abc123def4", "o-abc123def", "o-" + String(repeating: "a", count: 32), "o-" + String(repeating: "a", count: 33), "o-ABC123DEF4",
        "data", "d", "d-1", "1d", "-d", String(repeating: "n", count: 16), String(repeating: "n", count: 24), String(repeating: "n", count: 25),
        String(repeating: "n", count: 31), String(repeating: "n", count: 32), "Data", "d_1",
        "app-role", "App_Role+1=a,b.c@d", String(repeating: "R", count: 64), String(repeating: "R", count: 65), "role name",
        "alias/my-key", "alias/a:b/c_d-e", "alias/", "alias/a b", "alias/" + String(repeating: "k", count: 250), "alias/" + String(repeating: "k", count: 251),
        "lambda.amazonaws.com", "logging.s3.amazonaws.com", "s3.amazonaws.com.cn", ".amazonaws.com", "amazonaws.com", "x.amazonaws.com.cn.",
        "x.amazonaws.comm", "X.amazonaws.com", "a.amazonaws.com.amazonaws.com", "x_y.amazonaws.com",
        "incoming/", "incoming", "a/b/c/", "a/b/c", "/incoming", "a//b", "a/b//", "/", "//", "a*", "a?/", "it's/(x)=!_.-/",
        "my_function", "fn-1", String(repeating: "f", count: 64), String(repeating: "f", count: 65), "fn.1",
        "192.168.0.1", "1.2.3.4", "1234.1.1.1", "1.2.3", "1.2.3.4.5", "1..3.4", "a.b.c.d",
        "aws", "aws-cn", "aws-us-gov", "aws-gov", "aws-", "AWS",
        "ops@example.com", "First.Last+tag@mail.example.co.uk", "a%b_c-d@x-y.io", "ops@example", "@example.com", "ops@@example.com",
        "ops@example.c", "ops@.example.com", "ops@example..com", "ops@example.com.", "ops@ex_ample.com", "ops@example.c0m",
        String(repeating: "l", count: 64) + "@example.com", String(repeating: "l", count: 65) + "@example.com", "a@b@example.com",
        "ou-ab12-abcdefgh", "ou-" + String(repeating: "a", count: 32) + "-" + String(repeating: "b", count: 32), "ou-abc-abcdefgh",
        "arn:aws:sts::123456789012:assumed-role/Admin/alice@example.com", "arn:aws:iam::123456789012:user/bob", "arn:aws:sts::123456789012:",
        "arn:aws:s3::123456789012:x", "arn:aws:sts:us-east-1:123456789012:assumed-role/a", "12345678-1234-1234-1234-123456789012",
        "mrk-0123456789abcdef0123456789abcdef", "mrk-0123456789abcdef", "Enabled", "PendingDeletion", "Pending Deletion", "state1",
        String(repeating: "E", count: 32), String(repeating: "E", count: 33),
        "arn:aws:kms:us-east-1:123456789012:alias/my:key/x", "arn:aws:kms:us-east-1:123456789012:alias/", "arn:aws:kms:us-east-1:123456789012:alias/a b",
        "default", "my-profile", "_profile", "p/a.b@c+d=e,f", "p" + String(repeating: "x", count: 127), "p" + String(repeating: "x", count: 128),
        "http://localhost:5000", "https://s3.example.com/", "https://[::1]:9000/path/to~x", "http://", "ftp://host", "https://host//a b",
        "https://host?x=1", "http://host:5000/a/b.c_d-e",
        "ou-ab12-abcdefg", "ou-ab12-abcdefgh-", "ou-AB12-abcdefgh", "ou--abcdefgh", "ou-ab12abcdefgh", "r-ab12",
        "", " ", "a\u{e9}b", "\u{e9}ab", "ab\u{e9}", "a\u{1F600}b", "a\nb", "abc\n", "\u{FEFF}abc", "ab\u{200B}c", "abc\u{2028}",
        "a\u{0301}b", "b\u{0085}c", "\u{00A0}abc",
    ]

    /// A value with one character removed, or one of these put in at each place or in place of each
    /// character: the near misses around an accepted value.
    static let insertions: [Character] = ["a", "Z", "0", "f", "g", "-", ".", "/", ":", "_", "@", "\u{e9}"]

    static func mutations(of value: String) -> [String] {
        let characters = Array(value)
        var out = [value]
        for i in characters.indices {
            var removed = characters; removed.remove(at: i); out.append(String(removed))
        }
        for c in insertions {
            for i in 0...characters.count {
                var inserted = characters; inserted.insert(c, at: i); out.append(String(inserted))
            }
            for i in characters.indices {
                var replaced = characters; replaced[i] = c; out.append(String(replaced))
            }
        }
        return out
    }

    private static func expectAgreement(_ pattern: String, _ values: some Sequence<String>) {
        for value in values where Patterns.matches(value, pattern) != regexAccepts(value, pattern) {
            Issue.record("\(pattern) on \(value.debugDescription): scanner \(Patterns.matches(value, pattern)), regex \(!Patterns.matches(value, pattern))")
        }
    }

    /// Every seed against every pattern, and the mutations of the first six seeds a pattern accepts.
    @Test func everyPatternHasAScannerAndAgreesOnTheTable() {
        for pattern in Patterns.scanners.keys {
            Self.expectAgreement(pattern, Self.seeds)
            let accepted = Self.seeds.filter { Self.regexAccepts($0, pattern) }
            // The table is only a proof if each pattern accepts some of it, not only rejections.
            #expect(!accepted.isEmpty, "no accepted value for \(pattern)")
            Self.expectAgreement(pattern, Set(accepted.prefix(6).flatMap(Self.mutations)))
        }
    }

    /// Random values over the characters the patterns care about, built from pieces of the seeds so
    /// that accepted values are not rare.
    @Test func scannersAgreeWithThePatternsOnRandomValues() {
        var random = SplitMix64(seed: 11)
        let pieces = Self.seeds.flatMap { $0.split(whereSeparator: { ":/-.".contains($0) }).map(String.init) } + [":", "/", "-", ".", "::"]
        for _ in 0..<2000 {
            let value = (0..<Int.random(in: 1...7, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            for pattern in Patterns.scanners.keys { Self.expectAgreement(pattern, [value]) }
        }
    }

    /// `isUnsafe` answers ASCII without the Unicode property look-up, and `firstUnsafeCharacter` and the
    /// answers writer's quoting skip printable ASCII: each shortcut must agree with the general-category rule.
    @Test func unsafeShortcutsAgreeWithTheGeneralCategories() {
        func byCategory(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: true
            default: false
            }
        }
        for value in UInt32(0)...0x3FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(Patterns.isUnsafe(scalar) == byCategory(scalar), "U+\(String(value, radix: 16))")
        }
        for value in UInt32(0)..<0x100 {
            let text = "ab" + String(Unicode.Scalar(UInt8(value))) + "c"
            #expect(Patterns.firstUnsafeCharacter(in: text) == text.unicodeScalars.first(where: byCategory), "byte \(value)")
        }
    }
}
