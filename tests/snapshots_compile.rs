//! The snapshot files of `tests/snapshots/` compiled as modules, under
//! `deny(warnings)`, and their types used: what the generator emits must
//! compile, even for models named `Box`, `Option`, `String` and `Vec`.

#![deny(warnings)]

#[path = "snapshots/page_variants.rs"]
mod page_variants;

#[path = "snapshots/names.rs"]
mod names;

#[path = "snapshots/cycles.rs"]
mod cycles;

#[path = "snapshots/prelude_names.rs"]
mod prelude_names;

#[path = "snapshots/types_and_docs.rs"]
mod types_and_docs;

#[path = "snapshots/config.rs"]
mod config;

#[path = "snapshots/time_backend.rs"]
mod time_backend;

#[path = "snapshots/derive_mode.rs"]
mod derive_mode;

use serde_json::{json, Value};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(payload: Value) -> Value {
    let typed: T = serde_json::from_value(payload).unwrap();
    serde_json::to_value(typed).unwrap()
}

#[test]
fn page_variants_round_trip() {
    let call = json!({
        "state": "connected",
        "segments": [{"callbackNumbers": ["+1317"], "startHoldTime": "2024-01-02T03:04:05.678Z", "chat": {"id": "c1", "roomId": "r"}}],
        "errorInfo": {"anything": true}
    });
    assert_eq!(round_trip::<page_variants::Call>(call.clone()), call);
    let chat: page_variants::Chat = serde_json::from_value(json!({"id": "c1"})).unwrap();
    assert_eq!(chat.room_id, None);
    // `id` is required in Chat.
    assert!(serde_json::from_value::<page_variants::Chat>(json!({"roomId": "r"})).is_err());
}

#[test]
fn models_named_like_std_types_work() {
    let payload = json!({
        "option": {"value": "v", "count": 1},
        "strings": [{"value": "s"}],
        "vec": {"count": 2},
        "plain": "p"
    });
    assert_eq!(round_trip::<names::Box>(payload.clone()), payload);
    let keywords = json!({"type": "t", "self": "s", "from": "f", "fooBar": "x", "url": "u", "URL": "U", "org-id": "o", "2ndLine": "l", "match": "m", "ref": "r", "crate": "c"});
    assert_eq!(round_trip::<names::Keywords>(keywords.clone()), keywords);
    let parsed: names::Keywords = serde_json::from_value(keywords).unwrap();
    assert_eq!(parsed.type_.as_deref(), Some("t"));
    assert_eq!(parsed.self_.as_deref(), Some("s"));
    assert_eq!(parsed.url_2.as_deref(), Some("U"));
}

#[test]
fn models_named_like_keywords_and_the_prelude_work() {
    let result = json!({
        "ok": {"none": {"count": 1}, "value": "v"},
        "err": [{"any": "thing"}, 3],
        "default": {"sized": [1, 2], "ok": {"x": true}}
    });
    assert_eq!(round_trip::<prelude_names::Result>(result.clone()), result);
    let typed: prelude_names::Result = serde_json::from_value(result).unwrap();
    assert_eq!(typed.ok.none.and_then(|none| none.count), Some(1));
    let chain = json!({"type": {"self": {"value": "a", "next": {"value": "b"}}}});
    let krate: prelude_names::Crate = serde_json::from_value(chain.clone()).unwrap();
    let next = krate.type_.as_ref().and_then(|t| t.self_.as_ref()).and_then(|s| s.next.as_deref());
    assert_eq!(next.map(|s| s.value.as_str()), Some("b"));
    assert_eq!(serde_json::to_value(krate).unwrap(), chain);
    let lib = json!({"main": {"name": "m"}});
    assert_eq!(round_trip::<prelude_names::Lib>(lib.clone()), lib);
}

#[test]
fn recursive_models_nest() {
    let user = json!({"id": "1", "manager": {"id": "2", "outOfOffice": {"user": {"id": "3"}, "active": true}}});
    assert_eq!(round_trip::<cycles::User>(user.clone()), user);
    let details = json!({"message": "a", "nested": {"nested": {"message": "c"}}, "details": [{"message": "d"}]});
    assert_eq!(round_trip::<cycles::ErrorDetails>(details.clone()), details);
}

