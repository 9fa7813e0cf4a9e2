//! `figures/restated`: one indicator stated twice in a report with different values.
//!
//! **What it checks.** Within one report (a compilation's `篇一`, `篇二`… are
//! separate reports), two mentions of the same indicator:
//! - a named rate or degree before the figure (`压减率98.5%` … `压减率80%`,
//!   `满意度为79.62分` … `总满意度为7.962分`), or
//! - a count followed by the same kind of thing (`认定了33所普惠性幼儿园` …
//!   `完成了32所普惠园的认定`, `10大名校集团` … `16大名校教育集团`),
//!
//! in sentences that do not name different years. One finding, on the later
//! mention, whose message names the earlier line.
//!
//! **Why it matters.** A reviewer who reads two values for one indicator
//! trusts neither.
//!
//! **Example.** `学科类校外培训机构压减率98.5%` (line 83) and `实现了压减率80%
//! 的目标` (line 157).
//!
//! **Not flagged.** Equal values; different years (`2019年巩固率…`, `2020年
//! 巩固率…`); different qualifiers (`小学巩固率` vs `初中巩固率`); changes,
//! ranges, approximations, figures in lists; generic nouns (`所学校`, `名教师`),
//! where two different counts are normal. Info only: the two may measure
//! different things.
//!
//! **Follows** the evaluation indicator system (one value per indicator).

use crate::figures::{Figure, Kind};
use crate::finding::{Category, Severity};
use crate::rules::{FigureRule, Meta, Sink, WithFigures};
use crate::text::is_han;

use super::common::{label_before, verb_before};

pub struct Restated;

static META: Meta = Meta {
    id: "figures/restated",
    category: Category::Figure,
    severity: Severity::Info,
    description: "同一指标前后两处数值不一致",
};

/// Words after which an indicator's name starts (`实现了压减率` → `压减率`).
const NAME_CUT: &[char] = &[
    '了', '的', '是', '在', '有', '将', '和', '与', '及', '为', '达', '至',
];

/// Nouns too generic to identify an indicator (`37所学校` and `25所学校` are
/// different sets): the first two characters after the number.
/// Sorted (by bytes), for a binary search.
const GENERIC: &[&str] = &[
    "万元", "专任", "专职", "个乡", "个人", "个学", "个村", "个社", "个街", "个镇", "个问", "中小",
    "义务", "乡村", "乡镇", "人次", "余人", "余名", "余所", "公办", "具体", "农村", "初中", "区县",
    "区级", "单位", "县区", "县级", "名学", "名教", "困难", "国家", "在园", "在校", "场次", "城区",
    "多个", "大班", "大类", "学校", "学生", "家庭", "小学", "市县", "市级", "年级", "幼儿", "所学",
    "批次", "教学", "教师", "文件", "新增", "新建", "普通", "次会", "残疾", "民办", "测评", "班级",
    "留守", "省级", "类特", "老师", "课时", "适龄", "部门", "重点", "问题", "项目", "高中",
];

/// Rate names too general to identify one indicator alone (`覆盖率` of what?):
/// two mentions must carry the same full name.
const GENERIC_RATES: &[&str] = &[
    "覆盖率",
    "入学率",
    "达标率",
    "完成率",
    "合格率",
    "优良率",
    "到位率",
    "普及率",
    "巩固率",
    "利用率",
    "使用率",
    "配备率",
    "接入率",
    "录取率",
    "升学率",
    "检出率",
    "近视率",
    "优秀率",
    "及格率",
    "通过率",
    "参与率",
    "知晓率",
    "满意率",
    "出勤率",
    "执行率",
    "占比",
    "比例",
];

/// A mention seen earlier: the figure, its line, its indicator name.
type Mention<'f> = (&'f Figure, usize, Option<String>);

