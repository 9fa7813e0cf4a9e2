//! Fuzzes `check` on any UTF-8 text: no panic, the same answer twice, every
//! span inside the text on char boundaries, findings sorted, and the JS view
//! (`output::js_report`) exactly the UTF-16 translation of the byte spans.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use report_check::{check, Profile};

#[path = "common.rs"]
mod common;
use common::assert_invariants;

/// Grouping on: every rule that groups reports one finding with occurrences.
/// Kept across inputs, like the built-in profiles, so its phrase automata are
/// compiled once (as in the wasm API).
static GROUPED: LazyLock<Profile> = LazyLock::new(|| {
    let mut p = Profile::default();
    p.group_threshold = 1;
    p
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let default = Profile::default_ref();
    let report = check(text, default);
    assert_eq!(report, check(text, default), "not deterministic");
    assert_invariants(text, &report);
    assert_invariants(text, &check(text, &GROUPED));
});
