//! `figures/growth-rate`: a growth rate that does not follow from its amounts.
//!
//! **What it checks.** A sentence that gives two amounts of one quantity (two
//! years, or `比上年`/`较上年度` with the base, or `由…到…`) or an amount plus
//! `比上年增加X`, then a rate (`增长17.88%`, `同比增长1.24%`, `提升幅度32%`,
//! `下降5%`): the rate is recomputed as (new − old) ÷ old and compared with
//! the stated one, allowing the rounding the text shows (±0.05 at two
//! decimals, ±0.1 at one, ±1 for a whole percentage).
//!
//! **Why it matters.** Reviewers recompute growth rates; a wrong one in a
//! report to the 督导 office undermines every other figure in it. A common
//! slip is dividing by the new year instead of the old.
//!
//! **Example.** `2021年…77673万元,2020年…63787万元,2021年比2020年增长了17.88%`
//! → 77673 ÷ 63787 − 1 = 21.77%, not 17.88%.
//!
//! **Not flagged.** A yearly average over several years (`年均增长`,
//! `平均每年增长`) or a change in real terms (`实际增长`); a rate whose
//! clause names another subject (`…增加4个，校舍建设投资增长9.6%`). One
//! amount and a rate only (`2020年达60010.6万元,较上年
//! 增长4.3%`: nothing to recompute); approximate amounts (`约`, `余`, `多`);
//! amounts in different units; rates that agree within their rounding.
//!
//! **Follows** the evaluation indicator system (经费“两个只增不减”: 一般公共预算
//! 教育支出逐年只增不减, 生均支出逐年只增不减), whose figures are checked this way.

use crate::figures::{Figure, Kind};
use crate::finding::{Category, Severity};
use crate::pattern::Pattern;
use crate::rules::{FigureRule, Meta, Sink, WithFigures};

use std::sync::LazyLock;

use regex::Regex;

use super::common::{
    back, diff_verb_before, fmt, has_comparison, plain, rate_tolerance, verb_before, Dir,
};

pub struct GrowthRate;

static META: Meta = Meta {
    id: "figures/growth-rate",
    category: Category::Figure,
    severity: Severity::Error,
    description: "增长率与前后两个数据不符",
};

/// How the old and new amounts of a change were found.
#[derive(Debug)]
pub(super) enum Basis<'f> {
    /// One amount and the increment stated with a verb (`74489万元,比上年增加1191万元`).
    Increment {
        new: &'f Figure,
        inc: &'f Figure,
        dir: Dir,
    },
    /// Both amounts (`2020年…63787万元`, `2021年…77673万元`).
    Two { old: &'f Figure, new: &'f Figure },
}

/// The figures of one sentence that bear on the change stated by `fs[k]`:
/// back to the previous stated rate (or change, when `stop_at_any_change`)
/// or the previous `;`.
fn window<'f>(text: &str, fs: &'f [Figure], k: usize, stop_at_any_change: bool) -> &'f [Figure] {
    let mut from = k;
    // Bounded: a change relates to the few figures just before it.
    while from > 0 && k - from < 24 {
        let prev = &fs[from - 1];
        let gap = text.get(prev.span.end..fs[from].span.start).unwrap_or(";");
        if gap.contains(';') || gap.contains('；') {
            break;
        }
        let is_change = verb_before(text, prev.span.start).is_some()
            && (stop_at_any_change || prev.kind == Kind::Percent);
        if is_change {
            break;
        }
        from -= 1;
    }
    &fs[from..k]
}

/// The years stated in `fs` (a window), latest last.
fn last_year(fs: &[Figure]) -> Option<f64> {
    fs.iter()
        .rev()
        .find(|f| f.kind == Kind::Year && !f.range)
        .map(|f| f.value)
}

