//! The snapshot files of `tests/snapshots/`, each a module named after its
//! case (`language_java`, `names`...): what the generator emits must compile
//! without warnings, even for models named `Box`, `Option`, `String` and
//! `Vec`. `build.rs` writes the module list from the folder.

#![deny(warnings)]

include!(concat!(env!("OUT_DIR"), "/modules.rs"));
