//! Issue forms rendered the way GitHub writes them, byte for byte, in both formats; every
//! element kind and attribute; validation rules; `render` refusing incomplete answers.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

mod support;
use support::bin;

use issue_composer::form::{Selection, Value};
use issue_composer::render::{FormsFormat, Options, render_with};
use issue_composer::{Answers, Template, parse};

/// The worked example of the issue: input, textarea with `render`, an optional
/// multi-select dropdown, checkboxes.
const WORKED: &str = "name: Bug
description: File a bug
body:
  - type: input
    id: version
    attributes:
      label: Version
  - type: textarea
    id: logs
    attributes:
      label: Logs
      render: shell
  - type: dropdown
    id: os
    attributes:
      label: OS
      multiple: true
      options: [Linux, macOS, Windows]
  - type: checkboxes
    id: terms
    attributes:
      label: Terms
      options:
        - label: I agree
        - label: I searched
";

fn template(text: &str) -> Template {
    parse("form.yml", text.as_bytes()).unwrap()
}

fn body(t: &Template, answers: &Answers, forms: FormsFormat) -> String {
    render_with(t, answers, Options { forms }).body
}

fn select(n: usize, on: &[usize]) -> Value {
    let mut sel = Selection::empty(n);
    for &i in on {
        sel.checked[i] = true;
    }
    Value::Select(Box::new(sel))
}

#[test]
fn the_worked_example_is_byte_exact() {
    let t = template(WORKED);
    let mut answers = Answers::new(&t.form);
    answers.values[0] = Value::Text("1.2.3".into());
    answers.values[1] = Value::Text("panic: boom\n\n".into());
    answers.values[2] = select(3, &[0, 1]);
    answers.values[3] = select(2, &[0]);
    assert_eq!(
        body(&t, &answers, FormsFormat::Current),
        "### Version\n\n1.2.3\n\n### Logs\n\n```shell\npanic: boom\n```\n\n### OS\n\nLinux, macOS\n\n### Terms\n\n- [x] I agree\n- [ ] I searched"
    );
    assert_eq!(
        body(&t, &answers, FormsFormat::Legacy),
        "### Version\n\n1.2.3\n\n### Logs\n\n```shell\npanic: boom\n```\n\n### OS\n\nLinux, macOS\n\n### Terms\n\n- [X] I agree\n- [ ] I searched\n"
    );
}

#[test]
fn empty_answers_in_both_formats() {
    let t = template(WORKED);
    let answers = Answers::new(&t.form);
    assert_eq!(
        body(&t, &answers, FormsFormat::Current),
        "### Version\n\n_No response_\n\n### Logs\n\n```shell\n\n```\n\n### OS\n\n_No response_\n\n### Terms\n\n- [ ] I agree\n- [ ] I searched"
    );
    assert_eq!(
        body(&t, &answers, FormsFormat::Legacy),
        "### Version\n\n_No response_\n\n### Logs\n\n_No response_\n\n### OS\n\n_No response_\n\n### Terms\n\n- [ ] I agree\n- [ ] I searched\n"
    );
}

#[test]
fn dropdowns_single_optional_required_and_default() {
    let t = template(
        "name: D\ndescription: d\nbody:
  - type: dropdown
    attributes: {label: Optional, options: [a, b]}
  - type: dropdown
    attributes: {label: Required, options: [a, b]}
    validations: {required: true}
  - type: dropdown
    attributes: {label: Default, options: [a, b, c], default: 2}
",
    );
    let mut answers = Answers::new(&t.form);
    assert_eq!(
        body(&t, &answers, FormsFormat::Current),
        "### Optional\n\nNone\n\n### Required\n\n_No response_\n\n### Default\n\nc"
    );
    answers.values[0] = select(2, &[1]);
    answers.values[1] = select(2, &[0]);
    assert_eq!(
        body(&t, &answers, FormsFormat::Current),
        "### Optional\n\nb\n\n### Required\n\na\n\n### Default\n\nc"
    );
}

