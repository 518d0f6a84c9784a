//! GitHub issue forms (`.yml`): `body` elements (markdown, input, textarea, dropdown,
//! checkboxes, upload) become one section and field each; markdown elements become help
//! text, or content of the issue where Gitea's `visible` says so. Gitea and Forgejo's
//! `validations.is_number` and `validations.regex` become field rules.
//!
//! Here: the file as written (the wire types) read into a form; `element` makes each
//! element's section and field, `flag` reads yes-or-no settings as GitHub does.

mod element;
mod flag;

pub(super) use self::flag::flag_word;
pub use self::flag::json_flag;

use serde::Deserialize;
use serde_json::Value as Json;
use serde_saphyr::Spanned;

use self::element::FormBuilder;
use self::flag::Flag;
use crate::error::LocatedError;
use crate::form::{Defaults, Field, FieldSpan, Form, Meta, Section};
use crate::template::layout::{FormPiece, Layout};
use crate::text::{sanitize, split_list};

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
        builder.element(element, file)?;
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
        required: crate::form::required_of(&fields),
        fields: fields.into(),
        rules,
        // GitHub pre-fills `value:` and submits it as written: an answer, not an example.
        defaults: Defaults::Answers,
        after,
    };
    Ok((form, Layout::Form(pieces)))
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
