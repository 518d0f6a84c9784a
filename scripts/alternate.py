#!/usr/bin/env python3
"""Wall time of two binaries on the same arguments, runs alternating (old, new, then
new, old, ...) so that load that comes and goes on a shared machine falls on both.
Usage: RUNS=30 chrt -f 50 python3 scripts/alternate.py OLD_BIN NEW_BIN ARGS...
Prints mean, median and minimum in milliseconds for each (3 warm-up runs each first).
"""
import subprocess, time, statistics, sys, os
args = sys.argv[3:]
bins = [sys.argv[1], sys.argv[2]]
res = {b: [] for b in bins}
for b in bins:
    for _ in range(3): subprocess.run([b]+args, stdout=subprocess.DEVNULL)
for i in range(int(os.environ.get('RUNS','30'))):
    order = bins if i % 2 == 0 else bins[::-1]
    for b in order:
        t = time.perf_counter(); subprocess.run([b]+args, stdout=subprocess.DEVNULL); res[b].append((time.perf_counter()-t)*1000)
for b in bins:
    v = res[b]
    print(f"{b}: mean {statistics.mean(v):.1f} ms, median {statistics.median(v):.1f}, min {min(v):.1f} (n={len(v)})")
