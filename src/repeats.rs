//! Words written twice (ABCABC, ABCDABCD) in running Han text: a
//! char-level answer ([`repeats`]) over a byte-level search, which reads the
//! text four bytes at a time and decodes only the Han runs around a hit.
//! Its readable definition, every Han run read char by char
//! ([`repeats_in_run`] from each run's start), is the test oracle.

use crate::text::is_han;

/// ABCABC / ABCDABCD in running Han text: (start, end) of the second copy
/// and the repeated unit, in order. A unit of one char four times over
/// (`AAAA`) or `ABAB` is no repeat, and a run's search starts afresh after
/// each repeat found.
///
/// Such a repeat is a run of bytes equal to those 9 to 16 bytes before
/// (three or four characters of three or four bytes each), at least 9 long.
/// So the text is read four bytes at a time, each word compared with the
/// bytes 9 and 12 back (and 10, 11, 13 to 16 back once a four-byte character has been
/// seen: a repeated unit holding one shows it first in its first copy);
/// only the Han runs around a hit are read character by character, each
/// once, from their start (where the search for repeats starts afresh).
pub fn repeats(text: &str) -> Vec<(usize, usize, String)> {
    repeats_by(text, true)
}

/// [`repeats`], two words at a time where it can (`fast`) or always
/// one word at a time (the reference it is tested against).
fn repeats_by(text: &str, fast: bool) -> Vec<(usize, usize, String)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut covered = 0; // bytes before this are read
                         // On a hit at byte j: the Han run holding it, from its start, unless read.
    let mut read_at = |j: usize| {
        if j < covered {
            return;
        }
        // The char holding byte j, then back to the start of its Han run.
        let mut at = j;
        while at > covered && !text.is_char_boundary(at) {
            at -= 1;
        }
        while at > covered {
            match crate::text::char_before(text, at) {
                Some(c) if is_han(c) => at -= c.len_utf8(),
                _ => break,
            }
        }
        covered = repeats_in_run(text, at, &mut out);
    };
    let words = b.len() / 4;
    let astral = scan_words(b, 0, words.min(4), false, &mut read_at);
    let mut k = words.min(4);
    // Then two words at a time (the same test: each word against the bytes
    // 9 and 12 back) until a four-byte character shows.
    while fast && !astral && k + 2 <= words {
        let j = 4 * k;
        // The 20 bytes from 12 back to the end of the two words.
        let Some(Ok(w)) = b.get(j - 12..j + 8).map(<&[u8; 20]>::try_from) else {
            break;
        };
        let long = |i: usize| u64::from_le_bytes(w[i..i + 8].try_into().unwrap_or_default());
        let here = long(12);
        if here & (here << 1) & (here << 2) & (here << 3) & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        let (x9, x12) = (here ^ long(3), here ^ long(0));
        if x9 as u32 == 0 || x12 as u32 == 0 {
            read_at(j);
        }
        if x9 >> 32 == 0 || x12 >> 32 == 0 {
            read_at(j + 4);
        }
        k += 2;
    }
    scan_words(b, k, words, astral, &mut read_at);
    out
}

