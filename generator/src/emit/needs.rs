//! What the emitted code needs, computed once per run from the schema and
//! the options: the crates the generated `Cargo.toml` lists (`manifest.rs`)
//! and the helpers the `__mdmodels` support module holds (`lean_serde.rs`;
//! an unused helper would be dead code).

use crate::config::{DateTimeBackend, Options, SerdeImpls};
use crate::schema::{FieldType, ModelKind, Schema};

use super::lean_serde::{time_with, TIME_ADAPTER};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Needs {
    /// The crates.
    pub chrono: bool,
    /// A field holds `time` values (`datetime = "time"`, no configured type).
    pub time: bool,
    pub serde_json: bool,
    /// The support module's helpers, in `serde = "lean"`: a model's impls.
    pub any_model: bool,
    /// `required`: a required field.
    pub required_field: bool,
    /// `optional`: an optional field.
    pub optional_field: bool,
    /// `Key`: an object key to match.
    pub named_field: bool,
    /// `Key::into_string`: unknown keys kept.
    pub keep_unknown_fields: bool,
    /// In derive mode, a field's `#[serde(with)]` is the support module's
    /// `time` adapter.
    pub time_adapter: bool,
}

impl Needs {
    pub fn of(schema: &Schema, options: &Options) -> Needs {
        let keep_unknown_fields = options.keep_unknown_fields;
        let mut needs = Needs {
            serde_json: !schema.unresolved.is_empty()
                || keep_unknown_fields
                || schema.models.iter().any(|model| model.kind == ModelKind::Struct && model.fields.is_empty()),
            any_model: !schema.models.is_empty(),
            named_field: keep_unknown_fields,
            keep_unknown_fields,
            ..Needs::default()
        };
        fn mentions(needs: &mut Needs, path: &str) {
            needs.chrono |= path.contains("chrono::");
            needs.serde_json |= path.contains("serde_json::");
        }
        schema.replaced.values().for_each(|path| mentions(&mut needs, path));
        for field in schema.models.iter().flat_map(|model| &model.fields) {
            needs.named_field = true;
            needs.required_field |= field.required;
            needs.optional_field |= !field.required;
            needs.time_adapter |= time_with(field, options) == Some(TIME_ADAPTER);
            match field.ty.innermost() {
                FieldType::Configured { rust_type, .. } => mentions(&mut needs, rust_type),
                FieldType::DateTime | FieldType::Date => {
                    needs.chrono |= options.datetime == DateTimeBackend::Chrono;
                    needs.time |= options.datetime == DateTimeBackend::Time;
                }
                FieldType::Object => needs.serde_json = true,
                _ => {}
            }
        }
        needs
    }

    /// Whether the crate needs the support module in this serde mode.
    pub fn support_module(&self, serde: SerdeImpls) -> bool {
        match serde {
            SerdeImpls::Lean => self.any_model,
            SerdeImpls::Derive => self.time_adapter,
        }
    }
}
