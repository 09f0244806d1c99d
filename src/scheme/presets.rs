//! The preset schemes, as one table of data: a preset is a row, not code.
//!
//! | scheme | signature header | signed content | encoding | key |
//! |---|---|---|---|---|
//! | `standard` | `webhook-signature: v1,<sig> …` | `{id}.{timestamp}.{body}` | base64 | `whsec_` base64 |
//! | `stripe` | `stripe-signature: t=<ts>,v1=<sig>` | `{timestamp}.{body}` | hex | UTF-8 |
//! | `github` | `x-hub-signature-256: sha256=<sig>` | `{body}` | hex | UTF-8 |
//! | `slack` | `x-slack-signature: v0=<sig>` | `v0:{timestamp}:{body}` | hex | UTF-8 |
//! | `shopify` | `x-shopify-hmac-sha256` | `{body}` | base64 | UTF-8 |
//! | `square` | `x-square-hmacsha256-signature` | `{url}{body}` | base64 | UTF-8 |
//! | `zoom` | `x-zm-signature: v0=<sig>` | `v0:{timestamp}:{body}` | hex | UTF-8 |
//!
//! - **Standard Webhooks** (and Svix, which it grew out of): the `svix-*` names are accepted too;
//!   signatures are separated by spaces, so a sender rotating keys can sign with both. The key is
//!   the base64 after `whsec_`. Spec: <https://github.com/standard-webhooks/standard-webhooks>. The
//!   asymmetric `v1a,<sig>` (Ed25519 over the same content, keys `whsk_`/`whpk_`) is this preset's
//!   too, with the `ed25519` feature: see [`crate::ed25519`]. Custom schemes are HMAC only.
//! - **Stripe**: the key is the UTF-8 of the whole secret, `whsec_` included (Stripe does not
//!   decode it). Only `v1` is HMAC-SHA256; `v0` is a test scheme and is skipped. Several `v1`
//!   entries allow secret rotation.
//! - **GitHub** signs no timestamp, so replays cannot be refused by age: record
//!   `x-github-delivery` ids. **Shopify** signs no timestamp either.
//! - **Slack**'s body is usually form-encoded.
//! - **Square** signs the notification URL before the body, so the verifier must know the exact
//!   URL the subscription was registered with (`notification_url`).

use alloc::borrow::Cow;

use super::Encoding::{self, Base64, Hex};
use super::{HeaderName, KeyEncoding, Scheme, Syntax, Template};
use Layout::Prefixed;

/// One preset.
struct Preset {
    name: &'static str,
    /// The signature header, then the names it is also accepted under.
    signature: &'static [&'static str],
    /// The timestamp header and its other names (none: no timestamp header).
    timestamp: &'static [&'static str],
    /// The message-id header and its other names (none: no message id).
    id: &'static [&'static str],
    syntax: Layout,
    encoding: Encoding,
    key: KeyEncoding,
    template: &'static str,
    /// Whether signing with several secrets writes one signature per secret.
    multiple_signatures: bool,
}

/// A [`Syntax`] as a constant (its `Cow` would keep the table from being one).
#[derive(Clone, Copy)]
enum Layout {
    Prefixed(&'static str),
    Standard,
    Stripe,
}

/// The common shape: one signature header, UTF-8 key, one signature per delivery, no message id.
const fn hmac(
    name: &'static str,
    signature: &'static [&'static str],
    timestamp: &'static [&'static str],
    syntax: Layout,
    encoding: Encoding,
    template: &'static str,
) -> Preset {
    Preset {
        name,
        signature,
        timestamp,
        id: &[],
        syntax,
        encoding,
        key: KeyEncoding::Utf8,
        template,
        multiple_signatures: false,
    }
}

/// Slack's signed content, which Zoom took over.
const V0: &str = "v0:{timestamp}:{body}";

