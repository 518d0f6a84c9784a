//! What the screens and field widgets look like, on a fixed-size `TestBackend`.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use issue_composer::discover::{self, BUILTINS, Source};
use issue_composer::export::Plan;
use issue_composer::form::AnswersFile;
use issue_composer::tui::app::{App, Config, Entry, Focus, Msg, Pick};
use issue_composer::tui::field::Widget;
use issue_composer::tui::screen;
use issue_composer::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn config() -> Config {
    Config {
        plan: Plan::default(),
        drafts: true,
        theme: Theme::plain(),
        ..Config::default()
    }
}

fn open(name: &str, answers: Option<&str>) -> App {
    let source = discover::resolve(name).unwrap();
    let template = discover::load(&source).unwrap();
    let mut app = App::with_form(config(), template, source, None, (120, 40));
    if let Some(yaml) = answers {
        app.start_from(&AnswersFile::parse(yaml, "a.yaml").unwrap());
    }
    app
}

/// The app drawn at `w`×`h`: the text, and where the cursor is.
fn screen(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| screen::draw(f, app)).unwrap();
    dump(terminal.backend(), false)
}

/// A snapshot of the text alone drops the cursor and every style, and focus with them:
/// this adds the cursor's place and (with `styles`) each run of styled cells on a row.
fn dump(backend: &TestBackend, styles: bool) -> String {
    use std::fmt::Write as _;
    let mut out = backend.to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    if backend.cursor_visible() {
        let at = backend.cursor_position();
        writeln!(out, "cursor at column {}, row {}", at.x, at.y).unwrap();
    } else {
        out.push_str("no cursor\n");
    }
    if !styles {
        return out;
    }
    let buf = backend.buffer();
    let plain = ratatui::buffer::Cell::default();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let cell = &buf[(x, y)];
            let start = x;
            while x < buf.area.width && buf[(x, y)].style() == cell.style() {
                x += 1;
            }
            if cell.style() != plain.style() {
                write!(
                    out,
                    "row {y}, columns {start}-{}: {:?}",
                    x - 1,
                    cell.modifier
                )
                .unwrap();
                for (name, color) in [("fg", cell.fg), ("bg", cell.bg)] {
                    if color != plain.fg {
                        write!(out, " {name} {color:?}").unwrap();
                    }
                }
                out.push('\n');
            }
        }
    }
    out
}

fn key(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    app.update(Msg::Key(KeyEvent::new(code, mods)));
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
        key(app, KeyCode::Char('p'), KeyModifiers::CONTROL);
    }
    for _ in 0..=count {
        let state = app.form().unwrap();
        if matches!(state.focus(), Focus::Field(_)) && state.current_section() == s {
            return;
        }
        key(app, KeyCode::Char('n'), KeyModifiers::CONTROL);
    }
    panic!("section {section} has no fields to go to");
}

const GO_ANSWERS: &str = "title: '[PERF] Pool row buffers'\nfields:\n  optimization-opportunity/priority: P2\n  optimization-opportunity/estimated-effort-2: 4-6 hours\n  proposed-optimization/go-techniques-used: [sync.Pool, 'Other: arenas']\n  files-affected: [internal/db/rows.go]\n  performance-targets: {Latency: {Baseline: 12 ms}}\n  user-impact/api-changes: Adds PoolSize\n";

