//! What every fuzz target does with its input, shared so that a crash found by one can
//! be replayed by hand (`cargo fuzz run TARGET artifact`) and as a regression test.

use issue_composer::discover::BUILTINS;
use issue_composer::form::{AnswersFile, schema};
use issue_composer::{Answers, parse, render};

/// Parses `data` as the template `file`; a template that parses renders empty, renders
/// its defaults written back as answers, and gives its schema.
pub fn template(file: &str, data: &[u8]) {
    let Ok(template) = parse(file, data) else {
        return;
    };
    let form = &template.form;
    let answers = Answers::new(form);
    let _ = render(&template, &answers);
    let _ = schema::to_json(form);
    let mut out = Vec::new();
    let _ = schema::write_pretty(form, &mut out);
    if let Ok(yaml) = AnswersFile::from_answers(form, &answers).to_yaml() {
        if let Ok(file) = AnswersFile::parse(&yaml, "fuzz.yaml") {
            let mut again = Answers::new(form);
            let _ = file.apply(form, &mut again);
            let _ = render(&template, &again);
        }
    }
}

/// Applies `data` as an answers file to the built-in performance template.
pub fn answers(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(builtin) = BUILTINS.iter().find(|b| b.stem == "performance") else {
        return;
    };
    let Ok(template) = parse(builtin.file, builtin.text.as_bytes()) else {
        return;
    };
    let form = &template.form;
    let Ok(file) = AnswersFile::parse(text, "fuzz.yaml") else {
        return;
    };
    let mut answers = Answers::new(form);
    if file.apply(form, &mut answers).is_ok() {
        let _ = render(&template, &answers);
    }
    let mut lenient = Answers::new(form);
    let _ = file.apply_lenient(form, &mut lenient);
    let _ = render(&template, &lenient);
    let _ = AnswersFile::from_answers(form, &lenient).to_yaml();
}

/// Reads `data` as `config.toml`, then reads what it writes back.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (config, _) = issue_composer::config::parse(text, "config.toml");
    let _ = issue_composer::config::parse(&config.to_toml(), "config.toml");
}
