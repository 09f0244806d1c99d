//! Signing secrets: how each scheme turns the secret it hands out into HMAC key bytes, the keyed
//! HMAC state kept per secret, and the generation of new secrets and message ids.
//!
//! A [`Key`] computes the HMAC-SHA256 inner and outer pads once, when it is made; every signature
//! after that clones the keyed state instead of hashing the key again. Nothing here prints key
//! bytes: `Debug` is redacted and errors name only the secret's position.
//!
//! Key material is wiped when it is dropped, so that it does not linger in freed memory (in wasm,
//! one linear memory that the host can read): the decoded key bytes are held in
//! [`Zeroizing`] buffers, and the keyed state of a [`Key`] (and of every copy of it made to sign)
//! is wiped by `hmac`'s and `sha2`'s `zeroize` features, which clear both SHA-256 states and the
//! block buffer on drop. Not covered: the caller's own secret text, and the padded key block that
//! `hmac` builds on the stack while keying.

use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use zeroize::{ZeroizeOnDrop, Zeroizing};

use crate::error::{Code, Error, Result};
use crate::webhook::encoding;
use crate::webhook::mac::{KeyState, Mac};

/// A secret as a caller hands it over: the text a provider gave out, or raw key bytes.
#[derive(Clone, PartialEq, Eq)]
pub enum Secret<'a> {
    /// Text as the provider hands it out (`whsec_…`, a hex string, any passphrase).
    Text(&'a str),
    /// Key bytes used as they are.
    Raw(&'a [u8]),
}

impl fmt::Debug for Secret<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Secret::Text(_) => f.write_str("Secret::Text(<redacted>)"),
            Secret::Raw(_) => f.write_str("Secret::Raw(<redacted>)"),
        }
    }
}

/// How a scheme derives HMAC key bytes from secret text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyEncoding {
    /// The UTF-8 bytes of the whole text (GitHub, Stripe, Slack, Shopify, Square, Zoom).
    Utf8,
    /// Standard Webhooks: an optional `whsec_` prefix, then base64 of the key bytes (padding
    /// optional), as the reference libraries accept it.
    Whsec,
    /// Hex of the key bytes, in either case.
    Hex,
    /// Standard base64 of the key bytes, padding optional.
    Base64,
}

impl KeyEncoding {
    /// Every key encoding.
    pub const ALL: [KeyEncoding; 4] = [KeyEncoding::Utf8, KeyEncoding::Whsec, KeyEncoding::Hex, KeyEncoding::Base64];

    /// The name: `utf8`, `whsec`, `hex` or `base64`.
    pub const fn name(self) -> &'static str {
        match self {
            KeyEncoding::Utf8 => "utf8",
            KeyEncoding::Whsec => "whsec",
            KeyEncoding::Hex => "hex",
            KeyEncoding::Base64 => "base64",
        }
    }

    /// Parses `utf8`, `whsec`, `hex` or `base64`.
    pub fn from_name(name: &str) -> Option<KeyEncoding> {
        KeyEncoding::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// Prefix that Standard Webhooks (and Svix) put before the base64 key.
pub const WHSEC_PREFIX: &str = "whsec_";

/// A secret ready to sign with: the keyed HMAC state, computed once, wiped on drop.
#[derive(Clone)]
pub struct Key {
    state: KeyState,
}

// `KeyState` wipes its chaining values on drop (`wiped_on_drop` in the tests checks it), and it is
// `Key`'s only field.
impl ZeroizeOnDrop for Key {}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key(<redacted>)")
    }
}

impl Key {
    /// Derives the key bytes of `secret` as `encoding` says, then keys HMAC-SHA256 with them.
    /// `index` only numbers the secret in error messages.
    pub fn new(secret: &Secret<'_>, encoding: KeyEncoding, index: usize) -> Result<Key> {
        let bytes = key_bytes(secret, encoding, index)?;
        Key::from_bytes(&bytes, index)
    }

    /// Keys HMAC-SHA256 with raw key bytes.
    pub fn from_bytes(bytes: &[u8], index: usize) -> Result<Key> {
        if bytes.is_empty() {
            return Err(empty_secret(index));
        }
        Ok(Key { state: KeyState::new(bytes) })
    }

    /// A key from the state [`Key::state`] exported.
    pub fn from_state(state: KeyState) -> Key {
        Key { state }
    }

    /// The keyed state, as plain data.
    pub fn state(&self) -> &KeyState {
        &self.state
    }

    /// The MAC from HMAC's inner hash computed elsewhere (see [`KeyState::tag_from_inner`]).
    pub fn tag_from_inner(&self, inner: &[u8; 32]) -> [u8; 32] {
        self.state.tag_from_inner(inner)
    }

    /// A fresh MAC computation under this key.
    pub(crate) fn mac(&self) -> Mac {
        self.state.mac()
    }
}

fn empty_secret(index: usize) -> Error {
    Error::with_message(Code::InvalidSecret, format!("secret {index} is empty"))
}

