//! Profiles: data that turns rules on and off and sets their severity.
//!
//! Integrators change a profile with JSON, never by forking the code:
//!
//! ```json
//! { "name": "本单位配置", "rules": { "format/half-width-punct": false, "format/docnum": "warning" } }
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::sync::LazyLock;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::finding::Severity;
use crate::rules;
use crate::text::{Cached, Phrases, Tagged};

mod json;
mod layout;
pub use layout::LayoutSpec;

/// How a profile sets one rule: off, on at its default severity, or on at a
/// given severity. In JSON: `false`, `true`, `"off"`, `"error"`, `"warning"`, `"info"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSetting {
    Off,
    Default,
    Severity(Severity),
}

/// What a report of one type must contain and how the rules run on it.
///
/// In JSON every field is optional: a profile extends a built-in one
/// (`"extends"`, default `self-evaluation`; `"none"` for an empty base) and
/// replaces the fields it gives; `rules` entries are merged into the base's.
/// The format is documented in README.md and `profiles/profile.schema.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Report type shown to the user, e.g. `履行教育职责自评报告`.
    pub name: String,
    /// Rule id → setting.
    pub rules: BTreeMap<String, RuleSetting>,
    /// A rule that fires more often than this in one document reports one
    /// grouped finding listing every place instead of one finding each
    /// (only rules that support grouping, e.g. half-width punctuation).
    pub group_threshold: usize,
    /// The parts the report must have, in order.
    pub sections: Vec<SectionSpec>,
    /// Indicator areas the report is expected to cover with figures.
    pub indicators: Vec<IndicatorSpec>,
    /// How to tell a text of this type from an unrelated one; `None` = no check.
    pub topic: Option<TopicSpec>,
    /// The printed page a .docx should have (the `layout/…` rules).
    #[serde(default)]
    pub layout: LayoutSpec,
}

/// What kind of part a section is, which decides how it is found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    /// A part with its own heading, found by `headings` wordings, or by `cues`
    /// in its paragraphs when the heading is missing.
    #[default]
    Heading,
    /// The opening paragraph: basis (根据《…》要求) or `cues` such as `现将…报告如下`.
    Opening,
    /// 落款: issuer line and date line at the end.
    Signature,
    /// The title line at the top.
    Title,
}

/// One required (or optional) part of a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSpec {
    /// Stable id, e.g. `problems`.
    pub id: String,
    /// Shown to the user, e.g. `存在问题`.
    pub label: String,
    #[serde(default)]
    pub kind: SectionKind,
    /// Heading wordings (substrings of a heading's title) that make it this section.
    #[serde(default)]
    pub headings: Vec<String>,
    /// Phrases near the start of a paragraph that show the section's content
    /// is there without its heading (`但也存在一些问题`, `下一步，`).
    #[serde(default)]
    pub cues: Vec<String>,
    /// Words in the titles of a `（一）（二）…` list that make the list this
    /// section's content (`不够`, `薄弱` for problems; `进一步`, `加快` for next steps).
    #[serde(default)]
    pub list_cues: Vec<String>,
    /// Whether a report without it gets a finding.
    #[serde(default = "yes")]
    pub required: bool,
    /// Severity of the findings about this section.
    #[serde(default = "warning")]
    pub severity: Severity,
    /// What to write, for the message (e.g. `标题如“四、存在的问题”`).
    #[serde(default)]
    pub hint: String,
    #[serde(skip)]
    compiled: Cached<[Phrases; 3]>,
}

impl SectionSpec {
    /// `headings`, `cues` and `list_cues` compiled for search (once per profile).
    pub fn phrases(&self) -> &[Phrases; 3] {
        self.compiled.get_or_init(|| {
            [
                Phrases::new(&self.headings),
                Phrases::new(&self.cues),
                Phrases::new(&self.list_cues),
            ]
        })
    }
}

