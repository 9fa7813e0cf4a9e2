//! Robustness: property tests over generated text and every kind of bad input.
//!
//! Whatever the text, `check` must not panic, must not hang, must give the
//! same answer twice, and every span must be inside the text on char
//! boundaries (bytes, natively) and on UTF-16 boundaries (through
//! `output::js_report`, what JS sees), sorted. Big inputs only carry a
//! generous time bound that catches hangs and quadratic blow-ups; speed
//! targets live in the benchmarks (`scripts/bench.sh`, BENCHMARKS.md).
//! Lone surrogates can only come from JS: see `tests/wasm_common`.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use report_check::output::js_report;
use report_check::{check, Category, Profile, Report};

// ---------------------------------------------------------------- helpers

/// Checks every invariant of a report on `text`; returns the report.
fn checked(text: &str, profile: &Profile) -> Report {
    let report = check(text, profile);
    assert_invariants(text, &report);
    report
}

fn assert_invariants(text: &str, report: &Report) {
    let mut spans = Vec::new();
    for f in &report.findings {
        spans.push(f.span);
        spans.extend(f.occurrences.iter().map(|o| o.span));
        assert!(!f.message.is_empty(), "{} has no message", f.rule);
    }
    for s in &spans {
        assert!(
            s.start <= s.end && s.end <= text.len(),
            "span {s:?} outside the text ({} bytes)",
            text.len()
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "span {s:?} not on char boundaries"
        );
    }
    let keys: Vec<_> = report.findings.iter().map(|f| (f.span, f.rule)).collect();
    assert!(
        keys.windows(2).all(|w| w[0] <= w[1]),
        "findings not sorted: {keys:?}"
    );

    // The JS view: UTF-16 offsets on UTF-16 boundaries, within the length,
    // and exactly what the byte offsets translate to.
    let mut units_at = vec![usize::MAX; text.len() + 1];
    let mut units = 0;
    for (byte, c) in text.char_indices() {
        units_at[byte] = units;
        units += c.len_utf16();
    }
    units_at[text.len()] = units;
    let line_starts = line_starts(text);
    let js = js_report(text, report);
    assert_eq!(js.findings.len(), report.findings.len());
    assert_eq!(js.summary.total, report.findings.len());
    for (f, j) in report.findings.iter().zip(&js.findings) {
        assert_eq!(j.start.0, units_at[f.span.start], "{}: start", f.rule);
        assert_eq!(j.end.0, units_at[f.span.end], "{}: end", f.rule);
        assert!(j.start <= j.end && j.end.0 <= units);
        let line = line_starts.partition_point(|&s| s <= f.span.start);
        assert_eq!(j.line, line, "{}: line", f.rule);
        assert_eq!(
            j.column,
            j.start.0 - units_at[line_starts[line - 1]] + 1,
            "{}: column",
            f.rule
        );
        assert_eq!(j.occurrences.len(), f.occurrences.len());
        for (o, jo) in f.occurrences.iter().zip(&j.occurrences) {
            assert_eq!(
                (jo.start.0, jo.end.0),
                (units_at[o.span.start], units_at[o.span.end])
            );
        }
    }
}

/// Byte offsets where lines start: after `\n`, `\r\n` or a lone `\r`.
fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut starts = vec![0];
    for i in 0..b.len() {
        if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            starts.push(i + 1);
        }
    }
    starts
}

/// Runs `f` on another thread; fails if it takes longer than `limit` (a
/// hang or a quadratic loop), and returns its result and the time taken.
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(limit) {
        Ok(v) => v,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("no answer after {limit:?}: a hang or a quadratic loop")
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            panic!("the check panicked after {:?}", start.elapsed())
        }
    }
}

/// Generous: only a hang or quadratic behaviour exceeds it, even in a debug build.
const HANG: Duration = Duration::from_secs(120);

/// (rule, span text, suggestion, line, column) of every finding, as JS sees it.
type Seen = (&'static str, String, Option<String>, usize, usize);

fn seen(text: &str) -> Vec<Seen> {
    let report = checked(text, &Profile::default());
    let js = js_report(text, &report);
    report
        .findings
        .iter()
        .zip(&js.findings)
        .map(|(f, j)| {
            (
                f.rule,
                text[f.span.start..f.span.end].to_string(),
                f.suggestion.as_deref().map(String::from),
                j.line,
                j.column,
            )
        })
        .collect()
}

fn rules_of(text: &str) -> Vec<&'static str> {
    checked(text, &Profile::default())
        .findings
        .iter()
        .map(|f| f.rule)
        .collect()
}

