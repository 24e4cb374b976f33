# read for role team-01: requests through it must come from var.vpc_id (network origin VPC).
resource "aws_s3_access_point" "team_01" {
  bucket = aws_s3_bucket.data.id
  name   = "datalake-prod-team-01"
  vpc_configuration {
    vpc_id = var.vpc_id
  }
  public_access_block_configuration {
    block_public_acls       = true
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = true
  }
}

resource "aws_s3control_access_point_policy" "team_01" {
  access_point_arn = aws_s3_access_point.team_01.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AllowTeam01Objects"
        Effect = "Allow"
        Principal = {
          AWS = aws_iam_role.team_01.arn
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
        ]
        Resource = [
          "${aws_s3_access_point.team_01.arn}/object/team-01/dataset-01/*",
          "${aws_s3_access_point.team_01.arn}/object/team-01/dataset-02/*",
          "${aws_s3_access_point.team_01.arn}/object/team-01/dataset-03/*",
        ]
      },
      {
        Sid    = "AllowTeam01List"
        Effect = "Allow"
        Principal = {
          AWS = aws_iam_role.team_01.arn
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_01.arn
        Condition = {
          StringLike = {
            "s3:prefix" = [
              "team-01/dataset-01/*",
              "team-01/dataset-02/*",
              "team-01/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid    = "DenyTeam01BeyondItsAccess"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_01.arn
        }
        NotAction = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:ListBucket",
          "s3:GetBucketLocation",
        ]
        Resource = [
          aws_s3_access_point.team_01.arn,
          "${aws_s3_access_point.team_01.arn}/object/*",
        ]
      },
      {
        Sid    = "DenyTeam01OutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_01.arn
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
        ]
        NotResource = [
          "${aws_s3_access_point.team_01.arn}/object/team-01/dataset-01/*",
          "${aws_s3_access_point.team_01.arn}/object/team-01/dataset-02/*",
          "${aws_s3_access_point.team_01.arn}/object/team-01/dataset-03/*",
        ]
      },
      {
        Sid    = "DenyTeam01ListingOutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_01.arn
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_01.arn
        Condition = {
          StringNotLike = {
            "s3:prefix" = [
              "team-01/dataset-01/*",
              "team-01/dataset-02/*",
              "team-01/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid       = "DenyOtherPrincipalsThroughThisAccessPoint"
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
          "s3:ListBucket",
          "s3:ListBucketVersions",
          "s3:ListBucketMultipartUploads",
        ]
        Resource = [
          aws_s3_access_point.team_01.arn,
          "${aws_s3_access_point.team_01.arn}/object/*",
        ]
        Condition = {
          ArnNotLike = {
            "aws:PrincipalArn" = aws_iam_role.team_01.arn
          }
        }
      },
    ]
  })
}

# read for role team-02: requests through it must come from var.vpc_id (network origin VPC).
resource "aws_s3_access_point" "team_02" {
  bucket = aws_s3_bucket.data.id
  name   = "datalake-prod-team-02"
  vpc_configuration {
    vpc_id = var.vpc_id
  }
  public_access_block_configuration {
    block_public_acls       = true
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = true
  }
}

