//! Escape sequences and control characters in a markdown template's body are removed
//! when it is read, and every way of opening it says so as `check` does: `render` and
//! plain mode on standard error, the form in its notice, each at `FILE:LINE:COL` with
//! what was removed shown escaped. The rendered body is the text as read, unchanged.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

mod support;
use support::{bin, write};

use issue_composer::discover::{self, Source};
use issue_composer::tui::app::{App, Config};
use issue_composer::tui::theme::Theme;

/// A template whose body holds a colour (CSI), a title change (OSC ended by BEL), a bell
/// and a right-to-left override.
const TEMPLATE: &str = "---\nname: T\nabout: t\n---\n\n## What happened?\n\n\
                        Text in \u{1b}[31mred\u{1b}[0m.\n\u{1b}]0;title\u{7}A bell \u{7}, \u{202e}x.\n";

fn warnings(file: &str) -> String {
    format!(
        "{file}:8:9: escape sequence `\\e[31m` removed\n\
         {file}:8:17: escape sequence `\\e[0m` removed\n\
         {file}:9:1: escape sequence `\\e]0;title\\x07` removed\n\
         {file}:9:18: control character `\\x07` removed\n\
         {file}:9:21: bidirectional control character `\\u{{202e}}` removed\n"
    )
}

#[test]
fn check_names_each_removal_with_what_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "t.md", TEMPLATE);
    let out = bin().args(["check", &file]).output().unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!(
            "{}{file}: 1 section, 1 field\n",
            warnings(&file)
                .replace(": escape", ": warning: escape")
                .replace(": control", ": warning: control")
                .replace(": bidi", ": warning: bidi")
        )
    );
}

#[test]
fn render_says_what_check_says_and_writes_the_body_as_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "t.md", TEMPLATE);
    let out = bin()
        .args(["render", &file, "--allow-incomplete"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let said = warnings(&file).replace(
        &format!("{file}:"),
        &format!("issue-composer: warning: {file}:"),
    );
    assert_eq!(String::from_utf8(out.stderr).unwrap(), said);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "## What happened?\n\nText in red.\nA bell , x.\n"
    );
}

#[test]
fn the_form_shows_the_first_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "t.md", TEMPLATE);
    let source = Source::File(file.clone().into());
    let template = discover::load(&source).unwrap();
    let config = Config {
        drafts: false,
        theme: Theme::plain(),
        ..Config::default()
    };
    let app = App::with_form(config, template, source, None, (120, 40));
    let notice = app.notice().unwrap();
    assert!(notice.problem);
    assert_eq!(
        notice.text,
        format!(
            "warning: {file}:8:9: escape sequence `\\e[31m` removed … and 4 more: `issue-composer check {file}`"
        )
    );
}
