//! `report-check --summary csv|html`: one row per file over many files and
//! directories, in the order given, with unreadable files as rows.

#[path = "common/docx.rs"]
mod build;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_report-check"))
        .args(args)
        .output()
        .expect("runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh directory for one test.
fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "report-check-cli-summary-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn put(d: &Path, name: &str, bytes: &[u8]) -> String {
    let p = d.join(name);
    std::fs::write(&p, bytes).expect("write");
    p.display().to_string()
}

/// A complete report with no findings (the clean fixture).
const CLEAN: &str = include_str!("fixtures/clean-self-evaluation.txt");

/// The clean report without its 存在问题 section (the next one renumbered).
fn without_problems() -> String {
    let a = CLEAN.find("二、存在的问题").expect("problems");
    let b = CLEAN.find("三、下一步工作").expect("next steps");
    format!("{}二{}", &CLEAN[..a], &CLEAN[b + "三".len()..])
}

/// CSV records of the output (BOM checked and removed), split per RFC 4180.
fn records(csv: &str) -> Vec<Vec<String>> {
    let body = csv.strip_prefix('\u{FEFF}').expect("starts with a BOM");
    assert!(body.ends_with("\r\n"), "ends with CRLF");
    let mut records = vec![];
    let mut record = vec![];
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut cell)),
            (false, '\r') => assert_eq!(chars.next(), Some('\n'), "CRLF"),
            (false, '\n') => panic!("a bare LF ends no record"),
            (false, c) => cell.push(c),
        }
        if !quoted && c == '\r' {
            record.push(std::mem::take(&mut cell));
            records.push(std::mem::take(&mut record));
        }
    }
    assert!(records.iter().all(|r| r.len() == 8), "{records:?}");
    records
}

#[test]
fn csv_has_a_bom_a_header_and_one_quoted_row_per_file_in_order() {
    let d = dir("csv");
    let odd = put(&d, "县,“甲\"报告.txt", CLEAN.as_bytes());
    let missing = put(&d, "b.txt", without_problems().as_bytes());
    let errors = put(&d, "a.txt", "全年20xx次，认真贯切落实。".as_bytes());
    let o = run(&["--summary", "csv", &odd, &missing, &errors]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "an error-level finding: {}",
        stderr(&o)
    );
    let out = stdout(&o);
    let rows = records(&out);
    assert_eq!(
        rows[0],
        [
            "文件",
            "字符数",
            "错误",
            "警告",
            "提示",
            "缺少的部分",
            "主要问题（处数）",
            "无法检查的原因"
        ]
    );
    // Input order, not name order; the odd name quoted and read back whole.
    let quoted = format!("\"{}\",", odd.replace('"', "\"\""));
    assert!(out.contains(&format!("\r\n{quoted}")), "{out}");
    let names: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(names, [&odd, &missing, &errors]);
    let chars = CLEAN.chars().count().to_string();
    assert_eq!(rows[1][1..], [chars.as_str(), "0", "0", "0", "", "", ""]);
    // 存在问题 is required at error level by the default profile.
    let chars = without_problems().chars().count().to_string();
    assert_eq!(
        rows[2][1..],
        [
            chars.as_str(),
            "1",
            "0",
            "0",
            "存在问题",
            "缺少必备部分 1",
            ""
        ]
    );
    assert_eq!(rows[3][2], "2", "{:?}", rows[3]);
    assert!(
        rows[3][6].contains("未填写或被遮盖的占位符 1"),
        "{:?}",
        rows[3]
    );
    assert!(rows[3][6].contains("错别字 1"), "{:?}", rows[3]);
}

