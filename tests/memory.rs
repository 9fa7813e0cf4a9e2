//! Memory: checking a text holds at most a few times the text, whatever it
//! is (issue 14's budget for the page: peak wasm memory ≤ 8× the text).
//!
//! A counting allocator records the most bytes allocated at once while a
//! text is checked and its report turned into the JSON the page and the
//! CLI get; that peak, above what was allocated before, is compared with
//! the text's size. Native sizes (8-byte `usize`, pointers) are the wasm
//! ones or twice them, so the budget holds in wasm with room to spare.
//! Byte counts, not times: the same in every run.
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use report_check::{check, output, Profile};

mod common;

/// Counts the bytes allocated now and the most at once since the last reset.
struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = NOW.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every call goes to the system allocator with the caller's
// arguments; the counters are only statistics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // A moving realloc holds the old block and the new one at once.
        grew(new_size);
        NOW.fetch_sub(layout.size(), Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// The most bytes held at once by `f`, above what was held before it.
fn peak_of(f: impl FnOnce()) -> usize {
    let before = NOW.load(Relaxed);
    PEAK.store(before, Relaxed);
    f();
    PEAK.load(Relaxed).saturating_sub(before)
}

/// The check of `text` and its boundary view written as JSON (to nowhere):
/// the places found.
fn check_and_write(text: &str, profile: &Profile) -> usize {
    let report = check(text, profile);
    let view = output::js_report(text, &report);
    serde_json::to_writer(std::io::sink(), &view).expect("JSON");
    report.findings.iter().map(|f| f.places()).sum()
}

/// One test for all texts: the allocator counts every thread's allocations,
/// so nothing else may run beside the measurement.
#[test]
fn peak_memory_is_a_small_multiple_of_the_text() {
    let profile = Profile::default();
    // One-time tables (word lists, patterns) are built before measuring.
    check_and_write(
        "关于《甲》的报告\n（一）概况\n20xx年，全县x所学校。",
        &profile,
    );
    let texts = [
        // Issue 17: 100,000 《 on one line (300 KB) peaked at 23.2 MiB of
        // wasm memory (81×): 40 bytes a place in a list grown by doubling.
        (
            "100,000 《 on one line",
            format!("关于{}的报告", "《".repeat(100_000)),
        ),
        ("（ on one line, 1 MB", "（".repeat(350_000)),
        ("“ on one line, 1 MB", "“".repeat(350_000)),
        ("）on one line, 1 MB", "）".repeat(350_000)),
        (
            "《 then 》, 1 MB",
            format!("{}{}", "《".repeat(175_000), "》".repeat(175_000)),
        ),
        ("x on one line, 1 MB", "x".repeat(1_000_000)),
        // Issue 17: texts of millions of short lines. 8 MB of `x\n` took
        // 41x the text (16 bytes a line for the line index, a Vec<usize>
        // and an Option<&[u32]> a line in figures/restated, 24 bytes a line
        // in structure/sections, 16 a sentence); `\n` alone 42x; `a b\n`
        // 21x; short Chinese lines with a figure each 13x (24 bytes a word
        // hit, twice).
        ("x\\n lines, 2 MB", "x\n".repeat(1_000_000)),
        (
            "\\n lines, 2 MB, then a placeholder",
            format!("{}20xx年", "\n".repeat(2_000_000)),
        ),
        ("a b\\n lines, 2 MB", "a b\n".repeat(500_000)),
        (
            "short Chinese lines with a figure, 2 MB",
            "全县共有学校12所。\n".repeat(74_000),
        ),
    ];
    let mut texts = Vec::from(texts);
    // The sample reports over and over (finding-dense real text), 4 MB.
    if let Some(paths) = common::sample_paths("the memory test on the samples") {
        let samples: String = (paths.iter())
            .map(|p| std::fs::read_to_string(p).expect("samples are UTF-8"))
            .collect();
        texts.push((
            "the samples over and over, 4 MB",
            samples.repeat(4_000_000 / samples.len().max(1) + 1),
        ));
    }
    let mut over = Vec::new();
    for (what, text) in &texts {
        let mut places = 0;
        let peak = peak_of(|| places = check_and_write(text, &profile));
        let times = peak as f64 / text.len() as f64;
        println!(
            "{what}: {} bytes, {places} places, peak {peak} bytes = {times:.2}× the text",
            text.len()
        );
        assert!(places > 0, "{what}: nothing found");
        if times > 8.0 {
            over.push(format!("{what}: {times:.2}×"));
        }
    }
    assert!(over.is_empty(), "peak memory over 8× the text: {over:?}");
}
