//! Generated files on disk: written only when their content changed (so
//! mtimes stay and cargo does not rebuild), and the generator's own stale
//! files removed. Files without the `@generated` marker are never touched:
//! when the output would replace one (a hand-written `Cargo.toml`, `src/lib.rs`
//! or module file), the run stops with [`WriteError::NotGenerated`] before
//! anything is written, and `check` reports the same.
//!
//! A crate is written all at once: the new output folder is built beside the
//! old one (unchanged and hand-written files hard-linked into it, so they keep
//! their inode and mtime), then swapped in with one `renameat2(RENAME_EXCHANGE)`
//! on Linux. A run that fails or is killed before the swap leaves the old
//! folder exactly as it was. When the working folder is inside the output
//! (`--out .`), the changed files are renamed in one by one instead, so the
//! shell is not left in a removed folder.
//!
//! Tests inject faults with `MDMODELS_FAIL_AFTER_WRITES=N` (the N+1th write
//! fails with an error) and `MDMODELS_ABORT_AFTER_WRITES=N` (the process
//! aborts there, like a kill); the swap counts as the last write. Only a
//! build with the `fault-injection` feature reads them (the workspace's
//! tests enable it); any other build never looks at them.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
#[cfg(feature = "fault-injection")]
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::emit::{GENERATED_MARKER, MANIFEST_MARKER};

/// Why output could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// A file system error (with the path in its message).
    Io(io::Error),
    /// Files the output would replace that mdmodels did not write (they do
    /// not start with its `@generated` marker); nothing was written.
    NotGenerated(Vec<PathBuf>),
}

impl From<io::Error> for WriteError {
    fn from(error: io::Error) -> Self {
        WriteError::Io(error)
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Io(error) => write!(f, "{error}"),
            WriteError::NotGenerated(paths) => {
                let paths: Vec<String> = paths.iter().map(|path| path.display().to_string()).collect();
                write!(f, "not written by mdmodels, so never replaced: {}", paths.join(", "))
            }
        }
    }
}

impl std::error::Error for WriteError {}

/// Whether a file's bytes start with a marker mdmodels writes (Rust files
/// and the manifest each have theirs).
fn carries_marker(bytes: &[u8]) -> bool {
    bytes.starts_with(GENERATED_MARKER.as_bytes()) || bytes.starts_with(MANIFEST_MARKER.as_bytes())
}

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

