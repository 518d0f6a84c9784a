//! Where things are on the form screen: the top line, the header rows, the sidebar, the
//! pane and the preview, by plain arithmetic that drawing and the mouse share.

use ratatui::layout::Rect;

use super::super::super::app::FormState;
use super::{PEOPLE_HINT, people_areas};

/// Where things are on the form screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub top: Rect,
    pub header: [Rect; 3],
    pub sidebar: Rect,
    pub pane: Rect,
    pub preview: Option<Rect>,
}

/// Splits the body area (everything but footer and notice): the top line, the title,
/// labels beside assignees, a rule, then sidebar, pane and (optional) preview. Plain
/// arithmetic rather than a `Layout`: the constraint solver cost a quarter of a
/// keystroke's frame, and these splits are fixed rows and halves (the unit test checks
/// they are what the `Layout` gave on every size the form is drawn at).
pub fn areas(area: Rect, preview: bool) -> Areas {
    let row = |dy: u16| Rect::new(area.x, area.y + dy, area.width, 1);
    let (top, title, people) = (row(0), row(1), row(2));
    let half = area.width / 2;
    let labels = Rect {
        width: half,
        ..people
    };
    let assignees = Rect::new(area.x + half, people.y, area.width - half, 1);
    let body_h = area.height.saturating_sub(4);
    let side_w = (area.width / 4).clamp(18, 32).min(area.width);
    let sidebar = Rect::new(area.x, area.y + 4, side_w, body_h);
    let rest_x = area.x + side_w + 1;
    let rest = Rect::new(
        rest_x,
        sidebar.y,
        area.right().saturating_sub(rest_x),
        body_h,
    );
    let (pane, preview) = if preview {
        let preview_w = rest.width / 2;
        let pane = Rect {
            width: rest.width - preview_w,
            ..rest
        };
        let preview = Rect {
            x: pane.right(),
            width: preview_w,
            ..rest
        };
        (pane, Some(preview))
    } else {
        (rest, None)
    };
    Areas {
        top,
        header: [title, labels, assignees],
        sidebar,
        pane,
        preview,
    }
}

/// [`areas`] for the form as it is: labels and assignees share their row by what they
/// hold (`people_areas`), so neither is cut while the row has room for both.
pub fn form_areas(state: &FormState, area: Rect) -> Areas {
    let mut a = areas(area, state.view().preview.is_some());
    let [_, labels, assignees] = a.header;
    let row = Rect {
        width: labels.width + assignees.width,
        ..labels
    };
    let shown = |i: usize| {
        let text = state.header(i).text();
        if text.is_empty() { PEOPLE_HINT } else { text }
    };
    [a.header[1], a.header[2]] = people_areas(row, [shown(1), shown(2)]);
    a
}

#[cfg(test)]
mod tests;
