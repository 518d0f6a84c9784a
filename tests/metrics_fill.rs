//! Benchmark results filling the seed templates (`performance`, `go-performance`) and a
//! comparison template with a Change column: the rendered markdown, exactly. Also what
//! the user gave is kept, and the command line as a real process.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

mod support;
use support::{bin, write};

use std::path::{Path, PathBuf};

use clap::Parser as _;
use issue_composer::cli::Cli;
use issue_composer::discover;
use issue_composer::form::AnswersFile;
use issue_composer::metrics::{self, files::Paths};
use issue_composer::{Answers, Form, Template, render};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/metrics")
        .join(rel)
}

fn form(template: &str) -> Form {
    load(template).form
}

fn load(template: &str) -> Template {
    let name = if template.contains('.') {
        fixture(template).display().to_string()
    } else {
        template.to_owned()
    };
    discover::load(&discover::resolve(&name).unwrap()).unwrap()
}

fn paths(baseline: &[&str], actual: &[&str], bench: Option<&str>) -> Paths {
    Paths {
        baseline: baseline.iter().map(|p| fixture(p)).collect(),
        actual: actual.iter().map(|p| fixture(p)).collect(),
        bench: bench.map(str::to_owned),
        actual_flag: "",
    }
}

/// The body of `template` filled from the results, from `answers` (or the defaults),
/// and the notes.
fn filled(template: &str, paths: &Paths, answers: Option<&str>) -> (String, Vec<String>) {
    let template = load(template);
    let form = &template.form;
    let mut values = Answers::new(form);
    if let Some(yaml) = answers {
        AnswersFile::parse(yaml, "a.yaml")
            .unwrap()
            .apply(form, &mut values)
            .unwrap();
    }
    let inputs = metrics::files::inputs(paths).unwrap();
    let report = metrics::fill(form, &mut values, &inputs).unwrap();
    (render(&template, &values).body, report.notes)
}

/// From a heading line to the next heading.
fn section<'a>(body: &'a str, heading: &str) -> &'a str {
    let start = body.find(&format!("{heading}\n")).unwrap();
    let rest = &body[start + heading.len()..];
    let end = rest
        .find("\n#")
        .map_or(body.len(), |e| start + heading.len() + e);
    &body[start..end]
}

const GO_TABLE: &str = "## Performance Targets

| Metric | Baseline | Target | Actual |
|--------|----------|--------|--------|
| Throughput | 810 ops/s | | |
| Latency | 1.23 ms | | |
| Memory | 96.5 KiB | | |
| Allocations | 123 allocs | | |
";

#[test]
fn go_bench_fills_the_baseline_column_and_the_baseline_code_block() {
    let (body, notes) = filled("go-performance", &paths(&["go/bench.txt"], &[], None), None);
    assert_eq!(section(&body, "## Performance Targets"), GO_TABLE);
    let raw = std::fs::read_to_string(fixture("go/bench.txt")).unwrap();
    let raw: Vec<&str> = raw.lines().map(str::trim_end).collect();
    assert_eq!(
        section(&body, "### Benchmark Results (Baseline)"),
        format!(
            "### Benchmark Results (Baseline)\n```\n{}\n```\n",
            raw.join("\n")
        )
    );
    // The benchmark's source code block is not output: it keeps the template's code.
    assert!(body.contains("func BenchmarkOptimized(b *testing.B) {"));
    assert_eq!(
        notes,
        [
            "--metrics: used `BenchmarkCurrentImplementation-8`; the results also hold \
          `BenchmarkCurrentImplementation/cached-8`, `BenchmarkParse/size=1kB-8`, \
          `BenchmarkCacheHit-8` (pick one with --metrics-bench NAME)"
        ]
    );
}

