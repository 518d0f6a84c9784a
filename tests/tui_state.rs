//! The app as a state machine: key events in, focus, values and effects out. No terminal.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use issue_composer::discover::{self, Source};
use issue_composer::form::{AnswersFile, Value};
use issue_composer::tui::app::{
    After, App, Config, Effect, Focus, Modal, Msg, Screen, WriteFailure,
};
use issue_composer::tui::theme::Theme;

fn config() -> Config {
    Config {
        exports: issue_composer::cli::ExportArgs::default(),
        drafts: true,
        theme: Theme::plain(),
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

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new_with_kind(
        code,
        KeyModifiers::NONE,
        KeyEventKind::Press,
    ))
}

fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn press(app: &mut App, msgs: impl IntoIterator<Item = Msg>) -> Vec<Effect> {
    msgs.into_iter().flat_map(|m| app.update(m)).collect()
}

fn typ(app: &mut App, text: &str) -> Vec<Effect> {
    press(app, text.chars().map(|c| key(KeyCode::Char(c))))
}

fn focus(app: &App) -> Focus {
    app.form.as_ref().unwrap().focus
}

fn value(app: &App, id: &str) -> Value {
    let form = app.form.as_ref().unwrap();
    let i = form.form().field_index(id).unwrap();
    form.answers.values[i].clone()
}

fn field(app: &App, id: &str) -> Focus {
    Focus::Field(app.form.as_ref().unwrap().form().field_index(id).unwrap())
}

#[test]
fn focus_starts_in_the_title_after_its_prefix() {
    let mut app = open("performance");
    assert_eq!(focus(&app), Focus::Header(0));
    typ(&mut app, "Slow search");
    assert_eq!(
        app.form.as_ref().unwrap().answers.title,
        "[PERF] Slow search"
    );
}

#[test]
fn tab_walks_header_then_fields_across_sections_and_back() {
    let mut app = open("performance");
    press(
        &mut app,
        [key(KeyCode::Tab), key(KeyCode::Tab), key(KeyCode::Tab)],
    );
    assert_eq!(focus(&app), field(&app, "performance-issue"));
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
    let target = app
        .form
        .as_ref()
        .unwrap()
        .form()
        .sections
        .iter()
        .position(|s| s.id == "suspected-causes")
        .unwrap();
    app.form
        .as_mut()
        .unwrap()
        .go_to_section(target, Theme::plain());
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
    let priority = app
        .form
        .as_ref()
        .unwrap()
        .form()
        .sections
        .iter()
        .position(|s| s.id == "priority")
        .unwrap();
    app.form
        .as_mut()
        .unwrap()
        .go_to_section(priority, Theme::plain());
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
    assert_eq!(app.form.as_ref().unwrap().answers.title, "[PERF] a b");
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
    assert_eq!(app.form.as_ref().unwrap().answers.title, "[PERF] ");
}

