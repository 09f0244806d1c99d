//! Reading request headers: case-insensitive names, repeated headers, aliases.
//!
//! Receivers hand headers over in many shapes (a Fetch `Headers`, Node's object with arrays, a
//! `Vec` of pairs); the bindings flatten each to name/value pairs and this module does the rest.

use alloc::format;
use alloc::vec::Vec;

use crate::error::{Code, Error, Result};
use crate::scheme::HeaderName;

/// Something that can list the values of a header by name.
pub trait Headers {
    /// Appends every value of `name` (given in lower case; match case-insensitively) to `out`.
    fn values_of<'a>(&'a self, name: &str, out: &mut Vec<&'a str>);
}

impl<K: AsRef<str>, V: AsRef<str>> Headers for [(K, V)] {
    fn values_of<'a>(&'a self, name: &str, out: &mut Vec<&'a str>) {
        for (k, v) in self {
            if k.as_ref().eq_ignore_ascii_case(name) {
                out.push(v.as_ref());
            }
        }
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Headers for Vec<(K, V)> {
    fn values_of<'a>(&'a self, name: &str, out: &mut Vec<&'a str>) {
        self.as_slice().values_of(name, out)
    }
}

/// Every value of the first of `header`'s names that is present, trimmed; empty if none is.
pub(crate) fn all_values<'a, H: Headers + ?Sized>(headers: &'a H, header: &HeaderName) -> Vec<&'a str> {
    let mut out = Vec::new();
    for name in header.names() {
        headers.values_of(name, &mut out);
        if !out.is_empty() {
            break;
        }
    }
    for v in out.iter_mut() {
        *v = v.trim_matches([' ', '\t']);
    }
    out
}

/// The single value of a header that must appear once (repeats with the same value are tolerated,
/// since proxies sometimes duplicate headers).
pub(crate) fn single_value<'a, H: Headers + ?Sized>(headers: &'a H, header: &HeaderName) -> Result<&'a str> {
    let values = all_values(headers, header);
    let Some((&first, rest)) = values.split_first() else {
        return Err(Error::with_message(Code::MissingHeader, format!("header `{}` is missing", header.primary())));
    };
    if rest.iter().any(|v| *v != first) {
        return Err(Error::with_message(
            Code::MalformedHeader,
            format!("header `{}` appears more than once with different values", header.primary()),
        ));
    }
    if first.is_empty() {
        return Err(Error::with_message(Code::MalformedHeader, format!("header `{}` is empty", header.primary())));
    }
    Ok(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn lookup_is_case_insensitive_and_prefers_the_primary_name() {
        let h = vec![("SVIX-ID", "b"), ("Webhook-Id", " a ")];
        let name = HeaderName::new("webhook-id").or("svix-id");
        assert_eq!(single_value(&h, &name), Ok("a"));
        let h = vec![("svix-id", "b")];
        assert_eq!(single_value(&h, &name), Ok("b"));
        let h: Vec<(&str, &str)> = vec![];
        assert_eq!(single_value(&h, &name).unwrap_err().code(), Code::MissingHeader);
        let h = vec![("webhook-id", "a"), ("webhook-id", "b")];
        assert_eq!(single_value(&h, &name).unwrap_err().code(), Code::MalformedHeader);
        let h = vec![("webhook-id", "a"), ("webhook-id", "a")];
        assert_eq!(single_value(&h, &name), Ok("a"));
        let h = vec![("webhook-id", "  ")];
        assert_eq!(single_value(&h, &name).unwrap_err().code(), Code::MalformedHeader);
    }
}
