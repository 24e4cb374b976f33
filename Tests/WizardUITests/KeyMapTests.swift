import Foundation
import TestSupport
import Testing
@testable import S3HardeningCore
@testable import WizardUI

/// The key map is the one source of every binding: these check that what it prints (docs/keys.md, the help bar,
/// the `?` screen, the CLI summary) is what it dispatches, and the defects the old switch had (issue 10).
@Suite struct KeyMapTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func docsKeysIsTheKeyMap() {
        let problem = compareWithFile(KeyMap.markdown, at: Self.root.appendingPathComponent("docs/keys.md"))
        #expect(problem == nil, "\(problem ?? "")")
    }

    /// The README links the generated page instead of keeping its own copy of the keys, which had drifted.
    @Test func theReadmeLinksTheGeneratedKeysAndKeepsNoCopy() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("(docs/keys.md)"))
        #expect(!readme.contains("| `↑` `↓`"), "the README must not repeat the key table")
    }

    /// A binding every key of which an earlier binding of each of its modes takes would never act.
    @Test func noBindingIsDeadInEveryMode() {
        for (index, binding) in KeyMap.bindings.enumerated() {
            guard case let .keys(keys) = binding.trigger else { continue }
            let live = binding.section.modes.members.contains { mode in
                keys.contains { key in KeyMap.binding(for: key, in: mode).map { $0.help == binding.help && $0.section == binding.section } ?? false }
            }
            #expect(live, "binding \(index) (\(binding.keysLabel): \(binding.help)) never acts")
            #expect(!binding.help.isEmpty)
        }
    }

    /// Each mode's help bar names only keys that act in that mode, with the action the map gives them.
    @Test func theHelpBarNamesKeysThatWork() {
        for mode in KeyMode.allCases {
            for (keys, label) in KeyMap.bar(in: mode) {
                let binding = KeyMap.bindings.first { $0.bar == label && $0.barKeysLabel == keys && $0.section.modes.contains(mode) }
                #expect(binding != nil, "\(mode): \(keys) \(label)")
            }
        }
        #expect(!KeyMap.bar(in: .form).isEmpty && !KeyMap.bar(in: .reviewMatrix).isEmpty && !KeyMap.bar(in: .editing).isEmpty)
    }

    /// The `?` screen lists every binding, the keys of the screen it was opened on first.
    @Test func helpListsEveryBindingWithTheCurrentScreensFirst() {
        var w = Wizard()
        w.press("9m?")
        guard case let .help(_, lines, _)? = w.model.overlay else { Issue.record("no help"); return }
        for binding in KeyMap.bindings { #expect(lines.contains { $0.contains(binding.help) }, "\(binding.help)") }
        let matrix = lines.firstIndex(of: KeySection.reviewMatrix.title), form = lines.firstIndex(of: KeySection.form.title)
        #expect(matrix != nil && form != nil && matrix! < form!)
    }

    /// F5, Ctrl-N / Ctrl-P and h / l worked but were in no help (defect 12).
    @Test func everyWorkingKeyIsDocumented() {
        let docs = KeyMap.markdown
        for key in ["`F5`", "`Ctrl-N`", "`Ctrl-P`", "`h`", "`l`", "`u`", "`PgDn`", "`Ctrl-W`"] { #expect(docs.contains(key), "\(key)") }
        var w = Wizard()
        w.press("<f5>")
        #expect(w.model.step == .review)
        w.press("<c-p>")
        #expect(w.model.step == .workload)
        w.press("<c-n>")
        #expect(w.model.step == .review)
    }

    /// `u` undoes on the review as everywhere else (defect 12).
    @Test func undoWorksOnTheReview() {
        var w = Wizard()
        w.press("7<space>")
        let changed = w.model.plan
        #expect(changed != Plan.example)
        w.press("9u")
        #expect(w.model.step == .review)
        #expect(w.model.plan == Plan.example)
    }

    /// Hiding Key settings keeps every other step's number (defect 10): 9 is Review, 0 Export, 3 says why it is gone.
    @Test func stepNumbersAreStable() {
        var w = Wizard()
        w.press("2<space>")
        #expect(!w.model.steps.contains(.keySettings))
        w.press("9")
        #expect(w.model.step == .review)
        w.press("0")
        #expect(w.model.step == .export)
        w.press("4")
        #expect(w.model.step == .keyAdmins)
        w.press("3")
        #expect(w.model.step == .keyAdmins)
        #expect(w.model.status?.text.contains("Key settings") == true)
        let screen = w.screen
        #expect(screen.contains("4") && screen.contains("Key admins"))
        #expect(!screen.contains("3 ○") && !screen.contains(" 3 "), "the hidden step's number is not shown for another step")
    }

    /// The selected control's explanation scrolls when it is longer than its pane, with its position shown (defect 4).
    @Test func theReviewDetailScrollsWithAnIndicator() {
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            var w = Wizard(size: size)
            w.press("9")
            guard let index = w.model.review.reports.firstIndex(where: { $0.control.title.hasPrefix("Only the listed roles") }) else {
                Issue.record("no such control"); return
            }
            for _ in 0..<index { w.press("j") }
            var screen = w.screen
            #expect(screen.contains(" of ") && screen.contains("PgUp PgDn"), "\(size): no position indicator\n\(screen)")
            var seen = screen.contains("Built by")
            for _ in 0..<10 where !seen {
                w.press("<pgdn>")
                screen = w.screen
                seen = screen.contains("Built by")
            }
            #expect(seen, "\(size): Built by never shown\n\(screen)")
            #expect(screen.contains("Standards") || size.height < 40)
        }
    }

    @Test func theCLISummaryIsTheFormsHelpBar() {
        let summary = WizardKeys.summary
        for (keys, label) in KeyMap.bar(in: .form) { #expect(summary.contains("\(keys) \(label)")) }
    }
}

/// Layout defects of issue 10 at 80x24 and wider, as the screen shows them.
@Suite struct NarrowLayoutTests {
    /// ARNs are cut in the middle so the role names stay apart (three admins no longer read the same).
    @Test func arnsAreElidedInTheMiddle() {
        let arn = "arn:aws:iam::111122223333:role/security-kms-admin"
        let cut = Wrap.elideMiddle(arn, width: 24, ellipsis: "…")
        #expect(cut.count == 24 && cut.hasSuffix("/security-kms-admin") && cut.hasPrefix("arn"))
        #expect(Wrap.elideMiddle(arn, width: 60, ellipsis: "…") == arn)
        var plan = Plan.example
        plan.keyAdministration.adminRoleArns = ["security-one", "security-two", "security-six"].map { "arn:aws:iam::111122223333:role/\($0)" }
        var w = Wizard(plan, size: Size(width: 80, height: 24))
        w.press("4")
        let screen = w.screen
        for name in ["security-one", "security-two", "security-six"] { #expect(screen.contains(name), "\(name)\n\(screen)") }
    }

    /// At 80x24 the matrix shows every network path, readable column codes with their legend, and rows that
    /// read differently; the principal column grows with the terminal.
    @Test func theMatrixStaysReadableAt80Columns() {
        var w = Wizard(size: Size(width: 80, height: 24))
        w.press("9m")
        let screen = w.screen
        for path in NetworkPath.bucketPaths { #expect(screen.contains(path.short), "\(path) tab missing\n\(screen)") }
        for action in AccessAction.allCases { #expect(AccessAction.legend.contains("\(action.code) ") || AccessAction.legend.contains("\(action.code)/")) }
        #expect(screen.contains("KD schedule key deletion"), "the legend is cut\n\(screen)")
        #expect(screen.contains("role reports + AdministratorAccess"), "\(screen)")
        #expect(screen.contains("more principals below"))
        var wide = Wizard(size: Size(width: 200, height: 60))
        wide.press("9m")
        let big = wide.screen
        #expect(big.contains("via-aws-service") && big.contains("put-pol") && big.contains("a role in another account (*:*)"))
    }

    /// Values with wide characters are drawn as themselves, clipped by the columns they take (issue 10, defect 7).
    @Test func wideCharactersAreShownNotQuestionMarks() {
        var plan = Plan.example
        plan.basics.tags = ["チーム": "データ基盤"]
        var w = Wizard(plan, size: Size(width: 80, height: 24))
        let screen = w.screen
        #expect(screen.contains("チーム=データ基盤"), "\(screen)")
        #expect(!screen.contains("????"))
        #expect(Wrap.clip("データ基盤", width: 5, ellipsis: "…") == "デー…")
        #expect(Cell.displayWidth(Wrap.elideMiddle(String(repeating: "デ", count: 30), width: 20, ellipsis: "…")) <= 20)
        let editor = WizardModel.window(of: LineEditor("データ基盤データ基盤"), columns: 9)
        #expect(Cell.displayWidth(editor.text) <= 9 && editor.cursorColumn == Cell.displayWidth(editor.text))
    }

    /// Labels are as wide as the step needs at 200 columns (the longest was cut at every width).
    @Test func labelsUseTheWidthTheTerminalGives() {
        var w = Wizard(size: Size(width: 200, height: 60))
        w.press("5")
        #expect(w.screen.contains("Key prefixes (empty: whole bucket)"))
    }
}

/// Example values follow the edits they were built from (issue 10, defect 1).
@Suite struct FollowUpTests {
    @Test func changingTheAccountOffersToUpdateEveryARNThatNamesIt() {
        var w = Wizard()
        w.press("jjj<enter><c-u>")
        w.type("444455556666")
        w.press("<enter>")
        guard case let .followUp(followUp)? = w.model.overlay else { Issue.record("no follow-up offered"); return }
        #expect(followUp.summary == "2 values still name account 111122223333")
        #expect(followUp.changes.map(\.path.description) == ["key_administration.admin_role_arns[0]", "key_administration.deployer_arns[0]"])
        #expect(w.screen.contains("Update them too?"))
        w.press("y")
        #expect(w.model.plan.keyAdministration.adminRoleArns == ["arn:aws:iam::444455556666:role/security-kms-admin"])
        #expect(w.model.plan.keyAdministration.deployerArns == ["arn:aws:iam::444455556666:role/terraform-deployer"])
        w.model.prove()
        #expect(w.model.generated.diagnostics.errors.isEmpty, "the plan is sound again: \(w.model.generated.diagnostics.errors.map(\.message))")
        w.press("u")
        #expect(w.model.plan.keyAdministration.deployerArns == ["arn:aws:iam::111122223333:role/terraform-deployer"], "u undoes the update")
        #expect(w.model.plan.basics.accountId == "444455556666", "and only the update")
    }

    @Test func declinedFollowUpsKeepTheValues() {
        var w = Wizard()
        w.press("jjj<enter><c-u>")
        w.type("444455556666")
        w.press("<enter>n")
        #expect(w.model.overlay == nil)
        #expect(w.model.plan.keyAdministration.deployerArns == ["arn:aws:iam::111122223333:role/terraform-deployer"])
    }

    /// Names follow the service and environment as whole words only.
    @Test func namesFollowTheServiceAndEnvironmentAsWholeWords() {
        var plan = Plan.example
        let old = plan
        plan.basics.service = "billing"
        let followUp = plan.followUp(since: old)
        #expect(followUp?.updated.basics.bucketName == "billing-prod")
        #expect(followUp?.summary == "1 value still names service pii-reports")
        var renamed = Plan.example
        renamed.basics.bucketName = "pii-reports-production"
        let before = renamed
        renamed.basics.environment = "dev"
        #expect(renamed.followUp(since: before) == nil, "prod inside production is not the environment")
        #expect("a-prod-b:prod/prod".replacingToken("prod", with: "dev") == "a-dev-b:dev/dev")
        #expect("production".replacingToken("prod", with: "dev") == "production")
    }

    /// Nothing derived, nothing asked.
    @Test func editsThatNothingWasBuiltFromAskNothing() {
        var w = Wizard()
        w.press("jj<enter><c-u>")
        w.type("eu-west-1")
        w.press("<enter>")
        #expect(w.model.overlay == nil)
    }
}
