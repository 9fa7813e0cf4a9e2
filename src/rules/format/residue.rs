//! `format/web-residue`: text a web page added around the report.
//!
//! **What it checks.** Lines that come from a download site or a portal,
//! not from the author: download/paywall boilerplate (`下载此文档`,
//! `全文阅读已结束`, `当前隐藏内容免费查看`, `转载请注明`, `小编为您推荐`),
//! permalinks (`【本文地址:http://…】`), breadcrumbs (`您当前所在位置:`),
//! share and print widgets (`扫码浏览`, `微博`, `微信`, `打印`), page counters
//! (`访问量:`), portal metadata lines (`索引号`/`主题分类`/`发布机构`/`发布日期`
//! at the line start), aggregator titles (`…(实用17篇)`) and table-rule lines
//! (`| | | |`); and URLs left in the running text. The phrases are data
//! (`residue.tsv`), matched with spaces allowed between characters
//! (`索 引 号`).
//!
//! **Grouping.** Adjacent residue lines (blank lines between them allowed,
//! and a short unknown line sandwiched between two residue lines, such as an
//! app name in a share bar) form one finding: a page footer is one finding
//! whose fix deletes it, not thirty.
//!
//! **Why it matters.** A report handed in with a portal's header or a
//! download site's footer was copied, not written; the residue must go.
//!
//! **Not flagged.** Report text that mentions 下载 or 链接 in a sentence
//! (`完成教育资源平台下载应用`), the compilation separators `…篇一`
//! (structure rules' business), times and dates inside report sentences.
//!
//! **Follows** GB/T 9704—2012 §7 (公文由版头、主体、版记组成 — nothing else
//! belongs in the text).

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::context::Context;
use crate::document::Document;
use crate::finding::{Category, Occurrence, Severity, Span};
use crate::rules::{Meta, Rule, Sink};

pub struct WebResidue;

static META: Meta = Meta {
    id: "format/web-residue",
    category: Category::Residue,
    severity: Severity::Warning,
    description: "网页残留（下载站页眉页脚、分享按钮、网址、门户网站元数据）",
};

static TABLE_TSV: &str = include_str!("residue.tsv");

struct Table {
    /// Whole line; in prose, the sentence.
    any: Regex,
    /// Whole line; in prose, the phrase.
    cut: Regex,
    /// Whole line always.
    para: Regex,
    /// `para` (without the regular-expression entries), `any` and `cut` in
    /// one literal alternation, for a single fast pass over the text.
    all: Regex,
    start: Regex,
    /// First characters of the `start` phrases: a cheap test before the regex.
    start_first: HashSet<char>,
    whole: HashSet<String>,
}

const SPACES: &str = r"[ \t\x{3000}\x{2002}\x{00A0}]*";

/// A phrase as a regex that allows spaces between its characters.
fn spaced(phrase: &str) -> String {
    phrase
        .chars()
        .map(|c| match c {
            ':' | '：' => "[:：]".to_string(),
            c => regex::escape(&c.to_string()),
        })
        .collect::<Vec<_>>()
        .join(SPACES)
}

/// A phrase as a regex, spaces not allowed (so the regex keeps a fast
/// literal prefilter); the colon matches both widths.
fn plain(phrase: &str) -> String {
    phrase
        .chars()
        .map(|c| match c {
            ':' | '：' => "[:：]".to_string(),
            c => regex::escape(&c.to_string()),
        })
        .collect()
}

