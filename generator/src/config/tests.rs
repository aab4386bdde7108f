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
    assert_eq!(options.validate(), []);
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

/// Every error of a config text: its shape (merge) and its values (validate).
fn errors(text: &str) -> Vec<Diagnostic> {
    let mut options = Options::default();
    let mut errors = options.merge_toml("m.toml", text).err().unwrap_or_default();
    errors.extend(options.validate());
    errors
}

/// The one error of a config text: its message and `(line, column)`.
#[track_caller]
fn error(text: &str) -> (String, (u32, u32)) {
    let errors = errors(text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let at = errors[0].location.as_ref().expect("located");
    assert_eq!(at.file, "m.toml");
    (errors[0].message.clone(), (at.line, at.column))
}

#[test]
fn unknown_keys_are_errors_at_the_key_with_the_nearest_one() {
    let (message, at) = error("[output]\nmap = \"btree\"\nkeep_unknown = true\n");
    assert_eq!(message, "unknown key `keep_unknown` in [output]; did you mean `keep-unknown-fields`?");
    assert_eq!(at, (3, 1));
    let (message, at) = error("[output]\nderive = [\"Eq\"]\n");
    assert_eq!(message, "unknown key `derive` in [output]; did you mean `derives`?");
    assert_eq!(at, (2, 1));
    let (message, _) = error("[wirenames]\n");
    assert_eq!(message, "unknown key `wirenames`; did you mean `wire-names`?");
    let (message, at) = error("[models.User]\n  colour = 1\n");
    assert_eq!(message, "unknown key `colour` in [models.\"User\"]");
    assert_eq!(at, (2, 3));
}

#[test]
fn every_error_of_a_file_is_reported_in_one_run_each_where_it_is() {
    let text = "[output]\nderive = [\"Eq\"]\ndatetime = \"time\"\nserde = \"derive\"\nattributes = [\"#[a]\", \"non_exhaustive\"]\n\
                derives = [\"Eq\", \"Hash<\"]\nmap = \"btre\"\n\n[types]\n\"A.b\" = \"not a type!\"\n[crate]\nname = \"my crate!\"\nversion = \"banana\"\n";
    let mut found: Vec<(String, u32, u32)> = errors(text)
        .into_iter()
        .map(|d| {
            let at = d.location.unwrap();
            (d.message, at.line, at.column)
        })
        .collect();
    found.sort_by_key(|(_, line, column)| (*line, *column));
    let expected = [
        ("unknown key `derive` in [output]; did you mean `derives`?", 2, 1),
        ("`non_exhaustive` is not an outer attribute", 5, 23),
        ("`Hash<` is not a derive path", 6, 18),
        ("`map` cannot be `btre`; did you mean `btree`?", 7, 7),
        ("`not a type!` (the type for `A.b`) is not a Rust type", 10, 1),
        ("the crate name `my crate!` is not one cargo accepts: ` ` is not allowed in it", 12, 8),
        ("the crate version `banana` is not a semver version", 13, 11),
    ];
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for ((message, line, column), (part, want_line, want_column)) in found.iter().zip(expected) {
        assert!(message.starts_with(part), "{message:?} does not start with {part:?}");
        assert_eq!((*line, *column), (want_line, want_column), "{message}");
    }
}

#[test]
fn bad_values_are_errors() {
    assert!(error("[output]\ndatetime = \"jiff\"\n").0.contains("jiff"));
    assert_eq!(error("[output]\nenums = \"no\"\n").0, "`enums` must be `true` or `false`, not string");
    assert!(error("[wire-names]\nModel = \"x\"\n").0.contains("write `Model.field`"));
    assert!(error("[models]\n\"A.b\" = {}\n").0.contains("put field settings under [fields]"));
    assert!(error("[crate]\ndependencies = { \"2x\" = \"1\" }\n").0.contains("dependency name `2x`"));
    let (message, at) = error("[output]\nderives = [\"Eq\", 3]\n");
    assert_eq!((message.as_str(), at), ("`derives` must be an array of strings, and this is integer", (2, 18)));
    let (message, at) = error("[input]\nexclude = [\"*.md\", \"a[b\"]\n");
    assert!(message.starts_with("`a[b` (in `exclude`) is not a glob: unclosed character class"), "{message}");
    assert_eq!(at, (2, 20));
    let (message, at) = error("a = [\n");
    assert!(message.starts_with("invalid config:"), "{message}");
    assert_eq!(at.0, 2);
}

#[test]
fn crate_names_follow_cargos_rule_and_versions_semver() {
    for good in ["generated", "genesys-models", "_private", "a1", "größe"] {
        assert_eq!(check_crate_name(good), Ok(()), "{good}");
    }
    for (bad, reason) in [
        ("", "it is empty"),
        ("my crate!", "` ` is not allowed in it"),
        ("2fast", "it starts with a digit"),
        ("-x", "it starts with `-`"),
        ("a.b", "`.` is not allowed in it"),
        ("fn", "it is a Rust keyword"),
        ("self", "it is a Rust keyword"),
        ("_", "it is a Rust keyword"),
    ] {
        assert_eq!(check_crate_name(bad), Err(reason.to_string()), "{bad}");
    }
    let mut options = Options {
        crate_version: "1.0".to_string(),
        ..Options::default()
    };
    assert!(options.validate()[0].message.starts_with("the crate version `1.0` is not a semver version"));
    options.crate_version = "257.1.0-beta.1+build".to_string();
    assert!(options.validate().is_empty());
}

#[test]
fn options_set_without_a_file_are_validated_the_same_and_unlocated() {
    let mut options = Options {
        crate_name: "my crate!".to_string(),
        derives: vec!["Hash<".to_string()],
        attributes: vec!["non_exhaustive".to_string()],
        datetime: DateTimeBackend::Time,
        serde_impls: SerdeImpls::Derive,
        ..Options::default()
    };
    options.settings_mut(Selector::field("A", "b")).rust_type = Some("not a type!".to_string());
    options.settings_mut(Selector::model("A")).derives = vec!["#[derive(Eq)]".to_string()];
    let errors = options.validate();
    assert_eq!(errors.len(), 5, "{errors:#?}");
    assert!(errors.iter().all(|d| d.location.is_none() && d.help.is_some()));
    assert!(Options::default().validate().is_empty());
}

#[test]
fn selectors_split_at_the_first_dot() {
    assert_eq!(Selector::parse("User"), Selector::model("User"));
    assert_eq!(Selector::parse("User.id"), Selector::field("User", "id"));
    assert_eq!(Selector::field("A", "b").to_string(), "A.b");
}

#[test]
fn the_time_backend_works_with_either_serde_mode() {
    let mut options = Options::default();
    options.merge_toml("m.toml", "[output]\ndatetime = \"time\"\n").unwrap();
    assert_eq!(options.datetime, DateTimeBackend::Time);
    assert_eq!(options.serde_impls, SerdeImpls::Derive, "the derive is the default");
    for serde in ["derive", "lean"] {
        let errors = errors(&format!("[output]\ndatetime = \"time\"\nserde = \"{serde}\"\n"));
        assert!(errors.is_empty(), "{serde}: {errors:?}");
    }
}

#[test]
fn the_readme_example_is_a_valid_config() {
    let readme = include_str!("../../../README.md");
    let start = readme.find("```toml\n").expect("README has a TOML example") + "```toml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let mut options = Options::default();
    options.merge_toml("README.md", &readme[start..end]).unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(options.validate(), []);
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
fn roots_are_read_with_their_locations() {
    let mut options = Options::default();
    options.merge_toml("m.toml", "[input]\nroots = [\"Participant\",\n  \"Call\"]\n").unwrap();
    let names: Vec<&str> = options.roots.iter().map(|root| root.name.as_str()).collect();
    assert_eq!(names, ["Participant", "Call"]);
    let call = options.roots[1].location.as_ref().unwrap();
    assert_eq!((call.line, call.column), (3, 3));
}

#[test]
fn crate_metadata_is_read_and_what_crates_io_rejects_is_located() {
    let mut options = Options::default();
    options
        .merge_toml(
            "m.toml",
            "[crate]\ndescription = \"Genesys models\"\nlicense = \"MIT\"\nrepository = \"https://example.com/r\"\nkeywords = [\"genesys\", \"api\"]\n",
        )
        .unwrap();
    assert_eq!(options.metadata.description.as_deref(), Some("Genesys models"));
    assert_eq!(options.metadata.license.as_deref(), Some("MIT"));
    assert_eq!(options.metadata.keywords, ["genesys", "api"]);
    assert_eq!(options.metadata.documentation, None);

    assert_eq!(options.validate(), []);

    // The values are checked by `validate`, every problem at its value.
    let mut options = Options::default();
    options
        .merge_toml(
            "m.toml",
            "[crate]\nname = \"x\"\nkeywords = [\"ok\", \"not ok\"]\nrepository = \"github.com/x\"\ndescription = \" \"\n",
        )
        .unwrap();
    let errors = options.validate();
    let found: Vec<(&str, u32, u32)> = errors
        .iter()
        .map(|error| {
            let at = error.location.as_ref().unwrap();
            (error.message.as_str(), at.line, at.column)
        })
        .collect();
    assert_eq!(
        found,
        [
            ("the crate keyword `not ok` is not one crates.io accepts", 3, 19),
            ("the crate repository `github.com/x` is not an http(s) URL", 4, 14),
            ("the crate description is empty", 5, 15),
        ]
    );

    // Set by the builder: the same checks, without a location.
    let mut options = Options::default();
    options.metadata.keywords = (1..=6).map(|n| format!("k{n}")).collect();
    let errors = options.validate();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].message, "6 crate keywords given; crates.io allows at most 5");
    assert_eq!(errors[0].location, None);
}

