//! The mouse on the form: a click focuses a field (and ticks a box or picks a row), a
//! click in the sidebar opens a section, the wheel scrolls the pane or the preview. The
//! layout comes from the same pure functions the drawing uses.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::super::screen::form::{
    ItemKind, form_areas, pane_items, pane_offset, sidebar_first, sidebar_inner,
};
use super::super::theme::Theme;
use super::{App, Focus, FormState, Preview, Screen};

impl App {
    /// Only the form takes the mouse, and not behind a dialog or a "too small" notice.
    pub(super) fn mouse(&mut self, mouse: MouseEvent) {
        if self.modal.is_some() || !self.fits() {
            return;
        }
        let theme = self.config.theme;
        let clock = self.clock;
        let (w, h) = self.size;
        let Screen::Form(state) = &mut self.screen else {
            return;
        };
        let a = form_areas(state, Rect::new(0, 0, w, h.saturating_sub(1)));
        let at = Position::new(mouse.column, mouse.row);
        match mouse.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = mouse.kind == MouseEventKind::ScrollDown;
                if a.preview.is_some_and(|p| p.contains(at)) {
                    let view = state.view();
                    let now = view
                        .preview_scroll
                        .unwrap_or_else(|| state.preview_follow());
                    let lines = view.preview.as_ref().map_or(0, Preview::line_count);
                    let last = lines.saturating_sub(1);
                    state.set_preview_scroll(Some(step(now, down).min(last)));
                } else {
                    let (items, total) = pane_items(state, a.pane.width, theme);
                    let now = pane_offset(state, &items, total, a.pane.height);
                    let max = total.saturating_sub(a.pane.height);
                    let next = super::super::field::rows(step(usize::from(now), down));
                    state.set_pane_scroll(Some(next.min(max)));
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                if let Some(i) = a.header.iter().position(|r| r.contains(at)) {
                    state.set_focus(Focus::Header(i));
                } else if a.sidebar.contains(at) {
                    click_sidebar(state, sidebar_inner(a.sidebar), at.y);
                } else if a.pane.contains(at) {
                    click_pane(state, a.pane, at, theme, clock);
                }
            }
            _ => {}
        }
    }
}

fn step(offset: usize, down: bool) -> usize {
    if down {
        offset.saturating_add(3)
    } else {
        offset.saturating_sub(3)
    }
}

fn click_sidebar(state: &mut FormState, inner: Rect, y: u16) {
    let count = state.form().sections.len();
    let first = sidebar_first(state.current_section(), usize::from(inner.height), count);
    let s = first + usize::from(y.saturating_sub(inner.y));
    if s < count {
        state.go_to_section(s);
    }
}

fn click_pane(
    state: &mut FormState,
    pane: Rect,
    at: Position,
    theme: Theme,
    now: std::time::Instant,
) {
    let (items, total) = pane_items(state, pane.width, theme);
    let offset = pane_offset(state, &items, total, pane.height);
    let y = (at.y - pane.y).saturating_add(offset);
    let x = at.x - pane.x;
    let hit = items
        .iter()
        .rev()
        .find(|i| y >= i.y && y < i.y.saturating_add(i.height) && x >= i.x);
    match hit.map(|i| (&i.kind, i.y)) {
        Some((ItemKind::Label(f), _)) => state.set_focus(Focus::Field(*f)),
        Some((ItemKind::Widget(f), top)) => {
            let f = *f;
            let keep = state.view().pane_scroll;
            state.set_focus(Focus::Field(f));
            state.set_pane_scroll(keep.or(Some(offset)));
            state.click(f, y - top, now);
        }
        _ => {}
    }
}
