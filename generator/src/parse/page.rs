//! What `parse` makes of a model page: what the page says (doc names, types
//! as written, notes, the JSON key each row names) and nothing that follows
//! from the other pages. `resolve` turns these into the schema's `Model`s,
//! whose names and field types are final.

use crate::schema::{ModelKind, SourceLocation, TypeExpr, WireSource};

/// One model page, as parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct PageModel {
    /// The name the page gives (heading or front-matter title).
    pub name: String,
    /// Text between the heading and the properties table.
    pub description: Option<String>,
    /// The page's path relative to the input folder it was found in.
    pub page: String,
    /// Where the model's heading is.
    pub source: SourceLocation,
    /// What the page declares: a struct of `fields`, or an enum (`enums[0]`).
    pub kind: ModelKind,
    pub fields: Vec<PageField>,
    /// The enums the page declares that its fields use (`## Enum: StateEnum`,
    /// or an inline `Enum [ 'a', 'b' ]` type); for an enum page, the enum itself.
    pub enums: Vec<PageEnum>,
}

/// One row of a properties table, as parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct PageField {
    /// The name as the page writes it (`social_media_id`).
    pub doc_name: String,
    /// The JSON key the row names (`naming::field_wire_name`).
    pub wire_name: String,
    /// Where `wire_name` comes from.
    pub wire_source: WireSource,
    /// The type the page gives, parsed; a page-local enum by its qualified
    /// name (`TypeExpr::Enum("Call.StateEnum")`).
    pub ty: TypeExpr,
    pub description: Option<String>,
    /// False when the Notes column says `[optional]`.
    pub required: bool,
    /// The value of a `[default to X]` note.
    pub default: Option<String>,
    /// A `[readonly]` note.
    pub readonly: bool,
    /// Where the row is (at the Name cell).
    pub source: SourceLocation,
    /// The column of the Type cell on the row's line (at the model name in
    /// it, for a reference): where problems with the type are shown.
    pub type_column: u32,
}

impl PageField {
    /// Where the field's type is written.
    pub fn type_source(&self) -> SourceLocation {
        SourceLocation {
            column: self.type_column,
            ..self.source.clone()
        }
    }
}

/// A set of string values a page declares.
#[derive(Debug, Clone, PartialEq)]
pub struct PageEnum {
    /// How fields' types name it: `Call.StateEnum` for the enum a page
    /// declares (`## Enum: StateEnum`), the model name for an enum page.
    pub name: String,
    /// The first field whose type it is (doc name), for naming and docs.
    pub field: Option<String>,
    pub description: Option<String>,
    pub values: Vec<PageValue>,
    /// Where the enum's heading is.
    pub source: SourceLocation,
}

/// One value of an enum, as the page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageValue {
    /// The name the page gives the value (`ALERTING`), if any.
    pub name: Option<String>,
    /// The value on the wire (`alerting`).
    pub value: String,
}
