//! Benchmark results read from what benchmark tools write (`go test -bench`, hyperfine
//! `--export-json`, criterion's `estimates.json`, benchstat), and the form fields they
//! fill. Parsing is pure: text in, [`Import`] out; `files` is the IO edge that reads
//! paths and walks criterion's folder.

pub mod benchstat;
pub mod criterion;
pub mod files;
pub mod fill;
pub mod gobench;
pub mod hyperfine;
pub mod select;
pub mod table;
pub mod units;
pub mod words;

pub use fill::{Role, fill};
pub use select::Inputs;

use crate::error::LocatedError;
use units::Kind;

/// The formats this reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    GoBench,
    Hyperfine,
    Criterion,
    Benchstat,
}

impl Format {
    /// Every format, as named in errors.
    pub const ALL: [Format; 4] = [
        Format::GoBench,
        Format::Hyperfine,
        Format::Criterion,
        Format::Benchstat,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::GoBench => "Go benchmark output (go test -bench)",
            Format::Hyperfine => "hyperfine --export-json",
            Format::Criterion => "criterion estimates.json",
            Format::Benchstat => "benchstat text",
        }
    }
}

/// One file's results.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    /// The file, as named on the command line.
    pub file: String,
    pub format: Format,
    /// The output as the tool prints it, for a benchmark code block: the file itself for
    /// text formats, a summary in the tool's own console style for JSON ones.
    pub raw: String,
    pub benches: Vec<Bench>,
    /// The `cpu:` configuration line of Go's format.
    pub cpu_model: Option<String>,
}

/// One benchmark: its measures, and for a comparison (benchstat) the measures after.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bench {
    pub name: String,
    pub base: Measures,
    pub after: Option<Measures>,
    /// Metrics the tool found no significant change in (benchstat's `~`).
    pub unchanged: Vec<Metric>,
    /// Values refused (negative, not a number, absurdly large), each naming the benchmark
    /// and unit, for standard error and the footer.
    pub refused: Vec<String>,
    /// Units the tool reported that fill nothing (`widgets/op`, `sec/op`).
    pub unread: Vec<String>,
}

/// What a benchmark measured; each part is there when the tool reported it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Measures {
    /// Seconds per operation (or per run).
    pub time: Option<Spread>,
    /// The benchmark's own rate (`MB/s`, `elem/s`); otherwise operations per second
    /// follow from the time.
    pub rate: Option<Rate>,
    pub memory: Option<Memory>,
    /// Allocations per operation.
    pub allocs: Option<f64>,
    pub cpu: Option<CpuTime>,
}

/// A mean and what the tool says about its spread.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Spread {
    pub mean: f64,
    pub stddev: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// A ± percentage (benchstat's confidence interval).
    pub pct: Option<f64>,
}

impl Spread {
    pub fn of(mean: f64) -> Self {
        Self {
            mean,
            ..Self::default()
        }
    }
}

/// Something per second.
#[derive(Debug, Clone, PartialEq)]
pub struct Rate {
    pub value: f64,
    /// [`Kind::ByteRate`] or [`Kind::Rate`].
    pub kind: Kind,
}

/// Bytes: per operation, or the peak of a process.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Memory {
    pub bytes: f64,
    pub peak: bool,
}

/// CPU seconds per run, in user and kernel mode.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CpuTime {
    pub user: f64,
    pub system: f64,
}

/// The metrics a form asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    Time,
    Throughput,
    Memory,
    Allocs,
    Cpu,
}

impl Measures {
    /// Whether nothing was measured that fills a field.
    pub fn is_empty(&self) -> bool {
        self.time.is_none()
            && self.rate.is_none()
            && self.memory.is_none()
            && self.allocs.is_none()
            && self.cpu.is_none()
    }

    /// Takes out values no benchmark measures (negative, not finite, absurdly large),
    /// saying which in `refused`: whatever the tool, they would fill a field with
    /// nonsense (`-5 ns`, a 300-digit memory).
    fn refuse_odd(&mut self, name: &str, refused: &mut Vec<String>) {
        let mut check = |value: f64, what: &str, kind: &Kind, limit: f64| {
            let why = odd(value, limit)?;
            let shown = if value.is_finite() && value.abs() < limit {
                kind.format(value)
            } else {
                format!("{value:e}")
            };
            note(refused, format!("{name}: refused {what} {shown} ({why})"));
            Some(())
        };
        if let Some(t) = self.time
            && check(t.mean, "the time", &Kind::Time, MAX_SECONDS).is_some()
        {
            self.time = None;
        }
        if let Some(r) = &self.rate
            && check(r.value, "the rate", &r.kind, MAX_RATE).is_some()
        {
            self.rate = None;
        }
        if let Some(m) = self.memory
            && check(m.bytes, "the memory", &Kind::Bytes, MAX_BYTES).is_some()
        {
            self.memory = None;
        }
        if let Some(a) = self.allocs
            && check(a, "the allocations", &Kind::Count(String::new()), MAX_COUNT).is_some()
        {
            self.allocs = None;
        }
        if let Some(c) = self.cpu
            && [c.user, c.system]
                .iter()
                .any(|&v| check(v, "the CPU time", &Kind::Time, MAX_SECONDS).is_some())
        {
            self.cpu = None;
        }
    }

    /// The benchmark's own rate, or operations per second from the time.
    pub fn throughput(&self) -> Option<Rate> {
        self.rate.clone().or_else(|| {
            let mean = self.time?.mean;
            (mean > 0.0 && mean.is_finite()).then(|| Rate {
                value: 1.0 / mean,
                kind: Kind::Rate("ops/s".to_owned()),
            })
        })
    }

