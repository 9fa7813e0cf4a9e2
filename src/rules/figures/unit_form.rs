//! `figures/unit-form`: a unit written in a form a 公文 does not use.
//!
//! **What it checks.** `m2` for square metres (`绿化面积7536m2` → `7536m²`, or
//! write `平方米`), and a lower-case `g` for a bandwidth (`出口带宽3.6g` →
//! `3.6G`, i.e. Gbit/s).
//!
//! **Why it matters.** `m2` reads as “m times 2”; `g` is the gram. The
//! reader has to guess the quantity.
//!
//! **Example.** `绿化面积7536m2` → `7536m²`; `出口带宽3.6g` → `3.6G`.
//!
//! **Not flagged.** `m²`, `平方米`, `G`/`Gbps`, a `g` that is part of a Latin
//! word, `g` where no bandwidth is mentioned.
//!
//! **Follows** GB 3100/3102 (量和单位: unit symbols, superscript exponents) and
//! GB/T 15835—2011 §4 (数字与计量单位).

use crate::finding::{Category, Severity, Span};
use crate::rules::{FigureRule, Meta, Sink, WithFigures};

use super::common::label_before;

pub struct UnitForm;

static META: Meta = Meta {
    id: "figures/unit-form",
    category: Category::Figure,
    severity: Severity::Warning,
    description: "计量单位写法不规范（m2、带宽g）",
};

impl FigureRule for UnitForm {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &WithFigures, sink: &mut Sink) {
        let text = cx.doc.text;
        for f in &cx.figures.list {
            if f.quoted {
                continue;
            }
            let shown = text.get(f.span.start..f.num_end).unwrap_or("");
            if f.unit == "m2" {
                let at = f.span.end - 2;
                sink.emit(
                    Span::new(at, f.span.end),
                    format!("面积单位“{shown}m2”应写作“{shown}m²”或“{shown}平方米”。"),
                    Some("m²".into()),
                );
                continue;
            }
            let after = text.get(f.span.end..).unwrap_or("");
            if f.unit.is_empty()
                && after.starts_with('g')
                && !after[1..].starts_with(|c: char| c.is_ascii_alphanumeric())
                && label_before(text, f.span.start, 10).contains("带宽")
            {
                sink.emit(
                    Span::new(f.span.end, f.span.end + 1),
                    format!("带宽“{shown}g”的单位应为大写“G”（即Gbps）：写作“{shown}G”。"),
                    Some("G".into()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::figures::run;

    #[test]
    fn fires_on_ascii_units() {
        assert_eq!(
            run(&UnitForm, "绿化面积7536m2,生均绿化面积6.3m2,"),
            [
                ("m2".to_string(), Some("m²".to_string())),
                ("m2".to_string(), Some("m²".to_string()))
            ]
        );
        assert_eq!(
            run(&UnitForm, "提升总出口带宽3.6g,实现"),
            [("g".to_string(), Some("G".to_string()))]
        );
    }

    #[test]
    fn quiet_otherwise() {
        for t in [
            "面积7536m²,",
            "面积7536平方米",
            "带宽10G",
            "带宽10Gbps",
            "重3g,",
            "型号3go",
        ] {
            assert!(run(&UnitForm, t).is_empty(), "{t}");
        }
    }
}
