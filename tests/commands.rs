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

/// Two releases of a few real Genesys pages (257.1.0, and the same pages
/// edited back to what an earlier release would have said).
const DIFF_OLD: &str = "tests/fixtures/diff/old";
const DIFF_NEW: &str = "tests/fixtures/diff/new";

#[test]
fn diff_reports_every_change_with_its_location_and_effect() {
    let output = mdmodels().current_dir(root()).args(["diff", DIFF_OLD, DIFF_NEW]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "without --deny-breaking a breaking diff exits 0");
    let expected = fs::read_to_string(root().join("tests/fixtures/diff/expected.txt")).unwrap();
    similar_asserts(&stdout(&output), &expected);
    assert!(expected.starts_with(
        "1 models removed, 1 added; 1 fields added, 1 removed, 1 changed type, 1 changed between optional and required; \
         1 enum values added, 1 removed; breaking\nsemver: a breaking release; next crate version 0.2.0\n"
    ));

    let denied = mdmodels()
        .current_dir(root())
        .args(["diff", DIFF_OLD, DIFF_NEW, "--deny-breaking"])
        .output()
        .unwrap();
    assert_eq!(denied.status.code(), Some(1));
    assert_eq!(stdout(&denied), expected);
    assert_eq!(stderr(&denied), "mdmodels: the change is breaking (--deny-breaking)\n");
}

fn similar_asserts(actual: &str, expected: &str) {
    if actual != expected {
        panic!("{}", similar::TextDiff::from_lines(expected, actual).unified_diff().header("expected", "actual"));
    }
}

#[test]
fn diff_json_has_the_documented_keys() {
    let output = mdmodels()
        .current_dir(root())
        .args(["diff", "--format", "json", "--old", DIFF_OLD, "--new", DIFF_NEW])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let diff: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let pair = |model: &str, member: &str| serde_json::json!([[model, member]]);
    assert_eq!(diff["models_added"], serde_json::json!(["PhoneNumberColumn"]));
    assert_eq!(diff["models_removed"], serde_json::json!(["ContactPhoneNumberColumn"]));
    assert_eq!(diff["fields_added"], pair("DialerPreview", "callback_auto_answer"));
    assert_eq!(diff["fields_removed"], pair("Voicemail", "duration_seconds"));
    assert_eq!(diff["fields_retyped"], pair("DialerPreview", "phone_number_columns"));
    assert_eq!(diff["fields_required_changed"], pair("DialerPreview", "campaign_id"));
    assert_eq!(diff["wire_names_changed"], serde_json::json!([]));
    assert_eq!(diff["enum_values_added"], pair("CallDirection", "inbound"));
    assert_eq!(diff["enum_values_removed"], pair("CallDirection", "unknown"));
    assert_eq!(diff["breaking"], true);
    assert_eq!(diff["semver"], "major");
    assert_eq!(diff["next_version"], "0.2.0");
    let retyped = diff["changes"].as_array().unwrap().iter().find(|c| c["kind"] == "field_retyped").unwrap();
    assert_eq!(retyped["old"], "list[ContactPhoneNumberColumn]");
    assert_eq!(retyped["new"], "list[PhoneNumberColumn]");
    assert_eq!(retyped["location"]["file"], "tests/fixtures/diff/new/DialerPreview.md");
    assert_eq!(retyped["location"]["line"], 13);
    assert_eq!(retyped["breaking"], true);
}

