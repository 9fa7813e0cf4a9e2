//! `structure/indicator-figures`, `structure/indicator-coverage`: indicator
//! coverage, against the profile's `indicators` (the areas of the evaluation
//! system: 党的领导, 经费“两个只增不减”, 教师工资不低于公务员, …).
//!
//! **What it checks.** `structure/indicator-figures`: an area claimed as met
//! (`教师平均工资收入水平不低于当地公务员`, `实现“两个只增不减”`) where no
//! sentence about that area gives a figure in the area's units.
//! `structure/indicator-coverage`: required areas the report never mentions
//! (one info finding per report, listing them).
//!
//! **Why it matters.** Reviewers score these indicators on numbers; a bare
//! claim, or an area left out, is sent back.
//!
//! **Example.** `确保义务教育教师平均工资不低于当地公务员` with no amounts →
//! give both annual averages.
//!
//! **Not flagged.** A claim with its figures in the same report part
//! (`教师年平均工资77938元，比公务员年平均工资66892元高`); years (`2021年`)
//! as the only numbers do not count as figures; a report that mentions
//! every required area.
//!
//! **Follows** the evaluation indicator system for 履行教育职责 (评价体系).

use crate::context::Context;
use std::sync::LazyLock;

use regex::Regex;

use crate::finding::{Category, Severity, Span};
use crate::mentions::Mentions;
use crate::profile::IndicatorSpec;
use crate::rules::{Meta, Rule, Sink};

pub struct IndicatorFigures;
pub struct IndicatorCoverage;

static FIGURES: Meta = Meta {
    id: "structure/indicator-figures",
    category: Category::Figure,
    severity: Severity::Warning,
    description: "指标只有结论没有数字（如“教师工资不低于公务员”未给出工资数额）",
};

static COVERAGE: Meta = Meta {
    id: "structure/indicator-coverage",
    category: Category::Section,
    severity: Severity::Info,
    description: "报告没有提到必备的评价指标（如控辍保学、校园安全）",
};

/// A number: digits (ASCII or full-width), then maybe a point and digits
/// (`12`, `３．５`).
static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9０-９]+(?:[.．][0-9０-９]+)?").expect("pattern"));

/// The numbers of `s`, as byte ranges. Most of a sentence is not a
/// number: each digit is found char by char and the pattern read from
/// there, never over the text between numbers (running it over those
/// cost 0.36 M of 49.6 M instructions per check of samples/000, and its
/// `find_iter` from the first digit on 0.10 M of 3.85 M of samples/003).
fn numbers(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut from = 0;
    std::iter::from_fn(move || {
        // A number starts with a digit, so the pattern matches right there.
        let at = from + s.get(from..)?.find(is_digit)?;
        let m = NUMBER.find_at(s, at)?;
        from = m.end();
        Some((m.start(), m.end()))
    })
}

/// A number in one of `units` (any number but a year when `units` is empty).
fn has_figure(sentence: &str, units: &[String]) -> bool {
    numbers(sentence).any(|(start, end)| {
        let rest = sentence[end..].trim_start_matches(['余', '多']);
        let year = end - start == 4 && rest.starts_with(['年', '-', '—']);
        if units.is_empty() {
            !year
        } else {
            units
                .iter()
                .any(|u| !u.is_empty() && rest.starts_with(u.as_str()))
        }
    })
}

/// The first claim in a sentence about the area, unless some sentence
/// about the area gives a figure in its units.
fn claim_without_figure(
    m: &Mentions,
    area: usize,
    spec: &IndicatorSpec,
    text: &str,
) -> Option<Span> {
    let claims = m.claims.get(area)?;
    if claims.is_empty()
        || m.about[area]
            .iter()
            .any(|&i| has_figure(m.sentence(text, i), &spec.units))
    {
        return None;
    }
    // A claim counts in a sentence about the area (`足额拨付` of 公用经费, not of 资助金).
    claims
        .iter()
        .filter(|(i, _)| m.keyword[area].binary_search(i).is_ok())
        .map(|&(_, span)| span)
        .min()
}

