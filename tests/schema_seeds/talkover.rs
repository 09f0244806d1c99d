//! Talkover (seed 002): a Laravel API; the seed's 422 answer exactly.

use super::*;

pub(crate) const TALKOVER: &str = r#"{"name": "My Webhook", "webhook_url": "https://example.com/webhook",
    "webhook_secret": "optional_secret_for_hmac", "events": ["event_phone_call_started", "event_phone_call_ended"],
    "timeout": 30, "max_retries": 3, "enabled": true}"#;

#[test]
fn talkover_seed_request_is_valid() {
    let r = schema(Builtin::Talkover).validate(&json(TALKOVER));
    assert!(r.valid, "{:?}", r.errors);
    assert!(r.response.is_none() && r.field_errors.is_empty());
}

#[test]
fn talkover_seed_error_response_exactly() {
    let r = schema(Builtin::Talkover).validate(&json(r#"{"name": "My Webhook", "events": []}"#));
    assert!(!r.valid);
    let response = r.response.unwrap();
    assert_eq!(response.status, 422);
    assert_eq!(
        response.body,
        json(
            r#"{"message": "The given data was invalid.", "errors": {
            "webhook_url": ["The webhook url field is required."],
            "events": ["The events field must contain at least 1 items."]}}"#
        )
    );
}

#[test]
fn talkover_defaults() {
    let r = schema(Builtin::Talkover).validate(&json(
        r#"{"name": "x", "webhook_url": "https://example.com/h", "events": ["event_phone_call_ended"]}"#,
    ));
    assert!(r.valid);
    assert_eq!(r.value.get("timeout"), Some(&Value::Number(30.0)));
    assert_eq!(r.value.get("max_retries"), Some(&Value::Number(3.0)));
    assert_eq!(r.value.get("enabled"), Some(&Value::Bool(true)));
    assert_eq!(r.value.get("webhook_secret"), None);
    // Given values are kept.
    let r = schema(Builtin::Talkover).validate(&json(&TALKOVER.replace("\"timeout\": 30", "\"timeout\": 60")));
    assert_eq!(r.value.get("timeout"), Some(&Value::Number(60.0)));
}

#[test]
fn talkover_name() {
    let t = schema(Builtin::Talkover);
    let req = ["The name field is required."];
    assert_eq!(field(&with(&t, TALKOVER, "name", None), "name"), req);
    assert_eq!(field(&with(&t, TALKOVER, "name", Some(Value::Null)), "name"), req);
    assert_eq!(field(&with(&t, TALKOVER, "name", s("")), "name"), req);
    assert!(with(&t, TALKOVER, "name", s("a")).valid);
    assert!(with(&t, TALKOVER, "name", s(&"a".repeat(255))).valid);
    assert!(with(&t, TALKOVER, "name", s(&"é".repeat(255))).valid, "lengths count code points");
    assert_eq!(
        field(&with(&t, TALKOVER, "name", s(&"a".repeat(256))), "name"),
        ["The name field must not be greater than 255 characters."]
    );
    assert_eq!(field(&with(&t, TALKOVER, "name", n(5.0)), "name"), ["The name field must be a string."]);
}

#[test]
fn talkover_webhook_url() {
    let t = schema(Builtin::Talkover);
    let long = format!("https://example.com/{}", "a".repeat(500 - 20));
    assert_eq!(long.len(), 500);
    assert!(with(&t, TALKOVER, "webhook_url", s(&long)).valid);
    assert_eq!(
        field(&with(&t, TALKOVER, "webhook_url", s(&(long + "a"))), "webhook_url"),
        ["The webhook url field must not be greater than 500 characters."]
    );
    assert_eq!(
        field(&with(&t, TALKOVER, "webhook_url", s("not a url")), "webhook_url"),
        ["The webhook url field must be a valid URL."]
    );
    assert_eq!(field(&with(&t, TALKOVER, "webhook_url", s("")), "webhook_url"), ["The webhook url field is required."]);
    assert_eq!(field(&with(&t, TALKOVER, "webhook_url", None), "webhook_url"), ["The webhook url field is required."]);
    assert_eq!(
        field(&with(&t, TALKOVER, "webhook_url", n(1.0)), "webhook_url"),
        ["The webhook url field must be a string."]
    );
}

