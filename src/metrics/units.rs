//! Numbers with units: reading the prefixed values benchmark tools print (`1.23ms`,
//! `96.45Ki`, `477MB/s`) and writing values people read (`1.23 ms`, `9.6 KiB`,
//! `812k ops/s`), with one scale shared by values that are compared.

/// What a number measures; decides its units and how it is scaled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Seconds.
    Time,
    /// Bytes, scaled by 1024 (`KiB`, `MiB`).
    Bytes,
    /// Bytes per second, scaled by 1000 like Go's `MB/s`.
    ByteRate,
    /// Anything per second (`ops/s`, `req/s`), scaled by 1000 with `k`, `M`, `G`.
    Rate(String),
    /// A plain count with a unit after it (`allocs`).
    Count(String),
    /// A percentage.
    Percent,
}

/// A unit prefix picked for a group of values: what to divide by, and its symbol.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub factor: f64,
    pub symbol: &'static str,
}

const TIME: [Scale; 4] = [
    Scale {
        factor: 1e-9,
        symbol: "ns",
    },
    Scale {
        factor: 1e-6,
        symbol: "µs",
    },
    Scale {
        factor: 1e-3,
        symbol: "ms",
    },
    Scale {
        factor: 1.0,
        symbol: "s",
    },
];

const BYTES: [Scale; 5] = [
    Scale {
        factor: 1.0,
        symbol: "B",
    },
    Scale {
        factor: 1024.0,
        symbol: "KiB",
    },
    Scale {
        factor: 1_048_576.0,
        symbol: "MiB",
    },
    Scale {
        factor: 1_073_741_824.0,
        symbol: "GiB",
    },
    Scale {
        factor: 1_099_511_627_776.0,
        symbol: "TiB",
    },
];

const BYTE_RATE: [Scale; 5] = [
    Scale {
        factor: 1.0,
        symbol: "B/s",
    },
    Scale {
        factor: 1e3,
        symbol: "kB/s",
    },
    Scale {
        factor: 1e6,
        symbol: "MB/s",
    },
    Scale {
        factor: 1e9,
        symbol: "GB/s",
    },
    Scale {
        factor: 1e12,
        symbol: "TB/s",
    },
];

/// Prefixes glued to the number (`812k ops/s`).
const SI: [Scale; 4] = [
    Scale {
        factor: 1.0,
        symbol: "",
    },
    Scale {
        factor: 1e3,
        symbol: "k",
    },
    Scale {
        factor: 1e6,
        symbol: "M",
    },
    Scale {
        factor: 1e9,
        symbol: "G",
    },
];

const ONE: Scale = Scale {
    factor: 1.0,
    symbol: "",
};

impl Kind {
    fn scales(&self) -> &'static [Scale] {
        match self {
            Kind::Time => &TIME,
            Kind::Bytes => &BYTES,
            Kind::ByteRate => &BYTE_RATE,
            Kind::Rate(_) => &SI,
            Kind::Count(_) | Kind::Percent => std::slice::from_ref(&ONE),
        }
    }

    /// The scale for a group of values: the largest one in which the largest value is
    /// still at least 1, so the group reads in one unit (`1.2 ms`, `0.95 ms`).
    pub fn scale_for(&self, values: &[f64]) -> Scale {
        let scales = self.scales();
        let largest = values
            .iter()
            .map(|v| v.abs())
            .filter(|v| v.is_finite() && *v > 0.0)
            .fold(0.0, f64::max);
        scales
            .iter()
            .rev()
            .find(|s| largest / s.factor >= 1.0)
            .unwrap_or(&scales[0])
            .to_owned()
    }

    /// `value` in `scale`, with its unit: `1.23 ms`, `812k ops/s`, `123 allocs`.
    pub fn format_in(&self, value: f64, scale: Scale) -> String {
        let n = number(value / scale.factor);
        match self {
            Kind::Time | Kind::Bytes | Kind::ByteRate => format!("{n} {}", scale.symbol),
            Kind::Rate(unit) => format!("{n}{} {unit}", scale.symbol),
            Kind::Count(unit) if unit.is_empty() => n,
            Kind::Count(unit) => format!("{n} {unit}"),
            Kind::Percent => format!("{n}%"),
        }
    }

    /// `value` in its own best scale.
    pub fn format(&self, value: f64) -> String {
        self.format_in(value, self.scale_for(&[value]))
    }
}

