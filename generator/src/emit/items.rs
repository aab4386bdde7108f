//! The items of the generated files (a model's struct or enum, an opaque
//! wrapper, `lib.rs`'s `mod` and `use` lines) as plain data, which the
//! printer (`text.rs`) writes.

use std::borrow::Cow;

/// A struct (or an opaque wrapper), its attributes and fields.
#[derive(Debug, Clone)]
pub struct StructDef {
    /// `#[doc]` values, each a line: `" Text"`, or `""` for an empty line.
    pub docs: Vec<String>,
    /// Derive paths as written (`Debug`, `::serde::Serialize`, or a
    /// configured one).
    pub derives: Vec<Cow<'static, str>>,
    /// The arguments of a `#[serde(...)]` on the struct (derive mode).
    pub serde: Vec<SerdeArg>,
    /// Configured attributes, as written (`#[non_exhaustive]`).
    pub attributes: Vec<String>,
    pub name: String,
    pub fields: Fields,
}

#[derive(Debug, Clone)]
pub enum Fields {
    /// `{ pub a: A, ... }`
    Named(Vec<FieldDef>),
    /// `(pub ::serde_json::Value);`: the wrapper of a name without a page.
    Opaque,
}

#[derive(Debug, Clone)]
pub struct FieldDef {
    pub docs: Vec<String>,
    /// The arguments of the field's `#[serde(...)]` (derive mode), in order.
    pub serde: Vec<SerdeArg>,
    /// Configured attributes, as written.
    pub attributes: Vec<String>,
    pub name: String,
    pub ty: Ty,
}

/// One argument of a `#[serde(...)]` attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SerdeArg {
    Rename(String),
    Default,
    SkipSerializingIfNone,
    Flatten,
    Transparent,
    /// `with = "path"`: the module that (de)serializes the field.
    With(&'static str),
}

/// A field's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// A path without generic arguments that mdmodels writes:
    /// `::std::string::String`, `i64`.
    Path(Cow<'static, str>),
    /// A path that mdmodels writes, with generic arguments: `::std::vec::Vec<T>`.
    Generic(&'static str, Vec<Ty>),
    /// A generated type, by its Rust name: `super::Name`.
    Model(String),
    /// A Rust type from the configuration, as written.
    Configured(String),
}

/// An enum: a unit variant per value, then one holding any other value.
#[derive(Debug, Clone)]
pub struct EnumDef {
    pub docs: Vec<String>,
    /// Derive paths as written: `Debug, Clone, PartialEq, Eq, Hash`, then
    /// the configured ones the enum can have.
    pub derives: Vec<Cow<'static, str>>,
    pub name: String,
    pub variants: Vec<VariantDef>,
    /// The name of the `Other(::std::string::String)` variant.
    pub other: String,
}

#[derive(Debug, Clone)]
pub struct VariantDef {
    pub docs: Vec<String>,
    pub name: String,
}

/// `pub mod name;`
#[derive(Debug, Clone)]
pub struct ModDecl {
    pub name: String,
    /// `#[doc(hidden)]` on it.
    pub hidden: bool,
    /// `#[cfg(feature = "name")]` on it.
    pub gated: bool,
}

/// `pub use module::Name;` or `pub use module::{A, B};`
#[derive(Debug, Clone)]
pub struct UseDecl {
    pub module: String,
    pub names: Vec<String>,
    /// `#[cfg(feature = "module")]` on it.
    pub gated: bool,
}

#[derive(Debug, Clone)]
pub enum Item {
    Struct(StructDef),
    Enum(EnumDef),
    Mod(ModDecl),
    Use(UseDecl),
}

/// The doc of the `Other` variant.
pub const OTHER_VARIANT_DOC: &str = " A value this crate does not list, as sent.";

/// The text of a file of `//!` lines (doc values, see `StructDef::docs`)
/// and items.
pub fn file_text(inner_docs: &[String], items: &[Item]) -> String {
    let mut out = String::with_capacity(2048);
    write_file_text(&mut out, inner_docs, items);
    out
}

/// `file_text`, appended to `out`.
pub fn write_file_text(out: &mut String, inner_docs: &[String], items: &[Item]) {
    super::text::write_file(out, inner_docs, items);
}
