//! The signing engine: one [`Config`](config::Config) of scheme and secrets, and the
//! [`Signer`](sign::Signer) and [`Verifier`](verify::Verifier) that run every scheme from it.

pub(crate) mod config;
#[cfg(feature = "ed25519")]
pub mod ed25519;
pub mod encoding;
pub mod headers;
pub mod mac;
pub mod secret;
pub(crate) mod sign;
pub(crate) mod verify;
