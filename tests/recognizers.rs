//! Every recognizer rule of the markdown reader, and every answer rule, on small templates.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use issue_composer::form::{AnswersFile, FieldKind, Value};
use issue_composer::{Answers, Template, parse, render};

fn form(md: &str) -> Template {
    parse("t.md", md.as_bytes()).expect("template parses")
}

/// `(id, kind, label, placeholder)` of every field.
fn fields(t: &Template) -> Vec<(String, &'static str, String, String)> {
    t.form
        .fields
        .iter()
        .map(|f| {
            (
                f.id.to_string(),
                f.kind.name(),
                f.label.to_string(),
                f.placeholder.to_string(),
            )
        })
        .collect()
}

fn f(
    id: &str,
    kind: &'static str,
    label: &str,
    placeholder: &str,
) -> (String, &'static str, String, String) {
    (id.into(), kind, label.into(), placeholder.into())
}

fn rendered(t: &Template, yaml: &str) -> String {
    let mut answers = Answers::new(&t.form);
    AnswersFile::parse(yaml, "a.yaml")
        .expect("answers parse")
        .apply(&t.form, &mut answers)
        .expect("answers apply");
    render(t, &answers).body
}

#[test]
fn headings_make_nested_sections_and_text_before_is_a_preamble() {
    let t = form("Intro text.\n\n# Top\n\n## Child\n\nBody?\n\nSetext\n------\n\nMore\n");
    let s: Vec<(&str, u8, Option<usize>)> = t
        .form
        .sections
        .iter()
        .map(|s| (&*s.id, s.level, s.parent()))
        .collect();
    assert_eq!(
        s,
        [
            ("preamble", 0, None),
            ("top", 1, None),
            ("child", 2, Some(1)),
            ("setext", 2, Some(1))
        ]
    );
    assert_eq!(&*t.form.sections[0].text, "Intro text.");
}

#[test]
fn a_comment_only_section_is_a_text_area_with_the_comment_as_placeholder() {
    let t = form("## Problem\n\n<!-- Describe it -->\n\n## Next\n\n<!-- intro -->\n\n- **A:**\n");
    assert_eq!(
        fields(&t),
        [
            f("problem", "textarea", "Problem", "Describe it"),
            f("next/a", "text", "A", "")
        ]
    );
    assert_eq!(&*t.form.sections[1].help, "intro");
}

#[test]
fn a_comment_before_a_later_field_is_its_help() {
    let t = form("## S\n\nSome text.\n\n<!-- pick -->\n- [ ] a\n");
    let field = &t.form.fields[0];
    assert_eq!(&*field.help, "pick");
}

#[test]
fn checkbox_groups_keep_prechecked_state_and_blank_options() {
    let t = form("## Causes\n\n- [ ] Slow\n- [x] Leaks\n- [ ] Other: ___________\n");
    let field = &t.form.fields[0];
    let FieldKind::Checkboxes { options } = &field.kind else {
        panic!("expected checkboxes, got {:?}", field.kind)
    };
    let labels: Vec<String> = options
        .iter()
        .map(issue_composer::form::Opt::display)
        .collect();
    assert_eq!(labels, ["Slow", "Leaks", "Other: ___"]);
    let Value::Select(sel) = &field.default else {
        panic!()
    };
    assert_eq!(sel.checked, [false, true, false]);
    assert_eq!(
        rendered(&t, ""),
        "## Causes\n\n- [ ] Slow\n- [x] Leaks\n- [ ] Other:\n"
    );
    assert_eq!(
        rendered(&t, "fields: {causes: [slow, 'Other: custom arena']}"),
        "## Causes\n\n- [x] Slow\n- [ ] Leaks\n- [x] Other: custom arena\n"
    );
}

#[test]
fn priority_severity_urgency_make_a_single_choice_at_any_level() {
    for heading in ["## Priority", "### severity", "#### URGENCY"] {
        let t = form(&format!("{heading}\n\n- [ ] High\n- [ ] Low\n"));
        assert_eq!(t.form.fields[0].kind.name(), "choice", "{heading}");
    }
    let t = form("## Priority\n\n- [ ] High - Bad\n- [ ] Low - Fine\n");
    assert!(
        AnswersFile::parse("fields: {priority: [High, Low]}", "a")
            .unwrap()
            .apply(&t.form, &mut Answers::new(&t.form))
            .is_err()
    );
    assert_eq!(
        rendered(&t, "fields: {priority: high}"),
        "## Priority\n\n- [x] High - Bad\n- [ ] Low - Fine\n"
    );
}

