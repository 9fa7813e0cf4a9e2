//! `wording/typo`: words commonly mistyped in official writing.
//!
//! **What it checks.** The confusions listed in `typos.tsv`: wrong
//! characters in fixed words and idioms (`布署`→`部署`, `贯切`→`贯彻`,
//! `煅炼`→`锻炼`, `台帐`→`台账`, `学藉`→`学籍`, `再接再励`→`再接再厉`,
//! `如火如茶`→`如火如荼` …), a character of a common word typed twice
//! (`任任务`, `推进进`, `我局局`: unless it makes a word with its other
//! neighbour, `主任任务`, `推进进一步`, `我局局长`, the characters listed
//! in the row's condition) and words right only in some contexts, each
//! with its condition: `截止`→`截至` only before a time point (`截止2023年底`,
//! not `截止时间`), `自已`→`自己` but not in `不能自已` nor across two words
//! (`来自|已经`: the `not-split` condition), `非盈利`→`非营利` only
//! for organisations, `按排`→`安排` but not in `按排名`. The table is data;
//! every entry carries its own example that must be reported and one that
//! must not, and a test runs them all.
//!
//! **Why it matters.** A wrong character in a 公文 is the first thing a
//! reader notices and undermines the whole report.
//!
//! **Example.** `认真布署各项工作` → `认真部署各项工作`; `截止2023年底` → `截至2023年底`.
//!
//! **Not flagged.** Anything not in the table; entries whose condition does
//! not hold. Precision first: a pair that can be right in some context
//! either has its condition or is left out (e.g. `其它` is an accepted
//! variant; `做为` can be `做`+`为…`; `既使` is reported unless a `又` or
//! `也使` follows in the sentence: `既使…又使…` is right).
//!
//! **Follows** 《通用规范汉字表》(2013) and 《现代汉语词典》 usage, as applied
//! by GB/T 9704—2012 §5 (公文用字规范).

use std::sync::LazyLock;

use crate::context::Context;
use crate::finding::{Category, Severity, Span};
use crate::rules::{Meta, Rule, Sink};

use crate::words::WordList;

pub struct Typo;

static META: Meta = Meta {
    id: "wording/typo",
    category: Category::Typo,
    severity: Severity::Error,
    description: "错别字（部署、贯彻、锻炼、台账、截至……，见错别字表）",
};

/// The table; outside tests without its comments and its examples (columns
/// 3 and 4, which only the test reads).
#[cfg(not(test))]
static TABLE_TSV: &str = crate::compact_table!(include_bytes!("typos.tsv"), &[3, 4]);
#[cfg(test)]
static TABLE_TSV: &str = include_str!("typos.tsv");

/// One line of the table.
#[derive(Debug)]
pub(crate) struct Entry {
    pub wrong: &'static str,
    pub right: &'static str,
    condition: Vec<Clause>,
    #[cfg_attr(not(test), allow(dead_code))]
    pub positive: &'static str,
    #[cfg_attr(not(test), allow(dead_code))]
    pub negative: &'static str,
    pub note: &'static str,
}

