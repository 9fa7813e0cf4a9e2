//! The wasm-bindgen surface: the only file that knows about JavaScript.
//!
//! Spans leave here in UTF-16 code units (see `output`), as plain JS objects.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::output::js_report;
use crate::profile::Profile;
use crate::rules;

/// `check(text, profile?)` → `{findings, summary}`.
///
/// `profile` may be omitted (`undefined`/`null`), a built-in profile id
/// (see `profiles()`), a JSON string, or an object; an unusable profile
/// throws an `Error` whose message names the field.
#[wasm_bindgen]
pub fn check(text: &str, profile: JsValue) -> Result<JsValue, JsError> {
    let profile = profile_from_js(&profile)?;
    let report = crate::check(text, &profile);
    to_js(&js_report(text, &report))
}

/// Every rule: `[{id, category, severity, description}]`.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsError> {
    let metas: Vec<&rules::Meta> = rules::registry().map(|r| r.meta()).collect();
    to_js(&metas)
}

/// The built-in profiles: `[{id, name}]`; the first is the default.
#[wasm_bindgen]
pub fn profiles() -> Result<JsValue, JsError> {
    to_js(crate::profile::BUILTIN)
}

/// The crate version, e.g. `"0.1.0"`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

fn profile_from_js(value: &JsValue) -> Result<Profile, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Profile::default());
    }
    let json = match value.as_string() {
        Some(s) => s,
        None if value.is_object() => js_sys::JSON::stringify(value)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| JsError::new("配置（profile）无法转换为 JSON"))?,
        None => return Err(JsError::new("配置（profile）应为对象或 JSON 字符串")),
    };
    Profile::from_id_or_json(&json).map_err(|e| JsError::new(&e.to_string()))
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}
