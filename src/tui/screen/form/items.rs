//! The pane's content for the focused section, laid out as items (text, labels,
//! widgets) at rows and columns, and the scroll offset that keeps the focused field in
//! view: pure, shared by drawing and the mouse.

use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::super::app::{Focus, FormState};
use super::super::super::field::rows;
use super::super::super::theme::Theme;
use super::super::wrap_lines;
use super::unmarked;

/// One thing in the pane, at `y` rows from the pane's content top and `x` columns in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub y: u16,
    pub x: u16,
    pub height: u16,
    pub kind: ItemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind {
    Text(Vec<String>, Style),
    Label(usize),
    Widget(usize),
}

pub(super) const INDENT: u16 = 2;

/// Where a widget's input goes in a pane row of `width` columns when the widget starts
/// at column `x`: indented under its label (or beside it, inline), one column kept free
/// on the right. Heights are measured at this width, so they match the drawing.
pub(super) fn input_rect(width: u16, x: u16) -> Rect {
    let indent = if x > 0 { 0 } else { INDENT };
    Rect::new(
        x + indent,
        0,
        width.saturating_sub(x).saturating_sub(indent + 1),
        0,
    )
}

/// The pane's content for the current section at `width`, with its total height.
/// Only the current section is laid out, so the work does not grow with the form.
pub fn pane_items(state: &FormState, width: u16, theme: Theme) -> (Vec<Item>, u16) {
    let form = state.form();
    let s = state.current_section();
    let section = &form.sections[s];
    let mut items = Vec::new();
    let mut y = 0u16;
    let push = |items: &mut Vec<Item>, y: &mut u16, height: u16, kind: ItemKind| {
        stack(items, y, 0, height, kind);
    };
    // A section's only field named by its heading, or a first field whose label only
    // repeats the heading: the title row is the field's label (focus marker, `*`), so
    // the words show once.
    let titled = section.fields.first().filter(|&f| form.names_section(f));
    // One-line text fields sit beside their labels, inputs aligned.
    let inline_col = section
        .fields
        .iter()
        .filter(|&f| Some(f) != titled)
        .filter(|&f| matches!(form.fields[f].kind, crate::form::FieldKind::Text))
        .map(|f| label_width(form, f))
        .max()
        .map(|w| w.saturating_add(4))
        // Labels too long to sit beside their inputs go above them.
        .filter(|&col| col <= width / 2);
    let top = titled.map_or_else(
        || ItemKind::Text(vec![crumbs(form, s)], theme.title()),
        ItemKind::Label,
    );
    push(&mut items, &mut y, 1, top);
    let mut texts = false;
    for (text, style) in [(&section.help, theme.help()), (&section.text, Style::new())] {
        let lines = wrap_lines(text, width, 40);
        if !lines.is_empty() {
            texts = true;
            push(
                &mut items,
                &mut y,
                rows(lines.len()),
                ItemKind::Text(lines, style),
            );
        }
    }
    let mut previous_inline = false;
    for f in section.fields {
        let field = &form.fields[f];
        if titled == Some(f) {
            // Its input under the title row, or under the section's text.
            if texts {
                y = y.saturating_add(1);
            }
            push_input(&mut items, &mut y, state, f, width, theme);
            continue;
        }
        let inline = matches!(field.kind, crate::form::FieldKind::Text) && field.help.is_empty();
        // Consecutive one-line fields stack without blank lines between them.
        if !(inline && previous_inline) {
            y = y.saturating_add(1);
        }
        previous_inline = inline;
        if let (true, Some(col)) = (inline, inline_col) {
            items.push(Item {
                y,
                x: 0,
                height: 1,
                kind: ItemKind::Label(f),
            });
            items.push(Item {
                y,
                x: col,
                height: 1,
                kind: ItemKind::Widget(f),
            });
            y = y.saturating_add(1);
            push_error(&mut items, &mut y, state, f, width, theme);
            continue;
        }
        push(&mut items, &mut y, 1, ItemKind::Label(f));
        push_input(&mut items, &mut y, state, f, width, theme);
    }
    // Text written after the fields (an issue form's closing markdown) comes after them.
    let after = wrap_lines(form.after(s), width, 40);
    if !after.is_empty() {
        y = y.saturating_add(1);
        push(
            &mut items,
            &mut y,
            rows(after.len()),
            ItemKind::Text(after, theme.help()),
        );
    }
    (items, y)
}

