//! Which configured derives (`[output] derives`, `[models.X] derives`) each
//! generated type gets: a derive is applied only where it holds, so the
//! crate compiles; what is skipped is one summary warning.
//!
//! The std derives are checked against what each Rust type implements
//! (`f64` has no `Eq`, `Hash` or `Ord`; `serde_json::Value` has `Eq` and
//! `Hash` but no `PartialOrd`; `HashMap` has no `Hash` or `PartialOrd`;
//! nothing holding a `String` is `Copy`). A model has a derive when every
//! field's type has it, models included: the greatest fixed point over the
//! model graph (a cycle through `Box` does not block `Eq`). `Default` is
//! derived already wherever it can be (`Model::derive_default`). Types from
//! `[types]` cannot be seen: they are trusted to implement the derives, and
//! a note says so. Derives mdmodels does not know (`schemars::JsonSchema`)
//! are applied as configured.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::config::{DateTimeBackend, MapType, Options, Selector};
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::schema::{Field, Model, ModelKind, Schema, SourceLocation, FieldType};

/// The derives every generated enum has.
pub const ENUM_DERIVES: [&str; 5] = ["Debug", "Clone", "PartialEq", "Eq", "Hash"];

/// A std derive mdmodels checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Checked {
    Copy,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
}


impl Checked {
    fn name(self) -> &'static str {
        match self {
            Checked::Copy => "Copy",
            Checked::Eq => "Eq",
            Checked::PartialOrd => "PartialOrd",
            Checked::Ord => "Ord",
            Checked::Hash => "Hash",
            Checked::Default => "Default",
        }
    }
}

/// What a configured derive path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Known {
    /// `Debug`, `Clone`, `PartialEq`: every generated type derives them already.
    Always,
    Checked(Checked),
    /// Anything else: applied as configured.
    Unknown,
}

/// `Eq`, `::std::cmp::Eq`, `core::cmp::Eq` name the std derive; `my::Eq` does not.
fn known(derive: &str) -> Known {
    let path: String = derive.chars().filter(|c| !c.is_whitespace()).collect();
    let path = path.trim_start_matches("::");
    let name = match path.split_once("::") {
        None => path,
        Some(("std" | "core", _)) => path.rsplit("::").next().unwrap_or(path),
        Some(_) => return Known::Unknown,
    };
    match name {
        "Debug" | "Clone" | "PartialEq" => Known::Always,
        "Copy" => Known::Checked(Checked::Copy),
        "Eq" => Known::Checked(Checked::Eq),
        "PartialOrd" => Known::Checked(Checked::PartialOrd),
        "Ord" => Known::Checked(Checked::Ord),
        "Hash" => Known::Checked(Checked::Hash),
        "Default" => Known::Checked(Checked::Default),
        _ => Known::Unknown,
    }
}

/// Why a type cannot have a derive.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Blocker {
    /// A field whose type lacks it: the field's index and what lacks it.
    Field(usize, String),
    /// The `additional_properties` map of `keep-unknown-fields`.
    UnknownFields(String),
    /// A generated enum (its `Other(String)` variant; no default variant).
    EnumType,
    /// `Ord` needs `Eq` and `PartialOrd` on the same type.
    Needs(&'static str),
}

/// A generated type, as the derives see it.
struct Node<'a> {
    /// The doc name types refer to it by (`Call`, `Call.StateEnum`).
    name: &'a str,
    shape: Shape<'a>,
    /// The configured derives, deduplicated, in configuration order.
    configured: Vec<&'a str>,
    /// Where to point at when the whole type is the reason.
    source: Option<&'a SourceLocation>,
}

enum Shape<'a> {
    Struct(&'a Model),
    Enum,
    /// A `serde_json::Value` wrapper: a page without properties, or a name without a page.
    Opaque,
}

