//! Rules about report structure: outline numbering, required sections,
//! opening and 落款, indicator coverage.

use super::Rule;

pub mod heading_marker;
pub mod indicators;
pub mod numbering;
pub mod sections;

/// The structure rules, in the order they run.
pub static RULES: &[&dyn Rule] = &[
    &sections::Sections,
    &numbering::Numbering,
    &heading_marker::HeadingMarker,
    &indicators::IndicatorFigures,
    &indicators::IndicatorCoverage,
];
