import Testing
@testable import S3HardeningCore

@Suite struct CatalogueTests {
    @Test func everyControlHasExactlyOneEntryInOrder() {
        #expect(Control.catalogue.map(\.id) == ControlID.allCases)
        for control in Control.catalogue {
            for text in [control.title, control.what, control.threat, control.cost, control.breaks] { #expect(!text.isEmpty, "\(control.id)") }
        }
    }

    @Test(arguments: Preset.all.map(\.name))
    func everyControlThatIsOnIsImplementedBySomething(_ name: String) {
        for report in Preset.named(name)!.plan.controlReports where report.state.kind == .on {
            #expect(!report.implementedBy.isEmpty, "\(name): \(report.control.id) is on but nothing implements it")
        }
    }

    @Test func tracesNameRealStatementsAndFiles() {
        let plan = Plan.example
        let files = Set(plan.artifacts().files.map(\.path))
        for report in plan.controlReports {
            for trace in report.implementedBy {
                let file = String(trace.split(separator: " ")[0])
                #expect(files.contains(file), "\(trace) names a file that is not generated")
            }
        }
        let vpc = plan.controlReports.first { $0.control.id == .vpcOnly }!
        #expect(vpc.implementedBy.contains("policies/bucket-policy.json › DenyOutsideVpce"))
    }

    @Test func statesFollowTheAnswers() {
        var plan = Plan.example
        func state(_ id: ControlID) -> ControlState.Kind { plan.controlReports.first { $0.control.id == id }!.state.kind }
        #expect(state(.objectLock) == .offByChoice)
        #expect(state(.versioning) == .on)
        plan.protections.versioning = false
        #expect(state(.versioning) == .offByChoice)
        plan.dataAccess.roles[0].viaAwsServices = true
        #expect(state(.vpcOnly) == .weakened)
        plan.network.otherS3Traffic = .anyBucket
        #expect(state(.endpointPolicy) == .weakened)
    }

    @Test func explainTextHasEverySection() {
        let text = ControlText.full(Control.find("vpc-only")!, report: Plan.example.controlReports.first { $0.control.id == .vpcOnly })
        for label in ["What it does:", "Threat it stops:", "What it costs:", "What it can break:", "Standards:", "State in this plan:", "Implemented by:"] {
            #expect(text.contains(label))
        }
        #expect(Control.find("nonsense") == nil)
    }
}
