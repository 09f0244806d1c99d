//! Hex and base64 as signatures and secrets use them.
//!
//! Decoding is lenient where the providers' own libraries are (base64 padding optional, hex in
//! either case) and strict everywhere else: a decoded signature must be exactly 32 bytes, and
//! base64 must be canonical (unused trailing bits zero, as the `base64` crate requires).
//!
//! Base64 is written here rather than taken from the `base64` crate, whose configurable engines
//! weigh on the wasm (`make bench` prints the sizes); hookseal needs one alphabet and forty lines.
//! The tests check it against that crate on random input.

use alloc::string::String;
use alloc::vec::Vec;

/// RFC 4648 §4, the standard alphabet.
const BASE64_ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// How a signature is written into its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// Lower-case hex when signing; either case when verifying.
    Hex,
    /// Standard base64 with padding when signing; padding optional when verifying.
    Base64,
}

impl Encoding {
    /// Every encoding.
    pub const ALL: [Encoding; 2] = [Encoding::Hex, Encoding::Base64];

    /// The name: `hex` or `base64`.
    pub const fn name(self) -> &'static str {
        match self {
            Encoding::Hex => "hex",
            Encoding::Base64 => "base64",
        }
    }

    /// Parses `hex` or `base64`.
    pub fn from_name(name: &str) -> Option<Encoding> {
        Encoding::ALL.into_iter().find(|e| e.name() == name)
    }

    /// Writes `bytes` the way this encoding signs.
    pub fn encode(self, bytes: &[u8]) -> String {
        match self {
            Encoding::Hex => hex::encode(bytes),
            Encoding::Base64 => {
                let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
                encode_base64_into(bytes, &mut out);
                out
            }
        }
    }

    /// Reads a 32-byte HMAC-SHA256 signature, or `None` if `text` is not one.
    pub fn decode_signature(self, text: &str) -> Option<[u8; 32]> {
        let mut out = [0u8; 32];
        match self {
            Encoding::Hex => hex::decode_to_slice(text, &mut out).ok()?,
            Encoding::Base64 => {
                // 32 bytes take 43 characters unpadded, 44 padded; anything longer is not ours.
                if text.len() > 44 {
                    return None;
                }
                // Into the stack buffer: verification decodes every candidate signature.
                if decode_base64_into(text.as_bytes(), &mut out)? != out.len() {
                    return None;
                }
            }
        }
        Some(out)
    }
}

/// Appends standard base64 with padding.
pub fn encode_base64_into(bytes: &[u8], out: &mut String) {
    for chunk in bytes.chunks(3) {
        let byte = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = byte(0) << 16 | byte(1) << 8 | byte(2);
        for i in 0..4 {
            let c = if i <= chunk.len() {
                let index = (n >> (18 - 6 * i)) & 63;
                BASE64_ALPHABET.get(index as usize).copied().unwrap_or(b'=')
            } else {
                b'='
            };
            out.push(char::from(c));
        }
    }
}

/// The value of one base64 character.
fn sextet(c: u8) -> Option<u32> {
    let v = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

/// Decodes standard base64 with padding optional, also in part (`QQ`, `QQ=` and `QQ==` are all
/// accepted, as the `base64` crate's `Indifferent` mode does); `None` for any other character, a
/// dangling character, padding beyond the last quad, or non-zero unused trailing bits.
pub fn decode_base64(text: &[u8]) -> Option<Vec<u8>> {
    let mut out = alloc::vec![0u8; text.len() / 4 * 3 + 2];
    let n = decode_base64_into(text, &mut out)?;
    out.truncate(n);
    Some(out)
}

/// [`decode_base64`] into `out`: the number of bytes written, or `None` if the text is not
/// base64 or its bytes do not fit.
fn decode_base64_into(text: &[u8], out: &mut [u8]) -> Option<usize> {
    let data = text.strip_suffix(b"=").unwrap_or(text);
    let data = data.strip_suffix(b"=").unwrap_or(data);
    let padding = text.len() - data.len();
    // Padding may only complete a final group of two or three characters.
    if padding > 0 && !matches!((data.len() % 4, padding), (2, 1 | 2) | (3, 1)) {
        return None;
    }
    let mut written = 0;
    for chunk in data.chunks(4) {
        let mut n = 0u32;
        for &c in chunk {
            n = n << 6 | sextet(c)?;
        }
        // 24 bits hold three bytes; 18 bits two bytes and two unused bits; 12 bits one byte and
        // four unused bits.
        let (unused, kept) = match chunk.len() {
            4 => (0, 3),
            3 => (2, 2),
            2 => (4, 1),
            _ => return None,
        };
        if n & ((1 << unused) - 1) != 0 {
            return None;
        }
        let bytes = (n >> unused).to_be_bytes();
        for &b in bytes.iter().skip(4 - kept) {
            *out.get_mut(written)? = b;
            written += 1;
        }
    }
    Some(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_decode_only_at_full_length() {
        let sig = [0xabu8; 32];
        for enc in [Encoding::Hex, Encoding::Base64] {
            let text = enc.encode(&sig);
            assert_eq!(enc.decode_signature(&text), Some(sig));
            assert_eq!(enc.decode_signature(&text[..text.len() - 2]), None);
            assert_eq!(enc.decode_signature(""), None);
            assert_eq!(enc.decode_signature(&alloc::format!("{text}AA")), None);
        }
        assert_eq!(Encoding::Hex.decode_signature(&hex::encode(sig).to_uppercase()), Some(sig));
        let b64 = Encoding::Base64.encode(&sig);
        assert_eq!(Encoding::Base64.decode_signature(b64.trim_end_matches('=')), Some(sig));
    }
}
