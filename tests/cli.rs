//! The scriptable CLI: `schema`, `render` and `check`, run as a real process.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

mod support;
use support::bin;

use std::fs;

fn stdout(args: &[&str]) -> String {
    let out = bin().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

const BUILTINS: [&str; 4] = [
    "performance",
    "go-performance",
    "bug-report",
    "feature-request",
];

const WORKED_EXAMPLE: &str = r#"title: "[PERF] Search p95 latency regressed 4x"
fields:
  performance-issue: "Since 2.3, /search takes 850 ms at p95 (was 210 ms)."
  current-metrics/response-time: 850 ms p95
  current-metrics/throughput: 120 req/s
  target-metrics/response-time: 200 ms p95
  affected-components: [src/search/query.rs, src/db/pool.rs]
  suspected-causes: [Database queries, Missing caching]
  priority: High
"#;

#[test]
fn worked_example_is_byte_exact() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.yaml");
    fs::write(&answers, WORKED_EXAMPLE).unwrap();
    let body = stdout(&[
        "render",
        "performance",
        "--answers",
        answers.to_str().unwrap(),
    ]);
    let start = "## Performance Issue\n\nSince 2.3, /search takes 850 ms at p95 (was 210 ms).\n\n## Current Metrics\n\n- **Response time:** 850 ms p95\n- **Throughput:** 120 req/s\n- **Memory usage:**\n";
    assert!(body.starts_with(start), "{body}");
    let in_order = [
        "- `src/search/query.rs`",
        "- `src/db/pool.rs`",
        "- [x] Database queries",
        "- [ ] Network latency",
        "- [x] Missing caching",
        "- [ ] Critical - System unusable",
        "- [x] High - User experience impacted",
    ];
    let lines: Vec<&str> = body.lines().collect();
    let positions: Vec<usize> = in_order
        .iter()
        .map(|want| {
            lines
                .iter()
                .position(|l| l == want)
                .unwrap_or_else(|| panic!("missing {want:?}"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(!body.contains("<!--"));
    insta::assert_snapshot!("worked_example", body);
}

#[test]
fn no_answers_gives_the_template_without_comments_and_hints() {
    let body = stdout(&["render", "performance"]);
    let template = include_str!("../templates/performance.md");
    let expected_body = template.splitn(3, "---\n").nth(2).unwrap().trim_start();
    // Comments (and the blank line each leaves) and the `src/...` hint item go.
    let mut expected = String::new();
    let mut skip_blank = false;
    for line in expected_body.lines() {
        if line.starts_with("<!--") || line == "- `src/...`" {
            skip_blank = true;
            continue;
        }
        if skip_blank && line.is_empty() {
            skip_blank = false;
            continue;
        }
        skip_blank = false;
        expected.push_str(line);
        expected.push('\n');
    }
    let expected = expected.replace("## Affected Components\n\n\n", "## Affected Components\n\n");
    assert_eq!(body, expected);
}

#[test]
fn schema_and_render_of_every_builtin() {
    for name in BUILTINS {
        let schema = stdout(&["schema", name]);
        let json: serde_json::Value = serde_json::from_str(&schema).expect("schema is JSON");
        insta::assert_json_snapshot!(format!("schema_{name}"), json);
        insta::assert_snapshot!(format!("render_{name}"), stdout(&["render", name]));
    }
}

#[test]
fn schema_lists_the_fields_of_the_seeds() {
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&["schema", "go-performance"])).unwrap();
    let ids: Vec<String> = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["fields"].as_array().unwrap().iter())
        .map(|f| {
            format!(
                "{} {}",
                f["id"].as_str().unwrap(),
                f["kind"].as_str().unwrap()
            )
        })
        .collect();
    insta::assert_snapshot!("go_performance_field_ids", ids.join("\n"));
    assert_eq!(json["title"], "[PERF] ");
    assert_eq!(
        json["labels"],
        serde_json::json!(["type: performance", "epic: go-optimizations"])
    );
}

#[test]
fn go_performance_filled_in_every_kind() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.json");
    fs::write(
        &answers,
        r##"{"fields": {
            "optimization-opportunity/priority": "P1",
            "optimization-opportunity/area": "database",
            "optimization-opportunity/expected-impact": "2x throughput",
            "optimization-opportunity/estimated-effort": "Medium",
            "optimization-opportunity/estimated-effort-2": "8-12 hours",
            "benchmark-results-baseline": "BenchmarkQuery-8  500  2400000 ns/op",
            "proposed-optimization": "Pool the row buffers.\nReuse them per query.",
            "proposed-optimization/go-techniques-used": ["sync.Pool", "Other: arena allocation"],
            "files-affected": ["internal/db/rows.go", "New: internal/db/pool.go"],
            "performance-targets": {"Throughput": {"Baseline": "1000 ops/sec", "Target": "2000 ops/sec"}},
            "user-impact/ux-changes": "None",
            "user-impact/api-changes": "Adds a PoolSize option",
            "dependencies/depends-on": "#41",
            "references": ["[Go performance best practices](https://github.com/golang/go/wiki/Performance)", "#40"]
        }}"##,
    )
    .unwrap();
    let body = stdout(&[
        "render",
        "go-performance",
        "--answers",
        answers.to_str().unwrap(),
    ]);
    for line in [
        "**Priority**: P1-High",
        "**Area**: database",
        "**Estimated Effort**: Medium - 8-12 hours",
        "**Milestone**:",
        "- [x] sync.Pool for object reuse",
        "- [x] Other: arena allocation",
        "- [ ] `internal/db/rows.go`",
        "- [ ] New: `internal/db/pool.go`",
        "| Throughput | 1000 ops/sec | 2000 ops/sec | |",
        "| Latency | | | |",
        "**UX Changes**: None",
        "**API Changes**: Adds a PoolSize option",
        "- Depends on #41",
        "- #40",
    ] {
        assert!(
            body.lines().any(|l| l == line),
            "missing {line:?} in\n{body}"
        );
    }
    insta::assert_snapshot!("go_performance_filled", body);
}

