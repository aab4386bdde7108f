//! mdmodels: Rust serde models from the Markdown model pages that SDKs ship
//! as documentation.
//!
//! The pipeline is `read` (pages from disk) -> `parse` (Markdown -> models) ->
//! `resolve` (names, references, cycles) -> `emit` (Rust source) -> `write`
//! (files on disk). [`Generator`] drives it for the CLI and for build scripts:
//!
//! ```no_run
//! // build.rs
//! let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
//! mdmodels::Generator::new()
//!     .input("docs-input")
//!     .cargo_directives(true)
//!     .write_module_file(out.join("models.rs"))
//!     .unwrap_or_else(|failure| panic!("{failure}"));
//! ```
//! and in `src/lib.rs`: `include!(concat!(env!("OUT_DIR"), "/models.rs"));`

pub mod config;
pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod graph;
pub mod naming;
pub mod parse;
pub mod read;
pub mod resolve;
pub mod schema;
pub mod write;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use config::{CrateMetadata, DateTimeBackend, MapType, Options, Selector, SerdeImpls};
pub use diagnostics::{Diagnostic, DiagnosticKind, Severity};
pub use schema::Schema;

/// Runs the pipeline; every option of the CLI has a builder method here.
#[derive(Debug, Clone, Default)]
pub struct Generator {
    inputs: Vec<PathBuf>,
    /// Pages given in memory: (name, bytes).
    pages: Vec<(String, Vec<u8>)>,
    config_files: Vec<PathBuf>,
    /// The text of each config file read, by the name its diagnostics give
    /// it, for the lines they show.
    config_texts: Vec<(String, String)>,
    config_errors: Vec<Diagnostic>,
    options: Options,
    deny_warnings: bool,
    cargo_directives: bool,
}

/// A run that found errors: nothing was written.
#[derive(Debug, Clone)]
pub struct Failure {
    /// Every diagnostic of the run, errors and warnings, sorted by location.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.diagnostics.iter().filter(|d| d.is_error()).count();
        for diagnostic in self.diagnostics.iter().filter(|d| d.severity != Severity::Note) {
            writeln!(f, "{}\n", diagnostic.render())?;
        }
        write!(f, "mdmodels: {errors} error(s); nothing was written")
    }
}

impl std::error::Error for Failure {}

/// The result of reading, parsing and resolving the inputs.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub schema: Schema,
    /// The options in force (builder calls and config files).
    pub options: Options,
    /// Warnings and notes (errors make the run a [`Failure`]).
    pub diagnostics: Vec<Diagnostic>,
    /// The inputs and config files, for `cargo:rerun-if-changed`.
    pub watched: Vec<PathBuf>,
    /// How long each stage took, in pipeline order.
    pub timings: Vec<(&'static str, Duration)>,
}

impl Loaded {
    /// A short summary for the end of a run: models, skipped pages, warnings by kind.
    pub fn summary(&self) -> String {
        let boxed = self
            .schema
            .models
            .iter()
            .flat_map(|model| &model.fields)
            .filter(|field| field.boxed)
            .count();
        let mut lines = vec![format!(
            "{} models, {} opaque names without a page, {} boxed fields",
            self.schema.models.len(),
            self.schema.unresolved.len(),
            boxed
        )];
        let mut by_kind: BTreeMap<(Severity, &str), usize> = BTreeMap::new();
        for diagnostic in &self.diagnostics {
            *by_kind.entry((diagnostic.severity, diagnostic.kind.as_str())).or_default() += 1;
        }
        for ((severity, kind), count) in by_kind {
            let what = match severity {
                Severity::Note if kind != DiagnosticKind::NotAModelPage.as_str() => "notes",
                Severity::Note => "pages skipped",
                Severity::Warning => "warnings",
                Severity::Error => "errors",
            };
            lines.push(format!("{count} {what}: {kind}"));
        }
        lines.join("\n")
    }
}

/// The outcome of a successful `generate`.
#[derive(Debug, Clone)]
pub struct Generated {
    pub loaded: Loaded,
    pub written: write::WriteReport,
    /// The crates the generated code uses, name -> TOML spec (`"1"`,
    /// `{ version = "0.4", ... }`): the generated `Cargo.toml`'s
    /// `[dependencies]`, and what a crate that `include!`s the module file
    /// must have in its own.
    pub dependencies: BTreeMap<String, String>,
}

/// The outcome of a successful `check`: what is stale (empty when fresh).
#[derive(Debug, Clone)]
pub struct Checked {
    pub loaded: Loaded,
    pub stale: Vec<write::Stale>,
}

