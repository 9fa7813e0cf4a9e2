//! `wording/duplicate`: a character or word written twice by mistake.
//!
//! **What it checks.**
//! - `的的` (the second one is deleted);
//! - a word of three or four characters written twice in a row
//!   (`进一步进一步`, `教育工作教育工作`), and two-character words from the
//!   list in `repeated.txt` (`加强加强`): the repeat is deleted;
//! - a preposition repeated after a short gap (`通过多次通过`): reported
//!   without a fix, the writer must choose.
//!
//! **Why it matters.** Doubled words come from editing and pasting; they
//! make a report look unchecked.
//!
//! **Example.** `进一步进一步加强管理` → `进一步加强管理`; `通过多次通过` is reported without a fix.
//!
//! **Not flagged.** Legitimate reduplication: `的的确确`, `目的的`,
//! `勤勤恳恳`, `推推动动`, `班班通`, `学校校舍`, `教育局局长`, `常委会会议`,
//! `在校生生均`, `研究研究`, `一个一个`, deliberate repetition (`一个项目一个项目地`,
//! `一所学校一所学校过`, a unit before `地`), a unit whose last character starts a
//! word with what follows (`委员会委员会同学校`: 委员会 委员 会同, listed
//! under `joins:` in `repeated.txt`), anything inside quotation marks or
//! book-title marks (`“小树小树快快长”`).
//!
//! **Follows** GB/T 9704—2012 §5 (公文用语准确、规范) — an editing slip.

use std::sync::LazyLock;

use crate::context::Context;
use crate::finding::{Category, Severity, Span};
use crate::rules::{Meta, Rule, Sink};
use crate::text::{char_at, inside, is_han, quoted_ranges};

use crate::words::WordList;

pub struct Duplicate;

static META: Meta = Meta {
    id: "wording/duplicate",
    category: Category::Typo,
    severity: Severity::Warning,
    description: "字词重复（的的、进一步进一步、通过多次通过）",
};

static DATA: &str = crate::compact_table!(include_bytes!("repeated.txt"), &[]);

fn list(key: &str) -> Vec<&'static str> {
    DATA.lines()
        .find_map(|l| l.strip_prefix(key))
        .map(|rest| rest.split_whitespace().collect())
        .unwrap_or_default()
}

static PAIRS: LazyLock<Vec<&'static str>> = LazyLock::new(|| list("pairs:"));
static GAPPED: LazyLock<Vec<&'static str>> = LazyLock::new(|| list("gapped:"));
static JOINS: LazyLock<Vec<&'static str>> = LazyLock::new(|| list("joins:"));

/// Whether the last character of a repeated `unit` starts a listed word with
/// the character at `end` (`委员会委员会同学校`: 委员会 委员 会同).
fn joins_next(text: &str, end: usize, unit: &str) -> bool {
    let (Some(last), Some(next)) = (unit.chars().next_back(), char_at(text, end)) else {
        return false;
    };
    JOINS.iter().any(|w| {
        let mut cs = w.chars();
        cs.next() == Some(last) && cs.next() == Some(next)
    })
}

/// Whether a repeated unit is repeated on purpose: a count of one
/// (`一个项目一个项目地抓`, `一所学校一所学校过`: one at a time) or any unit
/// made an adverb by `地` (`一家一家地`).
fn deliberate(text: &str, end: usize, unit: &str) -> bool {
    unit.starts_with('一') || text[end..].starts_with('地')
}