#[test]
fn set_repeats_and_wins_over_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.yaml");
    fs::write(
        &answers,
        "fields:\n  suspected-causes: [Memory leaks]\n  current-metrics/throughput: 1 req/s\n",
    )
    .unwrap();
    let body = stdout(&[
        "render",
        "performance",
        "--answers",
        answers.to_str().unwrap(),
        "--set",
        "suspected-causes=Network latency",
        "--set",
        "suspected-causes=Large payloads",
        "--set",
        "affected-components=[a.rs, b.rs]",
    ]);
    assert!(body.contains("- [x] Network latency\n"));
    assert!(body.contains("- [x] Large payloads\n"));
    assert!(
        body.contains("- [ ] Memory leaks\n"),
        "--set replaced the file's value"
    );
    assert!(
        body.contains("- **Throughput:** 1 req/s\n"),
        "other file values stay"
    );
    assert!(body.contains("- `a.rs`\n- `b.rs`\n"));
}

#[test]
fn output_file_gets_the_body() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("issue.md");
    bin()
        .args(["render", "bug-report", "--set", "summary=It breaks", "-o"])
        .arg(&out)
        .assert()
        .success();
    let written = fs::read_to_string(&out).unwrap();
    assert!(
        written.starts_with("## Summary\n\nIt breaks\n\n## Steps to Reproduce\n"),
        "{written}"
    );
}

#[test]
fn answer_errors_name_the_file_and_list_candidates() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.yaml");
    fs::write(&answers, "fields:\n  Response time: 1\n").unwrap();
    let out = bin()
        .args(["render", "performance", "--answers"])
        .arg(&answers)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err,
        format!(
            "issue-composer: {}:2:3: `Response time` matches several fields: current-metrics/response-time, target-metrics/response-time; use one of these ids\n",
            answers.display()
        )
    );
    fs::write(&answers, "fields: [oops\n").unwrap();
    let out = bin()
        .args(["render", "performance", "--answers"])
        .arg(&answers)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with(&format!("issue-composer: {}:1:", answers.display())),
        "{err}"
    );
}

