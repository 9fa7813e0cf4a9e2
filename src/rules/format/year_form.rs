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
//! **Example.** `2019-20年` → `2019-2020年`; `二○二四年` → `二〇二四年`; `23年3月` is reported without a fix.
//!
//! **Not flagged.** Durations (`近10年`, `工作23年`, `10年来`) — a two-digit
//! year is only recognised before a month; item numbers glued to a year
//! (`16.2021年`); correct `二〇二四年`; placeholders `二○○○` are left to
//! `figures/placeholder` when not part of a year.
//!
//! **Follows** GB/T 15835—2011 §4.1.3 / §5.2.1 (年份不能简写；“〇”用于
//! 汉字数字年份) and GB/T 9704—2012 §7.3.5 (年份应标全称).

use crate::context::Context;
use crate::finding::{Category, Severity, Span};
use crate::rules::{Meta, Rule, Sink};
use crate::text::{char_before, run_start, Leads, Runs};

pub struct YearForm;

static META: Meta = Meta {
    id: "format/year-form",
    category: Category::Figure,
    severity: Severity::Warning,
    description: "年份简写（23年3月、2019-20年）或“〇”写成○/0/O",
};

/// A range of years whose second year has two digits, `2019-20年`,
/// `2019年至20学年`, that ends with the `年` at byte `p`: the two years.
/// Read backwards from the `年` (no scan of its own).
pub(crate) fn range_ending(text: &str, p: usize) -> Option<(Span, Span)> {
    let b = text.as_bytes();
    let head = text.get(..p)?;
    let d_end = if head.ends_with('学') {
        p - '学'.len_utf8()
    } else {
        p
    };
    let d_start = d_end.checked_sub(2)?;
    if !b[d_start..d_end].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let q = run_start(text, d_start, char::is_whitespace);
    let dash = text[..q].chars().next_back()?;
    if !matches!(dash, '-' | '—' | '～' | '~' | '至' | '到') {
        return None;
    }
    let q = run_start(text, q - dash.len_utf8(), char::is_whitespace);
    let q = if text[..q].ends_with('年') {
        q - '年'.len_utf8()
    } else {
        q
    };
    let y = q.checked_sub(4)?;
    let year = &b[y..q];
    let century = matches!(&year[..2], b"19" | b"20");
    (century && year[2].is_ascii_digit() && year[3].is_ascii_digit())
        .then_some((Span::new(y, q), Span::new(d_start, d_end)))
}

/// The `年` this rule can fire on, in order: every `年` with a digit or a
/// mistyped zero (`0-9 O ○ Ｏ ０`, none of them in the main CJK block)
/// among the four chars before it is among the first four chars after a
/// run (see [`Runs`]) that holds one. Found from the runs, not by reading
/// the text.
fn years<'t>(text: &'t str, runs: &'t Runs) -> impl Iterator<Item = usize> + 't {
    static BEFORE: Leads = Leads::chars("0123456789O○Ｏ０");
    let mut runs = runs.holding(&BEFORE);
    // The next char to look at, how many more, the first `年` not yet returned.
    let (mut p, mut left, mut fresh) = (0, 0, 0);
    std::iter::from_fn(move || loop {
        if left > 0 {
            if let Some(c) = text.get(p..).and_then(|rest| rest.chars().next()) {
                let at = p;
                left -= 1;
                p += c.len_utf8();
                if at >= fresh && c == '年' {
                    fresh = p;
                    return Some(at);
                }
                continue;
            }
        }
        p = runs.next()?.end;
        left = 4;
    })
}

fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
    )
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
        let mut ranges = Vec::new();
        for p in years(text, cx.doc.runs()) {
            short_year(text, p, sink);
            cn_year(text, p, sink);
            ranges.extend(range_ending(text, p));
        }
        for (first, second) in ranges {
            if digit_before(first.start) {
                continue;
            }
            let (Ok(y1), Ok(y2)) = (
                text[first.start..first.end].parse::<u32>(),
                text[second.start..second.end].parse::<u32>(),
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
                second,
                format!("年份范围的后一年不能简写，应写作“{full}”。"),
                Some(full.to_string()),
            );
        }
    }
}

/// `23年3月`: two digits before 年 (not part of a longer number), then a month.
fn short_year(text: &str, p: usize, sink: &mut Sink) {
    let bytes = text.as_bytes();
    if p < 2 || !bytes[p - 1].is_ascii_digit() || !bytes[p - 2].is_ascii_digit() {
        return;
    }
    if p >= 3 && (bytes[p - 3].is_ascii_digit() || matches!(bytes[p - 3], b'.' | b'-')) {
        return;
    }
    let rest = &text[p + '年'.len_utf8()..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) || !rest[digits..].starts_with('月') {
        return;
    }
    let yy = &text[p - 2..p];
    sink.emit(
        Span::new(p - 2, p + '年'.len_utf8()),
        format!("年份“{yy}年”不能简写，应写全（如“20{yy}年”）。"),
        None,
    );
}

