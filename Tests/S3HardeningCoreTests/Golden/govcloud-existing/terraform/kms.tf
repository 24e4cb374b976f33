# The data key is the existing key var.kms_key_arn; its policy is not managed here.
# Merge ../policies/key-policy-statements-to-add.json into it (see README.md).
