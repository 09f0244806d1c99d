//! Verification rules beyond the vectors: tolerance, rotation, malformed input, custom schemes.

use hookseal::scheme::{Encoding, PRESETS};
use hookseal::{Code, Config, CustomScheme, Scheme, Secret, Signer, Verifier};

const NOW: i64 = 1_700_000_000;
const BODY: &[u8] = r#"{"type":"contact.created","data":{"name":"Zoë"}}"#.as_bytes();

fn config<'a>(name: &str, secrets: &'a [Secret<'a>]) -> Config<'a> {
    let mut c = Config::new(Scheme::preset(name).unwrap(), secrets);
    c.notification_url = Some("https://example.com/hooks/square");
    c
}

fn secret_for(name: &str) -> &'static str {
    if name == "standard" {
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    } else {
        "a-provider-secret"
    }
}

fn signed(name: &str, at: i64) -> Vec<(String, String)> {
    let secrets = [Secret::Text(secret_for(name))];
    Signer::new(&config(name, &secrets)).unwrap().sign_at(BODY, Some("msg_1"), at).unwrap()
}

fn verify(name: &str, headers: &[(String, String)], now: i64, tolerance: u64) -> Result<usize, Code> {
    let secrets = [Secret::Text(secret_for(name))];
    let v = Verifier::new(&config(name, &secrets)).unwrap().with_tolerance(tolerance);
    v.verify_at(BODY, headers, now).map(|r| r.secret_index).map_err(|e| e.code())
}

fn replace_signature(headers: &[(String, String)], sig_header: &str, value: &str) -> Vec<(String, String)> {
    headers.iter().map(|(k, v)| (k.clone(), if k == sig_header { value.to_string() } else { v.clone() })).collect()
}

#[test]
fn tolerance_boundaries_in_every_timestamped_scheme() {
    for name in PRESETS {
        if !Scheme::preset(name).unwrap().has_timestamp() {
            // Schemes without a signed timestamp accept any age.
            assert_eq!(verify(name, &signed(name, NOW), NOW + 10_000_000, 300), Ok(0));
            continue;
        }
        let h = signed(name, NOW);
        assert_eq!(verify(name, &h, NOW + 300, 300), Ok(0), "{name}");
        assert_eq!(verify(name, &h, NOW - 300, 300), Ok(0), "{name}");
        assert_eq!(verify(name, &h, NOW + 301, 300), Err(Code::TimestampTooOld), "{name}");
        assert_eq!(verify(name, &h, NOW - 301, 300), Err(Code::TimestampTooNew), "{name}");
        assert_eq!(verify(name, &h, NOW + 61, 60), Err(Code::TimestampTooOld), "{name}");
        assert_eq!(verify(name, &h, NOW + 100_000_000, 0), Ok(0), "{name}: 0 disables");
    }
}

#[test]
fn rotation_reports_which_secret_matched() {
    for name in PRESETS {
        let old = if name == "standard" { "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD" } else { "old-secret" };
        let new = secret_for(name);
        let signed_with_old = {
            let s = [Secret::Text(old)];
            Signer::new(&config(name, &s)).unwrap().sign_at(BODY, Some("msg_1"), NOW).unwrap()
        };
        let both = [Secret::Text(new), Secret::Text(old)];
        let verifier = Verifier::new(&config(name, &both)).unwrap();
        assert_eq!(verifier.verify_at(BODY, &signed_with_old, NOW).unwrap().secret_index, 1, "{name}");
        assert_eq!(verifier.verify_at(BODY, &signed(name, NOW), NOW).unwrap().secret_index, 0, "{name}");
        let only_new = [Secret::Text(new)];
        let err = Verifier::new(&config(name, &only_new)).unwrap().verify_at(BODY, &signed_with_old, NOW);
        assert_eq!(err.unwrap_err().code(), Code::NoMatchingSignature, "{name}");
    }
}

