//! The wasm-bindgen surface: the only file that knows about JavaScript.
//!
//! Spans leave here in UTF-16 code units (see `output`), as plain JS objects.

use std::cell::RefCell;
use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(feature = "docx")]
use crate::finding::Span;
use crate::output::JsView;
use crate::profile::Profile;
use crate::rules;

/// `check(text, profile?)` → `{findings, summary}`.
///
/// `profile` may be omitted (`undefined`/`null`), a built-in profile id
/// (see `profiles()`), a JSON string, or an object; an unusable profile
/// throws an `Error` whose message names the field. A `text` that is not a
/// string (a number, an object, `undefined`…) throws an `Error` too. A lone
/// surrogate in `text` is read as U+FFFD (one UTF-16 unit for one, so the
/// offsets returned still index the caller's string).
#[wasm_bindgen]
pub fn check(text: JsValue, profile: JsValue) -> Result<JsValue, JsValue> {
    let text = text_from_js(&text)?;
    let profile = profile_from_js(&profile)?;
    let report = crate::check(&text, profile.as_ref());
    report_to_js(&text, &report)
}

/// `check_json(text, profile?)` → the report of [`check`] as one JSON
/// string: `JSON.parse(check_json(t, p))` deep-equals `check(t, p)`; the
/// same errors. For a caller that sends the report on as text (the page's
/// worker posts it, the page parses it once): no objects built only to be
/// stringified again.
#[wasm_bindgen]
pub fn check_json(text: JsValue, profile: JsValue) -> Result<js_sys::JsString, JsValue> {
    let text = text_from_js(&text)?;
    let profile = profile_from_js(&profile)?;
    let report = crate::check(&text, profile.as_ref());
    report_to_json(&text, &report)
}

/// The string `text` holds, or the `Error` [`check`] throws for a value
/// that is not a string.
fn text_from_js(text: &JsValue) -> Result<String, JsError> {
    text.as_string().ok_or_else(|| {
        JsError::new(&format!(
            "text 必须是字符串（string），而不是 {}",
            text.js_typeof().as_string().unwrap_or_default()
        ))
    })
}

/// `{findings, summary}` of a report on `text` as one JSON string (what
/// [`report_to_js`] parses). It is written in pieces of about
/// [`PIECE`] bytes, each turned into a JS string and appended to the one
/// returned: a report of a hundred thousand findings never sits in wasm
/// memory whole (the places of a grouped finding are at most
/// [`crate::finding::MOST_PLACES`]).
fn report_to_json(text: &str, report: &crate::Report) -> Result<js_sys::JsString, JsValue> {
    use std::io::Write;
    let view = JsView::new(text);
    let mut out = JsPieces {
        piece: Vec::with_capacity(PIECE + 4096),
        done: js_sys::JsString::default(),
    };
    let json = |e: std::io::Error| JsValue::from(to_error(e));
    out.write_all(b"{\"findings\":[").map_err(json)?;
    for (i, f) in report.findings.iter().enumerate() {
        if i > 0 {
            out.piece.push(b',');
        }
        if f.occurrences.len() > PLACES_AT_ONCE {
            // A grouped finding of many places (a text of nothing but `《`):
            // sent as it is written.
            serde_json::to_writer(&mut out, &view.finding(f)).map_err(to_error)?;
        } else {
            // Straight into the piece (serde_json writes a Vec fastest: in
            // wasm the writer's calls were a tenth of check_json), sent
            // once it is full.
            serde_json::to_writer(&mut out.piece, &view.finding(f)).map_err(to_error)?;
            if out.piece.len() >= PIECE {
                out.send().map_err(json)?;
            }
        }
    }
    out.write_all(b"],\"summary\":").map_err(json)?;
    serde_json::to_writer(&mut out, &report.summary()).map_err(to_error)?;
    out.write_all(b"}").map_err(json)?;
    out.flush().map_err(json)?;
    Ok(out.done)
}

/// A writer of UTF-8 into a JS string: bytes gather in wasm memory and go
/// across, decoded, whenever [`PIECE`] of them have gathered (up to the last
/// whole character) and at `flush`.
struct JsPieces {
    piece: Vec<u8>,
    done: js_sys::JsString,
}

