//! How a signature header is laid out, parsed without copying the header.
//!
//! Three layouts cover every provider: a prefixed signature (`sha256=<sig>`, `v0=<sig>`, or no
//! prefix at all), Standard Webhooks' space-separated `v1,<sig>` list, and Stripe's
//! `t=<ts>,v1=<sig>` list. Candidates of versions a layout does not know are skipped, so a sender
//! can add a new version beside the old one without breaking receivers.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use super::{standard, stripe};
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
                Syntax::Standard => standard::parse_signatures(value, &mut out),
                Syntax::Stripe => stripe::parse_signatures(value, &mut out, header)?,
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
            Syntax::Standard => standard::format_signatures(signatures),
            Syntax::Stripe => stripe::format_signatures(&plain(), timestamp.unwrap_or(0)),
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
        let (token, after) = tail.split_at(end);
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
}
