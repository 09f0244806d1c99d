//! Standard Webhooks v1a (Ed25519): the published vector of `tests/vectors/signatures-v1a.json`,
//! both `whsk_` forms, `whpk_` receivers, rotation across kinds, headers of both versions, the
//! limits, and the split `begin_at`/`finish_with_payload` path.

use hookseal::{ed25519, Code, Config, Limits, Scheme, Secret, Signer, Verifier};
use serde_json::Value;

struct Vector {
    secret_key: String,
    public_key: String,
    id: String,
    timestamp: i64,
    payload: String,
    headers: Vec<(String, String)>,
}

fn vector() -> Vector {
    let text = include_str!("vectors/signatures-v1a.json");
    let json: Value = serde_json::from_str(text).unwrap();
    let v = &json["vectors"][0];
    let s = |k: &str| v[k].as_str().unwrap().to_string();
    Vector {
        secret_key: s("secretKey"),
        public_key: s("publicKey"),
        id: s("id"),
        timestamp: v["timestamp"].as_i64().unwrap(),
        payload: s("payload"),
        headers: v["headers"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().into()))
            .collect(),
    }
}

fn standard() -> Scheme {
    Scheme::preset("standard").unwrap()
}

fn verifier(secrets: &[&str]) -> hookseal::Result<Verifier> {
    let secrets: Vec<Secret<'_>> = secrets.iter().map(|s| Secret::Text(s)).collect();
    Verifier::new(&Config::new(standard(), &secrets))
}

fn signer(secrets: &[&str]) -> hookseal::Result<Signer> {
    let secrets: Vec<Secret<'_>> = secrets.iter().map(|s| Secret::Text(s)).collect();
    Signer::new(&Config::new(standard(), &secrets))
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> &'h str {
    &headers.iter().find(|(k, _)| k == name).unwrap().1
}

fn with_signature(headers: &[(String, String)], value: &str) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(k, v)| (k.clone(), if k == "webhook-signature" { value.to_string() } else { v.clone() }))
        .collect()
}

/// The seed-only (32-byte) `whsk_` form of the vector's 64-byte key.
fn seed_form(secret_key: &str) -> String {
    let body = secret_key.strip_prefix("whsk_").unwrap();
    let bytes = hookseal::encoding::decode_base64(body.as_bytes()).unwrap();
    let mut out = String::from("whsk_");
    hookseal::encoding::encode_base64_into(&bytes[..32], &mut out);
    out
}

#[test]
fn the_published_vector_verifies_and_re_signs() {
    let v = vector();
    assert_eq!(ed25519::public_key_of(&v.secret_key).unwrap(), v.public_key);
    assert_eq!(ed25519::public_key_of(&seed_form(&v.secret_key)).unwrap(), v.public_key);
    for key in [v.public_key.clone(), v.secret_key.clone(), seed_form(&v.secret_key)] {
        let got = verifier(&[&key]).unwrap().verify_at(v.payload.as_bytes(), &v.headers, v.timestamp).unwrap();
        assert_eq!((got.id.as_deref(), got.timestamp, got.secret_index), (Some(v.id.as_str()), Some(v.timestamp), 0));
    }
    // Ed25519 signatures are deterministic: both secret forms sign the vector's header exactly.
    for key in [v.secret_key.clone(), seed_form(&v.secret_key)] {
        let headers = signer(&[&key]).unwrap().sign_at(v.payload.as_bytes(), Some(&v.id), v.timestamp).unwrap();
        assert_eq!(header(&headers, "webhook-signature"), header(&v.headers, "webhook-signature"));
    }
}

