//! A GitHub/Gitea issue form (YAML): parse never panics, and what parses renders and
//! gives its schema.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    issue_composer_fuzz::template("fuzz.yml", data);
});
