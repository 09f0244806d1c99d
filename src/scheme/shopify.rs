//! Shopify.
//!
//! `x-shopify-hmac-sha256: <base64>` over the raw body; the key is the app secret's UTF-8 bytes.
//! No timestamp is signed.

use super::{prefixed_preset, Encoding, Scheme};

/// The `shopify` preset.
pub fn scheme() -> Scheme {
    prefixed_preset("shopify", "x-shopify-hmac-sha256", None, "", Encoding::Base64, "{body}")
}