/// What a figure states, if it names an indicator.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    /// A named rate or degree before the figure (its last three
    /// characters), and the figure's unit.
    Named(String, &'static str),
    /// A count and the first two characters of the thing counted.
    Counted(&'static str, String),
}

fn indicator_name(text: &str, f: &Figure) -> Option<String> {
    let label = label_before(text, f.span.start, 14);
    let name = label.rfind(NAME_CUT).map_or(label, |i| {
        &label[i + label[i..].chars().next().map_or(0, char::len_utf8)..]
    });
    // `总满意度` and `满意度` name the same indicator.
    let name = name.replace('总', "");
    let ok = (name.ends_with('率') || name.ends_with("满意度") || name.ends_with("占比"))
        && name.chars().count() >= 3
        && !name.ends_with("增长率");
    ok.then_some(name)
}

fn counted(text: &str, f: &Figure) -> Option<String> {
    if !f.is_count() {
        return None;
    }
    // The first two chars after the number, both Han.
    let after = text.get(f.span.end..)?;
    let mut chars = after.char_indices();
    let (Some((_, a)), Some((i, b))) = (chars.next(), chars.next()) else {
        return None;
    };
    let noun = &after[..i + b.len_utf8()];
    (is_han(a) && is_han(b) && GENERIC.binary_search(&noun).is_err()).then(|| noun.to_string())
}

/// Whether `f` stands alone (not in a list, a change or a range).
fn standalone(text: &str, f: &Figure) -> bool {
    if f.approx
        || f.range
        || f.quoted
        || f.broken.is_some()
        || verb_before(text, f.span.start).is_some()
    {
        return false;
    }
    let before = text.get(..f.span.start).and_then(|t| t.chars().next_back());
    let after = text.get(f.span.end..).and_then(|t| t.chars().next());
    !matches!(before, Some('、')) && !matches!(after, Some('、' | '和' | '及'))
}

impl FigureRule for Restated {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &WithFigures, sink: &mut Sink) {
        let text = cx.doc.text;
        let figs = &cx.figures;
        // Years named in each sentence.
        let mut years: Vec<Vec<u32>> = vec![Vec::new(); figs.sentences.len()];
        for f in &figs.list {
            if f.kind == Kind::Year {
                if let Some(y) = years.get_mut(f.sentence) {
                    y.push(f.value as u32);
                }
            }
        }
        let part_of = |line: usize| {
            cx.outline
                .parts
                .iter()
                .position(|p| p.lines.contains(&line))
                .unwrap_or(0)
        };
        // First mention of each key, per part: (figure, line).
        // (A Vec kept sorted by key: no map type of its own in the wasm.)
        let mut first: Vec<((usize, Key), Vec<Mention>)> = Vec::new();
        for f in &figs.list {
            if !matches!(f.kind, Kind::Percent | Kind::Score | Kind::Amount) {
                continue;
            }
            // An amount counts things (cheap to tell) before it is asked
            // whether it stands alone.
            let noun = match f.kind {
                Kind::Amount => match counted(text, f) {
                    Some(n) => Some(n),
                    None => continue,
                },
                _ => None,
            };
            if !standalone(text, f) {
                continue;
            }
            let (key, own_name) = match noun {
                None => {
                    let name = indicator_name(text, f);
                    // Keyed by the name's last three characters; qualifiers
                    // are compared below (`小学巩固率` ≠ `初中巩固率`).
                    let key = name
                        .as_deref()
                        .map(|n| Key::Named(crate::text::last_chars(n, 3).to_string(), f.unit));
                    (key, name)
                }
                Some(n) => (Some(Key::Counted(f.unit, n)), indicator_name(text, f)),
            };
            let Some(key) = key else { continue };
            let line = cx.doc.line_index(f.span.start);
            let key = (part_of(line), key);
            let k = match first.binary_search_by(|(k, _)| k.cmp(&key)) {
                Ok(k) => k,
                Err(k) => {
                    first.insert(k, (key, Vec::new()));
                    k
                }
            };
            let Some((_, seen)) = first.get_mut(k) else {
                continue;
            };
            let clash = seen.iter().find(|(g, _, g_name)| {
                let names_ok = match (g_name, &own_name) {
                    (Some(a), Some(b)) => {
                        let short = if a.len() <= b.len() { a } else { b };
                        if GENERIC_RATES.contains(&short.as_str()) {
                            a == b
                        } else {
                            a.ends_with(b.as_str()) || b.ends_with(a.as_str())
                        }
                    }
                    _ => true,
                };
                let lines_ok = matches!(f.kind, Kind::Percent | Kind::Score)
                    || cx.doc.line_index(g.span.start) != line;
                let (ya, yb) = (&years[g.sentence], &years[f.sentence]);
                let years_ok = ya.is_empty() || yb.is_empty() || ya == yb;
                names_ok && lines_ok && years_ok && g.sentence != f.sentence && g.base() != f.base()
            });
            if let Some(&(g, gline, _)) = clash {
                let shown =
                    |x: &Figure| text.get(x.span.start..x.span.end).unwrap_or("").to_string();
                let mut message = format!(
                    "同一指标前后不一致：此处为“{}”，第{}行为“{}”。请核对并统一。",
                    shown(f),
                    gline + 1,
                    shown(g)
                );
                let ratio = g.base() / f.base();
                if (ratio - 10.0).abs() < 1e-9 || (ratio - 0.1).abs() < 1e-9 {
                    message += "两处相差十倍，似为百分制与十分制之别，请注明计分制。";
                }
                sink.emit(f.span, message, None);
                continue;
            }
            // Keys match on the name's tail: keep every name form seen.
            if seen.len() < 8 {
                seen.push((f, line, own_name));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::figures::{findings, spans};

    #[test]
    fn generic_nouns_are_sorted() {
        assert!(GENERIC.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn same_indicator_two_values() {
        let t = "目前,我区学科类校外培训机构压减率98.5%,无证机构关停率100%。\n全区学科类校外培训机构65家减少到13家,实现了压减率80%的目标。";
        let f = findings(&Restated, t);
        assert_eq!(spans(&Restated, t), ["80%"]);
        assert!(f[0].message.contains("第1行为“98.5%”"), "{}", f[0].message);
        let t = "因社会公众对教育工作满意度为79.62分未达标,扣2.2分。\n总满意度为7.962分,省平均值8.206分。";
        let f = findings(&Restated, t);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("十倍"), "{}", f[0].message);
        let t = "2018年认定了33所普惠性幼儿园,普惠率60.3%。\n完成了32所普惠园的认定工作,普惠园占比60%。";
        assert_eq!(spans(&Restated, t), ["32所"]);
        assert_eq!(
            spans(
                &Restated,
                "10大名校集团发挥品牌效应。\n16大名校教育集团充分发挥品牌引领效应。"
            ),
            ["16大"]
        );
    }

    #[test]
    fn different_things_pass() {
        for t in [
            "2019年巩固率为98%。\n2020年巩固率为99%。",
            "小学巩固率为98%。\n初中巩固率为99%。",
            "压减率98.5%。\n压减率98.5%。",
            "全区学校37所。\n新建学校5所。",
            "达标学校37所,较上年度28所增加9所。",
            "法治副校长546名,覆盖率达100%。\n普惠性幼儿园覆盖率达到90%。",
            "毛入学率为139%。\n入学率91.3%。",
            "涉及56所学校87个具体问题事项。6月份,发现8个具体问题事项仍未整改。",
            "学校履行教育职责自查报告篇一\n压减率98%。\n学校履行教育职责自查报告篇二\n压减率80%。",
        ] {
            assert!(
                spans(&Restated, t).is_empty(),
                "{t}: {:?}",
                findings(&Restated, t)
            );
        }
    }
}
