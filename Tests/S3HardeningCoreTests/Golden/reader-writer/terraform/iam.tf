resource "aws_iam_role" "processor" {
  name        = "claims-staging-processor"
  description = "read-write-delete access to the claims-staging data bucket, granted in the bucket and key policies."
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
