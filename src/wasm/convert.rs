//! JavaScript values in and out: payloads, headers, options, results.
//!
//! The endpoint options (secrets, scheme, limits) are read only by the verify bindings; a build
//! without them (`wasm-config`) keeps the shared helpers above them.
#![cfg_attr(not(feature = "wasm-verify"), allow(unused_imports))]

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use js_sys::{ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::errors::{error, type_error, ErrorKind};
use crate::error::Code;
use crate::scheme::{Encoding, KeyEncoding, Scheme};
use crate::webhook::secret::Secret;
use crate::webhook::verify::{Limits, DEFAULT_TOLERANCE_SECONDS};
use crate::{Config, CustomScheme};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
    fn get_random_values(buf: &mut [u8]) -> Result<JsValue, JsValue>;
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

fn options_error(message: String) -> JsValue {
    error(ErrorKind::Webhook, Code::InvalidOptions, &message)
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

/// A non-negative finite number, rounded down to a whole number.
pub(crate) fn whole_seconds(n: f64, key: &str) -> Result<i64, JsValue> {
    if !(0.0..9.0e15).contains(&n) {
        return Err(options_error(format!("`{key}` must be a finite number from 0 to 9e15")));
    }
    // In range and non-negative, so truncation is floor.
    Ok(n as i64)
}

#[cfg(feature = "wasm-verify")]
pub(crate) fn bytes_of(value: &JsValue) -> Option<Vec<u8>> {
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

#[cfg(feature = "wasm-verify")]
/// A secret handed over from JavaScript, owned, and wiped from wasm memory when dropped (the
/// JavaScript string it came from cannot be).
pub(crate) enum SecretBuf {
    Text(String),
    Raw(Vec<u8>),
}

#[cfg(feature = "wasm-verify")]
impl Drop for SecretBuf {
    fn drop(&mut self) {
        match self {
            SecretBuf::Text(s) => zeroize::Zeroize::zeroize(s),
            SecretBuf::Raw(b) => zeroize::Zeroize::zeroize(b),
        }
    }
}

#[cfg(feature = "wasm-verify")]
impl SecretBuf {
    pub(crate) fn read(value: &JsValue, what: &str) -> Result<SecretBuf, JsValue> {
        if let Some(s) = value.as_string() {
            return Ok(SecretBuf::Text(s));
        }
        if value.dyn_ref::<Uint8Array>().is_some() || value.dyn_ref::<ArrayBuffer>().is_some() {
            return Ok(SecretBuf::Raw(bytes_of(value).unwrap_or_default()));
        }
        Err(error(ErrorKind::Webhook, Code::InvalidSecret, &format!("{what} must be a string or a Uint8Array")))
    }

    pub(crate) fn as_secret(&self) -> Secret<'_> {
        match self {
            SecretBuf::Text(s) => Secret::Text(s),
            SecretBuf::Raw(b) => Secret::Raw(b),
        }
    }
}

#[cfg(feature = "wasm-verify")]
/// The options shared by `Verifier` and `Signer`.
pub(crate) struct EndpointOptions {
    pub scheme: Scheme,
    pub secrets: Vec<SecretBuf>,
    pub tolerance: u64,
    pub notification_url: Option<String>,
    pub canonical: bool,
    pub limits: Limits,
}

#[cfg(feature = "wasm-verify")]
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
                    return Err(error(ErrorKind::Webhook, Code::InvalidSecret, "secrets must be an array"));
                }
                js_sys::Array::from(&many)
                    .iter()
                    .enumerate()
                    .map(|(i, s)| SecretBuf::read(&s, &format!("secrets[{i}]")))
                    .collect::<Result<Vec<_>, _>>()?
            }
            (true, true) => return Err(error(ErrorKind::Webhook, Code::InvalidSecret, "pass `secret` or `secrets`")),
            (false, false) => {
                return Err(error(ErrorKind::Webhook, Code::InvalidSecret, "pass `secret` or `secrets`, not both"))
            }
        };
        let tolerance = match optional_number(options, "toleranceSeconds")? {
            None => DEFAULT_TOLERANCE_SECONDS,
            Some(n) => whole_seconds(n, "toleranceSeconds")? as u64,
        };
        let notification_url = optional_string(options, "notificationUrl")?;
        let canonical = optional_bool(options, "canonical")?;
        let limits = read_limits(&get(options, "limits"))?;
        Ok(EndpointOptions { scheme, secrets, tolerance, notification_url, canonical, limits })
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