/// What a candidate can be, in the order they are tried at one position.
#[derive(Clone, Copy)]
enum Alt {
    /// `的的`.
    De,
    /// A listed word written twice.
    Pair(&'static str),
    /// A gapped word, one to three Han characters, the word again.
    Gap(&'static str),
}

/// The alternatives by their first character (stable: 的的, then the pairs,
/// then the gapped words, each in list order).
static STARTS: LazyLock<Vec<(char, Alt)>> = LazyLock::new(|| {
    let first = |w: &str| w.chars().next().unwrap_or('\0');
    let mut v: Vec<(char, Alt)> = vec![('的', Alt::De)];
    v.extend(PAIRS.iter().map(|&w| (first(w), Alt::Pair(w))));
    v.extend(GAPPED.iter().map(|&w| (first(w), Alt::Gap(w))));
    v.retain(|&(c, _)| c != '\0');
    crate::sort::sort_by_key(&mut v, |a| a.0);
    v
});

/// What a candidate starts with: `的的`, a listed word twice, a gapped word.
fn seeds() -> Vec<String> {
    let mut words = vec!["的的".to_string()];
    words.extend(PAIRS.iter().map(|w| format!("{w}{w}")));
    words.extend(GAPPED.iter().map(|w| w.to_string()));
    words
}

/// Where the candidate starting at `at` ends: the first alternative (for
/// a gapped word, the shortest gap) that matches.
fn candidate_at(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let c = rest.chars().next()?;
    let starts = &*STARTS;
    let from = starts.partition_point(|a| a.0 < c);
    starts[from..]
        .iter()
        .take_while(|a| a.0 == c)
        .find_map(|&(_, alt)| match alt {
            Alt::De => rest.starts_with("的的").then_some(at + "的的".len()),
            Alt::Pair(w) => {
                (rest.starts_with(w) && rest[w.len()..].starts_with(w)).then_some(at + 2 * w.len())
            }
            Alt::Gap(w) => {
                let mut end = at + w.len();
                if !rest.starts_with(w) {
                    return None;
                }
                for _ in 0..3 {
                    let g = char_at(text, end).filter(|&g| is_han(g))?;
                    end += g.len_utf8();
                    if text[end..].starts_with(w) {
                        return Some(end + w.len());
                    }
                }
                None
            }
        })
}

/// The candidates (的的, a listed word twice, a gapped word repeated),
/// leftmost first and not overlapping, as (start, end).
fn candidates(cx: &Context) -> Vec<(usize, usize)> {
    let text = cx.doc.text;
    let mut seeds = cx.words(&SEEDS);
    let mut out = Vec::new();
    let mut from = 0;
    while let Some((at, _)) = seeds.find_from(from) {
        match candidate_at(text, at) {
            Some(end) => {
                out.push((at, end));
                from = end;
            }
            None => from = at + 1,
        }
    }
    out
}

/// Where a candidate starts ([`seeds`]), found by the check's one word search.
static SEEDS: WordList = WordList::new(seeds);

impl Rule for Duplicate {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn words(&self) -> Option<&'static WordList> {
        Some(&SEEDS)
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        let mut found: Vec<(Span, String, Option<String>)> = Vec::new();
        for (start, end) in candidates(cx) {
            let s = &text[start..end];
            if s == "的的" {
                let before = &text[..start];
                let after = &text[end..];
                if after.starts_with('确') || before.ends_with('目') || before.ends_with('标') {
                    continue;
                }
                let second = start + '的'.len_utf8();
                found.push((
                    Span::new(second, end),
                    "“的的”重复：删去一个“的”。".into(),
                    Some(String::new()),
                ));
            } else if let Some(w) = PAIRS
                .iter()
                .find(|w| s.len() == 2 * w.len() && s.starts_with(*w) && s.ends_with(*w))
            {
                found.push((
                    Span::new(start + w.len(), end),
                    format!("“{w}”重复写了两遍：删去一个。"),
                    Some(String::new()),
                ));
            } else if let Some(w) = GAPPED.iter().find(|w| s.starts_with(*w) && s.ends_with(*w)) {
                found.push((
                    Span::new(end - w.len(), end),
                    format!("“{w}”在短距离内重复出现：请删去多余的一个或改写。"),
                    None,
                ));
            }
        }
        for (start, end, unit) in crate::repeats::repeats(text) {
            if joins_next(text, end, &unit) || deliberate(text, end, &unit) {
                continue;
            }
            found.push((
                Span::new(start, end),
                format!("“{unit}”重复写了两遍：删去一个。"),
                Some(String::new()),
            ));
        }
        crate::sort::sort_by_key(&mut found, |f| f.0);
        found.dedup_by_key(|f| f.0);
        // Quoted ranges once per line, not per finding (a long line with
        // many repeats would otherwise be rescanned for each).
        let mut quoted: Option<(usize, Vec<(usize, usize)>)> = None;
        for (span, message, fix) in found {
            let li = cx.doc.line_index(span.start);
            let line = cx.doc.lines().at(li);
            if quoted.as_ref().is_none_or(|(l, _)| *l != li) {
                quoted = Some((li, quoted_ranges(cx.doc.slice(line))));
            }
            let in_quotes = quoted
                .as_ref()
                .is_some_and(|(_, ranges)| inside(ranges, span.start - line.start));
            if !in_quotes {
                sink.emit(span, message, fix);
            }
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
            run(&Duplicate, "学校的的办学条件"),
            [("的".into(), Some(String::new()))]
        );
        assert_eq!(
            run(&Duplicate, "要进一步进一步加强管理"),
            [("进一步".into(), Some(String::new()))]
        );
        assert_eq!(
            run(&Duplicate, "全面加强加强党的领导工作"),
            [("加强".into(), Some(String::new()))]
        );
        assert_eq!(
            run(&Duplicate, "我县通过多次通过专题会议研究"),
            [("通过".into(), None)]
        );
        // Units with a four-byte (Extension B) character, and at the very start.
        assert_eq!(
            run(&Duplicate, "推进𠀀教育𠀀教育工作，办学条件办学条件"),
            [
                ("𠀀教育".into(), Some(String::new())),
                ("办学条件".into(), Some(String::new()))
            ]
        );
        // A doubled 委员会 before anything but a listed join still fires.
        assert_eq!(
            run(&Duplicate, "家长委员会委员会研究决定"),
            [("委员会".into(), Some(String::new()))]
        );
        assert_eq!(
            run(&Duplicate, "再三强调再三强调"),
            [("再三强调".into(), Some(String::new()))]
        );
    }

    #[test]
    fn quiet_on_legitimate_repeats() {
        for ok in [
            "的的确确做到了",
            "实现教育目的的途径",
            "开展“小树小树快快长”活动",
            "推推动动、拨拨转转，勤勤恳恳、扎扎实实",
            "“校校通”“班班通”全覆盖",
            "学校校舍、教育局局长、常委会会议、钉钉群、师生生命财产安全、在校生生均公用经费",
            "研究研究再说，一个一个落实",
            "一个项目一个项目地抓落实，一所学校一所学校过，逐校逐校地查",
            "家长委员会委员会同学校制定膳食方案，校务委员会委员会议纪要",
            "",
        ] {
            assert!(
                run(&Duplicate, ok).is_empty(),
                "{ok}: {:?}",
                run(&Duplicate, ok)
            );
        }
    }
}
