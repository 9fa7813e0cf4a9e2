//! Native benchmark: full check of each sample in `../shared/domain/samples`
//! (says so and exits when absent). Run with `cargo bench`.
//!
//! Prints the median of repeated runs and the throughput in MB/s.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use report_check::{check, Profile};

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/domain/samples");
    let Ok(entries) = fs::read_dir(&dir) else {
        println!(
            "SAMPLES ABSENT: {} not found; nothing to benchmark",
            dir.display()
        );
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let profile = Profile::default();

    let first = Instant::now();
    check("预热", &profile);
    println!("first check (builds lazy tables): {:?}", first.elapsed());

    println!(
        "{:<28} {:>9} {:>10} {:>9} {:>9}",
        "sample", "bytes", "median", "MB/s", "findings"
    );
    for path in paths {
        let text = fs::read_to_string(&path).expect("UTF-8 sample");
        let runs = 50;
        let mut times = Vec::with_capacity(runs);
        let mut findings = 0;
        for _ in 0..runs {
            let t = Instant::now();
            findings = std::hint::black_box(check(&text, &profile)).findings.len();
            times.push(t.elapsed());
        }
        let m = median(times);
        let mbps = text.len() as f64 / 1e6 / m.as_secs_f64();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        println!(
            "{name:<28} {:>9} {:>10.3?} {mbps:>9.1} {findings:>9}",
            text.len(),
            m
        );
    }
}
