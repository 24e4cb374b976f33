import Foundation
import Testing
@testable import S3HardeningCore

/// The Terraform and the JSON must state the same policy. This reads each `jsonencode(...)` argument
/// back out of the generated .tf text with an independent reader, replaces every Terraform expression
/// by the value the JSON uses for it, and compares the result with the JSON file parsed by Foundation.
@Suite struct ParityTests {
    /// (Terraform file, resource header, policy attribute, JSON file)
    private func pairs(_ plan: Plan) -> [(String, String, String, String)] {
        var list: [(String, String, String, String)] = [("s3.tf", "resource \"aws_s3_bucket_policy\" \"data\"", "policy", "bucket-policy.json")]
        if plan.createsKey { list.append(("kms.tf", "resource \"aws_kms_key\" \"data\"", "policy", "key-policy.json")) }
        if plan.createsEndpoint { list.append(("network.tf", "resource \"aws_vpc_endpoint\" \"s3\"", "policy", "endpoint-policy.json")) }
        if plan.createsSupportKey { list.append(("kms.tf", "resource \"aws_kms_key\" \"support\"", "policy", "support-key-policy.json")) }
        if plan.createsLogBucket { list.append(("logging.tf", "resource \"aws_s3_bucket_policy\" \"logs\"", "policy", "log-bucket-policy.json")) }
        for role in plan.dataAccess.roles where role.source == .create {
            let name = References.terraformName(role.name)
            list.append(("iam.tf", "resource \"aws_iam_role\" \"\(name)\"", "assume_role_policy", "roles/\(role.name)/trust-policy.json"))
        }
        if plan.protections.replication {
            list.append(("iam.tf", "resource \"aws_iam_role\" \"replication\"", "assume_role_policy", "roles/replication/trust-policy.json"))
            list.append(("iam.tf", "resource \"aws_iam_role_policy\" \"replication\"", "policy", "roles/replication/identity-policy.json"))
        }
        if let role = plan.workloadRole {
            list.append(("iam.tf", "resource \"aws_iam_role_policy\" \"\(References.terraformName(role.name))\"", "policy", "roles/\(role.name)/identity-policy.json"))
        }
        if plan.createsTrailBucket { list.append(("audit.tf", "resource \"aws_s3_bucket_policy\" \"trail\"", "policy", "trail-bucket-policy.json")) }
        if plan.auditTrailEnabled { list.append(("audit.tf", "resource \"aws_sns_topic_policy\" \"alarms\"", "policy", "alarm-topic-policy.json")) }
        if plan.organization.resourceControlPolicy {
            list.append(("organization/main.tf", "resource \"aws_organizations_policy\" \"data_perimeter\"", "content", "rcp.json"))
        }
        return list
    }

    /// Every Terraform expression a reference can print as, with the JSON value of the same reference.
    private func substitutions(_ plan: Plan, root: References.Root = .workload) -> [String: Any] {
        let references = References(plan, root: root)
        var refs: [Ref] = [.partition, .region, .dnsSuffix, .accountId, .bucketName, .bucketArn, .keyArn, .endpointId, .vpcId,
                           .keyAdminArns, .deployerArns, .logBucketName, .logBucketArn, .supportKeyArn, .organizationId,
                           .functionLogGroupArn, .deadLetterQueueArn, .replicationRoleArn, .replicationBucketArn,
                           .replicationKeyArn, .replicationRegion, .keyId, .supportKeyId, .trailArn, .trailBucketName,
                           .trailBucketArn, .alarmRuleArn, .alarmTopicArn]
        refs += plan.dataAccess.roles.map { .roleArn($0.name) }
        var table: [String: Any] = [:]
        for ref in refs {
            guard case let .expression(expression) = references.terraform(ref) else { continue }
            var renderer = JSONRenderer(References(plan))
            let json = renderer.render(ref.isList ? .splice(ref) : .string(Text(ref)))
            table[expression] = parsedJSON(json)
        }
        return table
    }

    @Test(arguments: Preset.all.map(\.name))
    func terraformAndJsonStateTheSamePolicies(_ name: String) throws {
        let plan = Preset.named(name)!.plan
        let artifacts = plan.artifacts()
        let tables = [false: substitutions(plan), true: substitutions(plan, root: .organization)]
        for (tf, header, attribute, json) in pairs(plan) {
            let table = tables[tf.hasPrefix("organization/")]!
            let text = try #require(artifacts["terraform/\(tf)"]?.contents)
            let block = try #require(text.range(of: header + " {"), "\(header) not in \(tf)")
            let start = try #require(text.range(of: "\(attribute) = jsonencode(", range: block.upperBound..<text.endIndex))
            var reader = HCLReader(text: String(text[start.upperBound...]), substitutions: table)
            let fromTerraform = try reader.value()
            let jsonText = try #require(artifacts["policies/\(json)"]?.contents)
            let fromJSON = try #require(parsedJSON(jsonText))
            #expect(NSDictionary(dictionary: ["v": fromTerraform]).isEqual(to: ["v": fromJSON]), "\(name): \(tf) \(header) differs from \(json)")
        }
    }

