//! `figures/share`: a stated share that does not follow from its part and whole.
//!
//! **What it checks.**
//! - A part right after its whole in one sentence, with its share:
//!   `专任教师总人数1252人,其中…教师人数728人,占比为58.15%` → 728 ÷ 1252;
//!   `测评点为74个,完全落实的有7项,占90.4%` → 7 ÷ 74 = 9.46 %.
//! - A 职普比 against the two enrolments it summarises: `普通高中招生3931人,
//!   中职招生5468人,…职普招生比为47%:53%` → 中职 5468 ÷ 9399 = 58.2 %.
//! - A rate named after a count given just before it, against the larger
//!   count before that: `在校生4873人，辍学48人，辍学率0.91%` → 48 ÷ 4873 =
//!   0.99 %.
//! - A share whose base names an age range that the counts before it in
//!   the paragraph do not (`3—6周岁幼儿5200人，…占3—5周岁幼儿的92.3%`).
//!
//! **Why it matters.** Reviewers recompute shares from the counts given next
//! to them; a share that does not match is either a typo or a wrong base.
//!
//! **Example.** `测评点为74个，完全落实的有7项，占90.4%` → 7 ÷ 74 is 9.46%: the share or a count is wrong.
//!
//! **Not flagged.** A share of a whole not given in the sentence
//! (`占全市40.7%`, `10名校长交流轮岗,占比27.02%`); a part with no unit
//! (`公办园在园幼儿5054,占比…`); approximate figures; shares within the
//! rounding shown (±0.05 at two decimals, ±0.1 at one, ±1 for a whole number).
//! Warning: the share may have been computed on another base.
//!
//! **Follows** the evaluation indicator system (rates are part ÷ whole).

use std::sync::LazyLock;

use regex::Regex;

use crate::context::Context;
use crate::figures::{Figure, Kind};
use crate::finding::{Category, Severity, Span};
use crate::pattern::Pattern;
use crate::rules::{FigureRule, Meta, Sink, WithFigures};
use crate::text::{is_han, last_chars, HAN};

use super::common::{back, fmt, label_before, plain, rate_tolerance};
use super::growth::num;

pub struct Share;

static META: Meta = Meta {
    id: "figures/share",
    category: Category::Figure,
    severity: Severity::Warning,
    description: "占比与给出的分子、分母不符",
};

fn count(f: &Figure) -> bool {
    f.is_exact_amount() && f.is_count()
}

/// `个` and `项` count the same 测评点 in these reports.
fn comparable(a: &Figure, b: &Figure) -> bool {
    a.same_measure(b) || (matches!(a.unit, "个" | "项") && matches!(b.unit, "个" | "项"))
}

/// `占比为`, `,占`, `占比达到了`: a share of the figure just before.
fn share_link(gap: &str) -> bool {
    let g = gap.trim_start_matches([',', '，']);
    let Some(rest) = g.strip_prefix("占比").or_else(|| g.strip_prefix('占')) else {
        return false;
    };
    let mut rest = rest;
    loop {
        let before = rest.len();
        for f in ["为", "达到", "达", "了", "约"] {
            rest = rest.strip_prefix(f).unwrap_or(rest);
        }
        if rest.len() == before {
            return rest.is_empty();
        }
    }
}

/// A rate named after what it counts, right before its value: `辍学率0.91%`,
/// `近视率为52%`. Group: the thing counted (`辍学`).
static NAMED_RATE: Pattern = Pattern::built(
    || format!("({HAN}{{2}})率(?:为|是|达到|达|仅为|控制在)?$"),
    "率",
);

/// The most chars a [`NAMED_RATE`] match spans: two, `率`, three.
const RATE_LEN: usize = 6;

/// The verbs [`NAMED_RATE`] allows after `率`.
const RATE_VERBS: [&str; 6] = ["为", "是", "达到", "达", "仅为", "控制在"];

/// [`NAMED_RATE`]'s stem (its group 1) in `tail`, read by hand: the two
/// Han chars before a `率` that ends `tail`, or is followed by one of
/// [`RATE_VERBS`] that does. Every percentage of a report asks this, and
/// the regex cost a tenth of a check of a text full of rates (callgrind,
/// the benches' 20 KB made-up report: 8.56 M instructions a check, 0.98 M
/// of them here). The pattern stays the definition: debug builds (every
/// `cargo test`) compare each answer with it, and `gate_agrees_with_the_pattern`
/// tries every piece of its examples.
fn rate_stem(tail: &str) -> Option<&str> {
    let stem = (std::iter::once("").chain(RATE_VERBS))
        .find_map(|verb| tail.strip_suffix(verb)?.strip_suffix('率'))
        .map(|before| last_chars(before, 2))
        .filter(|s| s.chars().count() == 2 && s.chars().all(is_han));
    debug_assert_eq!(
        stem,
        NAMED_RATE
            .captures(tail)
            .and_then(|c| c.get(1))
            .map(|m| m.as_str()),
        "{tail:?}"
    );
    stem
}

