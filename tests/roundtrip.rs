//! JSON round trips of every seed model through the checked-in `generated`
//! crate: realistic camelCase payloads (tests/fixtures/*.json, written from
//! what the Genesys Cloud API sends) come back as the same JSON value.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// Deserializes `payload` into `T`, serializes it back and returns the JSON.
fn round_trip<T: DeserializeOwned + Serialize>(payload: &Value) -> Value {
    let typed: T = serde_json::from_value(payload.clone())
        .unwrap_or_else(|error| panic!("{} rejects the payload: {error}", std::any::type_name::<T>()));
    serde_json::to_value(&typed).unwrap()
}

fn assert_round_trip<T: DeserializeOwned + Serialize>(name: &str) {
    let payload = fixture(name);
    let fields = payload.as_object().unwrap().len();
    assert!(fields >= 16, "{name}: the fixture sets every field");
    assert_eq!(round_trip::<T>(&payload), payload, "{name}: full payload");

    // Only the required fields (none of the seeds has one): an empty object.
    assert_eq!(round_trip::<T>(&json!({})), json!({}), "{name}: required fields only");

    // A field the pages do not know is accepted (and not echoed back).
    let mut extra = payload.clone();
    extra.as_object_mut().unwrap().insert("someNewField".into(), json!({"added": "later"}));
    assert_eq!(round_trip::<T>(&extra), payload, "{name}: unknown field");
}

#[test]
fn call() {
    assert_round_trip::<generated::Call>("Call");
}

#[test]
fn callback() {
    assert_round_trip::<generated::Callback>("Callback");
}

#[test]
fn chat_media_participant() {
    assert_round_trip::<generated::ChatMediaParticipant>("ChatMediaParticipant");
}

#[test]
fn social_expression() {
    assert_round_trip::<generated::SocialExpression>("SocialExpression");
}

#[test]
fn participant_with_nested_models() {
    assert_round_trip::<generated::Participant>("Participant");
    let participant: generated::Participant = serde_json::from_value(fixture("Participant")).unwrap();
    let call = &participant.calls.as_ref().unwrap()[0];
    assert_eq!(call.recording_state.as_deref(), Some("active"));
    assert_eq!(
        call.connected_time.unwrap().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "2024-03-05T14:22:31.123Z"
    );
}

#[test]
fn wire_names_are_camel_case() {
    let expression = generated::SocialExpression {
        social_media_id: Some("sm-1".into()),
        ..Default::default()
    };
    assert_eq!(serde_json::to_value(&expression).unwrap(), json!({"socialMediaId": "sm-1"}));
}

#[test]
fn wrong_types_are_rejected() {
    let error = serde_json::from_value::<generated::Call>(json!({"recording": "yes"})).unwrap_err();
    assert!(error.to_string().contains("invalid type"), "{error}");
    let error = serde_json::from_value::<generated::Call>(json!({"connectedTime": "yesterday"})).unwrap_err();
    assert!(error.to_string().contains("input contains invalid characters"), "{error}");
}

#[test]
fn opaque_models_keep_their_json() {
    let segment = json!({"startTime": "2024-03-05T14:20:00.000Z", "anything": [1, 2, {"x": null}]});
    let call: generated::Call = serde_json::from_value(json!({"segments": [segment.clone()]})).unwrap();
    assert_eq!(call.segments.as_ref().unwrap()[0].0, segment);
}
