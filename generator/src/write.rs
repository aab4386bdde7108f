//! Generated files on disk: written only when their content changed (so
//! mtimes stay and cargo does not rebuild), each replaced atomically, and the
//! generator's own stale files removed. Files without the `@generated` marker
//! are never touched.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::emit::GENERATED_MARKER;

/// What a write changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteReport {
    pub written: Vec<PathBuf>,
    pub unchanged: usize,
    pub removed: Vec<PathBuf>,
}

/// How a file on disk differs from what would be generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    /// The file is missing.
    Missing { path: PathBuf, expected: String },
    /// The file's content differs.
    Changed { path: PathBuf, actual: String, expected: String },
    /// A generated file that would be removed.
    Extra { path: PathBuf, actual: String },
}

impl Stale {
    pub fn path(&self) -> &Path {
        match self {
            Stale::Missing { path, .. } | Stale::Changed { path, .. } | Stale::Extra { path, .. } => path,
        }
    }

    /// A unified diff from what is on disk to what would be generated.
    pub fn unified_diff(&self) -> String {
        let (actual, expected) = match self {
            Stale::Missing { expected, .. } => ("", expected.as_str()),
            Stale::Changed { actual, expected, .. } => (actual.as_str(), expected.as_str()),
            Stale::Extra { actual, .. } => (actual.as_str(), ""),
        };
        let path = self.path().display().to_string();
        similar::TextDiff::from_lines(actual, expected)
            .unified_diff()
            .context_radius(3)
            .header(&format!("{path} (on disk)"), &format!("{path} (generated)"))
            .to_string()
    }
}

/// Writes a generated crate into `out`: changed files only, stale generated files removed.
pub fn write_crate(out: &Path, files: &BTreeMap<String, String>) -> io::Result<WriteReport> {
    let mut report = WriteReport::default();
    for (relative, content) in files {
        let path = out.join(relative);
        if write_if_changed(&path, content)? {
            report.written.push(path);
        } else {
            report.unchanged += 1;
        }
    }
    for path in leftover_generated_files(out, files)? {
        fs::remove_file(&path)?;
        report.removed.push(path);
    }
    Ok(report)
}

/// Compares `out` with what would be generated, writing nothing.
pub fn stale_files(out: &Path, files: &BTreeMap<String, String>) -> io::Result<Vec<Stale>> {
    let mut stale = Vec::new();
    for (relative, expected) in files {
        let path = out.join(relative);
        match fs::read_to_string(&path) {
            Ok(actual) if actual == *expected => {}
            Ok(actual) => stale.push(Stale::Changed {
                path,
                actual,
                expected: expected.clone(),
            }),
            Err(error) if error.kind() == io::ErrorKind::NotFound => stale.push(Stale::Missing {
                path,
                expected: expected.clone(),
            }),
            Err(error) => return Err(with_path(error, &path)),
        }
    }
    for path in leftover_generated_files(out, files)? {
        let actual = fs::read_to_string(&path).map_err(|error| with_path(error, &path))?;
        stale.push(Stale::Extra { path, actual });
    }
    Ok(stale)
}

/// Writes `content` to `path` unless it already holds exactly that; returns
/// whether it wrote. The new content goes to a temporary file beside the
/// target first and is renamed over it, so a reader never sees half a file.
pub fn write_if_changed(path: &Path, content: &str) -> io::Result<bool> {
    match fs::read(path) {
        Ok(existing) if existing == content.as_bytes() => return Ok(false),
        Ok(_) => {}
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(error) => return Err(with_path(error, path)),
    }
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    fs::create_dir_all(dir).map_err(|error| with_path(error, dir))?;
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(|error| with_path(error, dir))?;
    temp.write_all(content.as_bytes()).map_err(|error| with_path(error, path))?;
    temp.persist(path).map_err(|error| with_path(error.error, path))?;
    Ok(true)
}

/// Generated `.rs` files under `out/src` that the new output does not have.
fn leftover_generated_files(out: &Path, files: &BTreeMap<String, String>) -> io::Result<Vec<PathBuf>> {
    let src = out.join("src");
    let entries = match fs::read_dir(&src) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(with_path(error, &src)),
    };
    let mut leftovers = Vec::new();
    for entry in entries {
        let path = entry.map_err(|error| with_path(error, &src))?.path();
        let Some(name) = path.file_name().and_then(|name| name.to_str()) else { continue };
        if !name.ends_with(".rs") || files.contains_key(&format!("src/{name}")) {
            continue;
        }
        if is_generated(&path) {
            leftovers.push(path);
        }
    }
    leftovers.sort();
    Ok(leftovers)
}

fn is_generated(path: &Path) -> bool {
    let mut head = [0u8; GENERATED_MARKER.len()];
    fs::File::open(path)
        .and_then(|mut file| io::Read::read_exact(&mut file, &mut head))
        .is_ok_and(|()| head == GENERATED_MARKER.as_bytes())
}

fn with_path(error: io::Error, path: &Path) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}
