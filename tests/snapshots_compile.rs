//! The types of the snapshot files of `tests/snapshots/` used: their JSON
//! round trips, enum values known and unknown, and the Rust types each
//! language's type cells become. The files are compiled, every one as a
//! module named after its case, under `deny(warnings)` by the
//! `snapshot-modules` crate (`tests/snapshot_modules/`).

use snapshot_modules::*;
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

/// RFC 3339 and `YYYY-MM-DD` strings in, the same strings out, with
/// `datetime = "time"`; `$module` is a snapshot module with the `Schedule` page.
macro_rules! time_round_trips {
    ($module:ident) => {{
        use $module::Schedule;
        let payload = json!({
            "starts": "2024-05-01T12:30:45.123Z",
            "ends": "2024-05-01T14:00:00+02:00",
            "day": "2024-02-29",
            "exceptions": ["2024-12-25T00:00:00Z", "2024-12-26T08:15:00.5-05:00"],
            "holidays": {"new-year": "2025-01-01"},
            "name": "n"
        });
        assert_eq!(round_trip::<Schedule>(payload.clone()), payload);
        let schedule: Schedule = serde_json::from_value(payload).unwrap();
        assert_eq!(schedule.starts.millisecond(), 123);
        assert_eq!(schedule.day.unwrap().to_string(), "2024-02-29");
        assert_eq!(schedule.exceptions.as_ref().unwrap()[1].offset().whole_hours(), -5);
        let nulls = json!({"starts": "2024-05-01T12:30:45Z", "ends": null, "day": null, "exceptions": null});
        let schedule: Schedule = serde_json::from_value(nulls).unwrap();
        assert_eq!((schedule.ends, schedule.day, schedule.exceptions.as_ref()), (None, None, None));
        assert_eq!(serde_json::to_value(&schedule).unwrap(), json!({"starts": "2024-05-01T12:30:45Z"}));
        let error = serde_json::from_value::<Schedule>(json!({"starts": "2024-05-01T12:30:45Z", "day": "2024-13-01"})).unwrap_err();
        assert!(error.to_string().contains("invalid date `2024-13-01`"), "{error}");
        let error = serde_json::from_value::<Schedule>(json!({"starts": "yesterday"})).unwrap_err();
        assert!(!error.to_string().is_empty());
        let error = serde_json::from_value::<Schedule>(json!({"starts": "2024-05-01T12:30:45Z", "exceptions": ["soon"]})).unwrap_err();
        assert!(!error.to_string().is_empty());
        assert!(serde_json::from_value::<Schedule>(json!({"name": "no start"})).unwrap_err().to_string().contains("missing field `starts`"));
    }};
}

#[test]
fn time_backend_reads_and_writes_rfc3339_and_dates() {
    time_round_trips!(time_backend);
}

#[test]
fn time_backend_reads_and_writes_rfc3339_and_dates_in_lean_mode() {
    time_round_trips!(lean_mode);
}

/// Enums, cycles, renames and `keep-unknown-fields`; `$module` is a snapshot
/// module of `derive_mode`'s pages (in either serde mode).
macro_rules! model_round_trips {
    ($module:ident) => {{
        use $module::{Chat, Direction, ErrorDetails, Leg, LegState, User};
        let leg = json!({"state": "in-progress", "direction": "sideways", "history": ["alerting", "parked"], "extra": 1});
        assert_eq!(round_trip::<Leg>(leg.clone()), leg);
        let typed: Leg = serde_json::from_value(leg).unwrap();
        assert_eq!(typed.state, LegState::InProgress);
        assert_eq!(typed.direction, Some(Direction::Other("sideways".to_string())));
        assert_eq!(typed.history.unwrap()[1].as_str(), "parked");
        assert!(serde_json::from_value::<Leg>(json!({"state": 3})).is_err(), "an enum value is a string");
        let user = json!({"id": "1", "manager": {"id": "2", "outOfOffice": {"user": {"id": "3"}, "active": true}}, "extra": [1]});
        assert_eq!(round_trip::<User>(user.clone()), user);
        let typed: User = serde_json::from_value(user).unwrap();
        assert_eq!(typed.additional_properties["extra"], json!([1]));
        let details = json!({"message": "a", "nested": {"message": "b"}, "details": [{}]});
        assert_eq!(round_trip::<ErrorDetails>(details.clone()), details);
        let error = serde_json::from_value::<Chat>(json!({"roomId": "r"})).unwrap_err();
        assert!(error.to_string().contains("missing field `id`"), "{error}");
    }};
}

#[test]
fn derive_mode_round_trips() {
    model_round_trips!(derive_mode);
}

#[test]
fn lean_mode_round_trips_like_the_derive() {
    model_round_trips!(lean_mode);
}