/// The configured derives of every generated type, and what was skipped.
pub struct Derives<'a> {
    /// Configured derives applied, by doc name of the type, in configuration order.
    applied: HashMap<&'a str, Vec<&'a str>>,
    /// `(derive, type's doc name, blocker, location)` of each skipped derive.
    skipped: Vec<(Checked, &'a str, String, Option<SourceLocation>)>,
    /// Configured Rust types (`[types]`) that applied derives rely on, and
    /// the first field holding each.
    trusted: BTreeMap<&'a str, &'a SourceLocation>,
    /// Whether `Hash` is applied anywhere (a `serde_json::Value` has it from 1.0.118).
    pub any_hash: bool,
}

impl<'a> Derives<'a> {
    /// The configured derives of the type named `name` (doc name) that it gets.
    pub fn of(&self, name: &str) -> &[&'a str] {
        self.applied.get(name).map_or(&[], Vec::as_slice)
    }

    /// One warning naming what was skipped (how many types per derive, the
    /// first few with the field that blocks it), and a note naming the
    /// configured types trusted to implement the derives.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        if !self.skipped.is_empty() {
            // In the order the configuration first names them.
            let mut counts: Vec<(Checked, usize)> = Vec::new();
            for (derive, ..) in &self.skipped {
                match counts.iter_mut().find(|(seen, _)| seen == derive) {
                    Some((_, count)) => *count += 1,
                    None => counts.push((*derive, 1)),
                }
            }
            let counts: Vec<String> = counts
                .iter()
                .map(|(derive, count)| format!("`{}` on {count} {}", derive.name(), if *count == 1 { "type" } else { "types" }))
                .collect();
            // Types whose own field blocks the derive come first: the rest
            // only hold such types.
            const EXAMPLES: usize = 3;
            let mut examples: Vec<&(Checked, &str, String, Option<SourceLocation>)> = self.skipped.iter().collect();
            examples.sort_by_key(|(_, _, why, _)| why.contains("does not derive") || why.contains("needs"));
            let location = examples[0].3.as_ref();
            let examples: Vec<String> = examples
                .iter()
                .take(EXAMPLES)
                .map(|(derive, name, why, _)| format!("`{}` on `{name}` ({why})", derive.name()))
                .collect();
            let more = if self.skipped.len() > EXAMPLES { ", ..." } else { "" };
            let mut diagnostic = Diagnostic::warning(
                DiagnosticKind::Derive,
                format!(
                    "configured derives not applied where the types cannot have them: {}; for example {}{more}",
                    counts.join(", "),
                    examples.join(", ")
                ),
            )
            .with_help("every other derive is applied; change the field's type in [types], or derive less");
            if let Some(location) = location {
                diagnostic = diagnostic.at(location.clone());
            }
            diagnostics.push(diagnostic);
        }
        if let Some(first) = self.trusted.values().min() {
            let types: Vec<String> = self.trusted.keys().map(|path| format!("`{path}`")).collect();
            diagnostics.push(
                Diagnostic::note(
                    DiagnosticKind::Derive,
                    format!(
                        "configured types are assumed to implement the configured derives of the models that hold them: {}",
                        types.join(", ")
                    ),
                )
                .at((*first).clone())
                .with_help("mdmodels cannot see a type from [types]; if one lacks a derive, the crate will not compile"),
            );
        }
        diagnostics
    }
}

