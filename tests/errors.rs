//! The catalogue of bad input, through the real binary: each case checks
//! what the run says (kind, message), where (file, line, column), and what it
//! does (exit code, whether anything was written).
//!
//! Runs use `--format json`, so every diagnostic is an object with its exact
//! location; a few cases also check the text a person reads.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{mdmodels, root};
use serde_json::Value;

const HEADER: &str = "|Name | Type | Description | Notes|\n|------------ | ------------- | ------------- | -------------|\n";

/// A model page: a heading, a short description, and the table rows given.
fn page(name: &str, rows: &[&str]) -> String {
    let mut text = format!("# {name}\n\nThe {name} model.\n\n## Properties\n\n{HEADER}");
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    text
}

/// The line (1-based) of a page's first table row, as `page` lays it out.
const FIRST_ROW: u32 = 9;

struct Run {
    code: i32,
    /// Every diagnostic line of stderr.
    diagnostics: Vec<Value>,
    /// The final `result` line.
    result: Value,
    stdout: String,
}

impl Run {
    fn with(&self, kind: &str, message_part: &str) -> &Value {
        self.diagnostics
            .iter()
            .find(|d| d["kind"] == kind && d["message"].as_str().unwrap_or("").contains(message_part))
            .unwrap_or_else(|| panic!("no {kind} diagnostic containing {message_part:?} in {:#?}", self.diagnostics))
    }

    fn count(&self, severity: &str) -> usize {
        self.diagnostics.iter().filter(|d| d["severity"] == severity).count()
    }
}

/// Runs `mdmodels <args> --format json` and parses its stderr.
fn run(args: &[&std::ffi::OsStr]) -> Run {
    let output = mdmodels().args(args).args(["--format", "json"]).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let mut diagnostics = Vec::new();
    let mut result = Value::Null;
    for line in stderr.lines() {
        let value: Value = serde_json::from_str(line).unwrap_or_else(|error| panic!("not JSON ({error}): {line}"));
        match value["type"].as_str() {
            Some("diagnostic") => diagnostics.push(value),
            Some("result") => result = value,
            other => panic!("unexpected line type {other:?}: {line}"),
        }
    }
    assert!(result.is_object(), "no result line in:\n{stderr}");
    Run {
        code: output.status.code().unwrap_or(-1),
        diagnostics,
        result,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
    }
}

/// `mdmodels generate <input> --out <out>`.
fn generate(input: &Path, out: &Path) -> Run {
    run(&["generate".as_ref(), input.as_os_str(), "--out".as_ref(), out.as_os_str()])
}

/// A folder of pages, and an output path beside it that does not exist yet.
struct Case {
    dir: tempfile::TempDir,
}

impl Case {
    fn new(pages: &[(&str, &[u8])]) -> Case {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("pages")).unwrap();
        for (name, text) in pages {
            let path = dir.path().join("pages").join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        Case { dir }
    }

    fn pages(&self) -> PathBuf {
        self.dir.path().join("pages")
    }

