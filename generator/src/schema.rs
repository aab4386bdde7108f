//! The intermediate representation: plain data between resolving and emission.
//!
//! `parse` gives what the pages say (`parse::PageModel`: doc names, type
//! expressions as written, notes); `resolve` makes this schema, where every
//! name is final and every field's type says what it refers to (a generated
//! model or enum, a configured Rust type, or an opaque name without a page),
//! so emission looks nothing up. Everything here is serializable so
//! `mdmodels schema` can print it, and every collection is ordered so output
//! never depends on discovery order.

use serde::Serialize;

/// The whole input, resolved and ready to emit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Schema {
    /// Models with a page, sorted by doc name.
    pub models: Vec<Model>,
    /// Names referenced by some field but defined by no page, sorted.
    /// They are emitted as opaque wrappers around `serde_json::Value`.
    pub unresolved: Vec<UnresolvedModel>,
    /// Model names the configuration replaces with a Rust type (`[types]`),
    /// which is used wherever the name is referenced (such a model is not
    /// emitted; its references are `FieldType::Replaced`).
    pub replaced: std::collections::BTreeMap<String, String>,
    /// Each input set (an input folder), with the SDK language its pages
    /// were read in and why; sorted.
    pub inputs: Vec<InputSet>,
}

/// The pages of one input folder (or those given in memory), which decide
/// their SDK language together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputSet {
    /// The input folder, as the page paths start.
    pub input: String,
    pub pages: usize,
    /// The SDK language every page was read in (`unknown`: each page in the
    /// language of its own types).
    pub language: crate::parse::type_expr::Language,
    /// Why: the configuration, an SDK footer, or the vote of the pages.
    pub reason: String,
    /// The case every JSON key is spelled in, and why, when not the
    /// language's rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wire_case: Option<String>,
}

/// Where a field's JSON name comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WireSource {
    /// The SDK language's rule: snake_case and PascalCase joined into
    /// camelCase, camelCase kept, escapes undone.
    Rule,
    /// The page prints the key itself (TypeScript).
    AsWritten,
    /// The rule, with words joined into an acronym the input set's
    /// identifiers spell in capitals (`host_ip` -> `hostIP`).
    Acronym,
    /// A description on the model's page quotes the key (`If markedNA is true`).
    Description,
    /// `[input] wire-case` (or `--wire-case`).
    WireCase,
    /// The case the input set's descriptions quote keys in.
    QuotedCase,
    /// `[wire-names]` in the configuration.
    Config,
}

/// A model referenced by a field but without a page of its own.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnresolvedModel {
    /// The name as the pages write it.
    pub name: String,
    /// The Rust type name.
    pub rust_name: String,
    /// The Rust module (and file stem) it is emitted into.
    pub module_name: String,
    /// The first place that references it.
    pub first_reference: SourceLocation,
}

/// A model page that failed to parse (its errors are reported), by the name
/// its heading gives: references to it are not "missing pages".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedModel {
    pub name: String,
    /// Where the model's heading is.
    pub source: SourceLocation,
}

/// A file, line and column in the input (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SourceLocation {
    /// Path of the page relative to the input it was found under.
    pub file: String,
    pub line: u32,
    pub column: u32,
}

/// One model page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Model {
    /// The name the page gives (heading or front-matter title).
    pub name: String,
    /// The Rust type name.
    pub rust_name: String,
    /// The Rust module (and file stem) the model is emitted into.
    pub module_name: String,
    /// Text between the heading and the properties table.
    pub description: Option<String>,
    /// The page's path relative to the input folder it was found in; the
    /// generated docs name it.
    pub page: String,
    /// Where the model's heading is.
    pub source: SourceLocation,
    /// What the page declares: a struct of `fields`, or an enum (`enums[0]`).
    pub kind: ModelKind,
    pub fields: Vec<Field>,
    /// The enums the page declares that its fields use (`## Enum: StateEnum`),
    /// emitted beside the model; for an enum page, the enum itself.
    pub enums: Vec<EnumType>,
    /// Whether `Default` can be derived (every required field's type has a default).
    pub derive_default: bool,
    /// The estimated `size_of` of the generated type in bytes, after boxing
    /// (`resolve::size`).
    pub size: u32,
}

/// What a model page declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelKind {
    /// A `## Properties` table: a struct.
    Struct,
    /// Only a list of values (`## Enum`): an enum named like the model.
    Enum,
}

/// A set of string values, emitted as a Rust enum with a variant per value
/// and one more for values added after the page was written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumType {
    /// How fields' types name it: `Call.StateEnum` for the enum a page
    /// declares (`## Enum: StateEnum`), the model name for an enum page.
    pub name: String,
    /// The first field whose type it is (doc name), for naming and docs.
    pub field: Option<String>,
    /// The Rust type name.
    pub rust_name: String,
    pub description: Option<String>,
    pub values: Vec<EnumValue>,
    /// The variant that keeps a value the page does not list: `Other(String)`.
    pub other_variant: String,
    /// Where the enum's heading is.
    pub source: SourceLocation,
}

