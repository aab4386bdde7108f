//! Times the whole `mdmodels generate` run, one cold process per run, and
//! prints median wall time and peak memory (`cargo bench -p mdmodels --bench cli`).
//!
//! Each round: a fresh output folder (everything written), the same folder
//! again (nothing changes, nothing is written), then again with one page
//! added (one model file and `lib.rs` written, the rest linked), and `diff`
//! of the input against itself with that page added. The disk is
//! synced before each run, so no run pays for the writes of the one before.

#[path = "support/corpus.rs"]
mod corpus;

use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 11;

/// Runs the CLI once; returns its wall time and peak resident memory in KiB.
// The child is reaped by `wait4` (which also reports its peak memory), not
// by `Child::wait`, which clippy cannot see.
#[allow(clippy::zombie_processes)]
fn run(args: &[&std::ffi::OsStr]) -> (Duration, u64) {
    let started = Instant::now();
    let child = Command::new(binary())
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our own child, not yet waited for.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let elapsed = started.elapsed();
    assert_eq!(pid, child.id() as libc::pid_t, "wait4 failed");
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "mdmodels failed");
    (elapsed, usage.ru_maxrss as u64)
}

/// The binary timed: this build's, or `MDMODELS_BENCH_BIN` (another build,
/// such as an older commit's, to compare in the same session).
fn binary() -> std::ffi::OsString {
    std::env::var_os("MDMODELS_BENCH_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_mdmodels").into())
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values[values.len() / 2]
}

fn report(what: &str, samples: &[(Duration, u64)]) {
    let mut walls: Vec<f64> = samples.iter().map(|(wall, _)| wall.as_secs_f64() * 1000.0).collect();
    let mut rss: Vec<f64> = samples.iter().map(|&(_, kib)| kib as f64 / 1024.0).collect();
    let (min, max) = (walls.iter().cloned().fold(f64::MAX, f64::min), walls.iter().cloned().fold(0.0, f64::max));
    println!(
        "{what:<30} median {:7.1} ms  (min {min:.1}, max {max:.1}, {} runs)   peak RSS median {:6.1} MiB",
        median(&mut walls),
        samples.len(),
        median(&mut rss)
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing
    // useful either: run only when benchmarking.
    if !std::env::args().any(|arg| arg == "--bench") {
        return;
    }
    let input = corpus::bench_input();
    println!(
        "binary: {}\ninput: {}: {} pages, {:.1} MB; machine: {} cores",
        binary().to_string_lossy(),
        input.label,
        input.pages,
        input.bytes as f64 / 1e6,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let out = tempfile::tempdir().unwrap();
    // A page added to the docs: the third run of each round regenerates
    // with it, so one model file is created, `lib.rs` changes, and every
    // other file is linked into the new output folder.
    let added = out.path().join("added");
    std::fs::create_dir(&added).unwrap();
    std::fs::write(
        added.join("BenchAdded.md"),
        "# BenchAdded\n\n## Properties\n\n|Name | Type | Description | Notes|\n|---|---|---|---|\n| **id** | str | An id. | [optional] |\n",
    )
    .unwrap();
    let mut fresh = Vec::new();
    let mut unchanged = Vec::new();
    let mut one_added = Vec::new();
    let mut diffed = Vec::new();
    for index in 0..=RUNS {
        // Folders are kept until the end: removing 6,000 files just before
        // a run would make the disk flush them during it.
        let target = out.path().join(format!("run{index}"));
        let args = [
            "generate".as_ref(),
            input.path.as_os_str(),
            "--out".as_ref(),
            target.as_os_str(),
        ];
        let mut with_added = args.to_vec();
        with_added.insert(2, added.as_os_str());
        // Each run starts with the previous runs' writes on disk.
        let synced = || {
            // SAFETY: sync(2) takes no arguments and cannot fail.
            unsafe { libc::sync() };
        };
        synced();
        let first = run(&args);
        synced();
        let second = run(&args);
        synced();
        let third = run(&with_added);
        // Both sides read, parsed and resolved: the input against itself
        // with the page added.
        let diff = [
            "diff".as_ref(),
            "--old".as_ref(),
            input.path.as_os_str(),
            "--new".as_ref(),
            input.path.as_os_str(),
            "--new".as_ref(),
            added.as_os_str(),
        ];
        let fourth = run(&diff);
        if index > 0 {
            diffed.push(fourth);
            // The first round warms the page cache and is not counted.
            fresh.push(first);
            unchanged.push(second);
            one_added.push(third);
        }
    }
    report("generate (fresh output)", &fresh);
    report("generate (nothing changed)", &unchanged);
    report("generate (one page added)", &one_added);
    report("diff (the input against itself plus one page)", &diffed);
}
