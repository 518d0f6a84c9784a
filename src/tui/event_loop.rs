//! The event loop, generic over the ratatui backend (tests run it on a `TestBackend`):
//! it draws when the app changed, takes input in batches, hands each message to
//! `App::update` and the effects that come back to an [`Io`], and lets ticks through.

use std::time::{Duration, Instant};

use anyhow::Result;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::Backend;

use super::app::{After, App, Effect, Msg};
use super::screen;

/// How often continuous input that never pauses still lets a due tick through.
pub const TICK: Duration = Duration::from_millis(200);

/// How often the loop wakes while work runs in the background (a command's progress,
/// its spinner).
pub const BUSY_TICK: Duration = Duration::from_millis(100);

/// How long the loop goes on taking input that is already waiting before it draws: a
/// burst (a paste without bracketed paste, held keys, wheel reports) is applied at once,
/// not one frame per byte.
pub const BATCH: Duration = Duration::from_millis(30);

/// Where messages come from: the real terminal, or a script in tests.
pub trait Events {
    /// The next message, waiting up to `timeout` (`None`: as long as it takes).
    fn next(&mut self, timeout: Option<Duration>) -> std::io::Result<Option<Msg>>;
}

/// Where effects go: files, drafts, the editor.
pub trait Io {
    /// Performs an effect (not `Exit`); may answer with a message. The terminal is
    /// there for effects that suspend the UI.
    fn perform<B: Backend>(&mut self, effect: Effect, terminal: &mut Terminal<B>) -> Option<Msg>;

    /// A message from work running in the background, if one came (never waits).
    fn poll(&mut self) -> Option<Msg> {
        None
    }
}

/// Runs the app until it exits; returns what to do after the terminal is restored.
///
/// Idle costs nothing: the loop draws only when the app changed (its generation moved)
/// and sleeps until the next event, or until the tick the app asks for
/// ([`App::next_tick`]: a pending draft save, an animation).
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut impl Events,
    io: &mut impl Io,
) -> Result<After>
where
    B::Error: Send + Sync + 'static,
{
    let mut last_tick = Instant::now();
    let mut drawn = None;
    loop {
        // Nothing changed, nothing drawn: an idle form writes nothing to the terminal.
        if drawn != Some(app.generation()) {
            terminal.draw(|frame| screen::draw(frame, app))?;
            drawn = Some(app.generation());
        }
        // No timeout unless the app asks for a tick (a draft due) or background work
        // runs (its progress arrives through `io.poll`, not the terminal).
        let mut wait = app
            .next_tick()
            .map(|at| at.saturating_duration_since(Instant::now()));
        if app.busy() {
            wait = Some(wait.map_or(BUSY_TICK, |w| w.min(BUSY_TICK)));
        }
        let first = match events.next(wait)? {
            Some(msg) => Some(msg),
            None if wait.is_some() => Some(Msg::Tick(Instant::now())),
            None => None,
        };
        let mut batch: Vec<Msg> = first.into_iter().collect();
        let started = Instant::now();
        while !batch.is_empty() && started.elapsed() < BATCH {
            match events.next(Some(Duration::ZERO))? {
                Some(msg) => batch.push(msg),
                None => break,
            }
        }
        for this in coalesce(batch) {
            if matches!(this, Msg::Tick(_)) {
                last_tick = Instant::now();
            }
            if let Some(after) = apply(app, this, io, terminal) {
                return Ok(after);
            }
        }
        // Background work reports between batches of input.
        while let Some(reply) = io.poll() {
            if let Some(after) = apply(app, reply, io, terminal) {
                return Ok(after);
            }
        }
        // Input that never pauses still gets its ticks, so drafts keep being saved.
        let due = app.next_tick().is_some_and(|at| at <= Instant::now());
        if due && last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            if let Some(after) = apply(app, Msg::Tick(last_tick), io, terminal) {
                return Ok(after);
            }
        }
    }
}

/// Runs of plain typed characters (a burst of typing, or a paste in a terminal without
/// bracketed paste) become one [`Msg::Type`], which the app applies as one insert where
/// it can; everything else passes as it came.
pub fn coalesce(batch: Vec<Msg>) -> Vec<Msg> {
    let mut out: Vec<Msg> = Vec::with_capacity(batch.len());
    let mut run: Vec<KeyEvent> = Vec::new();
    let flush = |run: &mut Vec<KeyEvent>, out: &mut Vec<Msg>| match run.as_slice() {
        [] => {}
        [one] => {
            out.push(Msg::Key(*one));
            run.clear();
        }
        keys => {
            let text = keys
                .iter()
                .filter_map(|k| match k.code {
                    KeyCode::Char(c) => Some(c),
                    _ => None,
                })
                .collect();
            out.push(Msg::Type(text));
            run.clear();
        }
    };
    for msg in batch {
        match msg {
            Msg::Key(key)
                if key.kind == KeyEventKind::Press
                    && matches!(key.code, KeyCode::Char(_))
                    && (key.modifiers - KeyModifiers::SHIFT).is_empty() =>
            {
                run.push(key);
            }
            other => {
                flush(&mut run, &mut out);
                out.push(other);
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Updates the app with `msg` and performs the effects, and those of the replies;
/// `Some` when the app exits.
fn apply<B: Backend>(
    app: &mut App,
    msg: Msg,
    io: &mut impl Io,
    terminal: &mut Terminal<B>,
) -> Option<After> {
    let mut queue = app.update(msg);
    while !queue.is_empty() {
        let mut next = Vec::new();
        for effect in queue {
            if let Effect::Exit(after) = effect {
                return Some(after);
            }
            if let Some(reply) = io.perform(effect, terminal) {
                next.extend(app.update(reply));
            }
        }
        queue = next;
    }
    None
}