/// Orders two amounts `a` (first in the text) and `b` as (old, new): by the
/// years stated before each, by `比/较` before the second (`37所,较上年度28所`),
/// or by `由/从 a 到 b`.
fn order<'f>(
    text: &str,
    win: &'f [Figure],
    ia: usize,
    ib: usize,
) -> Option<(&'f Figure, &'f Figure)> {
    let (a, b) = (&win[ia], &win[ib]);
    let ya = last_year(&win[..ia]);
    let yb = last_year(&win[ia + 1..ib]);
    if let (Some(ya), Some(yb)) = (ya, yb) {
        return match ya.partial_cmp(&yb)? {
            std::cmp::Ordering::Less => Some((a, b)),
            std::cmp::Ordering::Greater => Some((b, a)),
            std::cmp::Ordering::Equal => None,
        };
    }
    let gap = text.get(a.span.end..b.span.start)?;
    if has_comparison(gap) {
        return Some((b, a));
    }
    let head = text.get(..a.span.start)?;
    let from = head.ends_with('由') || head.ends_with('从');
    if from && (gap.contains('到') || gap.contains('至')) {
        return Some((a, b));
    }
    None
}

/// Finds the old and new amounts for the change stated at `fs[k]`.
pub(super) fn basis<'f>(
    text: &str,
    fs: &'f [Figure],
    k: usize,
    for_rate: bool,
) -> Option<Basis<'f>> {
    let win = window(text, fs, k, !for_rate);
    let usable = |f: &Figure| f.kind == Kind::Amount && f.broken.is_none() && !f.range && !f.quoted;
    if !for_rate {
        // An increment: exactly two amounts of its measure before it.
        let inc = &fs[k];
        let idx: Vec<usize> = (0..win.len())
            .filter(|&i| usable(&win[i]) && win[i].same_measure(inc))
            .collect();
        if idx.len() != 2 || idx.iter().any(|&i| win[i].approx) {
            return None;
        }
        let (old, new) = order(text, win, idx[0], idx[1])?;
        return Some(Basis::Two { old, new });
    }
    let inc_at = (0..win.len())
        .rev()
        .find(|&i| usable(&win[i]) && diff_verb_before(text, win[i].span.start).is_some());
    match inc_at {
        Some(d) => {
            let inc = &win[d];
            let (dir, _, _) = diff_verb_before(text, inc.span.start)?;
            let idx: Vec<usize> = (0..d)
                .filter(|&i| usable(&win[i]) && win[i].same_measure(inc))
                .collect();
            if inc.approx || idx.iter().any(|&i| win[i].approx) {
                return None;
            }
            match idx.as_slice() {
                [a] => {
                    let gap = text.get(win[*a].span.end..inc.span.start)?;
                    has_comparison(gap).then_some(Basis::Increment {
                        new: &win[*a],
                        inc,
                        dir,
                    })
                }
                [a, b] => {
                    let (old, new) = order(text, win, *a, *b)?;
                    Some(Basis::Two { old, new })
                }
                _ => None,
            }
        }
        None => {
            let idx: Vec<usize> = (0..win.len()).filter(|&i| usable(&win[i])).collect();
            let [a, b] = idx.as_slice() else { return None };
            if !win[*a].same_measure(&win[*b]) || win[*a].approx || win[*b].approx {
                return None;
            }
            let (old, new) = order(text, win, *a, *b)?;
            Some(Basis::Two { old, new })
        }
    }
}

/// Words right before a change verb that make the change one the amounts do
/// not give: a yearly average over several years (`年均增长`, `平均每年增加`)
/// or a change in real terms (`实际增长`, at constant prices).
static NOT_FROM_AMOUNTS: Pattern = Pattern::new(
    r"(?:年均|平均每年|每年平均|年平均|平均|实际)(?:实际)?$",
    "年均|平均|实际",
);

/// Time and comparison words that may open the clause of a change without
/// naming a subject of their own (`，2021年比2020年增长`, `，同比下降`).
static NO_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:19|20)[0-9]{2}年(?:度)?|[比较](?:上年|去年|上一年)(?:度)?|[比较](?:19|20)[0-9]{2}年(?:度)?|同比|环比|分别|均|共|全年|总体|整体|[\s　])*$",
    )
    .expect("pattern")
});

