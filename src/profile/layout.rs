//! The `layout` section of a profile: what GB/T 9704—2012 prescribes for
//! the printed page, every number a setting (practice differs: 37 mm or
//! 34.6 mm 天头, 28 or 29.5 pt line spacing, 仿宋 or 仿宋_GB2312).

use serde::Serialize;

/// The page a `layout/…` rule expects of a .docx. Lengths in mm, sizes in pt.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayoutSpec {
    /// A4: 210 × 297 mm.
    pub page_width_mm: f64,
    pub page_height_mm: f64,
    /// 天头 (top margin) and 订口 (left margin).
    pub margin_top_mm: f64,
    pub margin_left_mm: f64,
    /// The text block (版心): 156 × 225 mm.
    pub text_width_mm: f64,
    pub text_height_mm: f64,
    /// How far a page size, margin or text block may be off.
    pub tolerance_mm: f64,
    /// Fonts, as parts of a font name (`仿宋` takes `仿宋_GB2312`).
    pub title_fonts: Vec<String>,
    pub body_fonts: Vec<String>,
    pub heading1_fonts: Vec<String>,
    pub heading2_fonts: Vec<String>,
    /// 二号 22 pt, 三号 16 pt.
    pub title_size_pt: f64,
    pub body_size_pt: f64,
    /// 22 lines a page (`w:docGrid`), or an exact line spacing of about 28 pt.
    pub lines_per_page: f64,
    pub line_spacing_pt: f64,
    pub line_tolerance_pt: f64,
    /// First-line indent in chars.
    pub indent_chars: f64,
    /// The page number's size: 四号 14 pt.
    pub page_number_size_pt: f64,
}

impl Default for LayoutSpec {
    fn default() -> Self {
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect();
        LayoutSpec {
            page_width_mm: 210.0,
            page_height_mm: 297.0,
            margin_top_mm: 37.0,
            margin_left_mm: 28.0,
            text_width_mm: 156.0,
            text_height_mm: 225.0,
            tolerance_mm: 1.0,
            title_fonts: names(&["小标宋", "XBS"]),
            body_fonts: names(&["仿宋", "FangSong"]),
            heading1_fonts: names(&["黑体", "SimHei"]),
            heading2_fonts: names(&["楷体", "KaiTi"]),
            title_size_pt: 22.0,
            body_size_pt: 16.0,
            lines_per_page: 22.0,
            line_spacing_pt: 28.0,
            line_tolerance_pt: 1.5,
            indent_chars: 2.0,
            page_number_size_pt: 14.0,
        }
    }
}
