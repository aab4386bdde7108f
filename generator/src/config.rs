//! What a user can set: from the CLI, the build.rs builder, or `mdmodels.toml`.
//!
//! Selectors name models and fields as the pages write them (`User`,
//! `User.id`, `ADFS.slo_uri`), never by their Rust names. Unknown keys and
//! selectors that match nothing are errors naming the key.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::schema::SourceLocation;

/// Options that shape the generated code.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The generated crate's package name.
    pub crate_name: String,
    /// The generated crate's version.
    pub crate_version: String,
    /// Extra `[dependencies]` lines for the generated `Cargo.toml`, by crate
    /// name (the value is TOML, e.g. `{ version = "1", features = ["serde"] }`),
    /// for types that replacements refer to.
    pub dependencies: BTreeMap<String, String>,
    /// Globs on page paths relative to their input folder; empty means all.
    pub include: Vec<String>,
    /// Globs on page paths relative to their input folder.
    pub exclude: Vec<String>,
    /// How `datetime` and `date` are represented.
    pub datetime: DateTimeBackend,
    /// The map type for `dict(str, T)`.
    pub map: MapType,
    /// Keep JSON fields the pages do not list in a flattened map, so they
    /// survive a round trip.
    pub keep_unknown_fields: bool,
    /// How the serde impls are written.
    pub serde_impls: SerdeImpls,
    /// Put every model behind a cargo feature of its own (crate layout only).
    pub features_per_model: bool,
    /// Emit Rust enums for the values pages declare (`## Enum: StateEnum`,
    /// enum pages); when off, such fields are `String`.
    pub enums: bool,
    /// The largest a generated struct may be, in bytes (estimated `size_of`):
    /// nested models are boxed, largest first, to keep a struct within it.
    pub max_struct_size: u32,
    /// Derives added to every struct (and enum) that can have them.
    pub derives: Vec<String>,
    /// Attributes added to every struct (`#[non_exhaustive]`).
    pub attributes: Vec<String>,
    /// Per-model and per-field settings, by selector.
    pub selectors: BTreeMap<Selector, Settings>,
}

/// `Model` or `Model.field`, as the pages write them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Selector {
    pub model: String,
    pub field: Option<String>,
}

impl Selector {
    pub fn parse(text: &str) -> Selector {
        match text.split_once('.') {
            Some((model, field)) => Selector {
                model: model.to_string(),
                field: Some(field.to_string()),
            },
            None => Selector {
                model: text.to_string(),
                field: None,
            },
        }
    }

    pub fn model(model: &str) -> Selector {
        Selector { model: model.to_string(), field: None }
    }

    pub fn field(model: &str, field: &str) -> Selector {
        Selector {
            model: model.to_string(),
            field: Some(field.to_string()),
        }
    }
}

impl std::fmt::Display for Selector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{}.{field}", self.model),
            None => f.write_str(&self.model),
        }
    }
}

