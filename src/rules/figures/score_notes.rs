//! Score notes read from the figure list: `(权重11分,自评11分)` on a group
//! line, `(分值1.5分,自评1.5分)` on an item, `扣除0.9分` before a note,
//! `自评总分99.1分`. Shared by `figures/score-sum` and `figures/score-note`.
//!
//! Grouping does not need the outline: a group is a note that says `权重`,
//! its items are the notes saying `分值` that follow, up to the next `权重`.

use crate::figures::{Figure, Figures, Kind};
use crate::finding::Span;
use crate::rules::WithFigures;

/// `权重` (a group's weight) or `分值` (an item's maximum).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Weight,
    Max,
}

/// One score note.
#[derive(Debug)]
pub struct Note<'f> {
    pub key: Key,
    /// From `权重`/`分值` (or its opening bracket) to the self-score (or its
    /// closing bracket).
    pub span: Span,
    pub max: &'f Figure,
    pub own: &'f Figure,
    /// Deductions stated before the note since the previous one (`扣除0.9`).
    pub deductions: Vec<&'f Figure>,
    /// What is wrong with its form, if anything.
    pub defects: Vec<&'static str>,
}

/// `自评总分99.1分` / `自评得分为95.8分`.
pub fn totals<'f>(text: &str, figures: &'f Figures) -> Vec<&'f Figure> {
    figures
        .list
        .iter()
        .filter(|f| f.kind == Kind::Score && !f.quoted)
        .filter(|f| {
            let head = text.get(..f.span.start).unwrap_or("");
            let head = head.strip_suffix('为').unwrap_or(head);
            head.ends_with("自评总分") || head.ends_with("自评得分")
        })
        .collect()
}

fn is_score_number(f: &Figure) -> bool {
    matches!(f.kind, Kind::Score | Kind::Bare) && !f.range && f.broken.is_none() && !f.quoted
}

/// Every score note of the check, in text order: read once from the
/// figure list for both rules that ask (`figures/score-sum` and
/// `figures/score-note`; reading them was 2% of a check of samples/003).
pub fn notes<'f>(cx: &WithFigures<'f, '_>) -> Vec<Note<'f>> {
    let figures: &'f Figures = cx.figures;
    let text = cx.doc.text;
    let read = cx.derived(|_| Read(read(text, figures)));
    read.0.iter().map(|n| n.note(figures)).collect()
}

/// The notes of a figure list, by the figures' indices in it (what
/// [`Context::derived`](crate::context::Context::derived) keeps).
struct Read(Vec<NoteAt>);

/// A [`Note`] by the indices of its figures.
struct NoteAt {
    key: Key,
    span: Span,
    max: usize,
    own: usize,
    deductions: Vec<usize>,
    defects: Vec<&'static str>,
}

impl NoteAt {
    fn note<'f>(&self, figures: &'f Figures) -> Note<'f> {
        let list = &figures.list;
        Note {
            key: self.key,
            span: self.span,
            max: &list[self.max],
            own: &list[self.own],
            deductions: self.deductions.iter().map(|&i| &list[i]).collect(),
            defects: self.defects.clone(),
        }
    }
}

/// Every score note of `figures`, in text order.
fn read(text: &str, figures: &Figures) -> Vec<NoteAt> {
    let list = &figures.list;
    let mut out: Vec<NoteAt> = Vec::new();
    let mut since = 0; // where deductions for the next note may start
    let (mut line_start, mut read) = (0, 0); // the last note's line start, read up to
    let mut k = 0;
    while k + 1 < list.len() {
        let (max, own) = (&list[k], &list[k + 1]);
        let head = text.get(..max.span.start).unwrap_or("");
        let head_trim = head.strip_suffix('为').unwrap_or(head);
        let key = if head_trim.ends_with("权重") {
            Key::Weight
        } else if head_trim.ends_with("分值") {
            Key::Max
        } else {
            k += 1;
            continue;
        };
        let gap = text.get(max.span.end..own.span.start).unwrap_or("");
        let gap_rest = if max.unit.is_empty() {
            gap.strip_prefix('分').unwrap_or(gap)
        } else {
            gap
        };
        let gap_rest = gap_rest.trim_matches([',', '，', '、', ' ', ';', '；']);
        let gap_rest = gap_rest.strip_suffix('为').unwrap_or(gap_rest);
        if !matches!(gap_rest, "自评" | "自评得分")
            || !is_score_number(max)
            || !is_score_number(own)
            || !matches!(max.unit, "分" | "")
            || !matches!(own.unit, "分" | "")
        {
            k += 1;
            continue;
        }
        let kw_start = head_trim.len() - "分值".len(); // 权重 and 分值 are both 6 bytes
        let open = head_trim[..kw_start]
            .chars()
            .next_back()
            .filter(|c| matches!(c, '(' | '（'));
        let close = text
            .get(own.span.end..)
            .and_then(|t| t.chars().next())
            .filter(|c| matches!(c, ')' | '）'));
        let mut defects = Vec::new();
        if open.is_none() {
            defects.push("缺少左括号");
        }
        if close.is_none() {
            defects.push("缺少右括号");
        }
        if max.unit.is_empty() {
            defects.push(if key == Key::Weight {
                "权重缺少“分”"
            } else {
                "分值缺少“分”"
            });
        }
        if own.unit.is_empty() {
            defects.push("自评缺少“分”");
        }
        let start = kw_start - open.map_or(0, char::len_utf8);
        let end = own.span.end + close.map_or(0, char::len_utf8);
        // Read back only to the previous note's line start (notes come in
        // order): a line of a thousand notes is not read a thousand times.
        line_start = text
            .get(read..max.span.start)
            .and_then(|h| h.rfind('\n'))
            .map_or(line_start, |i| read + i + 1);
        read = max.span.start;
        let deductions = (since..k)
            .filter(|&i| list[i].span.start >= line_start)
            .filter(|&i| {
                let h = text.get(..list[i].span.start).unwrap_or("");
                (h.ends_with('扣') || h.ends_with("扣除")) && is_score_number(&list[i])
            })
            .collect();
        out.push(NoteAt {
            key,
            span: Span::new(start, end),
            max: k,
            own: k + 1,
            deductions,
            defects,
        });
        k += 2;
        since = k;
    }
    out
}

/// A group (`权重`) with its items (`分值`).
pub struct Group<'n, 'f> {
    pub head: &'n Note<'f>,
    pub items: Vec<&'n Note<'f>>,
}

/// Groups: each `权重` note with the `分值` notes after it, up to the next `权重`.
pub fn groups<'n, 'f>(notes: &'n [Note<'f>]) -> Vec<Group<'n, 'f>> {
    let mut out: Vec<Group> = Vec::new();
    for n in notes {
        match n.key {
            Key::Weight => out.push(Group {
                head: n,
                items: Vec::new(),
            }),
            Key::Max => {
                if let Some(g) = out.last_mut() {
                    g.items.push(n);
                }
            }
        }
    }
    out
}

/// Sums exactly at the one-decimal scores of these notes.
pub fn sum(values: impl Iterator<Item = f64>) -> f64 {
    (values.sum::<f64>() * 1e6).round() / 1e6
}

/// Whether two score values are equal (scores have at most a few decimals).
pub fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}
