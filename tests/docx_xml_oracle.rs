//! The .docx reader's XML walk (src/docx/xml.rs, written by hand for the
//! wasm's size) against quick-xml, the library it replaced, kept here as
//! the oracle: the same tags (names, empty or not, byte ranges), the same
//! attribute values, the same text, and an error where quick-xml gives
//! one — on every XML part of the 31 real .docx of ../shared/corpus/docx
//! (CI has them; without CI a missing folder is reported and skipped), on
//! made-up edge cases, and on every truncation of a made-up part.
//! Native only: quick-xml is a native dev-dependency.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use quick_xml::events::Event;
use quick_xml::Reader;
use report_check::docx::xml::{self, Walk};
use report_check::docx::zip::Archive;

#[derive(Debug, PartialEq)]
enum Ev {
    /// Name, empty, byte range, and each attribute (key, unescaped value)
    /// when quick-xml reads the attribute list without an error (how each
    /// recovers from a malformed list is not compared).
    Open(
        String,
        bool,
        usize,
        usize,
        Option<Vec<(String, Option<String>)>>,
    ),
    Close(String, usize, usize),
    /// Text between tags, joined.
    Text(String),
}

fn push_text(out: &mut Vec<Ev>, t: &str) {
    match out.last_mut() {
        Some(Ev::Text(s)) => s.push_str(t),
        _ => out.push(Ev::Text(t.to_string())),
    }
}

