//! `figures/parts-total`: parts that do not add up to their stated total.
//!
//! **What it checks.** A total followed by `其中` and its parts in the same
//! measure word (`教职工4169人,其中在编教职工4044人,编外待聘教师125人`), also
//! when `其中` opens the next sentence and the totals stand side by side
//! (`专任教师2142人,在校生21734人。其中,幼儿园…专任教师29人,在园幼儿3841人;…`:
//! the k-th figure of each `;` group belongs to the k-th total); and a total
//! with its parts in brackets, before or after it (`党组织785个(党委1个、
//! 党总支32个、…)`, `(完全小学2所、九年一贯制学校11所)13所`).
//!
//! **Why it matters.** A reviewer adds the parts up; a total that does not
//! match means a figure was mistyped or a category left out.
//!
//! **Example.** `教职工3137名(含…),其中义务教育阶段教职工2342人,非义务教育阶段
//! 教职工780人` → 2342 + 780 = 3122, not 3137.
//!
//! **Not flagged.** Figures after `其中` in a clause that states something
//! of its own (a long head, quotes, `分别`: `其中用于建设1542亿元，争取到
//! “…”资金450亿元`); approximate figures (`700余万元,其中150万元…,400多万元…`);
//! parts that carry `含…` (`小学41所(含教学点2个)`: the bracket counts other
//! things) or a list with `另`/`除`; a single part (a subset, not a
//! breakdown); `(含特岗教师48名)` after the total (a subset); parts in
//! another measure word (`45个,386人次`); parts that pick groups by
//! different ways of dividing the total (`其中女教师3368人、本科及以上学历
//! 教师4102人`, `其中农村学校58所、寄宿制学校15所`: they overlap and need not
//! cover it).
//!
//! **Follows** the evaluation indicator system (基本情况 figures must be consistent).

use std::sync::LazyLock;

use regex::Regex;

use crate::context::Context;
use crate::figures::{measure, Figure, Kind};
use crate::finding::{Category, Severity, Span};
use crate::rules::{FigureRule, Meta, Sink, WithFigures};
use crate::words::WordList;

use super::common::{agree, ahead, back, label_before, plain};
use super::growth::num;

pub struct PartsTotal;

static META: Meta = Meta {
    id: "figures/parts-total",
    category: Category::Figure,
    severity: Severity::Warning,
    description: "分项之和与总数不符",
};

fn is_part(f: &Figure) -> bool {
    f.kind == Kind::Amount && !f.range && !f.quoted && f.broken.is_none()
}

fn is_sep(c: char) -> bool {
    matches!(c, ';' | '；')
}

/// Whether a part's own bracket says what it includes (`41所(含教学点2个)`).
fn has_inclusion_note(text: &str, f: &Figure) -> bool {
    text.get(f.span.end..)
        .is_some_and(|t| t.starts_with("(含") || t.starts_with("（含"))
}

/// Compares `total` with `parts`, emitting when they differ.
/// `missing`: items listed with their measure word but no number (`行政给付项`).
/// `ways`: whether parts picked by different ways of dividing are let pass
/// (a `其中` list with one total; brackets and columns list true breakdowns).
fn compare(
    text: &str,
    sink: &mut Sink,
    total: &Figure,
    parts: &[&Figure],
    missing: usize,
    ways: bool,
) {
    if parts.len() < 2 || total.approx || parts.iter().any(|p| p.approx) {
        return;
    }
    if parts.iter().any(|p| has_inclusion_note(text, p)) {
        return;
    }
    // Parts given with their shares (`3605人,占比87.5%;研究生210人,占比6.1%`)
    // are often a selection, not a breakdown.
    if parts.iter().any(|p| {
        text.get(p.span.end..)
            .is_some_and(|t| t.trim_start_matches([',', '，']).starts_with('占'))
    }) {
        return;
    }
    let sum: f64 = parts.iter().map(|p| p.base()).sum();
    let mut all: Vec<&Figure> = parts.to_vec();
    all.push(total);
    if agree(sum, total.base(), &all) || (ways && cross_cutting(text, parts)) {
        return;
    }
    let unit = |f: &Figure| text.get(f.num_end..f.span.end).unwrap_or("").to_string();
    let terms: Vec<&str> = parts.iter().map(|p| num(text, p)).collect();
    // The sum as the parts write it (`860 + 1520 = 2380人次`, not `0.238万人次`).
    let like = match parts.first() {
        Some(p) if p.scale != total.scale && parts.iter().all(|q| q.scale == p.scale) => *p,
        _ => total,
    };
    let mut message = format!(
        "分项之和与总数不符：{} = {}{}，总数为{}。",
        terms.join(" + "),
        plain(sum / like.scale),
        unit(like),
        text.get(total.span.start..total.span.end).unwrap_or(""),
    );
    let rest = plain((total.base() - sum) / total.scale);
    match missing {
        0 => message += "请核对各分项和总数，或补上漏列的分项。",
        1 => message += &format!("有一个分项缺少数字，按总数应为{rest}{}。", unit(total)),
        n => message += &format!("有{n}个分项缺少数字，按总数其和应为{rest}{}。", unit(total)),
    }
    sink.emit(total.span, message, None);
}

