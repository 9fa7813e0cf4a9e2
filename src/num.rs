//! Decimal numbers without core's float parser.
//!
//! `str::parse::<f64>` brings core's `dec2flt` into the wasm: its code and a
//! 10 KB table of powers of five that gzip cannot shrink (about 14 KB of the
//! gzipped module). The checker only reads plain decimals (`12`, `3.25`,
//! `0.5`), so [`parse_decimal`] reads those, with the same result: the
//! nearest double, ties to even (tested against `parse` below).

/// The value of `s`, a plain decimal (`[0-9]*` and at most one `.` with a
/// digit somewhere), as `s.parse::<f64>().unwrap_or(0.0)` gives it; anything
/// else is 0.0.
pub fn parse_decimal(s: &str) -> f64 {
    // One pass: check the form, count the fraction digits `k` and the
    // significant ones, and keep the first 19 of those in `m`.
    let (mut m, mut sig, mut k) = (0u64, 0usize, 0usize);
    let (mut dot, mut any) = (false, false);
    for &c in s.as_bytes() {
        match c {
            b'0'..=b'9' => {
                any = true;
                k += usize::from(dot);
                if sig > 0 || c != b'0' {
                    sig += 1;
                    if sig <= 19 {
                        m = m * 10 + u64::from(c - b'0');
                    }
                }
            }
            b'.' if !dot => dot = true,
            _ => return 0.0,
        }
    }
    if !any {
        return 0.0;
    }
    // Fast path: the digits fit a double exactly, and so does 10^k.
    if sig <= 19 {
        if k == 0 {
            return m as f64;
        }
        if m < 1 << 53 && k <= 22 {
            return m as f64 / POW10[k];
        }
    }
    // The value is n · 10^e10: n the first MAX_DIGITS significant digits,
    // with a 1 after them when a later digit is not 0 (it only has to be
    // above the digits kept, and below the next value of them).
    let mut n = Vec::new();
    let mut kept = 0usize;
    let mut sticky = false;
    for b in s
        .bytes()
        .filter(u8::is_ascii_digit)
        .skip_while(|&b| b == b'0')
    {
        if kept < MAX_DIGITS {
            mul_add(&mut n, 10, u32::from(b - b'0'));
            kept += 1;
        } else if b != b'0' {
            sticky = true;
            break;
        }
    }
    if n.is_empty() {
        return 0.0;
    }
    let mut e10 = sig as i64 - kept as i64 - k as i64;
    if sticky {
        mul_add(&mut n, 10, 1);
        kept += 1;
        e10 -= 1;
    }
    // 10^(kept-1+e10) <= value < 10^(kept+e10): far out of range, done.
    let magnitude = kept as i64 + e10;
    if magnitude > 310 {
        return f64::INFINITY;
    }
    if magnitude < -325 {
        return 0.0;
    }
    // n / d exactly, on 32-bit limbs.
    let mut d = vec![1u32];
    for _ in 0..e10.unsigned_abs() {
        mul_add(if e10 > 0 { &mut n } else { &mut d }, 10, 0);
    }
    // q = n·2^s / d has 54 or 55 bits.
    let s = 54 + bits(&d) as i64 - bits(&n) as i64;
    if s >= 0 {
        shl(&mut n, s as usize);
    } else {
        shl(&mut d, s.unsigned_abs() as usize);
    }
    let mut q = 0u64;
    for j in (0..56).rev() {
        let mut dj = d.clone();
        shl(&mut dj, j);
        if !less(&n, &dj) {
            sub(&mut n, &dj);
            q |= 1 << j;
        }
    }
    let exact = n.iter().all(|&l| l == 0);
    // Keep 53 bits (fewer below the normal range), rounding ties to even.
    let mut drop = 64 - q.leading_zeros() as i64 - 53;
    let mut e2 = drop - s;
    if e2 < -1074 {
        drop += -1074 - e2;
        e2 = -1074;
    }
    if drop > 62 {
        return 0.0;
    }
    let mut mant = q >> drop;
    let rest = q & ((1 << drop) - 1);
    let half = 1u64 << (drop - 1);
    if rest > half || (rest == half && (!exact || mant & 1 == 1)) {
        mant += 1;
        if mant == 1 << 53 {
            mant >>= 1;
            e2 += 1;
        }
    }
    if mant < 1 << 52 {
        return f64::from_bits(mant);
    }
    let field = e2 + 52 + 1023;
    if field >= 0x7ff {
        return f64::INFINITY;
    }
    f64::from_bits((field as u64) << 52 | (mant & ((1 << 52) - 1)))
}

/// How many significant digits the exact path reads: 767 are enough to round
/// any decimal to the nearest double; after them only whether some digit is
/// not 0 matters. So a run of a million digits costs its length, not its
/// square.
const MAX_DIGITS: usize = 800;

/// 10^0 … 10^22, all exact in a double.
const POW10: [f64; 23] = {
    let mut t = [1.0; 23];
    let mut i = 1;
    while i < 23 {
        t[i] = t[i - 1] * 10.0;
        i += 1;
    }
    t
};

