#!/usr/bin/env bash
# Whole-process figures for PERFORMANCE.md: parse/render/schema time and peak RSS on
# synthetic templates (190 KiB, 1.9 MiB, 19 MiB), first frame in a pseudo-terminal
# (against /bin/echo and `gh issue create --help` in the same run), and what an idle
# form costs. Needs hyperfine, GNU time (/usr/bin/time) and python3; gh is optional.
#
#   cargo build --release && scripts/perf.sh [BIN]   # BIN: default target/release/issue-composer
#
# Times are hyperfine means (RUNS runs, default 10, after 2 warm-ups) in ms; RSS is
# the peak in MiB. The machine is shared, so compare ratios within one run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:-$here/../target/release/issue-composer}")
runs=${RUNS:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" NO_COLOR=1
mkdir -p "$HOME"
# Room for the 19 MiB template.
export ISSUE_COMPOSER_MAX_TEMPLATE_SIZE=$((64 * 1024 * 1024))
export ISSUE_COMPOSER_MAX_FIELDS=10000000 ISSUE_COMPOSER_MAX_SECTIONS=10000000

"$here/synth.sh" 1340 > "$work/s190k.md"
"$here/synth.sh" 13400 > "$work/s1900k.md"
"$here/synth.sh" 134000 > "$work/s19m.md"
"$here/synth.sh" 100000 headings > "$work/h100k.md"

mean_ms() { # hyperfine mean of one command, in ms
    hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/h.json" "$@" >/dev/null 2>&1 ||
        { echo "refused"; return; }
    python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['results'][0]['mean']*1000, 1))" "$work/h.json"
}
rss_mib() {
    /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1 | awk '{ printf "%.1f", $1 / 1024 }' || true
}

echo "| what | input | time ms | peak RSS MiB |"
echo "|---|---|---:|---:|"
seed="$here/../templates/performance.md"
echo "| schema (seed) | performance.md $(stat -c %s "$seed") B | $(mean_ms "$bin schema $seed") | $(rss_mib "$bin" schema "$seed") |"
for f in s190k s1900k s19m; do
    size=$(stat -c %s "$work/$f.md")
    r=$runs; [ "$f" = s19m ] && runs=3
    echo "| render | $f $size B | $(mean_ms "$bin render $work/$f.md --allow-incomplete") | $(rss_mib "$bin" render "$work/$f.md" --allow-incomplete) |"
    echo "| schema | $f $size B | $(mean_ms "$bin schema $work/$f.md") | $(rss_mib "$bin" schema "$work/$f.md") |"
    runs=$r
done

echo
echo "| first frame (pty, 120x40) | ms to first output | ms to frame |"
echo "|---|---:|---:|"
probe() { # label, marker, command...
    local label=$1 marker=$2; shift 2
    local best=""
    for _ in 1 2 3 4 5; do
        python3 "$here/pty_probe.py" --marker "$marker" -- "$@"
    done | python3 -c "
import json,sys
rows=[json.loads(l) for l in sys.stdin]
f=sorted(r['first_output_ms'] for r in rows)[len(rows)//2]
m=sorted(r['frame_ms'] for r in rows)[len(rows)//2]
print(f'| $label | {f} | {m} |')"
}
probe "/bin/echo" "hi" /bin/echo hi
command -v gh >/dev/null && probe "gh issue create --help" "Usage" gh issue create --help
probe "form: performance.md" "fields filled" "$bin" --no-draft "$seed"
probe "form: 100k headings" "fields filled" "$bin" --no-draft "$work/h100k.md"

echo
echo "| idle form, 5 s, nobody typing | bytes written | wakeups (context switches, all threads) |"
echo "|---|---:|---:|"
python3 "$here/pty_probe.py" --marker "fields filled" --idle 5 -- "$bin" --no-draft "$seed" |
    python3 -c "import json,sys; r=json.loads(sys.stdin.read()); print(f\"| performance.md | {r['idle_bytes']} | {r['idle_wakeups']} |\")"