#[test]
fn labelled_list_items_are_text_fields() {
    let t = form(
        "## M\n\n- **Response time:**\n- Tools used:\n- **OS**: <!-- ex: 14.0 -->\n- Browser [e.g. chrome]\n- Version: #.#.#\n",
    );
    assert_eq!(
        fields(&t),
        [
            f("m/response-time", "text", "Response time", ""),
            f("m/tools-used", "text", "Tools used", ""),
            f("m/os", "text", "OS", "ex: 14.0"),
            f("m/browser", "text", "Browser", "e.g. chrome"),
            f("m/version", "text", "Version", "#.#.#"),
        ]
    );
    assert_eq!(
        rendered(
            &t,
            "fields: {m/os: Linux, Browser: firefox, tools used: perf}"
        ),
        "## M\n\n- **Response time:**\n- Tools used: perf\n- **OS**: Linux\n- Browser firefox\n- Version:\n"
    );
}

#[test]
fn bracketed_choices_texts_and_choice_plus_text() {
    let t = form(
        "## O\n\n**Priority**: [P1-High / P2-Medium]\n**Impact**: [e.g., 30% faster]\n**Effort**: [Small / Large] - [X-Y hours]\n**Milestone**: [Milestone 3]\n",
    );
    assert_eq!(
        fields(&t),
        [
            f("o/priority", "choice", "Priority", ""),
            f("o/impact", "text", "Impact", "e.g., 30% faster"),
            f("o/effort", "choice", "Effort", ""),
            f("o/effort-2", "text", "Effort", "X-Y hours"),
            f("o/milestone", "text", "Milestone", "Milestone 3"),
        ]
    );
    let out = rendered(
        &t,
        "fields: {o/priority: P1, o/effort: large, o/effort-2: 4-6 hours}",
    );
    assert_eq!(
        out,
        "## O\n\n**Priority**: P1-High\n**Impact**:\n**Effort**: Large - 4-6 hours\n**Milestone**:\n"
    );
    let only_hours = rendered(&t, "fields: {o/effort-2: 3 hours}");
    assert!(only_hours.contains("**Effort**: 3 hours\n"), "{only_hours}");
}

#[test]
fn an_instruction_option_means_choose_or_describe() {
    let t = form("## U\n\n**UX Changes**: [None / Describe any user-visible changes]\n");
    let FieldKind::Choice { options, custom } = &t.form.fields[0].kind else {
        panic!()
    };
    assert_eq!(options.len(), 1);
    assert_eq!(custom.as_deref(), Some("Describe any user-visible changes"));
    assert_eq!(
        rendered(&t, "fields: {ux changes: none}"),
        "## U\n\n**UX Changes**: None\n"
    );
    assert_eq!(
        rendered(&t, "fields: {ux changes: New login screen}"),
        "## U\n\n**UX Changes**: New login screen\n"
    );
}

#[test]
fn bracketed_instruction_paragraph_is_a_text_area() {
    let t = form("## P\n\n[Description of the change]\n\n## Q\n\n[a link](http://x)\n");
    assert_eq!(
        fields(&t)[0],
        f("p", "textarea", "P", "Description of the change")
    );
    assert_eq!(
        t.form.fields.len(),
        2,
        "the link is text, so Q gets an answer area"
    );
    assert_eq!(
        rendered(&t, "fields: {p: We cache it.}"),
        "## P\n\nWe cache it.\n\n## Q\n\n[a link](http://x)\n"
    );
}

