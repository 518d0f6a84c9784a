//! The review: the finished issue, what blocks it, and what can be done with it.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::super::app::{App, Problem, ReviewState};
use super::super::field::line::LineEdit;
use super::super::keymap::{Action, Binding, Context};
use super::super::theme::Theme;
use crate::export::Forge;
use crate::text::join_list;

pub fn draw(frame: &mut Frame, app: &App, review: &ReviewState, area: Rect) -> Option<Position> {
    let theme = app.config().theme;
    let state = &review.form;
    let issue = state.issue();
    let mut head = vec![
        Line::styled(
            format!(" Review · {}", state.form().meta.name),
            theme.title(),
        ),
        Line::from(vec![
            Span::styled(" Title: ", theme.label(false)),
            Span::raw(issue.title.clone()),
        ]),
        // The labels and assignees: drawn below, split as the form's header splits them.
        Line::default(),
    ];
    let plan = &app.config().plan;
    let forges = if plan.forges.is_empty() {
        vec![state.model().source().forge()]
    } else {
        plan.forges.clone()
    };
    for forge in forges {
        for login in &issue.assignees {
            if let Some(problem) = forge.assignee_problem(login) {
                let problem = problem.strip_prefix('a').unwrap_or(&problem);
                head.push(Line::styled(format!(" A{problem}"), theme.error()));
            }
        }
    }
    not_sent_lines(&mut head, review, area.width, theme);
    let problems = review.problems(plan);
    let examples = review.examples();
    if problems.is_empty() {
        head.push(Line::styled(ready(app, review), theme.done()));
    }
    // Only a file (or the clipboard, or print): it takes the issue, but `g` (and the
    // command that creates the issue from the file) would be refused.
    let program = review.form.model().source().forge().program();
    for problem in review.g_problems(plan) {
        let note = format!(" {program} cannot send it: {}", too_long_words(&problem));
        let note = super::with_ellipsis(&note, usize::from(area.width)).into_owned();
        head.push(Line::styled(note, theme.missing()));
    }
    problem_lines(
        &mut head,
        review,
        (&problems, &examples),
        (area.width, area.height / 3),
        theme,
    );
    let head_h = (head.len() as u16 + 1).min(area.height / 2);
    frame.render_widget(
        Paragraph::new(head),
        Rect::new(area.x, area.y, area.width, head_h),
    );
    if head_h > PEOPLE_ROW {
        let people = [&issue.labels, &issue.assignees].map(|l| LineEdit::new(&join_list(l)));
        let row = Rect::new(area.x, area.y + PEOPLE_ROW, area.width, 1);
        let rects = super::form::people_areas(row, [people[0].text(), people[1].text()]);
        for (i, rect) in rects.into_iter().enumerate() {
            let buf = frame.buffer_mut();
            super::form::header_cell(buf, rect, (i + 1, &people[i]), false, "", theme);
        }
    }
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
    // Tabs have no width of their own on screen: show them as spaces.
    let text = issue.body.replace('\t', "    ");
    let lines = u16::try_from(text.lines().count()).unwrap_or(u16::MAX);
    let scroll = review.scroll.min(lines.saturating_sub(1));
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(block),
        body,
    );
    None
}

/// The head's row holding the labels and the assignees.
const PEOPLE_ROW: u16 = 2;

/// The most answers that no longer fit the template listed one to a row.
const NOT_SENT_ROWS: usize = 3;

/// The draft's answers the issue leaves out (they no longer fit the template), each as
/// `key = value` on one row of `width` columns, so "Ready" does not hide them.
fn not_sent_lines(head: &mut Vec<Line>, review: &ReviewState, width: u16, theme: Theme) {
    let misfits = review.form.model().unsent_misfits();
    if misfits.is_empty() {
        return;
    }
    head.push(Line::styled(
        " Not sent (no longer in the template; kept in the draft after an export):",
        theme.missing(),
    ));
    for (key, value) in misfits.iter().take(NOT_SENT_ROWS) {
        let value = serde_json::to_string(value).unwrap_or_default();
        let line = format!(
            "   {} = {}",
            crate::text::escape_line(key),
            crate::text::escape_line(&value)
        );
        let line = super::with_ellipsis(&line, usize::from(width)).into_owned();
        head.push(Line::styled(line, theme.missing()));
    }
    if misfits.len() > NOT_SENT_ROWS {
        head.push(Line::styled(
            format!("   and {} more", misfits.len() - NOT_SENT_ROWS),
            theme.missing(),
        ));
    }
}

