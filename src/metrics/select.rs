//! Choosing what fills the form: one benchmark (by `--metrics-bench NAME`, or the first),
//! its baseline and actual measures, and the raw output of each role.

use super::{Bench, Import, Measures, Metric, MetricsError, short_name};

/// Results given on the command line, by role.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inputs {
    /// Before the change (`--metrics`).
    pub baseline: Vec<Import>,
    /// After the change (`--metrics-actual`, or `--metrics-as actual`).
    pub actual: Vec<Import>,
    /// `--metrics-bench NAME`.
    pub bench: Option<String>,
    /// The flag the actual results came with, as notes name it: `--metrics-actual`
    /// (when empty), or `--metrics` with `--metrics-as actual`.
    pub actual_flag: &'static str,
}

impl Inputs {
    pub fn is_empty(&self) -> bool {
        self.baseline.is_empty() && self.actual.is_empty()
    }
}

/// The measures that fill the form.
#[derive(Debug, Default)]
pub struct Chosen<'a> {
    pub baseline: Option<&'a Measures>,
    pub actual: Option<&'a Measures>,
    /// Metrics the tool found unchanged between the two.
    pub unchanged: &'a [Metric],
    pub raw_baseline: String,
    pub raw_actual: String,
    pub cpu_model: Option<&'a str>,
    /// What was chosen and what was not, for standard error.
    pub notes: Vec<String>,
}

/// Picks the benchmark and its measures.
pub fn choose(inputs: &Inputs) -> Result<Chosen<'_>, MetricsError> {
    let mut notes = Vec::new();
    let wanted = inputs.bench.as_deref();
    let base = pick(&inputs.baseline, wanted, "--metrics", &mut notes)?;
    let wanted_actual = wanted.or_else(|| base.map(|b| b.name.as_str()));
    let actual_flag = if inputs.actual_flag.is_empty() {
        "--metrics-actual"
    } else {
        inputs.actual_flag
    };
    let act = match (wanted, wanted_actual) {
        // Without a name the actual results follow the baseline's benchmark if they have it.
        (None, Some(name)) if find(&inputs.actual, name).is_some() => find(&inputs.actual, name),
        _ => pick(&inputs.actual, wanted, actual_flag, &mut notes)?,
    };
    for bench in [base, act].into_iter().flatten() {
        for refused in &bench.refused {
            if !notes.contains(refused) {
                notes.push(refused.clone());
            }
        }
        let empty = bench.base.is_empty() && bench.after.as_ref().is_none_or(Measures::is_empty);
        if empty {
            notes.push(nothing_read(bench));
        }
    }
    // A comparison (benchstat) gives both; results given for a role win over it, and
    // results given as the actual ones fill only the actual: their "after".
    let (baseline, actual, unchanged) = match (base, act) {
        (Some(b), None) => (Some(&b.base), b.after.as_ref(), b.unchanged.as_slice()),
        (None, Some(a)) => (None, Some(a.after.as_ref().unwrap_or(&a.base)), &[][..]),
        (Some(b), Some(a)) => (
            Some(&b.base),
            Some(a.after.as_ref().unwrap_or(&a.base)),
            &[][..],
        ),
        (None, None) => (None, None, &[][..]),
    };
    let all = || inputs.baseline.iter().chain(&inputs.actual);
    Ok(Chosen {
        baseline,
        actual,
        unchanged,
        raw_baseline: raw(&inputs.baseline),
        raw_actual: raw(&inputs.actual),
        cpu_model: all().find_map(|i| i.cpu_model.as_deref()),
        notes,
    })
}

/// Why a benchmark fills nothing: what it had instead.
fn nothing_read(bench: &Bench) -> String {
    let left = if bench.refused.is_empty() {
        ""
    } else {
        "left "
    };
    let mut text = format!(
        "{}: no time (ns/op), rate (…/s), memory (B/op) or allocations (allocs/op) {left}to fill with",
        bench.name
    );
    if !bench.unread.is_empty() {
        let units: Vec<&str> = bench.unread.iter().map(String::as_str).collect();
        text.push_str("; it reports only ");
        text.push_str(&quoted(&units));
    }
    text
}

