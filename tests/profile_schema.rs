//! `profiles/profile.schema.json` documents exactly what the profile reader
//! accepts: every example below is validated by the schema (the `jsonschema`
//! crate) and read by `Profile::from_json`, and the two agree; the few
//! rules the schema cannot state (rule ids, unique section ids, totals) are
//! listed apart. The built-in profiles load to what their files say, with
//! the documented defaults filled in.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Map, Value};

use report_check::profile::BUILTIN;
use report_check::Profile;

fn schema() -> Value {
    serde_json::from_str(include_str!("../profiles/profile.schema.json")).expect("schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&schema()).expect("the schema is a valid JSON Schema")
}

fn props<'a>(schema: &'a Value, pointer: &str) -> &'a Map<String, Value> {
    schema
        .pointer(pointer)
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("{pointer} in schema"))
}

#[test]
fn builtin_profiles_use_only_documented_fields() {
    let schema = schema();
    let top = props(&schema, "/properties");
    let section = props(&schema, "/$defs/section/properties");
    let indicator = props(&schema, "/$defs/indicator/properties");
    let topic = props(&schema, "/$defs/topic/properties");
    for b in BUILTIN {
        let p = serde_json::to_value(Profile::builtin(b.id).expect("parses")).expect("serialises");
        for key in p.as_object().expect("object").keys() {
            assert!(top.contains_key(key), "{}: {key}", b.id);
        }
        for s in p["sections"].as_array().expect("sections") {
            for key in s.as_object().expect("object").keys() {
                assert!(section.contains_key(key), "{}: sections.{key}", b.id);
            }
        }
        for i in p["indicators"].as_array().expect("indicators") {
            for key in i.as_object().expect("object").keys() {
                assert!(indicator.contains_key(key), "{}: indicators.{key}", b.id);
            }
        }
        if let Some(t) = p["topic"].as_object() {
            for key in t.keys() {
                assert!(topic.contains_key(key), "{}: topic.{key}", b.id);
            }
        }
        let layout = props(&schema, "/$defs/layout/properties");
        for key in p["layout"].as_object().expect("layout").keys() {
            assert!(layout.contains_key(key), "{}: layout.{key}", b.id);
        }
    }
}

/// A profile that uses every field.
fn full() -> Value {
    json!({
        "extends": "none",
        "name": "测试",
        "rules": {"format/docnum": "warning"},
        "group_threshold": 5,
        "sections": [{
            "id": "a", "label": "甲", "kind": "heading", "headings": ["甲"], "cues": ["甲"],
            "list_cues": ["甲"], "required": true, "severity": "error", "hint": "写甲",
            "other_types": ["通知"]
        }],
        "indicators": [{
            "id": "b", "label": "乙", "keywords": ["乙"], "claims": ["乙"], "units": ["元"],
            "expect": "乙", "required": true
        }],
        "topic": {"keywords": ["丙"], "min_per_10k": 1, "subjects": ["丙"], "other_subjects": ["丁"]},
        "layout": {
            "page_width_mm": 210.0, "page_height_mm": 297.0, "margin_top_mm": 34.6,
            "margin_left_mm": 28.0, "text_width_mm": 156.0, "text_height_mm": 225.0,
            "tolerance_mm": 1.0, "title_fonts": ["小标宋"], "body_fonts": ["仿宋"],
            "heading1_fonts": ["黑体"], "heading2_fonts": ["楷体"], "title_size_pt": 22.0,
            "body_size_pt": 16.0, "lines_per_page": 22.0, "line_spacing_pt": 29.5,
            "line_tolerance_pt": 1.0, "indent_chars": 2.0, "page_number_size_pt": 14.0
        }
    })
}

#[test]
fn every_documented_field_is_accepted() {
    let full = full();
    let schema = schema();
    let check_keys = |value: &Value, pointer: &str| {
        let documented = props(&schema, pointer);
        for key in value.as_object().expect("object").keys() {
            assert!(documented.contains_key(key), "{pointer}: {key}");
        }
        assert_eq!(
            value.as_object().map(Map::len),
            Some(documented.len()),
            "{pointer}: every field used"
        );
    };
    check_keys(&full, "/properties");
    check_keys(&full["sections"][0], "/$defs/section/properties");
    check_keys(&full["indicators"][0], "/$defs/indicator/properties");
    check_keys(&full["topic"], "/$defs/topic/properties");
    check_keys(&full["layout"], "/$defs/layout/properties");
    let p = Profile::from_json(&full.to_string()).expect("the reader accepts every field");
    // Each field is read into its place.
    let back = serde_json::to_value(&p).expect("serialises");
    for key in [
        "name",
        "rules",
        "group_threshold",
        "sections",
        "indicators",
        "topic",
        "layout",
    ] {
        assert_eq!(back[key], full[key], "{key}");
    }
}