/// The test of [`repeats`] on the 4-byte words `from..to` (word `k` is
/// bytes `4k..4k + 4`), given whether a four-byte character was seen
/// before; calls `hit` with the offset of each word that hits. Returns
/// whether a four-byte character was seen.
fn scan_words(
    b: &[u8],
    from: usize,
    to: usize,
    mut astral: bool,
    hit: &mut impl FnMut(usize),
) -> bool {
    let word = |k: usize| {
        b.get(4 * k..4 * k + 4)
            .map_or(0, |c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
    };
    let back = |n: usize| from.checked_sub(n).map_or(0, word);
    // The 4-byte words 4, 8, 12 and 16 bytes back.
    let (mut p1, mut p2, mut p3, mut p4) = (back(1), back(2), back(3), back(4));
    // The 4 bytes starting 4 - r bytes into `far`, then `near`'s first ones.
    let join = |far: u32, near: u32, r: u32| far >> (32 - 8 * r) | near << (8 * r);
    for k in from..to {
        let here = word(k);
        // A byte 0xF0 or above: the lead of a four-byte character.
        astral |= here & (here << 1) & (here << 2) & (here << 3) & 0x8080_8080 != 0;
        let hits = here == join(p3, p2, 1) // 9 back
            || here == p3 // 12 back
            || (astral
                && (here == join(p3, p2, 2)
                    || here == join(p3, p2, 3)
                    || here == join(p4, p3, 1)
                    || here == join(p4, p3, 2)
                    || here == join(p4, p3, 3)
                    || here == p4));
        (p4, p3, p2, p1) = (p3, p2, p1, here);
        if hits {
            hit(4 * k);
        }
    }
    astral
}

/// Reads the Han run starting at `from` with a ring of its last eight
/// characters; returns where it ends.
fn repeats_in_run(text: &str, from: usize, out: &mut Vec<(usize, usize, String)>) -> usize {
    let mut ring = [(0usize, '\0'); 8];
    let mut len = 0usize; // Han characters since the run's start or the last repeat
    for (i, c) in text[from..].char_indices() {
        let i = from + i;
        if !is_han(c) {
            return i;
        }
        ring[len % 8] = (i, c);
        len += 1;
        let at = |k: usize| ring[(len - 1 - k) % 8]; // k-th character back
        for n in [4usize, 3] {
            if len < 2 * n || !(0..n).all(|k| at(k).1 == at(k + n).1) {
                continue;
            }
            let unit: Vec<char> = (0..n).rev().map(|k| at(k).1).collect();
            let trivial = unit.iter().all(|&u| u == unit[0])
                || (n == 4 && unit[0] == unit[2] && unit[1] == unit[3]);
            if !trivial {
                out.push((at(n - 1).0, i + c.len_utf8(), unit.iter().collect()));
                len = 0;
                break;
            }
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pieces of text in the genre the repeat tests build their texts from.
    const PIECES: [&str; 12] = [
        "教育",
        "教育发展",
        "发展",
        "，",
        "a",
        "1",
        "\n",
        "𠀀",
        "𠀀𠀁𠀂",
        "质量",
        "的",
        "学校",
    ];

    /// Two words at a time finds what one word at a time finds.
    #[test]
    fn long_repeats_fast_as_slow() {
        let mut found = 0;
        for text in crate::test_texts::pieced_texts(&PIECES, 400, 60, 7) {
            let fast = repeats_by(&text, true);
            assert_eq!(fast, repeats_by(&text, false), "{text:?}");
            found += fast.len();
        }
        assert!(found > 20, "{found}");
    }

    /// The readable definition: every Han run read char by char from its start.
    fn by_runs(text: &str) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        let mut at = 0;
        while at < text.len() {
            match text[at..].chars().next() {
                Some(c) if is_han(c) => at = repeats_in_run(text, at, &mut out),
                Some(c) => at += c.len_utf8(),
                None => break,
            }
        }
        out
    }

    #[test]
    fn repeats_as_every_run_read_char_by_char() {
        let mut pieces = PIECES.to_vec();
        pieces.extend(["䷀", "é", "进一步", "进一步进一步", "\r\n"]);
        let mut found = 0;
        for text in crate::test_texts::pieced_texts(&pieces, 600, 60, 11) {
            let want = by_runs(&text);
            assert_eq!(repeats(&text), want, "{text:?}");
            found += want.len();
        }
        assert!(found > 50, "{found}");
        assert_eq!(
            repeats("要进一步进一步加强"),
            [(12, 21, "进一步".to_string())]
        );
    }
}

#[cfg(test)]
mod review {
    use super::*;

    #[test]
    fn repeats_fast_as_slow_on_odd_texts() {
        let mut texts = crate::text::review::odd_texts(1500, 80);
        for t in crate::text::review::odd_texts(300, 12) {
            // Repeats of odd pieces, ending at the text's end.
            texts.push(format!("教育发展{t}{t}{t}"));
        }
        for t in &texts {
            assert_eq!(repeats_by(t, true), repeats_by(t, false), "{t:?}");
        }
    }
}
