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
//! **Not flagged.** Equal values; different settings: different years
//! (`2019年巩固率…`, `2020年巩固率…`, named in the sentence, in the sentence
//! that opens the paragraph — `到2025年，…` — or in the headings above:
//! `一、2024年工作回顾` / `二、2025年重点任务`), or a target against a result
//! (`力争…`, `计划…`, `到2025年…`, a heading over plans such as `下一步工作
//! 打算`); different qualifiers (`小学巩固率` vs `初中巩固率`); different
//! things counted that begin alike (`川渝共建重点项目` / `川渝毗邻地区合作
//! 平台`: the first three characters of one must be read, in order, in the
//! other, as `普惠园` is in `普惠性幼儿园`); two values in one paragraph
//! (two subjects side by side); changes, ranges, approximations, figures
//! in lists and counts of the items just listed (`…等6个方面`); generic
//! nouns (`所学校`, `家企业`, `条措施`), where two different counts are
//! normal. Info only: the two may measure different things.
//!
//! **Follows** the evaluation indicator system (one value per indicator).

use std::sync::LazyLock;

use regex::Regex;

use crate::context::Context;
use crate::figures::{Figure, Kind};
use crate::finding::{Category, Severity};
use crate::outline::Level;
use crate::pattern::Pattern;
use crate::rules::{FigureRule, Meta, Sink, WithFigures};
use crate::text::{is_han, HAN};

use super::common::{ahead, back, label_before, verb_before};

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
    "举措", "义务", "乡村", "乡镇", "人次", "企业", "余人", "余名", "余所", "公办", "具体", "农村",
    "初中", "区县", "区级", "单位", "县区", "县级", "名学", "名教", "困难", "国家", "在园", "在校",
    "场次", "城区", "多个", "大班", "大类", "学校", "学生", "家庭", "小学", "市县", "市级", "年级",
    "幼儿", "所学", "批次", "措施", "教学", "教师", "文件", "新增", "新建", "方面", "普通", "次会",
    "残疾", "民办", "测评", "班级", "留守", "省级", "类特", "老师", "课时", "适龄", "部门", "重点",
    "问题", "项目", "高中",
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

/// A change verb right after a figure: the figure is the old value.
static CHANGE_AFTER: Pattern = Pattern::new(
    r"^(?:增加|减少|增长|下降|提高|提升|降低|上升|降至|增至|减至|到|至)",
    "增加|减少|增长|下降|提高|提升|降低|上升|降至|增至|减至|到|至",
);

/// A year named in a heading (`一、2024年工作回顾`, `二、2025年重点任务`).
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)[0-9]{2})年").expect("pattern"));

/// Words before a figure in its sentence that make it a target, not a
/// result: `到2025年…达到75%`, `力争…`, `计划新建…`.
static TARGET: Pattern = Pattern::new(
    r"(?:到|至)(?:19|20)[0-9]{2}年|力争|争取|预计|预期|计划|目标(?:是|为)|确保",
    "到19|到20|至19|至20|力争|争取|预计|预期|计划|目标是|目标为|确保",
);

/// A heading over plans, not results: `二、2025年重点任务`, `三、下一步工作打算`.
static PLAN_HEADING: Pattern = Pattern::new(
    r"(?:工作|重点|主要)(?:任务|安排)|下一步|打算|工作思路|总体要求|预期目标|目标任务",
    "工作任务|工作安排|重点任务|重点安排|主要任务|主要安排|下一步|打算|工作思路|总体要求|预期目标|目标任务",
);

/// A heading over results, whatever else it names: `目标任务完成情况`.
static RESULT_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"完成情况|回顾|成效|成绩").expect("pattern"));

/// The thing a count counts: the Han characters after its unit, up to a
/// `的` (`普惠园的认定` → `普惠园`), at most ten.
static COUNTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^(?:{HAN}){{1,10}}")).expect("pattern"));

/// A mention seen earlier: the figure, its line, its indicator name, the
/// thing it counts, and its setting.
type Mention<'f> = (&'f Figure, usize, Option<String>, Option<String>, Setting);

