//! Stripe.
//!
//! One header, `stripe-signature: t=<timestamp>,v1=<sig>[,v1=<sig>…][,v0=<sig>]`; the signed content
//! is `{timestamp}.{body}`; signatures are lower-case hex; the key is the UTF-8 of the whole secret
//! string, `whsec_` included (Stripe does not decode it). Only `v1` is HMAC-SHA256; `v0` is a test
//! scheme and is skipped. Several `v1` entries allow secret rotation.

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;

use super::syntax::ParsedSignatures;
use super::{preset_template, Encoding, HeaderName, KeyEncoding, Scheme, Syntax};
use crate::error::{Code, Error, Result};

/// The `stripe` preset.
pub fn scheme() -> Scheme {
    Scheme {
        name: Cow::Borrowed("stripe"),
        signature_header: HeaderName::new("stripe-signature"),
        timestamp_header: None,
        id_header: None,
        syntax: Syntax::Stripe,
        encoding: Encoding::Hex,
        key_encoding: KeyEncoding::Utf8,
        template: preset_template("{timestamp}.{body}"),
        multiple_signatures: true,
    }
}

/// Reads `t=` and the `v1=` entries of one header value; true if any `key=value` entry was seen.
pub(super) fn parse_signatures<'h>(value: &'h str, out: &mut ParsedSignatures<'h>, header: &str) -> Result<bool> {
    let mut recognised = false;
    for item in value.split(',') {
        let Some((key, val)) = item.trim().split_once('=') else { continue };
        recognised = true;
        match key {
            "t" => match out.timestamp {
                Some(seen) if seen != val => {
                    return Err(Error::with_message(
                        Code::MalformedHeader,
                        format!("header `{header}` has two different `t=` timestamps"),
                    ))
                }
                _ => out.timestamp = Some(val),
            },
            "v1" => out.candidates.push(val),
            _ => {}
        }
    }
    Ok(recognised)
}

/// `t=<ts>,v1=<a>,v1=<b>`.
pub(super) fn format_signatures(signatures: &[String], timestamp: i64) -> String {
    let mut out = format!("t={timestamp}");
    for sig in signatures {
        out.push_str(",v1=");
        out.push_str(sig);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn reads_timestamp_and_v1_entries() {
        let mut p = ParsedSignatures::default();
        assert!(parse_signatures("t=12, v1=aa,v0=bb,v1=cc,junk", &mut p, "h").unwrap());
        assert_eq!(p.timestamp, Some("12"));
        assert_eq!(p.candidates, vec!["aa", "cc"]);
        let mut p = ParsedSignatures::default();
        assert_eq!(parse_signatures("t=1,t=2,v1=aa", &mut p, "h").unwrap_err().code(), Code::MalformedHeader);
        assert_eq!(format_signatures(&[String::from("a"), String::from("b")], 5), "t=5,v1=a,v1=b");
    }
}
