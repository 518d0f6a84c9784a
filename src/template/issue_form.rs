//! GitHub issue forms (`.yml`): `body` elements (markdown, input, textarea, dropdown,
//! checkboxes, upload) become one section and field each; markdown elements become help
//! text, or content of the issue where Gitea's `visible` says so. Gitea and Forgejo's
//! `validations.is_number` and `validations.regex` become field rules.

use serde::Deserialize;
use serde_json::Value as Json;
use serde_saphyr::Spanned;

use super::{Problem, Severity};
use crate::error::LocatedError;
use crate::form::{
    Field, FieldKind, FieldRule, FieldSpan, Form, Meta, Opt, Pattern, Rule, Section, Selection,
    Value, index32,
};
use crate::template::layout::{FormPiece, Layout};
use crate::text::{push_para, sanitize, split_list};

#[derive(Debug, Deserialize)]
struct WireForm {
    name: Option<Json>,
    description: Option<Json>,
    /// Gitea and Forgejo call the description `about`.
    about: Option<Json>,
    title: Option<Json>,
    labels: Option<Json>,
    assignees: Option<Json>,
    projects: Option<Json>,
    #[serde(rename = "type")]
    issue_type: Option<Json>,
    body: Option<Spanned<Vec<Spanned<WireElement>>>>,
    blank_issues_enabled: Option<Json>,
    contact_links: Option<Json>,
}

