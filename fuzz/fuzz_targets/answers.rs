//! An answers file (YAML or JSON) applied to the built-in performance template, strictly
//! and leniently, then rendered and written back as YAML.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    issue_composer_fuzz::answers(data);
});
