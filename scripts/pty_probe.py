#!/usr/bin/env python3
"""Runs a command in a pseudo-terminal (120x40) and reports, as one line of JSON:
first_output_ms (until the first byte), frame_ms (until MARKER shows, or the command
exits), and with --idle SECS the bytes written and the context switches of all its
threads (wakeups) while nobody types; then sends Ctrl-C.

With --wait SECS it waits up to SECS for the command to exit after Ctrl-C instead of
killing it 0.2 s later, and as long for the first frame (a program under valgrind
needs the time to start and to write its profile).

Usage: pty_probe.py [--marker TEXT] [--idle SECS] [--wait SECS] -- COMMAND...
"""
import fcntl, glob, json, os, pty, select, signal, struct, sys, termios, time

def switches(pid):
    total = 0
    for status in glob.glob(f"/proc/{pid}/task/*/status"):
        try:
            for line in open(status):
                if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total

def main():
    args = sys.argv[1:]
    marker, idle, wait = None, 0.0, 0.2
    while args and args[0] != "--":
        if args[0] == "--marker":
            marker = args[1].encode(); args = args[2:]
        elif args[0] == "--idle":
            idle = float(args[1]); args = args[2:]
        elif args[0] == "--wait":
            wait = float(args[1]); args = args[2:]
        else:
            sys.exit(__doc__)
    cmd = args[1:]
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen, first, frame, done = b"", None, None, False
    while frame is None and not done:
        r, _, _ = select.select([fd], [], [], max(10, wait))
        if not r:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            chunk = b""
        if not chunk:
            done = True
            break
        now = time.perf_counter()
        first = first or now
        seen += chunk
        # Terminal queries (cursor position) get an answer, as a terminal would.
        if b"\x1b[6n" in chunk:
            os.write(fd, b"\x1b[1;1R")
        if marker is None or marker in seen:
            frame = now
    frame = frame or time.perf_counter()
    out = {"first_output_ms": round(((first or frame) - start) * 1000, 2),
           "frame_ms": round((frame - start) * 1000, 2)}
    if idle and not done:
        # Let the first frame settle, then watch.
        time.sleep(0.3)
        while select.select([fd], [], [], 0)[0]:
            os.read(fd, 65536)
        before, written, t0 = switches(pid), 0, time.perf_counter()
        while time.perf_counter() - t0 < idle:
            r, _, _ = select.select([fd], [], [], max(0.0, idle - (time.perf_counter() - t0)))
            if r:
                written += len(os.read(fd, 65536))
        out.update(idle_s=idle, idle_bytes=written, idle_wakeups=switches(pid) - before)
    try:
        os.write(fd, b"\x03")
    except OSError:
        pass
    deadline, reaped = time.perf_counter() + wait, False
    while not reaped and time.perf_counter() < deadline:
        reaped = os.waitpid(pid, os.WNOHANG) != (0, 0)
        try:
            # Keep reading, so the program is never blocked writing to the terminal.
            if select.select([fd], [], [], 0.05)[0]:
                os.read(fd, 65536)
        except OSError:
            time.sleep(0.05)
    if not reaped:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
        os.waitpid(pid, 0)
    print(json.dumps(out))

main()