    fn file(&self, name: &str) -> String {
        self.pages().join(name).display().to_string()
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    fn generate(&self) -> Run {
        generate(&self.pages(), &self.out())
    }
}

#[track_caller]
fn assert_at(diagnostic: &Value, file: &str, line: u32, column: u32) {
    assert_eq!(
        (diagnostic["file"].as_str(), diagnostic["line"].as_u64(), diagnostic["column"].as_u64()),
        (Some(file), Some(u64::from(line)), Some(u64::from(column))),
        "{diagnostic:#}"
    );
}

/// A failed run: exit 2, every error located, and no output folder.
#[track_caller]
fn assert_failed_without_writing(case: &Case, run: &Run) {
    assert_eq!(run.code, 2, "{:#?}", run.diagnostics);
    assert_eq!(run.result["outcome"], "failed");
    for error in run.diagnostics.iter().filter(|d| d["severity"] == "error") {
        assert!(error["file"].is_string() && error["line"].as_u64() >= Some(1), "unlocated: {error:#}");
        assert!(error["help"].is_string(), "no help: {error:#}");
    }
    assert!(!case.out().exists(), "a failed run wrote {}", case.out().display());
}

#[test]
fn a_missing_header_column_is_an_error_at_the_header() {
    let no_name = "# M\n\n## Properties\n\n| Type | Description | Notes|\n|--|--|--|\n| str | x | |\n";
    let no_type = "# N\n\n## Properties\n\n|Name | Description | Notes|\n|--|--|--|\n| **a** | x | |\n";
    let case = Case::new(&[("M.md", no_name.as_bytes()), ("N.md", no_type.as_bytes())]);
    let run = case.generate();
    assert_failed_without_writing(&case, &run);
    assert_at(run.with("malformed", "no `Name` column"), &case.file("M.md"), 5, 1);
    assert_at(run.with("malformed", "no `Type` column"), &case.file("N.md"), 5, 1);
}

#[test]
fn reordered_columns_are_found_by_name() {
    let text = "# M\n\n## Properties\n\n| Notes | Type | Name | Description |\n|--|--|--|--|\n| [optional] | int | **count** | How many. |\n";
    let case = Case::new(&[("M.md", text.as_bytes())]);
    let run = run(&["schema".as_ref(), case.pages().as_os_str()]);
    assert_eq!(run.code, 0);
    let schema: Value = serde_json::from_str(&run.stdout).unwrap();
    let field = &schema["models"][0]["fields"][0];
    assert_eq!((field["doc_name"].as_str(), field["type"].as_str()), (Some("count"), Some("integer")));
    assert_eq!(field["required"], false);
    assert_eq!((field["source"]["line"].as_u64(), field["source"]["column"].as_u64()), (Some(7), Some(22)));
}

#[test]
fn rows_with_too_few_cells() {
    let text = page("M", &["| **a** | str |", "| **b** |"]);
    let case = Case::new(&[("M.md", text.as_bytes())]);
    let run = case.generate();
    assert_failed_without_writing(&case, &run);
    // Name and Type present: a warning at the end of the row, the rest empty.
    let short = run.with("malformed", "has 2 cells but the table has 4 columns; the last 2 are taken as empty");
    assert_eq!(short["severity"], "warning");
    assert_at(short, &case.file("M.md"), FIRST_ROW, 16);
    // No Type cell: an error at the row.
    let broken = run.with("malformed", "has 1 cells but the table has 4 columns, so it has no Type cell");
    assert_at(broken, &case.file("M.md"), FIRST_ROW + 1, 1);
}

#[test]
fn empty_name_and_type_cells() {
    let text = page("M", &["| | str | x | |", "| **c** |  | x | |"]);
    let case = Case::new(&[("M.md", text.as_bytes())]);
    let run = case.generate();
    assert_failed_without_writing(&case, &run);
    assert_at(run.with("malformed", "empty Name cell"), &case.file("M.md"), FIRST_ROW, 2);
    assert_at(run.with("malformed", "field `c` has an empty Type cell"), &case.file("M.md"), FIRST_ROW + 1, 10);
}

#[test]
fn types_the_grammar_cannot_parse_point_into_the_type() {
    let text = page(
        "M",
        &["| **a** | list[ | x | |", "| **b** | dict(str | x | |", "| **c** | **dict(str, Seg** | x | |"],
    );
    let case = Case::new(&[("M.md", text.as_bytes())]);
    let run = case.generate();
    assert_failed_without_writing(&case, &run);
    let file = case.file("M.md");
    let a = run.with("bad-type", "`list[` of field `a`: expected a type name, found the end of the cell");
    assert_at(a, &file, FIRST_ROW, 16);
    let b = run.with("bad-type", "`dict(str` of field `b`: expected `,`");
    assert_at(b, &file, FIRST_ROW + 1, 19);
    // Inside bold, the caret still lands where `)` is missing.
    let c = run.with("bad-type", "`dict(str, Seg` of field `c`: expected `)`");
    assert_at(c, &file, FIRST_ROW + 2, 26);
    assert_eq!(c["source_line"], "| **c** | **dict(str, Seg** | x | |");
}

#[test]
fn types_of_other_sdk_languages_the_grammar_cannot_parse_are_located() {
    let text = page(
        "M",
        &["| **a** | List<Seg | x | |", "| **b** | map[int]Seg | x | |", "| **c** | [String: | x | |", "| **d** | Dictionary<string, X | x | |"],
    );
    let case = Case::new(&[("M.md", text.as_bytes())]);
    let run = case.generate();
    assert_failed_without_writing(&case, &run);
    let file = case.file("M.md");
    let a = run.with("bad-type", "`List<Seg` of field `a`: expected `>` to close `List<`");
    assert_at(a, &file, FIRST_ROW, 19);
    // The key is what is wrong: the caret is on it.
    let b = run.with("bad-type", "`map[int]Seg` of field `b`: map keys must be strings");
    assert_at(b, &file, FIRST_ROW + 1, 15);
    let c = run.with("bad-type", "`[String:` of field `c`");
    assert_eq!(c["line"], FIRST_ROW + 2);
    let d = run.with("bad-type", "`Dictionary<string, X` of field `d`: expected `>`");
    assert_at(d, &file, FIRST_ROW + 3, 31);
    assert_eq!(run.count("error"), 4);
}

#[test]
fn nesting_ten_thousand_deep_is_a_located_error_not_a_stack_overflow() {
    let deep = format!("{}str{}", "list[".repeat(10_000), "]".repeat(10_000));
    let row = format!("| **deep** | {deep} | x | |");
    // Markdown nesting as deep, in the description: no overflow there either.
    let description = format!("{}\n\n{}x{}\n\n", ">".repeat(10_000), "[".repeat(10_000), "]".repeat(10_000));
    let text = page("M", &[&row]).replacen("The M model.\n", &description, 1);
    let case = Case::new(&[("M.md", text.as_bytes())]);
    let run = case.generate();
    assert_failed_without_writing(&case, &run);
    let error = run.with("bad-type", "nests deeper than 32 levels");
    // The 33rd `list[` is too deep: the type starts at column 14, 5 per level.
    let line = text.lines().position(|l| l.starts_with("| **deep**")).unwrap() as u32 + 1;
    assert_at(error, &case.file("M.md"), line, 14 + 33 * 5);
    assert!(error["source_line"].as_str().unwrap().len() < 400, "the snippet is a window of the 50 kB line");
}

#[test]
fn two_pages_defining_one_model() {
    let call = page("Call", &["| **id** | str | | |"]);
    let case = Case::new(&[("a/Call.md", call.as_bytes()), ("b/Call.md", call.as_bytes())]);
    let run = case.generate();
    assert_failed_without_writing(&case, &run);
    let duplicate = run.with("duplicate", "model `Call` is defined twice");
    assert_at(duplicate, &case.file("b/Call.md"), 1, 1);
    assert!(duplicate["message"].as_str().unwrap().contains(&format!("{}:1:1", case.file("a/Call.md"))));
}

#[test]
fn a_field_listed_twice() {
    let text = page("M", &["| **id** | str | | |", "| **name** | str | | |", "| **id** | int | | |"]);
    let case = Case::new(&[("M.md", text.as_bytes())]);
    let run = case.generate();
    assert_failed_without_writing(&case, &run);
    let duplicate = run.with("duplicate", "field `id` of model `M` is listed twice (first at line 9)");
    assert_at(duplicate, &case.file("M.md"), FIRST_ROW + 2, 3);
}

#[test]
fn two_fields_with_one_rust_name_are_told_apart_with_a_warning() {
    let text = page("M", &["| **url** | str | | [optional] |", "| **URL** | str | | [optional] |"]);
    let case = Case::new(&[("M.md", text.as_bytes())]);
    let run = case.generate();
    assert_eq!(run.code, 0, "{:#?}", run.diagnostics);
    let warning = run.with("name-collision", "both become the Rust field `url`; this one is named `url_2`");
    assert_eq!(warning["severity"], "warning");
    assert_at(warning, &case.file("M.md"), FIRST_ROW + 1, 3);
    let code = fs::read_to_string(case.out().join("src/m.rs")).unwrap();
    assert!(code.contains("pub url_2:") && code.contains("\"URL\""), "{code}");
}

#[test]
fn names_that_are_no_identifiers_become_valid_rust_and_keep_their_json_name() {
    let names = ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "$ref", "org-id", "2nd_line", "größe", "名前", "self"];
    let rows: Vec<String> = names.iter().map(|name| format!("| **{name}** | str | | [optional] |")).collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let case = Case::new(&[("M.md", page("M", &rows).as_bytes())]);
    let run = run(&["schema".as_ref(), case.pages().as_os_str()]);
    assert_eq!(run.code, 0, "{:#?}", run.diagnostics);
    let schema: Value = serde_json::from_str(&run.stdout).unwrap();
    let fields = schema["models"][0]["fields"].as_array().unwrap();
    assert_eq!(fields.len(), names.len());
    for (field, name) in fields.iter().zip(names) {
        let rust = field["rust_name"].as_str().unwrap();
        assert!(syn::parse_str::<syn::Ident>(rust).is_ok(), "`{rust}` (for `{name}`) is not an identifier");
        assert!(rust.is_ascii(), "{rust}");
        assert_eq!(field["doc_name"], *name);
    }
    let rust: Vec<&str> = fields.iter().map(|f| f["rust_name"].as_str().unwrap()).collect();
    assert_eq!(rust[..4], ["urn_ietf_params_scim_schemas_extension_enterprise_2_0_user", "ref_", "org_id", "field_2nd_line"]);
    assert_eq!(fields[0]["wire_name"], names[0], "the JSON name is kept as written");
    assert_eq!(fields[1]["wire_name"], "$ref");

