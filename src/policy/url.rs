//! The safe-URL policy for webhook endpoints: `checkWebhookUrl` and the `webhook-url` format.
//!
//! The URL is parsed by the WHATWG URL Standard, so hookseal reads a URL the way browsers and
//! Node's `new URL()` do: `https://0x7f.1/` and
//! `https://2130706433/` are the IPv4 address 127.0.0.1, `https://LOCALHOST./` is the domain
//! `localhost.`, and `[::ffff:127.0.0.1]` is an IPv4-mapped IPv6 address. Checks then run on the
//! parsed host, never on the raw text, so alternate spellings cannot slip through.
//!
//! The parser is a [`UrlParser`]: with the `url` feature (on by default) it is the `url` crate
//! ([`whatwg_url`]); the WebAssembly build passes the JavaScript host's own `URL` instead, which
//! every runtime hookseal supports ships and which is, by definition, how that browser or server
//! reads the URL (and keeps a parser out of the wasm). The policy sees only what a parse
//! serializes ([`WebUrl`]), so both parsers are judged by the same code, and `tests/data/`'s URL
//! table runs through both.
//!
//! Refused (each with its own [`UrlRefusal`] code): URLs longer than [`UrlLimits::max_length`]
//! (2,048 by default), hosts longer than 253 characters or with a label longer than 63 (the DNS
//! limits of RFC 1035, which no resolvable name exceeds); unparsable URLs; schemes other than `https`
//! (or `http` with [`UrlOptions::allow_http`]); user names or passwords in the URL; `localhost`,
//! `*.localhost` and their trailing-dot forms; and IP literals that are loopback, private
//! (10/8, 172.16/12, 192.168/16, fc00::/7 unique-local, fec0::/10 site-local), link-local
//! (169.254/16, fe80::/10), shared CGNAT (100.64/10), unspecified (0/8, ::), multicast, broadcast,
//! documentation (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32) or otherwise reserved
//! (240/4, 192.0.0/24, 198.18/15, benchmarking and discard ranges). IPv6 addresses that embed an
//! IPv4 address (IPv4-mapped `::ffff:0:0/96`, IPv4-compatible `::/96`, NAT64 `64:ff9b::/96`,
//! 6to4 `2002::/16`) are judged by the embedded address.
//!
//! [`UrlOptions::allow_private`] lets loopback, private, link-local, unique-local, CGNAT and
//! `localhost` targets through (local development); unspecified, multicast, broadcast,
//! documentation and reserved addresses stay refused, since nothing can be delivered there.
//!
//! **This check cannot stop name-based SSRF.** A public-looking name such as
//! `internal.example.com` may resolve to 10.0.0.5 (or change what it resolves to between check and
//! use: DNS rebinding). The sender must check the resolved address again at delivery time, on the
//! connection it actually uses, and refuse redirects to refused addresses.

use alloc::string::String;
use core::net::{Ipv4Addr, Ipv6Addr};

/// What a webhook URL may be.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UrlOptions {
    /// Accept `http:` as well as `https:` (default false).
    pub allow_http: bool,
    /// Accept loopback, private, link-local, unique-local, CGNAT and `localhost` hosts (default
    /// false).
    pub allow_private: bool,
}

/// The URL length limit of [`UrlLimits::default`]: 2,048 bytes, the longest URL that every
/// browser, CDN and HTTP server accepts in practice; an endpoint is configuration, and a longer
/// one only serves to make every check and every log line that holds it costly.
pub const DEFAULT_MAX_URL_LEN: usize = 2048;

/// Size limits on a webhook URL, each refused with its own [`UrlRefusal`]. They apply before the
/// host is classified, and [`UrlOptions::allow_private`] does not lift them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UrlLimits {
    /// Longest URL, in bytes of the text as given (default [`DEFAULT_MAX_URL_LEN`]); checked before
    /// the URL is parsed, so the parser never sees a longer one (`url_too_long`).
    pub max_length: usize,
    /// Longest host name, in characters of its ASCII serialization without a trailing dot
    /// (default 253, RFC 1035's limit; `host_too_long`).
    pub max_host_length: usize,
    /// Longest label (the text between dots) of a host name (default 63, RFC 1035's limit;
    /// `label_too_long`).
    pub max_label_length: usize,
}

