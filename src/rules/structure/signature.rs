//! `structure/signature`: the 落款 — issuer and date at the end.
//!
//! **What it checks.** The last lines of each report (before attachments,
//! 附注 and 版记 lines): the date line (成文日期) with the issuer's name on
//! the line above it. Reported: a date not written `2024年11月26日` (with
//! the certain fix, e.g. `2024.1.05` → `2024年1月5日`, and a date in
//! Chinese numerals → its Arabic form), a date with no day, a date without
//! the issuer above it, an issuer without the date below it. A report
//! with neither is reported by `structure/sections` ("缺少“落款”部分").
//!
//! **Why it matters.** The 落款 says who issues the report and when; a
//! report without it is not an official document.
//!
//! **Example.** A report ending `青川县人民政府` / `2025.1.15` → "成文日期应写作“2025年1月15日”".
//!
//! **Not flagged.** A date in full-width digits here (`format/fullwidth-digit`
//! reports those); attachments printed after the 落款 (`附件1` …); the 附注
//! `（联系人：…）` and `抄送`/`印发` lines below the date; issuers ending
//! in 政府, 局, 委员会, 学校, 幼儿园, 办事处 ….
//!
//! **Follows** GB/T 9704—2012 §7.3.5 (发文机关署名、成文日期; §7.3.5.4: 成文日期中的
//! 数字用阿拉伯数字将年、月、日标全，年份应标全称，月、日不编虚位), §7.3.6 (附注),
//! §7.3.7 (附件), §7.4 (版记).

use std::sync::LazyLock;

use regex::Regex;

use crate::context::Context;
use crate::finding::{Category, Severity};
use crate::rules::{Meta, Rule, Sink};
use crate::text::is_han;

use super::sections::{emit, Check, ContentLines, Emit, Found, Line, Spec};

pub struct Signature;

static META: Meta = Meta {
    id: "structure/signature",
    category: Category::Section,
    severity: Severity::Warning,
    description: "落款缺少发文机关或成文日期，或日期写法不规范",
};

impl Rule for Signature {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        emit(cx, Check::Signature, sink);
    }
}

/// A digit of a date: ASCII or full-width (other scripts' digits are not
/// written in a 公文 date).
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '〇' | '○' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
    )
}

fn is_cn_number(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// A cursor for the small date grammars below: each step takes a prefix.
struct Scan<'a>(&'a str);

impl<'a> Scan<'a> {
    /// Between `min` and `max` chars of `class`, greedily; the taken text.
    fn many(&mut self, class: fn(char) -> bool, min: usize, max: usize) -> Option<&'a str> {
        let end = self
            .0
            .char_indices()
            .take(max)
            .find(|&(_, c)| !class(c))
            .map_or_else(
                || self.0.chars().take(max).map(char::len_utf8).sum(),
                |(i, _)| i,
            );
        let taken = &self.0[..end];
        (taken.chars().count() >= min).then(|| {
            self.0 = &self.0[end..];
            taken
        })
    }

    fn lit(&mut self, c: char) -> Option<()> {
        self.0 = self.0.strip_prefix(c)?;
        Some(())
    }

    fn one_of(&mut self, cs: &[char]) -> Option<()> {
        self.0 = self.0.strip_prefix(cs)?;
        Some(())
    }

    fn spaces(&mut self) {
        self.0 = self.0.trim_start_matches(char::is_whitespace);
    }

    /// `19` or `20` and two digits (full-width ones too: `２０２４`).
    fn year(&mut self) -> Option<&'a str> {
        let all = self.0;
        let century = ["19", "20", "１９", "２０"]
            .iter()
            .find_map(|c| all.strip_prefix(c));
        let mut s = Scan(century?);
        s.many(is_digit, 2, 2)?;
        self.0 = s.0;
        Some(&all[..all.len() - s.0.len()])
    }
}

/// `2024年11月26日` or `二〇二四年十一月二十六日`, the whole line.
fn is_date(text: &str) -> bool {
    let mut s = Scan(text);
    (|| {
        if s.year().is_none() {
            s.many(is_cn_digit, 4, 4)?;
        }
        s.lit('年')?;
        if s.many(is_digit, 1, 2).is_none() {
            s.many(is_cn_number, 1, 2)?;
        }
        s.lit('月')?;
        if s.many(is_digit, 1, 2).is_none() {
            s.many(is_cn_number, 1, 3)?;
        }
        s.lit('日')?;
        s.0.is_empty().then_some(())
    })()
    .is_some()
}

