//! The review judges the body by the forge the issue goes to: GitHub's 65,536 characters,
//! or for GitLab what glab can take as one argument (131,071 bytes, the rule the send
//! uses). A body too long blocks `g` and Enter-send; writing, copying and printing still
//! take it.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

mod keys;
use crossterm::event::KeyCode;
use issue_composer::discover::{self, Source};
use issue_composer::export::gh::{self, GLAB_MAX_BODY_BYTES};
use issue_composer::export::{Forge, Plan, Target};
use issue_composer::tui::app::{After, App, Config, Effect, Focus, Modal, Msg, Problem, Screen};
use issue_composer::tui::theme::Theme;
use keys::{ctrl, key, press};

const GITHUB: &str = ".github/ISSUE_TEMPLATE";
const GITLAB: &str = ".gitlab/issue_templates";

/// What the template adds around the answer: `## Summary`, a blank line, and the
/// answer's newline.
const FRAME: usize = "## Summary\n\n\n".len();

/// The review of a template in `folder` (which decides its forge), titled, with `answer`
/// pasted into its one field, and the command line's exports `plan`.
fn review(folder: &str, answer: &str, plan: Plan) -> (tempfile::TempDir, App) {
    review_titled(folder, "A title", answer, plan)
}

/// [`review`] with `title` typed as the title.
fn review_titled(folder: &str, title: &str, answer: &str, plan: Plan) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join(folder);
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("Bug.md");
    std::fs::write(&path, "## Summary\n\n<!-- What happened? -->\n").unwrap();
    let source = Source::File(path);
    let template = discover::load(&source).unwrap();
    let config = Config {
        plan,
        drafts: false,
        theme: Theme::plain(),
        ..Config::default()
    };
    let mut app = App::with_form(config, template, source, None, (120, 40));
    app.update(Msg::Paste(title.to_owned()));
    press(&mut app, [key(KeyCode::Tab)]);
    app.update(Msg::Paste(answer.to_owned()));
    press(&mut app, [ctrl('s')]);
    assert!(
        matches!(app.screen(), Screen::Review(_)),
        "not in the review"
    );
    (dir, app)
}

fn problems(app: &App) -> Vec<Problem> {
    let Screen::Review(review) = app.screen() else {
        panic!("not in the review")
    };
    review.problems(&app.config().plan)
}

/// The screen as text, 120 by 40.
fn screen(app: &App) -> String {
    use ratatui::{Terminal, backend::TestBackend};
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|f| issue_composer::tui::screen::draw(f, app))
        .unwrap();
    terminal.backend().to_string()
}

fn notice(app: &App) -> Option<(String, bool)> {
    app.notice().map(|n| (n.text.clone(), n.problem))
}

/// 140 KiB of ASCII in a GitLab template: 143,373 bytes, over what glab can take as an
/// argument. The review names it (in bytes, with GitLab, glab and the limit), `g` is
/// refused with a notice that says why and what still works, Enter goes to the field to
/// shorten, and `c`, `w` and `p` take the body whole.
#[test]
fn a_body_too_long_for_glab_blocks_sending_a_gitlab_template() {
    let answer = "x".repeat(140 * 1024);
    let (_dir, mut app) = review(GITLAB, &answer, Plan::default());
    assert_eq!(
        problems(&app),
        [Problem::BodyTooLong(Forge::Gitlab, 143_373)]
    );
    let shown = screen(&app);
    assert!(
        shown.contains(
            " › the body is 143,373 bytes long, and GitLab's glab takes at most 131,071 bytes "
        ),
        "{shown}"
    );
    let refused = press(&mut app, [key(KeyCode::Char('g'))]);
    assert!(refused.is_empty(), "{refused:?}");
    assert!(!app.exited(), "glab is not run");
    assert_eq!(
        notice(&app),
        Some((
            "the body is too long for glab: Enter goes to it; w, c and p still take the issue as it is".to_owned(),
            true
        ))
    );
    let copied = press(&mut app, [key(KeyCode::Char('c'))]);
    let [Effect::Copy { body, .. }] = &copied[..] else {
        panic!("{copied:?}")
    };
    assert_eq!(body.len(), 143_373);
    press(&mut app, [key(KeyCode::Char('w'))]);
    assert!(matches!(app.modal(), Some(Modal::Path { .. })));
    press(&mut app, [key(KeyCode::Esc)]);
    press(&mut app, [key(KeyCode::Enter)]);
    assert!(matches!(app.screen(), Screen::Form(_)));
    assert_eq!(app.form().unwrap().focus(), Focus::Field(0));
    let printed = press(&mut app, [ctrl('s'), key(KeyCode::Char('p'))]);
    let Some(Effect::Exit(After::Export { plan, issue, .. })) = printed.last() else {
        panic!("{printed:?}")
    };
    assert!(plan.print && plan.forges.is_empty());
    assert_eq!(issue.body.len(), 143_373, "nothing is lost");
}

