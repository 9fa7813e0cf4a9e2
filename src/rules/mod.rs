//! The rule trait and the registry: one list, one place.
//!
//! Adding a rule = one file in a concern folder plus one line in that
//! concern's `RULES` list (`figures/mod.rs`, `format/mod.rs`, …). A rule
//! that reads the figure list implements [`FigureRule`] instead of [`Rule`]
//! and goes in `figures::FIGURE_RULES`: the type says which rules see it.

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::context::Context;
use crate::figures::Figures;
use crate::finding::{Category, Finding, Occurrence, Places, Severity, Span, MOST_PLACES};
use crate::words::WordList;

pub mod figures;
pub mod format;
#[cfg(feature = "docx")]
pub mod layout;
pub mod structure;
pub mod wording;

/// A rule's identity and defaults (what `rules()` lists).
#[derive(Debug, serde::Serialize)]
pub struct Meta {
    /// Stable id, `concern/name`, e.g. `format/docnum`.
    pub id: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// One line in Chinese, shown in the rule list.
    pub description: &'static str,
}

impl Meta {
    /// The rule's documentation: the doc comment at the top of its file
    /// (what it checks, why it matters, an example, what it does not flag,
    /// the clause it follows), as rustdoc shows it.
    pub fn doc(&self) -> &'static str {
        doc(self.id).unwrap_or("")
    }
}

/// Every rule's documentation, `(id, doc)`, collected by `build.rs` from the
/// `//!` comment of each file under `src/rules/<concern>/`.
static DOCS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/rule_docs.rs"));

/// The documentation of rule `id` (see [`Meta::doc`]), if there is such a rule.
pub fn doc(id: &str) -> Option<&'static str> {
    DOCS.iter().find(|(i, _)| *i == id).map(|(_, d)| *d)
}

/// The headings every rule's documentation has, in this order (ruff's).
pub const DOC_HEADINGS: [&str; 5] = [
    "**What it checks.**",
    "**Why it matters.**",
    "**Example.**",
    "**Not flagged.**",
    "**Follows**",
];

/// docs/rules.md: every rule, concern by concern, with its documentation.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Rules\n\n\
         Generated from each rule's doc comment (`src/rules/<concern>/<name>.rs`) by\n\
         `cargo run -q -- --rules-md > docs/rules.md`; a test fails when this file is stale.\n\
         `report-check --explain RULE` prints one rule's part.\n\n\
         | Rule | Category | Severity | What it finds |\n|---|---|---|---|\n",
    );
    let metas: Vec<&Meta> = registry().map(|r| r.meta()).collect();
    for m in &metas {
        out += &format!(
            "| [`{}`](#{}) | {} | {} | {} |\n",
            m.id,
            m.id.replace('/', "").to_ascii_lowercase(),
            m.category.label(),
            m.severity.as_str(),
            m.description
        );
    }
    for m in &metas {
        out += &format!("\n## {}\n\n{}\n", m.id, explain(m));
    }
    out
}

/// One rule's documentation with its category, default severity and
/// one-line description: what `report-check --explain RULE` prints.
pub fn explain(meta: &Meta) -> String {
    format!(
        "类别：{}（{}）；默认级别：{}\n说明：{}\n\n{}",
        meta.category.label(),
        meta.category.as_str(),
        meta.severity.as_str(),
        meta.description,
        meta.doc()
    )
}

/// A check over the parsed document. Stateless; reads the context, writes findings.
pub trait Rule: Sync {
    fn meta(&self) -> &'static Meta;
    /// The fixed words the rule looks for, if it looks for any (see
    /// [`crate::words`]): the check finds them with every other rule's in
    /// one pass, and the rule walks its own with `cx.words(&LIST)`.
    fn words(&self) -> Option<&'static WordList> {
        None
    }
    fn check(&self, cx: &Context, sink: &mut Sink);
}

/// A check that also reads the figure list (every number in the text, see
/// [`crate::figures`]): only these rules get it, and it is freed once they
/// have run, before the other rules' findings take its memory.
pub trait FigureRule: Sync {
    fn meta(&self) -> &'static Meta;
    /// As [`Rule::words`].
    fn words(&self) -> Option<&'static WordList> {
        None
    }
    fn check(&self, cx: &WithFigures, sink: &mut Sink);
}

