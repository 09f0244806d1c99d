//! Verifying a delivery: find the headers, check the timestamp, then compare every candidate
//! signature with every secret's in constant time.
//!
//! The timestamp is checked before any HMAC is computed, as Standard Webhooks specifies, so a
//! replayed delivery costs no hashing. Comparison never stops at the first mismatch: each
//! candidate is compared with each key's signature through `subtle`, and only the index of the
//! key that matched is reported.
//!
//! Standard Webhooks `v1a` signatures (Ed25519, with the `ed25519` feature) are checked the same
//! way: every `v1a` candidate against every Ed25519 key, all pairs, each with ed25519-dalek's
//! `verify_strict`. They need the whole signed content at once, so [`Verifier::finish`] takes the
//! payload too when the verifier holds Ed25519 keys ([`Verifier::finish_with_payload`]).

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use subtle::ConstantTimeEq;

use crate::error::{Code, Error, Result};
use crate::webhook::config::{Config, Delivery, Endpoint};
use crate::webhook::headers::{all_values, single_value, Headers};

/// Default tolerance between the delivery's timestamp and now: five minutes, as every provider.
pub const DEFAULT_TOLERANCE_SECONDS: u64 = 300;

/// Bounds on what one delivery may ask of a verifier, each refused with its own [`Code`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Longest payload, in bytes (`payload_too_large`). GitHub caps deliveries at 25 MB, so the
    /// default leaves room above that.
    pub payload_bytes: usize,
    /// Most header entries a request may carry (`too_many_headers`); counted by the code that
    /// reads the request's headers (the JavaScript bindings), which stops reading past it.
    pub header_count: usize,
    /// Most bytes the headers this scheme reads may hold together (`headers_too_large`).
    pub header_bytes: usize,
    /// Most candidate signatures in one delivery (`too_many_signatures`): each costs a
    /// comparison against every secret. `v1a` candidates count too when the verifier holds an
    /// Ed25519 key; each of them costs a hash of the signed content and a curve check per key.
    pub signatures: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { payload_bytes: 32 << 20, header_count: 1000, header_bytes: 32 << 10, signatures: 64 }
    }
}

/// What a successful verification learned. Every field is covered by the signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// The scheme's name.
    pub scheme: Cow<'static, str>,
    /// The message id, for schemes that sign one.
    pub id: Option<String>,
    /// The signed timestamp, for schemes that sign one.
    pub timestamp: Option<i64>,
    /// Which secret matched: 0 is the current one, higher ones are older secrets being rotated out.
    pub secret_index: usize,
}

/// A delivery whose headers passed every check that comes before the MAC: its candidate
/// signatures, and the signed id and timestamp. [`Verifier::finish`] compares the candidates with
/// the MACs; between the two, the MACs may be computed anywhere (a host's native HMAC).
#[derive(Clone, Debug)]
pub struct Pending {
    candidates: Vec<[u8; 32]>,
    /// `v1a` candidates, kept only when the verifier holds an Ed25519 key.
    #[cfg(feature = "ed25519")]
    asymmetric: Vec<[u8; crate::webhook::ed25519::SIGNATURE_LEN]>,
    id: Option<String>,
    timestamp: Option<i64>,
}

/// Verifies deliveries for one endpoint. Build once, verify many times.
#[derive(Clone, Debug)]
pub struct Verifier {
    endpoint: Endpoint,
    tolerance: u64,
    limits: Limits,
}

impl Verifier {
    /// A verifier with the default tolerance of 300 seconds and the default [`Limits`].
    pub fn new(config: &Config<'_>) -> Result<Verifier> {
        Ok(Verifier {
            endpoint: Endpoint::new(config)?,
            tolerance: DEFAULT_TOLERANCE_SECONDS,
            limits: Limits::default(),
        })
    }

    /// A verifier over an endpoint already built (the bindings rebuild one from its descriptor).
    #[cfg(feature = "wasm-verify")]
    pub(crate) fn from_endpoint(endpoint: Endpoint, tolerance: u64, limits: Limits) -> Verifier {
        Verifier { endpoint, tolerance, limits }
    }

    /// The endpoint, tolerance and limits this verifier was built from.
    #[cfg(feature = "wasm-verify")]
    pub(crate) fn parts(&self) -> (&Endpoint, u64, Limits) {
        (&self.endpoint, self.tolerance, self.limits)
    }

