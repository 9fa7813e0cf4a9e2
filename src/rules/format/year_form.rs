//! `format/year-form`: years abbreviated or written with the wrong zero.
//!
//! **What it checks.**
//! - a two-digit year in a date (`23年3月`), and the second year of a range
//!   cut to two digits (`2019-20年` → `2019-2020年`, a certain fix);
//! - a Chinese-numeral year whose zero is `○` (circle), `0`, `O` or `０`
//!   instead of `〇` (`二○二四年` → `二〇二四年`).
//!
//! **Why it matters.** GB/T 15835 and GB/T 9704 write years in full; `○` is
//! a geometric shape, not the numeral zero.
//!
//! **Not flagged.** Durations (`近10年`, `工作23年`, `10年来`) — a two-digit
//! year is only recognised before a month; item numbers glued to a year
//! (`16.2021年`); correct `二〇二四年`; placeholders `二○○○` are left to
//! `figures/placeholder` when not part of a year.
//!
//! **Follows** GB/T 15835—2011 §4.1.3 / §5.2.1 (年份不能简写；“〇”用于
//! 汉字数字年份) and GB/T 9704—2012 §7.3.5 (年份应标全称).

use std::sync::LazyLock;

use regex::Regex;

use crate::context::Context;
use crate::finding::{Category, Severity, Span};
use crate::rules::{Meta, Rule, Sink};
use crate::text::char_before;

pub struct YearForm;

static META: Meta = Meta {
    id: "format/year-form",
    category: Category::Figure,
    severity: Severity::Warning,
    description: "年份简写（23年3月、2019-20年）或“〇”写成○/0/O",
};

static SHORT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9]{2}年[0-9]{1,2}月").expect("short year regex"));
static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)[0-9]{2})年?\s*[-—～~至到]\s*([0-9]{2})(?:年|学年)")
        .expect("range regex")
});
static CN_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[〇一二三四五六七八九○0OＯ０]{4}年").expect("cn year regex"));

fn is_cn_digit(c: char) -> bool {
    "〇一二三四五六七八九".contains(c)
}

impl Rule for YearForm {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        let digit_before = |at: usize| {
            char_before(text, at).is_some_and(|c| c.is_ascii_digit() || c == '.' || c == '-')
        };
        for m in SHORT.find_iter(text) {
            if digit_before(m.start()) {
                continue;
            }
            let yy = Span::new(m.start(), m.start() + 2);
            sink.emit(
                Span::new(yy.start, yy.end + '年'.len_utf8()),
                format!(
                    "年份“{}年”不能简写，应写全（如“20{}年”）。",
                    &text[yy.start..yy.end],
                    &text[yy.start..yy.end]
                ),
                None,
            );
        }
        for c in RANGE.captures_iter(text) {
            let (Some(first), Some(second)) = (c.get(1), c.get(2)) else {
                continue;
            };
            if digit_before(first.start()) {
                continue;
            }
            let (Ok(y1), Ok(y2)) = (
                first.as_str().parse::<u32>(),
                second.as_str().parse::<u32>(),
            ) else {
                continue;
            };
            let mut full = y1 / 100 * 100 + y2;
            if full < y1 {
                full += 100;
            }
            if full <= y1 || full - y1 > 30 {
                continue;
            }
            sink.emit(
                Span::new(second.start(), second.end()),
                format!("年份范围的后一年不能简写，应写作“{full}”。"),
                Some(full.to_string()),
            );
        }
        for m in CN_YEAR.find_iter(text) {
            let s = m.as_str();
            let year: Vec<char> = s.chars().take(4).collect();
            let has_cn = year.iter().any(|&c| is_cn_digit(c) && c != '〇');
            let bad = year.iter().any(|&c| "○0OＯ０".contains(c));
            if !(has_cn && bad) || char_before(text, m.start()).is_some_and(is_cn_digit) {
                continue;
            }
            let fixed: String = year
                .iter()
                .map(|&c| if "○0OＯ０".contains(c) { '〇' } else { c })
                .collect();
            let end = m.end() - '年'.len_utf8();
            sink.emit(
                Span::new(m.start(), end),
                format!("汉字数字年份里的零应写作“〇”：“{fixed}年”。"),
                Some(fixed),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    #[test]
    fn fires() {
        assert_eq!(run(&YearForm, "于23年3月完成"), [("23年".into(), None)]);
        assert_eq!(
            run(&YearForm, "2019-20年度"),
            [("20".into(), Some("2020".into()))]
        );
        assert_eq!(
            run(&YearForm, "2019—20学年"),
            [("20".into(), Some("2020".into()))]
        );
        assert_eq!(
            run(&YearForm, "1999-00年"),
            [("00".into(), Some("2000".into()))]
        );
        assert_eq!(
            run(&YearForm, "二○二四年"),
            [("二○二四".into(), Some("二〇二四".into()))]
        );
        assert_eq!(
            run(&YearForm, "二0二0年"),
            [("二0二0".into(), Some("二〇二〇".into()))]
        );
        assert_eq!(
            run(&YearForm, "二O二一年"),
            [("二O二一".into(), Some("二〇二一".into()))]
        );
    }

    #[test]
    fn quiet() {
        for ok in [
            "近10年来，工作23年",
            "2023年3月",
            "16.2021年3月",
            "2019-2023年",
            "2021年—2023年",
            "二〇二四年",
            "2020年",
            "累计10年",
            "",
        ] {
            assert!(
                run(&YearForm, ok).is_empty(),
                "{ok}: {:?}",
                run(&YearForm, ok)
            );
        }
    }
}
