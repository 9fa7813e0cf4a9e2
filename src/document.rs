//! The checked text and its index: lines (paragraphs) and protected regions.
//!
//! Built once per check; rules read it and never re-scan for what is here.

use crate::finding::Span;
use crate::text::{kind_bit, Leads, Runs, Scan};

/// The text being checked, split into lines once.
///
/// In these reports a paragraph is one line, so "paragraph" and "line" are the
/// same unit. Line breaks are `\n`, `\r\n` and a lone `\r`; a line's span
/// excludes its terminator.
#[derive(Debug)]
pub struct Document<'a> {
    pub text: &'a str,
    /// Where each line starts (4 bytes a line: a text of empty lines has
    /// one a byte); its end is found from the next one's start.
    line_starts: Vec<u32>,
    urls: Vec<Span>,
    runs: Runs,
}

impl<'a> Document<'a> {
    pub fn new(text: &'a str) -> Self {
        let runs = Runs::of(text);
        Document {
            text,
            line_starts: lines_in_runs(text, &runs),
            urls: find_urls(text, &runs),
            runs,
        }
    }

    /// The runs of chars outside the main CJK block (see [`Runs`]): all the
    /// line breaks, ASCII, digits and punctuation are in them.
    pub fn runs(&self) -> &Runs {
        &self.runs
    }

    /// A cursor over the chars of the text whose first byte is in `set`
    /// (see [`Leads::scan`]): how the format rules find their marks.
    pub fn scan<'s>(&'s self, set: &'s Leads) -> Scan<'s> {
        set.scan(self.text, &self.runs)
    }

    /// Every line's span, in order. An empty text has one empty line.
    pub fn lines(&self) -> Lines<'_> {
        Lines {
            text: self.text,
            starts: &self.line_starts,
            range: 0..self.line_starts.len(),
        }
    }

    /// The text of a span. Spans made by the core are on char boundaries.
    pub fn slice(&self, span: Span) -> &'a str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// The 0-based index of the line containing byte `at` (a terminator
    /// belongs to the line it ends).
    pub fn line_index(&self, at: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s as usize <= at)
            .saturating_sub(1)
    }

    /// Every URL (`http://`, `https://`, `ftp://`, `www.`, any case, to the
    /// end of its run of printable ASCII, without trailing sentence
    /// punctuation), in order.
    pub fn urls(&self) -> &[Span] {
        &self.urls
    }

    /// Whether byte `at` lies inside a URL (where ASCII punctuation is right).
    pub fn in_url(&self, at: usize) -> bool {
        let i = self.urls.partition_point(|u| u.end <= at);
        self.urls.get(i).is_some_and(|u| u.start <= at)
    }
}

/// The lines of a [`Document`] (or a range of them), as spans: what
/// [`Document::lines`] gives. Kept as the lines' starts alone; a line ends
/// where its terminator (`\n`, `\r\n` or `\r`) before the next start begins.
#[derive(Debug, Clone, Default)]
pub struct Lines<'d> {
    text: &'d str,
    /// Every line's start in the document.
    starts: &'d [u32],
    /// The lines of the document these are.
    range: std::ops::Range<usize>,
}

impl<'d> Lines<'d> {
    /// How many lines.
    pub fn len(&self) -> usize {
        self.range.len()
    }

    pub fn is_empty(&self) -> bool {
        self.range.is_empty()
    }

    /// The span of line `i` (of these lines).
    pub fn get(&self, i: usize) -> Option<Span> {
        let k = self.range.start.checked_add(i)?;
        (k < self.range.end).then(|| self.span_of(k))
    }

    /// The span of line `i`: [`Lines::get`] for an index known to be in
    /// range (past the end, an empty span at the end of the text).
    pub fn at(&self, i: usize) -> Span {
        let end = self.text.len();
        self.get(i).unwrap_or(Span::new(end, end))
    }

    pub fn first(&self) -> Option<Span> {
        self.get(0)
    }

    pub fn last(&self) -> Option<Span> {
        self.get(self.len().checked_sub(1)?)
    }

