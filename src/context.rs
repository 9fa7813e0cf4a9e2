//! What every rule reads: the document index and the profile, built once per check.

use crate::document::Document;
use crate::outline::Outline;
use crate::profile::Profile;

/// Everything parsed from the text once per check. Rules only read it.
pub struct Context<'a> {
    pub doc: Document<'a>,
    pub outline: Outline,
    pub profile: &'a Profile,
}

impl<'a> Context<'a> {
    pub fn new(text: &'a str, profile: &'a Profile) -> Self {
        let doc = Document::new(text);
        let outline = Outline::new(&doc);
        Context {
            doc,
            outline,
            profile,
        }
    }
}
