//! Hex and base64 as signatures and secrets use them.
//!
//! Decoding is lenient where the providers' own libraries are (base64 padding optional, hex in
//! either case) and strict everywhere else: a decoded signature must be exactly 32 bytes.

use alloc::string::String;
use alloc::vec::Vec;

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;

/// Standard alphabet, padding accepted but not required.
const BASE64_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// How a signature is written into its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// Lower-case hex when signing; either case when verifying.
    Hex,
    /// Standard base64 with padding when signing; padding optional when verifying.
    Base64,
}

impl Encoding {
    /// Parses `hex` or `base64`.
    pub fn from_name(name: &str) -> Option<Encoding> {
        match name {
            "hex" => Some(Encoding::Hex),
            "base64" => Some(Encoding::Base64),
            _ => None,
        }
    }

    /// Writes `bytes` the way this encoding signs.
    pub fn encode(self, bytes: &[u8]) -> String {
        match self {
            Encoding::Hex => hex::encode(bytes),
            Encoding::Base64 => STANDARD.encode(bytes),
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
                let n = BASE64_LENIENT.decode_slice(text.as_bytes(), &mut out).ok()?;
                if n != out.len() {
                    return None;
                }
            }
        }
        Some(out)
    }
}

/// Decodes standard base64 with optional padding.
pub fn decode_base64(text: &[u8]) -> Option<Vec<u8>> {
    BASE64_LENIENT.decode(text).ok()
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
