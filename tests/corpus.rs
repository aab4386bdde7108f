//! The whole real SDK docs folder (`../shared/corpus/genesys-python-257.1.0`,
//! 6,308 pages): generated with the wire-name overrides a user would supply,
//! the crate compiles and builds its docs with warnings denied, and every
//! model round-trips a fully populated JSON sample. Its items pass clippy in
//! `corpus/types.rs` (the lean form with every derive, run beside it).
//! Skipped, saying so, when the folder is absent.

mod common;
#[path = "common/sample.rs"]
mod sample;
#[path = "corpus/types.rs"]
mod types;

use std::fmt::Write as _;
use std::path::PathBuf;

/// The overrides a user of this API would write, as `mdmodels.toml`.
fn overrides_config() -> String {
    let tsv = common::root().join("../shared/overrides/genesys-python-257.1.0-wire-names.tsv");
    let tsv = std::fs::read_to_string(tsv).expect("the overrides come with the corpus");
    let mut config = String::from(
        "[types]\nLocalDateTime = \"chrono::NaiveDateTime\"\nYearMonth = \"::std::string::String\"\n\n[wire-names]\n",
    );
    for line in tsv.lines().skip(1) {
        let [model, doc_name, wire_name] = line.split('\t').collect::<Vec<_>>()[..] else {
            panic!("bad TSV line {line:?}")
        };
        writeln!(config, "{:?} = {:?}", format!("{model}.{doc_name}"), wire_name).unwrap();
    }
    config
}

fn overrides() -> Vec<(String, String, String)> {
    let tsv = common::root().join("../shared/overrides/genesys-python-257.1.0-wire-names.tsv");
    std::fs::read_to_string(tsv)
        .unwrap()
        .lines()
        .skip(1)
        .map(|line| {
            let parts: Vec<&str> = line.split('\t').collect();
            (parts[0].to_string(), parts[1].to_string(), parts[2].to_string())
        })
        .collect()
}

/// The serde impls of the generated crate (`[output] serde`): each mode is
/// a crate of its own (`target/corpus-<mode>`), so both can be kept built.
#[derive(Debug, Clone, Copy)]
enum Serde {
    Lean,
    Derive,
}

impl Serde {
    fn name(self) -> &'static str {
        match self {
            Serde::Lean => "lean",
            Serde::Derive => "derive",
        }
    }
}

/// The default output (`#[derive(Serialize, Deserialize)]`), what users get.
#[test]
fn the_whole_corpus_generates_compiles_and_round_trips() {
    check_whole_corpus(Serde::Derive);
}

/// The same with `serde = "lean"`. The two modes share the rest of the
/// emitter and the snapshot round trips (`tests/snapshots/lean_mode/`), so
/// this whole-corpus build runs on request:
/// `cargo test --test corpus -- --ignored`.
#[test]
#[ignore = "minutes of compile time; the default (derive) mode runs in every `cargo test`"]
fn the_whole_corpus_in_lean_mode_compiles_and_round_trips() {
    check_whole_corpus(Serde::Lean);
}

