//! What a user can set: from the CLI, the build.rs builder, or `mdmodels.toml`.
//!
//! Selectors name models and fields as the pages write them (`User`,
//! `User.id`, `ADFS.slo_uri`), never by their Rust names. Unknown keys and
//! selectors that match nothing are errors naming the key, with the nearest
//! known name when one is close. Every option is checked by one function,
//! [`Options::validate`], whichever front-end set it.

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::naming::WireCase;
use crate::parse::type_expr::Language;
use crate::schema::SourceLocation;

/// Options that shape the generated code.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The generated crate's package name.
    pub crate_name: String,
    /// The generated crate's version.
    pub crate_version: String,
    /// The generated `Cargo.toml`'s `description`, `license`, `repository`,
    /// `documentation` and `keywords` (what `cargo package` asks for).
    pub metadata: CrateMetadata,
    /// Extra `[dependencies]` lines for the generated `Cargo.toml`, by crate
    /// name (the value is TOML, e.g. `{ version = "1", features = ["serde"] }`),
    /// for types that replacements refer to.
    pub dependencies: BTreeMap<String, String>,
    /// Globs on page paths relative to their input folder; empty means all.
    pub include: Vec<String>,
    /// Globs on page paths relative to their input folder.
    pub exclude: Vec<String>,
    /// The SDK language of every page; `None`: each input folder's pages
    /// vote (`mdmodels schema` shows the result and why).
    pub language: Option<Language>,
    /// The SDK language of the pages whose path (relative to their input
    /// folder) matches a glob (`[input.languages]`), before `language`;
    /// such pages do not vote.
    pub languages: Vec<(String, Language)>,
    /// How every JSON key is spelled; `None`: the SDK language's rule, with
    /// what the pages show (acronyms, quoted keys).
    pub wire_case: Option<WireCase>,
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
    /// Where a config file set a value, so that [`Options::validate`] can
    /// locate its errors: by `crate.name`, `output.datetime`,
    /// `types.Model.field`, or `section.derives=Value` for list items.
    /// Values set by the CLI or the builder have none.
    pub origins: BTreeMap<String, SourceLocation>,
    /// When not empty, only these models and the models they reference,
    /// transitively, are generated (`--root`, `[input] roots`).
    pub roots: Vec<Root>,
}

/// The package metadata of the generated crate; `None` and empty are left
/// out. What crates.io would reject is found by [`Options::validate`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CrateMetadata {
    pub description: Option<String>,
    /// An SPDX expression (`MIT OR Apache-2.0`).
    pub license: Option<String>,
    pub repository: Option<String>,
    pub documentation: Option<String>,
    /// At most five, as crates.io allows.
    pub keywords: Vec<String>,
}

