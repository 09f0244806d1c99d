//! How a signature header is laid out, parsed without copying the header.
//!
//! Three layouts cover every provider: a prefixed signature (`sha256=<sig>`, `v0=<sig>`, or no
//! prefix at all), Standard Webhooks' space-separated `v1,<sig>` list, and Stripe's
//! `t=<ts>,v1=<sig>` list. Candidates of versions a layout does not know are skipped, so a sender
//! can add a new version beside the old one without breaking receivers.

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::error::{Code, Error, Result};

/// The layout of a signature header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// `<prefix><sig>`; several may be separated by spaces or commas.
    Prefixed(Cow<'static, str>),
    /// Standard Webhooks: `v1,<sig> v1,<sig>`.
    Standard,
    /// Stripe: `t=<timestamp>,v1=<sig>,v1=<sig>,v0=<sig>`.
    Stripe,
}

/// What a signature header holds: the encoded candidates and, for Stripe, the timestamp.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedSignatures<'h> {
    /// Encoded signatures of the version this scheme verifies, in header order.
    pub candidates: Vec<&'h str>,
    /// The timestamp carried inside the signature header (Stripe's `t=`).
    pub timestamp: Option<&'h str>,
    /// Encoded `v1a` (Ed25519) signatures, in header order: only [`Syntax::Standard`] has them,
    /// and only a verifier holding an Ed25519 key checks them.
    pub asymmetric: Vec<&'h str>,
}

impl Syntax {
    /// Parses every value of the signature header (`header` names it in errors).
    pub fn parse<'h>(&self, values: &[&'h str], header: &str) -> Result<ParsedSignatures<'h>> {
        let mut out = ParsedSignatures::default();
        let mut recognised = false;
        for value in values {
            recognised |= match self {
                Syntax::Prefixed(prefix) => parse_prefixed(value, prefix, &mut out.candidates),
                Syntax::Standard => parse_standard(value, &mut out),
                Syntax::Stripe => parse_stripe(value, &mut out, header)?,
            };
        }
        if !recognised {
            return Err(Error::with_message(
                Code::MalformedHeader,
                alloc::format!("header `{header}` holds no signature in the form this scheme uses"),
            ));
        }
        if *self == Syntax::Stripe && out.timestamp.is_none() {
            return Err(Error::with_message(
                Code::MalformedHeader,
                alloc::format!("header `{header}` has no `t=` timestamp"),
            ));
        }
        Ok(out)
    }

    /// Writes the signature header value for already encoded signatures.
    pub fn format(&self, signatures: &[String], timestamp: Option<i64>) -> String {
        let labelled: Vec<(&str, &str)> = signatures.iter().map(|s| ("v1", s.as_str())).collect();
        self.format_versions(&labelled, timestamp)
    }

    /// [`Syntax::format`] for signatures of several versions, `(version, encoded signature)` in
    /// order; only [`Syntax::Standard`] writes the version (`v1,…` or `v1a,…`), the other layouts
    /// have one version and their own prefix.
    pub(crate) fn format_versions(&self, signatures: &[(&str, &str)], timestamp: Option<i64>) -> String {
        let plain = || signatures.iter().map(|(_, s)| String::from(*s)).collect::<Vec<_>>();
        match self {
            Syntax::Prefixed(prefix) => {
                let mut out = String::new();
                for (i, (_, sig)) in signatures.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push_str(prefix);
                    out.push_str(sig);
                }
                out
            }
            Syntax::Standard => format_standard(signatures),
            Syntax::Stripe => format_stripe(&plain(), timestamp.unwrap_or(0)),
        }
    }
}

/// Splits on ASCII whitespace and `separators`, which never occur inside hex or base64. Bytes,
/// not chars: every separator is ASCII, so each cut falls on a character boundary.
pub(crate) fn tokens<'v>(value: &'v str, separators: &'v [u8]) -> impl Iterator<Item = &'v str> {
    let is_separator = move |b: u8| b.is_ascii_whitespace() || separators.contains(&b);
    let mut rest = value;
    core::iter::from_fn(move || {
        let start = rest.bytes().position(|b| !is_separator(b))?;
        let tail = rest.get(start..)?;
        let end = tail.bytes().position(is_separator).unwrap_or(tail.len());
        let (token, after) = tail.split_at_checked(end)?;
        rest = after;
        Some(token)
    })
}

