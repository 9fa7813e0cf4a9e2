//! A thin walk over quick-xml events: open/close tags and decoded text,
//! with the byte offsets the annotator needs.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::DocxError;

pub enum Walk<'e, 'a> {
    /// A start tag; `true` when it is empty (`<w:b/>`).
    Open(&'e BytesStart<'a>, bool),
    Close(&'e [u8]),
    Text(&'e str),
}

/// Walks `bytes`, calling `f` for each tag and piece of text.
pub fn walk(bytes: &[u8], mut f: impl FnMut(Walk)) -> Result<(), DocxError> {
    walk_at(bytes, &mut |w, _, _| f(w))
}

/// Like [`walk`], with each event's byte range in `bytes`. One copy of
/// quick-xml's parser for all callers (`dyn`): generic, it was compiled
/// into the wasm once per caller.
pub fn walk_at(bytes: &[u8], f: &mut dyn FnMut(Walk, usize, usize)) -> Result<(), DocxError> {
    let mut r = Reader::from_reader(bytes);
    let bad = |_| DocxError::Damaged("XML 格式错误");
    loop {
        let before = r.buffer_position() as usize;
        let event = r.read_event().map_err(bad)?;
        let after = r.buffer_position() as usize;
        match &event {
            Event::Start(e) => f(Walk::Open(e, false), before, after),
            Event::Empty(e) => f(Walk::Open(e, true), before, after),
            Event::End(e) => f(Walk::Close(e.name().as_ref()), before, after),
            Event::Text(t) => {
                let s = t.decode().map_err(|_| DocxError::Damaged("XML 编码错误"))?;
                f(Walk::Text(&s), before, after);
            }
            Event::CData(t) => {
                let s = t.decode().map_err(|_| DocxError::Damaged("XML 编码错误"))?;
                f(Walk::Text(&s), before, after);
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().map_err(bad)? {
                    Some(c) => Some(c),
                    None => match r.as_ref() {
                        b"amp" => Some('&'),
                        b"lt" => Some('<'),
                        b"gt" => Some('>'),
                        b"quot" => Some('"'),
                        b"apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    f(Walk::Text(c.encode_utf8(&mut [0; 4])), before, after);
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// The value of attribute `name` (qualified, e.g. `w:val`), unescaped.
pub fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    let mut attrs = e.attributes();
    attrs.with_checks(false);
    attrs
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// An on/off property (`<w:b/>`, `<w:vanish w:val="0"/>`).
pub fn on(e: &BytesStart) -> bool {
    attr(e, b"w:val").is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off"))
}

/// An integer attribute (a fraction, which some writers give, cut off).
/// Parsed as an integer: a float parser would add kilobytes to the wasm.
pub fn int(e: &BytesStart, name: &[u8]) -> Option<i32> {
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
