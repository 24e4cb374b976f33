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
    "team-01" = aws_iam_role.team_01.arn
    "team-02" = aws_iam_role.team_02.arn
    "team-03" = var.existing_role_arns["team-03"]
    "team-04" = aws_iam_role.team_04.arn
    "team-05" = aws_iam_role.team_05.arn
    "team-06" = var.existing_role_arns["team-06"]
    "team-07" = aws_iam_role.team_07.arn
    "team-08" = aws_iam_role.team_08.arn
    "team-09" = var.existing_role_arns["team-09"]
    "team-10" = aws_iam_role.team_10.arn
    "team-11" = aws_iam_role.team_11.arn
    "team-12" = var.existing_role_arns["team-12"]
  }
}

output "access_points" {
  description = "Each data role's access point: its applications address the data through its ARN or alias, never the bucket name."
  value = {
    "team-01" = { arn = aws_s3_access_point.team_01.arn, alias = aws_s3_access_point.team_01.alias }
    "team-02" = { arn = aws_s3_access_point.team_02.arn, alias = aws_s3_access_point.team_02.alias }
    "team-03" = { arn = aws_s3_access_point.team_03.arn, alias = aws_s3_access_point.team_03.alias }
    "team-04" = { arn = aws_s3_access_point.team_04.arn, alias = aws_s3_access_point.team_04.alias }
    "team-05" = { arn = aws_s3_access_point.team_05.arn, alias = aws_s3_access_point.team_05.alias }
    "team-06" = { arn = aws_s3_access_point.team_06.arn, alias = aws_s3_access_point.team_06.alias }
    "team-07" = { arn = aws_s3_access_point.team_07.arn, alias = aws_s3_access_point.team_07.alias }
    "team-08" = { arn = aws_s3_access_point.team_08.arn, alias = aws_s3_access_point.team_08.alias }
    "team-09" = { arn = aws_s3_access_point.team_09.arn, alias = aws_s3_access_point.team_09.alias }
    "team-10" = { arn = aws_s3_access_point.team_10.arn, alias = aws_s3_access_point.team_10.alias }
    "team-11" = { arn = aws_s3_access_point.team_11.arn, alias = aws_s3_access_point.team_11.alias }
    "team-12" = { arn = aws_s3_access_point.team_12.arn, alias = aws_s3_access_point.team_12.alias }
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