impl JsPieces {
    /// Sends the whole characters gathered; keeps the start of one that
    /// serde_json has not finished writing.
    fn send(&mut self) -> std::io::Result<()> {
        let whole = match std::str::from_utf8(&self.piece) {
            Ok(all) => all,
            Err(e) if e.error_len().is_none() => {
                std::str::from_utf8(&self.piece[..e.valid_up_to()])
                    .map_err(std::io::Error::other)?
            }
            Err(e) => return Err(std::io::Error::other(e)),
        };
        if whole.is_empty() {
            return Ok(());
        }
        let s = js_sys::JsString::from(whole);
        let n = whole.len();
        self.done = if self.done.length() == 0 {
            s
        } else {
            self.done.concat(&s)
        };
        self.piece.drain(..n);
        Ok(())
    }
}

impl std::io::Write for JsPieces {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.piece.extend_from_slice(buf);
        if self.piece.len() >= PIECE {
            self.send()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()?;
        // serde_json writes whole characters: nothing may be left over.
        if self.piece.is_empty() {
            Ok(())
        } else {
            Err(std::io::Error::other(
                "check_json: an unfinished UTF-8 character",
            ))
        }
    }
}

/// `extract_docx(bytes)` → `{text, lines, parts}`: the body text of a
/// .docx as [`crate::docx::read`] reads it (automatic numbering as text),
/// each line `{start, end, paragraph, kind}` in UTF-16 units, and the
/// headers, footers and notes `{kind, text}`. A file that is not a
/// readable .docx throws an `Error` with a Chinese message for the user.
#[cfg(feature = "docx")]
#[wasm_bindgen]
pub fn extract_docx(bytes: &[u8]) -> Result<JsValue, JsError> {
    let d = crate::docx::read(bytes).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&DocxView::new(&d))
}

/// `check_docx(bytes, profile?)` → `{text, lines, parts, findings,
/// summary}`: [`extract_docx`] and `check` of its text together, with the
/// `layout/…` findings on the file's layout; offsets into `text`.
#[cfg(feature = "docx")]
#[wasm_bindgen]
pub fn check_docx(bytes: &[u8], profile: JsValue) -> Result<JsValue, JsValue> {
    let profile = profile_from_js(&profile)?;
    let r = crate::check_docx(bytes, profile.as_ref())
        .map_err(|e| JsValue::from(JsError::new(&e.to_string())))?;
    let out = report_to_js(&r.docx.text, &r.report)?;
    let view = to_js(&DocxView::new(&r.docx))?;
    for key in ["text", "lines", "parts"] {
        let k = JsValue::from_str(key);
        js_sys::Reflect::set(&out, &k, &js_sys::Reflect::get(&view, &k)?)?;
    }
    Ok(out)
}

/// `annotate_docx(bytes, profile?, fixes?, skip?)` → `Uint8Array`: a copy
/// of the .docx with each finding of `check_docx(bytes, profile)` as a Word
/// comment (批注) anchored on its text, and `fixes` — the fixes the drafter
/// accepted, `[{start, end, text}]` in UTF-16 units of the `text`
/// `check_docx` returned, with an optional `old` (the text they replace,
/// checked) — as tracked changes (修订) where each lies in one run. The
/// findings in `skip`, `[{rule, start, end}]` (those the drafter ignored),
/// get no comment. Every part the checker does not touch stays byte for
/// byte. A fix outside the text, or whose `old` is not there, throws an
/// `Error`.
#[cfg(feature = "docx")]
#[wasm_bindgen]
pub fn annotate_docx(
    bytes: &[u8],
    profile: JsValue,
    fixes: JsValue,
    skip: JsValue,
) -> Result<Vec<u8>, JsValue> {
    let profile = profile_from_js(&profile)?;
    let r = crate::check_docx(bytes, profile.as_ref()).map_err(to_error)?;
    let text = &r.docx.text;
    let fixes = spans_from_js(text, &fixes, "修改（fixes）", "text")?;
    let skip = spans_from_js(text, &skip, "忽略（skip）", "rule")?;
    let skip: Vec<(String, Span)> = skip.into_iter().map(|(s, rule)| (rule, s)).collect();
    Ok(r.annotate_skipping(bytes, &fixes, &skip)
        .map_err(to_error)?)
}

