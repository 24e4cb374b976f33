#!/usr/bin/env bash
# Every figure of issue 11's table, side by side in one run, printed as the table (docs/performance.md,
# section "Issue 11"):
#   - start -> first frame at 120x40 of s3wizard and of `dialog --checklist` (apt: dialog), interleaved
#     start by start in a pty, medians and the ratio;
#   - instructions to the first frame (callgrind, start -> first frame -> quit), s3wizard and dialog;
#   - peak RSS (VmHWM) of the wizard after KEYS typed keys;
#   - keystroke -> frame medians of the wizard's model (s3wizard-bench wizard) for the example, the largest
#     preset and eight data roles, and their instructions per key (callgrind: the difference between
#     2N and N keys of `s3wizard-bench keys`, divided by N);
#   - `s3wizard generate --answers docs/examples/reader-writer.yaml` into a fresh directory (hyperfine);
#   - issue 14's figures at 50 teams x 20 datasets: the keystroke (median and instructions) and generate.
# Usage: scripts/bench-issue11.sh [--runs N] [--keys N] [--no-build] [--binary PATH] [--bench PATH] [--answers FILE] [--no-callgrind]
#   --binary/--bench  measure other builds of s3wizard / s3wizard-bench (e.g. a commit before) without building
#   --answers FILE    the answers file to generate (default docs/examples/reader-writer.yaml; an older build needs its own)
# Needs python3, dialog and hyperfine (apt-get install -y dialog hyperfine); valgrind for the instruction counts.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
command -v swift >/dev/null 2>&1 || export PATH="/opt/swift/usr/bin:$PATH"

RUNS=30
KEYS=500
BUILD=1
CALLGRIND=1
BIN="$REPO/.build/release/s3wizard"
BENCH="$REPO/.build/release/s3wizard-bench"
ANSWERS="$REPO/docs/examples/reader-writer.yaml"
absolute() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --keys) KEYS="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --no-callgrind) CALLGRIND=0; shift ;;
    --binary) BIN="$(absolute "$2")"; BUILD=0; shift 2 ;;
    --bench) BENCH="$(absolute "$2")"; BUILD=0; shift 2 ;;
    --answers) ANSWERS="$(absolute "$2")"; shift 2 ;;
    *) echo "usage: scripts/bench-issue11.sh [--runs N] [--keys N] [--no-build] [--binary PATH] [--bench PATH] [--answers FILE] [--no-callgrind]" >&2; exit 2 ;;
  esac
done
for tool in python3 dialog hyperfine; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench-issue11: $tool is not installed (apt-get install -y dialog hyperfine)" >&2; exit 1; }
done
command -v valgrind >/dev/null 2>&1 || CALLGRIND=0

if [[ $BUILD == 1 ]]; then
  # The release build the README runs: the Swift runtime linked statically (docs/architecture.md).
  swift build -c release --static-swift-stdlib --disable-local-rpath --product s3wizard 2>&1 | tail -1
  swift build -c release --static-swift-stdlib --disable-local-rpath --product s3wizard-bench 2>&1 | tail -1
fi
[[ -x "$BIN" && -x "$BENCH" ]] || { echo "bench-issue11: $BIN or $BENCH not built" >&2; exit 1; }

TMP="$(mktemp -d "${TMPDIR:-/tmp}/s3wizard-bench11.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

echo "issue 11 benchmark: $BIN ($(du -m "$BIN" | cut -f1) MB), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  $RUNS interleaved starts, $KEYS keys, $(valgrind --version 2>/dev/null || echo 'no valgrind')"

# Keystroke medians of the model (no terminal), per plan.
"$BENCH" wizard --iterations 1000 > "$TMP/wizard.txt"
# generate into a fresh directory, hyperfine.
hyperfine -N --warmup 5 --runs 40 --style none --export-json "$TMP/generate.json" \
  --prepare "rm -rf $TMP/out" "$BIN generate --answers $ANSWERS --out $TMP/out" > /dev/null
# Issue 14's size: 50 teams x 20 datasets in access-points mode (the answers file from the bench's own plan).
"$BENCH" answers data-lake-50x20 > "$TMP/data-lake-50x20.yaml"
hyperfine -N --warmup 3 --runs 30 --style none --export-json "$TMP/generate50.json" \
  --prepare "rm -rf $TMP/out50" "$BIN generate --answers $TMP/data-lake-50x20.yaml --out $TMP/out50" > /dev/null

