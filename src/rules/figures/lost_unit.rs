//! `figures/lost-unit`: a figure whose unit was lost or is the wrong one.
//!
//! **What it checks.**
//! - a growth or a rate with no unit at the end of its clause (`增长2.9，`,
//!   `占比达到68.9。`): `%` or `个百分点` was lost;
//! - the difference of two rates in `%` after a comparison (`增速高于全市0.3%`,
//!   `巩固率达到99.2%，高于全省0.5%`): the difference of two percentages is
//!   `个百分点`;
//! - a count with no measure word after a counting verb (`共有6997中小学`,
//!   `招聘120教师`): `所`, `名`, `个` was lost.
//!
//! The counting verbs, the nouns with their measure words, the comparison
//! words and the rate names are data (`lost_unit.tsv`), each row with an
//! example that must be reported and one that must not.
//!
//! **Why it matters.** A reader cannot tell what `增长2.9` measures, and a
//! difference of rates in `%` reads as a relative difference.
//!
//! **Example.** `增速高于全市0.3%` → `增速高于全市0.3个百分点`; `共有6997中小学`
//! → `共有6997所中小学`.
//!
//! **Not flagged.** A unit written (`增长2.9%`, `2.9倍`, `6997所中小学`), a
//! name with a number (`北京101中学`: no counting verb before it), a relative
//! comparison of amounts (`收入高于全市0.3%`), a change already in
//! `个百分点`, a threshold (`比例不低于80%`) or the other party's level
//! (`低于省定标准的90%`), items of a list whose unit follows the last one
//! (`分别提高11.1、11.2个百分点`); changes of a rate's level are
//! `figures/percentage-point`'s.
//!
//! **Follows** GB/T 15835—2011 (出版物上数字用法: a figure is written with
//! its unit) and statistical convention (百分数之差用“百分点”表示).

use std::sync::LazyLock;

use crate::figures::{Figure, Kind};
use crate::finding::{Category, Severity, Span};
use crate::rules::{FigureRule, Meta, Sink, WithFigures};
use crate::text::{char_at, is_han};

use super::common::{label_before, verb_before};

pub struct LostUnit;

static META: Meta = Meta {
    id: "figures/lost-unit",
    category: Category::Figure,
    severity: Severity::Warning,
    description: "数字缺少单位或单位用错（增长2.9，、增速高于全市0.3%、共有6997中小学）",
};

#[cfg(not(test))]
static DATA: &str = crate::compact_table!(include_bytes!("lost_unit.tsv"), &[3, 4]);
#[cfg(test)]
static DATA: &str = include_str!("lost_unit.tsv");

/// The rows of one kind: (word, extra), longest word first.
fn kind(k: &str) -> Vec<(&'static str, &'static str)> {
    let mut v: Vec<(&'static str, &'static str)> = DATA
        .lines()
        .filter_map(|l| {
            let mut c = l.split('\t');
            (c.next() == Some(k)).then(|| (c.next().unwrap_or(""), c.next().unwrap_or("-")))
        })
        .filter(|(w, _)| !w.is_empty())
        .collect();
    crate::sort::sort_by_key(&mut v, |w| std::cmp::Reverse(w.0.len()));
    v
}

static COUNTERS: LazyLock<Vec<(&str, &str)>> = LazyLock::new(|| kind("counter"));
static NOUNS: LazyLock<Vec<(&str, &str)>> = LazyLock::new(|| kind("noun"));
static COMPARE: LazyLock<Vec<(&str, &str)>> = LazyLock::new(|| kind("compare"));
static RATES: LazyLock<Vec<(&str, &str)>> = LazyLock::new(|| kind("rate"));

/// Where a clause ends.
fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | '、' | ',' | ';' | '\n' | '！' | '？'
    )
}

/// A bare number that can be read as a figure (not quoted, not a range).
fn bare(f: &Figure) -> bool {
    f.kind == Kind::Bare && f.unit.is_empty() && !f.quoted && !f.range && f.broken.is_none()
}

/// The text of the clause before byte `at` (back to the last clause mark).
fn clause_before(text: &str, at: usize) -> &str {
    let head = &text[..at];
    let start = head
        .char_indices()
        .rev()
        .take(40)
        .find(|&(_, c)| ends_clause(c))
        .map_or_else(
            || {
                head.char_indices()
                    .rev()
                    .take(40)
                    .last()
                    .map_or(at, |(i, _)| i)
            },
            |(i, c)| i + c.len_utf8(),
        );
    &head[start..]
}

fn names_rate(s: &str) -> bool {
    RATES.iter().any(|(r, _)| s.contains(r)) && !s.ends_with("效率")
}

/// `增长2.9，`: a growth or rate with no unit at the clause's end.
fn lost_percent(text: &str, f: &Figure) -> Option<String> {
    if !bare(f) || f.decimals == 0 && f.value.abs() >= 100.0 {
        return None;
    }
    // At the clause's end; not in a list whose unit comes after its last
    // item (`分别提高11.1、11.2个百分点`).
    let after = char_at(text, f.span.end)?;
    if !ends_clause(after) || after == '、' {
        return None;
    }
    let number = &text[f.span.start..f.span.end];
    if let Some((_, s, e)) = verb_before(text, f.span.start) {
        let verb = &text[s..e];
        // A count's change (`增加3，`) may have lost any unit; a growth a `%`.
        let grows = !matches!(verb, "增加" | "减少");
        return grows.then(|| {
            format!(
                "“{verb}{number}”缺少单位：增幅应写“%”（如“{number}%”），比率之差写“个百分点”。"
            )
        });
    }
    let label = label_before(text, f.span.start, 8);
    (f.decimals > 0 && (label.ends_with("占比") || label.ends_with("比重")))
        .then(|| format!("“{label}{number}”缺少单位：应为“{number}%”。"))
}

