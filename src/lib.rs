//! report-check: finds missing sections, wrong figures and formatting
//! problems in Chinese government reports (履行教育职责自评报告 and its family).
//!
//! ```
//! use report_check::{check, Profile};
//! let report = check("根据《通知》要求，现将20xx年工作报告如下。", &Profile::default());
//! assert_eq!(report.findings[0].rule, "figures/placeholder");
//! ```
//!
//! The core never sees wasm: `wasm.rs` is the only file that imports
//! wasm-bindgen, and everything else runs under plain `cargo test`.

pub mod context;
pub mod document;
#[cfg(feature = "docx")]
pub mod docx;
pub mod figures;
pub mod finding;
pub mod mentions;
pub mod num;
pub mod outline;
pub mod output;
pub mod pattern;
pub mod profile;
pub mod repeats;
pub mod residue;
pub mod rules;
pub mod sort;
pub mod summary;
pub mod tables;
#[cfg(test)]
pub(crate) mod test_texts;
pub mod text;
pub mod topic;
pub mod words;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

use std::collections::BTreeMap;

pub use context::Context;
pub use finding::{Category, Finding, Occurrence, Severity, Span};
pub use profile::{Profile, ProfileError, RuleSetting};

/// The result of one check: findings sorted by position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub findings: Vec<Finding>,
}

/// Counts of findings by severity and category.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub total: usize,
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub by_category: BTreeMap<&'static str, usize>,
}

impl Report {
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            total: self.findings.len(),
            ..Summary::default()
        };
        for f in &self.findings {
            match f.severity {
                Severity::Error => s.error += 1,
                Severity::Warning => s.warning += 1,
                Severity::Info => s.info += 1,
            }
            *s.by_category.entry(f.category.as_str()).or_default() += 1;
        }
        s
    }

    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// Whether a rule with this id is in the registry. The one place the core
/// learns the rules' names (a profile names the rules it sets); the
/// modules of the core import nothing from `rules/`.
pub fn rule_exists(id: &str) -> bool {
    rules::registry().any(|r| r.meta().id == id)
}

/// Checks `text` under `profile`: parses it once into a [`Context`], runs
/// every enabled rule over it, and returns the findings sorted by position.
///
/// Never panics, whatever the text.
pub fn check(text: &str, profile: &Profile) -> Report {
    run(text, None, profile, |_| {})
}

/// A checked .docx: what was read from it and the report on its text.
#[cfg(feature = "docx")]
#[derive(Debug, Clone)]
pub struct DocxReport {
    pub docx: docx::Docx,
    pub report: Report,
}

/// Reads a .docx and checks its body text (see [`docx::read`]), with the
/// `layout/…` rules on its layout; spans are byte offsets into
/// `DocxReport::docx.text`. A file that is not a readable .docx gets a
/// [`docx::DocxError`], whose `Display` is a message for the user.
#[cfg(feature = "docx")]
pub fn check_docx(bytes: &[u8], profile: &Profile) -> Result<DocxReport, docx::DocxError> {
    let docx = docx::read(bytes)?;
    let report = run(&docx.text, Some(&docx), profile, |_| {});
    Ok(DocxReport { docx, report })
}

#[cfg(feature = "docx")]
impl DocxReport {
    /// The checked file `bytes` with each finding as a Word comment
    /// anchored on its text (see [`docx::annotate`]); everything else in
    /// the file stays byte for byte as it was.
    pub fn annotate(&self, bytes: &[u8]) -> Result<Vec<u8>, docx::DocxError> {
        self.annotate_with(bytes, false)
    }

    /// Like [`DocxReport::annotate`], with every certain fix (a finding's
    /// suggestion) also made as a tracked change (修订) where it lies in
    /// one run, so the drafter accepts or rejects it in Word or WPS.
    pub fn annotate_with(
        &self,
        bytes: &[u8],
        track_fixes: bool,
    ) -> Result<Vec<u8>, docx::DocxError> {
        let fixes: Vec<(Span, String)> = if track_fixes {
            self.report
                .findings
                .iter()
                .filter(|f| f.occurrences.is_empty())
                .filter_map(|f| Some((f.span, f.suggestion.as_deref()?.to_string())))
                .collect()
        } else {
            Vec::new()
        };
        self.annotate_fixes(bytes, &fixes)
    }

    /// The checked file `bytes` with each finding as a Word comment and
    /// the given `fixes` (a span of `docx.text` and its replacement, as the
    /// drafter accepted them in the page) as tracked changes (修订) where
    /// each lies in one run's plain text; the others stay in the comments.
    pub fn annotate_fixes(
        &self,
        bytes: &[u8],
        fixes: &[(Span, String)],
    ) -> Result<Vec<u8>, docx::DocxError> {
        self.annotate_skipping(bytes, fixes, &[])
    }