resource "aws_s3control_access_point_policy" "team_02" {
  access_point_arn = aws_s3_access_point.team_02.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AllowTeam02Objects"
        Effect = "Allow"
        Principal = {
          AWS = aws_iam_role.team_02.arn
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
        ]
        Resource = [
          "${aws_s3_access_point.team_02.arn}/object/team-02/dataset-01/*",
          "${aws_s3_access_point.team_02.arn}/object/team-02/dataset-02/*",
          "${aws_s3_access_point.team_02.arn}/object/team-02/dataset-03/*",
        ]
      },
      {
        Sid    = "AllowTeam02List"
        Effect = "Allow"
        Principal = {
          AWS = aws_iam_role.team_02.arn
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_02.arn
        Condition = {
          StringLike = {
            "s3:prefix" = [
              "team-02/dataset-01/*",
              "team-02/dataset-02/*",
              "team-02/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid    = "DenyTeam02BeyondItsAccess"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_02.arn
        }
        NotAction = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:ListBucket",
          "s3:GetBucketLocation",
        ]
        Resource = [
          aws_s3_access_point.team_02.arn,
          "${aws_s3_access_point.team_02.arn}/object/*",
        ]
      },
      {
        Sid    = "DenyTeam02OutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_02.arn
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
        ]
        NotResource = [
          "${aws_s3_access_point.team_02.arn}/object/team-02/dataset-01/*",
          "${aws_s3_access_point.team_02.arn}/object/team-02/dataset-02/*",
          "${aws_s3_access_point.team_02.arn}/object/team-02/dataset-03/*",
        ]
      },
      {
        Sid    = "DenyTeam02ListingOutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_02.arn
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_02.arn
        Condition = {
          StringNotLike = {
            "s3:prefix" = [
              "team-02/dataset-01/*",
              "team-02/dataset-02/*",
              "team-02/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid       = "DenyOtherPrincipalsThroughThisAccessPoint"
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
          "s3:ListBucket",
          "s3:ListBucketVersions",
          "s3:ListBucketMultipartUploads",
        ]
        Resource = [
          aws_s3_access_point.team_02.arn,
          "${aws_s3_access_point.team_02.arn}/object/*",
        ]
        Condition = {
          ArnNotLike = {
            "aws:PrincipalArn" = aws_iam_role.team_02.arn
          }
        }
      },
    ]
  })
}

# read for role team-03: requests through it must come from var.vpc_id (network origin VPC).
resource "aws_s3_access_point" "team_03" {
  bucket = aws_s3_bucket.data.id
  name   = "datalake-prod-team-03"
  vpc_configuration {
    vpc_id = var.vpc_id
  }
  public_access_block_configuration {
    block_public_acls       = true
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = true
  }
}

resource "aws_s3control_access_point_policy" "team_03" {
  access_point_arn = aws_s3_access_point.team_03.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AllowTeam03Objects"
        Effect = "Allow"
        Principal = {
          AWS = var.existing_role_arns["team-03"]
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
        ]
        Resource = [
          "${aws_s3_access_point.team_03.arn}/object/team-03/dataset-01/*",
          "${aws_s3_access_point.team_03.arn}/object/team-03/dataset-02/*",
          "${aws_s3_access_point.team_03.arn}/object/team-03/dataset-03/*",
        ]
      },
      {
        Sid    = "AllowTeam03List"
        Effect = "Allow"
        Principal = {
          AWS = var.existing_role_arns["team-03"]
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_03.arn
        Condition = {
          StringLike = {
            "s3:prefix" = [
              "team-03/dataset-01/*",
              "team-03/dataset-02/*",
              "team-03/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid    = "DenyTeam03BeyondItsAccess"
        Effect = "Deny"
        Principal = {
          AWS = var.existing_role_arns["team-03"]
        }
        NotAction = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:ListBucket",
          "s3:GetBucketLocation",
        ]
        Resource = [
          aws_s3_access_point.team_03.arn,
          "${aws_s3_access_point.team_03.arn}/object/*",
        ]
      },
      {
        Sid    = "DenyTeam03OutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = var.existing_role_arns["team-03"]
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
        ]
        NotResource = [
          "${aws_s3_access_point.team_03.arn}/object/team-03/dataset-01/*",
          "${aws_s3_access_point.team_03.arn}/object/team-03/dataset-02/*",
          "${aws_s3_access_point.team_03.arn}/object/team-03/dataset-03/*",
        ]
      },
      {
        Sid    = "DenyTeam03ListingOutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = var.existing_role_arns["team-03"]
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_03.arn
        Condition = {
          StringNotLike = {
            "s3:prefix" = [
              "team-03/dataset-01/*",
              "team-03/dataset-02/*",
              "team-03/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid       = "DenyOtherPrincipalsThroughThisAccessPoint"
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
          "s3:ListBucket",
          "s3:ListBucketVersions",
          "s3:ListBucketMultipartUploads",
        ]
        Resource = [
          aws_s3_access_point.team_03.arn,
          "${aws_s3_access_point.team_03.arn}/object/*",
        ]
        Condition = {
          ArnNotLike = {
            "aws:PrincipalArn" = var.existing_role_arns["team-03"]
          }
        }
      },
    ]
  })
}