/// When and how a figure is stated: the years it is about (named in its
/// sentence, else in the headings it stands under) and whether it is a
/// target. Two mentions of one indicator in different settings are two
/// values by right (last year's result and this year's task).
#[derive(Debug, Clone, PartialEq)]
struct Setting {
    years: Vec<u32>,
    target: bool,
}

impl Setting {
    fn compatible(&self, other: &Setting) -> bool {
        // `2022年、2023年…` and `2023年…` share a year.
        let years_ok = self.years.is_empty()
            || other.years.is_empty()
            || self.years.iter().any(|y| other.years.contains(y));
        years_ok && self.target == other.target
    }
}

/// Whether two things counted are the same: the first three characters of
/// one, read in order within the other, allowing left-out characters
/// (`普惠园` in `普惠性幼儿园`, `名校集团` in `名校教育集团`): an
/// abbreviation. `川渝毗邻地区…` and `川渝共建重点项目` are not.
fn abbreviates(a: &str, b: &str) -> bool {
    let within = |short: &str, long: &str| {
        let mut long = long.chars();
        short.chars().take(3).all(|c| long.any(|l| l == c))
    };
    within(a, b) || within(b, a)
}

/// The setting each line's headings give it: the years named in the
/// innermost chapter (`一、`) and section (`（一）`) above the line, and
/// whether either is a heading over plans.
fn heading_settings(cx: &Context) -> HeadingSettings {
    let text = cx.doc.text;
    let n = cx.doc.lines().len();
    let title_of = |h: &crate::outline::Heading| text.get(h.title.start..h.title.end).unwrap_or("");
    // Each title is read once (a chapter's, not again for each of its
    // sections): the patterns' engine costs some 150 instructions a byte.
    let of_title = |t: &str| Setting {
        years: if t.contains('年') {
            YEAR.captures_iter(t)
                .filter_map(|c| c.get(1)?.as_str().parse().ok())
                .collect()
        } else {
            Vec::new()
        },
        target: PLAN_HEADING.is_match(t) && !RESULT_HEADING.is_match(t),
    };
    let setting = |chapter: &Setting, section: &Setting| {
        let mut years = [chapter.years.as_slice(), section.years.as_slice()].concat();
        years.sort_unstable();
        years.dedup();
        Setting {
            years,
            target: chapter.target || section.target,
        }
    };
    let none = Setting {
        years: Vec::new(),
        target: false,
    };
    let (mut chapter, mut section) = (none.clone(), none.clone());
    let mut out = HeadingSettings {
        settings: vec![setting(&none, &none)],
        from: vec![0],
        lines: n,
    };
    let mut headings = cx.outline.headings.iter().peekable();
    // The headings line by line (those of a line at once), in order.
    while let Some(line) = headings.peek().map(|h| h.line).filter(|&l| l < n) {
        let mut changed = false;
        while let Some(h) = headings.next_if(|h| h.line <= line) {
            match h.level {
                Level::Chapter => {
                    chapter = of_title(title_of(h));
                    section = none.clone();
                    changed = true;
                }
                Level::Section => {
                    section = of_title(title_of(h));
                    changed = true;
                }
                _ => {}
            }
        }
        if changed {
            out.settings.push(setting(&chapter, &section));
            out.from.push(line);
        }
    }
    out
}

/// The settings headings give, each with the first line it holds for (it
/// holds up to the next one's): nothing kept per line.
struct HeadingSettings {
    settings: Vec<Setting>,
    from: Vec<usize>,
    /// How many lines the document has.
    lines: usize,
}

impl HeadingSettings {
    fn of_line(&self, line: usize) -> Option<&Setting> {
        if line >= self.lines {
            return None;
        }
        let k = self.from.partition_point(|&l| l <= line);
        self.settings.get(k.checked_sub(1)?)
    }
}

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
    (is_han(a) && is_han(b) && GENERIC.binary_search(&noun).is_err() && !CHANGE.is_match(noun))
        .then(|| noun.to_string())
}