/// Whether the change whose verb starts at `verb` cannot be checked against
/// amounts that end before `amounts_end`: it is a yearly average or a real
/// change, or its clause names a subject of its own (`…增加36个，制造业投资
/// 增长13.3%`, `…增加4天，PM2.5浓度同比下降8.4%`).
pub(super) fn not_of_these_amounts(text: &str, verb: usize, amounts_end: usize) -> bool {
    let head = text.get(back(text, verb, 24)..verb).unwrap_or("");
    if NOT_FROM_AMOUNTS.is_match(head) {
        return true;
    }
    let window = text
        .get(amounts_end.max(back(text, verb, 90))..verb)
        .unwrap_or("");
    let clause = window
        .rfind(['，', ',', '；', ';', '。'])
        .map(|i| &window[i..])
        .and_then(|c| c.char_indices().nth(1).map(|(j, _)| &c[j..]));
    clause.is_some_and(|c| !NO_SUBJECT.is_match(c))
}

/// The number as written (without magnitude and unit).
pub(super) fn num<'t>(text: &'t str, f: &Figure) -> &'t str {
    text.get(f.span.start..f.num_end).unwrap_or("")
}

impl FigureRule for GrowthRate {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &WithFigures, sink: &mut Sink) {
        let text = cx.doc.text;
        for (_, fs) in cx.figures.by_sentence() {
            for (k, rate) in fs.iter().enumerate() {
                if rate.kind != Kind::Percent || rate.approx || rate.range || rate.broken.is_some()
                {
                    continue;
                }
                let Some((dir, verb, _)) = verb_before(text, rate.span.start) else {
                    continue;
                };
                let Some(basis) = basis(text, fs, k, true) else {
                    continue;
                };
                let amounts_end = match &basis {
                    Basis::Increment { inc, .. } => inc.span.end,
                    Basis::Two { old, new } => old.span.end.max(new.span.end),
                };
                if not_of_these_amounts(text, verb, amounts_end) {
                    continue;
                }
                let stated = match dir {
                    Dir::Up => rate.value,
                    Dir::Down => -rate.value,
                };
                let (old, new, formula) = match basis {
                    Basis::Increment { new, inc, dir } => {
                        if new.scale != inc.scale || inc.value < 0.0 {
                            continue;
                        }
                        let d = match dir {
                            Dir::Up => inc.base(),
                            Dir::Down => -inc.base(),
                        };
                        let sign = if d >= 0.0 { '−' } else { '+' };
                        (
                            new.base() - d,
                            new.base(),
                            format!(
                                "{} ÷ ({} {sign} {})",
                                num(text, inc),
                                num(text, new),
                                num(text, inc)
                            ),
                        )
                    }
                    Basis::Two { old, new } => (
                        old.base(),
                        new.base(),
                        format!("{} ÷ {} − 1", plain(new.value), plain(old.value)),
                    ),
                };
                if old <= 0.0 {
                    continue;
                }
                let computed = (new - old) / old * 100.0;
                let tol = rate_tolerance(rate.decimals) + 1e-9;
                if (computed - stated).abs() <= tol {
                    continue;
                }
                let shown = usize::from(rate.decimals).max(2);
                let mut message = format!(
                    "增长率与数据不符：{formula} = {}%，文中为{}{}%。",
                    fmt(computed, shown),
                    if dir == Dir::Down { "下降" } else { "" },
                    plain(rate.value)
                );
                if new > 0.0 && ((new - old) / new * 100.0 - stated).abs() <= tol {
                    message += "文中数值相当于以本期数为基数计算，增长率应以上期数为基数。";
                }
                message += "请核对增长率或两期数据。";
                sink.emit(rate.span, message, None);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The gated pattern answers as its regex (see `pattern::assert_gate`).
    #[test]
    fn gate_agrees_with_the_pattern() {
        crate::pattern::assert_gate(
            &NOT_FROM_AMOUNTS,
            &["年均实际", "平均每年", "每年平均实际", "年平均", "实际增长"],
        );
    }
    use crate::rules::test_util::figures::{findings, spans};

    fn found(text: &str) -> Vec<String> {
        spans(&GrowthRate, text)
    }

    #[test]
    fn wrong_rates_from_two_years() {
        let t = "16.2021年公共财政教育支出77673万元,2020年公共财政教育支出63787万元,2021年比2020年增长了17.88%";
        let f = findings(&GrowthRate, t);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message
                .contains("77673 ÷ 63787 − 1 = 21.77%，文中为17.88%"),
            "{}",
            f[0].message
        );
        assert!(f[0].message.contains("以本期数为基数"));
        assert_eq!(
            found("2022年教育支出5000万元,2023年教育支出5600万元,同比增长10%。"),
            ["10%"]
        );
        assert_eq!(
            found("2023年生均经费9000元,2022年生均经费10000元,下降了5%。"),
            ["5%"]
        );
    }

    #[test]
    fn wrong_rate_from_amount_and_increment() {
        let t = "2023年全区教育经费80000万元,比上年增加2000万元,增长3.5%。";
        let f = findings(&GrowthRate, t);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message.contains("2000 ÷ (80000 − 2000) = 2.56%"),
            "{}",
            f[0].message
        );
        assert_eq!(
            found("学校40所,较上年度达标30所增加10所,提升幅度为25%。"),
            ["25%"]
        );
    }