    /// Sets the accepted distance between the signed timestamp and now, in seconds; 0 accepts any
    /// timestamp (the signature is still checked).
    pub fn with_tolerance(mut self, seconds: u64) -> Self {
        self.tolerance = seconds;
        self
    }

    /// Sets the bounds on what one delivery may ask.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The bounds in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The scheme this verifier checks.
    pub fn scheme(&self) -> &crate::scheme::Scheme {
        &self.endpoint.scheme
    }

    /// True if the signed content is the body's canonical form, which only this crate computes.
    pub fn is_canonical(&self) -> bool {
        self.endpoint.canonical
    }

    /// Verifies `payload` (the raw body exactly as received) against `headers`, taking `now` as the
    /// current Unix time in seconds.
    pub fn verify_at<H: Headers + ?Sized>(&self, payload: &[u8], headers: &H, now: i64) -> Result<Verified> {
        let pending = self.begin_at(payload.len(), headers, now)?;
        let body = self.endpoint.signed_body(payload)?;
        let delivery = Delivery { id: pending.id.as_deref(), timestamp: pending.timestamp, body: body.as_ref() };
        let mut tags = [[0u8; 32]; crate::webhook::config::MAX_SECRETS];
        let mut count = 0;
        for (tag, key) in tags.iter_mut().zip(self.endpoint.hmac_keys()) {
            *tag = self.endpoint.signature(key, &delivery);
            count += 1;
        }
        self.compare(pending, tags.get(..count).unwrap_or(&[]), body.as_ref())
    }

    /// Everything before the MAC: the payload's length, the headers' form and size, the
    /// timestamp's tolerance (before any hashing, as Standard Webhooks specifies, so a replayed
    /// delivery costs none), and the candidates decoded.
    pub fn begin_at<H: Headers + ?Sized>(&self, payload_len: usize, headers: &H, now: i64) -> Result<Pending> {
        if payload_len > self.limits.payload_bytes {
            return Err(Error::with_message(
                Code::PayloadTooLarge,
                format!("the payload has {payload_len} bytes; at most {} are accepted", self.limits.payload_bytes),
            ));
        }
        let scheme = &self.endpoint.scheme;
        let sig_values = all_values(headers, &scheme.signature_header);
        if sig_values.is_empty() {
            return Err(Error::with_message(
                Code::MissingHeader,
                format!("header `{}` is missing", scheme.signature_header.primary()),
            ));
        }
        let mut header_bytes: usize = sig_values.iter().map(|v| v.len()).sum();
        let timestamp_text = match &scheme.timestamp_header {
            Some(header) => Some(single_value(headers, header)?),
            None => None,
        };
        let id = match scheme.verified_id_header() {
            Some(header) => Some(single_value(headers, header)?),
            None => None,
        };
        header_bytes += timestamp_text.map_or(0, str::len) + id.map_or(0, str::len);
        if header_bytes > self.limits.header_bytes {
            return Err(Error::with_message(
                Code::HeadersTooLarge,
                format!(
                    "the signature headers hold {header_bytes} bytes; at most {} are accepted",
                    self.limits.header_bytes
                ),
            ));
        }
        let parsed = scheme.syntax.parse(&sig_values, scheme.signature_header.primary())?;
        // `v1a` candidates are checked, and so counted, only by a verifier with an Ed25519 key.
        let asymmetric = if self.endpoint.has_asymmetric() { parsed.asymmetric.len() } else { 0 };
        let count = parsed.candidates.len().saturating_add(asymmetric);
        if count > self.limits.signatures {
            return Err(Error::with_message(
                Code::TooManySignatures,
                format!("the delivery carries {count} signatures; at most {} are accepted", self.limits.signatures),
            ));
        }
        let timestamp = match (parsed.timestamp, timestamp_text) {
            (Some(text), _) | (None, Some(text)) => Some(parse_timestamp(text)?),
            (None, None) => None,
        };
        if let Some(ts) = timestamp {
            check_tolerance(ts, now, self.tolerance)?;
        }
        let candidates = parsed.candidates.iter().filter_map(|c| scheme.encoding.decode_signature(c)).collect();
        Ok(Pending {
            candidates,
            #[cfg(feature = "ed25519")]
            asymmetric: if asymmetric > 0 {
                parsed.asymmetric.iter().filter_map(|c| crate::webhook::ed25519::decode_signature(c)).collect()
            } else {
                Vec::new()
            },
            id: id.map(String::from),
            timestamp,
        })
    }

