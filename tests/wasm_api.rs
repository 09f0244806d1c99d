//! The core compiled to WebAssembly and run inside JavaScript engines (`make test-wasm`: Node, then
//! headless Chromium, through `wasm-bindgen-test-runner`). The JS bindings' structs live in the
//! private `hookseal::wasm` module, so this suite drives the public Rust API as built for the npm
//! package (`--no-default-features --features wasm`: no std clock, no OS randomness) and checks it
//! against the engine itself where that gives an independent answer:
//!
//! - RFC 8785 number formatting against the engine's own `Number.prototype.toString`;
//! - HMAC-SHA256 signatures against WebCrypto (`crypto.subtle.sign`);
//! - secrets and message ids from `crypto.getRandomValues`, timestamps from `Date.now()`, as the
//!   bindings take them;
//! - `JSON.parse` of canonical text giving back the same value.
//!
//! No `wasm_bindgen_test_configure!`: the runner picks Node by default and a browser when
//! `WASM_BINDGEN_USE_BROWSER` is set, so the same binary runs in both.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use hookseal::canonical::canonicalize;
use hookseal::scheme::{Encoding, PRESETS};
use hookseal::secret::SecretFormat;
use hookseal::{generate_message_id, generate_secret, Code, Config, CustomScheme, Scheme, Secret, Signer, Verifier};
use js_sys::{Array, Object, Promise, Reflect, Uint8Array, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues)]
    fn get_random_values(buf: &Uint8Array);

    #[wasm_bindgen(js_namespace = ["crypto", "subtle"], js_name = importKey)]
    fn subtle_import_key(
        format: &str,
        key: &Uint8Array,
        algorithm: &JsValue,
        extractable: bool,
        usages: &Array,
    ) -> Promise;

    #[wasm_bindgen(js_namespace = ["crypto", "subtle"], js_name = sign)]
    fn subtle_sign(algorithm: &str, key: &JsValue, data: &Uint8Array) -> Promise;
}

/// `crypto.getRandomValues`, the random source the bindings use, as a core `fill` function.
fn js_random(buf: &mut [u8]) -> hookseal::Result<()> {
    let array = Uint8Array::new_with_length(buf.len() as u32);
    get_random_values(&array);
    array.copy_to(buf);
    Ok(())
}

/// Unix seconds from the engine's clock, as the bindings read it.
fn js_now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// A settled promise's outcome, and the waker of the task waiting for it.
type Settlement = Rc<RefCell<(Option<Result<JsValue, JsValue>>, Option<Waker>)>>;
type Callback = Closure<dyn FnMut(JsValue)>;

/// A JS promise as a Rust future (the crate has no direct `wasm-bindgen-futures` dependency).
struct PromiseFuture {
    shared: Settlement,
    _callbacks: (Callback, Callback),
}

fn await_promise(promise: &Promise) -> PromiseFuture {
    let shared: Settlement = Rc::default();
    let settle = |ok: bool| {
        let shared = shared.clone();
        Closure::new(move |value: JsValue| {
            let waker = {
                let mut state = shared.borrow_mut();
                state.0 = Some(if ok { Ok(value) } else { Err(value) });
                state.1.take()
            };
            if let Some(waker) = waker {
                waker.wake();
            }
        })
    };
    let callbacks = (settle(true), settle(false));
    let _ = promise.then2(&callbacks.0, &callbacks.1);
    PromiseFuture { shared, _callbacks: callbacks }
}

