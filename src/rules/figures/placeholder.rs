//! `figures/placeholder`: blanks left unfilled or masked.
//!
//! **What it checks.** Template blanks that a drafter forgot to fill in:
//! `20xx年`, `x月`, `xx%`, `XX县`, `××`, runs of `*` (`*县下辖*镇`), `__`,
//! `○○`, and the blank document number `(x发x号)`.
//!
//! **Why it matters.** A report submitted with `20xx` or `xx%` in it is
//! incomplete; the figure the reviewer needs is not there.
//!
//! **Example.** `全县义务教育巩固率达到xx%` → fill in the rate.
//!
//! **Not flagged.** `x` inside Latin words (`wWw`, `XY字客`), a single upper-case
//! `X` that is not a date or rate blank (`X光`) or that a `1+X` model named
//! just before explains (`即1项基础托管加X项特色课程`), `×` between digits (a product),
//! `〇`/`○` inside a Chinese-numeral year (`二○二四年`, a different rule), and
//! anything inside a URL.
//!
//! **Follows** the evaluation indicator system: every indicator needs its figure.

use crate::context::Context;
use crate::document::Document;
use crate::finding::{Category, Occurrence, Places, Severity, Span};
use crate::rules::{Meta, Rule, Sink};
use crate::text::{char_at, char_before, run_end, Leads};

pub struct Placeholder;

static META: Meta = Meta {
    id: "figures/placeholder",
    category: Category::Placeholder,
    severity: Severity::Error,
    description: "未填写或被遮盖的占位符（20xx、xx%、x月、××、***、__）",
};

/// The first chars of the candidates (a year blank is found from its
/// first `x`: digits are too many to stop at each).
static FIRST: Leads = Leads::chars("xX*_×＿○");

fn is_x(c: char) -> bool {
    matches!(c, 'x' | 'X')
}

/// The end of a run of chars `f` accepts at `at`, at most `most` chars
/// long: only those are read (a long run is cut into pieces, each read once).
fn capped(text: &str, at: usize, f: impl Fn(char) -> bool, most: usize) -> usize {
    let rest = text.get(at..).unwrap_or("");
    at + rest
        .chars()
        .take(most)
        .take_while(|&c| f(c))
        .map(char::len_utf8)
        .sum::<usize>()
}

/// The start of a year blank `19x`, `20x`, `19?x` or `20?x` (`?` a digit)
/// whose first `x` is at byte `at`, not before byte `from`.
fn year_blank_start(b: &[u8], at: usize, from: usize) -> Option<usize> {
    let century = |s: usize| matches!(b.get(s..s + 2), Some(b"19" | b"20"));
    let digit = |s: usize| b.get(s).is_some_and(u8::is_ascii_digit);
    [
        at.checked_sub(2),
        at.checked_sub(3).filter(|&s| digit(s + 2)),
    ]
    .into_iter()
    .flatten()
    .find(|&s| s >= from && century(s))
}

/// Candidates, in order; the neighbour checks in [`accept`] decide. A year
/// blank `19x`/`20xx`/`202x`, up to eight `x`/`X`, `×` or `*`, and two or
/// more `_`, `＿` or `○`.
pub(crate) fn candidates<'d>(doc: &'d Document) -> impl Iterator<Item = Span> + 'd {
    let text = doc.text;
    let mut scan = doc.scan(&FIRST);
    let b = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let (at, c) = scan.next_from(from)?;
        let at_x = |i: usize| b.get(i).is_some_and(|&x| x == b'x' || x == b'X');
        // A year blank: from its `1`/`2` to at most two `x` after the digits.
        if let Some(start) = is_x(c).then(|| year_blank_start(b, at, from)).flatten() {
            from = at + 1 + usize::from(at_x(at + 1));
            return Some(Span::new(start, from));
        }
        from = at + c.len_utf8();
        let end = match c {
            'x' | 'X' => capped(text, at, is_x, 8),
            '×' | '*' => capped(text, at, |x| x == c, 8),
            '_' | '＿' | '○' => {
                let end = run_end(text, at, |x| x == c);
                if end - at < 2 * c.len_utf8() {
                    from = end;
                    continue;
                }
                end
            }
            _ => continue,
        };
        from = end;
        return Some(Span::new(at, end));
    })
}

/// Chinese numerals a `○` standing for `〇` sits between.
fn is_cn_numeral(c: char) -> bool {
    "〇零一二三四五六七八九十".contains(c)
}

/// `+X` or `＋X` earlier on the line, at most 80 bytes back (`“1+X”模式`).
fn names_a_formula(text: &str, at: usize) -> bool {
    let mut from = at.saturating_sub(80);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text.get(from..at).unwrap_or("");
    let line = &before[before.rfind('\n').map_or(0, |n| n + 1)..];
    line.contains("+X") || line.contains("＋X")
}

/// `“数据要素×”`: one `×` ending a quoted or bracketed name after a word
/// (like `互联网+`), not a blank.
fn names_a_plan(before: Option<char>, after: Option<char>) -> bool {
    before.is_some_and(crate::text::is_han) && after.is_some_and(|c| "”’》」』）)".contains(c))
}

/// `人天数＝人次数×平均住院天数`: a product in a formula, with `=` on the
/// line at most 80 bytes either side.
fn in_a_formula(text: &str, span: Span) -> bool {
    let mut from = span.start.saturating_sub(80);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (span.end + 80).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let before = &text[from..span.start];
    let before = &before[before.rfind('\n').map_or(0, |n| n + 1)..];
    let after = &text[span.end..to];
    let after = &after[..after.find('\n').unwrap_or(after.len())];
    [before, after].iter().any(|s| s.contains(['=', '＝']))
}

