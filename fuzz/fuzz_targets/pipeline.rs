//! The whole pipeline from arbitrary bytes: the input is split on NUL bytes
//! into up to eight pages (so models can reference and collide with each
//! other); its length's parity picks the serde layout. The property, as in
//! `tests/common/property.rs`: no panic; either every emitted Rust file (both
//! layouts) parses with `syn::parse_file`, or the run fails with errors; every
//! error and warning is located in one of the pages (but the one that says
//! no page is a model page).

#![no_main]

use libfuzzer_sys::fuzz_target;
use mdmodels::{Diagnostic, DiagnosticKind, Generator, SerdeImpls, Severity};

fuzz_target!(|data: &[u8]| {
    let pages: Vec<(String, &[u8])> = data
        .split(|&byte| byte == 0)
        .take(8)
        .enumerate()
        .map(|(index, bytes)| (format!("P{index}.md"), bytes))
        .collect();
    let serde = if data.len() % 2 == 0 { SerdeImpls::Lean } else { SerdeImpls::Derive };
    let generator = pages
        .iter()
        .fold(Generator::new(), |generator, (name, bytes)| generator.page(name.clone(), *bytes))
        .serde_impls(serde);
    match generator.load() {
        Ok(loaded) => {
            assert_located(&pages, &loaded.diagnostics);
            let files = mdmodels::emit::crate_files(&loaded.schema, &loaded.options);
            for (path, text) in files.iter().filter(|(path, _)| path.ends_with(".rs")) {
                if let Err(error) = syn::parse_file(text) {
                    panic!("{path} does not parse: {error}\n{text}");
                }
            }
            let module_file = mdmodels::emit::module_file(&loaded.schema, &loaded.options);
            if let Err(error) = syn::parse_file(&module_file) {
                panic!("the module file does not parse: {error}\n{module_file}");
            }
        }
        Err(failure) => {
            assert!(failure.diagnostics.iter().any(Diagnostic::is_error), "a failure without an error");
            assert_located(&pages, &failure.diagnostics);
        }
    }
});

fn assert_located(pages: &[(String, &[u8])], diagnostics: &[Diagnostic]) {
    // "No model page in the input" is about the pages as a whole: no place in one.
    for diagnostic in diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Note && d.kind != DiagnosticKind::NoModels)
    {
        let location = diagnostic.location.as_ref().unwrap_or_else(|| panic!("no location: {}", diagnostic.render()));
        let (_, bytes) = pages
            .iter()
            .find(|(name, _)| *name == location.file)
            .unwrap_or_else(|| panic!("names no page: {}", diagnostic.render()));
        let (text, _) = mdmodels::read::decode(&location.file, bytes);
        let line = text.split('\n').nth((location.line as usize).saturating_sub(1));
        let line = line.unwrap_or_else(|| panic!("no such line: {}", diagnostic.render()));
        let width = line.trim_end_matches('\r').chars().count() + 1;
        assert!(
            location.line >= 1 && location.column >= 1 && location.column as usize <= width,
            "column {} of a line {width} wide: {}",
            location.column,
            diagnostic.render()
        );
    }
}
