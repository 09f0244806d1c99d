//! The policy's formats, plugged into the schema engine: `webhook-url` is [`check_webhook_url`]
//! with default options (https, public host), `webhook-header-name` and `webhook-header-value`
//! the custom-header rules.
//!
//! [`check_webhook_url`]: super::check_webhook_url_with

use super::{custom_headers, url};
use crate::jsonschema::{FormatPlugin, Mismatch};

/// The names, in the order of their numbers.
const NAMES: [&str; 3] = ["webhook-url", "webhook-header-name", "webhook-header-value"];

/// The formats, checking `webhook-url` with `url_parser`.
pub(crate) struct WebhookFormats {
    pub url_parser: url::UrlParser,
}

impl FormatPlugin for WebhookFormats {
    fn find(&self, name: &str) -> Option<(u8, &'static str)> {
        let id = NAMES.iter().position(|n| *n == name)?;
        Some((u8::try_from(id).ok()?, NAMES.get(id)?))
    }

    fn check(&self, id: u8, s: &str) -> Result<(), Mismatch> {
        match id {
            0 => url::check_webhook_url_with(self.url_parser, s, Default::default())
                .map_err(|r| Mismatch { code: r.code(), message: r.message() }),
            1 => custom_headers::check_name(s).map_err(|r| Mismatch { code: r.code(), message: r.message() }),
            _ => custom_headers::check_value(s).map_err(|r| Mismatch { code: r.code(), message: r.message() }),
        }
    }
}
