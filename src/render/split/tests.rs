//! Cut anywhere a cut may fall, a body renders on two threads as it does on one.

use super::{Panicked, body_cut_at, cut};
use crate::form::{Answers, FieldKind, Value};
use crate::template::layout::Markdown;
use crate::template::synth::synthetic_with;
use crate::template::{Layout, Piece, Template};

/// Whether `ISSUE_COMPOSER_SKIP_CORPUS=1` leaves the corpus out.
fn corpus_skipped() -> bool {
    std::env::var_os("ISSUE_COMPOSER_SKIP_CORPUS").is_some_and(|v| v == "1")
}

/// The built-in and corpus markdown templates (the corpus read where it is, never
/// copied), by name.
fn templates() -> Vec<(String, Vec<u8>)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("templates")];
    if !corpus_skipped() {
        dirs.push(root.join("../shared/corpus"));
    }
    let mut files = Vec::new();
    for dir in dirs {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "md")
                && let Ok(bytes) = std::fs::read(&path)
            {
                files.push((path.display().to_string(), bytes));
            }
        }
    }
    files.sort();
    files
}

/// `n` sections of `template::synth`, with an added field's heading and a comment line
/// between some of them.
fn synthetic(n: usize) -> String {
    synthetic_with(n, |i, out| {
        if i % 7 == 3 {
            out.push_str("### Notes\n\nText\n<!-- a comment line -->\nmore text\n\n\n");
        }
    })
}

/// The answers left at their defaults, and every text field answered (some with
/// text of several lines, some blank, so fields render, vanish and leave removals).
fn answer_sets(template: &Template) -> [Answers; 2] {
    let form = &template.form;
    let mut filled = Answers::new(form);
    for (i, field) in form.fields.iter().enumerate() {
        if matches!(
            field.kind,
            FieldKind::Text | FieldKind::TextArea | FieldKind::Code { .. }
        ) {
            let text = match i % 3 {
                0 => String::new(),
                1 => format!("answer {i}"),
                _ => format!("line one of {i}\n\nline two\n"),
            };
            filled.values[i] = Value::Text(text);
        }
    }
    [Answers::new(form), filled]
}

fn layout(template: &Template) -> Option<&Markdown> {
    match &template.layout {
        Layout::Markdown(layout) => Some(layout),
        Layout::Form(_) => None,
    }
}

/// Every place a cut may fall in `layout`: after each piece of text but the last piece.
fn cuts(layout: &Markdown) -> Vec<usize> {
    let pieces = layout.pieces();
    (1..pieces.len())
        .filter(|&at| matches!(pieces[at - 1], Piece::Text(_)))
        .collect()
}

/// Renders `template` cut at every place a cut may fall, with both answer sets, and
/// compares each with the body rendered on one thread; how many cuts were tried.
fn same_at_every_cut(what: &str, template: &Template) -> usize {
    let Some(layout) = layout(template) else {
        return 0;
    };
    let form = &template.form;
    let mut tried = 0;
    for answers in answer_sets(template) {
        let one = super::super::markdown_body(form, &answers, layout);
        let none = body_cut_at(form, &answers, layout, "old".to_owned(), (None, 1), || 1);
        assert_eq!(none, Ok((one.clone(), 1)), "{what}: uncut");
        for at in cuts(layout) {
            // The second part in one run, and in runs of a few pieces.
            for run in [super::RUN, 3] {
                let two = body_cut_at(form, &answers, layout, String::new(), (Some(at), run), || 2);
                assert!(
                    two == Ok((one.clone(), 2)),
                    "{what}: cut at piece {at}, runs of {run}"
                );
            }
            tried += 1;
        }
    }
    tried
}

#[test]
fn every_builtin_and_corpus_template_renders_the_same_cut_anywhere() {
    let files = templates();
    let least = if corpus_skipped() { 5 } else { 50 };
    assert!(files.len() >= least, "templates found: {}", files.len());
    let mut tried = 0;
    for (name, bytes) in &files {
        if let Ok(template) = crate::template::parse(name, bytes) {
            tried += same_at_every_cut(name, &template);
        }
    }
    assert!(tried >= least * 10, "cuts tried: {tried}");
}

#[test]
fn a_synthetic_template_renders_the_same_cut_anywhere() {
    let text = synthetic(200);
    let template = crate::template::parse("synthetic.md", text.as_bytes()).expect("parses");
    let tried = same_at_every_cut("synthetic", &template);
    assert!(tried > 400, "cuts tried: {tried}");
}

/// Large enough to be cut by itself: the same body, and the spare memory used.
#[test]
fn a_large_body_is_cut_and_renders_the_same() {
    let text = synthetic(2_000);
    let template = crate::template::parse_within(
        "large.md",
        text.as_bytes(),
        &crate::template::Limits {
            sections: usize::MAX,
            fields: usize::MAX,
            ..crate::template::Limits::default()
        },
    )
    .expect("parses");
    let layout = layout(&template).expect("markdown");
    assert!(layout.pieces().len() >= super::SPLIT_FROM);
    for answers in answer_sets(&template) {
        let serial = crate::render::render(&template, &answers);
        let spare = Vec::with_capacity(text.len());
        let kept = spare.as_ptr();
        let (once, beside) = crate::render::render_once(
            &template,
            &answers,
            crate::render::Options::default(),
            spare,
            || std::thread::current().name().map(str::to_owned),
        )
        .expect("no panic");
        assert_eq!(once, serial);
        assert_eq!(
            beside.as_deref(),
            Some("render-body"),
            "made on the second thread"
        );
        assert_eq!(once.body.as_ptr(), kept, "the spare memory holds the body");
    }
}

#[test]
fn a_cut_follows_text_near_where_it_is_asked_for() {
    use crate::template::layout::LineAt;
    let (text, blank) = (Piece::Text(LineAt(0)), Piece::Blank(LineAt(0)));
    let pieces = [
        blank.clone(),
        text.clone(),
        blank.clone(),
        Piece::Removed,
        text.clone(),
        text.clone(),
    ];
    assert_eq!(cut(&pieces, 4), Some(2));
    assert_eq!(cut(&pieces, 1), Some(2));
    assert_eq!(cut(&pieces, 5), Some(5));
    assert_eq!(cut(&pieces, 9), Some(5));
    // Never after the last piece, nor before the first.
    assert_eq!(cut(&[blank.clone(), text.clone()], 2), None);
    assert_eq!(cut(&[text, blank], 0), Some(1));
}

/// A panic on the second thread (here in the work run beside the body's second part)
/// is an error with its message, not a crash.
#[test]
fn a_panic_on_the_second_thread_is_an_error_with_its_message() {
    let text = synthetic(2_000);
    let limits = crate::template::Limits {
        sections: usize::MAX,
        fields: usize::MAX,
        ..crate::template::Limits::default()
    };
    let template =
        crate::template::parse_within("large.md", text.as_bytes(), &limits).expect("parses");
    let answers = Answers::new(&template.form);
    let made = crate::render::render_once(
        &template,
        &answers,
        crate::render::Options::default(),
        Vec::new(),
        || -> u8 { panic!("cells {}", 2) },
    );
    assert_eq!(made.err(), Some(Panicked("cells 2".to_owned())));
}