#[cfg(feature = "wasm-verify")]
/// `limits: { payloadBytes?, headerCount?, headerBytes?, signatures? }`; each absent one keeps
/// its default.
fn read_limits(value: &JsValue) -> Result<Limits, JsValue> {
    let mut limits = Limits::default();
    if value.is_undefined() || value.is_null() {
        return Ok(limits);
    }
    if !value.is_object() {
        return Err(type_error("`limits` must be an object such as { payloadBytes: 1048576 }"));
    }
    for (key, slot) in [
        ("payloadBytes", &mut limits.payload_bytes),
        ("headerCount", &mut limits.header_count),
        ("headerBytes", &mut limits.header_bytes),
        ("signatures", &mut limits.signatures),
    ] {
        if let Some(n) = optional_number(value, key)? {
            *slot = usize::try_from(whole_seconds(n, key)?).unwrap_or(usize::MAX);
        }
    }
    Ok(limits)
}

#[cfg(feature = "wasm-verify")]
/// The core's neutral names of scheme and endpoint settings, and the JavaScript option each is.
const OPTION_NAMES: [(&str, &str); 6] = [
    ("the notification URL", "`notificationUrl`"),
    ("the signature header name", "`scheme.signatureHeader`"),
    ("a timestamp header name", "a `scheme.timestampHeader`"),
    ("the timestamp header name", "`scheme.timestampHeader`"),
    ("an id header name", "a `scheme.idHeader`"),
    ("the id header name", "`scheme.idHeader`"),
];

#[cfg(feature = "wasm-verify")]
/// A core message about the endpoint's settings, in the JavaScript options' names.
pub(crate) fn in_option_names(message: &str) -> String {
    OPTION_NAMES.iter().fold(String::from(message), |m, (core, js)| replace_all(&m, core, js))
}

#[cfg(feature = "wasm-verify")]
/// `text` with every `from` (not empty) replaced by `to`. Not `str::replace`: its substring
/// searcher brings core's panicking slice paths, and their formatting, into the lean wasm; these
/// messages are short.
fn replace_all(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        if let Some(after) = rest.strip_prefix(from).filter(|_| !from.is_empty()) {
            out.push_str(to);
            rest = after;
            continue;
        }
        let mut chars = rest.chars();
        match chars.next() {
            Some(c) => out.push(c),
            None => return out,
        }
        rest = chars.as_str();
    }
}

#[cfg(feature = "wasm-verify")]
/// A core error from building a verifier or signer, its message in the JavaScript options' names.
pub(crate) fn config_error(e: &crate::Error) -> JsValue {
    error(ErrorKind::Webhook, e.code(), &in_option_names(e.message()))
}

#[cfg(feature = "wasm-verify")]
fn scheme_error(message: String) -> JsValue {
    error(ErrorKind::Webhook, Code::InvalidScheme, &message)
}

#[cfg(feature = "wasm-verify")]
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
    let encoding = text("encoding")?.as_deref().and_then(Encoding::from_name).ok_or_else(|| {
        scheme_error(format!("`scheme.encoding` must be {}", one_of(Encoding::ALL.map(Encoding::name))))
    })?;
    let prefix = text("prefix")?;
    let template = text("template")?;
    let timestamp_header = text("timestampHeader")?;
    let id_header = text("idHeader")?;
    let key_encoding = match text("secretEncoding")? {
        None => KeyEncoding::Utf8,
        Some(name) => KeyEncoding::from_name(&name).ok_or_else(|| {
            scheme_error(format!("`scheme.secretEncoding` must be {}", one_of(KeyEncoding::ALL.map(KeyEncoding::name))))
        })?,
    };
    let mut custom = CustomScheme::new(&signature_header, encoding);
    custom.prefix = prefix.as_deref().unwrap_or("");
    custom.template = template.as_deref().unwrap_or("{body}");
    custom.timestamp_header = timestamp_header.as_deref();
    custom.id_header = id_header.as_deref();
    custom.key_encoding = key_encoding;
    custom.build().map_err(|e| scheme_error(in_option_names(e.message())))
}

/// `'a', 'b' or 'c'`: the names a message offers, from the core's list of them.
pub(crate) fn one_of<'n>(names: impl IntoIterator<Item = &'n str>) -> String {
    let names: Vec<&str> = names.into_iter().collect();
    match names.split_last() {
        Some((last, [])) => format!("'{last}'"),
        Some((last, rest)) => format!("{} or '{last}'", listed(rest.iter().copied())),
        None => String::new(),
    }
}

/// `'a', 'b', 'c'`.
pub(crate) fn listed<'n>(names: impl IntoIterator<Item = &'n str>) -> String {
    let quoted: Vec<String> = names.into_iter().map(|n| format!("'{n}'")).collect();
    quoted.join(", ")
}
