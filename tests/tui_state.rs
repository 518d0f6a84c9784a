//! The app as a state machine: key events in, focus, values and effects out. No terminal.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

mod keys;
use keys::{ctrl, key, press, typ};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use issue_composer::discover::{self, Source};
use issue_composer::discover::{Choice, Link};
use issue_composer::draft::{Failure, Loaded};
use issue_composer::export::{FileTarget, Forge, Plan, Target};
use issue_composer::form::{AnswersFile, Value};
use issue_composer::tui::app::{
    After, App, Config, Effect, Entry, Focus, Mark, Modal, Msg, People, Problem, Screen,
    WriteFailure,
};
use issue_composer::tui::keymap::Keymap;
use issue_composer::tui::theme::Theme;

fn config() -> Config {
    Config {
        plan: Plan::default(),
        drafts: true,
        theme: Theme::plain(),
        ..Config::default()
    }
}

fn open(name: &str) -> App {
    open_with(name, config())
}

fn open_with(name: &str, config: Config) -> App {
    let source = discover::resolve(name).unwrap();
    let template = discover::load(&source).unwrap();
    App::with_form(config, template, source, None, (120, 40))
}

fn focus(app: &App) -> Focus {
    app.form().unwrap().focus()
}

fn value(app: &App, id: &str) -> Value {
    let form = app.form().unwrap();
    let i = form.form().field_index(id).unwrap();
    form.answers().values[i].clone()
}

fn title(app: &App) -> &str {
    &app.form().unwrap().answers().title
}

fn notice(app: &App) -> Option<(String, bool)> {
    app.notice().map(|n| (n.text.clone(), n.problem))
}

/// Opens the section with this id, by keys: back to the title, then section by section.
fn go(app: &mut App, section: &str) {
    let form = app.form().unwrap().form();
    let s = form
        .sections
        .iter()
        .position(|x| *x.id == *section)
        .unwrap();
    let count = form.sections.len();
    for _ in 0..=count {
        press(app, [ctrl('p')]);
    }
    for _ in 0..=count {
        if matches!(focus(app), Focus::Field(_)) && app.form().unwrap().current_section() == s {
            return;
        }
        press(app, [ctrl('n')]);
    }
    panic!("section {section} has no fields to go to");
}

fn field(app: &App, id: &str) -> Focus {
    Focus::Field(app.form().unwrap().form().field_index(id).unwrap())
}

#[test]
fn focus_starts_in_the_title_after_its_prefix() {
    let mut app = open("performance");
    assert_eq!(focus(&app), Focus::Header(0));
    typ(&mut app, "Slow search");
    assert_eq!(title(&app), "[PERF] Slow search");
}

#[test]
fn tab_walks_header_then_fields_across_sections_and_back() {
    let mut app = open("performance");
    press(&mut app, [key(KeyCode::Tab)]);
    assert_eq!(
        focus(&app),
        field(&app, "performance-issue"),
        "Tab from the title goes to the first question"
    );
    press(&mut app, [key(KeyCode::Tab)]);
    assert_eq!(focus(&app), field(&app, "current-metrics/response-time"));
    press(
        &mut app,
        [Msg::Key(KeyEvent::new(
            KeyCode::BackTab,
            KeyModifiers::SHIFT,
        ))],
    );
    assert_eq!(focus(&app), field(&app, "performance-issue"));
}

/// A label with a comma is shown quoted and stays one label when the line is edited.
/// (An issue form's: a markdown template's list is split at commas, as GitHub does.)
#[test]
fn a_label_with_a_comma_stays_one_label() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.yml");
    std::fs::write(
        &path,
        "name: T\ndescription: d\nlabels: [\"bug\", \"a,b\"]\nbody:\n  - type: input\n    \
         attributes: {label: What}\n",
    )
    .unwrap();
    let source = Source::File(path);
    let template = discover::load(&source).unwrap();
    let mut app = App::with_form(config(), template, source, None, (120, 40));
    let back_tab = || Msg::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    press(&mut app, [back_tab(), back_tab(), key(KeyCode::End)]);
    assert_eq!(focus(&app), Focus::Header(1));
    typ(&mut app, ", extra");
    let form = app.form().unwrap();
    assert_eq!(form.answers().labels, ["bug", "a,b", "extra"]);
    assert_eq!(form.issue().labels, ["bug", "a,b", "extra"]);
}

#[test]
fn labels_and_assignees_come_after_the_last_question() {
    let mut app = open("performance");
    let back_tab = || Msg::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    press(&mut app, [back_tab()]);
    assert_eq!(focus(&app), Focus::Header(2), "Shift-Tab from the title");
    press(&mut app, [back_tab()]);
    assert_eq!(focus(&app), Focus::Header(1));
    press(&mut app, [back_tab()]);
    let last = app.form().unwrap().form().fields.len() - 1;
    assert_eq!(focus(&app), Focus::Field(last));
    press(&mut app, [key(KeyCode::Tab)]);
    assert_eq!(focus(&app), Focus::Header(1), "Tab from the last question");
    press(&mut app, [key(KeyCode::Tab)]);
    assert_eq!(focus(&app), Focus::Header(2), "the assignees end the order");
    // Tab on the assignees goes on, round to the title (it used to do nothing).
    press(&mut app, [key(KeyCode::Tab)]);
    assert_eq!(focus(&app), Focus::Header(0), "Tab from the assignees");
    press(&mut app, [key(KeyCode::Tab)]);
    assert_eq!(focus(&app), Focus::Field(0));
    press(&mut app, [back_tab(), back_tab(), back_tab(), back_tab()]);
    assert_eq!(focus(&app), Focus::Field(last));
}

#[test]
fn sections_by_ctrl_n_p_and_page_keys_focus_their_first_field() {
    let mut app = open("performance");
    press(&mut app, [ctrl('n')]);
    assert_eq!(focus(&app), field(&app, "performance-issue"));
    press(&mut app, [ctrl('n'), key(KeyCode::PageDown)]);
    assert_eq!(focus(&app), field(&app, "target-metrics/response-time"));
    press(&mut app, [ctrl('p')]);
    assert_eq!(focus(&app), field(&app, "current-metrics/response-time"));
    press(&mut app, [key(KeyCode::PageUp), key(KeyCode::PageUp)]);
    assert_eq!(focus(&app), Focus::Header(0));
}

#[test]
fn enter_moves_on_in_one_line_fields_and_breaks_lines_in_text_areas() {
    let mut app = open("performance");
    press(&mut app, [ctrl('n')]);
    typ(&mut app, "line one");
    press(&mut app, [key(KeyCode::Enter)]);
    typ(&mut app, "line two");
    assert_eq!(
        value(&app, "performance-issue"),
        Value::Text("line one\nline two".into())
    );
    press(&mut app, [key(KeyCode::Tab)]);
    typ(&mut app, "850 ms");
    press(&mut app, [key(KeyCode::Enter)]);
    assert_eq!(focus(&app), field(&app, "current-metrics/throughput"));
    assert_eq!(
        value(&app, "current-metrics/response-time"),
        Value::Text("850 ms".into())
    );
}

#[test]
fn checkboxes_toggle_and_priority_is_a_single_choice() {
    let mut app = open("performance");
    go(&mut app, "suspected-causes");
    press(
        &mut app,
        [
            key(KeyCode::Char(' ')),
            key(KeyCode::Down),
            key(KeyCode::Char(' ')),
            key(KeyCode::Char(' ')),
        ],
    );
    let Value::Select(sel) = value(&app, "suspected-causes") else {
        panic!()
    };
    assert_eq!(&sel.checked[..3], [true, false, false]);
    go(&mut app, "priority");
    press(
        &mut app,
        [
            key(KeyCode::Down),
            key(KeyCode::Enter),
            key(KeyCode::Down),
            key(KeyCode::Char(' ')),
        ],
    );
    let Value::Select(sel) = value(&app, "priority") else {
        panic!()
    };
    assert_eq!(sel.checked, [false, false, true, false]);
}

#[test]
fn paste_is_one_insert_keeping_newlines_in_text_areas_only() {
    let mut app = open("performance");
    app.update(Msg::Paste("a\nb".into()));
    assert_eq!(title(&app), "[PERF] a b");
    press(&mut app, [ctrl('n')]);
    app.update(Msg::Paste("x\ny\r\nz".into()));
    assert_eq!(
        value(&app, "performance-issue"),
        Value::Text("x\ny\nz".into())
    );
}

#[test]
fn key_releases_are_not_input() {
    let mut app = open("performance");
    app.update(Msg::Key(KeyEvent::new_with_kind(
        KeyCode::Char('x'),
        KeyModifiers::NONE,
        KeyEventKind::Release,
    )));
    assert_eq!(title(&app), "[PERF] ");
}