/// GitHub's YAML reader takes YAML 1.1's `yes`, `on`, `no` and `off` (any case) as
/// booleans, so a form that writes `required: yes` works there and here (before: the
/// whole form was refused with "invalid boolean (strict mode expects true/false)").
/// Another word is refused in the product's words, where it is written.
#[test]
fn yaml_1_1_booleans_in_settings_read_as_github_reads_them() {
    let t = template(
        "name: D\ndescription: d\nbody:
  - type: dropdown
    attributes: {label: Many, options: [a, b], multiple: yes}
    validations: {required: On}
  - type: input
    attributes: {label: Optional}
    validations: {required: no}
  - type: checkboxes
    attributes:
      label: Boxes
      options:
        - {label: must, required: YES}
        - {label: may, required: off}
",
    );
    let fields = &t.form.fields;
    assert!(matches!(
        fields[0].kind,
        issue_composer::form::FieldKind::MultiChoice { .. }
    ));
    assert_eq!(
        fields.iter().map(|f| f.required).collect::<Vec<_>>(),
        [true, false, false]
    );
    let issue_composer::form::FieldKind::Checkboxes { options } = &fields[2].kind else {
        panic!("{:?}", fields[2].kind);
    };
    assert_eq!(
        options.iter().map(|o| o.required).collect::<Vec<_>>(),
        [true, false]
    );
    for (word, said) in [("maybe", "not `maybe`"), ("2", "not the number 2")] {
        let text = format!(
            "name: D\ndescription: d\nbody:\n  - type: input\n    attributes: {{label: L}}\n    validations:\n      required: {word}\n"
        );
        let err = parse("form.yml", text.as_bytes()).unwrap_err();
        assert_eq!(
            format!("{err:#}"),
            format!("form.yml:7:17: write true or false here, {said}")
        );
    }
}

/// YAML's infinity and not-a-number cannot be options: the form is refused at the
/// option, which the message names and says how to make text (before: "the number
/// `.nan` is too large").
#[test]
fn infinity_and_not_a_number_are_refused_where_written() {
    for (option, number) in [
        (".inf", "infinity"),
        ("-.Inf", "minus infinity"),
        (".nan", "not-a-number"),
    ] {
        let text = format!(
            "name: D\ndescription: d\nbody:\n  - type: dropdown\n    attributes:\n      label: Limit\n      options:\n        - 10\n        - {option}\n"
        );
        let err = parse("form.yml", text.as_bytes()).unwrap_err();
        assert_eq!(
            format!("{err:#}"),
            format!(
                "form.yml:9:11: `{option}` is YAML's number {number}, not text; quote it (`'{option}'`) to make it text"
            )
        );
    }
}

#[test]
fn a_value_holding_a_fence_gets_a_longer_one_and_text_keeps_its_lines() {
    let t = template(
        "name: F\ndescription: f\nbody:
  - type: textarea
    attributes: {label: Code, render: rust}
  - type: textarea
    attributes: {label: Story}
",
    );
    let mut answers = Answers::new(&t.form);
    answers.values[0] = Value::Text("```\nx\n```".into());
    answers.values[1] = Value::Text("  indented\n\nsecond  \n\n".into());
    assert_eq!(
        body(&t, &answers, FormsFormat::Current),
        "### Code\n\n````rust\n```\nx\n```\n````\n\n### Story\n\n  indented\n\nsecond"
    );
}

/// GitHub's `input` takes one line: lines given to it (answers file, `--set`) are joined,
/// so no answer can start a `### Heading` of its own; in both formats.
#[test]
fn an_input_answer_stays_on_one_line() {
    let t = template(WORKED);
    let mut answers = Answers::new(&t.form);
    answers.values[0] = Value::Text("line1\nline2\n### Injected\n".into());
    for forms in [FormsFormat::Current, FormsFormat::Legacy] {
        let out = body(&t, &answers, forms);
        assert!(
            out.starts_with("### Version\n\nline1 line2 ### Injected\n\n### Logs"),
            "{out}"
        );
    }
}

