//! The .docx reader on small files written here, and on the 31 real
//! .docx of `../shared/corpus/docx` (CI has them; without CI a missing
//! folder is reported and skipped).

#[path = "common/docx.rs"]
mod build;

mod common;

use build::{build, lvl, numbered, para, Parts};
use report_check::docx::{self, DocxError, LineKind};

fn lines(d: &docx::Docx) -> Vec<&str> {
    d.text.split('\n').collect()
}

/// Four levels: 一、 （一） 1. （1）, deeper levels restarting when a
/// shallower one advances.
const FOUR_LEVELS: &str = "chineseCounting|%1、 chineseCounting|（%2） decimal|%3. decimal|（%4）";

fn abstract_num(id: u32, spec: &str, extra: &[(u32, &str)]) -> String {
    let mut s = format!(r#"<w:abstractNum w:abstractNumId="{id}">"#);
    for (i, l) in spec.split(' ').enumerate() {
        let (fmt, text) = l.split_once('|').unwrap();
        let more = extra
            .iter()
            .filter(|(at, _)| *at == i as u32)
            .map(|(_, x)| *x)
            .collect::<String>();
        s.push_str(&lvl(i as u32, fmt, text, &more));
    }
    s.push_str("</w:abstractNum>");
    s
}

fn num(id: u32, abs: u32, overrides: &str) -> String {
    format!(r#"<w:num w:numId="{id}"><w:abstractNumId w:val="{abs}"/>{overrides}</w:num>"#)
}

#[test]
fn numbering_at_four_levels_with_restarts_and_overrides() {
    let numbering = [
        abstract_num(0, FOUR_LEVELS, &[]),
        // Level 3 restarts only when level 1 advances (w:lvlRestart 1).
        abstract_num(1, FOUR_LEVELS, &[(2, r#"<w:lvlRestart w:val="1"/>"#)]),
        // Legal numbering: 1.1 under 一、.
        abstract_num(
            2,
            "chineseCounting|%1、 decimal|%1.%2",
            &[(1, "<w:isLgl/>")],
        ),
        num(1, 0, ""),
        num(2, 1, ""),
        num(3, 0, r#"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>"#),
        num(
            4,
            0,
            r#"<w:lvlOverride w:ilvl="2"><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%3"/></w:lvl></w:lvlOverride>"#,
        ),
        num(5, 2, ""),
    ]
    .concat();
    let body: String = [
        numbered(1, 0, "总体情况"),
        numbered(1, 1, "组织领导"),
        numbered(1, 2, "健全机制。"),
        numbered(1, 3, "成立领导小组。"),
        numbered(1, 3, "制定实施方案。"),
        numbered(1, 2, "落实经费。"),
        numbered(1, 3, "足额拨付。"),
        numbered(1, 1, "队伍建设"),
        numbered(1, 2, "补充教师。"),
        numbered(1, 0, "存在问题"),
        numbered(1, 1, "短板"),
        para("", "", "正文段落。"),
        numbered(2, 0, "主要做法"),
        numbered(2, 1, "甲"),
        numbered(2, 2, "第一项。"),
        numbered(2, 1, "乙"),
        numbered(2, 2, "第二项接着编号。"),
        numbered(2, 0, "下步打算"),
        numbered(2, 1, "丙"),
        numbered(2, 2, "重新编号。"),
        numbered(3, 0, "从五开始"),
        numbered(4, 2, "圈号"),
        numbered(4, 2, "圈号二"),
        numbered(5, 0, "法规"),
        numbered(5, 1, "第一条"),
        numbered(5, 1, "第二条"),
        // numId 0 removes the numbering.
        numbered(0, 0, "不编号"),
    ]
    .concat();
    let bytes = build(&Parts {
        numbering: Some(&numbering),
        ..Parts::body(&body)
    });
    let d = docx::read(&bytes).unwrap();
    assert_eq!(
        lines(&d),
        [
            "一、总体情况",
            "（一）组织领导",
            "1.健全机制。",
            "（1）成立领导小组。",
            "（2）制定实施方案。",
            "2.落实经费。",
            "（1）足额拨付。",
            "（二）队伍建设",
            "1.补充教师。",
            "二、存在问题",
            "（一）短板",
            "正文段落。",
            "一、主要做法",
            "（一）甲",
            "1.第一项。",
            "（二）乙",
            "2.第二项接着编号。",
            "二、下步打算",
            "（一）丙",
            "1.重新编号。",
            "五、从五开始",
            "①圈号",
            "②圈号二",
            "一、法规",
            "1.1第一条",
            "1.2第二条",
            "不编号",
        ]
    );
    // The label is marked and the run starts after it.
    let l = &d.lines[0];
    assert_eq!(
        &d.text[l.label.unwrap().start..l.label.unwrap().end],
        "一、"
    );
    assert_eq!(
        &d.text[l.runs[0].span.start..l.runs[0].span.end],
        "总体情况"
    );
}

#[test]
fn numbering_from_a_style() {
    let styles = r#"<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="h1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="h2"><w:name w:val="heading 2"/><w:basedOn w:val="h1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>"#;
    let numbering = [
        abstract_num(3, "chineseCounting|%1、 chineseCounting|（%2）", &[]),
        num(7, 3, ""),
    ]
    .concat();
    let h = |s: &str, t: &str| para(&format!(r#"<w:pStyle w:val="{s}"/>"#), "", t);
    let body = [
        h("h1", "基本情况"),
        h("h2", "办学条件"),
        h("h2", "师资队伍"),
        para("", "", "正文。"),
        h("h1", "主要问题"),
        h("h2", "经费"),
    ]
    .concat();
    let d = docx::read(&build(&Parts {
        styles: Some(styles),
        numbering: Some(&numbering),
        ..Parts::body(&body)
    }))
    .unwrap();
    assert_eq!(
        lines(&d),
        [
            "一、基本情况",
            "（一）办学条件",
            "（二）师资队伍",
            "正文。",
            "二、主要问题",
            "（一）经费"
        ]
    );
}

/// Heading styles that give only the list (numId): each list level names
/// its style (w:lvl/w:pStyle), as Word's multilevel heading lists do.
#[test]
fn numbering_levels_bound_to_styles() {
    let styles = r#"<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>"#;
    let numbering = [
        abstract_num(
            4,
            "chineseCounting|%1、 chineseCounting|（%2）",
            &[
                (0, r#"<w:pStyle w:val="1"/>"#),
                (1, r#"<w:pStyle w:val="2"/>"#),
            ],
        ),
        num(2, 4, ""),
    ]
    .concat();
    let h = |s: &str, t: &str| para(&format!(r#"<w:pStyle w:val="{s}"/>"#), "", t);
    let body = [
        h("1", "甲"),
        h("2", "乙"),
        h("2", "丙"),
        h("1", "丁"),
        h("2", "戊"),
    ]
    .concat();
    let d = docx::read(&build(&Parts {
        styles: Some(styles),
        numbering: Some(&numbering),
        ..Parts::body(&body)
    }))
    .unwrap();
    assert_eq!(
        lines(&d),
        ["一、甲", "（一）乙", "（二）丙", "二、丁", "（一）戊"]
    );
}

#[test]
fn tables_tracked_changes_hidden_text_and_footers() {
    let cell = |t: &str| format!("<w:tc>{}</w:tc>", para("", "", t));
    let body = format!(
        r#"{}<w:tbl><w:tr>{}{}</w:tr><w:tr>{}<w:tc>{}{}</w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>全县</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>共有</w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>约</w:delText></w:r></w:del><w:r><w:t>学校</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t xml:space="preserve">52所。</w:t></w:r></w:p>
<w:p><w:r><w:t>甲</w:t></w:r><w:r><w:tab/><w:t>乙&amp;丙</w:t></w:r></w:p>
<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>"#,
        para("", "", "情况表"),
        cell("项目"),
        cell("数量"),
        cell("学校"),
        para("", "", "52"),
        para("", "", "所"),
    );
    let footer = r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#;
    let d = docx::read(&build(&Parts {
        footer: Some(footer),
        ..Parts::body(&body)
    }))
    .unwrap();
    assert_eq!(
        lines(&d),
        [
            "情况表",
            "项目\t数量",
            "学校\t52 所",
            "全县共有学校52所。",
            "甲\t乙&丙"
        ]
    );
    assert_eq!(d.lines[1].kind, LineKind::Row);
    assert_eq!(d.lines[3].kind, LineKind::Paragraph);
    // Paragraph ordinals: the table's paragraphs count.
    assert_eq!(d.lines[3].paragraph, 6);
    // The footer is apart from the body, with its page number.
    assert!(!d.text.contains('1') || !d.text.ends_with('1'));
    assert_eq!(d.parts.len(), 1);
    assert!(d.footer_page_number());
    assert_eq!(d.parts[0].page_number_size, Some(28));
    let s = &d.sections[0];
    assert_eq!(
        (s.width, s.height, s.top, s.left),
        (11906, 16838, 2098, 1588)
    );
    assert_eq!(s.line_pitch, Some(579));
}

#[test]
fn without_numbering_xml_a_numbered_paragraph_is_plain() {
    let d = docx::read(&build(&Parts::body(&numbered(1, 0, "标题")))).unwrap();
    assert_eq!(d.text, "标题");
}

#[test]
fn not_a_docx_gets_a_clear_message() {
    let cases: [(&[u8], &str); 4] = [
        (
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
            "另存为 .docx",
        ),
        ("一、总体情况".as_bytes(), "这不是 .docx 文件"),
        (b"", "这不是 .docx 文件"),
        (b"PK\x03\x04garbage", "文件已损坏"),
    ];
    for (bytes, says) in cases {
        let e = docx::read(bytes).unwrap_err();
        assert!(e.to_string().contains(says), "{e}");
    }
    // A zip without document.xml.
    let mut w = docx::zip::Writer::default();
    w.add("a.txt", b"x", 0, 0);
    assert_eq!(docx::read(&w.finish()).unwrap_err(), DocxError::NoDocument);
}

#[test]
fn a_zip_bomb_stops_at_the_limit() {
    // 80 MB of one byte deflates to about 80 KB.
    let big = vec![b' '; 80 << 20];
    let mut w = docx::zip::Writer::default();
    w.add("word/document.xml", &big, 0, 0);
    let bytes = w.finish();
    assert!(bytes.len() < 1 << 20);
    let e = docx::read(&bytes).unwrap_err();
    assert_eq!(e, DocxError::TooLarge);
    assert!(e.to_string().contains("过大"));
}

// ---- The real files -------------------------------------------------------

fn corpus() -> Option<Vec<(std::path::PathBuf, std::path::PathBuf)>> {
    let root = common::corpus_root();
    let files = common::real_docx()?;
    Some(
        files
            .into_iter()
            .map(|p| {
                let txt = root
                    .join("real-prose")
                    .join(p.with_extension("txt").file_name().unwrap());
                (p, txt)
            })
            .collect(),
    )
}

/// Paragraphs with whitespace removed, empty ones dropped.
fn normalised(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn real_files_read_like_their_text() {
    let Some(files) = corpus() else { return };
    let (mut matched, mut total, mut extra, mut lines) = (0, 0, 0, 0);
    for (docx_path, txt_path) in &files {
        let bytes = std::fs::read(docx_path).unwrap();
        let d = docx::read(&bytes).unwrap_or_else(|e| panic!("{}: {e}", docx_path.display()));
        let Ok(txt) = std::fs::read_to_string(txt_path) else {
            continue;
        };
        let got: std::collections::HashSet<String> = normalised(&d.text).into_iter().collect();
        let want = normalised(&txt);
        let hit = want.iter().filter(|p| got.contains(*p)).count();
        let wanted: std::collections::HashSet<&String> = want.iter().collect();
        extra += got.iter().filter(|p| !wanted.contains(p)).count();
        lines += got.len();
        let rate = hit as f64 / want.len().max(1) as f64;
        eprintln!(
            "{}: {hit}/{} paragraphs ({:.1}%)",
            docx_path.display(),
            want.len(),
            rate * 100.0
        );
        assert!(
            rate > 0.9,
            "{}: only {:.1}% of the paragraphs",
            docx_path.display(),
            rate * 100.0
        );
        matched += hit;
        total += want.len();
        // Every line maps back to its paragraph and runs.
        for l in &d.lines {
            for r in &l.runs {
                assert!(l.span.start <= r.span.start && r.span.end <= l.span.end);
            }
        }
    }
    let rate = matched as f64 / total as f64;
    eprintln!(
        "all: {matched}/{total} paragraphs of the .txt found in the .docx text ({:.2}%); {extra} of {lines} distinct .docx lines not in the .txt",
        rate * 100.0
    );
    assert!(rate > 0.97);
}

#[test]
fn damaged_real_files_never_panic() {
    let Some(files) = corpus() else { return };
    let bytes = std::fs::read(&files[0].0).unwrap();
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    // Truncated at many points.
    for i in 0..60 {
        let at = (bytes.len() * i) / 60;
        let _ = docx::read(&bytes[..at]);
    }
    // Bytes flipped at random places (a few at a time).
    for _ in 0..150 {
        let mut b = bytes.clone();
        for _ in 0..(next() % 4 + 1) {
            let at = (next() as usize) % b.len();
            b[at] ^= (next() % 255 + 1) as u8;
        }
        if let Ok(d) = docx::read(&b) {
            assert!(d.lines.iter().all(|l| l.span.end <= d.text.len()));
        }
    }
}
