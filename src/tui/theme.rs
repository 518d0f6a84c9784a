//! Styles: the dark or light palette, or none (bold, dim, underline and reverse only),
//! with colour overrides per role from config.toml. `NO_COLOR` turns colour off.

use ratatui::style::{Color, Modifier, Style};

use crate::config::{self, COLOR_ROLES, ThemeName};

/// The parts of the screen a colour can be set for, in [`COLOR_ROLES`]' order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Title,
    Label,
    Focus,
    Help,
    Placeholder,
    Input,
    Cursor,
    Option,
    Selected,
    TableHeader,
    Done,
    Missing,
    Border,
    Key,
    Error,
}

const ROLES: usize = 15;
const _: () = assert!(COLOR_ROLES.len() == ROLES);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
    light: bool,
    /// Per role (see [`COLOR_ROLES`]), the colour set in config.toml.
    overrides: [Option<Color>; ROLES],
}

impl Theme {
    /// Colors unless `NO_COLOR` is set to anything non-empty.
    pub fn from_env() -> Self {
        Self::from_config(&config::Theme::default(), no_color())
    }

    /// The configured theme; `no_color` (`NO_COLOR`) wins over it.
    pub fn from_config(theme: &config::Theme, no_color: bool) -> Self {
        let mut overrides = [None; ROLES];
        for (i, role) in COLOR_ROLES.iter().enumerate() {
            overrides[i] = theme.colors.get(*role).and_then(|c| parse_color(c));
        }
        Self {
            color: !no_color && theme.name != ThemeName::None,
            light: theme.name == ThemeName::Light,
            overrides,
        }
    }

    pub fn plain() -> Self {
        Self {
            color: false,
            light: false,
            overrides: [None; ROLES],
        }
    }

    /// The role's colour: the override, else the palette's (`None`: no colour).
    fn color(self, role: Role, dark: Option<Color>, light: Option<Color>) -> Option<Color> {
        if !self.color {
            return None;
        }
        self.overrides[role as usize].or(if self.light { light } else { dark })
    }

    fn fg(self, role: Role, dark: Option<Color>, light: Option<Color>) -> Style {
        match self.color(role, dark, light) {
            Some(color) => Style::new().fg(color),
            None => Style::new(),
        }
    }

    pub fn title(self) -> Style {
        self.fg(Role::Title, Some(Color::Cyan), Some(Color::Blue))
            .add_modifier(Modifier::BOLD)
    }

    pub fn label(self, focused: bool) -> Style {
        if focused {
            self.focus()
        } else {
            self.fg(Role::Label, None, None)
                .add_modifier(Modifier::BOLD)
        }
    }

    fn focus(self) -> Style {
        self.fg(Role::Focus, Some(Color::Yellow), Some(Color::Magenta))
            .add_modifier(Modifier::BOLD)
    }

    pub fn help(self) -> Style {
        self.fg(Role::Help, Some(Color::DarkGray), Some(Color::DarkGray))
            .add_modifier(Modifier::DIM)
    }

    pub fn placeholder(self) -> Style {
        self.fg(Role::Placeholder, Some(Color::DarkGray), Some(Color::Gray))
            .add_modifier(Modifier::DIM | Modifier::ITALIC)
    }

    pub fn input(self, focused: bool) -> Style {
        let underlined = Style::new().add_modifier(Modifier::UNDERLINED);
        if !focused {
            return underlined;
        }
        let dark = Some(Color::Rgb(40, 44, 52));
        let light = Some(Color::Rgb(225, 228, 232));
        match self.color(Role::Input, dark, light) {
            Some(bg) => underlined.bg(bg),
            None => underlined,
        }
    }

    /// The text cursor in text areas.
    pub fn cursor(self) -> Style {
        match self.color(Role::Cursor, None, None) {
            Some(bg) => Style::new().bg(bg),
            None => Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    pub fn option(self) -> Style {
        self.fg(Role::Option, None, None)
    }

    pub fn option_focused(self) -> Style {
        self.focus()
    }

    pub fn table_header(self) -> Style {
        self.fg(Role::TableHeader, None, None)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn selected(self) -> Style {
        self.fg(Role::Selected, None, None)
            .add_modifier(Modifier::REVERSED)
    }

    pub fn done(self) -> Style {
        self.fg(Role::Done, Some(Color::Green), Some(Color::Green))
    }

    pub fn missing(self) -> Style {
        self.fg(Role::Missing, Some(Color::Red), Some(Color::Red))
            .add_modifier(Modifier::BOLD)
    }

    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(Role::Border, Some(Color::Cyan), Some(Color::Blue))
        } else {
            self.fg(Role::Border, Some(Color::DarkGray), Some(Color::Gray))
        }
    }

    pub fn key(self) -> Style {
        self.fg(Role::Key, Some(Color::Cyan), Some(Color::Blue))
            .add_modifier(Modifier::BOLD)
    }

    pub fn error(self) -> Style {
        self.fg(Role::Error, Some(Color::Red), Some(Color::Red))
            .add_modifier(Modifier::BOLD)
    }
}

/// Whether `NO_COLOR` is set to anything non-empty.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// A colour as config.toml writes it: a name, `#rrggbb` or an index from 0 to 255.
pub fn parse_color(text: &str) -> Option<Color> {
    if let Some(hex) = text.strip_prefix('#').filter(|h| h.len() == 6) {
        let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        return Some(Color::Rgb(byte(0)?, byte(2)?, byte(4)?));
    }
    if let Ok(index) = text.parse::<u8>() {
        return Some(Color::Indexed(index));
    }
    Some(match text {
        "reset" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" => Color::Gray,
        "dark-gray" => Color::DarkGray,
        "light-red" => Color::LightRed,
        "light-green" => Color::LightGreen,
        "light-yellow" => Color::LightYellow,
        "light-blue" => Color::LightBlue,
        "light-magenta" => Color::LightMagenta,
        "light-cyan" => Color::LightCyan,
        "white" => Color::White,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_as_config_toml_writes_them() {
        assert_eq!(parse_color("#ff8000"), Some(Color::Rgb(255, 128, 0)));
        assert_eq!(parse_color("208"), Some(Color::Indexed(208)));
        assert_eq!(parse_color("light-blue"), Some(Color::LightBlue));
        assert_eq!(parse_color("#ff80"), None);
        assert_eq!(parse_color("mauve"), None);
    }

    #[test]
    fn overrides_and_palettes_apply_unless_colour_is_off() {
        let mut config = config::Theme::default();
        config.colors.insert("title".into(), "magenta".into());
        let dark = Theme::from_config(&config, false);
        assert_eq!(dark.title().fg, Some(Color::Magenta));
        assert_eq!(dark.key().fg, Some(Color::Cyan));
        config.name = ThemeName::Light;
        assert_eq!(
            Theme::from_config(&config, false).key().fg,
            Some(Color::Blue)
        );
        assert_eq!(Theme::from_config(&config, true).title().fg, None);
        config.name = ThemeName::None;
        assert_eq!(Theme::from_config(&config, false).title().fg, None);
    }
}
