//! `format/date-form`: dates in running text not written `2023年3月5日`.
//!
//! **What it checks.** Dates written with points or slashes (`2023.3.5`,
//! `2023/3/5`) and months or days with a leading zero (`03月`, `05日`). The
//! fix is certain: `2023.3.5` → `2023年3月5日`, `03月` → `3月`.
//!
//! **Why it matters.** 公文 write dates in full with 年月日 and do not pad
//! months and days (不编虚位).
//!
//! **Example.** `于2023.3.5召开` → `于2023年3月5日召开`; `2024年03月` → `2024年3月`.
//!
//! **Not flagged.** `10月`, `2023年12月1日`; decimals (`2023.5万元`); item
//! numbers (`16.2021年`); quoted event dates (`“10.26”`, `“4.22”地球日`);
//! ISO dates in web-residue lines (`上传日期:2023-11-14`); a line that is
//! only a date (the 落款's 成文日期, checked whole by `structure/sections`).
//!
//! **Follows** GB/T 9704—2012 §7.3.5.1 (成文日期用阿拉伯数字将年、月、日
//! 标全，年份应标全称，月、日不编虚位) and GB/T 15835—2011 §4.1.1.

use crate::context::Context;
use crate::document::Document;
use crate::finding::{Category, Severity, Span};
use crate::rules::{Meta, Rule, Sink};
use crate::text::{char_at, char_before, Leads};

use super::residue::residue_lines;

pub struct DateForm;

static META: Meta = Meta {
    id: "format/date-form",
    category: Category::Figure,
    severity: Severity::Warning,
    description: "日期写法不规范（2023.3.5、2023/3/5、03月）",
};

/// The end of the one or two ASCII digits at `at`, if any are there.
fn one_or_two(b: &[u8], at: usize) -> Option<usize> {
    let n = b
        .get(at..)?
        .iter()
        .take(2)
        .take_while(|x| x.is_ascii_digit())
        .count();
    (n > 0).then_some(at + n)
}

/// A dotted or slashed date `2023.3.5`, `2023/03/05` (the two separators
/// may differ; the rule checks that): the whole, the month and the day.
/// The year is the first four bytes, each separator the byte before its part.
pub(crate) struct Dotted {
    pub all: Span,
    pub month: Span,
    pub day: Span,
}

/// The dotted date that starts with the `1` or `2` at `at`, if any.
fn dotted_at(b: &[u8], at: usize) -> Option<Dotted> {
    let sep = |i: usize| matches!(b.get(i), Some(b'.' | b'/'));
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let century = if b[at] == b'1' { b'9' } else { b'0' };
    if b.get(at + 1) != Some(&century) || !digit(at + 2) || !digit(at + 3) || !sep(at + 4) {
        return None;
    }
    let month = one_or_two(b, at + 5).filter(|&m| sep(m))?;
    let day = one_or_two(b, month + 1)?;
    Some(Dotted {
        all: Span::new(at, day),
        month: Span::new(at + 5, month),
        day: Span::new(month + 1, day),
    })
}

/// Where the first digit of a date may be.
static DIGITS: Leads = Leads::chars("012");

/// In one scan: every dotted date (in order, not overlapping), and every
/// `03月`, `05日` (a month or day with a leading zero).
pub(crate) fn dates(doc: &Document) -> (Vec<Dotted>, Vec<Span>) {
    let text = doc.text;
    let mut scan = doc.scan(&DIGITS);
    let b = text.as_bytes();
    let (mut dotted, mut padded) = (Vec::new(), Vec::new());
    let mut dotted_from = 0;
    // A dotted date is eight ASCII chars or more, all in one run; the digit
    // before the 月 or 日 of `03月` ends its run (they are Han chars). Only
    // such runs are read.
    let runs = doc
        .runs()
        .holding(&DIGITS)
        .filter(|run| run.end - run.start >= 8 || text[run.end..].starts_with(['月', '日']));
    for run in runs {
        for (at, c) in scan.within(run) {
            let from = at + 1;
            if c != '0' {
                if at >= dotted_from {
                    if let Some(d) = dotted_at(b, at) {
                        dotted_from = d.all.end;
                        dotted.push(d);
                    }
                }
                continue;
            }
            let rest = &text[from..];
            if rest.starts_with(|d: char| matches!(d, '1'..='9'))
                && (rest[1..].starts_with('月') || rest[1..].starts_with('日'))
            {
                padded.push(Span::new(at, from + 1 + '月'.len_utf8()));
            }
        }
    }
    (dotted, padded)
}