#[derive(Debug)]
enum Clause {
    Time,
    Before(Vec<&'static str>),
    NotBefore(Vec<&'static str>),
    NotAfter(Vec<&'static str>),
    /// Not when the text before ends with a word of the first list and the
    /// text after starts with one of the second: the wrong form then
    /// straddles two words (`来自|已经`).
    NotSplit(Vec<&'static str>, Vec<&'static str>),
    /// Not when one of the words follows later in the same sentence
    /// (`既使…又使…` is right).
    NotLater(Vec<&'static str>),
}

/// How far [`Clause::NotLater`] looks: to the end of the sentence, at most
/// this many characters.
const SENTENCE: usize = 60;

/// Words that make what follows `截止` a time point.
const TIME_WORDS: [&str; 14] = [
    "目前", "今", "当前", "现在", "本年", "本月", "上年", "去年", "年底", "年末", "月底", "二〇",
    "二○", "当年",
];

impl Clause {
    fn holds(&self, before: &str, after: &str) -> bool {
        match self {
            Clause::Time => {
                after.starts_with(|c: char| c.is_ascii_digit())
                    || TIME_WORDS.iter().any(|w| after.starts_with(w))
            }
            Clause::Before(ws) => ws.iter().any(|w| after.starts_with(w)),
            Clause::NotBefore(ws) => !ws.iter().any(|w| after.starts_with(w)),
            Clause::NotAfter(ws) => !ws.iter().any(|w| before.ends_with(w)),
            Clause::NotSplit(left, right) => {
                !(left.iter().any(|w| before.ends_with(w))
                    && right.iter().any(|w| after.starts_with(w)))
            }
            Clause::NotLater(ws) => {
                let end = after
                    .char_indices()
                    .take(SENTENCE)
                    .find(|&(_, c)| matches!(c, '。' | '；' | '！' | '？' | '\n'))
                    .map_or_else(
                        || after.chars().take(SENTENCE).map(char::len_utf8).sum(),
                        |(i, _)| i,
                    );
                !ws.iter().any(|w| after[..end].contains(w))
            }
        }
    }
}

fn parse_condition(s: &'static str) -> Vec<Clause> {
    if s == "-" {
        return Vec::new();
    }
    s.split(';')
        .filter_map(|c| {
            let (kind, words) = c.split_once(':').unwrap_or((c, ""));
            let split = |s: &'static str| -> Vec<&'static str> {
                s.split('|').filter(|w| !w.is_empty()).collect()
            };
            if kind.trim() == "not-split" {
                let (left, right) = words.split_once('/').unwrap_or((words, ""));
                return Some(Clause::NotSplit(split(left), split(right)));
            }
            let words = split(words);
            match kind.trim() {
                "time" => Some(Clause::Time),
                "before" => Some(Clause::Before(words)),
                "not-before" => Some(Clause::NotBefore(words)),
                "not-after" => Some(Clause::NotAfter(words)),
                "not-later" => Some(Clause::NotLater(words)),
                _ => None,
            }
        })
        .collect()
}

pub(crate) struct Table {
    pub entries: Vec<Entry>,
}

pub(crate) static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut entries = Vec::new();
    for row in TABLE_TSV.lines() {
        if row.starts_with('#') || row.trim().is_empty() {
            continue;
        }
        let c: Vec<&'static str> = row.split('\t').collect();
        if c.len() < 2 || c[0].is_empty() {
            continue;
        }
        let col = |i: usize| c.get(i).copied().unwrap_or("-");
        entries.push(Entry {
            wrong: c[0],
            right: c[1],
            condition: parse_condition(col(2)),
            positive: col(3),
            negative: col(4),
            note: col(5),
        });
    }
    Table { entries }
});

/// The wrong forms to search for, by entry (searched leftmost-longest, so
/// an idiom wins over a word inside it); a word listed twice is searched
/// for its last entry only (the others are empty).
fn words() -> Vec<String> {
    let entries = &TABLE.entries;
    // Entry indices by word, the last entry of a word first among its own.
    let mut order: Vec<usize> = (0..entries.len()).collect();
    crate::sort::sort_by_key(&mut order, |&i| (entries[i].wrong, std::cmp::Reverse(i)));
    let mut out = vec![String::new(); entries.len()];
    let mut prev: Option<&str> = None;
    for i in order {
        let w = entries[i].wrong;
        if prev != Some(w) {
            out[i] = w.to_string();
        }
        prev = Some(w);
    }
    out
}

/// Every table hit in the text whose condition holds: (span, entry).
pub(crate) fn hits(cx: &Context) -> Vec<(Span, &'static Entry)> {
    let text = cx.doc.text;
    let t = &*TABLE;
    let mut out = Vec::new();
    let mut words = cx.words(&WORDS);
    let mut from = 0;
    while let Some((at, i)) = words.find_from(from) {
        let Some(e) = t.entries.get(i) else { break };
        let m = Span::new(at, at + e.wrong.len());
        from = m.end.max(at + 1);
        let (before, after) = (&text[..m.start], &text[m.end..]);
        if e.condition.iter().all(|c| c.holds(before, after)) {
            out.push((m, e));
        }
    }
    out
}

/// The wrong forms of the table, found for this rule by the check's one word search.
static WORDS: WordList = WordList::new(words);

impl Rule for Typo {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn words(&self) -> Option<&'static WordList> {
        Some(&WORDS)
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        for (span, e) in hits(cx) {
            let why = if e.note == "-" || e.note.is_empty() {
                String::new()
            } else {
                format!("（{}）", e.note)
            };
            sink.emit(
                span,
                format!("“{}”应为“{}”{why}。", e.wrong, e.right),
                Some(e.right.to_string()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_listed_twice_is_searched_for_its_last_entry() {
        let entries = &TABLE.entries;
        let words = words();
        assert_eq!(words.len(), entries.len());
        for (i, e) in entries.iter().enumerate() {
            let later = entries[i + 1..].iter().any(|x| x.wrong == e.wrong);
            let want = if later { "" } else { e.wrong };
            assert_eq!(words[i], want, "entry {i}");
        }
    }
    use crate::rules::test_util::run;

    #[test]
    fn every_entry_fires_on_its_example_and_not_on_its_counterexample() {
        let t = &*TABLE;
        assert!(t.entries.len() >= 580, "{} entries", t.entries.len());
        let mut failures = Vec::new();
        for e in &t.entries {
            let pos = if e.positive == "-" {
                e.wrong
            } else {
                e.positive
            };
            if !pos.contains(e.wrong) {
                failures.push(format!(
                    "{}: positive example lacks the wrong form",
                    e.wrong
                ));
            }
            let found = run(&Typo, pos);
            let want = (e.wrong.to_string(), Some(e.right.to_string()));
            if !found.contains(&want) {
                failures.push(format!("{}: not reported in «{pos}»: {found:?}", e.wrong));
            }
            let neg = if e.negative == "-" {
                pos.replace(e.wrong, e.right)
            } else {
                e.negative.to_string()
            };
            let found = run(&Typo, &neg);
            if found.iter().any(|(s, _)| s == e.wrong) {
                failures.push(format!("{}: reported in counterexample «{neg}»", e.wrong));
            }
            if e.wrong == e.right {
                failures.push(format!("{}: wrong and right are the same", e.wrong));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn no_entry_is_a_correct_word_of_another() {
        let t = &*TABLE;
        for e in &t.entries {
            for other in &t.entries {
                assert!(
                    !other.right.contains(e.wrong),
                    "“{}” is wrong but occurs in the correct “{}”",
                    e.wrong,
                    other.right
                );
            }
        }
    }

    /// A character of a common word typed twice, and reduplication and word
    /// joins that are right.
    #[test]
    fn doubled_characters() {
        for (text, wrong) in [
            ("我局局严格落实课后服务要求", "我局局"),
            ("按期完成任任务清单", "任任务"),
            ("这项改革具有重要意意义", "意意义"),
            ("着力打打造县域教育品牌", "打打造"),
            ("持续推进进集团化办学", "推进进"),
        ] {
            let found = run(&Typo, text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].0, wrong, "{text}");
        }
        for ok in [
            "常常深入学校，层层压实责任，扎扎实实、方方面面抓落实，人人参与",
            "教育部部长、委员会会议、班主任任务繁重、财政政策、教育局局长",
            "在校学生生均公用经费，部分学校校际差异，职教教师，推进进一步落实",
        ] {
            assert!(run(&Typo, ok).is_empty(), "{ok}: {:?}", run(&Typo, ok));
        }
    }

    #[test]
    fn correct_genre_text_is_quiet() {
        for ok in [
            "截至2017年12月，全县共有学校30所；截至目前已整改到位。",
            "申报截止日期为3月5日。",
            "以习近平同志为核心的党中央",
            "“小树小树快快长”，勤勤恳恳、扎扎实实，班班通，学校校舍，教育局局长。",
            "其它学校参照执行。",
            // `自已` across two words: 来自|已经.
            "成绩来自已经实施的改革，各自已有分工，亲自已到现场，激动得不能自已。",
            "建立健全工作台账，规范财务账目，及时拨付资金。",
            "常态化开展防溺水教育，加强体育锻炼。",
            "",
        ] {
            assert!(run(&Typo, ok).is_empty(), "{ok}: {:?}", run(&Typo, ok));
        }
    }
}
