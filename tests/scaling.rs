//! Scaling: adversarial repetition must cost time in proportion to the text.
//!
//! Each pattern below is one rule's trigger (or any mark, digit or heading)
//! repeated. The test checks every pattern at two sizes in one run and
//! compares: the bigger text may cost at most about [`PER_DOUBLING`] times
//! as much per doubling of the text, for the whole check and for each rule
//! on its own. Times are CPU time of the measuring thread (so other work on
//! the machine matters little), the least of a few repetitions, compared
//! only with each other: never a fixed time.
//!
//! `cargo test --release --test scaling -- --ignored --nocapture` prints
//! the table of BENCHMARKS.md (every pattern at 256 KB and 1 MB).
#![cfg(not(target_arch = "wasm32"))]

use std::time::Duration;

use report_check::rules::{self, Sink};
use report_check::{Context, Profile};

// ---------------------------------------------------------------- patterns

/// `unit` repeated to at least `bytes` bytes.
fn repeat(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()).max(1))
}

/// `open` repeated to half of `bytes`, then `close` as many times: `((((…))))`.
fn nested(open: &str, close: &str, bytes: usize) -> String {
    let n = bytes.div_ceil(open.len() + close.len()).max(1);
    let mut s = open.repeat(n);
    s.push_str(&close.repeat(n));
    s
}

type Make = Box<dyn Fn(usize) -> String + Sync>;

/// Every adversarial pattern: a name and how to make it at a given size.
fn patterns() -> Vec<(String, Make)> {
    let mut out: Vec<(String, Make)> = Vec::new();
    let mut unit = |name: String, u: String| {
        out.push((name, Box::new(move |n| repeat(&u, n))));
    };
    // Digit runs, alone and as decimals.
    unit("digits".into(), "1234567890".into());
    unit("zeros".into(), "0".into());
    unit("digits.digits".into(), "12.5".into());
    unit("dots".into(), "1.".into());
    unit("digits-lines".into(), "1234567890\n".into());
    unit("full-width-digits".into(), "１２３４５".into());
    unit("han-numerals".into(), "一二三四五六七八九十百千万亿".into());
    // Placeholders.
    for p in [
        "x", "X", "*", "×", "〇", "某", "xx%", "20xx年", "××", "x\n", "*\n", "××\n",
    ] {
        unit(format!("{p:?}"), p.into());
    }
    // Every ASCII punctuation mark: a run, between Han chars, one a line.
    for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".chars() {
        unit(format!("{c}"), c.into());
        unit(format!("甲{c}"), format!("甲{c}"));
        unit(format!("{c}\\n"), format!("{c}\n"));
    }
    // Every CJK punctuation mark and pair, the same three ways.
    for c in "，。、；：？！“”‘’（）《》〈〉【】〔〕﹝﹞［］「」『』…—～·•・－／％　".chars()
    {
        unit(format!("{c}"), c.into());
        unit(format!("甲{c}"), format!("甲{c}"));
        unit(format!("{c}\\n"), format!("{c}\n"));
    }
    // Nesting.
    for (open, close) in [
        ("(", ")"),
        ("(甲", ")"),
        ("（", "）"),
        ("（甲", "）"),
        ("《", "》"),
        ("《甲", "》"),
        ("“", "”"),
        ("〈", "〉"),
        ("【", "】"),
        ("[", "]"),
        ("（", "》"),
        ("《", "）"),
        ("“", "’"),
    ] {
        let (o, c) = (open.to_string(), close.to_string());
        out.push((
            format!("{open}…{close}"),
            Box::new(move |n| nested(&o, &c, n)),
        ));
    }
    let mut unit = |name: &str, u: &str| {
        let u = u.to_string();
        out.push((name.to_string(), Box::new(move |n| repeat(&u, n))));
    };
    // Headings and numbering.
    for h in [
        "一、\n",
        "一、甲\n",
        "一、主要工作\n",
        "（一）甲\n",
        "(一)甲\n",
        "1.甲\n",
        "1、甲\n",
        "（1）甲\n",
        "①甲\n",
        "第一章\n",
        "第一条\n",
        "一、二、三、",
        "存在问题\n",
        "下一步工作\n",
        "主要工作\n存在问题\n下一步工作\n",
    ] {
        unit(&format!("heading {h:?}"), h);
    }
    // Figures and the words around them.
    for w in [
        "其中",
        "其中甲",
        "其中1人",
        "其中甲1人，乙2人\n",
        "合计10人，其中男5人，女5人。",
        "共10所，其中3所",
        "增长10%",
        "增长10%，",
        "下降10%\n",
        "同比增长10.5个百分点",
        "分别为1、2、3",
        "分别",
        "（分值1分，自评1分）",
        "自评1分",
        "得分",
        "10分",
        "万元",
        "1万元",
        "100%",
        "占比",
        "%",
        "教育",
        "我县",
        "年",
        "2024年",
        "2024年1月1日\n",
        "〔2024〕1号",
        "[2024]1号",
        "的的",
        "的",
        "http://a.b/",
        "www.",
        "。\n\n",
    ] {
        unit(w, w);
    }
    // White space, breaks, control and invisible chars, odd scripts.
    for (name, w) in [
        ("space", " "),
        ("ideographic space", "\u{3000}"),
        ("tab", "\t"),
        ("LF", "\n"),
        ("CR", "\r"),
        ("CRLF", "\r\n"),
        ("NUL", "\0"),
        ("ESC", "\u{1b}"),
        ("zero width space", "\u{200b}"),
        ("BOM", "\u{feff}"),
        ("replacement char", "\u{fffd}"),
        ("emoji", "😀"),
        ("astral han", "𠀀"),
        ("han", "甲"),
        ("han line", "甲\n"),
        ("latin", "a"),
        ("words", "ab "),
        ("mojibake", "锟斤拷"),
        ("mojibake2", "鈥溾€"),
        ("garbled ?", "甲?乙"),
    ] {
        unit(name, w);
    }
    out
}

