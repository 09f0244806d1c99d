//! What every JSON text hookseal writes shares: RFC 8785's string escaping, ECMAScript's number
//! form, and one walk over a value. The walk is iterative, with the open containers on the heap,
//! so that the depth of a value costs heap memory, not call stack.

use alloc::string::String;
use alloc::vec::Vec;

use super::{Map, Value};
use crate::error::Result;

/// What one kind of JSON text decides for itself; [`write_tree`] does the rest.
pub(crate) trait TextStyle {
    /// An object's members in the order they are written.
    type Members<'a>: Iterator<Item = &'a (String, Value)>;
    /// Whether `value`, inside `open` containers, is written (`false`: `null` in its place), or
    /// an error that ends the text.
    fn admit(&self, value: &Value, open: usize) -> Result<bool>;
    /// Writes a number.
    fn number(&self, n: f64, out: &mut String) -> Result<()>;
    /// The members of `map`, in this text's order.
    fn members<'a>(&self, map: &'a Map) -> Result<Self::Members<'a>>;
}

/// A container whose members are being written.
enum Frame<'a, M> {
    Array(core::slice::Iter<'a, Value>),
    Object(M),
}

/// Appends `value` in `style`, compact. On error what was written so far stays in `out`.
pub(crate) fn write_tree<S: TextStyle>(value: &Value, out: &mut String, style: &S) -> Result<()> {
    let mut stack: Vec<Frame<'_, S::Members<'_>>> = Vec::new();
    let mut next = Some(value);
    loop {
        if let Some(value) = next.take() {
            if !style.admit(value, stack.len())? {
                out.push_str("null");
            } else {
                match value {
                    Value::Null => out.push_str("null"),
                    Value::Bool(true) => out.push_str("true"),
                    Value::Bool(false) => out.push_str("false"),
                    Value::Number(n) => style.number(*n, out)?,
                    Value::String(s) => write_string(s, out),
                    Value::Array(items) => {
                        out.push('[');
                        stack.push(Frame::Array(items.iter()));
                    }
                    Value::Object(map) => {
                        out.push('{');
                        stack.push(Frame::Object(style.members(map)?));
                    }
                }
            }
        }
        // Find the next value to write, closing the containers that are done.
        let Some(frame) = stack.last_mut() else {
            return Ok(());
        };
        // A container's first member directly follows its opening bracket.
        let first = matches!(out.as_bytes().last(), Some(b'[' | b'{'));
        let member = match frame {
            Frame::Array(items) => items.next().map(|item| (None, item)),
            Frame::Object(members) => members.next().map(|(name, item)| (Some(name), item)),
        };
        match member {
            Some((name, item)) => {
                if !first {
                    out.push(',');
                }
                if let Some(name) = name {
                    write_string(name, out);
                    out.push(':');
                }
                next = Some(item);
            }
            None => {
                out.push(if matches!(frame, Frame::Array(_)) { ']' } else { '}' });
                stack.pop();
            }
        }
    }
}

/// A string with `"`, `\` and the C0 controls escaped, everything else as itself: RFC 8785's
/// escaping, which every JSON parser reads back.
pub(crate) fn write_string(s: &str, out: &mut String) {
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let mut i = 0;
    loop {
        let run = i + super::plain_len(bytes.get(i..).unwrap_or_default());
        // Escaped bytes are ASCII, so the run before them is whole characters.
        out.push_str(s.get(i..run).unwrap_or_default());
        let Some(&byte) = bytes.get(run) else { break };
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x09 => "\\t",
            0x0A => "\\n",
            0x0C => "\\f",
            0x0D => "\\r",
            _ => "",
        };
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(hex_digit(byte >> 4));
            out.push(hex_digit(byte & 0xF));
        } else {
            out.push_str(escape);
        }
        i = run + 1;
    }
    out.push('"');
}

fn hex_digit(nibble: u8) -> char {
    char::from_digit(u32::from(nibble), 16).unwrap_or('0')
}

/// Appends a finite `n` as ECMAScript's `Number.prototype.toString` writes it (`-0` as `0`).
pub(crate) fn write_ecmascript_number(n: f64, out: &mut String) {
    // Integers below 2^53 print as their digits, which itoa writes without the
    // shortest-round-trip search.
    #[allow(clippy::cast_possible_truncation)]
    let integer = n as i64;
    #[allow(clippy::cast_precision_loss)]
    if n.abs() < 9_007_199_254_740_992.0 && integer as f64 == n {
        // The size-bound build prints them with `core::fmt`, which it carries anyway, rather
        // than with itoa, whose panic paths bring `Debug` formatting along.
        #[cfg(feature = "host-numbers")]
        let _ = core::fmt::Write::write_fmt(out, format_args!("{integer}"));
        #[cfg(not(feature = "host-numbers"))]
        out.push_str(itoa::Buffer::new().format(integer));
    } else {
        #[cfg(feature = "host-numbers")]
        super::host::write_number(n, out);
        #[cfg(not(feature = "host-numbers"))]
        out.push_str(ryu_js::Buffer::new().format_finite(n));
    }
}
