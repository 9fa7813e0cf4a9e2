//! Fuzzes profile parsing: any text is a profile or a clear error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use report_check::Profile;

fuzz_target!(|data: &[u8]| {
    let Ok(spec) = std::str::from_utf8(data) else {
        return;
    };
    match Profile::from_id_or_json(spec) {
        Ok(p) => assert!(p.validate().is_ok()),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
