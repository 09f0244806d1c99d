//! Verification of hostile deliveries under every scheme (presets and fuzzed custom ones): never a
//! panic. Whatever a signer signs, the matching verifier accepts, and a changed byte of a raw body
//! is refused.
#![no_main]

use hookseal::encoding::Encoding;
use hookseal::scheme::custom::CustomScheme;
use hookseal::secret::KeyEncoding;
use hookseal::{Code, Config, Scheme, Secret, Signer, Verifier};
use libfuzzer_sys::arbitrary::{self, Arbitrary};

#[derive(Arbitrary, Debug)]
struct Custom<'a> {
    signature_header: &'a str,
    base64: bool,
    prefix: &'a str,
    template: &'a str,
    timestamp_header: Option<&'a str>,
    id_header: Option<&'a str>,
    key_encoding: u8,
}

#[derive(Arbitrary, Debug)]
struct Delivery<'a> {
    preset: u8,
    custom: Option<Custom<'a>>,
    secret: &'a [u8],
    secret_is_text: bool,
    body: &'a [u8],
    headers: Vec<(&'a str, &'a str)>,
    now: i64,
    timestamp: u32,
    id: Option<&'a str>,
    notification_url: Option<&'a str>,
    canonical: bool,
    flip: u16,
}

fn scheme(d: &Delivery<'_>) -> Option<Scheme> {
    let Some(c) = &d.custom else {
        let presets = hookseal::scheme::PRESETS;
        return Scheme::preset(presets[usize::from(d.preset) % presets.len()]);
    };
    let mut custom = CustomScheme::new(c.signature_header, if c.base64 { Encoding::Base64 } else { Encoding::Hex });
    custom.prefix = c.prefix;
    custom.template = c.template;
    custom.timestamp_header = c.timestamp_header;
    custom.id_header = c.id_header;
    custom.key_encoding = match c.key_encoding % 4 {
        0 => KeyEncoding::Utf8,
        1 => KeyEncoding::Whsec,
        2 => KeyEncoding::Hex,
        _ => KeyEncoding::Base64,
    };
    custom.build().ok()
}

libfuzzer_sys::fuzz_target!(|d: Delivery<'_>| {
    let Some(scheme) = scheme(&d) else { return };
    let text = core::str::from_utf8(d.secret).ok();
    let secrets = [match (d.secret_is_text, text) {
        (true, Some(text)) => Secret::Text(text),
        _ => Secret::Raw(d.secret),
    }];
    let config = Config { scheme, secrets: &secrets, notification_url: d.notification_url, canonical: d.canonical };
    let Ok(verifier) = Verifier::new(&config) else {
        return;
    };
    let _ = verifier.verify_at(d.body, &d.headers, d.now);

    let Ok(signer) = Signer::new(&config) else {
        return;
    };
    let id = d.id.or(signer.needs_id().then_some("msg_fuzz"));
    let timestamp = i64::from(d.timestamp);
    let Ok(headers) = signer.sign_at(d.body, id, timestamp) else {
        return;
    };
    let verified = verifier.verify_at(d.body, &headers, timestamp);
    assert_eq!(verified.as_ref().map(|v| v.secret_index), Ok(0), "{headers:?}");
    if !d.canonical && !d.body.is_empty() {
        let mut changed = d.body.to_vec();
        let at = usize::from(d.flip) % changed.len();
        changed[at] ^= 1;
        let refused = verifier.verify_at(&changed, &headers, timestamp);
        assert_eq!(refused.map_err(|e| e.code()).err(), Some(Code::NoMatchingSignature));
    }
});