#[test]
fn without_keep_unknown_fields_unknown_fields_are_dropped() {
    let user = json!({"id": "1", "manager": {"id": "2", "outOfOffice": {"user": {"id": "3"}, "active": true}}, "extra": [1]});
    let mut without_extra = user.clone();
    without_extra.as_object_mut().unwrap().remove("extra");
    assert_eq!(round_trip::<cycles::User>(user), without_extra);
}

/// A language's payloads (`tests/fixtures/languages/<language>.json`), by model.
fn language_payloads(language: &str) -> Value {
    let path = format!("{}/tests/fixtures/languages/{language}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// Numbers compared by value: `7` and `7.0` are one number (TypeScript's
/// `number` is an `f64`, written back as `7.0`).
fn numbers_as_f64(value: Value) -> Value {
    match value {
        Value::Number(number) => json!(number.as_f64().unwrap()),
        Value::Array(items) => Value::Array(items.into_iter().map(numbers_as_f64).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, numbers_as_f64(v))).collect()),
        other => other,
    }
}

/// Every payload of a language deserializes into its model and serializes
/// back to the same JSON; returns the typed `Call`, the `Call` whose state
/// no page lists, and the `Segment`.
fn language_round_trip<Call, Segment>(language: &str) -> (Call, Call, Segment)
where
    Call: serde::de::DeserializeOwned + serde::Serialize,
    Segment: serde::de::DeserializeOwned + serde::Serialize,
{
    let payloads = language_payloads(language);
    let check = |key: &str, back: Value| {
        assert_eq!(numbers_as_f64(back), numbers_as_f64(payloads[key].clone()), "{language}: {key}");
    };
    let call: Call = serde_json::from_value(payloads["Call"].clone()).unwrap_or_else(|e| panic!("{language}: {e}"));
    check("Call", serde_json::to_value(&call).unwrap());
    let unknown: Call = serde_json::from_value(payloads["CallWithUnknownState"].clone()).unwrap_or_else(|e| panic!("{language}: {e}"));
    check("CallWithUnknownState", serde_json::to_value(&unknown).unwrap());
    let segment: Segment = serde_json::from_value(payloads["Segment"].clone()).unwrap_or_else(|e| panic!("{language}: {e}"));
    check("Segment", serde_json::to_value(&segment).unwrap());
    (call, unknown, segment)
}

/// The `CallDirection` payload round-trips through the language's type.
fn direction_round_trip<Direction: serde::de::DeserializeOwned + serde::Serialize>(language: &str) -> Direction {
    let payload = language_payloads(language)["CallDirection"].clone();
    assert_eq!(payload, json!("inbound"));
    let direction: Direction = serde_json::from_value(payload.clone()).unwrap_or_else(|e| panic!("{language}: {e}"));
    assert_eq!(serde_json::to_value(&direction).unwrap(), payload);
    direction
}

#[test]
fn java_language_enums_keep_known_and_unknown_values() {
    use language_java::{Call, CallDirection, CallList, CallState, Segment, SegmentSegmentType};
    let (call, unknown, segment) = language_round_trip::<Call, Segment>("java");
    // The types each page's Java type names (a wrong width would not compile).
    let _: (Option<i32>, Option<i64>, Option<f32>) = (call.priority, call.duration, call.score);
    let _: Option<chrono::NaiveDate> = call.birthday;
    let _: Option<chrono::DateTime<chrono::Utc>> = call.start_time;
    assert_eq!(call.state, Some(CallState::Connected));
    assert_eq!(unknown.state, Some(CallState::Other("parked".to_string())));
    assert_eq!(call.direction, Some(CallDirection::Inbound));
    assert_eq!(segment.segment_type, Some(SegmentSegmentType::Hold));
    assert_eq!(direction_round_trip::<CallDirection>("java"), CallDirection::Inbound);
    let list: CallList = serde_json::from_value(language_payloads("java")["CallList"].clone()).unwrap();
    assert_eq!(serde_json::to_value(&list).unwrap(), language_payloads("java")["CallList"]);

    // Display, FromStr and as_str give the wire value; the SDK sentinel is no variant.
    assert_eq!(CallState::Alerting.to_string(), "alerting");
    assert_eq!("dialing".parse::<CallState>(), Ok(CallState::Dialing));
    assert_eq!(CallState::from("parked").as_str(), "parked");
    assert_eq!(
        CallState::from("OutdatedSdkVersion"),
        CallState::Other("OutdatedSdkVersion".to_string()),
        "the SDK sentinel is not an API value"
    );
    // An unknown value inside a list does not fail the payload either.
    let states: Vec<CallState> = serde_json::from_value(json!(["alerting", "brand-new"])).unwrap();
    assert_eq!(states, [CallState::Alerting, CallState::Other("brand-new".to_string())]);
}

