//! One small form per rule; each asserts the exact problems with their places.

use super::*;

/// `line:col: severity: message` for each problem.
fn lint(text: &str) -> Vec<String> {
    issue_form(text, "form.yml")
        .into_iter()
        .map(|p| format!("{}:{}: {}: {}", p.line, p.col, p.severity, p.message))
        .collect()
}

const HEAD: &str = "name: Bug\ndescription: Report one\n";

fn body(elements: &str) -> String {
    format!("{HEAD}body:\n{elements}")
}

#[test]
fn a_good_form_has_no_problems() {
    let text = body(
        "- type: markdown\n  attributes: {value: Hi}\n- type: input\n  id: v\n  attributes: {label: Version}\n  validations: {required: true}\n",
    );
    assert!(lint(&text).is_empty(), "{:?}", lint(&text));
}

#[test]
fn missing_name_description_and_body() {
    assert_eq!(
        lint("title: x\n"),
        [
            "1:1: error: `name` is missing",
            "1:1: error: `description` is missing",
            "1:1: error: `body` is missing"
        ]
    );
    // Gitea's `about` stands in for the description, with a word that GitHub refuses
    // it.
    assert_eq!(
        lint("name: Bug\nabout: A\nbody: []\n"),
        [
            "2:1: warning: `about` (GitHub's word is `description`) is read only by Gitea and Forgejo: GitHub refuses a form with it",
            "3:7: error: `body` is empty"
        ]
    );
}

#[test]
fn unknown_keys_at_every_level() {
    let text = format!(
        "{HEAD}issue_body: false\nbody:\n- type: input\n  idd: x\n  attributes: {{label: L, lable: M}}\n  validations: {{required: true, min: 1}}\n"
    );
    assert_eq!(
        lint(&text),
        [
            "3:1: error: unknown key `issue_body` at the top of an issue form",
            "6:3: error: unknown key `idd` in an element",
            "7:26: error: unknown attribute `lable` for an `input` element",
            "8:33: error: `input` elements take no `validations.min`"
        ]
    );
}

#[test]
fn a_body_of_only_markdown_and_unknown_types() {
    assert_eq!(
        lint(&body("- type: markdown\n  attributes: {value: Hi}\n")),
        ["4:3: error: `body` holds only markdown: there is nothing to fill in"]
    );
    assert_eq!(
        lint(&body(
            "- type: text\n  attributes: {label: L}\n- attributes: {label: M}\n"
        )),
        [
            "4:3: error: unknown element type `text` (expected markdown, input, textarea, dropdown, checkboxes, upload)",
            "6:3: error: an element needs a `type`"
        ]
    );
}

#[test]
fn ids_unique_and_plain_labels_unique_without_ids() {
    let text = body(
        "- type: input\n  id: a b\n  attributes: {label: A}\n- type: input\n  id: v\n  attributes: {label: B}\n- type: input\n  id: v\n  attributes: {label: C}\n- type: input\n  attributes: {label: Same}\n- type: input\n  attributes: {label: Same}\n- type: input\n  attributes: {label: 'Name?'}\n- type: input\n  attributes: {label: 'name ??? '}\n- type: input\n  attributes: {label: Name 2}\n",
    );
    assert_eq!(
        lint(&text),
        [
            "5:7: error: id `a b` may only hold letters A-Z, digits, `-` and `_`",
            "11:7: error: id `v` is already used by the element on line 8; ids must be unique",
            "16:23: error: label `Same` reads as the label of the element on line 14 (both `same` as an id); elements without an `id` need unique labels",
            "20:23: error: label `name ??? ` reads as the label of the element on line 18 (both `name` as an id); elements without an `id` need unique labels"
        ]
    );
}