#[test]
fn rotation_signs_once_per_secret_where_the_scheme_allows_it() {
    let both = [
        Secret::Text("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
        Secret::Text("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"),
    ];
    let h = Signer::new(&config("standard", &both)).unwrap().sign_at(BODY, Some("msg_1"), NOW).unwrap();
    let sig = &h.iter().find(|(k, _)| k == "webhook-signature").unwrap().1;
    assert_eq!(sig.split(' ').count(), 2);
    assert!(sig.split(' ').all(|s| s.starts_with("v1,")));
    // A receiver that knows only the second secret still verifies.
    let second = [both[1].clone()];
    assert_eq!(Verifier::new(&config("standard", &second)).unwrap().verify_at(BODY, &h, NOW).unwrap().secret_index, 0);
    let stripe = [Secret::Text("one"), Secret::Text("two")];
    let h = Signer::new(&config("stripe", &stripe)).unwrap().sign_at(BODY, None, NOW).unwrap();
    assert_eq!(h[0].1.matches(",v1=").count(), 2);
    let github = [Secret::Text("one"), Secret::Text("two")];
    let h = Signer::new(&config("github", &github)).unwrap().sign_at(BODY, None, NOW).unwrap();
    assert_eq!(h[0].1.matches("sha256=").count(), 1);
}

#[test]
fn empty_short_and_bare_signatures_never_match() {
    let h = signed("standard", NOW);
    for bad in [
        "v1,",
        "v1,Zm9v",
        "v1,====",
        "v2,abc",
        "v1a,abc v2,def",
        "v1, v1,",
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=AAAA",
    ] {
        assert_eq!(
            verify("standard", &replace_signature(&h, "webhook-signature", bad), NOW, 300),
            Err(Code::NoMatchingSignature),
            "{bad:?}"
        );
    }
    for bad in ["", "   ", "abc", "v1"] {
        assert_eq!(
            verify("standard", &replace_signature(&h, "webhook-signature", bad), NOW, 300),
            Err(Code::MalformedHeader),
            "{bad:?}"
        );
    }
    let g = signed("github", NOW);
    assert_eq!(
        verify("github", &replace_signature(&g, "x-hub-signature-256", "sha256="), NOW, 300),
        Err(Code::NoMatchingSignature)
    );
    assert_eq!(
        verify("github", &replace_signature(&g, "x-hub-signature-256", "sha1=abcd"), NOW, 300),
        Err(Code::NoMatchingSignature)
    );
    assert_eq!(
        verify("github", &replace_signature(&g, "x-hub-signature-256", "deadbeef"), NOW, 300),
        Err(Code::MalformedHeader)
    );
    let s = signed("stripe", NOW);
    assert_eq!(
        verify("stripe", &replace_signature(&s, "stripe-signature", "v1=abc"), NOW, 300),
        Err(Code::MalformedHeader)
    );
    assert_eq!(
        verify("stripe", &replace_signature(&s, "stripe-signature", &format!("t={NOW}")), NOW, 300),
        Err(Code::NoMatchingSignature)
    );
    assert_eq!(
        verify("stripe", &replace_signature(&s, "stripe-signature", "t=abc,v1=00"), NOW, 300),
        Err(Code::InvalidTimestamp)
    );
}

#[test]
fn malformed_timestamps_are_invalid() {
    for name in ["standard", "slack", "zoom"] {
        let header = Scheme::preset(name).unwrap().timestamp_header.unwrap().primary().to_string();
        let h = signed(name, NOW);
        for bad in ["", "-1", "1.5e9", "abc", "+1700000000", "99999999999999999999"] {
            let changed: Vec<_> =
                h.iter().map(|(k, v)| (k.clone(), if *k == header { bad.to_string() } else { v.clone() })).collect();
            let got = verify(name, &changed, NOW, 300);
            assert!(matches!(got, Err(Code::InvalidTimestamp | Code::MalformedHeader)), "{name} {bad:?}: {got:?}");
        }
    }
}

#[test]
fn multiple_header_values_are_all_candidates() {
    let h = signed("standard", NOW);
    let mut twice: Vec<_> = replace_signature(&h, "webhook-signature", "v1,AAAA");
    twice.push(h.iter().find(|(k, _)| k == "webhook-signature").unwrap().clone());
    assert_eq!(verify("standard", &twice, NOW, 300), Ok(0));
}

#[test]
fn square_signs_the_notification_url() {
    let s = [Secret::Text("sq-key")];
    let h = Signer::new(&config("square", &s)).unwrap().sign_at(BODY, None, NOW).unwrap();
    let mut other = config("square", &s);
    other.notification_url = Some("https://example.com/other");
    assert_eq!(Verifier::new(&other).unwrap().verify_at(BODY, &h, NOW).unwrap_err().code(), Code::NoMatchingSignature);
    let mut none = config("square", &s);
    none.notification_url = None;
    assert_eq!(Verifier::new(&none).unwrap_err().code(), Code::InvalidScheme);
}

#[test]
fn custom_schemes_round_trip_and_verify_by_hand() {
    let mut custom = CustomScheme::new("X-JuriChat-Signature", Encoding::Hex);
    custom.prefix = "sha256=";
    custom.template = "{timestamp}.{body}";
    custom.timestamp_header = Some("X-JuriChat-Timestamp");
    let secrets = [Secret::Text("jc_secret")];
    let config = Config::new(custom.build().unwrap(), &secrets);
    let h = Signer::new(&config).unwrap().sign_at(BODY, None, NOW).unwrap();
    assert_eq!(h[0].0, "x-jurichat-timestamp");
    assert_eq!(h[1].0, "x-jurichat-signature");
    // Computed independently: the GitHub preset signs `{body}` with the same prefix and encoding.
    let gh_secrets = [Secret::Text("jc_secret")];
    let gh = Config::new(Scheme::preset("github").unwrap(), &gh_secrets);
    let signed_content = [NOW.to_string().as_bytes(), b".", BODY].concat();
    let expected = Signer::new(&gh).unwrap().sign_at(&signed_content, None, 0).unwrap();
    assert_eq!(h[1].1, expected[0].1);
    assert_eq!(Verifier::new(&config).unwrap().verify_at(BODY, &h, NOW).unwrap().timestamp, Some(NOW));
}

#[test]
fn signing_refuses_bad_options() {
    let s = [Secret::Text("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")];
    let signer = Signer::new(&config("standard", &s)).unwrap();
    assert_eq!(signer.sign_at(BODY, None, NOW).unwrap_err().code(), Code::InvalidOptions);
    assert_eq!(signer.sign_at(BODY, Some("a b"), NOW).unwrap_err().code(), Code::InvalidOptions);
    assert_eq!(signer.sign_at(BODY, Some("a\r\nx: y"), NOW).unwrap_err().code(), Code::InvalidOptions);
    assert_eq!(signer.sign_at(BODY, Some("msg"), -1).unwrap_err().code(), Code::InvalidOptions);
    assert_eq!(
        Signer::new(&Config::new(Scheme::preset("github").unwrap(), &[])).unwrap_err().code(),
        Code::InvalidSecret
    );
}

#[cfg(feature = "std")]
#[test]
fn std_clock_and_random_ids() {
    let s = [Secret::Text("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")];
    let c = config("standard", &s);
    let h = Signer::new(&c).unwrap().sign(BODY, None).unwrap();
    let id = &h[0].1;
    assert!(id.starts_with("msg_") && id.len() == 28);
    let again = Signer::new(&c).unwrap().sign(BODY, None).unwrap();
    assert_ne!(again[0].1, *id);
    assert_eq!(Verifier::new(&c).unwrap().verify(BODY, &h).unwrap().id.as_deref(), Some(id.as_str()));
}

#[test]
fn debug_output_of_verifiers_and_signers_hides_secrets() {
    let text = "a-very-distinctive-secret";
    let raw: &[u8] = b"raw-distinctive-key-bytes";
    let secrets = [Secret::Text(text), Secret::Raw(raw)];
    let config = config("github", &secrets);
    let dumps = [
        format!("{:?}", Verifier::new(&config).unwrap()),
        format!("{:?}", Signer::new(&config).unwrap()),
        format!("{config:?}"),
    ];
    for dump in dumps {
        assert!(!dump.contains("distinctive"), "{dump}");
        assert!(!dump.contains(&format!("{:?}", raw)), "{dump}");
    }
}

/// What `verify` reports is signed: every preset's id and timestamp headers are covered by its
/// template (a changed value fails), and a custom scheme that would report an unsigned id or
/// timestamp is refused when built.
#[test]
fn reported_ids_and_timestamps_are_signed() {
    for name in PRESETS {
        let scheme = Scheme::preset(name).unwrap();
        let headers = signed(name, NOW);
        let verified = verify(name, &headers, NOW, 300);
        assert_eq!(verified, Ok(0), "{name}");
        for (header, forged) in [(&scheme.id_header, "msg_forged"), (&scheme.timestamp_header, "1700000001")] {
            let Some(header) = header else { continue };
            let tampered: Vec<(String, String)> = headers
                .iter()
                .map(|(k, v)| (k.clone(), if k == header.primary() { forged.to_string() } else { v.clone() }))
                .collect();
            assert_ne!(tampered, headers, "{name}: {} was not sent", header.primary());
            assert_eq!(verify(name, &tampered, NOW, 300), Err(Code::NoMatchingSignature), "{name}");
        }
    }
    let mut unsigned_id = CustomScheme::new("X-Sig", Encoding::Hex);
    unsigned_id.id_header = Some("X-Id");
    assert_eq!(unsigned_id.build().unwrap_err().code(), Code::InvalidScheme);
    unsigned_id.template = "{timestamp}.{body}";
    unsigned_id.timestamp_header = Some("X-Ts");
    assert_eq!(unsigned_id.build().unwrap_err().code(), Code::InvalidScheme);
    unsigned_id.template = "{id}.{timestamp}.{body}";
    assert!(unsigned_id.build().is_ok());
    let mut unsigned_timestamp = CustomScheme::new("X-Sig", Encoding::Hex);
    unsigned_timestamp.timestamp_header = Some("X-Ts");
    assert_eq!(unsigned_timestamp.build().unwrap_err().code(), Code::InvalidScheme);
}
