resource "aws_s3_bucket" "data" {
  #checkov:skip=CKV_AWS_144:cross-region replication declined in the answers (protections.replication: false)
  #checkov:skip=CKV_AWS_143:object lock declined in the answers (protections.object_lock: off)
  bucket           = "${var.bucket_name}-${data.aws_caller_identity.current.account_id}-${var.region}-an"
  bucket_namespace = "account-regional"
  force_destroy    = false
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket                = aws_s3_bucket.data.id
  expected_bucket_owner = data.aws_caller_identity.current.account_id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
    bucket_key_enabled       = true
    blocked_encryption_types = ["SSE-C"]
  }
}

resource "aws_s3_bucket_versioning" "data" {
  bucket                = aws_s3_bucket.data.id
  expected_bucket_owner = data.aws_caller_identity.current.account_id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "data" {
  bucket                = aws_s3_bucket.data.id
  expected_bucket_owner = data.aws_caller_identity.current.account_id
  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"
    filter {}
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
  rule {
    id     = "expire-noncurrent-versions"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = 30
    }
  }
  depends_on = [aws_s3_bucket_versioning.data]
}

resource "aws_s3_bucket_notification" "data" {
  bucket      = aws_s3_bucket.data.id
  eventbridge = true
}

resource "aws_s3_bucket_logging" "data" {
  bucket                = aws_s3_bucket.data.id
  expected_bucket_owner = data.aws_caller_identity.current.account_id
  target_bucket         = aws_s3_bucket.logs.id
  target_prefix         = "s3-access/"
}

# Applied after the public-access block: applying both at once can fail with 409 (terraform-provider-aws#7628).
resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource = [
          aws_s3_bucket.data.arn,
          "${aws_s3_bucket.data.arn}/*",
        ]
        Condition = {
          Bool = {
            "aws:SecureTransport" = "false"
          }
        }
      },
      {
        Sid       = "DenyTlsBelow12"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource = [
          aws_s3_bucket.data.arn,
          "${aws_s3_bucket.data.arn}/*",
        ]
        Condition = {
          NumericLessThan = {
            "s3:TlsVersion" = "1.2"
          }
        }
      },
      {
        Sid       = "DenyOutsideVpce"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource = [
          aws_s3_bucket.data.arn,
          "${aws_s3_bucket.data.arn}/*",
        ]
        Condition = {
          StringNotEquals = {
            "aws:SourceVpce" = aws_vpc_endpoint.s3.id
          }
          ArnNotLike = {
            "aws:PrincipalArn" = var.deployer_arns
          }
        }
      },
      {
        Sid       = "DenyObjectAccessToOtherPrincipals"
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
        Resource = "${aws_s3_bucket.data.arn}/*"
        Condition = {
          StringNotEquals = {
            "s3:DataAccessPointAccount" = data.aws_caller_identity.current.account_id
          }
        }
      },
      {
        Sid       = "DenyVersionListingToOtherPrincipals"
        Effect    = "Deny"
        Principal = "*"
        Action = [
          "s3:ListBucketVersions",
          "s3:ListBucketMultipartUploads",
        ]
        Resource = aws_s3_bucket.data.arn
        Condition = {
          StringNotEquals = {
            "s3:DataAccessPointAccount" = data.aws_caller_identity.current.account_id
          }
        }
      },
      {
        Sid       = "DenyListBucketToOtherPrincipals"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:ListBucket"
        Resource  = aws_s3_bucket.data.arn
        Condition = {
          StringNotEquals = {
            "s3:DataAccessPointAccount" = data.aws_caller_identity.current.account_id
          }
          ArnNotLike = {
            "aws:PrincipalArn" = var.deployer_arns
          }
        }
      },
      {
        Sid       = "DenyProtectionChangesExceptDeployer"
        Effect    = "Deny"
        Principal = "*"
        Action = [
          "s3:PutEncryptionConfiguration",
          "s3:PutBucketVersioning",
          "s3:PutBucketObjectLockConfiguration",
          "s3:PutLifecycleConfiguration",
          "s3:PutIntelligentTieringConfiguration",
          "s3:PutBucketPolicy",
          "s3:DeleteBucketPolicy",
          "s3:PutBucketAcl",
          "s3:PutBucketOwnershipControls",
          "s3:PutBucketPublicAccessBlock",
          "s3:PutBucketCORS",
          "s3:PutBucketWebsite",
          "s3:DeleteBucketWebsite",
          "s3:PutBucketTagging",
          "s3:TagResource",
          "s3:UntagResource",
          "s3:PutBucketABAC",
          "s3:PutInventoryConfiguration",
          "s3:PutAnalyticsConfiguration",
          "s3:CreateBucketMetadataTableConfiguration",
          "s3:UpdateBucketMetadataInventoryTableConfiguration",
          "s3:UpdateBucketMetadataJournalTableConfiguration",
          "s3:PutBucketLogging",
          "s3:PutBucketNotification",
          "s3:PutReplicationConfiguration",
          "s3:PutMetricsConfiguration",
          "s3:DeleteBucket",
        ]
        Resource = aws_s3_bucket.data.arn
        Condition = {
          ArnNotLike = {
            "aws:PrincipalArn" = var.deployer_arns
          }
        }
      },
      {
        Sid       = "DenyUploadsWithCustomerKeys"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.data.arn}/*"
        Condition = {
          Null = {
            "s3:x-amz-server-side-encryption-customer-algorithm" = "false"
          }
        }
      },
      {
        Sid       = "DenyUploadsWithOtherEncryption"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.data.arn}/*"
        Condition = {
          Null = {
            "s3:x-amz-server-side-encryption" = "false"
          }
          StringNotEquals = {
            "s3:x-amz-server-side-encryption" = "aws:kms"
          }
        }
      },
      {
        Sid       = "DenyUploadsWithOtherKey"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.data.arn}/*"
        Condition = {
          Null = {
            "s3:x-amz-server-side-encryption-aws-kms-key-id" = "false"
          }
          ArnNotEquals = {
            "s3:x-amz-server-side-encryption-aws-kms-key-id" = aws_kms_key.data.arn
          }
        }
      },
      {
        Sid       = "DenyUploadsWithAwsManagedKey"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.data.arn}/*"
        Condition = {
          StringEquals = {
            "s3:x-amz-server-side-encryption" = "aws:kms"
          }
          Null = {
            "s3:x-amz-server-side-encryption-aws-kms-key-id" = "true"
          }
        }
      },
      {
        Sid       = "DelegateDataAccessToAccessPoints"
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
    ]
  })
  depends_on = [aws_s3_bucket_public_access_block.data]
}
