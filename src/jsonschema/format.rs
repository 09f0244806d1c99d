//! The `format` keyword: which formats hookseal checks, and how.
//!
//! In hookseal `format` is an **assertion**, not only an annotation: a string that does not match
//! its format makes the instance invalid (JSON Schema 2020-12 lets an implementation choose this;
//! it is what a webhook-config validator needs). Formats apply to strings only; other types pass.
//!
//! A `format` name hookseal does not know is a schema compile error, like an unknown keyword: a
//! typo such as `"format": "url"` must not silently accept everything.
//!
//! | name | rule |
//! |---|---|
//! | `uri` | RFC 3986 absolute URI (scheme required) |
//! | `email` | RFC 5321 mailbox: dot-atom or quoted local part, hostname or address-literal domain |
//! | `date-time`, `date`, `time` | RFC 3339 §5.6 (leap seconds only at 23:59:60 UTC) |
//! | `uuid` | RFC 9562 text form, any version |
//! | `hostname` | RFC 1123 labels; `xn--` labels must be valid Punycode (see [`super::idn`]) |
//! | `ipv4`, `ipv6` | RFC 2673 dotted quad (no leading zeros), RFC 4291 text (no zone id) |
//!
//! Formats beyond these come from a [`FormatPlugin`]: the webhook policy plugs in its own
//! (`webhook-url` and the custom-header formats) without the engine knowing them.

use super::{idn, uri};

/// Formats an embedding adds to the engine's own, by name, each checked by the plug-in.
pub(crate) trait FormatPlugin {
    /// The plug-in's format called `name`: its number and its name as written in schemas.
    fn find(&self, name: &str) -> Option<(u8, &'static str)>;
    /// Checks `s` against the plug-in's format number `id`.
    fn check(&self, id: u8, s: &str) -> Result<(), Mismatch>;
}

/// No formats beyond the engine's own.
#[cfg(test)]
pub(crate) struct NoFormats;

#[cfg(test)]
impl FormatPlugin for NoFormats {
    fn find(&self, _: &str) -> Option<(u8, &'static str)> {
        None
    }
    fn check(&self, _: u8, _: &str) -> Result<(), Mismatch> {
        Ok(())
    }
}

/// A format hookseal asserts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Uri,
    Email,
    DateTime,
    Date,
    Time,
    Uuid,
    Hostname,
    Ipv4,
    Ipv6,
    /// A plug-in's format: its number there and its name.
    Plugged(u8, &'static str),
}

/// Why a string does not match its format: a stable code and a message for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Mismatch {
    pub code: &'static str,
    pub message: &'static str,
}

const fn mismatch(message: &'static str) -> Mismatch {
    Mismatch { code: "format", message }
}

impl Format {
    /// The format called `name`, if the engine or `plugin` defines it.
    pub(crate) fn from_name(name: &str, plugin: &dyn FormatPlugin) -> Option<Format> {
        Some(match name {
            "uri" => Format::Uri,
            "email" => Format::Email,
            "date-time" => Format::DateTime,
            "date" => Format::Date,
            "time" => Format::Time,
            "uuid" => Format::Uuid,
            "hostname" => Format::Hostname,
            "ipv4" => Format::Ipv4,
            "ipv6" => Format::Ipv6,
            _ => return plugin.find(name).map(|(id, name)| Format::Plugged(id, name)),
        })
    }

    /// The name as written in schemas.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Uri => "uri",
            Format::Email => "email",
            Format::DateTime => "date-time",
            Format::Date => "date",
            Format::Time => "time",
            Format::Uuid => "uuid",
            Format::Hostname => "hostname",
            Format::Ipv4 => "ipv4",
            Format::Ipv6 => "ipv6",
            Format::Plugged(_, name) => name,
        }
    }

    /// Checks `s` against the format.
    pub(crate) fn check(self, s: &str, plugin: &dyn FormatPlugin) -> Result<(), Mismatch> {
        let ok = match self {
            Format::Uri => uri::is_uri(s),
            Format::Email => is_email(s),
            Format::DateTime => is_date_time(s),
            Format::Date => is_date(s.as_bytes()),
            Format::Time => is_time(s.as_bytes()),
            Format::Uuid => is_uuid(s),
            Format::Hostname => is_hostname(s),
            Format::Ipv4 => is_ipv4(s),
            Format::Ipv6 => is_ipv6(s),
            Format::Plugged(id, _) => return plugin.check(id, s),
        };
        if ok {
            Ok(())
        } else {
            Err(mismatch(match self {
                Format::Uri => "not an absolute URI (RFC 3986)",
                Format::Email => "not an email address",
                Format::DateTime => "not an RFC 3339 date-time",
                Format::Date => "not an RFC 3339 full-date",
                Format::Time => "not an RFC 3339 full-time",
                Format::Uuid => "not a UUID",
                Format::Hostname => "not a hostname",
                Format::Ipv4 => "not an IPv4 address",
                _ => "not an IPv6 address",
            }))
        }
    }
}

/// Dotted-quad IPv4 with no leading zeros (Rust's grammar, which is exactly RFC 2673's).
pub(crate) fn is_ipv4(s: &str) -> bool {
    crate::policy::ip::parse_ipv4(s).is_some()
}

/// RFC 4291 IPv6 text form, without zone id or brackets.
pub(crate) fn is_ipv6(s: &str) -> bool {
    crate::policy::ip::parse_ipv6(s).is_some()
}

fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(
            |(i, &c)| {
                if matches!(i, 8 | 13 | 18 | 23) {
                    c == b'-'
                } else {
                    c.is_ascii_hexdigit()
                }
            },
        )
}

