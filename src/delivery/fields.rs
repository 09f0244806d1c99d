//! Where a configuration keeps what delivery needs ([`Fields`]), the mapping of each built-in
//! schema, and the reading of a validated configuration through a mapping.
//!
//! Members are top-level member names, since every seed API keeps its config flat. A member that
//! is absent or `null` takes its default: every event, no custom headers, enabled, no
//! authentication, [`DEFAULT_TIMEOUT`], [`DEFAULT_MAX_RETRIES`]. Schema `default`s are filled in
//! before reading (Talkover's `timeout: 30`, `max_retries: 3`), so those win over these.

use alloc::string::String;
use alloc::vec::Vec;
use core::time::Duration;

use super::error::DeliveryError;
use super::retry::MAX_RETRIES;
use crate::json::Value;
use crate::schema::Builtin;

/// Timeout of one attempt when the configuration has none: 15 seconds, the time Svix gives an
/// endpoint to answer.
///
/// ```
/// assert_eq!(hookseal::delivery::DEFAULT_TIMEOUT.as_secs(), 15);
/// ```
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

/// Retries after the first attempt when the configuration has none: 7, the retries of Svix's
/// published schedule ([`super::SVIX_RETRY_DELAYS`]), so that preset runs in full.
///
/// ```
/// use hookseal::delivery::{DEFAULT_MAX_RETRIES, SVIX_RETRY_DELAYS};
/// assert_eq!(DEFAULT_MAX_RETRIES as usize, SVIX_RETRY_DELAYS.len());
/// ```
pub const DEFAULT_MAX_RETRIES: u32 = 7;

/// Longest timeout a configuration may ask for, in seconds (a day).
///
/// ```
/// assert_eq!(hookseal::delivery::MAX_TIMEOUT_SECONDS, 24 * 3600);
/// ```
pub const MAX_TIMEOUT_SECONDS: u64 = 86_400;

/// Which member switches an endpoint on or off, and which way round.
///
/// ```
/// use hookseal::delivery::EnabledFlag;
/// let flag = EnabledFlag::Disabled("disabled".into()); // standard-webhooks-endpoint
/// assert_eq!(flag.member(), "disabled");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnabledFlag {
    /// `true` means the endpoint receives events (JuriChat's `isActive`, Talkover's `enabled`).
    Enabled(String),
    /// `true` means the endpoint receives nothing (`standard-webhooks-endpoint`'s `disabled`).
    Disabled(String),
}

impl EnabledFlag {
    /// The member's name.
    ///
    /// ```
    /// assert_eq!(hookseal::delivery::EnabledFlag::Enabled("isActive".into()).member(), "isActive");
    /// ```
    pub fn member(&self) -> &str {
        match self {
            EnabledFlag::Enabled(m) | EnabledFlag::Disabled(m) => m,
        }
    }
}

/// Jelou-style authentication of the delivery request: a member naming the kind and a member
/// holding the credentials.
///
/// The kinds are Jelou's: `bearer` → `authorization: Bearer <credentials>`, `basic` →
/// `authorization: Basic <credentials>` (the credentials as given, already base64 of
/// `user:password`; hookseal does not encode them), `api_key` → `x-api-key: <credentials>`,
/// `no_auth` → no header. The Jelou seed does not name the `api_key` header for webhook calls;
/// `x-api-key` is the header its own API uses for API keys, and hookseal's choice.
///
/// ```
/// use hookseal::delivery::AuthFields;
/// let jelou = AuthFields { kind: "authType".into(), credentials: "authorization".into() };
/// assert_eq!(jelou.kind, "authType");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthFields {
    /// The member holding `bearer`, `basic`, `api_key` or `no_auth` (absent: `no_auth`).
    pub kind: String,
    /// The member holding the credentials, required unless the kind is `no_auth`.
    pub credentials: String,
}