#[test]
fn code_blocks_are_code_fields_prefilled_with_their_content() {
    let t = form("## C\n\n```go\nfunc a() {}\n```\n\n## D\n\n````\n```\n````\n");
    let field = &t.form.fields[0];
    assert_eq!(
        field.kind,
        FieldKind::Code {
            language: "go".into()
        }
    );
    assert_eq!(field.default, Value::Text("func a() {}".into()));
    assert_eq!(
        rendered(&t, ""),
        "## C\n\n```go\nfunc a() {}\n```\n\n## D\n\n````\n```\n````\n"
    );
    assert_eq!(
        rendered(&t, "fields: {c: \"x := 1\\n```\"}"),
        "## C\n\n````go\nx := 1\n```\n````\n\n## D\n\n````\n```\n````\n"
    );
}

#[test]
fn tables_fix_header_and_row_labels_and_hint_placeholder_cells() {
    let t = form(
        "## T\n\n| Metric | Baseline | Target |\n|---|---|---|\n| Latency | X ms | 5 ms |\n| Memory | TBD | |\n",
    );
    let field = &t.form.fields[0];
    let FieldKind::Table(table) = &field.kind else {
        panic!()
    };
    let (columns, rows, hints) = (table.columns(), table.rows(), &table.hints);
    assert_eq!(
        columns.iter().collect::<Vec<_>>(),
        ["Metric", "Baseline", "Target"]
    );
    assert_eq!(rows.iter().collect::<Vec<_>>(), ["Latency", "Memory"]);
    assert_eq!(
        hints,
        &[
            vec!["X ms".to_string(), String::new()],
            vec!["TBD".into(), String::new()]
        ]
    );
    assert_eq!(
        field.default,
        Value::Table(
            vec![
                vec![String::new(), "5 ms".into()],
                vec![String::new(), String::new()]
            ]
            .into()
        )
    );
    assert_eq!(
        rendered(
            &t,
            "fields: {t: {latency: {baseline: 9 ms}, Memory: {Target: 2|3 MB}}}"
        ),
        "## T\n\n| Metric | Baseline | Target |\n|---|---|---|\n| Latency | 9 ms | 5 ms |\n| Memory | | 2\\|3 MB |\n"
    );
}

#[test]
fn placeholder_lists_are_editable_and_keep_the_item_shape() {
    let t = form(
        "## Files\n\n- [ ] `path/to/file1.go`\n- [ ] New: `path/to/newfile.go`\n\n## Components\n\n- `src/...`\n",
    );
    assert_eq!(
        fields(&t),
        [
            f(
                "files",
                "list",
                "Files",
                "path/to/file1.go\npath/to/newfile.go"
            ),
            f("components", "list", "Components", "src/..."),
        ]
    );
    assert_eq!(
        rendered(
            &t,
            "fields: {files: [a.go, 'new: b.go', '`c.go`'], components: [x.rs]}"
        ),
        "## Files\n\n- [ ] `a.go`\n- [ ] New: `b.go`\n- [ ] `c.go`\n\n## Components\n\n- `x.rs`\n"
    );
    assert_eq!(rendered(&t, ""), "## Files\n\n## Components\n");
}

#[test]
fn numbered_placeholder_steps_are_an_editable_list() {
    let t = form("### Steps\n1. Go to '...'\n2. Click on '....'\n3. See error\n");
    assert_eq!(t.form.fields[0].kind, FieldKind::List);
    assert_eq!(
        rendered(&t, "fields: {steps: [Open it, Click save]}"),
        "### Steps\n1. Open it\n2. Click save\n"
    );
}

#[test]
fn a_bold_label_line_labels_the_list_or_table_after_it() {
    let t = form(
        "## Proposed\n\n[Describe]\n\n**Go Techniques Used**:\n- [ ] Goroutines\n- [ ] Other: ___\n",
    );
    assert_eq!(
        fields(&t)
            .iter()
            .map(|x| (x.0.clone(), x.1))
            .collect::<Vec<_>>(),
        [
            ("proposed".to_string(), "textarea"),
            ("proposed/go-techniques-used".to_string(), "checkboxes")
        ]
    );
}

