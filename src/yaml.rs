//! YAML reading with resource budgets and errors that name file, line and column, and
//! the text of a scalar value read.

use serde::de::DeserializeOwned;
use serde_json::Value as Json;

use crate::error::LocatedError;

/// The environment variable that raises [`Budget::nodes`].
pub const NODES_VAR: &str = "ISSUE_COMPOSER_MAX_YAML_NODES";
/// The environment variable that raises [`Budget::aliases`] (aliases and anchors).
pub const ALIASES_VAR: &str = "ISSUE_COMPOSER_MAX_YAML_ALIASES";
/// The environment variable that raises [`Budget::depth`].
pub const DEPTH_VAR: &str = "ISSUE_COMPOSER_MAX_YAML_DEPTH";

/// How much YAML one document may hold: a file of a few kilobytes can otherwise expand
/// (aliases) or nest into work and memory far beyond its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Parser events: scalars, and starts and ends of lists and maps.
    pub nodes: usize,
    /// Aliases (`*ref`), and anchors (`&ref`) each.
    pub aliases: usize,
    /// Lists and maps open at once.
    pub depth: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Self {
            nodes: 200_000,
            aliases: 1_000,
            depth: 64,
        }
    }
}

/// Parses `text` (which starts at 1-based `first_line` of `file`) as YAML into `T`.
/// Duplicate keys keep the last value, as GitHub's own YAML reader does.
pub fn from_str<T: DeserializeOwned>(
    text: &str,
    file: &str,
    first_line: usize,
) -> Result<T, LocatedError> {
    from_str_within(text, file, first_line, &Budget::default())
}

/// [`from_str`] within `budget`.
pub fn from_str_within<T: DeserializeOwned>(
    text: &str,
    file: &str,
    first_line: usize,
    budget: &Budget,
) -> Result<T, LocatedError> {
    parse(
        text,
        (file, first_line),
        serde_saphyr::DuplicateKeyPolicy::LastWins,
        budget,
    )
}

/// Like [`from_str`], but a key given twice in one mapping is an error: for files the
/// user writes (answers), where a silent winner would hide a mistake.
pub fn from_str_unique<T: DeserializeOwned>(
    text: &str,
    file: &str,
    first_line: usize,
    budget: &Budget,
) -> Result<T, LocatedError> {
    parse(
        text,
        (file, first_line),
        serde_saphyr::DuplicateKeyPolicy::Error,
        budget,
    )
}

fn parse<T: DeserializeOwned>(
    text: &str,
    (file, first_line): (&str, usize),
    duplicate_keys: serde_saphyr::DuplicateKeyPolicy,
    budget: &Budget,
) -> Result<T, LocatedError> {
    let options = serde_saphyr::options! {
        duplicate_keys: duplicate_keys,
        // YAML 1.2 booleans only: `N` or `no` stay text (a name, a Yes/No answer).
        strict_booleans: true,
        budget: serde_saphyr::budget! {
            max_events: budget.nodes,
            max_aliases: budget.aliases,
            max_anchors: budget.aliases,
            max_nodes: budget.nodes,
            max_depth: budget.depth,
        },
    };
    if let Some((line, col)) = past_node_budget(text, budget.nodes) {
        return Err(LocatedError {
            file: file.to_owned(),
            line: first_line + line.max(1) - 1,
            col: col.max(1),
            message: budget_message("Events", budget),
            more: Vec::new(),
        });
    }
    serde_saphyr::from_str_with_options(text, options).map_err(|err| {
        let (line, col) = err
            .location()
            .map_or((1, 1), |loc| (to_usize(loc.line()), to_usize(loc.column())));
        // The parser's words for a `[` left open (`illegal placement of ':' indicator`
        // on the next line) name what it met, not what is wrong.
        let message = match unclosed_flow(text) {
            Some((open, at_line, at_col)) => {
                unclosed_message(open, first_line + at_line - 1, at_col)
            }
            None => plain_message(&err.without_snippet().to_string(), budget),
        };
        LocatedError {
            file: file.to_owned(),
            line: first_line + line.max(1) - 1,
            col: col.max(1),
            message,
            more: Vec::new(),
        }
    })
}

