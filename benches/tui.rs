//! Speed of the UI: one frame of each built-in form (`discover::BUILTINS`) at 120x40,
//! and one keystroke (update and draw) in a 5,000-section form whose focused text area
//! holds 10,000 lines, with the live preview (F2) off and on.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use issue_composer::discover::{self, Source};
use issue_composer::export::Plan;
use issue_composer::form::AnswersFile;
use issue_composer::tui::app::{App, Config, Msg};
use issue_composer::tui::screen;
use issue_composer::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn config() -> Config {
    Config {
        plan: Plan::default(),
        drafts: false,
        theme: Theme::plain(),
        ..Config::default()
    }
}

fn seed_frames(c: &mut Criterion) {
    for builtin in discover::BUILTINS {
        let name = builtin.stem;
        let source = Source::Builtin(*builtin);
        let template = discover::load(&source).expect("loads");
        let mut app = App::with_form(config(), template, source, None, (120, 40));
        app.update(Msg::Key(KeyEvent::new(
            KeyCode::Char('n'),
            KeyModifiers::CONTROL,
        )));
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
        c.bench_function(&format!("frame_{name}_120x40"), |b| {
            b.iter(|| {
                terminal
                    .draw(|f| screen::draw(f, black_box(&app)))
                    .expect("draws");
            });
        });
    }
}

/// 5,000 sections of one text area each; the first holds 10,000 lines.
fn synthetic() -> App {
    let mut md = String::from("---\nname: Synthetic\n---\n");
    for i in 0..5000 {
        let _ = write!(md, "## Section {i}\n\n<!-- Describe part {i} -->\n\n");
    }
    let template = issue_composer::parse("synthetic.md", md.as_bytes()).expect("parses");
    let mut big = String::new();
    for i in 0..10_000 {
        let _ = writeln!(big, "line {i} of a long pasted log with some words in it");
    }
    let mut answers = AnswersFile::default();
    answers.set("section-0", &big, false).expect("sets");
    let source = Source::File("synthetic.md".into());
    let mut app = App::with_form(config(), template, source, None, (120, 40));
    app.start_from(&answers);
    // Ctrl-N: to the first section's text area.
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('n'),
        KeyModifiers::CONTROL,
    )));
    app
}

fn keystroke(c: &mut Criterion) {
    keystroke_in(c, synthetic(), "keystroke_5000_sections_10000_lines");
    let mut app = synthetic();
    app.update(Msg::Key(KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE)));
    keystroke_in(c, app, "keystroke_preview_5000_sections_10000_lines");
}

/// Typing `x` and deleting it again, each with the frame it causes: wall time, and
/// (`…_cpu`) the thread's CPU time, which neighbours on a busy machine inflate far less.
fn keystroke_in(c: &mut Criterion, mut app: App, name: &str) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    terminal.draw(|f| screen::draw(f, &app)).expect("draws");
    let key = Msg::Key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE));
    let back = Msg::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    let mut toggle = false;
    let mut stroke = move |app: &mut App| {
        toggle = !toggle;
        app.update(if toggle { key.clone() } else { back.clone() });
        terminal.draw(|f| screen::draw(f, app)).expect("draws");
    };
    c.bench_function(name, |b| b.iter(|| stroke(&mut app)));
    c.bench_function(&format!("{name}_cpu"), |b| {
        b.iter_custom(|iters| {
            let start = cpu_time();
            for _ in 0..iters {
                stroke(&mut app);
            }
            cpu_time().saturating_sub(start)
        });
    });
}

/// The CPU time this thread has used.
fn cpu_time() -> Duration {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    Duration::new(
        u64::try_from(t.tv_sec).unwrap_or(0),
        u32::try_from(t.tv_nsec).unwrap_or(0),
    )
}

criterion_group!(benches, seed_frames, keystroke);
criterion_main!(benches);
