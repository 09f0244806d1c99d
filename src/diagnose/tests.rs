//! Each finding on its own: a delivery signed correctly, one mistake made on the way, and the
//! finding that names it; plus the wrong secret that must get no specific finding.

use alloc::string::String;
use alloc::vec::Vec;
use alloc::{format, vec};

use super::*;
use crate::Signer;

const NOW: i64 = 1_700_000_000;
const TEXT_SECRET: &str = "It's a Secret to Everybody";
const WHSEC: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const BODY: &str = r#"{"type":"invoice.paid","data":{"amount":1250,"note":"café"}}"#;

type Pairs = Vec<(String, String)>;

fn preset(name: &str) -> Scheme {
    Scheme::preset(name).unwrap()
}

/// Headers for `body` signed by `scheme` with `secret` at `timestamp`.
fn sign(scheme: &str, secret: Secret<'_>, body: &[u8], timestamp: i64) -> Pairs {
    let secrets = [secret];
    let mut config = Config::new(preset(scheme), &secrets);
    config.notification_url = Some("https://example.com/hook");
    Signer::new(&config).unwrap().sign_at(body, Some("msg_1"), timestamp).unwrap()
}

/// Diagnoses and checks what every diagnosis must hold: no message echoes a secret.
fn diagnose(scheme: Option<&str>, secrets: &[Secret<'_>], body: &[u8], headers: &Pairs) -> Diagnosis {
    let mut options = DiagnoseOptions::new(scheme.map(preset), secrets);
    options.notification_url = Some("https://example.com/hook");
    let d = diagnose_at(&options, body, headers, NOW);
    for finding in &d.findings {
        assert!(finding.message.ends_with('.'), "{finding:?}");
        for secret in secrets {
            if let Secret::Text(text) = secret {
                let core = text.trim_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
                assert!(!finding.message.contains(core), "message echoes the secret: {finding:?}");
                if let Some(body) = core.strip_prefix("whsec_") {
                    assert!(!finding.message.contains(body), "message echoes the secret: {finding:?}");
                }
            }
        }
    }
    d
}

fn codes(d: &Diagnosis) -> Vec<&'static str> {
    d.findings.iter().map(|f| f.code.as_str()).collect()
}

#[test]
fn a_correct_delivery_is_ok_without_findings() {
    for name in PRESETS {
        let headers = sign(name, Secret::Text(WHSEC), BODY.as_bytes(), NOW);
        let d = diagnose(Some(name), &[Secret::Text(WHSEC)], BODY.as_bytes(), &headers);
        assert!(d.ok, "{name}: {d:?}");
        assert!(d.findings.is_empty(), "{name}: {d:?}");
        // And the scheme is detected from the headers alone.
        let d = diagnose(None, &[Secret::Text(WHSEC)], BODY.as_bytes(), &headers);
        assert_eq!((d.ok, d.scheme.as_deref()), (true, Some(name)));
    }
}

#[test]
fn secret_whitespace() {
    let headers = sign("github", Secret::Text(TEXT_SECRET), BODY.as_bytes(), NOW);
    for padded in [format!("{TEXT_SECRET}\n"), format!("\"{TEXT_SECRET}\""), format!("  {TEXT_SECRET} ")] {
        let d = diagnose(Some("github"), &[Secret::Text(&padded)], BODY.as_bytes(), &headers);
        assert!(!d.ok);
        assert_eq!(codes(&d), ["secret_whitespace"], "{padded:?}");
    }
    let d = diagnose(Some("github"), &[Secret::Text(&format!("{TEXT_SECRET}\r\n"))], BODY.as_bytes(), &headers);
    assert!(d.findings[0].message.contains("a line break"), "{d:?}");
    // A `whsec_` secret with a line break does not even decode: still explained.
    let headers = sign("standard", Secret::Text(WHSEC), BODY.as_bytes(), NOW);
    let d = diagnose(Some("standard"), &[Secret::Text(&format!("'{WHSEC}'\n"))], BODY.as_bytes(), &headers);
    assert_eq!(codes(&d), ["secret_whitespace"]);
    assert!(d.findings[0].message.contains("quotes around it and a line break"));
}

