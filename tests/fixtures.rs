//! Fixture reports annotated with exactly the findings they must produce.
//!
//! Each `tests/fixtures/NAME.txt` has a sidecar `NAME.expected`, one finding
//! a line, in the order and form the checker reports them:
//!
//! ```text
//! LINE:COLUMN SEVERITY RULE «text of the span» → «suggestion»
//! ```
//!
//! (LINE and COLUMN 1-based, COLUMN in UTF-16 units as in the browser; the
//! arrow part only when there is a suggestion; a grouped finding ends in
//! `×N`; lines starting with `#` are comments). A profile can be given in
//! `NAME.profile.json`. The test fails on any missed or unexpected finding.
//! To write a new fixture, run with `BLESS=1` to create the sidecar, then
//! read every line of it before committing.

use std::fs;
use std::path::{Path, PathBuf};

use report_check::output::js_report;
use report_check::{check, Profile};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The findings for `text`, one line each, in the sidecar's form.
fn render(text: &str, profile: &Profile) -> Vec<String> {
    let report = check(text, profile);
    let view = js_report(text, &report);
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let cut = |start: usize, end: usize| String::from_utf16_lossy(&utf16[start..end]);
    view.findings
        .iter()
        .map(|f| {
            let mut line = format!(
                "{}:{} {} {} «{}»",
                f.line,
                f.column,
                f.severity,
                f.rule,
                cut(f.start, f.end)
            );
            if let Some(s) = f.suggestion {
                line += &format!(" → «{s}»");
            }
            if !f.occurrences.is_empty() {
                line += &format!(" ×{}", f.occurrences.len());
            }
            line
        })
        .collect()
}

fn expected(path: &Path) -> Vec<String> {
    fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

#[test]
fn every_fixture_produces_exactly_its_findings() {
    let mut fixtures: Vec<PathBuf> = fs::read_dir(fixtures_dir())
        .expect("tests/fixtures exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    fixtures.sort();
    assert!(!fixtures.is_empty(), "no fixtures in tests/fixtures");

    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for txt in &fixtures {
        let text = fs::read_to_string(txt).expect("fixture is UTF-8");
        let profile_path = txt.with_extension("profile.json");
        let profile = match fs::read_to_string(&profile_path) {
            Ok(json) => Profile::from_json(&json).expect("fixture profile is valid"),
            Err(_) => Profile::default(),
        };
        let actual = render(&text, &profile);
        let sidecar = txt.with_extension("expected");
        if bless {
            fs::write(&sidecar, actual.join("\n") + "\n").expect("write sidecar");
            continue;
        }
        let want = expected(&sidecar);
        let missed: Vec<_> = want.iter().filter(|w| !actual.contains(w)).collect();
        let unexpected: Vec<_> = actual.iter().filter(|a| !want.contains(a)).collect();
        if !missed.is_empty() || !unexpected.is_empty() || want.len() != actual.len() {
            failures.push(format!(
                "{}:\n  missed:\n    {}\n  unexpected:\n    {}",
                txt.display(),
                missed
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("\n    "),
                unexpected
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("\n    "),
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "fixture mismatches:\n{}",
        failures.join("\n")
    );
}
