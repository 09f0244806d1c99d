//! A user's own config type, brought into a `hookseal::json::Value` through serde (the `serde`
//! feature), validated by a built-in seed schema: the same answers as for the same JSON text.

use std::collections::BTreeMap;

use hookseal::json::{parse, to_value, ParseOptions, Value};
use hookseal::schema::{Builtin, BuiltinOptions, Schema};
use serde::{Deserialize, Serialize};

/// An application's endpoint type, shaped like the `standard-webhooks-endpoint` schema.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Endpoint {
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uid: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    filter_types: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rate_limit: Option<u32>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    metadata: BTreeMap<String, String>,
    /// Members the application lets through as they came.
    #[serde(flatten)]
    extra: BTreeMap<String, serde_json::Value>,
}

fn endpoint() -> Endpoint {
    Endpoint {
        url: "https://example.com/webhooks".into(),
        uid: Some("crm-1".into()),
        filter_types: vec!["invoice.paid".into(), "user.created".into()],
        rate_limit: Some(10),
        metadata: BTreeMap::from([("team".into(), "billing".into())]),
        extra: BTreeMap::new(),
    }
}

fn schema() -> Schema {
    Builtin::StandardWebhooksEndpoint.schema(&BuiltinOptions::default()).unwrap()
}

/// The endpoint as a `Value` by both routes: `Deserialize` (from serde_json's text of it) and
/// `to_value`; both must equal what the parser makes of that text.
fn values(e: &Endpoint) -> Value {
    let text = serde_json::to_string(e).unwrap();
    let deserialized: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(deserialized, parse(text.as_bytes(), &ParseOptions::default()).unwrap());
    assert_eq!(to_value(e).unwrap(), deserialized);
    deserialized
}

#[test]
fn a_valid_endpoint_validates_and_gets_its_defaults() {
    let s = schema();
    let value = values(&endpoint());
    let r = s.validate(&value);
    assert!(r.valid, "{:?}", r.errors);
    assert_eq!(r.value.get("disabled"), Some(&Value::Bool(false)));
    assert_eq!(r.value.get("description").and_then(Value::as_str), Some(""));
    // The same as the schema says of the text.
    assert_eq!(s.validate_json(serde_json::to_string(&endpoint()).unwrap().as_bytes()).unwrap(), r);

    let minimal = Endpoint {
        url: "https://hooks.example.org/in".into(),
        uid: None,
        filter_types: vec![],
        rate_limit: None,
        metadata: BTreeMap::new(),
        extra: BTreeMap::new(),
    };
    assert!(s.validate(&values(&minimal)).valid);
}

#[test]
fn invalid_endpoints_fail_with_the_schema_answer() {
    let s = schema();
    let zero = Endpoint { rate_limit: Some(0), ..endpoint() };
    let r = s.validate(&values(&zero));
    assert!(!r.valid);
    assert_eq!(r.errors.first().map(|e| (e.path.as_str(), e.keyword)), Some(("/rateLimit", "minimum")));

    let repeated = Endpoint { filter_types: vec!["a".into(), "a".into()], ..endpoint() };
    let r = s.validate(&values(&repeated));
    assert_eq!(r.errors.first().map(|e| (e.path.as_str(), e.keyword)), Some(("/filterTypes", "uniqueItems")));

    let bad_uid = Endpoint { uid: Some("has space".into()), ..endpoint() };
    assert!(!s.validate(&values(&bad_uid)).valid);

    let colour = Endpoint { extra: BTreeMap::from([("colour".into(), "blue".into())]), ..endpoint() };
    let r = s.validate(&values(&colour));
    let response = r.response.unwrap();
    assert_eq!(response.status, 422);
    let expected = r##"[{"pointer": "#/colour", "detail": "must NOT have additional properties"}]"##;
    assert_eq!(response.body.get("errors"), Some(&parse(expected.as_bytes(), &ParseOptions::default()).unwrap()));

    // A rate limit that is not an integer, as an application's float field could give.
    let mut value = values(&endpoint());
    if let Value::Object(members) = &mut value {
        members.insert("rateLimit".into(), Value::Number(2.5));
    }
    let r = s.validate(&value);
    assert_eq!(r.errors.first().map(|e| (e.path.as_str(), e.keyword)), Some(("/rateLimit", "type")));
}

/// The validated value, defaults filled in, read back into an application type by serde.
#[test]
fn validated_values_deserialize_into_application_types() {
    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "camelCase")]
    struct Checked {
        url: String,
        disabled: bool,
        description: String,
        rate_limit: u32,
    }
    let r = schema().validate_owned(values(&endpoint()));
    assert!(r.valid);
    let checked: Checked = serde_json::from_value(serde_json::to_value(&r.value).unwrap()).unwrap();
    assert_eq!(
        checked,
        Checked {
            url: "https://example.com/webhooks".into(),
            disabled: false,
            description: String::new(),
            rate_limit: 10,
        }
    );
}
