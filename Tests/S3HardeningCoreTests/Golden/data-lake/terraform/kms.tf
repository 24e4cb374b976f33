resource "aws_kms_key" "data" {
  description             = "Encrypts the datalake-prod data bucket. Managed by the security team, used only through S3."
  enable_key_rotation     = true
  rotation_period_in_days = 365
  deletion_window_in_days = 30
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "KeyAdministration"
        Effect = "Allow"
        Principal = {
          AWS = concat(var.key_admin_arns, var.deployer_arns)
        }
        Action = [
          "kms:Create*",
          "kms:Describe*",
          "kms:Enable*",
          "kms:List*",
          "kms:Put*",
          "kms:Update*",
          "kms:Revoke*",
          "kms:Disable*",
          "kms:Get*",
          "kms:Delete*",
          "kms:TagResource",
          "kms:UntagResource",
          "kms:ScheduleKeyDeletion",
          "kms:CancelKeyDeletion",
          "kms:RotateKeyOnDemand",
        ]
        Resource = "*"
      },
      {
        Sid    = "DenyKeyUseByAdministrators"
        Effect = "Deny"
        Principal = {
          AWS = concat(var.key_admin_arns, var.deployer_arns)
        }
        Action = [
          "kms:Decrypt",
          "kms:Encrypt",
          "kms:GenerateDataKey*",
          "kms:ReEncrypt*",
        ]
        Resource = "*"
      },
      {
        Sid    = "DataRolesDecryptThroughS3"
        Effect = "Allow"
        Principal = {
          AWS = [
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
        Action   = "kms:Decrypt"
        Resource = "*"
        Condition = {
          StringEquals = {
            "kms:ViaService"                   = "s3.${var.region}.${data.aws_partition.current.dns_suffix}"
            "kms:CallerAccount"                = data.aws_caller_identity.current.account_id
            "kms:EncryptionContext:aws:s3:arn" = aws_s3_bucket.data.arn
          }
        }
      },
      {
        Sid    = "WriterRolesGenerateDataKeysThroughS3"
        Effect = "Allow"
        Principal = {
          AWS = [
            aws_iam_role.team_04.arn,
            aws_iam_role.team_05.arn,
            aws_iam_role.team_08.arn,
            aws_iam_role.team_10.arn,
            var.existing_role_arns["team-12"],
          ]
        }
        Action   = "kms:GenerateDataKey"
        Resource = "*"
        Condition = {
          StringEquals = {
            "kms:ViaService"                   = "s3.${var.region}.${data.aws_partition.current.dns_suffix}"
            "kms:CallerAccount"                = data.aws_caller_identity.current.account_id
            "kms:EncryptionContext:aws:s3:arn" = aws_s3_bucket.data.arn
          }
        }
      },
    ]
  })
}

resource "aws_kms_alias" "data" {
  name          = "alias/datalake-prod-data"
  target_key_id = aws_kms_key.data.key_id
}

resource "aws_kms_key" "support" {
  description             = "Encrypts access logs and workload support resources of datalake-prod; never the data."
  enable_key_rotation     = true
  rotation_period_in_days = 365
  deletion_window_in_days = 30
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "KeyAdministration"
        Effect = "Allow"
        Principal = {
          AWS = concat(var.key_admin_arns, var.deployer_arns)
        }
        Action = [
          "kms:Create*",
          "kms:Describe*",
          "kms:Enable*",
          "kms:List*",
          "kms:Put*",
          "kms:Update*",
          "kms:Revoke*",
          "kms:Disable*",
          "kms:Get*",
          "kms:Delete*",
          "kms:TagResource",
          "kms:UntagResource",
          "kms:ScheduleKeyDeletion",
          "kms:CancelKeyDeletion",
          "kms:RotateKeyOnDemand",
        ]
        Resource = "*"
      },
      {
        Sid    = "SecurityTeamReadsLogs"
        Effect = "Allow"
        Principal = {
          AWS = var.key_admin_arns
        }
        Action   = "kms:Decrypt"
        Resource = "*"
        Condition = {
          StringEquals = {
            "kms:CallerAccount" = data.aws_caller_identity.current.account_id
          }
        }
      },
      {
        Sid    = "S3ServerAccessLogDelivery"
        Effect = "Allow"
        Principal = {
          Service = "logging.s3.amazonaws.com"
        }
        Action   = "kms:GenerateDataKey"
        Resource = "*"
        Condition = {
          StringEquals = {
            "aws:SourceAccount" = data.aws_caller_identity.current.account_id
          }
          ArnLike = {
            "aws:SourceArn" = [
              aws_s3_bucket.data.arn,
              aws_s3_bucket.trail.arn,
            ]
          }
        }
      },
      {
        Sid    = "CloudTrailEncryptsTrailLogs"
        Effect = "Allow"
        Principal = {
          Service = "cloudtrail.amazonaws.com"
        }
        Action   = "kms:GenerateDataKey*"
        Resource = "*"
        Condition = {
          StringEquals = {
            "aws:SourceArn" = "arn:${data.aws_partition.current.partition}:cloudtrail:${var.region}:${data.aws_caller_identity.current.account_id}:trail/datalake-prod-data-access"
          }
          StringLike = {
            "kms:EncryptionContext:aws:cloudtrail:arn" = "arn:${data.aws_partition.current.partition}:cloudtrail:*:${data.aws_caller_identity.current.account_id}:trail/*"
          }
        }
      },
      {
        Sid    = "CloudTrailDescribesKey"
        Effect = "Allow"
        Principal = {
          Service = "cloudtrail.amazonaws.com"
        }
        Action   = "kms:DescribeKey"
        Resource = "*"
        Condition = {
          StringEquals = {
            "aws:SourceArn" = "arn:${data.aws_partition.current.partition}:cloudtrail:${var.region}:${data.aws_caller_identity.current.account_id}:trail/datalake-prod-data-access"
          }
        }
      },
      {
        Sid    = "EventBridgePublishesEncryptedAlarms"
        Effect = "Allow"
        Principal = {
          Service = "events.amazonaws.com"
        }
        Action = [
          "kms:GenerateDataKey*",
          "kms:Decrypt",
        ]
        Resource = "*"
        Condition = {
          StringEquals = {
            "aws:SourceAccount"                      = data.aws_caller_identity.current.account_id
            "kms:EncryptionContext:aws:sns:topicArn" = aws_sns_topic.alarms.arn
          }
        }
      },
    ]
  })
}

resource "aws_kms_alias" "support" {
  name          = "alias/datalake-prod-support"
  target_key_id = aws_kms_key.support.key_id
}
