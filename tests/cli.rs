//! The `report-check` command line: output formats, exit codes, bad input.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_report-check"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("runs")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    // The command may exit (e.g. on a bad profile) before it reads its input.
    let _ = child.stdin.take().expect("stdin").write_all(input);
    child.wait_with_output().expect("finishes")
}

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("report-check-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    path
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn text_format_is_compiler_style_and_exit_1_on_errors() {
    let file = temp_file("a.txt", "标题\n印发[2021]3号文件,全年20xx次".as_bytes());
    let o = run(&[file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let first = out.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(&format!("{}:2:3: error [format/docnum] ", file.display())),
        "{out}"
    );
    assert!(
        out.contains(":2:13: warning [format/half-width-punct]"),
        "{out}"
    );
    assert!(out.contains("[figures/placeholder]"), "{out}");
}

#[test]
fn exit_0_without_error_findings() {
    let o = run_stdin(&["-"], "全面落实党的教育方针,推动发展。".as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("-:1:11: warning [format/half-width-punct]"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn json_is_the_wasm_object_plus_file() {
    let text = "😀20xx年\r\n（未闭合";
    let file = temp_file("b.txt", text.as_bytes());
    let o = run(&["--format", "json", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(v["file"], file.to_str().unwrap());
    let findings = v["findings"].as_array().expect("findings");
    let utf16: Vec<u16> = text.encode_utf16().collect();
    for f in findings {
        let (s, e) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        let cut = String::from_utf16(&utf16[s..e]).unwrap();
        assert!(["20xx", "（"].contains(&cut.as_str()), "{cut}");
    }
    assert_eq!(findings[0]["start"], 2);
    assert_eq!(findings[1]["line"], 2);
    assert_eq!(v["summary"]["total"], 2);

    // Several files: an array of such objects.
    let o = run(&[
        "--format=json",
        file.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(v.as_array().map(Vec::len), Some(2));
}

#[test]
fn profile_file_switches_rules() {
    let profile = temp_file("p.json", br#"{"rules":{"figures/placeholder":false}}"#);
    let o = run_stdin(
        &["--profile", profile.to_str().unwrap(), "-"],
        "全年20xx次".as_bytes(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));

    let bad = temp_file("bad.json", br#"{"rules":{"figures/placeholdr":false}}"#);
    let o = run_stdin(&["--profile", bad.to_str().unwrap(), "-"], b"x");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("rules.figures/placeholdr"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn profile_by_builtin_name() {
    // The usage promises built-in names; every id of --list-profiles loads.
    for id in [
        "default",
        "self-evaluation",
        "self-inspection",
        "annual-summary",
    ] {
        let o = run_stdin(&["--profile", id, "-"], "全年开展活动3次。".as_bytes());
        assert_ne!(o.status.code(), Some(2), "{id}: {}", stderr(&o));
    }
}

#[test]
fn usage_and_io_errors_exit_2_with_a_message() {
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec![], "没有给出要检查的文件"),
        (vec!["--format".into(), "xml".into(), "x".into()], "xml"),
        (vec!["--bogus".into()], "--bogus"),
        (vec!["/no/such/file.txt".into()], "/no/such/file.txt"),
        (vec![std::env::temp_dir().display().to_string()], "目录"),
        (
            vec!["--profile".into(), "no-such-profile".into(), "x".into()],
            "no-such-profile",
        ),
    ];
    for (args, needle) in cases {
        let o = bin().args(&args).output().expect("runs");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(needle), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{args:?}");
    }
    let latin1 = temp_file("latin1.txt", b"caf\xe9 \xff");
    let o = run(&[latin1.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("UTF-8"), "{}", stderr(&o));
}

#[test]
fn list_rules_and_version() {
    let o = run(&["--list-rules"]);
    assert_eq!(o.status.code(), Some(0));
    for id in [
        "figures/placeholder",
        "format/unbalanced-pair",
        "format/half-width-punct",
        "format/docnum",
    ] {
        assert!(stdout(&o).contains(id), "{id}");
    }
    let o = run(&["--version"]);
    assert!(stdout(&o).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn input_over_the_size_limit_is_refused() {
    // Exactly at the limit is read; one byte more is an error (exit 2).
    let ten = temp_file("ten.txt", "甲乙丙x".as_bytes());
    assert_eq!(
        run(&["--max-bytes", "10", ten.to_str().unwrap()])
            .status
            .code(),
        Some(1)
    );
    let o = run(&["--max-bytes=9", ten.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("上限"), "{}", stderr(&o));
    assert!(stderr(&o).contains("--max-bytes"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    // Sizes with a unit.
    assert_eq!(
        run(&["--max-bytes", "1K", ten.to_str().unwrap()])
            .status
            .code(),
        Some(1)
    );
    let o = run_stdin(&["--max-bytes", "1k", "-"], &[b'a'; 1025]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("标准输入"), "{}", stderr(&o));
    // Past 4G-1: the core keeps offsets as u32.
    for bad in [
        "0",
        "abc",
        "-5",
        "10X",
        "",
        "99999999999G",
        "4G",
        "4294967296",
    ] {
        let o = run(&["--max-bytes", bad, ten.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(stderr(&o).contains("--max-bytes"), "{bad}: {}", stderr(&o));
    }
}

/// An endless input stops being read at the limit: the command answers
/// at once instead of filling the memory.
#[test]
fn reading_stops_at_the_limit() {
    #[cfg(unix)]
    {
        let o = run(&["--max-bytes", "1M", "/dev/zero"]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("上限"), "{}", stderr(&o));
    }
    let mut child = bin()
        .args(["--max-bytes", "1M", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        let chunk = vec![0u8; 1 << 16];
        let mut written = 0usize;
        // Up to 1 GB, unless the command stops reading first.
        while written < 1 << 30 && stdin.write_all(&chunk).is_ok() {
            written += chunk.len();
        }
        written
    });
    let o = child.wait_with_output().expect("finishes");
    let written = writer.join().expect("writer");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(written < 64 << 20, "{written} bytes taken");
}

#[test]
fn stdin_twice_is_refused() {
    let o = run_stdin(&["-", "-"], "全年20xx次".as_bytes());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("只能读一次"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
}

#[test]
fn text_output_escapes_control_characters() {
    // A nested title whose fix quotes the text, ESC sequences and a BEL in it.
    let text = "印发《关于《乙\u{1b}]0;标题\u{7}丙\u{1b}[2J\u{9b}》的通知》，全年20xx次\u{1b}[8m";
    let o = run_stdin(&["-"], text.as_bytes());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        !out.chars().any(|c| c.is_control() && c != '\n'),
        "control characters in {out:?}"
    );
    assert!(
        out.contains("〈乙\\u{1b}]0;标题\\u{7}丙\\u{1b}[2J\\u{9b}〉"),
        "{out}"
    );
    // One line a finding and the summary last.
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.last().is_some_and(|l| l.starts_with("共 ")), "{out}");
    assert!(
        lines[..lines.len() - 1].iter().all(|l| l.starts_with("-:")),
        "{out}"
    );
    // JSON keeps the text as it is (escaped by JSON itself).
    let o = run_stdin(&["--format", "json", "-"], text.as_bytes());
    let v: Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert!(v["findings"].to_string().contains("\\u001b]0;"), "{v}");
}

#[test]
fn a_zip_on_stdin_is_read_as_a_word_file() {
    let o = run_stdin(&["-"], b"PK\x03\x04not really a docx");
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(!e.contains("UTF-8"), "read as a .docx, not as text: {e}");
}

#[test]
fn annotate_refuses_what_it_cannot_do() {
    let input = temp_file("annotate-self.docx", b"PK\x03\x04");
    let input = input.to_str().expect("path");
    let o = run(&["--annotate", input, input]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("不能是原文件"), "{}", stderr(&o));
    let o = run(&["--extract", "--annotate", "/tmp/out.docx", input]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("不能同用"), "{}", stderr(&o));
}

#[test]
fn the_largest_size_limit_does_not_overflow() {
    // 4G-1 (the core keeps offsets as u32) is the largest accepted; reading stops there.
    let o = run_stdin(
        &["--max-bytes", "4294967295", "-"],
        "一、总体情况\n".as_bytes(),
    );
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    assert!(stdout(&o).contains("共"), "{}", stdout(&o));
}