#[test]
fn bold_lines_alone_are_pseudo_headings() {
    let t = form(
        "**Describe the bug**\nA clear description.\n\n**To Reproduce**\n1. Go to '...'\n\n**Version**\n```\nout\n```\n",
    );
    let ids: Vec<&str> = t.form.sections.iter().map(|s| &*s.id).collect();
    assert_eq!(ids, ["describe-the-bug", "to-reproduce", "version"]);
    assert_eq!(
        fields(&t)
            .iter()
            .map(|x| (x.0.as_str(), x.1))
            .collect::<Vec<_>>(),
        [
            ("describe-the-bug", "textarea"),
            ("to-reproduce", "list"),
            ("version", "code")
        ]
    );
    assert_eq!(
        rendered(&t, "fields: {describe-the-bug: It crashes.}"),
        "**Describe the bug**\nIt crashes.\n\n**To Reproduce**\n\n**Version**\n```\nout\n```\n"
    );
}

#[test]
fn a_question_without_an_answer_place_gets_one() {
    let t = form(
        "### OS version you are using\n\n### Tools installed?\n\n- Xcode\n- Git\n\n### Parent\n\n#### Child\n",
    );
    assert_eq!(
        fields(&t)
            .iter()
            .map(|x| (x.0.as_str(), x.1))
            .collect::<Vec<_>>(),
        [
            ("os-version-you-are-using", "text"),
            ("tools-installed", "textarea"),
            ("child", "textarea")
        ]
    );
    assert_eq!(
        rendered(&t, "fields: {tools-installed: Only git}"),
        "### OS version you are using\n\n### Tools installed?\n\n- Xcode\n- Git\n\nOnly git\n\n### Parent\n\n#### Child\n"
    );
}

#[test]
fn anything_else_is_static_and_kept_as_written() {
    let md = "## Notes\n\n> quoted *text*\n\n---\n\n[ref]: http://example.com\n\n- [Go docs](http://go.dev)\n\n**Note:** be nice.\n";
    let t = form(md);
    assert_eq!(rendered(&t, ""), md);
}

#[test]
fn ids_slug_and_clashes_get_numbers() {
    let t = form("## Logs\n\n```\na\n```\n\n- [ ] x\n\n## Logs\n\n<!-- again -->\n");
    let ids: Vec<&str> = t.form.fields.iter().map(|f| &*f.id).collect();
    assert_eq!(ids, ["logs", "logs-2", "logs-2-2"]);
}

#[test]
fn front_matter_fields_and_defaults() {
    let t = form(
        "---\nname: N\nabout: A\ntitle: '[X] '\nlabels: 'a, b'\nassignees: [me]\nprojects: o/1\ntype: Bug\nextra: {kept: ignored}\n---\n## S\n",
    );
    let m = &t.form.meta;
    assert_eq!(
        (m.name.as_str(), m.about.as_str(), m.title.as_str()),
        ("N", "A", "[X] ")
    );
    assert_eq!(
        (m.labels.clone(), m.assignees.clone()),
        (vec!["a".into(), "b".into()], vec!["me".into()])
    );
    assert_eq!(
        (m.projects.clone(), m.issue_type.as_str()),
        (vec!["o/1".to_string()], "Bug")
    );
    let no_fm = parse("dir/my_template.md", b"## S\n").unwrap();
    assert_eq!(no_fm.form.meta.name, "my_template");
}

#[test]
fn crlf_bom_tabs_and_trailing_spaces_are_tolerated() {
    let t = form("\u{feff}---\r\nname: W\r\n---\r\n## A  \r\n\r\n- **X:**\t \r\n");
    assert_eq!(t.form.meta.name, "W");
    assert_eq!(fields(&t), [f("a/x", "text", "X", "")]);
    assert_eq!(rendered(&t, "fields: {a/x: 1}"), "## A  \n\n- **X:** 1\n");
}