/// Writes a generated crate into `out`: changed files only, stale generated
/// files removed, everything else in `out` kept; all or nothing (see the module docs).
pub fn write_crate(out: &Path, files: &BTreeMap<String, String>) -> Result<WriteReport, WriteError> {
    let faults = Faults::from_env();
    let target = real_target(out)?;
    let mut report = WriteReport::default();
    // Into a folder that does not exist yet, every file is new. Otherwise
    // both cores read (and below, write): file system calls are most of
    // this stage, and each file is independent of the others.
    let fresh = matches!(fs::symlink_metadata(&target), Err(error) if error.kind() == io::ErrorKind::NotFound);
    let on_disk: Vec<OnDisk> = files
        .par_iter()
        .map(|(relative, content)| {
            if fresh {
                return Ok(OnDisk::Missing);
            }
            let path = target.join(relative);
            match fs::read(&path) {
                Ok(existing) => Ok(OnDisk::compare(&existing, content)),
                Err(error) if matches!(error.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => Ok(OnDisk::Missing),
                Err(error) => Err(with_path(error, &path)),
            }
        })
        .collect::<io::Result<_>>()?;
    let mut changed: Vec<(&String, &String)> = Vec::new();
    let mut not_generated = Vec::new();
    for ((relative, content), on_disk) in files.iter().zip(on_disk) {
        match on_disk {
            OnDisk::Same => report.unchanged += 1,
            OnDisk::NotGenerated => not_generated.push(out.join(relative)),
            OnDisk::Missing | OnDisk::Generated => changed.push((relative, content)),
        }
    }
    if !not_generated.is_empty() {
        return Err(WriteError::NotGenerated(not_generated));
    }
    let leftovers = leftover_generated_files(&target, files)?;
    report.written = changed.iter().map(|(relative, _)| out.join(relative)).collect();
    report.removed = leftovers
        .iter()
        .filter_map(|path| path.strip_prefix(&target).ok())
        .map(|relative| out.join(relative))
        .collect();
    if changed.is_empty() && leftovers.is_empty() {
        return Ok(report);
    }

    let parent = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|error| with_path(error, &parent))?;
    Staging::remove_abandoned(&parent, &target);
    let staging = Staging::create(&parent, &target)?;
    let exists = match fs::metadata(&target) {
        Ok(metadata) if metadata.is_dir() => {
            fs::set_permissions(staging.path(), metadata.permissions()).map_err(|error| with_path(error, staging.path()))?;
            true
        }
        Ok(_) => {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} exists and is not a folder", target.display()),
            )
            .into())
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => false,
        Err(error) => return Err(with_path(error, &target).into()),
    };
    // A shell (this one, say, after `--out .`) whose working folder is in
    // the target would be left in the removed old folder by a swap: there,
    // the staged files are moved in one by one instead.
    let in_place = exists
        && std::env::current_dir()
            .and_then(fs::canonicalize)
            .is_ok_and(|cwd| cwd.starts_with(&target));
    if exists && !in_place {
        let skip: BTreeSet<PathBuf> = changed
            .iter()
            .map(|(relative, _)| target.join(relative))
            .chain(leftovers.iter().cloned())
            .collect();
        mirror(&target, staging.path(), &skip)?;
    }
    let folders: BTreeSet<&Path> = changed
        .iter()
        .filter_map(|(relative, _)| Path::new(relative.as_str()).parent())
        .collect();
    for folder in folders {
        let dir = staging.path().join(folder);
        fs::create_dir_all(&dir).map_err(|error| with_path(error, &dir))?;
    }
    changed.par_iter().try_for_each(|&(relative, content)| {
        faults.point()?;
        let path = staging.path().join(relative);
        fs::write(&path, content).map_err(|error| with_path(error, &path))
    })?;
    faults.point()?;
    if in_place {
        for (relative, _) in &changed {
            let (from, to) = (staging.path().join(relative), target.join(relative));
            if let Some(dir) = to.parent() {
                fs::create_dir_all(dir).map_err(|error| with_path(error, dir))?;
            }
            fs::rename(&from, &to).map_err(|error| with_path(error, &to))?;
        }
        for path in &leftovers {
            fs::remove_file(path).map_err(|error| with_path(error, path))?;
        }
    } else {
        staging.swap_into(&target, exists)?;
    }
    Ok(report)
}

/// What is on disk where a generated file goes.
enum OnDisk {
    Missing,
    /// Exactly the content that would be written.
    Same,
    /// An older generated file: replaced.
    Generated,
    /// A file mdmodels did not write: never replaced.
    NotGenerated,
}

impl OnDisk {
    fn compare(existing: &[u8], content: &str) -> OnDisk {
        if existing == content.as_bytes() {
            OnDisk::Same
        } else if carries_marker(existing) {
            OnDisk::Generated
        } else {
            OnDisk::NotGenerated
        }
    }
}

/// `out` as an absolute path without links, when it exists: a symlinked
/// output folder stays a symlink, and `--out .` has a real parent to stage in.
fn real_target(out: &Path) -> io::Result<PathBuf> {
    match fs::canonicalize(out) {
        Ok(path) => Ok(path),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(out.to_path_buf()),
        Err(error) => Err(with_path(error, out)),
    }
}

/// Recreates `from` under `to` with hard links (copies where a link cannot
/// be made, such as across a mount point), leaving out `skip`. Folders are
/// made first, the files linked in parallel, and folder permissions set last
/// (a read-only folder is filled before it becomes read-only).
fn mirror(from: &Path, to: &Path, skip: &BTreeSet<PathBuf>) -> io::Result<()> {
    let mut files = Vec::new();
    let mut folders = Vec::new();
    mirror_folders(from, to, skip, &mut files, &mut folders)?;
    files.par_iter().try_for_each(|(source, destination, file_type)| {
        if fs::hard_link(source, destination).is_err() {
            copy_entry(source, destination, *file_type)?;
        }
        Ok::<(), io::Error>(())
    })?;
    for (destination, permissions) in folders.into_iter().rev() {
        fs::set_permissions(&destination, permissions).map_err(|error| with_path(error, &destination))?;
    }
    Ok(())
}

