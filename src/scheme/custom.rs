//! Custom schemes: a platform's own header names, prefix, encoding and template.
//!
//! This is how a platform such as JuriChat (`X-JuriChat-Signature`) or Talkover defines its
//! scheme. Validation refuses definitions that would verify nothing useful, or report what nobody
//! signed: a timestamp or id header whose value the template does not sign (a verifier would
//! return whatever value the request carried, which an attacker can set freely), a placeholder
//! with no header to fill it, header names that are not HTTP tokens.
//!
//! A custom scheme signs with HMAC-SHA256 only. Standard Webhooks' asymmetric `v1a` (Ed25519,
//! `whsk_`/`whpk_` keys) belongs to the `standard` preset; a custom scheme refuses such keys with
//! `invalid_secret` instead of reading them as HMAC text.

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::ToString;

use super::{Encoding, HeaderName, KeyEncoding, Part, Scheme, Syntax, Template};
use crate::error::{Code, Error, Result};

/// The parts of a custom scheme, as a caller describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomScheme<'a> {
    /// Header that carries the signature.
    pub signature_header: &'a str,
    /// How signature bytes are written.
    pub encoding: Encoding,
    /// Text before each signature (`sha256=`, `v1=`), empty for none.
    pub prefix: &'a str,
    /// What is signed; `{body}` by default.
    pub template: &'a str,
    /// Header that carries the timestamp, required when the template signs `{timestamp}`.
    pub timestamp_header: Option<&'a str>,
    /// Header that carries the message id: required when the template signs `{id}`, and refused
    /// when it does not (an unsigned id is not evidence of anything).
    pub id_header: Option<&'a str>,
    /// How secret text becomes key bytes; UTF-8 by default.
    pub key_encoding: KeyEncoding,
}

impl<'a> CustomScheme<'a> {
    /// A scheme that signs the body alone into `signature_header`.
    pub fn new(signature_header: &'a str, encoding: Encoding) -> Self {
        CustomScheme {
            signature_header,
            encoding,
            prefix: "",
            template: "{body}",
            timestamp_header: None,
            id_header: None,
            key_encoding: KeyEncoding::Utf8,
        }
    }

    /// Checks the description and builds the [`Scheme`].
    pub fn build(&self) -> Result<Scheme> {
        let template = Template::parse(self.template)?;
        let signature_header = header("the signature header name", self.signature_header)?;
        let timestamp_header = self.timestamp_header.map(|h| header("the timestamp header name", h)).transpose()?;
        let id_header = self.id_header.map(|h| header("the id header name", h)).transpose()?;
        if template.uses(&Part::Timestamp) != timestamp_header.is_some() {
            return Err(Error::new(
                Code::InvalidScheme,
                "a custom scheme signs `{timestamp}` exactly when it has a timestamp header name (an unsigned timestamp protects nothing)",
            ));
        }
        if template.uses(&Part::Id) && id_header.is_none() {
            return Err(Error::new(
                Code::InvalidScheme,
                "the template signs `{id}`, so the id header name is required",
            ));
        }
        if id_header.is_some() && !template.uses(&Part::Id) {
            return Err(Error::new(
                Code::InvalidScheme,
                "a custom scheme with an id header name must sign `{id}` (an unsigned id could be forged)",
            ));
        }
        let names = [Some(&signature_header), timestamp_header.as_ref(), id_header.as_ref()];
        for (i, a) in names.iter().enumerate() {
            for b in names.iter().skip(i + 1) {
                if let (Some(a), Some(b)) = (a, b) {
                    if a.primary() == b.primary() {
                        return Err(Error::with_message(
                            Code::InvalidScheme,
                            format!("header `{}` is named for two roles", a.primary()),
                        ));
                    }
                }
            }
        }
        if self.prefix.len() > 64 || self.prefix.chars().any(|c| c.is_whitespace() || c.is_control() || c == ',') {
            return Err(Error::new(
                Code::InvalidScheme,
                "prefix must be at most 64 characters, without spaces, commas or control characters",
            ));
        }
        Ok(Scheme {
            name: Cow::Borrowed("custom"),
            signature_header,
            timestamp_header,
            id_header,
            syntax: Syntax::Prefixed(Cow::Owned(self.prefix.to_string())),
            encoding: self.encoding,
            key_encoding: self.key_encoding,
            template,
            multiple_signatures: false,
        })
    }
}

pub use crate::grammar::is_token as is_header_token;

fn header(role: &str, name: &str) -> Result<HeaderName> {
    if !is_header_token(name) || name.len() > 256 {
        return Err(Error::with_message(
            Code::InvalidScheme,
            format!("{role} must be an HTTP header name (an RFC 9110 token of at most 256 characters)"),
        ));
    }
    Ok(HeaderName::new(Cow::Owned(name.to_ascii_lowercase())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_a_platform_scheme() {
        let mut c = CustomScheme::new("X-JuriChat-Signature", Encoding::Hex);
        c.prefix = "sha256=";
        c.template = "{timestamp}.{body}";
        c.timestamp_header = Some("X-JuriChat-Timestamp");
        let s = c.build().unwrap();
        assert_eq!(s.signature_header.primary(), "x-jurichat-signature");
        assert!(s.has_timestamp());
        c.template = "{id}.{timestamp}.{body}";
        c.id_header = Some("X-JuriChat-Id");
        assert_eq!(c.build().unwrap().id_header.map(|h| h.primary().to_string()).as_deref(), Some("x-jurichat-id"));
    }

    #[test]
    fn refuses_inconsistent_definitions() {
        let base = CustomScheme::new("x-sig", Encoding::Hex);
        let cases = [
            CustomScheme { signature_header: "bad header", ..base.clone() },
            CustomScheme { signature_header: "", ..base.clone() },
            CustomScheme { template: "{timestamp}{body}", ..base.clone() },
            CustomScheme { timestamp_header: Some("x-ts"), ..base.clone() },
            CustomScheme { template: "{id}{body}", ..base.clone() },
            CustomScheme { id_header: Some("x-id"), ..base.clone() },
            CustomScheme {
                template: "{timestamp}.{body}",
                timestamp_header: Some("x-ts"),
                id_header: Some("x-id"),
                ..base.clone()
            },
            CustomScheme { template: "{timestamp}{body}", timestamp_header: Some("X-Sig"), ..base.clone() },
            CustomScheme { prefix: "v1 =", ..base.clone() },
            CustomScheme { template: "{nope}{body}", ..base.clone() },
        ];
        for c in cases {
            assert_eq!(c.build().unwrap_err().code(), Code::InvalidScheme, "{c:?}");
        }
    }
}
