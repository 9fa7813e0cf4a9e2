//! `figures/lost-digit`: a number or unit that went missing.
//!
//! **What it checks.**
//! - a decimal point with no digits before or after it (`录取率.4%`, `44.%`);
//! - a measure word with no number, among items that have one
//!   (`党员981人,党总支个,党支部23个`, `行政处罚10项、行政给付项、`), or right
//!   after a verb that needs a count (`印发了份`, `均未超过人,`);
//! - money with `万`/`亿` but no `元` (`预算近5800万资金`, `购房补贴36.3万,`) or
//!   a per-pupil standard with no unit at all (`每生每年1400标准`).
//!
//! **Why it matters.** The reader cannot tell the figure; in a report on
//! indicators the missing number is usually the one the reviewer needs.
//!
//! **Example.** `党总支个` → fill in the number of 党总支.
//!
//! **Not flagged.** An item number at the start of a line or a table cell
//! (`⇥1.门诊…`: `门` is a measure word too); the sum of a list (`思政、体育
//! 等重点专项，…36项`); version numbers (`2.0`), quoted event dates (`“10.26”`),
//! masked figures (`*所`, a placeholder rule's concern), words that end in a
//! measure character (`派出所`) next to items of another measure,
//! `个别`/`个人`/`项目`, populations (`46.06万人`).
//!
//! **Follows** GB/T 15835—2011 (出版物上数字用法: a figure is written with its
//! number and unit) and the indicator system.

use std::sync::LazyLock;

use regex::Regex;

use crate::context::Context;
use crate::figures::{Broken, Figure, Kind};
use crate::finding::{Category, Severity, Span};
use crate::rules::{FigureRule, Meta, Sink, WithFigures};
use crate::text::is_han;
use crate::words::WordList;

pub struct LostDigit;

static META: Meta = Meta {
    id: "figures/lost-digit",
    category: Category::Figure,
    severity: Severity::Error,
    description: "数字或单位缺失（.4%、44.%、党总支个、5800万资金）",
};

/// Verbs that take a count, and the measure words that may follow them
/// with the number lost (`印发了份`).
const COUNT_VERBS: &[&str] = &[
    "印发了",
    "制定了",
    "出台了",
    "下发了",
    "转发了",
    "召开了",
    "开展了",
    "举办了",
    "组织了",
];
const VERB_MEASURES: &[char] = &['份', '个', '次', '场', '期', '项', '件'];
/// What may follow such a measure word as part of a longer word (`个别`, `项目`).
const WORD_AFTER: &[char] = &[
    '别', '人', '性', '体', '案', '额', '目', '日', '年', '数', '月', '位', '子', '内', '外',
];
/// Limits that take a head count (`均未超过人,`).
const LIMIT_WORDS: &[&str] = &["未超过", "不超过", "超过", "不足", "达到"];
// (longest first: `未超过` is reported as such, not as `超过`)
/// Money words: `万` without `元` next to them is money missing its unit.
const MONEY: &[&str] = &[
    "资金", "经费", "补贴", "补助", "奖励", "投入", "拨款", "预算", "收入", "支出", "奖金",
];

/// An item number with its point, where items are numbered: at the start
/// of a line or a table cell, after a space or a heading's bracket
/// (`⇥1.门诊人次数`, `（二）⇥3.项目`). The point is the item's, not a
/// decimal point that lost its digits.
static ITEM_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s\x{3000}）)])[0-9]{1,3}[.．]$").expect("pattern"));

fn is_sep(c: char) -> bool {
    matches!(c, '、' | ',' | '，' | ';' | '；')
}

fn is_punct_end(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        matches!(
            c,
            ',' | '，' | '、' | ';' | '；' | '。' | ')' | '）' | ':' | '：'
        )
    })
}

/// Single-character measure words counted one by one.
fn count_unit(f: &Figure) -> Option<char> {
    if !f.is_count() || f.quoted {
        return None;
    }
    let mut cs = f.unit.chars();
    let c = cs.next()?;
    cs.next().is_none().then_some(c)
}

/// An item of a list with its measure word and no number (`党总支个`).
fn numberless_item(item: &str, unit: char) -> bool {
    let item = item.trim();
    // `甲、乙等重大专项`: the sum of a list, not an item of one.
    if item.contains('等') {
        return false;
    }
    let mut rev = item.chars().rev();
    if rev.next() != Some(unit) {
        return false;
    }
    let n = item.chars().count();
    (2..=12).contains(&n)
        && rev.next().is_some_and(is_han)
        && !item.chars().any(
            |c| matches!(c, '0'..='9' | '*' | 'x' | 'X' | '×' | '_' | '＿' | '○' | '０'..='９'),
        )
        && !item.contains(['“', '”', '《', '》', '(', ')', '（', '）'])
}

