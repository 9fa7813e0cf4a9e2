//! Boundary tests shared by the node and browser wasm test files: the same
//! cases must hold wherever the wasm runs.

use report_check::wasm;
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};

/// `check(text, profile)` through the wasm API, as JSON; `check_json` of
/// the same gives the same report.
pub fn check(text: &str, profile: JsValue) -> Value {
    check_js(&JsValue::from_str(text), &profile)
}

/// `check(text, profile)` of a JS value, as JSON, after checking that
/// `JSON.parse(check_json(text, profile))` is the same report.
fn check_js(text: &JsValue, profile: &JsValue) -> Value {
    let out = wasm::check(text.clone(), profile.clone())
        .unwrap_or_else(|_| panic!("check failed on {text:?}"));
    let json = wasm::check_json(text.clone(), profile.clone())
        .unwrap_or_else(|_| panic!("check_json failed on {text:?}"));
    let parsed = js_sys::JSON::parse(&String::from(json)).expect("check_json gives JSON");
    // Key for key, in the same order (the page compares the page's and the
    // worker's reports as JSON text).
    let text_of = |v: &JsValue| String::from(js_sys::JSON::stringify(v).expect("stringify"));
    let short: String = text
        .as_string()
        .unwrap_or_default()
        .chars()
        .take(40)
        .collect();
    assert!(
        text_of(&out) == text_of(&parsed),
        "check_json's keys differ from check's on {short:?}…"
    );
    let report: Value = serde_wasm_bindgen::from_value(out).expect("report is plain data");
    let parsed: Value = serde_wasm_bindgen::from_value(parsed).expect("plain data");
    assert!(
        parsed == report,
        "check_json differs from check on {short:?}…"
    );
    report
}

/// `check_json` is `check` as JSON text on texts of every kind: strings
/// made in JS with lone surrogates, reports of many 64 KB pieces, grouped
/// findings past the places listed, custom profiles; and it throws what
/// `check` throws.
pub fn check_json_is_check_as_json() {
    let texts = [
        js_string(r#""\ud800标题\udc00计划于20xx年完成。\r\n（一）""#).into(),
        JsValue::from_str(""),
        JsValue::from_str("𠀀😀教育20xx年,“四个意识“（未闭合\r\n第二行"),
        JsValue::from_str(&"全年投入xx万元,审议“四个意识“。\n".repeat(3_000)),
        JsValue::from_str(&format!("关于{}的报告", "《".repeat(12_345))),
        JsValue::from_str(&"（一）概况\n1.学校12所\n".repeat(2_000)),
    ];
    let profiles = [
        JsValue::UNDEFINED,
        JsValue::from_str(r#"{"rules":{"format/half-width-punct":"info"}}"#),
    ];
    let mut long = false;
    for text in &texts {
        for profile in &profiles {
            check_js(text, profile);
            let json = wasm::check_json(text.clone(), profile.clone()).expect("JSON");
            long |= json.length() > 3 * 64 * 1024;
        }
    }
    assert!(long, "a report of several pieces");
    for (text, profile) in [
        (JsValue::from_f64(42.0), JsValue::UNDEFINED),
        (JsValue::from_str("文本"), JsValue::from_str("{not json")),
    ] {
        let message = |e: JsValue| String::from(js_sys::Error::from(e).message());
        let a = wasm::check(text.clone(), profile.clone()).expect_err("check throws");
        let b = wasm::check_json(text, profile).expect_err("check_json throws");
        assert_eq!(message(a), message(b));
    }
}

/// The UTF-16 offset of the first `needle` in `text`, as JS `indexOf` gives it.
pub fn js_index(text: &str, needle: &str) -> usize {
    let byte = text.find(needle).expect("needle in text");
    text[..byte].encode_utf16().count()
}

fn findings(report: &Value) -> &Vec<Value> {
    report["findings"].as_array().expect("findings array")
}

fn first_of<'a>(report: &'a Value, rule: &str) -> &'a Value {
    findings(report)
        .iter()
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} finding in {report}"))
}

