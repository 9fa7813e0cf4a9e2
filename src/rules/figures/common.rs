//! Small readers shared by the figure rules: the verb or label right before a
//! figure, number formatting, the tolerance a written rounding allows.

use crate::figures::Figure;
use crate::num::mul_add;
use crate::text::is_han;

/// Which way a change goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Up,
    Down,
}

/// Change verbs, longest first where one is a suffix of another.
const VERBS: &[(&str, Dir)] = &[
    ("提升幅度", Dir::Up),
    ("增长幅度", Dir::Up),
    ("增长率", Dir::Up),
    ("下降幅度", Dir::Down),
    ("增幅", Dir::Up),
    ("降幅", Dir::Down),
    ("增长", Dir::Up),
    ("增加", Dir::Up),
    ("提高", Dir::Up),
    ("上升", Dir::Up),
    ("提升", Dir::Up),
    ("下降", Dir::Down),
    ("降低", Dir::Down),
    ("减少", Dir::Down),
];

/// Difference words that only make sense with two amounts (`比公务员66892元高11046元`).
const DIFF: &[(&str, Dir)] = &[("高出", Dir::Up), ("高", Dir::Up), ("低", Dir::Down)];

/// Words between a verb and its number (`增长了`, `提升幅度为`, `达到`).
const FILLERS: &[&str] = &["了", "为", "达到", "达", "是", "约"];

/// The last characters of [`FILLERS`] and of [`VERBS`]: a head that ends in
/// none of them needs no phrase comparison (checked in a test).
fn may_end_filler(c: char) -> bool {
    matches!(c, '了' | '为' | '到' | '达' | '是' | '约')
}

fn may_end_verb(c: char) -> bool {
    matches!(
        c,
        '度' | '率' | '幅' | '长' | '加' | '高' | '升' | '降' | '低' | '少'
    )
}

/// Strips fillers from the end of `head`.
fn strip_fillers(mut head: &str) -> &str {
    while head.chars().next_back().is_some_and(may_end_filler) {
        let before = head.len();
        for f in FILLERS {
            if head.as_bytes().ends_with(f.as_bytes()) {
                head = &head[..head.len() - f.len()];
            }
        }
        if head.len() == before {
            break;
        }
    }
    head
}

/// The change verb right before byte `at` (fillers allowed between), with
/// its direction and its byte range.
pub fn verb_before(text: &str, at: usize) -> Option<(Dir, usize, usize)> {
    let head = strip_fillers(text.get(..at)?);
    if !head.chars().next_back().is_some_and(may_end_verb) {
        return None;
    }
    VERBS
        .iter()
        .find(|(v, _)| head.as_bytes().ends_with(v.as_bytes()))
        .map(|&(v, d)| (d, head.len() - v.len(), head.len()))
}

/// Like [`verb_before`], also accepting `高`/`低` (a difference of two amounts).
pub fn diff_verb_before(text: &str, at: usize) -> Option<(Dir, usize, usize)> {
    verb_before(text, at).or_else(|| {
        let head = strip_fillers(text.get(..at)?);
        DIFF.iter()
            .find(|(v, _)| head.ends_with(v))
            .map(|&(v, d)| (d, head.len() - v.len(), head.len()))
    })
}

/// The run of Han characters right before byte `at`, after fillers
/// (`近视检出率为46.27%` → `近视检出率`), at most `max` chars.
pub fn label_before(text: &str, at: usize, max: usize) -> &str {
    let head = strip_fillers(text.get(..at).unwrap_or(""));
    let mut start = head.len();
    for (n, (i, c)) in head.char_indices().rev().enumerate() {
        if n >= max || !is_han(c) {
            break;
        }
        start = i;
    }
    &head[start..]
}

/// The char boundary at or after `at − n` (a bounded look-back window).
pub fn back(text: &str, at: usize, n: usize) -> usize {
    let mut s = at.saturating_sub(n);
    while s < at && !text.is_char_boundary(s) {
        s += 1;
    }
    s
}

/// The char boundary at or before `at + n` (a bounded look-ahead window).
pub fn ahead(text: &str, at: usize, n: usize) -> usize {
    let mut e = (at + n).min(text.len());
    while e > at && !text.is_char_boundary(e) {
        e -= 1;
    }
    e
}

/// A comparison marker (`比`, `较`, `同比`, `相比`) in `gap`.
pub fn has_comparison(gap: &str) -> bool {
    gap.contains('比') || gap.contains('较')
}