#[test]
fn the_language_and_wire_case_are_validated_where_they_enter() {
    let mut options = Options::default();
    options
        .merge_toml("m.toml", "[input]\nlanguage = \"swift\"\nwire-case = \"snake_case\"\n[input.languages]\n\"net/*.md\" = \"csharp\"\n")
        .unwrap();
    assert_eq!(options.language, Some(Language::Swift));
    assert_eq!(options.wire_case, Some(WireCase::Snake));
    assert_eq!(options.languages, [("net/*.md".to_string(), Language::CSharp)]);

    let (message, at) = error("[input]\nlanguage = \"cobol\"\n");
    assert!(message.contains("`cobol` is not a language") && message.contains("swift"), "{message}");
    assert_eq!(at, (2, 12));
    let (message, _) = error("[input]\nwire-case = \"snake\"\n");
    assert!(message.contains("\"snake_case\""), "{message}");
    let (message, _) = error("[input.languages]\n\"a/*.md\" = \"klingon\"\n");
    assert!(message.contains("`klingon`"), "{message}");
    let (message, _) = error("[input.languages]\n\"a/[*.md\" = \"swift\"\n");
    assert!(message.contains("is not a glob"), "{message}");
}

#[test]
fn max_struct_size_out_of_range_is_located() {
    for value in ["0", "255", "-1", "4294967296"] {
        let (message, at) = error(&format!("[output]\nenums = true\nmax-struct-size = {value}\n"));
        assert!(message.contains(&format!("`max-struct-size = {value}` is out of range")), "{message}");
        assert_eq!(at, (3, 19), "{value}");
    }
    let mut options = Options::default();
    options.merge_toml("mdmodels.toml", "[output]\nmax-struct-size = 256\n").unwrap();
    assert_eq!(options.max_struct_size, 256);
    assert_eq!(options.validate(), []);
}