/// A model to generate with every model it references (`--root`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    /// The model name as the pages write it.
    pub name: String,
    /// Where the config file names it; `None` from the CLI or the builder.
    pub location: Option<SourceLocation>,
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

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DateTimeBackend {
    /// `chrono::DateTime<Utc>` and `chrono::NaiveDate`.
    #[default]
    Chrono,
    /// `String`: the text as sent.
    String,
    /// `time::OffsetDateTime` (RFC 3339) and `time::Date` (`YYYY-MM-DD`).
    Time,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SerdeImpls {
    /// `#[derive(Serialize, Deserialize)]` with `#[serde(...)]` attributes:
    /// the code users of serde read and extend.
    #[default]
    Derive,
    /// Hand-written impls over a shared support module: several times less
    /// code for the compiler than the derive, for very large APIs (see
    /// README, "Performance").
    Lean,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
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
            metadata: CrateMetadata::default(),
            dependencies: BTreeMap::new(),
            include: Vec::new(),
            exclude: Vec::new(),
            language: None,
            languages: Vec::new(),
            wire_case: None,
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
            origins: BTreeMap::new(),
            roots: Vec::new(),
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


    /// Applies the text of a config file; `file` names it in errors. Every
    /// problem of the file's shape (unknown keys, values of the wrong type)
    /// is returned, not only the first; what the values themselves must be
    /// (a Rust type, a semver version...) is checked by [`Options::validate`].
    pub fn merge_toml(&mut self, file: &str, text: &str) -> Result<(), Vec<Diagnostic>> {
        let mut reader = Reader {
            file,
            text,
            errors: Vec::new(),
        };
        match toml_edit::ImDocument::parse(text) {
            Ok(document) => reader.read(document.as_table(), self),
            Err(error) => {
                let at = error.span().map_or(0, |span| span.start);
                reader.error(at, format!("invalid config: {}", error.message().trim_end()), HELP.to_string());
            }
        }
        if reader.errors.is_empty() {
            Ok(())
        } else {
            Err(reader.errors)
        }
    }

    /// Checks every option, whichever front-end set it (CLI flag, builder
    /// method, config file): the one place they are validated. Values from a
    /// config file are located at their key or value; the others name the
    /// option. Returns every problem found.
    pub fn validate(&self) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        let mut error = |origin: &str, message: String, help: &str| {
            let mut diagnostic = Diagnostic::error(DiagnosticKind::Config, message).with_help(help);
            if let Some(location) = self.origins.get(origin) {
                diagnostic = diagnostic.at(location.clone());
            }
            errors.push(diagnostic);
        };
        if let Err(reason) = check_crate_name(&self.crate_name) {
            error(
                "crate.name",
                format!("the crate name `{}` is not one cargo accepts: {reason}", self.crate_name),
                "a package name is letters, digits, `-` and `_`, starting with a letter or `_`, such as `genesys-models`",
            );
        }
        if let Err(reason) = semver::Version::parse(&self.crate_version) {
            error(
                "crate.version",
                format!("the crate version `{}` is not a semver version: {reason}", self.crate_version),
                "cargo needs a version such as `0.1.0` or `257.1.0-beta.1`",
            );
        }
        for (name, spec) in &self.dependencies {
            let origin = format!("crate.dependencies.{name}");
            if let Err(reason) = check_crate_name(name) {
                error(&origin, format!("the dependency name `{name}` is not one cargo accepts: {reason}"), "write the crate's name as on crates.io");
            } else if toml::from_str::<toml::Table>(&format!("dependency = {spec}")).is_err() {
                error(
                    &origin,
                    format!("the dependency `{name}` is not a TOML value: `{spec}`"),
                    "write it as in a Cargo.toml: `\"1\"` or `{ version = \"1\", features = [\"serde\"] }`",
                );
            }
        }
        self.validate_metadata(&mut error);
        let language_globs: Vec<String> = self.languages.iter().map(|(glob, _)| glob.clone()).collect();
        for (section, globs) in [("include", &self.include), ("exclude", &self.exclude), ("languages", &language_globs)] {
            for glob in globs {
                if let Err(reason) = globset::Glob::new(glob) {
                    error(
                        &format!("input.{section}={glob}"),
                        format!("`{glob}` (in `{section}`) is not a glob: {}", reason.kind()),
                        "globs match page paths relative to their input folder, such as `*Api.md` or `users/**`",
                    );
                }
            }
        }
        if let Some(message) = max_struct_size_problem(i64::from(self.max_struct_size)) {
            error("output.max-struct-size", message, "structs larger than this box their largest nested model fields");
        }
        let derives = self.derives.iter().map(|derive| ("output".to_string(), derive));
        let attributes = self.attributes.iter().map(|attribute| ("output".to_string(), attribute));
        let (mut all_derives, mut all_attributes): (Vec<_>, Vec<_>) = (derives.collect(), attributes.collect());
        for (selector, settings) in &self.selectors {
            let section = if selector.field.is_some() { "fields" } else { "models" };
            all_derives.extend(settings.derives.iter().map(|derive| (format!("{section}.{selector}"), derive)));
            all_attributes.extend(settings.attributes.iter().map(|attribute| (format!("{section}.{selector}"), attribute)));
            if let Some(rust_type) = &settings.rust_type {
                if syn::parse_str::<syn::Type>(rust_type).is_err() {
                    error(
                        &format!("types.{selector}"),
                        format!("`{rust_type}` (the type for `{selector}`) is not a Rust type"),
                        "write a type path such as `uuid::Uuid` or `::std::string::String`",
                    );
                }
            }
        }
        for (section, derive) in all_derives {
            if syn::parse_str::<syn::Path>(derive).is_err() {
                error(
                    &format!("{section}.derives={derive}"),
                    format!("`{derive}` is not a derive path such as `Eq` or `::std::hash::Hash`"),
                    "derives are trait paths, without `#[derive(...)]` around them",
                );
            }
        }
        for (section, attribute) in all_attributes {
            if syn::parse_str::<AttributeCheck>(attribute).is_err() {
                error(
                    &format!("{section}.attributes={attribute}"),
                    format!("`{attribute}` is not an outer attribute such as `#[non_exhaustive]`"),
                    "write each attribute whole, with `#[` and `]`",
                );
            }
        }
        errors
    }

    /// The generated crate's package metadata, as crates.io would check it.
    fn validate_metadata(&self, error: &mut impl FnMut(&str, String, &str)) {
        let metadata = &self.metadata;
        const HELP: &str = "these keys are copied into the generated Cargo.toml for `cargo package`";
        if metadata.keywords.len() > 5 {
            error(
                "crate.keywords",
                format!("{} crate keywords given; crates.io allows at most 5", metadata.keywords.len()),
                HELP,
            );
        }
        for keyword in &metadata.keywords {
            let starts_with_letter = keyword.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            let allowed = keyword.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '+');
            if !starts_with_letter || !allowed || keyword.len() > 20 {
                error(
                    &format!("crate.keywords={keyword}"),
                    format!("the crate keyword `{keyword}` is not one crates.io accepts"),
                    "a keyword is up to 20 ASCII letters, digits, `-`, `_` or `+`, starting with a letter",
                );
            }
        }
        for (key, url) in [("repository", &metadata.repository), ("documentation", &metadata.documentation)] {
            if let Some(url) = url {
                if !(url.starts_with("https://") || url.starts_with("http://")) || url.contains(char::is_whitespace) {
                    error(&format!("crate.{key}"), format!("the crate {key} `{url}` is not an http(s) URL"), HELP);
                }
            }
        }
        for (key, text) in [("description", &metadata.description), ("license", &metadata.license)] {
            if text.as_deref().is_some_and(|text| text.trim().is_empty()) {
                error(&format!("crate.{key}"), format!("the crate {key} is empty"), "leave it out instead");
            }
        }
    }
}

