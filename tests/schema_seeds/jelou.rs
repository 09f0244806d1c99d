//! Jelou (seed 001): 422 in Jelou's envelope.

use super::*;

#[test]
fn jelou_seed_requests() {
    let j = schema(Builtin::Jelou);
    let first = json(
        r#"{"webhookUrl": "https://my-system.com/webhook/jelou", "authType": "no_auth", "authorization": "my-secret-token"}"#,
    );
    assert!(j.validate(&first).valid);
    let quick = j.validate(&json(r#"{"webhookUrl": "https://meu-sistema.com/webhook/jelou"}"#));
    assert!(quick.valid, "{:?}", quick.errors);
    assert_eq!(quick.value.get("authType").and_then(Value::as_str), Some("no_auth"));
}

#[test]
fn jelou_authorization_is_required_unless_no_auth() {
    let j = schema(Builtin::Jelou);
    for auth in ["bearer", "api_key", "basic"] {
        let base = format!(r#"{{"webhookUrl": "https://my-system.com/webhook/jelou", "authType": "{auth}"}}"#);
        let r = j.validate(&json(&base));
        assert!(!r.valid, "{auth}");
        assert_eq!(field(&r, "authorization"), ["authorization should not be empty"]);
        let response = r.response.unwrap();
        assert_eq!(response.status, 422);
        assert_eq!(
            response.body,
            json(r#"{"message": ["authorization should not be empty"], "statusMessage": "error", "status": 0}"#)
        );
        assert!(with(&j, &base, "authorization", s("my-secret-token")).valid);
        assert_eq!(
            field(&with(&j, &base, "authorization", n(1.0)), "authorization"),
            ["authorization must be a string"]
        );
    }
}

#[test]
fn jelou_fields() {
    let j = schema(Builtin::Jelou);
    let base = r#"{"webhookUrl": "https://my-system.com/webhook/jelou"}"#;
    assert_eq!(
        field(&with(&j, base, "authType", s("oauth")), "authType"),
        ["authType must be one of the following values: bearer, api_key, basic, no_auth"]
    );
    assert_eq!(field(&with(&j, base, "webhookUrl", None), "webhookUrl"), ["webhookUrl should not be empty"]);
    assert_eq!(
        field(&with(&j, base, "webhookUrl", s("not a url")), "webhookUrl"),
        ["webhookUrl must be a URL address"]
    );
    assert_eq!(field(&with(&j, base, "webhookUrl", n(3.0)), "webhookUrl"), ["webhookUrl must be a string"]);
    assert_eq!(
        Builtin::Jelou.schema(&BuiltinOptions { events: Some(vec!["a".into()]) }).unwrap_err().code(),
        Code::InvalidOptions
    );
}
