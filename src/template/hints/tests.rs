//! Unit tests of `hints`.

/// What a title asks for, also past ASCII (`ÉRROR`, `ẞ`, the Kelvin sign) and markup.
#[test]
fn title_asks_by_its_words() {
    for (title, asks) in [
        ("Logs", TitleAsks::Code),
        ("Stack trace", TitleAsks::Code),
        ("Stack", TitleAsks::Text),
        ("Error Message", TitleAsks::Code),
        ("terror messages", TitleAsks::Code),
        ("Expected logs", TitleAsks::Text),
        ("Is it reproducible?", TitleAsks::YesNo),
        ("Does it OR not?", TitleAsks::Text),
        ("Which one?", TitleAsks::Text),
        ("Version", TitleAsks::Line),
        ("OS and version", TitleAsks::Text),
        ("Operating System", TitleAsks::Line),
        ("Browser & OS", TitleAsks::Text),
        ("What happened?", TitleAsks::Text),
        ("ÉRROR MESSAGE", TitleAsks::Text),
        ("Version: ẞ", TitleAsks::Line),
        ("Is \u{212A} set?", TitleAsks::YesNo),
        ("**Logs**", TitleAsks::Code),
        ("`Output`", TitleAsks::Code),
        ("Heading 0", TitleAsks::Text),
        ("", TitleAsks::Text),
        ("?", TitleAsks::Text),
        ("Commit", TitleAsks::Line),
    ] {
        assert_eq!(title_asks(title), asks, "{title:?}");
    }
}
use super::*;

#[test]
fn plain_label_is_the_three_replaces_and_collapsed_spaces() {
    let slow = |text: &str| {
        let no_markup: String = text
            .replace("**", "")
            .replace("__", "")
            .chars()
            .filter(|&c| c != '`')
            .collect();
        let words: Vec<&str> = no_markup.split_whitespace().collect();
        words.join(" ").trim_end_matches(':').trim_end().to_owned()
    };
    for text in [
        "",
        " ",
        "**Metric:** ",
        "_**_",
        "***a***",
        "a__b_c",
        "`x` ::",
        " a \t b\u{a0}c :",
        "__init__: ",
        "*_*_*",
        "Ünï **cödé**:",
        "a : :",
        "``",
        "x:** ",
    ] {
        assert_eq!(plain_label(text), slow(text), "{text:?}");
    }
}

#[test]
fn placeholders() {
    for p in [
        "",
        "X ops/sec",
        "Y ms",
        "TBD",
        "X MB",
        "X allocs",
        "X-Y hours",
        "#.#.#",
        "#X",
        "...",
        "….",
        "e.g. Windows",
        "[e.g., 1.2.3]",
        "Other: ___",
        "`src/...`",
        "path/to/file.go",
        "Ex: 14.0.0",
    ] {
        assert!(is_placeholder(p), "{p:?} should be a placeholder");
    }
    for literal in [
        "Throughput",
        "None",
        "X marks the spot on the map",
        "master...v2",
    ] {
        assert!(!is_placeholder(literal), "{literal:?} is literal");
    }
}

#[test]
fn brackets_and_separators() {
    let b = brackets("[Small / Medium / Large] - [X-Y hours]").unwrap();
    assert_eq!(b.len(), 2);
    assert_eq!(b[0].inner, "Small / Medium / Large");
    assert_eq!(b[1].sep, " - ");
    assert_eq!(b[1].inner, "X-Y hours");
    assert_eq!(
        brackets("[See [docs](http://x)]").unwrap()[0].inner,
        "See [docs](http://x)"
    );
    assert!(brackets("[link](http://x)").is_none());
    assert!(brackets("[a] trailing words").is_none());
    assert!(brackets("words [a]").is_none());
    assert!(brackets("[unclosed").is_none());
}

