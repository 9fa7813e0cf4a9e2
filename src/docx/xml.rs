//! The XML of a .docx part as a walk: open/close tags and decoded text,
//! with the byte offsets the annotator needs.
//!
//! Written by hand for issue 16's budget (the wasm grows at most 60 KB
//! gzip for all of .docx): quick-xml's reader, its attribute iterator
//! (with the duplicate check) and its value normaliser were 8.5 KB gzip of
//! the wasm (336,451 → 327,907 B). The parts of a .docx are
//! machine-written UTF-8 XML without a DTD (OPC forbids one), so tags,
//! attributes, text, character references and the five predefined
//! entities, CDATA, comments and processing instructions are all there is
//! to read. quick-xml stays as the test oracle (`tests/docx_xml_oracle.rs`:
//! the same walk on every XML part of the real files, on made-up edge
//! cases and on every truncation of a made-up part).
//!
//! Malformed XML (an end tag that closes nothing or another element, an
//! unterminated tag, comment or reference, a bad character reference or
//! UTF-8) is an error, as quick-xml's was; a part that ends with
//! elements open is not.

use super::DocxError;

/// A start tag: its qualified name and its attributes, as written.
pub struct Tag<'a> {
    name: &'a [u8],
    attrs: &'a [u8],
}

impl<'a> Tag<'a> {
    /// The qualified name (`w:p`).
    pub fn name(&self) -> &'a [u8] {
        self.name
    }

    /// The value of attribute `name` as written (escaped); `None` when
    /// absent or the attribute list is malformed before it.
    fn raw(&self, name: &[u8]) -> Option<&'a [u8]> {
        let mut rest = self.attrs;
        loop {
            rest = trim_start(rest);
            let eq = rest.iter().position(|&b| b == b'=')?;
            // The name before `=` (a word with no value before it is skipped).
            let key = trim_end(&rest[..eq]);
            let key = &key[key.iter().rposition(|&b| is_space(b)).map_or(0, |i| i + 1)..];
            rest = trim_start(&rest[eq + 1..]);
            let quote = *rest.first().filter(|q| matches!(q, b'"' | b'\''))?;
            let len = rest[1..].iter().position(|&b| b == quote)?;
            if key == name {
                return Some(&rest[1..1 + len]);
            }
            rest = &rest[len + 2..];
        }
    }
}