/// One indicator area of the evaluation system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSpec {
    pub id: String,
    /// e.g. `教师工资不低于公务员`.
    pub label: String,
    /// Words that show the area is written about.
    pub keywords: Vec<String>,
    /// Phrases that claim the indicator is met; a claim needs a figure.
    #[serde(default)]
    pub claims: Vec<String>,
    /// Units a figure for this area is written in (`元`, `万元`, `%`…); empty = any number.
    #[serde(default)]
    pub units: Vec<String>,
    /// The figures a good report gives, for the message.
    #[serde(default)]
    pub expect: String,
    /// Whether a report that never mentions the area gets an info finding.
    #[serde(default)]
    pub required: bool,
}

/// What an indicator phrase is: (index of the area in `indicators`, is a claim).
pub type IndicatorTag = (usize, bool);

/// How to recognise a text of the profile's type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicSpec {
    /// Words typical of the type…
    pub keywords: Vec<String>,
    /// …of which a text has at least this many per 10,000 characters.
    pub min_per_10k: usize,
    /// Subjects of the right kind of author (`我县`, `全区`…)…
    #[serde(default)]
    pub subjects: Vec<String>,
    /// …which must not be outnumbered by these (`我校`, `本校`…).
    #[serde(default)]
    pub other_subjects: Vec<String>,
    #[serde(skip)]
    compiled: Cached<Tagged<u8>>,
}

impl TopicSpec {
    /// Keywords (tag 0), subjects (1) and other subjects (2), compiled for one
    /// pass (once per profile).
    pub fn index(&self) -> &Tagged<u8> {
        self.compiled.get_or_init(|| {
            let lists = [&self.keywords, &self.subjects, &self.other_subjects];
            Tagged::new(
                (0u8..)
                    .zip(lists)
                    .flat_map(|(tag, words)| words.iter().map(move |w| (tag, w.as_str()))),
            )
        })
    }
}

fn yes() -> bool {
    true
}

fn warning() -> Severity {
    Severity::Warning
}

/// A profile as written in JSON: every field optional, on top of a base.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Overlay {
    extends: Option<String>,
    name: Option<String>,
    rules: Option<BTreeMap<String, RuleSetting>>,
    group_threshold: Option<usize>,
    sections: Option<Vec<SectionSpec>>,
    indicators: Option<Vec<IndicatorSpec>>,
    /// `"topic": null` switches the topic check off, unlike a missing `topic`.
    #[serde(default, deserialize_with = "present")]
    topic: Option<Option<TopicSpec>>,
    layout: Option<LayoutSpec>,
}

fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// The byte offset in `json` of an error at `line` (counted from 1) and
/// byte `column` (from 0), as serde_json reports them.
fn error_offset(json: &str, (line, column): (usize, usize)) -> usize {
    let line_start = json
        .match_indices('\n')
        .nth(line.saturating_sub(2))
        .map_or(0, |(i, _)| i + 1);
    let line_start = if line <= 1 { 0 } else { line_start };
    (line_start + column).min(json.len())
}

/// The JSON path (`rules.format/docnum`, `sections[0].id`) of the value being
/// read at byte `at` of `json`, so a profile error names its field. Follows
/// only strings, brackets, colons and commas; the text before `at` has
/// already been read by serde_json, so it is well formed.
fn path_at(json: &str, at: usize) -> String {
    enum Frame {
        Object { key: Option<String>, value: bool },
        Array { index: usize },
    }
    let bytes = json.as_bytes();
    let end = at.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let raw = json.get(start..(i + 1).min(json.len())).unwrap_or("");
                let text = json::unescape(raw).unwrap_or_else(|| raw.trim_matches('"').to_string());
                if let Some(Frame::Object { key, value: false }) = stack.last_mut() {
                    *key = Some(text);
                }
            }
            b'{' => stack.push(Frame::Object {
                key: None,
                value: false,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b':' => {
                if let Some(Frame::Object { value, .. }) = stack.last_mut() {
                    *value = true;
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, value }) => {
                    *key = None;
                    *value = false;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => break,
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// The built-in profiles, parsed once; their phrase automata are compiled
/// on first use and kept, so checking with them costs no set-up.
static BUILTIN_PROFILES: LazyLock<Vec<Profile>> = LazyLock::new(|| {
    BUILTIN
        .iter()
        .map(|b| Profile::from_json(b.json).unwrap_or_else(|_| Profile::empty()))
        .collect()
});

impl Default for Profile {
    /// The first built-in profile, 履行教育职责自评报告.
    fn default() -> Self {
        Profile::default_ref().clone()
    }
}

fn builtin_ids() -> String {
    BUILTIN.iter().map(|b| b.id).collect::<Vec<_>>().join("、")
}

/// Why a profile could not be used. The message names the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    /// The JSON path of the offending field, e.g. `rules.format/docnum`; empty for the whole document.
    pub field: String,
    pub message: String,
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "配置（profile）有误：{}", self.message)
        } else {
            write!(
                f,
                "配置（profile）字段 `{}` 有误：{}",
                self.field, self.message
            )
        }
    }
}

