//! `figures/placeholder`: blanks left unfilled or masked.
//!
//! **What it checks.** Template blanks that a drafter forgot to fill in:
//! `20xx年`, `x月`, `xx%`, `XX县`, `××`, runs of `*` (`*县下辖*镇`), `__`,
//! `○○`, and the blank document number `(x发x号)`.
//!
//! **Why it matters.** A report submitted with `20xx` or `xx%` in it is
//! incomplete; the figure the reviewer needs is not there.
//!
//! **Example.** `全县义务教育巩固率达到xx%` → fill in the rate.
//!
//! **Not flagged.** `x` inside Latin words (`wWw`, `XY字客`), a single upper-case
//! `X` that is not a date or rate blank (`X光`), `×` between digits (a product),
//! `〇`/`○` inside a Chinese-numeral year (`二○二四年`, a different rule), and
//! anything inside a URL.
//!
//! **Follows** the evaluation indicator system: every indicator needs its figure.

use std::sync::LazyLock;

use regex::Regex;

use crate::context::Context;
use crate::finding::{Category, Severity, Span};
use crate::rules::{Meta, Rule, Sink};
use crate::text::{char_at, char_before};

pub struct Placeholder;

static META: Meta = Meta {
    id: "figures/placeholder",
    category: Category::Placeholder,
    severity: Severity::Error,
    description: "未填写或被遮盖的占位符（20xx、xx%、x月、××、***、__）",
};

/// Candidates; the neighbour checks in [`accept`] decide.
static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:19|20)[0-9]?[xX]{1,2}|[xX]{1,8}|×{1,8}|\*{1,8}|_{2,}|＿{2,}|○{2,}")
        .expect("placeholder regex")
});

/// Chinese numerals a `○` standing for `〇` sits between.
fn is_cn_numeral(c: char) -> bool {
    "〇零一二三四五六七八九十".contains(c)
}

fn accept(text: &str, span: Span) -> bool {
    let m = &text[span.start..span.end];
    let before = char_before(text, span.start);
    let after = char_at(text, span.end);
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let first = m.chars().next().unwrap_or(' ');
    match first {
        '0'..='9' => !digit(before) && !latin(before) && !digit(after) && !latin(after),
        'x' | 'X' => {
            if latin(before) || latin(after) || digit(before) || digit(after) {
                return false;
            }
            // A lone capital X is usually a name (X光, X射线); only take it
            // where a date, rate or count blank stands.
            m.contains('x')
                || m.len() > 1
                || after.is_some_and(|c| "年月日号%％人所个名元万亿次项".contains(c))
        }
        '×' | '*' => !digit(before) && !digit(after),
        '○' => !before.is_some_and(is_cn_numeral) && !after.is_some_and(is_cn_numeral),
        _ => true,
    }
}

impl Rule for Placeholder {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        for m in CANDIDATE.find_iter(text) {
            let span = Span::new(m.start(), m.end());
            if cx.doc.in_url(span.start) || !accept(text, span) {
                continue;
            }
            sink.emit(
                span,
                format!(
                    "占位符“{}”未填写：请填入实际的数字、日期或名称。",
                    m.as_str()
                ),
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::spans;

    fn found(text: &str) -> Vec<String> {
        spans(&Placeholder, text)
    }

    #[test]
    fn fires_on_blanks() {
        assert_eq!(found("20xx年全县投入xx万元"), ["20xx", "xx"]);
        assert_eq!(found("19XX年建校"), ["19XX"]);
        assert_eq!(found("于202x年完成"), ["202x"]);
        assert_eq!(found("x月x日召开会议"), ["x", "x"]);
        assert_eq!(found("巩固率达到xx%。"), ["xx"]);
        assert_eq!(found("XX县教育局"), ["XX"]);
        assert_eq!(found("印发(x发x号)文件"), ["x", "x"]);
        assert_eq!(found("××县人民政府"), ["××"]);
        assert_eq!(found("*县下辖*镇*街道"), ["*", "*", "*"]);
        assert_eq!(found("以***新时代"), ["***"]);
        assert_eq!(found("中共__县委"), ["__"]);
        assert_eq!(found("○○县人民政府"), ["○○"]);
        assert_eq!(found("县级田长X人"), ["X"]);
    }

    #[test]
    fn quiet_on_look_alikes() {
        assert!(found("访问wWw站点或XY字客").is_empty());
        assert!(found("配备X光机").is_empty());
        assert!(found("面积3×4米，共2*3间").is_empty());
        assert!(found("二○○八年，二○二四年").is_empty());
        assert!(found("详见http://www.x.com/xx_yy__zz").is_empty());
        assert!(found("2021年投入200万元").is_empty());
        assert!(found("变量a_b").is_empty());
    }
}
