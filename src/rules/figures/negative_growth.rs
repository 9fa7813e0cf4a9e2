//! `figures/negative-growth`: a fall written as a negative increase (`增长-0.01万元`).
//!
//! **What it checks.** A growth verb (`增长`, `增加`, `提高`, `上升`, `提升`)
//! followed by a negative number.
//!
//! **Why it matters.** `增长-0.01万元` hides a fall; in a report on
//! “两个只增不减” it states, in disguise, that the indicator was not met.
//! Say what happened: `减少0.01万元` (or `下降0.79%`).
//!
//! **Example.** `比2018年的1.27万元增长-0.01万元` → `减少0.01万元`.
//!
//! **Not flagged.** Ranges (`2017-2019年`), `下降0.5%`, negative numbers
//! after other words.
//!
//! **Follows** the evaluation indicator system (经费“两个只增不减”) and plain
//! wording (GB/T 9704: 公文用语准确).

use crate::figures::Kind;
use crate::finding::{Category, Severity, Span};
use crate::rules::{FigureRule, Meta, Sink, WithFigures};

use super::common::{verb_before, Dir};

pub struct NegativeGrowth;

static META: Meta = Meta {
    id: "figures/negative-growth",
    category: Category::Figure,
    severity: Severity::Warning,
    description: "“增长”后接负数，应写“减少”或“下降”",
};

impl FigureRule for NegativeGrowth {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &WithFigures, sink: &mut Sink) {
        let text = cx.doc.text;
        for f in &cx.figures.list {
            if f.value >= 0.0 || f.range {
                continue;
            }
            let Some((Dir::Up, vs, ve)) = verb_before(text, f.span.start) else {
                continue;
            };
            let (Some(between), Some(rest)) = (
                text.get(ve..f.span.start),
                text.get(f.span.start..f.span.end),
            ) else {
                continue;
            };
            let verb = if f.kind == Kind::Percent {
                "下降"
            } else {
                "减少"
            };
            let positive = rest.trim_start_matches(['-', '－']);
            let fix = format!("{verb}{between}{positive}");
            let span = Span::new(vs, f.span.end);
            let message = format!(
                "“{}”用“增长”加负数表示减少，应直接写“{fix}”；如为经费指标，请说明未实现“只增不减”的原因。",
                text.get(vs..f.span.end).unwrap_or("")
            );
            sink.emit(span, message, Some(fix));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::figures::run;

    #[test]
    fn fires_on_negative_growth() {
        assert_eq!(
            run(&NegativeGrowth, "比2018年的1.27万元增长-0.01万元,"),
            [(
                "增长-0.01万元".to_string(),
                Some("减少0.01万元".to_string())
            )]
        );
        assert_eq!(
            run(&NegativeGrowth, "生均经费比上年增长了-0.79%。"),
            [("增长了-0.79%".to_string(), Some("下降了0.79%".to_string()))]
        );
    }

    #[test]
    fn quiet_otherwise() {
        for t in [
            "增长0.01万元",
            "2017-2019年",
            "下降-3",
            "温度-5度",
            "增长(-3)",
        ] {
            assert!(run(&NegativeGrowth, t).is_empty(), "{t}");
        }
    }
}
