//! `render::Body` (the body kept piece by piece, as the live preview uses it) against
//! the full render: on every built-in and corpus template, after each of a run of
//! random edits, the body brought up to date for the one field that changed is the
//! same text, byte for byte, as `render_with` gives for all the answers.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use std::path::Path;

mod common;

use issue_composer::discover::{self, BUILTINS, Source};
use issue_composer::form::{FieldKind, Selection, Value};
use issue_composer::render::{Body, FormsFormat, Options, render_with};
use issue_composer::{Answers, Template, parse};

/// A small deterministic generator (xorshift), so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap()
    }
}

/// Pieces of text that matter to rendering: line breaks, blank lines, fences, markdown,
/// hazards that are cleaned, spaces that are trimmed, HTML that `<pre>` escapes.
const BITS: &[&str] = &[
    "",
    "a",
    "word ",
    "x y",
    "\n",
    "\n\n",
    "  ",
    "\t",
    "```",
    "~~~",
    "- [ ] ",
    "# h",
    "**b**",
    "<b>&",
    "|",
    "é",
    "\u{202e}",
    "\r\n",
    "\u{1b}[1m",
    "1. ",
    "Other: ",
    " \n",
];

fn text(rng: &mut Rng) -> String {
    (0..rng.below(6))
        .map(|_| BITS[rng.below(BITS.len())])
        .collect()
}

/// A random value of the field's kind: empty, the default, or made of [`BITS`].
fn value(rng: &mut Rng, template: &Template, field: usize) -> Value {
    let f = &template.form.fields[field];
    if rng.below(5) == 0 {
        return f.default.clone();
    }
    match &f.kind {
        FieldKind::Text | FieldKind::TextArea | FieldKind::Code { .. } => Value::Text(text(rng)),
        FieldKind::List => Value::List((0..rng.below(4)).map(|_| text(rng)).collect()),
        FieldKind::Table(table) => Value::Table(
            table
                .rows()
                .iter()
                .map(|_| table.columns().iter().skip(1).map(|_| text(rng)).collect())
                .collect(),
        ),
        FieldKind::Choice { options, .. }
        | FieldKind::MultiChoice { options }
        | FieldKind::Checkboxes { options } => {
            let mut sel = Selection::empty(options.len());
            for i in 0..options.len() {
                sel.checked[i] = rng.below(2) == 0;
                sel.blanks[i] = text(rng);
            }
            if matches!(f.kind, FieldKind::Choice { .. }) {
                // One choice at most, as the widget gives.
                let keep = sel.checked.iter().position(|c| *c);
                sel.checked.fill(false);
                if let Some(i) = keep {
                    sel.checked[i] = true;
                }
            }
            sel.custom = text(rng);
            Value::Select(Box::new(sel))
        }
    }
}

/// Edits `edits` random fields one at a time and compares after each; returns the
/// number of comparisons made.
fn check(name: &str, template: &Template, options: Options, seed: u64, edits: usize) -> usize {
    let form = &template.form;
    let mut answers = Answers::new(form);
    let mut body = Body::new(template, &answers, options);
    assert_eq!(
        body.text(),
        render_with(template, &answers, options).body,
        "{name}: the first body"
    );
    if form.fields.is_empty() {
        return 1;
    }
    // Start filled, so that edits also empty fields that had answers.
    let (filled, _) = common::fill_with_tokens(form);
    for (i, v) in filled.values.into_iter().enumerate() {
        answers.set(form, i, v).unwrap();
        body.update(template, &answers, i);
    }
    let mut rng = Rng(seed);
    for step in 0..edits {
        let field = rng.below(form.fields.len());
        let new = value(&mut rng, template, field);
        answers.set(form, field, new.clone()).unwrap();
        let before = body.text().to_owned();
        let splices = body.update(template, &answers, field);
        let full = render_with(template, &answers, options).body;
        // One piece changed: the splice says which bytes of the text before were
        // replaced with which of the text after.
        if let [s] = splices[..] {
            let mut patched = before;
            patched.replace_range(s.at..s.at + s.removed, &full[s.at..s.at + s.inserted]);
            assert_eq!(patched, full, "{name}: the splice of edit {step}");
        }
        assert_eq!(
            body.text(),
            full,
            "{name}: after edit {step}, field {} set to {new:?}",
            form.fields[field].id
        );
    }
    edits + 1
}