#[test]
fn secret_form() {
    let key = crate::webhook::encoding::decode_base64(&WHSEC.as_bytes()["whsec_".len()..]).unwrap();
    // The sender used the decoded key, the receiver's scheme reads text.
    let headers = sign("github", Secret::Raw(&key), BODY.as_bytes(), NOW);
    let d = diagnose(Some("github"), &[Secret::Text(WHSEC)], BODY.as_bytes(), &headers);
    assert_eq!(codes(&d), ["secret_form"]);
    assert!(d.findings[0].message.contains("base64-decoded bytes after `whsec_`"), "{d:?}");
    // The reverse: a Standard Webhooks receiver, a sender that keyed HMAC with the text.
    let headers = sign("standard", Secret::Raw(WHSEC.as_bytes()), BODY.as_bytes(), NOW);
    let d = diagnose(Some("standard"), &[Secret::Text(WHSEC)], BODY.as_bytes(), &headers);
    assert_eq!(codes(&d), ["secret_form"]);
    assert!(d.findings[0].message.contains("its UTF-8 text"), "{d:?}");
    // Hex: decoded by the sender, used as text by the receiver.
    let hex_secret = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    let headers = sign("stripe", Secret::Raw(&hex::decode(hex_secret).unwrap()), BODY.as_bytes(), NOW);
    let d = diagnose(Some("stripe"), &[Secret::Text(hex_secret)], BODY.as_bytes(), &headers);
    assert_eq!(codes(&d), ["secret_form"]);
    assert!(d.findings[0].message.contains("hex-decoded"), "{d:?}");
    // With rotation, the message names the secret by position.
    let d = diagnose(Some("stripe"), &[Secret::Text("other"), Secret::Text(hex_secret)], BODY.as_bytes(), &headers);
    assert_eq!(codes(&d), ["secret_form"]);
    assert!(d.findings[0].message.starts_with("Secret 1 "), "{d:?}");
}

#[test]
fn timestamp_milliseconds() {
    let millis = NOW * 1000 + 123;
    let headers = sign("stripe", Secret::Text(TEXT_SECRET), BODY.as_bytes(), millis);
    let d = diagnose(Some("stripe"), &[Secret::Text(TEXT_SECRET)], BODY.as_bytes(), &headers);
    assert!(!d.ok);
    assert_eq!(codes(&d), ["timestamp_milliseconds"]);
    assert!(d.findings[0].message.contains(&format!("as seconds it would be {NOW}")), "{d:?}");
    assert!(d.findings[0].message.contains("signature matches"), "{d:?}");
    // With the tolerance off the delivery verifies, and the finding still warns.
    let secrets = [Secret::Text(TEXT_SECRET)];
    let mut options = DiagnoseOptions::new(Some(preset("slack")), &secrets);
    options.tolerance = 0;
    let headers = sign("slack", Secret::Text(TEXT_SECRET), BODY.as_bytes(), millis);
    let d = diagnose_at(&options, BODY.as_bytes(), &headers, NOW);
    assert!(d.ok);
    assert_eq!(codes(&d), ["timestamp_milliseconds"]);
}

#[test]
fn timestamp_outside_tolerance() {
    let headers = sign("standard", Secret::Text(WHSEC), BODY.as_bytes(), NOW - 1000);
    let d = diagnose(Some("standard"), &[Secret::Text(WHSEC)], BODY.as_bytes(), &headers);
    assert_eq!(codes(&d), ["timestamp_outside_tolerance"]);
    let message = &d.findings[0].message;
    assert!(message.contains("1000 s in the past, 700 s beyond the tolerance of 300 s"), "{message}");
    assert!(message.contains("signature itself matches"), "{message}");
    let headers = sign("zoom", Secret::Text(TEXT_SECRET), BODY.as_bytes(), NOW + 400);
    let d = diagnose(Some("zoom"), &[Secret::Text(TEXT_SECRET)], BODY.as_bytes(), &headers);
    assert_eq!(codes(&d), ["timestamp_outside_tolerance"]);
    assert!(d.findings[0].message.contains("400 s in the future, 100 s beyond"), "{d:?}");
    // Late and signed with another secret: both are said, the second without a guess.
    let d = diagnose(Some("zoom"), &[Secret::Text("not the secret")], BODY.as_bytes(), &headers);
    assert_eq!(codes(&d), ["timestamp_outside_tolerance", "no_matching_signature"]);
    assert!(!d.findings[0].message.contains("matches"));
}

