//! One row per checked file, for the office that reviews many reports (督导):
//! counts by severity, the required parts a report lacks and its most
//! frequent problems, written as CSV (for Excel) or one self-contained HTML
//! page. `report-check --summary csv|html FILE|DIR...` prints them.
//!
//! The rows themselves ([`row`], [`csv`], [`html`]) are plain functions of a
//! report; reading files and checking them on every core
//! ([`check_files`]) is native only.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::finding::Severity;
use crate::profile::{Profile, SectionKind};
use crate::{rules, Report};

/// How many rules [`Checked::top`] names.
pub const TOP: usize = 3;

/// The summary of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The name the file was given by (a path, or `标准输入`).
    pub file: String,
    /// What the check found, or why the file could not be checked.
    pub outcome: Result<Checked, String>,
}

/// What the check of one readable file found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checked {
    /// Characters (not bytes) of the text checked; for a .docx, of the text read from it.
    pub chars: usize,
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    /// The required sections `structure/sections` reports missing, in the
    /// profile's order, by their short label (`存在问题`, `落款`).
    pub missing: Vec<String>,
    /// The [`TOP`] rules with the most places, most first: the rule's
    /// Chinese name and its number of places (a grouped finding counts each).
    pub top: Vec<(&'static str, usize)>,
}

