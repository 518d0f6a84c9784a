//! Drafts in the app: offering one to resume, reporting a damaged one, saving, and
//! quitting only once the answers are saved (or the user chose to go without them).

use super::msg::Notice;
use std::path::PathBuf;

use super::{After, App, Effect, FormState, Modal, Screen};
use crate::discover::Source;
use crate::draft::{Failure, Loaded};
use crate::form::{Answers, AnswersFile};
use crate::template::Template;

/// A draft found for the template being opened.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftOffer {
    pub file: AnswersFile,
    /// Where it is (`None` when it did not come from a file).
    pub path: Option<PathBuf>,
    /// The keys of its answers that no longer fit the template.
    pub misfits: Vec<String>,
}

/// Where the answers are kept this session.
#[derive(Debug, Clone, Default)]
pub struct DraftStatus {
    /// The last draft saved or resumed, or why the last save failed; `None` before
    /// either.
    pub saved: Option<Result<PathBuf, Failure>>,
    /// A draft that cannot be read nor moved aside is in the way: no save may replace it.
    pub blocked: Option<Failure>,
    /// Where an unreadable draft was moved this session.
    pub moved_aside: Option<PathBuf>,
    /// The keys of the draft's answers an export left out (they no longer fit the
    /// template), kept alone in the draft since.
    pub leftover: Option<Vec<String>>,
    /// What the form's first answers came from (`the answers file a.yaml, which stays
    /// as it was`), when not blank: while nothing changes no draft is written, and that
    /// file holds them.
    pub started_from: Option<String>,
}

impl App {
    pub fn draft_status(&self) -> &DraftStatus {
        &self.drafts
    }

    /// Says what the form's first answers came from (`the answers file a.yaml, which
    /// stays as it was`), for
    /// the quit dialog and the exit message when nothing changed since.
    pub fn started_from(&mut self, what: String) {
        self.drafts.started_from = Some(what);
    }

    /// What the answers came from, when nothing changed since and no draft was saved
    /// or resumed: quitting writes no draft then (there is nothing new to keep).
    pub fn unchanged_since_start(&self) -> Option<&str> {
        let untouched = self.form()?.model().dirty_since().is_none();
        (untouched && self.drafts.saved.is_none())
            .then_some(self.drafts.started_from.as_deref())
            .flatten()
    }

    pub(super) fn open(&mut self, template: Template, source: Source, draft: Loaded) {
        // An issue form saved as `.md`: the form reads it, GitHub would not. Control
        // characters written as YAML escapes in front matter are removed.
        // The first is shown; the others are on standard error (printed before the
        // screen changed) and in `check`, and the notice says so.
        let warnings = template.opening_warnings();
        if let Some(warning) = warnings.first() {
            let more = match warnings.len() - 1 {
                0 => String::new(),
                n => format!(
                    " … and {n} more: `issue-composer check {}`",
                    crate::export::gh::shell_quote(&template.file)
                ),
            };
            self.notice = Some(Notice::problem(format!("warning: {warning}{more}")));
        }
        let form = FormState::new(
            template,
            source,
            None,
            self.config.people.clone(),
            self.config.theme,
        );
        self.modal = None;
        self.drafts.saved = None;
        self.drafts.blocked = None;
        if self.config.drafts {
            self.modal = match draft {
                Loaded::Nothing => None,
                Loaded::Draft { file, path } => {
                    let mut answers = Answers::new(form.form());
                    let misfits = file.apply_lenient(form.form(), &mut answers);
                    Some(Modal::ResumeDraft(Box::new(DraftOffer {
                        file: *file,
                        path,
                        misfits: misfits.keys().cloned().collect(),
                    })))
                }
                Loaded::MovedAside { to, reason } => {
                    self.drafts.moved_aside = Some(to.clone());
                    Some(Modal::DraftMoved { to, reason })
                }
                Loaded::Stuck(failure) => {
                    self.drafts.blocked = Some(failure.clone());
                    Some(Modal::DraftStuck(failure))
                }
                Loaded::InUse(failure) => {
                    self.drafts.blocked = Some(failure.clone());
                    Some(Modal::DraftInUse(failure))
                }
            };
        }
        self.screen = Screen::Form(Box::new(form));
    }

    /// Fills the form from the offered draft; `keep_misfits`: its answers that no longer
    /// fit stay in the draft, else they go with the next save.
    pub(super) fn resume(&mut self, offer: &DraftOffer, keep_misfits: bool) {
        let (theme, clock) = (self.config.theme, self.clock);
        self.replace_screen(|screen| match screen {
            Screen::Form(form) => Screen::Form(Box::new(form.restart(Some(&offer.file), theme))),
            other => other,
        });
        self.drafts.saved = offer.path.clone().map(Ok);
        let Some(form) = self.screen.form_mut() else {
            return;
        };
        if form.model().has_misfits() {
            let keys = offer.misfits.join(", ");
            let text = if keep_misfits {
                format!(
                    "the draft's answers for {keys} no longer fit the template; they stay in the draft"
                )
            } else {
                form.model_mut().drop_misfits();
                form.model_mut().mark_dirty(clock);
                format!(
                    "the draft's answers for {keys} no longer fit the template and were dropped"
                )
            };
            self.notice = Some(Notice::problem(text));
        }
    }