    /// Lines `range` of these, or `None` when it reaches past them.
    pub fn get_range(&self, range: std::ops::Range<usize>) -> Option<Lines<'d>> {
        let start = self.range.start.checked_add(range.start)?;
        let end = self.range.start.checked_add(range.end)?;
        (start <= end && end <= self.range.end).then(|| Lines {
            range: start..end,
            ..self.clone()
        })
    }

    /// The spans in order.
    pub fn iter(&self) -> LineIter<'d> {
        LineIter {
            lines: self.clone(),
        }
    }

    /// Line `k` of the document.
    fn span_of(&self, k: usize) -> Span {
        let start = self.starts.get(k).map_or(0, |&s| s as usize);
        let end = match self.starts.get(k + 1) {
            // Before the next start: its terminator, `\n`, `\r` or `\r\n`.
            Some(&next) => {
                let next = next as usize;
                let crlf = next >= 2 && self.text.as_bytes().get(next - 2..next) == Some(b"\r\n");
                next - if crlf { 2 } else { 1 }
            }
            None => self.text.len(),
        };
        Span::new(start, end.max(start))
    }
}

impl<'d> IntoIterator for Lines<'d> {
    type Item = Span;
    type IntoIter = LineIter<'d>;
    fn into_iter(self) -> LineIter<'d> {
        LineIter { lines: self }
    }
}

/// The spans of [`Lines`], in order.
#[derive(Debug, Clone)]
pub struct LineIter<'d> {
    /// The lines not yet given.
    lines: Lines<'d>,
}

impl Iterator for LineIter<'_> {
    type Item = Span;
    fn next(&mut self) -> Option<Span> {
        let k = self.lines.range.next()?;
        Some(self.lines.span_of(k))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.lines.range.size_hint()
    }
}

impl DoubleEndedIterator for LineIter<'_> {
    fn next_back(&mut self) -> Option<Span> {
        let k = self.lines.range.next_back()?;
        Some(self.lines.span_of(k))
    }
}

impl ExactSizeIterator for LineIter<'_> {}

/// Line spans by `\n`, `\r\n` and lone `\r`; an empty text has one empty
/// line. The readable definition the line starts are tested against.
#[cfg(test)]
fn split_lines(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 64 + 1);
    let mut start = 0;
    // Only the two terminator bytes matter: skip everything else a word at a time.
    while let Some(k) = next_break(bytes, start) {
        lines.push(Span::new(start, k));
        start = k + 1;
        if bytes[k] == b'\r' && bytes.get(k + 1) == Some(&b'\n') {
            start += 1;
        }
    }
    lines.push(Span::new(start, text.len()));
    lines
}

/// Where each line starts (see [`split_lines`]), looking only inside the
/// runs that hold a `\n` or `\r`.
fn lines_in_runs(text: &str, runs: &Runs) -> Vec<u32> {
    let breaks = kind_bit(b'\n') | kind_bit(b'\r');
    let holding = || {
        runs.after(0)
            .filter(|r| r.2 & breaks != 0)
            .map(|r| (r.0, r.1))
    };
    starts_in(text, holding)
}

/// Where each line of `text` starts, by the line breaks of [`split_lines`]
/// (what a [`Document`] keeps, without its runs).
pub(crate) fn line_starts(text: &str) -> Vec<u32> {
    starts_in(text, || std::iter::once((0, text.len())))
}

/// Where each line starts, given byte ranges of the text that hold every
/// line break. Counted first, then sized once: a list grown by doubling
/// holds its old and new buffers at once, and a text of empty lines has a
/// line a byte.
fn starts_in<I: Iterator<Item = (usize, usize)>>(text: &str, ranges: impl Fn() -> I) -> Vec<u32> {
    let bytes = text.as_bytes();
    // Calls `each` with the start of every line after the first.
    let starts = |each: &mut dyn FnMut(usize)| {
        let mut start = 0;
        for (s, e) in ranges() {
            let mut k = s.max(start);
            while let Some(k2) = next_break(&bytes[..e.min(bytes.len())], k) {
                start = k2 + 1;
                if bytes[k2] == b'\r' && bytes.get(k2 + 1) == Some(&b'\n') {
                    start += 1;
                }
                each(start);
                k = start;
            }
        }
    };
    let mut n = 1;
    starts(&mut |_| n += 1);
    let mut lines = Vec::with_capacity(n);
    lines.push(0);
    // Offsets fit in 32 bits: wasm memory does, and so does any text the CLI reads.
    starts(&mut |start| lines.push(u32::try_from(start).unwrap_or(u32::MAX)));
    lines
}

