//! What every rule reads: the document index and the profile, built once per check.

use std::cell::OnceCell;

use crate::document::Document;
use crate::figures::{self, Figures};
use crate::mentions::{self, Mentions};
use crate::outline::Outline;
use crate::profile::Profile;
pub use crate::residue::Residue;
use crate::topic::{fits, Fit};

/// Everything parsed from the text once per check. Rules only read it.
pub struct Context<'a> {
    pub doc: Document<'a>,
    pub outline: Outline,
    /// How each part of `outline.parts` fits the profile.
    pub fits: Vec<Fit>,
    /// Every number in the text, read once.
    pub figures: Figures,
    /// Which lines are web-page residue (download-site headers, portal
    /// footers…), read once; rules stay quiet on lines that will be deleted.
    pub residue: Residue,
    pub profile: &'a Profile,
    /// Where the profile's indicator areas are mentioned, per report part;
    /// built on first use.
    mentions: OnceCell<Vec<Mentions>>,
}

impl<'a> Context<'a> {
    pub fn new(text: &'a str, profile: &'a Profile) -> Self {
        let doc = Document::new(text);
        let outline = Outline::new(&doc);
        let fits = fits(&doc, &outline, profile);
        let figures = figures::extract(&doc);
        let residue = Residue::new(&doc);
        Context {
            doc,
            outline,
            fits,
            figures,
            residue,
            profile,
            mentions: OnceCell::new(),
        }
    }

    /// Where each indicator area is mentioned, per part that fits the
    /// profile as a report (see [`crate::mentions`]); one pass, on first use.
    pub fn mentions(&self) -> &[Mentions] {
        self.mentions
            .get_or_init(|| mentions::find(&self.doc, &self.outline, &self.fits, self.profile))
    }
}
