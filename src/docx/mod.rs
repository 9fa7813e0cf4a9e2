//! Reading a .docx: its body text as the page shows it (automatic
//! numbering materialised, tracked changes accepted, hidden text left
//! out, tables one row a line with cells separated by tabs), the headers,
//! footers and notes apart, and the layout facts the `layout/…` rules
//! check. Every line of the text maps back to its paragraphs and runs.
//!
//! Never panics: a file that is not a .docx, or is damaged, or inflates
//! past [`zip::ENTRY_LIMIT`], gets a [`DocxError`] with a Chinese message.

pub mod annotate;
pub mod numbering;
pub mod styles;
pub mod xml;
pub mod zip;

use std::fmt;

use crate::finding::Span;
use numbering::Numbering;
use styles::{PProps, RProps, Styles};
use xml::{attr, int, Walk};

/// A small map by string key: a list searched in order. A document has a
/// few hundred styles and lists at most; a `BTreeMap` per value type cost
/// about 20 KB of wasm code.
#[derive(Debug, Clone)]
pub struct Table<T>(Vec<(String, T)>);

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table(Vec::new())
    }
}

impl<T> Table<T> {
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Sets `key` (the last definition of a key wins, as in Word).
    pub fn insert(&mut self, key: String, value: T) {
        match self.0.iter().position(|(k, _)| *k == key) {
            Some(i) => self.0[i].1 = value,
            None => self.0.push((key, value)),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &T)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<T: Default> Table<T> {
    /// The value of `key`, added as the default when missing.
    pub fn entry(&mut self, key: &str) -> &mut T {
        let i = match self.0.iter().position(|(k, _)| k == key) {
            Some(i) => i,
            None => {
                self.0.push((key.to_string(), T::default()));
                self.0.len() - 1
            }
        };
        &mut self.0[i].1
    }
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// A .doc / .wps (OLE compound file).
    OldWord,
    /// Not a zip at all.
    NotDocx,
    /// A zip without a Word document in it.
    NoDocument,
    Encrypted,
    TooLarge,
    Damaged(&'static str),
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocxError::OldWord => f.write_str(
                "这是旧版 Word（.doc）或 WPS（.wps）文件，不是 .docx：请在 Word/WPS 中另存为 .docx 后再打开",
            ),
            DocxError::NotDocx => {
                f.write_str("这不是 .docx 文件：请在 Word/WPS 中另存为 .docx 后再打开")
            }
            DocxError::NoDocument => f.write_str(
                "这个压缩包里没有 Word 正文（word/document.xml），不是 .docx 文件：请在 Word/WPS 中另存为 .docx 后再打开",
            ),
            DocxError::Encrypted => {
                f.write_str("文件已加密：请在 Word/WPS 中取消密码后另存为 .docx 再打开")
            }
            DocxError::TooLarge => f.write_str(
                "文件解压后过大（超过 64 MB），无法打开：请确认这是正常的报告文件",
            ),
            DocxError::Damaged(why) => write!(
                f,
                "文件已损坏，无法读取（{why}）：请在 Word/WPS 中打开并另存为 .docx 后再试"
            ),
        }
    }
}

impl std::error::Error for DocxError {}

/// One run's text in the extracted text, and where the run is in document.xml.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunRef {
    /// Its text in [`Docx::text`].
    pub span: Span,
    /// `<w:r …>` … `</w:r>` in document.xml.
    pub xml: (usize, usize),
    /// Index into [`Docx::fonts`] of its East Asian font.
    pub font: Option<u16>,
    /// Its size in half-points.
    pub size: Option<u32>,
    pub bold: bool,
}

/// What a line of the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Paragraph,
    /// A table row: cells separated by tabs.
    Row,
}

