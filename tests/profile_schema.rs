//! `profiles/profile.schema.json` documents exactly the fields the profile
//! parser accepts: every field of every built-in profile is in the schema,
//! and every field in the schema is accepted by the parser.

use serde_json::{json, Map, Value};

use report_check::profile::BUILTIN;
use report_check::Profile;

fn schema() -> Value {
    serde_json::from_str(include_str!("../profiles/profile.schema.json")).expect("schema is JSON")
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
        let layout = props(&schema, "/$defs/layout/properties");
        for key in p["layout"].as_object().expect("layout").keys() {
            assert!(layout.contains_key(key), "{}: layout.{key}", b.id);
        }
        if let Some(t) = p["topic"].as_object() {
            for key in t.keys() {
                assert!(topic.contains_key(key), "{}: topic.{key}", b.id);
            }
        }
    }
}

#[test]
fn every_documented_field_is_accepted() {
    let full = json!({
        "extends": "none",
        "name": "测试",
        "rules": {"format/docnum": "warning"},
        "group_threshold": 5,
        "sections": [{
            "id": "a", "label": "甲", "kind": "heading", "headings": ["甲"], "cues": ["甲"],
            "list_cues": ["甲"], "required": true, "severity": "error", "hint": "写甲"
        }],
        "indicators": [{
            "id": "b", "label": "乙", "keywords": ["乙"], "claims": ["乙"], "units": ["元"],
            "expect": "乙", "required": true
        }],
        "topic": {"keywords": ["丙"], "min_per_10k": 1, "subjects": ["丙"], "other_subjects": ["丁"]},
        "layout": {
            "page_width_mm": 210, "page_height_mm": 297, "margin_top_mm": 34.6,
            "margin_left_mm": 28, "text_width_mm": 156, "text_height_mm": 225,
            "tolerance_mm": 1, "title_fonts": ["小标宋"], "body_fonts": ["仿宋"],
            "heading1_fonts": ["黑体"], "heading2_fonts": ["楷体"], "title_size_pt": 22,
            "body_size_pt": 16, "lines_per_page": 22, "line_spacing_pt": 29.5,
            "line_tolerance_pt": 1, "indent_chars": 2, "page_number_size_pt": 14
        }
    });
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
    Profile::from_json(&full.to_string()).expect("the parser accepts every documented field");
}
