//! The application state and `update`, the only code that changes it. Input comes in
//! as [`Msg`]; side effects go out as [`Effect`] values for the executor in `tui/effects.rs`.
//! Each screen owns its state ([`Screen`]); dialogs sit on top of any screen. Keys,
//! typed bursts and pastes become actions in `input`.

mod command;
mod config;
mod detect;
mod drafts;
mod form;
mod input;
mod metrics_offer;
mod modal;
mod mouse;
mod msg;
mod picker;
mod review;

use std::time::{Duration, Instant};

use crossterm::event::KeyEventKind;

pub use self::command::{Kept, Prompt, Running};
pub use self::config::Config;
use self::detect::Detecting;
pub use self::drafts::{DraftOffer, DraftStatus, leftover_note};
pub use self::form::{
    Focus, FormState, HEADER_LABELS, Mark, Model, People, Preview, Problem, View,
};
pub use self::metrics_offer::{MetricsOffer, Pending};
pub use self::modal::Modal;
pub use self::msg::{After, Effect, Msg, Notice, WriteFailure};
pub use self::picker::{Entry, Pick, PickerState};
pub use self::review::ReviewState;
use super::keymap::Context;
use crate::discover::Source;
use crate::draft::Loaded;
use crate::form::AnswersFile;
use crate::template::Template;

/// How long answers may go unsaved before a draft is written.
pub const DRAFT_DELAY: Duration = Duration::from_millis(500);

/// What is on screen, with its state.
#[derive(Debug, Clone)]
pub enum Screen {
    Picker(PickerState),
    Form(Box<FormState>),
    Review(Box<ReviewState>),
    /// Every key binding, over the screen it returns to.
    Help(Box<Screen>, HelpView),
}

/// Where the help screen is scrolled to (its first line shown).
#[derive(Debug, Clone, Copy, Default)]
pub struct HelpView {
    pub scroll: u16,
}

impl Screen {
    /// The form being filled, wherever it is shown.
    pub fn form(&self) -> Option<&FormState> {
        match self {
            Screen::Picker(_) => None,
            Screen::Form(form) => Some(form),
            Screen::Review(review) => Some(&review.form),
            Screen::Help(back, _) => back.form(),
        }
    }

    fn form_mut(&mut self) -> Option<&mut FormState> {
        match self {
            Screen::Picker(_) => None,
            Screen::Form(form) => Some(form),
            Screen::Review(review) => Some(&mut review.form),
            Screen::Help(back, _) => back.form_mut(),
        }
    }

    /// Where keys are looked up.
    pub fn context(&self) -> Context {
        match self {
            Screen::Picker(_) => Context::Picker,
            Screen::Form(_) => Context::Form,
            Screen::Review(_) => Context::Review,
            Screen::Help(..) => Context::Help,
        }
    }
}

#[derive(Debug, Clone)]
pub struct App {
    config: Config,
    screen: Screen,
    modal: Option<Modal>,
    /// A message for the user; `true` when it reports a problem.
    notice: Option<Notice>,
    size: (u16, u16),
    clock: Instant,
    exited: bool,
    /// `gh issue create` (or glab) commands for the files written, printed on exit, or
    /// why none is given for one.
    written: Vec<Result<String, String>>,
    /// The files written, said on exit (the screen that said so is gone).
    written_paths: Vec<std::path::PathBuf>,
    drafts: DraftStatus,
    /// Quitting waits for the draft save's outcome.
    quitting: bool,
    /// The quit question said the answers may be lost, and the user quit all the same:
    /// a save that fails again does not ask a second time.
    loss_accepted: bool,
    /// The command running into a field (Ctrl-R).
    command: Option<Running>,
    /// The benchmark last taken as the baseline, offered first for the actual results.
    baseline_bench: Option<String>,
    /// The field the environment is being detected for (Ctrl-D), and its place then.
    detecting: Option<Detecting>,
    /// Dialogs waiting for the one on screen to close.
    queued: Vec<Modal>,
    /// Moves on every update that may change what is drawn; the loop redraws when it
    /// differs from the one it drew.
    generation: u64,
}

impl App {
    /// Starts on the picker.
    pub fn with_picker(config: Config, entries: Vec<Entry>, size: (u16, u16)) -> Self {
        Self {
            config,
            screen: Screen::Picker(PickerState::new(entries)),
            modal: None,
            notice: None,
            size,
            clock: Instant::now(),
            exited: false,
            written: Vec::new(),
            written_paths: Vec::new(),
            drafts: DraftStatus::default(),
            quitting: false,
            loss_accepted: false,
            command: None,
            detecting: None,
            queued: Vec::new(),
            baseline_bench: None,
            generation: 0,
        }
    }

    /// Starts on a template's form; a draft is offered for resuming, or a damaged one
    /// reported.
    pub fn with_form(
        config: Config,
        template: Template,
        source: Source,
        draft: impl Into<Loaded>,
        size: (u16, u16),
    ) -> Self {
        let mut app = Self::with_picker(config, Vec::new(), size);
        app.open(template, source, draft.into());
        app
    }

    /// Fills the open form from an answers file (`--answers`), as a starting point.
    pub fn start_from(&mut self, answers: &AnswersFile) {
        let theme = self.config.theme;
        self.replace_screen(|screen| match screen {
            Screen::Form(form) => Screen::Form(Box::new(form.restart(Some(answers), theme))),
            other => other,
        });
    }

