//! Standard Webhooks v1a: Ed25519 signatures, and the key pairs that make them.
//!
//! The spec signs the same `{id}.{timestamp}.{body}` as `v1`, writes the signature as
//! `v1a,<base64 of 64 bytes>` beside any `v1,` ones, and serializes keys with a prefix that says
//! what they are: a secret key `whsk_` + base64, a public key `whpk_` + base64. A receiver then
//! holds only a public key, which cannot sign.
//!
//! Accepted forms (padding optional, as for `whsec_`):
//! - `whsk_` + base64 of the 32-byte seed (what [`generate_key_pair`] writes, as RFC 8032 defines
//!   the secret key), or of 64 bytes, seed then public key (the form svix's server and libsodium
//!   write); the public half must be the seed's, else `invalid_secret`.
//! - `whpk_` + base64 of the 32-byte compressed point. A key that does not decode to a point, or
//!   one of small order (which would accept forged signatures under lax verification), is
//!   `invalid_secret`.
//!
//! Verification is ed25519-dalek's `verify_strict`: a signature whose `S` is not below the group
//! order, or whose `R` is of small order, never verifies, so each message has one valid signature
//! per key and results do not depend on which Ed25519 library the sender used.
//!
//! In a [`Config`](crate::Config) of the `standard` scheme these keys mix freely with `whsec_`
//! secrets (`secrets: [whpk_new, whsec_old]` verifies during a move from HMAC to Ed25519); other
//! schemes refuse them. Secret key bytes are wiped when dropped, and `Debug` never shows them.
//!
//! ```
//! use hookseal::{ed25519, Config, Scheme, Secret, Signer, Verifier};
//!
//! let pair = ed25519::generate_key_pair(|buf| {
//!     buf.fill(7); // use a CSPRNG: `ed25519::generate_key_pair_os` with `std`
//!     Ok(())
//! })?;
//! assert_eq!(ed25519::public_key_of(pair.secret_key())?, pair.public_key());
//!
//! let signing = [Secret::Text(pair.secret_key())];
//! let headers = Signer::new(&Config::new(Scheme::preset("standard").unwrap(), &signing))?
//!     .sign_at(b"{}", Some("msg_1"), 1_700_000_000)?;
//! assert!(headers[2].1.starts_with("v1a,"));
//!
//! let receiving = [Secret::Text(pair.public_key())];
//! let verifier = Verifier::new(&Config::new(Scheme::preset("standard").unwrap(), &receiving))?;
//! assert_eq!(verifier.verify_at(b"{}", &headers, 1_700_000_000)?.secret_index, 0);
//! # Ok::<(), hookseal::Error>(())
//! ```

use alloc::format;
use alloc::string::String;
use core::fmt;

use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::error::{Code, Error, Result};
use crate::webhook::encoding;

/// Prefix of a serialized Ed25519 secret key.
pub const SECRET_KEY_PREFIX: &str = "whsk_";
/// Prefix of a serialized Ed25519 public key.
pub const PUBLIC_KEY_PREFIX: &str = "whpk_";
/// Length of a v1a signature.
pub const SIGNATURE_LEN: usize = 64;
/// The version label of Ed25519 signatures in `webhook-signature`.
pub(crate) const VERSION: &str = "v1a";

/// True if `text` is written as an Ed25519 key (`whsk_…` or `whpk_…`).
pub fn is_key_text(text: &str) -> bool {
    text.starts_with(SECRET_KEY_PREFIX) || text.starts_with(PUBLIC_KEY_PREFIX)
}

/// A new key pair as [`generate_key_pair`] returns it. The secret key's text is wiped on drop.
#[derive(Clone, PartialEq, Eq)]
pub struct KeyPair {
    secret_key: String,
    public_key: String,
}

impl KeyPair {
    /// `whsk_` + base64 of the 32-byte seed: for the sender only.
    pub fn secret_key(&self) -> &str {
        &self.secret_key
    }

    /// `whpk_` + base64 of the public key: for receivers.
    pub fn public_key(&self) -> &str {
        &self.public_key
    }
}

