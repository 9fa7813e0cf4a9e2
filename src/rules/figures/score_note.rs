//! `figures/score-note`: a score note that is not written `(分值X分,自评Y分)`.
//!
//! **What it checks.** Notes that lost a bracket or the unit 分:
//! `…增长了17.88%分值1.5分,自评1.5`, `…作用分值2分,自评2分)`,
//! `(权重26.2分,自评25.3`.
//!
//! **Why it matters.** The note is how the reviewer finds the score of each
//! item; a note run into the sentence or cut off reads as part of the text,
//! and `自评1.5` without 分 is not a score.
//!
//! **Example.** `分值1.5分,自评1.5` → `(分值1.5分,自评1.5分)`.
//!
//! **Not flagged.** Well-formed notes with ASCII or full-width brackets
//! (`(分值1分,自评1分)`, `（权重11分，自评11分）`), wherever they stand in the
//! sentence; the `。(…)。` punctuation around them (a punctuation rule's concern).
//!
//! **Follows** the evaluation indicator system's score sheet form.

use crate::finding::{Category, Severity};
use crate::rules::{FigureRule, Meta, Sink, WithFigures};

use super::score_notes::notes;

pub struct ScoreNote;

static META: Meta = Meta {
    id: "figures/score-note",
    category: Category::Score,
    severity: Severity::Warning,
    description: "评分标注不规范（缺括号或缺“分”）",
};

impl FigureRule for ScoreNote {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &WithFigures, sink: &mut Sink) {
        let text = cx.doc.text;
        for n in notes(cx) {
            if n.defects.is_empty() {
                continue;
            }
            let shown = text.get(n.span.start..n.span.end).unwrap_or("");
            let word = match n.key {
                super::score_notes::Key::Weight => "权重",
                super::score_notes::Key::Max => "分值",
            };
            let num = |f: &crate::figures::Figure| {
                text.get(f.span.start..f.num_end).unwrap_or("").to_string()
            };
            sink.emit(
                n.span,
                format!(
                    "评分标注“{shown}”不规范（{}）：应写作“（{word}{}分，自评{}分）”。",
                    n.defects.join("、"),
                    num(n.max),
                    num(n.own)
                ),
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::figures::{findings, spans};

    #[test]
    fn malformed_notes() {
        let t = "16.2021年比2020年增长了21.77%分值1.5分,自评1.5\n";
        let f = findings(&ScoreNote, t);
        assert_eq!(spans(&ScoreNote, t), ["分值1.5分,自评1.5"]);
        assert!(
            f[0].message
                .contains("缺少左括号、缺少右括号、自评缺少“分”"),
            "{}",
            f[0].message
        );
        assert_eq!(
            spans(&ScoreNote, "发挥战斗堡垒作用分值2分,自评2分)。"),
            ["分值2分,自评2分)"]
        );
        assert_eq!(
            spans(&ScoreNote, ")健全教育保障机制(权重26.2分,自评25.3\n"),
            ["(权重26.2分,自评25.3"]
        );
        assert_eq!(
            spans(&ScoreNote, "达标率9.62%。(分值1.5分,自评1.5分\n"),
            ["(分值1.5分,自评1.5分"]
        );
    }

    #[test]
    fn well_formed_notes_pass() {
        for t in [
            "全面落实普法宣传和依法治教工作(分值1分,自评1分)。",
            "得到有力保障。(分值2分,自评2分)",
            "(一)贯彻执行党的教育方针(权重11分,自评11分)",
            "（一）党的领导（权重11分，自评11分）",
            "33.我区暂无普通高中。(分值2分,自评2分)。",
            "送教上门9人。((分值1分,自评1分)。",
        ] {
            assert!(spans(&ScoreNote, t).is_empty(), "{t}");
        }
    }
}