    #[test]
    fn right_rates_pass() {
        for t in [
            "2019年州直财政一般公共预算教育支出756568万元,比2018年增长5548万元,增长0.74%。",
            "2019年义务教育阶段生均教育事业费11555.46元,比2018年增加了955.78元,增长9.02%。",
            "xx市2020年一般公共预算教育经费为57314.66万元,2021年为57926.181万元,增长1.07%;",
            "2020年幼儿生均预算内教育事业费为14472.56元,2021年幼儿生均预算内教育事业费为14652元,同比增长1.24%;2020年小学生均预算内教育事业费为15697.66元,2021年小学生均预算内教育事业费为16123元,同比增长2.71%;",
            "2023年全区一般公共预算教育经费74489万元,比上年增加1191万元,增长1.62%,",
            "2021年生均教学及辅助用房面积达标的学校37所,较上年度达标28所增加9所,提升幅度32%,生均体育运动场馆面积达标学校25所,较上年度达标23所增加2所,提升幅度为8.7%。",
            "在校生由1200人增加到1260人,增长5%。",
            "2022年投入4800万元,2023年投入4500万元,下降6.25%。",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", findings(&GrowthRate, t));
        }
    }

    #[test]
    fn not_checkable_is_left_alone() {
        for t in [
            "2020年达60010.6万元,较上年增长4.3%;",
            "投入约5000万元,2021年投入6000万元,增长50%。",
            "投入700余万元,比上年增加100万元,增长50%。",
            "2020年投入5000万元,2021年招生600人,增长50%。",
            "比例22.23%,比2018年增长0.28%。",
            "2021年投入5000万元用于建设,另投入6000万元用于维修,增长8%。",
            // A yearly average over several years; a change at constant prices.
            "全县教育支出由2018年的3.2亿元增加到2023年的4.6亿元，年均增长7.5%。",
            "全县教育支出由2018年的3.2亿元增加到2023年的4.6亿元，平均每年增长7.5%。",
            "城镇居民人均可支配收入由2022年的41000元增加到2023年的43000元，实际增长4.1%。",
            // The rate's clause names another subject.
            "新建校舍项目12个，比上年增加4个，校舍建设投资增长9.6%。",
            "优良天数318天，同比增加6天，细颗粒物浓度同比下降7.2%。",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", findings(&GrowthRate, t));
        }
    }
}
