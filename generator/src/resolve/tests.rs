use super::*;
use crate::diagnostics::Severity;
use crate::config::Selector;
use crate::parse::{parse_page, PageOutcome};
use crate::schema::{FieldType, TypeRef};

/// A model page with one row per `(name, type, notes)`.
fn page(name: &str, rows: &[(&str, &str, &str)]) -> PageModel {
    let mut text = format!("# {name}\n\n## Properties\n\n|Name | Type | Description | Notes|\n|--|--|--|--|\n");
    for (field, ty, notes) in rows {
        text.push_str(&format!("| **{field}** | {ty} | | {notes} |\n"));
    }
    let file = format!("{name}.md");
    match parse_page(&file, &file, &text).outcome {
        PageOutcome::Model(model) => model,
        other => panic!("{other:?}"),
    }
}

fn resolve_all(models: Vec<PageModel>) -> (Schema, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let schema = resolve(models, &[], &Options::default(), &mut diagnostics);
    (schema, diagnostics)
}

fn model<'a>(schema: &'a Schema, name: &str) -> &'a Model {
    schema.models.iter().find(|m| m.name == name).unwrap()
}

fn boxed(schema: &Schema) -> Vec<String> {
    schema
        .models
        .iter()
        .flat_map(|m| m.fields.iter().filter(|f| f.boxed).map(move |f| format!("{}.{}", m.name, f.doc_name)))
        .collect()
}