#[test]
fn esc_asks_before_quitting_and_ctrl_c_quits_at_once_keeping_a_draft() {
    let mut app = open("performance");
    typ(&mut app, "x");
    assert!(press(&mut app, [key(KeyCode::Esc)]).is_empty());
    assert!(matches!(app.modal, Some(Modal::ConfirmQuit)));
    press(&mut app, [key(KeyCode::Char('n'))]);
    assert!(app.modal.is_none() && !app.exited);
    press(&mut app, [key(KeyCode::Esc)]);
    let effects = press(&mut app, [key(KeyCode::Char('y'))]);
    assert!(
        matches!(
            &effects[..],
            [Effect::SaveDraft { .. }, Effect::Exit(After::Nothing)]
        ),
        "{effects:?}"
    );
    let mut app = open("performance");
    typ(&mut app, "y");
    let effects = press(&mut app, [ctrl('c')]);
    let [Effect::SaveDraft { yaml, .. }, Effect::Exit(After::Nothing)] = &effects[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(yaml, "title: \"[PERF] y\"\nfields: {}\n");
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
    let form = app.form.as_ref().unwrap();
    let mut again = issue_composer::Answers::new(form.form());
    AnswersFile::parse(yaml, "draft.yaml")
        .unwrap()
        .apply(form.form(), &mut again)
        .unwrap();
    assert_eq!(again, form.answers);
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
    assert!(matches!(app.modal, Some(Modal::ResumeDraft(_))));
    press(&mut app, [key(KeyCode::Enter)]);
    assert_eq!(app.form.as_ref().unwrap().answers.title, "Resumed");
    let mut app = App::with_form(config(), template, source.clone(), Some(draft), (120, 40));
    let effects = press(&mut app, [key(KeyCode::Char('d'))]);
    assert_eq!(effects, [Effect::ClearDraft { source }]);
    assert_eq!(app.form.as_ref().unwrap().answers.title, "[PERF] ");
}

#[test]
fn review_writes_the_rendered_body_and_asks_before_replacing() {
    let mut app = open("performance");
    typ(&mut app, "T");
    press(&mut app, [ctrl('s')]);
    assert_eq!(app.screen, Screen::Review);
    press(&mut app, [key(KeyCode::Char('w'))]);
    let Some(Modal::Path(path)) = &app.modal else {
        panic!("{:?}", app.modal)
    };
    assert_eq!(path.text(), "./performance-issue.md");
    let effects = press(&mut app, [key(KeyCode::Enter)]);
    let issue = Box::new(issue_composer::render(
        app.form.as_ref().unwrap().form(),
        &app.form.as_ref().unwrap().answers,
    ));
    assert_eq!(
        effects,
        [Effect::Write {
            path: "./performance-issue.md".into(),
            issue: issue.clone(),
            force: false
        }]
    );
    app.update(Msg::Written(Err(WriteFailure::Exists(
        "./performance-issue.md".into(),
    ))));
    assert!(matches!(app.modal, Some(Modal::Overwrite(_))));
    let effects = press(&mut app, [key(KeyCode::Char('y'))]);
    assert_eq!(
        effects,
        [Effect::Write {
            path: "./performance-issue.md".into(),
            issue,
            force: true
        }]
    );
    let effects = app.update(Msg::Written(Ok((
        "./performance-issue.md".into(),
        "gh issue create".into(),
    ))));
    assert_eq!(
        app.written,
        ["gh issue create"],
        "the command is printed on exit"
    );
    assert!(
        matches!(&effects[..], [Effect::ClearDraft { .. }]),
        "a successful export clears the draft"
    );
    assert!(!app.exited, "w stays in the review");
}

#[test]
fn a_failed_write_offers_another_path() {
    let mut app = open("bug-report");
    press(
        &mut app,
        [ctrl('s'), key(KeyCode::Char('w')), key(KeyCode::Enter)],
    );
    app.update(Msg::Written(Err(WriteFailure::Other(
        "cannot write /nope/x.md: No such file or directory".into(),
    ))));
    assert!(matches!(app.modal, Some(Modal::Path(_))));
    assert!(
        app.notice
            .as_ref()
            .is_some_and(|(text, error)| *error && text.contains("choose another path"))
    );
}

#[test]
fn command_line_exports_run_on_enter_and_exit() {
    let exports = issue_composer::cli::ExportArgs {
        output: Some(PathBuf::from("out.md")),
        print: true,
        ..issue_composer::cli::ExportArgs::default()
    };
    let mut app = open_with(
        "bug-report",
        Config {
            exports,
            ..config()
        },
    );
    press(&mut app, [ctrl('s')]);
    let effects = press(&mut app, [key(KeyCode::Enter)]);
    assert!(
        matches!(&effects[..], [Effect::Write { force: false, .. }]),
        "{effects:?}"
    );
    let effects = app.update(Msg::Written(Ok((
        "out.md".into(),
        "gh issue create".into(),
    ))));
    let Some(Effect::Exit(After::Export { args, issue })) = effects.last() else {
        panic!("{effects:?}")
    };
    let expected = issue_composer::cli::ExportArgs {
        print: true,
        ..Default::default()
    };
    assert_eq!(*args, expected, "the file is done; printing is left");
    assert!(issue.body.starts_with("## Summary"));
}

#[test]
fn review_blocks_exports_until_required_fields_are_filled() {
    let path = std::env::temp_dir().join(format!("ic-req-{}.yml", std::process::id()));
    std::fs::write(&path, "name: R\nbody:\n  - type: input\n    id: version\n    attributes: {label: Version}\n    validations: {required: true}\n").unwrap();
    let source = Source::File(path.clone());
    let template = discover::load(&source).unwrap();
    let mut app = App::with_form(config(), template, source, None, (120, 40));
    press(&mut app, [ctrl('s'), key(KeyCode::Char('p'))]);
    assert!(!app.exited);
    assert!(
        app.notice
            .as_ref()
            .is_some_and(|(t, _)| t.contains("required"))
    );
    press(&mut app, [key(KeyCode::Enter)]);
    assert_eq!((app.screen, focus(&app)), (Screen::Form, Focus::Field(0)));
    typ(&mut app, "1.2");
    let effects = press(&mut app, [ctrl('s'), key(KeyCode::Char('p'))]);
    assert!(matches!(
        effects.last(),
        Some(Effect::Exit(After::Export { args, .. })) if args.print
    ));
    std::fs::remove_file(path).unwrap();
}

#[test]
fn ctrl_e_hands_the_text_to_an_editor_and_takes_it_back() {
    let mut app = open("performance");
    press(&mut app, [ctrl('n')]);
    typ(&mut app, "before");
    let effects = press(&mut app, [ctrl('e')]);
    let f = app
        .form
        .as_ref()
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
        text: Some("after\nmore\n".into()),
    });
    assert_eq!(
        value(&app, "performance-issue"),
        Value::Text("after\nmore".into())
    );
}

