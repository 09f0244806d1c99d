//! JuriChat (seed 000): a Fastify API answering 400 `FST_ERR_VALIDATION`.

use super::*;

const JURICHAT: &str = r#"{"name": "Integração com CRM", "url": "https://crm.example.com/hooks/jurichat",
    "events": ["crm.lead.created"], "description": "Leads para o CRM", "isActive": true,
    "headers": {"Authorization": "Bearer token"}}"#;

#[test]
fn jurichat_seed_request_and_defaults() {
    let j = schema(Builtin::JuriChat);
    assert!(j.validate(&json(JURICHAT)).valid);
    let r = with(&j, JURICHAT, "isActive", None);
    assert!(r.valid);
    assert_eq!(r.value.get("isActive"), Some(&Value::Bool(true)));
    let all = r#"["crm.lead.created","crm.lead.updated","crm.lead.deleted","crm.lead.moved","chat.conversation.created",
        "chat.conversation.updated","chat.conversation.assigned","contact.created","contact.updated","contact.deleted","webhook.test"]"#;
    assert!(with(&j, JURICHAT, "events", Some(json(all))).valid);
    assert!(with(&j, JURICHAT, "headers", None).valid);
    assert!(with(&j, JURICHAT, "description", None).valid);
}

fn fastify_message(r: &Validation) -> String {
    let response = r.response.as_ref().unwrap();
    assert_eq!(response.status, 400);
    assert_eq!(response.body.get("statusCode"), Some(&Value::Number(400.0)));
    assert_eq!(response.body.get("code").and_then(Value::as_str), Some("FST_ERR_VALIDATION"));
    assert_eq!(response.body.get("error").and_then(Value::as_str), Some("Bad Request"));
    response.body.get("message").and_then(Value::as_str).unwrap().to_string()
}

#[test]
fn jurichat_name_boundaries() {
    let j = schema(Builtin::JuriChat);
    assert_eq!(fastify_message(&with(&j, JURICHAT, "name", s(""))), "body/name must NOT have fewer than 1 characters");
    assert!(with(&j, JURICHAT, "name", s("a")).valid);
    assert!(with(&j, JURICHAT, "name", s(&"a".repeat(100))).valid);
    assert_eq!(
        fastify_message(&with(&j, JURICHAT, "name", s(&"a".repeat(101)))),
        "body/name must NOT have more than 100 characters"
    );
    assert_eq!(fastify_message(&with(&j, JURICHAT, "name", None)), "body must have required property 'name'");
    assert_eq!(fastify_message(&with(&j, JURICHAT, "name", n(1.0))), "body/name must be string");
    assert_eq!(field(&with(&j, JURICHAT, "name", None), "name"), ["must have required property 'name'"]);
}

#[test]
fn jurichat_url_is_a_safe_https_url() {
    let j = schema(Builtin::JuriChat);
    for (url, code) in [
        ("http://crm.example.com/hooks", "insecure_scheme"),
        ("https://localhost:3001/webhooks", "localhost"),
        ("https://10.1.2.3/hook", "private_address"),
        ("https://[::ffff:127.0.0.1]/", "loopback_address"),
        ("https://user:pw@example.com/", "credentials_in_url"),
        ("not a url", "invalid_url"),
    ] {
        let r = with(&j, JURICHAT, "url", s(url));
        assert!(!r.valid, "{url}");
        assert_eq!(r.errors[0].path, "/url");
        assert_eq!(r.errors[0].params.get("code").and_then(Value::as_str), Some(code), "{url}");
        assert!(fastify_message(&r).starts_with("body/url "));
    }
    assert_eq!(
        fastify_message(&with(&j, JURICHAT, "url", s("http://crm.example.com/hooks"))),
        "body/url must match format \"webhook-url\": the URL must use https"
    );
    assert_eq!(fastify_message(&with(&j, JURICHAT, "url", None)), "body must have required property 'url'");
}

#[test]
fn jurichat_events() {
    let j = schema(Builtin::JuriChat);
    assert_eq!(
        fastify_message(&with(&j, JURICHAT, "events", Some(json("[]")))),
        "body/events must NOT have fewer than 1 items"
    );
    let r = with(&j, JURICHAT, "events", Some(json(r#"["crm.lead.created", "crm.lead.exploded"]"#)));
    assert_eq!(fastify_message(&r), "body/events/1 must be equal to one of the allowed values");
    assert_eq!(field(&r, "events.1"), ["must be equal to one of the allowed values"]);
    assert_eq!(fastify_message(&with(&j, JURICHAT, "events", None)), "body must have required property 'events'");
    assert_eq!(fastify_message(&with(&j, JURICHAT, "events", s("crm.lead.created"))), "body/events must be array");
}

#[test]
fn jurichat_description_and_is_active() {
    let j = schema(Builtin::JuriChat);
    assert!(with(&j, JURICHAT, "description", s(&"d".repeat(500))).valid);
    assert_eq!(
        fastify_message(&with(&j, JURICHAT, "description", s(&"d".repeat(501)))),
        "body/description must NOT have more than 500 characters"
    );
    assert_eq!(fastify_message(&with(&j, JURICHAT, "isActive", s("true"))), "body/isActive must be boolean");
}

#[test]
fn jurichat_headers() {
    let j = schema(Builtin::JuriChat);
    assert!(with(&j, JURICHAT, "headers", Some(json(r#"{"X-Tenant": "42", "Authorization": "Bearer t"}"#))).valid);
    for (headers, key, code_word) in [
        (r#"{"Host": "evil.example"}"#, "headers.Host", "cannot be overridden"),
        (r#"{"content-length": "0"}"#, "headers.content-length", "cannot be overridden"),
        (r#"{"Transfer-Encoding": "chunked"}"#, "headers.Transfer-Encoding", "cannot be overridden"),
        (r#"{"X-JuriChat-Signature": "forged"}"#, "headers.X-JuriChat-Signature", "cannot be overridden"),
        (r#"{"Bad Name": "x"}"#, "headers.Bad Name", "RFC 9110 token"),
    ] {
        let r = with(&j, JURICHAT, "headers", Some(json(headers)));
        assert!(!r.valid, "{headers}");
        let messages = field(&r, key);
        assert!(messages.len() == 1 && messages[0].contains(code_word), "{headers}: {:?}", r.field_errors);
    }
    let r = with(&j, JURICHAT, "headers", Some(json(r#"{"X-A": "a\r\nX-Injected: 1"}"#)));
    assert_eq!(r.errors[0].params.get("code").and_then(Value::as_str), Some("invalid_header_value"));
    assert_eq!(r.errors[0].path, "/headers/X-A");
    let r = with(&j, JURICHAT, "headers", Some(json(r#"{"X-A": 5}"#)));
    assert_eq!(fastify_message(&r), "body/headers/X-A must be string");
    assert!(!with(&j, JURICHAT, "headers", Some(json("[]"))).valid);
}