#[test]
fn wire_and_rust_names() {
    let (schema, diagnostics) = resolve_all(vec![page(
        "Thing",
        &[("social_media_id", "str", ""), ("type", "str", ""), ("pcSelf", "str", ""), ("id", "str", "")],
    )]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let names: Vec<(&str, &str)> = model(&schema, "Thing")
        .fields
        .iter()
        .map(|f| (f.rust_name.as_str(), f.wire_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [("social_media_id", "socialMediaId"), ("type_", "type"), ("self_", "self"), ("id", "id")]
    );
}

#[test]
fn wire_name_overrides_win() {
    let mut options = Options::default();
    options.settings_mut(Selector::field("ADFS", "slo_uri")).wire_name = Some("sloURI".to_string());
    let mut diagnostics = Vec::new();
    let schema = resolve(vec![page("ADFS", &[("slo_uri", "str", ""), ("other_uri", "str", "")])], &[], &options, &mut diagnostics);
    let fields = &schema.models[0].fields;
    assert_eq!(fields[0].wire_name, "sloURI");
    assert_eq!(fields[1].wire_name, "otherUri");
}

#[test]
fn self_references_are_boxed_but_collections_are_not() {
    let (schema, _) = resolve_all(vec![page(
        "ErrorDetails",
        &[("nested", "ErrorDetails", "[optional]"), ("children", "list[ErrorDetails]", "[optional]"), ("by_key", "dict(str, ErrorDetails)", "[optional]")],
    )]);
    assert_eq!(boxed(&schema), ["ErrorDetails.nested"]);
}

#[test]
fn a_cycle_is_broken_once() {
    let (schema, _) = resolve_all(vec![
        page("User", &[("out_of_office", "OutOfOffice", "[optional]"), ("manager", "User", "[optional]")]),
        page("OutOfOffice", &[("user", "User", "[optional]"), ("also_user", "User", "[optional]")]),
        page("Leaf", &[("user", "User", "[optional]")]),
    ]);
    // The walk starts at OutOfOffice (name order): OutOfOffice -> User -> OutOfOffice.
    assert_eq!(boxed(&schema), ["User.out_of_office", "User.manager"]);
}

#[test]
fn no_box_without_a_cycle() {
    let (schema, _) = resolve_all(vec![
        page("A", &[("b", "B", ""), ("c", "C", "")]),
        page("B", &[("c", "C", "")]),
        page("C", &[("n", "int", "")]),
    ]);
    assert!(boxed(&schema).is_empty());
}

#[test]
fn missing_models_become_unresolved_with_a_warning() {
    let (schema, diagnostics) = resolve_all(vec![
        page("Call", &[("segments", "list[Segment]", "[optional]"), ("error", "ErrorBody", "[optional]")]),
        page("Chat", &[("segments", "dict(str, list[Segment])", "[optional]")]),
    ]);
    let names: Vec<&str> = schema.unresolved.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names, ["ErrorBody", "Segment"]);
    assert_eq!(schema.unresolved[1].first_reference.file, "Call.md");
    assert_eq!(diagnostics.len(), 2);
    assert!(diagnostics.iter().all(|d| d.severity == Severity::Warning && d.kind == DiagnosticKind::UnresolvedReference));
}

#[test]
fn two_pages_for_one_model_is_an_error_naming_both() {
    let mut second = page("Call", &[("id", "str", "")]);
    second.source.file = "more/Call.md".to_string();
    let (schema, diagnostics) = resolve_all(vec![page("Call", &[("id", "str", "")]), second]);
    assert_eq!(schema.models.len(), 1);
    let error = &diagnostics[0];
    assert_eq!(error.severity, Severity::Error);
    assert_eq!(error.kind, DiagnosticKind::Duplicate);
    assert!(error.message.contains("Call.md:1:1"), "{}", error.message);
    assert_eq!(error.location.as_ref().unwrap().file, "more/Call.md");
}

#[test]
fn a_field_listed_twice_is_an_error() {
    let (schema, diagnostics) = resolve_all(vec![page("M", &[("id", "str", ""), ("id", "int", "")])]);
    assert_eq!(schema.models[0].fields.len(), 1);
    assert_eq!(diagnostics[0].kind, DiagnosticKind::Duplicate);
    assert_eq!(diagnostics[0].location.as_ref().unwrap().line, 8);
}

#[test]
fn colliding_rust_names_are_told_apart() {
    let (schema, diagnostics) = resolve_all(vec![page("M", &[("url", "str", ""), ("URL", "str", ""), ("type", "str", ""), ("TYPE", "str", "")])]);
    let names: Vec<(&str, &str)> = schema.models[0]
        .fields
        .iter()
        .map(|f| (f.rust_name.as_str(), f.wire_name.as_str()))
        .collect();
    assert_eq!(names, [("url", "url"), ("url_2", "URL"), ("type_", "type"), ("type_2", "TYPE")]);
    assert_eq!(diagnostics.len(), 2);
    assert!(diagnostics.iter().all(|d| d.kind == DiagnosticKind::NameCollision && d.severity == Severity::Warning));
}

#[test]
fn two_fields_with_one_json_name_are_an_error_naming_both() {
    let (_, diagnostics) = resolve_all(vec![page("M", &[("self", "str", ""), ("pcSelf", "str", ""), ("foo_bar", "str", ""), ("fooBar", "str", "")])]);
    let errors: Vec<&str> = diagnostics.iter().filter(|d| d.is_error()).map(|d| d.message.as_str()).collect();
    assert_eq!(
        errors,
        [
            "fields `self` and `pcSelf` of model `M` both have the JSON name `self`",
            "fields `foo_bar` and `fooBar` of model `M` both have the JSON name `fooBar`",
        ]
    );
    assert!(diagnostics[0].help.as_deref().unwrap().contains("M.pcSelf"));
}

#[test]
fn colliding_type_and_module_names_are_told_apart() {
    let (schema, _) = resolve_all(vec![page("CallRecord", &[]), page("Callrecord", &[]), page("Box", &[("x", "Self", "")])]);
    let names: Vec<(&str, &str, &str)> = schema
        .models
        .iter()
        .map(|m| (m.name.as_str(), m.rust_name.as_str(), m.module_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [("Box", "Box", "box_"), ("CallRecord", "CallRecord", "call_record"), ("Callrecord", "Callrecord", "callrecord")]
    );
    assert_eq!(schema.unresolved[0].rust_name, "Self_");
    assert_eq!(schema.unresolved[0].module_name, "self_");
}

#[test]
fn default_is_derived_only_where_every_required_field_has_one() {
    let (schema, _) = resolve_all(vec![
        page("Optional", &[("a", "Required", "[optional]")]),
        page("Required", &[("b", "NoDefault", "")]),
        page("NoDefault", &[("me", "NoDefault", "")]),
        page("Plain", &[("n", "int", ""), ("s", "list[NoDefault]", "")]),
    ]);
    let derivable: Vec<(&str, bool)> = schema.models.iter().map(|m| (m.name.as_str(), m.derive_default)).collect();
    assert_eq!(
        derivable,
        [("NoDefault", false), ("Optional", true), ("Plain", true), ("Required", false)]
    );
}

#[test]
fn the_result_does_not_depend_on_input_order() {
    let pages = || vec![page("B", &[("a", "A", "")]), page("A", &[("b", "B", "[optional]")]), page("C", &[("x", "Missing", "")])];
    let (forward, _) = resolve_all(pages());
    let (backward, _) = resolve_all(pages().into_iter().rev().collect());
    assert_eq!(forward, backward);
}

#[test]
fn replaced_models_are_not_unresolved_nor_emitted() {
    let mut options = Options::default();
    options.settings_mut(Selector::model("LocalDateTime")).rust_type = Some("chrono::NaiveDateTime".into());
    options.settings_mut(Selector::model("Old")).rust_type = Some("serde_json::Value".into());
    options.settings_mut(Selector::field("Edge", "id")).rust_type = Some("uuid::Uuid".into());
    let mut diagnostics = Vec::new();
    let schema = resolve(
        vec![
            page("Edge", &[("id", "str", ""), ("at", "LocalDateTime", ""), ("old", "Old", "[optional]")]),
            page("Old", &[("x", "int", "")]),
        ],
        &[],
        &options,
        &mut diagnostics,
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert!(schema.unresolved.is_empty());
    assert_eq!(schema.models.len(), 1, "Old is replaced, not emitted");
    assert_eq!(schema.replaced["LocalDateTime"], "chrono::NaiveDateTime");
    let fields = &schema.models[0].fields;
    let configured = FieldType::Configured {
        rust_type: "uuid::Uuid".to_string(),
        written: "str".to_string(),
    };
    assert_eq!(fields[0].ty, configured, "the field's configured type, with the page's");
    let replaced = FieldType::Replaced {
        name: "LocalDateTime".to_string(),
        rust_type: "chrono::NaiveDateTime".to_string(),
    };
    assert_eq!(fields[1].ty, replaced, "a name with a configured type, page or not");
    assert!(matches!(&fields[2].ty, FieldType::Replaced { name, .. } if name == "Old"));
    assert!(!schema.models[0].derive_default, "replaced types may have no Default");
}

#[test]
fn selectors_that_match_nothing_are_errors() {
    let mut options = Options::default();
    options.settings_mut(Selector::field("Edge", "idd")).wire_name = Some("x".into());
    options.settings_mut(Selector::model("Egde")).derives = vec!["Eq".into()];
    options.settings_mut(Selector::field("Edge", "id")).wire_name = Some("ID".into());
    let mut diagnostics = Vec::new();
    resolve(vec![page("Edge", &[("id", "str", "")])], &[], &options, &mut diagnostics);
    let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "the config names `Edge.idd`: no field `idd` in model `Edge`; did you mean `id`?",
            "the config names `Egde`: no model `Egde`; did you mean `Edge`?",
        ]
    );
    assert!(diagnostics.iter().all(|d| d.is_error() && d.kind == DiagnosticKind::Config));
}

#[test]
fn a_reference_to_a_page_that_failed_is_said_once_at_that_page_not_as_a_missing_page() {
    let wrapup = "# Wrapup\n\n## Properties\n\n|Name | Type | Description | Notes|\n|--|--|--|--|\n| **code** | list[ | | |\n";
    let parsed = parse_page("Wrapup.md", "Wrapup.md", wrapup);
    let PageOutcome::Failed(Some(failed)) = parsed.outcome else { panic!("{:?}", parsed.outcome) };
    assert_eq!((failed.name.as_str(), failed.source.line), ("Wrapup", 1));
    let mut diagnostics = Vec::new();
    let calls = vec![page("Call", &[("wrapup", "[**Wrapup**](Wrapup.md)", "")]), page("Leg", &[("wrapups", "list[Wrapup]", "")])];
    let schema = resolve(calls, &[failed], &Options::default(), &mut diagnostics);
    assert!(schema.unresolved.is_empty(), "{:?}", schema.unresolved);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let said = &diagnostics[0];
    assert!(said.message.starts_with("model `Wrapup` failed to parse"), "{}", said.message);
    assert!(said.message.contains("the first at Call.md:7:19"), "{}", said.message);
    let at = said.location.as_ref().unwrap();
    assert_eq!((at.file.as_str(), at.line, at.column), ("Wrapup.md", 1, 1));
}

#[test]
fn a_root_whose_page_failed_is_not_also_said_to_be_missing() {
    let wrapup = "# Wrapup\n\n## Properties\n\n|Name | Type | Description | Notes|\n|--|--|--|--|\n| **code** | list[ | | |\n";
    let PageOutcome::Failed(Some(failed)) = parse_page("Wrapup.md", "Wrapup.md", wrapup).outcome else { panic!() };
    let mut options = Options::default();
    for name in ["Wrapup", "Cal"] {
        options.roots.push(crate::config::Root { name: name.to_string(), location: None });
    }
    let mut diagnostics = Vec::new();
    let schema = resolve(vec![page("Call", &[]), page("Leg", &[])], &[failed], &options, &mut diagnostics);
    assert!(schema.models.is_empty(), "{:?}", schema.models);
    let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages, ["the root `Cal` names no model page of the input"], "{diagnostics:#?}");
    assert!(diagnostics[0].help.as_deref().is_some_and(|help| help.contains("did you mean `Call`?")), "{diagnostics:#?}");
}