/// Where a configuration keeps the values delivery reads. Every member but `url` is optional:
/// `None` means the schema has no such member and its default applies.
///
/// ```
/// use hookseal::delivery::{EnabledFlag, Fields};
/// let fields = Fields {
///     events: Some("topics".into()),
///     enabled: Some(EnabledFlag::Enabled("active".into())),
///     ..Fields::new("target")
/// };
/// assert_eq!(fields.url, "target");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fields {
    /// The endpoint URL (a string).
    pub url: String,
    /// The subscribed event names (an array of strings). Absent or `null`: every event. An empty
    /// list subscribes to none.
    pub events: Option<String>,
    /// Custom headers (an object of strings).
    pub headers: Option<String>,
    /// The on/off switch (a boolean).
    pub enabled: Option<EnabledFlag>,
    /// The timeout of one attempt, in whole seconds (1 to [`MAX_TIMEOUT_SECONDS`]).
    pub timeout_seconds: Option<String>,
    /// Retries after the first attempt (0 to [`MAX_RETRIES`]).
    pub max_retries: Option<String>,
    /// Authentication of the request.
    pub auth: Option<AuthFields>,
}

impl Fields {
    /// A mapping with only the URL member.
    ///
    /// ```
    /// let fields = hookseal::delivery::Fields::new("url");
    /// assert!(fields.events.is_none());
    /// ```
    pub fn new(url: impl Into<String>) -> Fields {
        Fields {
            url: url.into(),
            events: None,
            headers: None,
            enabled: None,
            timeout_seconds: None,
            max_retries: None,
            auth: None,
        }
    }

    /// The mapping of a built-in schema.
    ///
    /// | built-in | url | events | headers | switch | timeout, retries | auth |
    /// |---|---|---|---|---|---|---|
    /// | `jurichat` | `url` | `events` | `headers` | `isActive` | — | — |
    /// | `jelou` | `webhookUrl` | — (every event) | — | — | — | `authType` + `authorization` |
    /// | `talkover` | `webhook_url` | `events` | — | `enabled` | `timeout`, `max_retries` | — |
    /// | `standard-webhooks-endpoint` | `url` | `filterTypes` | `headers` | `disabled` (inverted) | — | — |
    ///
    /// ```
    /// use hookseal::delivery::Fields;
    /// use hookseal::schema::Builtin;
    /// assert_eq!(Fields::builtin(Builtin::Talkover).url, "webhook_url");
    /// ```
    pub fn builtin(builtin: Builtin) -> Fields {
        let some = |s: &str| Some(String::from(s));
        match builtin {
            Builtin::JuriChat => Fields {
                events: some("events"),
                headers: some("headers"),
                enabled: Some(EnabledFlag::Enabled("isActive".into())),
                ..Fields::new("url")
            },
            Builtin::Jelou => Fields {
                auth: Some(AuthFields { kind: "authType".into(), credentials: "authorization".into() }),
                ..Fields::new("webhookUrl")
            },
            Builtin::Talkover => Fields {
                events: some("events"),
                enabled: Some(EnabledFlag::Enabled("enabled".into())),
                timeout_seconds: some("timeout"),
                max_retries: some("max_retries"),
                ..Fields::new("webhook_url")
            },
            Builtin::StandardWebhooksEndpoint => Fields {
                events: some("filterTypes"),
                headers: some("headers"),
                enabled: Some(EnabledFlag::Disabled("disabled".into())),
                ..Fields::new("url")
            },
        }
    }
}

/// What delivery reads from one validated configuration.
pub(crate) struct Endpoint<'v> {
    pub url: &'v str,
    /// `None`: every event.
    pub events: Option<Vec<&'v str>>,
    /// Custom headers, names as written.
    pub headers: Vec<(&'v str, &'v str)>,
    pub enabled: bool,
    pub timeout: Duration,
    pub max_retries: u32,
    /// The authentication header's lower-case name and value.
    pub auth: Option<(&'static str, String)>,
}

