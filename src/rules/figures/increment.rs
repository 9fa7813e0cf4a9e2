//! `figures/increment`: an increase or difference that does not match its two amounts.
//!
//! **What it checks.** A sentence that gives two amounts of one measure (two
//! years, or `比`/`较` before the base) and then the change between them with
//! a verb (`增加9所`, `增长5548万元`, `高11046元`, `减少3人`): new − old must
//! equal the stated change, within the rounding the figures show.
//!
//! **Why it matters.** A reviewer subtracts; a difference that does not
//! match means one of the three figures is wrong.
//!
//! **Example.** `学校40所,较上年度达标30所增加12所` → 40 − 30 = 10, not 12.
//!
//! **Not flagged.** A yearly average (`平均每年增加2053万元`) or a change
//! whose clause names another subject (see `figures/growth-rate`); approximate figures (`余`, `多`, `约`); amounts of another
//! measure; a change with only one amount before it (nothing to subtract);
//! `比2018年的1.27万元增长-0.01万元` (the arithmetic is right; the wording is
//! `figures/negative-growth`'s concern).
//!
//! **Follows** the evaluation indicator system (figures must be consistent).

use crate::finding::{Category, Severity};
use crate::rules::{FigureRule, Meta, Sink, WithFigures};

use super::common::{agree, diff_verb_before, plain, Dir};
use super::growth::{basis, not_of_these_amounts, num, Basis};

pub struct Increment;

static META: Meta = Meta {
    id: "figures/increment",
    category: Category::Figure,
    severity: Severity::Error,
    description: "增减量与前后两个数据之差不符",
};

impl FigureRule for Increment {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &WithFigures, sink: &mut Sink) {
        let text = cx.doc.text;
        for (_, fs) in cx.figures.by_sentence() {
            for (k, inc) in fs.iter().enumerate() {
                if !inc.is_exact_amount() {
                    continue;
                }
                let Some((dir, verb, _)) = diff_verb_before(text, inc.span.start) else {
                    continue;
                };
                let Some(Basis::Two { old, new }) = basis(text, fs, k, false) else {
                    continue;
                };
                if not_of_these_amounts(text, verb, old.span.end.max(new.span.end)) {
                    continue;
                }
                let d = match dir {
                    Dir::Up => inc.base(),
                    Dir::Down => -inc.base(),
                };
                let diff = new.base() - old.base();
                if agree(diff, d, &[old, new, inc]) {
                    continue;
                }
                let unit = |f: &crate::figures::Figure| {
                    text.get(f.num_end..f.span.end).unwrap_or("").to_string()
                };
                let message = format!(
                    "增减量与数据不符：{}{} − {}{} = {}{}，文中为{}。请核对这三个数据。",
                    num(text, new),
                    unit(new),
                    num(text, old),
                    unit(old),
                    plain(diff / inc.scale),
                    unit(inc),
                    text.get(inc.span.start..inc.span.end).unwrap_or(""),
                );
                sink.emit(inc.span, message, None);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::figures::{findings, spans};

    fn found(text: &str) -> Vec<String> {
        spans(&Increment, text)
    }

    #[test]
    fn wrong_differences() {
        let t = "学校40所,较上年度达标30所增加12所,提升幅度为25%。";
        let f = findings(&Increment, t);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message.contains("40所 − 30所 = 10所，文中为12所"),
            "{}",
            f[0].message
        );
        assert_eq!(
            found("教师年平均工资78000元,比公务员年平均工资66892元高11046元。"),
            ["11046元"]
        );
        assert_eq!(
            found("2022年在校生1200人,2023年在校生1150人,减少60人。"),
            ["60人"]
        );
    }

    #[test]
    fn right_differences_pass() {
        for t in [
            "义务教育阶段教师年平均工资77938元,比公务员年平均工资66892元高11046元,",
            "2021年生均教学及辅助用房面积达标的学校37所,较上年度达标28所增加9所,提升幅度32%,生均体育运动场馆面积达标学校25所,较上年度达标23所增加2所,提升幅度为8.7%。",
            "按在校学生人数平均的一般公共预算教育支出为1.26万元,比2018年的1.27万元增长-0.01万元,基本与上年持平。",
            "2022年在校生1200人,2023年在校生1150人,减少50人。",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", findings(&Increment, t));
        }
    }

    #[test]
    fn approximate_or_single_amounts_are_left_alone() {
        for t in [
            "教育支出由2018年的3.2亿元增加到2023年的4.6亿元，平均每年增加2800万元。",
            "教育支出由2018年的3.2亿元增加到2023年的4.6亿元，年均增加2800万元。",
            "拨款700余万元,比上年400万元增加200万元。",
            "2023年全区一般公共预算教育经费74489万元,比上年增加1191万元,增长1.62%,",
            "学校40所,较上年度达标30人增加12所。",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", findings(&Increment, t));
        }
    }
}
