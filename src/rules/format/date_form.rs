//! `format/date-form`: dates in running text not written `2023年3月5日`.
//!
//! **What it checks.** Dates written with points or slashes (`2023.3.5`,
//! `2023/3/5`) and months or days with a leading zero (`03月`, `05日`). The
//! fix is certain: `2023.3.5` → `2023年3月5日`, `03月` → `3月`.
//!
//! **Why it matters.** 公文 write dates in full with 年月日 and do not pad
//! months and days (不编虚位).
//!
//! **Not flagged.** `10月`, `2023年12月1日`; decimals (`2023.5万元`); item
//! numbers (`16.2021年`); quoted event dates (`“10.26”`, `“4.22”地球日`);
//! ISO dates in web-residue lines (`上传日期:2023-11-14`); a line that is
//! only a date (the 落款's 成文日期, checked whole by `structure/sections`).
//!
//! **Follows** GB/T 9704—2012 §7.3.5.1 (成文日期用阿拉伯数字将年、月、日
//! 标全，年份应标全称，月、日不编虚位) and GB/T 15835—2011 §4.1.1.

use std::sync::LazyLock;

use regex::Regex;

use crate::context::Context;
use crate::finding::{Category, Severity, Span};
use crate::rules::{Meta, Rule, Sink};
use crate::text::{char_at, char_before};

use super::residue::residue_lines;

pub struct DateForm;

static META: Meta = Meta {
    id: "format/date-form",
    category: Category::Figure,
    severity: Severity::Warning,
    description: "日期写法不规范（2023.3.5、2023/3/5、03月）",
};

static DOTTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)[0-9]{2})([./])([0-9]{1,2})([./])([0-9]{1,2})").expect("date regex")
});
static PADDED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"0([1-9])([月日])").expect("padded regex"));

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日\s*$").expect("date line regex")
});

/// A line that is only a date: the 成文日期 of the 落款, whose form
/// `structure/sections` checks (and fixes) as a whole.
fn is_date_line(cx: &Context, at: usize) -> bool {
    let li = cx.doc.line_index(at);
    cx.doc
        .lines()
        .get(li)
        .is_some_and(|&l| DATE_LINE.is_match(cx.doc.slice(l)))
}

impl Rule for DateForm {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        let residue = residue_lines(cx);
        let in_residue = |at: usize| residue.get(cx.doc.line_index(at)).copied().unwrap_or(false);
        for c in DOTTED.captures_iter(text) {
            let (Some(all), Some(y), Some(s1), Some(mo), Some(s2), Some(d)) =
                (c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5))
            else {
                continue;
            };
            let (Ok(month), Ok(day)) = (mo.as_str().parse::<u32>(), d.as_str().parse::<u32>())
            else {
                continue;
            };
            let boundary = |ch: Option<char>| {
                ch.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '/')
            };
            if s1.as_str() != s2.as_str()
                || !(1..=12).contains(&month)
                || !(1..=31).contains(&day)
                || boundary(char_before(text, all.start()))
                || boundary(char_at(text, all.end()))
                || cx.doc.in_url(all.start())
                || in_residue(all.start())
            {
                continue;
            }
            let fix = format!("{}年{month}月{day}日", y.as_str());
            sink.emit(
                Span::new(all.start(), all.end()),
                format!("日期“{}”应写作“{fix}”。", all.as_str()),
                Some(fix),
            );
        }
        for c in PADDED.captures_iter(text) {
            let (Some(all), Some(d), Some(unit)) = (c.get(0), c.get(1), c.get(2)) else {
                continue;
            };
            if char_before(text, all.start()).is_some_and(|c| c.is_ascii_digit())
                || in_residue(all.start())
                || is_date_line(cx, all.start())
            {
                continue;
            }
            let fix = format!("{}{}", d.as_str(), unit.as_str());
            sink.emit(
                Span::new(all.start(), all.end()),
                format!("“{}”：月、日不编虚位，应写作“{fix}”。", all.as_str()),
                Some(fix),
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
        assert_eq!(
            run(&DateForm, "于2023.3.5召开"),
            [("2023.3.5".into(), Some("2023年3月5日".into()))]
        );
        assert_eq!(
            run(&DateForm, "于2023/03/05召开"),
            [("2023/03/05".into(), Some("2023年3月5日".into()))]
        );
        assert_eq!(
            run(&DateForm, "于2021年03月05日召开"),
            [
                ("03月".into(), Some("3月".into())),
                ("05日".into(), Some("5日".into()))
            ]
        );
    }

    #[test]
    fn quiet() {
        for ok in [
            "2024年11月26日",
            "10月",
            "投入2023.5万元",
            "16.2021年",
            "“10.26”外来流窜人员",
            "2023.3.5.1版本",
            "格式:DOC 上传日期:2023/11/14 09:14:15",
            "2023.13.5",
            "河西区人民政府\n2025年01月08日",
            "",
        ] {
            assert!(
                run(&DateForm, ok).is_empty(),
                "{ok}: {:?}",
                run(&DateForm, ok)
            );
        }
    }
}
