// terraform/access_points.tf (data_access.mode: access-points): one access point per data role, attached to the
// data bucket, reachable only from the plan's VPC, every public-access block on, with its own policy. The policy
// is a separate aws_s3control_access_point_policy because it names its own access point's ARN (an inline
// `policy` would refer to the resource it is part of).

struct AccessPointsModule {
    let plan: Plan
    let module: TerraformModule

    var text: String {
        var file = HCLFile()
        for (role, policy) in module.policies.accessPoints {
            guard let dataRole = plan.dataAccess.roles.first(where: { $0.name == role }) else { continue }
            let accessPoint = ResourceAddress.accessPoint(role)
            file.resource(accessPoint, comment: [
                "\(dataRole.access.rawValue) for role \(role): requests through it must come from var.vpc_id (network origin VPC).",
            ]) { ap in
                ap.attr("bucket", ResourceAddress.dataBucket.id)
                ap.string("name", plan.accessPointName(dataRole))
                // Both the bucket policy and the access point's must allow a request; the access point then holds
                // the network origin: S3 rejects any request made through it from outside this VPC.
                ap.block("vpc_configuration") { v in v.attr("vpc_id", "var.vpc_id") }
                ap.block("public_access_block_configuration") { b in
                    for setting in ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"] {
                        b.attr(setting, "true")
                    }
                }
            }
            file.resource(.accessPointPolicy(role)) { p in
                p.attr("access_point_arn", accessPoint.arn)
                p.attr("policy", module.jsonencode(policy.value))
            }
        }
        return file.text
    }

    /// `access_points = { role = { arn = …, alias = … } }`: the address each role's applications use instead of the bucket.
    var outputValue: String {
        let width = plan.dataAccess.roles.map { $0.name.count + 2 }.max() ?? 0
        let entries = plan.dataAccess.roles.map { role -> String in
            let key = "\"\(role.name)\""
            let accessPoint = ResourceAddress.accessPoint(role.name)
            return "    " + key + String(repeating: " ", count: width - key.count) + " = { arn = \(accessPoint.arn), alias = \(accessPoint.attribute("alias")) }"
        }
        return "{\n" + entries.joined(separator: "\n") + "\n  }"
    }
}
