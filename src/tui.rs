//! The interactive form: the event loop (generic over the ratatui backend, so tests run
//! it on a `TestBackend`) and the executor that performs the app's effects.

pub mod app;
mod event;
pub mod field;
pub mod keymap;
pub mod screen;
pub mod terminal;
pub mod theme;

use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::Backend;

use self::app::{After, App, Config, Effect, Entry, Msg, Notice, People, WriteFailure};
use self::keymap::Keymap;
use self::theme::Theme;
use crate::discover::{self, Source};
use crate::draft;
use crate::environment;
use crate::export::{self, Outcome, Plan};
use crate::form::Answers;
use crate::history;
use crate::shell;

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

/// The real effects.
struct RealIo {
    /// Repository and milestone for the printed gh command.
    target: export::Target,
    /// Drafts are on: templates opened from the picker look for theirs.
    drafts: bool,
    /// Where background work sends its messages, and where the loop takes them.
    outbox: Sender<Msg>,
    inbox: Receiver<Msg>,
    /// The command running into a field (dropping it kills it).
    command: Option<shell::Running>,
    /// The editor command from config.toml; `$VISUAL`/`$EDITOR` without one.
    editor: Option<String>,
}

impl RealIo {
    fn new(target: export::Target, drafts: bool, editor: Option<String>) -> Self {
        let (outbox, inbox) = mpsc::channel();
        Self {
            target,
            drafts,
            outbox,
            inbox,
            command: None,
            editor,
        }
    }

    /// Starts `line` in the repository's root; its progress comes back as messages.
    fn run_command(&mut self, line: &str) {
        let cwd = shell::repo_root(&std::env::current_dir().unwrap_or_default());
        let outbox = self.outbox.clone();
        self.command = shell::start(&shell::shell(), line, &cwd, move |event| {
            let _ = outbox.send(match event {
                shell::Event::Progress(lines) => Msg::CommandProgress(lines),
                shell::Event::Finished(finished) => Msg::CommandFinished(finished),
            });
        });
    }

    /// Detects the environment on a thread: each probe may take up to two seconds.
    fn detect(&self, field: usize, want: environment::Want) {
        let outbox = self.outbox.clone();
        std::thread::spawn(move || {
            let root = shell::repo_root(&std::env::current_dir().unwrap_or_default());
            let text = environment::format(&environment::detect(&root), want);
            let _ = outbox.send(Msg::Detected { field, text });
        });
    }
}

impl Io for RealIo {
    fn perform<B: Backend>(&mut self, effect: Effect, terminal: &mut Terminal<B>) -> Option<Msg> {
        match effect {
            Effect::Open(source) => Some(open_message(source, self.drafts)),
            Effect::SaveDraft { source, yaml } => {
                Some(Msg::DraftSaved(draft::save(&source, &yaml)))
            }
            Effect::ClearDraft { source } => draft::clear(&source)
                .err()
                .map(|err| Msg::Notice(Notice::problem(err.to_string()))),
            Effect::OpenEditor {
                field,
                text,
                extension,
            } => {
                let editor = self.editor.as_deref();
                let edited =
                    terminal::suspended(terminal, || edit_externally(editor, &text, &extension));
                Some(Msg::Edited {
                    field,
                    text: edited,
                })
            }
            Effect::Write {
                path,
                issue,
                force,
                then_exit,
                forge,
            } => {
                let result = match export::write_issue(&issue, &path, force, &self.target, forge) {
                    Ok(command) => Ok((path, command)),
                    Err(export::WriteError::Exists { .. }) => Err(WriteFailure::Exists(path)),
                    Err(err) => Err(WriteFailure::Other {
                        message: err.to_string(),
                        path,
                    }),
                };
                Some(Msg::Written { result, then_exit })
            }
            Effect::Copy { body, with } => Some(Msg::Copied(copy(&body, with))),
            Effect::AskCommand { field, source } => {
                let (history, note) = history::load(&draft::key(&source));
                Some(Msg::CommandPrompt {
                    field,
                    history,
                    note,
                })
            }
            Effect::RememberCommand {
                source,
                field_id,
                line,
            } => match history::record(&draft::key(&source), &field_id, &line) {
                Ok(note) => note.map(|note| Msg::Notice(Notice::problem(note))),
                Err(err) => Some(Msg::Notice(Notice::problem(format!(
                    "the command history was not saved: {err}"
                )))),
            },
            Effect::RunCommand { line } => {
                self.run_command(&line);
                Some(Msg::CommandStarted(Instant::now()))
            }
            Effect::StopCommand => {
                if let Some(command) = &self.command {
                    command.stop();
                }
                None
            }
            Effect::Detect { field, want } => {
                self.detect(field, want);
                None
            }
            Effect::Exit(_) => None,
        }
    }