    // And the generated crate parses.
    let out = case.out();
    assert_eq!(generate(&case.pages(), &out).code, 0);
    let code = fs::read_to_string(out.join("src/m.rs")).unwrap();
    syn::parse_file(&code).unwrap();
    assert!(code.contains("\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\""));
}

#[test]
fn model_names_that_are_no_identifiers_are_errors_at_the_heading() {
    let case = Case::new(&[
        ("Urn.md", page("urn:ietf:params:scim:schemas:core:2.0:User", &["| **id** | str | | |"]).as_bytes()),
        ("Ref.md", page("$ref", &["| **id** | str | | |"]).as_bytes()),
        ("Digits.md", page("2ndModel", &["| **id** | str | | |"]).as_bytes()),
        ("Umlaut.md", page("Größe", &["| **id** | str | | |"]).as_bytes()),
    ]);
    let run = case.generate();
    assert_failed_without_writing(&case, &run);
    for (file, shown) in [("Urn.md", "0:User"), ("Ref.md", "$ref"), ("Digits.md", "2ndModel"), ("Umlaut.md", "Größe")] {
        let error = run.with("malformed", &format!("`{shown}` is not a usable model name"));
        assert_at(error, &case.file(file), 1, 1);
    }
    assert_eq!(run.count("error"), 4, "one bad page does not hide the others");
}

#[test]
fn models_named_lib_or_main_do_not_clobber_the_crate_root_or_make_a_binary() {
    let case = Case::new(&[
        ("Lib.md", page("Lib", &["| **main** | [Main](Main.md) | | [optional] |"]).as_bytes()),
        ("Main.md", page("Main", &["| **name** | str | | |"]).as_bytes()),
    ]);
    let run = case.generate();
    assert_eq!(run.code, 0, "{:#?}", run.diagnostics);
    let src = case.out().join("src");
    let lib = fs::read_to_string(src.join("lib.rs")).unwrap();
    assert!(lib.contains("pub mod lib_;") && lib.contains("pub use main_::Main;"), "{lib}");
    assert!(fs::read_to_string(src.join("lib_.rs")).unwrap().contains("pub struct Lib"));
    assert!(fs::read_to_string(src.join("main_.rs")).unwrap().contains("pub struct Main"));
    assert!(!src.join("main.rs").exists(), "cargo would build src/main.rs as a binary");
}

#[test]
fn pages_that_are_not_utf8_are_read_lossily_with_a_warning() {
    let mut text = page("M", &["| **name** | str | Caf\u{e9} au lait. | |"]).into_bytes();
    // Latin-1 `é` instead of UTF-8.
    let at = text.windows(2).position(|w| w == "é".as_bytes()).unwrap();
    text.splice(at..at + 2, [0xe9]);
    let case = Case::new(&[("M.md", &text)]);
    let run = case.generate();
    assert_eq!(run.code, 0, "{:#?}", run.diagnostics);
    let warning = run.with("encoding", "is not valid UTF-8: byte 0xe9 here and 0 more");
    assert_eq!(warning["severity"], "warning");
    assert_at(warning, &case.file("M.md"), FIRST_ROW, 23);
    let code = fs::read_to_string(case.out().join("src/m.rs")).unwrap();
    assert!(code.contains("Caf\u{fffd} au lait."), "{code}");

    // Denied warnings make it an error, and nothing is written.
    let denied = Case::new(&[("M.md", &text)]);
    let run = run_denied(&denied);
    assert_failed_without_writing(&denied, &run);
    denied_at(&run, "encoding", &denied.file("M.md"), FIRST_ROW, 23);
}

