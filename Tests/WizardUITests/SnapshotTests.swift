import Foundation
import TestSupport
import Testing
@testable import S3HardeningCore
@testable import WizardUI

/// Every screen of the wizard as text at 80×24 and 120×40, compared with Snapshots/ (recorded with
/// S3WIZARD_RECORD=1), and docs/screens.md, the screenshots-as-text in the docs, kept fresh the same way.
@Suite struct SnapshotTests {
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs")

    /// (name, keys pressed from the start, what the screen shows).
    static let screens: [(name: String, keys: String, caption: String)] = [
        ("basics", "", "The first screen: the step list, the Basics form and the live preview of the file the focused field changes."),
        ("basics-editing-error", "jjj<enter><bs><bs>", "Editing the account id: the error shows under the field as you type, the step turns red, and the `+` lines are what the change did to the bucket policy."),
        ("encryption", "2", "Encryption: a customer-managed key, the S3 Bucket Key, and how strictly uploads are held to the key."),
        ("encryption-existing-key", "2<space>", "Choosing an existing key hides the key-settings step and asks for the key's ARN."),
        ("key-settings", "3", "Key settings (only for a key created here)."),
        ("key-admins", "4", "Key administrators and deployers: editable lists of ARNs."),
        ("data-access", "5", "Data access: each role with its access level, prefixes and AWS-service access."),
        ("vpc-only", "6", "VPC-only: the VPC, the gateway endpoint, what else it lets through, and TLS."),
        ("protections", "7", "Protections: versioning, lifecycle, logging, object lock, Macie, replication."),
        ("workload", "8", "The optional Lambda scaffold."),
        ("review", "9", "Review: risks first, every control with its state, what it stops and its standard ids, and the selected control explained."),
        ("review-statements", "9<enter>", "Enter on a control shows the exact statements and resources behind it."),
        ("review-matrix", "9m", "The access matrix: who can do what through the endpoint; each cell traced to the statements that decided it."),
        ("review-matrix-internet", "9m]jjj", "The same matrix for requests from the internet: everything denied."),
        ("export", "0", "Export: directory, formats, and the files that will be written."),
        ("export-done", "0", "After writing (the result comes back from the exporter)."),
        ("help", "?", "Help (`?`): the focused field, the step, and every key."),
        ("search", "/route", "Search (`/`) across fields and controls."),
        ("quit-unsaved", "jj<enter>x<enter>q", "Quitting with unsaved changes asks first."),
        ("draft", "", "A draft left by Ctrl-C is offered at the next start."),
    ]

    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

    static func render(_ name: String, _ keys: String, _ size: Size) -> String {
        var draft: DraftOffer? = nil
        if name == "draft" {
            var plan = Plan.example
            plan.basics.environment = "staging"
            draft = DraftOffer(plan: plan, savedAt: "2026-11-29 10:00", path: "/home/u/.local/state/s3wizard/drafts/example.4242-1764650000.yaml")
        }
        var model = WizardModel(plan: Plan.example, answersPath: nil, size: size, draft: draft)
        for key in try! KeyScript.parse(keys) { _ = model.update(.key(key)) }
        if name == "export-done" {
            var report = ExportReport()
            report.created = Plan.example.artifacts().files.map(\.path)
            _ = model.update(.exported(ExportOutcome(directory: "hardened", report: report)))
        }
        model.refresh()
        return model.view().text + "\n"
    }

    @Test(arguments: screens.map(\.name))
    func everyScreenMatchesItsSnapshot(_ name: String) {
        let screen = Self.screens.first { $0.name == name }!
        for size in Self.sizes {
            let url = Self.snapshots.appendingPathComponent("\(name)-\(size.width)x\(size.height).txt")
            if let failure = compareWithFile(Self.render(name, screen.keys, size), at: url) { Issue.record(Comment(rawValue: failure)) }
        }
    }

    @Test func tooSmallScreen() {
        let url = Self.snapshots.appendingPathComponent("too-small-60x20.txt")
        if let failure = compareWithFile(Self.render("too-small", "", Size(width: 60, height: 20)), at: url) { Issue.record(Comment(rawValue: failure)) }
    }

    @Test func asciiScreen() {
        var model = WizardModel(plan: Plan.example, answersPath: nil, size: Size(width: 80, height: 24), unicode: false)
        _ = model.update(.key(.character("5")))
        model.refresh()
        let url = Self.snapshots.appendingPathComponent("data-access-ascii-80x24.txt")
        if let failure = compareWithFile(model.view().text + "\n", at: url) { Issue.record(Comment(rawValue: failure)) }
    }

    /// docs/screens.md: the main screens at 120×40 and the first one at 80×24.
    @Test func docsScreensIsFresh() {
        var text = """
            # The wizard's screens

            Screenshots as text, generated from the UI model by the snapshot tests (`S3WIZARD_RECORD=1 swift test`
            rewrites this file; a test fails when it is stale). Any of them can be reproduced with
            `s3wizard --screen 120x40 --keys "KEYS"` (keys as in the table: `<enter>`, `<esc>`, `<space>`, …).
            Colours come from the theme (see `themes/`); here every cell is plain text.

            """
        let shown = ["basics", "basics-editing-error", "data-access", "vpc-only", "review", "review-statements", "review-matrix", "export-done", "help", "search", "quit-unsaved"]
        for name in shown {
            let screen = Self.screens.first { $0.name == name }!
            text += "\n## \(name)\n\n\(screen.caption)" + (screen.keys.isEmpty ? "" : " Keys: `\(screen.keys)`.") + "\n\n```\n"
            text += Self.render(name, screen.keys, Size(width: 120, height: 40)) + "```\n"
        }
        text += "\n## basics at 80×24\n\nAt 80 columns the step list becomes a strip and the preview narrows (`v` zooms it).\n\n```\n"
        text += Self.render("basics", "", Size(width: 80, height: 24)) + "```\n"
        if let failure = compareWithFile(text, at: Self.docs.appendingPathComponent("screens.md")) { Issue.record(Comment(rawValue: failure)) }
    }
}
