//! Webhook policy: which endpoint URLs and custom headers a webhook config may hold, the built-in
//! provider schemas and the error responses in each provider's style.

pub(crate) mod builtin;
pub(crate) mod custom_headers;
mod output;
pub(crate) mod response;
pub(crate) mod url;

pub use builtin::{Builtin, BuiltinOptions};
pub use custom_headers::{
    check_name as check_header_name, check_value as check_header_value, HeaderRefusal, RESERVED_HEADERS,
};
pub use response::{ErrorStyle, Response};
#[cfg(feature = "url")]
pub use url::{check_webhook_url, whatwg_url};
pub use url::{
    check_webhook_url_with, check_webhook_url_with_limits, UrlLimits, UrlOptions, UrlParser, UrlRefusal, WebUrl,
    DEFAULT_MAX_URL_LEN, DEFAULT_URL_PARSER,
};