#[test]
fn control_characters_never_reach_the_output() {
    let t = form("## A\u{1b}]0;pwned\u{7}\n\n- **X\u{1b}[2J:**\n");
    assert!(!t.problems.is_empty());
    let out = rendered(&t, "fields: {a/x: \"v\\e[31m\\u0007\"}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert_eq!(out, "## A\n\n- **X:** v\n");
}

#[test]
fn answers_match_ids_labels_and_prefixes_case_insensitively() {
    let t = form(
        "## Current Metrics\n\n- **Response time:**\n\n## Target\n\n- **Response time:**\n- **Memory:**\n",
    );
    let err = AnswersFile::parse("fields: {response time: 1}", "a")
        .unwrap()
        .apply(&t.form, &mut Answers::new(&t.form))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "a:1:10: `response time` matches several fields: current-metrics/response-time, target/response-time; use one of these ids"
    );
    let err = AnswersFile::parse("fields: {nope: 1}", "a")
        .unwrap()
        .apply(&t.form, &mut Answers::new(&t.form))
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("a:1:10: unknown field `nope`; fields: current-metrics/response-time,"),
        "{err}"
    );
    // Every key that does not fit is named at once (before: only the first), and what
    // fits is still applied.
    let mut answers = Answers::new(&t.form);
    let err = AnswersFile::parse("fields: {nope: 1, memory: 7, response time: 1}", "a")
        .unwrap()
        .apply(&t.form, &mut answers)
        .unwrap_err();
    let text = err.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(lines[0], "2 answers do not fit the form:");
    assert!(
        lines[1]
            .starts_with("  a:1:10: unknown field `nope`; fields: current-metrics/response-time,"),
        "{text}"
    );
    assert_eq!(
        lines[2],
        "  a:1:30: `response time` matches several fields: current-metrics/response-time, target/response-time; use one of these ids"
    );
    assert_eq!(answers.values[2], Value::Text("7".to_owned()));
    assert_eq!(
        rendered(&t, "fields: {memory: 7, Current Metrics/Response time: 6}"),
        "## Current Metrics\n\n- **Response time:** 6\n\n## Target\n\n- **Response time:**\n- **Memory:** 7\n"
    );
    // Two keys for one field: neither silently wins.
    let err = AnswersFile::parse(
        "fields: {CURRENT-METRICS/RESPONSE-TIME: 5, Current Metrics/Response time: 6}",
        "a",
    )
    .unwrap()
    .apply(&t.form, &mut Answers::new(&t.form))
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "a:1:44: `CURRENT-METRICS/RESPONSE-TIME` and `Current Metrics/Response time` both answer the field `current-metrics/response-time`; give one"
    );
}

#[test]
fn title_labels_and_assignees_come_from_front_matter_unless_answered() {
    let t = form("---\ntitle: '[P] '\nlabels: a\n---\n## S\n");
    let issue = render(&t, &Answers::new(&t.form));
    assert_eq!(
        (issue.title.as_str(), issue.labels.clone()),
        ("[P]", vec!["a".to_string()])
    );
    let mut answers = Answers::new(&t.form);
    AnswersFile::parse("title: New\nlabels: 'x, y'\nassignees: [me]\n", "a")
        .unwrap()
        .apply(&t.form, &mut answers)
        .unwrap();
    let issue = render(&t, &answers);
    assert_eq!(issue.title, "New");
    assert_eq!(issue.labels, ["x", "y"]);
    assert_eq!(issue.assignees, ["me"]);
}

#[test]
fn answers_written_back_read_the_same() {
    let t = parse("go.md", include_bytes!("../templates/go-performance.md")).unwrap();
    let yaml = "title: T\nfields:\n  optimization-opportunity/priority: P2\n  optimization-opportunity/estimated-effort-2: 3 h\n  user-impact/ux-changes: New flag\n  proposed-optimization/go-techniques-used: [Buffer pooling, 'Other: arenas']\n  files-affected: [a.go, 'New: b.go']\n  performance-targets: {Latency: {Target: 5 ms}}\n  code-example: x\n";
    let mut answers = Answers::new(&t.form);
    AnswersFile::parse(yaml, "a")
        .unwrap()
        .apply(&t.form, &mut answers)
        .unwrap();
    let written = AnswersFile::from_answers(&t.form, &answers)
        .to_yaml()
        .unwrap();
    let mut again = Answers::new(&t.form);
    AnswersFile::parse(&written, "draft.yaml")
        .unwrap()
        .apply(&t.form, &mut again)
        .unwrap();
    assert_eq!(again, answers, "{written}");
}

