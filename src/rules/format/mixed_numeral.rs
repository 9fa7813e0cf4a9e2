//! `format/mixed-numeral`: Arabic digits mixed with 十/百/千 (`3千5百万`).
//!
//! **What it checks.** A number written with Arabic digits and the Chinese
//! place words 十, 百, 千: `3千5百万元`, `5百名`. Only 万 and 亿 may follow
//! Arabic digits. Where the value is plain (each place one digit, in order:
//! `3千5百`), the fix writes it out: `3千5百万` → `3500万`.
//!
//! **Why it matters.** GB/T 15835 allows `345万`/`3.5亿` but not digits
//! mixed with 十百千; a reader has to compute the number.
//!
//! **Example.** `投入3千5百万元` → `投入3500万元`; `5百名` → `500名`.
//!
//! **Not flagged.** Units that begin with 千 or 百 (`5千克`, `3千米`,
//! `10千瓦`, `2百分点`… ), `万`/`亿` after digits, Chinese numerals alone
//! (`三千五百万`).
//!
//! **Follows** GB/T 15835—2011 §4.2 / §5.2 (数字形式: 阿拉伯数字不与除“万”
//! “亿”外的汉字数位词连用).

use crate::context::Context;
use crate::document::Document;
use crate::finding::{Category, Severity, Span};
use crate::rules::{Meta, Rule, Sink};
use crate::text::{char_at, char_before, Leads};

pub struct MixedNumeral;

static META: Meta = Meta {
    id: "format/mixed-numeral",
    category: Category::Figure,
    severity: Severity::Warning,
    description: "阿拉伯数字与“十、百、千”混用（3千5百万）",
};

static DIGITS: Leads = Leads::chars("0123456789");

/// The end of the ASCII digits at `at`.
fn digits_end(b: &[u8], at: usize) -> usize {
    at + b[at..].iter().take_while(|x| x.is_ascii_digit()).count()
}

/// The end of the place word 十, 百 or 千 at `at`, if one is there.
fn place_end(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    ["十", "百", "千"]
        .iter()
        .any(|p| rest.starts_with(p))
        .then_some(at + 3)
}

/// Digits (with a decimal part) followed by 十/百/千 and then any more
/// digits and places: `3千5百`, `1.5千`, `5百`.
pub(crate) fn candidates<'d>(doc: &'d Document) -> impl Iterator<Item = Span> + 'd {
    let text = doc.text;
    let mut scan = doc.scan(&DIGITS);
    // 十百千 are Han chars: the digits before one end their run. Only the
    // runs followed by one are read.
    let mut runs = doc
        .runs()
        .holding(&DIGITS)
        .filter(move |r| place_end(text, r.end).is_some());
    let (mut from, mut run_end) = (0, 0);
    std::iter::from_fn(move || loop {
        let Some((at, _)) = scan.next_from(from).filter(|&(at, _)| at < run_end) else {
            let run = runs.next()?;
            (from, run_end) = (from.max(run.start), run.end);
            continue;
        };
        match candidate_at(text, at) {
            Ok(end) => {
                from = end;
                return Some(Span::new(at, end));
            }
            Err(digits) => from = digits,
        }
    })
}

/// The candidate whose first digit is at `at`: `Ok(its end)` when a place
/// word follows the number, else `Err(the end of its digits)`.
fn candidate_at(text: &str, at: usize) -> Result<usize, usize> {
    let b = text.as_bytes();
    let digits = digits_end(b, at);
    let mut end = digits;
    if b.get(end) == Some(&b'.') && b.get(end + 1).is_some_and(u8::is_ascii_digit) {
        end = digits_end(b, end + 1);
    }
    let mut end = place_end(text, end).ok_or(digits)?;
    while b.get(end).is_some_and(u8::is_ascii_digit) {
        end = digits_end(b, end);
        end = place_end(text, end).unwrap_or(end);
    }
    Ok(end)
}

/// Units and words starting with 千/百/十 that may follow digits.
const UNIT_AFTER: &str = "克米瓦伏帕焦卡兆赫字分位";

/// `3千5百` → 3500; `None` when not a plain sequence of one-digit places.
fn value(s: &str) -> Option<u64> {
    let mut total = 0u64;
    let mut last_place = u64::MAX;
    let mut digits = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let place = match c {
            '千' => 1000,
            '百' => 100,
            '十' => 10,
            _ => return None,
        };
        let d: u64 = digits.parse().ok()?;
        if digits.len() != 1 || place >= last_place {
            return None;
        }
        total += d * place;
        last_place = place;
        digits.clear();
    }
    if !digits.is_empty() {
        return None;
    }
    Some(total)
}

impl Rule for MixedNumeral {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        for m in candidates(&cx.doc) {
            let prev = char_before(text, m.start);
            let next = char_at(text, m.end);
            if prev.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
                || next.is_some_and(|c| UNIT_AFTER.contains(c))
                || cx.doc.in_url(m.start)
            {
                continue;
            }
            let shown = &text[m.start..m.end];
            let fix = value(shown).map(|v| v.to_string());
            let msg = match &fix {
                Some(f) => format!("“{shown}”：阿拉伯数字不与“十、百、千”连用，应写作“{f}”。"),
                None => format!("“{shown}”：阿拉伯数字不与“十、百、千”连用，请全部写成阿拉伯数字（可带“万”“亿”）。"),
            };
            sink.emit(m, msg, fix);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    /// The candidates found in the runs followed by 十百千 are those found
    /// by reading every digit of the text.
    #[test]
    fn runs_find_what_every_digit_finds() {
        let reference = |text: &str| {
            let b = text.as_bytes();
            let mut found = Vec::new();
            let mut from = 0;
            while let Some(at) = (from..b.len()).find(|&i| b[i].is_ascii_digit()) {
                match candidate_at(text, at) {
                    Ok(end) => {
                        from = end;
                        found.push(Span::new(at, end));
                    }
                    Err(digits) => from = digits,
                }
            }
            found
        };
        let toks = [
            "3千5百", "1.5千", "5百", "十", "百", "千", "1", "25", ".", "x", "教", "万", "3千",
            "2.", " ",
        ];
        let mut hits = 0;
        for t in crate::rules::test_util::pieced_texts(&toks, 4000, 14, 0x2545_F491_4F6C_DD1Du64) {
            let got: Vec<Span> = candidates(&Document::new(&t)).collect();
            hits += got.len();
            assert_eq!(got, reference(&t), "{t}");
        }
        assert!(hits > 1000, "{hits}");
    }

    #[test]
    fn fires() {
        assert_eq!(
            run(&MixedNumeral, "投入3千5百万元"),
            [("3千5百".into(), Some("3500".into()))]
        );
        assert_eq!(
            run(&MixedNumeral, "培训5百名教师"),
            [("5百".into(), Some("500".into()))]
        );
        assert_eq!(run(&MixedNumeral, "约3千5"), [("3千5".into(), None)]);
        assert_eq!(run(&MixedNumeral, "1.5千元"), [("1.5千".into(), None)]);
    }

    #[test]
    fn quiet() {
        for ok in [
            "5千克",
            "3千米",
            "10千瓦",
            "投入345万元",
            "3.5亿元",
            "三千五百万元",
            "第2百分位",
            "",
        ] {
            assert!(run(&MixedNumeral, ok).is_empty(), "{ok}");
        }
    }
}
