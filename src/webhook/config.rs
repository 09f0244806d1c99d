//! One endpoint's signing material: its scheme, its keys (current first), and the URL Square-style
//! schemes sign. [`crate::Verifier`] and [`crate::Signer`] are thin layers over it, so both compute
//! the signed content the same way.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::error::{Code, Error, Result};
use crate::scheme::{Part, Scheme, Syntax};
#[cfg(feature = "ed25519")]
use crate::webhook::ed25519::AsymmetricKey;
use crate::webhook::secret::{Key, Secret};

/// Most secrets one endpoint may hold: rotation needs two or three, not hundreds.
pub const MAX_SECRETS: usize = 16;

/// What [`crate::Verifier::new`] and [`crate::Signer::new`] are built from.
#[derive(Clone, Debug)]
pub struct Config<'a> {
    /// The scheme (a preset from [`Scheme::preset`] or a [`crate::scheme::custom::CustomScheme`]).
    pub scheme: Scheme,
    /// One or more secrets; the first is the current one, the rest are accepted during rotation.
    pub secrets: &'a [Secret<'a>],
    /// The URL the provider posts to, for schemes that sign it (Square).
    pub notification_url: Option<&'a str>,
    /// Sign and verify the RFC 8785 canonical form of a JSON body instead of its raw bytes, so a
    /// body re-serialized on the way (key order, whitespace, escapes) still verifies.
    pub canonical: bool,
}

impl<'a> Config<'a> {
    /// A configuration with the given scheme and secrets and nothing else.
    pub fn new(scheme: Scheme, secrets: &'a [Secret<'a>]) -> Self {
        Config { scheme, secrets, notification_url: None, canonical: false }
    }
}

/// The values that fill a template's placeholders for one delivery.
#[derive(Clone, Copy)]
pub(crate) struct Delivery<'d> {
    pub id: Option<&'d str>,
    pub timestamp: Option<i64>,
    pub body: &'d [u8],
}

/// One secret of an endpoint, by what its text says it is.
#[derive(Clone, Debug)]
pub(crate) enum EndpointKey {
    /// An HMAC-SHA256 key (`whsec_…`, any other text, raw bytes).
    Hmac(Key),
    /// An Ed25519 key (`whsk_…` or `whpk_…`) of the `standard` scheme's `v1a`.
    #[cfg(feature = "ed25519")]
    Ed25519(AsymmetricKey),
}

/// True if the secret's text says it is an Ed25519 key (`whsk_…`, `whpk_…`), whether or not the
/// `ed25519` feature is there to use it.
pub(crate) fn reads_as_ed25519(secret: &Secret<'_>) -> bool {
    matches!(secret, Secret::Text(text) if text.starts_with("whsk_") || text.starts_with("whpk_"))
}

impl EndpointKey {
    fn new(secret: &Secret<'_>, scheme: &Scheme, index: usize) -> Result<EndpointKey> {
        match secret {
            Secret::Text(text) if reads_as_ed25519(secret) => asymmetric(text, scheme, index),
            _ => Key::new(secret, scheme.key_encoding, index).map(EndpointKey::Hmac),
        }
    }

    /// The HMAC key, `None` for an Ed25519 one.
    pub fn hmac(&self) -> Option<&Key> {
        match self {
            EndpointKey::Hmac(key) => Some(key),
            #[cfg(feature = "ed25519")]
            EndpointKey::Ed25519(_) => None,
        }
    }
}

