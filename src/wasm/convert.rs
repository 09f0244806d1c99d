//! JavaScript values in and out: payloads, headers, options, results.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use js_sys::{ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::errors::{error, type_error, ErrorKind};
use crate::scheme::{Encoding, KeyEncoding, Scheme};
use crate::secret::Secret;
use crate::verify::{Verified, DEFAULT_TOLERANCE_SECONDS};
use crate::{Config, CustomScheme};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
    fn get_random_values(buf: &mut [u8]) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(module = "/src/wasm/results.js")]
extern "C" {
    fn verified(scheme: &str, id: Option<String>, timestamp: Option<f64>, secret_index: f64) -> JsValue;
}

/// `Verifier.verify`'s result object (built by `results.js` in one call).
pub(crate) fn verified_object(v: Verified) -> JsValue {
    // A timestamp past 2^53 seconds rounds, as any JavaScript number would.
    verified(&v.scheme, v.id, v.timestamp.map(|t| t as f64), v.secret_index as f64)
}

/// Fills `buf` from `crypto.getRandomValues` (present in every runtime hookseal supports).
pub(crate) fn fill_random(buf: &mut [u8]) -> crate::Result<()> {
    // getRandomValues refuses more than 65536 bytes per call.
    for chunk in buf.chunks_mut(65536) {
        get_random_values(chunk)
            .map_err(|_| crate::Error::new(crate::Code::InvalidOptions, "crypto.getRandomValues is not available"))?;
    }
    Ok(())
}

/// The current Unix time in whole seconds.
pub(crate) fn now_seconds() -> i64 {
    // Non-negative, so truncation is floor.
    (js_sys::Date::now() / 1000.0) as i64
}

fn options_error(message: String) -> JsValue {
    error(ErrorKind::Webhook, "invalid_options", &message)
}

