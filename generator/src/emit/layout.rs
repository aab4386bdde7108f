//! The crate layout (`Cargo.toml`, `src/lib.rs`, one `src/<module>.rs` per
//! model) and the single-file layout for build.rs (the same module texts,
//! indented); `lib.rs`'s declarations and re-exports.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::items::{self, Item, ModDecl, UseDecl};
use super::manifest::{cargo_toml, dependencies, features_table};
use super::needs::Needs;
use super::models::{model_file, unresolved_file};
use super::types::Context;
use super::{lean_serde, HEADER};
use crate::config::{Options, SerdeImpls};
use crate::schema::{ModelKind, Schema};

/// A Rust module of the output: one model (or unresolved name), formatted.
pub(super) struct ModuleSource {
    name: String,
    /// The public types the module defines: the model, then its enums.
    type_names: Vec<String>,
    /// The module file: the header, then the code.
    file: String,
}

impl ModuleSource {
    /// The code, without the header.
    fn code(&self) -> &str {
        &self.file[HEADER.len()..]
    }
}

/// The files of a whole crate, by path relative to the crate root.
///
/// `options` must have passed [`Options::validate`] (`Generator` sees to
/// it): configured types, derives and attributes are used as written.
pub fn crate_files(schema: &Schema, options: &Options) -> BTreeMap<String, String> {
    let modules = module_sources(schema, options);
    let support = support_module(schema, options);
    let lib = with_header(&lib_text(schema, options, &modules, support.is_some()));
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    if let Some(text) = support {
        let path = format!("src/{}.rs", lean_serde::SUPPORT_MODULE);
        files.insert(path, with_header(&text));
    }
    files.insert("src/lib.rs".to_string(), lib);
    let mut manifest = cargo_toml(options, dependencies(schema, options));
    if options.features_per_model {
        manifest.push_str(&features_table(schema));
    }
    files.insert("Cargo.toml".to_string(), manifest);
    files.extend(
        modules
            .into_iter()
            .map(|module| (format!("src/{}.rs", module.name), module.file)),
    );
    files
}

/// One Rust file holding every module inline, for `include!` from a build script.
///
/// Each module is the text of the crate layout's module file, indented, so
/// the two layouts hold the same code byte for byte. `options` must have
/// passed [`Options::validate`], as for [`crate_files`].
pub fn module_file(schema: &Schema, options: &Options) -> String {
    let modules = module_sources(schema, options);
    let mut text = String::new();
    if let Some(support) = support_module(schema, options) {
        text.push_str("#[doc(hidden)]\n");
        text.push_str(&inline_module("pub ", lean_serde::SUPPORT_MODULE, &support));
        text.push('\n');
    }
    for module in &modules {
        text.push_str(&inline_module("pub ", &module.name, module.code()));
        text.push('\n');
    }
    // Features gate the crate layout only; an including crate has its own.
    text.push_str(&items::file_text(&[], &reexports(&modules, false)));
    with_header(&text)
}

/// `pub mod name { ... }` around a formatted module file's text.
pub fn inline_module(visibility: &str, name: &str, text: &str) -> String {
    let mut out = format!("{visibility}mod {name} {{\n");
    for line in text.lines() {
        if !line.is_empty() {
            out.push_str("    ");
            out.push_str(line);
        }
        out.push('\n');
    }
    out.push_str("}\n");
    out
}

pub(super) fn module_sources(schema: &Schema, options: &Options) -> Vec<ModuleSource> {
    let context = Context::new(schema, options);
    let models = schema.models.par_iter().map(|model| {
        let mut type_names = vec![model.rust_name.clone()];
        if model.kind == ModelKind::Struct {
            type_names.extend(model.enums.iter().map(|declared| declared.rust_name.clone()));
        }
        ModuleSource {
            name: model.module_name.clone(),
            type_names,
            file: model_file(model, &context),
        }
    });
    let unresolved = schema.unresolved.par_iter().map(|model| ModuleSource {
        name: model.module_name.clone(),
        type_names: vec![model.rust_name.clone()],
        file: unresolved_file(model, &context),
    });
    let mut modules: Vec<ModuleSource> = models.chain(unresolved).collect();
    modules.sort_by(|a, b| a.name.cmp(&b.name));
    modules
}

/// The shared serde support module: the lean impls' helpers, or in derive
/// mode the `time` adapter, when a field needs it.
pub(super) fn support_module(schema: &Schema, options: &Options) -> Option<String> {
    let needs = Needs::of(schema, options);
    if !needs.support_module(options.serde_impls) {
        return None;
    }
    Some(match options.serde_impls {
        SerdeImpls::Lean => lean_serde::support_text(&needs),
        SerdeImpls::Derive => lean_serde::derive_support_text(),
    })
}

/// `lib.rs`: the crate doc, the module declarations, the re-exports.
pub(super) fn lib_text(schema: &Schema, options: &Options, modules: &[ModuleSource], has_support: bool) -> String {
    let mut docs = vec![format!(
        " Rust types for {} models, generated by mdmodels from their Markdown pages.",
        schema.models.len()
    )];
    if !schema.unresolved.is_empty() {
        docs.push(String::new());
        docs.push(format!(
            " {} referenced names have no page; they are opaque JSON values.",
            schema.unresolved.len()
        ));
    }
    if options.features_per_model {
        docs.push(String::new());
        docs.push(
            " Every model is behind a cargo feature named like its module, which \
             enables the models it references; the default feature `all` enables every model."
                .to_string(),
        );
    }
    let mut items = Vec::with_capacity(2 * modules.len() + 1);
    // Hidden but public: with features, any subset of models may use it.
    if has_support {
        items.push(Item::Mod(ModDecl {
            name: lean_serde::SUPPORT_MODULE.to_string(),
            hidden: true,
            gated: false,
        }));
    }
    items.extend(modules.iter().map(|module| {
        Item::Mod(ModDecl {
            name: module.name.clone(),
            hidden: false,
            gated: options.features_per_model,
        })
    }));
    items.extend(reexports(modules, options.features_per_model));
    items::file_text(&docs, &items)
}

pub(super) fn reexports(modules: &[ModuleSource], gated: bool) -> Vec<Item> {
    modules
        .iter()
        .map(|module| {
            Item::Use(UseDecl {
                module: module.name.clone(),
                names: module.type_names.clone(),
                gated,
            })
        })
        .collect()
}

pub(super) fn with_header(text: &str) -> String {
    let mut file = String::with_capacity(HEADER.len() + text.len());
    file.push_str(HEADER);
    file.push_str(text);
    file
}
