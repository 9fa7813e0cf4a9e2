//! Structure findings on the real samples in `../shared/domain/samples`
//! (SPEC.md §a): every on-topic report's missing 存在问题 / 下一步 / 落款 is
//! reported, off-topic texts get one info finding, correct heading sequences
//! are not flagged. When the folder is absent these tests say so and check
//! nothing else (under CI they fail).

mod common;

use report_check::output::js_report;
use report_check::{check, Profile, Severity};

/// (rule, severity, 1-based line, message) of every finding.
type Found = Vec<(&'static str, Severity, usize, String)>;

fn sample(prefix: &str) -> Option<(String, Found)> {
    let text = common::sample(prefix)?;
    let report = check(&text, &Profile::default());
    let view = js_report(&text, &report);
    let found = report
        .findings
        .iter()
        .zip(&view.findings)
        .map(|(f, v)| (f.rule, f.severity, v.line, f.message.clone()))
        .collect();
    Some((text, found))
}

/// Line ranges `[start, end]` (1-based) of the 17 reports in sample 000.
fn pieces(text: &str) -> Vec<(usize, usize)> {
    let starts: Vec<usize> = text
        .split('\n')
        .enumerate()
        .filter(|(_, l)| l.trim_end().starts_with("学校履行教育职责自查报告篇"))
        .map(|(i, _)| i + 1)
        .collect();
    let total = text.split('\n').count();
    starts
        .iter()
        .enumerate()
        .map(|(k, &s)| (s, starts.get(k + 1).map_or(total, |n| n - 1)))
        .collect()
}

fn sections_in(found: &Found, (lo, hi): (usize, usize)) -> Vec<&String> {
    found
        .iter()
        .filter(|f| f.0 == "structure/sections" && (lo..=hi).contains(&f.2))
        .map(|f| &f.3)
        .collect()
}

fn reported(found: &Found, range: (usize, usize), section: &str) -> bool {
    sections_in(found, range)
        .iter()
        .any(|m| m.contains(section))
}

#[test]
fn sample_000_each_report_missing_sections_reported() {
    let Some((text, found)) = sample("000") else {
        return;
    };
    let pieces = pieces(&text);
    assert_eq!(pieces.len(), 17, "17 reports in the compilation");
    // SPEC §a.1: on-topic reports without a 存在问题 / 下一步 heading (篇一 二 五 六
    // 十 十一 十三 十四), and without a 落款 (all on-topic ones).
    let on_topic_without_headings = [1, 2, 5, 6, 10, 11, 13, 14];
    for n in on_topic_without_headings {
        let range = pieces[n - 1];
        for section in ["存在问题", "下一步", "落款"] {
            assert!(
                reported(&found, range, section),
                "篇{n}: {section} not reported: {:?}",
                sections_in(&found, range)
            );
        }
    }
    // 篇十五 has `(一)存在问题。` and `(二)改进措施。`: only its 落款 is missing.
    let p15 = sections_in(&found, pieces[14]);
    assert!(p15.iter().any(|m| m.contains("落款")), "{p15:?}");
    assert!(
        !p15.iter()
            .any(|m| m.contains("存在问题") || m.contains("下一步")),
        "{p15:?}"
    );
    // Off-topic texts (篇四 八 九 十二 十六 十七) and fragments (篇三 七): one info
    // finding each (structure/sections says it is not this type), and no missing section.
    for n in [3, 4, 7, 8, 9, 12, 16, 17] {
        let range = pieces[n - 1];
        let structure: Vec<_> = found
            .iter()
            .filter(|f| f.0 == "structure/sections" && (range.0..=range.1).contains(&f.2))
            .collect();
        assert_eq!(structure.len(), 1, "篇{n}: {structure:?}");
        assert_eq!(structure[0].1, Severity::Info, "篇{n}");
    }
}

#[test]
fn samples_001_to_004_missing_sections_reported() {
    let whole = (1, usize::MAX);
    if let Some((_, found)) = sample("001") {
        assert!(reported(&found, whole, "存在问题"));
        assert!(reported(&found, whole, "落款"));
        // It has `三、20xx年工作思路`.
        assert!(!reported(&found, whole, "下一步"));
    }
    for prefix in ["002", "003"] {
        if let Some((_, found)) = sample(prefix) {
            let msgs = sections_in(&found, whole);
            assert!(
                msgs.iter().any(|m| m.contains("落款")),
                "{prefix}: {msgs:?}"
            );
            assert!(
                !msgs
                    .iter()
                    .any(|m| m.contains("存在问题") || m.contains("下一步")),
                "{prefix}: {msgs:?}"
            );
        }
    }
    if let Some((_, found)) = sample("004") {
        // The only complete report: nothing missing but its title.
        let msgs = sections_in(&found, whole);
        assert!(msgs.iter().all(|m| m.contains("标题")), "{msgs:?}");
    }
}

#[test]
fn correct_heading_sequences_are_not_flagged() {
    for prefix in ["002", "004"] {
        if let Some((_, found)) = sample(prefix) {
            let numbering: Vec<_> = found
                .iter()
                .filter(|f| {
                    f.0.starts_with("structure/numbering") || f.0 == "structure/heading-marker"
                })
                .collect();
            assert!(numbering.is_empty(), "{prefix}: {numbering:?}");
        }
    }
    if let Some((_, found)) = sample("003") {
        // Items 1.–54. run on through (一)–(六); only the lost `(三` is reported.
        let numbering: Vec<_> = found
            .iter()
            .filter(|f| f.0.starts_with("structure/numbering") || f.0 == "structure/heading-marker")
            .collect();
        assert_eq!(numbering.len(), 1, "{numbering:?}");
        assert_eq!(numbering[0].2, 45);
        assert!(numbering[0].3.contains("（三）"));
    }
}

#[test]
fn teacher_pay_claims_without_figures() {
    let lines = |found: &Found| -> Vec<usize> {
        found
            .iter()
            .filter(|f| f.0 == "structure/indicator-figures" && f.3.contains("公务员"))
            .map(|f| f.2)
            .collect()
    };
    // SPEC §b.4: claims only at 000 L57/L145/L285/L859, 003 L67, 004 L24 (篇五's
    // figures are all masked, so L241 is one too); 000 L710 gives the figures.
    if let Some((_, found)) = sample("000") {
        let got = lines(&found);
        for line in [57, 145, 285, 859] {
            assert!(got.contains(&line), "000 L{line}: {got:?}");
        }
        assert!(!got.contains(&710), "{got:?}");
    }
    if let Some((_, found)) = sample("003") {
        assert_eq!(lines(&found), [67]);
    }
    if let Some((_, found)) = sample("004") {
        assert_eq!(lines(&found), [24]);
    }
}
