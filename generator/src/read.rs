//! Inputs (files or folders) -> the Markdown pages they hold, read into memory.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::schema::SourceLocation;

/// One page read from disk.
#[derive(Debug, Clone)]
pub struct SourcePage {
    /// The page's path as diagnostics show it (the input path joined with the
    /// path below it, so it is clickable from where the tool was run).
    pub file: String,
    /// The page's path relative to its input folder (its file name for a
    /// file input): stable across machines, so the generated docs use it.
    pub page: String,
    pub path: PathBuf,
    pub text: String,
}

/// Everything read, and what was found wrong while reading.
#[derive(Debug, Default)]
pub struct ReadPages {
    pub pages: Vec<SourcePage>,
    pub diagnostics: Vec<Diagnostic>,
    /// What the inputs held, for the error when no page is a model page.
    pub inventory: Inventory,
}

/// What was found under the inputs.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Inventory {
    /// Files found in the input folders, of any kind, plus the files given.
    pub files: usize,
    /// Of those, the pages: Markdown files (`.md`, `.markdown`) and the files given.
    pub pages: usize,
    /// Pages left out by the `[input]` include and exclude globs.
    pub filtered_out: usize,
}

/// A page found on disk, before it is read.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Found {
    /// The file itself: its absolute path without links, so a page reached
    /// through two inputs or a symlink is one page.
    key: PathBuf,
    file: String,
    page: String,
    path: PathBuf,
}

/// Which pages to read, by globs on their path relative to the input folder.
#[derive(Debug, Clone)]
pub struct PageFilter {
    include: Option<globset::GlobSet>,
    exclude: globset::GlobSet,
}

impl PageFilter {
    pub fn new(include: &[String], exclude: &[String]) -> Result<PageFilter, Diagnostic> {
        let build = |globs: &[String]| {
            let mut set = globset::GlobSetBuilder::new();
            for glob in globs {
                let glob = globset::Glob::new(glob).map_err(|error| {
                    Diagnostic::error(DiagnosticKind::Config, format!("invalid glob `{glob}`: {error}"))
                })?;
                set.add(glob);
            }
            set.build()
                .map_err(|error| Diagnostic::error(DiagnosticKind::Config, format!("invalid globs: {error}")))
        };
        Ok(PageFilter {
            include: if include.is_empty() { None } else { Some(build(include)?) },
            exclude: build(exclude)?,
        })
    }

    pub fn all() -> PageFilter {
        PageFilter {
            include: None,
            exclude: globset::GlobSet::empty(),
        }
    }

    pub fn accepts(&self, page: &str) -> bool {
        self.include.as_ref().is_none_or(|include| include.is_match(page)) && !self.exclude.is_match(page)
    }
}