// ---------------------------------------------------------------- timing

/// CPU time this thread has run (`CLOCK_THREAD_CPUTIME_ID`: other work on
/// the machine waiting for the CPU does not count).
fn cpu_now() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec to write; the clock exists on every
    // platform the native tests run on (Linux, macOS).
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(rc, 0, "clock_gettime");
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// The time of the context and of each rule on `text` (in registry order).
fn stage_costs(text: &str, profile: &Profile) -> Vec<(&'static str, Duration)> {
    let mut out = Vec::new();
    let t = cpu_now();
    let cx = Context::with_words(text, profile, rules::word_lists());
    let figures = report_check::figures::extract(&cx.doc);
    out.push(("context", cpu_now() - t));
    let fx = rules::WithFigures {
        cx: &cx,
        figures: &figures,
    };
    for rule in rules::registry() {
        let meta = rule.meta();
        let mut found = Vec::new();
        let mut sink = Sink::new(
            meta,
            meta.severity,
            false,
            profile.group_threshold,
            &mut found,
        );
        let t = cpu_now();
        match rule {
            rules::Registered::Plain(r) => r.check(&cx, &mut sink),
            rules::Registered::Figures(r) => r.check(&fx, &mut sink),
        }
        out.push((meta.id, cpu_now() - t));
        drop(found);
    }
    out
}

