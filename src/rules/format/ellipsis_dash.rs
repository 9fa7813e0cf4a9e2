//! `format/ellipsis-dash`: 省略号 and 破折号 in the wrong form.
//!
//! **What it checks.**
//! - 省略号 written as `...`, `。。。`, `···`, `．．．` or a single `…`
//!   (it is two `…`, six dots: `……`);
//! - 破折号 written as `--`, `－－` or `――` (it is two `—`: `——`);
//! - a single `—` used as 破折号: between a title and its subtitle in one
//!   pair of quotes (`“书香校园—长在红旗下”`), or after a quoted or titled
//!   name, leading to what it is (`“红心向党”—达州市首届…`).
//!
//! **Why it matters.** These are the forms GB/T 15834 fixes; the wrong ones
//! print as a row of dots or a hyphen and look careless.
//!
//! **Example.** `开展读书、演讲等活动...` → `……`; `“书香校园—长在红旗下”`
//! → `“书香校园——长在红旗下”`.
//!
//! **Not flagged.** A single `—` in a range (一字线 is right there):
//! `2021年—2023年`, `3—11周岁`, `1∶8—1∶10`, `2023年1月—6月`, `2—2.5名`;
//! `——` and `……`/`…………`; `-` in codes and titles (`《3-6岁儿童…》`,
//! `VEX-IQ`); dots in URLs and numbers. A single `—` between words is
//! otherwise a 连接号, and right: places and parties (`中国—东盟`,
//! `西安—咸阳`, `“深圳—香港—广州”`), the steps of a process
//! (`“发现—移交—整改”`), a short pair in quotes (`“证—碳”`).
//!
//! **Follows** GB/T 15834—2011 §4.11 (省略号 ……), §4.12 (破折号 ——) and
//! §4.13 (连接号: 一字线 for ranges).

use crate::context::Context;
use crate::document::Document;
use crate::finding::{Category, Severity, Span};
use crate::pattern::Pattern;
use crate::rules::{Meta, Rule, Sink};

use crate::text::{is_chinese, next_non_space, prev_non_space, run_end, Leads, Scan, HAN};

use super::util::{captures_around, matches_around};

/// Whether the title and subtitle around the dash at `span` (a
/// [`SUBTITLE`] match) are nine characters or more together.
fn subtitled(text: &str, span: Span, reach: usize) -> bool {
    captures_around(&SUBTITLE, text, span, reach).is_some_and(|c| {
        let len = |i| c.get(i).map_or(0, |m| m.as_str().chars().count());
        len(1) + len(2) >= 9
    })
}

pub struct EllipsisDash;

static META: Meta = Meta {
    id: "format/ellipsis-dash",
    category: Category::Punctuation,
    severity: Severity::Warning,
    description: "省略号、破折号形式不对（...　。。。　--　单个—作破折号）",
};

/// The marks that count only two or more in a row, and those that count
/// alone.
static REPEATED: Leads = Leads::chars(".。·・．-－―");
static ALONE: Leads = Leads::chars("…—");

/// Runs of one mark long enough to look at: three or more `.。·・．`, two
/// or more `-－―`, any `…` or `—`; as (span, mark, length in chars). Those
/// of `.。·・．-－―` first, then those of `…—` (findings are sorted later).
pub(crate) fn candidates<'d>(doc: &'d Document) -> impl Iterator<Item = (Span, char, usize)> + 'd {
    // Two marks in a row lie in a run of two chars or more; most `。`
    // stand alone between Han text.
    let repeated = doc.scan(&REPEATED).paired();
    same_mark_runs(doc.text, repeated).chain(same_mark_runs(doc.text, doc.scan(&ALONE)))
}

/// The runs of one mark that start at the hits of `scan`, long enough.
fn same_mark_runs<'d>(
    text: &'d str,
    mut scan: Scan<'d>,
) -> impl Iterator<Item = (Span, char, usize)> + 'd {
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let (at, c) = scan.next_from(from)?;
        let least = match c {
            '.' | '。' | '·' | '・' | '．' => 3,
            '-' | '－' | '―' => 2,
            '…' | '—' => 1,
            _ => {
                from = at + c.len_utf8();
                continue;
            }
        };
        let end = run_end(text, at, |x| x == c);
        from = end;
        let count = (end - at) / c.len_utf8();
        if count >= least {
            return Some((Span::new(at, end), c, count));
        }
    })
}

fn chinese(c: Option<char>) -> bool {
    c.is_some_and(is_chinese)
}

