import Foundation
import Testing
import TestSupport
@testable import S3HardeningCore
@testable import WizardUI

/// Keys pressed against the model: `update` only, no terminal.
struct Wizard {
    var model: WizardModel
    var commands: [Command] = []

    init(_ plan: Plan = Plan.example, answersPath: String? = nil, size: Size = Size(width: 120, height: 40),
         draft: (plan: Plan, savedAt: String)? = nil, fingerprint: FileFingerprint? = nil) {
        model = WizardModel(plan: plan, answersPath: answersPath, size: size,
                            draft: draft.map { DraftOffer(plan: $0.plan, savedAt: $0.savedAt, path: "/state/s3wizard/drafts/example.1-2.yaml") },
                            fingerprint: fingerprint)
    }

    /// Presses keys written as a KeyScript (`jj<enter>abc<esc>`); collects the commands.
    mutating func press(_ script: String) {
        for key in try! KeyScript.parse(script) { commands += model.update(.key(key)) }
    }

    mutating func type(_ text: String) {
        for c in text { commands += model.update(.key(.character(c))) }
    }

    /// The screen once typing has paused (the runtime proves the plan then).
    var screen: String {
        mutating get {
            model.prove()
            return model.view().text
        }
    }
    var focusedID: String? { model.focusedRow?.id }
}

