//! `format/half-width-punct`: ASCII punctuation inside Chinese text.
//!
//! **What it checks.** `, ; : ( ) ! ?` written half-width between or next to
//! Chinese characters, where GB/T 15834 requires the full-width marks
//! `， ； ： （ ） ！ ？`. Parentheses are judged as a pair: `(一)` or
//! `(2019-2023年)` in Chinese text are both converted.
//!
//! **Why it matters.** Half-width marks in a 公文 look wrong in print and
//! usually come from pasting through a web page or an English input method.
//!
//! **Example.** `全面落实党的教育方针,推动教育高质量发展` → `，`.
//!
//! **Grouping.** A text copied from the web can have thousands of them; past
//! the profile's `group_threshold` they are reported as one grouped finding
//! that lists every place (and can be fixed all at once).
//!
//! **Not flagged.** Thousands separators (`1,000`), ratios and times (`1:19`,
//! `47%:53%`, `09:14`), URLs, Latin text (`Hello, world`), `?` between two
//! Chinese characters (a mis-encoded `·`, reported by the encoding rule),
//! lines of web residue (deleted whole by `format/web-residue`).
//!
//! **Follows** GB/T 15834—2011 §3 (标点符号的形式) and GB/T 9704—2012 §7.3.

use std::borrow::Cow;

use crate::context::Context;
use crate::finding::{Category, Occurrence, Severity, Span};
use crate::rules::{Meta, Rule, Sink};
use crate::text::{char_at, char_before, is_chinese, next_non_space, prev_non_space, Leads};

pub struct HalfWidthPunct;

static META: Meta = Meta {
    id: "format/half-width-punct",
    category: Category::Punctuation,
    severity: Severity::Warning,
    description: "中文里用了半角标点（, ; : ( ) ! ?），应为全角",
};

static MARKS: Leads = Leads::chars(",;:()!?");

fn full_width(c: char) -> Option<&'static str> {
    Some(match c {
        ',' => "，",
        ';' => "；",
        ':' => "：",
        '(' => "（",
        ')' => "）",
        '!' => "！",
        '?' => "？",
        _ => return None,
    })
}

fn chinese(c: Option<char>) -> bool {
    c.is_some_and(is_chinese)
}

fn digit(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit())
}

/// Whether the mark at byte `at` (not a parenthesis) is half-width punctuation in Chinese text.
fn is_chinese_use(text: &str, at: usize, c: char) -> bool {
    // The usual case, a Han char right before `,;:!`: Chinese use.
    let han_before = char_before(text, at)
        .is_some_and(|p| matches!(p, '\u{4000}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'));
    if c != '?' && han_before {
        return true;
    }
    let after = at + c.len_utf8();
    let prev = prev_non_space(text, at);
    let next = next_non_space(text, after);
    match c {
        ',' | ';' => (chinese(prev) || chinese(next)) && !(digit(prev) && digit(next)),
        ':' => {
            let ratio_or_time = (digit(prev) || prev == Some('%')) && digit(next);
            !ratio_or_time && (chinese(prev) || chinese(next))
        }
        '!' => chinese(prev),
        // `720元/生?年` is a lost `·`, not a question.
        // `问题 ??个`: a run of `?` is lost text (reported by `format/garbled`).
        '?' => {
            chinese(prev)
                && !char_at(text, after).is_some_and(crate::text::is_han)
                && char_at(text, after) != Some('?')
                && crate::text::char_before(text, at) != Some('?')
        }
        _ => false,
    }
}

