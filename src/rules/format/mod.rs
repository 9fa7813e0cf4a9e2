//! Rules about formatting: punctuation, paired marks, document numbers.

use super::Rule;

pub mod docnum;
pub mod pairs;
pub mod punct_width;

/// The formatting rules, in the order they run.
pub static RULES: &[&dyn Rule] = &[
    &pairs::UnbalancedPair,
    &punct_width::HalfWidthPunct,
    &docnum::DocNumber,
];
