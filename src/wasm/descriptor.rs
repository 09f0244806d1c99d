//! A compiled `Verifier` or `Signer` as plain bytes.
//!
//! The JavaScript objects hold this descriptor instead of a handle to wasm memory: nothing has to
//! be freed, so objects that are never `free()`d cost the garbage collector a small byte array and
//! nothing more. The engine rebuilds the core object from it when another object than the last
//! one calls (see `engine.rs`). The format is private to one build of the package: both ends are
//! this file.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use crate::scheme::{Encoding, HeaderName, KeyEncoding, Part, Scheme, Syntax, Template};
use crate::webhook::config::{Endpoint, EndpointKey};
use crate::webhook::mac::{KeyState, KEY_STATE_LEN};
use crate::webhook::secret::Key;
use crate::webhook::verify::Limits;

/// Bumped whenever the layout changes, so a stale descriptor is refused instead of misread.
const VERSION: u8 = 2;

/// The kind byte before each key: an HMAC key state follows, or an Ed25519 key's 32 bytes.
const HMAC_KEY: u8 = 0;

/// What a descriptor holds besides the endpoint.
pub(crate) struct Settings {
    pub tolerance: u64,
    pub limits: Limits,
}

pub(crate) fn write(endpoint: &Endpoint, settings: &Settings) -> Vec<u8> {
    let mut out = Writer(Vec::with_capacity(128 + endpoint.keys.len() * KEY_STATE_LEN));
    out.u8(VERSION);
    let scheme = &endpoint.scheme;
    out.text(&scheme.name);
    out.header(Some(&scheme.signature_header));
    out.header(scheme.timestamp_header.as_ref());
    out.header(scheme.id_header.as_ref());
    match &scheme.syntax {
        Syntax::Prefixed(prefix) => {
            out.u8(0);
            out.text(prefix);
        }
        Syntax::Standard => out.u8(1),
        Syntax::Stripe => out.u8(2),
    }
    out.u8(match scheme.encoding {
        Encoding::Hex => 0,
        Encoding::Base64 => 1,
    });
    out.u8(match scheme.key_encoding {
        KeyEncoding::Utf8 => 0,
        KeyEncoding::Whsec => 1,
        KeyEncoding::Hex => 2,
        KeyEncoding::Base64 => 3,
    });
    out.u8(u8::from(scheme.multiple_signatures));
    let parts = scheme.template.parts();
    out.u32(parts.len());
    for part in parts {
        match part {
            Part::Literal(text) => {
                out.u8(0);
                out.text(text);
            }
            Part::Id => out.u8(1),
            Part::Timestamp => out.u8(2),
            Part::Body => out.u8(3),
            Part::Url => out.u8(4),
        }
    }
    match &endpoint.notification_url {
        Some(url) => {
            out.u8(1);
            out.text(url);
        }
        None => out.u8(0),
    }
    out.u8(u8::from(endpoint.canonical));
    out.u64(settings.tolerance);
    let limits = &settings.limits;
    for limit in [limits.payload_bytes, limits.header_count, limits.header_bytes, limits.signatures] {
        out.u64(limit as u64);
    }
    out.u32(endpoint.keys.len());
    for key in &endpoint.keys {
        match key {
            EndpointKey::Hmac(key) => {
                out.u8(HMAC_KEY);
                out.0.extend_from_slice(&key.state().to_bytes());
            }
            // The kind (secret or public key) then the seed or the point.
            #[cfg(feature = "ed25519")]
            EndpointKey::Ed25519(key) => out.0.extend_from_slice(key.to_bytes().as_ref()),
        }
    }
    out.0
}