/// A short report in the genre, written for these tests, with known problems:
/// a placeholder year (20xx), a Western-style document number ([2023]5号), an
/// unclosed （ and half-width commas between Chinese characters.
const REPORT: &str = "\
某县教育局履行教育职责自评报告
根据《关于开展履行教育职责评价工作的通知》要求，现将自评情况报告如下。
一、基本情况
全县共有中小学48所，在校学生3.2万人，专任教师2816人。
二、主要工作
（一）落实教育优先发展
计划于20xx年完成全部薄弱学校改造,新增学位1200个。
（二）规范办学行为
依据《某县教育发展规划》（县政办[2023]5号）推进集团化办学（试点学校6所。
三、存在问题
部分学校音体美教师短缺,教师结构性缺编问题仍然存在。
某县教育局
2024年1月15日
";

/// The problems `REPORT` must show (rule, span text).
const REPORT_FINDINGS: &[(&str, &str)] = &[
    ("figures/placeholder", "20xx"),
    ("format/docnum", "[2023]5号"),
    ("format/unbalanced-pair", "（"),
    ("format/half-width-punct", ","),
];

fn assert_report_findings(text: &str) {
    let found = seen(text);
    for (rule, span) in REPORT_FINDINGS {
        assert!(
            found.iter().any(|f| f.0 == *rule && f.1.starts_with(span)),
            "{rule} on {span:?} not found in {found:?}"
        );
    }
}

// ---------------------------------------------------------------- properties

/// Characters that matter to the rules: Han, full- and half-width
/// punctuation, brackets and quotes, digits, placeholders, line breaks,
/// spaces, and the odd ones (zero-width, BOM, controls, astral, emoji).
const INTERESTING: &[char] = &[
    '教', '育', '年', '月', '日', '号', '万', '元', '第', '一', '二', '十', '〇', '县', '𠀀', '，',
    '。', '、', '；', '：', '？', '！', '“', '”', '‘', '’', '（', '）', '《', '》', '〔', '〕',
    '【', '】', '…', '—', '·', '％', ',', '.', ';', ':', '?', '!', '"', '\'', '(', ')', '[', ']',
    '<', '>', '%', '/', '-', '0', '1', '2', '9', 'x', 'X', 'a', 'w', 'h', 't', 'p', ' ',
    '\u{3000}', '\t', '\n', '\r', '\u{200B}', '\u{FEFF}', '\u{0}', '\u{7F}', '\u{85}', '\u{2028}',
    '😀', '\u{FE0F}', '\u{FFFD}',
];

/// Pieces of reports: headings, figures, document numbers, dates, URLs,
/// placeholders — concatenated, they reach deep into the rules.
const FRAGMENTS: &[&str] = &[
    "一、",
    "（一）",
    "1.",
    "（1）",
    "十二、",
    "第三章",
    "基本情况",
    "存在问题",
    "\n",
    "\r\n",
    "\r",
    "20xx年",
    "XX万元",
    "××",
    "〔2023〕3号",
    "[2023]3号",
    "〔2023〕",
    "教督〔",
    "2024年1月15日",
    "增长12.5%",
    "增长12.5％",
    "3.2万人",
    "100%",
    "http://www.moe.gov.cn/a.html?x=1,y=2",
    "www.",
    "“",
    "”",
    "（",
    "）",
    "《",
    "》",
    "\"",
    "(",
    ")",
    ",",
    "，",
    "。",
    "...",
    "……",
    " ",
    "  ",
    "\u{3000}\u{3000}",
    "教育",
    "全县",
    "学校",
    "A",
    "😀",
    "\u{200B}",
];

fn interesting_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(INTERESTING), 0..300)
        .prop_map(|cs| cs.into_iter().collect())
}

fn fragment_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..120).prop_map(|fs| fs.concat())
}

fn cjk_ascii_text() -> impl Strategy<Value = String> {
    "[\u{4E00}-\u{4E20}a-zA-Z0-9 ,.;:!?()\\[\\]\"'%/\n\r\u{3000}-\u{3011}\u{FF01}-\u{FF1F}]{0,300}"
}

