//! Native benchmark: full check of each sample in `../shared/domain/samples`
//! (says so when absent) and of a 20 KB report made here. Run with
//! `cargo bench --bench check`, or every benchmark with `scripts/bench.sh`.
//!
//! Prints the median of repeated runs (at least 20, about a second per text),
//! the fastest run, and the throughput in MB/s; samples/000 is the headline
//! (target ≤ 3 ms, BENCHMARKS.md).

use std::fs;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use report_check::{check, stage_times, Profile};

/// The budget (BENCHMARKS.md, issue 14): samples/000 ≤ 5 ms median.
const TARGET_000: Duration = Duration::from_millis(5);

/// A report in the genre, about `bytes` long, with the usual problems
/// (the same text as `benches/peer` and `scripts/bench-browser.mjs` use).
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

fn main() {
    let mut texts: Vec<(String, String)> = Vec::new();
    // `REPORT_CHECK_SAMPLES` names the folder for a checkout elsewhere (a worktree).
    let dir = std::env::var_os("REPORT_CHECK_SAMPLES").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/domain/samples"),
        std::path::PathBuf::from,
    );
    match fs::read_dir(&dir) {
        Ok(entries) => {
            let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for path in paths {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
                let text = fs::read_to_string(&path).expect("UTF-8 sample");
                texts.push((name.to_string(), text));
            }
        }
        Err(_) => println!(
            "SAMPLES ABSENT: {} not found; only the made-up report",
            dir.display()
        ),
    }
    texts.push(("20KB-made-up".to_string(), made_up_report(20_000)));
    let profile = Profile::default();

    let first = Instant::now();
    check("预热", &profile);
    println!("first check (builds lazy tables): {:?}", first.elapsed());

    println!(
        "{:<28} {:>9} {:>10} {:>10} {:>9} {:>9}",
        "text", "bytes", "median", "fastest", "MB/s", "findings"
    );
    for (name, text) in &texts {
        let mut times = Vec::new();
        let mut findings = 0;
        let start = Instant::now();
        while times.len() < 20 || (start.elapsed() < Duration::from_secs(1) && times.len() < 2000) {
            let t = Instant::now();
            findings = black_box(check(black_box(text), &profile)).findings.len();
            times.push(t.elapsed());
        }
        times.sort();
        let m = times[times.len() / 2];
        let mbps = text.len() as f64 / 1e6 / m.as_secs_f64();
        println!(
            "{name:<28} {:>9} {:>10.3?} {:>10.3?} {mbps:>9.1} {findings:>9}",
            text.len(),
            m,
            times[0],
        );
        if name.starts_with("000") {
            let verdict = if m <= TARGET_000 { "met" } else { "NOT met" };
            println!("  samples/000 budget ≤ {TARGET_000:?}: {verdict}");
        }
    }
    // Where the time goes: the largest stages of the headline text (samples/000,
    // or the made-up report when the samples are absent; STAGES=003 names another),
    // median of 31 checks each.
    let staged = std::env::var("STAGES").unwrap_or_else(|_| "000".to_string());
    if let Some((name, text)) = texts
        .iter()
        .find(|(n, _)| n.starts_with(&staged))
        .or(texts.last())
    {
        let runs: Vec<_> = (0..31).map(|_| stage_times(text, &profile)).collect();
        let mut stages: Vec<(&str, Duration)> = runs[0]
            .iter()
            .enumerate()
            .map(|(i, (stage, _))| {
                let mut ts: Vec<Duration> = runs.iter().map(|r| r[i].1).collect();
                ts.sort();
                (*stage, ts[ts.len() / 2])
            })
            .collect();
        let total: Duration = stages.iter().map(|s| s.1).sum();
        stages.sort_by_key(|s| std::cmp::Reverse(s.1));
        println!("stages of {name} (median of 31; sum {total:.3?}):");
        for (stage, t) in stages.iter().take(15) {
            let share = t.as_secs_f64() / total.as_secs_f64() * 100.0;
            println!("  {stage:<36} {t:>10.3?} {share:>5.1} %");
        }
    }
}