#[test]
fn issue_forms_map_onto_the_same_model() {
    let yml = "name: Bug\ndescription: d\nlabels: [bug]\nbody:\n  - type: markdown\n    attributes: {value: Thanks!}\n  - type: input\n    id: version\n    attributes: {label: Version, placeholder: '1.0'}\n    validations: {required: true}\n  - type: textarea\n    attributes: {label: Logs, render: shell}\n  - type: dropdown\n    id: os\n    attributes: {label: OS, options: [Linux, Mac], multiple: true}\n  - type: checkboxes\n    attributes:\n      label: Terms\n      options:\n        - label: I agree\n          required: true\n";
    let t = parse("bug.yml", yml.as_bytes()).unwrap();
    assert_eq!(
        fields(&t),
        [
            f("version", "text", "Version", "1.0"),
            f("logs", "code", "Logs", ""),
            f("os", "multichoice", "OS", ""),
            f("terms", "checkboxes", "Terms", ""),
        ]
    );
    assert_eq!(&*t.form.sections[0].text, "Thanks!");
    let mut answers = Answers::new(&t.form);
    assert_eq!(t.form.missing_required(&answers), [0, 3]);
    AnswersFile::parse(
        "fields: {version: 2.1, os: [linux, mac], terms: I agree}",
        "a",
    )
    .unwrap()
    .apply(&t.form, &mut answers)
    .unwrap();
    assert!(t.form.missing_required(&answers).is_empty());
    assert_eq!(
        render(&t, &answers).body,
        "### Version\n\n2.1\n\n### Logs\n\n```shell\n\n```\n\n### OS\n\nLinux, Mac\n\n### Terms\n\n- [x] I agree"
    );
}

#[test]
fn bad_templates_are_errors_with_file_line_and_column() {
    let err = parse("bad.md", b"ok\n\xff").unwrap_err();
    assert_eq!(err.to_string(), "bad.md:2:1: the file is not UTF-8 text");
    let err = parse("fm.md", b"---\nname: [x\n---\n").unwrap_err();
    assert_eq!((err.line, err.col), (2, 7));
    let big = vec![b'a'; issue_composer::template::MAX_SIZE + 1];
    assert!(
        parse("big.md", &big)
            .unwrap_err()
            .to_string()
            .contains("larger than 2 MiB, the limit for templates")
    );
    let err = parse(
        "form.yml",
        b"name: x\nbody:\n  - type: dropdown\n    attributes: {label: L}\n",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "form.yml:3:5: a dropdown needs `attributes.options`"
    );
}

#[test]
fn unicode_in_blanks_and_comments_never_breaks_offsets() {
    let t = form("## S\n\n- [ ] A\n- [ ] Other: ___ <!-- x -->漢漢漢\n");
    let FieldKind::Checkboxes { options } = &t.form.fields[0].kind else {
        panic!()
    };
    assert!(options[1].blank);
    for other in [
        "Other: \u{212a}\u{212a}",
        "other: İİİİİİİİ",
        "OTHER: İ",
        "Other: ẞ straße",
    ] {
        let out = rendered(&t, &format!("fields: {{s: ['{other}']}}"));
        let text = other.split_once(": ").unwrap().1;
        assert!(
            out.contains(&format!("- [x] Other: {text} 漢漢漢\n")),
            "{other}: {out}"
        );
    }
}

#[test]
fn code_answers_cannot_break_out_of_an_issue_form_fence() {
    let yml = "name: B\nbody:\n  - type: textarea\n    id: logs\n    attributes: {label: Logs, render: sh}\n";
    let t = parse("b.yml", yml.as_bytes()).unwrap();
    let out = rendered(&t, "fields: {logs: \"a\\n```\\n# not a heading\"}");
    assert_eq!(out, "### Logs\n\n````sh\na\n```\n# not a heading\n````");
}

#[test]
fn labels_and_assignees_lose_escape_sequences() {
    let t = form("## S\n");
    let mut answers = Answers::new(&t.form);
    AnswersFile::parse(
        "labels: [\"a\\e]0;pwned\\a\", b]\nassignees: \"me\\e[31m\"\n",
        "a",
    )
    .unwrap()
    .apply(&t.form, &mut answers)
    .unwrap();
    let issue = render(&t, &answers);
    assert_eq!(issue.labels, ["a", "b"]);
    assert_eq!(issue.assignees, ["me"]);
}

