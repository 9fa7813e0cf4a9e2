//! Small .docx files written in the tests: a zip of hand-written parts.
#![allow(dead_code)]

use report_check::docx::zip::Writer;

pub const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// A .docx with `body` (the content of `w:body`) and optional parts:
/// (`styles`, `numbering`, `footer`) as the inside of their root elements.
pub struct Parts<'a> {
    pub body: &'a str,
    pub styles: Option<&'a str>,
    pub numbering: Option<&'a str>,
    pub footer: Option<&'a str>,
    /// The inside of `a:fontScheme` of theme1.xml.
    pub theme: Option<&'a str>,
}

impl<'a> Parts<'a> {
    pub fn body(body: &'a str) -> Self {
        Parts {
            body,
            styles: None,
            numbering: None,
            footer: None,
            theme: None,
        }
    }
}

pub fn build(p: &Parts) -> Vec<u8> {
    let mut w = Writer::default();
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let mut extra: Vec<(String, String)> = Vec::new();
    for (i, (kind, name, root, content)) in [
        ("styles", "styles.xml", "w:styles", p.styles),
        ("numbering", "numbering.xml", "w:numbering", p.numbering),
        ("footer", "footer1.xml", "w:ftr", p.footer),
        ("theme", "theme/theme1.xml", "a:theme", p.theme),
    ]
    .into_iter()
    .enumerate()
    {
        let Some(content) = content else { continue };
        let ct = match kind {
            "styles" => "wordprocessingml.styles",
            "numbering" => "wordprocessingml.numbering",
            "theme" => "theme",
            _ => "wordprocessingml.footer",
        };
        types.push_str(&format!(
            r#"<Override PartName="/word/{name}" ContentType="application/vnd.openxmlformats-officedocument.{ct}+xml"/>"#
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{name}"/>"#,
            i + 1
        ));
        let content = if kind == "theme" {
            format!(
                r#"<a:themeElements><a:fontScheme name="x">{content}</a:fontScheme></a:themeElements>"#
            )
        } else {
            content.to_string()
        };
        let ns = if kind == "theme" {
            r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main""#
        } else {
            W
        };
        extra.push((
            format!("word/{name}"),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{root} {ns}>{content}</{root}>"#
            ),
        ));
    }
    types.push_str("</Types>");
    rels.push_str("</Relationships>");
    w.add("[Content_Types].xml", types.as_bytes(), 0, 0x21);
    w.add(
        "_rels/.rels",
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        0,
        0x21,
    );
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{}</w:body></w:document>"#,
        p.body
    );
    w.add("word/document.xml", doc.as_bytes(), 0, 0x21);
    w.add("word/_rels/document.xml.rels", rels.as_bytes(), 0, 0x21);
    for (name, content) in extra {
        w.add(&name, content.as_bytes(), 0, 0x21);
    }
    w.finish()
}

/// A paragraph of one run; `ppr` and `rpr` are the insides of `w:pPr`/`w:rPr`.
pub fn para(ppr: &str, rpr: &str, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#
    )
}

/// A paragraph numbered `num` at level `ilvl`.
pub fn numbered(num: u32, ilvl: u32, text: &str) -> String {
    para(
        &format!(r#"<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>"#),
        "",
        text,
    )
}

/// A level of an abstract list.
pub fn lvl(ilvl: u32, fmt: &str, text: &str, extra: &str) -> String {
    format!(
        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{extra}<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>"#
    )
}
