//! The IO edge of metrics: reads result files (or walks criterion's folder for
//! `new/estimates.json`), fills the answers, and tells standard error what was chosen.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use super::{Import, Inputs, criterion, fill};
use crate::form::{Answers, AnswersFile, Form};

/// Result files from the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paths {
    pub baseline: Vec<PathBuf>,
    pub actual: Vec<PathBuf>,
    pub bench: Option<String>,
    /// The flag the actual results came with (see [`Inputs::actual_flag`]).
    pub actual_flag: &'static str,
}

impl Paths {
    pub fn is_empty(&self) -> bool {
        self.baseline.is_empty() && self.actual.is_empty()
    }
}

/// The largest results file read (`--metrics`, `--metrics-actual`, and criterion's
/// JSON): benchmark output is far smaller, and `/dev/zero` or a wrong file must not
/// fill the memory.
pub const MAX_FILE_SIZE: usize = 16 << 20;

/// How deep criterion's folder is walked (`target/criterion/<group>/<bench>/new`, with
/// room for nested groups).
const MAX_DEPTH: usize = 8;

/// Reads one path: a result file, or a folder holding criterion results.
pub fn read(path: &Path) -> Result<Vec<Import>> {
    if path.is_dir() {
        let mut found = Vec::new();
        walk(path, 0, &mut found)
            .with_context(|| format!("cannot read the folder {}", path.display()))?;
        found.sort();
        if found.is_empty() {
            bail!(
                "{}: no criterion results in it (looked for */new/estimates.json)",
                path.display()
            );
        }
        return found.iter().map(|p| read_file(p)).collect();
    }
    Ok(vec![read_file(path)?])
}

/// A results file as text: a regular file of at most [`MAX_FILE_SIZE`].
fn read_text(path: &Path) -> Result<String> {
    let bytes = crate::export::file::read_regular_within(path, MAX_FILE_SIZE)
        .map_err(|err| match err.kind() {
            std::io::ErrorKind::FileTooLarge => {
                anyhow::anyhow!("{err}, the limit for metrics files")
            }
            _ => err.into(),
        })
        .with_context(|| format!("cannot read metrics file {}", path.display()))?;
    String::from_utf8(bytes).with_context(|| {
        format!(
            "cannot read metrics file {}: not UTF-8 text",
            path.display()
        )
    })
}

fn read_file(path: &Path) -> Result<Import> {
    let text = read_text(path)?;
    let name = path.display().to_string();
    if path.file_name().is_some_and(|n| n == "estimates.json") {
        let id = path
            .parent()
            .map(|dir| dir.join("benchmark.json"))
            .and_then(|p| read_text(&p).ok());
        return Ok(super::checked(criterion::parse(
            &name,
            &text,
            id.as_deref(),
        )?));
    }
    Ok(super::parse(&name, &text)?)
}

fn walk(dir: &Path, depth: usize, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, depth + 1, found)?;
        } else if path.file_name().is_some_and(|n| n == "estimates.json")
            && path
                .parent()
                .and_then(Path::file_name)
                .is_some_and(|n| n == "new")
        {
            found.push(path);
        }
    }
    Ok(())
}

/// Reads every path into results by role.
pub fn inputs(paths: &Paths) -> Result<Inputs> {
    let read_all = |list: &[PathBuf]| -> Result<Vec<Import>> {
        Ok(list
            .iter()
            .map(|p| read(p))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect())
    };
    Ok(Inputs {
        baseline: read_all(&paths.baseline)?,
        actual: read_all(&paths.actual)?,
        bench: paths.bench.clone(),
        actual_flag: paths.actual_flag,
    })
}

/// Fills the empty metric fields of `answers` from the files; notes go to standard error.
pub fn apply(form: &Form, answers: &mut Answers, paths: &Paths) -> Result<()> {
    if paths.is_empty() {
        return Ok(());
    }
    let report = fill(form, answers, &inputs(paths)?)?;
    for note in &report.notes {
        eprintln!("issue-composer: {}", crate::text::escape(note));
    }
    Ok(())
}

/// The answers the form opens with: `initial` (an answers file) with the metrics filled
/// in where it left fields empty. `initial` itself when no metrics are given.
pub fn prefill(
    form: &Form,
    initial: Option<AnswersFile>,
    paths: &Paths,
) -> Result<Option<AnswersFile>> {
    if paths.is_empty() {
        return Ok(initial);
    }
    let mut answers = Answers::new(form);
    if let Some(file) = &initial {
        file.apply(form, &mut answers)?;
    }
    apply(form, &mut answers, paths)?;
    Ok(Some(AnswersFile::from_answers(form, &answers)))
}
