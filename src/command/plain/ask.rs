//! Plain mode's rules, without IO: how each field kind is asked, how many lines its
//! answer takes, and how those lines become a value.

use crate::form::{Cells, Field, FieldKind, Form, Selection, Value};

/// How many lines an answer takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// One line.
    One,
    /// Lines up to one holding a single `.`.
    UntilDot,
    /// One line per editable cell, row by row.
    Cells(usize),
}

/// The line that ends a text area, code block or list.
pub const END: &str = ".";

/// How `field`'s answer is read.
pub fn lines_for(field: &Field) -> Lines {
    match &field.kind {
        FieldKind::TextArea | FieldKind::Code { .. } | FieldKind::List => Lines::UntilDot,
        FieldKind::Table(table) => Lines::Cells(table.rows().len() * table.width()),
        FieldKind::Text
        | FieldKind::Choice { .. }
        | FieldKind::MultiChoice { .. }
        | FieldKind::Checkboxes { .. } => Lines::One,
    }
}

/// What to type, after the label: a hint per kind.
pub fn hint(field: &Field) -> &'static str {
    match &field.kind {
        FieldKind::Text => "one line; empty keeps it as it is",
        FieldKind::TextArea | FieldKind::Code { .. } => {
            "lines, then a line holding a single `.`; `.` alone keeps it as it is"
        }
        FieldKind::List => "one item a line, then a line holding a single `.`",
        FieldKind::Choice {
            custom: Some(_), ..
        } => "an option's number or your own text; empty keeps it as it is",
        FieldKind::Choice { .. } => "an option's number; empty keeps it as it is",
        FieldKind::MultiChoice { .. } | FieldKind::Checkboxes { .. } => {
            "numbers separated by commas or spaces; empty keeps it as it is"
        }
        FieldKind::Table(_) => "one line per cell, row by row; empty keeps a cell",
    }
}

/// The prompt for field `i`: label (and `*` when required), the hint, help text and
/// numbered options. Ends with a newline.
pub fn prompt(form: &Form, i: usize) -> String {
    let field = &form.fields[i];
    let required = if field.required { " *" } else { "" };
    // A field named by its section's heading: the heading just above is its label (and
    // carries its `*`), so the words show once.
    // A code block's language, as the form shows it on the field's title row.
    let language = match &field.kind {
        FieldKind::Code { language } if language.is_empty() => "[code] ".to_owned(),
        FieldKind::Code { language } => format!("[{language}] "),
        _ => String::new(),
    };
    let mut lines = vec![if form.names_section(i) {
        format!("{language}({})", hint(field))
    } else if language.is_empty() {
        format!("{}{required} ({})", label(field), hint(field))
    } else {
        format!("{}{required}  {language}({})", label(field), hint(field))
    }];
    lines.extend(
        field
            .help
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!("  {}", l.trim())),
    );
    if !field.placeholder.trim().is_empty() {
        let example = one_line(&field.placeholder);
        // A placeholder that says it is an example already (`e.g., 30% faster`), or is
        // guidance rather than an example (`Describe the performance problem`).
        let said = ["e.g", "eg.", "eg:", "ex.", "ex:", "for example", "example"]
            .iter()
            .any(|p| example.to_lowercase().starts_with(p))
            || crate::template::is_instruction(&example);
        lines.push(if said {
            format!("  {example}")
        } else {
            format!("  e.g. {example}")
        });
    }
    if let FieldKind::Choice {
        custom: Some(c), ..
    } = &field.kind
        && !c.trim().is_empty()
    {
        lines.push(format!("  {}", c.trim()));
    }
    for (n, option) in field.kind.options().iter().enumerate() {
        let indent = "  ".repeat(option.depth);
        // A box that must be ticked is marked as a required field is, before any refusal.
        let required = if option.required { " *" } else { "" };
        lines.push(format!(
            "  {indent}{}) {}{required}",
            n + 1,
            option.display()
        ));
    }
    lines.join("\n") + "\n"
}

/// The most lines of a text shown as what a field holds now.
const SHOWN_LINES: usize = 12;

