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
/// so cargo does not hand its path to this package's tests. It is built as
/// `cargo test --workspace` builds it (so there it is already fresh): the
/// whole workspace's features, dev-dependencies included, which the test
/// target `freshness` makes cargo count; `cargo build -p mdmodels` would
/// resolve other features for libc, getrandom and regex and build it all
/// again. The root package's dev-dependency on mdmodels turns on
/// `fault-injection`, which `nothing_lost.rs` uses.
pub fn mdmodels_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        let status = Command::new(cargo)
            .args(["build", "--quiet", "--workspace", "--bin", "mdmodels", "--test", "freshness"])
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

/// Runs cargo on a crate the tests generated (`dir`), warnings denied
/// (`RUSTFLAGS`), with the target folder all such crates share
/// (`target/generated-crates`), so serde, serde_json and chrono are built
/// once for all of them, and with the workspace's `Cargo.lock`, so they
/// build the versions the workspace tested. Returns the output; prints how
/// long it took.
pub fn cargo_generated(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    cargo_generated_at(Priority::Normal, dir, args, env)
}

/// How a generated crate's cargo run shares the cores with other runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Priority {
    Normal,
    /// Under `nice -n 19`: a run beside a longer one that should keep its
    /// core (the whole corpus' one-crate compilation, which uses one).
    Background,
}

/// [`cargo_generated`] at a scheduling priority.
pub fn cargo_generated_at(priority: Priority, dir: &Path, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let lock = dir.join("Cargo.lock");
    if !lock.exists() {
        std::fs::copy(root().join("Cargo.lock"), &lock).unwrap();
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let started = std::time::Instant::now();
    let mut command = match priority {
        Priority::Normal => Command::new(cargo),
        Priority::Background => {
            let mut nice = Command::new("nice");
            nice.args(["-n", "19"]).arg(cargo);
            nice
        }
    };
    let output = command
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", root().join("target/generated-crates"))
        .env("RUSTFLAGS", "-D warnings")
        // `.ci/run` lints the workspace through clippy-driver while the
        // tests build it; a generated crate is linted where a test asks.
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        // serde_derive (and syn under it) optimized: built once in the shared
        // target folder, it expands the derives of thousands of models (the
        // whole corpus, compiled and documented) in less time than it costs.
        .env("CARGO_PROFILE_DEV_BUILD_OVERRIDE_OPT_LEVEL", "3")
        // No debug info: nothing here is debugged, and every build shares
        // the dependencies the others built.
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .envs(env.iter().copied())
        .output()
        .expect("cargo runs");
    eprintln!("cargo {} in {} took {:.1?}", args.join(" "), dir.display(), started.elapsed());
    output
}

/// [`cargo_generated`], which must succeed.
pub fn cargo_generated_ok(dir: &Path, args: &[&str], env: &[(&str, &str)]) {
    cargo_generated_ok_at(Priority::Normal, dir, args, env);
}

/// [`cargo_generated_at`], which must succeed.
pub fn cargo_generated_ok_at(priority: Priority, dir: &Path, args: &[&str], env: &[(&str, &str)]) {
    let output = cargo_generated_at(priority, dir, args, env);
    assert!(
        output.status.success(),
        "cargo {} failed in {}:\n{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
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