impl LostDigit {
    fn broken(text: &str, f: &Figure, sink: &mut Sink) {
        let shown = text.get(f.span.start..f.span.end).unwrap_or("");
        let message = match f.broken {
            Some(Broken::LeadingDot) => {
                format!("“{shown}”小数点前缺少数字：请补全该数字。")
            }
            Some(Broken::TrailingDot) => {
                let head = super::common::back(text, f.span.start, 4);
                if ITEM_NUMBER.is_match(text.get(head..f.num_end).unwrap_or("")) {
                    return;
                }
                format!("“{shown}”小数点后缺少数字：请补全该数字，或删去小数点。")
            }
            None => return,
        };
        sink.emit(f.span, message, None);
    }

    /// Items next to `f` (same measure word) that lost their number.
    fn siblings(text: &str, f: &Figure, unit: char, flagged: &mut Vec<usize>, sink: &mut Sink) {
        let mut emit = |at: usize, item: &str, sink: &mut Sink| {
            if flagged.contains(&at) {
                return;
            }
            flagged.push(at);
            sink.emit(
                Span::new(at, at + unit.len_utf8()),
                format!(
                    "“{}”缺少数字：同列的其他项都有数量，请补上此项的数量。",
                    item.trim()
                ),
                None,
            );
        };
        // Forward: `行政处罚10项、行政给付项、行政检查1项`.
        let mut pos = f.span.end;
        for _ in 0..5 {
            let Some(sep) = text.get(pos..).and_then(|t| t.chars().next()) else {
                break;
            };
            if !is_sep(sep) {
                break;
            }
            let start = pos + sep.len_utf8();
            let rest = text
                .get(start..super::common::ahead(text, start, 60))
                .unwrap_or("");
            let len = rest
                .char_indices()
                .find(|&(_, c)| is_sep(c) || matches!(c, '。' | ')' | '）' | '\n'))
                .map_or(rest.len(), |(i, _)| i);
            let item = &rest[..len];
            if !numberless_item(item, unit) {
                break;
            }
            // The unit ends the item less its trailing blanks (`党总支个 ，`).
            emit(start + item.trim_end().len() - unit.len_utf8(), item, sink);
            pos = start + len;
        }
        // Backward: `党总支个,党支部23个` (within a bounded window).
        let from = super::common::back(text, f.span.start, 120);
        let head = text.get(from..f.span.start).unwrap_or("");
        // The item's own separator, at most 40 bytes back: searched no further.
        let near = super::common::back(text, f.span.start, 40).max(from) - from;
        let Some(own) = head.get(near..).and_then(|t| t.rfind(is_sep)) else {
            return;
        };
        let own = near + own;
        let before = &head[..own];
        if !before.ends_with(unit) {
            return;
        }
        let prev_start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| is_sep(c) || matches!(c, '。' | '(' | '（' | ':' | '：' | '\n'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let item = &before[prev_start..];
        if numberless_item(item, unit) {
            emit(from + own - unit.len_utf8(), item, sink);
        }
    }

    fn money_unit(text: &str, f: &Figure, sink: &mut Sink) {
        let no_unit_money = f.scale != 1.0 && f.unit.is_empty();
        if f.quoted || !(no_unit_money || f.kind == Kind::Bare) {
            return;
        }
        let after = text.get(f.span.end..).unwrap_or("");
        let head = text.get(..f.span.start).unwrap_or("");
        let near = crate::text::last_chars(head, 8);
        let shown = text.get(f.span.start..f.span.end).unwrap_or("");
        if f.scale != 1.0 {
            let money_after = MONEY.iter().any(|m| after.starts_with(m));
            let money_before =
                MONEY.iter().any(|m| near.contains(m)) && is_punct_end(after.chars().next());
            if money_after || money_before {
                sink.emit(
                    f.span,
                    format!("金额“{shown}”缺少单位“元”：应写作“{shown}元”。"),
                    Some(format!("{shown}元")),
                );
            }
        } else if f.kind == Kind::Bare
            && after.starts_with("标准")
            && ["每生每年", "生均", "每生"]
                .iter()
                .any(|p| head.ends_with(p))
        {
            sink.emit(
                f.span,
                format!("“{shown}”缺少单位：生均标准应写作“{shown}元”。"),
                Some(format!("{shown}元")),
            );
        }
    }

    /// `印发了份`, `均未超过人,`: found from the last character of the verb
    /// (`了`, `过`, `足`, `到`: one `memchr`-driven pass each), not by
    /// decoding every character.
    fn after_words(cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        let mut words = cx.words(&SEEDS);
        let (mut from, mut done) = (0, usize::MAX);
        while let Some((start, i)) = words.find_from(from) {
            from = start + 1;
            let Some((word, m)) = seed(i) else { break };
            let at = start + word.len();
            // Where two words end at one measure (超过人, 未超过人), the
            // longer comes first and is the one named.
            if at == done {
                continue;
            }
            let next = text[at + m.len_utf8()..].chars().next();
            let ok = if word.ends_with('了') {
                !next.is_some_and(|n| WORD_AFTER.contains(&n))
            } else {
                is_punct_end(next)
            };
            if ok {
                done = at;
                sink.emit(
                    Span::new(at, at + m.len_utf8()),
                    format!("“{word}{m}”缺少数量：请在“{m}”前补上数字。"),
                    None,
                );
            }
        }
    }
}

/// What [`LostDigit`] looks for after a count verb or a limit word: the
/// word and the measure (or `人`/`名`) right after it, by index of [`seeds`].
fn seed(i: usize) -> Option<(&'static str, char)> {
    let verbs = COUNT_VERBS.len() * VERB_MEASURES.len();
    if i < verbs {
        let v = COUNT_VERBS.get(i / VERB_MEASURES.len())?;
        return Some((v, *VERB_MEASURES.get(i % VERB_MEASURES.len())?));
    }
    let i = i - verbs;
    Some((LIMIT_WORDS.get(i / 2)?, *['人', '名'].get(i % 2)?))
}

/// The words [`seed`] describes, in its order.
fn seeds() -> Vec<String> {
    let n = COUNT_VERBS.len() * VERB_MEASURES.len() + LIMIT_WORDS.len() * 2;
    (0..n)
        .filter_map(seed)
        .map(|(w, m)| format!("{w}{m}"))
        .collect()
}

/// The words [`seed`] describes, found by the check's one word search.
static SEEDS: WordList = WordList::new(seeds);

impl FigureRule for LostDigit {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn words(&self) -> Option<&'static WordList> {
        Some(&SEEDS)
    }

