# Delivers into the existing var.trail_bucket_name: merge ../policies/trail-bucket-policy-statements-to-add.json into its policy first.
resource "aws_cloudtrail" "data_access" {
  #checkov:skip=CKV2_AWS_10:the alarms are EventBridge rules on the trail's events, not CloudWatch Logs metric filters; a log group would store every data event a second time
  #checkov:skip=CKV_AWS_252:an SNS message per delivered log file is noise; the alarm topic receives the policy changes themselves
  name                          = "benefits-prod-data-access"
  s3_bucket_name                = var.trail_bucket_name
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
}

resource "aws_cloudwatch_event_rule" "policy_changes" {
  name        = "benefits-prod-policy-changes"
  description = "Changes that could open the benefits-prod data: bucket policy, public access block, ACL, encryption, key, audit trail."
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
          resources   = { ARN = [var.kms_key_arn, aws_kms_key.support.arn] }
        }
      },
      {
        source = ["aws.cloudtrail"]
        detail = {
          eventSource       = ["cloudtrail.amazonaws.com"]
          eventName         = ["StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors"]
          requestParameters = { name = ["benefits-prod-data-access", "arn:${data.aws_partition.current.partition}:cloudtrail:${var.region}:${data.aws_caller_identity.current.account_id}:trail/benefits-prod-data-access"] }
        }
      },
    ]
  })
}

resource "aws_sns_topic" "alarms" {
  name              = "benefits-prod-policy-change-alarms"
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