impl std::error::Error for ProfileError {}

/// A profile compiled into the checker, selectable by its id.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct BuiltinProfile {
    /// Stable id, e.g. `self-evaluation`; what `--profile` and `check(text, id)` take.
    pub id: &'static str,
    /// The report type, in Chinese.
    pub name: &'static str,
    #[serde(skip)]
    json: &'static str,
}

/// A profile file from `profiles/`, embedded without its blanks.
macro_rules! builtin_json {
    ($path:literal) => {{
        const RAW: &[u8] = include_bytes!($path);
        const OUT: [u8; json::minified_len(RAW)] = json::minify(RAW);
        match std::str::from_utf8(&OUT) {
            Ok(s) => s,
            Err(_) => panic!("a built-in profile is not UTF-8"),
        }
    }};
}

/// The built-in profiles; the first is the default.
/// Each extends `none` (a built-in extending the default would recurse).
pub static BUILTIN: &[BuiltinProfile] = &[
    BuiltinProfile {
        id: "self-evaluation",
        name: "履行教育职责自评报告",
        json: builtin_json!("../profiles/self-evaluation.json"),
    },
    BuiltinProfile {
        id: "self-inspection",
        name: "自查报告（通用）",
        json: builtin_json!("../profiles/self-inspection.json"),
    },
    BuiltinProfile {
        id: "annual-summary",
        name: "年度工作总结",
        json: builtin_json!("../profiles/annual-summary.json"),
    },
];

impl Profile {
    /// A profile with no sections, indicators, topic or rule settings.
    pub fn empty() -> Self {
        Profile {
            name: "自定义配置".to_string(),
            rules: BTreeMap::new(),
            group_threshold: 10,
            sections: Vec::new(),
            indicators: Vec::new(),
            topic: None,
            layout: LayoutSpec::default(),
        }
    }

    /// A built-in profile by id (`self-evaluation`, …).
    pub fn builtin(id: &str) -> Option<Profile> {
        Profile::builtin_ref(id).cloned()
    }

