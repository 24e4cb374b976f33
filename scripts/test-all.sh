#!/usr/bin/env bash
# Run all tests: Swift unit tests, a release build, generation of every preset in
# docs/examples/*.yaml, the scanners (scripts/scan.py) over every generated output,
# `s3wizard audit` against a moto server (scripts/moto-audit.sh), and scripts/e2e.sh when present. Works from any cwd; exits non-zero on any failure.
#
# Env: S3WIZARD_KEEP_OUT=1  keep the generated output dirs (path is printed).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
command -v swift >/dev/null 2>&1 || export PATH="/opt/swift/usr/bin:$PATH"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/s3wizard-test.XXXXXX")"
cleanup() {
  if [[ "${S3WIZARD_KEEP_OUT:-}" == 1 ]]; then
    echo "test-all: kept generated output in $TMP"
  else
    rm -rf "$TMP"
  fi
}
trap cleanup EXIT

T0=$SECONDS
step=0
section() {
  step=$((step + 1))
  printf '\n==== [%d/8] %s  (t+%ds) ====\n' "$step" "$1" "$((SECONDS - T0))"
}

section "scanner venv (scripts/ensure-venv.sh)"
bash scripts/ensure-venv.sh
PY="$REPO/.venv/bin/python"

section "swift test"
swift test

section "swift build -c release --static-swift-stdlib --disable-local-rpath --product s3wizard"
swift build -c release --static-swift-stdlib --disable-local-rpath --product s3wizard
BIN="$(swift build -c release --show-bin-path)/s3wizard"
[[ -x "$BIN" ]] || { echo "test-all: $BIN not found after build" >&2; exit 1; }
export S3WIZARD_BIN="$BIN"
# Issue 11: the release binary links no Foundation (start-up, RSS and size; scripts/check-no-foundation.sh).
bash scripts/check-no-foundation.sh "$BIN"
# Linux: the release binary is static-pie (Package.swift; docs/architecture.md, "A static-pie release binary"):
# no shared library to load (2,318 symbol bindings at every start before, 1,667 of them in libstdc++), no run path
# (glibc's static-pie start asserts there is none), and position-independent, so ASLR still applies.
if [[ "$(uname -s)" == Linux ]]; then
  dynamic="$(readelf -dW "$BIN")"
  if grep -q 'NEEDED' <<<"$dynamic"; then
    echo "test-all: $BIN loads shared libraries; the release build should be static-pie (Package.swift):" >&2
    grep 'NEEDED' <<<"$dynamic" >&2
    exit 1
  fi
  if grep -q -E 'RUNPATH|RPATH' <<<"$dynamic"; then
    echo "test-all: $BIN has a run path: build with --disable-local-rpath (README)" >&2
    exit 1
  fi
  readelf -hW "$BIN" | grep -q 'Type:.*DYN' || { echo "test-all: $BIN is not position-independent" >&2; exit 1; }
  echo "test-all: $BIN is static-pie"
fi
# The README's command without a terminal, as written there (both of its halves: the release build, then the run).
readme_run="$(grep -o '(Without a terminal[^`]*`[^`]*`' README.md | sed 's/^[^`]*`//; s/`$//')"
[[ "$readme_run" == *"generate --example --out ./hardened"* ]] || { echo "test-all: README's no-terminal command not found" >&2; exit 1; }
# Run in the clone (it builds there), writing into $TMP instead of ./hardened.
bash -c "${readme_run/.\/hardened/$TMP/readme-hardened}" >/dev/null
[[ -f "$TMP/readme-hardened/terraform/s3.tf" ]] || { echo "test-all: the README's command wrote no terraform/s3.tf" >&2; exit 1; }
echo "test-all: the README's command ($readme_run) works"

section "generate every preset in docs/examples/*.yaml"
shopt -s nullglob
presets=(docs/examples/*.yaml)
shopt -u nullglob
if ((${#presets[@]} == 0)); then
  echo "test-all: no presets found in docs/examples/*.yaml" >&2
  exit 1
fi
outdirs=()
gen_failed=()
for preset in "${presets[@]}"; do
  name="$(basename "$preset" .yaml)"
  out="$TMP/$name"
  echo "-- $preset -> $out"
  if "$BIN" generate --answers "$preset" --out "$out" --force </dev/null; then
    outdirs+=("$out")
  else
    echo "test-all: FAILED: s3wizard generate --answers $preset (exit $?)" >&2
    gen_failed+=("$preset")
  fi
done

echo "-- simulate every preset: every intent must hold"
for preset in "${presets[@]}"; do
  if ! "$BIN" simulate --answers "$preset" >/dev/null </dev/null; then
    echo "test-all: FAILED: s3wizard simulate --answers $preset" >&2
    gen_failed+=("$preset (simulate)")
  fi
done

section "scan generated output (scripts/scan.py)"
scan_rc=0
if ((${#outdirs[@]})); then
  "$PY" scripts/scan.py "${outdirs[@]}" || scan_rc=$?
else
  echo "test-all: nothing to scan (every preset failed to generate)" >&2
  scan_rc=1
fi

# Kills generate at every rename, unlink, mkdir, flush and write of a preset-over-preset export, and more.
section "fault injection (scripts/fault-inject.sh)"
faults_rc=0
bash scripts/fault-inject.sh </dev/null || faults_rc=$?
section "live audit against a moto server (scripts/moto-audit.sh)"
moto_rc=0
bash scripts/moto-audit.sh </dev/null || moto_rc=$?

# Generation/scan failures do not stop the e2e step; they fail the run at the end.
section "end-to-end (scripts/e2e.sh)"
e2e_rc=0
if [[ -x scripts/e2e.sh ]]; then
  scripts/e2e.sh </dev/null || e2e_rc=$?
elif [[ -e scripts/e2e.sh ]]; then
  echo "test-all: WARNING: scripts/e2e.sh exists but is not executable; not run" >&2
else
  echo "test-all: no scripts/e2e.sh yet; skipped"
fi

echo
failed=0
if ((${#gen_failed[@]})); then
  echo "test-all: FAILED: s3wizard generate for: ${gen_failed[*]}" >&2; failed=1
fi
((scan_rc == 0)) || { echo "test-all: FAILED: scan.py (exit $scan_rc)" >&2; failed=1; }
((faults_rc == 0)) || { echo "test-all: FAILED: scripts/fault-inject.sh (exit $faults_rc)" >&2; failed=1; }
((moto_rc == 0)) || { echo "test-all: FAILED: scripts/moto-audit.sh (exit $moto_rc)" >&2; failed=1; }
((e2e_rc == 0)) || { echo "test-all: FAILED: scripts/e2e.sh (exit $e2e_rc)" >&2; failed=1; }
if ((failed)); then
  echo "test-all: FAILED after $((SECONDS - T0))s" >&2
  exit 1
fi
echo "test-all: all steps passed in $((SECONDS - T0))s"
