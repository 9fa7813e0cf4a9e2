//! What every rule reads: the document index and the profile, built once per check.

use crate::document::Document;
use crate::profile::Profile;

/// Everything parsed from the text once per check. Rules only read it.
pub struct Context<'a> {
    pub doc: Document<'a>,
    pub profile: &'a Profile,
}

impl<'a> Context<'a> {
    pub fn new(text: &'a str, profile: &'a Profile) -> Self {
        Context {
            doc: Document::new(text),
            profile,
        }
    }
}
