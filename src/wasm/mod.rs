//! JavaScript bindings (wasm-bindgen). Conversion only: every rule lives in the core.
//!
//! Values cross the boundary as JS values and are checked here with clear `TypeError`s (wrong
//! JavaScript types) or hookseal errors with a stable `code` (wrong values). Nothing in this
//! folder panics on input: a panic in wasm is a trap that kills the module instance.

mod canonical;
mod convert;
mod diagnose;
mod errors;
#[cfg(feature = "schema")]
mod schema;
mod text;
mod webhook;

use alloc::string::String;
use alloc::vec::Vec;

use wasm_bindgen::prelude::*;

use crate::secret::{self, SecretFormat};
use crate::{Signer as CoreSigner, Verifier as CoreVerifier};
use convert::{payload_bytes, EndpointOptions};
use errors::{webhook_error, ErrorKind};

// The npm build links no `std`: the same allocator std would bring, and a panic handler that
// traps at once. Nothing here should panic (see above); if something does, formatting a message
// nobody can read would only cost size.
#[cfg(all(feature = "wasm-module", target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: dlmalloc::GlobalDlmalloc = dlmalloc::GlobalDlmalloc;

#[cfg(all(feature = "wasm-module", target_arch = "wasm32"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

/// `new Verifier({ scheme, secret?, secrets?, toleranceSeconds?, notificationUrl? })`.
#[wasm_bindgen]
pub struct Verifier {
    inner: CoreVerifier,
}

#[wasm_bindgen]
impl Verifier {
    #[wasm_bindgen(constructor)]
    pub fn new(options: &JsValue) -> Result<Verifier, JsValue> {
        let opts = EndpointOptions::read(options)?;
        let secrets = opts.secrets();
        let inner = CoreVerifier::new(&opts.config(&secrets)).map_err(|e| webhook_error(&e))?;
        Ok(Verifier { inner: inner.with_tolerance(opts.tolerance) })
    }

    /// `verify(payload, headers, { now? }) → { scheme, id?, timestamp?, secretIndex }`.
    pub fn verify(&self, payload: &JsValue, headers: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
        let body = payload_bytes(payload)?;
        let headers = convert::headers(headers)?;
        let now = convert::seconds_or_now(options, "now")?;
        let verified = self.inner.verify_at(&body, &headers, now).map_err(|e| webhook_error(&e))?;
        Ok(convert::verified_object(verified))
    }
}

/// `new Signer({ scheme, secret?, secrets?, notificationUrl? })`.
#[wasm_bindgen]
pub struct Signer {
    inner: CoreSigner,
}

#[wasm_bindgen]
impl Signer {
    #[wasm_bindgen(constructor)]
    pub fn new(options: &JsValue) -> Result<Signer, JsValue> {
        let opts = EndpointOptions::read(options)?;
        let secrets = opts.secrets();
        let inner = CoreSigner::new(&opts.config(&secrets)).map_err(|e| webhook_error(&e))?;
        Ok(Signer { inner })
    }

    /// `sign(payload, { id?, timestamp? }) → Record<string, string>` (lower-case header names).
    pub fn sign(&self, payload: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
        let body = payload_bytes(payload)?;
        let timestamp = convert::seconds_or_now(options, "timestamp")?;
        let given = convert::optional_string(options, "id")?;
        let id = match given {
            Some(id) => Some(id),
            None if self.inner.needs_id() => {
                Some(secret::generate_message_id(convert::fill_random).map_err(|e| webhook_error(&e))?)
            }
            None => None,
        };
        let headers = self.inner.sign_at(&body, id.as_deref(), timestamp).map_err(|e| webhook_error(&e))?;
        Ok(convert::headers_object(&headers))
    }
}

/// `generateSecret({ format?: 'whsec' | 'hex' | 'base64', bytes?: number }) → string`.
#[wasm_bindgen(js_name = generateSecret)]
pub fn generate_secret(options: &JsValue) -> Result<String, JsValue> {
    let format = match convert::optional_string(options, "format")? {
        None => SecretFormat::default(),
        Some(name) => SecretFormat::from_name(&name).ok_or_else(|| {
            errors::error(ErrorKind::Webhook, "invalid_options", "format must be 'whsec', 'hex' or 'base64'")
        })?,
    };
    let bytes = match convert::optional_number(options, "bytes")? {
        None => secret::DEFAULT_SECRET_BYTES,
        Some(n) => usize::try_from(convert::whole_seconds(n, "bytes")?).unwrap_or(0),
    };
    secret::generate_secret(format, bytes, convert::fill_random).map_err(|e| webhook_error(&e))
}

/// The names of the preset schemes.
#[wasm_bindgen(js_name = schemes)]
pub fn schemes() -> Vec<JsValue> {
    crate::scheme::PRESETS.iter().map(|n| JsValue::from_str(n)).collect()
}