impl Generator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a page file or a folder of pages (searched recursively for `.md`).
    pub fn input(mut self, path: impl Into<PathBuf>) -> Self {
        self.inputs.push(path.into());
        self
    }

    /// Adds a page held in memory, named `name` in diagnostics and in the
    /// generated docs. Its bytes are decoded as a page file's are (a BOM is
    /// dropped; bytes that are not UTF-8 are a warning).
    ///
    /// ```
    /// let page = "# Pet\n\n## Properties\n\n| Name | Type | Description | Notes |\n|--|--|--|--|\n| **name** | str | | |\n";
    /// let (_, files) = mdmodels::Generator::new().page("Pet.md", page).crate_files().unwrap();
    /// assert!(files["src/pet.rs"].contains("pub struct Pet"));
    /// ```
    pub fn page(mut self, name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        self.pages.push((name.into(), bytes.into()));
        self
    }

    /// Replaces all options at once.
    pub fn options(mut self, options: Options) -> Self {
        self.options = options;
        self
    }

    /// The generated crate's package name (default `generated`).
    pub fn crate_name(mut self, name: impl Into<String>) -> Self {
        self.options.crate_name = name.into();
        // Set here, not by the config: an error is not the config line's.
        self.options.origins.remove("crate.name");
        self
    }

    /// The generated crate's version (default `0.1.0`).
    pub fn crate_version(mut self, version: impl Into<String>) -> Self {
        self.options.crate_version = version.into();
        self.options.origins.remove("crate.version");
        self
    }

    /// The generated `Cargo.toml`'s `description`, `license`, `repository`,
    /// `documentation` and `keywords`; what crates.io would reject is an error
    /// when the generator runs.
    pub fn crate_metadata(mut self, metadata: CrateMetadata) -> Self {
        // These values are not the config file's: their errors are not at its lines.
        self.options.origins.retain(|origin, _| {
            !["description", "license", "repository", "documentation", "keywords"]
                .iter()
                .any(|key| origin.strip_prefix("crate.").is_some_and(|rest| rest.starts_with(key)))
        });
        self.options.metadata = metadata;
        self
    }

    /// Reads an `mdmodels.toml` (see the README) now: its settings apply on
    /// top of those set before this call, and builder calls after it win.
    /// Config errors (all of them, each at its key) are reported when the
    /// generator runs, with every other problem of the run.
    pub fn config_file(mut self, path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        let file = path.display().to_string();
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                // What could be read applies even when some of it could not,
                // so the run can still check (and report) the rest.
                if let Err(diagnostics) = self.options.merge_toml(&file, &text) {
                    self.config_errors.extend(diagnostics);
                }
                self.config_texts.push((file, text));
            }
            Err(error) => self.config_errors.push(
                Diagnostic::error(DiagnosticKind::Config, format!("cannot read the config `{file}`: {error}"))
                    .with_help("check the path given to --config (or `Generator::config_file`)"),
            ),
        }
        self.config_files.push(path);
        self
    }

    /// The JSON key of `model.doc_name`, where the camelCase rule is wrong.
    pub fn wire_name(mut self, model: &str, doc_name: &str, wire_name: &str) -> Self {
        self.options.settings_mut(Selector::field(model, doc_name)).wire_name = Some(wire_name.to_string());
        self
    }

    /// Uses a Rust type for a model (`"LocalDateTime"`) or a field (`"User.id"`).
    /// Like every option, it is checked ([`Options::validate`]) when the
    /// generator runs: text that is not a Rust type is an error then.
    pub fn rust_type(mut self, selector: &str, rust_type: &str) -> Self {
        let selector = Selector::parse(selector);
        self.options.origins.remove(&format!("types.{selector}"));
        self.options.settings_mut(selector).rust_type = Some(rust_type.to_string());
        self
    }

    /// Keeps JSON fields the pages do not list in each struct's
    /// `additional_properties` map, so they survive a round trip.
    pub fn keep_unknown_fields(mut self, keep: bool) -> Self {
        self.options.keep_unknown_fields = keep;
        self
    }

    /// Rust enums for the values pages declare (on by default); off, such
    /// fields are `String`. Per field: `[fields."Model.field"] enum = false`.
    pub fn enums(mut self, on: bool) -> Self {
        self.options.enums = on;
        self
    }

    /// How `datetime` and `date` are represented (chrono types by default).
    pub fn datetime(mut self, backend: config::DateTimeBackend) -> Self {
        self.options.datetime = backend;
        self.options.origins.remove("output.datetime");
        self
    }

    /// Puts every model behind a cargo feature named like its module, which
    /// enables the features of the models it references; `default = ["all"]`.
    /// Crate layout only (`generate_crate`).
    pub fn features_per_model(mut self, on: bool) -> Self {
        self.options.features_per_model = on;
        self
    }

    /// `#[derive(Serialize, Deserialize)]` (the default) or the hand-written
    /// lean impls, several times cheaper to compile for very large APIs.
    pub fn serde_impls(mut self, impls: config::SerdeImpls) -> Self {
        self.options.serde_impls = impls;
        self.options.origins.remove("output.serde");
        self
    }

    /// The largest a generated struct may be, in bytes (estimated `size_of`;
    /// default 4096, at least 256): nested models are boxed, largest first,
    /// to keep each struct within it, so deserializing deep payloads fits a
    /// 2 MiB thread stack. `[output] max-struct-size` in the config.
    pub fn max_struct_size(mut self, bytes: u32) -> Self {
        self.options.max_struct_size = bytes;
        self
    }

    /// The map type for `dict(str, T)` (`BTreeMap` by default).
    pub fn map_type(mut self, map: config::MapType) -> Self {
        self.options.map = map;
        self
    }

    /// Generates only this model and the models it references, transitively
    /// (repeatable: the union of each root's closure). A name that matches
    /// no model page is an error that suggests the nearest one.
    ///
    /// ```
    /// let pet = "# Pet\n\n## Properties\n\n| Name | Type | Description | Notes |\n|--|--|--|--|\n| **owner** | Owner | | |\n";
    /// let owner = "# Owner\n\n## Properties\n\n| Name | Type | Description | Notes |\n|--|--|--|--|\n| **name** | str | | |\n";
    /// let store = "# Store\n\n## Properties\n\n| Name | Type | Description | Notes |\n|--|--|--|--|\n| **name** | str | | |\n";
    /// let generator = mdmodels::Generator::new().page("Pet.md", pet).page("Owner.md", owner).page("Store.md", store);
    /// let loaded = generator.root("Pet").load().unwrap();
    /// let names: Vec<&str> = loaded.schema.models.iter().map(|model| model.name.as_str()).collect();
    /// assert_eq!(names, ["Owner", "Pet"]);
    /// ```
    pub fn root(mut self, model: &str) -> Self {
        self.options.roots.push(config::Root {
            name: model.to_string(),
            location: None,
        });
        self
    }

    /// Only pages whose path (relative to their input folder) matches one of
    /// these globs are read; all when none is given.
    pub fn include(mut self, glob: &str) -> Self {
        self.options.include.push(glob.to_string());
        self
    }

    /// Pages whose path (relative to their input folder) matches are not read.
    pub fn exclude(mut self, glob: &str) -> Self {
        self.options.exclude.push(glob.to_string());
        self
    }

    /// Reads every page as docs of this SDK language (`"swift"`, `"csharp"`...),
    /// instead of letting each input folder's pages vote. An unknown name is
    /// reported when the generator runs.
    pub fn language(mut self, language: &str) -> Self {
        match language.parse() {
            Ok(language) => self.options.language = Some(language),
            Err(error) => self.config_errors.push(Diagnostic::error(DiagnosticKind::Config, error)),
        }
        self
    }

    /// Reads the pages whose path (relative to their input folder) matches
    /// `glob` as docs of this SDK language; they do not vote. The first glob
    /// that matches a page wins; an unknown name is reported when the
    /// generator runs.
    pub fn language_of(mut self, glob: &str, language: &str) -> Self {
        match language.parse() {
            Ok(language) => self.options.languages.push((glob.to_string(), language)),
            Err(error) => self.config_errors.push(Diagnostic::error(DiagnosticKind::Config, error)),
        }
        self
    }

    /// Spells every JSON key in this case (`"snake_case"`, `"camelCase"`,
    /// `"PascalCase"`, `"kebab-case"`, `"as-written"`), before `wire_name`
    /// overrides. An unknown name is reported when the generator runs.
    pub fn wire_case(mut self, case: &str) -> Self {
        match case.parse() {
            Ok(case) => self.options.wire_case = Some(case),
            Err(error) => self.config_errors.push(Diagnostic::error(DiagnosticKind::Config, error)),
        }
        self
    }

    /// Fail on any warning (such as a reference to a model without a page).
    pub fn deny_warnings(mut self, deny: bool) -> Self {
        self.deny_warnings = deny;
        self
    }

    /// Print `cargo:rerun-if-changed` for every input and `cargo:warning`
    /// for every diagnostic: for use from build.rs.
    pub fn cargo_directives(mut self, on: bool) -> Self {
        self.cargo_directives = on;
        self
    }

    /// Reads, parses and resolves the inputs without emitting anything.
    ///
    /// The options are validated first ([`Options::validate`]), whichever
    /// way they were set; their errors are reported with the rest of the run's.
    pub fn load(&self) -> Result<Loaded, Failure> {
        let options = self.options.clone();
        let mut config_errors = self.config_errors.clone();
        config_errors.extend(options.validate());
        let started = Instant::now();
        let filter = read::PageFilter::new(&options.include, &options.exclude).map_err(|diagnostic| {
            // `validate` has said it already, at the glob.
            if config_errors.is_empty() {
                config_errors.push(diagnostic);
            }
            self.config_failure(std::mem::take(&mut config_errors))
        })?;
        let mut read = read::read_inputs(&self.inputs, &filter);
        // cargo rescans a watched folder for any change (added, removed or
        // edited pages), so the inputs and config files are all it needs.
        let watched: Vec<PathBuf> = self.inputs.iter().chain(&self.config_files).cloned().collect();
        for (name, bytes) in self.pages.iter().filter(|(name, _)| filter.accepts(name)) {
            let (text, warning) = read::decode(name, bytes);
            read.diagnostics.extend(warning);
            read.pages.push(read::SourcePage {
                file: name.clone(),
                page: name.clone(),
                path: PathBuf::from(name),
                text,
            });
        }
        let read_time = started.elapsed();
        let mut diagnostics = config_errors;
        diagnostics.append(&mut read.diagnostics);

        let started = Instant::now();
        let languages = LanguageGlobs::new(&options.languages);
        let inputs: Vec<parse::PageInput<'_>> = read
            .pages
            .iter()
            .map(|page| parse::PageInput {
                file: &page.file,
                page: &page.page,
                text: &page.text,
                // The input folder: the page's path less its path inside it.
                set: page.file.strip_suffix(page.page.as_str()).unwrap_or(""),
                language: languages.of(&page.page),
            })
            .collect();
        let parse_options = parse::ParseOptions {
            language: options.language,
            wire_case: options.wire_case,
        };
        let parsed = parse::parse_pages(&inputs, &parse_options);
        drop(inputs);
        diagnostics.extend(parsed.diagnostics);
        let mut models = Vec::with_capacity(parsed.pages.len());
        let mut skipped = Skipped::default();
        let mut failed = Vec::new();
        for page in parsed.pages {
            diagnostics.extend(page.diagnostics);
            match page.outcome {
                parse::PageOutcome::Model(model) => models.push(model),
                parse::PageOutcome::Skipped(note) => {
                    if note.severity == Severity::Note {
                        skipped.not_models += 1;
                    } else {
                        skipped.with_warning += 1;
                    }
                    diagnostics.push(note);
                }
                parse::PageOutcome::Failed(model) => failed.extend(model),
            }
        }
        // An empty crate from a wrong docs path would pass CI unnoticed; when
        // pages failed, their errors already say why there is nothing.
        if models.is_empty() && !diagnostics.iter().any(Diagnostic::is_error) {
            let in_memory = self.pages.len();
            diagnostics.push(no_models(&self.inputs, in_memory, &read.inventory, &skipped));
        }
        let parse_time = started.elapsed();

        let started = Instant::now();
        let mut schema = resolve::resolve(models, &failed, &options, &mut diagnostics);
        schema.inputs = parsed.inputs;
        if !diagnostics.iter().any(Diagnostic::is_error) {
            diagnostics.extend(emit::derive_diagnostics(&schema, &options));
        }
        let resolve_time = started.elapsed();

        if self.deny_warnings {
            for diagnostic in &mut diagnostics {
                if diagnostic.severity == Severity::Warning {
                    diagnostic.severity = Severity::Error;
                    diagnostic.help = Some(match diagnostic.help.take() {
                        Some(help) => format!("{help} (an error because warnings are denied)"),
                        None => "an error because warnings are denied".to_string(),
                    });
                }
            }
        }
        diagnostics::sort(&mut diagnostics);
        self.fill_source_lines(&mut diagnostics, &read.pages);
        if self.cargo_directives {
            print_cargo_directives(&watched, &diagnostics);
        }
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(Failure { diagnostics });
        }
        Ok(Loaded {
            schema,
            options,
            diagnostics,
            watched,
            timings: vec![("read", read_time), ("parse", parse_time), ("resolve", resolve_time)],
        })
    }

    /// What changed from the pages of `old` to those of `new`, each read,
    /// parsed and resolved as `generate` does with its own inputs and
    /// options, and whether a crate generated from `new` breaks code
    /// written against one generated from `old` (judged with `new`'s options).
    /// Either side failing to load is the failure, with both sides' errors.
    ///
    /// ```
    /// let page = |fields: &str| format!("# Pet\n\n## Properties\n\n| Name | Type | Description | Notes |\n|--|--|--|--|\n{fields}");
    /// let old = mdmodels::Generator::new().page("Pet.md", page("| **name** | str | | |\n"));
    /// let new = mdmodels::Generator::new().page("Pet.md", page("| **name** | list[str] | | |\n"));
    /// let diff = mdmodels::Generator::diff(&old, &new).unwrap();
    /// assert_eq!(diff.fields_retyped, [["Pet".to_string(), "name".to_string()]]);
    /// assert!(diff.breaking);
    /// ```
    pub fn diff(old: &Generator, new: &Generator) -> Result<diff::SchemaDiff, Failure> {
        let (old, new) = rayon::join(|| old.load(), || new.load());
        match (old, new) {
            (Ok(old), Ok(new)) => Ok(diff::diff(&old.schema, &new.schema, &new.options)),
            (Err(failure), Ok(_)) | (Ok(_), Err(failure)) => Err(failure),
            (Err(mut old), Err(new)) => {
                old.diagnostics.extend(new.diagnostics);
                Err(old)
            }
        }
    }

    /// A run stopped before reading pages: its diagnostics, with their lines.
    fn config_failure(&self, mut diagnostics: Vec<Diagnostic>) -> Failure {
        diagnostics::sort(&mut diagnostics);
        self.fill_source_lines(&mut diagnostics, &[]);
        if self.cargo_directives {
            print_cargo_directives(&self.config_files, &diagnostics);
        }
        Failure { diagnostics }
    }

    /// Gives every located diagnostic without a source line the line of its
    /// page or config file.
    fn fill_source_lines(&self, diagnostics: &mut [Diagnostic], pages: &[read::SourcePage]) {
        if diagnostics.iter().all(|d| d.source_line.is_some() || d.location.is_none()) {
            return;
        }
        let texts: std::collections::HashMap<&str, &str> = pages
            .iter()
            .map(|page| (page.file.as_str(), page.text.as_str()))
            .chain(self.config_texts.iter().map(|(file, text)| (file.as_str(), text.as_str())))
            .collect();
        diagnostics::fill_source_lines(diagnostics, |file| texts.get(file).copied());
    }

    /// The files of the generated crate, in memory.
    pub fn crate_files(&self) -> Result<(Loaded, BTreeMap<String, String>), Failure> {
        let mut loaded = self.load()?;
        let started = Instant::now();
        let files = emit::crate_files(&loaded.schema, &loaded.options);
        loaded.timings.push(("emit", started.elapsed()));
        Ok((loaded, files))
    }

    /// Generates the crate into `out`, touching only files whose content changed.
    ///
    /// Only files mdmodels wrote (they start with its `@generated` marker)
    /// are ever replaced: if `out` holds a `Cargo.toml`, `src/lib.rs` or a
    /// module file the crate would replace that lacks it, the run fails
    /// naming each one, and nothing is written.
    pub fn generate_crate(&self, out: impl AsRef<Path>) -> Result<Generated, Failure> {
        let (mut loaded, files) = self.crate_files()?;
        let started = Instant::now();
        let written = write::write_crate(out.as_ref(), &files).map_err(|error| write_failure(&loaded, error))?;
        loaded.timings.push(("write", started.elapsed()));
        let dependencies = emit::dependencies(&loaded.schema, &loaded.options);
        Ok(Generated {
            loaded,
            written,
            dependencies,
        })
    }

    /// Compares `out` with what `generate_crate` would write, writing nothing.
    /// A file `generate_crate` would refuse to replace is the same failure.
    pub fn check_crate(&self, out: impl AsRef<Path>) -> Result<Checked, Failure> {
        let (loaded, files) = self.crate_files()?;
        let stale = write::stale_files(out.as_ref(), &files).map_err(|error| write_failure(&loaded, error))?;
        Ok(Checked { loaded, stale })
    }

    /// Writes every model into one file of inline modules, for
    /// `include!(concat!(env!("OUT_DIR"), "/models.rs"))` from a build script.
    /// A file at `path` that mdmodels did not write is never replaced.
    ///
    /// The including crate needs the dependencies in
    /// [`Generated::dependencies`]; with [`cargo_directives`](Self::cargo_directives),
    /// each one missing from its `Cargo.toml` (`CARGO_MANIFEST_DIR`) is a
    /// `cargo:warning` giving the line to add.
    pub fn write_module_file(&self, path: impl AsRef<Path>) -> Result<Generated, Failure> {
        let mut loaded = self.load()?;
        let started = Instant::now();
        let text = emit::module_file(&loaded.schema, &loaded.options);
        loaded.timings.push(("emit", started.elapsed()));
        let path = path.as_ref();
        let changed = write::write_if_changed(path, &text).map_err(|error| write_failure(&loaded, error))?;
        let mut written = write::WriteReport::default();
        if changed {
            written.written.push(path.to_path_buf());
        } else {
            written.unchanged = 1;
        }
        let dependencies = emit::dependencies(&loaded.schema, &loaded.options);
        if self.cargo_directives {
            if let Some(manifest) = std::env::var_os("CARGO_MANIFEST_DIR").map(|dir| PathBuf::from(dir).join("Cargo.toml")) {
                print_missing_dependencies(&manifest, &dependencies);
            }
        }
        Ok(Generated {
            loaded,
            written,
            dependencies,
        })
    }
}

