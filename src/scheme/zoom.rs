//! Zoom.
//!
//! `x-zm-request-timestamp` and `x-zm-signature: v0=<hex>` over `v0:{timestamp}:{body}`; the key
//! is the app's secret token as UTF-8.

use super::{prefixed_preset, Encoding, Scheme};

/// The `zoom` preset.
pub fn scheme() -> Scheme {
    prefixed_preset(
        "zoom",
        "x-zm-signature",
        Some("x-zm-request-timestamp"),
        "v0=",
        Encoding::Hex,
        "v0:{timestamp}:{body}",
    )
}
