//! The `mdmodels` command line.
//!
//! Exit codes: 0 success (and fresh, for `check`); 1 `check` found stale
//! files; 2 bad input or usage (nothing written).
//!
//! Diagnostics go to stderr, as text or (`--format json`) as JSON lines;
//! stdout carries only what the command produces (the schema, the diff).

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

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
    /// Print no warnings or summaries on stderr, only errors (and what the
    /// command produces on stdout).
    #[arg(long, short, global = true)]
    quiet: bool,
}

/// `--quiet`, read where human text goes to stderr.
static QUIET: AtomicBool = AtomicBool::new(false);

fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
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
        #[command(flatten)]
        input: Input,
        /// How diagnostics are printed on stderr.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Compare two sets of pages: what changed, and whether a crate generated
    /// from NEW breaks code written against one generated from OLD.
    /// Exits 1 with --deny-breaking when it does, 2 on bad input.
    Diff(DiffArgs),
    /// Draw the model reference graph: nodes are models (enums and names
    /// without a page styled apart), edges are fields.
    Graph {
        #[command(flatten)]
        input: Input,
        /// Graphviz DOT, or a Mermaid flowchart (GitHub renders it).
        #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
        format: GraphFormat,
    },
    /// List the models: name, page, field count, how many models reference it.
    List {
        #[command(flatten)]
        input: Input,
        /// A table, or one JSON array (diagnostics on stderr are then JSON lines).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Print a shell completion script: `mdmodels completions bash > /etc/bash_completion.d/mdmodels`.
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    Dot,
    Mermaid,
    /// The DOT graph laid out and drawn by layout-rs (no Graphviz needed);
    /// slow beyond a few hundred models: use --root.
    Svg,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Shell {
    Bash,
    Zsh,
    Fish,
}

#[derive(Args)]
struct DiffArgs {
    /// OLD and NEW, each a folder of pages or one page. For several inputs
    /// on a side, give them with --old and --new instead.
    #[arg(value_name = "OLD NEW", num_args = 0..=2, conflicts_with_all = ["old", "new"])]
    sides: Vec<PathBuf>,
    /// An input of the OLD side (repeatable).
    #[arg(long, value_name = "PATH")]
    old: Vec<PathBuf>,
    /// An input of the NEW side (repeatable).
    #[arg(long, value_name = "PATH")]
    new: Vec<PathBuf>,
    /// A config file (mdmodels.toml), applied to both sides.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Compare only this model and the models it references (repeatable).
    #[arg(long, value_name = "MODEL")]
    root: Vec<String>,
    /// Fail on any warning of either side.
    #[arg(long)]
    deny_warnings: bool,
    /// Exit 1 when a crate generated from NEW breaks code written against OLD.
    #[arg(long)]
    deny_breaking: bool,
    // Applied to both sides.
    #[command(flatten)]
    naming: Naming,
    /// The report on stdout: text, or one JSON object (diagnostics on stderr
    /// are then JSON lines).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// What decides the JSON names (also `[input] language` and `wire-case`).
#[derive(Args, Clone)]
struct Naming {
    /// The SDK language the pages were written for (python, ruby, java,
    /// kotlin, csharp, swift, go, typescript, javascript, php) [default: each
    /// input folder's pages vote].
    #[arg(long, value_name = "LANGUAGE", value_parser = parse_language)]
    language: Option<String>,
    /// How every JSON key is spelled: snake_case, camelCase, PascalCase,
    /// kebab-case or as-written [default: the language's rule].
    #[arg(long, value_name = "CASE", value_parser = parse_wire_case)]
    wire_case: Option<String>,
}

impl Naming {
    fn apply(&self, generator: Generator) -> Generator {
        let generator = match &self.language {
            Some(language) => generator.language(language),
            None => generator,
        };
        match &self.wire_case {
            Some(case) => generator.wire_case(case),
            None => generator,
        }
    }

    fn words(&self) -> Vec<String> {
        let mut words = Vec::new();
        if let Some(language) = &self.language {
            words.push(format!("--language {language}"));
        }
        if let Some(case) = &self.wire_case {
            words.push(format!("--wire-case {case}"));
        }
        words
    }
}

/// Checked by the option's own parser, so a bad value is a usage error.
fn parse_language(text: &str) -> Result<String, String> {
    text.parse::<mdmodels::parse::type_expr::Language>().map(|_| text.to_string())
}

fn parse_wire_case(text: &str) -> Result<String, String> {
    text.parse::<mdmodels::naming::WireCase>().map(|_| text.to_string())
}

/// How diagnostics are printed on stderr.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// `file:line:column: error[kind]: message`, the line with a caret, the help.
    Human,
    /// One JSON object per line: every diagnostic (notes too), then a `result`.
    Json,
}

/// The pages and what shapes how they are read: shared by every command.
#[derive(Args)]
struct Input {
    /// Page files or folders of pages (searched recursively for .md files).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// A config file (mdmodels.toml): wire names, type replacements, derives,
    /// datetime and map types, unknown-field keeping, page globs, roots; see the README.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Only this model and the models it references, transitively
    /// (repeatable); the model name as its page writes it.
    #[arg(long, value_name = "MODEL")]
    root: Vec<String>,
    /// Fail on any warning, such as a reference to a model that has no page.
    #[arg(long)]
    deny_warnings: bool,
    #[command(flatten)]
    naming: Naming,
}

impl Input {
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
        let generator = self.root.iter().fold(generator, |generator, root| generator.root(root));
        self.naming.apply(generator.deny_warnings(self.deny_warnings))
    }

    /// The words that give the same input on a command line.
    fn words(&self) -> Vec<String> {
        let mut words: Vec<String> = self.inputs.iter().map(|input| input.display().to_string()).collect();
        if let Some(config) = &self.config {
            words.push(format!("--config {}", config.display()));
        }
        words.extend(self.root.iter().map(|root| format!("--root {root}")));
        if self.deny_warnings {
            words.push("--deny-warnings".to_string());
        }
        words.extend(self.naming.words());
        words
    }
}