    /// Like [`DocxReport::annotate_fixes`], without a comment for the
    /// findings named in `skip` (rule and span: those the drafter ignored).
    pub fn annotate_skipping(
        &self,
        bytes: &[u8],
        fixes: &[(Span, String)],
        skip: &[(String, Span)],
    ) -> Result<Vec<u8>, docx::DocxError> {
        let notes: Vec<_> = self
            .report
            .findings
            .iter()
            .filter(|f| {
                !skip
                    .iter()
                    .any(|(rule, span)| rule == f.rule && *span == f.span)
            })
            .map(docx::annotate::Note::of)
            .collect();
        docx::annotate::annotate(bytes, &self.docx, &notes, fixes)
    }
}

/// How long each stage of one check takes: `"context"` (the document index),
/// then each enabled rule by id. Native only; for `benches/check.rs`.
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub fn stage_times(text: &str, profile: &Profile) -> Vec<(&'static str, std::time::Duration)> {
    let mut times = Vec::new();
    let mut last = std::time::Instant::now();
    run(text, None, profile, |stage| {
        let now = std::time::Instant::now();
        times.push((stage, now - last));
        last = now;
    });
    times
}

/// The check itself; `stage_done` is told after each stage (the context,
/// the figure list, each rule).
fn run(
    text: &str,
    docx: Option<&context::Docx>,
    profile: &Profile,
    mut stage_done: impl FnMut(&'static str),
) -> Report {
    let mut cx = Context::with_words(text, profile, rules::word_lists());
    cx.docx = docx;
    stage_done("context");
    let figures = figures::extract(&cx.doc);
    stage_done("figures");
    // Each rule's findings in a list of its own, joined once the context
    // is freed: one list for all, grown by doubling while the context
    // lives, held up to twice its size and once three times it (the copy).
    let mut parts = Vec::new();
    let mut total = 0;
    let mut one = |meta: &'static rules::Meta, check: &dyn Fn(&mut rules::Sink)| {
        let id = rules::setting_id(profile, meta.id);
        if let Some(severity) = profile.severity_of(id, meta.severity) {
            let fixed = matches!(profile.rules.get(id), Some(RuleSetting::Severity(_)));
            let mut found = Vec::new();
            check(&mut rules::Sink::new(
                meta,
                severity,
                fixed,
                profile.group_threshold,
                &mut found,
            ));
            if !found.is_empty() {
                total += found.len();
                parts.push(found);
            }
            stage_done(meta.id);
        }
    };
    // The rules that read the figure list first; then it is freed, before
    // the other rules' findings (a finding-dense text has many) take its place.
    let fx = rules::WithFigures {
        cx: &cx,
        figures: &figures,
    };
    for rule in rules::figure_rules() {
        one(rule.meta(), &|sink| rule.check(&fx, sink));
    }
    drop(figures);
    for rule in rules::plain_rules() {
        one(rule.meta(), &|sink| rule.check(&cx, sink));
    }
    // Freed before the findings are joined and sorted, which reuse its memory.
    drop(cx);
    let mut findings = Vec::with_capacity(total);
    for part in &mut parts {
        findings.append(part);
    }
    sort_findings(&mut findings);
    drop_same_fix(&mut findings);
    drop_nested_fixes(&mut findings);
    Report { findings }
}

/// One problem, one finding: of findings of different rules on the same
/// span proposing the same fix (a `2024.11.26` 落款 date is both a date
/// form and a 成文日期 problem), the first (by rule id) stays, at the
/// higher severity. Findings sorted by span, so such ones are adjacent.
fn drop_same_fix(findings: &mut Vec<Finding>) {
    // In place (a finding-dense text has many): `findings[..kept]` are the
    // ones kept, `findings[run..kept]` those of them on the current span.
    let (mut kept, mut run) = (0, 0);
    for next in 0..findings.len() {
        if kept > 0 && findings[kept - 1].span != findings[next].span {
            run = kept;
        }
        let f = &findings[next];
        // Few rules meet on one span; a rule that puts many findings on one
        // span must not make this quadratic: the last few are enough.
        let same = (run.max(kept.saturating_sub(16))..kept).find(|&k| {
            let k = &findings[k];
            k.rule != f.rule && f.suggestion.is_some() && k.suggestion == f.suggestion
        });
        match same {
            Some(k) => findings[k].severity = findings[k].severity.min(findings[next].severity),
            None => {
                findings.swap(kept, next);
                kept += 1;
            }
        }
    }
    findings.truncate(kept);
}

/// Two fixes cannot both be taken when one rewrites a span inside the
/// other's (`二○二四年十一月二十六日`: format/year-form would write 〇,
/// structure/signature the whole date in Arabic digits): the one inside,
/// of another rule, goes. Findings sorted by span; the rewrite that holds
/// another starts at or before it, a few findings away at most.
fn drop_nested_fixes(findings: &mut Vec<Finding>) {
    const NEAR: usize = 8;
    let holds = |outer: &Finding, inner: &Finding| {
        outer.rule != inner.rule
            && outer.suggestion.is_some()
            && inner.suggestion.is_some()
            && outer.span != inner.span
            && outer.span.start <= inner.span.start
            && inner.span.end <= outer.span.end
    };
    let nested: Vec<bool> = (0..findings.len())
        .map(|i| {
            let near = i.saturating_sub(NEAR)..(i + NEAR + 1).min(findings.len());
            near.filter(|&j| j != i)
                .any(|j| holds(&findings[j], &findings[i]))
        })
        .collect();
    let mut at = 0;
    findings.retain(|_| {
        at += 1;
        !nested[at - 1]
    });
}

