import Testing
import TestSupport
@testable import S3HardeningCore
@testable import WizardUI

/// "Start from an existing bucket" in the wizard: the prompts, the command, and today's matrix on the review.
@Suite struct LiveStartTests {
    /// A leaky live bucket: its policy lets a second role read from anywhere (the article's mistake).
    static func leakyAudit() throws -> LiveAudit {
        let account = "111122223333"
        let reader = "arn:aws:iam::\(account):role/reports-lambda"
        let other = "arn:aws:iam::\(account):role/uploader"
        let policy = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "Lambda", "Effect": "Allow", "Principal": {"AWS": "\(reader)"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::leaky-bucket/*"},
              {"Sid": "Uploader", "Effect": "Allow", "Principal": {"AWS": "\(other)"}, "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::leaky-bucket/*"}]}
            """
        let live = LiveBucket(
            bucket: "leaky-bucket", account: account, callerArn: "arn:aws:sts::\(account):assumed-role/admin/alice",
            callerPrincipalArn: "arn:aws:iam::\(account):role/admin", region: "us-east-1", partition: "aws",
            policy: .value(policy), encryption: .value(LiveEncryption(algorithm: "AES256", keyId: nil, bucketKey: false, blocksCustomerKeys: false)),
            publicAccessBlock: .absent, ownership: .value("ObjectWriter"), versioning: .value("Enabled"), lifecycle: .absent,
            loggingTarget: .value(""), objectLock: .absent, eventBridge: .value(false), replicationRules: .absent, key: .absent,
            endpoints: .value([]), routeTables: .value([]), roles: [(reader, .value(true)), (other, .value(true))])
        return try LiveAudit(live)
    }

    @Test func thePromptsCheckTheBucketAndProfileThenAskTheRuntimeToAudit() {
        var w = Wizard()
        w.press("A")
        #expect(w.screen.contains("Start from an existing bucket"))
        w.press("<c-u>")
        w.type("Bad_Bucket")
        w.press("<enter>")
        #expect(w.screen.contains("is not a bucket name"))
        #expect(w.commands.isEmpty)
        w.press("<c-u>")
        w.type("leaky-bucket")
        w.press("<enter>")
        #expect(w.screen.contains("AWS CLI profile for s3://leaky-bucket"))
        w.type("no spaces allowed")
        w.press("<enter>")
        #expect(w.screen.contains("not a profile name"))
        #expect(w.commands.isEmpty, "nothing runs with a bad profile")
        w.press("<c-u>")
        w.type("prod-admin")
        w.press("<enter>")
        guard case let .audit(bucket, options)? = w.commands.last else { Issue.record("no audit command: \(w.commands)"); return }
        #expect(bucket == "leaky-bucket" && options.profile == "prod-admin")
        #expect(w.screen.contains("Auditing s3://leaky-bucket"))
    }

    @Test func theAuditOpensThePrefilledPlanWithTodaysMatrixBesideTheHardenedOne() throws {
        let audit = try Self.leakyAudit()
        var w = Wizard(answersPath: "answers.yaml")
        _ = w.model.update(.audited(bucket: "leaky-bucket", result: .success(audit)))
        #expect(w.model.plan == audit.plan)
        #expect(w.model.answersPath == nil && w.model.isDirty, "the prefilled plan is not saved anywhere yet")
        #expect(w.model.step == .review)
        let today = w.screen
        #expect(today.contains("Access matrix: TODAY (live)"))
        #expect(today.contains("role uploader"), "today's principals")
        #expect(today.contains("2 intent(s) broken today"))
        w.press("?")
        let help = w.model.view().text
        guard case let .help(_, lines, _)? = w.model.overlay else { Issue.record("no help"); return }
        #expect(lines.contains { $0.contains("GUESSED basics.service") }, "the audit's guesses are listed with the risks: \(help)")
        w.press("<esc>")
        // With the hardened plan proved (a VPC and route tables given), today's cells it decides otherwise say so.
        w.model.plan.network.vpcId = "vpc-0a1b2c3d4e5f60789"
        w.model.plan.network.routeTableIds = ["rtb-0a1b2c3d4e5f60781"]
        w.model.refresh()
        let beside = w.screen
        let deployerRow = beside.split(separator: "\n").first { $0.contains("deployer admin ") } ?? ""
        #expect(deployerRow.contains("y▸-"), "reading is allowed to the deployer today, denied by the hardened plan: \(deployerRow)")
        let readerRow = beside.split(separator: "\n").first { $0.contains("role reports-lambda ") } ?? ""
        #expect(readerRow.contains("yes") && !readerRow.dropFirst(40).prefix(4).contains("▸"), "the data role still reads: \(readerRow)")
        w.press("t")
        let hardened = w.screen
        #expect(!hardened.contains("TODAY (live)"))
        #expect(!hardened.contains("▸-"), "the hardened plan's own matrix compares with nothing")
        let hardenedOther = hardened.split(separator: "\n").first { $0.contains("another role in the account") } ?? ""
        #expect(!hardenedOther.contains("yes"), "the hardened plan denies every other role: \(hardenedOther)")
        w.press("t")
        #expect(w.screen.contains("TODAY (live)"))
        w.press("u")
        #expect(w.model.plan == Plan.example, "u undoes the prefill")
    }

    @Test func aFailedAuditSaysWhyAndChangesNothing() {
        var w = Wizard()
        _ = w.model.update(.audited(bucket: "gone", result: .failure(LoadFailure("bucket gone does not exist"))))
        #expect(w.model.plan == Plan.example)
        #expect(w.screen.contains("Not audited: bucket gone does not exist"))
        w.press("r")
        w.press("m")
        w.press("t")
        #expect(w.screen.contains("No live audit yet"))
    }
}