/// The row of `file`, whose `text` was checked into `report` under `profile`.
pub fn row(file: &str, text: &str, report: &Report, profile: &Profile) -> Row {
    let mut c = Checked {
        chars: text.chars().count(),
        ..Checked::default()
    };
    let mut places: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut missing = vec![false; profile.sections.len()];
    for f in &report.findings {
        match f.severity {
            Severity::Error => c.error += 1,
            Severity::Warning => c.warning += 1,
            Severity::Info => c.info += 1,
        }
        *places.entry(f.rule).or_default() += f.places();
        if let Some(i) = missing_section(f.rule, &f.message, profile) {
            missing[i] = true;
        }
    }
    c.missing = profile
        .sections
        .iter()
        .zip(&missing)
        .filter(|(_, m)| **m)
        .map(|(s, _)| short(&s.label).to_string())
        .collect();
    // Most places first; a tie in rule-id order (the map's), so the row
    // never depends on the order findings came in. Picked by TOP scans,
    // not a sort: no sort instantiation in the wasm for three entries.
    let mut rest: Vec<(&'static str, usize)> = places.into_iter().collect();
    while c.top.len() < TOP {
        let most = rest
            .iter()
            .enumerate()
            .fold(None::<(usize, usize)>, |best, (i, &(_, n))| match best {
                Some((_, m)) if m >= n => best,
                _ => Some((i, n)),
            });
        let Some((i, _)) = most else { break };
        let (id, n) = rest.remove(i);
        c.top.push((rule_name(id), n));
    }
    Row {
        file: file.to_string(),
        outcome: Ok(c),
    }
}

/// The rule whose findings name absent sections.
const SECTIONS: &str = "structure/sections";
/// The rule that finds the title missing.
const TITLE: &str = "structure/title";

/// The section of `profile` a finding says is missing: `structure/sections`'
/// `缺少“存在问题”部分…` (the section is absent), or `structure/title`'s
/// `…缺少标题`. A section whose content is there without its heading, one
/// out of order, or an opening or 落款 lacking a line is not missing.
fn missing_section(rule: &str, message: &str, profile: &Profile) -> Option<usize> {
    profile.sections.iter().position(|s| match rule {
        SECTIONS => message
            .strip_prefix("缺少“")
            .and_then(|m| m.strip_prefix(s.label.as_str()))
            .is_some_and(|r| r.starts_with("”部分")),
        TITLE => s.kind == SectionKind::Title && message.contains("缺少标题"),
        _ => false,
    })
}

/// A label without its explanation in brackets: `落款（发文机关和成文日期）` → `落款`.
fn short(label: &str) -> &str {
    match label.find(['（', '(']) {
        Some(0) | None => label,
        Some(i) => label[..i].trim_end(),
    }
}

/// A rule's Chinese name: its description in the rule list, without the
/// examples in brackets (`中文里用了半角标点`); the id for a rule not listed.
pub fn rule_name(id: &'static str) -> &'static str {
    rules::registry()
        .map(|r| r.meta())
        .find(|m| m.id == id)
        .map_or(id, |m| short(m.description))
}

/// The columns of [`csv`] and [`html`].
pub const COLUMNS: [&str; 8] = [
    "文件",
    "字符数",
    "错误",
    "警告",
    "提示",
    "缺少的部分",
    "主要问题（处数）",
    "无法检查的原因",
];

/// The cells of a row, as [`COLUMNS`]; numbers as digits, empty when unread.
pub fn cells(row: &Row) -> [String; 8] {
    match &row.outcome {
        Ok(c) => [
            row.file.clone(),
            c.chars.to_string(),
            c.error.to_string(),
            c.warning.to_string(),
            c.info.to_string(),
            c.missing.join("、"),
            c.top
                .iter()
                .map(|(name, n)| format!("{name} {n}"))
                .collect::<Vec<_>>()
                .join("；"),
            String::new(),
        ],
        Err(why) => [
            row.file.clone(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            why.clone(),
        ],
    }
}

/// The rows as CSV: UTF-8 with a byte order mark (Excel reads it as
/// UTF-8), a header line, CRLF line ends and RFC 4180 quoting. A text cell
/// that Excel would take for a formula (`=…`, `+…`, `-…`, `@…`) starts with `'`.
pub fn csv(rows: &[Row]) -> String {
    csv_of_cells(rows.iter().map(cells))
}

/// [`csv`] of rows given by their [`cells`] (the page's batch table sends
/// its rows back in this form, so its CSV is the CLI's, byte for byte).
pub fn csv_of_cells<I: IntoIterator<Item = [String; 8]>>(rows: I) -> String {
    let mut out = String::from("\u{FEFF}");
    let line = |out: &mut String, cells: &[&str]| {
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_cell(out, cell);
        }
        out.push_str("\r\n");
    };
    line(&mut out, &COLUMNS);
    for cells in rows {
        line(&mut out, &cells.each_ref().map(String::as_str));
    }
    out
}

/// A decimal number (`-1.5`, `+3`, `.5`): not a formula, though it may
/// start with a sign. Written out rather than `str::parse::<f64>`, whose
/// float parser and tables cost the wasm some 15 KB gzip.
fn is_decimal(cell: &str) -> bool {
    let digits = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    !(int.is_empty() && frac.is_empty())
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

fn csv_cell(out: &mut String, cell: &str) {
    let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_decimal(cell);
    let cell = if formula {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if cell.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&cell);
    }
}

/// The rows as one HTML page with no outside resources (no script, its
/// style inline): a heading with the totals and a table of [`COLUMNS`].
/// Every text is escaped.
pub fn html(rows: &[Row]) -> String {
    let unread = rows.iter().filter(|r| r.outcome.is_err()).count();
    let with_errors = rows
        .iter()
        .filter(|r| r.outcome.as_ref().is_ok_and(|c| c.error > 0))
        .count();
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>报告检查汇总</title>\n<style>\n\
         body{font-family:sans-serif;margin:1.5em;color:#222}\n\
         table{border-collapse:collapse}\n\
         th,td{border:1px solid #bbb;padding:.3em .6em;text-align:left;vertical-align:top}\n\
         th{background:#eee}\n\
         td.n{text-align:right}\n\
         tr.error td.e{color:#b00;font-weight:bold}\n\
         tr.unread td{color:#777}\n\
         </style>\n</head>\n<body>\n<h1>报告检查汇总</h1>\n",
    );
    let _ = writeln!(
        out,
        "<p>共 {} 个文件：{} 个有错误级问题，{} 个无法检查。</p>",
        rows.len(),
        with_errors,
        unread
    );
    out.push_str("<table>\n<thead><tr>");
    for c in COLUMNS {
        let _ = write!(out, "<th>{c}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        let class = match &row.outcome {
            Err(_) => " class=\"unread\"",
            Ok(c) if c.error > 0 => " class=\"error\"",
            Ok(_) => "",
        };
        let _ = write!(out, "<tr{class}>");
        for (i, cell) in cells(row).iter().enumerate() {
            let class = match i {
                2 => " class=\"n e\"",
                1 | 3 | 4 => " class=\"n\"",
                _ => "",
            };
            let _ = write!(out, "<td{class}>{}</td>", escape(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    out
}

/// `text` safe inside an HTML element or a quoted attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The exit status of a summary, as for a check: 1 when a file has an
/// error-level finding, 2 when no file could be read, else 0.
pub fn exit_status(rows: &[Row]) -> u8 {
    if rows
        .iter()
        .any(|r| r.outcome.as_ref().is_ok_and(|c| c.error > 0))
    {
        1
    } else if rows.iter().all(|r| r.outcome.is_err()) {
        2
    } else {
        0
    }
}

// Files, directories and threads: what the CLI needs. It compiles for wasm
// too (the bin's test target is built there by wasm-pack), where nothing calls it.
pub use native::*;

mod native {
    use std::io::Read;
    use std::panic::AssertUnwindSafe;
    use std::path::Path;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::{row, Row};
    use crate::Profile;

    /// The default most bytes read from one file (the CLI's `--max-bytes`):
    /// far above any report, far below what the check of a text needs in
    /// memory at most (some hundred bytes a byte).
    pub const MAX_BYTES: u64 = 64 << 20;

    /// File names that are Word files (a `.doc` gets the reader's message).
    const WORD: [&str; 5] = [".docx", ".doc", ".wps", ".docm", ".dotx"];

    fn is_word(name: &str) -> bool {
        let lower = name.to_lowercase();
        WORD.iter().any(|x| lower.ends_with(x))
    }

    /// The files to summarise: each argument, a directory replaced by its
    /// `.txt` and Word files (not those of its subdirectories), sorted by name.
    pub fn expand(args: &[String]) -> Result<Vec<String>, String> {
        let mut files = Vec::new();
        for arg in args {
            let path = Path::new(arg);
            if arg == "-" || !path.is_dir() {
                files.push(arg.clone());
                continue;
            }
            let entries =
                std::fs::read_dir(path).map_err(|e| format!("无法读取目录 {arg}：{e}"))?;
            let mut found: Vec<String> = entries
                .filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    let keep = is_word(&name) || name.to_lowercase().ends_with(".txt");
                    // Word's lock files (~$报告.docx) are not reports.
                    (keep && !name.starts_with("~$")).then(|| e.path().display().to_string())
                })
                .collect();
            crate::sort::sort(&mut found);
            files.extend(found);
        }
        Ok(files)
    }

    /// Reads and checks each file on up to `jobs` threads (at least one):
    /// one row per file, in the order given. A file that cannot be read
    /// (missing, not UTF-8, binary, a .doc, over `max_bytes`) gets a row
    /// with the reason.
    pub fn check_files(
        files: &[String],
        profile: &Profile,
        jobs: usize,
        max_bytes: u64,
    ) -> Vec<Row> {
        let next = AtomicUsize::new(0);
        let work = || {
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(file) = files.get(i) else { break };
                // A bug in a rule costs its file's row, not the run.
                let row = std::panic::catch_unwind(AssertUnwindSafe(|| {
                    check_file(file, profile, max_bytes)
                }))
                .unwrap_or_else(|_| Row {
                    file: file.clone(),
                    outcome: Err("检查时程序出错，请报告此问题".to_string()),
                });
                done.push((i, row));
            }
            done
        };
        let jobs = jobs.clamp(1, files.len().max(1));
        let mut done: Vec<(usize, Row)> = if jobs == 1 {
            work()
        } else {
            std::thread::scope(|s| {
                let handles: Vec<_> = (0..jobs).map(|_| s.spawn(work)).collect();
                handles
                    .into_iter()
                    .flat_map(|h| h.join().unwrap_or_default())
                    .collect()
            })
        };
        crate::sort::sort_by_key(&mut done, |(i, _)| *i);
        done.into_iter().map(|(_, r)| r).collect()
    }

    /// The number of threads to use by default: every core.
    pub fn default_jobs() -> usize {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }

    /// Reads `file` (`-` = standard input) and checks it.
    pub fn check_file(file: &str, profile: &Profile, max_bytes: u64) -> Row {
        let name = if file == "-" { "标准输入" } else { file };
        let outcome = read(file, max_bytes).and_then(|bytes| {
            if is_word(file) {
                #[cfg(feature = "docx")]
                {
                    let r = crate::check_docx(&bytes, profile).map_err(|e| e.to_string())?;
                    Ok(row(name, &r.docx.text, &r.report, profile))
                }
                #[cfg(not(feature = "docx"))]
                Err("这一版本不读 .docx 文件（构建时未开启 docx 功能）".to_string())
            } else {
                let text = text(bytes)?;
                let report = crate::check(&text, profile);
                Ok(row(name, &text, &report, profile))
            }
        });
        outcome.unwrap_or_else(|why| Row {
            file: name.to_string(),
            outcome: Err(why),
        })
    }

    /// At most `max_bytes` of `file`; more is an error (and is not read).
    fn read(file: &str, max_bytes: u64) -> Result<Vec<u8>, String> {
        let mut bytes = Vec::new();
        let limit = max_bytes.saturating_add(1);
        let read = if file == "-" {
            std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
        } else {
            if Path::new(file).is_dir() {
                return Err("这是目录，不是文件".to_string());
            }
            std::fs::File::open(file).and_then(|f| f.take(limit).read_to_end(&mut bytes))
        };
        match read {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err("找不到这个文件".to_string()),
            Err(e) => Err(format!("无法读取：{e}")),
            Ok(_) if bytes.len() as u64 > max_bytes => {
                Err(format!("文件超过 {} 字节，未检查", max_bytes))
            }
            Ok(_) => Ok(bytes),
        }
    }

    /// The bytes of a text file as text, or why they are not one.
    fn text(bytes: Vec<u8>) -> Result<String, String> {
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err("文件是 UTF-16 编码；请另存为 UTF-8 后再检查".to_string());
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            format!(
                "不是 UTF-8 编码的文本（第 {} 字节处无效）；请另存为 UTF-8 后再检查",
                e.utf8_error().valid_up_to()
            )
        })?;
        if text.contains('\0') {
            return Err("看起来是二进制文件，不是文本；请给出 .txt 或 .docx 文件".to_string());
        }
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Category, Finding, Occurrence, Span};

    const CLEAN: &str = include_str!("../tests/fixtures/clean-self-evaluation.txt");

    fn checked(text: &str) -> Checked {
        let p = Profile::default();
        let report = crate::check(text, &p);
        row("a.txt", text, &report, &p).outcome.expect("checked")
    }

    /// The clean fixture without the lines from `from` (included) up to `to` (excluded).
    fn without(from: &str, to: &str) -> String {
        let a = CLEAN.find(from).expect("from");
        let b = to_index(a, to);
        format!("{}{}", &CLEAN[..a], &CLEAN[b..])
    }

    fn to_index(a: usize, to: &str) -> usize {
        if to.is_empty() {
            CLEAN.len()
        } else {
            a + CLEAN[a..].find(to).expect("to")
        }
    }

    #[test]
    fn clean_report_has_an_empty_row() {
        let c = checked(CLEAN);
        assert_eq!(c.chars, CLEAN.chars().count());
        assert!(c.chars < CLEAN.len(), "characters, not bytes");
        assert_eq!((c.error, c.warning, c.info), (0, 0, 0));
        assert!(c.missing.is_empty() && c.top.is_empty(), "{c:?}");
    }

    #[test]
    fn missing_sections_are_named_in_profile_order() {
        let text = without("二、存在的问题", "三、下一步工作").replace("三、下一步", "二、下一步");
        let c = checked(&text);
        assert_eq!(c.missing, ["存在问题"], "{c:?}");
        assert_eq!(c.top, [("缺少必备部分", 1)], "{c:?}");

        let text = without("安平县人民政府\n2025年", "");
        assert_eq!(checked(&text).missing, ["落款"]);

        let both = without("二、存在的问题", "三、下一步工作").replace("三、下一步", "二、下一步");
        let both = &both[..both.find("安平县人民政府\n2025年").expect("落款")];
        assert_eq!(checked(both).missing, ["存在问题", "落款"]);
    }

    #[test]
    fn a_missing_title_is_a_missing_part() {
        let text = CLEAN.replacen("安平县人民政府2024年度履行教育职责自评报告\n", "", 1);
        let c = checked(&text);
        assert_eq!(c.missing, ["标题"], "{c:?}");
    }

    #[test]
    fn a_section_without_its_heading_is_not_missing() {
        // The problems are there, as a paragraph that opens with a cue.
        let text = CLEAN.replacen("二、存在的问题\n一是", "但也存在一些问题：一是", 1);
        let c = checked(&text);
        assert!(c.missing.is_empty(), "{c:?}");
        assert_eq!(c.warning, 1, "the heading is reported missing: {c:?}");
    }

    fn finding(rule: &'static str, severity: Severity, at: usize, places: usize) -> Finding {
        Finding {
            rule,
            category: Category::Punctuation,
            severity,
            span: Span::new(at, at + 1),
            message: "m".into(),
            suggestion: None,
            occurrences: if places > 1 {
                (0..places)
                    .map(|i| Occurrence {
                        span: Span::new(at + i, at + i + 1),
                        suggestion: None,
                    })
                    .collect()
            } else {
                Vec::new()
            },
            unlisted: 0,
            scope: Default::default(),
        }
    }

    #[test]
    fn top_counts_places_most_first_ties_by_rule() {
        use Severity::*;
        let findings = vec![
            finding("format/trailing-space", Info, 0, 1),
            finding("format/half-width-punct", Warning, 1, 5),
            finding("wording/typo", Error, 2, 1),
            finding("wording/typo", Error, 3, 1),
            finding("format/docnum", Error, 4, 1),
            finding("format/docnum", Error, 5, 1),
            finding("no/such-rule", Warning, 6, 1),
        ];
        let report = Report { findings };
        let c = row("x", "abcdefg", &report, &Profile::default())
            .outcome
            .expect("checked");
        assert_eq!((c.error, c.warning, c.info), (4, 2, 1));
        assert_eq!(
            c.top,
            [
                ("中文里用了半角标点", 5),
                ("发文字号不规范", 2),
                ("错别字", 2),
            ]
        );
        assert_eq!(rule_name("no/such-rule"), "no/such-rule");
    }

    #[test]
    fn every_rule_has_a_short_chinese_name() {
        for r in rules::registry() {
            let name = rule_name(r.meta().id);
            assert!(!name.is_empty() && !name.contains('（'), "{name}");
            assert!(name.chars().any(crate::text::is_han), "{name}");
        }
        assert_eq!(short("落款（发文机关和成文日期）"), "落款");
        assert_eq!(short("存在问题"), "存在问题");
        assert_eq!(short("（甲）"), "（甲）");
    }

    fn sample_rows() -> Vec<Row> {
        vec![
            Row {
                file: "县,“甲\"报告.txt".into(),
                outcome: Ok(Checked {
                    chars: 1200,
                    error: 2,
                    warning: 1,
                    info: 0,
                    missing: vec!["存在问题".into(), "落款".into()],
                    top: vec![("错别字", 2), ("中文里用了半角标点", 1)],
                }),
            },
            Row {
                file: "=HYPERLINK(\"x\")<b>.doc".into(),
                outcome: Err("不是 .docx 文件".into()),
            },
            Row {
                file: "a\nb.txt".into(),
                outcome: Ok(Checked::default()),
            },
        ]
    }

    #[test]
    fn csv_has_bom_header_crlf_and_rfc4180_quoting() {
        let csv = csv(&sample_rows());
        assert!(csv.starts_with(
            "\u{FEFF}文件,字符数,错误,警告,提示,缺少的部分,主要问题（处数）,无法检查的原因\r\n"
        ));
        let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert_eq!(
            lines[1],
            "\"县,“甲\"\"报告.txt\",1200,2,1,0,存在问题、落款,错别字 2；中文里用了半角标点 1,"
        );
        // A formula-like name is not a formula; quoted for its quotes.
        assert_eq!(
            lines[2],
            "\"'=HYPERLINK(\"\"x\"\")<b>.doc\",,,,,,,不是 .docx 文件"
        );
        // A line break inside a quoted cell is kept (and is LF, not a record end).
        assert_eq!(lines[3], "\"a\nb.txt\",0,0,0,0,,,");
        assert_eq!(lines[4], "");
        assert_eq!(lines.len(), 5);
    }

    #[test]
    fn csv_of_the_cells_is_the_csv_of_the_rows() {
        let rows = sample_rows();
        assert_eq!(csv_of_cells(rows.iter().map(cells)), csv(&rows));
        assert_eq!(
            csv_of_cells([]),
            "\u{FEFF}文件,字符数,错误,警告,提示,缺少的部分,主要问题（处数）,无法检查的原因\r\n"
        );
    }

    #[test]
    fn decimals_are_numbers_and_the_rest_is_not() {
        for n in ["-1.5", "+3", "0", ".5", "-.5", "12.", "2024"] {
            assert!(is_decimal(n), "{n}");
        }
        for t in [
            "", "-", "+", ".", "-.", "1.2.3", "-1e5", "=1+1", "--1", "- 1", "１２",
        ] {
            assert!(!is_decimal(t), "{t}");
        }
    }

    #[test]
    fn csv_cells_that_need_no_quotes_get_none() {
        let mut out = String::new();
        csv_cell(&mut out, "报告 一.txt");
        assert_eq!(out, "报告 一.txt");
        out.clear();
        csv_cell(&mut out, "-1.5");
        assert_eq!(out, "-1.5", "a number is not a formula");
        out.clear();
        csv_cell(&mut out, "@x");
        assert_eq!(out, "'@x");
    }

    #[test]
    fn html_is_one_escaped_self_contained_page() {
        let page = html(&sample_rows());
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<meta charset=\"utf-8\">"));
        for outside in [
            "<script", "<link", "src=", "href=", "url(", "@import", "http",
        ] {
            assert!(!page.contains(outside), "{outside}");
        }
        assert!(page.contains("<td>=HYPERLINK(&quot;x&quot;)&lt;b&gt;.doc</td>"));
        assert!(!page.contains("<b>"));
        assert!(page.contains("<td>县,“甲&quot;报告.txt</td>"));
        assert!(page.contains("<p>共 3 个文件：1 个有错误级问题，1 个无法检查。</p>"));
        assert_eq!(page.matches("<tr").count(), 4, "header and three rows");
        assert_eq!(page.matches("<th>").count(), COLUMNS.len());
        assert_eq!(page.matches("<td").count(), 3 * COLUMNS.len());
        assert!(page.contains("<tr class=\"error\"><td>县"));
        assert!(page.contains("<tr class=\"unread\">"));
    }

    #[test]
    fn exit_status_as_for_a_check() {
        let rows = sample_rows();
        assert_eq!(exit_status(&rows), 1);
        assert_eq!(exit_status(&rows[1..]), 0, "one unread, one clean");
        assert_eq!(exit_status(&rows[1..2]), 2, "none read");
        assert_eq!(exit_status(&[]), 2);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod native {
        use super::super::*;
        use super::CLEAN;
        use std::path::PathBuf;

        fn dir(name: &str) -> PathBuf {
            let d = std::env::temp_dir().join(format!(
                "report-check-summary-{}-{name}",
                std::process::id()
            ));
            let _ = std::fs::remove_dir_all(&d);
            std::fs::create_dir_all(&d).expect("temp dir");
            d
        }

        fn put(d: &std::path::Path, name: &str, bytes: &[u8]) -> String {
            let p = d.join(name);
            std::fs::write(&p, bytes).expect("write");
            p.display().to_string()
        }

        #[test]
        fn unreadable_files_get_a_reason_and_the_rest_are_checked() {
            let d = dir("unread");
            let files = vec![
                put(&d, "ok.txt", CLEAN.as_bytes()),
                put(&d, "gbk.txt", &[0xB1, 0xA8, 0xB8, 0xE6]),
                put(&d, "bin.txt", b"PK\0\0abc"),
                put(&d, "utf16.txt", &[0xFF, 0xFE, 0x2D, 0x4E]),
                put(
                    &d,
                    "old.doc",
                    &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
                ),
                put(&d, "big.txt", "很长的报告".repeat(400).as_bytes()),
                d.join("gone.txt").display().to_string(),
                d.display().to_string(),
            ];
            let rows = check_files(&files, &Profile::default(), 3, 5000);
            let got: Vec<&str> = rows
                .iter()
                .map(|r| r.outcome.as_ref().err().map_or("", String::as_str))
                .collect();
            assert_eq!(got[0], "");
            assert!(got[1].contains("不是 UTF-8"), "{got:?}");
            assert!(got[2].contains("二进制"), "{got:?}");
            assert!(got[3].contains("UTF-16"), "{got:?}");
            assert!(
                got[4].contains(".docx") || got[4].contains("Word"),
                "{got:?}"
            );
            assert!(got[5].contains("超过 5000 字节"), "{got:?}");
            assert!(got[6].contains("找不到"), "{got:?}");
            assert!(got[7].contains("目录"), "{got:?}");
            let names: Vec<&str> = rows.iter().map(|r| r.file.as_str()).collect();
            assert_eq!(names, files);
            assert_eq!(exit_status(&rows), 0);
            assert_eq!(exit_status(&rows[1..]), 2);
        }

        #[test]
        fn rows_keep_the_input_order_on_any_number_of_threads() {
            let d = dir("order");
            // Long and short files alternate, so threads finish out of order.
            let files: Vec<String> = (0..12)
                .map(|i| {
                    let text = if i % 2 == 0 {
                        CLEAN.repeat(20)
                    } else {
                        format!("第{i}份，20xx年")
                    };
                    put(&d, &format!("{i:02}.txt"), text.as_bytes())
                })
                .collect();
            let p = Profile::default();
            let one = check_files(&files, &p, 1, MAX_BYTES);
            for jobs in [2, 5, 64] {
                assert_eq!(
                    check_files(&files, &p, jobs, MAX_BYTES),
                    one,
                    "{jobs} threads"
                );
            }
            let names: Vec<&str> = one.iter().map(|r| r.file.as_str()).collect();
            assert_eq!(names, files);
            assert!(
                one[1].outcome.as_ref().is_ok_and(|c| c.error == 1),
                "{:?}",
                one[1]
            );
            assert!(check_files(&[], &p, 4, MAX_BYTES).is_empty());
        }

        #[test]
        fn a_directory_gives_its_reports_sorted_not_recursive() {
            let d = dir("expand");
            for name in ["b.txt", "a.DOCX", "c.doc", "notes.md", "~$a.docx", "z.TXT"] {
                put(&d, name, b"x");
            }
            std::fs::create_dir_all(d.join("sub")).expect("sub");
            put(&d.join("sub"), "inner.txt", b"x");
            let files =
                expand(&[d.display().to_string(), "-".into(), "x.txt".into()]).expect("expands");
            let names: Vec<String> = files
                .iter()
                .map(|f| {
                    f.strip_prefix(&format!("{}{}", d.display(), std::path::MAIN_SEPARATOR))
                        .unwrap_or(f)
                        .to_string()
                })
                .collect();
            assert_eq!(names, ["a.DOCX", "b.txt", "c.doc", "z.TXT", "-", "x.txt"]);
        }
    }
}
