//! A run that fails or is killed leaves the previous output exactly as it
//! was (content and mtimes, hand-written files included), and `check` never
//! writes. Faults are injected into the real binary through
//! `MDMODELS_FAIL_AFTER_WRITES` and `MDMODELS_ABORT_AFTER_WRITES`.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use common::{mdmodels, root};
use filetime::FileTime;

fn seeds() -> PathBuf {
    root().join("docs-input")
}

/// Every entry below `dir` (folders too): relative path -> (bytes, mtime).
fn state(dir: &Path) -> BTreeMap<PathBuf, (Option<Vec<u8>>, FileTime)> {
    let mut entries = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            let metadata = fs::symlink_metadata(&path).unwrap();
            let mtime = FileTime::from_last_modification_time(&metadata);
            let relative = path.strip_prefix(dir).unwrap().to_path_buf();
            if metadata.is_dir() {
                pending.push(path);
                entries.insert(relative, (None, mtime));
            } else {
                entries.insert(relative, (Some(fs::read(&path).unwrap()), mtime));
            }
        }
    }
    entries
}

/// The names in a folder.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// An output folder generated from the seeds, with hand-written files
/// beside the generated ones, every mtime an hour old.
fn previous_output(parent: &Path) -> PathBuf {
    let out = parent.join("crate");
    mdmodels().arg("generate").arg(seeds()).arg("--out").arg(&out).assert().success();
    fs::write(out.join("README.md"), "hand-written").unwrap();
    fs::write(out.join("src/helpers.rs"), "// mine\n").unwrap();
    fs::create_dir(out.join("notes")).unwrap();
    fs::write(out.join("notes/todo.txt"), "mine too").unwrap();
    let old = FileTime::from_system_time(SystemTime::now() - Duration::from_secs(3600));
    for relative in state(&out).keys() {
        filetime::set_file_mtime(out.join(relative), old).unwrap();
    }
    out
}

/// New input: one page, its description changed, so files are written
/// (call.rs, lib.rs) and removed (the other models).
fn changed_input(dir: &Path) -> PathBuf {
    let input = dir.join("input");
    fs::create_dir(&input).unwrap();
    let call = fs::read_to_string(seeds().join("Call.md")).unwrap();
    let edited = call.replacen("## Properties", "A new paragraph.\n\n## Properties", 1);
    assert_ne!(call, edited);
    fs::write(input.join("Call.md"), edited).unwrap();
    input
}

#[test]
fn a_failed_write_at_any_point_leaves_the_previous_output_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = previous_output(dir.path());
    let input = changed_input(dir.path());
    let before = state(&out);
    let beside = names(dir.path());

    let mut failures = 0;
    for after in 0.. {
        let output = mdmodels()
            .arg("generate")
            .arg(&input)
            .arg("--out")
            .arg(&out)
            .env("MDMODELS_FAIL_AFTER_WRITES", after.to_string())
            .output()
            .unwrap();
        if output.status.success() {
            break;
        }
        failures += 1;
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(&format!("injected failure after {after} writes")), "{stderr}");
        assert!(stderr.contains("error[io]: cannot write the output"), "{stderr}");
        assert_eq!(state(&out), before, "a failure after {after} writes changed the output");
        assert_eq!(names(dir.path()), beside, "a failure after {after} writes left a staging folder");
        assert!(after < 50, "the fault never stopped firing");
    }
    // call.rs, lib.rs (written) and the swap: three points to fail at.
    assert_eq!(failures, 3);

    // The run that got through: new content, stale models gone, the rest kept.
    let after = state(&out);
    assert_ne!(after[Path::new("src/call.rs")], before[Path::new("src/call.rs")]);
    assert!(!out.join("src/participant.rs").exists());
    for kept in ["README.md", "src/helpers.rs", "notes/todo.txt", "Cargo.toml"] {
        assert_eq!(after[Path::new(kept)], before[Path::new(kept)], "{kept} changed (content or mtime)");
    }
    assert_eq!(names(dir.path()), beside, "the old output is not left beside the new one");
}

