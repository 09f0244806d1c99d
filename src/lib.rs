//! # hookseal
//!
//! Webhook signing and verification for every major HMAC-SHA256 scheme (Standard Webhooks/Svix,
//! Stripe, GitHub, Slack, Shopify, Square, Zoom and custom schemes), written once as a `no_std`
//! core and exported to JavaScript through WebAssembly.
//!
//! The core needs only `alloc`. It never reads a clock or a random source by itself: the
//! `*_at` methods take the time, and secret and id generation take a fill function. The `std`
//! feature (on by default) adds the system clock and the OS random source; the `policy` feature
//! adds `hookseal::policy`, the safe-URL and custom-header rules for webhook configs (`url`, on by
//! default, adds the `url` crate's parser to it); the `schema` feature (on by default) adds
//! `hookseal::schema`, the JSON-Schema engine, with the policy plugged in; signing and
//! verification need neither; the `wasm` feature adds the JavaScript bindings in `src/wasm/`,
//! which the core never imports; the `ed25519` feature (on by default) adds Standard Webhooks'
//! asymmetric `v1a` signatures and [`ed25519`]'s key pairs; the `serde` feature (off by default)
//! adds `Serialize`/`Deserialize` for [`json::Value`] and `canonical::to_string`, the RFC 8785
//! form of any `Serialize` value.
//!
//! ```
//! use hookseal::{Config, Scheme, Secret, Signer, Verifier};
//!
//! let secrets = [Secret::Text("It's a Secret to Everybody")];
//! let config = Config::new(Scheme::preset("github").unwrap(), &secrets);
//! let headers = Signer::new(&config)?.sign_at(b"Hello, World!", None, 0)?;
//! assert_eq!(
//!     headers,
//!     [("x-hub-signature-256".to_string(),
//!       "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17".to_string())]
//! );
//! let verified = Verifier::new(&config)?.verify_at(b"Hello, World!", &headers, 0)?;
//! assert_eq!(verified.secret_index, 0);
//! # Ok::<(), hookseal::Error>(())
//! ```
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod canonical;
#[cfg(feature = "schema")]
pub mod delivery;
pub mod diagnose;
pub mod error;
mod grammar;
pub mod json;
#[cfg(feature = "schema")]
mod jsonschema;
#[cfg(feature = "policy")]
pub mod policy;
#[cfg(feature = "schema")]
pub mod schema;
pub mod scheme;
mod sort;
mod webhook;

#[cfg(feature = "ed25519")]
pub use webhook::ed25519;
pub use webhook::{encoding, headers, mac, secret};

#[cfg(feature = "wasm")]
mod wasm;

pub use diagnose::{diagnose_at, DiagnoseOptions, Diagnosis, Finding, FindingCode};
pub use error::{Code, Error, Result};
pub use scheme::custom::CustomScheme;
pub use scheme::Scheme;
pub use webhook::config::{Config, MAX_SECRETS};
pub use webhook::headers::Headers;
pub use webhook::secret::{generate_message_id, generate_secret, Secret, SecretFormat};
pub use webhook::sign::{Signer, Signing};
pub use webhook::verify::{Limits, Pending, Verified, Verifier, DEFAULT_TOLERANCE_SECONDS};

/// Seconds since the Unix epoch from the system clock (0 if the clock is before 1970).
#[cfg(feature = "std")]
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}
