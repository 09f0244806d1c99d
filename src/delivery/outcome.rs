//! What to do after one attempt: [`classify`] turns an attempt's outcome into delivered, retry
//! (perhaps after the receiver's `Retry-After`) or stop.

use core::time::Duration;

use super::http_date;

/// Longest wait a receiver's `Retry-After` may impose by default: one hour. Past it, the
/// receiver's hint is cut short so one endpoint cannot park a delivery for days.
///
/// ```
/// use hookseal::delivery::{retry_after_delay, DEFAULT_RETRY_AFTER_CAP};
/// assert_eq!(retry_after_delay("86400", 0, DEFAULT_RETRY_AFTER_CAP), Some(DEFAULT_RETRY_AFTER_CAP));
/// ```
pub const DEFAULT_RETRY_AFTER_CAP: Duration = Duration::from_secs(3600);

/// A failure below HTTP: no complete response arrived.
///
/// ```
/// assert_eq!(hookseal::delivery::NetworkError::Dns.code(), "dns");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NetworkError {
    /// The host name did not resolve.
    Dns,
    /// The connection was refused or could not be opened.
    Connect,
    /// The TLS handshake failed (including certificate errors).
    Tls,
    /// The connection closed or reset before a complete response.
    Reset,
    /// Anything else below HTTP.
    Other,
}

impl NetworkError {
    /// The stable snake_case code.
    ///
    /// ```
    /// assert_eq!(hookseal::delivery::NetworkError::Tls.code(), "tls");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            NetworkError::Dns => "dns",
            NetworkError::Connect => "connect",
            NetworkError::Tls => "tls",
            NetworkError::Reset => "reset",
            NetworkError::Other => "other",
        }
    }
}

impl Attempt<'static> {
    /// The attempts in which no response arrived, by their stable codes.
    pub const WITHOUT_RESPONSE: [(&'static str, Attempt<'static>); 7] = [
        ("timeout", Attempt::Timeout),
        (NetworkError::Dns.code(), Attempt::Network(NetworkError::Dns)),
        (NetworkError::Connect.code(), Attempt::Network(NetworkError::Connect)),
        (NetworkError::Tls.code(), Attempt::Network(NetworkError::Tls)),
        (NetworkError::Reset.code(), Attempt::Network(NetworkError::Reset)),
        (NetworkError::Other.code(), Attempt::Network(NetworkError::Other)),
        ("address_refused", Attempt::AddressRefused),
    ];
}

/// How one attempt ended.
///
/// ```
/// use hookseal::delivery::Attempt;
/// let attempt = Attempt::Response { status: 503, retry_after: Some("120") };
/// # let _ = attempt;
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attempt<'a> {
    /// The receiver answered with `status`; `retry_after` is its `Retry-After` header, if any.
    Response {
        /// The HTTP status code.
        status: u16,
        /// The raw `Retry-After` value.
        retry_after: Option<&'a str>,
    },
    /// No complete response arrived.
    Network(NetworkError),
    /// No response within the request's timeout.
    Timeout,
    /// The host resolved to an address [`super::check_resolved_address`] refuses; nothing was
    /// sent.
    AddressRefused,
}

/// Why a delivery stops without success.
///
/// ```
/// assert_eq!(hookseal::delivery::StopReason::Gone.code(), "gone");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StopReason {
    /// `410 Gone`: the receiver says the endpoint is gone for good; a sender should disable it.
    Gone,
    /// Another `4xx` except 408 and 429: the request itself is refused, and resending the same
    /// signed bytes gets the same answer.
    ClientError,
    /// A `3xx`: redirects are not followed (the target could be a host the URL policy refuses),
    /// and the same URL answers the same way until the configuration changes.
    Redirect,
    /// The resolved address is refused by policy.
    AddressRefused,
}

impl StopReason {
    /// The stable snake_case code.
    ///
    /// ```
    /// assert_eq!(hookseal::delivery::StopReason::Redirect.code(), "redirect");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            StopReason::Gone => "gone",
            StopReason::ClientError => "client_error",
            StopReason::Redirect => "redirect",
            StopReason::AddressRefused => "address_refused",
        }
    }
}

