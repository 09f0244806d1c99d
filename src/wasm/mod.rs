//! JavaScript bindings (wasm-bindgen). Conversion only: every rule lives in the core.
//!
//! The hot paths (verify, sign) cross flat, through `engine.rs`: bytes in one reusable region of
//! wasm memory and numbers, read and written by `js/engine.mjs`. Everything else crosses as JS values and are checked here with clear `TypeError`s (wrong
//! JavaScript types) or hookseal errors with a stable `code` (wrong values). Nothing in this
//! folder panics on input: a panic in wasm is a trap that kills the module instance.
//!
//! Which bindings are compiled is chosen per npm entry (`wasm-verify`, `wasm-config`, `wasm-full`
//! in Cargo.toml), so that each entry's wasm holds only what its exports reach; the core is the
//! same in every build.

// JavaScript values as JSON values: only `hookseal`'s delivery bindings take them; schemas and
// instances cross as JSON text (`texts.rs`, `compileSchemaJson`).
#[cfg(feature = "wasm-full")]
mod canonical;
mod convert;
#[cfg(feature = "wasm-full")]
mod delivery;
#[cfg(feature = "wasm-verify")]
mod descriptor;
#[cfg(feature = "wasm-full")]
mod diagnose;
#[cfg(feature = "wasm-verify")]
mod engine;
mod errors;
#[cfg(feature = "host-numbers")]
mod numbers;
mod region;
#[cfg(feature = "wasm-config")]
mod schema;
#[cfg(feature = "wasm-verify")]
mod text;
#[cfg(feature = "wasm-config")]
mod texts;

use alloc::string::String;

use wasm_bindgen::prelude::*;

use crate::error::Code;
use crate::webhook::secret::{self, SecretFormat};
use errors::{webhook_error, ErrorKind};

// The npm build links no `std`: the same allocator std would bring, and a panic handler that
// traps at once. Nothing here should panic (see above); if something does, formatting a message
// nobody can read would only cost size.
#[cfg(all(feature = "wasm-module", not(feature = "small-alloc"), target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: dlmalloc::GlobalDlmalloc = dlmalloc::GlobalDlmalloc;

#[cfg(all(feature = "small-alloc", target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(all(feature = "wasm-module", target_arch = "wasm32"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

/// `generateSecret({ format?: 'whsec' | 'hex' | 'base64', bytes?: number }) → string`.
#[wasm_bindgen(js_name = generateSecret)]
pub fn generate_secret(options: &JsValue) -> Result<String, JsValue> {
    let format = match convert::optional_string(options, "format")? {
        None => SecretFormat::default(),
        Some(name) => SecretFormat::from_name(&name).ok_or_else(|| {
            let names = convert::one_of(SecretFormat::ALL.map(SecretFormat::name));
            errors::error(ErrorKind::Webhook, Code::InvalidOptions, &alloc::format!("format must be {names}"))
        })?,
    };
    let bytes = match convert::optional_number(options, "bytes")? {
        None => secret::DEFAULT_SECRET_BYTES,
        Some(n) => usize::try_from(convert::whole_seconds(n, "bytes")?).unwrap_or(0),
    };
    secret::generate_secret(format, bytes, convert::fill_random).map_err(|e| webhook_error(&e))
}

/// The names of the preset schemes.
#[cfg(feature = "wasm-verify")]
#[wasm_bindgen(js_name = schemes)]
pub fn schemes() -> alloc::vec::Vec<JsValue> {
    crate::scheme::PRESETS.iter().map(|n| JsValue::from_str(n)).collect()
}

/// `Webhook`'s secret, normalized as the reference libraries read it (`{ format: 'raw' }` takes a
/// string one byte per UTF-16 unit): a string or a `Uint8Array` to build its verifier and signer.
#[cfg(feature = "wasm-verify")]
#[wasm_bindgen(js_name = webhookSecret)]
pub fn webhook_secret(secret: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
    let raw = convert::optional_string(options, "format")?.as_deref() == Some("raw");
    Ok(match &engine::webhook_secret(secret, raw)? {
        convert::SecretBuf::Text(text) => JsValue::from_str(text),
        convert::SecretBuf::Raw(bytes) => js_sys::Uint8Array::from(bytes.as_slice()).into(),
    })
}

/// A message id as `Signer` generates one (`msg_` + 24 random alphanumerics), for `signAsync`,
/// which must use the same id before and after its `await`.
#[cfg(feature = "wasm-verify")]
#[wasm_bindgen(js_name = messageId)]
pub fn message_id() -> Result<String, JsValue> {
    secret::generate_message_id(convert::fill_random).map_err(|e| webhook_error(&e))
}