/// The first `\n` or `\r` at or after `from`.
fn next_break(bytes: &[u8], from: usize) -> Option<usize> {
    let is_break = |b: &u8| *b == b'\n' || *b == b'\r';
    let rest = bytes.get(from..)?;
    let mut i = 0;
    // Eight bytes at a time: both terminators are below 0x0E, and a word
    // with no byte below 0x0E needs no closer look.
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low = |w: u64| w.wrapping_sub(ONES * 0x0E) & !w & HIGH;
    // Sixteen bytes a step while they last, from one bounds check.
    while let Some(Ok(chunk)) = rest.get(i..i + 16).map(<&[u8; 16]>::try_from) {
        let word = |k: usize| u64::from_le_bytes(chunk[k..k + 8].try_into().unwrap_or([0; 8]));
        if low(word(0)) | low(word(8)) != 0 {
            if let Some(k) = chunk.iter().position(is_break) {
                return Some(from + i + k);
            }
        }
        i += 16;
    }
    while let Some(chunk) = rest.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        if low(w) != 0 {
            if let Some(k) = chunk.iter().position(is_break) {
                return Some(from + i + k);
            }
        }
        i += 8;
    }
    rest[i..].iter().position(is_break).map(|k| from + i + k)
}

/// The first `h`, `f` or `w` (any case) at or after `from`: eight bytes at a
/// time, as Chinese text holds few ASCII letters.
fn next_url_trigger(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let is_trigger = |b: &u8| matches!(*b | 0x20, b'h' | b'f' | b'w');
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        // Lower-case every ASCII letter, then look for a byte equal to h, f or w.
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])) | (ONES * 0x20);
        let has = |c: u8| {
            let v = w ^ (ONES * u64::from(c));
            v.wrapping_sub(ONES) & !v & HIGH != 0
        };
        if has(b'h') || has(b'f') || has(b'w') {
            break;
        }
        i += 8;
    }
    bytes.get(i..)?.iter().position(is_trigger).map(|k| i + k)
}

/// `http://`, `https://`, `ftp://` or `www.` (any case) at the start of `s`:
/// the length of the prefix.
fn url_prefix(s: &[u8]) -> Option<usize> {
    let starts = |p: &[u8]| s.len() >= p.len() && s[..p.len()].eq_ignore_ascii_case(p);
    [&b"http://"[..], b"https://", b"ftp://", b"www."]
        .into_iter()
        .find(|p| starts(p))
        .map(<[u8]>::len)
}