/// Whether cargo accepts `name` as a package name: its rule
/// (`cargo_util_schemas::restricted_names::validate_package_name`) is a
/// Unicode identifier start or `_`, then identifier characters or `-`. Like
/// `cargo new`, a name that is a Rust keyword once `-` become `_` is refused
/// too: no crate could `use` it.
pub fn check_crate_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return Err("it is empty".to_string());
    };
    if first.is_ascii_digit() {
        return Err("it starts with a digit".to_string());
    }
    if !(unicode_ident::is_xid_start(first) || first == '_') {
        return Err(format!("it starts with `{first}`"));
    }
    if let Some(bad) = chars.find(|&c| !(unicode_ident::is_xid_continue(c) || c == '-')) {
        return Err(format!("`{bad}` is not allowed in it"));
    }
    if syn::parse_str::<syn::Ident>(&name.replace('-', "_")).is_err() {
        return Err("it is a Rust keyword".to_string());
    }
    Ok(())
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

const HELP: &str = "see the configuration section of the mdmodels README";

/// The keys of each table of the file; see the README for a full example.
const TOP_KEYS: &[&str] = &["crate", "input", "output", "wire-names", "types", "models", "fields"];
const CRATE_KEYS: &[&str] =
    &["name", "version", "description", "license", "repository", "documentation", "keywords", "dependencies"];
const INPUT_KEYS: &[&str] = &["include", "exclude", "roots", "language", "languages", "wire-case"];
const OUTPUT_KEYS: &[&str] =
    &["datetime", "map", "keep-unknown-fields", "serde", "features-per-model", "enums", "max-struct-size", "derives", "attributes"];
const MODEL_KEYS: &[&str] = &["derives", "attributes", "enum"];
const FIELD_KEYS: &[&str] = &["attributes", "enum"];

/// Walks a parsed config file, applying what it can and collecting every
/// problem at the key or value it is about.
struct Reader<'a> {
    file: &'a str,
    text: &'a str,
    errors: Vec<Diagnostic>,
}

type Item = toml_edit::Item;

