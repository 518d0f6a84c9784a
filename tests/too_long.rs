//! What the forges refuse for its length, outside a send: the command printed after
//! writing a file (none when the forge or glab would refuse it; glab's for a GitLab
//! template), a title and a body too long at once, and `retry` of an issue kept before
//! the title was checked.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};

use std::process::Command;

/// A scratch world: a stand-in gh and glab that record their arguments, and private
/// data and config folders.
struct World {
    dir: tempfile::TempDir,
}

const STANDIN: &str =
    "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$RECORD\"\necho https://github.com/o/r/issues/42\n";

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["bin", "home", "data", "config", "work"] {
            fs::create_dir(dir.path().join(sub)).unwrap();
        }
        for tool in ["gh", "glab"] {
            let path = dir.path().join("bin").join(tool);
            fs::write(&path, STANDIN).unwrap();
            fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
        }
        World { dir }
    }

    fn path(&self, sub: &str) -> PathBuf {
        self.dir.path().join(sub)
    }

    fn env(&self, cmd: &mut Command) {
        let path = format!(
            "{}:{}",
            self.path("bin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        cmd.env("PATH", path)
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("data"))
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("RECORD", self.path("argv"))
            .current_dir(self.path("work"));
    }

    /// Runs issue-composer with `args` in `work/`: exit code, stdout, stderr.
    fn run(&self, args: &[&str]) -> (Option<i32>, String, String) {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_issue-composer"));
        self.env(&mut cmd);
        let out = cmd.args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    fn issue_composer(&self) -> PathBuf {
        self.path("data").join("issue-composer")
    }

    /// The files in `unsent/`, sorted.
    fn unsent(&self) -> Vec<PathBuf> {
        let Ok(dir) = fs::read_dir(self.issue_composer().join("unsent")) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = dir.map(|e| e.unwrap().path()).collect();
        files.sort();
        files
    }
}

/// `-o FILE` alone with a title GitHub refuses: the file is written (it takes the
/// title), and instead of a gh command that GitHub would refuse, why there is none.
/// At GitHub's limit itself the command is printed.
#[test]
fn a_file_alone_with_a_title_github_refuses_gets_no_gh_command() {
    let world = World::new();
    let title = format!("title={}", "a".repeat(300));
    let (code, out, err) = world.run(&["render", "blank", "--set", &title, "-o", "o1.md"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, "", "no command");
    assert_eq!(
        err,
        "issue-composer: wrote o1.md; no gh command is given: the title is 300 characters long, and GitHub takes at most 256: shorten it (long text can go in the body)\n"
    );
    assert!(world.path("work/o1.md").exists());
    let title = format!("title={}", "a".repeat(256));
    let (code, out, _) = world.run(&["render", "blank", "--set", &title, "-o", "o2.md"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        out,
        format!(
            "gh issue create --title {} --body-file o2.md\n",
            "a".repeat(256)
        )
    );
}

/// A GitLab template (`.gitlab/issue_templates`) gets the glab command, which works:
/// pasted into a shell, glab gets the title and the file's text as the description.
#[test]
fn a_gitlab_template_gets_a_glab_command_that_works() {
    let world = World::new();
    let folder = world.path("work/.gitlab/issue_templates");
    fs::create_dir_all(&folder).unwrap();
    fs::write(
        folder.join("Bug.md"),
        "---\nname: Bug\nabout: b\n---\n## Summary\n\n<!-- What happened? -->\n",
    )
    .unwrap();
    let (code, out, err) = world.run(&[
        "render",
        ".gitlab/issue_templates/Bug.md",
        "--set",
        "summary=it's $HOME",
        "--set",
        "title=It's broken",
        "-o",
        "my bug.md",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        out,
        "glab issue create --title 'It'\\''s broken' --description \"$(cat 'my bug.md')\" --yes\n"
    );
    assert_eq!(
        err,
        "issue-composer: wrote my bug.md; to create the issue, run:\n"
    );
    let mut sh = std::process::Command::new("sh");
    world.env(&mut sh);
    let status = sh.arg("-c").arg(out.trim_end()).status().unwrap();
    assert!(status.success());
    assert_eq!(
        fs::read_to_string(world.path("argv")).unwrap(),
        "issue\ncreate\n--title\nIt's broken\n--description\n## Summary\n\nit's $HOME\n--yes\n",
        "the shell drops the file's last newline"
    );
}

/// A GitLab template's body that glab cannot take as one argument: the file is written,
/// and no glab command is printed (its `"$(cat FILE)"` would be refused by the kernel
/// as too long an argument), with why, in the words of a refused send. At the limit
/// itself the command is printed.
#[test]
fn a_gitlab_body_too_long_for_glab_gets_no_glab_command() {
    let world = World::new();
    let folder = world.path("work/.gitlab/issue_templates");
    fs::create_dir_all(&folder).unwrap();
    fs::write(
        folder.join("Bug.md"),
        "## Summary\n\n<!-- What happened? -->\n",
    )
    .unwrap();
    // `## Summary`, a blank line and the answer's newline take 13 bytes.
    for (answer, file) in [(131_059, "o1.md"), (131_058, "o2.md")] {
        let yaml = format!("title: Long\nfields:\n  summary: {}\n", "x".repeat(answer));
        fs::write(world.path("work/a.yaml"), yaml).unwrap();
        let template = ".gitlab/issue_templates/Bug.md";
        let (code, out, err) = world.run(&["render", template, "--answers", "a.yaml", "-o", file]);
        assert_eq!(code, Some(0), "{err}");
        assert_eq!(
            fs::metadata(world.path("work").join(file)).unwrap().len(),
            answer as u64 + 13
        );
        if file == "o1.md" {
            assert_eq!(out, "", "no command");
            assert_eq!(
                err,
                "issue-composer: wrote o1.md; no glab command is given: the body is too long to pass to glab (131,072 bytes; at most 131,071 fit in an argument)\n"
            );
        } else {
            assert_eq!(
                out,
                "glab issue create --title Long --description \"$(cat o2.md)\" --yes\n"
            );
        }
    }
}

/// A title and a body both too long for GitHub are named in one message, with advice
/// that fits (not "long text can go in the body", which has no room), and saved as a
/// pair under one time stamp.
#[test]
fn a_title_and_a_body_too_long_are_named_together() {
    let world = World::new();
    let answers = world.path("work/big.yaml");
    fs::write(
        &answers,
        format!(
            "title: {}\nfields:\n  preamble: {}\n",
            "T".repeat(300),
            "x".repeat(70_000)
        ),
    )
    .unwrap();
    let (code, _, err) = world.run(&["render", "blank", "--answers", "big.yaml", "--gh"]);
    assert_eq!(code, Some(1));
    let first = err.lines().next().unwrap();
    assert_eq!(
        first,
        "issue-composer: the title is 300 characters long and the body 70,001, and GitHub takes at most 256 for a title and 65,536 for a body: shorten both (long logs can go in a gist or an attached file)"
    );
    assert!(err.contains("\nShorten both, then create the issue from the two files: gh issue create --title \"$(cat "), "{err}");
    assert!(!world.path("argv").exists(), "gh did not run");
    let unsent = world.unsent();
    assert_eq!(unsent.len(), 2, "{unsent:?}");
    let name = |p: &Path| p.file_name().unwrap().to_str().unwrap().to_owned();
    let stem = name(&unsent[0])
        .strip_suffix("-too-long-title.txt")
        .unwrap()
        .to_owned();
    assert_eq!(name(&unsent[1]), format!("{stem}-too-long.md"));
}

/// Keeps an issue for `retry` as a send before the title check kept it, with a label
/// and an assignee.
fn keep(world: &World, forge: &str, title: &str) -> PathBuf {
    let dir = world.issue_composer();
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join("last-issue.json");
    let json = format!(
        "{{\"forge\":\"{forge}\",\"title\":\"{title}\",\"body\":\"hello\\n\",\"labels\":[\"perf\"],\"assignees\":[\"octocat\"],\"projects\":[]}}"
    );
    fs::write(&path, json).unwrap();
    path
}

/// `retry` of an issue kept before titles were checked, whose title the forge refuses,
/// does not advise the retry that just failed: body and title are saved to `unsent/`
/// as a refused send saves them, the kept copy goes, and the message says how to send
/// them once the title is shorter, with the kept label and assignee (nothing of the
/// kept issue is lost with it).
#[test]
fn retry_of_a_kept_issue_whose_title_is_too_long_saves_it_to_shorten() {
    let world = World::new();
    let title = "L".repeat(400);
    let kept = keep(&world, "gh", &title);
    let (code, _, err) = world.run(&["retry"]);
    assert_eq!(code, Some(1));
    assert!(!err.contains("retry"), "{err}");
    let unsent = world.unsent();
    assert_eq!(unsent.len(), 2, "{unsent:?}");
    let (txt, md) = (&unsent[0], &unsent[1]);
    assert_eq!(fs::read_to_string(txt).unwrap(), title);
    assert_eq!(fs::read_to_string(md).unwrap(), "hello\n");
    assert_eq!(
        err,
        format!(
            "issue-composer: the title is 400 characters long, and GitHub takes at most 256: shorten it (long text can go in the body)\nThe body is saved in {md} and its title (400 characters) in {txt}.\nShorten the title, then create the issue from the two files: gh issue create --title \"$(cat {txt})\" --body-file {md} --label perf --assignee octocat\n",
            md = md.display(),
            txt = txt.display()
        )
    );
    assert!(
        !kept.exists(),
        "not kept for a retry that fails the same way"
    );
    assert!(!world.path("argv").exists(), "gh did not run");

    // `retry --glab` of a 256-character title kept for gh: GitLab refuses it, gh would
    // not, so it stays kept for gh and the message says so.
    let world = World::new();
    let kept = keep(&world, "gh", &"M".repeat(256));
    let (code, _, err) = world.run(&["retry", "--glab"]);
    assert_eq!(code, Some(1));
    assert!(
        err.starts_with(
            "issue-composer: the title is 256 characters long, and GitLab takes at most 255: shorten it"
        ),
        "{err}"
    );
    assert!(err.contains("\nShorten the title, then create the issue from the two files: glab issue create --title \"$(cat "), "{err}");
    assert!(
        err.ends_with(&format!(
            "\nThe issue is saved in {}: `issue-composer retry` sends it with the tool it was kept for.\n",
            kept.display()
        )),
        "{err}"
    );
    assert!(kept.exists());
    assert_eq!(world.unsent().len(), 2);
}
