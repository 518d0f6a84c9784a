//! Yes-or-no settings as GitHub's YAML reader has them (YAML 1.1's `yes`, `no`, `on`,
//! `off`, in any case), where the reader that fills the form takes only `true` and
//! `false`.

use serde::Deserialize;
use serde_json::Value as Json;

/// A yes-or-no setting as GitHub's YAML reader has it: YAML 1.1's `yes`, `no`, `on` and
/// `off` too, in any case, besides `true` and `false`. (The reader that fills the form
/// takes only `true` and `false` as booleans, so that `no` stays text elsewhere.)
#[derive(Debug, Clone, Copy)]
pub(super) struct Flag(bool);

impl Flag {
    pub(super) fn on(self) -> bool {
        self.0
    }
}

/// `yes` and `on` are true and `no` and `off` false, in any case, as GitHub reads them.
pub(in crate::template) fn flag_word(word: &str) -> Option<bool> {
    const TRUE: [&str; 3] = ["true", "yes", "on"];
    const FALSE: [&str; 3] = ["false", "no", "off"];
    if TRUE.iter().any(|t| t.eq_ignore_ascii_case(word)) {
        Some(true)
    } else if FALSE.iter().any(|f| f.eq_ignore_ascii_case(word)) {
        Some(false)
    } else {
        None
    }
}

/// A read value as a yes-or-no setting, as GitHub reads it (a checkbox option's
/// `required`, config.yml's `blank_issues_enabled`).
pub fn json_flag(json: &Json) -> Option<bool> {
    match json {
        Json::Bool(b) => Some(*b),
        Json::String(word) => flag_word(word),
        _ => None,
    }
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Flag;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("true or false")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Flag, E> {
                flag_word(v).map(Flag).ok_or_else(|| {
                    let escaped = crate::text::escape_line(v);
                    let shown = crate::text::shorten(&escaped, 40);
                    E::custom(format_args!("write true or false here, not `{shown}`"))
                })
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Flag, E> {
                Err(E::custom(format_args!(
                    "write true or false here, not the number {v}"
                )))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Flag, E> {
                Err(E::custom(format_args!(
                    "write true or false here, not the number {v}"
                )))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Flag, E> {
                Err(E::custom(format_args!(
                    "write true or false here, not the number {v}"
                )))
            }
        }
        d.deserialize_any(Visit)
    }
}
