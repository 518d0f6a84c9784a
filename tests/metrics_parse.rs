//! Each benchmark format read from fixtures written as the tools print them
//! (`tests/fixtures/metrics/`), odd cases included: sub-benchmarks with `/`, `-8`
//! suffixes, custom units, NaN, missing B/op, one-run hyperfine results, criterion's
//! folder with reports and saved baselines in it.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use issue_composer::metrics::units::Kind;
use issue_composer::metrics::{Format, Import, Measures, Metric, files};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/metrics")
        .join(rel)
}

fn read(rel: &str) -> Vec<Import> {
    files::read(&fixture(rel)).unwrap()
}

fn names(imports: &[Import]) -> Vec<&str> {
    imports
        .iter()
        .flat_map(|i| &i.benches)
        .map(|b| b.name.as_str())
        .collect()
}

/// A metric as the one number tables show, formatted in its own scale.
fn shown(m: &Measures, metric: Metric) -> Option<String> {
    m.value(metric).map(|(v, kind)| kind.format(v))
}

#[test]
fn go_bench_output_with_sub_benchmarks_custom_units_and_nan() {
    let imports = read("go/bench.txt");
    let import = &imports[0];
    assert_eq!(import.format, Format::GoBench);
    assert_eq!(
        import.cpu_model.as_deref(),
        Some("AMD Ryzen 7 5800X 8-Core Processor")
    );
    assert_eq!(
        names(&imports),
        [
            "BenchmarkCurrentImplementation-8",
            "BenchmarkCurrentImplementation/cached-8",
            "BenchmarkParse/size=1kB-8",
            "BenchmarkCacheHit-8",
        ]
    );
    let current = &import.benches[0].base;
    assert_eq!(shown(current, Metric::Time).as_deref(), Some("1.23 ms"));
    assert_eq!(shown(current, Metric::Memory).as_deref(), Some("96.5 KiB"));
    assert_eq!(
        shown(current, Metric::Allocs).as_deref(),
        Some("123 allocs")
    );
    assert_eq!(
        shown(current, Metric::Throughput).as_deref(),
        Some("810 ops/s")
    );
    // SetBytes: the benchmark's own rate wins over operations per second.
    let parse = &import.benches[2].base;
    assert_eq!(
        shown(parse, Metric::Throughput).as_deref(),
        Some("343 MB/s")
    );
    // A NaN custom metric and a custom ratio are read and do not disturb the rest.
    let hit = &import.benches[3].base;
    assert_eq!(shown(hit, Metric::Time).as_deref(), Some("1.05 µs"));
    assert_eq!(shown(hit, Metric::Memory).as_deref(), Some("0 B"));
    // The raw output is the file, without trailing spaces.
    assert!(import.raw.starts_with("goos: linux\n"));
    assert!(
        import
            .raw
            .contains("\ncpu: AMD Ryzen 7 5800X 8-Core Processor\n")
    );
    assert!(
        import
            .raw
            .ends_with("ok  \tgithub.com/acme/apiclient\t6.512s")
    );
}

#[test]
fn go_bench_with_count_and_without_benchmem() {
    let imports = read("go/count.txt");
    assert_eq!(
        names(&imports),
        ["BenchmarkGet/small-10", "BenchmarkPut-10"]
    );
    let get = &imports[0].benches[0].base;
    let time = get.time.unwrap();
    assert_eq!(Kind::Time.format(time.mean), "126 ns");
    assert_eq!(Kind::Time.format(time.min.unwrap()), "125 ns");
    assert_eq!(Kind::Time.format(time.max.unwrap()), "127 ns");
    assert_eq!(get.memory, None);
    assert_eq!(get.allocs, None);
    // A custom rate keeps its own unit.
    let put = &imports[0].benches[1].base;
    assert_eq!(
        shown(put, Metric::Throughput).as_deref(),
        Some("12.4 Mkeys/s")
    );
}

#[test]
fn hyperfine_json_with_memory_and_a_single_run() {
    let imports = read("hyperfine/results.json");
    assert_eq!(imports[0].format, Format::Hyperfine);
    assert_eq!(
        names(&imports),
        [
            "./search --index big.idx 'needle'",
            "grep -r 'needle' corpus/"
        ]
    );
    let search = &imports[0].benches[0].base;
    assert_eq!(shown(search, Metric::Time).as_deref(), Some("42.1 ms"));
    assert_eq!(shown(search, Metric::Memory).as_deref(), Some("46.6 MiB"));
    assert!(search.memory.unwrap().peak);
    assert_eq!(shown(search, Metric::Cpu).as_deref(), Some("98.3%"));
    assert_eq!(shown(search, Metric::Allocs), None);

    let single = read("hyperfine/single.json");
    let build = &single[0].benches[0].base;
    let time = build.time.unwrap();
    assert_eq!(time.stddev, None);
    assert_eq!(build.memory, None);
    assert_eq!(
        single[0].raw,
        "Benchmark 1: make build\n  Time (mean ± σ):     8.51 s    [User: 25.1 s, System: 2.99 s]\n  Range (min … max):   8.51 s … 8.51 s    1 run"
    );
}

#[test]
fn criterion_folder_is_walked_for_new_estimates() {
    let imports = read("criterion/target/criterion");
    assert!(imports.iter().all(|i| i.format == Format::Criterion));
    // Sorted by path; `base/` (a saved baseline) and reports are not results.
    assert_eq!(names(&imports), ["fib 20", "parse/large", "parse/small"]);
    let small = &imports[2].benches[0].base;
    assert_eq!(shown(small, Metric::Time).as_deref(), Some("1.19 µs"));
    // Throughput from benchmark.json's `Bytes`.
    assert_eq!(
        shown(small, Metric::Throughput).as_deref(),
        Some("3.43 GB/s")
    );
    assert_eq!(
        imports[2].raw,
        "parse/small             time:   [1.19 µs 1.19 µs 1.2 µs]"
    );
}

