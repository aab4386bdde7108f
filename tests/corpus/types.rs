//! The whole real SDK docs folder with every derive the README promises
//! (`Eq`, `Hash`, `PartialOrd`, `Ord`, `Default`): the crate compiles and
//! passes clippy with warnings denied, the
//! derives that do not hold are skipped with one warning, and resolve's size
//! estimate of every model is rustc's `size_of` (checked at compile time).
//! Skipped, saying so, when the folder is absent. A module of the `corpus`
//! test binary, so that its check runs beside the derive crate's build,
//! whose compilation of one large crate leaves the other core idle.

use std::fmt::Write as _;

use crate::common;

#[test]
fn the_corpus_compiles_with_every_derive_and_sizes_are_estimated_exactly() {
    let Some(corpus) = common::corpus() else {
        eprintln!("SKIPPED: ../shared/corpus/genesys-python-257.1.0 is not on this machine");
        return;
    };
    let work = common::root().join("target/corpus-types");
    std::fs::create_dir_all(work.join("tests")).unwrap();
    let config = work.join("mdmodels.toml");
    std::fs::write(
        &config,
        // Lean serde impls: which derives hold and how large each struct is
        // do not depend on how serde is implemented, and lean checks in a
        // third of the derive's time (72.7 s against 235.2 s, README "Performance").
        "[output]\nserde = \"lean\"\nderives = [\"Eq\", \"Hash\", \"PartialOrd\", \"Ord\", \"Default\"]\n\n\
         [types]\nLocalDateTime = \"chrono::NaiveDateTime\"\nYearMonth = \"::std::string::String\"\n",
    )
    .unwrap();
    let generated = mdmodels::Generator::new()
        .input(&corpus)
        .config_file(&config)
        .crate_name("genesys-models")
        .generate_crate(&work)
        .unwrap_or_else(|failure| panic!("{failure}"));
    let loaded = &generated.loaded;
    let derive_warnings: Vec<&mdmodels::Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.kind == mdmodels::DiagnosticKind::Derive && d.severity == mdmodels::Severity::Warning)
        .collect();
    assert_eq!(derive_warnings.len(), 1, "{derive_warnings:#?}");
    eprintln!("{}", derive_warnings[0].headline());
    let manifest = std::fs::read_to_string(work.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("serde_json = \"1.0.118\""), "Hash on serde_json::Value: {manifest}");

    // `[(); A] = [(); B]` fails to compile unless A == B, and the error shows both.
    let mut sizes = String::from("//! Written by the mdmodels corpus_types test: resolve's size estimates.\n\n");
    for model in &loaded.schema.models {
        writeln!(
            sizes,
            "const _: [(); {}] = [(); ::std::mem::size_of::<genesys_models::{}>()];",
            model.size, model.rust_name
        )
        .unwrap();
    }
    std::fs::write(work.join("tests/sizes.rs"), sizes).unwrap();
    let largest = loaded.schema.models.iter().max_by_key(|m| m.size).unwrap();
    eprintln!("largest struct: {} ({} bytes)", largest.name, largest.size);

    // Clippy, warnings denied, over the whole corpus' items: clippy-driver
    // (what `cargo clippy` runs) as the crate's compiler. This form holds
    // every item the default (derive) form does, the same structs, enums and
    // docs, plus the lean impls and these derives written out, where the
    // derive form's impls are macro expansions clippy does not lint.
    // A target folder of its own: the derive crate's build holds the shared
    // one. In the background: that build is the longer, on one core.
    let target = common::root().join("target/corpus-types-target");
    common::cargo_generated_ok_at(
        common::Priority::Background,
        &work,
        &["check", "--quiet", "--test", "sizes"],
        &[("CARGO_TARGET_DIR", target.to_str().unwrap()), ("RUSTC_WORKSPACE_WRAPPER", "clippy-driver")],
    );
}