/// Ways to divide staff, pupils or schools (`|` between ways), each by the
/// words that name its classes (` ` between words). Parts named by two
/// different ways (`女教师…、本科及以上学历教师…`) count overlapping groups,
/// not the pieces of the total. One string: the table costs the wasm little.
const DIMENSIONS: &str = "女教师 女职工 女性 女生 女童 男教师 男职工 男性 男生 男童\
    |学历 本科 研究生 硕士 博士 专科 大专|职称 高级教师 一级教师 二级教师 三级教师\
    |少数民族 汉族|党员|骨干 名师 学科带头人 特级教师 名校长|岁\
    |农村 乡村 城区 城镇 城市 县城|寄宿|民办 公办|在编 编外 编制 特岗 临聘 代课\
    |专任教师 工勤 行政人员 教辅";

/// The ways of [`DIMENSIONS`] a label names, as bits.
fn dimensions(label: &str) -> u32 {
    DIMENSIONS
        .split('|')
        .enumerate()
        .filter(|(_, words)| words.split(' ').any(|w| label.contains(w)))
        .fold(0, |bits, (d, _)| bits | 1 << d)
}

/// Two parts whose labels name only different ways of dividing (`其中女教师
/// 3368人、少数民族教师512人`, `其中农村学校58所、寄宿制学校15所`): a few
/// groups picked out of the total, which need not add up to it.
fn cross_cutting(text: &str, parts: &[&Figure]) -> bool {
    // The ways of the first few parts that name one (no allocation).
    let mut seen = [0u32; 8];
    let mut n = 0;
    for p in parts.iter().take(seen.len()) {
        let d = dimensions(label_before(text, p.span.start, 12));
        if d == 0 {
            continue;
        }
        if seen[..n].iter().any(|&s| s & d == 0) {
            return true;
        }
        seen[n] = d;
        n += 1;
    }
    false
}

const QIZHONG: &str = "其中";

/// The head of a part's clause that makes it a statement of its own, not
/// a part of a `其中` list: a long one (`争取到“两重”“两新”国家资金450亿元`,
/// `甲湖、乙湖还湖面积分别达到…`), one with quotes or with `分别`. A part is
/// named shortly: `在编教职工4044人`, `非义务教育阶段教职工780人`.
static STATEMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^.{15,}$|[“”]|分别").expect("pattern"));

/// A figure per head, not a part of a sum: `生均公用经费720元`, `人均…`.
static PER_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"生均|每生|人均|每人|每名|户均|年均|平均").expect("pattern"));

/// Groups that are counted in one measure word (`人`) but are not parts of
/// one another, each by the words that name it: pupils, children in
/// kindergarten, staff. A part named for another group than its total's
/// (`在校生12000人，其中小学8000人、初中4000人，在园幼儿1500人`) is a
/// statement of its own, and ends the parts.
const GROUPS: &[(&str, &[&str])] = &[
    (
        "学生",
        &[
            "学生",
            "在校生",
            "小学生",
            "初中生",
            "高中生",
            "中职生",
            "毕业生",
            "寄宿生",
        ],
    ),
    ("幼儿", &["幼儿", "在园"]),
    (
        "教职工",
        &["教职工", "教师", "职工", "工勤", "保育员", "校长"],
    ),
];