/// RFC 1123 hostname: 1–63 character LDH labels, 253 characters at most, no trailing dot.
pub(crate) fn is_hostname(s: &str) -> bool {
    if s.is_empty() || s.len() > 253 {
        return false;
    }
    s.split('.').all(|label| {
        let b = label.as_bytes();
        let ldh = !b.is_empty()
            && b.len() <= 63
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
            && b.first() != Some(&b'-')
            && b.last() != Some(&b'-');
        if !ldh {
            return false;
        }
        // RFC 5891 §4.2.3.1: "--" in positions 3–4 is reserved for A-labels ("xn--").
        if b.get(2..4) == Some(b"--") {
            return b.get(..2).is_some_and(|p| p.eq_ignore_ascii_case(b"xn")) && idn::is_a_label(label);
        }
        true
    })
}

/// RFC 5321 mailbox (ASCII): `local@domain`.
fn is_email(s: &str) -> bool {
    // Bytes, not `rfind`: `@` is ASCII, and the char searcher's reverse search is large code.
    let Some(at) = s.bytes().rposition(|c| c == b'@') else { return false };
    let (local, domain) = (s.get(..at).unwrap_or(""), s.get(at + 1..).unwrap_or(""));
    let local_ok = if let Some(q) = local.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
        quoted_local(q)
    } else {
        !local.is_empty()
            && local.split('.').all(|atom| {
                !atom.is_empty()
                    && atom.bytes().all(|c| c.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&c))
            })
    };
    if !local_ok || local.len() > 64 {
        return false;
    }
    if let Some(lit) = domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        return match lit.get(..5) {
            Some(p) if p.eq_ignore_ascii_case("IPv6:") => lit.get(5..).is_some_and(is_ipv6),
            _ => is_ipv4(lit),
        };
    }
    is_hostname(domain)
}

/// The inside of a quoted local part: printable ASCII and spaces, `\` escaping one character.
fn quoted_local(q: &str) -> bool {
    let mut bytes = q.bytes();
    while let Some(c) = bytes.next() {
        match c {
            b'\\' => {
                if !bytes.next().is_some_and(|e| (32..=126).contains(&e)) {
                    return false;
                }
            }
            b'"' => return false,
            32..=126 => {}
            _ => return false,
        }
    }
    true
}

/// RFC 3339 `date-time`: `full-date "T" full-time`, `T` and `Z` in either case.
fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    match b.get(10) {
        Some(b'T' | b't') => is_date(b.get(..10).unwrap_or(b"")) && is_time(b.get(11..).unwrap_or(b"")),
        _ => false,
    }
}

/// Two ASCII digits as a number.
fn two(b: &[u8], at: usize) -> Option<u32> {
    let (h, l) = (*b.get(at)?, *b.get(at + 1)?);
    if h.is_ascii_digit() && l.is_ascii_digit() {
        Some(u32::from(h - b'0') * 10 + u32::from(l - b'0'))
    } else {
        None
    }
}

/// RFC 3339 `full-date`: `YYYY-MM-DD`, a real day of the Gregorian calendar.
fn is_date(b: &[u8]) -> bool {
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return false;
    }
    let (Some(hi), Some(lo), Some(month), Some(day)) = (two(b, 0), two(b, 2), two(b, 5), two(b, 8)) else {
        return false;
    };
    let year = hi * 100 + lo;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// RFC 3339 `full-time`: `HH:MM:SS[.frac](Z|±HH:MM)`; second 60 only when the UTC time is 23:59.
fn is_time(b: &[u8]) -> bool {
    if b.len() < 9 || b.get(2) != Some(&b':') || b.get(5) != Some(&b':') {
        return false;
    }
    let (Some(h), Some(m), Some(sec)) = (two(b, 0), two(b, 3), two(b, 6)) else {
        return false;
    };
    if h > 23 || m > 59 || sec > 60 {
        return false;
    }
    let mut i = 8;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    let offset_minutes: i32 = match b.get(i..) {
        Some(b"Z" | b"z") => 0,
        Some(rest) if rest.len() == 6 && rest.get(3) == Some(&b':') => {
            let (Some(oh), Some(om)) = (two(rest, 1), two(rest, 4)) else {
                return false;
            };
            if oh > 23 || om > 59 {
                return false;
            }
            let total = i32::try_from(oh * 60 + om).unwrap_or(0);
            match rest.first() {
                Some(b'+') => total,
                Some(b'-') => -total,
                _ => return false,
            }
        }
        _ => return false,
    };
    if sec == 60 {
        let local = i32::try_from(h * 60 + m).unwrap_or(0);
        let utc = (local - offset_minutes).rem_euclid(24 * 60);
        return utc == 23 * 60 + 59;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times() {
        assert!(is_date_time("1998-12-31T23:59:60Z"));
        assert!(is_date_time("1998-12-31T15:59:60.123-08:00"));
        assert!(!is_date_time("1998-12-31T22:59:60Z"));
        assert!(!is_date_time("1990-02-31T15:59:59.123-08:00"));
        assert!(is_date("2020-02-29".as_bytes()));
        assert!(!is_date("2100-02-29".as_bytes()));
        assert!(is_time(b"00:29:60-23:30"));
    }

    #[test]
    fn emails_and_hosts() {
        assert!(is_email("joe.bloggs@[IPv6:::1]"));
        assert!(is_email("\"joe@bloggs\"@example.com"));
        assert!(!is_email("te..st@example.com"));
        assert!(is_hostname("a--b.com"));
        assert!(!is_hostname("ab--c.com"));
        assert!(!is_hostname("example."));
        assert!(is_uuid("2eb8aa08-aa98-11ea-b4aa-73b441d16380"));
    }
}
