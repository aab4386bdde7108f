//! Real pages, broken the ways real folders are: rows deleted, cells
//! dropped, pipes inserted, bits flipped, files truncated, lines duplicated,
//! fragments inserted. Every run must either emit code that parses or fail
//! with errors that each point into a page (see `common::property`).
//!
//! Bounded and seeded so it is the same run every time, in CI too:
//! `MDMODELS_MUTATION_SEED` and `MDMODELS_MUTATION_RUNS` explore further.

mod common;

use std::path::Path;

use common::property::{check, fixture_pages, mutate, Outcome, Page, Rng};
use mdmodels::SerdeImpls;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|value| value.parse().ok()).unwrap_or(default)
}

/// Runs `runs` times on `pages_per_run` pages drawn from `base`, each mutated
/// 1 to 4 times; returns (runs generated, runs failed, pages mutated).
fn mutation_runs(label: &str, base: &[Page], runs: u64, pages_per_run: usize, seed: u64) -> (u64, u64, u64) {
    let mut rng = Rng::new(seed);
    let (mut generated, mut failed, mut mutated) = (0, 0, 0);
    for run in 0..runs {
        let mut pages = Vec::with_capacity(pages_per_run);
        let mut log = Vec::new();
        for _ in 0..pages_per_run {
            let (name, bytes) = &base[rng.below(base.len())];
            if pages.iter().any(|(taken, _): &Page| taken == name) {
                continue;
            }
            let mut bytes = bytes.clone();
            for _ in 0..1 + rng.below(4) {
                log.push(format!("{name}: {}", mutate(&mut rng, &mut bytes)));
            }
            mutated += 1;
            pages.push((name.clone(), bytes));
        }
        let serde = if run % 4 == 3 { SerdeImpls::Derive } else { SerdeImpls::Lean };
        match check(&pages, serde, false) {
            Ok(Outcome::Generated(_)) => generated += 1,
            Ok(Outcome::Failed(_)) => failed += 1,
            Err(problem) => panic!(
                "{label} run {run} (seed {seed}) broke the property: {problem}\nmutations:\n{}",
                log.join("\n")
            ),
        }
    }
    (generated, failed, mutated)
}

#[test]
fn mutated_fixture_pages_generate_parsable_code_or_located_errors() {
    let seed = env_number("MDMODELS_MUTATION_SEED", 0x6d64_6d6f_6465_6c73);
    let runs = env_number("MDMODELS_MUTATION_RUNS", 600);
    let base = fixture_pages();
    assert!(base.len() >= 20, "{} fixture pages", base.len());
    let (generated, failed, mutated) = mutation_runs("fixtures", &base, runs, 4, seed);
    eprintln!("fixtures: {runs} runs, {mutated} mutated pages: {generated} generated, {failed} failed with located errors");
    // Both sides of the property are exercised, not only one.
    assert!(generated > runs / 10 && failed > runs / 10, "{generated} generated, {failed} failed");
}

#[test]
fn mutated_corpus_pages_generate_parsable_code_or_located_errors() {
    let corpus = common::root().join("../shared/corpus/genesys-python-257.1.0");
    if !corpus.is_dir() {
        eprintln!("skipped: {} is absent (the shared SDK corpus is not on this machine)", corpus.display());
        return;
    }
    let seed = env_number("MDMODELS_MUTATION_SEED", 0x636f_7270_7573);
    let runs = env_number("MDMODELS_MUTATION_RUNS", 300);
    let base = corpus_pages(&corpus);
    let (generated, failed, mutated) = mutation_runs("corpus", &base, runs, 6, seed);
    eprintln!("corpus: {runs} runs, {mutated} mutated pages: {generated} generated, {failed} failed with located errors");
    assert!(generated > 0 && failed > 0, "{generated} generated, {failed} failed");
}

/// The corpus's model pages (those with a Properties table), by name.
fn corpus_pages(corpus: &Path) -> Vec<Page> {
    let mut pages: Vec<Page> = walk(corpus)
        .into_iter()
        .filter_map(|path| {
            let bytes = std::fs::read(&path).ok()?;
            let is_model = bytes.windows(13).any(|window| window == b"## Properties");
            is_model.then(|| (path.strip_prefix(corpus).unwrap().display().to_string(), bytes))
        })
        .collect();
    pages.sort();
    pages
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else if path.extension().is_some_and(|ext| ext == "md") {
            found.push(path);
        }
    }
    found
}