/// What a [`FigureRule`] reads: the [`Context`] (everything else, through
/// `Deref`) and `figures`, the figure list.
pub struct WithFigures<'c, 'a> {
    pub cx: &'c Context<'a>,
    pub figures: &'c Figures,
}

impl<'a> std::ops::Deref for WithFigures<'_, 'a> {
    type Target = Context<'a>;
    fn deref(&self) -> &Context<'a> {
        self.cx
    }
}

/// A rule of the registry, of either kind.
#[derive(Clone, Copy)]
pub enum Registered {
    Plain(&'static dyn Rule),
    Figures(&'static dyn FigureRule),
}

impl Registered {
    pub fn meta(self) -> &'static Meta {
        match self {
            Registered::Plain(r) => r.meta(),
            Registered::Figures(r) => r.meta(),
        }
    }

    /// The word lists it declares (see [`Rule::words`]).
    pub fn words(self) -> Option<&'static WordList> {
        match self {
            Registered::Plain(r) => r.words(),
            Registered::Figures(r) => r.words(),
        }
    }
}

/// The rules that do not read the figure list, concern by concern.
const PLAIN: [&[&dyn Rule]; 5] = [
    structure::RULES,
    figures::RULES,
    format::RULES,
    wording::RULES,
    #[cfg(feature = "docx")]
    layout::RULES,
    // Without the `docx` feature there is no .docx and no layout rule.
    #[cfg(not(feature = "docx"))]
    &[],
];

/// Every rule, concern by concern (the order `rules()` lists them in).
pub fn registry() -> impl Iterator<Item = Registered> {
    let plain = |list: &'static [&'static dyn Rule]| list.iter().map(|&r| Registered::Plain(r));
    let [structure, figures, format, wording, layout] = PLAIN;
    (plain(structure).chain(plain(figures)))
        .chain(
            figures::FIGURE_RULES
                .iter()
                .map(|&r| Registered::Figures(r)),
        )
        .chain(plain(format))
        .chain(plain(wording))
        .chain(plain(layout))
}

/// Every rule's word lists, each once, in the order of the registry: what
/// the check's one word search is given (see [`Context::with_words`]).
pub fn word_lists() -> &'static [&'static WordList] {
    static LISTS: LazyLock<Vec<&'static WordList>> = LazyLock::new(|| {
        let mut lists: Vec<&'static WordList> = Vec::new();
        for list in registry().filter_map(Registered::words) {
            if !lists.iter().any(|l| l.is(list)) {
                lists.push(list);
            }
        }
        lists
    });
    &LISTS
}

/// The id whose setting in `profile` applies to rule `id`: its own, or
/// for a rule split out of `structure/sections` that the profile does not
/// set, `structure/sections`'s (profiles written before the split keep
/// working: `"structure/sections": false` turns off all of them).
pub fn setting_id<'i>(profile: &crate::profile::Profile, id: &'i str) -> &'i str {
    if !profile.rules.contains_key(id) && structure::PARTS_OF_SECTIONS.contains(&id) {
        "structure/sections"
    } else {
        id
    }
}

/// The rules that read the figure list, in the order they run (first).
pub fn figure_rules() -> impl Iterator<Item = &'static dyn FigureRule> {
    figures::FIGURE_RULES.iter().copied()
}

/// The other rules, in the order they run (after the figure list is freed).
pub fn plain_rules() -> impl Iterator<Item = &'static dyn Rule> {
    PLAIN.into_iter().flatten().copied()
}

/// After how many findings of one rule its messages are shrunk to their
/// length: `format!` leaves up to half of a message's capacity unused,
/// which adds up with many findings (a finding-dense 10 MB text has
/// 175,505); with few, the reallocs would cost more than they save.
const SHRINK_AFTER: usize = 1024;

/// Where a rule writes its findings; fills in the rule's id, category and
/// the severity the profile gives it.
pub struct Sink<'a> {
    meta: &'static Meta,
    severity: Severity,
    /// The profile set this rule's severity: it applies to every finding.
    fixed: bool,
    group_threshold: usize,
    out: &'a mut Vec<Finding>,
    /// How many findings [`Sink::push`] has been given.
    pushed: usize,
    /// Where in `out` the finding that takes the places past [`MOST`] is.
    overflow: Option<usize>,
}