fn run_denied(case: &Case) -> Run {
    run(&["generate".as_ref(), case.pages().as_os_str(), "--out".as_ref(), case.out().as_os_str(), "--deny-warnings".as_ref()])
}

#[track_caller]
fn denied_at(run: &Run, kind: &str, file: &str, line: u32, column: u32) {
    let error = run.diagnostics.iter().find(|d| d["kind"] == kind).unwrap();
    assert_eq!(error["severity"], "error");
    assert!(error["help"].as_str().unwrap().contains("warnings are denied"));
    assert_at(error, file, line, column);
}

#[test]
fn a_name_with_bytes_that_are_not_utf8_is_an_error() {
    let mut text = page("M", &["| **caf\u{e9}** | str | | |"]).into_bytes();
    let at = text.windows(2).position(|w| w == "é".as_bytes()).unwrap();
    text.splice(at..at + 2, [0xe9]);
    let case = Case::new(&[("M.md", &text)]);
    let run = case.generate();
    assert_failed_without_writing(&case, &run);
    assert_at(run.with("encoding", "is not valid UTF-8"), &case.file("M.md"), FIRST_ROW, 8);
    let error = run.with("encoding", "the field name `caf\u{fffd}` holds U+FFFD");
    assert_at(error, &case.file("M.md"), FIRST_ROW, 3);
}

#[test]
fn a_bom_and_crlf_line_endings_do_not_move_locations() {
    let plain = page("M", &["| **ok** | str | | |", "| **bad** | list[str | x | |"]);
    let bom_crlf = format!("\u{feff}{}", plain.replace('\n', "\r\n"));
    let case = Case::new(&[("Plain.md", plain.as_bytes())]);
    let other = Case::new(&[("Plain.md", bom_crlf.as_bytes())]);
    let (lf, crlf) = (case.generate(), other.generate());
    assert_failed_without_writing(&case, &lf);
    assert_failed_without_writing(&other, &crlf);
    let lf = lf.with("bad-type", "field `bad`");
    let crlf = crlf.with("bad-type", "field `bad`");
    assert_at(lf, &case.file("Plain.md"), FIRST_ROW + 1, 21);
    assert_at(crlf, &other.file("Plain.md"), FIRST_ROW + 1, 21);
    assert_eq!(crlf["source_line"], "| **bad** | list[str | x | |", "no `\\r` in the snippet");
    assert_eq!(lf["message"], crlf["message"]);

    // A BOM on line 1 does not shift the columns of a heading error either.
    let bom_heading = Case::new(&[("B.md", format!("\u{feff}{}", page("2Bad", &["| **a** | str | | |"])).as_bytes())]);
    let run = bom_heading.generate();
    assert_at(run.with("malformed", "`2Bad` is not a usable model name"), &bom_heading.file("B.md"), 1, 1);
}

#[test]
fn a_zero_byte_page_is_skipped_with_a_warning() {
    let case = Case::new(&[("Empty.md", b""), ("M.md", page("M", &["| **id** | str | | |"]).as_bytes())]);
    let run = case.generate();
    assert_eq!(run.code, 0, "{:#?}", run.diagnostics);
    let warning = run.with("malformed", "the page is empty; skipped");
    assert_eq!(warning["severity"], "warning");
    assert_at(warning, &case.file("Empty.md"), 1, 1);
    assert!(case.out().join("src/m.rs").is_file());
}

#[test]
fn a_50_mb_page_is_read() {
    // A model page with a 50 MB appendix after its table, written here.
    let mut text = page("Big", &["| **id** | str | The id. | |", "| **count** | int | | [optional] |"]);
    let paragraph = "Appendix text with a | pipe, **bold**, [a link](http://example.com) and &amp; entities.\n\n";
    text.push_str("\n## Appendix\n\n");
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(paragraph);
    }
    text.push_str("| **late** | list[ | not in the table | |\n");
    let case = Case::new(&[("Big.md", text.as_bytes())]);
    let run = case.generate();
    assert_eq!(run.code, 0, "{:#?}", run.diagnostics);
    assert_eq!(run.result["models"], 1);
    let code = fs::read_to_string(case.out().join("src/big.rs")).unwrap();
    assert!(code.contains("pub id: ::std::string::String") && code.contains("pub count:"), "{code}");
}

#[test]
fn an_unreadable_page_is_a_located_error() {
    let case = Case::new(&[("Secret.md", page("Secret", &["| **id** | str | | |"]).as_bytes()), ("M.md", page("M", &["| **id** | str | | |"]).as_bytes())]);
    let secret = case.pages().join("Secret.md");
    set_mode(&secret, 0o000);
    let readable_anyway = fs::read(&secret).is_ok();
    if readable_anyway {
        // Root (as in CI containers) reads files whatever their mode.
        eprintln!("note: running as root, where chmod 000 does not stop reads; the dangling-symlink case below covers the unreadable path");
    } else {
        let run = case.generate();
        set_mode(&secret, 0o644);
        assert_failed_without_writing(&case, &run);
        let error = run.with("io", "cannot read");
        assert_at(error, &case.file("Secret.md"), 1, 1);
        assert!(error["message"].as_str().unwrap().contains("ermission denied"), "{error:#}");
    }
    set_mode(&secret, 0o644);

    // A link to nowhere cannot be read by anyone, root included.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(case.pages().join("Gone.md"), case.pages().join("Link.md")).unwrap();
        let run = case.generate();
        assert_failed_without_writing(&case, &run);
        let error = run.with("io", "No such file or directory");
        assert_at(error, &case.file("Link.md"), 1, 1);
        assert!(error["help"].as_str().unwrap().contains("symlink"));
    }
}

fn set_mode(path: &Path, mode: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
}