/// A profile file as the reader must load it, by the documented defaults:
/// `extends` applied (the built-in ones extend `none`), every omitted
/// field filled in.
fn with_defaults(file: &Value) -> Value {
    let mut p = file.clone();
    let map = p.as_object_mut().expect("object");
    assert_eq!(map.remove("extends"), Some(json!("none")));
    let fill = |v: &mut Value, defaults: Value| {
        for (k, d) in defaults.as_object().expect("object") {
            v.as_object_mut()
                .expect("object")
                .entry(k.clone())
                .or_insert_with(|| d.clone());
        }
    };
    for s in p["sections"].as_array_mut().expect("sections") {
        fill(
            s,
            json!({"kind": "heading", "headings": [], "cues": [], "list_cues": [],
                   "required": true, "severity": "warning", "hint": ""}),
        );
    }
    for i in p["indicators"].as_array_mut().expect("indicators") {
        fill(
            i,
            json!({"claims": [], "units": [], "expect": "", "required": false}),
        );
    }
    if p["topic"].is_object() {
        fill(
            &mut p["topic"],
            json!({"subjects": [], "other_subjects": []}),
        );
    }
    // The printed page: GB/T 9704's values, each replaced where the file
    // gives its own.
    let mut layout =
        serde_json::to_value(report_check::profile::LayoutSpec::default()).expect("JSON");
    if let Some(given) = file.get("layout").and_then(Value::as_object) {
        for (k, v) in given {
            layout[k] = v.clone();
        }
    }
    p["layout"] = layout;
    p
}

#[test]
fn builtin_profiles_load_as_written() {
    // At 868b7f3, the hand-written reader this one replaced loaded each
    // built-in profile to exactly this (compared on its serialised form).
    let validator = validator();
    for b in BUILTIN {
        let file = std::fs::read_to_string(format!(
            "{}/profiles/{}.json",
            env!("CARGO_MANIFEST_DIR"),
            b.id
        ))
        .expect("profile file");
        let file: Value = serde_json::from_str(&file).expect("JSON");
        assert!(validator.is_valid(&file), "{}", b.id);
        let p = Profile::builtin(b.id).expect("built in");
        let written = serde_json::to_value(&p).expect("serialises");
        assert_eq!(written, with_defaults(&file), "{}", b.id);
        // What it writes out is a valid profile that reads back the same.
        let mut written = written;
        written["extends"] = json!("none");
        assert!(validator.is_valid(&written), "{}", b.id);
        assert_eq!(Profile::from_json(&written.to_string()), Ok(p));
    }
}

/// Profiles both the schema and the reader accept.
fn accepted() -> Vec<Value> {
    let mut all = vec![
        json!({}),
        full(),
        json!({"extends": "self-inspection"}),
        json!({"extends": "annual-summary", "name": "总结"}),
        json!({"topic": null}),
        json!({"name": ""}),
        json!({"rules": {}}),
        json!({"rules": {"format/docnum": true, "format/half-width-punct": false}}),
        json!({"rules": {"format/docnum": "on", "figures/placeholder": "off"}}),
        json!({"rules": {"format/docnum": "error", "figures/placeholder": "info"}}),
        json!({"group_threshold": 0}),
        json!({"group_threshold": 2.0}),
        json!({"group_threshold": 1_000_000}),
        json!({"sections": []}),
        json!({"indicators": []}),
        json!({"sections": [{"id": "t", "label": "标题", "kind": "title"}]}),
        json!({"sections": [{"id": "o", "label": "开头", "kind": "opening", "cues": ["报告如下"]}]}),
        json!({"sections": [{"id": "s", "label": "落款", "kind": "signature", "required": false}]}),
        json!({"sections": [{"id": "h", "label": "问题", "headings": ["问题", "问题", "问题"]}]}),
        json!({"indicators": [{"id": "i", "label": "乙", "keywords": ["乙"]}]}),
        json!({"topic": {"keywords": ["教育"], "min_per_10k": 0}}),
        json!({"topic": {"keywords": ["教育"], "min_per_10k": 10_000}}),
        json!({"topic": {"keywords": ["教".repeat(100)], "min_per_10k": 1}}),
        json!({"layout": {"body_fonts": ["仿宋_GB2312"]}}),
        json!({"layout": {"title_fonts": ["方正小标宋", "小标宋"], "heading2_fonts": ["楷体"]}}),
    ];
    // The limits themselves.
    let many = |n: usize| (0..n).map(|i| format!("词{i}")).collect::<Vec<_>>();
    let sections: Vec<Value> = (0..200)
        .map(|i| json!({"id": format!("s{i}"), "label": "部分", "headings": ["部分"]}))
        .collect();
    all.push(json!({"sections": sections}));
    let indicators: Vec<Value> = (0..200)
        .map(|i| json!({"id": format!("i{i}"), "label": "指标", "keywords": [format!("指标{i}")]}))
        .collect();
    all.push(json!({"indicators": indicators}));
    all.push(json!({"topic": {"keywords": many(2000), "min_per_10k": 1}}));
    // The same word in eight searched lists, and eight words each starting
    // with the one before.
    let indicators: Vec<Value> = (0..4)
        .map(|i| json!({"id": format!("i{i}"), "label": "甲", "keywords": ["教育"], "claims": ["教育"]}))
        .collect();
    all.push(json!({"indicators": indicators, "topic": null}));
    let nested: Vec<String> = (1..=8).map(|k| "教".repeat(k)).collect();
    all.push(json!({"topic": {"keywords": nested, "min_per_10k": 1}}));
    all
}

