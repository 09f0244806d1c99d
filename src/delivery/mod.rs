//! The sending side: from an endpoint's webhook configuration to signed HTTP requests, retry
//! schedules and the decision after each attempt.
//!
//! A webhook platform stores one configuration per endpoint (the body of a "create webhook" call
//! such as JuriChat's, Jelou's or Talkover's) and, for each event, must decide whether that
//! endpoint gets it, build the request, sign it, send it, and retry sensibly. Everything here is
//! that logic as pure functions over data: no clock, no randomness, no I/O of its own (the time,
//! random bytes and the outcome of each attempt are arguments), so it runs the same in a server,
//! a queue worker or a browser, and every decision is testable.
//!
//! A sender's loop:
//!
//! 1. [`Planner::plan`] validates the configuration with its schema, checks the URL with the
//!    safe-URL policy and the custom headers with the header rules, then gives a signed
//!    [`Request`] or a [`NotDelivered`] reason (`endpoint_disabled`, `event_not_subscribed`).
//! 2. Before connecting, [`check_resolved_address`] judges the address the host resolved to
//!    (the URL policy cannot see through names).
//! 3. After each attempt, [`classify`] says delivered, retry (with the receiver's `Retry-After`)
//!    or stop; [`Request::retry_delays`] gives the waits, bounded by the configuration's retries.
//!
//! The seeds leave much unsaid; the choices made here, and why, are documented where they are
//! made: the field mapping of each built-in ([`Fields::builtin`]), the defaults
//! ([`DEFAULT_TIMEOUT`], [`DEFAULT_MAX_RETRIES`], [`Backoff::default`],
//! [`DEFAULT_RETRY_AFTER_CAP`]), Jelou's authentication headers ([`AuthFields`]) and the
//! treatment of redirects ([`classify`]).
//!
//! ```
//! use hookseal::delivery::{
//!     check_resolved_address, classify, Attempt, Message, Planned, Planner, RetrySchedule, Verdict,
//!     DEFAULT_RETRY_AFTER_CAP,
//! };
//! use hookseal::json::{parse, ParseOptions};
//! use hookseal::schema::{Builtin, BuiltinOptions, UrlOptions};
//! use hookseal::{Config, Scheme, Secret};
//!
//! let planner = Planner::builtin(Builtin::Talkover, &BuiltinOptions::default(), UrlOptions::default())?;
//! let config = parse(br#"{"name": "My Webhook", "webhook_url": "https://example.com/webhook",
//!     "events": ["event_phone_call_ended"], "timeout": 10, "max_retries": 2}"#, &ParseOptions::default())?;
//! let secrets = [Secret::Text("optional_secret_for_hmac")];
//! let signing = Config::new(Scheme::preset("github").unwrap(), &secrets);
//! let message = Message::new("event_phone_call_ended", br#"{"call":"c1"}"#, 1_700_000_000);
//! let Planned::Deliver(request) = planner.plan(&config, &signing, &message, |_| Ok(()))? else { unreachable!() };
//!
//! check_resolved_address("93.184.215.14", false)?;          // what example.com resolved to
//! let verdict = classify(&Attempt::Response { status: 503, retry_after: None }, 1_700_000_001, DEFAULT_RETRY_AFTER_CAP);
//! assert_eq!(verdict, Verdict::Retry { after: None });
//! let mut seed = 1u32;
//! let delays = request.retry_delays(&RetrySchedule::default(), || { seed = seed.wrapping_mul(747_796_405).wrapping_add(1); seed });
//! assert_eq!(delays.len(), 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod address;
mod error;
mod fields;
mod http_date;
mod outcome;
mod plan;
mod retry;
#[cfg(test)]
mod tests;

pub use address::{check_resolved_address, AddressRefusal};
pub use error::{DeliveryError, NotDelivered};
pub use fields::{AuthFields, EnabledFlag, Fields, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, MAX_TIMEOUT_SECONDS};
pub use outcome::{classify, retry_after_delay, Attempt, NetworkError, StopReason, Verdict, DEFAULT_RETRY_AFTER_CAP};
pub use plan::{Message, Planned, Planner, Request, CONTENT_TYPE, METHOD};
pub use retry::{Backoff, RetrySchedule, MAX_RETRIES, SVIX_RETRY_DELAYS};
