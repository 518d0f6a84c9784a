//! Made in blocks of any size on two threads, the schema is the same text.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::super::pretty::write_with;
use super::alternate;
use crate::form::Form;

/// The built-in and corpus templates' forms (markdown and issue forms; the corpus read
/// where it is, never copied), by name.
fn forms() -> Vec<(String, Form)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut forms = Vec::new();
    for dir in [root.join("templates"), root.join("../shared/corpus")] {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = path.display().to_string();
            if let Ok(bytes) = std::fs::read(&path)
                && let Ok(template) = crate::template::parse(&name, &bytes)
            {
                forms.push((name, template.form));
            }
        }
    }
    forms.sort_by(|a, b| a.0.cmp(&b.0));
    forms
}

fn schema(form: &Form, block: Option<usize>) -> Vec<u8> {
    let mut out = Vec::new();
    write_with(form, &mut out, block, b"spare".to_vec()).expect("written");
    out
}

/// The schema of `form` made in blocks of every size from one section to all of
/// them, compared with the one made here alone; how many were compared.
fn same_in_any_blocks(what: &str, form: &Form) -> usize {
    let one = schema(form, None);
    for block in 1..=form.sections.len() + 1 {
        assert!(
            schema(form, Some(block)) == one,
            "{what}: blocks of {block}"
        );
    }
    form.sections.len() + 1
}

#[test]
fn every_builtin_and_corpus_schema_is_the_same_in_blocks() {
    let forms = forms();
    assert!(forms.len() > 80, "forms: {}", forms.len());
    let compared: usize = forms
        .iter()
        .map(|(name, form)| same_in_any_blocks(name, form))
        .sum();
    assert!(compared > 500, "compared: {compared}");
}

/// `n` sections in the shape of `scripts/synth.sh` (heading, comment, bold-label
/// field, checkbox, 2x2 table), every third with a hint in its table.
fn synthetic(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let hint = if i % 3 == 0 { "<!-- hint -->" } else { "" };
        let _ = write!(
            out,
            "## Section {i}\n\n<!-- Describe \"part\" {i} -->\n\n- **Metric:** \n- [ ] Checked {i}\n\n\
             | Name | Value |\n|------|-------|\n| a    | {hint} |\n| b    |       |\n\n"
        );
    }
    out
}

#[test]
fn a_synthetic_schema_is_the_same_in_blocks_and_a_large_one_is_made_in_them() {
    let limits = crate::template::Limits {
        sections: usize::MAX,
        fields: usize::MAX,
        ..crate::template::Limits::default()
    };
    let parse = |n: usize| {
        crate::template::parse_within("synthetic.md", synthetic(n).as_bytes(), &limits)
            .expect("parses")
            .form
    };
    same_in_any_blocks("synthetic", &parse(300));
    let large = parse(3_000);
    let block = super::block_for(&large).expect("in blocks");
    assert!(large.sections.len().div_ceil(block) >= super::PIPE_FROM_BLOCKS);
    let mut streamed = Vec::new();
    super::super::write_pretty(&large, &mut streamed).expect("written");
    assert!(streamed == schema(&large, None));
    assert_eq!(super::block_for(&parse(10)), None);
}

/// Blocks made as their numbers, so the order written shows.
fn numbers(block: usize, buf: &mut Vec<u8>) {
    let _ = write!(buf, "{block} ");
}

#[test]
fn blocks_are_written_in_order_however_many() {
    for blocks in [0, 1, 2, 3, 10, 101] {
        let (mut out, mut here) = (Vec::new(), Vec::new());
        alternate(blocks, numbers, &mut out, &mut here).expect("written");
        let mut expected = String::new();
        for b in 0..blocks {
            let _ = write!(expected, "{b} ");
        }
        assert_eq!(String::from_utf8_lossy(&out), expected);
    }
}

#[test]
fn a_panic_on_the_second_thread_is_an_error_with_its_message() {
    let make = |block: usize, buf: &mut Vec<u8>| {
        assert!(block != 7, "block {block} cannot be made");
        numbers(block, buf);
    };
    let (mut out, mut here) = (Vec::new(), Vec::new());
    let err = alternate(20, make, &mut out, &mut here).expect_err("stopped");
    assert!(
        err.to_string()
            .ends_with("the second thread making the schema stopped: block 7 cannot be made"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out).starts_with("0 1 2 3 4 5 6 "));
}

/// Takes `left` bytes, then refuses (a reader that went away).
struct Closing {
    left: usize,
}

impl Write for Closing {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.left == 0 {
            return Err(io::ErrorKind::BrokenPipe.into());
        }
        let n = buf.len().min(self.left);
        self.left -= n;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_write_that_fails_stops_both_threads_with_its_error() {
    for left in [0, 5, 40] {
        let mut here = Vec::new();
        let err = alternate(1_000, numbers, &mut Closing { left }, &mut here).expect_err("fails");
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
    }
}
