//! RFC 3986 URIs: the syntax check of the `uri` format, and reference resolution for `$id`/`$ref`.
//!
//! This is the generic URI grammar of RFC 3986 §3, not the WHATWG URL parser that
//! the webhook policy uses for endpoints: `format: uri` accepts `urn:…`, `mailto:…` and `tel:…` and refuses
//! what RFC 3986 refuses (spaces, `\`, `{}`, raw non-ASCII, broken percent-escapes), while a
//! webhook endpoint is checked the way browsers and servers parse it. JSON Schema identifies
//! resources by RFC 3986 URIs, so `$id` and `$ref` resolve by §5.2 here, with the case and
//! dot-segment normalization of §6.2.2 so that equal URIs compare equal as strings.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::format::is_ipv6;

/// A set of ASCII bytes as the bits of a `u128`, so that a membership test is one shift.
const fn ascii_set(mut chars: &[u8]) -> u128 {
    let mut set = 0;
    while let [c, rest @ ..] = chars {
        set |= 1 << *c;
        chars = rest;
    }
    set
}

const DIGITS: u128 = ascii_set(b"0123456789");
const LETTERS: u128 = ascii_set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
/// `unreserved / sub-delims`
const PLAIN: u128 = DIGITS | LETTERS | ascii_set(b"-._~!$&'()*+,;=");
const PATH_EXTRA: u128 = ascii_set(b":@/");
const QUERY_EXTRA: u128 = ascii_set(b":@/?");

fn in_set(set: u128, c: u8) -> bool {
    c < 128 && (set >> c) & 1 != 0
}

/// `unreserved / sub-delims`
fn is_plain(c: u8) -> bool {
    in_set(PLAIN, c)
}

/// True if every byte is plain, `%XX`, or in `extra`.
fn chars_ok(s: &str, extra: u128) -> bool {
    let allowed = PLAIN | extra;
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if in_set(allowed, c) {
            i += 1;
        } else if c == b'%' {
            let hex = |j: usize| b.get(j).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(i + 1) && hex(i + 2)) {
                return false;
            }
            i += 3;
        } else {
            return false;
        }
    }
    true
}

/// `URI = scheme ":" hier-part [ "?" query ] [ "#" fragment ]`
pub(crate) fn is_uri(s: &str) -> bool {
    let p = split(s);
    let Some(scheme) = p.scheme else {
        return false;
    };
    crate::grammar::is_uri_scheme(scheme) && parts_ok(&p)
}

/// `URI-reference = URI / relative-ref` (RFC 3986 §4.1).
pub(crate) fn is_uri_reference(s: &str) -> bool {
    let p = split(s);
    if p.scheme.is_some() {
        is_uri(s)
    } else {
        parts_ok(&p)
    }
}

/// The characters of every component after the scheme. Segments are pchar only ('/' separates
/// them); without an authority a path cannot start "//", which [`split`] reads as an authority.
fn parts_ok(p: &Parts<'_>) -> bool {
    p.fragment.map_or(true, |f| chars_ok(f, QUERY_EXTRA))
        && p.query.map_or(true, |q| chars_ok(q, QUERY_EXTRA))
        && p.authority.map_or(true, authority_ok)
        && chars_ok(p.path, PATH_EXTRA)
}

/// `authority = [ userinfo "@" ] host [ ":" port ]`
fn authority_ok(a: &str) -> bool {
    let (userinfo, hostport) = match a.bytes().rposition(|c| c == b'@') {
        Some(i) => (Some(a.get(..i).unwrap_or("")), a.get(i + 1..).unwrap_or("")),
        None => (None, a),
    };
    if !userinfo.map_or(true, |u| chars_ok(u, ascii_set(b":"))) {
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
            Some(i) => (hostport.get(..i).unwrap_or(""), hostport.get(i..).unwrap_or("")),
            None => (hostport, ""),
        };
        // reg-name (which also covers IPv4address syntactically).
        (chars_ok(host, 0), port)
    };
    let port_ok = port.is_empty() || port.strip_prefix(':').is_some_and(|p| p.bytes().all(|c| c.is_ascii_digit()));
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

/// The five components of a URI reference (RFC 3986 Appendix B), borrowed from its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Parts<'a> {
    pub scheme: Option<&'a str>,
    pub authority: Option<&'a str>,
    pub path: &'a str,
    pub query: Option<&'a str>,
    pub fragment: Option<&'a str>,
}

/// Splits a URI reference into its components, as the regular expression of Appendix B does.
pub(crate) fn split(s: &str) -> Parts<'_> {
    let (rest, fragment) = match s.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (s, None),
    };
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, Some(q)),
        None => (rest, None),
    };
    let (scheme, rest) = match rest.split_once(':') {
        Some((sch, r)) if !sch.is_empty() && !sch.contains('/') => (Some(sch), r),
        _ => (None, rest),
    };
    let (authority, path) = match rest.strip_prefix("//") {
        Some(after) => {
            let end = after.find('/').unwrap_or(after.len());
            (after.get(..end), after.get(end..).unwrap_or(""))
        }
        None => (None, rest),
    };
    Parts { scheme, authority, path, query, fragment }
}

