//! Rules about wording: typos and misused characters, from data tables.

use super::Rule;

pub mod de_after_verb;
pub mod de_before_verb;
pub mod duplicate;
pub mod typo;

/// The wording rules, in the order they run.
pub static RULES: &[&dyn Rule] = &[
    &typo::Typo,
    &de_after_verb::DeAfterVerb,
    &de_before_verb::DeBeforeVerb,
    &duplicate::Duplicate,
];
