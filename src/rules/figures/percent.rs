//! `figures/percent-over-100`: a share or rate above 100 %.
//!
//! **What it checks.** A percentage above 100 stated for a share that cannot
//! exceed the whole: `占比`, `比例`, `比重`, `占…的`, and rates such as
//! `覆盖率`, `巩固率`, `达标率`, `合格率`, `入学率` (but not `毛入学率`).
//!
//! **Why it matters.** 120 % of the pupils cannot be covered; the figure or
//! the word is wrong.
//!
//! **Example.** `随迁子女在公办学校就读比例达105%` → at most 100 %.
//!
//! **Not flagged.** `毛入学率为139%` (gross enrolment counts pupils of any
//! age, so it may exceed 100 %), growth rates (`增长120%`), `完成率`,
//! `执行率` and other rates that may exceed the plan, and `占` a plan, a
//! target, a task or a budget (`完成投资额占年度计划的115%`, `惠及学生
//! 1.9万人次，占计划的102.3%`: over-fulfilment, not a share).
//!
//! **Follows** the evaluation indicator system (definitions of its rates).

use crate::figures::Kind;
use crate::finding::{Category, Severity};
use crate::rules::{FigureRule, Meta, Sink, WithFigures};

use super::common::{label_before, plain, verb_before};

pub struct PercentOver100;

static META: Meta = Meta {
    id: "figures/percent-over-100",
    category: Category::Figure,
    severity: Severity::Error,
    description: "占比或比率超过100%",
};

/// Shares of a whole: never above 100 %.
const SHARES: &[&str] = &[
    "占比",
    "比例",
    "比重",
    "覆盖率",
    "覆盖面",
    "巩固率",
    "普及率",
    "达标率",
    "合格率",
    "优良率",
    "优秀率",
    "及格率",
    "近视率",
    "检出率",
    "接入率",
    "配备率",
    "录取率",
    "升学率",
    "普惠率",
    "入园率",
    "到位率",
    "参保率",
    "设置率",
    "安装率",
    "关停率",
    "完好率",
    "入学率",
    "就读率",
    "资助率",
    "覆盖",
];

/// `占` compares with what a figure may exceed, not with a whole: a plan,
/// a target, a task or a budget (`完成投资额占年度计划`).
fn of_a_target(label: &str) -> bool {
    ["计划", "目标", "任务", "预算"]
        .iter()
        .any(|w| label.contains(w))
}

impl FigureRule for PercentOver100 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &WithFigures, sink: &mut Sink) {
        let text = cx.doc.text;
        for f in &cx.figures.list {
            if f.kind != Kind::Percent || f.value <= 100.0 || f.quoted || f.range {
                continue;
            }
            if verb_before(text, f.span.start).is_some() {
                continue;
            }
            let label = label_before(text, f.span.start, 12);
            let label = label.strip_suffix('的').unwrap_or(label);
            if label.ends_with("毛入学率") {
                continue;
            }
            let share = SHARES.iter().any(|s| label.ends_with(s))
                || (label.contains('占') && !label.contains("占地") && !of_a_target(label));
            if !share {
                continue;
            }
            let shown = text.get(f.span.start..f.span.end).unwrap_or("");
            sink.emit(
                f.span,
                format!(
                    "“{label}”是部分占整体的比例，不应超过100%，文中为{}%。请核对数据或指标名称。",
                    plain(f.value)
                ),
                None,
            );
            let _ = shown;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::figures::spans;

    fn found(text: &str) -> Vec<String> {
        spans(&PercentOver100, text)
    }

    #[test]
    fn fires_on_shares_above_100() {
        assert_eq!(found("随迁子女在公办学校就读比例达105%。"), ["105%"]);
        assert_eq!(found("义务教育巩固率为100.5%,"), ["100.5%"]);
        assert_eq!(found("占全市的112%,"), ["112%"]);
        assert_eq!(found("农村学生占全县学生的103%。"), ["103%"]);
    }

    #[test]
    fn quiet_otherwise() {
        for t in [
            "初三毕业生6746人,毛入学率为139%,",
            "比上年增长120%",
            "任务完成率120%",
            "覆盖率100%",
            "“四个100%”",
            "增幅达150%",
            "累计发放助学金2860万元，惠及学生1.9万人次，占计划的102.3%。",
            "完成投资额占年度计划的115%，超额完成15个百分点。",
            "招生人数占招生计划的103.5%",
            "全年支出占预算的101.2%",
        ] {
            assert!(found(t).is_empty(), "{t}");
        }
    }
}
