//! The `mdmodels` command line.
//!
//! Exit codes: 0 success (and fresh, for `check`); 1 `check` found stale
//! files; 2 bad input or usage (nothing written).
//!
//! Diagnostics go to stderr, as text or (`--format json`) as JSON lines;
//! stdout carries only what the command produces (the schema, the diff).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use mdmodels::{Diagnostic, Failure, Generator, Severity};

// A run makes and frees a great many small strings and vectors (names,
// types, cells, items) on both cores; mimalloc's thread-local free lists
// make that measurably cheaper than glibc's malloc (README, "Performance").
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "mdmodels", version, about = "Generate Rust serde models from Markdown model pages")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a crate from the pages into --out, writing only changed files.
    Generate {
        #[command(flatten)]
        common: Common,
        /// Print the time each stage took.
        #[arg(long)]
        timings: bool,
    },
    /// Check that --out holds exactly what `generate` would write; writes nothing.
    /// Exits 1 with a unified diff when it does not.
    Check {
        #[command(flatten)]
        common: Common,
    },
    /// Print the schema (the intermediate representation) as JSON.
    Schema {
        /// Page files or folders of pages (searched recursively for .md files).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Fail on any warning.
        #[arg(long)]
        deny_warnings: bool,
        /// How diagnostics are printed on stderr.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}

/// How diagnostics are printed on stderr.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// `file:line:column: error[kind]: message`, the line with a caret, the help.
    Human,
    /// One JSON object per line: every diagnostic (notes too), then a `result`.
    Json,
}

#[derive(Args)]
struct Common {
    /// Page files or folders of pages (searched recursively for .md files).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// The crate folder to write (or check): Cargo.toml and src/.
    #[arg(long, short)]
    out: PathBuf,
    /// The generated crate's package name [default: generated].
    #[arg(long)]
    crate_name: Option<String>,
    /// The generated crate's version [default: 0.1.0].
    #[arg(long)]
    crate_version: Option<String>,
    /// Fail on any warning, such as a reference to a model that has no page.
    #[arg(long)]
    deny_warnings: bool,
    /// A config file (mdmodels.toml): wire names, type replacements, derives,
    /// datetime and map types, unknown-field keeping, page globs; see the README.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Put every model behind a cargo feature of its own that enables the
    /// models it references (default feature: all). For path, git and private
    /// registry dependencies: crates.io allows 300 features per crate.
    #[arg(long)]
    features_per_model: bool,
    /// The largest a generated struct may be, in bytes (estimated size_of):
    /// nested models are boxed, largest first, to stay within it [default: 4096].
    #[arg(long, value_name = "BYTES")]
    max_struct_size: Option<u32>,
    /// How diagnostics are printed on stderr.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

impl Common {
    fn generator(&self) -> Generator {
        let generator = self
            .inputs
            .iter()
            .fold(Generator::new(), |generator, input| generator.input(input));
        // Flags set here win over the config file only when given explicitly;
        // the config's crate name and version otherwise apply.
        let generator = match &self.config {
            Some(config) => generator.config_file(config),
            None => generator,
        };
        let generator = generator.deny_warnings(self.deny_warnings);
        let generator = if self.features_per_model {
            generator.features_per_model(true)
        } else {
            generator
        };
        let generator = match self.max_struct_size {
            Some(bytes) => generator.max_struct_size(bytes),
            None => generator,
        };
        let generator = match &self.crate_name {
            Some(name) => generator.crate_name(name),
            None => generator,
        };
        match &self.crate_version {
            Some(version) => generator.crate_version(version),
            None => generator,
        }
    }

    /// The `generate` command that brings --out up to date.
    fn generate_command(&self) -> String {
        let mut words = vec!["mdmodels".to_string(), "generate".to_string()];
        words.extend(self.inputs.iter().map(|input| input.display().to_string()));
        words.push("--out".to_string());
        words.push(self.out.display().to_string());
        if let Some(config) = &self.config {
            words.push(format!("--config {}", config.display()));
        }
        if let Some(name) = &self.crate_name {
            words.push(format!("--crate-name {name}"));
        }
        if let Some(version) = &self.crate_version {
            words.push(format!("--crate-version {version}"));
        }
        if self.deny_warnings {
            words.push("--deny-warnings".to_string());
        }
        if self.features_per_model {
            words.push("--features-per-model".to_string());
        }
        if let Some(bytes) = self.max_struct_size {
            words.push(format!("--max-struct-size {bytes}"));
        }
        words.join(" ")
    }
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Generate { common, timings } => generate(&common, timings),
        Command::Check { common } => check(&common),
        Command::Schema {
            inputs,
            deny_warnings,
            format,
        } => schema(inputs, deny_warnings, format),
    }
}

