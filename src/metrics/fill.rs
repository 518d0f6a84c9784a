//! Benchmark results into a form's answers: metric text fields by label, benchmark code
//! blocks with the raw output, and tables with Baseline / Actual / Change columns. Only
//! fields and cells nobody filled are written: empty, or still the template's own text.

use super::select::{Chosen, choose};
use super::units::Kind;
use super::words::{self, Place};
use super::{Measures, Metric, MetricsError, Spread, table};
use crate::form::{Answers, Field, FieldKind, Form, Value};
use crate::text::sanitize;

use super::select::Inputs;

/// Which results the files given are: before or after the change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Role {
    #[default]
    Baseline,
    Actual,
}

/// What filling did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Fields (and table cells) written.
    pub filled: usize,
    /// What was chosen, and what the user may want to know, for standard error.
    pub notes: Vec<String>,
}

/// Fills the empty metric fields of `answers` from `inputs`.
pub fn fill(form: &Form, answers: &mut Answers, inputs: &Inputs) -> Result<Report, MetricsError> {
    let chosen = choose(inputs)?;
    let mut filled = 0;
    for (index, field) in form.fields.iter().enumerate() {
        let value = &mut answers.values[index];
        filled += match &field.kind {
            FieldKind::Text | FieldKind::TextArea => {
                usize::from(text_field(form, field, value, &chosen))
            }
            FieldKind::Code { language } if words::is_output_language(language) => {
                usize::from(code_field(form, field, value, &chosen))
            }
            FieldKind::Table(t) => {
                table::fill(t.columns(), t.rows(), &field.default, value, &chosen)
            }
            _ => 0,
        };
    }
    let mut notes = chosen.notes;
    let measured = [chosen.baseline, chosen.actual]
        .into_iter()
        .flatten()
        .any(|m| !m.is_empty());
    if filled == 0 && !measured {
        notes.push(
            "the metrics filled nothing: the benchmark has no value to fill a field with"
                .to_owned(),
        );
    } else if filled == 0 {
        notes.push(
            "the metrics filled nothing: no empty field or table cell here asks for time, \
             throughput, memory, allocations or CPU, or a benchmark's output"
                .to_owned(),
        );
    }
    Ok(Report { filled, notes })
}

/// The text a metric field labelled `label` gets from `inputs` given as `role`, whatever
/// its section says (the user ran the command into it): the chosen benchmark's measure
/// for the role, its processor for a CPU model field. `None` when the label names no
/// metric or the results lack it.
pub fn metric_text(label: &str, inputs: &Inputs, role: Role) -> Option<String> {
    let metric = words::metric(label)?;
    let chosen = choose(inputs).ok()?;
    let measures = match role {
        Role::Baseline => chosen.baseline.or(chosen.actual),
        Role::Actual => chosen.actual.or(chosen.baseline),
    };
    field_text(metric, label, measures, &chosen)
}

/// The text for a field about `metric` labelled `label`, from `measures`: the
/// processor's model for a CPU field that does not ask for usage (when the results name
/// it), else the measure; on one line.
fn field_text(
    metric: Metric,
    label: &str,
    measures: Option<&Measures>,
    chosen: &Chosen,
) -> Option<String> {
    let text = if metric == Metric::Cpu && !words::wants_cpu_usage(label) {
        chosen
            .cpu_model
            .map(str::to_owned)
            .or_else(|| measures.and_then(|m| describe(m, metric)))
    } else {
        measures.and_then(|m| describe(m, metric))
    };
    text.map(|t| sanitize::one_line(&t))
}

/// Whether nobody wrote in the field: it is empty or still the template's text.
pub fn untouched(field: &Field, value: &Value) -> bool {
    value.as_text().trim().is_empty() || *value == field.default
}

/// The measurement a field is about: its label's, else its sections' (innermost first),
/// else the baseline.
fn place_of(form: &Form, field: &Field) -> Place {
    let mut section = Some(field.section());
    let mut place = words::place(&field.label);
    while place.is_none() {
        let Some(s) = section.and_then(|i| form.sections.get(i)) else {
            break;
        };
        place = words::place(&s.title);
        section = s.parent();
    }
    place.unwrap_or(Place::Baseline)
}

fn text_field(form: &Form, field: &Field, value: &mut Value, chosen: &Chosen) -> bool {
    let Some(metric) = words::metric(&field.label) else {
        return false;
    };
    if !untouched(field, value) {
        return false;
    }
    let measures = match place_of(form, field) {
        Place::Baseline => chosen.baseline,
        Place::Actual => chosen.actual,
        Place::Target | Place::Change => None,
    };
    let Some(text) = field_text(metric, &field.label, measures, chosen) else {
        return false;
    };
    *value = Value::Text(text);
    true
}