fn any_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..200).prop_map(|cs| cs.into_iter().collect())
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        interesting_text(),
        fragment_text(),
        cjk_ascii_text(),
        any_text()
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, max_shrink_iters: 2000, ..ProptestConfig::default() })]

    #[test]
    fn any_text_checks_cleanly(text in text_strategy()) {
        let profile = Profile::default();
        let first = checked(&text, &profile);
        let again = check(&text, &profile);
        prop_assert_eq!(&first, &again, "not deterministic");
    }

    #[test]
    fn grouping_threshold_keeps_spans_valid(text in fragment_text(), threshold in 0usize..4) {
        let profile = Profile::from_json(&format!("{{\"group_threshold\":{threshold}}}"))
            .expect("a valid profile");
        checked(&text, &profile);
    }

    #[test]
    fn odd_prefixes_keep_spans_valid(text in fragment_text(), prefix in "[a😀𠀀教\u{FEFF}\r\n]{0,4}") {
        // Astral characters, a BOM or a CR before everything shift every
        // offset after them; the UTF-16 view must follow.
        let whole = format!("{prefix}{text}");
        checked(&whole, &Profile::default());
    }
}

// ---------------------------------------------------------------- bad inputs

#[test]
fn empty_and_whitespace_only() {
    assert!(checked("", &Profile::default()).findings.is_empty());
    let empty = rules_of("");
    for text in [
        " ",
        "\n",
        "\n\n\n",
        "\r\n\r\n",
        "\r",
        "\t",
        "\u{3000}\u{3000}",
        " \t\u{3000}\n \r\n\u{3000}",
        &" ".repeat(10_000),
        &"\n".repeat(10_000),
    ] {
        // Nothing to say about content that is not there: whatever an empty
        // text gets, plus at most whitespace findings.
        let report = checked(text, &Profile::default());
        let content: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.category != Category::Whitespace)
            .map(|f| f.rule)
            .collect();
        assert_eq!(content, empty, "on {:?}", &text[..text.len().min(20)]);
    }
}

#[test]
fn ten_megabytes_of_text() {
    let copies = 10_000_000 / REPORT.len() + 1;
    let text = REPORT.repeat(copies);
    assert!(text.len() >= 10_000_000);
    let once = checked(REPORT, &Profile::default());
    let placeholders_once = once
        .findings
        .iter()
        .filter(|f| f.rule == "figures/placeholder")
        .count();
    let report = within(HANG, move || {
        let report = check(&text, &Profile::default());
        assert_invariants(&text, &report);
        report
    });
    // Every copy's placeholders, in one grouped finding (so many).
    let placeholders: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == "figures/placeholder")
        .collect();
    assert_eq!(placeholders.len(), 1);
    // The first MOST_PLACES are listed, the rest counted.
    assert_eq!(placeholders[0].places(), placeholders_once * copies);
    assert_eq!(
        placeholders[0].occurrences.len(),
        (placeholders_once * copies).min(report_check::finding::MOST_PLACES)
    );
}

#[test]
fn one_megabyte_line() {
    let sentence = "全县持续推进义务教育优质均衡发展，落实“双减”政策，计划于20xx年完成改造,";
    let text = sentence.repeat(1_000_000 / sentence.len() + 1);
    assert!(!text.contains('\n'));
    let n = text.matches("20xx").count();
    let js_len = text.encode_utf16().count();
    let (report, lines, max_end) = within(HANG, move || {
        let report = check(&text, &Profile::default());
        assert_invariants(&text, &report);
        let js = js_report(&text, &report);
        let lines: Vec<usize> = js.findings.iter().map(|f| f.line).collect();
        let max_end = js.findings.iter().map(|f| f.end.0).max().unwrap_or(0);
        (report, lines, max_end)
    });
    assert!(lines.iter().all(|&l| l == 1));
    assert!(max_end <= js_len);
    let placeholders: usize = report
        .findings
        .iter()
        .filter(|f| f.rule == "figures/placeholder")
        .map(|f| f.occurrences.len().max(1))
        .sum();
    assert_eq!(placeholders, n);
}

#[test]
fn a_hundred_thousand_headings() {
    let mut text = String::from("某县教育局履行教育职责自评报告\n");
    const CN: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    for i in 0..100_000 {
        let line = match i % 4 {
            0 => format!("{}、第{i}部分\n", CN[i / 4 % 10]),
            1 => format!("（{}）分项{i}\n", CN[i / 4 % 10]),
            2 => format!("{}.要点{i}\n", i / 4 % 9 + 1),
            _ => format!("（{}）细目{i}\n", i / 4 % 9 + 1),
        };
        text.push_str(&line);
    }
    within(HANG, move || {
        let report = check(&text, &Profile::default());
        assert_invariants(&text, &report);
    });
}