fn generate(common: &Common, timings: bool) -> ExitCode {
    match common.generator().generate_crate(&common.out) {
        Ok(generated) => {
            let report = &generated.written;
            if common.format == Format::Json {
                let paths = |paths: &[PathBuf]| paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>();
                print_json(&generated.loaded.diagnostics);
                print_result(serde_json::json!({
                    "command": "generate",
                    "outcome": "written",
                    "models": generated.loaded.schema.models.len(),
                    "written": paths(&report.written),
                    "unchanged": report.unchanged,
                    "removed": paths(&report.removed),
                }));
                return ExitCode::SUCCESS;
            }
            print_warnings(&generated.loaded.diagnostics);
            eprintln!("{}", generated.loaded.summary());
            eprintln!(
                "{}: {} files written, {} unchanged, {} removed",
                common.out.display(),
                report.written.len(),
                report.unchanged,
                report.removed.len()
            );
            if timings {
                for (stage, time) in &generated.loaded.timings {
                    eprintln!("{stage:>12}: {:8.1} ms", time.as_secs_f64() * 1000.0);
                }
            }
            ExitCode::SUCCESS
        }
        Err(failure) => fail("generate", &failure, common.format),
    }
}

fn check(common: &Common) -> ExitCode {
    match common.generator().check_crate(&common.out) {
        Ok(checked) => {
            for stale in &checked.stale {
                print!("{}", stale.unified_diff());
            }
            if common.format == Format::Json {
                print_json(&checked.loaded.diagnostics);
                let stale: Vec<String> = checked.stale.iter().map(|s| s.path().display().to_string()).collect();
                print_result(serde_json::json!({
                    "command": "check",
                    "outcome": if stale.is_empty() { "fresh" } else { "stale" },
                    "stale": stale,
                    "fix": (!stale.is_empty()).then(|| common.generate_command()),
                }));
            } else if checked.stale.is_empty() {
                print_warnings(&checked.loaded.diagnostics);
                eprintln!("{} is up to date", common.out.display());
            } else {
                eprintln!(
                    "{} is stale: {} file(s) differ from what the pages generate.\nTo fix it, run: {}",
                    common.out.display(),
                    checked.stale.len(),
                    common.generate_command()
                );
            }
            if checked.stale.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(failure) => fail("check", &failure, common.format),
    }
}

fn schema(inputs: Vec<PathBuf>, deny_warnings: bool, format: Format) -> ExitCode {
    let generator = inputs
        .into_iter()
        .fold(Generator::new(), |generator, input| generator.input(input))
        .deny_warnings(deny_warnings);
    match generator.load() {
        Ok(loaded) => {
            let json = match serde_json::to_string_pretty(&loaded.schema) {
                Ok(json) => json,
                Err(error) => {
                    let failure = Failure {
                        diagnostics: vec![Diagnostic::error(
                            mdmodels::DiagnosticKind::Io,
                            format!("cannot print the schema: {error}"),
                        )],
                    };
                    return fail("schema", &failure, format);
                }
            };
            println!("{json}");
            if format == Format::Json {
                print_json(&loaded.diagnostics);
                print_result(serde_json::json!({
                    "command": "schema",
                    "outcome": "printed",
                    "models": loaded.schema.models.len(),
                }));
            } else {
                print_warnings(&loaded.diagnostics);
            }
            ExitCode::SUCCESS
        }
        Err(failure) => fail("schema", &failure, format),
    }
}

fn print_warnings(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics.iter().filter(|d| d.severity == Severity::Warning) {
        eprintln!("{}\n", diagnostic.render());
    }
}

/// Every diagnostic, notes included, one JSON object per line.
fn print_json(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        eprintln!("{}", diagnostic.to_json());
    }
}

/// The last JSON line of a run: `{"type": "result", ...}` with counts by severity.
fn print_result(mut result: serde_json::Value) {
    result["type"] = "result".into();
    eprintln!("{result}");
}

fn fail(command: &str, failure: &Failure, format: Format) -> ExitCode {
    match format {
        Format::Human => eprintln!("{failure}"),
        Format::Json => {
            print_json(&failure.diagnostics);
            let count = |severity| failure.diagnostics.iter().filter(|d| d.severity == severity).count();
            print_result(serde_json::json!({
                "command": command,
                "outcome": "failed",
                "errors": count(Severity::Error),
                "warnings": count(Severity::Warning),
                "written": [],
            }));
        }
    }
    ExitCode::from(2)
}