#[test]
fn options_under_an_instruction_to_pick_keep_what_was_chosen() {
    let t = form(
        "## Platform\n\nSelect one of the platforms below:\n\n- Desktop\n- Web\n- Other\n\n## Versions\n\n<!-- Please keep the line that best applies: -->\n- This is a crash\n- This changed between versions ___ and ___\n\n## Situation\n\nSelect all that apply:\n\n- slow\n- leaks\n",
    );
    let kinds: Vec<&str> = t.form.fields.iter().map(|f| f.kind.name()).collect();
    // The line that introduces options asks for nothing more: it is help, not output.
    assert_eq!(kinds, ["choice", "choice", "checkboxes"]);
    assert_eq!(
        &*t.form.sections[0].help,
        "Select one of the platforms below:"
    );
    assert_eq!(&*t.form.sections[2].help, "Select all that apply:");
    let out = rendered(
        &t,
        "fields: {platform: 'Other: Android', versions: 'This changed between versions … and …: 4.1, 4.2', situation: [slow, leaks]}",
    );
    assert_eq!(
        out,
        "## Platform\n\n- Other: Android\n\n## Versions\n\n- This changed between versions 4.1 and 4.2\n\n## Situation\n\n- slow\n- leaks\n"
    );
    // Nothing chosen: the options go, like lines to delete as appropriate.
    assert_eq!(
        rendered(&t, "fields: {platform: web}"),
        "## Platform\n\n- Web\n\n## Versions\n\n## Situation\n"
    );
}

#[test]
fn options_after_any_question_or_label_are_a_choice() {
    let t = form(
        "## D\n\nSome words first.\nDid it work before? [Yes / No]\n\nIs it a regression? Yes/No\n\n**Type**: *Bug* / *Feature*\n\n- Frequency: Always | Sometimes | Once\n",
    );
    let choices: Vec<(&str, Vec<&str>)> = t
        .form
        .fields
        .iter()
        .filter(|f| f.kind.name() == "choice")
        .map(|f| {
            let options = f.kind.options().iter().map(|o| o.label.as_str()).collect();
            (&*f.label, options)
        })
        .collect();
    assert_eq!(
        choices,
        [
            ("Did it work before?", vec!["Yes", "No"]),
            ("Is it a regression?", vec!["Yes", "No"]),
            ("Type", vec!["Bug", "Feature"]),
            ("Frequency", vec!["Always", "Sometimes", "Once"]),
        ]
    );
    let out = rendered(
        &t,
        "fields: {d/did-it-work-before: yes, d/type: feature, d/frequency: once}",
    );
    assert!(
        out.contains("Some words first.\nDid it work before? Yes\n"),
        "{out}"
    );
    assert!(out.contains("**Type**: Feature\n"), "{out}");
    assert!(out.contains("- Frequency: Once\n"), "{out}");
}

#[test]
fn headings_used_as_labels_lose_their_trailing_colon() {
    let md = "### Description:\n\n### Steps To Reproduce:\n";
    let t = form(md);
    let labels: Vec<&str> = t.form.fields.iter().map(|f| &*f.label).collect();
    assert_eq!(labels, ["Description", "Steps To Reproduce"]);
    assert_eq!(&*t.form.sections[0].title, "Description");
    // The heading as written stays in the issue.
    assert_eq!(rendered(&t, ""), md);
}

#[test]
fn a_filled_row_of_an_aligned_table_keeps_the_alignment() {
    let md = "## Numbers\n\n| Metric | Before | After  |\n| ------ | ------ | ------ |\n| Time   | X ms   | Y ms   |\n| Size   | 1 MB   |        |\n";
    let t = form(md);
    assert_eq!(
        rendered(&t, ""),
        "## Numbers\n\n| Metric | Before | After  |\n| ------ | ------ | ------ |\n| Time   |        |        |\n| Size   | 1 MB   |        |\n"
    );
    let out = rendered(
        &t,
        "fields: {numbers: {Time: {Before: 5 ms, After: 3 ms}, Size: {After: 2 MB}}}",
    );
    assert!(
        out.ends_with("| Time   | 5 ms   | 3 ms   |\n| Size   | 1 MB   | 2 MB   |\n"),
        "{out}"
    );
}
