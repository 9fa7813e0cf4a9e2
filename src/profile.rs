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

use serde::{Serialize, Serializer};

use crate::finding::Severity;
use crate::text::{Cached, Phrases, Tagged};

mod layout;
mod read;
pub use layout::LayoutSpec;

pub use read::MAX_JSON_BYTES;

/// How a profile sets one rule: off, on at its default severity, or on at a
/// given severity. In JSON: `false`, `true`, `"off"`, `"on"`, `"error"`, `"warning"`, `"info"`.
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    pub layout: LayoutSpec,
}

/// What kind of part a section is, which decides how it is found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionSpec {
    /// Stable id, e.g. `problems`.
    pub id: String,
    /// Shown to the user, e.g. `存在问题`.
    pub label: String,
    pub kind: SectionKind,
    /// Heading wordings (substrings of a heading's title) that make it this section.
    pub headings: Vec<String>,
    /// Phrases near the start of a paragraph that show the section's content
    /// is there without its heading (`但也存在一些问题`, `下一步，`).
    pub cues: Vec<String>,
    /// Words in the titles of a `（一）（二）…` list that make the list this
    /// section's content (`不够`, `薄弱` for problems; `进一步`, `加快` for next steps).
    pub list_cues: Vec<String>,
    /// Whether a report without it gets a finding.
    pub required: bool,
    /// Severity of the findings about this section.
    pub severity: Severity,
    /// What to write, for the message (e.g. `标题如“四、存在的问题”`).
    pub hint: String,
    /// For kind `title`: endings of a title that name another kind of
    /// document (`通知`, `意见`, `政府工作报告`…). A text whose title ends in
    /// one is not a report of this type, and its structure is not checked.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_types: Vec<String>,
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorSpec {
    pub id: String,
    /// e.g. `教师工资不低于公务员`.
    pub label: String,
    /// Words that show the area is written about.
    pub keywords: Vec<String>,
    /// Phrases that claim the indicator is met; a claim needs a figure.
    pub claims: Vec<String>,
    /// Units a figure for this area is written in (`元`, `万元`, `%`…); empty = any number.
    pub units: Vec<String>,
    /// The figures a good report gives, for the message.
    pub expect: String,
    /// Whether a report that never mentions the area gets an info finding.
    pub required: bool,
}

/// What an indicator phrase is: (index of the area in `indicators`, is a claim).
pub type IndicatorTag = (usize, bool);

/// How to recognise a text of the profile's type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicSpec {
    /// Words typical of the type…
    pub keywords: Vec<String>,
    /// …of which a text has at least this many per 10,000 characters.
    pub min_per_10k: usize,
    /// Subjects of the right kind of author (`我县`, `全区`…)…
    pub subjects: Vec<String>,
    /// …which must not be outnumbered by these (`我校`, `本校`…).
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

/// The most sections a profile may have.
pub const MAX_SECTIONS: usize = 200;
/// The most indicator areas a profile may have.
pub const MAX_INDICATORS: usize = 200;
/// The most words in one list (`headings`, `keywords`…).
pub const MAX_LIST_WORDS: usize = 2_000;
/// The most words in all the lists of a profile.
pub const MAX_WORDS: usize = 10_000;
/// The longest word, in characters.
pub const MAX_WORD_CHARS: usize = 100;
/// How many matches the whole-text search for the indicator and topic
/// words (each list a word is in counts) may find at one place of a text:
/// a word and the words it starts with (`教育`, `教育经费`) all match where
/// the longest does, and every match is kept, so without a cap a profile of
/// nested or repeated words makes the search keep hundreds of matches per
/// character of text (issue 17). The built-in profiles reach 2.
pub const MAX_MATCHES_AT_ONE_PLACE: usize = 8;

