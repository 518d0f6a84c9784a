//! Unit tests of `form::areas`.

use ratatui::layout::{Constraint, Layout};

use super::*;

/// The splits as `Layout` made them before.
fn by_layout(area: Rect, preview: bool) -> Areas {
    let [top, title, people, _rule, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [labels, assignees] =
        Layout::horizontal([Constraint::Length(area.width / 2), Constraint::Fill(1)]).areas(people);
    let side_w = (area.width / 4).clamp(18, 32).min(area.width);
    let [sidebar, _gap, rest] = Layout::horizontal([
        Constraint::Length(side_w),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(body);
    let (pane, preview) = if preview {
        let [pane, preview] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(rest.width / 2)])
                .areas(rest);
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

#[test]
fn areas_are_what_the_layout_gave_at_every_size_the_form_is_drawn_at() {
    // Widths and heights split independently: every width at one height, every
    // height at one width (the solver is slow in a debug build).
    let (min_w, min_h) = super::super::super::MIN_SIZE;
    let sizes = (min_w..=240)
        .map(|w| (w, 40))
        .chain((min_h - 1..=90).map(|h| (120, h)));
    for (width, height) in sizes {
        for preview in [false, true] {
            let area = Rect::new(0, 0, width, height);
            assert_eq!(
                areas(area, preview),
                by_layout(area, preview),
                "{width}x{height}"
            );
        }
    }
    let offset = Rect::new(3, 2, 100, 30);
    assert_eq!(areas(offset, true), by_layout(offset, true));
}
