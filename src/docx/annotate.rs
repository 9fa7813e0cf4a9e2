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

/// The .docx `bytes` (read as `docx`) with `notes` as comments, and `fixes`
/// (span, replacement) as tracked changes (修订: the old text deleted, the
/// new inserted, by “report-check”) where the span lies inside one run's
/// plain text; other fixes are left to the comments.
pub fn annotate(
    bytes: &[u8],
    docx: &Docx,
    notes: &[Note],
    fixes: &[(Span, String)],
) -> Result<Vec<u8>, DocxError> {
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

    // Where each comment starts and ends in document.xml: (start, end,
    // order at one place, text); a fix replaces its run (start < end).
    let mut inserts: Vec<(usize, usize, u8, String)> = Vec::new();
    let mut bodies = String::new();
    let mut id = first_id;
    for note in notes {
        let Some((start, end)) = anchor(docx, note.span) else {
            continue;
        };
        id += 1;
        inserts.push((
            start,
            start,
            1,
            format!(r#"<w:commentRangeStart w:id="{id}"/>"#),
        ));
        inserts.push((
            end,
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
    let commented = id > first_id;
    let mut fixed_runs: Vec<usize> = Vec::new();
    for (span, new) in fixes {
        if let Some((run, text)) = tracked(&document, docx, *span, new, &mut id) {
            if !fixed_runs.contains(&run.0) {
                fixed_runs.push(run.0);
                inserts.push((run.0, run.1, 2, text));
            }
        }
    }
    if id == first_id {
        return Ok(bytes.to_vec());
    }
    // At one place, a comment's end goes before the next one's start, and
    // a comment on a fixed run starts before the run's replacement.
    inserts.sort_by_key(|(start, end, kind, _)| (*start, *end, *kind));
    let mut doc = Vec::with_capacity(document.len() + inserts.len() * 80);
    let mut last = 0;
    for (start, end, _, s) in &inserts {
        if *start < last {
            continue;
        }
        doc.extend_from_slice(&document[last..*start]);
        doc.extend_from_slice(s.as_bytes());
        last = *end;
    }
    doc.extend_from_slice(&document[last..]);
    if !commented {
        // Only tracked changes: no comments part is needed.
        return write(&zip, &docx.main, &doc, None);
    }

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

    write(
        &zip,
        &docx.main,
        &doc,
        Some(Extra {
            comments_name: &comments_name,
            comments: &comments,
            rels_name: &rels_name,
            rels: rels.as_deref(),
            types: types.as_deref(),
            time: (main_entry.time, main_entry.date),
        }),
    )
}

/// The comments part and what it needs in the package.
struct Extra<'a> {
    comments_name: &'a str,
    comments: &'a str,
    rels_name: &'a str,
    rels: Option<&'a str>,
    types: Option<&'a str>,
    time: (u16, u16),
}

/// The zip again: the main document replaced, the comments part and its
/// relationship and content type added; every other entry copied raw.
fn write(
    zip: &Archive,
    main: &str,
    doc: &[u8],
    extra: Option<Extra>,
) -> Result<Vec<u8>, DocxError> {
    let mut w = Writer::default();
    let mut wrote_comments = false;
    for e in &zip.entries {
        let new: Option<&[u8]> = if e.name == main {
            Some(doc)
        } else if let Some(x) = extra.as_ref() {
            if e.name == x.comments_name {
                wrote_comments = true;
                Some(x.comments.as_bytes())
            } else if e.name == x.rels_name {
                x.rels.map(str::as_bytes)
            } else if e.name == "[Content_Types].xml" {
                x.types.map(str::as_bytes)
            } else {
                None
            }
        } else {
            None
        };
        match new {
            Some(data) => w.add(&e.name, data, e.time, e.date),
            None => w.copy(zip, e)?,
        }
    }
    if let Some(x) = extra {
        let (time, date) = x.time;
        if !wrote_comments {
            w.add(x.comments_name, x.comments.as_bytes(), time, date);
        }
        if let (Some(r), None) = (x.rels, zip.find(x.rels_name)) {
            w.add(x.rels_name, r.as_bytes(), time, date);
        }
    }
    Ok(w.finish())
}

/// A fix as a tracked change: the replacement of the run that holds all of
/// `span` (its XML range and new XML), when the run's text is one plain
/// `w:t` (no entities, tabs or breaks).
fn tracked(
    document: &[u8],
    d: &Docx,
    span: Span,
    new: &str,
    id: &mut u32,
) -> Option<((usize, usize), String)> {
    let line = d.line_at(span.start)?;
    let run = line.runs.iter().find(|r| {
        r.span.start <= span.start && span.end <= r.span.end && span.start < r.span.end
    })?;
    let xml = std::str::from_utf8(document.get(run.xml.0..run.xml.1)?).ok()?;
    let text = d.text.get(run.span.start..run.span.end)?;
    let open = xml.find("<w:t>").or_else(|| xml.find("<w:t "))?;
    let rest = &xml[open + 4..];
    if rest.contains("<w:t>") || rest.contains("<w:t ") {
        return None;
    }
    let content = open + xml[open..].find('>')? + 1;
    let content_end = content + xml[content..].find("</w:t>")?;
    if &xml[content..content_end] != text || text.contains(['&', '<', '>']) {
        return None;
    }
    let rpr = match xml.find("<w:rPr>") {
        Some(a) => &xml[a..a + xml[a..].find("</w:rPr>")? + "</w:rPr>".len()],
        None => "",
    };
    let (a, b) = (span.start - run.span.start, span.end - run.span.start);
    let plain = |s: &str| format!(r#"<w:r>{rpr}<w:t xml:space="preserve">{s}</w:t></w:r>"#);
    let mut out = String::new();
    if a > 0 {
        out.push_str(&plain(&text[..a]));
    }
    if b > a {
        *id += 1;
        out.push_str(&format!(
            r#"<w:del w:id="{id}" w:author="report-check"><w:r>{rpr}<w:delText xml:space="preserve">{}</w:delText></w:r></w:del>"#,
            &text[a..b]
        ));
    }
    if !new.is_empty() {
        *id += 1;
        out.push_str(&format!(
            r#"<w:ins w:id="{id}" w:author="report-check"><w:r>{rpr}<w:t xml:space="preserve">{}</w:t></w:r></w:ins>"#,
            escape(new)
        ));
    }
    if b < text.len() {
        out.push_str(&plain(&text[b..]));
    }
    Some((run.xml, out))
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
                b"w:commentRangeStart" | b"w:commentReference" | b"w:ins" | b"w:del"
            ) {
                if let Some(id) = xml::int(e, b"w:id") {
                    max = max.max(id.max(0) as u32);
                }
            }
        }
    })?;
    Ok(max)
}
