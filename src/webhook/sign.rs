//! Signing a delivery: the headers a sender attaches.
//!
//! Each signing secret writes one signature of its kind: an HMAC secret `v1,…`, an Ed25519
//! secret key (`whsk_`, `standard` only) `v1a,…`, in the order the secrets are given. A public
//! key (`whpk_`) cannot sign: a signer refuses it with `invalid_secret`.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::error::{Code, Error, Result};
use crate::webhook::config::{Config, Delivery, Endpoint, EndpointKey};

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
        let endpoint = Endpoint::new(config)?;
        #[cfg(feature = "ed25519")]
        for (index, key) in endpoint.keys.iter().enumerate() {
            if let EndpointKey::Ed25519(key) = key {
                if key.is_public() {
                    return Err(Error::with_message(
                        Code::InvalidSecret,
                        format!("secret {index} is a public key (`whpk_`): it verifies but cannot sign"),
                    ));
                }
            }
        }
        Ok(Signer { endpoint })
    }

    /// A signer over an endpoint already built (the bindings rebuild one from its descriptor).
    #[cfg(feature = "wasm-verify")]
    pub(crate) fn from_endpoint(endpoint: Endpoint) -> Signer {
        Signer { endpoint }
    }

    /// The endpoint this signer was built from.
    #[cfg(feature = "wasm-verify")]
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

    /// The message id to sign with: `id` if given, else, where the scheme sends an id, a new one
    /// from the random bytes of `fill` (see [`crate::generate_message_id`]), else none.
    pub fn message_id(&self, id: Option<&str>, fill: impl FnMut(&mut [u8]) -> Result<()>) -> Result<Option<String>> {
        match id {
            Some(id) => Ok(Some(id.to_string())),
            None if self.needs_id() => crate::webhook::secret::generate_message_id(fill).map(Some),
            None => Ok(None),
        }
    }

    /// Signs `payload` (the exact body bytes that will be sent) at Unix time `timestamp`, returning
    /// the headers to send as lower-case name/value pairs. `id` is required when the scheme has a
    /// message id (see [`crate::webhook::secret::generate_message_id`]).
    pub fn sign_at(&self, payload: &[u8], id: Option<&str>, timestamp: i64) -> Result<Vec<(String, String)>> {
        let signing = self.begin(id, timestamp)?;
        let body = self.endpoint.signed_body(payload)?;
        let delivery = Delivery { id: signing.id, timestamp: Some(timestamp), body: body.as_ref() };
        let tags: Vec<[u8; 32]> = self
            .signing_keys()
            .filter_map(EndpointKey::hmac)
            .map(|key| self.endpoint.signature(key, &delivery))
            .collect();
        self.headers(&signing, &tags, body.as_ref())
    }

    /// The keys that sign: every one where the scheme sends several signatures, else the first.
    fn signing_keys(&self) -> impl Iterator<Item = &EndpointKey> {
        let count = if self.endpoint.scheme.multiple_signatures { self.endpoint.keys.len() } else { 1 };
        self.endpoint.keys.iter().take(count)
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

    /// How many MACs [`Signer::finish`] takes: one per HMAC secret where the scheme sends several
    /// signatures, else one for the current secret. Ed25519 secret keys take none.
    pub fn tag_count(&self) -> usize {
        self.signing_keys().filter(|k| k.hmac().is_some()).count()
    }

    /// True if a signing secret is an Ed25519 key (`whsk_`), so that finishing needs the payload
    /// ([`Signer::finish_with_payload`]).
    pub fn has_ed25519(&self) -> bool {
        self.endpoint.has_asymmetric()
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

    /// The headers to send, from the MACs of the [`Signer::tag_count`] HMAC keys in order. A
    /// signer with an Ed25519 key needs the payload too: this refuses with `invalid_options`, use
    /// [`Signer::finish_with_payload`].
    pub fn finish(&self, signing: &Signing<'_>, tags: &[[u8; 32]]) -> Result<Vec<(String, String)>> {
        if self.endpoint.has_asymmetric() {
            return Err(Error::new(
                Code::InvalidOptions,
                "this signer holds an Ed25519 key, whose signature covers the whole content: use finish_with_payload",
            ));
        }
        self.headers(signing, tags, &[])
    }

    /// [`Signer::finish`] from the inner hashes of the MACs, as [`crate::Verifier::finish_inner`]
    /// takes them: one per key of [`Signer::tag_count`], in order.
    pub fn finish_inner(&self, signing: &Signing<'_>, inner: &[[u8; 32]]) -> Result<Vec<(String, String)>> {
        self.finish(signing, &self.macs_from_inner(inner)?)
    }

    /// The MACs [`Signer::finish`] takes, from their inner hashes as [`Signer::finish_inner`]
    /// takes them.
    pub fn macs_from_inner(&self, inner: &[[u8; 32]]) -> Result<Vec<[u8; 32]>> {
        if inner.len() != self.tag_count() {
            return Err(Error::new(Code::InvalidOptions, "one MAC per HMAC signing secret is needed"));
        }
        let keys = self.signing_keys().filter_map(EndpointKey::hmac);
        Ok(keys.zip(inner).map(|(key, i)| key.tag_from_inner(i)).collect())
    }

    /// [`Signer::finish`] that also writes the `v1a` signatures of the Ed25519 keys, over the
    /// content rebuilt from `signing` and `payload` (the exact body that will be sent).
    pub fn finish_with_payload(
        &self,
        signing: &Signing<'_>,
        tags: &[[u8; 32]],
        payload: &[u8],
    ) -> Result<Vec<(String, String)>> {
        let body = self.endpoint.signed_body(payload)?;
        self.headers(signing, tags, body.as_ref())
    }

    /// The headers from the HMAC keys' MACs and, for Ed25519 keys, the signed `body`.
    fn headers(&self, signing: &Signing<'_>, tags: &[[u8; 32]], body: &[u8]) -> Result<Vec<(String, String)>> {
        if tags.len() != self.tag_count() {
            return Err(Error::new(Code::InvalidOptions, "one MAC per HMAC signing secret is needed"));
        }
        let scheme = &self.endpoint.scheme;
        #[cfg(feature = "ed25519")]
        let content = match self.endpoint.has_asymmetric() {
            true => {
                self.endpoint.signed_content(&Delivery { id: signing.id, timestamp: Some(signing.timestamp), body })
            }
            false => Vec::new(),
        };
        #[cfg(not(feature = "ed25519"))]
        let _ = body;
        let mut tags = tags.iter();
        let mut signatures: Vec<(&str, String)> = Vec::new();
        for key in self.signing_keys() {
            match key {
                EndpointKey::Hmac(_) => {
                    if let Some(tag) = tags.next() {
                        signatures.push(("v1", scheme.encoding.encode(tag)));
                    }
                }
                #[cfg(feature = "ed25519")]
                EndpointKey::Ed25519(key) => {
                    let Some(signature) = key.sign(&content) else {
                        return Err(Error::new(Code::InvalidSecret, "a public key (`whpk_`) cannot sign"));
                    };
                    signatures.push((
                        crate::webhook::ed25519::VERSION,
                        crate::webhook::encoding::Encoding::Base64.encode(&signature),
                    ));
                }
            }
        }
        let labelled: Vec<(&str, &str)> = signatures.iter().map(|(v, s)| (*v, s.as_str())).collect();
        let mut headers = Vec::with_capacity(3);
        if let (Some(header), Some(id)) = (&scheme.id_header, signing.id) {
            headers.push((header.primary().to_string(), id.to_string()));
        }
        if let Some(header) = &scheme.timestamp_header {
            headers.push((header.primary().to_string(), signing.timestamp.to_string()));
        }
        let value = scheme.syntax.format_versions(&labelled, Some(signing.timestamp));
        headers.push((scheme.signature_header.primary().to_string(), value));
        Ok(headers)
    }

    /// [`Signer::sign_at`] with the system clock, generating a message id when the scheme needs one
    /// and none is given.
    #[cfg(feature = "std")]
    pub fn sign(&self, payload: &[u8], id: Option<&str>) -> Result<Vec<(String, String)>> {
        let id = self.message_id(id, crate::webhook::secret::os_random)?;
        self.sign_at(payload, id.as_deref(), crate::unix_now())
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