/// The path to section `s` (`Parent › Section`); the template's name for a section
/// without a title.
pub(super) fn crumbs(form: &crate::form::Form, s: usize) -> String {
    let section = &form.sections[s];
    let mut crumbs: Vec<&str> = Vec::new();
    let mut parent = section.parent();
    while let Some(p) = parent {
        crumbs.insert(0, &form.sections[p].title);
        parent = form.sections[p].parent();
    }
    crumbs.push(if section.title.is_empty() {
        &form.meta.name
    } else {
        &section.title
    });
    crumbs.join(CRUMB)
}

/// What separates a section's parents from it.
pub(super) const CRUMB: &str = " › ";

/// A field's help, input and problems, under its label.
fn push_input(
    items: &mut Vec<Item>,
    y: &mut u16,
    state: &FormState,
    f: usize,
    width: u16,
    theme: Theme,
) {
    let mut push = |items: &mut Vec<Item>, height: u16, kind: ItemKind| {
        stack(items, y, 0, height, kind);
    };
    let help = wrap_lines(
        &state.form().fields[f].help,
        width.saturating_sub(INDENT),
        12,
    );
    if !help.is_empty() {
        push(items, rows(help.len()), ItemKind::Text(help, theme.help()));
    }
    let h = state.widget(f).height(input_rect(width, 0).width);
    push(items, h, ItemKind::Widget(f));
    push_error(items, y, state, f, width, theme);
}

/// The field's problems under its input, once the user has left it.
fn push_error(
    items: &mut Vec<Item>,
    y: &mut u16,
    state: &FormState,
    f: usize,
    width: u16,
    theme: Theme,
) {
    let Some(message) = state.model().shown_error(f) else {
        return;
    };
    let lines = wrap_lines(&format!("! {message}"), width.saturating_sub(INDENT + 1), 3);
    stack(
        items,
        y,
        INDENT,
        rows(lines.len()),
        ItemKind::Text(lines, theme.error()),
    );
}

/// Puts an item `height` rows high at row `y` and moves `y` under it.
fn stack(items: &mut Vec<Item>, y: &mut u16, x: u16, height: u16, kind: ItemKind) {
    items.push(Item {
        y: *y,
        x,
        height,
        kind,
    });
    *y = y.saturating_add(height);
}

fn label_width(form: &crate::form::Form, f: usize) -> u16 {
    let required = if form.fields[f].required { 2 } else { 0 };
    (unicode_width::UnicodeWidthStr::width(&*shown_label(form, f)) + 2 + required) as u16
}

/// The label drawn for a field: the template's words (a section's own answer is named
/// by its heading, as the schema names it), its kind only when the template gave none.
pub(super) fn shown_label(form: &crate::form::Form, f: usize) -> std::borrow::Cow<'_, str> {
    let field = &form.fields[f];
    if field.label.trim().is_empty() {
        kind_word(&field.kind).into()
    } else {
        unmarked(&field.label, field.required)
    }
}

/// The scroll offset that keeps the focused field in view (or the wheel's offset). A
/// field taller than the pane keeps its cursor row in view.
pub fn pane_offset(state: &FormState, items: &[Item], total: u16, height: u16) -> u16 {
    let max = total.saturating_sub(height);
    if let Some(offset) = state.view().pane_scroll {
        return offset.min(max);
    }
    let Focus::Field(f) = state.focus() else {
        return 0;
    };
    let top = items
        .iter()
        .find(|i| i.kind == ItemKind::Label(f))
        .map_or(0, |i| i.y);
    let widget = items.iter().find(|i| i.kind == ItemKind::Widget(f));
    let bottom = widget.map_or(top + 1, |i| i.y.saturating_add(i.height));
    let offset = if bottom <= height {
        0
    } else if bottom - top <= height {
        bottom - height
    } else {
        let cursor = widget.map_or(top, |i| i.y.saturating_add(state.widget(f).cursor_row()));
        if cursor - top < height {
            top
        } else {
            cursor + 1 - height
        }
    };
    offset.min(max)
}

fn kind_word(kind: &crate::form::FieldKind) -> &'static str {
    use crate::form::FieldKind;
    match kind {
        FieldKind::Text | FieldKind::TextArea => "Your answer",
        FieldKind::Code { .. } => "Code",
        FieldKind::Choice { .. } => "Choose one",
        FieldKind::MultiChoice { .. } | FieldKind::Checkboxes { .. } => "Tick all that apply",
        FieldKind::Table(_) => "Table",
        FieldKind::List => "List (Enter adds an item)",
    }
}