#[test]
fn esc_asks_before_quitting_and_ctrl_c_quits_at_once_keeping_a_draft() {
    let mut app = open("performance");
    typ(&mut app, "x");
    assert!(press(&mut app, [key(KeyCode::Esc)]).is_empty());
    assert!(matches!(app.modal(), Some(Modal::ConfirmQuit)));
    press(&mut app, [key(KeyCode::Char('n'))]);
    assert!(app.modal().is_none() && !app.exited());
    press(&mut app, [key(KeyCode::Esc)]);
    let effects = press(&mut app, [key(KeyCode::Char('y'))]);
    assert!(
        matches!(&effects[..], [Effect::SaveDraft { .. }]),
        "{effects:?}"
    );
    // Leaving waits for the save's outcome.
    let effects = app.update(Msg::DraftSaved(Ok(PathBuf::from("/d/p.yaml"))));
    assert_eq!(effects, [Effect::Exit(After::Nothing)]);
    let mut app = open("performance");
    typ(&mut app, "y");
    let effects = press(&mut app, [ctrl('c')]);
    let [Effect::SaveDraft { yaml, .. }] = &effects[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(yaml, "title: \"[PERF] y\"\nfields: {}\n");
    let effects = app.update(Msg::DraftSaved(Ok(PathBuf::from("/d/p.yaml"))));
    assert_eq!(effects, [Effect::Exit(After::Nothing)]);
    assert_eq!(
        app.exit_notes(),
        ["your answers are saved as a draft in /d/p.yaml"]
    );
}

fn failure() -> Failure {
    Failure {
        path: Some(PathBuf::from("/ro/drafts/builtin-performance.yaml")),
        reason: "cannot create the folder /ro/drafts: the file system is read-only".to_owned(),
    }
}

#[test]
fn when_the_draft_cannot_be_saved_quitting_asks_and_ctrl_c_twice_leaves_with_status_1() {
    let mut app = open("performance");
    typ(&mut app, "unsaved");
    let effects = app.update(Msg::Tick(Instant::now() + Duration::from_secs(1)));
    assert!(matches!(&effects[..], [Effect::SaveDraft { .. }]));
    assert!(app.update(Msg::DraftSaved(Err(failure()))).is_empty());
    assert_eq!(
        notice(&app),
        Some((
            "could not save the draft to /ro/drafts/builtin-performance.yaml: cannot create the folder /ro/drafts: the file system is read-only".to_owned(),
            true
        ))
    );
    // Quitting tries again, and asks when that fails too; n goes back to the form.
    let effects = press(&mut app, [ctrl('c')]);
    assert!(
        matches!(&effects[..], [Effect::SaveDraft { .. }]),
        "{effects:?}"
    );
    assert!(app.update(Msg::DraftSaved(Err(failure()))).is_empty());
    assert!(
        matches!(app.modal(), Some(Modal::SaveFailed(f)) if *f == failure()),
        "{:?}",
        app.modal()
    );
    assert!(press(&mut app, [key(KeyCode::Char('n'))]).is_empty());
    assert!(app.modal().is_none() && !app.exited());
    // Esc and y, after the question said the answers may be lost: quit, with no
    // second question when the retried save fails too.
    press(&mut app, [key(KeyCode::Esc), key(KeyCode::Char('y'))]);
    assert_eq!(
        app.update(Msg::DraftSaved(Err(failure()))),
        [Effect::Exit(After::Unsaved)]
    );
    // Ctrl-C, then Ctrl-C at the question.
    let mut app = open("performance");
    typ(&mut app, "unsaved");
    press(&mut app, [ctrl('c')]);
    assert!(app.update(Msg::DraftSaved(Err(failure()))).is_empty());
    assert_eq!(press(&mut app, [ctrl('c')]), [Effect::Exit(After::Unsaved)]);
    assert!(app.exited());
    assert_eq!(
        app.exit_notes(),
        [
            "could not save the draft to /ro/drafts/builtin-performance.yaml: cannot create the folder /ro/drafts: the file system is read-only"
        ]
    );
}

/// After a failed save, the quit question says the answers may be lost; y retries the
/// save and, when it fails again, leaves without asking a second time.
#[test]
fn quitting_after_a_warned_failure_asks_once() {
    let mut app = open("performance");
    typ(&mut app, "x");
    app.update(Msg::DraftSaved(Err(failure())));
    press(&mut app, [key(KeyCode::Esc)]);
    assert!(matches!(app.modal(), Some(Modal::ConfirmQuit)));
    let effects = press(&mut app, [key(KeyCode::Char('y'))]);
    assert!(
        matches!(&effects[..], [Effect::SaveDraft { .. }]),
        "the save is tried again: {effects:?}"
    );
    let effects = app.update(Msg::DraftSaved(Err(failure())));
    assert_eq!(effects, [Effect::Exit(After::Unsaved)]);
    assert!(app.modal().is_none());
}

#[test]
fn a_save_that_works_again_lets_quitting_go_without_a_question() {
    let mut app = open("performance");
    typ(&mut app, "x");
    press(&mut app, [ctrl('c')]);
    app.update(Msg::DraftSaved(Err(failure())));
    press(&mut app, [key(KeyCode::Esc)]);
    assert!(matches!(
        &press(&mut app, [ctrl('c')])[..],
        [Effect::SaveDraft { .. }]
    ));
    let effects = app.update(Msg::DraftSaved(Ok(PathBuf::from("/d/p.yaml"))));
    assert_eq!(effects, [Effect::Exit(After::Nothing)]);
}

#[test]
fn the_exit_notes_say_what_was_saved_where() {
    let mut app = open("performance");
    assert!(app.exit_notes().is_empty(), "nothing typed, nothing to say");
    typ(&mut app, "x");
    assert!(
        app.exit_notes().is_empty(),
        "nothing saved yet, nothing claimed"
    );
    app.update(Msg::DraftSaved(Ok(PathBuf::from("/d/p.yaml"))));
    assert_eq!(
        app.exit_notes(),
        ["your answers are saved as a draft in /d/p.yaml"]
    );
    app.update(Msg::DraftSaved(Err(Failure {
        path: None,
        reason: "there is no data folder (set HOME or XDG_DATA_HOME)".to_owned(),
    })));
    assert_eq!(
        app.exit_notes(),
        ["could not save the draft: there is no data folder (set HOME or XDG_DATA_HOME)"]
    );
    let mut off = open_with(
        "performance",
        Config {
            drafts: false,
            ..config()
        },
    );
    typ(&mut off, "x");
    let effects = press(&mut off, [ctrl('c')]);
    assert_eq!(effects, [Effect::Exit(After::Nothing)]);
    assert_eq!(
        off.exit_notes(),
        ["drafts are off (--no-draft): no draft of your answers was saved"]
    );
}

#[test]
fn drafts_save_at_most_a_moment_after_a_change_and_read_back() {
    let mut app = open("performance");
    let t0 = Instant::now();
    app.update(Msg::Tick(t0));
    typ(&mut app, "draft");
    assert!(
        app.update(Msg::Tick(t0 + Duration::from_millis(100)))
            .is_empty()
    );
    let effects = app.update(Msg::Tick(t0 + Duration::from_millis(600)));
    let [Effect::SaveDraft { yaml, .. }] = &effects[..] else {
        panic!("{effects:?}")
    };
    let form = app.form().unwrap();
    let mut again = issue_composer::Answers::new(form.form());
    AnswersFile::parse(yaml, "draft.yaml")
        .unwrap()
        .apply(form.form(), &mut again)
        .unwrap();
    assert_eq!(again, *form.answers());
    assert!(
        app.update(Msg::Tick(t0 + Duration::from_secs(5)))
            .is_empty(),
        "nothing new to save"
    );
}

#[test]
fn a_draft_is_offered_and_resumed_or_discarded() {
    let source = discover::resolve("performance").unwrap();
    let template = discover::load(&source).unwrap();
    let draft = AnswersFile::parse("title: Resumed\nfields: {priority: low}\n", "d").unwrap();
    let mut app = App::with_form(
        config(),
        template.clone(),
        source.clone(),
        Some(draft.clone()),
        (120, 40),
    );
    assert!(matches!(app.modal(), Some(Modal::ResumeDraft(_))));
    press(&mut app, [key(KeyCode::Enter)]);
    assert_eq!(title(&app), "Resumed");
    let mut app = App::with_form(config(), template, source.clone(), Some(draft), (120, 40));
    // `d` asks once more; any key but `y` goes back to the offer.
    assert!(press(&mut app, [key(KeyCode::Char('d'))]).is_empty());
    assert!(matches!(app.modal(), Some(Modal::ConfirmDiscard(_))));
    assert!(press(&mut app, [key(KeyCode::Char('a'))]).is_empty());
    assert!(matches!(app.modal(), Some(Modal::ResumeDraft(_))));
    let effects = press(&mut app, [key(KeyCode::Char('d')), key(KeyCode::Char('y'))]);
    assert_eq!(effects, [Effect::ClearDraft { source }]);
    assert_eq!(title(&app), "[PERF] ");
}

/// A user typing ahead without reading the dialog ("database is slow") keeps the draft:
/// the `d` only asks, the rest goes back to the offer, and nothing reaches the title.
#[test]
fn typing_ahead_into_the_draft_offer_keeps_the_draft() {
    let source = discover::resolve("performance").unwrap();
    let template = discover::load(&source).unwrap();
    let draft = AnswersFile::parse("title: Precious\nfields: {priority: low}\n", "d").unwrap();
    let mut app = App::with_form(config(), template, source, Some(draft), (120, 40));
    let effects = app.update(Msg::Type("database is slow".into()));
    assert!(effects.is_empty(), "{effects:?}");
    assert!(matches!(app.modal(), Some(Modal::ResumeDraft(_))));
    press(&mut app, [key(KeyCode::Enter)]);
    assert_eq!(title(&app), "Precious");
}

fn written(path: &str) -> Msg {
    Msg::Written {
        result: Ok((path.into(), Ok("gh issue create".into()))),
        then_exit: false,
    }
}

/// Edits after a write are not in the file: the exit says so above the gh command, and
/// with two files written, that each command creates an issue.
#[test]
fn changes_after_a_write_and_second_writes_are_noted_on_exit() {
    let mut app = open("performance");
    typ(&mut app, "T");
    press(
        &mut app,
        [ctrl('s'), key(KeyCode::Char('w')), key(KeyCode::Enter)],
    );
    app.update(written("./performance-issue.md"));
    assert!(app.written_notes().is_empty(), "{:?}", app.written_notes());
    press(&mut app, [key(KeyCode::Esc)]);
    typ(&mut app, " more");
    // No draft holds the changes yet (or drafts are off): the note does not say one does.
    assert_eq!(
        app.written_notes(),
        [
            "the form changed after the last file was written, so the file does not hold your last changes: write it again before sending"
        ]
    );
    app.update(Msg::DraftSaved(Ok("/d/builtin-performance.yaml".into())));
    assert_eq!(
        app.written_notes(),
        [
            "the form changed after the last file was written, so the file does not hold your last changes (they are kept in the draft): write it again before sending"
        ]
    );
    press(
        &mut app,
        [ctrl('s'), key(KeyCode::Char('w')), key(KeyCode::Enter)],
    );
    app.update(written("./other.md"));
    assert_eq!(
        app.written_notes(),
        ["each command below creates an issue: run only one"]
    );
}

#[test]
fn review_writes_the_rendered_body_and_asks_before_replacing() {
    let mut app = open("performance");
    typ(&mut app, "T");
    press(&mut app, [ctrl('s')]);
    assert!(matches!(app.screen(), Screen::Review(_)));
    press(&mut app, [key(KeyCode::Char('w'))]);
    let Some(Modal::Path {
        path,
        then_exit: false,
    }) = app.modal()
    else {
        panic!("{:?}", app.modal())
    };
    assert_eq!(path.text(), "./performance-issue.md");
    let effects = press(&mut app, [key(KeyCode::Enter)]);
    let form = app.form().unwrap();
    let issue = Box::new(issue_composer::render(form.template(), form.answers()));
    let write = |force| Effect::Write {
        path: "./performance-issue.md".into(),
        issue: issue.clone(),
        force,
        then_exit: false,
        forge: Forge::Github,
    };
    assert_eq!(effects, [write(false)]);
    app.update(Msg::Written {
        result: Err(WriteFailure::Exists("./performance-issue.md".into())),
        then_exit: false,
    });
    assert!(matches!(app.modal(), Some(Modal::Overwrite { .. })));
    assert_eq!(press(&mut app, [key(KeyCode::Char('y'))]), [write(true)]);
    let effects = app.update(written("./performance-issue.md"));
    assert_eq!(
        app.written_commands(),
        [Ok("gh issue create".to_owned())],
        "the command is printed on exit"
    );
    assert!(
        matches!(&effects[..], [Effect::ClearDraft { .. }]),
        "a successful export clears the draft"
    );
    assert!(!app.exited(), "w stays in the review");
    let effects = press(&mut app, [key(KeyCode::Esc), key(KeyCode::Esc)]);
    assert!(
        matches!(&effects[..], [Effect::Exit(After::Nothing)]),
        "nothing unsent: no question"
    );
}

#[test]
fn a_failed_write_keeps_the_path_to_change() {
    let mut app = open("bug-report");
    press(&mut app, [ctrl('s'), key(KeyCode::Char('w'))]);
    app.update(Msg::Written {
        result: Err(WriteFailure::Other {
            path: "/nope/x.md".into(),
            message: "cannot write /nope/x.md: No such file or directory".into(),
        }),
        then_exit: false,
    });
    let Some(Modal::Path { path, .. }) = app.modal() else {
        panic!("{:?}", app.modal())
    };
    assert_eq!(path.text(), "/nope/x.md");
    assert!(
        notice(&app)
            .as_ref()
            .is_some_and(|(text, error)| *error && text.contains("choose another path"))
    );
}

fn file(path: &str) -> FileTarget {
    FileTarget {
        path: path.into(),
        force: false,
    }
}

fn with_exports(name: &str, plan: Plan) -> App {
    let mut app = open_with(name, Config { plan, ..config() });
    typ(&mut app, "A title");
    app
}

/// `-o FOLDER`: Enter writes the configured file name inside it, and `w` offers that
/// path to change.
#[test]
fn a_folder_on_the_command_line_gets_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().display().to_string();
    let exports = Plan {
        file: Some(file(&folder)),
        ..Default::default()
    };
    let mut app = with_exports("bug-report", exports);
    press(&mut app, [ctrl('s')]);
    let expected = dir.path().join("bug-report-issue.md");
    let effects = press(&mut app, [key(KeyCode::Enter)]);
    let [Effect::Write { path, .. }] = &effects[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(*path, expected);
    press(&mut app, [key(KeyCode::Char('w'))]);
    let Some(Modal::Path { path, .. }) = app.modal() else {
        panic!("{:?}", app.modal())
    };
    assert_eq!(path.text(), expected.display().to_string());
    // A folder typed into the dialog gets the file name too.
    press(&mut app, [ctrl('u')]);
    typ(&mut app, &folder);
    let effects = press(&mut app, [key(KeyCode::Enter)]);
    let [Effect::Write { path, .. }] = &effects[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(*path, expected);
}

#[test]
fn command_line_exports_run_on_enter_and_exit() {
    let exports = Plan {
        file: Some(file("out.md")),
        print: true,
        ..Default::default()
    };
    let mut app = with_exports("bug-report", exports);
    press(&mut app, [ctrl('s')]);
    let effects = press(&mut app, [key(KeyCode::Enter)]);
    assert!(
        matches!(
            &effects[..],
            [Effect::Write {
                force: false,
                then_exit: true,
                ..
            }]
        ),
        "{effects:?}"
    );
    let effects = app.update(Msg::Written {
        result: Ok(("out.md".into(), Ok("gh".into()))),
        then_exit: true,
    });
    let Some(Effect::Exit(After::Export { plan, issue, .. })) = effects.last() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        *plan,
        Plan::print_only(),
        "the file is done; printing is left"
    );
    assert!(issue.body.starts_with("## Summary"));
}

#[test]
fn g_sends_with_the_command_line_repo_and_gh_timeout_only() {
    let target = Target {
        repo: Some("o/r".into()),
        milestone: None,
    };
    let exports = Plan {
        file: Some(file("out.md")),
        print: true,
        target: target.clone(),
        timeout: Duration::from_secs(5),
        ..Default::default()
    };
    let mut app = with_exports("bug-report", exports);
    press(&mut app, [ctrl('s')]);
    let effects = press(&mut app, [key(KeyCode::Char('g'))]);
    let Some(Effect::Exit(After::Export { plan, .. })) = effects.last() else {
        panic!("{effects:?}")
    };
    let expected = Plan {
        forges: vec![Forge::Github],
        target,
        timeout: Duration::from_secs(5),
        ..Default::default()
    };
    assert_eq!(*plan, expected);
}

/// A template kept for GitLab (`.gitlab/issue_templates/`): the review's `g` sends with
/// glab, and its footer says so.
#[test]
fn g_sends_a_gitlab_template_with_glab() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join(".gitlab/issue_templates");
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("Bug.md");
    std::fs::write(&path, "## Summary\n\n<!-- What happened? -->\n").unwrap();
    let source = Source::File(path);
    let template = discover::load(&source).unwrap();
    let mut app = App::with_form(config(), template, source, None, (120, 40));
    typ(&mut app, "A title");
    press(&mut app, [ctrl('s')]);
    let footer = {
        use ratatui::{Terminal, backend::TestBackend};
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        terminal
            .draw(|f| issue_composer::tui::screen::draw(f, &app))
            .unwrap();
        terminal.backend().to_string()
    };
    assert!(footer.contains("g create with glab"), "{footer}");
    let effects = press(&mut app, [key(KeyCode::Char('g'))]);
    let Some(Effect::Exit(After::Export { plan, .. })) = effects.last() else {
        panic!("{effects:?}")
    };
    assert_eq!(plan.forges, [Forge::Gitlab]);
}

