//! `format/unbalanced-pair`: paired marks that are not closed, not opened,
//! or turned the wrong way, checked per paragraph.
//!
//! **What it checks.** （） () 《》 〈〉 “” ‘’ 【】 〔〕 ﹝﹞ [] 「」 『』 within one
//! paragraph: an opening mark never closed, a closing mark never opened, a
//! quotation closed with an opening quote (`“四个意识“`) or opened with a
//! closing one, and 《 nested directly in 《 (the inner pair should be 〈〉).
//!
//! **Why it matters.** An unclosed bracket or quote changes what a sentence
//! says and is the first thing a proofreader marks.
//!
//! **Example.** `增强“四个意识“，坚定“四个自信”` → the second `“` should be `”`.
//!
//! **Not flagged.** 〈〉 inside 《》 and 《》 again inside that
//! (`《关于转发〈关于印发《…》的通知〉的通知》`), consecutive titles or quotes
//! (`《A》《B》`, `“A”“B”`), parentheses inside titles, a list marker like
//! `1)` at the start of a line. Full-width/half-width mixtures such as `（…)`
//! count as balanced here; their width is another rule's business.
//!
//! **Follows** GB/T 15834—2011 §4.5 (引号), §4.9 (括号), §4.15 (书名号).

use std::borrow::Cow;

use crate::context::Context;
use crate::finding::{Category, Occurrence, Places, Severity, Span};
use crate::rules::{Meta, Rule, Sink};
use crate::text::Leads;

pub struct UnbalancedPair;

static META: Meta = Meta {
    id: "format/unbalanced-pair",
    category: Category::Bracket,
    severity: Severity::Error,
    description: "括号、引号、书名号不配对，或引号方向用反",
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Paren,
    Title,
    Angle,
    DoubleQuote,
    SingleQuote,
    Lenticular,
    Tortoise,
    Square,
    Corner,
    WhiteCorner,
}

/// How many [`Family`] values there are.
const FAMILIES: usize = 10;

/// The family of a paired mark and whether it opens.
fn classify(c: char) -> Option<(Family, bool)> {
    use Family::*;
    Some(match c {
        '（' | '(' => (Paren, true),
        '）' | ')' => (Paren, false),
        '《' => (Title, true),
        '》' => (Title, false),
        '〈' => (Angle, true),
        '〉' => (Angle, false),
        '“' => (DoubleQuote, true),
        '”' => (DoubleQuote, false),
        '‘' => (SingleQuote, true),
        '’' => (SingleQuote, false),
        '【' => (Lenticular, true),
        '】' => (Lenticular, false),
        '〔' | '﹝' => (Tortoise, true),
        '〕' | '﹞' => (Tortoise, false),
        '[' | '［' => (Square, true),
        ']' | '］' => (Square, false),
        '「' => (Corner, true),
        '」' => (Corner, false),
        '『' => (WhiteCorner, true),
        '』' => (WhiteCorner, false),
        _ => return None,
    })
}

/// The paired marks [`classify`] knows.
static MARKS: Leads = Leads::chars("()[]（）《》〈〉“”‘’【】〔〕﹝﹞［］「」『』");

/// The mark that pairs with `c` in the same width.
fn partner(c: char) -> char {
    match c {
        '（' => '）',
        '）' => '（',
        '(' => ')',
        ')' => '(',
        '《' => '》',
        '》' => '《',
        '〈' => '〉',
        '〉' => '〈',
        '“' => '”',
        '”' => '“',
        '‘' => '’',
        '’' => '‘',
        '【' => '】',
        '】' => '【',
        '〔' => '〕',
        '〕' => '〔',
        '﹝' => '﹞',
        '﹞' => '﹝',
        '[' => ']',
        ']' => '[',
        '［' => '］',
        '］' => '［',
        '「' => '」',
        '」' => '「',
        '『' => '』',
        '』' => '『',
        other => other,
    }
}

/// The direction the next quote mark of `family` in `rest` points, if any.
fn next_quote_opens(rest: &str, family: Family) -> Option<bool> {
    rest.chars().find_map(|c| match classify(c) {
        Some((f, opens)) if f == family => Some(opens),
        _ => None,
    })
}

/// `1)`, `a)`, `一)` at the start of a line: a list marker, not a lost bracket.
/// Read backwards from the bracket: at most three marker chars, then only
/// white space to the line start (`））））…` on one line reads one char each).
fn is_list_marker(line: &str, close_at: usize) -> bool {
    let mut back = line[..close_at].chars().rev();
    let mut n = 0;
    for c in back.by_ref() {
        if c.is_ascii_alphanumeric() || "一二三四五六七八九十①②③④⑤⑥⑦⑧⑨⑩".contains(c)
        {
            n += 1;
            if n > 3 {
                return false;
            }
        } else if matches!(c, '\n' | '\r') {
            return n > 0;
        } else if c.is_whitespace() {
            break;
        } else {
            return false;
        }
    }
    n > 0
        && back
            .take_while(|&c| !matches!(c, '\n' | '\r'))
            .all(char::is_whitespace)
}