/// `--glab` on the command line: Enter, which would send, goes to the field instead.
#[test]
fn enter_with_glab_on_the_command_line_is_refused_for_a_body_too_long() {
    let glab = Plan {
        forges: vec![Forge::Gitlab],
        ..Default::default()
    };
    let (_dir, mut app) = review(GITHUB, &"x".repeat(140 * 1024), glab);
    assert_eq!(
        problems(&app),
        [Problem::BodyTooLong(Forge::Gitlab, 143_373)]
    );
    let effects = press(&mut app, [key(KeyCode::Enter)]);
    assert!(matches!(app.screen(), Screen::Form(_)), "{effects:?}");
    assert!(!app.exited());
}

/// The same ASCII body is over GitHub's 65,536 characters too, so a GitHub template
/// names it there in characters.
#[test]
fn the_same_ascii_body_is_too_long_for_github_in_characters() {
    let (_dir, app) = review(GITHUB, &"x".repeat(140 * 1024), Plan::default());
    assert_eq!(
        problems(&app),
        [Problem::BodyTooLong(Forge::Github, 143_373)]
    );
    assert!(
        screen(&app)
            .contains(" › the body is 143,373 characters long, and GitHub takes at most 65,536 ")
    );
}

/// 40,000 four-byte characters: 40,013 characters, 160,013 bytes. GitHub counts
/// characters and gh reads the body from a file, so GitHub takes it and `g` sends it;
/// glab gets it as one argument, which Linux caps in bytes, so GitLab's review refuses
/// it. With both `--gh` and `--glab`, only glab's limit is listed.
#[test]
fn multi_byte_text_is_judged_in_characters_for_github_and_bytes_for_glab() {
    let answer = "😀".repeat(40_000);
    let (_dir, mut app) = review(GITHUB, &answer, Plan::default());
    assert_eq!(problems(&app), []);
    let sent = press(&mut app, [key(KeyCode::Char('g'))]);
    let Some(Effect::Exit(After::Export { plan, issue, .. })) = sent.last() else {
        panic!("{sent:?}")
    };
    assert_eq!(plan.forges, [Forge::Github]);
    assert_eq!(
        (issue.body.chars().count(), issue.body.len()),
        (40_013, 160_013)
    );
    let (_dir, app) = review(GITLAB, &answer, Plan::default());
    assert_eq!(
        problems(&app),
        [Problem::BodyTooLong(Forge::Gitlab, 160_013)]
    );
    let both = Plan {
        forges: vec![Forge::Github, Forge::Gitlab],
        ..Default::default()
    };
    let (_dir, app) = review(GITHUB, &answer, both);
    assert_eq!(
        problems(&app),
        [Problem::BodyTooLong(Forge::Gitlab, 160_013)]
    );
}

