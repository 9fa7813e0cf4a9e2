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
//! **Not flagged.** Units that begin with 千 or 百 (`5千克`, `3千米`,
//! `10千瓦`, `2百分点`… ), `万`/`亿` after digits, Chinese numerals alone
//! (`三千五百万`).
//!
//! **Follows** GB/T 15835—2011 §4.2 / §5.2 (数字形式: 阿拉伯数字不与除“万”
//! “亿”外的汉字数位词连用).

use std::sync::LazyLock;

use regex::Regex;

use crate::context::Context;
use crate::finding::{Category, Severity, Span};
use crate::rules::{Meta, Rule, Sink};
use crate::text::{char_at, char_before};

pub struct MixedNumeral;

static META: Meta = Meta {
    id: "format/mixed-numeral",
    category: Category::Figure,
    severity: Severity::Warning,
    description: "阿拉伯数字与“十、百、千”混用（3千5百万）",
};

static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9]+(?:\.[0-9]+)?[十百千](?:[0-9]+[十百千]?)*").expect("mixed regex")
});

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
        for m in CANDIDATE.find_iter(text) {
            let prev = char_before(text, m.start());
            let next = char_at(text, m.end());
            if prev.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
                || next.is_some_and(|c| UNIT_AFTER.contains(c))
                || cx.doc.in_url(m.start())
            {
                continue;
            }
            let shown = m.as_str();
            let fix = value(shown).map(|v| v.to_string());
            let msg = match &fix {
                Some(f) => format!("“{shown}”：阿拉伯数字不与“十、百、千”连用，应写作“{f}”。"),
                None => format!("“{shown}”：阿拉伯数字不与“十、百、千”连用，请全部写成阿拉伯数字（可带“万”“亿”）。"),
            };
            sink.emit(Span::new(m.start(), m.end()), msg, fix);
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
