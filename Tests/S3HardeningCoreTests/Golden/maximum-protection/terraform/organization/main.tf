terraform {
  required_version = ">= 1.5.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.40"
    }
  }
}

# Credentials of the organisation's management account (or a delegated administrator for policies).
provider "aws" {
  region = var.region
}

data "aws_partition" "current" {}

resource "aws_organizations_policy" "data_perimeter" {
  name        = "medical-records-prod-data-perimeter"
  description = "Only the listed principals, only through the VPC endpoint, only over TLS: the medical-records-prod data bucket and key."
  type        = "RESOURCE_CONTROL_POLICY"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "RcpDenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource = [
          var.bucket_arn,
          "${var.bucket_arn}/*",
        ]
        Condition = {
          Bool = {
            "aws:SecureTransport"       = "false"
            "aws:PrincipalIsAWSService" = "false"
          }
        }
      },
      {
        Sid       = "RcpDenyOutsideVpce"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource = [
          var.bucket_arn,
          "${var.bucket_arn}/*",
        ]
        Condition = {
          StringNotEquals = {
            "aws:SourceVpce" = var.vpc_endpoint_id
          }
          ArnNotLike = {
            "aws:PrincipalArn" = concat(var.deployer_arns, ["arn:${data.aws_partition.current.partition}:iam::${var.account_id}:role/medical-records-prod-replication", "arn:${data.aws_partition.current.partition}:iam::${var.account_id}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie"])
          }
          Bool = {
            "aws:PrincipalIsAWSService" = "false"
          }
        }
      },
      {
        Sid       = "RcpDenyObjectAccessToOtherPrincipals"
        Effect    = "Deny"
        Principal = "*"
        Action = [
          "s3:GetObject*",
          "s3:PutObject*",
          "s3:DeleteObject*",
          "s3:RestoreObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
          "s3:ReplicateObject",
          "s3:ReplicateDelete",
          "s3:ReplicateTags",
        ]
        Resource = "${var.bucket_arn}/*"
        Condition = {
          ArnNotLike = {
            "aws:PrincipalArn" = [
              var.data_role_arns["ingest"],
              var.data_role_arns["reports"],
              "arn:${data.aws_partition.current.partition}:iam::${var.account_id}:role/medical-records-prod-replication",
              "arn:${data.aws_partition.current.partition}:iam::${var.account_id}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie",
            ]
          }
          Bool = {
            "aws:PrincipalIsAWSService" = "false"
          }
        }
      },
      {
        Sid       = "RcpDenyBucketPolicyChangesExceptDeployers"
        Effect    = "Deny"
        Principal = "*"
        Action = [
          "s3:PutBucketPolicy",
          "s3:DeleteBucketPolicy",
        ]
        Resource = var.bucket_arn
        Condition = {
          ArnNotLike = {
            "aws:PrincipalArn" = var.deployer_arns
          }
          Bool = {
            "aws:PrincipalIsAWSService" = "false"
          }
        }
      },
      {
        Sid       = "RcpDenyKeyUseToOtherPrincipals"
        Effect    = "Deny"
        Principal = "*"
        Action = [
          "kms:Decrypt",
          "kms:Encrypt",
          "kms:GenerateDataKey*",
          "kms:ReEncrypt*",
        ]
        Resource = var.kms_key_arn
        Condition = {
          ArnNotLike = {
            "aws:PrincipalArn" = [
              var.data_role_arns["ingest"],
              var.data_role_arns["reports"],
              "arn:${data.aws_partition.current.partition}:iam::${var.account_id}:role/medical-records-prod-replication",
              "arn:${data.aws_partition.current.partition}:iam::${var.account_id}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie",
            ]
          }
          Bool = {
            "aws:PrincipalIsAWSService" = "false"
          }
        }
      },
      {
        Sid       = "RcpDenyKeyManagementToOthers"
        Effect    = "Deny"
        Principal = "*"
        Action = [
          "kms:PutKeyPolicy",
          "kms:ScheduleKeyDeletion",
          "kms:DisableKey",
          "kms:CreateGrant",
        ]
        Resource = var.kms_key_arn
        Condition = {
          ArnNotLike = {
            "aws:PrincipalArn" = concat(var.key_admin_arns, var.deployer_arns)
          }
          Bool = {
            "aws:PrincipalIsAWSService" = "false"
          }
        }
      },
    ]
  })
}

resource "aws_organizations_policy_attachment" "data_perimeter" {
  policy_id = aws_organizations_policy.data_perimeter.id
  target_id = var.rcp_target_id
}