/// At glab's limit the review and the send agree: 131,071 bytes pass both, one byte
/// more is refused by both.
#[test]
fn the_review_and_the_send_share_glabs_limit() {
    let (_dir, app) = review(
        GITLAB,
        &"x".repeat(GLAB_MAX_BODY_BYTES - FRAME),
        Plan::default(),
    );
    assert_eq!(problems(&app), []);
    let issue = app.form().unwrap().issue();
    assert_eq!(issue.body.len(), GLAB_MAX_BODY_BYTES);
    assert!(gh::length_problem(&issue, Forge::Gitlab).is_none());
    assert!(gh::glab_args(&issue, &Target::default()).is_ok());
    let answer = "x".repeat(GLAB_MAX_BODY_BYTES + 1 - FRAME);
    let (_dir, app) = review(GITLAB, &answer, Plan::default());
    assert_eq!(
        problems(&app),
        [Problem::BodyTooLong(Forge::Gitlab, 131_072)]
    );
    let issue = app.form().unwrap().issue();
    assert_eq!(
        gh::length_problem(&issue, Forge::Gitlab).map(|e| e.to_string()),
        Some(
            "the body is too long to pass to glab (131,072 bytes; at most 131,071 fit in an argument)"
                .to_owned()
        )
    );
}

/// `-o FILE` alone on a GitLab template: Enter writes the file, which takes a body too
/// long for glab, but `g` sends with glab, so the review notes what `g` would be
/// refused for and refuses `g` at once (not after leaving); Enter still writes.
#[test]
fn with_only_a_file_a_body_too_long_for_glab_is_noted_and_refuses_g() {
    let file = Plan {
        file: Some(issue_composer::export::FileTarget {
            path: "out.md".into(),
            force: false,
        }),
        ..Plan::default()
    };
    let (_dir, mut app) = review(GITLAB, &"x".repeat(140 * 1024), file);
    assert_eq!(problems(&app), [], "nothing blocks Enter, w, c or p");
    let Screen::Review(review) = app.screen() else {
        panic!("not in the review")
    };
    assert_eq!(
        review.g_problems(&app.config().plan),
        [Problem::BodyTooLong(Forge::Gitlab, 143_373)]
    );
    let shown = screen(&app);
    assert!(shown.contains(" Ready: Enter to write "), "{shown}");
    assert!(
        shown.contains(
            " glab cannot send it: the body is 143,373 bytes long, and GitLab's glab takes at most 131,071 bytes "
        ),
        "{shown}"
    );
    let refused = press(&mut app, [key(KeyCode::Char('g'))]);
    assert!(refused.is_empty(), "{refused:?}");
    assert!(!app.exited(), "glab is not run");
    assert_eq!(
        notice(&app),
        Some((
            "the body is too long for glab: g cannot send it; Enter, w, c and p still take it as it is".to_owned(),
            true
        ))
    );
    // Enter runs the command line's export: the file is written, then the form leaves.
    let effects = press(&mut app, [key(KeyCode::Enter)]);
    assert!(
        matches!(&effects[..], [Effect::Write { .. }]),
        "{effects:?}"
    );
}

/// `--clipboard` alone on a GitHub template: a title too long for gh is noted and
/// refuses `g`; `c` still copies.
#[test]
fn with_only_the_clipboard_a_title_too_long_for_gh_refuses_g() {
    let clip = Plan {
        clipboard: Some(issue_composer::export::Clipboard::Auto),
        ..Plan::default()
    };
    let (_dir, mut app) = review_titled(GITHUB, &"L".repeat(300), "short", clip);
    assert_eq!(problems(&app), []);
    let shown = screen(&app);
    assert!(
        shown.contains(
            " gh cannot send it: the title is 300 characters long, and GitHub takes at most 256 "
        ),
        "{shown}"
    );
    assert!(press(&mut app, [key(KeyCode::Char('g'))]).is_empty());
    assert!(!app.exited(), "gh is not run");
    assert_eq!(
        notice(&app),
        Some((
            "the title is too long for gh: g cannot send it; Enter, w, c and p still take it as it is".to_owned(),
            true
        ))
    );
    let copied = press(&mut app, [key(KeyCode::Char('c'))]);
    assert!(matches!(&copied[..], [Effect::Copy { .. }]), "{copied:?}");
}