impl UrlLimits {
    /// The defaults: 2,048-byte URLs, 253-character hosts, 63-character labels.
    pub const fn new() -> UrlLimits {
        UrlLimits { max_length: DEFAULT_MAX_URL_LEN, max_host_length: 253, max_label_length: 63 }
    }
}

impl Default for UrlLimits {
    fn default() -> UrlLimits {
        UrlLimits::new()
    }
}

/// Why a URL was refused. [`UrlRefusal::code`] is stable; [`UrlRefusal::message`] is for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UrlRefusal {
    /// Not a URL per the WHATWG URL Standard.
    InvalidUrl,
    /// Longer than [`UrlLimits::max_length`].
    UrlTooLong,
    /// A host name longer than [`UrlLimits::max_host_length`].
    HostTooLong,
    /// A host name label longer than [`UrlLimits::max_label_length`].
    LabelTooLong,
    /// The host is written in Unicode; give it in punycode (`xn--…`) instead.
    UnicodeHost,
    /// `http:` without `allow_http`.
    InsecureScheme,
    /// A scheme other than `https:` or `http:`.
    UnsupportedScheme,
    /// A user name or password in the URL.
    Credentials,
    /// `localhost` or a name under `.localhost`.
    Localhost,
    /// 127/8 or ::1.
    Loopback,
    /// 10/8, 172.16/12, 192.168/16, fec0::/10.
    PrivateAddress,
    /// 169.254/16 or fe80::/10.
    LinkLocal,
    /// fc00::/7.
    UniqueLocal,
    /// 100.64/10 (carrier-grade NAT).
    SharedAddress,
    /// 0/8 or ::.
    Unspecified,
    /// 224/4 or ff00::/8.
    Multicast,
    /// 255.255.255.255.
    Broadcast,
    /// 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32.
    Documentation,
    /// Other special-purpose ranges (240/4, 192.0.0/24, 198.18/15, 100::/64, …).
    Reserved,
}

impl UrlRefusal {
    /// The stable snake_case code (the JS bindings' `code`).
    pub const fn code(self) -> &'static str {
        match self {
            UrlRefusal::InvalidUrl => "invalid_url",
            UrlRefusal::UrlTooLong => "url_too_long",
            UrlRefusal::HostTooLong => "host_too_long",
            UrlRefusal::LabelTooLong => "label_too_long",
            UrlRefusal::UnicodeHost => "unicode_host",
            UrlRefusal::InsecureScheme => "insecure_scheme",
            UrlRefusal::UnsupportedScheme => "unsupported_scheme",
            UrlRefusal::Credentials => "credentials_in_url",
            UrlRefusal::Localhost => "localhost",
            UrlRefusal::Loopback => "loopback_address",
            UrlRefusal::PrivateAddress => "private_address",
            UrlRefusal::LinkLocal => "link_local_address",
            UrlRefusal::UniqueLocal => "unique_local_address",
            UrlRefusal::SharedAddress => "shared_address",
            UrlRefusal::Unspecified => "unspecified_address",
            UrlRefusal::Multicast => "multicast_address",
            UrlRefusal::Broadcast => "broadcast_address",
            UrlRefusal::Documentation => "documentation_address",
            UrlRefusal::Reserved => "reserved_address",
        }
    }

    /// A sentence for people.
    pub const fn message(self) -> &'static str {
        match self {
            UrlRefusal::InvalidUrl => "not a valid URL",
            UrlRefusal::UrlTooLong => "the URL is too long",
            UrlRefusal::HostTooLong => "the URL host name is too long",
            UrlRefusal::LabelTooLong => "a label of the URL host name is too long",
            UrlRefusal::UnicodeHost => {
                "the host name must be written in punycode (xn--…): Unicode host names are not mapped"
            }
            UrlRefusal::InsecureScheme => "the URL must use https",
            UrlRefusal::UnsupportedScheme => "the URL scheme must be https",
            UrlRefusal::Credentials => "the URL must not contain a user name or password",
            UrlRefusal::Localhost => "the URL host must not be localhost",
            UrlRefusal::Loopback => "the URL host is a loopback address",
            UrlRefusal::PrivateAddress => "the URL host is a private network address",
            UrlRefusal::LinkLocal => "the URL host is a link-local address",
            UrlRefusal::UniqueLocal => "the URL host is a unique-local IPv6 address",
            UrlRefusal::SharedAddress => "the URL host is a carrier-grade NAT (shared) address",
            UrlRefusal::Unspecified => "the URL host is an unspecified address",
            UrlRefusal::Multicast => "the URL host is a multicast address",
            UrlRefusal::Broadcast => "the URL host is the broadcast address",
            UrlRefusal::Documentation => "the URL host is a documentation-only address",
            UrlRefusal::Reserved => "the URL host is a reserved special-purpose address",
        }
    }

    /// True for the refusals that [`UrlOptions::allow_private`] lifts.
    const fn is_private_kind(self) -> bool {
        matches!(
            self,
            UrlRefusal::Localhost
                | UrlRefusal::Loopback
                | UrlRefusal::PrivateAddress
                | UrlRefusal::LinkLocal
                | UrlRefusal::UniqueLocal
                | UrlRefusal::SharedAddress
        )
    }
}

