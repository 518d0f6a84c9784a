//! Synthetic markdown bodies for tests, in the shape of `scripts/synth.sh` (and so of
//! the benchmark templates): the tests that compare work done on two threads with the
//! same work on one read and render them.

use std::fmt::Write as _;

/// `n` sections in the shape of `scripts/synth.sh`: heading, comment, bold-label
/// field, checkbox, 2x2 table.
pub(crate) fn synthetic(n: usize) -> String {
    synthetic_with(n, |_, _| {})
}

/// [`synthetic`], with `extra(i, out)` called after section `i`: what a test adds
/// between sections.
pub(crate) fn synthetic_with(n: usize, mut extra: impl FnMut(usize, &mut String)) -> String {
    let mut out = String::new();
    for i in 0..n {
        let _ = write!(
            out,
            "## Section {i}\n\n<!-- Describe part {i} -->\n\n- **Metric:** \n- [ ] Checked {i}\n\n\
             | Name | Value |\n|------|-------|\n| a    |       |\n| b    |       |\n\n"
        );
        extra(i, &mut out);
    }
    out
}
