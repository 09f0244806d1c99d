//! The safe-URL policy (`check_webhook_url` and the `webhook-url` format): a table of allowed and
//! refused URLs with each refusal's code, the options, and a cross-check of the IPv4 ranges
//! against the standard library's classification.

use hookseal::schema::{check_webhook_url, Schema, UrlOptions};
use proptest::prelude::*;
use std::net::Ipv4Addr;

const STRICT: UrlOptions = UrlOptions {
    allow_http: false,
    allow_private: false,
};

/// `(url, expected code or "ok")` under the default (strict) options.
const TABLE: &[(&str, &str)] = &[
    // Allowed.
    ("https://example.com/webhook", "ok"),
    ("https://example.com:8443/hooks?tenant=1", "ok"),
    ("https://hooks.sub.example.co.uk/path#frag", "ok"),
    ("HTTPS://EXAMPLE.COM/", "ok"),
    ("https://8.8.8.8/hook", "ok"),
    ("https://1.1.1.1:443/", "ok"),
    ("https://[2606:4700:4700::1111]/hook", "ok"),
    ("https://[::ffff:8.8.8.8]/", "ok"),
    ("https://xn--nxasmq6b.com/", "ok"),
    ("https://bücher.example/", "unicode_host"),
    ("https://xn--bcher-kva.example/", "ok"),
    ("https://localhost.example.com/", "ok"),
    ("https://172.32.0.1/", "ok"),
    ("https://100.128.0.1/", "ok"),
    ("https://192.169.0.1/", "ok"),
    // Not URLs.
    ("", "invalid_url"),
    ("not a url", "invalid_url"),
    ("https://", "invalid_url"),
    ("https://exa mple.com/", "invalid_url"),
    ("https://[::1/", "invalid_url"),
    ("https://1.2.3.256/", "invalid_url"),
    ("//example.com/hook", "invalid_url"),
    // Schemes.
    ("http://example.com/", "insecure_scheme"),
    ("ftp://example.com/", "unsupported_scheme"),
    ("javascript:alert(1)", "unsupported_scheme"),
    ("file:///etc/passwd", "unsupported_scheme"),
    ("wss://example.com/", "unsupported_scheme"),
    // Credentials.
    ("https://user:pass@example.com/", "credentials_in_url"),
    ("https://user@example.com/", "credentials_in_url"),
    ("https://:secret@example.com/", "credentials_in_url"),
    // localhost, in any spelling.
    ("https://localhost/", "localhost"),
    ("https://localhost./", "localhost"),
    ("https://LOCALHOST:8443/hook", "localhost"),
    ("https://api.localhost/", "localhost"),
    ("https://api.localhost./", "localhost"),
    // Loopback, including alternate IPv4 spellings and IPv4-mapped IPv6.
    ("https://127.0.0.1/", "loopback_address"),
    ("https://127.255.255.254/", "loopback_address"),
    ("https://127.1/", "loopback_address"),
    ("https://0x7f.1/", "loopback_address"),
    ("https://2130706433/", "loopback_address"),
    ("https://0177.0.0.1/", "loopback_address"),
    ("https://0x7f000001/", "loopback_address"),
    ("https://[::1]/", "loopback_address"),
    ("https://[::ffff:127.0.0.1]/", "loopback_address"),
    ("https://[0:0:0:0:0:ffff:7f00:1]/", "loopback_address"),
    ("https://[::127.0.0.1]/", "loopback_address"),
    // Private networks.
    ("https://10.0.0.1/", "private_address"),
    ("https://0xa000001/", "private_address"),
    ("https://172.16.0.1/", "private_address"),
    ("https://172.31.255.255/", "private_address"),
    ("https://192.168.1.1/", "private_address"),
    ("https://[::ffff:10.1.2.3]/", "private_address"),
    ("https://[64:ff9b::a00:1]/", "private_address"),
    ("https://[2002:c0a8:101::1]/", "private_address"),
    ("https://[fec0::1]/", "private_address"),
    // Link-local (cloud metadata endpoints live here).
    (
        "https://169.254.169.254/latest/meta-data/",
        "link_local_address",
    ),
    ("https://[fe80::1]/", "link_local_address"),
    ("https://[febf::1]/", "link_local_address"),
    // Unique-local IPv6.
    ("https://[fc00::1]/", "unique_local_address"),
    ("https://[fd12:3456::1]/", "unique_local_address"),
    // Carrier-grade NAT.
    ("https://100.64.0.1/", "shared_address"),
    ("https://100.127.255.255/", "shared_address"),
    // Unspecified.
    ("https://0.0.0.0/", "unspecified_address"),
    ("https://0/", "unspecified_address"),
    ("https://0.1.2.3/", "unspecified_address"),
    ("https://[::]/", "unspecified_address"),
    // Multicast and broadcast.
    ("https://224.0.0.1/", "multicast_address"),
    ("https://239.255.255.250/", "multicast_address"),
    ("https://[ff02::1]/", "multicast_address"),
    ("https://255.255.255.255/", "broadcast_address"),
    // Documentation ranges.
    ("https://192.0.2.1/", "documentation_address"),
    ("https://198.51.100.7/", "documentation_address"),
    ("https://203.0.113.9/", "documentation_address"),
    ("https://[2001:db8::1]/", "documentation_address"),
    // Other special-purpose ranges.
    ("https://240.0.0.1/", "reserved_address"),
    ("https://198.18.0.1/", "reserved_address"),
    ("https://192.0.0.8/", "reserved_address"),
    ("https://[100::1]/", "reserved_address"),
];

