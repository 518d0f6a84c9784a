#!/usr/bin/env bash
# Fuzzes the parsers with cargo-fuzz (libFuzzer + AddressSanitizer): each target for
# SECS seconds (default 600), one after another, never in parallel.
#
#   cargo install cargo-fuzz          # once; the targets need a nightly toolchain
#   scripts/fuzz.sh [SECS] [TARGET...] # targets: markdown issue_form front_matter answers config
#
# Without nightly, `RUSTC_BOOTSTRAP=1 cargo fuzz ...` builds on stable, or
# `cargo fuzz build -s none` builds without a sanitizer. The corpus grows in
# fuzz/corpus/TARGET (seeded from the built-in templates and ../shared/corpus); crashes
# land in fuzz/artifacts/TARGET, replay with `cargo +nightly fuzz run TARGET FILE`, and
# each becomes a regression test in tests/hostile.rs. Not run in CI.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(markdown issue_form front_matter answers config)
toolchain=+nightly
rustup run nightly true 2>/dev/null || { toolchain=; export RUSTC_BOOTSTRAP=1; }

seed() {
    local dir=corpus/$1
    mkdir -p "$dir"
    case $1 in
        markdown) cp ../templates/*.md "$dir"/; cp ../../shared/corpus/*.md "$dir"/ 2>/dev/null || true ;;
        issue_form) cp ../../shared/corpus/*.yml "$dir"/ 2>/dev/null || true ;;
        front_matter) printf 'name: Bug\nabout: x\nlabels: [bug, "a b"]\nassignees: me\ntitle: "[BUG] "\n' > "$dir/seed" ;;
        answers) printf 'title: t\nlabels: [a]\nfields:\n  performance-issue: slow\n  priority: High\n  suspected-causes: [Database queries]\n' > "$dir/seed"
                 printf '{"fields": {"current-metrics/response-time": "850 ms"}}' > "$dir/seed.json" ;;
        config) printf '[export]\nfolder = "~/issues"\nforms_format = "legacy"\n[theme]\nname = "plain"\n[keys]\nquit = "ctrl-q"\n' > "$dir/seed" ;;
    esac
}

# FUZZ_NO_BUILD=1: run the targets as last built.
[ -n "${FUZZ_NO_BUILD:-}" ] || cargo $toolchain fuzz build -O
bin=target/x86_64-unknown-linux-gnu/release
for t in "${targets[@]}"; do
    seed "$t"
    mkdir -p "artifacts/$t"
    echo "== $t for ${secs}s"
    "$bin/$t" "corpus/$t" -artifact_prefix="artifacts/$t/" -max_total_time="$secs" \
        -max_len=16384 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 2>&1 | tail -n 25
done
