//! `wording/de-after-verb`: `的` where a verb takes a complement with `得`.
//!
//! **What it checks.** A verb followed by `的` and a complement of degree or
//! result: `做的不够` → `做得不够`, `落实的不到位` → `落实得不到位`,
//! `开展的有声有色` → `开展得有声有色`. The verbs and complements are data
//! (`de.txt`); the fix replaces `的` with `得`.
//!
//! **Why it matters.** 的/得/地 are distinguished in standard written Chinese;
//! mixing them up is one of the most frequent slips a proofreader marks.
//!
//! **Example.** `各项措施落实的不到位` → `各项措施落实得不到位`.
//!
//! **Not flagged.** `所做的不够` (`的` makes a noun phrase: what was done);
//! `做的工作`, `完成的任务` (a noun follows); anything outside the lists.
//!
//! **Follows** 《现代汉语词典》 and the usage of 的/地/得 taught as
//! standard (补语前用“得”), as applied by GB/T 9704—2012 §5 (公文用语规范).

use std::sync::LazyLock;

use crate::context::Context;
use crate::finding::{Category, Severity, Span};
use crate::rules::{Meta, Rule, Sink};

use crate::words::WordList;

pub struct DeAfterVerb;

static META: Meta = Meta {
    id: "wording/de-after-verb",
    category: Category::Typo,
    severity: Severity::Warning,
    description: "动词后接补语应用“得”（做得不够），不用“的”",
};

static DATA: &str = crate::compact_table!(include_bytes!("de.txt"), &[]);

fn list(key: &str) -> Vec<&'static str> {
    DATA.lines()
        .find_map(|l| l.strip_prefix(key))
        .map(|rest| rest.split_whitespace().collect())
        .unwrap_or_default()
}

static VERBS: LazyLock<Vec<&'static str>> = LazyLock::new(|| list("verbs:"));
static COMPLEMENTS: LazyLock<Vec<&'static str>> = LazyLock::new(|| list("complements:"));

/// `的` and a complement: where to look (most `的` are followed by none);
/// then the words of [`super::de_before_verb`], which shares this list.
fn seeds() -> Vec<String> {
    let mut words: Vec<String> = COMPLEMENTS.iter().map(|c| format!("的{c}")).collect();
    words.extend(super::de_before_verb::seeds());
    words
}

/// How many of [`seeds`] are this rule's own (the first ones).
pub(super) fn own_seeds() -> usize {
    COMPLEMENTS.len()
}

/// Where to look, for this rule and [`super::de_before_verb`] ([`seeds`]),
/// found by the check's one word search.
pub(super) static SEEDS: WordList = WordList::new(seeds);

impl Rule for DeAfterVerb {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn words(&self) -> Option<&'static WordList> {
        Some(&SEEDS)
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        let mut seeds = cx.words(&SEEDS);
        let mut from = 0;
        while let Some((at, j)) = seeds.find_from(from) {
            if j >= own_seeds() {
                from = at + 1;
                continue;
            }
            let end = at + '的'.len_utf8();
            from = end;
            let (before, after) = (&text[..at], &text[end..]);
            let Some(comp) = COMPLEMENTS.iter().find(|w| after.starts_with(*w)) else {
                continue;
            };
            let Some(verb) = VERBS.iter().find(|w| before.ends_with(*w)) else {
                continue;
            };
            if before[..before.len() - verb.len()].ends_with('所') {
                continue;
            }
            sink.emit(
                Span::new(at, end),
                format!("“{verb}的{comp}”：动词后面接补语，应用“得”。"),
                Some("得".into()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    #[test]
    fn data_loads() {
        assert!(list("verbs:").len() > 20);
        assert!(list("complements:").len() > 20);
    }

    #[test]
    fn fires() {
        for t in [
            "我们做的不够",
            "工作落实的不到位",
            "活动开展的有声有色",
            "宣传的不深入",
            "让学生吃的有营养",
            "寄宿生住的舒心",
        ] {
            assert_eq!(
                run(&DeAfterVerb, t),
                [("的".into(), Some("得".into()))],
                "{t}"
            );
        }
    }

    #[test]
    fn quiet() {
        for ok in [
            "我们所做的不够多",
            "做的工作很多",
            "完成的任务",
            "做得不够",
            "研究的课题",
            "学生所吃的有营养",
            "",
        ] {
            assert!(run(&DeAfterVerb, ok).is_empty(), "{ok}");
        }
    }
}
