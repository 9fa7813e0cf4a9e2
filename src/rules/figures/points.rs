//! `figures/percentage-point`: a change of a rate written in `%` where
//! `个百分点` is meant.
//!
//! **What it checks.** A rate or share given in `%` (`近视检出率为46.27%`,
//! `标准班额占比达到了80.84%`, a share with `占`: `女教师占68.9%`,
//! `占全县的68.9%`, unless right after an amount) followed by its change against an earlier
//! period in `%` (`相比2019年下降了1.5%`), when the change is smaller than the
//! rate itself; and a change of a named rate with no level given
//! (`总近视率较上年度下降1%`). Changes listed with `分别` after such a rate
//! are all reported.
//!
//! **Why it matters.** Between two percentages the difference is in
//! percentage points: a fall from 47.77 % to 46.27 % is 1.5 个百分点, while
//! `下降1.5%` means a relative fall to 47.05 %. A reviewer reads `%` as the
//! relative change and gets the wrong picture.
//!
//! **Example.** `近视检出率为46.27%,相比2019年下降了1.5%` →
//! `下降了1.5个百分点` (if the difference is what is meant).
//!
//! **Not flagged.** A relative change of an amount (`经费…增长4.3%`); a change
//! larger than the rate, which is most likely relative and legitimate
//! (`占财政支出的8.49%,比上年增长34.4%`); a change after a share that follows
//! an amount, most likely the amount's (`支出7.36亿元，占财政支出的21.3%，比上年
//! 增长5.6%`); changes already in `个百分点`.
//! Warning, not error: a relative change of a rate is sometimes meant.
//!
//! **Follows** GB/T 15835—2011 usage and statistical convention (国家统计局:
//! 百分数之差用“百分点”表示).

use crate::figures::{Figure, Kind};
use crate::finding::{Category, Severity};
use crate::rules::{FigureRule, Meta, Sink, WithFigures};

use super::common::{has_comparison, label_before, plain, verb_before};

pub struct PercentagePoint;

static META: Meta = Meta {
    id: "figures/percentage-point",
    category: Category::Figure,
    severity: Severity::Warning,
    description: "比率的增减用“%”表示，应为“个百分点”",
};

/// Names of a level that is itself a percentage.
const RATE_NAMES: &[&str] = &["率", "比例", "占比", "比重", "比率", "水平"];

fn is_rate_label(label: &str) -> bool {
    RATE_NAMES.iter().any(|n| label.ends_with(n)) && !label.ends_with("增长率")
}

/// A share stated with `占`: `女教师占`, `占全县的` (not `占地…的`, an area).
fn is_share_label(label: &str) -> bool {
    label.ends_with('占')
        || label
            .rsplit_once('占')
            .is_some_and(|(_, of)| of.ends_with('的') && !of.starts_with('地'))
}

fn usable(f: &Figure) -> bool {
    f.kind == Kind::Percent && !f.quoted && !f.range && f.broken.is_none() && !f.approx
}

