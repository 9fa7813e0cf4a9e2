//! One stable sort for the whole crate, for the size of the wasm.
//!
//! `slice::sort_by_key` is generic over both the element and the key closure,
//! so each call site compiled its own copy of the standard library's driftsort
//! (about 5 KB of wasm each): 25 copies were 130 KB of the 1.1 MB module before
//! wasm-opt (issue 14's budget). Here the standard sort runs once, on the
//! indices `0..n` with a comparator behind `&mut dyn FnMut`, and the slice is
//! then put in that order in place. The result is exactly the standard stable
//! sort's: equal elements keep their order (the sort of indices is stable, and
//! ties are left in index order). Findings, hits and headings are sorted here;
//! each sort is a small share of a check (measured in BENCHMARKS.md, size row).

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, like `slice::sort_by`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let v: &[T] = v;
        sorted_indices(v.len(), &mut |a, b| cmp(&v[a], &v[b]))
    };
    permute(order, &mut |a, b| v.swap(a, b));
}

/// Sorts `v` stably by `key`, like `slice::sort_by_key` (the key is computed
/// for each comparison, as there).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably, like `slice::sort`.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// `0..n` sorted stably by `cmp` on indices: the one instantiation of the
/// standard sort.
#[inline(never)]
fn sorted_indices(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Moves, by swaps, the element at `order[j]` to `j` for every `j`
/// (`order` is a permutation): each cycle of the permutation is followed once,
/// and a placed position is marked by `order[j] = j`.
#[inline(never)]
fn permute(mut order: Vec<usize>, swap: &mut dyn FnMut(usize, usize)) {
    for i in 0..order.len() {
        let mut j = i;
        loop {
            let k = order[j];
            order[j] = j;
            if k == i {
                break;
            }
            swap(j, k);
            j = k;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_sort() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        let mut want = v.clone();
        want.sort_by_key(|p| p.0);
        sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, want);
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn empty_and_single_stay() {
        let mut e: Vec<u8> = Vec::new();
        sort(&mut e);
        assert!(e.is_empty());
        let mut one = vec![String::from("x")];
        sort(&mut one);
        assert_eq!(one, ["x"]);
    }

    #[test]
    fn moves_owned_values_without_losing_any() {
        let mut v: Vec<String> = ["丙", "甲", "乙", "甲", ""].map(String::from).to_vec();
        sort_by(&mut v, |a, b| b.cmp(a));
        assert_eq!(v, ["甲", "甲", "乙", "丙", ""]);
    }

    /// Against the standard sort; proptest is a native-only dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    mod against_std {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn stable_and_equal_to_std(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
                let mut want = v.clone();
                want.sort_by_key(|p| p.0);
                let mut got = v.clone();
                sort_by_key(&mut got, |p| p.0);
                prop_assert_eq!(&got, &want);
                let mut want = v.clone();
                want.sort();
                let mut got = v;
                sort(&mut got);
                prop_assert_eq!(got, want);
            }
        }
    }
}