/// The review with `title` typed into a template of `folder` (`.github/ISSUE_TEMPLATE`
/// or `.gitlab/issue_templates`), the command line's exports `plan`.
fn review_titled(folder: &str, title: &str, plan: Plan) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join(folder);
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("Bug.md");
    std::fs::write(&path, "## Summary\n\n<!-- What happened? -->\n").unwrap();
    let source = Source::File(path);
    let template = discover::load(&source).unwrap();
    let mut app = App::with_form(
        Config { plan, ..config() },
        template,
        source,
        None,
        (120, 40),
    );
    app.update(Msg::Paste(title.to_owned()));
    press(&mut app, [ctrl('s')]);
    (dir, app)
}

fn review_problems(app: &App) -> Vec<Problem> {
    let Screen::Review(review) = app.screen() else {
        panic!("not in the review")
    };
    review.problems(&app.config().plan)
}

/// A title longer than GitHub (256 characters) or GitLab (255) takes is named in the
/// review before gh or glab runs, counted in characters (`é` is one): `g` is refused and
/// Enter goes to the title. A file, the clipboard and the printed body take it.
#[test]
fn a_title_too_long_for_the_forge_blocks_sending_in_the_review() {
    let github = ".github/ISSUE_TEMPLATE";
    let (_dir, app) = review_titled(github, &"é".repeat(256), Plan::default());
    assert_eq!(review_problems(&app), [], "256 characters (512 bytes) fit");
    let (_dir, mut app) = review_titled(github, &"é".repeat(257), Plan::default());
    assert_eq!(
        review_problems(&app),
        [Problem::TitleTooLong(Forge::Github, 257)]
    );
    press(&mut app, [key(KeyCode::Char('g'))]);
    assert!(!app.exited(), "gh is not run");
    assert_eq!(
        notice(&app),
        Some((
            "the title is too long for gh: Enter goes to it; w, c and p still take the issue as it is".to_owned(),
            true
        ))
    );
    press(&mut app, [key(KeyCode::Enter)]);
    assert!(matches!(app.screen(), Screen::Form(_)));
    assert_eq!(focus(&app), Focus::Header(0));
    let effects = press(&mut app, [ctrl('s'), key(KeyCode::Char('p'))]);
    assert!(
        matches!(effects.last(), Some(Effect::Exit(After::Export { plan, .. })) if plan.print),
        "{effects:?}"
    );
    let (_dir, app) = review_titled(".gitlab/issue_templates", &"x".repeat(256), Plan::default());
    assert_eq!(
        review_problems(&app),
        [Problem::TitleTooLong(Forge::Gitlab, 256)]
    );
    // With --gh on the command line, Enter is refused; with only -o, Enter writes.
    let gh = Plan {
        forges: vec![Forge::Github],
        ..Default::default()
    };
    let (_dir, mut app) = review_titled(github, &"x".repeat(300), gh);
    let effects = press(&mut app, [key(KeyCode::Enter)]);
    assert!(matches!(app.screen(), Screen::Form(_)), "{effects:?}");
    let only_file = Plan {
        file: Some(file("out.md")),
        ..Default::default()
    };
    let (_dir, mut app) = review_titled(github, &"x".repeat(300), only_file);
    assert_eq!(review_problems(&app), []);
    let effects = press(&mut app, [key(KeyCode::Enter)]);
    assert!(
        matches!(
            &effects[..],
            [Effect::Write {
                then_exit: true,
                ..
            }]
        ),
        "{effects:?}"
    );
}

/// A title and a body both too long for GitHub are both listed, so fixing one is not
/// followed by a refusal of the other; either blocks `g`. glab takes the body's 70,013
/// bytes as one argument, so only the title is listed for GitLab (`tests/review_body.rs`
/// has bodies glab cannot take).
#[test]
fn a_title_and_a_body_too_long_for_github_are_both_listed() {
    let body = "x".repeat(70_000);
    let review = |folder: &str| {
        let (dir, mut app) = review_titled(folder, &"L".repeat(300), Plan::default());
        press(&mut app, [key(KeyCode::Esc), key(KeyCode::Tab)]);
        app.update(Msg::Paste(body.clone()));
        press(&mut app, [ctrl('s')]);
        (dir, app)
    };
    let (_dir, mut app) = review(".github/ISSUE_TEMPLATE");
    assert_eq!(
        review_problems(&app),
        [
            Problem::TitleTooLong(Forge::Github, 300),
            // `## Summary`, a blank line, the answer and its newline.
            Problem::BodyTooLong(Forge::Github, 70_013)
        ]
    );
    press(&mut app, [key(KeyCode::Char('g'))]);
    assert!(!app.exited(), "gh is not run");
    assert_eq!(
        notice(&app),
        Some((
            "the title and the body are too long for gh: Enter goes to one; w, c and p still take the issue as it is".to_owned(),
            true
        ))
    );
    let (_dir, app) = review(".gitlab/issue_templates");
    assert_eq!(
        review_problems(&app),
        [Problem::TitleTooLong(Forge::Gitlab, 300)]
    );
}

