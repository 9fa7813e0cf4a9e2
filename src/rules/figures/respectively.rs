//! `figures/respectively`: `分别为a、b、c` with a different number of values
//! than the categories listed before it.
//!
//! **What it checks.** A clause that lists categories with `、`
//! (`幼儿园、普通小学、普通初中、普通高中、中等职业学校、普通高等学校…`) and then
//! gives their figures with `分别` (`分别为0.21%、0.12%、0.06%和0.37%`): the
//! number of figures must equal the number of categories.
//!
//! **Why it matters.** With six categories and four figures the reader cannot
//! tell which figure belongs to which category, and two are missing.
//!
//! **Example.** six school types, `增长分别为0.21%、0.12%、0.06%和0.37%` →
//! four figures for six categories.
//!
//! **Not flagged.** Categories joined only by `和`/`及` (their count is not
//! certain), enumerations inside quotation marks or book titles, a year
//! range before `分别` (`2017-2019年,…分别为62867万元、66256万元、72415万元`).
//!
//! **Follows** the evaluation indicator system (each indicator needs its figure).

use crate::figures::{Figure, Kind};
use crate::finding::{Category, Severity, Span};
use crate::rules::{FigureRule, Meta, Sink, WithFigures};
use crate::words::WordList;

pub struct Respectively;

static META: Meta = Meta {
    id: "figures/respectively",
    category: Category::Figure,
    severity: Severity::Warning,
    description: "“分别为”后的数值个数与前面列举的项目数不符",
};

const CLAUSE_END: &[char] = &[
    ',', '，', ';', '；', '。', ':', '：', '\n', '\r', '!', '?', '！', '？',
];

/// The number of `、`-separated items in `clause`, outside quotes and
/// brackets; `None` when uncertain (no `、`, or `和/及/与` after the last one).
fn categories(clause: &str) -> Option<usize> {
    let mut depth = 0i32;
    let mut n = 0;
    let mut last = None;
    for (i, c) in clause.char_indices() {
        match c {
            '“' | '《' | '(' | '（' | '〈' | '「' | '‘' => depth += 1,
            '”' | '》' | ')' | '）' | '〉' | '」' | '’' => depth -= 1,
            '、' if depth == 0 => {
                n += 1;
                last = Some(i);
            }
            _ => {}
        }
    }
    let last = last?;
    let tail = &clause[last..];
    if tail.contains(['和', '及', '与', '"']) || depth != 0 {
        return None;
    }
    Some(n + 1)
}

/// The word this rule looks for, for the shared word search.
const WORD: &str = "分别";

fn seeds() -> Vec<String> {
    vec![WORD.to_string()]
}

fn is_value(f: &Figure) -> bool {
    matches!(
        f.kind,
        Kind::Amount | Kind::Percent | Kind::Points | Kind::Score
    )
}

/// `分别`, found by the check's one word search.
static SEEDS: WordList = WordList::new(seeds);

impl FigureRule for Respectively {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn words(&self) -> Option<&'static WordList> {
        Some(&SEEDS)
    }

    fn check(&self, cx: &WithFigures, sink: &mut Sink) {
        let text = cx.doc.text;
        let list = &cx.figures.list;
        let mut words = cx.words(&SEEDS);
        let mut from = 0;
        while let Some((p, _)) = words.find_from(from) {
            let after = p + WORD.len();
            from = after;
            // The values: a chain of figures right after `分别…`.
            let i = cx.figures.index_at(after);
            let Some(first) = list.get(i) else { continue };
            let lead = text.get(after..first.span.start).unwrap_or("");
            if lead.chars().count() > 8 || lead.contains(CLAUSE_END) || !is_value(first) {
                continue;
            }
            let mut n = 1;
            let mut last = first;
            while let Some(next) = list.get(i + n) {
                let gap = text.get(last.span.end..next.span.start).unwrap_or("");
                if !matches!(gap, "、" | "和" | "及" | "与") || next.kind != first.kind {
                    break;
                }
                n += 1;
                last = next;
            }
            if n < 2 {
                continue;
            }
            let head = text.get(super::common::back(text, p, 300)..p).unwrap_or("");
            let clause_start = head.rfind(CLAUSE_END).map_or(0, |c| {
                c + head[c..].chars().next().map_or(1, char::len_utf8)
            });
            let Some(m) = categories(&head[clause_start..]) else {
                continue;
            };
            if m == n {
                continue;
            }
            let span = Span::new(first.span.start, last.span.end);
            let message = format!(
                "前面列举了{m}项，“分别”后却只有{n}个数值，无法一一对应。请补齐或删去多余的项目。"
            );
            let message = if n > m {
                format!("前面列举了{m}项，“分别”后却有{n}个数值，无法一一对应。请核对项目与数值。")
            } else {
                message
            };
            sink.emit(span, message, None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::figures::{findings, spans};

    fn found(text: &str) -> Vec<String> {
        spans(&Respectively, text)
    }

    #[test]
    fn count_mismatch() {
        let t = "全区幼儿园、普通小学、普通初中、普通高中、中等职业学校、普通高等学校生均一般公共预算教育经费增长分别为0.21%、0.12%、0.06%和0.37%,同时";
        let f = findings(&Respectively, t);
        assert_eq!(found(t), ["0.21%、0.12%、0.06%和0.37%"]);
        assert!(f[0].message.contains("列举了6项"), "{}", f[0].message);
        assert_eq!(
            found("小学、初中巩固率分别为99%、98%和97%。"),
            ["99%、98%和97%"]
        );
    }

    #[test]
    fn matching_counts_pass() {
        for t in [
            "幼儿园、普通小学、普通初中、中职学校、普通高中在校生生均一般公共预算教育支出均比上年分别增长1.42%、0.01%、1.43%、4.21%、9.77%。",
            "2018年普通初中、普通小学、幼儿园生均一般公共预算教育支出分别比上年增长0.92%、1.01%、23.96%,",
            "2017-2019年,一般公共预算教育支出分别为62867万元、66256万元、72415万元,实现逐年增长。",
            "比培训前分别提高了8.12%、11.12%。",
            "小学、初中和高中分别为3所、2所、1所。",
            "“小学、初中、高中”分别为3所、2所。",
            "小学、初中分别有3所,2所。",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", findings(&Respectively, t));
        }
    }
}