# read-write for role team-04: requests through it must come from var.vpc_id (network origin VPC).
resource "aws_s3_access_point" "team_04" {
  bucket = aws_s3_bucket.data.id
  name   = "datalake-prod-team-04"
  vpc_configuration {
    vpc_id = var.vpc_id
  }
  public_access_block_configuration {
    block_public_acls       = true
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = true
  }
}

resource "aws_s3control_access_point_policy" "team_04" {
  access_point_arn = aws_s3_access_point.team_04.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AllowTeam04Objects"
        Effect = "Allow"
        Principal = {
          AWS = aws_iam_role.team_04.arn
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:PutObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
        ]
        Resource = [
          "${aws_s3_access_point.team_04.arn}/object/team-04/dataset-01/*",
          "${aws_s3_access_point.team_04.arn}/object/team-04/dataset-02/*",
          "${aws_s3_access_point.team_04.arn}/object/team-04/dataset-03/*",
        ]
      },
      {
        Sid    = "AllowTeam04List"
        Effect = "Allow"
        Principal = {
          AWS = aws_iam_role.team_04.arn
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_04.arn
        Condition = {
          StringLike = {
            "s3:prefix" = [
              "team-04/dataset-01/*",
              "team-04/dataset-02/*",
              "team-04/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid    = "DenyTeam04BeyondItsAccess"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_04.arn
        }
        NotAction = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:PutObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
          "s3:ListBucket",
          "s3:GetBucketLocation",
        ]
        Resource = [
          aws_s3_access_point.team_04.arn,
          "${aws_s3_access_point.team_04.arn}/object/*",
        ]
      },
      {
        Sid    = "DenyTeam04OutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_04.arn
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:PutObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
        ]
        NotResource = [
          "${aws_s3_access_point.team_04.arn}/object/team-04/dataset-01/*",
          "${aws_s3_access_point.team_04.arn}/object/team-04/dataset-02/*",
          "${aws_s3_access_point.team_04.arn}/object/team-04/dataset-03/*",
        ]
      },
      {
        Sid    = "DenyTeam04ListingOutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_04.arn
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_04.arn
        Condition = {
          StringNotLike = {
            "s3:prefix" = [
              "team-04/dataset-01/*",
              "team-04/dataset-02/*",
              "team-04/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid       = "DenyOtherPrincipalsThroughThisAccessPoint"
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
          "s3:ListBucket",
          "s3:ListBucketVersions",
          "s3:ListBucketMultipartUploads",
        ]
        Resource = [
          aws_s3_access_point.team_04.arn,
          "${aws_s3_access_point.team_04.arn}/object/*",
        ]
        Condition = {
          ArnNotLike = {
            "aws:PrincipalArn" = aws_iam_role.team_04.arn
          }
        }
      },
    ]
  })
}

# read-write-delete for role team-05: requests through it must come from var.vpc_id (network origin VPC).
resource "aws_s3_access_point" "team_05" {
  bucket = aws_s3_bucket.data.id
  name   = "datalake-prod-team-05"
  vpc_configuration {
    vpc_id = var.vpc_id
  }
  public_access_block_configuration {
    block_public_acls       = true
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = true
  }
}