#[test]
fn an_output_file_alone_exits_without_printing() {
    let exports = Plan {
        file: Some(file("out.md")),
        ..Default::default()
    };
    let mut app = with_exports("bug-report", exports);
    press(&mut app, [ctrl('s'), key(KeyCode::Enter)]);
    let effects = app.update(Msg::Written {
        result: Ok(("out.md".into(), Ok("gh".into()))),
        then_exit: true,
    });
    assert!(
        matches!(effects.last(), Some(Effect::Exit(After::Nothing))),
        "{effects:?}"
    );
}

#[test]
fn declining_to_replace_does_not_leave_the_exports_armed() {
    let exports = Plan {
        file: Some(file("out.md")),
        forges: vec![Forge::Github],
        ..Default::default()
    };
    let mut app = with_exports("bug-report", exports);
    press(&mut app, [ctrl('s'), key(KeyCode::Enter)]);
    app.update(Msg::Written {
        result: Err(WriteFailure::Exists("out.md".into())),
        then_exit: true,
    });
    press(&mut app, [key(KeyCode::Char('n')), key(KeyCode::Esc)]);
    assert!(app.modal().is_none());
    press(&mut app, [key(KeyCode::Char('w'))]);
    let effects = press(&mut app, [key(KeyCode::Enter)]);
    assert!(
        matches!(
            &effects[..],
            [Effect::Write {
                then_exit: false,
                ..
            }]
        ),
        "{effects:?}"
    );
    let effects = app.update(written("./bug-report-issue.md"));
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::Exit(_))),
        "a plain w never sends: {effects:?}"
    );
}

#[test]
fn only_a_checked_copy_clears_the_draft() {
    let mut app = open("bug-report");
    typ(&mut app, "x");
    assert!(
        app.update(Msg::Copied(Ok(("sent with OSC 52".into(), false))))
            .is_empty()
    );
    let effects = app.update(Msg::Copied(Ok(("copied with xclip".into(), true))));
    assert!(matches!(&effects[..], [Effect::ClearDraft { .. }]));
}

#[test]
fn review_blocks_exports_until_the_title_and_required_fields_are_filled() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("required.yml");
    std::fs::write(&path, "name: R\ntitle: '[R] '\nbody:\n  - type: input\n    id: version\n    attributes: {label: Version}\n    validations: {required: true}\n").unwrap();
    let source = Source::File(path.clone());
    let template = discover::load(&source).unwrap();
    let mut app = App::with_form(config(), template, source, None, (120, 40));
    press(&mut app, [ctrl('s'), key(KeyCode::Char('p'))]);
    assert!(!app.exited());
    assert!(
        notice(&app)
            .as_ref()
            .is_some_and(|(t, _)| t.contains("required"))
    );
    assert_eq!(
        app.form().unwrap().model().problems(),
        [Problem::Title, Problem::Field(0, "is required".into())]
    );
    press(&mut app, [key(KeyCode::Enter)]);
    assert!(matches!(app.screen(), Screen::Form(_)));
    assert_eq!(
        focus(&app),
        Focus::Header(0),
        "the prefix alone is not a title"
    );
    typ(&mut app, "crash");
    press(&mut app, [ctrl('s'), key(KeyCode::Enter)]);
    assert!(matches!(app.screen(), Screen::Form(_)));
    assert_eq!(focus(&app), Focus::Field(0));
    typ(&mut app, "1.2");
    let effects = press(&mut app, [ctrl('s'), key(KeyCode::Char('p'))]);
    assert!(matches!(effects.last(), Some(Effect::Exit(After::Export { plan, .. })) if plan.print));
}

#[test]
fn ctrl_e_hands_the_text_to_an_editor_and_takes_it_back() {
    let mut app = open("performance");
    press(&mut app, [ctrl('n')]);
    typ(&mut app, "before");
    let effects = press(&mut app, [ctrl('e')]);
    let f = app
        .form()
        .unwrap()
        .form()
        .field_index("performance-issue")
        .unwrap();
    assert_eq!(
        effects,
        [Effect::OpenEditor {
            field: f,
            text: "before".into(),
            extension: "md".into()
        }]
    );
    app.update(Msg::Edited {
        field: f,
        text: Ok("after\nmore\n".into()),
    });
    assert_eq!(
        value(&app, "performance-issue"),
        Value::Text("after\nmore".into())
    );
    // What the editor saved is cleaned as a paste is: no escapes, CRLF as LF.
    app.update(Msg::Edited {
        field: f,
        text: Ok("edited \x1b[31mred\x1b[0m text\r\nnext\x07\n".into()),
    });
    assert_eq!(
        value(&app, "performance-issue"),
        Value::Text("edited red text\nnext".into())
    );
}

/// The screen row of a field's widget, from the same layout the view uses.
fn widget_row(app: &App, id: &str) -> (u16, u16) {
    use issue_composer::tui::screen::form::{ItemKind, areas, pane_items, pane_offset};
    let state = app.form().unwrap();
    let f = state.form().field_index(id).unwrap();
    let (w, h) = app.size();
    let a = areas(ratatui::layout::Rect::new(0, 0, w, h - 1), false);
    let (items, total) = pane_items(state, a.pane.width, Theme::plain());
    let offset = pane_offset(state, &items, total, a.pane.height);
    let item = items
        .iter()
        .find(|i| i.kind == ItemKind::Widget(f))
        .unwrap();
    (a.pane.x + item.x + 3, a.pane.y + item.y - offset)
}

fn click(column: u16, row: u16) -> Msg {
    Msg::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

#[test]
fn a_click_focuses_a_field_and_ticks_a_box() {
    let mut app = open("performance");
    press(&mut app, [ctrl('n'), ctrl('n')]);
    assert_eq!(focus(&app), field(&app, "current-metrics/response-time"));
    let (x, y) = widget_row(&app, "current-metrics/cpu-usage");
    app.update(click(x, y));
    assert_eq!(focus(&app), field(&app, "current-metrics/cpu-usage"));
    go(&mut app, "constraints");
    let (x, y) = widget_row(&app, "constraints");
    app.update(click(x, y + 1));
    let Value::Select(sel) = value(&app, "constraints") else {
        panic!()
    };
    assert_eq!(sel.checked, [false, true, false, false, false]);
}

#[test]
fn the_wheel_scrolls_the_pane_and_focus_brings_it_back() {
    // Twenty boxes: taller than the pane. The section's title is its field's label, at
    // the pane's top: the wheel scrolls down from there.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("boxes.md");
    let boxes = (1..=20)
        .map(|i| format!("- [ ] option {i}"))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(
        &path,
        format!("## Intro\n\nText: \n\n## Strategies\n\n<!-- Potential approaches -->\n\n{boxes}"),
    )
    .unwrap();
    let source = Source::File(path);
    let template = discover::load(&source).unwrap();
    let mut app = App::with_form(config(), template, source, None, (80, 16));
    go(&mut app, "strategies");
    let (_, row_before) = widget_row(&app, "strategies");
    let wheel = Msg::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 40,
        row: 8,
        modifiers: KeyModifiers::NONE,
    });
    app.update(wheel);
    let (_, row_after) = widget_row(&app, "strategies");
    assert_eq!(row_before - row_after, 3, "the pane moved three rows");
    press(&mut app, [key(KeyCode::Down)]);
    assert_eq!(
        app.form().unwrap().view().pane_scroll,
        None,
        "input brings the focused field back"
    );
}

#[test]
fn autosave_is_at_most_a_second_behind() {
    // A change waits DRAFT_DELAY, checked every TICK: the worst case is their sum.
    let worst = issue_composer::tui::app::DRAFT_DELAY + issue_composer::tui::TICK;
    assert!(worst <= Duration::from_secs(1), "{worst:?}");
}

#[test]
fn the_mouse_only_works_on_the_form_itself() {
    let mut app = open("performance");
    typ(&mut app, "T");
    go(&mut app, "constraints");
    let (x, y) = widget_row(&app, "constraints");
    press(&mut app, [ctrl('s')]);
    app.update(click(x, y));
    press(&mut app, [key(KeyCode::Esc), key(KeyCode::Esc)]);
    assert!(matches!(app.modal(), Some(Modal::ConfirmQuit)));
    app.update(click(x, y));
    press(&mut app, [key(KeyCode::Char('n'))]);
    assert!(app.modal().is_none());
    app.update(Msg::Resize(50, 12));
    app.update(click(x, y));
    let Value::Select(sel) = value(&app, "constraints") else {
        panic!()
    };
    assert!(
        !sel.checked.contains(&true),
        "no click got through: {sel:?}"
    );
}

#[test]
fn keys_reach_the_form_while_the_terminal_is_too_small() {
    let mut app = open("performance");
    app.update(Msg::Resize(50, 12));
    typ(&mut app, "typed small, ");
    assert_eq!(title(&app), "[PERF] typed small, ");
    app.update(Msg::Resize(120, 40));
    typ(&mut app, "kept");
    assert_eq!(title(&app), "[PERF] typed small, kept");
}

#[test]
fn esc_with_nothing_typed_quits_and_clears_a_picker_filter_first() {
    let mut app = open("performance");
    let effects = press(&mut app, [key(KeyCode::Esc)]);
    assert!(
        matches!(&effects[..], [Effect::Exit(After::Nothing)]),
        "{effects:?}"
    );
    let mut picker = App::with_picker(config(), Vec::new(), (80, 24));
    typ(&mut picker, "bug");
    assert!(press(&mut picker, [key(KeyCode::Esc)]).is_empty());
    assert!(matches!(picker.screen(), Screen::Picker(p) if p.filter.is_empty()));
    assert!(matches!(
        press(&mut picker, [key(KeyCode::Esc)])[..],
        [Effect::Exit(After::Nothing)]
    ));
}

#[test]
fn a_draft_keeps_what_still_fits_its_template() {
    let source = discover::resolve("performance").unwrap();
    let template = discover::load(&source).unwrap();
    let draft =
        AnswersFile::parse("title: T\nfields: {priority: low, renamed-field: x}\n", "d").unwrap();
    let mut app = App::with_form(config(), template, source, Some(draft), (120, 40));
    press(&mut app, [key(KeyCode::Enter)]);
    let Value::Select(sel) = value(&app, "priority") else {
        panic!()
    };
    assert_eq!(sel.checked, [false, false, false, true]);
    assert_eq!(
        notice(&app),
        Some((
            "the draft's answers for renamed-field no longer fit the template; they stay in the draft".to_owned(),
            true
        ))
    );
}