/// Decides the configured derives of every generated type.
pub fn plan<'a>(schema: &'a Schema, options: &'a Options) -> Derives<'a> {
    let configured = |name: &str| -> Vec<&'a str> {
        let mut seen = BTreeSet::new();
        options
            .derives
            .iter()
            .chain(options.settings(&Selector::model(name)).into_iter().flat_map(|s| &s.derives))
            .map(String::as_str)
            .filter(|derive| known(derive) != Known::Always)
            .filter(|derive| seen.insert(known_key(derive)))
            .collect()
    };
    let mut nodes: Vec<Node<'a>> = Vec::new();
    for model in &schema.models {
        let model_derives = configured(&model.name);
        let shape = match model.kind {
            ModelKind::Enum => Shape::Enum,
            ModelKind::Struct if model.fields.is_empty() => Shape::Opaque,
            ModelKind::Struct => Shape::Struct(model),
        };
        if model.kind == ModelKind::Struct {
            // The enums a page declares get its model's derives.
            for declared in &model.enums {
                nodes.push(Node {
                    name: &declared.name,
                    shape: Shape::Enum,
                    configured: model_derives.clone(),
                    source: Some(&declared.source),
                });
            }
        }
        nodes.push(Node {
            name: &model.name,
            shape,
            configured: model_derives,
            source: Some(&model.source),
        });
    }
    for unresolved in &schema.unresolved {
        nodes.push(Node {
            name: &unresolved.name,
            shape: Shape::Opaque,
            configured: configured(&unresolved.name),
            source: Some(&unresolved.first_reference),
        });
    }
    // Every enum has `Eq` and `Hash` already.
    for node in nodes.iter_mut().filter(|node| matches!(node.shape, Shape::Enum)) {
        node.configured
            .retain(|derive| !matches!(known(derive), Known::Checked(Checked::Eq | Checked::Hash)));
    }
    if nodes.iter().all(|node| node.configured.is_empty()) {
        return Derives {
            applied: HashMap::new(),
            skipped: Vec::new(),
            trusted: BTreeMap::new(),
            any_hash: false,
        };
    }
    let index_of: HashMap<&str, usize> = nodes.iter().enumerate().map(|(index, node)| (node.name, index)).collect();
    // has[node] holds the checked derives the node is configured with and
    // can have; derives are removed until nothing changes.
    let mut has: Vec<BTreeSet<Checked>> = nodes
        .iter()
        .map(|node| node.configured.iter().filter_map(|derive| match known(derive) {
            Known::Checked(checked) => Some(checked),
            _ => None,
        }).collect())
        .collect();
    let mut blockers: Vec<BTreeMap<Checked, Blocker>> = vec![BTreeMap::new(); nodes.len()];
    let enums: HashSet<&str> = nodes.iter().filter(|node| matches!(node.shape, Shape::Enum)).map(|node| node.name).collect();
    let checker = Checker {
        options,
        index_of: &index_of,
        enums: &enums,
    };
    loop {
        let mut changed = false;
        for (index, node) in nodes.iter().enumerate() {
            for derive in has[index].clone() {
                if let Some(blocker) = checker.blocker(node, derive, &has) {
                    has[index].remove(&derive);
                    blockers[index].insert(derive, blocker);
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let mut applied = HashMap::new();
    let mut skipped = Vec::new();
    let mut trusted: BTreeMap<&str, &SourceLocation> = BTreeMap::new();
    let mut any_hash = false;
    for (index, node) in nodes.iter().enumerate() {
        let mut derives = Vec::new();
        for &derive in &node.configured {
            match known(derive) {
                Known::Checked(checked) if !has[index].contains(&checked) => {
                    // Default where it can be derived is there already.
                    if checked == Checked::Default && checker.has_default(node) {
                        continue;
                    }
                    let blocker = blockers[index].get(&checked).cloned().unwrap_or(Blocker::EnumType);
                    let (why, location) = describe(node, checked, &blocker, schema);
                    skipped.push((checked, node.name, why, location.or_else(|| node.source.cloned())));
                }
                Known::Checked(checked) => {
                    any_hash |= checked == Checked::Hash;
                    if let Shape::Struct(model) = node.shape {
                        for field in &model.fields {
                            if let Some(path) = configured_path(&field.ty) {
                                let first = trusted.entry(path).or_insert(&field.source);
                                if field.source < **first {
                                    *first = &field.source;
                                }
                            }
                        }
                    }
                    derives.push(derive);
                }
                _ => derives.push(derive),
            }
        }
        applied.insert(node.name, derives);
    }
    Derives {
        applied,
        skipped,
        trusted,
        any_hash,
    }
}

/// The key two spellings of one derive share (`Eq`, `::std::cmp::Eq`).
fn known_key(derive: &str) -> String {
    match known(derive) {
        Known::Checked(checked) => checked.name().to_string(),
        _ => derive.chars().filter(|c| !c.is_whitespace()).collect::<String>().trim_start_matches("::").to_string(),
    }
}

/// A skipped derive's reason, in words, and where it is.
fn describe(node: &Node, derive: Checked, blocker: &Blocker, schema: &Schema) -> (String, Option<SourceLocation>) {
    if let (Checked::Default, Shape::Struct(model)) = (derive, &node.shape) {
        return no_default(model, schema);
    }
    match (blocker, &node.shape) {
        (Blocker::Field(field, what), Shape::Struct(model)) => {
            let field = &model.fields[*field];
            (format!("field `{}`: {what}", field.doc_name), Some(field.source.clone()))
        }
        (Blocker::UnknownFields(what), _) => (format!("`additional_properties`: {what}"), None),
        (Blocker::Needs(needs), _) => (format!("`{}` needs {needs} too", derive.name()), None),
        (Blocker::EnumType, Shape::Enum) if derive == Checked::Default => ("an enum has no default value".to_string(), None),
        (Blocker::EnumType, Shape::Enum) => (format!("its `Other(String)` variant has no `{}`", derive.name()), None),
        (_, Shape::Opaque) => (format!("`serde_json::Value` has no `{}`", derive.name()), None),
        _ => (format!("no `{}`", derive.name()), None),
    }
}

/// The first required field of a struct without `Default` whose type has
/// none (what `resolve` found: `Model::derive_default`), in words.
fn no_default(model: &Model, schema: &Schema) -> (String, Option<SourceLocation>) {
    let derivable: HashMap<&str, (bool, ModelKind)> = schema.models.iter().map(|m| (m.name.as_str(), (m.derive_default, m.kind))).collect();
    let blocking = model.fields.iter().filter(|field| field.required).find_map(|field| {
        let why = match &field.ty {
            FieldType::Configured { .. } | FieldType::Replaced { .. } | FieldType::EnumOff { .. } => {
                format!("the configured `{}` is not known to have one", configured_path(&field.ty).unwrap_or_default())
            }
            FieldType::Enum(_) => "an enum has no default value".to_string(),
            FieldType::Model(target) => match derivable.get(target.name.as_str()) {
                Some((_, ModelKind::Enum)) => format!("`{}` is an enum, which has no default value", target.name),
                Some((false, _)) => format!("`{}` does not derive `Default`", target.name),
                _ => return None,
            },
            ty if ty.holds_time() => "`time` dates have no `Default`".to_string(),
            _ => return None,
        };
        Some((format!("field `{}`: {why}", field.doc_name), Some(field.source.clone())))
    });
    blocking.unwrap_or_else(|| ("no `Default`".to_string(), None))
}

/// What the Rust types emit writes implement.
struct Checker<'a> {
    options: &'a Options,
    index_of: &'a HashMap<&'a str, usize>,
    /// The doc names of the generated enums.
    enums: &'a HashSet<&'a str>,
}

impl Checker<'_> {
    /// Why `node` cannot have `derive` given what the others have now, if it cannot.
    fn blocker(&self, node: &Node, derive: Checked, has: &[BTreeSet<Checked>]) -> Option<Blocker> {
        if derive == Checked::Ord {
            let own = &has[self.index_of[node.name]];
            let has_eq = own.contains(&Checked::Eq) || matches!(node.shape, Shape::Enum);
            if !has_eq || !own.contains(&Checked::PartialOrd) {
                return Some(Blocker::Needs(if matches!(node.shape, Shape::Enum) { "`PartialOrd`" } else { "`Eq` and `PartialOrd`" }));
            }
        }
        if derive == Checked::Default {
            // Derived already where it can be, so never added.
            return Some(Blocker::EnumType);
        }
        match node.shape {
            Shape::Enum => (derive == Checked::Copy).then_some(Blocker::EnumType),
            Shape::Opaque => self.type_lacks(&FieldType::Object, derive, has).map(|_| Blocker::EnumType),
            Shape::Struct(model) => {
                for (index, field) in model.fields.iter().enumerate() {
                    if let Some(what) = self.field_lacks(field, derive, has) {
                        return Some(Blocker::Field(index, what));
                    }
                }
                if self.options.keep_unknown_fields {
                    if let Some(what) = self.type_lacks(&FieldType::Map(Box::new(FieldType::Object)), derive, has) {
                        return Some(Blocker::UnknownFields(what));
                    }
                }
                None
            }
        }
    }

    /// Whether the type already derives `Default` (structs where
    /// `derive_default`, every opaque wrapper).
    fn has_default(&self, node: &Node) -> bool {
        match node.shape {
            Shape::Struct(model) => model.derive_default,
            Shape::Opaque => true,
            Shape::Enum => false,
        }
    }

    fn field_lacks(&self, field: &Field, derive: Checked, has: &[BTreeSet<Checked>]) -> Option<String> {
        if field.boxed && derive == Checked::Copy {
            return Some("`Box` is not `Copy`".to_string());
        }
        self.type_lacks(&field.ty, derive, has)
    }

    /// What in `ty` lacks `derive`, in words, if anything.
    fn type_lacks(&self, ty: &FieldType, derive: Checked, has: &[BTreeSet<Checked>]) -> Option<String> {
        let lacks = |what: &str| Some(format!("`{what}` has no `{}`", derive.name()));
        match ty {
            FieldType::String => (derive == Checked::Copy).then(|| lacks("String")).flatten(),
            FieldType::Integer | FieldType::Int32 | FieldType::Bool => None,
            FieldType::Float | FieldType::Float32 => {
                let name = if *ty == FieldType::Float { "f64" } else { "f32" };
                matches!(derive, Checked::Eq | Checked::Ord | Checked::Hash).then(|| lacks(name)).flatten()
            }
            FieldType::DateTime | FieldType::Date => match self.options.datetime {
                DateTimeBackend::String => (derive == Checked::Copy).then(|| lacks("String")).flatten(),
                DateTimeBackend::Chrono | DateTimeBackend::Time => None,
            },
            // serde_json 1.0.118 and later: `Eq` and `Hash`.
            FieldType::Object => matches!(derive, Checked::Copy | Checked::PartialOrd | Checked::Ord)
                .then(|| lacks("serde_json::Value"))
                .flatten(),
            FieldType::List(inner) => match derive {
                Checked::Copy => lacks("Vec"),
                _ => self.type_lacks(inner, derive, has),
            },
            FieldType::Map(inner) => match (self.options.map, derive) {
                (_, Checked::Copy) | (MapType::Hash, Checked::Hash | Checked::PartialOrd | Checked::Ord) => {
                    lacks(if self.options.map == MapType::Hash { "HashMap" } else { "BTreeMap" })
                }
                _ => self.type_lacks(inner, derive, has),
            },
            // Types from the configuration are trusted (the note says so).
            FieldType::Replaced { .. } | FieldType::EnumOff { .. } | FieldType::Configured { .. } => None,
            FieldType::Model(target) | FieldType::Enum(target) | FieldType::Opaque(target) => {
                let name = &target.name;
                match self.index_of.get(name.as_str()) {
                    Some(&target) if has[target].contains(&derive) => None,
                    // Every generated enum has `Eq` and `Hash`.
                    Some(_) if matches!(derive, Checked::Eq | Checked::Hash) && self.is_enum(name) => None,
                    Some(_) => Some(format!("`{name}` does not derive `{}`", derive.name())),
                    None => self.type_lacks(&FieldType::Object, derive, has),
                }
            }
        }
    }

    fn is_enum(&self, name: &str) -> bool {
        self.enums.contains(name)
    }
}

/// The configured Rust type a field's type is or holds, as emit writes it:
/// an enum page turned off is a `String`.
fn configured_path(ty: &FieldType) -> Option<&str> {
    match ty.innermost() {
        FieldType::EnumOff { .. } => Some(super::types::STRING),
        other => other.configured(),
    }
}
