//! Standard Webhooks (and Svix, which it grew out of).
//!
//! Headers `webhook-id`, `webhook-timestamp` and `webhook-signature` (`svix-*` accepted too); the
//! signed content is `{id}.{timestamp}.{body}`; signatures are base64, written `v1,<sig>` and
//! separated by spaces, so a sender rotating keys can sign with both. The key is the base64 after
//! the `whsec_` prefix. Spec: <https://github.com/standard-webhooks/standard-webhooks>.
//!
//! The spec's asymmetric version, `v1a,<sig>` (Ed25519 over the same content, keys `whsk_` and
//! `whpk_`), is this preset's too, with the `ed25519` feature: see [`crate::webhook::ed25519`]. Custom
//! schemes are HMAC only.

use alloc::borrow::Cow;
use alloc::string::String;

use super::{preset_template, Encoding, HeaderName, KeyEncoding, ParsedSignatures, Scheme, Syntax};

/// The `standard` preset.
pub fn scheme() -> Scheme {
    Scheme {
        name: Cow::Borrowed("standard"),
        signature_header: HeaderName::new("webhook-signature").or("svix-signature"),
        timestamp_header: Some(HeaderName::new("webhook-timestamp").or("svix-timestamp")),
        id_header: Some(HeaderName::new("webhook-id").or("svix-id")),
        syntax: Syntax::Standard,
        encoding: Encoding::Base64,
        key_encoding: KeyEncoding::Whsec,
        template: preset_template("{id}.{timestamp}.{body}"),
        multiple_signatures: true,
    }
}

/// Collects the `v1` and `v1a` signatures of one header value; true if any `<version>,<sig>`
/// pair was seen.
pub(super) fn parse_signatures<'h>(value: &'h str, out: &mut ParsedSignatures<'h>) -> bool {
    let mut recognised = false;
    for token in super::syntax::tokens(value, b"") {
        if let Some((version, sig)) = token.split_once(',') {
            recognised = true;
            // A Fetch `Headers` joins repeated headers with ", ": drop the joining comma.
            match version {
                "v1" => out.candidates.push(sig.trim_end_matches(',')),
                "v1a" => out.asymmetric.push(sig.trim_end_matches(',')),
                _ => {}
            }
        }
    }
    recognised
}

/// `v1,<a> v1a,<b>`: each signature with its version, in the order given.
pub(super) fn format_signatures(signatures: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (i, (version, sig)) in signatures.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(version);
        out.push(',');
        out.push_str(sig);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn reads_v1_and_v1a_and_skips_other_versions() {
        let mut c = ParsedSignatures::default();
        assert!(parse_signatures("v1a,xyz v1,abc  v2,def v1,", &mut c));
        assert!(parse_signatures("v1,joined, v1,b v1a,q,", &mut c));
        assert_eq!(c.candidates, vec!["abc", "", "joined", "b"]);
        assert_eq!(c.asymmetric, vec!["xyz", "q"]);
        let mut c = ParsedSignatures::default();
        assert!(!parse_signatures("abc", &mut c));
        assert!(c.candidates.is_empty() && c.asymmetric.is_empty());
        assert_eq!(format_signatures(&[("v1", "a"), ("v1a", "b")]), "v1,a v1a,b");
    }
}