/// The screen row of a field's widget, from the same layout the view uses.
fn widget_row(app: &App, id: &str) -> (u16, u16) {
    use issue_composer::tui::screen::form::{ItemKind, areas, pane_items, pane_offset};
    let state = app.form.as_ref().unwrap();
    let f = state.form().field_index(id).unwrap();
    let a = areas(
        ratatui::layout::Rect::new(0, 0, app.size.0, app.size.1 - 1),
        false,
    );
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
    let target = app
        .form
        .as_ref()
        .unwrap()
        .form()
        .sections
        .iter()
        .position(|s| s.id == "constraints")
        .unwrap();
    app.form
        .as_mut()
        .unwrap()
        .go_to_section(target, Theme::plain());
    let (x, y) = widget_row(&app, "constraints");
    app.update(click(x, y + 1));
    let Value::Select(sel) = value(&app, "constraints") else {
        panic!()
    };
    assert_eq!(sel.checked, [false, true, false, false, false]);
}

#[test]
fn the_wheel_scrolls_the_pane_and_focus_brings_it_back() {
    let mut app = open("performance");
    app.update(Msg::Resize(80, 16));
    let target = app
        .form
        .as_ref()
        .unwrap()
        .form()
        .sections
        .iter()
        .position(|s| s.id == "optimization-strategies-to-consider")
        .unwrap();
    app.form
        .as_mut()
        .unwrap()
        .go_to_section(target, Theme::plain());
    let (_, row_before) = widget_row(&app, "optimization-strategies-to-consider");
    let wheel = Msg::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollUp,
        column: 40,
        row: 8,
        modifiers: KeyModifiers::NONE,
    });
    app.update(wheel);
    let (_, row_after) = widget_row(&app, "optimization-strategies-to-consider");
    assert_eq!(row_after - row_before, 3, "the pane moved three rows");
    press(&mut app, [key(KeyCode::Down)]);
    assert_eq!(
        app.form.as_ref().unwrap().pane_scroll,
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
