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
        Sid       = "AllowReportsToDataBucket"
        Effect    = "Allow"
        Principal = "*"
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:ListBucket",
          "s3:GetBucketLocation",
        ]
        Resource = [
          aws_s3_bucket.data.arn,
          "${aws_s3_bucket.data.arn}/*",
        ]
        Condition = {
          ArnEquals = {
            "aws:PrincipalArn" = aws_iam_role.reports.arn
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
            "aws:PrincipalArn" = aws_iam_role.reports.arn
          }
        }
      },
      {
        Sid       = "AllowAwsOwnedBuckets"
        Effect    = "Allow"
        Principal = "*"
        Action    = "s3:GetObject"
        Resource = [
          "arn:${data.aws_partition.current.partition}:s3:::prod-us-east-1-starport-layer-bucket/*",
          "arn:${data.aws_partition.current.partition}:s3:::amazonlinux-2-repos-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::al2023-repos-us-east-1-de612dc2/*",
          "arn:${data.aws_partition.current.partition}:s3:::al2023-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::packages.us-east-1.amazonaws.com/*",
          "arn:${data.aws_partition.current.partition}:s3:::repo.us-east-1.amazonaws.com/*",
          "arn:${data.aws_partition.current.partition}:s3:::amazonlinux.us-east-1.amazonaws.com/*",
          "arn:${data.aws_partition.current.partition}:s3:::repo.us-east-1.emr.amazonaws.com/*",
          "arn:${data.aws_partition.current.partition}:s3:::prod.us-east-1.appinfo.src/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-ssm-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-windows-downloads-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::amazon-ssm-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::amazon-ssm-packages-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::us-east-1-birdwatcher-prod/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-ssm-distributor-file-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-ssm-document-attachments-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::patch-baseline-snapshot-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-patchmanager-macos-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::session-manager-downloads/*",
          "arn:${data.aws_partition.current.partition}:s3:::ssm-document-categories/*",
          "arn:${data.aws_partition.current.partition}:s3:::amazoncloudwatch-agent-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::amazoncloudwatch-agent/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-codedeploy-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::elasticbeanstalk-samples-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::elasticbeanstalk-platform-assets-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::elasticbeanstalk-env-resources-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::elasticbeanstalk-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::ec2imagebuilder-toe-us-east-1-prod/*",
          "arn:${data.aws_partition.current.partition}:s3:::ec2imagebuilder-managed-resources-us-east-1-prod/components/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-mgn-clients-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-mgn-clients-hashes-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-mgn-internal-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-mgn-internal-hashes-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-application-migration-service-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-application-migration-service-hashes-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-drs-clients-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-drs-clients-hashes-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-drs-internal-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-drs-internal-hashes-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-elastic-disaster-recovery-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-elastic-disaster-recovery-hashes-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::cloudformation-waitcondition-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::cloudformation-custom-resource-response-useast1/*",
          "arn:${data.aws_partition.current.partition}:s3:::cloudformation-examples/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-ec2-enclave-certificate-us-east-1-prod/*",
          "arn:${data.aws_partition.current.partition}:s3:::jumpstart-cache-prod-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-neptune-notebook/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-neptune-notebook-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::athena-examples-us-east-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::awssupportdatasvcs.com/*",
          "arn:${data.aws_partition.current.partition}:s3:::redshift-downloads/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-sap-data-provider/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-sap-dataprovider-us-east-1/*",
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
  tags = { Name = "pii-reports-prod-s3" }
}
