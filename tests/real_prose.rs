//! The false-alarm gate: the checker over published, proofread government
//! documents (`../shared/corpus/real-prose`), where nearly every finding is
//! false. Findings are counted per rule as `../shared/tools/false-alarms`
//! counts them (the report-type rules left out; a grouped finding counts
//! once), at each profile listed in `tests/real_prose.counts`. The test
//! fails when a rule finds more than the count committed there (a rule not
//! listed has a budget of 0). Lowering a count is a one-line change in the
//! commit that lowers it.
//!
//! Without the corpus the test says so and passes, except under CI (env
//! `CI` set), where it fails. `REAL_PROSE_DIR` points it at the corpus
//! from a checkout that has no `../shared` beside it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use report_check::{check, Profile};

/// Rules that depend on the report type: a 政府工作报告 or a 通知 is not a 自评报告.
/// The same set as `../shared/tools/false-alarms`: the parts split out of
/// `structure/sections` (title, addressee, opening, signature) are counted,
/// since on a text of another type `structure/sections` says so once and
/// they stay quiet.
const GENRE: &[&str] = &[
    "structure/sections",
    "structure/indicator-coverage",
    "structure/indicator-figures",
];

/// The profiles the gate runs, each with its committed counts.
const PROFILES: &[&str] = &["self-evaluation", "annual-summary"];

/// `../shared/corpus/real-prose` beside the repository, or the folder
/// `REAL_PROSE_DIR` names (for a checkout elsewhere, e.g. a git worktree).
fn corpus_dir() -> PathBuf {
    match std::env::var_os("REAL_PROSE_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real-prose"),
    }
}

/// `profile rule count` lines; `#` starts a comment.
fn budgets() -> BTreeMap<(String, String), usize> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/real_prose.counts");
    let text = fs::read_to_string(&path).expect("tests/real_prose.counts");
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        let [profile, rule, count] = parts[..] else {
            panic!("real_prose.counts:{}: want `profile rule count`", i + 1);
        };
        assert!(
            PROFILES.contains(&profile),
            "real_prose.counts:{}: unknown profile {profile}",
            i + 1
        );
        let count = count
            .parse()
            .unwrap_or_else(|_| panic!("real_prose.counts:{}: bad count", i + 1));
        let old = out.insert((profile.to_string(), rule.to_string()), count);
        assert!(old.is_none(), "real_prose.counts:{}: listed twice", i + 1);
    }
    out
}

/// Findings per rule over every `.txt` of `dir`, and the chars read.
fn count(dir: &Path, profile: &Profile) -> (BTreeMap<String, usize>, usize) {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .expect("corpus dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .txt in {}", dir.display());
    let mut by_rule = BTreeMap::new();
    let mut chars = 0;
    for f in &files {
        let text = fs::read_to_string(f).expect("UTF-8 corpus text");
        chars += text.chars().count();
        for finding in check(&text, profile).findings {
            if !GENRE.contains(&finding.rule) {
                *by_rule.entry(finding.rule.to_string()).or_insert(0) += 1;
            }
        }
    }
    (by_rule, chars)
}

#[test]
fn real_prose_false_alarms_stay_within_committed_counts() {
    let dir = corpus_dir();
    if !dir.is_dir() {
        if std::env::var_os("CI").is_some() {
            panic!("{} is missing: CI must have ../shared", dir.display());
        }
        println!(
            "skipped: {} is missing (the gate runs where ../shared is)",
            dir.display()
        );
        return;
    }
    let budgets = budgets();
    let mut over = Vec::new();
    let mut under = Vec::new();
    for &id in PROFILES {
        let profile = Profile::builtin(id).expect("builtin profile");
        let (by_rule, chars) = count(&dir, &profile);
        let total: usize = by_rule.values().sum();
        println!(
            "{id}: {total} findings in {chars} chars = {:.2} per 5,000 chars",
            total as f64 * 5000.0 / chars.max(1) as f64
        );
        for (rule, &n) in &by_rule {
            let budget = budgets
                .get(&(id.to_string(), rule.clone()))
                .copied()
                .unwrap_or(0);
            println!("  {n:5}  {rule} (budget {budget})");
            if n > budget {
                over.push(format!("{id} {rule}: {n} findings, budget {budget}"));
            }
        }
        for ((p, rule), &budget) in &budgets {
            let n = by_rule.get(rule).copied().unwrap_or(0);
            if p == id && n < budget {
                under.push(format!("{id} {rule} {n}   (was {budget})"));
            }
        }
    }
    if !under.is_empty() {
        println!("fewer than committed; lower tests/real_prose.counts:");
        for u in &under {
            println!("  {u}");
        }
    }
    assert!(
        over.is_empty(),
        "more false alarms on published text than tests/real_prose.counts allows \
         (see the findings with ../shared/tools/false-alarms --show RULE):\n{}",
        over.join("\n")
    );
}
