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

/// How many places a grouped finding lists at most. A drafter never goes
/// through more, and a page paints at most 1,500 around the view; past it
/// the places are counted, not kept, so that a text of one mark repeated
/// (100,000 `《` on a line) costs memory for the text, not 40 bytes a place
/// in every list, report and JSON that carries them.
pub const MOST_PLACES: usize = 10_000;

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// How many places a [`Places`] holds before it drops those past the
/// first [`MOST_PLACES`].
const KEPT_AT_MOST: usize = MOST_PLACES + MOST_PLACES / 2;

/// Collects the places of one kind of problem, keeping the first
/// [`MOST_PLACES`] in the text (by span, whatever order they come in) and
/// counting all: memory stays bounded however many there are.
#[derive(Debug, Default)]
pub struct Places {
    list: Vec<Occurrence>,
    count: usize,
}

impl Places {
    pub fn push(&mut self, o: Occurrence) {
        self.count += 1;
        if self.list.len() == MOST_PLACES {
            // Grown once to its largest, not by doubling past it.
            self.list.reserve_exact(KEPT_AT_MOST - MOST_PLACES);
        }
        self.list.push(o);
        if self.list.len() >= KEPT_AT_MOST {
            self.keep_first();
        }
    }

    /// How many places were pushed.
    pub fn count(&self) -> usize {
        self.count
    }

    /// Sorts by span and drops the places past [`MOST_PLACES`]: each call
    /// on [`KEPT_AT_MOST`] places drops a third of them, so pushes cost
    /// n log n in all.
    fn keep_first(&mut self) {
        crate::sort::sort_by_key(&mut self.list, |o| o.span);
        self.list.truncate(MOST_PLACES);
    }

    /// The first places in the text, sorted by span, and how many there were in all.
    pub fn into_sorted(mut self) -> (Vec<Occurrence>, usize) {
        self.keep_first();
        (self.list, self.count)
    }
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
    /// Empty for an ordinary finding. At most [`MOST_PLACES`], the first
    /// ones in the text; the places past them are only counted (`unlisted`).
    pub occurrences: Vec<Occurrence>,
    /// How many more places than `occurrences` lists the finding stands for
    /// (a text of nothing but `《` has a place per char): 0 but past
    /// [`MOST_PLACES`].
    #[serde(skip_serializing_if = "is_zero")]
    pub unlisted: usize,
    /// A place, or the whole document (see [`Scope`]).
    #[serde(skip_serializing_if = "Scope::is_place")]
    pub scope: Scope,
}

impl Finding {
    /// How many places the finding stands for: 1, or every place of a
    /// grouped finding, listed or not.
    pub fn places(&self) -> usize {
        self.occurrences.len().max(1) + self.unlisted
    }
}
