//! A .docx as WPS writes it, built here: numeric style ids, `w:rFonts`
//! with `w:hint="eastAsia"` and only `w:eastAsia` named, 仿宋_GB2312 and
//! 方正小标宋简体, a themed default font, single-level lists per level with
//! chineseCounting (no `w:isLgl`), WPS's own namespaces and parts
//! (`mc:Ignorable`, wpsCustomData, docProps/custom.xml), a document grid of
//! type linesAndChars, and the page number in a text box of the footer
//! (mc:AlternateContent, with its VML fallback), as WPS's 插入页码 makes it.
//! Its text, numbering and layout findings must be those of the page.

use report_check::docx::zip::{Archive, Writer};
use report_check::docx::{self, LineKind};
use report_check::{check_docx, Category, Profile};

const NS: &str = concat!(
    r#"xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" "#,
    r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
    r#"xmlns:o="urn:schemas-microsoft-com:office:office" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:v="urn:schemas-microsoft-com:vml" "#,
    r#"xmlns:w10="urn:schemas-microsoft-com:office:word" "#,
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
    r#"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" "#,
    r#"xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData" "#,
    r#"xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" "#,
    r#"xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" "#,
    r#"mc:Ignorable="w14 w15 wp14""#
);

const XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// What differs between the conformant file and the faulty one.
struct Wps<'a> {
    /// The body's run properties (inside `w:rPr`), as WPS writes them on
    /// every run.
    body_rpr: &'a str,
    /// The Normal style's (id "1") run and paragraph properties.
    normal_rpr: &'a str,
    normal_ppr: &'a str,
    /// The page number's size in half-points.
    page_number_sz: u32,
    /// `w:pgMar`'s attributes.
    margins: &'a str,
    /// `w:docGrid`'s attributes.
    grid: &'a str,
}

/// GB/T 9704 as a WPS 公文 template sets it.
const GOOD: Wps = Wps {
    body_rpr: r#"<w:rFonts w:hint="eastAsia" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>"#,
    normal_rpr: r#"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312"/><w:kern w:val="2"/><w:sz w:val="32"/>"#,
    normal_ppr: r#"<w:widowControl w:val="0"/><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLine="640" w:firstLineChars="200"/><w:jc w:val="both"/>"#,
    page_number_sz: 28,
    margins: r#"w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="1417" w:gutter="0""#,
    // 22 lines of 28 chars.
    grid: r#"w:type="linesAndChars" w:linePitch="579" w:charSpace="-849""#,
};

/// What WPS writes when the drafter keeps its defaults: the themed 宋体
/// (minorEastAsia) at 五号-ish sizes, single line spacing, Word's margins,
/// the page number in 五号.
const DEFAULTS: Wps = Wps {
    body_rpr: r#"<w:rFonts w:hint="eastAsia"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>"#,
    normal_rpr: r#"<w:kern w:val="2"/><w:sz w:val="28"/>"#,
    normal_ppr: r#"<w:widowControl w:val="0"/><w:jc w:val="both"/>"#,
    page_number_sz: 21,
    margins: r#"w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0""#,
    grid: r#"w:type="lines" w:linePitch="312" w:charSpace="0""#,
};

/// A paragraph of runs, each `(rPr, text)`, with `ppr` inside `w:pPr`;
/// WPS closes every pPr with the paragraph mark's rPr.
fn p(ppr: &str, runs: &[(&str, &str)]) -> String {
    let mut s = format!(
        r#"<w:p><w:pPr>{ppr}<w:rPr><w:rFonts w:hint="default" w:eastAsia="仿宋_GB2312"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:pPr>"#
    );
    for (rpr, text) in runs {
        s.push_str(&format!(
            r#"<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#
        ));
    }
    s.push_str("</w:p>");
    s
}