#[test]
fn body_reserialized() {
    let value = crate::json::parse(BODY.as_bytes(), &crate::json::ParseOptions::default()).unwrap();
    for form in Form::ALL {
        let sent = reserialize::write(&value, form, 1 << 16, 128).unwrap();
        let headers = sign("shopify", Secret::Text(TEXT_SECRET), sent.as_bytes(), NOW);
        // The receiver hands over another spelling of the same JSON.
        let received = if form == Form::Compact {
            "{ \"type\": \"invoice.paid\", \"data\": {\"amount\": 1250, \"note\": \"café\"} }"
        } else {
            BODY
        };
        let d = diagnose(Some("shopify"), &[Secret::Text(TEXT_SECRET)], received.as_bytes(), &headers);
        assert_eq!(codes(&d), ["body_reserialized"], "{form:?}");
        assert!(d.findings[0].message.contains(form.describe()), "{form:?}: {d:?}");
        assert!(d.findings[0].message.contains("raw"), "{d:?}");
    }
    // In canonical mode the body is canonicalized anyway: not tried.
    let secrets = [Secret::Text(TEXT_SECRET)];
    let mut options = DiagnoseOptions::new(Some(preset("shopify")), &secrets);
    options.canonical = true;
    let headers = sign("shopify", Secret::Text(TEXT_SECRET), b"{\"a\": 1}", NOW);
    assert_eq!(codes(&diagnose_at(&options, b"{\"a\":1}", &headers, NOW)), ["no_matching_signature"]);
}

#[test]
fn body_not_raw() {
    let headers = sign("github", Secret::Text(TEXT_SECRET), BODY.as_bytes(), NOW);
    let d = diagnose(Some("github"), &[Secret::Text(TEXT_SECRET)], b"[object Object]", &headers);
    assert_eq!(codes(&d), ["body_not_raw", "no_matching_signature"]);
    assert!(d.findings[0].message.contains("`[object Object]`"));
    let d = diagnose(Some("github"), &[Secret::Text(TEXT_SECRET)], b"", &headers);
    assert_eq!(codes(&d), ["body_not_raw", "no_matching_signature"]);
    assert!(d.findings[0].message.starts_with("The payload is empty"));
}

#[test]
fn headers_of_other_scheme() {
    // Stripe picked, GitHub sent: the headers say so, and GitHub verifies.
    let headers = sign("github", Secret::Text(TEXT_SECRET), BODY.as_bytes(), NOW);
    let d = diagnose(Some("stripe"), &[Secret::Text(TEXT_SECRET)], BODY.as_bytes(), &headers);
    assert!(!d.ok);
    assert_eq!(codes(&d), ["headers_of_other_scheme", "missing_header"]);
    assert!(d.findings[0].message.contains("`github` scheme are present (`x-hub-signature-256`)"), "{d:?}");
    assert!(d.findings[0].message.contains("verifies with the `github` scheme"), "{d:?}");
    // A delivery that verifies may still carry another scheme's headers: a warning, no advice.
    let mut headers = sign("standard", Secret::Text(WHSEC), BODY.as_bytes(), NOW);
    headers.push((String::from("X-Slack-Signature"), String::from("v0=00")));
    let d = diagnose(Some("standard"), &[Secret::Text(WHSEC)], BODY.as_bytes(), &headers);
    assert!(d.ok);
    assert_eq!(codes(&d), ["headers_of_other_scheme"]);
    assert!(!d.findings[0].message.contains("verifies"));
}