/// How many pages were read but are no model.
#[derive(Debug, Default)]
struct Skipped {
    /// Pages without a `## Properties` table or `## Enum` section (a note each).
    not_models: usize,
    /// Pages skipped with a warning (empty, an enum of numbers).
    with_warning: usize,
}

/// The error for inputs that hold no model page: what was looked at, and
/// what was found there instead.
fn no_models(inputs: &[PathBuf], in_memory: usize, inventory: &read::Inventory, skipped: &Skipped) -> Diagnostic {
    let mut looked_at: Vec<String> = inputs.iter().map(|input| format!("`{}`", input.display())).collect();
    if in_memory > 0 {
        looked_at.push(format!("{in_memory} page(s) given in memory"));
    }
    let looked_at = if looked_at.is_empty() {
        "no input was given".to_string()
    } else {
        format!("looked at {}", looked_at.join(", "))
    };
    let mut found = vec![format!("{} file(s)", inventory.files + in_memory)];
    let not_markdown = inventory.files - inventory.pages;
    if not_markdown > 0 {
        found.push(format!("{not_markdown} not Markdown (only `.md` and `.markdown` files in a folder are read)"));
    }
    if inventory.filtered_out > 0 {
        found.push(format!("{} page(s) left out by the [input] include/exclude globs", inventory.filtered_out));
    }
    if skipped.not_models > 0 {
        found.push(format!(
            "{} page(s) skipped as not model pages (no `## Properties` table or `## Enum` section)",
            skipped.not_models
        ));
    }
    if skipped.with_warning > 0 {
        found.push(format!("{} page(s) skipped with a warning", skipped.with_warning));
    }
    let mut help = "pass the folder of the SDK's model pages (Markdown pages with a `## Properties` table, such as `docs/Call.md`)".to_string();
    if inventory.filtered_out > 0 {
        help.push_str(", or widen the [input] globs");
    }
    Diagnostic::error(
        DiagnosticKind::NoModels,
        format!("no model page in the input: {looked_at}; found {}", found.join(", ")),
    )
    .with_help(help)
}