#[test]
fn diff_of_unchanged_pages_is_not_breaking_and_non_exhaustive_structs_take_new_fields() {
    let output = mdmodels()
        .current_dir(root())
        .args(["diff", DIFF_NEW, DIFF_NEW, "--deny-breaking"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "0 models removed, 0 added; 0 fields added, 0 removed, 0 changed type; not breaking\n\
         semver: no change; next crate version 0.1.0\n"
    );

    // With #[non_exhaustive] on every struct, an added field is no longer breaking.
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    fs::create_dir_all(&old).unwrap();
    fs::create_dir_all(&new).unwrap();
    fs::copy(root().join(DIFF_OLD).join("DialerPreview.md"), old.join("DialerPreview.md")).unwrap();
    let page = fs::read_to_string(root().join(DIFF_OLD).join("DialerPreview.md")).unwrap();
    let added = page.replace(
        "| **contact_id** |",
        "| **preview_timeout** | int | Seconds before the preview times out | [optional] |\n| **contact_id** |",
    );
    fs::write(new.join("DialerPreview.md"), added).unwrap();
    let config = dir.path().join("mdmodels.toml");
    fs::write(&config, "[crate]\nversion = \"2.3.1\"\n\n[output]\nattributes = [\"#[non_exhaustive]\"]\n").unwrap();
    let output = mdmodels()
        .current_dir(dir.path())
        .args(["diff", "old", "new", "--deny-breaking", "--config", "mdmodels.toml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "0 models removed, 0 added; 1 fields added, 0 removed, 0 changed type; not breaking\n\
         semver: additions only; next crate version 2.4.0\n\
         \n\
         Fields added (1):\n  \
         DialerPreview.preview_timeout: int  (new/DialerPreview.md:10:3)\n"
    );
}

#[test]
fn diff_usage_and_bad_input_exit_2() {
    let output = mdmodels().current_dir(root()).args(["diff", DIFF_OLD]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("diff needs OLD and NEW"), "{}", stderr(&output));
    let output = mdmodels().current_dir(root()).args(["diff", DIFF_OLD, "no/such/folder"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("input `no/such/folder` does not exist"), "{}", stderr(&output));
    let output = mdmodels().current_dir(root()).args(["diff", DIFF_OLD, DIFF_NEW, "--old", DIFF_OLD]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "positional sides and --old do not mix");
}

/// The whole SDK folder against a copy with known edits: a page removed, a
/// page added, a field removed, added, retyped and made required.
#[test]
fn diff_of_the_corpus_against_an_edited_copy() {
    let Some(corpus) = common::corpus() else {
        eprintln!("skipped: no corpus at ../shared/corpus");
        return;
    };
    let copy = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(&corpus).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, copy.path().join(path.file_name().unwrap())).unwrap();
    }
    fs::remove_file(copy.path().join("Voicemail.md")).unwrap();
    fs::write(
        copy.path().join("PreviewRule.md"),
        "# PreviewRule\n\n## Properties\n\n|Name | Type | Description | Notes|\n|--|--|--|--|\n| **id** | str | | [optional] |\n",
    )
    .unwrap();
    let page = fs::read_to_string(copy.path().join("DialerPreview.md")).unwrap();
    let edited = page
        .replace("| **contact_id** | str | The contact associated with this preview data pop | [optional] |\n", "")
        .replace("| **campaign_id** | str |", "| **campaign_id** | list[str] |")
        .replace("| **callback_auto_answer** | bool | Whether or not to auto answer the callback | [optional] |", "| **callback_auto_answer** | bool | Whether or not to auto answer the callback | |\n| **rule** | PreviewRule | | [optional] |");
    assert_ne!(edited, page);
    fs::write(copy.path().join("DialerPreview.md"), edited).unwrap();

    let old = mdmodels::Generator::new().input(&corpus);
    let new = mdmodels::Generator::new().input(copy.path());
    let diff = mdmodels::Generator::diff(&old, &new).unwrap();
    let pair = |model: &str, field: &str| vec![[model.to_string(), field.to_string()]];
    assert_eq!(diff.models_removed, ["Voicemail"]);
    assert_eq!(diff.models_added, ["PreviewRule"]);
    assert_eq!(diff.fields_removed, pair("DialerPreview", "contact_id"));
    assert_eq!(diff.fields_added, pair("DialerPreview", "rule"));
    assert_eq!(diff.fields_retyped, pair("DialerPreview", "campaign_id"));
    assert_eq!(diff.fields_required_changed, pair("DialerPreview", "callback_auto_answer"));
    assert!(diff.wire_names_changed.is_empty() && diff.enum_values_added.is_empty() && diff.enum_values_removed.is_empty());
    assert!(diff.breaking);
    assert_eq!(diff.changes.len(), 6, "{:#?}", diff.changes);
}

#[test]
fn list_shows_each_model_with_its_page_fields_and_references() {
    let output = mdmodels().current_dir(root()).args(["list", "docs-input", "--quiet"]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "model                 page                                fields  referenced by\n\
         Call                  docs-input/Call.md                      20              1\n\
         Callback              docs-input/Callback.md                  29              1\n\
         ChatMediaParticipant  docs-input/ChatMediaParticipant.md      36              0\n\
         Participant           docs-input/Participant.md               39              0\n\
         SocialExpression      docs-input/SocialExpression.md          16              1\n"
    );
    assert_eq!(stderr(&output), "", "--quiet prints no warnings and no summary");

    let output = mdmodels()
        .current_dir(root())
        .args(["list", "tests/fixtures/diff/new", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        rows,
        serde_json::json!([
            {"model": "CallDirection", "kind": "enum", "page": "tests/fixtures/diff/new/CallDirection.md", "fields": 0, "referenced_by": 0},
            {"model": "DialerPreview", "kind": "struct", "page": "tests/fixtures/diff/new/DialerPreview.md", "fields": 6, "referenced_by": 0},
            {"model": "PhoneNumberColumn", "kind": "struct", "page": "tests/fixtures/diff/new/PhoneNumberColumn.md", "fields": 3, "referenced_by": 1},
            {"model": "Voicemail", "kind": "struct", "page": "tests/fixtures/diff/new/Voicemail.md", "fields": 2, "referenced_by": 0},
        ])
    );
}

#[test]
fn graph_draws_models_and_fields_as_dot_and_mermaid() {
    let output = mdmodels()
        .current_dir(root())
        .args(["graph", "tests/fixtures/diff/new", "--root", "DialerPreview"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "digraph models {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n  \
         \"DialerPreview\";\n  \"PhoneNumberColumn\";\n  \
         \"DialerPreview\" -> \"PhoneNumberColumn\" [label=\"phone_number_columns [list]\"];\n}\n"
    );
    let output = mdmodels()
        .current_dir(root())
        .args(["graph", "docs-input", "--root", "Call", "--format", "mermaid", "--quiet"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "flowchart LR\n  n0[\"Call\"]\n  n1[\"DisconnectReason\"]:::opaque\n  n2[\"ErrorBody\"]:::opaque\n  \
         n3[\"FaxStatus\"]:::opaque\n  n4[\"Segment\"]:::opaque\n  \
         n0 -->|\"segments [list]\"| n4\n  n0 -->|\"error_info\"| n2\n  n0 -->|\"disconnect_reasons [list]\"| n1\n  \
         n0 -->|\"fax_status\"| n3\n  classDef opaque stroke-dasharray: 4 4\n"
    );
    assert_eq!(stderr(&output), "");
}

#[test]
fn the_readme_shows_the_seeds_graph_as_the_command_draws_it() {
    let output = mdmodels().current_dir(root()).args(["graph", "docs-input", "--format", "mermaid", "--quiet"]).output().unwrap();
    assert!(output.status.success());
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let block = format!("```mermaid\n{}```\n", stdout(&output));
    assert!(readme.contains(&block), "README.md's mermaid block is not `mdmodels graph docs-input --format mermaid`:\n{block}");
}

#[test]
fn completions_are_printed_for_each_shell() {
    for (shell, start) in [("bash", "_mdmodels() {"), ("zsh", "#compdef mdmodels"), ("fish", "# Print an optspec for argparse")] {
        let output = mdmodels().args(["completions", shell]).output().unwrap();
        assert!(output.status.success());
        let script = stdout(&output);
        assert!(script.starts_with(start), "{shell}: {}", &script[..script.len().min(200)]);
        for word in ["generate", "diff", "graph", "list", "--root", "--deny-breaking"] {
            let word = if shell == "fish" { word.trim_start_matches('-') } else { word };
            assert!(script.contains(word), "the {shell} script does not complete {word}");
        }
    }
    let output = mdmodels().args(["completions", "powershell"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn crate_metadata_goes_into_the_generated_cargo_toml() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("mdmodels.toml");
    fs::write(
        &config,
        "[crate]\nname = \"genesys-models\"\ndescription = \"Genesys Cloud models, \\\"generated\\\"\"\nlicense = \"MIT OR Apache-2.0\"\n\
         repository = \"https://example.com/genesys-models\"\ndocumentation = \"https://docs.rs/genesys-models\"\nkeywords = [\"genesys\", \"api\"]\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    mdmodels()
        .arg("generate")
        .arg(seeds().join("SocialExpression.md"))
        .arg("--config")
        .arg(&config)
        .arg("--out")
        .arg(&out)
        .arg("-q")
        .assert()
        .success()
        .stderr("");
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert_eq!(
        manifest,
        "# @generated by mdmodels. Do not edit: change the pages and run `mdmodels generate`.\n\
         [package]\nname = \"genesys-models\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\
         description = 'Genesys Cloud models, \"generated\"'\nlicense = \"MIT OR Apache-2.0\"\n\
         repository = \"https://example.com/genesys-models\"\ndocumentation = \"https://docs.rs/genesys-models\"\n\
         keywords = [\"genesys\", \"api\"]\n\n\
         [dependencies]\nchrono = { version = \"0.4\", default-features = false, features = [\"serde\", \"std\"] }\nserde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n"
    );
    let parsed: toml::Table = manifest.parse().unwrap();
    assert_eq!(parsed["package"]["description"].as_str(), Some("Genesys Cloud models, \"generated\""));
}

#[test]
fn help_documents_the_new_commands_and_flags() {
    for (command, flags) in [
        ("diff", &["--old", "--new", "--config", "--root", "--deny-breaking", "--deny-warnings", "--format"][..]),
        ("graph", &["--root", "--config", "--format"][..]),
        ("list", &["--root", "--config", "--format"][..]),
        ("schema", &["--root", "--config"][..]),
        ("generate", &["--root", "--quiet"][..]),
    ] {
        let output = mdmodels().args([command, "--help"]).output().unwrap();
        assert!(output.status.success());
        let help = stdout(&output);
        for flag in flags {
            assert!(help.contains(flag), "`mdmodels {command} --help` does not document {flag}:\n{help}");
        }
    }
}

#[test]
fn graph_draws_svg_without_graphviz_and_the_same_each_run() {
    let run = || {
        let output = mdmodels()
            .current_dir(root())
            .args(["graph", "tests/fixtures/diff/new", "--format", "svg", "--quiet"])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        stdout(&output)
    };
    let svg = run();
    assert!(svg.starts_with("<?xml") && svg.contains("<svg"), "{}", &svg[..svg.len().min(200)]);
    for text in ["DialerPreview", "PhoneNumberColumn", "phone_number_columns [list]"] {
        assert!(svg.contains(text), "the SVG does not show {text}");
    }
    assert_eq!(svg, run(), "the layout is deterministic");
}