fn check_whole_corpus(serde: Serde) {
    let Some(corpus) = common::corpus() else {
        eprintln!("SKIPPED: ../shared/corpus/genesys-python-257.1.0 is not on this machine");
        return;
    };
    let work = common::root().join(format!("target/corpus-{}", serde.name()));
    std::fs::create_dir_all(&work).unwrap();
    let config = work.join("mdmodels.toml");
    std::fs::write(&config, format!("[output]\nserde = \"{}\"\n\n{}", serde.name(), overrides_config())).unwrap();

    let generator = mdmodels::Generator::new()
        .input(&corpus)
        .config_file(&config)
        .crate_name("genesys-models")
        .deny_warnings(true);
    let generated = generator.generate_crate(&work).unwrap_or_else(|failure| panic!("{failure}"));
    let schema = &generated.loaded.schema;
    eprintln!("{}", generated.loaded.summary());

    // What the issue counts: 6,220 models, the 88 other pages skipped.
    assert_eq!(schema.models.len(), 6220);
    let skipped = generated.loaded.diagnostics.iter().filter(|d| d.kind == mdmodels::DiagnosticKind::NotAModelPage).count();
    assert_eq!(skipped, 88);
    assert_eq!(schema.models.iter().map(|m| m.fields.len()).sum::<usize>(), 34377);
    assert!(schema.unresolved.is_empty(), "LocalDateTime and YearMonth are mapped by the config");

    // Every override is the field's wire name in the schema.
    for (model, doc_name, wire_name) in overrides() {
        let field = schema
            .models
            .iter()
            .find(|m| m.name == model)
            .and_then(|m| m.fields.iter().find(|f| f.doc_name == doc_name))
            .unwrap_or_else(|| panic!("{model}.{doc_name} is in the corpus"));
        assert_eq!(field.wire_name, wire_name, "{model}.{doc_name}");
    }

    // Fully populated samples, and a test in the generated crate that
    // round-trips each through its type.
    let samples = sample::Samples::new(schema);
    let mut all = serde_json::Map::new();
    for model in &schema.models {
        all.insert(model.name.clone(), samples.model(model));
    }
    write_if_changed(&work.join("tests/samples.json"), &serde_json::to_string(&all).unwrap());
    write_if_changed(&work.join("tests/round_trip.rs"), &round_trip_harness(schema));
    // The harness uses serde and serde_json, which the crate depends on.
    let manifest = std::fs::read_to_string(work.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("\nserde_json = "), "{manifest}");

    // Two compilations of the crate, on both cores at once:
    // - rustdoc, warnings denied, in a target folder of its own (two cargo
    //   runs cannot share one), in the background: it and the every-derive
    //   check (`types.rs`, which is also the corpus' clippy check) share the
    //   second core, while the first compiles the library, the longest step,
    //   on one core;
    // - the build of the library and the `round_trip` test, warnings denied,
    //   without debug info: the round trip needs no debugger, and the
    //   compiler and linker have far less to write.
    std::thread::scope(|scope| {
        let doc = scope.spawn(|| {
            let doc_target = common::root().join("target/generated-crates-doc");
            common::cargo_generated_ok_at(
                common::Priority::Background,
                &work,
                &["doc", "--quiet", "--no-deps"],
                &[("RUSTDOCFLAGS", "-D warnings"), ("CARGO_TARGET_DIR", doc_target.to_str().unwrap())],
            );
        });
        common::cargo_generated_ok(
            &work,
            &["test", "--quiet", "--test", "round_trip"],
            &[],
        );
        doc.join().unwrap();
    });
}

fn write_if_changed(path: &PathBuf, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap();
    }
}

/// The stack of the thread that round-trips every model in a debug build:
/// the default of `std::thread::spawn` and of a tokio worker.
const ROUND_TRIP_STACK_SIZE: usize = 2 << 20;