/// A `render` holding a line break and a fence cannot break the body out of the code
/// block: the language is its first line, without backticks.
#[test]
fn a_render_with_a_line_break_stays_one_fence() {
    let t = template(
        "name: F\ndescription: f\nbody:\n  - type: textarea\n    attributes: {label: Log, render: \"sh\\n```\\nINJECT\"}\n",
    );
    let mut answers = Answers::new(&t.form);
    answers.values[0] = Value::Text("x".into());
    assert_eq!(
        body(&t, &answers, FormsFormat::Current),
        "### Log\n\n```sh\nx\n```"
    );
}

#[test]
fn value_prefill_upload_and_markdown_help() {
    let t = template(
        "name: U\ndescription: u\nbody:
  - type: markdown
    attributes: {value: '**Thanks** for reporting.'}
  - type: input
    attributes: {label: Version, description: 'Run `tool -V`', value: '1.0'}
  - type: upload
    id: shots
    attributes: {label: Screenshots}
    accept: ignored-here
  - type: upload
    attributes:
      label: Logs
      accept: '.log, .txt'
",
    );
    let form = &t.form;
    assert_eq!(&*form.sections[0].text, "**Thanks** for reporting.");
    assert_eq!(&*form.fields[0].help, "Run `tool -V`");
    assert_eq!(&*form.fields[1].id, "shots");
    assert_eq!(
        &*form.fields[2].help,
        "Links to files already uploaded (for example to the issue on the web), one a line. Accepted: .log, .txt."
    );
    let mut answers = Answers::new(form);
    answers.values[1] = Value::Text("https://example.com/a.png".into());
    assert_eq!(
        body(&t, &answers, FormsFormat::Current),
        "### Version\n\n1.0\n\n### Screenshots\n\nhttps://example.com/a.png\n\n### Logs\n\n_No response_"
    );
}

#[test]
fn gitea_visible_content_markdown_goes_into_the_body_and_hidden_fields_are_not_asked() {
    let t = template(
        "name: G\nabout: g\nbody:
  - type: markdown
    visible: [content]
    attributes: {value: 'Reported with the form.'}
  - type: markdown
    attributes: {value: 'Only in the form.'}
  - type: input
    visible: [content]
    attributes: {label: Hidden}
  - type: input
    attributes: {label: Shown}
",
    );
    assert_eq!(t.form.fields.len(), 1);
    assert_eq!(&*t.form.sections[0].text, "Only in the form.");
    let answers = Answers::new(&t.form);
    assert_eq!(
        body(&t, &answers, FormsFormat::Current),
        "Reported with the form.\n\n### Shown\n\n_No response_"
    );
}

#[test]
fn number_and_regex_validations_and_required_boxes() {
    let t = template(
        "name: V\ndescription: v\nbody:
  - type: input
    id: count
    attributes: {label: Count}
    validations: {is_number: true}
  - type: input
    id: tag
    attributes: {label: Tag}
    validations: {regex: '^v[0-9]+$', required: true}
  - type: checkboxes
    id: terms
    attributes:
      label: Terms
      options:
        - {label: I agree, required: true}
",
    );
    let form = &t.form;
    let mut answers = Answers::new(form);
    let messages = |answers: &Answers| -> Vec<String> {
        form.validate(answers)
            .into_iter()
            .map(|p| format!("{}: {}", form.fields[p.field].id, p.message))
            .collect()
    };
    assert_eq!(
        messages(&answers),
        ["tag: is required", "terms: `I agree` must be ticked"]
    );
    answers.values[0] = Value::Text("ten".into());
    answers.values[1] = Value::Text("1.0".into());
    answers.values[2] = select(1, &[0]);
    assert_eq!(
        messages(&answers),
        [
            "count: must be a number",
            "tag: must match the pattern `^v[0-9]+$`"
        ]
    );
}

