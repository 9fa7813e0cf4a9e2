//! Rules about report structure: outline numbering, required sections,
//! opening and 落款, indicator coverage.

use super::Rule;

pub mod heading_marker;
pub mod numbering;

/// The structure rules, in the order they run.
pub static RULES: &[&dyn Rule] = &[&numbering::Numbering, &heading_marker::HeadingMarker];