/// Drops spaces and maps the full-width colon to ASCII, for whole-line lookups.
fn normalise(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '：' { ':' } else { c })
        .collect()
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut any = Vec::new();
    let mut cut = Vec::new();
    let mut para = Vec::new();
    let mut start = Vec::new();
    let mut whole = HashSet::new();
    let mut patterns = Vec::new();
    let mut start_first = HashSet::new();
    for row in TABLE_TSV.lines() {
        if row.starts_with('#') || row.trim().is_empty() {
            continue;
        }
        let mut cols = row.split('\t');
        let (Some(kind), Some(phrase)) = (cols.next(), cols.next()) else {
            continue;
        };
        match kind {
            "any" => any.push(plain(phrase)),
            "cut" => cut.push(plain(phrase)),
            "para" => para.push(plain(phrase)),
            "start" => {
                start_first.extend(phrase.chars().next());
                start.push(spaced(phrase));
            }
            "line" => {
                whole.insert(normalise(phrase));
            }
            "re" => patterns.push(phrase.to_string()),
            _ => {}
        }
    }
    Table {
        any: Regex::new(&any.join("|")).expect("residue any regex"),
        cut: Regex::new(&cut.join("|")).expect("residue cut regex"),
        all: Regex::new(&[para.join("|"), any.join("|"), cut.join("|")].join("|"))
            .expect("residue regex"),
        para: Regex::new(
            &para
                .into_iter()
                .chain(patterns)
                .collect::<Vec<_>>()
                .join("|"),
        )
        .expect("residue para regex"),
        start: Regex::new(&format!(r"^[\s\x{{3000}}]*(?:{})", start.join("|")))
            .expect("residue start regex"),
        start_first,
        whole,
    }
});

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[hH][tT][tT][pP][sS]?://|[wW]{3}\.)[!-~]+").expect("url regex")
});

/// Whether the text just before a URL introduces it (`详见县教育局网站…`):
/// then the author cites it on purpose.
fn cited(before: &str) -> bool {
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

fn is_blank(line: &str) -> bool {
    line.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}')
}

/// Whether one line is web residue, given whether a phrase of the `any` or
/// `cut` kind occurs in it (the `para` kind is handled by the caller).
fn is_residue_line(line: &str, has_phrase: bool) -> bool {
    let t = &*TABLE;
    let body = line.trim();
    let Some(first) = body.chars().next() else {
        return false;
    };
    if (line.contains('|') && is_table_rule(line))
        || (t.start_first.contains(&first) && t.start.is_match(line))
        || (body.len() <= 40 && t.whole.contains(&normalise(body)))
    {
        return true;
    }
    if !has_phrase {
        return false;
    }
    // A phrase in a line that is not report prose: the whole line goes.
    let mut rest = line.to_string();
    for m in t.any.find_iter(line).chain(t.cut.find_iter(line)) {
        rest = rest.replace(m.as_str(), "");
    }
    !is_prose(&rest)
}

/// Enough Chinese left to be a sentence of the report.
fn is_prose(text: &str) -> bool {
    text.chars().filter(|&c| crate::text::is_han(c)).count() >= 20
}

/// Residue inside a line of report prose: the phrase (for `cut` entries),
/// the sentence holding it (for `any`), or the bracket around it; with a fix
/// when the span is certainly residue.
pub(crate) fn inline_hits(line: &str) -> Vec<(usize, usize, bool)> {
    let t = &*TABLE;
    let mut out = Vec::new();
    for (re, sentence) in [(&t.cut, false), (&t.any, true)] {
        for m in re.find_iter(line) {
            if let Some((s, e)) = enclosing_bracket(line, m.start(), m.end()) {
                out.push((s, e, true));
            } else if sentence {
                let s = line[..m.start()]
                    .rfind(['。', '！', '？'])
                    .map_or(0, |i| i + '。'.len_utf8());
                let e = line[m.end()..]
                    .find(['。', '！', '？'])
                    .map_or(line.len(), |i| m.end() + i + '。'.len_utf8());
                out.push((s, e, s > 0));
            } else {
                out.push((m.start(), m.end(), true));
            }
        }
    }
    out.sort_unstable();
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

/// For every line of the document, whether it is web residue (including a
/// short unknown line sandwiched between residue lines). Other rules use
/// this to stay quiet on lines that will be deleted anyway. One pass of each
/// phrase regex over the whole text, then cheap per-line tests.
pub(crate) fn residue_lines<'c>(cx: &'c Context) -> &'c [bool] {
    &cx.residue.lines
}

/// The residue index of a document, built once per check (see [`Context`]).
#[derive(Debug, Default)]
pub struct Residue {
    /// For every line, whether it is web residue as a whole.
    pub lines: Vec<bool>,
    /// For every line, whether a residue phrase occurs in it at all (only
    /// those lines can hold inline residue).
    pub phrase: Vec<bool>,
}

impl Residue {
    pub fn new(doc: &Document) -> Self {
        let (lines, phrase) = residue_index(doc);
        Residue { lines, phrase }
    }
}

