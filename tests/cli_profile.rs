//! How the `report-check` command line reads a profile file (`--profile FILE`):
//! a byte order mark is accepted, bytes that are not UTF-8 are placed, and a
//! file too large to be a profile is refused without being read whole.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::{Command, Output};

use report_check::profile::MAX_JSON_BYTES;

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("report-check-cli-profile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    path
}

fn check_with(profile: &[u8], name: &str) -> Output {
    let profile = temp_file(name, profile);
    let text = temp_file(&format!("{name}.txt"), "关于教育工作的报告\n".as_bytes());
    Command::new(env!("CARGO_BIN_EXE_report-check"))
        .arg("--profile")
        .arg(&profile)
        .arg(&text)
        .output()
        .expect("runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_profile_with_a_byte_order_mark_is_read() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(r#"{"extends":"none","name":"带 BOM 的配置"}"#.as_bytes());
    let o = check_with(&bytes, "bom.json");
    assert!(o.status.code() != Some(2), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}

#[test]
fn a_profile_that_is_not_utf8_names_the_byte() {
    // `{"name":"测试` then GBK bytes.
    let mut bytes = r#"{"name":"测试"#.as_bytes().to_vec();
    let at = bytes.len();
    bytes.extend_from_slice(b"\xB2\xE2\"}");
    let o = check_with(&bytes, "gbk.json");
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("gbk.json"), "{err}");
    assert!(err.contains(&format!("第 {at} 字节")), "{err}");
}

#[test]
fn a_huge_profile_is_refused() {
    let mut bytes = br#"{"name":""#.to_vec();
    bytes.resize(MAX_JSON_BYTES + 100, b'a');
    bytes.extend_from_slice(b"\"}");
    let o = check_with(&bytes, "huge.json");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("太大"), "{}", stderr(&o));
    // A syntax error is in Chinese, with its place.
    let o = check_with(b"{\"name\":\"a\",}", "comma.json");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("第 1 行第 13 列：多余的逗号"),
        "{}",
        stderr(&o)
    );
}