resource "aws_s3control_access_point_policy" "team_05" {
  access_point_arn = aws_s3_access_point.team_05.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AllowTeam05Objects"
        Effect = "Allow"
        Principal = {
          AWS = aws_iam_role.team_05.arn
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:PutObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
          "s3:DeleteObject",
        ]
        Resource = [
          "${aws_s3_access_point.team_05.arn}/object/team-05/dataset-01/*",
          "${aws_s3_access_point.team_05.arn}/object/team-05/dataset-02/*",
          "${aws_s3_access_point.team_05.arn}/object/team-05/dataset-03/*",
        ]
      },
      {
        Sid    = "AllowTeam05List"
        Effect = "Allow"
        Principal = {
          AWS = aws_iam_role.team_05.arn
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_05.arn
        Condition = {
          StringLike = {
            "s3:prefix" = [
              "team-05/dataset-01/*",
              "team-05/dataset-02/*",
              "team-05/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid    = "DenyTeam05BeyondItsAccess"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_05.arn
        }
        NotAction = [
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
          aws_s3_access_point.team_05.arn,
          "${aws_s3_access_point.team_05.arn}/object/*",
        ]
      },
      {
        Sid    = "DenyTeam05OutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_05.arn
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:PutObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
          "s3:DeleteObject",
        ]
        NotResource = [
          "${aws_s3_access_point.team_05.arn}/object/team-05/dataset-01/*",
          "${aws_s3_access_point.team_05.arn}/object/team-05/dataset-02/*",
          "${aws_s3_access_point.team_05.arn}/object/team-05/dataset-03/*",
        ]
      },
      {
        Sid    = "DenyTeam05ListingOutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_05.arn
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_05.arn
        Condition = {
          StringNotLike = {
            "s3:prefix" = [
              "team-05/dataset-01/*",
              "team-05/dataset-02/*",
              "team-05/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid       = "DenyOtherPrincipalsThroughThisAccessPoint"
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
          "s3:ListBucket",
          "s3:ListBucketVersions",
          "s3:ListBucketMultipartUploads",
        ]
        Resource = [
          aws_s3_access_point.team_05.arn,
          "${aws_s3_access_point.team_05.arn}/object/*",
        ]
        Condition = {
          ArnNotLike = {
            "aws:PrincipalArn" = aws_iam_role.team_05.arn
          }
        }
      },
    ]
  })
}

# read for role team-06: requests through it must come from var.vpc_id (network origin VPC).
resource "aws_s3_access_point" "team_06" {
  bucket = aws_s3_bucket.data.id
  name   = "datalake-prod-team-06"
  vpc_configuration {
    vpc_id = var.vpc_id
  }
  public_access_block_configuration {
    block_public_acls       = true
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = true
  }
}

resource "aws_s3control_access_point_policy" "team_06" {
  access_point_arn = aws_s3_access_point.team_06.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AllowTeam06Objects"
        Effect = "Allow"
        Principal = {
          AWS = var.existing_role_arns["team-06"]
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
        ]
        Resource = [
          "${aws_s3_access_point.team_06.arn}/object/team-06/dataset-01/*",
          "${aws_s3_access_point.team_06.arn}/object/team-06/dataset-02/*",
          "${aws_s3_access_point.team_06.arn}/object/team-06/dataset-03/*",
        ]
      },
      {
        Sid    = "AllowTeam06List"
        Effect = "Allow"
        Principal = {
          AWS = var.existing_role_arns["team-06"]
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_06.arn
        Condition = {
          StringLike = {
            "s3:prefix" = [
              "team-06/dataset-01/*",
              "team-06/dataset-02/*",
              "team-06/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid    = "DenyTeam06BeyondItsAccess"
        Effect = "Deny"
        Principal = {
          AWS = var.existing_role_arns["team-06"]
        }
        NotAction = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:ListBucket",
          "s3:GetBucketLocation",
        ]
        Resource = [
          aws_s3_access_point.team_06.arn,
          "${aws_s3_access_point.team_06.arn}/object/*",
        ]
      },
      {
        Sid    = "DenyTeam06OutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = var.existing_role_arns["team-06"]
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
        ]
        NotResource = [
          "${aws_s3_access_point.team_06.arn}/object/team-06/dataset-01/*",
          "${aws_s3_access_point.team_06.arn}/object/team-06/dataset-02/*",
          "${aws_s3_access_point.team_06.arn}/object/team-06/dataset-03/*",
        ]
      },
      {
        Sid    = "DenyTeam06ListingOutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = var.existing_role_arns["team-06"]
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_06.arn
        Condition = {
          StringNotLike = {
            "s3:prefix" = [
              "team-06/dataset-01/*",
              "team-06/dataset-02/*",
              "team-06/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid       = "DenyOtherPrincipalsThroughThisAccessPoint"
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
          "s3:ListBucket",
          "s3:ListBucketVersions",
          "s3:ListBucketMultipartUploads",
        ]
        Resource = [
          aws_s3_access_point.team_06.arn,
          "${aws_s3_access_point.team_06.arn}/object/*",
        ]
        Condition = {
          ArnNotLike = {
            "aws:PrincipalArn" = var.existing_role_arns["team-06"]
          }
        }
      },
    ]
  })
}