/// One value of an enum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnumValue {
    /// The name the page gives the value (`ALERTING`), if any.
    pub name: Option<String>,
    /// The value on the wire (`alerting`).
    pub value: String,
    /// The Rust variant name.
    pub rust_name: String,
}

/// One row of a properties table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// The name as the page writes it (`social_media_id`).
    pub doc_name: String,
    /// The JSON key on the wire (`socialMediaId`).
    pub wire_name: String,
    /// Where `wire_name` comes from.
    pub wire_source: WireSource,
    /// The Rust field name (`social_media_id`, `type_`).
    pub rust_name: String,
    /// The field's type, every reference resolved.
    #[serde(rename = "type")]
    pub ty: FieldType,
    pub description: Option<String>,
    /// False when the Notes column says `[optional]`.
    pub required: bool,
    /// The value of a `[default to X]` note.
    pub default: Option<String>,
    /// A `[readonly]` note.
    pub readonly: bool,
    /// Whether the field is boxed: to break a reference cycle, or to keep
    /// its struct within `max-struct-size`.
    pub boxed: bool,
    /// Where the row is (at the Name cell).
    pub source: SourceLocation,
    /// The column of the Type cell on the row's line (at the model name in
    /// it, for a reference): where problems with the type are shown.
    pub type_column: u32,
}

impl Field {
    /// Where the field's type is written.
    pub fn type_source(&self) -> SourceLocation {
        SourceLocation {
            column: self.type_column,
            ..self.source.clone()
        }
    }
}

/// A field's type, resolved: what each name it refers to became.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    String,
    /// An integer of unknown or 64-bit width.
    Integer,
    Int32,
    /// A floating-point number of unknown or 64-bit width.
    Float,
    Float32,
    Bool,
    DateTime,
    Date,
    /// Any JSON value (`object`).
    Object,
    List(Box<FieldType>),
    /// String keys.
    Map(Box<FieldType>),
    /// A model with a page (a struct, or an enum page), generated.
    Model(TypeRef),
    /// An enum a page declares for its fields (`Call.StateEnum`), generated
    /// in that page's module.
    Enum(TypeRef),
    /// A name no page defines, generated as an opaque wrapper of the JSON
    /// value (warned about at its first reference).
    Opaque(TypeRef),
    /// A name the configuration maps to a Rust type (`[types]`).
    Replaced { name: String, rust_type: String },
    /// An enum page the configuration turns off (`enum = false`): its
    /// values are plain strings.
    EnumOff { name: String },
    /// The Rust type the configuration gives the field, in place of the
    /// page's type (`written`, as the page writes it).
    Configured { rust_type: String, written: String },
}

/// A generated type a field refers to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct TypeRef {
    /// The name as the pages write it (`Call`, `Call.StateEnum`).
    pub name: String,
    /// The Rust type name.
    pub rust_name: String,
    /// The Rust module (and file stem) it is emitted into.
    pub module: String,
}

impl FieldType {
    /// Whether a `datetime` or `date` is in this type, looking through lists and maps.
    pub fn holds_time(&self) -> bool {
        match self {
            FieldType::List(inner) | FieldType::Map(inner) => inner.holds_time(),
            FieldType::DateTime | FieldType::Date => true,
            _ => false,
        }
    }

    /// The type a list or map holds, or this type.
    pub fn innermost(&self) -> &FieldType {
        match self {
            FieldType::List(inner) | FieldType::Map(inner) => inner.innermost(),
            other => other,
        }
    }

    /// The name (as the pages write it) this type refers to, looking
    /// through lists and maps; not for a field's own configured type.
    pub fn referenced_name(&self) -> Option<&str> {
        match self.innermost() {
            FieldType::Model(target) | FieldType::Enum(target) | FieldType::Opaque(target) => Some(&target.name),
            FieldType::Replaced { name, .. } | FieldType::EnumOff { name } => Some(name),
            _ => None,
        }
    }

    /// The generated model or opaque wrapper this type refers to, looking
    /// through lists and maps.
    pub fn referenced_type(&self) -> Option<&TypeRef> {
        match self.innermost() {
            FieldType::Model(target) | FieldType::Opaque(target) => Some(target),
            _ => None,
        }
    }

    /// The Rust type from the configuration this type is or holds.
    pub fn configured(&self) -> Option<&str> {
        match self.innermost() {
            FieldType::Replaced { rust_type, .. } | FieldType::Configured { rust_type, .. } => Some(rust_type),
            _ => None,
        }
    }

    /// The model a field of this type holds inline (not behind a collection),
    /// the only kind of reference that can make a struct infinitely large.
    pub fn inline_model(&self) -> Option<&str> {
        match self {
            FieldType::Model(target) => Some(&target.name),
            _ => None,
        }
    }
}