/// RFC 3986 §5.2.4: removes `.` and `..` segments from a path.
fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut input = path;
    // Each step moves one segment (with its leading '/', if any) from `input` to `out`.
    while !input.is_empty() {
        if let Some(r) = input.strip_prefix("../").or_else(|| input.strip_prefix("./")) {
            input = r;
        } else if input.starts_with("/./") || input == "/." {
            input = input.get(2..).filter(|r| !r.is_empty()).unwrap_or("/");
        } else if input.starts_with("/../") || input == "/.." {
            input = input.get(3..).filter(|r| !r.is_empty()).unwrap_or("/");
            out.pop();
        } else if input == "." || input == ".." {
            input = "";
        } else {
            let from = usize::from(input.starts_with('/'));
            let end = input.get(from..).and_then(|r| r.find('/')).map_or(input.len(), |i| i + from);
            out.push(input.get(..end).unwrap_or(""));
            input = input.get(end..).unwrap_or("");
        }
    }
    // Not `concat`, whose generic code for `&str` would be in the wasm for this alone.
    let mut path = String::with_capacity(out.iter().map(|s| s.len()).sum());
    for segment in out {
        path.push_str(segment);
    }
    path
}

/// Resolves `reference` against the absolute URI `base` (RFC 3986 §5.2.2), lowercasing the scheme
/// and host and writing an empty path under an authority as `/` (§6.2.2–6.2.3). `None` if
/// `reference` is not a URI reference.
pub(crate) fn resolve(base: &str, reference: &str) -> Option<String> {
    if !is_uri_reference(reference) {
        return None;
    }
    let (b, r) = (split(base), split(reference));
    let (scheme, authority, path, query) = if r.scheme.is_some() {
        (r.scheme, r.authority, remove_dot_segments(r.path), r.query)
    } else if r.authority.is_some() {
        (b.scheme, r.authority, remove_dot_segments(r.path), r.query)
    } else if r.path.is_empty() {
        (b.scheme, b.authority, b.path.into(), r.query.or(b.query))
    } else if r.path.starts_with('/') {
        (b.scheme, b.authority, remove_dot_segments(r.path), r.query)
    } else {
        // §5.2.3 merge: the base path up to its last '/', then the reference path.
        let merged = if b.authority.is_some() && b.path.is_empty() {
            format!("/{}", r.path)
        } else {
            let dir = b.path.bytes().rposition(|c| c == b'/').map_or("", |i| b.path.get(..=i).unwrap_or(""));
            format!("{dir}{}", r.path)
        };
        (b.scheme, b.authority, remove_dot_segments(&merged), r.query)
    };
    let mut out = String::with_capacity(base.len() + reference.len());
    if let Some(scheme) = scheme {
        out.push_str(&scheme.to_ascii_lowercase());
        out.push(':');
    }
    if let Some(authority) = authority {
        out.push_str("//");
        let host_at = authority.bytes().rposition(|c| c == b'@').map_or(0, |i| i + 1);
        out.push_str(authority.get(..host_at).unwrap_or(""));
        out.push_str(&authority.get(host_at..).unwrap_or("").to_ascii_lowercase());
        if path.is_empty() {
            out.push('/');
        }
    }
    out.push_str(&path);
    for (mark, part) in [('?', query), ('#', r.fragment)] {
        if let Some(part) = part {
            out.push(mark);
            out.push_str(part);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 3986 §5.4: every normal and abnormal example.
    #[test]
    fn rfc3986_resolution_examples() {
        let base = "http://a/b/c/d;p?q";
        for (r, want) in [
            ("g:h", "g:h"),
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g/"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("g#s", "http://a/b/c/g#s"),
            ("g?y#s", "http://a/b/c/g?y#s"),
            (";x", "http://a/b/c/;x"),
            ("g;x", "http://a/b/c/g;x"),
            ("g;x?y#s", "http://a/b/c/g;x?y#s"),
            ("", "http://a/b/c/d;p?q"),
            (".", "http://a/b/c/"),
            ("./", "http://a/b/c/"),
            ("..", "http://a/b/"),
            ("../", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../", "http://a/"),
            ("../../g", "http://a/g"),
            ("../../../g", "http://a/g"),
            ("../../../../g", "http://a/g"),
            ("/./g", "http://a/g"),
            ("/../g", "http://a/g"),
            ("g.", "http://a/b/c/g."),
            (".g", "http://a/b/c/.g"),
            ("g..", "http://a/b/c/g.."),
            ("..g", "http://a/b/c/..g"),
            ("./../g", "http://a/b/g"),
            ("./g/.", "http://a/b/c/g/"),
            ("g/./h", "http://a/b/c/g/h"),
            ("g/../h", "http://a/b/c/h"),
            ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
            ("g;x=1/../y", "http://a/b/c/y"),
            ("g?y/./x", "http://a/b/c/g?y/./x"),
            ("g?y/../x", "http://a/b/c/g?y/../x"),
            ("g#s/./x", "http://a/b/c/g#s/./x"),
            ("g#s/../x", "http://a/b/c/g#s/../x"),
            ("http:g", "http:g"),
        ] {
            assert_eq!(resolve(base, r).as_deref(), Some(want), "{r}");
        }
    }

    #[test]
    fn resolution_normalizes_and_refuses() {
        assert_eq!(
            resolve("https://hookseal.invalid/schema.json", "HTTP://Example.COM").as_deref(),
            Some("http://example.com/")
        );
        assert_eq!(
            resolve("urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed", "#/$defs/bar").as_deref(),
            Some("urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed#/$defs/bar")
        );
        assert_eq!(
            resolve("file:///folder/file.json", "#/$defs/foo").as_deref(),
            Some("file:///folder/file.json#/$defs/foo")
        );
        for bad in ["a b", "http://[::1/", "%zz", "{x}"] {
            assert_eq!(resolve("http://a/b", bad), None, "{bad}");
        }
    }

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
