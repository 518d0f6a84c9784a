//! Fields the machine fills, as state: Ctrl-R (a command's output) and Ctrl-D (the
//! environment), with the background work replaced by the messages it would send.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

mod keys;
use crossterm::event::KeyCode;
use issue_composer::discover;
use issue_composer::environment::Want;
use issue_composer::export::Plan;
use issue_composer::form::Value;
use issue_composer::history::History;
use issue_composer::shell::{End, Finished};
use issue_composer::tui::app::{App, Config, Effect, Focus, Modal, Msg};
use issue_composer::tui::theme::Theme;
use keys::{ctrl, key, press, typ};

const BENCH: &str = include_str!("fixtures/metrics/go/bench.txt");
const AFTER: &str = include_str!("fixtures/metrics/go/after.txt");

fn open(name: &str) -> App {
    let config = Config {
        plan: Plan::default(),
        drafts: true,
        theme: Theme::plain(),
        ..Config::default()
    };
    let source = discover::resolve(name).unwrap();
    let template = discover::load(&source).unwrap();
    App::with_form(config, template, source, None, (120, 40))
}

fn index(app: &App, id: &str) -> usize {
    app.form().unwrap().form().field_index(id).unwrap()
}

fn value(app: &App, id: &str) -> Value {
    app.form().unwrap().answers().values[index(app, id)].clone()
}

/// Moves field by field (Ctrl-↓: in a code block Tab types a tab) to the field with
/// this id.
fn focus_on(app: &mut App, id: &str) {
    let target = Focus::Field(index(app, id));
    for _ in 0..200 {
        if app.form().unwrap().focus() == target {
            return;
        }
        press(
            app,
            [Msg::Key(crossterm::event::KeyEvent::new(
                KeyCode::Down,
                crossterm::event::KeyModifiers::CONTROL,
            ))],
        );
    }
    panic!("never reached {id}");
}

/// Ctrl-R on the focused field, the history read, and `line` run.
fn run(app: &mut App, line: &str) -> Vec<Effect> {
    let field = match app.form().unwrap().focus() {
        Focus::Field(f) => f,
        Focus::Header(_) => panic!("not on a field"),
    };
    let effects = press(app, [ctrl('r')]);
    assert!(
        matches!(effects.as_slice(), [Effect::AskCommand { field: f, .. }] if *f == field),
        "{effects:?}"
    );
    press(
        app,
        [Msg::CommandPrompt {
            field,
            history: History::default(),
            note: None,
        }],
    );
    typ(app, line);
    press(app, [key(KeyCode::Enter)])
}

fn finished(end: End, output: &str) -> Msg {
    Msg::CommandFinished(Finished {
        end,
        output: output.to_owned(),
    })
}

#[test]
fn ctrl_r_prompts_with_the_last_line_for_the_field_and_runs_it() {
    let mut app = open("go-performance");
    focus_on(&mut app, "benchmark-results-baseline");
    let field = index(&app, "benchmark-results-baseline");
    assert_eq!(press(&mut app, [ctrl('r')]).len(), 1);
    let mut history = History::default();
    history.record("benchmark-results-baseline", "go test -bench .");
    history.record("other", "make bench");
    press(
        &mut app,
        [Msg::CommandPrompt {
            field,
            history,
            note: None,
        }],
    );
    let Some(Modal::Command(prompt)) = app.modal() else {
        panic!("no prompt: {:?}", app.modal());
    };
    assert_eq!(prompt.line.text(), "go test -bench .");
    // ↑ walks the recent lines, ↓ comes back.
    press(&mut app, [key(KeyCode::Up)]);
    let Some(Modal::Command(prompt)) = app.modal() else {
        panic!();
    };
    assert_eq!(prompt.line.text(), "make bench");
    press(&mut app, [key(KeyCode::Down)]);
    typ(&mut app, " -count 3");
    let effects = press(&mut app, [key(KeyCode::Enter)]);
    let line = "go test -bench . -count 3".to_owned();
    assert_eq!(effects[1..], [Effect::RunCommand { line: line.clone() }]);
    assert!(
        matches!(&effects[0], Effect::RememberCommand { field_id, line: l, .. }
            if field_id == "benchmark-results-baseline" && *l == line)
    );
    assert!(app.busy());
    assert_eq!(app.command().unwrap().line, line);
}

