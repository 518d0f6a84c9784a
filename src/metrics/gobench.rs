//! Go's benchmark format, as `go test -bench` prints it: configuration lines
//! (`goos: linux`, `cpu: ...`) and result lines
//! (`BenchmarkName-8  N  X ns/op  Y B/op  Z allocs/op  V unit`). A benchmark run several
//! times (`-count`) becomes one benchmark with the mean, minimum and maximum.

use super::units::Kind;
use super::{
    Bench, Format, Import, MAX_BYTES, MAX_COUNT, MAX_RATE, MAX_SECONDS, Measures, Memory, Rate,
    Spread, note, odd,
};
use crate::text::sanitize;

/// Reads Go benchmark output; `None` when `text` holds no result line.
pub fn parse(file: &str, text: &str) -> Option<Import> {
    let mut runs: Vec<(String, Vec<(f64, String)>)> = Vec::new();
    // Per benchmark: values refused, and units that fill nothing.
    let mut refused: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
    let mut cpu_model = None;
    for line in text.lines() {
        if let Some((key, value)) = config_line(line) {
            if key == "cpu" {
                cpu_model = Some(value.to_owned());
            }
        } else if let Some((name, pairs)) = result_line(line) {
            let at = refused
                .iter()
                .position(|(n, ..)| n == name)
                .unwrap_or_else(|| {
                    refused.push((name.to_owned(), Vec::new(), Vec::new()));
                    refused.len() - 1
                });
            let (_, notes, unread) = &mut refused[at];
            let kept = pairs
                .into_iter()
                .filter_map(|(raw, value, unit)| {
                    let Some(limit) = limit(&unit) else {
                        note(unread, unit);
                        return None;
                    };
                    if let Some(why) = odd(value, limit) {
                        note(
                            notes,
                            format!(
                                "{name}: refused {} {unit} ({why})",
                                crate::text::shorten(raw, 24)
                            ),
                        );
                        return None;
                    }
                    Some((value, unit))
                })
                .collect();
            runs.push((name.to_owned(), kept));
        }
    }
    if runs.is_empty() {
        return None;
    }
    let mut names: Vec<&str> = Vec::new();
    for (name, _) in &runs {
        if !names.contains(&name.as_str()) {
            names.push(name);
        }
    }
    let benches = names
        .iter()
        .map(|name| {
            let pairs: Vec<&(f64, String)> = runs
                .iter()
                .filter(|(n, _)| n == name)
                .flat_map(|(_, pairs)| pairs)
                .collect();
            let (refused, unread) = refused
                .iter()
                .find(|(n, ..)| n == name)
                .map(|(_, r, u)| (r.clone(), u.clone()))
                .unwrap_or_default();
            Bench {
                name: (*name).to_owned(),
                base: measures(&pairs),
                refused,
                unread,
                ..Bench::default()
            }
        })
        .collect();
    Some(Import {
        file: file.to_owned(),
        format: Format::GoBench,
        raw: sanitize::trim_lines(text),
        benches,
        cpu_model,
    })
}

/// `key: value`, where the key starts with a lower-case letter and has no spaces or
/// upper-case letters (the format's rule).
fn config_line(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let mut chars = key.chars();
    let first = chars.next()?;
    let ok = first.is_lowercase() && chars.all(|c| !c.is_whitespace() && !c.is_uppercase());
    ok.then(|| (key, value.trim()))
}

/// The largest value of a unit this reads, in the unit; `None` for a unit that fills
/// nothing.
fn limit(unit: &str) -> Option<f64> {
    match unit {
        "ns/op" => Some(MAX_SECONDS * 1e9),
        "B/op" => Some(MAX_BYTES),
        "allocs/op" => Some(MAX_COUNT),
        "MB/s" => Some(MAX_RATE / 1e6),
        _ if unit.ends_with("/s") => Some(MAX_RATE),
        _ => None,
    }
}

/// A value as written, as read, and its unit.
type Pair<'a> = (&'a str, f64, String);

/// `BenchmarkName  N  value unit ...`: the name, and the value-unit pairs.
fn result_line(line: &str) -> Option<(&str, Vec<Pair<'_>>)> {
    let mut fields = line.split_whitespace();
    let name = fields.next()?;
    let rest = name.strip_prefix("Benchmark")?;
    // `Benchmark` alone or followed by a non-lower-case letter, as `go test` requires.
    if rest.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    fields.next()?.parse::<u64>().ok()?;
    let fields: Vec<&str> = fields.collect();
    if fields.is_empty() || !fields.len().is_multiple_of(2) {
        return None;
    }
    let pairs = fields
        .chunks(2)
        .map(|pair| Some((pair[0], pair[0].parse::<f64>().ok()?, pair[1].to_owned())))
        .collect::<Option<Vec<_>>>()?;
    Some((name, pairs))
}

