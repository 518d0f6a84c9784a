//! One `body` element of an issue form becomes a section and its field (a markdown
//! element, help text or content of the issue); dropdowns and checkboxes read their
//! options, uploads ask for links, Gitea's validations become field rules.

use serde_json::Value as Json;
use serde_saphyr::Spanned;

use super::flag::{Flag, json_flag};
use super::{
    WireAttributes, WireElement, WireValidations, list_of, multiline_of, one_line, text_of,
};
use crate::error::LocatedError;
use crate::form::{
    Field, FieldKind, FieldRule, FieldSpan, Opt, Pattern, Rule, Section, Selection, Value, index32,
};
use crate::template::layout::FormPiece;
use crate::text::push_para;

#[derive(Default)]
pub(super) struct FormBuilder {
    pub(super) sections: Vec<Section>,
    pub(super) fields: Vec<Field>,
    /// Markdown before the first field.
    pub(super) intro: String,
    /// Markdown waiting for the next field.
    pub(super) help: String,
    /// Each field's `id` as written (may be empty).
    pub(super) ids: Vec<String>,
    pub(super) rules: Vec<FieldRule>,
    /// The body as it is written: fields and content markdown, in order.
    pub(super) pieces: Vec<FormPiece>,
}

impl FormBuilder {
    pub(super) fn element(
        &mut self,
        element: &Spanned<WireElement>,
        file: &str,
    ) -> Result<(), LocatedError> {
        let line = usize::try_from(element.referenced.line()).unwrap_or(1);
        let col = usize::try_from(element.referenced.column()).unwrap_or(1);
        let e = &element.value;
        let a = &e.attributes;
        let err = |message: String| LocatedError::new(file, line, col, message);
        let kind = e.kind.as_deref().unwrap_or("");
        // Gitea: `visible` lists where an element appears; without it, the form only
        // (markdown) or the form and the content (the others).
        let visible = |place: &str| {
            e.visible
                .as_ref()
                .map_or(place == "form" || kind != "markdown", |v| {
                    v.iter().any(|p| p == place)
                })
        };
        if kind == "markdown" {
            let text = multiline_of(a.value.as_ref());
            if visible("content") && !text.trim().is_empty() {
                self.pieces
                    .push(FormPiece::Markdown(text.trim().to_owned()));
            }
            if visible("form") {
                let target = if self.fields.is_empty() {
                    &mut self.intro
                } else {
                    &mut self.help
                };
                push_para(target, "\n\n", text.trim());
            }
            return Ok(());
        }
        if !visible("form") {
            // Not shown in the form, so nothing to ask.
            return Ok(());
        }
        let label = text_of(a.label.as_ref());
        if label.is_empty() {
            return Err(err(format!(
                "{} `{kind}` element needs `attributes.label`",
                crate::text::article(kind)
            )));
        }
        let (field_kind, default) = match kind {
            "input" => (FieldKind::Text, Value::Text(text_of(a.value.as_ref()))),
            "textarea" => {
                // The fence's language: the first word, as markdown reads an info
                // string, without backticks (which would end a backtick fence's first
                // line; `check` refuses them and line breaks).
                let render: String = text_of(a.render.as_ref())
                    .replace('`', " ")
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_owned();
                let kind = if render.is_empty() {
                    FieldKind::TextArea
                } else {
                    FieldKind::Code { language: render }
                };
                (kind, Value::Text(multiline_of(a.value.as_ref())))
            }
            "dropdown" => dropdown(a).map_err(err)?,
            "checkboxes" => checkboxes(a).map_err(err)?,
            "upload" => (FieldKind::TextArea, Value::Text(String::new())),
            "" => return Err(err("an element needs a `type`".to_owned())),
            other => {
                return Err(err(format!(
                    "unknown element type `{other}` (expected markdown, input, textarea, dropdown, checkboxes or upload)"
                )));
            }
        };
        self.note_id(text_of(e.id.as_ref()));
        let field = self.fields.len();
        self.note_rules(&e.validations, field);
        let mut help = multiline_of(a.description.as_ref());
        if kind == "upload" {
            push_para(&mut help, "\n\n", &upload_help(a.accept.as_ref()));
        }
        self.pieces.push(FormPiece::Field { field, id: None });
        let section = self.sections.len();
        self.sections.push(Section {
            id: std::sync::Arc::default(),
            title: label.as_str().into(),
            level: 3,
            help: std::mem::take(&mut self.help).into_boxed_str(),
            text: Box::default(),
            fields: FieldSpan::one(self.fields.len()),
            parent: None,
            line: index32(line),
        });
        self.fields.push(Field {
            id: std::sync::Arc::default(),
            label: label.into(),
            kind: field_kind,
            placeholder: multiline_of(a.placeholder.as_ref()).into(),
            help: help.into(),
            default,
            required: e.validations.required.is_some_and(Flag::on),
            section: index32(section),
            line: index32(line),
        });
        Ok(())
    }