    fn poll(&mut self) -> Option<Msg> {
        let msg = self.inbox.try_recv().ok()?;
        if matches!(msg, Msg::CommandFinished(_)) {
            self.command = None;
        }
        Some(msg)
    }
}

fn open_message(source: Source, drafts: bool) -> Msg {
    match discover::load(&source) {
        Ok(template) => Msg::Opened {
            template: Box::new(template),
            draft: Box::new(if drafts {
                draft::open(&source)
            } else {
                draft::Loaded::Nothing
            }),
            source,
        },
        Err(err) => Msg::Notice(Notice::problem(crate::text::error_chain(&err))),
    }
}

/// Copies; says how, and whether the copy could be checked (OSC 52 cannot).
fn copy(body: &str, with: Option<export::Provider>) -> Result<(String, bool), String> {
    export::clipboard::copy(body, with)
        .map(|copied| (copied.to_string(), copied.note().is_none()))
        .map_err(|err| format!("could not copy: {err}"))
}

/// Edits `text` in the editor (config.toml's, `$VISUAL`, `$EDITOR`, else vi) through a
/// private temporary file: what it saved, or why there is nothing.
pub fn edit_externally(
    editor: Option<&str>,
    text: &str,
    extension: &str,
) -> Result<String, String> {
    let editor = editor
        .filter(|e| !e.trim().is_empty())
        .map(str::to_owned)
        .or_else(|| {
            ["VISUAL", "EDITOR"]
                .iter()
                .find_map(|v| std::env::var(v).ok().filter(|e| !e.trim().is_empty()))
        })
        .unwrap_or_else(|| "vi".to_owned());
    // Created exclusively, readable by the owner only; the extension (from the template)
    // is only used when it is a plain word.
    let plain = !extension.is_empty()
        && extension.len() <= 16
        && extension
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_+-".contains(c));
    let suffix = format!(".{}", if plain { extension } else { "md" });
    let mut file = tempfile::Builder::new()
        .prefix("issue-composer-")
        .suffix(&suffix)
        .tempfile()
        .map_err(|e| format!("could not make a file for the editor: {e}"))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|e| format!("could not make a file for the editor: {e}"))?;
    // The editor may carry arguments (`code --wait`): the shell splits them; the file
    // is passed as a separate argument, never interpolated.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status()
        .map_err(|e| format!("could not start the editor `{editor}`: {e}"))?;
    if !status.success() {
        return Err(format!("the editor `{editor}` failed ({status})"));
    }
    match std::fs::read(file.path()) {
        Ok(bytes) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err("the editor removed the file it was given".to_owned())
        }
        Err(e) => Err(format!("could not read what the editor saved: {e}")),
    }
}

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

/// The way out when the terminal was closed or a signal came: one message for the
/// cause, not for whichever call failed first (see `TermEvents::terminal_gone`; the OS's
/// words would only puzzle), then where the answers are.
fn ended(app: App, terminal: terminal::Tty, events: &event::TermEvents) -> Outcome {
    let notes = app.exit_notes();
    let why = if events.signalled() && !events.terminal_gone() {
        "terminated by a signal"
    } else {
        "the terminal was closed"
    };
    // ratatui shows the cursor when its terminal is dropped and says so on standard
    // error when it cannot ("Failed to show the cursor"): the terminal is gone or going,
    // and `terminal::restore` has done what can be done.
    std::mem::forget(terminal);
    // The terminal may be gone: nothing to do if the message cannot be written.
    let _ = writeln!(std::io::stderr(), "issue-composer: {why}");
    tell(&notes);
    // A signal (SIGHUP, SIGTERM) ends it too: the claim goes with it.
    draft::lock::release();
    left_to_exit(app);
    Outcome::Failed
}

