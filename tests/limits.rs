//! Limits that name themselves (issue 12, item 5): each refusal says which limit was
//! passed and the environment variable that raises it, and raising it lets the file in.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

mod support;
use support::{bin, write};

/// `schema` of `path` with `vars` set: the exit code and standard error.
fn schema(path: &str, vars: &[(&str, &str)]) -> (Option<i32>, String) {
    let out = bin()
        .arg("schema")
        .arg(path)
        .envs(vars.iter().copied())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const THREE: &str = "## One\n\n## Two\n\n## Three\n\n";

#[test]
fn too_many_sections_are_refused_naming_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "t.md", THREE);
    assert_eq!(
        schema(&path, &[("ISSUE_COMPOSER_MAX_SECTIONS", "2")]),
        (
            Some(1),
            format!(
                "issue-composer: {path}:5:1: the template has more than 2 sections, the \
                 limit (raise it with ISSUE_COMPOSER_MAX_SECTIONS=N)\n"
            )
        )
    );
    assert_eq!(
        schema(&path, &[("ISSUE_COMPOSER_MAX_SECTIONS", "1")]),
        (
            Some(1),
            format!(
                "issue-composer: {path}:3:1: the template has more than 1 section, the \
                 limit (raise it with ISSUE_COMPOSER_MAX_SECTIONS=N)\n"
            )
        )
    );
    assert_eq!(
        schema(&path, &[("ISSUE_COMPOSER_MAX_SECTIONS", "3")]).0,
        Some(0)
    );
}

#[test]
fn too_many_fields_are_refused_naming_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "t.md", THREE);
    assert_eq!(
        schema(&path, &[("ISSUE_COMPOSER_MAX_FIELDS", "1")]),
        (
            Some(1),
            format!(
                "issue-composer: {path}:3:1: the template has more than 1 field, the limit \
                 (raise it with ISSUE_COMPOSER_MAX_FIELDS=N)\n"
            )
        )
    );
    let path = write(dir.path(), "four.md", &format!("{THREE}## Four\n"));
    assert_eq!(
        schema(&path, &[("ISSUE_COMPOSER_MAX_FIELDS", "2")]),
        (
            Some(1),
            format!(
                "issue-composer: {path}:5:1: the template has more than 2 fields, the limit \
                 (raise it with ISSUE_COMPOSER_MAX_FIELDS=N)\n"
            )
        )
    );
}

/// The refusal names the first field or section too many, also when the template's
/// end makes it (the last section's answer, a preamble counted as a section) and in an
/// issue form (its element's line and column): each said `1:1`.
#[test]
fn a_count_refusal_names_the_first_one_too_many() {
    let dir = tempfile::tempdir().unwrap();
    let refusal = |path: &str, place: &str, what: &str, var: &str| {
        (
            Some(1),
            format!(
                "issue-composer: {path}:{place}: the template has more than {what}, the \
                 limit (raise it with ISSUE_COMPOSER_MAX_{var}=N)\n"
            ),
        )
    };
    let three = write(dir.path(), "three.md", THREE);
    assert_eq!(
        schema(&three, &[("ISSUE_COMPOSER_MAX_FIELDS", "2")]),
        refusal(&three, "5:1", "2 fields", "FIELDS")
    );
    let intro = write(dir.path(), "intro.md", "Read this first.\n\n## A\n\n## B\n");
    assert_eq!(
        schema(&intro, &[("ISSUE_COMPOSER_MAX_SECTIONS", "2")]),
        refusal(&intro, "5:1", "2 sections", "SECTIONS")
    );
    let form = write(
        dir.path(),
        "form.yml",
        "name: F\ndescription: d\nbody:\n  - type: markdown\n    attributes:\n      \
         value: hi\n  - type: input\n    attributes:\n      label: One\n  - type: \
         input\n    attributes:\n      label: Two\n",
    );
    assert_eq!(
        schema(&form, &[("ISSUE_COMPOSER_MAX_FIELDS", "1")]),
        refusal(&form, "10:5", "1 field", "FIELDS")
    );
    // The markdown before the first field is a section of its own.
    assert_eq!(
        schema(&form, &[("ISSUE_COMPOSER_MAX_SECTIONS", "1")]),
        refusal(&form, "7:5", "1 section", "SECTIONS")
    );
}

#[test]
fn a_count_limit_stops_the_reading_where_it_is_passed() {
    // Past the section limit the rest is not read: the nesting beyond it, which alone
    // would be refused, is never reached.
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{THREE}## Four\n\n{} x\n", ">".repeat(70));
    let path = write(dir.path(), "t.md", &text);
    assert_eq!(
        schema(&path, &[("ISSUE_COMPOSER_MAX_SECTIONS", "2")]),
        (
            Some(1),
            format!(
                "issue-composer: {path}:5:1: the template has more than 2 sections, the \
                 limit (raise it with ISSUE_COMPOSER_MAX_SECTIONS=N)\n"
            )
        )
    );
    let (code, stderr) = schema(&path, &[("ISSUE_COMPOSER_MAX_SECTIONS", "4")]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains(":9:65: nesting deeper than 64"), "{stderr}");
}

