//! Type mapping: the Rust type each schema type becomes (see the mapping
//! table in README.md), and the context every module's emission shares.

use std::borrow::Cow;
use std::collections::HashMap;

use super::derives;
use super::items::Ty;
use crate::config::{DateTimeBackend, MapType, Options};
use crate::schema::{ModelKind, Schema, TypeExpr};

/// What every module's emission needs to know about the whole schema,
/// built once per run and shared by the threads.
pub(super) struct Context<'a> {
    /// Doc name -> the Rust type a reference to it becomes.
    types: HashMap<&'a str, TypeTarget<'a>>,
    pub(super) options: &'a Options,
    /// The configured derives each type gets.
    pub(super) derives: derives::Derives<'a>,
}

/// What a model reference becomes.
#[derive(Clone, Copy)]
pub(super) enum TypeTarget<'a> {
    /// A generated type: `super::Name`.
    Generated(&'a str),
    /// A Rust type path from the configuration.
    Configured(&'a str),
}

impl<'a> Context<'a> {
    pub(super) fn new(schema: &'a Schema, options: &'a Options) -> Self {
        let types = schema
            .models
            .iter()
            .map(|model| (model.name.as_str(), TypeTarget::Generated(model.rust_name.as_str())))
            .chain(schema.unresolved.iter().map(|u| (u.name.as_str(), TypeTarget::Generated(u.rust_name.as_str()))))
            .chain(schema.replaced.iter().map(|(name, path)| (name.as_str(), TypeTarget::Configured(path.as_str()))))
            .chain(
                schema
                    .models
                    .iter()
                    .filter(|model| model.kind == ModelKind::Struct)
                    .flat_map(|model| &model.enums)
                    .map(|declared| (declared.name.as_str(), TypeTarget::Generated(declared.rust_name.as_str()))),
            )
            .collect();
        Context {
            types,
            options,
            derives: derives::plan(schema, options),
        }
    }
}

pub(super) const STRING: &str = "::std::string::String";

/// The Rust type for a type expression (see the mapping table in README.md).
pub(super) fn rust_type(ty: &TypeExpr, context: &Context) -> Ty {
    let options = context.options;
    let path = |path: &'static str| Ty::Path(Cow::Borrowed(path));
    match ty {
        TypeExpr::String => path(STRING),
        TypeExpr::Integer => path("i64"),
        TypeExpr::Int32 => path("i32"),
        TypeExpr::Float => path("f64"),
        TypeExpr::Float32 => path("f32"),
        TypeExpr::Bool => path("bool"),
        TypeExpr::DateTime => match options.datetime {
            DateTimeBackend::Chrono => Ty::Generic("::chrono::DateTime", vec![path("::chrono::Utc")]),
            DateTimeBackend::Time => path("::time::OffsetDateTime"),
            DateTimeBackend::String => path(STRING),
        },
        TypeExpr::Date => match options.datetime {
            DateTimeBackend::Chrono => path("::chrono::NaiveDate"),
            DateTimeBackend::Time => path("::time::Date"),
            DateTimeBackend::String => path(STRING),
        },
        TypeExpr::Object => path("::serde_json::Value"),
        TypeExpr::List(inner) => Ty::Generic("::std::vec::Vec", vec![rust_type(inner, context)]),
        TypeExpr::Map(inner) => Ty::Generic(map_type(options), vec![path(STRING), rust_type(inner, context)]),
        TypeExpr::Model(name) | TypeExpr::Enum(name) => match context.types.get(name.as_str()) {
            Some(TypeTarget::Generated(rust_name)) => Ty::Model(rust_name.to_string()),
            Some(TypeTarget::Configured(configured)) => Ty::Configured(configured.to_string()),
            None => path("::serde_json::Value"),
        },
    }
}

pub(super) fn map_type(options: &Options) -> &'static str {
    match options.map {
        MapType::BTree => "::std::collections::BTreeMap",
        MapType::Hash => "::std::collections::HashMap",
    }
}
