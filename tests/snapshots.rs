//! Snapshot tests of generated code, driven by the folders: each folder of
//! pages `tests/snapshots/<case>/` (with its `mdmodels.toml`, if any)
//! generates exactly the Rust in `tests/snapshots/<case>.rs`, and exactly the
//! warnings and notes in `tests/snapshots/<case>.diagnostics` (no such file:
//! none). Adding a case is adding its folder and running
//! `UPDATE_SNAPSHOTS=1 cargo test --test snapshots`, which rewrites the
//! expected files after an intended change (review the diff). Every `<case>.rs`
//! is compiled under `#![deny(warnings)]` by `tests/snapshot_modules/`, and
//! `tests/snapshots_compile.rs` exercises the types.

mod common;

use std::path::{Path, PathBuf};

/// Every case folder, by name.
fn cases() -> Vec<(String, PathBuf)> {
    let dir = common::root().join("tests/snapshots");
    let mut cases: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .map(|path| (path.file_name().unwrap().to_str().unwrap().to_string(), path))
        .collect();
    cases.sort();
    cases
}

/// The diagnostics of a run, a headline each, paths relative to the case folder.
fn diagnostics_text(case_dir: &Path, diagnostics: &[mdmodels::Diagnostic]) -> String {
    let prefix = format!("{}/", case_dir.display());
    diagnostics.iter().map(|d| d.headline().replace(&prefix, "") + "\n").collect()
}

/// Compares `actual` with the file at `path` (absent: empty), or rewrites the
/// file with `UPDATE_SNAPSHOTS` (removes it when `actual` is empty and
/// `remove_if_empty`). Returns the diff when they differ.
fn compare(path: &Path, actual: &str, remove_if_empty: bool) -> Option<String> {
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        if actual.is_empty() && remove_if_empty {
            let _ = std::fs::remove_file(path);
        } else {
            std::fs::write(path, actual).unwrap();
        }
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    (actual != expected).then(|| {
        let diff = similar::TextDiff::from_lines(expected.as_str(), actual).unified_diff().header("expected", "actual").to_string();
        format!("{} is out of date (UPDATE_SNAPSHOTS=1 rewrites it):\n{diff}", path.display())
    })
}