pub fn astral_characters_before_a_finding() {
    let text = "𠀀😀教育20xx年";
    let report = check(text, JsValue::UNDEFINED);
    let f = first_of(&report, "figures/placeholder");
    let start = js_index(text, "20xx");
    assert_eq!(start, 6, "𠀀 and 😀 are two UTF-16 units each");
    assert_eq!(f["start"], json!(start));
    assert_eq!(f["end"], json!(start + 4));
    assert_eq!(f["line"], json!(1));
    assert_eq!(f["column"], json!(start + 1));
    assert_eq!(f["category"], "placeholder");
    assert_eq!(f["severity"], "error");
    assert!(f["suggestion"].is_null());
}

pub fn crlf_lines_and_columns() {
    let text = "第一行\r\n第二行（未闭合\r\n第三行";
    let report = check(text, JsValue::UNDEFINED);
    let f = first_of(&report, "format/unbalanced-pair");
    assert_eq!(f["start"], json!(js_index(text, "（")));
    assert_eq!(f["line"], json!(2));
    assert_eq!(f["column"], json!(4));
}

pub fn empty_text_has_no_findings() {
    let report = check("", JsValue::UNDEFINED);
    assert_eq!(findings(&report).len(), 0);
    assert_eq!(report["summary"]["total"], json!(0));
}

