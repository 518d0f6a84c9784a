//! Speed of the core: reading each built-in template into a form (the list is the
//! program's own, `discover::BUILTINS`), rendering `performance` with the worked
//! example's answers, and parse, render and schema of the 1.9 MiB synthetic template
//! (`scripts/synth.sh 13400`) and of 100,000 bare headings (`scripts/synth.sh 100000
//! headings`).

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use issue_composer::discover::BUILTINS;
use issue_composer::form::AnswersFile;
use issue_composer::{Answers, parse, render};

fn parse_builtins(c: &mut Criterion) {
    for builtin in BUILTINS {
        c.bench_function(&format!("parse_{}", builtin.stem), |b| {
            b.iter(|| {
                parse(black_box(builtin.file), black_box(builtin.text.as_bytes())).expect("parses")
            });
        });
    }
}

fn render_seed(c: &mut Criterion) {
    let performance = BUILTINS
        .iter()
        .find(|b| b.stem == "performance")
        .expect("a built-in performance template");
    let template = parse(performance.file, performance.text.as_bytes()).expect("parses");
    let file = AnswersFile::parse(
        "fields:\n  performance-issue: slow\n  current-metrics/response-time: 850 ms\n  affected-components: [a.rs, b.rs]\n  suspected-causes: [Database queries]\n  priority: High\n",
        "a.yaml",
    )
    .expect("answers");
    let mut answers = Answers::new(&template.form);
    file.apply(&template.form, &mut answers).expect("applies");
    c.bench_function("render_performance_answered", |b| {
        b.iter(|| render(black_box(&template), black_box(&answers)));
    });
}

/// What `scripts/synth.sh n` writes: n sections of a heading, a comment, a
/// `- **Metric:**` field, a checkbox and a 2x2 table (148 bytes each); with `headings`,
/// n bare headings instead.
fn synth(n: usize, headings: bool) -> String {
    let mut out = String::from("---\nname: Synthetic\nabout: repeated sections\n---\n\n");
    for i in 0..n {
        if headings {
            let _ = write!(out, "## Heading {i}\n\n");
        } else {
            let _ = write!(
                out,
                "## Section {i}\n\n<!-- Describe part {i} -->\n\n- **Metric:** \n- [ ] Checked {i}\n\n| Name | Value |\n|------|-------|\n| a    |       |\n| b    |       |\n\n"
            );
        }
    }
    out
}

fn synthetic(c: &mut Criterion) {
    let sections = synth(13_400, false);
    let headings = synth(100_000, true);
    let mut group = c.benchmark_group("synthetic");
    group.sample_size(10);
    for (name, text) in [("s1900k", &sections), ("h100k", &headings)] {
        // The floor under `parse`: pulldown-cmark alone walking the same text with the
        // options the block reader uses, doing nothing with the events.
        group.bench_function(format!("pulldown_only_{name}"), |b| {
            use pulldown_cmark::{Options, Parser};
            let options =
                Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
            b.iter(|| {
                Parser::new_ext(black_box(text), options)
                    .into_offset_iter()
                    .count()
            });
        });
        group.bench_function(format!("parse_{name}"), |b| {
            b.iter(|| parse(black_box("s.md"), black_box(text.as_bytes())).expect("parses"));
        });
        let template = parse("s.md", text.as_bytes()).expect("parses");
        let answers = Answers::new(&template.form);
        group.bench_function(format!("render_{name}"), |b| {
            b.iter(|| render(black_box(&template), black_box(&answers)));
        });
        group.bench_function(format!("schema_{name}"), |b| {
            b.iter(|| {
                issue_composer::form::schema::write_pretty(
                    black_box(&template.form),
                    std::io::sink(),
                )
                .expect("writes");
            });
        });
    }
    group.finish();
}

criterion_group!(benches, parse_builtins, render_seed, synthetic);
criterion_main!(benches);