#[test]
fn render_refuses_with_one_line_per_problem_unless_incomplete_is_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.yml");
    std::fs::write(
        &path,
        "name: V\ndescription: v\nbody:
  - type: input
    id: count
    attributes: {label: Count}
    validations: {is_number: true, required: true}
  - type: checkboxes
    id: terms
    attributes:
      label: Terms
      options:
        - {label: I agree, required: true}
",
    )
    .unwrap();
    let path = path.to_str().unwrap();
    let out = bin()
        .args(["render", path, "--set", "count=ten"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "count: must be a number\nterms: `I agree` must be ticked\n\
         issue-composer: 2 answers are not complete (answer them, or pass --allow-incomplete)\n"
    );
    let out = bin()
        .args(["render", path, "--set", "count=10"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "terms: `I agree` must be ticked\n\
         issue-composer: 1 answer is not complete (answer it, or pass --allow-incomplete)\n"
    );
    let out = bin()
        .args(["render", path, "--set", "count=ten", "--allow-incomplete"])
        .args(["--forms-format", "legacy"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "### Count\n\nten\n\n### Terms\n\n- [ ] I agree\n"
    );
}

/// An issue form's `value:` is an answer given in advance (GitHub pre-fills it and
/// submits it as written; `placeholder:` is the hint): `render` takes it as the answer,
/// optional or required, and names no field as still holding the template's example.
/// Before, the optional one was named: `note: 1 field still holds the template's
/// example: Version (sent as written; --set it to replace the example)`.
#[test]
fn render_takes_an_issue_forms_values_as_answers_optional_or_required() {
    let dir = tempfile::tempdir().unwrap();
    let path = support::write(
        dir.path(),
        "small.yml",
        "name: Small\ndescription: s\nbody:
  - type: input
    id: version
    attributes: {label: Version, value: 1.4.2}
  - type: textarea
    id: env
    attributes: {label: Environment, value: 'OS: Linux'}
    validations: {required: true}
  - type: textarea
    id: what
    attributes: {label: What happened, placeholder: Describe it}
",
    );
    let out = bin()
        .args(["render", &path, "--set", "title=Crash"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "### Version\n\n1.4.2\n\n### Environment\n\nOS: Linux\n\n### What happened\n\n_No response_"
    );
}

/// The clash of two names is reported where the second template writes its `name`
/// (the last `name:` when given twice, the one read), in an issue form and in markdown
/// front matter (CRLF line ends too); a template named by its stem has no such place.
#[test]
fn a_name_clash_is_reported_at_the_name_value() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join(".github/ISSUE_TEMPLATE");
    std::fs::create_dir_all(&folder).unwrap();
    let write = |name: &str, text: &str| {
        let path = folder.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let form = "description: d\nbody:\n  - type: input\n    attributes: {label: L}\n";
    let a = write("a.yml", &format!("name: Bug\n{form}"));
    let b = write(
        "b.yml",
        &format!("# a form\nname: Old\nname:   \"Bug\"\n{form}"),
    );
    let c = write(
        "c.md",
        "---\r\nabout: A\r\n\r\nname:  Bug\r\n---\r\n## What?\r\n",
    );
    let errors = |files: &[&str]| {
        let out = bin().arg("check").args(files).output().unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| l.contains("is also the name of"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let clash = |file: &str, at: &str| {
        format!(
            "{file}:{at}: error: `Bug` is also the name of {a}; templates in one folder need different names"
        )
    };
    assert_eq!(errors(&[&a, &b, &c]), [clash(&b, "3:9"), clash(&c, "4:8")]);
}

#[test]
fn check_reads_config_yml_finds_same_names_and_speaks_json() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join(".github/ISSUE_TEMPLATE");
    std::fs::create_dir_all(&folder).unwrap();
    let write = |name: &str, text: &str| {
        let path = folder.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let config = write(
        "config.yml",
        "blank_issues_enabled: maybe\ncontact_links:\n  - {name: Forum, url: 'ftp://x', about: Ask}\n",
    );
    let a = write(
        "a.yml",
        "name: Bug\ndescription: d\nbody:\n  - type: input\n    attributes: {label: yes}\n",
    );
    let b = write("b.md", "---\nname: Bug\nabout: Same name\n---\n## What?\n");
    let out = bin().args(["check", &config, &a, &b]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "{config}:1:23: error: `blank_issues_enabled` must be true or false\n\
             {config}:3:24: error: a contact link's `url` must start with https:// or http://\n\
             {a}:5:25: error: `label` is the boolean true here; quote it to make it text\n\
             {b}:2:7: error: `Bug` is also the name of {a}; templates in one folder need different names\n\
             {config}: template chooser config\n\
             {a}: 1 section, 1 field\n\
             {b}: 1 section, 1 field\n"
        )
    );
    let out = bin()
        .args(["check", "--format", "json", &a])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json,
        serde_json::json!([{
            "file": a, "line": 5, "column": 25, "severity": "error",
            "message": "`label` is the boolean true here; quote it to make it text"
        }])
    );
    let clean = write(
        "c.yml",
        "name: Other\ndescription: d\nbody:\n  - type: input\n    attributes: {label: Version}\n",
    );
    let out = bin()
        .args(["check", "--format", "json", &clean])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "[]\n");
}

#[test]
fn an_issue_form_saved_as_markdown_is_read_as_an_issue_form_with_a_warning() {
    let t = parse("bug.md", WORKED.as_bytes()).unwrap();
    assert!(matches!(
        t.layout,
        issue_composer::template::Layout::Form(_)
    ));
    assert_eq!(t.form.fields.len(), 4);
    assert!(
        t.problems.iter().any(|p| p.message
            == format!(
                "the file {}",
                issue_composer::template::SAVED_FORM_ELSEWHERE
            )),
        "{:?}",
        t.problems
    );
    // A broken one is read as the markdown GitHub shows, with a warning naming why it
    // is no form (it was refused: "an issue form saved as markdown (name it .yml): ...").
    let broken =
        "name: Bug\nbody:\n- type: input\n  attributes:\n   value: |\n   text: x\n  oops\n";
    let t = parse("bug.md", broken.as_bytes()).unwrap();
    assert!(matches!(
        t.layout,
        issue_composer::template::Layout::Markdown(_)
    ));
    assert_eq!(t.saved_form_warning(), None);
    assert_eq!(
        t.problems[0].message,
        "the file looks like an issue form but does not read as one (7:3: simple key expected ':'): it is read as markdown, as GitHub shows it"
    );
    // Markdown that merely mentions `name:` stays markdown.
    let md = parse("bug.md", b"Name: your name\n\nbody:\n").unwrap();
    assert!(matches!(
        md.layout,
        issue_composer::template::Layout::Markdown(_)
    ));
    assert_eq!(md.saved_form_warning(), None);
    // One that starts with another of a form's keys is one too (it was read as markdown,
    // silently, into one section holding the YAML).
    for first in [
        "description: d",
        "title: '[Bug] '",
        "labels: [bug]",
        "# a comment\nname: N",
    ] {
        let text =
            format!("{first}\nbody:\n  - type: input\n    attributes:\n      label: Version\n");
        let t = parse("bug.md", text.as_bytes()).unwrap();
        assert!(
            matches!(t.layout, issue_composer::template::Layout::Form(_)),
            "{first}"
        );
        assert_eq!(
            t.saved_form_warning(),
            Some(format!(
                "bug.md {}",
                issue_composer::template::SAVED_FORM_ELSEWHERE
            )),
            "{first}"
        );
    }
    // `description` as a word in markdown's text is no key.
    for text in [
        "description:: x\nbody:\n",
        "descriptions: x\nbody:\n",
        " name: x\nbody:\n",
    ] {
        let t = parse("bug.md", text.as_bytes()).unwrap();
        assert!(
            matches!(t.layout, issue_composer::template::Layout::Markdown(_)),
            "{text}"
        );
    }
}

/// Markdown templates with a heading, then lines that look like a form's keys, were
/// taken for issue forms saved as `.md` (a `#` line was skipped as a YAML comment) and
/// refused ("an issue form saved as markdown (name it .yml): simple key expected ':'",
/// "an issue form needs a body list of elements"). GitHub shows them as markdown
/// templates, and so are they read, without a word about forms.
#[test]
fn markdown_with_a_heading_and_form_like_lines_is_markdown() {
    for text in [
        "# Bug report\ntitle: the title of your issue goes here\nbody:\nPlease describe.\n\n## Steps\n",
        "## Describe the bug\nname: \nbody:\n",
    ] {
        let t = parse(".github/ISSUE_TEMPLATE/a.md", text.as_bytes()).unwrap();
        assert!(
            matches!(t.layout, issue_composer::template::Layout::Markdown(_)),
            "{text}"
        );
        assert!(
            t.problems.iter().all(|p| !p.message.contains("issue form")),
            "{text}: {:?}",
            t.problems
        );
    }
}

/// Forms saved as `.md` with a comment after `body:` or a quoted first key were read as
/// markdown, silently, into one text area holding the YAML.
#[test]
fn a_comment_after_body_or_a_quoted_first_key_is_still_a_form() {
    for (first, body) in [
        ("name: Bug", "body: # the elements"),
        ("\"name\": Bug", "body:"),
        ("'description': d", "body:"),
    ] {
        let text = format!(
            "{first}\ndescription: d\n{body}\n  - type: input\n    attributes:\n      label: Version\n"
        );
        let t = parse("bug.md", text.as_bytes()).unwrap();
        assert!(
            matches!(t.layout, issue_composer::template::Layout::Form(_)),
            "{text}"
        );
        assert!(t.saved_form_warning().is_some(), "{text}");
    }
    // `body:#x` is the key `body` with the text `#x`... of a line that is no key: not
    // a top-level `body:`.
    let t = parse("bug.md", b"name: Bug\nbody:#x\n").unwrap();
    assert!(matches!(
        t.layout,
        issue_composer::template::Layout::Markdown(_)
    ));
}

/// The warning for a form saved as `.md` is worded for where the file is: GitHub's rule
/// in `.github`, GitLab's lack of forms in `.gitlab` (renaming it to `.yml` there hid it
/// from `list`: GitLab and issue-composer read only `*.md` there), issue-composer's own
/// reading elsewhere (a user template: no forge sees it). All said GitHub's words.
#[test]
fn the_saved_form_warning_is_worded_for_where_the_file_is() {
    use issue_composer::template::{SAVED_FORM, SAVED_FORM_ELSEWHERE, SAVED_FORM_GITLAB};
    let form = "name: Bug\ndescription: d\nbody:\n  - type: input\n    attributes:\n      label: Version\n";
    for (file, words) in [
        ("r/.github/ISSUE_TEMPLATE/bug.md", SAVED_FORM),
        ("r/.gitlab/issue_templates/bug.md", SAVED_FORM_GITLAB),
        (
            "home/.config/issue-composer/templates/bug.md",
            SAVED_FORM_ELSEWHERE,
        ),
    ] {
        let t = parse(file, form.as_bytes()).unwrap();
        assert_eq!(t.saved_form_warning(), Some(format!("{file} {words}")));
    }
    assert!(!SAVED_FORM_GITLAB.contains("rename"));
    assert!(!SAVED_FORM_ELSEWHERE.contains("GitHub"));
}

/// The body read back the way github/issue-parser reads it: sections by `### ` heading,
/// `_No response_` and `None` as empty, code fences unwrapped.
fn read_back(body: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in body.split('\n') {
        if let Some(label) = line.strip_prefix("### ") {
            out.push((label.to_owned(), String::new()));
        } else if let Some((_, value)) = out.last_mut() {
            value.push_str(line);
            value.push('\n');
        }
    }
    for (_, value) in &mut out {
        let mut v = value.trim().to_owned();
        if v == "_No response_" || v == "None" {
            v.clear();
        }
        // A fenced block: its content.
        if v.starts_with("```") {
            let inner: Vec<&str> = v.lines().collect();
            v = inner[1..inner.len().saturating_sub(1)].join("\n");
        }
        *value = v;
    }
    out
}

/// Every real form in the corpus: answers rendered in GitHub's format read back to the
/// same values under issue-parser's rules.
#[test]
fn corpus_forms_read_back_to_the_answers_given() {
    use issue_composer::form::FieldKind;
    if std::env::var_os("ISSUE_COMPOSER_SKIP_CORPUS").is_some_and(|v| v == "1") {
        return;
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("the corpus (or ISSUE_COMPOSER_SKIP_CORPUS=1)") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !issue_composer::template::is_issue_form(&name) {
            continue;
        }
        let Ok(t) = parse(&name, &std::fs::read(&path).unwrap()) else {
            continue;
        };
        let form = &t.form;
        let mut answers = Answers::new(form);
        let mut expected = Vec::new();
        for (i, field) in form.fields.iter().enumerate() {
            let (value, shown) = match &field.kind {
                FieldKind::Text | FieldKind::TextArea | FieldKind::Code { .. } => {
                    let token = format!("answer {i}\nline two");
                    let token = if matches!(field.kind, FieldKind::Text) {
                        format!("answer {i}")
                    } else {
                        token
                    };
                    (Value::Text(token.clone()), token)
                }
                FieldKind::Choice { options, .. } => {
                    (select(options.len(), &[0]), options[0].label.clone())
                }
                FieldKind::MultiChoice { options } => {
                    let on: Vec<usize> = (0..options.len().min(2)).collect();
                    let labels: Vec<&str> = on.iter().map(|&i| options[i].label.as_str()).collect();
                    (select(options.len(), &on), labels.join(", "))
                }
                FieldKind::Checkboxes { options } => {
                    let lines: Vec<String> = options
                        .iter()
                        .enumerate()
                        .map(|(i, o)| format!("- [{}] {}", if i == 0 { 'x' } else { ' ' }, o.label))
                        .collect();
                    (select(options.len(), &[0]), lines.join("\n"))
                }
                FieldKind::Table(_) | FieldKind::List => continue,
            };
            answers.values[i] = value;
            expected.push((field.label.clone(), shown));
        }
        let body = body(&t, &answers, FormsFormat::Current);
        let read = read_back(&body);
        // Labels that repeat cannot be told apart by a parser keyed on them (check says so).
        for (label, shown) in &expected {
            if expected.iter().filter(|(l, _)| l == label).count() > 1 {
                continue;
            }
            let got = read
                .iter()
                .find(|(l, _)| **l == **label)
                .map(|(_, v)| v.as_str());
            assert_eq!(got, Some(shown.as_str()), "{name}: `{label}` in\n{body}");
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} answers checked");
}

/// YAML bombs in a form are refused by the parser's budgets, with a located message.
#[test]
fn yaml_bombs_in_forms_are_refused_by_budget() {
    use std::fmt::Write as _;
    let mut aliases =
        String::from("name: B\ndescription: d\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..12 {
        let prev = if i == 0 {
            "a".to_owned()
        } else {
            format!("a{}", i - 1)
        };
        let refs = vec![format!("*{prev}"); 10].join(", ");
        writeln!(aliases, "a{i}: &a{i} [{refs}]").unwrap();
    }
    aliases.push_str("body:\n  - type: input\n    attributes: {label: L}\n");
    let deep = format!(
        "name: B\ndescription: d\nbody: {}{}\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    for (what, text) in [("aliases", aliases), ("nesting", deep)] {
        let err = parse("bomb.yml", text.as_bytes()).unwrap_err();
        assert!(
            err.message
                .starts_with("the YAML is larger or more deeply nested than allowed"),
            "{what}: {err}"
        );
    }
}

/// A form the reader refuses at its first problem still gets every rule: all its
/// problems are listed at once, in the file's order, and the reader's own message is
/// left out when a rule says the same in the element it stopped in.
#[test]
fn check_lists_every_problem_of_a_form_that_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.yml");
    std::fs::write(
        &path,
        "name: Bad\ndescription: bad form\nbody:\n  - type: dropdown\n    id: pick\n    attributes:\n      label: Pick\n      options: [a, b]\n      default: 7\n  - type: weird\n  - type: input\n    id: bad id!\n    attributes:\n      label: X\n      label: Y\n  - type: input\n    id: ok\n    attributes:\n      label: Z\n    validations:\n      required: maybe\n",
    )
    .unwrap();
    let out = bin().arg("check").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let p = path.display();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "{p}:9:16: error: `default` must be an option's index, 0 to 1\n\
             {p}:10:5: error: unknown element type `weird` (expected markdown, input, textarea, dropdown, checkboxes, upload)\n\
             {p}:12:9: error: id `bad id!` may only hold letters A-Z, digits, `-` and `_`\n\
             {p}:15:7: warning: `label` is given twice (also on line 14); the last one counts\n\
             {p}:21:17: error: `validations.required` must be true or false\n"
        )
    );
}

