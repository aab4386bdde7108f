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
    assert_eq!(modules, 26, "5 seed models, 20 names without a page, the serde support module");

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