/// One line of [`Docx::text`]: a paragraph or a table row.
#[derive(Debug, Clone)]
pub struct Line {
    pub span: Span,
    pub kind: LineKind,
    /// The ordinal of its (first) paragraph among all `w:p` of the body.
    pub paragraph: usize,
    /// The materialised numbering label at its start, if any.
    pub label: Option<Span>,
    pub runs: Vec<RunRef>,
    /// `<w:p …>` … `</w:p>` of its first paragraph in document.xml.
    pub xml: (usize, usize),
    /// The effective properties of its (first) paragraph.
    pub style: Option<String>,
    pub jc: Option<String>,
    pub first_line: Option<i32>,
    pub first_chars: Option<i32>,
    pub line_spacing: Option<(i32, String)>,
    pub outline: Option<u8>,
}

/// A section's page: sizes in twips (1/1440 inch).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Section {
    pub width: i32,
    pub height: i32,
    pub top: i32,
    pub bottom: i32,
    pub left: i32,
    pub right: i32,
    pub gutter: i32,
    /// `w:docGrid`: type, linePitch (twips), charSpace.
    pub grid: Option<String>,
    pub line_pitch: Option<i32>,
    pub char_space: Option<i32>,
    /// The text line of the first paragraph after which this section ends.
    pub ends_before_line: usize,
}

/// A header, footer or note part, kept apart from the body.
#[derive(Debug, Clone)]
pub struct Part {
    /// `header`, `footer`, `footnotes`, `endnotes`.
    pub kind: &'static str,
    pub name: String,
    pub text: String,
    /// A footer or header with a PAGE field.
    pub page_number: bool,
    /// The size in half-points of the page number's runs.
    pub page_number_size: Option<u32>,
}

/// A read .docx.
#[derive(Debug, Clone, Default)]
pub struct Docx {
    /// The body text: one line per paragraph or table row, `\n` between.
    pub text: String,
    pub lines: Vec<Line>,
    pub parts: Vec<Part>,
    pub sections: Vec<Section>,
    /// The East Asian font names the runs use.
    pub fonts: Vec<String>,
    /// Where the main document is in the zip (for the annotator).
    pub main: String,
}

impl Docx {
    /// The font name of a run.
    pub fn font(&self, run: &RunRef) -> Option<&str> {
        run.font
            .and_then(|i| self.fonts.get(usize::from(i)))
            .map(String::as_str)
    }

    /// The line that holds byte `at` of the text.
    pub fn line_at(&self, at: usize) -> Option<&Line> {
        let i = self.lines.partition_point(|l| l.span.end < at);
        self.lines.get(i)
    }

    /// Whether any footer has a page number.
    pub fn footer_page_number(&self) -> bool {
        self.parts
            .iter()
            .any(|p| p.kind == "footer" && p.page_number)
    }
}