impl Rule for IndicatorFigures {
    fn meta(&self) -> &'static Meta {
        &FIGURES
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        for m in cx.mentions() {
            let (part, text) = (m.span, cx.doc.slice(m.span));
            for (area, spec) in cx.profile.indicators.iter().enumerate() {
                if let Some(claim) = claim_without_figure(m, area, spec, text) {
                    let expect = if spec.expect.is_empty() {
                        String::new()
                    } else {
                        format!("：应写明{}", spec.expect)
                    };
                    sink.emit(
                        claim.shift(part.start),
                        format!(
                            "“{}”只写了“{}”，全文没有给出相应的数字{expect}。",
                            spec.label,
                            &text[claim.start..claim.end]
                        ),
                        None,
                    );
                }
            }
        }
    }
}

impl Rule for IndicatorCoverage {
    fn meta(&self) -> &'static Meta {
        &COVERAGE
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        for m in cx.mentions() {
            let (part, text) = (m.span, cx.doc.slice(m.span));
            let absent: Vec<&str> = cx
                .profile
                .indicators
                .iter()
                .enumerate()
                .filter(|(area, spec)| spec.required && !m.mentioned(*area))
                .map(|(_, spec)| spec.label.as_str())
                .collect();
            if absent.is_empty() {
                continue;
            }
            let first_line = text.find(['\n', '\r']).unwrap_or(text.len());
            sink.note(
                Span::new(part.start, part.start + first_line),
                format!(
                    "报告没有提到以下评价指标：{}。如已开展相关工作，请补充情况和数据。",
                    absent.join("、")
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{findings, run};

    #[test]
    fn numbers_as_the_regex_read_them() {
        let t = "共12所，３．５分，1.5.6，2.，ab7x，１２";
        let got: Vec<&str> = numbers(t).map(|(a, b)| &t[a..b]).collect();
        assert_eq!(got, ["12", "３．５", "1.5", "6", "2", "7", "１２"]);
        for t in [
            t,
            "无数字",
            "第１２条",
            "．5",
            "a.1",
            "2023年全县12所学校，其中3所新建",
        ] {
            let whole: Vec<_> = NUMBER.find_iter(t).map(|m| (m.start(), m.end())).collect();
            assert_eq!(numbers(t).collect::<Vec<_>>(), whole, "{t}");
        }
    }

    const FILLER: &str = "全区坚持教育优先发展，中小学校和幼儿园办学条件持续改善，教师队伍建设不断加强，学生综合素质稳步提升。";

    fn report(body: &str) -> String {
        let filler = FILLER.repeat(3);
        format!("{filler}\n{body}\n{filler}\n{filler}")
    }

    #[test]
    fn claim_without_figures() {
        let text = report("建立义务教育教师工资长效联动机制，确保教师平均工资收入水平不低于当地公务员平均工资收入水平。");
        let got = run(&IndicatorFigures, &text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "不低于当地公务员");
    }

    #[test]
    fn claim_must_be_about_the_area() {
        let text = report("资助金足额拨付到位。");
        assert!(run(&IndicatorFigures, &text).is_empty());
        let text = report("生均公用经费足额拨付到位。");
        assert_eq!(run(&IndicatorFigures, &text).len(), 1);
    }

    #[test]
    fn claim_with_figures_is_quiet() {
        for ok in [
            "确保教师平均工资不低于当地公务员。2024年义务教育教师年平均工资82360元，比公务员年平均工资80120元高2240元。",
            "全区教育支出实现“两个只增不减”，2024年一般公共预算教育支出52360万元，增长3.68%。",
            "没有任何指标结论的一段话。",
        ] {
            let text = report(ok);
            assert!(run(&IndicatorFigures, &text).is_empty(), "{ok}");
        }
        // A year is not a figure.
        let text = report("2024年确保教师平均工资不低于当地公务员。");
        assert_eq!(run(&IndicatorFigures, &text).len(), 1);
    }

    #[test]
    fn coverage_lists_what_is_absent_once() {
        let text = report("我区教师队伍建设和党组织建设扎实推进。");
        let got = findings(&IndicatorCoverage, &text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].message.contains("控辍保学"), "{}", got[0].message);
        assert!(got[0].message.contains("校园安全"), "{}", got[0].message);
        assert_eq!(got[0].scope, crate::finding::Scope::Document);
        assert!(
            !got[0].message.contains("教师队伍建设"),
            "{}",
            got[0].message
        );
    }

    #[test]
    fn short_or_off_topic_text_is_not_judged() {
        assert!(findings(&IndicatorCoverage, "确保教师工资不低于当地公务员。").is_empty());
        let grain = "我县全面落实粮食安全党政同责，耕地保护和粮食生产任务圆满完成。\n".repeat(10);
        assert!(findings(&IndicatorCoverage, &grain).is_empty());
    }
}
