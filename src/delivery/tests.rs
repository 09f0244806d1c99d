//! Reading configurations through custom mappings: the type checks a schema may not make.

use alloc::string::String;
use alloc::vec;
use core::time::Duration;

use super::fields::{read, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT};
use super::*;
use crate::json::{parse, ParseOptions, Value};

fn json(text: &str) -> Value {
    parse(text.as_bytes(), &ParseOptions::default()).unwrap()
}

fn full() -> Fields {
    Fields {
        events: Some("events".into()),
        headers: Some("headers".into()),
        enabled: Some(EnabledFlag::Enabled("on".into())),
        timeout_seconds: Some("timeout".into()),
        max_retries: Some("retries".into()),
        auth: Some(AuthFields { kind: "auth".into(), credentials: "token".into() }),
        ..Fields::new("url")
    }
}

fn field_error(config: &str) -> (String, &'static str) {
    match read(&full(), &json(config)) {
        Err(DeliveryError::InvalidField { field, expected }) => (field, expected),
        Err(e) => panic!("{config}: {e}"),
        Ok(_) => panic!("{config}: accepted"),
    }
}

#[test]
fn absent_and_null_members_take_their_defaults() {
    for config in [r#"{"url": "u"}"#, r#"{"url": "u", "events": null, "headers": null, "on": null, "timeout": null}"#] {
        let config = json(config);
        let e = read(&full(), &config).unwrap();
        assert_eq!(e.url, "u");
        assert!(e.events.is_none() && e.headers.is_empty() && e.enabled && e.auth.is_none());
        assert_eq!((e.timeout, e.max_retries), (DEFAULT_TIMEOUT, DEFAULT_MAX_RETRIES));
    }
}

#[test]
fn members_are_read_with_their_types() {
    let config = json(
        r#"{"url": "u", "events": [], "headers": {"A": "1"}, "on": false, "timeout": 120,
            "retries": 0, "auth": "api_key", "token": "k"}"#,
    );
    let e = read(&full(), &config).unwrap();
    assert_eq!(e.events, Some(vec![]));
    assert_eq!(e.headers, vec![("A", "1")]);
    assert!(!e.enabled);
    assert_eq!((e.timeout, e.max_retries), (Duration::from_secs(120), 0));
    assert_eq!(e.auth, Some(("x-api-key", String::from("k"))));
    let inverted = Fields { enabled: Some(EnabledFlag::Disabled("off".into())), ..Fields::new("url") };
    assert!(!read(&inverted, &json(r#"{"url": "u", "off": true}"#)).unwrap().enabled);
    assert!(read(&inverted, &json(r#"{"url": "u", "off": false}"#)).unwrap().enabled);
}

#[test]
fn wrong_types_and_ranges_name_the_member() {
    for (config, field) in [
        (r#"{}"#, "url"),
        (r#"{"url": 5}"#, "url"),
        (r#"{"url": "u", "events": "all"}"#, "events"),
        (r#"{"url": "u", "events": ["a", 1]}"#, "events"),
        (r#"{"url": "u", "headers": ["A"]}"#, "headers"),
        (r#"{"url": "u", "headers": {"A": 1}}"#, "headers"),
        (r#"{"url": "u", "on": "yes"}"#, "on"),
        (r#"{"url": "u", "timeout": 0}"#, "timeout"),
        (r#"{"url": "u", "timeout": 1.5}"#, "timeout"),
        (r#"{"url": "u", "timeout": 86401}"#, "timeout"),
        (r#"{"url": "u", "retries": -1}"#, "retries"),
        (r#"{"url": "u", "retries": 101}"#, "retries"),
        (r#"{"url": "u", "auth": "digest", "token": "t"}"#, "auth"),
        (r#"{"url": "u", "auth": 1}"#, "auth"),
        (r#"{"url": "u", "auth": "bearer"}"#, "token"),
        (r#"{"url": "u", "auth": "basic", "token": ""}"#, "token"),
    ] {
        assert_eq!(field_error(config).0, field, "{config}");
    }
    assert_eq!(read(&full(), &json(r#"{"url": "u", "retries": 100}"#)).unwrap().max_retries, 100);
}
