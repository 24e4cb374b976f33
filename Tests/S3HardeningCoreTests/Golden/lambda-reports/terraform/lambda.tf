data "archive_file" "function" {
  type        = "zip"
  source_file = "${path.module}/lambda/handler.py"
  output_path = "${path.module}/.build/function.zip"
}

resource "aws_cloudwatch_log_group" "function" {
  name              = "/aws/lambda/pii-reports-prod-reports"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.support.arn
}

resource "aws_sqs_queue" "dead_letter" {
  name                              = "pii-reports-prod-reports-dlq"
  kms_master_key_id                 = aws_kms_key.support.arn
  kms_data_key_reuse_period_seconds = 300
  message_retention_seconds         = 1209600
}

resource "aws_security_group" "function" {
  name        = "pii-reports-prod-reports"
  description = "pii-reports-prod-reports: HTTPS to S3 through the gateway endpoint, nothing else"
  vpc_id      = var.vpc_id
  egress {
    description     = "HTTPS to S3 through the gateway endpoint only"
    from_port       = 443
    to_port         = 443
    protocol        = "tcp"
    prefix_list_ids = [aws_vpc_endpoint.s3.prefix_list_id]
  }
}

resource "aws_signer_signing_profile" "function" {
  platform_id = "AWSLambda-SHA384-ECDSA"
  name_prefix = "pii_reports_prod_reports_"
}

# Warn lets this unsigned scaffold deploy; switch to Enforce once your pipeline signs the code.
resource "aws_lambda_code_signing_config" "function" {
  description = "Code signing for pii-reports-prod-reports"
  allowed_publishers {
    signing_profile_version_arns = [aws_signer_signing_profile.function.version_arn]
  }
  policies {
    untrusted_artifact_on_deployment = "Warn"
  }
}

resource "aws_lambda_function" "function" {
  function_name                  = "pii-reports-prod-reports"
  role                           = aws_iam_role.reports.arn
  runtime                        = "python3.13"
  handler                        = "handler.handler"
  filename                       = data.archive_file.function.output_path
  source_code_hash               = data.archive_file.function.output_base64sha256
  memory_size                    = 256
  timeout                        = 60
  reserved_concurrent_executions = 5
  code_signing_config_arn        = aws_lambda_code_signing_config.function.arn
  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [aws_security_group.function.id]
  }
  tracing_config {
    mode = "Active"
  }
  dead_letter_config {
    target_arn = aws_sqs_queue.dead_letter.arn
  }
  depends_on = [
    aws_cloudwatch_log_group.function,
    aws_iam_role_policy.reports,
    aws_iam_role_policy_attachment.reports_eni,
  ]
}
