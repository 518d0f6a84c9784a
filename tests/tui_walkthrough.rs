//! Screen text a new user's walk-through found wrong, checked on exact rows of a
//! fixed-size `TestBackend` (and the command line where it names the same thing): the
//! blank issue's one field named alike in the sidebar and the pane, and still set by its
//! id, and the preview's text kept off its border.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use issue_composer::discover;
use issue_composer::export::Plan;
use issue_composer::tui::app::{App, Config, Msg};
use issue_composer::tui::screen;
use issue_composer::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod support;

fn open(name: &str) -> App {
    let config = Config {
        plan: Plan::default(),
        drafts: false,
        theme: Theme::plain(),
        ..Config::default()
    };
    let source = discover::resolve(name).unwrap();
    let template = discover::load(&source).unwrap();
    App::with_form(config, template, source, None, (100, 16))
}

/// The screen's rows, each without its trailing blanks.
fn rows(app: &App) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(100, 16)).unwrap();
    terminal.draw(|f| screen::draw(f, app)).unwrap();
    let buf = terminal.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            row.trim_end().to_owned()
        })
        .collect()
}

/// The blank issue's one field is `Description` in the sidebar as in the pane (the
/// sidebar said `(intro)`); its id stays `preamble` for `--set` and the schema.
#[test]
fn the_blank_issues_field_has_one_name_in_the_sidebar_and_the_pane() {
    let app = open("blank");
    let rows = rows(&app);
    assert_eq!(
        rows[4..7],
        [
            "· Description           │ Blank issue",
            "                        │",
            "                        │   Description",
        ],
        "{rows:#?}"
    );
    let form = app.form().unwrap().form();
    assert_eq!(&*form.fields[0].id, "preamble");
}

/// On the command line the field is still `preamble` (scripts use it), and the label
/// the form shows answers too: a wrong name is refused naming the real id.
#[test]
fn the_blank_issues_field_is_set_by_its_id_or_its_label_and_a_wrong_name_lists_the_id() {
    let home = tempfile::tempdir().unwrap();
    let run = || {
        let mut cmd = support::bin();
        cmd.current_dir(home.path())
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_DATA_HOME", home.path().join("data"));
        cmd
    };
    for name in ["preamble", "description", "Description"] {
        run()
            .args(["render", "blank", "--set", &format!("{name}=D")])
            .assert()
            .success()
            .stdout("D\n");
    }
    run()
        .args(["render", "blank", "--set", "intro=D"])
        .assert()
        .code(1)
        .stderr("issue-composer: --set: unknown field `intro`; fields: preamble\n");
}

/// F2's preview keeps one column between its border and the markdown, as the pane
/// keeps between the sidebar's border and its text (`│## Summary` touched it).
#[test]
fn the_preview_keeps_a_column_between_its_border_and_the_text() {
    let mut app = open("bug-report");
    app.update(Msg::Key(KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE)));
    let rows = rows(&app);
    let border = rows[4].rfind('│').unwrap();
    let preview: Vec<&str> = rows[4..8].iter().map(|r| &r[border..]).collect();
    assert_eq!(
        preview,
        ["│ Preview", "│ ## Summary", "│", "│ ## Steps to Reproduce"],
        "{rows:#?}"
    );
}
