//! The rules' documentation: `report-check --explain RULE` prints a rule's
//! doc comment, and docs/rules.md is generated from them all.

use std::process::Command;

use report_check::rules;

const REGENERATE: &str = "cargo run -q -- --rules-md > docs/rules.md";

/// docs/rules.md is what the code generates now.
#[test]
fn rules_md_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    let generated = rules::markdown();
    if on_disk != generated {
        let line = on_disk
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| on_disk.lines().count().min(generated.lines().count()));
        panic!(
            "docs/rules.md is stale (first difference at line {}); regenerate it with\n    {REGENERATE}",
            line + 1
        );
    }
    for rule in rules::registry() {
        assert!(generated.contains(&format!("\n## {}\n", rule.meta().id)));
    }
}

fn explain(id: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_report-check"))
        .args(["--explain", id])
        .output()
        .expect("runs")
}

#[test]
fn explain_prints_the_doc_comment() {
    let o = explain("format/fullwidth-digit");
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout).expect("UTF-8");
    assert!(out.starts_with("format/fullwidth-digit\n"), "{out}");
    // The category's Chinese label, the one-line description, then the doc.
    assert!(out.contains("类别：数据"), "{out}");
    for heading in rules::DOC_HEADINGS {
        assert!(out.contains(heading), "{heading}: {out}");
    }
    assert!(out.contains("GB/T 15835"), "{out}");
}

#[test]
fn explain_an_unknown_rule_says_so() {
    let o = explain("format/no-such-rule");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).expect("UTF-8");
    assert!(err.contains("没有规则“format/no-such-rule”"), "{err}");
    assert!(o.stdout.is_empty());
}