#[test]
fn progress_shows_and_typing_goes_on_while_a_command_runs() {
    let mut app = open("go-performance");
    focus_on(&mut app, "benchmark-results-baseline");
    run(&mut app, "go test -bench .");
    press(&mut app, [Msg::CommandProgress(vec!["goos: linux".into()])]);
    assert_eq!(app.command().unwrap().lines, ["goos: linux"]);
    // Typing elsewhere is not blocked (Ctrl-↓ leaves the code block).
    focus_on(&mut app, "profiling-data");
    typ(&mut app, "flame graph");
    assert_eq!(
        value(&app, "profiling-data"),
        Value::Text("flame graph".into())
    );
    // A second command waits for the first.
    press(&mut app, [ctrl('r')]);
    assert!(app.notice().unwrap().text.contains("Esc stops it"));
}

#[test]
fn esc_stops_the_command_and_the_field_stays() {
    let mut app = open("go-performance");
    focus_on(&mut app, "benchmark-results-baseline");
    let before = value(&app, "benchmark-results-baseline");
    run(&mut app, "sleep 100");
    assert_eq!(press(&mut app, [key(KeyCode::Esc)]), [Effect::StopCommand]);
    assert!(app.command().unwrap().stopping);
    // Not a quit question: the command was what Esc was for.
    assert!(app.modal().is_none());
    press(&mut app, [finished(End::Stopped, "partial")]);
    assert!(!app.busy());
    assert_eq!(value(&app, "benchmark-results-baseline"), before);
}

#[test]
fn benchmark_output_fills_the_block_then_the_table_as_baseline() {
    let mut app = open("go-performance");
    focus_on(&mut app, "benchmark-results-baseline");
    run(&mut app, "cat bench.txt");
    // The block holds only the template's example: replaced without a question.
    press(&mut app, [finished(End::Exited(0), BENCH)]);
    let text = value(&app, "benchmark-results-baseline")
        .as_text()
        .to_owned();
    assert!(text.starts_with("goos: linux\n"), "{text}");
    assert!(text.contains("BenchmarkCacheHit-8"), "{text}");
    let Some(Modal::Metrics(offer)) = app.modal() else {
        panic!("no offer: {:?}", app.modal());
    };
    assert_eq!(offer.import.benches.len(), 4);
    // The second benchmark, as the baseline.
    press(&mut app, [key(KeyCode::Down), key(KeyCode::Char('b'))]);
    assert!(app.modal().is_none());
    let Value::Table(cells) = value(&app, "performance-targets") else {
        panic!("not a table");
    };
    // Rows Throughput, Latency, Memory, Allocations; columns Baseline, Target, Actual.
    let baseline: Vec<&str> = cells.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(baseline, ["20.3k ops/s", "49.2 µs", "4 KiB", "9 allocs"]);
    assert!(cells.iter().all(|r| r[1].is_empty() && r[2].is_empty()));
    // The block keeps the whole output.
    assert_eq!(
        value(&app, "benchmark-results-baseline").as_text(),
        text.as_str()
    );
}

