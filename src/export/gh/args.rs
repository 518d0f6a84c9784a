//! The exact arguments after `gh` and `glab` (pure), and the notes on what gh cannot be
//! given (numbered projects, the issue type).

use std::borrow::Cow;
use std::ffi::OsString;
use std::path::Path;

use super::SendError;
use super::limit::over_glab_limit;
use crate::export::Target;
use crate::render::Issue;
use crate::text::is_owner_number;

/// The arguments after `gh`. Only flags that gh 2.23 (Debian 12) also has.
pub fn gh_args(issue: &Issue, body_file: &Path, target: &Target) -> Vec<OsString> {
    let mut args: Vec<OsString> = ["issue", "create", "--title", &issue.title, "--body-file"]
        .map(OsString::from)
        .into();
    args.push(body_file.into());
    push_each(&mut args, "--label", &issue.labels);
    push_each(&mut args, "--assignee", &issue.assignees);
    // gh's `--project` takes a title and finds no project by an issue form's
    // `OWNER/NUMBER`: those are left out (see `projects_left_out`); the web link carries
    // them as GitHub reads them.
    for project in issue.projects.iter().filter(|p| !is_owner_number(p)) {
        args.push("--project".into());
        args.push(slice_value(project).into_owned().into());
    }
    push_target(&mut args, target);
    args
}

/// The projects gh is not given, with why and what to do: `None` when there are none.
pub fn projects_left_out(issue: &Issue) -> Option<String> {
    let numbered: Vec<String> = issue
        .projects
        .iter()
        .filter(|p| is_owner_number(p))
        .cloned()
        .collect();
    (!numbered.is_empty()).then(|| {
        format!(
            "gh adds an issue to a project by the project's title, so {} (OWNER/NUMBER) {} left out: add the issue to {} on its page",
            crate::text::join_list(&numbered),
            if numbered.len() == 1 { "is" } else { "are" },
            if numbered.len() == 1 { "it" } else { "them" },
        )
    })
}

/// The template's issue type, which gh cannot set (it has no flag for it), with what to
/// do: `None` when the template has none.
pub fn type_left_out(issue: &Issue) -> Option<String> {
    (!issue.issue_type.is_empty()).then(|| {
        format!(
            "gh cannot set an issue's type, so the template's type `{}` is left out: set it on the issue's page",
            issue.issue_type
        )
    })
}

/// The arguments after `glab`. GitLab has no projects in GitHub's sense; they are left out.
/// `--yes` skips glab's confirmation prompt.
pub fn glab_args(issue: &Issue, target: &Target) -> Result<Vec<OsString>, SendError> {
    if let Some(bytes) = over_glab_limit(&issue.body) {
        return Err(SendError::TooLong { bytes });
    }
    let mut args: Vec<OsString> = [
        "issue",
        "create",
        "--title",
        &issue.title,
        "--description",
        &issue.body,
        "--yes",
    ]
    .map(OsString::from)
    .into();
    push_each(&mut args, "--label", &issue.labels);
    push_each(&mut args, "--assignee", &issue.assignees);
    push_target(&mut args, target);
    Ok(args)
}

pub(super) fn push_each(args: &mut Vec<OsString>, flag: &str, values: &[String]) {
    for value in values {
        args.push(flag.into());
        args.push(slice_value(value).into_owned().into());
    }
}

pub(super) fn push_target(args: &mut Vec<OsString>, target: &Target) {
    if let Some(milestone) = &target.milestone {
        args.extend(["--milestone".into(), milestone.into()]);
    }
    if let Some(repo) = &target.repo {
        args.extend(["--repo".into(), repo.into()]);
    }
}

/// gh and glab read list flags (`--label a,b`) as one CSV record, so a value with a comma
/// or a quote is quoted the CSV way to stay one value.
pub fn slice_value(value: &str) -> Cow<'_, str> {
    if value.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", value.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::gh::gh_command_line;
    use crate::export::gh::limit::MAX_ARG_BYTES;
    use crate::export::gh::testing::issue;

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
        assert!(
            !gh_command_line(&issue, Path::new("b.md"), &Target::default()).contains("octo-org")
        );
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
}