/// Reads a .docx from its bytes.
pub fn read(bytes: &[u8]) -> Result<Docx, DocxError> {
    let zip = zip::Archive::new(bytes)?;
    let mut budget = zip::TOTAL_LIMIT;
    let mut get = |name: &str| -> Result<Option<Vec<u8>>, DocxError> {
        let Some(e) = zip.find(name) else {
            return Ok(None);
        };
        let data = zip.read(e, zip::ENTRY_LIMIT.min(budget))?;
        budget = budget.saturating_sub(data.len());
        Ok(Some(data))
    };
    let main = get("_rels/.rels")?
        .and_then(|r| rels(&r, "officeDocument").into_iter().next())
        .map(|(_, t)| t.trim_start_matches('/').to_string())
        .unwrap_or_else(|| "word/document.xml".into());
    let dir = main.rsplit_once('/').map_or("", |(d, _)| d).to_string();
    let join = |t: &str| {
        if let Some(abs) = t.strip_prefix('/') {
            abs.to_string()
        } else if dir.is_empty() {
            t.to_string()
        } else {
            format!("{dir}/{t}")
        }
    };
    let document = get(&main)?.ok_or(DocxError::NoDocument)?;
    let rel_name = match main.rsplit_once('/') {
        Some((d, f)) => format!("{d}/_rels/{f}.rels"),
        None => format!("_rels/{main}.rels"),
    };
    let doc_rels = get(&rel_name)?.map(|r| rels(&r, "")).unwrap_or_default();
    let target = |kind: &str| {
        doc_rels
            .iter()
            .filter(|(t, _)| t.rsplit('/').next() == Some(kind))
            .map(|(_, target)| join(target))
            .collect::<Vec<_>>()
    };
    let first = |kind: &str, fallback: &str| {
        target(kind)
            .into_iter()
            .next()
            .unwrap_or_else(|| format!("word/{fallback}"))
    };
    let theme = get(&first("theme", "theme/theme1.xml"))?;
    let styles = match get(&first("styles", "styles.xml"))? {
        Some(s) => Styles::parse(&s, theme.as_deref())?,
        None => Styles::default(),
    };
    let mut numbering = match get(&first("numbering", "numbering.xml"))? {
        Some(n) => Numbering::parse(&n)?,
        None => Numbering::default(),
    };
    let mut out = Docx {
        main: main.clone(),
        ..Docx::default()
    };
    let body = Reader::new(&styles, Some(&mut numbering), &mut out.fonts).run(&document)?;
    out.text = body.text;
    out.lines = body.lines;
    out.sections = body.sections;
    for (kind, names) in [
        ("header", target("header")),
        ("footer", target("footer")),
        ("footnotes", target("footnotes")),
        ("endnotes", target("endnotes")),
    ] {
        for name in names {
            if let Some(xml) = get(&name)? {
                let r = Reader::new(&styles, None, &mut out.fonts).run(&xml)?;
                out.parts.push(Part {
                    kind,
                    name,
                    text: r.text,
                    page_number: r.page_field,
                    page_number_size: r.page_field_size,
                });
            }
        }
    }
    Ok(out)
}

/// The relationships of a .rels part: (type, target), those whose type
/// ends with `kind` (all when empty).
fn rels(bytes: &[u8], kind: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let _ = xml::walk(bytes, |w| {
        if let Walk::Open(e, _) = w {
            if e.name() == b"Relationship" {
                let t = attr(e, b"Type").unwrap_or_default();
                let external = attr(e, b"TargetMode").is_some_and(|m| m == "External");
                if !external && t.ends_with(kind) {
                    out.push((t, attr(e, b"Target").unwrap_or_default()));
                }
            }
        }
    });
    out
}

/// What one walk over a part produced.
#[derive(Default)]
struct Walked {
    text: String,
    lines: Vec<Line>,
    sections: Vec<Section>,
    page_field: bool,
    page_field_size: Option<u32>,
}

/// Subtrees whose text the page does not show as body text. A table
/// searched in order: a `match` on the names compiled to 1.7 KB of wasm
/// code (193 B gzip).
static SKIPPED: &[&[u8]] = &[
    b"w:del",
    b"w:moveFrom",
    b"w:delText",
    b"w:delInstrText",
    b"mc:Fallback",
    b"w:txbxContent",
    b"w:drawing",
    b"w:pict",
    b"w:object",
    b"w:rPrChange",
    b"w:pPrChange",
    b"w:sectPrChange",
    b"w:tblPrChange",
    b"w:trPrChange",
    b"w:tcPrChange",
    b"w:numberingChange",
    b"w:sdtPr",
    b"w:footnoteReference",
    b"w:endnoteReference",
];

fn skipped(name: &[u8]) -> bool {
    SKIPPED.contains(&name)
}

/// A table row being read: its text, runs, first paragraph's ordinal,
/// `<w:tr>` start in the XML and first paragraph's direct properties.
type Row = (String, Vec<RunRef>, usize, (usize, usize), PProps);