#[test]
fn a_reference_without_a_page_is_reported_at_the_name_in_the_type_cell() {
    let (_, diagnostics) = resolve_all(vec![page("Call", &[("wrapups", "list[[Wrapup](Wrapup.md)]", "")])]);
    let at = diagnostics[0].location.as_ref().unwrap();
    // `| **wrapups** | list[[Wrapup]...`: the name starts at column 23.
    assert_eq!((at.line, at.column), (7, 23), "{diagnostics:#?}");
}

#[test]
fn models_that_become_one_rust_type_are_told_apart_with_a_warning() {
    let (schema, diagnostics) = resolve_all(vec![page("CallRecord", &[]), page("call_record", &[])]);
    let names: Vec<(&str, &str, &str)> = schema
        .models
        .iter()
        .map(|m| (m.name.as_str(), m.rust_name.as_str(), m.module_name.as_str()))
        .collect();
    assert_eq!(names, [("CallRecord", "CallRecord", "call_record"), ("call_record", "CallRecord2", "call_record2")]);
    assert_eq!(
        diagnostics[0].message,
        "models `CallRecord` and `call_record` both become the Rust type `CallRecord`; this one is named `CallRecord2`"
    );
}

/// A page with a `state` field typed by the enum section it declares.
fn page_with_enum(name: &str, values: &[&str]) -> PageModel {
    let mut text = format!("# {name}\n\n## Properties\n\n|Name | Type | Description | Notes|\n|--|--|--|--|\n| **state** | [**StateEnum**](#StateEnum) | | |\n| **id** | str | | |\n\n## Enum: StateEnum\n\n| Name | Value |\n|--|--|\n");
    for value in values {
        text.push_str(&format!("| X | &quot;{value}&quot; |\n"));
    }
    let file = format!("{name}.md");
    match parse_page(&file, &file, &text).outcome {
        PageOutcome::Model(model) => model,
        other => panic!("{other:?}"),
    }
}

