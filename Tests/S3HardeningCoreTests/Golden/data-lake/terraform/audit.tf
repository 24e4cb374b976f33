resource "aws_s3_bucket" "trail" {
  #checkov:skip=CKV_AWS_144:trail logs stay in their region; CloudTrail delivers every region's events into this one bucket
  #checkov:skip=CKV_AWS_143:trail logs expire after protections.trail_retention_days, which a default object-lock retention would block; log file validation proves their integrity
  bucket_prefix = "datalake-prod-trail-"
  force_destroy = false
}

resource "aws_s3_bucket_public_access_block" "trail" {
  bucket                  = aws_s3_bucket.trail.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "trail" {
  bucket = aws_s3_bucket.trail.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "trail" {
  bucket                = aws_s3_bucket.trail.id
  expected_bucket_owner = data.aws_caller_identity.current.account_id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.support.arn
    }
    bucket_key_enabled       = true
    blocked_encryption_types = ["SSE-C"]
  }
}

resource "aws_s3_bucket_versioning" "trail" {
  bucket                = aws_s3_bucket.trail.id
  expected_bucket_owner = data.aws_caller_identity.current.account_id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "trail" {
  bucket                = aws_s3_bucket.trail.id
  expected_bucket_owner = data.aws_caller_identity.current.account_id
  rule {
    id     = "expire-trail-logs"
    status = "Enabled"
    filter {}
    expiration {
      days = 365
    }
    noncurrent_version_expiration {
      noncurrent_days = 30
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
  depends_on = [aws_s3_bucket_versioning.trail]
}

resource "aws_s3_bucket_notification" "trail" {
  bucket      = aws_s3_bucket.trail.id
  eventbridge = true
}

resource "aws_s3_bucket_policy" "trail" {
  bucket = aws_s3_bucket.trail.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "CloudTrailChecksBucketAcl"
        Effect = "Allow"
        Principal = {
          Service = "cloudtrail.amazonaws.com"
        }
        Action   = "s3:GetBucketAcl"
        Resource = aws_s3_bucket.trail.arn
        Condition = {
          StringEquals = {
            "aws:SourceArn" = "arn:${data.aws_partition.current.partition}:cloudtrail:${var.region}:${data.aws_caller_identity.current.account_id}:trail/datalake-prod-data-access"
          }
        }
      },
      {
        Sid    = "CloudTrailWritesTrailLogs"
        Effect = "Allow"
        Principal = {
          Service = "cloudtrail.amazonaws.com"
        }
        Action   = "s3:PutObject"
        Resource = "${aws_s3_bucket.trail.arn}/AWSLogs/${data.aws_caller_identity.current.account_id}/*"
        Condition = {
          StringEquals = {
            "aws:SourceArn" = "arn:${data.aws_partition.current.partition}:cloudtrail:${var.region}:${data.aws_caller_identity.current.account_id}:trail/datalake-prod-data-access"
            "s3:x-amz-acl"  = "bucket-owner-full-control"
          }
        }
      },
      {
        Sid       = "DenyTrailLogWritesByOthers"
        Effect    = "Deny"
        Principal = "*"
        Action = [
          "s3:PutObject*",
          "s3:DeleteObject*",
          "s3:RestoreObject",
          "s3:ReplicateObject",
          "s3:ReplicateDelete",
        ]
        Resource = "${aws_s3_bucket.trail.arn}/*"
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
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource = [
          aws_s3_bucket.trail.arn,
          "${aws_s3_bucket.trail.arn}/*",
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
          aws_s3_bucket.trail.arn,
          "${aws_s3_bucket.trail.arn}/*",
        ]
        Condition = {
          NumericLessThan = {
            "s3:TlsVersion" = "1.2"
          }
        }
      },
    ]
  })
  depends_on = [aws_s3_bucket_public_access_block.trail]
}

resource "aws_s3_bucket_logging" "trail" {
  bucket                = aws_s3_bucket.trail.id
  expected_bucket_owner = data.aws_caller_identity.current.account_id
  target_bucket         = aws_s3_bucket.logs.id
  target_prefix         = "trail-access/"
}