#[test]
fn crlf_and_cr_line_breaks_find_the_same() {
    let lf = seen(REPORT);
    assert_report_findings(REPORT);
    for sep in ["\r\n", "\r"] {
        let text = REPORT.replace('\n', sep);
        assert_eq!(seen(&text), lf, "with {sep:?} line breaks");
    }
    // Mixed, and a break split across what a naive splitter might see as two.
    let mixed = REPORT
        .lines()
        .enumerate()
        .map(|(i, l)| format!("{l}{}", ["\n", "\r\n", "\r"][i % 3]))
        .collect::<String>();
    assert_eq!(seen(&mixed), lf);
    checked("\r\r\n\n\r", &Profile::default());
}

#[test]
fn byte_order_mark() {
    let plain = seen(REPORT);
    let with_bom = format!("\u{FEFF}{REPORT}");
    // Every finding of the plain text is there, moved by the BOM (one UTF-16
    // unit on line 1; a span that starts at the very beginning may take the
    // BOM in); anything else may only be about the BOM itself.
    let bom_seen: Vec<Seen> = seen(&with_bom)
        .into_iter()
        .filter(|s| s.1 != "\u{FEFF}")
        .map(|mut s| {
            if let Some(rest) = s.1.strip_prefix('\u{FEFF}') {
                s.1 = rest.to_string();
            } else if s.3 == 1 {
                s.4 -= 1;
            }
            s
        })
        .collect();
    assert_eq!(bom_seen, plain);
    // A BOM in the middle (pasted from another file) is no problem either.
    checked(&REPORT.replace('\n', "\n\u{FEFF}"), &Profile::default());
}

#[test]
fn nul_and_control_characters() {
    for c in [
        '\0', '\u{1}', '\u{7}', '\u{8}', '\u{B}', '\u{C}', '\u{1B}', '\u{7F}', '\u{85}', '\u{9F}',
        '\u{2028}', '\u{2029}',
    ] {
        // Between lines and inside them.
        let text = REPORT
            .replace('\n', &format!("{c}\n"))
            .replace('。', &format!("{c}。"));
        checked(&text, &Profile::default());
        let at_line_ends = REPORT.replace('\n', &format!("\n{c}"));
        checked(&at_line_ends, &Profile::default());
        let only = c.to_string().repeat(1000);
        checked(&only, &Profile::default());
    }
    // The placeholder is still found next to a NUL.
    assert!(rules_of("计划于\u{0}20xx年完成").contains(&"figures/placeholder"));
}

#[test]
fn zero_width_characters() {
    for c in [
        '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}',
    ] {
        let text: String = REPORT.chars().flat_map(|x| [x, c]).collect::<String>();
        checked(&text, &Profile::default());
        // Between lines, a zero-width character changes nothing that matters.
        let between = REPORT.replace('\n', &format!("\n{c}"));
        checked(&between, &Profile::default());
    }
    assert!(rules_of("计划于\u{200B}20xx年完成").contains(&"figures/placeholder"));
}

#[test]
fn astral_characters_and_emoji() {
    let prefix = "𠀀𪚥😀👨\u{200D}👩\u{200D}👧🇨🇳❤\u{FE0F}";
    let text = format!("{prefix}\n{REPORT}");
    assert_report_findings(&text);
    let inline: String = REPORT.replace('。', "😀。").replace("教育", "教𠀀育");
    checked(&inline, &Profile::default());
    let only = "😀𠀀".repeat(50_000);
    checked(&only, &Profile::default());
    // Line and column (UTF-16) of a finding after astral characters.
    let found = seen("𠀀😀计划于20xx年");
    let f = found
        .iter()
        .find(|f| f.0 == "figures/placeholder")
        .expect("placeholder");
    assert_eq!((f.3, f.4), (1, 8), "𠀀 and 😀 are two UTF-16 units each");
}

