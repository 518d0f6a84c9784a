//! Editing a field's text in an external editor, through a private temporary file.

/// Edits `text` in the editor (config.toml's, `$VISUAL`, `$EDITOR`, else vi) through a
/// private temporary file: what it saved, or why there is nothing.
pub fn edit_externally(
    editor: Option<&str>,
    text: &str,
    extension: &str,
) -> Result<String, String> {
    let editor = editor
        .filter(|e| !e.trim().is_empty())
        .map(str::to_owned)
        .or_else(|| {
            ["VISUAL", "EDITOR"]
                .iter()
                .find_map(|v| std::env::var(v).ok().filter(|e| !e.trim().is_empty()))
        })
        .unwrap_or_else(|| "vi".to_owned());
    // Created exclusively, readable by the owner only; the extension (from the template)
    // is only used when it is a plain word.
    let plain = !extension.is_empty()
        && extension.len() <= 16
        && extension
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_+-".contains(c));
    let suffix = format!(".{}", if plain { extension } else { "md" });
    let mut file = tempfile::Builder::new()
        .prefix("issue-composer-")
        .suffix(&suffix)
        .tempfile()
        .map_err(|e| format!("could not make a file for the editor: {e}"))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|e| format!("could not make a file for the editor: {e}"))?;
    // The editor may carry arguments (`code --wait`): the shell splits them; the file
    // is passed as a separate argument, never interpolated.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status()
        .map_err(|e| format!("could not start the editor `{editor}`: {e}"))?;
    if !status.success() {
        return Err(format!("the editor `{editor}` failed ({status})"));
    }
    match std::fs::read(file.path()) {
        Ok(bytes) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err("the editor removed the file it was given".to_owned())
        }
        Err(e) => Err(format!("could not read what the editor saved: {e}")),
    }
}
