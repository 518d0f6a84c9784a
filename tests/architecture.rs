//! The code map in ARCHITECTURE.md is the law: every top-level module is listed, imports
//! only what its row allows, and no two modules import each other.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `module -> allowed imports`, from the code map table.
fn code_map() -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let tick = |cell: &str| -> Vec<String> {
        cell.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    };
    text.lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.split(" | ").collect();
            let module = tick(cells[0]).remove(0);
            let allowed = tick(cells.last().unwrap()).into_iter().collect();
            (module, allowed)
        })
        .collect()
}

/// Every `.rs` file of a top-level module: `src/m.rs` and everything under `src/m/`.
fn files_of(module: &str) -> Vec<std::path::PathBuf> {
    let mut out = vec![root().join(format!("src/{module}.rs"))];
    let mut dirs = vec![root().join(format!("src/{module}"))];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out
}

/// The crate modules a top-level module imports (`crate::x` and `use crate::{x, y}`).
fn imports_of(module: &str, all: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for file in files_of(module) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (at, _) in text.match_indices("crate::") {
            let rest = &text[at + 7..];
            let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                group[..end].split(',').map(str::trim).collect()
            } else {
                vec![rest]
            };
            for name in names {
                let name: String = name
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if all.contains(&name) && name != module {
                    found.insert(name);
                }
            }
        }
    }
    found
}

#[test]
fn every_module_imports_only_what_the_code_map_allows() {
    let map = code_map();
    let listed: BTreeSet<String> = map.keys().cloned().collect();
    let on_disk: BTreeSet<String> = std::fs::read_dir(root().join("src"))
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            let stem = path.file_stem()?.to_str()?.to_owned();
            (path.extension().is_some_and(|x| x == "rs") && stem != "lib" && stem != "main")
                .then_some(stem)
        })
        .collect();
    assert_eq!(
        listed, on_disk,
        "ARCHITECTURE.md's code map lists exactly the modules"
    );
    let mut wrong = Vec::new();
    for (module, allowed) in &map {
        for import in imports_of(module, &listed) {
            if !allowed.contains(&import) {
                wrong.push(format!("{module} imports {import}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports the code map does not allow: {wrong:?}"
    );
}

/// A cycle through `m`, walking the import graph depth first.
fn visit<'a>(
    m: &'a String,
    imports: &'a BTreeMap<&'a String, BTreeSet<String>>,
    path: &mut Vec<&'a String>,
    done: &mut BTreeSet<&'a String>,
) -> Option<Vec<String>> {
    if let Some(i) = path.iter().position(|p| *p == m) {
        return Some(path[i..].iter().map(|s| (*s).clone()).collect());
    }
    if done.contains(m) {
        return None;
    }
    path.push(m);
    for next in &imports[m] {
        let key = imports.keys().find(|k| **k == next).unwrap();
        if let Some(cycle) = visit(key, imports, path, done) {
            return Some(cycle);
        }
    }
    path.pop();
    done.insert(m);
    None
}

#[test]
fn no_two_modules_import_each_other() {
    let map = code_map();
    let listed: BTreeSet<String> = map.keys().cloned().collect();
    let imports: BTreeMap<&String, BTreeSet<String>> =
        map.keys().map(|m| (m, imports_of(m, &listed))).collect();
    // Any cycle, not only pairs.
    let mut done = BTreeSet::new();
    for m in imports.keys() {
        let cycle = visit(m, &imports, &mut Vec::new(), &mut done);
        assert!(cycle.is_none(), "import cycle: {cycle:?}");
    }
}
