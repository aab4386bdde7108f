//! What a user can set: from the CLI, the build.rs builder, or `mdmodels.toml`.

use std::collections::BTreeMap;

/// Options that shape the generated code.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The generated crate's package name.
    pub crate_name: String,
    /// The generated crate's version.
    pub crate_version: String,
    /// Wire names the pages cannot say, by (model, doc name).
    pub wire_names: BTreeMap<(String, String), String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            crate_name: "generated".to_string(),
            crate_version: "0.1.0".to_string(),
            wire_names: BTreeMap::new(),
        }
    }
}

impl Options {
    /// The configured wire name of `model.field`, if any.
    pub fn wire_name_override(&self, model: &str, doc_name: &str) -> Option<&str> {
        if self.wire_names.is_empty() {
            return None;
        }
        self.wire_names
            .get(&(model.to_string(), doc_name.to_string()))
            .map(String::as_str)
    }
}