/// Reads what [`write`] wrote; `None` for anything else.
pub(crate) fn read(bytes: &[u8]) -> Option<(Endpoint, Settings)> {
    let mut r = Reader(bytes);
    if r.u8()? != VERSION {
        return None;
    }
    let name = r.text()?;
    let signature_header = r.header()??;
    let timestamp_header = r.header()?;
    let id_header = r.header()?;
    let syntax = match r.u8()? {
        0 => Syntax::Prefixed(Cow::Owned(r.text()?)),
        1 => Syntax::Standard,
        2 => Syntax::Stripe,
        _ => return None,
    };
    let encoding = match r.u8()? {
        0 => Encoding::Hex,
        1 => Encoding::Base64,
        _ => return None,
    };
    let key_encoding = match r.u8()? {
        0 => KeyEncoding::Utf8,
        1 => KeyEncoding::Whsec,
        2 => KeyEncoding::Hex,
        3 => KeyEncoding::Base64,
        _ => return None,
    };
    let multiple_signatures = r.u8()? == 1;
    let count = r.u32()?;
    let mut parts = Vec::with_capacity(count.min(64));
    for _ in 0..count {
        parts.push(match r.u8()? {
            0 => Part::Literal(r.text()?),
            1 => Part::Id,
            2 => Part::Timestamp,
            3 => Part::Body,
            4 => Part::Url,
            _ => return None,
        });
    }
    let notification_url = match r.u8()? {
        1 => Some(r.text()?),
        _ => None,
    };
    let canonical = r.u8()? == 1;
    let tolerance = r.u64()?;
    let mut limit = || r.u64().map(|n| usize::try_from(n).unwrap_or(usize::MAX));
    let limits =
        Limits { payload_bytes: limit()?, header_count: limit()?, header_bytes: limit()?, signatures: limit()? };
    let count = r.u32()?;
    let mut keys = Vec::with_capacity(count.min(crate::webhook::config::MAX_SECRETS));
    for _ in 0..count {
        keys.push(match r.u8()? {
            HMAC_KEY => {
                let state: &[u8; KEY_STATE_LEN] = r.take(KEY_STATE_LEN)?.try_into().ok()?;
                EndpointKey::Hmac(Key::from_state(KeyState::from_bytes(state)))
            }
            #[cfg(feature = "ed25519")]
            kind => {
                let bytes: &[u8; 32] = r.take(32)?.try_into().ok()?;
                EndpointKey::Ed25519(crate::webhook::ed25519::AsymmetricKey::from_bytes(kind, bytes)?)
            }
            #[cfg(not(feature = "ed25519"))]
            _ => return None,
        });
    }
    let scheme = Scheme {
        name: Cow::Owned(name),
        signature_header,
        timestamp_header,
        id_header,
        syntax,
        encoding,
        key_encoding,
        template: Template::from_parts(parts),
        multiple_signatures,
    };
    Some((Endpoint { scheme, keys, notification_url, canonical }, Settings { tolerance, limits }))
}

struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, b: u8) {
        self.0.push(b);
    }
    fn u32(&mut self, n: usize) {
        self.0.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
    }
    fn u64(&mut self, n: u64) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }
    fn text(&mut self, s: &str) {
        self.u32(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn header(&mut self, header: Option<&HeaderName>) {
        match header {
            None => self.u32(0),
            Some(h) => {
                let names: Vec<&str> = h.names().collect();
                self.u32(names.len());
                for name in names {
                    self.text(name);
                }
            }
        }
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1)?.first().copied()
    }
    fn u32(&mut self) -> Option<usize> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?) as usize)
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn text(&mut self) -> Option<String> {
        let len = self.u32()?;
        String::from_utf8(self.take(len)?.to_vec()).ok()
    }
    /// A header and its aliases; `Some(None)` when the scheme has no such header.
    fn header(&mut self) -> Option<Option<HeaderName>> {
        let count = self.u32()?;
        let mut header: Option<HeaderName> = None;
        for _ in 0..count {
            let name = self.text()?;
            header = Some(match header {
                None => HeaderName::new(name),
                Some(h) => h.or(name),
            });
        }
        Some(header)
    }
}
