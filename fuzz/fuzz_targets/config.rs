//! `config.toml`: parsing never panics, and the parsed config writes back as TOML that
//! parses without warnings.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    issue_composer_fuzz::config(data);
});