/// Every preset, in the order the README lists them.
const TABLE: [Preset; 7] = [
    Preset {
        name: "standard",
        signature: &["webhook-signature", "svix-signature"],
        timestamp: &["webhook-timestamp", "svix-timestamp"],
        id: &["webhook-id", "svix-id"],
        syntax: Layout::Standard,
        encoding: Base64,
        key: KeyEncoding::Whsec,
        template: "{id}.{timestamp}.{body}",
        multiple_signatures: true,
    },
    Preset {
        name: "stripe",
        signature: &["stripe-signature"],
        timestamp: &[],
        id: &[],
        syntax: Layout::Stripe,
        encoding: Hex,
        key: KeyEncoding::Utf8,
        template: "{timestamp}.{body}",
        multiple_signatures: true,
    },
    // name, signature header, timestamp header, layout, encoding, signed content
    hmac("github", &["x-hub-signature-256"], &[], Prefixed("sha256="), Hex, "{body}"),
    hmac("slack", &["x-slack-signature"], &["x-slack-request-timestamp"], Prefixed("v0="), Hex, V0),
    hmac("shopify", &["x-shopify-hmac-sha256"], &[], Prefixed(""), Base64, "{body}"),
    hmac("square", &["x-square-hmacsha256-signature"], &[], Prefixed(""), Base64, "{url}{body}"),
    hmac("zoom", &["x-zm-signature"], &["x-zm-request-timestamp"], Prefixed("v0="), Hex, V0),
];

/// Names of the preset schemes, in the order the README lists them (the table's).
// Evaluated when compiling: an index out of bounds fails the build, it cannot panic at run time.
#[allow(clippy::indexing_slicing)]
pub const PRESETS: [&str; TABLE.len()] = {
    let mut names = [""; TABLE.len()];
    let mut i = 0;
    while i < TABLE.len() {
        names[i] = TABLE[i].name;
        i += 1;
    }
    names
};

/// Other names a preset is known by.
const ALIASES: [(&str, &str); 1] = [("svix", "standard")];

/// The preset called `name` (or one of its [`ALIASES`]).
pub(super) fn preset(name: &str) -> Option<Scheme> {
    let name = ALIASES.iter().find(|(alias, _)| *alias == name).map_or(name, |(_, preset)| *preset);
    TABLE.iter().find(|p| p.name == name).map(Preset::scheme)
}

impl Preset {
    fn scheme(&self) -> Scheme {
        Scheme {
            name: Cow::Borrowed(self.name),
            signature_header: header(self.signature).unwrap_or_else(|| HeaderName::new(self.name)),
            timestamp_header: header(self.timestamp),
            id_header: header(self.id),
            syntax: match self.syntax {
                Layout::Prefixed(prefix) => Syntax::Prefixed(Cow::Borrowed(prefix)),
                Layout::Standard => Syntax::Standard,
                Layout::Stripe => Syntax::Stripe,
            },
            encoding: self.encoding,
            key_encoding: self.key,
            // A preset template failing to parse is a bug caught by the consistency test below;
            // falling back to `{body}` keeps even that case panic-free.
            template: Template::parse(self.template).unwrap_or_else(|_| Template::body_only()),
            multiple_signatures: self.multiple_signatures,
        }
    }
}

/// A header from its names, primary first (`None` for no names).
fn header(names: &'static [&'static str]) -> Option<HeaderName> {
    let (primary, aliases) = names.split_first()?;
    Some(aliases.iter().fold(HeaderName::new(*primary), |h, alias| h.or(*alias)))
}

/// `hookseal::scheme::<name>::scheme()`: each preset under its own path, as before the table.
macro_rules! preset_paths {
    ($($index:literal $module:ident),*) => {$(
        #[doc = concat!("The `", stringify!($module), "` preset.")]
        pub mod $module {
            /// The preset's [`Scheme`](crate::Scheme).
            pub fn scheme() -> crate::Scheme {
                super::TABLE[$index].scheme()
            }
        }
    )*};
}

preset_paths!(0 standard, 1 stripe, 2 github, 3 slack, 4 shopify, 5 square, 6 zoom);

#[cfg(test)]
mod tests {
    use super::super::Part;
    use super::*;

    #[test]
    fn every_preset_is_consistent() {
        for (name, row) in PRESETS.iter().zip(&TABLE) {
            let s = preset(name).unwrap();
            assert_eq!(s.name, *name);
            assert!(Template::parse(row.template).is_ok(), "{name}");
            assert!(s.template.uses(&Part::Body));
            assert_eq!(s.has_timestamp(), s.template.uses(&Part::Timestamp), "{name}");
            assert_eq!(s.id_header.is_some(), s.signs_id(), "{name}");
            assert!(s.signature_header.names().all(|n| n == n.to_ascii_lowercase()));
        }
        assert_eq!(preset("svix").unwrap().name, "standard");
        assert!(preset("Stripe").is_none());
        assert_eq!(github::scheme(), preset("github").unwrap());
        assert_eq!(standard::scheme(), preset("standard").unwrap());
    }
}