fn accept(text: &str, span: Span) -> bool {
    let m = &text[span.start..span.end];
    let before = char_before(text, span.start);
    let after = char_at(text, span.end);
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let first = m.chars().next().unwrap_or(' ');
    match first {
        '0'..='9' => !digit(before) && !latin(before) && !digit(after) && !latin(after),
        'x' | 'X' => {
            if latin(before) || latin(after) || digit(before) || digit(after) {
                return false;
            }
            // A lone capital X is usually a name (X光, X射线); only take it
            // where a date, rate or count blank stands, and not where a
            // `1+X` model was just named (`即1项基础托管加X项特色课程`).
            m.contains('x')
                || m.len() > 1
                || (after.is_some_and(|c| "年月日号%％人所个名元万亿次项".contains(c))
                    && !names_a_formula(text, span.start))
        }
        '×' | '*' => {
            !digit(before)
                && !digit(after)
                && !(m.chars().count() == 1
                    && (names_a_plan(before, after) || in_a_formula(text, span)))
        }
        '○' => !before.is_some_and(is_cn_numeral) && !after.is_some_and(is_cn_numeral),
        _ => true,
    }
}

impl Rule for Placeholder {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        let mut found = Places::default();
        for span in
            candidates(&cx.doc).filter(|&span| !cx.doc.in_url(span.start) && accept(text, span))
        {
            found.push(Occurrence {
                span,
                suggestion: None,
            });
        }
        sink.emit_many_places(
            found,
            |o| {
                format!(
                    "占位符“{}”未填写：请填入实际的数字、日期或名称。",
                    &text[o.span.start..o.span.end]
                )
            },
            |n| format!("全文有 {n} 处占位符未填写：请逐处填入实际的数字、日期或名称。"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{findings, spans};

    fn found(text: &str) -> Vec<String> {
        spans(&Placeholder, text)
    }

    #[test]
    fn fires_on_blanks() {
        assert_eq!(found("20xx年全县投入xx万元"), ["20xx", "xx"]);
        assert_eq!(found("19XX年建校"), ["19XX"]);
        assert_eq!(found("于202x年完成"), ["202x"]);
        assert_eq!(found("x月x日召开会议"), ["x", "x"]);
        assert_eq!(found("巩固率达到xx%。"), ["xx"]);
        assert_eq!(found("XX县教育局"), ["XX"]);
        assert_eq!(found("印发(x发x号)文件"), ["x", "x"]);
        assert_eq!(found("××县人民政府"), ["××"]);
        assert_eq!(found("*县下辖*镇*街道"), ["*", "*", "*"]);
        assert_eq!(found("以***新时代"), ["***"]);
        assert_eq!(found("中共__县委"), ["__"]);
        assert_eq!(found("○○县人民政府"), ["○○"]);
        assert_eq!(found("县级田长X人"), ["X"]);
    }

    #[test]
    fn long_runs_in_pieces_of_eight() {
        assert_eq!(found(&"*".repeat(20)), ["********", "********", "****"]);
        // Next to a Latin letter (the next piece), an `x` is not a blank.
        assert!(found(&"x".repeat(20)).is_empty());
        assert_eq!(found(&"×".repeat(9)), ["××××××××", "×"]);
        assert_eq!(found("**x"), ["**", "x"]);
    }

    #[test]
    fn many_blanks_become_one_grouped_finding() {
        let text = "填写x人。".repeat(crate::rules::MOST + 1);
        let all = findings(&Placeholder, &text);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].occurrences.len(), crate::rules::MOST + 1);
        assert!(all[0]
            .message
            .contains(&(crate::rules::MOST + 1).to_string()));
        // Up to the threshold, one finding each, whatever the profile's.
        let text = "填写x人。".repeat(crate::rules::MOST);
        assert_eq!(findings(&Placeholder, &text).len(), crate::rules::MOST);
    }

    #[test]
    fn quiet_on_look_alikes() {
        assert!(found("访问wWw站点或XY字客").is_empty());
        assert!(found("配备X光机").is_empty());
        assert!(found("面积3×4米，共2*3间").is_empty());
        // A plan named like `互联网+`, and a product in a formula.
        assert!(found("推进“数据要素×”行动和“智能×”工程").is_empty());
        assert!(found("床日数＝出院人数×平均住院日。").is_empty());
        assert!(found("总课时=班级数×周课时").is_empty());
        assert_eq!(found("推进“××”行动，“×县”试点"), ["××", "×"]);
        assert_eq!(found("由×局负责，数据要素×行动"), ["×", "×"]);
        assert!(found("二○○八年，二○二四年").is_empty());
        assert!(found("详见http://www.x.com/xx_yy__zz").is_empty());
        assert!(found("2021年投入200万元").is_empty());
        assert!(found("变量a_b").is_empty());
        assert!(found("实行“1+X”课后服务模式，即1项基础托管加X项特色课程。").is_empty());
        assert!(found("开展1+X证书制度试点，即1个学历证书加X个职业技能等级证书。").is_empty());
        // No formula on the line: a blank.
        assert_eq!(found("“1+X”模式。\n全县共有X所学校未上报。"), ["X"]);
    }
}
