//! A markdown template: parse never panics, and what parses renders (empty and
//! filled) and gives its schema.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    issue_composer_fuzz::template("fuzz.md", data);
});
