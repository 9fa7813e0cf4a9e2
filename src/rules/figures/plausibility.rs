//! `figures/plausibility`: figures a proofreader would query although no sum
//! is wrong.
//!
//! **What it checks.**
//! - exam rooms against candidates: `标准化考场3569间` for `报名人数为3750人`
//!   is about one candidate a room (a room seats about 30);
//! - a subsidy per head: `资助资金18.02万元,资助学生2.13万人次` is 8.5元 a head;
//! - a whole education budget under 10万元 (`教育投入2.21万元`,
//!   `预算内经费拨款8.93万元`): usually a lost digit or a wrong unit.
//!
//! **Why it matters.** Such figures usually hide a lost digit or a wrong
//! unit; the reviewer will ask.
//!
//! **Example.** `报名人数为3750人，设标准化考场3569间` → about one candidate a room: check the number of rooms.
//!
//! **Not flagged.** Per-pupil amounts (`生均`, `人均`, `每生`), approximate
//! figures, rooms and candidates in different sentences. Info only: the
//! figure may be right.
//!
//! **Follows** the evaluation indicator system (figures must be credible).

use crate::figures::Figure;
use crate::finding::{Category, Severity};
use crate::rules::{FigureRule, Meta, Sink, WithFigures};

use super::common::{fmt, label_before};

pub struct Plausibility;

static META: Meta = Meta {
    id: "figures/plausibility",
    category: Category::Figure,
    severity: Severity::Info,
    description: "数据不合常理，可能漏了数字或单位",
};

const BUDGETS: &[&str] = &["教育投入", "教育支出", "教育经费", "经费拨款"];
const PER_HEAD: &[&str] = &[
    "生均", "人均", "每生", "每人", "校均", "每所", "每年", "平均",
];

fn exact(f: &Figure) -> bool {
    f.is_exact_amount()
}

impl FigureRule for Plausibility {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &WithFigures, sink: &mut Sink) {
        let text = cx.doc.text;
        let after = |f: &Figure| text.get(f.span.end..).unwrap_or("");
        for (_, fs) in cx.figures.by_sentence() {
            let rooms = fs.iter().find(|f| {
                exact(f)
                    && matches!(f.unit, "间" | "个")
                    && (label_before(text, f.span.start, 8).ends_with("考场")
                        || after(f).starts_with("考场"))
            });
            // The people are looked for only where there are rooms.
            let people = || {
                fs.iter().find(|f| {
                    exact(f)
                        && matches!(f.unit, "人" | "名")
                        && (["报名", "考生", "考试人数"]
                            .iter()
                            .any(|w| label_before(text, f.span.start, 10).contains(w))
                            || after(f).starts_with("考生"))
                })
            };
            if let Some((r, p)) = rooms.and_then(|r| Some((r, people()?))) {
                if r.base() > 0.0 && p.base() / r.base() < 5.0 {
                    sink.emit(
                        r.span,
                        format!(
                            "考场数与考生数不相称：{} ÷ {} ≈ 每间{}人（标准考场约30人），请核对考场数。",
                            fmt(p.base(), 0),
                            fmt(r.base(), 0),
                            fmt(p.base() / r.base(), 1)
                        ),
                        None,
                    );
                }
            }
            let money = fs.iter().find(|f| {
                exact(f) && f.unit == "元" && label_before(text, f.span.start, 10).contains("资助")
            });
            let heads = || {
                fs.iter().find(|f| {
                    exact(f)
                        && matches!(f.unit, "人" | "名" | "人次")
                        && label_before(text, f.span.start, 10).contains("资助")
                })
            };
            if let Some((m, h)) = money.and_then(|m| Some((m, heads()?))) {
                if m.span.start < h.span.start && h.base() > 0.0 && m.base() / h.base() < 50.0 {
                    sink.emit(
                        m.span,
                        format!(
                            "人均资助额偏低：{}元 ÷ {}人次 ≈ {}元，请核对金额或人数（是否漏了数字或单位）。",
                            fmt(m.base(), 0),
                            fmt(h.base(), 0),
                            fmt(m.base() / h.base(), 1)
                        ),
                        None,
                    );
                }
            }
            for f in fs {
                if !exact(f) || f.unit != "元" || f.base() >= 100_000.0 || f.scale == 1.0 {
                    continue;
                }
                let label = label_before(text, f.span.start, 30);
                let Some(name) = BUDGETS.iter().find(|b| label.ends_with(*b)) else {
                    continue;
                };
                if !PER_HEAD.iter().any(|p| label.contains(p)) {
                    let shown = text.get(f.span.start..f.span.end).unwrap_or("");
                    sink.emit(
                        f.span,
                        format!(
                            "“{name}{shown}”作为整体经费明显偏小，请核对是否漏了数字或写错单位。"
                        ),
                        None,
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::figures::spans;

    fn found(t: &str) -> Vec<String> {
        spans(&Plausibility, t)
    }

    #[test]
    fn queries_implausible_figures() {
        assert_eq!(
            found("现有标准化考点学校8所,试卷保密室8间,标准化考场3569间,2021年高考报名人数为3750人,能够满足需求。"),
            ["3569间"]
        );
        assert_eq!(
            found("2017年落实资助资金18.02万元,资助学生2.13万人次,实现全覆盖。"),
            ["18.02万元"]
        );
        assert_eq!(
            found("三是2017年师级财政预算安排教育投入2.21万元,占全师支出的1.%。"),
            ["2.21万元"]
        );
        assert_eq!(
            found("职业技术学校预算内经费拨款8.93万元,比上年增长34.3%。"),
            ["8.93万元"]
        );
    }

    #[test]
    fn plausible_figures_pass() {
        for t in [
            "我区现有5个标准化考点共计268间考场,可一次性容纳8040名考生。",
            "落实资助资金1802万元,资助学生2.13万人次。",
            "全县一般公共预算教育支出52680万元。",
            "生均教育经费2.1万元。",
            "教师培训经费9.37万元。",
            "按在校学生人数平均的一般公共预算教育支出为1.26万元,",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }
}