impl Drop for KeyPair {
    fn drop(&mut self) {
        self.secret_key.zeroize();
    }
}

impl ZeroizeOnDrop for KeyPair {}

impl fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyPair").field("secret_key", &"<redacted>").field("public_key", &self.public_key).finish()
    }
}

/// Makes a key pair from 32 random bytes. `fill` must fill its buffer from a cryptographically
/// secure source (the `std` feature offers [`generate_key_pair_os`]).
pub fn generate_key_pair(fill: impl FnOnce(&mut [u8]) -> Result<()>) -> Result<KeyPair> {
    let mut seed = Zeroizing::new([0u8; 32]);
    fill(seed.as_mut())?;
    let key = SigningKey::from_bytes(&seed);
    // Room for all of it at once, so that no reallocation leaves a copy of the key behind.
    let mut secret_key = String::with_capacity(SECRET_KEY_PREFIX.len() + 44);
    secret_key.push_str(SECRET_KEY_PREFIX);
    encoding::encode_base64_into(seed.as_ref(), &mut secret_key);
    Ok(KeyPair { secret_key, public_key: public_text(&key.verifying_key()) })
}

/// [`generate_key_pair`] with the operating system's CSPRNG.
#[cfg(feature = "std")]
pub fn generate_key_pair_os() -> Result<KeyPair> {
    generate_key_pair(crate::webhook::secret::os_random)
}

/// The `whpk_` public key of a `whsk_` secret key (either form).
pub fn public_key_of(secret_key: &str) -> Result<String> {
    match AsymmetricKey::parse(secret_key, 0)? {
        Some(AsymmetricKey::Signing(key)) => Ok(public_text(&key.verifying_key())),
        Some(AsymmetricKey::Verifying(_)) => {
            Err(Error::new(Code::InvalidSecret, "this is already a public key (`whpk_`): pass the `whsk_` secret key"))
        }
        None => Err(Error::new(Code::InvalidSecret, "an Ed25519 secret key starts with `whsk_`")),
    }
}

fn public_text(key: &VerifyingKey) -> String {
    let mut out = String::from(PUBLIC_KEY_PREFIX);
    encoding::encode_base64_into(key.as_bytes(), &mut out);
    out
}

/// An Ed25519 key of an endpoint: a secret key signs and verifies, a public key only verifies.
#[derive(Clone)]
pub(crate) enum AsymmetricKey {
    Signing(SigningKey),
    Verifying(VerifyingKey),
}

// `SigningKey` wipes its seed on drop (ed25519-dalek's `zeroize` feature); a public key is public.
impl ZeroizeOnDrop for AsymmetricKey {}

impl fmt::Debug for AsymmetricKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AsymmetricKey::Signing(_) => f.write_str("Ed25519SecretKey(<redacted>)"),
            AsymmetricKey::Verifying(_) => f.write_str("Ed25519PublicKey"),
        }
    }
}

fn invalid(index: usize, what: &str) -> Error {
    Error::with_message(Code::InvalidSecret, format!("secret {index} {what}"))
}

impl AsymmetricKey {
    /// The key `text` is written as, `None` if it has neither prefix (`index` numbers it in
    /// messages, which never quote the key).
    pub(crate) fn parse(text: &str, index: usize) -> Result<Option<AsymmetricKey>> {
        if let Some(body) = text.strip_prefix(SECRET_KEY_PREFIX) {
            let bytes = decode(body, index, "`whsk_` secret key")?;
            return match bytes.len() {
                32 => {
                    let mut seed = Zeroizing::new([0u8; 32]);
                    seed.copy_from_slice(&bytes);
                    Ok(Some(AsymmetricKey::Signing(SigningKey::from_bytes(&seed))))
                }
                64 => {
                    let mut pair = Zeroizing::new([0u8; 64]);
                    pair.copy_from_slice(&bytes);
                    SigningKey::from_keypair_bytes(&pair).map(|key| Some(AsymmetricKey::Signing(key))).map_err(|_| {
                        invalid(index, "is a 64-byte `whsk_` key whose public half is not the seed's public key")
                    })
                }
                n => Err(invalid(index, &format!("is a `whsk_` key of {n} bytes; an Ed25519 secret key has 32 or 64"))),
            };
        }
        if let Some(body) = text.strip_prefix(PUBLIC_KEY_PREFIX) {
            let bytes = decode(body, index, "`whpk_` public key")?;
            let point: [u8; 32] = bytes.as_slice().try_into().map_err(|_| {
                invalid(index, &format!("is a `whpk_` key of {} bytes; an Ed25519 public key has 32", bytes.len()))
            })?;
            let key = VerifyingKey::from_bytes(&point)
                .map_err(|_| invalid(index, "is a `whpk_` key that is not a point of Ed25519"))?;
            if key.is_weak() {
                return Err(invalid(index, "is a `whpk_` key of small order, which no honest signer has"));
            }
            return Ok(Some(AsymmetricKey::Verifying(key)));
        }
        Ok(None)
    }

