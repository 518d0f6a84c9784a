//! Made in blocks of any size on two threads, the schema is the same text.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::super::pretty::write_with;
use super::alternate;
use crate::form::{Cells, Field, FieldKind, FieldSpan, Form, Meta, Opt, Section, Selection, Value};

/// A form of `n` sections of 0 to 3 fields each, of every kind the schema writes
/// differently (text to escape, boxes, a table with a hint, a list), some required,
/// some with help, and text after the last.
fn form(n: usize) -> Form {
    let (mut sections, mut fields) = (Vec::new(), Vec::new());
    for i in 0..n {
        let mut span = FieldSpan::EMPTY;
        for k in 0..i % 4 {
            let (kind, default) = match (i + k) % 4 {
                0 => (FieldKind::Text, Value::Text(format!("say \"{i}\"\n"))),
                1 => (
                    FieldKind::Checkboxes {
                        options: vec![Opt::new(format!("box {i}")), Opt::new("other")],
                    },
                    Selection::none(2),
                ),
                2 => (
                    FieldKind::table(
                        ["Name", "Value"],
                        ["a", "b"],
                        vec![vec![format!("hint {i}")], vec![String::new()]],
                    ),
                    Value::Table(Cells::empty(2, 1)),
                ),
                _ => (FieldKind::List, Value::List(vec![format!("item {i}")])),
            };
            span.push(fields.len());
            fields.push(Field {
                id: format!("s{i}-{k}").into(),
                label: format!("Label {i}\t{k}").into(),
                kind,
                placeholder: if k == 1 { "e.g. 3" } else { "" }.into(),
                help: String::new().into(),
                default,
                required: i % 5 == 0,
                section: crate::form::index32(i),
                line: 1,
            });
        }
        sections.push(Section {
            id: format!("s{i}").into(),
            title: format!("Section {i}").into(),
            level: 2,
            help: if i % 3 == 0 { "help\\me" } else { "" }.into(),
            text: String::new().into(),
            fields: span,
            parent: None,
            line: 1,
        });
    }
    Form {
        meta: Meta::default(),
        sections,
        required: crate::form::required_of(&fields),
        fields: std::sync::Arc::new(fields),
        rules: Vec::new(),
        defaults: crate::form::Defaults::Examples,
        after: "after\n".into(),
    }
}

fn schema(form: &Form, block: Option<usize>) -> Vec<u8> {
    let mut out = Vec::new();
    write_with(form, &mut out, block, b"spare".to_vec()).expect("written");
    out
}

#[test]
fn a_schema_is_the_same_in_blocks_of_any_size() {
    for n in [0, 1, 2, 5, 97] {
        let form = form(n);
        let one = schema(&form, None);
        for block in 1..=n + 1 {
            assert!(
                schema(&form, Some(block)) == one,
                "{n} sections in blocks of {block}"
            );
        }
    }
}

#[test]
fn a_large_form_is_written_in_blocks_and_a_small_one_is_not() {
    let large = form(5_000);
    let block = super::block_for(&large).expect("in blocks");
    assert!(large.sections.len().div_ceil(block) >= super::PIPE_FROM_BLOCKS);
    let mut streamed = Vec::new();
    super::super::write_pretty(&large, &mut streamed).expect("written");
    assert!(streamed == schema(&large, None));
    assert_eq!(super::block_for(&form(100)), None);
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