/// Where the parser stopped inside a `[` or `{` written on an earlier line and not
/// closed between it and that place: the bracket and its 1-based line and column.
/// `None` when the parser reads `text`, or stopped elsewhere.
fn unclosed_flow(text: &str) -> Option<(char, usize, usize)> {
    // Each open collection: its bracket and place when it is a flow one (`[`, `{`).
    let mut open: Vec<Option<(char, usize, usize)>> = Vec::new();
    for item in granit_parser::Parser::new_from_str(text) {
        let (event, span) = match item {
            Ok(event) => event,
            Err(err) => {
                let (bracket, line, col) = (*open.last()?)?;
                let stop = err.marker();
                let from = span_chars(text, line, col)?;
                let closer = if bracket == '[' { ']' } else { '}' };
                let shut = text
                    .chars()
                    .skip(from + 1)
                    .take(stop.index().saturating_sub(from + 1))
                    .any(|c| c == closer);
                return (stop.line() > line && !shut).then_some((bracket, line, col));
            }
        };
        match event {
            granit_parser::Event::SequenceStart(..) | granit_parser::Event::MappingStart(..) => {
                let (line, col) = (span.start.line().max(1), span.start.col() + 1);
                let bracket = text
                    .chars()
                    .nth(span.start.index())
                    .filter(|c| matches!(c, '[' | '{'));
                open.push(bracket.map(|b| (b, line, col)));
            }
            granit_parser::Event::SequenceEnd | granit_parser::Event::MappingEnd => {
                open.pop();
            }
            _ => {}
        }
    }
    None
}

/// The index in characters of 1-based `line` and `col` in `text`.
fn span_chars(text: &str, line: usize, col: usize) -> Option<usize> {
    let before: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(|l| l.chars().count())
        .sum();
    Some(before + col.checked_sub(1)?)
}

/// A `[` or `{` (`open`) at `line` and `col` of the file that is never closed.
fn unclosed_message(open: char, line: usize, col: usize) -> String {
    let closer = if open == '[' { ']' } else { '}' };
    format!(
        "the `{open}` on line {line}, column {col} is never closed (a `{closer}` is missing before here)"
    )
}

/// Where the YAML has more than `max` events (the node budget, counted as serde-saphyr
/// counts it: every event of the parser), as a 1-based line and column. One streaming
/// pass refuses a huge file in a fraction of the time the full read takes to reach its
/// budget (55 against 125 ms for 200,001 nodes); a file the parser cannot read is left
/// to the full read, which says why.
fn past_node_budget(text: &str, max: usize) -> Option<(usize, usize)> {
    let mut events = 0usize;
    for item in granit_parser::Parser::new_from_str(text) {
        let (_, span) = item.ok()?;
        events += 1;
        if events > max {
            return Some((span.start.line(), span.start.col() + 1));
        }
    }
    None
}

/// Where a mapping key and its value are written, as 1-based lines and columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPlace {
    /// The keys from the top mapping down to this one.
    pub path: Vec<String>,
    pub key: (usize, usize),
    pub value: (usize, usize),
}