/// Profiles both the schema and the reader reject, with the field the
/// reader names.
fn rejected() -> Vec<(Value, &'static str)> {
    let words = |n: usize| (0..n).map(|i| format!("词{i}")).collect::<Vec<_>>();
    let sections: Vec<Value> = (0..201)
        .map(|i| json!({"id": format!("s{i}"), "label": "部分", "headings": ["部分"]}))
        .collect();
    let indicators: Vec<Value> = (0..201)
        .map(|i| json!({"id": format!("i{i}"), "label": "指标", "keywords": ["指标"]}))
        .collect();
    vec![
        (json!([]), ""),
        (json!({"layout": {"margin_top": 37}}), "layout.margin_top"),
        (
            json!({"layout": {"body_fonts": "仿宋"}}),
            "layout.body_fonts",
        ),
        // An empty font list leaves the layout rules nothing to compare with.
        (json!({"layout": {"body_fonts": []}}), "layout.body_fonts"),
        (json!({"layout": {"title_fonts": []}}), "layout.title_fonts"),
        (
            json!({"layout": {"heading1_fonts": []}}),
            "layout.heading1_fonts",
        ),
        (
            json!({"layout": {"heading2_fonts": []}}),
            "layout.heading2_fonts",
        ),
        (
            json!({"layout": {"body_fonts": ["仿宋", ""]}}),
            "layout.body_fonts[1]",
        ),
        (
            json!({"layout": {"body_size_pt": "三号"}}),
            "layout.body_size_pt",
        ),
        (json!({"layout": [210, 297]}), "layout"),
        (json!("self-evaluation"), ""),
        (json!(null), ""),
        (json!(3), ""),
        (json!({"nmae": "x"}), "nmae"),
        (json!({"extends": "nope"}), "extends"),
        (json!({"extends": 1}), "extends"),
        (json!({"name": null}), "name"),
        (json!({"name": 3}), "name"),
        (json!({"rules": []}), "rules"),
        (
            json!({"rules": {"format/docnum": "loud"}}),
            "rules.format/docnum",
        ),
        (
            json!({"rules": {"format/docnum": null}}),
            "rules.format/docnum",
        ),
        (
            json!({"rules": {"format/docnum": 1}}),
            "rules.format/docnum",
        ),
        (
            json!({"rules": {"format/docnum": [true]}}),
            "rules.format/docnum",
        ),
        (json!({"group_threshold": -1}), "group_threshold"),
        (json!({"group_threshold": 2.5}), "group_threshold"),
        (json!({"group_threshold": "3"}), "group_threshold"),
        (json!({"group_threshold": true}), "group_threshold"),
        (json!({"group_threshold": 1_000_001}), "group_threshold"),
        (
            json!({"group_threshold": 5_000_000_000u64}),
            "group_threshold",
        ),
        (json!({"sections": {}}), "sections"),
        (json!({"sections": null}), "sections"),
        (json!({"sections": [["a", "标题", "title"]]}), "sections[0]"),
        (
            json!({"sections": [["a", "b", "title", [], [], [], true, "info", "h"]]}),
            "sections[0]",
        ),
        (json!({"sections": ["a"]}), "sections[0]"),
        (json!({"sections": [{"id": "a"}]}), "sections[0].label"),
        (json!({"sections": [{"label": "a"}]}), "sections[0].id"),
        (
            json!({"sections": [{"id": "", "label": "甲", "kind": "title"}]}),
            "sections[0].id",
        ),
        (
            json!({"sections": [{"id": "a", "label": "甲", "kind": "footer"}]}),
            "sections[0].kind",
        ),
        (
            json!({"sections": [{"id": "a", "label": "甲", "kind": {"title": null}}]}),
            "sections[0].kind",
        ),
        (
            json!({"sections": [{"id": "a", "label": "甲", "kind": 3}]}),
            "sections[0].kind",
        ),
        (
            json!({"sections": [{"id": "a", "label": "甲", "severity": "loud"}]}),
            "sections[0].severity",
        ),
        (
            json!({"sections": [{"id": "a", "label": "甲", "required": 1}]}),
            "sections[0].required",
        ),
        (
            json!({"sections": [{"id": "a", "label": "甲", "headings": "甲"}]}),
            "sections[0].headings",
        ),
        (
            json!({"sections": [{"id": "a", "label": "甲", "headings": ["甲", 2]}]}),
            "sections[0].headings[1]",
        ),
        (
            json!({"sections": [{"id": "a", "label": "甲", "headings": ["甲"], "extra": 1}]}),
            "sections[0].extra",
        ),
        (
            json!({"sections": [{"id": "a", "label": "甲", "hint": ["x"]}]}),
            "sections[0].hint",
        ),
        (
            json!({"sections": [{"id": "t", "label": "标题", "kind": "title", "other_types": "通知"}]}),
            "sections[0].other_types",
        ),
        (json!({"sections": sections}), "sections"),
        (json!({"indicators": indicators}), "indicators"),
        (
            json!({"indicators": [{"id": "a", "label": "b"}]}),
            "indicators[0].keywords",
        ),
        (
            json!({"indicators": [{"id": "a", "label": "b", "keywords": []}]}),
            "indicators[0].keywords",
        ),
        (json!({"indicators": [["a", "b", ["k"]]]}), "indicators[0]"),
        (
            json!({"indicators": [{"id": "a", "label": "b", "keywords": ["k"], "required": "yes"}]}),
            "indicators[0].required",
        ),
        (json!({"topic": {"keywords": ["a"]}}), "topic.min_per_10k"),
        (
            json!({"topic": {"keywords": [], "min_per_10k": 1}}),
            "topic.keywords",
        ),
        (
            json!({"topic": {"keywords": ["a"], "min_per_10k": 10_001}}),
            "topic.min_per_10k",
        ),
        (json!({"topic": [["a"], 2]}), "topic"),
        (json!({"topic": "off"}), "topic"),
        (
            json!({"topic": {"keywords": ["教".repeat(101)], "min_per_10k": 1}}),
            "topic.keywords[0]",
        ),
        (
            json!({"topic": {"keywords": words(2001), "min_per_10k": 1}}),
            "topic.keywords",
        ),
        (
            json!({"topic": {"keywords": vec!["教育"; 2001], "min_per_10k": 1}}),
            "topic.keywords",
        ),
    ]
}