#[test]
fn actual_results_fill_the_actual_column() {
    let (body, _) = filled(
        "go-performance",
        &paths(
            &["go/bench.txt"],
            &["go/after.txt"],
            Some("CurrentImplementation"),
        ),
        None,
    );
    assert_eq!(
        section(&body, "## Performance Targets"),
        "## Performance Targets

| Metric | Baseline | Target | Actual |
|--------|----------|--------|--------|
| Throughput | 810 ops/s | | 1312 ops/s |
| Latency | 1.23 ms | | 0.762 ms |
| Memory | 96.5 KiB | | 12 KiB |
| Allocations | 123 allocs | | 12 allocs |
"
    );
    // Actual results alone leave the baseline, and its code block, as they were.
    let (body, _) = filled("go-performance", &paths(&[], &["go/after.txt"], None), None);
    assert!(body.contains("| Latency | | | 762 µs |"), "{body}");
    assert!(body.contains("```\nBenchmarkCurrentImplementation-8    1000    1234567 ns/op"));
}

const TARGETS_UNTOUCHED: &str = "## Target Metrics

- **Response time:**
- **Throughput:**
- **Memory usage:**
- **CPU usage:**
- **Error rate:**
";

#[test]
fn hyperfine_fills_the_current_metrics_of_performance() {
    let (body, notes) = filled(
        "performance",
        &paths(&["hyperfine/results.json"], &[], None),
        None,
    );
    assert_eq!(
        section(&body, "## Current Metrics"),
        "## Current Metrics

- **Response time:** 42.1 ms ± 1.24 ms (min 40.5 ms, max 45.2 ms)
- **Throughput:** 23.7 ops/s
- **Memory usage:** 46.6 MiB peak
- **CPU usage:** 98.3% (user 34.1 ms, system 7.35 ms per run)
- **Error rate:**
"
    );
    assert_eq!(section(&body, "## Target Metrics"), TARGETS_UNTOUCHED);
    assert_eq!(notes.len(), 1);
    assert!(notes[0].contains("also hold `grep -r 'needle' corpus/`"));
}

