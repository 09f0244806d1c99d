//! JavaScript strings to UTF-8. Short strings (member names, most values) take wasm-bindgen's own
//! copy and js-sys's well-formedness check; long ones (bodies, JSON texts) one native
//! `TextEncoder` encode and one bulk copy, and a native check (`text.js`). For those, wasm-bindgen
//! copies ASCII one UTF-16 unit at a time in JavaScript and js-sys checks with one call into
//! JavaScript per unit: together several times the cost of the HMAC over the same body.

use alloc::string::String;
#[cfg(feature = "wasm-verify")]
use alloc::vec::Vec;

use js_sys::{JsString, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[cfg(feature = "wasm-full")]
use crate::error::{Code, Error};

#[wasm_bindgen(module = "/src/wasm/text.js")]
extern "C" {
    /// A `Uint8Array`, or with `strict` `undefined` for a string holding a lone surrogate.
    fn utf8(text: &JsValue, strict: bool) -> JsValue;
}

/// Up to this many UTF-16 units the per-unit paths beat the native round trip, which allocates a
/// typed array; longer texts take the native one (`make bench` measures both sides).
const SHORT: u32 = 256;

/// A string's UTF-8 bytes, lone surrogates replaced by U+FFFD; `None` if `value` is no string.
#[cfg(feature = "wasm-verify")]
pub(crate) fn string_bytes(value: &JsValue) -> Option<Vec<u8>> {
    let text = value.dyn_ref::<JsString>()?;
    Some(if text.length() <= SHORT {
        String::from(text).into_bytes()
    } else {
        utf8(value, false).unchecked_into::<Uint8Array>().to_vec()
    })
}

/// A string as UTF-8, refusing lone surrogates instead of replacing them; `None` if `value` is no
/// string.
#[cfg(feature = "wasm-full")]
pub(crate) fn strict_string(value: &JsValue) -> Option<Result<String, Error>> {
    let text = value.dyn_ref::<JsString>()?;
    let lone_surrogate = || Error::new(Code::LoneSurrogate, "the string holds an unpaired UTF-16 surrogate");
    if text.length() <= SHORT {
        return Some(if text.is_valid_utf16() { Ok(String::from(text)) } else { Err(lone_surrogate()) });
    }
    let encoded = utf8(value, true);
    if encoded.is_undefined() {
        return Some(Err(lone_surrogate()));
    }
    // TextEncoder writes UTF-8 only; checking keeps this code safe.
    Some(String::from_utf8(encoded.unchecked_into::<Uint8Array>().to_vec()).map_err(|_| lone_surrogate()))
}