/// `2024年1月8日` with nothing else but white space on the line.
fn date_only(line: &str) -> bool {
    let s = line.trim();
    let b = s.as_bytes();
    if b.len() < 4 || !b[..4].iter().all(u8::is_ascii_digit) || !s[4..].starts_with('年') {
        return false;
    }
    let mut i = 4 + '年'.len_utf8();
    for unit in ['月', '日'] {
        match one_or_two(b, i) {
            Some(e) if s[e..].starts_with(unit) => i = e + unit.len_utf8(),
            _ => return false,
        }
    }
    i == s.len()
}

/// A line that is only a date: the 成文日期 of the 落款, whose form
/// `structure/sections` checks (and fixes) as a whole.
fn is_date_line(cx: &Context, at: usize) -> bool {
    let li = cx.doc.line_index(at);
    cx.doc
        .lines()
        .get(li)
        .is_some_and(|l| date_only(cx.doc.slice(l)))
}

impl Rule for DateForm {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        let residue = residue_lines(cx);
        let in_residue = |at: usize| residue.get(cx.doc.line_index(at)).copied().unwrap_or(false);
        let (dotted, padded) = dates(&cx.doc);
        for date in dotted {
            let (start, end) = (date.all.start, date.all.end);
            let (Ok(month), Ok(day)) = (
                text[date.month.start..date.month.end].parse::<u32>(),
                text[date.day.start..date.day.end].parse::<u32>(),
            ) else {
                continue;
            };
            let boundary = |ch: Option<char>| {
                ch.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '/')
            };
            let sep = |part: Span| text.as_bytes()[part.start - 1];
            if sep(date.month) != sep(date.day)
                || !(1..=12).contains(&month)
                || !(1..=31).contains(&day)
                || boundary(char_before(text, start))
                || boundary(char_at(text, end))
                || cx.doc.in_url(start)
                || in_residue(start)
            {
                continue;
            }
            let fix = format!("{}年{month}月{day}日", &text[start..start + 4]);
            sink.emit(
                Span::new(start, end),
                format!("日期“{}”应写作“{fix}”。", &text[start..end]),
                Some(fix),
            );
        }
        for all in padded {
            if char_before(text, all.start).is_some_and(|c| c.is_ascii_digit())
                || in_residue(all.start)
                || is_date_line(cx, all.start)
            {
                continue;
            }
            let fix = &text[all.start + 1..all.end];
            sink.emit(
                all,
                format!(
                    "“{}”：月、日不编虚位，应写作“{fix}”。",
                    &text[all.start..all.end]
                ),
                Some(fix.to_string()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    /// The dates found in the runs that may hold one are those found by
    /// reading every `0`, `1` and `2` of the text.
    #[test]
    fn runs_find_what_every_digit_finds() {
        let reference = |text: &str| {
            let b = text.as_bytes();
            let (mut dotted, mut padded, mut dotted_from) = (Vec::new(), Vec::new(), 0);
            for (at, c) in text.char_indices().filter(|&(_, c)| matches!(c, '0'..='2')) {
                let rest = &text[at + 1..];
                if c != '0' {
                    if let Some(d) = dotted_at(b, at).filter(|_| at >= dotted_from) {
                        dotted_from = d.all.end;
                        dotted.push((d.all, d.month, d.day));
                    }
                } else if rest.starts_with(|d: char| matches!(d, '1'..='9'))
                    && rest[1..].starts_with(['月', '日'])
                {
                    padded.push(Span::new(at, at + 2 + '月'.len_utf8()));
                }
            }
            (dotted, padded)
        };
        let toks = [
            "2023.3.5",
            "2023/03/05",
            "1999.12.31",
            "03月",
            "05日",
            "0",
            "1",
            "2",
            ".",
            "/",
            "月",
            "日",
            "年",
            "教",
            " ",
            "20",
            "23",
            "2023.",
            "3.5",
            "09月",
            "x",
        ];
        let mut hits = 0;
        for t in crate::rules::test_util::pieced_texts(&toks, 4000, 14, 0x2545_F491_4F6C_DD1Du64) {
            let (dotted, padded) = dates(&Document::new(&t));
            let got: Vec<_> = dotted.iter().map(|d| (d.all, d.month, d.day)).collect();
            hits += dotted.len() + padded.len();
            assert_eq!((got, padded), reference(&t), "{t}");
        }
        assert!(hits > 1000, "{hits}");
    }

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
