//! The machine an issue is about, for Environment / OS / Hardware / Version fields
//! (Ctrl-D in the form): the OS and kernel, the CPU and its cores, the memory, and the
//! versions of the user's toolchains for the languages the repository uses. Reading is at the edge ([`detect`]:
//! files in /proc and /etc, a few commands with a short timeout); picking the parts a
//! field asks for and writing them out are pure. Nothing leaves the machine.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long each command (`uname`, `go version`, ...) may take.
pub const TIMEOUT: Duration = Duration::from_secs(2);

/// What was found; each part is there when it could be read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// The distribution's name (`PRETTY_NAME`), e.g. `Ubuntu 24.04 LTS`.
    pub os: Option<String>,
    /// `uname -sr`, e.g. `Linux 6.8.0-45-generic`.
    pub kernel: Option<String>,
    pub cpu: Option<String>,
    pub cores: Option<usize>,
    pub memory_kib: Option<u64>,
    /// Toolchains, as (name, version line).
    pub tools: Vec<(String, String)>,
}

/// What a field asks for, from its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    All,
    Os,
    Hardware,
    Versions,
}

/// What a field labelled `label` wants detected, if it is about the environment.
pub fn wants(label: &str) -> Option<Want> {
    let label = label.to_lowercase();
    let words: Vec<&str> = label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    // A measurement ("Memory usage", "CPU time"), the program's and not the machine's.
    let measured = [
        "usage",
        "utilization",
        "utilisation",
        "consumption",
        "footprint",
        "used",
        "load",
        "time",
        "peak",
        "leak",
        "allocations",
    ];
    if has(&measured) {
        None
    } else if has(&["environment", "env", "system", "setup", "machine"]) {
        Some(Want::All)
    } else if has(&["os", "platform", "distribution", "distro", "kernel"]) {
        Some(Want::Os)
    } else if has(&["hardware", "cpu", "processor", "memory", "ram"]) {
        Some(Want::Hardware)
    } else if has(&[
        "version",
        "versions",
        "toolchain",
        "go",
        "rust",
        "rustc",
        "node",
        "python",
    ]) {
        Some(Want::Versions)
    } else {
        None
    }
}

/// The option that names the operating system `os` (`std::env::consts::OS`: `linux`,
/// `macos`, `windows`, ...), by a word of its label: `Linux`, `macOS` or `Mac`,
/// `Windows`. `None` when no option does, or more than one.
pub fn os_option(os: &str, labels: &[String]) -> Option<usize> {
    let names: &[&str] = match os {
        "linux" => &["linux"],
        "macos" => &["macos", "mac", "osx", "darwin"],
        "windows" => &["windows", "win"],
        "freebsd" | "openbsd" | "netbsd" => &["bsd", "freebsd", "openbsd", "netbsd"],
        _ => &[],
    };
    let mut found = labels.iter().enumerate().filter(|(_, label)| {
        label
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| names.contains(&w))
    });
    match (found.next(), found.next()) {
        (Some((i, _)), None) => Some(i),
        _ => None,
    }
}

/// The parts of `facts` a field wants, one per line (`OS: ...`).
pub fn format(facts: &Facts, want: Want) -> String {
    let mut lines = Vec::new();
    if matches!(want, Want::All | Want::Os) {
        match (&facts.os, &facts.kernel) {
            (Some(os), Some(kernel)) => lines.push(format!("OS: {os} ({kernel})")),
            (Some(one), None) | (None, Some(one)) => lines.push(format!("OS: {one}")),
            (None, None) => {}
        }
    }
    if matches!(want, Want::All | Want::Hardware) {
        let cores = facts.cores.map(|n| {
            let s = if n == 1 { "" } else { "s" };
            format!("{n} core{s}")
        });
        match (&facts.cpu, cores) {
            (Some(cpu), Some(cores)) => lines.push(format!("CPU: {cpu} ({cores})")),
            (Some(cpu), None) => lines.push(format!("CPU: {cpu}")),
            (None, Some(cores)) => lines.push(format!("CPU: {cores}")),
            (None, None) => {}
        }
        if let Some(kib) = facts.memory_kib {
            lines.push(format!("Memory: {}", memory(kib)));
        }
    }
    if matches!(want, Want::All | Want::Versions) {
        for (name, version) in &facts.tools {
            lines.push(format!("{name}: {version}"));
        }
    }
    lines.join("\n")
}

