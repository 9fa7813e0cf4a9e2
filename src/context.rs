//! What every rule reads: the document index and the profile, built once per check.

use std::cell::OnceCell;
use std::sync::{Arc, LazyLock};

use crate::document::Document;
use crate::figures::{self, Figures};
use crate::finding::Span;
use crate::mentions::{self, Mentions};
use crate::outline::Outline;
use crate::profile::{IndicatorTag, Profile};
use crate::residue;
pub use crate::residue::Residue;
use crate::text::{Keyed, Tagged};
use crate::topic::{self, Fit};

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
    /// Every occurrence of the profile's indicator phrases, from the shared pass.
    indicator_matches: Vec<(IndicatorTag, Span)>,
    /// Where the profile's indicator areas are mentioned, per report part;
    /// built on first use.
    mentions: OnceCell<Vec<Mentions>>,
    /// The wording rules' word hits (see `rules::wording::words`), on first use.
    pub(crate) word_hits: OnceCell<Vec<(usize, usize)>>,
}

/// What a phrase of the shared pass belongs to.
#[derive(Debug, Clone, Copy)]
enum Hit {
    Residue(residue::Kind),
    Indicator(IndicatorTag),
    /// A subject of the profile's topic; `true` for the other subjects.
    Subject(bool),
}

/// The web-residue phrases, the profile's indicator phrases and its topic's
/// subjects (see [`topic::shared_subjects`]) in one automaton, so the text
/// is searched once for all; rebuilt only when they change.
fn shared_phrases(profile: &Profile) -> Arc<Tagged<Hit>> {
    static SHARED: LazyLock<Keyed<Tagged<Hit>>> = LazyLock::new(Keyed::default);
    let indicators: Vec<(&[String], &[String])> = profile
        .indicators
        .iter()
        .map(|a| (a.keywords.as_slice(), a.claims.as_slice()))
        .collect();
    let subjects = topic::shared_subjects(profile);
    SHARED.get(&(indicators, subjects), || {
        let mut items: Vec<(Hit, &str)> = residue::phrases()
            .map(|(k, p)| (Hit::Residue(k), p))
            .collect();
        for (i, a) in profile.indicators.iter().enumerate() {
            for (claim, words) in [(false, &a.keywords), (true, &a.claims)] {
                items.extend(
                    words
                        .iter()
                        .map(|w| (Hit::Indicator((i, claim)), w.as_str())),
                );
            }
        }
        for (other, words) in [false, true]
            .into_iter()
            .zip(subjects.into_iter().flatten())
        {
            items.extend(words.iter().map(|w| (Hit::Subject(other), w.as_str())));
        }
        Tagged::new(items)
    })
}

impl<'a> Context<'a> {
    pub fn new(text: &'a str, profile: &'a Profile) -> Self {
        let doc = Document::new(text);
        let outline = Outline::new(&doc);
        let figures = figures::extract(&doc);
        let (mut residue_matches, mut indicator_matches) = (Vec::new(), Vec::new());
        let mut subject_matches = Vec::new();
        for (hit, span) in shared_phrases(profile).matches(text) {
            match hit {
                Hit::Residue(kind) => residue_matches.push((kind, span)),
                Hit::Indicator(tag) => indicator_matches.push((tag, span)),
                Hit::Subject(other) => subject_matches.push((other, span)),
            }
        }
        let subjects = topic::shared_subjects(profile).map(|_| subject_matches.as_slice());
        let fits = topic::fits_from(&doc, &outline, profile, subjects);
        let residue = Residue::from_matches(&doc, residue_matches);
        Context {
            doc,
            outline,
            fits,
            figures,
            residue,
            profile,
            indicator_matches,
            mentions: OnceCell::new(),
            word_hits: OnceCell::new(),
        }
    }

    /// Where each indicator area is mentioned, per part that fits the
    /// profile as a report (see [`crate::mentions`]); one pass, on first use.
    pub fn mentions(&self) -> &[Mentions] {
        self.mentions.get_or_init(|| {
            mentions::find(
                &self.doc,
                &self.outline,
                &self.fits,
                self.profile,
                &self.indicator_matches,
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The subjects found by the shared pass give the fits the topic's own
    /// search gives.
    #[test]
    fn fits_from_the_shared_pass() {
        let p = Profile::default();
        assert!(topic::shared_subjects(&p).is_some());
        let body = "我县坚持教育优先发展，全县中小学校办学条件持续改善。".repeat(3);
        let texts = [
            body.repeat(10),
            format!("汇编\n报告篇一\n{body}\n报告篇二\n{}", body.repeat(20)),
            "我校坚持立德树人，学校教师和学生积极参与校园活动，我县教育。".repeat(40),
            "我县全面落实粮食安全党政同责，耕地保护任务圆满完成。".repeat(40),
        ];
        for text in &texts {
            let cx = Context::new(text, &p);
            assert_eq!(cx.fits, topic::fits(&cx.doc, &cx.outline, &p));
        }
    }

    #[test]
    fn shared_phrases_follow_the_indicators() {
        let count = |p: &Profile, text: &str| {
            shared_phrases(p)
                .matches(text)
                .filter(|(h, _)| matches!(h, Hit::Indicator(_)))
                .count()
        };
        let base = Profile::default();
        assert!(count(&base, "公务员") > 0);
        let mut one = base.indicators[0].clone();
        one.keywords = vec!["甲乙".to_string()];
        one.claims = Vec::new();
        let changed = Profile {
            indicators: vec![one],
            ..base.clone()
        };
        // The shared automaton is rebuilt for the changed indicators, and again for the base.
        assert_eq!(count(&changed, "公务员"), 0);
        assert_eq!(count(&changed, "甲乙"), 1);
        assert!(count(&base, "公务员") > 0);
    }
}