/// Profiles the schema allows but the reader refuses: what JSON Schema
/// cannot state, each with its field and a word of its message.
fn refused_beyond_the_schema() -> Vec<(Value, &'static str, &'static str)> {
    let searched: Vec<Value> = (0..5)
        .map(|i| json!({"id": format!("i{i}"), "label": "甲", "keywords": ["教育"], "claims": ["教育"]}))
        .collect();
    let total: Vec<Value> = (0..6)
        .map(|i| json!({"id": format!("s{i}"), "label": "部分", "headings": (0..2000).map(|j| format!("{i}-{j}")).collect::<Vec<_>>()}))
        .collect();
    vec![
        (
            json!({"rules": {"no/such-rule": true}}),
            "rules.no/such-rule",
            "没有名为",
        ),
        (
            json!({"sections": [{"id": "a", "label": "甲", "headings": ["甲"]}, {"id": "a", "label": "乙", "headings": ["乙"]}]}),
            "sections[1].id",
            "重复",
        ),
        (
            json!({"sections": [{"id": "a", "label": "甲"}]}),
            "sections[0].headings",
            "至少要有一个标题用语",
        ),
        (
            json!({"sections": [{"id": " ", "label": "甲", "kind": "title"}]}),
            "sections[0].id",
            "不能为空",
        ),
        (
            json!({"indicators": [{"id": "a", "label": "b", "keywords": [" "]}]}),
            "indicators[0].keywords",
            "至少要有一个关键词",
        ),
        (
            json!({"indicators": searched, "topic": null}),
            "indicators[4].keywords[0]",
            "8",
        ),
        (json!({"sections": total}), "sections[5].headings", "10000"),
        (
            json!({"topic": {"keywords": (1..=9).map(|k| "教".repeat(k)).collect::<Vec<_>>(), "min_per_10k": 1}}),
            "topic.keywords[8]",
            "9 次",
        ),
    ]
}