pub(crate) fn set(target: &Object, key: &str, value: &JsValue) {
    if key == "__proto__" {
        // Assigning `__proto__` would replace the prototype; define an own property instead, as
        // JSON.parse does.
        let descriptor = Object::new();
        for flag in ["writable", "enumerable", "configurable"] {
            let _ = Reflect::set(&descriptor, &JsValue::from_str(flag), &JsValue::TRUE);
        }
        let _ = Reflect::set(&descriptor, &JsValue::from_str("value"), value);
        Object::define_property(target, &JsValue::from_str(key), &descriptor);
        return;
    }
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

pub(crate) fn get(options: &JsValue, key: &str) -> JsValue {
    if !options.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `options[key]` as a string; absent (or `options` itself absent) is `None`.
pub(crate) fn optional_string(options: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    let value = get(options, key);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.as_string().map(Some).ok_or_else(|| options_error(format!("`{key}` must be a string")))
}

/// `options[key]` as a number; absent is `None`.
pub(crate) fn optional_number(options: &JsValue, key: &str) -> Result<Option<f64>, JsValue> {
    let value = get(options, key);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.as_f64().map(Some).ok_or_else(|| options_error(format!("`{key}` must be a number")))
}

/// `options[key]` as a boolean; absent is `false`. Another type is a `TypeError`.
pub(crate) fn optional_bool(options: &JsValue, key: &str) -> Result<bool, JsValue> {
    let value = get(options, key);
    if value.is_undefined() || value.is_null() {
        return Ok(false);
    }
    value.as_bool().ok_or_else(|| type_error(&format!("`{key}` must be a boolean")))
}

/// `options[key]` as whole Unix seconds, or the clock's time when absent.
pub(crate) fn seconds_or_now(options: &JsValue, key: &str) -> Result<i64, JsValue> {
    match optional_number(options, key)? {
        Some(n) => whole_seconds(n, key),
        None => Ok(now_seconds()),
    }
}

/// A non-negative finite number, rounded down to a whole number.
pub(crate) fn whole_seconds(n: f64, key: &str) -> Result<i64, JsValue> {
    if !(0.0..9.0e15).contains(&n) {
        return Err(options_error(format!("`{key}` must be a finite number from 0 to 9e15")));
    }
    // In range and non-negative, so truncation is floor.
    Ok(n as i64)
}

/// The raw body: a string (UTF-8 encoded), a `Uint8Array`/`Buffer`, any typed array view, or an
/// `ArrayBuffer`. Anything else, above all a parsed JSON object, is a `TypeError`.
pub(crate) fn payload_bytes(payload: &JsValue) -> Result<Vec<u8>, JsValue> {
    bytes_of(payload).ok_or_else(|| {
        type_error(
            "payload must be the raw request body as received (string, Uint8Array or ArrayBuffer); \
             a parsed object cannot be verified because re-serializing it changes the bytes",
        )
    })
}

fn bytes_of(value: &JsValue) -> Option<Vec<u8>> {
    if let Some(bytes) = super::text::string_bytes(value) {
        return Some(bytes);
    }
    if let Some(a) = value.dyn_ref::<Uint8Array>() {
        return Some(a.to_vec());
    }
    if let Some(b) = value.dyn_ref::<ArrayBuffer>() {
        return Some(Uint8Array::new(b).to_vec());
    }
    if ArrayBuffer::is_view(value) {
        let buffer = Reflect::get(value, &JsValue::from_str("buffer")).ok()?;
        let offset = Reflect::get(value, &JsValue::from_str("byteOffset")).ok()?.as_f64()?;
        let length = Reflect::get(value, &JsValue::from_str("byteLength")).ok()?.as_f64()?;
        let buffer = buffer.dyn_into::<ArrayBuffer>().ok()?;
        return Some(Uint8Array::new_with_byte_offset_and_length(&buffer, offset as u32, length as u32).to_vec());
    }
    None
}

#[wasm_bindgen(module = "/src/wasm/headers.js")]
extern "C" {
    #[wasm_bindgen(js_name = headerPairs, catch)]
    fn header_pairs(headers: &JsValue) -> Result<JsValue, JsValue>;
}

/// Any `HeadersLike` (a Fetch `Headers`, a `Map`, an iterable of pairs, or a plain object such
/// as Node's `IncomingHttpHeaders` whose values may be arrays) as name/value pairs, read by
/// `headers.js` (which throws the `TypeError`s).
pub(crate) fn headers(value: &JsValue) -> Result<Vec<(String, String)>, JsValue> {
    let pairs = header_pairs(value)?;
    let mut out = Vec::new();
    if let Some(joined) = super::text::string_bytes(&pairs) {
        // Encoded by TextEncoder (or wasm-bindgen's encodeInto), so valid UTF-8: nothing is lost.
        let joined = String::from_utf8_lossy(&joined);
        let mut parts = joined.split('\n');
        while let (Some(name), Some(value)) = (parts.next(), parts.next()) {
            out.push((name.to_string(), value.to_string()));
        }
    } else {
        // A name or value with a line feed: the flat array `[name, value, ...]` instead.
        let flat = js_sys::Array::from(&pairs);
        let text = |i: u32| flat.get(i).as_string().unwrap_or_default();
        for i in (0..flat.length() / 2).map(|pair| pair * 2) {
            out.push((text(i), text(i + 1)));
        }
    }
    Ok(out)
}

/// Header pairs as a plain object.
pub(crate) fn headers_object(headers: &[(String, String)]) -> JsValue {
    let out = Object::new();
    for (name, value) in headers {
        set(&out, name, &JsValue::from_str(value));
    }
    out.into()
}

/// A secret handed over from JavaScript, owned.
pub(crate) enum SecretBuf {
    Text(String),
    Raw(Vec<u8>),
}

impl SecretBuf {
    pub(crate) fn read(value: &JsValue, what: &str) -> Result<SecretBuf, JsValue> {
        if let Some(s) = value.as_string() {
            return Ok(SecretBuf::Text(s));
        }
        if value.dyn_ref::<Uint8Array>().is_some() || value.dyn_ref::<ArrayBuffer>().is_some() {
            return Ok(SecretBuf::Raw(bytes_of(value).unwrap_or_default()));
        }
        Err(error(ErrorKind::Webhook, "invalid_secret", &format!("{what} must be a string or a Uint8Array")))
    }

    pub(crate) fn as_secret(&self) -> Secret<'_> {
        match self {
            SecretBuf::Text(s) => Secret::Text(s),
            SecretBuf::Raw(b) => Secret::Raw(b),
        }
    }
}

/// The options shared by `Verifier` and `Signer`.
pub(crate) struct EndpointOptions {
    pub scheme: Scheme,
    pub secrets: Vec<SecretBuf>,
    pub tolerance: u64,
    pub notification_url: Option<String>,
    pub canonical: bool,
}

impl EndpointOptions {
    pub(crate) fn read(options: &JsValue) -> Result<EndpointOptions, JsValue> {
        if !options.is_object() {
            return Err(type_error("options must be an object such as { scheme: 'standard', secret }"));
        }
        let scheme = read_scheme(&get(options, "scheme"))?;
        let one = get(options, "secret");
        let many = get(options, "secrets");
        let secrets = match (one.is_undefined() || one.is_null(), many.is_undefined() || many.is_null()) {
            (false, true) => alloc::vec![SecretBuf::read(&one, "secret")?],
            (true, false) => {
                if !js_sys::Array::is_array(&many) {
                    return Err(error(ErrorKind::Webhook, "invalid_secret", "secrets must be an array"));
                }
                js_sys::Array::from(&many)
                    .iter()
                    .enumerate()
                    .map(|(i, s)| SecretBuf::read(&s, &format!("secrets[{i}]")))
                    .collect::<Result<Vec<_>, _>>()?
            }
            (true, true) => return Err(error(ErrorKind::Webhook, "invalid_secret", "pass `secret` or `secrets`")),
            (false, false) => {
                return Err(error(ErrorKind::Webhook, "invalid_secret", "pass `secret` or `secrets`, not both"))
            }
        };
        let tolerance = match optional_number(options, "toleranceSeconds")? {
            None => DEFAULT_TOLERANCE_SECONDS,
            Some(n) => whole_seconds(n, "toleranceSeconds")? as u64,
        };
        let notification_url = optional_string(options, "notificationUrl")?;
        let canonical = optional_bool(options, "canonical")?;
        Ok(EndpointOptions { scheme, secrets, tolerance, notification_url, canonical })
    }

    pub(crate) fn secrets(&self) -> Vec<Secret<'_>> {
        self.secrets.iter().map(SecretBuf::as_secret).collect()
    }

    /// The core configuration these options describe, borrowing `secrets` from [`Self::secrets`].
    pub(crate) fn config<'a>(&'a self, secrets: &'a [Secret<'a>]) -> Config<'a> {
        let mut config = Config::new(self.scheme.clone(), secrets);
        config.notification_url = self.notification_url.as_deref();
        config.canonical = self.canonical;
        config
    }
}