# read for role team-07: requests through it must come from var.vpc_id (network origin VPC).
resource "aws_s3_access_point" "team_07" {
  bucket = aws_s3_bucket.data.id
  name   = "datalake-prod-team-07"
  vpc_configuration {
    vpc_id = var.vpc_id
  }
  public_access_block_configuration {
    block_public_acls       = true
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = true
  }
}

resource "aws_s3control_access_point_policy" "team_07" {
  access_point_arn = aws_s3_access_point.team_07.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AllowTeam07Objects"
        Effect = "Allow"
        Principal = {
          AWS = aws_iam_role.team_07.arn
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
        ]
        Resource = [
          "${aws_s3_access_point.team_07.arn}/object/team-07/dataset-01/*",
          "${aws_s3_access_point.team_07.arn}/object/team-07/dataset-02/*",
          "${aws_s3_access_point.team_07.arn}/object/team-07/dataset-03/*",
        ]
      },
      {
        Sid    = "AllowTeam07List"
        Effect = "Allow"
        Principal = {
          AWS = aws_iam_role.team_07.arn
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_07.arn
        Condition = {
          StringLike = {
            "s3:prefix" = [
              "team-07/dataset-01/*",
              "team-07/dataset-02/*",
              "team-07/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid    = "DenyTeam07BeyondItsAccess"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_07.arn
        }
        NotAction = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:ListBucket",
          "s3:GetBucketLocation",
        ]
        Resource = [
          aws_s3_access_point.team_07.arn,
          "${aws_s3_access_point.team_07.arn}/object/*",
        ]
      },
      {
        Sid    = "DenyTeam07OutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_07.arn
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
        ]
        NotResource = [
          "${aws_s3_access_point.team_07.arn}/object/team-07/dataset-01/*",
          "${aws_s3_access_point.team_07.arn}/object/team-07/dataset-02/*",
          "${aws_s3_access_point.team_07.arn}/object/team-07/dataset-03/*",
        ]
      },
      {
        Sid    = "DenyTeam07ListingOutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_07.arn
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_07.arn
        Condition = {
          StringNotLike = {
            "s3:prefix" = [
              "team-07/dataset-01/*",
              "team-07/dataset-02/*",
              "team-07/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid       = "DenyOtherPrincipalsThroughThisAccessPoint"
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
          "s3:ListBucket",
          "s3:ListBucketVersions",
          "s3:ListBucketMultipartUploads",
        ]
        Resource = [
          aws_s3_access_point.team_07.arn,
          "${aws_s3_access_point.team_07.arn}/object/*",
        ]
        Condition = {
          ArnNotLike = {
            "aws:PrincipalArn" = aws_iam_role.team_07.arn
          }
        }
      },
    ]
  })
}

# read-write for role team-08: requests through it must come from var.vpc_id (network origin VPC).
resource "aws_s3_access_point" "team_08" {
  bucket = aws_s3_bucket.data.id
  name   = "datalake-prod-team-08"
  vpc_configuration {
    vpc_id = var.vpc_id
  }
  public_access_block_configuration {
    block_public_acls       = true
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = true
  }
}

resource "aws_s3control_access_point_policy" "team_08" {
  access_point_arn = aws_s3_access_point.team_08.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AllowTeam08Objects"
        Effect = "Allow"
        Principal = {
          AWS = aws_iam_role.team_08.arn
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:PutObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
        ]
        Resource = [
          "${aws_s3_access_point.team_08.arn}/object/team-08/dataset-01/*",
          "${aws_s3_access_point.team_08.arn}/object/team-08/dataset-02/*",
          "${aws_s3_access_point.team_08.arn}/object/team-08/dataset-03/*",
        ]
      },
      {
        Sid    = "AllowTeam08List"
        Effect = "Allow"
        Principal = {
          AWS = aws_iam_role.team_08.arn
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_08.arn
        Condition = {
          StringLike = {
            "s3:prefix" = [
              "team-08/dataset-01/*",
              "team-08/dataset-02/*",
              "team-08/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid    = "DenyTeam08BeyondItsAccess"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_08.arn
        }
        NotAction = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:PutObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
          "s3:ListBucket",
          "s3:GetBucketLocation",
        ]
        Resource = [
          aws_s3_access_point.team_08.arn,
          "${aws_s3_access_point.team_08.arn}/object/*",
        ]
      },
      {
        Sid    = "DenyTeam08OutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_08.arn
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:PutObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
        ]
        NotResource = [
          "${aws_s3_access_point.team_08.arn}/object/team-08/dataset-01/*",
          "${aws_s3_access_point.team_08.arn}/object/team-08/dataset-02/*",
          "${aws_s3_access_point.team_08.arn}/object/team-08/dataset-03/*",
        ]
      },
      {
        Sid    = "DenyTeam08ListingOutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_08.arn
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_08.arn
        Condition = {
          StringNotLike = {
            "s3:prefix" = [
              "team-08/dataset-01/*",
              "team-08/dataset-02/*",
              "team-08/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid       = "DenyOtherPrincipalsThroughThisAccessPoint"
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
          "s3:ListBucket",
          "s3:ListBucketVersions",
          "s3:ListBucketMultipartUploads",
        ]
        Resource = [
          aws_s3_access_point.team_08.arn,
          "${aws_s3_access_point.team_08.arn}/object/*",
        ]
        Condition = {
          ArnNotLike = {
            "aws:PrincipalArn" = aws_iam_role.team_08.arn
          }
        }
      },
    ]
  })
}