/// The second run, after the change, from the block that holds the baseline's output:
/// `a` fills the table's Actual column and leaves the baseline's block as it was.
#[test]
fn results_after_the_change_fill_the_actual_column_and_keep_the_baseline_block() {
    let mut app = open("go-performance");
    focus_on(&mut app, "benchmark-results-baseline");
    run(&mut app, "cat bench.txt");
    press(&mut app, [finished(End::Exited(0), BENCH)]);
    press(&mut app, [key(KeyCode::Char('b'))]);
    let baseline = value(&app, "benchmark-results-baseline");
    run(&mut app, "cat after.txt");
    press(&mut app, [finished(End::Exited(0), AFTER)]);
    assert!(matches!(app.modal(), Some(Modal::KeepOutput(k)) if k.replaces && k.benches.is_some()));
    // The dialog's keys fit its width whole, at 100 columns.
    let screen = {
        use ratatui::{Terminal, backend::TestBackend};
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        terminal
            .draw(|f| issue_composer::tui::screen::draw(f, &app))
            .unwrap();
        terminal.backend().to_string()
    };
    assert!(
        screen.contains("y keep it · a actual results only · n drop it"),
        "{screen}"
    );
    // Four benchmarks: `a` asks which one, then `a` again as actual.
    press(&mut app, [key(KeyCode::Char('a'))]);
    assert!(
        matches!(app.modal(), Some(Modal::Metrics(_))),
        "{:?}",
        app.modal()
    );
    press(&mut app, [key(KeyCode::Char('a'))]);
    assert!(app.modal().is_none());
    assert_eq!(value(&app, "benchmark-results-baseline"), baseline);
    let Value::Table(cells) = value(&app, "performance-targets") else {
        panic!("not a table");
    };
    let column = |c: usize| cells.iter().map(|r| r[c].clone()).collect::<Vec<_>>();
    assert_eq!(
        column(0),
        ["810 ops/s", "1.23 ms", "96.5 KiB", "123 allocs"]
    );
    assert_eq!(column(2), ["1.31k ops/s", "762 µs", "12 KiB", "12 allocs"]);
}

/// The after-change results are offered on the benchmark taken as the baseline, not the
/// first: comparing two different benchmarks (or GOMAXPROCS variants) is no comparison.
#[test]
fn the_actual_results_offer_starts_on_the_baselines_benchmark() {
    let mut app = open("go-performance");
    focus_on(&mut app, "benchmark-results-baseline");
    run(&mut app, "cat bench.txt");
    press(&mut app, [finished(End::Exited(0), BENCH)]);
    // The second benchmark as the baseline.
    press(&mut app, [key(KeyCode::Down), key(KeyCode::Char('b'))]);
    run(&mut app, "cat after.txt");
    press(&mut app, [finished(End::Exited(0), AFTER)]);
    press(&mut app, [key(KeyCode::Char('a'))]);
    let Some(Modal::Metrics(offer)) = app.modal() else {
        panic!("{:?}", app.modal())
    };
    assert_eq!(offer.cursor, 1);
    assert_eq!(
        offer.import.benches[offer.cursor].name,
        "BenchmarkCurrentImplementation/cached-8"
    );
}

#[test]
fn a_failure_or_typed_text_is_replaced_only_after_a_yes() {
    let mut app = open("go-performance");
    focus_on(&mut app, "profiling-data");
    typ(&mut app, "my notes");
    run(&mut app, "pprof");
    press(&mut app, [finished(End::Exited(0), "top 10\n")]);
    assert!(matches!(app.modal(), Some(Modal::KeepOutput(k)) if k.replaces));
    press(&mut app, [key(KeyCode::Char('n'))]);
    assert_eq!(
        value(&app, "profiling-data"),
        Value::Text("my notes".into())
    );

    run(&mut app, "false");
    press(
        &mut app,
        [finished(End::Exited(2), "\x1b[31merror\x1b[0m: boom\r\n")],
    );
    assert!(matches!(app.modal(), Some(Modal::KeepOutput(k)) if k.replaces && !k.end.success()));
    press(&mut app, [key(KeyCode::Char('y'))]);
    assert_eq!(
        value(&app, "profiling-data"),
        Value::Text("error: boom".into())
    );
}

#[test]
fn a_one_line_field_takes_the_first_line() {
    let mut app = open("go-performance");
    focus_on(&mut app, "optimization-opportunity/expected-impact");
    run(&mut app, "echo");
    press(&mut app, [finished(End::Exited(0), "\n30% faster\nmore\n")]);
    assert_eq!(
        value(&app, "optimization-opportunity/expected-impact"),
        Value::Text("30% faster".into())
    );
}

