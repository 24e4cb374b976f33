#!/usr/bin/env bash
# `s3wizard audit` against real parts: a moto server on 127.0.0.1 (a free port), seeded through the real
# `aws` CLI with (a) the source article's leaky setup and (b) a bucket hardened with s3wizard's own generated
# JSON policies; the audit then runs through the same `aws` binary. No mock of the CLI or of AWS responses.
# Also checks the faults that need a live peer (missing bucket, denied calls, expired credentials, no aws).
# The server is stopped on exit (trap). Run by scripts/test-all.sh; works on its own.
#
# Env: S3WIZARD_BIN  the binary (default: .build/release/s3wizard, built when missing)
#      MOTO_KEEP=1   keep the temp dir and print its path
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
command -v swift >/dev/null 2>&1 || export PATH="/opt/swift/usr/bin:$PATH"
bash scripts/ensure-aws-env.sh
ENV_BIN="${S3WIZARD_AWS_VENV:-$REPO/.venv-aws}/bin"
BIN="${S3WIZARD_BIN:-$REPO/.build/release/s3wizard}"
if [[ ! -x "$BIN" ]]; then swift build -c release --static-swift-stdlib --disable-local-rpath --product s3wizard; fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/s3wizard-moto.XXXXXX")"
MOTO_PID=""
cleanup() {
  if [[ -n "$MOTO_PID" ]]; then kill "$MOTO_PID" 2>/dev/null || true; wait "$MOTO_PID" 2>/dev/null || true; fi
  if [[ "${MOTO_KEEP:-}" == 1 ]]; then echo "moto-audit: kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT

PORT="$("$ENV_BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
URL="http://127.0.0.1:$PORT"
"$ENV_BIN/moto_server" -H 127.0.0.1 -p "$PORT" >"$TMP/moto.log" 2>&1 &
MOTO_PID=$!
for _ in $(seq 1 100); do
  "$ENV_BIN/python" -c "import urllib.request; urllib.request.urlopen('$URL/moto-api/')" 2>/dev/null && break
  sleep 0.1
done

# The user's own setup: a profile in private config files, the venv's real aws first on PATH.
export PATH="$ENV_BIN:$PATH"
export AWS_CONFIG_FILE="$TMP/config" AWS_SHARED_CREDENTIALS_FILE="$TMP/credentials"
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE
printf '[profile audit]\nregion = eu-west-1\n' >"$AWS_CONFIG_FILE"
printf '[audit]\naws_access_key_id = testing\naws_secret_access_key = testing\n' >"$AWS_SHARED_CREDENTIALS_FILE"
REGION=eu-west-1
aws() { command aws --profile audit --region "$REGION" --endpoint-url "$URL" "$@"; }
audit() { "$BIN" audit --profile audit --endpoint-url "$URL" "$@"; }
ACCOUNT="$(aws sts get-caller-identity --query Account --output text)"

failures=0
fail() { echo "moto-audit: FAILED: $*" >&2; failures=$((failures + 1)); }
pass() { echo "moto-audit: ok: $*"; }
expect_status() { # WANT GOT WHAT
  if [[ "$1" == "$2" ]]; then pass "$3 (exit $2)"; else fail "$3: exit $2, expected $1"; fi
}
expect_text() { # FILE TEXT WHAT  (TEXT is an extended regular expression)
  if grep -qE -- "$2" "$1"; then pass "$3"; else fail "$3: /$2/ not in $1:"; sed 's/^/    /' "$1" | head -40 >&2; fi
}
run() { # OUT ERR -- command...; sets $status
  local out="$1" err="$2"; shift 2
  set +e; "$@" >"$out" 2>"$err"; status=$?; set -e
}
sub() { # FILE: fill in the article's sample account and the ids moto chose
  sed -e "s/111122223333/$ACCOUNT/g" -e "s/vpce-1a2b3c4d5e6f70809/$ENDPOINT/g" -e "s/<VPC_ENDPOINT_ID>/$ENDPOINT/g" \
      -e "s/<KMS_KEY_ID>/$KEY_ID/g" -e "s/<ACCOUNT_ID>/$ACCOUNT/g" "$1"
}
trust='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}'

# ---- (a) the source article's setup, with the "second service" its wrap-up suggests: an uploader role added
# to the key and endpoint policies, while the bucket policy's Deny still names only the Lambda role.
VPC="$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)"
RTB="$(aws ec2 create-route-table --vpc-id "$VPC" --query RouteTable.RouteTableId --output text)"
ART=docs/examples/source-article
for role in pii-reports-lambda-role pii-reports-uploader-role; do
  aws iam create-role --role-name "$role" --assume-role-policy-document "$trust" >/dev/null
done
UPLOADER="arn:aws:iam::$ACCOUNT:role/pii-reports-uploader-role"
"$ENV_BIN/python" - "$ART" "$TMP" "$UPLOADER" <<'PY'
import json, sys
art, tmp, uploader = sys.argv[1:]
key = json.load(open(f"{art}/key-policy.json"))
key["Statement"][1]["Principal"]["AWS"] = [key["Statement"][1]["Principal"]["AWS"], uploader.replace(uploader.split(":")[4], "111122223333")]
json.dump(key, open(f"{tmp}/article-key-policy.json", "w"), indent=2)
endpoint = json.load(open(f"{art}/endpoint-policy.json"))
lam = endpoint["Statement"][0]["Condition"]["ArnEquals"]["aws:PrincipalArn"]
endpoint["Statement"][0]["Condition"]["ArnEquals"]["aws:PrincipalArn"] = [lam, uploader.replace(uploader.split(":")[4], "111122223333")]
json.dump(endpoint, open(f"{tmp}/article-endpoint-policy.json", "w"), indent=2)
PY
ENDPOINT=none KEY_ID=none
sub "$TMP/article-endpoint-policy.json" >"$TMP/a-endpoint.json"
ENDPOINT="$(aws ec2 create-vpc-endpoint --vpc-id "$VPC" --service-name "com.amazonaws.$REGION.s3" --route-table-ids "$RTB" \
  --policy-document "file://$TMP/a-endpoint.json" --query VpcEndpoint.VpcEndpointId --output text)"
sub "$TMP/article-key-policy.json" >"$TMP/a-key.json"
KEY_ARN="$(aws kms create-key --policy "file://$TMP/a-key.json" --query KeyMetadata.Arn --output text)"
KEY_ID="${KEY_ARN##*/}"
A_BUCKET=pii-reports-sturdy-otter
aws s3api create-bucket --bucket "$A_BUCKET" --create-bucket-configuration LocationConstraint="$REGION" >/dev/null
aws s3api put-bucket-encryption --bucket "$A_BUCKET" --server-side-encryption-configuration \
  "{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"aws:kms\",\"KMSMasterKeyID\":\"$KEY_ARN\"}}]}"
sub "$ART/bucket-policy.json" >"$TMP/a-bucket.json"
aws s3api put-bucket-policy --bucket "$A_BUCKET" --policy "file://$TMP/a-bucket.json"

run "$TMP/a.txt" "$TMP/a.err" audit --bucket "$A_BUCKET" --write-answers "$TMP/a-answers.yaml"
expect_status 1 "$status" "article setup: audit finds broken intents"
expect_text "$TMP/a.txt" "BROKEN nothing-outside-the-vpc" "article setup: the VPC intent is broken"
expect_text "$TMP/a.txt" "Reach the data from the internet today: .*role pii-reports-uploader-role \\(read" "article setup: the second role reads the data from the internet"
expect_text "$TMP/a.txt" "public-access-block +today: off" "article setup: controls today (no public access block)"
expect_text "$TMP/a-answers.yaml" "# GUESSED" "article setup: the answers file marks its guesses"
run "$TMP/a-validate.txt" "$TMP/a-validate.err" "$BIN" validate --answers "$TMP/a-answers.yaml"
expect_status 0 "$status" "article setup: s3wizard validate accepts the prefilled answers"
expect_text "$TMP/a-answers.yaml" "$ENDPOINT" "article setup: the answers keep the existing endpoint"
expect_text "$TMP/a-answers.yaml" "$KEY_ARN" "article setup: the answers keep the existing key"

# ---- adopt the article's bucket: import blocks for what exists, from the audit's own answers file. A second
# variant also takes over the key, its alias and the endpoint (the GUESSED comments say how), and a data role.
run "$TMP/a-gen.txt" "$TMP/a-gen.err" "$BIN" generate --adopt --answers "$TMP/a-answers.yaml" --out "$TMP/a-out"
expect_status 0 "$status" "adopt: generate --adopt accepts the audit's answers"
sed -e 's/^  key: "existing"/  key: "create"/' -e 's/^  endpoint: "existing"/  endpoint: "create"/' \
    -e "s|^  kms_key_id: null|  kms_key_id: \"$KEY_ID\"|" -e "s|^  vpc_endpoint_id: null|  vpc_endpoint_id: \"$ENDPOINT\"|" \
    -e "s|^  alias: null|  alias: \"alias/pii-reports-data\"|" -e "s|^  kms_alias: null|  kms_alias: \"alias/pii-reports-data\"|" \
    "$TMP/a-answers.yaml" >"$TMP/a-adopt-all.yaml"
run "$TMP/a-gen2.txt" "$TMP/a-gen2.err" "$BIN" generate --adopt --answers "$TMP/a-adopt-all.yaml" --out "$TMP/a-out-all"
expect_status 0 "$status" "adopt: generate --adopt with the key, alias and endpoint taken over"
run "$TMP/a-gen3.txt" "$TMP/a-gen3.err" "$BIN" generate --adopt --answers docs/examples/reader-writer.yaml --out "$TMP/no-adopt"
expect_status 1 "$status" "adopt: --adopt refuses answers that adopt nothing"
expect_text "$TMP/a-gen3.err" "write-answers" "adopt: and says how to get an adopt section"
"$ENV_BIN/python" - "$TMP/a-out/terraform/imports.tf" "$TMP/a-out-all/terraform/imports.tf" "$A_BUCKET" "$ACCOUNT" "$KEY_ID" "$ENDPOINT" <<'PY' \
  && pass "adopt: import blocks for the bucket and each configured setting, then the key, alias and endpoint, with the provider's id formats" \
  || fail "adopt: import blocks"
import re, sys
first, every, bucket, account, key, endpoint = sys.argv[1:]
def imports(path):
    text = open(path).read()
    return dict((to, id_) for to, id_ in re.findall(r'import \{\n  to = (\S+)\n  id = "([^"]+)"\n\}', text))
a = imports(first)
# The article's bucket has a policy and SSE-KMS; nothing else is configured on it.
assert a == {"aws_s3_bucket.data": bucket, "aws_s3_bucket_policy.data": bucket,
             "aws_s3_bucket_server_side_encryption_configuration.data": f"{bucket},{account}"}, a
b = imports(every)
assert b["aws_kms_key.data"] == key and b["aws_kms_alias.data"] == "alias/pii-reports-data" and b["aws_vpc_endpoint.s3"] == endpoint, b
PY
for out in a-out a-out-all; do
  for to in $(sed -n 's/^  to = //p' "$TMP/$out/terraform/imports.tf"); do
    type="${to%.*}" name="${to#*.}"
    grep -qx "resource \"$type\" \"$name\" {" "$TMP/$out"/terraform/*.tf || fail "adopt ($out): $to is imported but not declared"
  done
done
if [[ -x "$REPO/.venv/bin/python" ]]; then
  run "$TMP/a-scan.txt" "$TMP/a-scan.err" "$REPO/.venv/bin/python" scripts/scan.py "$TMP/a-out" "$TMP/a-out-all"
  expect_status 0 "$status" "adopt: both outputs pass the HCL parser, checkov, parliament and terraform fmt"
else echo "moto-audit: skipped scanning the adopted outputs (no .venv: run scripts/ensure-venv.sh)"; fi
# check-no-new-access reads today's policy of the adopted bucket from moto (a real call), then asks Access
# Analyzer, which moto does not serve: that call must fail at the service, not in awscli's parameter check.
run "$TMP/an-adopt.txt" "$TMP/an-adopt.err" env AWS_MAX_ATTEMPTS=1 bash "$TMP/a-out/checks/access-analyzer.sh" --profile audit --region "$REGION" --endpoint-url "$URL"
line="$(grep 'check-no-new-access' "$TMP/an-adopt.txt" || true)"
if [[ -n "$line" && "$line" != *"could not be read"* ]] && ! grep -q "Unknown options\|usage:\|Parameter validation failed" "$TMP/an-adopt.txt"; then
  pass "access-analyzer.sh (adopted): check-no-new-access reads today's live policy and passes awscli's parameter validation"
else fail "access-analyzer.sh (adopted): ${line:-no check-no-new-access line}"; sed 's/^/    /' "$TMP/an-adopt.txt" >&2; fi
run "$TMP/a.json" "$TMP/a-json.err" audit --bucket "$A_BUCKET" --format json
"$ENV_BIN/python" - "$TMP/a.json" $("$BIN" explain | sed -n 's/^\([a-z0-9-]*\)  .*/\1/p') <<'PY' && pass "article setup: --format json parses, broken intents first" || fail "article setup: JSON output"
import json, sys
d = json.load(open(sys.argv[1]))
holds = [i["holds"] for i in d["intents"]]
assert holds == sorted(holds), holds            # broken (False) first
assert any(c["principal"] == "role pii-reports-uploader-role" and c["path"] == "internet" and c["action"] == "read" and c["allowed"] for c in d["cells"])
assert [c["id"] for c in d["controls"]] == sys.argv[2:], "every control of the catalogue, in its order"
PY

# ---- the wizard's "Start from an existing bucket" (A), in tmux at 120x40, against the same moto server: the
# AWS CLI finds it through AWS_ENDPOINT_URL, as any user's CLI would find its configured endpoint.
if command -v tmux >/dev/null 2>&1; then
  SOCK="$TMP/tmux.sock"
  tmx() { tmux -S "$SOCK" -f /dev/null "$@"; }
  pane() { tmx capture-pane -p -t wiz 2>/dev/null || true; }
  wait_pane() { # REGEX SECONDS
    local deadline=$((SECONDS + $2))
    until pane | grep -Eq -- "$1"; do ((SECONDS < deadline)) || return 1; sleep 0.1; done
  }
  mkdir -p "$TMP/home" "$TMP/state"
  tmx new-session -d -s wiz -x 120 -y 40 "env HOME='$TMP/home' XDG_STATE_HOME='$TMP/state' TERM=xterm-256color COLORFGBG='15;0' \
    AWS_ENDPOINT_URL='$URL' AWS_CONFIG_FILE='$AWS_CONFIG_FILE' AWS_SHARED_CREDENTIALS_FILE='$AWS_SHARED_CREDENTIALS_FILE' \
    PATH='$PATH' '$BIN'; sleep 30"
  if wait_pane "Steps" 20; then
    tmx send-keys -t wiz A; wait_pane "Bucket to audit" 5 || true
    tmx send-keys -t wiz C-u; tmx send-keys -t wiz -l "$A_BUCKET"; tmx send-keys -t wiz Enter
    wait_pane "AWS CLI profile for s3://$A_BUCKET" 5 || true
    tmx send-keys -t wiz -l audit; tmx send-keys -t wiz Enter
    if wait_pane "Access matrix: TODAY \(live\)" 60 && pane | grep -q "role pii-reports-uploader-role" && pane | grep -Eq "[1-9][0-9]* intent\(s\) broken today"; then
      pass "wizard: A audits the article's bucket and shows today's matrix with the second role and the broken intents"
      tmx send-keys -t wiz t
      if wait_pane "Access matrix  " 5 && ! pane | grep -q "TODAY (live)"; then pass "wizard: t shows the hardened plan's matrix"
      else fail "wizard: t did not switch to the hardened matrix"; pane >&2; fi
    else fail "wizard: no live matrix after the audit"; pane >&2; fi
  else fail "wizard: did not start in tmux"; pane >&2; fi
  tmx kill-server 2>/dev/null || true
else echo "moto-audit: skipped the wizard check (tmux is not installed)"; fi

# ---- (b) a bucket hardened from s3wizard's own output: generate, then apply the JSON policies through the CLI.
B_RTB="$(aws ec2 create-route-table --vpc-id "$VPC" --query RouteTable.RouteTableId --output text)"
cat >"$TMP/b-answers.yaml" <<YAML
version: 1
basics:
  service: "pii-hardened"
  environment: "prod"
  region: "$REGION"
  account_id: "$ACCOUNT"
  bucket_name: "pii-hardened-prod-moto"
key_administration:
  admin_role_arns: ["arn:aws:iam::$ACCOUNT:role/security-kms-admin"]
  deployer_arns: ["arn:aws:iam::$ACCOUNT:user/moto"]
data_access:
  roles:
    - name: "reports"
      access: "read"
network:
  vpc_id: "$VPC"
  route_table_ids: ["$B_RTB"]
protections:
  access_logging: "off"
YAML
"$BIN" generate --answers "$TMP/b-answers.yaml" --out "$TMP/b-out" --format json >/dev/null
for role in pii-hardened-prod-reports security-kms-admin; do
  aws iam create-role --role-name "$role" --assume-role-policy-document "$trust" >/dev/null
done
KEY_ID=none
sub "$TMP/b-out/policies/endpoint-policy.json" >"$TMP/b-endpoint.json"
ENDPOINT="$(aws ec2 create-vpc-endpoint --vpc-id "$VPC" --service-name "com.amazonaws.$REGION.s3" --route-table-ids "$B_RTB" \
  --policy-document "file://$TMP/b-endpoint.json" --query VpcEndpoint.VpcEndpointId --output text)"
sub "$TMP/b-out/policies/key-policy.json" >"$TMP/b-key.json"
KEY_ARN="$(aws kms create-key --policy "file://$TMP/b-key.json" --query KeyMetadata.Arn --output text)"
KEY_ID="${KEY_ARN##*/}"
aws kms enable-key-rotation --key-id "$KEY_ID"
B_BUCKET=pii-hardened-prod-moto
aws s3api create-bucket --bucket "$B_BUCKET" --create-bucket-configuration LocationConstraint="$REGION" >/dev/null
aws s3api put-bucket-encryption --bucket "$B_BUCKET" --server-side-encryption-configuration \
  "{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"aws:kms\",\"KMSMasterKeyID\":\"$KEY_ARN\"},\"BucketKeyEnabled\":true}]}"
aws s3api put-public-access-block --bucket "$B_BUCKET" --public-access-block-configuration \
  BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
aws s3api put-bucket-ownership-controls --bucket "$B_BUCKET" --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'
aws s3api put-bucket-versioning --bucket "$B_BUCKET" --versioning-configuration Status=Enabled
aws s3api put-bucket-lifecycle-configuration --bucket "$B_BUCKET" --lifecycle-configuration \
  '{"Rules":[{"ID":"hygiene","Status":"Enabled","Filter":{},"AbortIncompleteMultipartUpload":{"DaysAfterInitiation":7},"NoncurrentVersionExpiration":{"NoncurrentDays":90}}]}'
sub "$TMP/b-out/policies/bucket-policy.json" >"$TMP/b-bucket.json"
if grep -q '<[A-Z_]*>' "$TMP/b-bucket.json" "$TMP/b-key.json" "$TMP/b-endpoint.json"; then fail "hardened setup: placeholders left: $(grep -ho '<[A-Z_]*>' "$TMP"/b-*.json | sort -u | tr '\n' ' ')"; fi
aws s3api put-bucket-policy --bucket "$B_BUCKET" --policy "file://$TMP/b-bucket.json"

run "$TMP/b.txt" "$TMP/b.err" audit --bucket "$B_BUCKET"
expect_status 0 "$status" "hardened setup: every intent holds"
if grep -q "BROKEN" "$TMP/b.txt"; then fail "hardened setup: a broken intent:"; grep BROKEN -A2 "$TMP/b.txt" >&2; else pass "hardened setup: no broken intent"; fi
expect_text "$TMP/b.txt" "versioning" "hardened setup: controls listed"
expect_text "$TMP/b.txt" "only-listed-roles +today: on" "hardened setup: only the listed roles touch the data"

# ---- faults with a live peer
run "$TMP/f1.txt" "$TMP/f1.err" audit --bucket no-such-bucket-here
expect_status 2 "$status" "missing bucket"
expect_text "$TMP/f1.err" "does not exist \\(NoSuchBucket\\)" "missing bucket: clear message"

run "$TMP/f0.txt" "$TMP/f0.err" env AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
  "$BIN" audit --region "$REGION" --endpoint-url "$URL" --bucket "$B_BUCKET"
expect_status 2 "$status" "no credentials"
expect_text "$TMP/f0.err" "no AWS credentials.*aws configure" "no credentials: suggests aws sso login / aws configure"
printf '[expired]\naws_access_key_id = AKIANOTKNOWNTOMOTO00\naws_secret_access_key = x\n' >>"$AWS_SHARED_CREDENTIALS_FILE"
printf '[profile expired]\nregion = eu-west-1\n' >>"$AWS_CONFIG_FILE"
# An IAM user allowed everything but reading the logging configuration, and moto then enforcing IAM auth.
aws iam create-user --user-name auditor >/dev/null
aws iam put-user-policy --user-name auditor --policy-name audit --policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:GetBucketLogging","Resource":"*"}]}'
read -r KEY SECRET < <(aws iam create-access-key --user-name auditor --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text)
printf '[denied]\naws_access_key_id = %s\naws_secret_access_key = %s\n' "$KEY" "$SECRET" >>"$AWS_SHARED_CREDENTIALS_FILE"
printf '[profile denied]\nregion = eu-west-1\n' >>"$AWS_CONFIG_FILE"
"$ENV_BIN/python" -c "import urllib.request; urllib.request.urlopen(urllib.request.Request('$URL/moto-api/reset-auth', data=b'0', method='POST', headers={'Content-Type': 'text/plain'}))"
run "$TMP/f2.txt" "$TMP/f2.err" "$BIN" audit --profile expired --endpoint-url "$URL" --bucket "$B_BUCKET"
expect_status 2 "$status" "unknown or expired credentials"
expect_text "$TMP/f2.err" "aws sso login" "unknown or expired credentials: suggests aws sso login"
run "$TMP/f3.txt" "$TMP/f3.err" "$BIN" audit --profile denied --endpoint-url "$URL" --bucket "$B_BUCKET"
expect_status 3 "$status" "one call denied: the audit goes on, exit 3"
expect_text "$TMP/f3.err" "s3:GetBucketLogging" "one call denied: names the missing permission"
expect_text "$TMP/f3.txt" "access-logging +today: unknown" "one call denied: that control is unknown"

run "$TMP/f4.txt" "$TMP/f4.err" env PATH=/usr/bin:/bin "$BIN" audit --bucket "$B_BUCKET"
if env PATH=/usr/bin:/bin bash -c "command -v aws" >/dev/null 2>&1; then echo "moto-audit: skipped 'aws not installed' (aws is in /usr/bin)"; else
  expect_status 2 "$status" "aws not installed"
  expect_text "$TMP/f4.err" "getting-started-install" "aws not installed: says how to install"
fi

# ---- checks/access-analyzer.sh, offline: moto has no IAM Access Analyzer, and AWS cannot be reached here. awscli
# validates command and parameter names before any network call, so against a closed port every check must end
# in a connection error, never a parameter error. (Parameter values such as resource types are checked by the
# service, not here.) A copy with one misspelt parameter proves the check can fail.
analyzer() { # DIR -- args...: runs the script with no credentials file, one attempt per call
  local dir="$1"; shift
  env AWS_ACCESS_KEY_ID=offline AWS_SECRET_ACCESS_KEY=offline AWS_MAX_ATTEMPTS=1 AWS_RETRY_MODE=standard \
    AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null bash "$dir/checks/access-analyzer.sh" "$@"
}
CLOSED="http://127.0.0.1:$("$ENV_BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
for preset in maximum-protection govcloud-existing; do
  out="$TMP/analyzer-$preset"
  "$BIN" generate --answers "docs/examples/$preset.yaml" --out "$out" >/dev/null 2>&1
  calls="$(grep -cE '^(validate|no_public_access|access_not_granted) ' "$out/checks/access-analyzer.sh")"
  run "$TMP/an-$preset.txt" "$TMP/an-$preset.err" analyzer "$out" --region us-east-1 --endpoint-url "$CLOSED"
  connection="$(grep -c 'Could not connect to the endpoint URL' "$TMP/an-$preset.txt" || true)"
  if [[ "$status" == 1 && "$calls" -gt 0 && "$connection" == "$calls" ]]; then
    pass "access-analyzer.sh ($preset): all $calls calls pass awscli's parameter validation (connection errors only)"
  else
    fail "access-analyzer.sh ($preset): $connection of $calls calls reached the network (exit $status):"; sed 's/^/    /' "$TMP/an-$preset.txt" >&2
  fi
done
sed -i 's/--policy-document/--policy-documnt/' "$out/checks/access-analyzer.sh"
run "$TMP/an-typo.txt" "$TMP/an-typo.err" analyzer "$out" --region us-east-1 --endpoint-url "$CLOSED"
if grep -q "Unknown options\|usage:\|Parameter validation failed" "$TMP/an-typo.txt"; then pass "access-analyzer.sh: a misspelt parameter is caught offline"
else fail "access-analyzer.sh: a misspelt parameter was not caught:"; sed 's/^/    /' "$TMP/an-typo.txt" >&2; fi

if ((failures)); then echo "moto-audit: $failures check(s) FAILED" >&2; exit 1; fi
echo "moto-audit: all checks passed"
