//! Architecture invariants, checked (native `cargo test`): `domain/` ← `store/` ← `ui/`, arrows
//! one way. `domain/` imports no browser, async runtime, UI or store code, and has no async;
//! `store/` imports no UI code.

use std::path::{Path, PathBuf};

/// What a layer must not name, with why.
struct Rule {
    layer: &'static str,
    forbidden: &'static [&'static str],
}

const RULES: &[Rule] = &[
    Rule {
        layer: "src/domain",
        forbidden: &[
            "web_sys",
            "js_sys",
            "wasm_bindgen",
            "leptos",
            "gloo",
            "indexed_db_futures",
            "crate::store",
            "crate::ui",
            "super::super::store",
            "super::super::ui",
            "async ",
            ".await",
        ],
    },
    Rule {
        layer: "src/store",
        forbidden: &["leptos", "crate::ui", "super::super::ui"],
    },
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without its comments (a comment may name what the code must not use).
fn code_of(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every (file, line, forbidden name) found in `layer`'s sources.
fn breaches(root: &Path, rule: &Rule) -> Vec<String> {
    let mut files = vec![];
    rust_files(&root.join(rule.layer), &mut files);
    assert!(!files.is_empty(), "{} has no sources", rule.layer);
    let mut out = vec![];
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        out.extend(
            breaches_in(&code_of(&text), rule)
                .into_iter()
                .map(|(n, name)| {
                    format!(
                        "{}:{n} names {name}",
                        f.strip_prefix(root).unwrap().display()
                    )
                }),
        );
    }
    out
}

fn breaches_in(code: &str, rule: &Rule) -> Vec<(usize, &'static str)> {
    let mut out = vec![];
    for (i, line) in code.lines().enumerate() {
        for name in rule.forbidden {
            if line.contains(name) {
                out.push((i + 1, *name));
            }
        }
    }
    out
}

#[test]
fn layers_point_one_way() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found: Vec<String> = RULES.iter().flat_map(|r| breaches(root, r)).collect();
    assert!(
        found.is_empty(),
        "layer invariants broken:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_finds_what_it_looks_for() {
    let domain = &RULES[0];
    let bad = "use crate::ui::session;\nfn f() {} // web_sys in a comment is fine\nasync fn g() {}";
    let found = breaches_in(&code_of(bad), domain);
    assert_eq!(found, vec![(1, "crate::ui"), (3, "async ")]);
    assert!(breaches_in(&code_of("use leptos::prelude::*;"), &RULES[1]).len() == 1);
}