/// What detecting `want` looked at, for when it found nothing: the files read and
/// the commands run.
pub fn looked_for(want: Want) -> String {
    let tools: Vec<String> = TOOLCHAINS
        .iter()
        .map(|(marker, _, program, arg)| format!("{marker} ({program} {arg})"))
        .collect();
    let versions = format!(
        "no toolchain file in the repository's root: looked for {}",
        tools.join(", ")
    );
    let machine = "read /etc/os-release, /proc/cpuinfo and /proc/meminfo, ran uname -sr and nproc";
    match want {
        Want::Versions => versions,
        Want::Os | Want::Hardware => machine.to_owned(),
        Want::All => format!("{machine}; {versions}"),
    }
}

/// KiB as GiB with one decimal (MiB below one GiB).
fn memory(kib: u64) -> String {
    #[allow(clippy::cast_precision_loss)] // memory sizes are far below 2^52
    let kib = kib as f64;
    if kib >= 1024.0 * 1024.0 {
        format!("{:.1} GiB", kib / (1024.0 * 1024.0))
    } else {
        format!("{:.0} MiB", kib / 1024.0)
    }
}

/// `PRETTY_NAME` of /etc/os-release.
pub fn os_release_name(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let value = line.trim().strip_prefix("PRETTY_NAME=")?;
        let value = value.trim().trim_matches(['"', '\'']).trim();
        (!value.is_empty()).then(|| value.to_owned())
    })
}

/// The CPU's model name from /proc/cpuinfo (`model name`, or `Hardware`/`Model` on ARM),
/// and how many processors it lists.
pub fn cpuinfo(text: &str) -> (Option<String>, Option<usize>) {
    let value = |key: &str| {
        text.lines().find_map(|line| {
            let (k, v) = line.split_once(':')?;
            (k.trim() == key && !v.trim().is_empty()).then(|| squeeze(v))
        })
    };
    let model = value("model name")
        .or_else(|| value("Model"))
        .or_else(|| value("Hardware"))
        .or_else(|| value("cpu model"));
    let count = text
        .lines()
        .filter(|l| {
            l.split_once(':')
                .is_some_and(|(k, _)| k.trim() == "processor")
        })
        .count();
    (model, (count > 0).then_some(count))
}

/// `MemTotal` of /proc/meminfo, in KiB.
pub fn mem_total_kib(text: &str) -> Option<u64> {
    text.lines().find_map(|line| {
        let rest = line.strip_prefix("MemTotal:")?;
        rest.split_whitespace().next()?.parse().ok()
    })
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The toolchains a repository at `root` uses, by the files it has: (marker file, name,
/// program, argument).
pub const TOOLCHAINS: &[(&str, &str, &str, &str)] = &[
    ("go.mod", "Go", "go", "version"),
    ("Cargo.toml", "Rust", "rustc", "-V"),
    ("package.json", "Node.js", "node", "-v"),
    ("pyproject.toml", "Python", "python3", "-V"),
];

/// Reads what can be read about this machine and the repository at `root`.
pub fn detect(root: &Path) -> Facts {
    detect_within(root, TIMEOUT)
}

/// [`detect`], each command given `timeout`.
fn detect_within(root: &Path, timeout: Duration) -> Facts {
    let run = |program: &str, args: &[&str]| run(program, args, timeout);
    let read = |path: &str| std::fs::read_to_string(path).ok();
    let (cpu, listed) = read("/proc/cpuinfo").map_or((None, None), |t| cpuinfo(&t));
    let cores = run("nproc", &[])
        .and_then(|n| n.trim().parse().ok())
        .or(listed)
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from));
    let tools = TOOLCHAINS
        .iter()
        .filter(|(marker, ..)| root.join(marker).exists())
        .filter_map(|(_, name, program, arg)| {
            Some(((*name).to_owned(), version(&run(program, &[arg])?)))
        })
        .collect();
    Facts {
        os: read("/etc/os-release").and_then(|t| os_release_name(&t)),
        kernel: run("uname", &["-sr"]),
        cpu,
        cores,
        memory_kib: read("/proc/meminfo").and_then(|t| mem_total_kib(&t)),
        tools,
    }
}