/// `二○二四年`: a Chinese-numeral year whose zero is not `〇`.
fn cn_year(text: &str, p: usize, sink: &mut Sink) {
    let mut start = p;
    let mut year: Vec<char> = Vec::with_capacity(4);
    for (i, c) in text[..p].char_indices().rev().take(4) {
        if !(is_cn_digit(c) || bad_zero(c)) {
            return;
        }
        year.push(c);
        start = i;
    }
    year.reverse();
    let has_cn = year.iter().any(|&c| is_cn_digit(c) && c != '〇');
    let bad = year.iter().any(|&c| bad_zero(c));
    if year.len() != 4 || !has_cn || !bad || char_before(text, start).is_some_and(is_cn_digit) {
        return;
    }
    let fixed: String = year
        .iter()
        .map(|&c| if bad_zero(c) { '〇' } else { c })
        .collect();
    sink.emit(
        Span::new(start, p),
        format!("汉字数字年份里的零应写作“〇”：“{fixed}年”。"),
        Some(fixed),
    );
}

/// What a `〇` gets mistyped as: `○0OＯ０`.
fn bad_zero(c: char) -> bool {
    matches!(c, '○' | '0' | 'O' | 'Ｏ' | '０')
}

#[cfg(test)]
mod tests {
    use super::*;
    /// Against a forward scan; proptest is a native-only dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    mod against_forward_scan {
        use super::*;
        use crate::text::run_end;
        use proptest::prelude::*;

        static YEAR: Leads = Leads::chars("12");

        /// A range of years whose second year has two digits, `2019-20年`,
        /// `2019年至20学年`: the whole and the two years.
        pub(crate) fn ranges(text: &str) -> impl Iterator<Item = (Span, Span, Span)> + '_ {
            let b = text.as_bytes();
            let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
            let mut from = 0;
            std::iter::from_fn(move || loop {
                let (at, c) = YEAR.next(text, from)?;
                from = at + 1;
                let century = if c == '1' { b'9' } else { b'0' };
                if b.get(at + 1) != Some(&century) || !digit(at + 2) || !digit(at + 3) {
                    continue;
                }
                let mut q = at + 4;
                if text[q..].starts_with('年') {
                    q += '年'.len_utf8();
                }
                q = run_end(text, q, char::is_whitespace);
                match text[q..].chars().next() {
                    Some(d @ ('-' | '—' | '～' | '~' | '至' | '到')) => q += d.len_utf8(),
                    _ => continue,
                }
                q = run_end(text, q, char::is_whitespace);
                if !digit(q) || !digit(q + 1) {
                    continue;
                }
                let rest = &text[q + 2..];
                let unit = if rest.starts_with('年') {
                    '年'.len_utf8()
                } else if rest.starts_with("学年") {
                    "学年".len()
                } else {
                    continue;
                };
                from = q + 2 + unit;
                return Some((
                    Span::new(at, from),
                    Span::new(at, at + 4),
                    Span::new(q, q + 2),
                ));
            })
        }

        proptest! {
            /// `years` finds every `年` with a digit or a mistyped zero
            /// among the four chars before it, and only `年` with some char
            /// outside the main CJK block there, in order.
            #[test]
            fn years_from_runs(idx in proptest::collection::vec(0usize..13, 0..16)) {
                let toks = ["年", "二", "○", "0", "2", "学", "\n", "〇", "é", "𠀀", "O", "p", "０"];
                let t: String = idx.iter().map(|&i| toks[i]).collect();
                let before = |p: usize, f: &dyn Fn(char) -> bool| t[..p].chars().rev().take(4).any(f);
                let got: Vec<usize> = years(&t, &Runs::of(&t)).collect();
                for (p, _) in t.match_indices('年') {
                    let must = before(p, &|c| c.is_ascii_digit() || bad_zero(c));
                    let may = before(p, &|c| !('\u{4000}'..='\u{9FFF}').contains(&c));
                    prop_assert!(!must || got.contains(&p), "{:?} {}", t, p);
                    prop_assert!(may || !got.contains(&p), "{:?} {}", t, p);
                }
                prop_assert!(got.windows(2).all(|w| w[0] < w[1]) && got.iter().all(|&p| t[p..].starts_with('年')));
            }

            /// The backward reading finds what a forward scan (checked against
            /// the old regex) finds.
            #[test]
            fn backward_equals_forward(idx in proptest::collection::vec(0usize..20, 0..14)) {
                let toks = ["20", "19", "2019", "0", "3", "年", "学年", "学", "-", "—", "至", " ", "\u{3000}", "\n", "甲", "~", "到", "1", "9", "年 "];
                let t: String = idx.iter().map(|&i| toks[i]).collect();
                let want: Vec<(Span, Span)> = ranges(&t).map(|(_, a, b)| (a, b)).collect();
                let got: Vec<(Span, Span)> = t.match_indices('年').filter_map(|(p, _)| range_ending(&t, p)).collect();
                prop_assert_eq!(want, got, "{:?}", t);
            }
        }
    }

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
