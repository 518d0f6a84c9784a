//! The schema of every built-in and corpus template (read where it is, in
//! `../shared/corpus/`, never copied) and of a large synthetic one, made in blocks of
//! every size on two threads, is the text `write_pretty` writes. A missing corpus fails
//! the test; `ISSUE_COMPOSER_SKIP_CORPUS=1` leaves it out.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::path::Path;

use issue_composer::Form;
use issue_composer::form::schema::{write_pretty, write_pretty_in_blocks};

fn streamed(form: &Form) -> Vec<u8> {
    let mut out = Vec::new();
    write_pretty(form, &mut out).unwrap();
    out
}

/// `form`'s schema in blocks of every size from one section to all of them, compared
/// with the one written; how many were compared.
fn same_in_any_blocks(what: &str, form: &Form) -> usize {
    let one = streamed(form);
    for block in 1..=form.sections.len() + 1 {
        let mut out = Vec::new();
        write_pretty_in_blocks(form, &mut out, block).unwrap();
        assert!(out == one, "{what}: blocks of {block}");
    }
    form.sections.len() + 1
}

#[test]
fn every_builtin_and_corpus_schema_is_the_same_in_blocks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let skip = std::env::var_os("ISSUE_COMPOSER_SKIP_CORPUS").is_some_and(|v| v == "1");
    let mut dirs = vec![root.join("templates")];
    if skip {
        eprintln!("the corpus skipped: ISSUE_COMPOSER_SKIP_CORPUS=1");
    } else {
        dirs.push(root.join("../shared/corpus"));
    }
    let mut compared = 0;
    let mut forms = 0;
    for dir in dirs {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|err| {
            panic!("{}: {err} (or ISSUE_COMPOSER_SKIP_CORPUS=1)", dir.display())
        });
        for entry in entries {
            let path = entry.unwrap().path();
            let name = path.display().to_string();
            if let Ok(template) = issue_composer::parse(&name, &std::fs::read(&path).unwrap()) {
                compared += same_in_any_blocks(&name, &template.form);
                forms += 1;
            }
        }
    }
    let (least_forms, least_compared) = if skip { (5, 20) } else { (80, 500) };
    assert!(
        forms >= least_forms && compared >= least_compared,
        "{forms} forms, {compared} compared"
    );
}

#[test]
fn a_large_synthetic_schema_is_the_same_in_blocks() {
    let mut text = String::new();
    for i in 0..3_000 {
        let hint = if i % 3 == 0 { "<!-- hint -->" } else { "" };
        write!(
            text,
            "## Section {i}\n\n<!-- Describe \"part\" {i} -->\n\n- **Metric:** \n- [ ] Checked {i}\n\n\
             | Name | Value |\n|------|-------|\n| a    | {hint} |\n| b    |       |\n\n"
        )
        .unwrap();
    }
    let limits = issue_composer::template::Limits {
        sections: usize::MAX,
        fields: usize::MAX,
        ..issue_composer::template::Limits::default()
    };
    let template =
        issue_composer::template::parse_within("large.md", text.as_bytes(), &limits).unwrap();
    let form = &template.form;
    let one = streamed(form);
    for block in [1, 2, 7, 64, 1000, form.sections.len()] {
        let mut out = Vec::new();
        write_pretty_in_blocks(form, &mut out, block).unwrap();
        assert!(out == one, "blocks of {block}");
    }
}