/// The type as the pages write it (`list[Segment]`); a configured field
/// type shows the page's.
impl std::fmt::Display for FieldType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FieldType::String => f.write_str("str"),
            FieldType::Integer => f.write_str("int"),
            FieldType::Int32 => f.write_str("int32"),
            FieldType::Float => f.write_str("float"),
            FieldType::Float32 => f.write_str("float32"),
            FieldType::Bool => f.write_str("bool"),
            FieldType::DateTime => f.write_str("datetime"),
            FieldType::Date => f.write_str("date"),
            FieldType::Object => f.write_str("object"),
            FieldType::List(inner) => write!(f, "list[{inner}]"),
            FieldType::Map(inner) => write!(f, "dict(str, {inner})"),
            FieldType::Model(target) | FieldType::Enum(target) | FieldType::Opaque(target) => f.write_str(&target.name),
            FieldType::Replaced { name, .. } | FieldType::EnumOff { name } => f.write_str(name),
            FieldType::Configured { written, .. } => f.write_str(written),
        }
    }
}

/// A type as the pages write it, e.g. `dict(str, list[Segment])`: what
/// `parse` reads from a Type cell, before `resolve` gives names their targets.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeExpr {
    /// `str`
    String,
    /// `int`, `int64`, `Long`...: an integer of unknown or 64-bit width (`i64`).
    Integer,
    /// `int32`, Java's `Integer`, C#'s `int`: a 32-bit integer (`i32`).
    Int32,
    /// `float`, `double`, `number`...: a floating-point number (`f64`).
    Float,
    /// `float32`: a 32-bit float (`f32`).
    Float32,
    /// `bool`
    Bool,
    /// `datetime`
    DateTime,
    /// `date`
    Date,
    /// `object`: any JSON value.
    Object,
    /// `list[T]`
    List(Box<TypeExpr>),
    /// `dict(str, T)`: string keys.
    Map(Box<TypeExpr>),
    /// Any other name: a reference to a model.
    Model(String),
    /// An enum declared on the same page (`## Enum: StateEnum`), by its
    /// qualified name `Model.StateEnum`.
    Enum(String),
}

impl TypeExpr {
    /// The model this type refers to, looking through lists and maps.
    pub fn referenced_model(&self) -> Option<&str> {
        match self {
            TypeExpr::List(inner) | TypeExpr::Map(inner) => inner.referenced_model(),
            TypeExpr::Model(name) => Some(name),
            _ => None,
        }
    }

    /// This type with every model name `f` maps replaced by what it returns.
    pub fn map_models(self, f: &mut impl FnMut(String) -> TypeExpr) -> TypeExpr {
        match self {
            TypeExpr::List(inner) => TypeExpr::List(Box::new(inner.map_models(f))),
            TypeExpr::Map(inner) => TypeExpr::Map(Box::new(inner.map_models(f))),
            TypeExpr::Model(name) => f(name),
            other => other,
        }
    }

    /// This type with its enums replaced by `String` (enums turned off).
    pub fn without_enums(self) -> TypeExpr {
        match self {
            TypeExpr::List(inner) => TypeExpr::List(Box::new(inner.without_enums())),
            TypeExpr::Map(inner) => TypeExpr::Map(Box::new(inner.without_enums())),
            TypeExpr::Enum(_) => TypeExpr::String,
            other => other,
        }
    }

    /// This type with date-times read as dates (`list[datetime]` -> `list[date]`).
    pub fn dates_only(self) -> TypeExpr {
        match self {
            TypeExpr::List(inner) => TypeExpr::List(Box::new(inner.dates_only())),
            TypeExpr::Map(inner) => TypeExpr::Map(Box::new(inner.dates_only())),
            TypeExpr::DateTime => TypeExpr::Date,
            other => other,
        }
    }

    /// The page-local enum this type holds, looking through lists and maps.
    pub fn referenced_enum(&self) -> Option<&str> {
        match self {
            TypeExpr::List(inner) | TypeExpr::Map(inner) => inner.referenced_enum(),
            TypeExpr::Enum(name) => Some(name),
            _ => None,
        }
    }
}

impl std::fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TypeExpr::String => f.write_str("str"),
            TypeExpr::Integer => f.write_str("int"),
            TypeExpr::Int32 => f.write_str("int32"),
            TypeExpr::Float => f.write_str("float"),
            TypeExpr::Float32 => f.write_str("float32"),
            TypeExpr::Bool => f.write_str("bool"),
            TypeExpr::DateTime => f.write_str("datetime"),
            TypeExpr::Date => f.write_str("date"),
            TypeExpr::Object => f.write_str("object"),
            TypeExpr::List(inner) => write!(f, "list[{inner}]"),
            TypeExpr::Map(inner) => write!(f, "dict(str, {inner})"),
            TypeExpr::Model(name) | TypeExpr::Enum(name) => f.write_str(name),
        }
    }
}