#[test]
fn ctrl_d_shows_what_was_detected_and_inserts_it_on_enter() {
    let mut app = open("bug-report");
    focus_on(&mut app, "environment/version");
    let field = index(&app, "environment/version");
    let effects = press(&mut app, [ctrl('d')]);
    assert_eq!(
        effects,
        [Effect::Detect {
            field,
            want: Want::Versions
        }]
    );
    assert!(app.busy());
    let detected = || Msg::Detected {
        field,
        text: "Go: go version go1.22.1\nRust: rustc 1.89.0".into(),
    };
    press(&mut app, [detected()]);
    assert!(!app.busy());
    assert!(matches!(app.modal(), Some(Modal::Detected { text, .. }) if text.starts_with("Go:")));
    // Esc: nothing goes in.
    press(&mut app, [key(KeyCode::Esc)]);
    assert!(app.modal().is_none());
    assert_eq!(
        value(&app, "environment/version"),
        Value::Text(String::new())
    );
    // Enter: in it goes, on one line.
    press(&mut app, [ctrl('d'), detected(), key(KeyCode::Enter)]);
    assert_eq!(
        value(&app, "environment/version"),
        Value::Text("Go: go version go1.22.1; Rust: rustc 1.89.0".into())
    );
}

/// What Ctrl-D detected goes where the cursor was when Ctrl-D was pressed; when the
/// field was typed in or its cursor moved while detection ran, that place is gone, so
/// it goes at the field's end, after what is there (before: at wherever the cursor had
/// got to, in the middle of what was typed).
#[test]
fn ctrl_d_inserts_at_the_cursor_it_was_pressed_at_or_at_the_end_after_changes() {
    let field_id = "environment/version";
    let detected = |app: &App| Msg::Detected {
        field: index(app, field_id),
        text: "OS: Test".into(),
    };
    // Nothing changed meanwhile: at the cursor, here the start.
    let mut app = open("bug-report");
    focus_on(&mut app, field_id);
    typ(&mut app, "go 1.22");
    press(&mut app, [key(KeyCode::Home), ctrl('d')]);
    let msg = detected(&app);
    press(&mut app, [msg, key(KeyCode::Enter)]);
    assert_eq!(value(&app, field_id), Value::Text("OS: Testgo 1.22".into()));
    // Typed while it ran: after what is there.
    let mut app = open("bug-report");
    focus_on(&mut app, field_id);
    typ(&mut app, "go 1.22");
    press(&mut app, [key(KeyCode::Home), ctrl('d')]);
    typ(&mut app, "v");
    let msg = detected(&app);
    press(&mut app, [msg, key(KeyCode::Enter)]);
    assert_eq!(
        value(&app, field_id),
        Value::Text("vgo 1.22; OS: Test".into())
    );
    // Only moved: the place is gone too.
    let mut app = open("bug-report");
    focus_on(&mut app, field_id);
    typ(&mut app, "go 1.22");
    press(&mut app, [ctrl('d'), key(KeyCode::Home)]);
    let msg = detected(&app);
    press(&mut app, [msg, key(KeyCode::Enter)]);
    assert_eq!(
        value(&app, field_id),
        Value::Text("go 1.22; OS: Test".into())
    );
}

/// In a text area typed in meanwhile, the result goes on a line of its own at the end.
#[test]
fn ctrl_d_into_a_text_area_changed_meanwhile_goes_on_a_new_last_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("env.md");
    std::fs::write(
        &path,
        "## Summary\n\n<!-- What? -->\n\n## Environment\n\n<!-- Where? -->\n",
    )
    .unwrap();
    let mut app = open(path.to_str().unwrap());
    let field_id = "environment";
    focus_on(&mut app, field_id);
    let before = value(&app, field_id);
    press(&mut app, [ctrl('d')]);
    typ(&mut app, "mine");
    let msg = Msg::Detected {
        field: index(&app, field_id),
        text: "OS: Test\nCPU: Fast".into(),
    };
    press(&mut app, [msg, key(KeyCode::Enter)]);
    let Value::Text(after) = value(&app, field_id) else {
        panic!("text: {before:?}");
    };
    assert!(after.ends_with("mine\nOS: Test\nCPU: Fast"), "{after:?}");
}