#[test]
fn every_type_round_trips() {
    let payload = json!({
        "name": "n",
        "count": 3,
        "ratio": 0.5,
        "enabled": false,
        "created": "2024-01-02T03:04:05.678Z",
        "day": "2024-02-29",
        "payload": {"free": ["form", 1, null]},
        "matrix": [[1.5, 2.5], []],
        "labels": {"a": "b"},
        "groups": {"g": [{}, {}]},
        "refs": [{"k": {"opaque": 1}}],
        "empty": {}
    });
    assert_eq!(round_trip::<types_and_docs::Everything>(payload.clone()), payload);
    // A page without properties holds whatever JSON is sent, and gives it back.
    let empty: types_and_docs::Empty = serde_json::from_value(json!({"a": 1, "b": [2]})).unwrap();
    assert_eq!(empty.0, json!({"a": 1, "b": [2]}));
    assert_eq!(round_trip::<types_and_docs::Empty>(json!(["an", "array"])), json!(["an", "array"]));
    // Required fields are required.
    let error = serde_json::from_value::<types_and_docs::Everything>(json!({"name": "n", "empty": {}})).unwrap_err();
    assert!(error.to_string().contains("missing field `count`"), "{error}");
}

#[test]
fn config_keeps_unknown_fields_and_uses_configured_types() {
    let payload = json!({
        "id": "67e55044-10b1-426f-9247-bb680e5fe0c8",
        "sloURI": "https://sso.example.com/slo",
        "updateTime": "2024-05-01T12:30:45",
        "created": "2024-05-01T12:30:45.000Z",
        "labels": {"a": "b"},
        "peer": {"id": "p", "brandNew": [1, 2]},
        "someFieldTheDocsMissed": {"kept": true}
    });
    assert_eq!(round_trip::<config::Edge>(payload.clone()), payload);
    let edge: config::Edge = serde_json::from_value(payload).unwrap();
    assert_eq!(edge.slo_uri.as_deref(), Some("https://sso.example.com/slo"));
    assert_eq!(edge.additional_properties["someFieldTheDocsMissed"], json!({"kept": true}));
    // `datetime = "string"` keeps the text exactly as sent.
    assert_eq!(edge.created.as_deref(), Some("2024-05-01T12:30:45.000Z"));
    let labels: &std::collections::HashMap<String, String> = edge.labels.as_ref().unwrap();
    assert_eq!(labels["a"], "b");
    let site = json!({"edges": [{"id": "e"}], "legacy": {"x": 1, "free": "form"}});
    assert_eq!(round_trip::<config::Site>(site.clone()), site);
}

#[test]
fn time_backend_reads_and_writes_rfc3339_and_dates() {
    let payload = json!({
        "starts": "2024-05-01T12:30:45.123Z",
        "ends": "2024-05-01T14:00:00+02:00",
        "day": "2024-02-29",
        "exceptions": ["2024-12-25T00:00:00Z"],
        "holidays": {"new-year": "2025-01-01"},
        "name": "n"
    });
    assert_eq!(round_trip::<time_backend::Schedule>(payload.clone()), payload);
    let schedule: time_backend::Schedule = serde_json::from_value(payload).unwrap();
    assert_eq!(schedule.starts.millisecond(), 123);
    assert_eq!(schedule.day.unwrap().to_string(), "2024-02-29");
    let nulls = json!({"starts": "2024-05-01T12:30:45Z", "ends": null});
    let schedule: time_backend::Schedule = serde_json::from_value(nulls).unwrap();
    assert_eq!(schedule.ends, None);
    let error = serde_json::from_value::<time_backend::Schedule>(json!({"starts": "2024-05-01T12:30:45Z", "day": "2024-13-01"})).unwrap_err();
    assert!(error.to_string().contains("invalid date `2024-13-01`"), "{error}");
    let error = serde_json::from_value::<time_backend::Schedule>(json!({"starts": "yesterday"})).unwrap_err();
    assert!(!error.to_string().is_empty());
}

#[test]
fn derive_mode_round_trips_like_the_lean_impls() {
    let user = json!({"id": "1", "manager": {"id": "2", "outOfOffice": {"user": {"id": "3"}, "active": true}}, "extra": [1]});
    assert_eq!(round_trip::<derive_mode::User>(user.clone()), user);
    let lean: Value = round_trip::<cycles::User>(user.clone());
    let mut without_extra = user.clone();
    without_extra.as_object_mut().unwrap().remove("extra");
    assert_eq!(lean, without_extra, "without keep-unknown-fields, unknown fields are dropped");
    let details = json!({"message": "a", "nested": {"message": "b"}, "details": [{}]});
    assert_eq!(round_trip::<derive_mode::ErrorDetails>(details.clone()), details);
    let error = serde_json::from_value::<derive_mode::Chat>(json!({"roomId": "r"})).unwrap_err();
    assert!(error.to_string().contains("missing field `id`"), "{error}");
}
