//! The outline: headings at the four levels of GB/T 9704—2012 §7.3.3
//! (`一、` / `（一）` / `1.` / `（1）`), plus `①` and `第一，` enumerations,
//! and the parts a pasted compilation is made of. Built once per check.
//!
//! Headings are recognised at the start of a line, standing alone or run into
//! their paragraph (`（一）高度重视教育发展。始终坚持…`), in full-width and
//! ASCII forms (`(一)`, `1．`, `(1)`). A marker written in the wrong form for
//! its level (`1、`, `一.`, `（一）、`) is still parsed, and remembered so the
//! numbering rule can report it.

use crate::document::Document;
use crate::finding::Span;

/// Heading levels, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// `一、`
    Chapter,
    /// `（一）`
    Section,
    /// `1.`
    Item,
    /// `（1）`
    Subitem,
    /// `①`
    Circled,
    /// `第一，`
    Ordinal,
}

impl Level {
    /// How a heading of this level with number `n` is written.
    pub fn marker(self, n: u32) -> String {
        match self {
            Level::Chapter => format!("{}、", chinese_numeral(n)),
            Level::Section => format!("（{}）", chinese_numeral(n)),
            Level::Item => format!("{n}."),
            Level::Subitem => format!("（{n}）"),
            Level::Circled => char::from_u32(0x2460 + n.saturating_sub(1))
                .map_or_else(|| n.to_string(), String::from),
            Level::Ordinal => format!("第{}，", chinese_numeral(n)),
        }
    }

    /// The Chinese name of the level, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Level::Chapter => "一级标题",
            Level::Section => "二级标题",
            Level::Item => "三级标题",
            Level::Subitem => "四级标题",
            Level::Circled => "带圈序号",
            Level::Ordinal => "“第一，”序号",
        }
    }
}

/// One heading (or numbered item) found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: Level,
    pub number: u32,
    /// The marker as written, e.g. `(一)` or `1、`.
    pub marker: Span,
    /// The title: from after the marker to the first `。`, `：` or the end of the line.
    pub title: Span,
    /// 0-based line index.
    pub line: usize,
    /// Body text follows the title on the same line.
    pub run_in: bool,
    /// The marker is not the standard form for its level (`1、`, `一.`, `（一）、`).
    pub nonstandard: bool,
}

/// A report inside the text. A pasted compilation (`…报告篇一`, `…篇二`, …)
/// has several; any other text is one part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Line indexes `[first, end)` of the part's content (the separator excluded).
    pub lines: std::ops::Range<usize>,
    /// The separator line that opens this part, if any.
    pub separator: Option<usize>,
}

/// Headings and parts of a document.
#[derive(Debug, Default)]
pub struct Outline {
    pub headings: Vec<Heading>,
    pub parts: Vec<Part>,
    /// Lines that start with a closing bracket and then a title: a heading
    /// whose marker was lost (`)健全教育保障机制`), as (line, bracket span).
    pub lost_markers: Vec<(usize, Span)>,
    /// Unnumbered label headings standing alone (`存在问题：`, `改进措施:`), by line.
    pub labels: Vec<usize>,
}

impl Outline {
    pub fn new(doc: &Document) -> Self {
        let mut outline = Outline::default();
        let mut separators = Vec::new();
        for (i, line) in doc.lines().iter().enumerate() {
            let text = doc.slice(line);
            let trimmed = text.trim_start_matches(is_indent);
            let base = line.start + (text.len() - trimmed.len());
            if is_separator(trimmed) {
                separators.push(i);
                continue;
            }
            if let Some(h) = parse_heading(trimmed, base, i) {
                outline.headings.push(h);
            } else if let Some(span) = lost_marker(trimmed, base) {
                outline.lost_markers.push((i, span));
            } else if is_label(trimmed) {
                outline.labels.push(i);
            }
        }
        outline.parts = split_parts(doc.lines().len(), &separators);
        outline
    }

    /// The headings inside a part.
    pub fn headings_in<'a>(&'a self, part: &'a Part) -> impl Iterator<Item = &'a Heading> + 'a {
        // Headings are in line order: find the part's slice by binary search.
        let start = self.headings.partition_point(|h| h.line < part.lines.start);
        let end = self.headings.partition_point(|h| h.line < part.lines.end);
        self.headings.get(start..end).unwrap_or_default().iter()
    }
}