#[test]
fn ctrl_d_elsewhere_deletes_a_character() {
    let mut app = open("bug-report");
    focus_on(&mut app, "environment/install-method");
    typ(&mut app, "brew");
    press(&mut app, [key(KeyCode::Home)]);
    assert!(press(&mut app, [ctrl('d')]).is_empty());
    assert!(app.modal().is_none());
    assert_eq!(
        value(&app, "environment/install-method"),
        Value::Text("rew".into())
    );
}

/// Ctrl-D on an OS choice selects the option naming this system, at once.
#[test]
fn ctrl_d_on_an_os_choice_selects_this_system() {
    let mut app = open("bug-report");
    focus_on(&mut app, "environment/os");
    assert!(press(&mut app, [ctrl('d')]).is_empty(), "nothing to run");
    let Value::Select(sel) = value(&app, "environment/os") else {
        panic!()
    };
    let expected = match std::env::consts::OS {
        "linux" => [true, false, false, false],
        "macos" => [false, true, false, false],
        "windows" => [false, false, true, false],
        _ => [false; 4],
    };
    assert_eq!(sel.checked, expected);
    if std::env::consts::OS == "linux" {
        assert_eq!(
            app.notice().map(|n| n.text.as_str()),
            Some("selected Linux (detected)")
        );
    }
}

#[test]
fn an_end_during_another_question_waits_for_it() {
    let mut app = open("go-performance");
    focus_on(&mut app, "profiling-data");
    run(&mut app, "pprof");
    typ(&mut app, "notes");
    // The failed command's question is on screen when the detection comes back.
    press(&mut app, [finished(End::Exited(1), "first")]);
    assert!(matches!(app.modal(), Some(Modal::KeepOutput(_))));
    let field = index(&app, "profiling-data");
    press(
        &mut app,
        [Msg::Detected {
            field,
            text: "OS: Test".into(),
        }],
    );
    assert!(matches!(app.modal(), Some(Modal::KeepOutput(_))));
    press(&mut app, [key(KeyCode::Char('n'))]);
    assert!(matches!(app.modal(), Some(Modal::Detected { .. })));
    press(&mut app, [key(KeyCode::Enter)]);
    assert_eq!(
        value(&app, "profiling-data"),
        Value::Text("notesOS: Test".into())
    );
}

/// The running panel's first line, as drawn.
fn panel_line(app: &App) -> String {
    use ratatui::{Terminal, backend::TestBackend};
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|f| issue_composer::tui::screen::draw(f, app))
        .unwrap();
    let text = terminal.backend().to_string();
    let line = text.lines().find(|l| l.contains("$ sleep 5")).unwrap();
    line.trim_matches(|c: char| c == '"' || c == '│' || c.is_whitespace())
        .to_owned()
}

/// A silent command: the elapsed time starts at zero when it starts (not at the last
/// tick, maybe seconds before: it read 7.9 s at once), and each tick redraws the spinner
/// and the time (it stayed at 0.0s, as a tick that changed nothing drew nothing).
#[test]
fn a_silent_command_shows_its_time_from_the_start_and_ticks_redraw_it() {
    use std::time::Duration;
    let mut app = open("go-performance");
    focus_on(&mut app, "benchmark-results-baseline");
    // The last tick was long before Ctrl-R.
    let start = app.clock() + Duration::from_millis(7900);
    run(&mut app, "sleep 5; echo done");
    press(&mut app, [Msg::CommandStarted(start)]);
    assert_eq!(panel_line(&app), "⠋ 0.0s  $ sleep 5; echo done");
    let drawn = app.generation();
    press(&mut app, [Msg::Tick(start + Duration::from_millis(1500))]);
    assert_ne!(app.generation(), drawn);
    assert_eq!(panel_line(&app), "⠴ 1.5s  $ sleep 5; echo done");
    let drawn = app.generation();
    press(&mut app, [Msg::Tick(start + Duration::from_millis(1720))]);
    assert_ne!(app.generation(), drawn);
    assert_eq!(panel_line(&app), "⠧ 1.7s  $ sleep 5; echo done");
    // Once it is over, a tick that changes nothing draws nothing again.
    press(&mut app, [finished(End::Stopped, "")]);
    let drawn = app.generation();
    press(&mut app, [Msg::Tick(start + Duration::from_secs(6))]);
    assert_eq!(app.generation(), drawn);
}

