//! Speed of the core: reading each seed template into a form, and rendering it with the
//! worked example's answers.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use issue_composer::form::AnswersFile;
use issue_composer::{Answers, parse, render};

const SEEDS: [(&str, &str); 2] = [
    ("performance", include_str!("../templates/performance.md")),
    (
        "go-performance",
        include_str!("../templates/go-performance.md"),
    ),
];

fn parse_seeds(c: &mut Criterion) {
    for (name, text) in SEEDS {
        c.bench_function(&format!("parse_{name}"), |b| {
            b.iter(|| parse(black_box("t.md"), black_box(text.as_bytes())).expect("parses"));
        });
    }
}

fn render_seed(c: &mut Criterion) {
    let template = parse("performance.md", SEEDS[0].1.as_bytes()).expect("parses");
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

criterion_group!(benches, parse_seeds, render_seed);
criterion_main!(benches);