/// A test file for the generated crate: every model's sample goes through
/// its type and must come back as the same JSON value.
fn round_trip_harness(schema: &mdmodels::Schema) -> String {
    let mut models = String::new();
    for model in &schema.models {
        writeln!(models, "    ({:?}, check::<genesys_models::{}>),", model.name, model.rust_name).unwrap();
    }
    format!(
        r#"//! Written by the mdmodels corpus test: a JSON round trip of every model.

use serde_json::Value;

/// A model's round trip: its name and sample in, what went wrong out.
type Check = fn(&str, &Value) -> Result<(), String>;

/// Every model by name, and its round trip.
const MODELS: &[(&str, Check)] = &[
{models}];

fn check<T: serde::de::DeserializeOwned + serde::Serialize>(name: &str, sample: &Value) -> Result<(), String> {{
    let typed: T = serde_json::from_value(sample.clone()).map_err(|e| format!("{{name}}: deserialize: {{e}}"))?;
    let back = serde_json::to_value(&typed).map_err(|e| format!("{{name}}: serialize: {{e}}"))?;
    if &back == sample {{
        Ok(())
    }} else {{
        Err(format!("{{name}}: round trip changed the JSON:\n  sent {{sample}}\n  got  {{back}}"))
    }}
}}

#[test]
fn every_model_round_trips() {{
    // What a tokio worker or `std::thread::spawn` has: mdmodels boxes nested
    // models so that no struct exceeds `max-struct-size`, and a debug build
    // deserializes every model within it.
    std::thread::Builder::new()
        .stack_size({stack})
        .spawn(round_trip_all)
        .unwrap()
        .join()
        .unwrap();
}}

fn round_trip_all() {{
    let samples: serde_json::Map<String, Value> =
        serde_json::from_str(include_str!("samples.json")).unwrap();
    assert_eq!(samples.len(), {count});
    assert_eq!(MODELS.len(), {count});
    let mut failures = Vec::new();
    for (name, check) in MODELS {{
        match samples.get(*name) {{
            Some(sample) => failures.extend(check(name, sample).err()),
            None => failures.push(format!("{{name}}: no sample")),
        }}
    }}
    assert!(failures.is_empty(), "{{}} of {{}} models failed:\n{{}}", failures.len(), samples.len(), failures.join("\n"));
}}
"#,
        count = schema.models.len(),
        stack = ROUND_TRIP_STACK_SIZE,
    )
}

/// Boxes are where the issue wants them: every boxed field closes a cycle of
/// models held inline, and with the boxed fields removed no cycle is left.
#[test]
fn corpus_boxes_exactly_break_the_inline_cycles() {
    let Some(corpus) = common::corpus() else {
        eprintln!("SKIPPED: ../shared/corpus/genesys-python-257.1.0 is not on this machine");
        return;
    };
    // No size bound: only the boxes that break cycles.
    let loaded = mdmodels::Generator::new()
        .input(&corpus)
        .max_struct_size(u32::MAX)
        .load()
        .unwrap_or_else(|failure| panic!("{failure}"));
    let models = &loaded.schema.models;
    let index: std::collections::HashMap<&str, usize> =
        models.iter().enumerate().map(|(i, m)| (m.name.as_str(), i)).collect();
    // Inline edges (model, field, target), boxed or not.
    let edges: Vec<(usize, usize, usize, bool)> = models
        .iter()
        .enumerate()
        .flat_map(|(from, model)| {
            let index = &index;
            model.fields.iter().enumerate().filter_map(move |(field, f)| {
                let target = *index.get(f.ty.inline_model()?)?;
                Some((from, field, target, f.boxed))
            })
        })
        .collect();
    let reaches = |from: usize, to: usize, skip_boxed: bool| {
        let mut seen = vec![false; models.len()];
        let mut stack = vec![from];
        while let Some(node) = stack.pop() {
            if node == to {
                return true;
            }
            if std::mem::replace(&mut seen[node], true) {
                continue;
            }
            stack.extend(edges.iter().filter(|e| e.0 == node && !(skip_boxed && e.3)).map(|e| e.2));
        }
        false
    };
    let boxed: Vec<_> = edges.iter().filter(|e| e.3).collect();
    assert!(!boxed.is_empty());
    for &&(from, field, target, _) in &boxed {
        assert!(reaches(target, from, false), "{}.{} is boxed but on no cycle", models[from].name, models[from].fields[field].doc_name);
    }
    for &(from, _, target, is_boxed) in &edges {
        if !is_boxed {
            assert!(!reaches(target, from, true), "a cycle through {} is left unboxed", models[from].name);
        }
    }
    let summary = loaded.summary();
    assert!(summary.contains(&format!("{} boxed fields", boxed.len())), "{summary}");
    eprintln!("{} boxed fields on {} inline edges", boxed.len(), edges.len());
}
