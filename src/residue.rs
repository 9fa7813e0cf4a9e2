//! Which lines are web-page residue (download-site headers, portal footers,
//! share bars…), read once per check from the phrase table
//! `src/residue.tsv`. The rule `format/web-residue` reports them;
//! other rules read the index to stay quiet on lines that will be deleted.
//!
//! No regular expressions: the `any`/`cut`/`para` phrases are one
//! Aho-Corasick pass over the text; the `start`, `line` and `count` kinds
//! are tested per line by small scanners.

use std::sync::LazyLock;

use crate::document::Document;
use crate::finding::Span;
use crate::text::{is_han, Tagged};

/// The phrase table (kind, phrase, example, counterexample per row).
pub(crate) static TABLE_TSV: &str = include_str!("residue.tsv");

/// The kinds of phrase searched in running text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Whole line; in prose, the sentence.
    Any,
    /// Whole line; in prose, the phrase.
    Cut,
    /// Whole line always.
    Para,
}

struct Table {
    /// The `any`, `cut` and `para` phrases (each with both widths of `:` `(` `)`).
    list: Vec<(Kind, String)>,
    /// The same, one automaton.
    phrases: Tagged<Kind>,
    /// `start` phrases: at a line start, spaces allowed between their characters.
    start: Vec<Vec<char>>,
    /// First characters of the `start` phrases, sorted: a cheap test before matching.
    start_first: Vec<char>,
    /// `line` phrases, normalised (see [`normalise`]), sorted.
    whole: Vec<String>,
    /// `count` patterns (`(实用#篇)`): `#` stands for digits.
    counts: Vec<Vec<char>>,
}

/// Spaces allowed between the characters of a `start` phrase (`索 引 号`).
fn is_gap(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{2002}' | '\u{00A0}')
}

/// A phrase character against a text character: `:` and `(`/`)` match both widths.
fn same(p: char, c: char) -> bool {
    match p {
        ':' | '：' => matches!(c, ':' | '：'),
        '(' | '（' => matches!(c, '(' | '（'),
        ')' | '）' => matches!(c, ')' | '）'),
        p => p == c,
    }
}

/// The phrase with every colon and round bracket written both ways.
fn width_forms(phrase: &str) -> Vec<String> {
    let mut forms = vec![String::new()];
    for c in phrase.chars() {
        let both = match c {
            ':' | '：' => [':', '：'],
            '(' | '（' => ['(', '（'],
            ')' | '）' => [')', '）'],
            c => {
                forms.iter_mut().for_each(|f| f.push(c));
                continue;
            }
        };
        forms = forms
            .into_iter()
            .flat_map(|f| both.map(|b| format!("{f}{b}")))
            .collect();
    }
    forms
}

/// Drops spaces and maps the full-width colon to ASCII, for whole-line lookups.
fn normalise(line: &str) -> String {
    // No longer than the line: allocated once.
    let mut out = String::with_capacity(line.len());
    out.extend(
        line.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c == '：' { ':' } else { c }),
    );
    out
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut phrases = Vec::new();
    let mut start = Vec::new();
    let mut start_first = Vec::new();
    let mut whole = Vec::new();
    let mut counts = Vec::new();
    for row in TABLE_TSV.lines() {
        if row.starts_with('#') || row.trim().is_empty() {
            continue;
        }
        let mut cols = row.split('\t');
        let (Some(kind), Some(phrase)) = (cols.next(), cols.next()) else {
            continue;
        };
        let kind = match kind {
            "any" => Kind::Any,
            "cut" => Kind::Cut,
            "para" => Kind::Para,
            "start" => {
                start_first.extend(phrase.chars().next());
                start.push(phrase.chars().collect());
                continue;
            }
            "line" => {
                whole.push(normalise(phrase));
                continue;
            }
            "count" => {
                counts.push(phrase.chars().collect());
                continue;
            }
            _ => continue,
        };
        phrases.extend(width_forms(phrase).into_iter().map(|f| (kind, f)));
    }
    crate::sort::sort(&mut start_first);
    start_first.dedup();
    crate::sort::sort(&mut whole);
    whole.dedup();
    Table {
        phrases: Tagged::new(phrases.iter().map(|(k, f)| (*k, f.as_str()))),
        list: phrases,
        start,
        start_first,
        whole,
        counts,
    }
});