    /// CPU time as a share of wall time, in percent.
    pub fn cpu_percent(&self) -> Option<f64> {
        let cpu = self.cpu?;
        let mean = self.time?.mean;
        (mean > 0.0).then(|| (cpu.user + cpu.system) / mean * 100.0)
    }

    /// The one number a table cell or a change is about, and its kind.
    pub fn value(&self, metric: Metric) -> Option<(f64, Kind)> {
        let (value, kind) = match metric {
            Metric::Time => (self.time?.mean, Kind::Time),
            Metric::Throughput => {
                let rate = self.throughput()?;
                (rate.value, rate.kind)
            }
            Metric::Memory => (self.memory?.bytes, Kind::Bytes),
            Metric::Allocs => (self.allocs?, Kind::Count("allocs".to_owned())),
            Metric::Cpu => (self.cpu_percent()?, Kind::Percent),
        };
        value.is_finite().then_some((value, kind))
    }
}

/// The largest values taken as measured: a time per operation or run of over 11 days,
/// a memory of over 1 PiB, a rate or count of over 10^15 is no measurement.
pub const MAX_SECONDS: f64 = 1e6;
pub const MAX_BYTES: f64 = 1_125_899_906_842_624.0;
pub const MAX_RATE: f64 = 1e15;
pub const MAX_COUNT: f64 = 1e15;

/// Why `value` is no measurement, if it is not: negative, not a number, too large.
pub fn odd(value: f64, limit: f64) -> Option<&'static str> {
    if value.is_nan() {
        Some("not a number")
    } else if value < 0.0 {
        Some("negative")
    } else if !value.is_finite() || value > limit {
        Some("too large to be a measurement")
    } else {
        None
    }
}

/// Adds `text` to `notes` once (`-count 10` repeats a refused value ten times).
fn note(notes: &mut Vec<String>, text: String) {
    if !notes.contains(&text) {
        notes.push(text);
    }
}

/// A file that is not benchmark results this reads, or one that breaks its format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MetricsError {
    #[error("{file}: not benchmark results in a format issue-composer reads (tried {tried})")]
    Unrecognized { file: String, tried: String },
    #[error(transparent)]
    Invalid(#[from] LocatedError),
    #[error("{file}: no benchmark results in it")]
    Empty { file: String },
    #[error("no benchmark matches `{name}`; benchmarks: {names}")]
    NoBench { name: String, names: String },
    #[error("`{name}` matches several benchmarks: {names}")]
    Ambiguous { name: String, names: String },
}

impl MetricsError {
    fn unrecognized(file: &str) -> Self {
        let tried: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        MetricsError::Unrecognized {
            file: file.to_owned(),
            tried: tried.join(", "),
        }
    }
}

/// Reads benchmark results in whichever format `text` is in. `file` names the file in
/// errors (and, for criterion, gives the benchmark its name).
pub fn parse(file: &str, text: &str) -> Result<Import, MetricsError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let import = if text.trim_start().starts_with(['{', '[']) {
        let json: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| LocatedError::new(file, e.line(), e.column(), e.to_string()))?;
        if json.get("results").is_some() {
            hyperfine::parse(file, text)?
        } else if json.get("mean").is_some() {
            criterion::parse(file, text, None)?
        } else {
            return Err(MetricsError::unrecognized(file));
        }
    } else if let Some(import) = benchstat::parse(file, text) {
        import
    } else if let Some(import) = gobench::parse(file, text) {
        import
    } else {
        return Err(MetricsError::unrecognized(file));
    };
    if import.benches.is_empty() {
        return Err(MetricsError::Empty {
            file: file.to_owned(),
        });
    }
    Ok(checked(import))
}

/// `import` without the values no benchmark measures, each refusal noted on its bench.
pub fn checked(mut import: Import) -> Import {
    for bench in &mut import.benches {
        let mut refused = std::mem::take(&mut bench.refused);
        bench.base.refuse_odd(&bench.name, &mut refused);
        if let Some(after) = &mut bench.after {
            after.refuse_odd(&bench.name, &mut refused);
        }
        bench.refused = refused;
    }
    import
}

/// A benchmark's name without Go's `Benchmark` prefix and `-8` (GOMAXPROCS) suffix,
/// for matching names across tools and files.
pub fn short_name(name: &str) -> &str {
    let name = name.strip_prefix("Benchmark").unwrap_or(name);
    match name.rsplit_once('-') {
        Some((stem, procs))
            if !stem.is_empty()
                && !stem.ends_with('/')
                && !procs.is_empty()
                && procs.bytes().all(|b| b.is_ascii_digit()) =>
        {
            stem
        }
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_drop_prefix_and_procs() {
        assert_eq!(short_name("BenchmarkEncode/json-8"), "Encode/json");
        assert_eq!(short_name("Encode-48"), "Encode");
        assert_eq!(short_name("sleep 0.1"), "sleep 0.1");
        assert_eq!(short_name("fib/-1"), "fib/-1");
    }

    #[test]
    fn unknown_text_names_the_file_and_the_formats() {
        let err = parse("notes.txt", "hello\nworld\n").unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("notes.txt: not benchmark results"),
            "{text}"
        );
        for format in Format::ALL {
            assert!(text.contains(format.name()), "{text}");
        }
        let err = parse("x.json", "{\"a\": 1}").unwrap_err();
        assert!(matches!(err, MetricsError::Unrecognized { .. }));
    }

    #[test]
    fn a_byte_order_mark_is_not_content() {
        let import = parse("b.txt", "\u{feff}BenchmarkX-8 10 5 ns/op\n").unwrap();
        assert_eq!(import.format, Format::GoBench);
    }

    #[test]
    fn broken_json_points_at_the_place() {
        let err = parse("h.json", "{\"results\": [").unwrap_err();
        assert!(err.to_string().starts_with("h.json:1:"), "{err}");
    }
}
