//! Slack.
//!
//! `x-slack-request-timestamp` and `x-slack-signature: v0=<hex>` over `v0:{timestamp}:{body}`, where
//! the body is usually form-encoded; the key is the signing secret's UTF-8 bytes.

use super::{prefixed_preset, Encoding, Scheme};

/// The `slack` preset.
pub fn scheme() -> Scheme {
    prefixed_preset(
        "slack",
        "x-slack-signature",
        Some("x-slack-request-timestamp"),
        "v0=",
        Encoding::Hex,
        "v0:{timestamp}:{body}",
    )
}
