//! The models of `docs-input/`, generated at build time by `build.rs` through
//! the mdmodels library API. The checked-in `generated/` crate holds the same
//! models, written by the CLI; `tests/build_script.rs` checks the two agree.

include!(concat!(env!("OUT_DIR"), "/models.rs"));