/// The mean of the finite values of `unit`, with the minimum and maximum when there
/// are several.
fn spread(pairs: &[&(f64, String)], unit: &str) -> Option<Spread> {
    let values: Vec<f64> = pairs
        .iter()
        .filter(|(v, u)| u == unit && v.is_finite())
        .map(|(v, _)| *v)
        .collect();
    if values.is_empty() {
        return None;
    }
    let (sum, count) = values
        .iter()
        .fold((0.0, 0.0), |(sum, count), v| (sum + v, count + 1.0));
    let mean = sum / count;
    let several = values.len() > 1;
    Some(Spread {
        mean,
        min: several.then(|| values.iter().copied().fold(f64::INFINITY, f64::min)),
        max: several.then(|| values.iter().copied().fold(f64::NEG_INFINITY, f64::max)),
        ..Spread::default()
    })
}

fn measures(pairs: &[&(f64, String)]) -> Measures {
    let seconds = |s: Spread| Spread {
        mean: s.mean / 1e9,
        min: s.min.map(|v| v / 1e9),
        max: s.max.map(|v| v / 1e9),
        ..s
    };
    // The benchmark's own rate: `MB/s` from b.SetBytes, or a custom `x/s` metric.
    let rate = pairs
        .iter()
        .find_map(|(_, unit)| unit.strip_suffix("/s").map(|per| (unit, per)))
        .and_then(|(unit, per)| {
            let mean = spread(pairs, unit)?.mean;
            Some(match per {
                "MB" => Rate {
                    value: mean * 1e6,
                    kind: Kind::ByteRate,
                },
                "B" => Rate {
                    value: mean,
                    kind: Kind::ByteRate,
                },
                _ => Rate {
                    value: mean,
                    kind: Kind::Rate(unit.clone()),
                },
            })
        });
    Measures {
        time: spread(pairs, "ns/op").map(seconds),
        rate,
        memory: spread(pairs, "B/op").map(|s| Memory {
            bytes: s.mean,
            peak: false,
        }),
        allocs: spread(pairs, "allocs/op").map(|s| s.mean),
        cpu: None,
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the values compared are read, not computed
mod tests {
    use super::*;

    const OUT: &str = "goos: linux\ngoarch: amd64\npkg: example.com/codec\n\
cpu: Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz\n\
BenchmarkEncode/format=json-8   \t  690848\t      1726 ns/op\t     512 B/op\t       6 allocs/op\n\
BenchmarkEncode/format=json-8   \t  684861\t      1774 ns/op\t     512 B/op\t       6 allocs/op\n\
BenchmarkDecode-8               \t     100\t  13552735 ns/op\t  56.63 MB/s\n\
BenchmarkHits-8                 \t    1000\t      1000 ns/op\t       NaN hits/op\n\
PASS\nok  \texample.com/codec\t3.201s\n";

    #[test]
    fn reads_results_config_and_repeats() {
        let import = parse("bench.txt", OUT).unwrap();
        assert_eq!(
            import.cpu_model.as_deref(),
            Some("Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz")
        );
        let names: Vec<&str> = import.benches.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "BenchmarkEncode/format=json-8",
                "BenchmarkDecode-8",
                "BenchmarkHits-8"
            ]
        );
        let encode = &import.benches[0].base;
        let time = encode.time.unwrap();
        assert!((time.mean - 1750e-9).abs() < 1e-15);
        assert_eq!(time.min, Some(1726.0 / 1e9));
        assert_eq!(time.max, Some(1774.0 / 1e9));
        assert_eq!(encode.memory.unwrap().bytes, 512.0);
        assert_eq!(encode.allocs, Some(6.0));
        // Without -benchmem: no memory; SetBytes gives the benchmark's own rate.
        let decode = &import.benches[1].base;
        assert_eq!(decode.memory, None);
        assert_eq!(decode.rate.as_ref().unwrap().kind, Kind::ByteRate);
        assert!((decode.rate.as_ref().unwrap().value - 56.63e6).abs() < 1e-3);
        // A NaN custom metric is read and left out.
        assert_eq!(import.benches[2].base.time.unwrap().mean, 1e-6);
    }

    #[test]
    fn other_lines_are_not_results() {
        assert!(parse("x", "Benchmarking is fun\nBenchmarkFoo\n--- FAIL\n").is_none());
        assert!(result_line("Benchmarkfoo 10 1 ns/op").is_none());
        assert!(result_line("BenchmarkFoo 10 1 ns/op 2").is_none());
        assert!(config_line("Goos: linux").is_none());
        assert_eq!(config_line("goos: linux"), Some(("goos", "linux")));
    }
}
