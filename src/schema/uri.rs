//! RFC 3986 syntax check for the `uri` format: an absolute URI, ASCII only.
//!
//! This is the generic URI grammar of RFC 3986 §3, not the WHATWG URL parser that
//! [`super::url_policy`] uses: `format: uri` accepts `urn:…`, `mailto:…` and `tel:…` and refuses
//! what RFC 3986 refuses (spaces, `\`, `{}`, raw non-ASCII, broken percent-escapes), while a
//! webhook endpoint is checked the way browsers and servers parse it.

use super::format::is_ipv6;

/// `unreserved / sub-delims`
fn is_plain(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=".contains(&c)
}

/// True if every byte is plain, `%XX`, or one of `extra`.
fn chars_ok(s: &str, extra: &[u8]) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            let hex = |j: usize| b.get(j).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(i + 1) && hex(i + 2)) {
                return false;
            }
            i += 3;
        } else if is_plain(c) || extra.contains(&c) {
            i += 1;
        } else {
            return false;
        }
    }
    true
}

/// `URI = scheme ":" hier-part [ "?" query ] [ "#" fragment ]`
pub(crate) fn is_uri(s: &str) -> bool {
    let Some(colon) = s.find(':') else {
        return false;
    };
    let (scheme, rest) = (
        s.get(..colon).unwrap_or(""),
        s.get(colon + 1..).unwrap_or(""),
    );
    let sb = scheme.as_bytes();
    if !sb.first().is_some_and(u8::is_ascii_alphabetic)
        || !sb
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || b"+-.".contains(c))
    {
        return false;
    }
    let (rest, fragment) = match rest.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (rest, None),
    };
    let (hier, query) = match rest.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (rest, None),
    };
    if !fragment.map_or(true, |f| chars_ok(f, b":@/?"))
        || !query.map_or(true, |q| chars_ok(q, b":@/?"))
    {
        return false;
    }
    let path = if let Some(after) = hier.strip_prefix("//") {
        let end = after.find('/').unwrap_or(after.len());
        if !authority_ok(after.get(..end).unwrap_or("")) {
            return false;
        }
        after.get(end..).unwrap_or("")
    } else {
        hier
    };
    // Segments: pchar only ('/' separates them). Without an authority a path cannot start "//",
    // which the branch above already consumed.
    chars_ok(path, b":@/")
}

/// `authority = [ userinfo "@" ] host [ ":" port ]`
fn authority_ok(a: &str) -> bool {
    let (userinfo, hostport) = match a.rfind('@') {
        Some(i) => (Some(a.get(..i).unwrap_or("")), a.get(i + 1..).unwrap_or("")),
        None => (None, a),
    };
    if !userinfo.map_or(true, |u| chars_ok(u, b":")) {
        return false;
    }
    let (host_ok, port) = if let Some(inner) = hostport.strip_prefix('[') {
        let Some(close) = inner.find(']') else {
            return false;
        };
        let literal = inner.get(..close).unwrap_or("");
        (ip_literal_ok(literal), inner.get(close + 1..).unwrap_or(""))
    } else {
        let (host, port) = match hostport.find(':') {
            Some(i) => (
                hostport.get(..i).unwrap_or(""),
                hostport.get(i..).unwrap_or(""),
            ),
            None => (hostport, ""),
        };
        // reg-name (which also covers IPv4address syntactically).
        (chars_ok(host, b""), port)
    };
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|p| p.bytes().all(|c| c.is_ascii_digit()));
    host_ok && port_ok
}

/// `IP-literal = "[" ( IPv6address / IPvFuture ) "]"` (inside the brackets).
fn ip_literal_ok(lit: &str) -> bool {
    if let Some(future) = lit.strip_prefix(['v', 'V']) {
        let Some((ver, rest)) = future.split_once('.') else {
            return false;
        };
        return !ver.is_empty()
            && ver.bytes().all(|c| c.is_ascii_hexdigit())
            && !rest.is_empty()
            && rest.bytes().all(|c| is_plain(c) || c == b':');
    }
    is_ipv6(lit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3986() {
        for ok in [
            "http://-.~_!$&'()*+,;=:%40:80%2f::::::@example.com",
            "ldap://[2001:db8::7]/c=GB?objectClass?one",
            "urn:oasis:names:specification:docbook:dtd:xml:4.1.2",
            "mailto:John.Doe@example.com",
            "http://999.999.999.999/",
            "file:///folder/file.json",
        ] {
            assert!(is_uri(ok), "{ok}");
        }
        for bad in [
            "//foo.bar/",
            "abc",
            "http:// x.com",
            "bar,baz:foo",
            "https://[@example.org/t",
            "http://example.com/%6G",
            "http://example.com:abc/p",
            "http://[::ffff:01.2.3.4]",
            "http:/[::1]",
        ] {
            assert!(!is_uri(bad), "{bad}");
        }
    }
}
