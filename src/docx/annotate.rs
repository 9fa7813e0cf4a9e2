//! The annotated copy: each finding as a Word comment (批注) anchored on
//! the runs of its text. Only document.xml, its relationships, the
//! content types and comments.xml change; every other entry of the zip is
//! copied as it was, compressed bytes and all.

use super::zip::{Archive, Writer};
use super::{xml, Docx, DocxError, Line};
use crate::finding::{Finding, Span};

const COMMENTS_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const COMMENTS_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// One comment: where, and what it says.
#[derive(Debug, Clone)]
pub struct Note {
    pub span: Span,
    pub text: String,
}

impl Note {
    /// A finding as a comment: `【版式】message（建议改为“…”）`.
    pub fn of(f: &Finding) -> Note {
        let mut text = format!("【{}】{}", f.category.label(), f.message);
        if let Some(s) = f.suggestion.as_deref().filter(|_| f.occurrences.is_empty()) {
            text.push_str(&format!("（建议改为“{s}”）"));
        }
        Note { span: f.span, text }
    }
}

/// The .docx `bytes` (read as `docx`) with `notes` as comments.
pub fn annotate(bytes: &[u8], docx: &Docx, notes: &[Note]) -> Result<Vec<u8>, DocxError> {
    let zip = Archive::new(bytes)?;
    let main_entry = zip.find(&docx.main).ok_or(DocxError::NoDocument)?;
    let document = zip.read(main_entry, super::zip::ENTRY_LIMIT)?;
    let (dir, file) = docx.main.rsplit_once('/').unwrap_or(("", &docx.main));
    let rels_name = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let read_text = |name: &str| -> Result<Option<String>, DocxError> {
        match zip.find(name) {
            Some(e) => String::from_utf8(zip.read(e, super::zip::ENTRY_LIMIT)?)
                .map(Some)
                .map_err(|_| DocxError::Damaged("XML 编码错误")),
            None => Ok(None),
        }
    };
    let rels = read_text(&rels_name)?.unwrap_or_else(|| {
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>"#.to_string()
    });
    // An existing comments part (the drafter's own comments) is kept and added to.
    let comments_target = super::rels(rels.as_bytes(), "/comments")
        .into_iter()
        .next()
        .map(|(_, t)| t);
    let comments_name = match &comments_target {
        Some(t) if dir.is_empty() => t.clone(),
        Some(t) => format!("{dir}/{t}"),
        None if dir.is_empty() => "comments.xml".to_string(),
        None => format!("{dir}/comments.xml"),
    };
    let old_comments = read_text(&comments_name)?;
    let first_id = old_comments
        .as_deref()
        .map_or(Ok(0), max_comment_id)?
        .max(max_range_id(&document)?);

    // Where each comment starts and ends in document.xml.
    let mut inserts: Vec<(usize, u8, String)> = Vec::new();
    let mut bodies = String::new();
    let mut id = first_id;
    for note in notes {
        let Some((start, end)) = anchor(docx, note.span) else {
            continue;
        };
        id += 1;
        inserts.push((start, 1, format!(r#"<w:commentRangeStart w:id="{id}"/>"#)));
        inserts.push((
            end,
            0,
            format!(
                r#"<w:commentRangeEnd w:id="{id}"/><w:r><w:commentReference w:id="{id}"/></w:r>"#
            ),
        ));
        bodies.push_str(&format!(
            r#"<w:comment w:id="{id}" w:author="report-check" w:initials="RC"><w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p></w:comment>"#,
            escape(&note.text)
        ));
    }
    if id == first_id {
        return Ok(bytes.to_vec());
    }
    // At one place, a comment's end goes before the next one's start.
    inserts.sort_by_key(|(at, kind, _)| (*at, *kind));
    let mut doc = Vec::with_capacity(document.len() + inserts.len() * 80);
    let mut last = 0;
    for (at, _, s) in &inserts {
        doc.extend_from_slice(&document[last..*at]);
        doc.extend_from_slice(s.as_bytes());
        last = *at;
    }
    doc.extend_from_slice(&document[last..]);

    let comments = match &old_comments {
        Some(old) => {
            let at = old
                .rfind("</w:comments>")
                .ok_or(DocxError::Damaged("批注文件损坏"))?;
            format!("{}{bodies}{}", &old[..at], &old[at..])
        }
        None => format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{}<w:comments xmlns:w="{W_NS}">{bodies}</w:comments>"#,
            "\r\n"
        ),
    };
    let rels = if comments_target.is_some() {
        None
    } else {
        let at = rels
            .rfind("</Relationships>")
            .ok_or(DocxError::Damaged("关系文件损坏"))?;
        let mut n = 1;
        while rels.contains(&format!("\"rIdRC{n}\"")) {
            n += 1;
        }
        Some(format!(
            r#"{}<Relationship Id="rIdRC{n}" Type="{COMMENTS_REL}" Target="comments.xml"/>{}"#,
            &rels[..at],
            &rels[at..]
        ))
    };
    let part = format!("/{comments_name}");
    let types = match read_text("[Content_Types].xml")? {
        Some(t) if t.contains(&format!("PartName=\"{part}\"")) => None,
        Some(t) => {
            let at = t
                .rfind("</Types>")
                .ok_or(DocxError::Damaged("内容类型文件损坏"))?;
            Some(format!(
                r#"{}<Override PartName="{part}" ContentType="{COMMENTS_TYPE}"/>{}"#,
                &t[..at],
                &t[at..]
            ))
        }
        None => return Err(DocxError::Damaged("缺少 [Content_Types].xml")),
    };

    let mut w = Writer::default();
    let mut wrote_comments = false;
    for e in &zip.entries {
        let new: Option<&[u8]> = if e.name == docx.main {
            Some(&doc)
        } else if e.name == comments_name {
            wrote_comments = true;
            Some(comments.as_bytes())
        } else if e.name == rels_name {
            rels.as_deref().map(str::as_bytes)
        } else if e.name == "[Content_Types].xml" {
            types.as_deref().map(str::as_bytes)
        } else {
            None
        };
        match new {
            Some(data) => w.add(&e.name, data, e.time, e.date),
            None => w.copy(&zip, e)?,
        }
    }
    if !wrote_comments {
        w.add(
            &comments_name,
            comments.as_bytes(),
            main_entry.time,
            main_entry.date,
        );
    }
    if rels.is_some() && zip.find(&rels_name).is_none() {
        if let Some(r) = &rels {
            w.add(&rels_name, r.as_bytes(), main_entry.time, main_entry.date);
        }
    }
    Ok(w.finish())
}

/// Where in document.xml a comment on `span` starts and ends: before the
/// run holding its first byte, after the run holding its last; in a
/// paragraph without runs, just before `</w:p>`.
fn anchor(d: &Docx, span: Span) -> Option<(usize, usize)> {
    let line: &Line = d.line_at(span.start)?;
    let first = line
        .runs
        .iter()
        .find(|r| r.span.end > span.start)
        .or(line.runs.last());
    let last = line
        .runs
        .iter()
        .rev()
        .find(|r| r.span.start < span.end.max(span.start + 1))
        .or(first);
    match (first, last) {
        (Some(a), Some(b)) => Some((a.xml.0, b.xml.1.max(a.xml.1))),
        _ => {
            // `</w:p>` ends the paragraph's XML (not `<w:p/>`).
            let end = line.xml.1.checked_sub(6)?;
            Some((end, end))
        }
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 does not allow.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The largest `w:id` of the comments already in comments.xml.
fn max_comment_id(comments: &str) -> Result<u32, DocxError> {
    let mut max = 0;
    xml::walk(comments.as_bytes(), |w| {
        if let xml::Walk::Open(e, _) = w {
            if e.name().as_ref() == b"w:comment" {
                if let Some(id) = xml::int(e, b"w:id") {
                    max = max.max(id.max(0) as u32);
                }
            }
        }
    })?;
    Ok(max)
}

/// The largest comment id anchored in document.xml.
fn max_range_id(document: &[u8]) -> Result<u32, DocxError> {
    let mut max = 0;
    xml::walk(document, |w| {
        if let xml::Walk::Open(e, _) = w {
            if matches!(
                e.name().as_ref(),
                b"w:commentRangeStart" | b"w:commentReference"
            ) {
                if let Some(id) = xml::int(e, b"w:id") {
                    max = max.max(id.max(0) as u32);
                }
            }
        }
    })?;
    Ok(max)
}
