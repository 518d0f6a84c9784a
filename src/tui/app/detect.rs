//! Ctrl-D: the environment detected in the background for an Environment / OS /
//! Version field and shown before it goes in, or the option of an OS choice naming this
//! system selected at once.

use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent};

use super::command::text_field;
use super::msg::Notice;
use super::{App, Effect, Focus, FormState, Modal, Screen};
use crate::environment;

impl App {
    /// Ctrl-D on an Environment / OS / Version field; on an OS choice, the option that
    /// names this system is selected.
    pub(super) fn detect(&mut self) -> Vec<Effect> {
        let clock = self.clock;
        if let Screen::Form(form) = &mut self.screen
            && let Some(f) = os_choice(form)
        {
            self.notice = Some(select_os(form, f, clock));
            return Vec::new();
        }
        let Screen::Form(form) = &self.screen else {
            return Vec::new();
        };
        let Some(field) = text_field(form) else {
            return Vec::new();
        };
        let Some(want) = environment::wants(&form.form().fields[field].label) else {
            return Vec::new();
        };
        self.detecting = Some(Detecting {
            field,
            place: form.place(field),
        });
        self.notice = Some(Notice::info("detecting the environment…".to_owned()));
        vec![Effect::Detect { field, want }]
    }

    /// The result of Ctrl-D. It goes where the cursor was when Ctrl-D was pressed;
    /// when the field was typed in or its cursor moved meanwhile, that place is gone,
    /// and it goes after what is there instead of into the middle of it.
    pub(super) fn detected(&mut self, field: usize, text: String) {
        let pressed = self.detecting.take();
        self.notice = None;
        if text.trim().is_empty() {
            let looked = self.screen.form().and_then(|form| {
                environment::wants(&form.form().fields.get(field)?.label)
                    .map(environment::looked_for)
            });
            let text = match looked {
                Some(looked) => format!("nothing could be detected ({looked})"),
                None => "nothing could be detected".to_owned(),
            };
            self.notice = Some(Notice::problem(text));
            return;
        }
        let at_end = match (pressed, self.screen.form()) {
            (Some(pressed), Some(form)) if pressed.field == field => {
                form.place(field) != pressed.place
            }
            _ => false,
        };
        self.ask(Modal::Detected {
            field,
            text,
            at_end,
        });
    }

    pub(super) fn detected_key(&mut self, field: usize, text: String, at_end: bool, key: KeyEvent) {
        match key.code {
            KeyCode::Enter => {
                let clock = self.clock;
                if let Some(form) = self.screen.form_mut() {
                    form.insert_text(field, &text, at_end, clock);
                }
            }
            KeyCode::Esc => {}
            _ => {
                self.modal = Some(Modal::Detected {
                    field,
                    text,
                    at_end,
                });
            }
        }
    }
}

/// Ctrl-D pressed: the field, and its value and text cursor at that moment.
#[derive(Debug, Clone)]
pub(super) struct Detecting {
    field: usize,
    place: (crate::form::Value, Option<(usize, usize)>),
}

/// The focused field when it is a choice or checkboxes about the operating system.
pub(super) fn os_choice(form: &FormState) -> Option<usize> {
    let Focus::Field(f) = form.focus() else {
        return None;
    };
    let field = &form.form().fields[f];
    let about_os = matches!(
        environment::wants(&field.label),
        Some(environment::Want::Os | environment::Want::All)
    );
    (about_os && !field.kind.options().is_empty()).then_some(f)
}

/// Selects (or ticks, beside what is ticked) the option of field `f` naming this system.
fn select_os(form: &mut FormState, f: usize, now: Instant) -> Notice {
    let os = std::env::consts::OS;
    let field = &form.form().fields[f];
    let labels: Vec<String> = field
        .kind
        .options()
        .iter()
        .map(|o| o.label.clone())
        .collect();
    let Some(i) = environment::os_option(os, &labels) else {
        return Notice::problem(format!("no option names this system ({os})"));
    };
    let single = matches!(field.kind, crate::form::FieldKind::Choice { .. });
    let mut answers = form.answers().clone();
    if let crate::form::Value::Select(sel) = &mut answers.values[f] {
        if single {
            sel.checked.iter_mut().for_each(|c| *c = false);
            sel.custom.clear();
        }
        if let Some(tick) = sel.checked.get_mut(i) {
            *tick = true;
        }
    }
    form.fill_from(&answers, now);
    Notice::info(format!("selected {} (detected)", labels[i]))
}