/// A profile as written in JSON: every field optional, on top of a base.
struct Overlay {
    extends: Option<String>,
    name: Option<String>,
    rules: Option<BTreeMap<String, RuleSetting>>,
    group_threshold: Option<usize>,
    sections: Option<Vec<SectionSpec>>,
    indicators: Option<Vec<IndicatorSpec>>,
    /// `"topic": null` switches the topic check off, unlike a missing `topic`.
    topic: Option<Option<TopicSpec>>,
    layout: Option<LayoutSpec>,
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

/// The built-in profiles; the first is the default.
/// Each extends `none` (a built-in extending the default would recurse).
pub static BUILTIN: &[BuiltinProfile] = &[
    BuiltinProfile {
        id: "self-evaluation",
        name: "履行教育职责自评报告",
        json: include_str!("../profiles/self-evaluation.json"),
    },
    BuiltinProfile {
        id: "self-inspection",
        name: "自查报告（通用）",
        json: include_str!("../profiles/self-inspection.json"),
    },
    BuiltinProfile {
        id: "annual-summary",
        name: "年度工作总结",
        json: include_str!("../profiles/annual-summary.json"),
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
        let spec = spec.strip_prefix('\u{FEFF}').unwrap_or(spec);
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
        // A file saved by Notepad starts with a byte order mark.
        let json = json.strip_prefix('\u{FEFF}').unwrap_or(json);
        let profile = Profile::resolve(read::overlay(json)?)?;
        profile.validate()?;
        Ok(profile)
    }

    /// [`Profile::from_json`] for the bytes of a file: UTF-8, with or
    /// without a byte order mark; anything else is refused with the offset
    /// of the first byte that is not UTF-8.
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Profile, ProfileError> {
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(ProfileError {
                field: String::new(),
                message: "是 UTF-16 编码；请另存为 UTF-8".to_string(),
            });
        }
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if body.len() > MAX_JSON_BYTES {
            return Err(read::too_big());
        }
        let json = std::str::from_utf8(bytes).map_err(|e| ProfileError {
            field: String::new(),
            message: format!(
                "不是 UTF-8 编码的文本（第 {} 字节处无效）；请另存为 UTF-8",
                e.valid_up_to()
            ),
        })?;
        Profile::from_json(json)
    }