/// What a selector sets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// The JSON name of a field.
    pub wire_name: Option<String>,
    /// A Rust type path replacing the model (everywhere it is used) or the field's type.
    pub rust_type: Option<String>,
    /// Extra derives (models only).
    pub derives: Vec<String>,
    /// Extra attributes on the struct or field.
    pub attributes: Vec<String>,
    /// `enum = false` on a field (or an enum page's model): a `String` instead.
    pub enum_: Option<bool>,
    /// Where the config file sets this, for "matches nothing" errors.
    pub location: Option<SourceLocation>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateTimeBackend {
    /// `chrono::DateTime<Utc>` and `chrono::NaiveDate`.
    #[default]
    Chrono,
    /// `String`: the text as sent.
    String,
    /// `time::OffsetDateTime` (RFC 3339) and `time::Date` (`YYYY-MM-DD`);
    /// needs the lean serde impls.
    Time,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SerdeImpls {
    /// Hand-written impls over a shared support module: several times less
    /// code for the compiler than the derive (see README, "Compile time").
    #[default]
    Lean,
    /// `#[derive(Serialize, Deserialize)]` with `#[serde(...)]` attributes,
    /// for users who add serde attributes of their own.
    Derive,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MapType {
    /// `std::collections::BTreeMap`: sorted keys, deterministic JSON.
    #[default]
    BTree,
    /// `std::collections::HashMap`.
    Hash,
}

/// The default `max-struct-size`: see the README ("Generated code") for the
/// measurements behind it.
pub const DEFAULT_MAX_STRUCT_SIZE: u32 = 4096;

/// The least `max-struct-size` accepted: below it, boxing would reach fields
/// too small to be worth an allocation, and still not meet the bound.
pub const MIN_MAX_STRUCT_SIZE: u32 = 256;

impl Default for Options {
    fn default() -> Self {
        Options {
            crate_name: "generated".to_string(),
            crate_version: "0.1.0".to_string(),
            dependencies: BTreeMap::new(),
            include: Vec::new(),
            exclude: Vec::new(),
            datetime: DateTimeBackend::default(),
            map: MapType::default(),
            keep_unknown_fields: false,
            serde_impls: SerdeImpls::default(),
            features_per_model: false,
            enums: true,
            max_struct_size: DEFAULT_MAX_STRUCT_SIZE,
            derives: Vec::new(),
            attributes: Vec::new(),
            selectors: BTreeMap::new(),
        }
    }
}

impl Options {
    /// The settings of `model` or `model.field`, if the config has any.
    pub fn settings(&self, selector: &Selector) -> Option<&Settings> {
        if self.selectors.is_empty() {
            return None;
        }
        self.selectors.get(selector)
    }

    /// The settings of `model.field`, if any; without building a selector
    /// when the configuration has none (the common case, once per field).
    pub fn field_settings(&self, model: &str, field: &str) -> Option<&Settings> {
        if self.selectors.is_empty() {
            return None;
        }
        self.selectors.get(&Selector::field(model, field))
    }

    /// The configured wire name of `model.field`, if any.
    pub fn wire_name_override(&self, model: &str, doc_name: &str) -> Option<&str> {
        self.field_settings(model, doc_name)?.wire_name.as_deref()
    }

    /// Whether the enum of `model` (an enum page) or of `model.field` is emitted.
    pub fn enum_enabled(&self, selector: &Selector) -> bool {
        self.settings(selector).and_then(|settings| settings.enum_).unwrap_or(self.enums)
    }

    /// The settings entry of a selector, created if missing.
    pub fn settings_mut(&mut self, selector: Selector) -> &mut Settings {
        self.selectors.entry(selector).or_default()
    }

    /// Reads `mdmodels.toml` on top of these options; a config that cannot
    /// be used leaves them as they were.
    pub fn load_file(self, path: &Path) -> Result<Options, Diagnostic> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|error| {
            Diagnostic::error(DiagnosticKind::Config, format!("cannot read the config `{file}`: {error}"))
        })?;
        let mut merged = self.clone();
        merged.merge_toml(&file, &text)?;
        Ok(merged)
    }

    /// Applies the text of a config file; `file` names it in errors.
    pub fn merge_toml(&mut self, file: &str, text: &str) -> Result<(), Diagnostic> {
        let locate = |span: std::ops::Range<usize>| location(file, text, span.start);
        let config: ConfigFile = toml::from_str(text).map_err(|error| {
            let mut diagnostic = Diagnostic::error(
                DiagnosticKind::Config,
                format!("invalid config: {}", error.message()),
            )
            .with_help("see the configuration section of the mdmodels README");
            if let Some(span) = error.span() {
                let at = locate(span.clone());
                diagnostic = diagnostic
                    .with_source_line(line_text(text, span.start))
                    .at(at);
            }
            diagnostic
        })?;

        if let Some(krate) = config.krate {
            if let Some(name) = krate.name {
                self.crate_name = name;
            }
            if let Some(version) = krate.version {
                self.crate_version = version;
            }
            for (name, spec) in krate.dependencies {
                self.dependencies.insert(name, spec.to_string());
            }
        }
        if let Some(input) = config.input {
            self.include.extend(input.include);
            self.exclude.extend(input.exclude);
        }
        if let Some(output) = config.output {
            if let Some(datetime) = output.datetime {
                self.datetime = datetime;
            }
            if let Some(map) = output.map {
                self.map = map;
            }
            if let Some(keep) = output.keep_unknown_fields {
                self.keep_unknown_fields = keep;
            }
            if let Some(serde) = output.serde {
                self.serde_impls = serde;
            }
            if let Some(features) = output.features_per_model {
                self.features_per_model = features;
            }
            if let Some(enums) = output.enums {
                self.enums = enums;
            }
            if let Some(size) = output.max_struct_size {
                let span = size.span();
                let value = size.into_inner();
                if let Some(message) = max_struct_size_problem(value) {
                    return Err(Diagnostic::error(DiagnosticKind::Config, message)
                        .at(locate(span.clone()))
                        .with_source_line(line_text(text, span.start)));
                }
                self.max_struct_size = value as u32;
            }
            self.derives.extend(output.derives);
            self.attributes.extend(output.attributes);
        }
        for (key, wire_name) in config.wire_names {
            let selector = Selector::parse(key.get_ref());
            if selector.field.is_none() {
                return Err(Diagnostic::error(
                    DiagnosticKind::Config,
                    format!("`{}` in [wire-names] is not a field: write `Model.field`", key.get_ref()),
                )
                .at(locate(key.span()))
                .with_source_line(line_text(text, key.span().start)));
            }
            let settings = self.settings_mut(selector);
            settings.wire_name = Some(wire_name);
            settings.location.get_or_insert_with(|| locate(key.span()));
        }
        for (key, rust_type) in config.types {
            if syn::parse_str::<syn::Type>(&rust_type).is_err() {
                return Err(Diagnostic::error(
                    DiagnosticKind::Config,
                    format!("`{rust_type}` (for `{}` in [types]) is not a Rust type", key.get_ref()),
                )
                .at(locate(key.span()))
                .with_source_line(line_text(text, key.span().start)));
            }
            let settings = self.settings_mut(Selector::parse(key.get_ref()));
            settings.rust_type = Some(rust_type);
            settings.location.get_or_insert_with(|| locate(key.span()));
        }
        for (key, model) in config.models {
            if key.get_ref().contains('.') {
                return Err(Diagnostic::error(
                    DiagnosticKind::Config,
                    format!("`{}` in [models] is not a model name; put field settings under [fields]", key.get_ref()),
                )
                .at(locate(key.span())));
            }
            let settings = self.settings_mut(Selector::parse(key.get_ref()));
            settings.derives.extend(model.derives);
            settings.attributes.extend(model.attributes);
            if model.enum_.is_some() {
                settings.enum_ = model.enum_;
            }
            settings.location.get_or_insert_with(|| locate(key.span()));
        }
        for (key, field) in config.fields {
            let selector = Selector::parse(key.get_ref());
            if selector.field.is_none() {
                return Err(Diagnostic::error(
                    DiagnosticKind::Config,
                    format!("`{}` in [fields] is not a field: write `Model.field`", key.get_ref()),
                )
                .at(locate(key.span())));
            }
            let settings = self.settings_mut(selector);
            settings.attributes.extend(field.attributes);
            if field.enum_.is_some() {
                settings.enum_ = field.enum_;
            }
            settings.location.get_or_insert_with(|| locate(key.span()));
        }
        if self.datetime == DateTimeBackend::Time && self.serde_impls == SerdeImpls::Derive {
            return Err(Diagnostic::error(
                DiagnosticKind::Config,
                "`datetime = \"time\"` needs `serde = \"lean\"`: time's own serde format is not RFC 3339",
            )
            .at(location(file, text, 0)));
        }
        for attribute in self.attributes.iter().chain(self.selectors.values().flat_map(|s| &s.attributes)) {
            if syn::parse_str::<AttributeCheck>(attribute).is_err() {
                return Err(Diagnostic::error(
                    DiagnosticKind::Config,
                    format!("`{attribute}` is not an outer attribute such as `#[non_exhaustive]`"),
                )
                .at(location(file, text, 0)));
            }
        }
        for derive in self.derives.iter().chain(self.selectors.values().flat_map(|s| &s.derives)) {
            if syn::parse_str::<syn::Path>(derive).is_err() {
                return Err(Diagnostic::error(
                    DiagnosticKind::Config,
                    format!("`{derive}` is not a derive path such as `Eq` or `::std::hash::Hash`"),
                )
                .at(location(file, text, 0)));
            }
        }
        Ok(())
    }
}

