output "bucket_name" {
  description = "Name of the data bucket."
  value       = aws_s3_bucket.data.id
}

output "bucket_arn" {
  description = "ARN of the data bucket."
  value       = aws_s3_bucket.data.arn
}

output "kms_key_arn" {
  description = "ARN of the KMS key that encrypts the data."
  value       = aws_kms_key.data.arn
}

output "vpc_endpoint_id" {
  description = "S3 gateway endpoint that the bucket policy requires."
  value       = aws_vpc_endpoint.s3.id
}

output "data_role_arns" {
  description = "The roles that may touch the data."
  value = {
    "uploader"  = var.existing_role_arns["uploader"]
    "processor" = aws_iam_role.processor.arn
    "analyst"   = var.existing_role_arns["analyst"]
  }
}

output "log_bucket_name" {
  description = "Bucket that receives the access logs."
  value       = aws_s3_bucket.logs.id
}

output "support_kms_key_arn" {
  description = "Key for logs and workload support resources."
  value       = aws_kms_key.support.arn
}

output "trail_bucket_name" {
  description = "Bucket that receives the audit trail."
  value       = aws_s3_bucket.trail.id
}

output "trail_arn" {
  description = "The audit trail of the data bucket."
  value       = aws_cloudtrail.data_access.arn
}

output "alarm_topic_arn" {
  description = "SNS topic of the policy-change alarms."
  value       = aws_sns_topic.alarms.arn
}
