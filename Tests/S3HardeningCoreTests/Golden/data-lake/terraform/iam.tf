resource "aws_iam_role" "team_01" {
  name        = "datalake-prod-team-01"
  description = "read access to the datalake-prod data bucket, granted in the bucket and key policies."
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

resource "aws_iam_role" "team_02" {
  name        = "datalake-prod-team-02"
  description = "read access to the datalake-prod data bucket, granted in the bucket and key policies."
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

resource "aws_iam_role" "team_04" {
  name        = "datalake-prod-team-04"
  description = "read-write access to the datalake-prod data bucket, granted in the bucket and key policies."
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

resource "aws_iam_role" "team_05" {
  name        = "datalake-prod-team-05"
  description = "read-write-delete access to the datalake-prod data bucket, granted in the bucket and key policies."
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

resource "aws_iam_role" "team_07" {
  name        = "datalake-prod-team-07"
  description = "read access to the datalake-prod data bucket, granted in the bucket and key policies."
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

resource "aws_iam_role" "team_08" {
  name        = "datalake-prod-team-08"
  description = "read-write access to the datalake-prod data bucket, granted in the bucket and key policies."
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

resource "aws_iam_role" "team_10" {
  name        = "datalake-prod-team-10"
  description = "read-write-delete access to the datalake-prod data bucket, granted in the bucket and key policies."
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

resource "aws_iam_role" "team_11" {
  name        = "datalake-prod-team-11"
  description = "read access to the datalake-prod data bucket, granted in the bucket and key policies."
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