    /// A built-in profile by id, shared (no copy, automata compiled once).
    pub fn builtin_ref(id: &str) -> Option<&'static Profile> {
        let i = BUILTIN.iter().position(|b| b.id == id)?;
        BUILTIN_PROFILES.get(i)
    }

    /// The default profile, shared.
    pub fn default_ref() -> &'static Profile {
        static EMPTY: LazyLock<Profile> = LazyLock::new(Profile::empty);
        BUILTIN_PROFILES.first().unwrap_or(&EMPTY)
    }

    /// Applies an overlay parsed from JSON to its base.
    fn resolve(overlay: Overlay) -> Result<Profile, ProfileError> {
        let mut p = match overlay.extends.as_deref() {
            Some("none") => Profile::empty(),
            None => Profile::default(),
            Some(id) => Profile::builtin(id).ok_or_else(|| ProfileError {
                field: "extends".to_string(),
                message: format!("没有名为“{id}”的内置配置；可用：none、{}", builtin_ids()),
            })?,
        };
        if let Some(name) = overlay.name {
            p.name = name;
        }
        p.rules.extend(overlay.rules.unwrap_or_default());
        if let Some(t) = overlay.group_threshold {
            p.group_threshold = t;
        }
        if let Some(sections) = overlay.sections {
            p.sections = sections;
        }
        if let Some(indicators) = overlay.indicators {
            p.indicators = indicators;
        }
        if let Some(topic) = overlay.topic {
            p.topic = topic;
        }
        if let Some(layout) = overlay.layout {
            p.layout = layout;
        }
        Ok(p)
    }

    /// A profile from what a user typed: a built-in id, or JSON text.
    pub fn from_id_or_json(spec: &str) -> Result<Profile, ProfileError> {
        if spec.trim_start().starts_with('{') {
            return Profile::from_json(spec);
        }
        Profile::builtin(spec.trim()).ok_or_else(|| Profile::unknown_id(spec))
    }

    fn unknown_id(spec: &str) -> ProfileError {
        ProfileError {
            field: String::new(),
            message: format!("没有名为“{spec}”的内置配置；可用：{}", builtin_ids()),
        }
    }

    /// Parses and validates a profile from JSON (see [`Profile`] for how it extends a base). Unknown fields and unknown
    /// rule ids are errors, so a typo is reported rather than silently ignored.
    pub fn from_json(json: &str) -> Result<Profile, ProfileError> {
        // serde would also take a JSON array as the fields in order (`[]` is
        // the default profile): only an object is a profile.
        let start = json.trim_start_matches([' ', '\t', '\n', '\r']);
        if !start.is_empty() && !start.starts_with('{') {
            return Err(ProfileError {
                field: String::new(),
                message: "应为 JSON 对象，如 {\"rules\":{\"format/docnum\":false}}".to_string(),
            });
        }
        let mut reader = json::Reader::new(json);
        let overlay = json::overlay(&mut reader).map_err(|e| ProfileError {
            field: path_at(json, error_offset(json, e.line_column())),
            message: e.message(),
        })?;
        // Nothing may follow the object (`{}}` is a typo, not a profile).
        reader.end().map_err(|e| ProfileError {
            field: String::new(),
            message: e.message(),
        })?;
        let profile = Profile::resolve(overlay)?;
        profile.validate()?;
        Ok(profile)
    }

    /// Checks that every rule id the profile names exists and that its
    /// sections and indicators can be used.
    pub fn validate(&self) -> Result<(), ProfileError> {
        let err = |field: String, message: &str| {
            Err(ProfileError {
                field,
                message: message.to_string(),
            })
        };
        for (i, s) in self.sections.iter().enumerate() {
            if s.id.trim().is_empty() {
                return err(format!("sections[{i}].id"), "不能为空");
            }
            if self.sections[..i].iter().any(|o| o.id == s.id) {
                return err(format!("sections[{i}].id"), "与前面的部分重复");
            }
            if s.kind == SectionKind::Heading && s.headings.iter().all(|h| h.trim().is_empty()) {
                return err(format!("sections[{i}].headings"), "至少要有一个标题用语");
            }
        }
        for (i, ind) in self.indicators.iter().enumerate() {
            if ind.keywords.iter().all(|k| k.trim().is_empty()) {
                return err(format!("indicators[{i}].keywords"), "至少要有一个关键词");
            }
        }
        if let Some(t) = &self.topic {
            if t.keywords.iter().all(|k| k.trim().is_empty()) {
                return err("topic.keywords".to_string(), "至少要有一个关键词");
            }
        }
        for id in self.rules.keys() {
            if !rules::registry().any(|r| r.meta().id == id) {
                return Err(ProfileError {
                    field: format!("rules.{id}"),
                    message: format!(
                        "没有名为“{id}”的规则（可用 rules() 或 --list-rules 查看全部规则）"
                    ),
                });
            }
        }
        Ok(())
    }

    /// The severity a rule runs at under this profile, or `None` if it is off.
    pub fn severity_of(&self, id: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(id) {
            None | Some(RuleSetting::Default) => Some(default),
            Some(RuleSetting::Off) => None,
            Some(RuleSetting::Severity(s)) => Some(*s),
        }
    }
}