fn code(url: &str, options: UrlOptions) -> &'static str {
    match check_webhook_url(url, options) {
        Ok(()) => "ok",
        Err(r) => r.code(),
    }
}

#[test]
fn table() {
    assert!(TABLE.len() >= 40);
    let mut wrong = Vec::new();
    for (url, expected) in TABLE {
        let got = code(url, STRICT);
        if got != *expected {
            wrong.push(format!("{url:?}: expected {expected}, got {got}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_refusal_has_its_own_code_and_a_message() {
    let mut codes: Vec<&str> = TABLE
        .iter()
        .map(|(_, c)| *c)
        .filter(|c| *c != "ok")
        .collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), 16, "{codes:?}");
    for (url, _) in TABLE {
        if let Err(r) = check_webhook_url(url, STRICT) {
            assert!(!r.message().is_empty());
        }
    }
}

#[test]
fn options() {
    let http = UrlOptions {
        allow_http: true,
        allow_private: false,
    };
    let private = UrlOptions {
        allow_http: false,
        allow_private: true,
    };
    let both = UrlOptions {
        allow_http: true,
        allow_private: true,
    };
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
    assert_eq!(
        code("https://255.255.255.255/", private),
        "broadcast_address"
    );
    assert_eq!(code("https://224.0.0.1/", private), "multicast_address");
    assert_eq!(code("https://192.0.2.1/", private), "documentation_address");
    assert_eq!(
        code("https://user@localhost/", private),
        "credentials_in_url"
    );
    assert_eq!(code("http://localhost/", private), "insecure_scheme");
    assert_eq!(code("http://localhost:3001/webhooks", both), "ok");
    assert_eq!(UrlOptions::default(), STRICT);
}

#[test]
fn the_webhook_url_format_applies_the_same_policy() {
    let doc = hookseal::json::parse(br#"{"format": "webhook-url"}"#, &Default::default()).unwrap();
    let schema = Schema::compile(&doc).unwrap();
    for (url, expected) in TABLE {
        let result = schema.validate(&hookseal::json::Value::String((*url).into()));
        assert_eq!(result.valid, *expected == "ok", "{url}");
        if !result.valid {
            assert_eq!(result.errors[0].keyword, "format");
            assert_eq!(
                result.errors[0].params.get("code").and_then(|c| c.as_str()),
                Some(*expected)
            );
        }
    }
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
