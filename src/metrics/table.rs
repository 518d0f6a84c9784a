//! Tables of metrics: rows name metrics (`Throughput`, `Latency`, ...), columns name
//! measurements (`Baseline` or `Current`, `Actual`, `Change`). Values of one kind share
//! one scale across the table, so a row reads `1.23 ms`, `0.762 ms` and a column does
//! not mix units.

use super::select::Chosen;
use super::units::{self, Kind, Scale};
use super::words::{self, Place};
use super::{Metric, fill::Role};
use crate::form::{Labels, Value};
use crate::text::sanitize;

/// Fills the empty cells of a table of metrics; returns how many were written.
pub fn fill(
    columns: Labels<'_>,
    rows: Labels<'_>,
    default: &Value,
    value: &mut Value,
    chosen: &Chosen,
) -> usize {
    let Value::Table(cells) = value else {
        return 0;
    };
    // Cells start after the first column, which holds the row labels.
    let places: Vec<Option<Place>> = columns.iter().skip(1).map(words::place).collect();
    let has = |p: Place| places.contains(&Some(p));
    let values = |metric: Metric, role: Role| {
        let measures = match role {
            Role::Baseline => chosen.baseline,
            Role::Actual => chosen.actual,
        };
        measures.and_then(|m| m.value(metric))
    };
    let mut groups: Vec<(Kind, Vec<f64>)> = Vec::new();
    for metric in rows.iter().filter_map(words::metric) {
        let shown = [
            (has(Place::Baseline), Role::Baseline),
            (has(Place::Actual), Role::Actual),
        ];
        for (_, role) in shown.into_iter().filter(|(shown, _)| *shown) {
            if let Some((v, kind)) = values(metric, role) {
                match groups.iter_mut().find(|(k, _)| *k == kind) {
                    Some((_, vs)) => vs.push(v),
                    None => groups.push((kind, vec![v])),
                }
            }
        }
    }
    // The scale of a kind's first value (the baseline's, when there is one), so the
    // values compared with it read in its unit: `1.23 ms`, `0.762 ms`.
    let scale = |kind: &Kind| -> Scale {
        let group = groups.iter().find(|(k, _)| k == kind);
        kind.scale_for(group.map_or(&[][..], |(_, vs)| &vs[..1]))
    };
    let format = |cell: Option<(f64, Kind)>| cell.map(|(v, k)| k.format_in(v, scale(&k)));
    let mut filled = 0;
    for (r, row) in rows.iter().enumerate() {
        let Some(metric) = words::metric(row) else {
            continue;
        };
        let base = values(metric, Role::Baseline);
        let actual = values(metric, Role::Actual);
        for (c, place) in places.iter().enumerate() {
            let text = match place {
                Some(Place::Baseline) => format(base.clone()),
                Some(Place::Actual) => format(actual.clone()),
                Some(Place::Change) => change(metric, base.as_ref(), actual.as_ref(), chosen),
                Some(Place::Target) | None => None,
            };
            let Some(text) = text else {
                continue;
            };
            let template = match default {
                Value::Table(d) => d.get(r).and_then(|row| row.get(c)),
                _ => None,
            };
            if let Some(cell) = cells.get_mut(r).and_then(|row| row.get_mut(c))
                && (cell.trim().is_empty() || Some(&*cell) == template)
            {
                *cell = sanitize::one_line(&text);
                filled += 1;
            }
        }
    }
    filled
}

/// The relative change, or `~` when the tool found no significant one.
fn change(
    metric: Metric,
    base: Option<&(f64, Kind)>,
    actual: Option<&(f64, Kind)>,
    chosen: &Chosen,
) -> Option<String> {
    let ((b, bk), (a, ak)) = (base?, actual?);
    if bk != ak {
        return None;
    }
    // Operations per second follow from the time, and change with it.
    let derived = metric == Metric::Throughput && chosen.baseline.is_some_and(|m| m.rate.is_none());
    let basis = if derived { Metric::Time } else { metric };
    if chosen.unchanged.contains(&basis) {
        return Some("~".to_owned());
    }
    units::change(*b, *a)
}

#[cfg(test)]
mod tests {
    use super::super::{Measures, Spread};
    use super::*;
    use crate::form::{Cells, TableKind};

    fn measures(seconds: f64) -> Measures {
        Measures {
            time: Some(Spread::of(seconds)),
            ..Measures::default()
        }
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn current_is_the_baseline_and_targets_and_given_cells_stay() {
        let (base, actual) = (measures(2e-3), measures(1.5e-3));
        let chosen = Chosen {
            baseline: Some(&base),
            actual: Some(&actual),
            ..Chosen::default()
        };
        let kind = TableKind::new(
            ["Metric", "Current", "Target", "Actual", "Delta"],
            ["p50 latency", "Error rate", "Duration"],
            Vec::new(),
        );
        let default = Value::Table(Cells::empty(3, 4));
        let mut value = default.clone();
        if let Value::Table(cells) = &mut value {
            cells[2][0] = "given".to_owned();
        }
        let filled = fill(kind.columns(), kind.rows(), &default, &mut value, &chosen);
        assert_eq!(filled, 5);
        let Value::Table(cells) = value else {
            unreachable!()
        };
        assert_eq!(cells[0], ["2 ms", "", "1.5 ms", "-25.0%"]);
        assert_eq!(cells[1], ["", "", "", ""]);
        assert_eq!(cells[2], ["given", "", "1.5 ms", "-25.0%"]);
    }

    #[test]
    fn different_units_give_no_change() {
        let base = measures(1.0);
        let actual = Measures {
            rate: Some(super::super::Rate {
                value: 5e6,
                kind: Kind::ByteRate,
            }),
            ..measures(1.0)
        };
        let chosen = Chosen {
            baseline: Some(&base),
            actual: Some(&actual),
            ..Chosen::default()
        };
        let kind = TableKind::new(
            ["Metric", "Baseline", "Actual", "Change"],
            ["Throughput"],
            Vec::new(),
        );
        let default = Value::Table(Cells::empty(1, 3));
        let mut value = default.clone();
        fill(kind.columns(), kind.rows(), &default, &mut value, &chosen);
        assert_eq!(
            value,
            Value::Table(Cells::from(vec![names(&["1 ops/s", "5 MB/s", ""])]))
        );
    }
}