fn name(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The walk as the reader did it with quick-xml (the code this replaced),
/// attribute values unescaped by quick-xml.
fn oracle(bytes: &[u8]) -> Result<Vec<Ev>, String> {
    let mut out = Vec::new();
    let mut r = Reader::from_reader(bytes);
    // quick-xml skips a byte order mark and counts its positions after it:
    // the hand walk counts them in `bytes`, as the annotator needs.
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    loop {
        let before = r.buffer_position() as usize + bom;
        let event = r.read_event().map_err(|e| e.to_string())?;
        let after = r.buffer_position() as usize + bom;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let mut attrs = e.attributes();
                attrs.with_checks(false);
                let attrs: Result<Vec<_>, _> = attrs.collect();
                let attrs = attrs.ok().map(|attrs| {
                    let attrs: Vec<(String, Option<String>)> = attrs
                        .into_iter()
                        .map(|a| {
                            let v = std::str::from_utf8(&a.value)
                                .ok()
                                .and_then(|v| quick_xml::escape::unescape(v).ok())
                                .map(|v| v.into_owned());
                            (name(a.key.as_ref()), v)
                        })
                        .collect();
                    // A key given twice (ill-formed) reads as its first value.
                    attrs
                        .iter()
                        .map(|(k, _)| {
                            let first = attrs.iter().find(|(k2, _)| k2 == k);
                            (k.clone(), first.and_then(|(_, v)| v.clone()))
                        })
                        .collect()
                });
                let empty = matches!(event, Event::Empty(_));
                out.push(Ev::Open(
                    name(e.name().as_ref()),
                    empty,
                    before,
                    after,
                    attrs,
                ));
            }
            Event::End(e) => out.push(Ev::Close(name(e.name().as_ref()), before, after)),
            Event::Text(t) => push_text(&mut out, &t.decode().map_err(|e| e.to_string())?),
            Event::CData(t) => push_text(&mut out, &t.decode().map_err(|e| e.to_string())?),
            Event::GeneralRef(g) => {
                let c = match g.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => Some(c),
                    None => match g.as_ref() {
                        b"amp" => Some('&'),
                        b"lt" => Some('<'),
                        b"gt" => Some('>'),
                        b"quot" => Some('"'),
                        b"apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    push_text(&mut out, c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// The hand-written walk, each tag's attributes looked up by the keys
/// quick-xml found on the same tag (`keys`: per tag, in order; `None`
/// where its attribute list was malformed).
fn walked(bytes: &[u8], keys: &[Option<Vec<String>>]) -> Result<Vec<Ev>, String> {
    let mut out = Vec::new();
    let mut tags = 0;
    xml::walk_at(bytes, &mut |w, from, to| match w {
        Walk::Open(e, empty) => {
            let attrs = keys.get(tags).cloned().flatten().map(|k| {
                k.iter()
                    .map(|k| (k.clone(), xml::attr(e, k.as_bytes())))
                    .collect()
            });
            tags += 1;
            out.push(Ev::Open(name(e.name()), empty, from, to, attrs));
        }
        Walk::Close(n) => out.push(Ev::Close(name(n), from, to)),
        Walk::Text(t) => push_text(&mut out, t),
    })
    .map_err(|e| e.to_string())?;
    Ok(out)
}

/// Both walks agree on `bytes`: the same events, or both an error.
fn agree(bytes: &[u8], what: &str) {
    let want = oracle(bytes);
    let keys: Vec<Option<Vec<String>>> = match &want {
        Ok(evs) => evs
            .iter()
            .filter_map(|e| match e {
                Ev::Open(_, _, _, _, a) => Some(
                    a.as_ref()
                        .map(|a| a.iter().map(|(k, _)| k.clone()).collect()),
                ),
                _ => None,
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    let got = walked(bytes, &keys);
    match (&want, &got) {
        (Ok(w), Ok(g)) => {
            if let Some(i) = (0..w.len().max(g.len())).find(|&i| w.get(i) != g.get(i)) {
                panic!(
                    "{what}: event {i} differs\n quick-xml: {:?}\n hand:      {:?}",
                    w.get(i),
                    g.get(i)
                );
            }
        }
        (Err(_), Err(_)) => {}
        _ => panic!("{what}: quick-xml {want:?}\nhand {got:?}"),
    }
}

const PART: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!-- a comment with <w:p> and -- inside -->
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc='x'>
<w:body><w:p w:rsidR="00A1"><w:pPr><w:pStyle w:val="Heading1"/><w:jc w:val = 'center' /></w:pPr>
<w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312" w:ascii="Times &amp; Co" w:hAnsi="a&#x4E00;b&#19968;c"/></w:rPr>
<w:t xml:space="preserve">一、总体情况 &lt;说明&gt; &quot;引&apos;号&#x3000;&#12288;</w:t></w:r>
<w:r><w:t><![CDATA[原样 <不是标签> &amp; ]]></w:t></w:r><w:fldSimple w:instr=" PAGE \* MERGEFORMAT "/>
<?some-pi with > inside?><w:r><w:t>a > b</w:t></w:r><w:bookmarkStart w:name="a>b" w:id="0"/>
</w:p ><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:left="1588"/></w:sectPr></w:body></w:document>
"#;

#[test]
fn made_up_parts_agree() {
    agree(PART.as_bytes(), "PART");
    let cases: &[&str] = &[
        "",
        "plain text only",
        "<a/>",
        "<a></a>",
        "<a>\r\n x \t</a>",
        "<a b=\"1\" c='2' d = \"3\"/>",
        "<a b=\"x&amp;y\" c=\"&#65;&#x42;\"/>",
        "<a b=\"&unknown;\"/>",
        "<a>&unknown; t</a>",
        "<a>&#0;</a>",
        "<a>&#xD800;</a>",
        "<a>&#x110000;</a>",
        "<a>&#;</a>",
        "<a>&#x;</a>",
        "<a>&#12a;</a>",
        "<a>& b</a>",
        "<a>&amp</a>",
        "<a>x &amp y;</a>",
        "<a></b>",
        "</a>",
        "<a><b></a></b>",
        "<a>",
        "<a><b>text",
        "<a b=\"1\"",
        "<a><!-- unterminated</a>",
        "<a><![CDATA[ unterminated</a>",
        "<a><?pi unterminated</a>",
        "<a><![CDATA[]]></a>",
        "<a><!----></a>",
        "<!DOCTYPE a [ <!ENTITY e \"x>y\"> ]><a>t</a>",
        "<a\n  b=\"1\"\n/>",
        "<a b=\"1\"/ >",
        "<a></a >",
        "<a>x</a\n>",
        "<a b=\"1\" b=\"2\"/>",
        "<a>text</a>tail",
        "<a>\u{FEFF}</a>",
        "\u{FEFF}<a/>",
        "\u{FEFF}<?xml version=\"1.0\"?><a><b/></a>",
        // Found by random_parts_agree: quick-xml reads a tag with no name,
        // and an attribute after a word with no value.
        "< <a>",
        "<文字 <w:t xml:space=\"preserve\"><c/>",
    ];
    for c in cases {
        agree(c.as_bytes(), c);
    }
    // Not UTF-8: text, CDATA and attribute values.
    agree(b"<a>\xFF\xFE</a>", "bad UTF-8 text");
    agree(b"<a><![CDATA[\xFF]]></a>", "bad UTF-8 CDATA");
    agree(b"<a b=\"\xFF\"/>", "bad UTF-8 attribute");
    // Every truncation of the made-up part: an error or the same walk.
    for end in 0..PART.len() {
        agree(&PART.as_bytes()[..end], &format!("PART[..{end}]"));
    }
}

#[test]
fn real_parts_agree() {
    let Some(files) = common::real_docx() else {
        return;
    };
    let mut parts = 0;
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let zip = Archive::new(&bytes).unwrap();
        for e in &zip.entries {
            if !(e.name.ends_with(".xml") || e.name.ends_with(".rels")) {
                continue;
            }
            let data = zip.read(e, 64 << 20).unwrap();
            agree(&data, &format!("{}: {}", f.display(), e.name));
            parts += 1;
        }
    }
    assert!(parts >= 31 * 5, "{parts} parts");
}

/// Pieces of XML, well-formed and not, that random parts are made of.
const PIECES: &[&str] = &[
    "<a>",
    "</a>",
    "<w:t xml:space=\"preserve\">",
    "</w:t>",
    "<b x=\"1\" y='&amp;&#x4E00;'>",
    "</b>",
    "<c/>",
    "<d k=\"a>b\"/>",
    "文字",
    " ",
    "\r\n",
    "&amp;",
    "&#65;",
    "&#x3000;",
    "&bad;",
    "&",
    ";",
    "<!--c-->",
    "<![CDATA[x<y]]>",
    "<?p x?>",
    "\"",
    "'",
    ">",
    "<",
    "/",
    "=",
];

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(2000))]
    /// Parts made of random pieces: the same walk, or both an error.
    #[test]
    fn random_parts_agree(pieces in proptest::collection::vec(0..PIECES.len(), 0..40)) {
        let part: String = pieces.iter().map(|&i| PIECES[i]).collect();
        agree(part.as_bytes(), &part);
    }
}
