//! criterion's `target/criterion/<group>/<bench>/new/estimates.json` (times in
//! nanoseconds), with the `benchmark.json` beside it when there is one (the benchmark's
//! id and throughput). The raw output for a code block is criterion's `time:` line.

use std::path::{Component, Path};

use serde::Deserialize;
use serde_json::Value as Json;

use super::units::Kind;
use super::{Bench, Format, Import, Measures, Rate, Spread};
use crate::error::LocatedError;
use crate::text::sanitize;

#[derive(Deserialize)]
struct Estimates {
    mean: Estimate,
    std_dev: Option<Estimate>,
}

#[derive(Deserialize)]
struct Estimate {
    confidence_interval: Option<Interval>,
    point_estimate: f64,
}

#[derive(Deserialize)]
struct Interval {
    lower_bound: f64,
    upper_bound: f64,
}

#[derive(Deserialize)]
struct BenchmarkId {
    full_id: Option<String>,
    throughput: Option<Json>,
}

/// Nanoseconds in a second.
const NS: f64 = 1e9;

/// Reads one `estimates.json`; `benchmark` is the text of the `benchmark.json` beside it.
pub fn parse(file: &str, text: &str, benchmark: Option<&str>) -> Result<Import, LocatedError> {
    let estimates: Estimates = serde_json::from_str(text).map_err(|e| {
        LocatedError::new(
            file,
            e.line(),
            e.column(),
            format!("criterion estimates: {e}"),
        )
    })?;
    let id: Option<BenchmarkId> = benchmark.and_then(|t| serde_json::from_str(t).ok());
    let name = id
        .as_ref()
        .and_then(|id| id.full_id.clone())
        .unwrap_or_else(|| name_from_path(file));
    let name = sanitize::one_line(&name);
    let mean = estimates.mean.point_estimate / NS;
    let throughput = id.as_ref().and_then(|id| id.throughput.as_ref());
    let base = Measures {
        time: Some(Spread {
            stddev: estimates.std_dev.map(|s| s.point_estimate / NS),
            ..Spread::of(mean)
        }),
        rate: throughput.and_then(|t| rate(t, mean)),
        ..Measures::default()
    };
    let raw = time_line(&name, &estimates.mean);
    Ok(Import {
        file: file.to_owned(),
        format: Format::Criterion,
        raw,
        benches: vec![Bench {
            name,
            base,
            ..Bench::default()
        }],
        cpu_model: None,
    })
}

/// The benchmark's id from where criterion keeps it: the folders between `criterion`
/// and `new` (`group/bench`), else the folder holding `new`, else the file's stem.
pub fn name_from_path(file: &str) -> String {
    let parts: Vec<String> = Path::new(file)
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let Some(new) = parts.iter().rposition(|p| p == "new" || p == "base") else {
        return crate::template::stem_of(file);
    };
    let start = parts[..new]
        .iter()
        .rposition(|p| p == "criterion")
        .map_or(new.saturating_sub(1), |c| c + 1);
    match parts.get(start..new) {
        Some(ids) if !ids.is_empty() => ids.join("/"),
        _ => crate::template::stem_of(file),
    }
}

/// `{"Bytes": n}`, `{"BytesDecimal": n}` or `{"Elements": n}` per iteration.
fn rate(throughput: &Json, mean: f64) -> Option<Rate> {
    let (key, n) = throughput.as_object()?.iter().next()?;
    let per = n.as_f64()?;
    if mean <= 0.0 {
        return None;
    }
    let kind = match key.as_str() {
        "Bytes" | "BytesDecimal" => Kind::ByteRate,
        "Elements" => Kind::Rate("elem/s".to_owned()),
        _ => return None,
    };
    Some(Rate {
        value: per / mean,
        kind,
    })
}

/// `name   time:   [lower mean upper]`, names padded as criterion pads them.
fn time_line(name: &str, mean: &Estimate) -> String {
    let point = mean.point_estimate / NS;
    let (lo, hi) = mean
        .confidence_interval
        .as_ref()
        .map_or((point, point), |i| (i.lower_bound / NS, i.upper_bound / NS));
    let scale = Kind::Time.scale_for(&[lo, point, hi]);
    let t = |v: f64| Kind::Time.format_in(v, scale);
    let times = format!("time:   [{} {} {}]", t(lo), t(point), t(hi));
    if name.chars().count() < 24 {
        format!("{name:<24}{times}")
    } else {
        format!("{name}\n{:24}{times}", "")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ESTIMATES: &str = r#"{"mean":{"confidence_interval":{"confidence_level":0.95,"lower_bound":26029.1,"upper_bound":26505.7},"point_estimate":26251.3,"standard_error":121.2},"median":{"confidence_interval":{"confidence_level":0.95,"lower_bound":26000.0,"upper_bound":26300.0},"point_estimate":26190.0,"standard_error":80.1},"median_abs_dev":{"confidence_interval":{"confidence_level":0.95,"lower_bound":300.0,"upper_bound":600.0},"point_estimate":450.0,"standard_error":70.0},"slope":null,"std_dev":{"confidence_interval":{"confidence_level":0.95,"lower_bound":900.0,"upper_bound":1500.0},"point_estimate":1210.4,"standard_error":150.0}}"#;

    #[test]
    fn reads_mean_and_deviation_in_seconds() {
        let import = parse(
            "target/criterion/fib/20/new/estimates.json",
            ESTIMATES,
            None,
        )
        .unwrap();
        let bench = &import.benches[0];
        assert_eq!(bench.name, "fib/20");
        let time = bench.base.time.unwrap();
        assert!((time.mean - 26.2513e-6).abs() < 1e-12);
        assert!((time.stddev.unwrap() - 1.2104e-6).abs() < 1e-12);
        assert_eq!(
            import.raw,
            "fib/20                  time:   [26 µs 26.3 µs 26.5 µs]"
        );
    }

    #[test]
    fn benchmark_json_names_it_and_gives_throughput() {
        let id = r#"{"group_id":"parse","function_id":"big file","value_str":null,"throughput":{"Bytes":1048576},"full_id":"parse/big file","directory_name":"parse/big file","title":"parse/big file"}"#;
        let import = parse("estimates.json", ESTIMATES, Some(id)).unwrap();
        let bench = &import.benches[0];
        assert_eq!(bench.name, "parse/big file");
        let rate = bench.base.rate.as_ref().unwrap();
        assert_eq!(rate.kind, Kind::ByteRate);
        assert!((rate.value - 1_048_576.0 / 26.2513e-6).abs() < 1.0);
    }

    #[test]
    fn names_come_from_the_folders() {
        assert_eq!(
            name_from_path("target/criterion/fib/20/new/estimates.json"),
            "fib/20"
        );
        assert_eq!(name_from_path("x/fib 20/new/estimates.json"), "fib 20");
        assert_eq!(name_from_path("results.json"), "results");
    }
}
