//! `figures/score-sum`: self-scores that do not add up.
//!
//! **What it checks.** In a scored self-evaluation (`(权重11分,自评11分)` on
//! each indicator group, `(分值1分,自评1分)` on each item):
//! - the items' maxima add up to their group's 权重, and their self-scores to
//!   the group's 自评;
//! - the groups' self-scores add up to the stated `自评总分`;
//! - no self-score exceeds its maximum;
//! - a stated deduction (`扣除0.9`) equals maximum − self-score.
//!
//! A group is a note that says `权重`; its items are the notes saying `分值`
//! that follow, up to the next `权重` (no outline needed).
//!
//! **Why it matters.** The score is what the 督导 office reads first; a sum
//! that does not add up makes the whole self-evaluation doubtful.
//!
//! **Example.** group `(权重11分,自评11分)` whose items give 1+2+2+1+1+2+1 = 10.
//!
//! **Not flagged.** Full marks on items that do not apply (`我区暂无普通高中。
//! (分值2分,自评2分)` is correct by rule); a total stated without groups
//! (`23个测评点自评得分为89.5分`: nothing to add up); a document with several
//! totals (a compilation of reports).
//!
//! **Follows** the evaluation indicator system (评分细则: 各测评点得分之和为总分).

use crate::finding::{Category, Severity};
use crate::rules::{FigureRule, Meta, Sink, WithFigures};

use super::common::plain;
use super::score_notes::{groups, notes, same, sum, totals, Key};

pub struct ScoreSum;

static META: Meta = Meta {
    id: "figures/score-sum",
    category: Category::Score,
    severity: Severity::Error,
    description: "评分合计不符：分项之和、总分、自评超过分值、扣分",
};

fn join(values: impl Iterator<Item = f64>) -> String {
    values.map(plain).collect::<Vec<_>>().join(" + ")
}

impl FigureRule for ScoreSum {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &WithFigures, sink: &mut Sink) {
        let text = cx.doc.text;
        let notes = notes(cx);
        for n in &notes {
            let (max, own) = (n.max.value, n.own.value);
            let word = if n.key == Key::Weight {
                "权重"
            } else {
                "分值"
            };
            if own > max + 1e-9 {
                sink.emit(
                    n.own.span,
                    format!(
                        "自评{}分超过{word}{}分：自评不能高于{word}。",
                        plain(own),
                        plain(max)
                    ),
                    None,
                );
            } else if !n.deductions.is_empty() {
                let off = sum(n.deductions.iter().map(|d| d.value));
                if !same(max - off, own) {
                    sink.emit(
                        n.own.span,
                        format!(
                            "扣分与自评不符：{word}{} − 扣{} = {}分，自评为{}分。",
                            plain(max),
                            plain(off),
                            plain(max - off),
                            plain(own)
                        ),
                        None,
                    );
                }
            }
        }
        let groups = groups(&notes);
        for g in &groups {
            if g.items.is_empty() {
                continue;
            }
            let maxima = sum(g.items.iter().map(|i| i.max.value));
            if !same(maxima, g.head.max.value) {
                sink.emit(
                    g.head.max.span,
                    format!(
                        "本组{}项分值之和为{} = {}分，与权重{}分不符。请核对各项分值或权重。",
                        g.items.len(),
                        join(g.items.iter().map(|i| i.max.value)),
                        plain(maxima),
                        plain(g.head.max.value)
                    ),
                    None,
                );
            }
            let owns = sum(g.items.iter().map(|i| i.own.value));
            if !same(owns, g.head.own.value) {
                sink.emit(
                    g.head.own.span,
                    format!(
                        "本组{}项自评得分之和为{} = {}分，与本组自评{}分不符。请核对。",
                        g.items.len(),
                        join(g.items.iter().map(|i| i.own.value)),
                        plain(owns),
                        plain(g.head.own.value)
                    ),
                    None,
                );
            }
        }
        let stated = totals(text, cx.figures);
        if let ([total], true) = (stated.as_slice(), groups.len() >= 2) {
            let all = sum(groups.iter().map(|g| g.head.own.value));
            if !same(all, total.value) {
                sink.emit(
                    total.span,
                    format!(
                        "各组自评之和为{} = {}分，与自评总分{}分不符。请核对。",
                        join(groups.iter().map(|g| g.head.own.value)),
                        plain(all),
                        plain(total.value)
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
    use crate::rules::test_util::figures::{findings, spans};

    const GOOD: &str = "自评总分27.5分,自评等次为“优秀”。
(一)党的领导(权重3分,自评3分)
1.落实领导责任。(分值1分,自评1分)。
2.加强党建。(分值2分,自评2分)。
(二)经费保障(权重24.5分,自评24.5分)
3.经费只增不减。(分值4.5分,自评4.5分)。
4.我区暂无普通高中。(分值20分,自评20分)。";

    #[test]
    fn consistent_scores_pass() {
        assert!(
            spans(&ScoreSum, GOOD).is_empty(),
            "{:?}",
            findings(&ScoreSum, GOOD)
        );
        let t = "15.大班额占比1.72%,此项扣除0.9分。(分值4分,自评3.1分)。";
        assert!(spans(&ScoreSum, t).is_empty());
    }

    #[test]
    fn sums_that_do_not_add_up() {
        let t = GOOD.replace("(分值2分,自评2分)", "(分值2分,自评1.5分)");
        let f = findings(&ScoreSum, &t);
        let msgs: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(f.len(), 1, "{msgs:?}");
        assert!(
            msgs[0].contains("1 + 1.5 = 2.5分，与本组自评3分不符"),
            "{msgs:?}"
        );
        let t = GOOD.replace("(分值4.5分", "(分值5分");
        let f = findings(&ScoreSum, &t);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0].message.contains("5 + 20 = 25分，与权重24.5分不符"),
            "{f:?}"
        );
        let t = GOOD.replace("自评总分27.5分", "自评总分28分");
        assert_eq!(spans(&ScoreSum, &t), ["28分"]);
    }

    #[test]
    fn self_above_max_and_deductions() {
        assert_eq!(
            spans(&ScoreSum, "1.落实领导责任。(分值1分,自评1.5分)。"),
            ["1.5分"]
        );
        let t = "15.此项扣除0.9分。(分值4分,自评3分)。";
        let f = findings(&ScoreSum, t);
        assert!(
            f[0].message.contains("分值4 − 扣0.9 = 3.1分，自评为3分"),
            "{}",
            f[0].message
        );
    }
}