#[cfg(unix)]
#[test]
fn a_folder_symlink_loop_is_a_warning_and_every_page_is_read_once() {
    let case = Case::new(&[("M.md", page("M", &["| **id** | str | | |"]).as_bytes())]);
    fs::create_dir(case.pages().join("sub")).unwrap();
    fs::write(case.pages().join("sub/N.md"), page("N", &["| **m** | [M](M.md) | | |"])).unwrap();
    std::os::unix::fs::symlink(case.pages(), case.pages().join("sub/loop")).unwrap();
    let run = case.generate();
    assert_eq!(run.code, 0, "{:#?}", run.diagnostics);
    let warning = run.with("io", "(a symlink loop)");
    assert_eq!(warning["severity"], "warning");
    assert_at(warning, &case.file("sub/loop"), 1, 1);
    assert_eq!(run.result["models"], 2, "M and N, each once");
}

#[test]
fn an_output_folder_that_cannot_be_written_is_an_error_naming_it() {
    let case = Case::new(&[("M.md", page("M", &["| **id** | str | | |"]).as_bytes())]);
    // A folder below a regular file cannot be made, even by root.
    let blocker = case.dir.path().join("file");
    fs::write(&blocker, "not a folder").unwrap();
    let out = blocker.join("crate");
    let run = generate(&case.pages(), &out);
    assert_eq!(run.code, 2);
    let error = run.with("io", "cannot write the output");
    assert!(error["message"].as_str().unwrap().contains(&blocker.display().to_string()), "{error:#}");
    assert!(error["help"].as_str().unwrap().contains("writable"));
    assert_eq!(fs::read_to_string(&blocker).unwrap(), "not a folder");
}

#[test]
fn every_bad_page_is_reported_in_one_run_and_nothing_is_written() {
    let case = Case::new(&[
        ("A.md", page("A", &["| **x** | list[ | | |"]).as_bytes()),
        ("B.md", page("B", &["| | str | | |"]).as_bytes()),
        ("C.md", page("C", &["| **ok** | str | | |"]).as_bytes()),
        ("D.md", page("D", &["| **ref** | Missing | | |"]).as_bytes()),
    ]);
    let run = case.generate();
    assert_failed_without_writing(&case, &run);
    assert_eq!(run.count("error"), 2, "{:#?}", run.diagnostics);
    assert_eq!(run.result["errors"], 2);
    assert_at(run.with("bad-type", "field `x`"), &case.file("A.md"), FIRST_ROW, 16);
    assert_at(run.with("malformed", "empty Name cell"), &case.file("B.md"), FIRST_ROW, 2);
    // The warning from a good page is reported too, at the name in the type cell.
    assert_at(run.with("unresolved-reference", "`Missing` has no page"), &case.file("D.md"), FIRST_ROW, 13);

    // The human format says the same, each with its caret, and the total.
    let output = mdmodels().arg("generate").arg(case.pages()).arg("--out").arg(case.out()).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains(&format!("{}:9:16: error[bad-type]", case.file("A.md"))), "{stderr}");
    assert!(stderr.contains(&format!("{}:9:2: error[malformed]: this row has an empty Name cell", case.file("B.md"))), "{stderr}");
    assert!(stderr.contains("9 | | **x** | list[ | | |\n  |                ^"), "{stderr}");
    assert!(stderr.trim_end().ends_with("mdmodels: 2 error(s); nothing was written"), "{stderr}");
}

#[test]
fn warnings_fail_a_run_only_when_denied() {
    let case = Case::new(&[("D.md", page("D", &["| **ref** | Missing | | |"]).as_bytes())]);
    let run = case.generate();
    assert_eq!(run.code, 0);
    assert_eq!(run.count("warning"), 1);
    assert!(case.out().join("src/d.rs").is_file());

    let denied = Case::new(&[("D.md", page("D", &["| **ref** | Missing | | |"]).as_bytes())]);
    let run = run_denied(&denied);
    assert_failed_without_writing(&denied, &run);
    denied_at(&run, "unresolved-reference", &denied.file("D.md"), FIRST_ROW, 13);
}

#[test]
fn json_format_for_check_and_schema() {
    let seeds = root().join("docs-input");
    let generated = root().join("generated");
    let fresh = run(&["check".as_ref(), seeds.as_os_str(), "--out".as_ref(), generated.as_os_str()]);
    assert_eq!(fresh.code, 0);
    assert_eq!(fresh.result["outcome"], "fresh");
    assert_eq!(fresh.count("warning"), 20, "one per name without a page");

    let empty = tempfile::tempdir().unwrap();
    let stale = run(&["check".as_ref(), seeds.as_os_str(), "--out".as_ref(), empty.path().as_os_str()]);
    assert_eq!(stale.code, 1);
    assert_eq!(stale.result["outcome"], "stale");
    assert_eq!(stale.result["stale"].as_array().unwrap().len(), 27, "Cargo.toml, lib.rs, 25 modules");
    assert!(stale.result["fix"].as_str().unwrap().starts_with("mdmodels generate "));
    assert!(stale.stdout.contains("(generated)"), "the diff stays on stdout");

    let schema = run(&["schema".as_ref(), seeds.join("Call.md").as_os_str()]);
    assert_eq!(schema.code, 0);
    assert_eq!(schema.result["outcome"], "printed");
    let printed: Value = serde_json::from_str(&schema.stdout).unwrap();
    assert_eq!(printed["models"][0]["name"], "Call");
    let unresolved = schema.with("unresolved-reference", "has no page");
    assert_eq!(unresolved["file"], seeds.join("Call.md").display().to_string());
}

// The output: only what mdmodels wrote is ever replaced (issue #11, item 1).

/// A crate as `cargo new --lib` leaves it, with a line of the user's own.
fn hand_written_crate(out: &Path) {
    fs::create_dir_all(out.join("src")).unwrap();
    fs::write(out.join("Cargo.toml"), "[package]\nname = \"mine\"\nversion = \"0.1.0\"\nedition = \"2021\"\n").unwrap();
    fs::write(out.join("src/lib.rs"), "// mine\npub fn add(left: u64, right: u64) -> u64 { left + right }\n").unwrap();
}