/// Reads `config` (already validated, defaults filled) through `fields`.
pub(crate) fn read<'v>(fields: &Fields, config: &'v Value) -> Result<Endpoint<'v>, DeliveryError> {
    let url = member(config, &fields.url)
        .and_then(Value::as_str)
        .ok_or_else(|| invalid(&fields.url, "a string (the endpoint URL)"))?;
    let events = match optional(config, fields.events.as_deref()) {
        None => None,
        Some((name, v)) => {
            let list = v.as_array().ok_or_else(|| invalid(name, "an array of event names"))?;
            let names = list.iter().map(Value::as_str).collect::<Option<Vec<_>>>();
            Some(names.ok_or_else(|| invalid(name, "an array of event names"))?)
        }
    };
    let mut headers = Vec::new();
    if let Some((name, v)) = optional(config, fields.headers.as_deref()) {
        let map = v.as_object().ok_or_else(|| invalid(name, "an object of header values"))?;
        for (header, value) in map.iter() {
            let value = value.as_str().ok_or_else(|| invalid(name, "an object whose values are strings"))?;
            headers.push((header.as_str(), value));
        }
    }
    let enabled = match &fields.enabled {
        None => true,
        Some(flag) => match optional(config, Some(flag.member())) {
            None => true,
            Some((name, v)) => {
                let on = v.as_bool().ok_or_else(|| invalid(name, "a boolean"))?;
                matches!(flag, EnabledFlag::Enabled(_)) == on
            }
        },
    };
    let timeout = match optional(config, fields.timeout_seconds.as_deref()) {
        None => DEFAULT_TIMEOUT,
        Some((name, v)) => Duration::from_secs(
            whole(v, 1, MAX_TIMEOUT_SECONDS).ok_or_else(|| invalid(name, "a whole number of seconds, 1 to 86400"))?,
        ),
    };
    let max_retries = match optional(config, fields.max_retries.as_deref()) {
        None => DEFAULT_MAX_RETRIES,
        Some((name, v)) => whole(v, 0, u64::from(MAX_RETRIES))
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| invalid(name, "a whole number of retries, 0 to 100"))?,
    };
    let auth = match &fields.auth {
        None => None,
        Some(auth) => read_auth(auth, config)?,
    };
    Ok(Endpoint { url, events, headers, enabled, timeout, max_retries, auth })
}

fn read_auth(fields: &AuthFields, config: &Value) -> Result<Option<(&'static str, String)>, DeliveryError> {
    let kind = match optional(config, Some(&fields.kind)) {
        None => "no_auth",
        Some((name, v)) => v.as_str().ok_or_else(|| invalid(name, "one of bearer, basic, api_key, no_auth"))?,
    };
    let (header, scheme) = match kind {
        "no_auth" => return Ok(None),
        "bearer" => ("authorization", "Bearer "),
        "basic" => ("authorization", "Basic "),
        "api_key" => ("x-api-key", ""),
        _ => return Err(invalid(&fields.kind, "one of bearer, basic, api_key, no_auth")),
    };
    let credentials = optional(config, Some(&fields.credentials))
        .and_then(|(_, v)| v.as_str())
        .filter(|c| !c.is_empty())
        .ok_or_else(|| invalid(&fields.credentials, "a non-empty string when authentication is on"))?;
    let mut value = String::with_capacity(scheme.len() + credentials.len());
    value.push_str(scheme);
    value.push_str(credentials);
    Ok(Some((header, value)))
}

fn member<'v>(config: &'v Value, name: &str) -> Option<&'v Value> {
    config.get(name)
}

/// The member `name` if the mapping has one and the config holds a non-`null` value there.
fn optional<'v, 'n>(config: &'v Value, name: Option<&'n str>) -> Option<(&'n str, &'v Value)> {
    let name = name?;
    member(config, name).filter(|v| **v != Value::Null).map(|v| (name, v))
}

/// `v` as a whole number in `min..=max`.
fn whole(v: &Value, min: u64, max: u64) -> Option<u64> {
    let n = v.as_f64().filter(|_| v.is_integer())?;
    // Both bounds are far below 2^53, so the comparison is exact and the cast cannot truncate.
    #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let in_range = (n >= min as f64 && n <= max as f64).then_some(n as u64);
    in_range
}

fn invalid(field: &str, expected: &'static str) -> DeliveryError {
    DeliveryError::InvalidField { field: field.into(), expected }
}