/// The keys of the top mapping of `text` (which starts at 1-based `first_line`) and of
/// the mappings under them, down to `depth` keys, with their places, in the order
/// written. Keys under lists and keys that are not text are left out; from a file the
/// parser cannot read, the keys before the place it stopped. JSON reads too (as YAML).
pub fn key_places(text: &str, first_line: usize, depth: usize) -> Vec<KeyPlace> {
    let mut walk = PlaceWalk {
        depth,
        ..PlaceWalk::default()
    };
    for item in granit_parser::Parser::new_from_str(text) {
        let Ok((event, span)) = item else { break };
        let at = (
            first_line + span.start.line().max(1) - 1,
            span.start.col() + 1,
        );
        match event {
            granit_parser::Event::Scalar(text, ..) => {
                walk.start(at, Some(&text), None);
                walk.finish();
            }
            granit_parser::Event::Alias(_) => {
                walk.start(at, None, None);
                walk.finish();
            }
            granit_parser::Event::MappingStart(..) => walk.start(at, None, Some(true)),
            granit_parser::Event::SequenceStart(..) => walk.start(at, None, Some(false)),
            granit_parser::Event::MappingEnd | granit_parser::Event::SequenceEnd => {
                if walk.stack.pop().is_some_and(|f| f.named) {
                    walk.path.pop();
                }
                walk.finish();
            }
            _ => {}
        }
    }
    walk.out
}

/// The state of [`key_places`]: the lists and mappings open, and the keys leading to
/// the innermost one whose keys are recorded.
#[derive(Default)]
struct PlaceWalk {
    depth: usize,
    stack: Vec<PlaceFrame>,
    path: Vec<String>,
    out: Vec<KeyPlace>,
}

struct PlaceFrame {
    /// A mapping whose keys are recorded (the top one, or a recorded key's value).
    tracked: bool,
    /// Whether this mapping or list is a recorded key's value (its key is on the path).
    named: bool,
    /// In a mapping: the next node is a value, of this key when it is text.
    key: Option<(String, (usize, usize))>,
    in_value: bool,
}

impl PlaceWalk {
    /// A node starts at `at`: a scalar with its text, or a mapping (`Some(true)`) or
    /// list (`Some(false)`) that opens.
    fn start(&mut self, at: (usize, usize), text: Option<&str>, opens: Option<bool>) {
        let mut named = false;
        let top = self.stack.is_empty();
        if let Some(frame) = self.stack.last_mut() {
            if !frame.in_value {
                frame.key = text.map(|t| (t.to_owned(), at));
            } else if let Some((key, key_at)) = frame.key.take().filter(|_| frame.tracked)
                && self.path.len() < self.depth
            {
                let mut path = self.path.clone();
                path.push(key);
                if opens.is_some() {
                    self.path.push(path[path.len() - 1].clone());
                    named = true;
                }
                self.out.push(KeyPlace {
                    path,
                    key: key_at,
                    value: at,
                });
            }
        }
        if let Some(map) = opens {
            self.stack.push(PlaceFrame {
                tracked: map && (top || named),
                named,
                key: None,
                in_value: false,
            });
        }
    }

    /// A node ended: in a mapping, a key is followed by its value and a value by a key.
    fn finish(&mut self) {
        if let Some(frame) = self.stack.last_mut() {
            frame.in_value = !frame.in_value;
        }
    }
}

/// A scalar as text: a string as written, a number or boolean as YAML writes it; `None`
/// for null, lists and maps.
pub fn scalar(value: &Json) -> Option<String> {
    match value {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX / 2)
}

/// serde-saphyr's message, made readable: its position suffix dropped (we print the
/// position ourselves), its advice about options (ours are fixed) dropped, budget
/// breaches in words, and long quoted text (a 5,000-digit number) shortened.
fn plain_message(message: &str, budget: &Budget) -> String {
    let message = message.strip_prefix("error: ").unwrap_or(message);
    let message = match message.rfind(" at line ") {
        Some(at) => &message[..at],
        None => message,
    };
    let message = if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        let key = key.split(", set DuplicateKeyPolicy").next().unwrap_or(key);
        format!("`{key}` is given twice")
    } else if let Some(breach) = message.strip_prefix("budget breached: ") {
        budget_message(breach, budget)
    } else if message.starts_with("recursion limit exceeded") {
        budget_message("Depth", budget)
    } else if message.starts_with("multiple YAML documents detected") {
        // Its hint names the library's API (`use from_str_multiple`).
        "a second YAML document starts here (a `---` line): the file must hold one".to_owned()
    } else if let Some(words) = library_words(message) {
        words
    } else if let Some(number) = message.strip_prefix("non-finite float ") {
        let number = number.trim_end_matches(" rejected by the configured policy");
        non_finite_message(number)
    } else {
        message.to_owned()
    };
    crate::text::shorten_quoted(&crate::text::sanitize::one_line(&message))
}