fn raw(imports: &[Import]) -> String {
    imports
        .iter()
        .map(|i| i.raw.as_str())
        .filter(|r| !r.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn benches(imports: &[Import]) -> Vec<&Bench> {
    imports.iter().flat_map(|i| &i.benches).collect()
}

/// The benchmark with this name (ignoring case and the `Benchmark` prefix), else the
/// first with its short name (the same benchmark run with another GOMAXPROCS suffix).
fn find<'a>(imports: &'a [Import], name: &str) -> Option<&'a Bench> {
    let all = benches(imports);
    let exact = all.iter().copied().find(|b| exactly(&b.name, name));
    exact.or_else(|| all.into_iter().find(|b| same(&b.name, name)))
}

/// The same name, ignoring case and the `Benchmark` prefix: `Hash-8` and
/// `BenchmarkHash-8`, not `BenchmarkHash-4` (`go test -cpu 4,8` runs both).
fn exactly(a: &str, b: &str) -> bool {
    strip_benchmark(a).eq_ignore_ascii_case(strip_benchmark(b))
}

fn strip_benchmark(name: &str) -> &str {
    name.strip_prefix("Benchmark").unwrap_or(name)
}

/// The same short name: `BenchmarkHash-8` and `Hash-16`.
fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b) || short_name(a).eq_ignore_ascii_case(short_name(b))
}

/// The benchmark `wanted` names (exactly, or a unique part of its name), or the first
/// one with a note naming the others.
fn pick<'a>(
    imports: &'a [Import],
    wanted: Option<&str>,
    flag: &str,
    notes: &mut Vec<String>,
) -> Result<Option<&'a Bench>, MetricsError> {
    let all = benches(imports);
    let mut names: Vec<&str> = Vec::new();
    // Each name once: repeats (`-count`) are one benchmark, GOMAXPROCS variants are not.
    for b in &all {
        if !names.iter().any(|n| exactly(n, &b.name)) {
            names.push(&b.name);
        }
    }
    let Some(wanted) = wanted else {
        if names.len() > 1 {
            notes.push(format!(
                "{flag}: used `{}`; the results also hold {} (pick one with --metrics-bench NAME)",
                names[0],
                quoted(&names[1..])
            ));
        }
        return Ok(all.first().copied());
    };
    if all.is_empty() {
        return Ok(None);
    }
    if let Some(b) = all.iter().find(|b| exactly(&b.name, wanted)) {
        return Ok(Some(b));
    }
    let short: Vec<&str> = names.iter().copied().filter(|n| same(n, wanted)).collect();
    // `Parse-4` names one GOMAXPROCS variant: another one is not it.
    let variant = short_name(wanted) != strip_benchmark(wanted);
    match short.as_slice() {
        [one] if variant => {
            notes.push(format!(
                "{flag}: no benchmark is named `{wanted}`; used `{one}`, the same benchmark with another GOMAXPROCS"
            ));
            return Ok(find(imports, one));
        }
        [one] => return Ok(find(imports, one)),
        [] => {}
        many if variant => {
            return Err(MetricsError::NoBench {
                name: wanted.to_owned(),
                names: quoted(many),
            });
        }
        many => {
            return Err(MetricsError::Ambiguous {
                name: wanted.to_owned(),
                names: quoted(many),
            });
        }
    }
    let part = wanted.to_lowercase();
    let matching: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| short_name(n).to_lowercase().contains(&part))
        .collect();
    match matching.as_slice() {
        [one] => Ok(find(imports, one)),
        [] => Err(MetricsError::NoBench {
            name: wanted.to_owned(),
            names: quoted(&names),
        }),
        many => Err(MetricsError::Ambiguous {
            name: wanted.to_owned(),
            names: quoted(many),
        }),
    }
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the values compared are read, not computed
mod tests {
    use super::super::{Format, Spread};
    use super::*;

    fn import(names: &[&str], ns: f64) -> Import {
        Import {
            file: "f".into(),
            format: Format::GoBench,
            raw: names.join("\n"),
            benches: names
                .iter()
                .map(|n| Bench {
                    name: (*n).to_owned(),
                    base: Measures {
                        time: Some(Spread::of(ns)),
                        ..Measures::default()
                    },
                    ..Bench::default()
                })
                .collect(),
            cpu_model: None,
        }
    }

