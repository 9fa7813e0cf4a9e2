//! The figure checks on the real sample reports in `../shared/domain/samples`
//! (next to the repository; CI has it), against the list of computable
//! figures in SPEC.md §c.2: every figure marked ✗ there is flagged, and no
//! figure marked ✓ is. When the samples are absent these tests say so on
//! stderr and check nothing else (under CI they fail).

mod common;

use common::sample;

use report_check::{check, Category, Finding, Profile};

/// A checked sample: its text and its figure and score findings.
struct Checked {
    text: String,
    findings: Vec<Finding>,
}

impl Checked {
    fn new(prefix: &str) -> Option<Checked> {
        let text = sample(prefix)?;
        let findings = check(&text, &Profile::default())
            .findings
            .into_iter()
            .filter(|f| {
                matches!(f.category, Category::Figure | Category::Score)
                    && f.rule != "figures/placeholder"
            })
            .collect();
        Some(Checked { text, findings })
    }

    /// 1-based line number of byte `at`.
    fn line_of(&self, at: usize) -> usize {
        self.text[..at].matches('\n').count() + 1
    }

    fn line_text(&self, line: usize) -> &str {
        self.text.split('\n').nth(line - 1).unwrap_or("")
    }

    /// The findings of `rule` on 1-based `line` whose span text is `span`.
    fn on(&self, line: usize, rule: &str, span: &str) -> Vec<&Finding> {
        self.findings
            .iter()
            .filter(|f| {
                f.rule == rule
                    && self.line_of(f.span.start) == line
                    && &self.text[f.span.start..f.span.end] == span
            })
            .collect()
    }

    /// Asserts that `rule` flags `span` on `line` (a figure SPEC §c.2 marks ✗).
    fn flagged(&self, line: usize, rule: &str, span: &str) -> &Finding {
        let hits = self.on(line, rule, span);
        assert!(
            !hits.is_empty(),
            "L{line}: {rule} should flag «{span}»; figure findings on that line: {:#?}\nline: {}",
            self.findings
                .iter()
                .filter(|f| self.line_of(f.span.start) == line)
                .map(|f| (f.rule, &self.text[f.span.start..f.span.end], &f.message))
                .collect::<Vec<_>>(),
            self.line_text(line)
        );
        hits[0]
    }

    /// Asserts that no figure or score finding touches `needle` on `line`
    /// (a figure SPEC §c.2 marks ✓).
    fn clean(&self, line: usize, needle: &str) {
        let start: usize = self
            .text
            .split_inclusive('\n')
            .take(line - 1)
            .map(str::len)
            .sum();
        let in_line = self.line_text(line).find(needle).unwrap_or_else(|| {
            panic!("L{line}: «{needle}» not in the sample line");
        });
        let (a, b) = (start + in_line, start + in_line + needle.len());
        let bad: Vec<_> = self
            .findings
            .iter()
            .filter(|f| f.span.start < b && f.span.end > a)
            .map(|f| (f.rule, &self.text[f.span.start..f.span.end], &f.message))
            .collect();
        assert!(
            bad.is_empty(),
            "L{line}: «{needle}» is right (✓) but flagged: {bad:#?}"
        );
    }
}

#[test]
fn growth_from_two_amounts() {
    if let Some(s) = Checked::new("000") {
        for line in [143, 283] {
            s.clean(line, "756568万元,比2018年增长5548万元,增长0.74%");
            s.clean(line, "11555.46元,比2018年增加了955.78元,增长9.02%");
            let f = s.flagged(line, "figures/negative-growth", "增长-0.01万元");
            assert_eq!(f.suggestion.as_deref(), Some("减少0.01万元"));
        }
        s.clean(708, "57314.66万元,2021年为57926.181万元,增长1.07%");
        s.clean(859, "62867万元、66256万元、72415万元");
        s.clean(729, "学校37所,较上年度达标28所增加9所,提升幅度32%");
        s.clean(729, "学校25所,较上年度达标23所增加2所,提升幅度为8.7%");
        s.clean(710, "77938元,比公务员年平均工资66892元高11046元");
    }
    if let Some(s) = Checked::new("003") {
        let f = s.flagged(51, "figures/growth-rate", "17.88%");
        assert!(
            f.message
                .contains("77673 ÷ 63787 − 1 = 21.77%，文中为17.88%"),
            "{}",
            f.message
        );
        s.clean(53, "14472.56元");
        s.clean(53, "1.24%");
        s.clean(53, "2.71%");
        s.clean(53, "2.95%");
    }
    if let Some(s) = Checked::new("004") {
        s.clean(8, "74489万元,比上年增加1191万元,增长1.62%");
    }
}