/// `value` with `decimals` digits, trailing zeros of a fraction kept: the
/// same text as `format!("{value:.decimals$}")` (the exact binary value,
/// ties to even), without pulling core's float printing into the wasm.
pub fn fmt(value: f64, decimals: usize) -> String {
    if value.is_nan() {
        return "NaN".into();
    }
    let mut out = String::new();
    if value.is_sign_negative() {
        out.push('-');
    }
    if value.is_infinite() {
        out.push_str("inf");
        return out;
    }
    // |value| = m · 2^e exactly.
    let bits = value.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    let (m, e) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, biased - 1075)
    };
    // n = m · 10^decimals · 2^e, rounded to an integer (ties to even), as
    // little-endian 32-bit limbs.
    let mut n = vec![m as u32, (m >> 32) as u32];
    for _ in 0..decimals {
        mul_add(&mut n, 10, 0);
    }
    if e >= 0 {
        for _ in 0..e {
            mul_add(&mut n, 2, 0);
        }
    } else {
        let k = e.unsigned_abs() as usize;
        let bit = |n: &[u32], i: usize| n.get(i / 32).is_some_and(|l| l >> (i % 32) & 1 == 1);
        let half = bit(&n, k - 1);
        let below = (0..k - 1).any(|i| bit(&n, i));
        let (limbs, shift) = (k / 32, k % 32);
        let mut q: Vec<u32> = (limbs..n.len())
            .map(|i| {
                let hi = n
                    .get(i + 1)
                    .map_or(0, |&h| (u64::from(h) << 32 >> shift) as u32);
                if shift == 0 {
                    n[i]
                } else {
                    n[i] >> shift | hi
                }
            })
            .collect();
        let odd = q.first().is_some_and(|l| l & 1 == 1);
        if half && (below || odd) {
            mul_add(&mut q, 1, 1);
        }
        n = q;
    }
    // Decimal digits of n, most significant first, at least decimals + 1 of them.
    let mut digits = Vec::new();
    while n.iter().any(|&l| l != 0) {
        let mut rem = 0u64;
        for l in n.iter_mut().rev() {
            let cur = rem << 32 | u64::from(*l);
            *l = (cur / 10) as u32;
            rem = cur % 10;
        }
        digits.push(b'0' + rem as u8);
    }
    digits.resize(digits.len().max(decimals + 1), b'0');
    for (i, &d) in digits.iter().rev().enumerate() {
        if i == digits.len() - decimals {
            out.push('.');
        }
        out.push(char::from(d));
    }
    out
}

/// The number as a person would write it: no needless trailing zeros.
pub fn plain(value: f64) -> String {
    let s = fmt(value, 5);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

/// How far a stated percentage may be from the computed one: the rounding
/// the text shows (SPEC §c.2: ±0.05 at two decimals, ±0.1 at one, and a
/// whole point for an integer percentage).
pub fn rate_tolerance(decimals: u8) -> f64 {
    match decimals {
        0 => 1.0,
        1 => 0.1,
        _ => 0.05,
    }
}

/// Whether `a` and `b` agree within the rounding their written digits show.
pub fn agree(a: f64, b: f64, figs: &[&Figure]) -> bool {
    let slack: f64 = figs.iter().map(|f| f.half_ulp()).sum::<f64>() + 1e-9;
    (a - b).abs() <= slack
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_and_labels() {
        let t = "比上年增长了17.88%";
        assert_eq!(
            verb_before(t, t.find('1').unwrap()).map(|v| v.0),
            Some(Dir::Up)
        );
        let t = "提升幅度为8.7%";
        assert_eq!(verb_before(t, t.find('8').unwrap()), Some((Dir::Up, 0, 12)));
        let t = "相比2019年下降了1.5%";
        assert_eq!(
            verb_before(t, t.find("1.5").unwrap()).map(|v| v.0),
            Some(Dir::Down)
        );
        assert_eq!(verb_before("共有", 6), None);
        let t = "比公务员66892元高11046元";
        assert_eq!(
            diff_verb_before(t, t.find("11046").unwrap()).map(|v| v.0),
            Some(Dir::Up)
        );
        let t = "全市近视检出率为46.27%";
        assert_eq!(label_before(t, t.find('4').unwrap(), 8), "全市近视检出率");
        assert_eq!(label_before(t, t.find('4').unwrap(), 3), "检出率");
    }

    #[test]
    fn end_tests_cover_the_lists() {
        for f in FILLERS {
            assert!(f.chars().next_back().is_some_and(may_end_filler), "{f}");
        }
        for (v, _) in VERBS {
            assert!(v.chars().next_back().is_some_and(may_end_verb), "{v}");
        }
    }

    #[test]
    fn formatting() {
        assert_eq!(fmt(21.7693, 2), "21.77");
        assert_eq!(plain(73298.0), "73298");
        assert_eq!(plain(0.01), "0.01");
        assert_eq!(plain(12600.000001), "12600");
        assert_eq!(plain(-0.000001), "0");
    }

    /// `fmt` prints what `format!("{:.N}")` prints, ties and extremes included.
    #[test]
    fn fmt_matches_core() {
        let mut values = vec![
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            -2.5,
            0.125,
            0.375,
            0.05,
            0.15,
            0.25,
            0.35,
            1.005,
            2.675,
            21.7693,
            99.995,
            999.9996,
            1e-7,
            -1e-7,
            5e-324,
            1e-310,
            f64::MIN_POSITIVE,
            1e15,
            1e16 + 2.0,
            1e22,
            1e23,
            1.7976931348623157e308,
            -1e300,
            123_456_789.123_457,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            4503599627370495.5,
            9007199254740993.0,
        ];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push(f64::from_bits(x));
            // Numbers as reports write them: few digits, some halfway cases.
            values
                .push((x % 10_000_000) as f64 / [1.0, 8.0, 100.0, 1000.0][(x >> 60) as usize % 4]);
        }
        for &v in &values {
            for d in [0, 1, 2, 3, 5, 8, 20] {
                assert_eq!(fmt(v, d), format!("{v:.d$}"), "{v:e} .{d}");
            }
        }
    }
}
