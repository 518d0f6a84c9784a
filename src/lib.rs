//! issue-composer: issue templates become forms; answers become finished issues.
//!
//! The core (`template`, `form`, `render`) does no IO: it turns bytes into a [`form::Form`]
//! and a form plus [`form::Answers`] into a [`render::Issue`]. IO lives at the edges.

pub mod check;
pub mod cli;
pub mod command;
pub mod config;
pub mod discover;
pub mod draft;
pub mod environment;
pub mod error;
pub mod export;
pub mod form;
pub mod history;
pub mod metrics;
pub mod paths;
pub mod render;
pub mod shell;
pub mod template;
pub mod text;
pub mod threads;
pub mod tui;
pub mod yaml;

pub use error::LocatedError;
pub use form::{Answers, Form};
pub use render::{Issue, render};
pub use template::{Template, parse};
