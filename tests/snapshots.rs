//! Snapshot tests of generated code: each folder of pages in
//! `tests/snapshots/` generates exactly the Rust in the `.rs` file beside it.
//! `UPDATE_SNAPSHOTS=1 cargo test --test snapshots` rewrites the files after
//! an intended change (review the diff); `tests/snapshots_compile.rs`
//! compiles them under `#![deny(warnings)]` and exercises the types.

mod common;

fn check_snapshot(case: &str) -> Vec<mdmodels::Diagnostic> {
    let dir = common::root().join("tests/snapshots");
    let config = dir.join(case).join("mdmodels.toml");
    let mut generator = mdmodels::Generator::new().input(dir.join(case));
    if config.is_file() {
        generator = generator.config_file(config);
    }
    let loaded = generator
        .load()
        .unwrap_or_else(|failure| panic!("{failure}"));
    let actual = mdmodels::emit::module_file(&loaded.schema, &loaded.options);
    let path = dir.join(format!("{case}.rs"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if actual != expected {
        let diff = similar::TextDiff::from_lines(&expected, &actual)
            .unified_diff()
            .header("expected", "actual")
            .to_string();
        panic!("{} is out of date (UPDATE_SNAPSHOTS=1 rewrites it):\n{diff}", path.display());
    }
    loaded.diagnostics
}

#[test]
fn page_variants() {
    let diagnostics = check_snapshot("page_variants");
    assert_eq!(diagnostics.len(), 1, "only ErrorBody has no page: {diagnostics:?}");
}

#[test]
fn names() {
    let diagnostics = check_snapshot("names");
    let collisions: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.kind == mdmodels::DiagnosticKind::NameCollision)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(collisions.len(), 1, "{collisions:?}");
}

#[test]
fn prelude_names() {
    let diagnostics = check_snapshot("prelude_names");
    let mut unresolved: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.kind == mdmodels::DiagnosticKind::UnresolvedReference)
        .map(|d| d.message.split('`').nth(1).unwrap_or_default())
        .collect();
    unresolved.sort();
    assert_eq!(unresolved, ["Err", "Ok", "Sized"], "{diagnostics:?}");
}

#[test]
fn cycles() {
    check_snapshot("cycles");
}

#[test]
fn types_and_docs() {
    check_snapshot("types_and_docs");
}

#[test]
fn config() {
    let diagnostics = check_snapshot("config");
    assert!(diagnostics.is_empty(), "LocalDateTime is mapped: {diagnostics:?}");
}

#[test]
fn time_backend() {
    let diagnostics = check_snapshot("time_backend");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn derive_mode() {
    let diagnostics = check_snapshot("derive_mode");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

/// `derive_mode`'s and `time_backend`'s pages with `serde = "lean"`.
#[test]
fn lean_mode() {
    let diagnostics = check_snapshot("lean_mode");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

/// A flavor's pages generate with no warning: every type is understood and
/// every reference has its page.
fn check_flavor(case: &str) {
    let diagnostics = check_snapshot(case);
    let problems: Vec<&mdmodels::Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity != mdmodels::Severity::Note)
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn flavor_python() {
    check_flavor("flavor_python");
}

#[test]
fn flavor_pydantic() {
    check_flavor("flavor_pydantic");
}

#[test]
fn flavor_java() {
    check_flavor("flavor_java");
}

#[test]
fn flavor_kotlin() {
    check_flavor("flavor_kotlin");
}

#[test]
fn flavor_csharp() {
    check_flavor("flavor_csharp");
}

#[test]
fn flavor_swift() {
    check_flavor("flavor_swift");
}

#[test]
fn flavor_go() {
    check_flavor("flavor_go");
}

#[test]
fn flavor_typescript() {
    check_flavor("flavor_typescript");
}

#[test]
fn flavor_ruby() {
    check_flavor("flavor_ruby");
}

#[test]
fn flavor_php() {
    check_flavor("flavor_php");
}
