//! hyperfine's `--export-json`: `{"results": [{"command", "mean", "stddev", "min", "max",
//! "user", "system", "memory_usage_byte", ...}]}`, times in seconds. The raw output for a
//! code block is the summary hyperfine prints on the terminal.

use serde::Deserialize;

use super::units::Kind;
use super::{Bench, CpuTime, Format, Import, Measures, Memory, Spread};
use crate::error::LocatedError;
use crate::text::sanitize;

#[derive(Deserialize)]
struct Wire {
    results: Vec<WireResult>,
}

#[derive(Deserialize)]
struct WireResult {
    command: String,
    mean: f64,
    stddev: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
    user: Option<f64>,
    system: Option<f64>,
    #[serde(default)]
    times: Option<Vec<f64>>,
    #[serde(default)]
    memory_usage_byte: Option<Vec<f64>>,
}

/// Reads hyperfine's JSON export.
pub fn parse(file: &str, text: &str) -> Result<Import, LocatedError> {
    let wire: Wire = serde_json::from_str(text).map_err(|e| {
        LocatedError::new(
            file,
            e.line(),
            e.column(),
            format!("hyperfine results: {}", crate::error::json_words(&e)),
        )
    })?;
    let benches: Vec<Bench> = wire
        .results
        .iter()
        .map(|r| Bench {
            name: sanitize::one_line(&r.command),
            base: measures(r),
            ..Bench::default()
        })
        .collect();
    let raw = wire
        .results
        .iter()
        .enumerate()
        .map(|(i, r)| summary(i + 1, r))
        .collect::<Vec<_>>()
        .join("\n\n");
    Ok(Import {
        file: file.to_owned(),
        format: Format::Hyperfine,
        raw,
        benches,
        cpu_model: None,
    })
}

fn measures(r: &WireResult) -> Measures {
    let peak = r
        .memory_usage_byte
        .as_ref()
        .and_then(|m| m.iter().copied().filter(|v| v.is_finite()).reduce(f64::max));
    Measures {
        time: r.mean.is_finite().then_some(Spread {
            mean: r.mean,
            stddev: r.stddev,
            min: r.min,
            max: r.max,
            pct: None,
        }),
        rate: None,
        memory: peak.map(|bytes| Memory { bytes, peak: true }),
        allocs: None,
        cpu: match (r.user, r.system) {
            (Some(user), Some(system)) => Some(CpuTime { user, system }),
            _ => None,
        },
    }
}

/// What hyperfine prints for a benchmark.
fn summary(n: usize, r: &WireResult) -> String {
    let scale = Kind::Time.scale_for(&[r.mean]);
    let t = |v: f64| Kind::Time.format_in(v, scale);
    let mut lines = vec![format!("Benchmark {n}: {}", sanitize::one_line(&r.command))];
    let mut time = format!("  Time (mean ± σ):     {}", t(r.mean));
    if let Some(sd) = r.stddev {
        time = format!("{time} ± {}", t(sd));
    }
    if let (Some(user), Some(system)) = (r.user, r.system) {
        let cpu = Kind::Time.scale_for(&[user, system]);
        time = format!(
            "{time}    [User: {}, System: {}]",
            Kind::Time.format_in(user, cpu),
            Kind::Time.format_in(system, cpu)
        );
    }
    lines.push(time);
    if let (Some(min), Some(max)) = (r.min, r.max) {
        let runs = r
            .times
            .as_ref()
            .map(|t| match t.len() {
                1 => "    1 run".to_owned(),
                n => format!("    {n} runs"),
            })
            .unwrap_or_default();
        lines.push(format!(
            "  Range (min … max):   {} … {}{runs}",
            t(min),
            t(max)
        ));
    }
    lines.join("\n")
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the values compared are read, not computed
mod tests {
    use super::*;

    const JSON: &str = r#"{
  "results": [
    {
      "command": "rg foo",
      "mean": 0.012345,
      "stddev": 0.0004,
      "median": 0.0123,
      "user": 0.008,
      "system": 0.003,
      "min": 0.0118,
      "max": 0.0131,
      "times": [0.0118, 0.0123, 0.0131],
      "memory_usage_byte": [12582912, 13631488, 13000000],
      "exit_codes": [0, 0, 0]
    },
    {
      "command": "grep foo",
      "mean": 0.5,
      "stddev": null,
      "median": 0.5,
      "user": 0.4,
      "system": 0.05,
      "min": 0.5,
      "max": 0.5,
      "times": [0.5],
      "exit_codes": [0]
    }
  ]
}"#;

    fn import() -> Import {
        parse("h.json", JSON).unwrap()
    }

    #[test]
    fn reads_each_command() {
        let import = import();
        assert_eq!(import.benches.len(), 2);
        let rg = &import.benches[0].base;
        assert_eq!(rg.time.unwrap().stddev, Some(0.0004));
        assert_eq!(rg.memory.unwrap().bytes, 13_631_488.0);
        assert!(rg.memory.unwrap().peak);
        let grep = &import.benches[1].base;
        assert_eq!(grep.time.unwrap().stddev, None);
        assert_eq!(grep.memory, None);
        assert_eq!(grep.cpu.unwrap().user, 0.4);
    }

    #[test]
    fn raw_output_looks_like_hyperfine() {
        assert_eq!(
            import().raw,
            "Benchmark 1: rg foo\n  Time (mean ± σ):     12.3 ms ± 0.4 ms    [User: 8 ms, System: 3 ms]\n  Range (min … max):   11.8 ms … 13.1 ms    3 runs\n\nBenchmark 2: grep foo\n  Time (mean ± σ):     500 ms    [User: 400 ms, System: 50 ms]\n  Range (min … max):   500 ms … 500 ms    1 run"
        );
    }

    #[test]
    fn a_result_without_a_mean_is_an_error() {
        let err = parse("h.json", "{\"results\": [\n  {\"command\": \"x\"}\n]}").unwrap_err();
        assert!(err.to_string().starts_with("h.json:2:"), "{err}");
        assert!(err.to_string().contains("mean"), "{err}");
    }

    /// The place once, in the file's position; the problem in our words.
    #[test]
    fn a_value_of_the_wrong_kind_is_named_once_with_its_place() {
        let err = parse(
            "hf2.json",
            "{\"results\": [{\"command\": \"x\", \"mean\": \"fast\"}]}",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "hf2.json:1:44: hyperfine results: the text \"fast\" where a number belongs"
        );
    }
}
