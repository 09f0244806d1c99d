//! The safe-URL policy (`check_webhook_url` and the `webhook-url` format): a table of allowed and
//! refused URLs with each refusal's code, the options, and a cross-check of the IPv4 ranges
//! against the standard library's classification.

use hookseal::schema::{
    check_webhook_url, check_webhook_url_with_limits, whatwg_url, Schema, UrlLimits, UrlOptions, UrlRefusal,
    DEFAULT_MAX_URL_LEN,
};
use proptest::prelude::*;
use std::net::Ipv4Addr;

const STRICT: UrlOptions = UrlOptions { allow_http: false, allow_private: false };

/// `(url, expected code or "ok")` under the default (strict) options, from the table that the
/// Node tests also run through the wasm build (the host's `URL` parser).
fn rows() -> Vec<(String, String)> {
    let doc: serde_json::Value = serde_json::from_str(include_str!("data/url_policy.json")).expect("table parses");
    doc["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| (row[0].as_str().unwrap().into(), row[1].as_str().unwrap().into()))
        .collect()
}

fn code(url: &str, options: UrlOptions) -> &'static str {
    match check_webhook_url(url, options) {
        Ok(()) => "ok",
        Err(r) => r.code(),
    }
}

#[test]
fn table() {
    let table = rows();
    assert!(table.len() >= 40);
    let mut wrong = Vec::new();
    for (url, expected) in &table {
        let got = code(url, STRICT);
        if got != expected {
            wrong.push(format!("{url:?}: expected {expected}, got {got}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_refusal_has_its_own_code_and_a_message() {
    let table = rows();
    let mut codes: Vec<&str> = table.iter().map(|(_, c)| c.as_str()).filter(|c| *c != "ok").collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), 19, "{codes:?}");
    for (url, _) in &table {
        if let Err(r) = check_webhook_url(url, STRICT) {
            assert!(!r.message().is_empty());
        }
    }
}

#[test]
fn options() {
    let http = UrlOptions { allow_http: true, allow_private: false };
    let private = UrlOptions { allow_http: false, allow_private: true };
    let both = UrlOptions { allow_http: true, allow_private: true };
    assert_eq!(code("http://example.com/", http), "ok");
    assert_eq!(code("http://127.0.0.1/", http), "loopback_address");
    assert_eq!(code("ftp://example.com/", http), "unsupported_scheme");
    for url in [
        "https://localhost/",
        "https://127.0.0.1/",
        "https://10.0.0.1/",
        "https://[fd00::1]/",
        "https://169.254.1.1/",
        "https://100.64.0.1/",
    ] {
        assert_eq!(code(url, private), "ok", "{url}");
    }
    // Never deliverable, even for local development.
    assert_eq!(code("https://0.0.0.0/", private), "unspecified_address");
    assert_eq!(code("https://255.255.255.255/", private), "broadcast_address");
    assert_eq!(code("https://224.0.0.1/", private), "multicast_address");
    assert_eq!(code("https://192.0.2.1/", private), "documentation_address");
    assert_eq!(code("https://user@localhost/", private), "credentials_in_url");
    assert_eq!(code("http://localhost/", private), "insecure_scheme");
    assert_eq!(code("http://localhost:3001/webhooks", both), "ok");
    assert_eq!(UrlOptions::default(), STRICT);
}

#[test]
fn the_webhook_url_format_applies_the_same_policy() {
    let doc = hookseal::json::parse(br#"{"format": "webhook-url"}"#, &Default::default()).unwrap();
    let schema = Schema::compile(&doc).unwrap();
    for (url, expected) in rows() {
        let result = schema.validate(&hookseal::json::Value::String(url.clone()));
        assert_eq!(result.valid, expected == "ok", "{url}");
        if !result.valid {
            assert_eq!(result.errors[0].keyword, "format");
            assert_eq!(result.errors[0].params.get("code").and_then(|c| c.as_str()), Some(expected.as_str()));
        }
    }
}

#[test]
fn size_limits_come_before_everything_and_are_configurable() {
    let huge_host = format!("https://{}.example.com/", "a".repeat(10 << 20));
    assert_eq!(check_webhook_url(&huge_host, STRICT), Err(UrlRefusal::UrlTooLong));
    // Even a private or credentialed URL is refused for its size first, with no option to lift it.
    let long_private = format!("https://user@10.0.0.1/{}", "p".repeat(DEFAULT_MAX_URL_LEN));
    let private = UrlOptions { allow_http: false, allow_private: true };
    assert_eq!(check_webhook_url(&long_private, private), Err(UrlRefusal::UrlTooLong));
    let unlimited_length = UrlLimits { max_length: usize::MAX, ..UrlLimits::default() };
    let check = |url: &str, limits: &UrlLimits| check_webhook_url_with_limits(whatwg_url, url, STRICT, limits);
    assert_eq!(check(&huge_host, &unlimited_length), Err(UrlRefusal::HostTooLong));
    let long_label = format!("https://{}.example.com/", "a".repeat(64));
    assert_eq!(check(&long_label, &unlimited_length), Err(UrlRefusal::LabelTooLong));
    let many_labels = format!("https://{}com/", "a.".repeat(150));
    assert_eq!(check(&many_labels, &unlimited_length), Err(UrlRefusal::HostTooLong));
    let generous = UrlLimits { max_length: usize::MAX, max_host_length: usize::MAX, max_label_length: usize::MAX };
    assert_eq!(check(&many_labels, &generous), Ok(()));
    assert_eq!(check(&long_label, &generous), Ok(()));
    let tight = UrlLimits { max_length: 30, max_host_length: 12, max_label_length: 7 };
    assert_eq!(check("https://example.com/", &tight), Ok(()));
    assert_eq!(check("https://examples.com/", &tight), Err(UrlRefusal::LabelTooLong));
    assert_eq!(check("https://a.example.com/", &tight), Err(UrlRefusal::HostTooLong));
    assert_eq!(check("https://example.com/0123456789a", &tight), Err(UrlRefusal::UrlTooLong));
    assert_eq!(UrlLimits::default(), UrlLimits { max_length: 2048, max_host_length: 253, max_label_length: 63 });
}

proptest! {
    /// Every IPv4 address the standard library calls private, loopback, link-local, multicast,
    /// broadcast, documentation or unspecified is refused with the matching code; addresses
    /// outside every special range are allowed.
    #[test]
    fn ipv4_ranges_agree_with_std(bits in any::<u32>()) {
        let ip = Ipv4Addr::from(bits);
        let got = code(&format!("https://{ip}/"), STRICT);
        let [a, b, ..] = ip.octets();
        let expected = if ip.is_unspecified() || a == 0 { "unspecified_address" }
            else if ip.is_loopback() { "loopback_address" }
            else if ip.is_private() { "private_address" }
            else if ip.is_link_local() { "link_local_address" }
            else if a == 100 && (64..128).contains(&b) { "shared_address" }
            else if ip.is_broadcast() { "broadcast_address" }
            else if ip.is_documentation() || (a == 233 && b == 252 && ip.octets()[2] == 0) { "documentation_address" }
            else if ip.is_multicast() { "multicast_address" }
            else if a >= 240 || (a == 192 && b == 0 && ip.octets()[2] == 0) || (a == 198 && (18..20).contains(&b))
                || (a == 192 && b == 88 && ip.octets()[2] == 99) { "reserved_address" }
            else { "ok" };
        prop_assert_eq!(got, expected, "{}", ip);
    }

    /// The same through IPv4-mapped IPv6: the embedded address decides.
    #[test]
    fn mapped_ipv6_is_judged_by_its_ipv4(bits in any::<u32>()) {
        let ip = Ipv4Addr::from(bits);
        prop_assert_eq!(code(&format!("https://[::ffff:{ip}]/"), STRICT), code(&format!("https://{ip}/"), STRICT));
    }
}
