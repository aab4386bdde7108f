//! Helpers shared by the integration tests.

#![allow(dead_code)] // each test file uses a different subset

pub mod property;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `mdmodels` binary, built once. It belongs to the `generator` package,
/// so cargo does not hand its path to this package's tests.
pub fn mdmodels_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        let status = Command::new(cargo)
            .args(["build", "--quiet", "-p", "mdmodels", "--bin", "mdmodels"])
            .current_dir(root())
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building mdmodels failed");
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| root().join("target"));
        target.join("debug").join(format!("mdmodels{}", std::env::consts::EXE_SUFFIX))
    })
}

pub fn mdmodels() -> assert_cmd::Command {
    assert_cmd::Command::new(mdmodels_bin())
}

/// Where the real SDK docs folder is, if this machine has it.
pub fn corpus() -> Option<PathBuf> {
    let path = root().join("../shared/corpus/genesys-python-257.1.0");
    path.is_dir().then_some(path)
}

/// Every file below `dir`, relative path -> bytes.
pub fn snapshot_dir(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.insert(path.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}