impl Rule for HalfWidthPunct {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        let mut found: Vec<Span> = Vec::new();
        // Lines of web residue are deleted whole (`format/web-residue`).
        let residue = super::residue::residue_lines(cx);
        let mut scan = cx.doc.scan(&MARKS);
        let mut hit = scan.next_from(0);
        // Open parentheses of the line, each with whether Chinese has been
        // seen inside it yet: each stretch between two marks is read once,
        // for the innermost, which passes what it saw on to its parent when
        // it closes (re-reading each pair's contents would be quadratic in
        // `((((…))))`).
        let mut parens: Vec<(usize, bool)> = Vec::new();
        for (li, line) in cx.doc.lines().iter().enumerate() {
            if hit.is_some_and(|(at, _)| at < line.start) {
                hit = scan.next_from(line.start);
            }
            // A line without marks has nothing to check: no scan for it.
            if hit.is_none_or(|(at, _)| at >= line.end) || residue.get(li).copied().unwrap_or(false)
            {
                continue;
            }
            let first = found.len();
            let marks = std::iter::from_fn(|| {
                let (at, c) = hit.filter(|&(at, _)| at < line.end)?;
                hit = scan.next_from(at + c.len_utf8());
                Some((at, c))
            });
            let mut last = line.start;
            for (at, c) in marks {
                if let Some((_, seen)) = parens.last_mut().filter(|(_, seen)| !*seen) {
                    *seen = text[last..at].chars().any(is_chinese);
                }
                last = at + c.len_utf8();
                match c {
                    '(' => parens.push((at, false)),
                    ')' => match parens.pop() {
                        Some((open, seen)) => {
                            if let Some(parent) = parens.last_mut() {
                                parent.1 |= seen;
                            }
                            if seen
                                || chinese(prev_non_space(text, open))
                                || chinese(next_non_space(text, at + 1))
                            {
                                found.push(Span::new(open, open + 1));
                                found.push(Span::new(at, at + 1));
                            }
                        }
                        None => {
                            if chinese(prev_non_space(text, at))
                                || chinese(next_non_space(text, at + 1))
                            {
                                found.push(Span::new(at, at + 1));
                            }
                        }
                    },
                    ',' | ';' | ':' | '!' | '?' if is_chinese_use(text, at, c) => {
                        found.push(Span::new(at, at + 1));
                    }
                    _ => {}
                }
            }
            for (open, _) in parens.drain(..) {
                if chinese(prev_non_space(text, open)) || chinese(next_non_space(text, open + 1)) {
                    found.push(Span::new(open, open + 1));
                }
            }
            // In order but for a bracket pair, pushed at its close: sort the line's.
            if found[first..].windows(2).any(|w| w[0] > w[1]) {
                crate::sort::sort(&mut found[first..]);
            }
        }
        found.retain(|s| !cx.doc.in_url(s.start));