/// `[{start, end, <key>, old?}]` (UTF-16 offsets into `text`, `key` a
/// string) as byte spans with that string.
#[cfg(feature = "docx")]
fn spans_from_js(
    text: &str,
    fixes: &JsValue,
    what: &str,
    key: &str,
) -> Result<Vec<(Span, String)>, JsError> {
    if fixes.is_undefined() || fixes.is_null() {
        return Ok(Vec::new());
    }
    let bad = |why: &str| JsError::new(&format!("{what}有误：{why}"));
    let json = js_sys::JSON::stringify(fixes)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| bad("无法转换为 JSON"))?;
    let value: serde_json::Value = serde_json::from_str(&json).map_err(to_error)?;
    let list = value
        .as_array()
        .ok_or_else(|| bad(&format!("应为数组 [{{start, end, {key}}}]")))?;
    let map = crate::output::Utf16Map::new(text);
    let mut out = Vec::with_capacity(list.len());
    for (i, fix) in list.iter().enumerate() {
        let unit = |key: &str| {
            fix[key]
                .as_u64()
                .and_then(|u| map.byte(usize::try_from(u).ok()?))
                .ok_or_else(|| bad(&format!("第 {} 条的 {key} 不是文本中的位置", i + 1)))
        };
        let (start, end) = (unit("start")?, unit("end")?);
        let new = fix[key]
            .as_str()
            .ok_or_else(|| bad(&format!("第 {} 条缺少 {key}（字符串）", i + 1)))?;
        if start > end {
            return Err(bad(&format!("第 {} 条的 start 大于 end", i + 1)));
        }
        if let Some(old) = fix.get("old").and_then(|o| o.as_str()) {
            if text[start..end] != *old {
                return Err(bad(&format!(
                    "第 {} 条要替换的文字与文件内容不符（文件已变？请重新打开文件）",
                    i + 1
                )));
            }
        }
        out.push((Span::new(start, end), new.to_string()));
    }
    Ok(out)
}

/// `summary_row(file, text, profile?)` → the row of the batch summary
/// (`report-check --summary csv`) for a text read from `file`:
/// `{file, chars, error, warning, info, missing: [label], top: [{name,
/// count}], cells: [string × 8]}`, `cells` as the CSV's columns
/// (`summary_columns()`).
#[wasm_bindgen]
pub fn summary_row(file: String, text: JsValue, profile: JsValue) -> Result<JsValue, JsValue> {
    let Some(text) = text.as_string() else {
        return Err(JsError::new("text 必须是字符串（string）").into());
    };
    let profile = profile_from_js(&profile)?;
    let report = crate::check(&text, profile.as_ref());
    let row = crate::summary::row(&file, &text, &report, profile.as_ref());
    Ok(to_js(&RowView::new(&row))?)
}

/// `summary_row_docx(file, bytes, profile?)` → [`summary_row`] of a .docx
/// (its text as Word shows it, its layout findings counted); a file that
/// is not a readable .docx gives the row of an unread file, its reason
/// in `reason` and the last cell.
#[cfg(feature = "docx")]
#[wasm_bindgen]
pub fn summary_row_docx(file: String, bytes: &[u8], profile: JsValue) -> Result<JsValue, JsValue> {
    let profile = profile_from_js(&profile)?;
    let row = match crate::check_docx(bytes, profile.as_ref()) {
        Ok(r) => crate::summary::row(&file, &r.docx.text, &r.report, profile.as_ref()),
        Err(e) => crate::summary::Row {
            file,
            outcome: Err(e.to_string()),
        },
    };
    Ok(to_js(&RowView::new(&row))?)
}