#[test]
fn choices() {
    let c = choice_options("P1-High / P2-Medium / P3-Low").unwrap();
    assert_eq!(c.options, ["P1-High", "P2-Medium", "P3-Low"]);
    assert_eq!(c.custom, None);
    let c = choice_options("None / Describe any user-visible changes").unwrap();
    assert_eq!(c.options, ["None"]);
    assert_eq!(
        c.custom.as_deref(),
        Some("Describe any user-visible changes")
    );
    assert_eq!(choice_options("Yes/No").unwrap().options, ["Yes", "No"]);
    assert_eq!(
        choice_options("*Bug* / *Feature* | Docs").unwrap().options,
        ["Bug", "Feature", "Docs"]
    );
    assert!(choice_options("e.g., 30-50% faster, 40-60% fewer").is_none());
    assert!(choice_options("X-Y hours").is_none());
    assert!(choice_options("Include CPU/memory profile if available").is_none());
    assert!(choice_options("src/foo/bar.rs").is_none());
    let c = choice_options("Arch/Manjaro/Ubuntu/etc.").unwrap();
    assert_eq!(c.options, ["Arch", "Manjaro", "Ubuntu", "etc."]);
    assert_eq!(c.custom.as_deref(), Some("Other (describe)"));
}

#[test]
fn blanks_and_labels() {
    assert_eq!(blank_split("Other: ___________"), Some(("Other:", "")));
    assert_eq!(
        blank_split("between ___ and ___"),
        Some(("between", " and ___"))
    );
    assert_eq!(plain_label("**Response time:**"), "Response time");
    assert_eq!(plain_label("**Go Techniques Used**:"), "Go Techniques Used");
}

#[test]
fn titles_ask_for_lines_code_or_yes_no() {
    for line in [
        "Version",
        "OS",
        "Operating system",
        "Browser",
        "Commit",
        "Platform",
    ] {
        assert_eq!(title_asks(line), TitleAsks::Line, "{line}");
    }
    assert_eq!(title_asks("OS X version you are using"), TitleAsks::Line);
    for code in [
        "Logs",
        "Traceback",
        "Backtrace",
        "Output",
        "Stack trace",
        "Error message",
    ] {
        assert_eq!(title_asks(code), TitleAsks::Code, "{code}");
    }
    assert_eq!(
        title_asks("Did you recently upgrade from a previous OS X version?"),
        TitleAsks::YesNo
    );
    for text in [
        "Expected output",
        "Version & Regression Information",
        "Is this a bug or a feature?",
        "Describe the bug",
        "Stack of plates",
    ] {
        assert_eq!(title_asks(text), TitleAsks::Text, "{text}");
    }
}

