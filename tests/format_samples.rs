//! The format and wording rules on the real sample reports in
//! `../shared/domain/samples` (next to the repository). When the folder is
//! absent these tests say so on stderr and check nothing else (under CI
//! they fail).

mod common;

use common::sample;

use report_check::{check, Profile};

/// (rule, span text, suggestion, occurrences) of the format/wording findings.
fn found(text: &str) -> Vec<(&'static str, String, Option<String>, usize)> {
    check(text, &Profile::default())
        .findings
        .into_iter()
        .filter(|f| f.rule.starts_with("format/") || f.rule.starts_with("wording/"))
        .map(|f| {
            (
                f.rule,
                text[f.span.start..f.span.end].to_string(),
                f.suggestion.map(|s| s.into_owned()),
                f.occurrences.len(),
            )
        })
        .collect()
}

fn count(f: &[(&str, String, Option<String>, usize)], rule: &str) -> usize {
    f.iter().filter(|x| x.0 == rule).count()
}

#[test]
fn sample_004_lost_unit_dot_and_nothing_in_slogans() {
    let Some(text) = sample("004") else { return };
    let f = found(&text);
    let dots = f
        .iter()
        .filter(|x| x.0 == "format/garbled" && x.1 == "?" && x.2.as_deref() == Some("·"))
        .count();
    assert_eq!(dots, 2, "{f:?}");
    // “珍爱生命 向善向美 筑梦未来”, “文化传承 强国有我”: spaces in quoted slogans.
    assert!(
        f.iter()
            .all(|x| x.0 != "format/stray-space" || x.2.is_none()),
        "{f:?}"
    );
    assert_eq!(count(&f, "wording/typo"), 0, "{f:?}");
    assert_eq!(count(&f, "format/web-residue"), 0, "{f:?}");
}

#[test]
fn sample_003_score_notes_grouped_and_web_footer_one_finding() {
    let Some(text) = sample("003") else { return };
    let f = found(&text);
    assert!(
        f.iter()
            .any(|x| x.0 == "format/doubled-punct" && x.1 == "。" && x.3 > 10),
        "{f:?}"
    );
    assert!(
        f.iter()
            .any(|x| x.0 == "format/web-residue" && x.1 == "扫码浏览" && x.3 == 7),
        "{f:?}"
    );
    assert!(
        f.iter()
            .any(|x| x.0 == "format/ascii-angle"
                && x.2.as_deref().is_some_and(|s| s.starts_with('〈'))),
        "{f:?}"
    );
}

#[test]
fn sample_000_typos_residue_and_no_false_alarms_on_ranges() {
    let Some(text) = sample("000") else { return };
    let f = found(&text);
    for (wrong, right) in [
        ("煅炼", "锻炼"),
        ("开据", "开具"),
        ("自已", "自己"),
        ("必需要", "必须要"),
    ] {
        assert!(
            f.iter()
                .any(|x| x.0 == "wording/typo" && x.1 == wrong && x.2.as_deref() == Some(right)),
            "{wrong}: {f:?}"
        );
    }
    // Every 截止 reported stands before a date; 截至 is never reported.
    assert!(f.iter().all(|x| x.1 != "截至"), "{f:?}");
    // Ranges with a single dash (2021年—2023年, 3—11周岁, 1∶8—1∶10, 2—2.5名) are quiet:
    // the only single-dash finding is the one inside quotes.
    let dashes: Vec<_> = f.iter().filter(|x| x.0 == "format/ellipsis-dash").collect();
    assert_eq!(dashes.len(), 1, "{dashes:?}");
    assert!(f.iter().any(|x| x.0 == "format/interpunct"), "{f:?}");
    assert!(
        f.iter().any(|x| x.0 == "format/web-residue" && x.3 == 5),
        "header: {f:?}"
    );
    assert!(
        f.iter().any(|x| x.0 == "format/web-residue" && x.3 == 3),
        "footer: {f:?}"
    );
    assert_eq!(count(&f, "wording/de-after-verb"), 3, "{f:?}");
}

#[test]
fn sample_002_portal_metadata_is_residue() {
    let Some(text) = sample("002") else { return };
    let f = found(&text);
    assert!(
        f.iter().any(|x| x.0 == "format/web-residue"
            && x.1.starts_with("索")
            && x.1.contains("主题分类")),
        "{f:?}"
    );
    assert!(
        f.iter()
            .any(|x| x.0 == "format/web-residue" && x.1 == "| | | |"),
        "{f:?}"
    );
}
