//! Unit tests of `gh`.

use super::*;

fn issue() -> Issue {
    Issue {
        title: "[BUG] it's broken".into(),
        body: "## Summary\n".into(),
        labels: vec!["bug".into(), "help wanted".into(), "a,b".into()],
        assignees: vec!["octocat".into()],
        projects: vec!["Roadmap".into()],
        ..Issue::default()
    }
}

fn strings(args: Vec<OsString>) -> Vec<String> {
    args.into_iter().map(|a| a.into_string().unwrap()).collect()
}

/// An issue form's `OWNER/NUMBER` project is no title gh can find: it is left out of gh's
/// arguments (and the printed command), with a note; a title stays.
#[test]
fn numbered_projects_are_left_out_for_gh_with_a_note() {
    let mut issue = issue();
    issue.projects = vec![
        "octo-org/1".into(),
        "Roadmap".into(),
        "octo-org/44".into(),
        "a/b1".into(),
    ];
    let args = strings(gh_args(&issue, Path::new("b.md"), &Target::default()));
    let projects: Vec<&str> = args
        .windows(2)
        .filter(|w| w[0] == "--project")
        .map(|w| w[1].as_str())
        .collect();
    assert_eq!(projects, ["Roadmap", "a/b1"]);
    assert_eq!(
        projects_left_out(&issue).as_deref(),
        Some(
            "gh adds an issue to a project by the project's title, so octo-org/1, octo-org/44 (OWNER/NUMBER) are left out: add the issue to them on its page"
        )
    );
    assert!(!gh_command_line(&issue, Path::new("b.md"), &Target::default()).contains("octo-org"));
    issue.projects = vec!["Roadmap".into()];
    assert_eq!(projects_left_out(&issue), None);
}

#[test]
fn gh_gets_every_list_value_and_the_target() {
    let target = Target {
        repo: Some("o/r".into()),
        milestone: Some("v1".into()),
    };
    let args = strings(gh_args(&issue(), Path::new("/tmp/b.md"), &target));
    assert_eq!(
        args,
        [
            "issue",
            "create",
            "--title",
            "[BUG] it's broken",
            "--body-file",
            "/tmp/b.md",
            "--label",
            "bug",
            "--label",
            "help wanted",
            "--label",
            "\"a,b\"",
            "--assignee",
            "octocat",
            "--project",
            "Roadmap",
            "--milestone",
            "v1",
            "--repo",
            "o/r",
        ]
    );
    let args = strings(gh_args(&issue(), Path::new("b.md"), &Target::default()));
    assert!(!args.iter().any(|a| a == "--repo" || a == "--milestone"));
}

#[test]
fn glab_gets_the_body_as_description_and_no_projects() {
    let target = Target {
        repo: Some("g/sub/r".into()),
        milestone: None,
    };
    let args = strings(glab_args(&issue(), &target).unwrap());
    assert_eq!(
        args,
        [
            "issue",
            "create",
            "--title",
            "[BUG] it's broken",
            "--description",
            "## Summary\n",
            "--yes",
            "--label",
            "bug",
            "--label",
            "help wanted",
            "--label",
            "\"a,b\"",
            "--assignee",
            "octocat",
            "--repo",
            "g/sub/r",
        ]
    );
    let mut long = issue();
    long.body = "x".repeat(MAX_ARG_BYTES);
    assert!(matches!(
        glab_args(&long, &target),
        Err(SendError::TooLong { bytes }) if bytes == MAX_ARG_BYTES
    ));
}

#[test]
fn list_values_are_csv_quoted_only_when_needed() {
    assert_eq!(slice_value("help wanted"), "help wanted");
    assert_eq!(slice_value("a,b"), "\"a,b\"");
    assert_eq!(slice_value("say \"hi\""), "\"say \"\"hi\"\"\"");
}

#[test]
fn the_command_line_is_shell_quoted() {
    let line = gh_command_line(
        &issue(),
        Path::new("out/issue.md"),
        &Target {
            repo: Some("o/r".into()),
            milestone: None,
        },
    );
    assert_eq!(
        line,
        r#"gh issue create --title '[BUG] it'\''s broken' --body-file out/issue.md --label bug --label 'help wanted' --label '"a,b"' --assignee octocat --project Roadmap --repo o/r"#
    );
    assert_eq!(shell_quote(""), "''");
    assert_eq!(shell_quote("$HOME"), "'$HOME'");
    assert_eq!(
        shell_quote("a\u{1b}]0;x\u{7}'\\\u{202e}\n"),
        r"$'a\e]0;x\x07\'\\\u202e\n'"
    );
}

#[test]
fn the_url_is_the_last_one_printed() {
    assert_eq!(
        find_url("https://github.com/o/r/issues/7\n").as_deref(),
        Some("https://github.com/o/r/issues/7")
    );
    assert_eq!(
        find_url("#3 Title (now)\n https://gitlab.com/g/r/-/issues/3\n").as_deref(),
        Some("https://gitlab.com/g/r/-/issues/3")
    );
    assert_eq!(find_url("done\n"), None);
    // Only an issue's URL says one was created; junk after its number is cut.
    assert_eq!(
        find_url("see https://github.com/o/r/issues/new for help\n"),
        None
    );
    assert_eq!(find_url("https://evil.example/x\n"), None);
    assert_eq!(find_url("https:///issues/3 http://h/myissues/3\n"), None);
    assert_eq!(
        find_url("https://github.com/o/r/issues/7\u{1b}[2J\u{1b}]0;pwned\u{7}\n").as_deref(),
        Some("https://github.com/o/r/issues/7")
    );
    assert_eq!(
        find_url("https://ghe.example/o/r/issues/12 https://github.com/o/r/issues/new\n")
            .as_deref(),
        Some("https://ghe.example/o/r/issues/12")
    );
}

/// GitHub takes 256 characters, GitLab 255, counted as characters, not bytes.
#[test]
fn a_title_is_over_the_limit_by_characters() {
    for (forge, max) in [(Forge::Github, 256), (Forge::Gitlab, 255)] {
        assert_eq!(title_over_limit(&"é".repeat(max), forge), None, "{forge:?}");
        assert_eq!(
            title_over_limit(&"é".repeat(max + 1), forge),
            Some(max + 1),
            "{forge:?}"
        );
        assert_eq!(title_over_limit(&"x".repeat(max + 1), forge), Some(max + 1));
    }
}
