//! The checker on the real sample reports in `../shared/domain/samples`
//! (next to the repository; CI has it). When the folder is absent these
//! tests say so on stderr and check nothing else; under CI they fail.

mod common;

use common::{sample, samples_dir};

use std::fs;

use report_check::output::js_report;
use report_check::{check, Profile, Report};

/// (rule, span text, suggestion) of every finding.
fn found(text: &str) -> Vec<(&'static str, String, Option<String>)> {
    check(text, &Profile::default())
        .findings
        .into_iter()
        .map(|f| {
            (
                f.rule,
                text[f.span.start..f.span.end].to_string(),
                f.suggestion.map(|s| s.into_owned()),
            )
        })
        .collect()
}

fn has(
    found: &[(&str, String, Option<String>)],
    rule: &str,
    span: &str,
    fix: Option<&str>,
) -> bool {
    found
        .iter()
        .any(|(r, s, f)| *r == rule && s == span && f.as_deref() == fix)
}

#[test]
fn sample_002_document_numbers() {
    let Some(text) = sample("002") else { return };
    let f = found(&text);
    assert!(
        has(&f, "format/docnum", "20216号", Some("〔2021〕6号")),
        "{f:?}"
    );
    assert!(
        has(&f, "format/docnum", "[2020]25号", Some("〔2020〕25号")),
        "{f:?}"
    );
}

#[test]
fn sample_003_document_numbers_and_lost_bracket() {
    let Some(text) = sample("003") else { return };
    let f = found(&text);
    assert!(
        has(&f, "format/docnum", "[2021]10号", Some("〔2021〕10号")),
        "{f:?}"
    );
    assert!(
        has(&f, "format/docnum", "2020〕15号", Some("〔2020〕15号")),
        "{f:?}"
    );
    // `)健全教育保障机制(权重26.2分,自评25.3`: the heading lost its `(三`.
    assert!(
        f.iter()
            .any(|(r, s, _)| *r == "format/unbalanced-pair" && s == ")"),
        "{f:?}"
    );
    // Correct numbers in the same report are left alone.
    assert!(f
        .iter()
        .all(|(r, s, _)| *r != "format/docnum" || !s.contains("〔2021〕8号")));
}

#[test]
fn sample_000_placeholders_quotes_and_numbers() {
    let Some(text) = sample("000") else { return };
    let f = found(&text);
    assert!(
        has(&f, "format/docnum", "﹝2020﹞7号", Some("〔2020〕7号")),
        "新政教督﹝2020﹞7号"
    );
    assert!(
        has(&f, "format/docnum", "[2020]30号", Some("〔2020〕30号")),
        "浙政教督办函[2020]30号"
    );
    assert!(
        has(&f, "format/docnum", "〔2018〕号", None),
        "办发〔2018〕号"
    );
    assert!(
        has(&f, "format/unbalanced-pair", "“", Some("”")),
        "“四大考验““四大危险“"
    );
    assert!(has(&f, "figures/placeholder", "20xx", None));
    assert!(has(&f, "figures/placeholder", "***", None));
    assert!(has(&f, "figures/placeholder", "__", None));
    // Correct document numbers listed in FALSE-POSITIVES.md §11 are never flagged.
    let report = check(&text, &Profile::default());
    for ok in [
        "凉教督委〔2021〕28号",
        "东宣发〔2018〕26号",
        "德教人〔2021〕33号",
        "湘发〔2020〕25号",
    ] {
        let at = text.find(ok).expect("present in the sample");
        assert!(
            report.findings.iter().all(|x| x.rule != "format/docnum"
                || x.span.end <= at
                || x.span.start >= at + ok.len()),
            "{ok} flagged"
        );
    }
}

#[test]
fn sample_004_half_width_marks_are_one_grouped_finding() {
    let Some(text) = sample("004") else { return };
    let report = check(&text, &Profile::default());
    let punct: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == "format/half-width-punct")
        .collect();
    assert_eq!(punct.len(), 1, "one grouped finding, not hundreds");
    assert!(
        punct[0].occurrences.len() > 300,
        "{}",
        punct[0].occurrences.len()
    );
    // `720元/生?年` is a lost `·`, not a question mark to widen.
    let q = text.find("生?年").expect("present") + "生".len();
    assert!(punct[0].occurrences.iter().all(|o| o.span.start != q));
}

/// Every sample: spans are valid, sorted and deterministic, and the UTF-16
/// spans of the boundary view cut out exactly the text each finding names.
#[test]
fn all_samples_spans_are_sound() {
    let dir = samples_dir();
    let Ok(entries) = fs::read_dir(&dir) else {
        common::absent(&dir, "span soundness");
        return;
    };
    let mut n = 0;
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let text = fs::read_to_string(&path).expect("UTF-8");
        let report: Report = check(&text, &Profile::default());
        assert_eq!(report, check(&text, &Profile::default()), "deterministic");
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let view = js_report(&text, &report);
        let mut last = 0;
        for (f, v) in report.findings.iter().zip(&view.findings) {
            assert!(f.span.start >= last, "sorted");
            last = f.span.start;
            let bytes = &text[f.span.start..f.span.end];
            let units = String::from_utf16(&utf16[v.start.0..v.end.0]).expect("UTF-16 boundaries");
            assert_eq!(bytes, units, "{}: {}", path.display(), f.rule);
            if matches!(f.rule, "figures/placeholder" | "format/docnum") {
                assert!(
                    f.message.contains(&units),
                    "message names “{units}”: {}",
                    f.message
                );
            }
        }
        n += 1;
    }
    assert!(n >= 5, "expected the five samples, found {n}");
}
