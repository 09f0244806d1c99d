//! The published vectors in `tests/vectors/signatures.json`: each verifies, re-signs to the
//! same header, and fails with `no_matching_signature` when any signed byte changes.

mod common;

use common::{signature_vectors, SignatureVector};
use hookseal::{Code, Config, Scheme, Secret, Signer, Verifier};

fn setup(v: &SignatureVector) -> (Verifier, Signer) {
    let secrets = [Secret::Text(&v.secret)];
    let config = Config::new(Scheme::preset(&v.scheme).unwrap(), &secrets);
    (Verifier::new(&config).unwrap(), Signer::new(&config).unwrap())
}

fn now(v: &SignatureVector) -> i64 {
    v.timestamp.unwrap_or(1_700_000_000)
}

fn with_header(headers: &[(String, String)], name: &str, value: String) -> Vec<(String, String)> {
    headers.iter().map(|(k, v)| (k.clone(), if k == name { value.clone() } else { v.clone() })).collect()
}

#[test]
fn every_vector_verifies() {
    for v in signature_vectors() {
        let (verifier, _) = setup(&v);
        let got = verifier
            .verify_at(v.payload.as_bytes(), &v.headers, now(&v))
            .unwrap_or_else(|e| panic!("{}: {e}", v.source));
        assert_eq!(got.scheme, v.scheme);
        assert_eq!(got.secret_index, 0);
        assert_eq!(got.timestamp, v.timestamp, "{}", v.source);
        assert_eq!(got.id, v.id, "{}", v.source);
    }
}

#[test]
fn every_vector_re_signs_to_the_published_header() {
    for v in signature_vectors() {
        let (_, signer) = setup(&v);
        let signed = signer.sign_at(v.payload.as_bytes(), v.id.as_deref(), v.timestamp.unwrap_or(0)).unwrap();
        for (name, value) in &signed {
            let published = v.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
            let published = published.unwrap_or_else(|| panic!("{}: signed an unpublished header {name}", v.source));
            if v.scheme == "stripe" {
                // Stripe also publishes a `v0` test signature, which hookseal does not write.
                assert!(published.starts_with(value.as_str()), "{}: {value} vs {published}", v.source);
            } else {
                assert_eq!(value, published, "{}", v.source);
            }
        }
        assert_eq!(signed.len(), v.headers.len(), "{}", v.source);
    }
}

#[test]
fn one_changed_byte_anywhere_fails() {
    for v in signature_vectors() {
        let (verifier, _) = setup(&v);
        let t = now(&v);
        let code = |payload: &[u8], headers: &Vec<(String, String)>, now: i64| match verifier
            .verify_at(payload, headers, now)
        {
            Ok(_) => panic!("{}: verified after a change: {:?}", v.source, headers),
            Err(e) => e.code(),
        };
        // Body: flip each of a spread of bytes.
        let body = v.payload.as_bytes();
        for i in (0..body.len()).step_by(body.len() / 7 + 1) {
            let mut changed = body.to_vec();
            changed[i] ^= 0x01;
            assert_eq!(code(&changed, &v.headers, t), Code::NoMatchingSignature, "{} body[{i}]", v.source);
        }
        let mut longer = body.to_vec();
        longer.push(b' ');
        assert_eq!(code(&longer, &v.headers, t), Code::NoMatchingSignature);
        // Signature: change one character of each candidate.
        for (name, value) in &v.headers {
            if !name.contains("signature") {
                continue;
            }
            // The last character of the signature (Stripe's is followed by its `v0` one).
            let end = value.find(",v0=").unwrap_or(value.len());
            let last = end - if value[..end].ends_with('=') { 2 } else { 1 };
            let mut bytes = value.clone().into_bytes();
            bytes[last] = if bytes[last] == b'a' { b'b' } else { b'a' };
            let headers = with_header(&v.headers, name, String::from_utf8(bytes).unwrap());
            assert_eq!(code(body, &headers, t), Code::NoMatchingSignature, "{} signature", v.source);
        }
        // Id and timestamp, where signed.
        if let Some(id) = &v.id {
            let headers = with_header(&v.headers, "webhook-id", format!("{id}x"));
            assert_eq!(code(body, &headers, t), Code::NoMatchingSignature, "{} id", v.source);
        }
        if let Some(ts) = v.timestamp {
            let headers: Vec<(String, String)> = v
                .headers
                .iter()
                .map(|(k, val)| (k.clone(), val.replace(&ts.to_string(), &(ts + 1).to_string())))
                .collect();
            assert_eq!(code(body, &headers, t), Code::NoMatchingSignature, "{} timestamp", v.source);
        }
    }
}

#[test]
fn missing_headers_are_named() {
    for v in signature_vectors() {
        let (verifier, _) = setup(&v);
        for (name, _) in &v.headers {
            let headers: Vec<_> = v.headers.iter().filter(|(k, _)| k != name).cloned().collect();
            let err = verifier.verify_at(v.payload.as_bytes(), &headers, now(&v)).unwrap_err();
            assert_eq!(err.code(), Code::MissingHeader, "{} without {name}", v.source);
            assert!(err.message().contains(name.as_str()), "{}", err.message());
        }
    }
}

#[test]
fn header_names_are_case_insensitive_and_svix_names_work() {
    for v in signature_vectors() {
        let (verifier, _) = setup(&v);
        let upper: Vec<_> = v.headers.iter().map(|(k, val)| (k.to_uppercase(), val.clone())).collect();
        assert!(verifier.verify_at(v.payload.as_bytes(), &upper, now(&v)).is_ok(), "{}", v.source);
        if v.scheme == "standard" {
            let svix: Vec<_> = v.headers.iter().map(|(k, val)| (k.replace("webhook-", "svix-"), val.clone())).collect();
            assert!(verifier.verify_at(v.payload.as_bytes(), &svix, now(&v)).is_ok());
        }
    }
}