/// A change that follows a count (`由96人增加到152人`, `1152人增加134人`):
/// a verb, not the thing counted, so it names no indicator.
static CHANGE: Pattern = Pattern::new(
    r"^(?:增加|减少|提高|降低|下降|增长|上升|达到|降至|增至|减至|提升|扩大|缩小|调整)$",
    "增加|减少|提高|降低|下降|增长|上升|达到|降至|增至|减至|提升|扩大|缩小|调整",
);

/// The thing `f` counts, as far as [`COUNTED`] reads it.
fn counted_phrase(text: &str, f: &Figure) -> String {
    let after = text.get(f.span.end..).unwrap_or("");
    let run = COUNTED.find(after).map_or("", |m| m.as_str());
    run.split('的').next().unwrap_or("").to_string()
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
    // `较2022年的1152人增加134人`, `由96人增加到152人`: the old value of a change.
    if CHANGE_AFTER.is_match(
        text.get(f.span.end..ahead(text, f.span.end, 12))
            .unwrap_or(""),
    ) {
        return false;
    }
    let before = text.get(..f.span.start).and_then(|t| t.chars().next_back());
    let after = text.get(f.span.end..).and_then(|t| t.chars().next());
    // `…、…等5个方面`: the count of the items just listed, a set of its own.
    !matches!(before, Some('、' | '等')) && !matches!(after, Some('、' | '和' | '及'))
}

