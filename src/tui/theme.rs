//! Styles. With `NO_COLOR` set, only bold, dim, underline and reverse are used.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
}

impl Theme {
    /// Colors unless `NO_COLOR` is set to anything non-empty.
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self { color: !no_color }
    }

    pub fn plain() -> Self {
        Self { color: false }
    }

    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn label(self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn help(self) -> Style {
        self.fg(Color::DarkGray).add_modifier(Modifier::DIM)
    }

    pub fn placeholder(self) -> Style {
        self.fg(Color::DarkGray)
            .add_modifier(Modifier::DIM | Modifier::ITALIC)
    }

    pub fn input(self, focused: bool) -> Style {
        if focused {
            if self.color {
                Style::new()
                    .bg(Color::Rgb(40, 44, 52))
                    .add_modifier(Modifier::UNDERLINED)
            } else {
                Style::new().add_modifier(Modifier::UNDERLINED)
            }
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    pub fn option(self) -> Style {
        Style::new()
    }

    pub fn option_focused(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn table_header(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn done(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn missing(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan)
        } else {
            self.fg(Color::DarkGray)
        }
    }

    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
}