@Suite struct ModelTests {
    /// Only the lines that changed are marked, not everything between the first change and the last.
    @Test func changeMarkersFollowARealLineDiff() {
        #expect(ChangedLines.between("a\nb\nc\nd\n", "a\nB\nc\nD\n") == [1, 3])
        #expect(ChangedLines.between("a\nc\n", "a\nb\nc\n") == [1], "an inserted line")
        #expect(ChangedLines.between("a\nb\nc\n", "a\nc\n") == [], "a removed line marks nothing that is left")
        #expect(ChangedLines.between("x\ne\u{301}\ny\n", "x\n\u{e9}\ny\n") == [1], "lines are compared by their bytes, not as equivalent text")
        #expect(ChangedLines.between("ab\nc\n", "abc\nc\n") == [0], "a longer line")
        // Renaming the service changes a few lines of kms.tf, not the ~65 between the first and the last.
        var plan = Plan.example
        let before = plan.artifacts().files.first { $0.path == "terraform/kms.tf" }!.contents
        plan.basics.service = "billing"
        let after = plan.artifacts().files.first { $0.path == "terraform/kms.tf" }!.contents
        let marked = ChangedLines.between(before, after)
        let lines = after.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(!marked.isEmpty)
        for line in marked { #expect(lines[line].contains("billing") || !before.contains(String(lines[line])), "line \(line) did not change: \(lines[line])") }
    }

    /// Every control can be selected and seen: the selected row is never under the detail's heading
    /// (issue 10, defect 3), at 80x24 and 120x40, and the heading stays inside the frame.
    @Test func theSelectedControlIsAlwaysVisibleOnTheReview() {
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            var w = Wizard(size: size)
            w.press("r")
            for step in 0..<w.model.review.reports.count {
                let screen = w.screen
                let title = String(w.model.review.reports[step].control.title.prefix(12))
                let rows = screen.split(separator: "\n")
                #expect(rows.contains { $0.contains("▸ \(title)") }, "\(size.width)x\(size.height): control \(step + 1) (\(title)) is not visible")
                for row in rows { #expect(row.last == "│" || row.last == "┘" || row.last == "┐" || row.last == "┤" || !row.hasPrefix("│"), "the right border is drawn over: \(row)") }
                w.press("j")
            }
        }
    }

    /// Zoomed, the form is hidden: ↑↓ scroll the preview, Enter and the other editing keys change nothing
    /// (issue 10, defect 5).
    @Test func zoomedKeysActOnThePreviewOnly() {
        var w = Wizard()
        let plan = w.model.plan
        let focus = w.model.focus
        w.press("v")
        w.press("jjj<enter>x<enter> d<right>u")
        #expect(w.model.plan == plan, "nothing was edited")
        #expect(w.model.focus == focus, "the hidden focus did not move")
        #expect(!w.model.isEditing)
        #expect(w.model.preview.scroll > 0, "↓ scrolled the preview")
        w.press("v<down>")
        #expect(w.model.focus != focus, "unzoomed, ↓ moves between fields again")
    }

    /// While "Terminal too small" is shown, keys do nothing but q and Ctrl-C (issue 10, defect 6).
    @Test func aTooSmallTerminalIgnoresKeys() {
        var w = Wizard(size: Size(width: 40, height: 10))
        let plan = w.model.plan
        w.press("5dd<enter>x<enter>n")
        #expect(w.model.plan == plan, "no role was deleted unseen")
        #expect(w.model.step == .basics)
        #expect(w.screen.contains("Terminal too small"))
        w.press("q")
        #expect(w.commands.contains { if case .quit = $0 { true } else { false } })
    }

    @Test func typingEditsThePlanAndThePreviewMarksTheChangedLines() {
        var w = Wizard()
        w.press("<enter><c-u>")
        w.type("billing")
        w.model.refresh() // the runtime does this before each frame
        #expect(w.model.plan.basics.service == "billing")
        #expect(w.model.isDirty)
        #expect(w.model.generated.plan == w.model.plan)
        let changed = w.model.preview.changed[w.model.previewPath] ?? []
        #expect(!changed.isEmpty)
        #expect(w.screen.contains("billing-prod"))
        #expect(w.screen.contains("+ "))
        w.press("<enter>")
        #expect(!w.model.isEditing)
        #expect(w.focusedID == "basics.environment")
    }

    /// A key renders the previewed file only; the others when they are shown (Tab) or read.
    @Test func aKeystrokeRendersOnlyThePreviewedFile() {
        var w = Wizard()
        w.press("<enter>")
        w.type("x")
        // The service's own file (s3.tf) reads it through variables: the first key finds the file that changed.
        w.model.refresh()
        #expect(w.model.preview.followed?.path == "terraform/kms.tf")
        w.type("y")
        w.model.refresh()
        #expect(w.model.generated.renderedPaths == [w.model.previewPath])
        #expect(w.model.generated.file(w.model.previewPath) == w.model.plan.artifacts()[w.model.previewPath]?.contents)
        w.press("<enter><tab>")
        w.model.refresh()
        #expect(w.model.generated.renderedPaths.count == 2, "Tab rendered the next file")
    }

    /// When the focused row's file did not change, the preview follows the first file that did, as found by
    /// comparing every file of the two plans.
    @Test func thePreviewFollowsTheFirstChangedFile() {
        var w = Wizard()
        w.model.refresh()
        let before = w.model.plan, shown = w.model.previewPath
        w.model.plan.protections.logRetentionDays = 400
        w.model.refresh()
        let old = before.artifacts(), new = w.model.plan.artifacts()
        #expect(old[shown]?.contents == new[shown]?.contents, "the focused row's file does not change")
        let expected = new.files.first { $0.path != Plan.answersFileName && old[$0.path]?.contents != $0.contents }?.path
        #expect(expected != nil && w.model.previewPath == expected)
        #expect(!(w.model.preview.changed[expected ?? ""] ?? []).isEmpty)
    }

    @Test func typingWithoutEnterExplainsItself() {
        var w = Wizard()
        w.press("x")
        #expect(w.model.plan == Plan.example)
        #expect(w.screen.contains("Press Enter to edit this field"))
    }

    @Test func escapeUndoesTheWholeEdit() {
        var w = Wizard()
        w.press("<enter>xyz<esc>")
        #expect(w.model.plan == Plan.example)
        #expect(!w.model.isDirty)
    }

    @Test func aNumberOutOfRangeIsShownAndNeverStored() {
        var w = Wizard()
        w.press("3")
        #expect(w.model.step == .keySettings)
        w.press("jjj")
        #expect(w.focusedID == "encryption.deletion_window_days")
        w.press("<enter><c-u>45")
        #expect(w.model.plan.encryption.deletionWindowDays == 30, "45 is outside 7...30; the last valid value stays")
        #expect(w.screen.contains("a whole number from 7 to 30"))
        w.press("<enter>")
        #expect(w.model.plan.encryption.deletionWindowDays == 30)
        #expect(w.screen.contains("kept the previous value"))
        w.press("<enter><c-u>14<enter>")
        #expect(w.model.plan.encryption.deletionWindowDays == 14)
    }

    @Test func errorsBlockNextButNeverTrap() {
        var w = Wizard()
        w.press("jjj<enter><bs><enter>")
        #expect(w.model.problems(in: .basics).errors == 1)
        w.press("n")
        #expect(w.model.step == .basics)
        #expect(w.screen.contains("fix it to go on"))
        w.press("4")
        #expect(w.model.step == .keyAdmins, "jumping is always allowed")
        w.press("b")
        #expect(w.model.step == .keySettings)
        #expect(w.screen.contains("✗ Basics"), "the step list shows where the error is")
    }

    @Test func listItemsAreAddedRemovedAndUndone() {
        var w = Wizard()
        w.press("4")
        let before = w.model.plan.keyAdministration.adminRoleArns
        w.press("j")
        #expect(w.focusedID == "key_administration.admin_role_arns.add")
        w.press("<enter>")
        #expect(w.model.isEditing)
        w.type("arn:aws:iam::111122223333:role/security-break-glass")
        w.press("<enter>")
        #expect(w.model.plan.keyAdministration.adminRoleArns == before + ["arn:aws:iam::111122223333:role/security-break-glass"])
        // An item left empty goes away.
        w.press("k<enter><enter>")
        #expect(w.model.plan.keyAdministration.adminRoleArns.count == 2)
        w.press("kk<enter><c-u><enter>")
        #expect(w.model.plan.keyAdministration.adminRoleArns.count == 1)
        w.press("k")
        #expect(w.focusedID == "key_administration.admin_role_arns[0]")
        w.press("d")
        #expect(w.model.plan.keyAdministration.adminRoleArns.isEmpty)
        #expect(w.screen.contains("at least one key administrator") || w.model.problems(in: .keyAdmins).errors + w.model.problems(in: .keyAdmins).warnings > 0)
        w.press("u")
        #expect(w.model.plan.keyAdministration.adminRoleArns.count == 1)
    }

    @Test func addingARoleFocusesItsName() {
        var w = Wizard()
        w.press("5<end><enter>")
        #expect(w.model.plan.dataAccess.roles.count == 2)
        #expect(w.focusedID == "data_access.roles[1].name")
        #expect(w.model.isEditing)
        w.press("<c-u>")
        w.type("writer")
        w.press("<enter><right>")
        #expect(w.model.plan.dataAccess.roles[1].access == .write)
        #expect(w.model.previewPath == "policies/bucket-policy.json")
        w.press("jj")
        #expect(w.focusedID == "data_access.roles[1].role_name")
        w.press("j<enter>x")
        w.model.refresh()
        #expect(w.model.plan.dataAccess.roles[1].trustedService == "lambda.amazonaws.comx")
        #expect(w.model.previewPath == "policies/roles/writer/trust-policy.json")
    }

    @Test func stepsThatDoNotApplyAreHidden() {
        var w = Wizard()
        #expect(w.model.steps.contains(.keySettings))
        w.press("2<space>")
        #expect(w.model.plan.encryption.key == .existing)
        #expect(!w.model.steps.contains(.keySettings))
        #expect(w.model.rows.contains { $0.id == "encryption.existing_key_arn" })
        #expect(!w.screen.contains("Key settings"))
    }

    @Test func quittingWithUnsavedChangesAsks() throws {
        var w = Wizard()
        w.press("q")
        #expect(w.commands.contains { if case .quit(0) = $0 { true } else { false } }, "nothing changed: quits at once")
        w = Wizard()
        w.press("<enter>x<enter>")
        #expect(w.screen.contains("Update them too?"), "the bucket name was built from the service")
        w.press("nq")
        #expect(w.commands.isEmpty)
        #expect(w.screen.contains("Save the answers before quitting?"))
        w.press("<esc>")
        #expect(!w.screen.contains("Save the answers before quitting?"))
        w.press("qy")
        #expect(w.screen.contains("Save answers as"), "no file yet: asks for a name")
        w.press("<enter>")
        guard case let .saveAnswers(path, text, _)? = w.commands.last else { Issue.record("no save command"); return }
        #expect(path == "answers.yaml")
        #expect(try AnswersFile.parse(text) == w.model.plan)
        w.commands = []
        w.commands += w.model.update(.answersSaved(path: path, error: nil))
        #expect(w.commands.contains { if case .quit(0) = $0 { true } else { false } })
        #expect(!w.model.isDirty)
    }

    @Test func aFailedSaveKeepsTheWizardOpen() {
        var w = Wizard(answersPath: "/nonexistent/answers.yaml")
        w.press("<enter>x<enter>qy")
        w.commands = []
        w.commands += w.model.update(.answersSaved(path: "/nonexistent/answers.yaml", error: "cannot save: No such file or directory"))
        #expect(w.commands.isEmpty)
        #expect(w.model.isDirty)
        #expect(w.screen.contains("Not saved: cannot save: No such file or directory"))
    }

    @Test func ctrlCKeepsUnsavedAnswersAsADraft() throws {
        var w = Wizard()
        w.press("<enter>x")
        w.press("<c-c>")
        guard w.commands.count == 1, case let .saveDraft(text, answersPath) = w.commands[0] else {
            Issue.record("expected saveDraft, got \(w.commands)")
            return
        }
        #expect(answersPath == nil, "the example's draft")
        #expect(try AnswersFile.parse(text).basics.service == "pii-reportsx", "the edit in progress is kept")
        // The quit follows the draft, and the message says where it went.
        let quit = w.model.update(.draftSaved(.saved(path: "/state/example.1-2.yaml", problems: [])))
        guard case .quit(130)? = quit.first else { Issue.record("no quit after the draft: \(quit)"); return }
        #expect(w.model.exitNote == "s3wizard: interrupted; unsaved answers kept in /state/example.1-2.yaml (offered at the next start)")
    }

    /// A draft that cannot be written anywhere: the wizard stays open and says so (issue 9, "Drafts that lie").
    @Test func ctrlCWithNowhereToKeepADraftKeepsTheWizardOpen() {
        var w = Wizard()
        w.press("<enter>x<c-c>")
        let problems = ["/home/u/.local/state/s3wizard/drafts: cannot create the directory: Not a directory",
                        "/work/.s3wizard-drafts/example.1-2.yaml: cannot save: Permission denied; the previous file is unchanged"]
        #expect(w.model.update(.draftSaved(.failed(problems: problems))).isEmpty, "quit although nothing was kept")
        let screen = w.screen
        #expect(screen.contains("Draft not written: s saves, Ctrl-C quits anyway. Tried /home/u/.local/state/s3wizard/drafts"))
        #expect(w.model.exitNote == nil)
        // A second Ctrl-C quits, and says the answers were not kept.
        w.commands = []
        w.press("<c-c>")
        guard case .quit(130)? = w.commands.first else { Issue.record("the second Ctrl-C did not quit: \(w.commands)"); return }
        #expect(w.model.exitNote?.contains("NOT kept") == true)
    }

    @Test func aDraftIsOfferedAndResumed() {
        var draft = Plan.example
        draft.basics.service = "from-draft"
        var w = Wizard(draft: (draft, "2026-11-29 10:00"))
        #expect(w.screen.contains("Resume your draft?"))
        w.press("y")
        #expect(w.model.plan.basics.service == "from-draft")
        #expect(w.model.isDirty)
        var declined = Wizard(draft: (draft, "2026-11-29 10:00"))
        declined.press("n")
        #expect(declined.model.plan == Plan.example)
        #expect(declined.commands.contains { if case .discardDraft = $0 { true } else { false } })
    }

    @Test func exportAsksTheRuntimeWithTheFormats() {
        var w = Wizard()
        w.press("e")
        #expect(w.model.step == .export)
        w.press("<enter><c-u>")
        w.type("/tmp/out")
        w.press("<enter><space>jjj<enter>")
        guard case let .export(plan, directory, formats, force, _)? = w.commands.last else { Issue.record("no export command: \(w.commands)"); return }
        #expect(plan == w.model.plan)
        #expect(directory == "/tmp/out")
        #expect(formats == [.json])
        #expect(!force)
        _ = w.model.update(.exported(ExportOutcome(directory: "/tmp/out", conflicts: ["policies/bucket-policy.json"])))
        #expect(w.screen.contains("Changed by hand since the last export"), "the per-file review opens")
        #expect(w.screen.contains("policies/bucket-policy.json"))
    }

    @Test func exportIsRefusedWhileThereAreErrors() {
        var w = Wizard()
        w.press("jjj<enter><bs><enter>e<end>k") // break the account id, go to export, onto "Write files"
        #expect(w.focusedID == "export.write")
        w.press("<enter>")
        #expect(!w.commands.contains { if case .export = $0 { true } else { false } })
        #expect(w.screen.contains("error(s) in the answers"))
    }

    @Test func searchJumpsToAFieldOrAControl() {
        var w = Wizard()
        w.press("/vpc id<enter>")
        #expect(w.model.step == .network)
        #expect(w.focusedID == "network.vpc_id")
        w.press("/tls only<enter>")
        #expect(w.model.step == .review)
        #expect(w.model.review.reports[w.model.review.selected].control.id == .tlsOnly)
    }

    @Test func reviewShowsControlsTheMatrixAndTheStatements() {
        var w = Wizard()
        w.press("r")
        #expect(w.screen.contains("All 11 intents hold"))
        #expect(w.screen.contains("off·you"))
        let vpcOnly = w.model.review.reports.firstIndex { $0.control.id == .vpcOnly }!
        for _ in 0..<vpcOnly { w.press("j") }
        w.press("<enter>")
        #expect(w.screen.contains("\"Sid\": \"DenyOutsideVpce\""), "Enter shows the exact statement")
        w.press("<esc>m")
        #expect(w.screen.contains("principal"))
        #expect(w.screen.contains("via-endpoint"))
        w.press("]")
        #expect(w.model.review.path == .internet)
        #expect(w.screen.contains("denied"), "the selected cell is traced")
    }

    /// A proof in which the first intent is broken by a stand-in request (the field rules stop every real
    /// cause first, so one is put in): what the wizard does with a broken intent.
    static func breakFirstIntent(_ w: inout Wizard) {
        w.model.refresh()
        let proven = try! w.model.plan.accessMatrix()
        w.model.generated = Generated(w.model.plan)
        w.model.generated.accept(AccessMatrix(principals: proven.principals, cells: proven.cells, intents: [
            IntentResult(id: .onlyListedRoles, statement: "Only the listed roles read the data.",
                         violations: [IntentViolation("another role in the account reads from the internet", field: FieldPath(\.dataAccess.roles, 0))]),
        ] + proven.intents.dropFirst(), notes: proven.notes))
    }

    @Test func aBrokenIntentIsTheFirstThingOnTheReview() {
        var w = Wizard()
        w.press("r")
        Self.breakFirstIntent(&w)
        let screen = w.model.view()
        let firstLine = screen.text.split(separator: "\n")[2]
        #expect(firstLine.contains("BROKEN intent only-listed-roles"))
        #expect(firstLine.contains("(another role in the"))
        let x = firstLine.distance(from: firstLine.startIndex, to: firstLine.firstRange(of: "BROKEN")!.lowerBound)
        #expect(screen[x, 2].style == .error)
        #expect(!screen.text.contains("intents hold"))
    }

    @Test func aBrokenIntentMarksItsFieldAndStepAndBlocksExport() {
        var w = Wizard()
        Self.breakFirstIntent(&w)
        #expect(w.model.problems(in: .dataAccess).errors == 1, "the step of the blamed field shows ✗")
        #expect(w.model.stepMarker(.dataAccess).0 == Glyphs.unicode.error, "✗ even before the step is visited")
        w.press("5")
        #expect(w.screen.contains("breaks intent only-listed-roles"), "the error shows under the role")
        w.model.export.directory = "out"
        #expect(w.model.requestExport().isEmpty, "export is blocked")
        #expect(w.model.status?.text.contains("error(s) in the answers") == true)
        // Accepted knowingly, it is a warning, shown first on the review, and export goes ahead.
        w.model.plan.proof.acceptedBrokenIntents = [AcceptedBrokenIntent(.onlyListedRoles, reason: "audit week (SEC-7)")]
        Self.breakFirstIntent(&w)
        #expect(w.model.problems(in: .dataAccess).errors == 0)
        w.press("r")
        Self.breakFirstIntent(&w)
        #expect(w.model.view().text.split(separator: "\n")[2].contains("BROKEN intent only-listed-roles, ACCEPTED (audit week (SEC-7))"))
        #expect(w.model.view().text.contains("10 of 11 intents hold; 1 broken, accepted"))
    }

    /// Every row that edits an answer is named by its field's answers path (the one its diagnostics carry).
    @Test func everyRowNamesARealField() {
        for preset in Preset.all {
            var plan = preset.plan
            plan.network.endpoint = .existing  // show the rows each choice reveals, too
            for candidate in [preset.plan, plan] {
                for step in StepID.allCases {
                    for row in step.rows(for: candidate) {
                        if case .action = row.kind { continue }
                        #expect(FieldPath.isField(FieldPath(row.id)), "\(preset.name), \(step): row \(row.id) is not an answers field")
                        #expect(!row.help.isEmpty, "\(row.id) has help from the field tables")
                    }
                }
            }
        }
    }

    @Test func theProofRunsWhenTypingPausesAndBeforeLeavingAStep() {
        var w = Wizard()
        w.press("<enter><c-u>")
        w.type("billing")
        w.model.refresh()
        #expect(w.model.needsProof, "a keystroke regenerates the preview only")
        #expect(w.model.generated.matrix == nil)
        w.press("<enter>yn")
        #expect(w.model.plan.basics.bucketName == "billing-prod", "the bucket name follows the service")
        #expect(!w.model.needsProof, "leaving the step proves the plan")
        #expect(w.model.generated.matrix?.brokenIntents.isEmpty == true)
    }

    @Test func theRuntimeExportIsByteForByteGenerate() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("s3wizard-ui-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let plan = Preset.readerWriter.plan
        let outcome = CommandRunner.export(plan, to: base.appendingPathComponent("wizard").path, formats: Set(OutputFormat.allCases), force: false)
        #expect(outcome.error == nil && outcome.conflicts.isEmpty)
        for file in plan.artifacts().files {
            let written = try String(contentsOf: base.appendingPathComponent("wizard").appendingPathComponent(file.path), encoding: .utf8)
            #expect(written == file.contents, "\(file.path)")
        }
    }

    @Test func tooSmallSaysSoAndRecovers() {
        var w = Wizard(size: Size(width: 60, height: 20))
        #expect(w.screen.contains("Terminal too small: 60×20"))
        _ = w.model.update(.resize(Size(width: 80, height: 24)))
        #expect(w.screen.contains("Service name"))
    }

    @Test func asciiScreensAreASCII() {
        var model = WizardModel(plan: Plan.example, answersPath: nil, size: Size(width: 120, height: 40), unicode: false)
        for script in ["", "5", "r", "rm", "e", "?", "/vpc"] {
            for key in try! KeyScript.parse(script) { _ = model.update(.key(key)) }
            let text = model.view().text
            #expect(text.allSatisfy { $0.isASCII }, "\(script)")
            model.overlay = nil
        }
    }

    /// Any key in any state: a fixed-seed storm of keys and resizes, drawn at every step, never crashes
    /// and never draws outside the buffer.
    @Test func keyStormsAndLongPastesAreHarmless() {
        var generator = SplitMix64(seed: 42)
        let keys: [Key] = [.up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .enter, .tab, .backTab, .backspace,
                           .delete, .escape, .function(1), .function(2), .function(5), .control("u"), .control("w"), .control("k")]
            + "abcxyz0123456789 ?/qnbdemruvfjk[]<>-:é世\u{7}\u{1b}".map { Key.character($0) }
        var w = Wizard()
        for i in 0..<2000 {
            let key = keys[Int(generator.next() % UInt64(keys.count))]
            if key == .character("q") || key == .function(10) { continue }
            w.commands += w.model.update(.key(key))
            if i % 97 == 0 { _ = w.model.update(.resize(Size(width: Int(generator.next() % 200), height: Int(generator.next() % 60)))) }
            if i % 13 == 0 { w.model.refresh(); _ = w.model.view() }
        }
        _ = w.model.update(.resize(Size(width: 120, height: 40)))
        w.model.overlay = nil
        w.press("1<enter><c-u>")
        w.type(String(repeating: "a-very-long-pasted-name ", count: 400))
        w.model.refresh()
        let screen = w.model.view()
        #expect(screen.text.split(separator: "\n").allSatisfy { $0.count <= 120 })
        #expect(!screen.text.contains("\u{1b}"))
    }
}