/// The key bytes `secret` stands for under `encoding` (`index` numbers it in messages).
pub(crate) fn key_bytes(secret: &Secret<'_>, encoding: KeyEncoding, index: usize) -> Result<Zeroizing<Vec<u8>>> {
    match (secret, encoding) {
        (Secret::Raw(bytes), _) => Ok(Zeroizing::new(bytes.to_vec())),
        (Secret::Text(text), KeyEncoding::Utf8) => {
            if text.is_empty() {
                return Err(empty_secret(index));
            }
            Ok(Zeroizing::new(text.as_bytes().to_vec()))
        }
        (Secret::Text(text), KeyEncoding::Whsec | KeyEncoding::Base64) => {
            let body =
                if encoding == KeyEncoding::Whsec { text.strip_prefix(WHSEC_PREFIX).unwrap_or(text) } else { text };
            if body.is_empty() {
                return Err(empty_secret(index));
            }
            encoding::decode_base64(body.as_bytes()).map(Zeroizing::new).ok_or_else(|| {
                Error::with_message(
                    Code::InvalidSecret,
                    format!(
                        "secret {index} is not base64 (after an optional `whsec_` prefix where the scheme allows one)"
                    ),
                )
            })
        }
        (Secret::Text(text), KeyEncoding::Hex) => {
            if text.is_empty() {
                return Err(empty_secret(index));
            }
            hex::decode(text)
                .map(Zeroizing::new)
                .map_err(|_| Error::with_message(Code::InvalidSecret, format!("secret {index} is not hex")))
        }
    }
}

/// The text form of a generated secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SecretFormat {
    /// `whsec_` followed by standard base64 of the key bytes (Standard Webhooks, Svix).
    #[default]
    Whsec,
    /// Lower-case hex of the key bytes.
    Hex,
    /// Standard base64 (with padding) of the key bytes.
    Base64,
}

impl SecretFormat {
    /// Every format.
    pub const ALL: [SecretFormat; 3] = [SecretFormat::Whsec, SecretFormat::Hex, SecretFormat::Base64];

    /// The name: `whsec`, `hex` or `base64`.
    pub const fn name(self) -> &'static str {
        match self {
            SecretFormat::Whsec => "whsec",
            SecretFormat::Hex => "hex",
            SecretFormat::Base64 => "base64",
        }
    }

    /// Parses `whsec`, `hex` or `base64`.
    pub fn from_name(name: &str) -> Option<SecretFormat> {
        SecretFormat::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// Default number of random key bytes in a generated secret.
pub const DEFAULT_SECRET_BYTES: usize = 32;
/// Fewest key bytes [`generate_secret`] accepts: below 16 bytes an HMAC key is guessable.
pub const MIN_SECRET_BYTES: usize = 16;
/// Most key bytes [`generate_secret`] accepts (a SHA-256 block is 64; more adds nothing).
pub const MAX_SECRET_BYTES: usize = 1024;

/// Makes a new secret of `bytes` random bytes in `format`. `fill` must fill its buffer from a
/// cryptographically secure source (the `std` feature offers [`generate_secret_os`]).
pub fn generate_secret(
    format: SecretFormat,
    bytes: usize,
    fill: impl FnOnce(&mut [u8]) -> Result<()>,
) -> Result<String> {
    if !(MIN_SECRET_BYTES..=MAX_SECRET_BYTES).contains(&bytes) {
        return Err(Error::with_message(
            Code::InvalidOptions,
            format!("a secret must have {MIN_SECRET_BYTES} to {MAX_SECRET_BYTES} bytes, not {bytes}"),
        ));
    }
    let mut key = Zeroizing::new(vec![0u8; bytes]);
    fill(&mut key)?;
    let text = match format {
        SecretFormat::Whsec => {
            let mut s = String::from(WHSEC_PREFIX);
            crate::webhook::encoding::encode_base64_into(&key, &mut s);
            s
        }
        SecretFormat::Hex => hex::encode(&key),
        SecretFormat::Base64 => crate::webhook::encoding::Encoding::Base64.encode(&key),
    };
    Ok(text)
}

const ID_ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const ID_LEN: usize = 24;

/// Makes a message id `msg_` + 24 random alphanumerics (about 143 bits), in the style of Svix.
pub fn generate_message_id(mut fill: impl FnMut(&mut [u8]) -> Result<()>) -> Result<String> {
    let mut id = String::with_capacity(4 + ID_LEN);
    id.push_str("msg_");
    let mut buf = [0u8; 32];
    let mut have = 0;
    while have < ID_LEN {
        fill(&mut buf)?;
        // Rejection sampling: 248 = 4 * 62, so bytes below it map uniformly onto the alphabet.
        for &b in buf.iter().filter(|&&b| b < 248) {
            if have == ID_LEN {
                break;
            }
            if let Some(&c) = ID_ALPHABET.get(usize::from(b % 62)) {
                id.push(char::from(c));
                have += 1;
            }
        }
    }
    Ok(id)
}

/// Fills `buf` from the operating system's CSPRNG.
#[cfg(feature = "std")]
pub fn os_random(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf).map_err(|_| Error::new(Code::InvalidOptions, "the operating system's random source failed"))
}

