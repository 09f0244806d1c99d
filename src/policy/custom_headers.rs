//! Custom delivery headers in a webhook configuration (JuriChat's `headers` object and the
//! `standard-webhooks-endpoint` schema): the `webhook-header-name` and `webhook-header-value`
//! formats.
//!
//! A name must be an RFC 9110 token (`1*tchar`) and must not be one the sender owns:
//!
//! - hop-by-hop and framing headers (`Host`, `Content-Length`, `Transfer-Encoding`, `Connection`,
//!   `Keep-Alive`, `Proxy-Connection`, `TE`, `Trailer`, `Upgrade`): overriding them would let a
//!   tenant smuggle requests or break framing;
//! - signature headers of every scheme hookseal knows (`webhook-signature`, `stripe-signature`,
//!   `x-hub-signature-256`, …, and JuriChat's `X-JuriChat-Signature`): overriding them would let a
//!   tenant forge or mask the real signature.
//!
//! Names compare case-insensitively. A value must not contain CR, LF or NUL (header injection).

/// Why a custom header was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HeaderRefusal {
    /// The name is empty or has a character outside RFC 9110 `tchar`.
    InvalidName,
    /// The name is hop-by-hop, framing or a signature header.
    ReservedName,
    /// The value contains CR, LF or NUL.
    InvalidValue,
}

impl HeaderRefusal {
    /// The stable snake_case code.
    pub const fn code(self) -> &'static str {
        match self {
            HeaderRefusal::InvalidName => "invalid_header_name",
            HeaderRefusal::ReservedName => "reserved_header",
            HeaderRefusal::InvalidValue => "invalid_header_value",
        }
    }

    /// A sentence for people.
    pub const fn message(self) -> &'static str {
        match self {
            HeaderRefusal::InvalidName => "a header name must be a non-empty RFC 9110 token",
            HeaderRefusal::ReservedName => {
                "this header is set by the sender (hop-by-hop, framing or signature) and cannot be overridden"
            }
            HeaderRefusal::InvalidValue => "a header value must not contain CR, LF or NUL",
        }
    }
}

/// Headers a configuration may not set, lower case.
pub const RESERVED_HEADERS: [&str; 26] = [
    // Hop-by-hop and framing (RFC 9110 §7.6.1, §6.4, §7.2).
    "host",
    "content-length",
    "transfer-encoding",
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "upgrade",
    // Signature headers of hookseal's schemes and of the seed providers.
    "webhook-id",
    "webhook-timestamp",
    "webhook-signature",
    "svix-id",
    "svix-timestamp",
    "svix-signature",
    "stripe-signature",
    "x-hub-signature",
    "x-hub-signature-256",
    "x-slack-signature",
    "x-slack-request-timestamp",
    "x-shopify-hmac-sha256",
    "x-square-hmacsha256-signature",
    "x-square-signature",
    "x-zm-signature",
    "x-zm-request-timestamp",
    "x-jurichat-signature",
];

/// Checks a custom header name.
pub fn check_name(name: &str) -> Result<(), HeaderRefusal> {
    if !crate::grammar::is_token(name) {
        return Err(HeaderRefusal::InvalidName);
    }
    if RESERVED_HEADERS.iter().any(|r| r.eq_ignore_ascii_case(name)) {
        return Err(HeaderRefusal::ReservedName);
    }
    Ok(())
}

/// Checks a custom header value.
pub fn check_value(value: &str) -> Result<(), HeaderRefusal> {
    if value.bytes().any(|c| matches!(c, b'\r' | b'\n' | 0)) {
        return Err(HeaderRefusal::InvalidValue);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheme::{Scheme, PRESETS};

    #[test]
    fn every_preset_header_is_reserved() {
        for name in PRESETS {
            let s = Scheme::preset(name).unwrap();
            let headers = [Some(&s.signature_header), s.timestamp_header.as_ref(), s.id_header.as_ref()];
            for h in headers.into_iter().flatten() {
                for n in h.names() {
                    assert_eq!(check_name(n), Err(HeaderRefusal::ReservedName), "{n}");
                }
            }
        }
    }

    #[test]
    fn names_and_values() {
        assert_eq!(check_name("Authorization"), Ok(()));
        assert_eq!(check_name("X-Tenant_Id"), Ok(()));
        assert_eq!(check_name("HOST"), Err(HeaderRefusal::ReservedName));
        assert_eq!(check_name("X-JuriChat-Signature"), Err(HeaderRefusal::ReservedName));
        assert_eq!(check_name("Bad Name"), Err(HeaderRefusal::InvalidName));
        assert_eq!(check_name("x:y"), Err(HeaderRefusal::InvalidName));
        assert_eq!(check_name(""), Err(HeaderRefusal::InvalidName));
        assert_eq!(check_value("Bearer abc"), Ok(()));
        assert_eq!(check_value("a\r\nX-Evil: 1"), Err(HeaderRefusal::InvalidValue));
        assert_eq!(check_value("a\0"), Err(HeaderRefusal::InvalidValue));
    }
}