/// GitHub refuses "the reserved word, none" in a dropdown's options: `None` in its
/// example, `none` in its message, so every case is refused (before: `None` alone). A
/// checkbox may say none; a longer option holding the word is fine.
#[test]
fn none_is_reserved_in_dropdowns_in_any_case() {
    let text = body(
        "- type: dropdown\n  attributes: {label: A, options: [none, ' NONE ', None of these]}\n\
         - type: checkboxes\n  attributes: {label: B, options: [{label: none}]}\n",
    );
    assert_eq!(
        lint(&text),
        [
            "5:36: error: `none` is reserved in dropdowns, in any case (GitHub adds `None` for no answer)",
            "5:42: error: `NONE` is reserved in dropdowns, in any case (GitHub adds `None` for no answer)",
        ]
    );
}

#[test]
fn options_empty_duplicated_reserved_and_default_out_of_range() {
    let text = body(
        "- type: dropdown\n  attributes: {label: A, options: []}\n- type: dropdown\n  attributes: {label: B, options: [x, x, None, ''], default: 4}\n- type: checkboxes\n  attributes:\n    label: C\n    options:\n      - plain\n      - {label: y}\n      - {label: y, required: true, extra: 1}\n",
    );
    assert_eq!(
        lint(&text),
        [
            "5:35: error: `options` must be a list of at least one option",
            "7:39: error: option `x` is already on line 7",
            "7:42: error: `None` is reserved in dropdowns, in any case (GitHub adds `None` for no answer)",
            "7:48: error: an option must not be empty",
            "7:62: error: `default` must be an option's index, 0 to 3",
            "12:9: error: a checkbox option is a mapping with a `label`",
            "14:9: error: option `y` is already on line 13",
            "14:36: error: unknown key `extra` in a checkbox option"
        ]
    );
}

#[test]
fn yaml_booleans_where_text_is_meant_and_render_on_the_wrong_element() {
    let text = body(
        "- type: dropdown\n  attributes:\n    label: yes\n    options: [on, off, 'no']\n- type: input\n  attributes: {label: L, render: shell}\n",
    );
    assert_eq!(
        lint(&text),
        [
            "6:12: error: `label` is the boolean true here; quote it to make it text",
            "7:15: error: `option` is the boolean true here; quote it to make it text",
            "7:19: error: `option` is the boolean false here; quote it to make it text",
            "9:26: error: `render` is only for `textarea` elements"
        ]
    );
}

#[test]
fn chooser_config_rules() {
    let problems: Vec<String> = chooser_config(
        "blank_issues_enabled: nope\ncontact_links:\n  - name: Forum\n    url: ftp://x\n    about: Ask\n    icon: q\n  - name: Chat\n",
    )
    .into_iter()
    .map(|p| format!("{}:{}: {}", p.line, p.col, p.message))
    .collect();
    assert_eq!(
        problems,
        [
            "1:23: `blank_issues_enabled` must be true or false",
            "4:10: a contact link's `url` must start with https:// or http://",
            "6:5: unknown key `icon` in a contact link",
            "7:5: a contact link needs `url`",
            "7:5: a contact link needs `about`"
        ]
    );
    assert!(
        chooser_config("blank_issues_enabled: false\ncontact_links:\n  - {name: F, url: 'https://x', about: A}\n")
            .is_empty()
    );
}

/// An empty name is as good as none: `list` skips such a link, so `check` flags it.
#[test]
fn a_contact_link_with_an_empty_name_is_flagged() {
    let problems: Vec<String> = chooser_config(
        "contact_links:\n  - {name: '', url: 'https://x', about: A}\n  - {name: ' ', url: 'https://', about: A}\n",
    )
    .into_iter()
    .map(|p| format!("{}:{}: {}", p.line, p.col, p.message))
    .collect();
    assert_eq!(
        problems,
        [
            "2:12: `name` must not be empty",
            "3:12: `name` must not be empty",
            "3:22: a contact link's `url` must name a host",
        ]
    );
}

