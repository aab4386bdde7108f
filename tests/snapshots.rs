//! Snapshot tests of generated code: each folder of pages in
//! `tests/snapshots/` generates exactly the Rust in the `.rs` file beside it.
//! `UPDATE_SNAPSHOTS=1 cargo test --test snapshots` rewrites the files after
//! an intended change (review the diff); `tests/snapshots_compile.rs`
//! compiles them under `#![deny(warnings)]` and exercises the types.

mod common;

fn check_snapshot(case: &str) -> Vec<mdmodels::Diagnostic> {
    let dir = common::root().join("tests/snapshots");
    let config = dir.join(case).join("mdmodels.toml");
    let mut generator = mdmodels::Generator::new().input(dir.join(case));
    if config.is_file() {
        generator = generator.config_file(config);
    }
    let loaded = generator
        .load()
        .unwrap_or_else(|failure| panic!("{failure}"));
    let actual = mdmodels::emit::module_file(&loaded.schema, &loaded.options);
    let path = dir.join(format!("{case}.rs"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if actual != expected {
        let diff = similar::TextDiff::from_lines(&expected, &actual)
            .unified_diff()
            .header("expected", "actual")
            .to_string();
        panic!("{} is out of date (UPDATE_SNAPSHOTS=1 rewrites it):\n{diff}", path.display());
    }
    loaded.diagnostics
}

#[test]
fn page_variants() {
    let diagnostics = check_snapshot("page_variants");
    assert_eq!(diagnostics.len(), 1, "only ErrorBody has no page: {diagnostics:?}");
}

#[test]
fn names() {
    let diagnostics = check_snapshot("names");
    let collisions: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.kind == mdmodels::DiagnosticKind::NameCollision)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(collisions.len(), 1, "{collisions:?}");
}

#[test]
fn prelude_names() {
    let diagnostics = check_snapshot("prelude_names");
    let mut unresolved: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.kind == mdmodels::DiagnosticKind::UnresolvedReference)
        .map(|d| d.message.split('`').nth(1).unwrap_or_default())
        .collect();
    unresolved.sort();
    assert_eq!(unresolved, ["Err", "Ok", "Sized"], "{diagnostics:?}");
}

#[test]
fn cycles() {
    check_snapshot("cycles");
}

#[test]
fn types_and_docs() {
    check_snapshot("types_and_docs");
}

#[test]
fn config() {
    let diagnostics = check_snapshot("config");
    assert!(diagnostics.is_empty(), "LocalDateTime is mapped: {diagnostics:?}");
}

#[test]
fn time_backend() {
    let diagnostics = check_snapshot("time_backend");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn derive_mode() {
    let diagnostics = check_snapshot("derive_mode");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

/// A flavor's pages generate with no warning: every type is understood and
/// every reference has its page.
fn check_flavor(case: &str) {
    let diagnostics = check_snapshot(case);
    let problems: Vec<&mdmodels::Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity != mdmodels::Severity::Note)
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn flavor_python() {
    check_flavor("flavor_python");
}

#[test]
fn flavor_pydantic() {
    check_flavor("flavor_pydantic");
}

#[test]
fn flavor_java() {
    check_flavor("flavor_java");
}

#[test]
fn flavor_kotlin() {
    check_flavor("flavor_kotlin");
}

#[test]
fn flavor_csharp() {
    check_flavor("flavor_csharp");
}

#[test]
fn flavor_swift() {
    check_flavor("flavor_swift");
}

#[test]
fn flavor_go() {
    check_flavor("flavor_go");
}

#[test]
fn flavor_typescript() {
    check_flavor("flavor_typescript");
}

#[test]
fn flavor_ruby() {
    check_flavor("flavor_ruby");
}

#[test]
fn flavor_php() {
    check_flavor("flavor_php");
}

/// A case of `wire_*`: the wire name of each field, and where it comes from.
fn wire_names(case: &str) -> Vec<(String, String, String)> {
    let dir = common::root().join("tests/snapshots").join(case);
    let config = dir.join("mdmodels.toml");
    let mut generator = mdmodels::Generator::new().input(&dir);
    if config.is_file() {
        generator = generator.config_file(config);
    }
    let loaded = generator.load().unwrap_or_else(|failure| panic!("{failure}"));
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
    check_flavor("wire_kubernetes");
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
    check_flavor("wire_swift");
    let names = wire_names("wire_swift");
    // A page of `String`s alone cannot tell Swift from Java; its folder can.
    assert_eq!(wire_name_of(&names, "AddressableEntityRef._id").0, "id");
    assert_eq!(wire_name_of(&names, "CallbackBasic._id").0, "id");
}

#[test]
fn wire_csharp_property_named_like_its_class() {
    check_flavor("wire_csharp");
    let names = wire_names("wire_csharp");
    assert_eq!(wire_name_of(&names, "AgentAction._AgentAction").0, "agentAction");
    assert_eq!(wire_name_of(&names, "AgentAction.SelfUri").0, "selfUri");
}

#[test]
fn wire_php_link_brackets_are_no_list() {
    check_flavor("wire_php");
}

#[test]
fn wire_go_case_from_quoted_keys() {
    let diagnostics = check_snapshot("wire_go");
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
fn wire_case_from_the_config() {
    check_flavor("wire_case");
    let names = wire_names("wire_case");
    assert_eq!(wire_name_of(&names, "Order.createdAt"), ("created_at", "wire-case"));
    assert_eq!(wire_name_of(&names, "Order.lineItems"), ("line_items", "wire-case"));
    assert_eq!(wire_name_of(&names, "LineItem.priceId"), ("price", "config"), "overrides win");
}
