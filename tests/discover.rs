//! Discovery as a forge does it: temporary repositories laid out like GitHub, GitLab,
//! Gitea and Forgejo ones, run from a subfolder; shadowing; the chooser's contact links
//! and blank issue; `list` and `list --json`.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value as Json;

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    fn cmd(&self, cwd: &Path) -> Command {
        let mut cmd = Command::cargo_bin("issue-composer").unwrap();
        cmd.current_dir(cwd)
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.config())
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("NO_COLOR", "1");
        cmd
    }

    fn run(&self, cwd: &Path, args: &[&str]) -> String {
        let out = self.cmd(cwd).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn list(&self, cwd: &Path) -> Vec<Json> {
        let text = self.run(cwd, &["list", "--json"]);
        match serde_json::from_str(&text).unwrap() {
            Json::Array(items) => items,
            other => panic!("{other}"),
        }
    }

    /// A repository (with `.git`) holding `files`, and a subfolder to run from.
    fn repo(&self, files: &[(&str, &str)]) -> (PathBuf, PathBuf) {
        let root = self.dir.path().join("repo");
        std::fs::create_dir_all(root.join(".git")).unwrap();
        for (path, text) in files {
            write(&root.join(path), text);
        }
        let sub = root.join("src/deep/er");
        std::fs::create_dir_all(&sub).unwrap();
        (root, sub)
    }
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn md(name: &str) -> String {
    format!("---\nname: {name}\nabout: About {name}\n---\n\n## What happened?\n\n")
}

fn form(name: &str) -> String {
    format!(
        "name: {name}\ndescription: Described {name}\nbody:\n  - type: textarea\n    id: what\n    attributes:\n      label: What happened?\n"
    )
}

/// `(source, path relative to root or as shown, name)` of each line.
fn summary(items: &[Json], root: &Path) -> Vec<(String, String, String)> {
    items
        .iter()
        .map(|i| {
            let path = i["path"].as_str().unwrap_or_default();
            let path = Path::new(path)
                .strip_prefix(root)
                .map_or_else(|_| path.to_owned(), |p| p.display().to_string());
            (
                i["source"].as_str().unwrap().to_owned(),
                path,
                i["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn row(source: &str, path: &str, name: &str) -> (String, String, String) {
    (source.to_owned(), path.to_owned(), name.to_owned())
}

fn builtin_rows() -> Vec<(String, String, String)> {
    vec![
        row(
            "built-in",
            "builtin:performance.md",
            "Performance Optimization",
        ),
        row(
            "built-in",
            "builtin:go-performance.md",
            "Performance Optimization",
        ),
        row("built-in", "builtin:bug-report.md", "Bug Report"),
        row("built-in", "builtin:feature-request.md", "Feature Request"),
    ]
}

#[test]
fn a_github_repository_from_a_subfolder_in_file_name_order() {
    let home = Home::new();
    let (root, sub) = home.repo(&[
        (".github/ISSUE_TEMPLATE/b_feature.yml", &form("Feature")),
        (".github/ISSUE_TEMPLATE/a_bug.MD", &md("Bug")),
        (".github/ISSUE_TEMPLATE/config.yml", "contact_links:\n  - name: Forum\n    url: https://example.org/f\n    about: Questions go here\n"),
        (".github/ISSUE_TEMPLATE/notes.txt", "not a template"),
        ("docs/ISSUE_TEMPLATE.md", &md("Docs single")),
        ("src/.github/ISSUE_TEMPLATE/nested.md", &md("Not the root")),
    ]);
    let items = home.list(&sub);
    let mut want = vec![
        row("repo", ".github/ISSUE_TEMPLATE/a_bug.MD", "Bug"),
        row("repo", ".github/ISSUE_TEMPLATE/b_feature.yml", "Feature"),
        row("repo", "docs/ISSUE_TEMPLATE.md", "Docs single"),
    ];
    want.extend(builtin_rows());
    want.push(row("link", ".github/ISSUE_TEMPLATE/config.yml", "Forum"));
    want.push(row("built-in", "builtin:blank.md", "Blank issue"));
    assert_eq!(summary(&items, &root), want);
    assert_eq!(items[1]["about"], "Described Feature");
    assert_eq!(items[7]["url"], "https://example.org/f");
    assert_eq!(items[7]["about"], "Questions go here");
    // Every object has the same keys.
    for item in &items {
        let keys: Vec<&String> = item.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "name", "stem", "about", "source", "path", "url", "shadows", "error"
            ]
        );
    }
    // TEMPLATE names any of them, from the subfolder.
    let body = home.run(&sub, &["render", "b_feature", "--set", "what=it broke"]);
    assert_eq!(body, "### What happened?\n\nit broke");
    let body = home.run(&sub, &["render", "Docs single", "--set", "what-happened=x"]);
    assert_eq!(body, "## What happened?\n\nx\n");
}

#[test]
fn gitlab_gitea_and_forgejo_layouts_in_any_case() {
    let home = Home::new();
    let (root, sub) = home.repo(&[
        (".gitlab/issue_templates/Bug.md", &md("GitLab bug")),
        (".gitlab/issue_templates/skip.yml", &form("Not on GitLab")),
        (".gitea/issue_template/gitea.yaml", &form("Gitea form")),
        (".gitea/ISSUE_TEMPLATE.md", &md("Gitea single")),
        (".forgejo/ISSUE_TEMPLATE/forgejo.md", &md("Forgejo")),
        (
            ".forgejo/issue_template/config.yaml",
            "blank_issues_enabled: false\n",
        ),
        ("issue_template.md", &md("Root single")),
        (".github/Issue_Template/x.md", &md("Mixed case")),
    ]);
    let items = home.list(&sub);
    let mut want = vec![
        row("repo", ".github/Issue_Template/x.md", "Mixed case"),
        row("repo", "issue_template.md", "Root single"),
        row("repo", ".gitea/ISSUE_TEMPLATE.md", "Gitea single"),
        row("repo", ".gitea/issue_template/gitea.yaml", "Gitea form"),
        row("repo", ".forgejo/ISSUE_TEMPLATE/forgejo.md", "Forgejo"),
        row("repo", ".gitlab/issue_templates/Bug.md", "GitLab bug"),
    ];
    // `blank_issues_enabled: false`: no blank issue.
    want.extend(builtin_rows());
    assert_eq!(summary(&items, &root), want);
}

#[test]
fn repository_templates_shadow_user_ones_and_user_ones_shadow_built_ins() {
    let home = Home::new();
    let user = home.config().join("issue-composer/templates");
    write(&user.join("bug-report.md"), &md("My bugs"));
    write(&user.join("mine.yml"), &form("Mine"));
    write(&user.join("config.yml"), "not: a template\n");
    let (root, sub) = home.repo(&[(".github/ISSUE_TEMPLATE/mine.md", &md("Repo mine"))]);
    let items = home.list(&sub);
    let s = summary(&items, &root);
    assert_eq!(
        s[0],
        row("repo", ".github/ISSUE_TEMPLATE/mine.md", "Repo mine")
    );
    assert_eq!(
        items[0]["shadows"],
        serde_json::json!([{
            "name": "Mine",
            "source": "user",
            "path": user.join("mine.yml").display().to_string(),
        }])
    );
    assert_eq!(s[1].0, "user");
    assert_eq!(s[1].2, "My bugs");
    assert_eq!(items[1]["shadows"][0]["path"], "builtin:bug-report.md");
    assert_eq!(s.iter().filter(|r| r.0 == "built-in").count(), 4, "{s:?}");
    // By name or stem, the shadowing one is used.
    let body = home.run(&sub, &["render", "mine", "--set", "what-happened=r"]);
    assert_eq!(body, "## What happened?\n\nr\n");
    let body = home.run(&sub, &["render", "bug-report", "--set", "what-happened=u"]);
    assert_eq!(body, "## What happened?\n\nu\n");
    // The text listing says so too.
    let text = home.run(&sub, &["list"]);
    let first = text.lines().next().unwrap();
    let words: Vec<&str> = first.split_whitespace().take(5).collect();
    assert_eq!(
        words,
        [
            "repo",
            "Repo",
            "mine",
            ".github/ISSUE_TEMPLATE/mine.md",
            "About"
        ],
        "{text}"
    );
    assert!(
        first.ends_with(&format!(
            "About Repo mine (shadows user {})",
            user.join("mine.yml").display()
        )),
        "{text}"
    );
    assert!(
        text.contains("(shadows built-in builtin:bug-report.md)"),
        "{text}"
    );
    assert!(
        text.lines()
            .last()
            .unwrap()
            .starts_with("built-in  Blank issue"),
        "{text}"
    );
}

/// The built-ins' names work in a repository whose own template of that name hides
/// them, whatever its case and separators (`bug-report` for `Bug_report.md` named
/// "Bug Report"): the repository's template is meant.
#[test]
fn a_built_in_name_finds_the_repository_template_that_hides_it() {
    let home = Home::new();
    let (_, sub) = home.repo(&[(".github/ISSUE_TEMPLATE/Bug_report.md", &md("Bug Report"))]);
    for arg in ["bug-report", "Bug_Report", "bug report"] {
        let body = home.run(&sub, &["render", arg, "--set", "what-happened=r"]);
        assert_eq!(body, "## What happened?\n\nr\n", "{arg}");
    }
    // A path as `list` prints it (from the root) works from the subfolder too.
    let body = home.run(
        &sub,
        &[
            "render",
            ".github/ISSUE_TEMPLATE/Bug_report.md",
            "--set",
            "what-happened=p",
        ],
    );
    assert_eq!(body, "## What happened?\n\np\n");
    // Or by its file name, typed where there is no such file.
    let body = home.run(
        &sub,
        &["render", "bug_report.md", "--set", "what-happened=f"],
    );
    assert_eq!(body, "## What happened?\n\nf\n");
    // Or by its name: `crash.md` named "Bug report" hides the built-in too.
    let home = Home::new();
    let (_, sub) = home.repo(&[(".github/ISSUE_TEMPLATE/crash.md", &md("Bug report"))]);
    let body = home.run(&sub, &["render", "bug-report", "--set", "what-happened=s"]);
    assert_eq!(body, "## What happened?\n\ns\n");
}

/// A file name with its extension names a template from any folder, and a built-in:
/// `bug.yml` or `performance.md` typed where no such file is.
#[test]
fn a_file_name_names_its_template_from_anywhere() {
    let home = Home::new();
    let (_, sub) = home.repo(&[(".github/ISSUE_TEMPLATE/crash.yml", &form("Crash"))]);
    let items = home.list(&sub);
    assert_eq!(items[0]["name"], "Crash");
    let schema = |arg: &str| home.cmd(&sub).args(["schema", arg]).output().unwrap();
    let ok = |out: &std::process::Output| {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let out = schema("Crash.YML");
    ok(&out);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["name"], "Crash");
    ok(&schema("performance.md"));
    assert!(
        !schema("crash.md").status.success(),
        "the extension must match"
    );
    // A folder of that name where it is typed is not the template; as a path it is.
    std::fs::create_dir(sub.join("performance")).unwrap();
    ok(&schema("performance"));
    assert_eq!(
        String::from_utf8_lossy(&schema("performance/").stderr),
        "issue-composer: performance/ is a folder, not a regular file\n"
    );
}

#[test]
fn outside_a_repository_the_nearest_folder_with_templates_counts() {
    let home = Home::new();
    let top = home.dir.path().join("plain");
    write(&top.join(".github/ISSUE_TEMPLATE/t.md"), &md("Loose"));
    let sub = top.join("a/b");
    std::fs::create_dir_all(&sub).unwrap();
    let items = home.list(&sub);
    assert_eq!(items[0]["name"], "Loose");
    assert_eq!(items[0]["source"], "repo");
}

#[test]
fn a_broken_template_and_a_broken_chooser_config_are_reported_not_fatal() {
    let home = Home::new();
    let (_, sub) = home.repo(&[
        (".github/ISSUE_TEMPLATE/bad.yml", "name: [\n"),
        (".github/ISSUE_TEMPLATE/config.yml", "contact_links: 3\n"),
    ]);
    let out = home.cmd(&sub).args(["list", "--json"]).output().unwrap();
    assert!(out.status.success());
    let items: Json = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(items[0]["name"], "bad");
    assert!(
        items[0]["error"].as_str().unwrap().contains("bad.yml:"),
        "{items}"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.ends_with("config.yml:1:16: `contact_links` must be a list\n"),
        "{stderr}"
    );
    assert!(stderr.starts_with("issue-composer: warning: "), "{stderr}");
    // The blank issue is still offered, and opens by name.
    assert_eq!(items.as_array().unwrap().last().unwrap()["stem"], "blank");
    let body = home.run(&sub, &["render", "blank", "--set", "preamble=Just text"]);
    assert_eq!(body, "Just text\n");
}

#[test]
fn contact_links_that_are_not_http_links_are_listed_as_refused_never_as_links() {
    let home = Home::new();
    let config = "contact_links:\n  - name: Evil\n    url: --new-window=file:///etc/passwd\n    about: Click\n  - name: Script\n    url: javascript:alert(1)\n    about: Click\n  - name: Forum\n    url: https://example.org/forum\n    about: Ask\n";
    let (_, sub) = home.repo(&[(".github/ISSUE_TEMPLATE/config.yml", config)]);
    let items = home.list(&sub);
    let listed: Vec<(&str, &Json, &Json)> = items
        .iter()
        .filter(|i| i["source"] == "link")
        .map(|i| (i["name"].as_str().unwrap(), &i["url"], &i["error"]))
        .collect();
    assert_eq!(
        listed,
        [
            (
                "Evil",
                &Json::Null,
                &Json::from(
                    "not opened: only http(s) links are (url: --new-window=file:///etc/passwd)"
                )
            ),
            (
                "Script",
                &Json::Null,
                &Json::from("not opened: only http(s) links are (url: javascript:alert(1))")
            ),
            (
                "Forum",
                &Json::from("https://example.org/forum"),
                &Json::Null
            ),
        ]
    );
    let text = home.run(&sub, &["list"]);
    let lines: Vec<&str> = text.lines().filter(|l| l.starts_with("link")).collect();
    assert_eq!(lines.len(), 3, "{text}");
    let words: Vec<&str> = lines[0]
        .split("  ")
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect();
    assert_eq!(
        words,
        [
            "link",
            "Evil",
            "(refused)",
            "not opened: only http(s) links are (url: --new-window=file:///etc/passwd)"
        ],
        "{text}"
    );
    assert!(lines[2].contains(" https://example.org/forum "), "{text}");
}

/// `check` refuses a contact link whose `url` starts or ends with a space (quoted YAML
/// keeps it); `list` (and so the picker, which shows the same choices) refuses it too,
/// in check's words, instead of offering the trimmed link.
#[test]
fn a_contact_link_with_a_space_around_its_url_is_refused_as_check_refuses_it() {
    let home = Home::new();
    let config = "contact_links:\n  - name: Lead\n    url: \" https://example.com\"\n    about: A\n  - name: Trail\n    url: \"https://example.com \"\n    about: B\n";
    let (_, sub) = home.repo(&[(".github/ISSUE_TEMPLATE/config.yml", config)]);
    let items = home.list(&sub);
    let listed: Vec<(&str, &Json, &Json)> = items
        .iter()
        .filter(|i| i["source"] == "link")
        .map(|i| (i["name"].as_str().unwrap(), &i["url"], &i["error"]))
        .collect();
    assert_eq!(
        listed,
        [
            (
                "Lead",
                &Json::Null,
                &Json::from(
                    "not opened: a contact link's `url` must start with https:// or http://"
                )
            ),
            (
                "Trail",
                &Json::Null,
                &Json::from(
                    "not opened: a contact link's `url` must not hold spaces or control characters"
                )
            ),
        ]
    );
    let out = home.cmd(&sub).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let check = String::from_utf8(out.stdout).unwrap();
    assert!(
        check.contains("config.yml:3:10: error: a contact link's `url` must start with https:// or http://")
            && check.contains("config.yml:6:10: error: a contact link's `url` must not hold spaces or control characters"),
        "{check}"
    );
}

/// `.GitHub/ISSUE_TEMPLATE/` is not `.github/ISSUE_TEMPLATE/`: Git and GitHub match
/// names exactly, so its templates are never offered. They were skipped silently; `list`
/// and `check` now name the folder and the spelling the forge reads.
#[test]
fn a_forge_folder_in_another_case_is_named_with_the_spelling_read() {
    let home = Home::new();
    let (root, sub) = home.repo(&[
        (".GitHub/ISSUE_TEMPLATE/x.md", &md("X")),
        (".gitlab/issue_templates/y.md", &md("Y")),
    ]);
    let folder = root.join(".GitHub").display().to_string();
    let why = "templates here are not read: the folder must be named `.github` (in this case), as the forge reads it";
    let out = home.cmd(&sub).args(["list", "--json"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!("issue-composer: warning: {folder}: {why}\n")
    );
    let out = home.cmd(&sub).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines().next(),
        Some(format!("{folder}:1:1: warning: {why}").as_str()),
        "{text}"
    );
    assert!(!text.contains("x.md"), "{text}");
}

/// An issue form saved as `.md` that starts with `description:` (not `name:`) was read
/// as markdown, silently, into a form of one useless section. It is read as the form it
/// is, and `list`, `check` and opening it (plain mode here) name the file and say GitHub
/// reads issue forms only from `.yml` or `.yaml`. `check` no longer says it lacks front
/// matter.
#[test]
fn an_issue_form_saved_as_markdown_is_named_by_list_check_and_when_opened() {
    let home = Home::new();
    let form = "description: File a bug\nname: Bug\nbody:\n  - type: input\n    id: version\n    attributes:\n      label: Version\n";
    let (root, sub) = home.repo(&[(".github/ISSUE_TEMPLATE/bug.md", form)]);
    let file = root
        .join(".github/ISSUE_TEMPLATE/bug.md")
        .display()
        .to_string();
    let why = "looks like an issue form, which GitHub reads only from a `.yml` or `.yaml` file: it shows this one as text; rename it to `.yml`";
    let out = home.cmd(&sub).args(["list", "--json"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!("issue-composer: warning: {file} {why}\n")
    );
    let listed = serde_json::from_slice::<Json>(&out.stdout).unwrap();
    assert_eq!(listed[0]["name"], "Bug", "{listed}");
    let out = home.cmd(&sub).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines()
            .filter(|l| l.contains(": warning: "))
            .collect::<Vec<_>>(),
        [format!("{file}:1:1: warning: the file {why}")],
        "{text}"
    );
    assert!(text.contains("bug.md: 1 section, 1 field"), "{text}");
    let out = home
        .cmd(&sub)
        .args(["--plain", "--print", &file])
        .write_stdin("T\n1.2\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr.lines().next(),
        Some(format!("issue-composer: warning: {file} {why}").as_str()),
        "{stderr}"
    );
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("### Version\n\n1.2"),
        "the form's field was asked"
    );
}

/// A clone can hold symbolic links; GitHub follows none of them. One that leads out of
/// the repository is listed as an error and never read (before, `render bug --gh` sent
/// the file it pointed at); one that stays inside is followed; a path typed on the
/// command line is the user's choice and is followed.
#[cfg(unix)]
#[test]
fn repository_links_out_of_the_repository_are_refused_and_inside_ones_followed() {
    use std::os::unix::fs::symlink;
    let home = Home::new();
    let secret = home.dir.path().join("secret.md");
    write(&secret, &md("Secret token 12345"));
    let secret_config = home.dir.path().join("links.yml");
    write(
        &secret_config,
        "contact_links:\n  - name: Leaked\n    url: https://example.org/leak\n    about: x\n",
    );
    let (root, sub) = home.repo(&[("docs/real.md", &md("Real"))]);
    let folder = root.join(".github/ISSUE_TEMPLATE");
    std::fs::create_dir_all(&folder).unwrap();
    symlink(&secret, folder.join("bug.md")).unwrap();
    symlink("../../docs/real.md", folder.join("inside.md")).unwrap();
    symlink(&secret_config, folder.join("config.yml")).unwrap();
    // A linked folder leads out as well.
    let elsewhere = home.dir.path().join("elsewhere");
    write(&elsewhere.join("leak.md"), &md("Leak"));
    std::fs::create_dir_all(root.join(".gitlab")).unwrap();
    symlink(&elsewhere, root.join(".gitlab/issue_templates")).unwrap();

    let out = home.cmd(&sub).args(["list", "--json"]).output().unwrap();
    assert!(out.status.success());
    let items: Json = serde_json::from_slice(&out.stdout).unwrap();
    let bug = folder.join("bug.md");
    let why = format!(
        "{} is a symbolic link to a file outside the repository",
        bug.display()
    );
    assert_eq!(
        (&items[0]["name"], &items[0]["error"]),
        (&Json::from("bug"), &Json::from(why.as_str()))
    );
    assert_eq!(
        (&items[1]["name"], &items[1]["error"]),
        (&Json::from("Real"), &Json::Null)
    );
    let leak = root.join(".gitlab/issue_templates/leak.md");
    assert_eq!(
        (&items[2]["name"], &items[2]["error"]),
        (
            &Json::from("leak"),
            &Json::from(format!(
                "{} lies in {}, a symbolic link to a folder outside the repository",
                leak.display(),
                root.join(".gitlab/issue_templates").display()
            ))
        )
    );
    assert!(!items.to_string().contains("Leaked"), "{items}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr,
        format!(
            "issue-composer: warning: {} is a symbolic link to a file outside the repository\n",
            folder.join("config.yml").display()
        )
    );

    // By name, by a typed path, by the path `list` prints, from below or from the root:
    // the same refusal, with nothing printed.
    let refused = |dir: &Path, args: &[&str]| {
        let out = home.cmd(dir).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(out.stdout, b"", "{args:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    let typed = bug.display().to_string();
    for args in [
        &["render", "bug", "--set", "title=x"][..],
        &["render", &typed, "--allow-incomplete"],
        &["render", ".github/ISSUE_TEMPLATE/bug.md"],
    ] {
        assert_eq!(refused(&sub, args), format!("issue-composer: {why}\n"));
    }
    assert_eq!(
        refused(&root, &["render", ".github/ISSUE_TEMPLATE/bug.md"]),
        "issue-composer: .github/ISSUE_TEMPLATE/bug.md is a symbolic link to a file outside the repository\n"
    );
    let inside = home.run(&sub, &["render", "inside", "--allow-incomplete"]);
    assert_eq!(inside, "## What happened?\n");

    // A template typed as a path out of the repository (`..`) is a file the user named,
    // not a link the repository holds: read, from the root and from below.
    write(&home.dir.path().join("beside.md"), &md("Beside"));
    let up = home.dir.path().join("beside.md");
    let up_from = |dir: &Path| {
        let mut rel = PathBuf::new();
        for _ in dir.strip_prefix(home.dir.path()).unwrap().components() {
            rel.push("..");
        }
        rel.join("beside.md").display().to_string()
    };
    for dir in [&root, &sub] {
        let typed = up_from(dir);
        assert!(Path::new(&dir).join(&typed).exists(), "{typed}");
        let out = home.run(dir, &["render", &typed, "--allow-incomplete"]);
        assert_eq!(out, "## What happened?\n", "{typed}");
    }
    assert!(up.exists());
}

/// `check` says what GitHub does with a template linking out of the repository: nothing.
#[test]
fn check_refuses_a_template_linking_out_of_the_repository() {
    use std::os::unix::fs::symlink;
    let home = Home::new();
    let secret = home.dir.path().join("secret.md");
    write(&secret, &md("Secret"));
    let (root, sub) = home.repo(&[("docs/real.md", &md("Real"))]);
    let folder = root.join(".github/ISSUE_TEMPLATE");
    std::fs::create_dir_all(&folder).unwrap();
    symlink(&secret, folder.join("bug.md")).unwrap();
    symlink("../../docs/real.md", folder.join("inside.md")).unwrap();
    let (out_link, inside) = (folder.join("bug.md"), folder.join("inside.md"));
    let (typed, inside) = (out_link.display().to_string(), inside.display().to_string());
    let out = home
        .cmd(&sub)
        .args(["check", &typed, &inside])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let why = format!("{typed} is a symbolic link to a file outside the repository");
    assert!(
        text.contains(&format!("{typed}:1:1: error: {why}\n")),
        "{text}"
    );
    assert!(text.contains(&format!("{inside}: 1 section,")), "{text}");
}

/// GitHub reads the chooser's settings only from `.github/ISSUE_TEMPLATE/config.yml`: a
/// `config.yaml` there is ignored (neither settings nor a template), while Gitea and
/// Forgejo read both names. The picker does the same, and `check` says so, with the
/// chooser's rules, not an issue form's (before, the picker took its settings).
#[test]
fn a_github_config_yaml_is_ignored_as_github_ignores_it_and_check_says_so() {
    let home = Home::new();
    let settings = "blank_issues_enabled: false\ncontact_links:\n  - name: Forum\n    url: https://example.org/forum\n    about: Ask here\n";
    let (root, sub) = home.repo(&[
        (".github/ISSUE_TEMPLATE/bug.md", &md("Bug")),
        (".github/ISSUE_TEMPLATE/config.yaml", settings),
    ]);
    let items = home.list(&sub);
    let mut want = vec![row("repo", ".github/ISSUE_TEMPLATE/bug.md", "Bug")];
    want.extend(builtin_rows());
    want.push(row("built-in", "builtin:blank.md", "Blank issue"));
    assert_eq!(summary(&items, &root), want);
    let config = root.join(".github/ISSUE_TEMPLATE/config.yaml");
    let out = home
        .cmd(&sub)
        .args(["check", &config.display().to_string()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!(
            "{0}:1:1: warning: GitHub reads the template chooser's settings only from `config.yml` and ignores this file (Gitea and Forgejo read it); rename it to `config.yml`\n{0}: template chooser config\n",
            config.display()
        )
    );
    // In Gitea's folder, both names are the chooser's settings.
    let gitea = home.dir.path().join("gitea");
    write(&gitea.join(".git/HEAD"), "");
    write(&gitea.join(".gitea/ISSUE_TEMPLATE/config.yaml"), settings);
    let items = home.list(&gitea);
    let last = items.last().unwrap();
    assert_eq!(
        (last["source"].as_str(), last["name"].as_str()),
        (Some("link"), Some("Forum"))
    );
}

#[test]
fn an_exact_stem_wins_over_one_that_differs_in_case_or_separators() {
    let home = Home::new();
    let (_, sub) = home.repo(&[
        (".github/ISSUE_TEMPLATE/Bug-Report.md", &md("Loose")),
        (".github/ISSUE_TEMPLATE/bug_report.yml", &form("Exact")),
    ]);
    let schema = |arg: &str| -> String {
        let text = home.run(&sub, &["schema", arg]);
        let json: Json = serde_json::from_str(&text).unwrap();
        json["name"].as_str().unwrap().to_owned()
    };
    assert_eq!(schema("bug_report"), "Exact");
    assert_eq!(schema("Bug-Report"), "Loose");
    // Neither written exactly: the first in the chooser's order, as before.
    assert_eq!(schema("bug report"), "Loose");
}

/// `blank_issues_enabled: no` hides the blank issue and `yes` offers it, as GitHub reads
/// YAML 1.1 booleans; `list` and `check` agree (list used to warn and offer it anyway,
/// while check found nothing wrong).
#[test]
fn yes_and_no_in_config_yml_are_read_as_github_reads_them_by_list_and_check() {
    let home = Home::new();
    for (word, blank) in [("no", false), ("Off", false), ("yes", true), ("true", true)] {
        let config = format!("blank_issues_enabled: {word}\n");
        let (root, sub) = home.repo(&[
            (
                ".github/ISSUE_TEMPLATE/bug.md",
                "---\nname: Bug\nabout: b\n---\n## What?\n",
            ),
            (".github/ISSUE_TEMPLATE/config.yml", &config),
        ]);
        let out = home.cmd(&sub).arg("list").output().unwrap();
        assert!(out.status.success(), "{word}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{word}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(text.contains("Blank issue"), blank, "{word}: {text}");
        let config = root.join(".github/ISSUE_TEMPLATE/config.yml");
        let out = home.cmd(&sub).arg("check").arg(&config).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{word}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            format!("{}: template chooser config\n", config.display()),
            "{word}"
        );
    }
}

/// The blank issue named where `config.yml` turns blank issues off: `list` leaves it
/// out, but `render blank` still opens it (a maintainer may mean it), saying so with a
/// warning at `blank_issues_enabled` (before, it opened silently), quoting its value as
/// the file spells it (`off`, `False`, `'no'`; it said `false` for each). Turned on, or
/// without a repository, nothing is said.
#[test]
fn the_blank_issue_named_where_blank_issues_are_off_opens_with_a_warning() {
    let home = Home::new();
    let (root, sub) = home.repo(&[
        (".github/ISSUE_TEMPLATE/bug.md", &md("Bug")),
        (
            ".github/ISSUE_TEMPLATE/config.yml",
            "contact_links: []\nblank_issues_enabled: false\n",
        ),
    ]);
    let render = |cwd: &Path| {
        let out = home
            .cmd(cwd)
            .args([
                "render",
                "blank",
                "--set",
                "title=T",
                "--set",
                "description=D",
            ])
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let warned = "issue-composer: warning: .github/ISSUE_TEMPLATE/config.yml:2:1: this \
                  repository turns blank issues off (blank_issues_enabled: false); GitHub's \
                  web form would not offer one\n";
    assert_eq!(render(&sub), (Some(0), "D\n".to_owned(), warned.to_owned()));
    assert_eq!(render(&root).2, warned);
    assert!(
        !home
            .list(&sub)
            .iter()
            .any(|item| item["name"] == "Blank issue")
    );
    // The value quoted as the file spells it (it said `false` for `off` too).
    for spelled in ["off", "False", "'no'"] {
        write(
            &root.join(".github/ISSUE_TEMPLATE/config.yml"),
            &format!("blank_issues_enabled: {spelled}  # none\n"),
        );
        let warned = format!(
            "issue-composer: warning: .github/ISSUE_TEMPLATE/config.yml:1:1: this \
             repository turns blank issues off (blank_issues_enabled: {spelled}); GitHub's \
             web form would not offer one\n"
        );
        assert_eq!(render(&sub), (Some(0), "D\n".to_owned(), warned));
    }
    write(
        &root.join(".github/ISSUE_TEMPLATE/config.yml"),
        "blank_issues_enabled: true\n",
    );
    assert_eq!(render(&sub), (Some(0), "D\n".to_owned(), String::new()));
    assert_eq!(
        render(home.dir.path()),
        (Some(0), "D\n".to_owned(), String::new())
    );
}

/// `schema` (and every command taking TEMPLATE) refuses a typed path that links out of
/// its repository, as `check` does; with the folder linked out, the message says the
/// folder is the link, not the file.
#[test]
fn a_typed_path_linking_out_of_the_repository_is_refused_everywhere() {
    use std::os::unix::fs::symlink;
    let home = Home::new();
    let secret = home.dir.path().join("secret.md");
    write(&secret, &md("Secret"));
    let (root, sub) = home.repo(&[("docs/real.md", &md("Real"))]);
    let folder = root.join(".github/ISSUE_TEMPLATE");
    std::fs::create_dir_all(&folder).unwrap();
    symlink(&secret, folder.join("passwd.md")).unwrap();
    let typed = folder.join("passwd.md").display().to_string();
    let out = home.cmd(&sub).args(["schema", &typed]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("issue-composer: {typed} is a symbolic link to a file outside the repository\n")
    );
    assert!(out.stdout.is_empty());

    let home = Home::new();
    let outside = home.dir.path().join("elsewhere");
    std::fs::create_dir_all(&outside).unwrap();
    write(&outside.join("l.md"), &md("Linked"));
    let (root, sub) = home.repo(&[("docs/real.md", &md("Real"))]);
    std::fs::create_dir_all(root.join(".gitea")).unwrap();
    symlink(&outside, root.join(".gitea/ISSUE_TEMPLATE")).unwrap();
    let out = home.cmd(&sub).args(["list", "--json"]).output().unwrap();
    let items: Json = serde_json::from_slice(&out.stdout).unwrap();
    let linked = root.join(".gitea/ISSUE_TEMPLATE");
    assert_eq!(
        items[0]["error"],
        format!(
            "{} lies in {}, a symbolic link to a folder outside the repository",
            linked.join("l.md").display(),
            linked.display()
        ),
        "{items}"
    );
}

/// Two templates of one name (the built-ins `performance` and `go-performance`, a repo's
/// pair): `list` shows each with its stem after the name, so one can tell them apart
/// and knows what to type (before: two lines of "Performance Optimization"); a name
/// alone stays alone, and `--json` keeps the template's own name.
#[test]
fn list_tells_templates_of_one_name_apart_by_their_stem() {
    let home = Home::new();
    let (_, sub) = home.repo(&[
        (
            ".github/ISSUE_TEMPLATE/a.md",
            "---\nname: Same\nabout: A\n---\n## X\n",
        ),
        (
            ".github/ISSUE_TEMPLATE/b.md",
            "---\nname: same \nabout: B\n---\n## X\n",
        ),
        (
            ".github/ISSUE_TEMPLATE/c.md",
            "---\nname: Other\nabout: C\n---\n## X\n",
        ),
    ]);
    let text = home.run(&sub, &["list"]);
    let names: Vec<&str> = text
        .lines()
        .map(|l| {
            l.split("  ")
                .map(str::trim)
                .find(|c| !c.is_empty() && *c != "repo" && *c != "built-in")
                .unwrap()
        })
        .collect();
    assert_eq!(
        names,
        [
            "Same (a)",
            "same (b)",
            "Other",
            "Performance Optimization (performance)",
            "Performance Optimization (go-performance)",
            "Bug Report",
            "Feature Request",
            "Blank issue",
        ],
        "{text}"
    );
    let items = home.list(&sub);
    assert_eq!(items[0]["name"], "Same");
    assert_eq!(items[3]["name"], "Performance Optimization");
}

/// A template file named with an ESC and a newline: the error that lists the templates
/// names it on one line with both escaped, as `list` does.
#[test]
fn a_template_named_with_controls_is_named_escaped_in_errors() {
    let home = Home::new();
    let (root, _) = home.repo(&[(
        ".github/ISSUE_TEMPLATE/evil\u{1b}[31mred\nnl.md",
        &md("Evil"),
    )]);
    let out = home
        .cmd(&root)
        .args(["render", "nothere"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "issue-composer: no template file or template named `nothere` (templates: evil\\e[31mred\\nnl, performance, go-performance, bug-report, feature-request, blank)\n"
    );
}
