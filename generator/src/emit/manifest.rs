//! The generated `Cargo.toml`: the package, the dependencies the emitted
//! code needs, and per-model features.

use std::collections::BTreeMap;

use super::needs::Needs;
use super::{derives, MANIFEST_HEADER};
use crate::config::{Options, SerdeImpls};
use crate::schema::Schema;

/// The `[features]` table: one feature per model module enabling the
/// modules it references (cargo closes that over the graph), `all`, and
/// `default = ["all"]`.
pub(super) fn features_table(schema: &Schema) -> String {
    let mut features: BTreeMap<&str, std::collections::BTreeSet<&str>> = BTreeMap::new();
    for model in &schema.models {
        let references = model
            .fields
            .iter()
            .filter_map(|field| Some(field.ty.referenced_type()?.module.as_str()))
            .filter(|&module| module != model.module_name);
        features.entry(&model.module_name).or_default().extend(references);
    }
    for unresolved in &schema.unresolved {
        features.entry(&unresolved.module_name).or_default();
    }
    let quoted = |names: &mut dyn Iterator<Item = &&str>| {
        names.map(|name| format!("\"{name}\"")).collect::<Vec<_>>().join(", ")
    };
    let mut text = String::from("\n[features]\ndefault = [\"all\"]\n");
    text.push_str(&format!("all = [{}]\n", quoted(&mut features.keys())));
    for (feature, enables) in &features {
        text.push_str(&format!("{feature} = [{}]\n", quoted(&mut enables.iter())));
    }
    text
}

/// The crates the emitted code uses, name -> TOML spec: the generated
/// `Cargo.toml`'s `[dependencies]`, and what a crate that includes the
/// single-file layout needs in its own.
pub fn dependencies(schema: &Schema, options: &Options) -> BTreeMap<String, String> {
    let needs = Needs::of(schema, options);
    // `Hash` on a `serde_json::Value`: serde_json 1.0.118 or later.
    let serde_json_hash = needs.serde_json && derives::plan(schema, options).any_hash;
    let mut dependencies: BTreeMap<String, String> = BTreeMap::new();
    let serde = match options.serde_impls {
        SerdeImpls::Lean => r#""1""#,
        SerdeImpls::Derive => r#"{ version = "1", features = ["derive"] }"#,
    };
    dependencies.insert("serde".to_string(), serde.to_string());
    if serde_json_hash {
        // `serde_json::Value` implements `Eq` and `Hash` from 1.0.118 on.
        dependencies.insert("serde_json".to_string(), r#""1.0.118""#.to_string());
    } else if needs.serde_json {
        dependencies.insert("serde_json".to_string(), r#""1""#.to_string());
    }
    if needs.time {
        // The derive uses time's `serde::rfc3339`, behind its `serde` feature.
        let time = match options.serde_impls {
            SerdeImpls::Lean => r#"{ version = "0.3", default-features = false, features = ["std", "formatting", "parsing"] }"#,
            SerdeImpls::Derive => {
                r#"{ version = "0.3", default-features = false, features = ["std", "formatting", "parsing", "serde"] }"#
            }
        };
        dependencies.insert("time".to_string(), time.to_string());
    }
    if needs.chrono {
        dependencies.insert(
            "chrono".to_string(),
            r#"{ version = "0.4", default-features = false, features = ["serde", "std"] }"#.to_string(),
        );
    }
    for (name, spec) in &options.dependencies {
        dependencies.insert(name.clone(), spec.clone());
    }
    dependencies
}

pub(super) fn cargo_toml(options: &Options, dependencies: BTreeMap<String, String>) -> String {
    let mut text = format!(
        "{MANIFEST_HEADER}\
         [package]\n\
         name = \"{}\"\n\
         version = \"{}\"\n\
         edition = \"2021\"\n",
        options.crate_name, options.crate_version
    );
    // TOML strings quoted and escaped by the toml crate.
    let quoted = |text: &str| toml::Value::String(text.to_string()).to_string();
    let metadata = &options.metadata;
    for (key, value) in [
        ("description", &metadata.description),
        ("license", &metadata.license),
        ("repository", &metadata.repository),
        ("documentation", &metadata.documentation),
    ] {
        if let Some(value) = value {
            text.push_str(&format!("{key} = {}\n", quoted(value)));
        }
    }
    if !metadata.keywords.is_empty() {
        let keywords: Vec<String> = metadata.keywords.iter().map(|keyword| quoted(keyword)).collect();
        text.push_str(&format!("keywords = [{}]\n", keywords.join(", ")));
    }
    text.push_str("\n[dependencies]\n");
    for (name, spec) in dependencies {
        text.push_str(&format!("{name} = {spec}\n"));
    }
    text
}
