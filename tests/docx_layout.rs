//! The `layout/…` rules on small .docx files written here: a file laid
//! out as GB/T 9704 asks raises none; each fault raises its rule.

#[path = "common/docx.rs"]
mod build;

use build::{build, para, Parts};
use report_check::finding::Scope;
use report_check::{check, check_docx, Category, Profile};

struct Layout<'a> {
    defaults_rpr: &'a str,
    /// The Normal style's run properties.
    normal_rpr: &'a str,
    defaults_ppr: &'a str,
    title_rpr: &'a str,
    h1_rpr: &'a str,
    h2_rpr: &'a str,
    sect: &'a str,
    footer: Option<&'a str>,
}

const PAGE_FOOTER: &str = r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">— </w:t></w:r><w:fldSimple w:instr=" PAGE \* MERGEFORMAT "><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>1</w:t></w:r></w:fldSimple><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve"> —</w:t></w:r></w:p>"#;

/// GB/T 9704: A4, 天头 37 mm (2098 twips), 订口 28 mm (1588), right 26 mm
/// (1474), bottom 35 mm (1984); 仿宋 三号, exact 28 pt, indent 2 chars.
const GOOD: Layout = Layout {
    defaults_rpr: r#"<w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/>"#,
    normal_rpr: "",
    defaults_ppr: r#"<w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/>"#,
    title_rpr: r#"<w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/>"#,
    h1_rpr: r#"<w:rFonts w:eastAsia="黑体"/>"#,
    h2_rpr: r#"<w:rFonts w:eastAsia="楷体_GB2312"/>"#,
    sect: r#"<w:sectPr><w:footerReference w:type="default" r:id="rId3"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>"#,
    footer: Some(PAGE_FOOTER),
};

fn report(l: &Layout) -> Vec<u8> {
    report_with_theme(l, None)
}

fn report_with_theme(l: &Layout, theme: Option<&str>) -> Vec<u8> {
    let styles = format!(
        r#"<w:docDefaults><w:rPrDefault><w:rPr>{}</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>{}</w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:rPr>{}</w:rPr></w:style>"#,
        l.defaults_rpr, l.defaults_ppr, l.normal_rpr
    );
    let centre = r#"<w:jc w:val="center"/><w:ind w:firstLineChars="0" w:firstLine="0"/>"#;
    let right = r#"<w:jc w:val="right"/>"#;
    let body = [
        para(
            centre,
            l.title_rpr,
            "柳溪县人民政府关于履行教育职责情况的自评报告",
        ),
        para(
            "",
            "",
            "根据省政府教育督导委员会办公室的通知要求，现将我县履行教育职责情况报告如下。",
        ),
        para("", l.h1_rpr, "一、基本情况"),
        para(
            "",
            "",
            "全县共有各级各类学校五十二所，在校学生三万一千余人，专任教师两千四百余人。",
        ),
        para("", l.h2_rpr, "（一）组织领导"),
        para(
            "",
            "",
            "县委县政府每年专题研究教育工作，把教育列入乡镇和部门年度考核内容。",
        ),
        para(
            "",
            "",
            "1.健全机制。成立由县长任组长的教育工作领导小组，定期召开会议研究解决问题。",
        ),
        para(right, "", "柳溪县人民政府"),
        para(right, "", "2025年3月20日"),
        l.sect.to_string(),
    ]
    .concat();
    build(&Parts {
        styles: Some(&styles),
        footer: l.footer,
        theme,
        ..Parts::body(&body)
    })
}

fn layout_findings(bytes: &[u8]) -> Vec<(String, String)> {
    let r = check_docx(bytes, &Profile::default()).unwrap();
    r.report
        .findings
        .iter()
        .filter(|f| f.category == Category::Layout)
        .map(|f| (f.rule.to_string(), f.message.clone()))
        .collect()
}

