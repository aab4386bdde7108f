use super::*;

const FULL: &str = r##"
[crate]
name = "genesys-models"
version = "257.1.0"
dependencies = { uuid = { version = "1", features = ["serde"] } }

[input]
include = ["*.md"]
exclude = ["*Api.md", "index.md"]

[output]
datetime = "string"
map = "hash"
keep-unknown-fields = true
derives = ["Eq"]
attributes = ["#[non_exhaustive]"]

[wire-names]
"ADFS.slo_uri" = "sloURI"

[types]
LocalDateTime = "chrono::NaiveDateTime"
"User.id" = "uuid::Uuid"

[models.User]
derives = ["Hash"]
attributes = ['#[doc(alias = "person")]']

[fields."User.name"]
attributes = ['#[doc(alias = "full_name")]']
"##;

#[test]
fn a_full_config_file() {
    let mut options = Options::default();
    options.merge_toml("mdmodels.toml", FULL).unwrap();
    assert_eq!(options.crate_name, "genesys-models");
    assert_eq!(options.crate_version, "257.1.0");
    assert_eq!(options.dependencies["uuid"], r#"{ features = ["serde"], version = "1" }"#);
    assert_eq!(options.include, ["*.md"]);
    assert_eq!(options.exclude, ["*Api.md", "index.md"]);
    assert_eq!(options.datetime, DateTimeBackend::String);
    assert_eq!(options.map, MapType::Hash);
    assert!(options.keep_unknown_fields);
    assert_eq!(options.derives, ["Eq"]);
    assert_eq!(options.attributes, ["#[non_exhaustive]"]);
    assert_eq!(options.wire_name_override("ADFS", "slo_uri"), Some("sloURI"));
    let local = options.settings(&Selector::model("LocalDateTime")).unwrap();
    assert_eq!(local.rust_type.as_deref(), Some("chrono::NaiveDateTime"));
    assert_eq!(local.location.as_ref().unwrap().line, 22, "the line of `LocalDateTime = ...`");
    let user = options.settings(&Selector::model("User")).unwrap();
    assert_eq!(user.derives, ["Hash"]);
    assert_eq!(
        options.settings(&Selector::field("User", "name")).unwrap().attributes,
        [r#"#[doc(alias = "full_name")]"#]
    );
}

#[test]
fn unknown_keys_are_errors_naming_the_key() {
    let error = Options::default()
        .merge_toml("mdmodels.toml", "[output]\nmap = \"btree\"\nkeep_unknown = true\n")
        .unwrap_err();
    assert!(error.message.contains("unknown field `keep_unknown`"), "{}", error.message);
    let at = error.location.unwrap();
    assert_eq!((at.file.as_str(), at.line, at.column), ("mdmodels.toml", 3, 1));

    let error = Options::default().merge_toml("m.toml", "[wirenames]\n").unwrap_err();
    assert!(error.message.contains("unknown field `wirenames`"), "{}", error.message);
}

#[test]
fn bad_values_are_errors() {
    let error = Options::default().merge_toml("m.toml", "[output]\ndatetime = \"jiff\"\n").unwrap_err();
    assert!(error.message.contains("jiff"), "{}", error.message);
    let error = Options::default().merge_toml("m.toml", "[types]\n\"A.b\" = \"not a type!\"\n").unwrap_err();
    assert!(error.message.contains("is not a Rust type"), "{}", error.message);
    let error = Options::default().merge_toml("m.toml", "[wire-names]\nModel = \"x\"\n").unwrap_err();
    assert!(error.message.contains("write `Model.field`"), "{}", error.message);
    let error = Options::default().merge_toml("m.toml", "[output]\nattributes = [\"non_exhaustive\"]\n").unwrap_err();
    assert!(error.message.contains("not an outer attribute"), "{}", error.message);
}

#[test]
fn selectors_split_at_the_first_dot() {
    assert_eq!(Selector::parse("User"), Selector::model("User"));
    assert_eq!(Selector::parse("User.id"), Selector::field("User", "id"));
    assert_eq!(Selector::field("A", "b").to_string(), "A.b");
}

#[test]
fn the_time_backend_needs_lean_impls() {
    let mut options = Options::default();
    options.merge_toml("m.toml", "[output]\ndatetime = \"time\"\n").unwrap();
    assert_eq!(options.datetime, DateTimeBackend::Time);
    let error = Options::default()
        .merge_toml("m.toml", "[output]\ndatetime = \"time\"\nserde = \"derive\"\n")
        .unwrap_err();
    assert!(error.message.contains("needs `serde = \"lean\"`"), "{}", error.message);
}

#[test]
fn the_readme_example_is_a_valid_config() {
    let readme = include_str!("../../../README.md");
    let start = readme.find("```toml\n").expect("README has a TOML example") + "```toml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let mut options = Options::default();
    options.merge_toml("README.md", &readme[start..end]).unwrap_or_else(|d| panic!("{d:?}"));
    assert!(options.enums, "the example keeps enums on");
    assert!(!options.enum_enabled(&Selector::field("Call", "state")));
    assert!(!options.enum_enabled(&Selector::model("CallDirection")));
    assert!(options.enum_enabled(&Selector::field("Call", "direction")));
}

#[test]
fn enums_can_be_turned_off_globally() {
    let mut options = Options::default();
    options.merge_toml("m.toml", "[output]\nenums = false\n[fields.\"Call.state\"]\nenum = true\n").unwrap();
    assert!(!options.enum_enabled(&Selector::model("CallDirection")));
    assert!(options.enum_enabled(&Selector::field("Call", "state")), "a field setting wins over the global one");
}

#[test]
fn max_struct_size_out_of_range_is_located() {
    for value in ["0", "255", "-1", "4294967296"] {
        let text = format!("[output]\nenums = true\nmax-struct-size = {value}\n");
        let mut options = Options::default();
        let error = options.merge_toml("mdmodels.toml", &text).unwrap_err();
        assert!(error.message.contains(&format!("`max-struct-size = {value}` is out of range")), "{}", error.message);
        let location = error.location.unwrap();
        assert_eq!((location.line, location.column), (3, 19), "{value}");
        assert_eq!(options.max_struct_size, DEFAULT_MAX_STRUCT_SIZE, "left as it was");
    }
    let mut options = Options::default();
    options.merge_toml("mdmodels.toml", "[output]\nmax-struct-size = 256\n").unwrap();
    assert_eq!(options.max_struct_size, 256);
}
