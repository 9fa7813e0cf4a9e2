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
//! `NAME.profile.json`. The findings are compared as ordered lists: the test
//! fails on any missed, unexpected, repeated or reordered finding.
//! To write a new fixture, run with `BLESS=1` to create the sidecar (that
//! run writes every sidecar and then fails, so it is never green), read
//! every line of it, then run again without `BLESS`.

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
                cut(f.start.0, f.end.0)
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
    let mut blessed = Vec::new();
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
            // The sidecar's leading comment lines stay.
            let old = fs::read_to_string(&sidecar).unwrap_or_default();
            let comments = old.lines().take_while(|l| l.starts_with('#'));
            let lines: Vec<&str> = comments.chain(actual.iter().map(String::as_str)).collect();
            fs::write(&sidecar, lines.join("\n") + "\n").expect("write sidecar");
            blessed.push(sidecar.display().to_string());
            continue;
        }
        let want = expected(&sidecar);
        if let Some(diff) = first_difference(&want, &actual) {
            failures.push(format!("{}:\n{diff}", txt.display()));
        }
    }
    // A blessing run is never green: the written files must be read before
    // they are committed, and the run that proves them is the next one.
    assert!(
        !bless,
        "BLESS set: wrote {} sidecars ({}); read `git diff tests/fixtures`, then run again without BLESS",
        blessed.len(),
        blessed.join(", ")
    );
    assert!(
        failures.is_empty(),
        "fixture mismatches (expected vs actual, in order):\n{}",
        failures.join("\n")
    );
}

/// Where two ordered lists of finding lines first part, with the lines
/// each has from there on (the rest as a count), or `None` when equal.
fn first_difference(want: &[String], actual: &[String]) -> Option<String> {
    if want == actual {
        return None;
    }
    let same = want.iter().zip(actual).take_while(|(w, a)| w == a).count();
    let show = |lines: &[String]| {
        let mut shown: Vec<String> = lines.iter().take(8).map(|l| format!("    {l}")).collect();
        if lines.len() > 8 {
            shown.push(format!("    … and {} more", lines.len() - 8));
        }
        shown.join("\n")
    };
    Some(format!(
        "  first difference at finding {} (of {} expected, {} actual)\n  expected from there:\n{}\n  actual from there:\n{}",
        same + 1,
        want.len(),
        actual.len(),
        show(&want[same..]),
        show(&actual[same..]),
    ))
}

#[test]
fn first_difference_sees_order() {
    let lines = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let a = lines(&["1:1 error x «a»", "2:1 info y «b»"]);
    let b = lines(&["2:1 info y «b»", "1:1 error x «a»"]);
    assert_eq!(first_difference(&a, &a), None);
    // The same findings in another order differ.
    let diff = first_difference(&a, &b).expect("order matters");
    assert!(diff.contains("first difference at finding 1"), "{diff}");
    // A finding that appears twice is not matched by one.
    let twice = lines(&["1:1 error x «a»", "1:1 error x «a»"]);
    let once = lines(&["1:1 error x «a»"]);
    assert!(first_difference(&twice, &once).is_some());
    assert!(first_difference(&once, &[]).is_some());
}