/// The group of [`GROUPS`] a label names, if exactly one.
fn group_of(label: &str) -> Option<usize> {
    let mut found = GROUPS
        .iter()
        .enumerate()
        .filter(|(_, (_, words))| words.iter().any(|w| label.contains(w)))
        .map(|(i, _)| i);
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// The words before a figure in its clause (after `其中` or the last
/// `，、；：`), at most 40 chars back.
fn clause_head(text: &str, after: usize, at: usize) -> &str {
    let head = text.get(after.max(back(text, at, 120))..at).unwrap_or("");
    head.rfind(['，', ',', '、', '；', ';', '：', ':'])
        .map_or(head, |i| &head[i..])
        .trim_start_matches(['，', ',', '、', '；', ';', '：', ':'])
        .trim_start()
}

/// A `其中：` that ends its line, its parts listed on the lines below, one a
/// line (`小学226所；` / `初中125所；` / … / `高中7所。`): where the list ends
/// (after the line that ends in `。`, at a line that is no item, or after
/// 30 lines).
fn list_below(cx: &Context, after: usize) -> Option<usize> {
    let text = cx.doc.text;
    let li = cx.doc.line_index(after);
    let lines = cx.doc.lines();
    let rest = text.get(after..lines.get(li)?.end)?;
    if !rest
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, '：' | ':'))
    {
        return None;
    }
    let mut end = None;
    for line in lines.iter().skip(li + 1).take(30) {
        let item = cx.doc.slice(line).trim();
        if item.is_empty() && end.is_none() {
            continue;
        }
        if !LIST_ITEM.is_match(item) {
            break;
        }
        end = Some(line.end);
        if item.ends_with('。') {
            break;
        }
    }
    end
}

/// One item of a list set out a line each: short, a number in it, ending
/// in a list mark (`小学226所；`, `初中125所，`, `高中7所。`).
static LIST_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^.{0,30}[0-9].{0,10}[；;，,、。]$").expect("pattern"));

/// The word of [`check_qizhong`], for the shared word search.
fn seeds() -> Vec<String> {
    vec![QIZHONG.to_string()]
}