#[test]
fn all_ascii_text() {
    // English prose and code-like text: ASCII punctuation is right there.
    let prose = "The county education bureau reviewed 48 schools in 2023. Results, \
                 methods and plans are listed below (see section 2); questions: none!\n\
                 Enrollment grew by 3.5% to 32,000 students.\n";
    assert_eq!(rules_of(prose), Vec::<&str>::new(), "on English prose");
    let code = "fn main() { let x = [1, 2, 3]; println!(\"{:?}\", x); }\n\
                SELECT * FROM t WHERE a = 'b';\n<p class=\"x\">a, b</p>\n";
    checked(code, &Profile::default());
    let bytes: String = (0u8..128).map(char::from).collect::<String>().repeat(100);
    checked(&bytes, &Profile::default());
}

#[test]
fn malformed_profiles_are_clear_errors() {
    let deep = "[".repeat(100_000);
    let cases: &[(&str, &str)] = &[
        ("", ""),
        ("   ", ""),
        ("not json", ""),
        ("{", ""),
        ("{\"rules\":", ""),
        ("[]", ""),
        ("null", ""),
        ("42", ""),
        ("\"self-evaluation\"", ""),
        ("{\"rules\":[]}", "rules"),
        (
            "{\"rules\":{\"format/docnum\":\"loud\"}}",
            "rules.format/docnum",
        ),
        ("{\"rules\":{\"format/docnum\":3}}", "rules.format/docnum"),
        ("{\"rules\":{\"no/such-rule\":true}}", "rules.no/such-rule"),
        ("{\"rules\":{\"\":true}}", "rules."),
        ("{\"nmae\":\"x\"}", ""),
        ("{\"group_threshold\":-1}", "group_threshold"),
        // Out of f64's range: serde_json refuses it while parsing, before any
        // field is known, so the error is placed by line and character.
        ("{\"group_threshold\":1e400}", ""),
        (
            "{\"group_threshold\":99999999999999999999999}",
            "group_threshold",
        ),
        ("{\"name\":\"\\ud800\"}", ""),
        ("{\"name\":\"a\u{0}b\"}", ""),
        ("{}}", ""),
        (&deep, ""),
    ];
    // A byte order mark (Notepad writes one) is not an error (issue 17).
    assert!(report_check::Profile::from_json("\u{FEFF}{}").is_ok());
    for (json, field) in cases {
        let e = report_check::Profile::from_json(json)
            .err()
            .unwrap_or_else(|| panic!("{:?} accepted", &json[..json.len().min(40)]));
        let msg = e.to_string();
        assert!(msg.starts_with("配置（profile）"), "{msg}");
        assert!(!e.message.is_empty());
        if !field.is_empty() {
            assert!(e.field.starts_with(field), "{json}: field {:?}", e.field);
            assert!(msg.contains(field), "{msg}");
        }
        // Through the id-or-JSON entry point too: still an error, never a panic.
        assert!(Profile::from_id_or_json(json).is_err());
    }
    for id in ["", "no-such", "SELF-EVALUATION", "self-evaluation\0", "😀"] {
        let e = Profile::from_id_or_json(id).unwrap_err();
        assert!(e.to_string().contains("self-evaluation"), "{e}");
    }
}

#[test]
fn every_rule_off_and_every_rule_at_each_severity() {
    let ids: Vec<&str> = report_check::rules::registry()
        .map(|r| r.meta().id)
        .collect();
    for setting in [
        "false",
        "true",
        "\"info\"",
        "\"warning\"",
        "\"error\"",
        "\"off\"",
    ] {
        let rules = ids
            .iter()
            .map(|id| format!("\"{id}\":{setting}"))
            .collect::<Vec<_>>()
            .join(",");
        let profile = Profile::from_json(&format!("{{\"rules\":{{{rules}}}}}"))
            .unwrap_or_else(|e| panic!("{setting}: {e}"));
        let report = checked(REPORT, &profile);
        if setting == "false" || setting == "\"off\"" {
            assert!(report.findings.is_empty(), "{setting}");
        } else {
            assert!(!report.findings.is_empty(), "{setting}");
        }
    }
}

/// A heading numbered 0 (`（0）`, found by fuzzing inputs up to 1 MB): a
/// finding, not an overflow in the numbering rule.
#[test]
fn heading_numbered_zero() {
    for text in [
        "某县报告\n一、基本情况\n（0）落实教育优先发展\n正文。",
        "（0）甲\n0.乙\n",
    ] {
        let report = checked(text, &Profile::default());
        assert!(report.findings.iter().all(|f| !f.message.is_empty()));
    }
}
