//! Signature schemes: where each provider puts its signature, what it signs and how it encodes it.
//!
//! Every scheme is data for one engine ([`crate::Verifier`], [`crate::Signer`]): the presets (one
//! table in [`presets`]) and [`custom`] differ only in the values of a [`Scheme`].

pub mod custom;
pub mod presets;
mod syntax;
pub mod template;

use alloc::borrow::Cow;
use alloc::vec::Vec;

pub use crate::webhook::encoding::Encoding;
pub use crate::webhook::secret::KeyEncoding;
pub use presets::{github, shopify, slack, square, standard, stripe, zoom, PRESETS};
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

impl Scheme {
    /// A preset by name; `svix` is accepted for `standard`.
    pub fn preset(name: &str) -> Option<Scheme> {
        presets::preset(name)
    }

    /// True if verifying and signing need a timestamp.
    pub fn has_timestamp(&self) -> bool {
        self.timestamp_header.is_some() || self.syntax == Syntax::Stripe
    }

    /// True if the template signs the delivery URL, so a notification URL must be configured.
    pub fn needs_url(&self) -> bool {
        self.template.uses(&Part::Url)
    }

    /// The id header, if a verifier reads it: only a signed id is read, since an id the signature
    /// does not cover could be anything.
    pub fn verified_id_header(&self) -> Option<&HeaderName> {
        self.id_header.as_ref().filter(|_| self.signs_id())
    }

    /// The headers a verifier reads, in order: the signature's, the timestamp's (if the scheme
    /// has one), then the id's (see [`Scheme::verified_id_header`]).
    pub fn verified_headers(&self) -> impl Iterator<Item = &HeaderName> {
        core::iter::once(&self.signature_header).chain(self.timestamp_header.as_ref()).chain(self.verified_id_header())
    }

    /// True if the template signs the message id, so verifying needs one. (Whether the scheme
    /// sends an id at all is [`Scheme::id_header`]; see also [`crate::Signer::needs_id`].)
    pub fn signs_id(&self) -> bool {
        self.template.uses(&Part::Id)
    }
}