/// `其中` lists.
fn check_qizhong(cx: &WithFigures, sink: &mut Sink) {
    let text = cx.doc.text;
    let sentences = &cx.figures.sentences;
    let (mut current, mut in_sentence) = (usize::MAX, 0);
    // `其中` from the shared word search (it cannot overlap itself).
    let mut words = cx.words(&SEEDS);
    let mut from = 0;
    while let Some((p, _)) = words.find_from(from) {
        from = p + QIZHONG.len();
        let si = sentences.partition_point(|s| s.end <= p);
        let Some(sentence) = sentences.get(si) else {
            continue;
        };
        // Bounded work: a real sentence has a handful of `其中`, and looks
        // stay within a window around each.
        if si == current {
            in_sentence += 1;
        } else {
            (current, in_sentence) = (si, 1);
        }
        if in_sentence > 32 {
            continue;
        }
        let sentence = Span::new(
            sentence.start.max(back(text, p, 3000)),
            sentence.end.min(ahead(text, p, 3000)),
        );
        let after = p + "其中".len();
        // The parts: to the sentence end, or to the next `;` when another
        // `其中` follows in the same sentence (`…625125人,其中…;专任教师…,其中…`).
        let rest = text.get(after..sentence.end).unwrap_or("");
        let head = text.get(sentence.start..p).unwrap_or("");
        // `初中12所(其中民办1所)`: a subset in a bracket, not a breakdown.
        let open = head.chars().fold(0i64, |n, c| match c {
            '(' | '（' => n + 1,
            ')' | '）' => n - 1,
            _ => n,
        });
        if open > 0 {
            continue;
        }
        let scope_end = if rest.contains("其中") || head.contains("其中") {
            rest.find(is_sep).map_or(sentence.end, |i| after + i)
        } else {
            sentence.end
        };
        let scope_end = list_below(cx, after).unwrap_or(scope_end);
        let scope = Span::new(after, scope_end);
        let scope_text = text.get(after..scope_end).unwrap_or("");
        if scope_text.contains('另') || scope_text.contains('除') {
            continue;
        }
        // The totals: the clause before `其中`, or the previous sentence
        // when `其中` opens its sentence.
        let opens = head
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, ',' | '，' | ':' | '：'));
        let totals_span = if opens {
            match si.checked_sub(1).and_then(|i| sentences.get(i)) {
                Some(prev) if cx.doc.line_index(prev.start) == cx.doc.line_index(p) => prev,
                _ => continue,
            }
        } else {
            let from = head
                .rfind(is_sep)
                .map_or(sentence.start, |i| sentence.start + i + 1);
            Span::new(from, p)
        };
        let totals: Vec<&Figure> = cx
            .figures
            .within(totals_span)
            .iter()
            .filter(|f| is_part(f) && !f.in_paren)
            .collect();
        let parts: Vec<&Figure> = cx
            .figures
            .within(scope)
            .iter()
            .filter(|f| is_part(f) && !f.in_paren)
            .take_while(|f| !STATEMENT.is_match(clause_head(text, after, f.span.start)))
            .filter(|f| !PER_HEAD.is_match(clause_head(text, after, f.span.start)))
            .collect();
        let mut seen: Vec<&str> = Vec::new();
        for t in &totals {
            let m = measure(t.unit);
            if seen.contains(&m) {
                continue;
            }
            seen.push(m);
            let ts: Vec<&&Figure> = totals.iter().filter(|f| measure(f.unit) == m).collect();
            let ps: Vec<&Figure> = parts
                .iter()
                .copied()
                .filter(|f| measure(f.unit) == m)
                .collect();
            if ts.len() == 1 {
                // The parts end at one of another group (`在校生…，其中
                // 小学…、初中…，在园幼儿…`).
                let whole = group_of(label_before(text, ts[0].span.start, 12));
                let ps: Vec<&Figure> = ps
                    .into_iter()
                    .take_while(|f| {
                        let own = group_of(clause_head(text, after, f.span.start));
                        whole.is_none() || own.is_none() || own == whole
                    })
                    .collect();
                compare(text, sink, ts[0], &ps, 0, true);
                continue;
            }
            // Several totals of one measure: the k-th figure of each `;` group
            // belongs to the k-th total.
            let mut groups: Vec<Vec<&Figure>> = vec![Vec::new()];
            let mut last_end = after;
            for f in &ps {
                if text
                    .get(last_end..f.span.start)
                    .is_some_and(|g| g.contains(is_sep))
                {
                    groups.push(Vec::new());
                }
                if let Some(g) = groups.last_mut() {
                    g.push(f);
                }
                last_end = f.span.end;
            }
            groups.retain(|g| !g.is_empty());
            if groups.len() < 2 || groups.iter().any(|g| g.len() != ts.len()) {
                continue;
            }
            for (k, total) in ts.iter().enumerate() {
                let column: Vec<&Figure> = groups.iter().map(|g| g[k]).collect();
                compare(text, sink, total, &column, 0, false);
            }
        }
    }
}

/// Bracketed parts right after or right before their total.
fn check_brackets(cx: &WithFigures, sink: &mut Sink) {
    let text = cx.doc.text;
    let list = &cx.figures.list;
    for (i, total) in list.iter().enumerate() {
        if !is_part(total) || total.in_paren {
            continue;
        }
        // `785个(党委1个、党总支32个、…)`
        let after = text.get(total.span.end..).unwrap_or("");
        if after.starts_with('(') || after.starts_with('（') {
            let open = total.span.end;
            let near = &after[..ahead(after, 0, 600)];
            if let Some(close) = near.find([')', '）']).map(|c| open + c) {
                bracket_parts(text, sink, total, &list[i + 1..], Span::new(open, close));
            }
        }
        // `(完全小学2所、…、完全中学1所)1所`
        let before = text.get(..total.span.start).unwrap_or("");
        if before.ends_with(')') || before.ends_with('）') {
            let close = total.span.start - before.chars().next_back().map_or(0, char::len_utf8);
            let from = back(before, close, 600);
            let line_start = before[from..close]
                .rfind('\n')
                .map_or(from, |n| from + n + 1);
            if let Some(open) = before[line_start..close]
                .rfind(['(', '（'])
                .map(|o| line_start + o)
            {
                bracket_parts(text, sink, total, &list[..i], Span::new(open, close));
            }
        }
    }
}

