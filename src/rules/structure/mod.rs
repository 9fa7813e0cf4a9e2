//! Rules about report structure: outline numbering, required sections,
//! opening and 落款, indicator coverage.

use super::Rule;

pub mod addressee;
pub mod heading_marker;
pub mod indicators;
pub mod numbering;
pub mod opening;
pub mod sections;
pub mod signature;
pub mod title;

/// The structure rules, in the order they run.
pub static RULES: &[&dyn Rule] = &[
    &sections::Sections,
    &title::Title,
    &addressee::Addressee,
    &opening::Opening,
    &signature::Signature,
    &numbering::Numbering,
    &heading_marker::HeadingMarker,
    &indicators::IndicatorFigures,
    &indicators::IndicatorCoverage,
];

/// The rules split out of `structure/sections`: a profile that sets
/// `structure/sections` and not one of these sets it too (so
/// `"structure/sections": false` still turns off every check of the parts).
pub const PARTS_OF_SECTIONS: [&str; 4] = [
    "structure/title",
    "structure/addressee",
    "structure/opening",
    "structure/signature",
];
