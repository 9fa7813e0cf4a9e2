//! What a check produces: findings with byte spans into the checked text.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A byte range `[start, end)` into the checked text, always on `char` boundaries.
///
/// Spans stay in bytes inside the core; `output` converts them to UTF-16 once,
/// at the boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// The same span moved `by` bytes to the right (for spans found in a slice).
    pub fn shift(self, by: usize) -> Self {
        Span::new(self.start + by, self.end + by)
    }
}

/// The kind of problem, used for grouping and colour in the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Section,
    Numbering,
    Placeholder,
    Figure,
    Score,
    Punctuation,
    Bracket,
    Docnum,
    Whitespace,
    Encoding,
    Residue,
    Typo,
    /// The printed page of a .docx (GB/T 9704 layout).
    Layout,
}

impl Category {
    pub const ALL: [Category; 13] = [
        Category::Section,
        Category::Numbering,
        Category::Placeholder,
        Category::Figure,
        Category::Score,
        Category::Punctuation,
        Category::Bracket,
        Category::Docnum,
        Category::Whitespace,
        Category::Encoding,
        Category::Residue,
        Category::Typo,
        Category::Layout,
    ];

    /// The stable lowercase name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Section => "section",
            Category::Numbering => "numbering",
            Category::Placeholder => "placeholder",
            Category::Figure => "figure",
            Category::Score => "score",
            Category::Punctuation => "punctuation",
            Category::Bracket => "bracket",
            Category::Docnum => "docnum",
            Category::Whitespace => "whitespace",
            Category::Encoding => "encoding",
            Category::Residue => "residue",
            Category::Typo => "typo",
            Category::Layout => "layout",
        }
    }

    /// The Chinese label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Category::Section => "结构",
            Category::Numbering => "编号",
            Category::Placeholder => "占位符",
            Category::Figure => "数据",
            Category::Score => "评分",
            Category::Punctuation => "标点",
            Category::Bracket => "括号引号",
            Category::Docnum => "发文字号",
            Category::Whitespace => "空格",
            Category::Encoding => "乱码",
            Category::Residue => "网页残留",
            Category::Typo => "错别字",
            Category::Layout => "版式",
        }
    }
}

/// How serious a finding is. Ordered from most to least serious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// What a finding is about: a place in the text, or the whole document (a
/// missing part, an indicator never mentioned, a text of another type).
/// A note about the document is anchored where it belongs (the title, or
/// where a missing part was expected), but a page lists it above the
/// findings instead of highlighting that text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    #[default]
    Place,
    Document,
}

impl Scope {
    pub fn is_place(&self) -> bool {
        *self == Scope::Place
    }
}

/// One place a grouped finding applies to, with its own certain fix if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Occurrence {
    pub span: Span,
    pub suggestion: Option<Cow<'static, str>>,
}

/// One problem found in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable rule id, e.g. `format/unbalanced-pair`.
    pub rule: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// Where the problem is (for a grouped finding: its first occurrence).
    pub span: Span,
    /// Plain Chinese: what is wrong and what to do.
    pub message: String,
    /// Replacement text for `span`, only when the fix is certain (a fixed
    /// mark or an empty deletion is not allocated).
    pub suggestion: Option<Cow<'static, str>>,
    /// For a finding that stands for many identical problems (e.g. ASCII
    /// punctuation throughout a document): every place, the first included.
    /// Empty for an ordinary finding.
    pub occurrences: Vec<Occurrence>,
    /// A place, or the whole document (see [`Scope`]).
    #[serde(skip_serializing_if = "Scope::is_place")]
    pub scope: Scope,
}