/// `summary_unread(file, reason)` → the row of a file that could not be
/// read (`reason`, in Chinese, is its last cell).
#[wasm_bindgen]
pub fn summary_unread(file: String, reason: String) -> Result<JsValue, JsError> {
    to_js(&RowView::new(&crate::summary::Row {
        file,
        outcome: Err(reason),
    }))
}

/// The columns of the batch summary, as the CLI's CSV header.
#[wasm_bindgen]
pub fn summary_columns() -> Result<JsValue, JsError> {
    to_js(&crate::summary::COLUMNS)
}

/// `summary_csv(rows)` → the CSV of rows as `summary_row` returns them
/// (only their `cells` are read): exactly what `report-check --summary
/// csv` prints, UTF-8 with a byte order mark (a leading U+FEFF), CRLF.
#[wasm_bindgen]
pub fn summary_csv(rows: JsValue) -> Result<String, JsError> {
    let not_rows = || JsError::new("rows 应为 summary_row 返回的行的数组");
    let rows = rows.dyn_into::<js_sys::Array>().map_err(|_| not_rows())?;
    let mut all = Vec::with_capacity(rows.length() as usize);
    for row in rows.iter() {
        let cells = js_sys::Reflect::get(&row, &"cells".into()).map_err(|_| not_rows())?;
        let cells = cells.dyn_into::<js_sys::Array>().map_err(|_| not_rows())?;
        let mut out: [String; 8] = Default::default();
        for (i, cell) in out.iter_mut().enumerate() {
            *cell = cells.get(i as u32).as_string().unwrap_or_default();
        }
        all.push(out);
    }
    Ok(crate::summary::csv_of_cells(all))
}

/// What the `summary_*` functions return for one file.
#[derive(Serialize)]
struct RowView<'r> {
    file: &'r str,
    chars: Option<usize>,
    error: Option<usize>,
    warning: Option<usize>,
    info: Option<usize>,
    missing: &'r [String],
    top: Vec<TopView>,
    reason: Option<&'r str>,
    cells: [String; 8],
}

#[derive(Serialize)]
struct TopView {
    name: &'static str,
    count: usize,
}

impl<'r> RowView<'r> {
    fn new(row: &'r crate::summary::Row) -> Self {
        let cells = crate::summary::cells(row);
        match &row.outcome {
            Ok(c) => RowView {
                file: &row.file,
                chars: Some(c.chars),
                error: Some(c.error),
                warning: Some(c.warning),
                info: Some(c.info),
                missing: &c.missing,
                top: c
                    .top
                    .iter()
                    .map(|&(name, count)| TopView { name, count })
                    .collect(),
                reason: None,
                cells,
            },
            Err(why) => RowView {
                file: &row.file,
                chars: None,
                error: None,
                warning: None,
                info: None,
                missing: &[],
                top: Vec::new(),
                reason: Some(why),
                cells,
            },
        }
    }
}

/// What `extract_docx` returns.
#[cfg(feature = "docx")]
#[derive(Serialize)]
struct DocxView<'d> {
    text: &'d str,
    lines: Vec<LineView>,
    parts: Vec<PartView<'d>>,
}

#[cfg(feature = "docx")]
#[derive(Serialize)]
struct LineView {
    start: crate::output::Utf16,
    end: crate::output::Utf16,
    paragraph: usize,
    row: bool,
}

#[cfg(feature = "docx")]
#[derive(Serialize)]
struct PartView<'d> {
    kind: &'d str,
    text: &'d str,
}

#[cfg(feature = "docx")]
impl<'d> DocxView<'d> {
    fn new(d: &'d crate::docx::Docx) -> Self {
        let map = crate::output::Utf16Map::new(&d.text);
        DocxView {
            text: &d.text,
            lines: d
                .lines
                .iter()
                .map(|l| LineView {
                    start: map.get(l.span.start),
                    end: map.get(l.span.end),
                    paragraph: l.paragraph,
                    row: l.kind == crate::docx::LineKind::Row,
                })
                .collect(),
            parts: d
                .parts
                .iter()
                .map(|p| PartView {
                    kind: p.kind,
                    text: &p.text,
                })
                .collect(),
        }
    }
}

