//! Reads a profile's JSON: serde_json parses the text into a [`Value`], and
//! this module turns the value into an [`Overlay`], field by field, accepting
//! exactly what `profiles/profile.schema.json` allows (objects only, no
//! unknown fields, the right type in each) and failing with a Chinese message
//! that names the field's path (`sections[2].headings`).

use serde_json::{Map, Value};

use super::{
    IndicatorSpec, LayoutSpec, Overlay, ProfileError, RuleSetting, SectionKind, SectionSpec,
    TopicSpec, MAX_LIST_WORDS,
};
use crate::finding::Severity;

type Result<T> = std::result::Result<T, ProfileError>;

/// The longest profile read, in bytes of JSON (the built-in ones are under
/// 10 KB): a larger one is refused before it is parsed.
pub const MAX_JSON_BYTES: usize = 1 << 20;

fn fail<T>(field: &str, message: impl Into<String>) -> Result<T> {
    Err(ProfileError {
        field: field.to_string(),
        message: message.into(),
    })
}

/// The path of `key` inside the value at `path`.
fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// What a value is, for a message: `数字 2.5`, `数组`…
fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("布尔值 {b}"),
        Value::Number(n) => format!("数字 {n}"),
        Value::String(s) if s.chars().count() > 20 => {
            format!("字符串 \"{}…\"", s.chars().take(20).collect::<String>())
        }
        Value::String(s) => format!("字符串 \"{s}\""),
        Value::Array(_) => "数组".to_string(),
        Value::Object(_) => "对象".to_string(),
    }
}

fn wrong_type<T>(path: &str, expected: &str, got: &Value) -> Result<T> {
    fail(path, format!("应为{expected}，而不是{}", describe(got)))
}

/// An object with only the given fields, of which `required` must be there.
fn object<'v>(
    v: &'v Value,
    path: &str,
    fields: &[&str],
    required: &[&str],
) -> Result<&'v Map<String, Value>> {
    let map = match v {
        Value::Object(map) => map,
        Value::Array(_) => {
            return fail(
                path,
                format!(
                    "应为对象（{{\"{}\": …}}），不能按位置写成数组",
                    required.first().or(fields.first()).unwrap_or(&"")
                ),
            )
        }
        other => return wrong_type(path, "对象", other),
    };
    for key in map.keys() {
        if !fields.contains(&key.as_str()) {
            return fail(
                &child(path, key),
                format!("没有这个字段；可用的字段：{}", fields.join("、")),
            );
        }
    }
    for key in required {
        if !map.contains_key(*key) {
            return fail(&child(path, key), "缺少这个必填字段");
        }
    }
    Ok(map)
}

fn string(v: &Value, path: &str) -> Result<String> {
    match v {
        Value::String(s) => Ok(s.clone()),
        other => wrong_type(path, "字符串", other),
    }
}

fn boolean(v: &Value, path: &str) -> Result<bool> {
    match v {
        Value::Bool(b) => Ok(*b),
        other => wrong_type(path, " true 或 false", other),
    }
}

/// A whole number from 0 to `max`; `2.0` is one (as in JSON Schema).
fn count(v: &Value, path: &str, max: usize) -> Result<usize> {
    let n = match v {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0)
                .map(|f| f as u64)
        }),
        _ => None,
    };
    match n.and_then(|n| usize::try_from(n).ok()) {
        Some(n) if n <= max => Ok(n),
        Some(_) => fail(path, format!("不能大于 {max}")),
        None => wrong_type(path, &format!(" 0 到 {max} 的整数"), v),
    }
}

/// Strings, each once: a word named twice is searched once.
fn words(v: &Value, path: &str) -> Result<Vec<String>> {
    let Value::Array(items) = v else {
        return wrong_type(path, "字符串数组（如 [\"教育\"]）", v);
    };
    if items.len() > MAX_LIST_WORDS {
        return fail(
            path,
            format!("最多 {MAX_LIST_WORDS} 个词，这里有 {} 个", items.len()),
        );
    }
    let mut out: Vec<String> = Vec::with_capacity(items.len().min(64));
    for (i, item) in items.iter().enumerate() {
        let word = string(item, &format!("{path}[{i}]"))?;
        if !out.contains(&word) {
            out.push(word);
        }
    }
    Ok(out)
}