/// A 成文日期 in Chinese numerals (`二〇二四年十一月二十六日`), the whole
/// line, in Arabic digits (`2024年11月26日`): GB/T 9704—2012 §7.3.5.4 asks
/// for Arabic digits.
fn arabic_date(text: &str) -> Option<String> {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new("^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$")
            .expect("valid pattern")
    });
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c || (c == '○' || c == '零') && d == '〇')
    };
    // 十 10, 十一 11, 二十 20, 二十六 26, 六 6.
    let number = |s: &str| -> Option<usize> {
        let cs: Vec<char> = s.chars().collect();
        match cs[..] {
            [u] if u != '十' => digit(u),
            ['十'] => Some(10),
            ['十', u] => Some(10 + digit(u)?),
            [t, '十'] => Some(digit(t)? * 10),
            [t, '十', u] => Some(digit(t)? * 10 + digit(u)?),
            _ => None,
        }
    };
    let c = DATE.captures(text)?;
    let year: String = c[1]
        .chars()
        .map(|ch| digit(ch).map(|d| char::from(b'0' + d as u8)))
        .collect::<Option<_>>()?;
    let (month, day) = (number(&c[2])?, number(&c[3])?);
    let days = match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    ((1..=12).contains(&month) && (1..=days).contains(&day))
        .then(|| format!("{year}年{month}月{day}日"))
}

/// `2024年11月` or `二〇二四年十一月`, the whole line: a date with no day.
fn year_and_month(text: &str) -> bool {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new("^(?:(?:19|20)[0-9]{2}年[0-9]{1,2}|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2})月$")
            .expect("valid pattern")
    });
    DATE.is_match(text)
}

/// `2024.11.26`, `2024-1-5`, `2024年01月05日`, the whole line: (year, month, day).
fn loose_date(text: &str) -> Option<(&str, &str, &str)> {
    let mut s = Scan(text);
    const SEP: [char; 4] = ['年', '.', '/', '-'];
    let y = s.year()?;
    s.spaces();
    s.one_of(&SEP)?;
    s.spaces();
    let m = s.many(is_digit, 1, 2)?;
    s.spaces();
    s.one_of(&['月', '.', '/', '-'])?;
    s.spaces();
    let d = s.many(is_digit, 1, 2)?;
    s.spaces();
    let _ = s.lit('日');
    s.0.is_empty().then_some((y, m, d))
}

pub(super) fn is_signature_line(text: &str) -> bool {
    is_date(text) || loose_date(text).is_some() || is_issuer(text)
}

/// `达州市通川区人民政府`: a short line naming an organisation, no sentence
/// punctuation; three chars are enough for `国务院`, `教育部`, `教育局`.
pub(super) fn is_issuer(text: &str) -> bool {
    let n = text.chars().count();
    (3..=40).contains(&n)
        && !text.contains(['。', '，', ',', '；', ';', '：', ':'])
        && text.chars().filter(|&c| is_han(c)).count() * 10 >= n * 7
        && [
            "政府",
            "局",
            "委员会",
            "委",
            "办公室",
            "厅",
            "院",
            "中心",
            "学校",
            "小学",
            "中学",
            "学区",
            "幼儿园",
            "办事处",
            "党组",
            "办",
            "部",
        ]
        .iter()
        .any(|s| text.ends_with(s))
}

/// `附件1`, `附件：`, `附件二`: the heading of an attachment printed after
/// the 落款 (GB/T 9704—2012 §7.3.7).
fn is_attachment_heading(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("附件") else {
        return false;
    };
    let rest = rest
        .strip_suffix('：')
        .or_else(|| rest.strip_suffix(':'))
        .unwrap_or(rest);
    rest.chars().count() <= 3 && rest.chars().all(|c| is_digit(c) || is_cn_digit(c))
}

/// A line printed below the 成文日期 that is not the report's: the 附注
/// `（联系人：张华，联系电话：…）` (§7.3.6) or the 版记 lines `抄送：…`,
/// `…办公室　2024年3月18日印发` (§7.4).
fn is_note_after_date(text: &str) -> bool {
    (text.starts_with('（') && text.ends_with('）'))
        || text.starts_with("抄送")
        || text.ends_with("印发")
}

/// The last two lines up to the 落款 (where it is read): without
/// attachments printed after it and without the notes below the date.
fn before_back_matter(cx: &Context, lines: &ContentLines) -> Vec<Line> {
    let text = |l: Line| cx.doc.slice(l.span);
    let is = |k: usize, test: fn(&str) -> bool| lines.get(k).is_some_and(|l| test(text(l)));
    // Attachments begin at the first 附件 heading right after a 落款 line.
    let mut end = (1..lines.len())
        .find(|&i| is(i, is_attachment_heading) && is(i - 1, is_signature_line))
        .unwrap_or(lines.len());
    while end > 0 && is(end - 1, is_note_after_date) {
        end -= 1;
    }
    (end.saturating_sub(2)..end)
        .filter_map(|k| lines.get(k))
        .collect()
}

