//! GitHub.
//!
//! `x-hub-signature-256: sha256=<hex>` over the raw body; the key is the secret's UTF-8 bytes.
//! GitHub signs no timestamp, so replays cannot be refused by age: record `x-github-delivery` ids.

use super::{prefixed_preset, Encoding, Scheme};

/// The `github` preset.
pub fn scheme() -> Scheme {
    prefixed_preset("github", "x-hub-signature-256", None, "sha256=", Encoding::Hex, "{body}")
}