/// `n = n · by + add` on little-endian 32-bit limbs.
pub(crate) fn mul_add(n: &mut Vec<u32>, by: u32, add: u32) {
    let mut carry = u64::from(add);
    for l in n.iter_mut() {
        let cur = u64::from(*l) * u64::from(by) + carry;
        *l = cur as u32;
        carry = cur >> 32;
    }
    if carry != 0 {
        n.push(carry as u32);
    }
}

fn bits(n: &[u32]) -> usize {
    n.iter()
        .rposition(|&l| l != 0)
        .map_or(0, |i| 32 * i + 32 - n[i].leading_zeros() as usize)
}

fn shl(n: &mut Vec<u32>, by: usize) {
    let (limbs, b) = (by / 32, by % 32);
    if b != 0 {
        let mut carry = 0;
        for l in n.iter_mut() {
            let v = *l;
            *l = v << b | carry;
            carry = v >> (32 - b);
        }
        if carry != 0 {
            n.push(carry);
        }
    }
    n.splice(0..0, std::iter::repeat_n(0, limbs));
}

/// `a < b`.
fn less(a: &[u32], b: &[u32]) -> bool {
    let len = a.len().max(b.len());
    for i in (0..len).rev() {
        let (x, y) = (
            a.get(i).copied().unwrap_or(0),
            b.get(i).copied().unwrap_or(0),
        );
        if x != y {
            return x < y;
        }
    }
    false
}

/// `a -= b` (`b ≤ a`).
fn sub(a: &mut [u32], b: &[u32]) {
    let mut borrow = 0i64;
    for (i, l) in a.iter_mut().enumerate() {
        let v = i64::from(*l) - i64::from(b.get(i).copied().unwrap_or(0)) - borrow;
        borrow = i64::from(v < 0);
        *l = v.rem_euclid(1 << 32) as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(s: &str) {
        let want = s.parse::<f64>().unwrap_or(0.0);
        assert_eq!(parse_decimal(s).to_bits(), want.to_bits(), "{s}");
    }

    #[test]
    fn same_as_core_parse() {
        for s in [
            "",
            ".",
            "0",
            "00",
            "0.0",
            "12",
            "12.",
            ".5",
            "3.25",
            "46.27",
            "0.1",
            "0.3",
            "9007199254740992",
            "9007199254740993",
            "9007199254740995",
            "18446744073709551615",
            "18446744073709551616",
            "123456789012345678901234567890",
            "0.000001",
            "1x",
            "1.2.3",
            "１２",
        ] {
            check(s);
        }
        // Signs and exponents are not plain decimals (figures never have them).
        for s in ["-1", "+1", "1e5", "inf"] {
            assert_eq!(parse_decimal(s), 0.0);
        }
        check(&format!("1{}", "0".repeat(308)));
        check(&format!("1{}", "0".repeat(309)));
        check(&format!("17976931348623158{}", "0".repeat(292)));
        check(&format!("0.{}1", "0".repeat(320)));
        check(&format!("0.{}2470328229206232720882", "0".repeat(323)));
        check(&format!("0.{}1", "0".repeat(400)));
        // Past the digits read exactly: halfway cases decided by a far digit.
        let half = "9007199254740993";
        for tail in ["", "1", "0001", "5", "9"] {
            for zeros in [700, 799, 800, 801, 2000] {
                check(&format!("{half}{}{tail}", "0".repeat(zeros)));
                check(&format!("{half}.{}{tail}", "0".repeat(zeros)));
                check(&format!(
                    "0.{}{half}{}{tail}",
                    "0".repeat(300),
                    "0".repeat(zeros)
                ));
            }
        }
        // The smallest subnormal's halfway point, then more digits.
        let tiny = format!("0.{}24703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125", "0".repeat(323));
        for tail in ["", "0", "1", &format!("{}1", "0".repeat(900))] {
            check(&format!("{tiny}{tail}"));
        }
        // Far out of range either way, with many digits.
        check(&"9".repeat(400));
        check(&"1234567890".repeat(100));
        check(&format!("0.{}{}", "0".repeat(330), "9".repeat(900)));
        check(&format!("0.{}{}", "0".repeat(322), "9".repeat(900)));
        check(&format!("{}.{}", "1".repeat(305), "7".repeat(900)));
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut rnd = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        for _ in 0..20000 {
            let int: String = (0..rnd(30))
                .map(|_| char::from(b'0' + rnd(10) as u8))
                .collect();
            let frac: String = (0..rnd(30))
                .map(|_| char::from(b'0' + rnd(10) as u8))
                .collect();
            match rnd(4) {
                3 => check(&format!("{int}{}", "7".repeat(rnd(2000) as usize))),
                0 => check(&int),
                1 => check(&format!("{int}.{frac}")),
                _ => check(&format!("{}.{frac}", &int[..int.len().min(3)])),
            }
        }
    }

    /// A run of a million digits is read in about the time of its length.
    #[test]
    fn long_runs_are_linear() {
        let digits = "1234567890".repeat(100_000);
        assert_eq!(parse_decimal(&digits), digits.parse::<f64>().unwrap());
        let fraction = format!("0.{}", "0123456789".repeat(100_000));
        assert_eq!(parse_decimal(&fraction), fraction.parse::<f64>().unwrap());
    }
}
