//! Verification limits (each refused with its own code) and the split verification a host with a
//! native HMAC uses: `begin_at`, the MAC over `before ‖ body ‖ after`, then `finish`.

use hmac::{Hmac, KeyInit, Mac};
use hookseal::scheme::PRESETS;
use hookseal::{Code, Config, Limits, Scheme, Secret, Signer, Verifier};
use sha2::{Digest, Sha256};

const NOW: i64 = 1_700_000_000;

fn config<'a>(name: &str, secrets: &'a [Secret<'a>]) -> Config<'a> {
    let mut c = Config::new(Scheme::preset(name).unwrap(), secrets);
    c.notification_url = Some("https://example.com/hooks/square");
    c
}

const SECRETS: [Secret<'static>; 2] =
    [Secret::Text("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), Secret::Text("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD")];

#[test]
fn each_limit_has_its_own_code_and_its_boundary_is_inclusive() {
    let body = b"0123456789";
    let signer = Signer::new(&config("standard", &SECRETS)).unwrap();
    let headers = signer.sign_at(body, Some("msg_1"), NOW).unwrap();
    let verifier = |limits: Limits| Verifier::new(&config("standard", &SECRETS)).unwrap().with_limits(limits);
    let code =
        |v: Verifier, body: &[u8], h: &[(String, String)]| v.verify_at(body, h, NOW).map(|_| ()).map_err(|e| e.code());

    let at = |payload_bytes| Limits { payload_bytes, ..Limits::default() };
    assert_eq!(code(verifier(at(10)), body, &headers), Ok(()));
    assert_eq!(code(verifier(at(9)), body, &headers), Err(Code::PayloadTooLarge));

    let header_bytes: usize = headers.iter().map(|(_, v)| v.len()).sum();
    let at = |header_bytes| Limits { header_bytes, ..Limits::default() };
    assert_eq!(code(verifier(at(header_bytes)), body, &headers), Ok(()));
    assert_eq!(code(verifier(at(header_bytes - 1)), body, &headers), Err(Code::HeadersTooLarge));

    // Two signatures (two secrets) in one header.
    let at = |signatures| Limits { signatures, ..Limits::default() };
    assert_eq!(code(verifier(at(2)), body, &headers), Ok(()));
    assert_eq!(code(verifier(at(1)), body, &headers), Err(Code::TooManySignatures));

    // The default refuses a header stuffed with candidates before comparing any.
    let stuffed: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| {
            (k.clone(), if k == "webhook-signature" { format!("{v}{}", " v1,AAAA".repeat(63)) } else { v.clone() })
        })
        .collect();
    assert_eq!(code(verifier(Limits::default()), body, &stuffed), Err(Code::TooManySignatures));
}

#[test]
fn the_payload_limit_is_checked_before_anything_else() {
    let v = Verifier::new(&config("github", &SECRETS[..1]))
        .unwrap()
        .with_limits(Limits { payload_bytes: 3, ..Limits::default() });
    let none: Vec<(&str, &str)> = Vec::new();
    assert_eq!(v.verify_at(b"four", &none, NOW).unwrap_err().code(), Code::PayloadTooLarge);
}

/// HMAC-SHA256 by the `hmac` crate over `before ‖ body ‖ after`: what a host's native HMAC does.
fn host_mac(key: &[u8], before: &[u8], body: &[u8], after: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).unwrap();
    mac.update(before);
    mac.update(body);
    mac.update(after);
    mac.finalize().into_bytes().into()
}

#[test]
fn split_verification_with_a_host_mac_agrees_with_verify_at_in_every_preset() {
    for name in PRESETS {
        let texts: Vec<&str> = if name == "standard" {
            vec!["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"]
        } else {
            vec!["current-secret", "previous-secret"]
        };
        let secrets: Vec<Secret> = texts.iter().map(|t| Secret::Text(t)).collect();
        let keys: Vec<Vec<u8>> = texts
            .iter()
            .map(|t| match t.strip_prefix("whsec_") {
                Some(b64) => base64::Engine::decode(&base64::engine::general_purpose::STANDARD, b64).unwrap(),
                None => t.as_bytes().to_vec(),
            })
            .collect();
        // Signed with the previous secret only: the split path must report index 1.
        let old = [secrets[1].clone()];
        let body = br#"{"event":"ping"}"#;
        let headers = Signer::new(&config(name, &old)).unwrap().sign_at(body, Some("msg_2"), NOW).unwrap();
        let verifier = Verifier::new(&config(name, &secrets)).unwrap();
        let whole = verifier.verify_at(body, &headers, NOW).unwrap();

        let pending = verifier.begin_at(body.len(), &headers, NOW).unwrap();
        let (before, after) = verifier.content_around_body(&pending);
        let tags: Vec<[u8; 32]> = keys.iter().map(|k| host_mac(k, &before, body, &after)).collect();
        assert_eq!(verifier.finish(pending.clone(), &tags).unwrap(), whole, "{name}");
        assert_eq!(whole.secret_index, 1, "{name}");

        // A tampered body fails the same way on both paths; a wrong tag count is refused.
        let tampered: Vec<[u8; 32]> = keys.iter().map(|k| host_mac(k, &before, b"{}", &after)).collect();
        assert_eq!(verifier.finish(pending.clone(), &tampered).unwrap_err().code(), Code::NoMatchingSignature);
        assert_eq!(verifier.verify_at(b"{}", &headers, NOW).unwrap_err().code(), Code::NoMatchingSignature);
        assert_eq!(verifier.finish(pending.clone(), &tags[..1]).unwrap_err().code(), Code::InvalidOptions);

        // The host hashes only the inner message (its key block, then the content): the same answer.
        let inner: Vec<[u8; 32]> = keys.iter().map(|k| host_inner_hash(k, &before, body, &after)).collect();
        assert_eq!(verifier.finish_inner(pending.clone(), &inner).unwrap(), whole, "{name}");
        let tampered: Vec<[u8; 32]> = keys.iter().map(|k| host_inner_hash(k, &before, b"{}", &after)).collect();
        assert_eq!(verifier.finish_inner(pending.clone(), &tampered).unwrap_err().code(), Code::NoMatchingSignature);
        assert_eq!(verifier.finish_inner(pending, &inner[..1]).unwrap_err().code(), Code::InvalidOptions);
    }
}

/// SHA-256 (the `sha2` crate) of the key's inner block then `before ‖ body ‖ after`: HMAC's inner
/// hash, as a host with a native one-shot SHA-256 computes it.
fn host_inner_hash(key: &[u8], before: &[u8], body: &[u8], after: &[u8]) -> [u8; 32] {
    let mut hash = Sha256::new();
    hash.update(hookseal::mac::inner_key_block(key).as_slice());
    hash.update(before);
    hash.update(body);
    hash.update(after);
    hash.finalize().into()
}

#[test]
fn a_signer_finishes_from_inner_hashes_as_from_whole_macs() {
    for name in PRESETS {
        let texts = if name == "standard" {
            ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"]
        } else {
            ["current-secret", "previous-secret"]
        };
        let secrets: Vec<Secret> = texts.iter().map(|t| Secret::Text(t)).collect();
        let signer = Signer::new(&config(name, &secrets)).unwrap();
        let body = br#"{"event":"ping"}"#;
        let id = signer.needs_id().then_some("msg_2");
        let expected = signer.sign_at(body, id, NOW).unwrap();
        let signing = signer.begin(id, NOW).unwrap();
        let (before, after) = signer.content_around_body(&signing);
        let keys: Vec<Vec<u8>> = texts
            .iter()
            .take(signer.tag_count())
            .map(|t| match t.strip_prefix("whsec_") {
                Some(b64) => base64::Engine::decode(&base64::engine::general_purpose::STANDARD, b64).unwrap(),
                None => t.as_bytes().to_vec(),
            })
            .collect();
        let inner: Vec<[u8; 32]> = keys.iter().map(|k| host_inner_hash(k, &before, body, &after)).collect();
        assert_eq!(signer.finish_inner(&signing, &inner).unwrap(), expected, "{name}");
        assert_eq!(signer.finish_inner(&signing, &[]).unwrap_err().code(), Code::InvalidOptions, "{name}");
    }
}
