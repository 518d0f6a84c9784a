//! Input on any screen: a key looked up in the keymap and done as its action, or given
//! to the dialog, the picker or the focused field; characters typed in a burst; a
//! paste; Esc's way back; Ctrl-E's text for `$EDITOR` and what comes back from it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::field::line::Edit;
use super::super::keymap::{Action, Context};
use super::{App, Effect, Focus, FormState, HelpView, Modal, Msg, Notice, ReviewState, Screen};

impl App {
    pub(super) fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        // Quitting works everywhere, dialogs included.
        let keys = &self.config.keys;
        if keys
            .lookup(Context::Anywhere, &key)
            .is_some_and(|b| b.action == Action::ForceQuit)
        {
            // The second Ctrl-C when the draft could not be saved: out, with status 1.
            if matches!(self.modal, Some(Modal::SaveFailed(_))) {
                return self.abandon();
            }
            return self.quit();
        }
        // At a "too small" notice keys still go where they would: typing a field
        // nobody sees is better than losing what was typed (it shows once there is room).
        if self.modal.is_some() {
            return self.modal_key(key);
        }
        // An action that does not apply to the focused field leaves its key to the field.
        let binding = self
            .config
            .keys
            .lookup(self.screen.context(), &key)
            .copied()
            .filter(|b| self.offers(b.action));
        if let Some(b) = binding.filter(|b| !b.soft) {
            return self.action(b.action);
        }
        let clock = self.clock;
        match &mut self.screen {
            Screen::Picker(picker) => {
                picker.key(key);
                Vec::new()
            }
            Screen::Form(form) => {
                let soft = binding.map(|b| b.action);
                // Tab, Shift-Tab and Enter navigate unless the field uses them (a text
                // area's Enter, a table's Tab); then they navigate only when the field
                // ignores them (Tab on a table's last cell).
                if let Some(action) = soft.filter(|_| !form.claims(&key)) {
                    return self.action(action);
                }
                match (form.key(key, clock), soft) {
                    (Edit::Ignored, Some(action)) => self.action(action),
                    // A letter no option starts with is said, not dropped without a word.
                    (Edit::Ignored, None) => {
                        if let Some(note) = form.unmatched(&key) {
                            self.notice = Some(Notice::problem(note));
                        }
                        Vec::new()
                    }
                    _ => Vec::new(),
                }
            }
            Screen::Review(_) | Screen::Help(..) => Vec::new(),
        }
    }

    fn action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::ForceQuit => return self.quit(),
            Action::Help => self.replace_screen(|screen| match screen {
                Screen::Help(back, _) => *back,
                other => Screen::Help(Box::new(other), HelpView::default()),
            }),
            Action::Back => return self.back(),
            _ if matches!(self.screen, Screen::Help(..)) => self.help_action(action),
            _ if matches!(self.screen, Screen::Review(_)) => return self.review_action(action),
            _ if matches!(self.screen, Screen::Picker(_)) => return self.picker_action(action),
            Action::Review => self.replace_screen(|screen| match screen {
                Screen::Form(form) => Screen::Review(Box::new(ReviewState::new(*form))),
                other => other,
            }),
            Action::Editor => return self.editor(),
            Action::RunCommand => return self.ask_command(),
            Action::Detect => return self.detect(),
            _ => {
                if let Screen::Form(form) = &mut self.screen {
                    form_action(form, action);
                }
            }
        }
        Vec::new()
    }

    /// Characters typed in a burst. Into a one-line input or a text area, with none of
    /// them bound to an action, they are one insert (a key at a time costs a copy of the
    /// whole text each); anywhere else each is the key it was.
    pub(super) fn type_text(&mut self, text: &str) -> Vec<Effect> {
        let as_key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let unbound = text.chars().all(|c| {
            self.config
                .keys
                .lookup(self.screen.context(), &as_key(c))
                .is_none()
        });
        let into_text = self.modal.is_none()
            && self.command.is_none()
            && matches!(&self.screen, Screen::Form(form) if match form.focus() {
                Focus::Header(_) => true,
                Focus::Field(f) => form.widget(f).takes_text(),
            });
        if unbound && into_text {
            self.notice = None;
            self.paste(text);
            return Vec::new();
        }
        text.chars()
            .flat_map(|c| self.update(Msg::Key(as_key(c))))
            .collect()
    }

    pub(super) fn paste(&mut self, text: &str) {
        let clock = self.clock;
        match (&mut self.modal, &mut self.screen) {
            (Some(modal), _) => modal.paste(text),
            (None, Screen::Form(form)) => form.paste(text, clock),
            (None, Screen::Picker(picker)) => picker.filter_paste(text),
            _ => {}
        }
    }

    fn back(&mut self) -> Vec<Effect> {
        match &mut self.screen {
            Screen::Help(..) | Screen::Review(_) => self.replace_screen(|screen| match screen {
                Screen::Help(back, _) => *back,
                Screen::Review(review) => Screen::Form(Box::new(review.form)),
                other => other,
            }),
            Screen::Form(_) if self.command.is_some() => return self.stop_command(),
            // Nothing to lose: no question.
            Screen::Form(form) if !form.model().has_unsent() => return self.quit(),
            Screen::Form(_) => self.modal = Some(Modal::ConfirmQuit),
            Screen::Picker(picker) if !picker.filter.is_empty() => picker.clear_filter(),
            Screen::Picker(_) => return self.quit(),
        }
        Vec::new()
    }

    /// Up and Down scroll the help by a line, Page Up and Page Down by a page; it stops with
    /// its last line at the bottom.
    fn help_action(&mut self, action: Action) {
        let page = super::super::screen::body_height(self.size.1);
        let last = super::super::screen::help_last_scroll(self, page);
        if let Screen::Help(_, view) = &mut self.screen {
            view.scroll = match action {
                Action::Up => view.scroll.saturating_sub(1),
                Action::Down => view.scroll.saturating_add(1),
                Action::ScrollUp => view.scroll.saturating_sub(page.saturating_sub(1).max(1)),
                Action::ScrollDown => view.scroll.saturating_add(page.saturating_sub(1).max(1)),
                _ => view.scroll,
            }
            .min(last);
        }
    }

    fn editor(&mut self) -> Vec<Effect> {
        let Screen::Form(form) = &self.screen else {
            return Vec::new();
        };
        let Some((field, text)) = form.editable_text() else {
            if matches!(form.focus(), Focus::Field(_)) {
                self.notice = Some(Notice::problem(
                    "Ctrl-E edits text fields and text areas".to_owned(),
                ));
            }
            return Vec::new();
        };
        let extension = match &form.form().fields[field].kind {
            crate::form::FieldKind::Code { language } if !language.is_empty() => language.clone(),
            _ => "md".to_owned(),
        };
        vec![Effect::OpenEditor {
            field,
            text,
            extension,
        }]
    }

    pub(super) fn edited(&mut self, field: usize, text: Result<String, String>) -> Vec<Effect> {
        let clock = self.clock;
        match (text, self.screen.form_mut()) {
            // The editor's file is untrusted text, as a paste is: colors and other
            // escapes would show as `[31m` in the field.
            (Ok(text), Some(form)) => {
                form.set_text(field, &crate::text::sanitize::clean(&text), clock);
            }
            (Err(why), _) => {
                self.notice = Some(Notice::problem(format!("{why}; nothing changed")));
            }
            _ => {}
        }
        Vec::new()
    }
}

/// Moves and view changes on the form.
fn form_action(form: &mut FormState, action: Action) {
    match action {
        Action::NextField => form.next_field(),
        Action::PrevField => form.prev_field(),
        Action::NextSection => form.jump_section(true),
        Action::PrevSection => form.jump_section(false),
        Action::TogglePreview => form.toggle_preview(),
        _ => {}
    }
}