/// The phrases searched in running text (`any`, `cut`, `para`), for a
/// caller that searches them together with others in one pass
/// ([`crate::Context`]): give the matches to [`Residue::from_matches`].
pub fn phrases() -> impl Iterator<Item = (Kind, &'static str)> {
    TABLE.list.iter().map(|(k, p)| (*k, p.as_str()))
}

/// The phrases of the kinds `keep` in `text`, as a regular expression's
/// `find_iter` would give them: leftmost, then longest, not overlapping.
fn hits(text: &str, keep: impl Fn(Kind) -> bool) -> Vec<(Kind, Span)> {
    select(
        TABLE
            .phrases
            .matches(text)
            .filter(|&(k, _)| keep(k))
            .collect(),
    )
}

/// From every occurrence (overlapping ones included, in the order they
/// end), the leftmost-longest ones that do not overlap.
fn select(mut all: Vec<(Kind, Span)>) -> Vec<(Kind, Span)> {
    crate::sort::sort_by_key(&mut all, |&(_, s)| (s.start, std::cmp::Reverse(s.end)));
    let mut end = 0;
    all.retain(|&(_, s)| {
        let ok = s.start >= end;
        if ok {
            end = s.end;
        }
        ok
    });
    all
}

/// Whether `line` starts (after spaces) with a `start` phrase, spaces
/// allowed between the phrase's characters.
fn starts_with_table_phrase(line: &str) -> bool {
    let body = line.trim_start();
    TABLE.start.iter().any(|p| {
        let mut cs = body.chars().peekable();
        p.iter().enumerate().all(|(k, &pc)| {
            if k > 0 {
                while cs.next_if(|&c| is_gap(c)).is_some() {}
            }
            cs.next().is_some_and(|c| same(pc, c))
        })
    })
}

/// Whether a `count` pattern (`(实用#篇)`, `精选#篇`) occurs in `line`.
fn has_count_title(line: &str) -> bool {
    let at = |s: &str, p: &[char]| -> bool {
        let mut cs = s.chars().peekable();
        for &pc in p {
            if pc == '#' {
                let mut n = 0;
                while cs
                    .next_if(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
                    .is_some()
                {
                    n += 1;
                }
                if n == 0 {
                    return false;
                }
            } else if !cs.next().is_some_and(|c| same(pc, c)) {
                return false;
            }
        }
        true
    };
    line.char_indices()
        .any(|(i, _)| TABLE.counts.iter().any(|p| at(&line[i..], p)))
}

/// Whether the text just before a URL introduces it (`详见县教育局网站…`):
/// then the author cites it on purpose.
pub(crate) fn cited(before: &str) -> bool {
    let tail = crate::text::last_chars(before, 8);
    [
        "网站", "网址", "详见", "登录", "访问", "官网", "网页", "平台", "链接", "见",
    ]
    .iter()
    .any(|w| tail.contains(w))
}

/// `| | | |`: a table's rules with the cells lost.
fn is_table_rule(line: &str) -> bool {
    line.matches('|').count() >= 2
        && line
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '|' | '-' | '+' | ':' | '｜'))
}

pub(crate) fn is_blank(line: &str) -> bool {
    line.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}')
}

/// Whether one line is web residue, given whether a phrase of the `any` or
/// `cut` kind occurs in it (the `para` kind is handled by the caller) and
/// whether it holds a `|`.
fn is_residue_line(line: &str, has_phrase: bool, pipe: bool) -> bool {
    let t = &*TABLE;
    let body = line.trim();
    let Some(first) = body.chars().next() else {
        return false;
    };
    if (pipe && is_table_rule(line))
        || (t.start_first.binary_search(&first).is_ok() && starts_with_table_phrase(line))
        || (body.len() <= 40 && t.whole.binary_search(&normalise(body)).is_ok())
    {
        return true;
    }
    if !has_phrase {
        return false;
    }
    // A phrase in a line that is not report prose: the whole line goes.
    let mut rest = line.to_string();
    for kind in [Kind::Any, Kind::Cut] {
        for (_, m) in hits(line, |k| k == kind) {
            rest = rest.replace(&line[m.start..m.end], "");
        }
    }
    !is_prose(&rest)
}

