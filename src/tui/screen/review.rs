//! The review: the finished issue, what blocks it, and what can be done with it.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::super::app::{App, FormState};

pub fn draw(frame: &mut Frame, app: &App, state: &FormState, area: Rect) -> Option<Position> {
    let theme = app.config.theme;
    let issue = state.issue();
    let form = state.form();
    let problems = app.problems();
    let mut head = vec![
        Line::styled(format!(" Review · {}", form.meta.name), theme.title()),
        Line::from(vec![
            Span::styled(" Title: ", theme.label(false)),
            Span::raw(issue.title.clone()),
        ]),
        Line::from(vec![
            Span::styled(" Labels: ", theme.label(false)),
            Span::raw(issue.labels.join(", ")),
            Span::styled("   Assignees: ", theme.label(false)),
            Span::raw(issue.assignees.join(", ")),
        ]),
    ];
    if problems.is_empty() {
        let exports = &app.config.exports;
        let mut what: Vec<String> = Vec::new();
        if let Some(path) = &exports.output {
            what.push(format!("write {}", path.display()));
        }
        for (on, name) in [
            (exports.clipboard().is_some(), "copy"),
            (exports.gh, "create with gh"),
            (exports.glab, "create with glab"),
            (exports.print, "print"),
        ] {
            if on {
                what.push(name.to_owned());
            }
        }
        let ready = if what.is_empty() {
            " Ready: w write to a file · c copy · g create with gh · p print · Esc back".to_owned()
        } else {
            format!(" Ready: Enter to {} · Esc back", what.join(", "))
        };
        head.push(Line::styled(ready, theme.done()));
    } else {
        head.push(Line::styled(
            format!(
                " {} required field(s) empty — Enter goes to the selected one:",
                problems.len()
            ),
            theme.missing(),
        ));
        for (i, &f) in problems.iter().enumerate() {
            let field = &form.fields[f];
            let section = &form.sections[field.section].title;
            let style = if i == state.review_problem {
                theme.selected()
            } else {
                theme.missing()
            };
            let place = if *section == field.label || section.is_empty() {
                field.label.clone()
            } else {
                format!("{section} › {}", field.label)
            };
            let marker = if i == state.review_problem {
                " › "
            } else {
                "   "
            };
            head.push(Line::styled(format!("{marker}{place}"), style));
        }
    }
    let head_h = (head.len() as u16 + 1).min(area.height / 2);
    frame.render_widget(
        Paragraph::new(head),
        Rect::new(area.x, area.y, area.width, head_h),
    );
    let body = Rect::new(
        area.x,
        area.y + head_h,
        area.width,
        area.height.saturating_sub(head_h),
    );
    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(theme.border(false))
        .title(" Finished issue ");
    frame.render_widget(
        Paragraph::new(issue.body)
            .wrap(Wrap { trim: false })
            .scroll((state.review_scroll, 0))
            .block(block),
        body,
    );
    None
}
