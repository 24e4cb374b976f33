import S3HardeningCore

// "Start from an existing bucket": A asks for a bucket and an AWS CLI profile, the runtime audits it
// (`Command.audit`, read-only calls, exactly `s3wizard audit`), and the wizard opens the prefilled plan on the
// review, where the access matrix shows today's live policies (t) beside the hardened ones.

extension WizardModel {
    /// The access matrix the review shows: today's (from the audit) or the hardened plan's.
    var shownMatrix: AccessMatrix? { showsToday ? liveAudit?.matrix : generated.matrix }
    var showsToday: Bool { review.showsToday && liveAudit != nil }
    /// Says whose policies the matrix shows, when it is not the plan's.
    var matrixSource: String { showsToday ? "TODAY, the live policies of s3://\(liveAudit!.bucket.bucket) (yes\(glyphs.right)- or y\(glyphs.right)-: the hardened plan denies it). " : "" }

    /// While today's matrix is shown: the hardened plan's decision for the same principal, action and path (nil
    /// when the plan has no such principal, or is not proved yet).
    func hardenedDecision(_ principal: String, _ action: AccessAction, _ path: NetworkPath) -> Bool? {
        guard showsToday else { return nil }
        return generated.matrix?.cell(principal, action, path)?.decision.allowed
    }

    mutating func startFromExistingBucket() {
        overlay = .prompt(.auditBucket, LineEditor(liveAudit?.bucket.bucket ?? plan.basics.bucketName ?? ""))
        promptCandidates = []
    }

    /// Enter in one of the two audit prompts: the bucket, then the profile (empty: the CLI's default).
    mutating func confirmAuditPrompt(_ prompt: Prompt, _ text: String) -> [Command] {
        switch prompt {
        case .auditBucket:
            if let problem = bucketNameProblem(text) {
                status = Status(text: "\(quoted(text)) is not a bucket name: \(problem).", kind: .error)
                overlay = .prompt(.auditBucket, LineEditor(text))
                return []
            }
            overlay = .prompt(.auditProfile(bucket: text), LineEditor(""))
            return []
        case let .auditProfile(bucket):
            let options = AWSOptions(profile: text.isEmpty ? nil : text, region: nil, endpointURL: nil)
            if let problem = options.problems().first {
                status = Status(text: problem, kind: .error)
                overlay = .prompt(.auditProfile(bucket: bucket), LineEditor(text))
                return []
            }
            status = Status(text: "Auditing s3://\(bucket) through the AWS CLI (read-only calls)…", kind: .info)
            return [.audit(bucket: bucket, options: options)]
        default:
            return []
        }
    }

    mutating func audited(bucket: String, result: Result<LiveAudit, LoadFailure>) {
        switch result {
        case let .failure(failure):
            status = Status(text: "Not audited: \(failure.message)", kind: .error)
        case let .success(audit):
            recordUndo(plan)
            plan = audit.plan
            // Nothing is saved yet: the prefilled plan is new answers (quitting asks where to save them).
            answersPath = nil
            savedFingerprint = nil
            liveAudit = audit
            go(to: .review)
            review.tab = .matrix
            review.showsToday = true
            review.row = 0
            let broken = audit.matrix.brokenIntents.count
            // Short enough for 80 columns with a long bucket name: the details are one key away.
            status = Status(text: "s3://\(audit.bucket.bucket): \(broken) intent(s) broken today, \(audit.guesses.count) guesses (? lists them); t: today/hardened",
                            kind: broken == 0 ? .success : .info)
        }
    }

    /// The audit's guesses, for the review's risk list: each names its field, so the user knows what to check.
    var auditGuesses: [String] {
        guard let audit = liveAudit else { return [] }
        return audit.guesses.map { "GUESSED \($0.field): \($0.why)" }
    }

    mutating func toggleTodayMatrix() {
        guard liveAudit != nil else {
            status = Status(text: "No live audit yet: A starts from an existing bucket.", kind: .info)
            return
        }
        review.showsToday.toggle()
        review.row = min(review.row, max(0, (shownMatrix?.principals.count ?? 1) - 1))
    }
}