/// `[input.languages]`: the language of the pages each glob matches (the
/// first glob that matches wins).
struct LanguageGlobs(Vec<(globset::GlobMatcher, parse::type_expr::Language)>);

impl LanguageGlobs {
    /// A glob that does not compile is left out: `Options::validate` has
    /// reported it at its key.
    fn new(languages: &[(String, parse::type_expr::Language)]) -> LanguageGlobs {
        LanguageGlobs(
            languages
                .iter()
                .filter_map(|(glob, language)| Some((globset::Glob::new(glob).ok()?.compile_matcher(), *language)))
                .collect(),
        )
    }

    fn of(&self, page: &str) -> Option<parse::type_expr::Language> {
        self.0.iter().find(|(glob, _)| glob.is_match(page)).map(|(_, language)| *language)
    }
}

fn write_failure(loaded: &Loaded, error: write::WriteError) -> Failure {
    let mut diagnostics = loaded.diagnostics.clone();
    match error {
        write::WriteError::Io(error) => diagnostics.push(
            Diagnostic::error(DiagnosticKind::Io, format!("cannot write the output: {error}"))
                .with_help("check that the output folder is writable; nothing else was changed"),
        ),
        write::WriteError::NotGenerated(paths) => diagnostics.extend(paths.iter().map(|path| {
            Diagnostic::error(
                DiagnosticKind::NotGenerated,
                format!(
                    "`{}` was not written by mdmodels (it does not start with the `@generated` marker), so it is not replaced",
                    path.display()
                ),
            )
            .with_help(format!(
                "nothing was written: choose a new or empty output folder, or delete `{}` if it may go",
                path.display()
            ))
        })),
    }
    Failure { diagnostics }
}

