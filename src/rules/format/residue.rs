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
//! (`src/residue.tsv`), matched with spaces allowed between characters
//! (`索 引 号`). Watermark words broken up by marks so that filters miss
//! them (`公!众号:某某资料库`, `微.信`: the `split` rows of the table) are
//! residue wherever they stand; written plainly (`微信公众号`) they are
//! report prose.
//!
//! **Grouping.** Adjacent residue lines (blank lines between them allowed,
//! and a short unknown line sandwiched between two residue lines, such as an
//! app name in a share bar) form one finding: a page footer is one finding
//! whose fix deletes it, not thirty.
//!
//! **Why it matters.** A report handed in with a portal's header or a
//! download site's footer was copied, not written; the residue must go.
//!
//! **Example.** a line `下载此文档` or `【本文地址:http://…】` after the report → the line is deleted.
//!
//! **Not flagged.** Report text that mentions 下载 or 链接 in a sentence
//! (`完成教育资源平台下载应用`), the compilation separators `…篇一`
//! (structure rules' business), times and dates inside report sentences.
//!
//! **Follows** GB/T 9704—2012 §7 (公文由版头、主体、版记组成 — nothing else
//! belongs in the text).

use crate::context::Context;
use crate::finding::{Category, Occurrence, Severity, Span};
use crate::residue::{cited, is_blank};
use crate::rules::{Meta, Rule, Sink};
use crate::text::{char_at, char_before, is_han, Leads};
use std::sync::LazyLock;

pub(crate) use crate::residue::inline_hits;

/// The `split` words of the table (`公众号`, `微信`), as chars.
static SPLIT: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| {
    crate::residue::TABLE_TSV
        .lines()
        .filter_map(|l| l.strip_prefix("split\t"))
        .filter_map(|l| l.split('\t').next())
        .map(|w| w.chars().collect())
        .collect()
});

/// Marks a watermark puts between a word's characters.
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '!' | '.' | '-' | '_' | '*' | '~' | '|' | '/' | '\\' | '^' | '#' | '！' | '．' | '＊' | '·'
    )
}
static MARKS: Leads = Leads::chars("!.-_*~|/\\^#！．＊·");

/// The watermark words broken up by marks (`公!众号`, `微.信`): spans from
/// the word to the end of what its colon introduces (`公!众号:某某资料库`).
pub(crate) fn split_words(cx: &Context) -> Vec<Span> {
    let text = cx.doc.text;
    let mut out: Vec<Span> = Vec::new();
    for run in cx.doc.runs().holding(&MARKS) {
        // One or two marks between two Han characters.
        let gap = &text[run.start..run.end];
        if gap.chars().count() > 2 || !gap.chars().all(is_mark) {
            continue;
        }
        if out.last().is_some_and(|s| s.end > run.start) {
            continue;
        }
        let (Some(a), Some(b)) = (char_before(text, run.start), char_at(text, run.end)) else {
            continue;
        };
        if !is_han(a) || !is_han(b) {
            continue;
        }
        if let Some(span) = SPLIT.iter().find_map(|w| split_at(text, run, w)) {
            out.push(span);
        }
    }
    out
}

/// The word `w` around the marks `run` (a gap between its characters `k`
/// and `k + 1` for some `k`), with what its colon introduces.
fn split_at(text: &str, run: Span, w: &[char]) -> Option<Span> {
    let before = char_before(text, run.start)?;
    (0..w.len() - 1).find_map(|k| {
        if w[k] != before || char_at(text, run.end) != Some(w[k + 1]) {
            return None;
        }
        // Back over w[..k] (marks allowed), then forward over w[k + 1..].
        let mut start = run.start;
        for &c in w[..k + 1].iter().rev() {
            while let Some(m) = char_before(text, start).filter(|&m| is_mark(m)) {
                start -= m.len_utf8();
            }
            if char_before(text, start) != Some(c) {
                return None;
            }
            start -= c.len_utf8();
        }
        let mut end = run.end;
        for (i, &c) in w[k + 1..].iter().enumerate() {
            if i > 0 {
                while let Some(m) = char_at(text, end).filter(|&m| is_mark(m)) {
                    end += m.len_utf8();
                }
            }
            if char_at(text, end) != Some(c) {
                return None;
            }
            end += c.len_utf8();
        }
        // `关-注公众号`: a watermark word right after it belongs to it.
        if let Some(next) = SPLIT.iter().find(|n| {
            let mut at = end;
            n.iter().all(|&c| {
                let ok = char_at(text, at) == Some(c);
                at += c.len_utf8();
                ok
            })
        }) {
            end += next.iter().map(|c| c.len_utf8()).sum::<usize>();
        }
        // `:某某资料库`: the name after the colon, to a space or a mark of punctuation.
        if let Some(colon) = char_at(text, end).filter(|&c| c == ':' || c == '：') {
            let name = &text[end + colon.len_utf8()..];
            let len = name
                .char_indices()
                .take(24)
                .find(|&(_, c)| c.is_whitespace() || "。，；、！？,;（）()".contains(c))
                .map_or_else(
                    || name.chars().take(24).map(char::len_utf8).sum(),
                    |(i, _)| i,
                );
            end += colon.len_utf8() + len;
        }
        Some(Span::new(start, end))
    })
}

