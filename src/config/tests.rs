//! Unit tests of `config.toml` reading: defaults, merging, warnings with positions.

use super::*;

fn warnings(text: &str) -> Vec<String> {
    parse(text, "config.toml")
        .1
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn an_empty_file_is_the_defaults() {
    assert_eq!(parse("", "c.toml"), (Config::default(), Vec::new()));
}

#[test]
fn every_setting_is_read_over_the_defaults() {
    let text = r#"
editor = "nvim -f"
drafts = false
theme = "light"

[export]
folder = "~/issues"
file_name = "{date}-{stem}.md"
clipboard = "osc52"
forms_format = "legacy"

[keys]
write = "ctrl-s"
next-field = ["tab", "ctrl-n"]
"#;
    let (config, warned) = parse(text, "c.toml");
    assert_eq!(warned, []);
    assert_eq!(config.editor.as_deref(), Some("nvim -f"));
    assert!(!config.drafts);
    assert_eq!(config.theme.name, ThemeName::Light);
    assert_eq!(config.export.folder, PathBuf::from("~/issues"));
    assert_eq!(config.export.clipboard, Some(Provider::Osc52));
    assert_eq!(config.export.forms_format, FormsFormat::Legacy);
    assert_eq!(
        config.export.file_name_for("perf", "Slow!", "2024-02-29"),
        "2024-02-29-perf.md"
    );
    assert_eq!(config.keys["next-field"], ["tab", "ctrl-n"]);
    // What `config show` prints reads back the same.
    assert_eq!(parse(&config.to_toml(), "shown.toml"), (config, Vec::new()));
}

#[test]
fn unknown_keys_and_bad_values_warn_at_their_place_and_are_ignored() {
    let text = "drafts = \"yes\"\ncolour = 1\n\n[export]\nfodler = \"x\"\nforms_format = \"modern\"\nclipboard = \"pbcopy\"\nfile_name = \"{name}.md\"\n\n[theme]\nname = \"blue\"\ncolors = { title = \"cyan\", focus = \"#12345\", frame = \"red\" }\n\n[keys]\nwrite = \"hyper-s\"\nfly = \"f\"\n";
    let (mut config, _) = parse(text, "config.toml");
    // Only the good colour is taken.
    assert_eq!(config.theme.colors.remove("title").as_deref(), Some("cyan"));
    assert_eq!(config, Config::default());
    assert_eq!(
        warnings(text),
        [
            "config.toml:1:10: `drafts`: expected true or false, not `yes`; ignored",
            "config.toml:2:1: unknown key `colour`; ignored",
            "config.toml:5:1: unknown key `export.fodler`; ignored",
            "config.toml:6:16: `export.forms_format`: expected current or legacy, not `modern`; ignored",
            "config.toml:7:13: `export.clipboard`: expected auto, wl-copy, xclip, xsel, arboard or osc52, not `pbcopy`; ignored",
            "config.toml:8:13: `export.file_name`: expected a file name with {stem}, {title} or {date}, and no `/`, not `{name}.md`; ignored",
            "config.toml:11:8: `theme.name`: expected dark, light or none, not `blue`; ignored",
            "config.toml:12:36: `theme.colors.focus`: expected a colour name, #rrggbb or a number from 0 to 255, not `#12345`; ignored",
            "config.toml:12:46: unknown key `theme.colors.frame`; ignored",
            "config.toml:15:9: `keys.write`: expected a key like `ctrl-s` or a list of them, not `hyper-s`; ignored",
            "config.toml:16:1: unknown key `keys.fly`; ignored",
        ]
    );
}

#[test]
fn good_values_next_to_bad_ones_are_kept() {
    let (config, warned) = parse("[theme.colors]\ntitle = \"cyan\"\nerror = 7\n", "c.toml");
    assert_eq!(config.theme.colors["title"], "cyan");
    assert_eq!(warned.len(), 1);
    assert_eq!(
        warned[0].to_string(),
        "c.toml:3:9: `theme.colors.error`: expected a colour name, #rrggbb or a number from 0 to 255, not an integer; ignored"
    );
}

#[test]
fn a_file_that_is_not_toml_is_ignored_with_its_position() {
    let (config, warned) = parse("drafts = false\n[export\n", "c.toml");
    assert_eq!(config, Config::default());
    assert_eq!(warned.len(), 1);
    let text = warned[0].to_string();
    assert!(text.starts_with("c.toml:2:"), "{text}");
    assert!(text.ends_with("; the file is ignored"), "{text}");
}

#[test]
fn keys_and_colours() {
    for good in [
        "a",
        "ctrl-s",
        "alt-shift-x",
        "f12",
        "pagedown",
        "ctrl-enter",
        "?",
        "Ctrl-S",
        "Alt-Shift-X",
        "F2",
        "PageDown",
    ] {
        assert!(is_key(good), "{good}");
    }
    for bad in ["", "ctrl-", "f13", "hyper-s", "ab", "Ctrl-", "F13"] {
        assert!(!is_key(bad), "{bad}");
    }
    for good in ["#a0B1c2", "dark-gray", "255", "reset"] {
        assert!(is_color(good), "{good}");
    }
    for bad in ["#abc", "256", "purple"] {
        assert!(!is_color(bad), "{bad}");
    }
}

#[test]
fn a_title_without_letters_is_untitled_in_file_names() {
    let export = ExportDefaults {
        file_name: "{title}.md".to_owned(),
        ..ExportDefaults::default()
    };
    assert_eq!(export.file_name_for("bug", "", "2024-01-01"), "untitled.md");
    assert_eq!(
        export.file_name_for("bug", " ?! ", "2024-01-01"),
        "untitled.md"
    );
    assert_eq!(
        export.file_name_for("bug", "Slow!", "2024-01-01"),
        "slow.md"
    );
    // A long title is cut at a word, under the file systems' 255 bytes.
    let long = "word ".repeat(60);
    let name = export.file_name_for("bug", &long, "2024-01-01");
    assert_eq!(name, format!("{}.md", ["word"; 16].join("-")));
}

#[test]
fn a_path_ending_in_a_slash_is_a_folder_even_when_missing() {
    let export = ExportDefaults::default();
    assert_eq!(
        export.target(Path::new("no-such-folder/"), "bug", "T", "2024-01-01"),
        PathBuf::from("no-such-folder/bug-issue.md")
    );
    assert_eq!(
        export.target(Path::new("no-such-file.md"), "bug", "T", "2024-01-01"),
        PathBuf::from("no-such-file.md")
    );
}

#[test]
fn a_key_that_types_text_is_refused_for_actions_that_work_while_typing() {
    let text = "[keys]\nforce-quit = \"x\"\nhelp = [\"?\", \"f1\"]\nnext-field = \"space\"\nopen = \"shift-o\"\nback = \"alt-q\"\nwrite = \"s\"\ncopy = \"ctrl-y\"\n";
    let (config, _) = parse(text, "config.toml");
    assert_eq!(
        warnings(text),
        [
            "config.toml:2:14: `keys.force-quit`: `x` types a character, and force-quit works where text is typed (the form, the picker and dialogs), where `x` would run it instead; use a key with ctrl- or alt-, or a function key; ignored",
            "config.toml:3:9: `keys.help`: `?` types a character, and help works where text is typed (the form and the picker), where `?` would run it instead; use a key with ctrl- or alt-, or a function key; ignored",
            "config.toml:4:14: `keys.next-field`: `space` types a character, and next-field works where text is typed (the form), where `space` would run it instead; use a key with ctrl- or alt-, or a function key; ignored",
            "config.toml:5:8: `keys.open`: `shift-o` types a character, and open works where text is typed (the picker), where `shift-o` would run it instead; use a key with ctrl- or alt-, or a function key; ignored",
        ]
    );
    // The refused keys are dropped; the action keeps the others, or its defaults.
    assert!(!config.keys.contains_key("force-quit"));
    assert_eq!(config.keys["help"], ["f1"]);
    assert!(!config.keys.contains_key("next-field"));
    assert!(!config.keys.contains_key("open"));
    assert_eq!(config.keys["back"], ["alt-q"]);
    // The review's letters are its own: nothing is typed there.
    assert_eq!(config.keys["write"], ["s"]);
    assert_eq!(config.keys["copy"], ["ctrl-y"]);
}

#[test]
fn a_key_given_to_two_actions_that_work_in_one_place_is_named_with_both() {
    let text = "[keys]\nwrite = \"ctrl-alt-w\"\ncopy = [\"f5\", \"alt-ctrl-w\"]\nnext-field = \"ctrl-alt-w\"\nforce-quit = \"f5\"\nhelp = \"f1\"\n";
    assert_eq!(
        warnings(text),
        [
            // The form and the review never show at once: next-field may share ctrl-w.
            "config.toml:3:15: `keys.copy`: `alt-ctrl-w` is bound to `write` too (at 2:9), and both work in the review, where the key can run only one of them; give one of them another key",
            "config.toml:5:14: `keys.force-quit`: `f5` is bound to `copy` too (at 3:9), and both work in every screen and dialog, where the key can run only one of them; give one of them another key",
        ]
    );
}

#[test]
fn keys_are_compared_as_one_spelling() {
    assert_eq!(key_spelling("alt-ctrl-X"), "alt-ctrl-x");
    assert_eq!(key_spelling("Ctrl-Alt-x"), "alt-ctrl-x");
    assert_eq!(key_spelling("alt-X"), "alt-X");
    assert_eq!(key_spelling("PageDown"), "pagedown");
    assert_ne!(key_spelling("a"), key_spelling("A"));
    assert_eq!(shared_place("gh", "write"), Some("the review"));
    assert_eq!(shared_place("gh", "next-field"), None);
    assert_eq!(
        shared_place("force-quit", "open"),
        Some("every screen and dialog")
    );
}

#[test]
fn keys_written_as_the_readmes_table_writes_them_are_read() {
    let text = "[keys]\nreview = \"Ctrl-S\"\nhelp = \"F1\"\nopen = \"Shift-O\"\nwrite = \"Ctrl-W\"\ncopy = \"ctrl-w\"\n";
    let (config, _) = parse(text, "config.toml");
    assert_eq!(
        warnings(text),
        [
            "config.toml:4:8: `keys.open`: `Shift-O` types a character, and open works where text is typed (the picker), where `Shift-O` would run it instead; use a key with ctrl- or alt-, or a function key; ignored",
            "config.toml:6:8: `keys.copy`: `ctrl-w` is bound to `write` too (at 5:9), and both work in the review, where the key can run only one of them; give one of them another key",
        ]
    );
    assert_eq!(config.keys["review"], ["Ctrl-S"]);
    assert_eq!(config.keys["help"], ["F1"]);
}