/// Each problem of an answers file names its place, in YAML and in JSON, all at once
/// (before: the file's name once, and no place); a value given by `--set` says so.
#[test]
fn answer_errors_name_the_place_of_each_in_yaml_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("t.md");
    fs::write(
        &template,
        "## A\n\n- **Name:**\n- **Priority:** low / high\n",
    )
    .unwrap();
    let run = |file: &str, text: &str, extra: &[&str]| {
        let answers = dir.path().join(file);
        fs::write(&answers, text).unwrap();
        let out = bin()
            .arg("render")
            .arg(&template)
            .arg("--answers")
            .arg(&answers)
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8(out.stderr).unwrap();
        err.replace(&answers.display().to_string(), "FILE")
    };
    assert_eq!(
        run(
            "a.yaml",
            "title: x\nlabels: {a: 1}\nfields:\n  nope: 1\n  priority: medium\n  name: [1, [2]]\n",
            &[],
        ),
        "issue-composer: 4 answers do not fit the form:\n  \
         FILE:2:9: `labels`: expects a comma-separated string or a list\n  \
         FILE:4:3: unknown field `nope`; fields: a/name, a/priority\n  \
         FILE:5:13: `priority`: no option `medium`; options: low, high\n  \
         FILE:6:9: `name`: expects text\n"
    );
    assert_eq!(
        run(
            "a.json",
            "{\"assignees\": 3,\n \"fields\": {\"nope\": 1,\n   \"priority\": \"medium\"}}\n",
            &["--set", "name=[x]"],
        ),
        "issue-composer: 4 answers do not fit the form:\n  \
         FILE:1:15: `assignees`: expects a comma-separated string or a list\n  \
         FILE:2:13: unknown field `nope`; fields: a/name, a/priority\n  \
         FILE:3:16: `priority`: no option `medium`; options: low, high\n  \
         --set: `name`: expects text\n"
    );
    assert_eq!(
        run("one.yml", "fields: {priority: medium}\n", &[]),
        "issue-composer: FILE:1:20: `priority`: no option `medium`; options: low, high\n"
    );
    // A name with a newline stays on its problem's line.
    let odd = run("two\nlines.yml", "fields: {nope: 1, name: [x]}\n", &[]);
    assert!(
        odd.contains("\n  ") && odd.contains("two\\nlines.yml:1:10: unknown field `nope`"),
        "{odd}"
    );
}

/// Front matter with several bad values and a good one: `schema` and `check` name every
/// bad value at its place in one run (before: the first alone, at column 1).
#[test]
fn front_matter_problems_are_all_named_with_their_places() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.md");
    fs::write(
        &bad,
        "---\nname: Bad\nabout: fine\ntitle: [x]\nlabels: {a: 1}\n---\n## A\n",
    )
    .unwrap();
    let shown = bad.display().to_string();
    let out = bin().arg("schema").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr)
            .unwrap()
            .replace(&shown, "FILE"),
        "issue-composer: FILE:4:8: `title` must be text, not a list\n\
         FILE:5:9: `labels` must be a comma-separated string or a list, not a mapping\n"
    );
    let out = bin().arg("check").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout)
            .unwrap()
            .replace(&shown, "FILE"),
        "FILE:4:8: error: `title` must be text, not a list\n\
         FILE:5:9: error: `labels` must be a comma-separated string or a list, not a mapping\n"
    );
}

/// `title: [x]` in an issue form: GitHub refuses the form ("key must be a string"), so
/// `schema` refuses it too, naming each such value at its place (before: it showed the
/// title "x" and the description `{"a":"b"}`, silently); `check` names each once.
#[test]
fn an_issue_form_with_a_list_or_mapping_where_text_is_meant_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("f.yml");
    fs::write(
        &form,
        "name: N\ndescription: {a: b}\ntitle: [x]\nlabels: [bug, [x]]\ntype: Bug\nbody:\n  \
         - type: input\n    id: a\n    attributes:\n      label: A\n",
    )
    .unwrap();
    let shown = form.display().to_string();
    let out = bin().arg("schema").arg(&form).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8(out.stderr)
            .unwrap()
            .replace(&shown, "FILE"),
        "issue-composer: FILE:2:14: `description` must be text, not a mapping\n\
         FILE:3:8: `title` must be text, not a list\n\
         FILE:4:15: each item of `labels` must be text, not a list\n"
    );
    let out = bin().arg("check").arg(&form).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout)
            .unwrap()
            .replace(&shown, "FILE"),
        "FILE:2:14: error: `description` must be text\n\
         FILE:3:8: error: `title` must be text\n\
         FILE:4:15: error: each item of `labels` must be text, not a list or mapping\n"
    );
}