/// The parser's and serde's words for a value of the wrong kind (`expected string scalar`,
/// `invalid boolean (strict mode expects true/false)`, `invalid type: sequence, expected
/// a string`) in ours: what is expected here, and what was found.
fn library_words(message: &str) -> Option<String> {
    let kind = |word: &str| -> String {
        let word = word.trim();
        match word.trim_start_matches("a ").trim_start_matches("an ") {
            "string" | "string scalar" | "str" | "scalar" => "text".to_owned(),
            "sequence" | "seq" | "sequence start" => "a list".to_owned(),
            "map" | "mapping" | "mapping start" => "a mapping".to_owned(),
            "boolean" | "bool" => "true or false".to_owned(),
            "unit value" | "null" => "nothing (null)".to_owned(),
            _ => word.to_owned(),
        }
    };
    if message.starts_with("invalid boolean") {
        return Some("expected true or false here".to_owned());
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ")?;
        return Some(format!(
            "expected {} here, not {}",
            kind(expected),
            kind(found)
        ));
    }
    // The parser says only what it expected; text is expected where a list or a
    // mapping is written (a scalar or nothing would have read as text).
    let expected = message.strip_prefix("expected ")?;
    Some(match kind(expected) {
        what if what == expected => return None,
        what if what == "text" => "expected text here, not a list or a mapping".to_owned(),
        what => format!("expected {what} here"),
    })
}

/// `.inf`, `-.inf` and `.nan` (in any case) are YAML's words for numbers no field can
/// hold: GitHub refuses them where text is meant, as it does booleans. Digits that
/// overflow (`1e400`) are too large.
fn non_finite_message(quoted: &str) -> String {
    let written = quoted.trim_matches('`');
    let what = match written.to_ascii_lowercase().as_str() {
        ".inf" | "+.inf" => "infinity",
        "-.inf" => "minus infinity",
        ".nan" => "not-a-number",
        _ => return format!("the number {quoted} is too large"),
    };
    format!(
        "`{written}` is YAML's number {what}, not text; quote it (`'{written}'`) to make it text"
    )
}

/// How every refusal for a breached YAML budget starts.
const TOO_LARGE: &str = "the YAML is larger or more deeply nested than allowed";

/// Whether `message` is a refusal for a breached YAML budget (nothing in such a file is
/// worth reading further).
pub fn is_budget_message(message: &str) -> bool {
    message.starts_with(TOO_LARGE)
}

