//! Helpers shared by the integration tests.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use issue_composer::form::{FieldKind, Selection, Value};
use issue_composer::{Answers, Form};

/// Answers that put a unique token into every place that takes typed text: text, text
/// area, code, list items, table cells, the text of blank options (`Other: ___`) and the
/// description of a "describe instead" choice. Returns each token with the field id
/// (and the cell, item or option) it was typed into.
pub fn fill_with_tokens(form: &Form) -> (Answers, Vec<(String, String)>) {
    let mut answers = Answers::new(form);
    let mut tokens = Vec::new();
    let mut token = |id: &str, what: &str| {
        // Four digits and a closing letter: no token is a prefix of another.
        let token = format!("TOKEN{:04}Z", tokens.len() + 1);
        tokens.push((token.clone(), format!("{id}{what}")));
        token
    };
    for (field, value) in form.fields.iter().zip(&mut answers.values) {
        let id = &*field.id;
        *value = match &field.kind {
            FieldKind::Text | FieldKind::TextArea | FieldKind::Code { .. } => {
                Value::Text(token(id, ""))
            }
            FieldKind::List => Value::List(vec![token(id, " item"), token(id, " item 2")]),
            FieldKind::Table(table) => Value::Table(
                table
                    .rows()
                    .iter()
                    .map(|row| {
                        table
                            .columns()
                            .iter()
                            .skip(1)
                            .map(|col| token(id, &format!(" cell {row}/{col}")))
                            .collect()
                    })
                    .collect(),
            ),
            FieldKind::Choice { options, custom } => {
                let mut sel = Selection::empty(options.len());
                if custom.is_some() {
                    sel.custom = token(id, " described");
                } else if let Some(i) = options.iter().position(|o| o.blank) {
                    sel.checked[i] = true;
                    sel.blanks[i] = token(id, &format!(" {}", options[i].key()));
                } else {
                    continue;
                }
                Value::Select(Box::new(sel))
            }
            FieldKind::MultiChoice { options } | FieldKind::Checkboxes { options } => {
                let mut sel = Selection::empty(options.len());
                for (i, o) in options.iter().enumerate().filter(|(_, o)| o.blank) {
                    sel.checked[i] = true;
                    sel.blanks[i] = token(id, &format!(" {}", o.key()));
                }
                Value::Select(Box::new(sel))
            }
        };
    }
    (answers, tokens)
}
