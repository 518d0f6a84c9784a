//! The event loop on a `TestBackend`: idle costs nothing (no draw, no tick, a wait
//! without timeout), and a pending draft save is the one thing that asks for a tick.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use std::collections::VecDeque;
use std::path::PathBuf;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use issue_composer::discover;
use issue_composer::export::Plan;
use issue_composer::tui::app::{App, Config, Effect, Msg};
use issue_composer::tui::theme::Theme;
use issue_composer::tui::{Events, Io, run_loop};
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};

/// Hands out scripted messages (`None`: an event the app does not use) and records how
/// long the loop was willing to wait for each, sleeping that long when nothing comes.
struct Script {
    steps: VecDeque<Option<Msg>>,
    waits: Vec<Option<Duration>>,
}

impl Events for Script {
    fn next(&mut self, timeout: Option<Duration>) -> std::io::Result<Option<Msg>> {
        // Zero waits are the loop draining a burst: not a wait.
        if timeout != Some(Duration::ZERO) {
            self.waits.push(timeout);
            let step = self.steps.pop_front().flatten();
            // Nothing came: the wait ran out (a draft delay is half a second).
            if let (None, Some(timeout)) = (&step, timeout) {
                std::thread::sleep(timeout);
            }
            return Ok(step);
        }
        Ok(None)
    }
}

/// Draft saves succeed; nothing else happens.
struct Saves(usize);

impl Io for Saves {
    fn perform<B: Backend>(&mut self, effect: Effect, _: &mut Terminal<B>) -> Option<Msg> {
        matches!(effect, Effect::SaveDraft { .. }).then(|| {
            self.0 += 1;
            Msg::DraftSaved(Ok(PathBuf::from("draft.yaml")))
        })
    }
}

#[allow(clippy::unnecessary_wraps)] // Script steps are options.
fn key(c: char, modifiers: KeyModifiers) -> Option<Msg> {
    Some(Msg::Key(KeyEvent::new(KeyCode::Char(c), modifiers)))
}

#[test]
fn idle_waits_without_timeout_and_draws_only_what_changed() {
    let source = discover::resolve("performance").unwrap();
    let template = discover::load(&source).unwrap();
    let config = Config {
        plan: Plan::default(),
        drafts: true,
        theme: Theme::plain(),

        ..Config::default()
    };
    let mut app = App::with_form(config, template, source, None, (120, 40));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut events = Script {
        // Idle, idle, a key (a draft save is now pending), the save's tick, idle, quit.
        steps: [None, None, key('x', KeyModifiers::NONE), None, None]
            .into_iter()
            .chain([key('c', KeyModifiers::CONTROL)])
            .collect(),
        waits: Vec::new(),
    };
    let mut io = Saves(0);
    run_loop(&mut terminal, &mut app, &mut events, &mut io).unwrap();
    let w = &events.waits;
    assert_eq!(w.len(), 6, "{w:?}");
    assert_eq!(&w[..3], [None, None, None]);
    assert!(
        w[3].is_some_and(|d| d <= Duration::from_millis(500)),
        "{w:?}"
    );
    assert_eq!(&w[4..], [None, None]);
    assert_eq!(io.0, 1, "one draft save");
    // The first frame, the key's, and the saved draft's; idle wakeups draw nothing.
    assert_eq!(terminal.get_frame().count(), 3);
}

#[test]
fn a_tick_that_changes_nothing_leaves_the_generation() {
    let source = discover::resolve("bug-report").unwrap();
    let template = discover::load(&source).unwrap();
    let config = Config {
        plan: Plan::default(),
        drafts: false,
        theme: Theme::plain(),

        ..Config::default()
    };
    let mut app = App::with_form(config, template, source, None, (120, 40));
    let before = app.generation();
    app.update(Msg::Tick(std::time::Instant::now()));
    assert_eq!(app.generation(), before);
    app.update(key('x', KeyModifiers::NONE).unwrap());
    assert_ne!(app.generation(), before);
    // Without drafts nothing is pending, however much was typed.
    assert_eq!(app.next_tick(), None);
}