#[test]
fn kotlin_language_inline_enums() {
    use language_kotlin::{Call, CallDirection, CallState, Segment, SegmentSegmentType};
    let (call, unknown, segment) = language_round_trip::<Call, Segment>("kotlin");
    let _: (Option<i32>, Option<i64>, Option<f32>) = (call.priority, call.duration, call.score);
    let _: Option<chrono::NaiveDate> = call.birthday;
    assert_eq!(call.state, Some(CallState::Connected));
    assert_eq!(unknown.state.as_ref().map(CallState::as_str), Some("parked"));
    assert_eq!(segment.segment_type, Some(SegmentSegmentType::Hold));
    assert_eq!(direction_round_trip::<CallDirection>("kotlin"), CallDirection::Inbound);
}

#[test]
fn python_languages() {
    let (call, unknown, _) = language_round_trip::<language_python::Call, language_python::Segment>("python");
    let _: (Option<i64>, Option<i64>, Option<f64>) = (call.priority, call.duration, call.score);
    let _: Option<chrono::NaiveDate> = call.birthday;
    assert_eq!(unknown.state.as_deref(), Some("parked"), "prose values stay strings");
    assert!(call.self_.is_some(), "`_self` is the JSON key `self`");

    let (call, _, segment) = language_round_trip::<language_pydantic::Call, language_pydantic::Segment>("pydantic");
    assert!(call.self_.is_some(), "`var_self` is the JSON key `self`");
    assert_eq!(segment.segment_type, Some(language_pydantic::SegmentSegmentType::Hold), "`Enum [ ... ]` types are enums");
    let direction = direction_round_trip::<language_pydantic::CallDirection>("pydantic");
    assert_eq!(direction.0, json!("inbound"), "a page without properties holds the value as sent");
}

#[test]
fn csharp_and_go_languages() {
    let (call, _, _) = language_round_trip::<language_csharp::Call, language_csharp::Segment>("csharp");
    let _: (Option<i32>, Option<i64>, Option<f32>) = (call.priority, call.duration, call.score);
    let _: Option<String> = call.birthday;
    assert!(call.self_.is_some(), "PascalCase `Self` is the JSON key `self`");

    let (call, _, _) = language_round_trip::<language_go::Call, language_go::Segment>("go");
    let _: (Option<i32>, Option<i64>, Option<f32>) = (call.priority, call.duration, call.score);
    assert_eq!(call.direction, Some(language_go::CallDirection::Inbound));
    assert_eq!(direction_round_trip::<language_go::CallDirection>("go"), language_go::CallDirection::Inbound);
}

#[test]
fn swift_typescript_ruby_and_php_languages() {
    let (call, _, _) = language_round_trip::<language_swift::Call, language_swift::Segment>("swift");
    let _: (Option<i64>, Option<i64>, Option<f32>) = (call.priority, call.duration, call.score);
    let _: Option<chrono::NaiveDate> = call.birthday;
    let _: String = call.id;

    let (call, _, _) = language_round_trip::<language_typescript::Call, language_typescript::Segment>("typescript");
    let _: (Option<f64>, Option<f64>) = (call.priority, call.duration);
    assert_eq!(direction_round_trip::<language_typescript::CallDirection>("typescript"), language_typescript::CallDirection::Inbound);

    let (call, _, _) = language_round_trip::<language_ruby::Call, language_ruby::Segment>("ruby");
    let _: (Option<i64>, Option<f64>) = (call.priority, call.score);
    let _: Option<chrono::NaiveDate> = call.birthday;
    assert_eq!(direction_round_trip::<language_ruby::CallDirection>("ruby").0, json!("inbound"));

    let (call, _, _) = language_round_trip::<language_php::Call, language_php::Segment>("php");
    let _: Option<chrono::NaiveDate> = call.birthday;
    let _: Option<chrono::DateTime<chrono::Utc>> = call.start_time;
    assert_eq!(direction_round_trip::<language_php::CallDirection>("php").0, json!("inbound"));
}

/// A `wire_*` case's payload for `model` (`tests/fixtures/languages/<case>.json`,
/// keys spelled as the real API spells them) reads into `T` and writes back
/// the same JSON.
fn wire_round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(case: &str, model: &str) -> T {
    let payload = language_payloads(case)[model].clone();
    assert!(payload.is_object(), "{case}: no payload for {model}");
    let value: T = serde_json::from_value(payload.clone()).unwrap_or_else(|e| panic!("{case}: {model}: {e}"));
    assert_eq!(numbers_as_f64(serde_json::to_value(&value).unwrap()), numbers_as_f64(payload), "{case}: {model}");
    value
}

