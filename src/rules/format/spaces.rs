//! `format/stray-space`: spaces inside Chinese text.
//!
//! **What it checks.** A space (ASCII, ideographic U+3000, no-break or
//! en space) between two Chinese characters (`保 护`), before a punctuation
//! mark (`发展 ,建立`, `完成 。`), after one (`机制, 对违规`, `一、 基本情况`),
//! or between a number and `%` (`27.02 %`). The fix deletes it.
//!
//! **Why it matters.** Chinese is written without spaces between words; a
//! space inside a word or next to a mark is a leftover of layout (justified
//! text, PDF extraction) and shows as a gap in print.
//!
//! **Example.** `保 护学生安全` → `保护学生安全`; `完成 。` → `完成。`.
//!
//! **Not flagged.** Spaces between Han and digits or Latin (`2025年 3月` is
//! not our call, and tech-doc style is not 公文 style either way — we leave
//! them alone), inside quotation marks or book-title marks where a space
//! separates the parts of a slogan (`“唱响红歌 我心向党”`), indentation at
//! the start of a line, lines that are web residue (`format/web-residue`),
//! and trailing spaces (`format/trailing-space`). Nor the spaces of layout:
//! between Han characters on a line with no sentence mark (`，。；！？`) — a
//! letter-spaced title (`政 府 工 作 报 告`), a speaker's or signer's line
//! (`县长　王某某`, `县委办公室　县政府办公室`), a list of names, a table
//! header — and after the number of an article that opens a line
//! (`第六十六条 对违反…`) or between an office and its holder's name
//! (`县长 陈某某同志作报告。`); any space in a table row (a line with a tab
//! between cells). Nor a run of tabs only:
//! a tab is a column separator (a table pasted from Word as text lines,
//! `城关第一小学⇥36⇥1712`, or a tab stop), never a typed gap in a word.
//!
//! **Follows** GB/T 15834—2011 §5 (标点符号的位置: 点号不出现在一行之首,
//! 标号、点号占一个字的位置, no space around them) and common 公文 typesetting.

use crate::context::Context;
use crate::document::Document;
use crate::finding::{Category, Occurrence, Severity, Span};
use crate::pattern::Pattern;
use crate::rules::{Meta, Rule, Sink};
use std::sync::LazyLock;

use regex::Regex;

use crate::text::{char_at, char_before, inside, is_han, quoted_ranges, run_end, Leads, HAN};

use super::residue::inline_hits;
use super::util::matches_around;

pub struct StraySpace;

static META: Meta = Meta {
    id: "format/stray-space",
    category: Category::Whitespace,
    severity: Severity::Warning,
    description: "中文词语中间或标点前后多了空格",
};

const HAN_HAN: &str =
    "汉字之间多了空格：在词语中间时删去；用来分隔并列词语（“市委 市政府”）时应改为顿号“、”或删去";

/// A mark that takes no space before it.
fn closes(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '”'
            | '’'
            | '〉'
            | '】'
            | '〕'
            | '…'
    )
}

/// A mark that takes no space after it when Chinese follows.
fn opens_or_points(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '（'
            | '《'
            | '“'
            | '‘'
            | '〈'
            | '【'
            | '〔'
            | '）'
    )
}

fn han(c: Option<char>) -> bool {
    c.is_some_and(is_han)
}

/// Why the space between `p` and `n` is wrong, or `None` if it may stay.
/// `pp` is the char before `p`.
fn why(pp: Option<char>, p: Option<char>, n: Option<char>) -> Option<&'static str> {
    let (Some(p), Some(n)) = (p, n) else {
        return None;
    };
    if is_han(p) && is_han(n) {
        return Some(HAN_HAN);
    }
    if (is_han(p) || closes(p)) && (closes(n) || (matches!(n, ',' | ';' | ':' | ')'))) {
        return Some("标点前多了空格");
    }
    if opens_or_points(p) && (is_han(n) || n == '“' || n == '《') {
        return Some("标点后多了空格");
    }
    if matches!(p, ',' | ';' | ':' | ')') && (han(pp) || p == ')') && is_han(n) {
        return Some("标点后多了空格");
    }
    if p.is_ascii_digit() && matches!(n, '%' | '％') {
        return Some("数字和“%”之间多了空格");
    }
    None
}

/// A line's index, its quoted ranges, its inline residue, and its layout.
type LineCache = (
    usize,
    Vec<(usize, usize)>,
    Vec<(usize, usize, bool)>,
    Layout,
);

/// What a line is, for the spaces in it.
#[derive(Clone, Copy, PartialEq)]
enum Layout {
    /// Running text: a sentence mark (`，。；！？`) somewhere in the line,
    /// or a numbered heading.
    Sentence,
    /// No sentence mark: a title (`政 府 工 作 报 告`), a speaker's or
    /// signer's line (`省长 王某某`, `县委办公室　县政府办公室`), a list of
    /// names, a table header. Spaces there are layout.
    Display,
    /// A tab between two cells: a table row pasted as text. Its spaces lay
    /// out the cells' contents.
    Table,
}

