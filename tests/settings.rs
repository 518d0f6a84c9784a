//! The real binary with a config.toml: `config path|show`, the file under the flags,
//! warnings with positions; completion scripts for every shell; the man page; drafts.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

struct Home(tempfile::TempDir);

impl Home {
    fn new() -> Self {
        Self(tempfile::tempdir().unwrap())
    }

    fn path(&self) -> &Path {
        self.0.path()
    }

    fn config_file(&self) -> PathBuf {
        self.path().join("config/issue-composer/config.toml")
    }

    fn write_config(&self, text: &str) {
        let file = self.config_file();
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }

    fn drafts(&self) -> PathBuf {
        self.path().join("data/issue-composer/drafts")
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("issue-composer").unwrap();
        cmd.current_dir(self.path())
            .env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_DATA_HOME", self.path().join("data"))
            .env("NO_COLOR", "1");
        cmd
    }

    /// Standard output and error of a run that succeeds.
    fn run(&self, args: &[&str]) -> (String, String) {
        let out = self.cmd().args(args).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(out.status.success(), "{args:?}: {stderr}");
        (String::from_utf8(out.stdout).unwrap(), stderr)
    }
}

const FORM: &str = "name: F\ndescription: d\nbody:\n  - type: checkboxes\n    id: c\n    attributes:\n      label: C\n      options:\n        - label: one\n";

#[test]
fn config_path_and_show_without_a_file() {
    let home = Home::new();
    let (path, _) = home.run(&["config", "path"]);
    assert_eq!(path, format!("{}\n", home.config_file().display()));
    let (shown, stderr) = home.run(&["config", "show"]);
    assert_eq!(stderr, "");
    assert_eq!(
        shown,
        "drafts = true\n\n[export]\nclipboard = \"auto\"\nfile_name = \"{stem}-issue.md\"\nfolder = \".\"\nforms_format = \"current\"\n\n[keys]\n\n[theme]\nname = \"dark\"\n\n[theme.colors]\n"
    );
}

