#!/usr/bin/env bash
# Fails when a binary links Foundation (module `Foundation`, mangled `$s10Foundation…`) or
# FoundationInternationalization / ICU: the release s3wizard must not (docs/architecture.md, "Foundation";
# issue 11: Foundation costs a static binary 49 MB, 9 M instructions at start and 2.6 MiB of RSS).
# FoundationEssentials is allowed. Usage: scripts/check-no-foundation.sh BINARY
set -euo pipefail
BIN="${1:?usage: scripts/check-no-foundation.sh BINARY}"
[[ -x "$BIN" ]] || { echo "check-no-foundation: $BIN is not an executable" >&2; exit 2; }
symbols="$(nm "$BIN" 2>/dev/null || true)"
[[ -n "$symbols" ]] || { echo "check-no-foundation: $BIN has no symbol table (stripped?)" >&2; exit 2; }
foundation=$(grep -c '\$s10Foundation' <<<"$symbols" || true)
international=$(grep -c 'FoundationInternationalization\|_FoundationICU' <<<"$symbols" || true)
if ((foundation + international > 0)); then
  echo "check-no-foundation: $BIN links Foundation ($foundation Foundation symbols, $international FoundationInternationalization/ICU);" >&2
  echo "  find the import: grep -rn 'import Foundation\$' Sources (only tests and s3wizard-bench may import it)" >&2
  exit 1
fi
echo "check-no-foundation: $BIN ($(du -m "$BIN" | cut -f1) MB) links no Foundation"
