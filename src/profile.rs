//! Profiles: data that turns rules on and off and sets their severity.
//!
//! Integrators change a profile with JSON, never by forking the code:
//!
//! ```json
//! { "name": "本单位配置", "rules": { "format/half-width-punct": false, "format/docnum": "warning" } }
//! ```

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::finding::Severity;
use crate::rules;

/// How a profile sets one rule: off, on at its default severity, or on at a
/// given severity. In JSON: `false`, `true`, `"off"`, `"error"`, `"warning"`, `"info"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSetting {
    Off,
    Default,
    Severity(Severity),
}

/// A named set of rule settings. Rules it does not mention run at their
/// default severity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Report type shown to the user, e.g. `履行教育职责自评报告`.
    #[serde(default = "default_name")]
    pub name: String,
    /// Rule id → setting.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleSetting>,
    /// A rule that fires more often than this in one document reports one
    /// grouped finding listing every place instead of one finding each
    /// (only rules that support grouping, e.g. half-width punctuation).
    #[serde(default = "default_group_threshold")]
    pub group_threshold: usize,
}

fn default_name() -> String {
    "履行教育职责自评报告".to_string()
}

fn default_group_threshold() -> usize {
    10
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            name: default_name(),
            rules: BTreeMap::new(),
            group_threshold: default_group_threshold(),
        }
    }
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
pub static BUILTIN: &[BuiltinProfile] = &[BuiltinProfile {
    id: "self-evaluation",
    name: "履行教育职责自评报告",
    json: include_str!("../profiles/self-evaluation.json"),
}];

impl Profile {
    /// A built-in profile by id (`self-evaluation`, …).
    pub fn builtin(id: &str) -> Option<Profile> {
        let b = BUILTIN.iter().find(|b| b.id == id)?;
        // Built-in profiles are tested to parse (see the tests below).
        Profile::from_json(b.json).ok()
    }

    /// A profile from what a user typed: a built-in id, or JSON text.
    pub fn from_id_or_json(spec: &str) -> Result<Profile, ProfileError> {
        if spec.trim_start().starts_with('{') {
            return Profile::from_json(spec);
        }
        Profile::builtin(spec.trim()).ok_or_else(|| ProfileError {
            field: String::new(),
            message: format!(
                "没有名为“{spec}”的内置配置；可用：{}",
                BUILTIN.iter().map(|b| b.id).collect::<Vec<_>>().join("、")
            ),
        })
    }

    /// Parses and validates a profile from JSON. Unknown fields and unknown
    /// rule ids are errors, so a typo is reported rather than silently ignored.
    pub fn from_json(json: &str) -> Result<Profile, ProfileError> {
        let de = &mut serde_json::Deserializer::from_str(json);
        let profile: Profile = serde_path_to_error::deserialize(de).map_err(|e| {
            let field = e.path().to_string();
            ProfileError {
                field: if field == "." { String::new() } else { field },
                message: e.into_inner().to_string(),
            }
        })?;
        profile.validate()?;
        Ok(profile)
    }

    /// Checks that every rule id the profile names exists.
    pub fn validate(&self) -> Result<(), ProfileError> {
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

    #[test]
    fn parses_settings() {
        let p = Profile::from_json(
            r#"{"name":"测试","rules":{"format/docnum":"warning","format/half-width-punct":false}}"#,
        )
        .unwrap();
        assert_eq!(p.name, "测试");
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
        assert!(e.message.contains("nmae"), "{e}");

        let e = Profile::from_json(r#"{"group_threshold":-1}"#).unwrap_err();
        assert_eq!(e.field, "group_threshold");

        assert!(Profile::from_json("not json").is_err());
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
}
