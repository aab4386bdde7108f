//! Property tests over the whole pipeline (in-process): arbitrary bytes,
//! Markdown-shaped noise and mutated fixture pages never make it panic, and
//! whatever it emits parses (`common::property`). Bounded to a few seconds;
//! the fuzz target in `fuzz/` runs the same property for as long as you like.

mod common;

use common::property::{check, fixture_pages, mutate, Outcome, Page, Rng, FRAGMENTS};
use mdmodels::SerdeImpls;
use proptest::prelude::*;

fn serde_impls() -> impl Strategy<Value = SerdeImpls> {
    prop_oneof![Just(SerdeImpls::Lean), Just(SerdeImpls::Derive)]
}

/// Pages from `FRAGMENTS` and words, shaped like model pages often enough
/// that tables, headings and types get parsed.
fn markdown_page() -> impl Strategy<Value = Vec<u8>> {
    let token = prop_oneof![
        4 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        2 => "[A-Za-z_][A-Za-z0-9_]{0,8}",
        1 => Just("\n|Name | Type | Description | Notes|\n|--|--|--|--|\n".to_string()),
        1 => Just("| **id** | str | The id. | [optional] |\n".to_string()),
        1 => any::<String>(),
    ];
    (0usize..3, proptest::collection::vec(token, 0..60)).prop_map(|(shape, tokens)| {
        let head = ["# Model\n\n## Properties\n", "## Properties\n", ""][shape];
        let mut page = head.to_string();
        page.extend(tokens);
        page.into_bytes()
    })
}

fn pages_of(bodies: Vec<Vec<u8>>) -> Vec<Page> {
    bodies.into_iter().enumerate().map(|(index, body)| (format!("P{index}.md"), body)).collect()
}

fn assert_property(pages: &[Page], serde: SerdeImpls) -> Result<(), TestCaseError> {
    match check(pages, serde, true) {
        Ok(_) => Ok(()),
        Err(problem) => Err(TestCaseError::fail(problem)),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bodies in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..400), 1..3), serde in serde_impls()) {
        assert_property(&pages_of(bodies), serde)?;
    }

    #[test]
    fn markdown_shaped_noise(bodies in proptest::collection::vec(markdown_page(), 1..4), serde in serde_impls()) {
        assert_property(&pages_of(bodies), serde)?;
    }

    #[test]
    fn mutated_fixture_pages(seed in any::<u64>(), count in 1usize..4, serde in serde_impls()) {
        let base = fixture_pages();
        let mut rng = Rng::new(seed);
        let mut pages = Vec::new();
        for index in 0..count {
            let (_, bytes) = &base[rng.below(base.len())];
            let mut bytes = bytes.clone();
            for _ in 0..1 + rng.below(3) {
                mutate(&mut rng, &mut bytes);
            }
            pages.push((format!("M{index}.md"), bytes));
        }
        assert_property(&pages, serde)?;
    }
}

/// The checker itself tells the two outcomes apart and counts the emitted files.
#[test]
fn the_property_checker_sees_both_outcomes() {
    let good = b"# Pet\n\n## Properties\n\n|Name | Type | Description | Notes|\n|--|--|--|--|\n| **name** | str | | |\n| **owner** | Owner | | [optional] |\n";
    let pages = vec![("Pet.md".to_string(), good.to_vec())];
    // lib.rs, the support module, pet.rs, owner.rs (opaque), and the module file.
    assert_eq!(check(&pages, SerdeImpls::Lean, true), Ok(Outcome::Generated(5)));
    assert_eq!(check(&pages, SerdeImpls::Derive, false), Ok(Outcome::Generated(3)));

    let bad = [("Bad.md".to_string(), b"# Bad\n## Properties\n|Name | Type |\n|--|--|\n| **a** | list[ |\n| | str |\n".to_vec())];
    assert_eq!(check(&bad, SerdeImpls::Lean, true), Ok(Outcome::Failed(2)));
}
