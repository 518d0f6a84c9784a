#!/usr/bin/env python3
"""Issue 12's linearity target (10x the input costs at most 11x the time), measured with
the two inputs interleaved so the machine's noise falls on both alike: ROUNDS rounds of
one render of the 10x template and five of the 1x one; prints medians, minima and their
ratios.

Usage (in a clean directory holding both templates, from scripts/synth.sh 13400 and
134000):
    ISSUE_COMPOSER_MAX_FIELDS=10000000 ISSUE_COMPOSER_MAX_SECTIONS=10000000 \\
    ISSUE_COMPOSER_MAX_TEMPLATE_SIZE=100000000 \\
    ROUNDS=10 chrt -f 50 python3 scripts/tenx.py BIN SMALL.md BIG.md
"""
import os
import statistics
import subprocess
import sys
import time


def run(args):
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000


def main():
    binary, small_md, big_md = sys.argv[1:4]
    big, small = [], []
    for _ in range(int(os.environ.get("ROUNDS", "10"))):
        big.append(run([binary, "render", big_md, "--allow-incomplete"]))
        small.extend(run([binary, "render", small_md, "--allow-incomplete"]) for _ in range(5))
    med_big, med_small = statistics.median(big), statistics.median(small)
    print(
        f"{binary}: big median {med_big:.1f} ms, min {min(big):.1f}; "
        f"small median {med_small:.1f} ms, min {min(small):.1f}; "
        f"ratio by medians {med_big / med_small:.2f}x, by minima {min(big) / min(small):.2f}x"
    )


main()
