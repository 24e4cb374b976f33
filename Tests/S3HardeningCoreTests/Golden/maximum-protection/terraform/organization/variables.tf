variable "region" {
  description = "Region of the provider (Organizations is global)."
  type        = string
  default     = "us-east-1"
}

variable "rcp_target_id" {
  description = "Account id or OU id the RCP is attached to."
  type        = string
  default     = "111122223333"
}

variable "account_id" {
  description = "Account of the data bucket."
  type        = string
  default     = "111122223333"
}

variable "bucket_arn" {
  description = "ARN of the data bucket (terraform output bucket_arn of the bucket's root)."
  type        = string
  default     = "arn:aws:s3:::medical-records-prod-111122223333-us-east-1-an"
}

variable "kms_key_arn" {
  description = "ARN of the data key (terraform output kms_key_arn)."
  type        = string
}

variable "vpc_endpoint_id" {
  description = "The S3 gateway endpoint (terraform output vpc_endpoint_id)."
  type        = string
}

variable "data_role_arns" {
  description = "The data roles, by logical name (terraform output data_role_arns)."
  type        = map(string)
  default = {
    ingest  = "arn:aws:iam::111122223333:role/medical-records-prod-ingest"
    reports = "arn:aws:iam::111122223333:role/medical-records-prod-reports"
  }
}

variable "deployer_arns" {
  description = "The deployers."
  type        = list(string)
  default     = ["arn:aws:iam::111122223333:role/terraform-deployer"]
}

variable "key_admin_arns" {
  description = "The key administrators."
  type        = list(string)
  default     = ["arn:aws:iam::111122223333:role/security-kms-admin"]
}