fn enum_page(name: &str) -> PageModel {
    let text = format!("# {name}\n\n## Enum\n\n* `A` (value: `\"a\"`)\n");
    match parse_page("E.md", "E.md", &text).outcome {
        PageOutcome::Model(model) => model,
        other => panic!("{other:?}"),
    }
}

#[test]
fn enums_are_named_after_model_and_field_and_never_take_a_model_name() {
    let (schema, diagnostics) = resolve_all(vec![
        page_with_enum("Call", &["alerting", "other", "Other", "in-progress", "in progress"]),
        page("CallState", &[("id", "str", "")]),
    ]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let call = model(&schema, "Call");
    let declared = &call.enums[0];
    assert_eq!(declared.rust_name, "CallStateEnum", "`CallState` is a model's name");
    let variants: Vec<&str> = declared.values.iter().map(|v| v.rust_name.as_str()).collect();
    assert_eq!(variants, ["Alerting", "Other", "Other2", "InProgress", "InProgress2"]);
    assert_eq!(declared.other_variant, "Unknown", "`Other` is a value");
    assert!(!call.derive_default, "a required enum has no default");
    let (schema, _) = resolve_all(vec![page_with_enum("Call", &["a"])]);
    assert_eq!(model(&schema, "Call").enums[0].rust_name, "CallState");
    assert_eq!(model(&schema, "Call").enums[0].other_variant, "Other");
}

#[test]
fn enums_turned_off_become_strings() {
    let mut options = Options::default();
    options.settings_mut(Selector::field("Call", "state")).enum_ = Some(false);
    options.settings_mut(Selector::model("Direction")).enum_ = Some(false);
    let mut diagnostics = Vec::new();
    let schema = resolve(
        vec![page_with_enum("Call", &["a"]), enum_page("Direction"), page("Leg", &[("direction", "Direction", "")])],
        &[],
        &options,
        &mut diagnostics,
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let call = model(&schema, "Call");
    assert_eq!(call.fields[0].ty, FieldType::String);
    assert!(call.enums.is_empty());
    let leg = model(&schema, "Leg");
    assert_eq!(leg.fields[0].ty, FieldType::EnumOff { name: "Direction".to_string() });
    assert!(!leg.derive_default, "an enum page turned off counts as a configured type");
    assert!(schema.replaced.is_empty(), "`replaced` holds the config's `[types]` only");
    assert!(schema.models.iter().all(|m| m.name != "Direction"));

    // `enum` on something without an enum is an error, not a silent no-op.
    let mut options = Options::default();
    options.settings_mut(Selector::field("Call", "id")).enum_ = Some(false);
    let mut diagnostics = Vec::new();
    resolve(vec![page_with_enum("Call", &["a"])], &[], &options, &mut diagnostics);
    assert!(diagnostics.iter().any(|d| d.is_error() && d.message.contains("`Call.id`, which has no enum")), "{diagnostics:?}");
}

fn resolve_with(models: Vec<PageModel>, options: &Options) -> Schema {
    let mut diagnostics = Vec::new();
    let schema = resolve(models, &[], options, &mut diagnostics);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    schema
}

/// Each estimate is what rustc gives the emitted type (these structs, written
/// by hand with the emitted field types, measured with `size_of`; rustc 1.95).
#[test]
fn size_estimates_follow_rustc_layout() {
    let options = Options::default();
    let schema = resolve_with(
        vec![
            page("Ints", &[("a", "int", ""), ("b", "int", "[optional]")]), // 8 + 16
            page("Flags", &[("a", "bool", ""), ("b", "int", "")]), // 1 + 8, padded
            page("Dates", &[("a", "date", "[optional]"), ("b", "int32", "")]), // 4 + 4
            page("Maps", &[("a", "dict(str, str)", "[optional]"), ("b", "list[str]", "[optional]")]), // 32 + 24
            page("Values", &[("a", "object", "[optional]"), ("b", "datetime", "")]), // 32 + 12, padded
            // Option<Ints> uses the spare tag values of Ints' Option<i64>; Option<Flags> bool's.
            page("Outer", &[("ints", "Ints", "[optional]"), ("flags", "Flags", "[optional]")]), // 24 + 16
            // Option<Dates>: NaiveDate's one niche is taken by its own Option.
            page("Twice", &[("dates", "Dates", "[optional]")]), // 8 + 4
        ],
        &options,
    );
    let sizes: Vec<(&str, u32)> = schema.models.iter().map(|m| (m.name.as_str(), m.size)).collect();
    assert_eq!(
        sizes,
        [("Dates", 8), ("Flags", 16), ("Ints", 24), ("Maps", 56), ("Outer", 40), ("Twice", 12), ("Values", 48)]
    );
    let hash = Options {
        map: crate::config::MapType::Hash,
        datetime: crate::config::DateTimeBackend::Time,
        ..Options::default()
    };
    let schema = resolve_with(vec![page("M", &[("a", "dict(str, str)", "[optional]"), ("b", "datetime", "[optional]")])], &hash);
    assert_eq!(model(&schema, "M").size, 48 + 16);
}

/// `n` optional string fields: `24 * n` bytes.
fn strings(name: &str, n: usize) -> PageModel {
    let rows: Vec<(String, &str, &str)> = (0..n).map(|i| (format!("f{i}"), "str", "[optional]")).collect();
    let rows: Vec<(&str, &str, &str)> = rows.iter().map(|(f, t, n)| (f.as_str(), *t, *n)).collect();
    page(name, &rows)
}

#[test]
fn the_largest_nested_models_are_boxed_until_the_struct_fits() {
    let models = || {
        vec![
            page("Top", &[("big", "Big", "[optional]"), ("mid", "Mid", ""), ("small", "Small", "[optional]"), ("items", "list[Big]", "")]),
            strings("Big", 10), // 240
            strings("Mid", 6),  // 144
            strings("Small", 2), // 48: never boxed for size
        ]
    };
    // Unbounded: nothing boxed, 240 + 144 + 48 + 24.
    let unbounded = Options {
        max_struct_size: u32::MAX,
        ..Options::default()
    };
    let schema = resolve_with(models(), &unbounded);
    assert!(boxed(&schema).is_empty());
    assert_eq!(model(&schema, "Top").size, 456);
    // 256: boxing `big` (the largest) is enough: 8 + 144 + 48 + 24.
    let options = Options {
        max_struct_size: 256,
        ..Options::default()
    };
    let schema = resolve_with(models(), &options);
    assert_eq!(boxed(&schema), ["Top.big"]);
    assert_eq!(model(&schema, "Top").size, 224);
    // Small fields stay inline even when the struct still exceeds the bound.
    let tiny = Options {
        max_struct_size: 64,
        ..Options::default()
    };
    let schema = resolve_with(models(), &tiny);
    assert_eq!(boxed(&schema), ["Top.big", "Top.mid"]);
    assert_eq!(model(&schema, "Top").size, 8 + 8 + 48 + 24);
}

#[test]
fn nested_models_are_sized_after_their_own_boxes() {
    // Inner is 20 strings (480 bytes), and holds a 240-byte model: with a
    // bound of 400 it boxes that and is 248, so Outer (Inner + 24) fits inline.
    let options = Options {
        max_struct_size: 400,
        ..Options::default()
    };
    let mut inner = strings("Inner", 10);
    inner.fields.extend(page("X", &[("child", "Child", "")]).fields);
    let schema = resolve_with(vec![page("Outer", &[("inner", "Inner", ""), ("id", "str", "")]), inner, strings("Child", 10)], &options);
    assert_eq!(boxed(&schema), ["Inner.child"]);
    assert_eq!(model(&schema, "Inner").size, 248);
    assert_eq!(model(&schema, "Outer").size, 272);
}

#[test]
fn a_cycle_boxed_field_counts_as_a_box() {
    let schema = resolve_all(vec![page("Node", &[("next", "Node", "[optional]"), ("name", "str", "")])]).0;
    assert_eq!(boxed(&schema), ["Node.next"]);
    assert_eq!(model(&schema, "Node").size, 32);
}

#[test]
fn every_reference_gets_its_target() {
    let mut options = Options::default();
    options.settings_mut(Selector::model("When")).rust_type = Some("chrono::NaiveDateTime".into());
    let mut diagnostics = Vec::new();
    let schema = resolve(
        vec![
            page("Call", &[("leg", "Leg", ""), ("legs", "list[Leg]", ""), ("extra", "dict(str, Missing)", ""), ("at", "When", "")]),
            page("Leg", &[("id", "str", "")]),
        ],
        &[],
        &options,
        &mut diagnostics,
    );
    let fields = &model(&schema, "Call").fields;
    let leg = TypeRef {
        name: "Leg".to_string(),
        rust_name: "Leg".to_string(),
        module: "leg".to_string(),
    };
    assert_eq!(fields[0].ty, FieldType::Model(leg.clone()));
    assert_eq!(fields[1].ty, FieldType::List(Box::new(FieldType::Model(leg))));
    assert_eq!(fields[1].ty.to_string(), "list[Leg]", "shown as the page writes it");
    // A name without a page: an opaque wrapper, said at the name in the Type cell.
    let missing = TypeRef {
        name: "Missing".to_string(),
        rust_name: "Missing".to_string(),
        module: "missing".to_string(),
    };
    assert_eq!(fields[2].ty, FieldType::Map(Box::new(FieldType::Opaque(missing))));
    assert_eq!(schema.unresolved[0].rust_name, "Missing");
    let [warning] = &diagnostics[..] else { panic!("{diagnostics:?}") };
    assert_eq!(warning.severity, Severity::Warning);
    assert!(warning.message.contains("`Missing` has no page"), "{}", warning.message);
    let at = warning.location.as_ref().unwrap();
    assert_eq!((at.line, at.column), (fields[2].source.line, fields[2].type_column));
    assert_eq!(at.column, 25, "at `Missing` in `| **extra** | dict(str, Missing) |`");
    // A name the config maps to a Rust type, without a page.
    assert_eq!(fields[3].ty.configured(), Some("chrono::NaiveDateTime"));
}

#[test]
fn an_inline_enum_is_an_enum_of_its_page() {
    let text = "# Call\n\n## Properties\n\n|Name | Type | Description | Notes|\n|--|--|--|--|\n| **state** | Enum [ 'alerting', 'held' ] | | |\n";
    let PageOutcome::Model(page) = parse_page("Call.md", "Call.md", text).outcome else { panic!() };
    assert_eq!(page.fields[0].ty, TypeExpr::Enum("Call.state".to_string()), "not a model named by the raw text");
    let (schema, diagnostics) = resolve_all(vec![page]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let call = model(&schema, "Call");
    let FieldType::Enum(target) = &call.fields[0].ty else { panic!("{:?}", call.fields[0].ty) };
    assert_eq!((target.rust_name.as_str(), target.module.as_str()), ("CallState", "call"));
    assert_eq!(call.enums[0].rust_name, "CallState");
    let values: Vec<&str> = call.enums[0].values.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(values, ["alerting", "held"]);
}