    /// The public key both kinds verify with.
    fn verifying(&self) -> VerifyingKey {
        match self {
            AsymmetricKey::Signing(key) => key.verifying_key(),
            AsymmetricKey::Verifying(key) => *key,
        }
    }

    /// True for a public key, which cannot sign.
    pub(crate) fn is_public(&self) -> bool {
        matches!(self, AsymmetricKey::Verifying(_))
    }

    /// The signature of `message`, `None` for a public key.
    pub(crate) fn sign(&self, message: &[u8]) -> Option<[u8; SIGNATURE_LEN]> {
        match self {
            AsymmetricKey::Signing(key) => Some(key.sign(message).to_bytes()),
            AsymmetricKey::Verifying(_) => None,
        }
    }

    /// Strict verification (see the module documentation).
    pub(crate) fn verify(&self, message: &[u8], signature: &[u8; SIGNATURE_LEN]) -> bool {
        self.verifying().verify_strict(message, &Signature::from_bytes(signature)).is_ok()
    }

    /// The key as the descriptor of the JavaScript objects stores it: a kind byte, then the seed
    /// or the public key.
    #[cfg(feature = "wasm-verify")]
    pub(crate) fn to_bytes(&self) -> Zeroizing<[u8; 33]> {
        let mut out = Zeroizing::new([0u8; 33]);
        let (kind, bytes) = match self {
            AsymmetricKey::Signing(key) => (1, key.to_bytes()),
            AsymmetricKey::Verifying(key) => (2, key.to_bytes()),
        };
        let bytes = Zeroizing::new(bytes);
        let (head, tail) = out.split_at_mut(1);
        head.fill(kind);
        tail.copy_from_slice(bytes.as_ref());
        out
    }

    /// The key [`AsymmetricKey::to_bytes`] wrote.
    #[cfg(feature = "wasm-verify")]
    pub(crate) fn from_bytes(kind: u8, bytes: &[u8; 32]) -> Option<AsymmetricKey> {
        match kind {
            1 => Some(AsymmetricKey::Signing(SigningKey::from_bytes(bytes))),
            2 => VerifyingKey::from_bytes(bytes).ok().map(AsymmetricKey::Verifying),
            _ => None,
        }
    }
}

fn decode(body: &str, index: usize, what: &str) -> Result<Zeroizing<alloc::vec::Vec<u8>>> {
    encoding::decode_base64(body.as_bytes())
        .map(Zeroizing::new)
        .ok_or_else(|| invalid(index, &format!("is not a {what}: the text after the prefix is not base64")))
}