/// An age range: `3—6周岁`, `6-11岁`. Groups: the two ages.
static AGES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9]{1,2})\s*[—–\-－~～至到]\s*([0-9]{1,2})\s*周?岁").expect("pattern")
});

/// The words before a share's base: `占`, `占全县`.
static SHARE_OF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"占(?:全县|全区|全市|全省)?$").expect("pattern"));

impl Share {
    /// `在校生4873人，辍学48人，辍学率0.91%`: a rate named after a count
    /// given just before it, of the larger count before that (48 ÷ 4873 =
    /// 0.99%).
    fn named_rate(text: &str, fs: &[Figure], sink: &mut Sink) {
        for (k, p) in fs.iter().enumerate() {
            if p.kind != Kind::Percent || p.approx || p.range || p.quoted || p.broken.is_some() {
                continue;
            }
            let head = text
                .get(back(text, p.span.start, 30)..p.span.start)
                .unwrap_or("");
            // A match ends the head and is six chars at most (`控制在`):
            // the pattern reads only the last six.
            let tail = last_chars(head, RATE_LEN);
            let Some(stem) = rate_stem(tail) else {
                continue;
            };
            // The part: the nearest count before, named by the stem.
            let named = |f: &Figure| {
                let label = label_before(text, f.span.start, 8);
                let label = label.trim_end_matches(['为', '有', '达', '共']);
                let label = ["学生", "人数", "儿童", "少年", "人员", "的有", "的"]
                    .iter()
                    .find_map(|w| label.strip_suffix(w))
                    .unwrap_or(label);
                label.ends_with(stem)
            };
            let Some(pi) = (0..k)
                .rev()
                .take(6)
                .find(|&i| count(&fs[i]) && named(&fs[i]))
            else {
                continue;
            };
            let part = &fs[pi];
            // The whole: the nearest larger count of the same measure before
            // the part, not across a `;`.
            let mut whole = None;
            for w in fs[..pi].iter().rev().take(8) {
                let between = text.get(w.span.end..part.span.start).unwrap_or(";");
                if between.contains([';', '；']) {
                    break;
                }
                if count(w) && comparable(w, part) && w.base() > part.base() && !named(w) {
                    whole = Some(w);
                    break;
                }
            }
            let Some(whole) = whole else { continue };
            let computed = part.base() / whole.base() * 100.0;
            if (computed - p.value).abs() <= rate_tolerance(p.decimals) + 1e-9 {
                continue;
            }
            let shown = usize::from(p.decimals).max(2);
            sink.emit(
                p.span,
                format!(
                    "{stem}率与人数不符：{} ÷ {} = {}%，文中为{}%。请核对{stem}率或两个数据。",
                    num(text, part),
                    num(text, whole),
                    fmt(computed, shown),
                    plain(p.value)
                ),
                None,
            );
        }
    }

    /// `3—6周岁幼儿5200人，…占3—5周岁幼儿的92.3%`: a share whose base
    /// names an age range that no count before it in the paragraph has,
    /// while a count of the same group has another.
    fn changed_base(cx: &Context, sink: &mut Sink) {
        for line in cx.doc.lines() {
            let s = cx.doc.slice(line);
            if !s.contains('岁') {
                continue;
            }
            // (start, end, ages, the two characters after the range)
            let ranges: Vec<(usize, usize, (u32, u32), String)> = AGES
                .captures_iter(s)
                .filter_map(|c| {
                    let m = c.get(0)?;
                    let ages = (
                        c.get(1)?.as_str().parse().ok()?,
                        c.get(2)?.as_str().parse().ok()?,
                    );
                    let group: String = s[m.end()..].chars().take(2).collect();
                    Some((m.start(), m.end(), ages, group))
                })
                .take(64)
                .collect();
            for (i, (start, end, ages, group)) in ranges.iter().enumerate() {
                let before = &s[..*start];
                let is_base = SHARE_OF.is_match(before);
                if !is_base || !s[*end..].contains('%') {
                    continue;
                }
                let earlier = &ranges[..i];
                if earlier.iter().any(|r| r.2 == *ages) {
                    continue;
                }
                let Some(other) = earlier.iter().rev().find(|r| r.3 == *group) else {
                    continue;
                };
                let at = line.start + start;
                let shown = |a: (u32, u32)| format!("{}—{}周岁", a.0, a.1);
                sink.emit(
                    Span::new(at, line.start + end),
                    format!(
                        "占比的基数与前文不一致：此处为“{}{group}”，前文给出的是“{}{group}”的人数。请核对基数或年龄段。",
                        shown(*ages),
                        shown(other.2)
                    ),
                    None,
                );
            }
        }
    }