/// The walk over one part: the state of the paragraph, run and table being read.
struct Reader<'s, 'n> {
    styles: &'s Styles,
    numbering: Option<&'n mut Numbering>,
    fonts: &'n mut Vec<String>,
    out: Walked,
    skip: usize,
    /// Inside `w:pPr` / `w:rPr` (of a run, not of the paragraph mark).
    in_ppr: bool,
    in_mark_rpr: bool,
    in_rpr: bool,
    in_sect: bool,
    ppr: PProps,
    rpr: RProps,
    /// The paragraph being read: its text and runs (spans into `para`).
    para: String,
    runs: Vec<RunRef>,
    para_xml: (usize, usize),
    run_start: usize,
    run_text: usize,
    run_hidden: bool,
    /// Table nesting, the row being read and whether a cell has begun.
    tables: usize,
    row: Option<Row>,
    cell_started: bool,
    cell_paras: usize,
    paragraphs: usize,
    section: Section,
    field_page: bool,
    pending_sections: Vec<Section>,
    /// Inside `w:t` (`Some(true)`) or `w:instrText` (`Some(false)`): only
    /// their text is content (the walk reports the gaps between tags too).
    in_t: Option<bool>,
    instr: String,
}

impl<'s, 'n> Reader<'s, 'n> {
    fn new(
        styles: &'s Styles,
        numbering: Option<&'n mut Numbering>,
        fonts: &'n mut Vec<String>,
    ) -> Self {
        Reader {
            styles,
            numbering,
            fonts,
            out: Walked::default(),
            skip: 0,
            in_ppr: false,
            in_mark_rpr: false,
            in_rpr: false,
            in_sect: false,
            ppr: PProps::default(),
            rpr: RProps::default(),
            para: String::new(),
            runs: Vec::new(),
            para_xml: (0, 0),
            run_start: 0,
            run_text: 0,
            run_hidden: false,
            tables: 0,
            row: None,
            cell_started: false,
            cell_paras: 0,
            paragraphs: 0,
            section: Section::default(),
            field_page: false,
            pending_sections: Vec::new(),
            in_t: None,
            instr: String::new(),
        }
    }

    fn run(mut self, bytes: &[u8]) -> Result<Walked, DocxError> {
        xml::walk_at(bytes, &mut |w, from, to| match w {
            Walk::Open(e, empty) => self.open(e, empty, from, to),
            Walk::Close(name) => self.close(name, to),
            Walk::Text(t) => self.text(t),
        })?;
        // Sections end where their sectPr was read.
        self.out.sections.append(&mut self.pending_sections);
        Ok(self.out)
    }