    /// Records the element's id as written (the linter reports bad or repeated ones).
    fn note_id(&mut self, id: String) {
        self.ids.push(id);
    }

    /// Gitea's `is_number` and `regex` validations become rules of `field`. A pattern
    /// that does not compile never blocks the user: `check` reports it, at its place
    /// (`lint::element`).
    fn note_rules(&mut self, v: &WireValidations, field: usize) {
        if v.is_number.is_some_and(Flag::on) {
            self.rules.push(FieldRule {
                field,
                rule: Rule::Number,
            });
        }
        let Some(pattern) = v.regex.as_deref().filter(|p| !p.is_empty()) else {
            return;
        };
        if let Ok(pattern) = Pattern::new(pattern) {
            self.rules.push(FieldRule {
                field,
                rule: Rule::Regex(pattern),
            });
        }
    }
}

fn dropdown(a: &WireAttributes) -> Result<(FieldKind, Value), String> {
    let options: Vec<Opt> = a
        .options
        .iter()
        .flatten()
        .map(|o| Opt::new(one_line(o)))
        .filter(|o| !o.label.is_empty())
        .collect();
    if options.is_empty() {
        return Err("a dropdown needs `attributes.options`".to_owned());
    }
    let mut selection = Selection::empty(options.len());
    if let Some(index) = a.default.as_ref().and_then(Json::as_u64) {
        let i = usize::try_from(index).unwrap_or(usize::MAX);
        if i >= options.len() {
            return Err(format!("`default: {index}` is past the last option"));
        }
        selection.checked[i] = true;
    }
    let kind = if a.multiple.is_some_and(Flag::on) {
        FieldKind::MultiChoice { options }
    } else {
        FieldKind::Choice {
            options,
            custom: None,
        }
    };
    Ok((kind, Value::Select(Box::new(selection))))
}

fn checkboxes(a: &WireAttributes) -> Result<(FieldKind, Value), String> {
    let options: Vec<Opt> = a
        .options
        .iter()
        .flatten()
        .map(|o| match o {
            Json::Object(map) => Opt {
                required: map.get("required").and_then(json_flag).unwrap_or(false),
                ..Opt::new(map.get("label").map(one_line).unwrap_or_default())
            },
            other => Opt::new(one_line(other)),
        })
        .filter(|o| !o.label.is_empty())
        .collect();
    if options.is_empty() {
        return Err("checkboxes need `attributes.options`, each with a `label`".to_owned());
    }
    let n = options.len();
    Ok((FieldKind::Checkboxes { options }, Selection::none(n)))
}

/// What an upload field asks for: links, since files cannot be uploaded from here.
fn upload_help(accept: Option<&Json>) -> String {
    let accepted = list_of(accept);
    let help = "Links to files already uploaded (for example to the issue on the web), one a line.";
    if accepted.is_empty() {
        help.to_owned()
    } else {
        format!("{help} Accepted: {}.", accepted.join(", "))
    }
}