#[cfg(unix)]
#[test]
fn a_run_killed_at_any_point_leaves_the_previous_output_as_it_was() {
    use std::os::unix::process::ExitStatusExt;

    let dir = tempfile::tempdir().unwrap();
    let out = previous_output(dir.path());
    let input = changed_input(dir.path());
    let before = state(&out);

    for after in 0..3 {
        let output = mdmodels()
            .arg("generate")
            .arg(&input)
            .arg("--out")
            .arg(&out)
            .env("MDMODELS_ABORT_AFTER_WRITES", after.to_string())
            .output()
            .unwrap();
        assert_eq!(output.status.signal(), Some(6), "SIGABRT after {after} writes: {output:?}");
        assert_eq!(state(&out), before, "a kill after {after} writes changed the output");
    }
    // The killed runs' staging folders are still beside the output...
    assert!(names(dir.path()).iter().any(|name| name.starts_with(".crate.mdmodels-")));
    // ...until the next run, which cleans them up and succeeds.
    mdmodels().arg("generate").arg(&input).arg("--out").arg(&out).assert().success();
    assert_eq!(names(dir.path()), ["crate", "input"]);
    assert_eq!(fs::read_to_string(out.join("README.md")).unwrap(), "hand-written");
}

#[test]
fn a_failing_run_on_bad_input_touches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = previous_output(dir.path());
    let input = changed_input(dir.path());
    fs::write(input.join("Bad.md"), "# Bad\n\n## Properties\n\n|Name | Type | Description | Notes|\n|--|--|--|--|\n| **x** | list[ | | |\n").unwrap();
    let before = state(&out);
    mdmodels().arg("generate").arg(&input).arg("--out").arg(&out).assert().code(2);
    assert_eq!(state(&out), before);
    assert_eq!(names(dir.path()), ["crate", "input"]);
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_folder_stays_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let real = previous_output(dir.path());
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let input = changed_input(dir.path());
    mdmodels().arg("generate").arg(&input).arg("--out").arg(&link).assert().success();
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(!real.join("src/participant.rs").exists(), "the linked folder was updated");
    assert_eq!(fs::read_to_string(real.join("README.md")).unwrap(), "hand-written");
}

#[cfg(unix)]
#[test]
fn check_writes_nothing_even_to_a_read_only_folder() {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().unwrap();
    let out = previous_output(dir.path());
    let input = changed_input(dir.path());
    let before = state(&out);
    let beside = names(dir.path());
    let set_mode = |mode: u32| {
        for path in std::iter::once(out.clone()).chain(state(&out).keys().map(|relative| out.join(relative))) {
            let mode = if path.is_dir() { mode | 0o111 } else { mode };
            fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
        }
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(mode | 0o111)).unwrap();
    };
    set_mode(0o444);
    if fs::write(out.join("probe"), "").is_ok() {
        // Root writes whatever the mode: the state comparison below is what proves it.
        let _ = fs::remove_file(out.join("probe"));
        eprintln!("note: running as root, where a read-only folder can still be written; checking that nothing changed instead");
    }
    let before_modes = state(&out);

    mdmodels().arg("check").arg(seeds()).arg("--out").arg(&out).assert().code(0);
    mdmodels()
        .arg("check")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1)
        .stdout(predicates::str::contains("A new paragraph."));
    let after = state(&out);
    set_mode(0o644);
    assert_eq!(after, before_modes);
    assert_eq!(state(&out), before);
    assert_eq!(names(dir.path()), beside);
}

#[test]
fn out_dot_from_inside_the_output_updates_it_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let out = previous_output(dir.path());
    let input = changed_input(dir.path());
    let before = state(&out);

    // A failure before the files move in still changes nothing.
    mdmodels()
        .arg("generate")
        .arg(&input)
        .args(["--out", "."])
        .current_dir(&out)
        .env("MDMODELS_FAIL_AFTER_WRITES", "2")
        .assert()
        .code(2);
    assert_eq!(state(&out), before);

    mdmodels().arg("generate").arg(&input).args(["--out", "."]).current_dir(&out).assert().success();
    let after = state(&out);
    assert_ne!(after[Path::new("src/call.rs")], before[Path::new("src/call.rs")]);
    assert!(!out.join("src/participant.rs").exists());
    for kept in ["README.md", "src/helpers.rs", "notes/todo.txt", "Cargo.toml"] {
        assert_eq!(after[Path::new(kept)], before[Path::new(kept)], "{kept} changed");
    }
    assert_eq!(names(dir.path()), ["crate", "input"], "nothing staged beside it is left");
}
