//! Paragraph and run properties, styles (styles.xml, with `w:basedOn`),
//! document defaults and the theme's East Asian fonts.

use super::xml::{self, attr, int, on, Tag, Walk};
use super::{DocxError, Table};

/// An East Asian font as written: a name, or a theme slot
/// (`w:eastAsiaTheme="minorEastAsia"`), which wins over the name beside it.
#[derive(Debug, Clone, PartialEq)]
pub enum Font {
    Name(String),
    Theme(String),
}

/// Run properties (the ones the checks read).
#[derive(Debug, Clone, Default)]
pub struct RProps {
    pub font: Option<Font>,
    /// Half-points (`w:sz`).
    pub size: Option<u32>,
    pub vanish: Option<bool>,
    pub bold: Option<bool>,
    /// `w:rStyle`.
    pub style: Option<String>,
}

/// Paragraph properties (the ones the checks read).
#[derive(Debug, Clone, Default)]
pub struct PProps {
    pub style: Option<String>,
    pub jc: Option<String>,
    /// First-line indent in twips, and in hundredths of a char.
    pub first_line: Option<i32>,
    pub first_chars: Option<i32>,
    /// `w:spacing w:line` and `w:lineRule` (auto when absent).
    pub line: Option<(i32, String)>,
    pub outline: Option<u8>,
    pub num_id: Option<String>,
    pub ilvl: Option<usize>,
}

impl RProps {
    /// Reads one child of `w:rPr`.
    pub fn set(&mut self, e: &Tag) {
        match e.name() {
            b"w:rFonts" => {
                if let Some(t) = attr(e, b"w:eastAsiaTheme") {
                    self.font = Some(Font::Theme(t));
                } else if let Some(n) = attr(e, b"w:eastAsia") {
                    self.font = Some(Font::Name(n));
                }
            }
            b"w:sz" => self.size = int(e, b"w:val").map(|v| v.max(0) as u32),
            b"w:vanish" => self.vanish = Some(on(e)),
            b"w:b" => self.bold = Some(on(e)),
            b"w:rStyle" => self.style = attr(e, b"w:val"),
            _ => {}
        }
    }

    /// Fills what `self` lacks from `base`.
    pub fn inherit(&mut self, base: &RProps) {
        if self.font.is_none() {
            self.font.clone_from(&base.font);
        }
        self.size = self.size.or(base.size);
        self.vanish = self.vanish.or(base.vanish);
        self.bold = self.bold.or(base.bold);
    }
}

impl PProps {
    /// Reads one child of `w:pPr` (outside its `w:rPr`).
    pub fn set(&mut self, e: &Tag) {
        match e.name() {
            b"w:pStyle" => self.style = attr(e, b"w:val"),
            b"w:jc" => self.jc = attr(e, b"w:val"),
            b"w:ind" => {
                if let Some(v) = int(e, b"w:firstLineChars") {
                    self.first_chars = Some(v);
                }
                if let Some(v) = int(e, b"w:firstLine") {
                    self.first_line = Some(v);
                }
                if let Some(v) = int(e, b"w:hangingChars") {
                    self.first_chars = Some(-v);
                }
                if let Some(v) = int(e, b"w:hanging") {
                    self.first_line = Some(-v);
                }
            }
            b"w:spacing" => {
                if let Some(line) = int(e, b"w:line") {
                    let rule = attr(e, b"w:lineRule").unwrap_or_else(|| "auto".into());
                    self.line = Some((line, rule));
                }
            }
            b"w:outlineLvl" => self.outline = int(e, b"w:val").map(|v| v.clamp(0, 9) as u8),
            b"w:numId" => self.num_id = attr(e, b"w:val"),
            b"w:ilvl" => self.ilvl = int(e, b"w:val").map(|v| v.clamp(0, 8) as usize),
            _ => {}
        }
    }

