//! The checked-in `generated/` crate is exactly what the pages in
//! `docs-input/` generate, the same check as `mdmodels check`.

use std::path::Path;

#[test]
fn generated_crate_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let checked = mdmodels::Generator::new()
        .input(root.join("docs-input"))
        .check_crate(root.join("generated"))
        .unwrap_or_else(|failure| panic!("{failure}"));
    let diffs: String = checked.stale.iter().map(|stale| stale.unified_diff()).collect();
    assert!(
        checked.stale.is_empty(),
        "generated/ is stale; run `cargo run -p mdmodels -- generate docs-input --out generated`\n{diffs}"
    );
    // Guard against a vacuous pass: the crate really holds the seed models.
    assert!(root.join("generated/src/chat_media_participant.rs").is_file());
}
