//! Snapshot tests of generated code, driven by the folders: each folder of
//! pages `tests/snapshots/<case>/` (with its `mdmodels.toml`, if any)
//! generates exactly the Rust in `tests/snapshots/<case>.rs`, and exactly the
//! warnings and notes in `tests/snapshots/<case>.diagnostics` (no such file:
//! none). Adding a case is adding its folder and running
//! `UPDATE_SNAPSHOTS=1 cargo test --test snapshots`, which rewrites the
//! expected files after an intended change (review the diff). Every `<case>.rs`
//! is compiled under `#![deny(warnings)]` by `tests/snapshot_modules/`, and
//! `tests/snapshots_compile.rs` exercises the types.

mod common;

use std::path::{Path, PathBuf};

/// Every case folder, by name.
fn cases() -> Vec<(String, PathBuf)> {
    let dir = common::root().join("tests/snapshots");
    let mut cases: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .map(|path| (path.file_name().unwrap().to_str().unwrap().to_string(), path))
        .collect();
    cases.sort();
    cases
}

/// The diagnostics of a run, a headline each, paths relative to the case folder.
fn diagnostics_text(case_dir: &Path, diagnostics: &[mdmodels::Diagnostic]) -> String {
    let prefix = format!("{}/", case_dir.display());
    diagnostics.iter().map(|d| d.headline().replace(&prefix, "") + "\n").collect()
}

/// Compares `actual` with the file at `path` (absent: empty), or rewrites the
/// file with `UPDATE_SNAPSHOTS` (removes it when `actual` is empty and
/// `remove_if_empty`). Returns the diff when they differ.
fn compare(path: &Path, actual: &str, remove_if_empty: bool) -> Option<String> {
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        if actual.is_empty() && remove_if_empty {
            let _ = std::fs::remove_file(path);
        } else {
            std::fs::write(path, actual).unwrap();
        }
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    (actual != expected).then(|| {
        let diff = similar::TextDiff::from_lines(expected.as_str(), actual).unified_diff().header("expected", "actual").to_string();
        format!("{} is out of date (UPDATE_SNAPSHOTS=1 rewrites it):\n{diff}", path.display())
    })
}

#[test]
fn every_case_generates_its_snapshot() {
    let cases = cases();
    assert!(cases.len() >= 18, "the cases are the folders of tests/snapshots: {cases:?}");
    let mut failures = Vec::new();
    for (case, case_dir) in &cases {
        let config = case_dir.join("mdmodels.toml");
        let mut generator = mdmodels::Generator::new().input(case_dir);
        if config.is_file() {
            generator = generator.config_file(config);
        }
        let loaded = generator.load().unwrap_or_else(|failure| panic!("{case}: {failure}"));
        let rust = mdmodels::emit::module_file(&loaded.schema, &loaded.options);
        let snapshots = case_dir.parent().unwrap();
        failures.extend(compare(&snapshots.join(format!("{case}.rs")), &rust, false));
        let diagnostics = diagnostics_text(case_dir, &loaded.diagnostics);
        failures.extend(compare(&snapshots.join(format!("{case}.diagnostics")), &diagnostics, true));
        // A flavor's fixture pages are what the SDK's templates write: every
        // type is understood and every reference has its page.
        if case.starts_with("flavor_") {
            let problems: Vec<String> =
                loaded.diagnostics.iter().filter(|d| d.severity != mdmodels::Severity::Note).map(|d| d.headline()).collect();
            if !problems.is_empty() {
                failures.push(format!("{case}: a flavor's pages generate without warnings:\n{}", problems.join("\n")));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every expected file belongs to a case folder: a renamed or removed case
/// leaves no stale snapshot behind.
#[test]
fn every_snapshot_file_has_its_case() {
    let dir = common::root().join("tests/snapshots");
    let cases: Vec<String> = cases().into_iter().map(|(case, _)| case).collect();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let stem = path.file_stem().unwrap().to_str().unwrap();
            assert!(cases.iter().any(|case| case == stem), "{} has no folder tests/snapshots/{stem}/", path.display());
        }
    }
}