#[test]
fn an_issue_form_with_a_boolean_where_text_is_meant_is_refused() {
    // GitHub's docs ('key must be a string'): `description: true` makes the form invalid;
    // `yes` is a boolean as GitHub reads YAML, a quoted "true" is text.
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("f.yml");
    fs::write(
        &form,
        "name: N\ndescription: true\ntitle: yes\ntype: \"on\"\nbody:\n  \
         - type: input\n    id: a\n    attributes:\n      label: A\n",
    )
    .unwrap();
    let shown = form.display().to_string();
    let out = bin().arg("schema").arg(&form).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8(out.stderr)
            .unwrap()
            .replace(&shown, "FILE"),
        "issue-composer: FILE:2:14: `description` is the boolean true here; quote it to make it text\n\
         FILE:3:8: `title` is the boolean true here; quote it to make it text\n"
    );
    let out = bin().arg("check").arg(&form).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout)
            .unwrap()
            .replace(&shown, "FILE"),
        "FILE:2:14: error: `description` is the boolean true here; quote it to make it text\n\
         FILE:3:8: error: `title` is the boolean true here; quote it to make it text\n"
    );
}

#[test]
fn check_reports_file_line_col_and_exits_1_on_errors() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.md");
    let bad = dir.path().join("bad.md");
    fs::write(&good, "## A\n\n<!-- never closed\n").unwrap();
    fs::write(&bad, "---\nname: x\nlabels: [a\n---\n## A\n").unwrap();
    let out = bin().arg("check").arg(&good).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!(
            "{0}:3:1: warning: comment is never closed with `-->`: it hides the rest of the template\n{0}: 1 section, 1 field\n",
            good.display()
        )
    );
    let out = bin().arg("check").arg(&good).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(&format!(
            "{}:3:9: error: unclosed bracket '['\n",
            bad.display()
        )),
        "{text}"
    );
}