impl Future for PromiseFuture {
    type Output = Result<JsValue, JsValue>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut state = self.shared.borrow_mut();
        match state.0.take() {
            Some(result) => Poll::Ready(result),
            None => {
                state.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// HMAC-SHA256 by WebCrypto.
async fn webcrypto_hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    let algorithm = Object::new();
    Reflect::set(&algorithm, &"name".into(), &"HMAC".into()).unwrap();
    Reflect::set(&algorithm, &"hash".into(), &"SHA-256".into()).unwrap();
    let usages = Array::of1(&"sign".into());
    let key = await_promise(&subtle_import_key("raw", &Uint8Array::from(key), &algorithm, false, &usages))
        .await
        .expect("importKey");
    let signature = await_promise(&subtle_sign("HMAC", &key, &Uint8Array::from(data))).await.expect("sign");
    Uint8Array::new(&signature).to_vec()
}

fn config<'a>(scheme: Scheme, secrets: &'a [Secret<'a>]) -> Config<'a> {
    let mut config = Config::new(scheme, secrets);
    config.notification_url = Some("https://example.com/webhooks/square");
    config
}

fn custom_scheme() -> Scheme {
    let mut custom = CustomScheme::new("X-JuriChat-Signature", Encoding::Hex);
    custom.prefix = "sha256=";
    custom.template = "{timestamp}.{body}";
    custom.timestamp_header = Some("X-JuriChat-Timestamp");
    custom.build().expect("custom scheme")
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> &'h str {
    headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or_else(|| panic!("no header {name}"))
}

#[wasm_bindgen_test]
fn standard_webhooks_vector() {
    // tests/vectors/signatures.json, the Standard Webhooks reference suite's "sign function works".
    let secrets = [Secret::Text("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")];
    let config = config(Scheme::preset("standard").unwrap(), &secrets);
    let payload = br#"{"test": 2432232314}"#;
    let headers =
        Signer::new(&config).unwrap().sign_at(payload, Some("msg_p5jXN8AQM9LWM0D4loKWxJek"), 1614265330).unwrap();
    assert_eq!(header(&headers, "webhook-signature"), "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    let verified = Verifier::new(&config).unwrap().verify_at(payload, &headers, 1614265330).unwrap();
    assert_eq!(verified.id.as_deref(), Some("msg_p5jXN8AQM9LWM0D4loKWxJek"));
    assert_eq!(verified.timestamp, Some(1614265330));
    assert_eq!(verified.secret_index, 0);
}

#[wasm_bindgen_test]
fn github_vector() {
    let secrets = [Secret::Text("It's a Secret to Everybody")];
    let config = config(Scheme::preset("github").unwrap(), &secrets);
    let headers = vec![(
        "X-Hub-Signature-256".to_string(),
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17".to_string(),
    )];
    assert_eq!(Verifier::new(&config).unwrap().verify_at(b"Hello, World!", &headers, 0).unwrap().secret_index, 0);
    let err = Verifier::new(&config).unwrap().verify_at(b"Hello, World?", &headers, 0).unwrap_err();
    assert_eq!(err.code(), Code::NoMatchingSignature);
    assert_eq!(err.code().as_str(), "no_matching_signature"); // the JS `.code`
}

#[wasm_bindgen_test]
fn every_scheme_round_trips_with_js_clock_and_randomness() {
    let now = js_now();
    assert!(now > 1_700_000_000, "Date.now() gave {now}");
    let body = r#"{"type":"contact.created","data":{"id":"c_42","name":"Zoë 中文 🦀"}}"#.as_bytes();
    let mut schemes: Vec<Scheme> = PRESETS.iter().map(|name| Scheme::preset(name).unwrap()).collect();
    schemes.push(custom_scheme());
    assert_eq!(schemes.len(), 8);
    for scheme in schemes {
        let format = if scheme.name == "standard" { SecretFormat::Whsec } else { SecretFormat::Hex };
        let secret = generate_secret(format, 32, js_random).unwrap();
        let secrets = [Secret::Text(&secret)];
        let config = config(scheme.clone(), &secrets);
        let signer = Signer::new(&config).unwrap();
        let id = if signer.needs_id() { Some(generate_message_id(js_random).unwrap()) } else { None };
        let headers = signer.sign_at(body, id.as_deref(), now).unwrap();
        let verifier = Verifier::new(&config).unwrap();
        let verified = verifier.verify_at(body, &headers, now + 10).unwrap_or_else(|e| panic!("{}: {e}", scheme.name));
        assert_eq!(verified.secret_index, 0, "{}", scheme.name);
        if scheme.has_timestamp() {
            assert_eq!(verified.timestamp, Some(now), "{}", scheme.name);
            let stale = verifier.verify_at(body, &headers, now + 301).unwrap_err();
            assert_eq!(stale.code(), Code::TimestampTooOld, "{}", scheme.name);
        }
        let mut tampered = body.to_vec();
        tampered[10] ^= 1;
        assert_eq!(
            verifier.verify_at(&tampered, &headers, now).unwrap_err().code(),
            Code::NoMatchingSignature,
            "{}",
            scheme.name
        );
    }
}

#[wasm_bindgen_test]
fn random_secrets_and_ids_come_from_get_random_values() {
    let a = generate_secret(SecretFormat::Whsec, 32, js_random).unwrap();
    let b = generate_secret(SecretFormat::Whsec, 32, js_random).unwrap();
    assert!(a.starts_with("whsec_") && a.len() == 6 + 44, "{a}");
    assert_ne!(a, b);
    let id = generate_message_id(js_random).unwrap();
    assert!(id.starts_with("msg_") && id.len() == 28 && id[4..].bytes().all(|c| c.is_ascii_alphanumeric()), "{id}");
    assert_eq!(generate_secret(SecretFormat::Hex, 8, js_random).unwrap_err().code(), Code::InvalidOptions);
}

#[wasm_bindgen_test]
async fn signatures_match_webcrypto_hmac() {
    // GitHub signs the raw body with the UTF-8 secret and writes lower-case hex: compare the core's
    // HMAC with the engine's own, over bodies of every length around the SHA-256 block size.
    let secret = "a-provider-secret-with-ünïcode";
    let secrets = [Secret::Text(secret)];
    let signer = Signer::new(&config(Scheme::preset("github").unwrap(), &secrets)).unwrap();
    for len in [0usize, 1, 55, 56, 63, 64, 65, 119, 128, 1000, 4096] {
        let body: Vec<u8> = (0..len).map(|i| (i * 31 % 251) as u8).collect();
        let headers = signer.sign_at(&body, None, 0).unwrap();
        let expected = hex(&webcrypto_hmac(secret.as_bytes(), &body).await);
        assert_eq!(header(&headers, "x-hub-signature-256"), format!("sha256={expected}"), "length {len}");
    }
    // Standard Webhooks: base64 of HMAC(key bytes, "{id}.{timestamp}.{body}").
    let key = [7u8; 24];
    let secrets = [Secret::Raw(&key)];
    let headers = Signer::new(&config(Scheme::preset("standard").unwrap(), &secrets))
        .unwrap()
        .sign_at(b"{}", Some("msg_x"), 1_700_000_000)
        .unwrap();
    let mac = webcrypto_hmac(&key, b"msg_x.1700000000.{}").await;
    let signature = header(&headers, "webhook-signature");
    let decoded = hookseal::encoding::decode_base64(signature.trim_start_matches("v1,").as_bytes()).unwrap();
    assert_eq!(decoded, mac);
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// xorshift64*: deterministic bit patterns for the number comparison.
fn next(state: &mut u64) -> u64 {
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    state.wrapping_mul(0x2545_F491_4F6C_DD1D)
}

#[wasm_bindgen_test]
fn canonical_numbers_match_the_engines_number_to_string() {
    let mut cases = vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.1,
        1e21,
        1e-7,
        1e-6,
        123456789012345680000.0,
        5e-324,
        f64::MAX,
        f64::MIN_POSITIVE,
        9007199254740993.0,
        0.000001,
        1.7976931348623157e308,
        333333333.3333333,
        4.35,
        0.3,
    ];
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    for _ in 0..3000 {
        let x = f64::from_bits(next(&mut state));
        if x.is_finite() {
            cases.push(x);
        }
        // and "ordinary" magnitudes, where the shortest form has few digits
        cases.push((next(&mut state) % 2_000_000) as f64 / 1000.0 - 1000.0);
    }
    for x in cases {
        // `{:e}` is Rust's shortest round-trip form, which is valid JSON number syntax.
        let canonical = canonicalize(format!("[{x:e}]").as_bytes()).unwrap();
        let engine = JSON::stringify(&Array::of1(&JsValue::from_f64(x))).unwrap().as_string().unwrap();
        assert_eq!(canonical, engine, "bits {:#x}", x.to_bits());
    }
}

#[wasm_bindgen_test]
fn canonical_text_parses_back_to_the_same_value_in_js() {
    let input =
        r#"{ "b": [1.0E2, "\u0041", true, null], "a": -0, "é": {"z": "\u2028\t", "y": [ ]}, "\ud83e\udd80": 1e-7 }"#;
    let canonical = canonicalize(input.as_bytes()).unwrap();
    assert_eq!(canonical, "{\"a\":0,\"b\":[100,\"A\",true,null],\"é\":{\"y\":[],\"z\":\"\u{2028}\\t\"},\"🦀\":1e-7}");
    // JSON.parse then JSON.stringify keeps insertion order, which is already the canonical order here.
    let round_trip = JSON::stringify(&JSON::parse(&canonical).unwrap()).unwrap().as_string().unwrap();
    assert_eq!(round_trip, canonical);
    assert_eq!(canonicalize(br#"{"a":1,"a":2}"#).unwrap_err().code().as_str(), "duplicate_key");
    assert_eq!(canonicalize(br#"{"a":"\ud800"}"#).unwrap_err().code().as_str(), "lone_surrogate");
    assert_eq!(canonicalize(b"[1e400]").unwrap_err().code().as_str(), "number_out_of_range");
}

#[wasm_bindgen_test]
fn canonical_mode_verifies_a_body_reserialized_by_js() {
    // A body signed in canonical mode still verifies after a JS hop re-serialized it
    // (JSON.parse + JSON.stringify with indentation changes every byte but not the value).
    let secrets = [Secret::Text("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")];
    let mut config = config(Scheme::preset("standard").unwrap(), &secrets);
    config.canonical = true;
    let body = r#"{"z":1,"a":{"n":1.50,"s":"x\/y"}}"#;
    let headers = Signer::new(&config).unwrap().sign_at(body.as_bytes(), Some("msg_1"), 1_700_000_000).unwrap();
    let reserialized =
        JSON::stringify_with_replacer_and_space(&JSON::parse(body).unwrap(), &JsValue::NULL, &JsValue::from_f64(2.0))
            .unwrap()
            .as_string()
            .unwrap();
    assert_ne!(reserialized, body);
    let verified = Verifier::new(&config).unwrap().verify_at(reserialized.as_bytes(), &headers, 1_700_000_000).unwrap();
    assert_eq!(verified.secret_index, 0);
}

#[wasm_bindgen_test]
fn invalid_configurations_have_stable_codes() {
    let secrets = [Secret::Text("x")];
    assert!(Scheme::preset("nope").is_none());
    let square = Config::new(Scheme::preset("square").unwrap(), &secrets);
    assert_eq!(Verifier::new(&square).unwrap_err().code().as_str(), "invalid_scheme");
    let bad = [Secret::Text("whsec_***")];
    assert_eq!(
        Verifier::new(&Config::new(Scheme::preset("standard").unwrap(), &bad)).unwrap_err().code().as_str(),
        "invalid_secret"
    );
    let none: [Secret<'_>; 0] = [];
    assert_eq!(
        Signer::new(&Config::new(Scheme::preset("github").unwrap(), &none)).unwrap_err().code().as_str(),
        "invalid_secret"
    );
    let mut unsigned_ts = CustomScheme::new("X-Sig", Encoding::Hex);
    unsigned_ts.timestamp_header = Some("X-Ts");
    assert_eq!(unsigned_ts.build().unwrap_err().code().as_str(), "invalid_scheme");
}
