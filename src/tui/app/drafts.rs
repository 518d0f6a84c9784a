//! Drafts in the app: offering one to resume, reporting a damaged one, saving, and
//! quitting only once the answers are saved (or the user chose to go without them).

use std::path::PathBuf;

use super::{After, App, Effect, Focus, FormState, Modal, Screen};
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

impl App {
    pub(super) fn open(&mut self, template: Template, source: Source, draft: Loaded) {
        let theme = self.config.theme;
        let form = FormState::new(template, source, None, theme);
        self.modal = None;
        self.draft_saved = None;
        self.draft_blocked = None;
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
                    self.moved_aside = Some(to.clone());
                    Some(Modal::DraftMoved { to, reason })
                }
                Loaded::Stuck(failure) => {
                    self.draft_blocked = Some(failure.clone());
                    Some(Modal::DraftStuck(failure))
                }
            };
        }
        self.form = Some(form);
        self.screen = Screen::Form;
    }

    /// Fills the form from the offered draft; `keep_misfits`: its answers that no longer
    /// fit stay in the draft, else they go with the next save.
    pub(super) fn resume(&mut self, offer: &DraftOffer, keep_misfits: bool) {
        let theme = self.config.theme;
        let clock = self.clock;
        let Some(form) = self.form.take() else {
            return;
        };
        let mut resumed = FormState::new(form.template, form.source, Some(&offer.file), theme);
        resumed.set_focus(Focus::Header(0), theme);
        self.draft_saved = offer.path.clone().map(Ok);
        if !resumed.misfits.is_empty() {
            let keys = offer.misfits.join(", ");
            let text = if keep_misfits {
                format!(
                    "the draft's answers for {keys} no longer fit the template; they stay in the draft"
                )
            } else {
                resumed.misfits.clear();
                resumed.dirty_since = Some(clock);
                format!(
                    "the draft's answers for {keys} no longer fit the template and were dropped"
                )
            };
            self.notice = Some((text, true));
        }
        self.form = Some(resumed);
    }

    pub(super) fn discard_draft(&mut self) -> Vec<Effect> {
        self.draft_saved = None;
        self.form
            .as_ref()
            .map(|f| {
                vec![Effect::ClearDraft {
                    source: f.source.clone(),
                }]
            })
            .unwrap_or_default()
    }

    /// A draft save of the current answers, if drafts are on and anything changed.
    pub fn save_draft_now(&mut self) -> Vec<Effect> {
        let Some(form) = &mut self.form else {
            return Vec::new();
        };
        if !self.config.drafts || form.dirty_since.take().is_none() {
            return Vec::new();
        }
        if let Some(blocked) = &self.draft_blocked {
            self.draft_saved = Some(Err(blocked.clone()));
            return Vec::new();
        }
        match form.draft().to_yaml() {
            Ok(yaml) => vec![Effect::SaveDraft {
                source: form.source.clone(),
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
            self.notice = Some((failure.to_string(), true));
        }
        self.draft_saved = Some(result);
        if std::mem::take(&mut self.quitting) {
            return self.leave();
        }
        Vec::new()
    }

    /// Leaves once what was typed is saved as a draft; asks first when it cannot be.
    pub(super) fn quit(&mut self) -> Vec<Effect> {
        // A failed save is tried again: the folder may be fixed by now.
        if matches!(self.draft_saved, Some(Err(_)))
            && let Some(form) = &mut self.form
        {
            form.dirty_since.get_or_insert(self.clock);
        }
        let save = self.save_draft_now();
        if save.is_empty() {
            return self.leave();
        }
        self.quitting = true;
        save
    }

    fn leave(&mut self) -> Vec<Effect> {
        let unsent = self.form.as_ref().is_some_and(FormState::has_unsent);
        if self.config.drafts
            && unsent
            && let Some(Err(failure)) = &self.draft_saved
        {
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
    pub fn exit_notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if let Some(to) = &self.moved_aside {
            notes.push(format!(
                "the unreadable draft was moved to {}",
                to.display()
            ));
        }
        if self.form.as_ref().is_some_and(FormState::has_unsent) {
            match (&self.draft_saved, self.config.drafts) {
                (_, false) => notes.push("drafts are off (--no-draft); nothing was saved".into()),
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