/// The shortcuts (a plain title read in place, ASCII compared without case, words read
/// into flags) give what lowercasing, splitting and joining the words gave.
#[test]
fn title_asks_is_the_lowercased_words_and_their_phrases() {
    fn slow(title: &str) -> TitleAsks {
        let plain = plain_label(title).to_lowercase();
        let words: Vec<&str> = plain
            .split(|c: char| !c.is_alphanumeric() && c != '?')
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .map(|w| w.trim_end_matches('?'))
            .collect();
        let has = |w: &str| words.contains(&w);
        let phrase = |p: &str| words.join(" ").contains(p);
        if words.len() <= 5
            && !has("expected")
            && (LOGS.iter().any(|w| has(w)) && (!has("stack") || phrase("stack trace"))
                || phrase("error message"))
        {
            return TitleAsks::Code;
        }
        let question = plain.trim_end().ends_with('?');
        if question
            && words.first().is_some_and(|w| AUX.contains(w))
            && !has("or")
            && !has("which")
            && words.len() <= 20
        {
            return TitleAsks::YesNo;
        }
        let fact = FACTS.iter().any(|w| has(w)) || phrase("operating system");
        if !question && words.len() <= 6 && fact && !has("and") && !plain.contains('&') {
            return TitleAsks::Line;
        }
        TitleAsks::Text
    }
    for title in [
        "Heading 12345",
        "STACKTRACE",
        "Full stack traces",
        "stack?trace",
        "Logs?",
        "Did it work? :",
        "Did it work?:",
        "Did it work ? ",
        "did\tit work?",
        "Was it OR?",
        "Hasn't it?",
        "Error messages and logs",
        "mirror message",
        "Error\u{a0}message",
        "Operating-System",
        "cooperating systems",
        "Version & build",
        "Browser, OS, device, version, platform, commit, more",
        "Is \u{130}t set?",
        "\u{212A}ernel version",
        "LOG",
        "a  b  log",
        "Logs:",
        "__Output__",
        "verylongwordlog",
        // Read in one pass (no word starts like a word looked for), or not.
        "Heading 7",
        "Hi **n**ew fix",
        "12log 9version",
        "Kernel **a**nd **g**et",
        "Human error message",
        "Hi, kernel: 2",
        "Hi `log`",
        "Whatever **log**",
        "Why_log",
        "Kernel r\u{e9}f",
    ] {
        assert_eq!(title_asks(title), slow(title), "{title:?}");
    }
    // Every listed word, alone, first of two, and written in capitals.
    for word in LOGS.iter().chain(&FACTS).chain(&AUX) {
        for title in [
            (*word).to_owned(),
            format!("{word} it?"),
            format!("Some {}", word.to_uppercase()),
        ] {
            assert_eq!(title_asks(&title), slow(&title), "{title:?}");
        }
    }
}

/// Clean text (ASCII, no markup, single spaces) is read without the general path.
#[test]
fn plain_label_of_clean_text() {
    for (text, plain) in [
        ("Metric:", "Metric"),
        ("Metric: ", "Metric"),
        ("a : :", "a :"),
        ("a :: ", "a"),
        ("Checked 0", "Checked 0"),
        ("a  b", "a b"),
        ("a\tb:", "a b"),
        (" a", "a"),
        ("a:b", "a:b"),
        (":", ""),
    ] {
        assert_eq!(plain_label(text), plain, "{text:?}");
    }
}

/// Prefixes and verbs are compared without case, as lowercasing compared them.
#[test]
fn examples_and_instructions_ignore_case_only() {
    let example = |t: &str| {
        let lower = t.trim_start_matches(['(', ' ']).to_lowercase();
        ["e.g", "eg.", "eg:", "eg,", "ex:", "ex.", "example:", "i.e."]
            .iter()
            .any(|p| lower.starts_with(p))
    };
    for t in [
        "E.G. this",
        "(eG: x",
        "  Ex. 1",
        "EXAMPLE: a",
        "I.E. b",
        "\u{130}.e. x",
        "exa",
        "e",
        "",
        "(",
        "Eg,",
        "ex:",
    ] {
        assert_eq!(is_example(t), example(t), "{t:?}");
    }
    for (option, instruction) in [
        ("DESCRIBE it", true),
        ("Please", false),
        ("  Other: foo ", true),
        ("Lists it", false),
        ("list\tthem", true),
    ] {
        assert_eq!(is_instruction(option), instruction, "{option:?}");
    }
}

/// The one-pass shortcut of `title_asks` takes only titles whose words start with no
/// letter a looked-for word starts with, without `?` and in ASCII.
#[test]
fn surely_text_only_where_no_word_could_ask_more() {
    for title in [
        "Heading 12345",
        "Hi, kernel: 2",
        "12log 9version",
        "",
        "Why_n",
    ] {
        assert!(super::surely_text(title), "{title:?}");
    }
    for title in [
        "Heading log",
        "Heading?",
        "Human error message",
        "Why_log",
        "Hi `stack`",
        "Kernel r\u{e9}f",
        "MESSAGE",
        "Version",
    ] {
        assert!(!super::surely_text(title), "{title:?}");
    }
}
