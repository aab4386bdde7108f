//! The root package's build.rs generates `docs-input/` into OUT_DIR through
//! the library API; its output must hold exactly the code of the checked-in
//! `generated/` crate written by the CLI: every module file of the crate,
//! indented, as an inline module, and the same re-exports.

use std::path::Path;

const HEADER_END: &str = "`mdmodels generate`.\n\n";

#[test]
fn build_script_output_equals_the_generated_crate() {
    let built = std::fs::read_to_string(Path::new(env!("OUT_DIR")).join("models.rs")).unwrap();
    let crate_src = Path::new(env!("CARGO_MANIFEST_DIR")).join("generated/src");
    let lib = std::fs::read_to_string(crate_src.join("lib.rs")).unwrap();

    let mut modules = 0;
    for line in lib.lines() {
        let Some(declaration) = line.strip_prefix("pub mod ").or_else(|| line.strip_prefix("mod ")) else {
            continue;
        };
        let name = declaration.trim_end_matches(';');
        let file = std::fs::read_to_string(crate_src.join(format!("{name}.rs"))).unwrap();
        let body = &file[file.find(HEADER_END).expect("the @generated header") + HEADER_END.len()..];
        let visibility = if line.starts_with("pub ") { "pub " } else { "" };
        let inline = mdmodels::emit::inline_module(visibility, name, body);
        assert!(built.contains(&inline), "build.rs output lacks module `{name}` as in generated/src/{name}.rs");
        modules += 1;
    }
    assert_eq!(modules, 25, "5 seed models, 20 names without a page (the derive needs no support module)");

    let uses = |text: &str| text.lines().filter(|l| l.starts_with("pub use ")).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(uses(&built), uses(&lib));
    assert_eq!(uses(&lib).len(), 25);
}

#[test]
fn build_script_types_are_usable() {
    let call: mdmodels_workspace::Call =
        serde_json::from_str(r#"{"recordingState": "active", "segments": [{"type": "Interact"}]}"#).unwrap();
    assert_eq!(call.recording_state.as_deref(), Some("active"));
}

/// The README tells a build.rs user what to add to their `Cargo.toml`: every
/// dependency line `emit` can write (whatever the options) is there verbatim.
#[test]
fn the_readme_lists_every_dependency_the_models_can_need() {
    let page = "# Pet\n\n## Properties\n\n|Name | Type | Description | Notes|\n|--|--|--|--|\n| **born** | datetime | | |\n| **extra** | object | | |\n";
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let mut lines = std::collections::BTreeSet::new();
    for (serde, datetime) in [
        (mdmodels::SerdeImpls::Lean, mdmodels::DateTimeBackend::Chrono),
        (mdmodels::SerdeImpls::Derive, mdmodels::DateTimeBackend::Chrono),
        (mdmodels::SerdeImpls::Lean, mdmodels::DateTimeBackend::Time),
        (mdmodels::SerdeImpls::Derive, mdmodels::DateTimeBackend::Time),
    ] {
        let generator = mdmodels::Generator::new().page("Pet.md", page).serde_impls(serde).datetime(datetime);
        let (loaded, files) = generator.crate_files().unwrap();
        let dependencies = mdmodels::emit::dependencies(&loaded.schema, &loaded.options);
        let manifest = &files["Cargo.toml"];
        for (name, spec) in &dependencies {
            let line = format!("{name} = {spec}");
            assert!(manifest.lines().any(|l| l == line), "the generated Cargo.toml has {line}:\n{manifest}");
            lines.insert(line);
        }
        assert_eq!(manifest.lines().skip_while(|l| *l != "[dependencies]").count() - 1, dependencies.len());
    }
    assert_eq!(lines.len(), 6, "serde and time (two ways each), serde_json, chrono: {lines:?}");
    for line in lines {
        assert!(readme.contains(&line), "README.md does not tell build.rs users to add `{line}`");
    }
}

/// A build.rs that uses the library (`default-features = false`, as this
/// package's does) does not build the command line's dependencies.
#[test]
fn the_library_alone_does_not_pull_in_the_cli() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let tree = |features: &[&str]| {
        let output = std::process::Command::new(&cargo)
            .args(["tree", "--offline", "-p", "mdmodels", "-e", "normal", "--prefix", "none"])
            .args(features)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };
    let library = tree(&["--no-default-features"]);
    for cli_only in ["clap ", "mimalloc "] {
        assert!(!library.lines().any(|line| line.starts_with(cli_only)), "{cli_only}in:\n{library}");
        assert!(tree(&[]).lines().any(|line| line.starts_with(cli_only)), "the default build has {cli_only}");
    }
}
