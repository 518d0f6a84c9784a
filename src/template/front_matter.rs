//! The YAML front matter of a markdown template: `name`, `about`, `title`, `labels`,
//! `assignees`, `projects`, `type`; other keys are accepted and ignored.

use serde_json::Value;

use super::{Problem, Severity};
use crate::error::LocatedError;
use crate::form::Meta;
use crate::text::{sanitize, split_list};

/// Front matter split off a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the delimiters, if there was front matter.
    pub yaml: Option<&'a str>,
    /// 1-based line of the first YAML line.
    pub yaml_line: usize,
    /// The markdown after the front matter.
    pub body: &'a str,
    /// 1-based line where the body starts.
    pub body_line: usize,
}

/// Splits `---` front matter off `text` (already LF-normalized).
pub fn split<'a>(text: &'a str, file: &str) -> Result<Split<'a>, LocatedError> {
    let no_front_matter = Split {
        yaml: None,
        yaml_line: 1,
        body: text,
        body_line: 1,
    };
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Ok(no_front_matter);
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut offset = yaml_start;
    for (line, raw) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        let trimmed = raw.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Ok(Split {
                yaml: Some(&text[yaml_start..offset]),
                yaml_line: 2,
                body: &text[offset + raw.len()..],
                body_line: line + 1,
            });
        }
        offset += raw.len();
    }
    Err(LocatedError::new(
        file,
        1,
        1,
        "front matter opened with `---` is never closed by a `---` line",
    ))
}

/// Reads the front matter YAML into [`Meta`]; `stem` is the name when none is given.
/// HTML comment lines, which some templates put in front matter, are skipped with a
/// warning when the YAML would not read otherwise.
pub fn parse(
    yaml: &str,
    first_line: usize,
    file: &str,
    stem: &str,
    problems: &mut Vec<Problem>,
    budget: &crate::yaml::Budget,
) -> Result<Meta, LocatedError> {
    let (value, read) = read_yaml(yaml, first_line, file, problems, budget)?;
    let map = match value {
        Value::Null => serde_json::Map::new(),
        Value::Object(map) => map,
        _ => {
            return Err(LocatedError::new(
                file,
                first_line,
                1,
                "front matter must be a mapping of keys like `name:` and `labels:`",
            ));
        }
    };
    if misshapen(|k| map.get(k), &TEXT_KEYS, &LIST_KEYS) {
        return Err(shape_errors(&read, first_line, file, &TEXT_KEYS));
    }
    note_missing_meta(&map, first_line, problems);
    note_numbers(&map, yaml, first_line, problems);
    note_escapes(&map, yaml, first_line, problems);
    let text = |key: &str| -> String {
        match map.get(key) {
            Some(Value::String(s)) => sanitize::one_line(s).trim().to_owned(),
            Some(v @ (Value::Number(_) | Value::Bool(_))) => v.to_string(),
            // Lists and mappings were refused above.
            _ => String::new(),
        }
    };
    let list = |key: &str| -> Vec<String> {
        match map.get(key) {
            Some(Value::String(s)) => split_list(s),
            // GitHub carries a markdown template's list to the new issue joined with
            // commas and splits it there: an item with a comma is two (`['x, y']` is x
            // and y), and a quote is part of the name.
            Some(Value::Array(items)) => items
                .iter()
                .flat_map(|item| match item {
                    Value::String(s) => split_list(s),
                    other => vec![other.to_string()],
                })
                .collect(),
            Some(v @ (Value::Number(_) | Value::Bool(_))) => vec![v.to_string()],
            _ => Vec::new(),
        }
    };
    let (labels, assignees) = (list("labels"), list("assignees"));
    let name = text("name");
    // The title keeps its trailing space: `[PERF] ` is a prefix to type after.
    let title = match map.get("title") {
        Some(Value::String(s)) => sanitize::one_line(s).trim_start().to_owned(),
        _ => text("title"),
    };
    Ok(Meta {
        name: if name.is_empty() {
            stem.to_owned()
        } else {
            name
        },
        about: text("about"),
        title,
        labels,
        assignees,
        projects: list("projects"),
        issue_type: text("type"),
    })
}