# read for role team-09: requests through it must come from var.vpc_id (network origin VPC).
resource "aws_s3_access_point" "team_09" {
  bucket = aws_s3_bucket.data.id
  name   = "datalake-prod-team-09"
  vpc_configuration {
    vpc_id = var.vpc_id
  }
  public_access_block_configuration {
    block_public_acls       = true
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = true
  }
}

resource "aws_s3control_access_point_policy" "team_09" {
  access_point_arn = aws_s3_access_point.team_09.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AllowTeam09Objects"
        Effect = "Allow"
        Principal = {
          AWS = var.existing_role_arns["team-09"]
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
        ]
        Resource = [
          "${aws_s3_access_point.team_09.arn}/object/team-09/dataset-01/*",
          "${aws_s3_access_point.team_09.arn}/object/team-09/dataset-02/*",
          "${aws_s3_access_point.team_09.arn}/object/team-09/dataset-03/*",
        ]
      },
      {
        Sid    = "AllowTeam09List"
        Effect = "Allow"
        Principal = {
          AWS = var.existing_role_arns["team-09"]
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_09.arn
        Condition = {
          StringLike = {
            "s3:prefix" = [
              "team-09/dataset-01/*",
              "team-09/dataset-02/*",
              "team-09/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid    = "DenyTeam09BeyondItsAccess"
        Effect = "Deny"
        Principal = {
          AWS = var.existing_role_arns["team-09"]
        }
        NotAction = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:ListBucket",
          "s3:GetBucketLocation",
        ]
        Resource = [
          aws_s3_access_point.team_09.arn,
          "${aws_s3_access_point.team_09.arn}/object/*",
        ]
      },
      {
        Sid    = "DenyTeam09OutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = var.existing_role_arns["team-09"]
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
        ]
        NotResource = [
          "${aws_s3_access_point.team_09.arn}/object/team-09/dataset-01/*",
          "${aws_s3_access_point.team_09.arn}/object/team-09/dataset-02/*",
          "${aws_s3_access_point.team_09.arn}/object/team-09/dataset-03/*",
        ]
      },
      {
        Sid    = "DenyTeam09ListingOutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = var.existing_role_arns["team-09"]
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_09.arn
        Condition = {
          StringNotLike = {
            "s3:prefix" = [
              "team-09/dataset-01/*",
              "team-09/dataset-02/*",
              "team-09/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid       = "DenyOtherPrincipalsThroughThisAccessPoint"
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
          "s3:ListBucket",
          "s3:ListBucketVersions",
          "s3:ListBucketMultipartUploads",
        ]
        Resource = [
          aws_s3_access_point.team_09.arn,
          "${aws_s3_access_point.team_09.arn}/object/*",
        ]
        Condition = {
          ArnNotLike = {
            "aws:PrincipalArn" = var.existing_role_arns["team-09"]
          }
        }
      },
    ]
  })
}

# read-write-delete for role team-10: requests through it must come from var.vpc_id (network origin VPC).
resource "aws_s3_access_point" "team_10" {
  bucket = aws_s3_bucket.data.id
  name   = "datalake-prod-team-10"
  vpc_configuration {
    vpc_id = var.vpc_id
  }
  public_access_block_configuration {
    block_public_acls       = true
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = true
  }
}