# valgrind 3.19 gives up on the toolchain's DWARF 5 debug info ("Possibly corrupted debuginfo file"): callgrind
# runs copies without it (strip -g), which execute the same instructions.
if [[ $CALLGRIND == 1 ]]; then
  strip -g -o "$TMP/s3wizard" "$BIN" && strip -g -o "$TMP/s3wizard-bench" "$BENCH" || CALLGRIND=0
fi

PYTHONPATH="$REPO/scripts" python3 - "$BIN" "$BENCH" "$TMP" "$RUNS" "$KEYS" "$CALLGRIND" <<'PY'
import glob, json, os, re, shutil, statistics, subprocess, sys, time
from ptybench import clean_env, drain_until_idle, first_frame, memory, quit_with, send_keys

BIN, BENCH, TMP, RUNS, KEYS, CALLGRIND = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6] == "1"
env = clean_env(TMP)
WIZARD, WIZARD_MARKER = [BIN], b"Which bucket"
# A checklist as large as the wizard's first screen: 120x40, 30 items.
items = [a for i in range(30) for a in (f"item{i:02d}", f"Option number {i} of the checklist", "on" if i % 3 == 0 else "off")]
DIALOG, DIALOG_MARKER = [shutil.which("dialog"), "--checklist", "Which controls?", "40", "120", "30"] + items, b"Cancel"

def start(args, marker, quit_keys):
    pid, fd, to_marker, to_frame = first_frame(args, env, marker)
    quit_with(pid, fd, quit_keys)
    return to_frame

# --- start -> first frame, interleaved --------------------------------------------------------------------
start(WIZARD, WIZARD_MARKER, (b"\x1b", b"q", b"n")); start(DIALOG, DIALOG_MARKER, (b"\x1b",))  # warm the page cache
wizard, dialog = [], []
for _ in range(RUNS):
    wizard.append(start(WIZARD, WIZARD_MARKER, (b"\x1b", b"q", b"n")))
    dialog.append(start(DIALOG, DIALOG_MARKER, (b"\x1b",)))

