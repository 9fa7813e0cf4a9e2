//! Layout rules (`layout/…`): the printed page of a .docx against
//! GB/T 9704—2012, every number from the profile's `layout` section.
//! They read [`Context::docx`] and stay quiet on plain text.
//!
//! The 落款 date in Arabic digits (GB/T 9704 §7.3.5) is checked on the
//! text by `structure/sections`, for .docx and plain text alike.

use crate::context::Context;
use crate::docx::{Docx, Line, LineKind};
use crate::finding::{Occurrence, Span};
use crate::outline::Level;
use crate::profile::LayoutSpec;
use crate::rules::{Rule, Sink};

mod body_font;
mod heading_font;
mod indent;
mod line_spacing;
mod page;
mod page_number;
mod title;

pub static RULES: &[&dyn Rule] = &[
    &page::Page,
    &page_number::PageNumber,
    &title::Title,
    &heading_font::HeadingFont,
    &body_font::BodyFont,
    &line_spacing::LineSpacing,
    &indent::Indent,
];

/// What the layout rules read: the .docx and the profile's layout.
pub(crate) struct Page<'a> {
    pub d: &'a Docx,
    pub spec: &'a LayoutSpec,
    /// Per line of `d`: its heading level, when a heading starts it.
    pub headings: Vec<Option<Level>>,
    /// The title line, if the document starts with one.
    pub title: Option<usize>,
}

impl<'a> Page<'a> {
    pub fn of(cx: &'a Context) -> Option<Self> {
        let d = cx.docx?;
        let mut headings = vec![None; d.lines.len()];
        for h in &cx.outline.headings {
            let i = d.lines.partition_point(|l| l.span.end < h.marker.start);
            if let Some(slot) = headings.get_mut(i) {
                if d.lines[i].span.start <= h.marker.start {
                    *slot = Some(h.level);
                }
            }
        }
        let title = d
            .lines
            .iter()
            .position(|l| !cx.doc.text[l.span.start..l.span.end].trim().is_empty())
            .filter(|&i| headings[i].is_none() && d.lines[i].kind == LineKind::Paragraph);
        Some(Page {
            d,
            spec: &cx.profile.layout,
            headings,
            title,
        })
    }

    /// The text of a line.
    pub fn text(&self, l: &Line) -> &'a str {
        &self.d.text[l.span.start..l.span.end]
    }

    /// Body paragraphs: not the title, not a heading, not a table row,
    /// not centred or right-aligned (subtitles, 落款), with Chinese text.
    pub fn body(&self) -> impl Iterator<Item = (usize, &'a Line)> + '_ {
        self.d.lines.iter().enumerate().filter(move |(i, l)| {
            Some(*i) != self.title
                && self.headings[*i].is_none()
                && l.kind == LineKind::Paragraph
                && !matches!(l.jc.as_deref(), Some("center" | "right" | "end"))
                && self.text(l).chars().filter(|c| is_cjk(*c)).count() >= 8
        })
    }

    /// The font and size (half-points) of most of the CJK text of `span`
    /// in `line` (by bytes of its runs); `None` where the file does not say.
    pub fn dominant(&self, line: &Line, span: Span) -> (Option<&'a str>, Option<u32>) {
        let mut fonts: Vec<(Option<&str>, usize)> = Vec::new();
        let mut sizes: Vec<(Option<u32>, usize)> = Vec::new();
        for r in &line.runs {
            let (s, e) = (r.span.start.max(span.start), r.span.end.min(span.end));
            if s >= e {
                continue;
            }
            let n = self.d.text[s..e].chars().filter(|c| is_cjk(*c)).count();
            if n == 0 {
                continue;
            }
            let f = self.d.font(r);
            match fonts.iter_mut().find(|(x, _)| *x == f) {
                Some(x) => x.1 += n,
                None => fonts.push((f, n)),
            }
            match sizes.iter_mut().find(|(x, _)| *x == r.size) {
                Some(x) => x.1 += n,
                None => sizes.push((r.size, n)),
            }
        }
        let font = fonts.iter().max_by_key(|x| x.1).and_then(|x| x.0);
        let size = sizes.iter().max_by_key(|x| x.1).and_then(|x| x.0);
        (font, size)
    }
}

/// Reports `found` (span, message) one finding each, or one grouped
/// finding (`summary` of the count) past the profile's group threshold.
pub(crate) fn emit_each(
    sink: &mut Sink,
    found: Vec<(Span, String)>,
    summary: impl FnOnce(usize) -> String,
) {
    let next = std::cell::Cell::new(0);
    let occurrences = found
        .iter()
        .map(|(span, _)| Occurrence {
            span: *span,
            suggestion: None,
        })
        .collect();
    sink.emit_grouped(
        occurrences,
        |_| {
            let i = next.get();
            next.set(i + 1);
            found.get(i).map_or_else(String::new, |(_, m)| m.clone())
        },
        summary,
    );
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Whether font `name` is one of `wanted` (a part of its name).
pub(crate) fn font_is(name: &str, wanted: &[String]) -> bool {
    wanted
        .iter()
        .any(|w| !w.is_empty() && name.contains(w.as_str()))
}

/// A size in half-points as the drafter knows it: `三号（16 磅）`.
pub(crate) fn size_name(half_points: u32) -> String {
    const NAMES: [(u32, &str); 16] = [
        (84, "初号"),
        (72, "小初"),
        (52, "一号"),
        (48, "小一"),
        (44, "二号"),
        (36, "小二"),
        (32, "三号"),
        (30, "小三"),
        (28, "四号"),
        (24, "小四"),
        (21, "五号"),
        (18, "小五"),
        (15, "六号"),
        (13, "小六"),
        (11, "七号"),
        (10, "八号"),
    ];
    let pt = match half_points % 2 {
        0 => format!("{}", half_points / 2),
        _ => format!("{}.5", half_points / 2),
    };
    match NAMES.iter().find(|(h, _)| *h == half_points) {
        Some((_, n)) => format!("{n}（{pt} 磅）"),
        None => format!("{pt} 磅"),
    }
}

/// A size in points as half-points.
pub(crate) fn half_points(pt: f64) -> u32 {
    (pt * 2.0).round().max(0.0) as u32
}

/// Twips to millimetres.
pub(crate) fn mm(twips: i32) -> f64 {
    f64::from(twips) * 25.4 / 1440.0
}

/// A number for a message: `37`, `25.4`. Written by hand: float
/// formatting would add kilobytes to the wasm.
pub(crate) fn num(x: f64) -> String {
    let tenths = (x * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.unsigned_abs();
    match t % 10 {
        0 => format!("{sign}{}", t / 10),
        d => format!("{sign}{}.{d}", t / 10),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn sizes_and_lengths() {
        assert_eq!(size_name(32), "三号（16 磅）");
        assert_eq!(size_name(27), "13.5 磅");
        assert_eq!(num(mm(2098)), "37");
        assert_eq!(num(mm(1440)), "25.4");
        assert_eq!(num(-0.25), "-0.3");
        assert_eq!(num(15.6), "15.6");
        assert_eq!(size_name(21), "五号（10.5 磅）");
        assert!(font_is("仿宋_GB2312", &["仿宋".into()]));
        assert!(!font_is("宋体", &["仿宋".into()]));
    }
}
