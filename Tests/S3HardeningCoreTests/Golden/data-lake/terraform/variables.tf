variable "region" {
  description = "AWS region of the bucket and the endpoint."
  type        = string
  default     = "eu-central-1"
  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]+$", var.region))
    error_message = "region must look like us-east-1."
  }
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default = {
    data-classification = "pii"
    owner               = "data-platform"
  }
}

variable "bucket_name" {
  description = "Name of the data bucket before the account-regional suffix -ACCOUNTID-REGION-an."
  type        = string
  default     = "datalake-prod"
  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{0,36}$", var.bucket_name))
    error_message = "bucket_name must be at most 37 lowercase letters, digits, dots or hyphens."
  }
}

variable "vpc_id" {
  description = "VPC whose workloads reach the bucket."
  type        = string
  default     = "vpc-0da7a1a4e0000beef"
  validation {
    condition     = can(regex("^vpc-([0-9a-f]{8}|[0-9a-f]{17})$", var.vpc_id))
    error_message = "vpc_id must look like vpc-0123456789abcdef0."
  }
}

variable "route_table_ids" {
  description = "Route tables the S3 gateway endpoint is attached to."
  type        = list(string)
  default     = ["rtb-0da7a1a4e0000bee1", "rtb-0da7a1a4e0000bee2"]
  validation {
    condition     = length(var.route_table_ids) > 0 && alltrue([for v in var.route_table_ids : can(regex("^rtb-([0-9a-f]{8}|[0-9a-f]{17})$", v))])
    error_message = "route_table_ids must be one or more rtb- ids."
  }
}

variable "key_admin_arns" {
  description = "Security-team roles that manage the KMS key but cannot use it."
  type        = list(string)
  default     = ["arn:aws:iam::210987654321:role/security-kms-admin"]
  validation {
    condition     = alltrue([for v in var.key_admin_arns : can(regex("^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:(role|user)/([A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,64}$", v))])
    error_message = "key_admin_arns must be IAM role or user ARNs."
  }
}

variable "deployer_arns" {
  description = "Principals that run Terraform: key admins, exempt from VPC-only for management, never data readers."
  type        = list(string)
  default     = ["arn:aws:iam::210987654321:role/terraform-deployer"]
  validation {
    condition     = length(var.deployer_arns) > 0 && alltrue([for v in var.deployer_arns : can(regex("^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:(role|user)/([A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,64}$", v))])
    error_message = "deployer_arns must hold at least one IAM role or user ARN, or the next terraform run is locked out."
  }
}

variable "existing_role_arns" {
  description = "Existing roles that may touch the data, by logical name."
  type        = map(string)
  default = {
    team-03 = "arn:aws:iam::210987654321:role/analytics/team-03-etl"
    team-06 = "arn:aws:iam::210987654321:role/analytics/team-06-etl"
    team-09 = "arn:aws:iam::210987654321:role/analytics/team-09-etl"
    team-12 = "arn:aws:iam::210987654321:role/analytics/team-12-etl"
  }
  validation {
    condition     = alltrue([for v in values(var.existing_role_arns) : can(regex("^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:role/([A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,64}$", v))])
    error_message = "existing_role_arns values must be IAM role ARNs."
  }
}

variable "organization_id" {
  description = "AWS Organizations id whose buckets stay reachable through the endpoint."
  type        = string
  default     = "o-d4t4l4k3x1"
  validation {
    condition     = can(regex("^o-[a-z0-9]{10,32}$", var.organization_id))
    error_message = "organization_id must look like o-abc123def4."
  }
}

variable "alarm_emails" {
  description = "E-mail addresses subscribed to the policy-change alarms."
  type        = list(string)
  default     = []
  validation {
    condition     = alltrue([for v in var.alarm_emails : can(regex("^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,63}$", v))])
    error_message = "alarm_emails must be e-mail addresses."
  }
}