fn scheme_error(message: String) -> JsValue {
    error(ErrorKind::Webhook, "invalid_scheme", &message)
}

/// A preset name or a custom-scheme object.
fn read_scheme(value: &JsValue) -> Result<Scheme, JsValue> {
    if let Some(name) = value.as_string() {
        return Scheme::preset(&name).ok_or_else(|| {
            scheme_error(format!(
                "unknown scheme `{}`; use one of {} or a custom-scheme object",
                name.chars().take(40).collect::<String>(),
                crate::scheme::PRESETS.join(", ")
            ))
        });
    }
    if !value.is_object() {
        return Err(scheme_error(String::from("`scheme` must be a preset name or a custom-scheme object")));
    }
    let text =
        |key: &str| optional_string(value, key).map_err(|_| scheme_error(format!("`scheme.{key}` must be a string")));
    let signature_header =
        text("signatureHeader")?.ok_or_else(|| scheme_error(String::from("`scheme.signatureHeader` is required")))?;
    let encoding = text("encoding")?
        .as_deref()
        .and_then(Encoding::from_name)
        .ok_or_else(|| scheme_error(String::from("`scheme.encoding` must be 'hex' or 'base64'")))?;
    let prefix = text("prefix")?;
    let template = text("template")?;
    let timestamp_header = text("timestampHeader")?;
    let id_header = text("idHeader")?;
    let key_encoding = match text("secretEncoding")? {
        None => KeyEncoding::Utf8,
        Some(name) => KeyEncoding::from_name(&name).ok_or_else(|| {
            scheme_error(String::from("`scheme.secretEncoding` must be 'utf8', 'whsec', 'hex' or 'base64'"))
        })?,
    };
    let mut custom = CustomScheme::new(&signature_header, encoding);
    custom.prefix = prefix.as_deref().unwrap_or("");
    custom.template = template.as_deref().unwrap_or("{body}");
    custom.timestamp_header = timestamp_header.as_deref();
    custom.id_header = id_header.as_deref();
    custom.key_encoding = key_encoding;
    custom.build().map_err(|e| scheme_error(String::from(e.message())))
}