    /// Shows `message` as a problem notice (a warning found before the form opened).
    pub fn warn(&mut self, message: String) {
        self.notice = Some(Notice::problem(message));
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The form being filled, wherever it is shown.
    pub fn form(&self) -> Option<&FormState> {
        self.screen.form()
    }

    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// The time of the last tick.
    pub fn clock(&self) -> Instant {
        self.clock
    }

    /// Whether the app asked to exit.
    pub fn exited(&self) -> bool {
        self.exited
    }

    /// `gh issue create` (or glab) commands for the files written, printed on exit, or
    /// why none is given for one.
    pub fn written_commands(&self) -> &[Result<String, String>] {
        &self.written
    }

    /// The files written in the review, in order.
    pub fn written_paths(&self) -> &[std::path::PathBuf] {
        &self.written_paths
    }

    /// Whether the terminal is big enough to use.
    pub fn fits(&self) -> bool {
        let (w, h) = super::screen::MIN_SIZE;
        self.size.0 >= w && self.size.1 >= h
    }

    /// What is drawn may have changed since the generation was last read. A tick that
    /// did nothing leaves it.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// When the loop should next send [`Msg::Tick`], or `None` to sleep until input.
    /// Anything that needs time to pass without input (a pending draft save, a spinner
    /// while a command runs) says so here.
    pub fn next_tick(&self) -> Option<Instant> {
        if !self.config.drafts {
            return None;
        }
        self.form()
            .and_then(|f| f.model().dirty_since())
            .map(|since| since + DRAFT_DELAY)
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let tick = matches!(msg, Msg::Tick(_));
        let effects = self.handle(msg);
        // While a command runs, a tick moves its spinner and elapsed time.
        if !tick || !effects.is_empty() || self.command.is_some() {
            self.generation = self.generation.wrapping_add(1);
        }
        effects
    }

    fn handle(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            // Only presses and repeats: releases (sent on Windows) are not input.
            Msg::Key(key) if key.kind == KeyEventKind::Release => Vec::new(),
            Msg::Key(key) => {
                self.notice = None;
                self.key(key)
            }
            Msg::Paste(text) => {
                self.paste(&text);
                Vec::new()
            }
            Msg::Type(text) => self.type_text(&text),
            Msg::Mouse(mouse) => {
                self.mouse(mouse);
                Vec::new()
            }
            Msg::Resize(w, h) => {
                self.size = (w, h);
                if let Some(form) = self.screen.form_mut() {
                    form.set_pane_scroll(None);
                }
                Vec::new()
            }
            Msg::Tick(now) => self.tick(now),
            Msg::Opened {
                template,
                source,
                draft,
            } => {
                self.open(*template, source, *draft);
                Vec::new()
            }
            Msg::DraftSaved(result) => self.drafted(result),
            Msg::Edited { field, text } => self.edited(field, text),
            Msg::Written { result, then_exit } => self.written(result, then_exit),
            Msg::Copied(Ok((message, checked))) => {
                self.notice = Some(Notice::info(message));
                // An OSC 52 copy cannot be checked: keep the draft until one can.
                if checked { self.exported() } else { Vec::new() }
            }
            Msg::Copied(Err(message)) => {
                self.notice = Some(Notice::problem(message));
                Vec::new()
            }
            Msg::Notice(notice) => {
                self.notice = Some(notice);
                Vec::new()
            }
            Msg::CommandPrompt {
                field,
                history,
                note,
            } => {
                self.prompt(field, &history);
                if let Some(note) = note {
                    self.notice = Some(Notice::problem(note));
                }
                Vec::new()
            }
            Msg::CommandStarted(at) => {
                self.command_started(at);
                Vec::new()
            }
            Msg::CommandProgress(lines) => {
                self.progress(lines);
                Vec::new()
            }
            Msg::CommandFinished(finished) => {
                self.finished(finished);
                Vec::new()
            }
            Msg::Detected { field, text } => {
                self.detected(field, text);
                Vec::new()
            }
        }
    }

    /// Replaces the screen with what `change` makes of it.
    fn replace_screen(&mut self, change: impl FnOnce(Screen) -> Screen) {
        let old = std::mem::replace(&mut self.screen, Screen::Picker(PickerState::default()));
        self.screen = change(old);
    }

    /// After a successful export: the draft goes, and quitting needs no question. The
    /// draft's answers the issue left out (they no longer fit the template) stay, alone
    /// in the draft, and the exit message says where.
    fn exported(&mut self) -> Vec<Effect> {
        let leftover = self
            .form()
            .filter(|_| self.config.drafts)
            .and_then(|f| Some((f.model().source().clone(), f.model().leftover_draft()?)));
        let effects = match leftover {
            Some((source, (keys, yaml))) => {
                self.drafts.leftover = Some(keys);
                vec![Effect::SaveDraft { source, yaml }]
            }
            None => self.discard_draft(),
        };
        if let Some(form) = self.screen.form_mut() {
            form.model_mut().exported();
        }
        effects
    }

    fn tick(&mut self, now: Instant) -> Vec<Effect> {
        self.clock = now;
        let due = self
            .form()
            .and_then(|f| f.model().dirty_since())
            .is_some_and(|since| now.duration_since(since) >= DRAFT_DELAY);
        if due {
            self.save_draft_now()
        } else {
            Vec::new()
        }
    }
}