    fn part_of_whole(text: &str, fs: &[Figure], sink: &mut Sink) {
        for (k, p) in fs.iter().enumerate() {
            if p.kind != Kind::Percent
                || p.approx
                || p.range
                || p.quoted
                || p.broken.is_some()
                || k == 0
            {
                continue;
            }
            let part = &fs[k - 1];
            let gap = text.get(part.span.end..p.span.start).unwrap_or("");
            if !count(part) || !share_link(gap) {
                continue;
            }
            // The whole: the nearest comparable count before the part, with
            // `其中`/`有` between them, not across a `;`.
            let mut whole = None;
            for w in fs[..k - 1].iter().rev().take(20) {
                let between = text.get(w.span.end..part.span.start).unwrap_or(";");
                if between.contains([';', '；']) {
                    break;
                }
                if count(w) && comparable(w, part) {
                    if between.contains("其中") || between.contains('有') {
                        whole = Some(w);
                    }
                    break;
                }
            }
            let Some(whole) = whole else { continue };
            if whole.base() <= 0.0 || part.base() > whole.base() {
                continue;
            }
            let computed = part.base() / whole.base() * 100.0;
            if (computed - p.value).abs() <= rate_tolerance(p.decimals) + 1e-9 {
                continue;
            }
            let shown = usize::from(p.decimals).max(2);
            sink.emit(
                p.span,
                format!(
                    "占比与数据不符：{} ÷ {} = {}%，文中为{}%。请核对占比或两个数据。",
                    num(text, part),
                    num(text, whole),
                    fmt(computed, shown),
                    plain(p.value)
                ),
                None,
            );
        }
    }

    /// `职普招生比为47%:53%` against the two enrolments in the sentence.
    fn vocational_ratio(text: &str, fs: &[Figure], sink: &mut Sink) {
        for k in 1..fs.len() {
            let (a, b) = (&fs[k - 1], &fs[k]);
            if a.kind != Kind::Ratio || b.kind != Kind::Ratio || a.unit != b.unit {
                continue;
            }
            let head = label_before(text, a.span.start, 8);
            let voc_first = if head.contains("职普") {
                true
            } else if head.contains("普职") {
                false
            } else {
                continue;
            };
            let find = |words: &[&str]| {
                fs[..k - 1].iter().rev().find(|f| {
                    count(f)
                        && words
                            .iter()
                            .any(|w| label_before(text, f.span.start, 10).contains(w))
                })
            };
            let (Some(voc), Some(gen)) = (
                find(&["中职", "职业高中", "职业学校", "职校"]),
                find(&["普通高中", "普高"]),
            ) else {
                continue;
            };
            if !voc.same_measure(gen) || a.value + b.value <= 0.0 {
                continue;
            }
            let v_stated = if voc_first { a } else { b };
            let stated = v_stated.value / (a.value + b.value) * 100.0;
            let computed = voc.base() / (voc.base() + gen.base()) * 100.0;
            if (stated - computed).abs() <= 1.0 {
                continue;
            }
            let span = crate::finding::Span::new(a.span.start, b.span.end);
            let shown = text.get(span.start..span.end).unwrap_or("");
            sink.emit(
                span,
                format!(
                    "职普比与招生数不符：中职{} ÷ ({} + {}) = {}%，普高占{}%，文中为{shown}。请核对。",
                    num(text, voc),
                    num(text, voc),
                    num(text, gen),
                    fmt(computed, 1),
                    fmt(100.0 - computed, 1)
                ),
                None,
            );
        }
    }
}

impl FigureRule for Share {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &WithFigures, sink: &mut Sink) {
        let text = cx.doc.text;
        for (_, fs) in cx.figures.by_sentence() {
            Self::part_of_whole(text, fs, sink);
            Self::named_rate(text, fs, sink);
            Self::vocational_ratio(text, fs, sink);
        }
        Self::changed_base(cx, sink);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::figures::{findings, spans};

