//! Rules about figures: placeholders, arithmetic, scores.

use super::Rule;

pub mod placeholder;

/// The figure rules, in the order they run.
pub static RULES: &[&dyn Rule] = &[&placeholder::Placeholder];
