//! Rules about formatting: punctuation, paired marks, document numbers.
//!
//! **Adding a format rule** (the full guide, with a worked example, is
//! docs/ADDING-A-RULE.md): one file here, `name.rs`, and two lines in
//! this file, `pub mod name;` and `&name::Rule` in [`RULES`]. The file has
//!
//! - a `//!` doc comment with the headings **What it checks.**, **Why it
//!   matters.**, **Example.**, **Not flagged.**, **Follows** (the GB/T
//!   clause): `report-check --explain` and docs/rules.md print it;
//! - a `static META: Meta` (id `format/name`, category, default severity,
//!   one line of Chinese) and `impl Rule` with `check(&self, cx, sink)`;
//! - tests that fire and tests that stay quiet (`test_util::run`).
//!
//! A punctuation rule walks the marks it cares about with
//! `cx.doc.scan(&SET)`, where `static SET: Leads = Leads::chars("、，")`
//! (or `Leads::ranges` for a class), and looks around each with the char
//! helpers of [`crate::text`] (`char_at`, `char_before`, `next_non_space`,
//! `run_end`, `is_han`…); a shape (a date, a 文号) is a `regex::Regex`.
//! Rules name chars, never UTF-8 bytes. `text::quoted_ranges`/`inside`
//! give the quoted parts of a line; helpers only format rules share are in
//! `util.rs` (`Sink::emit_all`, `matches_around`).

use super::Rule;

pub mod ascii_angle;
pub mod date_form;
pub mod docnum;
pub mod doubled_punct;
pub mod ellipsis_dash;
pub mod fullwidth_digit;
pub mod garbled;
pub mod interpunct;
pub mod invisible;
pub mod line_start_punct;
pub mod mark_between_quoted;
pub mod mixed_numeral;
pub mod pairs;
pub mod punct_width;
pub mod residue;
pub mod spaces;
pub mod trailing_space;
mod util;
pub mod year_form;

/// The formatting rules, in the order they run.
pub static RULES: &[&dyn Rule] = &[
    &pairs::UnbalancedPair,
    &punct_width::HalfWidthPunct,
    &docnum::DocNumber,
    &doubled_punct::DoubledPunct,
    &line_start_punct::LineStartPunct,
    &ellipsis_dash::EllipsisDash,
    &interpunct::Interpunct,
    &ascii_angle::AsciiAngle,
    &mark_between_quoted::MarkBetweenQuoted,
    &residue::WebResidue,
    &spaces::StraySpace,
    &trailing_space::TrailingSpace,
    &garbled::Garbled,
    &invisible::InvisibleChar,
    &fullwidth_digit::FullwidthDigit,
    &mixed_numeral::MixedNumeral,
    &year_form::YearForm,
    &date_form::DateForm,
];
