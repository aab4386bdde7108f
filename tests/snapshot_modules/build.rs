//! Lists every `tests/snapshots/<case>.rs` as a module `<case>` of this crate.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let snapshots = manifest_dir.join("../snapshots").canonicalize().expect("tests/snapshots exists");
    println!("cargo::rerun-if-changed={}", snapshots.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&snapshots)
        .expect("tests/snapshots is readable")
        .map(|entry| entry.expect("tests/snapshots is readable").path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "rs"))
        .collect();
    files.sort();
    let mut modules = String::new();
    for file in &files {
        let name = file.file_stem().and_then(|stem| stem.to_str()).expect("snapshot files have UTF-8 names");
        writeln!(modules, "#[path = {:?}]\npub mod {name};\n", file.display().to_string()).unwrap();
    }
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out_dir.join("modules.rs"), modules).expect("OUT_DIR is writable");
}