/// Three significant digits, without trailing zeros: `1.23`, `12.3`, `123`, `0.0123`;
/// numbers of 1000 and more are whole. Rounded by [`fixed`]'s one rule.
pub fn number(value: f64) -> String {
    if value == 0.0 || !value.is_finite() {
        return format!("{value}");
    }
    let magnitude = value.abs().log10().floor() as i32;
    // Digits after the point for three significant ones; at most 9.
    let decimals = usize::try_from((2 - magnitude).clamp(0, 9)).unwrap_or(0);
    let text = fixed(value, decimals);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// Significant digits a value is taken to before rounding: more than any tool prints,
/// fewer than a unit conversion's binary noise (`12350 ns` is 12.349999999999998 µs).
const KEPT_DIGITS: usize = 12;

/// `value` with `decimals` digits after the point, by one rule whatever tool or unit it
/// came from: taken to `KEPT_DIGITS` significant digits, then rounded half away from
/// zero (`12.35` → `12.4`, as `12350 ns` in µs and benchstat's `12.35µs` both are).
pub fn fixed(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return format!("{value}");
    }
    // `d.ddddddddddde±x`: the digits as decimal text, so rounding sees `…5`, not `…4999`.
    let sci = format!("{:.*e}", KEPT_DIGITS - 1, value.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let digits: Vec<u8> = mantissa
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    // How many of the digits stand before the last decimal kept.
    let keep = exp + 1 + i64::try_from(decimals).unwrap_or(0);
    let mut kept: Vec<u8> = (0..keep.max(0))
        .map(|i| {
            usize::try_from(i)
                .ok()
                .and_then(|i| digits.get(i).copied())
                .unwrap_or(0)
        })
        .collect();
    let next = usize::try_from(keep)
        .ok()
        .and_then(|i| digits.get(i).copied())
        .unwrap_or(0);
    if keep >= 0 && next >= 5 {
        // Carry from the last digit kept.
        let mut at = kept.len();
        loop {
            if at == 0 {
                kept.insert(0, 1);
                break;
            }
            at -= 1;
            if kept[at] == 9 {
                kept[at] = 0;
            } else {
                kept[at] += 1;
                break;
            }
        }
    }
    // Leading zeros so that a digit stands before the point.
    while kept.len() <= decimals {
        kept.insert(0, 0);
    }
    let mut text: String = kept.iter().map(|d| char::from(b'0' + d)).collect();
    if decimals > 0 {
        text.insert(text.len() - decimals, '.');
    }
    if value < 0.0 && text.bytes().any(|b| matches!(b, b'1'..=b'9')) {
        text.insert(0, '-');
    }
    text
}

/// A relative change from `before` to `after`, with a sign and one decimal (rounded as
/// [`fixed`] does): `-38.2%`.
pub fn change(before: f64, after: f64) -> Option<String> {
    if before == 0.0 || !before.is_finite() || !after.is_finite() {
        return None;
    }
    let pct = (after - before) / before.abs() * 100.0;
    let text = fixed(pct, 1);
    Some(if text == "0.0" {
        "0.0%".to_owned()
    } else if text.starts_with('-') {
        format!("{text}%")
    } else {
        format!("+{text}%")
    })
}

/// Reads a number at the start of `s` (with sign, decimals, exponent, `NaN`, `Inf`);
/// returns it and the rest.
pub fn split_number(s: &str) -> Option<(f64, &str)> {
    for word in ["NaN", "+Inf", "-Inf", "Inf"] {
        if let Some(rest) = s.strip_prefix(word) {
            return word.parse::<f64>().ok().map(|v| (v, rest));
        }
    }
    let bytes = s.as_bytes();
    let mut end = 0;
    let mut seen_digit = false;
    let mut seen_exp = false;
    while end < bytes.len() {
        let c = bytes[end];
        let ok = match c {
            b'0'..=b'9' => {
                seen_digit = true;
                true
            }
            b'.' => !seen_exp,
            b'+' | b'-' => end == 0 || matches!(bytes[end - 1], b'e' | b'E'),
            b'e' | b'E' => {
                // An exponent only when a digit follows (`1e3`), not a unit (`1 elem`).
                let next = bytes.get(end + 1).copied();
                let digit_next = matches!(next, Some(b'0'..=b'9'))
                    || (matches!(next, Some(b'+' | b'-'))
                        && matches!(bytes.get(end + 2), Some(b'0'..=b'9')));
                let ok = seen_digit && !seen_exp && digit_next;
                seen_exp |= ok;
                ok
            }
            _ => false,
        };
        if !ok {
            break;
        }
        end += 1;
    }
    if !seen_digit {
        return None;
    }
    s[..end].parse::<f64>().ok().map(|v| (v, &s[end..]))
}

/// Unit prefixes benchmark tools print, binary ones first (`Mi` before `M`).
const PREFIXES: [(&str, f64); 13] = [
    ("Ki", 1024.0),
    ("Mi", 1_048_576.0),
    ("Gi", 1_073_741_824.0),
    ("Ti", 1_099_511_627_776.0),
    ("n", 1e-9),
    ("µ", 1e-6),
    ("μ", 1e-6),
    ("u", 1e-6),
    ("m", 1e-3),
    ("k", 1e3),
    ("M", 1e6),
    ("G", 1e9),
    ("T", 1e12),
];

/// A number with an optional metric or binary prefix and then `unit` (or nothing):
/// `1.23ms` and `1.23m` for `s`, `98.8kB` and `96.45Ki` for `B`, `477MB/s` for `B/s`.
pub fn parse_prefixed(text: &str, unit: &str) -> Option<f64> {
    let (value, rest) = split_number(text.trim())?;
    let rest = rest.trim();
    if rest == unit || rest.is_empty() {
        return Some(value);
    }
    PREFIXES.iter().find_map(|(prefix, factor)| {
        let after = rest.strip_prefix(prefix)?;
        (after == unit || after.is_empty()).then_some(value * factor)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_three_significant_digits() {
        assert_eq!(number(1.234_567), "1.23");
        assert_eq!(number(12.34), "12.3");
        assert_eq!(number(123.4), "123");
        assert_eq!(number(9.6), "9.6");
        assert_eq!(number(1234.6), "1235");
        assert_eq!(number(0.012_34), "0.0123");
        assert_eq!(number(2.0), "2");
    }

    /// One rule whatever the tool: the value to 12 significant digits (the unit
    /// conversion's binary noise gone), then half away from zero.
    #[test]
    fn halves_round_away_from_zero_whatever_the_conversion() {
        // go test -bench: 12350 ns/op in seconds; benchstat: `12.35µs`.
        let go = 12350.0 / 1e9;
        let benchstat = parse_prefixed("12.35µs", "s").unwrap();
        assert_eq!(Kind::Time.format(go), "12.4 µs");
        assert_eq!(Kind::Time.format(benchstat), "12.4 µs");
        assert_eq!(number(12.35), "12.4");
        assert_eq!(number(-12.35), "-12.4");
        assert_eq!(number(0.1235), "0.124");
        assert_eq!(number(2.675), "2.68");
        assert_eq!(number(9.995), "10");
        assert_eq!(number(999.5), "1000");
        assert_eq!(number(1e-12), "0");
        assert_eq!(number(6e-10), "0.000000001");
        assert_eq!(number(1e20), "100000000000000000000");
        assert_eq!(change(1.0, 1.0005).as_deref(), Some("+0.1%"));
        assert_eq!(change(100.0, 100.05).as_deref(), Some("+0.1%"));
        assert_eq!(change(100.0, 99.95).as_deref(), Some("-0.1%"));
    }

    #[test]
    fn values_read_in_their_scale() {
        assert_eq!(Kind::Time.format(1.234_567e-3), "1.23 ms");
        assert_eq!(Kind::Time.format(45e-9), "45 ns");
        assert_eq!(Kind::Bytes.format(9830.4), "9.6 KiB");
        assert_eq!(Kind::Rate("ops/s".into()).format(812_345.0), "812k ops/s");
        assert_eq!(Kind::ByteRate.format(56.63e6), "56.6 MB/s");
        assert_eq!(Kind::Count("allocs".into()).format(123.0), "123 allocs");
    }

    #[test]
    fn a_group_shares_the_scale_of_its_largest_value() {
        let scale = Kind::Time.scale_for(&[1.2e-3, 950e-6]);
        assert_eq!(Kind::Time.format_in(1.2e-3, scale), "1.2 ms");
        assert_eq!(Kind::Time.format_in(950e-6, scale), "0.95 ms");
        // Nothing finite: the smallest scale.
        assert_eq!(Kind::Time.scale_for(&[f64::NAN]).symbol, "ns");
    }

    #[test]
    fn changes_are_signed_percentages() {
        assert_eq!(change(1.0, 0.618).as_deref(), Some("-38.2%"));
        assert_eq!(change(100.0, 105.0).as_deref(), Some("+5.0%"));
        assert_eq!(change(1.0, 1.0).as_deref(), Some("0.0%"));
        assert_eq!(change(0.0, 1.0), None);
    }

    fn near(got: Option<f64>, want: f64) -> bool {
        got.is_some_and(|g| (g - want).abs() <= want.abs() * 1e-12)
    }

    #[test]
    fn prefixed_values_are_read() {
        assert!(near(parse_prefixed("1.23ms", "s"), 1.23e-3));
        assert!(near(parse_prefixed("1.718µ", "s"), 1.718e-6));
        assert!(near(parse_prefixed("96.45Ki", "B"), 96.45 * 1024.0));
        assert!(near(parse_prefixed("98.8kB", "B"), 98_800.0));
        assert!(near(parse_prefixed("477MB/s", "B/s"), 477e6));
        assert!(near(parse_prefixed("123.0", ""), 123.0));
        assert!(near(parse_prefixed("12s", "s"), 12.0));
        assert_eq!(parse_prefixed("12 apples", "s"), None);
        assert!(parse_prefixed("NaN", "s").is_some_and(f64::is_nan));
    }

    #[test]
    fn numbers_stop_before_units() {
        assert_eq!(split_number("1e3 x"), Some((1000.0, " x")));
        assert_eq!(split_number("12elem"), Some((12.0, "elem")));
        assert_eq!(split_number("-38.2%"), Some((-38.2, "%")));
        assert_eq!(split_number("ops"), None);
    }
}
