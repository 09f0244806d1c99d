//! The `standard-webhooks-endpoint` schema: RFC 9457 problem details.

use super::*;

#[test]
fn standard_webhooks_endpoint() {
    let e = schema(Builtin::StandardWebhooksEndpoint);
    let r = e.validate(&json(r#"{"url": "https://example.com/webhooks"}"#));
    assert!(r.valid);
    assert_eq!(r.value.get("disabled"), Some(&Value::Bool(false)));
    assert_eq!(r.value.get("description").and_then(Value::as_str), Some(""));
    let full = r#"{"url": "https://example.com/webhooks", "uid": "crm-1", "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "filterTypes": ["invoice.paid", "user.created"], "channels": ["project_123"], "rateLimit": 10,
        "headers": {"X-Tenant": "1"}, "metadata": {"team": "billing"}}"#;
    assert!(e.validate(&json(full)).valid);
    assert!(!with(&e, full, "secret", s("whsec_short")).valid);
    assert!(!with(&e, full, "secret", s("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).valid);
    assert!(!with(&e, full, "rateLimit", n(0.0)).valid);
    assert!(!with(&e, full, "filterTypes", Some(json(r#"["a", "a"]"#))).valid);
    let r = with(&e, full, "colour", s("blue"));
    let response = r.response.unwrap();
    assert_eq!(response.status, 422);
    assert_eq!(
        response.body.get("errors"),
        Some(&json(r##"[{"pointer": "#/colour", "detail": "must NOT have additional properties"}]"##))
    );
    assert_eq!(field(&with(&e, full, "colour", s("blue")), "colour"), ["must NOT have additional properties"]);
}
