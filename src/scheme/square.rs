//! Square.
//!
//! `x-square-hmacsha256-signature: <base64>` over the notification URL followed by the raw body,
//! so the verifier must know the exact URL the subscription was registered with
//! (`notification_url`); the key is the signature key's UTF-8 bytes.

use super::{prefixed_preset, Encoding, Scheme};

/// The `square` preset.
pub fn scheme() -> Scheme {
    prefixed_preset("square", "x-square-hmacsha256-signature", None, "", Encoding::Base64, "{url}{body}")
}
