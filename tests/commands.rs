//! The commands and flags that look at a set of pages rather than generate
//! from all of it: `--root`, `diff`, `graph`, `list`, `completions`,
//! through the real binary, with exact expected output.

mod common;

use std::fs;

use common::{mdmodels, root, snapshot_dir};

fn seeds() -> std::path::PathBuf {
    root().join("docs-input")
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn root_generates_the_model_and_what_it_references_only() {
    let out = tempfile::tempdir().unwrap();
    let output = mdmodels()
        .args(["generate", "--root", "Participant", "--out"])
        .arg(out.path())
        .arg(seeds())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let mut modules: Vec<String> = snapshot_dir(&out.path().join("src"))
        .keys()
        .map(|path| path.display().to_string())
        .filter(|name| !name.starts_with("__"))
        .collect();
    modules.sort();
    assert!(modules.contains(&"participant.rs".to_string()));
    assert!(modules.contains(&"call.rs".to_string()), "Participant references Call");
    assert!(!modules.contains(&"chat_media_participant.rs".to_string()), "nothing references ChatMediaParticipant: {modules:?}");
    assert!(stderr(&output).contains("4 models, 16 opaque names without a page"), "{}", stderr(&output));

    // Two roots: the union of their closures; `check` agrees with `generate`.
    let both = tempfile::tempdir().unwrap();
    mdmodels()
        .arg("generate")
        .arg(seeds())
        .args(["--root", "Call", "--root", "ChatMediaParticipant", "--out"])
        .arg(both.path())
        .assert()
        .success();
    mdmodels()
        .arg("check")
        .arg(seeds())
        .args(["--root", "Call", "--root", "ChatMediaParticipant", "--out"])
        .arg(both.path())
        .assert()
        .success();
    let lib = fs::read_to_string(both.path().join("src/lib.rs")).unwrap();
    assert!(lib.contains("pub use call::Call;") && lib.contains("pub use chat_media_participant::ChatMediaParticipant;"));
    assert!(!lib.contains("participant::Participant;"), "{lib}");
}

#[test]
fn a_root_that_names_no_model_is_an_error_with_the_nearest_name() {
    let out = tempfile::tempdir().unwrap();
    let output = mdmodels()
        .arg("generate")
        .arg(seeds())
        .args(["--root", "Particpant", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error[config]: the root `Particpant` names no model page of the input\n \
         = help: did you mean `Participant`? a root is a model name as its page writes it (`mdmodels list` shows them)\n\n\
         mdmodels: 1 error(s); nothing was written\n"
    );
    assert!(fs::read_dir(out.path()).unwrap().next().is_none(), "nothing written");
}

#[test]
fn config_roots_are_located_errors_and_schema_reads_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("mdmodels.toml");
    fs::write(&config, "[input]\nroots = [\"Call\", \"Calback\"]\n").unwrap();
    let output = mdmodels().arg("schema").arg(seeds()).arg("--config").arg(&config).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(
        text.contains(&format!("{}:2:18: error[config]: the root `Calback` names no model page of the input", config.display())),
        "{text}"
    );
    assert!(text.contains("did you mean `Callback`?"), "{text}");

    fs::write(&config, "[input]\nroots = [\"Callback\"]\n").unwrap();
    let output = mdmodels().arg("schema").arg(seeds()).arg("--config").arg(&config).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let names: Vec<&str> = schema["models"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Callback"]);
}
