//! Pieces read exactly as the whole: the same events at the same offsets.

use super::*;

fn options() -> Options {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_TASKLISTS);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options
}

fn whole(src: &str) -> Vec<String> {
    Parser::new_ext(src, options())
        .into_offset_iter()
        .map(|e| format!("{e:?}"))
        .collect()
}

fn pieces(src: &str, min: usize) -> Vec<String> {
    Chunks::new(src, options(), min)
        .map(|e| format!("{e:?}"))
        .collect()
}

/// How many pieces `src` is read in.
fn count(src: &str, min: usize) -> usize {
    let mut chunks = Chunks::new(src, options(), min);
    chunks.by_ref().for_each(drop);
    chunks.started
}

const TRICKY: &str = "\
# A\n\ntext\n# B\n\n```sh\n# a shell comment\n\n# another\n```\n\n# C\n\
<!--\n\n# in a comment\n-->\n\n# D\n\n<pre>\n\n# in pre\n</PRE>\n\n\
- item\n\n  ```\n# ends the item and its fence\n\n  # heading in the item\n\n\
> quote\n# after a quote\n\n    # indented code\n\n#E\n\n####### F\n\n\
| a | b |\n|---|---|\n| 1 | 2 |\n# G\n\n<div>\n```\n</div>\n\n# H\n\n```\nopen to the end\n\n# I\n";

/// Setext headings, a table and a paragraph right before a heading, a list whose items
/// hold headings-like lines, a fence of tildes, lazy quote lines, and HTML of each kind.
const MORE: &str = "\
Title\n=====\n# A\npara\n# B\n| a |\n|---|\n# C\n- x\n  # y\n\n  z\n# D\n~~~~\n# in\n~~~\n# in\n~~~~\n\
# E\n> q\nlazy\n# F\n<script>\n\n# in\n</script>\n# G\n<?\n\n# in\n?>\n# H\n<!X\n\n# in\n>\n\
# I\n<![CDATA[\n\n# in\n]]>\n# J\n<div>\n# K\n\n    # code\n# L\n1. a\n# M\n*emph\n# N*\n";

#[test]
fn pieces_read_as_the_whole() {
    for min in (1..=80).chain([100, 200, TRICKY.len()]) {
        assert_eq!(pieces(TRICKY, min), whole(TRICKY), "min {min}");
        assert_eq!(pieces(MORE, min), whole(MORE), "min {min}");
    }
    // Cut where it can be; a failed cut is tried again twice as far on (each try counts).
    assert_eq!(count(TRICKY, 1), 7);
    assert_eq!(count("# A\n\n# B\n\n# C\n", 1), 3);
    assert_eq!(count("# A\n\n# B\n\n# C\n", 6), 2);
}

#[test]
fn a_cut_is_looked_for_from_any_byte() {
    let src = "# é\n\nü ü\n\n## B\n";
    assert_eq!(heading_line(src, 0), Some(0));
    assert_eq!(heading_line(src, 1), Some(src.find("## B").unwrap_or(0)));
    assert_eq!(heading_line(src, 8), Some(src.find("## B").unwrap_or(0)));
    assert_eq!(heading_line(src, src.len()), None);
    assert_eq!(pieces(src, 3), whole(src));
}

#[test]
fn reference_definitions_keep_the_text_whole() {
    let src = "# A\n\n[x]\n\n# B\n\n[x]: /u\n";
    assert_eq!(count(src, 1), 1);
    assert_eq!(pieces(src, 1), whole(src));
}

#[test]
fn every_builtin_and_corpus_template_reads_the_same_in_pieces() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    for dir in [root.join("templates"), root.join("../shared/corpus")] {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                texts.push(text);
            }
        }
    }
    assert!(texts.len() > 5, "templates found: {}", texts.len());
    for text in &texts {
        for min in [1, 50] {
            assert_eq!(
                pieces(text, min),
                whole(text),
                "{}",
                &text[..text.len().min(80)]
            );
        }
    }
}