impl Rule for UnbalancedPair {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let mut found = Found::default();
        let mut scan = cx.doc.scan(&MARKS);
        let mut hit = scan.next_from(0);
        let lines = cx.doc.lines();
        // A title wrapped over its first lines (`…实施《某某法\n实施条例》的决定`)
        // is one paragraph: its lines are checked together.
        let title = title_lines(cx);
        let joined = (title > 1).then(|| Span::new(lines.at(0).start, lines.at(title - 1).end));
        let rest = if joined.is_some() { title } else { 0 };
        for line in joined.into_iter().chain(lines.iter().skip(rest)) {
            // A line without marks has nothing to check: no scan for it.
            if hit.is_some_and(|(at, _)| at < line.start) {
                hit = scan.next_from(line.start);
            }
            if hit.is_none_or(|(at, _)| at >= line.end) {
                continue;
            }
            let marks = std::iter::from_fn(|| {
                let (at, c) = hit.filter(|&(at, _)| at < line.end)?;
                hit = scan.next_from(at + c.len_utf8());
                Some((at - line.start, c))
            });
            check_line(cx.doc.slice(line), line.start, marks, &mut found);
        }
        found.emit(cx.doc.text, sink);
    }
}

/// How many lines a title wrapped over the document's first lines takes:
/// the leading lines without sentence punctuation, at most four (one when
/// none is such a line).
fn title_lines(cx: &Context) -> usize {
    const SENTENCE: [char; 12] = [
        '。', '，', '；', '：', '！', '？', ',', ';', ':', '!', '?', '、',
    ];
    let lines = cx.doc.lines();
    lines
        .iter()
        .take(4)
        .take_while(|&l| {
            let s = cx.doc.slice(l);
            !s.trim().is_empty() && !s.contains(SENTENCE)
        })
        .count()
        .max(1)
        .min(lines.len())
}

/// Every problem found, by kind: each kind is reported one finding a place,
/// or as one grouped finding past [`Sink::emit_many`]'s threshold (a text
/// of nothing but `《` would otherwise give a finding per char).
#[derive(Default)]
struct Found {
    /// A quote turned the wrong way, with the right one.
    reversed: Places,
    /// An opening mark never closed.
    unclosed: Places,
    /// A closing mark never opened.
    unopened: Places,
    /// `《…》` directly inside `《…》`, with `〈…〉` when certain.
    nested: Places,
}

fn at(span: Span, suggestion: Option<String>) -> Occurrence {
    Occurrence {
        span,
        suggestion: suggestion.map(Cow::Owned),
    }
}

/// The char a span starts with.
fn first(text: &str, span: Span) -> char {
    text[span.start..].chars().next().unwrap_or_default()
}

impl Found {
    fn emit(self, text: &str, sink: &mut Sink) {
        sink.emit_many_places(
            self.reversed,
            |o| {
                let right = o.suggestion.as_deref().unwrap_or_default();
                let side = if right
                    .chars()
                    .next()
                    .and_then(classify)
                    .is_some_and(|(_, opens)| opens)
                {
                    "前"
                } else {
                    "后"
                };
                format!("引号方向用反：这里应为{side}引号“{right}”。")
            },
            |n| format!("全文有 {n} 处引号方向用反（前引号写成后引号，或反之）：可一次全部改正。"),
        );
        sink.emit_many_places(
            self.unclosed,
            |o| {
                // A quote turned the wrong way opens as the quote it should be.
                let c = first(text, o.span);
                let open = match classify(c) {
                    Some((_, false)) => partner(c),
                    _ => c,
                };
                let close = partner(open);
                format!("“{open}”没有配对的“{close}”：请在适当位置补上“{close}”，或删去多余的“{open}”。")
            },
            |n| {
                format!(
                    "全文有 {n} 处括号、引号或书名号只有前一半（如“（”后面没有“）”）：请逐处补上后一半，或删去多余的前一半。"
                )
            },
        );
        sink.emit_many_places(
            self.unopened,
            |o| {
                let c = first(text, o.span);
                let open = partner(c);
                format!("“{c}”前面没有配对的“{open}”：请补上“{open}”，或删去多余的“{c}”。")
            },
            |n| {
                format!(
                    "全文有 {n} 处括号、引号或书名号只有后一半（如“）”前面没有“（”）：请逐处补上前一半，或删去多余的后一半。"
                )
            },
        );
        sink.emit_many_places(
            self.nested,
            |_| "书名号内又用了书名号：里层应改用单书名号“〈〉”。".to_string(),
            |n| format!("全文有 {n} 处书名号内又用了书名号：里层应改用单书名号“〈〉”。"),
        );
    }
}