/// Leaves the app to the operating system instead of freeing it: the form is closed,
/// its answers are saved or written, and `main` exits next. The app is plain data (a
/// running command lives in `RealIo`, already gone), and freeing a large form block by
/// block kept the shell waiting after the last key: about 110 M instructions, 25 ms,
/// for 100,000 headings.
fn left_to_exit(app: App) {
    std::mem::forget(app);
}

/// Says on standard error where the answers are (or why they are not).
fn tell(notes: &[String]) {
    for note in notes {
        let _ = writeln!(
            std::io::stderr(),
            "issue-composer: {}",
            crate::text::escape(note)
        );
    }
}

fn is_closed(err: &anyhow::Error) -> bool {
    err.downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
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

/// The files written in the review: their gh commands, and what to say about them.
struct Written<'a> {
    paths: &'a [std::path::PathBuf],
    commands: &'a [Result<String, String>],
    notes: &'a [String],
}

/// After the terminal is restored: the commands for files written, then print, copy and
/// send as asked. The draft goes once all of that worked; otherwise `notes` say where the
/// answers are.
fn finish(after: After, written: &Written, notes: &[String]) -> Result<Outcome> {
    // Sent below: a command to create it again would make a second issue.
    let sends = matches!(&after, After::Export { plan, .. } if plan.creates());
    if sends {
        // As `render -o FILE --gh` says it: the form that said so is gone.
        for path in written.paths {
            let shown = path.display().to_string();
            eprintln!("issue-composer: wrote {}", crate::text::escape_line(&shown));
        }
    }
    if !sends {
        // A file whose issue the forge would refuse: why, instead of a command that fails.
        let refused: Vec<String> = written
            .paths
            .iter()
            .zip(written.commands)
            .filter_map(|(path, c)| {
                let why = c.as_ref().err()?;
                Some(format!("wrote {}; {why}", path.display()))
            })
            .collect();
        tell(&refused);
    }
    let commands: Vec<&String> = written.commands.iter().flatten().collect();
    if !commands.is_empty() && !sends {
        tell(written.notes);
        eprintln!("issue-composer: to create the issue from the file written, run:");
        for command in commands {
            println!("{command}");
        }
    }
    match after {
        After::Nothing => Ok(Outcome::Done),
        After::Unsaved => Ok(Outcome::Failed),
        After::Visit(url) => {
            // Only an http(s) link is printed as one or opened.
            if let Err(err) = export::web::web_link(&url) {
                tell(&[err.to_string()]);
                return Ok(Outcome::Failed);
            }
            println!("{}", crate::text::escape_line(&url));
            match export::web::open(&url) {
                Ok(()) => Ok(Outcome::Done),
                Err(err) => {
                    tell(&[err.to_string()]);
                    Ok(Outcome::Failed)
                }
            }
        }
        After::Export {
            issue,
            mut plan,
            source,
            leftover,
        } => {
            // A send that fails keeps the draft's fingerprint, so a `retry` that sends
            // the issue can remove the draft it came from (if it is still the same).
            if plan.creates() {
                plan.draft = draft::mark(&source).map(Box::new);
            }
            // The body alone (print, copy) leaves out the title typed in the form.
            if !plan.creates() && !plan.web && !issue.title.trim().is_empty() {
                eprintln!(
                    "issue-composer: title: {}",
                    crate::text::escape_line(&issue.title)
                );
            }
            let outcome = export::run(&issue, &plan);
            if matches!(outcome, Ok(Outcome::Done)) {
                // Sent, printed or copied: the draft has done its job, but for the
                // answers the issue left out, which stay in it alone.
                if let Some(leftover) = leftover {
                    let (keys, yaml) = *leftover;
                    let saved = draft::save(&source, &yaml);
                    tell(&[app::leftover_note(&keys, Some(&saved))]);
                } else if let Err(err) = draft::clear(&source) {
                    tell(&[err.to_string()]);
                }
            } else {
                tell(notes);
            }
            Ok(outcome?)
        }
    }
}
