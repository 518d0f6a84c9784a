//! Unit tests of `prose`.

use super::*;

#[test]
fn instructions_by_their_signals() {
    for text in [
        "A clear and concise description of what you expected.",
        "(Tell us what happened.)",
        "Please replace this paragraph with a description of your change.",
        "Steps to reproduce the behavior:",
        "If applicable, add screenshots to help explain your problem.",
        "Describe the bug here",
        "*Provide a minimal example.*",
        "What did you expect to happen?",
        "Add any other context about the problem here.",
        "Select one of the platforms below:",
        "Choose all that apply.",
        "Make sure you are on the latest version.",
        "Check the logs before you report.",
        "So as to help us please provide the following information:",
        "Steps to reproduce this issue, eg:",
        "A paragraph or two about the issue.",
        "Did it work before? Tell us which version.",
    ] {
        assert!(is_instruction(text), "{text:?} is an instruction");
    }
}

#[test]
fn information_stays_prose() {
    for text in [
        "This template is for performance problems only.",
        "We use the labels below to triage.",
        "Thanks for taking the time to fill out this report!",
        "The benchmark ran on a quiet machine. (Results vary.)",
        "",
        &format!("Please {}", "explain at length ".repeat(30)),
        "(a) first (b) second",
        "Please keep in mind that this tracker is for bugs.",
        "Note that old versions are not supported.",
        "Pick: A/B",
        "We will read this, please note, within a week.",
        "Why a new tool? We wanted one. It is fast. It is small.",
        "Checked against 1.2. (works)",
        "Does it occur with extensions disabled?: Yes/No",
    ] {
        assert!(!is_instruction(text), "{text:?} is not an instruction");
    }
}

#[test]
fn instructions_that_ask_to_choose() {
    for text in ["Select one:", "Please tick what applies:", "check that"] {
        assert!(asks_to_choose(text), "{text:?} asks to choose");
    }
    for text in ["Why?", "Please describe it:", "Checkbox lists follow."] {
        assert!(!asks_to_choose(text), "{text:?} does not");
    }
}

#[test]
fn notice_headings() {
    for title in [
        "Please do not report security issues here",
        "Before you submit",
        "Note",
        "**Important**",
        "Thanks for contributing!",
        "About this template",
        "NOTE: read first",
    ] {
        assert!(is_notice(title), "{title:?} is a notice");
    }
    for title in [
        "Notes",
        "Additional notes",
        "Describe the bug",
        "Important files",
        "Aboutness",
        "Section 12",
        "",
        "--",
        "\u{e9}t\u{e9}: note",
    ] {
        assert!(!is_notice(title), "{title:?} is a question");
    }
}

/// Notices in any case and punctuation. Past ASCII, a title is lowercased first: the
/// Kelvin sign reads as `k` (`THAN\u{212A}S`), a dotted `İ` not as `i`.
#[test]
fn notices_in_any_case_and_their_look_alikes() {
    for title in [
        "NOTE",
        "Note:",
        "note: x",
        "Tip",
        "TIP!",
        "Read Me",
        "Don't",
        "DON'T do that",
        "Please Read",
        "about x",
        "BEFORE you",
        "Thank You",
        "THANKS",
        "Important: y",
        "THAN\u{212A}S",
        "Warning: ünïcode",
        "¡Note!",
        "**Reminder**",
        "disclaimer",
        "Disclaimer: ß",
        "Do not",
        "do nothing",
        "Read this first",
    ] {
        assert!(is_notice(title), "{title:?} is a notice");
    }
    for title in [
        "read  me",
        "About",
        "About ",
        "Before",
        "Important files",
        "Noté",
        "NOTÉ: x",
        "\u{212A}",
        "İmportant",
        "ñote",
        "Caution – hot",
        "",
        "  ",
        "Attention please:",
        "Notice board",
        "ΣNote",
    ] {
        assert!(!is_notice(title), "{title:?} is not a notice");
    }
}