resource "aws_s3control_access_point_policy" "team_10" {
  access_point_arn = aws_s3_access_point.team_10.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AllowTeam10Objects"
        Effect = "Allow"
        Principal = {
          AWS = aws_iam_role.team_10.arn
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:PutObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
          "s3:DeleteObject",
        ]
        Resource = [
          "${aws_s3_access_point.team_10.arn}/object/team-10/dataset-01/*",
          "${aws_s3_access_point.team_10.arn}/object/team-10/dataset-02/*",
          "${aws_s3_access_point.team_10.arn}/object/team-10/dataset-03/*",
        ]
      },
      {
        Sid    = "AllowTeam10List"
        Effect = "Allow"
        Principal = {
          AWS = aws_iam_role.team_10.arn
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_10.arn
        Condition = {
          StringLike = {
            "s3:prefix" = [
              "team-10/dataset-01/*",
              "team-10/dataset-02/*",
              "team-10/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid    = "DenyTeam10BeyondItsAccess"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_10.arn
        }
        NotAction = [
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
          aws_s3_access_point.team_10.arn,
          "${aws_s3_access_point.team_10.arn}/object/*",
        ]
      },
      {
        Sid    = "DenyTeam10OutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_10.arn
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:PutObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
          "s3:DeleteObject",
        ]
        NotResource = [
          "${aws_s3_access_point.team_10.arn}/object/team-10/dataset-01/*",
          "${aws_s3_access_point.team_10.arn}/object/team-10/dataset-02/*",
          "${aws_s3_access_point.team_10.arn}/object/team-10/dataset-03/*",
        ]
      },
      {
        Sid    = "DenyTeam10ListingOutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_10.arn
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_10.arn
        Condition = {
          StringNotLike = {
            "s3:prefix" = [
              "team-10/dataset-01/*",
              "team-10/dataset-02/*",
              "team-10/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid       = "DenyOtherPrincipalsThroughThisAccessPoint"
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
          "s3:ListBucket",
          "s3:ListBucketVersions",
          "s3:ListBucketMultipartUploads",
        ]
        Resource = [
          aws_s3_access_point.team_10.arn,
          "${aws_s3_access_point.team_10.arn}/object/*",
        ]
        Condition = {
          ArnNotLike = {
            "aws:PrincipalArn" = aws_iam_role.team_10.arn
          }
        }
      },
    ]
  })
}

# read for role team-11: requests through it must come from var.vpc_id (network origin VPC).
resource "aws_s3_access_point" "team_11" {
  bucket = aws_s3_bucket.data.id
  name   = "datalake-prod-team-11"
  vpc_configuration {
    vpc_id = var.vpc_id
  }
  public_access_block_configuration {
    block_public_acls       = true
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = true
  }
}

resource "aws_s3control_access_point_policy" "team_11" {
  access_point_arn = aws_s3_access_point.team_11.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AllowTeam11Objects"
        Effect = "Allow"
        Principal = {
          AWS = aws_iam_role.team_11.arn
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
        ]
        Resource = [
          "${aws_s3_access_point.team_11.arn}/object/team-11/dataset-01/*",
          "${aws_s3_access_point.team_11.arn}/object/team-11/dataset-02/*",
          "${aws_s3_access_point.team_11.arn}/object/team-11/dataset-03/*",
        ]
      },
      {
        Sid    = "AllowTeam11List"
        Effect = "Allow"
        Principal = {
          AWS = aws_iam_role.team_11.arn
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_11.arn
        Condition = {
          StringLike = {
            "s3:prefix" = [
              "team-11/dataset-01/*",
              "team-11/dataset-02/*",
              "team-11/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid    = "DenyTeam11BeyondItsAccess"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_11.arn
        }
        NotAction = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:ListBucket",
          "s3:GetBucketLocation",
        ]
        Resource = [
          aws_s3_access_point.team_11.arn,
          "${aws_s3_access_point.team_11.arn}/object/*",
        ]
      },
      {
        Sid    = "DenyTeam11OutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_11.arn
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
        ]
        NotResource = [
          "${aws_s3_access_point.team_11.arn}/object/team-11/dataset-01/*",
          "${aws_s3_access_point.team_11.arn}/object/team-11/dataset-02/*",
          "${aws_s3_access_point.team_11.arn}/object/team-11/dataset-03/*",
        ]
      },
      {
        Sid    = "DenyTeam11ListingOutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = aws_iam_role.team_11.arn
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_11.arn
        Condition = {
          StringNotLike = {
            "s3:prefix" = [
              "team-11/dataset-01/*",
              "team-11/dataset-02/*",
              "team-11/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid       = "DenyOtherPrincipalsThroughThisAccessPoint"
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
          "s3:ListBucket",
          "s3:ListBucketVersions",
          "s3:ListBucketMultipartUploads",
        ]
        Resource = [
          aws_s3_access_point.team_11.arn,
          "${aws_s3_access_point.team_11.arn}/object/*",
        ]
        Condition = {
          ArnNotLike = {
            "aws:PrincipalArn" = aws_iam_role.team_11.arn
          }
        }
      },
    ]
  })
}

