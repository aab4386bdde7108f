//! Every SDK flavor's fixture pages (`tests/snapshots/flavor_*/`) generate a
//! crate that passes clippy and rustdoc with warnings denied. Their snapshots
//! are checked in `snapshots.rs`, and their JSON round trips (enum values
//! included, known and unknown) in `snapshots_compile.rs`.

mod common;

use std::path::PathBuf;

/// The flavors with fixture pages, by folder name (`flavor_java`...).
fn flavors() -> Vec<(String, PathBuf)> {
    let dir = common::root().join("tests/snapshots");
    let mut flavors: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_string();
            name.starts_with("flavor_").then_some((name, path))
        })
        .collect();
    flavors.sort();
    flavors
}

#[test]
fn every_flavor_generates_a_crate_that_passes_clippy_and_rustdoc() {
    let flavors = flavors();
    let names: Vec<&str> = flavors.iter().map(|(name, _)| name.as_str()).collect();
    for expected in [
        "flavor_csharp",
        "flavor_go",
        "flavor_java",
        "flavor_kotlin",
        "flavor_php",
        "flavor_pydantic",
        "flavor_python",
        "flavor_ruby",
        "flavor_swift",
        "flavor_typescript",
    ] {
        assert!(names.contains(&expected), "no fixture pages for {expected}: {names:?}");
    }

    // One workspace of all the flavor crates: dependencies build once.
    let workspace = common::root().join("target/flavor-crates");
    std::fs::create_dir_all(&workspace).unwrap();
    for (name, pages) in &flavors {
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