        let occurrences = found
            .into_iter()
            .map(|span| Occurrence {
                span,
                suggestion: text[span.start..span.end]
                    .chars()
                    .next()
                    .and_then(full_width)
                    .map(Cow::Borrowed),
            })
            .collect();
        sink.emit_grouped(
            occurrences,
            |o| {
                let half = &text[o.span.start..o.span.end];
                let full = o.suggestion.as_deref().unwrap_or("");
                format!("中文里用了半角标点“{half}”：应改为全角“{full}”。")
            },
            |n| {
                format!(
                    "全文有 {n} 处半角标点（, ; : ( ) ! ?）用在中文里，应改为全角（，；：（）！？）；可一次全部改正。"
                )
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{findings, run};

    #[test]
    fn han_before_the_mark_and_the_symbols_next_to_han() {
        // A Han char right before the mark (the quick path) and the
        // hexagram symbols U+4DC0–U+4DFF, which share its lead byte.
        for (text, n) in [
            ("推进,落实", 1),
            ("㐀;a", 1),
            ("鿿:1", 1),
            ("䷀,a", 0),
            ("䷿!", 0),
        ] {
            assert_eq!(run(&HalfWidthPunct, text).len(), n, "{text}");
        }
    }

    fn found(text: &str) -> Vec<(String, Option<String>)> {
        run(&HalfWidthPunct, text)
    }

    fn marks(text: &str) -> String {
        found(text).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn fires_in_chinese_text() {
        assert_eq!(
            found("全面落实党的教育方针,推动发展"),
            [(",".to_string(), Some("，".to_string()))]
        );
        assert_eq!(marks("增长1.62%,全区;南昌市教育督导委员会:"), ",;:");
        assert_eq!(marks("(一)加强党的领导"), "()");
        assert_eq!(marks("规划(2019-2023年)的通知"), "()");
        assert_eq!(marks("(1)我校加强财务管理"), "()");
        assert_eq!(marks("这是为什么?"), "?");
        assert_eq!(marks("加油!"), "!");
        assert_eq!(marks("完成率100% , 较上年"), ",");
    }

    #[test]
    fn quiet_outside_chinese_text() {
        for ok in [
            "师生比1:19、1:13.5，时间09:14:15，职普比47%:53%",
            "共投入1,200万元",
            "Hello, world (test)!",
            "详见http://www.gov.cn/a?b=1,c=(2)",
            "720元/生?年",
            "存在的问题 ??个",
            "全面落实党的教育方针，推动发展（一）",
            "",
        ] {
            assert!(found(ok).is_empty(), "{ok}: {:?}", found(ok));
        }
    }

    #[test]
    fn nested_pairs_see_chinese_at_any_depth() {
        // Chinese next to the inner pair, inside the outer one.
        assert_eq!(marks("a((b)甲)c"), "(())");
        assert_eq!(marks("a((甲)b)c"), "(())");
        assert_eq!(marks("a(b(c)d)e"), "");
        // Only in the outer pair (not closed): the inner pair is Latin.
        assert_eq!(marks("a(b(c)d甲"), "");
        assert_eq!(marks("a(b(甲)c"), "()");
        assert_eq!(marks("a(甲(b)c)d"), "(())");
        assert_eq!(marks("a(b (c) d 甲 e)f"), "()");
        assert_eq!(marks("a(甲,b)c"), "(,)");
    }

    /// The same findings as reading every pair's contents (the definition).
    #[test]
    fn same_as_reading_each_pair() {
        fn oracle(text: &str) -> Vec<usize> {
            let near = |open: usize, close: usize| {
                chinese(prev_non_space(text, open)) || chinese(next_non_space(text, close))
            };
            let mut out = Vec::new();
            let mut stack = Vec::new();
            for (at, c) in text.char_indices() {
                match c {
                    '\n' => out.extend(stack.drain(..).filter(|&o| near(o, o + 1))),
                    '(' => stack.push(at),
                    ')' => match stack.pop() {
                        Some(open)
                            if text[open + 1..at].chars().any(is_chinese) || near(open, at + 1) =>
                        {
                            out.extend([open, at]);
                        }
                        Some(_) => {}
                        None if near(at, at + 1) => out.push(at),
                        None => {}
                    },
                    _ => {}
                }
            }
            out.extend(stack.drain(..).filter(|&o| near(o, o + 1)));
            out.sort();
            out
        }
        let pieces = ["(", ")", "甲", "a", " ", "\n", "((", "))"];
        for text in crate::rules::test_util::pieced_texts(&pieces, 3000, 12, 7) {
            let mut got: Vec<usize> = findings(&HalfWidthPunct, &text)
                .iter()
                .flat_map(|f| {
                    if f.occurrences.is_empty() {
                        vec![f.span.start]
                    } else {
                        f.occurrences.iter().map(|o| o.span.start).collect()
                    }
                })
                .collect();
            got.sort();
            assert_eq!(got, oracle(&text), "{text:?}");
        }
    }

    #[test]
    fn many_marks_become_one_grouped_finding() {
        let text = "甲,乙;".repeat(20);
        let all = findings(&HalfWidthPunct, &text);
        assert_eq!(all.len(), 1);
        let f = &all[0];
        assert_eq!(f.occurrences.len(), 40);
        assert!(f.message.contains("40"));
        assert_eq!(f.span, f.occurrences[0].span);
        assert_eq!(f.occurrences[1].suggestion.as_deref(), Some("；"));
    }
}