# read-write for role team-12: requests through it must come from var.vpc_id (network origin VPC).
resource "aws_s3_access_point" "team_12" {
  bucket = aws_s3_bucket.data.id
  name   = "datalake-prod-team-12"
  vpc_configuration {
    vpc_id = var.vpc_id
  }
  public_access_block_configuration {
    block_public_acls       = true
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = true
  }
}

resource "aws_s3control_access_point_policy" "team_12" {
  access_point_arn = aws_s3_access_point.team_12.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AllowTeam12Objects"
        Effect = "Allow"
        Principal = {
          AWS = var.existing_role_arns["team-12"]
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:PutObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
        ]
        Resource = [
          "${aws_s3_access_point.team_12.arn}/object/team-12/dataset-01/*",
          "${aws_s3_access_point.team_12.arn}/object/team-12/dataset-02/*",
          "${aws_s3_access_point.team_12.arn}/object/team-12/dataset-03/*",
        ]
      },
      {
        Sid    = "AllowTeam12List"
        Effect = "Allow"
        Principal = {
          AWS = var.existing_role_arns["team-12"]
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_12.arn
        Condition = {
          StringLike = {
            "s3:prefix" = [
              "team-12/dataset-01/*",
              "team-12/dataset-02/*",
              "team-12/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid    = "DenyTeam12BeyondItsAccess"
        Effect = "Deny"
        Principal = {
          AWS = var.existing_role_arns["team-12"]
        }
        NotAction = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:PutObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
          "s3:ListBucket",
          "s3:GetBucketLocation",
        ]
        Resource = [
          aws_s3_access_point.team_12.arn,
          "${aws_s3_access_point.team_12.arn}/object/*",
        ]
      },
      {
        Sid    = "DenyTeam12OutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = var.existing_role_arns["team-12"]
        }
        Action = [
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:PutObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
        ]
        NotResource = [
          "${aws_s3_access_point.team_12.arn}/object/team-12/dataset-01/*",
          "${aws_s3_access_point.team_12.arn}/object/team-12/dataset-02/*",
          "${aws_s3_access_point.team_12.arn}/object/team-12/dataset-03/*",
        ]
      },
      {
        Sid    = "DenyTeam12ListingOutsideItsPrefixes"
        Effect = "Deny"
        Principal = {
          AWS = var.existing_role_arns["team-12"]
        }
        Action   = "s3:ListBucket"
        Resource = aws_s3_access_point.team_12.arn
        Condition = {
          StringNotLike = {
            "s3:prefix" = [
              "team-12/dataset-01/*",
              "team-12/dataset-02/*",
              "team-12/dataset-03/*",
            ]
          }
        }
      },
      {
        Sid       = "DenyOtherPrincipalsThroughThisAccessPoint"
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
          "s3:ListBucket",
          "s3:ListBucketVersions",
          "s3:ListBucketMultipartUploads",
        ]
        Resource = [
          aws_s3_access_point.team_12.arn,
          "${aws_s3_access_point.team_12.arn}/object/*",
        ]
        Condition = {
          ArnNotLike = {
            "aws:PrincipalArn" = var.existing_role_arns["team-12"]
          }
        }
      },
    ]
  })
}
