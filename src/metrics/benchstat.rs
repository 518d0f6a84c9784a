//! benchstat's text output, in both layouts: the classic one
//! (`name  old time/op  new time/op  delta`, values like `1.23ms ± 2%`) and the current
//! one (`│ old.txt │ new.txt │` over `│ sec/op │ sec/op vs base │`, values like
//! `1.718µ ± 1%`). The first column of values is the baseline, the second the result.

use super::units::{self, Kind};
use super::{Bench, Format, Import, Measures, Memory, Metric, Rate, Spread};
use crate::text::sanitize;

/// What a table's values are, and the unit they are written in (after any prefix).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Time,
    Bytes,
    Allocs,
    ByteRate,
    /// A unit this does not map; its rows still name benchmarks.
    Other,
}

impl Column {
    fn from_unit(unit: &str) -> Self {
        match unit {
            "time/op" | "sec/op" => Column::Time,
            "alloc/op" | "B/op" => Column::Bytes,
            "allocs/op" => Column::Allocs,
            "speed" | "B/s" => Column::ByteRate,
            _ => Column::Other,
        }
    }

    fn unit(self) -> &'static str {
        match self {
            Column::Time => "s",
            Column::Bytes => "B",
            Column::ByteRate => "B/s",
            Column::Allocs | Column::Other => "",
        }
    }

    fn metric(self) -> Option<Metric> {
        match self {
            Column::Time => Some(Metric::Time),
            Column::Bytes => Some(Metric::Memory),
            Column::Allocs => Some(Metric::Allocs),
            Column::ByteRate => Some(Metric::Throughput),
            Column::Other => None,
        }
    }
}

/// One row: the values (first the baseline) and whether the change was `~`.
#[derive(Debug, Default, PartialEq)]
struct Row {
    values: Vec<Spread>,
    unchanged: bool,
}

/// Reads benchstat output; `None` when `text` has no benchstat table header.
pub fn parse(file: &str, text: &str) -> Option<Import> {
    let mut benches: Vec<Bench> = Vec::new();
    let mut cpu_model = None;
    let mut column: Option<Column> = None;
    let mut boxed_header = false;
    let mut found = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            column = None;
            boxed_header = false;
        } else if line.contains('│') {
            // Two header lines: the files, then the units.
            if boxed_header {
                let unit = line.split('│').nth(1).unwrap_or("").trim();
                column = Some(Column::from_unit(unit));
                found = true;
            }
            boxed_header = true;
        } else if let Some(unit) = classic_header(trimmed) {
            column = Some(Column::from_unit(unit));
            found = true;
        } else if let Some(col) = column {
            if let Some((name, row)) = row(trimmed, col.unit()) {
                add(&mut benches, name, col, &row);
            }
        } else if let Some(cpu) = trimmed.strip_prefix("cpu:") {
            cpu_model = Some(cpu.trim().to_owned());
        }
    }
    found.then(|| Import {
        file: file.to_owned(),
        format: Format::Benchstat,
        raw: sanitize::trim_lines(text),
        benches,
        cpu_model,
    })
}

/// `name  old time/op  new time/op  delta` or `name  time/op`: the unit.
fn classic_header(line: &str) -> Option<&str> {
    let mut tokens = line.split_whitespace();
    if tokens.next()? != "name" {
        return None;
    }
    match tokens.next()? {
        "old" => tokens.next(),
        unit => Some(unit),
    }
}

