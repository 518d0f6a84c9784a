//! What a label asks for: which metric (`Response time` → time) and which measurement
//! (`Baseline`, `Actual`, `Target`, `Change`). Case-insensitive rules on words.

use super::Metric;

/// Which measurement a field or column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Baseline,
    Actual,
    /// A goal: never filled from results.
    Target,
    /// The relative change from baseline to actual.
    Change,
}

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The metric a label names, if any.
pub fn metric(label: &str) -> Option<Metric> {
    let lower = label.to_lowercase();
    let ws = words(label);
    let has = |w: &str| ws.iter().any(|x| x == w);
    let contains = |parts: &[&str]| parts.iter().any(|p| lower.contains(p));
    if lower.contains("alloc") {
        Some(Metric::Allocs)
    } else if contains(&[
        "throughput",
        "ops/s",
        "ops/sec",
        "per second",
        "req/s",
        "requests/s",
        "bandwidth",
    ]) || has("rps")
        || has("qps")
    {
        Some(Metric::Throughput)
    } else if contains(&[
        "latency",
        "response time",
        "duration",
        "time/op",
        "time per",
        "runtime",
        "elapsed",
    ]) || has("time")
        || has("times")
    {
        Some(Metric::Time)
    } else if contains(&["memory", "heap", "b/op"]) || has("mem") || has("ram") || has("rss") {
        Some(Metric::Memory)
    } else if has("cpu") {
        Some(Metric::Cpu)
    } else {
        None
    }
}

/// Whether a CPU label asks for usage (time, percent) rather than the processor.
pub fn wants_cpu_usage(label: &str) -> bool {
    let lower = label.to_lowercase();
    ["usage", "utiliz", "utilis", "load", "%", "time"]
        .iter()
        .any(|w| lower.contains(w))
}

/// The measurement a label names, if any.
pub fn place(label: &str) -> Option<Place> {
    let ws = words(label);
    let any = |list: &[&str]| ws.iter().any(|w| list.contains(&w.as_str()));
    if any(&[
        "target",
        "targets",
        "goal",
        "goals",
        "expected",
        "desired",
        "budget",
        "objective",
        "objectives",
        "sla",
        "slo",
    ]) {
        Some(Place::Target)
    } else if any(&[
        "change",
        "delta",
        "improvement",
        "diff",
        "difference",
        "gain",
    ]) || label.to_lowercase().contains("vs base")
    {
        Some(Place::Change)
    } else if any(&[
        "baseline", "before", "current", "old", "existing", "original", "previous",
    ]) {
        Some(Place::Baseline)
    } else if any(&[
        "actual",
        "after",
        "optimized",
        "optimised",
        "new",
        "improved",
        "final",
    ]) {
        Some(Place::Actual)
    } else {
        None
    }
}

/// Whether a code block's language is for output (or none), not source code.
pub fn is_output_language(language: &str) -> bool {
    let lower = language.trim().to_lowercase();
    lower.is_empty()
        || [
            "text",
            "txt",
            "plain",
            "plaintext",
            "console",
            "output",
            "log",
            "shell-session",
            "sh-session",
            "terminal",
        ]
        .contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_name_metrics() {
        assert_eq!(metric("Response time"), Some(Metric::Time));
        assert_eq!(metric("Latency (p50)"), Some(Metric::Time));
        assert_eq!(metric("Duration"), Some(Metric::Time));
        assert_eq!(metric("Throughput"), Some(Metric::Throughput));
        assert_eq!(metric("Requests per second"), Some(Metric::Throughput));
        assert_eq!(metric("Memory usage"), Some(Metric::Memory));
        assert_eq!(metric("Memory allocations"), Some(Metric::Allocs));
        assert_eq!(metric("Allocations"), Some(Metric::Allocs));
        assert_eq!(metric("CPU usage"), Some(Metric::Cpu));
        assert_eq!(metric("Error rate"), None);
        assert_eq!(metric("Timeline"), None);
        assert_eq!(metric("Parameters"), None);
    }

    #[test]
    fn labels_name_places() {
        assert_eq!(place("Baseline"), Some(Place::Baseline));
        assert_eq!(place("Current Metrics"), Some(Place::Baseline));
        assert_eq!(place("Target Metrics"), Some(Place::Target));
        assert_eq!(place("Actual"), Some(Place::Actual));
        assert_eq!(place("Benchmark Results (After)"), Some(Place::Actual));
        assert_eq!(place("Benchmark Results (Baseline)"), Some(Place::Baseline));
        assert_eq!(place("Change"), Some(Place::Change));
        assert_eq!(place("Improvement"), Some(Place::Change));
        assert_eq!(place("Metric"), None);
        assert_eq!(place("Renewal"), None);
    }

    #[test]
    fn output_languages() {
        assert!(is_output_language(""));
        assert!(is_output_language("console"));
        assert!(!is_output_language("go"));
    }
}
