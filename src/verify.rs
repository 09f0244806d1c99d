//! Verifying a delivery: find the headers, check the timestamp, then compare every candidate
//! signature with every secret's in constant time.
//!
//! The timestamp is checked before any HMAC is computed, as Standard Webhooks specifies, so a
//! replayed delivery costs no hashing. Comparison never stops at the first mismatch: each
//! candidate is compared with each key's signature through `subtle`, and only the index of the
//! key that matched is reported.

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use subtle::ConstantTimeEq;

use crate::endpoint::{Config, Delivery, Endpoint};
use crate::error::{Code, Error, Result};
use crate::headers::{all_values, single_value, Headers};

/// Default tolerance between the delivery's timestamp and now: five minutes, as every provider.
pub const DEFAULT_TOLERANCE_SECONDS: u64 = 300;

/// What a successful verification learned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// The scheme's name.
    pub scheme: Cow<'static, str>,
    /// The message id, for schemes that send one.
    pub id: Option<String>,
    /// The signed timestamp, for schemes that sign one.
    pub timestamp: Option<i64>,
    /// Which secret matched: 0 is the current one, higher ones are older secrets being rotated out.
    pub secret_index: usize,
}

/// Verifies deliveries for one endpoint. Build once, verify many times.
#[derive(Clone, Debug)]
pub struct Verifier {
    endpoint: Endpoint,
    tolerance: u64,
}

impl Verifier {
    /// A verifier with the default tolerance of 300 seconds.
    pub fn new(config: &Config<'_>) -> Result<Verifier> {
        Ok(Verifier { endpoint: Endpoint::new(config)?, tolerance: DEFAULT_TOLERANCE_SECONDS })
    }

    /// Sets the accepted distance between the signed timestamp and now, in seconds; 0 accepts any
    /// timestamp (the signature is still checked).
    pub fn with_tolerance(mut self, seconds: u64) -> Self {
        self.tolerance = seconds;
        self
    }

    /// The scheme this verifier checks.
    pub fn scheme(&self) -> &crate::scheme::Scheme {
        &self.endpoint.scheme
    }

    /// Verifies `payload` (the raw body exactly as received) against `headers`, taking `now` as the
    /// current Unix time in seconds.
    pub fn verify_at<H: Headers + ?Sized>(&self, payload: &[u8], headers: &H, now: i64) -> Result<Verified> {
        let scheme = &self.endpoint.scheme;
        let sig_values = all_values(headers, &scheme.signature_header);
        if sig_values.is_empty() {
            return Err(Error::with_message(
                Code::MissingHeader,
                format!("header `{}` is missing", scheme.signature_header.primary()),
            ));
        }
        let parsed = scheme.syntax.parse(&sig_values, scheme.signature_header.primary())?;

        let timestamp = match (&scheme.timestamp_header, parsed.timestamp) {
            (_, Some(text)) => Some(parse_timestamp(text)?),
            (Some(header), None) => Some(parse_timestamp(single_value(headers, header)?)?),
            (None, None) => None,
        };
        if let Some(ts) = timestamp {
            check_tolerance(ts, now, self.tolerance)?;
        }
        let id = match &scheme.id_header {
            Some(header) if scheme.needs_id() => Some(single_value(headers, header)?),
            Some(header) => single_value(headers, header).ok(),
            None => None,
        };

        let body = self.endpoint.signed_body(payload)?;
        let body = body.as_ref();
        let delivery = Delivery { id, timestamp, body };
        let candidates: Vec<Option<[u8; 32]>> =
            parsed.candidates.iter().map(|c| scheme.encoding.decode_signature(c)).collect();
        let mut matched = None;
        for (index, key) in self.endpoint.keys.iter().enumerate() {
            let expected = self.endpoint.signature(key, &delivery);
            let mut hit = subtle::Choice::from(0);
            for candidate in candidates.iter().flatten() {
                hit |= candidate.ct_eq(&expected);
            }
            if bool::from(hit) && matched.is_none() {
                matched = Some(index);
            }
        }
        match matched {
            Some(secret_index) => {
                Ok(Verified { scheme: scheme.name.clone(), id: id.map(String::from), timestamp, secret_index })
            }
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