/// A table row: the benchmark's name and its cells; `None` for summary rows
/// (`geomean`, `[Geo mean]`), footnotes and rows that do not read as values.
fn row<'a>(line: &'a str, unit: &str) -> Option<(&'a str, Row)> {
    let (name, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    if name == "geomean" || name.starts_with('[') || name.starts_with(is_superscript) {
        return None;
    }
    let mut row = Row::default();
    let mut tokens = rest
        .split_whitespace()
        .filter(|t| !t.chars().all(is_superscript));
    while let Some(token) = tokens.next() {
        if let Some(pct) = token.strip_prefix('±') {
            let pct = if pct.is_empty() { tokens.next()? } else { pct };
            let last = row.values.last_mut()?;
            last.pct = units::split_number(pct).map(|(v, _)| v);
        } else if token == "~" {
            row.unchanged = true;
        } else if token.starts_with('(') || token.ends_with(')') || token.ends_with('%') {
            // The p-value and sample counts, or the change, which is computed again.
        } else {
            row.values
                .push(Spread::of(units::parse_prefixed(token, unit)?));
        }
    }
    (!row.values.is_empty()).then_some((name, row))
}

fn is_superscript(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '⁴'..='⁹' | '⁰')
}

/// Adds a row's values to its benchmark (found by name, or added in order).
fn add(benches: &mut Vec<Bench>, name: &str, column: Column, row: &Row) {
    let index = if let Some(i) = benches.iter().position(|b| b.name == name) {
        i
    } else {
        benches.push(Bench {
            name: sanitize::one_line(name),
            ..Bench::default()
        });
        benches.len() - 1
    };
    let bench = &mut benches[index];
    if let Some(base) = row.values.first() {
        set(&mut bench.base, column, *base);
    }
    if let Some(after) = row.values.get(1) {
        set(
            bench.after.get_or_insert_with(Measures::default),
            column,
            *after,
        );
    }
    if let Some(metric) = column.metric().filter(|_| row.unchanged) {
        bench.unchanged.push(metric);
    }
}

fn set(measures: &mut Measures, column: Column, value: Spread) {
    if !value.mean.is_finite() {
        return;
    }
    match column {
        Column::Time => measures.time = Some(value),
        Column::Bytes => {
            measures.memory = Some(Memory {
                bytes: value.mean,
                peak: false,
            });
        }
        Column::Allocs => measures.allocs = Some(value.mean),
        Column::ByteRate => {
            measures.rate = Some(Rate {
                value: value.mean,
                kind: Kind::ByteRate,
            });
        }
        Column::Other => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(a: f64, b: f64) -> bool {
        (a - b).abs() <= b.abs() * 1e-9
    }

    #[test]
    fn reads_rows_with_and_without_spaces_after_plus_minus() {
        let (name, row) = row(
            "Koopman/size=4kB-8  8.94µs ±10%  9.05µs ±12%  ~  (p=0.754 n=10+10)",
            "s",
        )
        .unwrap();
        assert_eq!(name, "Koopman/size=4kB-8");
        assert!(near(row.values[0].mean, 8.94e-6));
        assert_eq!(row.values[0].pct, Some(10.0));
        assert!(near(row.values[1].mean, 9.05e-6));
        assert!(row.unchanged);
        let (_, row) = row_of("NonExact   101.0 ± 1% ¹   101.0 ± 0%   0.00% (n=3)");
        assert_eq!(row.values.len(), 2);
        assert!(!row.unchanged);
        assert!(super::row("geomean  2.295µ  2.090µ  -8.94%", "s").is_none());
        assert!(super::row("¹ exact distribution expected", "").is_none());
    }

    fn row_of(line: &str) -> (&str, Row) {
        row(line, "").unwrap()
    }

    #[test]
    fn headers_give_the_unit() {
        assert_eq!(
            classic_header("name   old time/op    new time/op    delta"),
            Some("time/op")
        );
        assert_eq!(classic_header("name        time/op"), Some("time/op"));
        assert_eq!(classic_header("named things"), None);
        assert_eq!(Column::from_unit("sec/op"), Column::Time);
        assert_eq!(Column::from_unit("alloc/op"), Column::Bytes);
    }

    #[test]
    fn text_without_a_header_is_not_benchstat() {
        assert!(parse("b.txt", "BenchmarkX-8 10 5 ns/op\n").is_none());
    }
}
