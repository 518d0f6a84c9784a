//! `check`'s summary line per template counts its sections and fields in words that
//! agree with the number: `1 section, 1 field`, `2 sections, 2 fields` (before:
//! `1 sections, 1 fields`).

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

mod support;
use support::{bin, write};

#[test]
fn check_summaries_say_one_section_and_two_sections() {
    let dir = tempfile::tempdir().unwrap();
    let front = |name: &str| format!("---\nname: {name}\nabout: A\n---\n");
    write(dir.path(), "one.md", &format!("{}## A\n", front("One")));
    write(
        dir.path(),
        "two.md",
        &format!("{}## A\n\n## B\n", front("Two")),
    );
    write(
        dir.path(),
        "mixed.md",
        &format!("{}## A\n\n- **X:**\n- **Y:**\n", front("Mixed")),
    );
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "one.md", "two.md", "mixed.md"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        "one.md: 1 section, 1 field\n\
         two.md: 2 sections, 2 fields\n\
         mixed.md: 1 section, 2 fields\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0));
}