/// What field `field` holds now (`value`), when it holds something, for the line after
/// its prompt: `.` or an empty line keeps it, so the user sees what is kept. Ends with a
/// newline.
pub fn current(field: &Field, value: &Value) -> Option<String> {
    let text = match value {
        Value::Text(text) if text.trim().is_empty() => return None,
        Value::Text(text) if matches!(field.kind, FieldKind::Text) => {
            format!("  now: {}", one_line(text))
        }
        Value::Text(text) => {
            let lines: Vec<&str> = text.trim_end().lines().collect();
            let mut shown = vec!["  now:".to_owned()];
            shown.extend(lines.iter().take(SHOWN_LINES).map(|l| format!("  | {l}")));
            if lines.len() > SHOWN_LINES {
                let more = lines.len() - SHOWN_LINES;
                let words = crate::text::plural(more, "line", "lines");
                shown.push(format!("  | … {more} more {words}"));
            }
            shown.join("\n")
        }
        Value::List(items) if items.is_empty() => return None,
        Value::List(items) => format!("  now: {}", items.join("; ")),
        Value::Select(sel) => {
            let chosen: Vec<String> = (0..sel.checked.len())
                .filter(|&n| sel.checked[n])
                .map(|n| (n + 1).to_string())
                .collect();
            match (chosen.is_empty(), sel.custom.trim().is_empty()) {
                (true, true) => return None,
                (false, _) => format!("  now: {}", chosen.join(", ")),
                (true, false) => format!("  now: {}", one_line(&sel.custom)),
            }
        }
        Value::Table(_) => return None,
    };
    Some(text + "\n")
}

/// The prompt for one table cell: `row / column: `.
pub fn cell_prompt(field: &Field, cell: usize) -> String {
    let FieldKind::Table(table) = &field.kind else {
        return String::new();
    };
    let (columns, rows) = (table.columns(), table.rows());
    let per_row = columns.len().saturating_sub(1).max(1);
    let row = rows.get(cell / per_row).unwrap_or_default();
    let column = columns.get(cell % per_row + 1).unwrap_or_default();
    format!("  {} / {}: ", one_line(row), one_line(column))
}

/// The prompt for a chosen option's text: `  Other: `.
pub fn blank_prompt(option: &crate::form::Opt) -> String {
    let label = one_line(&option.label);
    let label = label.trim_end_matches(':');
    format!("  {label}: ")
}