#[track_caller]
fn assert_refused(run: &Run, paths: &[PathBuf]) {
    assert_eq!(run.code, 2, "{:#?}", run.diagnostics);
    assert_eq!(run.result["outcome"], "failed");
    assert_eq!(run.count("error"), paths.len(), "{:#?}", run.diagnostics);
    for path in paths {
        let error = run.with("not-generated", &format!("`{}` was not written by mdmodels", path.display()));
        let help = error["help"].as_str().unwrap();
        assert!(help.contains("nothing was written") && help.contains("new or empty output folder"), "{help}");
        assert!(help.contains(&format!("delete `{}`", path.display())), "{help}");
    }
}

#[test]
fn a_hand_written_crate_is_never_overwritten() {
    let case = Case::new(&[("M.md", page("M", &["| **id** | str | | |"]).as_bytes())]);
    hand_written_crate(&case.out());
    let before = common::snapshot_dir(&case.out());
    let generated = case.generate();
    assert_refused(&generated, &[case.out().join("Cargo.toml"), case.out().join("src/lib.rs")]);
    assert_eq!(common::snapshot_dir(&case.out()), before, "nothing written");
    // `check` writes nothing anyway; it says why `generate` would refuse
    // instead of a diff and a command that would not fix it.
    let out = case.out();
    let checked = run(&["check".as_ref(), case.pages().as_os_str(), "--out".as_ref(), out.as_os_str()]);
    assert_refused(&checked, &[case.out().join("Cargo.toml"), case.out().join("src/lib.rs")]);
    assert!(checked.stdout.is_empty(), "no diff: {}", checked.stdout);

    // The same through the library.
    let failure = mdmodels::Generator::new().input(case.pages()).generate_crate(case.out()).unwrap_err();
    let refused: Vec<_> = failure.diagnostics.iter().filter(|d| d.kind == mdmodels::DiagnosticKind::NotGenerated).collect();
    assert_eq!(refused.len(), 2, "{failure}");
    assert!(failure.to_string().ends_with("nothing was written"), "{failure}");
    assert_eq!(common::snapshot_dir(&case.out()), before);
}

#[test]
fn a_hand_written_module_file_is_never_replaced_but_generated_ones_are() {
    let case = Case::new(&[("M.md", page("M", &["| **id** | str | | |"]).as_bytes())]);
    assert_eq!(case.generate().code, 0);
    // Generated files are replaced as before (here: a new field)...
    fs::write(case.pages().join("M.md"), page("M", &["| **id** | str | | |", "| **name** | str | | |"])).unwrap();
    assert_eq!(case.generate().code, 0);
    assert!(fs::read_to_string(case.out().join("src/m.rs")).unwrap().contains("pub name:"));
    // ...but a module file the user wrote in its place is not.
    fs::write(case.out().join("src/m.rs"), "// mine\npub struct M;\n").unwrap();
    fs::write(case.pages().join("M.md"), page("M", &["| **id** | str | | |"])).unwrap();
    let before = common::snapshot_dir(&case.out());
    let run = case.generate();
    assert_refused(&run, &[case.out().join("src/m.rs")]);
    assert_eq!(common::snapshot_dir(&case.out()), before, "nothing written, not even the changed files that are ours");
}

#[test]
fn the_single_file_layout_never_replaces_a_hand_written_file() {
    let case = Case::new(&[("M.md", page("M", &["| **id** | str | | |"]).as_bytes())]);
    let target = case.dir.path().join("models.rs");
    fs::write(&target, "// my models\n").unwrap();
    let failure = mdmodels::Generator::new().input(case.pages()).write_module_file(&target).unwrap_err();
    let error = failure.diagnostics.iter().find(|d| d.kind == mdmodels::DiagnosticKind::NotGenerated).expect("refused");
    assert!(error.message.contains(&target.display().to_string()), "{error:?}");
    assert_eq!(fs::read_to_string(&target).unwrap(), "// my models\n");
    // A file it wrote is replaced.
    fs::remove_file(&target).unwrap();
    mdmodels::Generator::new().input(case.pages()).write_module_file(&target).unwrap();
    fs::write(case.pages().join("M.md"), page("M", &["| **id** | str | | |", "| **n** | int | | |"])).unwrap();
    let generated = mdmodels::Generator::new().input(case.pages()).write_module_file(&target).unwrap();
    assert_eq!(generated.written.written, std::slice::from_ref(&target));
    assert!(fs::read_to_string(&target).unwrap().contains("pub n: i64"));
}

// Inputs (issue #11, items 6 and 7).