/// Enough Chinese left to be a sentence of the report.
fn is_prose(text: &str) -> bool {
    text.chars().filter(|&c| is_han(c)).count() >= 20
}

/// Residue inside a line of report prose: the phrase (for `cut` entries),
/// the sentence holding it (for `any`), or the bracket around it; with a fix
/// when the span is certainly residue.
pub(crate) fn inline_hits(line: &str) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    for (kind, sentence) in [(Kind::Cut, false), (Kind::Any, true)] {
        for (_, m) in hits(line, |k| k == kind) {
            if let Some((s, e)) = enclosing_bracket(line, m.start, m.end) {
                out.push((s, e, true));
            } else if sentence {
                let s = line[..m.start]
                    .rfind(['。', '！', '？'])
                    .map_or(0, |i| i + '。'.len_utf8());
                let e = line[m.end..]
                    .find(['。', '！', '？'])
                    .map_or(line.len(), |i| m.end + i + '。'.len_utf8());
                out.push((s, e, s > 0));
            } else {
                out.push((m.start, m.end, true));
            }
        }
    }
    crate::sort::sort(&mut out);
    out.dedup();
    out
}

/// `( wWw.example.com 转载请注明 )`: a short bracket holding the phrase.
fn enclosing_bracket(line: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let open = line[..start].rfind(['(', '（', '【', '['])?;
    if start - open > 60 || line[open..start].contains([')', '）', '】', ']']) {
        return None;
    }
    let close_rel = line[end..].find([')', '）', '】', ']'])?;
    if close_rel > 60 {
        return None;
    }
    let close = end + close_rel;
    let width = line[close..].chars().next().map_or(1, char::len_utf8);
    Some((open, close + width))
}

/// The residue index of a document, built once per check (see [`crate::Context`]).
#[derive(Debug, Default)]
pub struct Residue {
    /// For every line, whether it is web residue as a whole (including a
    /// short unknown line sandwiched between residue lines).
    pub lines: LineSet,
    /// For every line, whether a residue phrase occurs in it at all (only
    /// those lines can hold inline residue).
    pub phrase: LineSet,
}

/// Whether each line of a document is in a set, a bit a line (a text of
/// empty lines has a line a byte). `set[i]` is `false` past the end.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LineSet {
    bits: Vec<u64>,
    len: usize,
}