/// A draft of `performance` with answers that no longer fit: an unknown id, and a list
/// where the field takes text.
const MISFITS: &str =
    "title: T\nfields:\n  priority: low\n  renamed-field: x\n  performance-issue: [a, b]\n";

fn with_misfits() -> App {
    let source = discover::resolve("performance").unwrap();
    let template = discover::load(&source).unwrap();
    let draft = Loaded::Draft {
        file: Box::new(AnswersFile::parse(MISFITS, "d").unwrap()),
        path: Some(PathBuf::from("/d/builtin-performance.yaml")),
    };
    App::with_form(config(), template, source, draft, (120, 40))
}

fn save_now(app: &mut App) -> String {
    let effects = app.update(Msg::Tick(app.clock() + Duration::from_secs(1)));
    let [Effect::SaveDraft { yaml, .. }] = &effects[..] else {
        panic!("{effects:?}")
    };
    yaml.clone()
}

#[test]
fn answers_that_no_longer_fit_stay_in_every_draft_save() {
    let mut app = with_misfits();
    let Some(Modal::ResumeDraft(offer)) = app.modal() else {
        panic!("{:?}", app.modal())
    };
    assert_eq!(offer.misfits, ["renamed-field", "performance-issue"]);
    press(&mut app, [key(KeyCode::Enter)]);
    assert_eq!(
        app.exit_notes(),
        ["your answers are saved as a draft in /d/builtin-performance.yaml"],
        "the resumed draft is where the answers are"
    );
    typ(&mut app, "!");
    assert_eq!(
        save_now(&mut app),
        "title: T!\nfields:\n  priority: Low - Minor improvement\n  renamed-field: x\n  performance-issue:\n  - a\n  - b\n"
    );
    typ(&mut app, "?");
    assert!(
        save_now(&mut app).contains("  renamed-field: x\n"),
        "and again"
    );
    // An answer given to the same id takes its place.
    press(&mut app, [ctrl('n')]);
    typ(&mut app, "new");
    assert_eq!(
        save_now(&mut app),
        "title: T!?\nfields:\n  performance-issue: new\n  priority: Low - Minor improvement\n  renamed-field: x\n"
    );
}

