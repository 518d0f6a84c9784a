//! Command-line pieces for the shell-side commands: `config` and `drafts` subcommands,
//! `--label` and `--assignee`.

use clap::{Args, Subcommand};

use super::ClipboardWith;
use crate::export::Provider;

/// Labels and assignees added to the template's. Shared by `render` and the form.
#[derive(Debug, Args, Clone, Default, PartialEq, Eq)]
pub struct PeopleArgs {
    /// Add a label to the template's (repeats; commas separate several).
    #[arg(long = "label", value_name = "NAME")]
    pub labels: Vec<String>,
    /// Add an assignee to the template's (repeats; commas separate several).
    #[arg(long = "assignee", value_name = "LOGIN")]
    pub assignees: Vec<String>,
}

impl PeopleArgs {
    /// Adds the labels and assignees not there yet, in the order given.
    pub fn add_to(&self, labels: &mut Vec<String>, assignees: &mut Vec<String>) {
        for (given, list) in [(&self.labels, labels), (&self.assignees, assignees)] {
            for name in given.iter().flat_map(|g| crate::text::split_list(g)) {
                if !list.contains(&name) {
                    list.push(name);
                }
            }
        }
    }
}

impl From<Option<Provider>> for ClipboardWith {
    /// `None` is `auto`.
    fn from(provider: Option<Provider>) -> Self {
        match provider {
            None => ClipboardWith::Auto,
            Some(Provider::WlCopy) => ClipboardWith::WlCopy,
            Some(Provider::Xclip) => ClipboardWith::Xclip,
            Some(Provider::Xsel) => ClipboardWith::Xsel,
            Some(Provider::Arboard) => ClipboardWith::Arboard,
            Some(Provider::Osc52) => ClipboardWith::Osc52,
        }
    }
}

/// `issue-composer config ...`.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the path of config.toml (it need not exist).
    Path,
    /// Print the settings in force, config.toml over the defaults, as TOML.
    Show,
}

/// `issue-composer drafts ...`.
#[derive(Debug, Subcommand)]
pub enum DraftsCommand {
    /// One line per draft: id, template, repository, last change, size.
    List,
    /// Print a draft (an answers file, usable with --answers).
    Show {
        /// The draft's id, as `drafts list` shows it.
        id: String,
    },
    /// Remove a draft.
    Rm {
        /// The draft's id, as `drafts list` shows it.
        id: String,
    },
}