/// Where the 落款 is; reports what is wrong in it.
pub(super) fn signature(
    cx: &Context,
    lines: &ContentLines,
    spec: &Spec,
    sink: &mut Emit,
) -> Option<Found> {
    let lines = before_back_matter(cx, lines);
    let last = lines.last()?;
    let last_text = cx.doc.slice(last.span);
    let before = lines.len().checked_sub(2).and_then(|i| lines.get(i));
    let issuer = before.filter(|l| is_issuer(cx.doc.slice(l.span)));

    // A date with no day (`2024年11月`, `二〇二四年十一月`) under the issuer.
    if issuer.is_some() && year_and_month(last_text) {
        sink.emit_with(
            spec.severity,
            last.span,
            "成文日期不完整：应将年、月、日标全，如“2024年11月26日”。",
            None,
        );
        return Some(Found {
            line: last.index,
            span: last.span,
        });
    }
    let loose = loose_date(last_text);
    if is_date(last_text) || loose.is_some() {
        if let Some(right) = arabic_date(last_text) {
            sink.emit_with(
                spec.severity,
                last.span,
                format!("成文日期应使用阿拉伯数字：“{right}”。"),
                Some(right),
            );
        }
        if let Some((y, m, d)) = loose {
            let right = format!(
                "{y}年{}月{}日",
                m.trim_start_matches('0'),
                d.trim_start_matches('0')
            );
            if right != last_text {
                sink.emit_with(
                    spec.severity,
                    last.span,
                    format!("成文日期应写作“{right}”（年、月、日标全，月、日不编虚位）。"),
                    Some(right),
                );
            }
        }
        if issuer.is_none() {
            sink.emit_with(
                spec.severity,
                last.span,
                "落款缺少发文机关：请在成文日期上一行写发文机关名称。",
                None,
            );
        }
        return Some(Found {
            line: last.index,
            span: last.span,
        });
    }
    if is_issuer(last_text) {
        sink.emit_with(
            spec.severity,
            last.span,
            "落款缺少成文日期：请在发文机关下一行写日期，如“2024年11月26日”。",
            None,
        );
        return Some(Found {
            line: last.index,
            span: last.span,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines() {
        for d in [
            "2024年11月26日",
            "二〇二四年十一月二十六日",
            "2024年１月５日",
            "2025年一月十五日",
        ] {
            assert!(is_date(d), "{d}");
        }
        for d in [
            "2024年11月26日。",
            "19一二三四年一月一日",
            "202年1月1日",
            "2024年123月1日",
            "二〇二四年十一月二十六",
            "",
        ] {
            assert!(!is_date(d), "{d}");
        }
        assert_eq!(loose_date("2024.1.05"), Some(("2024", "1", "05")));
        assert_eq!(
            loose_date("2024 年 01 月 05 日"),
            Some(("2024", "01", "05"))
        );
        assert_eq!(loose_date("2024-11-26"), Some(("2024", "11", "26")));
        assert_eq!(loose_date("2024/1/5日"), Some(("2024", "1", "5")));
        for d in [
            "2024.1.050",
            "2024..1.5",
            "1899.1.1",
            "2024.1.5号",
            "2024.1",
        ] {
            assert_eq!(loose_date(d), None, "{d}");
        }
    }

    #[test]
    fn chinese_numeral_dates_in_arabic_digits() {
        for (cn, arabic) in [
            ("二〇二四年十一月二十六日", "2024年11月26日"),
            ("二○二五年一月五日", "2025年1月5日"),
            ("二零二三年十月三十一日", "2023年10月31日"),
            ("二〇二四年十二月二十日", "2024年12月20日"),
        ] {
            assert_eq!(arabic_date(cn).as_deref(), Some(arabic), "{cn}");
        }
        for d in [
            "2024年11月26日",
            "二〇二四年十三月一日",
            "二〇二四年一月三十二日",
            "二〇二四年十一月三十一日",
            "二〇二四年二月三十日",
            "二〇二四年一月十十日",
            "二〇二四年十一月二十六日。",
            "2025年一月十五日",
        ] {
            assert_eq!(arabic_date(d), None, "{d}");
        }
    }
}