#[test]
fn criterion_estimates_file_alone() {
    let imports = read("criterion/target/criterion/fib 20/new/estimates.json");
    assert_eq!(names(&imports), ["fib 20"]);
    let fib = &imports[0].benches[0].base;
    assert_eq!(
        Kind::Time.format(fib.time.unwrap().stddev.unwrap()),
        "1.21 µs"
    );
    assert_eq!(
        shown(fib, Metric::Throughput).as_deref(),
        Some("38.1k ops/s")
    );
}

/// Both benchstat layouts say the same about the same runs.
fn check_benchstat(imports: &[Import]) {
    assert_eq!(imports[0].format, Format::Benchstat);
    assert_eq!(
        names(imports),
        ["CurrentImplementation-8", "Parse/size=1kB-8", "CacheHit-8"]
    );
    let current = &imports[0].benches[0];
    let after = current.after.as_ref().unwrap();
    assert_eq!(
        shown(&current.base, Metric::Allocs).as_deref(),
        Some("123 allocs")
    );
    assert_eq!(shown(after, Metric::Allocs).as_deref(), Some("12 allocs"));
    assert_eq!(current.base.time.unwrap().pct, Some(2.0));
    assert!(current.unchanged.is_empty());
    let parse = &imports[0].benches[1];
    assert!(parse.base.rate.is_some());
    assert_eq!(parse.unchanged, [Metric::Memory, Metric::Allocs]);
    let cache = &imports[0].benches[2];
    assert_eq!(
        cache.unchanged,
        [Metric::Time, Metric::Memory, Metric::Allocs]
    );
}

#[test]
fn benchstat_classic_layout() {
    let imports = read("benchstat/classic.txt");
    check_benchstat(&imports);
    let current = &imports[0].benches[0];
    assert_eq!(
        shown(&current.base, Metric::Time).as_deref(),
        Some("1.23 ms")
    );
    let after = current.after.as_ref().unwrap();
    assert_eq!(shown(after, Metric::Time).as_deref(), Some("760 µs"));
    assert_eq!(
        shown(&current.base, Metric::Memory).as_deref(),
        Some("96.5 KiB")
    );
    // `±14%` without a space.
    let cache = &imports[0].benches[2];
    assert_eq!(cache.after.as_ref().unwrap().time.unwrap().pct, Some(14.0));
}

#[test]
fn benchstat_boxed_layout() {
    let imports = read("benchstat/boxed.txt");
    check_benchstat(&imports);
    let current = &imports[0].benches[0];
    assert_eq!(
        shown(&current.base, Metric::Time).as_deref(),
        Some("1.24 ms")
    );
    let after = current.after.as_ref().unwrap();
    assert_eq!(shown(after, Metric::Time).as_deref(), Some("762 µs"));
    assert_eq!(
        shown(&current.base, Metric::Memory).as_deref(),
        Some("96.5 KiB")
    );
    assert_eq!(
        imports[0].cpu_model.as_deref(),
        Some("AMD Ryzen 7 5800X 8-Core Processor")
    );
}

#[test]
fn other_text_is_an_error_naming_the_file_and_the_formats() {
    let path = fixture("not-metrics.txt");
    let err = format!("{:#}", files::read(&path).unwrap_err());
    assert_eq!(
        err,
        format!(
            "{}: not benchmark results in a format issue-composer reads (tried Go benchmark \
             output (go test -bench), hyperfine --export-json, criterion estimates.json, \
             benchstat text)",
            path.display()
        )
    );
    let missing = fixture("missing.txt");
    let err = format!("{:#}", files::read(&missing).unwrap_err());
    assert!(err.starts_with("cannot read metrics file "), "{err}");
    let empty = fixture("go");
    let err = format!("{:#}", files::read(&empty).unwrap_err());
    assert!(
        err.ends_with("no criterion results in it (looked for */new/estimates.json)"),
        "{err}"
    );
}

/// `--metrics /dev/zero` read gigabytes; a FIFO blocked. Only a regular file of at most
/// 16 MiB is read, and the refusal names the limit.
#[cfg(unix)]
#[test]
fn a_results_file_that_is_a_device_or_too_large_is_refused_with_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let err = format!("{:#}", files::read(Path::new("/dev/zero")).unwrap_err());
    assert_eq!(
        err,
        "cannot read metrics file /dev/zero: it is a character device, not a regular file"
    );
    let fifo = dir.path().join("bench.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.unwrap().success());
    let err = format!("{:#}", files::read(&fifo).unwrap_err());
    assert_eq!(
        err,
        format!(
            "cannot read metrics file {}: it is a FIFO, not a regular file",
            fifo.display()
        )
    );
    let big = dir.path().join("bench.txt");
    let line = "BenchmarkX-8  1000  1234 ns/op\n";
    let text = line.repeat(files::MAX_FILE_SIZE / line.len() + 1);
    std::fs::write(&big, text).unwrap();
    let err = format!("{:#}", files::read(&big).unwrap_err());
    assert_eq!(
        err,
        format!(
            "cannot read metrics file {}: it is larger than 16 MiB, the limit for metrics files",
            big.display()
        )
    );
}