impl FigureRule for PercentagePoint {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &WithFigures, sink: &mut Sink) {
        let text = cx.doc.text;
        for (sentence, fs) in cx.figures.by_sentence() {
            // The level of the last `…率为A%` seen in this clause group.
            let mut level: Option<&Figure> = None;
            let mut chained = false;
            // End of the previous percentage (or `;`), where a change's wording starts.
            let mut from = sentence.start;
            for (k, f) in fs.iter().enumerate() {
                let gap_before = k
                    .checked_sub(1)
                    .and_then(|j| text.get(fs[j].span.end..f.span.start))
                    .unwrap_or("");
                if gap_before.contains([';', '；']) {
                    level = None;
                    chained = false;
                    from = k.checked_sub(1).map_or(sentence.start, |j| fs[j].span.end);
                }
                if !usable(f) {
                    chained = false;
                    continue;
                }
                let continued = chained && matches!(gap_before, "、" | "和");
                let verb = verb_before(text, f.span.start).or(continued.then_some((
                    super::common::Dir::Up,
                    f.span.start,
                    f.span.start,
                )));
                let Some((_, verb_start, _)) = verb else {
                    // A level: `…率为A%` / `…占比达到了A%`.
                    chained = false;
                    from = f.span.end;
                    let label = label_before(text, f.span.start, 12);
                    // A share right after an amount (`支出7.36亿元，占…的21.3%，
                    // 比上年增长5.6%`): the change is most likely the amount's.
                    let after_amount = k.checked_sub(1).is_some_and(|j| {
                        fs[j].kind != Kind::Percent && gap_before.chars().count() <= 16
                    });
                    if is_rate_label(label) || (is_share_label(label) && !after_amount) {
                        level = Some(f);
                    }
                    continue;
                };
                // A change: a comparison since the previous percentage.
                let lead = text.get(from..verb_start).unwrap_or("");
                from = f.span.end;
                let compared = has_comparison(lead) || lead.contains("同比");
                let flagged = if continued {
                    true
                } else if !compared {
                    false
                } else if let Some(l) = level.filter(|l| l.span.end <= from) {
                    // Only a change smaller than the level it changes.
                    // ... and stated right after it (`率A%,比上年…`), not of
                    // another subject (`率A%,经费比上年…`).
                    let gap = text.get(l.span.end..verb_start).unwrap_or("");
                    let gap = gap.trim_start_matches([',', '，']);
                    f.value < l.value
                        && ["比", "较", "相比", "同比"]
                            .iter()
                            .any(|c| gap.starts_with(c))
                        && gap.chars().count() <= 20
                } else {
                    // `总近视率较上年度下降1%`: the rate named right before.
                    let before_cmp = lead
                        .find(['比', '较', '同'])
                        .and_then(|i| lead.get(..i))
                        .unwrap_or("");
                    let named = label_before(before_cmp, before_cmp.len(), 12);
                    let clause = before_cmp.rsplit([',', '，']).next().unwrap_or("");
                    is_rate_label(named) && named == clause
                };
                if !flagged {
                    chained = false;
                    continue;
                }
                chained = true;
                let shown = text.get(f.span.start..f.span.end).unwrap_or("");
                let fix = format!(
                    "{}个百分点",
                    text.get(f.span.start..f.num_end).unwrap_or("")
                );
                sink.emit(
                    f.span,
                    format!(
                        "比率的升降“{shown}”宜写作“{fix}”：两个百分数之差用“个百分点”表示；若{}%确指相对变化，请忽略。",
                        plain(f.value)
                    ),
                    None,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::figures::spans;

    fn found(text: &str) -> Vec<String> {
        spans(&PercentagePoint, text)
    }

    #[test]
    fn rate_changes_in_percent() {
        assert_eq!(
            found("全市儿童青少年近视检出率为46.27%,相比2019年下降了1.5%。"),
            ["1.5%"]
        );
        assert_eq!(
            found("标准班额占比达到了80.84%,较去年相比增长了13.49%。"),
            ["13.49%"]
        );
        assert_eq!(found("综合达标率9.62%,较去年增长了7.62%。"), ["7.62%"]);
        assert_eq!(
            found("小学标准班额(45人/班)比率62.27%,较上年提高0.18%;初中标准班额(50人/班)比率88.48%,较上年提高0.29%。"),
            ["0.18%", "0.29%"]
        );
        assert_eq!(
            found("占一般公共预算财政总支出的比例22.23%,比2018年增长0.28%。"),
            ["0.28%"]
        );
        assert_eq!(
            found("语文学科普通话二甲水平达100%,其他学科二乙水平达100%,比培训前分别提高了8.12%、11.12%。"),
            ["8.12%", "11.12%"]
        );
        assert_eq!(found("课程开设齐全,总近视率较上年度下降1%;"), ["1%"]);
        // A share stated with 占 is a rate level too.
        assert_eq!(found("女教师占68.9%，比上年提高0.7%。"), ["0.7%"]);
        assert_eq!(found("女教师占比68.9%，比上年提高0.7%。"), ["0.7%"]);
        assert_eq!(
            found("女教师占全县专任教师的68.9%，比上年提高0.7%。"),
            ["0.7%"]
        );
    }

    #[test]
    fn legitimate_changes_pass() {
        for t in [
            "预算内经费占财政支出的8.49%,比上年增长34.4%;",
            "2020年全县中小学生近视率54.71%,较2019年降低1.25个百分点。",
            "2020年达60010.6万元,较上年增长4.3%;",
            "生均经费12000元,比上年增长5%。",
            "巩固率达到99%,教育经费比上年增长5%。",
            "近视率54.71%。教育经费比上年增长5%。",
            "教育经费占财政支出的8.49%，比上年增长34.4%。",
            "女教师占68.9%，比上年提高0.7个百分点。",
            "学校占地的12.5%为绿地，比上年增长3%。",
            "教育事业费支出7.36亿元，占财政支出的21.3%，比上年增长5.6%。",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }
}