#[test]
fn a_gbt_9704_file_raises_no_layout_finding() {
    let found = layout_findings(&report(&GOOD));
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_grid_of_22_lines_instead_of_exact_spacing_is_right_too() {
    let l = Layout {
        defaults_ppr: r#"<w:ind w:firstLineChars="200"/>"#,
        ..GOOD
    };
    let found = layout_findings(&report(&l));
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn each_fault_raises_its_rule() {
    let cases: [(Layout, &str, &str); 9] = [
        (
            Layout {
                sect: r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>"#,
                ..GOOD
            },
            "layout/page",
            "天头（上白边）应为 37 mm，本文件为 25.4 mm",
        ),
        (
            Layout {
                sect: r#"<w:sectPr><w:pgSz w:w="12240" w:h="15840"/></w:sectPr>"#,
                ..GOOD
            },
            "layout/page",
            "纸张应为 A4（210×297 mm）：本文件为 215.9×279.4 mm",
        ),
        (
            Layout {
                footer: None,
                ..GOOD
            },
            "layout/page-number",
            "页脚没有页码",
        ),
        (
            Layout {
                footer: Some(
                    r#"<w:p><w:fldSimple w:instr="PAGE"><w:r><w:rPr><w:sz w:val="21"/></w:rPr><w:t>1</w:t></w:r></w:fldSimple></w:p>"#,
                ),
                ..GOOD
            },
            "layout/page-number",
            "页码应为四号（14 磅）：本文件页码为五号（10.5 磅）",
        ),
        (
            Layout {
                title_rpr: r#"<w:rFonts w:eastAsia="宋体"/><w:b/><w:sz w:val="36"/>"#,
                ..GOOD
            },
            "layout/title",
            "标题应为二号（22 磅）小标宋：此处字体为“宋体”，字号为小二（18 磅）",
        ),
        (
            Layout { h1_rpr: "", ..GOOD },
            "layout/heading-font",
            "一级标题应为黑体：此处为“仿宋_GB2312”",
        ),
        (
            Layout {
                defaults_rpr: r#"<w:rFonts w:eastAsia="仿宋"/><w:sz w:val="28"/>"#,
                ..GOOD
            },
            "layout/body-font",
            "正文应为三号（16 磅）仿宋：此段字号为四号（14 磅）",
        ),
        (
            Layout {
                defaults_ppr: r#"<w:spacing w:line="360" w:lineRule="auto"/><w:ind w:firstLineChars="200"/>"#,
                sect: r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:gutter="0"/></w:sectPr>"#,
                ..GOOD
            },
            "layout/line-spacing",
            "此段行距为 1.5 倍行距，没有文档网格",
        ),
        (
            Layout {
                defaults_ppr: r#"<w:spacing w:line="560" w:lineRule="exact"/>"#,
                ..GOOD
            },
            "layout/indent",
            "正文段落首行应缩进 2 字：此段没有首行缩进",
        ),
    ];
    for (layout, rule, says) in cases {
        let found = layout_findings(&report(&layout));
        assert!(
            found.iter().any(|(r, m)| r == rule && m.contains(says)),
            "{rule} / {says}: {found:#?}"
        );
        // Only that rule fires (the title's bold 宋体 also only in its rule).
        assert!(found.iter().all(|(r, _)| r == rule), "{rule}: {found:#?}");
    }
}

#[test]
fn plain_text_gets_no_layout_finding() {
    let text = "柳溪县人民政府关于履行教育职责情况的自评报告\n一、基本情况\n全县共有学校52所。";
    let r = check(text, &Profile::default());
    assert!(r.findings.iter().all(|f| f.category != Category::Layout));
}

#[test]
fn the_profile_sets_every_number() {
    let json = r#"{"layout":{"margin_top_mm":25.4,"margin_left_mm":31.75,"text_width_mm":146.5,"text_height_mm":246.2,"body_size_pt":14,"body_fonts":["仿宋"],"line_spacing_pt":15.6,"lines_per_page":40}}"#;
    let p = Profile::from_json(json).unwrap();
    assert_eq!(p.layout.margin_top_mm, 25.4);
    assert_eq!(p.layout.title_size_pt, 22.0);
    let l = Layout {
        defaults_rpr: r#"<w:rFonts w:eastAsia="仿宋"/><w:sz w:val="28"/>"#,
        defaults_ppr: r#"<w:ind w:firstLineChars="200"/>"#,
        sect: r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="312"/></w:sectPr>"#,
        ..GOOD
    };
    let r = check_docx(&report(&l), &p).unwrap();
    let found: Vec<_> = r
        .report
        .findings
        .iter()
        .filter(|f| f.category == Category::Layout)
        .collect();
    assert!(found.is_empty(), "{found:#?}");
    assert!(Profile::from_json(r#"{"layout":{"margin_top":37}}"#).is_err());
    assert!(Profile::from_json(r#"{"layout":{"margin_top_mm":"37"}}"#).is_err());
}

/// Word's theme fonts: `w:eastAsiaTheme` wins over the `w:eastAsia` name beside
/// it, and names the theme's Hans font; a name on the run wins over both.
#[test]
fn theme_fonts_are_resolved() {
    let theme = r#"<a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/><a:font script="Hans" typeface="等线 Light"/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:font script="Hans" typeface="等线"/></a:minorFont>"#;
    let themed = Layout {
        defaults_rpr: r#"<w:rFonts w:eastAsia="仿宋_GB2312" w:eastAsiaTheme="minorEastAsia"/><w:sz w:val="32"/>"#,
        ..GOOD
    };
    let found = layout_findings(&report_with_theme(&themed, Some(theme)));
    assert!(
        found
            .iter()
            .any(|(r, m)| r == "layout/body-font" && m.contains("字体为“等线”")),
        "{found:#?}"
    );
    // The same theme default, with the body font named in the Normal style: quiet.
    let named = Layout {
        normal_rpr: r#"<w:rFonts w:eastAsia="仿宋_GB2312"/>"#,
        ..themed
    };
    let found = layout_findings(&report_with_theme(&named, Some(theme)));
    assert!(found.is_empty(), "{found:#?}");
}

/// Page size, margins and page numbers are about the whole file: notes
/// (scope document), listed apart by the page; the paragraph rules mark
/// their paragraphs.
#[test]
fn page_findings_are_document_notes_and_paragraph_ones_are_not() {
    let bytes = report(&Layout {
        sect: r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:gutter="0"/></w:sectPr>"#,
        footer: None,
        normal_rpr: r#"<w:rFonts w:eastAsia="宋体"/>"#,
        ..GOOD
    });
    let r = check_docx(&bytes, &Profile::default()).unwrap();
    let scope = |rule: &str| {
        let f = r
            .report
            .findings
            .iter()
            .find(|f| f.rule == rule)
            .unwrap_or_else(|| panic!("{rule}: {:#?}", r.report.findings));
        (f.scope, f.span)
    };
    for rule in ["layout/page", "layout/page-number"] {
        assert_eq!(scope(rule).0, Scope::Document, "{rule}");
    }
    let (s, span) = scope("layout/body-font");
    assert_eq!(s, Scope::Place);
    // The paragraph's text, all of it.
    assert!(r.docx.lines.iter().any(|l| l.span == span), "{span:?}");
}
