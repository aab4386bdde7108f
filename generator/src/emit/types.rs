//! Type mapping: the Rust type each schema type becomes (see the mapping
//! table in README.md), and the context every module's emission shares.

use std::borrow::Cow;

use super::derives;
use super::items::Ty;
use crate::config::{DateTimeBackend, MapType, Options};
use crate::schema::{FieldType, Schema};

/// What every module's emission needs to know about the whole schema,
/// built once per run and shared by the threads.
pub(super) struct Context<'a> {
    pub(super) options: &'a Options,
    /// The configured derives each type gets.
    pub(super) derives: derives::Derives<'a>,
}

impl<'a> Context<'a> {
    pub(super) fn new(schema: &'a Schema, options: &'a Options) -> Self {
        Context {
            options,
            derives: derives::plan(schema, options),
        }
    }
}

pub(super) const STRING: &str = "::std::string::String";

/// The Rust type of a field's type (see the mapping table in README.md).
pub(super) fn rust_type(ty: &FieldType, options: &Options) -> Ty {
    let path = |path: &'static str| Ty::Path(Cow::Borrowed(path));
    match ty {
        FieldType::String | FieldType::EnumOff { .. } => path(STRING),
        FieldType::Integer => path("i64"),
        FieldType::Int32 => path("i32"),
        FieldType::Float => path("f64"),
        FieldType::Float32 => path("f32"),
        FieldType::Bool => path("bool"),
        FieldType::DateTime => match options.datetime {
            DateTimeBackend::Chrono => Ty::Generic("::chrono::DateTime", vec![path("::chrono::Utc")]),
            DateTimeBackend::Time => path("::time::OffsetDateTime"),
            DateTimeBackend::String => path(STRING),
        },
        FieldType::Date => match options.datetime {
            DateTimeBackend::Chrono => path("::chrono::NaiveDate"),
            DateTimeBackend::Time => path("::time::Date"),
            DateTimeBackend::String => path(STRING),
        },
        FieldType::Object => path("::serde_json::Value"),
        FieldType::List(inner) => Ty::Generic("::std::vec::Vec", vec![rust_type(inner, options)]),
        FieldType::Map(inner) => Ty::Generic(map_type(options), vec![path(STRING), rust_type(inner, options)]),
        FieldType::Model(target) | FieldType::Enum(target) | FieldType::Opaque(target) => Ty::Model(target.rust_name.clone()),
        FieldType::Replaced { rust_type, .. } | FieldType::Configured { rust_type, .. } => Ty::Configured(rust_type.clone()),
    }
}

pub(super) fn map_type(options: &Options) -> &'static str {
    match options.map {
        MapType::BTree => "::std::collections::BTreeMap",
        MapType::Hash => "::std::collections::HashMap",
    }
}