/// Labels and assignees of `meta` (read from front matter `yaml`) that `check` warns of
/// ([`super::lint::name_problem`]; with `gitlab`, assignees are GitLab usernames), each at
/// the item's own line and column. The YAML is read again, with places, only when one
/// is found; where it does not read so, at its key's line.
pub fn note_names(
    yaml: &str,
    first_line: usize,
    meta: &Meta,
    gitlab: bool,
    problems: &mut Vec<Problem>,
) {
    let keys = [("labels", &meta.labels), ("assignees", &meta.assignees)];
    let found = keys.iter().any(|(key, names)| {
        names
            .iter()
            .any(|n| super::lint::name_problem(key, n, gitlab).is_some())
    });
    if !found {
        return;
    }
    let located = super::lint::front_matter_names(yaml, gitlab);
    if !located.is_empty() {
        problems.extend(in_file(located, first_line));
        return;
    }
    for (key, names) in keys {
        // Found once for all its names, not once a name.
        let line = std::cell::OnceCell::new();
        for name in names {
            if let Some(message) = super::lint::name_problem(key, name, gitlab) {
                problems.push(Problem {
                    line: *line.get_or_init(|| key_line(yaml, first_line, key)),
                    col: 1,
                    severity: Severity::Warning,
                    message,
                });
            }
        }
    }
}

/// GitHub's chooser lists a markdown template only with a `name` and an `about`.
fn note_missing_meta(
    map: &serde_json::Map<String, Value>,
    first_line: usize,
    problems: &mut Vec<Problem>,
) {
    let given = |key: &str| {
        map.get(key)
            .is_some_and(|v| !v.is_null() && v.as_str().is_none_or(|s| !s.trim().is_empty()))
    };
    if let Some(message) = super::lint::markdown_meta(given("name"), given("about")) {
        problems.push(Problem {
            line: first_line.saturating_sub(1).max(1),
            col: 1,
            severity: Severity::Warning,
            message: message.to_owned(),
        });
    }
}

/// The text and list keys of front matter.
const META_KEYS: [&str; 7] = [
    "name",
    "about",
    "title",
    "type",
    "labels",
    "assignees",
    "projects",
];

/// A number where text is meant that reads otherwise than written (`title: 1.10` is
/// 1.1) is a warning at its place, as in issue forms. The YAML is read again, with
/// places, only when such a key holds a number.
fn note_numbers(
    map: &serde_json::Map<String, Value>,
    yaml: &str,
    first_line: usize,
    problems: &mut Vec<Problem>,
) {
    let number = |v: &Value| match v {
        Value::Number(_) => true,
        Value::Array(items) => items.iter().any(Value::is_number),
        _ => false,
    };
    if !META_KEYS.iter().any(|k| map.get(*k).is_some_and(number)) {
        return;
    }
    problems.extend(in_file(
        super::lint::front_matter_numbers(yaml, &META_KEYS),
        first_line,
    ));
}

/// The linter's `found` (lines counted in the front matter's YAML, from 1) at the file's
/// lines, the YAML starting at `first_line`.
fn in_file(found: Vec<Problem>, first_line: usize) -> impl Iterator<Item = Problem> {
    found.into_iter().map(move |p| Problem {
        line: first_line + p.line - 1,
        ..p
    })
}

