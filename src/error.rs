//! Errors that point at a place in a file.

/// A problem at a file position, shown as `file:line:col: message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{col}: {message}")]
pub struct LocatedError {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl LocatedError {
    pub fn new(file: &str, line: usize, col: usize, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            line,
            col,
            message: message.into(),
        }
    }
}
