//! Screen text a new user's walk-through found wrong, checked on exact rows of a
//! fixed-size `TestBackend` (and the command line where it names the same thing): the
//! blank issue's one field named alike in the sidebar and the pane, and still set by its
//! id, a wrong `--set` name answered with the ids and the labels they do not say, and the
//! preview's text kept off its border.

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
/// the form shows answers too: a wrong name is refused naming the real id, with the
/// label the form shows beside it (the list named `preamble` alone).
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
        .stderr("issue-composer: --set: unknown field `intro`; fields: preamble (Description)\n");
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

/// A wrong `--set` name lists each field's id with its label where the id does not say
/// it (an issue form's own `id:`; a long one cut), and ids alone where it does:
/// go-performance's list of 26, its second `Benchmarks` included, is no longer than it
/// was.
#[test]
fn a_wrong_set_name_lists_labels_the_ids_do_not_say() {
    let dir = tempfile::tempdir().unwrap();
    let form = "name: Bug\ndescription: d\nbody:\n  - type: input\n    id: os\n    \
                attributes:\n      label: Operating system\n  - type: input\n    id: version\n    \
                attributes:\n      label: Version\n  - type: textarea\n    \
                attributes:\n      label: Logs\n  - type: textarea\n    id: repro\n    \
                attributes:\n      label: How can we reproduce it (as minimally as possible)?\n";
    let path = support::write(dir.path(), "bug.yml", form);
    support::bin()
        .args(["render", &path, "--set", "desc=D"])
        .assert()
        .code(1)
        .stderr(
            "issue-composer: --set: unknown field `desc`; fields: os (Operating system), \
             version, logs, repro (How can we reproduce it (as minimally as…)\n",
        );
    let out = support::bin()
        .args(["render", "go-performance", "--set", "desc=D"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    let list = err.split_once("; fields: ").unwrap().1.trim_end();
    assert_eq!(list.split(", ").count(), 26, "{list}");
    assert!(!list.contains('('), "{list}");
    assert!(list.contains(", benchmarks, benchmarks-2, "), "{list}");
}

/// An unknown key on a large form names its first 30 fields and how many more, not
/// every field (a draft applied to 100,000 headings made, and dropped, that list for
/// each key that no longer fits).
#[test]
fn a_wrong_set_name_on_a_large_form_lists_thirty_fields_then_how_many_more() {
    let dir = tempfile::tempdir().unwrap();
    let body = (1..=40).fold(String::new(), |body, i| body + &format!("## Part {i}\n\n"));
    let path = support::write(
        dir.path(),
        "parts.md",
        &format!("---\nname: T\n---\n{body}"),
    );
    let listed: Vec<String> = (1..=30).map(|i| format!("part-{i}")).collect();
    support::bin()
        .args(["render", &path, "--set", "nothing=D"])
        .assert()
        .code(1)
        .stderr(format!(
            "issue-composer: --set: unknown field `nothing`; fields: {}, … and 10 more\n",
            listed.join(", ")
        ));
}
