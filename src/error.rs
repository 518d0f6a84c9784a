//! Errors that point at a place in a file.

/// A JSON reader's error in the product's words, without its position (the caller
/// shows it as `file:line:col`): `invalid type: string "fast", expected f64` is
/// `the text "fast" where a number belongs`.
pub fn json_words(err: &serde_json::Error) -> String {
    let text = err.to_string();
    // serde_json ends its messages with ` at line L column C`.
    let text = match text.rfind(" at line ") {
        Some(at) if text[at..].contains(" column ") => &text[..at],
        _ => text.as_str(),
    };
    let Some((found, expected)) = text
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
    else {
        return text.to_owned();
    };
    let expected = match expected {
        "f64" | "f32" | "u64" | "u32" | "usize" | "i64" | "i32" => "a number",
        "a sequence" => "a list",
        "a string" => "text",
        "a boolean" => "true or false",
        e if e.starts_with("struct ") || e == "a map" => "a mapping",
        e => e,
    };
    let found = if let Some(s) = found.strip_prefix("string ") {
        format!("the text {s}")
    } else if let Some(n) = found
        .strip_prefix("integer ")
        .or_else(|| found.strip_prefix("floating point "))
    {
        format!("the number {}", n.trim_matches('`'))
    } else if found == "sequence" {
        "a list".to_owned()
    } else if found == "map" {
        "a mapping".to_owned()
    } else {
        found.to_owned()
    };
    format!("{found} where {expected} belongs")
}

/// A problem at a file position, shown as `file:line:col: message`; one about the whole
/// file (line 0, see [`LocatedError::whole`]) as `file: message`.
/// More problems found in the same read follow it in `more`, each on a line of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatedError {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
    /// The further problems of the same file, in the order found (each without `more`).
    pub more: Vec<LocatedError>,
}

impl LocatedError {
    pub fn new(file: &str, line: usize, col: usize, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            line,
            col,
            message: message.into(),
            more: Vec::new(),
        }
    }

    /// The first of `all` carrying the others; `None` when `all` is empty.
    pub fn all(all: Vec<LocatedError>) -> Option<Self> {
        let mut all = all.into_iter();
        let mut first = all.next()?;
        first.more.extend(all);
        Some(first)
    }

    /// This problem and the further ones, each alone.
    pub fn each(&self) -> impl Iterator<Item = LocatedError> + '_ {
        std::iter::once(Self {
            more: Vec::new(),
            ..self.clone()
        })
        .chain(self.more.iter().cloned())
    }

    /// The first problem, with a count of the further ones: for a line of its own (the
    /// chooser's, `list`'s).
    pub fn summary(&self) -> String {
        let first = Self {
            more: Vec::new(),
            ..self.clone()
        };
        format!("{first}{}", self.more_said())
    }

    /// [`summary`](Self::summary) without the file, for a line that names it already
    /// (`list`'s, the picker's): `9:1: message`, or the message alone for the file as a
    /// whole.
    pub fn summary_in_file(&self) -> String {
        let Self {
            line, col, message, ..
        } = self;
        let more = self.more_said();
        if *line == 0 {
            format!("{message}{more}")
        } else {
            format!("{line}:{col}: {message}{more}")
        }
    }

    fn more_said(&self) -> String {
        match self.more.len() {
            0 => String::new(),
            1 => " (and 1 more problem)".to_owned(),
            n => format!(" (and {n} more problems)"),
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
            more,
        } = self;
        if *line == 0 {
            write!(f, "{file}: {message}")?;
        } else {
            write!(f, "{file}:{line}:{col}: {message}")?;
        }
        more.iter().try_for_each(|m| write!(f, "\n{m}"))
    }
}

impl std::error::Error for LocatedError {}
