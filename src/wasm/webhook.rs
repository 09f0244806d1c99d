//! `Webhook`: a drop-in for the `Webhook` class of the `standardwebhooks` and `svix` packages.

use alloc::string::String;
use alloc::vec::Vec;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::convert::{self, now_seconds, payload_bytes, SecretBuf};
use super::errors::{error, type_error, webhook_error, ErrorKind};
use crate::endpoint::Config;
use crate::scheme::Scheme;
use crate::{Signer, Verifier};

/// `new Webhook(secret, { format?: 'raw' })`.
#[wasm_bindgen]
pub struct Webhook {
    verifier: Verifier,
    signer: Signer,
}

#[wasm_bindgen]
impl Webhook {
    #[wasm_bindgen(constructor)]
    pub fn new(secret: &JsValue, options: &JsValue) -> Result<Webhook, JsValue> {
        let raw = convert::optional_string(options, "format")?.as_deref() == Some("raw");
        let secret = match SecretBuf::read(secret, "secret")? {
            // As the reference libraries do, a raw-format string is taken one byte per UTF-16 unit.
            SecretBuf::Text(s) if raw => SecretBuf::Raw(s.encode_utf16().map(|u| u as u8).collect::<Vec<u8>>()),
            other => other,
        };
        let secrets = [secret.as_secret()];
        let config = Config::new(standard(), &secrets);
        let verifier = Verifier::new(&config).map_err(|e| webhook_error(&e))?;
        let signer = Signer::new(&config).map_err(|e| webhook_error(&e))?;
        Ok(Webhook { verifier, signer })
    }

    /// Verifies and returns the parsed JSON payload (`undefined` for an empty body).
    pub fn verify(&self, payload: &JsValue, headers: &JsValue) -> Result<JsValue, JsValue> {
        let body = payload_bytes(payload)?;
        let headers = convert::headers(headers)?;
        self.verifier.verify_at(&body, &headers, now_seconds()).map_err(|e| webhook_error(&e))?;
        let text = String::from_utf8(body)
            .map_err(|_| error(ErrorKind::Webhook, "invalid_payload", "the payload is not UTF-8 text"))?;
        if text.is_empty() {
            return Ok(JsValue::UNDEFINED);
        }
        js_sys::JSON::parse(&text).map_err(|_| error(ErrorKind::Webhook, "invalid_payload", "the payload is not JSON"))
    }

    /// Signs like the reference libraries: returns `v1,<base64>`.
    pub fn sign(&self, msg_id: &str, timestamp: &JsValue, payload: &JsValue) -> Result<String, JsValue> {
        let date = timestamp.dyn_ref::<js_sys::Date>().ok_or_else(|| type_error("timestamp must be a Date"))?;
        let seconds = convert::whole_seconds(js_sys::Math::floor(date.get_time() / 1000.0), "timestamp")?;
        let body = payload_bytes(payload)?;
        let headers = self.signer.sign_at(&body, Some(msg_id), seconds).map_err(|e| webhook_error(&e))?;
        Ok(headers.into_iter().last().map(|(_, v)| v).unwrap_or_default())
    }
}

fn standard() -> Scheme {
    crate::scheme::standard::scheme()
}
