//! Draws the form as an SVG screenshot for the README: `cargo run --example screenshot`
//! writes `assets/form.svg`, `assets/review.svg` and `assets/metrics.svg` from the real
//! app on a `TestBackend`.

use std::fmt::Write as _;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use issue_composer::discover;
use issue_composer::export::Plan;
use issue_composer::tui::app::{App, Config, Msg};
use issue_composer::tui::screen;
use issue_composer::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

const W: u16 = 110;
const H: u16 = 32;

fn main() -> std::io::Result<()> {
    let source = discover::resolve("performance").map_err(std::io::Error::other)?;
    let template = discover::load(&source).map_err(std::io::Error::other)?;
    let config = Config {
        plan: Plan::default(),
        drafts: false,
        theme: Theme::from_env(),
        ..Config::default()
    };
    let mut app = App::with_form(config, template, source, None, (W, H));
    let key = |app: &mut App, code: KeyCode, mods: KeyModifiers| {
        app.update(Msg::Key(KeyEvent::new(code, mods)));
    };
    for c in "Search p95 latency regressed 4x".chars() {
        key(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    key(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
    for c in "Since 2.3, /search takes 850 ms at p95 (was 210 ms).".chars() {
        key(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    for c in "850 ms p95".chars() {
        key(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    for c in "120 req/s".chars() {
        key(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    key(&mut app, KeyCode::F(2), KeyModifiers::NONE);
    write_svg(&app, "assets/form.svg")?;
    key(&mut app, KeyCode::F(2), KeyModifiers::NONE);
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    write_svg(&app, "assets/review.svg")?;
    metrics()
}

/// go-performance opened with `--metrics` on a `go test -bench` output: the targets
/// table's Baseline column filled.
fn metrics() -> std::io::Result<()> {
    let source = discover::resolve("go-performance").map_err(std::io::Error::other)?;
    let template = discover::load(&source).map_err(std::io::Error::other)?;
    let paths = issue_composer::metrics::files::Paths {
        baseline: vec!["tests/fixtures/metrics/go/bench.txt".into()],
        actual: Vec::new(),
        bench: None,
        actual_flag: "",
    };
    let file = issue_composer::metrics::files::prefill(&template.form, None, &paths)
        .map_err(std::io::Error::other)?;
    let config = Config {
        plan: Plan::default(),
        drafts: false,
        theme: Theme::from_env(),
        ..Config::default()
    };
    let mut app = App::with_form(config, template, source, None, (W, H));
    if let Some(file) = &file {
        app.start_from(file);
    }
    for _ in 0..20 {
        let at_table = app.form().is_some_and(|f| {
            &*f.form().sections[f.current_section()].title == "Performance Targets"
        });
        if at_table {
            break;
        }
        app.update(Msg::Key(KeyEvent::new(
            KeyCode::Char('n'),
            KeyModifiers::CONTROL,
        )));
    }
    write_svg(&app, "assets/metrics.svg")
}

fn write_svg(app: &App, path: &str) -> std::io::Result<()> {
    let Ok(mut terminal) = Terminal::new(TestBackend::new(W, H));
    let Ok(_) = terminal.draw(|f| screen::draw(f, app));
    std::fs::write(path, svg(terminal.backend().buffer()))
}

/// One `<text>` per run of cells with the same style, on a dark background.
fn svg(buf: &Buffer) -> String {
    let (cw, ch) = (8.4_f32, 18.0_f32);
    let width = f32::from(buf.area.width) * cw + 20.0;
    let height = f32::from(buf.area.height) * ch + 20.0;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"DejaVu Sans Mono, Menlo, monospace\" font-size=\"14\">\n<rect width=\"100%\" height=\"100%\" rx=\"6\" fill=\"#1e2127\"/>\n"
    );
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let cell = &buf[(x, y)];
            let style = (cell.fg, cell.bg, cell.modifier);
            let start = x;
            let mut text = String::new();
            while x < buf.area.width
                && (buf[(x, y)].fg, buf[(x, y)].bg, buf[(x, y)].modifier) == style
            {
                text.push_str(buf[(x, y)].symbol());
                x += 1;
            }
            let px = 10.0 + f32::from(start) * cw;
            let py = 10.0 + f32::from(y) * ch;
            let reversed = style.2.contains(Modifier::REVERSED);
            let (fg, bg) = if reversed {
                (style.1, style.0)
            } else {
                (style.0, style.1)
            };
            if bg != Color::Reset || reversed {
                let _ = writeln!(
                    out,
                    "<rect x=\"{px}\" y=\"{py}\" width=\"{}\" height=\"{ch}\" fill=\"{}\"/>",
                    f32::from(x - start) * cw,
                    color(bg, "#c8ccd4")
                );
            }
            if text.trim().is_empty() {
                continue;
            }
            let weight = if style.2.contains(Modifier::BOLD) {
                " font-weight=\"bold\""
            } else {
                ""
            };
            let deco = if style.2.contains(Modifier::UNDERLINED) {
                " text-decoration=\"underline\""
            } else {
                ""
            };
            let fill = if reversed {
                color(fg, "#1e2127")
            } else {
                color(fg, "#c8ccd4")
            };
            let escaped = text
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            let _ = writeln!(
                out,
                "<text x=\"{px}\" y=\"{}\" fill=\"{fill}\"{weight}{deco} xml:space=\"preserve\">{escaped}</text>",
                py + ch * 0.75
            );
        }
    }
    out.push_str("</svg>\n");
    out
}

fn color(c: Color, reset: &str) -> String {
    match c {
        Color::Cyan => "#56b6c2".to_owned(),
        Color::Yellow => "#e5c07b".to_owned(),
        Color::Green => "#98c379".to_owned(),
        Color::Red => "#e06c75".to_owned(),
        Color::DarkGray => "#7f848e".to_owned(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        _ => reset.to_owned(),
    }
}