#[test]
fn tampering_fails() {
    let v = vector();
    let verifier = verifier(&[&v.public_key]).unwrap();
    let fail = |payload: &[u8], headers: &[(String, String)]| verifier.verify_at(payload, headers, v.timestamp);
    assert_eq!(fail(b"{\"test\": 2432232315}", &v.headers).unwrap_err().code(), Code::NoMatchingSignature);
    let mut other_id = v.headers.clone();
    other_id.iter_mut().find(|(k, _)| k == "webhook-id").unwrap().1.push('x');
    assert_eq!(fail(v.payload.as_bytes(), &other_id).unwrap_err().code(), Code::NoMatchingSignature);
    let mut other_ts = v.headers.clone();
    other_ts.iter_mut().find(|(k, _)| k == "webhook-timestamp").unwrap().1 = (v.timestamp + 1).to_string();
    assert_eq!(fail(v.payload.as_bytes(), &other_ts).unwrap_err().code(), Code::NoMatchingSignature);
    // The same signature as `v1` is an HMAC candidate of the wrong length: no match either.
    let as_v1 = header(&v.headers, "webhook-signature").replace("v1a,", "v1,");
    assert_eq!(
        fail(v.payload.as_bytes(), &with_signature(&v.headers, &as_v1)).unwrap_err().code(),
        Code::NoMatchingSignature
    );
    // Truncated or padded signatures are no candidates.
    let sig = header(&v.headers, "webhook-signature");
    for bad in [&sig[..sig.len() - 4], &format!("{sig}AAAA")[..], "v1a,", "v1a,!!"] {
        assert_eq!(
            fail(v.payload.as_bytes(), &with_signature(&v.headers, bad)).unwrap_err().code(),
            Code::NoMatchingSignature
        );
    }
}

#[test]
fn rotation_across_kinds_reports_the_matching_secret() {
    let v = vector();
    let whsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    let hmac_headers = signer(&[whsec]).unwrap().sign_at(v.payload.as_bytes(), Some(&v.id), v.timestamp).unwrap();
    let both = verifier(&[&v.public_key, whsec]).unwrap();
    assert_eq!(both.verify_at(v.payload.as_bytes(), &v.headers, v.timestamp).unwrap().secret_index, 0);
    assert_eq!(both.verify_at(v.payload.as_bytes(), &hmac_headers, v.timestamp).unwrap().secret_index, 1);
    let reversed = verifier(&[whsec, &v.public_key]).unwrap();
    assert_eq!(reversed.verify_at(v.payload.as_bytes(), &v.headers, v.timestamp).unwrap().secret_index, 1);
    // A sender with both kinds writes both versions in one header, in the secrets' order.
    let headers =
        signer(&[whsec, &v.secret_key]).unwrap().sign_at(v.payload.as_bytes(), Some(&v.id), v.timestamp).unwrap();
    let value = header(&headers, "webhook-signature");
    assert_eq!(
        value,
        format!("{} {}", header(&hmac_headers, "webhook-signature"), header(&v.headers, "webhook-signature"))
    );
    for (secret, index) in [(whsec, 0), (v.public_key.as_str(), 0)] {
        assert_eq!(
            verifier(&[secret]).unwrap().verify_at(v.payload.as_bytes(), &headers, v.timestamp).unwrap().secret_index,
            index
        );
    }
    // An HMAC-only verifier ignores the v1a signature as before.
    let only_v1a = verifier(&[whsec]).unwrap().verify_at(v.payload.as_bytes(), &v.headers, v.timestamp);
    assert_eq!(only_v1a.unwrap_err().code(), Code::NoMatchingSignature);
}

#[test]
fn key_rules() {
    let v = vector();
    // A public key cannot sign.
    let err = signer(&[&v.public_key]).unwrap_err();
    assert_eq!(err.code(), Code::InvalidSecret);
    assert!(!err.message().contains(&v.public_key[5..]));
    // Other schemes refuse v1a keys instead of reading them as HMAC text.
    for name in ["stripe", "github", "slack", "shopify", "zoom"] {
        let secrets = [Secret::Text(&v.public_key)];
        let err = Verifier::new(&Config::new(Scheme::preset(name).unwrap(), &secrets)).unwrap_err();
        assert_eq!(err.code(), Code::InvalidSecret, "{name}");
    }
    let custom = hookseal::CustomScheme::new("x-sig", hookseal::scheme::Encoding::Hex).build().unwrap();
    let secrets = [Secret::Text(&v.secret_key)];
    assert_eq!(Verifier::new(&Config::new(custom, &secrets)).unwrap_err().code(), Code::InvalidSecret);
    // Raw bytes are HMAC keys, whatever they spell.
    let raw = [Secret::Raw(v.public_key.as_bytes())];
    assert!(Verifier::new(&Config::new(standard(), &raw)).is_ok());
    // Wrong lengths and mismatched halves.
    for bad in ["whpk_AAAA", "whsk_AAAA", "whpk_", "whsk_"] {
        assert_eq!(verifier(&[bad]).unwrap_err().code(), Code::InvalidSecret, "{bad}");
    }
}