/// The review lists the draft's answers the issue leaves out, and an export that worked
/// keeps them, alone in the draft, saying where: nothing typed is lost.
#[test]
fn an_export_keeps_the_answers_that_no_longer_fit_and_says_so() {
    let mut app = with_misfits();
    press(&mut app, [key(KeyCode::Enter), ctrl('s')]);
    let screen = {
        use ratatui::{Terminal, backend::TestBackend};
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        terminal
            .draw(|f| issue_composer::tui::screen::draw(f, &app))
            .unwrap();
        terminal.backend().to_string()
    };
    assert!(
        screen
            .contains(" Not sent (no longer in the template; kept in the draft after an export):"),
        "{screen}"
    );
    assert!(screen.contains(r#"   renamed-field = "x""#), "{screen}");
    assert!(
        screen.contains(r#"   performance-issue = ["a","b"]"#),
        "{screen}"
    );
    let effects = app.update(Msg::Written {
        result: Ok(("out.md".into(), Ok("gh".into()))),
        then_exit: false,
    });
    let [Effect::SaveDraft { yaml, .. }] = &effects[..] else {
        panic!("the draft is kept for them, not cleared: {effects:?}")
    };
    assert_eq!(
        yaml,
        "fields:\n  renamed-field: x\n  performance-issue:\n  - a\n  - b\n"
    );
    app.update(Msg::DraftSaved(Ok(PathBuf::from(
        "/d/builtin-performance.yaml",
    ))));
    assert_eq!(
        app.exit_notes(),
        [
            "the draft's answers for renamed-field, performance-issue no longer fit the template and were not sent: they are kept in the draft /d/builtin-performance.yaml"
        ]
    );
}

/// An export done after leaving (print, gh) carries them out, to keep in the draft.
#[test]
fn an_export_after_leaving_carries_the_answers_that_no_longer_fit() {
    let mut app = with_misfits();
    press(&mut app, [key(KeyCode::Enter), ctrl('s')]);
    let effects = press(&mut app, [key(KeyCode::Char('p'))]);
    let Some(Effect::Exit(After::Export { leftover, .. })) = effects.last() else {
        panic!("{effects:?}")
    };
    let (keys, yaml) = &**leftover.as_ref().expect("kept");
    assert_eq!(keys, &["renamed-field", "performance-issue"]);
    assert_eq!(
        yaml,
        "fields:\n  renamed-field: x\n  performance-issue:\n  - a\n  - b\n"
    );
}

#[test]
fn x_in_the_draft_dialog_resumes_without_the_answers_that_no_longer_fit() {
    let mut app = with_misfits();
    press(&mut app, [key(KeyCode::Char('x'))]);
    assert!(app.modal().is_none());
    assert_eq!(
        notice(&app),
        Some((
            "the draft's answers for renamed-field, performance-issue no longer fit the template and were dropped".to_owned(),
            true
        ))
    );
    assert_eq!(
        save_now(&mut app),
        "title: T\nfields:\n  priority: Low - Minor improvement\n",
        "the next save leaves them out, without any other change"
    );
}

#[test]
fn an_unreadable_draft_that_was_moved_aside_is_reported_on_the_form() {
    let source = discover::resolve("performance").unwrap();
    let template = discover::load(&source).unwrap();
    let to = PathBuf::from("/d/builtin-performance.yaml.corrupt-20240229T123456Z");
    let moved = Loaded::MovedAside {
        to: to.clone(),
        reason: "line 1, column 8: expected string scalar".to_owned(),
    };
    let mut app = App::with_form(config(), template, source, moved, (120, 40));
    assert!(matches!(app.screen(), Screen::Form(_)));
    assert!(
        matches!(app.modal(), Some(Modal::DraftMoved { to: t, reason })
            if *t == to && reason == "line 1, column 8: expected string scalar"),
        "{:?}",
        app.modal()
    );
    press(&mut app, [key(KeyCode::Enter)]);
    assert_eq!(
        notice(&app),
        Some((
            "the unreadable draft is kept in /d/builtin-performance.yaml.corrupt-20240229T123456Z"
                .to_owned(),
            true
        ))
    );
    typ(&mut app, "new");
    save_now(&mut app);
    app.update(Msg::DraftSaved(Ok(PathBuf::from(
        "/d/builtin-performance.yaml",
    ))));
    assert_eq!(
        app.exit_notes(),
        [
            "the unreadable draft was moved to /d/builtin-performance.yaml.corrupt-20240229T123456Z",
            "your answers are saved as a draft in /d/builtin-performance.yaml"
        ]
    );
}

#[test]
fn a_draft_that_could_not_be_moved_aside_is_never_saved_over() {
    let source = discover::resolve("performance").unwrap();
    let template = discover::load(&source).unwrap();
    let stuck = Failure {
        path: Some(PathBuf::from("/d/builtin-performance.yaml")),
        reason: "the draft there cannot be read (x) nor moved aside (y), and is not overwritten"
            .to_owned(),
    };
    let mut app = App::with_form(
        config(),
        template,
        source,
        Loaded::Stuck(stuck.clone()),
        (120, 40),
    );
    assert!(matches!(app.modal(), Some(Modal::DraftStuck(f)) if *f == stuck));
    press(&mut app, [key(KeyCode::Enter)]);
    typ(&mut app, "typed");
    let effects = app.update(Msg::Tick(Instant::now() + Duration::from_secs(1)));
    assert!(effects.is_empty(), "no save: {effects:?}");
    assert!(press(&mut app, [ctrl('c')]).is_empty());
    assert!(matches!(app.modal(), Some(Modal::SaveFailed(f)) if *f == stuck));
    assert_eq!(press(&mut app, [ctrl('c')]), [Effect::Exit(After::Unsaved)]);
}

/// A form with a required field, a number, a pattern and a required checkbox.
const RULES: &str = "name: Rules\ntitle: '[R] '\nbody:\n  - type: input\n    id: version\n    attributes: {label: Version}\n    validations: {required: true, regex: '^\\d+\\.\\d+$'}\n  - type: input\n    id: count\n    attributes: {label: Count}\n    validations: {is_number: true}\n  - type: checkboxes\n    id: terms\n    attributes:\n      label: Terms\n      options:\n        - label: I agree\n          required: true\n";

fn open_rules() -> App {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rules.yml");
    std::fs::write(&path, RULES).unwrap();
    let source = Source::File(path);
    let template = discover::load(&source).unwrap();
    App::with_form(config(), template, source, None, (120, 40))
}

fn shown_error(app: &App, id: &str) -> Option<String> {
    let form = app.form().unwrap();
    form.model()
        .shown_error(form.form().field_index(id).unwrap())
}

#[test]
fn problems_show_under_a_field_once_it_is_left() {
    let mut app = open_rules();
    let section = app.form().unwrap().form().fields[0].section();
    assert_eq!(
        app.form().unwrap().model().mark(section),
        Mark::Untouched,
        "no ! before anything is touched"
    );
    press(&mut app, [key(KeyCode::Tab)]);
    assert_eq!(focus(&app), field(&app, "version"));
    typ(&mut app, "1.x");
    assert_eq!(shown_error(&app, "version"), None, "not while first typing");
    press(&mut app, [key(KeyCode::Tab)]);
    assert_eq!(
        shown_error(&app, "version").as_deref(),
        Some("Must match the pattern `^\\d+\\.\\d+$`")
    );
    typ(&mut app, "many");
    assert_eq!(shown_error(&app, "count"), None);
    press(&mut app, [key(KeyCode::Tab)]);
    assert_eq!(
        shown_error(&app, "count").as_deref(),
        Some("Must be a number")
    );
    press(&mut app, [key(KeyCode::Tab)]);
    assert_eq!(
        shown_error(&app, "terms").as_deref(),
        Some("`I agree` must be ticked")
    );
    let form = app.form().unwrap();
    let section = form.form().fields[0].section();
    assert_eq!(form.model().mark(section), Mark::Missing, "the sidebar's !");
    // Fixed where it was left: the message goes as soon as the answer is right.
    let back_tab = Msg::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    press(&mut app, [back_tab.clone(), back_tab.clone(), back_tab]);
    assert_eq!(focus(&app), field(&app, "version"));
    press(&mut app, [key(KeyCode::Backspace)]);
    typ(&mut app, "2");
    assert_eq!(value(&app, "version"), Value::Text("1.2".into()));
    assert_eq!(shown_error(&app, "version"), None);
}

#[test]
fn the_review_lists_every_problem_and_enter_goes_to_it() {
    let mut app = open_rules();
    typ(&mut app, "broken");
    press(&mut app, [key(KeyCode::Tab)]);
    typ(&mut app, "one");
    press(&mut app, [key(KeyCode::Tab)]);
    typ(&mut app, "two");
    press(&mut app, [ctrl('s')]);
    let Screen::Review(review) = app.screen() else {
        panic!("not in the review")
    };
    assert_eq!(
        review.problems(&Plan::default()),
        [
            Problem::Field(0, "must match the pattern `^\\d+\\.\\d+$`".into()),
            Problem::Field(1, "must be a number".into()),
            Problem::Field(2, "`I agree` must be ticked".into()),
        ]
    );
    press(&mut app, [key(KeyCode::Down), key(KeyCode::Enter)]);
    assert!(matches!(app.screen(), Screen::Form(_)));
    assert_eq!(focus(&app), field(&app, "count"));
    assert!(
        shown_error(&app, "terms").is_some(),
        "after the review every field shows its problems"
    );
}

#[test]
fn b_in_the_review_leaves_for_the_prefilled_web_page() {
    let plan = Plan {
        target: Target {
            repo: Some("o/r".into()),
            ..Target::default()
        },
        ..Plan::default()
    };
    let mut app = with_exports("performance", plan);
    let effects = press(&mut app, [ctrl('s'), key(KeyCode::Char('b'))]);
    let Some(Effect::Exit(After::Export { plan, .. })) = effects.last() else {
        panic!("no exit: {effects:?}")
    };
    assert!(plan.web && !plan.print && plan.forges.is_empty() && plan.file.is_none());
    assert_eq!(plan.target.repo.as_deref(), Some("o/r"));
}

#[test]
fn command_line_labels_and_assignees_add_to_the_templates() {
    let people = People {
        labels: vec!["bug".into(), "urgent".into()],
        assignees: vec!["octocat".into()],
    };
    let mut app = open_with("bug-report", Config { people, ..config() });
    let answers = app.form().unwrap().answers().clone();
    assert_eq!(answers.labels.iter().filter(|l| *l == "bug").count(), 1);
    assert!(answers.labels.contains(&"urgent".to_owned()));
    assert_eq!(answers.assignees, ["octocat"]);
    assert!(
        !press(&mut app, [key(KeyCode::Esc)]).is_empty(),
        "nothing typed: Esc quits without asking"
    );
}

#[test]
fn key_overrides_change_dispatch_and_the_footer() {
    let mut overrides = std::collections::BTreeMap::new();
    overrides.insert("review".to_owned(), vec!["f5".to_owned()]);
    let keys = Keymap::with_overrides(&overrides);
    let footer = keys.footer(issue_composer::tui::keymap::Context::Form, &[]);
    assert!(footer.contains(&("F5".to_owned(), "review")), "{footer:?}");
    assert!(!footer.iter().any(|(k, _)| k == "Ctrl-S"));
    let mut app = open_with("performance", Config { keys, ..config() });
    press(&mut app, [ctrl('s')]);
    assert!(
        matches!(app.screen(), Screen::Form(_)),
        "Ctrl-S no longer reviews"
    );
    press(&mut app, [key(KeyCode::F(5))]);
    assert!(matches!(app.screen(), Screen::Review(_)));
}

fn picker_with(choices: &[Choice]) -> App {
    let entries = choices
        .iter()
        .map(|c| Entry::from_choice(c, None))
        .collect();
    App::with_picker(config(), entries, (80, 24))
}

fn link() -> Choice {
    Choice::Link(Link {
        name: "Ask a question".into(),
        about: "Questions go to the forum".into(),
        url: "https://example.com/forum".into(),
        refused: None,
    })
}

/// A `config.yml` link that would be an option to the browser: shown as refused, and
/// Enter opens nothing (before, it left with `--new-window=...` for `$BROWSER`).
#[test]
fn the_picker_shows_a_refused_contact_link_and_never_visits_it() {
    let chooser = discover::chooser(
        "contact_links:\n  - name: Evil\n    url: --new-window=file:///etc/passwd\n    about: Click\n",
        "config.yml",
    );
    let mut app = picker_with(&discover::choices_of(Vec::new(), &chooser));
    let Screen::Picker(picker) = app.screen() else {
        panic!()
    };
    let why = "not opened: only http(s) links are (url: --new-window=file:///etc/passwd)";
    assert_eq!(
        (
            picker.entries[0].origin.as_str(),
            picker.entries[0].about.as_str()
        ),
        ("link: refused", why)
    );
    let effects = press(&mut app, [key(KeyCode::Enter)]);
    assert_eq!(effects, []);
    assert!(!app.exited());
    assert_eq!(notice(&app), Some((why.to_owned(), true)));
}

#[test]
fn the_picker_opens_the_blank_issue_and_leaves_for_a_contact_link() {
    let mut app = picker_with(&[link(), Choice::Blank]);
    let Screen::Picker(picker) = app.screen() else {
        panic!()
    };
    assert_eq!(picker.entries[1].name, "Blank issue");
    let effects = press(&mut app, [key(KeyCode::Down), key(KeyCode::Enter)]);
    assert_eq!(effects, [Effect::Open(Source::Builtin(discover::BLANK))]);
    typ(&mut app, "forum");
    let effects = press(&mut app, [key(KeyCode::Enter)]);
    assert_eq!(
        effects,
        [Effect::Exit(After::Visit(
            "https://example.com/forum".into()
        ))]
    );
    assert!(app.exited());
}

#[test]
fn the_write_dialog_suggests_the_configured_path_unless_the_command_line_names_one() {
    let output = issue_composer::config::ExportDefaults {
        folder: PathBuf::from("/tmp/issues"),
        file_name: "{date}-{stem}.md".into(),
        ..Default::default()
    };
    let config = Config {
        output,
        today: "2024-05-06".into(),
        ..config()
    };
    let mut app = open_with("performance", config.clone());
    typ(&mut app, "t");
    press(&mut app, [ctrl('s'), key(KeyCode::Char('w'))]);
    let Some(Modal::Path { path, .. }) = app.modal() else {
        panic!()
    };
    assert_eq!(path.text(), "/tmp/issues/2024-05-06-performance.md");
    let plan = Plan {
        file: Some(file("/elsewhere/x.md")),
        ..Plan::default()
    };
    let mut app = open_with("performance", Config { plan, ..config });
    typ(&mut app, "t");
    press(&mut app, [ctrl('s'), key(KeyCode::Char('w'))]);
    let Some(Modal::Path { path, .. }) = app.modal() else {
        panic!()
    };
    assert_eq!(path.text(), "/elsewhere/x.md");
}

/// A burst of plain characters arrives as one `Type`; keys with modifiers, Enter and
/// the rest stay as they came, in order.
#[test]
fn a_burst_of_typing_is_coalesced_into_one_insert() {
    use issue_composer::tui::coalesce;
    let c = |ch: char| key(KeyCode::Char(ch));
    let batch = vec![
        c('a'),
        c('b'),
        key(KeyCode::Enter),
        c('c'),
        ctrl('c'),
        c('d'),
        c('e'),
    ];
    let out = coalesce(batch);
    assert_eq!(out.len(), 5);
    assert!(matches!(&out[0], Msg::Type(t) if t == "ab"));
    assert!(matches!(&out[1], Msg::Key(k) if k.code == KeyCode::Enter));
    assert!(
        matches!(&out[2], Msg::Key(k) if k.code == KeyCode::Char('c') && k.modifiers.is_empty())
    );
    assert!(matches!(&out[3], Msg::Key(k) if k.modifiers.contains(KeyModifiers::CONTROL)));
    assert!(matches!(&out[4], Msg::Type(t) if t == "de"));
}

/// Typed text goes into a text area as one insert; into a choice each character is the
/// key it was (a space ticks).
#[test]
fn typed_text_inserts_into_text_and_keys_elsewhere() {
    let mut app = open("performance");
    let issue = app
        .form()
        .unwrap()
        .form()
        .field_index("performance-issue")
        .unwrap();
    while app.form().unwrap().focus() != Focus::Field(issue) {
        press(&mut app, [key(KeyCode::Tab)]);
    }
    app.update(Msg::Type("Since 2.3 it is slow".into()));
    assert_eq!(
        value(&app, "performance-issue"),
        Value::Text("Since 2.3 it is slow".into())
    );
    let mut app = open("performance");
    let causes = app
        .form()
        .unwrap()
        .form()
        .field_index("suspected-causes")
        .unwrap();
    while app.form().unwrap().focus() != Focus::Field(causes) {
        press(&mut app, [key(KeyCode::Tab)]);
    }
    app.update(Msg::Type(" x".into()));
    let Value::Select(sel) = value(&app, "suspected-causes") else {
        panic!("a selection")
    };
    assert!(sel.checked[0], "the space ticked the first box");
}

/// A repository template that links out of the repository is listed with the reason and
/// Enter does not open it (before, it opened the linked file as the template).
#[cfg(unix)]
#[test]
fn the_picker_never_opens_a_template_linking_out_of_the_repository() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret.md");
    std::fs::write(&secret, "---\nname: Secret\nabout: x\n---\n\n## Token\n").unwrap();
    let root = dir.path().join("repo");
    let folder = root.join(".github/ISSUE_TEMPLATE");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::create_dir_all(&folder).unwrap();
    std::os::unix::fs::symlink(&secret, folder.join("bug.md")).unwrap();
    let catalog = discover::catalog(&root);
    let mut app = picker_with(&catalog.choices());
    let why = format!(
        "{} is a symbolic link to a file outside the repository",
        folder.join("bug.md").display()
    );
    let Screen::Picker(picker) = app.screen() else {
        panic!()
    };
    assert_eq!(picker.entries[0].about, format!("cannot read: {why}"));
    assert_eq!(press(&mut app, [key(KeyCode::Enter)]), []);
    assert_eq!(notice(&app), Some((why, true)));
}

fn preview_text(app: &App) -> String {
    let view = app.form().unwrap().view();
    view.preview.as_ref().unwrap().text().to_owned()
}

fn full_body(app: &App) -> String {
    let form = app.form().unwrap();
    issue_composer::render(form.template(), form.answers()).body
}

#[test]
fn the_preview_after_every_edit_is_the_full_render() {
    for name in [
        "performance",
        "bug-report",
        "feature-request",
        "go-performance",
    ] {
        let mut app = open(name);
        press(&mut app, [key(KeyCode::F(2))]);
        assert_eq!(preview_text(&app), full_body(&app), "{name}: opened");
        let mut changes = 0;
        // Round the form several times: type, tick, add items and lines, delete, paste.
        for step in 0..240 {
            let before = full_body(&app);
            let msg = match step % 7 {
                0 => key(KeyCode::Tab),
                1 => key(KeyCode::Char('x')),
                2 => key(KeyCode::Char(' ')),
                3 => key(KeyCode::Enter),
                4 => Msg::Paste("a\n```\nb".into()),
                5 => key(KeyCode::Backspace),
                _ => key(KeyCode::Down),
            };
            press(&mut app, [msg]);
            changes += usize::from(full_body(&app) != before);
            assert_eq!(preview_text(&app), full_body(&app), "{name}: step {step}");
            let preview = app.form().unwrap().view().preview.as_ref().unwrap();
            assert!(
                preview.lines_from(0).eq(preview.text().lines()),
                "{name}: the lines after step {step}"
            );
        }
        assert!(
            changes >= 15,
            "{name}: only {changes} steps changed the body"
        );
        // Closed while typing, opened again: it shows the answers as they are now.
        press(&mut app, [key(KeyCode::F(2))]);
        assert!(app.form().unwrap().view().preview.is_none());
        typ(&mut app, "more");
        press(&mut app, [key(KeyCode::F(2))]);
        assert_eq!(preview_text(&app), full_body(&app), "{name}: reopened");
    }
}

#[test]
fn the_preview_follows_the_focused_section_and_the_wheel_scrolls_it() {
    let mut app = open("performance");
    press(&mut app, [key(KeyCode::F(2))]);
    go(&mut app, "target-metrics");
    let state = app.form().unwrap();
    let follow = state.preview_follow();
    let preview = state.view().preview.as_ref().unwrap();
    let heading = preview
        .text()
        .lines()
        .position(|l| l.starts_with('#') && l.contains("Target Metrics"))
        .unwrap();
    assert_eq!(follow, heading);
    assert_eq!(
        preview.lines_from(heading).next(),
        preview.text().lines().nth(heading)
    );
    let lines = preview.line_count();
    assert_eq!(lines, preview.text().lines().count());
    // The wheel over the preview (the right half of 120 columns) scrolls it by 3 lines,
    // and no further than its last line.
    let wheel = |kind| {
        Msg::Mouse(MouseEvent {
            kind,
            column: 100,
            row: 10,
            modifiers: KeyModifiers::NONE,
        })
    };
    app.update(wheel(MouseEventKind::ScrollDown));
    let scroll = || app.form().unwrap().view().preview_scroll;
    assert_eq!(scroll(), Some(follow + 3));
    // Typing keeps the scrolled place; the text is up to date.
    typ(&mut app, "12 ms");
    assert_eq!(app.form().unwrap().view().preview_scroll, Some(follow + 3));
    assert!(preview_text(&app).contains("12 ms"));
    for _ in 0..200 {
        app.update(wheel(MouseEventKind::ScrollDown));
    }
    let last = lines - 1;
    assert_eq!(app.form().unwrap().view().preview_scroll, Some(last));
    // Moving on follows the next section's heading again.
    press(&mut app, [ctrl('n')]);
    let state = app.form().unwrap();
    assert_eq!(state.view().preview_scroll, None);
    let title = &state.form().sections[state.current_section()].title;
    let preview = state.view().preview.as_ref().unwrap();
    let top = preview.lines_from(state.preview_follow()).next().unwrap();
    assert!(top.starts_with('#') && top.contains(&**title), "{top}");
}

/// The external editor: what it saved, or why nothing changed, in words.
#[test]
fn the_editor_says_why_nothing_changed() {
    use issue_composer::tui::edit_externally;
    assert_eq!(
        edit_externally(Some("sed -i s/before/after/"), "before\n", "md"),
        Ok("after\n".to_owned())
    );
    assert_eq!(
        edit_externally(Some("rm"), "x", "md"),
        Err("the editor removed the file it was given".to_owned())
    );
    assert_eq!(
        edit_externally(Some("false"), "x", "md"),
        Err("the editor `false` failed (exit status: 1)".to_owned())
    );
    let mut app = open("performance");
    let f = app
        .form()
        .unwrap()
        .form()
        .field_index("performance-issue")
        .unwrap();
    let before = value(&app, "performance-issue");
    app.update(Msg::Edited {
        field: f,
        text: Err("the editor removed the file it was given".to_owned()),
    });
    assert_eq!(value(&app, "performance-issue"), before);
    assert_eq!(
        notice(&app),
        Some((
            "the editor removed the file it was given; nothing changed".to_owned(),
            true
        ))
    );
}

/// `~/` typed in the write dialog is the home folder, as in config.toml.
#[test]
fn the_write_dialog_takes_the_home_folder_as_tilde() {
    let mut app = open("performance");
    typ(&mut app, "T");
    press(&mut app, [ctrl('s'), key(KeyCode::Char('w'))]);
    press(&mut app, (0..40).map(|_| key(KeyCode::Backspace)));
    typ(&mut app, "~/x.md");
    let effects = press(&mut app, [key(KeyCode::Enter)]);
    let home = std::path::PathBuf::from(std::env::var("HOME").unwrap());
    assert!(
        matches!(&effects[..], [Effect::Write { path, .. }] if *path == home.join("x.md")),
        "{effects:?}"
    );
}

/// A body of more lines than a `u16` counts: the wheel reaches its last line.
#[test]
fn the_wheel_reaches_the_end_of_a_very_long_preview() {
    let mut app = open("performance");
    let answers = format!(
        "fields:\n  performance-issue: |\n{}",
        "    x\n".repeat(70_000)
    );
    app.start_from(&AnswersFile::parse(&answers, "a.yaml").unwrap());
    press(&mut app, [key(KeyCode::F(2))]);
    let lines = app
        .form()
        .unwrap()
        .view()
        .preview
        .as_ref()
        .unwrap()
        .line_count();
    assert!(lines > 70_000, "{lines}");
    let wheel = Msg::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 100,
        row: 10,
        modifiers: KeyModifiers::NONE,
    });
    for _ in 0..(lines / 3 + 2) {
        app.update(wheel.clone());
    }
    assert_eq!(app.form().unwrap().view().preview_scroll, Some(lines - 1));
}

