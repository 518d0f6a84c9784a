//! Errors that point at a place in a file.

/// A problem at a file position, shown as `file:line:col: message`; one about the whole
/// file (line 0, see [`LocatedError::whole`]) as `file: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
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

    /// A problem with the file as a whole (it cannot be read, it is too large).
    pub fn whole(file: &str, message: impl Into<String>) -> Self {
        Self::new(file, 0, 0, message)
    }
}

impl std::fmt::Display for LocatedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Self {
            file,
            line,
            col,
            message,
        } = self;
        if *line == 0 {
            write!(f, "{file}: {message}")
        } else {
            write!(f, "{file}:{line}:{col}: {message}")
        }
    }
}

impl std::error::Error for LocatedError {}
