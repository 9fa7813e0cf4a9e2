//! Texts for tests: the fixtures, and odd texts pieced together.

/// `count` texts of `0..max_pieces` pieces each (the `n`th text has
/// `n % max_pieces`), drawn from `pieces` by a fixed pseudo-random
/// sequence from `seed`: reproducible odd texts for equivalence tests.
pub fn pieced_texts<'p>(
    pieces: &'p [&'p str],
    count: usize,
    max_pieces: usize,
    mut seed: u64,
) -> impl Iterator<Item = String> + 'p {
    (0..count).map(move |n| {
        (0..n % max_pieces)
            .map(|_| {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                pieces[(seed >> 33) as usize % pieces.len()]
            })
            .collect()
    })
}

/// The text of every fixture in `tests/fixtures` (at least a few).
pub fn fixture_texts() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let texts: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    assert!(texts.len() >= 5, "fixtures in {dir}");
    texts
}
