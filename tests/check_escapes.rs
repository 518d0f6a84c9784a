//! `check` shows invisible characters in every kind of message, not only in the
//! warnings about escapes: an issue form's id and attribute names, a template's name and
//! a file name quoted in the folder rule. The text report escapes them (`\u{200b}`,
//! `\u{feff}`, `\x07`); the JSON report keeps the real text, which JSON escapes only
//! where it must (a control character), so a program reading it gets the names as
//! written.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

mod support;
use support::{bin, write};

/// A folder with an issue form whose id holds a zero-width space (U+200B) and whose
/// unknown attributes hold a byte-order mark (U+FEFF) and a bell (U+0007), written as
/// YAML escapes; and two markdown templates named `Bug` + U+200B, one of them in a file
/// whose name holds U+FEFF, the other in one whose name holds a bell.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "form.yml",
        "name: Form\ndescription: D\nbody:\n- type: textarea\n  id: \"i\\u200bd\"\n  attributes: {label: L, \"place\\ufeffholder\": p, \"val\\aue\": x}\n",
    );
    let named = "---\nname: \"Bug\\u200b\"\nabout: A bug\n---\n## A\n";
    write(dir.path(), "a\u{feff}.md", named);
    write(dir.path(), "b\u{7}.md", named);
    dir
}

fn check(dir: &tempfile::TempDir, format: &str) -> String {
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "--format", format, "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the errors fail the check");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn check_text_escapes_invisible_characters_in_every_kind_of_message() {
    let dir = folder();
    let text = check(&dir, "text");
    // The folder rule's finding comes after each file's. The file field, the
    // summaries and the messages escape controls (`\x07`) and invisible characters
    // (`\u{feff}`) alike, so `./a\u{feff}.md` reads the same in the summary as in the
    // message naming it.
    assert_eq!(
        text,
        "./form.yml:5:7: error: id `i\\u{200b}d` may only hold letters A-Z, digits, `-` and `_`\n\
         ./form.yml:6:26: error: unknown attribute `place\\u{feff}holder` for a `textarea` element\n\
         ./form.yml:6:50: error: unknown attribute `val\\x07ue` for a `textarea` element\n\
         ./b\\x07.md:2:7: error: `Bug\\u{200b}` is also the name of ./a\\u{feff}.md; templates in one folder need different names\n\
         ./a\\u{feff}.md: 1 section, 1 field\n\
         ./b\\x07.md: 1 section, 1 field\n\
         ./form.yml: 1 section, 1 field\n"
    );
    assert!(
        !text.contains(['\u{7}', '\u{200b}', '\u{feff}']),
        "{text:?}"
    );
}

#[test]
fn check_json_keeps_the_names_as_written_with_controls_escaped() {
    let dir = folder();
    let json = check(&dir, "json");
    assert!(!json.contains('\u{7}'), "{json:?}");
    let expected = "[\n  \
        {\n    \"file\": \"./form.yml\",\n    \"line\": 5,\n    \"column\": 7,\n    \"severity\": \"error\",\n    \
        \"message\": \"id `i\u{200b}d` may only hold letters A-Z, digits, `-` and `_`\"\n  },\n  \
        {\n    \"file\": \"./form.yml\",\n    \"line\": 6,\n    \"column\": 26,\n    \"severity\": \"error\",\n    \
        \"message\": \"unknown attribute `place\u{feff}holder` for a `textarea` element\"\n  },\n  \
        {\n    \"file\": \"./form.yml\",\n    \"line\": 6,\n    \"column\": 50,\n    \"severity\": \"error\",\n    \
        \"message\": \"unknown attribute `val\\u0007ue` for a `textarea` element\"\n  },\n  \
        {\n    \"file\": \"./b\\u0007.md\",\n    \"line\": 2,\n    \"column\": 7,\n    \"severity\": \"error\",\n    \
        \"message\": \"`Bug\u{200b}` is also the name of ./a\u{feff}.md; templates in one folder need different names\"\n  }\n]\n";
    assert_eq!(json, expected);
    // What a program reads back: the names as the files hold them.
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed[3]["file"], "./b\u{7}.md");
    assert_eq!(
        parsed[2]["message"],
        "unknown attribute `val\u{7}ue` for a `textarea` element"
    );
}

#[test]
fn check_text_escapes_invisible_characters_in_the_file_field() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "\u{200b}form.yml",
        "name: Form\ndescription: D\nbody:\n- type: textarea\n  id: d\n  attributes: {label: L, \"plac\": p}\n",
    );
    let text = check(&dir, "text");
    assert_eq!(
        text,
        "./\\u{200b}form.yml:6:26: error: unknown attribute `plac` for a `textarea` element\n\
         ./\\u{200b}form.yml: 1 section, 1 field\n"
    );
    // The JSON names the file as written.
    let json: serde_json::Value = serde_json::from_str(&check(&dir, "json")).unwrap();
    assert_eq!(json[0]["file"], "./\u{200b}form.yml");
}
