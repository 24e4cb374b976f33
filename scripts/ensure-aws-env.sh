#!/usr/bin/env bash
# Create (or reuse) the AWS test bench venv used by scripts/moto-audit.sh:
#
#   $REPO/.venv-aws   moto[server] + awscli (scripts/requirements-aws.txt, pinned)
#
# Its own venv, beside .venv (which ensure-venv.sh may recreate): moto and awscli pin botocore versions the scanners do not need.
# Idempotent: a stamp holds a hash of the requirements and the interpreter; when it matches and both tools
# run, this exits at once. Env: PYTHON (default python3), S3WIZARD_AWS_VENV (default $REPO/.venv-aws).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENV_DIR="${S3WIZARD_AWS_VENV:-$REPO/.venv-aws}"
REQ="$REPO/scripts/requirements-aws.txt"
STAMP="$ENV_DIR/.aws-stamp"
PY="${PYTHON:-python3}"

want="$( { "$PY" -c 'import sys; print(sys.version)'; cat "$REQ"; } | sha256sum | cut -d' ' -f1)"
works() { [[ -x "$ENV_DIR/bin/aws" && -x "$ENV_DIR/bin/moto_server" ]] && "$ENV_DIR/bin/aws" --version >/dev/null 2>&1; }
if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]] && works; then
  echo "ensure-aws-env: up to date in $ENV_DIR"
  exit 0
fi
mkdir -p "$(dirname "$ENV_DIR")"
exec 9<"${BASH_SOURCE[0]}"
flock 9
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
[[ -x "$ENV_DIR/bin/python" ]] || "$PY" -m venv --clear "$ENV_DIR"
echo "ensure-aws-env: installing moto[server] and awscli into $ENV_DIR"
"$ENV_DIR/bin/python" -m pip install --quiet -r "$REQ"
works || { echo "ensure-aws-env: aws or moto_server does not run after the install" >&2; exit 1; }
echo "ensure-aws-env: $("$ENV_DIR/bin/aws" --version 2>&1), moto $("$ENV_DIR/bin/python" -c 'import importlib.metadata as m; print(m.version("moto"))')"
printf '%s\n' "$want" >"$STAMP"
