//! Front matter: the input between `---` lines over a small body with one field.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"---\n".to_vec();
    bytes.extend_from_slice(data);
    bytes.extend_from_slice(b"\n---\n## Steps\n\n- **Version:** \n");
    issue_composer_fuzz::template("fuzz.md", &bytes);
});