/// The least time of each stage over `reps` runs, and of the whole check
/// (the sum of its stages).
fn least_costs(
    text: &str,
    profile: &Profile,
    reps: usize,
) -> (Duration, Vec<(&'static str, Duration)>) {
    let mut stages: Vec<(&'static str, Duration)> = Vec::new();
    let mut whole = Duration::MAX;
    for _ in 0..reps {
        let s = stage_costs(text, profile);
        whole = whole.min(s.iter().map(|s| s.1).sum());
        if stages.is_empty() {
            stages = s;
        } else {
            for (a, b) in stages.iter_mut().zip(s) {
                a.1 = a.1.min(b.1);
            }
        }
    }
    (whole, stages)
}

/// At most this much more time per doubling of the text (linear is 2;
/// n log n a little more; quadratic 4).
const PER_DOUBLING: f64 = 3.0;

/// Below this, a time at the bigger size is not judged (too short to
/// measure well; a quadratic loop costs far more than this at these sizes).
const FLOOR: Duration = Duration::from_millis(2);

/// What grew too fast from `small` to `big` bytes of `make`: the whole
/// check or a stage, with its two times.
fn too_fast(
    make: &Make,
    small: usize,
    big: usize,
    reps: usize,
    profile: &Profile,
) -> Vec<(&'static str, Duration, Duration)> {
    let (a, b) = (make(small), make(big));
    let mut costs = [Vec::new(), Vec::new()];
    let mut wholes = [Duration::MAX; 2];
    // Alternate the sizes, so that a slow moment of the machine hits both.
    for _ in 0..reps {
        for (i, text) in [&a, &b].into_iter().enumerate() {
            let (w, s) = least_costs(text, profile, 1);
            wholes[i] = wholes[i].min(w);
            if costs[i].is_empty() {
                costs[i] = s;
            } else {
                for (x, y) in costs[i].iter_mut().zip(s) {
                    x.1 = x.1.min(y.1);
                }
            }
        }
    }
    let doublings = (big as f64 / small as f64).log2();
    let limit = PER_DOUBLING.powf(doublings);
    let grew =
        |t0: Duration, t1: Duration| t1 > FLOOR && t1.as_secs_f64() > limit * t0.as_secs_f64();
    let mut out = Vec::new();
    if grew(wholes[0], wholes[1]) {
        out.push(("the whole check", wholes[0], wholes[1]));
    }
    for ((id, t0), (_, t1)) in costs[0].iter().zip(&costs[1]) {
        if grew(*t0, *t1) {
            out.push((id, *t0, *t1));
        }
    }
    out
}

/// Every adversarial pattern at 16 KB and 64 KB: no stage may grow more
/// than [`PER_DOUBLING`] per doubling. A pattern over the limit is measured
/// again (more repetitions, then, if still near the limit, four times the
/// sizes) before it fails, so that a moment of load does not fail the test;
/// a quadratic loop fails each time.
#[test]
fn every_pattern_scales_linearly() {
    let profile = Profile::default();
    // SCALING_FILTER=text: only the patterns whose name contains it.
    let filter = std::env::var("SCALING_FILTER").unwrap_or_default();
    let mut patterns = patterns();
    patterns.retain(|(name, _)| name.contains(&filter));
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let failures: Vec<String> = std::thread::scope(|scope| {
        let chunks: Vec<_> = patterns
            .chunks(patterns.len().div_ceil(threads))
            .map(|chunk| {
                let profile = &profile;
                scope.spawn(move || {
                    let mut failures = Vec::new();
                    for (name, make) in chunk {
                        let kb = 1 << 10;
                        let mut over = too_fast(make, 16 * kb, 64 * kb, 1, profile);
                        if !over.is_empty() {
                            over = too_fast(make, 16 * kb, 64 * kb, 3, profile);
                        }
                        // Near the limit: measured at bigger sizes, where noise
                        // matters less. Far past it (a quadratic loop: 16x), failed
                        // at once, without spending seconds on the bigger text.
                        let near = |over: &[(&str, Duration, Duration)]| {
                            let limit = PER_DOUBLING * PER_DOUBLING;
                            over.iter()
                                .all(|o| o.2.as_secs_f64() < 1.4 * limit * o.1.as_secs_f64())
                        };
                        let mut sizes = (16, 64);
                        if !over.is_empty() && near(&over) {
                            sizes = (64, 256);
                            over = too_fast(make, sizes.0 * kb, sizes.1 * kb, 3, profile);
                        }
                        for (stage, t0, t1) in over {
                            failures.push(format!(
                                "{name}: {stage} took {:.2} ms at {} KB and {:.2} ms at {} KB",
                                ms(t0),
                                sizes.0,
                                ms(t1),
                                sizes.1
                            ));
                        }
                    }
                    failures
                })
            })
            .collect();
        chunks
            .into_iter()
            .flat_map(|h| h.join().expect("measuring thread"))
            .collect()
    });
    assert!(
        failures.is_empty(),
        "grows faster than the text (more than {PER_DOUBLING}x per doubling):\n{}",
        failures.join("\n")
    );
}

/// The patterns are what they say: each at least the size asked, made of
/// its unit (a pattern that came out empty would measure nothing).
#[test]
fn patterns_have_their_size() {
    let all = patterns();
    assert!(all.len() > 200, "{}", all.len());
    for (name, make) in &all {
        let t = make(1000);
        assert!(t.len() >= 1000 && t.len() < 1100, "{name}: {}", t.len());
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Prints every pattern's check time at 256 KB and 1 MB, and the rule
/// that takes the most at 1 MB (for BENCHMARKS.md; run in release).
#[test]
#[ignore = "prints the table of BENCHMARKS.md; run with --release -- --ignored --nocapture"]
fn table() {
    let profile = Profile::default();
    let filter = std::env::var("SCALING_FILTER").unwrap_or_default();
    let kb: usize = std::env::var("SCALING_KB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(256);
    let (small, big) = (kb << 10, kb << 12);
    println!(
        "| pattern | {} KB | {} KB | ratio | findings | slowest rule at {} KB |",
        kb,
        kb * 4,
        kb * 4
    );
    println!("|---|---|---|---|---|---|");
    for (name, make) in patterns() {
        if !name.contains(&filter) {
            continue;
        }
        let (a, _) = least_costs(&make(small), &profile, 2);
        let text = make(big);
        let (b, stages) = least_costs(&text, &profile, 2);
        let findings = report_check::check(&text, &profile).findings.len();
        let (rule, t) = stages
            .iter()
            .max_by_key(|s| s.1)
            .copied()
            .unwrap_or(("", Duration::ZERO));
        // Markdown: control chars escaped, `|` not a column.
        let name = name.escape_debug().to_string().replace('|', "\\|");
        println!(
            "| `{name}` | {:.1} ms | {:.1} ms | {:.1} | {findings} | {rule} {:.1} ms |",
            ms(a),
            ms(b),
            b.as_secs_f64() / a.as_secs_f64().max(1e-9),
            ms(t)
        );
    }
}
