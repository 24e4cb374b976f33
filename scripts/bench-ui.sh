#!/usr/bin/env bash
# The interactive wizard as a user gets it: the REAL release binary in a pseudo-terminal (120x40,
# TERM=xterm-256color, a fresh HOME and XDG_STATE_HOME so no draft is offered). See docs/performance.md,
# section "Interactive wizard". Measures, with medians (these machines are noisy: read medians and ratios):
#   - start -> first frame: fork+exec until the first screen's text ("Which bucket") has arrived, and until
#     the frame's last byte (the output then stays idle), over RUNS starts;
#   - for comparison, start -> exit of `s3wizard --help` and of `s3wizard --screen 120x40` (model + view, no ncurses),
#     and of /bin/true (what this harness's fork, exec and pty cost by themselves);
#   - keystroke -> frame end to end (key written to the pty -> last byte of the redraw): typing into the
#     service name (regenerates everything), moving between rows, moving in the review's access matrix;
#   - memory: VmRSS / VmHWM from /proc/PID/status after the first frame and after the keystrokes.
# The model alone (no process, no terminal) is `.build/release/s3wizard-bench wizard`.
#
# Usage: scripts/bench-ui.sh [--runs N] [--keys N] [--no-build] [--binary PATH]
#   --runs N       starts to time (default 30)
#   --keys N       keystrokes per kind in the session (default 200; typing alternates "x" and Backspace)
#   --binary PATH  measure another build (e.g. one linked with --static-swift-stdlib) instead of building
# Needs python3 (standard library only). Runs hyperfine on the startup baselines when it is installed.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
command -v swift >/dev/null 2>&1 || export PATH="/opt/swift/usr/bin:$PATH"

RUNS=30
KEYS=200
BUILD=1
BIN="$REPO/.build/release/s3wizard"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --keys) KEYS="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --binary) BIN="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; BUILD=0; shift 2 ;;
    *) echo "usage: scripts/bench-ui.sh [--runs N] [--keys N] [--no-build] [--binary PATH]" >&2; exit 2 ;;
  esac
done

if [[ $BUILD == 1 ]]; then
  swift build -c release --static-swift-stdlib --disable-local-rpath --product s3wizard 2>&1 | tail -1
fi
[[ -x "$BIN" ]] || { echo "bench-ui: $BIN not built" >&2; exit 1; }

TMP="$(mktemp -d "${TMPDIR:-/tmp}/s3wizard-bench-ui.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

echo "s3wizard interactive benchmark: $BIN, 120x40 pty, $RUNS starts, $KEYS keys per kind, $(nproc) cores"
PYTHONPATH="$REPO/scripts" python3 - "$BIN" "$TMP" "$RUNS" "$KEYS" <<'PY'
import os, statistics, sys
import ptybench
from ptybench import IDLE, drain_until_idle, median_line, memory, read_until, send_keys

BIN, TMP, RUNS, KEYS = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
COLS, LINES = 120, 40
MARKER = b"Which bucket"          # the first screen's question (Basics)
env = ptybench.clean_env(TMP)
spawn = lambda args: ptybench.spawn(args, env, COLS, LINES)
run_to_exit = lambda args: ptybench.run_to_exit(args, env)
quit_wizard = ptybench.quit_with

# --- start -> first frame -----------------------------------------------------------------------
run_to_exit([BIN, "--help"])  # warm the page cache
marker, complete, rss_first, hwm_first = [], [], [], []
for _ in range(RUNS):
    pid, fd, t0 = spawn([BIN])
    data, t_marker = read_until(fd, lambda d: MARKER in d)
    rest, _, t_last = drain_until_idle(fd, IDLE)
    marker.append(t_marker - t0)
    complete.append((t_last or t_marker) - t0)
    m = memory(pid)
    rss_first.append(m["VmRSS"]); hwm_first.append(m["VmHWM"])
    quit_wizard(pid, fd)
helps, help_rss, screens, screen_rss, floor = [], [], [], [], []
for _ in range(RUNS):
    floor.append(run_to_exit(["/bin/true"])[0])
    t, r = run_to_exit([BIN, "--help"]); helps.append(t); help_rss.append(r)
    t, r = run_to_exit([BIN, "--screen", f"{COLS}x{LINES}"]); screens.append(t); screen_rss.append(r)

print("start -> first frame (fork + exec + ncurses setup + model + first draw), target <= 20 ms")
print(median_line("first screen's text arrived  ", marker))
print(median_line("frame complete (last byte)   ", complete))
print(median_line("for comparison: --help, exit ", helps))
print(median_line("--screen 120x40, exit        ", screens))
print(median_line("harness floor: /bin/true     ", floor))
print(f"  ratio first frame / --help: {statistics.median(complete) / statistics.median(helps):.2f}")

# --- a session: keystroke -> frame end to end, memory -------------------------------------------
pid, fd, t0 = spawn([BIN])
read_until(fd, lambda d: MARKER in d)
drain_until_idle(fd, IDLE)
keys = lambda sequence, n: send_keys(fd, sequence, n)
results = {}
os.write(fd, b"\r"); drain_until_idle(fd)                      # edit the service name
results["typing (x / Backspace, regenerates)"] = keys([b"x", b"\x7f"], KEYS)
os.write(fd, b"\r"); drain_until_idle(fd)                      # commit (the name is unchanged: even count)
os.write(fd, b"5"); drain_until_idle(fd)                       # Data access: the most rows
down, up = b"\x1bOB", b"\x1bOA"  # xterm-256color keypad mode (kcud1, kcuu1)
results["navigation (down / up)"] = keys([down] * 4 + [up] * 4, KEYS)
os.write(fd, b"r"); drain_until_idle(fd)
os.write(fd, b"m"); drain_until_idle(fd)
results["review, access matrix (down / up)"] = keys([down] * 4 + [up] * 4, KEYS)
m = memory(pid)
quit_wizard(pid, fd)

print("keystroke -> frame, end to end (key written to the pty -> last byte of the redraw), target <= 1 ms")
for name, (first, last) in results.items():
    print(median_line(f"{name:36s} last byte ", last))
    print(median_line(f"{'':36s} first byte", first))
print("memory (MiB), target RSS <= 20 MB")
print(f"  after the first frame: VmRSS median {statistics.median(rss_first):.1f}, VmHWM median {statistics.median(hwm_first):.1f} (n={RUNS})")
print(f"  after {3 * KEYS + 5} keys (typing, navigation, review + access matrix): VmRSS {m['VmRSS']:.1f}, VmHWM {m['VmHWM']:.1f}")
print(f"  for comparison: --help max RSS median {statistics.median(help_rss):.1f}, --screen 120x40 {statistics.median(screen_rss):.1f}")
PY

if command -v hyperfine >/dev/null 2>&1; then
  echo "hyperfine (process start baselines; the wizard itself needs a terminal, timed above):"
  hyperfine -N --warmup 5 --runs 50 --style basic "$BIN --help" "$BIN --screen 120x40" 2>&1 | grep -E "Benchmark|Time \(mean"
fi