    /// The gated pattern answers as its regex (see `pattern::assert_gate`).
    #[test]
    fn gate_agrees_with_the_pattern() {
        crate::pattern::assert_gate(
            &NAMED_RATE,
            &[
                "辍学48人，辍学率0.91%",
                "近视率为",
                "巩固率达到",
                "入学率控制在",
                "率率",
            ],
        );
        // Read by hand, every piece of these gives the regex's stem.
        for text in [
            "辍学48人，辍学率0.91%近视率为率率达到巩固率仅为入学率控制在",
            "a率为，率是，辍学率达",
        ] {
            crate::pattern::each_piece(text, |t| {
                let regex = NAMED_RATE.captures(t).map(|c| c[1].to_string());
                assert_eq!(rate_stem(t).map(String::from), regex, "{t:?}");
            });
        }
        // Read from its last RATE_LEN chars, a head gives the same stem.
        for head in [
            "在校生4873人，辍学48人，辍学率",
            "全县小学生近视率为",
            "义务教育巩固率控制在",
            "学前三年毛入学率达到",
            "，率",
            "覆盖率达到了",
        ] {
            let stem = |t| NAMED_RATE.captures(t).map(|c| c[1].to_string());
            assert_eq!(stem(head), stem(last_chars(head, RATE_LEN)), "{head}");
        }
    }

    fn found(text: &str) -> Vec<String> {
        spans(&Share, text)
    }

    #[test]
    fn wrong_shares() {
        let t = "经自查,实际自查自评测评点为74个,完全落实的有7项,占90.4%;基本落实的有7项,占9.4%。";
        let f = findings(&Share, t);
        assert_eq!(found(t), ["90.4%"]);
        assert!(
            f[0].message.contains("7 ÷ 74 = 9.46%，文中为90.4%"),
            "{}",
            f[0].message
        );
        assert_eq!(
            found("专任教师1250人,其中本科学历教师1000人,占比为85%。"),
            ["85%"]
        );
        let t = "2018年,普通高中招生3931人,中职招生5468人,高中阶段招生共计9399人,初三毕业生6746人,毛入学率为139%,职普招生比为47%:53%。";
        let f = findings(&Share, t);
        assert_eq!(found(t), ["47%:53%"]);
        assert!(f[0].message.contains("58.2%"), "{}", f[0].message);
    }

    #[test]
    fn a_rate_against_its_own_counts() {
        let t = "全县义务教育阶段在校生4873人，辍学48人，辍学率0.91%。";
        let f = findings(&Share, t);
        assert_eq!(found(t), ["0.91%"]);
        assert!(
            f[0].message.contains("48 ÷ 4873 = 0.99%，文中为0.91%"),
            "{}",
            f[0].message
        );
        assert_eq!(
            found("全县筛查中小学生5000人，其中近视学生2600人，近视率为56%。"),
            ["56%"]
        );
        for ok in [
            "全县义务教育阶段在校生4873人，辍学48人，辍学率0.99%。",
            "全县义务教育阶段在校生4873人，辍学率0.99%。",
            "全县在校生4873人，辍学率控制在0.5%以内，近视率52%。",
            "全县筛查中小学生5000人，其中近视学生2600人，近视率为52%。",
            "招生计划1200人，实际报到1180人，巩固率99.2%。",
        ] {
            assert!(found(ok).is_empty(), "{ok}: {:?}", findings(&Share, ok));
        }
    }

    #[test]
    fn a_base_that_changed() {
        let t = "全县3—6周岁幼儿5200人，在园幼儿4800人，占3—5周岁幼儿的92.3%。";
        let f = findings(&Share, t);
        assert_eq!(found(t), ["3—5周岁"]);
        assert!(
            f[0].message.contains("前文给出的是“3—6周岁幼儿”"),
            "{}",
            f[0].message
        );
        for ok in [
            "全县3—6周岁幼儿5200人，在园幼儿4800人，占3—6周岁幼儿的92.3%。",
            "全县6—11周岁儿童8000人，12—14周岁少年4000人，在校少年3990人，占12—14周岁少年的99.8%。",
            "在园幼儿4800人，占3—5周岁幼儿的92.3%。",
        ] {
            assert!(found(ok).is_empty(), "{ok}: {:?}", findings(&Share, ok));
        }
    }

    #[test]
    fn right_or_uncheckable_shares_pass() {
        for t in [
            "城关镇义务教育学校专任教师总人数1252人,其中本科以上学历(含本科)教师人数728人,占比为58.15%;乡镇义务教育学校专任教师总人数1207人,其中本科以上学历(含本科)教师人数687人,占比为56.92%。",
            "2021年我市共安排10名义务教育学校校长交流轮岗,占比27.02 %;安排251名义务教育学校教师进行交流轮岗,占比24.56%,其中县级及以上骨干教师51名,占比20.3%。",
            "目前我市在园幼儿10086人,其中公办园在园幼儿5054,占比达到50.1%。",
            "近三年,我区获11节部级精品课,占全市40.7%。",
            "普通高中招生4000人,中职招生4000人,职普比为5:5。",
            "共有教师500人,其中骨干教师约100人,占比30%。",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", findings(&Share, t));
        }
    }
}