/// Any number (lengths in mm, sizes in pt).
fn number(v: &Value, path: &str) -> Result<f64> {
    match v.as_f64() {
        Some(f) => Ok(f),
        None => wrong_type(path, "数字", v),
    }
}

/// The `layout` section: any of its fields, the rest GB/T 9704's.
fn layout(v: &Value, path: &str) -> Result<LayoutSpec> {
    const FIELDS: [&str; 18] = [
        "page_width_mm",
        "page_height_mm",
        "margin_top_mm",
        "margin_left_mm",
        "text_width_mm",
        "text_height_mm",
        "tolerance_mm",
        "title_fonts",
        "body_fonts",
        "heading1_fonts",
        "heading2_fonts",
        "title_size_pt",
        "body_size_pt",
        "lines_per_page",
        "line_spacing_pt",
        "line_tolerance_pt",
        "indent_chars",
        "page_number_size_pt",
    ];
    let mut l = LayoutSpec::default();
    for (key, v) in object(v, path, &FIELDS, &[])? {
        let path = &child(path, key);
        let target = match key.as_str() {
            "title_fonts" => &mut l.title_fonts,
            "body_fonts" => &mut l.body_fonts,
            "heading1_fonts" => &mut l.heading1_fonts,
            "heading2_fonts" => &mut l.heading2_fonts,
            name => {
                *match name {
                    "page_width_mm" => &mut l.page_width_mm,
                    "page_height_mm" => &mut l.page_height_mm,
                    "margin_top_mm" => &mut l.margin_top_mm,
                    "margin_left_mm" => &mut l.margin_left_mm,
                    "text_width_mm" => &mut l.text_width_mm,
                    "text_height_mm" => &mut l.text_height_mm,
                    "tolerance_mm" => &mut l.tolerance_mm,
                    "title_size_pt" => &mut l.title_size_pt,
                    "body_size_pt" => &mut l.body_size_pt,
                    "lines_per_page" => &mut l.lines_per_page,
                    "line_spacing_pt" => &mut l.line_spacing_pt,
                    "line_tolerance_pt" => &mut l.line_tolerance_pt,
                    "indent_chars" => &mut l.indent_chars,
                    _ => &mut l.page_number_size_pt,
                } = number(v, path)?;
                continue;
            }
        };
        *target = fonts(v, path)?;
    }
    Ok(l)
}

/// A list of font names (a part of the name each): at least one, none
/// empty. An empty list would leave the rule nothing to compare with.
fn fonts(v: &Value, path: &str) -> Result<Vec<String>> {
    let list = words(v, path)?;
    if list.is_empty() {
        return fail(path, "至少要写一种字体（如 [\"仿宋\"]），不能为空数组");
    }
    if let Some(i) = v
        .as_array()
        .and_then(|items| items.iter().position(|w| w.as_str() == Some("")))
    {
        return fail(&format!("{path}[{i}]"), "字体名称不能为空字符串");
    }
    Ok(list)
}

/// One of `names`, as its index.
fn one_of(v: &Value, path: &str, names: &[&str]) -> Result<usize> {
    let list = || {
        names
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join("、")
    };
    match v {
        Value::String(s) => names
            .iter()
            .position(|n| n == s)
            .map_or_else(|| wrong_type(path, &format!(" {} 之一", list()), v), Ok),
        other => wrong_type(path, &format!(" {} 之一", list()), other),
    }
}

const SEVERITIES: [&str; 3] = ["error", "warning", "info"];

fn severity(v: &Value, path: &str) -> Result<Severity> {
    Ok([Severity::Error, Severity::Warning, Severity::Info][one_of(v, path, &SEVERITIES)?])
}

fn rule_setting(v: &Value, path: &str) -> Result<RuleSetting> {
    const NAMES: [&str; 5] = ["on", "off", "error", "warning", "info"];
    match v {
        Value::Bool(true) => Ok(RuleSetting::Default),
        Value::Bool(false) => Ok(RuleSetting::Off),
        Value::String(s) if NAMES.contains(&s.as_str()) => Ok(match s.as_str() {
            "on" => RuleSetting::Default,
            "off" => RuleSetting::Off,
            _ => RuleSetting::Severity(severity(v, path)?),
        }),
        other => wrong_type(
            path,
            r#" true、false 或 "on"、"off"、"error"、"warning"、"info" 之一"#,
            other,
        ),
    }
}