impl Rule for EllipsisDash {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        for (span, first, count) in candidates(&cx.doc) {
            let at = span.start;
            let run = &text[span.start..span.end];
            let prev = prev_non_space(text, span.start);
            let next = next_non_space(text, span.end);
            match first {
                '…' if count % 2 != 0 => {
                    sink.emit(
                        span,
                        "省略号应为两个“…”（……），不能只用一个或奇数个。",
                        Some("……".into()),
                    );
                }
                '…' => {}
                '.' | '。' | '·' | '・' | '．' | '-' | '－' | '―' => {
                    if cx.doc.in_url(at) || !(chinese(prev) || chinese(next)) {
                        continue;
                    }
                    let (mark, fix) = if matches!(first, '-' | '－' | '―') {
                        ("破折号", "——")
                    } else {
                        ("省略号", "……")
                    };
                    sink.emit(
                        span,
                        format!("“{run}”不是{mark}：中文{mark}应写作“{fix}”。"),
                        Some(fix.into()),
                    );
                }
                '—' if count == 1 => {
                    if matches_around(&AFTER_TITLE, text, span, 1) {
                        sink.emit(
                            span,
                            "引号或书名号后引出说明的“—”是破折号，应写作“——”。",
                            Some("——".into()),
                        );
                    } else if matches_around(&SUBTITLE, text, span, 31) && subtitled(text, span, 31)
                    {
                        sink.emit(
                            span,
                            "标题与副题之间的“—”是破折号，应写作“——”。",
                            Some("——".into()),
                        );
                    }
                }
                _ => {}
            }
        }
    }
}

/// A single `—` that leads from a quoted or titled name to what it is:
/// `“童心向党”—全县首届书法比赛`.
static AFTER_TITLE: Pattern = Pattern::built(|| format!("[”》]—{HAN}"), "—");

/// A title and its subtitle in one pair of quotes or title marks, a single
/// `—` between (`“书香校园—长在红旗下”`); the rule also wants the two
/// together nine characters or more, so `“北京—上海”`, `“新安江—千岛湖”`
/// stay a range. Groups: the title, the subtitle.
static SUBTITLE: Pattern =
    Pattern::built(|| format!("[“《]({HAN}{{3,30}})—({HAN}{{3,30}})[”》]"), "—");

#[cfg(test)]
mod tests {
    use super::*;

    /// The gated patterns answer as their regexes (see `pattern::assert_gate`).
    #[test]
    fn gates_agree_with_the_patterns() {
        use crate::pattern::assert_gate;
        assert_gate(&AFTER_TITLE, &["“童心向党”—全县", "《规划》—纲"]);
        assert_gate(&SUBTITLE, &["“书香校园—长在红旗下”", "《北京—上海》"]);
    }
    use crate::rules::test_util::run;

    fn found(text: &str) -> Vec<(String, Option<String>)> {
        run(&EllipsisDash, text)
    }

    fn one(text: &str, span: &str, fix: Option<&str>) {
        assert_eq!(
            found(text),
            [(span.to_string(), fix.map(String::from))],
            "{text}"
        );
    }

    #[test]
    fn ellipsis_forms() {
        one("开展读书、演讲等活动...", "...", Some("……"));
        one("此处从略。。。后文", "。。。", Some("……"));
        one("此处从略······后文", "······", Some("……"));
        one("此处从略…后文", "…", Some("……"));
        one("此处从略………后文", "………", Some("……"));
    }

    #[test]
    fn dash_forms() {
        one("湖北文化--潜江篇", "--", Some("——"));
        one("湖北文化――潜江篇", "――", Some("——"));
        one("湖北文化－－潜江篇", "－－", Some("——"));
        one("开展“书香校园—长在红旗下”演讲比赛", "—", Some("——"));
        one(
            "参加“红心向党”—达州市首届小学生硬笔书法比赛",
            "—",
            Some("——"),
        );
        one("设立“阅读点亮童年—全县中小学读书月”活动", "—", Some("——"));
        one("观看《大国工匠》—劳模事迹专题片", "—", Some("——"));
    }

    #[test]
    fn quiet_on_correct_forms() {
        for ok in [
            "2021年—2023年,我县共谋划建设",
            "3—11周岁适龄学生",
            "师生比1∶8—1∶10的比例",
            "2023年1月—6月,开展活动",
            "每班配备专职教师2—2.5名",
            "《湖北文化——潜江篇》",
            "1所民办学校——清华艺友实验学校",
            "此处从略……后文",
            "《3-6岁儿童学习与发展指南》",
            "“VEX-IQ机器人”",
            "规划(2017-2035)",
            "详见http://a.cn/x...y--z",
            "version 1.2...3 -- ok",
            "公用经费的8%-10%",
            // 一字线 as a connector (GB/T 15834 4.13.3.2): places, parties, steps.
            "开通北京—上海专线",
            "承办中国—东盟职业教育交流周，推进东江—韩江流域协作",
            "共建“赣州—深圳”职教联盟",
            "形成“备课—上课—反思—改进”闭环",
            "构建“家庭—学校—社会”协同育人格局",
            "落实“县—乡—村”三级控辍责任",
            "推动“校—企”双元育人",
            "打造“产教—科教”融合平台",
            "“十四五”—“十五五”衔接",
            "",
        ] {
            assert!(found(ok).is_empty(), "{ok}: {:?}", found(ok));
        }
    }
}
