//! report-check against a peer: the `autocorrect` crate's `lint_for(text,
//! "text")` on the same texts, in the same run, as a ratio.
//!
//! autocorrect does less than we do (spacing and punctuation between CJK and
//! Latin text, no structure, figures or document numbers), so the ratio is a
//! floor on how much cheaper our checks are, not a like-for-like contest.
//!
//! Texts: every sample in `../shared/domain/samples` (says so when absent)
//! and a 20 KB report made here. Prints the median of repeated runs.

use std::fs;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use report_check::{check, Profile};

fn median(mut f: impl FnMut(), budget: Duration, min_runs: usize) -> Duration {
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < min_runs || (start.elapsed() < budget && times.len() < 1000) {
        let t = Instant::now();
        f();
        times.push(t.elapsed());
    }
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let mut texts: Vec<(String, String)> = Vec::new();
    // `REPORT_CHECK_SAMPLES` names the folder for a checkout elsewhere (a worktree).
    let dir = std::env::var_os("REPORT_CHECK_SAMPLES").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/domain/samples"),
        std::path::PathBuf::from,
    );
    match fs::read_dir(&dir) {
        Ok(entries) => {
            let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for p in paths {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("?");
                let name = name.split('_').next().unwrap_or(name).to_string();
                texts.push((name, fs::read_to_string(&p).expect("UTF-8 sample")));
            }
        }
        Err(_) => println!(
            "SAMPLES ABSENT: {} not found; only the made-up report",
            dir.display()
        ),
    }
    texts.push(("20KB-made-up".to_string(), made_up_report(20_000)));

    let profile = Profile::default();
    black_box(check("预热", &profile));
    black_box(autocorrect::lint_for("预热", "text"));

    println!(
        "{:<14} {:>9} {:>11} {:>9} {:>13} {:>9} {:>8}",
        "text", "bytes", "ours", "MB/s", "autocorrect", "MB/s", "ratio"
    );
    // The budget (issue 14) is on the samples; the made-up report is printed beside them.
    let mut worst = f64::INFINITY;
    let mut made_up = None;
    for (name, text) in &texts {
        let budget = Duration::from_millis(1500);
        let ours = median(
            || drop(black_box(check(black_box(text), &profile))),
            budget,
            20,
        );
        let theirs = median(
            || drop(black_box(autocorrect::lint_for(black_box(text), "text"))),
            budget,
            5,
        );
        let mbps = |d: Duration| text.len() as f64 / 1e6 / d.as_secs_f64();
        let ratio = theirs.as_secs_f64() / ours.as_secs_f64();
        if name == "20KB-made-up" {
            made_up = Some(ratio);
        } else {
            worst = worst.min(ratio);
        }
        println!(
            "{name:<14} {:>9} {:>11.3?} {:>9.1} {:>13.3?} {:>9.1} {:>7.1}×",
            text.len(),
            ours,
            mbps(ours),
            theirs,
            mbps(theirs),
            ratio
        );
    }
    let made_up = made_up.map_or(String::new(), |r| format!("; the made-up report: {r:.1}×"));
    if worst.is_finite() {
        let verdict = if worst >= 8.0 { "met" } else { "NOT met" };
        println!("slowest ratio: we are {worst:.1}× faster than autocorrect on the samples (budget ≥ 8× on every sample: {verdict}){made_up}");
    } else {
        println!("slowest ratio: no samples, so no verdict{made_up}");
    }
}

/// A report in the genre, about `bytes` long, with the usual problems
/// (the same text as `benches/check.rs` and `scripts/bench-browser.mjs` use).
fn made_up_report(bytes: usize) -> String {
    let mut s = String::from(
        "某县教育局履行教育职责自评报告\n根据《关于开展履行教育职责评价工作的通知》要求，现将自评情况报告如下。",
    );
    let mut i = 0;
    while s.len() < bytes {
        i += 1;
        s.push_str(&format!(
            "\n（{i}）全县持续推进义务教育优质均衡发展，新增学位{}个，教师培训覆盖率达到{}%,计划于20xx年完成（县政办[2023]{i}号）。",
            1000 + i,
            90 + i % 10
        ));
    }
    s
}
