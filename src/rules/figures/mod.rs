//! Rules about figures: placeholders, arithmetic, scores.

use super::{FigureRule, Rule};

mod common;
pub mod growth;
pub mod increment;
pub mod lost_digit;
pub mod lost_unit;
pub mod negative_growth;
pub mod percent;
pub mod placeholder;
pub mod plausibility;
pub mod points;
pub mod respectively;
pub mod restated;
pub mod score_note;
mod score_notes;
pub mod score_sum;
pub mod share;
pub mod totals;
pub mod unit_form;

/// The figure rules that do not read the figure list.
pub static RULES: &[&dyn Rule] = &[&placeholder::Placeholder];

/// The figure rules that read the figure list, in the order they run.
pub static FIGURE_RULES: &[&dyn FigureRule] = &[
    &growth::GrowthRate,
    &increment::Increment,
    &negative_growth::NegativeGrowth,
    &totals::PartsTotal,
    &respectively::Respectively,
    &share::Share,
    &lost_digit::LostDigit,
    &lost_unit::LostUnit,
    &percent::PercentOver100,
    &points::PercentagePoint,
    &score_sum::ScoreSum,
    &score_note::ScoreNote,
    &restated::Restated,
    &unit_form::UnitForm,
    &plausibility::Plausibility,
];