/// A toolchain's version as its command prints it, without words that repeat the
/// toolchain's name: `go version go1.22.5 linux/amd64` is `go1.22.5 linux/amd64`.
fn version(printed: &str) -> String {
    printed
        .strip_prefix("go version ")
        .unwrap_or(printed)
        .to_owned()
}

/// The first line `program args` prints (standard output, else standard error: `python3
/// -V` used to print there), if it succeeds within `timeout` ([`TIMEOUT`] for the form).
///
/// The repository is not trusted: the command runs from `/`, so a `rust-toolchain.toml`
/// or `.python-version` in a clone cannot pick the program that runs (rustup and pyenv
/// read them from the working folder), and with `GOTOOLCHAIN=local`, so `go` downloads
/// nothing. The versions are the user's own toolchains. The command gets a process
/// group of its own, killed when it ends or times out, so a background child it leaves
/// holding the pipes cannot stretch the timeout.
fn run(program: &str, args: &[&str], timeout: Duration) -> Option<String> {
    use std::io::Read as _;
    use std::os::unix::process::CommandExt as _;
    let mut child = Command::new(program)
        .args(args)
        .current_dir("/")
        .env("GOTOOLCHAIN", "local")
        .process_group(0)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let group = rustix::process::Pid::from_child(&child);
    let deadline = Instant::now() + timeout;
    let (sender, received) = std::sync::mpsc::channel();
    let pipes: [Option<Box<dyn std::io::Read + Send>>; 2] = [
        child.stdout.take().map(|p| Box::new(p) as _),
        child.stderr.take().map(|p| Box::new(p) as _),
    ];
    for (at, pipe) in pipes.into_iter().enumerate() {
        let sender = sender.clone();
        let mut pipe = pipe?;
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.by_ref().take(64 * 1024).read_to_end(&mut bytes);
            let _ = sender.send((at, bytes));
        });
    }
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(10)),
            _ => break None,
        }
    };
    // What it left behind goes too; then the pipes close.
    let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
    if status.is_none() {
        let _ = child.kill();
        let _ = child.wait();
    }
    if !status?.success() {
        return None;
    }
    let mut texts = [String::new(), String::new()];
    for _ in 0..2 {
        let left = deadline.saturating_duration_since(Instant::now());
        let (at, bytes) = received
            .recv_timeout(left.max(Duration::from_millis(100)))
            .ok()?;
        texts[at] = String::from_utf8_lossy(&bytes).into_owned();
    }
    let first = |text: &str| {
        let line = crate::text::sanitize::one_line(text.lines().next()?.trim());
        (!line.is_empty()).then_some(line)
    };
    first(&texts[0]).or_else(|| first(&texts[1]))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_os_option_is_found_by_a_word_of_its_label() {
        let labels: Vec<String> = ["Linux", "macOS", "Windows", "Other"]
            .map(str::to_owned)
            .to_vec();
        assert_eq!(super::os_option("linux", &labels), Some(0));
        assert_eq!(super::os_option("macos", &labels), Some(1));
        assert_eq!(super::os_option("windows", &labels), Some(2));
        assert_eq!(super::os_option("haiku", &labels), None);
        let two = ["Linux (x86)".to_owned(), "Linux (arm)".to_owned()];
        assert_eq!(super::os_option("linux", &two), None, "ambiguous");
        assert_eq!(super::os_option("linux", &["Darwin".to_owned()]), None);
    }

    use super::*;

    fn facts() -> Facts {
        Facts {
            os: Some("Ubuntu 24.04 LTS".into()),
            kernel: Some("Linux 6.8.0-45-generic".into()),
            cpu: Some("AMD EPYC 7B13".into()),
            cores: Some(4),
            memory_kib: Some(16_384_000),
            tools: vec![("Go".into(), version("go version go1.22.1 linux/amd64"))],
        }
    }

    #[test]
    fn a_version_drops_words_that_repeat_the_toolchain() {
        assert_eq!(
            version("go version go1.22.5 linux/amd64"),
            "go1.22.5 linux/amd64"
        );
        assert_eq!(
            version("rustc 1.89.0 (abc 2025-08-04)"),
            "rustc 1.89.0 (abc 2025-08-04)"
        );
    }

    #[test]
    fn everything_for_an_environment_field() {
        assert_eq!(
            format(&facts(), Want::All),
            "OS: Ubuntu 24.04 LTS (Linux 6.8.0-45-generic)\n\
             CPU: AMD EPYC 7B13 (4 cores)\n\
             Memory: 15.6 GiB\n\
             Go: go1.22.1 linux/amd64"
        );
    }

    #[test]
    fn a_field_gets_the_part_its_label_asks_for() {
        assert_eq!(wants("Environment"), Some(Want::All));
        assert_eq!(wants("OS / Platform"), Some(Want::Os));
        assert_eq!(wants("CPU"), Some(Want::Hardware));
        assert_eq!(wants("Go version"), Some(Want::Versions));
        assert_eq!(wants("Steps to reproduce"), None);
        assert_eq!(wants("Hosts"), None);
        // The performance seed's Current Metrics ask for the program's figures.
        for measured in [
            "Memory usage",
            "CPU usage",
            "CPU time",
            "Peak memory",
            "RAM used",
        ] {
            assert_eq!(wants(measured), None, "{measured}");
        }
        assert_eq!(
            format(&facts(), Want::Os),
            "OS: Ubuntu 24.04 LTS (Linux 6.8.0-45-generic)"
        );
        assert_eq!(
            format(&facts(), Want::Hardware),
            "CPU: AMD EPYC 7B13 (4 cores)\nMemory: 15.6 GiB"
        );
        let bare = Facts {
            cores: Some(1),
            memory_kib: Some(512 * 1024),
            ..Facts::default()
        };
        assert_eq!(format(&bare, Want::All), "CPU: 1 core\nMemory: 512 MiB");
    }

    #[test]
    fn system_files_are_read() {
        let release = "NAME=\"Ubuntu\"\nPRETTY_NAME=\"Ubuntu 24.04 LTS\"\nID=ubuntu\n";
        assert_eq!(
            os_release_name(release).as_deref(),
            Some("Ubuntu 24.04 LTS")
        );
        assert_eq!(os_release_name("ID=x\n"), None);
        let cpu = "processor\t: 0\nmodel name\t: Intel(R)  Xeon(R) CPU @ 2.20GHz\n\n\
                   processor\t: 1\nmodel name\t: Intel(R)  Xeon(R) CPU @ 2.20GHz\n";
        assert_eq!(
            cpuinfo(cpu),
            (Some("Intel(R) Xeon(R) CPU @ 2.20GHz".into()), Some(2))
        );
        assert_eq!(cpuinfo(""), (None, None));
        let mem = "MemTotal:       16384000 kB\nMemFree: 1 kB\n";
        assert_eq!(mem_total_kib(mem), Some(16_384_000));
    }

    /// A command runs from `/` (a clone's toolchain files cannot choose what runs), and
    /// what it leaves running in the background is killed, not waited for.
    #[test]
    fn commands_run_from_the_root_and_leave_nothing_behind() {
        assert_eq!(run("pwd", &[], super::TIMEOUT).as_deref(), Some("/"));
        let dir = tempfile::tempdir().unwrap();
        let pid_file = dir.path().join("pid");
        let script = format!("sleep 30 & echo $! > '{}'; echo hi", pid_file.display());
        assert_eq!(
            run("sh", &["-c", &script], super::TIMEOUT).as_deref(),
            Some("hi")
        );
        let pid: i32 = std::fs::read_to_string(&pid_file)
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let pid = rustix::process::Pid::from_raw(pid).unwrap();
        // Killed (and reaped by init, or a zombie at most): no signal 0 reaches a live one.
        let gone = (0..100).any(|_| {
            std::thread::sleep(Duration::from_millis(20));
            rustix::process::test_kill_process(pid).is_err()
                || std::fs::read_to_string(format!("/proc/{}/stat", pid.as_raw_nonzero()))
                    .is_ok_and(|s| s.contains(") Z "))
        });
        assert!(gone, "the background sleep was left running");
    }

    #[test]
    fn detection_finds_the_repositorys_toolchain() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("Cargo.toml"), "").unwrap();
        // rustc is here: the tests are built with it. Its rustup proxy can take more
        // than the form's two seconds on a machine busy with the other tests (CI once
        // found no toolchain): what is tested is the finding, not the time.
        let facts = super::detect_within(dir.path(), Duration::from_secs(60));
        assert!(
            facts
                .tools
                .iter()
                .any(|(n, v)| n == "Rust" && v.starts_with("rustc ")),
            "{facts:?}"
        );
        assert!(!facts.tools.iter().any(|(n, _)| n == "Go"));
    }
}
