//! The property every input must have, shared by the property tests and the
//! mutation test: the pipeline does not panic, and either emits code that
//! `syn` parses or fails with errors that each point into one of the pages.
//! (`fuzz/fuzz_targets/pipeline.rs` checks the same.)

use std::panic::{catch_unwind, AssertUnwindSafe};

use mdmodels::{Diagnostic, DiagnosticKind, Generator, SerdeImpls, Severity};

/// What a run came to, when the property holds.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Code emitted (and parsed): how many Rust files.
    Generated(usize),
    /// Located errors: how many.
    Failed(usize),
}

/// One page for the pipeline: its name and bytes.
pub type Page = (String, Vec<u8>);

/// Runs read (decoding) -> parse -> resolve -> emit on `pages` and checks
/// the property; `Err` says how it broke. `both_layouts` also emits the
/// single-file layout build.rs uses.
pub fn check(pages: &[Page], serde_impls: SerdeImpls, both_layouts: bool) -> Result<Outcome, String> {
    let generator = pages
        .iter()
        .fold(Generator::new(), |generator, (name, bytes)| generator.page(name.clone(), bytes.clone()))
        .serde_impls(serde_impls);
    let run = catch_unwind(AssertUnwindSafe(|| -> Result<_, mdmodels::Failure> {
        let loaded = generator.load()?;
        let files = mdmodels::emit::crate_files(&loaded.schema, &loaded.options);
        let module_file = both_layouts.then(|| mdmodels::emit::module_file(&loaded.schema, &loaded.options));
        Ok((loaded, files, module_file))
    }));
    match run {
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Err(format!("panicked: {message}"))
        }
        Ok(Ok((loaded, files, module_file))) => {
            check_locations(pages, &loaded.diagnostics)?;
            let mut rust_files = 0;
            let texts = files
                .iter()
                .filter(|(path, _)| path.ends_with(".rs"))
                .map(|(path, text)| (path.as_str(), text))
                .chain(module_file.as_ref().map(|text| ("<module file>", text)));
            for (path, text) in texts {
                syn::parse_file(text).map_err(|error| format!("{path} does not parse: {error}\n{text}"))?;
                rust_files += 1;
            }
            Ok(Outcome::Generated(rust_files))
        }
        Ok(Err(failure)) => {
            check_locations(pages, &failure.diagnostics)?;
            let errors = failure.diagnostics.iter().filter(|d| d.is_error()).count();
            if errors == 0 {
                return Err(format!("a failure without an error: {:#?}", failure.diagnostics));
            }
            Ok(Outcome::Failed(errors))
        }
    }
}

/// Every error and warning names one of the pages, at a line it has and a
/// column within (or just past) that line; but "no model page in the input",
/// which is about the pages as a whole (when none failed).
fn check_locations(pages: &[Page], diagnostics: &[Diagnostic]) -> Result<(), String> {
    let no_models = diagnostics.iter().any(|d| d.kind == DiagnosticKind::NoModels);
    if no_models && diagnostics.iter().any(|d| d.is_error() && d.kind != DiagnosticKind::NoModels) {
        return Err(format!("no model page reported beside the errors that explain it: {diagnostics:#?}"));
    }
    for diagnostic in diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Note && d.kind != DiagnosticKind::NoModels)
    {
        let Some(location) = &diagnostic.location else {
            return Err(format!("no location: {}", diagnostic.render()));
        };
        let Some((_, bytes)) = pages.iter().find(|(name, _)| *name == location.file) else {
            return Err(format!("names no page: {}", diagnostic.render()));
        };
        let (text, _) = mdmodels::read::decode(&location.file, bytes);
        let lines: Vec<&str> = text.split('\n').collect();
        let line = location.line as usize;
        let Some(line_text) = line.checked_sub(1).and_then(|index| lines.get(index)) else {
            return Err(format!("line {line} of {} lines: {}", lines.len(), diagnostic.render()));
        };
        let width = line_text.trim_end_matches('\r').chars().count() + 1;
        if location.column == 0 || location.column as usize > width.max(1) {
            return Err(format!("column {} of a line {width} wide: {}", location.column, diagnostic.render()));
        }
    }
    Ok(())
}

