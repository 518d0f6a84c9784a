use super::*;

#[test]
fn kinds_and_empty_strings_are_written_as_serde_json_writes_them() {
    let kinds = [
        FieldKind::Text,
        FieldKind::TextArea,
        FieldKind::Code {
            language: String::new(),
        },
        FieldKind::Choice {
            options: Vec::new(),
            custom: None,
        },
        FieldKind::MultiChoice {
            options: Vec::new(),
        },
        FieldKind::Checkboxes {
            options: Vec::new(),
        },
        FieldKind::table(Vec::<String>::new(), Vec::<String>::new(), Vec::new()),
        FieldKind::List,
    ];
    for kind in &kinds {
        let serde = serde_json::to_string(kind.name()).unwrap();
        assert_eq!(quoted_name(kind), serde.as_bytes(), "{}", kind.name());
        let keyed = [field_key!("kind"), quoted_name(kind), field_key!("label")].concat();
        assert_eq!(quoted_kind(kind), keyed, "{}", kind.name());
    }
    let mut w = Pretty::default();
    w.string("");
    assert_eq!(w.buf, serde_json::to_string("").unwrap().as_bytes());
}

#[test]
fn numbers_and_deep_nesting_are_written_as_serde_json_writes_them() {
    let numbers = [0, 7, 10, 99, 100, 255];
    let mut w = Pretty::default();
    for (i, &n) in numbers.iter().enumerate() {
        w.item(i == 0, b'[', 0);
        w.number(n);
    }
    w.close(false, b'[', 0);
    assert_eq!(
        String::from_utf8(w.buf).unwrap(),
        serde_json::to_string_pretty(&numbers).unwrap()
    );
    let deep = (0..20).fold(serde_json::json!("x"), |v, _| serde_json::json!([v]));
    let mut w = Pretty::default();
    w.json(&deep, 0);
    assert_eq!(
        String::from_utf8(w.buf).unwrap(),
        serde_json::to_string_pretty(&deep).unwrap()
    );
}

#[test]
fn empty_and_nested_containers_are_laid_out_as_serde_json_does() {
    let tree = serde_json::json!({"a": [], "b": {}, "c": [1, {"d": null, "e\n": true}]});
    let mut w = Pretty::default();
    w.json(&tree, 0);
    assert_eq!(
        String::from_utf8(w.buf).unwrap(),
        serde_json::to_string_pretty(&tree).unwrap()
    );
}

/// The cells as the writer writes them, and as `cells_json`'s map is written.
fn cells_both_ways(columns: &[&str], rows: &[&str], cells: &[&[&str]]) -> (String, String) {
    let table = crate::form::TableKind::new(columns, rows, Vec::new());
    let cells: Vec<Vec<String>> = cells
        .iter()
        .map(|row| row.iter().map(ToString::to_string).collect())
        .collect();
    let rows_of = || cells.iter().map(Vec::as_slice);
    let mut direct = Pretty::default();
    direct.cells(table.columns(), table.rows(), rows_of());
    let mut mapped = Pretty::default();
    let map = super::super::cells_json(table.columns(), table.rows(), rows_of());
    mapped.json(&map, FIELD);
    let text = |w: Pretty| String::from_utf8(w.buf).unwrap();
    (text(direct), text(mapped))
}

/// A table's columns, rows and cells, as string slices.
type TableText<'a> = (&'a [&'a str], &'a [&'a str], &'a [&'a [&'a str]]);

#[test]
fn table_cells_are_written_as_their_map_is_whatever_the_labels() {
    let tables: &[TableText] = &[
        (&["", "a", "b"], &["x", "y"], &[&["", ""], &["", ""]]),
        (&["", "a", "b"], &["x", "y"], &[&["1", ""], &["", "2\n\""]]),
        // Rows and columns beyond their labels, labels repeated (the map keeps the
        // first place and the last cells), a row with no cells between repeats.
        (&["", "a"], &["x"], &[&["1", "2"], &["3", ""], &["", "4"]]),
        (&["", "a", "a"], &["x", "x"], &[&["1", "2"], &["3", ""]]),
        (
            &["", "a", "b"],
            &["x", "y", "x"],
            &[&["1", ""], &["", ""], &["", "5"]],
        ),
        (
            &["", "a", "b"],
            &["x", "y", "x"],
            &[&["1", ""], &["2", ""], &["", ""]],
        ),
        (&[], &[], &[&["1"]]),
        (&[], &[], &[]),
    ];
    for (columns, rows, cells) in tables {
        let (direct, mapped) = cells_both_ways(columns, rows, cells);
        assert_eq!(direct, mapped, "{columns:?} {rows:?} {cells:?}");
    }
    let (direct, _) = cells_both_ways(&["", "a"], &["x", "y"], &[&["1"], &["2"]]);
    assert_eq!(
        direct,
        "{\n            \"x\": {\n              \"a\": \"1\"\n            },\n            \
         \"y\": {\n              \"a\": \"2\"\n            }\n          }"
    );
}
