//! The known mistakes as alternative inputs: other readings of a secret, the signature versions a
//! header carries, the timestamp as sent. Nothing here verifies; [`super`] tries each alternative
//! with a [`crate::Verifier`] and reports the one that matches.

use alloc::string::String;
use alloc::vec::Vec;

use crate::scheme::{KeyEncoding, Scheme, Syntax};
use crate::webhook::headers::{all_values, single_value, Headers};
use crate::webhook::secret::WHSEC_PREFIX;

fn added(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '\'' | '`')
}

/// The secret without what copy-pasting and `.env` files add around it.
pub fn trimmed(text: &str) -> Option<&str> {
    let inner = text.trim_matches(added);
    (inner != text && !inner.is_empty()).then_some(inner)
}

/// What surrounds the secret, in words (never the secret itself), and the pronoun for it.
pub fn describe_surroundings(text: &str) -> (&'static str, &'static str) {
    // The characters `trimmed` removed: a run at the start and one at the end.
    let start = text.trim_start_matches(added);
    let end = text.trim_end_matches(added);
    let lead = text.bytes().take(text.len() - start.len());
    let trail = text.bytes().skip(end.len());
    let (mut quotes, mut line_break) = (false, false);
    for b in lead.chain(trail) {
        quotes |= matches!(b, b'"' | b'\'' | b'`');
        line_break |= matches!(b, b'\n' | b'\r');
    }
    match (quotes, line_break) {
        (true, true) => ("quotes around it and a line break", "them"),
        (true, false) => ("quotes around it", "them"),
        (false, true) => ("a line break", "it"),
        (false, false) => ("spaces before or after it", "them"),
    }
}

/// The other reading of a secret's text: key bytes, and how the scheme read it versus how the
/// alternative does, for the message.
pub struct OtherForm {
    pub bytes: Vec<u8>,
    pub expected: &'static str,
    pub alternative: &'static str,
}

/// The other ways `text` may have been turned into key bytes, given how `encoding` reads it.
/// At most two, so the number of verifications stays fixed.
pub fn other_forms(text: &str, encoding: KeyEncoding) -> Vec<OtherForm> {
    let mut out = Vec::new();
    let as_text = || text.as_bytes().to_vec();
    match encoding {
        KeyEncoding::Utf8 => {
            if let Some(bytes) =
                text.strip_prefix(WHSEC_PREFIX).and_then(|b| crate::webhook::encoding::decode_base64(b.as_bytes()))
            {
                out.push(OtherForm {
                    bytes,
                    expected: "its UTF-8 text",
                    alternative: "the base64-decoded bytes after `whsec_` (as Standard Webhooks reads it)",
                });
            }
        }
        KeyEncoding::Whsec | KeyEncoding::Base64 => out.push(OtherForm {
            bytes: as_text(),
            expected: "the base64-decoded bytes (after `whsec_`)",
            alternative: "its UTF-8 text, `whsec_` included",
        }),
        KeyEncoding::Hex => {
            out.push(OtherForm { bytes: as_text(), expected: "its hex-decoded bytes", alternative: "its UTF-8 text" })
        }
    }
    if encoding != KeyEncoding::Hex && is_hex(text) {
        if let Ok(bytes) = hex::decode(text) {
            out.push(OtherForm {
                bytes,
                expected: match encoding {
                    KeyEncoding::Utf8 => "its UTF-8 text",
                    _ => "the base64-decoded bytes (after `whsec_`)",
                },
                alternative: "its hex-decoded bytes",
            });
        }
    }
    out
}

fn is_hex(text: &str) -> bool {
    text.len() >= 2 && text.len() % 2 == 0 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The scheme's timestamp as sent, if it has one and it is present.
pub fn timestamp_text<'h, H: Headers + ?Sized>(scheme: &Scheme, headers: &'h H) -> Option<&'h str> {
    if let Some(header) = &scheme.timestamp_header {
        return single_value(headers, header).ok();
    }
    if scheme.syntax == Syntax::Stripe {
        let values = all_values(headers, &scheme.signature_header);
        return scheme.syntax.parse(&values, scheme.signature_header.primary()).ok()?.timestamp;
    }
    None
}

/// How the scheme labels the signatures it checks (`v1,`, `v1=`, `sha256=`).
pub fn expected_version(syntax: &Syntax) -> &str {
    match syntax {
        Syntax::Standard => "v1,",
        Syntax::Stripe => "v1=",
        Syntax::Prefixed(prefix) => prefix,
    }
}