/// After how many findings of one rule its further ones become places of
/// one grouped finding: a text that is one mark or one line over and over
/// must not give a finding (and a message) per char or line, whichever
/// rule it triggers. No report comes near it.
pub const MOST: usize = 1000;

impl<'a> Sink<'a> {
    /// `fixed`: the profile set `severity` explicitly, so per-finding
    /// severities ([`Sink::emit_with`]) give way to it.
    pub fn new(
        meta: &'static Meta,
        severity: Severity,
        fixed: bool,
        group_threshold: usize,
        out: &'a mut Vec<Finding>,
    ) -> Self {
        Sink {
            meta,
            severity,
            fixed,
            group_threshold,
            out,
            pushed: 0,
            overflow: None,
        }
    }

    /// Reports a problem at `span`; `suggestion` only when the fix is certain.
    pub fn emit(&mut self, span: Span, message: impl Into<String>, suggestion: Option<String>) {
        self.emit_with(self.severity, span, message, suggestion);
    }

    /// Like [`Sink::emit`], at a severity the rule chooses for this finding
    /// (e.g. from the profile's section list) unless the profile fixed the rule's.
    pub fn emit_with(
        &mut self,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
        suggestion: Option<String>,
    ) {
        self.push(severity, span, message.into(), suggestion.map(Cow::Owned));
    }

    /// Like [`Sink::emit`], for a note about the whole document: see [`Sink::note_with`].
    pub fn note(&mut self, span: Span, message: impl Into<String>) {
        self.note_with(self.severity, span, message);
    }

    /// Like [`Sink::emit_with`], for a note about the whole document (a
    /// missing part, an indicator never mentioned), anchored at `span`
    /// where it belongs; see [`crate::finding::Scope`]. Never with a fix.
    pub fn note_with(&mut self, severity: Severity, span: Span, message: impl Into<String>) {
        let at = self.out.len();
        self.push(severity, span, message.into(), None);
        if self.pushed <= MOST {
            if let Some(f) = self.out.get_mut(at) {
                f.scope = crate::finding::Scope::Document;
            }
        }
    }

    fn push(
        &mut self,
        severity: Severity,
        span: Span,
        message: String,
        suggestion: Option<Cow<'static, str>>,
    ) {
        self.pushed += 1;
        if self.pushed > MOST {
            let place = Occurrence { span, suggestion };
            match self.overflow.and_then(|i| self.out.get_mut(i)) {
                Some(f) if f.occurrences.len() < MOST_PLACES => f.occurrences.push(place),
                Some(f) => {
                    if f.unlisted == 0 {
                        f.message.push_str(&unlisted_note());
                    }
                    f.unlisted += 1;
                }
                None => {
                    self.overflow = Some(self.out.len());
                    self.out.push(Finding {
                        rule: self.meta.id,
                        category: self.meta.category,
                        severity: self.severity,
                        span,
                        message: format!(
                            "{}：这类问题过多（超过 {MOST} 处），此处及其后各处合为这一条。",
                            self.meta.description
                        ),
                        suggestion: place.suggestion.clone(),
                        occurrences: vec![place],
                        unlisted: 0,
                        scope: Default::default(),
                    });
                }
            }
            return;
        }
        self.out.push(Finding {
            rule: self.meta.id,
            category: self.meta.category,
            severity: if self.fixed { self.severity } else { severity },
            span,
            message,
            suggestion,
            occurrences: Vec::new(),
            unlisted: 0,
            scope: Default::default(),
        });
        if self.out.len() > SHRINK_AFTER {
            if let Some(f) = self.out.last_mut() {
                f.message.shrink_to_fit();
            }
        }
    }

    /// Reports many problems of one kind: one finding each while there are
    /// few, one grouped finding listing every place when there are more than
    /// the profile's `group_threshold` (so a document full of them does not
    /// drown everything else).
    pub fn emit_grouped(
        &mut self,
        occurrences: Vec<Occurrence>,
        each: impl Fn(&Occurrence) -> String,
        summary: impl FnOnce(usize) -> String,
    ) {
        let count = occurrences.len();
        self.emit_counted(occurrences, count, &each, summary(count));
    }

    /// [`Sink::emit_grouped`] of places collected in a [`Places`] (the
    /// first [`MOST_PLACES`] listed, all counted).
    pub fn emit_places(
        &mut self,
        places: Places,
        each: impl Fn(&Occurrence) -> String,
        summary: impl FnOnce(usize) -> String,
    ) {
        let (list, count) = places.into_sorted();
        self.emit_counted(list, count, &each, summary(count));
    }

