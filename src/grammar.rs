//! Grammar rules of the RFCs that more than one layer checks: here once, so that the signing
//! engine, the schema engine and the webhook policy cannot drift apart on them.

/// True if `name` is an RFC 9110 field name (a `token`).
pub fn is_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// `scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )` (RFC 3986 §3.1; the URL Standard's is
/// the same).
#[cfg(feature = "policy")]
pub(crate) fn is_uri_scheme(s: &str) -> bool {
    let b = s.as_bytes();
    b.first().is_some_and(u8::is_ascii_alphabetic) && b.iter().all(|c| c.is_ascii_alphanumeric() || b"+-.".contains(c))
}