#[test]
fn markdown_front_matter_without_name_or_about() {
    assert_eq!(markdown_meta(true, true), None);
    assert_eq!(
        markdown_meta(true, false),
        Some("front matter has no `about`: GitHub's chooser will not list it")
    );
}

#[test]
fn keys_given_twice_are_warned_about() {
    let text = "name: A\nname: B\ndescription: D\nbody:\n- type: input\n  attributes:\n    label: X\n    label: Y\n";
    assert_eq!(
        lint(text),
        [
            "2:1: warning: `name` is given twice (also on line 1); the last one counts",
            "8:5: warning: `label` is given twice (also on line 7); the last one counts"
        ]
    );
}

#[test]
fn an_element_without_a_label_is_named_with_its_article() {
    assert_eq!(
        lint(&body(
            "- type: input\n  id: x\n  attributes: {description: D}\n"
        )),
        ["6:15: error: an `input` element needs `attributes.label`"]
    );
}

#[test]
fn a_number_that_reads_otherwise_and_a_required_that_is_no_boolean() {
    let text = body(
        "- type: input\n  attributes: {label: Version, value: 1.10}\n- type: input\n  attributes: {label: Count, value: 5, placeholder: 0x1F}\n- type: checkboxes\n  attributes:\n    label: C\n    options:\n      - {label: a, required: maybe}\n      - {label: b, required: false}\n",
    );
    assert_eq!(
        lint(&text),
        [
            "5:39: warning: `value` `1.10` is read as the number 1.1; quote it to keep it as written",
            "7:53: warning: `placeholder` `0x1F` is read as the number 31; quote it to keep it as written",
            "12:30: error: `required` must be true or false"
        ]
    );
}

/// `.inf`, `.NaN` and a number too large for a float are YAML numbers no form holds:
/// errors at their place, as the form reader refuses them.
#[test]
fn infinity_and_not_a_number_are_named_where_written() {
    let text = body(
        "- type: dropdown\n  attributes:\n    label: Limit\n    options: [.inf, .NaN, 1e400, -.Inf]\n",
    );
    assert_eq!(
        lint(&text),
        [
            "7:15: error: `option` `.inf` is YAML's number infinity, not text; quote it to make it text",
            "7:21: error: `option` `.NaN` is YAML's number not-a-number, not text; quote it to make it text",
            "7:27: error: `option` `1e400` is YAML's number infinity, not text; quote it to make it text",
            "7:27: error: option `.inf` is already on line 7",
            "7:34: error: `option` `-.Inf` is YAML's number minus infinity, not text; quote it to make it text",
        ]
    );
}

#[test]
fn names_descriptions_and_labels_must_say_something() {
    let text = "name: ''\ndescription: '  '\nbody:\n- type: input\n  attributes: {label: '   '}\n- type: textarea\n  id: t\n  attributes: {label: T}\n";
    assert_eq!(
        lint(text),
        [
            "1:7: error: `name` must not be empty",
            "2:14: error: `description` must not be empty",
            "5:23: error: `label` must not be empty"
        ]
    );
}

#[test]
fn contact_links_must_name_a_host_and_hold_no_spaces() {
    let problems: Vec<String> = chooser_config(
        "contact_links:\n  - {name: A, url: 'https://exa mple.com/', about: a}\n  - {name: B, url: 'https:///x', about: b}\n  - {name: C, url: 'https://ok.example/x', about: c}\n",
    )
    .into_iter()
    .map(|p| format!("{}:{}: {}", p.line, p.col, p.message))
    .collect();
    assert_eq!(
        problems,
        [
            "2:20: a contact link's `url` must not hold spaces or control characters",
            "3:20: a contact link's `url` must name a host"
        ]
    );
}