fn is_indent(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{3000}' | '\u{a0}' | '\u{2002}' | '\u{2003}'
    )
}

fn split_parts(n_lines: usize, separators: &[usize]) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut opener = None;
    for &s in separators {
        if s > start || opener.is_some() {
            parts.push(Part {
                lines: start..s,
                separator: opener,
            });
        }
        start = s + 1;
        opener = Some(s);
    }
    parts.push(Part {
        lines: start..n_lines,
        separator: opener,
    });
    parts
}

/// A compilation's separator line: `学校履行教育职责自查报告篇一`, `…范文第三篇`.
fn is_separator(line: &str) -> bool {
    let line = line.trim_end();
    // Both forms end in `篇` or a numeral; more than 160 bytes is more than
    // 40 chars (no need to count them).
    let last = line.chars().next_back();
    if !last.is_some_and(|c| c == '篇' || is_cn_digit(c))
        || line.len() > 160
        || line.chars().count() > 40
    {
        return false;
    }
    let numeral = |s: &str| !s.is_empty() && s.chars().all(is_cn_digit);
    let genre = |s: &str| {
        ["报告", "总结", "材料", "范文", "汇报"]
            .iter()
            .any(|w| s.ends_with(w))
    };
    // `…范文第三篇`
    if let Some((head, num)) = line.strip_suffix('篇').and_then(|h| h.rsplit_once('第')) {
        return numeral(num) && genre(head);
    }
    // `…报告篇一`
    line.rsplit_once('篇')
        .is_some_and(|(head, num)| numeral(num) && genre(head))
}

/// `一`…`九十九` → 1…99.
pub fn parse_chinese_numeral(s: &str) -> Option<u32> {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let digit = |c: char| DIGITS.iter().position(|&d| d == c).map(|i| i as u32);
    // At most three chars: read them without collecting.
    let mut it = s.chars();
    let chars = [it.next(), it.next(), it.next(), it.next()];
    match chars {
        [Some('十'), None, ..] => Some(10),
        [Some(a), None, ..] => digit(a).filter(|&d| d > 0),
        [Some('十'), Some(b), None, _] => digit(b).filter(|&d| d > 0).map(|d| 10 + d),
        [Some(a), Some('十'), None, _] => digit(a).filter(|&d| d > 1).map(|d| d * 10),
        [Some(a), Some('十'), Some(b), None] => {
            Some(digit(a).filter(|&d| d > 1)? * 10 + digit(b).filter(|&d| d > 0)?)
        }
        _ => None,
    }
}

