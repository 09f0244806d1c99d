//! Delivery planning end to end: each seed's example configuration planned into a request whose
//! signature the receiver's `Verifier` accepts; custom and authentication headers; the refusals
//! (schema, URL policy, reserved and duplicate headers, signing material); the not-delivered
//! reasons; ids and the schemes that sign the URL.

use hookseal::delivery::{DeliveryError, Fields, Message, NotDelivered, Planned, Planner, Request};
use hookseal::json::{parse, ParseOptions, Value};
use hookseal::schema::{Builtin, BuiltinOptions, Schema, UrlOptions};
use hookseal::scheme::{Encoding, KeyEncoding};
use hookseal::{Config, CustomScheme, Scheme, Secret, Verifier};

const TS: i64 = 1_756_940_391; // 2025-09-03T23:19:51Z, the Talkover seed's created_at
const BODY: &[u8] = br#"{"type":"event","data":{"id":"9fcafbf2"}}"#;

const JURICHAT: &str = r#"{"name": "Integração com CRM", "url": "https://crm.example.com/webhooks/jurichat",
    "events": ["crm.lead.created", "contact.created"], "description": "Leads para o CRM",
    "isActive": true, "headers": {"Authorization": "Bearer crm-token", "X-Office-Id": "office-1"}}"#;
const JELOU: &str = r#"{"webhookUrl": "https://my-system.com/webhook/jelou", "authType": "bearer",
    "authorization": "my-secret-token"}"#;
const TALKOVER: &str = r#"{"name": "My Webhook", "webhook_url": "https://example.com/webhook",
    "webhook_secret": "optional_secret_for_hmac",
    "events": ["event_phone_call_started", "event_phone_call_ended"],
    "timeout": 30, "max_retries": 3, "enabled": true}"#;
const STANDARD: &str = r#"{"url": "https://hooks.example.com/svix", "uid": "crm-prod",
    "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "filterTypes": ["invoice.paid", "invoice.voided"],
    "headers": {"X-Tenant": "acme"}}"#;

fn json(text: &str) -> Value {
    parse(text.as_bytes(), &ParseOptions::default()).unwrap()
}

fn planner(b: Builtin) -> Planner {
    Planner::builtin(b, &BuiltinOptions::default(), UrlOptions::default()).unwrap()
}

fn counter(buf: &mut [u8]) -> hookseal::Result<()> {
    for (i, b) in buf.iter_mut().enumerate() {
        *b = i as u8;
    }
    Ok(())
}

fn plan(p: &Planner, config: &str, signing: &Config<'_>, event: &str) -> Result<Planned, DeliveryError> {
    p.plan(&json(config), signing, &Message::new(event, BODY, TS), counter)
}

fn deliver(p: &Planner, config: &str, signing: &Config<'_>, event: &str) -> Request {
    match plan(p, config, signing, event) {
        Ok(Planned::Deliver(r)) => r,
        other => panic!("{other:?}"),
    }
}

fn code(p: &Planner, config: &str, signing: &Config<'_>) -> &'static str {
    match plan(p, config, signing, "any") {
        Err(e) => e.code(),
        Ok(other) => panic!("{other:?}"),
    }
}

fn header<'r>(r: &'r Request, name: &str) -> Option<&'r str> {
    r.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

fn names(r: &Request) -> Vec<&str> {
    r.headers.iter().map(|(n, _)| n.as_str()).collect()
}

fn jurichat_scheme() -> Scheme {
    let mut c = CustomScheme::new("X-JuriChat-Signature", Encoding::Hex);
    c.template = "{timestamp}.{body}";
    c.timestamp_header = Some("X-JuriChat-Timestamp");
    c.build().unwrap()
}