#[cfg(unix)]
#[test]
fn the_same_input_given_twice_is_read_once() {
    let case = Case::new(&[
        ("M.md", page("M", &["| **id** | str | | |"]).as_bytes()),
        ("sub/N.md", page("N", &["| **m** | [M](M.md) | | |"]).as_bytes()),
    ]);
    std::os::unix::fs::symlink(case.pages(), case.dir.path().join("alias")).unwrap();
    let absolute = case.pages();
    // `pages ./pages /abs/pages alias pages/sub/N.md`, from the case's folder.
    let output = mdmodels()
        .current_dir(case.dir.path())
        .args(["generate", "pages", "./pages"])
        .arg(&absolute)
        .args(["alias", "pages/sub/N.md", "--out", "out", "--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("defined"), "{stderr}");
    assert!(stderr.contains("\"models\":2"), "{stderr}");
    let once = fs::read_to_string(case.out().join("src/m.rs")).unwrap();
    // The same output as from the folder given once.
    let single = tempfile::tempdir().unwrap();
    assert_eq!(generate(&case.pages(), single.path()).code, 0);
    assert_eq!(common::snapshot_dir(&case.out()), common::snapshot_dir(single.path()));
    assert!(once.contains("pub struct M"));

    // The library reads each page once too.
    let loaded = mdmodels::Generator::new()
        .input(case.pages())
        .input(case.pages().join("."))
        .input(case.dir.path().join("alias"))
        .load()
        .unwrap();
    assert_eq!(loaded.schema.models.len(), 2);
}

#[test]
fn inputs_without_a_model_page_are_an_error_saying_what_was_found() {
    // An empty folder.
    let empty = Case::new(&[]);
    let failed = empty.generate();
    assert_eq!(failed.code, 2, "{:#?}", failed.diagnostics);
    let error = failed.with("no-models", "no model page in the input");
    let message = error["message"].as_str().unwrap();
    assert!(message.contains(&format!("looked at `{}`", empty.pages().display())) && message.contains("found 0 file(s)"), "{message}");
    assert!(error["help"].as_str().unwrap().contains("## Properties"));
    assert!(!empty.out().exists());

    // A folder of API pages and other files.
    let api = Case::new(&[
        ("CallsApi.md", b"# CallsApi\n\nAll URIs are relative.\n"),
        ("README.txt", b"the docs\n"),
        ("index.md", b"# Index\n"),
    ]);
    let failed = api.generate();
    assert_eq!(failed.code, 2);
    let message = failed.with("no-models", "no model page")["message"].as_str().unwrap().to_string();
    assert!(message.contains("found 3 file(s), 1 not Markdown"), "{message}");
    assert!(message.contains("2 page(s) skipped as not model pages"), "{message}");
    assert!(!api.out().exists());

    // A page file that is not a model page, given by name.
    let text = api.pages().join("README.txt");
    let failed = generate(&text, &api.out());
    assert_eq!(failed.code, 2);
    assert!(failed.with("no-models", "no model page")["message"].as_str().unwrap().contains("1 page(s) skipped as not model pages"));

    // Every page excluded by the config's globs: the help says where to look.
    let config = api.dir.path().join("mdmodels.toml");
    fs::write(&config, "[input]\nexclude = [\"*.md\"]\n").unwrap();
    let globbed = run(&["generate".as_ref(), api.pages().as_os_str(), "--config".as_ref(), config.as_os_str(), "--out".as_ref(), api.out().as_os_str()]);
    let error = globbed.with("no-models", "2 page(s) left out by the [input] include/exclude globs");
    assert!(error["help"].as_str().unwrap().contains("[input] globs"));

    // `schema` and the library say the same.
    let schema = run(&["schema".as_ref(), empty.pages().as_os_str()]);
    assert_eq!(schema.code, 2);
    schema.with("no-models", "found 0 file(s)");
    let failure = mdmodels::Generator::new().input(api.pages()).load().unwrap_err();
    assert!(failure.diagnostics.iter().any(|d| d.kind == mdmodels::DiagnosticKind::NoModels), "{failure}");
}

#[test]
fn pages_that_failed_are_not_also_reported_as_no_model_page() {
    let case = Case::new(&[("A.md", page("A", &["| **x** | list[ | | |"]).as_bytes())]);
    let run = case.generate();
    assert_failed_without_writing(&case, &run);
    assert_eq!(run.count("error"), 1, "only the page's own error: {:#?}", run.diagnostics);
}

// Names (issue #11, item 13).

#[test]
fn a_model_name_longer_than_a_file_name_may_be_gets_a_shortened_module_file() {
    let name = format!("A{}", "b".repeat(599));
    let case = Case::new(&[("Long.md", page(&name, &["| **id** | str | | |"]).as_bytes())]);
    let first = case.generate();
    assert_eq!(first.code, 0, "{:#?}", first.diagnostics);
    let modules: Vec<String> = fs::read_dir(case.out().join("src"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|file| file.starts_with("abbb"))
        .collect();
    assert_eq!(modules.len(), 1, "{modules:?}");
    assert!(modules[0].len() <= 255, "{} bytes", modules[0].len());
    let lib = fs::read_to_string(case.out().join("src/lib.rs")).unwrap();
    let module = modules[0].trim_end_matches(".rs");
    assert!(lib.contains(&format!("pub use {module}::{name};")), "the type keeps its name");
    // A second run finds the same file: nothing to write.
    let again = case.generate();
    assert_eq!(again.code, 0);
    assert_eq!(again.result["written"], serde_json::json!([]));
    // The library writes the same crate.
    let out = case.dir.path().join("library");
    mdmodels::Generator::new().input(case.pages()).generate_crate(&out).unwrap();
    assert_eq!(common::snapshot_dir(&out), common::snapshot_dir(&case.out()));
}

// Config errors (issue #11, items 4, 5, 8) and diagnostics (items 9, 10).

/// `mdmodels generate` with a config file written beside the pages.
fn generate_with_config(case: &Case, config: &str, extra: &[&str]) -> (Run, String) {
    let path = case.dir.path().join("mdmodels.toml");
    fs::write(&path, config).unwrap();
    let (pages, out) = (case.pages(), case.out());
    let mut args: Vec<&std::ffi::OsStr> =
        vec!["generate".as_ref(), pages.as_os_str(), "--out".as_ref(), out.as_os_str(), "--config".as_ref(), path.as_os_str()];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    (run(&args), path.display().to_string())
}

#[test]
fn config_errors_are_each_at_their_key_all_in_one_run_with_the_nearest_name() {
    let case = Case::new(&[("Participant.md", page("Participant", &["| **name** | str | | |"]).as_bytes())]);
    let config = "[crate]\nname = \"my crate!\"\nversion = \"banana\"\n\n[output]\nderive = [\"Eq\"]\n\
                  datetime = \"time\"\nserde = \"derive\"\nattributes = [\"non_exhaustive\"]\nderives = [\"Hash<\"]\n\n\
                  [wire-names]\n\"Partcipant.name\" = \"fullName\"\n\"Participant.nmae\" = \"fullName\"\n\n[types]\n\"Participant.name\" = \"not a type!\"\n";
    let (run, file) = generate_with_config(&case, config, &[]);
    assert_failed_without_writing(&case, &run);
    let expected = [
        ("the crate name `my crate!` is not one cargo accepts", 2, 8),
        ("the crate version `banana` is not a semver version", 3, 11),
        ("unknown key `derive` in [output]; did you mean `derives`?", 6, 1),
        ("`non_exhaustive` is not an outer attribute", 9, 15),
        ("`Hash<` is not a derive path", 10, 12),
        ("the config names `Partcipant.name`: no model `Partcipant`; did you mean `Participant`?", 13, 1),
        ("the config names `Participant.nmae`: no field `nmae` in model `Participant`; did you mean `name`?", 14, 1),
        ("`not a type!` (the type for `Participant.name`) is not a Rust type", 17, 1),
    ];
    for (message, line, column) in expected {
        let error = run.with("config", message);
        assert_at(error, &file, line, column);
        let source_line = error["source_line"].as_str().unwrap_or_else(|| panic!("no line: {error:#}"));
        assert_eq!(Some(source_line), config.lines().nth(line as usize - 1));
    }
    assert_eq!(run.count("error"), expected.len(), "{:#?}", run.diagnostics);
}

#[test]
fn crate_names_and_versions_cargo_rejects_are_errors_before_anything_is_written() {
    let case = Case::new(&[("M.md", page("M", &["| **id** | str | | |"]).as_bytes())]);
    let run = run(&[
        "generate".as_ref(),
        case.pages().as_os_str(),
        "--out".as_ref(),
        case.out().as_os_str(),
        "--crate-name".as_ref(),
        "my crate!".as_ref(),
        "--crate-version".as_ref(),
        "banana".as_ref(),
    ]);
    assert_eq!(run.code, 2, "{:#?}", run.diagnostics);
    let name = run.with("config", "the crate name `my crate!` is not one cargo accepts: ` ` is not allowed in it");
    assert!(name["help"].as_str().unwrap().contains("letters, digits, `-` and `_`"));
    let version = run.with("config", "the crate version `banana` is not a semver version");
    assert!(version["file"].is_null(), "a flag has no place in a file: {version:#}");
    assert_eq!(run.count("error"), 2);
    assert!(!case.out().exists());

    // The same values from the config are located there; a flag given too wins.
    let (run, file) = generate_with_config(&case, "[crate]\nname = \"fn\"\nversion = \"1.0\"\n", &["--crate-name", "models"]);
    assert_failed_without_writing(&case, &run);
    assert_eq!(run.count("error"), 1, "{:#?}", run.diagnostics);
    assert_at(run.with("config", "the crate version `1.0` is not a semver version"), &file, 3, 11);

    // A bad flag over a good config value is the flag's error, not the config line's.
    let (run, _) = generate_with_config(&case, "[crate]\nname = \"models\"\n", &["--crate-name", "2fast"]);
    assert_eq!(run.code, 2);
    let error = run.with("config", "the crate name `2fast` is not one cargo accepts: it starts with a digit");
    assert!(error["file"].is_null(), "{error:#}");
    assert!(!case.out().exists());
}

#[test]
fn a_reference_to_a_page_that_failed_to_parse_is_not_a_missing_page() {
    let case = Case::new(&[
        ("Call.md", page("Call", &["| **id** | str | | |", "| **wrapup** | [**Wrapup**](Wrapup.md) | | [optional] |"]).as_bytes()),
        ("Wrapup.md", page("Wrapup", &["| **code** | list[str | | |"]).as_bytes()),
    ]);
    let run = case.generate();
    assert_failed_without_writing(&case, &run);
    assert!(
        !run.diagnostics.iter().any(|d| d["message"].as_str().unwrap().contains("has no page")),
        "a page that failed is not missing: {:#?}",
        run.diagnostics
    );
    let failed = run.with("unresolved-reference", "model `Wrapup` failed to parse");
    assert_at(failed, &case.file("Wrapup.md"), 1, 1);
    assert_eq!(failed["source_line"], "# Wrapup");
    assert!(failed["message"].as_str().unwrap().contains(&format!("the first at {}:{}:19", case.file("Call.md"), FIRST_ROW + 1)));
    assert_eq!(run.diagnostics.len(), 2, "the type error and that, once: {:#?}", run.diagnostics);
}

#[test]
fn every_diagnostic_shows_its_line_and_a_caret_on_the_type_cell() {
    let case = Case::new(&[("D.md", page("D", &["| **ref** | list[[Missing](Missing.md)] | | [optional] |"]).as_bytes())]);
    let run = case.generate();
    assert_eq!(run.code, 0, "{:#?}", run.diagnostics);
    let warning = run.with("unresolved-reference", "`Missing` has no page");
    // `| **ref** | list[[`: the name starts at column 19.
    assert_at(warning, &case.file("D.md"), FIRST_ROW, 19);
    assert_eq!(warning["source_line"], "| **ref** | list[[Missing](Missing.md)] | | [optional] |");
    assert_eq!(warning["caret"], 19);
    let rendered = warning["rendered"].as_str().unwrap();
    let lines: Vec<&str> = rendered.lines().collect();
    let code = lines.iter().position(|l| l.starts_with("9 | ")).expect(rendered);
    assert_eq!(lines[code], "9 | | **ref** | list[[Missing](Missing.md)] | | [optional] |");
    assert_eq!(lines[code + 1].find('^'), Some("9 | ".len() + 18), "{rendered}");
}