/// What a sender does next.
///
/// ```
/// use hookseal::delivery::Verdict;
/// assert_eq!(Verdict::Retry { after: None }, Verdict::Retry { after: None });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A `2xx`: done.
    Delivered,
    /// Try again, if the schedule has retries left. `after` is the receiver's `Retry-After`
    /// (capped), to be waited instead of the schedule's next delay; `None` means use the schedule.
    Retry {
        /// The receiver's requested wait.
        after: Option<Duration>,
    },
    /// Give up on this delivery.
    Stop(StopReason),
}

/// Classifies an attempt's outcome. `now` is the current Unix time in seconds, to turn an
/// HTTP-date `Retry-After` into a wait; `retry_after_cap` bounds any `Retry-After` wait
/// ([`DEFAULT_RETRY_AFTER_CAP`] is a sensible value).
///
/// | outcome | verdict |
/// |---|---|
/// | `2xx` | [`Verdict::Delivered`] |
/// | network error, timeout, `408`, `429`, `5xx` | [`Verdict::Retry`], with `Retry-After` when given |
/// | a status outside 200–599 (no final HTTP status) | [`Verdict::Retry`], like a network error |
/// | `3xx` | stop: [`StopReason::Redirect`] (Svix instead retries it like any failure) |
/// | `410` | stop: [`StopReason::Gone`] |
/// | other `4xx` | stop: [`StopReason::ClientError`] |
/// | refused resolved address | stop: [`StopReason::AddressRefused`] |
///
/// `Retry-After` is read in both forms of RFC 9110 §10.2.3: delta-seconds (`120`) and an
/// HTTP-date (all three forms); a date in the past means retry now, and an unreadable value is
/// ignored (the schedule decides).
///
/// ```
/// use core::time::Duration;
/// use hookseal::delivery::{classify, Attempt, StopReason, Verdict, DEFAULT_RETRY_AFTER_CAP};
/// let now = 784_111_777; // Sun, 06 Nov 1994 08:49:37 GMT
/// let busy = Attempt::Response { status: 429, retry_after: Some("Sun, 06 Nov 1994 08:51:37 GMT") };
/// assert_eq!(classify(&busy, now, DEFAULT_RETRY_AFTER_CAP), Verdict::Retry { after: Some(Duration::from_secs(120)) });
/// let gone = Attempt::Response { status: 410, retry_after: None };
/// assert_eq!(classify(&gone, now, DEFAULT_RETRY_AFTER_CAP), Verdict::Stop(StopReason::Gone));
/// ```
pub fn classify(attempt: &Attempt<'_>, now: i64, retry_after_cap: Duration) -> Verdict {
    match *attempt {
        Attempt::Network(_) | Attempt::Timeout => Verdict::Retry { after: None },
        Attempt::AddressRefused => Verdict::Stop(StopReason::AddressRefused),
        Attempt::Response { status, retry_after } => match status {
            200..=299 => Verdict::Delivered,
            300..=399 => Verdict::Stop(StopReason::Redirect),
            408 | 429 | 500..=599 => {
                Verdict::Retry { after: retry_after.and_then(|v| retry_after_delay(v, now, retry_after_cap)) }
            }
            410 => Verdict::Stop(StopReason::Gone),
            400..=499 => Verdict::Stop(StopReason::ClientError),
            _ => Verdict::Retry { after: None },
        },
    }
}

/// The wait a `Retry-After` value asks for, capped; `None` if it is neither form.
///
/// ```
/// use core::time::Duration;
/// use hookseal::delivery::retry_after_delay;
/// let cap = Duration::from_secs(600);
/// assert_eq!(retry_after_delay("30", 0, cap), Some(Duration::from_secs(30)));
/// assert_eq!(retry_after_delay("99999999999999999999", 0, cap), Some(cap));
/// assert_eq!(retry_after_delay("soon", 0, cap), None);
/// ```
pub fn retry_after_delay(value: &str, now: i64, cap: Duration) -> Option<Duration> {
    let value = value.trim_matches(|c| c == ' ' || c == '\t');
    let wait = if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits for a u64 is still a number of seconds, just beyond any cap.
        Duration::from_secs(value.parse::<u64>().unwrap_or(u64::MAX))
    } else {
        let at = http_date::parse(value, now)?;
        Duration::from_secs(u64::try_from(at.saturating_sub(now)).unwrap_or(0))
    };
    Some(wait.min(cap))
}
