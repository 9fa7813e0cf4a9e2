//! `format/interpunct`: a bullet or katakana dot used for the 间隔号 `·`.
//!
//! **What it checks.** `•` (U+2022), `・` (U+30FB), `‧` (U+2027) or `∙`
//! (U+2219) between two Chinese characters, where GB/T 15834 uses the
//! 间隔号 `·` (U+00B7): `“课程•教学•评价”` → `“课程·教学·评价”`.
//!
//! **Why it matters.** The bullet is larger and sits differently; it comes
//! from Word autoformat or a Japanese input method and looks wrong in print.
//!
//! **Example.** `“课程•教学•评价”` → `“课程·教学·评价”`.
//!
//! **Not flagged.** A bullet opening a list line (`• 第一项`), bullets
//! between Latin words, and the proper `·` (`元/生·年`, foreign names).
//!
//! **Follows** GB/T 15834—2011 §4.14 (间隔号).

use crate::context::Context;
use crate::finding::{Category, Severity, Span};
use crate::rules::{Meta, Rule, Sink};
use crate::text::{char_at, char_before, is_chinese, Leads};

pub struct Interpunct;

static META: Meta = Meta {
    id: "format/interpunct",
    category: Category::Punctuation,
    severity: Severity::Warning,
    description: "间隔号应为“·”，不用“•”“・”",
};

fn chinese(c: Option<char>) -> bool {
    c.is_some_and(|c| is_chinese(c) && !matches!(c, '，' | '。' | '、' | '；' | '：'))
}

/// The marks mistaken for the interpunct `·`.
static BULLET: Leads = Leads::chars("•・‧∙");

impl Rule for Interpunct {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        for (at, c) in cx.doc.scan(&BULLET) {
            if !matches!(c, '•' | '・' | '‧' | '∙') {
                continue;
            }
            let end = at + c.len_utf8();
            if chinese(char_before(text, at)) && chinese(char_at(text, end)) {
                sink.emit(
                    Span::new(at, end),
                    format!("“{c}”不是间隔号：中文里应写作“·”。"),
                    Some("·".into()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    #[test]
    fn fires_between_chinese() {
        let f = run(&Interpunct, "三是推进“课程•教学•评价”三项改革");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0], ("•".into(), Some("·".into())));
        assert_eq!(run(&Interpunct, "马克思・恩格斯").len(), 1);
    }

    #[test]
    fn quiet_otherwise() {
        for ok in [
            "• 第一项",
            "\n•\t加强领导",
            "A•B",
            "720元/生·年",
            "马克思·恩格斯",
            "",
        ] {
            assert!(run(&Interpunct, ok).is_empty(), "{ok}");
        }
    }
}
