# The S3 gateway endpoint is the existing var.vpc_endpoint_id; its policy is not managed here.
# Merge ../policies/endpoint-policy-statements-to-add.json into it (see README.md).
