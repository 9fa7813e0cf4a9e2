//! The annotated copy: each finding as a Word comment (批注) anchored on
//! the runs of its text. Only document.xml, its relationships, the
//! content types and comments.xml change; every other entry of the zip is
//! copied as it was, compressed bytes and all.

use super::zip::{Archive, Writer};
use super::{xml, Docx, DocxError, Line, RunRef};
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

    // What goes where in document.xml: (start, end, text), a comment's
    // range end or start at one place (start == end), a fixed run's new
    // XML in place of the run (start < end). They are listed ends first,
    // then starts, then runs, so that sorting by place alone (index for
    // ties) puts a comment's end before the next one's start at one place,
    // and a comment on a fixed run before the run's replacement.
    let mut starts: Vec<(usize, usize, String)> = Vec::new();
    let mut inserts: Vec<(usize, usize, String)> = Vec::new();
    let mut bodies = String::new();
    let mut id = first_id;
    for note in notes {
        let Some((start, end)) = anchor(docx, note.span) else {
            continue;
        };
        id += 1;
        starts.push((
            start,
            start,
            format!(r#"<w:commentRangeStart w:id="{id}"/>"#),
        ));
        inserts.push((
            end,
            end,
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
    inserts.append(&mut starts);
    for (xml, text) in tracked(&document, docx, fixes, &mut id) {
        inserts.push((xml.0, xml.1, text));
    }
    if id == first_id {
        return Ok(bytes.to_vec());
    }
    // Sorted as (place, index) spans: the one sort of spans the checker
    // already has, not one more instantiation of std's sort in the wasm.
    let mut order: Vec<Span> = inserts
        .iter()
        .enumerate()
        .map(|(i, (start, _, _))| Span::new(*start, i))
        .collect();
    crate::sort::sort(&mut order);
    let mut doc = Vec::with_capacity(document.len() + inserts.len() * 80);
    let mut last = 0;
    for key in &order {
        let (start, end, s) = &inserts[key.end];
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

/// Fixes as tracked changes: for each run that holds all of one or more
/// fixes' spans, its XML range and the XML that replaces it (the old text
/// in `w:del`, the new in `w:ins`, the rest as it was), when the run's text
/// is one plain `w:t` (no entities, tabs or breaks). A fix that overlaps
/// one before it in the same run is left out.
fn tracked(
    document: &[u8],
    d: &Docx,
    fixes: &[(Span, String)],
    id: &mut u32,
) -> Vec<((usize, usize), String)> {
    // The fixes by start (ties in the order given), as (start, index)
    // spans (see `annotate`); then (the run, its fixes) in the order the
    // runs are first met, each run's fixes in order.
    let mut order: Vec<Span> = fixes
        .iter()
        .enumerate()
        .map(|(i, (span, _))| Span::new(span.start, i))
        .collect();
    crate::sort::sort(&mut order);
    let mut runs: Vec<(RunRef, Vec<(Span, &str)>)> = Vec::new();
    for (span, new) in order.iter().map(|k| &fixes[k.end]) {
        let Some(run) = d.line_at(span.start).and_then(|line| {
            line.runs.iter().find(|r| {
                r.span.start <= span.start && span.end <= r.span.end && span.start < r.span.end
            })
        }) else {
            continue;
        };
        match runs.iter_mut().find(|(r, _)| r.xml == run.xml) {
            Some((_, list)) => list.push((*span, new)),
            None => runs.push((*run, vec![(*span, new)])),
        }
    }
    let mut out = Vec::new();
    for (run, list) in runs {
        if let Some(xml) = rewrite(document, d, &run, &list, id) {
            out.push((run.xml, xml));
        }
    }
    out
}

/// The XML of `run` with `fixes` (sorted, inside the run) as tracked changes.
fn rewrite(
    document: &[u8],
    d: &Docx,
    run: &RunRef,
    fixes: &[(Span, &str)],
    id: &mut u32,
) -> Option<String> {
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
    let plain = |s: &str| format!(r#"<w:r>{rpr}<w:t xml:space="preserve">{s}</w:t></w:r>"#);
    let mut out = String::new();
    let mut at = 0;
    for (span, new) in fixes {
        let (a, b) = (span.start - run.span.start, span.end - run.span.start);
        if a < at || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        if a > at {
            out.push_str(&plain(&text[at..a]));
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
        at = b;
    }
    if at == 0 && out.is_empty() {
        return None;
    }
    if at < text.len() {
        out.push_str(&plain(&text[at..]));
    }
    Some(out)
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
            if e.name() == b"w:comment" {
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
                e.name(),
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