impl LineSet {
    /// `len` lines, none in the set.
    pub fn new(len: usize) -> Self {
        LineSet {
            bits: vec![0; len.div_ceil(64)],
            len,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether line `i` is in the set, or `None` past the end.
    pub fn get(&self, i: usize) -> Option<&bool> {
        (i < self.len).then(|| &self[i])
    }

    /// Puts line `i` in the set or takes it out (nothing past the end).
    pub fn set(&mut self, i: usize, on: bool) {
        if i < self.len {
            if let Some(w) = self.bits.get_mut(i / 64) {
                *w = (*w & !(1 << (i % 64))) | (u64::from(on) << (i % 64));
            }
        }
    }
}

impl std::ops::Index<usize> for LineSet {
    type Output = bool;
    fn index(&self, i: usize) -> &bool {
        let on = i < self.len
            && self
                .bits
                .get(i / 64)
                .is_some_and(|w| w >> (i % 64) & 1 == 1);
        if on {
            &true
        } else {
            &false
        }
    }
}

impl Residue {
    /// One pass of the phrase automaton over the whole text, then cheap
    /// per-line tests.
    pub fn new(doc: &Document) -> Self {
        Residue::from_matches(doc, TABLE.phrases.matches(doc.text).collect())
    }

    /// Like [`Residue::new`], from every occurrence of the [`phrases`] in
    /// the whole text (overlapping ones included, in the order they end).
    pub fn from_matches(doc: &Document, matches: Vec<(Kind, Span)>) -> Self {
        let lines = doc.lines();
        let mut marked = LineSet::new(lines.len());
        let mut phrase = LineSet::new(lines.len());
        for (kind, m) in select(matches) {
            let li = doc.line_index(m.start);
            if kind == Kind::Para {
                marked.set(li, true);
            } else {
                phrase.set(li, true);
            }
        }
        // Every `|` (ASCII: in the runs), so lines are not searched for one.
        let bar = crate::text::kind_bit(b'|');
        let bytes = doc.text.as_bytes();
        let pipes: Vec<usize> = (doc.runs().after(0))
            .filter(|r| r.2 & bar != 0)
            .flat_map(|(s, e, _)| (s..e.min(bytes.len())).filter(|&k| bytes[k] == b'|'))
            .collect();
        let mut next_pipe = 0;
        for (i, line) in lines.iter().enumerate() {
            while pipes.get(next_pipe).is_some_and(|&k| k < line.start) {
                next_pipe += 1;
            }
            if marked[i] {
                continue;
            }
            let pipe = pipes.get(next_pipe).is_some_and(|&k| k < line.end);
            let s = doc.slice(line);
            // Aggregator titles (`(实用17篇)`), on short lines only.
            let title = s.len() <= 120
                && s.contains('篇')
                && (has_count_title(s) || TABLE.phrases.matches(s).any(|(k, _)| k == Kind::Para));
            marked.set(i, title || is_residue_line(s, phrase[i], pipe));
        }
        // Absorb a short line (an app name in a share bar) between two residue lines.
        let mut prev: [Option<usize>; 2] = [None, None];
        for (i, line) in lines.iter().enumerate() {
            if is_blank(doc.slice(line)) {
                continue;
            }
            if let [Some(a), Some(b)] = prev {
                if marked[a] && marked[i] && !marked[b] {
                    let mid = doc.slice(lines.at(b));
                    // At most ten characters (counted no further than needed).
                    let short = mid.trim().chars().nth(10).is_none()
                        && !mid.contains(['。', '，', ',', '；', ';']);
                    marked.set(b, short);
                }
            }
            prev = [prev[1], Some(i)];
        }
        Residue {
            lines: marked,
            phrase,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_set_as_a_list_of_bools() {
        let mut set = LineSet::new(130);
        let mut want = [false; 130];
        for i in [0, 63, 64, 65, 129, 7, 64] {
            set.set(i, true);
            want[i] = true;
        }
        set.set(7, false);
        want[7] = false;
        set.set(500, true);
        for (i, &w) in want.iter().enumerate() {
            assert_eq!((set[i], set.get(i)), (w, Some(&w)), "{i}");
        }
        assert_eq!(
            (set[130], set.get(130), set[500], set.len()),
            (false, None, false, 130)
        );
    }

    #[test]
    fn table_parses() {
        let t = &*TABLE;
        assert!(t.whole.binary_search(&"微博".to_string()).is_ok());
        assert_eq!(
            hits("【本文地址:http://a.cn/1.html】", |k| k == Kind::Any).len(),
            1
        );
        assert!(starts_with_table_phrase(
            "索 引 号: 011396186/2021-53338 主题分类: 教育"
        ));
        assert!(starts_with_table_phrase("\u{3000} 发布日期：2021年"));
        assert!(!starts_with_table_phrase("正文发布日期：2021年"));
        assert!(has_count_title("学校自查报告（实用１７篇)"));
        assert!(has_count_title("精选8篇"));
        assert!(!has_count_title("精选篇"));
    }

    #[test]
    fn hits_do_not_overlap() {
        let line = "政务要闻官网下载此文档";
        let got: Vec<_> = hits(line, |_| true)
            .into_iter()
            .map(|(_, s)| &line[s.start..s.end])
            .collect();
        assert_eq!(got, ["政务要闻官网下载"]);
    }
}