/// A URL as the WHATWG URL Standard parses it, reduced to what the policy reads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WebUrl {
    /// The scheme, lowercase, without the `:` (`https`).
    pub scheme: String,
    /// True if the URL has a user name or a password.
    pub credentials: bool,
    /// The host as the URL Standard serializes it: an ASCII domain, a dotted-quad IPv4 address or
    /// a bracketed IPv6 address (empty if the URL has none).
    pub host: String,
}

/// A WHATWG URL parser: [`WebUrl`] for a URL, `Err(UrlRefusal::InvalidUrl)` for anything else.
pub type UrlParser = fn(&str) -> Result<WebUrl, UrlRefusal>;

/// The `url` crate's WHATWG parser, as a [`UrlParser`].
#[cfg(feature = "url")]
pub fn whatwg_url(input: &str) -> Result<WebUrl, UrlRefusal> {
    let url = url::Url::parse(input).map_err(|_| UrlRefusal::InvalidUrl)?;
    Ok(WebUrl {
        scheme: url.scheme().into(),
        credentials: !url.username().is_empty() || url.password().is_some(),
        host: url.host_str().unwrap_or("").into(),
    })
}

/// The parser a [`Schema`](crate::schema::Schema) uses for `webhook-url` unless given another: the `url`
/// crate's, or, in a build without the `url` feature, one that refuses every URL (`invalid_url`).
pub const DEFAULT_URL_PARSER: UrlParser = {
    #[cfg(feature = "url")]
    {
        whatwg_url
    }
    #[cfg(not(feature = "url"))]
    {
        |_| Err(UrlRefusal::InvalidUrl)
    }
};

/// Checks a webhook endpoint URL against the policy described in the module documentation,
/// parsing it with the `url` crate.
#[cfg(feature = "url")]
pub fn check_webhook_url(input: &str, options: UrlOptions) -> Result<(), UrlRefusal> {
    check_webhook_url_with(whatwg_url, input, options)
}

/// Checks a webhook endpoint URL against the policy, parsing it with `parse`, within the default
/// [`UrlLimits`].
pub fn check_webhook_url_with(parse: UrlParser, input: &str, options: UrlOptions) -> Result<(), UrlRefusal> {
    check_webhook_url_with_limits(parse, input, options, &UrlLimits::new())
}

