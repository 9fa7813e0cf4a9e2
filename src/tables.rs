//! Table files (`typos.tsv`, `de.txt` …) embedded without what only people
//! and tests read: comment lines (`# …`) and, where a table says so, whole
//! columns (e.g. the examples of `typos.tsv`, which only a test checks).
//! Done by const fns at compile time, so the files stay readable and the
//! wasm carries only the data.

/// Embeds `$raw` (an `include_bytes!`) without its comment lines and with
/// the tab-separated columns listed in `$drop` (0-based) left empty.
#[macro_export]
#[doc(hidden)]
macro_rules! compact_table {
    ($raw:expr, $drop:expr) => {{
        const RAW: &[u8] = $raw;
        const DROP: &[usize] = $drop;
        const OUT: [u8; $crate::tables::compact_len(RAW, DROP)] =
            $crate::tables::compact(RAW, DROP);
        match std::str::from_utf8(&OUT) {
            Ok(s) => s,
            Err(_) => panic!("a table file is not UTF-8"),
        }
    }};
}

/// Whether byte `i` of `raw` is kept: not in a comment line, not in a
/// dropped column (tabs and newlines are kept, so columns keep their places).
const fn kept(raw: &[u8], drop: &[usize], line_start: usize, column: usize, i: usize) -> bool {
    if raw[line_start] == b'#' {
        return false;
    }
    let c = raw[i];
    if c == b'\t' || c == b'\n' {
        return true;
    }
    let mut k = 0;
    while k < drop.len() {
        if drop[k] == column {
            return false;
        }
        k += 1;
    }
    true
}

/// Walks `raw`, calling back (through `out`) for each kept byte; returns the count.
const fn walk(raw: &[u8], drop: &[usize], out: &mut [u8]) -> usize {
    let (mut i, mut n, mut line_start, mut column) = (0, 0, 0, 0);
    while i < raw.len() {
        if kept(raw, drop, line_start, column, i) {
            if n < out.len() {
                out[n] = raw[i];
            }
            n += 1;
        }
        match raw[i] {
            b'\n' => {
                line_start = i + 1;
                column = 0;
            }
            b'\t' => column += 1,
            _ => {}
        }
        i += 1;
    }
    n
}

/// The length of [`compact`]'s result.
pub const fn compact_len(raw: &[u8], drop: &[usize]) -> usize {
    walk(raw, drop, &mut [])
}

/// `raw` without comment lines and with the columns `drop` emptied.
pub const fn compact<const N: usize>(raw: &[u8], drop: &[usize]) -> [u8; N] {
    let mut out = [0u8; N];
    walk(raw, drop, &mut out);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn drops_comments_and_columns() {
        let t: &str = crate::compact_table!(b"# note\na\tb\tc\n#x\td\n\ne\tf\n", &[1]);
        assert_eq!(t, "a\t\tc\n\ne\t\n");
        let t: &str = crate::compact_table!("x: 1 2\n# y: 3\n".as_bytes(), &[]);
        assert_eq!(t, "x: 1 2\n");
    }
}
