//! Fully populated JSON samples built from the schema: every field set,
//! nested models, lists, maps, dates. The round-trip tests feed them to the
//! generated types and expect the same JSON back.

use std::collections::HashMap;

use mdmodels::schema::{EnumType, FieldType, Model, ModelKind, Schema};
use serde_json::{json, Map, Value};

/// How many models deep a sample nests before optional fields stop nesting
/// (recursive models would otherwise never end).
const MAX_DEPTH: usize = 2;

pub struct Samples<'a> {
    models: HashMap<&'a str, &'a Model>,
    /// Every enum by the name types use for it (`Call.StateEnum`, or an enum page's model name).
    enums: HashMap<&'a str, &'a EnumType>,
}

impl<'a> Samples<'a> {
    pub fn new(schema: &'a Schema) -> Self {
        Samples {
            models: schema.models.iter().map(|model| (model.name.as_str(), model)).collect(),
            enums: schema
                .models
                .iter()
                .flat_map(|model| &model.enums)
                .map(|declared| (declared.name.as_str(), declared))
                .collect(),
        }
    }

    /// A sample object of `model` with every field set (optional fields of
    /// nested models stop at MAX_DEPTH).
    pub fn model(&self, model: &Model) -> Value {
        self.object(model, 0)
    }

    fn object(&self, model: &Model, depth: usize) -> Value {
        let mut object = Map::new();
        for (index, field) in model.fields.iter().enumerate() {
            let names_a_model = matches!(
                field.ty.innermost(),
                FieldType::Model(_) | FieldType::Opaque(_) | FieldType::Replaced { .. } | FieldType::EnumOff { .. }
            );
            if depth >= MAX_DEPTH && !field.required && names_a_model {
                continue;
            }
            let value = self.value(&field.ty, depth, index);
            object.insert(field.wire_name.clone(), value);
        }
        Value::Object(object)
    }

    fn value(&self, ty: &FieldType, depth: usize, salt: usize) -> Value {
        match ty {
            FieldType::String => json!(format!("text-{salt}")),
            FieldType::Integer => json!(40 + salt as i64),
            FieldType::Int32 => json!(30 + salt as i32),
            FieldType::Float => json!(1.5 + salt as f64),
            FieldType::Float32 => json!(0.5 + salt as f64),
            FieldType::Enum(target) => self.enum_value(&target.name, salt),
            FieldType::Bool => json!(salt.is_multiple_of(2)),
            FieldType::DateTime => json!("2024-05-01T12:30:45.123Z"),
            FieldType::Date => json!("2024-05-01"),
            FieldType::Object => json!({"any": [1, "two", {"three": null}]}),
            FieldType::List(inner) => json!([self.value(inner, depth, salt + 1)]),
            FieldType::Map(inner) => json!({"key": self.value(inner, depth, salt + 1)}),
            FieldType::Replaced { rust_type, .. } | FieldType::Configured { rust_type, .. } => self.custom(rust_type),
            // An enum page turned off: a `String`.
            FieldType::EnumOff { .. } => self.custom("String"),
            FieldType::Model(target) => match self.models[target.name.as_str()] {
                model if model.kind == ModelKind::Enum => self.enum_value(&target.name, salt),
                model => self.object(model, depth + 1),
            },
            // No page: an opaque JSON value.
            FieldType::Opaque(_) => json!({"opaque": [salt]}),
        }
    }

    /// One of the values an enum lists (which one depends on `salt`).
    fn enum_value(&self, name: &str, salt: usize) -> Value {
        let declared = self.enums[name];
        json!(declared.values[salt % declared.values.len()].value)
    }

    /// A value for a type the configuration chose.
    fn custom(&self, rust_type: &str) -> Value {
        match rust_type.trim_start_matches("::") {
            "chrono::NaiveDateTime" => json!("2024-05-01T12:30:45.123"),
            "uuid::Uuid" => json!("67e55044-10b1-426f-9247-bb680e5fe0c8"),
            "std::string::String" | "String" => json!("2024-05"),
            other => panic!("no sample for the configured type `{other}`"),
        }
    }
}
