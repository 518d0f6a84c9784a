//! What goes wrong with an answers file: a key or value that does not fit the form
//! (all of them at once, each at its place), or a file that cannot be read.

use crate::error::LocatedError;

/// A key or value in an answers file that does not fit the form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("unknown field `{key}`; fields: {candidates}")]
    Unknown { key: String, candidates: String },
    #[error("`{key}` matches several fields: {candidates}; use one of these ids")]
    Ambiguous { key: String, candidates: String },
    #[error("`{key}`: {message}")]
    Value { key: String, message: String },
    #[error("`{first}` and `{second}` both answer the field `{id}`; give one")]
    Twice {
        first: String,
        second: String,
        id: String,
    },
}

/// Every key or value of an answers file that does not fit the form, in the file's
/// order: all of them at once, so one run shows what to mend. Each comes with its place
/// (`file:line:col`, `--set`, or the file alone when it has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerErrors(pub Vec<(String, AnswerError)>);

impl std::fmt::Display for AnswerErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let one = |f: &mut std::fmt::Formatter<'_>, (at, e): &(String, AnswerError)| {
            if at.is_empty() {
                write!(f, "{e}")
            } else {
                write!(f, "{at}: {e}")
            }
        };
        match self.0.as_slice() {
            [only] => one(f, only),
            all => {
                write!(f, "{} answers do not fit the form:", all.len())?;
                all.iter().try_for_each(|e| {
                    f.write_str("\n  ")?;
                    one(f, e)
                })
            }
        }
    }
}

impl std::error::Error for AnswerErrors {}

/// An answers file that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read answers file {}", path.display())]
    Io {
        path: std::path::PathBuf,
        #[source]
        cause: std::io::Error,
    },
    #[error(
        "answers file {} is larger than {}, the limit for answers files (raise it with {MAX_SIZE_VAR}=BYTES)",
        path.display(),
        crate::text::size_name(*limit)
    )]
    TooLarge {
        path: std::path::PathBuf,
        limit: usize,
    },
    #[error(transparent)]
    Parse(#[from] LocatedError),
}

/// Answers files larger than this are refused, unless [`MAX_SIZE_VAR`] raises it.
pub const MAX_SIZE: usize = 1024 * 1024;

/// The environment variable that sets the answers file size limit in bytes.
pub const MAX_SIZE_VAR: &str = "ISSUE_COMPOSER_MAX_ANSWERS_SIZE";