#[test]
fn unsupported_signature_version() {
    let mut headers = sign("standard", Secret::Text(WHSEC), BODY.as_bytes(), NOW);
    for (name, value) in headers.iter_mut() {
        if name == "webhook-signature" {
            *value = value.replace("v1,", "v1a,");
        }
    }
    let d = diagnose(Some("standard"), &[Secret::Text(WHSEC)], BODY.as_bytes(), &headers);
    assert_eq!(codes(&d), ["unsupported_signature_version"]);
    assert!(d.findings[0].message.contains("only `v1a,` signatures"), "{d:?}");
    assert!(d.findings[0].message.contains("ed25519"), "{d:?}");
    let github = vec![(String::from("X-Hub-Signature-256"), String::from("sha1=0123abcd"))];
    let d = diagnose(None, &[Secret::Text(TEXT_SECRET)], BODY.as_bytes(), &github);
    assert_eq!(codes(&d), ["unsupported_signature_version"]);
    assert!(d.findings[0].message.contains("`sha1=`"));
    let stripe = vec![(String::from("Stripe-Signature"), format!("t={NOW},v0=abcd"))];
    let d = diagnose(None, &[Secret::Text(TEXT_SECRET)], BODY.as_bytes(), &stripe);
    assert_eq!(codes(&d), ["unsupported_signature_version"]);
    assert!(d.findings[0].message.contains("`v0=`"));
}

#[test]
fn signature_encoding() {
    // Shopify's base64 signature over the body, sent as GitHub's hex header.
    let shopify = sign("shopify", Secret::Text(TEXT_SECRET), BODY.as_bytes(), NOW);
    let base64 = &shopify[0].1;
    let headers = vec![(String::from("x-hub-signature-256"), format!("sha256={base64}"))];
    let d = diagnose(Some("github"), &[Secret::Text(TEXT_SECRET)], BODY.as_bytes(), &headers);
    assert_eq!(codes(&d), ["signature_encoding"]);
    assert!(d.findings[0].message.contains("written in base64, but the `github` scheme expects hex"), "{d:?}");
    // And the reverse.
    let github = sign("github", Secret::Text(TEXT_SECRET), BODY.as_bytes(), NOW);
    let hex = github[0].1.trim_start_matches("sha256=");
    let headers = vec![(String::from("x-shopify-hmac-sha256"), String::from(hex))];
    let d = diagnose(Some("shopify"), &[Secret::Text(TEXT_SECRET)], BODY.as_bytes(), &headers);
    assert_eq!(codes(&d), ["signature_encoding"]);
}

#[test]
fn verifier_codes_are_findings_when_nothing_more_specific_applies() {
    let secret = [Secret::Text(TEXT_SECRET)];
    let pairs =
        |list: &[(&str, &str)]| list.iter().map(|(n, v)| (String::from(*n), String::from(*v))).collect::<Pairs>();
    let cases: [(&str, Pairs, &str); 4] = [
        ("stripe", pairs(&[]), "missing_header"),
        ("stripe", pairs(&[("stripe-signature", "v1=abc")]), "malformed_header"),
        (
            "slack",
            pairs(&[("x-slack-signature", "v0=aa"), ("x-slack-request-timestamp", "2023-11-14")]),
            "invalid_timestamp",
        ),
        ("github", pairs(&[("x-hub-signature-256", "sha256=00")]), "no_matching_signature"),
    ];
    for (scheme, headers, code) in cases {
        let d = diagnose(Some(scheme), &secret, BODY.as_bytes(), &headers);
        assert!(!d.ok);
        assert_eq!(codes(&d), [code], "{scheme} {headers:?}");
    }
    let no_id = pairs(&[("webhook-signature", "v1,AA=="), ("webhook-timestamp", "1700000000")]);
    let d = diagnose(Some("standard"), &[Secret::Text(WHSEC)], BODY.as_bytes(), &no_id);
    assert_eq!(codes(&d), ["missing_header"]);
    assert!(d.findings[0].message.contains("`webhook-id`"), "{d:?}");
    let headers = sign("standard", Secret::Text(WHSEC), BODY.as_bytes(), NOW);
    let d = diagnose(Some("standard"), &[Secret::Text("not*base64")], BODY.as_bytes(), &headers);
    assert_eq!(codes(&d), ["invalid_secret"]);
    let d = diagnose(Some("standard"), &[], BODY.as_bytes(), &headers);
    assert_eq!(codes(&d), ["invalid_secret"]);
    let options = DiagnoseOptions::new(Some(preset("square")), &secret);
    let d = diagnose_at(&options, BODY.as_bytes(), &pairs(&[("x-square-hmacsha256-signature", "AA==")]), NOW);
    assert_eq!(codes(&d), ["invalid_scheme"]);
    // Nothing to detect from.
    let d = diagnose(None, &secret, BODY.as_bytes(), &pairs(&[("content-type", "application/json")]));
    assert_eq!((d.ok, d.scheme.clone(), codes(&d)), (false, None, vec!["missing_header"]));
}

