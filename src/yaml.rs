//! YAML reading with resource budgets and errors that name file, line and column.

use serde::de::DeserializeOwned;

use crate::error::LocatedError;

/// Parses `text` (which starts at 1-based `first_line` of `file`) as YAML into `T`.
/// Duplicate keys keep the last value, as GitHub's own YAML reader does.
pub fn from_str<T: DeserializeOwned>(
    text: &str,
    file: &str,
    first_line: usize,
) -> Result<T, LocatedError> {
    let options = serde_saphyr::options! {
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::LastWins,
        // YAML 1.2 booleans only: `N` or `no` stay text (a name, a Yes/No answer).
        strict_booleans: true,
        budget: serde_saphyr::budget! {
            max_events: 200_000,
            max_aliases: 1_000,
            max_anchors: 1_000,
        },
    };
    serde_saphyr::from_str_with_options(text, options).map_err(|err| {
        let (line, col) = err
            .location()
            .map_or((1, 1), |loc| (to_usize(loc.line()), to_usize(loc.column())));
        LocatedError {
            file: file.to_owned(),
            line: first_line + line.max(1) - 1,
            col: col.max(1),
            message: plain_message(&err.without_snippet().to_string()),
        }
    })
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX / 2)
}

/// serde-saphyr appends " at line L, column C"; we print the position ourselves.
fn plain_message(message: &str) -> String {
    let message = message.strip_prefix("error: ").unwrap_or(message);
    let message = match message.rfind(" at line ") {
        Some(at) => &message[..at],
        None => message,
    };
    crate::template::sanitize::one_line(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_located_in_the_file() {
        let err = from_str::<serde_json::Value>("name: [open\nabout: x\n", "t.md", 2).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.md:3:6: illegal placement of ':' indicator"
        );
    }

    #[test]
    fn duplicate_keys_keep_the_last() {
        let v: serde_json::Value = from_str("a: 1\na: 2\n", "x", 1).unwrap();
        assert_eq!(v["a"], 2);
    }
}
