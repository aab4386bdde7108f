//! The items of the generated files (a model's struct or enum, an opaque
//! wrapper, `lib.rs`'s `mod` and `use` lines) as plain data, printed one of
//! two ways:
//!
//! - as text, directly (`text.rs`): the fast path, about thirty times faster
//!   than the other (what a 6,220-model run spent most of its time on);
//! - as tokens (quote), parsed by syn and printed by prettyplease: the
//!   reference the text must equal byte for byte, and the fallback for what
//!   the text printer does not know (user attributes, configured types and
//!   derives that are not plain paths, lines it would have to break in a way
//!   it does not model).
//!
//! `file_text` picks: text when the text printer accepts every part of the
//! file, else the tokens (for the whole file). The unit tests in `tests.rs` compare both printers
//! over a varied set of items; they guard any change to either.

use std::borrow::Cow;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

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

/// The formatted text of a file of `//!` lines (doc values, see
/// `StructDef::docs`) and items: prettyplease's output for their tokens,
/// written directly when the text printer can.
pub fn file_text(inner_docs: &[String], items: &[Item]) -> String {
    let mut out = String::with_capacity(2048);
    write_file_text(&mut out, inner_docs, items);
    out
}

/// `file_text`, appended to `out`.
pub fn write_file_text(out: &mut String, inner_docs: &[String], items: &[Item]) {
    let start = out.len();
    if super::text::write_file(out, inner_docs, items).is_none() {
        out.truncate(start);
        out.push_str(&super::format_tokens(file_tokens(inner_docs, items)));
    }
}

/// The tokens of a file of `//!` lines and items.
pub fn file_tokens(inner_docs: &[String], items: &[Item]) -> TokenStream {
    let docs = inner_docs.iter().map(|doc| quote! { #![doc = #doc] });
    let items = items.iter().map(Item::tokens);
    quote! { #(#docs)* #(#items)* }
}

impl Item {
    fn tokens(&self) -> TokenStream {
        match self {
            Item::Struct(def) => def.tokens(),
            Item::Enum(def) => def.tokens(),
            Item::Mod(decl) => {
                let name = ident(&decl.name);
                let hidden = decl.hidden.then(|| quote! { #[doc(hidden)] });
                let gate = feature_gate(&decl.name, decl.gated);
                quote! { #hidden #gate pub mod #name; }
            }
            Item::Use(decl) => {
                let module = ident(&decl.module);
                let names = decl.names.iter().map(|name| ident(name));
                let gate = feature_gate(&decl.module, decl.gated);
                if decl.names.len() == 1 {
                    quote! { #gate pub use #module::#(#names)*; }
                } else {
                    quote! { #gate pub use #module::{#(#names),*}; }
                }
            }
        }
    }
}

/// `#[cfg(feature = "module")]` when `gated`.
fn feature_gate(module: &str, gated: bool) -> Option<TokenStream> {
    gated.then(|| quote! { #[cfg(feature = #module)] })
}

impl StructDef {
    fn tokens(&self) -> TokenStream {
        let docs = doc_tokens(&self.docs);
        let derives = self.derives.iter().map(|derive| validated_tokens(derive));
        let serde = serde_tokens(&self.serde);
        let attributes = self.attributes.iter().map(|attribute| validated_tokens(attribute));
        let name = ident(&self.name);
        let body = match &self.fields {
            Fields::Named(fields) => {
                let fields = fields.iter().map(FieldDef::tokens);
                quote! { { #(#fields)* } }
            }
            Fields::Opaque => quote! { (pub ::serde_json::Value); },
        };
        quote! {
            #(#docs)*
            #[derive(#(#derives),*)]
            #serde
            #(#attributes)*
            pub struct #name #body
        }
    }
}

impl FieldDef {
    fn tokens(&self) -> TokenStream {
        let docs = doc_tokens(&self.docs);
        let serde = serde_tokens(&self.serde);
        let attributes = self.attributes.iter().map(|attribute| validated_tokens(attribute));
        let name = ident(&self.name);
        let ty = self.ty.tokens();
        quote! {
            #(#docs)*
            #serde
            #(#attributes)*
            pub #name: #ty,
        }
    }
}

impl Ty {
    fn tokens(&self) -> TokenStream {
        match self {
            Ty::Path(path) => validated_tokens(path),
            Ty::Generic(path, args) => {
                let path = validated_tokens(path);
                let args = args.iter().map(Ty::tokens);
                quote! { #path<#(#args),*> }
            }
            Ty::Model(name) => {
                let name = ident(name);
                quote! { super::#name }
            }
            Ty::Configured(path) => validated_tokens(path),
        }
    }
}

impl EnumDef {
    fn tokens(&self) -> TokenStream {
        let docs = doc_tokens(&self.docs);
        let derives = self.derives.iter().map(|derive| validated_tokens(derive));
        let name = ident(&self.name);
        let variants = self.variants.iter().map(|variant| {
            let docs = doc_tokens(&variant.docs);
            let name = ident(&variant.name);
            quote! { #(#docs)* #name, }
        });
        let other = ident(&self.other);
        quote! {
            #(#docs)*
            #[derive(#(#derives),*)]
            pub enum #name {
                #(#variants)*
                #[doc = #OTHER_VARIANT_DOC]
                #other(::std::string::String),
            }
        }
    }
}

impl SerdeArg {
    fn tokens(&self) -> TokenStream {
        match self {
            SerdeArg::Rename(wire) => quote! { rename = #wire },
            SerdeArg::Default => quote! { default },
            SerdeArg::SkipSerializingIfNone => quote! { skip_serializing_if = "::std::option::Option::is_none" },
            SerdeArg::Flatten => quote! { flatten },
            SerdeArg::Transparent => quote! { transparent },
            SerdeArg::With(path) => quote! { with = #path },
        }
    }
}

fn doc_tokens(docs: &[String]) -> impl Iterator<Item = TokenStream> + '_ {
    docs.iter().map(|doc| quote! { #[doc = #doc] })
}

fn serde_tokens(args: &[SerdeArg]) -> Option<TokenStream> {
    (!args.is_empty()).then(|| {
        let args = args.iter().map(SerdeArg::tokens);
        quote! { #[serde(#(#args),*)] }
    })
}

/// The tokens of a Rust type, derive path or attribute: one mdmodels writes,
/// or one from the options, which `Options::validate` has parsed with syn
/// before any run gets here (`Generator::load`). There is no fallback: text
/// that does not lex is a bug to fix where options enter, not a type to
/// replace quietly.
pub fn validated_tokens(text: &str) -> TokenStream {
    text.parse()
        .unwrap_or_else(|error| panic!("`{text}` does not lex ({error}); Options::validate should have refused it"))
}

pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}