/// `Events { events: 200001 }` and the like, in words: which limit, and how to raise it.
fn budget_message(breach: &str, budget: &Budget) -> String {
    let what = breach.split([' ', '{']).next().unwrap_or(breach);
    let (limit, one, many, var) = match what {
        "Events" | "Nodes" => (budget.nodes, "YAML node", "YAML nodes", NODES_VAR),
        "Aliases" => (budget.aliases, "alias", "aliases", ALIASES_VAR),
        "Anchors" => (budget.aliases, "anchor", "anchors", ALIASES_VAR),
        "Depth" => (
            budget.depth,
            "nested list or map",
            "nested lists or maps",
            DEPTH_VAR,
        ),
        _ => return format!("{TOO_LARGE} ({what})"),
    };
    format!(
        "{TOO_LARGE}: more than {} {} (raise it with {var}=N)",
        crate::text::thousands(limit),
        crate::text::plural(limit, one, many)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn keys_are_placed_down_to_a_depth_in_yaml_and_json() {
        let said = |text: &str| -> Vec<String> {
            key_places(text, 1, 2)
                .iter()
                .map(|p| {
                    format!(
                        "{} {}:{} {}:{}",
                        p.path.join("."),
                        p.key.0,
                        p.key.1,
                        p.value.0,
                        p.value.1
                    )
                })
                .collect()
        };
        assert_eq!(
            said(
                "title: x\nlabels: [a, {b: c}]\nfields:\n  a b: 1\n  c:\n    d: 2\n  ? [k]\n  : v\n  e: &x 1\n  f: *x\n"
            ),
            [
                "title 1:1 1:8",
                "labels 2:1 2:9",
                "fields 3:1 4:3",
                "fields.a b 4:3 4:8",
                "fields.c 5:3 6:5",
                "fields.e 9:3 9:9",
                "fields.f 10:3 10:6",
            ]
        );
        assert_eq!(
            said("{\"title\":\"x\",\n \"fields\": {\"n\": [1, 2],\n   \"p\":{\"q\": 1}}}"),
            [
                "title 1:2 1:10",
                "fields 2:2 2:12",
                "fields.n 2:13 2:18",
                "fields.p 3:4 3:8",
            ]
        );
        // A file that stops reading gives what came before.
        assert_eq!(said("a: 1\nb: [\nc"), ["a 1:1 1:4", "b 2:1 2:4"]);
    }

    #[test]
    fn the_libraries_words_for_a_wrong_kind_of_value_become_ours() {
        let budget = super::Budget::default();
        for (theirs, ours) in [
            (
                "expected string scalar",
                "expected text here, not a list or a mapping",
            ),
            ("expected mapping start", "expected a mapping here"),
            (
                "invalid boolean (strict mode expects true/false)",
                "expected true or false here",
            ),
            (
                "invalid type: sequence, expected a string",
                "expected text here, not a list",
            ),
            ("consumed event", "consumed event"),
        ] {
            assert_eq!(super::plain_message(theirs, &budget), ours);
        }
    }

    #[test]
    fn the_node_budget_is_counted_in_one_pass_and_placed() {
        // Stream start, document start, the map, `a`, then the list is the fifth event.
        assert_eq!(super::past_node_budget("a: [x, y, z]\n", 4), Some((1, 4)));
        assert_eq!(super::past_node_budget("a: [x, y, z]\n", 100), None);
        assert_eq!(
            super::past_node_budget("a:\n  - x\n  - y\n", 6),
            Some((3, 5))
        );
        // What the parser cannot read is left to the full read.
        assert_eq!(super::past_node_budget("a: [x\n", 100), None);
    }

    use super::*;
    use std::fmt::Write as _;

    #[test]
    fn error_is_located_in_the_file() {
        let err = from_str::<serde_json::Value>("name: [open\nabout: x\n", "t.md", 2).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.md:3:6: the `[` on line 2, column 7 is never closed (a `]` is missing before here)"
        );
    }

    /// A bracket left open is named where it is; one closed on a later line reads, and
    /// a syntax error inside an open bracket that is closed keeps the parser's words.
    #[test]
    fn an_unclosed_bracket_is_named_at_its_place() {
        let err = |text: &str| {
            from_str::<serde_json::Value>(text, "b4.yml", 1)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            err("name: N\ndescription: {a: b\nbody: []\n"),
            "b4.yml:3:5: the `{` on line 2, column 14 is never closed (a `}` is missing before here)"
        );
        // Where the parser already names the bracket, at its place, its words stay.
        assert_eq!(
            err("a:\n  - [x, y\n  - z\n"),
            "b4.yml:2:5: unclosed bracket '['"
        );
        assert!(from_str::<serde_json::Value>("a: [x,\n  y]\nb: 1\n", "f.yml", 1).is_ok());
        assert_eq!(err("a: [x,\n  y] ]\n"), "b4.yml:2:6: misplaced bracket");
    }

    #[test]
    fn a_second_document_is_named_in_words() {
        let err = from_str::<serde_json::Value>("a: 1\n---\nb: 2\n", "f.yml", 0).unwrap_err();
        assert_eq!(
            err.to_string(),
            "f.yml:2:1: a second YAML document starts here (a `---` line): the file must hold one"
        );
    }

    #[test]
    fn duplicate_keys_are_refused_where_asked() {
        let err = from_str_unique::<serde_json::Value>(
            "a: 1\nb:\n  c: 1\n  c: 2\n",
            "x",
            1,
            &Budget::default(),
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "x:4:3: `c` is given twice");
    }

    #[test]
    fn long_numbers_and_budget_breaches_read_well() {
        let long = "9".repeat(5000);
        let err = from_str::<serde_json::Value>(&format!("a: {long}\n"), "x", 1).unwrap_err();
        assert_eq!(
            err.message,
            format!(
                "the number `{}… (4960 more characters)` is too large",
                &long[..40]
            )
        );
        let bomb = format!("a: [{}]\n", "[1],".repeat(100_000));
        let err = from_str::<serde_json::Value>(&bomb, "x", 1).unwrap_err();
        assert_eq!(
            err.message,
            "the YAML is larger or more deeply nested than allowed: more than 200,000 YAML nodes \
             (raise it with ISSUE_COMPOSER_MAX_YAML_NODES=N)"
        );
        let budget = Budget {
            nodes: 10,
            ..Budget::default()
        };
        let err = from_str_within::<serde_json::Value>("a: [1, 2, 3, 4, 5, 6]\n", "x", 1, &budget)
            .unwrap_err();
        assert_eq!(
            err.message,
            "the YAML is larger or more deeply nested than allowed: more than 10 YAML nodes \
             (raise it with ISSUE_COMPOSER_MAX_YAML_NODES=N)"
        );
        let deep = format!("a: {}1{}\n", "[".repeat(70), "]".repeat(70));
        let err = from_str::<serde_json::Value>(&deep, "x", 1).unwrap_err();
        assert_eq!(
            err.message,
            "the YAML is larger or more deeply nested than allowed: more than 64 nested lists \
             or maps (raise it with ISSUE_COMPOSER_MAX_YAML_DEPTH=N)"
        );
        let anchors = (0..1001).fold(String::new(), |mut s, i| {
            let _ = writeln!(s, "k{i}: &a{i} 1");
            s
        });
        let err = from_str::<serde_json::Value>(&anchors, "x", 1).unwrap_err();
        assert_eq!(
            err.message,
            "the YAML is larger or more deeply nested than allowed: more than 1,000 anchors \
             (raise it with ISSUE_COMPOSER_MAX_YAML_ALIASES=N)"
        );
        // A limit of one reads as one.
        let one = |nodes, depth, aliases| Budget {
            nodes,
            aliases,
            depth,
        };
        let said = |budget: &Budget, breach| budget_message(breach, budget);
        assert_eq!(
            said(&one(1, 1, 1), "Events { events: 2 }"),
            "the YAML is larger or more deeply nested than allowed: more than 1 YAML node \
             (raise it with ISSUE_COMPOSER_MAX_YAML_NODES=N)"
        );
        for (budget, breach, words) in [
            (one(1, 1, 1), "Depth", "1 nested list or map"),
            (one(1, 2, 1), "Depth", "2 nested lists or maps"),
            (one(1, 1, 1), "Aliases", "1 alias"),
            (one(1, 1, 2), "Aliases", "2 aliases"),
            (one(1, 1, 1), "Anchors", "1 anchor"),
            (one(1, 1, 2), "Anchors", "2 anchors"),
            (one(2, 1, 1), "Nodes", "2 YAML nodes"),
        ] {
            let message = said(&budget, breach);
            assert!(
                message.contains(&format!(": more than {words} (raise it with")),
                "{message}"
            );
        }
    }

    #[test]
    fn duplicate_keys_keep_the_last() {
        let v: serde_json::Value = from_str("a: 1\na: 2\n", "x", 1).unwrap();
        assert_eq!(v["a"], 2);
    }
}