#[test]
fn nesting_can_be_raised_and_lowered() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "t.md", &format!("## S\n{} x\n", ">".repeat(70)));
    assert_eq!(
        schema(&path, &[("ISSUE_COMPOSER_MAX_NESTING", "80")]).0,
        Some(0)
    );
    assert_eq!(
        schema(&path, &[("ISSUE_COMPOSER_MAX_NESTING", "3")]),
        (
            Some(1),
            format!(
                "issue-composer: {path}:2:4: nesting deeper than 3 lists or block quotes, the \
                 limit (raise it with ISSUE_COMPOSER_MAX_NESTING=N)\n"
            )
        )
    );
    assert_eq!(
        schema(&path, &[("ISSUE_COMPOSER_MAX_NESTING", "1")]),
        (
            Some(1),
            format!(
                "issue-composer: {path}:2:2: nesting deeper than 1 list or block quote, the \
                 limit (raise it with ISSUE_COMPOSER_MAX_NESTING=N)\n"
            )
        )
    );
}

#[test]
fn front_matter_beyond_the_yaml_budget_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "t.md",
        "---\nname: Bug\nlabels: [a, b, c, d, e, f]\n---\n## What happened?\n",
    );
    assert_eq!(
        schema(&path, &[("ISSUE_COMPOSER_MAX_YAML_NODES", "8")]),
        (
            Some(1),
            format!(
                "issue-composer: {path}:3:13: the YAML is larger or more deeply nested than \
                 allowed: more than 8 YAML nodes (raise it with ISSUE_COMPOSER_MAX_YAML_NODES=N)\n"
            )
        )
    );
    assert_eq!(schema(&path, &[]).0, Some(0));
}

#[test]
fn an_issue_form_beyond_the_yaml_depth_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "t.yml",
        "name: Bug\ndescription: x\nbody:\n  - type: textarea\n    attributes:\n      label: What?\n",
    );
    let (code, stderr) = schema(&path, &[("ISSUE_COMPOSER_MAX_YAML_DEPTH", "2")]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.ends_with(
            "the YAML is larger or more deeply nested than allowed: more than 2 nested lists \
             or maps (raise it with ISSUE_COMPOSER_MAX_YAML_DEPTH=N)\n"
        ),
        "{stderr}"
    );
}

#[test]
fn a_large_answers_file_is_refused_naming_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let template = write(dir.path(), "t.md", "## What happened?\n\n");
    let answers = write(
        dir.path(),
        "a.yml",
        "title: a title longer than twenty bytes\n",
    );
    let out = bin()
        .args([
            "render",
            &template,
            "--answers",
            &answers,
            "--allow-incomplete",
        ])
        .env("ISSUE_COMPOSER_MAX_ANSWERS_SIZE", "20")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "issue-composer: answers file {answers} is larger than 20 bytes, the limit for \
             answers files (raise it with ISSUE_COMPOSER_MAX_ANSWERS_SIZE=BYTES)\n"
        )
    );
    let out = bin()
        .args([
            "render",
            &template,
            "--answers",
            &answers,
            "--allow-incomplete",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A nesting limit raised together with `ulimit -s` reads a large body (read on a second
/// thread from 256 KiB on) as it reads a small one: the reader thread's stack follows
/// the main thread's limit. Before, it was 8 MiB whatever the limit, and the process
/// aborted: "thread 'markdown-reader' has overflowed its stack".
#[test]
fn a_raised_nesting_limit_reads_a_large_body_under_a_raised_stack_limit() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!("{}x\n", "> ".repeat(30_000));
    let padding = "## S\n\ntext\n\n".repeat(20_000);
    let path = write(
        dir.path(),
        "deep.md",
        &format!("---\nname: D\nabout: d\n---\n{deep}\n{padding}"),
    );
    let program = bin().get_program().to_owned();
    let out = std::process::Command::new("sh")
        .args([
            "-c",
            "ulimit -s unlimited 2>/dev/null || exit 77; exec \"$0\" schema \"$1\"",
        ])
        .arg(&program)
        .arg(&path)
        .env("ISSUE_COMPOSER_MAX_NESTING", "40000")
        .env("ISSUE_COMPOSER_MAX_SECTIONS", "100000")
        .env("ISSUE_COMPOSER_MAX_FIELDS", "100000")
        .output()
        .unwrap();
    if out.status.code() == Some(77) {
        eprintln!("skipped: this machine does not allow `ulimit -s unlimited`");
        return;
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.starts_with("{\n  \"name\": \"D\""), "{stdout:.200}");
    assert_eq!(stdout.matches("\"title\": \"S\"").count(), 20_000);
}

/// `list` and the picker say what a limit's refusal is in a word or two (`too large`,
/// `too deeply nested`) instead of `cannot read`; any other problem is not a limit's.
#[test]
fn a_limits_refusal_is_told_from_other_problems_by_the_variable_it_names() {
    use issue_composer::template::limit_words;
    let said = |message: &str| limit_words(message);
    assert_eq!(
        said(
            "the template has more than 2 sections, the limit (raise it with ISSUE_COMPOSER_MAX_SECTIONS=N)"
        ),
        Some("too large")
    );
    assert_eq!(
        said(
            "the file is larger than 2 MiB, the limit for templates (raise it with ISSUE_COMPOSER_MAX_TEMPLATE_SIZE=BYTES)"
        ),
        Some("too large")
    );
    assert_eq!(
        said(
            "nesting deeper than 64 lists or block quotes, the limit (raise it with ISSUE_COMPOSER_MAX_NESTING=N)"
        ),
        Some("too deeply nested")
    );
    assert_eq!(
        said(
            "the YAML is larger or more deeply nested than allowed: more than 64 nested lists or maps (raise it with ISSUE_COMPOSER_MAX_YAML_DEPTH=N)"
        ),
        Some("too deeply nested")
    );
    assert_eq!(said("unknown element type `x`"), None);
}