    /// How many MACs [`Verifier::finish`] takes: one per HMAC secret (Ed25519 keys take none).
    pub fn mac_count(&self) -> usize {
        self.endpoint.hmac_keys().count()
    }

    /// True if the verifier holds an Ed25519 key (`whsk_`/`whpk_`), so that finishing needs the
    /// payload ([`Verifier::finish_with_payload`]).
    pub fn has_ed25519(&self) -> bool {
        self.endpoint.has_asymmetric()
    }

    /// The signed content before and after the body, for a MAC computed outside this crate:
    /// HMAC-SHA256 under each key of `before ‖ body ‖ after`. Not for canonical mode, where the
    /// body that is signed is computed here ([`Verifier::is_canonical`]).
    pub fn content_around_body(&self, pending: &Pending) -> (Vec<u8>, Vec<u8>) {
        self.endpoint.content_around_body(&Delivery {
            id: pending.id.as_deref(),
            timestamp: pending.timestamp,
            body: &[],
        })
    }

    /// Compares every candidate with every key's MAC (`tags`, one per HMAC secret in order, see
    /// [`Verifier::mac_count`]) in constant time, without stopping at the first mismatch, and
    /// reports the first secret that matched. A verifier holding Ed25519 keys needs the payload
    /// as well: this refuses with `invalid_options`, use [`Verifier::finish_with_payload`].
    pub fn finish(&self, pending: Pending, tags: &[[u8; 32]]) -> Result<Verified> {
        if self.endpoint.has_asymmetric() {
            return Err(Error::new(
                Code::InvalidOptions,
                "this verifier holds Ed25519 keys, whose signatures cover the whole content: use finish_with_payload",
            ));
        }
        self.compare(pending, tags, &[])
    }

    /// [`Verifier::finish`] from the inner hashes of the MACs, for a host whose SHA-256 is faster
    /// than this crate's: `inner[i]` is SHA-256 of the `i`-th HMAC key's
    /// [`inner_key_block`](crate::webhook::mac::inner_key_block) followed by the signed content
    /// ([`Verifier::content_around_body`] around the body). Only HMAC's outer hash runs here.
    pub fn finish_inner(&self, pending: Pending, inner: &[[u8; 32]]) -> Result<Verified> {
        self.finish(pending, &self.macs_from_inner(inner)?)
    }

    /// The MACs [`Verifier::finish`] takes, from their inner hashes as
    /// [`Verifier::finish_inner`] takes them.
    pub fn macs_from_inner(&self, inner: &[[u8; 32]]) -> Result<Vec<[u8; 32]>> {
        if inner.len() != self.mac_count() {
            return Err(Error::new(Code::InvalidOptions, "one MAC per HMAC secret is needed"));
        }
        Ok(self.endpoint.hmac_keys().zip(inner).map(|(key, i)| key.tag_from_inner(i)).collect())
    }

    /// [`Verifier::finish`] that also checks the `v1a` candidates against the Ed25519 keys, over
    /// the signed content rebuilt from `pending` and `payload` (the raw body, as passed to
    /// [`Verifier::begin_at`]; in canonical mode it is canonicalized here). `tags` are the MACs of
    /// the HMAC secrets only, in order.
    pub fn finish_with_payload(&self, pending: Pending, tags: &[[u8; 32]], payload: &[u8]) -> Result<Verified> {
        if payload.len() > self.limits.payload_bytes {
            return Err(Error::new(Code::PayloadTooLarge, "the payload is longer than at begin_at"));
        }
        let body = self.endpoint.signed_body(payload)?;
        self.compare(pending, tags, body.as_ref())
    }

