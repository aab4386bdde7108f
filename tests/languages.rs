//! Every SDK language's fixture pages (`tests/snapshots/language_*/`) generate a
//! crate that passes clippy and rustdoc with warnings denied. Their snapshots
//! are checked in `snapshots.rs`, and their JSON round trips (enum values
//! included, known and unknown) in `snapshots_compile.rs`.

mod common;

use std::path::PathBuf;

/// The languages with fixture pages, by folder name (`language_java`...).
fn languages() -> Vec<(String, PathBuf)> {
    let dir = common::root().join("tests/snapshots");
    let mut languages: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_string();
            name.starts_with("language_").then_some((name, path))
        })
        .collect();
    languages.sort();
    languages
}

#[test]
fn every_language_generates_a_crate_that_passes_clippy_and_rustdoc() {
    let languages = languages();
    let names: Vec<&str> = languages.iter().map(|(name, _)| name.as_str()).collect();
    for expected in [
        "language_csharp",
        "language_go",
        "language_java",
        "language_kotlin",
        "language_php",
        "language_pydantic",
        "language_python",
        "language_ruby",
        "language_swift",
        "language_typescript",
    ] {
        assert!(names.contains(&expected), "no fixture pages for {expected}: {names:?}");
    }

    // One workspace of all the language crates: dependencies build once.
    let workspace = common::root().join("target/language-crates");
    std::fs::create_dir_all(&workspace).unwrap();
    for (name, pages) in &languages {
        let generator = mdmodels::Generator::new().input(pages).crate_name(name);
        let config = pages.join("mdmodels.toml");
        let generator = if config.is_file() { generator.config_file(config) } else { generator };
        generator
            .generate_crate(workspace.join(name))
            .unwrap_or_else(|failure| panic!("{name}: {failure}"));
    }
    let members: Vec<String> = names.iter().map(|name| format!("\"{name}\"")).collect();
    std::fs::write(
        workspace.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", ")),
    )
    .unwrap();
    common::cargo_generated_ok(&workspace, &["clippy", "--quiet", "--workspace", "--", "-D", "warnings"], &[]);
    common::cargo_generated_ok(&workspace, &["doc", "--quiet", "--workspace", "--no-deps"], &[("RUSTDOCFLAGS", "-D warnings")]);
}