/// The built-ins as the chooser has them: the two named "Performance Optimization" are
/// told apart by their origin (`built-in: go-performance`), with no stem repeated after
/// the name as `list` adds it.
#[test]
fn picker() {
    let found = BUILTINS
        .iter()
        .map(|b| {
            let t = discover::load(&Source::Builtin(*b)).unwrap();
            discover::Found {
                origin: discover::Origin::Builtin,
                source: Source::Builtin(*b),
                loaded: Ok((t.form.meta.name, t.form.meta.about)),
                refused: false,
                warning: None,
            }
        })
        .collect();
    let choices = discover::choices_of(
        discover::entries(found),
        &discover::Chooser {
            blank_issues: false,
            ..discover::Chooser::default()
        },
    );
    let entries: Vec<Entry> = choices
        .iter()
        .map(|c| Entry::from_choice(c, None))
        .collect();
    let mut app = App::with_picker(config(), entries, (80, 20));
    insta::assert_snapshot!("picker", screen(&app, 80, 20));
    for c in "bug".chars() {
        key(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    insta::assert_snapshot!("picker_filtered", screen(&app, 80, 20));
}

#[test]
fn form_screens() {
    let mut app = open("performance", None);
    insta::assert_snapshot!("form_start", screen(&app, 120, 40));
    go(&mut app, "current-metrics");
    for c in "850 ms".chars() {
        key(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    key(&mut app, KeyCode::F(2), KeyModifiers::NONE);
    insta::assert_snapshot!("form_preview", screen(&app, 120, 40));
    let mut app = open("go-performance", Some(GO_ANSWERS));
    go(&mut app, "optimization-opportunity");
    insta::assert_snapshot!("form_go_choices", screen(&app, 120, 40));
    go(&mut app, "performance-targets");
    insta::assert_snapshot!("form_go_table", screen(&app, 120, 40));
}

#[test]
fn review_help_dialogs_and_too_small() {
    let mut app = open("go-performance", Some(GO_ANSWERS));
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    insta::assert_snapshot!("review", screen(&app, 100, 30));
    key(&mut app, KeyCode::Char('w'), KeyModifiers::NONE);
    insta::assert_snapshot!("dialog_path", screen(&app, 100, 30));
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    key(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    insta::assert_snapshot!("help", screen(&app, 100, 40));
    // Past the end it stops with the last line at the bottom; one Up moves one line.
    for _ in 0..3 {
        key(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    }
    key(&mut app, KeyCode::Up, KeyModifiers::NONE);
    insta::assert_snapshot!("help_scrolled", screen(&app, 100, 40));
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    insta::assert_snapshot!("dialog_quit", screen(&app, 80, 20));
    // Once a save failed, the question says so instead of promising a draft.
    key(&mut app, KeyCode::Char('n'), KeyModifiers::NONE);
    app.update(Msg::DraftSaved(Err(issue_composer::draft::Failure {
        path: None,
        reason: "there is no data folder".to_owned(),
    })));
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    let text = screen(&app, 100, 20);
    assert!(
        text.contains("│The last draft could not be saved: there is no data folder.   │")
            && text.contains("│Quitting may lose your answers.  "),
        "{text}"
    );
    insta::assert_snapshot!("too_small", screen(&app, 59, 15));
    let source = discover::resolve("performance").unwrap();
    let template = discover::load(&source).unwrap();
    let draft = AnswersFile::parse("title: x\n", "d").unwrap();
    let app = App::with_form(config(), template, source, Some(draft), (80, 20));
    insta::assert_snapshot!("dialog_draft", screen(&app, 80, 20));
}

#[test]
fn review_lists_missing_required_fields() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bug.yml");
    std::fs::write(&path, "name: Bug\nbody:\n  - type: input\n    id: version\n    attributes: {label: Version}\n    validations: {required: true}\n  - type: textarea\n    id: what\n    attributes: {label: What happened?}\n    validations: {required: true}\n").unwrap();
    let source = Source::File(path.clone());
    let mut app = App::with_form(
        config(),
        discover::load(&source).unwrap(),
        source,
        None,
        (80, 24),
    );
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    insta::assert_snapshot!("review_problems", screen(&app, 80, 24));
}

/// Each kind of field, drawn alone, focused and not; focus must show.
#[test]
fn field_kinds() {
    let app = open("go-performance", Some(GO_ANSWERS));
    let state = app.form().unwrap();
    for (name, id) in [
        ("text", "optimization-opportunity/estimated-effort-2"),
        (
            "text_placeholder",
            "optimization-opportunity/expected-impact",
        ),
        ("choice", "optimization-opportunity/priority"),
        ("choice_or_describe", "user-impact/api-changes"),
        ("checkboxes", "proposed-optimization/go-techniques-used"),
        ("textarea", "profiling-data"),
        ("code", "code-example"),
        ("table", "performance-targets"),
        ("list", "files-affected"),
    ] {
        let f = state.form().field_index(id).unwrap();
        let field = &state.form().fields[f];
        let [plain, focused] = [false, true].map(|focused| {
            let widget = Widget::new(field, &state.answers().values[f], Theme::plain());
            let mut terminal = Terminal::new(TestBackend::new(60, 14)).unwrap();
            terminal
                .draw(|frame| {
                    let area = Rect::new(0, 0, 60, widget.height(60));
                    let cursor =
                        widget.render(field, area, frame.buffer_mut(), focused, Theme::plain());
                    if let Some(pos) = cursor {
                        frame.set_cursor_position(pos);
                    }
                })
                .unwrap();
            dump(terminal.backend(), true)
        });
        assert_ne!(plain, focused, "{name}: focus does not show");
        insta::assert_snapshot!(format!("field_{name}_plain"), plain);
        insta::assert_snapshot!(format!("field_{name}_focused"), focused);
    }
    assert_eq!(app.form().unwrap().focus(), Focus::Header(0));
}

/// The draft dialogs: long paths are cut to fit, and the box grows to hold them.
#[test]
fn draft_dialogs() {
    use issue_composer::draft::{Failure, Loaded};
    use std::path::PathBuf;
    let source = discover::resolve("performance").unwrap();
    let template = discover::load(&source).unwrap();
    let moved = Loaded::MovedAside {
        to: PathBuf::from(
            "/home/someone/.local/share/issue-composer/drafts/builtin-performance.yaml.corrupt-20240229T123456Z",
        ),
        reason: "line 1, column 8: expected string scalar".to_owned(),
    };
    let app = App::with_form(config(), template.clone(), source.clone(), moved, (80, 20));
    insta::assert_snapshot!("dialog_draft_moved", screen(&app, 80, 20));
    let misfits =
        AnswersFile::parse("fields: {renamed-field: x, priority: [a, b]}\n", "d").unwrap();
    let app = App::with_form(
        config(),
        template.clone(),
        source.clone(),
        Some(misfits),
        (80, 20),
    );
    insta::assert_snapshot!("dialog_draft_misfits", screen(&app, 80, 20));
    let mut app = App::with_form(config(), template, source, None, (80, 20));
    key(&mut app, KeyCode::Char('x'), KeyModifiers::NONE);
    key(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    app.update(Msg::DraftSaved(Err(Failure {
        path: Some(PathBuf::from(
            "/home/someone/.local/share/issue-composer/drafts/builtin-performance.yaml",
        )),
        reason: "cannot create the folder /home/someone/.local/share/issue-composer/drafts: the file system is read-only".to_owned(),
    })));
    insta::assert_snapshot!("dialog_save_failed", screen(&app, 80, 20));
}

#[test]
fn command_prompt_panel_and_detected_environment() {
    use issue_composer::history::History;
    let mut app = open("go-performance", None);
    go(&mut app, "benchmark-results-baseline");
    let field = app
        .form()
        .unwrap()
        .form()
        .field_index("benchmark-results-baseline")
        .unwrap();
    let mut history = History::default();
    history.record("benchmark-results-baseline", "go test -bench . -benchmem");
    app.update(Msg::CommandPrompt {
        field,
        history,
        note: None,
    });
    insta::assert_snapshot!("dialog_command", screen(&app, 100, 30));
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let later = app.clock() + std::time::Duration::from_millis(2345);
    app.update(Msg::CommandProgress(vec![
        "goos: linux".into(),
        "BenchmarkParse-8   \t 402108\t  2987 ns/op".into(),
    ]));
    app.update(Msg::Tick(later));
    insta::assert_snapshot!("command_running", screen(&app, 100, 30));
    let mut app = open("bug-report", None);
    go(&mut app, "environment");
    key(&mut app, KeyCode::Char('d'), KeyModifiers::CONTROL);
    let field = app
        .form()
        .unwrap()
        .form()
        .field_index("environment/version")
        .unwrap();
    app.update(Msg::Detected {
        field,
        text: "Go: go version go1.22.1 linux/amd64\nRust: rustc 1.89.0".into(),
    });
    insta::assert_snapshot!("dialog_detected", screen(&app, 100, 30));
}

#[test]
fn picker_with_contact_links_and_the_blank_issue() {
    use issue_composer::discover::{Choice, Link};
    let choices = [
        Choice::Link(Link {
            name: "Ask a question".into(),
            about: "Questions go to the forum, not the tracker".into(),
            url: "https://example.com/forum".into(),
            refused: None,
        }),
        Choice::Blank,
    ];
    let mut entries: Vec<Entry> = BUILTINS
        .iter()
        .take(1)
        .map(|b| {
            let t = discover::load(&Source::Builtin(*b)).unwrap();
            Entry {
                pick: Pick::Template(Source::Builtin(*b)),
                name: t.form.meta.name,
                about: t.form.meta.about,
                origin: format!("built-in: {}", b.stem),
            }
        })
        .collect();
    entries.extend(choices.iter().map(|c| Entry::from_choice(c, None)));
    let app = App::with_picker(config(), entries, (80, 20));
    insta::assert_snapshot!("picker_links_blank", screen(&app, 80, 20));
}

#[test]
fn a_field_left_with_a_bad_answer_shows_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rules.yml");
    std::fs::write(&path, "name: Rules\nbody:\n  - type: input\n    id: count\n    attributes: {label: Count}\n    validations: {is_number: true}\n  - type: textarea\n    id: what\n    attributes: {label: What happened?}\n    validations: {required: true}\n").unwrap();
    let source = Source::File(path.clone());
    let mut app = App::with_form(
        config(),
        discover::load(&source).unwrap(),
        source,
        None,
        (80, 24),
    );
    key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    for c in "many".chars() {
        key(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    // Back in the field left: the problem stays under it until the answer is right.
    key(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    insta::assert_snapshot!("form_inline_error", screen(&app, 80, 24));
}

/// A notice longer than the screen is wide takes more rows instead of being cut,
/// wrapped at spaces (before, at the screen's edge, mid-word: "e" / "mpty"); a word
/// longer than a row is cut, and the rows after the first keep its indent.
#[test]
fn a_long_notice_wraps_onto_a_second_row() {
    let mut app = open("bug-report", None);
    let text = "the benchmark results filled 2 more empty fields or cells, and the rest of this notice runs past the edge";
    app.update(Msg::Notice(issue_composer::tui::app::Notice::problem(
        text.to_owned(),
    )));
    let shown = screen(&app, 100, 30);
    let rows: Vec<&str> = shown.lines().collect();
    assert_eq!(
        rows[28],
        format!(
            "\"{:<100}\"",
            " the benchmark results filled 2 more empty fields or cells, and the rest of this notice runs past"
        )
    );
    assert_eq!(rows[29], format!("\"{:<100}\"", " the edge"));
    let text = format!("could not save the draft: {}", "x".repeat(120));
    app.update(Msg::Notice(issue_composer::tui::app::Notice::problem(text)));
    let shown = screen(&app, 100, 30);
    let rows: Vec<&str> = shown.lines().collect();
    assert_eq!(
        rows[27],
        format!("\"{:<100}\"", " could not save the draft:")
    );
    assert_eq!(rows[28], format!("\" {}\"", "x".repeat(99)));
    assert_eq!(rows[29], format!("\" {:<99}\"", "x".repeat(21)));
}

/// A notice longer than two rows wraps onto as many as it needs (before, it was cut
/// after the second row, and the end, often the reason, was never seen), up to a
/// third of the screen; one longer still ends in `…` there.
#[test]
fn a_very_long_notice_takes_the_rows_it_needs_up_to_a_third_of_the_screen() {
    let mut app = open("bug-report", None);
    let text = format!(
        "could not save the draft to {}: disk full",
        "d/".repeat(200)
    );
    app.update(Msg::Notice(issue_composer::tui::app::Notice::problem(
        text.clone(),
    )));
    let shown = screen(&app, 100, 30);
    let rows: Vec<&str> = shown.lines().collect();
    // The words, then the 401-character path cut into rows of 99, then the reason.
    let path = format!("{}:", "d/".repeat(200));
    let mut expected = vec![" could not save the draft to".to_owned()];
    expected.extend((0..5).map(|i| format!(" {}", &path[i * 99..(path.len()).min(i * 99 + 99)])));
    expected.push(" disk full".to_owned());
    let shown_rows: Vec<&str> = rows[23..30]
        .iter()
        .map(|r| r.trim_matches('"').trim_end())
        .collect();
    assert_eq!(shown_rows, expected, "{shown}");
    assert!(!rows[22].contains("d/d/"), "{shown}");
    let huge = "y".repeat(5000);
    app.update(Msg::Notice(issue_composer::tui::app::Notice::problem(huge)));
    let shown = screen(&app, 100, 30);
    let rows: Vec<&str> = shown.lines().collect();
    assert_eq!(rows[20], format!("\" {}\"", "y".repeat(99)), "{shown}");
    assert!(!rows[19].contains("yyy"), "{shown}");
    assert_eq!(rows[29], format!("\" {}…\"", "y".repeat(98)), "{shown}");
}

/// `-o issues/`: the review names the file it will write, not the folder.
#[test]
fn the_review_names_the_file_a_folder_target_gets() {
    let source = discover::resolve("go-performance").unwrap();
    let template = discover::load(&source).unwrap();
    let mut config = config();
    config.plan.file = Some(issue_composer::export::FileTarget {
        path: "no-such-folder/".into(),
        force: false,
    });
    config.today = "2024-01-01".to_owned();
    let mut app = App::with_form(config, template, source, None, (100, 30));
    app.start_from(&AnswersFile::parse(GO_ANSWERS, "a.yaml").unwrap());
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let text = screen(&app, 100, 30);
    assert!(
        text.contains(" Ready: Enter to write no-such-folder/go-performance-issue.md · Esc back"),
        "{text}"
    );
}

/// A notice while a dialog is open sits above the dialog's keys: the write dialog's
/// error and what to press next both show.
#[test]
fn a_notice_in_a_dialog_keeps_the_dialog_keys_below_it() {
    use issue_composer::tui::app::WriteFailure;
    let mut app = open("go-performance", Some(GO_ANSWERS));
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    key(&mut app, KeyCode::Char('w'), KeyModifiers::NONE);
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    app.update(Msg::Written {
        result: Err(WriteFailure::Other {
            path: "fifo".into(),
            message: "fifo is a FIFO, not a regular file".to_owned(),
        }),
        then_exit: false,
    });
    let text = screen(&app, 80, 24);
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(
        rows[22].trim_end_matches([' ', '"']),
        "\" fifo is a FIFO, not a regular file — choose another path",
        "{text}"
    );
    assert_eq!(
        rows[23].trim_end_matches([' ', '"']),
        "\" Enter write · Esc cancel",
        "{text}"
    );
}

/// A draft moved aside for its size is titled so, not as one that could not be read.
#[test]
fn a_draft_too_large_is_titled_as_such() {
    use issue_composer::draft::Loaded;
    let source = discover::resolve("performance").unwrap();
    let template = discover::load(&source).unwrap();
    let moved = Loaded::MovedAside {
        to: std::path::PathBuf::from("/d/builtin-performance.yaml.corrupt-20240229T123456Z"),
        reason: "it is larger than 1 MiB, the limit for answers files (raise it with X=BYTES)"
            .to_owned(),
    };
    let app = App::with_form(config(), template, source, moved, (80, 20));
    let shown = screen(&app, 80, 20);
    assert!(shown.contains(" Draft too large "), "{shown}");
    assert!(!shown.contains("unreadable"), "{shown}");
}

/// An issue form's markdown after its last field is drawn below that field, where it is
/// written (it used to be drawn above it, as the section's help).
#[test]
fn markdown_after_the_last_field_is_drawn_below_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trail.yml");
    std::fs::write(
        &path,
        "name: Trail\nbody:\n  - type: input\n    id: version\n    attributes: {label: Version}\n  - type: markdown\n    attributes: {value: Before the last field.}\n  - type: input\n    id: last\n    attributes: {label: Last field}\n  - type: markdown\n    attributes: {value: Thanks for the report.}\n",
    )
    .unwrap();
    let source = Source::File(path.clone());
    let mut app = App::with_form(
        config(),
        discover::load(&source).unwrap(),
        source,
        None,
        (80, 20),
    );
    for _ in 0..2 {
        key(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
    }
    let text = screen(&app, 80, 20);
    // The pane, right of the section list.
    let row = |needle: &str| {
        text.lines()
            .position(|l| {
                l.split_once('│')
                    .is_some_and(|(_, pane)| pane.contains(needle))
            })
            .unwrap_or_else(|| panic!("{needle:?} not in the pane:\n{text}"))
    };
    // The field's label is the section's title (the template's words, once), the
    // section's text under it, then the input, then the closing text.
    assert!(
        row("▸ Last field") < row("Before the last field."),
        "{text}"
    );
    assert!(
        row("Before the last field.") + 1 < row("Thanks for the report."),
        "{text}"
    );
}

/// An issue form saved as `.md` opens as the form it is, with a notice naming the file
/// and why GitHub would not read it (it opened with no word).
#[test]
fn an_issue_form_saved_as_markdown_opens_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bug.md");
    std::fs::write(
        &path,
        "description: File a bug\nname: Bug\nbody:\n  - type: input\n    id: version\n    attributes:\n      label: Version\n",
    )
    .unwrap();
    let source = Source::File(path.clone());
    let template = discover::load(&source).unwrap();
    let app = App::with_form(config(), template, source, None, (200, 20));
    let text = screen(&app, 200, 20);
    let notice = format!(
        "warning: {} looks like an issue form: issue-composer reads it as one",
        path.display()
    );
    assert!(text.contains(&notice), "{text}");
    assert!(text.contains("· Version"), "{text}");
}

/// The header's labels take the row's spare width: go-performance's labels were cut at
/// half the row (`epic: go-optimizatio…` at 100 columns, however empty the assignees);
/// they show whole, and are cut with `…` only when the row cannot hold them.
#[test]
fn header_labels_use_the_width_the_assignees_leave() {
    let app = open("go-performance", None);
    let row = |w: u16| screen(&app, w, 30).lines().nth(2).unwrap().to_owned();
    let wide = row(100);
    assert!(
        wide.contains(
            " Labels: type: performance, epic: go-optimizations   Assignees: comma-separated"
        ),
        "{wide}"
    );
    let narrow = row(60);
    assert!(
        narrow.contains(" Labels: type: performance, e…  Assignees: comma-separated"),
        "{narrow}"
    );
}

/// The pane's lines, right of the section list.
fn pane_lines(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|l| {
            l.split_once('│')
                .map(|(_, pane)| pane.trim_end_matches([' ', '"']))
        })
        .collect()
}

/// A section holding one field whose label is the section's title (a heading followed by
/// a comment) shows those words once: the title row is the field's label, with its focus
/// marker, and the input is right under it. A label of its own (`OS`) still shows under
/// the title. In a section of several fields, the first field's label that repeats the
/// heading is the title row too (`▸ Steps`, not `Steps` then `▸ Steps`); the next
/// field's shows. It used to read `Summary`, then `▸ Summary` on the next line.
#[test]
fn a_sections_only_field_does_not_repeat_the_sections_title() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one.md");
    std::fs::write(
        &path,
        "## Summary\n\n<!-- what happened -->\n\n## Environment\n\n- OS: \n\n## Steps\n\n1.\n\n- [ ] Done\n",
    )
    .unwrap();
    let source = Source::File(path.clone());
    let template = discover::load(&source).unwrap();
    let mut app = App::with_form(config(), template, source, None, (80, 20));
    go(&mut app, "summary");
    let text = screen(&app, 80, 20);
    let pane = pane_lines(&text);
    let summary: Vec<&&str> = pane.iter().filter(|l| l.contains("Summary")).collect();
    assert_eq!(summary, [&" ▸ Summary"], "{text}");
    assert_eq!(pane[0], " ▸ Summary", "{text}");
    assert!(pane[1].contains("what happened"), "{text}");
    go(&mut app, "environment");
    let text = screen(&app, 80, 20);
    let pane = pane_lines(&text);
    assert!(pane.contains(&" Environment"), "{text}");
    assert!(pane.iter().any(|l| l.starts_with(" ▸ OS")), "{text}");
    go(&mut app, "steps");
    let text = screen(&app, 80, 20);
    let steps = pane_lines(&text)
        .iter()
        .filter(|l| l.contains("Steps"))
        .count();
    assert_eq!(steps, 2, "{text}");
    assert_eq!(pane_lines(&text)[0], " ▸ Steps", "{text}");
}

/// A field label too long for its row ends in `…` (it used to stop mid-word, and a
/// section title in the list too).
#[test]
fn cut_labels_and_section_titles_end_in_an_ellipsis() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.md");
    std::fs::write(
        &path,
        "## Environment and configuration of the machine the problem shows on\n\n- **The exact version of every library involved in the failing build:** \n- **OS:** \n",
    )
    .unwrap();
    let source = Source::File(path.clone());
    let mut app = App::with_form(
        config(),
        discover::load(&source).unwrap(),
        source,
        None,
        (64, 20),
    );
    key(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
    let text = screen(&app, 64, 20);
    let pane: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_once('│').map(|(_, pane)| pane))
        .collect();
    let label = pane
        .iter()
        .find(|l| l.contains("The exact version"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        label.trim_end_matches([' ', '"']).ends_with('…'),
        "{label:?}\n{text}"
    );
    let (listed, _) = text
        .lines()
        .find(|l| l.contains("Environment and"))
        .and_then(|l| l.split_once('│'))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(listed.trim_end().ends_with('…'), "{listed:?}\n{text}");
}

/// The review names an assignee that cannot be a GitHub login; `@hubot` shows bare.
#[test]
fn review_names_impossible_logins() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bug.md");
    std::fs::write(
        &path,
        "---\nname: Bug\nassignees: \"@hubot, octo cat\"\n---\n## What\n",
    )
    .unwrap();
    let source = Source::File(path.clone());
    let mut app = App::with_form(
        config(),
        discover::load(&source).unwrap(),
        source,
        None,
        (80, 24),
    );
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let text = screen(&app, 120, 24);
    assert!(text.contains("Assignees: hubot, octo cat"), "{text}");
    assert!(
        text.contains(
            " Assignee `octo cat` cannot be a GitHub login (a login has only letters, digits and hyphens): gh will refuse it"
        ),
        "{text}"
    );
}

/// A footer too long for the screen keeps F1 help and Esc, and never ends in a
/// separator or a key without its word.
#[test]
fn a_cut_footer_keeps_help_and_esc() {
    for name in ["bug-report", "performance", "go-performance"] {
        let mut app = open(name, None);
        for tabs in 0..6 {
            if tabs > 0 {
                key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
            }
            for width in [60, 80, 100] {
                let text = screen(&app, width, 30);
                let footer = text.lines().nth(29).unwrap().trim_matches('"').trim_end();
                assert!(footer.contains("F1 help"), "{name} {width}: {footer}");
                assert!(footer.contains("Esc back"), "{name} {width}: {footer}");
                assert!(!footer.ends_with('·'), "{name} {width}: {footer}");
            }
        }
    }
}

/// A problem in the review too long for its row ends in `…` (before: cut at the edge
/// mid-word, after "already been reported").
#[test]
fn a_long_problem_in_the_review_ends_in_an_ellipsis() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.yml");
    std::fs::write(
        &path,
        "name: F\ndescription: d\nbody:\n- type: checkboxes\n  attributes:\n    label: Checks\n    options:\n    - {label: I have searched existing issues to ensure the regression has not already been reported, required: true}\n",
    )
    .unwrap();
    let source = discover::resolve(path.to_str().unwrap()).unwrap();
    let template = discover::load(&source).unwrap();
    let mut app = App::with_form(config(), template, source, None, (100, 30));
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let shown = screen(&app, 100, 30);
    let row = shown
        .lines()
        .find(|r| r.contains("Checks `I have searched"))
        .unwrap_or_else(|| panic!("{shown}"));
    assert_eq!(
        row,
        "\"   Checks `I have searched existing issues to ensure the regression has not already been reported`… \""
    );
}

#[test]
fn the_review_lists_fields_still_holding_the_templates_example() {
    let mut app = open("go-performance", None);
    for c in "Faster parsing".chars() {
        key(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let shown = screen(&app, 100, 30);
    let rows: Vec<&str> = shown.lines().skip(3).take(4).collect();
    assert_eq!(
        rows,
        [
            "\" Ready: w write to a file · c copy · g create with gh · p print · b open in the browser · Esc back  \"",
            "\" 5 fields still hold the template's example: Benchmark Results (Baseline), Code Example, Configurat…\"",
            "\"   Benchmark Results (Baseline) still holds the template's example                                  \"",
            "\"   Code Example still holds the template's example                                                  \"",
        ],
        "{shown}"
    );
}

/// With something blocking, the note on the examples comes below the problems, above
/// the examples it names (it came between the "to fix first" heading and its item).
#[test]
fn the_examples_note_comes_below_the_problems() {
    let mut app = open("go-performance", None);
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let shown = screen(&app, 100, 30);
    let rows: Vec<&str> = shown
        .lines()
        .skip(3)
        .take(4)
        .map(|r| r.trim_matches('"').trim_end())
        .collect();
    assert_eq!(
        rows,
        [
            " 1 thing to fix first — Enter goes to it:",
            " › the title (empty, or only the template's prefix)",
            " 5 fields still hold the template's example: Benchmark Results (Baseline), Code Example, Configurat…",
            "   Benchmark Results (Baseline) still holds the template's example",
        ],
        "{shown}"
    );
}

#[test]
fn a_code_block_shows_tab_typing_a_tab_and_the_keys_that_move_on() {
    let mut app = open("go-performance", None);
    go(&mut app, "code-example");
    let shown = screen(&app, 140, 30);
    let footer = shown.lines().nth(29).unwrap();
    assert_eq!(
        footer.trim_matches('"').trim_end(),
        " Tab tab · Ctrl-E editor · Ctrl-R run · Ctrl-↓ next · Ctrl-S review · F1 help · Ctrl-N section · Shift-Tab back · F2 preview · Esc back",
        "{shown}"
    );
    // At 100 columns not every key fits: the review, the way to finish, stays (before,
    // the code block's own keys pushed it out).
    let shown = screen(&app, 100, 30);
    let footer = shown.lines().nth(29).unwrap();
    assert_eq!(
        footer.trim_matches('"').trim_end(),
        " Tab tab · Ctrl-E editor · Ctrl-R run · Ctrl-↓ next · Ctrl-S review · F1 help · Esc back",
        "{shown}"
    );
    // In a text area Tab is the way on, as before.
    go(&mut app, "technical-approach");
    let shown = screen(&app, 140, 30);
    let footer = shown.lines().nth(29).unwrap();
    assert!(footer.contains("Tab next"), "{footer}");
    assert!(!footer.contains("Ctrl-↓"), "{footer}");
    // F1 says it too.
    go(&mut app, "code-example");
    key(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    let help = screen(&app, 140, 60);
    assert!(help.contains("Tab/Ctrl-↓       next field"), "{help}");
    assert!(
        help.contains(
            "Tab types a tab; Ctrl-↓ / Ctrl-↑ (or Shift-Tab) move to the next / previous field"
        ),
        "{help}"
    );
}

#[test]
fn a_long_cell_gives_way_and_cut_text_ends_in_an_ellipsis() {
    let long = "x".repeat(200);
    let yaml = format!("fields:\n  performance-targets: {{Latency: {{Target: {long}}}}}\n");
    let mut app = open("go-performance", Some(&yaml));
    go(&mut app, "performance-targets");
    let shown = screen(&app, 100, 30);
    // The header's labels take the room the assignees leave: whole at 100 columns (a
    // cut one ends in `…`: header_labels_use_the_width_the_assignees_leave).
    assert!(
        shown
            .lines()
            .nth(2)
            .unwrap()
            .contains("epic: go-optimizations   Assignees"),
        "{shown}"
    );
    // The row labels and the headers stay whole; the long cell is cut.
    let rows: Vec<&str> = shown.lines().collect();
    let header = rows.iter().find(|r| r.contains("Metric")).unwrap();
    for word in ["Metric", "Baseline", "Target", "Actual"] {
        assert!(header.contains(word), "{header}\n{shown}");
    }
    // (The cursor's cell, Throughput's first, is not the long one: it would scroll.)
    let latency = rows.iter().find(|r| r.contains("Latency ")).unwrap();
    assert!(latency.contains("xxx…"), "{shown}");
    assert!(rows.iter().any(|r| r.contains("Throughput ")), "{shown}");
}

/// `template` (its text) opened from a file, as the form at `w`×`h`.
fn open_text(name: &str, template: &str, config: Config, (w, h): (u16, u16)) -> App {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, template).unwrap();
    let source = Source::File(path);
    let template = discover::load(&source).unwrap();
    App::with_form(config, template, source, None, (w, h))
}

/// The assignees field focused showed `ctocat, hubot` for `octocat, hubot` at 60
/// columns: the row gave it the columns of its text and the cursor, and the column kept
/// free after the cursor scrolled the first letter off. It shows whole now; text that is
/// scrolled (too long for the row) starts with `…`, and unfocused it shows from its start,
/// cut with `…`.
#[test]
fn a_focused_header_field_never_hides_its_start_unmarked() {
    use issue_composer::tui::app::People;
    let people = |assignees: Vec<String>| People {
        labels: vec![],
        assignees,
    };
    let row = |app: &App| screen(app, 60, 30).lines().nth(2).unwrap().to_owned();
    let short = Config {
        people: people(vec!["octocat".into(), "hubot".into()]),
        ..config()
    };
    let source = discover::resolve("go-performance").unwrap();
    let template = discover::load(&source).unwrap();
    let mut app = App::with_form(short, template.clone(), source.clone(), None, (60, 30));
    key(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(app.form().unwrap().focus(), Focus::Header(2));
    let focused = row(&app);
    assert!(focused.contains("Assignees: octocat, hubot"), "{focused}");
    let long: Vec<String> = (1..=8)
        .map(|i| format!("user{i:02}-long-login-name"))
        .collect();
    let long = Config {
        people: people(long),
        ..config()
    };
    let mut app = App::with_form(long, template, source, None, (60, 30));
    key(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    let focused = row(&app);
    assert!(
        focused.contains("Assignees: …") && focused.ends_with("…long-login-name  \""),
        "{focused}"
    );
    key(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(app.form().unwrap().focus(), Focus::Header(1));
    let unfocused = row(&app);
    assert!(unfocused.contains("Assignees: user01-long-"), "{unfocused}");
    assert!(unfocused.ends_with("… \""), "{unfocused}");
}

const LONG_LABELS: &str = "---\nname: Long labels\nabout: x\nlabels: [bug, needs-triage, \"area: very-long-label-name-that-goes-on-and-on\", 日本語ラベル]\nassignees: octocat\n---\n## Summary\n\n<!-- what happened -->\n";

/// The review's labels row split as the form's header does: with long labels it used to
/// read `… 日本語ラベル   Assignees` (the login cut off) at 100 columns and end mid-label
/// (`… 日本`, no `…`, no assignees) at 80.
#[test]
fn the_reviews_labels_row_keeps_the_assignees() {
    for w in [100, 80] {
        let mut app = open_text("long.md", LONG_LABELS, config(), (w, 30));
        app.update(Msg::Paste("x".into()));
        key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert!(matches!(
            app.screen(),
            issue_composer::tui::app::Screen::Review(_)
        ));
        let review = screen(&app, w, 30);
        let row = review.lines().nth(2).unwrap();
        assert!(row.contains("  Assignees: octocat "), "{w}: {row}");
        assert!(row.contains("… "), "{w}: {row}");
        key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
        let form = screen(&app, w, 30);
        assert_eq!(form.lines().nth(2).unwrap(), row, "{w}: the form's split");
    }
}

/// A long option list scrolls with its cursor: past the pane's height the pane went
/// blank (the list begun above the pane's top was not drawn at all) while Space still
/// ticked the option under the unseen cursor. Checkboxes at 100×20 and 100×30, and an
/// issue form's 60-option dropdown.
#[test]
fn a_long_option_list_stays_in_view_as_the_cursor_moves_down() {
    let options = (0..60)
        .map(|i| format!("- [ ] option {i}"))
        .collect::<Vec<_>>()
        .join("\n");
    let many = format!(
        "---\nname: Many\nabout: x\n---\n## Pick some (required)\n{options}\n\n## After\n<!-- x -->\n"
    );
    for (h, downs) in [(20, 15), (20, 59), (30, 25)] {
        let mut app = open_text("many.md", &many, config(), (100, h));
        key(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
        for _ in 0..downs {
            key(&mut app, KeyCode::Down, KeyModifiers::NONE);
        }
        let text = screen(&app, 100, h);
        let pane = pane_lines(&text);
        let here = format!("› [ ] option {downs}");
        let at = pane.iter().position(|l| l.contains(&here));
        assert!(at.is_some(), "{h} rows, {downs} down:\n{text}");
        assert!(
            pane.iter()
                .any(|l| l.contains(&format!("option {}", downs - 1))),
            "{text}"
        );
    }
    let dropdown = (0..60)
        .map(|i| format!("        - choice {i}\n"))
        .collect::<Vec<_>>()
        .concat();
    let form = format!(
        "name: Drop\ndescription: x\nbody:\n  - type: dropdown\n    id: pick\n    attributes:\n      label: Pick one\n      options:\n{dropdown}"
    );
    let mut app = open_text("drop.yml", &form, config(), (100, 20));
    key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    for _ in 0..30 {
        key(&mut app, KeyCode::Down, KeyModifiers::NONE);
    }
    let text = screen(&app, 100, 20);
    assert!(
        pane_lines(&text)
            .iter()
            .any(|l| l.contains("› ( ) choice 30")),
        "{text}"
    );
}

/// A section's only field under a long parent: the title row cut the field's own words
/// (`▸ A very long parent section heading that goes on for a while ›… *  [rust]` at 100
/// columns, `▸ A very long parent section h… *` at 60). The parent gives way first (and
/// would go altogether were the own title alone to fill the row). The `(required)` that
/// made the field required is not repeated before its `*`.
#[test]
fn a_long_parent_gives_way_to_the_fields_own_title() {
    let template = "## A very long parent section heading that goes on for a while\n\n### Reproduction logs (required)\n\n```rust\n\n```\n";
    let row = |w: u16| {
        let mut app = open_text("logs.md", template, config(), (w, 20));
        key(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
        let text = screen(&app, w, 20);
        pane_lines(&text)[0].trim_end().to_owned()
    };
    assert_eq!(
        row(100),
        " ▸ A very long parent section heading that g… › Reproduction logs *  [rust]"
    );
    assert_eq!(row(60), " ▸ A very l… › Reproduction logs *  [rust]");
    assert_eq!(
        row(160),
        " ▸ A very long parent section heading that goes on for a while › Reproduction logs *  [rust]"
    );
}

/// `Summary (required) *` said it twice: the `(required)` that made the field required
/// is left out of the label drawn beside the `*`, in any case, inline and titled; a
/// label saying it of a field that is not required keeps it, and the issue keeps the
/// template's words.
#[test]
fn the_required_mark_is_not_said_twice() {
    let template = "## Summary (Required)\n\n<!-- what happened -->\n\n## Details\n\n- Version (required): \n- OS: \n";
    let mut app = open_text("req.md", template, config(), (80, 20));
    key(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
    let text = screen(&app, 80, 20);
    assert_eq!(pane_lines(&text)[0].trim_end(), " ▸ Summary *", "{text}");
    key(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
    let text = screen(&app, 80, 20);
    let pane = pane_lines(&text);
    assert!(pane.iter().any(|l| l.starts_with(" ▸ Version *")), "{text}");
    assert!(!text.to_lowercase().contains("(required)"), "{text}");
    // The sidebar reads as the pane: its mark, the name without the word.
    assert!(text.contains("\"! Summary          │ Details"), "{text}");
    let form = app.form().unwrap().form();
    assert!(form.fields.iter().any(|f| f.label.contains("(required)")));
    // The review names them as the form does.
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let text = screen(&app, 80, 20);
    assert!(text.contains("Summary is required"), "{text}");
    assert!(text.contains("Details › Version is required"), "{text}");
    let head = text.split("Finished issue").next().unwrap();
    assert!(!head.to_lowercase().contains("(required)"), "{text}");
    // The issue keeps the template's words.
    assert!(text.contains("- Version (required):"), "{text}");
}

/// A heading and a first field that name the same thing but for letter case, a colon or
/// `(required)` (`## Version (Required)` and `- Version (required):`) show the name once:
/// in the pane (the title row), in the sidebar (no `(Required)` beside its `!`) and in
/// the review (`Version is required`, not `Version (Required) › Version is required`).
/// The issue keeps the template's words.
#[test]
fn a_heading_and_its_first_label_differing_in_letter_case_show_once() {
    for (heading, label, title) in [
        ("Version (Required)", "Version (required)", "Version *"),
        (
            "Expected behavior",
            "**expected behavior**",
            "Expected behavior",
        ),
        ("Environment:", "environment", "Environment"),
    ] {
        let template = format!("## {heading}\n\n- {label}: \n- Other: \n");
        let mut app = open_text("case.md", &template, config(), (80, 20));
        key(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
        let text = screen(&app, 80, 20);
        let pane = pane_lines(&text);
        assert_eq!(pane[0].trim_end(), format!(" ▸ {title}"), "{text}");
        let name = title.trim_end_matches(" *").to_lowercase();
        let said = pane
            .iter()
            .filter(|l| l.to_lowercase().contains(&name))
            .count();
        assert_eq!(said, 1, "{text}");
        assert!(!text.to_lowercase().contains("(required)"), "{text}");
        let issue = app.form().unwrap().issue();
        assert!(
            issue
                .body
                .starts_with(&format!("## {heading}\n\n- {label}:")),
            "{}",
            issue.body
        );
    }
    let template = "## Version (Required)\n\n- Version (required): \n- OS: \n";
    let mut app = open_text("case.md", template, config(), (80, 20));
    let text = screen(&app, 80, 20);
    assert!(text.contains("\"· Version          │"), "{text}");
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let text = screen(&app, 80, 20);
    assert!(text.contains("\"   Version is required "), "{text}");
    assert!(!text.contains("›  Version"), "{text}");
}

/// "Terminal too small" wraps onto the rows under it rather than stop at the row's end
/// (`terminal too small: need 60×16, have` at 40 columns, `terminal too small: need` at
/// 30): the sizes show at every width.
#[test]
fn too_small_shows_both_sizes_however_narrow() {
    let app = open("go-performance", None);
    for (w, h) in [(40, 20), (30, 20), (30, 3), (20, 1)] {
        let text = screen(&app, w, h);
        let words: String = text
            .lines()
            .filter(|l| l.starts_with('"'))
            .map(|l| l.trim_matches('"').trim())
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if h >= 3 {
            assert_eq!(
                words,
                format!("terminal too small: need 60×16, have {w}×{h}"),
                "{text}"
            );
        } else {
            assert!(words.starts_with("terminal"), "{text}");
        }
    }
}

/// A table taller than the pane follows its cursor too (drawn off screen, its rows in
/// view copied).
#[test]
fn a_tall_table_stays_in_view_as_the_cursor_moves_down() {
    let rows = (0..40)
        .map(|i| format!("| row {i} | |"))
        .collect::<Vec<_>>()
        .join("\n");
    let template = format!(
        "## Results\n\n| Name | Value |\n| --- | --- |\n{rows}\n\n## After\n\n<!-- x -->\n"
    );
    let mut app = open_text("table.md", &template, config(), (100, 20));
    key(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
    for _ in 0..30 {
        key(&mut app, KeyCode::Down, KeyModifiers::NONE);
    }
    let text = screen(&app, 100, 20);
    let pane = pane_lines(&text);
    assert!(pane.iter().any(|l| l.contains("row 30")), "{text}");
    assert!(pane.iter().any(|l| l.contains("row 29")), "{text}");
}

/// F1's keys sit in one column as wide as the widest key (display width: `↑` is one
/// cell), so each is followed by at least one space, at every width the help is drawn
/// at; `Shift-Tab/Ctrl-↑` used to run into its description, past a 12-cell column.
#[test]
fn every_help_key_has_a_space_before_its_description() {
    let mut overrides = std::collections::BTreeMap::new();
    overrides.insert(
        "review".to_owned(),
        ["ctrl-s", "f5", "alt-↑", "f6"].map(str::to_owned).into(),
    );
    let config = Config {
        keys: issue_composer::tui::keymap::Keymap::with_overrides(&overrides),
        ..config()
    };
    let source = discover::resolve("bug-report").unwrap();
    let template = discover::load(&source).unwrap();
    let mut app = App::with_form(config, template, source, None, (120, 40));
    key(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    // The widest key, 18 cells (`↑` is one cell and three bytes): descriptions start
    // after it and one space.
    let text = screen(&app, 100, 200);
    assert!(
        text.contains("   Ctrl-S/F5/Alt-↑/F6 review the finished issue"),
        "{text}"
    );
    assert!(
        text.contains("   Shift-Tab/Ctrl-↑   previous field"),
        "{text}"
    );
    for width in screen::MIN_SIZE.0..=120 {
        let text = screen(&app, width, 200);
        let keyed: Vec<Vec<char>> = text
            .lines()
            .filter_map(|l| l.strip_prefix('"')?.strip_suffix('"'))
            .map(|l| l.chars().collect::<Vec<char>>())
            .filter(|r| r.len() > 3 && r[..3] == [' '; 3] && r[3] != ' ')
            .collect();
        assert!(keyed.len() > 30, "{width}: {text}");
        // At most a third of the width (with the indent and the space): 16 at 60
        // columns, where `Ctrl-S/F5/Alt-↑/F6` goes on under itself.
        let at = 3 + 18.min(usize::from(width) / 3 - 4) + 1;
        for r in &keyed {
            let row: String = r.iter().collect();
            // A key list's own second row (`F6`) may have no description beside it.
            if r[at..].iter().all(|&c| c == ' ') {
                continue;
            }
            assert!(r[at - 1] == ' ' && r[at] != ' ', "{width}: {row}");
        }
    }
}

/// A key override wider than a third of the screen (`[keys] review =
/// ["ctrl-shift-alt-pagedown", "f12", "alt-shift-backspace"]`) made the key column 38
/// wide at 60 columns, and descriptions, wrapped at 20, were cut (`review the finishe`).
/// Now the column is capped, the key list goes on under itself, and every description
/// is there whole at every width the help allows.
#[test]
fn a_wide_key_override_loses_no_letters_in_the_help() {
    let mut overrides = std::collections::BTreeMap::new();
    overrides.insert(
        "review".to_owned(),
        ["ctrl-shift-alt-pagedown", "f12", "alt-shift-backspace"]
            .map(str::to_owned)
            .into(),
    );
    let config = Config {
        keys: issue_composer::tui::keymap::Keymap::with_overrides(&overrides),
        ..config()
    };
    // The form's help shows the form's, the review's and its own keys.
    let whats: Vec<&str> = config
        .keys
        .bindings()
        .iter()
        .filter(|b| {
            use issue_composer::tui::keymap::Context;
            b.contexts
                .iter()
                .any(|c| matches!(c, Context::Form | Context::Review | Context::Help))
        })
        .map(|b| b.what)
        .collect();
    assert!(whats.len() > 20);
    let source = discover::resolve("performance").unwrap();
    let template = discover::load(&source).unwrap();
    let mut app = App::with_form(config, template, source, None, (60, 30));
    key(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    for width in screen::MIN_SIZE.0..=100 {
        let text = screen(&app, width, 300);
        // Rows as characters: the key column is counted in cells, and `↑` is one.
        let rows: Vec<Vec<char>> = text
            .lines()
            .filter_map(|l| l.strip_prefix('"')?.strip_suffix('"'))
            .map(|l| l.chars().collect())
            .collect();
        let part = |r: &[char], from: usize, to: usize| -> String {
            r.get(from..to.min(r.len())).unwrap_or(&[]).iter().collect()
        };
        // The description column: where `review the finished issue` starts.
        let at = rows
            .iter()
            .find_map(|r| {
                let row: String = r.iter().collect();
                let byte = row.find("review the finished")?;
                Some(row[..byte].chars().count())
            })
            .unwrap_or_else(|| panic!("{width}: {text}"));
        assert!(at <= usize::from(width) / 3 + 1, "{width}: {text}");
        let rows: Vec<&Vec<char>> = rows.iter().filter(|r| r.starts_with(&[' '; 3])).collect();
        // Every key of the list is there, each on a row of its own or shared.
        let keys: String = rows
            .iter()
            .map(|r| part(r, 0, at).trim().to_owned())
            .collect();
        assert!(
            keys.contains("Ctrl-Alt-Shift-PgDn/F12/Alt-Shift-Bksp"),
            "{width}: {keys}\n{text}"
        );
        let said = rows
            .iter()
            .map(|r| part(r, at, r.len()).trim().to_owned())
            .collect::<Vec<_>>()
            .join(" ");
        for what in &whats {
            let what = what.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(said.contains(&what), "{width}: `{what}` in\n{text}");
        }
    }
}

/// A section of several fields whose first field's label only repeats the heading
/// (`Steps to reproduce`, with a colon or without) shows those words once: the title
/// row is the first field's label (its focus marker, `*`), its input under it. The issue
/// keeps the template's words.
#[test]
fn a_heading_repeated_by_the_first_label_shows_once() {
    for (heading, label) in [
        ("Steps to reproduce", "Steps to reproduce"),
        ("Steps to reproduce:", "Steps to reproduce"),
        (
            "Steps to reproduce (required)",
            "Steps to reproduce (required)",
        ),
    ] {
        let template = format!("## {heading}\n\n- {label}: \n- Expected: \n- Actual: \n");
        let mut app = open_text("steps.md", &template, config(), (80, 20));
        key(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
        let form = app.form().unwrap().form();
        assert_eq!(form.sections[0].fields.len(), 3, "{heading}");
        assert_eq!(&*form.fields[0].label, label);
        let text = screen(&app, 80, 20);
        let pane = pane_lines(&text);
        let marked = if label.contains("(required)") {
            " *"
        } else {
            ""
        };
        let title = heading.trim_end_matches(':').replace(" (required)", "");
        assert_eq!(pane[0].trim_end(), format!(" ▸ {title}{marked}"), "{text}");
        let said = pane
            .iter()
            .filter(|l| l.contains("Steps to reproduce"))
            .count();
        assert_eq!(said, 1, "{text}");
        // Its (empty) input under it, a blank row, then the other fields.
        assert_eq!(pane[1..3], ["", ""], "{text}");
        assert!(pane[3].starts_with("   Expected"), "{text}");
        let issue = app.form().unwrap().issue();
        assert!(
            issue
                .body
                .starts_with(&format!("## {heading}\n\n- {label}:")),
            "{}",
            issue.body
        );
    }
}

/// The review of `title` typed into a `Bug.md` in `folder`, with only `-o out.md` on
/// the command line, drawn at 100×30.
fn review_with_only_a_file(folder: &str, title: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join(folder);
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("Bug.md");
    std::fs::write(&path, "## Summary\n\n<!-- What happened? -->\n").unwrap();
    let source = Source::File(path);
    let plan = Plan {
        file: Some(issue_composer::export::FileTarget {
            path: "out.md".into(),
            force: false,
        }),
        ..Plan::default()
    };
    let mut app = App::with_form(
        Config { plan, ..config() },
        discover::load(&source).unwrap(),
        source,
        None,
        (100, 30),
    );
    app.update(Msg::Paste(title.to_owned()));
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    screen(&app, 100, 30)
}

/// With only `-o`, a title the template's forge refuses does not block (the file takes
/// it) but is noted, since the command that creates the issue from the file would fail;
/// and `g` is named for the tool it runs: glab for a GitLab template.
#[test]
fn the_review_notes_a_title_the_forge_refuses_and_names_the_tool_g_runs() {
    let text = review_with_only_a_file(".github/ISSUE_TEMPLATE", &"L".repeat(300));
    assert!(text.contains(" Ready: Enter to write "), "{text}");
    assert!(
        text.contains(
            " gh cannot send it: the title is 300 characters long, and GitHub takes at most 256 "
        ),
        "{text}"
    );
    let footer = text.lines().nth(29).unwrap();
    assert!(footer.contains("g gh"), "{footer}");
    let text = review_with_only_a_file(".github/ISSUE_TEMPLATE", &"L".repeat(256));
    assert!(!text.contains("cannot send it"), "{text}");
    let text = review_with_only_a_file(".gitlab/issue_templates", &"L".repeat(256));
    assert!(
        text.contains(
            " glab cannot send it: the title is 256 characters long, and GitLab takes at most 255 "
        ),
        "{text}"
    );
    let footer = text.lines().nth(29).unwrap();
    assert!(footer.contains("g glab"), "{footer}");
    assert!(!footer.contains("g gh"), "{footer}");
}

/// F1 names the tool `g` runs as the review's footer does: gh for a GitHub template,
/// glab for a GitLab one (from the form and from the review).
#[test]
fn the_help_names_the_tool_g_runs() {
    let help_of = |folder: &str, from_review: bool| {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join(folder);
        std::fs::create_dir_all(&folder).unwrap();
        let path = folder.join("Bug.md");
        std::fs::write(&path, "## Summary\n\n<!-- What happened? -->\n").unwrap();
        let source = Source::File(path);
        let mut app = App::with_form(
            config(),
            discover::load(&source).unwrap(),
            source,
            None,
            (100, 60),
        );
        if from_review {
            key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
        }
        key(&mut app, KeyCode::F(1), KeyModifiers::NONE);
        screen(&app, 100, 60)
    };
    for from_review in [false, true] {
        let text = help_of(".github/ISSUE_TEMPLATE", from_review);
        // Rows are padded to the width: the words end in a space.
        assert!(
            text.contains(" leave and create the issue with gh "),
            "{text}"
        );
        let text = help_of(".gitlab/issue_templates", from_review);
        assert!(
            text.contains(" leave and create the issue with glab "),
            "{text}"
        );
        assert!(!text.contains("with gh "), "{text}");
    }
}

/// The quit question says what quitting does: answers from `--answers` that nothing
/// changed write no draft (the file holds them), a change is kept as a draft, and once
/// the draft is saved the dialog names it.
#[test]
fn the_quit_dialog_says_whether_a_draft_is_written() {
    let mut app = open("go-performance", Some(GO_ANSWERS));
    app.started_from("the answers file a.yaml, which stays as it was".to_owned());
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    let text = screen(&app, 100, 20);
    assert!(
        text.contains("│Nothing changed since the answers file a.yaml, which stays as │")
            && text.contains("│it was: no draft is saved.    "),
        "{text}"
    );
    // A change is saved as a draft on the way out.
    key(&mut app, KeyCode::Char('n'), KeyModifiers::NONE);
    key(&mut app, KeyCode::Char('z'), KeyModifiers::NONE);
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    let text = screen(&app, 100, 20);
    assert!(
        text.contains("│Your answers are kept as a draft for next time.    "),
        "{text}"
    );
    key(&mut app, KeyCode::Char('n'), KeyModifiers::NONE);
    app.update(Msg::DraftSaved(Ok(std::path::PathBuf::from("/d/p.yaml"))));
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    let text = screen(&app, 100, 20);
    assert!(
        text.contains("│Your answers are kept as a draft in /d/p.yaml.    "),
        "{text}"
    );
}

/// A field prefilled by the form's `value:` is filled, required or not (GitHub sends it
/// as it stands; `placeholder:` is the hint): the header counts it and the sidebar
/// marks its section `✓`. Before, the header said `1 of 3 fields filled` while the
/// sidebar marked the required one `·`, untouched; then an optional one was taken for
/// the template's example (`~`) and counted by neither. Typing into an empty field
/// fills it for both.
#[test]
fn a_prefilled_field_is_filled_in_the_header_and_the_sidebar_alike() {
    let form = "name: Prefilled\ndescription: d\nbody:\n\
                - type: textarea\n  id: version\n  attributes:\n    label: Version\n    value: v1.2\n  validations:\n    required: true\n\
                - type: textarea\n  id: logs\n  attributes:\n    label: Logs\n    value: paste here\n\
                - type: input\n  id: summary\n  attributes:\n    label: Summary\n";
    let mut app = open_text("p.yml", form, config(), (60, 16));
    let view = |app: &App| {
        let text = screen(app, 60, 16);
        // Rows as drawn, without the quotes the dump puts around each.
        let rows: Vec<&str> = text.lines().map(|l| l.trim_matches('"')).collect();
        let sidebar: Vec<String> = rows[4..7]
            .iter()
            .map(|l| match l.split_once('│') {
                Some((sidebar, _)) => sidebar.trim_end().to_owned(),
                None => panic!("{text}"),
            })
            .collect();
        (rows[0].to_owned(), sidebar)
    };
    assert_eq!(
        view(&app),
        (
            " issue-composer · Prefilled            2 of 3 fields filled ".to_owned(),
            vec![
                "✓ Version".to_owned(),
                "✓ Logs".to_owned(),
                "· Summary".to_owned()
            ]
        )
    );
    go(&mut app, "summary");
    key(&mut app, KeyCode::Char('x'), KeyModifiers::NONE);
    assert_eq!(
        view(&app),
        (
            " issue-composer · Prefilled            3 of 3 fields filled ".to_owned(),
            vec![
                "✓ Version".to_owned(),
                "✓ Logs".to_owned(),
                "✓ Summary".to_owned()
            ]
        )
    );
}

/// A markdown template's required field (`(required)`) that opens holding the
/// template's text counts as filled, an optional one holding its example does not:
/// the form at open reads only the required fields (`Form::required`), not every field.
#[test]
fn a_required_markdown_field_holding_its_text_is_filled_at_open() {
    let md = "---\nname: Req\nabout: a\n---\n\n## Env (required)\n\n```\ngo version\n```\n\n\
              ## Logs\n\n```\npaste here\n```\n\n## Summary\n\n";
    let app = open_text("r.md", md, config(), (60, 16));
    let text = screen(&app, 60, 16);
    let rows: Vec<&str> = text.lines().map(|l| l.trim_matches('"')).collect();
    assert_eq!(
        rows[0], " issue-composer · Req                  1 of 3 fields filled ",
        "{text}"
    );
}

/// Typing on a choice list, as a new user did after the title and Tab: a letter moves
/// to the next option whose label starts with it (as ↑↓ move; Space picks), and one no
/// option starts with is said in the footer. Before, `mediu` vanished without a word.
#[test]
fn typing_on_a_choice_list_jumps_to_an_option_or_says_none_starts_so() {
    let mut app = open("go-performance", None);
    app.update(Msg::Type("Faster parse".to_owned()));
    key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    let priority = |app: &App| -> (Vec<String>, String) {
        let text = screen(app, 100, 30);
        let rows: Vec<&str> = text.lines().map(|l| l.trim_matches('"')).collect();
        let options = rows[7..10]
            .iter()
            .map(|l| l.split_once('│').unwrap().1.trim_end().to_owned())
            .collect();
        (options, rows[29].trim_end().to_owned())
    };
    app.update(Msg::Type("mediu".to_owned()));
    assert_eq!(
        priority(&app),
        (
            vec![
                "   › ( ) P1-High".to_owned(),
                "     ( ) P2-Medium".to_owned(),
                "     ( ) P3-Low".to_owned()
            ],
            " no option starts with \"u\"; ↑↓ move, Space picks".to_owned()
        )
    );
    app.update(Msg::Type("p".to_owned()));
    key(&mut app, KeyCode::Char(' '), KeyModifiers::NONE);
    let (options, footer) = priority(&app);
    assert_eq!(
        options,
        ["     ( ) P1-High", "   › (•) P2-Medium", "     ( ) P3-Low"]
    );
    assert!(footer.starts_with(" Space pick · ↑↓ move"), "{footer}");
    // A sentence typed on the list after a pick, its space on the picked option, keeps
    // the pick (before, the space cleared it without a word).
    app.update(Msg::Type("30% faster".to_owned()));
    let (options, footer) = priority(&app);
    assert_eq!(
        options,
        ["     ( ) P1-High", "   › (•) P2-Medium", "     ( ) P3-Low"]
    );
    assert_eq!(footer, " no option starts with \"r\"; ↑↓ move, Space picks");
    assert!(
        screen(&app, 100, 30)
            .lines()
            .next()
            .unwrap()
            .ends_with("1 of 26 fields filled \""),
        "{}",
        screen(&app, 100, 30)
    );
}