#[test]
fn talkover_webhook_secret() {
    let t = schema(Builtin::Talkover);
    assert!(with(&t, TALKOVER, "webhook_secret", None).valid);
    assert!(with(&t, TALKOVER, "webhook_secret", s("")).valid);
    assert!(with(&t, TALKOVER, "webhook_secret", s(&"k".repeat(255))).valid);
    assert_eq!(
        field(&with(&t, TALKOVER, "webhook_secret", s(&"k".repeat(256))), "webhook_secret"),
        ["The webhook secret field must not be greater than 255 characters."]
    );
    assert_eq!(
        field(&with(&t, TALKOVER, "webhook_secret", Some(Value::Null)), "webhook_secret"),
        ["The webhook secret field must be a string."]
    );
}

#[test]
fn talkover_events() {
    let t = schema(Builtin::Talkover);
    assert_eq!(field(&with(&t, TALKOVER, "events", None), "events"), ["The events field is required."]);
    assert_eq!(
        field(&with(&t, TALKOVER, "events", Some(json("[]"))), "events"),
        ["The events field must contain at least 1 items."]
    );
    assert!(with(&t, TALKOVER, "events", Some(json(r#"["event_phone_call_started"]"#))).valid);
    let r = with(&t, TALKOVER, "events", Some(json(r#"["event_phone_call_started", "event_unknown"]"#)));
    assert_eq!(field(&r, "events.1"), ["The selected events.1 is invalid."]);
    assert_eq!(r.errors[0].path, "/events/1");
    assert_eq!(
        field(&with(&t, TALKOVER, "events", s("event_phone_call_started")), "events"),
        ["The events field must be an array."]
    );
    let r = with(&t, TALKOVER, "events", Some(json("[5]")));
    assert_eq!(field(&r, "events.0"), ["The events.0 field must be a string.", "The selected events.0 is invalid."]);
}

#[test]
fn talkover_event_list_from_the_caller() {
    let options =
        BuiltinOptions { events: Some(vec!["call.started".into(), "call.ended".into(), "transcript.ready".into()]) };
    let t = Builtin::Talkover.schema(&options).unwrap();
    assert!(with(&t, TALKOVER, "events", Some(json(r#"["transcript.ready"]"#))).valid);
    assert!(!with(&t, TALKOVER, "events", Some(json(r#"["event_phone_call_started"]"#))).valid);
    let empty = BuiltinOptions { events: Some(vec![]) };
    assert_eq!(Builtin::Talkover.schema(&empty).unwrap_err().code(), Code::InvalidOptions);
}

#[test]
fn talkover_timeout_and_retries() {
    let t = schema(Builtin::Talkover);
    for (v, ok) in [(4.0, false), (5.0, true), (30.0, true), (120.0, true), (121.0, false)] {
        assert_eq!(with(&t, TALKOVER, "timeout", n(v)).valid, ok, "timeout {v}");
    }
    assert_eq!(field(&with(&t, TALKOVER, "timeout", n(4.0)), "timeout"), ["The timeout field must be at least 5."]);
    assert_eq!(
        field(&with(&t, TALKOVER, "timeout", n(121.0)), "timeout"),
        ["The timeout field must not be greater than 120."]
    );
    assert_eq!(field(&with(&t, TALKOVER, "timeout", n(30.5)), "timeout"), ["The timeout field must be an integer."]);
    assert_eq!(field(&with(&t, TALKOVER, "timeout", s("30")), "timeout"), ["The timeout field must be an integer."]);
    for (v, ok) in [(-1.0, false), (0.0, true), (10.0, true), (11.0, false)] {
        assert_eq!(with(&t, TALKOVER, "max_retries", n(v)).valid, ok, "max_retries {v}");
    }
    assert_eq!(
        field(&with(&t, TALKOVER, "max_retries", n(11.0)), "max_retries"),
        ["The max retries field must not be greater than 10."]
    );
    assert_eq!(
        field(&with(&t, TALKOVER, "max_retries", n(-1.0)), "max_retries"),
        ["The max retries field must be at least 0."]
    );
}

#[test]
fn talkover_enabled_and_extras() {
    let t = schema(Builtin::Talkover);
    assert_eq!(
        field(&with(&t, TALKOVER, "enabled", s("yes")), "enabled"),
        ["The enabled field must be true or false."]
    );
    assert!(with(&t, TALKOVER, "enabled", Some(Value::Bool(false))).valid);
    assert!(with(&t, TALKOVER, "agent_note", s("ignored, as Laravel ignores unvalidated input")).valid);
}

#[test]
fn talkover_lists_fields_in_rule_order() {
    let r = schema(Builtin::Talkover).validate(&json(r#"{"max_retries": 99, "events": [], "name": 1}"#));
    let fields: Vec<&str> = r.field_errors.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, ["name", "webhook_url", "events", "max_retries"]);
}
