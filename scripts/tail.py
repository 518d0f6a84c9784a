#!/usr/bin/env python3
"""The serial tail of a large `render` or `schema`: milliseconds from the parse's last
thread (`markdown-ids`) exiting to the process's `exit_group`, and where the output
thread of the tail (`render-body`, `schema-blocks`) starts and ends within it, from
perf's syscall and scheduler tracepoints (needs perf and root; the tracepoints cost
about as much in both binaries, but thread starts are slower under perf).
Usage: RUNS=9 python3 scripts/tail.py BIN ARGS...   (e.g. render s1900k.md --allow-incomplete)
Prints each run and the median of the tails. Run it under `chrt -f 50` on a quiet machine.
"""
import os, statistics, subprocess, sys, tempfile

EVENTS = ["syscalls:sys_enter_clone3", "syscalls:sys_enter_exit_group", "sched:sched_process_exit"]
env = dict(os.environ)
env.setdefault("ISSUE_COMPOSER_MAX_FIELDS", "10000000")
env.setdefault("ISSUE_COMPOSER_MAX_SECTIONS", "10000000")
tails = []
with tempfile.TemporaryDirectory() as tmp:
    data = os.path.join(tmp, "perf.data")
    for _ in range(int(os.environ.get("RUNS", "9"))):
        record = ["perf", "record", "-q", "-o", data] + sum((["-e", e] for e in EVENTS), []) + ["--"] + sys.argv[1:]
        subprocess.run(record, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
        script = subprocess.run(["perf", "script", "-i", data, "-F", "comm,tid,time,event"],
                                capture_output=True, text=True).stdout
        events = []
        for line in script.splitlines():
            parts = line.split()
            events.append((parts[0], float(parts[2].rstrip(":")), parts[3].rstrip(":")))
        ids = [t for c, t, e in events if e == "sched:sched_process_exit" and c == "markdown-ids"]
        end = [t for c, t, e in events if e.endswith("exit_group")]
        if not ids or not end:
            sys.exit("no ids thread or no exit_group: a body too small for threads?")
        ms = lambda t: (t - ids[0]) * 1000
        clones = [ms(t) for c, t, e in events if e.endswith("clone3") and t > ids[0]]
        helper = [ms(t) for c, t, e in events if e == "sched:sched_process_exit" and t > ids[0]
                  and c in ("render-body", "schema-blocks")]
        tails.append(ms(end[0]))
        print("tail %.2f ms" % tails[-1],
              "(second thread started %s, ended %s)" % (
                  "%.2f" % clones[0] if clones else "-", "%.2f" % helper[0] if helper else "-"))
print("median tail %.2f ms of %d runs" % (statistics.median(tails), len(tails)))