/// The picker's cursor.
fn picker_cursor(app: &App) -> usize {
    match app.screen() {
        Screen::Picker(p) => p.cursor,
        _ => panic!("not the picker"),
    }
}

/// 500 templates: `PgDn` and `PgUp` move a page (the entries an 80×24 picker shows),
/// Home and End go to the first and the last.
#[test]
fn long_lists_move_by_pages_and_to_their_ends_in_the_picker() {
    let entries = (0..500)
        .map(|i| Entry {
            pick: issue_composer::tui::app::Pick::Refused("no".into()),
            name: format!("Template {i}"),
            about: String::new(),
            origin: "repo".into(),
        })
        .collect();
    let mut app = App::with_picker(config(), entries, (80, 24));
    press(&mut app, [key(KeyCode::PageDown)]);
    assert_eq!(picker_cursor(&app), 9);
    press(
        &mut app,
        [
            key(KeyCode::PageDown),
            key(KeyCode::PageUp),
            key(KeyCode::Down),
        ],
    );
    assert_eq!(picker_cursor(&app), 10);
    press(&mut app, [key(KeyCode::End)]);
    assert_eq!(picker_cursor(&app), 499);
    press(&mut app, [key(KeyCode::PageDown)]);
    assert_eq!(picker_cursor(&app), 499);
    press(&mut app, [key(KeyCode::Home)]);
    assert_eq!(picker_cursor(&app), 0);
    press(&mut app, [key(KeyCode::PageUp)]);
    assert_eq!(picker_cursor(&app), 0);
}

/// A 5,000-option dropdown: End goes to the last option, Home to the first, `PgDn` and
/// `PgUp` move ten options; End works in a short one too.
#[test]
fn long_option_lists_move_by_pages_and_to_their_ends() {
    let dir = tempfile::tempdir().unwrap();
    let mut options = String::new();
    for i in 1..=5000 {
        options.push_str("        - option ");
        options.push_str(&i.to_string());
        options.push('\n');
    }
    let yml = format!(
        "name: Many\ndescription: d\nbody:\n  - type: dropdown\n    id: pick\n    attributes:\n      label: Pick\n      options:\n{options}  - type: dropdown\n    id: few\n    attributes:\n      label: Few\n      options:\n        - a\n        - b\n  - type: input\n    id: after\n    attributes:\n      label: After\n"
    );
    let path = dir.path().join("many.yml");
    std::fs::write(&path, yml).unwrap();
    let mut app = open(path.to_str().unwrap());
    while focus(&app) != field(&app, "pick") {
        press(&mut app, [key(KeyCode::Tab)]);
    }
    let chosen = |app: &App, id: &str| match value(app, id) {
        Value::Select(s) => s.checked.iter().position(|c| *c),
        other => panic!("{other:?}"),
    };
    press(&mut app, [key(KeyCode::End), key(KeyCode::Char(' '))]);
    assert_eq!(chosen(&app, "pick"), Some(4999));
    press(
        &mut app,
        [
            key(KeyCode::Home),
            key(KeyCode::PageDown),
            key(KeyCode::Char(' ')),
        ],
    );
    assert_eq!(chosen(&app, "pick"), Some(10));
    press(
        &mut app,
        [
            key(KeyCode::PageDown),
            key(KeyCode::PageUp),
            key(KeyCode::PageUp),
            key(KeyCode::Char(' ')),
        ],
    );
    assert_eq!(chosen(&app, "pick"), Some(0));
    assert_eq!(focus(&app), field(&app, "pick"));
    press(&mut app, [key(KeyCode::Tab)]);
    assert_eq!(focus(&app), field(&app, "few"));
    press(&mut app, [key(KeyCode::End), key(KeyCode::Char(' '))]);
    assert_eq!(chosen(&app, "few"), Some(1));
}