/// A history file moved aside: the prompt still opens, and the footer says where it went.
#[test]
fn the_prompt_says_where_a_corrupt_history_was_moved() {
    let mut app = open("go-performance");
    focus_on(&mut app, "benchmark-results-baseline");
    let field = index(&app, "benchmark-results-baseline");
    press(&mut app, [ctrl('r')]);
    let note = "the command history /d/commands.json could not be read (it is a FIFO, not a regular file); it was moved to /d/commands.json.corrupt-20250301T142500Z";
    press(
        &mut app,
        [Msg::CommandPrompt {
            field,
            history: History::default(),
            note: Some(note.to_owned()),
        }],
    );
    assert!(matches!(app.modal(), Some(Modal::Command(_))));
    let shown = app.notice().unwrap();
    assert_eq!((shown.text.as_str(), shown.problem), (note, true));
}

/// Benchmark results run into a one-line metric field: the field gets the chosen
/// benchmark's measure (what the metrics fill would put there), not the output's first
/// line, and the footer says what it got.
#[test]
fn benchmark_output_into_a_one_line_metric_field_gives_its_value() {
    let mut app = open("performance");
    focus_on(&mut app, "current-metrics/response-time");
    run(&mut app, "cat bench.txt");
    press(&mut app, [finished(End::Exited(0), BENCH)]);
    assert!(
        matches!(app.modal(), Some(Modal::Metrics(_))),
        "{:?}",
        app.modal()
    );
    // Nothing in it while the offer waits.
    assert_eq!(value(&app, "current-metrics/response-time").as_text(), "");
    press(&mut app, [key(KeyCode::Down), key(KeyCode::Char('b'))]);
    assert!(app.modal().is_none());
    assert_eq!(
        value(&app, "current-metrics/response-time").as_text(),
        "49.2 µs"
    );
    assert_eq!(
        value(&app, "current-metrics/memory-usage").as_text(),
        "4 KiB/op"
    );
    assert_eq!(
        app.notice().unwrap().text,
        "Response time: 49.2 µs from BenchmarkCurrentImplementation/cached-8; \
         the benchmark results filled 2 more empty fields or cells"
    );

    // hyperfine's JSON: the mean and its spread, not the JSON.
    let mut app = open("performance");
    focus_on(&mut app, "current-metrics/response-time");
    run(&mut app, "cat hf.json");
    let json = include_str!("fixtures/metrics/hyperfine/single.json");
    press(&mut app, [finished(End::Exited(0), json)]);
    press(&mut app, [key(KeyCode::Char('b'))]);
    assert_eq!(
        value(&app, "current-metrics/response-time").as_text(),
        "8.51 s"
    );

    // Declined: the output's first line, as for any output.
    let mut app = open("performance");
    focus_on(&mut app, "current-metrics/response-time");
    run(&mut app, "cat bench.txt");
    press(
        &mut app,
        [finished(End::Exited(0), BENCH), key(KeyCode::Esc)],
    );
    assert_eq!(
        value(&app, "current-metrics/response-time").as_text(),
        "goos: linux"
    );
}

