//! The `mdmodels` command line, through the real binary: exit codes, what it
//! writes and leaves alone, diffs and errors.

mod common;

use std::fs;
use std::time::{Duration, SystemTime};

use common::{mdmodels, root, snapshot_dir};
use predicates::prelude::*;

fn seeds() -> std::path::PathBuf {
    root().join("docs-input")
}

#[test]
fn generate_writes_a_crate_and_a_second_run_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    mdmodels()
        .arg("generate")
        .arg(seeds())
        .arg("--out")
        .arg(out.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("5 models, 20 opaque names without a page"))
        .stderr(predicate::str::contains("27 files written, 0 unchanged"));
    assert!(out.path().join("src/social_expression.rs").is_file());
    let lib = fs::read_to_string(out.path().join("src/lib.rs")).unwrap();
    assert!(lib.contains("pub use social_expression::SocialExpression;"));

    // Age every file, then run again: nothing is rewritten.
    let old = filetime::FileTime::from_system_time(SystemTime::now() - Duration::from_secs(3600));
    for file in snapshot_dir(out.path()).keys() {
        filetime::set_file_mtime(out.path().join(file), old).unwrap();
    }
    mdmodels()
        .arg("generate")
        .arg(seeds())
        .arg("--out")
        .arg(out.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("0 files written, 27 unchanged, 0 removed"));
    for file in snapshot_dir(out.path()).keys() {
        let mtime = filetime::FileTime::from_last_modification_time(&fs::metadata(out.path().join(file)).unwrap());
        assert_eq!(mtime, old, "{} was rewritten", file.display());
    }
}

#[test]
fn output_is_the_same_whatever_the_input_order() {
    let mut pages: Vec<_> = fs::read_dir(seeds()).unwrap().map(|e| e.unwrap().path()).collect();
    pages.sort();
    let forward = tempfile::tempdir().unwrap();
    let backward = tempfile::tempdir().unwrap();
    mdmodels().arg("generate").args(&pages).arg("--out").arg(forward.path()).assert().success();
    pages.reverse();
    mdmodels().arg("generate").args(&pages).arg("--out").arg(backward.path()).assert().success();
    let forward = snapshot_dir(forward.path());
    assert_eq!(forward.len(), 27, "Cargo.toml, lib.rs, 25 modules");
    assert_eq!(forward, snapshot_dir(backward.path()));
    // And the same as the folder input that made the checked-in crate.
    assert_eq!(forward, snapshot_dir(&root().join("generated")));
}

#[test]
fn stale_generated_files_are_removed_and_hand_written_files_kept() {
    let out = tempfile::tempdir().unwrap();
    mdmodels().arg("generate").arg(seeds()).arg("--out").arg(out.path()).assert().success();
    fs::write(out.path().join("README.md"), "hand-written").unwrap();
    fs::write(out.path().join("src/helpers.rs"), "// mine\n").unwrap();

    // Generate from one page only: the other models' files go away.
    mdmodels()
        .arg("generate")
        .arg(seeds().join("Call.md"))
        .arg("--out")
        .arg(out.path())
        .assert()
        .success();
    assert!(out.path().join("src/call.rs").is_file());
    assert!(!out.path().join("src/participant.rs").exists());
    assert!(!out.path().join("src/callback.rs").exists());
    assert_eq!(fs::read_to_string(out.path().join("README.md")).unwrap(), "hand-written");
    assert_eq!(fs::read_to_string(out.path().join("src/helpers.rs")).unwrap(), "// mine\n");
}

