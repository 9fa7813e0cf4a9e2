//! Fuzzes profile reading: any bytes are a profile or a clear Chinese error,
//! never a panic; a profile read is valid and reads back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use report_check::Profile;

/// In Chinese, from the reader (serde's English names no field and has no
/// Chinese; the user's own words may be quoted in the message).
fn assert_clear(e: &report_check::ProfileError) {
    let message = e.to_string();
    assert!(message.starts_with("配置（profile）"), "{message}");
    let own: String = e.message.replace(&e.field, "");
    assert!(own.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{message}");
}

fuzz_target!(|data: &[u8]| {
    // A file's bytes, as the CLI reads `--profile FILE`.
    match Profile::from_json_bytes(data) {
        Ok(p) => {
            assert!(p.validate().is_ok());
            let json = serde_json::to_string(&p).expect("serialises");
            let json = json.replacen('{', r#"{"extends":"none","#, 1);
            assert_eq!(Profile::from_json(&json).as_ref(), Ok(&p));
        }
        Err(e) => assert_clear(&e),
    }
    // What a user types: a built-in id or JSON.
    if let Ok(spec) = std::str::from_utf8(data) {
        match Profile::from_id_or_json(spec) {
            Ok(p) => assert!(p.validate().is_ok()),
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
});
