//! Shared by the tests that read the real sample reports in
//! `../shared/domain/samples` (next to the repository; CI has it). When the
//! folder is absent they say so plainly on stderr and check nothing else.

#![allow(dead_code)] // each test file uses part of it

use std::fs;
use std::path::{Path, PathBuf};

pub fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/domain/samples")
}

/// Every sample file, sorted, or `None` (with a plain message) when the
/// samples are not there; `what` says what is therefore not checked.
pub fn sample_paths(what: &str) -> Option<Vec<PathBuf>> {
    let dir = samples_dir();
    let Ok(entries) = fs::read_dir(&dir) else {
        eprintln!(
            "SAMPLES ABSENT: {} not found; {what} checked nothing",
            dir.display()
        );
        return None;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    Some(paths)
}

/// The sample whose file name starts with `prefix` (`"003"`), or `None`
/// (with a plain message) when the samples are not there.
pub fn sample(prefix: &str) -> Option<String> {
    let paths = sample_paths(&format!("the test on sample {prefix}"))?;
    let path = paths
        .into_iter()
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("sample {prefix}_* missing from {}", samples_dir().display()));
    Some(fs::read_to_string(path).expect("samples are UTF-8"))
}
