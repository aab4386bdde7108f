//! The root package's build.rs generates `docs-input/` into OUT_DIR through
//! the library API; its output must hold the same modules, items and
//! re-exports as the checked-in `generated/` crate written by the CLI.

use std::collections::BTreeMap;
use std::path::Path;

use quote::ToTokens;

/// Inner attributes and items of a module, as comparable token text. The
/// formatter adds a trailing comma to generic arguments it wraps, and inline
/// modules wrap at other places than files do, so those commas are dropped.
fn module_text(attrs: &[syn::Attribute], items: &[syn::Item]) -> String {
    let mut text = String::new();
    for attr in attrs {
        text.push_str(&attr.to_token_stream().to_string());
    }
    for item in items {
        text.push_str(&item.to_token_stream().to_string());
    }
    text.replace(" , >", " >")
}

fn parse(path: &Path) -> syn::File {
    syn::parse_file(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn build_script_output_equals_the_generated_crate() {
    let built = parse(&Path::new(env!("OUT_DIR")).join("models.rs"));
    let mut built_modules = BTreeMap::new();
    let mut built_uses = Vec::new();
    for item in &built.items {
        match item {
            syn::Item::Mod(module) => {
                let (_, items) = module.content.as_ref().expect("modules are inline");
                built_modules.insert(module.ident.to_string(), module_text(&module.attrs, items));
            }
            syn::Item::Use(item) => built_uses.push(item.to_token_stream().to_string()),
            other => panic!("unexpected item {}", other.to_token_stream()),
        }
    }

    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("generated/src");
    let lib = parse(&crate_dir.join("lib.rs"));
    let mut crate_modules = BTreeMap::new();
    let mut crate_uses = Vec::new();
    for item in &lib.items {
        match item {
            syn::Item::Mod(module) => {
                let name = module.ident.to_string();
                let file = parse(&crate_dir.join(format!("{name}.rs")));
                crate_modules.insert(name, module_text(&file.attrs, &file.items));
            }
            syn::Item::Use(item) => crate_uses.push(item.to_token_stream().to_string()),
            other => panic!("unexpected item {}", other.to_token_stream()),
        }
    }

    assert_eq!(built_modules.len(), 25, "5 seed models and 20 names without a page");
    assert_eq!(built_modules.keys().collect::<Vec<_>>(), crate_modules.keys().collect::<Vec<_>>());
    for (name, text) in &built_modules {
        assert_eq!(text, &crate_modules[name], "module {name} differs");
    }
    assert_eq!(built_uses, crate_uses);
}

#[test]
fn build_script_types_are_usable() {
    let call: mdmodels_workspace::Call =
        serde_json::from_str(r#"{"recordingState": "active", "segments": [{"type": "Interact"}]}"#).unwrap();
    assert_eq!(call.recording_state.as_deref(), Some("active"));
}