/// The folder part of `mirror`: creates the folders under `to`, and lists
/// the files to link and each folder's permissions (parents first).
fn mirror_folders(
    from: &Path,
    to: &Path,
    skip: &BTreeSet<PathBuf>,
    files: &mut Vec<(PathBuf, PathBuf, fs::FileType)>,
    folders: &mut Vec<(PathBuf, fs::Permissions)>,
) -> io::Result<()> {
    for entry in fs::read_dir(from).map_err(|error| with_path(error, from))? {
        let entry = entry.map_err(|error| with_path(error, from))?;
        let source = entry.path();
        if skip.contains(&source) {
            continue;
        }
        let destination = to.join(entry.file_name());
        let file_type = entry.file_type().map_err(|error| with_path(error, &source))?;
        if file_type.is_dir() {
            fs::create_dir(&destination).map_err(|error| with_path(error, &destination))?;
            let permissions = entry.metadata().map_err(|error| with_path(error, &source))?.permissions();
            folders.push((destination.clone(), permissions));
            mirror_folders(&source, &destination, skip, files, folders)?;
        } else {
            files.push((source, destination, file_type));
        }
    }
    Ok(())
}

/// A copy that keeps what a hard link would: content, permissions, mtime.
fn copy_entry(source: &Path, destination: &Path, file_type: fs::FileType) -> io::Result<()> {
    #[cfg(unix)]
    if file_type.is_symlink() {
        let link = fs::read_link(source).map_err(|error| with_path(error, source))?;
        return std::os::unix::fs::symlink(link, destination).map_err(|error| with_path(error, destination));
    }
    if !file_type.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::Unsupported,
            format!("{}: cannot link or copy this special file into the new output", source.display()),
        ));
    }
    fs::copy(source, destination).map_err(|error| with_path(error, destination))?;
    let modified = fs::metadata(source).and_then(|metadata| metadata.modified());
    let file = fs::File::options().write(true).open(destination);
    if let (Ok(modified), Ok(file)) = (modified, file) {
        file.set_modified(modified).map_err(|error| with_path(error, destination))?;
    }
    Ok(())
}

/// The folder the new output is built in, beside the target; removed on drop
/// (after a swap it holds the old output).
struct Staging {
    path: PathBuf,
}

impl Staging {
    /// `.<target name>.mdmodels-`: staging folders of this target start so.
    fn prefix(target: &Path) -> String {
        let name = target.file_name().map_or_else(|| "out".into(), |name| name.to_string_lossy());
        format!(".{name}.mdmodels-")
    }

    fn create(parent: &Path, target: &Path) -> io::Result<Staging> {
        let prefix = Self::prefix(target);
        for attempt in 0..1000u32 {
            let path = parent.join(format!("{prefix}{}-{attempt}", std::process::id()));
            match fs::create_dir(&path) {
                Ok(()) => return Ok(Staging { path }),
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(error) => return Err(with_path(error, &path)),
            }
        }
        Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{}: no free name for a staging folder", parent.display()),
        ))
    }

    fn path(&self) -> &Path {
        &self.path
    }

    /// Removes what a killed run left beside the target: staging folders
    /// whose process is gone (Linux tells through /proc; elsewhere they stay).
    fn remove_abandoned(parent: &Path, target: &Path) {
        if !Path::new("/proc/self").exists() {
            return;
        }
        let prefix = Self::prefix(target);
        let Ok(entries) = fs::read_dir(parent) else { return };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(pid) = name.strip_prefix(&prefix).and_then(|rest| rest.split('-').next()) else { continue };
            let alive = pid.parse::<u32>().is_ok_and(|pid| Path::new(&format!("/proc/{pid}")).exists());
            if pid.parse::<u32>().is_ok() && !alive {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
    }

    /// Puts the staged folder at `target` in one step where the OS allows.
    fn swap_into(&self, target: &Path, target_exists: bool) -> io::Result<()> {
        if !target_exists {
            return fs::rename(&self.path, target).map_err(|error| with_path(error, target));
        }
        #[cfg(target_os = "linux")]
        {
            use rustix::fs::{renameat_with, RenameFlags, CWD};
            match renameat_with(CWD, &self.path, CWD, target, RenameFlags::EXCHANGE) {
                Ok(()) => return Ok(()),
                // Filesystems without RENAME_EXCHANGE: two renames below.
                Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS | rustix::io::Errno::NOTSUP) => {}
                Err(error) => return Err(with_path(error.into(), target)),
            }
        }
        let mut old = self.path.clone().into_os_string();
        old.push("-old");
        let old = PathBuf::from(old);
        fs::rename(target, &old).map_err(|error| with_path(error, target))?;
        if let Err(error) = fs::rename(&self.path, target) {
            let _ = fs::rename(&old, target);
            return Err(with_path(error, target));
        }
        fs::rename(&old, &self.path).map_err(|error| with_path(error, &old))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // Best effort: the output is already right (or untouched); a leftover
        // hidden folder beside it is all a failure here can leave.
        let _ = fs::remove_dir_all(&self.path);
    }
}

