//! The resolved-address policy: may delivery connect to the address a host name resolved to?
//!
//! The URL policy can only judge IP literals; a public-looking name may resolve to 10.0.0.5, or
//! resolve differently between the check and the connection (DNS rebinding). So the sender checks
//! again, on the address it is about to connect to, with the same classification and codes.

use alloc::format;
use core::net::IpAddr;
use core::str::FromStr;

use crate::schema::{check_webhook_url_with, UrlOptions, UrlRefusal, WebUrl};

/// Why a resolved address is refused.
///
/// ```
/// use hookseal::delivery::AddressRefusal;
/// use hookseal::schema::UrlRefusal;
/// assert_eq!(AddressRefusal::Refused(UrlRefusal::LinkLocal).code(), "link_local_address");
/// assert_eq!(AddressRefusal::InvalidAddress.code(), "invalid_address");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AddressRefusal {
    /// Not an IPv4 or IPv6 address.
    InvalidAddress,
    /// The URL policy refuses the address; its code (`loopback_address`, `private_address`, …).
    Refused(UrlRefusal),
}

impl AddressRefusal {
    /// The stable snake_case code: `invalid_address` or the [`UrlRefusal::code`].
    ///
    /// ```
    /// use hookseal::delivery::AddressRefusal;
    /// use hookseal::schema::UrlRefusal;
    /// assert_eq!(AddressRefusal::Refused(UrlRefusal::Loopback).code(), "loopback_address");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            AddressRefusal::InvalidAddress => "invalid_address",
            AddressRefusal::Refused(r) => r.code(),
        }
    }

    /// A sentence for people.
    ///
    /// ```
    /// use hookseal::delivery::AddressRefusal;
    /// assert_eq!(AddressRefusal::InvalidAddress.message(), "not an IPv4 or IPv6 address");
    /// ```
    pub const fn message(self) -> &'static str {
        match self {
            AddressRefusal::InvalidAddress => "not an IPv4 or IPv6 address",
            AddressRefusal::Refused(r) => r.message(),
        }
    }
}

impl core::fmt::Display for AddressRefusal {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{} ({})", self.message(), self.code())
    }
}

#[cfg(feature = "std")]
impl std::error::Error for AddressRefusal {}

/// Checks an address a webhook host resolved to (`93.184.215.14`, `2606:2800::1`, `[::1]`,
/// `fe80::1%eth0`) and returns it parsed, ready to connect to.
///
/// The classification is the URL policy's ([`crate::schema::check_webhook_url`]): loopback,
/// private, link-local, unique-local and CGNAT addresses are refused unless `allow_private`;
/// unspecified, multicast, broadcast, documentation and reserved addresses always are; IPv6
/// addresses embedding IPv4 (mapped, compatible, NAT64, 6to4) are judged by the embedded address.
/// An IPv6 zone (`%eth0`) is ignored for the judgement, and only link-local addresses carry one.
///
/// ```
/// use hookseal::delivery::{check_resolved_address, AddressRefusal};
/// use hookseal::schema::UrlRefusal;
/// assert!(check_resolved_address("93.184.215.14", false).is_ok());
/// assert_eq!(check_resolved_address("::ffff:10.0.0.5", false), Err(AddressRefusal::Refused(UrlRefusal::PrivateAddress)));
/// assert!(check_resolved_address("127.0.0.1", true).is_ok());
/// assert_eq!(check_resolved_address("0.0.0.0", true), Err(AddressRefusal::Refused(UrlRefusal::Unspecified)));
/// ```
pub fn check_resolved_address(address: &str, allow_private: bool) -> Result<IpAddr, AddressRefusal> {
    let bare = address.strip_prefix('[').and_then(|a| a.strip_suffix(']')).unwrap_or(address);
    let ip = match bare.split_once('%') {
        Some((v6, zone)) if v6.contains(':') && !zone.is_empty() => IpAddr::from_str(v6),
        Some(_) => return Err(AddressRefusal::InvalidAddress),
        None => IpAddr::from_str(bare),
    }
    .map_err(|_| AddressRefusal::InvalidAddress)?;
    // The URL policy's classification is reached through its public entry point: the URL is
    // written here from the parsed address, and `literal_host` reads the host back out of it.
    let url = match ip {
        IpAddr::V4(v4) => format!("https://{v4}/"),
        IpAddr::V6(v6) => format!("https://[{v6}]/"),
    };
    let options = UrlOptions { allow_http: false, allow_private };
    check_webhook_url_with(literal_host, &url, options).map_err(AddressRefusal::Refused)?;
    Ok(ip)
}

/// A [`crate::schema::UrlParser`] for the `https://<address>/` URLs built above, and only them.
fn literal_host(url: &str) -> Result<WebUrl, UrlRefusal> {
    let host = url.strip_prefix("https://").and_then(|u| u.strip_suffix('/')).ok_or(UrlRefusal::InvalidUrl)?;
    Ok(WebUrl { scheme: "https".into(), credentials: false, host: host.into() })
}