#[test]
fn the_file_is_merged_with_warnings_and_flags_win() {
    let home = Home::new();
    home.write_config(
        "drafts = false\nthem = \"light\"\n\n[export]\nforms_format = \"legacy\"\nfile_name = \"{stem}-{title}.md\"\nclipboard = 3\n",
    );
    let (shown, stderr) = home.run(&["config", "show"]);
    let file = home.config_file().display().to_string();
    assert_eq!(
        stderr,
        format!(
            "issue-composer: warning: {file}:2:1: unknown key `them`; ignored\n\
             issue-composer: warning: {file}:7:13: `export.clipboard`: expected auto, wl-copy, xclip, xsel, arboard or osc52, not an integer; ignored\n"
        )
    );
    assert!(shown.starts_with("drafts = false\n"), "{shown}");
    assert!(shown.contains("forms_format = \"legacy\""), "{shown}");
    // render: the file's forms format, unless the flag says otherwise.
    let form = home.path().join("f.yml");
    std::fs::write(&form, FORM).unwrap();
    let form = form.to_str().unwrap();
    let (legacy, _) = home.run(&["render", form, "--set", "c=[one]"]);
    assert_eq!(legacy, "### C\n\n- [X] one\n");
    let (current, _) = home.run(&[
        "render",
        form,
        "--set",
        "c=[one]",
        "--forms-format",
        "current",
    ]);
    assert_eq!(current, "### C\n\n- [x] one");
    // --save writes where the file says.
    let (_, stderr) = home.run(&["render", form, "--set", "title=Hello World", "--save"]);
    assert!(
        stderr.ends_with("wrote ./f-hello-world.md; to create the issue, run:\n"),
        "{stderr}"
    );
    assert!(home.path().join("f-hello-world.md").is_file());
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    let home = Home::new();
    for (shell, marker) in [
        ("bash", "complete -F _issue__composer"),
        ("zsh", "#compdef issue-composer"),
        ("fish", "complete -c issue-composer"),
        ("elvish", "edit:completion:arg-completer[issue-composer]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let (script, _) = home.run(&["completions", shell]);
        assert!(script.contains(marker), "{shell}: {script}");
        for sub in ["render", "list", "drafts", "completions"] {
            assert!(script.contains(sub), "{shell} lacks {sub}");
        }
    }
    home.cmd().args(["completions", "tcsh"]).assert().code(2);
    let (man, _) = home.run(&["man"]);
    assert!(man.starts_with(".ie \\n(.g .ds Aq"), "{man}");
    assert!(man.contains(".TH issue-composer 1"), "{man}");
    assert!(man.contains("issue\\-composer\\-list"), "{man}");
}

#[test]
fn drafts_list_show_and_rm() {
    let home = Home::new();
    let (list, _) = home.run(&["drafts", "list"]);
    assert_eq!(list, "");
    let dir = home.drafts();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("builtin-performance.yaml"),
        "title: \"[PERF] x\"\n",
    )
    .unwrap();
    let repo = home.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    let draft = "# template: /r/.github/ISSUE_TEMPLATE/bug.md\n# repository: /r\ntitle: b\n";
    std::fs::write(dir.join("bug-0123456789abcdef.yaml"), draft).unwrap();
    std::fs::write(dir.join("d.yaml.corrupt-20240229T123456Z"), "x").unwrap();
    let (list, _) = home.run(&["drafts", "list"]);
    let rows: Vec<Vec<&str>> = list.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2, "{list}");
    assert_eq!(
        rows[0][..3],
        [
            "bug-0123456789abcdef",
            "/r/.github/ISSUE_TEMPLATE/bug.md",
            "/r"
        ]
    );
    assert_eq!(rows[0][4], format!("{} bytes", draft.len()));
    assert_eq!(
        rows[1][..3],
        ["builtin-performance", "builtin:performance.md", "-"]
    );
    assert_eq!(rows[1][3].len(), "2024-02-29 12:34".len());
    let (shown, _) = home.run(&["drafts", "show", "bug-0123456789abcdef"]);
    assert_eq!(shown, draft);
    // A draft is an answers file: the comments are not answers.
    let (body, _) = home.run(&[
        "render",
        "performance",
        "--allow-incomplete",
        "--answers",
        dir.join("bug-0123456789abcdef.yaml").to_str().unwrap(),
    ]);
    assert!(body.starts_with("## Performance Issue"), "{body}");
    let (_, stderr) = home.run(&["drafts", "rm", "builtin-performance"]);
    assert_eq!(
        stderr,
        format!(
            "issue-composer: removed {}\n",
            dir.join("builtin-performance.yaml").display()
        )
    );
    let out = home
        .cmd()
        .args(["drafts", "show", "../x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "issue-composer: no draft `../x` (`issue-composer drafts list` shows them)\n"
    );
}

/// A draft's size reads right for one byte and for more: `1 byte`, `2 bytes`.
#[test]
fn drafts_list_says_one_byte_and_two_bytes() {
    let home = Home::new();
    let dir = home.drafts();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("one.yaml"), "\n").unwrap();
    std::fs::write(dir.join("two.yaml"), "\n\n").unwrap();
    let (list, _) = home.run(&["drafts", "list"]);
    let mut sizes: Vec<(&str, &str)> = list
        .lines()
        .map(|l| {
            let row: Vec<&str> = l.split('\t').collect();
            (row[0], row[4])
        })
        .collect();
    sizes.sort_unstable();
    assert_eq!(sizes, [("one", "1 byte"), ("two", "2 bytes")], "{list}");
}