/// A `render` with a line break or a backtick would break the code fence's first line.
#[test]
fn render_names_one_language_without_backticks() {
    let text = body(
        "- type: textarea\n  attributes:\n    label: A\n    render: \"sh\\n```\\nINJECT\"\n- type: textarea\n  attributes: {label: B, render: 'c`'}\n- type: textarea\n  attributes: {label: C, render: c++}\n",
    );
    assert_eq!(
        lint(&text),
        [
            "7:13: error: `render` names a language on one line (`shell`, `rust`), without backticks",
            "9:34: error: `render` names a language on one line (`shell`, `rust`), without backticks"
        ]
    );
}

/// Escapes written in YAML's double-quoted strings (`\e`, `\x07`) are control characters
/// once read: removed when shown, and warned about, as in markdown templates.
#[test]
fn escapes_in_form_text_are_warned_about() {
    let text = "name: \"Bug\\e[2J\"\ndescription: d\nbody:\n- type: input\n  attributes: {label: \"A\\x07\"}\n";
    assert_eq!(
        lint(text),
        [
            "1:7: warning: `name` `Bug\\e[2J` holds an escape sequence; it is removed",
            "5:23: warning: `label` `A\\x07` holds a control character; it is removed"
        ]
    );
}

/// A value quoted in a removal warning shows what it holds: its controls escaped, and
/// its invisible characters too (a zero-width space was printed as itself, unseen, while
/// U+202E beside it was escaped).
#[test]
fn removal_warnings_show_invisible_characters() {
    let text = "name: N\ndescription: d\nlabels: \"a\\u0085b, c\\u200bd, \\u202Eevil, e\\u2060f\\uFEFFg\"\nbody:\n- type: input\n  attributes: {label: A}\n";
    assert_eq!(
        lint(text),
        [
            "3:9: warning: `labels` `a\\x85b, c\\u{200b}d, \\u{202e}evil, e\\u{2060}f\\u{feff}g` holds a control character and a bidirectional control character; they are removed"
        ]
    );
}

/// An assignee is judged as it is sent, its escape sequence removed: `x\e` goes out as
/// `x`, a login gh takes, so only the removal is warned of.
#[test]
fn an_assignee_is_judged_without_its_escape() {
    let text = "name: A\ndescription: d\nassignees: \"x\\e\"\nbody:\n- type: input\n  attributes: {label: L}\n";
    let found = lint(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("3:12: warning: `assignees` "),
        "{found:?}"
    );
    assert!(found[0].ends_with("; it is removed"), "{found:?}");
}

/// `lint` for a form at `path`.
fn lint_at(text: &str, path: &str) -> Vec<String> {
    issue_form(text, path)
        .into_iter()
        .map(|p| format!("{}:{}: {}: {}", p.line, p.col, p.severity, p.message))
        .collect()
}

/// Gitea's and Forgejo's keys: errors in `.github/` (GitHub refuses the form), nothing
/// in `.gitea/` or `.forgejo/`, warnings anywhere else.
#[test]
fn gitea_keys_by_where_the_form_is() {
    let text = "name: G\nabout: x\nref: main\nbody:\n- type: input\n  visible: [form]\n  attributes: {label: L}\n  validations: {is_number: true, regex: '^a'}\n- type: checkboxes\n  attributes:\n    label: C\n    options:\n    - {label: o, visible: [form]}\n";
    let github = lint_at(text, "repo/.github/ISSUE_TEMPLATE/g.yml");
    assert_eq!(
        github,
        [
            "1:1: error: `description` is missing",
            "2:1: error: `about` (GitHub's word is `description`) is read only by Gitea and Forgejo: GitHub refuses a form with it",
            "3:1: error: `ref` is read only by Gitea and Forgejo: GitHub refuses a form with it",
            "6:3: error: `visible` is read only by Gitea and Forgejo: GitHub refuses a form with it",
            "8:17: error: `validations.is_number` is read only by Gitea and Forgejo: GitHub refuses a form with it",
            "8:34: error: `validations.regex` is read only by Gitea and Forgejo: GitHub refuses a form with it",
            "13:18: error: `visible` is read only by Gitea and Forgejo: GitHub refuses a form with it",
        ]
    );
    for path in [
        ".gitea/ISSUE_TEMPLATE/g.yml",
        "x/.forgejo/issue_template/g.yml",
    ] {
        assert!(
            lint_at(text, path).is_empty(),
            "{path}: {:?}",
            lint_at(text, path)
        );
    }
    let elsewhere = lint_at(text, "g.yml");
    assert_eq!(elsewhere.len(), 6, "{elsewhere:?}");
    assert!(
        elsewhere.iter().all(|p| p.contains(": warning: `")),
        "{elsewhere:?}"
    );
}