# --- instructions to the first frame (callgrind; the process then quits) -----------------------------------
def callgrind(args, marker=None, quit_keys=(), first_dump_after=None):
    """Instructions executed by `args` under callgrind: until `marker` and the quit keys, or to its exit.
    With `first_dump_after` (a function's symbol), the instructions until that function first returns."""
    out, log = os.path.join(TMP, "callgrind.out"), os.path.join(TMP, "callgrind.log")
    for old in glob.glob(out + "*"): os.remove(old)
    vg = [shutil.which("valgrind"), "--tool=callgrind", "--read-var-info=no", f"--callgrind-out-file={out}", f"--log-file={log}"]
    if first_dump_after: vg.append(f"--dump-after={first_dump_after}")
    if marker is None:
        subprocess.run(vg + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    else:
        pid, fd, _, _ = first_frame(vg + args, env, marker, timeout=120, idle=1.0)
        for key in quit_keys:  # then wait for the exit: callgrind writes its summary last
            try: os.write(fd, key)
            except OSError: break  # it has exited
            time.sleep(1.0)
            drain_until_idle(fd, 0.1)
        for _ in range(600):
            if os.waitpid(pid, os.WNOHANG)[0]: break
            drain_until_idle(fd, 0.1)
        os.close(fd)
    text = open(log).read()
    found = re.search(r"Collected : (\d+)", text)
    if not found: raise SystemExit("bench-issue11: callgrind failed:\n" + text[-1500:])
    if first_dump_after:
        dump = re.search(r"^(?:totals|summary): (\d+)", open(out + ".1").read(), re.M)
        if not dump: raise SystemExit(f"bench-issue11: no dump after {first_dump_after}")
        return int(dump.group(1))
    return int(found.group(1))

instructions = {}
if CALLGRIND:
    instructions["wizard"] = callgrind([os.path.join(TMP, "s3wizard")], WIZARD_MARKER, (b"\x1b", b"q", b"n"))
    # Exec to the end of the first Terminal.draw: the first frame alone, without the proof and the size limits
    # that run once the frame has been idle for 60 ms (under callgrind they always do before the quit keys).
    instructions["first frame"] = callgrind([os.path.join(TMP, "s3wizard")], WIZARD_MARKER, (b"\x1b", b"q", b"n"),
                                            first_dump_after="$s15TerminalBackend0A0C4drawyy8WizardUI12ScreenBufferVF")
    instructions["dialog"] = callgrind(DIALOG, DIALOG_MARKER, (b"\x1b",))
    for plan in ("example", "maximum-protection", "eight-roles", "data-lake-50x20"):
        n = 10 if plan == "data-lake-50x20" else 100
        instructions[plan] = (callgrind([os.path.join(TMP, "s3wizard-bench"), "keys", plan, str(2 * n)])
                             - callgrind([os.path.join(TMP, "s3wizard-bench"), "keys", plan, str(n)])) / n

# --- peak RSS after KEYS typed keys --------------------------------------------------------------------------
pid, fd, _, _ = first_frame(WIZARD, env, WIZARD_MARKER)
os.write(fd, b"\r"); drain_until_idle(fd)                 # edit the service name
send_keys(fd, [b"x", b"\x7f"], KEYS)                      # x, Backspace: every key regenerates
rss = memory(pid)
quit_with(pid, fd, (b"\x1b", b"\x1b", b"q", b"n"))

# --- the model's keystroke medians, generate ------------------------------------------------------------------
typing = {}
plan = None
for line in open(os.path.join(TMP, "wizard.txt")):
    if not line.startswith(" "): plan = line.split(" ")[0]
    m = re.search(r"keystroke -> frame \(typing\)\s*: median ([\d.]+) µs", line)
    if m: typing[plan] = float(m.group(1)) / 1000
generate = json.load(open(os.path.join(TMP, "generate.json")))["results"][0]
generate50 = json.load(open(os.path.join(TMP, "generate50.json")))["results"][0]

def mi(n): return f"{n / 1e6:.1f} M"
w, d = statistics.median(wizard), statistics.median(dialog)
print()
print("| figure | measured | goal |")
print("|---|---|---|")
print(f"| start → first frame, 120x40, vs `dialog --checklist` in the same run | {w * 1e3:.1f} ms vs {d * 1e3:.1f} ms = **{w / d:.1f}×** | ≤ 1.5× |")
if CALLGRIND:
    print(f"| instructions to the first frame (exec → end of the first draw) | {mi(instructions['first frame'])} | ≤ 25 M |")
    print(f"| instructions, start → first frame → idle (proof) → quit | {mi(instructions['wizard'])} (dialog, start → frame → quit: {mi(instructions['dialog'])}) | — |")
print(f"| peak RSS, wizard after {KEYS} keys | {rss['VmHWM']:.1f} MiB | ≤ 16 MiB |")
ins = lambda p: f" ({mi(instructions[p])})" if CALLGRIND else ""
print(f"| keystroke → frame, example / maximum-protection | {typing['example']:.2f}{ins('example')} / {typing['maximum-protection']:.2f} ms{ins('maximum-protection')} | ≤ 0.5 / 0.7 ms (≤ 4.5 M / 6 M) |")
print(f"| keystroke with 8 data roles | {typing['eight-roles']:.2f} ms{ins('eight-roles')} | ≤ 1 ms |")
print(f"| `generate --answers docs/examples/reader-writer.yaml`, fresh directory | {generate['median'] * 1e3:.1f} ms (mean {generate['mean'] * 1e3:.1f} ± {generate['stddev'] * 1e3:.1f}) | ≤ 20 ms |")
print(f"| issue 14: keystroke → frame at 50 teams × 20 datasets | {typing['data-lake-50x20']:.2f} ms{ins('data-lake-50x20')} | ≤ 2 ms |")
print(f"| issue 14: `generate` 50 × 20, fresh directory | {generate50['median'] * 1e3:.1f} ms (mean {generate50['mean'] * 1e3:.1f} ± {generate50['stddev'] * 1e3:.1f}) | ≤ 100 ms |")
print()
print(f"first frame p10/p90: s3wizard {sorted(wizard)[len(wizard) // 10] * 1e3:.1f}/{sorted(wizard)[len(wizard) * 9 // 10] * 1e3:.1f} ms, "
      f"dialog {sorted(dialog)[len(dialog) // 10] * 1e3:.1f}/{sorted(dialog)[len(dialog) * 9 // 10] * 1e3:.1f} ms; RSS after the keys {rss['VmRSS']:.1f} MiB")
PY