#[test]
fn a_wrong_secret_gets_no_specific_finding() {
    let bodies: [&[u8]; 2] = [BODY.as_bytes(), b"{\"a\": [1, 2]}"];
    for name in PRESETS {
        for body in bodies {
            let headers = sign(name, Secret::Text(WHSEC), body, NOW);
            for wrong in ["whsec_AAECAwQFBgcICQoLDA0ODxAREhM=", "wrong secret\n", "00ff00ff"] {
                let d = diagnose(Some(name), &[Secret::Text(wrong)], body, &headers);
                // A secret Standard Webhooks cannot decode is refused before any signature.
                let expected =
                    if name == "standard" && wrong.contains(' ') { "invalid_secret" } else { "no_matching_signature" };
                assert_eq!(codes(&d), [expected], "{name} {wrong:?}");
                let tampered: Vec<u8> = body.iter().map(|b| if *b == b'1' { b'2' } else { *b }).collect();
                let d = diagnose(Some(name), &[Secret::Text(WHSEC)], &tampered, &headers);
                assert_eq!(codes(&d), ["no_matching_signature"], "{name} tampered");
            }
        }
    }
}

#[cfg(feature = "ed25519")]
#[test]
fn v1a_is_checked_when_a_public_key_is_given() {
    let pair = crate::webhook::ed25519::generate_key_pair(|b| {
        b.fill(9);
        Ok(())
    })
    .unwrap();
    let headers = sign("standard", Secret::Text(pair.secret_key()), BODY.as_bytes(), NOW);
    assert!(headers.iter().any(|(_, v)| v.starts_with("v1a,")));
    // The public key verifies; alone or beside an HMAC secret, no version finding.
    let d = diagnose(Some("standard"), &[Secret::Text(pair.public_key())], BODY.as_bytes(), &headers);
    assert!(d.ok && d.findings.is_empty(), "{d:?}");
    let d = diagnose(None, &[Secret::Text(WHSEC), Secret::Text(pair.public_key())], BODY.as_bytes(), &headers);
    assert!(d.ok, "{d:?}");
    // Another public key: a plain mismatch, not an unsupported version.
    let other = crate::webhook::ed25519::generate_key_pair(|b| {
        b.fill(10);
        Ok(())
    })
    .unwrap();
    let d = diagnose(Some("standard"), &[Secret::Text(other.public_key())], BODY.as_bytes(), &headers);
    assert_eq!(codes(&d), ["no_matching_signature"]);
    // Only an HMAC secret: the version finding still names what to pass.
    let d = diagnose(Some("standard"), &[Secret::Text(WHSEC)], BODY.as_bytes(), &headers);
    assert_eq!(codes(&d), ["unsupported_signature_version"]);
    assert!(d.findings[0].message.contains("`whpk_…`"), "{d:?}");
    // A public key with a trailing line break is found like any secret with one.
    let padded = format!("{}\n", pair.public_key());
    let d = diagnose(Some("standard"), &[Secret::Text(&padded)], BODY.as_bytes(), &headers);
    assert_eq!(codes(&d), ["secret_whitespace"], "{d:?}");
}