/// A line's [`Layout`], written as patterns: a tab with text before and
/// after it, a sentence mark.
static TABLE_ROW: Pattern = Pattern::new(r"\S\t+\S", "\t");
static SENTENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[，。；！？,;!?]").expect("pattern"));

/// A numbered heading (`一、`, `（二）`, `3.`): read as running text, since
/// a gap in it is typed, not laid out.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s\x{3000}]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|[0-9]+[.．、])")
        .expect("pattern")
});

fn layout(line: &str) -> Layout {
    if TABLE_ROW.is_match(line) {
        Layout::Table
    } else if SENTENCE.is_match(line) || HEADING.is_match(line) {
        Layout::Sentence
    } else {
        Layout::Display
    }
}

/// An office and the name of its holder, set off by a space as bylines
/// and speakers' lines are (`县长 陈某某同志作报告`): the office, the space,
/// a name of two or three characters, and what follows a name there.
static TITLE_NAME: Pattern = Pattern::built(
    || {
        format!(
            "(?:总理|主席|书记|[省市县区州旗镇乡]长|[部厅局处科]长|主任|校长|院长)[ \\x{{3000}}]{{1,2}}\
             {HAN}{{2,3}}(?:同志|在|作|主持|讲话|发言)"
        )
    },
    "总理|主席|书记|长|主任",
);

/// A line that starts with the number of an article, chapter or section of
/// a law or rules, which is set off by a space: `第六十六条 对违反…`.
static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s\x{3000}]*第[〇零一二三四五六七八九十百千两0-9０-９]{1,8}[编章节条]$")
        .expect("pattern")
});

/// The spaces of [`is_space`].
static SPACE: Leads = Leads::chars(" \t\u{3000}\u{00A0}\u{2002}\u{2003}");

fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{3000}' | '\u{00A0}' | '\u{2002}' | '\u{2003}'
    )
}

/// Every run of spaces, in order.
pub(crate) fn space_runs<'d>(doc: &'d Document) -> impl Iterator<Item = Span> + 'd {
    let text = doc.text;
    let mut scan = doc.scan(&SPACE);
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let (at, c) = scan.next_from(from)?;
        from = at + c.len_utf8();
        if is_space(c) {
            from = run_end(text, at, is_space);
            return Some(Span::new(at, from));
        }
    })
}