#[test]
fn v1a_candidates_count_toward_the_limit() {
    let v = vector();
    let sig = header(&v.headers, "webhook-signature");
    let many = [sig; 5].join(" ");
    let headers = with_signature(&v.headers, &many);
    let limits = Limits { signatures: 4, ..Limits::default() };
    let ed = verifier(&[&v.public_key]).unwrap().with_limits(limits);
    assert_eq!(ed.verify_at(v.payload.as_bytes(), &headers, v.timestamp).unwrap_err().code(), Code::TooManySignatures);
    let limits = Limits { signatures: 5, ..Limits::default() };
    assert!(verifier(&[&v.public_key])
        .unwrap()
        .with_limits(limits)
        .verify_at(v.payload.as_bytes(), &headers, v.timestamp)
        .is_ok());
    // A verifier without Ed25519 keys does not check them, so does not count them.
    let hmac = verifier(&["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
        .unwrap()
        .with_limits(Limits { signatures: 4, ..Limits::default() });
    assert_eq!(
        hmac.verify_at(v.payload.as_bytes(), &headers, v.timestamp).unwrap_err().code(),
        Code::NoMatchingSignature
    );
}

#[test]
fn split_verification_with_host_macs() {
    let v = vector();
    let whsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    let verifier = verifier(&[whsec, &v.public_key]).unwrap();
    assert!(verifier.has_ed25519());
    assert_eq!(verifier.mac_count(), 1);
    let pending = verifier.begin_at(v.payload.len(), &v.headers, v.timestamp).unwrap();
    // `finish` alone cannot check a v1a signature: it refuses instead of failing quietly.
    assert_eq!(verifier.finish(pending.clone(), &[[0; 32]]).unwrap_err().code(), Code::InvalidOptions);
    // The MAC of the HMAC secret as a host would compute it (a wrong one here: only v1a matches).
    let got = verifier.finish_with_payload(pending.clone(), &[[0; 32]], v.payload.as_bytes()).unwrap();
    assert_eq!(got.secret_index, 1);
    assert_eq!(
        verifier.finish_with_payload(pending.clone(), &[], v.payload.as_bytes()).unwrap_err().code(),
        Code::InvalidOptions
    );
    let tampered = verifier.finish_with_payload(pending, &[[0; 32]], b"{}").unwrap_err();
    assert_eq!(tampered.code(), Code::NoMatchingSignature);
    // The signer's split path writes what sign_at writes.
    let s = signer(&[whsec, &v.secret_key]).unwrap();
    assert_eq!(s.tag_count(), 1);
    let signing = s.begin(Some(&v.id), v.timestamp).unwrap();
    let (before, after) = s.content_around_body(&signing);
    let key = hookseal::secret::Key::new(&Secret::Text(whsec), hookseal::scheme::KeyEncoding::Whsec, 0).unwrap();
    let mut mac = key.state().mac();
    mac.update(&before);
    mac.update(v.payload.as_bytes());
    mac.update(&after);
    let tag = mac.finalize();
    assert_eq!(s.finish(&signing, &[tag]).unwrap_err().code(), Code::InvalidOptions);
    assert_eq!(
        s.finish_with_payload(&signing, &[tag], v.payload.as_bytes()).unwrap(),
        s.sign_at(v.payload.as_bytes(), Some(&v.id), v.timestamp).unwrap()
    );
}

#[test]
fn canonical_mode_signs_the_canonical_form() {
    let pair = ed25519::generate_key_pair_os().unwrap();
    let sk = [Secret::Text(pair.secret_key())];
    let pk = [Secret::Text(pair.public_key())];
    let mut config = Config::new(standard(), &sk);
    config.canonical = true;
    let headers = Signer::new(&config).unwrap().sign_at(br#"{"b":1,"a":2}"#, Some("msg_1"), 10).unwrap();
    let mut config = Config::new(standard(), &pk);
    config.canonical = true;
    let got = Verifier::new(&config).unwrap().verify_at(b"{ \"a\": 2, \"b\": 1 }", &headers, 10).unwrap();
    assert_eq!(got.secret_index, 0);
}
