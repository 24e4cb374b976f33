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
        Sid       = "AllowUploaderToDataBucket"
        Effect    = "Allow"
        Principal = "*"
        Action = [
          "s3:PutObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
          "s3:GetBucketLocation",
        ]
        Resource = [
          aws_s3_bucket.data.arn,
          "${aws_s3_bucket.data.arn}/incoming/*",
        ]
        Condition = {
          ArnEquals = {
            "aws:PrincipalArn" = var.existing_role_arns["uploader"]
          }
        }
      },
      {
        Sid       = "AllowProcessorToDataBucket"
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
          "${aws_s3_bucket.data.arn}/incoming/*",
          "${aws_s3_bucket.data.arn}/processed/*",
        ]
        Condition = {
          ArnEquals = {
            "aws:PrincipalArn" = aws_iam_role.processor.arn
          }
        }
      },
      {
        Sid       = "AllowAnalystToDataBucket"
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
          "${aws_s3_bucket.data.arn}/processed/*",
        ]
        Condition = {
          ArnEquals = {
            "aws:PrincipalArn" = var.existing_role_arns["analyst"]
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
              var.existing_role_arns["uploader"],
              aws_iam_role.processor.arn,
              var.existing_role_arns["analyst"],
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
          "arn:${data.aws_partition.current.partition}:s3:::prod-eu-west-1-starport-layer-bucket/*",
          "arn:${data.aws_partition.current.partition}:s3:::amazonlinux-2-repos-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::al2023-repos-eu-west-1-de612dc2/*",
          "arn:${data.aws_partition.current.partition}:s3:::al2023-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::packages.eu-west-1.amazonaws.com/*",
          "arn:${data.aws_partition.current.partition}:s3:::repo.eu-west-1.amazonaws.com/*",
          "arn:${data.aws_partition.current.partition}:s3:::amazonlinux.eu-west-1.amazonaws.com/*",
          "arn:${data.aws_partition.current.partition}:s3:::repo.eu-west-1.emr.amazonaws.com/*",
          "arn:${data.aws_partition.current.partition}:s3:::prod.eu-west-1.appinfo.src/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-ssm-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-windows-downloads-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::amazon-ssm-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::amazon-ssm-packages-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::eu-west-1-birdwatcher-prod/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-ssm-distributor-file-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-ssm-document-attachments-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::patch-baseline-snapshot-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-patchmanager-macos-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::session-manager-downloads/*",
          "arn:${data.aws_partition.current.partition}:s3:::ssm-document-categories/*",
          "arn:${data.aws_partition.current.partition}:s3:::amazoncloudwatch-agent-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::amazoncloudwatch-agent/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-codedeploy-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::elasticbeanstalk-samples-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::elasticbeanstalk-platform-assets-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::elasticbeanstalk-env-resources-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::elasticbeanstalk-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::ec2imagebuilder-toe-eu-west-1-prod/*",
          "arn:${data.aws_partition.current.partition}:s3:::ec2imagebuilder-managed-resources-eu-west-1-prod/components/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-mgn-clients-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-mgn-clients-hashes-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-mgn-internal-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-mgn-internal-hashes-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-application-migration-service-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-application-migration-service-hashes-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-drs-clients-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-drs-clients-hashes-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-drs-internal-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-drs-internal-hashes-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-elastic-disaster-recovery-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-elastic-disaster-recovery-hashes-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::cloudformation-waitcondition-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::cloudformation-custom-resource-response-euwest1/*",
          "arn:${data.aws_partition.current.partition}:s3:::cloudformation-examples/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-ec2-enclave-certificate-eu-west-1-prod/*",
          "arn:${data.aws_partition.current.partition}:s3:::jumpstart-cache-prod-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-neptune-notebook/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-neptune-notebook-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::athena-examples-eu-west-1/*",
          "arn:${data.aws_partition.current.partition}:s3:::awssupportdatasvcs.com/*",
          "arn:${data.aws_partition.current.partition}:s3:::redshift-downloads/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-sap-data-provider/*",
          "arn:${data.aws_partition.current.partition}:s3:::aws-sap-dataprovider-eu-west-1/*",
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
  tags = { Name = "claims-staging-s3" }
}
