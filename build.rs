//! Collects each rule's documentation, the `//!` comment at the top of its
//! file under `src/rules/<concern>/`, into `$OUT_DIR/rule_docs.rs`: one
//! `(id, doc)` for every rule id (`id: "concern/name"`) the file declares.
//! `rules::doc` reads it: `report-check --explain RULE` and docs/rules.md
//! print the same text rustdoc shows for the rule's module.

use std::fs;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=src/rules");
    let mut entries = Vec::new();
    for concern in sorted(Path::new("src/rules")).filter(|p| p.is_dir()) {
        let name = concern.file_name().and_then(|n| n.to_str()).unwrap_or("");
        for file in sorted(&concern).filter(|p| p.extension().is_some_and(|x| x == "rs")) {
            let text = fs::read_to_string(&file).expect("rule file is UTF-8");
            let doc: Vec<&str> = text
                .lines()
                .map_while(|l| l.strip_prefix("//!"))
                .map(|l| l.strip_prefix(' ').unwrap_or(l))
                .collect();
            let doc = doc.join("\n").trim().to_string();
            for id in ids(&text, name) {
                entries.push(format!("    ({id:?}, {doc:?}),\n"));
            }
        }
    }
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("rule_docs.rs");
    let table = format!("&[\n{}]\n", entries.concat());
    fs::write(out, table).expect("write rule_docs.rs");
}

/// The entries of `dir`, sorted by name.
fn sorted(dir: &Path) -> impl Iterator<Item = std::path::PathBuf> {
    let mut paths: Vec<_> = fs::read_dir(dir)
        .expect("src/rules is readable")
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    paths.into_iter()
}

/// The rule ids a file declares: `id: "concern/…"` at the start of a line.
fn ids<'t>(text: &'t str, concern: &'t str) -> impl Iterator<Item = &'t str> + 't {
    text.lines().filter_map(move |l| {
        let id = l.trim_start().strip_prefix("id: \"")?.split('"').next()?;
        id.strip_prefix(concern)?.starts_with('/').then_some(id)
    })
}