/// A file, the clipboard and the printed body need no title: with only the title
/// missing, `w`, `c` and `p` work in the review; `g` and `b` still ask for one.
#[test]
fn only_gh_glab_and_the_browser_need_a_title() {
    let mut app = open("blank");
    press(&mut app, [ctrl('s')]);
    assert!(
        matches!(app.screen(), Screen::Review(_)),
        "{:?}",
        app.screen()
    );
    let refused = press(&mut app, [key(KeyCode::Char('g'))]);
    assert!(refused.is_empty(), "{refused:?}");
    assert!(
        notice(&app).is_some_and(
            |(text, problem)| problem && text.starts_with("fix the problems listed first")
        ),
        "{:?}",
        notice(&app)
    );
    assert!(press(&mut app, [key(KeyCode::Char('b'))]).is_empty());
    let copied = press(&mut app, [key(KeyCode::Char('c'))]);
    assert!(matches!(&copied[..], [Effect::Copy { .. }]), "{copied:?}");
    press(&mut app, [key(KeyCode::Char('w'))]);
    assert!(
        matches!(app.modal(), Some(Modal::Path { .. })),
        "{:?}",
        app.modal()
    );
    press(&mut app, [key(KeyCode::Esc)]);
    let printed = press(&mut app, [key(KeyCode::Char('p'))]);
    assert!(
        matches!(printed.last(), Some(Effect::Exit(After::Export { plan, .. })) if plan.print),
        "{printed:?}"
    );
}

#[test]
fn the_review_warns_about_fields_still_holding_the_templates_example_without_blocking() {
    let mut app = open("go-performance");
    typ(&mut app, "Faster parsing");
    press(&mut app, [ctrl('s')]);
    let Screen::Review(review) = app.screen() else {
        panic!("not in the review")
    };
    assert!(
        review.problems(&Plan::default()).is_empty(),
        "examples do not block"
    );
    let form = app.form().unwrap().form();
    let ids: Vec<&str> = review
        .examples()
        .iter()
        .map(|&f| &*form.fields[f].id)
        .collect();
    assert_eq!(
        ids,
        [
            "benchmark-results-baseline",
            "code-example",
            "configuration-changes",
            "benchmarks",
            "references"
        ]
    );
    let code = form.field_index("code-example").unwrap();
    let section = form.fields[code].section();
    assert_eq!(app.form().unwrap().model().mark(section), Mark::Example);
    // Down selects the first example, again the second; Enter goes to it.
    press(
        &mut app,
        [key(KeyCode::Down), key(KeyCode::Down), key(KeyCode::Enter)],
    );
    assert!(matches!(app.screen(), Screen::Form(_)));
    assert_eq!(focus(&app), field(&app, "code-example"));
    // Typed over, the example is gone from the list and the mark.
    typ(&mut app, "x");
    assert_eq!(app.form().unwrap().model().mark(section), Mark::Done);
    press(&mut app, [ctrl('s')]);
    let Screen::Review(review) = app.screen() else {
        panic!("not in the review")
    };
    assert_eq!(review.examples().len(), 4);
}

#[test]
fn enter_in_a_review_with_only_examples_still_runs_the_command_line_exports() {
    let mut app = with_exports("go-performance", Plan::print_only());
    typ(&mut app, "Faster parsing");
    press(&mut app, [ctrl('s')]);
    let effects = press(&mut app, [key(KeyCode::Enter)]);
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Exit(_))),
        "{effects:?}"
    );
}

#[test]
fn tab_types_a_tab_in_a_code_block_and_ctrl_arrows_move_on() {
    let mut app = open("go-performance");
    go(&mut app, "code-example");
    assert_eq!(focus(&app), field(&app, "code-example"));
    press(&mut app, [ctrl('u')]);
    typ(&mut app, "a");
    press(&mut app, [key(KeyCode::Tab)]);
    typ(&mut app, "b");
    assert_eq!(focus(&app), field(&app, "code-example"), "Tab stayed");
    let Value::Text(text) = value(&app, "code-example") else {
        panic!("not text")
    };
    assert!(text.starts_with("a\tb"), "{text:?}");
    let ctrl_key = |code| Msg::Key(KeyEvent::new(code, KeyModifiers::CONTROL));
    press(&mut app, [ctrl_key(KeyCode::Down)]);
    assert_eq!(focus(&app), field(&app, "configuration-changes"));
    press(&mut app, [ctrl_key(KeyCode::Up)]);
    assert_eq!(focus(&app), field(&app, "code-example"));
    press(&mut app, [key(KeyCode::BackTab)]);
    assert_eq!(focus(&app), field(&app, "technical-approach"));
    // Anywhere else Tab still moves on: a text area.
    press(&mut app, [key(KeyCode::Tab)]);
    assert_eq!(focus(&app), field(&app, "code-example"));
    go(&mut app, "dependencies");
    press(&mut app, [key(KeyCode::Tab)]);
    assert_eq!(focus(&app), field(&app, "dependencies/depends-on"));
}

/// Of several opening warnings the notice shows the first and says how many more there
/// are and where to read them (it showed the first alone).
#[test]
fn opening_with_several_warnings_says_how_many_more() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.md");
    std::fs::write(
        &path,
        "---\nname: \"N\\a\"\nabout: \"A\\a\"\ntitle: \"T\\a\"\nlabels: [\"l\\a\"]\nassignees: [\"x\\a\"]\ntype: \"B\\a\"\n---\n## A\n",
    )
    .unwrap();
    let source = Source::File(path.clone());
    let template = discover::load(&source).unwrap();
    assert_eq!(template.opening_warnings().len(), 6);
    let app = App::with_form(config(), template, source, None, (120, 40));
    assert_eq!(
        notice(&app),
        Some((
            format!(
                "warning: {}:2:7: `name` `N\\x07` holds a control character; it is removed … and 5 more: `issue-composer check {}`",
                path.display(),
                path.display()
            ),
            true
        ))
    );
}

/// The blank issue opened where the repository's `config.yml` turns blank issues off
/// shows the warning `render` prints, as the other opening warnings are shown.
#[test]
fn the_blank_issue_where_blank_issues_are_off_opens_with_the_warning() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    let templates = root.join(".github/ISSUE_TEMPLATE");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("config.yml"),
        "blank_issues_enabled: false\n",
    )
    .unwrap();
    let source = Source::Builtin(discover::BLANK);
    let (template, _) = discover::load_from(&source, root).unwrap();
    let app = App::with_form(config(), template, source.clone(), None, (120, 40));
    assert_eq!(
        notice(&app),
        Some((
            "warning: .github/ISSUE_TEMPLATE/config.yml:1:1: this repository turns blank issues \
             off (blank_issues_enabled: false); GitHub's web form would not offer one"
                .to_owned(),
            true
        ))
    );
    std::fs::write(templates.join("config.yml"), "blank_issues_enabled: true\n").unwrap();
    let (template, _) = discover::load_from(&source, root).unwrap();
    let app = App::with_form(config(), template, source, None, (120, 40));
    assert_eq!(notice(&app), None);
}

/// Raw escape sequences in front matter (the bytes) open with the same notice as YAML
/// escapes (the form said nothing).
#[test]
fn opening_a_template_with_raw_escapes_in_front_matter_warns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("raw.md");
    std::fs::write(
        &path,
        "---\nname: raw\nabout: \"x\"\ntitle: \"raw\u{1b}[31mred\"\n---\n\n## S\n",
    )
    .unwrap();
    let source = Source::File(path.clone());
    let template = discover::load(&source).unwrap();
    let app = App::with_form(config(), template, source, None, (120, 40));
    assert_eq!(title(&app), "rawred");
    assert_eq!(
        notice(&app),
        Some((
            format!(
                "warning: {}:4:8: `title` `raw\\e[31mred` holds an escape sequence; it is removed",
                path.display()
            ),
            true
        ))
    );
}

/// A template whose front matter writes control characters as YAML escapes opens with
/// a notice naming the first value's place and what is removed (they are removed).
#[test]
fn opening_a_template_with_yaml_escapes_in_front_matter_warns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bug.md");
    std::fs::write(
        &path,
        "---\nname: Bug\nabout: A bug\ntitle: \"a\\u0007b\"\n---\n## A\n",
    )
    .unwrap();
    let source = Source::File(path.clone());
    let template = discover::load(&source).unwrap();
    let app = App::with_form(config(), template, source, None, (120, 40));
    assert_eq!(title(&app), "ab");
    assert_eq!(
        notice(&app),
        Some((
            format!(
                "warning: {}:4:8: `title` `a\\x07b` holds a control character; it is removed",
                path.display()
            ),
            true
        ))
    );
}

/// Answers from `--answers` that nothing changed write no draft on the way out, and
/// the exit message says so instead of keeping quiet; once something changes, the
/// draft is saved and named.
#[test]
fn quitting_answers_from_a_file_unchanged_says_no_draft_was_saved() {
    let mut app = open("performance");
    app.start_from(&AnswersFile::parse("title: \"[PERF] x\"\n", "a.yaml").unwrap());
    app.started_from("the answers file a.yaml, which stays as it was".to_owned());
    // The question first: the form holds answers.
    assert!(press(&mut app, [key(KeyCode::Esc)]).is_empty());
    assert_eq!(
        press(&mut app, [key(KeyCode::Char('y'))]),
        [Effect::Exit(After::Nothing)],
        "nothing changed: no draft to save"
    );
    assert_eq!(
        app.exit_notes(),
        [
            "nothing changed since the answers file a.yaml, which stays as it was: no draft was saved"
        ]
    );
    let mut off = open_with(
        "performance",
        Config {
            drafts: false,
            ..config()
        },
    );
    off.start_from(&AnswersFile::parse("title: \"[PERF] x\"\n", "a.yaml").unwrap());
    off.started_from("the answers file a.yaml, which stays as it was".to_owned());
    assert_eq!(
        off.exit_notes(),
        [
            "nothing changed since the answers file a.yaml, which stays as it was: no draft was saved"
        ]
    );
    typ(&mut off, "y");
    assert_eq!(
        off.exit_notes(),
        ["drafts are off (--no-draft): no draft of your answers was saved"]
    );
    let mut app = open("performance");
    app.start_from(&AnswersFile::parse("title: \"[PERF] x\"\n", "a.yaml").unwrap());
    app.started_from("the answers file a.yaml, which stays as it was".to_owned());
    typ(&mut app, "y");
    let effects = press(&mut app, [ctrl('c')]);
    assert!(
        matches!(&effects[..], [Effect::SaveDraft { .. }]),
        "{effects:?}"
    );
    app.update(Msg::DraftSaved(Ok(PathBuf::from("/d/p.yaml"))));
    assert_eq!(
        app.exit_notes(),
        ["your answers are saved as a draft in /d/p.yaml"]
    );
}