impl Reader<'_> {
    fn location(&self, offset: usize) -> SourceLocation {
        location(self.file, self.text, offset)
    }

    fn error(&mut self, offset: usize, message: String, help: String) {
        self.errors.push(
            Diagnostic::error(DiagnosticKind::Config, message)
                .at(self.location(offset))
                .with_source_line(line_text(self.text, offset))
                .with_help(help),
        );
    }

    /// The offset of `key` in `table`, else of its value.
    fn key_at(table: &dyn toml_edit::TableLike, key: &str, item: &Item) -> usize {
        table
            .key(key)
            .and_then(toml_edit::Key::span)
            .or_else(|| item.span())
            .map_or(0, |span| span.start)
    }

    fn value_at(item: &Item, fallback: usize) -> usize {
        item.span().map_or(fallback, |span| span.start)
    }

    /// The entries of `table`, each with where its key is.
    fn entries(table: &dyn toml_edit::TableLike) -> Vec<(&str, &Item, usize)> {
        table.iter().map(|(key, item)| (key, item, Self::key_at(table, key, item))).collect()
    }

    fn unknown_key(&mut self, at: usize, key: &str, section: &str, known: &[&str]) {
        let message = match section {
            "" => format!("unknown key `{key}`"),
            _ => format!("unknown key `{key}` in [{section}]"),
        };
        let message = match crate::diagnostics::nearest(key, known.iter().copied()) {
            Some(near) => format!("{message}; did you mean `{near}`?"),
            None => message,
        };
        let help = format!("the keys here are {}", known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "));
        self.error(at, message, help);
    }

    fn wrong_type(&mut self, item: &Item, at: usize, what: &str, expected: &str) {
        let at = Self::value_at(item, at);
        self.error(at, format!("`{what}` must be {expected}, not {}", item.type_name()), HELP.to_string());
    }

    fn table<'t>(&mut self, item: &'t Item, at: usize, what: &str) -> Option<&'t dyn toml_edit::TableLike> {
        let table = item.as_table_like();
        if table.is_none() {
            self.wrong_type(item, at, what, "a table");
        }
        table
    }

    fn string(&mut self, item: &Item, at: usize, what: &str) -> Option<String> {
        let value = item.as_str().map(str::to_string);
        if value.is_none() {
            self.wrong_type(item, at, what, "a string");
        }
        value
    }

    fn bool(&mut self, item: &Item, at: usize, what: &str) -> Option<bool> {
        let value = item.as_bool();
        if value.is_none() {
            self.wrong_type(item, at, what, "`true` or `false`");
        }
        value
    }

    /// An array of strings, each with its offset.
    /// A string value read by its type's `FromStr` (a language, a wire
    /// case), with the parse error at the value.
    fn parsed<T: std::str::FromStr<Err = String>>(&mut self, item: &Item, at: usize, what: &str) -> Option<T> {
        let text = self.string(item, at, what)?;
        match text.parse() {
            Ok(value) => Some(value),
            Err(message) => {
                self.error(Self::value_at(item, at), message, HELP.to_string());
                None
            }
        }
    }

    fn strings(&mut self, item: &Item, at: usize, what: &str) -> Vec<(String, usize)> {
        let Some(array) = item.as_array() else {
            self.wrong_type(item, at, what, "an array of strings");
            return Vec::new();
        };
        let mut values = Vec::new();
        for value in array.iter() {
            let value_at = value.span().map_or(at, |span| span.start);
            match value.as_str() {
                Some(text) => values.push((text.to_string(), value_at)),
                None => self.error(
                    value_at,
                    format!("`{what}` must be an array of strings, and this is {}", value.type_name()),
                    HELP.to_string(),
                ),
            }
        }
        values
    }

    /// One of a few words (`datetime = "chrono"`).
    fn choice<T: Copy>(&mut self, item: &Item, at: usize, what: &str, choices: &[(&str, T)]) -> Option<T> {
        let word = self.string(item, at, what)?;
        if let Some((_, value)) = choices.iter().find(|(name, _)| *name == word) {
            return Some(*value);
        }
        let names: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
        let mut message = format!("`{what}` cannot be `{word}`");
        if let Some(near) = crate::diagnostics::nearest(&word, names.iter().copied()) {
            message.push_str(&format!("; did you mean `{near}`?"));
        }
        let help = format!("`{what}` is one of {}", names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", "));
        self.error(Self::value_at(item, at), message, help);
        None
    }

    fn read(&mut self, root: &toml_edit::Table, options: &mut Options) {
        for (key, item, at) in Self::entries(root) {
            let section = match key {
                "crate" | "input" | "output" | "wire-names" | "types" | "models" | "fields" => {
                    let Some(table) = self.table(item, at, key) else { continue };
                    table
                }
                _ => {
                    self.unknown_key(at, key, "", TOP_KEYS);
                    continue;
                }
            };
            match key {
                "crate" => self.crate_section(section, options),
                "input" => self.input_section(section, options),
                "output" => self.output_section(section, options),
                _ => self.selector_section(key, section, options),
            }
        }
    }

    fn crate_section(&mut self, table: &dyn toml_edit::TableLike, options: &mut Options) {
        for (key, item, at) in Self::entries(table) {
            match key {
                "name" => {
                    if let Some(name) = self.string(item, at, "name") {
                        options.crate_name = name;
                        options.origins.insert("crate.name".to_string(), self.location(Self::value_at(item, at)));
                    }
                }
                "version" => {
                    if let Some(version) = self.string(item, at, "version") {
                        options.crate_version = version;
                        options.origins.insert("crate.version".to_string(), self.location(Self::value_at(item, at)));
                    }
                }
                "description" | "license" | "repository" | "documentation" => {
                    if let Some(value) = self.string(item, at, key) {
                        let metadata = &mut options.metadata;
                        let field = match key {
                            "description" => &mut metadata.description,
                            "license" => &mut metadata.license,
                            "repository" => &mut metadata.repository,
                            _ => &mut metadata.documentation,
                        };
                        *field = Some(value);
                        options.origins.insert(format!("crate.{key}"), self.location(Self::value_at(item, at)));
                    }
                }
                "keywords" => {
                    // The file's list replaces any set before it.
                    let keywords = self.strings(item, at, key);
                    options.origins.insert("crate.keywords".to_string(), self.location(Self::value_at(item, at)));
                    options.metadata.keywords.clear();
                    for (keyword, at) in keywords {
                        options.origins.insert(format!("crate.keywords={keyword}"), self.location(at));
                        options.metadata.keywords.push(keyword);
                    }
                }
                "dependencies" => {
                    let Some(dependencies) = self.table(item, at, "dependencies") else { continue };
                    for (name, spec, at) in Self::entries(dependencies) {
                        // The value as written, normalised by the toml crate
                        // (`{ features = [...], version = "1" }`).
                        let written = spec.span().map(|span| &self.text[span]);
                        let value = written
                            .and_then(|written| toml::from_str::<toml::Table>(&format!("dependency = {written}")).ok())
                            .and_then(|mut table| table.remove("dependency"));
                        match value {
                            Some(value) => {
                                options.dependencies.insert(name.to_string(), value.to_string());
                                options.origins.insert(format!("crate.dependencies.{name}"), self.location(at));
                            }
                            None => self.wrong_type(spec, at, name, "a version string or a table"),
                        }
                    }
                }
                _ => self.unknown_key(at, key, "crate", CRATE_KEYS),
            }
        }
    }

    fn input_section(&mut self, table: &dyn toml_edit::TableLike, options: &mut Options) {
        for (key, item, at) in Self::entries(table) {
            match key {
                "include" | "exclude" => {
                    for (glob, at) in self.strings(item, at, key) {
                        options.origins.insert(format!("input.{key}={glob}"), self.location(at));
                        match key {
                            "include" => options.include.push(glob),
                            _ => options.exclude.push(glob),
                        }
                    }
                }
                "roots" => {
                    for (name, at) in self.strings(item, at, key) {
                        options.roots.push(Root {
                            name,
                            location: Some(self.location(at)),
                        });
                    }
                }
                "language" => {
                    if let Some(language) = self.parsed::<Language>(item, at, key) {
                        options.language = Some(language);
                    }
                }
                "wire-case" => {
                    if let Some(case) = self.parsed::<WireCase>(item, at, key) {
                        options.wire_case = Some(case);
                    }
                }
                "languages" => {
                    let Some(globs) = self.table(item, at, key) else { continue };
                    for (glob, language, at) in Self::entries(globs) {
                        if let Some(language) = self.parsed::<Language>(language, at, glob) {
                            options.origins.insert(format!("input.languages={glob}"), self.location(at));
                            options.languages.push((glob.to_string(), language));
                        }
                    }
                }
                _ => self.unknown_key(at, key, "input", INPUT_KEYS),
            }
        }
    }

    fn output_section(&mut self, table: &dyn toml_edit::TableLike, options: &mut Options) {
        for (key, item, at) in Self::entries(table) {
            match key {
                "datetime" => {
                    let choices =
                        [("chrono", DateTimeBackend::Chrono), ("string", DateTimeBackend::String), ("time", DateTimeBackend::Time)];
                    if let Some(datetime) = self.choice(item, at, key, &choices) {
                        options.datetime = datetime;
                        options.origins.insert("output.datetime".to_string(), self.location(at));
                    }
                }
                "map" => {
                    if let Some(map) = self.choice(item, at, key, &[("btree", MapType::BTree), ("hash", MapType::Hash)]) {
                        options.map = map;
                    }
                }
                "serde" => {
                    if let Some(serde) = self.choice(item, at, key, &[("lean", SerdeImpls::Lean), ("derive", SerdeImpls::Derive)]) {
                        options.serde_impls = serde;
                        options.origins.insert("output.serde".to_string(), self.location(at));
                    }
                }
                "keep-unknown-fields" => {
                    if let Some(keep) = self.bool(item, at, key) {
                        options.keep_unknown_fields = keep;
                    }
                }
                "features-per-model" => {
                    if let Some(on) = self.bool(item, at, key) {
                        options.features_per_model = on;
                    }
                }
                "enums" => {
                    if let Some(on) = self.bool(item, at, key) {
                        options.enums = on;
                    }
                }
                "max-struct-size" => match item.as_integer() {
                    Some(size) => {
                        options.origins.insert("output.max-struct-size".to_string(), self.location(Self::value_at(item, at)));
                        // In `u32`'s range, `validate` checks the bound; outside it, here.
                        match u32::try_from(size) {
                            Ok(size) => options.max_struct_size = size,
                            Err(_) => self.error(Self::value_at(item, at), max_struct_size_problem(size).unwrap_or_default(), HELP.to_string()),
                        }
                    }
                    None => self.wrong_type(item, at, key, "a whole number of bytes"),
                },
                "derives" => {
                    for (derive, at) in self.strings(item, at, key) {
                        options.origins.insert(format!("output.derives={derive}"), self.location(at));
                        options.derives.push(derive);
                    }
                }
                "attributes" => {
                    for (attribute, at) in self.strings(item, at, key) {
                        options.origins.insert(format!("output.attributes={attribute}"), self.location(at));
                        options.attributes.push(attribute);
                    }
                }
                _ => self.unknown_key(at, key, "output", OUTPUT_KEYS),
            }
        }
    }

    /// `[wire-names]`, `[types]`, `[models]` and `[fields]`: settings by selector.
    fn selector_section(&mut self, section: &str, table: &dyn toml_edit::TableLike, options: &mut Options) {
        for (key, item, at) in Self::entries(table) {
            let selector = Selector::parse(key);
            let needs_field = matches!(section, "wire-names" | "fields");
            if needs_field && selector.field.is_none() {
                self.error(at, format!("`{key}` in [{section}] is not a field: write `Model.field`"), HELP.to_string());
                continue;
            }
            if section == "models" && selector.field.is_some() {
                self.error(
                    at,
                    format!("`{key}` in [models] is not a model name; put field settings under [fields]"),
                    HELP.to_string(),
                );
                continue;
            }
            let location = self.location(at);
            let mut settings = options.settings(&selector).cloned().unwrap_or_default();
            match section {
                "wire-names" => match self.string(item, at, key) {
                    Some(wire_name) => settings.wire_name = Some(wire_name),
                    None => continue,
                },
                "types" => match self.string(item, at, key) {
                    Some(rust_type) => {
                        options.origins.insert(format!("types.{selector}"), location.clone());
                        settings.rust_type = Some(rust_type);
                    }
                    None => continue,
                },
                _ => {
                    let Some(entries) = self.table(item, at, key) else { continue };
                    let known = if section == "models" { MODEL_KEYS } else { FIELD_KEYS };
                    let what = format!("{section}.\"{key}\"");
                    for (name, value, at) in Self::entries(entries) {
                        match name {
                            "derives" if section == "models" => {
                                for (derive, at) in self.strings(value, at, name) {
                                    options.origins.insert(format!("{section}.{selector}.derives={derive}"), self.location(at));
                                    settings.derives.push(derive);
                                }
                            }
                            "attributes" => {
                                for (attribute, at) in self.strings(value, at, name) {
                                    options
                                        .origins
                                        .insert(format!("{section}.{selector}.attributes={attribute}"), self.location(at));
                                    settings.attributes.push(attribute);
                                }
                            }
                            "enum" => settings.enum_ = self.bool(value, at, name).or(settings.enum_),
                            _ => self.unknown_key(at, name, &what, known),
                        }
                    }
                }
            }
            settings.location.get_or_insert(location);
            options.selectors.insert(selector, settings);
        }
    }
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
