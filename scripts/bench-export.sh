#!/usr/bin/env bash
# Median wall time of 40 runs of `generate` (release binary BIN, run from the repository root): into an empty
# directory, a rerun with nothing to change, and preset over preset (reader-writer and maximum-protection in turn).
# Usage: bash scripts/bench-export.sh BIN   (docs/performance.md, "The crash-safe exporter")
set -euo pipefail
BIN="$1"; D=$(mktemp -d /tmp/timing.XXXX)
med() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]/1000 " ms"}'; }
printf "empty: "; for i in $(seq 40); do rm -rf $D/o; s=$(date +%s%N); $BIN generate --example --out $D/o >/dev/null 2>&1; echo $(( ($(date +%s%N)-s)/1000 )); done | med
printf "rerun: "; for i in $(seq 40); do s=$(date +%s%N); $BIN generate --example --out $D/o >/dev/null 2>&1; echo $(( ($(date +%s%N)-s)/1000 )); done | med
printf "over:  "; for i in $(seq 40); do if ((i % 2)); then p=docs/examples/reader-writer.yaml; else p=docs/examples/maximum-protection.yaml; fi; s=$(date +%s%N); $BIN generate --answers $p --out $D/p >/dev/null 2>&1; echo $(( ($(date +%s%N)-s)/1000 )); done | med
rm -rf $D