#[test]
fn check_passes_when_fresh_and_fails_with_a_diff_and_the_fix_when_stale() {
    mdmodels()
        .args(["check", "docs-input", "--out", "generated"])
        .current_dir(root())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("generated is up to date"));

    let out = tempfile::tempdir().unwrap();
    mdmodels().arg("generate").arg(seeds()).arg("--out").arg(out.path()).assert().success();
    let call = out.path().join("src/call.rs");
    let edited = fs::read_to_string(&call).unwrap().replace("pub held:", "pub on_hold:");
    fs::write(&call, &edited).unwrap();
    fs::remove_file(out.path().join("src/segment.rs")).unwrap();

    mdmodels()
        .arg("check")
        .arg(seeds())
        .arg("--out")
        .arg(out.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("-    pub on_hold:"))
        .stdout(predicate::str::contains("+    pub held:"))
        .stdout(predicate::str::contains("segment.rs (generated)"))
        .stderr(predicate::str::contains("2 file(s) differ"))
        .stderr(predicate::str::contains(format!(
            "To fix it, run: mdmodels generate {} --out {}",
            seeds().display(),
            out.path().display()
        )));
    // check wrote nothing.
    assert_eq!(fs::read_to_string(&call).unwrap(), edited);
    assert!(!out.path().join("src/segment.rs").exists());
}