/// What GitHub's documentation names as mistakes in the top-level keys: a `type` that is
/// not text, empty `labels` and `assignees` (its own example), projects not
/// `OWNER/NUMBER`, numbers where text is meant.
#[test]
fn top_level_values_github_refuses() {
    let text = "name: 12\ndescription: D\ntitle: 5\ntype: [Bug]\nprojects: [octo-org/44, octo-org, 'a/b']\nassignees: '   '\nlabels: [bug, {a: b}, '']\nbody:\n- type: input\n  attributes: {label: L}\n";
    assert_eq!(
        lint(text),
        [
            "1:7: warning: `name` is the number 12 here; GitHub takes text: quote it (\"12\")",
            "3:8: warning: `title` is the number 5 here; GitHub takes text: quote it (\"5\")",
            "4:7: error: `type` must be text",
            "5:25: error: project `octo-org` is not OWNER/NUMBER (like `octo-org/44`)",
            "5:35: error: project `a/b` is not OWNER/NUMBER (like `octo-org/44`)",
            "6:12: error: `assignees` must not be empty or only spaces; leave the key out instead",
            "7:15: error: each item of `labels` must be text, not a list or mapping",
            "7:23: error: `labels` must not be empty or only spaces; leave the key out instead",
        ]
    );
    assert!(lint(&body("- type: input\n  attributes: {label: L}\n")).is_empty());
}

/// An id GitHub reads as a boolean, an empty id, and a dropdown `default` written as
/// text each get their own reason.
#[test]
fn ids_and_defaults_get_their_reason() {
    let text = body(
        "- type: input\n  id: on\n  attributes: {label: A}\n- type: input\n  id: ''\n  attributes: {label: B}\n- type: dropdown\n  attributes: {label: C, options: [x, y], default: '0'}\n",
    );
    assert_eq!(
        lint(&text),
        [
            "5:7: error: `id` is the boolean true here; quote it to make it text",
            "8:7: error: `id` must not be empty",
            "11:52: error: `default` must be a number, an option's index (0 to 1), not text",
        ]
    );
}

/// GitHub's reader takes YAML 1.1's `yes`, `on`, `no` and `off` as booleans: they are
/// no mistake in `required` or `multiple`.
#[test]
fn yaml_1_1_booleans_are_booleans_in_settings() {
    let text = body(
        "- type: dropdown\n  attributes: {label: A, options: [x], multiple: yes}\n  validations: {required: On}\n- type: checkboxes\n  attributes:\n    label: B\n    options:\n    - {label: o, required: YES}\n",
    );
    assert!(lint(&text).is_empty(), "{:?}", lint(&text));
}

/// A contact link's URL as written: the scheme in any case (as `list` opens it), no
/// space anywhere (a leading one too), a host.
#[test]
fn a_contact_link_url_is_judged_as_written() {
    assert_eq!(url_problem("HTTPS://example.org"), None);
    assert_eq!(url_problem("http://example.org/x"), None);
    assert_eq!(
        url_problem(" https://example.org"),
        Some("a contact link's `url` must start with https:// or http://")
    );
    assert_eq!(
        url_problem("https://example.org "),
        Some("a contact link's `url` must not hold spaces or control characters")
    );
    assert_eq!(
        url_problem("https:///x"),
        Some("a contact link's `url` must name a host")
    );
}
