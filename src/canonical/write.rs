//! The JCS writer: values to canonical text (RFC 8785 section 3.2), as a style of the shared JSON
//! walk ([`crate::json::write_tree`]); the depth limit is a policy, checked as containers open.

use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Ordering;

use crate::error::{Code, Error, Result};
use crate::json::{write_tree, Map, TextStyle, Value, SCAN_MAX};

/// Positions of an object's members in canonical order.
enum Order<'a> {
    /// The map's own index, which is already in canonical order.
    Index(&'a [usize]),
    /// A small map's, sorted here without allocating.
    Inline([u8; SCAN_MAX]),
    /// Sorted here.
    Sorted(Vec<usize>),
}

// `Order::Inline` holds positions as bytes.
const _: () = assert!(SCAN_MAX <= u8::MAX as usize);

impl Order<'_> {
    fn get(&self, i: usize) -> Option<usize> {
        match self {
            Order::Index(positions) => positions.get(i).copied(),
            Order::Inline(positions) => positions.get(i).map(|&p| usize::from(p)),
            Order::Sorted(positions) => positions.get(i).copied(),
        }
    }
}

/// Appends the canonical form of `value` to `out`, refusing containers nested deeper than
/// `max_depth`. On error `out` is truncated back to its length on entry.
pub(super) fn write_value(value: &Value, out: &mut String, max_depth: usize) -> Result<()> {
    let start = out.len();
    let result = write_tree(value, out, &Canonical { max_depth });
    if result.is_err() {
        out.truncate(start);
    }
    result
}

/// RFC 8785's text: members in UTF-16 order of their names, numbers as ECMAScript writes them,
/// containers at most `max_depth` deep.
struct Canonical {
    max_depth: usize,
}

/// An object's members in canonical order.
struct Ordered<'a> {
    members: &'a [(String, Value)],
    order: Order<'a>,
    /// How many are written.
    next: usize,
}

impl<'a> Iterator for Ordered<'a> {
    type Item = &'a (String, Value);

    fn next(&mut self) -> Option<Self::Item> {
        if self.next >= self.members.len() {
            return None;
        }
        let member = self.members.get(self.order.get(self.next)?)?;
        self.next += 1;
        Some(member)
    }
}

impl TextStyle for Canonical {
    type Members<'a> = Ordered<'a>;

    fn admit(&self, value: &Value, open: usize) -> Result<bool> {
        if matches!(value, Value::Array(_) | Value::Object(_)) {
            check_depth(open, self.max_depth)?;
        }
        Ok(true)
    }

    fn number(&self, n: f64, out: &mut String) -> Result<()> {
        write_number(n, out)
    }

    fn members<'a>(&self, map: &'a Map) -> Result<Ordered<'a>> {
        Ok(Ordered { members: map.members(), order: canonical_order(map)?, next: 0 })
    }
}

fn check_depth(open: usize, max_depth: usize) -> Result<()> {
    if open >= max_depth {
        return Err(Error::with_message(
            Code::TooDeep,
            alloc::format!("arrays and objects nest deeper than {max_depth} levels"),
        ));
    }
    Ok(())
}

/// The positions of `map`'s members in canonical order. A [`Map`] never holds a name twice, but
/// should one ever do, it is refused rather than written twice.
fn canonical_order(map: &Map) -> Result<Order<'_>> {
    let members = map.members();
    let name = |i: usize| members.get(i).map_or("", |(k, _)| k.as_str());
    // Byte order is UTF-16 order unless some name has a character of U+E000..U+FFFF (first byte
    // EE or EF) to compare with one beyond U+FFFF (F0..F4): see `cmp_utf16`.
    let byte_order_is_canonical = || members.iter().all(|(k, _)| k.is_ascii() || k.bytes().all(|b| b < 0xEE));
    let order = match map.sorted_positions() {
        Some(index) if byte_order_is_canonical() => Order::Index(index),
        _ if members.len() <= SCAN_MAX => {
            let mut positions = [0u8; SCAN_MAX];
            for (i, slot) in (0u8..).zip(positions.iter_mut()).take(members.len()) {
                *slot = i;
            }
            let sorted = positions.get_mut(..members.len()).unwrap_or_default();
            // Decided once for the object rather than in every comparison.
            if byte_order_is_canonical() {
                insertion_sort(sorted, |&a, &b| name(a.into()).as_bytes() < name(b.into()).as_bytes());
            } else {
                insertion_sort(sorted, |&a, &b| cmp_utf16(name(a.into()), name(b.into())).is_lt());
            }
            Order::Inline(positions)
        }
        _ => {
            let mut positions: Vec<usize> = (0..members.len()).collect();
            crate::sort::heapsort(&mut positions, |&a, &b| cmp_utf16(name(a), name(b)).is_lt());
            Order::Sorted(positions)
        }
    };
    let repeats = (1..members.len()).any(|i| match (order.get(i - 1), order.get(i)) {
        (Some(a), Some(b)) => name(a) == name(b),
        _ => false,
    });
    if repeats {
        return Err(Error::new(Code::DuplicateKey, "an object holds the same property name twice"));
    }
    Ok(order)
}

