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
  swift build -c release --product s3wizard 2>&1 | tail -1
fi
[[ -x "$BIN" ]] || { echo "bench-ui: $BIN not built" >&2; exit 1; }

TMP="$(mktemp -d "${TMPDIR:-/tmp}/s3wizard-bench-ui.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

echo "s3wizard interactive benchmark: $BIN, 120x40 pty, $RUNS starts, $KEYS keys per kind, $(nproc) cores"
python3 - "$BIN" "$TMP" "$RUNS" "$KEYS" <<'PY'
import fcntl, os, pty, select, signal, statistics, struct, sys, termios, time

BIN, TMP, RUNS, KEYS = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
COLS, LINES = 120, 40
MARKER = b"Which bucket"          # the first screen's question (Basics)
IDLE = 0.015                      # output quiet this long after the last byte: the frame is complete

env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "S3WIZARD_THEME", "S3WIZARD_ASCII", "LC_ALL", "COLUMNS", "LINES")}
env.update(TERM="xterm-256color", LANG="C.UTF-8", HOME=os.path.join(TMP, "home"), XDG_STATE_HOME=os.path.join(TMP, "state"))
os.makedirs(env["HOME"], exist_ok=True)
os.makedirs(env["XDG_STATE_HOME"], exist_ok=True)
now = time.perf_counter

def spawn(args):
    """fork + exec in a new pty of COLS x LINES; returns (pid, master fd, time just before fork)."""
    t0 = now()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLS, 0, 0))
        os.execve(args[0], args, env)
    return pid, fd, t0

def read_until(fd, predicate, timeout=5.0):
    """Reads until predicate(data) holds; returns (data, time of the read that made it hold)."""
    data, deadline = b"", now() + timeout
    while now() < deadline:
        r, _, _ = select.select([fd], [], [], max(0, deadline - now()))
        if not r: break
        try: chunk = os.read(fd, 65536)
        except OSError: break
        if not chunk: break
        data += chunk
        if predicate(data): return data, now()
    raise SystemExit(f"bench-ui: timed out; output so far: {data[-400:]!r}")

def drain_until_idle(fd, first_timeout=2.0):
    """Waits for output, then reads until quiet for IDLE; returns (bytes, time of first byte, time of last byte)."""
    data, first, last = b"", None, None
    timeout = first_timeout
    while True:
        r, _, _ = select.select([fd], [], [], timeout)
        if not r: break
        try: chunk = os.read(fd, 65536)
        except OSError: break
        if not chunk: break
        last = now()
        first = first or last
        data += chunk
        timeout = IDLE
    return data, first, last

def memory(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"): fields[key] = int(value.split()[0]) / 1024  # MiB
    return fields

def quit_wizard(pid, fd):
    """Leaves edit mode and quits (answering "don't save" if asked); SIGTERM if it does not exit."""
    for key in (b"\x1b", b"q", b"n"):
        try: os.write(fd, key)
        except OSError: pass
        time.sleep(0.1)
        done, status = os.waitpid(pid, os.WNOHANG)
        if done: break
        drain_until_idle(fd, 0.05)
    else:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    os.close(fd)

def run_to_exit(args):
    """Start -> exit of a non-interactive run in the pty (output drained); returns (seconds, ru_maxrss MiB)."""
    pid, fd, t0 = spawn(args)
    while True:
        r, _, _ = select.select([fd], [], [], 5)
        if not r: raise SystemExit(f"bench-ui: {args} hung")
        try:
            if not os.read(fd, 65536): break
        except OSError: break  # EIO: the child closed the pty
    _, status, usage = os.wait4(pid, 0)
    t1 = now()
    os.close(fd)
    return t1 - t0, usage.ru_maxrss / 1024

def median_line(name, values, unit=1e3, unit_name="ms"):
    values = sorted(values)
    p = lambda q: values[min(len(values) - 1, int((len(values) - 1) * q))]
    return f"  {name}: median {statistics.median(values) * unit:.1f} {unit_name}, p10 {p(0.1) * unit:.1f}, p90 {p(0.9) * unit:.1f} (n={len(values)})"

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
def keys(sequence, n):
    """Sends n keys from the cycle `sequence`, one at a time, each after the previous frame completed."""
    first, last = [], []
    for i in range(n):
        t = now()
        os.write(fd, sequence[i % len(sequence)])
        data, t_first, t_last = drain_until_idle(fd, 1.0)
        if t_first is None: raise SystemExit(f"bench-ui: no redraw after key {sequence[i % len(sequence)]!r}")
        first.append(t_first - t); last.append(t_last - t)
    return first, last
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