/// What Enter and the letters do now.
fn ready(app: &App, review: &ReviewState) -> String {
    let plan = &app.config().plan;
    let mut what: Vec<String> = Vec::new();
    if let Some(file) = &plan.file {
        // `-o issues/`: the file it becomes, as the write will name it.
        let path = app.config().output.target(
            &file.path,
            &review.form.model().template().stem,
            review.form.form().named_title(&review.form.answers().title),
            &app.config().today,
        );
        what.push(format!("write {}", path.display()));
    }
    for (on, name) in [
        (plan.clipboard.is_some(), "copy"),
        (plan.forges.contains(&Forge::Github), "create with gh"),
        (plan.forges.contains(&Forge::Gitlab), "create with glab"),
        (plan.print, "print"),
        (plan.web, "open the prefilled page"),
    ] {
        if on {
            what.push(name.to_owned());
        }
    }
    let key = |action| review_key(app, action);
    let back = key(Action::Back);
    if what.is_empty() {
        let letters: Vec<String> = [
            (Action::Write, "write to a file"),
            (Action::Copy, "copy"),
            (
                Action::Gh,
                match review.form.model().source().forge() {
                    Forge::Github => "create with gh",
                    Forge::Gitlab => "create with glab",
                },
            ),
            (Action::Print, "print"),
            (Action::Web, "open in the browser"),
        ]
        .into_iter()
        .filter_map(|(action, what)| key(action).map(|k| format!("{k} {what}")))
        .collect();
        format!(
            " Ready: {} · {} back",
            letters.join(" · "),
            back.unwrap_or_default()
        )
    } else {
        let enter = key(Action::Confirm).unwrap_or_default();
        format!(
            " Ready: {enter} to {} · {} back",
            what.join(", "),
            back.unwrap_or_default()
        )
    }
}

/// The key for `action` in the review, as the live keymap has it.
fn review_key(app: &App, action: Action) -> Option<String> {
    app.config()
        .keys
        .bindings()
        .iter()
        .find(|b| b.action == action && b.contexts.contains(&Context::Review))
        .map(Binding::label)
}

/// The problems, then the note on the fields that still hold the template's example and
/// those fields, the selected one marked, as many as fit in `rows` around the selection, each on one row of `width`
/// columns (ending in `…` when cut).
fn problem_lines(
    head: &mut Vec<Line>,
    review: &ReviewState,
    (problems, examples): (&[Problem], &[usize]),
    (width, rows): (u16, u16),
    theme: Theme,
) {
    let form = review.form.form();
    let width = usize::from(width);
    match problems.len() {
        0 => {}
        1 => head.push(Line::styled(
            " 1 thing to fix first — Enter goes to it:",
            theme.missing(),
        )),
        n => head.push(Line::styled(
            format!(" {n} things to fix first — Enter goes to the selected one:"),
            theme.missing(),
        )),
    }
    // Below the problems (they block; the examples do not), above the examples it names.
    let mut note = form.examples_note(examples, usize::MAX).map(|note| {
        let line = format!(" {note} (Enter on one goes to it)");
        Line::styled(
            super::with_ellipsis(&line, width).into_owned(),
            theme.missing(),
        )
    });
    let entries = problems.len() + examples.len();
    if entries == 0 {
        return;
    }
    let named = |f: usize, what: &str| {
        let field = &form.fields[f];
        let section = &form.sections[field.section()].title;
        // Named as the form draws it: `Summary is required`, not `Summary (required) is
        // required`.
        let label = super::form::unmarked(&field.label, field.required);
        if **section == *field.label || section.is_empty() {
            format!("{label} {what}")
        } else if form.names_section(f) {
            // The pane's title row: the heading, without the `(required)` its `*` says.
            let title = super::form::unmarked(section, field.required);
            format!("{title} {what}")
        } else {
            format!("{section} › {label} {what}")
        }
    };
    let rows = usize::from(rows.max(1));
    // With nothing blocking, no entry is selected until Up or Down picks one.
    let selected = if problems.is_empty() && !review.picked {
        usize::MAX
    } else {
        review.problem.min(entries - 1)
    };
    let first = selected.min(entries - 1).saturating_sub(rows - 1);
    for i in (first..entries).take(rows) {
        if i >= problems.len()
            && let Some(note) = note.take()
        {
            head.push(note);
        }
        let place = match problems.get(i) {
            Some(Problem::Title) => "the title (empty, or only the template's prefix)".to_owned(),
            Some(problem @ (Problem::TitleTooLong(..) | Problem::BodyTooLong(..))) => {
                too_long_words(problem)
            }
            Some(Problem::Field(f, message)) => named(*f, message),
            None => named(
                examples[i - problems.len()],
                "still holds the template's example",
            ),
        };
        let (marker, style) = if i == selected {
            (" › ", theme.selected())
        } else {
            ("   ", theme.missing())
        };
        let line = format!("{marker}{place}");
        let line = super::with_ellipsis(&line, width).into_owned();
        head.push(Line::styled(line, style));
    }
    // No example in view (the problems fill the rows): the note still says they are there.
    head.extend(note);
}

/// A title or body too long for a forge, in words: `the title is 300 characters long,
/// and GitHub takes at most 256`.
fn too_long_words(problem: &Problem) -> String {
    match problem {
        Problem::TitleTooLong(forge, chars) => format!(
            "the title is {} characters long, and {} takes at most {}",
            crate::text::thousands(*chars),
            forge.name(),
            forge.max_title_chars()
        ),
        Problem::BodyTooLong(forge, size) => format!(
            "the body is {}",
            crate::export::gh::body_over_words(*forge, *size)
        ),
        Problem::Title | Problem::Field(..) => String::new(),
    }
}