/// 1…99 → `一`…`九十九`.
pub fn chinese_numeral(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 if n % 10 == 0 => format!("{}十", D[(n / 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

/// Splits the leading run of chars matching `f`: (run, rest).
fn leading(s: &str, f: impl Fn(char) -> bool) -> (&str, &str) {
    let end = s.find(|c: char| !f(c)).unwrap_or(s.len());
    s.split_at(end)
}

fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Where the title in `rest` ends: its first `。`, `：` or `:`, found by
/// the bytes (a char's last byte, then the two before it).
fn title_end(rest: &str) -> usize {
    let b = rest.as_bytes();
    (0..b.len())
        .find_map(|i| match b[i] {
            b':' => Some(i),
            0x82 if i >= 2 && b[i - 2..i] == [0xE3, 0x80] => Some(i - 2),
            0x9A if i >= 2 && b[i - 2..i] == [0xEF, 0xBC] => Some(i - 2),
            _ => None,
        })
        .unwrap_or(b.len())
}

/// Parses a heading marker at the start of `line` (already left-trimmed);
/// `base` is the byte offset of `line` in the document.
fn parse_heading(line: &str, base: usize, line_index: usize) -> Option<Heading> {
    let (level, number, marker_len, nonstandard) = parse_marker(line)?;
    let rest = &line[marker_len..];
    // A marker with nothing after it, or only punctuation, is not a heading.
    if !rest.chars().next().is_some_and(|c| {
        crate::text::is_han(c) || c == '“' || c == '《' || c.is_ascii_alphanumeric()
    }) {
        return None;
    }
    let title_len = title_end(rest);
    let after_title = &rest[title_len..];
    let run_in = after_title
        .char_indices()
        .nth(1)
        .is_some_and(|(i, _)| !after_title[i..].trim().is_empty());
    Some(Heading {
        level,
        number,
        marker: Span::new(base, base + marker_len),
        title: Span::new(base + marker_len, base + marker_len + title_len),
        line: line_index,
        run_in,
        nonstandard,
    })
}

/// (level, number, marker length in bytes, nonstandard form).
fn parse_marker(line: &str) -> Option<(Level, u32, usize, bool)> {
    let first = line.chars().next()?;
    // Most lines open with a Han char that starts no marker.
    if crate::text::is_han(first) && first != '第' && !is_cn_digit(first) {
        return None;
    }
    // （一） (一) （1） (1), optionally followed by a stray 、 or .
    if first == '（' || first == '(' {
        let inner = &line[first.len_utf8()..];
        let close = inner.find(['）', ')'])?;
        let digits = &inner[..close];
        let close_len = inner[close..].chars().next()?.len_utf8();
        let mut len = first.len_utf8() + close + close_len;
        let stray = line[len..].starts_with(['、', '.', '．', '，', ',']);
        if stray {
            len += line[len..].chars().next()?.len_utf8();
        }
        if let Some(n) = parse_chinese_numeral(digits) {
            return Some((Level::Section, n, len, stray));
        }
        if (1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
            let n = digits.parse().ok()?;
            return Some((Level::Subitem, n, len, stray));
        }
        return None;
    }
    // ①
    if ('\u{2460}'..='\u{2473}').contains(&first) {
        return Some((
            Level::Circled,
            first as u32 - 0x2460 + 1,
            first.len_utf8(),
            false,
        ));
    }
    // 第一，
    if let Some(rest) = line.strip_prefix('第') {
        let (num, after) = leading(rest, is_cn_digit);
        let n = parse_chinese_numeral(num)?;
        let sep = after.chars().next().filter(|c| matches!(c, '，' | ','))?;
        return Some((
            Level::Ordinal,
            n,
            '第'.len_utf8() + num.len() + sep.len_utf8(),
            false,
        ));
    }
    // 一、 (and the wrong 一. 一．)
    let (num, after) = leading(line, is_cn_digit);
    if !num.is_empty() {
        let n = parse_chinese_numeral(num)?;
        let sep = after.chars().next()?;
        return match sep {
            '、' => Some((Level::Chapter, n, num.len() + sep.len_utf8(), false)),
            '.' | '．' => Some((Level::Chapter, n, num.len() + sep.len_utf8(), true)),
            _ => None,
        };
    }
    // 1. 1． (and the wrong 1、)
    let (num, after) = leading(line, |c| c.is_ascii_digit());
    if (1..=2).contains(&num.len()) {
        let n: u32 = num.parse().ok()?;
        let sep = after.chars().next()?;
        let next = &after[sep.len_utf8()..];
        return match sep {
            '.' | '．' => {
                // `3.5亿元` is a decimal, `16.2021年` is item 16 followed by a year.
                if next.starts_with(|c: char| c.is_ascii_digit()) && !starts_with_year(next) {
                    return None;
                }
                Some((Level::Item, n, num.len() + sep.len_utf8(), false))
            }
            '、' => Some((Level::Item, n, num.len() + sep.len_utf8(), true)),
            _ => None,
        };
    }
    None
}

/// `2021年`, `2021-`, `2021—`: a year, not the decimals of a number.
fn starts_with_year(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 5
        && (b.starts_with(b"19") || b.starts_with(b"20"))
        && b[..4].iter().all(u8::is_ascii_digit)
        && (s[4..].starts_with(['年', '-', '—', '~', '～']))
}

/// `存在问题：` alone on its line: a short unnumbered heading.
fn is_label(line: &str) -> bool {
    let Some(head) = line.trim_end().strip_suffix(['：', ':']) else {
        return false;
    };
    let n = head.chars().count();
    (2..=12).contains(&n) && head.chars().all(crate::text::is_han)
}

/// `)健全教育保障机制`: a closing bracket where a `（三）` marker belongs.
fn lost_marker(line: &str, base: usize) -> Option<Span> {
    let first = line.chars().next().filter(|c| matches!(c, ')' | '）'))?;
    let next = line[first.len_utf8()..].chars().next()?;
    crate::text::is_han(next).then(|| Span::new(base, base + first.len_utf8()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_end_as_find() {
        for t in [
            "",
            "标题。正文",
            "标题：正文",
            "a:b",
            "无标点",
            "：",
            "全：角。",
            "。：",
            "甲乙丙丁:",
        ] {
            assert_eq!(
                title_end(t),
                t.find(['。', '：', ':']).unwrap_or(t.len()),
                "{t}"
            );
        }
    }

    fn headings(text: &str) -> Vec<(Level, u32, String, bool, bool)> {
        let doc = Document::new(text);
        Outline::new(&doc)
            .headings
            .into_iter()
            .map(|h| {
                (
                    h.level,
                    h.number,
                    doc.slice(h.title).to_string(),
                    h.run_in,
                    h.nonstandard,
                )
            })
            .collect()
    }

    #[test]
    fn numerals() {
        for (s, n) in [
            ("一", 1),
            ("十", 10),
            ("十一", 11),
            ("二十", 20),
            ("三十七", 37),
            ("九十九", 99),
        ] {
            assert_eq!(parse_chinese_numeral(s), Some(n), "{s}");
            assert_eq!(chinese_numeral(n), s);
        }
        for bad in ["", "零", "一十", "十十", "一二", "百"] {
            assert_eq!(parse_chinese_numeral(bad), None, "{bad}");
        }
    }

    #[test]
    fn all_levels_and_forms() {
        use Level::*;
        let text = "一、主要工作\n（一）加强领导\n(二)保障投入。全年投入…\n1.建立制度\n2．完善机制\n（1）我校加强管理\n(2)规范收费\n①第一项\n第一，要坚持\n十二、其他";
        let got = headings(text);
        let levels: Vec<_> = got.iter().map(|h| (h.0, h.1)).collect();
        assert_eq!(
            levels,
            [
                (Chapter, 1),
                (Section, 1),
                (Section, 2),
                (Item, 1),
                (Item, 2),
                (Subitem, 1),
                (Subitem, 2),
                (Circled, 1),
                (Ordinal, 1),
                (Chapter, 12)
            ]
        );
        assert_eq!(got[2].2, "保障投入");
        assert!(got[2].3, "run-in heading");
        assert!(!got[1].3);
        assert!(got.iter().all(|h| !h.4), "all standard");
    }

    #[test]
    fn nonstandard_markers_are_parsed_and_marked() {
        let got = headings("1、建立制度\n一.主要工作\n（一）、加强领导");
        assert_eq!(
            got.iter().map(|h| h.4).collect::<Vec<_>>(),
            [true, true, true]
        );
        assert_eq!(got[2].2, "加强领导");
    }

    #[test]
    fn not_headings() {
        assert!(headings("一是加强领导。二是保障投入。").is_empty());
        assert!(headings("3.5亿元用于改善办学条件").is_empty());
        assert!(headings("2021年全县投入").is_empty());
        assert!(headings("（2019-2023年）规划").is_empty());
        assert!(headings("第一批学校").is_empty());
        assert_eq!(headings("16.2021年公共财政教育支出77673万元")[0].1, 16);
    }

    #[test]
    fn parts_of_a_compilation() {
        let doc = Document::new(
            "标题\n学校履行教育职责自查报告篇一\n甲\n乙\n学校履行教育职责自查报告篇二\n丙",
        );
        let o = Outline::new(&doc);
        assert_eq!(o.parts.len(), 3);
        assert_eq!(o.parts[1].lines, 2..4);
        assert_eq!(o.parts[1].separator, Some(1));
        assert_eq!(o.parts[2].lines, 5..6);
        let single = Outline::new(&Document::new("一、甲\n二、乙"));
        assert_eq!(
            single.parts,
            [Part {
                lines: 0..2,
                separator: None
            }]
        );
        assert!(is_separator("工作总结范文第三篇"));
        assert!(!is_separator("我县开展了第三篇"));
        assert!(!is_separator("篇一"));
    }

    #[test]
    fn lost_markers() {
        let doc = Document::new("(二)保障投入\n)健全教育保障机制(权重26.2分\n）完善");
        let o = Outline::new(&doc);
        assert_eq!(
            o.lost_markers.iter().map(|l| l.0).collect::<Vec<_>>(),
            [1, 2]
        );
    }
}