#[test]
fn exit_codes_and_template_lookup() {
    bin().args(["render"]).assert().code(2);
    bin().args(["schema", "--bogus"]).assert().code(2);
    let out = bin().args(["render", "no-such-template"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "issue-composer: no template file or built-in template named `no-such-template` (built-ins: performance, go-performance, bug-report, feature-request, blank)\n"
    );
    let out = bin()
        .args(["render", "Performance Optimization"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "issue-composer: `Performance Optimization` names several built-in templates; use a file stem: performance, go-performance\n"
    );
    assert!(stdout(&["render", "bug report"]).starts_with("## Summary"));
}

#[test]
fn help_documents_the_subcommands() {
    let help = stdout(&["--help"]);
    for word in [
        "schema",
        "render",
        "check",
        "TEMPLATE",
        "Exit codes: 0 ok, 1 error, 2 usage",
    ] {
        assert!(help.contains(word), "{word} missing from --help");
    }
    let help = stdout(&["render", "--help"]);
    assert!(help.contains("--set <KEY=VALUE>"));
}

#[test]
fn set_title_takes_brackets_literally() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["render", "bug-report", "--set", "title=[BUG] x", "--gh"])
        .env("PATH", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .output()
        .unwrap();
    let saved = std::fs::read_to_string(dir.path().join("issue-composer/last-issue.json")).unwrap();
    assert!(
        saved.contains("\"title\": \"[BUG] x\""),
        "{saved}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_template_size_limit_names_itself_and_the_variable_raises_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.md");
    let mut text = String::from("## Big\n\n");
    while text.len() <= issue_composer::template::MAX_SIZE {
        text.push_str("<!-- filler filler filler filler filler filler filler -->\n");
    }
    fs::write(&path, &text).unwrap();
    let path = path.to_str().unwrap();
    let refused = bin().args(["schema", path]).assert().failure();
    let err = String::from_utf8(refused.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("larger than 2 MiB, the limit for templates (raise it with ISSUE_COMPOSER_MAX_TEMPLATE_SIZE=BYTES)"),
        "{err}"
    );
    bin()
        .env("ISSUE_COMPOSER_MAX_TEMPLATE_SIZE", "4194304")
        .args(["schema", path])
        .assert()
        .success();
}

/// `render ... | head -1`, `schema ... | head -1`: once the reader is gone, they stop
/// quietly with the exit status of a process killed by SIGPIPE (128 + 13), no message.
#[test]
fn a_closed_pipe_ends_render_and_schema_quietly() {
    use std::io::{BufRead as _, BufReader};
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.md");
    // Far more than a pipe holds (64 KiB), so the command is still writing when it closes.
    fs::write(&path, "## Section\n\nSome text.\n".repeat(20_000)).unwrap();
    for (args, line) in [
        (&["render", "--allow-incomplete"][..], "## Section\n"),
        (&["schema"][..], "{\n"),
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_issue-composer"))
            .arg(args[0])
            .arg(&path)
            .args(&args[1..])
            .env("ISSUE_COMPOSER_MAX_SECTIONS", "100000")
            .env("ISSUE_COMPOSER_MAX_FIELDS", "100000")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert_eq!(first, line);
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(141), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

/// `-R` parts that are no names (`..`, `.`, empty) are refused by the command line, for
/// gh, glab and `retry` alike, before any tool runs; group paths and hosts pass.
#[test]
fn repositories_that_are_no_names_are_refused() {
    for bad in ["../../x", "o/./r", "o//r", "just-one", "o/r x"] {
        for args in [
            &["render", "performance", "--gh", "-R", bad][..],
            &["retry", "-R", bad][..],
        ] {
            let out = bin().args(args).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            let stderr = String::from_utf8(out.stderr).unwrap();
            assert!(
                stderr.starts_with(&format!(
                    "error: invalid value '{bad}' for '--repo <REPO>': expected [HOST/]OWNER/REPO"
                )),
                "{stderr}"
            );
        }
    }
    // Accepted as written (the render then stops at the incomplete answers, exit 1).
    for good in [
        "o/r",
        "group/sub/repo",
        "ghe.example:8443/o/r",
        "https://h.example/o/r",
    ] {
        let out = bin()
            .args(["render", "performance", "--gh", "-R", good])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{good}");
    }
}

/// A title without a letter or digit is blank for sending, and said as such (not as
/// "only the template's prefix", which it is not), with or without a prefix. (No tool
/// runs: PATH is empty, and the refusal comes first.)
#[test]
fn a_title_without_a_letter_or_digit_is_named_so() {
    let dir = tempfile::tempdir().unwrap();
    for prefix in ["", "title: '[PERF] '\n"] {
        let path = dir.path().join("t.md");
        fs::write(
            &path,
            format!("---\nname: T\nabout: t\n{prefix}---\n## A\n\nx\n"),
        )
        .unwrap();
        let out = bin()
            .env("PATH", "")
            .env("XDG_DATA_HOME", dir.path())
            .arg("render")
            .arg(&path)
            .args(["--gh", "-R", "o/r", "--set", "title=!!!"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{prefix}");
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            "issue-composer: the title is without a letter or digit: give one with --set title=... before sending with gh or glab (or pass --allow-incomplete)\n",
            "{prefix}"
        );
    }
}

#[test]
fn numbers_in_an_answers_file_that_read_otherwise_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("t.yml");
    fs::write(
        &form,
        "name: T\ndescription: d\nbody:\n  - type: input\n    id: milestone\n    attributes:\n      label: Milestone\n",
    )
    .unwrap();
    for (name, text, at) in [
        ("a.yml", "title: 123\nfields:\n  Milestone: 1.10\n", "3:14"),
        ("a.json", "{\"fields\": {\"Milestone\": 1.10}}", "1:26"),
    ] {
        let answers = dir.path().join(name);
        fs::write(&answers, text).unwrap();
        let out = bin()
            .arg("render")
            .arg(&form)
            .arg("--answers")
            .arg(&answers)
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}");
        // The behaviour is unchanged: the number is what the reader made of it.
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            "### Milestone\n\n1.1"
        );
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            format!(
                "issue-composer: warning: {}:{at}: `Milestone` `1.10` is read as the number 1.1; quote it to keep it as written\n",
                answers.display()
            ),
            "{name}"
        );
    }
}

/// GitHub's chooser lists a markdown template only with front matter: one without it in
/// `.github/ISSUE_TEMPLATE/` gets a warning from `check`; elsewhere (GitLab's folder)
/// none is needed.
#[test]
fn a_chooser_markdown_template_without_front_matter_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    for folder in [".github/ISSUE_TEMPLATE", ".gitlab/issue_templates"] {
        fs::create_dir_all(dir.path().join(folder)).unwrap();
        fs::write(dir.path().join(folder).join("bare.md"), "## Only\n\ntext\n").unwrap();
    }
    let check = |folder: &str| {
        let out = bin()
            .current_dir(dir.path())
            .args(["check", &format!("{folder}/bare.md")])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap()
    };
    assert_eq!(
        check(".github/ISSUE_TEMPLATE"),
        ".github/ISSUE_TEMPLATE/bare.md:1:1: warning: no front matter (`name`, `about`): GitHub's chooser will not list it\n.github/ISSUE_TEMPLATE/bare.md: 1 section, 1 field\n"
    );
    assert_eq!(
        check(".gitlab/issue_templates"),
        ".gitlab/issue_templates/bare.md: 1 section, 1 field\n"
    );
}