/// [`generate_secret`] with the operating system's CSPRNG.
#[cfg(feature = "std")]
pub fn generate_secret_os(format: SecretFormat, bytes: usize) -> Result<String> {
    generate_secret(format, bytes, os_random)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whsec_prefix_and_padding_are_optional() {
        let with = Key::new(&Secret::Text("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), KeyEncoding::Whsec, 0);
        let without = Key::new(&Secret::Text("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), KeyEncoding::Whsec, 0);
        assert!(with.is_ok() && without.is_ok());
        let unpadded = key_bytes(&Secret::Text("whsec_AAE"), KeyEncoding::Whsec, 0).map(|b| b.to_vec());
        let padded = key_bytes(&Secret::Text("whsec_AAE="), KeyEncoding::Whsec, 0).map(|b| b.to_vec());
        assert_eq!(unpadded, Ok(vec![0, 1]));
        assert_eq!(padded, Ok(vec![0, 1]));
    }

    #[test]
    fn empty_and_malformed_secrets_are_refused_without_echo() {
        for text in ["", "whsec_", "whsec_not*base64", "whsec_A"] {
            let err = Key::new(&Secret::Text(text), KeyEncoding::Whsec, 2).unwrap_err();
            assert_eq!(err.code(), Code::InvalidSecret, "{text}");
            assert!(err.message().contains("secret 2"));
            if text.len() > 6 {
                assert!(!err.message().contains(&text[6..]), "message echoes the secret");
            }
        }
        assert_eq!(Key::new(&Secret::Text(""), KeyEncoding::Utf8, 0).unwrap_err().code(), Code::InvalidSecret);
        assert_eq!(Key::new(&Secret::Raw(&[]), KeyEncoding::Utf8, 0).unwrap_err().code(), Code::InvalidSecret);
    }

    #[test]
    fn wiped_on_drop() {
        fn wipes<T: ZeroizeOnDrop>() {}
        // What `Key` holds: the two chaining values of the keyed HMAC state.
        wipes::<crate::webhook::mac::KeyState>();
        wipes::<Key>();
        wipes::<Zeroizing<Vec<u8>>>();
        // A wiped buffer holds only zeros, and the decoded key bytes come in such buffers.
        let mut bytes =
            key_bytes(&Secret::Text("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), KeyEncoding::Whsec, 0).unwrap();
        assert!(bytes.iter().any(|&b| b != 0));
        zeroize::Zeroize::zeroize(&mut *bytes);
        assert!(bytes.iter().all(|&b| b == 0));
    }

    #[test]
    fn debug_output_is_redacted() {
        let key = Key::new(&Secret::Text("super-secret-value"), KeyEncoding::Utf8, 0).unwrap();
        assert_eq!(format!("{key:?}"), "Key(<redacted>)");
        assert!(!format!("{:?}", Secret::Text("super-secret-value")).contains("super"));
    }

    #[test]
    fn generated_secrets_have_the_requested_form() {
        let counter = |buf: &mut [u8]| {
            for (i, b) in buf.iter_mut().enumerate() {
                *b = i as u8;
            }
            Ok(())
        };
        let s = generate_secret(SecretFormat::Whsec, 32, counter).unwrap();
        assert!(s.starts_with("whsec_"));
        assert_eq!(*key_bytes(&Secret::Text(&s), KeyEncoding::Whsec, 0).unwrap(), (0u8..32).collect::<Vec<_>>());
        assert_eq!(generate_secret(SecretFormat::Hex, 16, counter).unwrap(), "000102030405060708090a0b0c0d0e0f");
        assert_eq!(generate_secret(SecretFormat::Base64, 16, counter).unwrap().len(), 24);
        assert_eq!(generate_secret(SecretFormat::Hex, 15, counter).unwrap_err().code(), Code::InvalidOptions);
        assert_eq!(generate_secret(SecretFormat::Hex, 1025, counter).unwrap_err().code(), Code::InvalidOptions);
    }

    #[test]
    fn message_ids_are_alphanumeric_and_uniform_enough() {
        let mut state = 7u32;
        let id = generate_message_id(|buf| {
            for b in buf.iter_mut() {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
                *b = (state >> 16) as u8;
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(id.len(), 28);
        assert!(id[4..].bytes().all(|b| b.is_ascii_alphanumeric()));
        // An all-0xff source only yields rejected bytes until it changes: the loop must keep asking.
        let mut calls = 0;
        let id = generate_message_id(|buf| {
            calls += 1;
            buf.fill(if calls < 3 { 0xff } else { 61 });
            Ok(())
        })
        .unwrap();
        assert_eq!(&id[4..], "zzzzzzzzzzzzzzzzzzzzzzzz");
    }
}