/// Returns whether `value` held anything in signature form (a candidate or another version).
fn parse_prefixed<'h>(value: &'h str, prefix: &str, candidates: &mut Vec<&'h str>) -> bool {
    let mut recognised = false;
    for token in tokens(value, b",") {
        if let Some(sig) = token.strip_prefix(prefix) {
            candidates.push(sig);
            recognised = true;
        } else if token.contains('=') {
            // Another version (`sha1=…` where `sha256=` is expected): skip it, but the header is
            // still well formed.
            recognised = true;
        }
    }
    recognised
}

/// Collects the `v1` and `v1a` signatures of one header value; true if any `<version>,<sig>`
/// pair was seen.
fn parse_standard<'h>(value: &'h str, out: &mut ParsedSignatures<'h>) -> bool {
    let mut recognised = false;
    for token in tokens(value, b"") {
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
fn format_standard(signatures: &[(&str, &str)]) -> String {
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

/// Reads `t=` and the `v1=` entries of one header value; true if any `key=value` entry was seen.
fn parse_stripe<'h>(value: &'h str, out: &mut ParsedSignatures<'h>, header: &str) -> Result<bool> {
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
fn format_stripe(signatures: &[String], timestamp: i64) -> String {
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
    fn prefixed_skips_other_versions_and_refuses_garbage() {
        let s = Syntax::Prefixed(Cow::Borrowed("sha256="));
        let p = s.parse(&["sha1=aa, sha256=bb sha256=cc"], "x").unwrap();
        assert_eq!(p.candidates, vec!["bb", "cc"]);
        assert!(s.parse(&["sha1=aa"], "x").unwrap().candidates.is_empty());
        assert_eq!(s.parse(&["garbage"], "x").unwrap_err().code(), Code::MalformedHeader);
        assert_eq!(s.parse(&["  "], "x").unwrap_err().code(), Code::MalformedHeader);
        let bare = Syntax::Prefixed(Cow::Borrowed(""));
        assert_eq!(bare.parse(&["abc="], "x").unwrap().candidates, vec!["abc="]);
    }

    #[test]
    fn every_candidate_is_returned_for_the_verifier_to_limit() {
        let many = "v1,a ".repeat(1000);
        assert_eq!(Syntax::Standard.parse(&[&many], "x").unwrap().candidates.len(), 1000);
    }

    #[test]
    fn reads_v1_and_v1a_and_skips_other_versions() {
        let mut c = ParsedSignatures::default();
        assert!(parse_standard("v1a,xyz v1,abc  v2,def v1,", &mut c));
        assert!(parse_standard("v1,joined, v1,b v1a,q,", &mut c));
        assert_eq!(c.candidates, vec!["abc", "", "joined", "b"]);
        assert_eq!(c.asymmetric, vec!["xyz", "q"]);
        let mut c = ParsedSignatures::default();
        assert!(!parse_standard("abc", &mut c));
        assert!(c.candidates.is_empty() && c.asymmetric.is_empty());
        assert_eq!(format_standard(&[("v1", "a"), ("v1a", "b")]), "v1,a v1a,b");
    }

    #[test]
    fn reads_timestamp_and_v1_entries() {
        let mut p = ParsedSignatures::default();
        assert!(parse_stripe("t=12, v1=aa,v0=bb,v1=cc,junk", &mut p, "h").unwrap());
        assert_eq!(p.timestamp, Some("12"));
        assert_eq!(p.candidates, vec!["aa", "cc"]);
        let mut p = ParsedSignatures::default();
        assert_eq!(parse_stripe("t=1,t=2,v1=aa", &mut p, "h").unwrap_err().code(), Code::MalformedHeader);
        assert_eq!(format_stripe(&[String::from("a"), String::from("b")], 5), "t=5,v1=a,v1=b");
    }
}