/// Errors in the product's words, with the place and what is expected: they used to
/// be the libraries' (`expected string scalar`, `0 is not in 1..18446744073709551615`,
/// `duplicate key` without the key).
#[test]
fn wrong_values_are_named_in_our_words_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.yaml");
    fs::write(&answers, "title: [a, b]\n").unwrap();
    let out = bin()
        .args(["render", "bug-report", "--answers"])
        .arg(&answers)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "issue-composer: {}:1:8: expected text here, not a list or a mapping\n",
            answers.display()
        )
    );

    let out = bin()
        .args(["render", "bug-report", "--gh-timeout", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: invalid value '0' for '--gh-timeout <SECS>': 0 seconds would stop gh or glab before it starts; give whole seconds, 1 or more (the default is 120)\n"),
        "{stderr}"
    );

    let config = dir.path().join("issue-composer");
    fs::create_dir_all(&config).unwrap();
    fs::write(
        config.join("config.toml"),
        "[export]\nfile_name = \"a.md\"\nfile_name = \"b.md\"\n",
    )
    .unwrap();
    let out = bin()
        .env("XDG_CONFIG_HOME", dir.path())
        .args(["config", "show"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "issue-composer: warning: {}:3:1: `file_name` is given twice; the file is ignored\n",
            config.join("config.toml").display()
        )
    );
}

/// `check` names assignees that cannot be GitHub logins and labels with nothing visible,
/// in markdown front matter and in issue forms.
#[test]
fn check_names_impossible_logins_and_invisible_labels() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("bug.md");
    let form = dir.path().join("bug.yml");
    fs::write(
        &md,
        "---\nname: Bug\nabout: A bug\nlabels: \"bug, \u{200b}\"\nassignees: \"octocat, @hubot, octo cat\"\n---\n## A\n",
    )
    .unwrap();
    fs::write(
        &form,
        "name: Bug form\ndescription: D\nlabels: [bug, \"\u{200b}\"]\nassignees: \"@me, x--y\"\nbody:\n- type: input\n  attributes: {label: L}\n",
    )
    .unwrap();
    let out = bin().arg("check").arg(&md).arg(&form).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!(
            "{0}:4:15: warning: `labels` has an item with nothing visible (only zero-width characters): it is dropped\n\
             {0}:5:30: warning: assignee `octo cat` cannot be a GitHub login (a login has only letters, digits and hyphens): gh will refuse it\n\
             {1}:3:16: warning: `labels` has an item with nothing visible (only zero-width characters): it is dropped\n\
             {1}:4:18: warning: assignee `x--y` cannot be a GitHub login (a login has no two hyphens in a row): gh will refuse it\n\
             {0}: 1 section, 1 field\n\
             {1}: 1 section, 1 field\n",
            md.display(),
            form.display()
        )
    );
}

/// Front matter's label and assignee warnings point at the offending value, line and
/// column, as the wrong-shape errors do (they pointed at the key's line, column 1): an
/// item of a list at its line, a name in a comma-separated string at its column.
#[test]
fn check_points_at_each_impossible_assignee_in_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("bug.md");
    fs::write(
        &md,
        "---\nname: Bug\nabout: A bug\nassignees:\n  - good\n  - \"@bad!\"\n  - x, -y\n  - ok, -y\n---\n## A\n",
    )
    .unwrap();
    let out = bin().arg("check").arg(&md).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let places: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("warning"))
        .map(|l| l.split(": warning").next().unwrap())
        .collect();
    let file = md.display();
    assert_eq!(
        places,
        [
            format!("{file}:6:6"),
            format!("{file}:7:8"),
            format!("{file}:8:9"),
        ],
        "{text}"
    );
}

