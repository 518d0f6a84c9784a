//! A markdown table renders in the style it was written in: untouched, byte for byte;
//! a filled row with the outer pipes its row had, or had not.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

mod support;
use support::{bin, write};

const HEAD: &str = "---\nname: T\nabout: t\n---\n\n## Results\n\n";

/// `render` of the template with `args` after it: standard output, checked to succeed.
fn render(template: &str, args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "t.md", template);
    let out = bin()
        .args(["render", &path, "--allow-incomplete"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn an_untouched_table_without_outer_pipes_renders_as_written() {
    let table = "a | b\n--- | ---\n1 | 2\n3 | 4\n";
    assert_eq!(
        render(&format!("{HEAD}{table}"), &[]),
        format!("## Results\n\n{table}")
    );
}

#[test]
fn a_filled_row_keeps_the_table_without_outer_pipes() {
    let template = format!("{HEAD}a | b | c\n--- | --- | ---\n1 | 2 | 3\n4 | 5 | 6\n");
    assert_eq!(
        render(&template, &["--set", r#"results={"1": {b: "9"}}"#]),
        "## Results\n\na | b | c\n--- | --- | ---\n1 | 9 | 3\n4 | 5 | 6\n"
    );
    // An empty cell inside is its pipes; an empty last cell too (not trailing spaces);
    // a pipe typed into a cell is escaped, as in a framed table.
    assert_eq!(
        render(
            &template,
            &["--set", r#"results={"1": {b: "", c: "x|y"}, "4": {c: ""}}"#]
        ),
        "## Results\n\na | b | c\n--- | --- | ---\n1 | | x\\|y\n4 | 5 | |\n"
    );
}

#[test]
fn a_filled_row_of_a_framed_table_keeps_its_pipes() {
    let template = format!("{HEAD}| a | b |\n| --- | --- |\n| 1 | 2 |\n");
    assert_eq!(
        render(&template, &["--set", r#"results={"1": {b: ""}}"#]),
        "## Results\n\n| a | b |\n| --- | --- |\n| 1 | |\n"
    );
}

/// A row short of a cell (GFM reads the missing one as empty), its trailing pipe or
/// space as written, is kept byte for byte while untouched.
#[test]
fn an_untouched_short_row_renders_as_written() {
    for table in [
        "a | b | c\n--- | --- | ---\n1 |  | 3\n4 | 5 |\n",
        "a | b\n--- | ---\n1 | 2\n3 | \n",
        "a | b\n--- | ---\n1 | 2\n3 |\n",
        "| a | b | c |\n| --- | --- | --- |\n| 4 | 5 |\n",
    ] {
        assert_eq!(
            render(&format!("{HEAD}{table}"), &[]),
            format!("## Results\n\n{table}"),
            "{table:?}"
        );
    }
}

/// A short row with a cell set is written in its own style: no outer pipes where it
/// opened without one, its trailing pipe (where the missing cell was) not kept.
#[test]
fn a_filled_short_row_keeps_its_style() {
    let three = format!("{HEAD}a | b | c\n--- | --- | ---\n1 |  | 3\n4 | 5 |\n");
    assert_eq!(
        render(&three, &["--set", r#"results={"4": {c: Z}}"#]),
        "## Results\n\na | b | c\n--- | --- | ---\n1 |  | 3\n4 | 5 | Z\n"
    );
    let two = format!("{HEAD}a | b\n--- | ---\n1 | 2\n3 | \n");
    assert_eq!(
        render(&two, &["--set", r#"results={"3": {b: Y}}"#]),
        "## Results\n\na | b\n--- | ---\n1 | 2\n3 | Y\n"
    );
    // A row that writes all its cells keeps its trailing pipe; a framed one its frame.
    let full = format!("{HEAD}a | b\n--- | ---\n1 | 2 |\n");
    assert_eq!(
        render(&full, &["--set", r#"results={"1": {b: "9"}}"#]),
        "## Results\n\na | b\n--- | ---\n1 | 9 |\n"
    );
    let framed = format!("{HEAD}| a | b | c |\n| --- | --- | --- |\n| 4 | 5 |\n");
    assert_eq!(
        render(&framed, &["--set", r#"results={"4": {c: Z}}"#]),
        "## Results\n\n| a | b | c |\n| --- | --- | --- |\n| 4 | 5 | Z |\n"
    );
}
