//! Fuzzes `check` on adversarial repetition: the input (any UTF-8 text, up to
//! a few KB) repeated to about 1 MB, where a loop that re-reads the text per
//! mark, line or pair shows (4 KB inputs hide it: a quadratic loop costs
//! microseconds there). Run with a short `-timeout` (fuzz/README.md): a slow
//! input is reported as a timeout. The same invariants as `check`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use report_check::{check, Profile};

#[path = "common.rs"]
mod common;
use common::assert_invariants;

/// About how big the repeated text is.
const SIZE: usize = 1 << 20;

fuzz_target!(|data: &[u8]| {
    let Ok(unit) = std::str::from_utf8(data) else {
        return;
    };
    if unit.is_empty() {
        return;
    }
    let text = unit.repeat(SIZE.div_ceil(unit.len()));
    assert_invariants(&text, &check(&text, Profile::default_ref()));
});