#[test]
fn every_case_generates_its_snapshot() {
    let cases = cases();
    assert!(cases.len() >= 18, "the cases are the folders of tests/snapshots: {cases:?}");
    let mut failures = Vec::new();
    for (case, case_dir) in &cases {
        let config = case_dir.join("mdmodels.toml");
        let mut generator = mdmodels::Generator::new().input(case_dir);
        if config.is_file() {
            generator = generator.config_file(config);
        }
        let loaded = generator.load().unwrap_or_else(|failure| panic!("{case}: {failure}"));
        let rust = mdmodels::emit::module_file(&loaded.schema, &loaded.options);
        let snapshots = case_dir.parent().unwrap();
        failures.extend(compare(&snapshots.join(format!("{case}.rs")), &rust, false));
        let diagnostics = diagnostics_text(case_dir, &loaded.diagnostics);
        failures.extend(compare(&snapshots.join(format!("{case}.diagnostics")), &diagnostics, true));
        // A language's fixture pages are what the SDK's templates write: every
        // type is understood and every reference has its page.
        if case.starts_with("language_") || (case.starts_with("wire_") && case != "wire_go") {
            let problems: Vec<String> =
                loaded.diagnostics.iter().filter(|d| d.severity != mdmodels::Severity::Note).map(|d| d.headline()).collect();
            if !problems.is_empty() {
                failures.push(format!("{case}: a language's pages generate without warnings:\n{}", problems.join("\n")));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every expected file belongs to a case folder: a renamed or removed case
/// leaves no stale snapshot behind.
#[test]
fn every_snapshot_file_has_its_case() {
    let dir = common::root().join("tests/snapshots");
    let cases: Vec<String> = cases().into_iter().map(|(case, _)| case).collect();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let stem = path.file_stem().unwrap().to_str().unwrap();
            assert!(cases.iter().any(|case| case == stem), "{} has no folder tests/snapshots/{stem}/", path.display());
        }
    }
}

/// A case folder loaded as `every_case_generates_its_snapshot` loads it.
fn load(case: &str) -> mdmodels::Loaded {
    let dir = common::root().join("tests/snapshots").join(case);
    let config = dir.join("mdmodels.toml");
    let mut generator = mdmodels::Generator::new().input(&dir);
    if config.is_file() {
        generator = generator.config_file(config);
    }
    generator.load().unwrap_or_else(|failure| panic!("{failure}"))
}

/// A case of `wire_*`: the wire name of each field, and where it comes from.
fn wire_names(case: &str) -> Vec<(String, String, String)> {
    let loaded = load(case);
    let source = |field: &mdmodels::schema::Field| serde_json::to_value(field.wire_source).unwrap().as_str().unwrap().to_string();
    loaded
        .schema
        .models
        .iter()
        .flat_map(|model| model.fields.iter().map(move |field| (format!("{}.{}", model.name, field.doc_name), field.wire_name.clone(), source(field))))
        .collect()
}

fn wire_name_of<'a>(names: &'a [(String, String, String)], field: &str) -> (&'a str, &'a str) {
    let (_, wire, source) = names.iter().find(|(name, _, _)| name == field).unwrap_or_else(|| panic!("no field {field}"));
    (wire, source)
}

#[test]
fn wire_kubernetes_acronyms_come_from_the_folder() {
    let names = wire_names("wire_kubernetes");
    assert_eq!(wire_name_of(&names, "V1APIVersions.server_address_by_client_cid_rs"), ("serverAddressByClientCIDRs", "acronym"));
    assert_eq!(wire_name_of(&names, "V1PodStatus.host_ip"), ("hostIP", "description"));
    assert_eq!(wire_name_of(&names, "V1PodStatus.pod_i_ps").0, "podIPs");
    assert_eq!(wire_name_of(&names, "V1ContainerStatus.container_id"), ("containerID", "description"));
    assert_eq!(wire_name_of(&names, "V1APIServiceSpec.insecure_skip_tls_verify").0, "insecureSkipTLSVerify");
    assert_eq!(wire_name_of(&names, "V1beta1PodSecurityPolicySpec.allowed_csi_drivers").0, "allowedCSIDrivers");
    // The first word stays in small letters; words that spell no acronym are the rule's.
    assert_eq!(wire_name_of(&names, "V1APIVersions.api_version"), ("apiVersion", "rule"));
    assert_eq!(wire_name_of(&names, "V1APIServiceSpec.ca_bundle"), ("caBundle", "rule"));
}

#[test]
fn wire_swift_folder_reads_every_page_as_swift() {
    let names = wire_names("wire_swift");
    // A page of `String`s alone cannot tell Swift from Java; its folder can.
    assert_eq!(wire_name_of(&names, "AddressableEntityRef._id").0, "id");
    assert_eq!(wire_name_of(&names, "CallbackBasic._id").0, "id");
}

#[test]
fn wire_csharp_property_named_like_its_class() {
    let names = wire_names("wire_csharp");
    assert_eq!(wire_name_of(&names, "AgentAction._AgentAction").0, "agentAction");
    assert_eq!(wire_name_of(&names, "AgentAction.SelfUri").0, "selfUri");
}

#[test]
fn wire_go_case_from_quoted_keys() {
    let diagnostics = load("wire_go").diagnostics;
    assert!(
        diagnostics.iter().any(|d| d.severity == mdmodels::Severity::Note && d.message.contains("snake_case")),
        "the learnt case is said: {diagnostics:?}"
    );
    let names = wire_names("wire_go");
    assert_eq!(wire_name_of(&names, "DeviceAuthorization.UserCode"), ("user_code", "description"));
    assert_eq!(wire_name_of(&names, "DeviceAuthorization.VerificationUriComplete"), ("verification_uri_complete", "quoted-case"));
    assert_eq!(wire_name_of(&names, "OAuth2TokenExchange.AccessToken"), ("access_token", "quoted-case"));
}

#[test]
fn config_trusts_configured_types_for_derives() {
    let diagnostics = load("config").diagnostics;
    // `derives = ["Eq"]` holds for the models holding configured types: a note says they are trusted.
    let [note] = diagnostics.as_slice() else { panic!("LocalDateTime is mapped: {diagnostics:?}") };
    assert_eq!((note.severity, note.kind), (mdmodels::Severity::Note, mdmodels::DiagnosticKind::Derive), "{note:?}");
    assert!(note.message.contains("`::std::string::String`"), "{}", note.message);
}

#[test]
fn wire_case_from_the_config() {
    let names = wire_names("wire_case");
    assert_eq!(wire_name_of(&names, "Order.createdAt"), ("created_at", "wire-case"));
    assert_eq!(wire_name_of(&names, "Order.lineItems"), ("line_items", "wire-case"));
    assert_eq!(wire_name_of(&names, "LineItem.priceId"), ("price", "config"), "overrides win");
}

#[test]
fn big_structs_box_their_largest_nested_model() {
    let loaded = load("big_structs");
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let report = loaded.schema.models.iter().find(|m| m.name == "Report").unwrap();
    let boxed: Vec<&str> = report.fields.iter().filter(|f| f.boxed).map(|f| f.doc_name.as_str()).collect();
    assert_eq!(boxed, ["summary"], "only the largest nested model is boxed");
    assert_eq!(report.size, 224, "the size snapshots_compile.rs measures");
}

#[test]
fn derives_are_skipped_where_the_types_cannot_have_them() {
    let diagnostics = load("derives").diagnostics;
    let kinds: Vec<(mdmodels::Severity, mdmodels::DiagnosticKind)> = diagnostics.iter().map(|d| (d.severity, d.kind)).collect();
    assert_eq!(
        kinds,
        [
            (mdmodels::Severity::Warning, mdmodels::DiagnosticKind::Derive),
            (mdmodels::Severity::Warning, mdmodels::DiagnosticKind::UnresolvedReference),
            (mdmodels::Severity::Note, mdmodels::DiagnosticKind::Derive),
        ],
        "{diagnostics:#?}"
    );
    let skipped = &diagnostics[0];
    let location = skipped.location.as_ref().unwrap();
    assert!(location.file.ends_with("Canvas.md") && location.line == 10, "the first example's field: {skipped:?}");
    // Examples blocked by a field's own type first (Canvas' Eq, blocked by
    // Point's, comes after them).
    assert_eq!(
        skipped.message,
        "configured derives not applied where the types cannot have them: `Eq` on 2 types, `Hash` on 2 types, \
         `PartialOrd` on 3 types, `Ord` on 4 types, `Default` on 4 types; for example `Default` on `Canvas` (field \
         `shape`: `Shape` is an enum, which has no default value), `PartialOrd` on `Note` (field `extra`: \
         `serde_json::Value` has no `PartialOrd`), `Eq` on `Point` (field `x`: `f64` has no `Eq`), ..."
    );
    assert!(diagnostics[2].message.contains("`::std::string::String`"), "{:?}", diagnostics[2]);
}
