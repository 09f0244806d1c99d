//! Webhook policy: which endpoint URLs and custom headers a webhook config may hold and, with the
//! schema engine, the formats that check them in a schema, the built-in provider schemas and the
//! error responses in each provider's style.
//!
//! The URL and header rules need no engine (`check_webhook_url` builds with the `url` feature
//! alone); the engine, in turn, knows nothing of them: they are plugged in here.

#[cfg(feature = "schema")]
mod builtin;
#[cfg(feature = "schema")]
mod builtin_text;
pub(crate) mod custom_headers;
#[cfg(feature = "schema")]
mod formats;
pub(crate) mod ip;
#[cfg(feature = "schema")]
mod messages;
#[cfg(feature = "schema")]
mod output;
#[cfg(feature = "schema")]
pub(crate) mod response;
#[cfg(feature = "schema")]
mod schema;
pub(crate) mod url;

#[cfg(feature = "schema")]
pub use builtin::{Builtin, BuiltinOptions};
pub use custom_headers::{
    check_name as check_header_name, check_value as check_header_value, HeaderRefusal, RESERVED_HEADERS,
};
#[cfg(feature = "schema")]
pub use response::{ErrorStyle, Response};
#[cfg(feature = "schema")]
pub use schema::{Schema, Validation};
#[cfg(feature = "url")]
pub use url::{check_webhook_url, whatwg_url};
pub use url::{
    check_webhook_url_with, check_webhook_url_with_limits, UrlLimits, UrlOptions, UrlParser, UrlRefusal, WebUrl,
    DEFAULT_MAX_URL_LEN, DEFAULT_URL_PARSER,
};