/// Sorts findings by `(span, rule)`, stably, without a copy of them:
/// std's stable sort of the findings themselves takes a scratch of half
/// their size (10 MiB for the 175,505 findings of a finding-dense 10 MB
/// text: 79.8 -> 89.9 MiB peak wasm memory, over the 8x budget);
/// [`crate::sort`] sorts their positions (8 bytes each) and moves each
/// finding into place once.
fn sort_findings(findings: &mut [Finding]) {
    crate::sort::sort_by_key(findings, |f| (f.span, f.rule));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `2024.11.26` 落款 date is a date form (format/date-form) and a
    /// 成文日期 (structure/signature) problem with the same fix: one finding.
    #[test]
    fn one_problem_one_finding() {
        let body =
            "我县坚持教育优先发展，全县中小学校和幼儿园办学条件持续改善，教师队伍建设不断加强。\n"
                .repeat(4);
        let report = |date: &str| {
            format!(
                "青川县人民政府关于2024年度履行教育职责情况的自评报告\n市人民政府教育督导委员会：\n\
                 根据要求，现将自评情况报告如下。\n一、主要工作\n{body}二、存在的问题\n学校布局还不够合理。\n\
                 三、下一步工作\n我县将进一步加强教师队伍建设。\n青川县人民政府\n{date}\n"
            )
        };
        let on_date = |date: &str| -> Vec<(&'static str, Option<String>)> {
            let text = report(date);
            let at = text.rfind(date).unwrap();
            check(&text, &Profile::default())
                .findings
                .into_iter()
                .filter(|f| f.span.start == at)
                .map(|f| (f.rule, f.suggestion.map(|s| s.into_owned())))
                .collect()
        };
        let fixed = Some("2024年11月26日".to_string());
        assert_eq!(on_date("2024.11.26"), [("format/date-form", fixed.clone())]);
        assert_eq!(on_date("2024/11/26"), [("format/date-form", fixed.clone())]);
        // What only one rule sees stays that rule's.
        assert_eq!(
            on_date("2024-11-26"),
            [("structure/signature", fixed.clone())]
        );
        assert_eq!(
            on_date("二〇二四年十一月二十六日"),
            [("structure/signature", fixed.clone())]
        );
        assert!(on_date("2024年11月26日").is_empty());
        // Two fixes of one date: the Arabic date, not the 〇 inside it.
        assert_eq!(
            on_date("二○二四年十一月二十六日"),
            [("structure/signature", fixed.clone())]
        );
        // A full-width date is a 落款 (its digits are format/fullwidth-digit's).
        let text = report("２０２４年１１月２６日");
        let f = check(&text, &Profile::default()).findings;
        assert!(f.iter().all(|f| !f.message.contains("落款")), "{f:?}");
        // A date with no day is incomplete, not a missing 落款.
        let text = report("2024年11月");
        let f = check(&text, &Profile::default()).findings;
        assert!(
            f.iter()
                .any(|f| f.rule == "structure/signature" && f.message.contains("标全")),
            "{f:?}"
        );
        assert!(f.iter().all(|f| !f.message.contains("缺少“落款")), "{f:?}");
    }

    /// `sort_findings` gives what a stable sort by `(span, rule)` gives.
    #[test]
    fn sort_findings_as_a_stable_sort() {
        let rules = ["b/x", "a/y", "c/z"];
        let mut seed = 7u64;
        for n in [0, 1, 2, 3, 10, 100, 1000] {
            let mut v: Vec<Finding> = (0..n)
                .map(|i| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    let start = (seed >> 40) as usize % 20;
                    Finding {
                        rule: rules[(seed >> 20) as usize % 3],
                        category: Category::Section,
                        severity: Severity::Info,
                        span: Span::new(start, start + (seed >> 50) as usize % 3),
                        message: i.to_string(),
                        suggestion: None,
                        occurrences: Vec::new(),
                        unlisted: 0,
                        scope: Default::default(),
                    }
                })
                .collect();
            let mut want = v.clone();
            want.sort_by_key(|f| (f.span, f.rule));
            sort_findings(&mut v);
            assert_eq!(v, want, "{n}");
        }
    }
}

#[cfg(test)]
mod review {
    /// The heads and tails (up to 40 chars) of every fixture, and odd
    /// texts, check without a panic (matches in a text's last bytes).
    #[test]
    fn heads_and_tails_check() {
        let p = crate::profile::Profile::default();
        let mut texts = crate::text::review::odd_texts(200, 30);
        for t in crate::test_texts::fixture_texts() {
            let idx: Vec<usize> = t.char_indices().map(|(i, _)| i).collect();
            for &i in idx.iter().rev().take(40) {
                texts.push(t[i..].to_string());
            }
            for &i in idx.iter().take(40) {
                texts.push(t[..i].to_string());
            }
        }
        for t in &texts {
            let _ = crate::check(t, &p);
        }
    }
}
