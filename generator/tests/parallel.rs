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