#[derive(Debug, Deserialize)]
struct WireElement {
    #[serde(rename = "type")]
    kind: Option<String>,
    id: Option<Json>,
    #[serde(default)]
    attributes: WireAttributes,
    #[serde(default)]
    validations: WireValidations,
    /// Gitea and Forgejo: where the element appears (`form`, `content`).
    visible: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
struct WireAttributes {
    label: Option<Json>,
    description: Option<Json>,
    placeholder: Option<Json>,
    value: Option<Json>,
    render: Option<Json>,
    options: Option<Vec<Json>>,
    multiple: Option<Flag>,
    default: Option<Json>,
    /// `upload`: the accepted file types.
    accept: Option<Json>,
}

#[derive(Debug, Default, Deserialize)]
struct WireValidations {
    required: Option<Flag>,
    is_number: Option<Flag>,
    regex: Option<String>,
}

/// A yes-or-no setting as GitHub's YAML reader has it: YAML 1.1's `yes`, `no`, `on` and
/// `off` too, in any case, besides `true` and `false`. (The reader that fills the form
/// takes only `true` and `false` as booleans, so that `no` stays text elsewhere.)
#[derive(Debug, Clone, Copy)]
struct Flag(bool);

impl Flag {
    fn on(self) -> bool {
        self.0
    }
}

/// `yes` and `on` are true and `no` and `off` false, in any case, as GitHub reads them.
pub(super) fn flag_word(word: &str) -> Option<bool> {
    const TRUE: [&str; 3] = ["true", "yes", "on"];
    const FALSE: [&str; 3] = ["false", "no", "off"];
    if TRUE.iter().any(|t| t.eq_ignore_ascii_case(word)) {
        Some(true)
    } else if FALSE.iter().any(|f| f.eq_ignore_ascii_case(word)) {
        Some(false)
    } else {
        None
    }
}

/// A read value as a yes-or-no setting, as GitHub reads it (a checkbox option's
/// `required`, config.yml's `blank_issues_enabled`).
pub fn json_flag(json: &Json) -> Option<bool> {
    match json {
        Json::Bool(b) => Some(*b),
        Json::String(word) => flag_word(word),
        _ => None,
    }
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Flag;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("true or false")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Flag, E> {
                flag_word(v).map(Flag).ok_or_else(|| {
                    let escaped = crate::text::escape_line(v);
                    let shown = crate::text::shorten(&escaped, 40);
                    E::custom(format_args!("write true or false here, not `{shown}`"))
                })
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Flag, E> {
                Err(E::custom(format_args!(
                    "write true or false here, not the number {v}"
                )))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Flag, E> {
                Err(E::custom(format_args!(
                    "write true or false here, not the number {v}"
                )))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Flag, E> {
                Err(E::custom(format_args!(
                    "write true or false here, not the number {v}"
                )))
            }
        }
        d.deserialize_any(Visit)
    }
}

/// The top keys of an issue form that hold text (`about` is Gitea's `description`).
const TEXT_KEYS: [&str; 5] = ["name", "description", "about", "title", "type"];

/// Values at the top of an issue form of a kind GitHub refuses ("key must be a string"),
/// each at its place: a list or mapping where text is meant (`title: [x]`), a boolean
/// where text is meant (`description: true`).
fn refuse_misshapen(wire: &WireForm, text: &str, file: &str) -> Result<(), LocatedError> {
    // A list or mapping where text is meant (`title: [x]`): GitHub refuses the form, and
    // no reading of it would be what was meant.
    let top = |key: &str| match key {
        "name" => wire.name.as_ref(),
        "description" => wire.description.as_ref(),
        "about" => wire.about.as_ref(),
        "title" => wire.title.as_ref(),
        "type" => wire.issue_type.as_ref(),
        "labels" => wire.labels.as_ref(),
        "assignees" => wire.assignees.as_ref(),
        "projects" => wire.projects.as_ref(),
        _ => None,
    };
    if super::front_matter::misshapen(top, &TEXT_KEYS, &super::front_matter::LIST_KEYS) {
        return Err(super::front_matter::shape_errors(text, 1, file, &TEXT_KEYS));
    }
    // A boolean where text is meant (`description: true`; `yes` too, as GitHub reads
    // YAML): GitHub refuses the form ("key must be a string"). The tree is read again
    // only when a value could be one.
    let maybe_boolean = |json: Option<&Json>| match json {
        Some(Json::Bool(_)) => true,
        Some(Json::String(s)) => flag_word(s.trim()).is_some(),
        _ => false,
    };
    if TEXT_KEYS.iter().any(|key| maybe_boolean(top(key)))
        && let Some(refusal) = LocatedError::all(
            super::lint::text_booleans(text, &TEXT_KEYS)
                .into_iter()
                .map(|p| LocatedError::new(file, p.line, p.col, p.message))
                .collect(),
        )
    {
        return Err(refusal);
    }
    Ok(())
}

/// Reads an issue form into its form and the layout its body is written with.
pub(super) fn parse(
    text: &str,
    file: &str,
    stem: &str,
    problems: &mut Vec<Problem>,
    budget: &crate::yaml::Budget,
) -> Result<(Form, Layout), LocatedError> {
    let wire: WireForm = crate::yaml::from_str_within(text, file, 1, budget)?;
    if wire.body.is_none() && (wire.blank_issues_enabled.is_some() || wire.contact_links.is_some())
    {
        return Err(LocatedError::new(
            file,
            1,
            1,
            "this is a template chooser config (config.yml), not an issue form",
        ));
    }
    if wire.body.is_some() {
        refuse_misshapen(&wire, text, file)?;
    }
    let Some(body) = wire.body else {
        return Err(LocatedError::new(
            file,
            1,
            1,
            "an issue form needs a `body` list of elements",
        ));
    };
    let name = text_of(wire.name.as_ref());
    let meta = Meta {
        name: if name.is_empty() {
            stem.to_owned()
        } else {
            name
        },
        about: text_of(wire.description.as_ref().or(wire.about.as_ref())),
        title: wire
            .title
            .as_ref()
            .map(|t| sanitize::one_line(&scalar(t)).trim_start().to_owned())
            .unwrap_or_default(),
        labels: list_of(wire.labels.as_ref()),
        assignees: list_of(wire.assignees.as_ref()),
        projects: list_of(wire.projects.as_ref()),
        issue_type: text_of(wire.issue_type.as_ref()),
    };
    let mut builder = FormBuilder::default();
    for element in &body.value {
        builder.element(element, file, problems)?;
    }
    let FormBuilder {
        mut sections,
        mut fields,
        intro,
        help,
        ids,
        rules,
        pieces,
        ..
    } = builder;
    if !intro.is_empty() || fields.is_empty() {
        sections.insert(0, preamble(intro));
        for f in &mut fields {
            f.section += 1;
        }
    }
    // Markdown after the last field: below it, where it is written.
    let after = if sections.is_empty() {
        Box::default()
    } else {
        help.into_boxed_str()
    };
    let labelled = vec![false; fields.len()];
    crate::form::assign_ids(&mut sections, &mut fields, &labelled);
    use_written_ids(&mut sections, &mut fields, &ids);
    let mut pieces = pieces;
    for piece in &mut pieces {
        if let FormPiece::Field { field, id } = piece {
            let written = &ids[*field];
            let valid = written
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !written.is_empty() && valid && *fields[*field].id == **written {
                *id = Some(written.clone());
            }
        }
    }
    let form = Form {
        meta,
        sections,
        fields: fields.into(),
        rules,
        after,
    };
    Ok((form, Layout::Form(pieces)))
}

#[derive(Default)]
struct FormBuilder {
    sections: Vec<Section>,
    fields: Vec<Field>,
    /// Markdown before the first field.
    intro: String,
    /// Markdown waiting for the next field.
    help: String,
    /// Each field's `id` as written (may be empty).
    ids: Vec<String>,
    rules: Vec<FieldRule>,
    /// The body as it is written: fields and content markdown, in order.
    pieces: Vec<FormPiece>,
}

impl FormBuilder {
    fn element(
        &mut self,
        element: &Spanned<WireElement>,
        file: &str,
        problems: &mut Vec<Problem>,
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
        let at = (line, col);
        self.note_id(text_of(e.id.as_ref()));
        let field = self.fields.len();
        self.note_rules(&e.validations, field, at, problems);
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

    /// Gitea's `is_number` and `regex` validations become rules of `field`.
    fn note_rules(
        &mut self,
        v: &WireValidations,
        field: usize,
        (line, col): (usize, usize),
        problems: &mut Vec<Problem>,
    ) {
        if v.is_number.is_some_and(Flag::on) {
            self.rules.push(FieldRule {
                field,
                rule: Rule::Number,
            });
        }
        let Some(pattern) = v.regex.as_deref().filter(|p| !p.is_empty()) else {
            return;
        };
        // A pattern that does not compile is reported and never blocks the user.
        match Pattern::new(pattern) {
            Ok(pattern) => self.rules.push(FieldRule {
                field,
                rule: Rule::Regex(pattern),
            }),
            Err(error) => problems.push(Problem {
                line,
                col,
                severity: Severity::Error,
                message: format!(
                    "`validations.regex` is not a valid pattern: {}",
                    crate::text::sanitize::one_line(&error.to_string())
                ),
            }),
        }
    }
}

/// Elements with an `id` keep it (GitHub uses it for prefilled links), when unique.
fn use_written_ids(sections: &mut [Section], fields: &mut [Field], ids: &[String]) {
    for (i, id) in ids.iter().enumerate() {
        let taken = fields
            .iter()
            .enumerate()
            .any(|(j, f)| j != i && *f.id == **id);
        if id.is_empty() || taken {
            continue;
        }
        fields[i].id = id.as_str().into();
        sections[fields[i].section()].id = id.as_str().into();
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

fn preamble(intro: String) -> Section {
    Section {
        id: std::sync::Arc::default(),
        title: std::sync::Arc::default(),
        level: 0,
        help: Box::default(),
        text: intro.into_boxed_str(),
        fields: FieldSpan::EMPTY,
        parent: None,
        line: 1,
    }
}

fn one_line(json: &Json) -> String {
    sanitize::one_line(&scalar(json)).trim().to_owned()
}

fn text_of(json: Option<&Json>) -> String {
    json.map(one_line).unwrap_or_default()
}

fn multiline_of(json: Option<&Json>) -> String {
    json.map(|j| sanitize::clean(&scalar(j)).trim_end().to_owned())
        .unwrap_or_default()
}

/// Any value as text: lists joined with commas, maps as JSON.
fn scalar(json: &Json) -> String {
    match json {
        Json::Null => String::new(),
        Json::Array(items) => items.iter().map(scalar).collect::<Vec<_>>().join(", "),
        other => crate::yaml::scalar(other).unwrap_or_else(|| other.to_string()),
    }
}

fn list_of(json: Option<&Json>) -> Vec<String> {
    match json {
        Some(Json::Array(items)) => items
            .iter()
            .map(one_line)
            .filter(|s| !s.is_empty())
            .collect(),
        Some(Json::String(s)) => split_list(s),
        Some(Json::Null) | None => Vec::new(),
        Some(other) => vec![one_line(other)],
    }
}