fn residue_index(doc: &Document) -> (Vec<bool>, Vec<bool>) {
    let lines = doc.lines();
    let t = &*TABLE;
    let mut marked = vec![false; lines.len()];
    let mut phrase = vec![false; lines.len()];
    for m in t.all.find_iter(doc.text) {
        let li = doc.line_index(m.start());
        if t.para.is_match(m.as_str()) {
            marked[li] = true;
        } else {
            phrase[li] = true;
        }
    }
    // The few regular-expression entries (aggregator titles), on short lines only.
    for (li, &line) in lines.iter().enumerate() {
        let s = doc.slice(line);
        if !marked[li] && s.len() <= 120 && (s.contains('篇')) && t.para.is_match(s) {
            marked[li] = true;
        }
    }
    for (i, &line) in lines.iter().enumerate() {
        if !marked[i] {
            marked[i] = is_residue_line(doc.slice(line), phrase[i]);
        }
    }
    // Absorb a short line (an app name in a share bar) between two residue lines.
    let mut prev: [Option<usize>; 2] = [None, None];
    for (i, &line) in lines.iter().enumerate() {
        if is_blank(doc.slice(line)) {
            continue;
        }
        if let [Some(a), Some(b)] = prev {
            let mid = doc.slice(lines[b]);
            let short =
                mid.trim().chars().count() <= 10 && !mid.contains(['。', '，', ',', '；', ';']);
            if marked[a] && marked[i] && !marked[b] && short {
                marked[b] = true;
            }
        }
        prev = [prev[1], Some(i)];
    }
    (marked, phrase)
}