pub struct WebResidue;

static META: Meta = Meta {
    id: "format/web-residue",
    category: Category::Residue,
    severity: Severity::Warning,
    description: "网页残留（下载站页眉页脚、分享按钮、网址、门户网站元数据）",
};

/// For every line of the document, whether it is web residue (including a
/// short unknown line sandwiched between residue lines); read once per check
/// ([`crate::residue::Residue`]). Other rules use this to stay quiet on lines
/// that will be deleted anyway.
pub(crate) fn residue_lines<'c>(cx: &'c Context) -> &'c crate::residue::LineSet {
    &cx.residue.lines
}

impl Rule for WebResidue {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        let lines = cx.doc.lines();
        let (marked, phrase) = (&cx.residue.lines, &cx.residue.phrase);
        let mut i = 0;
        while i < lines.len() {
            if !marked[i] {
                if phrase[i] {
                    let s = cx.doc.slice(lines.at(i));
                    for (a, b, certain) in inline_hits(s) {
                        let shown = s[a..b].trim();
                        sink.emit(
                            Span::new(lines.at(i).start + a, lines.at(i).start + b),
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
                } else if !is_blank(cx.doc.slice(lines.at(j))) {
                    break;
                }
                j += 1;
            }
            let occurrences: Vec<Occurrence> = (first..=last)
                .filter(|&k| marked[k])
                .map(|k| Occurrence {
                    span: lines.at(k),
                    suggestion: Some("".into()),
                })
                .collect();
            let message = if count == 1 {
                format!(
                    "“{}”是网页残留（下载站、门户网站添加的内容），不属于报告正文，应删除。",
                    cx.doc.slice(lines.at(first)).trim()
                )
            } else {
                format!("这 {count} 行是网页残留（页眉页脚、分享按钮、网址或网站信息），不属于报告正文，应删除。")
            };
            sink.emit_all(occurrences, message);
            i = last + 1;
        }
        // Watermark words broken up by marks, outside residue lines.
        for span in split_words(cx) {
            if marked[cx.doc.line_index(span.start)] {
                continue;
            }
            sink.emit(
                span,
                format!(
                    "“{}”是网页水印（用符号隔开的“公众号”等字样），不属于报告正文，应删除。",
                    &text[span.start..span.end]
                ),
                None,
            );
        }
        // URLs in ordinary lines (not inside residue already reported); an
        // `ftp://` address is left alone.
        for &url in cx.doc.urls() {
            let scheme = text.as_bytes().get(url.start..url.start + 3);
            if scheme.is_some_and(|s| s.eq_ignore_ascii_case(b"ftp")) {
                continue;
            }
            let li = cx.doc.line_index(url.start);
            let Some(line) = lines.get(li) else { continue };
            if marked[li] || cited(&text[line.start..url.start]) {
                continue;
            }
            let at = url.start - line.start;
            if phrase[li]
                && inline_hits(cx.doc.slice(line))
                    .iter()
                    .any(|&(a, b, _)| a <= at && at < b)
            {
                continue;
            }
            sink.emit(
                url,
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
    fn watermarks() {
        assert_eq!(
            spans("提升课后服务质量。公!众号:某某资料库\n二、存在问题"),
            ["公!众号:某某资料库"]
        );
        assert_eq!(
            spans("强化家校共育，微.信搜索获取更多，营造良好育人环境。"),
            ["微.信"]
        );
        assert_eq!(
            spans("完善课程体系关-注公众号：某某文库，深化教学改革"),
            ["关-注公众号：某某文库"]
        );
        assert_eq!(
            spans("教师培训全覆盖。本文来源于网络，如有侵权请联系删除。全县学校…推进集团化办学，办学水平进一步提升"),
            ["本文来源于网络，如有侵权请联系删除。"]
        );
        assert_eq!(spans("本文来源于网络\n正文。"), ["本文来源于网络"]);
    }

    #[test]
    fn watermark_words_written_plainly_are_prose() {
        for ok in [
            "通过学校微信公众号、家长群发布安全提示，引导家长关注公众号推送。",
            "二维码、微信/QQ群同步发布，关注/支持留守儿童",
            "“1+X”模式，学生成绩A.优秀，二-三年级",
            "公众号",
        ] {
            assert!(spans(ok).is_empty(), "{ok}: {:?}", spans(ok));
        }
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
