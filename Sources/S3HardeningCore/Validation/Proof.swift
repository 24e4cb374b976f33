// The offline proof as a gate: a plan whose own intents do not hold is an error, like a bad field, unless the
// answers accept that intent knowingly (proof.accepted_broken_intents, with a reason).

extension Plan {
    /// Runs the access matrix (on the policies already built, when given) and turns its intents into
    /// diagnostics (see `proofDiagnostics(_:)`). A plan the simulator cannot read is an error too: an output
    /// that cannot be proved is not written. The one place validate, generate and the wizard prove a plan.
    public func prove(policies: PolicySet? = nil) -> (matrix: AccessMatrix?, diagnostics: [Diagnostic]) {
        do {
            let matrix = try accessMatrix(policies: policies)
            return (matrix, proofDiagnostics(matrix))
        } catch {
            return (nil, [.proofFailed(error)])
        }
    }

    /// Each broken intent is an error on each answers field its violations blame (the principal's field, else
    /// the intent's), naming the first violating request there; an accepted one is a warning that says so.
    /// Accepting an intent that holds is a warning too: the acceptance is stale.
    public func proofDiagnostics(_ matrix: AccessMatrix) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let accepted = Dictionary(proof.acceptedBrokenIntents.enumerated().map { ($0.element.intent, $0.offset) }, uniquingKeysWith: { a, _ in a })
        for intent in matrix.intents {
            if intent.holds {
                if let index = accepted[intent.id] {
                    diagnostics.append(.warning(FieldPath(\.proof.acceptedBrokenIntents, index, \.intent),
                                                "'\(intent.id)' is accepted as broken but holds: remove the acceptance").about(intent.id))
                }
                continue
            }
            if let index = accepted[intent.id] {
                let reason = proof.acceptedBrokenIntents[index].reason
                diagnostics.append(.warning(FieldPath(\.proof.acceptedBrokenIntents, index, \.intent),
                                            "intent \(intent.id) is BROKEN and accepted (\(reason)): \(intent.violations.count) request(s) go the other way, first: \(intent.violations[0].text)").about(intent.id))
                continue
            }
            var firstByField: [(field: FieldPath, violation: IntentViolation, count: Int)] = []
            for violation in intent.violations {
                if let i = firstByField.firstIndex(where: { $0.field == violation.field }) { firstByField[i].count += 1 }
                else { firstByField.append((violation.field, violation, 1)) }
            }
            for entry in firstByField {
                let more = entry.count > 1 ? " (and \(entry.count - 1) more request(s) blamed on this field)" : ""
                diagnostics.append(.error(entry.field,
                    "breaks intent \(intent.id) (\(intent.statement)): \(entry.violation.text)\(more). Change this answer, or accept the intent knowingly in proof.accepted_broken_intents with a reason").about(intent.id))
            }
        }
        return diagnostics
    }

    /// The accepted broken intents with their reasons and first violation, for the output README and the review.
    public func acceptedBrokenIntents(in matrix: AccessMatrix) -> [(intent: IntentResult, reason: String)] {
        proof.acceptedBrokenIntents.compactMap { accepted in
            matrix.intents.first { $0.id == accepted.intent && !$0.holds }.map { ($0, accepted.reason) }
        }
    }
}