/// The right figures above are really recomputed: change one digit of a
/// stated rate or increment in the real sentence and the checker objects.
#[test]
fn growth_checks_really_run_on_the_sample_sentences() {
    for (sentence, wrong, rule) in [
        ("2019年州直财政一般公共预算教育支出756568万元,比2018年增长5548万元,增长0.84%。", "0.84%", "figures/growth-rate"),
        ("2019年义务教育阶段生均教育事业费11555.46元,比2018年增加了955.78元,增长9.12%。", "9.12%", "figures/growth-rate"),
        ("xx市2020年一般公共预算教育经费为57314.66万元,2021年为57926.181万元,增长1.17%;", "1.17%", "figures/growth-rate"),
        ("2020年小学生均预算内教育事业费为15697.66元,2021年小学生均预算内教育事业费为16123元,同比增长2.61%;", "2.61%", "figures/growth-rate"),
        ("2023年全区一般公共预算教育经费74489万元,比上年增加1191万元,增长1.72%,", "1.72%", "figures/growth-rate"),
        ("2021年生均教学及辅助用房面积达标的学校37所,较上年度达标28所增加8所,提升幅度32%。", "8所", "figures/increment"),
        ("义务教育阶段教师年平均工资77938元,比公务员年平均工资66892元高11146元,", "11146元", "figures/increment"),
    ] {
        let report = check(sentence, &Profile::default());
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.rule == rule && &sentence[f.span.start..f.span.end] == wrong),
            "{sentence}: {:#?}",
            report.findings
        );
    }
}

#[test]
fn parts_and_totals() {
    if let Some(s) = Checked::new("000") {
        for line in [129, 275] {
            s.clean(line, "1380所");
            s.clean(line, "625125人");
        }
        for line in [131, 277] {
            s.clean(
                line,
                "785个(党委1个、党总支32个、单独党支部625个、联合党支部127个)",
            );
        }
        s.clean(
            601,
            "400名残疾儿童入学,其中特殊学校就读142人,随班就读234人,送教上门24人",
        );
        s.clean(705, "83个");
        s.clean(
            717,
            "393人次,其中国家级培训项目45个,386人次;省级培训项目6个,7人次",
        );
        s.clean(721, "公办学校45所");
        let f = s.flagged(721, "figures/parts-total", "3137名");
        assert!(f.message.contains("2342 + 780 = 3122"), "{}", f.message);
        s.clean(724, "280个");
        s.clean(750, "23所");
        s.clean(756, "700余万元");
        s.flagged(893, "figures/parts-total", "2142人");
        s.flagged(893, "figures/parts-total", "21734人");
        let f = s.flagged(893, "figures/parts-total", "1所");
        assert!(f.message.contains("2 + 11 + 1 + 1 = 15"), "{}", f.message);
        s.clean(1007, "58所");
        s.clean(1007, "4169人");
        // 权力清单: one item lost its number; the sum says which (15).
        let f = s.flagged(923, "figures/parts-total", "40项");
        assert!(f.message.contains("应为15项"), "{}", f.message);
        let f = s.flagged(923, "figures/parts-total", "142项");
        assert!(f.message.contains("其和应为60项"), "{}", f.message);
    }
    if let Some(s) = Checked::new("003") {
        s.clean(83, "25所");
        s.clean(133, "13个问题");
    }
    if let Some(s) = Checked::new("004") {
        s.clean(6, "51所");
        s.clean(21, "1538万元");
        let f = s.flagged(8, "figures/respectively", "0.21%、0.12%、0.06%和0.37%");
        assert!(f.message.contains("列举了6项"), "{}", f.message);
        s.clean(55, "41所");
        s.clean(59, "41所");
    }
    if let Some(s) = Checked::new("000") {
        s.clean(708, "1.42%、0.01%、1.43%、4.21%、9.77%");
        s.clean(859, "0.92%、1.01%、23.96%");
    }
}