/// Sorts a few elements (for more, a heapsort does fewer comparisons).
fn insertion_sort<T: Copy>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let Some(&x) = v.get(i) else { break };
        let mut j = i;
        while let Some(&y) = j.checked_sub(1).and_then(|k| v.get(k)) {
            if !less(&x, &y) {
                break;
            }
            if let Some(slot) = v.get_mut(j) {
                *slot = y;
            }
            j -= 1;
        }
        if let Some(slot) = v.get_mut(j) {
            *slot = x;
        }
    }
}

/// Compares two strings as sequences of UTF-16 code units (RFC 8785 section 3.2.3).
///
/// UTF-8 byte order is code point order, which agrees with UTF-16 order except that a character
/// above U+FFFF (a surrogate pair, `D800..DBFF` first) sorts before U+E000..U+FFFF in UTF-16. So
/// only the first differing characters matter, compared by their UTF-16 units; the equal prefix
/// is skipped byte by byte.
pub(crate) fn cmp_utf16(a: &str, b: &str) -> Ordering {
    // Where one side is ASCII, the first difference has an ASCII character on that side, and
    // ASCII sorts before everything else in both encodings: byte order is the answer.
    if a.is_ascii() || b.is_ascii() {
        return a.as_bytes().cmp(b.as_bytes());
    }
    let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    // The prefix is equal, so both strings have their character boundaries at the same places.
    let start = (0..=common).rev().find(|&i| a.is_char_boundary(i)).unwrap_or(0);
    let next = |s: &str| s.get(start..).and_then(|rest| rest.chars().next());
    match (next(a), next(b)) {
        (Some(x), Some(y)) => utf16_units(x).cmp(&utf16_units(y)),
        // One is a prefix of the other (or they are equal): the shorter sorts first.
        _ => a.len().cmp(&b.len()),
    }
}

/// The UTF-16 encoding of `c` as a comparable pair (a BMP character never equals a high
/// surrogate, so `0` as its second unit is never compared).
fn utf16_units(c: char) -> (u16, u16) {
    let mut units = [0u16; 2];
    match c.encode_utf16(&mut units) {
        [first] => (*first, 0),
        [first, second] => (*first, *second),
        _ => (0, 0),
    }
}

/// A number per RFC 8785 section 3.2.2.3: ECMAScript `Number.prototype.toString`.
fn write_number(n: f64, out: &mut String) -> Result<()> {
    if !n.is_finite() {
        return Err(Error::new(
            Code::NumberOutOfRange,
            "NaN and Infinity have no JSON form and cannot be canonicalized (RFC 8785 3.2.2.3)",
        ));
    }
    // Both zeros print as `0`, as ECMAScript writes -0.
    crate::json::write_ecmascript_number(n, out);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_order_differs_from_utf8_order() {
        // U+1F600 is F0 9F 98 80 in UTF-8 (after EF AC B3 for U+FB33) but D83D DE00 in UTF-16
        // (before FB33).
        assert_eq!("\u{1F600}".cmp("\u{FB33}"), Ordering::Greater);
        assert_eq!(cmp_utf16("\u{1F600}", "\u{FB33}"), Ordering::Less);
        assert_eq!(cmp_utf16("a", "ab"), Ordering::Less);
        assert_eq!(cmp_utf16("ab", "ab"), Ordering::Equal);
        assert_eq!(cmp_utf16("\u{1F601}", "\u{1F600}"), Ordering::Greater);
        assert_eq!(cmp_utf16("\u{10400}", "\u{1F600}"), Ordering::Less);
    }

    #[test]
    fn utf16_order_matches_encode_utf16() {
        let samples = ["", "a", "é", "\u{FFFF}", "\u{E000}", "\u{10000}", "\u{10FFFF}", "aé", "a\u{10000}"];
        for a in samples {
            for b in samples {
                assert_eq!(cmp_utf16(a, b), a.encode_utf16().cmp(b.encode_utf16()), "{a:?} {b:?}");
            }
        }
    }
}
