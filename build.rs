//! Generates the models of `docs-input/` into OUT_DIR through the library API,
//! the way a user's crate would; `src/lib.rs` includes the result.

fn main() {
    let out_dir = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    if let Err(failure) = mdmodels::Generator::new()
        .input("docs-input")
        .cargo_directives(true)
        .write_module_file(out_dir.join("models.rs"))
    {
        eprintln!("{failure}");
        std::process::exit(1);
    }
}
