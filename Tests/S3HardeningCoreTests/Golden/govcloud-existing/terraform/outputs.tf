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
  value       = var.kms_key_arn
}

output "vpc_endpoint_id" {
  description = "S3 gateway endpoint that the bucket policy requires."
  value       = var.vpc_endpoint_id
}

output "data_role_arns" {
  description = "The roles that may touch the data."
  value = {
    "intake" = var.existing_role_arns["intake"]
    "audit"  = var.existing_role_arns["audit"]
  }
}

output "support_kms_key_arn" {
  description = "Key for logs and workload support resources."
  value       = aws_kms_key.support.arn
}

output "trail_arn" {
  description = "The audit trail of the data bucket."
  value       = aws_cloudtrail.data_access.arn
}

output "alarm_topic_arn" {
  description = "SNS topic of the policy-change alarms."
  value       = aws_sns_topic.alarms.arn
}