/// config.toml that is not a regular file, or is huge: a warning naming the file, the
/// defaults used, and `render` goes on (before, a link to /dev/zero read gigabytes and
/// a FIFO hung every command).
#[cfg(unix)]
#[test]
fn a_config_that_is_a_device_a_fifo_or_too_large_is_a_warning_not_a_hang() {
    let home = Home::new();
    let file = home.config_file();
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let make = |why: &str, f: &Path| match why {
        "it is a character device, not a regular file" => {
            std::os::unix::fs::symlink("/dev/zero", f).unwrap();
        }
        "it is a FIFO, not a regular file" => {
            let made = std::process::Command::new("mkfifo").arg(f).status();
            assert!(made.unwrap().success());
        }
        _ => {
            let mut text = "# padding\n".repeat(110_000);
            text.push_str("drafts = false\n");
            std::fs::write(f, text).unwrap();
        }
    };
    let cases = [
        "it is a character device, not a regular file",
        "it is a FIFO, not a regular file",
        "it is larger than 1 MiB",
    ];
    for why in cases {
        let _ = std::fs::remove_file(&file);
        make(why, &file);
        let (body, stderr) = home.run(&["render", "blank", "--set", "preamble=Text"]);
        assert_eq!(body, "Text\n");
        assert_eq!(
            stderr,
            format!(
                "issue-composer: warning: {}: {why}; it is ignored\n",
                file.display()
            )
        );
    }
}

/// `{title}` of a title that is only the template's prefix is `untitled`, not the
/// prefix's word (`bug.md`); a title that says more names the file.
#[test]
fn a_title_of_only_the_prefix_names_no_file() {
    let home = Home::new();
    home.write_config("[export]\nfile_name = \"{title}.md\"\n");
    std::fs::create_dir(home.path().join("out")).unwrap();
    for (title, file) in [
        ("[BUG] ", "untitled.md"),
        ("[BUG] It crashed", "bug-it-crashed.md"),
    ] {
        let set = format!("title={title}");
        home.run(&[
            "render",
            "bug-report",
            "--set",
            &set,
            "-o",
            "out/",
            "--allow-incomplete",
        ]);
        assert!(home.path().join("out").join(file).exists(), "{title}");
    }
    let names = std::fs::read_dir(home.path().join("out")).unwrap().count();
    assert_eq!(names, 2);
}

/// A draft whose lock another process holds (here `flock`, a program not called
/// issue-composer, as `ic` would not be after `ln -s issue-composer ic`) is that process's:
/// `drafts rm` refuses it whatever the program's name. Before, only a process whose name
/// began with `issue-compo` counted as a holder.
#[test]
fn drafts_rm_refuses_a_draft_held_under_another_name() {
    let home = Home::new();
    let dir = home.drafts();
    std::fs::create_dir_all(&dir).unwrap();
    let draft = dir.join("builtin-performance.yaml");
    std::fs::write(&draft, "# template: builtin:performance.md\nfields: {}\n").unwrap();
    let lock = dir.join("builtin-performance.yaml.lock");
    // `-o`: only flock itself holds it, not the sleep it runs.
    let mut holder = std::process::Command::new("flock")
        .arg("-o")
        .arg(&lock)
        .args(["sleep", "60"])
        .spawn()
        .expect("flock(1) from util-linux");
    // Waited for until it holds the lock; then the file names it, as ours names us.
    let held = || {
        std::fs::File::open(&lock)
            .is_ok_and(|f| matches!(f.try_lock_shared(), Err(std::fs::TryLockError::WouldBlock)))
    };
    let start = std::time::Instant::now();
    while !held() && start.elapsed() < std::time::Duration::from_secs(30) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::fs::write(&lock, holder.id().to_string()).unwrap();
    let out = home
        .cmd()
        .args(["drafts", "rm", "builtin-performance"])
        .output()
        .unwrap();
    let _ = holder.kill();
    let _ = holder.wait();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "issue-composer: the draft {} is open in another issue-composer; quit that one first (or discard it there)\n",
            draft.display()
        )
    );
    assert!(draft.exists());
    // Once it is gone, the draft can go.
    home.run(&["drafts", "rm", "builtin-performance"]);
    assert!(!draft.exists());
}
