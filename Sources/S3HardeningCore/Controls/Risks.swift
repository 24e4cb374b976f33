// What can go wrong when the plan is applied, beyond the validation warnings: the lockout doors and what
// the endpoint cuts off. One list for the output README and the wizard's review screen.

extension Plan {
    /// Markdown sentences (code in backticks), most dangerous first.
    public var applyRisks: [String] {
        var risks = ["Run Terraform as one of the deployers (`key_administration.deployer_arns`): \(keyAdministration.deployerArns.map { "`\($0)`" }.joined(separator: ", ")). Everyone else is denied every request from outside the VPC and any change to the bucket's protections."]
        if createsEndpoint {
            risks.append("Run it from outside the subnets routed through the new endpoint (a CI runner outside the VPC, or subnets on other route tables): the endpoint lets only the data roles reach this bucket, so Terraform inside would be refused. Allowing the deployers through would let a bucket-policy change bypass the endpoint's narrowing.")
            if network.otherS3Traffic == .awsOwnedAndOrg, network.organizationId != nil {
                risks.append("Through the new endpoint, the subnets on \(network.routeTableIds.map { "`\($0)`" }.joined(separator: ", ")) reach only this bucket, AWS-owned buckets (ECR layers, OS repos, SSM) and your organisation's buckets: buckets of other organisations (vendors, public datasets) stop working from there.")
            }
        }
        risks.append("The deployers stay key administrators: removing them from the key policy makes the next run fail (KMS lockout safety check).")
        risks.append("Nobody but the data roles can read objects — not the deployers, not the security team, not the console. The deployers can list object names (Terraform's refresh needs `s3:ListBucket`).")
        if organization.resourceControlPolicy {
            risks.append("With the resource control policy attached (`terraform/organization/`, from the management account), deleting the bucket policy no longer opens the data: the RCP denies the same requests. To change who reaches the data, change the answers and apply both roots; nobody in the account can detach it.")
        } else {
            risks.append("If you lock yourself out, the account root user can still delete the bucket policy (and with it the data's perimeter: `organization.resource_control_policy` keeps it in place).")
        }
        return risks
    }
}