/// Decodes a v1a candidate; anything but 64 bytes of base64 is no signature at all.
pub(crate) fn decode_signature(text: &str) -> Option<[u8; SIGNATURE_LEN]> {
    encoding::decode_base64(text.as_bytes()).and_then(|bytes| bytes.as_slice().try_into().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    const VECTOR_SECRET: &str =
        "whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==";
    const VECTOR_PUBLIC: &str = "whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=";

    #[test]
    fn both_secret_forms_and_their_public_key() {
        assert_eq!(public_key_of(VECTOR_SECRET).unwrap(), VECTOR_PUBLIC);
        // The seed alone (the first 32 bytes), padded or not.
        let bytes = encoding::decode_base64(&VECTOR_SECRET.as_bytes()[5..]).unwrap();
        let mut seed_text = String::from("whsk_");
        encoding::encode_base64_into(&bytes[..32], &mut seed_text);
        assert_eq!(public_key_of(&seed_text).unwrap(), VECTOR_PUBLIC);
        assert_eq!(public_key_of(seed_text.trim_end_matches('=')).unwrap(), VECTOR_PUBLIC);
    }

    #[test]
    fn malformed_keys_are_invalid_secrets_without_echo() {
        let mut mismatched = encoding::decode_base64(&VECTOR_SECRET.as_bytes()[5..]).unwrap();
        mismatched[63] ^= 1;
        let mut mismatched_text = String::from("whsk_");
        encoding::encode_base64_into(&mismatched, &mut mismatched_text);
        // The identity point: small order.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        let mut identity_text = String::from("whpk_");
        encoding::encode_base64_into(&identity, &mut identity_text);
        for text in [
            "whsk_",
            "whsk_not*base64",
            "whsk_AAAA",
            mismatched_text.as_str(),
            "whpk_",
            "whpk_AAAA",
            identity_text.as_str(),
            &VECTOR_PUBLIC.replace("whpk_", "whpk_A"),
        ] {
            let err = AsymmetricKey::parse(text, 3).unwrap_err();
            assert_eq!(err.code(), Code::InvalidSecret, "{text}");
            assert!(err.message().starts_with("secret 3 "), "{}", err.message());
            if text.len() > 8 {
                assert!(!err.message().contains(&text[5..]), "message echoes the key");
            }
        }
        assert!(AsymmetricKey::parse("whsec_AAAA", 0).unwrap().is_none());
        assert_eq!(public_key_of(VECTOR_PUBLIC).unwrap_err().code(), Code::InvalidSecret);
    }

    #[test]
    fn generated_pairs_sign_and_verify() {
        let pair = generate_key_pair(|b| {
            b.iter_mut().enumerate().for_each(|(i, x)| *x = i as u8);
            Ok(())
        })
        .unwrap();
        assert_eq!(pair.secret_key().len(), 5 + 44);
        assert!(!format!("{pair:?}").contains(&pair.secret_key()[5..]));
        let signing = AsymmetricKey::parse(pair.secret_key(), 0).unwrap().unwrap();
        let public = AsymmetricKey::parse(pair.public_key(), 0).unwrap().unwrap();
        let sig = signing.sign(b"message").unwrap();
        assert!(public.verify(b"message", &sig) && signing.verify(b"message", &sig));
        assert!(!public.verify(b"messagE", &sig));
        assert!(public.sign(b"message").is_none() && public.is_public());
        assert_eq!(format!("{signing:?}"), "Ed25519SecretKey(<redacted>)");
    }

    #[test]
    fn non_canonical_s_is_refused() {
        let signing = AsymmetricKey::parse(VECTOR_SECRET, 0).unwrap().unwrap();
        let sig = signing.sign(b"m").unwrap();
        // S + L encodes the same scalar mod L: lax verifiers accept it, strict ones must not.
        const L: [u8; 32] = [
            0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
        ];
        let mut high = sig;
        let mut carry = 0u16;
        for (byte, l) in high[32..].iter_mut().zip(L) {
            let sum = u16::from(*byte) + u16::from(l) + carry;
            *byte = sum as u8;
            carry = sum >> 8;
        }
        assert_eq!(carry, 0, "S + L fits in 256 bits for this signature");
        assert!(signing.verify(b"m", &sig));
        assert!(!signing.verify(b"m", &high));
    }

    #[test]
    fn signatures_decode_only_at_64_bytes() {
        assert!(decode_signature(&"A".repeat(86)).is_some());
        assert!(decode_signature(&"A".repeat(84)).is_none());
        assert!(decode_signature("not base64!").is_none());
    }
}