    /// The comparison of [`Verifier::finish`]; `body` is the signed body (used by Ed25519 only).
    fn compare(&self, pending: Pending, tags: &[[u8; 32]], body: &[u8]) -> Result<Verified> {
        if tags.len() != self.mac_count() {
            return Err(Error::new(Code::InvalidOptions, "one MAC per HMAC secret is needed"));
        }
        #[cfg(feature = "ed25519")]
        let content = match pending.asymmetric.is_empty() {
            true => Vec::new(),
            false => self.endpoint.signed_content(&Delivery {
                id: pending.id.as_deref(),
                timestamp: pending.timestamp,
                body,
            }),
        };
        #[cfg(not(feature = "ed25519"))]
        let _ = body;
        let mut tags = tags.iter();
        let mut matched = None;
        for (index, key) in self.endpoint.keys.iter().enumerate() {
            let mut hit = subtle::Choice::from(0);
            match key {
                crate::webhook::config::EndpointKey::Hmac(_) => {
                    let Some(tag) = tags.next() else { break };
                    for candidate in &pending.candidates {
                        hit |= candidate.ct_eq(tag);
                    }
                }
                // Every pair is checked, as for HMAC: nothing secret is compared (the key, the
                // signature and the content are all public), but the cost of a delivery does not
                // then depend on which key matched.
                #[cfg(feature = "ed25519")]
                crate::webhook::config::EndpointKey::Ed25519(key) => {
                    for candidate in &pending.asymmetric {
                        hit |= subtle::Choice::from(u8::from(key.verify(&content, candidate)));
                    }
                }
            }
            if bool::from(hit) && matched.is_none() {
                matched = Some(index);
            }
        }
        match matched {
            Some(secret_index) => Ok(Verified {
                scheme: self.endpoint.scheme.name.clone(),
                id: pending.id,
                timestamp: pending.timestamp,
                secret_index,
            }),
            None => Err(Error::new(Code::NoMatchingSignature, "no signature matches any secret")),
        }
    }

    /// [`Verifier::verify_at`] with the system clock.
    #[cfg(feature = "std")]
    pub fn verify<H: Headers + ?Sized>(&self, payload: &[u8], headers: &H) -> Result<Verified> {
        self.verify_at(payload, headers, crate::unix_now())
    }
}

/// Longest timestamp accepted: 19 digits always fit an `i64`... except above `i64::MAX`, which
/// `parse` refuses.
const MAX_TIMESTAMP_DIGITS: usize = 19;

/// Parses a timestamp of decimal digits only (no sign, no fraction, no spaces).
pub(crate) fn parse_timestamp(text: &str) -> Result<i64> {
    if text.is_empty() || text.len() > MAX_TIMESTAMP_DIGITS || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::new(Code::InvalidTimestamp, "the timestamp is not a whole number of Unix seconds"));
    }
    text.parse::<i64>().map_err(|_| Error::new(Code::InvalidTimestamp, "the timestamp is out of range"))
}

fn check_tolerance(timestamp: i64, now: i64, tolerance: u64) -> Result<()> {
    if tolerance == 0 {
        return Ok(());
    }
    // Saturating, so that no clock value overflows; u64 tolerances beyond i64 mean "any".
    let age = now.saturating_sub(timestamp);
    let Ok(tolerance) = i64::try_from(tolerance) else { return Ok(()) };
    if age > tolerance {
        return Err(Error::with_message(
            Code::TimestampTooOld,
            format!("the timestamp is {age} s old; at most {tolerance} s is accepted"),
        ));
    }
    if age < tolerance.saturating_neg() {
        return Err(Error::with_message(
            Code::TimestampTooNew,
            format!("the timestamp is {} s in the future; at most {tolerance} s is accepted", age.saturating_neg()),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_digits_only() {
        assert_eq!(parse_timestamp("1614265330"), Ok(1614265330));
        assert_eq!(parse_timestamp("0"), Ok(0));
        for bad in ["", "-1", "+1", "1.5", " 1", "1e9", "99999999999999999999", "9223372036854775808"] {
            assert_eq!(parse_timestamp(bad).unwrap_err().code(), Code::InvalidTimestamp, "{bad}");
        }
    }

    #[test]
    fn tolerance_is_inclusive_and_zero_disables() {
        assert!(check_tolerance(1000, 1300, 300).is_ok());
        assert!(check_tolerance(1000, 700, 300).is_ok());
        assert_eq!(check_tolerance(1000, 1301, 300).unwrap_err().code(), Code::TimestampTooOld);
        assert_eq!(check_tolerance(1000, 699, 300).unwrap_err().code(), Code::TimestampTooNew);
        assert!(check_tolerance(0, i64::MAX, 0).is_ok());
        assert_eq!(check_tolerance(i64::MAX, i64::MIN, u64::MAX).map_err(|e| e.code()), Ok(()));
    }
}