/// Checks a webhook endpoint URL against the policy, parsing it with `parse`, within `limits`.
pub fn check_webhook_url_with_limits(
    parse: UrlParser,
    input: &str,
    options: UrlOptions,
    limits: &UrlLimits,
) -> Result<(), UrlRefusal> {
    if input.len() > limits.max_length {
        return Err(UrlRefusal::UrlTooLong);
    }
    // Unicode host names would need the UTS 46 mapping tables, large in the wasm; hookseal
    // asks for the punycode form instead, and decides this on the text so that every parser
    // agrees (a browser's URL maps Unicode hosts, the `url` crate here refuses them).
    if written_host_is_unicode(input) {
        return Err(UrlRefusal::UnicodeHost);
    }
    let url = parse(input)?;
    match url.scheme.as_str() {
        "https" => {}
        "http" if options.allow_http => {}
        "http" => return Err(UrlRefusal::InsecureScheme),
        _ => return Err(UrlRefusal::UnsupportedScheme),
    }
    if url.credentials {
        return Err(UrlRefusal::Credentials);
    }
    check_host_size(&url.host, limits)?;
    let verdict = classify_host(&url.host);
    match verdict {
        Err(r) if options.allow_private && r.is_private_kind() => Ok(()),
        other => other,
    }
}

/// Refuses a host name beyond the DNS limits of `limits` (IP literals are always short).
fn check_host_size(host: &str, limits: &UrlLimits) -> Result<(), UrlRefusal> {
    let name = host.strip_suffix('.').unwrap_or(host);
    if name.len() > limits.max_host_length {
        return Err(UrlRefusal::HostTooLong);
    }
    if name.split('.').any(|label| label.len() > limits.max_label_length) {
        return Err(UrlRefusal::LabelTooLong);
    }
    Ok(())
}

/// The policy verdict for a host as the URL Standard serializes it.
fn classify_host(host: &str) -> Result<(), UrlRefusal> {
    if host.is_empty() {
        return Err(UrlRefusal::InvalidUrl);
    }
    if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return super::ip::parse_ipv6(v6).map_or(Err(UrlRefusal::InvalidUrl), |g| classify_v6(Ipv6Addr::from(g)));
    }
    // A serialized host that reads as a dotted quad is an IPv4 address: the URL Standard parses
    // every host that ends in a number as one (or refuses it).
    if let Some(v4) = super::ip::parse_ipv4(host) {
        return classify_v4(Ipv4Addr::from(v4));
    }
    let name = host.strip_suffix('.').unwrap_or(host);
    if name.eq_ignore_ascii_case("localhost") || name.to_ascii_lowercase().ends_with(".localhost") {
        Err(UrlRefusal::Localhost)
    } else {
        Ok(())
    }
}

/// True if the host, as written in `input`, is not ASCII (raw or as `%XX` escapes of bytes from
/// 0x80): such a host only parses through the UTS 46 mapping.
fn written_host_is_unicode(input: &str) -> bool {
    // No scheme, no host: such input is no URL at all, which the parser says.
    let Some((scheme, rest)) = input.split_once(':') else {
        return false;
    };
    if !crate::grammar::is_uri_scheme(scheme.trim_start_matches(|c: char| c <= ' ')) {
        return false;
    }
    let authority = rest.trim_start_matches(['/', '\\']);
    let end = authority.find(['/', '\\', '?', '#']).unwrap_or(authority.len());
    let authority = authority.get(..end).unwrap_or("");
    // Bytes, not `rsplit_once`: `@` is ASCII, and the char searcher's reverse search is large code.
    let host = authority.bytes().rposition(|c| c == b'@').map_or(authority, |i| authority.get(i + 1..).unwrap_or(""));
    let b = host.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        let high_escape = b.get(i + 1).is_some_and(|h| b"89abcdefABCDEF".contains(h))
            && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        c >= 0x80 || (c == b'%' && high_escape)
    })
}

/// True if `ip` is in `net/len`.
fn in_v4(ip: u32, net: [u8; 4], len: u32) -> bool {
    let mask = u32::MAX.checked_shl(32 - len).unwrap_or(0);
    ip & mask == u32::from_be_bytes(net) & mask
}

