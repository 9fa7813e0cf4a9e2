//! Checks that alternate between profiles (several widgets on one page share
//! one engine, each with its own profile) give each profile's own findings:
//! what the checker builds per profile and keeps between checks (the word
//! search over its indicator and topic words) is never another profile's.

use report_check::profile::BUILTIN;
use report_check::{check, Finding, Profile};

/// The built-in profiles, then pairs of custom ones that differ from each
/// other only in their indicator words or only in their topic words (and
/// give different findings for it): more profiles than the checker keeps.
fn profiles() -> Vec<Profile> {
    let mut all: Vec<Profile> = BUILTIN
        .iter()
        .map(|b| Profile::builtin(b.id).expect("built-in profile parses"))
        .collect();
    // The demo mentions 学位 but not 三会一课.
    for word in ["学位", "三会一课"] {
        let mut p = Profile::default();
        p.indicators[0].keywords = vec![word.to_string()];
        all.push(p);
    }
    // 教育 is everywhere in a report of the genre, 校园 in neither text.
    for word in ["教育", "校园"] {
        let mut p = Profile::default();
        p.topic.as_mut().expect("the default has a topic").keywords = vec![word.to_string()];
        all.push(p);
    }
    all
}

const TEXTS: [&str; 2] = [
    include_str!("../www/demo.txt"),
    include_str!("fixtures/drafting-problems.txt"),
];

#[test]
fn alternating_profiles_give_each_its_own_findings() {
    let profiles = profiles();
    assert!(profiles.len() > 4 + 1, "more profiles than are kept");
    // Each profile alone, checked first: what it should always give.
    let alone: Vec<Vec<Vec<Finding>>> = profiles
        .iter()
        .map(|p| TEXTS.iter().map(|t| check(t, p).findings).collect())
        .collect();
    // Each pair of custom profiles finds different things: a search kept
    // for the wrong profile would show.
    let n = profiles.len();
    assert_ne!(
        alone[n - 4],
        alone[n - 3],
        "indicator words change the findings"
    );
    assert_ne!(
        alone[n - 2],
        alone[n - 1],
        "topic words change the findings"
    );
    let orders: Vec<Vec<usize>> = vec![
        (0..n).chain(0..n).collect(),
        (0..n).rev().chain(0..n).collect(),
        (0..3 * n).map(|i| (i * 7 + 3) % n).collect(),
        [0, 4, 0, 4, 1, 5, 1, 5, 6, 0, 6].to_vec(),
    ];
    for order in orders {
        for &i in &order {
            for (t, text) in TEXTS.iter().enumerate() {
                assert_eq!(
                    check(text, &profiles[i]).findings,
                    alone[i][t],
                    "profile {i}, text {t}, in order {order:?}"
                );
            }
        }
    }
}