/// The prefix says the key is Ed25519: only the `standard` scheme has a version for it.
fn asymmetric(text: &str, scheme: &Scheme, index: usize) -> Result<EndpointKey> {
    if scheme.syntax != Syntax::Standard {
        return Err(Error::with_message(
            Code::InvalidSecret,
            format!(
                "secret {index} is an Ed25519 key (`whsk_`/`whpk_`): those sign Standard Webhooks `v1a` \
                 signatures, so only the `standard` scheme takes them, not `{}`",
                scheme.name
            ),
        ));
    }
    #[cfg(feature = "ed25519")]
    {
        match AsymmetricKey::parse(text, index)? {
            Some(key) => Ok(EndpointKey::Ed25519(key)),
            None => Err(Error::new(Code::InvalidSecret, "not an Ed25519 key")),
        }
    }
    #[cfg(not(feature = "ed25519"))]
    {
        let _ = text;
        Err(Error::with_message(
            Code::InvalidSecret,
            format!("secret {index} is an Ed25519 key (`whsk_`/`whpk_`), and hookseal was built without `ed25519`"),
        ))
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Endpoint {
    pub scheme: Scheme,
    pub keys: Vec<EndpointKey>,
    pub notification_url: Option<String>,
    pub canonical: bool,
}

impl Endpoint {
    pub fn new(config: &Config<'_>) -> Result<Endpoint> {
        if config.secrets.is_empty() {
            return Err(Error::new(Code::InvalidSecret, "at least one secret is required"));
        }
        if config.secrets.len() > MAX_SECRETS {
            return Err(Error::with_message(
                Code::InvalidSecret,
                format!("at most {MAX_SECRETS} secrets are accepted, not {}", config.secrets.len()),
            ));
        }
        let keys = config
            .secrets
            .iter()
            .enumerate()
            .map(|(i, s)| EndpointKey::new(s, &config.scheme, i))
            .collect::<Result<Vec<_>>>()?;
        if config.scheme.needs_url() && config.notification_url.map_or(true, str::is_empty) {
            return Err(Error::with_message(
                Code::InvalidScheme,
                format!("the `{}` scheme signs the URL of the delivery: pass the notification URL", config.scheme.name),
            ));
        }
        Ok(Endpoint {
            scheme: config.scheme.clone(),
            keys,
            notification_url: config.notification_url.map(String::from),
            canonical: config.canonical,
        })
    }

    /// The bytes that stand for the body in the signed content: the body itself, or in canonical
    /// mode its RFC 8785 form (a body that is not I-JSON fails with the canonicalization code).
    pub fn signed_body<'b>(&self, body: &'b [u8]) -> Result<alloc::borrow::Cow<'b, [u8]>> {
        if self.canonical {
            Ok(alloc::borrow::Cow::Owned(crate::canonical::canonicalize(body)?.into_bytes()))
        } else {
            Ok(alloc::borrow::Cow::Borrowed(body))
        }
    }

    /// The bytes one part of the template stands for in this delivery.
    fn part_bytes<'p>(&'p self, part: &'p Part, delivery: &Delivery<'p>, digits: &'p mut itoa::Buffer) -> &'p [u8] {
        match part {
            Part::Literal(text) => text.as_bytes(),
            Part::Id => delivery.id.unwrap_or("").as_bytes(),
            Part::Timestamp => digits.format(delivery.timestamp.unwrap_or(0)).as_bytes(),
            Part::Body => delivery.body,
            Part::Url => self.notification_url.as_deref().unwrap_or("").as_bytes(),
        }
    }

    /// The signed content before and after the body (a template signs `{body}` exactly once), for
    /// a MAC computed outside this crate over `before`, the body, then `after`.
    pub fn content_around_body(&self, delivery: &Delivery<'_>) -> (Vec<u8>, Vec<u8>) {
        let (mut before, mut after, mut seen_body) = (Vec::new(), Vec::new(), false);
        let mut digits = itoa::Buffer::new();
        for part in self.scheme.template.parts() {
            if *part == Part::Body {
                seen_body = true;
            } else {
                let out = if seen_body { &mut after } else { &mut before };
                out.extend_from_slice(self.part_bytes(part, delivery, &mut digits));
            }
        }
        (before, after)
    }

    /// True if any key is an Ed25519 one, whose signatures need the whole signed content at once.
    pub fn has_asymmetric(&self) -> bool {
        self.keys.iter().any(|k| k.hmac().is_none())
    }

    /// The HMAC keys, in order: those whose MACs [`crate::Verifier::finish`] takes.
    pub fn hmac_keys(&self) -> impl Iterator<Item = &Key> {
        self.keys.iter().filter_map(EndpointKey::hmac)
    }

    /// The whole signed content in one buffer, as Ed25519 signs it (it cannot be streamed: the
    /// hash is taken twice when signing).
    #[cfg(feature = "ed25519")]
    pub fn signed_content(&self, delivery: &Delivery<'_>) -> Vec<u8> {
        let mut out = Vec::with_capacity(delivery.body.len().saturating_add(64));
        let mut digits = itoa::Buffer::new();
        for part in self.scheme.template.parts() {
            out.extend_from_slice(self.part_bytes(part, delivery, &mut digits));
        }
        out
    }

    /// HMAC-SHA256 of the delivery's signed content under `key`.
    pub fn signature(&self, key: &Key, delivery: &Delivery<'_>) -> [u8; 32] {
        let mut mac = key.mac();
        let mut digits = itoa::Buffer::new();
        for part in self.scheme.template.parts() {
            mac.update(self.part_bytes(part, delivery, &mut digits));
        }
        mac.finalize()
    }
}