/// Fault injection for tests (see the module docs). Files are written in
/// parallel, so which file is the N+1th write varies; that one write fails.
#[cfg(feature = "fault-injection")]
struct Faults {
    writes: AtomicUsize,
    fail_after: Option<usize>,
    abort_after: Option<usize>,
}

#[cfg(feature = "fault-injection")]
impl Faults {
    fn from_env() -> Faults {
        let read = |name| std::env::var(name).ok().and_then(|value| value.parse().ok());
        Faults {
            writes: AtomicUsize::new(0),
            fail_after: read("MDMODELS_FAIL_AFTER_WRITES"),
            abort_after: read("MDMODELS_ABORT_AFTER_WRITES"),
        }
    }

    fn point(&self) -> io::Result<()> {
        if self.fail_after.is_none() && self.abort_after.is_none() {
            return Ok(());
        }
        let writes = self.writes.fetch_add(1, Ordering::SeqCst);
        if self.abort_after == Some(writes) {
            std::process::abort();
        }
        if self.fail_after == Some(writes) {
            return Err(io::Error::other(format!(
                "injected failure after {writes} writes (MDMODELS_FAIL_AFTER_WRITES)"
            )));
        }
        Ok(())
    }
}

/// Without the `fault-injection` feature: no environment read, no fault.
#[cfg(not(feature = "fault-injection"))]
struct Faults;

#[cfg(not(feature = "fault-injection"))]
impl Faults {
    fn from_env() -> Faults {
        Faults
    }

    fn point(&self) -> io::Result<()> {
        Ok(())
    }
}

/// Compares `out` with what would be generated, writing nothing.
///
/// A file `write_crate` would refuse to replace (no `@generated` marker) is
/// the same [`WriteError::NotGenerated`] here: a diff and "run generate"
/// would send the user to a command that refuses.
pub fn stale_files(out: &Path, files: &BTreeMap<String, String>) -> Result<Vec<Stale>, WriteError> {
    let mut stale = Vec::new();
    let mut not_generated = Vec::new();
    for (relative, expected) in files {
        let path = out.join(relative);
        match fs::read(&path) {
            Ok(actual) => match OnDisk::compare(&actual, expected) {
                OnDisk::Same | OnDisk::Missing => {}
                OnDisk::NotGenerated => not_generated.push(path),
                OnDisk::Generated => stale.push(Stale::Changed {
                    path,
                    actual: String::from_utf8_lossy(&actual).into_owned(),
                    expected: expected.clone(),
                }),
            },
            Err(error) if matches!(error.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => {
                stale.push(Stale::Missing {
                    path,
                    expected: expected.clone(),
                })
            }
            Err(error) => return Err(with_path(error, &path).into()),
        }
    }
    if !not_generated.is_empty() {
        return Err(WriteError::NotGenerated(not_generated));
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
/// A file there that mdmodels did not write is never replaced.
pub fn write_if_changed(path: &Path, content: &str) -> Result<bool, WriteError> {
    match fs::read(path) {
        Ok(existing) => match OnDisk::compare(&existing, content) {
            OnDisk::Same => return Ok(false),
            OnDisk::NotGenerated => return Err(WriteError::NotGenerated(vec![path.to_path_buf()])),
            OnDisk::Generated | OnDisk::Missing => {}
        },
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(error) => return Err(with_path(error, path).into()),
    }
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    fs::create_dir_all(dir).map_err(|error| with_path(error, dir))?;
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(|error| with_path(error, dir))?;
    temp.write_all(content.as_bytes()).map_err(|error| with_path(error, path))?;
    // A temporary file is private (0600); the output is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        temp.as_file()
            .set_permissions(fs::Permissions::from_mode(0o644))
            .map_err(|error| with_path(error, path))?;
    }
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
