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

use crate::context::Context;
use crate::finding::{Category, Severity, Span};
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

struct Open {
    family: Family,
    ch: char,
    at: usize,
    /// This 《 sits directly inside another 《.
    nested_title: bool,
    /// Closed 《…》 pairs directly inside this 《, as (start, end) byte spans.
    nested_children: Vec<Span>,
}

/// The direction the next quote mark of `family` in `rest` points, if any.
fn next_quote_opens(rest: &str, family: Family) -> Option<bool> {
    rest.chars().find_map(|c| match classify(c) {
        Some((f, opens)) if f == family => Some(opens),
        _ => None,
    })
}

/// `1)`, `a)`, `一)` at the start of a line: a list marker, not a lost bracket.
fn is_list_marker(line: &str, close_at: usize) -> bool {
    let head = line[..close_at].trim_start();
    let n = head.chars().count();
    (1..=3).contains(&n)
        && head
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "一二三四五六七八九十①②③④⑤⑥⑦⑧⑨⑩".contains(c))
}

impl Rule for UnbalancedPair {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let mut scan = cx.doc.scan(&MARKS);
        let mut hit = scan.next_from(0);
        for &line in cx.doc.lines() {
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
            check_line(cx.doc.slice(line), line.start, marks, sink);
        }
    }
}

fn unclosed(sink: &mut Sink, base: usize, open: &Open) {
    let close = partner(open.ch);
    sink.emit(
        Span::new(base + open.at, base + open.at + open.ch.len_utf8()),
        format!(
            "“{}”没有配对的“{close}”：请在适当位置补上“{close}”，或删去多余的“{}”。",
            open.ch, open.ch
        ),
        None,
    );
}

/// `marks`: the chars of `line` in [`MARKS`], at offsets in the line.
fn check_line(
    line: &str,
    base: usize,
    marks: impl Iterator<Item = (usize, char)>,
    sink: &mut Sink,
) {
    let mut stack: Vec<Open> = Vec::new();
    for (at, c) in marks {
        let Some((family, opens)) = classify(c) else {
            continue;
        };
        let span = Span::new(base + at, base + at + c.len_utf8());
        let rest = &line[at + c.len_utf8()..];
        let is_quote = matches!(family, Family::DoubleQuote | Family::SingleQuote);

        if opens {
            if is_quote
                && stack.last().is_some_and(|o| o.family == family)
                && next_quote_opens(rest, family) != Some(false)
            {
                // `“四个意识“，…`: an opening quote where the closing one belongs.
                stack.pop();
                let right = partner(c);
                sink.emit(
                    span,
                    format!("引号方向用反：这里应为后引号“{right}”。"),
                    Some(right.to_string()),
                );
                continue;
            }
            let nested_title =
                family == Family::Title && stack.last().is_some_and(|o| o.family == Family::Title);
            stack.push(Open {
                family,
                ch: c,
                at,
                nested_title,
                nested_children: Vec::new(),
            });
            continue;
        }

        // A closing mark.
        if let Some(depth) = stack.iter().rposition(|o| o.family == family) {
            for open in stack[depth + 1..].iter().rev() {
                unclosed(sink, base, open);
            }
            stack.truncate(depth + 1);
            let Some(open) = stack.pop() else { continue };
            let whole = Span::new(base + open.at, span.end);
            if open.nested_title {
                if let Some(parent) = stack.last_mut() {
                    parent.nested_children.push(whole);
                }
            }
            for child in open.nested_children {
                nested_title(sink, line, base, child);
            }
        } else if is_quote && next_quote_opens(rest, family) == Some(false) {
            // `”四个意识”`: a closing quote where the opening one belongs.
            let left = partner(c);
            sink.emit(
                span,
                format!("引号方向用反：这里应为前引号“{left}”。"),
                Some(left.to_string()),
            );
            stack.push(Open {
                family,
                ch: left,
                at,
                nested_title: false,
                nested_children: Vec::new(),
            });
        } else if !(family == Family::Paren && is_list_marker(line, at)) {
            let open = partner(c);
            sink.emit(
                span,
                format!("“{c}”前面没有配对的“{open}”：请补上“{open}”，或删去多余的“{c}”。"),
                None,
            );
        }
    }
    for open in stack.iter().rev() {
        unclosed(sink, base, open);
    }
}

/// Reports `《…》` written directly inside another `《…》`.
fn nested_title(sink: &mut Sink, line: &str, base: usize, whole: Span) {
    let inner = &line[whole.start - base + '《'.len_utf8()..whole.end - base - '》'.len_utf8()];
    // The fix is certain only when the inner title holds no further level.
    let suggestion = (!inner.contains(['《', '〈'])).then(|| format!("〈{inner}〉"));
    sink.emit(
        whole,
        "书名号内又用了书名号：里层应改用单书名号“〈〉”。",
        suggestion,
    );
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
        assert_eq!(span_texts("甲（乙\n丙）丁"), ["（", "）"]);
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
