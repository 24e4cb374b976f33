variable "region" {
  description = "AWS region of the bucket and the endpoint."
  type        = string
  default     = "us-east-1"
  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]+$", var.region))
    error_message = "region must look like us-east-1."
  }
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default = {
    data-classification = "phi"
    owner               = "records-team"
  }
}

variable "bucket_name" {
  description = "Name of the data bucket before the account-regional suffix -ACCOUNTID-REGION-an."
  type        = string
  default     = "medical-records-prod"
  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{0,36}$", var.bucket_name))
    error_message = "bucket_name must be at most 37 lowercase letters, digits, dots or hyphens."
  }
}

variable "vpc_id" {
  description = "VPC whose workloads reach the bucket."
  type        = string
  default     = "vpc-0a1b2c3d4e5f60789"
  validation {
    condition     = can(regex("^vpc-([0-9a-f]{8}|[0-9a-f]{17})$", var.vpc_id))
    error_message = "vpc_id must look like vpc-0123456789abcdef0."
  }
}

variable "route_table_ids" {
  description = "Route tables the S3 gateway endpoint is attached to."
  type        = list(string)
  default     = ["rtb-0a1b2c3d4e5f60781", "rtb-0a1b2c3d4e5f60782"]
  validation {
    condition     = length(var.route_table_ids) > 0 && alltrue([for v in var.route_table_ids : can(regex("^rtb-([0-9a-f]{8}|[0-9a-f]{17})$", v))])
    error_message = "route_table_ids must be one or more rtb- ids."
  }
}

variable "key_admin_arns" {
  description = "Security-team roles that manage the KMS key but cannot use it."
  type        = list(string)
  default     = ["arn:aws:iam::111122223333:role/security-kms-admin"]
  validation {
    condition     = alltrue([for v in var.key_admin_arns : can(regex("^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:(role|user)/([A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,64}$", v))])
    error_message = "key_admin_arns must be IAM role or user ARNs."
  }
}

variable "deployer_arns" {
  description = "Principals that run Terraform: key admins, exempt from VPC-only for management, never data readers."
  type        = list(string)
  default     = ["arn:aws:iam::111122223333:role/terraform-deployer"]
  validation {
    condition     = length(var.deployer_arns) > 0 && alltrue([for v in var.deployer_arns : can(regex("^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:(role|user)/([A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,64}$", v))])
    error_message = "deployer_arns must hold at least one IAM role or user ARN, or the next terraform run is locked out."
  }
}

variable "replication_bucket_arn" {
  description = "Existing bucket that receives the replicas."
  type        = string
  default     = "arn:aws:s3:::medical-records-dr-111122223333"
  validation {
    condition     = can(regex("^arn:aws(-cn|-us-gov)?:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.replication_bucket_arn))
    error_message = "replication_bucket_arn must be an S3 bucket ARN."
  }
}

variable "replication_key_arn" {
  description = "Customer-managed key in the destination's region that encrypts the replicas."
  type        = string
  default     = "arn:aws:kms:us-west-2:111122223333:key/5678abcd-12ab-34cd-56ef-1234567890ab"
  validation {
    condition     = can(regex("^arn:aws(-cn|-us-gov)?:kms:[a-z]{2}(-gov)?-[a-z]+-[0-9]+:[0-9]{12}:key/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$", var.replication_key_arn))
    error_message = "replication_key_arn must be a KMS key ARN."
  }
}

variable "alarm_emails" {
  description = "E-mail addresses subscribed to the policy-change alarms."
  type        = list(string)
  default     = ["security-alerts@example.com"]
  validation {
    condition     = alltrue([for v in var.alarm_emails : can(regex("^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,63}$", v))])
    error_message = "alarm_emails must be e-mail addresses."
  }
}

variable "subnet_ids" {
  description = "Private subnets (two or more availability zones) for the function."
  type        = list(string)
  default     = ["subnet-0a1b2c3d4e5f60791", "subnet-0a1b2c3d4e5f60792"]
  validation {
    condition     = length(var.subnet_ids) >= 2 && alltrue([for v in var.subnet_ids : can(regex("^subnet-([0-9a-f]{8}|[0-9a-f]{17})$", v))])
    error_message = "subnet_ids must be two or more subnet- ids."
  }
}