/// Finds the `.md` pages under each input and reads them, in path order;
/// a file reached more than once (`docs ./docs`, an absolute path, a
/// symlink) is read once.
pub fn read_inputs(inputs: &[PathBuf], filter: &PageFilter) -> ReadPages {
    let mut found: Vec<Found> = Vec::new();
    let mut result = ReadPages::default();
    for input in inputs {
        if input.is_file() {
            let page = input
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            result.inventory.files += 1;
            result.inventory.pages += 1;
            found.push(Found {
                key: canonical(input),
                file: display(input),
                page,
                path: input.clone(),
            });
            continue;
        }
        if !input.exists() {
            result.diagnostics.push(
                Diagnostic::error(
                    DiagnosticKind::Io,
                    format!("input `{}` does not exist", input.display()),
                )
                .with_help("pass a folder of Markdown pages or a page file"),
            );
            continue;
        }
        // One canonical root per input; only files below a symlinked folder
        // inside it need a canonical path of their own (canonicalize is a
        // system call per path component: too many to make for every page).
        let root = canonical(input);
        let mut linked_folders: Vec<PathBuf> = Vec::new();
        for entry in walkdir::WalkDir::new(input).follow_links(true).sort_by_file_name() {
            match entry {
                Ok(entry) if entry.file_type().is_dir() => {
                    if entry.depth() > 0 && entry.path_is_symlink() {
                        linked_folders.push(entry.path().to_path_buf());
                    }
                }
                Ok(entry) if entry.file_type().is_file() => {
                    result.inventory.files += 1;
                    if !is_markdown(entry.path()) {
                        continue;
                    }
                    result.inventory.pages += 1;
                    let relative = entry.path().strip_prefix(input).unwrap_or(entry.path());
                    let page = relative
                        .components()
                        .map(|part| part.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/");
                    let linked = entry.path_is_symlink() || linked_folders.iter().any(|folder| entry.path().starts_with(folder));
                    let key = if linked { canonical(entry.path()) } else { root.join(relative) };
                    found.push(Found {
                        key,
                        file: display(entry.path()),
                        page,
                        path: entry.path().to_path_buf(),
                    });
                }
                Ok(_) => {}
                Err(error) => result.diagnostics.push(walk_error(input, &error)),
            }
        }
    }
    let before = found.len();
    found.retain(|found| filter.accepts(&found.page));
    result.inventory.filtered_out = before - found.len();
    // Of the paths that reach one file, the first by (file, page) is kept,
    // so the output does not depend on the order of the inputs.
    found.sort();
    found.dedup_by(|later, kept| later.key == kept.key);
    found.sort_by(|a, b| (&a.file, &a.page).cmp(&(&b.file, &b.page)));

    let read: Vec<Result<(SourcePage, Option<Diagnostic>), Diagnostic>> = found
        .into_par_iter()
        .map(|found| read_page(found.file, found.page, found.path))
        .collect();
    for outcome in read {
        match outcome {
            Ok((page, warning)) => {
                result.pages.push(page);
                result.diagnostics.extend(warning);
            }
            Err(diagnostic) => result.diagnostics.push(diagnostic),
        }
    }
    result
}

/// The absolute path without links, or the path as given when it cannot
/// be resolved (reading it then reports why).
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

fn read_page(file: String, page: String, path: PathBuf) -> Result<(SourcePage, Option<Diagnostic>), Diagnostic> {
    let bytes = std::fs::read(&path).map_err(|error| {
        Diagnostic::error(DiagnosticKind::Io, format!("cannot read `{file}`: {error}"))
            .at(file_location(&file))
            .with_help("check that the file exists and is readable")
    })?;
    let (text, warning) = decode_owned(&file, bytes);
    Ok((SourcePage { file, page, path, text }, warning))
}

/// `decode`, keeping the bytes as the text (no copy) when they are UTF-8
/// without a BOM, as nearly every page is.
fn decode_owned(file: &str, bytes: Vec<u8>) -> (String, Option<Diagnostic>) {
    if bytes.starts_with(b"\xef\xbb\xbf") {
        return decode(file, &bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(error) => decode(file, error.as_bytes()),
    }
}

/// A page's bytes as text: a UTF-8 BOM is dropped, and bytes that are not
/// UTF-8 are replaced with U+FFFD and reported in a warning at the first of
/// them. Descriptions survive that; a name holding U+FFFD is an error in
/// `parse`, because its JSON name can no longer be known.
pub fn decode(file: &str, bytes: &[u8]) -> (String, Option<Diagnostic>) {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), None),
        Err(error) => {
            let valid = error.valid_up_to();
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = bytes[..valid].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&bytes[line_start..valid]).chars().count() + 1;
            let text = String::from_utf8_lossy(bytes).into_owned();
            let replaced = text.matches('\u{fffd}').count() - count_replacement_chars(bytes);
            let source_line = text.lines().nth(line - 1).unwrap_or_default().to_string();
            let warning = Diagnostic::warning(
                DiagnosticKind::Encoding,
                format!(
                    "`{file}` is not valid UTF-8: byte 0x{:02x} here and {} more invalid sequence(s) were read as U+FFFD ({})",
                    bytes.get(valid).copied().unwrap_or_default(),
                    replaced.saturating_sub(1),
                    '\u{fffd}'
                ),
            )
            .at(SourceLocation {
                file: file.to_string(),
                line: line as u32,
                column: column as u32,
            })
            .with_source_line(source_line)
            .with_help("re-encode the page as UTF-8 (for example `iconv -f windows-1252 -t utf-8`)");
            (text, Some(warning))
        }
    }
}

/// U+FFFD characters the bytes already spell out (0xEF 0xBF 0xBD), which
/// are text, not replacements.
fn count_replacement_chars(bytes: &[u8]) -> usize {
    bytes.windows(3).filter(|window| *window == "\u{fffd}".as_bytes()).count()
}

/// A folder entry that could not be read. A symlink that leads back to a
/// folder above it is only a warning: every page under it is read anyway.
fn walk_error(input: &Path, error: &walkdir::Error) -> Diagnostic {
    let path = error.path().map(display).unwrap_or_else(|| display(input));
    if let Some(ancestor) = error.loop_ancestor() {
        return Diagnostic::warning(
            DiagnosticKind::Io,
            format!(
                "`{path}` links back to `{}` (a symlink loop); its pages are read once, from there",
                display(ancestor)
            ),
        )
        .at(file_location(&path))
        .with_help("remove the link, or point it at a folder outside the input");
    }
    let reason = error
        .io_error()
        .map_or_else(|| error.to_string(), std::io::Error::to_string);
    Diagnostic::error(DiagnosticKind::Io, format!("cannot read `{path}`: {reason}"))
        .at(file_location(&path))
        .with_help("check that the path exists (a symlink may point nowhere) and is readable")
}

fn is_markdown(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|ext| ext.to_str()),
        Some("md" | "markdown")
    )
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

fn file_location(file: &str) -> SourceLocation {
    SourceLocation {
        file: file.to_string(),
        line: 1,
        column: 1,
    }
}
