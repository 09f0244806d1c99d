//! Why a delivery cannot be planned ([`DeliveryError`]) and why a message is, correctly, not sent
//! to an endpoint ([`NotDelivered`]).
//!
//! The two are kept apart on purpose: an error means the endpoint's configuration (or the signing
//! material) cannot produce a delivery for *any* message and someone must fix it; a reason means
//! the configuration is fine and says that *this* message is not for this endpoint. Both carry a
//! stable snake_case `code`; messages never contain header values, URLs, credentials or secrets.

use alloc::boxed::Box;
use alloc::string::String;
use core::fmt;

use crate::error::Error;
use crate::schema::{HeaderRefusal, UrlRefusal, Validation};

/// Why a message is not delivered to an endpoint whose configuration is valid.
///
/// ```
/// use hookseal::delivery::NotDelivered;
/// assert_eq!(NotDelivered::EventNotSubscribed.code(), "event_not_subscribed");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NotDelivered {
    /// The endpoint is switched off (`isActive: false`, `enabled: false`, `disabled: true`).
    EndpointDisabled,
    /// The endpoint lists the events it wants and this event is not among them.
    EventNotSubscribed,
}

impl NotDelivered {
    /// The stable snake_case code.
    ///
    /// ```
    /// assert_eq!(hookseal::delivery::NotDelivered::EndpointDisabled.code(), "endpoint_disabled");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            NotDelivered::EndpointDisabled => "endpoint_disabled",
            NotDelivered::EventNotSubscribed => "event_not_subscribed",
        }
    }

    /// A sentence for people.
    ///
    /// ```
    /// assert!(hookseal::delivery::NotDelivered::EndpointDisabled.message().contains("disabled"));
    /// ```
    pub const fn message(self) -> &'static str {
        match self {
            NotDelivered::EndpointDisabled => "the endpoint is disabled",
            NotDelivered::EventNotSubscribed => "the endpoint does not subscribe to this event",
        }
    }
}

impl fmt::Display for NotDelivered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message(), self.code())
    }
}

/// Why no delivery can be planned for an endpoint configuration.
///
/// [`DeliveryError::code`] is stable. `Debug` and `Display` print the code and message only: the
/// configuration behind [`DeliveryError::InvalidConfig`] may hold credentials.
///
/// ```
/// use hookseal::delivery::DeliveryError;
/// use hookseal::schema::UrlRefusal;
/// let err = DeliveryError::Url(UrlRefusal::Loopback);
/// assert_eq!(err.code(), "loopback_address");
/// assert_eq!(err.to_string(), "the URL host is a loopback address (loopback_address)");
/// ```
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub enum DeliveryError {
    /// The configuration does not satisfy its schema; the full [`Validation`] (errors, the
    /// provider-style response) is kept.
    InvalidConfig(Box<Validation>),
    /// The configuration satisfies its schema, but a member the field mapping points at is not
    /// what delivery needs (a custom schema allowing a number as the URL, an unknown auth type…).
    InvalidField {
        /// The member's name.
        field: String,
        /// What it must be.
        expected: &'static str,
    },
    /// The endpoint URL is refused by the safe-URL policy.
    Url(UrlRefusal),
    /// A custom header is refused by the header rules (reserved, invalid name or value).
    Header {
        /// The header's name as the configuration writes it.
        name: String,
        /// Why.
        refusal: HeaderRefusal,
    },
    /// Two headers of the request would have the same name, compared case-insensitively: two
    /// custom headers, or a custom header and one the delivery writes itself (the scheme's
    /// signature, timestamp and id headers, the authentication header, `content-type`).
    DuplicateHeader {
        /// The header's name as the configuration writes it.
        name: String,
    },
    /// The signing material is unusable or the message cannot be signed (an invalid secret, a
    /// malformed id, a negative timestamp): the crate's [`Error`], whose code is kept.
    Signing(Error),
}

impl DeliveryError {
    /// The stable snake_case code: `invalid_config`, `invalid_field`, `duplicate_header`, the
    /// [`UrlRefusal::code`] or [`HeaderRefusal::code`] of the refusal, or the signing error's
    /// [`crate::Code::as_str`].
    ///
    /// ```
    /// let err = hookseal::delivery::DeliveryError::DuplicateHeader { name: "X-Tenant".into() };
    /// assert_eq!(err.code(), "duplicate_header");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            DeliveryError::InvalidConfig(_) => "invalid_config",
            DeliveryError::InvalidField { .. } => "invalid_field",
            DeliveryError::Url(r) => r.code(),
            DeliveryError::Header { refusal, .. } => refusal.code(),
            DeliveryError::DuplicateHeader { .. } => "duplicate_header",
            DeliveryError::Signing(e) => e.code().as_str(),
        }
    }

    /// The schema validation, for [`DeliveryError::InvalidConfig`].
    ///
    /// ```
    /// let err = hookseal::delivery::DeliveryError::DuplicateHeader { name: "a".into() };
    /// assert!(err.validation().is_none());
    /// ```
    pub fn validation(&self) -> Option<&Validation> {
        match self {
            DeliveryError::InvalidConfig(v) => Some(v),
            _ => None,
        }
    }
}

impl fmt::Display for DeliveryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeliveryError::InvalidConfig(v) => {
                f.write_str("the endpoint configuration does not satisfy its schema")?;
                // Paths and ajv-style messages name members and rules, never the values.
                if let Some(first) = v.errors.first() {
                    let at = if first.path.is_empty() { "the root" } else { first.path.as_str() };
                    write!(f, ": at {at}, {}", first.message)?;
                    if v.errors.len() > 1 {
                        write!(f, " (and {} more)", v.errors.len() - 1)?;
                    }
                }
            }
            DeliveryError::InvalidField { field, expected } => {
                write!(f, "configuration member `{field}` must be {expected}")?;
            }
            DeliveryError::Url(r) => f.write_str(r.message())?,
            DeliveryError::Header { name, refusal } => write!(f, "custom header `{name}`: {}", refusal.message())?,
            DeliveryError::DuplicateHeader { name } => write!(
                f,
                "header `{name}` is set twice (names compare case-insensitively; the signature, \
                 authentication and content-type headers are set by the delivery)"
            )?,
            DeliveryError::Signing(e) => f.write_str(e.message())?,
        }
        write!(f, " ({})", self.code())
    }
}

impl fmt::Debug for DeliveryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeliveryError").field("code", &self.code()).field("message", &alloc::format!("{self}")).finish()
    }
}

#[cfg(feature = "std")]
impl std::error::Error for DeliveryError {}

impl From<Error> for DeliveryError {
    fn from(e: Error) -> DeliveryError {
        DeliveryError::Signing(e)
    }
}