/// A message in Chinese, not serde's English.
fn assert_chinese(message: &str) {
    for english in [
        "invalid type",
        "expected",
        "unknown field",
        "missing field",
        "at line",
    ] {
        assert!(!message.contains(english), "{message}");
    }
    assert!(
        message
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{message}"
    );
}

#[test]
fn the_schema_and_the_reader_agree() {
    let validator = validator();
    for example in accepted() {
        let text = example.to_string();
        assert!(validator.is_valid(&example), "schema rejects {text:.300}");
        if let Err(e) = Profile::from_json(&text) {
            panic!("reader rejects {text:.300}: {e}");
        }
    }
    for (example, field) in rejected() {
        let text = example.to_string();
        assert!(!validator.is_valid(&example), "schema accepts {text:.300}");
        let e = Profile::from_json(&text).expect_err(&text);
        assert_eq!(e.field, field, "{text:.300}: {e}");
        assert_chinese(&e.message);
        if !field.is_empty() {
            assert!(e.to_string().contains(&format!("`{field}`")), "{e}");
        }
    }
    for (example, field, word) in refused_beyond_the_schema() {
        let text = example.to_string();
        assert!(validator.is_valid(&example), "schema rejects {text:.300}");
        let e = Profile::from_json(&text).expect_err(&text);
        assert_eq!(e.field, field, "{text:.300}: {e}");
        assert!(e.message.replace(',', "").contains(word), "{e}");
        assert_chinese(&e.message);
    }
}

#[test]
fn messages_say_what_is_wrong() {
    let cases = [
        (
            r#"{"group_threshold":2.5}"#,
            "应为 0 到 1000000 的整数，而不是数字 2.5",
        ),
        (r#"{"name":3}"#, "应为字符串，而不是数字 3"),
        (
            r#"{"sections":[["a","标题","title"]]}"#,
            "不能按位置写成数组",
        ),
        (r#"{"nmae":"x"}"#, "没有这个字段；可用的字段：extends、name"),
        (r#"{"sections":[{"id":"a"}]}"#, "缺少这个必填字段"),
        (
            r#"{"sections":[{"id":"a","label":"b","kind":"footer"}]}"#,
            r#"应为 "heading"、"opening"、"signature"、"title" 之一，而不是字符串 "footer""#,
        ),
        (
            r#"{"rules":{"format/docnum":"loud"}}"#,
            r#"应为 true、false 或 "on"、"off"、"error"、"warning"、"info" 之一"#,
        ),
    ];
    for (json, want) in cases {
        let e = Profile::from_json(json).expect_err(json);
        assert!(e.message.contains(want), "{json}: {e}");
    }
}

#[test]
fn syntax_errors_are_placed_in_chinese() {
    let cases = [
        ("", "为空"),
        ("  \n", "为空"),
        ("{", "第 1 行第 1 列：对象没有结束"),
        ("{}}", "第 1 行第 3 列：JSON 对象之后还有多余的内容"),
        ("{\"name\":\"a\",}", "多余的逗号"),
        ("{\"name\" \"a\"}", "缺少冒号"),
        ("{name:1}", "对象的键应为带双引号的字符串"),
        ("{\"name\":tru}", "无法识别的词"),
        ("{\"name\":01}", "第 1 行第 10 列"),
        ("{\"name\":1e400}", "数字超出范围"),
        ("{\"name\":\"a\\qb\"}", "转义无效"),
        ("{\"name\":\"a\tb\"}", "控制字符"),
        ("{\n  \"名称\": x}", "第 2 行第 9 列：此处应为一个值"),
        ("not json", "第 1 行第 2 列"),
        (&"[".repeat(200), "嵌套层数太多"),
    ];
    for (json, want) in cases {
        let e = Profile::from_json(json).expect_err(json);
        assert_eq!(e.field, "", "{json}");
        assert!(e.message.contains(want), "{json:?}: {e}");
        assert_chinese(&e.message);
    }
}
