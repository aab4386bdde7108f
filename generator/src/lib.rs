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
pub mod emit;
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

use rayon::prelude::*;

pub use config::{DateTimeBackend, MapType, Options, Selector, SerdeImpls};
pub use diagnostics::{Diagnostic, DiagnosticKind, Severity};
pub use schema::Schema;

/// Runs the pipeline; every option of the CLI has a builder method here.
#[derive(Debug, Clone, Default)]
pub struct Generator {
    inputs: Vec<PathBuf>,
    /// Pages given in memory: (name, bytes).
    pages: Vec<(String, Vec<u8>)>,
    config_files: Vec<PathBuf>,
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
        self
    }

    /// The generated crate's version (default `0.1.0`).
    pub fn crate_version(mut self, version: impl Into<String>) -> Self {
        self.options.crate_version = version.into();
        self
    }

    /// Reads an `mdmodels.toml` (see the README) now: its settings apply on
    /// top of those set before this call, and builder calls after it win.
    /// A config error is reported when the generator runs.
    pub fn config_file(mut self, path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        match std::mem::take(&mut self.options).load_file(&path) {
            Ok(options) => self.options = options,
            Err(diagnostic) => self.config_errors.push(diagnostic),
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
    pub fn rust_type(mut self, selector: &str, rust_type: &str) -> Self {
        self.options.settings_mut(Selector::parse(selector)).rust_type = Some(rust_type.to_string());
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
        self
    }

    /// Puts every model behind a cargo feature named like its module, which
    /// enables the features of the models it references; `default = ["all"]`.
    /// Crate layout only (`generate_crate`).
    pub fn features_per_model(mut self, on: bool) -> Self {
        self.options.features_per_model = on;
        self
    }

    /// Hand-written lean serde impls (the default) or `#[derive]`.
    pub fn serde_impls(mut self, impls: config::SerdeImpls) -> Self {
        self.options.serde_impls = impls;
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
    pub fn load(&self) -> Result<Loaded, Failure> {
        if !self.config_errors.is_empty() {
            return Err(Failure {
                diagnostics: self.config_errors.clone(),
            });
        }
        let options = self.options.clone();
        if let Some(message) = config::max_struct_size_problem(i64::from(options.max_struct_size)) {
            return Err(Failure {
                diagnostics: vec![Diagnostic::error(DiagnosticKind::Config, message)],
            });
        }
        let started = Instant::now();
        let filter = read::PageFilter::new(&options.include, &options.exclude)
            .map_err(|diagnostic| Failure { diagnostics: vec![diagnostic] })?;
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
        let mut diagnostics = read.diagnostics;

        let started = Instant::now();
        let parsed: Vec<parse::ParsedPage> = read
            .pages
            .par_iter()
            .map(|page| parse::parse_page(&page.file, &page.page, &page.text))
            .collect();
        let mut models = Vec::with_capacity(parsed.len());
        for page in parsed {
            diagnostics.extend(page.diagnostics);
            match page.outcome {
                parse::PageOutcome::Model(model) => models.push(model),
                parse::PageOutcome::Skipped(note) => diagnostics.push(note),
                parse::PageOutcome::Failed => {}
            }
        }
        let parse_time = started.elapsed();

        let started = Instant::now();
        let schema = resolve::resolve(models, &options, &mut diagnostics);
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

    /// The files of the generated crate, in memory.
    pub fn crate_files(&self) -> Result<(Loaded, BTreeMap<String, String>), Failure> {
        let mut loaded = self.load()?;
        let started = Instant::now();
        let files = emit::crate_files(&loaded.schema, &loaded.options);
        loaded.timings.push(("emit+format", started.elapsed()));
        Ok((loaded, files))
    }

    /// Generates the crate into `out`, touching only files whose content changed.
    pub fn generate_crate(&self, out: impl AsRef<Path>) -> Result<Generated, Failure> {
        let (mut loaded, files) = self.crate_files()?;
        let started = Instant::now();
        let written = write::write_crate(out.as_ref(), &files).map_err(|error| io_failure(&loaded, error))?;
        loaded.timings.push(("write", started.elapsed()));
        Ok(Generated { loaded, written })
    }

    /// Compares `out` with what `generate_crate` would write, writing nothing.
    pub fn check_crate(&self, out: impl AsRef<Path>) -> Result<Checked, Failure> {
        let (loaded, files) = self.crate_files()?;
        let stale = write::stale_files(out.as_ref(), &files).map_err(|error| io_failure(&loaded, error))?;
        Ok(Checked { loaded, stale })
    }

    /// Writes every model into one file of inline modules, for
    /// `include!(concat!(env!("OUT_DIR"), "/models.rs"))` from a build script.
    pub fn write_module_file(&self, path: impl AsRef<Path>) -> Result<Generated, Failure> {
        let mut loaded = self.load()?;
        let started = Instant::now();
        let text = emit::module_file(&loaded.schema, &loaded.options);
        loaded.timings.push(("emit+format", started.elapsed()));
        let path = path.as_ref();
        let changed = write::write_if_changed(path, &text).map_err(|error| io_failure(&loaded, error))?;
        let mut written = write::WriteReport::default();
        if changed {
            written.written.push(path.to_path_buf());
        } else {
            written.unchanged = 1;
        }
        Ok(Generated { loaded, written })
    }
}

fn io_failure(loaded: &Loaded, error: std::io::Error) -> Failure {
    let mut diagnostics = loaded.diagnostics.clone();
    diagnostics.push(
        Diagnostic::error(DiagnosticKind::Io, format!("cannot write the output: {error}"))
            .with_help("check that the output folder is writable; nothing else was changed"),
    );
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

/// One line per diagnostic (cargo shows one line per `cargo:warning`); a kind
/// with more than a few is folded into one line so builds stay readable.
fn cargo_warning_lines(diagnostics: &[Diagnostic]) -> Vec<String> {
    const MAX_PER_KIND: usize = 3;
    let shown: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.severity != Severity::Note).collect();
    let mut lines = Vec::new();
    let mut kinds: BTreeMap<(Severity, DiagnosticKind), Vec<&Diagnostic>> = BTreeMap::new();
    for diagnostic in shown {
        kinds.entry((diagnostic.severity, diagnostic.kind)).or_default().push(diagnostic);
    }
    for ((severity, kind), group) in kinds {
        match group.first() {
            Some(first) if severity == Severity::Warning && group.len() > MAX_PER_KIND => lines.push(format!(
                "{} {} warnings, the first: {}",
                group.len(),
                kind.as_str(),
                first.headline()
            )),
            _ => lines.extend(group.iter().map(|d| d.headline())),
        }
    }
    lines
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

    #[test]
    fn cargo_warnings_are_one_located_line_each_and_many_warnings_fold() {
        let mut diagnostics: Vec<Diagnostic> = (1..=5)
            .map(|line| at(Diagnostic::warning(DiagnosticKind::UnresolvedReference, format!("`X{line}` has no page")), line))
            .collect();
        diagnostics.push(at(Diagnostic::error(DiagnosticKind::BadType, "cannot parse `list[`").with_source_line("| **a** | list[ |"), 9));
        diagnostics.push(at(Diagnostic::error(DiagnosticKind::BadType, "cannot parse `dict(`"), 10));
        diagnostics.push(Diagnostic::note(DiagnosticKind::NotAModelPage, "skipped"));
        let lines = cargo_warning_lines(&diagnostics);
        assert_eq!(
            lines,
            [
                "docs/M.md:9:3: error[bad-type]: cannot parse `list[`",
                "docs/M.md:10:3: error[bad-type]: cannot parse `dict(`",
                "5 unresolved-reference warnings, the first: docs/M.md:1:3: warning[unresolved-reference]: `X1` has no page",
            ]
        );
    }
}
