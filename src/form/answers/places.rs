//! Where an answers file wrote its keys, so a problem names its place (`file:line:col`,
//! or `--set` for a value given on the command line).

/// Where an answers file wrote its keys, found when a problem needs them (one more
/// pass of the parser, 19% of a `render` with a 0.9 MiB answers file when done on every
/// read): the file's name and text, and the keys `--set` gave instead.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    file: String,
    text: Option<std::sync::Arc<str>>,
    set: Vec<Vec<String>>,
}

impl Places {
    pub(super) fn read(text: &str, file: &str) -> Self {
        Self {
            file: file.to_owned(),
            text: Some(text.into()),
            set: Vec::new(),
        }
    }

    /// The places of the keys of the top and of `fields`.
    pub(super) fn keys(&self) -> Vec<crate::yaml::KeyPlace> {
        self.text
            .as_deref()
            .map(|text| crate::yaml::key_places(text, 1, 2))
            .unwrap_or_default()
    }

    /// Where the problem with `path` (`["labels"]`, `["fields", key]`) is, among `keys`:
    /// the value's place (the key's, with `key`) as `file:line:col`, `--set` for a value
    /// given there, the file alone when the key was not found.
    pub(super) fn of(&self, keys: &[crate::yaml::KeyPlace], path: &[&str], key: bool) -> String {
        if self.set.iter().any(|p| p.iter().eq(path)) || self.file.is_empty() {
            return "--set".to_owned();
        }
        // On one line, whatever the file's name holds: the problems are a line each.
        let file = crate::text::escape_line(&self.file);
        match keys.iter().rev().find(|p| p.path.iter().eq(path)) {
            Some(p) => {
                let (line, col) = if key { p.key } else { p.value };
                format!("{file}:{line}:{col}")
            }
            None => file.into_owned(),
        }
    }

    /// The value of `path` now comes from `--set`.
    pub(super) fn set(&mut self, path: &[&str]) {
        self.set.push(path.iter().map(|&k| k.to_owned()).collect());
    }
}