fn github<'a>(secrets: &'a [Secret<'a>]) -> Config<'a> {
    Config::new(Scheme::preset("github").unwrap(), secrets)
}

const SECRET: [Secret<'static>; 1] = [Secret::Text("a-secret")];

#[test]
fn jurichat_seed_delivers_signed_with_its_custom_headers() {
    let secrets = [Secret::Text("jurichat-webhook-secret")];
    let signing = Config::new(jurichat_scheme(), &secrets);
    let r = deliver(&planner(Builtin::JuriChat), JURICHAT, &signing, "contact.created");
    assert_eq!(
        (r.url.as_str(), r.method, r.body.as_slice(), r.timestamp),
        ("https://crm.example.com/webhooks/jurichat", "POST", BODY, TS)
    );
    assert_eq!(
        names(&r),
        ["x-jurichat-timestamp", "x-jurichat-signature", "Authorization", "X-Office-Id", "content-type"]
    );
    assert_eq!(header(&r, "authorization"), Some("Bearer crm-token"));
    assert_eq!(header(&r, "content-type"), Some("application/json"));
    assert_eq!(r.id, None);
    let verified = Verifier::new(&signing).unwrap().verify_at(&r.body, &r.headers, TS + 1).unwrap();
    assert_eq!(verified.timestamp, Some(TS));
    // Defaults where JuriChat has none.
    assert_eq!((r.timeout.as_secs(), r.max_retries), (15, 7));
}

#[test]
fn jelou_seed_delivers_with_a_hex_signing_secret_and_its_auth_header() {
    let mut c = CustomScheme::new("X-Jelou-Signature", Encoding::Hex);
    c.key_encoding = KeyEncoding::Hex;
    let secrets = [Secret::Text("a1b2c3d4e5f60718293a4b5c6d7e8f90")];
    let signing = Config::new(c.build().unwrap(), &secrets);
    let r = deliver(&planner(Builtin::Jelou), JELOU, &signing, "message.created");
    assert_eq!(r.url, "https://my-system.com/webhook/jelou");
    assert_eq!(names(&r), ["x-jelou-signature", "authorization", "content-type"]);
    assert_eq!(header(&r, "authorization"), Some("Bearer my-secret-token"));
    Verifier::new(&signing).unwrap().verify_at(&r.body, &r.headers, TS).unwrap();
}

#[test]
fn jelou_auth_types_map_to_headers() {
    let p = planner(Builtin::Jelou);
    let with = |auth: &str| {
        let config = format!(
            r#"{{"webhookUrl": "https://my-system.com/webhook/jelou", "authType": "{auth}", "authorization": "cred"}}"#
        );
        let r = deliver(&p, &config, &github(&SECRET), "e");
        r.headers.into_iter().filter(|(n, _)| n != "x-hub-signature-256" && n != "content-type").collect::<Vec<_>>()
    };
    let pair = |n: &str, v: &str| vec![(n.to_string(), v.to_string())];
    assert_eq!(with("bearer"), pair("authorization", "Bearer cred"));
    assert_eq!(with("basic"), pair("authorization", "Basic cred"));
    assert_eq!(with("api_key"), pair("x-api-key", "cred"));
    assert_eq!(with("no_auth"), vec![]);
    // The seed's shortest request: only webhookUrl, so authType defaults to no_auth.
    let r = deliver(&p, r#"{"webhookUrl": "https://meu-sistema.com/webhook/jelou"}"#, &github(&SECRET), "e");
    assert_eq!(names(&r), ["x-hub-signature-256", "content-type"]);
    // bearer without credentials is refused by Jelou's schema; an empty one by the planner.
    let missing = r#"{"webhookUrl": "https://my-system.com/h", "authType": "bearer"}"#;
    assert_eq!(code(&p, missing, &github(&SECRET)), "invalid_config");
    let empty = r#"{"webhookUrl": "https://my-system.com/h", "authType": "basic", "authorization": ""}"#;
    assert_eq!(code(&p, empty, &github(&SECRET)), "invalid_field");
    let injected =
        r#"{"webhookUrl": "https://my-system.com/h", "authType": "bearer", "authorization": "t\r\nHost: x"}"#;
    assert_eq!(code(&p, injected, &github(&SECRET)), "invalid_header_value");
}

#[test]
fn talkover_seed_carries_timeout_and_retries() {
    let secrets = [Secret::Text("optional_secret_for_hmac")];
    let signing = Config::new(Scheme::preset("stripe").unwrap(), &secrets);
    let p = planner(Builtin::Talkover);
    let r = deliver(&p, TALKOVER, &signing, "event_phone_call_ended");
    assert_eq!(r.url, "https://example.com/webhook");
    assert_eq!(names(&r), ["stripe-signature", "content-type"]);
    assert_eq!((r.timeout.as_secs(), r.max_retries), (30, 3));
    Verifier::new(&signing).unwrap().verify_at(&r.body, &r.headers, TS).unwrap();
    let custom = TALKOVER.replace(r#""timeout": 30, "max_retries": 3"#, r#""timeout": 5, "max_retries": 0"#);
    let r = deliver(&p, &custom, &signing, "event_phone_call_ended");
    assert_eq!((r.timeout.as_secs(), r.max_retries), (5, 0));
    // Absent, the schema's defaults (the seed's "padrão") apply.
    let bare = r#"{"name": "n", "webhook_url": "https://example.com/webhook", "events": ["event_phone_call_started"]}"#;
    let r = deliver(&p, bare, &signing, "event_phone_call_started");
    assert_eq!((r.timeout.as_secs(), r.max_retries), (30, 3));
}

#[test]
fn standard_endpoint_gets_a_generated_id_and_verifies() {
    let secrets = [Secret::Text("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")];
    let signing = Config::new(Scheme::preset("standard").unwrap(), &secrets);
    let p = planner(Builtin::StandardWebhooksEndpoint);
    let r = deliver(&p, STANDARD, &signing, "invoice.paid");
    assert_eq!(names(&r), ["webhook-id", "webhook-timestamp", "webhook-signature", "X-Tenant", "content-type"]);
    let id = r.id.clone().unwrap();
    assert_eq!(id, hookseal::generate_message_id(counter).unwrap());
    assert_eq!(header(&r, "webhook-id"), Some(id.as_str()));
    let verified = Verifier::new(&signing).unwrap().verify_at(&r.body, &r.headers, TS).unwrap();
    assert_eq!(verified.id.as_deref(), Some(id.as_str()));
    // A given id is used as it is; a malformed one is the signer's error.
    let given = Message { id: Some("msg_given"), ..Message::new("invoice.paid", BODY, TS) };
    let r = p.plan(&json(STANDARD), &signing, &given, |_| panic!("no id to generate")).unwrap();
    assert_eq!(r.request().unwrap().id.as_deref(), Some("msg_given"));
    let bad = Message { id: Some("has space"), ..given };
    assert_eq!(p.plan(&json(STANDARD), &signing, &bad, counter).unwrap_err().code(), "invalid_options");
    // A failing random source is reported, not papered over.
    let failing = |_: &mut [u8]| Err(hookseal::Error::new(hookseal::Code::InvalidOptions, "no entropy"));
    let err = p.plan(&json(STANDARD), &signing, &Message::new("invoice.paid", BODY, TS), failing).unwrap_err();
    assert_eq!(err.code(), "invalid_options");
}

#[test]
fn a_scheme_without_ids_gets_none_and_never_asks_for_randomness() {
    let p = planner(Builtin::Talkover);
    let r = p.plan(&json(TALKOVER), &github(&SECRET), &Message::new("event_phone_call_ended", BODY, TS), |_| {
        panic!("github sends no id")
    });
    assert_eq!(r.unwrap().request().unwrap().id, None);
}

#[test]
fn square_signs_the_configured_url() {
    let secrets = [Secret::Text("square-key")];
    let signing = Config::new(Scheme::preset("square").unwrap(), &secrets);
    let r = deliver(&planner(Builtin::Talkover), TALKOVER, &signing, "event_phone_call_ended");
    let receiver = Config { notification_url: Some("https://example.com/webhook"), ..signing.clone() };
    Verifier::new(&receiver).unwrap().verify_at(&r.body, &r.headers, TS).unwrap();
}

#[test]
fn not_delivered_reasons() {
    let skip = |b: Builtin, config: &str, event: &str| match plan(&planner(b), config, &github(&SECRET), event) {
        Ok(Planned::Skip(reason)) => Some(reason.code()),
        Ok(Planned::Deliver(_)) => None,
        Err(e) => panic!("{e}"),
    };
    let off = JURICHAT.replace(r#""isActive": true"#, r#""isActive": false"#);
    assert_eq!(skip(Builtin::JuriChat, &off, "contact.created"), Some("endpoint_disabled"));
    assert_eq!(skip(Builtin::JuriChat, JURICHAT, "contact.deleted"), Some("event_not_subscribed"));
    assert_eq!(skip(Builtin::JuriChat, JURICHAT, "crm.lead.created"), None);
    let off = TALKOVER.replace(r#""enabled": true"#, r#""enabled": false"#);
    assert_eq!(skip(Builtin::Talkover, &off, "event_phone_call_ended"), Some("endpoint_disabled"));
    let off = STANDARD.replace(r#""uid""#, r#""disabled": true, "uid""#);
    assert_eq!(skip(Builtin::StandardWebhooksEndpoint, &off, "invoice.paid"), Some("endpoint_disabled"));
    let on = STANDARD.replace(r#""uid""#, r#""disabled": false, "uid""#);
    assert_eq!(skip(Builtin::StandardWebhooksEndpoint, &on, "invoice.paid"), None);
    assert_eq!(skip(Builtin::StandardWebhooksEndpoint, STANDARD, "Invoice.Paid"), Some("event_not_subscribed"));
    // No event list: every event (standard without filterTypes, Jelou).
    let all = r#"{"url": "https://hooks.example.com/svix"}"#;
    assert_eq!(skip(Builtin::StandardWebhooksEndpoint, all, "anything.at.all"), None);
    assert_eq!(skip(Builtin::Jelou, JELOU, "anything.at.all"), None);
    // Disabled wins over unsubscribed.
    let off = JURICHAT.replace(r#""isActive": true"#, r#""isActive": false"#);
    assert_eq!(skip(Builtin::JuriChat, &off, "contact.deleted"), Some("endpoint_disabled"));
    assert_eq!(NotDelivered::EndpointDisabled.to_string(), "the endpoint is disabled (endpoint_disabled)");
}

#[test]
fn a_broken_config_is_an_error_even_for_a_message_it_would_skip() {
    let p = planner(Builtin::JuriChat);
    let off = JURICHAT.replace(r#""isActive": true"#, r#""isActive": false"#);
    let broken = off.replace("https://crm.example.com", "https://127.0.0.1");
    assert_eq!(code(&p, &broken, &github(&SECRET)), "loopback_address");
    assert_eq!(code(&p, &off, &github(&[Secret::Text("")])), "invalid_secret");
}

#[test]
fn invalid_configs_are_refused_with_the_validation() {
    let p = planner(Builtin::Talkover);
    let err = plan(&p, r#"{"name": "My Webhook", "events": []}"#, &github(&SECRET), "e").unwrap_err();
    assert_eq!(err.code(), "invalid_config");
    let v = err.validation().unwrap();
    assert_eq!(v.response.as_ref().map(|r| r.status), Some(422));
    assert!(v.field_errors.iter().any(|(f, _)| f == "webhook_url"));
    assert!(err.to_string().starts_with("the endpoint configuration does not satisfy its schema: at "), "{err}");
    let slow = TALKOVER.replace(r#""timeout": 30"#, r#""timeout": 121"#);
    assert_eq!(code(&p, &slow, &github(&SECRET)), "invalid_config");
    assert_eq!(code(&planner(Builtin::JuriChat), "[]", &github(&SECRET)), "invalid_config");
}

#[test]
fn unsafe_urls_are_refused_unless_allowed() {
    let loose = |b: Builtin, allow_http, allow_private| {
        Planner::builtin(b, &BuiltinOptions::default(), UrlOptions { allow_http, allow_private }).unwrap()
    };
    let cases = [
        (Builtin::JuriChat, JURICHAT, "https://crm.example.com/webhooks/jurichat"),
        (Builtin::Jelou, JELOU, "https://my-system.com/webhook/jelou"),
        (Builtin::Talkover, TALKOVER, "https://example.com/webhook"),
        (Builtin::StandardWebhooksEndpoint, STANDARD, "https://hooks.example.com/svix"),
    ];
    let event = |b: Builtin| if b == Builtin::Talkover { "event_phone_call_ended" } else { "invoice.paid" };
    let jurichat_event = |b: Builtin| if b == Builtin::JuriChat { "contact.created" } else { event(b) };
    for (b, config, url) in cases {
        let at = |target: &str| config.replace(url, target);
        let strict = planner(b);
        assert_eq!(code(&strict, &at("https://10.0.0.7/hook"), &github(&SECRET)), "private_address", "{b:?}");
        assert_eq!(code(&strict, &at("https://[::1]/hook"), &github(&SECRET)), "loopback_address", "{b:?}");
        assert_eq!(code(&strict, &at("https://0x7f.1/hook"), &github(&SECRET)), "loopback_address", "{b:?}");
        assert_eq!(code(&strict, &at("https://user:pw@example.com/"), &github(&SECRET)), "credentials_in_url");
        let local = at("http://localhost:3001/webhooks/");
        assert_eq!(code(&strict, &local, &github(&SECRET)), "insecure_scheme", "{b:?}");
        assert_eq!(code(&loose(b, true, false), &local, &github(&SECRET)), "localhost", "{b:?}");
        assert_eq!(code(&loose(b, false, true), &local, &github(&SECRET)), "insecure_scheme", "{b:?}");
        let r = deliver(&loose(b, true, true), &local, &github(&SECRET), jurichat_event(b));
        assert_eq!(r.url, "http://localhost:3001/webhooks/");
        let private = at("https://10.0.0.7/hook");
        assert_eq!(
            deliver(&loose(b, false, true), &private, &github(&SECRET), jurichat_event(b)).url,
            "https://10.0.0.7/hook"
        );
        // allow_private never lets through addresses nothing can be delivered to.
        assert_eq!(code(&loose(b, true, true), &at("https://0.0.0.0/"), &github(&SECRET)), "unspecified_address");
    }
}

#[test]
fn a_custom_schema_with_webhook_url_keeps_the_strict_policy() {
    let schema =
        Schema::compile_json(br#"{"type": "object", "properties": {"to": {"format": "webhook-url"}}}"#).unwrap();
    let p = Planner::new(schema, Fields::new("to"), UrlOptions { allow_http: true, allow_private: true });
    assert_eq!(code(&p, r#"{"to": "http://localhost/"}"#, &github(&SECRET)), "invalid_config");
}

/// A schema that lets any header through, so the planner's own checks are what refuses.
fn open_headers() -> Planner {
    let schema = Schema::compile_json(br#"{"type": "object", "required": ["url"]}"#).unwrap();
    let fields = Fields { headers: Some("headers".into()), ..Fields::new("url") };
    Planner::new(schema, fields, UrlOptions::default())
}

fn with_headers(headers: &str) -> String {
    format!(r#"{{"url": "https://example.com/h", "headers": {headers}}}"#)
}

#[test]
fn reserved_invalid_and_duplicate_headers_are_refused() {
    let p = open_headers();
    for (headers, expected) in [
        (r#"{"Content-Length": "5"}"#, "reserved_header"),
        (r#"{"Host": "internal"}"#, "reserved_header"),
        (r#"{"webhook-signature": "v1,forged"}"#, "reserved_header"),
        (r#"{"Transfer-Encoding": "chunked"}"#, "reserved_header"),
        (r#"{"Bad Name": "1"}"#, "invalid_header_name"),
        (r#"{"X-Evil": "1\r\nHost: x"}"#, "invalid_header_value"),
        (r#"{"X-Tenant": "a", "x-tenant": "b"}"#, "duplicate_header"),
        (r#"{"Content-Type": "text/plain"}"#, "duplicate_header"),
        (r#"{"X-HUB-SIGNATURE-256": "sha256=0"}"#, "reserved_header"),
    ] {
        assert_eq!(code(&p, &with_headers(headers), &github(&SECRET)), expected, "{headers}");
    }
    // A custom scheme's headers are not on the reserved list, but a custom header cannot take them.
    let signing = Config::new(jurichat_scheme(), &SECRET);
    let clash = with_headers(r#"{"x-jurichat-timestamp": "0"}"#);
    assert_eq!(code(&p, &clash, &signing), "duplicate_header");
    let mut talk = CustomScheme::new("X-Talkover-Signature", Encoding::Hex);
    talk.prefix = "sha256=";
    let signing = Config::new(talk.build().unwrap(), &SECRET);
    let err = plan(&p, &with_headers(r#"{"X-TALKOVER-signature": "x"}"#), &signing, "e").unwrap_err();
    assert_eq!(err, DeliveryError::DuplicateHeader { name: "X-TALKOVER-signature".into() });
    // The built-in schemas refuse reserved names themselves, before the planner looks.
    let jurichat = JURICHAT.replace(r#""X-Office-Id""#, r#""Host""#);
    assert_eq!(code(&planner(Builtin::JuriChat), &jurichat, &github(&SECRET)), "invalid_config");
    let dup = JURICHAT.replace(r#""X-Office-Id""#, r#""authorization""#);
    assert_eq!(code(&planner(Builtin::JuriChat), &dup, &github(&SECRET)), "duplicate_header");
}

#[test]
fn the_auth_header_is_unique_against_custom_headers() {
    let schema = Schema::compile_json(br#"{"type": "object"}"#).unwrap();
    let fields = Fields {
        headers: Some("headers".into()),
        auth: Some(hookseal::delivery::AuthFields { kind: "authType".into(), credentials: "authorization".into() }),
        ..Fields::new("url")
    };
    let p = Planner::new(schema, fields, UrlOptions::default());
    let config = r#"{"url": "https://example.com/h", "authType": "api_key", "authorization": "k",
        "headers": {"X-Api-Key": "other"}}"#;
    assert_eq!(code(&p, config, &github(&SECRET)), "duplicate_header");
    let fine = config.replace("X-Api-Key", "X-Trace");
    let r = deliver(&p, &fine, &github(&SECRET), "e");
    assert_eq!(names(&r), ["x-hub-signature-256", "X-Trace", "x-api-key", "content-type"]);
}

#[test]
fn messages_and_debug_output_hold_no_secrets() {
    let r = deliver(&planner(Builtin::Jelou), JELOU, &github(&[Secret::Text("hmac-key-123")]), "e");
    let debug = format!("{r:?}");
    assert!(!debug.contains("my-secret-token") && !debug.contains("my-system.com"), "{debug}");
    let p = planner(Builtin::Jelou);
    let bad = JELOU.replace("https://my-system.com", "ftp://my-system.com");
    let err = plan(&p, &bad, &github(&[Secret::Text("hmac-key-123")]), "e").unwrap_err();
    for text in [err.to_string(), format!("{err:?}")] {
        assert!(!text.contains("my-secret-token") && !text.contains("hmac-key-123"), "{text}");
    }
    let err = plan(&p, JELOU, &Config::new(Scheme::preset("standard").unwrap(), &[Secret::Text("whsec_!!")]), "e");
    let err = err.unwrap_err();
    assert_eq!(err.code(), "invalid_secret");
    assert!(!err.to_string().contains("!!"));
}