#[test]
fn lost_digits_and_units() {
    if let Some(s) = Checked::new("000") {
        let f = s.flagged(543, "figures/lost-digit", "5800万");
        assert_eq!(f.suggestion.as_deref(), Some("5800万元"));
        s.flagged(853, "figures/lost-digit", "36.3万");
        s.flagged(907, "figures/lost-digit", "个"); // 党总支个
        s.flagged(915, "figures/lost-digit", "份"); // 印发了份
        s.flagged(923, "figures/lost-digit", "项"); // 行政给付项
        s.flagged(935, "figures/lost-digit", ".4%");
        s.flagged(935, "figures/lost-digit", "44.%");
        s.flagged(949, "figures/lost-digit", "人"); // 均未超过人
        s.flagged(971, "figures/lost-digit", ".3%");
        s.flagged(971, "figures/lost-digit", "1.%");
        // Quoted event dates are not decimals.
        s.clean(543, "“10.26”");
        s.clean(339, "“4.22”");
    }
    if let Some(s) = Checked::new("003") {
        s.flagged(55, "figures/lost-digit", "1400");
    }
}

#[test]
fn percentages_and_percentage_points() {
    if let Some(s) = Checked::new("000") {
        for line in [143, 283] {
            s.flagged(line, "figures/percentage-point", "0.28%");
        }
        s.flagged(657, "figures/percentage-point", "0.18%");
        s.flagged(657, "figures/percentage-point", "0.29%");
        s.flagged(703, "figures/percentage-point", "1%");
        // Model usage, and a legitimate relative change of a share.
        s.clean(1021, "1.25个百分点");
        s.clean(971, "8.49%,比上年增长34.4%");
        // Gross enrolment may exceed 100 %.
        s.clean(577, "毛入学率为139%");
    }
    if let Some(s) = Checked::new("002") {
        let f = s.flagged(23, "figures/percentage-point", "1.5%");
        assert_eq!(f.severity, report_check::Severity::Warning);
    }
    if let Some(s) = Checked::new("003") {
        s.flagged(85, "figures/percentage-point", "8.12%");
        s.flagged(85, "figures/percentage-point", "11.12%");
        s.flagged(133, "figures/percentage-point", "13.49%");
        s.flagged(133, "figures/percentage-point", "7.62%");
        // 65家 → 13家 is a fall of 80 %: only the clash with L83's 98.5 % is reported.
        assert!(s
            .findings
            .iter()
            .filter(|f| s.line_of(f.span.start) == 157)
            .all(|f| f.rule == "figures/restated"));
    }
}

