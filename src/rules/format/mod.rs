//! Rules about formatting: punctuation, paired marks, document numbers.

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

pub(crate) use util::{inside, quoted_ranges};
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