/// URLs: a scheme or `www.`, then printable ASCII (`!`–`~`) to the end of the
/// run; sentence punctuation right after a URL is not part of it. A linear
/// scan over the bytes; the first byte of a prefix (`h f w`) is the trigger.
pub(crate) fn find_urls(text: &str, runs: &Runs) -> Vec<Span> {
    let bytes = text.as_bytes();
    let printable = |b: u8| (b'!'..=b'~').contains(&b);
    let mut urls = Vec::new();
    let mut i = 0;
    let triggers = [b'h', b'f', b'w', b'H', b'F', b'W']
        .into_iter()
        .fold(0, |m, b| m | kind_bit(b));
    let mut runs = runs.after(0).filter(|r| r.2 & triggers != 0);
    // A URL is printable ASCII, so it lies inside one run.
    let mut end_of_run = 0;
    loop {
        if i >= end_of_run {
            let Some((s, e, _)) = runs.next() else { break };
            (i, end_of_run) = (i.max(s), e.min(bytes.len()));
            continue;
        }
        let Some(at) = next_url_trigger(&bytes[..end_of_run], i) else {
            i = end_of_run;
            continue;
        };
        i = at;
        let Some(n) =
            url_prefix(&bytes[i..]).filter(|&n| bytes.get(i + n).is_some_and(|&b| printable(b)))
        else {
            i += 1;
            continue;
        };
        let mut end = i + n;
        while bytes.get(end).is_some_and(|&b| printable(b)) {
            end += 1;
        }
        let url =
            text[i..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '\'', '"']);
        urls.push(Span::new(i, i + url.len()));
        i = end;
    }
    urls
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_texts<'a>(d: &Document<'a>) -> Vec<&'a str> {
        d.lines().iter().map(|l| d.slice(l)).collect()
    }

    #[test]
    fn splits_all_line_endings() {
        let d = Document::new("一\r\n二\n三\r四");
        assert_eq!(line_texts(&d), ["一", "二", "三", "四"]);
        assert_eq!(line_texts(&Document::new("")), [""]);
        assert_eq!(line_texts(&Document::new("甲\n")), ["甲", ""]);
    }

    #[test]
    fn line_index_of_offsets() {
        let d = Document::new("ab\r\ncd\nef");
        assert_eq!(d.line_index(0), 0);
        assert_eq!(d.line_index(2), 0); // the \r
        assert_eq!(d.line_index(4), 1);
        assert_eq!(d.line_index(7), 2);
        assert_eq!(d.line_index(9), 2);
    }

    #[test]
    fn urls_are_protected() {
        let t = "详见http://www.gov.cn/a.html?x=1,y=2。另见www.moe.gov.cn,谢谢";
        let d = Document::new(t);
        assert!(d.in_url(t.find("x=1,").unwrap() + 3));
        assert!(!d.in_url(t.find(",谢").unwrap()));
        assert!(!d.in_url(0));
        let spans = |t: &str| {
            find_urls(t, &Runs::of(t))
                .iter()
                .map(|s| t[s.start..s.end].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(spans("见HTTPS://A.cn/x。"), ["HTTPS://A.cn/x"]);
        assert_eq!(
            spans("wwww.a.cn, ftp://b.cn/."),
            ["www.a.cn", "ftp://b.cn/"]
        );
        assert_eq!(spans("http:// www. ftp://"), Vec::<String>::new());
        assert_eq!(spans("见http://a.cn)。"), ["http://a.cn"]);
        assert_eq!(spans("xhttp://a"), ["http://a"]);
    }

    #[test]
    fn line_breaks_past_a_word() {
        let t = "甲乙丙丁戊己庚辛壬癸\r\n子丑寅卯辰巳午未申酉\r戌亥\n";
        let d = Document::new(t);
        assert_eq!(
            line_texts(&d),
            ["甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉", "戌亥", ""]
        );
        let d = Document::new("\x0d\x0e\x0c\x0b\x00\x7f\u{0}abcdefgh\n");
        assert_eq!(d.lines().len(), 3);
    }

    /// The lines found in the runs are the lines of the whole text.
    /// The document's lines and their u32 starts are those of [`split_lines`].
    pub(super) fn assert_lines_like_split(t: &str) {
        let lines: Vec<Span> = Document::new(t).lines().iter().collect();
        assert_eq!(lines, split_lines(t), "{t:?}");
        let starts = split_lines(t)
            .iter()
            .map(|l| l.start as u32)
            .collect::<Vec<_>>();
        assert_eq!(line_starts(t), starts, "{t:?}");
    }

    #[test]
    fn lines_in_runs_split_like_split_lines() {
        for t in [
            "",
            "\n",
            "\r\n\r\r\n\n",
            "甲乙\r\n丙\r丁\n\n戊",
            "abc\r",
            "一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾\n１２３。\u{3000}\r\n😀\n末",
        ] {
            assert_lines_like_split(t);
        }
    }
}

#[cfg(test)]
mod review {
    use super::*;

    #[test]
    fn lines_and_urls_on_odd_texts() {
        let mut texts = crate::text::review::odd_texts(3000, 90);
        texts.extend(
            [
                "http://a.b/c",
                "教www.x.cn，",
                "😀HTTPS://A\r\nftp://b",
                "a\r",
            ]
            .map(String::from),
        );
        for t in &texts {
            let runs = Runs::of(t);
            super::tests::assert_lines_like_split(t);
            // Every URL as a search of the whole text finds it: the
            // text as one run of non-Han chars.
            let all = t.replace(|c: char| ('\u{4000}'..='\u{9fff}').contains(&c), "\u{3007}");
            let (a, b) = (find_urls(t, &runs), find_urls(&all, &Runs::of(&all)));
            let shown = |t: &str, v: &[Span]| {
                v.iter()
                    .map(|s| t[s.start..s.end].to_string())
                    .collect::<Vec<_>>()
            };
            assert_eq!(shown(t, &a), shown(&all, &b), "{t:?}");
        }
    }
}