    fn open(&mut self, e: &xml::Tag, empty: bool, from: usize, to: usize) {
        let name = e.name();
        if self.skip > 0 {
            self.skip += usize::from(!empty);
            return;
        }
        if name == b"w:instrText" || name == b"w:t" {
            // Field instructions are not shown; a PAGE field marks page numbers.
            self.in_t = Some(name == b"w:t").filter(|_| !empty);
            self.instr.clear();
            return;
        }
        // In a header or footer a text box is read: WPS's 插入页码 puts
        // the page number in one (its VML copy in mc:Fallback stays out).
        let boxed = matches!(name, b"w:drawing" | b"w:pict" | b"w:txbxContent");
        if skipped(name) && !(boxed && self.numbering.is_none()) {
            self.skip = usize::from(!empty);
            return;
        }
        if self.in_sect {
            let s = &mut self.section;
            match name {
                b"w:pgSz" => {
                    s.width = int(e, b"w:w").unwrap_or(0);
                    s.height = int(e, b"w:h").unwrap_or(0);
                }
                b"w:pgMar" => {
                    s.top = int(e, b"w:top").unwrap_or(0);
                    s.bottom = int(e, b"w:bottom").unwrap_or(0);
                    s.left = int(e, b"w:left").unwrap_or(0);
                    s.right = int(e, b"w:right").unwrap_or(0);
                    s.gutter = int(e, b"w:gutter").unwrap_or(0);
                }
                b"w:docGrid" => {
                    s.grid = attr(e, b"w:type");
                    s.line_pitch = int(e, b"w:linePitch");
                    s.char_space = int(e, b"w:charSpace");
                }
                _ => {}
            }
            return;
        }
        match name {
            b"w:p" => {
                self.ppr = PProps::default();
                self.para.clear();
                self.runs.clear();
                self.para_xml = (from, to);
                if empty {
                    self.end_paragraph(to);
                }
            }
            b"w:pPr" => self.in_ppr = !empty,
            b"w:rPr" if self.in_ppr => self.in_mark_rpr = !empty,
            b"w:rPr" => self.in_rpr = !empty,
            b"w:sectPr" => {
                self.section = Section {
                    ends_before_line: self.out.lines.len() + 1,
                    ..Section::default()
                };
                self.in_sect = !empty;
                if empty {
                    self.pending_sections.push(self.section.clone());
                }
            }
            b"w:r" => {
                self.rpr = RProps::default();
                self.run_start = from;
                self.run_text = self.para.len();
                self.run_hidden = false;
                if empty {
                    self.run_start = usize::MAX;
                }
            }
            b"w:tbl" => {
                self.tables += 1;
            }
            b"w:tr" if self.tables == 1 => {
                self.row = Some((
                    String::new(),
                    Vec::new(),
                    self.paragraphs,
                    (from, to),
                    PProps::default(),
                ));
                self.cell_started = false;
            }
            b"w:tc" if self.tables == 1 => {
                if let Some(row) = &mut self.row {
                    if self.cell_started {
                        row.0.push('\t');
                    }
                }
                self.cell_started = true;
                self.cell_paras = 0;
            }
            b"w:fldSimple" if attr(e, b"w:instr").is_some_and(|i| is_page_field(&i)) => {
                self.out.page_field = true;
                self.field_page = true;
            }
            b"w:fldChar" => {}
            b"w:tab" if !self.in_ppr && !self.in_rpr => {
                self.push_text(if self.row.is_some() { " " } else { "\t" })
            }
            b"w:br" | b"w:cr" => {
                let page = attr(e, b"w:type").is_some_and(|t| t == "page" || t == "column");
                if !page {
                    self.push_text(if self.row.is_some() { " " } else { "\n" });
                }
            }
            b"w:noBreakHyphen" => self.push_text("-"),
            _ if self.in_ppr && !self.in_mark_rpr => self.ppr.set(e),
            _ if self.in_rpr => self.rpr.set(e),
            _ => {}
        }
    }