/// `{findings, summary}` of a report on `text`, as `check` returns it:
/// [`report_to_json`] parsed by the engine (the report is never whole in
/// wasm memory; JSON.parse is the fastest way to build its objects).
fn report_to_js(text: &str, report: &crate::Report) -> Result<JsValue, JsValue> {
    json_parse(&report_to_json(text, report)?)
}

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` of a JS string as it is (js_sys's takes a `&str`, a
    /// copy of the whole report in wasm memory).
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(json: &js_sys::JsString) -> Result<JsValue, JsValue>;
}

/// How many bytes of JSON findings cross to JS at a time.
const PIECE: usize = 64 * 1024;
/// A grouped finding with more places than this (about 40 bytes of JSON
/// each) is written through the piece writer, which sends every full piece.
const PLACES_AT_ONCE: usize = 1500;

fn to_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// Every rule: `[{id, category, severity, description}]`.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsError> {
    let metas: Vec<&rules::Meta> = rules::registry().map(|r| r.meta()).collect();
    to_js(&metas)
}

/// The categories in display order with their Chinese labels:
/// `[{id, label}]`, e.g. `{id: "section", label: "结构"}`.
#[wasm_bindgen]
pub fn categories() -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Labelled {
        id: &'static str,
        label: &'static str,
    }
    let all = crate::finding::Category::ALL.map(|c| Labelled {
        id: c.as_str(),
        label: c.label(),
    });
    to_js(&all)
}

/// The built-in profiles: `[{id, name}]`; the first is the default.
#[wasm_bindgen]
pub fn profiles() -> Result<JsValue, JsError> {
    to_js(crate::profile::BUILTIN)
}

/// The crate version, e.g. `"0.1.0"`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// A profile for one call: a shared built-in one, or a custom one.
enum Chosen {
    Builtin(&'static Profile),
    Custom(Rc<Profile>),
}

impl AsRef<Profile> for Chosen {
    fn as_ref(&self) -> &Profile {
        match self {
            Chosen::Builtin(p) => p,
            Chosen::Custom(p) => p,
        }
    }
}

thread_local! {
    /// The last few custom profiles and their JSON, most recently used
    /// first: checking on every keystroke with the same profile, or with
    /// a few in turn (several widgets share one engine), parses and
    /// compiles each once.
    static CUSTOM: RefCell<Vec<(String, Rc<Profile>)>> = const { RefCell::new(Vec::new()) };
}

/// How many custom profiles [`CUSTOM`] keeps.
const CUSTOM_KEPT: usize = 4;

fn profile_from_js(value: &JsValue) -> Result<Chosen, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Chosen::Builtin(Profile::default_ref()));
    }
    let json = match value.as_string() {
        Some(s) => s,
        None if value.is_object() => js_sys::JSON::stringify(value)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| JsError::new("配置（profile）无法转换为 JSON"))?,
        None => return Err(JsError::new("配置（profile）应为对象或 JSON 字符串")),
    };
    if !json.trim_start().starts_with('{') {
        if let Some(p) = Profile::builtin_ref(json.trim()) {
            return Ok(Chosen::Builtin(p));
        }
    }
    let kept = CUSTOM.with_borrow_mut(|kept| {
        let i = kept.iter().position(|(j, _)| *j == json)?;
        let hit = kept.remove(i);
        let p = Rc::clone(&hit.1);
        kept.insert(0, hit);
        Some(p)
    });
    if let Some(p) = kept {
        return Ok(Chosen::Custom(p));
    }
    let profile =
        Rc::new(Profile::from_id_or_json(&json).map_err(|e| JsError::new(&e.to_string()))?);
    CUSTOM.with_borrow_mut(|kept| {
        kept.truncate(CUSTOM_KEPT - 1);
        kept.insert(0, (json, Rc::clone(&profile)));
    });
    Ok(Chosen::Custom(profile))
}

/// Plain JS objects by way of JSON: one string across the boundary and the
/// engine's own `JSON.parse`, much faster for hundreds of findings than
/// building each object field by field from wasm, and no second serializer
/// in the module.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(value).map_err(to_error)?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("JSON.parse"))
}