    @Test func theReaderSeesDifferences() throws {
        // The comparison above can fail: a changed value is noticed.
        var reader = HCLReader(text: "{\n  A = \"x\"\n  B = [var.v, \"${var.s}/*\"]\n})", substitutions: ["var.v": "1", "var.s": "2"])
        let value = try reader.value()
        #expect(NSDictionary(dictionary: ["v": value]).isEqual(to: ["v": ["A": "x", "B": ["1", "2/*"]]]))
        #expect(!NSDictionary(dictionary: ["v": value]).isEqual(to: ["v": ["A": "x", "B": ["1", "2"]]]))
    }
}

/// Reads the HCL subset s3wizard writes inside jsonencode(): objects, lists, strings with
/// `${expr}` interpolation, bare references, concat(...), true/false and numbers.
struct HCLReader {
    struct Failure: Error, CustomStringConvertible { let description: String }
    let chars: [Character]
    var i = 0
    let substitutions: [String: Any]

    init(text: String, substitutions: [String: Any]) {
        chars = Array(text)
        self.substitutions = substitutions
    }

    mutating func skipSpace() {
        while i < chars.count, chars[i].isWhitespace || chars[i] == "," { i += 1 }
    }

    mutating func value() throws -> Any {
        skipSpace()
        guard i < chars.count else { throw Failure(description: "unexpected end") }
        switch chars[i] {
        case "{": return try object()
        case "[": return try list()
        case "\"": return try string()
        default: return try bare()
        }
    }

    mutating func object() throws -> [String: Any] {
        i += 1
        var result: [String: Any] = [:]
        while true {
            skipSpace()
            if chars[i] == "}" { i += 1; return result }
            let key: String
            if chars[i] == "\"" { key = try string() } else {
                var k = ""
                while chars[i] != " " && chars[i] != "=" { k.append(chars[i]); i += 1 }
                key = k
            }
            skipSpace()
            guard chars[i] == "=" else { throw Failure(description: "expected = after \(key)") }
            i += 1
            result[key] = try value()
        }
    }

    mutating func list() throws -> [Any] {
        i += 1
        var result: [Any] = []
        while true {
            skipSpace()
            if chars[i] == "]" { i += 1; return result }
            result.append(try value())
        }
    }

    mutating func string() throws -> String {
        i += 1
        var out = ""
        while chars[i] != "\"" {
            if chars[i] == "\\" { i += 1; out.append(chars[i] == "n" ? "\n" : chars[i]); i += 1; continue }
            if chars[i] == "$", chars[i + 1] == "$" { out.append("$"); i += 2; continue }
            if chars[i] == "$", chars[i + 1] == "{" {
                i += 2
                var expression = ""
                while chars[i] != "}" { expression.append(chars[i]); i += 1 }
                i += 1
                guard let value = substitutions[expression] as? String else { throw Failure(description: "unknown expression ${\(expression)}") }
                out += value
                continue
            }
            out.append(chars[i])
            i += 1
        }
        i += 1
        return out
    }

    mutating func bare() throws -> Any {
        var token = ""
        var depth = 0
        while i < chars.count {
            let c = chars[i]
            if depth == 0 && (c == "\n" || c == "," || c == "]" || c == "}" || c == ")") { break }
            if c == "[" || c == "(" { depth += 1 }
            if c == "]" || c == ")" { depth -= 1 }
            token.append(c)
            i += 1
        }
        token = token.trimmingCharacters(in: .whitespaces)
        if token == "true" || token == "false" { return token == "true" }
        if let n = Int(token) { return n }
        if token.hasPrefix("concat(") {
            var inner = HCLReader(text: String(token.dropFirst(7).dropLast()), substitutions: substitutions)
            var items: [Any] = []
            while true {
                inner.skipSpace()
                if inner.i >= inner.chars.count { break }
                let part = try inner.value()
                guard let array = part as? [Any] else { throw Failure(description: "concat of a non-list") }
                items += array
            }
            return items
        }
        guard let value = substitutions[token] else { throw Failure(description: "unknown expression \(token)") }
        return value
    }
}