#[test]
fn scores() {
    let Some(s) = Checked::new("003") else { return };
    // Items → groups → 自评总分 99.1 all add up; self ≤ max; 扣除0.9 reconciles.
    assert!(
        s.findings.iter().all(|f| f.rule != "figures/score-sum"),
        "{:#?}",
        s.findings
            .iter()
            .filter(|f| f.rule == "figures/score-sum")
            .collect::<Vec<_>>()
    );
    s.clean(11, "自评总分99.1分");
    s.clean(15, "(权重11分,自评11分)");
    s.clean(87, "(分值2分,自评2分)");
    // Malformed notes (no brackets, no 分).
    s.flagged(51, "figures/score-note", "分值1.5分,自评1.5");
    s.flagged(53, "figures/score-note", "分值1.5分,自评1.5");
    s.flagged(45, "figures/score-note", "(权重26.2分,自评25.3");
    s.flagged(21, "figures/score-note", "分值2分,自评2分)");
    // The sums are really computed on this report: break one figure each.
    for (from, to, rule_span) in [
        ("自评总分99.1分", "自评总分99.6分", "99.6分"),
        ("(分值3分,自评3分)", "(分值3分,自评2分)", "13.5分"),
        ("(分值0.5分,自评0.5分)", "(分值0.5分,自评1分)", "1分"),
        ("此项扣除0.9", "此项扣除1.9", "3.1分"),
    ] {
        let broken = s.text.replacen(from, to, 1);
        let f = check(&broken, &Profile::default());
        assert!(
            f.findings
                .iter()
                .any(|f| f.rule == "figures/score-sum"
                    && &broken[f.span.start..f.span.end] == rule_span),
            "{from} → {to}: {:#?}",
            f.findings
                .iter()
                .filter(|f| f.category == Category::Score)
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn same_figure_stated_twice() {
    if let Some(s) = Checked::new("000") {
        let f = s.flagged(621, "figures/restated", "32所");
        assert!(f.message.contains("第565行为“33所”"), "{}", f.message);
        assert_eq!(f.severity, report_check::Severity::Info);
        let f = s.flagged(1051, "figures/restated", "7.962分");
        assert!(f.message.contains("第1009行为“79.62分”"), "{}", f.message);
        s.clean(1007, "编外待聘教师125人");
        s.clean(1017, "125名");
    }
    if let Some(s) = Checked::new("003") {
        let f = s.flagged(157, "figures/restated", "80%");
        assert!(f.message.contains("第83行为“98.5%”"), "{}", f.message);
        s.clean(35, "200万元");
        s.clean(139, "200万元");
        s.clean(49, "80.84%");
        s.clean(133, "80.84%");
    }
    if let Some(s) = Checked::new("004") {
        let f = s.flagged(51, "figures/restated", "16大");
        assert!(f.message.contains("第43行为“10大”"), "{}", f.message);
    }
}

#[test]
fn differences_and_derived_ratios() {
    let Some(s) = Checked::new("000") else { return };
    s.clean(715, "728人,占比为58.15%");
    s.clean(715, "687人,占比为56.92%");
    s.clean(715, "1:0.98");
    s.clean(715, "74.17%");
    s.clean(577, "9399人");
    let f = s.flagged(577, "figures/share", "47%:53%");
    assert!(f.message.contains("58.2%"), "{}", f.message);
    s.clean(605, "95%");
    s.clean(724, "50.1%");
    s.clean(721, "51名,占比20.3%");
    s.clean(1051, "8.206分");
    let f = s.flagged(897, "figures/share", "90.4%");
    assert!(f.message.contains("7 ÷ 74 = 9.46%"), "{}", f.message);
    // 共189人参加 (1589 with its 5 lost) against 880 + 709 admitted.
    let f = s.flagged(935, "figures/parts-total", "189人");
    assert!(f.message.contains("880 + 709 = 1589"), "{}", f.message);
}

#[test]
fn plausibility_and_unit_forms() {
    if let Some(s) = Checked::new("003") {
        let f = s.flagged(93, "figures/plausibility", "3569间");
        assert_eq!(f.severity, report_check::Severity::Info);
    }
    if let Some(s) = Checked::new("000") {
        s.flagged(951, "figures/plausibility", "18.02万元");
        s.flagged(959, "figures/plausibility", "2.21万元");
        s.flagged(971, "figures/plausibility", "8.93万元");
        s.clean(649, "268间考场,可一次性容纳8040名考生");
        s.clean(1057, "141个");
        s.clean(143, "1.26万元");
        let f = s.flagged(323, "figures/unit-form", "m2");
        assert_eq!(f.suggestion.as_deref(), Some("m²"));
        s.flagged(663, "figures/unit-form", "g");
        // Not checkable (one amount and a rate): left alone.
        s.clean(23, "60010.6万元,较上年增长4.3%");
        s.clean(1021, "54.71%");
        s.clean(897, "92个测评点中有18个测评点");
        s.clean(1009, "自评得分95.8分");
        s.clean(829, "89.5分");
    }
    if let Some(s) = Checked::new("004") {
        s.clean(43, "11节部级精品课,占全市40.7%");
        s.clean(5, "党委3个,党总支30个,党支部146个");
    }
}

/// FALSE-POSITIVES.md §2–§5, §8–§10: figures that look suspicious but are right.
#[test]
fn false_positive_traps_stay_quiet() {
    if let Some(s) = Checked::new("000") {
        for (line, needle) in [
            (715, "小学1:19、初中1:13.5、高中1:12.5"),
            (565, "1∶8—1∶10"),
            (565, "2—2.5名"),
            (979, "8%-10%"),
            (
                770,
                "1000名师生以下的学校配备1名、1000名师生以上的学校配备1至2名",
            ),
            (694, "20余次"),
            (137, "近35000人"),
            (139, "35万人次"),
            (756, "700余万元,其中150万元"),
            (605, "6.7万余人次"),
            (339, "“4.22”"),
            (755, "“四个100%”"),
            (710, "1367.8289万元"),
            (777, "393.1987万元"),
            (708, "57926.181万元"),
            (49, "55人以上的大班额比例降至42.9%"),
            (159, "66人及以上超大班额11个"),
            (657, "(45人/班)"),
            (1025, "1/3强"),
            (1007, "小学41所(含教学点2个)"),
        ] {
            s.clean(line, needle);
        }
    }
    if let Some(s) = Checked::new("003") {
        s.clean(25, "(分值1分,自评1分)");
        s.clean(29, "(分值2分,自评2分)");
        s.clean(131, "(分值1分,自评1分)");
        s.clean(75, "(2021年-2023年)");
    }
    if let Some(s) = Checked::new("004") {
        s.clean(5, "党员2000余名");
        s.clean(21, "1208.9015万元");
        s.clean(22, "5729.81095万元");
        s.clean(59, "2023年1月—6月");
    }
}