pub enum Walk<'e, 'a> {
    /// A start tag; `true` when it is empty (`<w:b/>`).
    Open(&'e Tag<'a>, bool),
    Close(&'e [u8]),
    Text(&'e str),
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|&&b| is_space(b)).count();
    &s[n..]
}

fn trim_end(s: &[u8]) -> &[u8] {
    let n = s.iter().rev().take_while(|&&b| is_space(b)).count();
    &s[..s.len() - n]
}

fn find(s: &[u8], what: &[u8]) -> Option<usize> {
    s.windows(what.len()).position(|w| w == what)
}

/// The character an entity reference (`amp`, `#x4E00`, `#19968`) stands
/// for: `Ok(None)` for a name XML does not predefine, an error for a
/// character reference that is not a character.
fn entity(name: &[u8]) -> Result<Option<char>, ()> {
    let (digits, radix) = match name {
        b"amp" => return Ok(Some('&')),
        b"lt" => return Ok(Some('<')),
        b"gt" => return Ok(Some('>')),
        b"quot" => return Ok(Some('"')),
        b"apos" => return Ok(Some('\'')),
        [b'#', b'x', hex @ ..] => (hex, 16),
        [b'#', dec @ ..] => (dec, 10),
        _ => return Ok(None),
    };
    let mut n: u32 = 0;
    for &d in digits {
        let d = char::from(d).to_digit(radix).ok_or(())?;
        n = n
            .checked_mul(radix)
            .and_then(|n| n.checked_add(d))
            .ok_or(())?;
    }
    match char::from_u32(n) {
        Some(c) if !digits.is_empty() && n != 0 => Ok(Some(c)),
        _ => Err(()),
    }
}

/// `raw` with its references resolved, each `(text, from, to)` piece
/// given to `f` (offsets from `at`); an unknown entity is dropped when
/// `lenient`, an error otherwise.
fn unescape(
    raw: &[u8],
    at: usize,
    lenient: bool,
    f: &mut dyn FnMut(&str, usize, usize),
) -> Result<(), DocxError> {
    let bad = DocxError::Damaged("XML 格式错误");
    let mut i = 0;
    while i < raw.len() {
        let Some(amp) = raw[i..].iter().position(|&b| b == b'&') else {
            f(utf8(&raw[i..])?, at + i, at + raw.len());
            break;
        };
        if amp > 0 {
            f(utf8(&raw[i..i + amp])?, at + i, at + i + amp);
        }
        let start = i + amp;
        let semi = raw[start + 1..]
            .iter()
            .position(|&b| b == b';' || b == b'&');
        let end = match semi {
            Some(n) if raw[start + 1 + n] == b';' => start + n + 2,
            _ => return Err(bad),
        };
        match entity(&raw[start + 1..end - 1]).map_err(|_| bad.clone())? {
            Some(c) => f(c.encode_utf8(&mut [0; 4]), at + start, at + end),
            None if lenient => {}
            None => return Err(bad),
        }
        i = end;
    }
    Ok(())
}

fn utf8(s: &[u8]) -> Result<&str, DocxError> {
    std::str::from_utf8(s).map_err(|_| DocxError::Damaged("XML 编码错误"))
}

/// Where the markup starting at `s[0] == b'<'` ends (just past its `>`):
/// `>` inside quotes does not end it, nor inside `[…]` in a `<!DOCTYPE`.
fn markup_end(s: &[u8]) -> Option<usize> {
    let mut quote = None;
    let mut depth = 0usize;
    for (i, &b) in s.iter().enumerate().skip(1) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'[') if s[1] == b'!' => depth += 1,
            (None, b']') if s[1] == b'!' => depth = depth.saturating_sub(1),
            (None, b'>') if depth == 0 => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// Walks `bytes`, calling `f` for each tag and piece of text.
pub fn walk(bytes: &[u8], mut f: impl FnMut(Walk)) -> Result<(), DocxError> {
    walk_at(bytes, &mut |w, _, _| f(w))
}

/// Like [`walk`], with each event's byte range in `bytes`: a tag's from
/// its `<` to past its `>`; text comes in pieces (between tags, each
/// reference its own piece), each with its range.
pub fn walk_at(bytes: &[u8], f: &mut dyn FnMut(Walk, usize, usize)) -> Result<(), DocxError> {
    let bad = || DocxError::Damaged("XML 格式错误");
    let mut open: Vec<&[u8]> = Vec::new();
    // A byte order mark before the XML is not text.
    let mut at = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    while at < bytes.len() {
        let rest = &bytes[at..];
        if rest[0] != b'<' {
            let len = rest.iter().position(|&b| b == b'<').unwrap_or(rest.len());
            unescape(&rest[..len], at, true, &mut |t, from, to| {
                f(Walk::Text(t), from, to)
            })?;
            at += len;
            continue;
        }
        let len = if rest.starts_with(b"<!--") {
            find(&rest[4..], b"-->").ok_or_else(bad)? + 7
        } else if rest.starts_with(b"<![CDATA[") {
            let len = find(&rest[9..], b"]]>").ok_or_else(bad)?;
            f(Walk::Text(utf8(&rest[9..9 + len])?), at, at + len + 12);
            len + 12
        } else if rest.starts_with(b"<?") {
            find(&rest[2..], b"?>").ok_or_else(bad)? + 4
        } else {
            let len = markup_end(rest).ok_or_else(bad)?;
            let inner = &rest[1..len - 1];
            if let Some(name) = inner.strip_prefix(b"/") {
                let name = trim_end(name);
                if open.pop() != Some(name) {
                    return Err(bad());
                }
                f(Walk::Close(name), at, at + len);
            } else if !inner.starts_with(b"!") {
                let (inner, empty) = match inner.strip_suffix(b"/") {
                    Some(inner) => (inner, true),
                    None => (inner, false),
                };
                let n = inner
                    .iter()
                    .position(|&b| is_space(b))
                    .unwrap_or(inner.len());
                let tag = Tag {
                    name: &inner[..n],
                    attrs: &inner[n..],
                };
                if !empty {
                    open.push(tag.name);
                }
                f(Walk::Open(&tag, empty), at, at + len);
            }
            len
        };
        at += len;
    }
    Ok(())
}

/// The value of attribute `name` (qualified, e.g. `w:val`), unescaped
/// (`&amp;`, `&#x4E00;`). Not whitespace-normalised, as XML would have a
/// literal tab or line break in a value read as a space: OOXML's values
/// (ids, numbers, names, `%1、`) have none, and a writer escapes one it
/// means.
pub fn attr(e: &Tag, name: &[u8]) -> Option<String> {
    let raw = e.raw(name)?;
    let mut out = String::new();
    unescape(raw, 0, false, &mut |t, _, _| out.push_str(t)).ok()?;
    Some(out)
}

/// An on/off property (`<w:b/>`, `<w:vanish w:val="0"/>`).
pub fn on(e: &Tag) -> bool {
    attr(e, b"w:val").is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off"))
}

/// An integer attribute (a fraction, which some writers give, cut off).
/// Parsed as an integer: a float parser would add kilobytes to the wasm.
pub fn int(e: &Tag, name: &[u8]) -> Option<i32> {
    let v = attr(e, name)?;
    let v = v.trim();
    let whole = v.split_once('.').map_or(v, |(w, _)| w);
    match whole {
        "" | "-" | "+" if v.contains('.') => Some(0),
        _ => whole
            .parse::<i64>()
            .ok()
            .map(|n| n.clamp(-(1 << 30), 1 << 30) as i32),
    }
}