    #[test]
    fn the_first_benchmark_is_used_with_a_note() {
        let inputs = Inputs {
            baseline: vec![import(&["BenchmarkA-8", "BenchmarkB-8"], 1.0)],
            ..Inputs::default()
        };
        let chosen = choose(&inputs).unwrap();
        assert_eq!(chosen.baseline.unwrap().time.unwrap().mean, 1.0);
        assert_eq!(
            chosen.notes,
            [
                "--metrics: used `BenchmarkA-8`; the results also hold `BenchmarkB-8` (pick one with --metrics-bench NAME)"
            ]
        );
    }

    #[test]
    fn a_name_picks_in_both_roles() {
        let inputs = Inputs {
            baseline: vec![import(&["BenchmarkA-8", "BenchmarkB/x-8"], 1.0)],
            actual: vec![import(&["BenchmarkA-4", "BenchmarkB/x-4"], 2.0)],
            bench: Some("b/x".into()),
            actual_flag: "",
        };
        let chosen = choose(&inputs).unwrap();
        assert!(chosen.notes.is_empty());
        assert_eq!(chosen.actual.unwrap().time.unwrap().mean, 2.0);
        let inputs = Inputs {
            bench: Some("Nope".into()),
            ..inputs
        };
        let err = choose(&inputs).unwrap_err().to_string();
        assert_eq!(
            err,
            "no benchmark matches `Nope`; benchmarks: `BenchmarkA-8`, `BenchmarkB/x-8`"
        );
    }

    /// `go test -cpu 4,1,8` names each run by its GOMAXPROCS: each is a benchmark of its
    /// own, picked by its full name and listed in the note.
    #[test]
    fn gomaxprocs_variants_are_benchmarks_of_their_own() {
        let mut variants = import(
            &["BenchmarkHash-4", "BenchmarkHash", "BenchmarkHash-8"],
            0.0,
        );
        for (b, ns) in variants.benches.iter_mut().zip([300.0, 1000.0, 200.0]) {
            b.base.time = Some(Spread::of(ns));
        }
        let mut inputs = Inputs {
            baseline: vec![variants],
            ..Inputs::default()
        };
        let chosen = choose(&inputs).unwrap();
        assert_eq!(
            chosen.notes,
            [
                "--metrics: used `BenchmarkHash-4`; the results also hold `BenchmarkHash`, `BenchmarkHash-8` (pick one with --metrics-bench NAME)"
            ]
        );
        for (name, ns) in [
            ("Hash-8", 200.0),
            ("BenchmarkHash", 1000.0),
            ("hash-4", 300.0),
        ] {
            inputs.bench = Some(name.into());
            let chosen = choose(&inputs).unwrap();
            assert_eq!(chosen.baseline.unwrap().time.unwrap().mean, ns, "{name}");
        }
        inputs.bench = Some("Hash-16".into());
        assert_eq!(
            choose(&inputs).unwrap_err().to_string(),
            "no benchmark matches `Hash-16`; benchmarks: `BenchmarkHash-4`, `BenchmarkHash`, `BenchmarkHash-8`"
        );
        // A variant that is not there, and one other: used, and said.
        inputs.baseline[0].benches.truncate(1);
        let chosen = choose(&inputs).unwrap();
        assert_eq!(chosen.baseline.unwrap().time.unwrap().mean, 300.0);
        assert_eq!(
            chosen.notes,
            [
                "--metrics: no benchmark is named `Hash-16`; used `BenchmarkHash-4`, the same benchmark with another GOMAXPROCS"
            ]
        );
    }

    #[test]
    fn actual_follows_the_baseline_benchmark() {
        let inputs = Inputs {
            baseline: vec![import(&["BenchmarkB-8"], 1.0)],
            actual: vec![import(&["BenchmarkA-8", "BenchmarkB-8"], 2.0)],
            bench: None,
            actual_flag: "",
        };
        let chosen = choose(&inputs).unwrap();
        assert!(chosen.notes.is_empty(), "{:?}", chosen.notes);
        assert_eq!(chosen.actual.unwrap().time.unwrap().mean, 2.0);
        assert_eq!(chosen.raw_actual, "BenchmarkA-8\nBenchmarkB-8");
    }
}
