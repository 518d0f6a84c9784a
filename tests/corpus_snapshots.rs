//! Snapshots of representative corpus templates (`../shared/corpus/`): the form as JSON
//! and the issue filled with a token in every typed place, so a rule change shows its
//! effect on real templates. The corpus files themselves stay outside the repository.
//!
//! A missing corpus skips these with `ISSUE_COMPOSER_SKIP_CORPUS=1`, like the sweep.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use std::path::Path;

mod common;

use issue_composer::form::schema;
use issue_composer::{parse, render};

const REPRESENTATIVE: [&str; 12] = [
    "cli__cli__.github__ISSUE_TEMPLATE__bug_report.md",
    "CNES__Pandora__.gitlab__issue_templates__Bug.md",
    "JeremichShane-FS__urban-echo__.github__ISSUE_TEMPLATE__update-dependency.md",
    "LegalizeAdulthood__iterated-dynamics__.github__ISSUE_TEMPLATE__bug_report.md",
    "S0lth__UIT_manager__.gitlab__issue_templates__Bug.md",
    "ValveSoftware__SteamVR-for-Linux__.github__ISSUE_TEMPLATE__performance-issue.md",
    "crystal-lang__crystal__.github__ISSUE_TEMPLATE__bug-report.md",
    "ionic-team__ionic-framework__.github__ISSUE_TEMPLATE__bug_report.md",
    "microsoft__vscode__.github__ISSUE_TEMPLATE__bug_report.md",
    "protocolbuffers__protobuf__.github__ISSUE_TEMPLATE__bug_report.md",
    "rust-lang__rust__.github__ISSUE_TEMPLATE__regression.md",
    "sharkdp__bat__.github__ISSUE_TEMPLATE__syntax_request.md",
];

#[test]
fn representative_corpus_templates() {
    if std::env::var_os("ISSUE_COMPOSER_SKIP_CORPUS").is_some_and(|v| v == "1") {
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    for name in REPRESENTATIVE {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let template = parse(name, &bytes).unwrap();
        let form = &template.form;
        let (filled, _) = common::fill_with_tokens(form);
        let stem = name.trim_end_matches(".md");
        insta::assert_json_snapshot!(format!("{stem}__schema"), schema::to_json(form));
        insta::assert_snapshot!(format!("{stem}__filled"), render(&template, &filled).body);
    }
}