/// The removals `normalize` reported in the front matter of `original` (the file as
/// written, before it was cleaned) said as [`note_escapes`] says YAML escapes: each value
/// holding raw escape sequences or control characters named, escaped, at its place
/// (`title: "raw<ESC>[31mred"` is `` `title` `raw\e[31mred` holds an escape sequence;
/// it is removed ``). A removal in front matter that no value covers (a comment, another
/// key) keeps its own words. Nothing changes when no removal is in front matter.
pub fn note_raw_escapes(original: &str, problems: &mut Vec<Problem>) {
    let removal =
        |p: &Problem| p.message.ends_with(RAW_REMOVED) && !super::lint::is_removal(&p.message);
    if !problems.iter().any(removal) {
        return;
    }
    // Line ends as `normalize` counts them: a lone CR ends a line too.
    let original = original.strip_prefix('\u{feff}').unwrap_or(original);
    let lf;
    let original = if original.contains('\r') {
        lf = original.replace("\r\n", "\n").replace('\r', "\n");
        lf.as_str()
    } else {
        original
    };
    let Ok(split) = split(original, "") else {
        return;
    };
    let Some(yaml) = split.yaml else {
        return;
    };
    let lines = split.yaml_line..split.body_line - 1;
    if !problems
        .iter()
        .any(|p| removal(p) && lines.contains(&p.line))
    {
        return;
    }
    let found: Vec<Problem> = in_file(
        super::lint::front_matter_raw_escapes(yaml, &META_KEYS),
        split.yaml_line,
    )
    .collect();
    if found.is_empty() {
        return;
    }
    // A value's own words replace the bare removals on its lines (a value may go on
    // over the lines before the next one found).
    let covered = |line: usize| {
        found.iter().enumerate().any(|(i, f)| {
            let until = found.get(i + 1).map_or(lines.end, |next| next.line);
            (f.line..until.max(f.line + 1)).contains(&line)
        })
    };
    problems.retain(|p| !(removal(p) && lines.contains(&p.line) && covered(p.line)));
    // A value holding both raw characters and YAML escapes was named by the cleaned
    // read too: once is enough, with what the file holds.
    problems.retain(|p| {
        !found
            .iter()
            .any(|f| f.line == p.line && f.col == p.col && super::lint::is_removal(&p.message))
    });
    problems.extend(found);
}

/// How the bare removals `template::parse` reports end (`escape sequence removed`).
pub const RAW_REMOVED: &str = " removed";

/// Control characters written as YAML escapes (`title: "a\u0007b"`) are removed when
/// read (they must reach neither the terminal nor gh): a warning at each value says so.
/// The YAML is read again, with places, only when a key's text holds one.
fn note_escapes(
    map: &serde_json::Map<String, Value>,
    yaml: &str,
    first_line: usize,
    problems: &mut Vec<Problem>,
) {
    // As `sanitize::normalize` reports: a carriage return becomes a line end.
    let unsafe_text = |s: &str| {
        s.chars()
            .any(|c| crate::text::is_hazard(c) && !matches!(c, '\n' | '\t' | '\r'))
    };
    let holds = |v: &Value| match v {
        Value::String(s) => unsafe_text(s),
        Value::Array(items) => items.iter().any(|i| i.as_str().is_some_and(unsafe_text)),
        _ => false,
    };
    if !META_KEYS.iter().any(|k| map.get(*k).is_some_and(holds)) {
        return;
    }
    problems.extend(in_file(
        super::lint::front_matter_escapes(yaml, &META_KEYS),
        first_line,
    ));
}

/// The keys of front matter that hold text, and those that hold a list (or text with
/// commas).
pub(super) const TEXT_KEYS: [&str; 4] = ["name", "about", "title", "type"];
pub(super) const LIST_KEYS: [&str; 3] = ["labels", "assignees", "projects"];

/// Whether one of `text_keys` holds a list or mapping, or one of `list_keys` a mapping
/// or an item that is no text (GitHub refuses such a template); `get` reads a key.
pub(super) fn misshapen<'v>(
    get: impl Fn(&str) -> Option<&'v Value>,
    text_keys: &[&str],
    list_keys: &[&str],
) -> bool {
    let text_bad = text_keys
        .iter()
        .any(|k| matches!(get(k), Some(Value::Array(_) | Value::Object(_))));
    text_bad
        || list_keys.iter().any(|k| match get(k) {
            Some(Value::Object(_)) => true,
            Some(Value::Array(items)) => items
                .iter()
                .any(|i| matches!(i, Value::Null | Value::Array(_) | Value::Object(_))),
            _ => false,
        })
}

/// Every value of the wrong shape in front matter `yaml` (read again, with places),
/// each at its place: all of them at once, so one run shows what to mend.
/// (`text_keys` are those of the kind of template read.)
pub(super) fn shape_errors(
    yaml: &str,
    first_line: usize,
    file: &str,
    text_keys: &[&str],
) -> LocatedError {
    let located = super::lint::meta_shapes(yaml, text_keys, &LIST_KEYS)
        .into_iter()
        .map(|p| LocatedError::new(file, first_line + p.line - 1, p.col, p.message))
        .collect();
    LocatedError::all(located).unwrap_or_else(|| {
        LocatedError::new(
            file,
            first_line,
            1,
            "a list or mapping is where text is meant",
        )
    })
}