fn section(v: &Value, path: &str) -> Result<SectionSpec> {
    const FIELDS: [&str; 10] = [
        "id",
        "label",
        "kind",
        "headings",
        "cues",
        "list_cues",
        "required",
        "severity",
        "hint",
        "other_types",
    ];
    let map = object(v, path, &FIELDS, &["id", "label"])?;
    let mut s = SectionSpec {
        id: String::new(),
        label: String::new(),
        kind: SectionKind::Heading,
        headings: Vec::new(),
        cues: Vec::new(),
        list_cues: Vec::new(),
        required: true,
        severity: Severity::Warning,
        hint: String::new(),
        other_types: Vec::new(),
        compiled: Default::default(),
    };
    for (key, v) in map {
        let path = &child(path, key);
        match key.as_str() {
            "id" => s.id = string(v, path)?,
            "label" => s.label = string(v, path)?,
            "kind" => {
                let kinds = [
                    SectionKind::Heading,
                    SectionKind::Opening,
                    SectionKind::Signature,
                    SectionKind::Title,
                ];
                s.kind = kinds[one_of(v, path, &["heading", "opening", "signature", "title"])?];
            }
            "headings" => s.headings = words(v, path)?,
            "cues" => s.cues = words(v, path)?,
            "list_cues" => s.list_cues = words(v, path)?,
            "required" => s.required = boolean(v, path)?,
            "severity" => s.severity = severity(v, path)?,
            "other_types" => s.other_types = words(v, path)?,
            _ => s.hint = string(v, path)?,
        }
    }
    Ok(s)
}

fn indicator(v: &Value, path: &str) -> Result<IndicatorSpec> {
    const FIELDS: [&str; 7] = [
        "id", "label", "keywords", "claims", "units", "expect", "required",
    ];
    let map = object(v, path, &FIELDS, &["id", "label", "keywords"])?;
    let mut s = IndicatorSpec {
        id: String::new(),
        label: String::new(),
        keywords: Vec::new(),
        claims: Vec::new(),
        units: Vec::new(),
        expect: String::new(),
        required: false,
    };
    for (key, v) in map {
        let path = &child(path, key);
        match key.as_str() {
            "id" => s.id = string(v, path)?,
            "label" => s.label = string(v, path)?,
            "keywords" => s.keywords = words(v, path)?,
            "claims" => s.claims = words(v, path)?,
            "units" => s.units = words(v, path)?,
            "expect" => s.expect = string(v, path)?,
            _ => s.required = boolean(v, path)?,
        }
    }
    Ok(s)
}

/// The most a topic's `min_per_10k` can be: a keyword is at least one
/// character long.
const MAX_PER_10K: usize = 10_000;

fn topic(v: &Value, path: &str) -> Result<TopicSpec> {
    const FIELDS: [&str; 4] = ["keywords", "min_per_10k", "subjects", "other_subjects"];
    let map = object(v, path, &FIELDS, &["keywords", "min_per_10k"])?;
    let mut t = TopicSpec {
        keywords: Vec::new(),
        min_per_10k: 0,
        subjects: Vec::new(),
        other_subjects: Vec::new(),
        compiled: Default::default(),
    };
    for (key, v) in map {
        let path = &child(path, key);
        match key.as_str() {
            "keywords" => t.keywords = words(v, path)?,
            "min_per_10k" => t.min_per_10k = count(v, path, MAX_PER_10K)?,
            "subjects" => t.subjects = words(v, path)?,
            _ => t.other_subjects = words(v, path)?,
        }
    }
    Ok(t)
}

/// The largest `group_threshold`.
const MAX_GROUP_THRESHOLD: usize = 1_000_000;

/// The elements of the array at `path`, each read by `read`.
fn list<T>(v: &Value, path: &str, read: fn(&Value, &str) -> Result<T>) -> Result<Vec<T>> {
    let Value::Array(items) = v else {
        return wrong_type(path, "数组", v);
    };
    (items.iter().enumerate())
        .map(|(i, item)| read(item, &format!("{path}[{i}]")))
        .collect()
}

/// The error for a profile over [`MAX_JSON_BYTES`].
pub(super) fn too_big() -> ProfileError {
    ProfileError {
        field: String::new(),
        message: format!("太大：配置最多 {} KB", MAX_JSON_BYTES / 1024),
    }
}