/// `schema` names the boxes that must be ticked (`required: true` on an option): it
/// used to show only the field's own `required`, false for such a field.
#[test]
fn schema_names_the_checkbox_options_that_must_be_ticked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("req.yml");
    std::fs::write(
        &path,
        "name: Req\ndescription: d\nbody:\n  - type: checkboxes\n    id: terms\n    attributes:\n      label: Terms\n      options:\n        - label: I agree\n          required: true\n        - label: Optional box\n        - label: I searched\n          required: yes\n  - type: input\n    id: version\n    attributes: {label: Version}\n",
    )
    .unwrap();
    let out = bin().arg("schema").arg(&path).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let fields: Vec<&serde_json::Value> = schema["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["fields"].as_array().unwrap())
        .collect();
    assert_eq!(fields[0]["required"], serde_json::json!(false));
    assert_eq!(
        fields[0]["required_options"],
        serde_json::json!(["I agree", "I searched"])
    );
    // A field without such boxes has no such key.
    assert!(fields[1].get("required_options").is_none(), "{}", fields[1]);
}

/// Markdown after the last field is the form's closing text: the last section's, in
/// the schema under that section only (the form keeps it once, not every section).
#[test]
fn markdown_after_the_last_field_closes_the_last_section_only() {
    let t = template(
        "name: C\nabout: c\nbody:
  - type: input
    attributes: {label: First}
  - type: input
    attributes: {label: Second}
  - type: markdown
    attributes: {value: 'Thanks for the report.'}
",
    );
    let form = &t.form;
    assert_eq!(form.sections.len(), 2);
    assert_eq!(&*form.after, "Thanks for the report.");
    assert_eq!(form.after(0), "");
    assert_eq!(form.after(1), "Thanks for the report.");
    assert_eq!(form.after(2), "");
    let schema = issue_composer::form::schema::to_json(form);
    let sections = schema["sections"].as_array().unwrap();
    assert_eq!(sections[0].get("after"), None);
    assert_eq!(sections[1]["after"], "Thanks for the report.");
    let without =
        template("name: C\nabout: c\nbody:\n  - type: input\n    attributes: {label: Only}\n");
    assert_eq!(without.form.after(0), "");
}