#[test]
fn criterion_fills_the_current_metrics_of_performance() {
    let (body, notes) = filled(
        "performance",
        &paths(&["criterion/target/criterion"], &[], Some("parse/small")),
        None,
    );
    assert_eq!(
        section(&body, "## Current Metrics"),
        "## Current Metrics

- **Response time:** 1.19 µs ± 0.0369 µs
- **Throughput:** 3.43 GB/s
- **Memory usage:**
- **CPU usage:**
- **Error rate:**
"
    );
    assert_eq!(section(&body, "## Target Metrics"), TARGETS_UNTOUCHED);
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn two_results_give_the_change() {
    let (body, _) = filled(
        "compare.md",
        &paths(
            &["go/bench.txt"],
            &["go/after.txt"],
            Some("CurrentImplementation"),
        ),
        None,
    );
    assert_eq!(
        section(&body, "## Results"),
        "## Results

| Metric | Before | After | Change |
|--------|--------|-------|--------|
| Latency | 1.23 ms | 0.762 ms | -38.2% |
| Throughput | 810 ops/s | 1312 ops/s | +61.9% |
| Memory | 96.5 KiB | 12 KiB | -87.6% |
| Allocations | 123 allocs | 12 allocs | -90.2% |
"
    );
    assert!(body.contains("### Benchmark output (after)\n\n```\ngoos: linux\n"));
    assert!(body.contains("BenchmarkCurrentImplementation-8        \t    1582\t"));
}

#[test]
fn benchstat_alone_gives_both_sides_and_its_no_change() {
    let (body, _) = filled(
        "compare.md",
        &paths(&["benchstat/boxed.txt"], &[], Some("CacheHit")),
        None,
    );
    assert_eq!(
        section(&body, "## Results"),
        "## Results

| Metric | Before | After | Change |
|--------|--------|-------|--------|
| Latency | 1.05 µs | 1 µs | ~ |
| Throughput | 956k ops/s | 998k ops/s | ~ |
| Memory | 0 B | 0 B | ~ |
| Allocations | 0 allocs | 0 allocs | ~ |
"
    );
    let (body, _) = filled(
        "compare.md",
        &paths(&["benchstat/classic.txt"], &[], None),
        None,
    );
    assert!(
        body.contains("| Latency | 1.23 ms | 0.76 ms | -38.2% |"),
        "{body}"
    );
}

#[test]
fn what_the_user_gave_is_kept() {
    let given = "fields:\n  current-metrics/response-time: 850 ms p95\n";
    let (body, _) = filled(
        "performance",
        &paths(&["hyperfine/results.json"], &[], None),
        Some(given),
    );
    assert!(body.contains("- **Response time:** 850 ms p95\n- **Throughput:** 23.7 ops/s\n"));
    let given = "fields:\n  performance-targets:\n    Latency: {Baseline: 900 ms}\n";
    let (body, _) = filled(
        "go-performance",
        &paths(&["go/bench.txt"], &[], None),
        Some(given),
    );
    assert!(body.contains("| Throughput | 810 ops/s | | |\n| Latency | 900 ms | | |\n"));
}

#[test]
fn the_form_opens_prefilled() {
    let form = form("performance");
    let initial = AnswersFile::parse(
        "fields:\n  current-metrics/throughput: 120 req/s\n",
        "a.yaml",
    )
    .unwrap();
    let file = metrics::files::prefill(
        &form,
        Some(initial),
        &paths(&["hyperfine/single.json"], &[], None),
    )
    .unwrap()
    .unwrap();
    assert_eq!(file.fields["current-metrics/throughput"], "120 req/s");
    assert_eq!(file.fields["current-metrics/response-time"], "8.51 s");
    assert!(!file.fields.contains_key("target-metrics/response-time"));
    // Without metrics the answers file is what it was.
    assert_eq!(
        metrics::files::prefill(&form, None, &Paths::default()).unwrap(),
        None
    );
}

#[test]
fn the_form_takes_the_metrics_flags() {
    let cli = Cli::try_parse_from([
        "issue-composer",
        "go-performance",
        "--metrics",
        "a.txt",
        "--metrics-as",
        "actual",
        "--metrics-actual",
        "b.txt",
        "--metrics-bench",
        "Encode",
    ])
    .unwrap();
    let paths = cli.tui.metrics.paths();
    assert!(paths.baseline.is_empty());
    assert_eq!(
        paths.actual,
        [PathBuf::from("a.txt"), PathBuf::from("b.txt")]
    );
    assert_eq!(paths.bench.as_deref(), Some("Encode"));
}

#[test]
fn render_with_go_bench_output() {
    let out = bin()
        .args(["render", "go-performance", "--metrics"])
        .arg(fixture("go/bench.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let body = String::from_utf8(out.stdout).unwrap();
    assert_eq!(section(&body, "## Performance Targets"), GO_TABLE);
    assert!(body.contains("### Benchmark Results (Baseline)\n```\ngoos: linux\n"));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("issue-composer: --metrics: used `BenchmarkCurrentImplementation-8`;"));
}

#[test]
fn render_refuses_what_it_cannot_read() {
    let out = bin()
        .args(["render", "performance", "--metrics"])
        .arg(fixture("not-metrics.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("not-metrics.txt: not benchmark results"),
        "{err}"
    );
    let out = bin()
        .args([
            "render",
            "performance",
            "--metrics-bench",
            "nope",
            "--metrics",
        ])
        .arg(fixture("go/count.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "no benchmark matches `nope`; benchmarks: `BenchmarkGet/small-10`, `BenchmarkPut-10`"
        ),
        "{err}"
    );
}

#[test]
fn the_form_app_starts_from_the_prefilled_answers() {
    use issue_composer::tui::app::{App, Config};
    let source = discover::resolve("go-performance").unwrap();
    let template = discover::load(&source).unwrap();
    let file = metrics::files::prefill(&template.form, None, &paths(&["go/bench.txt"], &[], None))
        .unwrap()
        .unwrap();
    let config = Config {
        plan: issue_composer::export::Plan::default(),
        drafts: false,
        theme: issue_composer::tui::theme::Theme::plain(),
        ..Config::default()
    };
    let mut app = App::with_form(
        config,
        template,
        source,
        issue_composer::draft::Loaded::Nothing,
        (120, 40),
    );
    app.start_from(&file);
    let state = app.form().unwrap();
    let body = render(state.template(), state.answers()).body;
    assert_eq!(section(&body, "## Performance Targets"), GO_TABLE);
    assert!(body.contains("### Benchmark Results (Baseline)\n```\ngoos: linux\n"));
}

/// `render performance --metrics FILE` in a scratch folder: the body and standard error.
fn render_with(results: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "bench.txt", results);
    let out = bin()
        .args(["render", "performance", "--metrics", &file])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Negative, not-a-number and absurdly large values are no measurement: refused, each
/// named with its benchmark and unit, and nothing filled with them.
#[test]
fn odd_values_are_refused_with_the_benchmark_and_unit() {
    let (body, err) = render_with("BenchmarkX-8 10 -5 ns/op 1e308 B/op\n");
    assert!(
        body.contains("- **Response time:**\n- **Throughput:**\n- **Memory usage:**\n"),
        "{body}"
    );
    assert_eq!(
        err,
        "issue-composer: BenchmarkX-8: refused -5 ns/op (negative)\n\
         issue-composer: BenchmarkX-8: refused 1e308 B/op (too large to be a measurement)\n\
         issue-composer: BenchmarkX-8: no time (ns/op), rate (…/s), memory (B/op) or \
         allocations (allocs/op) left to fill with\n\
         issue-composer: the metrics filled nothing: the benchmark has no value to fill a field with\n"
    );
    let long = "9".repeat(5000);
    let (_, err) = render_with(&format!(
        "BenchmarkX-8 10 {long} ns/op 12 B/op\nBenchmarkX-8 10 NaN ns/op 12 B/op\n"
    ));
    assert_eq!(
        err,
        format!(
            "issue-composer: BenchmarkX-8: refused {}… (4976 more characters) ns/op (too large to be a measurement)\n\
             issue-composer: BenchmarkX-8: refused NaN ns/op (not a number)\n",
            "9".repeat(24)
        )
    );
    // Only units that fill nothing: said, and why nothing was filled.
    let (_, err) = render_with("BenchmarkX-8 10 5.00 widgets/op 1.5 sec/op\n");
    assert_eq!(
        err,
        "issue-composer: BenchmarkX-8: no time (ns/op), rate (…/s), memory (B/op) or \
         allocations (allocs/op) to fill with; it reports only `widgets/op`, `sec/op`\n\
         issue-composer: the metrics filled nothing: the benchmark has no value to fill a field with\n"
    );
}

/// `--metrics FILE --metrics-as actual`: notes name `--metrics`, the flag typed, and a
/// comparison fills only the Actual column (its "after").
#[test]
fn metrics_as_actual_names_its_flag_and_fills_only_actual() {
    let out = bin()
        .arg("render")
        .arg(fixture("compare.md"))
        .args(["--metrics-as", "actual", "--metrics"])
        .arg(fixture("benchstat/classic.txt"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let body = String::from_utf8(out.stdout).unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("issue-composer: --metrics: used `CurrentImplementation-8`;"),
        "{err}"
    );
    assert_eq!(
        section(&body, "## Results"),
        "## Results

| Metric | Before | After | Change |
|--------|--------|-------|--------|
| Latency | | 760 µs | |
| Throughput | | 1.32k ops/s | |
| Memory | | 12 KiB | |
| Allocations | | 12 allocs | |
"
    );
    assert_eq!(
        section(&body, "### Benchmark output (before)"),
        "### Benchmark output (before)\n"
    );
    assert!(section(&body, "### Benchmark output (after)").contains("CurrentImplementation-8"));
}