fn code_field(form: &Form, field: &Field, value: &mut Value, chosen: &Chosen) -> bool {
    let mentions = |t: &str| t.to_lowercase().contains("benchmark");
    let section = form.sections.get(field.section()).map_or("", |s| &s.title);
    if !(mentions(&field.label) || mentions(section)) || !untouched(field, value) {
        return false;
    }
    let raw = match place_of(form, field) {
        Place::Baseline => &chosen.raw_baseline,
        Place::Actual => &chosen.raw_actual,
        Place::Target | Place::Change => return false,
    };
    if raw.trim().is_empty() {
        return false;
    }
    *value = Value::Text(sanitize::clean(raw));
    true
}

/// A metric as a sentence-sized value: the mean with its spread, the rate, the memory
/// per operation or at peak, allocations per operation, CPU time per run.
pub fn describe(m: &Measures, metric: Metric) -> Option<String> {
    match metric {
        Metric::Time => m.time.filter(|t| t.mean.is_finite()).map(|t| spread(&t)),
        Metric::Throughput => m
            .throughput()
            .filter(|r| r.value.is_finite())
            .map(|r| r.kind.format(r.value)),
        Metric::Memory => m.memory.filter(|x| x.bytes.is_finite()).map(|x| {
            let bytes = Kind::Bytes.format(x.bytes);
            if x.peak {
                format!("{bytes} peak")
            } else {
                format!("{bytes}/op")
            }
        }),
        Metric::Allocs => m
            .allocs
            .filter(|a| a.is_finite())
            .map(|a| Kind::Count("allocs/op".to_owned()).format(a)),
        Metric::Cpu => {
            let cpu = m.cpu?;
            let scale = Kind::Time.scale_for(&[cpu.user, cpu.system]);
            let t = |v| Kind::Time.format_in(v, scale);
            let times = format!("user {}, system {} per run", t(cpu.user), t(cpu.system));
            Some(match m.cpu_percent() {
                Some(pct) => format!("{} ({times})", Kind::Percent.format(pct)),
                None => times,
            })
        }
    }
}

/// `12.3 ms ± 0.4 ms (min 11.8 ms, max 13.1 ms)`, with what the tool gave.
fn spread(t: &Spread) -> String {
    let finite = |v: Option<f64>| v.filter(|x| x.is_finite());
    let scale = Kind::Time.scale_for(&[t.mean]);
    let f = |v: f64| Kind::Time.format_in(v, scale);
    let mut text = f(t.mean);
    if let Some(sd) = finite(t.stddev) {
        text = format!("{text} ± {}", f(sd));
    } else if let Some(pct) = finite(t.pct) {
        text = format!("{text} ± {}", Kind::Percent.format(pct));
    }
    if let (Some(min), Some(max)) = (finite(t.min), finite(t.max))
        && min < max
    {
        text = format!("{text} (min {}, max {})", f(min), f(max));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::super::{CpuTime, Memory};
    use super::*;

    #[test]
    fn descriptions_say_what_the_tool_gave() {
        let m = Measures {
            time: Some(Spread {
                mean: 0.5,
                min: Some(0.5),
                max: Some(0.5),
                ..Spread::default()
            }),
            memory: Some(Memory {
                bytes: 2048.0,
                peak: false,
            }),
            allocs: Some(f64::NAN),
            cpu: Some(CpuTime {
                user: 0.4,
                system: 0.05,
            }),
            ..Measures::default()
        };
        // One run: no range.
        assert_eq!(describe(&m, Metric::Time).as_deref(), Some("500 ms"));
        assert_eq!(describe(&m, Metric::Memory).as_deref(), Some("2 KiB/op"));
        assert_eq!(describe(&m, Metric::Allocs), None);
        assert_eq!(describe(&m, Metric::Throughput).as_deref(), Some("2 ops/s"));
        assert_eq!(
            describe(&m, Metric::Cpu).as_deref(),
            Some("90% (user 400 ms, system 50 ms per run)")
        );
    }

    #[test]
    fn untouched_means_empty_or_the_template_text() {
        let field = Field {
            id: "b".into(),
            label: "Benchmark".into(),
            kind: FieldKind::Code {
                language: String::new(),
            },
            placeholder: String::new().into(),
            help: String::new().into(),
            default: Value::Text("BenchmarkX 1 1 ns/op".into()),
            required: false,
            section: 0,
            line: 1,
        };
        assert!(untouched(&field, &Value::Text(" ".into())));
        assert!(untouched(&field, &field.default.clone()));
        assert!(!untouched(&field, &Value::Text("mine".into())));
    }
}
