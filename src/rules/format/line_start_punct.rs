//! `format/line-start-punct`: a paragraph that opens with a point mark.
//!
//! **What it checks.** A line whose first visible character is a 点号
//! (`，。、；：？！` or half-width `, ; :` standing for one), e.g. a comma
//! pushed to the next line when a paragraph was split by a stray line break.
//!
//! **Why it matters.** A 点号 closes the pause before it; at the head of a
//! line it belongs to nothing. Usually the line break is misplaced.
//!
//! **Example.** `进一步完善经费保障机制` / `，确保…` → join the two lines or
//! move the mark to the end of the previous one.
//!
//! **Not flagged.** Lines opening with 标号 (`“`, `《`, `（`, `……`, `——`);
//! a line that is only `?`/`？` (mis-encoded text, see `format/garbled`).
//!
//! **Follows** GB/T 15834—2011 §5.1.1 (点号不出现在一行之首).

use crate::context::Context;
use crate::finding::{Category, Severity, Span};
use crate::rules::{Meta, Rule, Sink};

pub struct LineStartPunct;

static META: Meta = Meta {
    id: "format/line-start-punct",
    category: Category::Punctuation,
    severity: Severity::Warning,
    description: "点号（，。、；：？！）出现在行首",
};

fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}'
}

impl Rule for LineStartPunct {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        for line in cx.doc.lines() {
            let s = cx.doc.slice(line);
            let Some((i, c)) = s.char_indices().find(|&(_, c)| !is_blank(c)) else {
                continue;
            };
            let point = matches!(
                c,
                '，' | '。' | '、' | '；' | '：' | '？' | '！' | ',' | ';' | ':'
            );
            if !point {
                continue;
            }
            let rest = s[i..].trim_end_matches(is_blank);
            if matches!(c, '？') && rest.chars().all(|c| c == '？') {
                continue;
            }
            let at = line.start + i;
            sink.emit(
                Span::new(at, at + c.len_utf8()),
                format!("点号“{c}”出现在行首：应移到上一行末尾，或检查是否多了换行。"),
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::spans;

    #[test]
    fn fires_on_marks_opening_a_line() {
        assert_eq!(spans(&LineStartPunct, "完善机制\n，确保落实"), ["，"]);
        assert_eq!(spans(&LineStartPunct, "甲\n  。乙"), ["。"]);
        assert_eq!(spans(&LineStartPunct, "甲\r\n、乙\n;丙"), ["、", ";"]);
    }

    #[test]
    fn quiet_otherwise() {
        for ok in [
            "“双减”工作",
            "《通知》要求",
            "（一）加强领导",
            "……其余从略",
            "——潜江篇",
            "？？",
            "",
            "\n\n",
            "甲，乙。",
        ] {
            assert!(spans(&LineStartPunct, ok).is_empty(), "{ok}");
        }
    }
}