impl Rule for WebResidue {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let lines = cx.doc.lines();
        let (marked, phrase) = (&cx.residue.lines, &cx.residue.phrase);
        let mut i = 0;
        while i < lines.len() {
            if !marked[i] {
                if phrase[i] {
                    let s = cx.doc.slice(lines[i]);
                    for (a, b, certain) in inline_hits(s) {
                        let shown = s[a..b].trim();
                        sink.emit(
                            Span::new(lines[i].start + a, lines[i].start + b),
                            format!(
                                "“{shown}”是网页残留（网站插入的文字），不属于报告正文，应删除。"
                            ),
                            certain.then(String::new),
                        );
                    }
                }
                i += 1;
                continue;
            }
            // A block: residue lines, blank lines between them allowed.
            let first = i;
            let mut last = i;
            let mut count = 1;
            let mut j = i + 1;
            while j < lines.len() {
                if marked[j] {
                    last = j;
                    count += 1;
                } else if !is_blank(cx.doc.slice(lines[j])) {
                    break;
                }
                j += 1;
            }
            let occurrences: Vec<Occurrence> = (first..=last)
                .filter(|&k| marked[k])
                .map(|k| Occurrence {
                    span: lines[k],
                    suggestion: Some(String::new()),
                })
                .collect();
            let message = if count == 1 {
                format!(
                    "“{}”是网页残留（下载站、门户网站添加的内容），不属于报告正文，应删除。",
                    cx.doc.slice(lines[first]).trim()
                )
            } else {
                format!("这 {count} 行是网页残留（页眉页脚、分享按钮、网址或网站信息），不属于报告正文，应删除。")
            };
            sink.emit_all(occurrences, message);
            i = last + 1;
        }
        // URLs in ordinary lines (not inside residue already reported).
        let text = cx.doc.text;
        for m in URL.find_iter(text) {
            let li = cx.doc.line_index(m.start());
            let Some(&line) = lines.get(li) else { continue };
            if marked[li] || cited(&text[line.start..m.start()]) {
                continue;
            }
            let at = m.start() - line.start;
            if phrase[li]
                && inline_hits(cx.doc.slice(line))
                    .iter()
                    .any(|&(a, b, _)| a <= at && at < b)
            {
                continue;
            }
            let url = m
                .as_str()
                .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '\'', '"']);
            sink.emit(
                Span::new(m.start(), m.start() + url.len()),
                "网址多为网页残留，报告正文一般不写网址；如确需引用，请核实后保留。",
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{findings, run};

    fn spans(text: &str) -> Vec<String> {
        run(&WebResidue, text).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn table_parses() {
        let t = &*TABLE;
        assert!(t.whole.contains("微博"));
        assert!(t.any.is_match("【本文地址:http://a.cn/1.html】"));
        assert!(t
            .start
            .is_match("索 引 号: 011396186/2021-53338 主题分类: 教育"));
    }

    #[test]
    fn single_lines() {
        assert_eq!(spans("正文。\n下载此文档\n"), ["下载此文档"]);
        assert_eq!(
            spans("您当前所在位置:首页 > 政务公开\n正文。"),
            ["您当前所在位置:首页 > 政务公开"]
        );
        assert_eq!(spans("正文。\n访问量：1024"), ["访问量：1024"]);
        assert_eq!(spans("| | | |\n正文。"), ["| | | |"]);
        assert_eq!(
            spans("发布日期：2021年10月18日\n正文。"),
            ["发布日期：2021年10月18日"]
        );
        let f = run(&WebResidue, "小编为您推荐：工作总结范文\n正文。");
        assert_eq!(f[0].1.as_deref(), Some(""));
    }

    #[test]
    fn a_footer_is_one_finding() {
        let text = "工作报告正文。\n\n相关链接:\n扫码浏览\n微博\n微信\n掌上青禾\nBaidu\nmap";
        let f = findings(&WebResidue, text);
        assert_eq!(f.len(), 1, "{f:?}");
        let lines: Vec<&str> = f[0]
            .occurrences
            .iter()
            .map(|o| &text[o.span.start..o.span.end])
            .collect();
        assert_eq!(
            lines,
            [
                "相关链接:",
                "扫码浏览",
                "微博",
                "微信",
                "掌上青禾",
                "Baidu",
                "map"
            ]
        );
        assert!(f[0].message.contains('7'));
    }

    #[test]
    fn a_download_header_is_one_finding() {
        let text = "学校自查报告(实用17篇)\n\n格式:DOC 上传日期:2023-11-14 09:14:15\n学校自查报告(实用17篇)\n时间:2023-11-14 09:14:15     小编:XY字客\n\n报告的语言应准确简练。通过阅读范文,可以了解如何组织报告。\n\n学校自查报告篇一\n";
        let f = findings(&WebResidue, text);
        assert_eq!(f.len(), 1, "{f:?}");
        let last = f[0].occurrences.last().map(|o| o.span).unwrap();
        assert!(text[last.start..last.end].ends_with("如何组织报告。"));
    }

    #[test]
    fn residue_inside_prose() {
        let text =
            "加强校企合作，努力提高教学质量。( wWw.example.cOm 转载请注明 )促进学生全面发展。";
        assert_eq!(
            run(&WebResidue, text),
            [("( wWw.example.cOm 转载请注明 )".into(), Some(String::new()))]
        );
        let text =
            "现将我县履行粮食安全责任制工作情况汇报如下。下面是某某阅读网小编为您推荐的工作汇报。";
        assert_eq!(
            run(&WebResidue, text),
            [(
                "下面是某某阅读网小编为您推荐的工作汇报。".into(),
                Some(String::new())
            )]
        );
        let text = "当前隐藏内容免费查看开展“红歌大家唱”等活动，让学生从小接受红色文化教育，坚定理想信念。";
        assert_eq!(
            run(&WebResidue, text),
            [("当前隐藏内容免费查看".into(), Some(String::new()))]
        );
    }

    #[test]
    fn urls_in_prose() {
        assert_eq!(
            spans("工作方案http://www.moe.gov.cn/a.html。"),
            ["http://www.moe.gov.cn/a.html"]
        );
        assert!(spans("详见县教育局网站www.anping.gov.cn。").is_empty());
    }

    #[test]
    fn quiet_on_report_text() {
        for ok in [
            "完成教育资源平台应用下载培训，组织师生收藏优秀作品。",
            "学校履行教育职责自查报告篇一",
            "2021年10月18日",
            "各学校公布了举报电话和微信公众号。",
            "(一)加强党的领导。",
            "发布机构改革方案后，我县…",
            "",
        ] {
            assert!(spans(ok).is_empty(), "{ok}: {:?}", spans(ok));
        }
    }
}