fn bracket_parts(text: &str, sink: &mut Sink, total: &Figure, near: &[Figure], inner: Span) {
    let content = text.get(inner.start..inner.end).unwrap_or("");
    let open_len = content.chars().next().map_or(1, char::len_utf8);
    let body = &content[open_len.min(content.len())..];
    if body.contains(['(', '（', ')', '）'])
        || ["含", "另", "除", "其中", "均", "每", "共"]
            .iter()
            .any(|w| body.contains(w))
        || !body.contains('、')
    {
        return;
    }
    // The figures inside the bracket (`near` is in text order).
    let from = near.partition_point(|f| f.span.start <= inner.start);
    let parts: Vec<&Figure> = near[from..]
        .iter()
        .take_while(|f| f.span.start < inner.end)
        .filter(|f| f.span.end <= inner.end)
        .collect();
    // Every figure in the bracket must be a part of the same measure.
    if parts.iter().any(|f| !is_part(f) || !f.same_measure(total)) {
        return;
    }
    compare(
        text,
        sink,
        total,
        &parts,
        numberless(body, total.unit),
        false,
    );
}

/// Items in a `、` list that carry the measure word but lost their number
/// (`行政给付项、`).
fn numberless(body: &str, unit: &str) -> usize {
    if unit.is_empty() {
        return 0;
    }
    body.match_indices(unit)
        .filter(|&(i, _)| {
            let before = body[..i].chars().next_back();
            let after = body[i + unit.len()..].chars().next();
            before.is_some_and(crate::text::is_han) && after.is_none_or(|c| c == '、')
        })
        .count()
}

/// `共189人参加…考试,普通高中录取880人,职业技术学校录取709人`: more
/// admitted than took part.
fn check_admitted(cx: &WithFigures, sink: &mut Sink) {
    let text = cx.doc.text;
    for (_, fs) in cx.figures.by_sentence() {
        for (k, total) in fs.iter().enumerate() {
            let after = text.get(total.span.end..).unwrap_or("");
            if !total.is_exact_amount()
                || !["参加", "报名", "参考"]
                    .iter()
                    .any(|w| after.starts_with(w))
            {
                continue;
            }
            let admitted: Vec<&Figure> = fs[k + 1..]
                .iter()
                .filter(|f| {
                    f.is_exact_amount()
                        && f.same_measure(total)
                        && super::common::label_before(text, f.span.start, 8).ends_with("录取")
                })
                .collect();
            let sum: f64 = admitted.iter().map(|f| f.base()).sum();
            if admitted.is_empty() || sum <= total.base() {
                continue;
            }
            let terms: Vec<&str> = admitted.iter().map(|f| num(text, f)).collect();
            sink.emit(
                total.span,
                format!(
                    "录取人数{} = {}，多于参加人数{}：参加人数可能缺了数字，请核对。",
                    terms.join(" + "),
                    plain(sum / total.scale),
                    text.get(total.span.start..total.span.end).unwrap_or("")
                ),
                None,
            );
        }
    }
}

/// `其中`, found by the check's one word search.
static SEEDS: WordList = WordList::new(seeds);

