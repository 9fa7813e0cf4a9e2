//! `wording/de-before-verb`: `的` where an adverbial modifies a verb with `地`.
//!
//! **What it checks.** A word that modifies a verb, `的`, then the verb and
//! its object: `扎实的推进各项工作` → `扎实地推进`, `为更好的满足群众需求` →
//! `更好地满足`, `认真的落实整改措施` → `认真地落实`. The words, the verbs and
//! what makes the verb part of a noun phrase are data (`di.tsv`), each row
//! with an example that must be reported and one that must not; the fix
//! replaces `的` with `地`.
//!
//! **Why it matters.** 的/地/得 are distinguished in standard written Chinese;
//! mixing them up is one of the most frequent slips a proofreader marks.
//!
//! **Example.** `扎实的推进课后服务提质扩面` → `扎实地推进课后服务提质扩面`.
//!
//! **Not flagged.** The verb heading a noun phrase (`有效的实施方案`,
//! `积极的推动作用`, `认真的落实情况`: a listed head noun follows), or ending
//! the clause (`取得扎实的推进。`); words as often attributes of a noun as
//! adverbials (`健康的`, `系统的`) and verbs as often nouns (`服务`, `发展`)
//! are not listed.
//!
//! **Follows** 《现代汉语词典》 and the usage of 的/地/得 taught as
//! standard (状语后用“地”), as applied by GB/T 9704—2012 §5 (公文用语规范).

use std::sync::LazyLock;

use crate::context::Context;
use crate::finding::{Category, Severity, Span};
use crate::rules::{Meta, Rule, Sink};
use crate::text::{char_at, is_han};

use crate::words::WordList;

pub struct DeBeforeVerb;

static META: Meta = Meta {
    id: "wording/de-before-verb",
    category: Category::Typo,
    severity: Severity::Warning,
    description: "修饰动词的状语后应用“地”（扎实地推进），不用“的”",
};

/// The table, outside tests without its comments and examples.
#[cfg(not(test))]
static DATA: &str = crate::compact_table!(include_bytes!("di.tsv"), &[2, 3]);
#[cfg(test)]
static DATA: &str = include_str!("di.tsv");

/// The words of one kind (`adv`, `verb`, `head`), longest first.
fn kind(k: &str) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = DATA
        .lines()
        .filter_map(|l| {
            let mut c = l.split('\t');
            (c.next() == Some(k)).then(|| c.next()).flatten()
        })
        .filter(|w| !w.is_empty())
        .collect();
    crate::sort::sort_by_key(&mut v, |w| std::cmp::Reverse(w.len()));
    v
}

static ADVERBS: LazyLock<Vec<&'static str>> = LazyLock::new(|| kind("adv"));
static VERBS: LazyLock<Vec<&'static str>> = LazyLock::new(|| kind("verb"));
static HEADS: LazyLock<Vec<&'static str>> = LazyLock::new(|| kind("head"));
static TAILS: LazyLock<Vec<&'static str>> = LazyLock::new(|| kind("tail"));

/// `扎实的`, `更好的`: where to look. They share the list of
/// [`super::de_after_verb`], after its own words.
pub(super) fn seeds() -> Vec<String> {
    ADVERBS.iter().map(|a| format!("{a}的")).collect()
}

/// Where `的` stands for `地` at the seed `adv的` starting at `at`: the
/// span of `的`, and the verb.
fn misuse(text: &str, at: usize, adv: &str) -> Option<(Span, &'static str)> {
    let de = at + adv.len();
    let after = &text[de + '的'.len_utf8()..];
    let verb = VERBS.iter().find(|v| after.starts_with(*v))?;
    let rest = &after[verb.len()..];
    // The verb takes an object: more Han text follows, not a head noun.
    let han_at = |s: &str| char_at(s, 0).is_some_and(is_han);
    // An object may open with a quotation or book-title mark.
    let object = han_at(rest) || rest.starts_with(['“', '《', '‘']);
    if !object
        || HEADS.iter().any(|h| rest.starts_with(h))
        || TAILS
            .iter()
            .any(|t| rest.starts_with(t) && !han_at(&rest[t.len()..]))
    {
        return None;
    }
    Some((Span::new(de, de + '的'.len_utf8()), verb))
}

impl Rule for DeBeforeVerb {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn words(&self) -> Option<&'static WordList> {
        Some(&super::de_after_verb::SEEDS)
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        let skip = super::de_after_verb::own_seeds();
        let mut seeds = cx.words(&super::de_after_verb::SEEDS);
        let mut from = 0;
        while let Some((at, j)) = seeds.find_from(from) {
            from = at + 1;
            let Some(adv) = j.checked_sub(skip).and_then(|k| ADVERBS.get(k)) else {
                continue;
            };
            if let Some((span, verb)) = misuse(text, at, adv) {
                sink.emit(
                    span,
                    format!("“{adv}的{verb}”：修饰动词的状语后面应用“地”。"),
                    Some("地".into()),
                );
                from = span.end;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    #[test]
    fn every_row_fires_on_its_example_and_not_on_its_counterexample() {
        let mut rows = 0;
        for l in DATA.lines().filter(|l| !l.starts_with('#')) {
            let c: Vec<&str> = l.split('\t').collect();
            if c.len() < 4 || c[0] == "head" || c[2] == "-" {
                continue;
            }
            rows += 1;
            let (word, pos, neg) = (c[1], c[2], c[3]);
            assert!(pos.contains(word), "{word}: example lacks it");
            if c[0] == "tail" {
                // The tail ends the clause in the counterexample, not in the example.
                let (pos, neg) = (neg, pos);
                assert_eq!(run(&DeBeforeVerb, pos).len(), 1, "{word}: «{pos}»");
                assert!(run(&DeBeforeVerb, neg).is_empty(), "{word}: «{neg}»");
                continue;
            }
            assert_eq!(
                run(&DeBeforeVerb, pos),
                [("的".to_string(), Some("地".to_string()))],
                "{word}: «{pos}»"
            );
            assert!(
                run(&DeBeforeVerb, neg).is_empty(),
                "{word}: «{neg}»: {:?}",
                run(&DeBeforeVerb, neg)
            );
        }
        assert!(rows >= 70, "{rows}");
        assert!(HEADS.len() >= 50);
    }

    #[test]
    fn quiet_on_right_uses_of_de() {
        for ok in [
            "扎实地推进各项工作，取得扎实的推进成效。",
            "为更好地满足群众需求，提供更好的服务。",
            "积极的推动作用，有效的实施方案，认真的落实情况",
            "信息系统的优化升级，健康的发展环境",
            "扎实的推进",
            "",
        ] {
            assert!(
                run(&DeBeforeVerb, ok).is_empty(),
                "{ok}: {:?}",
                run(&DeBeforeVerb, ok)
            );
        }
    }
}