impl Rule for StraySpace {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        let mut found: Vec<(Occurrence, &'static str)> = Vec::new();
        // Per line, computed when first needed: quoted ranges and inline residue.
        let mut cache: Option<LineCache> = None;
        for m in space_runs(&cx.doc) {
            let (a, b) = (m.start, m.end);
            let li = cx.doc.line_index(a);
            let Some(line) = cx.doc.lines().get(li) else {
                continue;
            };
            // Indentation and trailing spaces are not this rule's business.
            if a == line.start || b >= line.end {
                continue;
            }
            // Tabs only: the columns of a pasted table, not a stray gap.
            if text
                .get(a..b)
                .is_some_and(|s| s.bytes().all(|c| c == b'\t'))
            {
                continue;
            }
            let p = char_before(text, a);
            let pp = p.and_then(|p| char_before(text, a - p.len_utf8()));
            let n = char_at(text, b);
            let Some(reason) = why(pp, p, n) else {
                continue;
            };
            let (marked, phrase) = (&cx.residue.lines, &cx.residue.phrase);
            if marked.get(li).copied().unwrap_or(false) {
                continue;
            }
            let has_phrase = phrase.get(li).copied().unwrap_or(false);
            if !matches!(cache, Some((l, ..)) if l == li) {
                let s = cx.doc.slice(line);
                let web = if has_phrase {
                    inline_hits(s)
                } else {
                    Vec::new()
                };
                cache = Some((li, quoted_ranges(s), web, layout(s)));
            }
            let Some((_, quoted, web, layout)) = cache.as_ref() else {
                continue;
            };
            let i = a - line.start;
            if inside(quoted, i) || web.iter().any(|&(x, y, _)| x <= i && i < y) {
                continue;
            }
            let layout_gap = match layout {
                Layout::Table => true,
                Layout::Display => reason == HAN_HAN,
                Layout::Sentence => {
                    reason == HAN_HAN
                        && ((i <= 48 && ARTICLE.is_match(&text[line.start..a]))
                            || matches_around(&TITLE_NAME, text, m, 8))
                }
            };
            if layout_gap {
                continue;
            }
            found.push((
                Occurrence {
                    span: Span::new(a, b),
                    // Between two Han characters the space may stand for a
                    // 顿号: no certain fix.
                    suggestion: (reason != HAN_HAN).then_some("".into()),
                },
                reason,
            ));
        }
        let reasons: Vec<(Span, &'static str)> = found.iter().map(|(o, r)| (o.span, *r)).collect();
        sink.emit_grouped(
            found.into_iter().map(|(o, _)| o).collect(),
            |o| {
                let r: &str = reasons
                    .iter()
                    .find(|(s, _)| *s == o.span)
                    .map_or("多了空格", |(_, r)| *r);
                if r == HAN_HAN {
                    format!("{r}。")
                } else {
                    format!("{r}：删去空格。")
                }
            },
            |n| format!("全文有 {n} 处多余的空格（汉字之间或标点前后），可一次全部删去。"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The gated patterns answer as their regexes (see `pattern::assert_gate`).
    #[test]
    fn gates_agree_with_the_patterns() {
        use crate::pattern::assert_gate;
        assert_gate(&TABLE_ROW, &["学校\t教学班\t\t人数", "\t合计 \t"]);
        assert_gate(
            &TITLE_NAME,
            &[
                "副县长 李某某同志作报告",
                "局长　张某主持，校长 王某某在会上发言",
                "总理 王某某讲话，书记 赵某某作",
                "主任 钱某某发言，主席 孙某在",
            ],
        );
    }
    use crate::rules::test_util::{findings, run};

    fn spans(text: &str) -> Vec<String> {
        run(&StraySpace, text).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn fires_inside_chinese() {
        assert_eq!(
            run(&StraySpace, "加强生态保 护工作。"),
            [(" ".into(), None)]
        );
        assert_eq!(spans("（三）加强生态保 护工作"), [" "]);
        assert_eq!(spans("依据第六十六条 对学校进行处理。"), [" "]);
        assert_eq!(spans("全面落实校长 负责制，推进工作。"), [" "]);
        assert_eq!(
            run(&StraySpace, "推动发展 ,建立机制"),
            [(" ".into(), Some(String::new()))]
        );
        assert_eq!(spans("推动发展 ,建立机制"), [" "]);
        assert_eq!(spans("工作完成 。下一步"), [" "]);
        assert_eq!(spans("健全追究机制, 对违规招生的学校"), [" "]);
        assert_eq!(spans("一、 基本情况"), [" "]);
        assert_eq!(spans("(一) 加强党的领导"), [" "]);
        assert_eq!(spans("占比27.02 %"), [" "]);
        assert_eq!(spans("保\u{3000}护。"), ["\u{3000}"]);
        assert_eq!(spans("保   护。"), ["   "]);
        // A tab beside a space is not a clean column separator.
        assert_eq!(spans("保 \t护。"), [" \t"]);
    }

    #[test]
    fn quiet_where_spaces_belong_or_are_not_ours() {
        for ok in [
            "开展“唱响红歌 我心向党”歌咏比赛",
            "举办“珍爱生命 向善向美 筑梦未来”主题活动",
            "《文化传承 强国有我》",
            "全县 2021 年投入资金",
            "引进 VR 设备",
            "  首行缩进的段落。",
            "句末有空格。   ",
            "   ",
            "Hello world",
            "索 引 号: 011396186 主题分类: 教育",
            // A table pasted from Word: tab-separated cells.
            "学校\t教学班（个）\t在校学生（人）\t教职工（人）",
            "城关第一小学\t36\t1712\t98",
            "合计\t\t102",
            "共发现问题 ??个",
            // Layout: titles, speaker and signature lines, name lists, table rows.
            "县 政 府 工 作 报 告",
            "——在县第十八届人民代表大会第二次会议上\n县长　陈某某\n各位代表：",
            "——2025年1月8日县长 陈某某在县第十八届人民代表大会第二次会议上",
            "县委办公室　县政府办公室\n2024年6月3日",
            "出席：王某某 李某某 赵某某",
            "序号\t主 要 内 容\t牵头单位",
            "1.课后服务覆盖率\t计算方法：参加人数/在校生总数×100%。 数据来源：学校填报。",
            "第六十六条 对违反本法规定的学校，由教育行政部门责令改正。",
            "受县人民政府委托，副县长 李某某同志作关于教育工作的报告。",
            "会议由教育局局长　张某主持，校长 王某某在会上发言。",
            "　　第十二条　学校应当建立家校协同机制。",
            "提高教学质量。( wWw.example.cOm 转载请注明 )促进学生全面发展，全面提高育人水平。",
            "",
        ] {
            assert!(spans(ok).is_empty(), "{ok}: {:?}", spans(ok));
        }
    }

    #[test]
    fn many_are_grouped() {
        let text = "保 护，".repeat(11);
        let f = findings(&StraySpace, &text);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].occurrences.len(), 11);
    }
}