    /// One finding per occurrence while there are few and all are listed,
    /// else one grouped finding of `count` places (`summary` its message).
    fn emit_counted(
        &mut self,
        occurrences: Vec<Occurrence>,
        count: usize,
        each: &dyn Fn(&Occurrence) -> String,
        summary: String,
    ) {
        if count <= self.group_threshold && count == occurrences.len() {
            self.emit_each(occurrences, each);
        } else {
            self.emit_group(occurrences, count, summary);
        }
    }

    /// One finding per occurrence. Not generic (`each` behind `dyn`), as
    /// [`Sink::emit_group`]: one copy in the wasm for the 21 rules that group.
    fn emit_each(&mut self, occurrences: Vec<Occurrence>, each: &dyn Fn(&Occurrence) -> String) {
        for o in occurrences {
            let message = each(&o);
            self.push(self.severity, o.span, message, o.suggestion);
        }
    }

    /// One finding listing the occurrences (the first [`MOST_PLACES`]), at
    /// the first one, standing for `count` places.
    fn emit_group(&mut self, mut occurrences: Vec<Occurrence>, count: usize, mut message: String) {
        if occurrences.len() > MOST_PLACES {
            occurrences.truncate(MOST_PLACES);
            occurrences.shrink_to_fit();
        }
        let unlisted = count.saturating_sub(occurrences.len());
        if unlisted > 0 {
            message.push_str(&unlisted_note());
        }
        if let Some(first) = occurrences.first() {
            let (span, suggestion) = (first.span, first.suggestion.clone());
            self.out.push(Finding {
                rule: self.meta.id,
                category: self.meta.category,
                severity: self.severity,
                span,
                message,
                suggestion,
                occurrences,
                unlisted,
                scope: Default::default(),
            });
        }
    }
}

/// Added to the message of a grouped finding that lists only the first
/// [`MOST_PLACES`] of its places.
fn unlisted_note() -> String {
    format!("（只标出了前 {MOST_PLACES} 处）")
}

impl Sink<'_> {
    /// [`Sink::emit_grouped`] past `max(group_threshold, MOST)` occurrences,
    /// for a rule that can fire once per char or line (a placeholder, an
    /// unpaired bracket, a line of `?`): each such place needs its own look,
    /// but a text of nothing but `《` must not give a finding per char. The
    /// kinds apart, each with its own summary (unlike the per-rule
    /// [`MOST`], which takes any finding past it).
    pub fn emit_many(
        &mut self,
        occurrences: Vec<Occurrence>,
        each: impl Fn(&Occurrence) -> String,
        summary: impl FnOnce(usize) -> String,
    ) {
        let threshold = self.group_threshold;
        self.group_threshold = threshold.max(MOST);
        self.emit_grouped(occurrences, each, summary);
        self.group_threshold = threshold;
    }

    /// [`Sink::emit_many`] of places collected in a [`Places`].
    pub fn emit_many_places(
        &mut self,
        places: Places,
        each: impl Fn(&Occurrence) -> String,
        summary: impl FnOnce(usize) -> String,
    ) {
        let threshold = self.group_threshold;
        self.group_threshold = threshold.max(MOST);
        self.emit_places(places, each, summary);
        self.group_threshold = threshold;
    }
}

#[cfg(test)]
mod doc_tests {
    use super::*;

    /// Every rule has documentation with the five headings, in order, and
    /// every documented id is a rule.
    #[test]
    fn every_rule_is_documented() {
        let ids: Vec<&str> = registry().map(|r| r.meta().id).collect();
        for id in &ids {
            let doc = doc(id).unwrap_or_else(|| panic!("{id}: no doc comment"));
            let mut from = 0;
            for h in DOC_HEADINGS {
                let at = doc[from..]
                    .find(h)
                    .unwrap_or_else(|| panic!("{id}: no {h} after byte {from} of its doc"));
                from += at + h.len();
            }
        }
        for (id, _) in DOCS {
            assert!(
                ids.contains(id),
                "{id} is documented but not in the registry"
            );
        }
        assert!(explain(registry().next().expect("rules").meta()).contains("**Example.**"));
    }
}

