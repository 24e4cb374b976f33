#!/usr/bin/env bash
# Fault injection for `s3wizard generate` (release binary), run by scripts/test-all.sh. Proves the exporter's
# promises (docs/architecture.md, "Exporter"):
#   1. Killed (SIGKILL, via strace -e inject=SYSCALL:signal=KILL:when=N) at every occurrence N of every syscall
#      that changes or flushes the tree, a preset-over-preset export leaves, after the next run's recovery,
#      exactly the complete old set or the complete new set (diff -r against clean generates): "mixed" must be 0.
#      The next run must say what it recovered, and a full run after it must give the new set.
#   2. Two generates at once into one directory: each succeeds or fails with the lock message; the directory is
#      one complete set. A held lock makes generate fail clearly (exit 1) after its short wait.
#   3. A manifest entry outside --out is never deleted (even with --force); a planted folder link is refused
#      and nothing is written through it; --out "" is refused; a mode-600 file stays 600.
#   4. A full file system (a small tmpfs, or ENOSPC injected on write when mounting is not allowed) leaves the
#      old set and says so.
# Env: S3WIZARD_BIN (default: the release build). Prints the figures; exits non-zero on any failure.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
command -v strace >/dev/null || { echo "fault-inject: strace is required (apt-get install strace)" >&2; exit 1; }
if [[ -z "${S3WIZARD_BIN:-}" ]]; then
  command -v swift >/dev/null 2>&1 || export PATH="/opt/swift/usr/bin:$PATH"
  S3WIZARD_BIN="$(swift build -c release --show-bin-path)/s3wizard"
fi
BIN="$S3WIZARD_BIN"
[[ -x "$BIN" ]] || { echo "fault-inject: $BIN not found (swift build -c release --static-swift-stdlib --disable-local-rpath --product s3wizard)" >&2; exit 1; }

