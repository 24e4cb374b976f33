"""Pseudo-terminal helpers shared by scripts/bench-ui.sh and scripts/bench-issue11.sh: start a program in
a pty of a given size, read until its frame is complete, send keys, read its memory. Standard library only."""
import fcntl, os, pty, select, signal, statistics, struct, termios, time

now = time.perf_counter
IDLE = 0.015  # output quiet this long after the last byte: the frame is complete


def clean_env(tmp):
    """The environment of a first start: xterm-256color, UTF-8, a fresh HOME and state directory (no draft)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("NO_COLOR", "S3WIZARD_THEME", "S3WIZARD_ASCII", "LC_ALL", "COLUMNS", "LINES", "DIALOGRC")}
    # COLORFGBG says the background is dark: without it the wizard asks the terminal (OSC 11 behind a DA1
    # fence), which a real terminal answers at once but this pty never does (the wizard then waits ~200 ms).
    env.update(TERM="xterm-256color", LANG="C.UTF-8", COLORFGBG="15;0",
               HOME=os.path.join(tmp, "home"), XDG_STATE_HOME=os.path.join(tmp, "state"))
    os.makedirs(env["HOME"], exist_ok=True)
    os.makedirs(env["XDG_STATE_HOME"], exist_ok=True)
    return env


def spawn(args, env, cols=120, lines=40):
    """fork + exec in a new pty of cols x lines; returns (pid, master fd, time just before fork)."""
    t0 = now()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", lines, cols, 0, 0))
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
    raise SystemExit(f"ptybench: timed out; output so far: {data[-400:]!r}")


def drain_until_idle(fd, first_timeout=2.0, idle=IDLE):
    """Waits for output, then reads until quiet for `idle`; returns (bytes, time of first byte, time of last byte)."""
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
        timeout = idle
    return data, first, last


def first_frame(args, env, marker, timeout=5.0, idle=IDLE):
    """Starts `args` and waits for `marker`, then for the output to go quiet; returns (pid, fd, seconds to
    the marker, seconds to the frame's last byte)."""
    pid, fd, t0 = spawn(args, env)
    _, t_marker = read_until(fd, lambda d: marker in d, timeout)
    _, _, t_last = drain_until_idle(fd, idle, idle)
    return pid, fd, t_marker - t0, (t_last or t_marker) - t0


def memory(pid):
    """VmRSS and VmHWM of a running process, MiB."""
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"): fields[key] = int(value.split()[0]) / 1024
    return fields


def quit_with(pid, fd, keys=(b"\x1b", b"q", b"n"), wait=0.1):
    """Sends the keys one by one until the program exits (SIGTERM if it does not); returns its wait status."""
    status = None
    for key in keys:
        try: os.write(fd, key)
        except OSError: pass
        time.sleep(wait)
        done, status = os.waitpid(pid, os.WNOHANG)
        if done: break
        drain_until_idle(fd, 0.05)
    else:
        os.kill(pid, signal.SIGTERM)
        _, status = os.waitpid(pid, 0)
    os.close(fd)
    return status


def run_to_exit(args, env):
    """Start -> exit of a non-interactive run in the pty (output drained); returns (seconds, ru_maxrss MiB)."""
    pid, fd, t0 = spawn(args, env)
    while True:
        r, _, _ = select.select([fd], [], [], 5)
        if not r: raise SystemExit(f"ptybench: {args} hung")
        try:
            if not os.read(fd, 65536): break
        except OSError: break  # EIO: the child closed the pty
    _, status, usage = os.wait4(pid, 0)
    t1 = now()
    os.close(fd)
    return t1 - t0, usage.ru_maxrss / 1024


def send_keys(fd, sequence, n):
    """Sends n keys from the cycle `sequence`, one at a time, each after the previous frame completed;
    returns (seconds to the first byte of each redraw, seconds to its last byte)."""
    first, last = [], []
    for i in range(n):
        t = now()
        os.write(fd, sequence[i % len(sequence)])
        _, t_first, t_last = drain_until_idle(fd, 1.0)
        if t_first is None: raise SystemExit(f"ptybench: no redraw after key {sequence[i % len(sequence)]!r}")
        first.append(t_first - t); last.append(t_last - t)
    return first, last


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int((len(values) - 1) * q))]


def median_line(name, values, unit=1e3, unit_name="ms"):
    return (f"  {name}: median {statistics.median(values) * unit:.1f} {unit_name}, p10 {percentile(values, 0.1) * unit:.1f}, "
            f"p90 {percentile(values, 0.9) * unit:.1f} (n={len(values)})")