#[test]
fn bad_input_exits_2_with_located_errors_and_writes_nothing() {
    let input = tempfile::tempdir().unwrap();
    fs::copy(seeds().join("Call.md"), input.path().join("Call.md")).unwrap();
    fs::write(
        input.path().join("Broken.md"),
        "# Broken\n\n## Properties\n\n|Name | Type | Description | Notes|\n|--|--|--|--|\n| **ok** | str | | |\n| **bad** | dict(str | Oops | |\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("crate");
    mdmodels()
        .arg("generate")
        .arg(input.path())
        .arg("--out")
        .arg(&target)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{}:8:21: error[bad-type]", input.path().join("Broken.md").display())))
        .stderr(predicate::str::contains("8 | | **bad** | dict(str | Oops | |"))
        .stderr(predicate::str::contains(format!("\n  |{}^\n", " ".repeat(21))))
        .stderr(predicate::str::contains("nothing was written"));
    assert!(!target.exists());
}

#[test]
fn pages_that_are_not_models_are_skipped_not_fatal() {
    let input = tempfile::tempdir().unwrap();
    fs::copy(seeds().join("Call.md"), input.path().join("Call.md")).unwrap();
    fs::write(input.path().join("CallsApi.md"), "# CallsApi\n\nAll URIs are relative.\n").unwrap();
    fs::write(input.path().join("index.md"), "# Index\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    mdmodels()
        .arg("generate")
        .arg(input.path())
        .arg("--out")
        .arg(out.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("1 models"))
        .stderr(predicate::str::contains("2 pages skipped: not-a-model-page"));
}

#[test]
fn deny_warnings_turns_missing_pages_into_errors() {
    let out = tempfile::tempdir().unwrap();
    mdmodels()
        .arg("generate")
        .arg(seeds())
        .arg("--out")
        .arg(out.path().join("crate"))
        .arg("--deny-warnings")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("error[unresolved-reference]: `Segment` has no page"))
        .stderr(predicate::str::contains("20 error(s)"));
    assert!(!out.path().join("crate").exists());
}

#[test]
fn crate_name_and_version_are_settable() {
    let out = tempfile::tempdir().unwrap();
    mdmodels()
        .arg("generate")
        .arg(seeds())
        .args(["--crate-name", "genesys-models", "--crate-version", "2.1.0", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let manifest = fs::read_to_string(out.path().join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"genesys-models\"\nversion = \"2.1.0\""), "{manifest}");
}

#[test]
fn schema_prints_the_ir_as_json() {
    let output = mdmodels().arg("schema").arg(seeds().join("SocialExpression.md")).output().unwrap();
    assert!(output.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let model = &schema["models"][0];
    assert_eq!(model["name"], "SocialExpression");
    assert_eq!(model["source"]["line"], 2, "the front matter's title names the model");
    let field = model["fields"].as_array().unwrap().iter().find(|f| f["doc_name"] == "social_media_id").unwrap();
    assert_eq!(field["wire_name"], "socialMediaId");
    assert_eq!(field["rust_name"], "social_media_id");
    assert_eq!(field["type"], "string");
    assert_eq!(field["required"], false);
    assert_eq!(field["source"]["line"], 12);
    let segments = model["fields"].as_array().unwrap().iter().find(|f| f["doc_name"] == "segments").unwrap();
    // A reference says what it became: here a name without a page, emitted
    // as an opaque wrapper, by its Rust name and module.
    let opaque = serde_json::json!({"name": "Segment", "rust_name": "Segment", "module": "segment"});
    assert_eq!(segments["type"], serde_json::json!({"list": {"opaque": opaque}}));
    assert_eq!(schema["unresolved"][0]["name"], "Segment");
}

#[test]
fn help_documents_every_flag() {
    for (command, flags) in [
        ("generate", &["--out", "--crate-name", "--crate-version", "--deny-warnings", "--timings", "--format", "--language", "--wire-case"][..]),
        ("check", &["--out", "--crate-name", "--crate-version", "--deny-warnings", "--format", "--language", "--wire-case"][..]),
        ("schema", &["--deny-warnings", "--format", "--language", "--wire-case"][..]),
    ] {
        let output = mdmodels().args([command, "--help"]).output().unwrap();
        assert!(output.status.success());
        let help = String::from_utf8(output.stdout).unwrap();
        for flag in flags {
            assert!(help.contains(flag), "`mdmodels {command} --help` does not document {flag}:\n{help}");
        }
    }
}

#[test]
fn usage_errors_exit_2() {
    mdmodels().arg("generate").arg(seeds()).assert().code(2).stderr(predicate::str::contains("--out"));
    mdmodels()
        .args(["generate", "no/such/folder", "--out"])
        .arg(tempfile::tempdir().unwrap().path().join("x"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("input `no/such/folder` does not exist"));
}

#[test]
fn config_globs_choose_the_pages() {
    let config = tempfile::NamedTempFile::new().unwrap();
    fs::write(config.path(), "[input]\nexclude = [\"Call*.md\", \"Participant.md\"]\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    mdmodels()
        .arg("generate")
        .arg(seeds())
        .arg("--config")
        .arg(config.path())
        .arg("--out")
        .arg(out.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("2 models"));
    assert!(out.path().join("src/social_expression.rs").is_file());
    assert!(out.path().join("src/chat_media_participant.rs").is_file());
    assert!(!out.path().join("src/call.rs").exists());
    assert!(!out.path().join("src/callback.rs").exists());

    fs::write(config.path(), "[input]\ninclude = [\"Call.md\"]\n[wire-names]\n\"Call.recording_id\" = \"recordingID\"\n").unwrap();
    mdmodels()
        .arg("generate")
        .arg(seeds())
        .arg("--config")
        .arg(config.path())
        .arg("--out")
        .arg(out.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("1 models"));
    let call = fs::read_to_string(out.path().join("src/call.rs")).unwrap();
    assert!(call.contains("\"recordingID\""), "the override is the JSON key");

    // A selector for an excluded page matches nothing: an error naming it.
    fs::write(config.path(), "[input]\ninclude = [\"Call.md\"]\n[wire-names]\n\"Participant.user_uri\" = \"userURI\"\n").unwrap();
    mdmodels()
        .arg("check")
        .arg(seeds())
        .arg("--config")
        .arg(config.path())
        .arg("--out")
        .arg(out.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the config names `Participant.user_uri`: no model `Participant`"))
        .stderr(predicate::str::contains(":4:1"));
}

#[test]
fn schema_shows_each_input_folders_language_and_each_wire_names_source() {
    let folder = root().join("tests/snapshots/wire_swift");
    let output = mdmodels().arg("schema").arg(&folder).output().unwrap();
    assert!(output.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let input = &schema["inputs"][0];
    assert_eq!(input["language"], "swift");
    assert!(input["reason"].as_str().unwrap().contains("_PureCloudPlatformClientV2@201.0.0_"), "{input}");
    let field = &schema["models"][0]["fields"][0];
    assert_eq!((&field["doc_name"], &field["wire_name"], &field["wire_source"]), (&"_id".into(), &"id".into(), &"rule".into()));

    // Said on the command line: the language and the wire case win.
    let output = mdmodels().arg("schema").arg(&folder).args(["--language", "java", "--wire-case", "kebab-case"]).output().unwrap();
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let reason = schema["inputs"][0]["reason"].as_str().unwrap();
    assert!(reason.starts_with("configured (`language = \"java\"`); 1 page(s) whose own types say another language"), "{reason}");
    let field = &schema["models"][0]["fields"][1];
    assert_eq!((&field["wire_name"], &field["wire_source"]), (&"self-uri".into(), &"wire-case".into()));

    mdmodels()
        .arg("schema")
        .arg(&folder)
        .args(["--wire-case", "snake"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a wire case"));
    mdmodels()
        .arg("schema")
        .arg(&folder)
        .args(["--language", "cobol"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a language"));
}

/// `--max-struct-size` (and the builder's `max_struct_size`) boxes nested
/// models above the bound, and refuses a bound too small to mean anything.
#[test]
fn max_struct_size_boxes_big_nested_models_and_is_validated() {
    let pages = root().join("tests/snapshots/big_structs");
    let out = tempfile::tempdir().unwrap();
    mdmodels()
        .args(["generate", "--max-struct-size", "256", "--out"])
        .arg(out.path())
        .arg(&pages)
        .assert()
        .success()
        .stderr(predicate::str::contains("1 boxed fields"));
    let report = fs::read_to_string(out.path().join("src/report.rs")).unwrap();
    assert!(report.contains("pub summary: ::std::option::Option<::std::boxed::Box<super::Summary>>"), "{report}");
    // The default bound (4096) boxes nothing in these small pages.
    mdmodels()
        .args(["generate", "--out"])
        .arg(out.path())
        .arg(&pages)
        .assert()
        .success()
        .stderr(predicate::str::contains("0 boxed fields"));
    let empty = tempfile::tempdir().unwrap();
    mdmodels()
        .args(["generate", "--max-struct-size", "100", "--out"])
        .arg(empty.path())
        .arg(&pages)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`max-struct-size = 100` is out of range"));
    assert!(fs::read_dir(empty.path()).unwrap().next().is_none(), "nothing written");
    let failure = mdmodels::Generator::new().input(&pages).max_struct_size(100).load().unwrap_err();
    assert!(failure.to_string().contains("`max-struct-size = 100` is out of range"), "{failure}");
}

/// Derives the types cannot have: one warning, the same from the CLI and the builder.
#[test]
fn derives_that_do_not_hold_are_skipped_with_one_warning() {
    let pages = root().join("tests/snapshots/derives");
    let config = pages.join("mdmodels.toml");
    let out = tempfile::tempdir().unwrap();
    let assert = mdmodels()
        .args(["generate", "--format", "json", "--config"])
        .arg(&config)
        .arg("--out")
        .arg(out.path())
        .arg(&pages)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    let warnings: Vec<&str> = stderr.lines().filter(|line| line.contains("\"kind\":\"derive\"") && line.contains("\"severity\":\"warning\"")).collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    let loaded = mdmodels::Generator::new().input(&pages).config_file(&config).load().unwrap();
    let from_builder: Vec<&mdmodels::Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.kind == mdmodels::DiagnosticKind::Derive && d.severity == mdmodels::Severity::Warning)
        .collect();
    assert_eq!(from_builder.len(), 1);
    assert!(warnings[0].contains(&serde_json::to_string(&from_builder[0].message).unwrap()), "{}", warnings[0]);
}
