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
        "topic": {"keywords": ["丙"], "min_per_10k": 1, "subjects": ["丙"], "other_subjects": ["丁"]}
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
    Profile::from_json(&full.to_string()).expect("the parser accepts every documented field");
}
