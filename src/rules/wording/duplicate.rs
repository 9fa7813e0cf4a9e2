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
//! **Not flagged.** Legitimate reduplication: `的的确确`, `目的的`,
//! `勤勤恳恳`, `推推动动`, `班班通`, `学校校舍`, `教育局局长`, `常委会会议`,
//! `在校生生均`, `研究研究`, `一个一个`, anything inside quotation marks or
//! book-title marks (`“小树小树快快长”`).
//!
//! **Follows** GB/T 9704—2012 §5 (公文用语准确、规范) — an editing slip.

use std::sync::LazyLock;

use regex::Regex;

use crate::context::Context;
use crate::finding::{Category, Severity, Span};
use crate::rules::format::{inside, quoted_ranges};
use crate::rules::{Meta, Rule, Sink};
use crate::text::{is_han, HAN_CLASS};

pub struct Duplicate;

static META: Meta = Meta {
    id: "wording/duplicate",
    category: Category::Typo,
    severity: Severity::Warning,
    description: "字词重复（的的、进一步进一步、通过多次通过）",
};

static DATA: &str = include_str!("repeated.txt");

fn list(key: &str) -> Vec<&'static str> {
    DATA.lines()
        .find_map(|l| l.strip_prefix(key))
        .map(|rest| rest.split_whitespace().collect())
        .unwrap_or_default()
}

static PAIRS: LazyLock<Vec<&'static str>> = LazyLock::new(|| list("pairs:"));
static GAPPED: LazyLock<Vec<&'static str>> = LazyLock::new(|| list("gapped:"));

/// 的的, a listed word twice, a gapped word repeated: one pass.
static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    let mut alts = vec!["的的".to_string()];
    for w in list("pairs:") {
        alts.push(regex::escape(&format!("{w}{w}")));
    }
    for w in list("gapped:") {
        let w = regex::escape(w);
        alts.push(format!("{w}[{HAN_CLASS}]{{1,3}}?{w}"));
    }
    Regex::new(&alts.join("|")).expect("duplicate regex")
});

/// ABCABC / ABCDABCD in running Han text: (start, end) of the second copy
/// and the repeated unit. One pass with a ring of the last eight characters.
fn long_repeats(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut ring = [(0usize, '\0'); 8];
    let mut len = 0usize; // Han characters in the current run
    for (i, c) in text.char_indices() {
        if !is_han(c) {
            len = 0;
            continue;
        }
        ring[len % 8] = (i, c);
        len += 1;
        let at = |k: usize| ring[(len - 1 - k) % 8]; // k-th character back
        for n in [4usize, 3] {
            if len < 2 * n {
                continue;
            }
            if !(0..n).all(|k| at(k).1 == at(k + n).1) {
                continue;
            }
            let unit: Vec<char> = (0..n).rev().map(|k| at(k).1).collect();
            let trivial = unit.iter().all(|&u| u == unit[0])
                || (n == 4 && unit[0] == unit[2] && unit[1] == unit[3]);
            if !trivial {
                out.push((at(n - 1).0, i + c.len_utf8(), unit.iter().collect()));
                len = 0;
                break;
            }
        }
    }
    out
}

impl Rule for Duplicate {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        let mut found: Vec<(Span, String, Option<String>)> = Vec::new();
        for m in CANDIDATE.find_iter(text) {
            let s = m.as_str();
            if s == "的的" {
                let before = &text[..m.start()];
                let after = &text[m.end()..];
                if after.starts_with('确') || before.ends_with('目') || before.ends_with('标') {
                    continue;
                }
                let second = m.start() + '的'.len_utf8();
                found.push((
                    Span::new(second, m.end()),
                    "“的的”重复：删去一个“的”。".into(),
                    Some(String::new()),
                ));
            } else if let Some(w) = PAIRS
                .iter()
                .find(|w| s.len() == 2 * w.len() && s.starts_with(*w) && s.ends_with(*w))
            {
                let start = m.start() + w.len();
                found.push((
                    Span::new(start, m.end()),
                    format!("“{w}”重复写了两遍：删去一个。"),
                    Some(String::new()),
                ));
            } else if let Some(w) = GAPPED.iter().find(|w| s.starts_with(*w) && s.ends_with(*w)) {
                let start = m.end() - w.len();
                found.push((
                    Span::new(start, m.end()),
                    format!("“{w}”在短距离内重复出现：请删去多余的一个或改写。"),
                    None,
                ));
            }
        }
        for (start, end, unit) in long_repeats(text) {
            found.push((
                Span::new(start, end),
                format!("“{unit}”重复写了两遍：删去一个。"),
                Some(String::new()),
            ));
        }
        found.sort_by_key(|f| f.0);
        found.dedup_by_key(|f| f.0);
        // Quoted ranges once per line, not per finding (a long line with
        // many repeats would otherwise be rescanned for each).
        let mut quoted: Option<(usize, Vec<(usize, usize)>)> = None;
        for (span, message, fix) in found {
            let li = cx.doc.line_index(span.start);
            let line = cx.doc.lines()[li];
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
