//! Rules about formatting: punctuation, paired marks, document numbers.

pub mod docnum;
pub mod pairs;
pub mod punct_width;