/// A small deterministic generator (SplitMix64): fixed seeds, no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (0 when `bound` is 0).
    pub fn below(&mut self, bound: usize) -> usize {
        if bound == 0 {
            0
        } else {
            (self.next() % bound as u64) as usize
        }
    }
}

/// Fragments that mean something to the parser, for insertions.
pub const FRAGMENTS: &[&str] = &[
    "|", "||", "\\|", "[", "]", "(", ")", "**", "`", "list[", "dict(", "dict(str, ", "str", "int", "]]", ",", "\n",
    "\r\n", "\r", "\u{feff}", "\u{fffd}", "é", "名", "<!--", "-->", "<br>", "&#39;", "&", "\\", "# ", "## Properties\n",
    "---\ntitle: X\n---\n", "[optional]", "[default to 'x']", "{: x}", "_x_", "$ref", "org-id", "2nd", "Self", "self",
    "type", "\0", "\t", "    ", "> ", "- ", "```\n", "https://example.com/a_(b)", "\"", "'",
];

/// What a mutation did, for the failure message.
pub fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) -> String {
    let lines = line_ranges(bytes);
    let table_lines: Vec<std::ops::Range<usize>> = lines
        .iter()
        .filter(|range| bytes[range.start..range.end].iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'|'))
        .cloned()
        .collect();
    match rng.below(8) {
        0 if !table_lines.is_empty() => {
            let row = table_lines[rng.below(table_lines.len())].clone();
            let what = format!("deleted the row at bytes {row:?}");
            bytes.drain(row.start..(row.end + 1).min(bytes.len()));
            what
        }
        1 if !table_lines.is_empty() => {
            let row = table_lines[rng.below(table_lines.len())].clone();
            let pipes: Vec<usize> = (row.clone()).filter(|&i| bytes[i] == b'|').collect();
            if pipes.len() < 2 {
                return "nothing (no cell to drop)".to_string();
            }
            let first = rng.below(pipes.len() - 1);
            bytes.drain(pipes[first]..pipes[first + 1]);
            format!("dropped the cell at byte {}", pipes[first])
        }
        2 if !table_lines.is_empty() => {
            let row = table_lines[rng.below(table_lines.len())].clone();
            let at = row.start + rng.below(row.len() + 1);
            bytes.insert(at, b'|');
            format!("inserted a pipe at byte {at}")
        }
        3 if !bytes.is_empty() => {
            let at = rng.below(bytes.len());
            bytes[at] ^= 1 << rng.below(8);
            format!("flipped a bit of byte {at}")
        }
        4 => {
            let at = rng.below(bytes.len() + 1);
            bytes.truncate(at);
            format!("truncated to {at} bytes")
        }
        5 if lines.len() > 1 => {
            let line = lines[rng.below(lines.len())].clone();
            let copy = bytes[line.clone()].to_vec();
            let at = lines[rng.below(lines.len())].start;
            bytes.splice(at..at, copy.into_iter().chain([b'\n']));
            format!("duplicated the line at bytes {line:?} before byte {at}")
        }
        _ => {
            let fragment = FRAGMENTS[rng.below(FRAGMENTS.len())];
            let mut at = rng.below(bytes.len() + 1);
            if let Some(row) = table_lines.get(rng.below(table_lines.len() * 2)) {
                at = row.start + rng.below(row.len() + 1);
            }
            bytes.splice(at..at, fragment.bytes());
            format!("inserted {fragment:?} at byte {at}")
        }
    }
}

/// The byte ranges of the lines (without their `\n`).
fn line_ranges(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for (index, &byte) in bytes.iter().enumerate() {
        if byte == b'\n' {
            ranges.push(start..index);
            start = index + 1;
        }
    }
    if start < bytes.len() {
        ranges.push(start..bytes.len());
    }
    ranges
}

/// The fixture pages: the seeds and every snapshot case's pages, by file name.
pub fn fixture_pages() -> Vec<Page> {
    let root = super::root();
    let mut folders = vec![root.join("docs-input")];
    let snapshots = root.join("tests/snapshots");
    for entry in std::fs::read_dir(&snapshots).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            folders.push(path);
        }
    }
    let mut pages = Vec::new();
    for folder in folders {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|ext| ext == "md") {
                let name = path.strip_prefix(root).unwrap().display().to_string();
                pages.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    pages.sort();
    pages
}