    pub fn inherit(&mut self, base: &PProps) {
        self.jc = self.jc.take().or_else(|| base.jc.clone());
        // firstLineChars wins over firstLine at one level; a level that
        // sets either replaces both below it.
        if self.first_line.is_none() && self.first_chars.is_none() {
            self.first_line = base.first_line;
            self.first_chars = base.first_chars;
        }
        self.line = self.line.take().or_else(|| base.line.clone());
        self.outline = self.outline.or(base.outline);
        if self.num_id.is_none() {
            self.num_id.clone_from(&base.num_id);
            self.ilvl = self.ilvl.or(base.ilvl);
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Style {
    pub name: String,
    pub based_on: Option<String>,
    pub ppr: PProps,
    pub rpr: RProps,
}

/// styles.xml and the theme's fonts.
#[derive(Debug, Default)]
pub struct Styles {
    pub styles: Table<Style>,
    pub default_para: Option<String>,
    pub default_rpr: RProps,
    pub default_ppr: PProps,
    /// East Asian fonts of the theme: (major, minor).
    pub theme: (Option<String>, Option<String>),
}

impl Styles {
    pub fn parse(bytes: &[u8], theme: Option<&[u8]>) -> Result<Self, DocxError> {
        let mut s = Styles::default();
        let mut cur: Option<(String, Style)> = None;
        let (mut in_rpr, mut in_ppr, mut defaults, mut skip) = (false, false, false, 0usize);
        xml::walk(bytes, |w| match w {
            Walk::Open(e, empty) => {
                let name = e.name();
                if skip > 0 {
                    skip += usize::from(!empty);
                    return;
                }
                match name {
                    b"w:rPrChange" | b"w:pPrChange" | b"w:tblPr" | b"w:tblStylePr" | b"w:trPr"
                    | b"w:tcPr" | b"w:latentStyles" => skip = usize::from(!empty),
                    b"w:docDefaults" => defaults = true,
                    b"w:style" => {
                        let id = attr(e, b"w:styleId").unwrap_or_default();
                        if attr(e, b"w:type").as_deref() == Some("paragraph")
                            && attr(e, b"w:default").is_some_and(|v| v == "1" || v == "true")
                        {
                            s.default_para = Some(id.clone());
                        }
                        cur = Some((id, Style::default()));
                    }
                    b"w:name" => {
                        if let Some((_, st)) = &mut cur {
                            st.name = attr(e, b"w:val").unwrap_or_default();
                        }
                    }
                    b"w:basedOn" => {
                        if let Some((_, st)) = &mut cur {
                            st.based_on = attr(e, b"w:val");
                        }
                    }
                    b"w:rPr" => in_rpr = !empty,
                    b"w:pPr" => in_ppr = !empty,
                    _ if in_rpr => match &mut cur {
                        Some((_, st)) => st.rpr.set(e),
                        None if defaults => s.default_rpr.set(e),
                        None => {}
                    },
                    _ if in_ppr => match &mut cur {
                        Some((_, st)) => st.ppr.set(e),
                        None if defaults => s.default_ppr.set(e),
                        None => {}
                    },
                    _ => {}
                }
            }
            Walk::Close(name) => {
                if skip > 0 {
                    skip -= 1;
                    return;
                }
                match name {
                    b"w:rPr" => in_rpr = false,
                    b"w:pPr" => in_ppr = false,
                    b"w:docDefaults" => defaults = false,
                    b"w:style" => {
                        if let Some((id, st)) = cur.take() {
                            s.styles.insert(id, st);
                        }
                    }
                    _ => {}
                }
            }
            Walk::Text(_) => {}
        })?;
        if let Some(theme) = theme {
            s.theme = theme_fonts(theme)?;
        }
        Ok(s)
    }

    /// A style and those it is based on, nearest first (at most 16 deep).
    pub fn chain<'s>(&'s self, id: Option<&'s str>) -> impl Iterator<Item = &'s Style> + 's {
        let mut next = id;
        (0..16).map_while(move |_| {
            let st = self.styles.get(next?)?;
            next = st.based_on.as_deref();
            Some(st)
        })
    }

    /// The paragraph properties of a paragraph with direct `ppr`.
    pub fn para(&self, ppr: &PProps) -> PProps {
        let mut p = ppr.clone();
        let style = ppr.style.as_deref().or(self.default_para.as_deref());
        for st in self.chain(style) {
            p.inherit(&st.ppr);
        }
        p.inherit(&self.default_ppr);
        p
    }

    /// The run properties of a run with direct `rpr` in a paragraph of style `pstyle`.
    pub fn run(&self, rpr: &RProps, pstyle: Option<&str>) -> RProps {
        let mut r = rpr.clone();
        for st in self.chain(rpr.style.as_deref()) {
            r.inherit(&st.rpr);
        }
        for st in self.chain(pstyle.or(self.default_para.as_deref())) {
            r.inherit(&st.rpr);
        }
        r.inherit(&self.default_rpr);
        r
    }

    /// The font name `f` stands for (a theme slot resolved).
    pub fn font_name(&self, f: &Font) -> Option<String> {
        match f {
            Font::Name(n) => Some(n.clone()),
            Font::Theme(t) if t.starts_with("major") => self.theme.0.clone(),
            Font::Theme(_) => self.theme.1.clone(),
        }
    }
}

/// The East Asian fonts of theme1.xml: `a:ea` or the `Hans` script font.
fn theme_fonts(bytes: &[u8]) -> Result<(Option<String>, Option<String>), DocxError> {
    let mut out = (None, None);
    let mut major = None;
    xml::walk(bytes, |w| match w {
        Walk::Open(e, _) => match e.name() {
            b"a:majorFont" => major = Some(true),
            b"a:minorFont" => major = Some(false),
            b"a:ea" | b"a:font" => {
                let Some(m) = major else { return };
                let hans = e.name() == b"a:font" && attr(e, b"script").as_deref() == Some("Hans");
                let face = attr(e, b"typeface").filter(|t| !t.is_empty());
                let slot = if m { &mut out.0 } else { &mut out.1 };
                if hans || (e.name() == b"a:ea" && slot.is_none()) {
                    if let Some(face) = face {
                        *slot = Some(face);
                    }
                }
            }
            _ => {}
        },
        Walk::Close(b"a:majorFont" | b"a:minorFont") => major = None,
        _ => {}
    })?;
    Ok(out)
}