fn print_cargo_directives(watched: &[PathBuf], diagnostics: &[Diagnostic]) {
    for path in watched {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    for line in cargo_warning_lines(diagnostics) {
        println!("cargo:warning={line}");
    }
}

/// Warnings of one kind shown as their own `cargo:warning` line before the
/// rest are folded into one: ten fill a screen without hiding the build's
/// own output, and the first ones of a kind are usually enough to act on.
pub const CARGO_WARNINGS_PER_KIND: usize = 10;

/// One line per diagnostic (cargo shows one line per `cargo:warning`): every
/// error, and up to [`CARGO_WARNINGS_PER_KIND`] warnings of each kind, then
/// one line that counts the rest of that kind.
fn cargo_warning_lines(diagnostics: &[Diagnostic]) -> Vec<String> {
    let shown: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.severity != Severity::Note).collect();
    let mut lines = Vec::new();
    let mut kinds: BTreeMap<(Severity, DiagnosticKind), Vec<&Diagnostic>> = BTreeMap::new();
    for diagnostic in shown {
        kinds.entry((diagnostic.severity, diagnostic.kind)).or_default().push(diagnostic);
    }
    for ((severity, kind), group) in kinds {
        if severity == Severity::Warning && group.len() > CARGO_WARNINGS_PER_KIND {
            lines.extend(group[..CARGO_WARNINGS_PER_KIND].iter().map(|d| d.headline()));
            lines.push(format!(
                "... and {} more {} warnings ({} in all; the returned diagnostics hold every one)",
                group.len() - CARGO_WARNINGS_PER_KIND,
                kind.as_str(),
                group.len()
            ));
        } else {
            lines.extend(group.iter().map(|d| d.headline()));
        }
    }
    lines
}