/// The line where `key:` is written (the first line when it is not found).
fn key_line(yaml: &str, first_line: usize, key: &str) -> usize {
    let line = yaml
        .lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .unwrap_or(0);
    first_line + line
}

/// The front matter's YAML, and the text read; HTML comment lines in it are skipped
/// with a warning when the YAML would not read otherwise.
fn read_yaml<'y>(
    yaml: &'y str,
    first_line: usize,
    file: &str,
    problems: &mut Vec<Problem>,
    budget: &crate::yaml::Budget,
) -> Result<(Value, std::borrow::Cow<'y, str>), LocatedError> {
    let value = match crate::yaml::from_str_within(yaml, file, first_line, budget) {
        Ok(value) => (value, yaml.into()),
        Err(err) => {
            let comment_lines: Vec<usize> = yaml
                .lines()
                .enumerate()
                .filter(|(_, l)| l.trim_start().starts_with("<!--"))
                .map(|(i, _)| i)
                .collect();
            if comment_lines.is_empty() {
                return Err(err);
            }
            let without: String = yaml
                .lines()
                .map(|l| {
                    if l.trim_start().starts_with("<!--") {
                        "\n".to_owned()
                    } else {
                        format!("{l}\n")
                    }
                })
                .collect();
            let value = crate::yaml::from_str_within(&without, file, first_line, budget)
                .map_err(|_| err)?;
            problems.extend(comment_lines.into_iter().map(|i| Problem {
                line: first_line + i,
                col: 1,
                severity: Severity::Warning,
                message: "an HTML comment in front matter is not YAML; it was skipped".to_owned(),
            }));
            (value, without.into())
        }
    };
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const B: crate::yaml::Budget = crate::yaml::Budget {
        nodes: 200_000,
        aliases: 1_000,
        depth: 64,
    };

    #[test]
    fn splits_front_matter_and_counts_lines() {
        let s = split("---\nname: x\n---\n\nbody\n", "f").unwrap();
        assert_eq!(s.yaml, Some("name: x\n"));
        assert_eq!(s.body, "\nbody\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let s = split("# Title\n---\n", "f").unwrap();
        assert_eq!(s.yaml, None);
        assert_eq!(s.body, "# Title\n---\n");
    }

    #[test]
    fn trailing_spaces_on_delimiters_are_fine() {
        let s = split("--- \nname: x\n---  \nb", "f").unwrap();
        assert_eq!(s.yaml, Some("name: x\n"));
        assert_eq!(s.body, "b");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let err = split("---\nname: x\n", "t.md").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.contains("never closed"));
    }

    #[test]
    fn labels_as_string_or_list_and_empty_means_none() {
        let m = parse(
            "name: P\nlabels: 'a, b,, c'\nassignees: ''\nprojects: [\"o/1\"]\ntype: Bug\nbody: [1]\n",
            2,
            "f",
            "stem",
            &mut Vec::new(),
            &B,
        )
        .unwrap();
        assert_eq!(m.labels, ["a", "b", "c"]);
        assert!(m.assignees.is_empty());
        assert_eq!(m.projects, ["o/1"]);
        assert_eq!(m.issue_type, "Bug");
        let m = parse("labels: [x, '', 3]\n", 2, "f", "stem", &mut Vec::new(), &B).unwrap();
        assert_eq!(m.labels, ["x", "3"]);
        assert_eq!(m.name, "stem");
    }

    /// Control characters written as YAML escapes are still removed (they must reach
    /// neither the terminal nor gh), and each value holding one is warned about where it
    /// is written, with what goes (before: removed without a word).
    #[test]
    fn control_characters_written_as_yaml_escapes_are_removed_with_a_warning() {
        let mut problems = Vec::new();
        let yaml = "name: B\nabout: b\ntitle: \"a\\u0007b\"\nlabels: [\"x\\u001b[31m\", ok]\nassignees: \"\\u202Eme\\u0007\\u0001\"\ntype: Bug\n";
        let m = parse(yaml, 2, "t.md", "s", &mut problems, &B).unwrap();
        assert_eq!(m.title, "ab");
        assert_eq!(m.labels, ["x", "ok"]);
        assert_eq!(m.assignees, ["me"]);
        let said: Vec<String> = problems
            .iter()
            .map(|p| format!("{}:{}: {}: {}", p.line, p.col, p.severity, p.message))
            .collect();
        assert_eq!(
            said,
            [
                "4:8: warning: `title` `a\\x07b` holds a control character; it is removed",
                "5:10: warning: `labels` `x\\e[31m` holds an escape sequence; it is removed",
                "6:12: warning: `assignees` `\\u{202e}me\\x07\\x01` holds a bidirectional control character and a control character; they are removed",
            ]
        );
        // Nothing to say about plain text, tabs and line ends.
        let mut problems = Vec::new();
        parse(
            "name: B\nabout: \"a\\tb\\nc\"\n",
            2,
            "t.md",
            "s",
            &mut problems,
            &B,
        )
        .unwrap();
        assert_eq!(problems, []);
    }

    /// `title: 1.10` is the number 1.1: the issue would not say what was written. As
    /// for issue forms' values, a warning at the value (before: none).
    #[test]
    fn numbers_that_read_otherwise_than_written_are_warned_about_where_written() {
        let mut problems = Vec::new();
        let m = parse(
            "name: B\nabout: b\ntitle: 1.10\nlabels: [1.10, bug, 0x1F]\nassignees: 7\n",
            2,
            "t.md",
            "s",
            &mut problems,
            &B,
        )
        .unwrap();
        assert_eq!(m.title, "1.1");
        assert_eq!(m.labels, ["1.1", "bug", "31"]);
        let said: Vec<String> = problems
            .iter()
            .map(|p| format!("{}:{}: {}: {}", p.line, p.col, p.severity, p.message))
            .collect();
        assert_eq!(
            said,
            [
                "4:8: warning: `title` `1.10` is read as the number 1.1; quote it to keep it as written",
                "5:10: warning: `labels` `1.10` is read as the number 1.1; quote it to keep it as written",
                "5:21: warning: `labels` `0x1F` is read as the number 31; quote it to keep it as written",
            ]
        );
    }

    #[test]
    fn comment_lines_in_front_matter_are_skipped_with_a_warning() {
        let mut problems = Vec::new();
        let m = parse(
            "name: B\nabout: b\nlabels: Bug\n<!-- a note -->\n",
            2,
            "t.md",
            "s",
            &mut problems,
            &B,
        )
        .unwrap();
        assert_eq!(m.labels, ["Bug"]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 5);
    }

    /// Every value of the wrong shape at once, each at its value (before: the first
    /// alone, at its key's line, column 1); the others read fine and say nothing.
    #[test]
    fn every_value_of_the_wrong_shape_is_named_at_once_at_its_place() {
        let refused = |yaml: &str| parse(yaml, 2, "t.md", "s", &mut Vec::new(), &B).unwrap_err();
        let err = refused(
            "name: [N]\nabout: fine\ntitle: {a: 1}\nlabels: [a, [b], ~]\nassignees: {x: 1}\n\
             projects: [o/1]\ntype: [Bug]\n",
        );
        assert_eq!(
            err.to_string(),
            "t.md:2:7: `name` must be text, not a list\n\
             t.md:4:8: `title` must be text, not a mapping\n\
             t.md:5:13: each item of `labels` must be text, not a list\n\
             t.md:5:18: each item of `labels` must be text, not nothing (null)\n\
             t.md:6:12: `assignees` must be a comma-separated string or a list, not a mapping\n\
             t.md:8:7: `type` must be text, not a list"
        );
        assert_eq!(err.more.len(), 5);
        assert_eq!(
            err.summary(),
            "t.md:2:7: `name` must be text, not a list (and 5 more problems)"
        );
        // With HTML comment lines skipped, the places are still those of the file.
        assert_eq!(
            refused("<!-- x -->\nname: N\ntitle: [x]\n").to_string(),
            "t.md:4:8: `title` must be text, not a list"
        );
    }

    #[test]
    fn wrong_types_name_the_key_line() {
        let err = parse(
            "name: x\nlabels: {a: 1}\n",
            2,
            "t.md",
            "s",
            &mut Vec::new(),
            &B,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.md:3:9: `labels` must be a comma-separated string or a list, not a mapping"
        );
        let err = parse("- a\n", 2, "t.md", "s", &mut Vec::new(), &B).unwrap_err();
        assert_eq!(err.line, 2);
    }
}
