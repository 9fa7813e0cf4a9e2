//! Shared by the tests that read the real sample reports in
//! `../shared/domain/samples` (next to the repository; CI has it). When the
//! folder is absent they say so plainly on stderr and check nothing else,
//! except under CI (env `CI` set), where the samples must be there and a
//! missing folder fails the test.

#![allow(dead_code)] // each test file uses part of it

use std::fs;
use std::path::{Path, PathBuf};

/// `../shared/domain/samples` next to the repository, or the folder named
/// by env `REPORT_CHECK_SAMPLES` (for a checkout elsewhere, e.g. a worktree).
pub fn samples_dir() -> PathBuf {
    match std::env::var_os("REPORT_CHECK_SAMPLES") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/domain/samples"),
    }
}

/// Every sample file, sorted, or `None` (with a plain message) when the
/// samples are not there; `what` says what is therefore not checked.
pub fn sample_paths(what: &str) -> Option<Vec<PathBuf>> {
    let dir = samples_dir();
    let Ok(entries) = fs::read_dir(&dir) else {
        absent(&dir, what);
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

/// Says that the samples are absent and what is therefore not checked;
/// under CI (env `CI` set), where they must be there, fails instead.
pub fn absent(dir: &Path, what: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "SAMPLES ABSENT under CI: {} not found; {what} cannot pass without them",
        dir.display()
    );
    eprintln!(
        "SAMPLES ABSENT: {} not found; {what} checked nothing",
        dir.display()
    );
}

/// `../shared/corpus` next to the repository (or next to the worktrees'
/// folder, for a worktree in /work/wt/NAME).
pub fn corpus_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    ["../shared/corpus", "../../shared/corpus"]
        .iter()
        .map(|p| here.join(p))
        .find(|p| p.is_dir())
        .unwrap_or_else(|| here.join("../shared/corpus"))
}

/// The 31 real .docx of `../shared/corpus/docx`, sorted; `None` (said on
/// stderr) when the folder is absent, which fails under CI.
pub fn real_docx() -> Option<Vec<PathBuf>> {
    let root = corpus_root();
    let Ok(dir) = fs::read_dir(root.join("docx")) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "{}/docx is missing: CI must have the real .docx files",
            root.display()
        );
        eprintln!(
            "DOCX CORPUS ABSENT: {}/docx not found; skipped",
            root.display()
        );
        return None;
    };
    let mut files: Vec<_> = dir
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "docx"))
        .collect();
    files.sort();
    assert!(files.len() >= 31, "{} .docx files", files.len());
    Some(files)
}