impl FigureRule for Restated {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &WithFigures, sink: &mut Sink) {
        let text = cx.doc.text;
        let figs = &cx.figures;
        let headings = heading_settings(cx);
        // Years named in each sentence: the years, and the sentence of
        // each (in order; only sentences that name one are in it).
        let (mut year_sentence, mut years): (Vec<usize>, Vec<u32>) = (figs.list.iter())
            .filter(|f| f.kind == Kind::Year && f.sentence < figs.sentences.len())
            .map(|f| (f.sentence, f.value as u32))
            .unzip();
        if !year_sentence.is_sorted() {
            let mut both: Vec<(usize, u32)> = year_sentence.into_iter().zip(years).collect();
            both.sort_by_key(|y| y.0);
            (year_sentence, years) = both.into_iter().unzip();
        }
        let years_of = |sentence: usize| {
            let a = year_sentence.partition_point(|&s| s < sentence);
            let b = year_sentence.partition_point(|&s| s <= sentence);
            years.get(a..b).unwrap_or_default()
        };
        // The years a paragraph's first sentence names (`到2025年，…`)
        // hold for its later sentences.
        let lead_years = |line: usize| {
            let start = cx.doc.lines().get(line)?.start;
            let first = figs.sentences.partition_point(|s| s.start < start);
            let s = figs.sentences.get(first)?;
            (cx.doc.line_index(s.start) == line).then(|| years_of(first))
        };
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
            let sentence_start = figs.sentences.get(f.sentence).map_or(0, |s| s.start);
            let heading = headings.of_line(line);
            let setting = Setting {
                years: [
                    Some(years_of(f.sentence)),
                    lead_years(line),
                    heading.map(|h| h.years.as_slice()),
                ]
                .into_iter()
                .flatten()
                .find(|y| !y.is_empty())
                .unwrap_or_default()
                .to_vec(),
                target: heading.is_some_and(|h| h.target)
                    || TARGET.is_match(
                        text.get(sentence_start.max(back(text, f.span.start, 120))..f.span.start)
                            .unwrap_or(""),
                    ),
            };
            let phrase = matches!(key, Key::Counted(..)).then(|| counted_phrase(text, f));
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
            let clash = seen.iter().find(|(g, _, g_name, g_phrase, g_setting)| {
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
                let phrases_ok = match (g_phrase, &phrase) {
                    (Some(a), Some(b)) => abbreviates(a, b),
                    _ => true,
                };
                // Two values of one name in one paragraph are of two
                // subjects (`甲项目完成率119%，乙项目完成率129%`).
                let lines_ok = cx.doc.line_index(g.span.start) != line;
                names_ok
                    && phrases_ok
                    && lines_ok
                    && g_setting.compatible(&setting)
                    && g.sentence != f.sentence
                    && g.base() != f.base()
            });
            if let Some(&(g, gline, ..)) = clash {
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
                seen.push((f, line, own_name, phrase, setting));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The gated patterns answer as their regexes (see `pattern::assert_gate`).
    #[test]
    fn gates_agree_with_the_patterns() {
        use crate::pattern::assert_gate;
        assert_gate(
            &TARGET,
            &[
                "到2025年达到95%，力争、争取、预计预期",
                "至1998年计划目标是目标为确保到202",
                "达到98%，至今目标任务",
            ],
        );
        assert_gate(
            &PLAN_HEADING,
            &[
                "二、2025年工作任务和重点安排",
                "主要任务主要安排下一步打算",
                "工作思路总体要求预期目标目标任务",
                "一、2024年工作回顾",
            ],
        );
        assert_gate(
            &CHANGE_AFTER,
            &["增加减少增长下降提高提升", "降低上升降至增至减至到至人"],
        );
        assert_gate(
            &CHANGE,
            &["增加", "达到", "调整", "扩大缩小", "学位", "提升"],
        );
    }
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
    fn results_restated_under_one_year() {
        let t = "一、2023年工作回顾\n（一）学前教育\n全年认定18所普惠性幼儿园。\n（二）资源配置\n新认定的21所普惠园全部挂牌。";
        assert_eq!(spans(&Restated, t), ["21所"]);
        let t = "一、2023年工作情况\n全年认定18所普惠性幼儿园。\n二、2022年、2023年重点工作落实情况\n认定21所普惠性幼儿园。";
        assert_eq!(spans(&Restated, t), ["21所"], "headings that share a year");
        let t = "到2025年，全县学前教育普及率达到95%。\n一、主要工作\n全县学前教育普及率达到98%。";
        assert_eq!(
            spans(&Restated, t),
            Vec::<String>::new(),
            "a target and a state"
        );
    }

    #[test]
    fn a_change_after_a_count_names_no_indicator() {
        let text = "2023年本科上线1286人，较2022年的1152人增加134人。\n\
                    专任教师中研究生学历的由2020年的96人增加到2023年的152人。\n";
        assert!(
            spans(&Restated, text).is_empty(),
            "{:?}",
            spans(&Restated, text)
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
            // Last year's result and this year's task, by headings or words.
            "一、2023年工作回顾\n全年认定18所普惠性幼儿园。\n二、2024年工作安排\n认定25所普惠性幼儿园。",
            "一、主要工作\n认定了18所普惠性幼儿园。\n三、下一步工作打算\n再认定25所普惠性幼儿园。",
            "一、主要工作\n认定了18所普惠性幼儿园。\n力争全年认定25所普惠性幼儿园。",
            // A year that opens a paragraph holds for its later sentences.
            "到2025年，学前教育更加普惠。全县学前教育普及率达到95%。\n到2027年，学前教育优质发展。全县学前教育普及率达到98%。",
            // The count of the items just listed.
            "围绕课程、师资、评价等6个方面制定办法。\n从教学常规、作业管理等4个方面开展督导。",
            // Different things that begin alike; measures of two packages.
            "建成12个城乡学校共同体。\n组建5个城乡教研联盟。",
            "出台支持学前教育发展12条措施。\n印发加强师德师风建设8条措施。",
            // Two subjects in one paragraph.
            "县直项目完成投资2.1亿元，资金执行率98%。乡镇项目完成投资0.8亿元，资金执行率91%。",
            // Old values of changes.
            "2023年本科上线1286人，较2022年的1152人增加134人。\n研究生学历教师由2020年的96人增加到2023年的152人。",
        ] {
            assert!(
                spans(&Restated, t).is_empty(),
                "{t}: {:?}",
                findings(&Restated, t)
            );
        }
    }
}