#[test]
fn html_is_one_self_contained_page_with_escaped_names() {
    let d = dir("html");
    let a = put(&d, "<b>甲&乙.txt", CLEAN.as_bytes());
    let b = put(&d, "b.txt", without_problems().as_bytes());
    let o = run(&["--summary=html", &a, &b]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    for outside in ["<script", "<link", "src=", "href=", "http"] {
        assert!(!page.contains(outside), "{outside}: {page}");
    }
    assert!(page.contains("&lt;b&gt;甲&amp;乙.txt</td>"), "{page}");
    assert!(!page.contains("<b>"), "{page}");
    assert_eq!(page.matches("<tr").count(), 3, "{page}");
    let first = page.find("甲&amp;乙").expect("first row");
    let second = page.find("b.txt</td>").expect("second row");
    assert!(first < second, "input order");
    assert!(page.contains("<td>存在问题</td>"), "{page}");
}

#[test]
fn an_unreadable_file_is_a_row_and_the_run_goes_on() {
    let d = dir("broken");
    let ok = put(&d, "ok.txt", CLEAN.as_bytes());
    let doc = put(
        &d,
        "old.doc",
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
    );
    let gbk = put(&d, "gbk.txt", &[0xB1, 0xA8, 0xB8, 0xE6, 0x0A]);
    let gone = d.join("gone.txt").display().to_string();
    let o = run(&["--summary", "csv", &doc, &ok, &gbk, &gone]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "one file read, no errors: {}",
        stderr(&o)
    );
    let rows = records(&stdout(&o));
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[2][0], ok);
    assert_eq!(rows[2][2], "0");
    for (row, why) in [(1, ".docx"), (3, "UTF-8"), (4, "找不到")] {
        assert!(rows[row][7].contains(why), "{:?}", rows[row]);
        assert!(
            rows[row][1..7].iter().all(String::is_empty),
            "{:?}",
            rows[row]
        );
    }

    // None readable: status 2, and still the table.
    let o = run(&["--summary", "csv", &doc, &gbk]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(records(&stdout(&o)).len(), 3);
}

#[test]
fn a_directory_gives_its_txt_and_word_files_sorted() {
    let d = dir("folder");
    put(&d, "b.txt", CLEAN.as_bytes());
    put(&d, "a.txt", without_problems().as_bytes());
    put(&d, "readme.md", b"# not a report");
    let body = CLEAN
        .lines()
        .map(|l| build::para("", "", l))
        .collect::<String>();
    put(&d, "c.docx", &build::build(&build::Parts::body(&body)));
    std::fs::create_dir_all(d.join("old")).expect("subdir");
    put(&d.join("old"), "x.txt", b"x");
    let extra = put(&dir("folder-extra"), "z.txt", CLEAN.as_bytes());
    let o = run(&["--summary", "csv", d.to_str().unwrap(), &extra]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let rows = records(&stdout(&o));
    let names: Vec<String> = rows[1..]
        .iter()
        .map(|r| {
            Path::new(&r[0])
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(names, ["a.txt", "b.txt", "c.docx", "z.txt"]);
    assert_eq!(rows[1][5], "存在问题");
    // The .docx row: the text read from it, checked (its layout rules too).
    assert!(rows[3][7].is_empty(), "{:?}", rows[3]);
    assert!(rows[3][1].parse::<usize>().unwrap() >= CLEAN.chars().count() - 30);
    assert_eq!(rows[3][5], "", "{:?}", rows[3]);

    let empty = dir("empty");
    let o = run(&["--summary", "csv", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("没有"), "{}", stderr(&o));
}

#[test]
fn one_thread_or_many_give_the_same_table() {
    let d = dir("jobs");
    let files: Vec<String> = (0..9)
        .map(|i| {
            let text = match i % 3 {
                0 => CLEAN.repeat(10),
                1 => without_problems(),
                _ => format!("第{i}份，全年20xx次"),
            };
            put(&d, &format!("{}.txt", 9 - i), text.as_bytes())
        })
        .collect();
    let args = |jobs: &'static str| {
        let mut a = vec!["--summary", "csv", "--jobs", jobs];
        a.extend(files.iter().map(String::as_str));
        run(&a)
    };
    let one = args("1");
    assert_eq!(one.status.code(), Some(1));
    for jobs in ["2", "7", "32"] {
        assert_eq!(args(jobs).stdout, one.stdout, "--jobs {jobs}");
    }
    let rows = records(&stdout(&one));
    let names: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(names, files);
}

#[test]
fn bad_summary_options_are_usage_errors() {
    for args in [
        &["--summary", "xml", "a.txt"][..],
        &["--summary", "csv", "--jobs", "0", "a.txt"],
        &["--summary", "csv", "--jobs", "many", "a.txt"],
        &["--summary"],
        &["--summary", "csv", "--extract", "a.txt"],
        &["--summary", "csv", "--annotate", "out.docx", "a.docx"],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
        assert!(!stderr(&o).is_empty(), "{args:?}");
    }
    let help = stdout(&run(&["--help"]));
    assert!(
        help.contains("--summary csv") && help.contains("--jobs N"),
        "{help}"
    );
}