# On tmpfs when there is one: a kill leaves the same tree on any file system (it loses no page cache), and
# syncfs there does not wait for the other disk writers of a shared CI machine.
if [[ -z "${TMPDIR:-}" && -d /dev/shm && -w /dev/shm ]]; then TMPDIR=/dev/shm; fi
TMP="$(mktemp -d "${TMPDIR:-/tmp}/s3wizard-faults.XXXXXX")"
MOUNTED=""
cleanup() {
  [[ -n "$MOUNTED" ]] && umount "$MOUNTED" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

T0=$SECONDS
failures=0
fail() { echo "fault-inject: FAIL: $*" >&2; failures=$((failures + 1)); }

# The two sets: NEW over OLD removes files (NEW has no Terraform), OLD over NEW creates folders.
NEW=docs/examples/reader-writer.yaml
OLD=docs/examples/maximum-protection.yaml
gen() { "$BIN" generate --answers "$1" --out "$2" "${@:3}" </dev/null >"$TMP/last.out" 2>"$TMP/last.err"; }
gen "$NEW" "$TMP/ref-new" || { cat "$TMP/last.err" >&2; exit 1; }
gen "$OLD" "$TMP/ref-old" || { cat "$TMP/last.err" >&2; exit 1; }
mkdir "$TMP/ref-empty"

# Which complete set a directory holds: prints old, new, empty (nothing, or only the lock file) or mixed.
which_set() {
  local dir="$1" name
  for name in old new; do
    if diff -r "$TMP/ref-$name" "$dir" >/dev/null 2>&1; then echo "$name"; return; fi
  done
  if [[ ! -e "$dir" || -z "$(ls -A "$dir" | grep -vx '\.s3wizard\.lock')" ]]; then echo empty; return; fi
  echo mixed
}

# How often generate makes each call in this scenario (strace -c), to kill it at every one.
count_calls() {
  local from="$1" answers="$2" syscall="$3"
  rm -rf "$TMP/work"; [[ "$from" == empty ]] || cp -a "$TMP/ref-$from" "$TMP/work"
  strace -f -qq -c -o "$TMP/count" -e trace="$syscall" "$BIN" generate --answers "$answers" --out "$TMP/work" </dev/null >/dev/null 2>&1
  awk -v s="$syscall" '$NF == s { print ($4 ~ /^[0-9]+$/) ? $4 : $5 }' "$TMP/count" | head -1
}

kills=0
mixed=0
recovered=0
declare -A per_call=()
# scenario: FROM (old|new|empty) ANSWERS EXPECTED-NEW-NAME SYSCALLS...
scenario() {
  local from="$1" answers="$2" target="$3"; shift 3
  local syscall total n state
  for syscall in "$@"; do
    total="$(count_calls "$from" "$answers" "$syscall")"
    total="${total:-0}"
    for ((n = 1; n <= total; n++)); do
      rm -rf "$TMP/work"; [[ "$from" == empty ]] || cp -a "$TMP/ref-$from" "$TMP/work"
      # strace dies of the signal it injected; in a subshell that does not exec it, bash does not report that.
      (strace -f -qq -o /dev/null -e trace="$syscall" -e inject="$syscall":signal=KILL:when="$n" \
        "$BIN" generate --answers "$answers" --out "$TMP/work" </dev/null >/dev/null 2>&1 || true) 2>/dev/null
      kills=$((kills + 1)); per_call[$syscall]=$(( ${per_call[$syscall]:-0} + 1 ))
      # The next run recovers first (and says so); --dry-run then writes nothing, so what is left is the recovery.
      if [[ -e "$TMP/work" ]]; then
        if ! "$BIN" generate --answers "$answers" --out "$TMP/work" --dry-run </dev/null >/dev/null 2>"$TMP/recover.err"; then
          fail "$from -> $target, kill at $syscall #$n: the next run failed: $(cat "$TMP/recover.err")"
        fi
        grep -q "recovered an interrupted export\|finished tidying up\|removed the staged copies\|discarded an export" "$TMP/recover.err" && recovered=$((recovered + 1))
      fi
      state="$(which_set "$TMP/work")"
      if [[ "$state" != "$from" && "$state" != "$target" ]]; then
        mixed=$((mixed + 1))
        fail "$from -> $target, kill at $syscall #$n left a $state directory"
        { diff -rq "$TMP/ref-$from" "$TMP/work"; echo "  vs $target:"; diff -rq "$TMP/ref-$target" "$TMP/work"; } 2>&1 | head -8 >&2 || true
        continue
      fi
      # And the run after that completes the new set, with no false hand-edit conflicts.
      if ! gen "$answers" "$TMP/work" || [[ "$(which_set "$TMP/work")" != "$target" ]]; then
        fail "$from -> $target, kill at $syscall #$n: the run after recovery did not give the new set: $(cat "$TMP/last.err" | tail -3)"
      fi
    done
  done
}

echo "-- kill at every call: $NEW over $OLD"
scenario old "$NEW" new renameat unlinkat mkdirat syncfs fsync fchmod flock write
echo "-- kill at every call: $OLD over $NEW"
scenario new "$OLD" old renameat unlinkat mkdirat syncfs
echo "-- kill at every call: first export into a missing directory"
scenario empty "$NEW" new renameat mkdirat unlinkat
echo "   kills tried: $kills ($(for k in "${!per_call[@]}"; do printf '%s %s, ' "$k" "${per_call[$k]}"; done | sed 's/, $//')); recoveries reported: $recovered; mixed directories: $mixed"

echo "-- two generates at once"
concurrent_ok=0
for round in 1 2 3 4 5; do
  rm -rf "$TMP/work"; cp -a "$TMP/ref-old" "$TMP/work"
  "$BIN" generate --answers "$NEW" --out "$TMP/work" </dev/null >/dev/null 2>"$TMP/c1.err" & p1=$!
  "$BIN" generate --answers "$OLD" --out "$TMP/work" </dev/null >/dev/null 2>"$TMP/c2.err" & p2=$!
  rc1=0; rc2=0; wait $p1 || rc1=$?; wait $p2 || rc2=$?
  for pair in "$rc1:$TMP/c1.err" "$rc2:$TMP/c2.err"; do
    rc="${pair%%:*}"; err="${pair#*:}"
    if [[ "$rc" != 0 ]] && ! grep -q "another s3wizard is writing to" "$err"; then fail "concurrent run failed without the lock message: $(cat "$err")"; fi
  done
  state="$(which_set "$TMP/work")"
  [[ "$state" == old || "$state" == new ]] && concurrent_ok=$((concurrent_ok + 1)) || fail "two generates at once left a $state directory"
done
echo "   $concurrent_ok/5 rounds left one complete set"
rm -rf "$TMP/work"; cp -a "$TMP/ref-old" "$TMP/work"
flock "$TMP/work/.s3wizard.lock" sleep 6 & holder=$!
sleep 0.3
if gen "$NEW" "$TMP/work"; then fail "generate succeeded while another process held the lock"
elif ! grep -q "another s3wizard is writing to" "$TMP/last.err"; then fail "a held lock gave no clear message: $(cat "$TMP/last.err")"
else echo "   a held lock: generate waits, then fails: $(grep -o 'another s3wizard[^;]*' "$TMP/last.err")"; fi
kill "$holder" 2>/dev/null || true; wait "$holder" 2>/dev/null || true
[[ "$(which_set "$TMP/work")" == old ]] || fail "the refused run changed the directory"

echo "-- untrusted manifest and tree"
rm -rf "$TMP/work" "$TMP/home"; mkdir -p "$TMP/home"; cp -a "$TMP/ref-old" "$TMP/work"
echo "mine" > "$TMP/home/precious.txt"
hash="$(sha256sum "$TMP/home/precious.txt" | cut -d' ' -f1)"
for force in "" --force; do
  python3 - "$TMP/work/.s3wizard-manifest.json" "$hash" <<'PY'
import json, sys
path, digest = sys.argv[1], sys.argv[2]
manifest = json.load(open(path))
manifest["files"]["../home/precious.txt"] = digest
json.dump(manifest, open(path, "w"))
PY
  gen "$NEW" "$TMP/work" $force || fail "generate $force with a hostile manifest entry failed: $(cat "$TMP/last.err")"
  [[ -f "$TMP/home/precious.txt" ]] || fail "a manifest entry deleted ../home/precious.txt ($force)"
  grep -q "ignored the entry '../home/precious.txt'" "$TMP/last.err" || fail "the hostile manifest entry was not reported ($force)"
done
echo "   ../home/precious.txt in the manifest: kept, with and without --force"
rm -rf "$TMP/work" "$TMP/elsewhere"; mkdir -p "$TMP/elsewhere"; cp -a "$TMP/ref-old" "$TMP/work"
rm -rf "$TMP/work/policies"; ln -s ../elsewhere "$TMP/work/policies"
if gen "$NEW" "$TMP/work" --force; then fail "generate wrote with a planted folder link"; fi
grep -q "policies (is a symbolic link)" "$TMP/last.err" || fail "the planted link was not named: $(cat "$TMP/last.err")"
[[ -z "$(ls -A "$TMP/elsewhere")" ]] || fail "generate wrote through policies -> ../elsewhere"
echo "   policies -> ../elsewhere: refused, nothing written through it"
if "$BIN" generate --example --out "" </dev/null >/dev/null 2>"$TMP/last.err"; then fail "--out \"\" was accepted"; fi
grep -q -- "--out is empty" "$TMP/last.err" || fail "--out \"\" gave no clear message"
echo "   --out \"\": refused"
rm -rf "$TMP/work"; cp -a "$TMP/ref-old" "$TMP/work"; chmod 600 "$TMP/work/README.md"
gen "$NEW" "$TMP/work" || fail "regenerate failed"
[[ "$(stat -c %a "$TMP/work/README.md")" == 600 ]] || fail "a mode-600 file became $(stat -c %a "$TMP/work/README.md")"
echo "   README.md mode 600: kept"

echo "-- full file system"
mnt="$TMP/small"; mkdir -p "$mnt"
if mount -t tmpfs -o size=1m tmpfs "$mnt" 2>/dev/null; then
  MOUNTED="$mnt"
  gen "$OLD" "$mnt/out" || fail "generate into the tmpfs failed"
  # Fill it up, leaving less than the new set needs.
  dd if=/dev/zero of="$mnt/filler" bs=4k count=1000 2>/dev/null || true
  if gen "$NEW" "$mnt/out"; then fail "generate succeeded on a full file system"; fi
  grep -q "No space left on device; the output directory was left as it was" "$TMP/last.err" || fail "ENOSPC not reported: $(cat "$TMP/last.err")"
  [[ "$(which_set "$mnt/out")" == old ]] || fail "a full file system left a $(which_set "$mnt/out") directory"
  rm -f "$mnt/filler"
  gen "$NEW" "$mnt/out" && [[ "$(which_set "$mnt/out")" == new ]] || fail "generate after freeing space did not give the new set"
  echo "   tmpfs full: old set kept, \"No space left on device\" reported; the next run (with space) writes the new set"
else
  # No mount allowed: ENOSPC on the first write into the staging folder.
  rm -rf "$TMP/work"; cp -a "$TMP/ref-old" "$TMP/work"
  # The writes before the staging folder is made are the warnings on stderr; the next one is the first staged file.
  strace -f -qq -e trace=mkdirat,write -o "$TMP/trace" "$BIN" generate --answers "$NEW" --out "$TMP/work" </dev/null >/dev/null 2>&1
  first="$(awk '/s3wizard-staging/ { print n; exit } /write\(/ { n++ }' "$TMP/trace")"
  rm -rf "$TMP/work"; cp -a "$TMP/ref-old" "$TMP/work"
  timeout 60 strace -f -qq -o /dev/null -e trace=write -e inject=write:error=ENOSPC:when="$((first + 1))" \
    "$BIN" generate --answers "$NEW" --out "$TMP/work" </dev/null >/dev/null 2>"$TMP/last.err" && fail "generate succeeded with ENOSPC on write"
  grep -q "No space left on device; the output directory was left as it was" "$TMP/last.err" || fail "ENOSPC not reported: $(cat "$TMP/last.err")"
  [[ "$(which_set "$TMP/work")" == old ]] || fail "ENOSPC on write left a $(which_set "$TMP/work") directory"
  echo "   ENOSPC injected on write (mount not permitted): old set kept"
fi

echo "fault-inject: $kills kills, $mixed mixed directories, $failures failure(s), $((SECONDS - T0))s"
((failures == 0))