    /// Every word list of the profile with its path, and whether the
    /// check searches the whole text for it (indicator and topic words).
    fn word_lists(&self) -> impl Iterator<Item = (String, &[String], bool)> {
        let sections = self.sections.iter().enumerate().flat_map(|(i, s)| {
            [
                ("headings", &s.headings),
                ("cues", &s.cues),
                ("list_cues", &s.list_cues),
            ]
            .map(|(k, w)| (format!("sections[{i}].{k}"), w.as_slice(), false))
        });
        let indicators = self.indicators.iter().enumerate().flat_map(|(i, a)| {
            [
                ("keywords", &a.keywords, true),
                ("claims", &a.claims, true),
                ("units", &a.units, false),
            ]
            .map(|(k, w, searched)| (format!("indicators[{i}].{k}"), w.as_slice(), searched))
        });
        let topic = self.topic.iter().flat_map(|t| {
            [
                ("keywords", &t.keywords),
                ("subjects", &t.subjects),
                ("other_subjects", &t.other_subjects),
            ]
            .map(|(k, w)| (format!("topic.{k}"), w.as_slice(), true))
        });
        sections.chain(indicators).chain(topic)
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
        if self.sections.len() > MAX_SECTIONS {
            return err(
                "sections".to_string(),
                &format!(
                    "最多 {MAX_SECTIONS} 个部分，这里有 {} 个",
                    self.sections.len()
                ),
            );
        }
        if self.indicators.len() > MAX_INDICATORS {
            return err(
                "indicators".to_string(),
                &format!(
                    "最多 {MAX_INDICATORS} 个指标，这里有 {} 个",
                    self.indicators.len()
                ),
            );
        }
        let mut total = 0;
        // How many searched lists each word is in…
        let mut searched: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for (path, words, is_searched) in self.word_lists() {
            if words.len() > MAX_LIST_WORDS {
                return err(
                    path,
                    &format!("最多 {MAX_LIST_WORDS} 个词，这里有 {} 个", words.len()),
                );
            }
            total += words.len();
            if total > MAX_WORDS {
                return err(path, &format!("整个配置最多 {MAX_WORDS} 个词"));
            }
            for (j, w) in words.iter().enumerate() {
                if w.chars().count() > MAX_WORD_CHARS {
                    return err(
                        format!("{path}[{j}]"),
                        &format!("一个词最多 {MAX_WORD_CHARS} 个字"),
                    );
                }
                if is_searched && !w.is_empty() {
                    searched.entry(w).or_default().push(format!("{path}[{j}]"));
                }
            }
        }
        // …so how many match where each word does (the words it starts with
        // match there too, once per list).
        for (w, paths) in &searched {
            let before: usize = (w.char_indices().map(|(i, _)| i))
                .filter_map(|end| searched.get(&w[..end]).map(Vec::len))
                .sum();
            let at_once = before + paths.len();
            if at_once > MAX_MATCHES_AT_ONE_PLACE {
                // The place in the profile that goes past the cap.
                let over = MAX_MATCHES_AT_ONE_PLACE.saturating_sub(before);
                return err(
                    paths[over.min(paths.len() - 1)].clone(),
                    &format!(
                        "指标和主题的词表里，“{w}”和它开头的词在同一处共会匹配 {at_once} 次，最多 {MAX_MATCHES_AT_ONE_PLACE} 次（同一个词写在多个词表里各算一次）"
                    ),
                );
            }
        }
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
            if !crate::rule_exists(id) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn errors_name_the_field() {
        let e = Profile::from_json(r#"{"rules":{"format/docnum":"loud"}}"#).unwrap_err();
        assert_eq!(e.field, "rules.format/docnum");
        assert!(e.to_string().contains("rules.format/docnum"), "{e}");

        let e = Profile::from_json(r#"{"rules":{"no/such-rule":true}}"#).unwrap_err();
        assert_eq!(e.field, "rules.no/such-rule");

        let e = Profile::from_json(r#"{"nmae":"x"}"#).unwrap_err();
        assert_eq!(e.field, "nmae", "{e}");
        let e = Profile::from_json(r#"{"sections":[{"id":"a","label":"甲","headigns":["x"]}]}"#)
            .unwrap_err();
        assert_eq!(e.field, "sections[0].headigns", "{e}");
        assert!(e.message.contains("headings"), "{e}");
        let e = Profile::from_json(r#"{"rules":{"a\u002fb":1}}"#).unwrap_err();
        assert_eq!(e.field, "rules.a/b", "{e}");

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
    fn a_byte_order_mark_is_accepted() {
        let json = "\u{FEFF}{\"name\":\"带 BOM\"}";
        assert_eq!(Profile::from_json(json).unwrap().name, "带 BOM");
        assert_eq!(Profile::from_id_or_json(json).unwrap().name, "带 BOM");
        assert_eq!(
            Profile::from_id_or_json("\u{FEFF}annual-summary"),
            Ok(Profile::builtin("annual-summary").unwrap())
        );
        let bytes = json.as_bytes();
        assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
        assert_eq!(Profile::from_json_bytes(bytes).unwrap().name, "带 BOM");
        // Only one, at the start.
        assert!(Profile::from_json("\u{FEFF}\u{FEFF}{}").is_err());
    }

    #[test]
    fn bytes_that_are_not_utf8_are_placed() {
        let mut bytes = "{\"name\":\"测试".as_bytes().to_vec();
        let at = bytes.len();
        bytes.extend_from_slice(b"\xB2\xE2\"}");
        let e = Profile::from_json_bytes(&bytes).unwrap_err();
        assert!(e.message.contains(&format!("第 {at} 字节")), "{e}");
        // Counted in the file, byte order mark included.
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(&bytes);
        let e = Profile::from_json_bytes(&with_bom).unwrap_err();
        assert!(e.message.contains(&format!("第 {} 字节", at + 3)), "{e}");
        let utf16: Vec<u8> = [0xFF, 0xFE, b'{', 0, b'}', 0].to_vec();
        let e = Profile::from_json_bytes(&utf16).unwrap_err();
        assert!(e.message.contains("UTF-16"), "{e}");
        assert_eq!(Profile::from_json_bytes(b"{}"), Ok(Profile::default()));
    }

    #[test]
    fn a_word_named_twice_is_kept_once() {
        // Issue 17: a profile naming 教育 1,000 times made the word search
        // report a thousand matches at each 教育 of the text.
        let words = vec!["教育"; 1000];
        let json = serde_json::json!({
            "topic": {"keywords": words, "min_per_10k": 2, "subjects": ["我县", "我县"]},
            "indicators": [{"id": "a", "label": "甲", "keywords": ["教育", "学位", "教育"], "claims": ["教育"]}],
            "sections": [{"id": "b", "label": "乙", "headings": ["问题", "问题"], "cues": ["但也", "但也"]}]
        })
        .to_string();
        assert!(json.len() > 9_000, "about the 10 KB of the report");
        let p = Profile::from_json(&json).unwrap();
        let topic = p.topic.as_ref().unwrap();
        assert_eq!(topic.keywords, ["教育"]);
        assert_eq!(topic.subjects, ["我县"]);
        assert_eq!(p.indicators[0].keywords, ["教育", "学位"]);
        assert_eq!(p.indicators[0].claims, ["教育"]);
        assert_eq!(p.sections[0].headings, ["问题"]);
        assert_eq!(p.sections[0].cues, ["但也"]);
        // Nothing else of the profile changes.
        let once =
            Profile::from_json(&json.replace(&format!("\"教育\",{}", "\"教育\",".repeat(998)), ""))
                .unwrap();
        assert_eq!(once, p);
    }

    #[test]
    fn words_that_match_at_one_place_are_capped() {
        // Issue 17, its cause: each searched list a word is in, and each
        // word it starts with, is one more match kept at every place the
        // word occurs: 100 nested words on 900 KB of 教 kept 2 GB.
        let nested = |n: usize| (1..=n).map(|k| "教".repeat(k)).collect::<Vec<_>>();
        let json = |words: Vec<String>| {
            serde_json::json!({"topic": {"keywords": words, "min_per_10k": 1}}).to_string()
        };
        assert!(Profile::from_json(&json(nested(MAX_MATCHES_AT_ONE_PLACE))).is_ok());
        let e = Profile::from_json(&json(nested(100))).unwrap_err();
        assert_eq!(e.field, "topic.keywords[8]", "{e}");
        // Words that do not start one another are not counted together.
        let apart: Vec<String> = (0..100).map(|k| format!("{k}教")).collect();
        assert!(Profile::from_json(&json(apart)).is_ok());
        // A word in several lists counts once per list.
        let mut p = Profile::default();
        let base = p.indicators.len();
        let area = IndicatorSpec {
            id: "x".into(),
            label: "甲".into(),
            keywords: vec!["学位甲".into()],
            claims: Vec::new(),
            units: Vec::new(),
            expect: String::new(),
            required: false,
        };
        p.indicators.extend(vec![area; MAX_MATCHES_AT_ONE_PLACE]);
        assert!(p.validate().is_ok());
        p.indicators.push(p.indicators[base].clone());
        let e = p.validate().unwrap_err();
        assert!(e.message.contains("“学位甲”"), "{e}");
        let last = base + MAX_MATCHES_AT_ONE_PLACE;
        assert_eq!(e.field, format!("indicators[{last}].keywords[0]"), "{e}");
        // The built-in profiles are well within.
        for b in BUILTIN {
            assert!(Profile::builtin(b.id).unwrap().validate().is_ok());
        }
    }

    #[test]
    fn limits_are_refused_quickly() {
        // Issue 17: 1e6 sections took 715 MB and hung; refused before parsing.
        let section = r#"{"id":"s","label":"部分","headings":["部分"]},"#;
        let mut json = String::from(r#"{"sections":["#);
        json.push_str(&section.repeat(1_000_000));
        json.pop();
        json.push_str("]}");
        let started = std::time::Instant::now();
        let e = Profile::from_json(&json).unwrap_err();
        assert!(e.message.contains("1024 KB"), "{e}");
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        // Under the size limit: the count is refused.
        let sections: Vec<String> = (0..MAX_SECTIONS + 1)
            .map(|i| format!(r#"{{"id":"s{i}","label":"部分","headings":["部分"]}}"#))
            .collect();
        let json = format!(r#"{{"sections":[{}]}}"#, sections.join(","));
        let e = Profile::from_json(&json).unwrap_err();
        assert_eq!(e.field, "sections");
        assert!(e.message.contains("最多 200 个部分"), "{e}");
        // A profile built in Rust is held to the same limits.
        let mut p = Profile::default();
        p.topic.as_mut().unwrap().keywords = vec!["词".repeat(MAX_WORD_CHARS + 1)];
        assert_eq!(p.validate().unwrap_err().field, "topic.keywords[0]");
        let mut p = Profile::default();
        p.indicators[0].claims = (0..MAX_LIST_WORDS + 1).map(|i| i.to_string()).collect();
        assert_eq!(p.validate().unwrap_err().field, "indicators[0].claims");
        let mut p = Profile::default();
        p.indicators = vec![p.indicators[0].clone(); MAX_INDICATORS + 1];
        assert_eq!(p.validate().unwrap_err().field, "indicators");
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
