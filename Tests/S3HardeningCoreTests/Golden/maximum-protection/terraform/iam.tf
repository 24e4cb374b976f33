resource "aws_iam_role" "ingest" {
  name        = "medical-records-prod-ingest"
  description = "write access to the medical-records-prod data bucket, granted in the bucket and key policies."
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "TrustedServiceAssumesRole"
        Effect = "Allow"
        Principal = {
          Service = "lambda.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role" "reports" {
  name        = "medical-records-prod-reports"
  description = "read access to the medical-records-prod data bucket, granted in the bucket and key policies."
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "TrustedServiceAssumesRole"
        Effect = "Allow"
        Principal = {
          Service = "lambda.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role" "replication" {
  name        = "medical-records-prod-replication"
  description = "S3 replication of the medical-records-prod data bucket; reads what it replicates, nothing else."
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "S3AssumesReplicationRole"
        Effect = "Allow"
        Principal = {
          Service = "s3.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy" "replication" {
  name = "replicate-data-bucket"
  role = aws_iam_role.replication.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "ReadReplicationConfiguration"
        Effect = "Allow"
        Action = [
          "s3:GetReplicationConfiguration",
          "s3:ListBucket",
        ]
        Resource = aws_s3_bucket.data.arn
      },
      {
        Sid    = "ReadObjectVersionsToReplicate"
        Effect = "Allow"
        Action = [
          "s3:GetObjectVersionForReplication",
          "s3:GetObjectVersionAcl",
          "s3:GetObjectVersionTagging",
          "s3:GetObjectRetention",
          "s3:GetObjectLegalHold",
        ]
        Resource = "${aws_s3_bucket.data.arn}/*"
      },
      {
        Sid    = "WriteReplicas"
        Effect = "Allow"
        Action = [
          "s3:ReplicateObject",
          "s3:ReplicateDelete",
          "s3:ReplicateTags",
        ]
        Resource = "${var.replication_bucket_arn}/*"
      },
      {
        Sid      = "DecryptSourceObjects"
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = aws_kms_key.data.arn
        Condition = {
          StringEquals = {
            "kms:ViaService"                   = "s3.${var.region}.${data.aws_partition.current.dns_suffix}"
            "kms:EncryptionContext:aws:s3:arn" = aws_s3_bucket.data.arn
          }
        }
      },
      {
        Sid    = "EncryptReplicas"
        Effect = "Allow"
        Action = [
          "kms:Encrypt",
          "kms:GenerateDataKey",
        ]
        Resource = var.replication_key_arn
        Condition = {
          StringEquals = {
            "kms:ViaService" = "s3.us-west-2.${data.aws_partition.current.dns_suffix}"
          }
          StringLike = {
            "kms:EncryptionContext:aws:s3:arn" = [
              var.replication_bucket_arn,
              "${var.replication_bucket_arn}/*",
            ]
          }
        }
      },
    ]
  })
}

resource "aws_iam_role_policy" "reports" {
  name = "function-support"
  role = aws_iam_role.reports.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "WriteOwnLogs"
        Effect = "Allow"
        Action = [
          "logs:CreateLogStream",
          "logs:PutLogEvents",
        ]
        Resource = "${aws_cloudwatch_log_group.function.arn}:*"
      },
      {
        Sid      = "SendFailedEventsToDeadLetterQueue"
        Effect   = "Allow"
        Action   = "sqs:SendMessage"
        Resource = aws_sqs_queue.dead_letter.arn
      },
      {
        Sid    = "EncryptDeadLetterMessages"
        Effect = "Allow"
        Action = [
          "kms:GenerateDataKey",
          "kms:Decrypt",
        ]
        Resource = aws_kms_key.support.arn
        Condition = {
          StringEquals = {
            "kms:ViaService" = "sqs.${var.region}.${data.aws_partition.current.dns_suffix}"
          }
        }
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "reports_eni" {
  role       = aws_iam_role.reports.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSLambdaENIManagementAccess"
}

resource "aws_iam_role_policy_attachment" "reports_xray" {
  role       = aws_iam_role.reports.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSXRayDaemonWriteAccess"
}