/// A field's name in its prompt, as the form draws it: a required one without the
/// `(required)` its `*` says.
fn label(field: &Field) -> String {
    if field.label.trim().is_empty() {
        field.id.to_string()
    } else {
        one_line(&crate::form::unmarked(&field.label, field.required))
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The title from the typed line: empty keeps `current`; otherwise the template's
/// `prefix` (`[PERF] `) followed by the line, unless the line starts with it already.
pub fn title(prefix: &str, current: &str, line: &str) -> String {
    let line = line.trim();
    if line.is_empty() {
        return current.to_owned();
    }
    let bare = prefix.trim();
    if bare.is_empty() || line.starts_with(bare) {
        line.to_owned()
    } else if prefix.ends_with(char::is_whitespace) {
        format!("{prefix}{line}")
    } else {
        format!("{prefix} {line}")
    }
}

/// The value `lines` give `field`, which holds `current`. Nothing typed keeps `current`;
/// an answer that cannot be read is an error to show before asking again.
pub fn value(field: &Field, current: &Value, lines: &[String]) -> Result<Value, String> {
    let typed = lines.iter().any(|l| !l.trim().is_empty());
    match &field.kind {
        _ if !typed && !matches!(field.kind, FieldKind::Table(_)) => Ok(current.clone()),
        FieldKind::Text => Ok(Value::Text(lines.join(" ").trim().to_owned())),
        FieldKind::TextArea | FieldKind::Code { .. } => Ok(Value::Text(lines.join("\n"))),
        FieldKind::List => Ok(Value::List(
            lines
                .iter()
                .filter(|l| !l.trim().is_empty())
                .map(|l| l.trim().to_owned())
                .collect(),
        )),
        FieldKind::Choice { options, custom } => {
            let line = lines.join(" ");
            let line = line.trim();
            let mut sel = Selection::empty(options.len());
            match line.parse::<usize>() {
                Ok(n) if (1..=options.len()).contains(&n) => sel.checked[n - 1] = true,
                _ if custom.is_some() => line.clone_into(&mut sel.custom),
                _ => return Err(out_of_range(line, options.len())),
            }
            Ok(Value::Select(Box::new(sel)))
        }
        FieldKind::MultiChoice { options } | FieldKind::Checkboxes { options } => {
            let mut sel = Selection::empty(options.len());
            for word in lines.join(" ").split([',', ' ', '\t']) {
                if word.is_empty() {
                    continue;
                }
                match word.parse::<usize>() {
                    Ok(n) if (1..=options.len()).contains(&n) => sel.checked[n - 1] = true,
                    _ => return Err(out_of_range(word, options.len())),
                }
            }
            Ok(Value::Select(Box::new(sel)))
        }
        FieldKind::Table(_) => Ok(table(current, lines)),
    }
}

fn out_of_range(typed: &str, n: usize) -> String {
    format!("`{typed}` is not a number from 1 to {n}")
}

/// Cells row by row; an empty line keeps the cell.
fn table(current: &Value, lines: &[String]) -> Value {
    let Value::Table(rows) = current else {
        return current.clone();
    };
    let mut rows = rows.clone();
    let mut typed = lines.iter();
    for cell in rows.iter_mut().flatten() {
        match typed.next() {
            Some(line) if !line.trim().is_empty() => line.trim().clone_into(cell),
            Some(_) => {}
            None => break,
        }
    }
    Value::Table(rows)
}

/// The value a field has when it is given up on: empty, whatever its default.
pub fn empty(field: &Field, current: &Value) -> Value {
    match current {
        Value::Text(_) => Value::Text(String::new()),
        Value::Select(_) => Selection::none(field.kind.options().len()),
        Value::List(_) => Value::List(Vec::new()),
        Value::Table(cells) => Value::Table(Cells::empty(cells.len(), cells.width())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::Opt;

    fn field(kind: FieldKind) -> Field {
        Field {
            id: "f".to_owned().into(),
            label: "F".to_owned().into(),
            kind,
            placeholder: String::new().into(),
            help: String::new().into(),
            default: Value::Text(String::new()),
            required: false,
            section: 0,
            line: 1,
        }
    }

    fn lines(text: &[&str]) -> Vec<String> {
        text.iter().map(|s| (*s).to_owned()).collect()
    }

    fn options(n: usize) -> Vec<Opt> {
        (1..=n).map(|i| Opt::new(format!("o{i}"))).collect()
    }

    /// A section's only field named by its heading is asked under the heading
    /// (`== Summary ==`) by its hint alone, not by the heading's words again, and so is
    /// the first of several fields named by it (`Steps`); a label of its own (`OS`)
    /// stays, as does the second field's.
    #[test]
    fn a_sections_only_field_named_by_its_heading_is_asked_without_repeating_it() {
        let text = "## Summary\n\n<!-- what happened -->\n\n## Environment\n\n- OS: \n\n## Steps\n\n1.\n\n- [ ] Done\n";
        let form = crate::template::parse("one.md", text.as_bytes())
            .unwrap()
            .form;
        let labels: Vec<&str> = form.fields.iter().map(|f| &*f.label).collect();
        assert_eq!(labels, ["Summary", "OS", "Steps", "Steps"]);
        let firsts: Vec<String> = (0..form.fields.len())
            .map(|i| prompt(&form, i).lines().next().unwrap().to_owned())
            .collect();
        assert_eq!(
            firsts,
            [
                "(lines, then a line holding a single `.`; `.` alone keeps it as it is)",
                "OS (one line; empty keeps it as it is)",
                "(one item a line, then a line holding a single `.`)",
                "Steps (numbers separated by commas or spaces; empty keeps it as it is)",
            ]
        );
        assert_eq!(
            (0..form.fields.len())
                .map(|i| form.label_is_title(i))
                .collect::<Vec<_>>(),
            [true, false, false, false]
        );
    }

    /// A code block's language shows on its prompt's first line, as the form shows it
    /// on the field's title row (`[code]` for a block without one), beside the label or,
    /// under a heading that names the field, before the hint.
    #[test]
    fn a_code_fields_prompt_says_its_language() {
        // Details' two blocks are named by their section (`Details`): the first by the
        // heading above it (as the form's title row), the second beside its language.
        let text = "## Logs\n\n```rust\n```\n\n## Details\n\nOutput:\n\n```\n```\n\nConfig:\n\n```toml\n```\n";
        let form = crate::template::parse("code.md", text.as_bytes())
            .unwrap()
            .form;
        let kinds: Vec<String> = form
            .fields
            .iter()
            .map(|f| format!("{} {:?}", f.label, f.kind))
            .collect();
        let firsts: Vec<String> = (0..form.fields.len())
            .map(|i| prompt(&form, i).lines().next().unwrap().to_owned())
            .collect();
        let hint = "(lines, then a line holding a single `.`; `.` alone keeps it as it is)";
        assert_eq!(
            firsts,
            [
                format!("[rust] {hint}"),
                format!("[code] {hint}"),
                format!("Details  [toml] {hint}"),
            ],
            "{kinds:?}"
        );
    }

    #[test]
    fn titles_keep_the_prefix() {
        assert_eq!(title("[PERF] ", "[PERF] ", ""), "[PERF] ");
        assert_eq!(title("[PERF] ", "[PERF] ", "slow"), "[PERF] slow");
        assert_eq!(title("[PERF] ", "[PERF] ", "[PERF] slow"), "[PERF] slow");
        assert_eq!(title("Bug:", "Bug:", "x"), "Bug: x");
        assert_eq!(title("", "kept", " new "), "new");
    }

    #[test]
    fn nothing_typed_keeps_the_value() {
        let current = Value::Text("default".to_owned());
        for kind in [FieldKind::Text, FieldKind::TextArea, FieldKind::List] {
            assert_eq!(value(&field(kind), &current, &[]).unwrap(), current);
        }
        let f = field(FieldKind::Text);
        assert_eq!(
            value(&f, &current, &lines(["  "].as_slice())).unwrap(),
            current
        );
    }

    #[test]
    fn choices_take_numbers_or_free_text() {
        let one = field(FieldKind::Choice {
            options: options(3),
            custom: None,
        });
        let Value::Select(sel) = value(&one, &Value::Text(String::new()), &lines(&["2"])).unwrap()
        else {
            panic!()
        };
        assert_eq!(sel.checked, [false, true, false]);
        assert_eq!(
            value(&one, &Value::Text(String::new()), &lines(&["4"])),
            Err("`4` is not a number from 1 to 3".to_owned())
        );
        let described = field(FieldKind::Choice {
            options: options(2),
            custom: Some("Or describe".into()),
        });
        let Value::Select(sel) =
            value(&described, &Value::Text(String::new()), &lines(&["my own"])).unwrap()
        else {
            panic!()
        };
        assert_eq!(
            (sel.checked, sel.custom.as_str()),
            (vec![false, false], "my own")
        );
        let boxes = field(FieldKind::Checkboxes {
            options: options(4),
        });
        let Value::Select(sel) =
            value(&boxes, &Value::Text(String::new()), &lines(&["1, 3 4"])).unwrap()
        else {
            panic!()
        };
        assert_eq!(sel.checked, [true, false, true, true]);
        assert!(value(&boxes, &Value::Text(String::new()), &lines(&["1,x"])).is_err());
    }

    #[test]
    fn tables_fill_row_by_row_and_keep_empty_cells() {
        let f = field(FieldKind::table(
            ["Metric", "Before", "After"],
            ["p95", "RSS"],
            Vec::new(),
        ));
        assert_eq!(lines_for(&f), Lines::Cells(4));
        let current = Value::Table(Cells::from(vec![
            vec!["a".into(), "b".into()],
            vec![String::new(); 2],
        ]));
        let got = value(&f, &current, &lines(&["", "2", "3"])).unwrap();
        assert_eq!(
            got,
            Value::Table(Cells::from(vec![
                vec!["a".into(), "2".into()],
                vec!["3".into(), String::new()]
            ]))
        );
        assert_eq!(cell_prompt(&f, 3), "  RSS / After: ");
    }

    #[test]
    fn areas_and_lists_take_their_lines() {
        let area = field(FieldKind::TextArea);
        let got = value(&area, &Value::Text(String::new()), &lines(&["a", "", "b"]));
        assert_eq!(got, Ok(Value::Text("a\n\nb".to_owned())));
        let list = field(FieldKind::List);
        let got = value(&list, &Value::List(Vec::new()), &lines(&["x", "", " y "]));
        assert_eq!(got, Ok(Value::List(vec!["x".into(), "y".into()])));
    }

    /// A long answer shows its first lines, then how many more: `1 more line`, `2 more
    /// lines`.
    #[test]
    fn the_lines_left_out_of_a_long_answer_are_counted() {
        let area = field(FieldKind::TextArea);
        let text = |n: usize| (1..=n).fold(String::new(), |s, i| s + &format!("l{i}\n"));
        let last = |n| current(&area, &Value::Text(text(n))).unwrap_or_default();
        assert!(
            last(13).ends_with("\n  | l12\n  | … 1 more line\n"),
            "{}",
            last(13)
        );
        assert!(
            last(14).ends_with("\n  | l12\n  | … 2 more lines\n"),
            "{}",
            last(14)
        );
        assert!(last(12).ends_with("\n  | l11\n  | l12\n"), "{}", last(12));
    }
}