/// Control characters written as YAML escapes in front matter are removed, and `check`
/// names the file, line and column of each value and what goes (they were removed
/// without a word). The printed report holds no control character itself.
#[test]
fn check_warns_of_control_characters_written_as_yaml_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("bug.md");
    fs::write(
        &md,
        "---\nname: Bug\nabout: A bug\ntitle: \"a\\u0007b\"\nlabels: [\"x\\u001b[31m\"]\n---\n## A\n",
    )
    .unwrap();
    let out = bin().arg("check").arg(&md).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let file = md.display();
    assert_eq!(
        text,
        format!(
            "{file}:4:8: warning: `title` `a\\x07b` holds a control character; it is removed\n\
             {file}:5:10: warning: `labels` `x\\e[31m` holds an escape sequence; it is removed\n\
             {file}: 1 section, 1 field\n"
        )
    );
    assert!(!text.contains(['\u{7}', '\u{1b}']));
    let out = bin()
        .args(["render"])
        .arg(&md)
        .args(["--set", "title=x", "--set", "a=y"])
        .output()
        .unwrap();
    assert!(!out.stdout.contains(&0x1b) && !out.stdout.contains(&7));
    // Opening the template says it too, before anything else.
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "issue-composer: warning: {file}:4:8: `title` `a\\x07b` holds a control character; it is removed\n\
             issue-composer: warning: {file}:5:10: `labels` `x\\e[31m` holds an escape sequence; it is removed\n"
        )
    );
}

/// Raw escape sequences in front matter (the bytes themselves, not YAML escapes) are
/// warned of as YAML escapes are: `check` names the value at its place instead of a bare
/// "escape sequence removed", and `render` says it too (it said nothing).
#[test]
fn raw_escapes_in_front_matter_are_named_by_check_and_render() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("raw.md");
    fs::write(
        &md,
        "---\nname: raw\nabout: \"x\"\ntitle: \"raw\u{1b}[31mred\"\n---\n\n## S\n",
    )
    .unwrap();
    let file = md.display();
    let said = format!(
        "{file}:4:8: warning: `title` `raw\\e[31mred` holds an escape sequence; it is removed"
    );
    let out = bin().arg("check").arg(&md).output().unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("{said}\n{file}: 1 section, 1 field\n")
    );
    let out = bin()
        .arg("render")
        .arg(&md)
        .arg("--allow-incomplete")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "## S\n");
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "issue-composer: warning: {file}:4:8: `title` `raw\\e[31mred` holds an escape sequence; it is removed\n"
        )
    );
}

/// Names of a folded scalar (`assignees: >` over lines 6 and 7) are placed on their own
/// lines (all were at the scalar's first line, 6:3), and an invisible character in a
/// name is shown escaped (`esc\u{200b}zw` was printed raw, looking like the login
/// `esczw`).
#[test]
fn check_places_names_of_a_folded_scalar_and_shows_invisible_characters() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("bug.md");
    fs::write(
        &md,
        "---\nname: N\nabout: a\nlabels: bug\nassignees: >\n  octocat, bad one,\n  x.y, esc\u{200b}zw\n---\n## A\n",
    )
    .unwrap();
    let out = bin().arg("check").arg(&md).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let file = md.display();
    let why = "cannot be a GitHub login (a login has only letters, digits and hyphens): gh will refuse it";
    assert_eq!(
        text.lines()
            .filter(|l| l.contains("warning"))
            .collect::<Vec<_>>(),
        [
            format!("{file}:6:12: warning: assignee `bad one` {why}"),
            format!("{file}:7:3: warning: assignee `x.y` {why}"),
            format!("{file}:7:8: warning: assignee `esc\\u{{200b}}zw` {why}"),
        ],
        "{text}"
    );
}

/// In a GitLab template (`.gitlab/issue_templates/`) `check` judges assignees by
/// GitLab's username rules and says so in the words of `render --glab` (it spoke of
/// GitHub logins and gh, and named `a.b`, a good GitLab username).
#[test]
fn check_words_assignees_for_gitlab_in_a_gitlab_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join(".gitlab/issue_templates");
    fs::create_dir_all(&folder).unwrap();
    let md = folder.join("bug.md");
    let text =
        "---\nname: Bug\nabout: A bug\nassignees: \"octocat, a.b, octo cat, x__y\"\n---\n## A\n";
    fs::write(&md, text).unwrap();
    let github = dir.path().join("bug.md");
    fs::write(&github, text).unwrap();
    let out = bin().arg("check").arg(&md).arg(&github).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!(
            "{0}:4:27: warning: assignee `octo cat` cannot be a GitLab username (a username has only letters, digits, `_`, `.` and `-`): glab will refuse it\n\
             {0}:4:37: warning: assignee `x__y` cannot be a GitLab username (a username has no two of `_`, `.`, `-` in a row): glab will refuse it\n\
             {1}:4:22: warning: assignee `a.b` cannot be a GitHub login (a login has only letters, digits and hyphens): gh will refuse it\n\
             {1}:4:27: warning: assignee `octo cat` cannot be a GitHub login (a login has only letters, digits and hyphens): gh will refuse it\n\
             {1}:4:37: warning: assignee `x__y` cannot be a GitHub login (a login has only letters, digits and hyphens): gh will refuse it\n\
             {0}: 1 section, 1 field\n\
             {1}: 1 section, 1 field\n",
            md.display(),
            github.display()
        )
    );
}

