//! Rust errors to the JavaScript error classes of `errors.js`.

use wasm_bindgen::prelude::*;

use crate::error::{Code, Error};

#[wasm_bindgen(module = "/src/wasm/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(kind: &str, code: &str, message: &str) -> JsValue;
    #[wasm_bindgen(js_name = errorClasses)]
    fn error_classes_js() -> JsValue;
}

/// Which JavaScript class an error is thrown as.
#[derive(Clone, Copy)]
#[allow(dead_code)] // each binding picks its class; not every class is thrown by every build
pub(crate) enum ErrorKind {
    Webhook,
    Canonicalization,
    Schema,
    Delivery,
}

impl ErrorKind {
    fn class(self) -> &'static str {
        match self {
            ErrorKind::Webhook => "WebhookVerificationError",
            ErrorKind::Canonicalization => "CanonicalizationError",
            ErrorKind::Schema => "SchemaError",
            ErrorKind::Delivery => "DeliveryError",
        }
    }
}

/// An error of `kind`'s class with one of the core's codes.
pub(crate) fn error(kind: ErrorKind, code: Code, message: &str) -> JsValue {
    make_error(kind.class(), code.as_str(), message)
}

/// The same for a code the core hands over as text (the delivery planner's reasons, or an error
/// already thrown once).
#[cfg(feature = "wasm-full")]
pub(crate) fn error_with_code_text(kind: ErrorKind, code: &str, message: &str) -> JsValue {
    make_error(kind.class(), code, message)
}

/// A core error as `kind`'s class, with the same code and message.
pub(crate) fn to_js(kind: ErrorKind, e: &Error) -> JsValue {
    error(kind, e.code(), e.message())
}

/// A core error from `Verifier`, `Signer` or `Webhook`.
pub(crate) fn webhook_error(e: &Error) -> JsValue {
    to_js(ErrorKind::Webhook, e)
}

/// A `TypeError`: the caller passed the wrong kind of JavaScript value.
pub(crate) fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// The error classes, for the package entry points to re-export.
#[wasm_bindgen(js_name = __errorClasses)]
pub fn error_classes() -> JsValue {
    error_classes_js()
}
