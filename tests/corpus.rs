//! A sweep over real templates from public repositories (`../shared/corpus/`): each one
//! loads without a panic and becomes a form, or fails with a clear, located reason.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use issue_composer::{Answers, parse, render};

fn corpus() -> Option<Vec<PathBuf>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e != "tsv"))
        .collect();
    files.sort();
    Some(files)
}

#[test]
fn every_corpus_template_becomes_a_form() {
    let Some(files) = corpus() else {
        eprintln!("corpus sweep skipped: ../shared/corpus/ does not exist here");
        return;
    };
    let (mut forms, mut refused) = (0, 0);
    for path in &files {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).unwrap();
        let template = match parse(&name, &bytes) {
            Ok(t) => t,
            Err(err) => {
                // Only template-chooser configs are not forms; they say so.
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
        let body = render(form, &Answers::new(form)).body;
        assert!(
            !body.starts_with('\n') && (body.is_empty() || body.ends_with('\n')),
            "{name}"
        );
        assert!(!body.contains('\r'), "{name}");
        if !issue_composer::template::is_issue_form(&name) {
            assert!(
                !outside_code(&body).contains("<!--"),
                "{name}: a comment survived:\n{body}"
            );
            let again = parse(&name, body.as_bytes()).unwrap();
            let twice = render(&again.form, &Answers::new(&again.form)).body;
            assert_eq!(twice, body, "{name}: rendering is not stable");
        }
        forms += 1;
    }
    eprintln!(
        "corpus sweep: {forms} forms, {refused} template-chooser configs refused with a reason"
    );
    assert!(forms > 90);
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
