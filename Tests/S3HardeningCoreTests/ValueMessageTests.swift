import Foundation
import Testing
@testable import S3HardeningCore

/// Each message says what is wrong with the value, in the user's terms, and never echoes a huge one.
@Suite struct ValueMessageTests {
    private func error(_ path: String, _ change: (inout Plan) -> Void) -> String? {
        var plan = Plan.example
        change(&plan)
        return plan.diagnostics.errors.first { $0.path == FieldPath(path) }?.message
    }

    @Test func aLeadingSlashIsNamedAsTheProblemOfAKeyPrefix() {
        let message = error("data_access.roles[0].prefixes[0]") { $0.dataAccess.roles[0].prefixes = ["/incoming/"] }
        #expect(message == "'/incoming/' is not a key prefix without wildcards, such as incoming/: it must not begin with '/': S3 keys have no leading slash (write 'incoming/')")
        let wildcard = error("data_access.roles[0].prefixes[0]") { $0.dataAccess.roles[0].prefixes = ["in*/"] }
        #expect(wildcard?.contains("wildcards (* and ?)") == true)
    }

    @Test func aHugeNameSaysTheLengthLimitAndIsShownShortened() throws {
        let huge = String(repeating: "a", count: 5_000)
        let message = try #require(error("basics.service") { $0.basics.service = huge })
        #expect(message == "'\(String(repeating: "a", count: 64))…' (5000 characters) is too long: at most 24 characters are allowed")
        let role = try #require(error("data_access.roles[0].name") { $0.dataAccess.roles[0].name = huge })
        #expect(role.contains("at most 31 characters") && role.count < 160)
        let tag = try #require(error("basics.tags") { $0.basics.tags[huge] = "v" })
        #expect(tag.contains("1 to 128 characters") && !tag.contains(huge))
    }

    @Test(arguments: [
        ("arn:aws-xx:iam::111122223333:role/x", "the partition 'aws-xx' is not aws, aws-cn or aws-us-gov"),
        ("arn:aws:s3::111122223333:role/x", "the service 's3' should be 'iam'"),
        ("arn:aws:iam:us-east-1:111122223333:role/x", "iam ARNs have no region, found 'us-east-1'"),
        ("arn:aws:iam::1111:role/x", "the account '1111' is not a 12-digit account id"),
        ("arn:aws:iam::111122223333:group/x", "the resource 'group/x' is not role/ or user/ followed by an optional path and a name"),
        ("arn:aws:iam::111122223333", "an ARN has six parts separated by ':' (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE), this has 5"),
        ("ARN:aws:iam::111122223333:role/x", "it must begin with 'arn:'"),
    ])
    func aMalformedArnSaysWhichPartIsWrong(_ arn: String, _ problem: String) {
        let message = error("key_administration.deployer_arns[0]") { $0.keyAdministration.deployerArns = [arn] }
        #expect(message == "'\(arn)' is not an IAM role or user ARN: \(problem)")
    }

    @Test func keyArnPartsAreCheckedToo() {
        let message = error("encryption.existing_key_arn") { plan in
            plan.encryption.key = .existing
            plan.encryption.existingKeyArn = "arn:aws:kms:useast1:111122223333:key/mrk-0123"
        }
        #expect(message?.hasSuffix(": the region 'useast1' is not a region such as us-east-1") == true)
        let resource = error("encryption.existing_key_arn") { plan in
            plan.encryption.key = .existing
            plan.encryption.existingKeyArn = "arn:aws:kms:us-east-1:111122223333:alias/data"
        }
        #expect(resource?.hasSuffix(": the resource 'alias/data' is not key/ followed by a key id") == true)
    }

    @Test func lineBreaksAndControlsInIdentifiersAreNamed() {
        #expect(error("network.vpc_id") { $0.network.vpcId = "vpc-0a1b2c3d4e5f60789\r" }
                == "'vpc-0a1b2c3d4e5f60789\\r' contains the invisible character U+000D (carriage return); remove it")
        #expect(error("basics.region") { $0.basics.region = "us-east-1\n" }?.contains("U+000A (line feed)") == true)
        #expect(error("basics.bucket_name") { $0.basics.bucketName = "data\u{2028}x" }?.contains("U+2028 (line separator)") == true)
        #expect(error("basics.tags.owner") { $0.basics.tags["owner"] = "a\rb" }?.contains("U+000D") == true)
        // An unused field may not hold one either: it is saved, and read back.
        #expect(error("encryption.existing_key_arn") { $0.encryption.existingKeyArn = "x\u{85}" }?.contains("U+0085") == true)
    }

    @Test func quotedValuesEscapeControlsAndStayShort() {
        #expect(quoted("a\u{1B}[31m\r\n\t\u{FEFF}") == "'a\\u{1B}[31m\\r\\n\\t\\u{FEFF}'")
        #expect(quoted(String(repeating: "é", count: 65)) == "'\(String(repeating: "é", count: 64))…' (65 characters)")
    }

    @Test func anUnsupportedVersionSaysWhichVersionsThisBuildReads() {
        #expect(throws: AnswersError(path: FieldPath("version"), line: 1,
                                     message: "'2' is not a version this build of s3wizard reads: it reads version 1")) {
            try AnswersFile.parse("version: 2\n")
        }
    }

    @Test func anUnknownKeyOrChoiceIsShownShortened() {
        let key = String(repeating: "k", count: 300)
        do { _ = try AnswersFile.parse("version: 1\nbasics:\n  \(key): x\n"); Issue.record("expected an error") } catch {
            #expect(error.message.hasPrefix("unknown key '\(String(repeating: "k", count: 64))…' (300 characters)"))
        }
    }

    @Test func aFifoADeviceOrASocketIsNamedAndNotOpened() throws {
        let dir = temporaryDirectory()
        let fifo = dir.appendingPathComponent("answers.yaml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // Opening a FIFO for reading would block until a writer comes: this must return at once.
        #expect(throws: FileProblem("\(fifo): cannot read: it is a named pipe (FIFO); it was not opened, not an answers file")) {
            try AnswersFile.readText(fifo)
        }
        #expect(throws: FileProblem("/dev/null: cannot read: it is a character device; it was not opened, not an answers file")) {
            try AnswersFile.readText("/dev/null")
        }
        let socketPath = dir.appendingPathComponent("s.sock").path
        let socketDescriptor = try #require(Self.boundSocket(at: socketPath))
        defer { close(socketDescriptor) }
        #expect(throws: FileProblem("\(socketPath): cannot read: it is a socket; it was not opened, not an answers file")) {
            try AnswersFile.readText(socketPath)
        }
        #expect(throws: FileProblem("\(dir.path): cannot read: it is a directory, not an answers file")) {
            try AnswersFile.readText(dir.path)
        }
    }

    /// A Unix socket bound at `path` (the file exists while it is open).
    static func boundSocket(at path: String) -> Int32? {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (i, byte) in path.utf8.prefix(buffer.count - 1).enumerated() { buffer[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if bound != 0 { close(descriptor); return nil }
        return descriptor
    }
}