#[cfg(test)]
pub(crate) mod test_util {
    //! Helpers for rule unit tests: run one rule and look at what it found.
    use super::*;

    use crate::profile::Profile;
    pub use crate::test_texts::{fixture_texts, pieced_texts};

    /// Runs `rule` alone under the default profile; returns (span text, suggestion) pairs.
    pub fn run(rule: &dyn Rule, text: &str) -> Vec<(String, Option<String>)> {
        pairs(text, findings(rule, text))
    }

    /// Runs `rule` alone under the default profile.
    pub fn findings(rule: &dyn Rule, text: &str) -> Vec<Finding> {
        findings_with(rule, text, &Profile::default())
    }

    /// Runs `rule` alone under `profile`, at the rule's default severity.
    pub fn findings_with(rule: &dyn Rule, text: &str, profile: &Profile) -> Vec<Finding> {
        let cx = Context::with_words(text, profile, word_lists());
        collect(text, rule.meta(), profile, |sink| rule.check(&cx, sink))
    }

    /// The findings `check` writes for a rule with `meta`, checked for sound spans.
    fn collect(
        text: &str,
        meta: &'static Meta,
        profile: &Profile,
        check: impl FnOnce(&mut Sink),
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        check(&mut Sink::new(
            meta,
            meta.severity,
            false,
            profile.group_threshold,
            &mut out,
        ));
        for f in &out {
            assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
            assert!(f.span.start <= f.span.end && f.span.end <= text.len());
        }
        out
    }

    /// The span texts only.
    pub fn spans(rule: &dyn Rule, text: &str) -> Vec<String> {
        run(rule, text).into_iter().map(|(s, _)| s).collect()
    }

    /// The same helpers for a [`FigureRule`], given the text's figure list.
    pub mod figures {
        use super::*;

        /// Runs `rule` alone under `profile`, at the rule's default severity.
        pub fn findings_with(rule: &dyn FigureRule, text: &str, profile: &Profile) -> Vec<Finding> {
            let cx = Context::with_words(text, profile, word_lists());
            let figures = crate::figures::extract(&cx.doc);
            let fx = WithFigures {
                cx: &cx,
                figures: &figures,
            };
            collect(text, rule.meta(), profile, |sink| rule.check(&fx, sink))
        }

        /// Runs `rule` alone under the default profile.
        pub fn findings(rule: &dyn FigureRule, text: &str) -> Vec<Finding> {
            findings_with(rule, text, &Profile::default())
        }

        /// (span text, suggestion) pairs.
        pub fn run(rule: &dyn FigureRule, text: &str) -> Vec<(String, Option<String>)> {
            pairs(text, findings(rule, text))
        }

        /// The span texts only.
        pub fn spans(rule: &dyn FigureRule, text: &str) -> Vec<String> {
            run(rule, text).into_iter().map(|(s, _)| s).collect()
        }
    }

