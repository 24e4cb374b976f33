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

    /// Every statement and block a control names is in the generated files, for every preset and the plans
    /// the proof-gate test builds from them (so a renamed resource or Sid fails here, not on the review).
    @Test(arguments: Preset.all.map(\.name))
    func tracesNameRealStatementsAndBlocks(_ name: String) {
        for plan in ProofGateTests.mutatedPlans(name, valid: true) {
            var files: [String: String] = [:]
            for file in plan.artifacts().files { files[file.path] = file.contents }
            for report in plan.controlReports {
                for trace in report.implementedBy {
                    #expect(trace.excerpt(in: files) != nil, "\(name): \(report.control.id) traces to \(trace), which is not generated")
                }
            }
        }
        let example = Dictionary(uniqueKeysWithValues: Plan.example.artifacts().files.map { ($0.path, $0.contents) })
        #expect(Trace(file: "terraform/s3.tf", target: .block(address: ResourceAddress(.s3Bucket, "nope"))).excerpt(in: example) == nil)
        #expect(Trace(file: "policies/bucket-policy.json", target: .statement(sid: "Nope")).excerpt(in: example) == nil)
        #expect(Trace(file: "terraform/s3.tf", target: .block(address: .dataBucket)).excerpt(in: example)?.first == "resource \"aws_s3_bucket\" \"data\" {")
        let vpc = Plan.example.controlReports.first { $0.control.id == .vpcOnly }!
        #expect(vpc.implementedBy.contains(Trace(file: "policies/bucket-policy.json", target: .statement(sid: "DenyOutsideVpce"))))
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