/// Most version labels named in one finding.
const MAX_LABELS: usize = 4;
/// Longest version label reported; longer tokens are not version labels.
const MAX_LABEL_LEN: usize = 12;

/// The version labels of the signatures in `values` that the scheme does not check (`v1a,`,
/// `v0=`, `sha1=`), deduplicated; `v1a,` is checked, so not listed, when `v1a` is true (an
/// Ed25519 key is among the secrets). Only short alphanumeric labels are kept, so a message never
/// echoes arbitrary header text.
pub fn other_versions(syntax: &Syntax, values: &[&str], v1a: bool) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    let mut add = |label: &str, separator: char| {
        let plausible = !label.is_empty()
            && label.len() <= MAX_LABEL_LEN
            && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if plausible && labels.len() < MAX_LABELS {
            let mut text = String::from(label);
            text.push(separator);
            if !labels.contains(&text) {
                labels.push(text);
            }
        }
    };
    for value in values {
        match syntax {
            Syntax::Standard => {
                for token in value.split_ascii_whitespace() {
                    if let Some((version, _)) = token.split_once(',') {
                        if version != "v1" && !(v1a && version == "v1a") {
                            add(version, ',');
                        }
                    }
                }
            }
            Syntax::Stripe => {
                for item in value.split(',') {
                    if let Some((key, _)) = item.trim().split_once('=') {
                        if key != "t" && key != "v1" {
                            add(key, '=');
                        }
                    }
                }
            }
            Syntax::Prefixed(prefix) => {
                for token in value.split(|c: char| c.is_ascii_whitespace() || c == ',') {
                    if prefix.is_empty() || token.starts_with(prefix.as_ref()) {
                        continue;
                    }
                    if let Some((key, _)) = token.split_once('=') {
                        add(key, '=');
                    }
                }
            }
        }
    }
    labels
}

/// What a version label usually is, for the message.
pub fn explain_version(label: &str) -> &'static str {
    match label {
        "v1a," => {
            "`v1a` is Standard Webhooks' asymmetric (ed25519) signature: pass the sender's public key \
             (`whpk_…`) as a secret to check it"
        }
        "sha1=" => "`sha1=` is GitHub's legacy HMAC-SHA1 header (`X-Hub-Signature`)",
        "v0=" => "`v0=` is a legacy or test-mode signature (Stripe sends it in test mode)",
        _ => "hookseal checks HMAC-SHA256 signatures only",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::borrow::Cow;
    use alloc::vec;

    #[test]
    fn trimming_finds_what_was_added() {
        assert_eq!(trimmed("  abc\n"), Some("abc"));
        assert_eq!(trimmed("\"abc\""), Some("abc"));
        assert_eq!(trimmed("abc"), None);
        assert_eq!(trimmed(" \n "), None);
        assert_eq!(describe_surroundings("'abc'\n").0, "quotes around it and a line break");
        assert_eq!(describe_surroundings("abc\r\n"), ("a line break", "it"));
        assert_eq!(describe_surroundings(" a'b\nc ").0, "spaces before or after it");
    }

    #[test]
    fn other_forms_are_the_opposite_reading() {
        let whsec = other_forms("whsec_AAE=", KeyEncoding::Utf8);
        assert_eq!(whsec.len(), 1);
        assert_eq!(whsec[0].bytes, vec![0, 1]);
        assert_eq!(other_forms("whsec_AAE=", KeyEncoding::Whsec)[0].bytes, b"whsec_AAE=".to_vec());
        let hex = other_forms("00ff", KeyEncoding::Utf8);
        assert_eq!(hex.len(), 1);
        assert_eq!(hex[0].bytes, vec![0, 255]);
        assert_eq!(other_forms("00ff", KeyEncoding::Hex)[0].bytes, b"00ff".to_vec());
        assert!(other_forms("plain", KeyEncoding::Utf8).is_empty());
    }

    #[test]
    fn other_versions_are_short_labels() {
        assert_eq!(other_versions(&Syntax::Standard, &["v1a,abc v2,def v1,x"], false), vec!["v1a,", "v2,"]);
        assert_eq!(other_versions(&Syntax::Standard, &["v1a,abc v2,def v1,x"], true), vec!["v2,"]);
        assert_eq!(other_versions(&Syntax::Stripe, &["t=1,v0=aa,v0=bb"], false), vec!["v0="]);
        let github = Syntax::Prefixed(Cow::Borrowed("sha256="));
        assert_eq!(other_versions(&github, &["sha1=aa"], false), vec!["sha1="]);
        assert!(other_versions(&github, &["a-very-long-garbage-token=1 <script>=2"], false).is_empty());
    }
}
