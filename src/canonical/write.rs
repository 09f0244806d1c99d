//! The JCS writer: values to canonical text (RFC 8785 section 3.2).
//!
//! Iterative, with an explicit stack of open containers on the heap, so that the depth of a value
//! costs heap memory, not call stack; the depth limit is a policy, checked as containers open.

use alloc::vec::Vec;
use alloc::{string::String, vec};
use core::cmp::Ordering;

use crate::error::{Code, Error, Result};
use crate::json::{Map, Value};

/// A container whose members are being written.
enum Frame<'a> {
    Array(core::slice::Iter<'a, Value>),
    Object(vec::IntoIter<(&'a String, &'a Value)>),
}

/// Appends the canonical form of `value` to `out`, refusing containers nested deeper than
/// `max_depth`. On error `out` is truncated back to its length on entry.
pub(super) fn write_value(value: &Value, out: &mut String, max_depth: usize) -> Result<()> {
    let start = out.len();
    let result = write_tree(value, out, max_depth);
    if result.is_err() {
        out.truncate(start);
    }
    result
}

fn write_tree(value: &Value, out: &mut String, max_depth: usize) -> Result<()> {
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let mut next = Some(value);
    loop {
        if let Some(value) = next.take() {
            match value {
                Value::Null => out.push_str("null"),
                Value::Bool(true) => out.push_str("true"),
                Value::Bool(false) => out.push_str("false"),
                Value::Number(n) => write_number(*n, out)?,
                Value::String(s) => write_string(s, out),
                Value::Array(items) => {
                    check_depth(stack.len(), max_depth)?;
                    out.push('[');
                    stack.push(Frame::Array(items.iter()));
                }
                Value::Object(map) => {
                    check_depth(stack.len(), max_depth)?;
                    out.push('{');
                    stack.push(Frame::Object(sorted_members(map)?.into_iter()));
                }
            }
        }
        // Find the next value to write, closing the containers that are done.
        let Some(frame) = stack.last_mut() else {
            return Ok(());
        };
        // A container's first member directly follows its opening bracket.
        let first = matches!(out.as_bytes().last(), Some(b'[' | b'{'));
        match frame {
            Frame::Array(items) => match items.next() {
                Some(item) => {
                    if !first {
                        out.push(',');
                    }
                    next = Some(item);
                }
                None => {
                    out.push(']');
                    stack.pop();
                }
            },
            Frame::Object(members) => match members.next() {
                Some((name, item)) => {
                    if !first {
                        out.push(',');
                    }
                    write_string(name, out);
                    out.push(':');
                    next = Some(item);
                }
                None => {
                    out.push('}');
                    stack.pop();
                }
            },
        }
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

/// The members of `map` in canonical order. A [`Map`] never holds a name twice, but should one
/// ever do, it is refused rather than written twice.
fn sorted_members(map: &Map) -> Result<Vec<(&String, &Value)>> {
    let mut members: Vec<(&String, &Value)> = map.iter().collect();
    crate::sort::heapsort(&mut members, |(a, _), (b, _)| cmp_utf16(a, b).is_lt());
    if members.windows(2).any(|pair| matches!(pair, [(a, _), (b, _)] if a == b)) {
        return Err(Error::new(Code::DuplicateKey, "an object holds the same property name twice"));
    }
    Ok(members)
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

/// A string per RFC 8785 section 3.2.2.2: escape `"`, `\` and C0 controls, nothing else.
fn write_string(s: &str, out: &mut String) {
    out.reserve(s.len() + 2);
    out.push('"');
    let mut run = 0;
    for (i, byte) in s.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x09 => "\\t",
            0x0A => "\\n",
            0x0C => "\\f",
            0x0D => "\\r",
            0x00..=0x1F => "",
            _ => continue,
        };
        // Escaped bytes are ASCII, so the run before them is whole characters.
        out.push_str(s.get(run..i).unwrap_or_default());
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(hex_digit(byte >> 4));
            out.push(hex_digit(byte & 0xF));
        } else {
            out.push_str(escape);
        }
        run = i + 1;
    }
    out.push_str(s.get(run..).unwrap_or_default());
    out.push('"');
}

fn hex_digit(nibble: u8) -> char {
    char::from_digit(u32::from(nibble), 16).unwrap_or('0')
}

/// A number per RFC 8785 section 3.2.2.3: ECMAScript `Number.prototype.toString`.
fn write_number(n: f64, out: &mut String) -> Result<()> {
    if !n.is_finite() {
        return Err(Error::new(
            Code::NumberOutOfRange,
            "NaN and Infinity have no JSON form and cannot be canonicalized (RFC 8785 3.2.2.3)",
        ));
    }
    if n == 0.0 {
        // Both zeros, as ECMAScript writes -0.
        out.push('0');
    } else {
        out.push_str(ryu_js::Buffer::new().format_finite(n));
    }
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
