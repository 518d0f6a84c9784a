//! GitHub issue forms (`.yml`): `body` elements (markdown, input, textarea, dropdown,
//! checkboxes) become one section and field each; markdown elements become help text.

use serde::Deserialize;
use serde_json::Value as Json;
use serde_saphyr::Spanned;

use super::{Problem, Severity};
use crate::error::LocatedError;
use crate::form::{Field, FieldKind, Form, Meta, Opt, Section, Selection, Value};
use crate::text::{push_para, sanitize, split_list};

#[derive(Debug, Deserialize)]
struct WireForm {
    name: Option<Json>,
    description: Option<Json>,
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
}

#[derive(Debug, Default, Deserialize)]
struct WireAttributes {
    label: Option<Json>,
    description: Option<Json>,
    placeholder: Option<Json>,
    value: Option<Json>,
    render: Option<Json>,
    options: Option<Vec<Json>>,
    multiple: Option<bool>,
    default: Option<Json>,
}

#[derive(Debug, Default, Deserialize)]
struct WireValidations {
    required: Option<bool>,
}

/// Reads an issue form.
pub(super) fn parse(
    text: &str,
    file: &str,
    stem: &str,
    problems: &mut Vec<Problem>,
) -> Result<Form, LocatedError> {
    let wire: WireForm = crate::yaml::from_str(text, file, 1)?;
    if wire.body.is_none() && (wire.blank_issues_enabled.is_some() || wire.contact_links.is_some())
    {
        return Err(LocatedError::new(
            file,
            1,
            1,
            "this is a template chooser config (config.yml), not an issue form",
        ));
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
    if name.is_empty() {
        problems.push(warning(1, "an issue form should have a `name`"));
    }
    let meta = Meta {
        name: if name.is_empty() {
            stem.to_owned()
        } else {
            name
        },
        about: text_of(wire.description.as_ref()),
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
    if body.value.is_empty() {
        let line = usize::try_from(body.referenced.line()).unwrap_or(1);
        problems.push(warning(line, "`body` is empty"));
    }
    let FormBuilder {
        mut sections,
        mut fields,
        intro,
        help,
        ids,
        ..
    } = builder;
    if !intro.is_empty() || fields.is_empty() {
        sections.insert(0, preamble(intro));
        for f in &mut fields {
            f.section += 1;
        }
    }
    if let (Some(last), false) = (sections.last_mut(), help.is_empty()) {
        push_para(&mut last.help, "\n\n", &help);
    }
    let labelled = vec![false; fields.len()];
    crate::form::assign_ids(&mut sections, &mut fields, &labelled);
    use_written_ids(&mut sections, &mut fields, &ids);
    Ok(Form {
        meta,
        sections,
        fields,
    })
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
    /// The line each id was first written on.
    id_lines: std::collections::HashMap<String, usize>,
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
        if kind == "markdown" {
            let text = multiline_of(a.value.as_ref());
            let target = if self.fields.is_empty() {
                &mut self.intro
            } else {
                &mut self.help
            };
            push_para(target, "\n\n", text.trim());
            return Ok(());
        }
        let label = text_of(a.label.as_ref());
        if label.is_empty() {
            return Err(err(format!("a `{kind}` element needs `attributes.label`")));
        }
        let (field_kind, default) = match kind {
            "input" => (FieldKind::Text, Value::Text(text_of(a.value.as_ref()))),
            "textarea" => {
                let render = text_of(a.render.as_ref());
                let kind = if render.is_empty() {
                    FieldKind::TextArea
                } else {
                    FieldKind::Code { language: render }
                };
                (kind, Value::Text(multiline_of(a.value.as_ref())))
            }
            "dropdown" => dropdown(a).map_err(err)?,
            "checkboxes" => checkboxes(a).map_err(err)?,
            "" => return Err(err("an element needs a `type`".to_owned())),
            other => {
                return Err(err(format!(
                    "unknown element type `{other}` (expected markdown, input, textarea, dropdown or checkboxes)"
                )));
            }
        };
        let id = text_of(e.id.as_ref());
        let valid = id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
        if !id.is_empty() && !valid {
            problems.push(warning(
                line,
                &format!("id `{id}` should use only letters, digits, `-` and `_`"),
            ));
        }
        if let Some(first) = self.id_lines.get(&id).filter(|_| !id.is_empty()) {
            problems.push(Problem {
                line,
                col,
                severity: Severity::Error,
                message: format!(
                    "id `{id}` is already used by the element on line {first}; ids must be unique"
                ),
            });
        } else {
            self.id_lines.insert(id.clone(), line);
        }
        self.ids.push(id);
        let section = self.sections.len();
        self.sections.push(Section {
            id: String::new(),
            title: label.clone(),
            level: 3,
            help: std::mem::take(&mut self.help),
            text: String::new(),
            fields: vec![self.fields.len()],
            parent: None,
            line,
        });
        self.fields.push(Field {
            id: String::new(),
            label,
            kind: field_kind,
            placeholder: multiline_of(a.placeholder.as_ref()),
            help: multiline_of(a.description.as_ref()),
            default,
            required: e.validations.required.unwrap_or(false),
            section,
            line,
        });
        Ok(())
    }
}

/// Elements with an `id` keep it (GitHub uses it for prefilled links), when unique.
fn use_written_ids(sections: &mut [Section], fields: &mut [Field], ids: &[String]) {
    for (i, id) in ids.iter().enumerate() {
        let taken = fields
            .iter()
            .enumerate()
            .any(|(j, f)| j != i && f.id == *id);
        if id.is_empty() || taken {
            continue;
        }
        fields[i].id.clone_from(id);
        sections[fields[i].section].id.clone_from(id);
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
    let kind = if a.multiple.unwrap_or(false) {
        FieldKind::MultiChoice { options }
    } else {
        FieldKind::Choice {
            options,
            custom: None,
        }
    };
    Ok((kind, Value::Select(selection)))
}

fn checkboxes(a: &WireAttributes) -> Result<(FieldKind, Value), String> {
    let options: Vec<Opt> = a
        .options
        .iter()
        .flatten()
        .map(|o| match o {
            Json::Object(map) => Opt {
                required: map.get("required").and_then(Json::as_bool).unwrap_or(false),
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
    Ok((
        FieldKind::Checkboxes { options },
        Value::Select(Selection::empty(n)),
    ))
}

fn preamble(intro: String) -> Section {
    Section {
        id: String::new(),
        title: String::new(),
        level: 0,
        help: String::new(),
        text: intro,
        fields: Vec::new(),
        parent: None,
        line: 1,
    }
}

fn warning(line: usize, message: &str) -> Problem {
    Problem {
        line,
        col: 1,
        severity: Severity::Warning,
        message: message.to_owned(),
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
