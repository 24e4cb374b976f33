variable "region" {
  description = "AWS region of the bucket and the endpoint."
  type        = string
  default     = "us-gov-west-1"
  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]+$", var.region))
    error_message = "region must look like us-east-1."
  }
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}

variable "bucket_name" {
  description = "Name of the data bucket."
  type        = string
  default     = "benefits-prod-records"
  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be 3-63 lowercase letters, digits, dots or hyphens."
  }
}

variable "vpc_id" {
  description = "VPC whose workloads reach the bucket."
  type        = string
  default     = "vpc-0fedcba9876543210"
  validation {
    condition     = can(regex("^vpc-([0-9a-f]{8}|[0-9a-f]{17})$", var.vpc_id))
    error_message = "vpc_id must look like vpc-0123456789abcdef0."
  }
}

variable "vpc_endpoint_id" {
  description = "Existing S3 gateway endpoint."
  type        = string
  default     = "vpce-0fedcba9876543211"
  validation {
    condition     = can(regex("^vpce-([0-9a-f]{8}|[0-9a-f]{17})$", var.vpc_endpoint_id))
    error_message = "vpc_endpoint_id must look like vpce-0123456789abcdef0."
  }
}

variable "kms_key_arn" {
  description = "Existing customer-managed KMS key that encrypts the data."
  type        = string
  default     = "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  validation {
    condition     = can(regex("^arn:aws(-cn|-us-gov)?:kms:[a-z]{2}(-gov)?-[a-z]+-[0-9]+:[0-9]{12}:key/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "key_admin_arns" {
  description = "Security-team roles that manage the KMS key but cannot use it."
  type        = list(string)
  default     = []
  validation {
    condition     = alltrue([for v in var.key_admin_arns : can(regex("^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:(role|user)/([A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,64}$", v))])
    error_message = "key_admin_arns must be IAM role or user ARNs."
  }
}

variable "deployer_arns" {
  description = "Principals that run Terraform: key admins, exempt from VPC-only for management, never data readers."
  type        = list(string)
  default     = ["arn:aws-us-gov:iam::123456789012:role/terraform"]
  validation {
    condition     = length(var.deployer_arns) > 0 && alltrue([for v in var.deployer_arns : can(regex("^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:(role|user)/([A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,64}$", v))])
    error_message = "deployer_arns must hold at least one IAM role or user ARN, or the next terraform run is locked out."
  }
}

variable "existing_role_arns" {
  description = "Existing roles that may touch the data, by logical name."
  type        = map(string)
  default = {
    intake = "arn:aws-us-gov:iam::123456789012:role/benefits-intake"
    audit  = "arn:aws-us-gov:iam::123456789012:role/benefits-audit"
  }
  validation {
    condition     = alltrue([for v in values(var.existing_role_arns) : can(regex("^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:role/([A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,64}$", v))])
    error_message = "existing_role_arns values must be IAM role ARNs."
  }
}

variable "log_bucket_name" {
  description = "Existing bucket that receives the server access logs."
  type        = string
  default     = "benefits-prod-access-logs"
  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.log_bucket_name))
    error_message = "log_bucket_name must be a bucket name."
  }
}

variable "trail_bucket_name" {
  description = "Existing bucket that receives the audit trail's logs."
  type        = string
  default     = "benefits-org-cloudtrail-logs"
  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.trail_bucket_name))
    error_message = "trail_bucket_name must be a bucket name."
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