#[derive(Args)]
struct Common {
    #[command(flatten)]
    input: Input,
    /// The crate folder to write (or check): Cargo.toml and src/.
    #[arg(long, short)]
    out: PathBuf,
    /// The generated crate's package name [default: generated].
    #[arg(long)]
    crate_name: Option<String>,
    /// The generated crate's version [default: 0.1.0].
    #[arg(long)]
    crate_version: Option<String>,
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
        let generator = self.input.generator();
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
        let input = self.input.words();
        let inputs = self.input.inputs.len();
        words.extend(input[..inputs].iter().cloned());
        words.push("--out".to_string());
        words.push(self.out.display().to_string());
        words.extend(input[inputs..].iter().filter(|word| word.starts_with("--config")).cloned());
        if let Some(name) = &self.crate_name {
            words.push(format!("--crate-name {name}"));
        }
        if let Some(version) = &self.crate_version {
            words.push(format!("--crate-version {version}"));
        }
        words.extend(input[inputs..].iter().filter(|word| !word.starts_with("--config")).cloned());
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
    let cli = Cli::parse();
    QUIET.store(cli.quiet, Ordering::Relaxed);
    match cli.command {
        Command::Generate { common, timings } => generate(&common, timings),
        Command::Check { common } => check(&common),
        Command::Schema { input, format } => schema(&input, format),
        Command::Diff(args) => diff(&args),
        Command::Graph { input, format } => graph(&input, format),
        Command::List { input, format } => list(&input, format),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let shell = match shell {
                Shell::Bash => clap_complete::Shell::Bash,
                Shell::Zsh => clap_complete::Shell::Zsh,
                Shell::Fish => clap_complete::Shell::Fish,
            };
            clap_complete::generate(shell, &mut Cli::command(), "mdmodels", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
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
            if quiet() {
                return ExitCode::SUCCESS;
            }
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
                if !quiet() {
                    eprintln!("{} is up to date", common.out.display());
                }
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

fn schema(input: &Input, format: Format) -> ExitCode {
    match input.generator().load() {
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

fn diff(args: &DiffArgs) -> ExitCode {
    let (old, new) = match &args.sides[..] {
        [old, new] => (vec![old.clone()], vec![new.clone()]),
        [] if !args.old.is_empty() && !args.new.is_empty() => (args.old.clone(), args.new.clone()),
        _ => {
            use clap::CommandFactory;
            Cli::command()
                .error(
                    clap::error::ErrorKind::MissingRequiredArgument,
                    "diff needs OLD and NEW: `mdmodels diff OLD NEW`, or `--old PATH... --new PATH...`",
                )
                .exit()
        }
    };
    let side = |inputs: Vec<PathBuf>| {
        Input {
            inputs,
            config: args.config.clone(),
            root: args.root.clone(),
            deny_warnings: args.deny_warnings,
            naming: args.naming.clone(),
        }
        .generator()
    };
    match Generator::diff(&side(old), &side(new)) {
        Ok(diff) => {
            if args.format == Format::Json {
                match serde_json::to_string_pretty(&diff) {
                    Ok(json) => stdout(&format!("{json}\n")),
                    Err(error) => {
                        let failure = Failure {
                            diagnostics: vec![Diagnostic::error(mdmodels::DiagnosticKind::Io, format!("cannot print the diff: {error}"))],
                        };
                        return fail("diff", &failure, args.format);
                    }
                }
            } else {
                stdout(&diff.render());
            }
            if args.deny_breaking && diff.breaking {
                if args.format == Format::Human && !quiet() {
                    eprintln!("mdmodels: the change is breaking (--deny-breaking)");
                }
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(failure) => fail("diff", &failure, args.format),
    }
}

fn graph(input: &Input, format: GraphFormat) -> ExitCode {
    match input.generator().load() {
        Ok(loaded) => {
            print_warnings(&loaded.diagnostics);
            let graph = mdmodels::graph::graph(&loaded.schema);
            stdout(&match format {
                GraphFormat::Dot => mdmodels::graph::to_dot(&graph),
                GraphFormat::Mermaid => mdmodels::graph::to_mermaid(&graph),
                GraphFormat::Svg => match svg(&mdmodels::graph::to_dot(&graph)) {
                    Ok(svg) => svg,
                    Err(message) => {
                        let failure = Failure {
                            diagnostics: vec![Diagnostic::error(mdmodels::DiagnosticKind::Io, message)],
                        };
                        return fail("graph", &failure, Format::Human);
                    }
                },
            });
            ExitCode::SUCCESS
        }
        Err(failure) => fail("graph", &failure, Format::Human),
    }
}

/// The DOT text laid out and drawn as SVG by layout-rs.
fn svg(dot: &str) -> Result<String, String> {
    let graph = layout::gv::DotParser::new(dot)
        .process()
        .map_err(|error| format!("layout-rs cannot read the graph: {error}"))?;
    let mut builder = layout::gv::GraphBuilder::new();
    builder.visit_graph(&graph);
    let mut svg = layout::backends::svg::SVGWriter::new();
    builder.get().do_it(false, false, false, &mut svg);
    Ok(sorted_style(svg.finalize()))
}

/// layout-rs writes its CSS font classes (one rule a line) in hash order;
/// sorted, the same graph gives the same file on every run.
fn sorted_style(svg: String) -> String {
    let (Some(start), Some(end)) = (svg.find("<style>\n"), svg.find("</style>")) else { return svg };
    let start = start + "<style>\n".len();
    if end < start {
        return svg;
    }
    let mut rules: Vec<&str> = svg[start..end].lines().collect();
    rules.sort_unstable();
    let mut sorted = String::with_capacity(svg.len());
    sorted.push_str(&svg[..start]);
    for rule in rules {
        sorted.push_str(rule);
        sorted.push('\n');
    }
    sorted.push_str(&svg[end..]);
    sorted
}

fn list(input: &Input, format: Format) -> ExitCode {
    let loaded = match input.generator().load() {
        Ok(loaded) => loaded,
        Err(failure) => return fail("list", &failure, format),
    };
    let graph = mdmodels::graph::graph(&loaded.schema);
    let referenced_by = mdmodels::graph::referenced_by(&graph);
    let count_of: std::collections::BTreeMap<&str, usize> =
        graph.nodes.iter().zip(referenced_by).map(|(node, count)| (node.name.as_str(), count)).collect();
    let rows: Vec<serde_json::Value> = loaded
        .schema
        .models
        .iter()
        .map(|model| {
            serde_json::json!({
                "model": model.name,
                "kind": if model.kind == mdmodels::schema::ModelKind::Enum { "enum" } else { "struct" },
                "page": model.source.file,
                "fields": model.fields.len(),
                "referenced_by": count_of.get(model.name.as_str()).copied().unwrap_or(0),
            })
        })
        .collect();
    if format == Format::Json {
        print_json(&loaded.diagnostics);
        stdout(&format!("{}\n", serde_json::Value::Array(rows)));
        return ExitCode::SUCCESS;
    }
    print_warnings(&loaded.diagnostics);
    let cell = |row: &serde_json::Value, key: &str| match &row[key] {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    let header = ["model", "page", "fields", "referenced by"];
    let keys = ["model", "page", "fields", "referenced_by"];
    let widths: Vec<usize> = (0..4)
        .map(|column| rows.iter().map(|row| cell(row, keys[column]).chars().count()).chain([header[column].len()]).max().unwrap_or(0))
        .collect();
    let mut text = String::new();
    let line = |cells: [String; 4]| {
        format!(
            "{:<w0$}  {:<w1$}  {:>w2$}  {:>w3$}\n",
            cells[0],
            cells[1],
            cells[2],
            cells[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3]
        )
    };
    text.push_str(&line(header.map(str::to_string)));
    for row in &rows {
        text.push_str(&line(keys.map(|key| cell(row, key))));
    }
    stdout(&text);
    if !quiet() {
        eprintln!("{} models, {} opaque names without a page", rows.len(), loaded.schema.unresolved.len());
    }
    ExitCode::SUCCESS
}

/// What a command produces; a closed pipe (`| head`) ends the output quietly.
fn stdout(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn print_warnings(diagnostics: &[Diagnostic]) {
    if quiet() {
        return;
    }
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
