//! Speed of the core: reading each built-in template into a form (the list is the
//! program's own, `discover::BUILTINS`), and rendering `performance` with the worked
//! example's answers.

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

criterion_group!(benches, parse_builtins, render_seed);
criterion_main!(benches);