    pub(super) fn discard_draft(&mut self) -> Vec<Effect> {
        self.drafts.saved = None;
        self.form()
            .map(|f| {
                vec![Effect::ClearDraft {
                    source: f.model().source().clone(),
                }]
            })
            .unwrap_or_default()
    }

    /// A draft save of the current answers, if drafts are on and anything changed.
    pub fn save_draft_now(&mut self) -> Vec<Effect> {
        let drafts = self.config.drafts;
        let Some(form) = self.screen.form_mut() else {
            return Vec::new();
        };
        if !drafts || form.model_mut().take_dirty().is_none() {
            return Vec::new();
        }
        if let Some(blocked) = &self.drafts.blocked {
            self.drafts.saved = Some(Err(blocked.clone()));
            return Vec::new();
        }
        let model = form.model();
        match model.draft().to_yaml() {
            Ok(yaml) => vec![Effect::SaveDraft {
                source: model.source().clone(),
                yaml,
            }],
            // Nothing is written: an empty draft would replace the last good one.
            Err(err) => {
                self.drafted(Err(Failure {
                    path: None,
                    reason: err.to_string(),
                }));
                Vec::new()
            }
        }
    }

    /// A draft save's outcome; when quitting, leaving comes next.
    pub(super) fn drafted(&mut self, result: Result<PathBuf, Failure>) -> Vec<Effect> {
        if let Err(failure) = &result {
            self.notice = Some(Notice::problem(failure.to_string()));
        }
        self.drafts.saved = Some(result);
        if std::mem::take(&mut self.quitting) {
            return self.leave();
        }
        Vec::new()
    }

    /// Leaves once what was typed is saved as a draft; asks first when it cannot be.
    pub(super) fn quit(&mut self) -> Vec<Effect> {
        // A failed save is tried again: the folder may be fixed by now.
        let clock = self.clock;
        if matches!(self.drafts.saved, Some(Err(_)))
            && let Some(form) = self.screen.form_mut()
        {
            form.model_mut().mark_dirty(clock);
        }
        let save = self.save_draft_now();
        if save.is_empty() {
            return self.leave();
        }
        self.quitting = true;
        save
    }

    fn has_unsent(&self) -> bool {
        self.form().is_some_and(|f| f.model().has_unsent())
    }

    fn leave(&mut self) -> Vec<Effect> {
        if self.config.drafts
            && self.has_unsent()
            && let Some(Err(failure)) = &self.drafts.saved
        {
            if self.loss_accepted {
                return self.abandon();
            }
            self.modal = Some(Modal::SaveFailed(failure.clone()));
            return Vec::new();
        }
        self.exited = true;
        vec![Effect::Exit(After::Nothing)]
    }

    /// Leaves without the answers, which could not be saved.
    pub(super) fn abandon(&mut self) -> Vec<Effect> {
        self.modal = None;
        self.exited = true;
        vec![Effect::Exit(After::Unsaved)]
    }

    /// The exit message's lines: where the answers were saved, or why not, and where an
    /// unreadable draft went.
    /// What to say about the files written, above their gh commands on exit.
    pub fn written_notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        let commands = self.written_commands().iter().filter(|c| c.is_ok()).count();
        if commands == 0 {
            return notes;
        }
        if self.has_unsent() {
            let kept = if matches!(self.drafts.saved, Some(Ok(_))) && self.config.drafts {
                " (they are kept in the draft)"
            } else {
                ""
            };
            notes.push(format!("the form changed after the last file was written, so the file does not hold your last changes{kept}: write it again before sending"));
        }
        if commands > 1 {
            notes.push("each command below creates an issue: run only one".to_owned());
        }
        notes
    }

    pub fn exit_notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if let Some(to) = &self.drafts.moved_aside {
            notes.push(format!(
                "the unreadable draft was moved to {}",
                to.display()
            ));
        }
        if let (Some(keys), false) = (&self.drafts.leftover, self.has_unsent()) {
            notes.push(leftover_note(keys, self.drafts.saved.as_ref()));
        }
        if let (Some(from), true) = (self.unchanged_since_start(), self.has_unsent()) {
            notes.push(format!("nothing changed since {from}: no draft was saved"));
        } else if self.has_unsent() {
            match (&self.drafts.saved, self.config.drafts) {
                (_, false) => notes
                    .push("drafts are off (--no-draft): no draft of your answers was saved".into()),
                (Some(Ok(path)), true) => notes.push(format!(
                    "your answers are saved as a draft in {}",
                    path.display()
                )),
                (Some(Err(failure)), true) => notes.push(failure.to_string()),
                (None, true) => {}
            }
        }
        notes
    }
}

/// What the exit message says of the draft's answers an export left out: where they are
/// kept, or why they could not be.
pub fn leftover_note(keys: &[String], saved: Option<&Result<PathBuf, Failure>>) -> String {
    let what = format!(
        "the draft's answers for {} no longer fit the template and were not sent",
        keys.join(", ")
    );
    match saved {
        Some(Ok(path)) => format!("{what}: they are kept in the draft {}", path.display()),
        Some(Err(failure)) => format!("{what}, and {failure}"),
        None => what,
    }
}