fn unclosed(found: &mut Found, line: &str, base: usize, at_: usize) {
    let len = line[at_..].chars().next().map_or(1, char::len_utf8);
    found
        .unclosed
        .push(at(Span::new(base + at_, base + at_ + len), None));
}

/// The family of the mark at `at_` of `line` (a mark on the stack: a
/// closing quote taken as the opening one it should be is of its family too).
fn family_at(line: &str, at_: usize) -> Option<Family> {
    line[at_..]
        .chars()
        .next()
        .and_then(classify)
        .map(|(f, _)| f)
}

/// `marks`: the chars of `line` in [`MARKS`], at offsets in the line.
///
/// The marks still open are a stack of their offsets alone, 4 bytes each
/// (their family and char are read from the line): a line of 100,000 `《`
/// holds 100,000 of them at once. Marks past the first 4 GiB of one line
/// (beyond any text a page or the CLI's size limit lets in) are not read.
fn check_line(
    line: &str,
    base: usize,
    marks: impl Iterator<Item = (usize, char)>,
    found: &mut Found,
) {
    let mut stack: Vec<u32> = Vec::new();
    // Closed 《…》 pairs directly inside a 《 still open: (its index on the
    // stack, the pair's span), in stack order (a pair is added only once
    // every 《 above its parent is closed or dropped).
    let mut children: Vec<(usize, Span)> = Vec::new();
    // How many marks of each family are open on the stack: a closing mark
    // of a family with none open is known stray without a search of the
    // stack (`（（（…》》》` would search it whole for each `》`).
    let mut open_of = [0usize; FAMILIES];
    let family_of = |at_: u32| family_at(line, at_ as usize);
    for (at_, c) in marks {
        let Some((family, opens)) = classify(c) else {
            continue;
        };
        let Ok(at32) = u32::try_from(at_) else {
            break;
        };
        let span = Span::new(base + at_, base + at_ + c.len_utf8());
        let rest = &line[at_ + c.len_utf8()..];
        let is_quote = matches!(family, Family::DoubleQuote | Family::SingleQuote);

        if opens {
            if is_quote
                && stack.last().is_some_and(|&o| family_of(o) == Some(family))
                && next_quote_opens(rest, family) != Some(false)
            {
                // `“四个意识“，…`: an opening quote where the closing one belongs.
                stack.pop();
                open_of[family as usize] -= 1;
                found.reversed.push(at(span, Some(partner(c).to_string())));
                continue;
            }
            stack.push(at32);
            open_of[family as usize] += 1;
            continue;
        }

        // A closing mark.
        let depth = if open_of[family as usize] > 0 {
            stack.iter().rposition(|&o| family_of(o) == Some(family))
        } else {
            None
        };
        if let Some(depth) = depth {
            for &open in &stack[depth + 1..] {
                unclosed(found, line, base, open as usize);
            }
            for &open in &stack[depth..] {
                if let Some(f) = family_of(open) {
                    open_of[f as usize] -= 1;
                }
            }
            stack.truncate(depth + 1);
            let Some(open) = stack.pop() else { continue };
            // The pairs inside the unclosed marks just dropped go with them.
            while children.last().is_some_and(|&(parent, _)| parent > depth) {
                children.pop();
            }
            let whole = Span::new(base + open as usize, span.end);
            let mine = children.partition_point(|&(parent, _)| parent < depth);
            for (_, child) in children.drain(mine..) {
                nested_title(found, line, base, child);
            }
            // A 《 directly inside another 《.
            if family == Family::Title
                && depth > 0
                && family_of(stack[depth - 1]) == Some(Family::Title)
            {
                children.push((depth - 1, whole));
            }
        } else if is_quote && next_quote_opens(rest, family) == Some(false) {
            // `”四个意识”`: a closing quote where the opening one belongs.
            let left = partner(c);
            found.reversed.push(at(span, Some(left.to_string())));
            stack.push(at32);
            open_of[family as usize] += 1;
        } else if !(family == Family::Paren && is_list_marker(line, at_)) {
            found.unopened.push(at(span, None));
        }
    }
    for &open in &stack {
        unclosed(found, line, base, open as usize);
    }
}