    fn close(&mut self, name: &[u8], to: usize) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        if self.in_sect {
            if name == b"w:sectPr" {
                self.in_sect = false;
                self.pending_sections.push(self.section.clone());
            }
            return;
        }
        match name {
            b"w:t" => self.in_t = None,
            b"w:instrText" => {
                self.in_t = None;
                if is_page_field(&self.instr) {
                    self.out.page_field = true;
                    self.field_page = true;
                }
            }
            b"w:pPr" => {
                self.in_ppr = false;
                self.in_mark_rpr = false;
            }
            b"w:rPr" if self.in_ppr => self.in_mark_rpr = false,
            b"w:rPr" => {
                self.in_rpr = false;
                let style = self.effective_style();
                let r = self.styles.run(&self.rpr, style.as_deref());
                self.run_hidden = r.vanish == Some(true);
            }
            b"w:r" => self.end_run(to),
            b"w:p" => self.end_paragraph(to),
            b"w:tc" if self.tables == 1 => {}
            b"w:tr" if self.tables == 1 => {
                if let Some((text, runs, paragraph, xml, ppr)) = self.row.take() {
                    let p = self.styles.para(&ppr);
                    self.push_line(text, runs, paragraph, None, (xml.0, to), LineKind::Row, p);
                }
            }
            b"w:tbl" => self.tables = self.tables.saturating_sub(1),
            _ => {}
        }
    }

    fn effective_style(&self) -> Option<String> {
        self.ppr
            .style
            .clone()
            .or_else(|| self.styles.default_para.clone())
    }

    fn text(&mut self, t: &str) {
        if self.skip > 0 || self.in_sect || self.in_ppr || self.in_rpr {
            return;
        }
        match self.in_t {
            Some(true) if self.run_start != usize::MAX => self.push_text(t),
            Some(false) => self.instr.push_str(t),
            _ => {}
        }
    }

    fn push_text(&mut self, t: &str) {
        if self.run_hidden {
            return;
        }
        self.para.push_str(t);
    }

    fn end_run(&mut self, to: usize) {
        let start = self.run_text;
        if self.run_start == usize::MAX || self.para.len() <= start {
            self.run_start = usize::MAX;
            return;
        }
        let style = self.effective_style();
        let r = self.styles.run(&self.rpr, style.as_deref());
        let font = r
            .font
            .as_ref()
            .and_then(|f| self.styles.font_name(f))
            .map(|n| match self.fonts.iter().position(|f| *f == n) {
                Some(i) => i as u16,
                None => {
                    self.fonts.push(n);
                    (self.fonts.len() - 1) as u16
                }
            });
        if self.field_page {
            self.field_page = false;
            self.out.page_field_size = self.out.page_field_size.or(r.size);
        }
        self.runs.push(RunRef {
            span: Span::new(start, self.para.len()),
            xml: (self.run_start, to),
            font,
            size: r.size,
            bold: r.bold == Some(true),
        });
        self.run_start = usize::MAX;
    }

    fn end_paragraph(&mut self, to: usize) {
        self.paragraphs += 1;
        let p = self.styles.para(&self.ppr);
        let mut label = String::new();
        if let (Some(num), Some(id)) = (self.numbering.as_deref_mut(), p.num_id.as_deref()) {
            // No level given: the level bound to the paragraph's style (w:lvl/w:pStyle).
            let style = p.style.as_deref().or(self.styles.default_para.as_deref());
            let ilvl = p
                .ilvl
                .or_else(|| style.and_then(|s| num.level_of_style(id, s)))
                .unwrap_or(0);
            if let Some(l) = num.next(id, ilvl) {
                label = l;
            }
        }
        let mut text = std::mem::take(&mut self.para);
        let mut runs = std::mem::take(&mut self.runs);
        let label_span = (!label.is_empty()).then(|| Span::new(0, label.len()));
        if !label.is_empty() {
            for r in &mut runs {
                r.span = r.span.shift(label.len());
            }
            text.insert_str(0, &label);
        }
        if let Some(row) = &mut self.row {
            if self.cell_paras > 0 && !text.is_empty() {
                row.0.push(' ');
            }
            if row.1.is_empty() && row.4.style.is_none() {
                row.4 = self.ppr.clone();
            }
            let shift = row.0.len();
            // Tabs inside a cell would read as cell breaks.
            row.0.push_str(&text.replace(['\t', '\n'], " "));
            row.1.extend(runs.into_iter().map(|mut r| {
                r.span = r.span.shift(shift);
                r
            }));
            self.cell_paras += 1;
        } else {
            let xml = (self.para_xml.0, to);
            let paragraph = self.paragraphs - 1;
            self.push_line(
                text,
                runs,
                paragraph,
                label_span,
                xml,
                LineKind::Paragraph,
                p,
            );
        }
        self.ppr = PProps::default();
    }

    #[allow(clippy::too_many_arguments)]
    fn push_line(
        &mut self,
        text: String,
        runs: Vec<RunRef>,
        paragraph: usize,
        label: Option<Span>,
        xml: (usize, usize),
        kind: LineKind,
        p: PProps,
    ) {
        let out = &mut self.out;
        if !out.lines.is_empty() {
            out.text.push('\n');
        }
        let base = out.text.len();
        out.text.push_str(&text);
        out.lines.push(Line {
            span: Span::new(base, out.text.len()),
            kind,
            paragraph,
            label: label.map(|l| l.shift(base)),
            runs: runs
                .into_iter()
                .map(|mut r| {
                    r.span = r.span.shift(base);
                    r
                })
                .collect(),
            xml,
            style: p.style,
            jc: p.jc,
            first_line: p.first_line,
            first_chars: p.first_chars,
            line_spacing: p.line,
            outline: p.outline,
        });
    }
}

fn is_page_field(instr: &str) -> bool {
    instr
        .split_whitespace()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("PAGE"))
}