/// `check` with no argument checks the repository's templates; a folder, the templates
/// in it; a dangling link says it is a broken link.
#[test]
fn check_takes_a_folder_no_argument_and_names_a_broken_link() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join(".git")).unwrap();
    let templates = root.join(".github/ISSUE_TEMPLATE");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("bug.md"),
        "---\nname: Bug\nabout: A bug\n---\n## What\n",
    )
    .unwrap();
    fs::write(
        templates.join("config.yml"),
        "blank_issues_enabled: false\n",
    )
    .unwrap();
    let expected = |prefix: &str| {
        format!("{prefix}bug.md: 1 section, 1 field\n{prefix}config.yml: template chooser config\n")
    };
    let out = bin().arg("check").current_dir(root).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        expected(&format!("{}/", templates.display())),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0));
    let out = bin()
        .args(["check", ".github/ISSUE_TEMPLATE"])
        .current_dir(root)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        expected(".github/ISSUE_TEMPLATE/")
    );
    assert_eq!(out.status.code(), Some(0));

    let other = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("nowhere.md", other.path().join("gone.md")).unwrap();
    let out = bin()
        .args(["check", "gone.md"])
        .current_dir(other.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "gone.md:1:1: error: a broken symbolic link: it points to nowhere.md, which does not exist\n"
    );
}

#[test]
fn check_in_a_repository_without_templates_says_so() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let out = bin().arg("check").current_dir(dir.path()).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "no templates in the repository at {}: nothing to check (a forge reads them from .github/ISSUE_TEMPLATE/, .gitlab/issue_templates/ and the like; name files or folders to check others)\n",
            dir.path().display()
        )
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn set_given_twice_is_refused_unless_the_field_takes_several_values() {
    for (key, kind) in [
        ("title", "the title"),
        ("performance-issue", "a textarea field"),
        ("priority", "a single choice"),
    ] {
        let out = bin()
            .args(["render", "performance", "--set"])
            .arg(format!("{key}=a"))
            .arg("--set")
            .arg(format!("{key}=b"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            format!(
                "issue-composer: `--set {key}` is given twice: {kind} takes one value (give it once; labels, assignees, lists, checkboxes and multiple choices take several)\n"
            )
        );
    }
    // Labels take several: both are kept (before, the last replaced the first).
    let mut file = issue_composer::form::AnswersFile::default();
    file.set("labels", "a", false).unwrap();
    file.set("labels", "b", true).unwrap();
    assert_eq!(file.labels, Some(serde_json::json!(["a", "b"])));
}

/// `--answers -` reads the answers from standard input, as `-o -` writes to standard
/// output.
#[test]
fn answers_from_standard_input() {
    let out = bin()
        .args([
            "render",
            "performance",
            "--allow-incomplete",
            "--answers",
            "-",
        ])
        .write_stdin("fields:\n  performance-issue: typed into a pipe\n")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let body = String::from_utf8(out.stdout).unwrap();
    assert!(body.contains("\ntyped into a pipe\n"), "{body}");
}

/// A problem in answers read from standard input is placed in "standard input", not in
/// the `/dev/stdin` the user never typed.
#[test]
fn answers_from_standard_input_are_placed_there() {
    let out = bin()
        .args(["render", "performance", "--answers", "-"])
        .write_stdin("fields:\n  performance-issue: [1, 2]\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "issue-composer: standard input:2:22: `performance-issue`: expects text\n"
    );
}

/// Standard output on a full disk: `render`, `schema` and `check` say so in the same
/// words and exit 1 (`check` said nothing and exited 0: a report lost is not a pass).
#[test]
fn a_full_disk_on_standard_output_is_an_error_in_words() {
    let Ok(full) = fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: no /dev/full");
        return;
    };
    for args in [
        &["render", "performance", "--allow-incomplete"][..],
        &["schema", "performance"],
        &["check", "performance"],
    ] {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("issue-composer"));
        let out = cmd
            .env("NO_COLOR", "1")
            .args(args)
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "issue-composer: no space left on the device\n",
            "{args:?}"
        );
    }
}
