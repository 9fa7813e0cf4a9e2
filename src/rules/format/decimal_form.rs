//! `format/decimal-form`: a decimal with its integer or fraction part missing.
//!
//! **What it checks.** A number written `.46` (no `0` before the point) and
//! a number ending in a bare point before `%` (`44.%`).
//!
//! **Why it matters.** GB/T 15835 writes a pure decimal with its leading
//! zero (`0.46`). In these reports both forms also appear when digits were
//! lost in copying (`55.4%` → `.4%`), so the fix is not certain: check the
//! figure against the source.
//!
//! **Not flagged.** Item numbers glued to a year (`16.2021年`), ellipses,
//! version numbers and URLs, quoted event dates (`“4.22”地球日`).
//!
//! **Follows** GB/T 15835—2011 §5.1.3 (纯小数必须写出小数点前定位的“0”).

use std::sync::LazyLock;

use regex::Regex;

use crate::context::Context;
use crate::finding::{Category, Severity, Span};
use crate::rules::{Meta, Rule, Sink};
use crate::text::char_before;

pub struct DecimalForm;

static META: Meta = Meta {
    id: "format/decimal-form",
    category: Category::Figure,
    severity: Severity::Warning,
    description: "小数缺整数部分（.46）或小数点后无数字（44.%）",
};

static CANDIDATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\.[0-9]+|[0-9]\.[%％]").expect("decimal regex"));

impl Rule for DecimalForm {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        for m in CANDIDATE.find_iter(text) {
            if cx.doc.in_url(m.start()) {
                continue;
            }
            let shown = m.as_str();
            if shown.starts_with('.') {
                let prev = char_before(text, m.start());
                let bad_prev = prev.is_some_and(|c| {
                    c.is_ascii_alphanumeric()
                        || matches!(c, '.' | '/' | '\\' | '_' | '-' | '…' | '·')
                });
                if bad_prev {
                    continue;
                }
                sink.emit(
                    Span::new(m.start(), m.end()),
                    format!("“{shown}”缺整数部分：纯小数应写作“0{shown}”；若是数字丢失，请对照原件补全。"),
                    None,
                );
            } else {
                let point = m.start() + 1;
                sink.emit(
                    Span::new(point, point + 1),
                    "小数点后缺少数字：请补全数字或删去小数点。",
                    None,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::spans;

    #[test]
    fn fires() {
        assert_eq!(spans(&DecimalForm, "占比为.46，增长.4%"), [".46", ".4"]);
        assert_eq!(spans(&DecimalForm, "占比44.%"), ["."]);
    }

    #[test]
    fn quiet() {
        for ok in [
            "16.2021年公共财政教育支出77673万元",
            "1.强化机制保障",
            "增长1.62%",
            "version 1.2.3",
            "此处从略......",
            "详见http://a.cn/x.46",
            "“4.22”地球日",
            "",
        ] {
            assert!(spans(&DecimalForm, ok).is_empty(), "{ok}");
        }
    }
}