/// A profile as written, from its JSON text.
pub(super) fn overlay(json: &str) -> Result<Overlay> {
    if json.len() > MAX_JSON_BYTES {
        return Err(too_big());
    }
    let value: Value = serde_json::from_str(json).map_err(|e| syntax(json, &e))?;
    const FIELDS: [&str; 8] = [
        "extends",
        "name",
        "rules",
        "group_threshold",
        "sections",
        "indicators",
        "topic",
        "layout",
    ];
    if !value.is_object() {
        return fail(
            "",
            format!(
                "应为 JSON 对象，如 {{\"rules\":{{\"format/docnum\":false}}}}，而不是{}",
                describe(&value)
            ),
        );
    }
    let map = object(&value, "", &FIELDS, &[])?;
    let mut o = Overlay {
        extends: None,
        name: None,
        rules: None,
        group_threshold: None,
        sections: None,
        indicators: None,
        topic: None,
        layout: None,
    };
    for (key, v) in map {
        let path = key.as_str();
        match path {
            "extends" => o.extends = Some(string(v, path)?),
            "name" => o.name = Some(string(v, path)?),
            "rules" => {
                let Value::Object(rules) = v else {
                    return wrong_type(path, "对象（规则 id → 设置）", v);
                };
                let mut out = std::collections::BTreeMap::new();
                for (id, setting) in rules {
                    out.insert(id.clone(), rule_setting(setting, &child(path, id))?);
                }
                o.rules = Some(out);
            }
            "group_threshold" => o.group_threshold = Some(count(v, path, MAX_GROUP_THRESHOLD)?),
            "sections" => o.sections = Some(list(v, path, section)?),
            "indicators" => o.indicators = Some(list(v, path, indicator)?),
            "layout" => o.layout = Some(layout(v, path)?),
            _ => {
                o.topic = Some(match v {
                    Value::Null => None,
                    v => Some(topic(v, path)?),
                })
            }
        }
    }
    Ok(o)
}

/// A JSON syntax error, in Chinese, placed by line and character.
fn syntax(json: &str, e: &serde_json::Error) -> ProfileError {
    let english = e.to_string();
    let what = [
        ("EOF while parsing a list", "数组没有结束（缺少 `]`）"),
        ("EOF while parsing an object", "对象没有结束（缺少 `}`）"),
        ("EOF while parsing a string", "字符串没有结束（缺少 `\"`）"),
        ("EOF while parsing a value", "内容不完整：此处应有一个值"),
        ("expected `:`", "缺少冒号 `:`"),
        ("expected `,` or `]`", "缺少逗号 `,` 或 `]`"),
        ("expected `,` or `}`", "缺少逗号 `,` 或 `}`"),
        ("expected ident", "无法识别的词（应为 true、false 或 null）"),
        (
            "expected value",
            "此处应为一个值（字符串、数字、true、false、null、数组或对象）",
        ),
        ("key must be a string", "对象的键应为带双引号的字符串"),
        ("invalid escape", "字符串中的转义无效"),
        ("invalid number", "数字格式有误"),
        ("number out of range", "数字超出范围"),
        ("invalid unicode code point", "字符串中的 \\u 转义无效"),
        (
            "control character",
            "字符串中有控制字符（换行、制表符请写成 \\n、\\t）",
        ),
        ("lone leading surrogate", "字符串中的 \\u 转义是半个代理对"),
        ("unexpected end of hex escape", "字符串中的 \\u 转义不完整"),
        ("trailing comma", "多余的逗号"),
        ("trailing characters", "JSON 对象之后还有多余的内容"),
        ("recursion limit exceeded", "嵌套层数太多"),
    ]
    .iter()
    .find(|(prefix, _)| english.starts_with(prefix))
    .map_or("JSON 格式有误", |(_, chinese)| chinese);
    if json.trim_matches([' ', '\t', '\n', '\r']).is_empty() {
        return ProfileError {
            field: String::new(),
            message: "为空；应为 JSON 对象，如 {\"rules\":{\"format/docnum\":false}}".to_string(),
        };
    }
    // serde_json counts the column in bytes; an editor counts characters.
    let line = json
        .split('\n')
        .nth(e.line().saturating_sub(1))
        .unwrap_or("");
    let mut at = e.column().min(line.len());
    while !line.is_char_boundary(at) {
        at += 1;
    }
    let column = line[..at].chars().count();
    ProfileError {
        field: String::new(),
        message: format!("JSON 第 {} 行第 {column} 列：{what}", e.line()),
    }
}