/// The policy verdict for an IPv4 address.
pub(crate) fn classify_v4(ip: Ipv4Addr) -> Result<(), UrlRefusal> {
    let a = u32::from(ip);
    let table: [([u8; 4], u32, UrlRefusal); 17] = [
        ([0, 0, 0, 0], 8, UrlRefusal::Unspecified),
        ([127, 0, 0, 0], 8, UrlRefusal::Loopback),
        ([10, 0, 0, 0], 8, UrlRefusal::PrivateAddress),
        ([172, 16, 0, 0], 12, UrlRefusal::PrivateAddress),
        ([192, 168, 0, 0], 16, UrlRefusal::PrivateAddress),
        ([169, 254, 0, 0], 16, UrlRefusal::LinkLocal),
        ([100, 64, 0, 0], 10, UrlRefusal::SharedAddress),
        ([255, 255, 255, 255], 32, UrlRefusal::Broadcast),
        ([233, 252, 0, 0], 24, UrlRefusal::Documentation),
        ([224, 0, 0, 0], 4, UrlRefusal::Multicast),
        ([240, 0, 0, 0], 4, UrlRefusal::Reserved),
        ([192, 0, 2, 0], 24, UrlRefusal::Documentation),
        ([198, 51, 100, 0], 24, UrlRefusal::Documentation),
        ([203, 0, 113, 0], 24, UrlRefusal::Documentation),
        ([192, 0, 0, 0], 24, UrlRefusal::Reserved),
        ([198, 18, 0, 0], 15, UrlRefusal::Reserved),
        ([192, 88, 99, 0], 24, UrlRefusal::Reserved),
    ];
    // Order matters only for overlaps (255.255.255.255 before 240/4, 233.252/24 is multicast).
    for (net, len, refusal) in table {
        if in_v4(a, net, len) {
            return Err(refusal);
        }
    }
    Ok(())
}

/// The policy verdict for an IPv6 address.
pub(crate) fn classify_v6(ip: Ipv6Addr) -> Result<(), UrlRefusal> {
    let s = ip.segments();
    let bits = u128::from(ip);
    let in_net = |net: u128, len: u32| {
        let mask = u128::MAX.checked_shl(128 - len).unwrap_or(0);
        bits & mask == net & mask
    };
    if bits == 0 {
        return Err(UrlRefusal::Unspecified);
    }
    if bits == 1 {
        return Err(UrlRefusal::Loopback);
    }
    let [o0, o1, o2, o3] = ip.octets().get(12..16).and_then(|t| <[u8; 4]>::try_from(t).ok()).unwrap_or([0; 4]);
    let embedded = Ipv4Addr::new(o0, o1, o2, o3);
    // IPv4-mapped ::ffff:0:0/96, IPv4-compatible ::/96, NAT64 64:ff9b::/96 and 64:ff9b:1::/48.
    if in_net(0xffff_0000_0000, 96) || in_net(0, 96) || in_net(0x0064_ff9b << 96, 96) {
        return classify_v4(embedded);
    }
    if in_net(0x0064_ff9b_0001 << 80, 48) {
        return Err(UrlRefusal::Reserved);
    }
    // 6to4 2002:AABB:CCDD::/48 embeds AA.BB.CC.DD.
    if let [0x2002, hi, lo, ..] = s {
        let [a, b] = hi.to_be_bytes();
        let [c, d] = lo.to_be_bytes();
        return classify_v4(Ipv4Addr::new(a, b, c, d));
    }
    let table: [(u128, u32, UrlRefusal); 8] = [
        (0xff00 << 112, 8, UrlRefusal::Multicast),
        (0xfe80 << 112, 10, UrlRefusal::LinkLocal),
        (0xfec0 << 112, 10, UrlRefusal::PrivateAddress),
        (0xfc00 << 112, 7, UrlRefusal::UniqueLocal),
        (0x2001_0db8 << 96, 32, UrlRefusal::Documentation),
        (0x3fff << 112, 20, UrlRefusal::Documentation),
        (0x0100 << 112, 64, UrlRefusal::Reserved),
        (0x2001 << 112, 23, UrlRefusal::Reserved),
    ];
    for (net, len, refusal) in table {
        if in_net(net, len) {
            return Err(refusal);
        }
    }
    Ok(())
}
