data "aws_vpc_endpoint_service" "s3" {
  service      = "s3"
  service_type = "Gateway"
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = var.vpc_id
  service_name      = data.aws_vpc_endpoint_service.s3.service_name
  vpc_endpoint_type = "Gateway"
  route_table_ids   = var.route_table_ids
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AllowDataAccessPoints"
        Effect    = "Allow"
        Principal = "*"
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:PutObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
          "s3:DeleteObject",
          "s3:ListBucket",
          "s3:GetBucketLocation",
        ]
        Resource = "arn:${data.aws_partition.current.partition}:s3:${var.region}:${data.aws_caller_identity.current.account_id}:accesspoint/datalake-prod-*"
      },
      {
        Sid       = "AllowDataBucketThroughAccessPoints"
        Effect    = "Allow"
        Principal = "*"
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:PutObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
          "s3:DeleteObject",
          "s3:ListBucket",
          "s3:GetBucketLocation",
        ]
        Resource = [
          aws_s3_bucket.data.arn,
          "${aws_s3_bucket.data.arn}/*",
        ]
        Condition = {
          StringEquals = {
            "s3:DataAccessPointAccount" = data.aws_caller_identity.current.account_id
          }
        }
      },
      {
        Sid       = "DenyDataBucketToOtherPrincipals"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource = [
          aws_s3_bucket.data.arn,
          "${aws_s3_bucket.data.arn}/*",
        ]
        Condition = {
          ArnNotLike = {
            "aws:PrincipalArn" = [
              aws_iam_role.team_01.arn,
              aws_iam_role.team_02.arn,
              var.existing_role_arns["team-03"],
              aws_iam_role.team_04.arn,
              aws_iam_role.team_05.arn,
              var.existing_role_arns["team-06"],
              aws_iam_role.team_07.arn,
              aws_iam_role.team_08.arn,
              var.existing_role_arns["team-09"],
              aws_iam_role.team_10.arn,
              aws_iam_role.team_11.arn,
              var.existing_role_arns["team-12"],
            ]
          }
        }
      },
      {
        Sid       = "AllowAwsOwnedBuckets"
        Effect    = "Allow"
        Principal = "*"
        Action    = "s3:GetObject"
        Resource = [
          "arn:${data.aws_partition.current.partition}:s3:::prod-eu-central-1-starport-layer-bucket/*",
          "arn:${data.aws_partition.current.partition}:s3:::amazonlinux-2-repos-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::al2023-repos-eu-central-1-de612dc2/*",
          "arn:${data.aws_partition.current.partition}:s3:::al2023-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::packages.eu-central-1.amazonaws.com/*",
          "arn:${data.aws_partition.current.partition}:s3:::repo.eu-central-1.amazonaws.com/*",
          "arn:${data.aws_partition.current.partition}:s3:::amazonlinux.eu-central-1.amazonaws.com/*",
          "arn:${data.aws_partition.current.partition}:s3:::repo.eu-central-1.emr.amazonaws.com/*",
          "arn:${data.aws_partition.current.partition}:s3:::prod.eu-central-1.appinfo.src/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-ssm-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-windows-downloads-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::amazon-ssm-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::amazon-ssm-packages-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::eu-central-1-birdwatcher-prod/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-ssm-distributor-file-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-ssm-document-attachments-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::patch-baseline-snapshot-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-patchmanager-macos-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::session-manager-downloads/*",
          "arn:${data.aws_partition.current.partition}:s3:::ssm-document-categories/*",
          "arn:${data.aws_partition.current.partition}:s3:::amazoncloudwatch-agent-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::amazoncloudwatch-agent/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-codedeploy-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::elasticbeanstalk-samples-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::elasticbeanstalk-platform-assets-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::elasticbeanstalk-env-resources-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::elasticbeanstalk-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::ec2imagebuilder-toe-eu-central-1-prod/*",
          "arn:${data.aws_partition.current.partition}:s3:::ec2imagebuilder-managed-resources-eu-central-1-prod/components/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-mgn-clients-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-mgn-clients-hashes-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-mgn-internal-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-mgn-internal-hashes-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-application-migration-service-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-application-migration-service-hashes-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-drs-clients-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-drs-clients-hashes-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-drs-internal-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-drs-internal-hashes-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-elastic-disaster-recovery-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-elastic-disaster-recovery-hashes-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::cloudformation-waitcondition-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::cloudformation-custom-resource-response-eucentral1/*",
          "arn:${data.aws_partition.current.partition}:s3:::cloudformation-examples/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-ec2-enclave-certificate-eu-central-1-prod/*",
          "arn:${data.aws_partition.current.partition}:s3:::jumpstart-cache-prod-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-neptune-notebook/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-neptune-notebook-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::athena-examples-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::awssupportdatasvcs.com/*",
          "arn:${data.aws_partition.current.partition}:s3:::redshift-downloads/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-sap-data-provider/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-sap-dataprovider-eu-central-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::awssap-backint-agent/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-cli/*",
        ]
      },
      {
        Sid       = "AllowOrganizationBucketsObjects"
        Effect    = "Allow"
        Principal = "*"
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:GetObjectTagging",
          "s3:PutObject",
          "s3:PutObjectTagging",
          "s3:DeleteObject",
          "s3:DeleteObjectVersion",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
          "s3:RestoreObject",
        ]
        Resource = "arn:${data.aws_partition.current.partition}:s3:::*/*"
        Condition = {
          StringEquals = {
            "aws:ResourceOrgID" = var.organization_id
          }
        }
      },
      {
        Sid       = "AllowOrganizationBucketsBuckets"
        Effect    = "Allow"
        Principal = "*"
        Action = [
          "s3:ListBucket",
          "s3:ListBucketVersions",
          "s3:ListBucketMultipartUploads",
          "s3:GetBucketLocation",
        ]
        Resource = "arn:${data.aws_partition.current.partition}:s3:::*"
        Condition = {
          StringEquals = {
            "aws:ResourceOrgID" = var.organization_id
          }
        }
      },
    ]
  })
  tags = { Name = "datalake-prod-s3" }
}