impl FigureRule for PartsTotal {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn words(&self) -> Option<&'static WordList> {
        Some(&SEEDS)
    }

    fn check(&self, cx: &WithFigures, sink: &mut Sink) {
        check_qizhong(cx, sink);
        check_brackets(cx, sink);
        check_admitted(cx, sink);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::figures::{findings, spans};

    fn found(text: &str) -> Vec<String> {
        spans(&PartsTotal, text)
    }

    #[test]
    fn parts_listed_a_line_each() {
        let t = "全县共有各级各类学校389所。其中：\n小学226所；\n初中125所；\n幼儿园57所；\n高中7所。\n下一段有学校10所。";
        let f = findings(&PartsTotal, t);
        assert_eq!(spans(&PartsTotal, t), ["389所"], "{f:?}");
        assert!(
            f[0].message.contains("226 + 125 + 57 + 7 = 415所"),
            "{}",
            f[0].message
        );
        assert_eq!(
            found("全县有专任教师2300人，其中：\n小学1500人，\n初中700人。"),
            ["2300人"]
        );
        for ok in [
            "全县共有各级各类学校415所。其中：\n小学226所；\n初中125所；\n幼儿园57所；\n高中7所。",
            // What follows is a paragraph, not a list of parts.
            "全县共有学校389所，其中：\n城区学校布局调整后，小学由原来的42所合并为26所，办学条件明显改善，群众满意度持续提高。",
            "全县共有学校389所，其中：\n\n一、主要工作",
        ] {
            assert!(found(ok).is_empty(), "{ok}: {:?}", findings(&PartsTotal, ok));
        }
    }

    #[test]
    fn each_group_names_itself() {
        // Each row of GROUPS: a part of another group ends the parts (the
        // example), one of the same group is a part (the counterexample).
        for (group, words) in GROUPS {
            assert_eq!(group_of(group), group_of(words[0]), "{group}");
        }
        for (ok, wrong) in [
            (
                "在校学生12000人，其中小学8000人、初中4000人，在园幼儿1500人。",
                "在校学生12000人，其中小学8000人、初中3000人，寄宿生1500人。",
            ),
            (
                "在园幼儿3000人，其中公办园2000人、民办园1000人，教师260人。",
                "在园幼儿3000人，其中公办园2000人、民办园800人，在园幼儿100人。",
            ),
            (
                "教职工1300人，其中专任教师1100人、工勤人员200人，在校生15000人。",
                "教职工1300人，其中专任教师1100人、工勤人员150人，保育员20人。",
            ),
        ] {
            assert!(
                found(ok).is_empty(),
                "{ok}: {:?}",
                findings(&PartsTotal, ok)
            );
            assert_eq!(found(wrong).len(), 1, "{wrong}");
        }
        assert!(group_of("学校").is_none());
    }

    #[test]
    fn per_head_figures_are_no_parts() {
        let ok = "全年投入教育经费3.2亿元，其中小学生均公用经费720元、初中生均公用经费940元。";
        assert!(found(ok).is_empty(), "{:?}", findings(&PartsTotal, ok));
        assert_eq!(
            found("全年投入教育经费3.2亿元，其中人员经费2.1亿元、公用经费0.9亿元，生均公用经费720元。"),
            ["3.2亿元"]
        );
    }

    #[test]
    fn parts_that_do_not_add_up() {
        let t = "现有教职工3137名(含特岗教师48名,退伍安置保安7人),其中义务教育阶段教职工2342人,非义务教育阶段教职工780人。";
        let f = findings(&PartsTotal, t);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0].message.contains("2342 + 780 = 3122名，总数为3137名"),
            "{}",
            f[0].message
        );
        assert_eq!(
            found("全县共有学校60所,其中高中5所、初中15所、小学38所。"),
            ["60所"]
        );
        assert_eq!(
            found("下达资金1500万元,其中:中央资金1216万元,省级资金231万元。"),
            ["1500万元"]
        );
        assert_eq!(
            found("党组织80个(党委1个、党总支30个、党支部47个)。"),
            ["80个"]
        );
        let t = "权力清单40项(行政许可10项、行政处罚10项、行政给付项、其他类别2项)";
        let f = findings(&PartsTotal, t);
        assert!(
            f[0].message.contains("有一个分项缺少数字，按总数应为18项"),
            "{}",
            f[0].message
        );
        assert_eq!(
            found(
                "义务教育阶段学校(完全小学2所、九年一贯制学校11所、完全中学1所)1所,专任教师12人。"
            ),
            ["1所"]
        );
    }

    #[test]
    fn the_sum_is_written_as_the_parts_are() {
        let t = "全年培训教师1.2万人次，其中国培计划860人次、省培计划1520人次。";
        let f = findings(&PartsTotal, t);
        assert!(
            f[0].message
                .contains("860 + 1520 = 2380人次，总数为1.2万人次"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn more_admitted_than_took_part() {
        let t = "共189人参加初中学业水平考试,普通高中录取880人,职业技术学校录取709人,普通高中录取率55.4%。";
        let f = findings(&PartsTotal, t);
        assert_eq!(spans(&PartsTotal, t), ["189人"]);
        assert!(
            f[0].message.contains("880 + 709 = 1589"),
            "{}",
            f[0].message
        );
        assert!(found("共1600人参加考试,普通高中录取880人,职业技术学校录取709人。").is_empty());
    }

    #[test]
    fn side_by_side_totals_and_groups() {
        let t = "全区专任教师2142人,在校生21734人。其中,幼儿园专任教师29人,在园幼儿3841人;小学专任教师312人,在校生311人。";
        assert_eq!(found(t), ["2142人", "21734人"]);
        let t = "全区专任教师341人,在校生4152人。其中,幼儿园专任教师29人,在园幼儿3841人;小学专任教师312人,在校生311人。";
        assert!(found(t).is_empty());
    }

    #[test]
    fn right_sums_pass() {
        for t in [
            "教职工4169人,其中在编教职工4044人,编外待聘教师125人。",
            "2018年共接收400名残疾儿童入学,其中特殊学校就读142人,随班就读234人,送教上门24人,入学率91.3%。",
            "全年共遴选、组织国家和省市培训393人次,其中国家级培训项目45个,386人次;省级培训项目6个,7人次。",
            "中小学学位年度建设任务280个,其中太平乡项目于2021年8月完工,新增学位180个;熟坪乡项目于2021年8月开工,新增学位100个。",
            "州直共有党组织785个(党委1个、党总支32个、单独党支部625个、联合党支部127个),",
            "预算下达资金1538万元,其中:中央资金1216万元,省级资金231万元,市级资金91万元。",
            "无证园共计25所,其中预准入17所,取缔8所,已完成整治任务。",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", findings(&PartsTotal, t));
        }
    }

    #[test]
    fn approximations_and_inclusions_are_left_alone() {
        for t in [
            "我市财政先后拨款700余万元,其中150万元用于报警,400多万元用于保安工资,150万元用于围墙。",
            "全县共有中小学校58所,其中普通高中4所(民办1所)、中职高中2所、九年一贯制学校3所(民办1所)、初中10所、小学41所(含教学点2个)。",
            "在校生625125人,其中少数民族503103人;专任教师42879人,其中少数民族22697人。",
            "共有学校30所,其中高中3所,初中8所,另有教学点12个。",
            "在园幼儿10086人,其中公办园在园幼儿5054,占比达到50.1%。",
            "学校12所(其中高中2所、初中10所)。",
            "招聘教师55人,其中本科学历40人。",
            "专任教师4120人,其中本科及以上学历3605人,占比87.5%;研究生学历210人,占比6.1%。",
            // A later clause states something of its own.
            "全年下达教育专项资金3.6亿元，其中用于校舍改造2.1亿元，争取到“薄改”“扩优”中央资金0.9亿元。",
            "改造运动场46万平方米，其中城区、乡镇学校分别完成18万平方米和20万平方米。",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", findings(&PartsTotal, t));
        }
    }

    #[test]
    fn groups_picked_by_different_ways_need_not_add_up() {
        for t in [
            "全县专任教师4812人，其中女教师3368人、本科及以上学历教师4102人。",
            "全县专任教师4812人，其中女教师3368人、少数民族教师512人。",
            "全县共有中小学校76所，其中农村学校58所、寄宿制学校15所。",
            "共有教职工5620人，其中专任教师4812人、具有高级职称的教师1136人。",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", findings(&PartsTotal, t));
        }
        // One way of dividing, or both ways in every part: still a breakdown.
        for t in [
            "教职工4169人，其中在编教职工4044人、编外待聘教师120人。",
            "专任教师4812人，其中女教师3368人、男教师1440人。",
            "幼儿园20所，其中城区公办园5所、城区民办园4所、农村公办园10所。",
            "专任教师3000人，其中35岁以下1200人、36至50岁1300人、51岁以上400人。",
        ] {
            assert_eq!(found(t).len(), 1, "{t}: {:?}", findings(&PartsTotal, t));
        }
    }

    #[test]
    fn every_word_of_the_table_is_found() {
        for (d, words) in DIMENSIONS.split('|').enumerate() {
            for w in words.split(' ') {
                assert!(!w.is_empty() && !w.contains(char::is_whitespace), "{words}");
                assert_eq!(dimensions(w) & 1 << d, 1 << d, "{w}");
            }
        }
    }

    #[test]
    fn right_sums_of_one_way_pass() {
        for t in [
            "专任教师4812人，其中女教师3368人、男教师1444人。",
            "共有教职工5620人，其中专任教师4812人、工勤人员356人、其他人员452人。",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", findings(&PartsTotal, t));
        }
    }
}
