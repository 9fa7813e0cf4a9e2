//! A pattern (a regex, the rule's readable definition) with a literal gate:
//! words of which every match holds at least one. A text with none of them
//! cannot match and is never given to the regex engine.
//!
//! Why: regex-lite (chosen for the wasm size) has no literal prefilter; its
//! engine reads every char of the text a pattern is run over, some 150–500
//! instructions a byte, so a pattern asked of long text that cannot match
//! (a title without `任务`, a line without a tab) is most of its cost.
//! Measured on samples 002–004 (instructions per check, callgrind): the
//! gated patterns of `figures/restated` and `format/stray-space` were a
//! quarter of the check; see the commit that introduced this file.
//!
//! ```
//! use report_check::pattern::Pattern;
//! // Every match of `(?:工作|重点)任务` holds `任务`.
//! static TASK: Pattern = Pattern::new("(?:工作|重点)任务", "任务");
//! assert!(TASK.is_match("二、重点任务"));
//! assert!(!TASK.is_match("一、主要成效")); // no `任务`: the regex is not run
//! ```
//!
//! The regex stays the definition and the test oracle: in debug builds
//! (every `cargo test`, over the fixtures, samples and real prose) each
//! text the gate turns away is also given to the regex, and a match there
//! is a panic naming the pattern, so a gate that is too narrow cannot go
//! unnoticed.

use std::sync::OnceLock;

use regex::{Captures, Match, Regex};

use crate::text::Phrases;

/// A regex with a literal gate (see the module documentation). Written as
/// a `static` beside the rule's other patterns.
pub struct Pattern {
    source: Source,
    /// Every match holds at least one of these words, separated by `|`.
    needs: &'static str,
    built: OnceLock<(Regex, Phrases)>,
}

enum Source {
    Text(&'static str),
    Built(fn() -> String),
}

impl Pattern {
    /// The pattern `source`, every match of which holds at least one of
    /// the words in `needs` (separated by `|`: `"任务|安排"`).
    pub const fn new(source: &'static str, needs: &'static str) -> Pattern {
        Pattern {
            source: Source::Text(source),
            needs,
            built: OnceLock::new(),
        }
    }

    /// [`Pattern::new`] for a pattern put together on first use
    /// (`|| format!("({HAN}{{2}})率$")`).
    pub const fn built(source: fn() -> String, needs: &'static str) -> Pattern {
        Pattern {
            source: Source::Built(source),
            needs,
            built: OnceLock::new(),
        }
    }

    fn parts(&self) -> &(Regex, Phrases) {
        self.built.get_or_init(|| {
            let regex = match self.source {
                Source::Text(s) => Regex::new(s),
                Source::Built(f) => Regex::new(&f()),
            };
            let needs: Vec<&str> = self.needs.split('|').collect();
            (regex.expect("pattern"), Phrases::new(&needs))
        })
    }

    /// Whether `haystack` holds one of the gate's words (may match).
    fn admits(&self, haystack: &str) -> bool {
        let (regex, gate) = self.parts();
        let admitted = gate.is_match(haystack);
        debug_assert!(
            admitted || !regex.is_match(haystack),
            "the gate {:?} turned away a match of {} in {haystack:?}",
            self.needs,
            regex.as_str()
        );
        admitted
    }

    /// The regex itself, ungated.
    pub fn regex(&self) -> &Regex {
        &self.parts().0
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.admits(haystack) && self.regex().is_match(haystack)
    }

    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        self.admits(haystack)
            .then(|| self.regex().find(haystack))
            .flatten()
    }

    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        self.admits(haystack)
            .then(|| self.regex().captures(haystack))
            .flatten()
    }

    pub fn find_iter<'p, 'h>(&'p self, haystack: &'h str) -> impl Iterator<Item = Match<'h>> + 'p
    where
        'h: 'p,
    {
        self.admits(haystack)
            .then(|| self.regex().find_iter(haystack))
            .into_iter()
            .flatten()
    }

    pub fn captures_iter<'p, 'h>(
        &'p self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + 'p
    where
        'h: 'p,
    {
        self.admits(haystack)
            .then(|| self.regex().captures_iter(haystack))
            .into_iter()
            .flatten()
    }
}

/// Test oracle for a gated pattern: on every `texts` and every piece of
/// them (each run of chars, so gate words cut at either end are tried),
/// the pattern answers as its regex does.
#[cfg(test)]
pub(crate) fn assert_gate(pattern: &Pattern, texts: &[&str]) {
    for text in texts {
        each_piece(text, |t| {
            let regex = pattern.regex();
            assert_eq!(pattern.is_match(t), regex.is_match(t), "{t:?}");
            assert_eq!(
                pattern.find(t).map(|m| m.range()),
                regex.find(t).map(|m| m.range()),
                "{t:?}"
            );
            let ours: Vec<_> = pattern.captures_iter(t).map(|c| c[0].len()).collect();
            let theirs: Vec<_> = regex.captures_iter(t).map(|c| c[0].len()).collect();
            assert_eq!(ours, theirs, "{t:?}");
        });
    }
}

/// Calls `f` with every piece of `text` between two char boundaries (the empty ones too):
/// what a hand-written reader is compared with its regex on.
#[cfg(test)]
pub(crate) fn each_piece(text: &str, mut f: impl FnMut(&str)) {
    let bounds: Vec<usize> = (text.char_indices().map(|(i, _)| i))
        .chain([text.len()])
        .collect();
    for (k, &a) in bounds.iter().enumerate() {
        for &b in &bounds[k..] {
            f(&text[a..b]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::HAN;

    static PLAN: Pattern = Pattern::new(r"(?:工作|重点)(?:任务|安排)|下一步", "任务|安排|下一步");

    static RATE: Pattern = Pattern::built(|| format!("({HAN}{{2}})率$"), "率");

    #[test]
    fn gated_answers_are_the_regex_answers() {
        for t in [
            "",
            "二、重点任务",
            "三、下一步工作打算",
            "一、2024年工作回顾",
            "工作",
            "任务",
            "重点工作任务和工作安排",
            "（二）主要成效。全县……",
        ] {
            assert_eq!(PLAN.is_match(t), PLAN.regex().is_match(t), "{t}");
            assert_eq!(
                PLAN.find(t).map(|m| m.range()),
                PLAN.regex().find(t).map(|m| m.range()),
                "{t}"
            );
            assert_eq!(
                PLAN.captures(t).map(|c| c.get(0).map(|m| m.range())),
                PLAN.regex()
                    .captures(t)
                    .map(|c| c.get(0).map(|m| m.range())),
                "{t}"
            );
            let ours: Vec<_> = PLAN.find_iter(t).map(|m| m.range()).collect();
            let theirs: Vec<_> = PLAN.regex().find_iter(t).map(|m| m.range()).collect();
            assert_eq!(ours, theirs, "{t}");
            assert_eq!(
                PLAN.captures_iter(t).count(),
                PLAN.regex().captures_iter(t).count(),
                "{t}"
            );
        }
        assert_eq!(PLAN.find_iter("重点任务，工作安排").count(), 2);
        let stem = |t| RATE.captures(t).map(|c| c[1].to_string());
        assert_eq!(stem("小学辍学率").as_deref(), Some("辍学"));
        assert_eq!(stem("辍学率较高"), None);
        assert_eq!(stem("辍学人数"), None);
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "turned away a match")]
    fn a_gate_too_narrow_is_caught() {
        static NARROW: Pattern = Pattern::new("任务|安排", "任务");
        NARROW.is_match("工作安排");
    }
}
