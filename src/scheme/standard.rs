//! Standard Webhooks (and Svix, which it grew out of).
//!
//! Headers `webhook-id`, `webhook-timestamp` and `webhook-signature` (`svix-*` accepted too); the
//! signed content is `{id}.{timestamp}.{body}`; signatures are base64, written `v1,<sig>` and
//! separated by spaces, so a sender rotating keys can sign with both. The key is the base64 after
//! the `whsec_` prefix. Spec: <https://github.com/standard-webhooks/standard-webhooks>.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use super::{preset_template, Encoding, HeaderName, KeyEncoding, Scheme, Syntax};

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

/// Collects the `v1` signatures of one header value; true if any `<version>,<sig>` pair was seen.
pub(super) fn parse_signatures<'h>(value: &'h str, candidates: &mut Vec<&'h str>) -> bool {
    let mut recognised = false;
    for token in super::syntax::tokens(value, b"") {
        if let Some((version, sig)) = token.split_once(',') {
            recognised = true;
            if version == "v1" {
                // A Fetch `Headers` joins repeated headers with ", ": drop the joining comma.
                candidates.push(sig.trim_end_matches(','));
            }
        }
    }
    recognised
}

/// `v1,<a> v1,<b>`.
pub(super) fn format_signatures(signatures: &[String]) -> String {
    let mut out = String::new();
    for (i, sig) in signatures.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str("v1,");
        out.push_str(sig);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn reads_v1_and_skips_other_versions() {
        let mut c = Vec::new();
        assert!(parse_signatures("v1a,xyz v1,abc  v2,def v1,", &mut c));
        assert!(parse_signatures("v1,joined, v1,b", &mut c));
        assert_eq!(c, vec!["abc", "", "joined", "b"]);
        let mut c = Vec::new();
        assert!(!parse_signatures("abc", &mut c));
        assert!(c.is_empty());
        assert_eq!(format_signatures(&[String::from("a"), String::from("b")]), "v1,a v1,b");
    }
}
