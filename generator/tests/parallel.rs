//! Parsing and emission run on every core (rayon); the output must be byte
//! for byte what one thread produces, whatever the scheduling. Uses the real
//! SDK docs folder when it is beside the project, the seed pages otherwise.

use std::path::{Path, PathBuf};

fn input() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let corpus = root.join("../shared/corpus/genesys-python-257.1.0");
    if corpus.is_dir() {
        corpus
    } else {
        eprintln!("NOTE: ../shared/corpus is absent; comparing over docs-input/ only");
        root.join("docs-input")
    }
}

fn generate(threads: usize) -> std::collections::BTreeMap<String, String> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
    pool.install(|| {
        let (_, files) = mdmodels::Generator::new()
            .input(input())
            .crate_files()
            .unwrap_or_else(|failure| panic!("{failure}"));
        files
    })
}

#[test]
fn parallel_output_is_byte_identical_to_single_threaded() {
    let single = generate(1);
    assert!(single.len() > 5, "the input generates a crate");
    for threads in [2, 5] {
        let parallel = generate(threads);
        assert_eq!(single.len(), parallel.len(), "{threads} threads");
        for (path, text) in &single {
            assert!(parallel[path] == *text, "{path} differs with {threads} threads");
        }
    }
}

#[test]
fn the_same_input_gives_the_same_output_every_time() {
    let first = generate(2);
    for _ in 0..2 {
        assert!(generate(2) == first);
    }
}

/// Every file under `dir`, by path relative to it.
fn files_under(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.insert(path.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn files_written_on_every_core_are_those_one_thread_writes() {
    let temp = tempfile::tempdir().unwrap();
    let expected = generate(1);
    // The second run leaves out a model page: its file is removed and every
    // other file linked into the new output; the third puts it back.
    let mut pages: Vec<String> = std::fs::read_dir(input())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md") && name.starts_with(char::is_uppercase))
        .collect();
    pages.sort();
    // The first page by name is a model page in both inputs.
    let left_out = pages[0].clone();
    let mut written = Vec::new();
    for threads in [1, 2] {
        let out = temp.path().join(format!("threads{threads}"));
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| {
            for exclude in [None, Some(left_out.as_str()), None] {
                let mut generator = mdmodels::Generator::new().input(input());
                if let Some(page) = exclude {
                    generator = generator.exclude(page);
                }
                let generated = generator.generate_crate(&out).unwrap_or_else(|failure| panic!("{failure}"));
                if exclude.is_some() {
                    assert_eq!(generated.written.removed.len(), 1, "leaving out {left_out} removes its file");
                }
            }
        });
        written.push(files_under(&out));
    }
    assert_eq!(written[0].len(), expected.len());
    for (path, text) in &expected {
        assert!(written[0][Path::new(path)] == text.as_bytes(), "{path} differs on disk");
    }
    assert!(written[0] == written[1], "two cores wrote other files than one");
}