pub fn profile_as_object_and_string() {
    let text = "全年投入xx万元,审议“四个意识“。";
    let all = check(text, JsValue::NULL);
    assert!(findings(&all)
        .iter()
        .any(|f| f["rule"] == "figures/placeholder"));

    let object = js_sys::JSON::parse(
        r#"{"rules":{"figures/placeholder":false,"format/half-width-punct":"info"}}"#,
    )
    .expect("valid JSON");
    let report = check(text, object);
    assert!(findings(&report)
        .iter()
        .all(|f| f["rule"] != "figures/placeholder"));
    let punct = first_of(&report, "format/half-width-punct");
    assert_eq!(punct["severity"], "info");
    assert_eq!(punct["suggestion"], "，");

    let builtin: Value =
        serde_wasm_bindgen::from_value(wasm::profiles().expect("profiles")).expect("plain data");
    let id = builtin[0]["id"].as_str().expect("an id");
    assert!(builtin[0]["name"].is_string());
    assert_eq!(check(text, JsValue::from_str(id)), all);

    let string = JsValue::from_str(r#"{"rules":{"format/unbalanced-pair":false}}"#);
    let report = check(text, string);
    assert!(findings(&report)
        .iter()
        .all(|f| f["rule"] != "format/unbalanced-pair"));
}

/// Custom profiles given in turn (several widgets share one engine), more
/// of them than the engine keeps compiled: each gives its own findings.
pub fn custom_profiles_in_turn() {
    let text = "全年投入xx万元,审议“四个意识“。";
    let rules = [
        "figures/placeholder",
        "format/half-width-punct",
        "format/unbalanced-pair",
        "format/mark-between-quoted",
        "structure/sections",
        "structure/indicator-coverage",
    ];
    let profiles: Vec<String> = rules
        .iter()
        .map(|r| format!(r#"{{"rules":{{"{r}":false}}}}"#))
        .collect();
    let alone: Vec<Value> = profiles
        .iter()
        .map(|p| check(text, JsValue::from_str(p)))
        .collect();
    for (report, rule) in alone.iter().zip(rules) {
        assert!(
            findings(report).iter().all(|f| f["rule"] != rule),
            "{rule} off"
        );
    }
    let n = profiles.len();
    for i in (0..3 * n)
        .map(|i| (i * 5 + 1) % n)
        .chain([0, 1, 0, 1, 5, 0])
    {
        assert_eq!(
            check(text, JsValue::from_str(&profiles[i])),
            alone[i],
            "profile {i}"
        );
    }
}

pub fn broken_profile_is_an_error() {
    for bad in [
        JsValue::from_str(r#"{"rules":{"no/such-rule":true}}"#),
        JsValue::from_str("{not json"),
        JsValue::from_str("no-such-profile"),
        JsValue::from_f64(3.0),
    ] {
        assert!(wasm::check(JsValue::from_str("文本"), bad).is_err());
    }
}

pub fn summary_counts_and_plain_objects() {
    let report = check("20xx年印发[2021]3号文件", JsValue::UNDEFINED);
    let summary = &report["summary"];
    assert_eq!(summary["total"], json!(findings(&report).len()));
    assert_eq!(summary["by_category"]["placeholder"], json!(1));
    assert_eq!(summary["by_category"]["docnum"], json!(1));
    let raw = wasm::check(JsValue::from_str("20xx"), JsValue::UNDEFINED).expect("check");
    // A plain object, not a Map: JSON.stringify must see the fields.
    let json = js_sys::JSON::stringify(&raw)
        .expect("stringify")
        .as_string()
        .unwrap_or_default();
    assert!(json.contains("\"findings\":[{"), "{json}");
}

pub fn rules_and_version() {
    let rules: Value =
        serde_wasm_bindgen::from_value(wasm::rules().expect("rules")).expect("plain data");
    let rules = rules.as_array().expect("array");
    assert!(rules.len() >= 4);
    for r in rules {
        for key in ["id", "category", "severity", "description"] {
            assert!(r[key].is_string(), "{r}");
        }
    }
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}

/// `categories()`: every category in display order with its Chinese label
/// (what www/ shows), and every rule's category among them.
pub fn categories_with_labels() {
    let cats: Value = serde_wasm_bindgen::from_value(wasm::categories().expect("categories"))
        .expect("plain data");
    let cats = cats.as_array().expect("array");
    assert_eq!(cats.len(), 13);
    assert_eq!(cats[0], json!({"id": "section", "label": "结构"}));
    assert_eq!(cats[11], json!({"id": "typo", "label": "错别字"}));
    assert_eq!(cats[12], json!({"id": "layout", "label": "版式"}));
    let rules: Value =
        serde_wasm_bindgen::from_value(wasm::rules().expect("rules")).expect("plain data");
    for r in rules.as_array().expect("array") {
        assert!(cats.iter().any(|c| c["id"] == r["category"]), "{r}");
    }
}

/// A JS string (from `JSON.parse`, so it may hold what a Rust literal cannot).
fn js_string(json: &str) -> js_sys::JsString {
    js_sys::JSON::parse(json).expect("valid JSON").into()
}

/// The UTF-16 offset of the first `needle` in a JS string, by JS `indexOf`.
fn js_index_of(haystack: &js_sys::JsString, needle: &str) -> usize {
    let at = haystack.index_of(needle, 0);
    usize::try_from(at).expect("needle in the JS string")
}

pub fn lone_surrogates_keep_offsets_aligned() {
    // Lone surrogates come only from JS (broken copy and paste). A `&str`
    // argument is made from the JS string by wasm-bindgen's UTF-8 encoder
    // (the one behind `JsValue::as_string` too), which turns each lone
    // surrogate into U+FFFD: one UTF-16 unit for one, so every offset the
    // checker returns still indexes the JS string the caller holds.
    let js = js_string(r#""\ud800教\udc00育\ud83d计划于20xx年\udbff完成（\ud800""#);
    let text = JsValue::from(js.clone()).as_string().expect("a string");
    assert_eq!(text.encode_utf16().count(), js.length() as usize);
    assert_eq!(text.matches('\u{FFFD}').count(), 5);
    // The JS string itself, as a caller passes it.
    let out = wasm::check(JsValue::from(js.clone()), JsValue::UNDEFINED).expect("checks");
    let report: Value = serde_wasm_bindgen::from_value(out).expect("plain data");
    assert_eq!(report, check(&text, JsValue::UNDEFINED));
    let f = first_of(&report, "figures/placeholder");
    let start = js_index_of(&js, "20xx");
    assert_eq!(f["start"], json!(start));
    assert_eq!(f["end"], json!(start + 4));
    assert_eq!(f["column"], json!(start + 1));
    let pair = first_of(&report, "format/unbalanced-pair");
    assert_eq!(pair["start"], json!(js_index_of(&js, "（")));
    for f in findings(&report) {
        let end = f["end"].as_u64().expect("end");
        assert!(end <= u64::from(js.length()), "{f}");
    }
}

pub fn bom_cr_and_controls_keep_offsets_aligned() {
    // BOM (3 bytes, 1 UTF-16 unit), lone CR, NUL and zero-width characters
    // before a finding: the JS offset is still the one `indexOf` gives.
    let js = js_string(r#""\ufeff标题\r正文\u0000\u200b\u0007计划于20xx年完成。\r\n（一）""#);
    let text = JsValue::from(js.clone()).as_string().expect("a string");
    let report = check(&text, JsValue::UNDEFINED);
    let f = first_of(&report, "figures/placeholder");
    let start = js_index_of(&js, "20xx");
    assert_eq!(f["start"], json!(start));
    assert_eq!(f["line"], json!(2), "a lone CR ends a line");
    assert_eq!(f["column"], json!(start - js_index_of(&js, "正文") + 1));
}

/// A text of nothing but `《`: each rule past its first thousand places
/// groups the rest into one finding, whose places cross to JS in pieces.
/// Every place arrives, in order, with its offsets.
pub fn grouped_places_in_pieces() {
    let text = format!("关于{}的报告", "《".repeat(5_000));
    let report = check(&text, JsValue::UNDEFINED);
    let grouped: Vec<&Value> = findings(&report)
        .iter()
        .filter(|f| f["occurrences"].as_array().is_some_and(|o| o.len() > 1500))
        .collect();
    assert!(!grouped.is_empty(), "{report}");
    for f in grouped {
        let places = f["occurrences"].as_array().expect("places");
        let first = js_index(&text, "《") as u64;
        let mut last = 0;
        for p in places {
            let (start, end) = (p["start"].as_u64().unwrap(), p["end"].as_u64().unwrap());
            assert!(
                start >= first && end <= first + 5_000 && start <= end,
                "{p}"
            );
            assert!(start >= last, "in order: {p}");
            last = start;
        }
        assert_eq!(f["start"], places[0]["start"], "{f}");
        assert!(f["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
}

/// Past the first 10,000 places a grouped finding lists, JS gets how many
/// there are in all (`places`); the listed ones are the first.
pub fn places_past_the_listed_are_counted() {
    let text = format!("关于{}的报告", "《".repeat(12_345));
    let report = check(&text, JsValue::UNDEFINED);
    let f = findings(&report)
        .iter()
        .find(|f| f["places"].is_u64())
        .cloned()
        .unwrap_or_else(|| panic!("no finding with places: {report}"));
    assert_eq!(f["places"], 12_345, "{f}");
    let listed = f["occurrences"].as_array().expect("places");
    assert_eq!(listed.len(), 10_000);
    let first = js_index(&text, "《") as u64;
    assert_eq!(listed[0]["start"].as_u64(), Some(first));
    assert_eq!(listed[9_999]["start"].as_u64(), Some(first + 9_999));
    assert!(f["message"]
        .as_str()
        .is_some_and(|m| m.contains("只标出了前 10000 处")));
    // Few places: no `places`.
    let report = check("关于《《《的报告", JsValue::UNDEFINED);
    assert!(
        findings(&report).iter().all(|f| f.get("places").is_none()),
        "{report}"
    );
}

pub fn big_text_through_js() {
    // One 1 MB line and 20,000 short lines: no trap, offsets within the text.
    let line = "全县推进义务教育优质均衡发展,计划于20xx年完成。".repeat(16_000);
    let lines = "（一）概况\n".repeat(20_000);
    for text in [line, lines] {
        let report = check(&text, JsValue::UNDEFINED);
        let len = text.encode_utf16().count() as u64;
        for f in findings(&report) {
            assert!(f["end"].as_u64().expect("end") <= len);
        }
    }
}

pub fn whitespace_and_ascii_only() {
    for text in [
        " ",
        "\n\r\n\r",
        "\u{3000}\t ",
        "Plain English, with commas; and (brackets).",
    ] {
        let report = check(text, JsValue::UNDEFINED);
        assert_eq!(findings(&report).len(), 0, "{text:?}: {report}");
    }
}

pub fn profile_errors_are_clear() {
    for (bad, names) in [
        (r#"{"rules":{"no/such-rule":true}}"#, "no/such-rule"),
        (r#"{"rules":{"format/docnum":"loud"}}"#, "format/docnum"),
        ("{not json", "配置"),
        ("[]", "配置"),
        ("{}}", "配置"),
        ("no-such-profile", "no-such-profile"),
    ] {
        let err = wasm::check(JsValue::from_str("文本"), JsValue::from_str(bad)).expect_err(bad);
        let err = js_sys::Error::from(err);
        let message = String::from(err.message());
        assert!(message.contains(names), "{bad}: {message}");
    }
    // An array object is stringified to `[...]`: an error, not the default profile.
    let array = js_sys::JSON::parse("[1,2]").expect("valid JSON");
    assert!(wasm::check(JsValue::from_str("文本"), array).is_err());
}

pub fn non_string_text_is_an_error() {
    // Issue 17: a number or an object trapped with `memory access out of bounds`.
    let object = js_sys::JSON::parse(r#"{"text":"文本"}"#).expect("valid JSON");
    let array = js_sys::JSON::parse(r#"["文本"]"#).expect("valid JSON");
    for (bad, kind) in [
        (JsValue::from_f64(42.0), "number"),
        (JsValue::from_bool(true), "boolean"),
        (JsValue::UNDEFINED, "undefined"),
        (JsValue::NULL, "object"),
        (object, "object"),
        (array, "object"),
    ] {
        let err = wasm::check(bad.clone(), JsValue::UNDEFINED).expect_err(kind);
        assert!(err.is_instance_of::<js_sys::Error>(), "{bad:?}");
        let err = js_sys::Error::from(err);
        let message = String::from(err.message());
        assert_eq!(
            message,
            format!("text 必须是字符串（string），而不是 {kind}")
        );
    }
    // The engine still works afterwards, on strings made in JS too.
    let report = check("计划于20xx年完成。", JsValue::UNDEFINED);
    assert_eq!(first_of(&report, "figures/placeholder")["start"], json!(3));
    let js = js_string(r#""计划于20xx年完成。""#);
    assert!(wasm::check(js.into(), JsValue::UNDEFINED).is_ok());
}

#[path = "../common/docx.rs"]
mod build;

/// The copy's document.xml and comments.xml (empty when there is none).
fn docx_parts(copy: &[u8]) -> (String, String) {
    use report_check::docx::zip::Archive;
    let z = Archive::new(copy).expect("the copy is a zip");
    let part = |name: &str| {
        z.find(name).map_or_else(String::new, |e| {
            String::from_utf8(z.read(e, 1 << 26).expect("inflates")).expect("UTF-8")
        })
    };
    (part("word/document.xml"), part("word/comments.xml"))
}

/// `annotate_docx`: every finding a comment, the fixes given (UTF-16
/// offsets of `check_docx`'s text, past an astral char) tracked changes,
/// nothing else changed; no fixes, no changes; a wrong fix an error.
pub fn annotate_docx_comments_and_accepted_fixes() {
    let body = [
        build::para("", "", "𠀀柳溪县教育局关于20xx年工作情况的报告"),
        build::para("", "", "全县共有学校52所,在校学生31000人,专任教师2400人。"),
    ]
    .concat();
    let bytes = build::build(&build::Parts::body(&body));
    let report: Value = serde_wasm_bindgen::from_value(
        wasm::check_docx(&bytes, JsValue::UNDEFINED).expect("check_docx"),
    )
    .expect("plain data");
    let text = report["text"].as_str().expect("text");
    let n = findings(&report).len();
    assert!(n >= 2, "{report}");
    // The drafter accepts the second comma's fix only.
    let second = text.match_indices(',').nth(1).expect("two commas").0;
    let start = text[..second].encode_utf16().count();
    let fixes = |json: &str| js_sys::JSON::parse(json).expect("JSON");
    let accepted = fixes(&format!(
        r#"[{{"start":{start},"end":{},"text":"，","old":","}}]"#,
        start + 1
    ));
    let copy = wasm::annotate_docx(&bytes, JsValue::UNDEFINED, accepted, JsValue::UNDEFINED)
        .expect("annotates");
    let (doc, comments) = docx_parts(&copy);
    assert_eq!(comments.matches("<w:comment ").count(), n, "{comments}");
    assert_eq!(doc.matches("<w:ins ").count(), 1, "{doc}");
    assert_eq!(doc.matches("<w:del ").count(), 1);
    let read = report_check::docx::read(&copy).expect("reads").text;
    assert!(read.contains("52所,在校学生31000人，专任教师"), "{read}");
    // No fixes: comments only, the text as it was.
    for none in [JsValue::UNDEFINED, JsValue::NULL, fixes("[]")] {
        let copy = wasm::annotate_docx(&bytes, JsValue::UNDEFINED, none, JsValue::UNDEFINED)
            .expect("annotates");
        let (doc, comments) = docx_parts(&copy);
        assert!(!doc.contains("<w:ins "));
        assert_eq!(comments.matches("<w:comment ").count(), n);
        assert_eq!(report_check::docx::read(&copy).unwrap().text, text);
    }
    // A fix past the end, inside the astral char's pair, or whose old
    // text is not there: a Chinese error, nothing written.
    let len = text.encode_utf16().count();
    for bad in [
        format!(r#"[{{"start":{len},"end":{},"text":"x"}}]"#, len + 1),
        r#"[{"start":1,"end":2,"text":"x"}]"#.to_string(),
        format!(
            r#"[{{"start":{start},"end":{},"text":"，","old":"。"}}]"#,
            start + 1
        ),
        r#"[{"start":0,"end":1}]"#.to_string(),
        r#"{"start":0}"#.to_string(),
    ] {
        let err = wasm::annotate_docx(&bytes, JsValue::UNDEFINED, fixes(&bad), JsValue::UNDEFINED)
            .expect_err(&bad);
        let message = js_sys::Error::from(err).message().as_string().unwrap();
        assert!(message.starts_with("修改（fixes）有误"), "{bad}: {message}");
    }
    // A finding the drafter ignored (skip: its rule and span) gets no comment.
    let first = &findings(&report)[0];
    let skip = fixes(&format!(
        r#"[{{"rule":{},"start":{},"end":{}}}]"#,
        first["rule"], first["start"], first["end"]
    ));
    let copy = wasm::annotate_docx(&bytes, JsValue::UNDEFINED, JsValue::UNDEFINED, skip)
        .expect("annotates");
    let (_, comments) = docx_parts(&copy);
    assert_eq!(comments.matches("<w:comment ").count(), n - 1, "{comments}");
    let message = first["message"].as_str().unwrap();
    assert!(
        !comments.contains(message)
            || findings(&report)
                .iter()
                .filter(|f| f["message"] == message)
                .count()
                > 1
    );
    let bad = fixes(r#"[{"start":0,"end":1}]"#);
    assert!(wasm::annotate_docx(&bytes, JsValue::UNDEFINED, JsValue::UNDEFINED, bad).is_err());
    // Not a .docx: the reader's message.
    let err = wasm::annotate_docx(
        b"plain text",
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
    )
    .expect_err("not a docx");
    let message = js_sys::Error::from(err).message().as_string().unwrap();
    assert!(message.contains("另存为 .docx"), "{message}");
}

/// Declares one `#[wasm_bindgen_test]` per case above, so the node and the
/// browser test files run exactly the same list.
macro_rules! boundary_tests {
    () => {
        boundary_tests!(
            astral_characters_before_a_finding,
            crlf_lines_and_columns,
            empty_text_has_no_findings,
            profile_as_object_and_string,
            custom_profiles_in_turn,
            broken_profile_is_an_error,
            summary_counts_and_plain_objects,
            rules_and_version,
            categories_with_labels,
            lone_surrogates_keep_offsets_aligned,
            bom_cr_and_controls_keep_offsets_aligned,
            big_text_through_js,
            grouped_places_in_pieces,
            places_past_the_listed_are_counted,
            whitespace_and_ascii_only,
            profile_errors_are_clear,
            non_string_text_is_an_error,
            check_json_is_check_as_json,
            annotate_docx_comments_and_accepted_fixes,
        );
    };
    ($($case:ident),+ $(,)?) => {
        $(
            #[wasm_bindgen_test::wasm_bindgen_test]
            fn $case() {
                wasm_common::$case();
            }
        )+
    };
}
