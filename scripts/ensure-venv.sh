#!/usr/bin/env bash
# Create (or reuse) the scanner virtualenvs used by scripts/scan.py.
#
#   $REPO/.venv              parliament + python-hcl2   (scripts/requirements-scanners.txt)
#   $REPO/.venv/checkov-env  checkov                    (scripts/requirements-checkov.txt)
#
# checkov gets its own venv because it pins bc-python-hcl2, whose top-level
# `hcl2` package would overwrite/mix with python-hcl2's `hcl2` package.
#
# Idempotent: a stamp file holds a hash of both requirements files plus the
# interpreter version; when it matches and both venvs work, this exits in
# well under a second. Pass --force to reinstall, --clean to rebuild from scratch.
#
# Env: PYTHON (interpreter to build the venv from, default python3),
#      S3WIZARD_VENV (venv path, default $REPO/.venv).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${S3WIZARD_VENV:-$REPO/.venv}"
CKVENV="$VENV/checkov-env"
REQ="$REPO/scripts/requirements-scanners.txt"
REQ_CK="$REPO/scripts/requirements-checkov.txt"
STAMP="$VENV/.scanners-stamp"
PY="${PYTHON:-python3}"

force=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    --clean) force=1; rm -rf "$VENV" ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "ensure-venv: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

command -v "$PY" >/dev/null 2>&1 || { echo "ensure-venv: $PY not found" >&2; exit 1; }

want="$( { "$PY" -c 'import sys; print(sys.version)'; cat "$REQ" "$REQ_CK"; } | sha256sum | cut -d' ' -f1)"

venvs_ok() {
  "$VENV/bin/python" -c 'import parliament, hcl2' >/dev/null 2>&1 &&
    [[ -x "$CKVENV/bin/checkov" ]] &&
    "$CKVENV/bin/python" -c 'import checkov' >/dev/null 2>&1
}

up_to_date() {
  [[ $force -eq 0 && -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]] && venvs_ok
}

if up_to_date; then
  echo "ensure-venv: scanners up to date in $VENV"
  exit 0
fi

# Serialize concurrent runs (two shells calling test-all.sh at once). Lock this
# script itself: it always exists and is never deleted by venv --clear.
exec 9<"${BASH_SOURCE[0]}"
flock 9
if up_to_date; then # another run finished the install while we waited
  echo "ensure-venv: scanners up to date in $VENV"
  exit 0
fi

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

make_venv() { # DIR
  local dir="$1"
  if [[ -x "$dir/bin/python" ]] && "$dir/bin/python" -c 'import sys' >/dev/null 2>&1; then
    return 0
  fi
  echo "ensure-venv: creating venv $dir"
  # --clear: a venv whose interpreter vanished (python upgraded) is useless.
  # For the outer venv this also wipes the nested checkov-env, rebuilt next.
  "$PY" -m venv --clear "$dir"
}

t0=$SECONDS
make_venv "$VENV"
make_venv "$CKVENV"

echo "ensure-venv: installing scanners into $VENV (~1 minute the first time)"
"$VENV/bin/python" -m pip install --quiet -r "$REQ"
"$CKVENV/bin/python" -m pip install --quiet -r "$REQ_CK"

# Verify each tool imports / runs before writing the stamp.
"$VENV/bin/python" - <<'PYEOF'
import importlib.metadata as md
import hcl2, parliament
from parliament import analyze_policy_string
for dist in ("parliament", "python-hcl2"):
    print(f"ensure-venv: {dist} {md.version(dist)}")
hcl2.loads('resource "x" "y" {\n  a = 1\n}\n')
analyze_policy_string('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}')
PYEOF
echo "ensure-venv: checkov $("$CKVENV/bin/checkov" --version)"

printf '%s\n' "$want" >"$STAMP"
echo "ensure-venv: done in $((SECONDS - t0))s"
