//! The golden comparison: the schema and the rendered issue (empty, and filled with a
//! token in every typed place) of every built-in and every template in
//! `../shared/corpus/`, as hashes in `tests/golden/outputs.tsv`. A refactoring must leave
//! every line unchanged; a deliberate change of output regenerates the file with
//! `UPDATE_GOLDEN=1 cargo test --test golden` and says why in its commit.
//!
//! Hashes rather than copies: the corpus stays in `../shared/`, not in this repository.
//! To see what changed, render the file named in the failure before and after.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

mod common;

use issue_composer::discover::BUILTINS;
use issue_composer::form::schema;
use issue_composer::{Answers, parse, render};

const GOLDEN: &str = "tests/golden/outputs.tsv";

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn corpus_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|err| {
        panic!(
            "the golden comparison needs {}: {err}; set ISSUE_COMPOSER_SKIP_CORPUS=1 to skip it",
            dir.display()
        )
    });
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e != "tsv"))
        .collect();
    files.sort();
    files
}

/// One line: name, then the hashes of schema, empty render and filled render (or of the
/// error message when the template is refused).
fn line(name: &str, bytes: &[u8]) -> String {
    let mut out = name.to_owned();
    match parse(name, bytes) {
        Ok(template) => {
            let form = &template.form;
            let json = serde_json::to_string_pretty(&schema::to_json(form)).unwrap();
            let mut streamed = Vec::new();
            schema::write_pretty(form, &mut streamed).unwrap();
            // Read back and written by serde_json: the same text, so it is valid JSON laid
            // out as serde_json lays it out.
            assert_eq!(streamed, json.as_bytes(), "{name}: streamed schema differs");
            let empty = render(&template, &Answers::new(form));
            let (filled, _) = common::fill_with_tokens(form);
            let filled = render(&template, &filled);
            // The fields the issue had when the golden file was made (not the web prefill).
            let shown = |i: &issue_composer::Issue| {
                format!(
                    "Issue {{ title: {:?}, body: {:?}, labels: {:?}, assignees: {:?}, projects: {:?} }}",
                    i.title, i.body, i.labels, i.assignees, i.projects
                )
            };
            for text in [json, shown(&empty), shown(&filled)] {
                write!(out, "\t{:016x}", fnv1a(text.as_bytes())).unwrap();
            }
        }
        Err(err) => write!(out, "\terror {:016x}", fnv1a(err.to_string().as_bytes())).unwrap(),
    }
    out
}

fn outputs() -> Vec<String> {
    let mut lines: Vec<String> = BUILTINS
        .iter()
        .map(|b| line(&format!("builtin:{}.md", b.stem), b.text.as_bytes()))
        .collect();
    if std::env::var_os("ISSUE_COMPOSER_SKIP_CORPUS").is_some_and(|v| v == "1") {
        eprintln!("golden comparison of the corpus skipped: ISSUE_COMPOSER_SKIP_CORPUS=1");
    } else {
        for path in corpus_files() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            lines.push(line(&name, &std::fs::read(&path).unwrap()));
        }
    }
    lines
}

#[test]
fn schema_and_render_match_the_golden_outputs() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(GOLDEN);
    let now = outputs();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, now.join("\n") + "\n").unwrap();
        return;
    }
    let golden = std::fs::read_to_string(&path).unwrap();
    let golden: Vec<&str> = golden.lines().collect();
    let changed: Vec<String> = now
        .iter()
        .filter(|l| !golden.contains(&l.as_str()))
        .map(|l| l.split('\t').next().unwrap_or_default().to_owned())
        .collect();
    assert!(
        changed.is_empty(),
        "schema or render output changed for {} template(s): {}\n\
         (if intended, run UPDATE_GOLDEN=1 cargo test --test golden and say why in the commit)",
        changed.len(),
        changed.join(", ")
    );
    // A line in the golden file that no template produces: a template was removed.
    let skipped = std::env::var_os("ISSUE_COMPOSER_SKIP_CORPUS").is_some_and(|v| v == "1");
    if !skipped {
        assert_eq!(golden.len(), now.len(), "the set of templates changed");
    }
}

/// `schema` streams its JSON by hand; read back and written again by `serde_json`, it is
/// the same text, byte for byte.
#[test]
fn streamed_schema_is_the_trees_text() {
    for builtin in BUILTINS {
        let template = parse(builtin.file, builtin.text.as_bytes()).unwrap();
        let mut streamed = Vec::new();
        schema::write_pretty(&template.form, &mut streamed).unwrap();
        let tree = serde_json::to_string_pretty(&schema::to_json(&template.form)).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), tree);
    }
}
