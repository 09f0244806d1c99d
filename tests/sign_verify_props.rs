//! Property tests: whatever the body and secret, what a scheme signs it verifies, and a changed
//! body never verifies.

use hookseal::scheme::{Encoding, PRESETS};
use hookseal::secret::SecretFormat;
use hookseal::{Code, Config, CustomScheme, Scheme, Secret, Signer, Verifier};
use proptest::prelude::*;

fn schemes() -> Vec<Scheme> {
    let mut all: Vec<Scheme> = PRESETS.iter().map(|n| Scheme::preset(n).unwrap()).collect();
    let mut custom = CustomScheme::new("X-Custom-Signature", Encoding::Base64);
    custom.template = "{id}:{timestamp}:{url}:{body}";
    custom.timestamp_header = Some("X-Custom-Timestamp");
    custom.id_header = Some("X-Custom-Id");
    custom.prefix = "v9=";
    all.push(custom.build().unwrap());
    all
}

fn whsec(key: &[u8]) -> String {
    hookseal::generate_secret(SecretFormat::Whsec, key.len().max(16), |buf| {
        for (i, b) in buf.iter_mut().enumerate() {
            *b = key.get(i % key.len()).copied().unwrap_or(0);
        }
        Ok(())
    })
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn sign_then_verify_round_trips(
        body in any::<String>(),
        raw in proptest::collection::vec(any::<u8>(), 0..300),
        key in proptest::collection::vec(any::<u8>(), 1..80),
        text_secret in "[ -~]{1,64}",
        ts in 0i64..4_000_000_000,
        id in "[A-Za-z0-9_]{1,40}",
    ) {
        for scheme in schemes() {
            let secret_text = if scheme.name == "standard" { whsec(&key) } else { text_secret.clone() };
            let secrets = [Secret::Text(&secret_text)];
            let mut config = Config::new(scheme.clone(), &secrets);
            config.notification_url = Some("https://example.com/h?x=1");
            let signer = Signer::new(&config).unwrap();
            let verifier = Verifier::new(&config).unwrap();
            for payload in [body.as_bytes(), raw.as_slice()] {
                let headers = signer.sign_at(payload, Some(&id), ts).unwrap();
                let got = verifier.verify_at(payload, &headers, ts).unwrap();
                prop_assert_eq!(got.secret_index, 0);
                let mut changed = payload.to_vec();
                changed.push(0);
                prop_assert_eq!(verifier.verify_at(&changed, &headers, ts).unwrap_err().code(), Code::NoMatchingSignature);
            }
            // Raw key bytes work in every scheme too.
            let raw_secrets = [Secret::Raw(&key)];
            let mut raw_config = Config::new(scheme, &raw_secrets);
            raw_config.notification_url = Some("https://example.com/h?x=1");
            let headers = Signer::new(&raw_config).unwrap().sign_at(body.as_bytes(), Some(&id), ts).unwrap();
            prop_assert!(Verifier::new(&raw_config).unwrap().verify_at(body.as_bytes(), &headers, ts).is_ok());
        }
    }

    #[test]
    fn arbitrary_headers_never_panic(
        sig in "\\PC{0,200}",
        ts in "\\PC{0,30}",
        id in "\\PC{0,30}",
    ) {
        for scheme in schemes() {
            let secrets = [Secret::Text("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")];
            let mut config = Config::new(scheme.clone(), &secrets);
            config.notification_url = Some("https://example.com/");
            let verifier = Verifier::new(&config).unwrap();
            let mut headers = vec![(scheme.signature_header.primary().to_string(), sig.clone())];
            if let Some(h) = &scheme.timestamp_header { headers.push((h.primary().to_string(), ts.clone())); }
            if let Some(h) = &scheme.id_header { headers.push((h.primary().to_string(), id.clone())); }
            let body: &[u8] = b"{}";
            prop_assert!(verifier.verify_at(body, &headers, 0).is_err());
        }
    }
}

proptest! {
    /// The hand-written base64 agrees with the `base64` crate: encoding any bytes, and decoding
    /// any text (padding optional) to the same bytes or to an error in both.
    #[test]
    fn base64_agrees_with_the_base64_crate(bytes in proptest::collection::vec(any::<u8>(), 0..80),
                                           text in "[A-Za-z0-9+/=]{0,12}|[ -~]{0,8}") {
        use base64::Engine as _;
        use base64::engine::{general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD}, DecodePaddingMode};
        let lenient = GeneralPurpose::new(&base64::alphabet::STANDARD,
            GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent));
        let encoded = hookseal::encoding::Encoding::Base64.encode(&bytes);
        prop_assert_eq!(&encoded, &STANDARD.encode(&bytes));
        prop_assert_eq!(hookseal::encoding::decode_base64(encoded.as_bytes()), Some(bytes.clone()));
        prop_assert_eq!(hookseal::encoding::decode_base64(encoded.trim_end_matches('=').as_bytes()), Some(bytes));
        prop_assert_eq!(hookseal::encoding::decode_base64(text.as_bytes()), lenient.decode(&text).ok(), "{:?}", text);
    }
}

/// Every string of up to five characters over letters chosen to hit canonical and non-canonical
/// trailing bits and every padding position decodes as the `base64` crate decodes it.
#[test]
fn base64_padding_and_trailing_bits_agree_with_the_base64_crate() {
    use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
    use base64::engine::DecodePaddingMode;
    use base64::Engine as _;
    let lenient = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    let letters = b"AQBgw/=+";
    let mut texts = vec![Vec::new()];
    let mut checked = 0;
    for _ in 0..5 {
        texts = texts.iter().flat_map(|t| letters.iter().map(move |&c| [t.as_slice(), &[c]].concat())).collect();
        for t in &texts {
            assert_eq!(hookseal::encoding::decode_base64(t), lenient.decode(t).ok(), "{}", String::from_utf8_lossy(t));
            checked += 1;
        }
    }
    assert_eq!(checked, 8 + 64 + 512 + 4096 + 32768);
}