    /// (span text, suggestion) of each finding.
    fn pairs(text: &str, found: Vec<Finding>) -> Vec<(String, Option<String>)> {
        found
            .into_iter()
            .map(|f| {
                (
                    text[f.span.start..f.span.end].to_string(),
                    f.suggestion.map(Cow::into_owned),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod word_tests {
    use super::*;
    use crate::profile::Profile;
    use crate::rules::test_util::fixture_texts;

    /// Every word of every list is four bytes or longer (two chars), so
    /// the one search with skips finds it.
    #[test]
    fn lists_are_searched_with_skips() {
        assert!(word_lists().len() >= 7);
        for list in word_lists() {
            assert!(!list.words().is_empty());
            for w in list.words() {
                assert!(w.len() >= crate::words::literals::MIN_LEN, "{w}");
            }
        }
    }

    /// The one search gives every list what a search of its own gives.
    #[test]
    fn each_list_sees_what_its_own_search_would() {
        let mut texts = fixture_texts();
        texts.push("分别分别为工作的的落实加强加强，布署到位，做的不够好；进一步进一步，重点在于通过多次通过。如火如茶，印发了份文件，未超过人。锟斤拷锟斤拷烫烫烫烫".into());
        let profile = Profile::default();
        for text in &texts {
            let cx = Context::with_words(text, &profile, word_lists());
            assert_eq!(cx.word_hits, crate::words::hits_alone(text, word_lists()));
        }
    }

    /// Every rule run over the fixtures by the check finds its words in
    /// the one search: none uses a list it does not declare (which would
    /// be searched again, alone).
    #[test]
    fn every_list_a_rule_uses_is_declared() {
        let profile = Profile::default();
        crate::words::ALONE.with(|n| n.set(0));
        for text in fixture_texts() {
            crate::check(&text, &profile);
        }
        assert_eq!(crate::words::ALONE.with(std::cell::Cell::get), 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::format::line_start_punct::LineStartPunct;
    use crate::rules::test_util::findings;

    /// Past `MOST` findings of one rule, the rest are places of one finding.
    #[test]
    fn findings_past_most_become_one() {
        let extra = 300;
        let text = "甲\n，乙".repeat(MOST + extra);
        let all = findings(&LineStartPunct, &text);
        assert_eq!(all.len(), MOST + 1);
        assert!(all[..MOST].iter().all(|f| f.occurrences.is_empty()));
        let last = &all[MOST];
        assert_eq!(last.occurrences.len(), extra);
        assert_eq!(last.span, last.occurrences[0].span);
        assert!(last.span.start > all[MOST - 1].span.start);
        assert!(last.message.contains("过多"), "{}", last.message);
        // Up to `MOST`, one finding each.
        let text = "甲\n，乙".repeat(MOST);
        assert!(findings(&LineStartPunct, &text)
            .iter()
            .all(|f| f.occurrences.is_empty()));
    }

    /// The finding that takes the places past `MOST` lists the first
    /// `MOST_PLACES` of them and counts the rest, and says so.
    #[test]
    fn places_past_most_places_are_counted() {
        let extra = MOST_PLACES + 5;
        let text = "甲\n，乙".repeat(MOST + extra);
        let all = findings(&LineStartPunct, &text);
        assert_eq!(all.len(), MOST + 1);
        let last = &all[MOST];
        assert_eq!(last.occurrences.len(), MOST_PLACES);
        assert_eq!(last.unlisted, 5);
        assert_eq!(last.places(), extra);
        assert!(last.occurrences.windows(2).all(|w| w[0].span < w[1].span));
        assert!(
            last.message
                .ends_with(&format!("（只标出了前 {MOST_PLACES} 处）")),
            "{}",
            last.message
        );
        assert_eq!(last.message.matches("只标出").count(), 1);
    }

    /// A grouped finding of more than `MOST_PLACES` places lists the first
    /// ones (whatever the group threshold); fewer are all listed.
    #[test]
    fn grouped_places_are_capped() {
        let meta = registry().next().expect("a rule").meta();
        let place = |k: usize| Occurrence {
            span: Span::new(k, k + 1),
            suggestion: None,
        };
        for (n, threshold) in [
            (MOST_PLACES + 7, 10),
            (MOST_PLACES + 7, 1_000_000),
            (MOST_PLACES, 10),
        ] {
            let mut out = Vec::new();
            let mut sink = Sink::new(meta, Severity::Error, false, threshold, &mut out);
            let mut places = Places::default();
            // In reverse: the first ones in the text are kept, not the first pushed.
            for k in (0..n).rev() {
                places.push(place(k));
            }
            sink.emit_places(places, |_| "一处".into(), |n| format!("共 {n} 处"));
            let grouped: Vec<&Finding> = out.iter().filter(|f| !f.occurrences.is_empty()).collect();
            assert_eq!(grouped.len(), 1, "{n} {threshold}");
            let f = grouped[0];
            assert_eq!(f.places(), n);
            assert_eq!(f.occurrences.len(), n.min(MOST_PLACES));
            assert!(f.message.starts_with(&format!("共 {n} 处")));
            assert_eq!(
                f.message.contains("只标出"),
                n > MOST_PLACES,
                "{}",
                f.message
            );
            for (k, o) in f.occurrences.iter().enumerate() {
                assert_eq!(o.span, place(k).span);
            }
            // The same through a plain list.
            let mut out = Vec::new();
            let mut sink = Sink::new(meta, Severity::Error, false, 10, &mut out);
            sink.emit_grouped(
                (0..n).map(place).collect(),
                |_| "一处".into(),
                |n| format!("共 {n} 处"),
            );
            assert_eq!(out.len(), 1);
            assert_eq!(
                (out[0].places(), out[0].occurrences.len()),
                (n, n.min(MOST_PLACES))
            );
        }
    }
}