/// Reports `《…》` written directly inside another `《…》`.
fn nested_title(found: &mut Found, line: &str, base: usize, whole: Span) {
    let inner = &line[whole.start - base + '《'.len_utf8()..whole.end - base - '》'.len_utf8()];
    // The fix is certain only when the inner title holds no further level.
    let suggestion = (!inner.contains(['《', '〈'])).then(|| format!("〈{inner}〉"));
    found.nested.push(at(whole, suggestion));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::run;

    fn found(text: &str) -> Vec<(String, Option<String>)> {
        run(&UnbalancedPair, text)
    }

    fn span_texts(text: &str) -> Vec<String> {
        found(text).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn quote_closed_with_opening_quote() {
        assert_eq!(
            found("增强“四个意识“，坚定“四个自信”。"),
            [("“".to_string(), Some("”".to_string()))]
        );
        assert_eq!(
            found("“四个意识“"),
            [("“".to_string(), Some("”".to_string()))]
        );
        assert_eq!(
            found("”四个意识”"),
            [("”".to_string(), Some("“".to_string()))]
        );
    }

    #[test]
    fn unclosed_and_unopened() {
        assert_eq!(span_texts("召开会议（共3次，审议文件"), ["（"]);
        assert_eq!(span_texts("审议文件3个）。"), ["）"]);
        assert_eq!(span_texts("印发《实施方案，要求"), ["《"]);
        assert_eq!(span_texts("他说“要抓好落实。"), ["“"]);
        assert_eq!(span_texts("《方案（试行》"), ["（"]);
        // Per paragraph: a bracket is not closed on the next line.
        assert_eq!(span_texts("首行，\n甲（乙\n丙）丁"), ["（", "）"]);
        // A lost heading marker.
        assert_eq!(span_texts(")健全教育保障机制"), [")"]);
    }

    #[test]
    fn ambiguous_quote_reports_once_without_fix() {
        assert_eq!(found("“甲“乙”"), [("“".to_string(), None)]);
    }

    #[test]
    fn title_nested_in_title() {
        assert_eq!(
            found("印发《关于印发《考核办法》的通知》"),
            [("《考核办法》".to_string(), Some("〈考核办法〉".to_string()))]
        );
        // Unclosed outer, not nesting.
        assert_eq!(span_texts("印发《方案 《办法》"), ["《"]);
    }

    #[test]
    fn title_wrapped_over_lines() {
        // A title set over two or three lines, then the body.
        for ok in [
            "关于印发《某县学前教育\n发展规划》的通知\n县教育局：\n正文。",
            "某县人民政府\n关于调整《教师管理办法\n（试行）》部分条款的决定\n正文（第一段）。",
            "关于开展（第二批\n）评估的通知",
        ] {
            assert!(found(ok).is_empty(), "{ok}: {:?}", found(ok));
        }
        // Not in the body, nor past the title's first lines or its blank line.
        assert_eq!(span_texts("标题\n正文，引用《规划\n》。"), ["《", "》"]);
        assert_eq!(span_texts("标题\n\n甲《乙\n丙》"), ["《", "》"]);
        assert_eq!(span_texts("一\n二\n三\n四《乙\n丙》"), ["《", "》"]);
    }

    #[test]
    fn list_markers_are_short() {
        assert!(found("1)建立制度").is_empty());
        assert!(found("  十)完善机制").is_empty());
        assert_eq!(span_texts("1234)建立制度"), [")"]);
        assert_eq!(span_texts("一二三四)完善机制"), [")"]);
        assert_eq!(span_texts("甲 1)完善机制"), [")"]);
        assert!(found("标题\n\t 2)完善机制").is_empty());
    }

    #[test]
    fn other_families_open_in_between() {
        assert_eq!(span_texts("（甲《乙）丙"), ["《"]);
        assert_eq!(span_texts("（（（甲》"), ["（", "（", "（", "》"]);
        assert_eq!(span_texts("《（（甲》"), ["（", "（"]);
        assert_eq!(span_texts("“甲（乙”丙）"), ["（", "）"]);
    }

    #[test]
    fn many_of_one_kind_become_one_grouped_finding() {
        let many = crate::rules::MOST + 1;
        let text = format!("甲{}乙", "）".repeat(many));
        let all = crate::rules::test_util::findings(&UnbalancedPair, &text);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].occurrences.len(), many);
        assert!(all[0].message.contains(&many.to_string()));
        assert_eq!(all[0].span, Span::new(3, 6));
        // Unclosed marks on many lines, and other kinds apart.
        let text = format!("{}印发《甲《乙》》。“甲“", "《\n".repeat(many));
        let all = crate::rules::test_util::findings(&UnbalancedPair, &text);
        assert_eq!(all.len(), 3, "{all:?}");
        let grouped = all.iter().find(|f| !f.occurrences.is_empty()).unwrap();
        assert_eq!(grouped.occurrences.len(), many);
        // Up to the threshold: one finding each, in the words for each.
        let text = "《\n）\n".repeat(crate::rules::MOST / 2);
        let all = crate::rules::test_util::findings(&UnbalancedPair, &text);
        assert_eq!(all.len(), crate::rules::MOST);
        assert!(all.iter().all(|f| f.occurrences.is_empty()));
        for f in &all {
            let want = if text[f.span.start..].starts_with('《') {
                "“《”没有配对的“》”：请在适当位置补上“》”，或删去多余的“《”。"
            } else {
                "“）”前面没有配对的“（”：请补上“（”，或删去多余的“）”。"
            };
            assert_eq!(f.message, want);
        }
    }

    #[test]
    fn past_most_places_the_first_are_listed_and_all_counted() {
        use crate::finding::MOST_PLACES;
        // 100,000 `《` on one line, the text of issue 17.
        let n = 100_000;
        let text = format!("关于{}的报告", "《".repeat(n));
        let all = crate::rules::test_util::findings(&UnbalancedPair, &text);
        assert_eq!(all.len(), 1, "{:?}", all[0].message);
        let f = &all[0];
        assert_eq!(f.occurrences.len(), MOST_PLACES);
        assert_eq!(f.unlisted, n - MOST_PLACES);
        assert_eq!(f.places(), n);
        assert!(
            f.message.contains(&format!("全文有 {n} 处")),
            "{}",
            f.message
        );
        assert!(f.message.contains(&format!("只标出了前 {MOST_PLACES} 处")));
        // The first ones in the text, in order.
        let first = text.find('《').unwrap();
        for (k, o) in f.occurrences.iter().enumerate() {
            assert_eq!(o.span, Span::new(first + 3 * k, first + 3 * (k + 1)));
        }
        // Closers found in any order on many lines: still the first in the text.
        let text = format!(
            "{}{}",
            "甲（乙（丙
"
            .repeat(MOST_PLACES),
            "丁）
"
            .repeat(MOST_PLACES)
        );
        let all = crate::rules::test_util::findings(&UnbalancedPair, &text);
        let unclosed = all.iter().find(|f| f.message.contains("前一半")).unwrap();
        assert_eq!(unclosed.places(), 2 * MOST_PLACES);
        assert_eq!(unclosed.occurrences.len(), MOST_PLACES);
        assert!(unclosed
            .occurrences
            .windows(2)
            .all(|w| w[0].span < w[1].span));
        assert_eq!(
            unclosed.occurrences[MOST_PLACES - 1].span.start,
            text.match_indices('（').nth(MOST_PLACES - 1).unwrap().0
        );
        // Few: every place listed, nothing said about a limit.
        let text = "《".repeat(MOST_PLACES);
        let all = crate::rules::test_util::findings(&UnbalancedPair, &text);
        assert_eq!(
            (all[0].occurrences.len(), all[0].unlisted),
            (MOST_PLACES, 0)
        );
        assert!(!all[0].message.contains("只标出"));
    }

    #[test]
    fn nested_titles_inside_an_unclosed_mark_go_with_it() {
        // `《乙《丙》》` is closed inside a 《 left open at the line's end:
        // `《丙》` is nested in `《乙…》`, and `《乙…》`, nested in the open
        // 《, goes unreported with it.
        assert_eq!(
            found("《甲《乙《丙》》"),
            [
                ("《".to_string(), None),
                ("《丙》".to_string(), Some("〈丙〉".to_string())),
            ]
        );
        assert_eq!(span_texts("《甲（《乙》）》"), Vec::<String>::new());
        assert_eq!(span_texts("“甲《乙《丙》丁”"), ["《"]);
    }

    #[test]
    fn quiet_on_correct_text() {
        for ok in [
            "《关于印发〈红谷滩区教师奖励办法〉的通知》",
            "《关于转发〈关于印发《评估办法》的通知〉的通知》",
            "《准则》《条例》“五个基本”“四个结合”",
            "《中小学教师职业道德规范（修订）》",
            "(一)加强党的领导。(分值1分,自评1分)",
            "凉教督委〔2021〕28号，新政教督﹝2020﹞7号，浙政教督办函[2020]30号",
            "1)建立制度\na）完善机制",
            "他说：“要抓‘关键’。”",
            "",
            "没有任何标点的一行",
        ] {
            assert!(found(ok).is_empty(), "{ok}: {:?}", found(ok));
        }
    }
}