/// What is wrong with a `max-struct-size` value, if anything.
pub fn max_struct_size_problem(value: i64) -> Option<String> {
    (value < i64::from(MIN_MAX_STRUCT_SIZE) || value > i64::from(u32::MAX)).then(|| {
        format!(
            "`max-struct-size = {value}` is out of range: it is a size in bytes from {MIN_MAX_STRUCT_SIZE} to {} (default {DEFAULT_MAX_STRUCT_SIZE})",
            u32::MAX
        )
    })
}

/// Parses `#[...]` outer attributes, to validate config strings.
struct AttributeCheck;

impl syn::parse::Parse for AttributeCheck {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        let attributes = input.call(syn::Attribute::parse_outer)?;
        if attributes.is_empty() || !input.is_empty() {
            return Err(input.error("expected attributes"));
        }
        Ok(AttributeCheck)
    }
}

type Spanned = toml::Spanned<String>;

/// The file format; see the README for a full example.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    #[serde(rename = "crate")]
    krate: Option<CrateSection>,
    input: Option<InputSection>,
    output: Option<OutputSection>,
    #[serde(default)]
    wire_names: BTreeMap<Spanned, String>,
    #[serde(default)]
    types: BTreeMap<Spanned, String>,
    #[serde(default)]
    models: BTreeMap<Spanned, ModelSection>,
    #[serde(default)]
    fields: BTreeMap<Spanned, FieldSection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct CrateSection {
    name: Option<String>,
    version: Option<String>,
    #[serde(default)]
    dependencies: BTreeMap<String, toml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct InputSection {
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct OutputSection {
    datetime: Option<DateTimeBackend>,
    map: Option<MapType>,
    keep_unknown_fields: Option<bool>,
    serde: Option<SerdeImpls>,
    features_per_model: Option<bool>,
    enums: Option<bool>,
    max_struct_size: Option<toml::Spanned<i64>>,
    #[serde(default)]
    derives: Vec<String>,
    #[serde(default)]
    attributes: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ModelSection {
    #[serde(default)]
    derives: Vec<String>,
    #[serde(default)]
    attributes: Vec<String>,
    #[serde(rename = "enum")]
    enum_: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FieldSection {
    #[serde(default)]
    attributes: Vec<String>,
    #[serde(rename = "enum")]
    enum_: Option<bool>,
}

fn location(file: &str, text: &str, offset: usize) -> SourceLocation {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    SourceLocation {
        file: file.to_string(),
        line: line as u32,
        column: column as u32,
    }
}

fn line_text(text: &str, offset: usize) -> String {
    let start = text[..offset.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    text[start..].lines().next().unwrap_or("").to_string()
}

#[cfg(test)]
mod tests;
