data "aws_vpc_endpoint_service" "s3" {
  service      = "s3"
  service_type = "Gateway"
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = var.vpc_id
  service_name      = data.aws_vpc_endpoint_service.s3.service_name
  vpc_endpoint_type = "Gateway"
  route_table_ids   = var.route_table_ids
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AllowIngestToDataBucket"
        Effect    = "Allow"
        Principal = "*"
        Action = [
          "s3:PutObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
          "s3:GetBucketLocation",
        ]
        Resource = [
          aws_s3_bucket.data.arn,
          "${aws_s3_bucket.data.arn}/inbox/*",
        ]
        Condition = {
          ArnEquals = {
            "aws:PrincipalArn" = aws_iam_role.ingest.arn
          }
        }
      },
      {
        Sid       = "AllowReportsToDataBucket"
        Effect    = "Allow"
        Principal = "*"
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:ListBucket",
          "s3:GetBucketLocation",
        ]
        Resource = [
          aws_s3_bucket.data.arn,
          "${aws_s3_bucket.data.arn}/*",
        ]
        Condition = {
          ArnEquals = {
            "aws:PrincipalArn" = aws_iam_role.reports.arn
          }
        }
      },
      {
        Sid       = "DenyDataBucketToOtherPrincipals"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource = [
          aws_s3_bucket.data.arn,
          "${aws_s3_bucket.data.arn}/*",
        ]
        Condition = {
          ArnNotLike = {
            "aws:PrincipalArn" = [
              aws_iam_role.ingest.arn,
              aws_iam_role.reports.arn,
            ]
          }
        }
      },
    ]
  })
  tags = { Name = "medical-records-prod-s3" }
}