/// `增速高于全市0.3%`: a difference of rates in `%`; `prev` is the
/// figure before it in the sentence.
fn rate_difference(text: &str, f: &Figure, prev: Option<&Figure>) -> Option<String> {
    if f.kind != Kind::Percent || f.quoted || f.range {
        return None;
    }
    let clause = clause_before(text, f.span.start);
    let (at, word) = COMPARE
        .iter()
        .filter_map(|(w, _)| clause.rfind(w).map(|i| (i, *w)))
        .max_by_key(|&(i, _)| i)?;
    // Between the comparison and the figure: only the other party (全市, 全省平均水平).
    // Not a threshold (`比例不低于80%`: nothing compared) nor a level
    // (`低于省定标准的90%`: the figure is the other party's rate).
    let between = &clause[at + word.len()..];
    if between.is_empty()
        || between.ends_with('的')
        || between.chars().count() > 10
        || !between.chars().all(is_han)
    {
        return None;
    }
    let subject = &clause[..at];
    let rate = if subject.chars().any(is_han) {
        names_rate(subject)
    } else {
        // `…率达到99.2%，高于全省0.5%`: the rate is the figure before.
        prev.is_some_and(|p| {
            p.kind == Kind::Percent
                && (names_rate(label_before(text, p.span.start, 10))
                    || verb_before(text, p.span.start).is_some())
        })
    };
    let number = &text[f.span.start..f.num_end];
    rate.then(|| {
        format!("两个比率相差用“个百分点”：“{word}{between}{number}%”应为“{number}个百分点”。")
    })
}

/// `共有6997中小学`: a count after a counting verb with no measure word.
fn lost_measure(text: &str, f: &Figure) -> Option<(Span, String)> {
    if !bare(f) || f.decimals > 0 || f.in_paren {
        return None;
    }
    let head = &text[..f.span.start];
    let counter = COUNTERS.iter().find(|(c, _)| head.ends_with(c))?.0;
    // `有` alone only after a place (`全县有58学校`), not inside a word (`没有`, `具有`).
    if counter == "有"
        && !["县", "市", "区", "镇", "乡", "省", "共", "现", "还"]
            .iter()
            .any(|p| head[..head.len() - counter.len()].ends_with(p))
    {
        return None;
    }
    let rest = &text[f.span.end..];
    let (noun, measure) = NOUNS.iter().find(|(n, _)| rest.starts_with(n))?;
    let number = &text[f.span.start..f.span.end];
    Some((
        Span::new(f.span.start, f.span.end + noun.len()),
        format!("“{number}{noun}”缺少量词：应为“{number}{measure}{noun}”。"),
    ))
}

impl FigureRule for LostUnit {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &WithFigures, sink: &mut Sink) {
        let text = cx.doc.text;
        for (_, fs) in cx.figures.by_sentence() {
            for (k, f) in fs.iter().enumerate() {
                let prev = k.checked_sub(1).and_then(|j| fs.get(j));
                if let Some(m) = lost_percent(text, f) {
                    sink.emit(f.span, m, None);
                } else if let Some(m) = rate_difference(text, f, prev) {
                    let unit = Span::new(f.num_end, f.span.end);
                    sink.emit(unit, m, Some("个百分点".into()));
                } else if let Some((span, m)) = lost_measure(text, f) {
                    sink.emit(span, m, None);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::figures::run;

    #[test]
    fn every_row_fires_on_its_example_and_not_on_its_counterexample() {
        let mut rows = 0;
        for l in DATA.lines().filter(|l| !l.starts_with('#')) {
            let c: Vec<&str> = l.split('\t').collect();
            if c.len() < 5 {
                continue;
            }
            rows += 1;
            let (word, pos, neg) = (c[1], c[3], c[4]);
            assert!(pos.contains(word), "{word}: example lacks it");
            assert_eq!(
                run(&LostUnit, pos).len(),
                1,
                "{word}: «{pos}»: {:?}",
                run(&LostUnit, pos)
            );
            assert!(
                run(&LostUnit, neg).is_empty(),
                "{word}: «{neg}»: {:?}",
                run(&LostUnit, neg)
            );
        }
        assert!(rows >= 35, "{rows}");
    }

    #[test]
    fn fires() {
        assert_eq!(
            run(&LostUnit, "一般公共预算收入增长2.9，高于预期。").len(),
            1
        );
        assert_eq!(run(&LostUnit, "女教师占比达到68.9。").len(), 1);
        assert_eq!(
            run(&LostUnit, "全县地区生产总值增长6.2%，增速高于全市0.3%。"),
            [("%".to_string(), Some("个百分点".to_string()))]
        );
        assert_eq!(
            run(&LostUnit, "义务教育巩固率达到99.2%，高于全省平均水平0.5%。"),
            [("%".to_string(), Some("个百分点".to_string()))]
        );
        assert_eq!(
            run(&LostUnit, "全县共有6997中小学。"),
            [("6997中小学".to_string(), None)]
        );
    }

    #[test]
    fn quiet() {
        for ok in [
            "一般公共预算收入增长2.9%，增长2.9倍，增加3所。",
            "教育经费增长8.2%，高于全省1.5个百分点。",
            "教育支出12.5亿元，高于上年0.3%。",
            "北京101中学，第3中学，全县没有1学校缺编",
            "减少3，",
            "占比分别提高11.1、11.2个百分点，比例不低于80%，不得低于50%。",
            "标准班额占比80.84%，低于省定标准的90%。",
            "",
        ] {
            assert!(
                run(&LostUnit, ok).is_empty(),
                "{ok}: {:?}",
                run(&LostUnit, ok)
            );
        }
    }
}