    fn check(&self, cx: &WithFigures, sink: &mut Sink) {
        let text = cx.doc.text;
        let mut flagged = Vec::new();
        for f in &cx.figures.list {
            if f.quoted {
                continue;
            }
            if f.broken.is_some() {
                Self::broken(text, f, sink);
                continue;
            }
            if let Some(unit) = count_unit(f) {
                Self::siblings(text, f, unit, &mut flagged, sink);
            }
            Self::money_unit(text, f, sink);
        }
        Self::after_words(cx, sink);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::figures::{run, spans};

    fn found(text: &str) -> Vec<String> {
        spans(&LostDigit, text)
    }

    #[test]
    fn broken_decimals() {
        assert_eq!(
            found("普通高中录取率.4%,职业学校录取率44.%,"),
            [".4%", "44.%"]
        );
        assert_eq!(found("占财政支出的.3%,比上年增长1.%;"), [".3%", "1.%"]);
    }

    #[test]
    fn numberless_items() {
        assert_eq!(found("党员981人,党总支个,党支部23个,党小组7个。"), ["个"]);
        assert_eq!(
            found("权力清单40项(行政许可10项、行政处罚10项、行政给付项、行政检查1项)"),
            ["项"]
        );
        assert_eq!(
            found("责任清单(行政给付类责任17项、行政检查类责任项、行政确认类责任项、行政奖励类责任4项)"),
            ["项", "项"]
        );
        assert_eq!(found("先后印发了份意识形态相关的文件"), ["份"]);
        assert_eq!(found("招收的残疾学生均未超过人,所以"), ["人"]);
    }

    #[test]
    fn unit_before_a_blank_is_marked_whole() {
        // A space or line end before the separator: the span is still `个`.
        assert_eq!(found("党委2个,党总支个 ,党支部58个。"), ["个"]);
        assert_eq!(found("党委2个，党总支个\r\n，党支部58个。"), ["个"]);
    }

    #[test]
    fn money_without_unit() {
        assert_eq!(
            run(&LostDigit, "预算近5800万资金强化校园安保工作"),
            [("5800万".to_string(), Some("5800万元".to_string()))]
        );
        assert_eq!(
            run(&LostDigit, "补助购房补贴36.3万,租房补贴4.2万元"),
            [("36.3万".to_string(), Some("36.3万元".to_string()))]
        );
        assert_eq!(
            run(&LostDigit, "初中按每生每年1400标准列入预算"),
            [("1400".to_string(), Some("1400元".to_string()))]
        );
    }

    #[test]
    fn trigger_characters_cover_the_words() {
        assert!(COUNT_VERBS.iter().all(|v| v.ends_with('了')));
        assert!(LIMIT_WORDS.iter().all(|w| w.ends_with(['过', '足', '到'])));
        assert_eq!(found("不足名。达到人"), ["名", "人"]);
    }

    #[test]
    fn quiet_on_look_alikes() {
        for t in [
            "版本2.0发布",
            "“10.26”外来流窜人员",
            "常住人口56.56万人,户籍人口46.06万,",
            "联系派出所3个、司法所,",
            "*县下辖*镇*街道,学校*所、幼儿园*所",
            "开展了个别谈话,制定了项目方案,召开了个人述职会",
            "达到人均水平",
            "党员981人,党总支3个,党支部23个。",
            "一是…;二是…。",
            // Item numbers in a table row and at a line start.
            "一、教学质量\t（一）课程实施\t1.门诊式辅导覆盖率\t定量",
            "2.门类齐全的课后服务",
            // The sum of a list ends in a word with a measure character.
            "实施思政、体育等重点专项，完成督导检查36项。",
            "拓展研学、托管等服务市场，举办展示活动12场。",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }
}
