//! Rules about figures: placeholders, arithmetic, scores.

pub mod placeholder;
