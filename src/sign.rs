//! Signing a delivery: the headers a sender attaches.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::endpoint::{Config, Delivery, Endpoint};
use crate::error::{Code, Error, Result};

/// Signs deliveries for one endpoint. Build once, sign many times.
#[derive(Clone, Debug)]
pub struct Signer {
    endpoint: Endpoint,
}

/// A delivery about to be signed: its checked id and timestamp.
#[derive(Clone, Copy, Debug)]
pub struct Signing<'i> {
    id: Option<&'i str>,
    timestamp: i64,
}

/// Longest message id accepted when signing.
pub const MAX_ID_LEN: usize = 256;

impl Signer {
    /// A signer for `config`; see [`Config`].
    pub fn new(config: &Config<'_>) -> Result<Signer> {
        Ok(Signer { endpoint: Endpoint::new(config)? })
    }

    /// A signer over an endpoint already built (the bindings rebuild one from its descriptor).
    #[cfg(feature = "wasm")]
    pub(crate) fn from_endpoint(endpoint: Endpoint) -> Signer {
        Signer { endpoint }
    }

    /// The endpoint this signer was built from.
    #[cfg(feature = "wasm")]
    pub(crate) fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// The scheme this signer writes.
    pub fn scheme(&self) -> &crate::scheme::Scheme {
        &self.endpoint.scheme
    }

    /// True if [`Signer::sign_at`] needs a message id for this scheme.
    pub fn needs_id(&self) -> bool {
        self.endpoint.scheme.id_header.is_some()
    }

    /// Signs `payload` (the exact body bytes that will be sent) at Unix time `timestamp`, returning
    /// the headers to send as lower-case name/value pairs. `id` is required when the scheme has a
    /// message id (see [`crate::secret::generate_message_id`]).
    pub fn sign_at(&self, payload: &[u8], id: Option<&str>, timestamp: i64) -> Result<Vec<(String, String)>> {
        let signing = self.begin(id, timestamp)?;
        let body = self.endpoint.signed_body(payload)?;
        let delivery = Delivery { id: signing.id, timestamp: Some(timestamp), body: body.as_ref() };
        let tags: Vec<[u8; 32]> = self
            .endpoint
            .keys
            .iter()
            .take(self.tag_count())
            .map(|key| self.endpoint.signature(key, &delivery))
            .collect();
        self.finish(&signing, &tags)
    }

    /// Checks the id and timestamp of a delivery about to be signed, for a MAC computed outside
    /// this crate ([`Signer::content_around_body`], then [`Signer::finish`]).
    pub fn begin<'i>(&self, id: Option<&'i str>, timestamp: i64) -> Result<Signing<'i>> {
        if timestamp < 0 {
            return Err(Error::new(Code::InvalidOptions, "the timestamp must not be negative"));
        }
        if let Some(id) = id {
            check_id(id)?;
        }
        if self.needs_id() && id.is_none() {
            return Err(Error::with_message(
                Code::InvalidOptions,
                format!("the `{}` scheme sends a message id: pass one", self.endpoint.scheme.name),
            ));
        }
        Ok(Signing { id, timestamp })
    }

    /// How many MACs [`Signer::finish`] takes: one per secret where the scheme sends several
    /// signatures, else one for the current secret.
    pub fn tag_count(&self) -> usize {
        if self.endpoint.scheme.multiple_signatures {
            self.endpoint.keys.len()
        } else {
            1
        }
    }

    /// True if the signed content is the body's canonical form, which only this crate computes.
    pub fn is_canonical(&self) -> bool {
        self.endpoint.canonical
    }

    /// The signed content before and after the body: HMAC-SHA256 under each key of
    /// `before ‖ body ‖ after`.
    pub fn content_around_body(&self, signing: &Signing<'_>) -> (Vec<u8>, Vec<u8>) {
        self.endpoint.content_around_body(&Delivery { id: signing.id, timestamp: Some(signing.timestamp), body: &[] })
    }

    /// The headers to send, from the MACs of the first [`Signer::tag_count`] keys in order.
    pub fn finish(&self, signing: &Signing<'_>, tags: &[[u8; 32]]) -> Result<Vec<(String, String)>> {
        if tags.len() != self.tag_count() {
            return Err(Error::new(Code::InvalidOptions, "one MAC per signing secret is needed"));
        }
        let scheme = &self.endpoint.scheme;
        let signatures: Vec<String> = tags.iter().map(|tag| scheme.encoding.encode(tag)).collect();
        let mut headers = Vec::with_capacity(3);
        if let (Some(header), Some(id)) = (&scheme.id_header, signing.id) {
            headers.push((header.primary().to_string(), id.to_string()));
        }
        if let Some(header) = &scheme.timestamp_header {
            headers.push((header.primary().to_string(), signing.timestamp.to_string()));
        }
        let value = scheme.syntax.format(&signatures, Some(signing.timestamp));
        headers.push((scheme.signature_header.primary().to_string(), value));
        Ok(headers)
    }

    /// [`Signer::sign_at`] with the system clock, generating a message id when the scheme needs one
    /// and none is given.
    #[cfg(feature = "std")]
    pub fn sign(&self, payload: &[u8], id: Option<&str>) -> Result<Vec<(String, String)>> {
        let generated;
        let id = match id {
            None if self.needs_id() => {
                generated = crate::secret::generate_message_id(crate::secret::os_random)?;
                Some(generated.as_str())
            }
            other => other,
        };
        self.sign_at(payload, id, crate::unix_now())
    }
}

/// An id goes into a header and into the signed content: printable ASCII, no spaces.
fn check_id(id: &str) -> Result<()> {
    if id.is_empty() || id.len() > MAX_ID_LEN || !id.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::with_message(
            Code::InvalidOptions,
            format!("a message id must be 1 to {MAX_ID_LEN} printable ASCII characters without spaces"),
        ));
    }
    Ok(())
}
