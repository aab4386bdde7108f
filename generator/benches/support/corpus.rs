//! The input the benchmarks time: the real SDK docs folder when it is
//! beside the project, otherwise a synthetic corpus of about the same number
//! of pages built from `docs-input/`.

use std::path::{Path, PathBuf};

pub struct BenchInput {
    pub path: PathBuf,
    pub label: String,
    pub pages: usize,
    pub bytes: u64,
    /// Keeps a synthetic corpus's temporary folder alive.
    _temp: Option<tempfile::TempDir>,
}

pub fn bench_input() -> BenchInput {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let corpus = root.join("../shared/corpus/genesys-python-257.1.0");
    if corpus.is_dir() {
        let (pages, bytes) = measure(&corpus);
        return BenchInput {
            path: corpus,
            label: "genesys-python-257.1.0 (the real SDK docs folder)".to_string(),
            pages,
            bytes,
            _temp: None,
        };
    }
    eprintln!(
        "NOTE: ../shared/corpus/genesys-python-257.1.0 is absent; timing a synthetic corpus \
         of 1,250 renamed copies of each docs-input/ page instead"
    );
    let temp = tempfile::tempdir().unwrap();
    let seeds: Vec<(String, String)> = std::fs::read_dir(root.join("docs-input"))
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    let mut names: Vec<&str> = seeds.iter().map(|(name, _)| name.as_str()).collect();
    // Longest first, so `Callback` is renamed before `Call` could match inside it.
    names.sort_by_key(|name| std::cmp::Reverse(name.len()));
    for copy in 0..1250 {
        for (name, text) in &seeds {
            let mut renamed = text.clone();
            for seed in &names {
                for (before, after) in [("title: ", "\n"), ("# ", "\n"), ("[", "]"), ("[", "."), ("(", ")"), ("(", ".")] {
                    renamed = renamed.replace(&format!("{before}{seed}{after}"), &format!("{before}{seed}V{copy}{after}"));
                }
            }
            std::fs::write(temp.path().join(format!("{name}V{copy}.md")), renamed).unwrap();
        }
    }
    let (pages, bytes) = measure(temp.path());
    BenchInput {
        path: temp.path().to_path_buf(),
        label: "synthetic (docs-input/ x 1,250)".to_string(),
        pages,
        bytes,
        _temp: Some(temp),
    }
}

fn measure(dir: &Path) -> (usize, u64) {
    let mut pages = 0;
    let mut bytes = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let metadata = entry.unwrap().metadata().unwrap();
        pages += 1;
        bytes += metadata.len();
    }
    (pages, bytes)
}