/// Numbered with list `num` at level `ilvl` (WPS: one single-level
/// abstract list per numbering, levels through `w:ilvl`).
fn numbered(num: u32, ilvl: u32) -> String {
    format!(r#"<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>"#)
}

/// The page number in a text box of the footer, as WPS's 插入页码 makes it.
fn footer(sz: u32) -> String {
    let field = format!(
        r#"<w:p><w:pPr><w:pStyle w:val="4"/><w:rPr><w:sz w:val="{sz}"/></w:rPr></w:pPr><w:r><w:rPr><w:sz w:val="{sz}"/></w:rPr><w:t xml:space="preserve">— </w:t></w:r><w:r><w:rPr><w:sz w:val="{sz}"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:rPr><w:sz w:val="{sz}"/></w:rPr><w:instrText xml:space="preserve"> PAGE  \* MERGEFORMAT </w:instrText></w:r><w:r><w:rPr><w:sz w:val="{sz}"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:sz w:val="{sz}"/></w:rPr><w:t>1</w:t></w:r><w:r><w:rPr><w:sz w:val="{sz}"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r><w:r><w:rPr><w:sz w:val="{sz}"/></w:rPr><w:t xml:space="preserve"> —</w:t></w:r></w:p>"#
    );
    format!(
        r##"{XML}<w:ftr {NS}><w:p><w:pPr><w:pStyle w:val="4"/></w:pPr><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="margin"><wp:align>outside</wp:align></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="1828800" cy="1828800"/><wp:wrapNone/><wp:docPr id="1" name="文本框 1"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:bodyPr/><wps:txbx><w:txbxContent>{field}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape id="_x0000_s4097" o:spt="202" type="#_x0000_t202"><v:textbox inset="0mm,0mm,0mm,0mm"><w:txbxContent>{field}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p></w:ftr>"##
    )
}

const TITLE: &str = "柳溪县人民政府关于履行教育职责情况的自评报告";

fn body(w: &Wps) -> String {
    let b = w.body_rpr;
    let h1 = r#"<w:rFonts w:hint="eastAsia" w:eastAsia="黑体"/><w:sz w:val="32"/>"#;
    let h2 = r#"<w:rFonts w:hint="eastAsia" w:eastAsia="楷体_GB2312"/><w:sz w:val="32"/>"#;
    let centre = r#"<w:jc w:val="center"/><w:ind w:firstLine="0" w:firstLineChars="0"/>"#;
    let right = r#"<w:wordWrap w:val="0"/><w:jc w:val="right"/>"#;
    let numbered_p =
        |num: u32, ilvl: u32, rpr: &str, text: &str| p(&numbered(num, ilvl), &[(rpr, text)]);
    [
        p(
            &format!(r#"<w:pStyle w:val="1"/>{centre}<w:spacing w:line="560" w:lineRule="exact"/>"#),
            &[(
                r#"<w:rFonts w:hint="eastAsia" w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/><w:szCs w:val="44"/>"#,
                TITLE,
            )],
        ),
        // WPS keeps an empty line under the title.
        p(centre, &[]),
        p(
            "",
            &[(
                b,
                "根据省政府教育督导委员会办公室的通知要求，现将我县履行教育职责情况报告如下。",
            )],
        ),
        numbered_p(1, 0, h1, "基本情况"),
        p(
            "",
            &[
                (b, "全县共有各级各类学校五十二所，"),
                (b, "在校学生三万一千余人，专任教师两千四百余人。"),
            ],
        ),
        numbered_p(1, 1, h2, "组织领导"),
        p(
            &numbered(1, 2),
            &[(
                b,
                "健全机制。成立由县长任组长的教育工作领导小组，定期召开会议研究解决问题。",
            )],
        ),
        p(
            &numbered(1, 2),
            &[(
                b,
                "落实责任。把教育工作列入乡镇和部门年度考核内容，考核结果与评先评优挂钩。",
            )],
        ),
        numbered_p(1, 1, h2, "经费保障"),
        p(
            "",
            &[(
                b,
                "县财政足额安排教育经费，义务教育学校生均公用经费按省定标准及时拨付到位。",
            )],
        ),
        numbered_p(1, 0, h1, "存在问题"),
        numbered_p(1, 1, h2, "学位仍然紧张"),
        p(
            "",
            &[(
                b,
                "城区学校大班额问题尚未完全消除，部分学校学位供给与入学需求之间仍有差距。",
            )],
        ),
        p(right, &[(b, "柳溪县人民政府")]),
        p(right, &[(b, "2025年3月20日")]),
        format!(
            r#"<w:sectPr><w:footerReference w:type="default" r:id="rId6"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar {}/><w:cols w:space="425" w:num="1"/><w:docGrid {}/></w:sectPr>"#,
            w.margins, w.grid
        ),
    ]
    .concat()
}

/// WPS's list: chineseCounting for 一、 and （一）, decimal for 1., no
/// `w:isLgl`, WPS's `w:tentative`, nsid and tmpl; a second list over the
/// same levels that the file never uses.
fn numbering() -> String {
    let lvl = |ilvl: u32, fmt: &str, text: &str| {
        format!(
            r#"<w:lvl w:ilvl="{ilvl}" w:tentative="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="nothing"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr><w:rPr><w:rFonts w:hint="default"/></w:rPr></w:lvl>"#
        )
    };
    let abs = |id: u32| {
        format!(
            r#"<w:abstractNum w:abstractNumId="{id}"><w:nsid w:val="5F1A2B3{id}"/><w:multiLevelType w:val="multilevel"/><w:tmpl w:val="5F1A2B3{id}"/>{}{}{}</w:abstractNum>"#,
            lvl(0, "chineseCounting", "%1、"),
            lvl(1, "chineseCounting", "（%2）"),
            lvl(2, "decimal", "%3."),
        )
    };
    format!(
        r#"{XML}<w:numbering {NS}>{}{}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#,
        abs(0),
        abs(1),
    )
}

fn styles(w: &Wps) -> String {
    format!(
        r#"{XML}<w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia" w:cstheme="minorBidi"/><w:kern w:val="2"/><w:sz w:val="21"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults><w:latentStyles w:count="260" w:defQFormat="0"><w:lsdException w:name="Normal" w:qFormat="1"/></w:latentStyles><w:style w:type="paragraph" w:default="1" w:styleId="1"><w:name w:val="Normal"/><w:qFormat/><w:uiPriority w:val="0"/><w:pPr>{}</w:pPr><w:rPr>{}</w:rPr></w:style><w:style w:type="character" w:default="1" w:styleId="5"><w:name w:val="Default Paragraph Font"/><w:semiHidden/><w:uiPriority w:val="0"/></w:style><w:style w:type="paragraph" w:styleId="4"><w:name w:val="footer"/><w:basedOn w:val="1"/><w:uiPriority w:val="0"/><w:pPr><w:tabs><w:tab w:val="center" w:pos="4153"/></w:tabs><w:snapToGrid w:val="0"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style></w:styles>"#,
        w.normal_ppr, w.normal_rpr
    )
}

const THEME: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office 主题"><a:themeElements><a:fontScheme name="Office"><a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/><a:cs typeface=""/><a:font script="Hans" typeface="宋体"/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/><a:font script="Hans" typeface="宋体"/></a:minorFont></a:fontScheme></a:themeElements></a:theme>"#;

/// The whole package, with WPS's parts.
fn wps(w: &Wps) -> Vec<u8> {
    let ct = |part: &str, kind: &str| {
        format!(
            r#"<Override PartName="{part}" ContentType="application/vnd.openxmlformats-officedocument.{kind}+xml"/>"#
        )
    };
    let types = format!(
        r#"{XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{}{}{}{}{}{}{}{}</Types>"#,
        ct("/word/document.xml", "wordprocessingml.document.main"),
        ct("/word/styles.xml", "wordprocessingml.styles"),
        ct("/word/numbering.xml", "wordprocessingml.numbering"),
        ct("/word/settings.xml", "wordprocessingml.settings"),
        ct("/word/footer1.xml", "wordprocessingml.footer"),
        ct("/word/theme/theme1.xml", "theme"),
        ct("/docProps/app.xml", "extended-properties"),
        ct("/docProps/custom.xml", "custom-properties"),
    );
    let rel = |id: &str, kind: &str, target: &str| {
        format!(
            r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"/>"#
        )
    };
    let package_rels = format!(
        r#"{XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}{}<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>{}</Relationships>"#,
        rel("rId1", "officeDocument", "word/document.xml"),
        rel("rId2", "extended-properties", "docProps/app.xml"),
        rel("rId4", "custom-properties", "docProps/custom.xml"),
    );
    let doc_rels = format!(
        r#"{XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}{}{}{}{}</Relationships>"#,
        rel("rId1", "styles", "styles.xml"),
        rel("rId2", "settings", "settings.xml"),
        rel("rId3", "theme", "theme/theme1.xml"),
        rel("rId4", "numbering", "numbering.xml"),
        rel("rId6", "footer", "footer1.xml"),
    );
    let document = format!(
        r#"{XML}<w:document {NS}><w:body>{}</w:body></w:document>"#,
        body(w)
    );
    let settings = format!(
        r#"{XML}<w:settings {NS}><w:zoom w:percent="100"/><w:bordersDoNotSurroundHeader w:val="1"/><w:documentProtection w:enforcement="0"/><w:defaultTabStop w:val="420"/><w:drawingGridVerticalSpacing w:val="290"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="14"/></w:compat><w:rsids><w:rsidRoot w:val="00000000"/></w:rsids><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>"#
    );
    let app = format!(
        r#"{XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Template>Normal.dotm</Template><Pages>1</Pages><Application>WPS Office_12.1.0.17147_F1E327BC-269C-435d-A152-05C5408002CA</Application></Properties>"#
    );
    let custom = format!(
        r#"{XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="KSOProductBuildVer"><vt:lpwstr>2052-12.1.0.17147</vt:lpwstr></property><property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="3" name="ICV"><vt:lpwstr>3C1F6B2A8D0E4F5A9B7C6D5E4F3A2B1C_12</vt:lpwstr></property></Properties>"#
    );
    let core = format!(
        r#"{XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>教育局</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2025-03-20T09:00:00Z</dcterms:created></cp:coreProperties>"#
    );
    // WPS's entry order: the parts it writes first come first.
    let mut z = Writer::default();
    for (name, data) in [
        ("[Content_Types].xml", types),
        ("_rels/.rels", package_rels),
        ("docProps/app.xml", app),
        ("docProps/core.xml", core),
        ("docProps/custom.xml", custom),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", doc_rels),
        ("word/footer1.xml", footer(w.page_number_sz)),
        ("word/numbering.xml", numbering()),
        ("word/settings.xml", settings),
        ("word/styles.xml", styles(w)),
        ("word/theme/theme1.xml", THEME.to_string()),
    ] {
        z.add(name, data.as_bytes(), 0x4800, 0x5a74);
    }
    z.finish()
}

fn layout_rules(r: &report_check::DocxReport) -> Vec<(&'static str, String)> {
    r.report
        .findings
        .iter()
        .filter(|f| f.category == Category::Layout)
        .map(|f| (f.rule, f.message.clone()))
        .collect()
}

#[test]
fn wps_text_and_numbering_as_wps_shows_them() {
    let bytes = wps(&GOOD);
    let d = docx::read(&bytes).unwrap();
    let lines: Vec<&str> = d.text.split('\n').collect();
    assert_eq!(
        lines,
        [
            TITLE,
            "",
            "根据省政府教育督导委员会办公室的通知要求，现将我县履行教育职责情况报告如下。",
            "一、基本情况",
            "全县共有各级各类学校五十二所，在校学生三万一千余人，专任教师两千四百余人。",
            "（一）组织领导",
            "1.健全机制。成立由县长任组长的教育工作领导小组，定期召开会议研究解决问题。",
            "2.落实责任。把教育工作列入乡镇和部门年度考核内容，考核结果与评先评优挂钩。",
            "（二）经费保障",
            "县财政足额安排教育经费，义务教育学校生均公用经费按省定标准及时拨付到位。",
            "二、存在问题",
            "（一）学位仍然紧张",
            "城区学校大班额问题尚未完全消除，部分学校学位供给与入学需求之间仍有差距。",
            "柳溪县人民政府",
            "2025年3月20日",
        ]
    );
    assert!(d.lines.iter().all(|l| l.kind == LineKind::Paragraph));
    // The fonts as WPS shows them: the run's East Asian name, the theme's
    // 宋体 nowhere (every run names its font or takes the Normal style's).
    let title = &d.lines[0];
    assert_eq!(d.font(&title.runs[0]), Some("方正小标宋简体"));
    assert_eq!(title.runs[0].size, Some(44));
    let body = &d.lines[4];
    assert_eq!(body.runs.len(), 2);
    assert!(body
        .runs
        .iter()
        .all(|r| d.font(r) == Some("仿宋_GB2312") && r.size == Some(32)));
    assert!(!d.fonts.iter().any(|f| f == "宋体"), "{:?}", d.fonts);
    // The grid and the page number in the footer's text box, read once
    // (the VML fallback is the same box).
    let s = d.sections.last().unwrap();
    assert_eq!(s.grid.as_deref(), Some("linesAndChars"));
    assert_eq!(s.line_pitch, Some(579));
    assert!(d.footer_page_number(), "{:?}", d.parts);
    let footer = d.parts.iter().find(|p| p.kind == "footer").unwrap();
    assert_eq!(footer.page_number_size, Some(28));
    assert_eq!(footer.text.matches('1').count(), 1, "{:?}", footer.text);
}

#[test]
fn a_wps_file_in_gbt_9704_form_raises_no_layout_finding() {
    let bytes = wps(&GOOD);
    let r = check_docx(&bytes, &Profile::default()).unwrap();
    assert_eq!(layout_rules(&r), [], "{:#?}", r.report.findings);
    // The numbering WPS drew reads as a well-formed outline: no numbering
    // finding on its headings.
    let numbering: Vec<_> = r
        .report
        .findings
        .iter()
        .filter(|f| f.category == Category::Numbering)
        .map(|f| (f.rule, &r.docx.text[f.span.start..f.span.end]))
        .collect();
    assert_eq!(numbering, [], "{:#?}", r.report.findings);
}

#[test]
fn a_wps_file_with_wps_defaults_gets_its_layout_findings() {
    let bytes = wps(&DEFAULTS);
    let r = check_docx(&bytes, &Profile::default()).unwrap();
    let found = layout_rules(&r);
    let rules: Vec<&str> = found.iter().map(|(r, _)| *r).collect();
    for rule in [
        "layout/page",
        "layout/page-number",
        "layout/body-font",
        "layout/line-spacing",
        "layout/indent",
    ] {
        assert!(rules.contains(&rule), "{rule}: {found:#?}");
    }
    // Title and headings name their fonts in every run: right as they are.
    assert!(!rules.contains(&"layout/title"), "{found:#?}");
    assert!(!rules.contains(&"layout/heading-font"), "{found:#?}");
    // The body's font is the theme's 宋体 (minorEastAsia), not the
    // paragraph mark's 仿宋_GB2312, at 四号.
    let body = r
        .report
        .findings
        .iter()
        .find(|f| f.rule == "layout/body-font")
        .unwrap();
    assert!(
        body.message.contains("宋体") && body.message.contains("四号"),
        "{}",
        body.message
    );
    let page_number = found
        .iter()
        .find(|(r, _)| *r == "layout/page-number")
        .unwrap();
    assert!(page_number.1.contains("五号"), "{}", page_number.1);
}

/// The annotated copy of a WPS file keeps WPS's own parts byte for byte.
#[test]
fn a_wps_file_annotates_with_its_own_parts_untouched() {
    let bytes = wps(&DEFAULTS);
    let r = check_docx(&bytes, &Profile::default()).unwrap();
    let copy = r.annotate(&bytes).unwrap();
    let (a, b) = (Archive::new(&bytes).unwrap(), Archive::new(&copy).unwrap());
    for name in [
        "docProps/custom.xml",
        "docProps/app.xml",
        "word/footer1.xml",
        "word/numbering.xml",
        "word/styles.xml",
        "word/settings.xml",
    ] {
        let (x, y) = (a.find(name).unwrap(), b.find(name).unwrap());
        assert_eq!(a.raw(x).unwrap(), b.raw(y).unwrap(), "{name}");
    }
    assert_eq!(docx::read(&copy).unwrap().text, r.docx.text);
}
