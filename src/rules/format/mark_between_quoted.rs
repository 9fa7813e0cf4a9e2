//! `format/mark-between-quoted`: a 顿号 between quoted or titled items.
//!
//! **What it checks.** `》、《` and `”、“`: a 顿号 between items that each
//! carry their own book-title marks or quotation marks.
//!
//! **Why it matters.** GB/T 15834 says the marks already separate the items,
//! so the 顿号 is 通常不用 — usual practice, not a hard rule. Hence this is an
//! information-level hint with the 顿号 removal as its fix, never an error.
//! Official documents write `“就近办”、“网上办”` and `《…法》、《…法》` every
//! day, so the built-in profiles turn it off: a profile that wants the
//! stricter house style turns it on (`"format/mark-between-quoted": true`).
//!
//! **Example.** `《规范化班级评比制度》、《校园环境卫生共同责任制度》` →
//! `《规范化班级评比制度》《校园环境卫生共同责任制度》`.
//!
//! **Not flagged.** Consecutive items without 顿号 (`“五个基本”“四个结合”`),
//! a 顿号 inside the marks (`“看历史、游家乡”`), a 顿号 between a quoted and an
//! unquoted item.
//!
//! **Follows** GB/T 15834—2011 §4.5.3.5 (标有引号的并列成分之间、标有书名号的
//! 并列成分之间通常不用顿号).

use crate::context::Context;
use crate::finding::{Category, Severity, Span};
use crate::rules::{Meta, Rule, Sink};
use crate::text::{char_before, Leads};

static COMMA: Leads = Leads::chars("、");

pub struct MarkBetweenQuoted;

static META: Meta = Meta {
    id: "format/mark-between-quoted",
    category: Category::Punctuation,
    severity: Severity::Info,
    description: "引号或书名号标注的并列成分之间通常不用顿号（》、《　”、“）",
};

impl Rule for MarkBetweenQuoted {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        // `》、《`, `”、“`: three chars outside the main CJK block.
        for (at, c) in cx.doc.scan(&COMMA).paired() {
            let end = at + c.len_utf8();
            let between = match (c, char_before(text, at)) {
                ('、', Some('》')) => text[end..].starts_with('《'),
                ('、', Some('”')) => text[end..].starts_with('“'),
                _ => false,
            };
            if between {
                sink.emit(
                    Span::new(at, end),
                    "并列的引号或书名号之间通常不用顿号，可删去（GB/T 15834 4.5.3.5）。",
                    Some(String::new()),
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
    fn fires_between_marks() {
        let f = run(
            &MarkBetweenQuoted,
            "《准则》、《条例》和“呼唤绿色的明天”、“小树小树快快长”",
        );
        assert_eq!(
            f,
            [
                ("、".into(), Some(String::new())),
                ("、".into(), Some(String::new()))
            ]
        );
    }

    #[test]
    fn off_in_the_builtin_profiles_on_when_a_profile_asks() {
        let text = "推动政务服务事项“就近办”、“网上办”，落实《教育法》、《教师法》。";
        let found = |p: &crate::Profile| {
            crate::check(text, p)
                .findings
                .iter()
                .filter(|f| f.rule == META.id)
                .count()
        };
        for b in crate::profile::BUILTIN {
            assert_eq!(
                found(&crate::Profile::builtin(b.id).unwrap()),
                0,
                "{}",
                b.id
            );
        }
        let on =
            crate::Profile::from_json(r#"{"rules":{"format/mark-between-quoted":true}}"#).unwrap();
        assert_eq!(found(&on), 2);
    }

    #[test]
    fn quiet_otherwise() {
        for ok in [
            "“五个基本”“四个结合”",
            "“看历史、游家乡、爱祖国”",
            "《准则》、条例",
            "",
        ] {
            assert!(run(&MarkBetweenQuoted, ok).is_empty(), "{ok}");
        }
    }
}
