//! The interactive form: [`run`] sets it up from the command line, runs the event loop
//! (`event_loop`, generic over the ratatui backend, so tests run it on a `TestBackend`)
//! with the executor that performs the app's effects (`effects`, with `background` work
//! and the external `editor`), and leaves through `exit` once the terminal is restored.

pub mod app;
mod background;
mod editor;
mod effects;
mod event;
mod event_loop;
mod exit;
pub mod field;
pub mod keymap;
pub mod screen;
pub mod terminal;
pub mod theme;

use std::io::IsTerminal as _;
use std::path::PathBuf;

use anyhow::{Result, bail};

use self::app::{After, App, Config, Effect, Entry, Msg, People};
pub use self::editor::edit_externally;
use self::effects::RealIo;
pub use self::event_loop::{BATCH, BUSY_TICK, Events, Io, TICK, coalesce, run_loop};
use self::exit::{Written, ended, finish, is_closed, left_to_exit, tell};
use self::keymap::Keymap;
use self::theme::Theme;
use crate::discover;
use crate::draft;
use crate::export::{Outcome, Plan};
use crate::form::Answers;

/// What the form starts with (from the command line).
#[derive(Debug, Clone, Default)]
pub struct Start {
    /// Template to open; without one, the picker.
    pub template: Option<String>,
    /// An answers file to start from.
    pub answers: Option<PathBuf>,
    pub drafts: bool,
    /// What Enter in the review does.
    pub plan: Plan,
    /// Benchmark results that fill the form's empty metric fields.
    pub metrics: crate::metrics::files::Paths,
    /// Labels and assignees added to the template's (`--label`, `--assignee`).
    pub people: People,
    /// config.toml's settings: theme, keys, editor, the default output path.
    pub settings: crate::config::Config,
    /// Today, `YYYY-MM-DD`, for output file names.
    pub today: String,
}

/// The interactive form.
pub fn run(args: Start) -> Result<Outcome> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!("the form needs a terminal; for scripts use `issue-composer render` (see --help)");
    }
    let editor = args.settings.editor.clone();
    let config = Config {
        plan: args.plan,
        drafts: args.drafts,
        theme: Theme::from_config(&args.settings.theme, theme::no_color()),
        keys: Keymap::with_overrides(&args.settings.keys),
        people: args.people,
        output: args.settings.export,
        today: args.today,
    };
    event::watch_resizes();
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = match &args.template {
        Some(name) => {
            let source = discover::resolve(name)?;
            let template = discover::load(&source)?;
            // Warnings are printed before the screen changes, so they stay above it after
            // the form closes; the form shows them too.
            let warn =
                |w: &str| eprintln!("issue-composer: warning: {}", crate::text::escape_line(w));
            for warning in template.opening_warnings() {
                warn(&warning);
            }
            let mut answer_warning = None;
            let initial = match &args.answers {
                Some(path) => {
                    let limits = discover::limits();
                    let (file, warnings) =
                        discover::read_answers(path, limits.answers_size, &limits.yaml)?;
                    // The form shows the first one.
                    for w in &warnings {
                        warn(w);
                    }
                    answer_warning = warnings.into_iter().next();
                    // The same errors as `render`, before the screen changes.
                    file.apply(&template.form, &mut Answers::new(&template.form))?;
                    Some(file)
                }
                None => None,
            };
            let initial = crate::metrics::files::prefill(&template.form, initial, &args.metrics)?;
            let draft = if config.drafts {
                draft::open(&source)
            } else {
                draft::Loaded::Nothing
            };
            let mut app = App::with_form(config, template, source, draft, size);
            if let Some(initial) = &initial {
                app.start_from(initial);
                app.started_from(start_name(args.answers.as_deref(), &args.metrics));
            }
            if let Some(warning) = answer_warning {
                app.warn(format!("warning: {warning}"));
            }
            app
        }
        None => App::with_picker(config, picker_entries(), size),
    };
    let mut events = event::TermEvents::new()?;
    let mut terminal = terminal::start()?;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut io = RealIo::new(
            app.config().plan.target.clone(),
            app.config().drafts,
            editor,
            events.lent(),
        );
        run_loop(&mut terminal, &mut app, &mut events, &mut io)
    }));
    // Whatever happened, keep what was typed and give the terminal back.
    for effect in app.save_draft_now() {
        if let Effect::SaveDraft { source, yaml } = effect {
            app.update(Msg::DraftSaved(draft::save(&source, &yaml)));
        }
    }
    terminal::restore();
    let after = match result {
        Ok(Ok(after)) => after,
        Ok(Err(err)) if events.signalled() || is_closed(&err) || events.terminal_gone() => {
            return Ok(ended(app, terminal, &events));
        }
        Ok(Err(err)) => return Err(err),
        Err(panic) => std::panic::resume_unwind(panic),
    };
    if matches!(after, After::Nothing | After::Unsaved) {
        tell(&app.exit_notes());
    }
    let written = Written {
        paths: app.written_paths(),
        commands: app.written_commands(),
        notes: &app.written_notes(),
    };
    let outcome = finish(after, &written, &app.exit_notes());
    // A way out that skips this (SIGKILL, a panic) leaves a lock file no process holds,
    // which the next claim takes.
    draft::lock::release();
    left_to_exit(app);
    outcome
}

/// What the form's first answers came from, as the quit dialog and exit message name it
/// (`the answers file a.yaml, which stays as it was`).
fn start_name(answers: Option<&std::path::Path>, metrics: &crate::metrics::files::Paths) -> String {
    let file = answers.map(|p| format!("the answers file {}", crate::text::path_line(p)));
    match (file, metrics.is_empty()) {
        (Some(file), true) => format!("{file}, which stays as it was"),
        (Some(file), false) => format!("{file} and the metrics files, which stay as they were"),
        (None, _) => "the metrics files, which stay as they were".to_owned(),
    }
}

/// The picker's lines, like GitHub's chooser: the repository's templates (in GitHub's
/// order), the user's, the built-ins, the contact links and the blank issue.
fn picker_entries() -> Vec<Entry> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let catalog = discover::catalog(&cwd);
    let root = catalog.root.as_deref();
    let choices = catalog.choices();
    choices
        .iter()
        .map(|choice| Entry::from_choice(choice, root))
        .collect()
}