/// Tells a build script's crate which dependencies the included models use
/// and its `Cargo.toml` lacks (by name, in any dependency table), with the
/// line to add; a manifest that cannot be read or parsed says nothing.
fn print_missing_dependencies(manifest: &Path, dependencies: &BTreeMap<String, String>) {
    let Ok(text) = std::fs::read_to_string(manifest) else { return };
    let missing = missing_dependencies(&text, dependencies);
    if missing.is_empty() {
        return;
    }
    // Once the lines are added, the next build runs the script again and the warning goes.
    println!("cargo:rerun-if-changed={}", manifest.display());
    for (name, spec) in missing {
        println!(
            "cargo:warning=the generated models use the crate `{name}`, which {} does not list: add `{name} = {spec}` to its [dependencies]",
            manifest.display()
        );
    }
}

/// The `dependencies` a manifest lists in none of its `[dependencies]`
/// tables (plain, or `[target.'cfg(...)'.dependencies]`); a renamed
/// dependency (`package = "..."`) counts under its key, as code names it.
fn missing_dependencies<'a>(manifest: &str, dependencies: &'a BTreeMap<String, String>) -> Vec<(&'a str, &'a str)> {
    let Ok(manifest) = manifest.parse::<toml::Table>() else { return Vec::new() };
    let lists = |name: &str| {
        let in_table = |table: Option<&toml::Value>| table.and_then(toml::Value::as_table).is_some_and(|deps| deps.contains_key(name));
        in_table(manifest.get("dependencies"))
            || manifest
                .get("target")
                .and_then(toml::Value::as_table)
                .is_some_and(|targets| targets.values().any(|target| in_table(target.get("dependencies"))))
    };
    dependencies
        .iter()
        .filter(|(name, _)| !lists(name))
        .map(|(name, spec)| (name.as_str(), spec.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(diagnostic: Diagnostic, line: u32) -> Diagnostic {
        diagnostic.at(schema::SourceLocation {
            file: "docs/M.md".to_string(),
            line,
            column: 3,
        })
    }

    const PAGE: &str = "# Pet\n\n## Properties\n\n| Name | Type | Description | Notes |\n|--|--|--|--|\n| **name** | str | | |\n";

    fn config_errors(failure: Failure) -> Vec<String> {
        assert!(failure.diagnostics.iter().all(|d| d.is_error() && d.kind == DiagnosticKind::Config), "{failure}");
        failure.diagnostics.into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn languages_per_glob_and_wire_cases_come_from_the_builder() {
        let page = |name: &str| format!("# {name}\n\n## Properties\n\n| Name | Type | Description | Notes |\n|--|--|--|--|\n| **_id** | **String** | | |\n| **userCode** | **String** | | |\n");
        let loaded = Generator::new()
            .page("ios/Ref.md", page("Ref"))
            .page("java/Other.md", page("Other"))
            .language_of("ios/*.md", "swift")
            .wire_case("snake_case")
            .load()
            .unwrap();
        let fields = |model: usize| -> Vec<(&str, &str)> {
            loaded.schema.models[model].fields.iter().map(|f| (f.doc_name.as_str(), f.wire_name.as_str())).collect()
        };
        assert_eq!(loaded.schema.models[1].name, "Ref");
        assert_eq!(fields(1), [("_id", "id"), ("userCode", "user_code")], "Swift's `_id` escape, then the wire case");
        assert_eq!(fields(0), [("_id", "_id"), ("userCode", "user_code")]);
        assert!(loaded.schema.inputs[0].reason.contains("1 page(s) in the language `[input.languages]` gives them"));

        let failure = Generator::new().page("A.md", page("A")).language("cobol").load().unwrap_err();
        assert!(failure.diagnostics[0].message.contains("`cobol` is not a language"));
        let failure = Generator::new().page("A.md", page("A")).wire_case("SCREAMING").load().unwrap_err();
        assert!(failure.diagnostics[0].message.contains("is not a wire case"));
    }

    #[test]
    fn builder_options_are_validated_like_the_cli_and_the_config_before_anything_is_written() {
        let out = tempfile::tempdir().unwrap();
        let generator = Generator::new()
            .page("Pet.md", PAGE)
            .crate_name("my crate!")
            .crate_version("banana")
            .rust_type("Pet.name", "not a type!")
            .datetime(DateTimeBackend::Time)
            .serde_impls(SerdeImpls::Derive);
        let failure = generator.generate_crate(out.path().join("crate")).unwrap_err();
        let messages = config_errors(failure);
        assert_eq!(messages.len(), 3, "{messages:#?}");
        assert!(messages.iter().any(|m| m.starts_with("the crate name `my crate!` is not one cargo accepts")));
        assert!(messages.iter().any(|m| m.starts_with("the crate version `banana` is not a semver version")));
        assert!(messages.iter().any(|m| m.starts_with("`not a type!` (the type for `Pet.name`) is not a Rust type")));
        assert!(!out.path().join("crate").exists());

        let module = out.path().join("models.rs");
        let options = Options {
            derives: vec!["Hash<".to_string()],
            attributes: vec!["non_exhaustive".to_string()],
            ..Options::default()
        };
        let failure = Generator::new().page("Pet.md", PAGE).options(options).write_module_file(&module).unwrap_err();
        assert_eq!(config_errors(failure).len(), 2);
        assert!(!module.exists());
    }

    #[test]
    fn config_file_errors_come_with_their_lines_all_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mdmodels.toml");
        std::fs::write(&path, "[output]\nderive = [\"Eq\"]\n[fields.\"Pet.nmae\"]\nattributes = [\"#[doc(hidden)]\"]\n").unwrap();
        let failure = Generator::new().page("Pet.md", PAGE).config_file(&path).load().unwrap_err();
        let lines: Vec<(&str, Option<&str>)> =
            failure.diagnostics.iter().map(|d| (d.message.as_str(), d.source_line.as_deref())).collect();
        assert_eq!(
            lines,
            [
                ("unknown key `derive` in [output]; did you mean `derives`?", Some("derive = [\"Eq\"]")),
                (
                    "the config names `Pet.nmae`: no field `nmae` in model `Pet`; did you mean `name`?",
                    Some("[fields.\"Pet.nmae\"]")
                ),
            ]
        );
    }

    #[test]
    fn cargo_warnings_are_one_located_line_each_up_to_a_cap_then_a_fold_line() {
        let many = CARGO_WARNINGS_PER_KIND + 4;
        let mut diagnostics: Vec<Diagnostic> = (1..=many as u32)
            .map(|line| at(Diagnostic::warning(DiagnosticKind::UnresolvedReference, format!("`X{line}` has no page")), line))
            .collect();
        diagnostics.push(at(Diagnostic::warning(DiagnosticKind::NameCollision, "two names"), 1));
        diagnostics.push(at(Diagnostic::error(DiagnosticKind::BadType, "cannot parse `list[`").with_source_line("| **a** | list[ |"), 9));
        diagnostics.push(at(Diagnostic::error(DiagnosticKind::BadType, "cannot parse `dict(`"), 10));
        diagnostics.push(Diagnostic::note(DiagnosticKind::NotAModelPage, "skipped"));
        diagnostics::sort(&mut diagnostics);
        let lines = cargo_warning_lines(&diagnostics);
        let mut expected = vec![
            "docs/M.md:9:3: error[bad-type]: cannot parse `list[`".to_string(),
            "docs/M.md:10:3: error[bad-type]: cannot parse `dict(`".to_string(),
        ];
        expected.extend(
            (1..=CARGO_WARNINGS_PER_KIND).map(|line| format!("docs/M.md:{line}:3: warning[unresolved-reference]: `X{line}` has no page")),
        );
        expected.push(format!(
            "... and 4 more unresolved-reference warnings ({many} in all; the returned diagnostics hold every one)"
        ));
        expected.push("docs/M.md:1:3: warning[name-collision]: two names".to_string());
        assert_eq!(lines, expected);
    }

    #[test]
    fn missing_dependencies_are_those_no_dependency_table_lists() {
        let needed: BTreeMap<String, String> = [("serde", "\"1\""), ("serde_json", "\"1\""), ("chrono", "{ version = \"0.4\" }"), ("time", "\"0.3\"")]
            .into_iter()
            .map(|(name, spec)| (name.to_string(), spec.to_string()))
            .collect();
        let manifest = "[package]\nname = \"user\"\n\n[dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\n\n[target.'cfg(unix)'.dependencies]\ntime = \"0.3\"\n\n[dev-dependencies]\nchrono = \"0.4\"\n";
        assert_eq!(
            missing_dependencies(manifest, &needed),
            [("chrono", "{ version = \"0.4\" }"), ("serde_json", "\"1\"")],
            "a dev-dependency does not count: the models are in the library"
        );
        assert!(missing_dependencies("not toml [", &needed).is_empty(), "an unreadable manifest says nothing");
    }
}
