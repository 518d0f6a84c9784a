//! A sweep over real templates from public repositories (`../shared/corpus/`): each one
//! loads without a panic and becomes a form, or fails with a clear, located reason, and
//! every answer typed into it reaches the issue.
//!
//! A missing corpus fails the tests; `ISSUE_COMPOSER_SKIP_CORPUS=1` skips them instead.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

mod common;

use common::fill_with_tokens;
use issue_composer::{Answers, parse, render};

/// The corpus files, sorted; `None` when `ISSUE_COMPOSER_SKIP_CORPUS=1` says to skip.
/// A missing corpus is a failure, so a sweep never passes by checking nothing.
fn corpus() -> Option<Vec<PathBuf>> {
    if std::env::var_os("ISSUE_COMPOSER_SKIP_CORPUS").is_some_and(|v| v == "1") {
        eprintln!("corpus sweep skipped: ISSUE_COMPOSER_SKIP_CORPUS=1");
        return None;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|err| {
        panic!(
            "the corpus sweep needs {}: {err}; set ISSUE_COMPOSER_SKIP_CORPUS=1 to skip it",
            dir.display()
        )
    });
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e != "tsv"))
        .collect();
    files.sort();
    Some(files)
}

#[test]
fn every_corpus_template_becomes_a_form() {
    let Some(files) = corpus() else {
        return;
    };
    let (mut forms, mut refused) = (0, 0);
    for path in &files {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).unwrap();
        let template = match parse(&name, &bytes) {
            Ok(t) => t,
            Err(err) => {
                // An issue form saved as markdown whose YAML does not parse says so.
                if err.message.starts_with("an issue form saved as markdown") {
                    refused += 1;
                    continue;
                }
                // Otherwise only template-chooser configs are not forms; they say so.
                assert!(
                    path.file_name()
                        .is_some_and(|f| f.to_string_lossy().ends_with("config.yml")),
                    "{err}"
                );
                assert_eq!(
                    err.to_string(),
                    format!(
                        "{name}:1:1: this is a template chooser config (config.yml), not an issue form"
                    )
                );
                refused += 1;
                continue;
            }
        };
        let form = &template.form;
        assert!(
            !form.fields.is_empty()
                || template
                    .problems
                    .iter()
                    .any(|p| p.message.starts_with("no fields found")),
            "{name}: no fields and no reason"
        );
        let body = render(&template, &Answers::new(form)).body;
        // Markdown keeps its final newline; GitHub writes form bodies without one.
        let form_body = matches!(template.layout, issue_composer::template::Layout::Form(_));
        assert!(
            !body.starts_with('\n') && (body.is_empty() || body.ends_with('\n') != form_body),
            "{name}"
        );
        assert!(!body.contains('\r'), "{name}");
        if !form_body {
            assert!(
                !outside_code(&body).contains("<!--"),
                "{name}: a comment survived:\n{body}"
            );
            let again = parse(&name, body.as_bytes()).unwrap();
            let twice = render(&again, &Answers::new(&again.form)).body;
            assert_eq!(twice, body, "{name}: rendering is not stable");
        }
        forms += 1;
    }
    eprintln!(
        "corpus sweep: {forms} forms, {refused} template-chooser configs refused with a reason"
    );
    assert!(forms > 90);
}

#[test]
fn every_answer_reaches_the_issue() {
    let Some(files) = corpus() else {
        return;
    };
    let (mut checked, mut lost) = (0, Vec::new());
    for path in &files {
        let name = path.display().to_string();
        let Ok(template) = parse(&name, &std::fs::read(path).unwrap()) else {
            continue;
        };
        let form = &template.form;
        let (answers, tokens) = fill_with_tokens(form);
        let body = render(&template, &answers).body;
        for (token, id) in tokens {
            checked += 1;
            if !body.contains(&token) {
                let file = path.file_name().unwrap().to_string_lossy();
                lost.push(format!("{file}: {id} ({token})"));
            }
        }
    }
    assert!(
        lost.is_empty(),
        "{} of {checked} answers never reached the issue:\n{}",
        lost.len(),
        lost.join("\n")
    );
    assert!(checked > 500, "only {checked} answers checked");
}

/// The text outside fenced code blocks.
fn outside_code(body: &str) -> String {
    let mut out = String::new();
    let mut fence: Option<String> = None;
    for line in body.lines() {
        let t = line.trim_start();
        let marker: String = t.chars().take_while(|&c| c == '`' || c == '~').collect();
        match &fence {
            Some(open) if marker.len() >= open.len() && t.trim() == marker => fence = None,
            Some(_) => {}
            None if marker.len() >= 3 => fence = Some(marker),
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// The form knows its required fields (`Form::required`, which the form reads at open
/// instead of every field): for every corpus and built-in template they are exactly
/// the fields whose `required` is set, and the fields filled at open read from them are
/// those every field's own rule gives.
#[test]
fn every_templates_required_fields_are_listed() {
    let Some(mut files) = corpus() else {
        return;
    };
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    files.extend(
        std::fs::read_dir(builtin)
            .unwrap()
            .map(|e| e.unwrap().path()),
    );
    let mut required = 0;
    for path in &files {
        let name = path.display().to_string();
        let Ok(template) = parse(&name, &std::fs::read(path).unwrap()) else {
            continue;
        };
        let form = &template.form;
        assert_eq!(
            form.required,
            issue_composer::form::required_of(&form.fields),
            "{name}"
        );
        let answers = Answers::new(form);
        assert_eq!(
            form.filled_at_open(&answers, true),
            form.filled_at_open(&answers, false),
            "{name}"
        );
        required += form.required.len();
    }
    assert!(
        required > 20,
        "only {required} required fields: the test reads too little"
    );
}