#[test]
fn kubernetes_keys_keep_their_acronyms() {
    use wire_kubernetes::*;
    let versions: V1APIVersions = wire_round_trip("wire_kubernetes", "V1APIVersions");
    assert_eq!(versions.server_address_by_client_cid_rs[0].client_cidr, "0.0.0.0/0");
    let status: V1PodStatus = wire_round_trip("wire_kubernetes", "V1PodStatus");
    assert_eq!(status.host_ip.as_deref(), Some("10.0.0.7"));
    assert_eq!(status.pod_i_ps.map(|ips| ips.len()), Some(2));
    assert!(status.container_statuses.unwrap()[0].container_id.is_some());
    let spec: V1APIServiceSpec = wire_round_trip("wire_kubernetes", "V1APIServiceSpec");
    assert_eq!(spec.insecure_skip_tls_verify, Some(true));
    let policy: V1beta1PodSecurityPolicySpec = wire_round_trip("wire_kubernetes", "V1beta1PodSecurityPolicySpec");
    assert_eq!(policy.allowed_csi_drivers.map(|drivers| drivers.len()), Some(1));
    let _: V1NodeAddress = wire_round_trip("wire_kubernetes", "V1NodeAddress");
    let _: V1CSIDriverSpec = wire_round_trip("wire_kubernetes", "V1CSIDriverSpec");
}

#[test]
fn swift_csharp_and_php_folders_read_their_keys_and_types() {
    let entity: wire_swift::AddressableEntityRef = wire_round_trip("wire_swift", "AddressableEntityRef");
    assert_eq!(entity.id.as_deref(), Some("7a3e-queue"), "`_id` is the key `id` on a page of plain types too");
    let callback: wire_swift::CallbackBasic = wire_round_trip("wire_swift", "CallbackBasic");
    assert_eq!(callback.queue.and_then(|queue| queue.id).as_deref(), Some("7a3e-queue"));

    let action: wire_csharp::AgentAction = wire_round_trip("wire_csharp", "AgentAction");
    assert_eq!(action.agent_action.as_deref(), Some("ACCEPT"), "`_AgentAction` is the key `agentAction`");

    let conversation: wire_php::Conversation = wire_round_trip("wire_php", "Conversation");
    let _: Option<chrono::DateTime<chrono::Utc>> = conversation.start_time;
    assert!(conversation.segments.unwrap()[0].end_time.is_some(), "`[**\\DateTime**]` is one date-time");
}

#[test]
fn go_and_configured_wire_cases() {
    let device: wire_go::DeviceAuthorization = wire_round_trip("wire_go", "DeviceAuthorization");
    assert_eq!(device.user_code.as_deref(), Some("WDJB-MJHT"));
    let token: wire_go::OAuth2TokenExchange = wire_round_trip("wire_go", "OAuth2TokenExchange");
    assert_eq!(token.expires_in, Some(3600));

    let order: wire_case::Order = wire_round_trip("wire_case", "Order");
    assert_eq!(order.created_at, 1709648551);
    assert_eq!(order.line_items.unwrap()[0].price_id, "price_1", "`[wire-names]` wins over the wire case");
}

#[test]
fn big_nested_models_are_boxed_and_round_trip() {
    // The size resolve estimated (tests/snapshots.rs) is rustc's.
    assert_eq!(std::mem::size_of::<big_structs::Report>(), 224);
    let report = json!({
        "id": "r1",
        "summary": {"a": "1", "h": "8"},
        "detail": {"b": "2"},
        "owner": {"name": "Ada"}
    });
    assert_eq!(round_trip::<big_structs::Report>(report.clone()), report);
}

#[test]
fn configured_derives_land_where_they_hold() {
    use std::collections::{BTreeSet, HashSet};
    let tag: derives::Tag = serde_json::from_value(json!({"id": "t", "flags": {"x": true}})).unwrap();
    let note: derives::Note = serde_json::from_value(json!({"tag": {"id": "t"}, "extra": [1], "source": {"any": 1}})).unwrap();
    // Eq + Hash on Tag, Note (holding a serde_json::Value) and the opaque Origin.
    let notes: HashSet<derives::Note> = [note.clone(), note].into_iter().collect();
    assert_eq!(notes.len(), 1);
    // Ord on Tag and the enum Shape.
    let tags: BTreeSet<derives::Tag> = [tag.clone(), tag].into_iter().collect();
    assert_eq!(tags.len(), 1);
    let mut shapes = [derives::Shape::Other("oval".into()), derives::Shape::Square, derives::Shape::Circle];
    shapes.sort();
    assert_eq!(shapes[0], derives::Shape::Circle);
    // PartialOrd (and Default) on Point, which holds an f64.
    let point = derives::Point { x: 1.0, ..Default::default() };
    assert!(point > derives::Point::default());
    // Canvas holds Points and a required enum: only the std derives.
    let canvas: derives::Canvas = serde_json::from_value(json!({"points": [{"x": 2.5}], "shape": "circle"})).unwrap();
    assert_eq!(canvas.points.unwrap()[0].x, 2.5);
}