fn both_formats(name: &str, template: &Template, seed: u64, edits: usize) -> usize {
    [FormsFormat::Current, FormsFormat::Legacy]
        .into_iter()
        .map(|forms| check(name, template, Options { forms }, seed, edits))
        .sum()
}

#[test]
fn the_body_kept_by_piece_is_the_full_render_on_every_builtin() {
    for (i, builtin) in BUILTINS.iter().enumerate() {
        let template = discover::load(&Source::Builtin(*builtin)).unwrap();
        let seed = 0x9e37_79b9_7f4a_7c15 ^ i as u64;
        assert_eq!(both_formats(builtin.stem, &template, seed, 300), 602);
    }
}

#[test]
fn the_body_kept_by_piece_is_the_full_render_on_every_corpus_template() {
    if std::env::var_os("ISSUE_COMPOSER_SKIP_CORPUS").is_some_and(|v| v == "1") {
        eprintln!("corpus sweep skipped: ISSUE_COMPOSER_SKIP_CORPUS=1");
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "tsv"))
        .collect();
    files.sort();
    let mut checked = 0;
    for (i, path) in files.iter().enumerate() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(path).unwrap();
        let Ok(template) = parse(&name, &bytes) else {
            continue;
        };
        checked += both_formats(&name, &template, 0x2545_f491_4f6c_dd1d ^ i as u64, 60);
    }
    // Most of the corpus parses; a sweep that compared nothing would prove nothing.
    assert!(checked > 100 * 2 * 61 / 2, "only {checked} comparisons");
}

#[test]
fn an_edit_changes_only_the_pieces_of_its_field() {
    let md = "# T\n\n### A\n\n<!-- a -->\n\n### B\n\n- **Effort:** \n";
    let template = parse("t.md", md.as_bytes()).unwrap();
    let form = &template.form;
    let mut answers = Answers::new(form);
    let mut body = Body::new(&template, &answers, Options::default());
    let a = form.field_index("a").unwrap();
    let effort = form.field_index("b/effort").unwrap();
    answers.set(form, a, Value::Text("first".into())).unwrap();
    answers
        .set(form, effort, Value::Text("4 h".into()))
        .unwrap();
    // Only `a` is brought up to date: the body shows `a`'s answer and not yet the effort.
    body.update(&template, &answers, a);
    let text = body.text().to_owned();
    assert!(text.contains("first\n"), "{text}");
    assert!(!text.contains("4 h"), "{text}");
    body.update(&template, &answers, effort);
    assert_eq!(
        body.text(),
        render_with(&template, &answers, Options::default()).body
    );
}

#[test]
fn the_body_kept_by_piece_is_the_full_render_on_tight_templates() {
    // No blank lines between blocks, comments between them, fields added at the ends of
    // sections: the joins where blank lines are made rather than copied.
    let templates = [
        "## A\ntext\n## B\n<!-- b -->\n## C\n- **X:**\n## D\n",
        "# T\n## A\n## B\n### C\nsome text\n",
        "## A\n<!-- a -->\n<!-- b -->\n## B\n\n\n## C\n[describe]\n## D\n```\n```\n",
        "Intro\n- [ ] tick\n## Only heading\n",
    ];
    for (i, md) in templates.iter().enumerate() {
        let template = parse("tight.md", md.as_bytes()).unwrap();
        assert_eq!(
            check(md, &template, Options::default(), 0x5eed ^ i as u64, 200),
            201
        );
    }
}