/// The benchmark list in the dialog: every name starts in one column, the selected one
/// marked `›` before it (the others started left of it: their indent was trimmed).
#[test]
fn benchmark_names_line_up_in_the_dialog() {
    let mut app = open("go-performance");
    focus_on(&mut app, "benchmark-results-baseline");
    run(&mut app, "cat bench.txt");
    press(&mut app, [finished(End::Exited(0), BENCH)]);
    let names: Vec<String> = match app.modal() {
        Some(Modal::Metrics(offer)) => offer
            .import
            .benches
            .iter()
            .map(|b| b.name.clone())
            .collect(),
        other => panic!("no offer: {other:?}"),
    };
    assert_eq!(names.len(), 4);
    let screen = {
        use ratatui::{Terminal, backend::TestBackend};
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        terminal
            .draw(|f| issue_composer::tui::screen::draw(f, &app))
            .unwrap();
        terminal.backend().to_string()
    };
    // Each name right after the dialog's border and a two-column mark (`› ` or blank).
    let columns: Vec<usize> = names
        .iter()
        .map(|name| {
            let (line, at) = screen
                .lines()
                .find_map(|l| {
                    [format!("│› {name} "), format!("│  {name} ")]
                        .iter()
                        .find_map(|p| l.find(p.as_str()))
                        .map(|at| (l, at))
                })
                .unwrap_or_else(|| panic!("{name} not in the dialog:\n{screen}"));
            line[..at].chars().count()
        })
        .collect();
    assert!(
        columns.iter().all(|&c| c == columns[0]),
        "{columns:?}\n{screen}"
    );
    let first = screen
        .lines()
        .find(|l| l.contains(&format!("│› {}", names[0])));
    assert!(first.is_some(), "{screen}");
}

fn prompt_text(app: &App) -> (String, bool) {
    let Some(Modal::Command(prompt)) = app.modal() else {
        panic!("no prompt: {:?}", app.modal());
    };
    (prompt.line.text().to_owned(), prompt.selected)
}

fn open_prompt(app: &mut App, id: &str, history: &History) {
    focus_on(app, id);
    let field = index(app, id);
    press(app, [ctrl('r')]);
    press(
        app,
        [Msg::CommandPrompt {
            field,
            history: history.clone(),
            note: None,
        }],
    );
}

#[test]
fn ctrl_r_prefills_only_the_fields_own_line_and_typing_replaces_it() {
    let mut history = History::default();
    history.record("benchmark-results-baseline", "go test -bench .; exit 3");
    // Another field's line is not offered as this one's; ↑ recalls it.
    let mut app = open("go-performance");
    open_prompt(&mut app, "code-example", &history);
    assert_eq!(prompt_text(&app), (String::new(), false));
    press(&mut app, [key(KeyCode::Up)]);
    assert_eq!(
        prompt_text(&app),
        ("go test -bench .; exit 3".to_owned(), false)
    );
    // The field's own line is prefilled, selected: typing replaces it.
    let mut app = open("go-performance");
    open_prompt(&mut app, "benchmark-results-baseline", &history);
    assert_eq!(
        prompt_text(&app),
        ("go test -bench .; exit 3".to_owned(), true)
    );
    typ(&mut app, "printf x");
    assert_eq!(prompt_text(&app), ("printf x".to_owned(), false));
    // A paste replaces it too; Backspace clears it; a move keeps it to edit.
    let mut app = open("go-performance");
    open_prompt(&mut app, "benchmark-results-baseline", &history);
    press(&mut app, [Msg::Paste("make bench".into())]);
    assert_eq!(prompt_text(&app), ("make bench".to_owned(), false));
    let mut app = open("go-performance");
    open_prompt(&mut app, "benchmark-results-baseline", &history);
    press(&mut app, [key(KeyCode::Backspace)]);
    assert_eq!(prompt_text(&app), (String::new(), false));
    let mut app = open("go-performance");
    open_prompt(&mut app, "benchmark-results-baseline", &history);
    press(&mut app, [key(KeyCode::End)]);
    typ(&mut app, " -v");
    assert_eq!(
        prompt_text(&app),
        ("go test -bench .; exit 3 -v".to_owned(), false)
    );
}

#[test]
fn ctrl_d_finding_nothing_says_what_it_looked_for() {
    let mut app = open("bug-report");
    focus_on(&mut app, "environment/version");
    let field = index(&app, "environment/version");
    press(&mut app, [ctrl('d')]);
    press(
        &mut app,
        [Msg::Detected {
            field,
            text: String::new(),
        }],
    );
    assert_eq!(
        app.notice().map(|n| (n.text.as_str(), n.problem)),
        Some((
            "nothing could be detected (no toolchain file in the repository's root: looked for go.mod (go version), Cargo.toml (rustc -V), package.json (node -v), pyproject.toml (python3 -V))",
            true
        ))
    );
}
