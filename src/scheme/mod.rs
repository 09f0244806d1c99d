//! Signature schemes: where each provider puts its signature, what it signs and how it encodes it.
//!
//! Every scheme is data for one engine ([`crate::Verifier`], [`crate::Signer`]): the presets in this
//! folder (one file per provider) and [`custom`] differ only in the values of a [`Scheme`].
//!
//! | scheme | signature header | signed content | encoding | key |
//! |---|---|---|---|---|
//! | `standard` | `webhook-signature: v1,<sig> …` | `{id}.{timestamp}.{body}` | base64 | `whsec_` base64 |
//! | `stripe` | `stripe-signature: t=<ts>,v1=<sig>` | `{timestamp}.{body}` | hex | UTF-8 |
//! | `github` | `x-hub-signature-256: sha256=<sig>` | `{body}` | hex | UTF-8 |
//! | `slack` | `x-slack-signature: v0=<sig>` | `v0:{timestamp}:{body}` | hex | UTF-8 |
//! | `shopify` | `x-shopify-hmac-sha256` | `{body}` | base64 | UTF-8 |
//! | `square` | `x-square-hmacsha256-signature` | `{url}{body}` | base64 | UTF-8 |
//! | `zoom` | `x-zm-signature: v0=<sig>` | `v0:{timestamp}:{body}` | hex | UTF-8 |

pub mod custom;
pub mod github;
pub mod shopify;
pub mod slack;
pub mod square;
pub mod standard;
pub mod stripe;
mod syntax;
pub mod template;
pub mod zoom;

use alloc::borrow::Cow;
use alloc::vec::Vec;

pub use crate::webhook::encoding::Encoding;
pub use crate::webhook::secret::KeyEncoding;
pub use syntax::{ParsedSignatures, Syntax};
pub use template::{Part, Template};

/// A header and the older names it may also arrive under (Svix's `svix-*` for `webhook-*`).
/// Names are lower case; the first is the one [`crate::Signer`] writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderName {
    names: Vec<Cow<'static, str>>,
}

impl HeaderName {
    /// A header known by one name (lower-cased here).
    pub fn new(name: impl Into<Cow<'static, str>>) -> HeaderName {
        HeaderName { names: alloc::vec![lower(name.into())] }
    }

    /// Adds a name the header is also accepted under when verifying.
    pub fn or(mut self, alias: impl Into<Cow<'static, str>>) -> HeaderName {
        self.names.push(lower(alias.into()));
        self
    }

    /// The name written when signing.
    pub fn primary(&self) -> &str {
        self.names.first().map_or("", |n| n.as_ref())
    }

    /// Every accepted name, primary first.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(|n| n.as_ref())
    }
}

fn lower(name: Cow<'static, str>) -> Cow<'static, str> {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        name
    }
}

/// A complete description of one signature scheme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scheme {
    /// The scheme's name (`standard`, `stripe`, … or `custom`).
    pub name: Cow<'static, str>,
    /// Where the signature travels.
    pub signature_header: HeaderName,
    /// Where the timestamp travels, if in its own header.
    pub timestamp_header: Option<HeaderName>,
    /// Where the message id travels, if the scheme has one.
    pub id_header: Option<HeaderName>,
    /// How the signature header is written.
    pub syntax: Syntax,
    /// How signature bytes are written.
    pub encoding: Encoding,
    /// How secret text becomes key bytes.
    pub key_encoding: KeyEncoding,
    /// What is signed.
    pub template: Template,
    /// Whether signing with several secrets writes one signature per secret (else only the first).
    pub multiple_signatures: bool,
}

/// Names of the preset schemes, in the order the README lists them.
pub const PRESETS: [&str; 7] = ["standard", "stripe", "github", "slack", "shopify", "square", "zoom"];

impl Scheme {
    /// A preset by name; `svix` is accepted for `standard`.
    pub fn preset(name: &str) -> Option<Scheme> {
        match name {
            "standard" | "svix" => Some(standard::scheme()),
            "stripe" => Some(stripe::scheme()),
            "github" => Some(github::scheme()),
            "slack" => Some(slack::scheme()),
            "shopify" => Some(shopify::scheme()),
            "square" => Some(square::scheme()),
            "zoom" => Some(zoom::scheme()),
            _ => None,
        }
    }

    /// True if verifying and signing need a timestamp.
    pub fn has_timestamp(&self) -> bool {
        self.timestamp_header.is_some() || self.syntax == Syntax::Stripe
    }

    /// True if the template signs the delivery URL, so a notification URL must be configured.
    pub fn needs_url(&self) -> bool {
        self.template.uses(&Part::Url)
    }

    /// True if a message id is required (the template signs it).
    pub fn needs_id(&self) -> bool {
        self.template.uses(&Part::Id)
    }
}

/// A preset of the common shape: a prefixed signature, UTF-8 key, one signature per delivery.
fn prefixed_preset(
    name: &'static str,
    signature_header: &'static str,
    timestamp_header: Option<&'static str>,
    prefix: &'static str,
    encoding: Encoding,
    template: &str,
) -> Scheme {
    Scheme {
        name: Cow::Borrowed(name),
        signature_header: HeaderName::new(signature_header),
        timestamp_header: timestamp_header.map(HeaderName::new),
        id_header: None,
        syntax: Syntax::Prefixed(Cow::Borrowed(prefix)),
        encoding,
        key_encoding: KeyEncoding::Utf8,
        template: preset_template(template),
        multiple_signatures: false,
    }
}

/// Builds a template known to be valid; the presets' templates are constants of this crate.
fn preset_template(text: &str) -> Template {
    // A preset template failing to parse is a bug caught by every preset's unit test; falling
    // back to `{body}` keeps even that case panic-free.
    Template::parse(text).unwrap_or_else(|_| Template::body_only())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_consistent() {
        for name in PRESETS {
            let s = Scheme::preset(name).unwrap();
            assert_eq!(s.name, name);
            assert!(s.template.uses(&Part::Body));
            assert_eq!(s.has_timestamp(), s.template.uses(&Part::Timestamp), "{name}");
            assert_eq!(s.id_header.is_some(), s.needs_id(), "{name}");
            assert!(s.signature_header.names().all(|n| n == n.to_ascii_lowercase()));
        }
        assert_eq!(Scheme::preset("svix").unwrap().name, "standard");
        assert!(Scheme::preset("Stripe").is_none());
    }
}
