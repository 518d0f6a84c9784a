//! `issue-composer list`: the chooser's lines as a table or as JSON objects with the
//! same keys (name, stem, about, source, path, url, shadows, error).

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use serde_json::{Value as Json, json};

use crate::discover::{self, BLANK, Catalog, Choice, Entry, Source};
use crate::text::escape_line;

pub fn list_cmd(json: bool) -> Result<ExitCode> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let catalog = discover::catalog(&cwd);
    for problem in &catalog.chooser.problems {
        eprintln!("issue-composer: warning: {}", escape_line(problem));
    }
    let misspelled = catalog
        .root
        .as_deref()
        .map(discover::layout::misspelled_forge_folders)
        .unwrap_or_default();
    for (folder, spelling) in misspelled {
        let warning = format!(
            "{}: {}",
            folder.display(),
            discover::layout::misspelled_message(spelling)
        );
        eprintln!("issue-composer: warning: {}", escape_line(&warning));
    }
    for entry in &catalog.entries {
        if let Some(warning) = &entry.warning {
            eprintln!("issue-composer: warning: {}", escape_line(warning));
        }
    }
    let out = if json {
        let mut text = serde_json::to_string_pretty(&to_json(&catalog))?;
        text.push('\n');
        text
    } else {
        to_text(&catalog)
    };
    std::io::stdout().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// Every line of the chooser as an object; all objects have the same keys.
pub fn to_json(catalog: &Catalog) -> Json {
    let lines: Vec<Json> = catalog
        .choices()
        .iter()
        .map(|choice| match choice {
            Choice::Template(entry) => template_json(entry),
            // A refused link is never shown as one: no `url`, the reason as `error`.
            Choice::Link(link) => json!({
                "name": link.name,
                "stem": null,
                "about": link.about,
                "source": "link",
                "path": catalog.chooser_file.as_ref().map(|p| p.display().to_string()),
                "url": link.refused.is_none().then_some(&link.url),
                "shadows": [],
                "error": link.refused,
            }),
            Choice::Blank => json!({
                "name": blank_meta().0,
                "stem": BLANK.stem,
                "about": blank_meta().1,
                "source": "built-in",
                "path": Source::Builtin(BLANK).display(),
                "url": null,
                "shadows": [],
                "error": null,
            }),
        })
        .collect();
    Json::Array(lines)
}

fn template_json(entry: &Entry) -> Json {
    let shadows: Vec<Json> = entry
        .shadows
        .iter()
        .map(|s| {
            json!({
                "name": s.name,
                "source": s.origin.as_str(),
                "path": s.source.display(),
            })
        })
        .collect();
    json!({
        "name": entry.name,
        "stem": entry.stem,
        "about": entry.about,
        "source": entry.origin.as_str(),
        "path": entry.source.display(),
        "url": null,
        "shadows": shadows,
        "error": entry.error,
    })
}

/// One line per choice: source, name, path (repository files relative to the root) or
/// URL, about line, and what it shadows. Outside text is escaped.
pub fn to_text(catalog: &Catalog) -> String {
    let root = catalog.root.as_deref();
    let choices = catalog.choices();
    let rows: Vec<[String; 4]> = choices
        .iter()
        .map(|choice| match choice {
            Choice::Template(entry) => {
                let mut about = entry.said.clone().unwrap_or_else(|| entry.about.clone());
                if !entry.shadows.is_empty() {
                    let hidden: Vec<String> = entry
                        .shadows
                        .iter()
                        .map(|s| format!("{} {}", s.origin, shown_path(&s.source, root)))
                        .collect();
                    about = format!("{about} (shadows {})", hidden.join(", "));
                }
                let path = shown_path(&entry.source, root);
                let name = discover::shown_name(entry, &choices);
                [entry.origin.to_string(), name, path, about]
            }
            Choice::Link(link) => match &link.refused {
                Some(why) => [
                    "link".to_owned(),
                    link.name.clone(),
                    "(refused)".to_owned(),
                    why.clone(),
                ],
                None => [
                    "link".to_owned(),
                    link.name.clone(),
                    link.url.clone(),
                    link.about.clone(),
                ],
            },
            Choice::Blank => {
                let (name, about) = blank_meta();
                [
                    "built-in".to_owned(),
                    name,
                    Source::Builtin(BLANK).display(),
                    about,
                ]
            }
        })
        .map(|row| row.map(|cell| escape_line(&cell).into_owned()))
        .collect();
    table(&rows)
}

/// The blank issue's name and about line, from its template.
fn blank_meta() -> (String, String) {
    crate::template::parse(&Source::Builtin(BLANK).display(), BLANK.text.as_bytes()).map_or_else(
        |_| ("Blank issue".to_owned(), String::new()),
        |t| (t.form.meta.name, t.form.meta.about),
    )
}

fn shown_path(source: &Source, root: Option<&Path>) -> String {
    match (source, root) {
        (Source::File(path), Some(root)) => path
            .strip_prefix(root)
            .unwrap_or(path)
            .display()
            .to_string(),
        _ => source.display(),
    }
}

/// Columns padded to their widest cell (the last one is not padded).
fn table(rows: &[[String; 4]]) -> String {
    let width = |i: usize| {
        rows.iter()
            .map(|r| unicode_width::UnicodeWidthStr::width(r[i].as_str()))
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2)];
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (cell, w) in row.iter().zip(widths) {
            let pad = w - unicode_width::UnicodeWidthStr::width(cell.as_str());
            line.push_str(cell);
            line.push_str(&" ".repeat(pad + 2));
        }
        line.push_str(&row[3]);
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