resource "aws_cloudtrail" "data_access" {
  #checkov:skip=CKV2_AWS_10:the alarms are EventBridge rules on the trail's events, not CloudWatch Logs metric filters; a log group would store every data event a second time
  #checkov:skip=CKV_AWS_252:an SNS message per delivered log file is noise; the alarm topic receives the policy changes themselves
  name                          = "datalake-prod-data-access"
  s3_bucket_name                = aws_s3_bucket.trail.id
  kms_key_id                    = aws_kms_key.support.arn
  enable_log_file_validation    = true
  is_multi_region_trail         = true
  include_global_service_events = true
  advanced_event_selector {
    name = "Every read and write of objects in the data bucket"
    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }
    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }
    field_selector {
      field       = "resources.ARN"
      starts_with = ["${aws_s3_bucket.data.arn}/"]
    }
  }
  advanced_event_selector {
    name = "Write management events, for the policy-change alarms"
    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }
    field_selector {
      field  = "readOnly"
      equals = ["false"]
    }
  }
  depends_on = [aws_s3_bucket_policy.trail]
}

resource "aws_cloudwatch_event_rule" "policy_changes" {
  name        = "datalake-prod-policy-changes"
  description = "Changes that could open the datalake-prod data: bucket policy, public access block, ACL, encryption, key, audit trail."
  event_pattern = jsonencode({
    "detail-type" = ["AWS API Call via CloudTrail"]
    "$or" = [
      {
        source = ["aws.s3"]
        detail = {
          eventSource       = ["s3.amazonaws.com"]
          eventName         = ["PutBucketPolicy", "DeleteBucketPolicy", "PutBucketPublicAccessBlock", "DeleteBucketPublicAccessBlock", "PutBucketAcl", "PutBucketEncryption", "DeleteBucketEncryption"]
          requestParameters = { bucketName = [aws_s3_bucket.data.id] }
        }
      },
      {
        source = ["aws.kms"]
        detail = {
          eventSource = ["kms.amazonaws.com"]
          eventName   = ["PutKeyPolicy", "CreateGrant", "ScheduleKeyDeletion", "DisableKey"]
          resources   = { ARN = [aws_kms_key.data.arn, aws_kms_key.support.arn] }
        }
      },
      {
        source = ["aws.cloudtrail"]
        detail = {
          eventSource       = ["cloudtrail.amazonaws.com"]
          eventName         = ["StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors"]
          requestParameters = { name = ["datalake-prod-data-access", "arn:${data.aws_partition.current.partition}:cloudtrail:${var.region}:${data.aws_caller_identity.current.account_id}:trail/datalake-prod-data-access"] }
        }
      },
    ]
  })
}

resource "aws_sns_topic" "alarms" {
  name              = "datalake-prod-policy-change-alarms"
  kms_master_key_id = aws_kms_key.support.arn
}

resource "aws_sns_topic_policy" "alarms" {
  arn = aws_sns_topic.alarms.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "EventBridgePublishesAlarms"
        Effect = "Allow"
        Principal = {
          Service = "events.amazonaws.com"
        }
        Action   = "sns:Publish"
        Resource = aws_sns_topic.alarms.arn
        Condition = {
          ArnEquals = {
            "aws:SourceArn" = aws_cloudwatch_event_rule.policy_changes.arn
          }
        }
      },
      {
        Sid       = "DenyAlarmTopicWithoutTls"
        Effect    = "Deny"
        Principal = "*"
        Action = [
          "sns:Publish",
          "sns:Subscribe",
        ]
        Resource = aws_sns_topic.alarms.arn
        Condition = {
          Bool = {
            "aws:SecureTransport" = "false"
          }
        }
      },
    ]
  })
}

resource "aws_cloudwatch_event_target" "policy_changes" {
  rule      = aws_cloudwatch_event_rule.policy_changes.name
  target_id = "alarm-topic"
  arn       = aws_sns_topic.alarms.arn
}

resource "aws_sns_topic_subscription" "alarm_emails" {
  for_each  = toset(var.alarm_emails)
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = each.value
}