impl Serialize for RuleSetting {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            RuleSetting::Off => s.serialize_bool(false),
            RuleSetting::Default => s.serialize_bool(true),
            RuleSetting::Severity(sev) => s.serialize_str(sev.as_str()),
        }
    }
}

impl<'de> Deserialize<'de> for RuleSetting {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = RuleSetting;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(r#"true、false 或 "off"、"error"、"warning"、"info" 之一"#)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RuleSetting, E> {
                Ok(if v {
                    RuleSetting::Default
                } else {
                    RuleSetting::Off
                })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RuleSetting, E> {
                match v {
                    "off" => Ok(RuleSetting::Off),
                    "on" => Ok(RuleSetting::Default),
                    "error" => Ok(RuleSetting::Severity(Severity::Error)),
                    "warning" => Ok(RuleSetting::Severity(Severity::Warning)),
                    "info" => Ok(RuleSetting::Severity(Severity::Info)),
                    _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                }
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `from_json` as it was with serde_json and the derived deserializers:
    /// the reference the hand-written reader must match.
    fn from_json_serde(json: &str) -> Result<Profile, ProfileError> {
        let start = json.trim_start_matches([' ', '\t', '\n', '\r']);
        if !start.is_empty() && !start.starts_with('{') {
            return Profile::from_json(json);
        }
        let de = &mut serde_json::Deserializer::from_str(json);
        let overlay = Overlay::deserialize(&mut *de).map_err(|e| ProfileError {
            field: path_at(json, error_offset(json, (e.line(), e.column()))),
            message: e.to_string(),
        })?;
        de.end().map_err(|e| ProfileError {
            field: String::new(),
            message: e.to_string(),
        })?;
        let profile = Profile::resolve(overlay)?;
        profile.validate()?;
        Ok(profile)
    }

    /// The reader accepts what serde accepted and fails with the same error
    /// (message, line, column, field) on broken profiles: hand-picked ones
    /// and many mutations of the built-in profiles and small examples.
    #[test]
    fn builtins_are_embedded_without_blanks() {
        let files = [
            include_str!("../profiles/self-evaluation.json"),
            include_str!("../profiles/self-inspection.json"),
            include_str!("../profiles/annual-summary.json"),
        ];
        for (b, file) in BUILTIN.iter().zip(files) {
            let embedded: serde_json::Value = serde_json::from_str(b.json).unwrap();
            assert_eq!(
                embedded,
                serde_json::from_str::<serde_json::Value>(file).unwrap()
            );
            assert!(
                b.json.len() < file.len() && !b.json.contains('\n'),
                "{}",
                b.id
            );
        }
    }

    #[test]
    fn reader_matches_serde() {
        let mut cases: Vec<String> = [
            "",
            " ",
            "{",
            "}",
            "{}",
            "{} ",
            "{}}",
            "{},",
            "{\"name\"}",
            "{\"name\":}",
            "{\"name\":\"a\",}",
            "{\"name\" \"a\"}",
            "{\"name\":\"a\" \"b\"}",
            "{name:1}",
            "{\"name\":null}",
            "{\"name\":nul}",
            "{\"name\":tru}",
            "{\"name\":1.5}",
            "{\"name\":-0}",
            "{\"name\":-}",
            "{\"name\":1e400}",
            "{\"name\":1e-400}",
            "{\"name\":0.1e}",
            "{\"name\":01}",
            "{\"name\":1.}",
            "{\"name\":-1}",
            "{\"name\":99999999999999999999}",
            "{\"name\":123456789012345678901234.5e3}",
            "{\"name\":0.30000000000000004}",
            "{\"name\":[]}",
            "{\"name\":{}}",
            "{\"name\":\"a\\qb\"}",
            "{\"name\":\"\\u00e9\\ud83d\\ude00\"}",
            "{\"name\":\"\\ud83d\"}",
            "{\"name\":\"\\ud83dx\"}",
            "{\"name\":\"\\ude00\"}",
            "{\"name\":\"\\ud83d\\u0041\"}",
            "{\"name\":\"\\u12\"}",
            "{\"name\":\"\\u12G4\"}",
            "{\"name\":\"a\tb\"}",
            "{\"name\":\"a",
            "{\"name\":\"a\\",
            "{\"nam",
            "{\"name\":\"a\",\"name\":\"b\"}",
            "{\"x\":1}",
            "{\"group_threshold\":-3}",
            "{\"group_threshold\":5000000000}",
            "{\"group_threshold\":2.0}",
            "{\"group_threshold\":\"3\"}",
            "{\"group_threshold\":true}",
            "{\"rules\":{\"format/docnum\":\"loud\"}}",
            "{\"rules\":{\"format/docnum\":null}}",
            "{\"rules\":{\"format/docnum\":[1]}}",
            "{\"rules\":{\"format/docnum\":{}}}",
            "{\"rules\":{\"format/docnum\":-2}}",
            "{\"rules\":{\"format/docnum\":3.25}}",
            "{\"rules\":{\"format/docnum\":\"info\",\"format/docnum\":false}}",
            "{\"rules\":{\"nope\":true}}",
            "{\"rules\":[]}",
            "{\"rules\":{1:2}}",
            "{\"sections\":[{\"id\":\"a\"}]}",
            "{\"sections\":[{\"label\":\"a\"}]}",
            "{\"sections\":[[\"a\",\"b\",\"title\"]]}",
            "{\"sections\":[[\"a\"]]}",
            "{\"sections\":[[\"a\",\"b\",\"title\",[],[],[],true,\"info\",\"h\",1]]}",
            "{\"sections\":[[\"a\",\"b\",{\"title\":null}]]}",
            "{\"sections\":[{\"id\":\"a\",\"label\":\"b\",\"kind\":{\"title\":null}}]}",
            "{\"sections\":[{\"id\":\"a\",\"label\":\"b\",\"kind\":{\"title\":1}}]}",
            "{\"sections\":[{\"id\":\"a\",\"label\":\"b\",\"kind\":{\"title\":null,}}]}",
            "{\"sections\":[{\"id\":\"a\",\"label\":\"b\",\"kind\":{}}]}",
            "{\"sections\":[{\"id\":\"a\",\"label\":\"b\",\"kind\":{1:1}}]}",
            "{\"sections\":[{\"id\":\"a\",\"label\":\"b\",\"kind\":\"x\"}]}",
            "{\"sections\":[{\"id\":\"a\",\"label\":\"b\",\"kind\":3}]}",
            "{\"sections\":[{\"id\":\"a\",\"label\":\"b\",\"severity\":\"loud\"}]}",
            "{\"sections\":[{\"id\":\"a\",\"label\":\"b\",\"required\":1}]}",
            "{\"sections\":[{\"id\":\"a\",\"label\":\"b\",\"id\":\"c\"}]}",
            "{\"sections\":[{\"id\":\"a\",\"label\":\"b\",\"headings\":[\"x\",]}]}",
            "{\"sections\":[{\"id\":\"a\",\"label\":\"b\",\"headings\":[\"x\" \"y\"]}]}",
            "{\"sections\":[{\"id\":\"a\",\"label\":\"b\",\"headings\":[\"x\"]}], }",
            "{\"indicators\":[{\"id\":\"a\",\"label\":\"b\"}]}",
            "{\"indicators\":[[\"a\",\"b\"]]}",
            "{\"indicators\":[[\"a\",\"b\",[\"k\"],[],[],\"e\",true]]}",
            "{\"topic\":null}",
            "{\"topic\":{\"keywords\":[\"a\"]}}",
            "{\"topic\":{\"keywords\":[\"a\"],\"min_per_10k\":2}}",
            "{\"topic\":[[\"a\"],2,[\"b\"]]}",
            "{\"topic\":[[\"a\"]]}",
            "{\"extends\":\"nope\"}",
            "{\"extends\":\"none\"}",
            "{\n  \"sections\": [\n    {\"id\": \"a\", \"label\": \"甲\", \"kind\": 3}\n  ]\n}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let seeds: Vec<&str> = BUILTIN
            .iter()
            .map(|b| b.json)
            .chain([
                include_str!("../profiles/self-evaluation.json"),
                include_str!("../profiles/annual-summary.json"),
                r#"{"extends":"none","name":"测试","group_threshold":3,"rules":{"format/docnum":"warning","format/half-width-punct":false},"sections":[{"id":"a","label":"甲","kind":"title","headings":["报告"],"required":false,"severity":"info","hint":"h"}],"indicators":[{"id":"i","label":"乙","keywords":["k"],"claims":["c"],"units":["元"],"expect":"e","required":true}],"topic":{"keywords":["教育"],"min_per_10k":2,"subjects":["我县"],"other_subjects":["我校"]}}"#,
            ])
            .collect();
        let tokens = [
            "",
            " ",
            "\n",
            "null",
            "true",
            "false",
            "1",
            "-1",
            "1.5",
            "-0",
            "1e400",
            "2e-3",
            "01",
            "\"x\"",
            "\"\\u00e9\"",
            "\"\\ud800\"",
            "[",
            "]",
            "{",
            "}",
            ",",
            ":",
            "\"",
            "\\",
            "\u{1}",
            "é",
            "nul",
            "[]",
            "{}",
            "\"off\"",
            "\"title\"",
            "{\"title\":null}",
            "18446744073709551616",
            "4294967296",
        ];
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut rnd = |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        };
        for _ in 0..6000 {
            let seed = seeds[rnd(seeds.len())];
            let mut s = seed.to_string();
            for _ in 0..1 + rnd(3) {
                let mut a = rnd(s.len() + 1);
                while !s.is_char_boundary(a) {
                    a -= 1;
                }
                let mut b = (a + rnd(12)).min(s.len());
                while !s.is_char_boundary(b) {
                    b -= 1;
                }
                let t = tokens[rnd(tokens.len())];
                s.replace_range(a..b, t);
            }
            cases.push(s);
        }
        let mut errors = 0;
        for case in &cases {
            let got = Profile::from_json(case);
            let want = from_json_serde(case);
            assert_eq!(got, want, "{case}");
            errors += usize::from(want.is_err());
        }
        assert!(errors > cases.len() / 2, "{errors} of {}", cases.len());
    }

    #[test]
    fn parses_settings() {
        let p = Profile::from_json(
            r#"{"name":"测试","rules":{"format/docnum":"warning","format/half-width-punct":false}}"#,
        )
        .unwrap();
        assert_eq!(p.name, "测试");
        // Extends the default: its sections are kept.
        assert_eq!(p.sections, Profile::default().sections);
        assert_eq!(
            p.severity_of("format/docnum", Severity::Error),
            Some(Severity::Warning)
        );
        assert_eq!(
            p.severity_of("format/half-width-punct", Severity::Warning),
            None
        );
        assert_eq!(
            p.severity_of("figures/placeholder", Severity::Error),
            Some(Severity::Error)
        );
        assert_eq!(Profile::from_json("{}").unwrap(), Profile::default());
    }

    #[test]
    fn error_paths_across_lines_and_escapes() {
        let json = "{\n  \"sections\": [\n    {\"id\": \"a\", \"label\": \"甲\"},\n    {\"id\": \"b\", \"label\": \"乙\", \"kind\": 3}\n  ]\n}";
        let e = Profile::from_json(json).unwrap_err();
        assert_eq!(e.field, "sections[1].kind", "{e}");
        let e = Profile::from_json(r#"{"name":"a\"}{","group_threshold":"x"}"#).unwrap_err();
        assert_eq!(e.field, "group_threshold", "{e}");
        let e = Profile::from_json(r#"{"rules":{"a\u002fb":1}}"#).unwrap_err();
        assert_eq!(e.field, "rules.a/b", "{e}");
        assert_eq!(path_at("", 5), "");
        assert_eq!(path_at(r#"{"a":[1,{"b"#, 99), "a[1].b");
    }

    #[test]
    fn errors_name_the_field() {
        let e = Profile::from_json(r#"{"rules":{"format/docnum":"loud"}}"#).unwrap_err();
        assert_eq!(e.field, "rules.format/docnum");
        assert!(e.to_string().contains("rules.format/docnum"), "{e}");

        let e = Profile::from_json(r#"{"rules":{"no/such-rule":true}}"#).unwrap_err();
        assert_eq!(e.field, "rules.no/such-rule");

        let e = Profile::from_json(r#"{"nmae":"x"}"#).unwrap_err();
        assert!(e.message.contains("nmae"), "{e}");

        let e = Profile::from_json(r#"{"group_threshold":-1}"#).unwrap_err();
        assert_eq!(e.field, "group_threshold");

        let e = Profile::from_json(r#"{"extends":"nope"}"#).unwrap_err();
        assert_eq!(e.field, "extends");

        let e = Profile::from_json(r#"{"sections":[{"id":"a","label":"甲","headings":[]}]}"#)
            .unwrap_err();
        assert_eq!(e.field, "sections[0].headings");

        let e = Profile::from_json(r#"{"sections":[{"id":"a","label":"甲","kind":"footer"}]}"#)
            .unwrap_err();
        assert_eq!(e.field, "sections[0].kind");

        let e = Profile::from_json(r#"{"sections":[{"label":"甲"}]}"#).unwrap_err();
        assert!(e.to_string().contains("id"), "{e}");

        assert!(Profile::from_json("not json").is_err());
        assert!(Profile::from_json("[]").is_err());
        assert!(Profile::from_json(r#"{"rules":{}}}"#).is_err());
        assert!(Profile::from_json("{}\n\t ").is_ok());
        assert!(Profile::from_json(r#"["x", {}, 3]"#).is_err());
        assert!(Profile::from_json("").is_err());
    }

    #[test]
    fn builtins_parse_and_are_selectable() {
        for b in BUILTIN {
            let p = Profile::from_json(b.json).unwrap_or_else(|e| panic!("{}: {e}", b.id));
            assert_eq!(p.name, b.name);
            assert_eq!(Profile::from_id_or_json(b.id), Ok(p));
        }
        assert_eq!(Profile::builtin(BUILTIN[0].id), Some(Profile::default()));
        assert!(!Profile::default().sections.is_empty());
        let empty = Profile::from_json(r#"{"extends":"none","topic":null}"#).unwrap();
        assert_eq!(empty, Profile::empty());
        let no_topic = Profile::from_json(r#"{"topic":null}"#).unwrap();
        assert_eq!(no_topic.topic, None);
        assert_eq!(no_topic.sections, Profile::default().sections);
        let e = Profile::from_id_or_json("no-such").unwrap_err();
        assert!(e.message.contains("self-evaluation"), "{e}");
        assert!(Profile::from_id_or_json(r#"{"name":"x"}"#).is_ok());
    }

    #[test]
    fn round_trips() {
        let p =
            Profile::from_json(r#"{"rules":{"format/docnum":"info","figures/placeholder":true}}"#)
                .unwrap();
        let back = Profile::from_json(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(p, back);
    }

    #[test]
    fn a_clone_edited_after_use_searches_its_own_words() {
        let p = Profile::default();
        let text = "四、今后打算";
        assert!(!p.sections[0].phrases()[0].is_match(text));
        let topic = p.topic.as_ref().expect("the default profile has a topic");
        assert_eq!(topic.index().matches("今后打算").count(), 0);
        let mut edited = p.clone();
        edited.sections[0].headings = vec!["今后打算".into()];
        assert!(edited.sections[0].phrases()[0].is_match(text));
        let topic = edited.topic.as_mut().expect("cloned with its topic");
        topic.keywords = vec!["今后打算".into()];
        assert_eq!(topic.index().matches("今后打算").count(), 1);
        // The original keeps what it compiled.
        assert!(!p.sections[0].phrases()[0].is_match(text));
    }
}
